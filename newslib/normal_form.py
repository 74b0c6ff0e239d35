"""Normalising an input's text, with a map back to the characters it came from.

(This is the text's normal form, for reading; :func:`newslib.usage.normalise` is something
else: how words are folded for counting.)

Every article's text is put in one form before anything is counted (:func:`normalise_text`):

- a leading byte-order mark is removed;
- Windows (``\\r\\n``) and old Mac (``\\r``) line ends become ``\\n``;
- Unicode is put in NFC (canonical composition, `UAX #15
  <https://unicode.org/reports/tr15/>`_): a letter typed as a base letter followed by a
  combining accent (``e`` + U+0301, as macOS file names and some editors and PDF exports
  write it, "NFD") becomes the single precomposed character (``é``), so "José Núñez" is one
  name and one word whichever way it was typed. NFC changes no character's meaning
  (compatibility forms such as ligatures and full-width letters are left alone: that would be
  NFKC).

When that changes something, :class:`OffsetMap` says where each stretch of the normalised
text came from in the original, so an offset found in the article (a sentence, a token, a
quotation) can be traced back to the characters of the file. When nothing changes (the
common case: UTF-8 text in NFC with ``\\n`` line ends) no map is made and nothing is copied.

Time is linear in the text: the text is scanned once by a regular expression for carriage
returns and runs of non-ASCII characters; only a run that is not already in NFC is split
into pieces (a starter character and the combining marks after it) and each piece normalised.
One departure from strict NFC keeps that promise: a sequence of more than 30 combining marks
in a row (Unicode's stream-safe limit; only "Zalgo" text has them), which Python would sort in
quadratic time, is put in order 30 marks at a time (:attr:`OffsetMap.long_mark_runs` counts
them and the article gets a warning).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from functools import lru_cache

__all__ = ["STREAM_SAFE_MARKS", "OffsetMap", "normalise_text"]

#: What may need changing: a line end with a carriage return, or a run of non-ASCII
#: characters (ASCII is already NFC and never combines with what precedes it).
_CHANGE_RE = re.compile(r"\r\n?|[^\x00-\x7f]+")


class OffsetMap:
    """Offsets in a normalised text -> offsets in the original text it came from.

    The normalised text is a sequence of stretches copied unchanged from the original and of
    changed pieces: a removed byte-order mark (empty in the normalised text), a ``\\r\\n``
    made ``\\n``, a letter and its combining accents composed into one character. Inside an
    unchanged stretch offsets shift by a constant; a changed piece maps as a whole.

    Attributes
    ----------
    original : str
        The text before normalisation, exactly as given.
    changes : list of (int, int, int, int)
        Each changed piece as ``(start, end, original_start, original_end)``:
        ``normalised[start:end]`` came from ``original[original_start:original_end]``. In
        order; everything between two pieces is copied unchanged.
    long_mark_runs : int
        Sequences of more than :data:`STREAM_SAFE_MARKS` combining marks in a row, put in
        order that many at a time (so there the text may differ from strict NFC).

    Examples
    --------
    >>> text, offsets = normalise_text("Jose\\u0301 said.\\r\\n")
    >>> text, offsets.changes
    ('José said.\\n', [(3, 4, 3, 5), (10, 11, 11, 13)])
    >>> offsets.original_span(0, 4)          # "José" is 5 characters in the original
    (0, 5)
    """

    __slots__ = ("original", "long_mark_runs", "_starts", "_ends", "_original_starts",
                 "_original_ends")

    def __init__(self, original: str, changes: list[tuple[int, int, int, int]]) -> None:
        self.original = original
        self.long_mark_runs = 0
        self._starts = array("q", (c[0] for c in changes))
        self._ends = array("q", (c[1] for c in changes))
        self._original_starts = array("q", (c[2] for c in changes))
        self._original_ends = array("q", (c[3] for c in changes))

    @property
    def changes(self) -> list[tuple[int, int, int, int]]:
        """The changed pieces (see the class's attributes), as a new list."""
        return list(zip(self._starts, self._ends, self._original_starts, self._original_ends,
                        strict=True))

    def __getstate__(self):  # __slots__ without __dict__: pickled for worker processes
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            setattr(self, name, value)

    def to_original(self, offset: int, *, end: bool = False) -> int:
        """The original offset of normalised ``offset``.

        An offset strictly inside a changed piece (between a composed letter's parts cannot
        happen, but inside a reordered run of accents can) goes to the piece's original start,
        or with ``end=True`` to its original end, so a span never loses part of a character.
        """
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        start, stop = self._starts[index], self._ends[index]
        if offset >= stop:
            return self._original_ends[index] + (offset - stop)
        if offset == start or not end:
            return self._original_starts[index]
        return self._original_ends[index]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """``(original_start, original_end)`` of the normalised span ``[start, end)``: the
        original characters it came from (a piece it cuts into counts whole)."""
        return self.to_original(start), self.to_original(end, end=True)

    def __repr__(self) -> str:
        return f"OffsetMap({len(self._starts)} changed piece(s) in {len(self.original):,} chars)"


@lru_cache(maxsize=4096)
def _is_boundary(char: str) -> bool:
    """True when NFC never joins ``char`` to what precedes it by reordering: it is a starter
    (canonical combining class 0) whose decomposition also starts with a starter. (A starter
    may still *compose* with the character before it, as Hangul vowel jamo do: checked
    separately.)"""
    return (unicodedata.combining(char) == 0
            and unicodedata.combining(unicodedata.normalize("NFD", char)[0]) == 0)


def _composes(before: str, after: str) -> bool:
    """Whether NFC joins the last character of ``before`` and the first of ``after``."""
    pair = before[-1] + after[0]
    return unicodedata.normalize("NFC", pair) != pair


#: Unicode's stream-safe limit (UAX #15, section 13): no real text has more combining marks
#: in a row. Python's NFC sorts a sequence of marks in time quadratic in its length, so a
#: longer sequence ("Zalgo" text) is put in order 30 marks at a time.
STREAM_SAFE_MARKS = 30
#: Pieces joined because a starter composes with the one before (Hangul L + V + T jamo) are
#: a few characters; the cap keeps a hostile input linear all the same.
_MAX_PIECE = 4 * STREAM_SAFE_MARKS


def _pieces(run: str) -> tuple[list[tuple[int, int, str]], int]:
    """``(start, end, normalised)`` pieces of ``run`` that normalise independently, in order
    (their concatenation is ``NFC(run)``), and how many sequences of more than
    :data:`STREAM_SAFE_MARKS` combining marks were cut."""
    bounds = [0]
    cut_at = set()
    marks = sequences = 0
    for index in range(1, len(run)):
        if _is_boundary(run[index]):
            bounds.append(index)
            marks = 0
        else:
            marks += 1
            if marks > STREAM_SAFE_MARKS:
                sequences += index - STREAM_SAFE_MARKS not in cut_at  # its first cut
                bounds.append(index)
                cut_at.add(index)
                marks = 1
    bounds.append(len(run))
    pieces: list[tuple[int, int, str]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        normal = unicodedata.normalize("NFC", run[start:end])
        if start not in cut_at:
            while (pieces and end - pieces[-1][0] <= _MAX_PIECE
                   and _composes(pieces[-1][2], normal)):  # L + V jamo and the like
                start = pieces.pop()[0]
                normal = unicodedata.normalize("NFC", run[start:end])
        pieces.append((start, end, normal))
    return pieces, sequences


def _trimmed(original: str, normal: str) -> tuple[int, int]:
    """How many leading and trailing characters a piece keeps unchanged (``q`` of ``q`` and
    two reordered accents), so offsets there stay exact; only when the rest still normalises
    to the rest."""
    head = 0
    limit = min(len(original), len(normal))
    while head < limit and original[head] == normal[head]:
        head += 1
    tail = 0
    while tail < limit - head and original[-1 - tail] == normal[-1 - tail]:
        tail += 1
    middle = original[head:len(original) - tail]
    if unicodedata.normalize("NFC", middle) != normal[head:len(normal) - tail]:
        return 0, 0
    return head, tail


def normalise_text(text: str) -> tuple[str, OffsetMap | None]:
    """``text`` without a leading BOM, with ``\\n`` line ends, in Unicode NFC; and the map
    back to ``text``, or None when nothing changed (then the same string is returned).

    Examples
    --------
    >>> normalise_text("plain text\\n")
    ('plain text\\n', None)
    >>> text, offsets = normalise_text("\\ufeffNu\\u0301n\\u0303ez\\r\\n")
    >>> text, offsets.original_span(0, 5)
    ('Núñez\\n', (1, 8))
    >>> offsets.original[1:8] == "Nu\\u0301n\\u0303ez"
    True
    """
    lead = len(text) - len(text.lstrip("\ufeff"))
    if not lead and "\r" not in text and unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    changes: list[tuple[int, int, int, int]] = []
    length = 0  # of the normalised text so far
    copied = lead  # the original is consumed up to here
    long_mark_runs = 0
    if lead:
        changes.append((0, 0, 0, lead))

    def copy_to(position: int) -> None:
        nonlocal length, copied
        if position > copied:
            parts.append(text[copied:position])
            length += position - copied
        copied = position

    def change(original_start: int, original_end: int, normal: str) -> None:
        nonlocal length, copied
        parts.append(normal)
        changes.append((length, length + len(normal), original_start, original_end))
        length += len(normal)
        copied = original_end

    for match in _CHANGE_RE.finditer(text, lead):
        start, end = match.span()
        if text[start] == "\r":
            copy_to(start)
            change(start, end, "\n")
            continue
        if start > copied:  # the ASCII letter before the run may take its accents
            start -= 1
        run = text[start:end]
        if len(run) <= STREAM_SAFE_MARKS:  # short (most runs): normalised whole, quickly
            normal_run = unicodedata.normalize("NFC", run)
            if normal_run == run:
                continue  # copied with what follows
            if len(normal_run) == 1:  # a letter and its accents became one character
                copy_to(start)
                change(start, end, normal_run)
                continue
            pieces, _ = _pieces(run)
        elif unicodedata.is_normalized("NFC", run):  # linear, unlike normalize() here
            continue
        else:
            pieces, sequences = _pieces(run)
            long_mark_runs += sequences
        copy_to(start)
        for piece_start, piece_end, normal in pieces:
            original = run[piece_start:piece_end]
            if original == normal:
                copy_to(start + piece_end)
                continue
            head, tail = _trimmed(original, normal)
            copy_to(start + piece_start + head)
            change(start + piece_start + head, start + piece_end - tail,
                   normal[head:len(normal) - tail])
            copy_to(start + piece_end)
    copy_to(len(text))
    offsets = OffsetMap(text, changes)
    offsets.long_mark_runs = long_mark_runs
    return "".join(parts), offsets
