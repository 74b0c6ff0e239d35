"""Word usage: frequencies, n-grams, collocations, keywords in context, dispersion, lexical
diversity, readability, keyness and likely typos.

Every function takes an :class:`~newslib.articles.Article` (or a list of them where a corpus
makes sense) and returns a DataFrame with one row per unit and the columns its docstring lists.
"Words" are word tokens (no punctuation; ``ill-equipped`` and ``300,000`` are one word each).

One counting scheme: every count, table and search compares words through :func:`normalise`
(lemma by default: lower case, possessive dropped, plural nouns singular; see :func:`lemma`),
and search terms go through the same steps (:func:`normalise_query`), so a word's count is the
same in the frequency table, the keyword tables and the per-voice counts. The options a
researcher chooses are keyword-only and default the same way everywhere: ``unit="lemma"``,
``stopwords=False`` (leave stop words out).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import compress

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "DEFAULT_UNIT",
    "GENERAL_ENGLISH_WORDS",
    "STOPWORDS",
    "collocations",
    "dispersion",
    "frequencies",
    "keyness",
    "keyness_between",
    "keyness_vs_english",
    "kwic",
    "lemma",
    "lexical_diversity",
    "name_aware_tag",
    "ngrams",
    "normalise",
    "normalise_query",
    "readability",
    "reference_forms",
    "sentence_table",
    "keyness_voices",
    "syllables",
    "token_columns",
    "token_table",
    "spelling_suggestion",
    "typos",
    "voice_counts",
    "word_columns",
]

#: scikit-learn's English stop-word list (BSD licensed, 318 words) plus news titles and the
#: possessive clitic, matched against the lemma (so "US" is not "us"). Every function with a
#: ``stopwords`` option leaves them out by default (``stopwords=False``); rates still divide
#: by all words.
STOPWORDS = frozenset(ENGLISH_STOP_WORDS | {"mr", "mrs", "ms", "s", "'s", "said"})

TOKEN_COLUMNS = [
    "article_id", "token", "text", "lower", "lemma", "pos", "start", "end", "sentence",
    "paragraph", "is_word", "is_stopword", "in_quote", "quote", "voice",
]


def _as_list(articles) -> list:
    return [articles] if hasattr(articles, "body") else list(articles)


#: What counts as "the same word" unless a function is told otherwise: see :func:`normalise`.
DEFAULT_UNIT = "lemma"
UNITS = ("lemma", "lower", "text")

# Plurals that are nouns in their own right (or singular words ending in -s): counted as
# written, not turned into "person", "medium", "datum", "politic" by the singulariser.
_NOT_SINGULARISED = frozenset(
    """people media data news means series species headquarters politics economics physics
    statistics arms goods clothes police cattle odds thanks""".split()
)
_SINGULAR_ENDINGS = ("ss", "us", "is", "ics")
# Plurals that stay plural before a possessive ("women's", "children's"): every other word
# before "'s" is singular ("Russia's", "country's") and is not singularised.
_IRREGULAR_PLURALS = frozenset("men women children people feet teeth mice geese".split())


@lru_cache(maxsize=200_000)
def _singular(word: str) -> str:
    """Pattern's singular of a plural noun, kept only when it is a known English word."""
    from textblob.en.inflect import singularize

    if word in _NOT_SINGULARISED or word.endswith(_SINGULAR_ENDINGS):
        return word
    candidates = [singularize(word)]
    if word.endswith(("xes", "uses")) and len(word) >= 5:  # Pattern: "taxes" -> "taxe"
        candidates.append(word[:-2])
    # Keep only known words ("russia" -> "russium" is not one); prefer the more frequent.
    known = [c for c in candidates if c != word and _zipf(c) >= 1.0]
    return max(known, key=_zipf) if known else word


def name_aware_tag(text: str, pos: str, previous: str | None) -> str:
    """The tag :func:`lemma` is given: a capitalised plural right after another capitalised
    word that is not a stop word is part of a name ("United States", "Olympic Games"), so it
    is tagged NNP and not made singular; "the Russians" and "Russians" still are.

    ``previous`` is the word before in the same sentence (None at a sentence start or after
    punctuation).
    """
    if (pos in ("NNS", "NNPS") and text[:1].isupper() and previous is not None
            and previous[:1].isupper() and previous.lower() not in STOPWORDS):
        return "NNP"
    return pos


@lru_cache(maxsize=200_000)
def lemma(word: str, pos: str = "") -> str:
    """Dictionary form used for every count in newslib (see :func:`normalise`).

    1. Curly apostrophes become straight ones; the word is lower-cased, except all-capital
       words whose lower-case form is a stop word ("US", "IT", "WHO" are not "us", "it",
       "who").
    2. A final ``'s`` is dropped (possessive or contraction: "Putin's" -> "putin", "it's" ->
       "it"). What stands before it is singular ("Russia's" -> "russia", not "russium"),
       except a few irregular plurals ("women's" -> "woman").
    3. Plural nouns (Penn tags NNS, NNPS) become singular with Pattern's rules ("reservists"
       -> "reservist", "Russians" -> "russian"; in a hyphenated word, the last part), unless
       the result is not a known English word (wordfreq Zipf below 1), the plural is a noun in
       its own right ("people", "media", "news") or the word ends in -ss, -us, -is or -ics.

    Verbs are not lemmatised (that needs WordNet data, which is not available offline).

    Examples
    --------
    >>> lemma("Putin's", "NNP"), lemma("reservists", "NNS"), lemma("was", "VBD")
    ('putin', 'reservist', 'was')
    >>> lemma("Russia's", "NNS"), lemma("US", "PRP"), lemma("people", "NNS")
    ('russia', 'US', 'people')
    """
    word = word.replace("’", "'")
    lowered = word.lower()
    if word.isupper() and len(word) > 1 and lowered in STOPWORDS:
        lowered = word
    possessive = lowered.endswith("'s") and len(lowered) > 2
    if possessive:
        lowered = lowered[:-2]
        if lowered not in _IRREGULAR_PLURALS:
            return lowered
    if possessive or pos in ("NNS", "NNPS"):
        head, _, last = lowered.rpartition("-")
        if last.isalpha() and len(last) > 3:
            return f"{head}-{_singular(last)}" if head else _singular(last)
    return lowered


def normalise(word: str, pos: str = "", *, unit: str = DEFAULT_UNIT) -> str:
    """The one normalisation behind every count, table and search in newslib.

    Frequencies, n-grams, collocations, keyness (against English, between groups, between
    voices), keywords in context and dispersion all compare words through this function, and
    queries are normalised the same way as the text, so their totals agree.

    Parameters
    ----------
    word : str
        One word token as :func:`newslib.segment.tokenize` cuts it.
    pos : str
        Its Penn Treebank tag (only plural noun tags, NNS and NNPS, matter).
    unit : {"lemma", "lower", "text"}
        ``"lemma"`` (default): :func:`lemma`. ``"lower"``: the word form, lower-cased with
        straight apostrophes ("Russia's" -> "russia's"). ``"text"``: exactly as written.

    Returns
    -------
    str

    Examples
    --------
    >>> [normalise("Russia's", "NNS", unit=u) for u in ("lemma", "lower", "text")]
    ['russia', "russia's", "Russia's"]
    """
    if unit == "lemma":
        return lemma(word, pos)
    if unit == "lower":
        return word.replace("’", "'").lower()
    if unit == "text":
        return word
    raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")


def token_table(article) -> pd.DataFrame:
    """One row per token of an article (a fresh copy: editing it changes nothing later).

    Columns
    -------
    article_id, token (index), text, lower and lemma (:func:`normalise` with ``unit="lower"``
    and ``unit="lemma"``), pos (Penn tag from the Pattern tagger), start, end (body offsets),
    sentence, paragraph, is_word, is_stopword (the lemma is in ``STOPWORDS``), in_quote, quote
    (index in :func:`newslib.quotes.quotes`, -1 outside quotations), voice ("narration" outside
    quotations, otherwise the quotation's speaker, or "unattributed").
    """
    return _token_table(article).copy()


def _token_table(article) -> pd.DataFrame:
    """The cached token table itself, for read-only use inside this module. Built only when
    asked for: the per-article paths read :func:`_token_columns` instead."""
    cached = article.__dict__.get("_token_table")
    if cached is not None:
        return cached
    columns = _token_columns(article)
    if columns["token"]:
        table = pd.DataFrame({column: list(columns[column]) for column in TOKEN_COLUMNS})
    else:
        table = pd.DataFrame([], columns=TOKEN_COLUMNS)
    article.__dict__["_token_table"] = table
    return table


def _token_columns(article) -> dict[str, tuple]:
    """The token table's columns as tuples, one entry per token (cached on the article; tuples
    so that nothing a caller gets can change the cache)."""
    cached = article.__dict__.get("_token_columns")
    if cached is None:
        _tabulate(article)
        cached = article.__dict__["_token_columns"]
    return cached


def _tabulate(article) -> None:
    """One pass over the tokens: caches the columns of all tokens (``_token_columns``) and of
    the word tokens (``_word_columns``) on the article.

    Built column by column, not as a row tuple per token, and with one string object per
    distinct lower-case form: a 5 MB article has 900,000 tokens, and rows of tuples took
    several times the memory of the columns they were turned into.
    """
    from newslib.quotes import speech_quotations

    quotations = speech_quotations(article)
    spans = sorted((s, e, i) for i, q in enumerate(quotations) for s, e in q.spans)
    starts = [s for s, _, _ in spans]
    speakers = [q.speaker or "unattributed" for q in quotations]
    tokens = article.tokens
    text_of, lower_of, lemma_of, pos_of = [], [], [], []
    quote_of, voice_of = [], []
    forms: dict[str, str] = {}  # one object per distinct lower-case form
    previous = None  # the word token before, in the same sentence
    for token in tokens:
        text = token.text
        if previous is not None and (not token.is_word or previous.sentence != token.sentence):
            previous = None
        # Only plural noun tags matter to name_aware_tag and lemma; any other tag is passed
        # as "" (same lemma, fewer distinct keys in lemma's cache).
        tag = ""
        if token.pos in ("NNS", "NNPS"):
            tag = name_aware_tag(text, token.pos, previous.text if previous else None)
        # lemma(text, tag) is normalise(text, tag, unit="lemma") and the lower form below is
        # normalise(text, unit="lower"): the same steps, without the dispatch per token.
        lemma_of.append(lemma(text, tag))
        previous = token if token.is_word else None
        lowered = text.replace("’", "'").lower()
        lower_of.append(forms.setdefault(lowered, lowered))
        text_of.append(text)
        pos_of.append(token.pos)
        quote = -1
        position = bisect.bisect_right(starts, token.start) - 1
        if position >= 0 and token.start < spans[position][1]:
            quote = spans[position][2]
        quote_of.append(quote)
        voice_of.append(speakers[quote] if quote >= 0 else "narration")
    columns = {
        "article_id": (article.id,) * len(tokens), "token": tuple(range(len(tokens))),
        "text": tuple(text_of), "lower": tuple(lower_of), "lemma": tuple(lemma_of),
        "pos": tuple(pos_of), "start": tuple(t.start for t in tokens),
        "end": tuple(t.end for t in tokens), "sentence": tuple(t.sentence for t in tokens),
        "paragraph": tuple(t.paragraph for t in tokens),
        "is_word": tuple(t.is_word for t in tokens),
        "is_stopword": tuple(term in STOPWORDS for term in lemma_of),
        "in_quote": tuple(q >= 0 for q in quote_of), "quote": tuple(quote_of),
        "voice": tuple(voice_of),
    }
    del text_of, lower_of, lemma_of, pos_of, quote_of, voice_of
    is_word = columns["is_word"]
    article.__dict__["_token_columns"] = {name: columns[name] for name in TOKEN_COLUMNS}
    article.__dict__["_word_columns"] = {name: tuple(compress(columns[name], is_word))
                                         for name in TOKEN_COLUMNS}


def token_columns(article) -> dict[str, tuple]:
    """All the rows of :func:`token_table` as one tuple per column, like :func:`word_columns`
    (cached; a new dict on every call), without building a DataFrame."""
    return dict(_token_columns(article))


def word_columns(article) -> dict[str, tuple]:
    """The word rows of :func:`token_table` as one tuple per column (cached; tuples, and a new
    dict on every call, so a caller cannot change what later calls see): loops over Python
    sequences are many times faster than row access on a DataFrame, and no DataFrame is built
    for them."""
    cached = article.__dict__.get("_word_columns")
    if cached is None:
        _tabulate(article)
        cached = article.__dict__["_word_columns"]
    return dict(cached)


def _kept(columns: dict[str, tuple], unit: str, stopwords: bool) -> Iterable[str]:
    """One word column, without the stop words unless ``stopwords``."""
    if stopwords:
        return columns[unit]
    return (term for term, stop in zip(columns[unit], columns["is_stopword"], strict=True)
            if not stop)


def frequencies(articles, *, unit: str = DEFAULT_UNIT, stopwords: bool = False,
                min_count: int = 1) -> pd.DataFrame:
    """Word frequencies over one article or several.

    Parameters
    ----------
    articles : Article or iterable of Article
    unit : {"lemma", "lower", "text"}
        What counts as the same word (:func:`normalise`): lemma (default; singular, no
        possessive), lower-cased form, or the form exactly as written.
    stopwords : bool
        Keep stop words (``STOPWORDS``, judged on the lemma); default False, as everywhere in
        this module. Per-1,000 rates always divide by all words.
    min_count : int
        Leave out terms seen fewer times (default 1: every word).

    Returns
    -------
    DataFrame: term, count, per_1000 (per 1,000 words of the text), articles (how many
    articles use it), sorted by count then term. With ``unit="lemma"`` a term's count equals
    its ``target_count`` in :func:`keyness_vs_english` and the sum of its counts per voice in
    :func:`voice_counts`.
    """
    _check_unit(unit)
    counts: Counter = Counter()
    spread: Counter = Counter()
    total = 0
    for article in _as_list(articles):
        columns = word_columns(article)
        total += len(columns[unit])
        article_counts = Counter(_kept(columns, unit, stopwords))
        counts.update(article_counts)
        spread.update(article_counts.keys())
    table = pd.DataFrame(
        [(term, n, 1000 * n / total if total else 0.0, spread[term]) for term, n in counts.items()
         if n >= min_count],
        columns=["term", "count", "per_1000", "articles"],
    )
    return table.sort_values(["count", "term"], ascending=[False, True], ignore_index=True)


def voice_counts(articles, *, unit: str = DEFAULT_UNIT, stopwords: bool = False) -> pd.DataFrame:
    """How often each voice (the narration, each speaker) uses each term.

    Parameters
    ----------
    articles : Article or iterable of Article
    unit : {"lemma", "lower", "text"}
        What counts as the same word (:func:`normalise`); default lemma.
    stopwords : bool
        Keep stop words; default False.

    Returns
    -------
    DataFrame: voice, term, count, sorted by voice then count. The counts of a term over all
    voices add up to its count in :func:`frequencies`.
    """
    _check_unit(unit)
    counts: Counter = Counter()
    for article in _as_list(articles):
        columns = word_columns(article)
        counts.update(zip(_kept(columns, "voice", stopwords), _kept(columns, unit, stopwords),
                          strict=True))
    table = pd.DataFrame([(voice, term, n) for (voice, term), n in counts.items()],
                         columns=["voice", "term", "count"])
    return table.sort_values(["voice", "count", "term"], ascending=[True, False, True],
                             ignore_index=True)


def _sentence_word_lists(article, unit: str) -> list[list[str]]:
    columns = word_columns(article)
    sentences: dict[int, list[str]] = {}
    for sentence, word in zip(columns["sentence"], columns[unit], strict=True):
        sentences.setdefault(sentence, []).append(word)
    return [sentences[sentence] for sentence in sorted(sentences)]


def ngrams(articles, n: int = 2, *, unit: str = DEFAULT_UNIT, stopwords: bool = False,
           min_count: int = 2) -> pd.DataFrame:
    """Word n-grams within sentences, counted with scikit-learn's CountVectorizer.

    Parameters
    ----------
    articles : Article or iterable of Article
    n : int
        Words per n-gram.
    unit : {"lemma", "lower", "text"}
        What counts as the same word (:func:`normalise`); default lemma, so "tens of
        thousands" is counted as "ten of thousand" together with "ten of thousands".
        ``unit="lower"`` counts the phrases as written.
    stopwords : bool
        If False (default), n-grams made only of stop words ("of the") are dropped; n-grams
        with some stop words inside ("tens of thousands") are kept.
    min_count : int
        Leave out n-grams seen fewer times (default 2).

    Returns
    -------
    DataFrame: ngram, n, count, per_1000 (per 1,000 words), sorted by count then n-gram.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    _check_unit(unit)
    documents = []
    total = 0
    for article in _as_list(articles):
        for words in _sentence_word_lists(article, unit):
            documents.append(words)
            total += len(words)

    def analyse(words: list[str]) -> list[str]:
        grams = [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
        if stopwords:
            return grams
        return [g for g in grams if not all(w in STOPWORDS for w in g.split())]

    columns = ["ngram", "n", "count", "per_1000"]
    if not documents:
        return pd.DataFrame(columns=columns)
    vectorizer = CountVectorizer(analyzer=analyse, lowercase=False)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:  # no n-grams at all (texts shorter than n)
        return pd.DataFrame(columns=columns)
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    table = pd.DataFrame({
        "ngram": vectorizer.get_feature_names_out(), "n": n, "count": counts,
        "per_1000": 1000 * counts / max(total, 1),
    })
    table = table[table["count"] >= min_count]
    return table.sort_values(["count", "ngram"], ascending=[False, True], ignore_index=True)


def _llr(k11: float, k12: float, k21: float, k22: float) -> float:
    """Dunning's log-likelihood (G2) of a 2x2 contingency table."""
    def h(*counts: float) -> float:
        total = sum(counts)
        return sum(c * math.log(c / total) for c in counts if c > 0)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def collocations(articles, *, window: int = 1, unit: str = DEFAULT_UNIT,
                 stopwords: bool = False, min_count: int = 2) -> pd.DataFrame:
    """Word pairs that occur together more than chance predicts.

    A pair is (word, a word up to ``window`` positions to its right) within a sentence.

    Parameters
    ----------
    articles : Article or iterable of Article
    window : int
        How far to the right the second word may be (default 1: adjacent words).
    unit : {"lemma", "lower", "text"}
        What counts as the same word (:func:`normalise`); default lemma.
    stopwords : bool
        If False (default), pairs with a stop word are left out (they still count in the
        totals).
    min_count : int
        Leave out pairs seen fewer times (default 2).

    Returns
    -------
    DataFrame: word1, word2, count, pmi, log_likelihood, sorted by log-likelihood.

    ``pmi`` = log2(observed / expected), where expected = p(word1) x p(word2) x total pairs,
    with p(w) = count of w / total words (Church & Hanks 1990). ``log_likelihood`` is Dunning's
    G2 of the 2x2 table of pairs (word1 first or not, word2 second or not; Dunning 1993):
    above 3.84 is p < 0.05, above 10.83 is p < 0.001, for one test. PMI favours rare pairs;
    read both.
    """
    _check_unit(unit)
    unigram: Counter = Counter()
    pairs: Counter = Counter()
    for article in _as_list(articles):
        for words in _sentence_word_lists(article, unit):
            unigram.update(words)
            for i, first in enumerate(words):
                for second in words[i + 1:i + 1 + window]:
                    pairs[(first, second)] += 1
    total_pairs = sum(pairs.values())
    total_words = sum(unigram.values())
    as_first: Counter = Counter()  # pairs each word starts, and ends
    as_second: Counter = Counter()
    for (first, second), count in pairs.items():
        as_first[first] += count
        as_second[second] += count
    rows = []
    for (first, second), k11 in pairs.items():
        if k11 < min_count:
            continue
        if not stopwords and (first in STOPWORDS or second in STOPWORDS):
            continue
        k12 = as_first[first] - k11
        k21 = as_second[second] - k11
        k22 = total_pairs - k11 - k12 - k21
        expected = unigram[first] * unigram[second] / max(total_words, 1) ** 2 * total_pairs
        rows.append((first, second, k11, math.log2(k11 / expected), _llr(k11, k12, k21, k22)))
    table = pd.DataFrame(rows, columns=["word1", "word2", "count", "pmi", "log_likelihood"])
    return table.sort_values(["log_likelihood", "word1", "word2"], ascending=[False, True, True],
                             ignore_index=True)


def normalise_query(term: str, *, unit: str = DEFAULT_UNIT) -> list[str]:
    """A search term cut and normalised exactly as the text is.

    The term is tokenised by :func:`newslib.segment.tokenize`, tagged by the same Pattern
    tagger and passed through :func:`normalise`, so "troops" finds "troop" and "troops",
    "Putin" finds "Putin's", and "US" does not find "us".

    Parameters
    ----------
    term : str
        One word or a phrase.
    unit : {"lemma", "lower", "text"}
        Match lemmas (default) or word forms (``"lower"``: any case; ``"text"``: exact).

    Returns
    -------
    list of str: one normalised word per word of the term (punctuation dropped).

    Examples
    --------
    >>> normalise_query("Troops' deaths")
    ['troop', 'death']
    """
    from newslib.segment import _pattern_tags, tokenize

    _check_unit(unit)
    tokens = tokenize(term)
    tags = _pattern_tags([text for text, *_ in tokens])
    wanted, previous = [], None
    for (text, _, _, is_word), tag in zip(tokens, tags, strict=True):
        if is_word:
            wanted.append(normalise(text, name_aware_tag(text, tag, previous), unit=unit))
        previous = text if is_word else None
    return wanted


def kwic(articles, term: str, *, width: int = 40, unit: str = DEFAULT_UNIT) -> pd.DataFrame:
    """Keyword in context: each occurrence of ``term`` with the text either side.

    Parameters
    ----------
    articles : Article or iterable of Article
    term : str
        A word or a phrase (a phrase matches consecutive words), normalised like the text
        (:func:`normalise_query`): "troops" finds "troops" and "troop", "Putin" finds
        "Putin's".
    width : int
        Characters of context on each side (default 40).
    unit : {"lemma", "lower", "text"}
        Match lemmas (default) or word forms (``"lower"``, ``"text"``).

    Returns
    -------
    DataFrame: article_id, paragraph, sentence, start, end (body offsets of the match), left,
    keyword (as written), right, voice.
    """
    wanted = normalise_query(term, unit=unit)
    rows = []
    for article in _as_list(articles):
        if not wanted:
            break
        columns = word_columns(article)
        values = columns[unit]
        for i in range(len(values) - len(wanted) + 1):
            if values[i] == wanted[0] and list(values[i:i + len(wanted)]) == wanted:
                last = i + len(wanted) - 1
                start, end = columns["start"][i], columns["end"][last]
                left = article.body[max(0, start - width):start].replace("\n", " ")
                right = article.body[end:end + width].replace("\n", " ")
                rows.append((article.id, columns["paragraph"][i], columns["sentence"][i], start,
                             end, left, article.body[start:end], right, columns["voice"][i]))
    return pd.DataFrame(rows, columns=["article_id", "paragraph", "sentence", "start", "end",
                                       "left", "keyword", "right", "voice"])


def dispersion(article, terms: Sequence[str], *, unit: str = DEFAULT_UNIT) -> pd.DataFrame:
    """Where in the article each term occurs.

    Parameters
    ----------
    article : Article
    terms : sequence of str
        Words (or phrases), normalised like the text (:func:`normalise_query`); a phrase is
        placed at its first word.
    unit : {"lemma", "lower", "text"}
        Match lemmas (default) or word forms.

    Returns
    -------
    DataFrame: term (as given), word_index (position among the article's words), position
    (0 = first word, 1 = last), paragraph, voice. Juilland's D for each term is in
    ``table.attrs["juilland_d"]`` (1 = spread evenly over the article's paragraphs, 0 = all in
    one).
    """
    columns = word_columns(article)
    values = columns[unit] if unit in UNITS else _check_unit(unit)
    n_words = max(len(values) - 1, 1)
    rows = []
    spread = {}
    n_parts = len(article.paragraphs)
    part_sizes = [0] * n_parts
    for paragraph in columns["paragraph"]:
        part_sizes[paragraph] += 1
    for term in terms:
        wanted = normalise_query(term, unit=unit)
        hits = [i for i in range(len(values) - len(wanted) + 1)
                if wanted and values[i] == wanted[0]
                and list(values[i:i + len(wanted)]) == wanted]
        for i in hits:
            rows.append((term, i, i / n_words, columns["paragraph"][i], columns["voice"][i]))
        counts = Counter(columns["paragraph"][i] for i in hits)
        spread[term] = _juilland_d([counts.get(p, 0) for p in range(n_parts)], part_sizes)
    table = pd.DataFrame(rows, columns=["term", "word_index", "position", "paragraph", "voice"])
    table.attrs["juilland_d"] = spread
    return table


def _juilland_d(counts: list[int], sizes: list[int]) -> float:
    """Juilland's D over parts of unequal size (rates per word), as in Gries (2008)."""
    rates = np.array([c / s for c, s in zip(counts, sizes, strict=True) if s > 0])
    if len(rates) < 2 or rates.mean() == 0:
        return float("nan")
    variation = rates.std() / rates.mean()
    return float(1 - variation / math.sqrt(len(rates) - 1))


def _mtld_pass(words: Sequence[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    count = 0
    for word in words:
        count += 1
        types.add(word)
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        ratio = len(types) / count
        factors += (1 - ratio) / (1 - threshold) if ratio < 1 else 0
    return len(words) / factors if factors else float("nan")


def mtld(words: Sequence[str], *, threshold: float = 0.72) -> float:
    """Measure of Textual Lexical Diversity (McCarthy & Jarvis 2010), forward/backward mean.

    The mean length of word runs that keep a type/token ratio above ``threshold``; unlike
    type/token ratio it does not fall simply because a text is longer. NaN for texts too short
    to complete a factor with no partial factor.
    """
    forward = _mtld_pass(words, threshold)
    backward = _mtld_pass(list(reversed(words)), threshold)
    return float(np.nanmean([forward, backward])) if not (
        math.isnan(forward) and math.isnan(backward)) else float("nan")


def lexical_diversity(articles) -> pd.DataFrame:
    """Per article: words, types (distinct word forms), type_token_ratio, mtld.

    Types are word forms (:func:`normalise` with ``unit="lower"``), not lemmas: lexical
    diversity is defined on the words as written (McCarthy & Jarvis 2010).

    Type/token ratio falls as texts get longer, so compare it only between texts of similar
    length; MTLD is the length-robust measure.
    """
    rows = []
    for article in _as_list(articles):
        words = list(word_columns(article)["lower"])
        types = len(set(words))
        rows.append((article.id, len(words), types, types / len(words) if words else float("nan"),
                     mtld(words)))
    return pd.DataFrame(rows, columns=["article_id", "words", "types", "type_token_ratio", "mtld"])


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Vowel pairs usually spoken as two syllables (me-di-a, i-de-a, vi-o-lent, ne-on, sci-ence),
# with the common exceptions where they merge (-tion, -cial, -ious, -eau).
_HIATUS = re.compile(r"(?<![cgstx])i[ao](?!us)|(?<=[^aeiouy])ea(?=$|l$|te|ti)|eo(?!u|p)|ie(?=n|t)|"
                     r"[aeiou]ing$|uo|ua(?!y)|(?<!q)ui(?=e|t$)|ii")


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Estimated syllables of an English word, from vowel groups with common corrections.

    Rule-based because no pronunciation dictionary is available offline (textstat's exact
    counts need NLTK's cmudict): vowel groups (a e i o u y), minus a silent final -e or
    -es/-ed, plus one for vowel pairs usually spoken apart (me-di-a, sci-ence, be-ing).
    Hyphenated words add their parts; numbers count one per digit group. On the 48 words
    of the list its rules were written with it is exact for 44 and off by one for 4; on a
    second hand-checked list of 60 news words, not used to write the rules, it is exact for 49
    (82%) and off by one for 11 (e.g. "million", "poem", "player"). Readability scores built
    on it are estimates.

    Examples
    --------
    >>> [syllables(w) for w in ["the", "deaths", "mobilise", "reprehensible", "population"]]
    [1, 1, 3, 5, 4]
    """
    word = word.lower().replace("’", "'")
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    word = re.sub(r"'s$", "", word)
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return max(1, len(re.findall(r"\d+", word)))
    count = len(_VOWEL_GROUPS.findall(letters))
    if len(letters) > 2 and letters.endswith("e") and not re.search(r"([^aeiouy]le|ee|ye)$", letters):
        count -= 1
    elif re.search(r"[^aeiouy](es|ed)$", letters) and not re.search(
            r"([td]ed|[cgsxz]es|[cs]hes)$", letters):
        count -= 1
    count += len(_HIATUS.findall(letters))
    return max(1, count)


def readability(articles) -> pd.DataFrame:
    """Flesch Reading Ease and Flesch-Kincaid Grade per article.

    Reading ease: 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words); higher is
    easier (60-70 plain English, below 30 very difficult). Grade: 0.39 x (words / sentences) +
    11.8 x (syllables / words) - 15.59, a US school grade. Syllables are estimated by
    :func:`syllables` (textstat's exact counts need NLTK's cmudict, unavailable offline).

    Returns
    -------
    DataFrame: article_id, sentences, words, syllables, words_per_sentence,
    syllables_per_word, flesch_reading_ease, flesch_kincaid_grade.
    """
    rows = []
    for article in _as_list(articles):
        words = word_columns(article)["text"]
        n_sentences = len(article.sentences)
        n_syllables = sum(syllables(w) for w in words)
        wps = len(words) / max(n_sentences, 1)
        spw = n_syllables / max(len(words), 1)
        rows.append((article.id, n_sentences, len(words), n_syllables, wps, spw,
                     206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59))
    return pd.DataFrame(rows, columns=[
        "article_id", "sentences", "words", "syllables", "words_per_sentence",
        "syllables_per_word", "flesch_reading_ease", "flesch_kincaid_grade"])


def keyness(target: Counter | dict, reference: Counter | dict, *, min_count: int = 2,
            target_total: int | None = None, reference_total: int | None = None) -> pd.DataFrame:
    """Words unusually frequent in ``target`` compared with ``reference`` (counts of terms).

    Parameters
    ----------
    target, reference : mapping of term to count
    min_count : int
        Test only terms seen at least this often in the target (default 2).
    target_total, reference_total : int, optional
        Words in each corpus (default: the sum of the counts given; pass the totals when stop
        words or other terms were left out of the counts).

    Returns
    -------
    DataFrame: term, target_count, reference_count, target_per_1000, reference_per_1000,
    log_likelihood, log_ratio, sorted by log-likelihood.

    With a = target count, b = reference count, c and d the two totals, E1 = c(a+b)/(c+d) and
    E2 = d(a+b)/(c+d): ``log_likelihood`` = 2 (a ln(a/E1) + b ln(b/E2)) (Dunning's G2 as in
    Rayson & Garside 2000), signed: negative when the term is relatively rarer in the target;
    |G2| > 3.84 is p < 0.05, > 15.13 is p < 0.0001. ``log_ratio`` = log2((a/c) / (b/d)), with
    a zero count replaced by 0.5 (Hardie 2014's effect size; 1 = twice as frequent).
    """
    target_total = target_total or sum(target.values())
    reference_total = reference_total or sum(reference.values())
    rows = []
    for term, a in target.items():
        if a < min_count:
            continue
        b = reference.get(term, 0)
        expected_a = target_total * (a + b) / (target_total + reference_total)
        expected_b = reference_total * (a + b) / (target_total + reference_total)
        g2 = 2 * ((a * math.log(a / expected_a) if a else 0)
                  + (b * math.log(b / expected_b) if b else 0))
        rate_a = a / target_total
        rate_b = b / reference_total
        log_ratio = math.log2(max(a, 0.5) / target_total / (max(b, 0.5) / reference_total))
        rows.append((term, a, b, 1000 * rate_a, 1000 * rate_b, g2 if rate_a >= rate_b else -g2,
                     log_ratio))
    table = pd.DataFrame(rows, columns=[
        "term", "target_count", "reference_count", "target_per_1000", "reference_per_1000",
        "log_likelihood", "log_ratio"])
    return table.sort_values(["log_likelihood", "term"], ascending=[False, True], ignore_index=True)


#: Size of the general-English reference when wordfreq's proportions are turned into counts:
#: 10^9 words, the scale of wordfreq's own Zipf values (Zipf = log10 of occurrences per 10^9
#: words). wordfreq blends sources of many billions of words, so the true reference is larger
#: and G2 against it is, if anything, understated; it stays far larger than any article, which
#: is what the test assumes.
GENERAL_ENGLISH_WORDS = 1_000_000_000


def reference_forms(term: str, forms: Iterable[str] = (), *, noun: bool = False) -> set[str]:
    """The word forms whose wordfreq frequencies make up the reference count of a lemma.

    wordfreq lists word forms, not lemmas, so the reference count of a lemma adds up the
    forms that the lemma stands for: the lemma itself, every form of it seen in the text (lower
    case, possessive dropped) and, for a common noun, its plural ("death" = "death" +
    "deaths"), so both sides of the comparison count the same words.
    """
    from textblob.en.inflect import pluralize

    result = {term.lower(), *(form.removesuffix("'s") for form in forms)}
    if noun and term.isalpha():
        result.add(pluralize(term.lower()))
    return result


def keyness_vs_english(articles, *, stopwords: bool = False,
                       min_count: int = 2) -> pd.DataFrame:
    """Keywords against general English, using wordfreq's frequencies as the reference.

    Parameters
    ----------
    articles : Article or iterable of Article
    stopwords : bool
        Test stop words too (default False). Rates always divide by all words.
    min_count : int
        Test only lemmas seen at least this often (default 2).

    Returns
    -------
    DataFrame: the :func:`keyness` columns, plus ``zipf`` and ``in_reference``.

    Terms are lemmas (:func:`normalise`), so ``target_count`` equals the count in
    :func:`frequencies`. ``reference_count`` (an integer) is the summed wordfreq frequency of
    the lemma's forms (:func:`reference_forms`) x ``GENERAL_ENGLISH_WORDS`` (10^9), rounded;
    ``reference_total`` is 10^9 (also in ``table.attrs["reference_words"]``; the target's word
    count is ``table.attrs["target_words"]``). ``zipf`` is log10 of that count (wordfreq's Zipf scale: 7 =
    "the", 3 = about once per million words; 0 = unknown). ``in_reference`` is False where
    wordfreq has no frequency for the whole word: unknown words, and hyphenated words
    ("ill-equipped"), which wordfreq splits into their parts and would score as about as
    frequent as the rarer part. Those get a reference count of 0, so their G2 and log ratio
    (with the 0.5 floor) are upper bounds.
    """
    from wordfreq import word_frequency

    target: Counter = Counter()
    forms: dict[str, set[str]] = {}
    nouns: set[str] = set()
    for article in _as_list(articles):
        columns = word_columns(article)
        for term, lower, pos in zip(columns["lemma"], columns["lower"], columns["pos"],
                                    strict=True):
            target[term] += 1
            forms.setdefault(term, set()).add(lower)
            if pos in ("NN", "NNS"):
                nouns.add(term)
    total = sum(target.values())
    if not stopwords:  # rates still divide by all words, as the reference's do
        target = Counter({t: n for t, n in target.items() if t not in STOPWORDS})
    reference = {}
    known = {}
    for term in target:
        if "-" in term:
            reference[term], known[term] = 0, False
            continue
        frequency = sum(word_frequency(form, "en") for form in
                        reference_forms(term, forms[term], noun=term in nouns))
        reference[term] = round(frequency * GENERAL_ENGLISH_WORDS)
        known[term] = reference[term] > 0
    table = keyness(target, reference, min_count=min_count, target_total=total,
                    reference_total=GENERAL_ENGLISH_WORDS)
    table["reference_count"] = table["reference_count"].astype("int64")
    table["zipf"] = [round(math.log10(n), 2) if n > 0 else 0.0
                     for n in table["reference_count"]]
    table["in_reference"] = [known[t] for t in table["term"]]
    table.attrs["reference_words"] = GENERAL_ENGLISH_WORDS
    table.attrs["target_words"] = total
    return table


def keyness_between(groups: dict[str, Iterable], *, stopwords: bool = False,
                    min_count: int = 2) -> pd.DataFrame:
    """Keywords of each group of articles against all the other groups together.

    Parameters
    ----------
    groups : dict
        Maps a label (an outlet, a month) to its articles.
    stopwords : bool
        Test stop words too (default False).
    min_count : int
        Test only lemmas seen at least this often in the group (default 2).

    Returns
    -------
    DataFrame: ``group`` plus the :func:`keyness` columns, counting lemmas (:func:`normalise`).
    """
    counts = {}
    for label, articles in groups.items():
        counter: Counter = Counter()
        for article in _as_list(articles):
            counter.update(word_columns(article)["lemma"])
        counts[label] = counter
    return _keyness_of_groups(counts, min_count, stopwords)


def _keyness_of_groups(counts: dict[str, Counter], min_count: int,
                       stopwords: bool) -> pd.DataFrame:
    """:func:`keyness` of each group's lemma counts against all other groups together.

    Rates divide by all of a group's words, also when stop-word terms are left out."""
    tables = []
    for label, counter in counts.items():
        rest: Counter = Counter()
        for other, other_counter in counts.items():
            if other != label:
                rest.update(other_counter)
        if not counter or not rest:
            continue
        kept = counter if stopwords else Counter(
            {t: n for t, n in counter.items() if t not in STOPWORDS})
        table = keyness(kept, rest, min_count=min_count, target_total=sum(counter.values()),
                        reference_total=sum(rest.values()))
        table.insert(0, "group", label)
        tables.append(table)
    if not tables:
        return pd.DataFrame(columns=["group", "term", "target_count", "reference_count",
                                     "target_per_1000", "reference_per_1000", "log_likelihood",
                                     "log_ratio"])
    return pd.concat(tables, ignore_index=True)


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


#: A lower-case word unknown to Pattern's spelling model is flagged when its suggested
#: correction is at least this many Zipf units more frequent (3 = 1,000 times).
TYPO_ZIPF_GAP = 3.0

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@cache
def _spelling_model() -> dict[str, float]:
    """Pattern's English spelling model (word -> count) as a plain dict: membership tests on
    TextBlob's lazy dict dominate the run time otherwise."""
    from textblob.en import spelling

    if dict.__len__(spelling) == 0:
        spelling.load()
    return dict.copy(spelling)


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _ALPHABET),
        *(a + c + b for a, b in splits for c in _ALPHABET),
    }


@lru_cache(maxsize=200_000)
def spelling_suggestion(word: str) -> tuple[str, float] | None:
    """Best correction one edit away in Pattern's spelling model, with its confidence.

    Confidence is the candidate's share of the model counts of all candidates, as in
    ``TextBlob.Word.spellcheck`` (whose edit-1 results this reproduces). None when the word
    is known or has no known neighbour.

    Examples
    --------
    >>> spelling_suggestion("hte")
    ('the', 0.865...)
    """
    model = _spelling_model()
    if word in model:
        return None
    candidates = [(model[c], c) for c in _one_edit(word) if c in model]
    if not candidates:
        return None
    total = sum(count for count, _ in candidates) or 1
    count, best = max(candidates)
    return best, count / total


def typos(article, *, zipf_gap: float | None = None) -> pd.DataFrame:
    """Likely typos, with a suggested correction.

    A word is flagged when (1) TextBlob's offline spelling model (Pattern's en-spelling list,
    built from Project Gutenberg and the BNC) does not know it, (2) it is written in lower case
    (names are left alone), and (3) the model's best suggestion one edit away is at least
    1,000 times more frequent in general English (wordfreq) than the word itself. That catches
    "hte" (-> "the") while leaving rare but correct words ("pariah", "mobilise") alone.

    Parameters
    ----------
    article : Article
    zipf_gap : float, optional
        How many Zipf units more frequent the suggestion must be (3 = 1,000 times). Default
        None: ``TYPO_ZIPF_GAP`` (3.0), read when the function is called.

    Returns
    -------
    DataFrame: article_id, word, suggestion, confidence (the spelling model's), word_zipf,
    suggestion_zipf, paragraph, start, end.
    """
    gap = TYPO_ZIPF_GAP if zipf_gap is None else zipf_gap
    rows = []
    columns = word_columns(article)
    for text, paragraph, start, end in zip(columns["text"], columns["paragraph"],
                                           columns["start"], columns["end"], strict=True):
        if not text.isalpha() or not text.islower() or len(text) < 3:
            continue
        suggestion = spelling_suggestion(text)
        if suggestion is None:
            continue
        word_zipf = _zipf(text)
        suggestion_zipf = _zipf(suggestion[0])
        if suggestion_zipf - word_zipf >= gap:
            rows.append((article.id, text, suggestion[0], suggestion[1], word_zipf,
                         suggestion_zipf, paragraph, start, end))
    if not rows:  # most articles: a copy of one empty table, ~20x cheaper than building it
        return _empty_table(_TYPO_COLUMNS).copy()
    return pd.DataFrame(rows, columns=list(_TYPO_COLUMNS))


_TYPO_COLUMNS = ("article_id", "word", "suggestion", "confidence", "word_zipf",
                 "suggestion_zipf", "paragraph", "start", "end")


@cache
def _empty_table(columns: tuple[str, ...]) -> pd.DataFrame:
    """``pd.DataFrame([], columns=columns)``, made once (callers copy it)."""
    return pd.DataFrame([], columns=list(columns))


def sentence_table(article) -> pd.DataFrame:
    """One row per sentence: article_id, sentence, paragraph, start, end, words, text."""
    words = Counter(word_columns(article)["sentence"])
    return pd.DataFrame(
        [(article.id, s.index, s.paragraph, s.start, s.end, words[s.index], s.text)
         for s in article.sentences],
        columns=["article_id", "sentence", "paragraph", "start", "end", "words", "text"])


def keyness_voices(article, *, stopwords: bool = False, min_count: int = 2) -> pd.DataFrame:
    """Keywords of the narration against the quoted speech of one article, and the reverse.

    Parameters
    ----------
    article : Article
    stopwords : bool
        Test stop words too (default False).
    min_count : int
        Test only lemmas seen at least this often in the group (default 2).

    Returns
    -------
    DataFrame: ``group`` ("narration" or "quoted speech") plus the :func:`keyness` columns,
    counting lemmas (:func:`normalise`), as :func:`frequencies` does.
    """
    columns = word_columns(article)
    counts = {"narration": Counter(), "quoted speech": Counter()}
    for term, in_quote in zip(columns["lemma"], columns["in_quote"], strict=True):
        counts["quoted speech" if in_quote else "narration"][term] += 1
    return _keyness_of_groups(counts, min_count, stopwords)
