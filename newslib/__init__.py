"""newslib: word usage, rhetoric and tone in news articles.

The library parses articles into paragraphs, sentences, tokens and quotations (all with
character offsets into the article body) and computes tidy tables of features; the notebooks
in ``notebooks/`` tell the story with them.

Importing ``newslib`` is quick: modules are loaded when first used (``newslib.read_article``,
``newslib.quotes``, ``from newslib import tone``), so a command that only parses articles
does not pay for pandas, scikit-learn or NLTK.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

__version__ = "0.1.0"

#: Public names -> the module that defines them (imported on first use).
_EXPORTS = {
    "Article": "newslib.articles",
    "ArticleError": "newslib.articles",
    "ArticleWarning": "newslib.articles",
    "Corpus": "newslib.articles",
    "iter_articles": "newslib.articles",
    "parse_text": "newslib.articles",
    "read_article": "newslib.articles",
    "read_corpus": "newslib.articles",
    "quotes": "newslib.quotes",
}

_SUBMODULES = frozenset([
    "actor_tone", "annotate", "articles", "cache", "cli", "compare", "corpus", "evaluate",
    "features", "html", "lexicon", "normal_form", "notebook", "parameters", "plots", "quotes",
    "report", "rhetoric", "scorers", "segment", "tone", "usage", "validation",
])

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


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | _SUBMODULES)


class _Package(types.ModuleType):
    """``newslib.quotes`` stays the function :func:`newslib.quotes.quotes` (as it always was),
    even after the submodule of the same name is imported (which would rebind the name)."""

    def __setattr__(self, name: str, value) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def _defer_textblob_package() -> None:
    """Let ``textblob.en`` (Pattern's tagger, sentiment lexicon and spelling model: all newslib
    uses) load without ``textblob/__init__.py``, which imports TextBlob's NLTK-based classes
    and, through NLTK, SciPy: about a second of start-up.

    The package module is registered unexecuted, with its ``__path__`` so its submodules
    import; on first access to anything else (``textblob.TextBlob``, ``from textblob import
    Word``), the real ``__init__`` runs in it. So every use of TextBlob works as before; only
    its cost moves to the first use. Nothing is done if textblob is already imported.
    """
    if "textblob" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("textblob")
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        return
    package = importlib.util.module_from_spec(spec)

    def complete(name: str):
        if not name.startswith("__") and importlib.util.find_spec(f"textblob.{name}"):
            return importlib.import_module(f"textblob.{name}")  # a submodule: no need for all
        del package.__dict__["__getattr__"]
        spec.loader.exec_module(package)
        return getattr(package, name)

    package.__getattr__ = complete
    sys.modules["textblob"] = package


_defer_textblob_package()
