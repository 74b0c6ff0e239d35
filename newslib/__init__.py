"""newslib: word usage, rhetoric and tone in news articles.

The library parses articles into paragraphs, sentences, tokens and quotations (all with
character offsets into the article body) and computes tidy tables of features; the notebooks
in ``notebooks/`` tell the story with them.
"""

from newslib.articles import (
    Article,
    ArticleError,
    ArticleWarning,
    Corpus,
    iter_articles,
    parse_text,
    read_article,
    read_corpus,
)
from newslib.quotes import quotes

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleError",
    "ArticleWarning",
    "Corpus",
    "__version__",
    "iter_articles",
    "parse_text",
    "quotes",
    "read_article",
    "read_corpus",
]
