"""Tone: signs, drivers, units, agreement between TextBlob and VADER."""

from __future__ import annotations

import pytest
from textblob import TextBlob

from newslib import tone
from tests.conftest import article


def test_badly_led_paragraph_is_negative_because_of_badly(seed):
    table = tone.tone(seed, "paragraph")
    row = table[table["text"].str.startswith("Mr Wallace said Russian troops")].iloc[0]
    assert row.polarity < 0
    assert row.textblob_label == "negative" and row.vader < 0
    assert "badly (-0.70)" in row.drivers
    negative_drivers = [d for d in row.drivers.split("; ") if "(-" in d]
    assert negative_drivers == ["badly (-0.70)"]


def test_scores_equal_textblobs_own(seed):
    for sentence in seed.sentences[:6]:
        expected = TextBlob(sentence.text).sentiment
        got = tone.score(sentence.text)
        assert got["polarity"] == pytest.approx(expected.polarity)
        assert got["subjectivity"] == pytest.approx(expected.subjectivity)
    whole = tone.tone(seed, "article").iloc[0]
    assert whole.polarity == pytest.approx(TextBlob(seed.body).sentiment.polarity)


def test_lexicon_tone_calls_winning_positive():
    # The caveat the notebooks explain: words, not meaning.
    result = tone.score("Ukraine is winning this war")
    assert result["polarity"] > 0
    assert "winning (+0.50)" in result["drivers"]


def test_units_cover_the_article(seed):
    sentences = tone.tone(seed, "sentence")
    assert len(sentences) == len(seed.sentences)
    assert sentences.loc[4, "voice"] == "Ben Wallace"  # wholly inside his quotation
    assert sentences.loc[0, "voice"] == "mixed"
    assert len(tone.tone(seed, "paragraph")) == 15
    quotes = tone.tone(seed, "quote")
    assert len(quotes) == 11
    assert quotes.loc[10, "voice"] == "A Downing Street spokesperson"


def test_voice_tone_keeps_narration_and_speech_apart(seed):
    voices = tone.tone(seed, "voice").set_index("voice")
    assert voices.loc["narration", "words"] == 173
    assert "modern" not in voices.loc["narration", "text"]  # Putin's words stay his
    assert "modern (+0.20)" in voices.loc["Vladimir Putin", "drivers"]
    assert voices.loc["Ben Wallace", "text"].startswith("sending tens of thousands")


def test_labels_and_agreement():
    assert [tone.label(v) for v in (-0.3, -0.05, 0.0, 0.05, 0.3)] == [
        "negative", "neutral", "neutral", "neutral", "positive"]
    parsed = article("This is a wonderful, excellent day. This is a terrible, awful day. "
                     "The meeting is on Tuesday.")
    table = tone.tone(parsed, "sentence")
    assert table["textblob_label"].tolist() == ["positive", "negative", "neutral"]
    assert table["vader_label"].tolist() == ["positive", "negative", "neutral"]
    summary = tone.agreement(table).iloc[0]
    assert summary.label_agreement == 1.0
    assert summary.cohen_kappa == pytest.approx(1.0)
    assert summary.pearson > 0.9


def test_tone_arc_positions_and_smoothing(seed):
    arc = tone.tone_arc(seed)
    assert arc["position"].iloc[0] == 0 and arc["position"].iloc[-1] == 1
    assert arc["polarity_smooth"].iloc[1] == pytest.approx(arc["polarity"].iloc[0:3].mean())


def test_unknown_unit_is_a_clear_error(seed):
    with pytest.raises(ValueError, match="unit must be"):
        tone.tone(seed, "word")
