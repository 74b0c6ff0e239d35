"""Tone: polarity and subjectivity with the words that drove them, and a second opinion.

Two lexicon methods, both offline:

- **VADER** (Hutto & Gilbert 2014, the ``vaderSentiment`` package): ``vader`` is its compound
  score, -1 to +1, tuned on social media text. Against human labels of news sentences
  (NewsMTSC, Hamborg & Donnay 2021; tone toward a person named in the sentence): macro-F1 0.51
  (95% CI 0.48-0.55) on test-rw, 0.48 on test-mt; fine-tuned models 0.83. It agrees best of the
  two on both dev splits, so ``label`` (the primary label of a unit) is VADER's.
- **TextBlob** (its Pattern analyser; the same numbers as ``TextBlob(text).sentiment``):
  polarity -1 (negative) to +1 (positive), subjectivity 0 (factual) to 1 (opinion), the
  average over the adjectives and adverbs it knows. ``drivers`` lists those words with their
  scores (TextBlob's "assessments"), so every number can be checked by eye. Against the same
  human labels: macro-F1 0.42 (95% CI 0.38-0.45) on test-rw, 0.39 on test-mt.

Neither is tone *toward* someone: for that use :mod:`newslib.actor_tone` (macro-F1 0.62 on
test-rw, 0.58 on test-mt). The figures are recorded in
:data:`newslib.validation.MEASURED_AGREEMENT`, as printed by ``python -m newslib evaluate tone``.

Both read words, not meaning: "Ukraine is winning this war" scores positive however grim the
war, and a quoted sentence's tone is the speaker's, not the outlet's. Labels follow one
convention for both (see :func:`label`): rounded to 4 decimals, >= +0.05 positive, <= -0.05
negative, otherwise neutral.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from newslib.quotes import quotation_text, speech_quotations
from newslib.segment import split_paragraph
from newslib.usage import word_columns

__all__ = ["LABEL_DECIMALS", "NEUTRAL_BAND", "agreement", "driver_words", "label", "score",
           "tone", "tone_arc", "vader_compound", "vader_only_words", "voice_runs"]

#: Scores within ±0.05 of zero are labelled neutral, for both methods.
NEUTRAL_BAND = 0.05
#: Scores are rounded to this many decimals before they are compared with the band, so that
#: floating-point noise (0.04999999999999999 vs 0.05000000000000001) cannot change a label.
LABEL_DECIMALS = 4

TONE_COLUMNS = ["article_id", "unit", "index", "voice", "start", "end", "words", "text",
                "polarity", "subjectivity", "vader", "textblob_label", "vader_label", "agree",
                "drivers", "label"]


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def label(value: float, *, method: str = "vader") -> str:
    """"negative", "neutral" or "positive" for a TextBlob polarity or VADER compound score.

    One convention for both methods, VADER's authors' (Hutto & Gilbert 2014, the package
    README): the score, rounded to ``LABEL_DECIMALS`` (4) decimals, is positive at
    >= +0.05 (``NEUTRAL_BAND``), negative at <= -0.05, neutral in between. ``method``
    ("vader" or "textblob") names the score's source; both use the same band.

    Examples
    --------
    >>> [label(v) for v in (-0.05, -0.0499, 0.04999999999999999, 0.3)]
    ['negative', 'neutral', 'positive', 'positive']
    """
    if method not in ("vader", "textblob"):
        raise ValueError("method must be vader or textblob")
    value = round(float(value), LABEL_DECIMALS)
    if value >= NEUTRAL_BAND:
        return "positive"
    if value <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _drivers(assessments) -> str:
    return "; ".join(f"{' '.join(words)} ({polarity:+.2f})"
                     for words, polarity, _subjectivity, _label in assessments)


@lru_cache(maxsize=65536)
def vader_compound(text: str) -> float:
    """VADER's compound score of one sentence (cached)."""
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
    vader = sum(vader_compound(p) for p in pieces) / len(pieces) if pieces else 0.0
    return {
        "polarity": float(polarity),
        "subjectivity": float(subjectivity),
        "vader": float(vader),
        "drivers": _drivers(result.assessments),
    }


def _row(article, unit, index, voice, start, end, text, words, pieces=None) -> dict:
    values = score(text, pieces)
    return {
        "article_id": article.id, "unit": unit, "index": index, "voice": voice, "start": start,
        "end": end, "words": words, "text": text, **values,
        "textblob_label": label(values["polarity"], method="textblob"),
        "vader_label": label(values["vader"], method="vader"),
        "agree": label(values["polarity"], method="textblob") == label(values["vader"],
                                                                        method="vader"),
        "label": label(values["vader"], method="vader"),
    }


def _word_counts(article, column: str) -> Counter:
    """Word tokens per sentence, paragraph, quotation or voice, counted as everywhere in
    newslib (:func:`newslib.usage.word_columns`: ``ill-equipped`` is one word, punctuation
    none), so a unit's ``words`` equals its total in the word-usage and rhetoric tables."""
    return Counter(word_columns(article)[column])


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
    words (word tokens of the unit, counted as in :mod:`newslib.usage`), text, polarity,
    subjectivity, vader, textblob_label, vader_label, agree (the two labels match), drivers
    (TextBlob's scored words, "word (+0.50); ..."), label (the primary label: VADER's, the
    method closer to human labels on NewsMTSC dev; macro-F1 0.51 on test-rw, TextBlob 0.42,
    fine-tuned models 0.83).
    """
    rows = []
    if unit == "sentence":
        voices = _unit_voices(article, "sentence")
        words = _word_counts(article, "sentence")
        for sentence in article.sentences:
            rows.append(_row(article, unit, sentence.index,
                             voices.get(sentence.index, "narration"), sentence.start,
                             sentence.end, sentence.text, words[sentence.index]))
    elif unit == "paragraph":
        voices = _unit_voices(article, "paragraph")
        words = _word_counts(article, "paragraph")
        by_paragraph: dict[int, list[str]] = defaultdict(list)  # one pass, not one per paragraph
        for sentence in article.sentences:
            by_paragraph[sentence.paragraph].append(sentence.text)
        for paragraph in article.paragraphs:
            pieces = by_paragraph.get(paragraph.index, [])
            rows.append(_row(article, unit, paragraph.index,
                             voices.get(paragraph.index, "narration"), paragraph.start,
                             paragraph.end, paragraph.text, words[paragraph.index], pieces))
    elif unit == "quote":
        words = _word_counts(article, "quote")
        for index, quote in enumerate(speech_quotations(article)):
            text = quotation_text(article.body, quote)
            pieces = [text[a:b] for a, b in split_paragraph(text)]
            rows.append(_row(article, unit, index, quote.speaker or "unattributed", quote.start,
                             quote.end, text, words[index], pieces))
    elif unit == "voice":
        words = _word_counts(article, "voice")
        for index, (voice, pieces) in enumerate(voice_runs(article).items()):
            texts = [article.body[start:end] for start, end in pieces]
            rows.append(_row(article, unit, index, voice, pieces[0][0], pieces[-1][1],
                             " ".join(texts), words[voice], texts))
    elif unit == "article":
        rows.append(_row(article, unit, 0, "all", 0, len(article.body), article.body,
                         len(word_columns(article)["voice"]),
                         [s.text for s in article.sentences]))
    else:
        raise ValueError("unit must be sentence, paragraph, quote, voice or article")
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def agreement(table: pd.DataFrame) -> pd.DataFrame:
    """How far TextBlob and VADER agree over the rows of a :func:`tone` table.

    Returns
    -------
    One-row DataFrame: units, label_agreement (share of units with the same label),
    cohen_kappa (agreement beyond chance, -1 to 1, :func:`newslib.validation.cohen_kappa`;
    NaN when both methods give every unit one and the same label, kappa's chance term being 1
    then),
    pearson (correlation of the two scores), spearman (rank correlation),
    both_nonneutral_sign_agreement (among units both call non-neutral, the share with the
    same sign).
    """
    from newslib.validation import cohen_kappa

    n = len(table)
    if n == 0:
        return pd.DataFrame([{"units": 0}])
    a, b = table["textblob_label"], table["vader_label"]
    kappa = cohen_kappa(a.tolist(), b.tolist())
    x, y = table["polarity"], table["vader"]
    varied = n > 2 and x.std() > 0 and y.std() > 0  # a correlation needs spread in both
    both = table[(a != "neutral") & (b != "neutral")]
    return pd.DataFrame([{
        "units": n,
        "label_agreement": float((a == b).mean()),
        "cohen_kappa": kappa,
        "pearson": float(x.corr(y)) if varied else float("nan"),
        "spearman": float(x.corr(y, method="spearman")) if varied else float("nan"),
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
    """The scored words behind a :func:`tone` table (of one article or several concatenated).

    Returns
    -------
    DataFrame: driver (word and its score), units (how many rows it drove: distinct
    (article_id, unit, index) triples, so two articles' sentence 0 count twice), occurrences
    (how often it was scored, counting repeats within a unit), voices. Sorted by units, then
    occurrences, then driver.
    """
    rows = []
    for row in table.itertuples():
        for driver in filter(None, row.drivers.split("; ")):
            rows.append((driver, (row.article_id, row.unit, row.index), row.voice))
    drivers = pd.DataFrame(rows, columns=["driver", "unit", "voice"])
    summary = drivers.groupby("driver").agg(
        units=("unit", "nunique"), occurrences=("unit", "size"),
        voices=("voice", lambda v: ", ".join(sorted(set(v)))))
    return summary.sort_values(["units", "occurrences", "driver"],
                               ascending=[False, False, True], kind="stable").reset_index()


def vader_only_words(article) -> pd.DataFrame:
    """Words of an article that VADER's lexicon scores and TextBlob's (Pattern's) does not.

    They explain much of the disagreement between the two: VADER also scores nouns and verbs
    ("war", "threats"), TextBlob only adjectives and adverbs it lists. Matching is on the lower
    case word as written (VADER does not lemmatise: "deaths" is not in its lexicon, "death" is).

    Returns
    -------
    DataFrame: word (lower case), valence (VADER's, -4 to +4), count (occurrences in the body);
    sorted by count, then word.
    """
    from textblob.en import sentiment as pattern

    lexicon = _vader().lexicon
    counts: dict[str, int] = defaultdict(int)
    columns = word_columns(article)
    for word, is_word in zip(columns["lower"], columns["is_word"], strict=True):
        if is_word and word in lexicon and word not in pattern:
            counts[word] += 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame([(w, lexicon[w], n) for w, n in rows], columns=["word", "valence", "count"])
