"""Reading articles: the seed text format, CSV / JSON Lines tables and saved HTML pages.

The text format (see ``data/README.md``)::

     date 2022-09-21 First paragraph ...

    Second paragraph ...

The first line starts with `` date YYYY-MM-DD `` followed by the first paragraph; one or more
blank lines separate paragraphs. A byte-order mark, Windows line ends, trailing spaces and runs
of blank lines are tolerated.

Offsets
-------
``Article.source_text`` is the file as Python reads it (BOM removed, line ends made ``\\n``).
``Article.body`` is the paragraphs joined by one blank line. Every paragraph is a verbatim slice
of both: ``body[p.start:p.end] == source_text[p.source_start:p.source_end] == p.text``, so any
offset into the body (sentences, tokens, quotations) can be traced back to the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

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

_HEADER_RE = re.compile(r"[^\S\n]*date[^\S\n]+(\S*\d\S*)(?:[^\S\n]+|(?=\n)|$)", re.IGNORECASE)
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


@dataclass
class Article:
    """A parsed article. Build one with :func:`read_article` or :func:`parse_text`.

    Attributes
    ----------
    id : str
        File stem (or the ``id`` column of a table).
    date : datetime.date or None
        Publication date from the header; None when the header is missing.
    body : str
        Paragraph texts joined by ``"\\n\\n"``; all offsets refer to this string.
    paragraphs : list of Paragraph
    source : str
        Where the article came from (a path, or ``path:row N`` for tables).
    source_text : str
        The text as read (BOM removed, line ends normalised); paragraphs keep offsets into it.
    warnings : list of str
        Problems that did not stop the article being used.
    meta : dict
        Extra fields from tables or HTML (title, url, outlet, ...).
    """

    id: str
    date: dt.date | None
    body: str
    paragraphs: list[Paragraph]
    source: str
    source_text: str
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

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
    def words(self) -> list:
        """Word tokens only (no punctuation)."""
        return [t for t in self.tokens if t.is_word]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph containing body ``offset`` (the next one if it falls between)."""
        for paragraph in self.paragraphs:
            if offset < paragraph.end:
                return paragraph.index
        return len(self.paragraphs) - 1

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


def _parse_header(text: str, source: str) -> tuple[dt.date | None, int, list[str]]:
    """Return (date, offset where the body starts, warnings) for the `` date YYYY-MM-DD `` line.

    A header is the word ``date`` followed by a token containing a digit; anything else on the
    first line is body text (so a paragraph starting "Date palms ..." is not mistaken for one).
    """
    match = _HEADER_RE.match(text)
    if not match:
        return None, 0, ["no ' date YYYY-MM-DD ' header on the first line; the date is unknown"]
    value = match.group(1)
    if not _ISO_DATE_RE.fullmatch(value):
        raise ArticleError(source, f"date {value!r} in the header is not in YYYY-MM-DD form")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise ArticleError(source, f"date {value} in the header does not exist") from None
    return date, match.end(), []


def _reject_if_unusable(text: str, source: str) -> None:
    if "\x00" in text:
        raise ArticleError(source, "binary file (contains NUL bytes), not a text article")
    if not text.strip():
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
    **Headline.** When ``headline`` is set and ``meta`` gives no ``title``, a first paragraph
    (after the optional date header) is taken as the headline if all of these hold: it is a
    single line; it has at most 15 words; it does not open with a double quotation mark (a
    quoted line is speech); it does not end with a full stop, comma, semicolon or colon (closing
    quote marks ignored; a question mark or an ellipsis may end a headline); and at least one
    more paragraph follows. The headline is stored as ``meta["title"]`` (where CSV / JSON Lines
    titles go), its offset into ``source_text`` as ``meta["title_offset"]``, and it is not part
    of ``body`` or ``paragraphs`` (paragraph 0 is the first body paragraph). The seed format (a
    header followed by a full first sentence) never matches, so seed files have no title.

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
    >>> article.meta["title"], article.meta["title_offset"], [p.text for p in article.paragraphs]
    ("Talks 'on track'", 0, ['The talks went on.'])
    """
    _reject_if_unusable(text, source)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    warnings_found: list[str] = []
    header_date, body_start, header_warnings = _parse_header(text, source)
    if isinstance(date, str) and date.strip():
        try:
            date = dt.date.fromisoformat(date.strip()[:10])
        except ValueError:
            raise ArticleError(source, f"date {date!r} does not exist or is not YYYY-MM-DD") from None
    elif isinstance(date, str):
        date = None
    if date is None:
        date = header_date
        if expect_header:
            warnings_found += header_warnings
    spans = _split_paragraphs(text, body_start)
    if not spans:
        raise ArticleError(source, "no text after the date header")
    meta = dict(meta or {})
    if headline and not meta.get("title") and _is_headline(text, spans):
        meta["title"], meta["title_offset"] = text[spans[0][0]:spans[0][1]], spans[0][0]
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
        id=str(id),
        date=date,
        body="\n\n".join(body_parts),
        paragraphs=paragraphs,
        source=str(source),
        source_text=text,
        warnings=warnings_found,
        meta=meta,
    )
    return article


_HEADLINE_MAX_WORDS = 15


def _is_headline(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the first paragraph is a headline (rules in :func:`parse_text`)."""
    if len(spans) < 2:
        return False
    first = text[spans[0][0]:spans[0][1]]
    if "\n" in first or len(first.split()) > _HEADLINE_MAX_WORDS or first[0] in "\"“”„«»":
        return False
    ending = first.rstrip("\"'’”»")
    return ending.endswith(("...", "…")) or not ending.endswith((".", ",", ";", ":"))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    if path.is_dir():
        raise ArticleError(path, "is a folder; use read_corpus for folders")
    if size > max_bytes:
        raise ArticleError(
            path,
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one "
            "article (split it, or raise max_bytes)",
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror})") from None


def _decode(data: bytes, source: str | Path) -> str:
    if not data.strip():
        raise ArticleError(source, "empty file: no text")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(source, "binary file (contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8-sig")
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
        The file is missing, empty, binary, not UTF-8, too large, or its header date does not
        exist. The message is one line naming the file.

    Examples
    --------
    >>> article = read_article("data/articles/000_55b6456ee109d161.txt")  # doctest: +SKIP
    >>> article.date
    datetime.date(2022, 9, 21)
    """
    path = Path(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        article = _read_html(path, max_bytes)
    elif path.suffix.lower() in TABLE_SUFFIXES:
        raise ArticleError(path, "is a table of articles; use read_corpus for CSV / JSON Lines")
    else:
        text = _decode(_read_bytes(path, max_bytes), path)
        article = parse_text(text, id=path.stem, source=str(path), headline=True)
    for message in article.warnings:
        warnings.warn(f"{article.source}: {message}", ArticleWarning, stacklevel=2)
    return article


def _read_html(path: Path, max_bytes: int) -> Article:
    from newslib.html import article_from_html

    return article_from_html(_decode(_read_bytes(path, max_bytes), path), path)


def _table_rows(path: Path, max_bytes: int) -> Iterator[tuple[str, dict[str, Any] | ArticleError]]:
    """Yield (row label, record or error) for each row of a CSV or JSON Lines file."""
    text = _decode(_read_bytes(path, max_bytes * TABLE_SIZE_FACTOR), path)
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            found = ", ".join(reader.fieldnames or []) or "none"
            raise ArticleError(path, f"CSV has no 'text' column (columns found: {found})")
        for number, row in enumerate(reader, start=2):
            yield f"row {number}", row
        return
    seen_any = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen_any = True
        label = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield label, ArticleError(f"{path}:{label}", f"not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or "text" not in record:
            yield label, ArticleError(f"{path}:{label}", "JSON object has no 'text' key")
            continue
        yield label, record
    if not seen_any:
        raise ArticleError(path, "empty file: no rows")


_META_KEYS = ("source", "title", "url", "outlet")


def _read_table(path: Path, max_bytes: int) -> Iterator[Article | ArticleError]:
    for label, record in _table_rows(path, max_bytes):
        if isinstance(record, ArticleError):
            yield record
            continue
        source = f"{path}:{label}"
        text = record.get("text")
        if not isinstance(text, str):
            yield ArticleError(source, "'text' is not a string")
            continue
        article_id = str(record.get("id") or f"{path.stem}-{label.split()[-1]}")
        try:
            article = parse_text(
                text,
                id=article_id,
                source=source,
                date=record.get("date") or None,
                meta={k: v for k, v in record.items()  # every other column: outlet, category...
                      if k not in ("text", "date", "id") and isinstance(v, (str, int, float))
                      and v != ""},
            )
        except ArticleError as error:
            yield error
            continue
        yield article


def _expand(sources: str | Path | Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    if isinstance(sources, (str, Path)):
        sources = [sources]
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                and not p.name.startswith(".")
            )
            if not files:
                suffixes = ", ".join("*" + s for s in ARTICLE_SUFFIXES)
                yield ArticleError(path, f"folder has no articles ({suffixes})")
            yield from files
        elif path.exists():
            yield path
        else:
            yield ArticleError(path, "no such file or folder")


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
        (read in sorted name order, not recursively).
    errors : list, optional
        If given, unusable inputs are appended here as :class:`ArticleError` and skipped;
        otherwise the first one is raised.
    """
    for item in _expand(sources):
        if isinstance(item, ArticleError):
            if errors is None:
                raise item
            errors.append(item)
            continue
        try:
            if item.suffix.lower() in TABLE_SUFFIXES:
                produced = list(_read_table(item, max_bytes))
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ArticleWarning)
                    produced = [read_article(item, max_bytes=max_bytes)]
        except ArticleError as error:
            produced = [error]
        for result in produced:
            if isinstance(result, ArticleError):
                if errors is None:
                    raise result
                errors.append(result)
            else:
                yield result


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
