"""Word usage: frequencies, n-grams, collocations, keywords in context, dispersion, lexical
diversity, readability, keyness and likely typos.

Every function takes an :class:`~newslib.articles.Article` (or a list of them where a corpus
makes sense) and returns a DataFrame with one row per unit and the columns its docstring lists.
"Words" are word tokens (no punctuation; ``ill-equipped`` and ``300,000`` are one word each).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = [
    "STOPWORDS",
    "collocations",
    "dispersion",
    "frequencies",
    "keyness",
    "keyness_vs_english",
    "kwic",
    "lexical_diversity",
    "ngrams",
    "readability",
    "sentence_table",
    "keyness_voices",
    "syllables",
    "token_table",
    "spelling_suggestion",
    "spelling_suggestion",
    "typos",
]

#: scikit-learn's English stop-word list (BSD licensed, 318 words) plus news titles and the
#: possessive clitic. Used only where a function says so: frequencies keep stop words unless
#: asked not to.
STOPWORDS = frozenset(ENGLISH_STOP_WORDS | {"mr", "mrs", "ms", "s", "'s", "said"})

TOKEN_COLUMNS = [
    "article_id", "token", "text", "lower", "lemma", "pos", "start", "end", "sentence",
    "paragraph", "is_word", "is_stopword", "in_quote", "quote", "voice",
]


def _as_list(articles) -> list:
    return [articles] if hasattr(articles, "body") else list(articles)


@cache
def _singular(word: str) -> str:
    from textblob.en.inflect import singularize

    return singularize(word)


def lemma(word: str, pos: str) -> str:
    """Dictionary form used for counting: lower case, possessive dropped, plural nouns singular.

    Verbs are not lemmatised (that needs WordNet data, which is not available offline).

    Examples
    --------
    >>> lemma("Putin's", "NNP"), lemma("reservists", "NNS"), lemma("was", "VBD")
    ('putin', 'reservist', 'was')
    """
    lowered = word.lower().replace("’", "'")
    if lowered.endswith("'s") and len(lowered) > 2:
        lowered = lowered[:-2]
    if pos in ("NNS", "NNPS") and lowered.isalpha() and len(lowered) > 3:
        return _singular(lowered)
    return lowered


def token_table(article) -> pd.DataFrame:
    """One row per token of an article.

    Columns
    -------
    article_id, token (index), text, lower, lemma, pos (Penn tag from the Pattern tagger),
    start, end (body offsets), sentence, paragraph, is_word, is_stopword, in_quote, quote
    (index in :func:`newslib.quotes.quotes`, -1 outside quotations), voice ("narration" outside
    quotations, otherwise the quotation's speaker, or "unattributed").
    """
    cached = article.__dict__.get("_token_table")
    if cached is not None:
        return cached
    from newslib.quotes import speech_quotations

    quotations = speech_quotations(article)
    spans = sorted((s, e, i) for i, q in enumerate(quotations) for s, e in q.spans)
    starts = [s for s, _, _ in spans]
    rows = []
    for index, token in enumerate(article.tokens):
        quote = -1
        position = bisect.bisect_right(starts, token.start) - 1
        if position >= 0 and token.start < spans[position][1]:
            quote = spans[position][2]
        lowered = token.text.lower().replace("’", "'")
        if quote >= 0:
            voice = quotations[quote].speaker or "unattributed"
        else:
            voice = "narration"
        rows.append((
            article.id, index, token.text, lowered, lemma(token.text, token.pos), token.pos,
            token.start, token.end, token.sentence, token.paragraph, token.is_word,
            lowered in STOPWORDS, quote >= 0, quote, voice,
        ))
    table = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    article.__dict__["_token_table"] = table
    return table


def word_columns(article) -> dict[str, list]:
    """The word rows of :func:`token_table` as plain lists per column (cached): loops over
    Python lists are many times faster than row access on a DataFrame."""
    cached = article.__dict__.get("_word_columns")
    if cached is None:
        words = _words(article)
        cached = {column: words[column].tolist() for column in words.columns}
        article.__dict__["_word_columns"] = cached
    return cached


def _words(article, stopwords: bool = True) -> pd.DataFrame:
    table = token_table(article)
    table = table[table["is_word"]]
    if not stopwords:
        table = table[~table["is_stopword"]]
    return table


def frequencies(articles, unit: str = "lemma", stopwords: bool = True,
                min_count: int = 1) -> pd.DataFrame:
    """Word frequencies over one article or several.

    Parameters
    ----------
    unit : {"lemma", "lower", "text"}
        What counts as the same word: lemma (singular, no possessive), lower-cased form, or
        the form exactly as written.
    stopwords : bool
        Keep stop words (``STOPWORDS``). Per-1,000 rates always divide by all words.

    Returns
    -------
    DataFrame: term, count, per_1000 (per 1,000 words of the text), articles (how many
    articles use it), sorted by count then term.
    """
    counts: Counter = Counter()
    spread: Counter = Counter()
    total = 0
    for article in _as_list(articles):
        words = _words(article)
        total += len(words)
        kept = words if stopwords else words[~words["is_stopword"]]
        article_counts = Counter(kept[unit])
        counts.update(article_counts)
        spread.update(article_counts.keys())
    table = pd.DataFrame(
        [(term, n, 1000 * n / total if total else 0.0, spread[term]) for term, n in counts.items()
         if n >= min_count],
        columns=["term", "count", "per_1000", "articles"],
    )
    return table.sort_values(["count", "term"], ascending=[False, True], ignore_index=True)


def _sentence_word_lists(article, unit: str = "lower") -> list[list[str]]:
    words = _words(article)
    return [group[unit].tolist() for _, group in words.groupby("sentence", sort=True)]


def ngrams(articles, n: int = 2, stopwords: bool = False, min_count: int = 2,
           unit: str = "lower") -> pd.DataFrame:
    """Word n-grams within sentences, counted with scikit-learn's CountVectorizer.

    Parameters
    ----------
    stopwords : bool
        If False, n-grams made only of stop words ("of the") are dropped; n-grams with some
        stop words inside ("tens of thousands") are kept.

    Returns
    -------
    DataFrame: ngram, n, count, per_1000 (per 1,000 words), sorted by count then n-gram.
    """
    from sklearn.feature_extraction.text import CountVectorizer

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
    vectorizer = CountVectorizer(analyzer=analyse)
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


def collocations(articles, window: int = 1, min_count: int = 2,
                 stopwords: bool = False) -> pd.DataFrame:
    """Word pairs that occur together more than chance predicts.

    A pair is (word, a word up to ``window`` positions to its right) within a sentence.

    Returns
    -------
    DataFrame: word1, word2, count, pmi (log2 of observed / expected), log_likelihood
    (Dunning's G2: above 3.84 is p < 0.05, above 10.83 is p < 0.001, for one test), sorted by
    log-likelihood. PMI favours rare pairs; read both.
    """
    unigram: Counter = Counter()
    pairs: Counter = Counter()
    for article in _as_list(articles):
        for words in _sentence_word_lists(article):
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


def kwic(articles, term: str, width: int = 40, unit: str = "lemma") -> pd.DataFrame:
    """Keyword in context: each occurrence of ``term`` with the text either side.

    ``term`` is matched against the chosen unit (lemma by default, so "Putin" finds "Putin's";
    a phrase of several words matches consecutive words).

    Returns
    -------
    DataFrame: article_id, paragraph, sentence, start, end (body offsets of the match), left,
    keyword (as written), right, voice.
    """
    wanted = [lemma(w, "NN") if unit == "lemma" else w.lower() for w in term.split()]
    rows = []
    for article in _as_list(articles):
        words = _words(article)
        values = words[unit].tolist()
        for i in range(len(values) - len(wanted) + 1):
            if values[i:i + len(wanted)] == wanted:
                first, last = words.iloc[i], words.iloc[i + len(wanted) - 1]
                start, end = int(first["start"]), int(last["end"])
                left = article.body[max(0, start - width):start].replace("\n", " ")
                right = article.body[end:end + width].replace("\n", " ")
                rows.append((article.id, int(first["paragraph"]), int(first["sentence"]), start,
                             end, left, article.body[start:end], right, first["voice"]))
    return pd.DataFrame(rows, columns=["article_id", "paragraph", "sentence", "start", "end",
                                       "left", "keyword", "right", "voice"])


def dispersion(article, terms: Sequence[str], unit: str = "lemma") -> pd.DataFrame:
    """Where in the article each term occurs.

    Returns
    -------
    DataFrame: term, word_index (position among the article's words), position (0 = first
    word, 1 = last), paragraph, voice. Juilland's D for each term is in
    ``table.attrs["juilland_d"]`` (1 = spread evenly over the article's paragraphs, 0 = all in
    one).
    """
    words = _words(article).reset_index(drop=True)
    values = words[unit].tolist()
    n_words = max(len(values) - 1, 1)
    rows = []
    spread = {}
    n_parts = len(article.paragraphs)
    part_sizes = words.groupby("paragraph").size().reindex(range(n_parts), fill_value=0)
    for term in terms:
        wanted = lemma(term, "NN") if unit == "lemma" else term.lower()
        hits = [i for i, v in enumerate(values) if v == wanted]
        for i in hits:
            rows.append((term, i, i / n_words, int(words.loc[i, "paragraph"]), words.loc[i, "voice"]))
        counts = Counter(int(words.loc[i, "paragraph"]) for i in hits)
        spread[term] = _juilland_d([counts.get(p, 0) for p in range(n_parts)], part_sizes.tolist())
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


def mtld(words: Sequence[str], threshold: float = 0.72) -> float:
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
    """Per article: words, types (distinct lower-cased words), type_token_ratio, mtld.

    Type/token ratio falls as texts get longer, so compare it only between texts of similar
    length; MTLD is the length-robust measure.
    """
    rows = []
    for article in _as_list(articles):
        words = _words(article)["lower"].tolist()
        types = len(set(words))
        rows.append((article.id, len(words), types, types / len(words) if words else float("nan"),
                     mtld(words)))
    return pd.DataFrame(rows, columns=["article_id", "words", "types", "type_token_ratio", "mtld"])


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Vowel pairs usually spoken as two syllables (me-di-a, i-de-a, vi-o-lent, ne-on, sci-ence),
# with the common exceptions where they merge (-tion, -cial, -ious, -eau).
_HIATUS = re.compile(r"(?<![cgstx])i[ao](?!us)|(?<=[^aeiouy])ea(?=$|l$|te|ti)|eo(?!u|p)|ie(?=n|t)|"
                     r"[aeiou]ing$|uo|ua(?!y)|(?<!q)ui(?=e|t$)|ii")


@cache
def syllables(word: str) -> int:
    """Estimated syllables of an English word, from vowel groups with common corrections.

    Rule-based because no pronunciation dictionary is available offline (textstat's exact
    counts need NLTK's cmudict): vowel groups (a e i o u y), minus a silent final -e or
    -es/-ed, plus one for vowel pairs usually spoken apart (me-di-a, sci-ence, be-ing).
    Hyphenated words add their parts; numbers count one per digit group. On the 48 words
    of newslib's test list it is exact for 44 and off by one for the rest; readability
    scores built on it are estimates.

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
        words = _words(article)["text"].tolist()
        n_sentences = len(article.sentences)
        n_syllables = sum(syllables(w) for w in words)
        wps = len(words) / max(n_sentences, 1)
        spw = n_syllables / max(len(words), 1)
        rows.append((article.id, n_sentences, len(words), n_syllables, wps, spw,
                     206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59))
    return pd.DataFrame(rows, columns=[
        "article_id", "sentences", "words", "syllables", "words_per_sentence",
        "syllables_per_word", "flesch_reading_ease", "flesch_kincaid_grade"])


def keyness(target: Counter | dict, reference: Counter | dict, min_count: int = 2,
            target_total: int | None = None, reference_total: int | None = None) -> pd.DataFrame:
    """Words unusually frequent in ``target`` compared with ``reference`` (counts of terms).

    Returns
    -------
    DataFrame: term, target_count, reference_count, target_per_1000, reference_per_1000,
    log_likelihood (Dunning's G2, signed: negative when the term is relatively rarer in the
    target; |G2| > 3.84 is p < 0.05, > 15.13 is p < 0.0001), log_ratio (effect size: binary
    log of the ratio of relative frequencies, with 0.5 added to zero counts; 1 = twice as
    frequent). Sorted by log-likelihood.
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


#: Nominal size of the general-English reference when wordfreq proportions are turned into
#: counts for the G2 test: wordfreq blends sources of billions of words; 1e9 keeps the
#: reference far larger than any article, which is what the test assumes.
GENERAL_ENGLISH_WORDS = 1_000_000_000


def keyness_vs_english(articles, min_count: int = 2, stopwords: bool = False) -> pd.DataFrame:
    """Keywords against general English, using wordfreq's frequencies as the reference.

    The reference count of a word is its wordfreq frequency x ``GENERAL_ENGLISH_WORDS``. Words
    are compared in lower case (wordfreq has no lemmas). Adds ``zipf`` (wordfreq's Zipf
    frequency: 7 = "the", 3 = about once per million words, 0 = unknown).
    """
    from wordfreq import word_frequency, zipf_frequency

    target: Counter = Counter()
    for article in _as_list(articles):
        target.update(lemma_for_reference(w) for w in _words(article)["lower"])
    total = sum(target.values())
    if not stopwords:  # rates still divide by all words, as the reference's do
        target = Counter({t: n for t, n in target.items() if t not in STOPWORDS})
    reference = {t: word_frequency(t, "en") * GENERAL_ENGLISH_WORDS for t in target}
    table = keyness(target, reference, min_count=min_count, target_total=total,
                    reference_total=GENERAL_ENGLISH_WORDS)
    table["zipf"] = [zipf_frequency(t, "en") for t in table["term"]]
    return table


def lemma_for_reference(word: str) -> str:
    """Lower-case form without a possessive, as wordfreq lists words."""
    return lemma(word, "")  # no part of speech: nothing is singularised


def keyness_between(groups: dict[str, Iterable], min_count: int = 2,
                    stopwords: bool = False) -> pd.DataFrame:
    """Keywords of each group of articles against all the other groups together.

    ``groups`` maps a label (an outlet, a month) to its articles. Returns the :func:`keyness`
    columns plus ``group``.
    """
    counts = {}
    for label, articles in groups.items():
        counter: Counter = Counter()
        for article in _as_list(articles):
            counter.update(_words(article)["lemma"])
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


def typos(article) -> pd.DataFrame:
    """Likely typos, with a suggested correction.

    A word is flagged when (1) TextBlob's offline spelling model (Pattern's en-spelling list,
    built from Project Gutenberg and the BNC) does not know it, (2) it is written in lower case
    (names are left alone), and (3) the model's best suggestion one edit away is at least
    1,000 times more frequent in general English (wordfreq) than the word itself. That catches
    "hte" (-> "the") while leaving rare but correct words ("pariah", "mobilise") alone.

    Returns
    -------
    DataFrame: article_id, word, suggestion, confidence (the spelling model's), word_zipf,
    suggestion_zipf, paragraph, start, end.
    """
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
        if suggestion_zipf - word_zipf >= TYPO_ZIPF_GAP:
            rows.append((article.id, text, suggestion[0], suggestion[1], word_zipf,
                         suggestion_zipf, paragraph, start, end))
    return pd.DataFrame(rows, columns=["article_id", "word", "suggestion", "confidence",
                                       "word_zipf", "suggestion_zipf", "paragraph", "start", "end"])


def sentence_table(article) -> pd.DataFrame:
    """One row per sentence: article_id, sentence, paragraph, start, end, words, text."""
    words = _words(article).groupby("sentence").size()
    return pd.DataFrame(
        [(article.id, s.index, s.paragraph, s.start, s.end, int(words.get(s.index, 0)), s.text)
         for s in article.sentences],
        columns=["article_id", "sentence", "paragraph", "start", "end", "words", "text"])


def keyness_voices(article, min_count: int = 2, stopwords: bool = False) -> pd.DataFrame:
    """Keywords of the narration against the quoted speech of one article, and the reverse.

    Returns the :func:`keyness` columns plus ``group`` ("narration" or "quoted speech").
    """
    words = _words(article)
    counts = {"narration": Counter(words.loc[~words["in_quote"], "lemma"]),
              "quoted speech": Counter(words.loc[words["in_quote"], "lemma"])}
    return _keyness_of_groups(counts, min_count, stopwords)
