"""One row of summary features per article: the table that corpus comparisons start from.

:func:`article_features` is a pure function of the article (same text, same row), which is
what lets :mod:`newslib.corpus` cache it and run it in parallel processes or on Dask.
"""

from __future__ import annotations

import math

import pandas as pd

from newslib import rhetoric, tone, usage
from newslib.quotes import attributed_quotations

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
    "quotes": "quotation units (a multi-paragraph quotation counts once)",
    "quote_share": "share of words inside quotation marks, 0-1",
    "speakers": "distinct quoted voices (named people and unnamed sources)",
    "named_speakers": "quoted voices resolved to a named person or body",
    "full_quotes": "quotations that are whole sentences",
    "partial_quotes": "quoted fragments inside the writer's sentence",
    "scare_quotes": "quoted fragments attributed to nobody",
    "loaded_verb_share": "share of attributed quotations introduced by a loaded reporting verb",
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
    "loaded_per_1000": "loaded / evaluative terms per 1,000 words",
    "loaded_narration_per_1000": "loaded terms per 1,000 narration words",
    "loaded_quoted_per_1000": "loaded terms per 1,000 quoted words (NaN if no quotes)",
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


def article_features(article) -> dict:
    """Summary features of one article, keyed by :data:`FEATURE_COLUMNS`.

    Examples
    --------
    >>> from newslib import read_article
    >>> row = article_features(read_article("data/articles/000_55b6456ee109d161.txt"))  # doctest: +SKIP
    >>> row["quotes"], round(row["quote_share"], 3)
    (11, 0.579)
    """
    quotations = attributed_quotations(article)
    words = usage.token_table(article)
    words = words[words["is_word"]]
    n_words = len(words)
    quoted_words = int(words["in_quote"].sum())
    narration_words = n_words - quoted_words

    voices = rhetoric.voices(article)
    speakers = voices[voices["voice_kind"].isin(["named", "unnamed"])]
    attributed = [q for q in quotations if q.cue_lemma]

    sentence_tone = tone.tone(article, "sentence")
    body_score = tone.score(article.body, [s.text for s in article.sentences])
    runs = tone.voice_runs(article)
    narration_pieces = [article.body[s:e] for s, e in runs.get("narration", [])]
    quoted_pieces = [article.body[s:e] for voice, spans in runs.items() if voice != "narration"
                     for s, e in spans]
    narration = tone.score(" ".join(narration_pieces), narration_pieces) if (
        narration_pieces) else None
    quoted = tone.score(" ".join(quoted_pieces), quoted_pieces) if quoted_pieces else None

    stance = rhetoric.stance_matches(article)["category"].value_counts()
    loaded = rhetoric.loaded_language(article)
    loaded_narration = int((loaded["voice"] == "narration").sum())
    diversity = usage.lexical_diversity(article).iloc[0]
    reading = usage.readability(article).iloc[0]
    kinds = pd.Series([q.kind for q in quotations], dtype=object).value_counts()

    row = {
        "id": article.id,
        "date": article.date.isoformat() if article.date else "",
        "source": article.outlet,
        "title": article.title,
        "path": article.path,
        "words": n_words,
        "sentences": len(article.sentences),
        "paragraphs": len(article.paragraphs),
        "quotes": len(quotations),
        "quote_share": quoted_words / n_words if n_words else math.nan,
        "speakers": len(speakers),
        "named_speakers": int((speakers["voice_kind"] == "named").sum()),
        "full_quotes": int(kinds.get("full", 0)),
        "partial_quotes": int(kinds.get("partial", 0)),
        "scare_quotes": int(kinds.get("scare", 0)),
        "loaded_verb_share": (sum(q.cue_stance == "loaded" for q in attributed) / len(attributed)
                              if attributed else math.nan),
        "polarity": body_score["polarity"],
        "subjectivity": body_score["subjectivity"],
        "vader": float(sentence_tone["vader"].mean()) if len(sentence_tone) else math.nan,
        "narration_polarity": narration["polarity"] if narration else math.nan,
        "quoted_polarity": quoted["polarity"] if quoted else math.nan,
        "narration_subjectivity": narration["subjectivity"] if narration else math.nan,
        "quoted_subjectivity": quoted["subjectivity"] if quoted else math.nan,
        "tone_label_agreement": float(sentence_tone["agree"].mean()) if len(sentence_tone)
        else math.nan,
        **{f"{c}_per_1000": _per_1000(int(stance.get(c, 0)), n_words)
           for c in rhetoric.STANCE_CATEGORIES},
        "loaded_per_1000": _per_1000(len(loaded), n_words),
        "loaded_narration_per_1000": _per_1000(loaded_narration, narration_words),
        "loaded_quoted_per_1000": _per_1000(len(loaded) - loaded_narration, quoted_words),
        "repeated_phrases": len(rhetoric.repetition(article)),
        "lists_of_three": len(rhetoric.lists_of_three(article)),
        "type_token_ratio": float(diversity["type_token_ratio"]),
        "mtld": float(diversity["mtld"]),
        "flesch_reading_ease": float(reading["flesch_reading_ease"]),
        "flesch_kincaid_grade": float(reading["flesch_kincaid_grade"]),
        "typos": len(usage.typos(article)),
        "warnings": len(article.warnings),
    }
    return row


def features(articles) -> pd.DataFrame:
    """:func:`article_features` for each article, one row each, in the order given.

    For many articles, :func:`newslib.corpus.corpus_features` adds streaming, caching and
    parallel processes.
    """
    rows = [article_features(a) for a in ([articles] if hasattr(articles, "body") else articles)]
    return pd.DataFrame(rows, columns=FEATURE_COLUMNS)
