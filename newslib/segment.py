"""Sentences and tokens with character offsets into ``Article.body``, without NLTK data.

Sentence rules (news conventions):

- A sentence ends at ``.``, ``!``, ``?`` or ``…``, together with any closing quotation marks
  or brackets that follow (``...bluff."``), when the next text starts a new sentence: a capital
  letter, a digit or an opening quotation mark.
- So a sentence continues past a closing quote that is followed by a comma or lower-case
  words: ``...at our disposal," adding: "It's not a bluff."`` is one sentence.
- ``Mr.``, ``Dr.``, ``Sept.``, single initials (``J. Smith``) and the like do not end
  sentences; dotted acronyms (``U.K.``) end one only before a typical sentence opener
  (``The``, ``He``...).
- Paragraph ends always end a sentence; sentences never cross paragraphs.

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
        (?:[^\W\d_]\.){2,}(?![^\W\d_])          # dotted acronyms: U.K., U.S.
      | \d+(?:[.,:]\d+)+[^\W_]*                 # 300,000  2.5  10:30  5.5bn
      | [^\W_]+(?:[-'’‑][^\W_]+)*               # words: ill-equipped, Putin's, COVID-19
    )
    | \S                                         # any other character: punctuation
    """,
    re.VERBOSE,
)

_END_RE = re.compile(r"(?:[.!?]+|…)([”\"’'»)\]]*)\s+(?=\S)")

#: Words that may be followed by a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof st sr jr gen col lt sgt capt cpt maj adm cmdr rev hon sen rep
    gov pres supt insp det no nos vs v etc fig approx dept est mt ft jan feb mar apr jun jul
    aug sep sept oct nov dec e.g i.e cf al inc ltd co corp bros""".split()
)

#: Capitalised words that typically start a sentence: after a dotted acronym ("U.K.") they
#: signal that the acronym also ended the sentence.
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there his her its their our
    but and so yet however meanwhile in on at for mr mrs ms""".split()
)

_OPENING_CHARS = "“\"‘'«([¿¡"


def _ends_sentence(paragraph: str, match: re.Match) -> bool:
    """Decide whether the terminal punctuation in ``match`` closes a sentence."""
    following = paragraph[match.end():]
    first = following[0]
    if not (first.isupper() or first.isdigit() or first in _OPENING_CHARS):
        return False
    marker = paragraph[match.start():match.start(1)]
    if marker != "." or match.group(1):
        return True
    # A single full stop right after a word: is that word an abbreviation?
    before = paragraph[:match.start()]
    word = re.search(r"([^\s(\[“\"‘']*)$", before).group(1)
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return False
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):  # dotted acronym: U.K.
        next_word = re.match(r"[^\W\d_]+", following.lstrip(_OPENING_CHARS))
        return bool(next_word) and next_word.group(0).lower() in SENTENCE_OPENERS
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


def tokens_by_sentence(article) -> dict[int, list[Token]]:
    """The article's tokens grouped by sentence index (cached on the article)."""
    grouped = article.__dict__.get("_tokens_by_sentence")
    if grouped is None:
        grouped = {}
        for token in article.tokens:
            grouped.setdefault(token.sentence, []).append(token)
        article.__dict__["_tokens_by_sentence"] = grouped
    return grouped
