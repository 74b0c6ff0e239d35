"""One row of summary features per article: the table that corpus comparisons start from.

:func:`article_features` is a pure function of the article (same text, same row), which is
what lets :mod:`newslib.corpus` cache it and run it in parallel processes or on Dask.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

from newslib import rhetoric, scorers, tone, usage
from newslib.quotes import SPEECH_KINDS, all_warnings, attributed_quotations

__all__ = ["FEATURE_COLUMNS", "FEATURE_DESCRIPTIONS", "article_features", "features"]

#: Column -> what it means. The order is the column order of :func:`features`.
FEATURE_DESCRIPTIONS = {
    "id": "article id (path in the folder given, without suffix; or the table's id)",
    "date": "publication date, ISO (empty if unknown)",
    "source": "outlet, from a table's 'source' or 'outlet' column or a page's site name",
    "title": "headline, from a table's 'title' column or the HTML page (empty if not given)",
    "path": "file (and row) the article came from, relative; never an absolute path",
    "words": "word tokens (no punctuation)",
    "sentences": "sentences",
    "paragraphs": "paragraphs",
    "quotes": "quotations of speech, full or partial (a multi-paragraph quotation counts once)",
    "quote_share": "share of words inside quotation marks, 0-1",
    "speakers": "distinct quoted voices (named people and unnamed sources)",
    "named_speakers": "quoted voices resolved to a named person or body",
    "full_quotes": "quotations that are whole sentences",
    "partial_quotes": "quoted fragments inside the writer's sentence",
    "scare_quotes": "quoted fragments attributed to nobody",
    "loaded_verb_share": "share of speech quotations with a reporting verb whose verb is loaded",
    "polarity": "TextBlob polarity of the whole body, -1 to 1",
    "subjectivity": "TextBlob subjectivity of the whole body, 0 to 1",
    "vader": "mean VADER compound score of the sentences, -1 to 1",
    "narration_polarity": "TextBlob polarity of the narration (words outside quotation marks)",
    "quoted_polarity": "TextBlob polarity of all quoted speech together (NaN if none)",
    "narration_subjectivity": "TextBlob subjectivity of the narration",
    "quoted_subjectivity": "TextBlob subjectivity of quoted speech (NaN if none)",
    "tone_label_agreement": "share of sentences where TextBlob and VADER give the same label",
    **{f"{c}_per_1000": f"stance markers of category '{c}' per 1,000 words"
       for c in rhetoric.STANCE_CATEGORIES},
    "evaluative_per_1000": "evaluative words (VADER |valence| >= 1.5, minus topic words) "
                           "per 1,000 words",
    "evaluative_narration_per_1000": "evaluative words per 1,000 narration words",
    "evaluative_quoted_per_1000": "evaluative words per 1,000 quoted words (NaN if no quotes)",
    "topic_per_1000": "topic words (violence, death, crime, disaster, economy, contest) per "
                      "1,000 words",
    "repeated_phrases": "phrases repeated within the article (maximal, incl. gapped pairs)",
    "lists_of_three": "lists of three or more parallel items",
    "type_token_ratio": "distinct words / words (length-sensitive)",
    "mtld": "Measure of Textual Lexical Diversity (length-robust)",
    "flesch_reading_ease": "Flesch Reading Ease (higher = easier; syllables estimated)",
    "flesch_kincaid_grade": "Flesch-Kincaid US school grade",
    "typos": "likely typos flagged",
    "warnings": "problems found while reading (missing date, unclosed quotes...)",
}
FEATURE_COLUMNS = list(FEATURE_DESCRIPTIONS)


def _per_1000(count: int, words: int) -> float:
    return 1000 * count / words if words else math.nan


def _mean(values: list[float]) -> float:
    # NumPy's pairwise sum, as pandas' Series.mean (the rows must not change by a last bit).
    return float(np.add.reduce(np.asarray(values, dtype=float)) / len(values)) if values else (
        math.nan)


def _body_sentiment(article, sentence_tokens: list) -> scorers.TextBlobSentiment:
    """TextBlob sentiment of the whole body from its sentences' tokens (exact: the body is its
    sentences separated by white space; anything else is tokenised whole)."""
    body, position = article.body, 0
    for sentence in article.sentences:
        if body[position:sentence.start].strip():
            return scorers.textblob_sentiment(body)
        position = sentence.end
    if body[position:].strip():
        return scorers.textblob_sentiment(body)
    return scorers.textblob_of_pieces([s.text for s in article.sentences], sentence_tokens,
                                      whole=body)


def _speakers(quotations) -> tuple[int, int]:
    """(distinct quoted voices, those resolved to a named person or body): the named and unnamed
    rows of :func:`newslib.rhetoric.voices`, counted without building its table."""
    kinds: dict[str, set] = {}
    for quote in quotations:
        kinds.setdefault(quote.speaker or "unattributed", set()).add(quote.speaker_kind)
    speakers = [voice for voice in kinds if voice != "unattributed"]
    return len(speakers), sum("named" in kinds[voice] for voice in speakers)


def article_features(article) -> dict:
    """Summary features of one article, keyed by :data:`FEATURE_COLUMNS`.

    The per-article path works on plain lists (no DataFrame is built here) and computes only
    what the row reports; TextBlob and VADER scores come from :mod:`newslib.scorers`, identical
    to the libraries' own.

    Examples
    --------
    >>> from newslib import read_article
    >>> row = article_features(read_article("data/articles/000_55b6456ee109d161.txt"))  # doctest: +SKIP
    >>> row["quotes"], round(row["quote_share"], 3)
    (11, 0.579)
    """
    quotations = attributed_quotations(article)
    words = usage.word_columns(article)
    n_words = len(words["text"])
    quoted_words = sum(words["in_quote"])
    narration_words = n_words - quoted_words
    speech = [q for q in quotations if q.kind in SPEECH_KINDS]  # only speech is a voice
    speakers, named_speakers = _speakers(speech)
    attributed = [q for q in speech if q.cue_lemma]
    kinds = Counter(q.kind for q in quotations)

    # Tone: TextBlob per sentence and for the body from one tokenisation; VADER per sentence.
    sentence_tokens = [scorers.textblob_tokens(s.text) for s in article.sentences]
    polarities = [scorers.textblob_score(tokens).polarity for tokens in sentence_tokens]
    vader = [float(scorers.vader_scores(s.text)["compound"]) for s in article.sentences]
    agree = [tone.label(p) == tone.label(v) for p, v in zip(polarities, vader, strict=True)]
    body = _body_sentiment(article, sentence_tokens)
    runs = tone.voice_runs(article)
    narration_pieces = [article.body[s:e] for s, e in runs.get("narration", [])]
    quoted_pieces = [article.body[s:e] for voice, spans in runs.items() if voice != "narration"
                     for s, e in spans]
    narration = scorers.textblob_of_pieces(narration_pieces) if narration_pieces else None
    quoted = scorers.textblob_of_pieces(quoted_pieces) if quoted_pieces else None

    # Counted from the rows behind rhetoric's public tables (stance_matches, evaluative_words,
    # topic_words, repetition, lists_of_three), without building the DataFrames: the row
    # only needs counts per category and per voice.
    category, voice = rhetoric.MATCH_COLUMNS.index("category"), rhetoric.MATCH_COLUMNS.index(
        "voice")
    stance = Counter(r[category] for r in rhetoric._match_records(article, "stance_markers.tsv"))
    evaluative_voices = [r[voice] for r in
                         rhetoric._match_records(article, "evaluative_words.tsv")]
    evaluative_narration = evaluative_voices.count("narration")

    # The formulas of usage.lexical_diversity and usage.readability, on the same word lists.
    lowered = words["lower"]
    types = len(set(lowered))
    n_sentences = len(article.sentences)
    syllables = sum(usage.syllables(w) for w in words["text"])
    words_per_sentence = n_words / max(n_sentences, 1)
    syllables_per_word = syllables / max(n_words, 1)

    row = {
        "id": article.id,
        "date": article.date.isoformat() if article.date else "",
        "source": article.outlet,
        "title": article.title,
        "path": article.path,
        "words": n_words,
        "sentences": n_sentences,
        "paragraphs": len(article.paragraphs),
        "quotes": len(speech),
        "quote_share": quoted_words / n_words if n_words else math.nan,
        "speakers": speakers,
        "named_speakers": named_speakers,
        "full_quotes": kinds["full"],
        "partial_quotes": kinds["partial"],
        "scare_quotes": kinds["scare"],
        "loaded_verb_share": (sum(q.cue_stance == "loaded" for q in attributed) / len(attributed)
                              if attributed else math.nan),
        "polarity": float(body.polarity),
        "subjectivity": float(body.subjectivity),
        "vader": _mean(vader),
        "narration_polarity": float(narration.polarity) if narration else math.nan,
        "quoted_polarity": float(quoted.polarity) if quoted else math.nan,
        "narration_subjectivity": float(narration.subjectivity) if narration else math.nan,
        "quoted_subjectivity": float(quoted.subjectivity) if quoted else math.nan,
        "tone_label_agreement": sum(agree) / len(agree) if agree else math.nan,
        **{f"{c}_per_1000": _per_1000(stance[c], n_words) for c in rhetoric.STANCE_CATEGORIES},
        "evaluative_per_1000": _per_1000(len(evaluative_voices), n_words),
        "evaluative_narration_per_1000": _per_1000(evaluative_narration, narration_words),
        "evaluative_quoted_per_1000": _per_1000(len(evaluative_voices) - evaluative_narration,
                                                quoted_words),
        "topic_per_1000": _per_1000(len(rhetoric._match_records(article, "topic_words.tsv")),
                                    n_words),
        "repeated_phrases": len(rhetoric._repetition_rows(article)),
        "lists_of_three": len(rhetoric._triad_rows(article)),
        "type_token_ratio": types / n_words if n_words else math.nan,
        "mtld": float(usage.mtld(lowered)),
        "flesch_reading_ease": 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        "flesch_kincaid_grade": 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        "typos": len(usage.typos(article)),
        "warnings": len(all_warnings(article)),
    }
    return row


def features(articles) -> pd.DataFrame:
    """:func:`article_features` for each article, one row each, in the order given.

    For many articles, :func:`newslib.corpus.corpus_features` adds streaming, caching and
    parallel processes.
    """
    rows = [article_features(a) for a in ([articles] if hasattr(articles, "body") else articles)]
    return pd.DataFrame(rows, columns=FEATURE_COLUMNS)
