"""Finding quotation marks: which stretches of an article are quoted.

Straight (``"``, ``'``) and curly (“ ” ‘ ’) marks, and mixtures of them, are read with a
stack, so quotes can nest (British ‘...“...”...’ or US "...'...'..."). A straight mark opens
or closes by its context (space before and a letter after opens); ``’`` between letters is an
apostrophe (``Putin’s``), and a plural possessive inside a single-quoted passage
(``the rebels’ leaders``) is recognised when a later ``’`` closes the quote.

News style continues a quotation over several paragraphs by leaving each paragraph's quote
open and re-opening the next paragraph with a quote mark; such a quotation is one row with one
span per paragraph. A quote still open at the end of a paragraph not followed by a re-opening
mark is taken to end with its paragraph, flagged ``closed=False``, and a warning names it, so
the following paragraphs are never swallowed.

:class:`QuotedSpans` answers "which quotation contains this offset" for every other module.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

__all__ = ["Quotation", "QuotedSpans", "find_quotations", "find_quotations_in_text"]

_OPENERS_DOUBLE = "“„«"
_CLOSERS_DOUBLE = "”»"
_SINGLE_OPENERS = "‘‚"
_QUOTE_MARKS = "\"“”„«»'‘’‚"
_AFTER_CLOSER = ".,;:!?)]}—–-…"
_BEFORE_OPENER = "([{—–-/"


@dataclass
class Quotation:
    """A quotation found in an article body.

    ``spans`` holds one (start, end) per paragraph it covers: offsets into the body of the
    quoted words without their marks. ``text`` is the spans' texts joined by a blank line.
    """

    spans: list[tuple[int, int]]
    paragraphs: list[int]
    depth: int
    style: str
    closed: bool
    speaker: str | None = None
    speaker_as_written: str | None = None
    speaker_kind: str | None = None
    cue: str | None = None
    cue_lemma: str | None = None
    cue_stance: str | None = None
    kind: str = "partial"
    in_headline: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass
class _Open:
    style: str
    start: int
    paragraph: int
    depth: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _context(text: str, i: int) -> tuple[bool, bool]:
    """(looks like an opening mark, looks like a closing mark) for the mark at ``text[i]``."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opener = (prev.isspace() or prev in _BEFORE_OPENER or prev in _QUOTE_MARKS) and not (
        nxt.isspace()
    )
    closer = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSER or nxt in _QUOTE_MARKS)
    return opener, closer


def _possessive_inside_single(text: str, i: int) -> bool:
    """``’``/``'`` after an s, followed by a lower-case word, with a later closing mark."""
    if i == 0 or text[i - 1] not in "sS":
        return False
    if not re.match(r"\s+[a-z]", text[i + 1:]):
        return False
    for j in range(i + 1, len(text)):
        if text[j] in "’'" and _context(text, j)[1]:
            return True
    return False


def _classify(text: str, i: int, open_styles: list[str]) -> tuple[str, str] | None:
    """('open'|'close'|'stray', style) for a quote mark, or None for an apostrophe."""
    c = text[i]
    opener, closer = _context(text, i)
    if c in _OPENERS_DOUBLE:
        return "open", "double"
    if c in _CLOSERS_DOUBLE:
        if "double" in open_styles:
            return "close", "double"
        return ("open", "double") if opener and not closer else ("stray", "double")
    if c == '"':
        if "double" in open_styles:
            if opener and not closer:
                return "open", "double"  # the earlier quote was never closed
            return "close", "double"
        return ("open", "double") if opener or not closer else ("stray", "double")
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if c in _SINGLE_OPENERS:
        return None if nxt.isdigit() else ("open", "single")
    # ’ or ': apostrophe between letters (it’s), otherwise a single quote by context.
    if prev.isalnum() and nxt.isalnum():
        return None
    if "single" in open_styles and closer:
        return None if _possessive_inside_single(text, i) else ("close", "single")
    if opener and nxt.isalpha() and not closer and c == "'":
        return "open", "single"
    if opener and nxt.isalpha() and c == "’" and prev in "“\"":
        return "open", "single"
    return None


def _reopens(paragraph_text: str, style: str) -> bool:
    if not paragraph_text:
        return False
    first = paragraph_text[0]
    if style == "double":
        return first in _OPENERS_DOUBLE or first == '"'
    return first in _SINGLE_OPENERS or first == "'"


class QuotedSpans:
    """Which quotation contains an offset: the one lookup every module uses.

    Built from quotations (their ``spans``); a span is widened by one character each side so
    that the quotation's own marks count as inside it. ``containing`` is O(log n).
    """

    def __init__(self, quotations: list[Quotation]) -> None:
        spans = sorted((s - 1, e + 1, i) for i, q in enumerate(quotations) for s, e in q.spans)
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def containing(self, offset: int) -> int | None:
        """Index (in the list given) of the quotation whose span or marks hold ``offset``."""
        position = bisect.bisect_right(self._starts, offset) - 1
        for start, end, index in self._spans[max(0, position - 1):position + 1]:
            if start <= offset < end:
                return index
        return None

    def __contains__(self, offset: int) -> bool:
        return self.containing(offset) is not None


@dataclass
class _Paragraph:
    start: int
    end: int
    text: str


def find_quotations_in_text(text: str) -> tuple[list[Quotation], list[str]]:
    """Quotations of a single-paragraph text (a headline); offsets into ``text``."""
    return _find(text, [_Paragraph(0, len(text), text)])


def find_quotations(article) -> tuple[list[Quotation], list[str]]:
    """All quotations of an article (nested ones included, ``depth`` > 0) and warnings."""
    return _find(article.body, article.paragraphs)


def _find(body: str, paragraphs) -> tuple[list[Quotation], list[str]]:
    found: list[Quotation] = []
    problems: list[str] = []
    stack: list[_Open] = []

    def emit(entry: _Open, end: int, closed: bool) -> None:
        spans = entry.spans + [_trim(body, entry.start, end)]
        paragraphs = entry.paragraphs + [entry.paragraph]
        kept = [(s, p) for s, p in zip(spans, paragraphs, strict=True) if s[1] > s[0]]
        if not kept:
            return
        found.append(
            Quotation(
                spans=[s for s, _ in kept],
                paragraphs=[p for _, p in kept],
                depth=entry.depth,
                style=entry.style,
                closed=closed,
            )
        )

    def unclosed_warning(entry: _Open, where: str) -> None:
        snippet = body[entry.start:entry.start + 40].split("\n")[0]
        problems.append(
            f"paragraph {entry.paragraph + 1}: quotation opened at offset {entry.start - 1} "
            f"(“{snippet}…”) is never closed; taken to end {where}"
        )

    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        skip_first = False
        if stack:  # a quotation continues from the previous paragraph
            skip_first = True
            stack[0].start = paragraph.start + 1
            stack[0].paragraph = index
        # Curly closing marks still to come in this paragraph (for nesting same-style quotes).
        closers_after = [0] * (len(text) + 1)
        for i in range(len(text) - 1, -1, -1):
            closers_after[i] = closers_after[i + 1] + (text[i] in _CLOSERS_DOUBLE)
        for i, char in enumerate(text):
            if char not in _QUOTE_MARKS or (skip_first and i == 0):
                continue
            result = _classify(text, i, [entry.style for entry in stack])
            if result is None:
                continue
            action, style = result
            offset = paragraph.start + i
            if action == "open":
                open_same = sum(entry.style == style for entry in stack)
                # A curly opener inside a curly quote nests when enough closers follow to
                # close both (`“how “are” you?”`); otherwise the outer one was left open.
                nests = char in _OPENERS_DOUBLE and closers_after[i] > open_same
                if stack and stack[-1].style == style and not nests:
                    previous = stack.pop()
                    unclosed_warning(previous, "before the next opening mark")
                    emit(previous, offset, closed=False)
                stack.append(_Open(style, offset + 1, index, len(stack)))
            elif action == "close":
                while stack:
                    entry = stack.pop()
                    if entry.style == style:
                        emit(entry, offset, closed=True)
                        break
                    unclosed_warning(entry, "where an outer quotation closes")
                    emit(entry, offset, closed=False)
            else:
                problems.append(
                    f"paragraph {index + 1}: closing quotation mark at offset {offset} "
                    "has no opening mark"
                )
        if stack:
            following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
            outer = stack[0]
            for entry in reversed(stack[1:]):
                unclosed_warning(entry, "with its paragraph")
                emit(entry, paragraph.end, closed=False)
            del stack[1:]
            if _reopens(following, outer.style):
                outer.spans.append(_trim(body, outer.start, paragraph.end))
                outer.paragraphs.append(index)
            else:
                stack.pop()
                unclosed_warning(outer, "with its paragraph")
                emit(outer, paragraph.end, closed=False)
    found.sort(key=lambda q: (q.start, q.depth))
    return found, problems


