"""Tone: polarity and subjectivity with the words that drove them, and a second opinion.

Two lexicon methods, both offline:

- **TextBlob** (its Pattern analyser; the same numbers as ``TextBlob(text).sentiment``):
  polarity -1 (negative) to +1 (positive), subjectivity 0 (factual) to 1 (opinion), the
  average over the adjectives and adverbs it knows. ``drivers`` lists those words with their
  scores (TextBlob's "assessments"), so every number can be checked by eye.
- **VADER** (Hutto & Gilbert 2014, the ``vaderSentiment`` package): ``vader`` is its compound
  score, -1 to +1, tuned on social media text.

Both read words, not meaning: "Ukraine is winning this war" scores positive however grim the
war, and a quoted sentence's tone is the speaker's, not the outlet's. Labels use the usual
threshold: below -0.05 negative, above +0.05 positive, otherwise neutral.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from newslib.quotes import quotation_text, speech_quotations
from newslib.segment import split_paragraph
from newslib.usage import word_columns

__all__ = ["NEUTRAL_BAND", "agreement", "driver_words", "label", "score", "tone", "tone_arc",
           "voice_runs"]

#: Scores within ±0.05 of zero are labelled neutral, for both methods.
NEUTRAL_BAND = 0.05

TONE_COLUMNS = ["article_id", "unit", "index", "voice", "start", "end", "words", "text",
                "polarity", "subjectivity", "vader", "textblob_label", "vader_label", "agree",
                "drivers"]


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def label(value: float) -> str:
    """"negative", "neutral" or "positive" for a score, with the ±0.05 neutral band."""
    if value > NEUTRAL_BAND:
        return "positive"
    if value < -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _drivers(assessments) -> str:
    return "; ".join(f"{' '.join(words)} ({polarity:+.2f})"
                     for words, polarity, _subjectivity, _label in assessments)


@lru_cache(maxsize=65536)
def _vader_compound(text: str) -> float:
    return float(_vader().polarity_scores(text)["compound"])


def score(text: str, pieces: list[str] | None = None) -> dict:
    """TextBlob polarity, subjectivity and drivers, and VADER compound, for one text.

    VADER is built for sentences (its cost grows faster than the text); for a longer unit,
    pass its sentences as ``pieces`` and ``vader`` is their mean compound score, as VADER's
    authors advise for paragraphs. TextBlob always reads ``text`` whole.

    Examples
    --------
    >>> result = score("Russian troops were ill-equipped and badly led")
    >>> round(result["polarity"], 2), result["drivers"]
    (-0.35, 'russian (+0.00); badly (-0.70)')
    """
    from textblob.en import sentiment

    result = sentiment(text)  # a (polarity, subjectivity) tuple with .assessments
    polarity, subjectivity = result
    pieces = [p for p in (pieces if pieces is not None else [text]) if p.strip()]
    vader = sum(_vader_compound(p) for p in pieces) / len(pieces) if pieces else 0.0
    return {
        "polarity": float(polarity),
        "subjectivity": float(subjectivity),
        "vader": float(vader),
        "drivers": _drivers(result.assessments),
    }


def _row(article, unit, index, voice, start, end, text, pieces=None) -> dict:
    values = score(text, pieces)
    return {
        "article_id": article.id, "unit": unit, "index": index, "voice": voice, "start": start,
        "end": end, "words": len(text.split()), "text": text, **values,
        "textblob_label": label(values["polarity"]), "vader_label": label(values["vader"]),
        "agree": label(values["polarity"]) == label(values["vader"]),
    }


def _unit_voices(article, unit: str) -> dict[int, str]:
    """Voice of each sentence or paragraph: its only voice, or "mixed"."""
    columns = word_columns(article)
    found: dict[int, set] = defaultdict(set)
    for index, voice in zip(columns[unit], columns["voice"], strict=True):
        found[index].add(voice)
    return {index: voices.pop() if len(voices) == 1 else "mixed"
            for index, voices in found.items()}


def voice_runs(article) -> dict[str, list[tuple[int, int]]]:
    """Body spans of each voice: maximal runs of consecutive words with the same voice within a
    sentence, from first to last word (so a quote inside a sentence splits the narration)."""
    words = word_columns(article)
    spans: list[list] = []  # [(voice, sentence, quote), start, end]
    for voice, sentence, quote, start, end in zip(words["voice"], words["sentence"],
                                                  words["quote"], words["start"], words["end"],
                                                  strict=True):
        key = (voice, sentence, quote)
        if spans and spans[-1][0] == key:
            spans[-1][2] = end
        else:
            spans.append([key, start, end])
    runs: dict[str, list[tuple[int, int]]] = {}
    for (voice, _, _), start, end in spans:
        runs.setdefault(voice, []).append((start, end))
    return runs


def tone(article, unit: str = "sentence") -> pd.DataFrame:
    """Tone of each unit of an article.

    Parameters
    ----------
    unit : {"sentence", "paragraph", "quote", "voice", "article"}
        ``voice`` scores the narration's words (outside quotation marks, joined by sentence)
        and each speaker's quotations joined; ``article`` scores the whole body. For units
        longer than a sentence, ``vader`` is the mean of the unit's sentence scores.

    Returns
    -------
    DataFrame: article_id, unit, index, voice (narration, a speaker, or "mixed" for a
    sentence with both), start, end (body offsets; for voices, of the first and last word),
    words, text, polarity, subjectivity, vader, textblob_label, vader_label, agree (the two
    labels match), drivers (TextBlob's scored words, "word (+0.50); ...").
    """
    rows = []
    if unit == "sentence":
        voices = _unit_voices(article, "sentence")
        for sentence in article.sentences:
            rows.append(_row(article, unit, sentence.index,
                             voices.get(sentence.index, "narration"), sentence.start,
                             sentence.end, sentence.text))
    elif unit == "paragraph":
        voices = _unit_voices(article, "paragraph")
        for paragraph in article.paragraphs:
            pieces = [s.text for s in article.sentences if s.paragraph == paragraph.index]
            rows.append(_row(article, unit, paragraph.index,
                             voices.get(paragraph.index, "narration"), paragraph.start,
                             paragraph.end, paragraph.text, pieces))
    elif unit == "quote":
        for index, quote in enumerate(speech_quotations(article)):
            text = quotation_text(article.body, quote)
            pieces = [text[a:b] for a, b in split_paragraph(text)]
            rows.append(_row(article, unit, index, quote.speaker or "unattributed", quote.start,
                             quote.end, text, pieces))
    elif unit == "voice":
        for index, (voice, pieces) in enumerate(voice_runs(article).items()):
            texts = [article.body[start:end] for start, end in pieces]
            rows.append(_row(article, unit, index, voice, pieces[0][0], pieces[-1][1],
                             " ".join(texts), texts))
    elif unit == "article":
        rows.append(_row(article, unit, 0, "all", 0, len(article.body), article.body,
                         [s.text for s in article.sentences]))
    else:
        raise ValueError("unit must be sentence, paragraph, quote, voice or article")
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def agreement(table: pd.DataFrame) -> pd.DataFrame:
    """How far TextBlob and VADER agree over the rows of a :func:`tone` table.

    Returns
    -------
    One-row DataFrame: units, label_agreement (share of units with the same label),
    cohen_kappa (agreement beyond chance, -1 to 1; NaN when each method gives all units a
    single label, kappa's chance term being undefined then),
    pearson (correlation of the two scores), spearman (rank correlation),
    both_nonneutral_sign_agreement (among units both call non-neutral, the share with the
    same sign).
    """
    from sklearn.metrics import cohen_kappa_score

    n = len(table)
    if n == 0:
        return pd.DataFrame([{"units": 0}])
    a, b = table["textblob_label"], table["vader_label"]
    kappa = float("nan")
    if a.nunique() > 1 or b.nunique() > 1:
        kappa = float(cohen_kappa_score(a, b))
    x, y = table["polarity"], table["vader"]
    both = table[(a != "neutral") & (b != "neutral")]
    return pd.DataFrame([{
        "units": n,
        "label_agreement": float((a == b).mean()),
        "cohen_kappa": kappa,
        "pearson": float(x.corr(y)) if n > 2 and x.std() > 0 and y.std() > 0 else float("nan"),
        "spearman": float(x.corr(y, method="spearman")) if n > 2 else float("nan"),
        "both_nonneutral_sign_agreement": float(
            (np.sign(both["polarity"]) == np.sign(both["vader"])).mean()) if len(both) else
        float("nan"),
    }])


def tone_arc(article, window: int = 3) -> pd.DataFrame:
    """Sentence tone through the article, with a centred rolling mean.

    Returns
    -------
    The sentence :func:`tone` table plus position (0 = first sentence, 1 = last),
    polarity_smooth and vader_smooth (rolling means over ``window`` sentences, shorter at the
    ends).
    """
    table = tone(article, "sentence")
    last = max(len(table) - 1, 1)
    table["position"] = table["index"] / last
    for column in ("polarity", "vader"):
        table[f"{column}_smooth"] = table[column].rolling(window, center=True, min_periods=1).mean()
    return table




def driver_words(table: pd.DataFrame) -> pd.DataFrame:
    """The scored words behind a :func:`tone` table: driver (word and its score), units (how
    many rows it drove), voices. Sorted by how many units it drove."""
    rows = []
    for row in table.itertuples():
        for driver in filter(None, row.drivers.split("; ")):
            rows.append((driver, row.index, row.voice))
    drivers = pd.DataFrame(rows, columns=["driver", "unit", "voice"])
    summary = drivers.groupby("driver").agg(
        units=("unit", "nunique"), voices=("voice", lambda v: ", ".join(sorted(set(v)))))
    return summary.sort_values(["units"], ascending=False, kind="stable").reset_index()
