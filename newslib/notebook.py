"""Helpers shared by the notebooks: loading the data the same way in each, and writing a
sentence of interpretation that quotes the numbers it is about.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import pandas as pd

from newslib.articles import Article, Corpus, read_corpus

__all__ = ["load", "say", "setup_display"]


def setup_display() -> None:
    """Readable tables and figures in notebooks and their HTML exports."""
    pd.set_option("display.max_colwidth", 90)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.precision", 3)
    mpl.rcParams.update({"figure.dpi": 110, "axes.titlesize": "medium",
                         "axes.titleweight": "bold", "savefig.bbox": "tight",
                         "svg.hashsalt": "newslib"})


def load(data_dir: str | Path, focus_id: str | None = None) -> tuple[Corpus, Article]:
    """Read every article in ``data_dir`` and pick the focus article.

    The focus is ``focus_id`` if given, otherwise the first article in name order. Unusable
    files are listed (not silently dropped) and the rest are used.

    Raises
    ------
    ValueError
        When no article can be read or ``focus_id`` is not among them.
    """
    corpus = read_corpus(data_dir, on_error="collect")
    for error in corpus.errors:
        print(f"skipped: {error}")
    if not corpus:
        raise ValueError(f"{data_dir}: no readable articles")
    if focus_id is None:
        return corpus, corpus[0]
    for article in corpus:
        if article.id == focus_id:
            return corpus, article
    raise ValueError(f"no article with id {focus_id!r} in {data_dir}")


def say(text: str):
    """Show a line of interpretation as Markdown (numbers filled in by the caller)."""
    from IPython.display import Markdown

    return Markdown(text)
