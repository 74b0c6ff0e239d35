"""Attribution rules, each with a case where it must fire and one where it must not.

All texts are invented for these tests.
"""

from __future__ import annotations

from newslib import parse_text, quotes
from newslib.quotes import attributed_quotations, headline_quotations, speech_quotations
from tests.conftest import article


def speakers(text: str) -> list:
    return quotes(article(text))["speaker"].tolist()


# -- follow-on quotations ----------------------------------------------------------------------

def test_follow_on_quote_inherits_the_previous_speaker():
    text = '"We will build it," said Jane Ross. "Nobody wants a delay."'
    assert speakers(text) == ["Jane Ross", "Jane Ross"]
    text = '"We will build it," said Jane Ross.\n\n"Nobody wants a delay."'
    assert speakers(text) == ["Jane Ross", "Jane Ross"]


def test_follow_on_quote_does_not_inherit_across_another_named_person():
    text = ('"We will build it," said Jane Ross.\n\nTom Hill, a farmer, was unmoved. '
            '"Nobody wants a delay."')
    assert speakers(text)[1] != "Jane Ross"


def test_follow_on_takes_the_reporting_sentence_before_it():
    text = ('"It works," said Jane Ross.\n\nTom Hill said the plan had failed. '
            '"It never worked."')
    assert speakers(text) == ["Jane Ross", "Tom Hill"]


# -- pronouns ----------------------------------------------------------------------------------

def test_she_resolves_to_a_woman_named_without_a_title():
    text = 'Jane Porter runs the shop. "Trade is slow," she added.'
    assert speakers(text) == ["Jane Porter"]


def test_she_never_resolves_to_a_mr():
    text = 'Mr Tom Hale runs the shop. "Trade is slow," she added.'
    assert speakers(text) == ["she"]


def test_earlier_pronoun_use_fixes_gender():
    # Nothing says Alex Moran's sex until "he"; later "she" must not resolve to him.
    text = ('Alex Moran runs the shop. "Trade is slow," he said.\n\n'
            '"It will pick up," she said.')
    assert speakers(text) == ["Alex Moran", "she"]


def test_pronoun_prefers_the_subject_of_the_nearest_sentence():
    text = 'Tom Reid met Paul Shaw on Monday. "We agreed," he said.'
    assert speakers(text) == ["Tom Reid"]
    text = 'Paul Shaw met Tom Reid on Monday. "We agreed," he said.'
    assert speakers(text) == ["Paul Shaw"]


def test_mentions_inside_quotations_do_not_count_for_pronouns():
    text = ('Tom Reid spoke first.\n\n"I met John Parker yesterday and he was calm," '
            'he said.')
    assert speakers(text) == ["Tom Reid"]
    # John Parker is named only inside the quotation of the sentence before "he said".
    text = ('Trade was slow.\n\nTom Reid spoke first. "I met John Parker yesterday." '
            '"It went well," he said.')
    assert speakers(text)[-1] == "Tom Reid"
    # Named in narration instead, John Parker is the nearer antecedent.
    text = ('Trade was slow.\n\nTom Reid spoke first. John Parker arrived later. '
            '"It went well," he said.')
    assert speakers(text)[-1] == "John Parker"


# -- the subject of the reporting verb ---------------------------------------------------------

def test_thing_noun_is_not_a_speaker():
    assert speakers('The report said the scheme was "a failure".') != ["The report"]
    assert speakers('The minister said the scheme was "a failure".') == ["The minister"]


def test_weekday_is_not_a_speaker():
    assert speakers('On Tuesday said the sale was "a failure".') != ["Tuesday"]
    assert speakers('On Tuesday Jane Ross said the sale was "a failure".') == ["Jane Ross"]


def test_possessive_is_not_the_speaker():
    table = quotes(article('Mr Howard\'s spokesman said it was "wrong".'))
    assert table["speaker"].tolist() == ["Mr Howard's spokesman"]
    assert speakers('Mr Howard said it was "wrong".') == ["Mr Howard"]


def test_object_of_told_is_not_the_speaker():
    assert speakers('"Go home," Jane Ross told the Daily Courier.') == ["Jane Ross"]
    assert speakers('"Go home," said Jane Ross.') == ["Jane Ross"]


def test_names_with_initials_and_particles_are_kept_whole():
    text = '"We will wait," said Heather C. Briccetti, president of the council.'
    assert speakers(text) == ["Heather C. Briccetti"]
    text = '"We will wait," said Heather Briccetti, president of the council.'
    assert speakers(text) == ["Heather Briccetti"]


def test_description_with_an_organisation_is_kept_whole():
    text = 'A spokeswoman for the Harbour Trust said it was "good news".'
    assert speakers(text) == ["A spokeswoman for the Harbour Trust"]
    text = 'Director of research Jane Ross said it was "good news".'
    assert speakers(text) == ["Jane Ross"]


def test_coordinated_subjects_are_both_speakers():
    assert speakers('Jane Ross and Tom Hill said: "We agree."') == ["Jane Ross and Tom Hill"]
    assert speakers('Jane Ross said: "We agree."') == ["Jane Ross"]


# -- one canonical name per person -------------------------------------------------------------

def test_one_canonical_name_with_the_title_in_its_own_column():
    text = ('Councillor Maria Lopez said the road was "unsafe".\n\n'
            '"We need a crossing," Ms Lopez added.')
    table = quotes(article(text))
    assert table["speaker"].tolist() == ["Maria Lopez", "Maria Lopez"]
    assert table["title"].notna().all()
    text = ('Councillor Maria Lopez said the road was "unsafe".\n\n'
            '"We need a crossing," Ms Kerr added.')
    assert quotes(article(text))["speaker"].tolist() == ["Maria Lopez", "Ms Kerr"]


def test_knights_keep_their_title_in_the_name():
    text = ('Sir Peter Hall said it was "a start".\n\n'
            'Sir Peter said the work was "only the beginning".')
    assert speakers(text) == ["Sir Peter Hall", "Sir Peter Hall"]


# -- lede rule -----------------------------------------------------------------------------------

def test_lede_rule_prefers_the_person_named_after_the_description():
    # Jim Bell (before) is nearer to the description than Anna Kerr (after).
    text = ('Jim Bell watched the budget. "Taxes will rise," the finance minister said, in a '
            'long speech to traders at the annual dinner of the city chamber of commerce.'
            '\n\nAnna Kerr was speaking in Leeds, where she met traders.')
    assert speakers(text) == ["Anna Kerr"]


def test_lede_rule_skips_a_person_not_opening_a_sentence():
    text = ('"Taxes will rise," the finance minister said.\n\n'
            'Farmers such as Mr John Smith disagreed.')
    assert speakers(text) == ["The finance minister"]


def test_lede_rule_only_applies_to_the_first_paragraph():
    text = ('Trade was slow.\n\n"Taxes will rise," the finance minister said.\n\n'
            'Anna Kerr was speaking in Leeds.')
    assert speakers(text) == [None, "The finance minister"][1:]


# -- kinds and headlines -------------------------------------------------------------------------

def test_scare_quotes_are_not_speech():
    parsed = article('The so-called "golden rule" was broken again.')
    assert [q.kind for q in attributed_quotations(parsed)] == ["scare"]
    assert speech_quotations(parsed) == []
    parsed = article('Jane Ross said the rule was "broken".')
    assert [q.kind for q in speech_quotations(parsed)] == ["partial"]


def test_headline_quotes_are_kept_apart_from_the_body():
    parsed = parse_text("Minister 'up for it' ahead of poll\n\nThe minister said it was "
                        "\"a fair fight\".", id="h", expect_header=False, headline=True)
    assert parsed.meta["title"] == "Minister 'up for it' ahead of poll"
    assert [q.in_headline for q in headline_quotations(parsed)] == [True]
    table = quotes(parsed)
    assert table["in_headline"].tolist() == [True, False]
    assert table["paragraph"].tolist() == [-1, 0]
    assert [q.kind for q in speech_quotations(parsed)] == ["partial"]


def test_a_full_first_sentence_is_not_a_headline():
    parsed = parse_text('Trade was slow.\n\n"It is bad," she said.', id="h",
                        expect_header=False, headline=True)
    assert "title" not in parsed.meta
    parsed = parse_text("Talks on track\n\nThe talks went on.", id="h", expect_header=False)
    assert "title" not in parsed.meta
    assert len(parsed.paragraphs) == 2


# -- no hidden state -----------------------------------------------------------------------------

def test_cached_quotations_are_copies():
    parsed = article('"It is bad," said Jane Ross.')
    first = attributed_quotations(parsed)
    first[0].speaker = "edited"
    assert attributed_quotations(parsed)[0].speaker == "Jane Ross"
    assert parsed.warnings == []


# -- appositives, surnames used alone, age descriptions -------------------------------------------

def test_appositives_are_skipped_back_to_the_name():
    text = 'Tom Hill, 26, from Leeds, said: "It was a turning point."'
    assert speakers(text) == ["Tom Hill"]
    text = 'Jane Ross, shadow secretary for the family, told the radio it was "inadequate".'
    assert speakers(text) == ["Jane Ross"]
    text = 'Jane Ross, a local candidate said: "We will win."'
    assert speakers(text) == ["Jane Ross"]
    # No name before the appositive: nobody is invented.
    assert speakers('In Leeds, on Monday, said: "It was a turning point."') == [None]


def test_a_surname_used_alone_marks_a_person():
    # Neither a title, a role word nor a listed given name: "Brannagh" alone makes
    # "Orrin Brannagh" a person, so "he" finds him rather than the earlier "Tom Hill".
    text = ('Tom Hill spoke first.\n\nOrrin Brannagh has joined the protest. Brannagh said it '
            'was late. "We are angry," he said.')
    assert speakers(text) == ["Orrin Brannagh"]
    text = ('Tom Hill spoke first.\n\nOrrin Brannagh has joined the protest. '
            '"We are angry," he said.')
    assert speakers(text) == ["Tom Hill"]


def test_an_age_description_refers_back_to_a_named_person():
    # (Not the first paragraph, where the lede rule would apply.)
    text = 'Trade was slow.\n\nJane Ross spoke. "It was fun," said the 74-year-old comedian.'
    assert speakers(text) == ["Jane Ross"]
    text = 'Trade was slow.\n\n"It was fun," said the 74-year-old comedian.'
    assert speakers(text) == ["The 74-year-old comedian"]


# -- unnamed sources and prepositional objects ----------------------------------------------------

def test_an_unnamed_source_reporting_in_narration_is_a_pronoun_antecedent():
    text = ('Trade was slow.\n\nA spokeswoman for the Harbour Trust said it was examining one '
            'complaint. "We are investigating," she said.')
    assert speakers(text) == ["A spokeswoman for the Harbour Trust"]
    text = 'Trade was slow.\n\nThe trust is examining a complaint. "We are investigating," she said.'
    assert speakers(text) == ["she"]


def test_a_later_definite_description_is_the_same_unnamed_source():
    text = ('Trade was slow.\n\nA spokeswoman for the Harbour Trust said it was busy. '
            '"Bookings are up," said the spokeswoman.')
    assert speakers(text) == ["A spokeswoman for the Harbour Trust"]
    text = 'Trade was slow.\n\n"Bookings are up," said the spokeswoman.'
    assert speakers(text) == ["The spokeswoman"]


def test_the_object_of_a_preposition_is_not_the_subject():
    text = 'Jane Ross has written to the regulator accusing the firm of "a flagrant breach".'
    assert speakers(text) == ["Jane Ross"]
    text = 'The regulator, accusing the firm of "a flagrant breach", wrote to Jane Ross.'
    assert speakers(text) != ["Jane Ross"]


# -- verbs used as nouns, participles, role modifiers, places in appositions ---------------------

def test_a_verb_form_after_a_possessive_is_a_noun_not_the_cue():
    table = quotes(article('Jane Ross should "hold firm" over his "rude" comment, Tom Hill '
                           'has insisted.'))
    assert table["cue"].tolist()[0] == "insisted"
    table = quotes(article('Jane Ross should "hold firm", Tom Hill has insisted.'))
    assert table["cue"].tolist() == ["insisted"]


def test_a_participle_without_comma_takes_the_sentence_subject():
    text = 'Jane Ross is to make a pitch urging people who feel "ignored" to vote.'
    assert speakers(text) == ["Jane Ross"]
    text = 'The plan is a pitch urging people who feel "ignored" to vote.'
    assert speakers(text) != ["Jane Ross"]


def test_a_role_with_another_party_does_not_match():
    text = ('Trade was slow.\n\nLabour chairman Tom Hill spoke. "It is late," said the Labour '
            'chairman.')
    assert speakers(text) == ["Tom Hill"]
    text = ('Trade was slow.\n\nLabour chairman Tom Hill spoke. "It is late," said the Tory '
            'chairman.')
    assert speakers(text) == ["The Tory chairman"]


def test_a_place_in_an_apposition_is_not_the_speaker():
    text = 'Mr Hill, MP for Easton, Northshire, said it was "late".'
    assert speakers(text) == ["Mr Hill"]
    text = 'The head of the council, Tom Hill, said it was "late".'
    assert speakers(text) == ["Tom Hill"]


def test_a_quote_right_after_its_person_subject_is_their_words():
    text = 'Trade was slow.\n\nA council spokesman "totally rejected" the claim.'
    assert speakers(text) == ["A council spokesman"]
    parsed = article('Trade was slow.\n\nThe new bridge "totally changed" the town.')
    assert speech_quotations(parsed) == []


def test_a_body_is_never_he_or_she():
    text = ('Trade was slow.\n\nThe company said sales fell. "We are sorry," she said.')
    assert speakers(text) == ["she"]
    text = ('Trade was slow.\n\nA company spokeswoman said sales fell. "We are sorry," she said.')
    assert speakers(text) == ["A company spokeswoman"]


def test_an_unmatched_definite_description_refers_back_to_a_person_without_a_role():
    text = 'Trade was slow.\n\nTom Hill spoke. "It is late," said the Tory leader.'
    assert speakers(text) == ["Tom Hill"]
    text = 'Trade was slow.\n\nLabour chairman Tom Hill spoke. "It is late," said the Tory leader.'
    assert speakers(text) == ["The Tory leader"]


def test_two_people_sharing_a_surname_stay_apart():
    text = ('Trade was slow.\n\nJane Ross spoke first. Tom Ross, her brother, agreed. '
            '"It is late," said Tom Ross.')
    assert speakers(text) == ["Tom Ross"]
    text = ('Trade was slow.\n\nJane Ross spoke first. Ms Ross agreed. '
            '"It is late," said Ms Ross.')
    assert speakers(text) == ["Jane Ross"]


def test_an_acronym_speaker_takes_the_spelt_out_name():
    text = ('The Harbour Safety Board (HSB) met.\n\n"It is late," the HSB said.')
    assert speakers(text) == ["Harbour Safety Board"]
    assert speakers('Trade was slow.\n\n"It is late," the HSB said.') == ["HSB"]


def test_subject_found_across_to_infinitives_and_quoted_appositives():
    assert speakers('Jane Ross went on to criticise "lazy" reporting.') == ["Jane Ross"]
    assert speakers('The plan went on to criticise "lazy" reporting.') != ["Jane Ross"]
    text = 'Jane Ross, one of the so-called "Quiet Five" elected in 1997, told us: "It was hard."'
    assert speakers(text)[-1] == "Jane Ross"


def test_coordinated_verbs_share_the_sentence_subject():
    text = ('Trade was slow.\n\nTom Hill spoke first. Jane Ross welcomed the plan and said '
            'it had "passed the first test".')
    assert speakers(text) == ["Jane Ross"]
    text = 'Trade was slow.\n\nThe plan was welcomed and said to have "passed the first test".'
    assert speakers(text) != ["Jane Ross"]


def test_quoted_as_saying_takes_the_subject_of_quoted():
    text = 'The aid chief, Jane Ross, was quoted as saying aid must come "in the first hours".'
    assert speakers(text) == ["Jane Ross"]


def test_a_pronoun_repeated_in_its_sentence_keeps_its_referent():
    text = ('Trade was slow.\n\nTom Hill led the party. When he refused to back Mr Ray Wood, '
            'he said: "I will not resign."')
    assert speakers(text) == ["Tom Hill"]
    text = ('Trade was slow.\n\nTom Hill led the party. After a row with Mr Ray Wood, '
            'he said: "I will not resign."')
    assert speakers(text) == ["Ray Wood"]


def test_a_named_reporter_of_indirect_speech_is_a_person():
    # "Orrin Vale" has no title, role or listed given name; reporting speech makes him a
    # person, so the next "he" is him.
    text = ('Trade was slow.\n\nTom Hill spoke. Orrin Vale said the rules were essential. '
            '"They must apply to all," he said.')
    assert speakers(text) == ["Orrin Vale"]
    text = ('Trade was slow.\n\nTom Hill spoke. Orrin Vale Trust rules were essential. '
            '"They must apply to all," he said.')
    assert speakers(text) == ["Tom Hill"]


def test_peers_are_named_by_title_and_surname():
    text = ('Jim Hale led the party for years. Lord Hale said it was "a long road".')
    assert speakers(text) == ["Lord Hale"]
    assert speakers('Sir Jim Hale said it was "a long road".') == ["Sir Jim Hale"]


def test_a_follow_on_after_a_quote_in_the_sentence_before_keeps_its_speaker():
    text = ('Trade was slow.\n\nThe firm denied it, but its lawyer, Jane Ross, added: "It is '
            'false. "The claim is absurd."')
    assert speakers(text) == ["Jane Ross", "Jane Ross"]


def test_a_full_quote_after_a_sentence_about_a_named_person_is_theirs():
    text = ('Trade was slow.\n\nMr Lee, who grew up in Leeds, agreed. "Saving is hard here."')
    assert speakers(text) == ["Mr Lee"]
    text = ('Trade was slow.\n\nThe weather in Leeds was poor. "Saving is hard here."')
    assert speakers(text) == [None]


def test_according_to_in_the_sentence_before_names_a_follow_on_speaker():
    text = ('Trade was slow.\n\nThe problem, according to Mr Lane, is the leader. '
            '"I have a new slogan."')
    assert speakers(text) == ["Mr Lane"]


def test_verbless_attribution_names_the_speaker():
    text = '"The voters are keener than members," is the dry assessment of Jane Ross.'
    assert speakers(text) == ["Jane Ross"]
    text = '"The voters are keener than members," is the dry assessment of many.'
    assert speakers(text) == [None]


def test_a_name_before_the_quote_is_part_of_what_was_said():
    text = ('Trade was slow.\n\nMr Ray Wood spoke in court. Mr Tom Hill "made the decisions," '
            'he told the court.')
    assert speakers(text) == ["Ray Wood"]
    text = 'Trade was slow.\n\nMr Ray Wood spoke in court. "I made the decisions," he said.'
    assert speakers(text) == ["Ray Wood"]


def test_a_participle_after_a_quote_keeps_the_sentence_speaker():
    text = ('Trade was slow.\n\nMr Ray Wood spoke in court. Mr Tom Hill "made the decisions," '
            'he told the court, saying his aide had "a keen eye".')
    assert speakers(text) == ["Ray Wood", "Ray Wood"]
    text = ('Trade was slow.\n\nMr Ray Wood spoke in court. Mr Tom Hill left, saying '
            'his aide had "a keen eye".')
    assert speakers(text) == ["Tom Hill"]
