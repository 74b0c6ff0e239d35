"""Saved HTML pages of articles, through trafilatura's main-text extractor.

trafilatura parses the page with lxml and never runs its scripts; navigation, footers and
comments are dropped. Each text block it keeps becomes one paragraph. The date comes from the
page's metadata (htmldate), so it is a best guess: a warning says so.
"""

from __future__ import annotations

from pathlib import Path

from newslib.articles import Article, ArticleError, parse_text

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
    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as error:  # trafilatura raises many kinds on malformed markup
        raise ArticleError(source, f"HTML could not be parsed ({type(error).__name__})") from None
    fields = document.as_dict() if document is not None else {}
    text = (fields.get("text") or "").strip()
    if not text:
        raise ArticleError(source, "no article text found in this HTML page")
    title = (fields.get("title") or "").strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title:
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
