"""newslib.scorers: TextBlob and VADER scores identical to the libraries' own, on hard cases, the
seed and (when ../shared is present) every sentence and body of the BBC corpus."""

from __future__ import annotations

import json

import pytest
from textblob import TextBlob
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from newslib import scorers
from tests.conftest import SHARED_CORPUS, article

VADER = SentimentIntensityAnalyzer()

#: Invented sentences that exercise every rule of both scorers.
HARD_CASES = [
    "",
    "   ",
    "The talks were good.",
    "The talks were not good.",
    "The talks were never good.",
    "The talks weren't good, and the food wasn't bad.",
    "It was very good, really very good!",
    "It was very good!!! Wasn't it?",
    "What a result?! Amazing!!!!!",
    "Is it? Are they?? Why???",
    "The results were GREAT but the service was bad.",
    "The results were GREAT but the service was GREAT.",
    "VERY good food and VERY bad wine.",
    "ALL CAPS IS NOT EMPHASIS WHEN EVERYTHING IS CAPS.",
    "The film was only kind of good, sort of dull.",
    "The film was kinda good but not great.",
    "The plan was good, but the execution was poor, but the result was fine.",
    "No, the plan was no good and no bad or nor good.",
    "At least it isn't a horrible book; it is the least good of them.",
    "Sentiment analysis has never been this good, never so good.",
    "Without a doubt, an excellent idea; without any doubt, good.",
    "That was the shit, the bomb, and a bad ass plan; a bus stop and a kiss of death.",
    "The idea will cut the mustard; they were in the red, under the weather.",
    "I love it :) and :D but not :( or :-( and ;) and <3 and :'(",
    "Make sure you :) or :D today! xD XD 8-)",
    "He was angry (!) and said so ( ! ).",
    "The boy (aged 8) smiled; it was 2008) then.",
    "Really o.O and >.> and :-. now",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁 and 😢.",
    "Bad😁good 💔 sad",
    "“Brilliant,” she said. ‘Awful’, he replied. \"Great\" 'good'",
    "Mr. Smith was happy. Dr. Jones was sad. The U.S. was calm, e.g. today etc.",
    "It was bad... very bad... terribly bad.",
    "It was not. Good results followed.",
    "He spoke very. Good news came.",
    "It was great. ! Really.",
    "First paragraph is good.\n\nSecond is bad.\r\n\r\nThird is fine.",
    "The END-OF-SENTENCE token is good END-OF-SENTENCE here.",
    "İstanbul was GREAT; Ægir was bad.",
    "He's good; they'd like it; I'm sad; we'll see; you're great; we've won; don't worry.",
    "--good-- **bad** [great] {fine} (nice) #happy @sad",
]


def pattern(text: str) -> tuple:
    result = pattern_sentiment(text)
    return result[0], result[1], result.assessments


@pytest.mark.parametrize("text", HARD_CASES)
def test_textblob_identical_to_the_library(text):
    mine = scorers.textblob_sentiment(text)
    assert tuple(mine) == pattern(text)
    blob = TextBlob(text).sentiment_assessments
    assert (mine.polarity, mine.subjectivity, mine.assessments) == tuple(blob)


@pytest.mark.parametrize("text", HARD_CASES)
def test_vader_identical_to_the_library(text):
    assert scorers.vader_scores(text) == VADER.polarity_scores(text)


def test_hard_cases_are_not_trivial():
    # The cases must exercise the rules: negation flips, "but" shifts, emoticons score.
    assert scorers.textblob_sentiment("The talks were not good.").polarity < 0
    assert scorers.vader_scores("The talks were not good.")["compound"] < 0
    assert [w for w, *_ in scorers.textblob_sentiment("I love it :)").assessments] == [
        ["love"], [":)"]]
    # Pattern's tokeniser re-joins "8 )" into the emoticon "8)" (a smile, +0.5).
    assert ["8)"] in [w for w, *_ in scorers.textblob_sentiment("The boy (aged 8) smiled").assessments]
    caps = scorers.vader_scores("The results were GREAT but the service was bad.")
    lower = scorers.vader_scores("The results were great but the service was bad.")
    assert caps["compound"] != lower["compound"]


# Pieces joined: negation, a modifier or "!" carrying across a sentence boundary.
CARRY = [
    (["It was not.", "Good results followed."], ["not", "good"]),
    (["He spoke very.", "Good news came."], ["very", "good"]),
    (["It was great.", "! Really."], ["great", "!"]),
]


@pytest.mark.parametrize(("pieces", "chunk"), CARRY)
def test_whole_text_from_pieces_carries_across_boundaries(pieces, chunk):
    whole = " ".join(pieces)
    tokens = [scorers.textblob_tokens(p) for p in pieces]
    joined = scorers.textblob_of_pieces(pieces, tokens)
    assert tuple(joined) == pattern(whole)
    # The chunk spans the boundary: it exists only in the whole text (so joining the pieces'
    # assessments alone would be wrong).
    assert chunk in [words for words, *_ in joined.assessments]
    separate = [a for t in tokens for a in scorers.textblob_score(t).assessments]
    assert chunk not in [words for words, *_ in separate]


def test_joining_refused_where_an_emoticon_would_form_across_pieces():
    must_refuse = [["He said :", ") and left."], ["It was fun (", "!) really"], ["He said:", "(laughing)"],
                   ["really o.", "O wow"]]
    for pieces in must_refuse:
        tokens = [scorers.textblob_tokens(p) for p in pieces]
        assert scorers.join_tokens(tokens) is None, pieces
        assert tuple(scorers.textblob_of_pieces(pieces, tokens)) == pattern(" ".join(pieces))
    fine = [["It ended.", "Oil prices rose."], ["He said:", "Laughing, no."]]
    for pieces in fine:
        tokens = [scorers.textblob_tokens(p) for p in pieces]
        assert scorers.join_tokens(tokens) is not None, pieces
        assert tuple(scorers.textblob_of_pieces(pieces, tokens)) == pattern(" ".join(pieces))


def check_article(art) -> int:
    """Compare every sentence, the body and the narration/quoted joins; return sentences."""
    sentences = [s.text for s in art.sentences]
    tokens = [scorers.textblob_tokens(s) for s in sentences]
    for text, sentence_tokens in zip(sentences, tokens, strict=True):
        assert tuple(scorers.textblob_score(sentence_tokens)) == pattern(text), text
        assert scorers.vader_scores(text) == VADER.polarity_scores(text), text
    body = scorers.textblob_of_pieces(sentences, tokens, whole=art.body)
    assert tuple(body) == pattern(art.body), art.id
    return len(sentences)


def test_seed_sentences_and_body(seed):
    assert check_article(seed) == 16
    from newslib.tone import voice_runs

    for voice, spans in voice_runs(seed).items():
        pieces = [seed.body[s:e] for s, e in spans]
        assert tuple(scorers.textblob_of_pieces(pieces)) == pattern(" ".join(pieces)), voice


def test_body_with_paragraph_breaks():
    text = "It was not.\n\nGood results followed, very.\n\nGreat news! Said :\n\n) he."
    art = article(text)
    check_article(art)


def bbc_articles(step: int):
    path = SHARED_CORPUS / "bbc-news.jsonl"
    if not path.exists():
        pytest.skip("../shared/corpus/bbc-news.jsonl is not present")
    from newslib import parse_text

    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle][::step]
    return [parse_text(row["text"], id=row["id"], expect_header=False) for row in rows]


def test_bbc_sample_identical():
    assert sum(check_article(a) for a in bbc_articles(45)) > 500


@pytest.mark.slow
def test_bbc_every_sentence_and_body_identical():
    articles = bbc_articles(1)
    assert len(articles) == 2225
    assert sum(check_article(a) for a in articles) > 40_000
