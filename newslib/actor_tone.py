"""Tone toward an actor: how a sentence speaks of one person, country or organisation in it.

Sentence tone (TextBlob, VADER) says whether a sentence is worded positively; it does not say
*toward whom*. "Police arrested the man who attacked the mayor" is negative, but not toward
the mayor. This module scores the words that bear on one mention:

- **lexicon evidence near the mention**: VADER valences (Hutto & Gilbert 2014) and Pattern
  polarities (TextBlob's lexicon) of the words around the mention, weighted by distance in
  words, flipped by a negation in the three words before (VADER's negation list and scalar
  -0.74), split by whether they sit in the mention's clause (clauses end at , ; : dashes,
  brackets, quote marks and contrast words such as "but", "although"), and whether they come
  within three words after the mention (what the actor does or is) or before it;
- **words around the mention** (the mention itself masked), on its left and right, restricted to
  a vocabulary of common news words;
- the sentence's own VADER and TextBlob scores.

A multinomial logistic regression, fitted with scikit-learn on the training split of NewsMTSC
(Hamborg & Donnay, EACL 2021; MIT license) by ``python -m newslib.train_actor_tone``, weighs
these. Only its coefficients ship (``newslib/models/actor_tone.json``): a vocabulary of words that
occur in at least 20 training sentences each, and one weight per class for each feature; no
sentence can be rebuilt from it. Scoring needs neither scikit-learn nor the data set, and is
deterministic.

Agreement with human labels (``python -m newslib evaluate tone``, recorded in
:data:`newslib.validation.MEASURED_AGREEMENT`): macro-F1 0.62 (95% CI 0.59-0.66) on NewsMTSC
test-rw and 0.58 (95% CI 0.55-0.61) on test-mt, against 0.51 and 0.48 for VADER on the
sentence and 0.831 and 0.825 for the paper's fine-tuned model. It is weakest on "positive"
(F1 0.54 on test-rw). It reads words near the mention, not syntax: in "police arrested the man
who attacked Jones", "attacked" still counts against Jones.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from functools import cache
from pathlib import Path

import pandas as pd

__all__ = ["LABELS", "MODEL_PATH", "actor_tone", "actor_tone_summary", "target_features",
           "target_tone"]

LABELS = ("negative", "neutral", "positive")
MODEL_PATH = Path(__file__).with_name("models") / "actor_tone.json"

#: Words around the mention that enter as words (left and right of it).
WORD_WINDOW = 6
#: Words before a lexicon word that can negate it.
NEGATION_SCOPE = 3
#: Lexicon words further than this many tokens from the mention are not read (bounds the work
#: per mention in run-on text; the longest NewsMTSC sentence is within it).
MAX_CONTEXT = 1024
_CONTRAST = {"but", "although", "though", "however", "yet", "whereas", "despite", "while"}
_CLAUSE_PUNCT = {",", ";", ":", "(", ")", "—", "–", "-", "\"", "“", "”"}
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\sA-Za-z0-9]")


@cache
def _lexicons() -> tuple[dict[str, float], frozenset[str], dict[str, float]]:
    from textblob.en import sentiment as pattern
    from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer().lexicon
    negations = frozenset(w.replace("'", "") for w in NEGATE) | frozenset(NEGATE)
    polarity: dict[str, float] = {}
    for word, senses in pattern.items():
        values = [v[0] for v in senses.values()]
        if values and any(values):
            polarity[word] = sum(values) / len(values)
    return vader, negations, polarity


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower().replace("’", "'"), m.start(), m.end())
            for m in _TOKEN_RE.finditer(text)]


def _sentence_scores(text: str) -> tuple[float, float]:
    from textblob.en import sentiment

    from newslib.tone import vader_compound

    return vader_compound(text), float(sentiment(text)[0])


class _Sentence:
    """What every mention in one sentence shares, computed once: tokens, their clause numbers,
    and the lexicon words with their (negation-adjusted) values."""

    __slots__ = ("clause", "lexical", "lexical_positions", "starts", "tokens")

    def __init__(self, text: str):
        vader, negations, pattern = _lexicons()
        self.tokens = _tokens(text)
        self.starts = [start for _, start, _ in self.tokens]
        self.clause = []
        current = 0
        for word, _, _ in self.tokens:
            if word in _CLAUSE_PUNCT or word in _CONTRAST:
                current += 1
            self.clause.append(current)
        self.lexical = []  # (position, word, vader valence / 4, pattern polarity, negated)
        for i, (word, _, _) in enumerate(self.tokens):
            valence = vader.get(word, 0.0) / 4.0
            polarity = pattern.get(word, 0.0)
            if not valence and not polarity:
                continue
            negated = any(self.tokens[j][0] in negations
                          for j in range(max(0, i - NEGATION_SCOPE), i))
            if negated:  # VADER's scalar; Pattern's own negation halves and flips
                valence *= -0.74
                polarity *= -0.5
            self.lexical.append((i, word, valence, polarity, negated))
        self.lexical_positions = [item[0] for item in self.lexical]

    def mention_tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last token overlapping ``start:end`` (or the nearest token)."""
        if not self.tokens:
            return None
        i = max(bisect_right(self.starts, start) - 1, 0)
        if self.tokens[i][2] <= start and i + 1 < len(self.tokens):
            i += 1
        if not (self.tokens[i][1] < end and self.tokens[i][2] > start):
            return i, i  # offsets between tokens: the nearest token at or after them
        j = i
        while j + 1 < len(self.tokens) and self.tokens[j + 1][1] < end:
            j += 1
        return i, j


def target_features(text: str, start: int, end: int,
                    sentence_scores: tuple[float, float] | None = None,
                    trace: dict[str, dict[str, float]] | None = None,
                    prepared: _Sentence | None = None) -> dict[str, float]:
    """The features of one mention (``text[start:end]``) in its sentence ``text``.

    Lexicon words count up to ``MAX_CONTEXT`` tokens either side of the mention, so the work
    per mention is bounded however long the "sentence" (no NewsMTSC sentence reaches that far).

    Parameters
    ----------
    text : str
        The sentence.
    start, end : int
        Character offsets of the mention in ``text`` (end exclusive).
    sentence_scores : (vader compound, TextBlob polarity), optional
        The sentence's scores, when already computed.
    trace : dict, optional
        Filled with feature name -> {word: the part of the feature's value due to that word}.
    prepared : optional
        The sentence's shared analysis (``_Sentence(text)``), when several mentions share it.

    Returns
    -------
    dict of feature name -> value (absent features are zero).
    """
    sentence = prepared if prepared is not None else _Sentence(text)
    tokens = sentence.tokens
    features: dict[str, float] = {}
    if sentence_scores is None:
        sentence_scores = _sentence_scores(text)
    features["sentence_vader"], features["sentence_textblob"] = sentence_scores
    span = sentence.mention_tokens(start, end)
    if span is None:
        return features
    first, last = span
    target_clause = sentence.clause[first]

    def add(name: str, value: float, word: str) -> None:
        features[name] = features.get(name, 0.0) + value
        if trace is not None:
            parts = trace.setdefault(name, {})
            parts[word] = parts.get(word, 0.0) + value

    for i in range(max(0, first - WORD_WINDOW), min(len(tokens), last + WORD_WINDOW + 1)):
        word = tokens[i][0]
        if first <= i <= last or not word[0].isalpha():
            continue
        side = "left" if i < first else "right"
        add(f"{side}:{word}", 1.0, word)
        if i == first - 1 or i == last + 1:
            add(f"{'prev' if i < first else 'next'}:{word}", 1.0, word)
    low = bisect_left(sentence.lexical_positions, first - MAX_CONTEXT)
    high = bisect_right(sentence.lexical_positions, last + MAX_CONTEXT)
    for i, word, valence, polarity, negated in sentence.lexical[low:high]:
        if first <= i <= last:
            continue
        distance = first - i if i < first else i - last
        side = "left" if i < first else "right"
        if negated:
            add("negated_words", 1.0, word)
        weight = 1.0 / (1.0 + distance)
        scope = "clause" if sentence.clause[i] == target_clause else "other_clause"
        for name, value in (("vader", valence), ("pattern", polarity)):
            if not value:
                continue
            sign = "pos" if value > 0 else "neg"
            add(f"{name}_{sign}_{scope}", abs(value) * weight, word)
            add(f"{name}_{sign}_all", abs(value), word)
            if distance <= 3:
                add(f"{name}_{sign}_{side}3", abs(value), word)
    features["mention_first"] = 1.0 if first == 0 or tokens[first - 1][0] in {"\"", "“"} else 0.0
    features["words"] = math.log1p(len(tokens))
    return features


@cache
def _model() -> dict:
    with open(MODEL_PATH, encoding="utf-8") as handle:
        model = json.load(handle)
    model["weights"] = {name: tuple(values) for name, values in model["weights"].items()}
    return model


def _scale(features: dict[str, float], model: dict) -> dict[str, float]:
    scaled = {}
    for name, value in features.items():
        scale = model["scales"].get(name)
        scaled[name] = value / scale if scale else value
    return scaled


def _probabilities(features: dict[str, float], model: dict) -> tuple[list[float], dict]:
    weights = model["weights"]
    scores = list(model["intercept"])
    for name, value in features.items():
        row = weights.get(name)
        if row is not None:
            for k in range(3):
                scores[k] += row[k] * value
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps], weights


def target_tone(text: str, start: int, end: int, *, drivers: int = 3,
                sentence_scores: tuple[float, float] | None = None,
                prepared: _Sentence | None = None) -> dict:
    """Tone of ``text`` toward the mention at ``text[start:end]``.

    Parameters
    ----------
    text : str
        The sentence holding the mention.
    start, end : int
        Character offsets of the mention (end exclusive).
    drivers : int
        How many driving words to list (default 3).
    sentence_scores : (vader compound, TextBlob polarity), optional
        The sentence's scores, when already computed.
    prepared : optional
        The sentence's shared analysis, when several mentions share the sentence.

    Returns
    -------
    dict: label ("negative", "neutral", "positive"), p_negative, p_neutral, p_positive
    (the model's probabilities), score (p_positive - p_negative, -1 to 1), drivers (the words
    that pushed the label most, "word (+0.42)", where the number is the word's contribution to
    the label's log-odds against the mean of the other two; function words other than
    negations are left out of the list, though they count in the score).

    Examples
    --------
    >>> result = target_tone("Critics said the mayor lied about the budget.", 16, 21)
    >>> result["label"]
    'negative'
    """
    model = _model()
    trace: dict[str, dict[str, float]] = {}
    raw = target_features(text, start, end, sentence_scores, trace, prepared)
    features = _scale(raw, model)
    probabilities, weights = _probabilities(features, model)
    best = max(range(3), key=lambda k: probabilities[k])
    # A word's push toward the label: its share of each feature (scaled) times the feature's
    # weight for the label minus the mean weight for the other two labels.
    contributions: dict[str, float] = {}
    for name, parts in trace.items():
        row = weights.get(name)
        if row is None:
            continue
        margin = row[best] - (sum(row) - row[best]) / 2
        scale = model["scales"].get(name) or 1.0
        for word, value in parts.items():
            contributions[word] = contributions.get(word, 0.0) + value / scale * margin
    from newslib.usage import STOPWORDS

    # Function words count in the score but are not listed (except negations).
    ranked = sorted((item for item in contributions.items() if item[1] > 0 and (
        item[0] not in STOPWORDS or item[0] in _lexicons()[1])),
                    key=lambda item: (-item[1], item[0]))[:drivers]
    return {
        "label": LABELS[best],
        "p_negative": probabilities[0],
        "p_neutral": probabilities[1],
        "p_positive": probabilities[2],
        "score": probabilities[2] - probabilities[0],
        "drivers": "; ".join(f"{word} ({push:+.2f})" for word, push in ranked),
    }


ACTOR_TONE_COLUMNS = ["article_id", "actor", "form", "sentence", "paragraph", "start", "end",
                      "voice", "label", "score", "p_negative", "p_neutral", "p_positive",
                      "drivers"]


def actor_tone(article) -> pd.DataFrame:
    """Tone toward each mention of an actor (person, country or bloc, recurring name).

    Mentions are those of :func:`newslib.rhetoric.actor_mentions`; each is scored within its
    sentence by :func:`target_tone`.

    Returns
    -------
    DataFrame, one row per mention: article_id, actor, form (as written), sentence, paragraph,
    start, end (body offsets of the mention), voice (narration or the speaker whose quotation
    holds the mention), label, score, p_negative, p_neutral, p_positive, drivers.
    """
    from newslib.rhetoric import actor_mentions

    mentions = actor_mentions(article)
    sentences = article.sentences
    rows = []
    cached: dict[int, tuple[tuple[float, float], _Sentence]] = {}
    for mention in mentions.itertuples():
        sentence = sentences[mention.sentence]
        if mention.sentence not in cached:  # once per sentence, however many mentions
            cached[mention.sentence] = (_sentence_scores(sentence.text),
                                        _Sentence(sentence.text))
        scores, prepared = cached[mention.sentence]
        result = target_tone(sentence.text, mention.start - sentence.start,
                             mention.end - sentence.start, sentence_scores=scores,
                             prepared=prepared)
        rows.append({"article_id": article.id, "actor": mention.actor, "form": mention.form,
                     "sentence": mention.sentence, "paragraph": mention.paragraph,
                     "start": mention.start, "end": mention.end, "voice": mention.voice,
                     **result})
    return pd.DataFrame(rows, columns=ACTOR_TONE_COLUMNS)


def actor_tone_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Actor x voice x tone: how often each voice speaks of each actor negatively, neutrally,
    positively, with the words that drove those labels.

    Parameters
    ----------
    table : DataFrame
        An :func:`actor_tone` table (of one article or several concatenated).

    Returns
    -------
    DataFrame, one row per (actor, voice): actor, voice, mentions, negative, neutral, positive
    (counts of mentions with each label), mean_score, drivers (the most frequent driving words of
    the non-neutral mentions, "word x count").
    """
    columns = ["actor", "voice", "mentions", "negative", "neutral", "positive", "mean_score",
               "drivers"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (actor, voice), group in table.groupby(["actor", "voice"], sort=True):
        counts = group["label"].value_counts()
        words: dict[str, int] = {}
        for label, drivers in zip(group["label"], group["drivers"], strict=True):
            if label == "neutral" or not drivers:
                continue
            for driver in drivers.split("; "):
                word = driver.rsplit(" (", 1)[0]
                words[word] = words.get(word, 0) + 1
        top = sorted(words.items(), key=lambda item: (-item[1], item[0]))[:5]
        rows.append({"actor": actor, "voice": voice, "mentions": len(group),
                     "negative": int(counts.get("negative", 0)),
                     "neutral": int(counts.get("neutral", 0)),
                     "positive": int(counts.get("positive", 0)),
                     "mean_score": float(group["score"].mean()),
                     "drivers": "; ".join(f"{w} x{n}" for w, n in top)})
    return pd.DataFrame(rows, columns=columns).sort_values(
        ["mentions", "actor", "voice"], ascending=[False, True, True], ignore_index=True)
