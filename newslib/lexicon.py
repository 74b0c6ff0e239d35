"""Loading the word lists in ``newslib/lexicons/``.

Each list is a UTF-8 text file whose ``#`` header says what it is, how it was built, its size
and license; the other lines are tab-separated fields.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["lexicon_header", "lexicon_rows", "lexicon_words"]


def _lines(name: str) -> list[str]:
    return resources.files("newslib").joinpath("lexicons", name).read_text("utf-8").splitlines()


@cache
def lexicon_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of lexicon ``name`` (comment and blank lines skipped)."""
    return tuple(
        tuple(line.split("\t")) for line in _lines(name) if line.strip() and not line.startswith("#")
    )


@cache
def lexicon_words(name: str) -> frozenset[str]:
    """The first field of every row, lower-cased."""
    return frozenset(row[0].lower() for row in lexicon_rows(name))


def lexicon_header(name: str) -> str:
    """The ``#`` header of lexicon ``name``: provenance, size and license."""
    return "\n".join(line[2:] for line in _lines(name) if line.startswith("#"))
