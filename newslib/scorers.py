"""Exact, fast TextBlob and VADER sentiment: the libraries' own numbers at a fraction of the cost.

The two lexicon scorers newslib reports are re-implemented here step for step, so that every
score is *identical* (not merely close) to the library's:

- :func:`textblob_sentiment` equals ``TextBlob(text).sentiment_assessments`` (Pattern's
  analyser, ``textblob.en.sentiment``): polarity, subjectivity and the assessments.
- :func:`vader_scores` equals ``SentimentIntensityAnalyzer().polarity_scores(text)``.

Where the time went, and what changed (measured on BBC news text):

- TextBlob tokenises with several regular-expression passes over the text and then, for every
  short non-alphabetic token, loops over all emoticon sets. Here the tokeniser is the same
  algorithm with plain string operations, the emoticon test is one dictionary look-up, and the
  lexicon is read once into a flat dictionary.
- A text made of pieces separated by white space (an article body and its sentences, or the
  narration joined from its runs) is scored from the pieces' tokens, made once: the tokens of
  the whole are the pieces' tokens joined, unless an emoticon or the sarcasm mark "(!)" could
  be formed across a piece boundary or a sentence boundary Pattern would draw differently. That
  is checked at every such boundary (:func:`join_tokens`), and the rare text where it could
  happen is tokenised whole. Negation, modifiers and "!" that carry across a boundary are
  handled because the scoring pass is re-run on the joined tokens (it is the cheap part), so
  the whole text's assessments are the pieces' assessments joined except where those carry.
- VADER's per-call cost was mostly a character-by-character loop looking for emoji (skipped
  here when the text has no emoji character) and re-lower-casing the whole sentence for every
  word it checks for negation or idioms (done once here).

The tests compare both functions with the libraries on every sentence and body of the BBC
corpus (when ``../shared`` is present) and on hand-written hard cases.
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import NamedTuple

__all__ = ["TextBlobSentiment", "TextBlobTokens", "join_tokens", "textblob_of_pieces",
           "textblob_score", "textblob_sentiment", "textblob_tokens", "vader_scores"]


class TextBlobSentiment(NamedTuple):
    """TextBlob's result: the same fields as ``TextBlob(text).sentiment_assessments``."""

    polarity: float
    subjectivity: float
    assessments: list


class TextBlobTokens(list):
    """The lower-cased tokens TextBlob's sentiment scores for one text (a list of str).

    ``joinable`` is False when an emoticon or sarcasm mark could be formed across one of this
    text's internal sentence boundaries, so that its tokens must not be joined with others'.
    """

    joinable: bool = True
    #: the first and last few tokens as the tokeniser saw them before re-joining emoticons
    edges: tuple[list[str], list[str]] = ([], [])


# ---------------------------------------------------------------------------------------------
# TextBlob (Pattern) sentiment


@cache
def _pattern():
    """Pattern's tokeniser constants and the sentiment lexicon as flat look-up tables."""
    from textblob import _text
    from textblob.en import sentiment

    if dict.__len__(sentiment) == 0:
        sentiment.load()
    lexicon = {}
    for word, entry in dict.items(sentiment):
        if None not in entry:
            continue
        polarity, subjectivity, intensity = entry[None]
        is_modifier = any(map(entry.__contains__, sentiment.modifiers))
        lexicon[word] = (polarity, subjectivity, intensity, is_modifier,
                         sentiment.labeler.get(word))
    emoticons: dict[str, float] = {}
    for (_kind, polarity), forms in _text.EMOTICONS.items():
        for form in forms:
            emoticons.setdefault(form.lower(), polarity)
    # Adjacent characters of every emoticon and of the sarcasm mark: a token boundary between
    # such a pair is where the tokeniser's re-joining step could merge two tokens.
    pairs = {("(", "!"), ("!", ")")}
    for forms in _text.EMOTICONS.values():
        for form in forms:
            pairs.update(zip(form, form[1:], strict=False))
    return {
        "lexicon": lexicon,
        "emoticons": emoticons,
        "pairs": frozenset(pairs),
        "negations": tuple(sentiment.negations),
        "modifier": sentiment.modifier,
        "punctuation": _text.PUNCTUATION,
        "abbreviations": _text.ABBREVIATIONS,
        "abbr": (_text.RE_ABBR1.match, _text.RE_ABBR2.match, _text.RE_ABBR3.match),
        "replacements": _text.replacements,
        "sarcasm": _text.RE_SARCASM.sub,
        "emoticon_re": _text.RE_EMOTICONS.sub,
        "sarcasm_match": _text.RE_SARCASM.match,
        "emoticon_match": _text.RE_EMOTICONS.match,
        "sarcasm_search": _text.RE_SARCASM.search,
        "emoticon_search": _text.RE_EMOTICONS.search,
        "punctuation_tuple": tuple(_text.PUNCTUATION.replace(".", "")),
        "eos": _text.EOS,
        "mood": _text.MOOD,
        "irony": _text.IRONY,
    }


_LINEBREAK = re.compile(r"\n{2,}")
_QUOTES = (("“", " “ "), ("”", " ” "), ("‘", " ‘ "), ("’", " ’ "), ("'", " ' "), ('"', ' " '))
_CLOSERS = frozenset(["'", '"', "”", "’", "...", ".", "!", "?", ")"])
_ENDS = frozenset(["...", ".", "!", "?"])
_CITATION = ("'", '"', "”", "’", "...", ".", "!", "?", ")")


def _emoticon_join(match: re.Match) -> str:
    return match.group(1).replace(" ", "") + match.group(2)


#: Pattern's splitting of one white-space separated chunk depends on the chunk alone.
_CHUNKS: dict[str, tuple[str, ...]] = {}


def _split_chunk(t: str, p: dict) -> tuple[str, ...]:
    """Pattern's ``find_tokens`` on one chunk: leading and trailing punctuation split off,
    except from contractions and abbreviations."""
    punctuation = p["punctuation_tuple"]
    trailing = punctuation + (".",)
    if not (t.startswith(punctuation) or t.endswith(trailing)):
        return (t,)
    replace, abbreviations = p["replacements"], p["abbreviations"]
    abbr1, abbr2, abbr3 = p["abbr"]
    parts, tail = [], []
    while t.startswith(punctuation) and t not in replace:
        parts.append(t[0])
        t = t[1:]
    while t.endswith(trailing) and t not in replace:
        if t.endswith(punctuation):
            tail.append(t[-1])
            t = t[:-1]
        if t.endswith("..."):
            tail.append("...")
            t = t[:-3].rstrip(".")
        if t.endswith("."):
            if (t in abbreviations or abbr1(t) is not None or abbr2(t) is not None
                    or abbr3(t) is not None):
                break
            tail.append(t[-1])
            t = t[:-1]
    if t != "":
        parts.append(t)
    parts.extend(reversed(tail))
    return tuple(parts)


def _rejoin(tokens: list[str], p: dict) -> list[str]:
    """Pattern's sentences (emoticons and "(!)" are re-joined within each), then all words."""
    eos = p["eos"]
    sentences, i, j = [[]], 0, 0
    n = len(tokens)
    while j < n:
        if tokens[j] in _ENDS or tokens[j] == eos:
            while j < n and (tokens[j] in _CITATION or tokens[j] == eos):
                if tokens[j] in ("'", '"') and sentences[-1].count(tokens[j]) % 2 == 0:
                    break
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t != eos)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    words: list[str] = []
    sarcasm, emoticon = p["sarcasm"], p["emoticon_re"]
    for sentence in sentences:
        if not sentence:
            continue
        joined = sarcasm("(!)", " ".join(sentence))
        words.extend(emoticon(_emoticon_join, joined).split())
    return words


def textblob_tokens(text: str) -> TextBlobTokens:
    """The tokens ``textblob.en.sentiment`` scores for ``text``, lower-cased.

    The same steps as Pattern's ``find_tokens`` (contractions split, quote marks and
    punctuation split off, abbreviations kept, sentences found, emoticons re-joined), then
    ``" ".join(sentences).split()`` and lower case, as ``Sentiment.__call__`` does.
    """
    p = _pattern()
    eos = p["eos"]
    for old, new in p["replacements"].items():
        if old in text:
            text = text.replace(old, new)
    for old, new in _QUOTES:
        if old in text:
            text = text.replace(old, new)
    if "\n" in text:
        text = _LINEBREAK.sub(f" {eos} ", text.replace("\r\n", "\n"))
    tokens: list[str] = []
    append, extend = tokens.append, tokens.extend
    chunks = _CHUNKS
    for chunk in text.split():
        parts = chunks.get(chunk)
        if parts is None:
            parts = _split_chunk(chunk, p)
            if len(chunks) > 100_000:  # bounded memory (~20 MB): start afresh
                chunks.clear()
            chunks[chunk] = parts
        if len(parts) == 1:
            append(parts[0])
        else:
            extend(parts)
    # Pattern's sentence boundaries follow one of _CLOSERS: tokens could be merged across such
    # a boundary in a longer text only at these gaps.
    pairs = p["pairs"]
    joinable = eos not in tokens and (_CLOSERS.isdisjoint(tokens[:-1]) or not any(
        left in _CLOSERS and (left[-1], right[0]) in pairs
        and _merges_across(tokens[max(0, k - _WINDOW):k + 1], tokens[k + 1:k + 1 + _WINDOW])
        for k, (left, right) in enumerate(zip(tokens, tokens[1:], strict=False))))
    joined = " ".join(tokens)
    if joinable and p["emoticon_search"](joined) is None and (
            "(" not in joined or p["sarcasm_search"](joined) is None):
        # Nothing to re-join anywhere, so in no sentence either: Pattern's sentences and its
        # re-joining step would give these tokens back unchanged.
        words = tokens
    else:
        words = _rejoin(tokens, p)
    result = TextBlobTokens(map(str.lower, words))
    result.joinable = joinable
    result.edges = (tokens[:_WINDOW], tokens[-_WINDOW:])
    return result


#: Tokens on each side of a boundary that an emoticon (at most 6 characters) can reach.
_WINDOW = 6


def _merges_across(left: list[str], right: list[str]) -> bool:
    """Could Pattern's emoticon or sarcasm step join the last of ``left`` to the first of
    ``right``? Tries every start within reach of the boundary, as the regular expressions would
    (case-sensitive, on the tokens as written)."""
    p = _pattern()
    if not left or not right or (left[-1][-1], right[0][0]) not in p["pairs"]:
        return False
    head = " ".join(left)
    gap = len(head)
    window = head + " " + " ".join(right)
    emoticon, sarcasm = p["emoticon_match"], p["sarcasm_match"]
    for start in range(max(0, gap - 2 * _WINDOW), gap):
        found = emoticon(window, start)
        if found and found.end(1) > gap:
            return True
        found = sarcasm(window, start)
        if found and found.end() > gap + 1:
            return True
    return False


def join_tokens(pieces: list[TextBlobTokens]) -> TextBlobTokens | None:
    """Tokens of the pieces' texts joined by white space, or None if they may differ.

    The tokens of ``" ".join(texts)`` are the pieces' tokens joined unless the tokeniser's
    emoticon step could merge tokens across a piece boundary (or across a sentence boundary
    that Pattern draws differently in the whole); then the caller must tokenise the whole text.
    Paragraph breaks between pieces are fine.
    """
    joined = TextBlobTokens()
    before: list[str] = []
    first: list[str] | None = None
    for piece in pieces:
        if not piece.joinable:
            return None
        if not piece:
            continue
        if before and _merges_across(before, piece.edges[0]):
            return None
        joined.extend(piece)
        before = piece.edges[1]
        if first is None:
            first = piece.edges[0]
    joined.edges = (first or [], before)
    return joined


def textblob_score(tokens: list[str]) -> TextBlobSentiment:
    """Polarity, subjectivity and assessments of tokens from :func:`textblob_tokens`.

    Pattern's ``Sentiment.assessments`` and averaging, step for step: a known word, optionally
    preceded by a modifier ("very good": the modifier's intensity multiplies the scores) or a
    negation ("not good": polarity x -0.5); "!" raises the previous polarity by 25%; emoticons
    score as moods. Polarity and subjectivity are the plain means over the assessments.
    """
    p = _pattern()
    lexicon, emoticons = p["lexicon"], p["emoticons"]
    negations, is_modifier_word = p["negations"], p["modifier"]
    punctuation, mood, irony = p["punctuation"], p["mood"], p["irony"]
    a: list[list] = []  # [words, polarity, subjectivity, intensity, negated, label]
    m = None  # preceding modifier
    n = None  # preceding negation
    for w in tokens:
        entry = lexicon.get(w)
        if entry is not None:
            polarity, subjectivity, intensity, is_modifier, label = entry
            if m is None:
                a.append([[w], polarity, subjectivity, intensity, 1, label])
            else:
                last = a[-1]
                last[0].append(w)
                last[1] = max(-1.0, min(polarity * last[3], +1.0))
                last[2] = max(-1.0, min(subjectivity * last[3], +1.0))
                last[3] = intensity
                last[5] = label
            if n is not None:
                last = a[-1]
                last[0].insert(0, n)
                last[3] = 1.0 / last[3]
                last[4] = -1
            m = None
            n = None
            if is_modifier:
                m = w
            if w in negations:
                n = w
        else:
            if w in negations:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and is_modifier_word(m):
                a[-1][0].append(n)
                a[-1][4] = -1
                n = None
            elif m is not None and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1][0].append("!")
                a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
            if w == "(!)":
                a.append([[w], 0.0, 1.0, 1.0, 1, irony])
            if w.isalpha() is False and len(w) <= 5 and w not in punctuation:
                polarity = emoticons.get(w)
                if polarity is not None:
                    a.append([[w], polarity, 1.0, 1.0, 1, mood])
    assessments = [(words, polarity * -0.5 if negated < 0 else polarity, subjectivity, label)
                   for words, polarity, subjectivity, _intensity, negated, label in a]
    polarity_sum, subjectivity_sum = 0, 0
    for _words, polarity, subjectivity, _label in assessments:
        polarity_sum += polarity
        subjectivity_sum += subjectivity
    count = float(len(assessments) or 1)
    return TextBlobSentiment(polarity_sum / count, subjectivity_sum / count, assessments)


def textblob_sentiment(tokens_or_text: str | list[str]) -> TextBlobSentiment:
    """``TextBlob(text).sentiment_assessments``, exactly: (polarity, subjectivity, assessments).

    Parameters
    ----------
    tokens_or_text : str or list of str
        A text, or its tokens from :func:`textblob_tokens` (or :func:`join_tokens`).

    Returns
    -------
    TextBlobSentiment
        polarity (-1 to 1), subjectivity (0 to 1), assessments (list of (words, polarity,
        subjectivity, label) tuples, as TextBlob's).

    Examples
    --------
    >>> result = textblob_sentiment("Russian troops were ill-equipped and badly led")
    >>> round(result.polarity, 2), [w for w, *_ in result.assessments]
    (-0.35, [['russian'], ['badly']])
    """
    tokens = textblob_tokens(tokens_or_text) if isinstance(tokens_or_text, str) else tokens_or_text
    return textblob_score(tokens)


def textblob_of_pieces(texts: list[str], tokens: list[TextBlobTokens] | None = None,
                       *, whole: str | None = None) -> TextBlobSentiment:
    """TextBlob sentiment of texts joined by white space, from each text's tokens.

    Parameters
    ----------
    texts : list of str
        The pieces (e.g. an article's sentences).
    tokens : list of TextBlobTokens, optional
        Their tokens, if already made.
    whole : str, optional
        The joined text, if it is not ``" ".join(texts)`` (e.g. the article body, whose pieces
        are separated by other white space). Only read when the tokens cannot be joined.
    """
    if tokens is None:
        tokens = [textblob_tokens(t) for t in texts]
    joined = join_tokens(tokens)
    if joined is None:
        joined = textblob_tokens(" ".join(texts) if whole is None else whole)
    return textblob_score(joined)


# ---------------------------------------------------------------------------------------------
# VADER


@cache
def _vader():
    from vaderSentiment import vaderSentiment as module

    analyzer = module.SentimentIntensityAnalyzer()
    emoji_chars = frozenset(key for key in analyzer.emojis if len(key) == 1)
    return module, analyzer, emoji_chars, frozenset(module.NEGATE)


_PUNCTUATION = string.punctuation


def _strip_punc_if_word(token: str) -> str:
    stripped = token.strip(_PUNCTUATION)
    return token if len(stripped) <= 2 else stripped


def vader_scores(text: str) -> dict[str, float]:
    """``SentimentIntensityAnalyzer().polarity_scores(text)``, exactly: neg, neu, pos, compound.

    VADER (Hutto & Gilbert 2014): word valences from its lexicon, adjusted for boosters
    ("very"), negation (three words back), ALL CAPS emphasis, "but", "least", idioms, and
    "!"/"?" emphasis; compound = x / sqrt(x^2 + 15) of the summed valences.

    Examples
    --------
    >>> vader_scores("The plan is not good.")["compound"]
    -0.3412
    """
    module, analyzer, emoji_chars, negate = _vader()
    if not emoji_chars.isdisjoint(text):
        text_no_emoji = ""
        prev_space = True
        for character in text:
            if character in analyzer.emojis:
                if not prev_space:
                    text_no_emoji += " "
                text_no_emoji += analyzer.emojis[character]
                prev_space = False
            else:
                text_no_emoji += character
                prev_space = character == " "
        text = text_no_emoji
    text = text.strip()
    punctuation = _PUNCTUATION
    words = [w if w[0] not in punctuation and w[-1] not in punctuation else _strip_punc_if_word(w)
             for w in text.split()]
    lower = [w.lower() for w in words]
    is_cap_diff = module.allcap_differential(words)
    lexicon = analyzer.lexicon
    booster = module.BOOSTER_DICT
    n_scalar, c_incr = module.N_SCALAR, module.C_INCR
    last = len(words) - 1
    sentiments: list = []
    for i, item in enumerate(words):
        item_lower = lower[i]
        valence = 0
        if item_lower in booster:
            sentiments.append(valence)
            continue
        if i < last and item_lower == "kind" and lower[i + 1] == "of":
            sentiments.append(valence)
            continue
        if item_lower in lexicon:
            valence = lexicon[item_lower]
            if item_lower == "no" and i != last and lower[i + 1] in lexicon:
                valence = 0.0
            if ((i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no")
                    or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"])):
                valence = lexicon[item_lower] * n_scalar
            if item.isupper() and is_cap_diff:
                if valence > 0:
                    valence += c_incr
                else:
                    valence -= c_incr
            for start_i in range(0, 3):
                if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                    s = module.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    valence = _negation_check(valence, lower, start_i, i, negate,
                                               n_scalar)
                    if start_i == 2:
                        valence = _special_idioms_check(valence, lower, i, module)
            valence = _least_check(valence, lower, i, lexicon, n_scalar)
        sentiments.append(valence)
    if "but" in lower:
        sentiments = _but_check(lower, sentiments)
    return analyzer.score_valence(sentiments, text)


def _negated(word: str, negate: frozenset) -> bool:
    return word in negate or "n't" in word


def _negation_check(valence, lower, start_i, i, negate, n_scalar):
    if start_i == 0:
        if _negated(lower[i - 1], negate):
            valence = valence * n_scalar
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2], negate):
            valence = valence * n_scalar
    if start_i == 2:
        if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or (
                lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3], negate):
            valence = valence * n_scalar
    return valence


def _special_idioms_check(valence, lower, i, module):
    special, booster = module.SPECIAL_CASES, module.BOOSTER_DICT
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if sequence in special:
            valence = special[sequence]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in special:
            valence = special[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in booster:
            valence = valence + booster[n_gram]
    return valence


def _least_check(valence, lower, i, lexicon, n_scalar):
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * n_scalar
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * n_scalar
    return valence


def _but_check(lower, sentiments):
    # VADER's own loop, kept as written (it looks values up by value, so equal scores before
    # and after "but" interact): the numbers must stay VADER's.
    bi = lower.index("but")
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
    return sentiments
