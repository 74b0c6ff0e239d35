"""Sentences and tokens with character offsets into ``Article.body``, without NLTK data.

Sentence rules (news conventions):

- A sentence ends at ``.``, ``!``, ``?`` or ``…``, together with any closing quotation marks
  or brackets that follow (``...bluff."``), when the next text starts a new sentence: a capital
  letter, a digit or an opening quotation mark.
- So a sentence continues past a closing quote that is followed by a comma or lower-case
  words: ``...at our disposal," adding: "It's not a bluff."`` is one sentence.
- Titles and other abbreviations that stand before a name (``Mr.``, ``Dr.``, ``Gen.``,
  ``St.``) never end a sentence; nor do single initials before a name (``J. R. R. Tolkien``).
- Dotted acronyms (``U.K.``), single capitals (``Plan B.``) and abbreviations that often close
  a sentence (``etc.``, ``Inc.``, ``Ltd.``, ``Jr.``, month names such as ``Sept.``) end one
  only before a typical sentence opener (``The``, ``He``, ``Then``...: ``SENTENCE_OPENERS``),
  so ``U.S. officials``, ``Sept. 21`` and ``Apple Inc. Chief Executive`` stay whole.
- ``No.`` is an abbreviation only before a number (``No. 10``); ``The answer was no. The
  talks ended.`` is two sentences.
- Decimals and other full stops not followed by white space (``2.5``, ``bbc.co.uk``) never
  end a sentence.
- Paragraph ends always end a sentence; sentences never cross paragraphs.

Splitting is linear in the paragraph's length: each candidate end looks only at the word
before it and the first word after it.

Tokens: words keep internal hyphens and apostrophes (``ill-equipped``, ``Putin's``), numbers
keep their separators (``300,000``, ``2.5``), dotted acronyms stay whole (``U.K.``); every
other non-space character is a punctuation token. Part-of-speech tags come from TextBlob's
offline Pattern tagger (Penn Treebank tags), run on these tokens so tags and offsets align.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Sentence", "Token", "split_sentences", "tokenize", "tokenize_article",
           "tokens_by_sentence"]


class Sentence(NamedTuple):
    """One sentence: ``text == article.body[start:end]``."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str


class Token(NamedTuple):
    """One token: ``text == article.body[start:end]``; ``pos`` is a Penn Treebank tag."""

    text: str
    start: int
    end: int
    sentence: int
    paragraph: int
    is_word: bool
    pos: str


_TOKEN_RE = re.compile(
    r"""
    (?P<word>
        (?:[^\W\d_]\.){2,6}(?![^\W\d_])         # dotted acronyms: U.K., U.S. (up to six letters, so
                                                #   a long a.b.c... chain is not rescanned)
      | \d+(?:[.,:]\d+)+[^\W_]*                 # 300,000  2.5  10:30  5.5bn
      | [^\W_]+(?:[-'’‑][^\W_]+)*               # words: ill-equipped, Putin's, COVID-19
    )
    | \S                                         # any other character: punctuation
    """,
    re.VERBOSE,
)

# A run of terminal punctuation (matched from its first character only, possessively, so a
# long run of dots is scanned once), closing marks, then white space before more text.
_END_RE = re.compile(r"(?<![.!?])(?:[.!?]++|…)([”\"’'»)\]]*+)\s++(?=\S)")

#: Abbreviations that stand before a name or a number and so never end a sentence
#: ("Mr. Wallace", "Gen. Smith", "St. Paul", "Roe v. Wade", "e.g. oil").
TITLE_ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof st gen col lt sgt capt cpt maj adm cmdr rev hon sen rep gov
    pres supt insp det mt vs v cf e.g i.e""".split()
)

#: Abbreviations that often end a sentence as well ("...and so on, etc. The shop closed.",
#: "Apple Inc. The firm", "in Sept. Then"): like dotted acronyms, they end one only before a
#: typical sentence opener (``SENTENCE_OPENERS``), never before a number ("Sept. 21") or a
#: name ("Apple Inc. Chief Executive ...").
FINAL_ABBREVIATIONS = frozenset(
    """etc inc ltd co corp plc bros jr sr al approx dept est ft fig jan feb mar apr jun jul aug
    sep sept oct nov dec""".split()
)

#: "No." and "Nos." are abbreviations only before a number ("No. 10"); otherwise the word
#: "no" ("The answer was no. The talks ended.").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})

#: Words that may be followed by a full stop without (always) ending the sentence.
ABBREVIATIONS = TITLE_ABBREVIATIONS | FINAL_ABBREVIATIONS | NUMBER_ABBREVIATIONS

#: Capitalised words that typically start a sentence: after a dotted acronym ("U.K.") or an
#: abbreviation of ``FINAL_ABBREVIATIONS`` they signal that it also ended the sentence.
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our my
    your but and so yet however meanwhile in on at for mr mrs ms then after as if when while
    although though since now here what why how where who also still instead earlier later
    today yesterday some many most all both one no not""".split()
)

_OPENING_CHARS = "“\"‘'«([¿¡"
_WORD_BOUNDARY_CHARS = frozenset(_OPENING_CHARS)
_NEXT_WORD_RE = re.compile(r"[“\"‘'«(\[¿¡]*+([^\W\d_]++)")
_ACRONYM_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def _word_before(paragraph: str, end: int) -> str:
    """The word that ends at ``end``: back to white space or an opening mark.

    Scans backwards only over that word, so the scans of all candidates together read each
    character at most once (candidates are separated by white space)."""
    start = end
    while start > 0:
        char = paragraph[start - 1]
        if char.isspace() or char in _WORD_BOUNDARY_CHARS:
            break
        start -= 1
    return paragraph[start:end]


def _next_word(paragraph: str, position: int) -> str:
    """The letters of the word starting at ``position``, after any opening marks."""
    match = _NEXT_WORD_RE.match(paragraph, position)
    return match.group(1) if match else ""


def _ends_sentence(paragraph: str, match: re.Match) -> bool:
    """Decide whether the terminal punctuation in ``match`` closes a sentence.

    Looks only at the word before the punctuation and the first character or word after it
    (no slice of the rest of the paragraph), so a paragraph is split in linear time.
    """
    following = match.end()
    first = paragraph[following]
    if not (first.isupper() or first.isdigit() or first in _OPENING_CHARS):
        return False
    marker = paragraph[match.start():match.start(1)]
    if marker != "." or match.group(1):
        return True
    # A single full stop right after a word: is that word an abbreviation or an initial?
    word = _word_before(paragraph, match.start())
    lowered = word.lower()
    if lowered in TITLE_ABBREVIATIONS:
        return False
    if lowered in NUMBER_ABBREVIATIONS:
        return not first.isdigit()
    next_word = _next_word(paragraph, following)
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith", "J. R. R. Tolkien"
        return len(next_word) > 1 and next_word.lower() in SENTENCE_OPENERS
    if lowered in FINAL_ABBREVIATIONS or _ACRONYM_RE.fullmatch(word):  # Inc., U.K.
        return next_word.lower() in SENTENCE_OPENERS and next_word[:1].isupper()
    return True


def split_paragraph(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph, relative to the paragraph."""
    spans = []
    start = 0
    for match in _END_RE.finditer(text):
        if _ends_sentence(text, match):
            end = match.start(1) + len(match.group(1))
            spans.append((start, end))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return spans


def split_sentences(article) -> list[Sentence]:
    """Sentences of an article, in order, with offsets into ``article.body``.

    Examples
    --------
    >>> from newslib.articles import parse_text
    >>> a = parse_text('Mr Wallace said: "It works." He left.', id="x", expect_header=False)
    >>> [s.text for s in split_sentences(a)]
    ['Mr Wallace said: "It works."', 'He left.']
    """
    sentences = []
    for paragraph in article.paragraphs:
        for start, end in split_paragraph(paragraph.text):
            sentences.append(
                Sentence(
                    len(sentences),
                    paragraph.start + start,
                    paragraph.start + end,
                    paragraph.index,
                    paragraph.text[start:end],
                )
            )
    return sentences


def tokenize(text: str) -> list[tuple[str, int, int, bool]]:
    """(text, start, end, is_word) for every token of ``text``.

    Examples
    --------
    >>> [t[0] for t in tokenize("Putin's 300,000 ill-equipped U.K. troops.")]
    ["Putin's", '300,000', 'ill-equipped', 'U.K.', 'troops', '.']
    """
    return [
        (m.group(0), m.start(), m.end(), m.lastgroup == "word")
        for m in _TOKEN_RE.finditer(text)
    ]


def _pattern_tags(words: list[str]) -> list[str]:
    from textblob.en import parser

    if not words:
        return []
    return [tag for _, tag in parser.find_tags(words)]


def tokenize_article(article) -> list[Token]:
    """All tokens of an article with sentence and paragraph indices and Pattern POS tags."""
    raw = tokenize(article.body)
    tags = _pattern_tags([text for text, *_ in raw])
    sentences = article.sentences
    tokens = []
    sentence_index = 0
    for (text, start, end, is_word), tag in zip(raw, tags, strict=True):
        while sentence_index < len(sentences) - 1 and start >= sentences[sentence_index].end:
            sentence_index += 1
        sentence = sentences[sentence_index]
        tokens.append(Token(text, start, end, sentence.index, sentence.paragraph, is_word, tag))
    return tokens


def tokens_by_sentence(article) -> dict[int, tuple[Token, ...]]:
    """The article's tokens grouped by sentence index (cached on the article; a new dict of
    tuples on every call, so a caller's edit cannot change what later calls see)."""
    grouped = article.__dict__.get("_tokens_by_sentence")
    if grouped is None:
        lists: dict[int, list[Token]] = {}
        for token in article.tokens:
            lists.setdefault(token.sentence, []).append(token)
        grouped = {index: tuple(tokens) for index, tokens in lists.items()}
        article.__dict__["_tokens_by_sentence"] = grouped
    return dict(grouped)
