"""Reading articles: the seed text format, CSV / JSON Lines tables and saved HTML pages.

The text format (see ``data/README.md``)::

     date 2022-09-21 First paragraph ...

    Second paragraph ...

The first line starts with `` date YYYY-MM-DD `` followed by the first paragraph; one or more
blank lines separate paragraphs. A byte-order mark, Windows line ends, trailing spaces and runs
of blank lines are tolerated.

Normalisation and offsets
-------------------------
Every input's text is normalised before it is parsed (:func:`newslib.normal_form.normalise_text`): a
leading byte-order mark removed, line ends made ``\\n``, Unicode put in NFC, so a name typed
with combining accents ("Jose" + U+0301, NFD) is the same name, word and count as the
precomposed one. Ids, titles and the other text fields of tables and pages are put in NFC too.

``Article.source_text`` is that normalised text (the file's, a table cell's, or the text
extracted from a page). ``Article.body`` is the paragraphs joined by one blank line. Every
paragraph is a verbatim slice of both: ``body[p.start:p.end] ==
source_text[p.source_start:p.source_end] == p.text``.

``Article.original_text`` is the text before normalisation, exactly as read (for a text file,
its characters as decoded from UTF-8, BOM and ``\\r`` included, so
``original_text.encode("utf-8")`` is the file's bytes). :meth:`Article.original_span` maps any
span of the body (a paragraph, sentence, token, quotation) or of ``source_text`` (a headline)
to the original characters it came from. The map (``Article.offset_map``) and the original
are kept only when normalisation changed something; otherwise ``original_text`` is
``source_text`` and the spans are the same.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import json
import os
import re
import stat
import unicodedata
import warnings
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from newslib.normal_form import STREAM_SAFE_MARKS, OffsetMap, normalise_text

__all__ = [
    "Article",
    "ArticleError",
    "ArticleWarning",
    "Corpus",
    "Paragraph",
    "iter_articles",
    "parse_text",
    "read_article",
    "read_corpus",
]

#: File endings read as articles when a folder is given.
TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES

#: Files larger than this are refused: a news article is a few kB; 5 MB is far beyond any.
DEFAULT_MAX_BYTES = 5_000_000
#: A CSV / JSON Lines table holds many articles, so it may be this many times larger.
TABLE_SIZE_FACTOR = 100

#: The header: the word ``date``, then a date-shaped token (digits and ``-``, ``/`` or ``.``
#: separators). "Date 2 of the tour ..." or "Date palms ..." is body text, not a bad header.
_HEADER_RE = re.compile(
    r"[^\S\n]*date[^\S\n]+(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\S*)(?:[^\S\n]+|(?=\n)|$)",
    re.IGNORECASE,
)
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARAGRAPH_BREAK_RE = re.compile(r"\n(?:[^\S\n]*\n)+")


class ArticleError(ValueError):
    """An input that cannot be used as an article.

    ``str(error)`` is one line, ``"<source>: <problem>"``, suitable for showing to a user.
    """

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")

    def __reduce__(self):  # pickled across worker processes with both fields
        return (type(self), (self.source, self.problem))


class ArticleWarning(UserWarning):
    """Something odd about an article whose text can still be used."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: ``text == body[start:end] == source_text[source_start:source_end]``."""

    index: int
    start: int
    end: int
    source_start: int
    source_end: int
    text: str


class WarningList(list):
    """A list of warning messages that answers ``message in warnings`` in O(1).

    Code that adds a warning only once (``if problem not in article.warnings``) would otherwise
    rescan the list for every new problem: quadratic for a text with 300,000 quote marks.
    """

    def _seen(self) -> set:
        seen = self.__dict__.get("seen")
        if seen is None or len(seen) > len(self):
            seen = self.__dict__["seen"] = set(self)
        return seen

    def __contains__(self, message: object) -> bool:
        try:
            return message in self._seen()
        except TypeError:  # an unhashable value someone put in the list
            return list.__contains__(self, message)

    def append(self, message: str) -> None:
        list.append(self, message)
        self._seen().add(message)

    def extend(self, messages: Iterable[str]) -> None:
        list.extend(self, messages)
        self.__dict__["seen"] = None

    def __iadd__(self, messages: Iterable[str]):
        self.extend(messages)
        return self

    def insert(self, index, message: str) -> None:
        list.insert(self, index, message)
        self._seen().add(message)

    def _changed(self, *args, **kwargs):  # removal or replacement: rebuild the set on demand
        self.__dict__["seen"] = None

    def __setitem__(self, index, value) -> None:
        list.__setitem__(self, index, value)
        self._changed()

    def __delitem__(self, index) -> None:
        list.__delitem__(self, index)
        self._changed()

    def remove(self, message: str) -> None:
        list.remove(self, message)
        self._changed()

    def pop(self, index: int = -1):
        value = list.pop(self, index)
        self._changed()
        return value

    def clear(self) -> None:
        list.clear(self)
        self._changed()


@dataclass
class Article:
    """A parsed article. Build one with :func:`read_article` or :func:`parse_text`.

    Attributes
    ----------
    id : str
        The file's path relative to the folder given, without its suffix (the file stem for a
        file given directly or a flat folder), or the ``id`` column of a table.
    date : datetime.date or None
        Publication date from the header; None when the header is missing.
    body : str
        Paragraph texts joined by ``"\\n\\n"``; all offsets refer to this string.
    paragraphs : list of Paragraph
    source : str
        Where the article came from (a path, or ``path:row N`` for tables).
    source_text : str
        The text as read, normalised (leading BOM removed, ``\\n`` line ends, Unicode NFC);
        paragraphs keep offsets into it.
    warnings : list of str
        Problems that did not stop the article being used.
    meta : dict
        The input's own fields, as given: a table's columns other than ``text``, ``id`` and
        ``date`` (``title``, ``url``, ``source``, ``outlet``, ``category``, any other), a
        page's ``title``, ``url``, ``sitename`` and ``author``, a text file's headline as
        ``title``. newslib writes nothing else here, so a column can never pass for one of
        newslib's fields: a column named ``path`` or ``title_offset`` is just data.
    path : str
        The file (and ``:row N`` / ``:line N`` of a table) relative to the working directory
        or to the folder given; never an absolute path of the machine.
    title_offset : int or None
        Where a text file's headline (``meta["title"]``) starts in :attr:`source_text`;
        None when the title comes from a table or a page, or there is none.
    offset_map : OffsetMap or None
        How :attr:`source_text` maps back to :attr:`original_text`; None when normalising
        changed nothing. Use :meth:`original_span`.
    """

    id: str
    date: dt.date | None
    body: str
    paragraphs: list[Paragraph]
    source: str
    source_text: str
    warnings: list[str] = field(default_factory=WarningList)
    meta: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    title_offset: int | None = None
    offset_map: OffsetMap | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.warnings, WarningList):
            self.warnings = WarningList(self.warnings)
        if not self.path:
            self.path = _display_path(Path(self.source)) if self.source else ""

    @cached_property
    def sentences(self):  # -> list[Sentence]
        """Sentences with offsets into :attr:`body` (see :mod:`newslib.segment`)."""
        from newslib.segment import split_sentences

        return split_sentences(self)

    @cached_property
    def tokens(self):  # -> list[Token]
        """Tokens with offsets, sentence, paragraph and Pattern part-of-speech tags."""
        from newslib.segment import tokenize_article

        return tokenize_article(self)

    @property
    def outlet(self) -> str:
        """Who published it: a table's ``outlet`` column; without one (or when it is empty),
        its ``source`` column; for an HTML page, the site name; empty when none is given.

        ``outlet`` comes first because it can only mean the publisher, while ``source`` may
        name a news agency or a feed (``outlet=The Guardian, source=Reuters``). Both stay in
        :attr:`meta`."""
        meta = self.meta
        return str(meta.get("outlet") or meta.get("source") or meta.get("sitename") or "")

    @property
    def original_text(self) -> str:
        """The text before normalisation, exactly as read (see the module's notes); the same
        string as :attr:`source_text` when normalising changed nothing."""
        return self.offset_map.original if self.offset_map is not None else self.source_text

    def original_span(self, start: int, end: int, *, within: str = "body") -> tuple[int, int]:
        """Where a span of the article came from in :attr:`original_text`.

        Parameters
        ----------
        start, end : int
            A span of :attr:`body` (a paragraph's, sentence's, token's or quotation's
            ``start`` and ``end``), or of :attr:`source_text` with ``within="source"`` (a
            headline: ``title_offset + i``).
        within : {"body", "source"}

        Returns
        -------
        (int, int)
            ``original_text[a:b]`` holds exactly the characters the span came from: once
            normalised it is the span's text (a decomposed "Nu\\u0301n\\u0303ez" for
            "Núñez", a ``\\r\\n`` for ``\\n``). A span that cuts into a changed piece (between
            two reordered accents) takes the whole piece. The blank line between paragraphs in
            the body stands for whatever separated them in the original (blank lines with
            spaces, ``\\r\\n``): a span that starts or ends in it takes all of that.

        Raises
        ------
        ValueError
            When the span is not inside the text.

        Examples
        --------
        >>> article = parse_text("Jose\\u0301 Nu\\u0301n\\u0303ez spoke.", id="x",
        ...                      expect_header=False)
        >>> token = next(t for t in article.tokens if t.text == "Núñez")
        >>> a, b = article.original_span(token.start, token.end)
        >>> (a, b), article.original_text[a:b] == "Nu\\u0301n\\u0303ez"
        ((6, 13), True)
        """
        if within not in ("body", "source"):
            raise ValueError("within must be 'body' or 'source'")
        limit = len(self.body if within == "body" else self.source_text)
        if not 0 <= start <= end <= limit:
            raise ValueError(f"span ({start}, {end}) is not inside the {within} text "
                             f"(0 to {limit})")
        if within == "body":
            start, end = self._source_offset(start, end=False), self._source_offset(end, end=True)
        if self.offset_map is None:
            return start, end
        return self.offset_map.original_span(start, end)

    def _source_offset(self, offset: int, *, end: bool) -> int:
        """The :attr:`source_text` offset of a body offset. The blank line between two
        paragraphs stands for whatever separated them in the source: a start there goes to
        the end of the paragraph before, an end to the start of the paragraph after."""
        starts = self.__dict__.get("_paragraph_starts")
        if starts is None:
            starts = self.__dict__["_paragraph_starts"] = [p.start for p in self.paragraphs]
        index = bisect_right(starts, offset) - 1
        if index < 0:
            return self.paragraphs[0].source_start if self.paragraphs else offset
        paragraph = self.paragraphs[index]
        if offset <= paragraph.end:
            return paragraph.source_start + (offset - paragraph.start)
        if not end or index + 1 == len(self.paragraphs):
            return paragraph.source_end
        return self.paragraphs[index + 1].source_start

    @property
    def title(self) -> str:
        """The headline from a table's ``title`` column or an HTML page; empty when not given."""
        return str(self.meta.get("title") or "")

    @property
    def words(self) -> list:
        """Word tokens only (no punctuation)."""
        return [t for t in self.tokens if t.is_word]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph containing body ``offset`` (the next one if it falls between).
        A binary search: the first paragraph that ends after ``offset``."""
        ends = self.__dict__.get("_paragraph_ends")
        if ends is None:
            ends = self.__dict__["_paragraph_ends"] = [p.end for p in self.paragraphs]
        return min(bisect_right(ends, offset), len(self.paragraphs) - 1)

    def __repr__(self) -> str:
        return (
            f"Article(id={self.id!r}, date={self.date}, paragraphs={len(self.paragraphs)}, "
            f"words={len(self.body.split())}, warnings={len(self.warnings)})"
        )


class Corpus(list):
    """A list of articles plus the inputs that could not be read (``errors``)."""

    def __init__(self, articles: Iterable[Article] = (), errors: Iterable[ArticleError] = ()):
        super().__init__(articles)
        self.errors: list[ArticleError] = list(errors)


def _split_paragraphs(text: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each non-blank block of ``text[offset:]``, whitespace trimmed."""
    spans = []
    position = offset
    for block_end, next_start in [
        (m.start(), m.end()) for m in _PARAGRAPH_BREAK_RE.finditer(text, offset)
    ] + [(len(text), len(text))]:
        block = text[position:block_end]
        stripped = block.strip()
        if stripped:
            start = position + (len(block) - len(block.lstrip()))
            spans.append((start, start + len(stripped)))
        position = next_start
    return spans


_NO_HEADER = "no ' date YYYY-MM-DD ' header on the first line; the date is unknown"
_NO_DATE_VALUE = "no 'date' value in the row (and no date header in its text); the date is unknown"


def _parse_header(text: str, source: str) -> tuple[dt.date | None, int, list[str]]:
    """Return (date, offset where the body starts, warnings) for the `` date YYYY-MM-DD `` line.

    A header is the word ``date`` followed by a token containing a digit; anything else on the
    first line is body text (so a paragraph starting "Date palms ..." is not mistaken for one).
    """
    match = _HEADER_RE.match(text)
    if not match:
        return None, 0, [_NO_HEADER]
    value = match.group(1)
    if not _ISO_DATE_RE.fullmatch(value):
        raise ArticleError(source, f"date {value!r} in the header is not in YYYY-MM-DD form")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise ArticleError(source, f"date {value} in the header does not exist") from None
    return date, match.end(), []


def _json_type(value: Any) -> str:
    """What a value decoded from JSON is, in JSON's words."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "object"
    if value is None:
        return "null"
    return type(value).__name__


def _a_json_type(value: Any) -> str:
    """``_json_type`` with its article, for "is a list", "is an object", "is null"."""
    kind = _json_type(value)
    return kind if kind == "null" else ("an " if kind[0] in "aeiou" else "a ") + kind


def _short(value: Any, limit: int = 40) -> str:
    """A value for a one-line message: repr, cut, with no line breaks or lone surrogates."""
    text = repr(value)
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _reject_if_unusable(text: str, source: str) -> None:
    if "\x00" in text:
        raise ArticleError(source, "binary file (contains NUL bytes), not a text article")
    if not text.lstrip("\ufeff").strip():
        raise ArticleError(source, "empty file: no text")


def parse_text(
    text: str,
    id: str,
    source: str = "<text>",
    date: dt.date | str | None = None,
    meta: dict[str, Any] | None = None,
    expect_header: bool = True,
    *,
    headline: bool = False,
) -> Article:
    """Parse article text already in memory.

    Parameters
    ----------
    text : str
        The article, optionally starting with the `` date YYYY-MM-DD `` header.
    id : str
        Identifier for the article.
    source : str
        Shown in errors and warnings.
    date : date or ISO string, optional
        Publication date when it comes from elsewhere (a table column); a header in the text,
        if any, is still removed from the body.
    expect_header : bool
        Warn when neither ``date`` nor a header gives the date.
    headline : bool
        Look for a headline as the first paragraph (see Notes). :func:`read_article` sets it
        for text files; tables and HTML pages give their title separately.

    Notes
    -----
    **Headline.** When ``headline`` is set, ``meta`` gives no ``title`` and the text has no
    date line (in the seed format the text on the date line is the first paragraph, whatever
    it ends with), the first paragraph is taken as the headline if all of these hold: it is a
    single line; it has at most 15 words; it does not open with a double quotation mark (a
    quoted line is speech); it does not end with a full stop, comma, semicolon or colon (closing
    quote marks and invisible format characters such as a zero-width space ignored; a question
    mark or an ellipsis may end a headline); and at least one more paragraph follows. The
    headline is stored as ``meta["title"]`` (where CSV / JSON Lines titles go), its offset into
    ``source_text`` as ``Article.title_offset``, and it is not part of ``body`` or
    ``paragraphs`` (paragraph 0 is the first body paragraph). Seed-format files (with a date
    line) have no title.

    Raises
    ------
    ArticleError
        Empty or binary text, or a header date that does not exist.

    Examples
    --------
    >>> article = parse_text(" date 2022-09-21 First.\\n\\nSecond.", id="x")
    >>> article.date, [p.text for p in article.paragraphs]
    (datetime.date(2022, 9, 21), ['First.', 'Second.'])
    >>> article = parse_text("Talks 'on track'\\n\\nThe talks went on.", id="y",
    ...                      expect_header=False, headline=True)
    >>> article.meta["title"], article.title_offset, [p.text for p in article.paragraphs]
    ("Talks 'on track'", 0, ['The talks went on.'])
    """
    _reject_if_unusable(text, source)
    text, offset_map = normalise_text(text)
    warnings_found: list[str] = []
    if offset_map is not None and offset_map.long_mark_runs:
        warnings_found.append(
            f"{offset_map.long_mark_runs:,} run(s) of more than {STREAM_SAFE_MARKS} combining "
            f"marks in a row (as in 'Zalgo' text): put in Unicode order {STREAM_SAFE_MARKS} "
            "at a time, so they may differ from strict NFC")
    header_date, body_start, header_warnings = _parse_header(text, source)
    if isinstance(date, str) and date.strip():
        try:
            date = dt.date.fromisoformat(date.strip()[:10])
        except ValueError:
            raise ArticleError(source, f"date {_short(date)} does not exist or is not YYYY-MM-DD"
                               ) from None
    elif isinstance(date, str):
        date = None
    elif isinstance(date, dt.datetime):
        date = date.date()
    elif date is not None and not isinstance(date, dt.date):
        raise ArticleError(source, f"date {_short(date)} is {_a_json_type(date)}, not a "
                                   "YYYY-MM-DD string")
    if date is None:
        date = header_date
        if expect_header:
            warnings_found += header_warnings
    spans = _split_paragraphs(text, body_start)
    if not spans:
        raise ArticleError(source, "no text after the date header")
    meta = _nfc_fields(meta or {}, warnings_found)
    # The seed format puts the first paragraph on the date line: only a file without one
    # can open with a headline.
    title_offset = None
    if headline and not body_start and not meta.get("title") and _is_headline(text, spans):
        meta["title"], title_offset = text[spans[0][0]:spans[0][1]], spans[0][0]
        spans = spans[1:]
    paragraphs = []
    body_parts = []
    position = 0
    for index, (start, end) in enumerate(spans):
        paragraph_text = text[start:end]
        paragraphs.append(Paragraph(index, position, position + len(paragraph_text), start, end,
                                    paragraph_text))
        body_parts.append(paragraph_text)
        position += len(paragraph_text) + 2
    article = Article(
        id=unicodedata.normalize("NFC", str(id)),
        date=date,
        body="\n\n".join(body_parts),
        paragraphs=paragraphs,
        source=str(source),
        source_text=text,
        warnings=warnings_found,
        meta=meta,
        title_offset=title_offset,
        offset_map=offset_map,
    )
    return article


def _nfc_fields(meta: dict[str, Any], warnings_found: list[str]) -> dict[str, Any]:
    """``meta`` with its names and text values in NFC, like the text: a title, an outlet
    or a category typed with combining accents groups with the precomposed one. Two names
    that become one keep the first value, with a warning."""
    fields: dict[str, Any] = {}
    for key, value in meta.items():
        name = unicodedata.normalize("NFC", key) if isinstance(key, str) else key
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
        if name in fields:
            warnings_found.append(f"fields {_short(key)} and {_short(name)} are the same name "
                                  "once Unicode is normalised (NFC); the first is kept")
            continue
        fields[name] = value
    return fields


_HEADLINE_MAX_WORDS = 15


def _is_headline(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the first paragraph is a headline (rules in :func:`parse_text`)."""
    if len(spans) < 2:
        return False
    first = text[spans[0][0]:spans[0][1]]
    if "\n" in first or len(first.split()) > _HEADLINE_MAX_WORDS or first[0] in "\"“”„«»":
        return False
    ending = _HEADLINE_END_IGNORED_RE.sub("", first)
    return ending.endswith(("...", "…")) or not ending.endswith((".", ",", ";", ":"))


#: Closing quote marks and invisible format characters (zero-width space and joiners, word
#: joiner, BOM, soft hyphen) after a paragraph's last punctuation: "He left.\u200b" ends
#: with a full stop.
_HEADLINE_END_IGNORED_RE = re.compile("[\"'’”»\u00ad\u200b-\u200f\u2060-\u2064\ufeff]+$")


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or "no details"
    return f"{type(error).__name__}: {text[:200]}"


def _stat_error(path: Path, error: OSError) -> ArticleError:
    """The error for a path that cannot be stat-ed (missing, broken link, link loop...)."""
    if error.errno == errno.ELOOP:
        return ArticleError(path, "symbolic link loop; skipped")
    if isinstance(error, FileNotFoundError):
        if os.path.islink(path):
            return ArticleError(path, "broken symbolic link (its target does not exist); skipped")
        return ArticleError(path, "no such file or folder")
    return ArticleError(path, f"cannot be read ({error.strerror or error})")


def _open_regular(path: Path, max_bytes: int):
    """Open a regular file for reading without ever blocking; refuse pipes, devices, folders
    (a FIFO would wait forever for a writer, ``/dev/zero`` never ends) and oversized files."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if isinstance(error, FileNotFoundError) and not os.path.islink(path):
            raise ArticleError(path, "no such file") from None
        if isinstance(error, IsADirectoryError):
            raise ArticleError(path, "is a folder; use read_corpus for folders") from None
        raise _stat_error(path, error) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(path, "is a folder; use read_corpus for folders")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(path, f"is {_kind(info.st_mode)}, not a regular file; skipped")
        if info.st_size > max_bytes:
            raise ArticleError(
                path,
                f"file is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for "
                "one article (split it, or raise max_bytes)",
            )
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with _open_regular(path, max_bytes) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise ArticleError(path, f"cannot be read ({error.strerror or error})") from None
    if len(data) > max_bytes:  # grew since it was measured
        raise ArticleError(path, f"file is over the {max_bytes / 1e6:.0f} MB limit for one "
                                 "article (split it, or raise max_bytes)")
    return data


def _decode(data: bytes, source: str | Path) -> str:
    if not data.strip():
        raise ArticleError(source, "empty file: no text")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(source, "binary file (contains NUL bytes), not a text article")
    try:  # the BOM stays in the original text; parse_text's normalisation removes it
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(
            source,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "re-save the file as UTF-8",
        ) from None


def read_article(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file in the text format (or one saved HTML page).

    Warnings found while reading are kept in ``article.warnings`` and also issued as
    :class:`ArticleWarning`.

    Raises
    ------
    ArticleError
        The file is missing, empty, binary, not UTF-8, too large, not a regular file (a pipe,
        a device), or its header date does not exist. The message is one line naming the file.

    Examples
    --------
    >>> article = read_article("data/articles/000_55b6456ee109d161.txt")  # doctest: +SKIP
    >>> article.date  # doctest: +SKIP
    datetime.date(2022, 9, 21)
    """
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES:
        raise ArticleError(path, "is a table of articles; use read_corpus for CSV / JSON Lines")
    article = _read_file(path, path.stem, _display_path(path), max_bytes)
    for message in article.warnings:
        warnings.warn(f"{article.source}: {message}", ArticleWarning, stacklevel=2)
    return article


def _read_file(path: Path, article_id: str, display: str, max_bytes: int) -> Article:
    """One text or HTML file as an article with the given id."""
    if path.suffix.lower() in HTML_SUFFIXES:
        from newslib.html import article_from_html, decode_html

        article = article_from_html(decode_html(_read_bytes(path, max_bytes), path), path)
        article.id = unicodedata.normalize("NFC", article_id)
    else:
        text = _decode(_read_bytes(path, max_bytes), path)
        article = parse_text(text, id=article_id, source=str(path), headline=True)
    article.path = display
    return article


# -- tables ---------------------------------------------------------------------------------------

#: Row fields that become Article attributes; every other scalar field is kept in ``meta``.
_ROW_FIELDS = ("text", "id", "date")


def _lookalike(record: dict, name: str) -> str | None:
    """A key named like the row field ``name`` but not exactly (``Text``, ``ID``, `` date``),
    when ``name`` itself is missing: field names are case-sensitive."""
    if name in record:
        return None
    return next((key for key in record if isinstance(key, str)
                 and key.strip().casefold() == name), None)


def _lookalike_warnings(record: dict) -> list[str]:
    """Say when a column meant as the id or the date is kept as metadata instead, rather than
    leave the id generated or the date unknown without a reason."""
    found = []
    for name in ("id", "date"):
        key = _lookalike(record, name)
        if key is not None:
            found.append(f"{_short(key)} is not read as the article's {name} (field names are "
                         f"case-sensitive: {name!r}); kept as metadata")
    return found

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _check_start(handle, path: Path) -> None:
    """Refuse an empty or binary table before reading it row by row."""
    head = handle.read(8192)
    if not head.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf"):
        rest = handle.read(1 << 16)
        while rest and not rest.strip():
            rest = handle.read(1 << 16)
        if not rest:
            raise ArticleError(path, "empty file: no text")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "binary file (contains NUL bytes), not a text article")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "not valid UTF-8 (a UTF-16 byte-order mark); re-save the file "
                                 "as UTF-8")
    handle.seek(0)


def _jsonl_rows(handle, path: Path) -> Iterator[tuple[str, dict | ArticleError, list[str]]]:
    """Rows of a JSON Lines file, one line at a time. Lines end at ``\n`` only: U+2028, U+0085
    and the other separators that ``str.splitlines`` also breaks on may occur inside a row."""
    seen_any = False
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        seen_any = True
        label = f"line {number}"
        where = f"{path}:{label}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield label, ArticleError(where, f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at "
                                             f"column {error.start + 1})"), []
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield label, ArticleError(where, f"not valid JSON ({error.msg})"), []
            continue
        except RecursionError:
            yield label, ArticleError(where, "not valid JSON (nested too deeply)"), []
            continue
        if not isinstance(record, dict):
            yield label, ArticleError(where, f"a JSON {_json_type(record)}, not an object with a "
                                             "'text' key"), []
            continue
        if "text" not in record:
            near = _lookalike(record, "text")
            yield label, ArticleError(where, "JSON object has no 'text' key" + (
                f" ({_short(near)} is not it: keys are case-sensitive)" if near else "")), []
            continue
        yield label, record, []
    if not seen_any:
        raise ArticleError(path, "empty file: no rows")


def _undecodable_byte(value: str) -> int | None:
    """The first byte that was not UTF-8 (kept as a U+DC80-U+DCFF escape), if any."""
    match = re.search("[\udc80-\udcff]", value)
    return ord(match.group()) - 0xDC00 if match else None


def _csv_rows(handle, path: Path, max_bytes: int
              ) -> Iterator[tuple[str, dict | ArticleError, list[str]]]:
    """Rows of a CSV file, one at a time, each checked against the header."""
    import io

    if csv.field_size_limit() < max_bytes:  # one field may hold a whole article
        csv.field_size_limit(max_bytes)
    stream = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(stream, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ArticleError(path, f"CSV header cannot be read ({error})") from None
    if header is None:
        raise ArticleError(path, "empty file: no text")
    header = [name.strip() for name in header]
    if any(_undecodable_byte(name) is not None for name in header):
        raise ArticleError(path, "not valid UTF-8 in the header row; re-save the file as UTF-8")
    if "text" not in header:
        found = ", ".join(" ".join(name.split())[:40] for name in header) or "none"
        raise ArticleError(path, f"CSV has no 'text' column (columns found: {found})")
    for name in dict.fromkeys(header):
        positions = [str(i + 1) for i, other in enumerate(header) if other == name]
        if len(positions) > 1 and name:
            raise ArticleError(path, f"CSV has {len(positions)} columns named {name!r} (columns "
                                     f"{', '.join(positions)}); rename or remove all but one")
    number = 1
    rows = 0
    while True:
        first_line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            number += 1
            rows += 1
            label = f"row {number}"
            message = str(error)
            if "unexpected end of data" in message:
                problem = (f"a quotation mark opened on line {first_line} is never closed; lines "
                           f"{first_line}-{reader.line_num} could not be read as rows")
            elif "field larger than field limit" in message:
                problem = (f"a field is over the {max_bytes:,}-character limit for one article; "
                           "row skipped")
            else:
                problem = f"not valid CSV ({message}); row skipped"
            yield label, ArticleError(f"{path}:{label}", problem), []
            continue
        if not fields or fields == [""]:
            continue  # blank line
        number += 1
        rows += 1
        label = f"row {number}"
        where = f"{path}:{label}"
        byte = next((b for b in map(_undecodable_byte, fields) if b is not None), None)
        if byte is not None:
            yield label, ArticleError(where, f"not valid UTF-8 (byte 0x{byte:02x}); re-save the "
                                             "file as UTF-8"), []
            continue
        if len(fields) > len(header):
            yield label, ArticleError(
                where, f"row has {len(fields)} fields but the header has {len(header)} (an "
                       "unquoted comma?); row skipped"), []
            continue
        row_warnings = []
        if len(fields) < len(header):
            missing = header[len(fields):]
            if "text" in missing:
                yield label, ArticleError(where, f"row has {len(fields)} fields but the header "
                                                 f"has {len(header)}; no 'text' value"), []
                continue
            row_warnings.append(f"row has {len(fields)} of {len(header)} fields; "
                                f"{', '.join(map(repr, missing))} taken as empty")
        yield label, dict(zip(header, fields, strict=False)), row_warnings
    if rows == 0:
        raise ArticleError(path, "CSV has a header but no rows")


def _table_rows(path: Path, max_bytes: int
                ) -> Iterator[tuple[str, dict[str, Any] | ArticleError, list[str]]]:
    """Yield (row label, record or error, warnings) for each row of a CSV or JSON Lines file,
    reading one row at a time (memory does not grow with the table)."""
    with _open_regular(path, max_bytes * TABLE_SIZE_FACTOR) as handle:
        _check_start(handle, path)
        if path.suffix.lower() == ".csv":
            yield from _csv_rows(handle, path, max_bytes)
        else:
            yield from _jsonl_rows(handle, path)


def _refuse_surrogates(value: str, name: str, source: str) -> None:
    """A lone surrogate (a JSON escape like ``\\ud800``) in the text or id is the row's error:
    no UTF-8 file can hold it, and replacing it would change the text counted."""
    match = _SURROGATE_RE.search(value)
    if match:
        raise ArticleError(source, f"{name!r} holds a lone surrogate code point "
                                   f"(\\u{ord(match.group()):04x} at character "
                                   f"{match.start() + 1:,}); fix the source of this row")


def _clean_string(value: str, name: str, row_warnings: list[str]) -> str:
    """Replace lone surrogates in a field other than text and id (a title, an outlet) with
    U+FFFD, with a warning: the article stays usable and its outputs stay writable."""
    cleaned, count = _SURROGATE_RE.subn("\ufffd", value)
    if count:
        row_warnings.append(f"{count} lone surrogate code point(s) in {name!r} replaced by U+FFFD")
    return cleaned


def _article_from_record(record: dict[str, Any], entry: _InputFile, label: str,
                         row_warnings: list[str], max_bytes: int) -> Article:
    source = f"{entry.path}:{label}"
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(source, f"'text' is {_a_json_type(text)}, not a string")
    if not text.strip():
        raise ArticleError(source, "'text' is empty")
    if len(text) > max_bytes:
        raise ArticleError(source, f"'text' is {len(text):,} characters, over the limit for one "
                                   "article")
    _refuse_surrogates(text, "text", source)
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        article_id = f"{entry.id}-{label.split()[-1]}"
    elif isinstance(raw_id, str):
        _refuse_surrogates(raw_id, "id", source)
        article_id = raw_id
    elif isinstance(raw_id, (int, float)) and not isinstance(raw_id, bool):
        article_id = str(raw_id)
    else:
        raise ArticleError(source, f"'id' is {_a_json_type(raw_id)}, not a string or number")
    date = record.get("date")
    if date is not None and not isinstance(date, str):
        raise ArticleError(source, f"'date' is {_a_json_type(date)} ({_short(date)}), not a "
                                   "YYYY-MM-DD string")
    row_warnings = row_warnings + _lookalike_warnings(record)
    meta: dict[str, Any] = {}
    for key, value in record.items():
        if key in _ROW_FIELDS or not isinstance(key, str):
            continue
        if isinstance(value, str):
            if value.strip():
                meta[_clean_string(key, key, row_warnings)] = _clean_string(value, key,
                                                                            row_warnings)
        elif isinstance(value, (bool, int, float)):
            meta[_clean_string(key, key, row_warnings)] = value
        elif value is not None:  # a list or an object: no column of a table can hold it
            row_warnings.append(f"{_short(key)} is {_a_json_type(value)}, not a string or a "
                                "number; ignored")
    article = parse_text(text, id=article_id, source=source,
                         date=_clean_string(date, "date", row_warnings) if date else None,
                         meta=meta)
    article.path = f"{entry.display}:{label}"
    # A table row has no header line: say which field is missing.
    article.warnings[:] = [_NO_DATE_VALUE if m == _NO_HEADER else m for m in article.warnings]
    for message in row_warnings:
        if message not in article.warnings:
            article.warnings.append(message)
    return article



def _read_table(entry: _InputFile, max_bytes: int) -> Iterator[Article | ArticleError]:
    """Articles of a table, one row at a time; a row that fails becomes that row's error."""
    for label, record, row_warnings in _table_rows(entry.path, max_bytes):
        if isinstance(record, ArticleError):
            yield record
            continue
        try:
            article = _article_from_record(record, entry, label, row_warnings, max_bytes)
        except ArticleError as error:
            yield error
        except Exception as error:  # one row never stops the table
            yield ArticleError(f"{entry.path}:{label}", f"could not be read ({_one_line(error)})")
        else:
            yield article


# -- which files ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _InputFile:
    """A file to read: where it is, the article id it gets, its path as shown in tables, and
    a warning for its article (its id was taken by an earlier input)."""

    path: Path
    id: str
    display: str
    warning: str = ""


class _UniqueIds:
    """Article ids handed out in input order: the first input with an id keeps it; a later
    one gets ``ID~2``, ``ID~3``... (the first not taken), so the same inputs always get the
    same ids. The next number is remembered per id: 10,000 rows with one id cost linear time.
    """

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}
        self._next: dict[str, int] = {}

    def claim(self, article_id: str, owner: str) -> str:
        """A unique id for ``owner`` (a path shown in warnings), ``article_id`` if free."""
        candidate, number = article_id, self._next.get(article_id, 1)
        while candidate in self.owners:
            number += 1
            candidate = f"{article_id}~{number}"
        self._next[article_id] = number
        self.owners[candidate] = owner
        return candidate


def _renamed_warning(old: str, new: str, owner: str) -> str:
    return (f"id {_short(old, 60)} is already the id of {owner}; this article's id is "
            f"{_short(new, 64)}")


def _display_path(path: Path) -> str:
    """``path`` as given when relative; relative to the working directory when inside it;
    otherwise its name. Never an absolute path of the machine (reports get shared)."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return path.name


def _walk(folder: Path) -> Iterator[Path | ArticleError]:
    """Article files under ``folder`` and its sub-folders, in sorted name order (depth first).

    Hidden entries are skipped, and so are files without an article suffix. Broken links, link
    loops, pipes and devices named like articles are reported, never opened (a FIFO would
    hang the reader). A symbolic link that leads outside ``folder`` is followed with one
    :class:`ArticleWarning` (a shared corpus could otherwise pull in any file the reader
    can read, unseen); links within the folder are silent."""
    try:
        root = os.stat(folder)
        visited = {(root.st_dev, root.st_ino)}
        inside = os.path.realpath(folder)
    except OSError as error:
        yield _stat_error(folder, error)
        return
    stack: list[Iterator[os.DirEntry]] = []

    def listing(directory: Path) -> Iterator[os.DirEntry] | ArticleError:
        try:
            with os.scandir(directory) as entries:
                return iter(sorted(entries, key=lambda e: e.name))
        except OSError as error:
            return ArticleError(directory, f"folder cannot be read ({error.strerror or error})")

    first = listing(folder)
    if isinstance(first, ArticleError):
        yield first
        return
    stack.append(first)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            info = os.stat(path)
        except OSError as error:
            yield _stat_error(path, error)
            continue
        if stat.S_ISDIR(info.st_mode):
            identity = (info.st_dev, info.st_ino)
            if identity in visited:
                yield ArticleError(path, "symbolic link to a folder already read (a loop); "
                                         "skipped")
                continue
            visited.add(identity)
            inner = listing(path)
            if isinstance(inner, ArticleError):
                yield inner
            else:
                _warn_if_outside(entry, path, inside, folder, "a folder")
                stack.append(inner)
        elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
            if stat.S_ISREG(info.st_mode):
                _warn_if_outside(entry, path, inside, folder, "a file")
                yield path
            else:
                yield ArticleError(path, f"is {_kind(info.st_mode)}, not a regular file; skipped")


def _warn_if_outside(entry: os.DirEntry, path: Path, inside: str, folder: Path,
                     kind: str) -> None:
    """One warning for a symbolic link whose target is not under the folder being read."""
    if not entry.is_symlink():
        return
    target = os.path.realpath(path)
    if os.path.commonpath([inside, target]) == inside:
        return
    try:
        written = os.readlink(path)
    except OSError:  # replaced since it was listed: say where it leads now
        written = target
    # Issued as from "newslib", not from this file: shown in a report, a warning's usual
    # prefix would be the absolute path of newslib's source on this machine. The registry
    # shows each link once per process, however often the folder is listed.
    warnings.warn_explicit(ArticleWarning(
        f"{path}: symbolic link to {kind} outside {folder} ({written}); followed, so its "
        "content is read as part of this corpus"), ArticleWarning, "newslib", 0,
        registry=_LINK_WARNINGS_SHOWN)


_LINK_WARNINGS_SHOWN: dict = {}


def _list_inputs(sources: str | Path | Iterable[str | Path]) -> list[_InputFile | ArticleError]:
    """Every file to read, with a unique article id, or the error for an unusable source.

    A file given directly gets its stem as id; a file found in a folder gets its path relative
    to that folder without the suffix (``business/001``; the stem in a flat folder). Ids that
    still collide (``a/001.txt`` and ``b/001.txt`` given directly) become the path from the
    folder they share without the suffix (``a/001``, ``b/001``); the same file given twice
    gets ``~2``, ``~3``... in input order."""
    if isinstance(sources, (str, Path)):
        sources = [sources]
    items: list[_InputFile | ArticleError] = []
    for source in sources:
        path = Path(source)
        try:
            info = os.stat(path)
        except OSError as error:
            items.append(_stat_error(path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            shown = _display_path(path)
            found = 0
            for item in _walk(path):
                if isinstance(item, ArticleError):
                    items.append(item)
                    continue
                found += 1
                relative = item.relative_to(path)
                display = relative.as_posix() if shown in ("", ".") else f"{shown}/{relative.as_posix()}"
                items.append(_InputFile(item, relative.with_suffix("").as_posix(), display))
            if not found:
                suffixes = ", ".join("*" + s for s in ARTICLE_SUFFIXES)
                items.append(ArticleError(path, f"folder has no articles ({suffixes})"))
        elif stat.S_ISREG(info.st_mode):
            items.append(_InputFile(path, path.stem, _display_path(path)))
        else:
            items.append(ArticleError(path, f"is {_kind(info.st_mode)}, not a regular file; "
                                            "skipped"))
    files = [item for item in items if isinstance(item, _InputFile)
             and item.path.suffix.lower() not in TABLE_SUFFIXES]  # tables: ids per row
    counts: dict[str, int] = {}
    for item in files:
        counts[item.id] = counts.get(item.id, 0) + 1
    if any(count > 1 for count in counts.values()):
        colliding_ids = _paths_from_common_folder(
            {index: item.path for index, item in enumerate(items)
             if isinstance(item, _InputFile) and item.path.suffix.lower() not in TABLE_SUFFIXES
             and counts[item.id] > 1})
        ids = _UniqueIds()
        for index, item in enumerate(items):
            if isinstance(item, _InputFile) and item.path.suffix.lower() not in TABLE_SUFFIXES:
                article_id = item.id
                if counts[article_id] > 1:
                    article_id = colliding_ids[index]
                unique = ids.claim(article_id, item.display)
                warning = (_renamed_warning(article_id, unique, ids.owners[article_id])
                           if unique != article_id else "")
                items[index] = _InputFile(item.path, unique, item.display, warning)
    return items


def _paths_from_common_folder(paths: dict[int, Path]) -> dict[int, str]:
    """Each path relative to the folder the paths share, without its suffix."""
    absolute = {index: Path(os.path.abspath(path)) for index, path in paths.items()}
    common = Path(os.path.commonpath([str(p.parent) for p in absolute.values()]))
    return {index: path.relative_to(common).with_suffix("").as_posix()
            for index, path in absolute.items()}


def _articles_of(entry: _InputFile, max_bytes: int) -> Iterator[Article | ArticleError]:
    if entry.path.suffix.lower() in TABLE_SUFFIXES:
        yield from _read_table(entry, max_bytes)
    else:
        article = _read_file(entry.path, entry.id, entry.display, max_bytes)
        if entry.warning:
            article.warnings.append(entry.warning)
        yield article


def _read_entries(entries: Iterable[_InputFile | ArticleError], errors: list | None,
                  max_bytes: int) -> Iterator[Article]:
    """Articles of the listed inputs, one at a time; any failure becomes that input's error.

    Ids are unique across everything read: a table row (or a file) whose id an earlier
    article already has is given ``ID~2``, ``ID~3``... with a warning (see :class:`_UniqueIds`).
    """
    ids = _UniqueIds()

    def report(error: ArticleError) -> None:
        if errors is None:
            raise error
        errors.append(error)

    def unique(article: Article) -> Article:
        first = unicodedata.normalize("NFC", article.id)  # a macOS file name is NFD
        article.id = ids.claim(first, article.path)
        if article.id != first:
            article.warnings.append(_renamed_warning(first, article.id, ids.owners[first]))
        return article

    for item in entries:
        if isinstance(item, ArticleError):
            report(item)
            continue
        try:
            for result in _articles_of(item, max_bytes):
                if isinstance(result, ArticleError):
                    report(result)
                else:
                    yield unique(result)
        except ArticleError as error:
            report(error)
        except Exception as error:  # never a traceback: the file becomes one error line
            report(ArticleError(item.path, f"could not be read ({_one_line(error)})"))


def iter_articles(
    sources: str | Path | Iterable[str | Path],
    errors: list[ArticleError] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article]:
    """Yield articles one at a time (bounded memory) from files, folders and tables.

    Parameters
    ----------
    sources : path or list of paths
        Article files (``.txt``, ``.html``), tables (``.csv``, ``.jsonl``) or folders of them
        (read with their sub-folders, in sorted name order). Tables are read one row at a time.
    errors : list, optional
        If given, unusable inputs (files or table rows) are appended here as
        :class:`ArticleError` and skipped; otherwise the first one is raised.
    max_bytes : int
        Largest article file; a table may be :data:`TABLE_SIZE_FACTOR` times larger.

    Notes
    -----
    Ids: a file given directly is its stem; a file found in a folder is its path relative to
    that folder without the suffix (``business/001``; the stem in a flat folder); ids that
    would still collide become the path from the folder the files share (``a/001``,
    ``b/001``). A table row's id is its ``id`` column (``TABLE-N`` without one). Ids are then
    unique across everything read: an article whose id an earlier one has (two rows of a
    table, a row and a file, the same file given twice) gets ``ID~2``, ``ID~3``... in input
    order, with a warning naming the article that kept the id.
    """
    yield from _read_entries(_list_inputs(sources), errors, max_bytes)


def read_corpus(
    sources: str | Path | Iterable[str | Path],
    on_error: str = "warn",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Corpus:
    """Read every article in folders, files, CSV and JSON Lines tables.

    CSV / JSON Lines need a ``text`` column and may have ``date``, ``id``, ``source``,
    ``title``, ``url``.

    Parameters
    ----------
    on_error : {"warn", "raise", "collect"}
        What to do with unusable inputs. Good inputs are always read first; bad ones are then
        reported together (``"warn"``: one :class:`ArticleWarning` listing them all) and kept
        in ``corpus.errors``. ``"raise"`` stops at the first.

    Returns
    -------
    Corpus
        A list of :class:`Article` with an ``errors`` attribute.
    """
    if on_error not in ("warn", "raise", "collect"):
        raise ValueError("on_error must be 'warn', 'raise' or 'collect'")
    errors: list[ArticleError] = []
    articles = list(
        iter_articles(sources, errors=None if on_error == "raise" else errors, max_bytes=max_bytes)
    )
    corpus = Corpus(articles, errors)
    if on_error == "warn" and corpus.errors:
        listed = "; ".join(str(e) for e in corpus.errors)
        warnings.warn(
            f"{len(corpus.errors)} input(s) could not be read: {listed}", ArticleWarning,
            stacklevel=2,
        )
    return corpus
