"""Quotations and who said them.

Finding quotations
------------------
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

Attributing speakers
--------------------
For each quotation the reporting verb (``cue``) is sought in its sentence, outside quotes,
in this order: a verb that introduces the quote with a colon (``He told his audience: "..."``);
``"...," X said`` / ``"...," said X`` right after it; the nearest verb before it
(``Mr Wallace said Russian troops were "..."``); any verb after it. A paragraph that is wholly
a quotation with no verb continues the previous speaker's quotation (news convention).

The speaker is the noun phrase before the verb (or after it, when the verb follows the quote
directly: ``"...," said Mr Wallace``), then resolved against the people the article names:

- names: ``Mr Wallace`` → the full name first given, ``Ben Wallace``;
- pronouns (he, she): the most recent person mentioned outside quotes whose gender, where a
  title shows it (Mr, Mrs...), matches;
- definite descriptions (``the defence secretary``, ``the Russian leader``): the person whose
  role matches (taken from titles such as ``President Putin``, from role words before a name
  such as ``foreign office minister Gillian Keegan``, or from an earlier resolution); failing
  that, the nearest person named in the same or the next paragraph who has no other role (the
  news lede habit: "..., the UK's defence secretary has said. / Ben Wallace was responding...");
- indefinite descriptions (``A Downing Street spokesperson``) stay as written.

These are heuristics: the ``speaker_as_written`` column always shows the words they started from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from newslib.lexicon import lexicon_rows
from newslib.segment import tokenize, tokens_by_sentence

__all__ = ["Quotation", "find_quotations", "quotes", "QUOTE_COLUMNS"]

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


def find_quotations(article) -> tuple[list[Quotation], list[str]]:
    """All quotations of an article (nested ones included, ``depth`` > 0) and warnings."""
    body = article.body
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

    paragraphs = article.paragraphs
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        skip_first = False
        if stack:  # a quotation continues from the previous paragraph
            skip_first = True
            stack[0].start = paragraph.start + 1
            stack[0].paragraph = index
        for i, char in enumerate(text):
            if char not in _QUOTE_MARKS or (skip_first and i == 0):
                continue
            result = _classify(text, i, [entry.style for entry in stack])
            if result is None:
                continue
            action, style = result
            offset = paragraph.start + i
            if action == "open":
                if stack and stack[-1].style == style:
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


# --------------------------------------------------------------------------------------------
# Attribution
# --------------------------------------------------------------------------------------------

@cache
def _reporting_verbs() -> dict[str, tuple[str, str]]:
    verbs = {}
    for lemma, stance, forms, *_ in lexicon_rows("reporting_verbs.tsv"):
        for form in forms.split(","):
            verbs[form] = (lemma, stance)
    return verbs


@cache
def _titles() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1] if len(row) > 1 else "", row[2] if len(row) > 2 else "")
            for row in lexicon_rows("titles.tsv")}


@cache
def _role_nouns() -> dict[str, str]:
    return {row[0]: row[1] for row in lexicon_rows("role_nouns.tsv")}


_AUXILIARIES = frozenset(
    """has have had was is were are be been would will could also later then previously
    earlier recently repeatedly once again has't hasn't had't hadn't not n't""".split()
)
_PRONOUNS = {"he": "m", "she": "f", "they": "", "it": "", "we": "", "i": ""}
_NP_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS CD POS PRP$".split())
_DETERMINERS = frozenset("the a an this that one another some".split())
_INDEFINITE = frozenset("a an one another some".split())
_FUNCTION_WORDS = frozenset(
    """the a an in on at for of to and but or so it its he she they we i you his her their our
    this that these those there as if when while after before since by with from into than
    then also however meanwhile yet not no""".split()
)


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@dataclass
class _Person:
    name: str
    surname: str
    gender: str = ""
    title: str = ""
    roles: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # body offsets, narration and quotes

    @property
    def display(self) -> str:
        """The full name once given; otherwise the titled surname ("Mr Wallace")."""
        if len(self.name.split()) > 1 or not self.title:
            return self.name
        return f"{self.title} {self.name}"


class _Registry:
    """The people an article names, their roles and where they are mentioned."""

    def __init__(self, article, quoted: list[tuple[int, int]]) -> None:
        self.article = article
        self.titles = _titles()
        self.role_nouns = _role_nouns()
        self.people: dict[str, _Person] = {}
        self.salience: list[tuple[int, _Person]] = []  # narration mentions and speakers
        self._quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        self._token_starts = [t.start for t in article.tokens]
        self._scan()

    def in_quote(self, offset: int) -> bool:
        position = bisect.bisect_right(self._quoted_starts, offset) - 1
        return any(s <= offset < e for s, e in self._quoted[max(0, position - 1):position + 1])

    def _runs(self):
        """Capitalised word runs within each sentence: lists of tokens."""
        run: list = []
        previous = None
        for token in self.article.tokens:
            word = token.text
            joins = (
                token.is_word
                and _is_capitalised(word)
                and (previous is None or (previous.sentence == token.sentence
                                          and previous.end + 1 >= token.start))
            )
            if joins and run and not run[-1].text.endswith(("'s", "’s")):
                run.append(token)
            else:
                if run:
                    yield run
                run = [token] if token.is_word and _is_capitalised(word) else []
            previous = token
        if run:
            yield run

    def _split_run(self, run):
        """(title tokens, role tokens, name tokens) of a capitalised run."""
        while run and run[0].text.lower() in _FUNCTION_WORDS:
            run = run[1:]
        titles = []
        while run and run[0].text.rstrip(".") in self.titles:
            titles.append(run[0])
            run = run[1:]
        roles = []
        role_end = max(
            (i for i, t in enumerate(run) if t.text.lower() in self.role_nouns), default=-1
        )
        if role_end >= 0 and role_end < len(run) - 1:
            roles, run = run[:role_end + 1], run[role_end + 1:]
        return titles, roles, run

    def _premodifier_role(self, first_token) -> str | None:
        """Lower-case role words right before a name: 'foreign office minister Gillian Keegan'."""
        tokens = self.article.tokens
        index = bisect.bisect_left(self._token_starts, first_token.start)
        words = []
        j = index - 1
        while j >= 0 and tokens[j].is_word and tokens[j].sentence == first_token.sentence:
            word = tokens[j].text
            if word.lower() in _DETERMINERS or (not words and word.lower() not in self.role_nouns):
                break
            if tokens[j].pos not in _NP_TAGS and not _is_capitalised(word):
                break
            words.insert(0, _strip_possessive(word).lower())
            j -= 1
        return " ".join(words) if words else None

    def _scan(self) -> None:
        candidates = []  # (name tokens, role) of untitled runs
        for run in self._runs():
            titles, roles, name = self._split_run(run)
            name = [t for t in name if t.text.lower() not in _FUNCTION_WORDS]
            if not name:
                continue
            words = [_strip_possessive(t.text) for t in name]
            role = " ".join(_strip_possessive(t.text).lower() for t in roles) or None
            if titles:
                title = titles[-1].text.rstrip(".")
                gender, title_role = self.titles[title]
                person = self.add(" ".join(words), name[0].start, gender)
                if not title_role and not person.title:
                    person.title = title
                for extra in (title_role, role):
                    if extra and extra not in person.roles:
                        person.roles.append(extra)
            else:
                role = role or self._premodifier_role(name[0])
                candidates.append((words, name[0].start, role))
        # Untitled runs are people if a titled mention shares their surname, or a role word
        # stands before them ("minister Gillian Keegan").
        for words, offset, role in candidates:
            known = self.people.get(words[-1])
            if known is not None:
                if len(words) > len(known.name.split()):
                    known.name = " ".join(words)
                if role and role not in known.roles:
                    known.roles.append(role)
                self._mention(known, offset)
            elif role and 2 <= len(words) <= 4:
                person = self.add(" ".join(words), offset)
                if role not in person.roles:
                    person.roles.append(role)

    def _mention(self, person: _Person, offset: int) -> None:
        person.mentions.append(offset)
        if not self.in_quote(offset):
            bisect.insort(self.salience, (offset, person), key=lambda item: item[0])

    def add(self, name: str, offset: int, gender: str = "") -> _Person:
        surname = name.split()[-1]
        person = self.people.get(surname)
        if person is None:
            person = self.people[surname] = _Person(name, surname, gender)
        else:
            if len(name.split()) > len(person.name.split()):
                person.name = name
            person.gender = person.gender or gender
        self._mention(person, offset)
        return person

    # -- resolution ------------------------------------------------------------------------

    def resolve_name(self, words: list[str], offset: int) -> str:
        words = [w for w in words if w.rstrip(".") not in self.titles] or words
        person = self.people.get(words[-1])
        if person is not None:
            self._mention(person, offset)
            return person.display
        return " ".join(words)

    def mention_speaker(self, name: str, offset: int) -> None:
        """Record that a resolved speaker was referred to at ``offset`` (for later pronouns)."""
        person = self.people.get(name.split()[-1])
        if person is not None:
            self._mention(person, offset)

    def resolve_pronoun(self, pronoun: str, offset: int) -> str | None:
        gender = _PRONOUNS.get(pronoun.lower())
        if pronoun.lower() not in ("he", "she"):
            return None
        for position, person in reversed(self.salience):
            if position < offset and person.gender in ("", gender):
                return person.display
        return None

    def _role_matches(self, head: str, modifiers: list[str], role: str) -> bool:
        role_words = role.split()
        role_head = role_words[-1]
        head_group = self.role_nouns.get(head)
        if head != role_head and not (
            head_group == "leader" and self.role_nouns.get(role_head) == "leader"
            or head == "leader" and role.endswith("prime minister")
        ):
            return False
        return all(m in role_words for m in modifiers)

    def resolve_description(self, tokens, offset: int, paragraph: int) -> str | None:
        """A named person for a definite role description, or None to keep it as written."""
        words = [t.text for t in tokens]
        if not words or words[0].lower() in _INDEFINITE:
            return None
        content = [w for w in words if w.lower() not in _DETERMINERS]
        if not content:
            return None
        head = content[-1].lower()
        if head not in self.role_nouns or self.role_nouns[head] == "source":
            return None
        # Capitalised modifiers (Russian, UK's) name a country, not a role: not required.
        modifiers = [w.lower() for w in content[:-1] if not _is_capitalised(w)]
        role = " ".join(_strip_possessive(w).lower() for w in content)
        matches = [p for p in self.people.values()
                   if any(self._role_matches(head, modifiers, r) for r in p.roles)]
        if matches:
            best = max(matches, key=lambda p: max([m for m in p.mentions if m < offset] or [-1]))
            return best.display
        # Lede habit: the nearest person named in this or the next paragraph with no role yet.
        article = self.article
        limit = article.paragraphs[min(paragraph + 1, len(article.paragraphs) - 1)].end
        start = article.paragraphs[paragraph].start
        unroled = [
            (min(m for m in p.mentions if start <= m < limit), p) for p in self.people.values()
            if not p.roles and any(start <= m < limit for m in p.mentions)
        ]
        if not unroled:
            return None
        after = [item for item in unroled if item[0] > offset]
        _, person = min(after or unroled, key=lambda item: abs(item[0] - offset))
        person.roles.append(role)
        return person.display


def _frame(article, sentence_index: int, quoted: list[tuple[int, int, int]],
           quoted_starts: list[int]):
    """Items of a sentence outside quotations: tokens, and ('Q', quote index) markers.

    ``quoted`` holds (start, end, quote index) sorted by start; ``quoted_starts`` their starts.
    """
    items = []
    last_quote = None
    for token in tokens_by_sentence(article).get(sentence_index, []):
        inside = None
        # The quote's words and its own marks: [start - 1, end + 1).
        position = bisect.bisect_right(quoted_starts, token.start + 1) - 1
        for start, end, q in quoted[max(0, position - 1):position + 1]:
            if start - 1 <= token.start < end + 1:
                inside = q
        if inside is None:
            items.append(token)
            last_quote = None
        elif inside != last_quote:
            items.append(("Q", inside))
            last_quote = inside
    return items


def _is_quote_item(item) -> bool:
    return isinstance(item, tuple) and len(item) == 2 and item[0] == "Q"


class _Attributor:
    def __init__(self, article, quotations: list[Quotation]) -> None:
        self.article = article
        self.quotations = quotations
        self.verbs = _reporting_verbs()
        spans = [(s, e, i) for i, q in enumerate(quotations) for s, e in q.spans]
        self.spans = sorted(spans)
        self.span_starts = [s for s, _, _ in self.spans]
        self.registry = _Registry(article, [(s - 1, e + 1) for s, e, _ in spans])
        self.sentence_starts = [s.start for s in article.sentences]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def is_cue(self, item) -> bool:
        return (not _is_quote_item(item) and item.is_word
                and item.text.lower() in self.verbs and item.pos.startswith("VB")
                or not _is_quote_item(item) and item.text.lower() == "according")

    def run(self) -> None:
        previous: Quotation | None = None
        for index, quote in enumerate(self.quotations):
            self.attribute(index, quote, previous)
            if quote.speaker:
                previous = quote

    def attribute(self, index: int, quote: Quotation, previous: Quotation | None) -> None:
        first_sentence = self.sentence_of(quote.start)
        last_sentence = self.sentence_of(quote.end)
        before = _frame(self.article, first_sentence, self.spans, self.span_starts)
        after = _frame(self.article, last_sentence, self.spans, self.span_starts)
        position = before.index(("Q", index)) if ("Q", index) in before else 0
        before = before[:position]
        after = after[after.index(("Q", index)) + 1:] if ("Q", index) in after else []
        quote.kind = self.kind(quote, before)

        choice = self.choose_cue(quote, before, after)
        if choice is None:
            paragraph = self.article.paragraphs[quote.paragraphs[0]]
            opens_paragraph = quote.start - 1 == paragraph.start
            if opens_paragraph and previous is not None and previous.speaker:
                quote.speaker = previous.speaker
                quote.speaker_as_written = previous.speaker_as_written
                quote.speaker_kind = "continuation"
            elif quote.kind == "partial":
                quote.kind = "scare"
            return
        frame, cue_position = choice
        cue = frame[cue_position]
        lemma, stance = self.verbs.get(cue.text.lower(), ("according", "neutral"))
        quote.cue, quote.cue_lemma, quote.cue_stance = cue.text, lemma, stance
        self.speaker(quote, frame, cue_position, previous)

    def kind(self, quote: Quotation, before) -> str:
        first = self.article.body[quote.start]
        words_before = [item for item in before if not _is_quote_item(item)]
        introduced = not words_before or words_before[-1].text in (":", ",")
        if len(quote.spans) > 1 or (introduced and (first.isupper() or first.isdigit())):
            return "full"
        return "partial"

    def choose_cue(self, quote: Quotation, before, after):
        # 1. A verb introducing the quote with a colon: `He told his audience: "..."`.
        for i in range(len(before) - 1, -1, -1):
            if _is_quote_item(before[i]):
                break
            if self.is_cue(before[i]) and any(
                not _is_quote_item(it) and it.text == ":" for it in before[i + 1:]
            ):
                return before, i
        # 2. `"...," X said` or `"...," said X` right after the quote.
        ends_inside = self.article.body[quote.end - 1] in ",.!?"
        if after and (ends_inside or (not _is_quote_item(after[0]) and after[0].text == ",")):
            words = 0
            for i, item in enumerate(after):
                if _is_quote_item(item) or item.pos == "CC":
                    break  # `"...", and warned`: a verb of the earlier subject, not X said
                if self.is_cue(item):
                    return after, i
                words += item.is_word
                if words > 8:
                    break
        # 3. The nearest verb before it; 4. any verb after it.
        for i in range(len(before) - 1, -1, -1):
            if self.is_cue(before[i]):
                return before, i
        for i, item in enumerate(after):
            if self.is_cue(item):
                return after, i
        return None

    def speaker(self, quote: Quotation, frame, cue_position: int, previous) -> None:
        cue = frame[cue_position]
        participle = cue.text.lower().endswith("ing") and cue_position > 0 and not _is_quote_item(
            frame[cue_position - 1]) and frame[cue_position - 1].text == ","
        if cue.text.lower() == "according":
            phrase = self.phrase_after(frame, cue_position + 1)
        elif participle:  # `Mr Zelensky said, adding that ...`: the main clause's subject
            phrase = []
        else:
            phrase = self.phrase_before(frame, cue_position)
            if not phrase:
                phrase = self.phrase_after(frame, cue_position)
        if not phrase:
            # A participle like `adding:` shares the subject of the sentence's earlier verb.
            for j in range(cue_position - 1, -1, -1):
                if self.is_cue(frame[j]):
                    phrase = self.phrase_before(frame, j) or self.phrase_after(frame, j)
                    if phrase:
                        break
        if not phrase:
            if previous is not None and cue.text.lower().endswith("ing"):
                quote.speaker = previous.speaker
                quote.speaker_as_written = previous.speaker_as_written
                quote.speaker_kind = previous.speaker_kind
            return
        self.resolve(quote, phrase)

    def phrase_before(self, frame, cue_position: int):
        j = cue_position - 1
        while j >= 0 and not _is_quote_item(frame[j]) and frame[j].text.lower() in _AUXILIARIES:
            j -= 1
        if j >= 0 and not _is_quote_item(frame[j]) and frame[j].text == ",":
            return self.phrase_before_comma(frame, j)
        phrase = []
        while j >= 0 and not _is_quote_item(frame[j]):
            token = frame[j]
            lowered = token.text.lower()
            if lowered in _PRONOUNS and not phrase:
                return [token]
            if token.pos not in _NP_TAGS and lowered not in _DETERMINERS:
                if not (token.is_word and _is_capitalised(token.text) and phrase):
                    break
            phrase.insert(0, token)
            if lowered in _DETERMINERS:
                break
            j -= 1
        if not phrase and j >= 1 and not _is_quote_item(frame[j]) and frame[j].text.lower() in (
            "who", "which"
        ):  # `Ben Wallace who said ...`
            return self.phrase_before(frame, j)
        return phrase

    def phrase_before_comma(self, frame, comma: int):
        """Subject before `, said`: skip an appositive (`X, the defence secretary, said`) or a
        relative clause (`X, who visited Kyiv, said`) back to the name before it."""
        k = comma - 1
        while k >= 0 and not _is_quote_item(frame[k]) and frame[k].text != ",":
            k -= 1
        if k < 0 or _is_quote_item(frame[k]):
            return []
        inserted = frame[k + 1:comma]
        first = inserted[0].text.lower() if inserted else ""
        if inserted and all(t.is_word and _is_capitalised(t.text) for t in inserted) and (
                first not in _FUNCTION_WORDS):
            # `the spokesman for the Kremlin, Dmitry Peskov, said`: the name is the subject.
            return inserted
        if first in ("who", "which") or first in _DETERMINERS:
            name = self.phrase_before(frame, k)
            if name and first in _DETERMINERS and first not in _INDEFINITE:
                person = self.registry.people.get(_strip_possessive(name[-1].text))
                role = " ".join(_strip_possessive(t.text).lower() for t in inserted[1:])
                if person is not None and role and role not in person.roles:
                    person.roles.append(role)
            return name
        return []

    def phrase_after(self, frame, cue_position: int):
        phrase = []
        for item in frame[cue_position + 1:]:
            if _is_quote_item(item):
                break
            lowered = item.text.lower()
            if not phrase and lowered in ("to",):
                continue
            if lowered in _PRONOUNS and not phrase:
                return [item]
            if not item.is_word or (item.pos not in _NP_TAGS and lowered not in _DETERMINERS):
                break
            phrase.append(item)
        if all(t.text.lower() in _DETERMINERS for t in phrase):  # `adding that ...`
            return []
        return phrase

    def resolve(self, quote: Quotation, phrase) -> None:
        registry = self.registry
        written = " ".join(t.text for t in phrase)
        quote.speaker_as_written = written
        offset = phrase[0].start
        if len(phrase) == 1 and phrase[0].text.lower() in _PRONOUNS:
            resolved = registry.resolve_pronoun(phrase[0].text, offset)
            if resolved:
                registry.mention_speaker(resolved, offset)
            quote.speaker = resolved or written
            quote.speaker_kind = "named" if resolved else "pronoun"
            return
        # A name at the right end of the phrase ("a televised speech Mr Putin") is the speaker.
        name = []
        for token in reversed(phrase):
            if token.is_word and _is_capitalised(token.text) and not token.text.endswith(
                ("'s", "’s")
            ) and token.text.lower() not in self.registry.role_nouns:
                name.insert(0, token)
            else:
                break
        name = [t for t in name if t.text.lower() not in _FUNCTION_WORDS]
        if name:
            quote.speaker_as_written = " ".join(t.text for t in name)
            quote.speaker = registry.resolve_name([t.text for t in name], name[0].start)
            quote.speaker_kind = "named"
            return
        paragraph = self.article.paragraph_at(offset)
        resolved = registry.resolve_description(phrase, offset, paragraph)
        if resolved:
            quote.speaker = resolved
            quote.speaker_kind = "named"
            registry.mention_speaker(resolved, offset)
        else:
            quote.speaker = written[0].upper() + written[1:]
            quote.speaker_kind = "unnamed"


QUOTE_COLUMNS = [
    "article_id", "quote", "text", "start", "end", "paragraph", "last_paragraph", "words",
    "speaker", "speaker_as_written", "speaker_kind", "cue", "cue_lemma", "cue_stance", "kind",
    "closed", "depth", "spans",
]


def attributed_quotations(article, nested: bool = False) -> list[Quotation]:
    """Quotations with speakers and cues (cached on the article)."""
    cached = article.__dict__.get("_quotations")
    if cached is None:
        found, problems = find_quotations(article)
        top = [q for q in found if q.depth == 0]
        attributor = _Attributor(article, top)
        attributor.run()
        article.__dict__["_people"] = list(attributor.registry.people.values())
        for quote in found:
            if quote.depth > 0:
                parent = next((t for t in top if t.start <= quote.start and quote.end <= t.end),
                              None)
                quote.kind = "nested"
                if parent is not None:
                    quote.speaker, quote.speaker_kind = parent.speaker, "nested"
        for problem in problems:
            if problem not in article.warnings:
                article.warnings.append(problem)
        cached = article.__dict__["_quotations"] = found
    return [q for q in cached if nested or q.depth == 0]


SPEECH_KINDS = frozenset({"full", "partial"})


def speech_quotations(article) -> list[Quotation]:
    """The body quotations that are somebody's speech (``kind`` full or partial)."""
    return [q for q in attributed_quotations(article) if q.kind in SPEECH_KINDS]


def named_people(article) -> list[tuple[str, str]]:
    """(display name, full name) of each person the article names, as found for attribution."""
    attributed_quotations(article)
    return [(person.display, person.name) for person in article.__dict__["_people"]]


def quotation_text(body: str, quote: Quotation) -> str:
    return "\n\n".join(body[s:e] for s, e in quote.spans)


def quotes(article, nested: bool = False) -> pd.DataFrame:
    """One row per quotation, with its speaker and reporting verb.

    Parameters
    ----------
    article : Article
    nested : bool
        Also return quotations inside quotations (``depth`` 1+, ``kind == "nested"``).

    Returns
    -------
    DataFrame with columns
        ``article_id``; ``quote`` (number in order); ``text`` (without quote marks; the
        paragraphs of a multi-paragraph quotation joined by a blank line); ``start``, ``end``
        (body offsets; ``spans`` lists one (start, end) per paragraph, each slicing the body to
        that part of ``text``); ``paragraph`` (first), ``last_paragraph``; ``words``;
        ``speaker`` (resolved name, or the description as written for unnamed sources; None
        if unattributed); ``speaker_as_written``; ``speaker_kind`` (named, unnamed, pronoun,
        continuation, nested); ``cue`` (the reporting verb as written), ``cue_lemma``,
        ``cue_stance`` (neutral or loaded); ``kind`` (full: a complete sentence or more;
        partial: a fragment inside the writer's sentence; scare: a fragment nobody is said to
        have said; nested); ``closed`` (False when the closing mark was missing); ``depth``.

    Examples
    --------
    >>> from newslib.articles import parse_text
    >>> a = parse_text('"It is not a bluff," Mr Putin said.', id="x", expect_header=False)
    >>> quotes(a)[["text", "speaker", "cue"]].values.tolist()
    [['It is not a bluff,', 'Mr Putin', 'said']]
    """
    found = attributed_quotations(article, nested=nested)
    body = article.body
    rows = []
    for number, quote in enumerate(found):
        text = quotation_text(body, quote)
        rows.append({
            "article_id": article.id,
            "quote": number,
            "text": text,
            "start": quote.start,
            "end": quote.end,
            "paragraph": quote.paragraphs[0],
            "last_paragraph": quote.paragraphs[-1],
            "words": sum(is_word for *_, is_word in tokenize(text)),
            "speaker": quote.speaker,
            "speaker_as_written": quote.speaker_as_written,
            "speaker_kind": quote.speaker_kind,
            "cue": quote.cue,
            "cue_lemma": quote.cue_lemma,
            "cue_stance": quote.cue_stance,
            "kind": quote.kind,
            "closed": quote.closed,
            "depth": quote.depth,
            "spans": [tuple(s) for s in quote.spans],
        })
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
