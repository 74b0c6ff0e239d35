"""Saved HTML pages of articles, through trafilatura's main-text extractor.

trafilatura parses the page with lxml and never runs its scripts; navigation, footers and
comments are dropped. Each text block it keeps becomes one paragraph. The date comes from the
page's metadata (htmldate), so it is a best guess: a warning says so.

Before extraction the page is decoded with its declared character set (byte-order mark, then
``<meta charset>`` / ``http-equiv`` / XML declaration, else UTF-8), and a DOCTYPE's internal
subset (entity declarations) is removed, since the extractor would leak its ``]>`` as text.
Pages nested too deeply for lxml (thousands of ``<div>``) are retried without their layout
containers, then read paragraph by paragraph with the standard library's parser.

The extracted text, title, site name and author are put in Unicode NFC like every input (see
:mod:`newslib.articles`); ``Article.original_text`` is the extracted text before that, since
the extractor's output, not the page's markup, is what offsets can point into.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from newslib.articles import Article, ArticleError, parse_text

#: Where a page declares its encoding; only the first bytes are searched, as browsers do.
_CHARSET_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_DOCTYPE_SUBSET_RE = re.compile(
    r"""<!DOCTYPE\b[^\[>]*\[(?:"[^"]*"|'[^']*'|[^\]"'])*\]\s*>""", re.IGNORECASE)
_LAYOUT_TAG_RE = re.compile(r"</?(?:div|span|section|font|center|main)\b[^>]*>", re.IGNORECASE)
#: HTML's "latin-1" is windows-1252 (WHATWG Encoding Standard).
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}


def decode_html(data: bytes, source: str | Path) -> str:
    """Decode a saved page: BOM, else the declared charset, else UTF-8.

    Raises
    ------
    ArticleError
        Empty or binary data, an unknown declared charset, or bytes invalid in it.
    """
    if not data.strip():
        raise ArticleError(source, "empty file: no text")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            declared = encoding
            break
    else:
        if b"\x00" in data[:8192]:
            raise ArticleError(source, "binary file (contains NUL bytes), not a text article")
        match = _CHARSET_RE.search(data[:4096])
        declared = (match.group(1) or match.group(2)).decode("ascii").lower() if match else None
        declared = _CHARSET_ALIASES.get(declared, declared)
    encoding = declared or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ArticleError(source, f"declares an unknown character set {declared!r}") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = "UTF-8" if encoding.startswith("utf-8") else encoding
        raise ArticleError(
            source, f"not valid {name} (byte 0x{data[error.start]:02x} at offset {error.start}); "
                    + ("declare the page's charset or re-save it as UTF-8" if not declared
                       else "the page's declared charset does not match its bytes")) from None


class _Paragraphs(HTMLParser):
    """Text of <p>, <h1>-<h6> and <li> elements, outside scripts, styles and page furniture.
    The standard library's parser keeps no tree, so nesting depth does not matter."""

    _BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
    _SKIP = {"script", "style", "nav", "footer", "header", "aside", "form", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] | None = None
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS and not self._skipping:
            self._flush()
            self._current = []

    def handle_endtag(self, tag) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data) -> None:
        if self._current is not None and not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        if self._current is not None:
            text = " ".join("".join(self._current).split())
            if text:
                self.blocks.append(text)
        self._current = None


def _plain_paragraphs(html: str) -> str:
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n".join(parser.blocks)

def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


#: Fewer extracted words than this get a warning: a menu or a cookie notice, not an article.
MIN_ARTICLE_WORDS = 30


def article_from_html(html: str, source: str | Path) -> Article:
    """Extract the article text of one HTML page and parse it.

    Raises
    ------
    ArticleError
        When the page has no extractable article text.
    """
    import trafilatura

    source = Path(source)
    html = _DOCTYPE_SUBSET_RE.sub("<!DOCTYPE html>", html, count=1)
    fields: dict = {}
    text = ""
    failure = None
    for page in (html, None):
        if page is None:  # too deeply nested for lxml: drop layout containers and retry
            page = _LAYOUT_TAG_RE.sub(" ", html)
        try:
            document = trafilatura.bare_extraction(
                page, with_metadata=True, include_comments=False, include_tables=False
            )
        except Exception as error:  # trafilatura raises many kinds on malformed markup
            failure = error
            continue
        fields = document.as_dict() if document is not None else fields
        text = (fields.get("text") or "").strip() if document is not None else ""
        if text:
            break
    if not text:
        try:
            text = _plain_paragraphs(html)
        except Exception:  # noqa: BLE001  (the error below names the page)
            text = ""
    if not text:
        if failure is not None:
            raise ArticleError(source, f"HTML could not be parsed ({type(failure).__name__})")
        raise ArticleError(source, "no article text found in this HTML page")
    title = (fields.get("title") or "").strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and _nfc(lines[0]) == _nfc(title):
        lines = lines[1:]
    if not lines:
        raise ArticleError(source, "HTML page has a title but no article text")
    article = parse_text(
        "\n\n".join(lines),
        id=source.stem,
        source=str(source),
        date=fields.get("date") or None,
        meta={k: fields[k] for k in ("title", "url", "sitename", "author") if fields.get(k)},
        expect_header=False,
    )
    if len(article.body.split()) < MIN_ARTICLE_WORDS:
        article.warnings.append(
            f"only {len(article.body.split())} words extracted; the page may not be an article")
    if article.date is None:
        article.warnings.append("no publication date found in the page's metadata")
    else:
        article.warnings.append("date taken from the page's metadata (a best guess)")
    return article
