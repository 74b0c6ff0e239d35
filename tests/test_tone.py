"""Tone: signs, drivers, units, agreement between TextBlob and VADER."""

from __future__ import annotations

import numpy as np
import pandas as pd
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


def test_labels_follow_one_rounded_convention():
    # VADER's authors' convention: >= +0.05 positive, <= -0.05 negative, for both methods.
    assert [tone.label(v) for v in (-0.3, -0.05, -0.0499, 0.0, 0.0499, 0.05, 0.3)] == [
        "negative", "negative", "neutral", "neutral", "neutral", "positive", "positive"]
    # Floating-point noise around the threshold cannot split two equal scores.
    noisy = (0.04999999999999999, 0.05000000000000001, 0.1 - 0.05)
    assert {tone.label(v, method="textblob") for v in noisy} == {"positive"}
    assert {tone.label(-v, method="vader") for v in noisy} == {"negative"}
    with pytest.raises(ValueError, match="method"):
        tone.label(0.1, method="afinn")


def test_labels_and_agreement():
    parsed = article("This is a wonderful, excellent day. This is a terrible, awful day. "
                     "The meeting is on Tuesday.")
    table = tone.tone(parsed, "sentence")
    assert table["textblob_label"].tolist() == ["positive", "negative", "neutral"]
    assert table["vader_label"].tolist() == ["positive", "negative", "neutral"]
    assert table["label"].tolist() == table["vader_label"].tolist()  # VADER is primary
    summary = tone.agreement(table).iloc[0]
    assert summary.label_agreement == 1.0
    assert summary.cohen_kappa == pytest.approx(1.0)
    assert summary.pearson > 0.9


def _scored(polarity, vader):
    return pd.DataFrame({
        "polarity": polarity, "vader": vader,
        "textblob_label": [tone.label(v, method="textblob") for v in polarity],
        "vader_label": [tone.label(v, method="vader") for v in vader]})


def test_agreement_kappa_and_sign_by_hand():
    # labels: textblob pos, neg, pos, neu; vader pos, pos, pos, neg.
    table = _scored([0.3, -0.2, 0.4, 0.0], [0.5, 0.6, 0.2, -0.7])
    summary = tone.agreement(table).iloc[0]
    assert summary.label_agreement == pytest.approx(0.5)
    # p_o = 2/4; p_e = (2/4)(3/4) [pos] + (1/4)(1/4) [neg] + (1/4)(0) [neutral] = 0.4375;
    # kappa = (0.5 - 0.4375) / (1 - 0.4375) = 1/9.
    assert summary.cohen_kappa == pytest.approx(1 / 9)
    # Both non-neutral in rows 0-2; signs agree in rows 0 and 2.
    assert summary.both_nonneutral_sign_agreement == pytest.approx(2 / 3)


def test_agreement_kappa_undefined_only_when_both_use_one_label():
    one_sided = _scored([0.3, 0.3, 0.3], [0.3, 0.3, -0.3])
    # p_o = 2/3, p_e = 1 x 2/3 = 2/3: kappa 0, defined although textblob uses one label.
    assert tone.agreement(one_sided).iloc[0].cohen_kappa == pytest.approx(0.0)
    same = _scored([0.3, 0.3], [0.4, 0.9])
    assert np.isnan(tone.agreement(same).iloc[0].cohen_kappa)


def test_long_units_take_the_mean_of_sentence_vader():
    # VADER compound = s / sqrt(s^2 + 15): "good" 1.9 -> 0.4404, "bad" -2.5 -> -0.5423;
    # the mean is -0.0510, whereas the whole text (s = -0.6) would give -0.1531.
    text = "This is good. This is bad."
    assert tone.score(text, ["This is good.", "This is bad."])["vader"] == pytest.approx(
        (0.4404 - 0.5423) / 2, abs=1e-4)
    paragraph = tone.tone(article(text + "\n\nIt rained."), "paragraph")
    assert paragraph.loc[0, "vader"] == pytest.approx(-0.05095, abs=1e-4)
    assert paragraph.loc[1, "vader"] == 0.0
    assert tone.tone(article(text), "article").loc[0, "vader"] == pytest.approx(-0.05095,
                                                                               abs=1e-4)


def test_driver_words_count_units_across_articles():
    first = tone.tone(article("A terrible day.", id="one"), "sentence")
    second = tone.tone(article("A terrible, terrible night.", id="two"), "sentence")
    drivers = tone.driver_words(pd.concat([first, second], ignore_index=True)).set_index(
        "driver")
    # Both are sentence 0 of their article: two units, three scored occurrences.
    assert drivers.loc["terrible (-1.00)", "units"] == 2
    assert drivers.loc["terrible (-1.00)", "occurrences"] == 3
    alone = tone.driver_words(first).set_index("driver")
    assert alone.loc["terrible (-1.00)", "units"] == 1


def test_notebook_prose_facts():
    # Notebook 4 and the README state these; they must stay true.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer().lexicon
    assert "deaths" not in lexicon  # VADER does not score "deaths"
    assert {"war", "threats", "losses"} <= set(lexicon)
    assert tone.score("their own country")["drivers"] == "own (+0.60)"


def test_module_docstring_cites_the_recorded_figures():
    from newslib.validation import MEASURED_AGREEMENT

    doc = " ".join(tone.__doc__.split())
    for method, data in (("vader_sentence", "rw"), ("textblob_sentence", "rw")):
        _, f1, low, high, *_ = MEASURED_AGREEMENT[(method, data, "test")]
        assert f"macro-F1 {f1:.2f} (95% CI {low:.2f}-{high:.2f}) on test-rw" in doc
    assert f"{MEASURED_AGREEMENT[('vader_sentence', 'mt', 'test')][1]:.2f} on test-mt" in doc
    assert f"macro-F1 {MEASURED_AGREEMENT[('actor_tone', 'rw', 'test')][1]:.2f}" in doc


def test_tone_arc_positions_and_smoothing(seed):
    arc = tone.tone_arc(seed)
    assert arc["position"].iloc[0] == 0 and arc["position"].iloc[-1] == 1
    assert arc["polarity_smooth"].iloc[1] == pytest.approx(arc["polarity"].iloc[0:3].mean())


def test_unknown_unit_is_a_clear_error(seed):
    with pytest.raises(ValueError, match="unit must be"):
        tone.tone(seed, "word")


def test_vader_only_words():
    words = tone.vader_only_words(article("The war went on. Deaths rose. It was a good day, "
                                          "a war of words.")).set_index("word")
    assert words.loc["war", "count"] == 2 and words.loc["war", "valence"] == -2.9
    assert "deaths" not in words.index  # not in VADER's lexicon
    assert "good" not in words.index  # TextBlob scores it too


def test_readme_caption_facts(seed):
    # The README caption of the tone-arc figure states these for the seed article.
    summary = tone.agreement(tone.tone(seed, "sentence")).iloc[0]
    assert summary.units == 16 and summary.label_agreement * 16 == 5
    assert round(summary.cohen_kappa, 2) == 0.03
    only_vader = set(tone.vader_only_words(seed)["word"])
    assert {"war", "threats", "losses"} <= only_vader and "deaths" not in only_vader
