"""Rhetoric measures: voices, reporting verbs, stance, loaded language, repetition, triads,
actor portrayal."""

from __future__ import annotations

import pytest

from newslib import rhetoric
from newslib.lexicon import lexicon_header, lexicon_rows, match_terms
from tests.conftest import article

LEXICONS = ["reporting_verbs.tsv", "titles.tsv", "role_nouns.tsv", "stance_markers.tsv",
            "evaluative_words.tsv", "evaluative_exclusions.tsv", "evaluative_additions.tsv",
            "topic_words.tsv", "demonyms.tsv"]


@pytest.mark.parametrize("name", LEXICONS)
def test_every_lexicon_has_an_honest_header(name):
    header = lexicon_header(name)
    for field in ("Source:", "License:", "Size:"):
        assert field in header, f"{name} lacks {field}"
    stated = int(header.split("Size:")[1].split()[0])
    assert stated == len(lexicon_rows(name))


def test_quote_share_of_the_seed(seed):
    # 411 words; narration keeps 173 of them, so 238 are inside quotation marks.
    assert rhetoric.quote_share(seed) == pytest.approx(238 / 411)


def test_voices_of_the_seed(seed):
    table = rhetoric.voices(seed).set_index("voice")
    assert list(table.index) == ["narration", "Ben Wallace", "Gillian Keegan", "Vladimir Putin",
                                 "A Downing Street spokesperson"]
    assert table.loc["narration", "words"] == 173
    assert table["words"].sum() == 411
    assert table.loc["Ben Wallace", "quotations"] == 4
    assert table.loc["Gillian Keegan", "words"] == 4  # "clearly an escalation" + "concerning"
    assert table.loc["Vladimir Putin", "reporting_verbs"] == "accuse, criticise, tell, add"
    assert table.loc["Vladimir Putin", "loaded_verbs"] == 2
    assert table.loc["A Downing Street spokesperson", "voice_kind"] == "unnamed"
    assert table["word_share"].sum() == pytest.approx(1.0)


def test_reporting_verbs_grouped_by_stance(seed):
    table = rhetoric.reporting_verbs(seed).set_index("cue_lemma")
    assert table.loc["say", "count"] == 6  # one "said" introduces both of Keegan's quotes
    assert table.loc["say", "stance"] == "neutral"
    assert table.loc["accuse", "stance"] == "loaded"
    assert table.loc["accuse", "speakers"] == "Vladimir Putin"
    assert "blame" in table.loc["accuse", "note"]


def test_stance_markers_per_voice():
    text = ('Officials said the plan may perhaps work. Mr Smith said: "We will certainly win. '
            'They must surely lose."')
    table = rhetoric.stance_markers(article(text))
    counts = table.set_index(["voice", "category"])["count"]
    assert counts[("narration", "hedge")] == 1  # perhaps
    assert counts[("narration", "modal_weak")] == 1  # may
    assert counts[("Mr Smith", "booster")] == 2  # certainly, surely
    assert counts[("Mr Smith", "modal_strong")] == 2  # will, must
    assert counts[("Mr Smith", "first_person_plural")] == 1
    assert counts[("Mr Smith", "third_person_plural")] == 1
    assert counts[("all quoted speech", "booster")] == 2
    rows = table.set_index(["voice", "category"])
    # Mr Smith's voice: "We will certainly win. They must surely lose." = 8 words.
    assert rows.loc[("Mr Smith", "booster"), "words"] == 8
    assert rows.loc[("Mr Smith", "booster"), "per_1000"] == pytest.approx(2 * 1000 / 8)


def _stance(text: str) -> list[tuple[str, str]]:
    table = rhetoric.stance_matches(article(text))
    return list(zip(table["form"], table["category"], strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    # case: "us" the pronoun, not "US" the country
    ("They told us.", [("They", "third_person_plural"), ("us", "first_person_plural")]),
    ("The US embassy closed.", []),
    # "may" the modal, not "May" the month; "Will" before a name is not a modal
    ("Prices may rise in May.", [("may", "modal_weak")]),
    ("Will Smith said he will go.", [("will", "modal_strong")]),
    ("The will of the people prevailed.", []),
    # manner adverbs and quantifiers are not listed
    ("The troops were badly led.", []),
    ("Most people, all of us, saw such a thing.", [("us", "first_person_plural")]),
    # intensifier only before an adjective, adverb or participle
    ("The troops were very badly led.", [("very", "intensifier")]),
    ("He was so tired.", [("so", "intensifier")]),
    ("It rained, so the talks ended.", []),
    # possessive determiners are not pronouns of the measure
    ("Their sovereignty matters to them.", [("them", "third_person_plural")]),
    # hedges with a condition
    ("He appeared in court.", []),
    ("He appeared to hesitate.", [("appeared", "hedge")]),
    ("Around 300 people came.", [("Around", "hedge")]),
    ("They walked around the corner.", [("They", "third_person_plural")]),
    ("It is clear that he lied.", [("clear", "booster")]),
    ("The sky was clear.", []),
    # "I" is matched as written only
    ("I left. Item i was lost.", [("I", "first_person_singular")]),
])
def test_stance_rules_fire_and_do_not_fire(text, expected):
    assert _stance(text) == expected


NEUTRAL = ("The breaking of the dam upstream delayed the opening of the new museum, the US "
           "embassy said in May; admission fees will vary widely by age, and the family laid "
           "flowers at his grave after a weekend retreat in the hills.")


def test_a_neutral_sentence_has_no_evaluative_words_and_no_hedges():
    neutral = article(NEUTRAL)
    assert rhetoric.evaluative_words(neutral).empty
    assert rhetoric.topic_words(neutral).empty
    stance = rhetoric.stance_matches(neutral)
    assert list(zip(stance["form"], stance["category"], strict=True)) == [
        ("will", "modal_strong")]  # the one stance word: no hedge, no "us", no "May"


def test_evaluative_words_are_listed_with_offsets_and_voice():
    text = 'Officials said the plan was brilliant. "It is a shameful, cruel failure," Mr Smith said.'
    doc = article(text)
    table = rhetoric.evaluative_words(doc)
    assert list(table["term"]) == ["brilliant", "shameful", "cruel", "failure"]
    assert list(table["category"]) == ["positive", "negative", "negative", "negative"]
    assert list(table["voice"]) == ["narration", "Mr Smith", "Mr Smith", "Mr Smith"]
    assert [doc.body[s:e] for s, e in zip(table["start"], table["end"], strict=True)] == [
        "brilliant", "shameful", "cruel", "failure"]
    assert table["valence"].tolist() == [2.8, -2.2, -2.8, -2.3]  # VADER's means


def test_word_list_rates_by_hand():
    text = ('Two soldiers were killed in the attack, police said. "It is a shameful, cruel '
            'failure," Mr Smith said.')
    rates = rhetoric.word_list_rates(article(text)).set_index(["voice", "measure"])
    # narration: Two soldiers were killed in the attack police said (9) + Mr Smith said (3)
    assert rates.loc[("narration", "topic"), "words"] == 12
    assert rates.loc[("narration", "topic"), "count"] == 2  # killed, attack
    assert rates.loc[("narration", "topic"), "per_1000"] == pytest.approx(2000 / 12)
    assert rates.loc[("narration", "topic_death_injury"), "count"] == 1
    assert rates.loc[("narration", "topic_violence_conflict"), "count"] == 1
    assert rates.loc[("narration", "evaluative"), "count"] == 0
    # Mr Smith: It is a shameful cruel failure = 6 words, 3 evaluative
    assert rates.loc[("Mr Smith", "evaluative"), "per_1000"] == pytest.approx(500.0)
    assert rates.loc[("Mr Smith", "evaluative_negative"), "count"] == 3
    assert rates.loc[("Mr Smith", "evaluative_positive"), "count"] == 0
    assert rates.loc[("Mr Smith", "topic"), "count"] == 0


def test_topic_words_are_not_evaluative_words():
    doc = article("The criminal regime was accused of illegal killings.")
    assert rhetoric.evaluative_words(doc).empty
    assert set(rhetoric.topic_words(doc)["term"]) == {"criminal", "regime", "illegal", "killings"}
    condemned = article("The barbaric regime was accused of illegal killings.")
    assert list(rhetoric.evaluative_words(condemned)["term"]) == ["barbaric"]  # hand addition


def test_loaded_language_is_the_evaluative_table(seed):
    assert rhetoric.loaded_language(seed).equals(rhetoric.evaluative_words(seed))
    evaluative = rhetoric.evaluative_words(seed).groupby("term")["voice"].apply(set)
    assert evaluative["pariah"] == {"Ben Wallace"}
    assert evaluative["reprehensible"] == {"A Downing Street spokesperson"}
    topic = rhetoric.topic_words(seed).groupby("term")["voice"].apply(set)
    assert topic["illegal"] == {"Ben Wallace"}
    assert "illegal" not in evaluative.index


def test_match_terms_prefers_longer_entries():
    words = ["there", "is", "no", "doubt"]
    assert match_terms(words, "stance_markers.tsv") == [(2, 4, "no doubt", "booster")]
    assert match_terms(["no", "one"], "stance_markers.tsv") == [(0, 1, "no", "negation")]


def test_phrases_do_not_match_across_punctuation():
    assert _stance("Of course he came.") == [("Of course", "booster")]
    assert _stance("In the course of time, of, course.") == []


def test_repetition_finds_the_seeds_repeated_phrases(seed):
    table = rhetoric.repetition(seed)
    phrases = dict(zip(table["phrase"], table["count"], strict=True))
    assert phrases["ill-equipped and badly led"] == 2
    assert phrases["tens of thousands of ... to their deaths"] == 2
    assert phrases["admission that his invasion is failing"] == 2
    assert phrases["tens of thousands"] == 3  # twice in the quote-framed phrase, once alone
    assert "tens of thousands ... to their deaths" not in phrases  # covered by the longer one
    assert "the war" not in phrases  # two-word phrases need two content words
    row = table[table["phrase"] == "ill-equipped and badly led"].iloc[0]
    assert [seed.body[s:e] for s, e in row.spans] == ["ill-equipped and badly led"] * 2
    assert row.voices == ["Ben Wallace"]


def test_lists_of_three(seed):
    table = rhetoric.lists_of_three(seed)
    assert len(table) == 1
    assert table.iloc[0]["items"] == ["Ukraine is winning this war",
                                      "the international community are united",
                                      "Russia is becoming a global pariah"]
    assert table.iloc[0]["voice"] == "Ben Wallace"
    simple = rhetoric.lists_of_three(article("They wanted bread, land and peace."))
    assert simple.iloc[0]["items"] == ["bread", "land", "peace"]
    assert rhetoric.lists_of_three(article("We met, to protect Russia and our people.")).empty


def test_actor_portrayal(seed):
    table = rhetoric.actor_portrayal(seed)
    rows = {(r.actor, r.relation, r.word) for r in table.itertuples()}
    assert ("Vladimir Putin", "subject_of", "sending") in rows
    assert ("Vladimir Putin", "subject_of", "accused") in rows
    assert ("Vladimir Putin", "possesses", "forces") in rows
    assert ("Ukraine", "subject_of", "winning") in rows
    assert ("Russia", "subject_of", "becoming") in rows
    assert ("Russia", "modifies", "troops") in rows
    assert ("UK", "possesses", "secretary") in rows
    assert not any(actor == "Ukraine" and word == "admission" for actor, _, word in rows)


def test_actor_portrayal_of_a_mention_at_the_first_token():
    # The article ends in a preposition; the two-token mention at tokens 0-1 has no word
    # before it, so it must not be read as "... for Vladimir Putin" (the word before used to
    # wrap round to the article's last token).
    doc = article("Vladimir Putin is sending more troops. Mr Putin said the war was going well for")
    rows = {(r.actor, r.relation, r.word) for r in rhetoric.actor_portrayal(doc).itertuples()}
    assert ("Vladimir Putin", "subject_of", "sending") in rows
    inside = article("Officials in Ukraine are winning the war.")
    assert rhetoric.actor_portrayal(inside).empty  # "in Ukraine": not the subject


def test_actor_mentions_count_a_full_name_once(seed):
    mentions = rhetoric.actor_mentions(seed)
    first = mentions.iloc[0]
    assert (first.actor, first.form) == ("Vladimir Putin", "Vladimir Putin")
    assert (mentions["actor"] == "Vladimir Putin").sum() == 5


# An invented article: two quoted speakers, a hyphenated word, a number, a curly possessive
# and a dash, all places where counting schemes used to differ.
QUOTED = ('The minister’s ill-equipped staff met 300,000 voters on Monday. "We will win — '
          'clearly," Jane Smith said. "They cannot," said Tom Brown. The minister\'s aides '
          'left.')


@pytest.mark.parametrize("which", ["seed", "invented"])
def test_words_per_voice_agree_with_usage(which, seed):
    from newslib import tone, usage

    doc = seed if which == "seed" else article(QUOTED)
    words = rhetoric.voices(doc).set_index("voice")["words"]
    per_voice = usage.voice_counts(doc, stopwords=True).groupby("voice")["count"].sum()
    assert words.to_dict() == per_voice.to_dict()
    total = usage.frequencies(doc, stopwords=True)["count"].sum()
    assert words.sum() == total
    assert tone.tone(doc, "voice").set_index("voice")["words"].to_dict() == words.to_dict()
    assert tone.tone(doc, "article").iloc[0]["words"] == total
    assert tone.tone(doc, "sentence")["words"].sum() == total
    assert tone.tone(doc, "paragraph")["words"].sum() == total
    assert tone.tone(doc, "quote")["words"].sum() == words.drop("narration").sum()
    rates = rhetoric.stance_markers(doc).drop_duplicates("voice").set_index("voice")["words"]
    assert rates.drop("all quoted speech").to_dict() == words.to_dict()
    if which == "invented":
        # By hand: narration "The minister's ill-equipped staff met 300,000 voters on Monday"
        # (9) + "Jane Smith said" (3) + "said Tom Brown" (3) + "The minister's aides left" (4).
        assert words.to_dict() == {"narration": 19, "Jane Smith": 4, "Tom Brown": 2}


def test_a_name_and_its_possessive_count_as_one_recurring_actor():
    doc = article("Acme Bank raised rates. Acme’s chief said little. Nobody asked.")
    mentions = rhetoric.actor_mentions(doc)
    assert list(mentions["form"]) == ["Acme", "Acme’s"]
    assert set(mentions["actor"]) == {"Acme"}
    once = article("Acme Bank raised rates. Nobody asked.")
    assert "Acme" not in set(rhetoric.actor_mentions(once)["actor"])


def test_repetition_judges_stop_words_on_the_lemma():
    # "US" is not the pronoun "us": "in the US" is a repeated phrase with a content word.
    country = rhetoric.repetition(article("He was in the US. She was in the US."))
    assert list(country["phrase"]) == ["was in the us"]
    pronoun = rhetoric.repetition(article("He was with us. She was with us."))
    assert pronoun.empty  # every word a stop word


_REPEATED = article("The defence secretary said the war would end. Later the defence secretary "
                    "said it again. They wanted bread, land and peace. We met, to protect Russia "
                    "and our people.")


@pytest.mark.parametrize("text", [_REPEATED.body, "No list here, and nothing said twice."])
def test_row_cores_are_the_public_tables_rows(seed, text):
    # The feature row counts these cores instead of the tables; they must be the same rows.
    for art in (seed, article(text)):
        for lexicon, public in (("stance_markers.tsv", rhetoric.stance_matches),
                                ("evaluative_words.tsv", rhetoric.evaluative_words),
                                ("topic_words.tsv", rhetoric.topic_words)):
            table = public(art)[rhetoric.MATCH_COLUMNS]
            assert rhetoric._match_records(art, lexicon) == list(table.itertuples(
                index=False, name=None))
        for options in ({}, {"min_n": 3, "max_gap": 2}):
            rows = rhetoric._repetition_rows(art, **options)
            table = rhetoric.repetition(art, **options)
            assert sorted(r["phrase"] for r in rows) == sorted(table["phrase"])
        for options in ({}, {"max_item_words": 1}):
            rows = rhetoric._triad_rows(art, **options)
            assert rows == list(rhetoric.lists_of_three(art, **options).itertuples(
                index=False, name=None))


def test_row_cores_fire_and_do_not_fire():
    assert [r["phrase"] for r in rhetoric._repetition_rows(_REPEATED)] == [
        "the defence secretary said"]
    assert [r[3] for r in rhetoric._triad_rows(_REPEATED)] == [["bread", "land", "peace"]]
    quiet = article("No list here, and nothing said twice.")
    assert rhetoric._repetition_rows(quiet) == [] and rhetoric._triad_rows(quiet) == []
