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


@cache
def term_index(name: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Lexicon ``name`` as {tuple of lower-cased words: categories} for :func:`match_terms`."""
    index: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in lexicon_rows(name):
        key = tuple(row[0].lower().split())
        index[key] = index.get(key, ()) + tuple(row[1:2])
    return index


def match_terms(words: list[str], name: str) -> list[tuple[int, int, str, str]]:
    """(first word, end word, term, category) for every lexicon entry found in ``words``.

    ``words`` are lower-cased tokens; longer entries win where entries overlap ("badly led"
    over "badly"). A term in several categories yields one match per category.

    Examples
    --------
    >>> match_terms(["troops", "were", "badly", "led"], "loaded_terms.tsv")
    [(2, 4, 'badly led', 'failure')]
    """
    index = term_index(name)
    longest = max((len(k) for k in index), default=1)
    found = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            key = tuple(words[i:i + size])
            if key in index:
                found.extend((i, i + size, " ".join(key), category) for category in index[key])
                i += size
                break
        else:
            i += 1
    return found
