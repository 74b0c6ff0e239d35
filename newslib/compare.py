"""Comparing texts: TF-IDF similarity and NMF topics, over articles or over one article's
voices (narration and each quoted speaker), so the same analysis runs with one article or many.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from newslib.usage import STOPWORDS, token_columns, word_columns

__all__ = ["ARTICLE_COLUMNS", "GIVEN_PREFIX", "MIN_GROUP", "article_table", "documents",
           "feature_table", "group_articles", "group_similarity", "similarity", "split_groups",
           "topics"]


def _lemmas(article, *, with_keys=None) -> list:
    """The article's lemmas (:func:`newslib.usage.normalise`, the one counting scheme) without
    stop words and without numbers; plain lists (:func:`newslib.usage.word_columns`), no
    DataFrame filtering, since this runs once per article of a corpus. With ``with_keys`` (one
    value per word, e.g. its paragraph), (lemma, key) pairs."""
    columns = word_columns(article)
    keys = with_keys if with_keys is not None else columns["lemma"]
    return [(lemma, key) if with_keys is not None else lemma
            for lemma, stop, key in zip(columns["lemma"], columns["is_stopword"], keys,
                                        strict=True)
            if not stop and any(c.isalpha() for c in lemma)]


def documents(articles, by: str = "article") -> pd.DataFrame:
    """Texts to compare, as lemmas without stop words.

    Parameters
    ----------
    by : {"article", "voice", "paragraph"}
        One document per article, per voice of each article (narration, each speaker), or per
        paragraph.

    Returns
    -------
    DataFrame: label, article_id, voice (for ``by="voice"``), paragraph (for
    ``by="paragraph"``), words (lemmas kept: the words :func:`newslib.usage.frequencies`
    counts with its defaults, less those without a letter, such as "300,000"), text
    (space-separated lemmas).
    """
    if by not in ("article", "voice", "paragraph"):
        raise ValueError("by must be 'article', 'voice' or 'paragraph'")
    rows = []
    for article in [articles] if hasattr(articles, "body") else articles:
        if by == "article":
            kept = _lemmas(article)
            rows.append({"label": article.id, "article_id": article.id, "words": len(kept),
                         "text": " ".join(kept)})
            continue
        # One pass over the words, sorted into their voice or paragraph (a pass per voice or
        # paragraph was quadratic: 10,000 one-word paragraphs took minutes).
        unit = word_columns(article)["voice" if by == "voice" else "paragraph"]
        kept_in: dict = defaultdict(list)
        for lemma, key in _lemmas(article, with_keys=unit):
            kept_in[key].append(lemma)
        if by == "voice":
            for voice in dict.fromkeys(token_columns(article)["voice"]):
                kept = kept_in.get(voice, [])
                rows.append({"label": f"{article.id}: {voice}", "article_id": article.id,
                             "voice": voice, "words": len(kept), "text": " ".join(kept)})
        else:
            for paragraph in article.paragraphs:
                kept = kept_in.get(paragraph.index, [])
                rows.append({"label": f"{article.id} ¶{paragraph.index + 1}",
                             "article_id": article.id, "paragraph": paragraph.index,
                             "words": len(kept), "text": " ".join(kept)})
    return pd.DataFrame(rows)


def _tfidf(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(token_pattern=r"\S+", stop_words=list(STOPWORDS),
                                 sublinear_tf=True)
    return vectorizer, vectorizer.fit_transform(texts)


def similarity(docs: pd.DataFrame, focus: str) -> pd.DataFrame:
    """Cosine similarity of every document's TF-IDF vector to the ``focus`` document's.

    TF-IDF weighs words by how specific they are to a document within this collection, so
    similarity depends on which documents are in it.

    Returns
    -------
    ``docs`` without the text, plus similarity (0 = no shared weighted words, 1 = same
    profile), sorted most similar first (the focus itself, 1.0, first).
    """
    from sklearn.metrics.pairwise import cosine_similarity

    labels = docs["label"].tolist()
    if focus not in labels:
        raise ValueError(f"no document labelled {focus!r}; labels are {labels[:5]}...")
    _, matrix = _tfidf(docs["text"].tolist())
    scores = cosine_similarity(matrix[labels.index(focus)], matrix).ravel()
    table = docs.drop(columns=["text"]).assign(similarity=scores)
    return table.sort_values(["similarity", "label"], ascending=[False, True], ignore_index=True)


def topics(docs: pd.DataFrame, n_topics: int = 4, n_words: int = 8,
           random_state: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Topics by non-negative matrix factorisation (scikit-learn NMF) of TF-IDF vectors.

    ``n_topics`` is capped at the number of documents. ``random_state`` fixes the
    initialisation, so re-runs give the same topics; other values may give other, equally
    valid ones. Topics are lists of words that tend to occur together, not themes: naming
    them is the reader's interpretation.

    Returns
    -------
    (topic_words, document_topics): topic_words has topic, rank, word, weight; document_topics
    has label plus one column per topic (share of the document's weight, rows sum to 1 where
    the document has any weight) and ``main_topic``.
    """
    from sklearn.decomposition import NMF

    vectorizer, matrix = _tfidf(docs["text"].tolist())
    k = max(1, min(n_topics, matrix.shape[0], matrix.shape[1]))
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    weights = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    word_rows = []
    for topic, component in enumerate(model.components_):
        top = np.argsort(-component, kind="stable")[:n_words]
        word_rows += [(topic, rank, vocabulary[i], float(component[i]))
                      for rank, i in enumerate(top) if component[i] > 0]
    topic_words = pd.DataFrame(word_rows, columns=["topic", "rank", "word", "weight"])
    totals = weights.sum(axis=1, keepdims=True)
    shares = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    document_topics = pd.DataFrame(shares, columns=[f"topic_{t}" for t in range(k)])
    document_topics.insert(0, "label", docs["label"].tolist())
    document_topics["main_topic"] = shares.argmax(axis=1)
    return topic_words, document_topics


#: Smallest group of articles compared with the others (keyness, similarity, topics by group).
MIN_GROUP = 3


def group_articles(articles, by: str | None = None) -> dict[str, list]:
    """Articles grouped for comparisons between groups.

    Parameters
    ----------
    by : {"outlet", "month", None} or str
        ``outlet`` uses the ``outlet`` / ``source`` column of a table or the site name of an
        HTML page ("unknown" if absent); ``month`` the publication month ("undated" if
        absent); any other name a column of a CSV / JSON Lines table (e.g. ``category``;
        "unknown" where empty); None chooses outlet when any article has one, else month.

    Returns
    -------
    dict mapping each group's label to its articles, labels sorted.

    Raises
    ------
    ValueError
        When ``by`` names a column no article has (the message lists those that exist).
    """
    articles = list(articles)
    keys = ("outlet", "source", "sitename")
    if by is None:
        by = "outlet" if any(k in a.meta for a in articles for k in keys) else "month"
    if by not in ("outlet", "month") and not any(by in a.meta for a in articles):
        found = sorted({k for a in articles for k in a.meta}) or ["none"]
        raise ValueError(f"cannot group by {by!r}: no article has it (columns found: "
                         f"{', '.join(found)}; or use 'outlet' or 'month')")
    groups: dict[str, list] = {}
    for article in articles:
        if by == "outlet":
            label = next((str(article.meta[k]) for k in keys if article.meta.get(k)), "unknown")
        elif by == "month":
            label = article.date.strftime("%Y-%m") if article.date else "undated"
        else:
            value = article.meta.get(by)
            label = str(value) if value not in (None, "") else "unknown"
        groups.setdefault(label, []).append(article)
    return dict(sorted(groups.items()))


def split_groups(groups: dict[str, list], *, min_size: int = MIN_GROUP
                 ) -> tuple[dict[str, list], dict[str, list]]:
    """Groups large enough to compare, and those too small.

    A group of one or two articles describes those articles, not an outlet or a month: its
    "keywords" are the topics of its stories. Comparisons use only groups of at least
    ``min_size`` articles, and need at least two of them.

    Parameters
    ----------
    min_size : int
        Smallest group compared (default :data:`MIN_GROUP`).

    Returns
    -------
    (kept, too_small), two dicts like ``groups``.
    """
    kept = {label: members for label, members in groups.items() if len(members) >= min_size}
    small = {label: members for label, members in groups.items() if len(members) < min_size}
    return kept, small


def group_similarity(docs: pd.DataFrame, group: pd.Series | list) -> pd.DataFrame:
    """Mean TF-IDF cosine similarity between the articles of each pair of groups.

    Within a group the mean is over pairs of different articles. Computed from group sums of
    the L2-normalised vectors (the mean of the dot products is the dot product of the sums
    divided by the number of pairs), so it costs one pass over the vectors.

    Parameters
    ----------
    docs : DataFrame
        From :func:`documents`.
    group : sequence
        Each document's group label, aligned with ``docs``.

    Returns
    -------
    DataFrame: a square table, one row and one column per group.
    """
    _, matrix = _tfidf(docs["text"].tolist())
    labels = pd.Series(list(group), dtype=object)
    names = sorted(labels.unique())
    sums, counts, norms = {}, {}, {}
    for name in names:
        rows = np.flatnonzero((labels == name).to_numpy())
        block = matrix[rows]
        sums[name] = np.asarray(block.sum(axis=0)).ravel()
        counts[name] = len(rows)
        norms[name] = float(block.multiply(block).sum())  # 1 per non-empty document
    values = np.zeros((len(names), len(names)))
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            dot = float(sums[a] @ sums[b])
            if a == b:
                pairs = counts[a] * (counts[a] - 1)
                values[i, j] = (dot - norms[a]) / pairs if pairs else np.nan
            else:
                values[i, j] = dot / (counts[a] * counts[b])
    return pd.DataFrame(values, index=pd.Index(names, name="group"), columns=names)


#: Columns :func:`article_table` makes itself; a table's own column of that name is renamed.
ARTICLE_COLUMNS = ("id", "title", "date", "outlet", "file")
#: Prefix of a table's column renamed because newslib has a column of the same name.
GIVEN_PREFIX = "given_"


def article_table(articles, *, start=None, reserved=()) -> pd.DataFrame:
    """One row per article with what the reader knows it by: id, title, date, the columns of
    its table (outlet, category...) and the file it came from, relative to ``start`` (default:
    as given), so no machine's absolute path is written.

    A table's column keeps its name unless newslib has a column of that name here (``id``,
    ``title``, ``date``, ``outlet``, ``file``) or in ``reserved`` (the feature columns the table
    is joined with, see :func:`feature_table`): then it is kept as ``given_<name>`` (a CSV
    column ``words`` becomes ``given_words``, beside newslib's ``words``), so neither value is
    lost or mistaken for the other.

    Parameters
    ----------
    start : path, optional
        Folder the ``file`` column is relative to.
    reserved : iterable of str
        Further names the table's columns may not take.

    Returns
    -------
    DataFrame: id, title, date, every metadata column found (the first of ``outlet``,
    ``source`` and ``sitename`` as ``outlet``, as :func:`group_articles` uses it; the others
    under their own names), file.
    """
    import os
    from pathlib import Path

    taken = set(ARTICLE_COLUMNS) | set(reserved)

    def given(key: str, meta: dict) -> str:
        name = key
        while name in taken or (name != key and name in meta):  # nor another column's name
            name = GIVEN_PREFIX + name
        return name

    rows = []
    for article in articles:
        row = {"id": article.id, "title": article.meta.get("title", ""),
               "date": article.date.isoformat() if article.date else ""}
        # The outlet column is the one groups by outlet use; a second one keeps its name.
        outlet = next((k for k in ("outlet", "source", "sitename") if k in article.meta), None)
        for key, value in article.meta.items():
            if key in ("title", "url"):
                continue
            row["outlet" if key == outlet else given(key, article.meta)] = value
        where, _, row_label = str(article.source).partition(":")
        if start is not None:
            try:
                where = Path(os.path.relpath(Path(where).resolve(), start)).as_posix()
            except ValueError:
                where = Path(where).name
        row["file"] = where + (f":{row_label}" if row_label else "")
        rows.append(row)
    return pd.DataFrame(rows).fillna("")


def feature_table(articles, features: pd.DataFrame, *, start=None) -> pd.DataFrame:
    """The rows of a feature table (:func:`newslib.corpus.corpus_features`) with what the reader
    knows each article by, as notebook 5 shows and saves them.

    Columns: ``id``, ``date``, then :func:`article_table`'s (title, outlet, the other columns
    of the article's table, file), then the features. Feature columns keep their names; a
    column of the input table with the name of a feature or of one of newslib's own columns
    is kept as ``given_<name>`` (``words`` -> ``given_words``).

    Parameters
    ----------
    articles : iterable of Article
        The articles the features were computed from.
    features : DataFrame
        One row per article, with ``id``, ``source``, ``title`` and ``path`` (replaced here
        by the outlet, title and file of :func:`article_table`).
    start : path, optional
        Folder the ``file`` column is relative to.
    """
    kept = features.drop(columns=[c for c in ("source", "title", "path") if c in features])
    described = article_table(articles, start=start,
                              reserved=[c for c in kept.columns if c != "id"])
    table = described.drop(columns=["date"]).merge(kept, on="id", how="right")
    return table[["id", "date"] + [c for c in table.columns if c not in ("id", "date")]]
