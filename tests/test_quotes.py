"""Quotations and speakers: the seed as a reader would state it, and each quoting convention."""

from __future__ import annotations

import pytest

from newslib import quotes
from newslib.quotes import quotation_warnings
from tests.conftest import article

# (first paragraph, last paragraph, start of quoted text, speaker, cue, kind), as a reader
# of the seed would list them.
SEED_QUOTES = [
    (0, 0, "sending tens of thousands", "Ben Wallace", "said", "partial"),
    (2, 2, "ill-equipped and badly led", "Ben Wallace", "said", "partial"),
    (3, 3, "President Putin's breaking", "Ben Wallace", "said", "full"),
    (4, 5, "He and his defence minister", "Ben Wallace", None, "full"),
    (7, 7, "clearly an escalation", "Gillian Keegan", "said", "partial"),
    (7, 7, "concerning", "Gillian Keegan", "said", "partial"),
    (8, 8, "nuclear blackmail", "Vladimir Putin", "accused", "partial"),
    (9, 9, "statements of some high-ranking", "Vladimir Putin", "criticised", "partial"),
    (10, 10, "To those who allow", "Vladimir Putin", "told", "full"),
    (10, 10, "It's not a bluff.", "Vladimir Putin", "adding", "full"),
    (11, 12, "Putin’s speech this morning", "A Downing Street spokesperson", "said", "full"),
]


def rows(table):
    return [
        (r.paragraph, r.last_paragraph, r.text, r.speaker, r.cue if isinstance(r.cue, str) else None,
         r.kind)
        for r in table.itertuples()
    ]


def test_seed_quotations_speakers_and_cues(seed):
    found = rows(quotes(seed))
    assert len(found) == len(SEED_QUOTES)
    for got, (first, last, start, speaker, cue, kind) in zip(found, SEED_QUOTES, strict=True):
        assert got[0:2] == (first, last), got
        assert got[2].startswith(start), got
        assert got[3:] == (speaker, cue, kind), got


def test_seed_speakers_as_written_show_what_was_resolved(seed):
    written = quotes(seed)["speaker_as_written"].tolist()
    assert written[0] == "the UK's defence secretary"
    assert written[1] == "Mr Wallace"
    assert written[7] == "The Russian leader"
    assert written[8] == "He"
    assert written[10] == "A Downing Street spokesperson"


def test_seed_quote_offsets_slice_the_body(seed):
    for row in quotes(seed).itertuples():
        assert row.text == "\n\n".join(seed.body[s:e] for s, e in row.spans)
        assert (row.start, row.end) == (row.spans[0][0], row.spans[-1][1])
        assert seed.body[row.start - 1] in "\"“"  # the opening mark sits just before
    multi = quotes(seed).iloc[3]
    assert multi.text.endswith("Russia is becoming a global pariah.")
    assert multi.text.count("\n\n") == 1 and '"' not in multi.text


def test_seed_has_no_quote_warnings(seed):
    quotes(seed)
    assert seed.warnings == [] and quotation_warnings(seed) == []


def test_closing_quote_marks_are_excluded_but_inner_punctuation_kept(seed):
    texts = quotes(seed)["text"].tolist()
    assert texts[2].endswith("failing,")
    assert texts[7].endswith("against Russia")


# -- conventions ------------------------------------------------------------------------------

def one(text: str, **kwargs):
    return quotes(article(text), **kwargs)


def test_british_single_quotes_and_apostrophes():
    table = one("Mr Wallace said Russia’s troops were ‘ill-equipped’ and ‘badly led’.")
    assert table["text"].tolist() == ["ill-equipped", "badly led"]
    assert table["speaker"].tolist() == ["Mr Wallace", "Mr Wallace"]
    table = one("‘It’s not a bluff,’ Mr Putin said.")
    assert table["text"].tolist() == ["It’s not a bluff,"]
    assert table.loc[0, "kind"] == "full"


def test_plural_possessive_inside_single_quotes():
    table = one("‘The rebels’ leaders have fled,’ said the general.")
    assert table["text"].tolist() == ["The rebels’ leaders have fled,"]
    assert table.loc[0, "speaker"] == "The general"


def test_straight_single_quotes():
    table = one("Officials called it 'a clear escalation' on Tuesday, and that's that.")
    assert table["text"].tolist() == ["a clear escalation"]


def test_nested_quotes_british_and_us():
    table = one("‘He told me “we will win” and I believed him,’ said Ms Keegan.", nested=True)
    assert table["text"].tolist() == ["He told me “we will win” and I believed him,", "we will win"]
    assert table["depth"].tolist() == [0, 1]
    assert table["speaker"].tolist() == ["Ms Keegan", "Ms Keegan"]
    assert table["kind"].tolist() == ["full", "nested"]
    table = one('"He called it \'a bluff,\'" Ms Keegan said.')
    assert table["text"].tolist() == ["He called it 'a bluff,'"]
    assert table.loc[0, "speaker"] == "Ms Keegan"


def test_multi_paragraph_quotation_is_one_unit():
    text = (
        'Mr Wallace said: "The first part.\n\n"The second part.\n\n"The end."\n\n'
        "Narration follows."
    )
    table = one(text)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row.paragraph, row.last_paragraph) == (0, 2)
    assert row.text == "The first part.\n\nThe second part.\n\nThe end."
    assert row.closed


def test_unclosed_quote_at_the_end_warns_and_does_not_swallow():
    parsed = article('He said: "This never closes.\n\nMs Keegan said it was "concerning".')
    table = quotes(parsed)
    assert table["text"].tolist() == ["This never closes.", "concerning"]
    assert table["closed"].tolist() == [False, True]
    assert table.loc[1, "speaker"] == "Ms Keegan"
    assert any("never closed" in w and "paragraph 1" in w for w in quotation_warnings(parsed))
    assert parsed.warnings == []  # computing quotations never changes the article


def test_unclosed_quote_followed_by_new_quote_in_same_paragraph():
    parsed = article('He said "this is unclosed. Then she said "another" thing.')
    assert quotes(parsed)["text"].tolist() == ["this is unclosed. Then she said", "another"]
    assert any("never closed" in w for w in quotation_warnings(parsed))


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ('Ben Wallace said: "We stand with Ukraine."', "Ben Wallace", "said"),
        ('"We stand with Ukraine," said Ben Wallace.', "Ben Wallace", "said"),
        ('"We stand with Ukraine," Ben Wallace said.', "Ben Wallace", "said"),
        ('Ben Wallace said the army was "failing".', "Ben Wallace", "said"),
        ('Ben Wallace told MPs: "We stand with Ukraine."', "Ben Wallace", "told"),
        ('The plan is "failing", according to a senior official.', "A senior official", "according"),
        ('Ben Wallace, the defence secretary, said: "We stand firm."', "Ben Wallace", "said"),
        ('Ben Wallace, who visited Kyiv, said: "We stand firm."', "Ben Wallace", "said"),
        ('Russia claimed the vote was "legitimate".', "Russia", "claimed"),
        ('Speaking to the BBC, Mr Wallace said: "We will not be intimidated."', "Mr Wallace",
         "said"),
        ('"It is a bluff," the spokesman for the Kremlin, Dmitry Peskov, said.', "Dmitry Peskov",
         "said"),
        ('Dr Jane Smith, a professor at King\'s College London, said: "It is an escalation."',
         "Jane Smith", "said"),
        ('"This is a sham," Nato chief Jens Stoltenberg said of the referendums.',
         "Jens Stoltenberg", "said"),
        ('"It is an escalation," says Prof Smith.', "Prof Smith", "says"),
        ('In a statement, the Foreign Office said it was "deeply concerned".', "Foreign Office",
         "said"),
    ],
)
def test_attribution_patterns(text, speaker, cue):
    table = one(text)
    assert table[["speaker", "cue"]].values.tolist() == [[speaker, cue]]


def test_participle_after_a_comma_shares_the_main_subject():
    table = one('"We will win," Mr Zelensky said, adding that "the occupiers will leave".')
    assert table[["speaker", "cue"]].values.tolist() == [["Mr Zelensky", "said"],
                                                         ["Mr Zelensky", "adding"]]


def test_coordinated_verb_after_a_quote_is_not_an_attribution():
    table = one('Officials said on Tuesday that the move was "unacceptable", and warned of '
                '"consequences".')
    assert table[["speaker", "cue"]].values.tolist() == [["Officials", "said"],
                                                         ["Officials", "warned"]]


def test_pronoun_resolves_to_last_person_of_matching_gender():
    text = (
        "Ms Keegan met Mr Wallace in London.\n\n"
        '"We stand united," she added.\n\n'
        '"So do I," he said.'
    )
    assert one(text)["speaker"].tolist() == ["Ms Keegan", "Mr Wallace"]


def test_full_names_are_used_once_introduced():
    text = (
        "Defence Secretary Ben Wallace spoke on Monday.\n\n"
        'Mr Wallace said: "We will help."\n\n'
        '"It is urgent," the defence secretary added.'
    )
    table = one(text)
    assert table["speaker"].tolist() == ["Ben Wallace", "Ben Wallace"]
    assert table["cue"].tolist() == ["said", "added"]


def test_unattributed_fragment_is_a_scare_quote():
    table = one('The so-called "referendum" was held on Friday.')
    assert table[["text", "kind"]].values.tolist() == [["referendum", "scare"]]
    assert table.loc[0, "speaker"] is None


def test_loaded_reporting_verbs_are_marked():
    table = one('Mr Putin claimed the West was "bluffing". Ms Keegan said it was "alarming".')
    assert table["cue_stance"].tolist() == ["loaded", "neutral"]


def test_quote_words_are_counted_like_article_words(seed):
    table = one('Mr Wallace said "300,000 U.K. troops" were ready.')
    assert table.loc[0, "words"] == 3  # 300,000 and U.K. are one word each, as in token counts
    from newslib.rhetoric import voices

    speakers = voices(seed).set_index("voice")["words"]
    per_speaker = quotes(seed).groupby("speaker")["words"].sum()
    for speaker, words in per_speaker.items():
        assert speakers[speaker] == words


def test_text_without_quotes():
    table = one("Nothing quoted here.")
    assert table.empty
    assert "speaker" in table.columns


def test_all_warnings_is_what_the_feature_row_counts_and_quotes_leave_the_article_alone():
    from newslib.features import article_features
    from newslib.quotes import all_warnings, quotation_warnings

    text = 'The mayor said "the bridge opens in May.\n\nTraffic was light on Monday.'
    unclosed = article(text)
    before = list(unclosed.warnings)
    quotes(unclosed)
    assert unclosed.warnings == before  # no side effect of finding quotations
    assert quotation_warnings(unclosed), "an unclosed quotation is reported"
    assert all_warnings(unclosed) == before + quotation_warnings(unclosed)
    assert article_features(unclosed)["warnings"] == len(all_warnings(unclosed))
    closed = article('The mayor said "the bridge opens in May."')
    assert all_warnings(closed) == []


def test_an_office_title_goes_to_the_title_column_not_into_the_speaker():
    named = article('Councillor Maria Lopez said: "The road will close."\n\n'
                    'Lopez added: "It reopens in May."')
    table = quotes(named)
    assert table["speaker"].tolist() == ["Maria Lopez", "Maria Lopez"]
    assert table["title"].tolist() == ["Councillor", "Councillor"]
    untitled = quotes(article('Maria Lopez said: "The road will close."'))
    assert untitled["speaker"].tolist() == ["Maria Lopez"]
    assert untitled["title"].isna().all()
