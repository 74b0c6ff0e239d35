"""Sentences and tokens: news conventions, offsets."""

from __future__ import annotations

from newslib.segment import tokenize
from tests.conftest import article


def sentences(text: str) -> list[str]:
    return [s.text for s in article(text).sentences]


def test_titles_acronyms_and_numbers_do_not_split():
    assert sentences("Mr. Wallace met Dr. Keegan. The U.K. sent 300,000 rounds. J. Smith agreed.") == [
        "Mr. Wallace met Dr. Keegan.",
        "The U.K. sent 300,000 rounds.",
        "J. Smith agreed.",
    ]


def test_acronym_at_sentence_end_splits_before_a_sentence_opener():
    assert sentences("Troops arrived in the U.K. They left at dawn.") == [
        "Troops arrived in the U.K.",
        "They left at dawn.",
    ]


def test_sentence_ending_inside_quotes():
    assert sentences('He said: "It is not a bluff." Then he left.') == [
        'He said: "It is not a bluff."',
        "Then he left.",
    ]


def test_sentence_continues_past_a_closing_quote():
    text = 'He said: "we will use all the means at our disposal,” adding: "It\'s not a bluff."'
    assert sentences(text) == [text]
    assert sentences('"Is it a bluff?" she asked. "No."') == ['"Is it a bluff?" she asked.', '"No."']


def test_paragraph_end_always_ends_a_sentence():
    assert sentences("First line without stop\n\nSecond para") == [
        "First line without stop",
        "Second para",
    ]


def test_seed_sentences(seed):
    texts = [s.text for s in seed.sentences]
    assert len(texts) == 16
    assert texts[10].startswith("He told his audience:") and texts[10].endswith('"It\'s not a bluff."')
    assert texts[12].endswith("reprehensible actions.")
    assert texts[13].startswith("We will continue")
    for sentence in seed.sentences:
        assert seed.body[sentence.start:sentence.end] == sentence.text
        assert seed.paragraphs[sentence.paragraph].start <= sentence.start


def test_tokens_keep_news_words_whole():
    words = [t[0] for t in tokenize("Putin's ill-equipped 300,000 U.K. reservists—“bluff.”")]
    assert words == ["Putin's", "ill-equipped", "300,000", "U.K.", "reservists", "—", "“",
                     "bluff", ".", "”"]


def test_tokens_map_back_and_carry_pattern_tags(seed):
    for token in seed.tokens:
        assert seed.body[token.start:token.end] == token.text
    tags = {t.text: t.pos for t in seed.tokens}
    assert tags["said"] == "VBD"
    assert tags["troops"] == "NNS"
    assert tags["badly"] == "RB"
    assert sum(t.is_word for t in seed.tokens) == 411
