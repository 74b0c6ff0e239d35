"""The people an article names: one registry per article, used to resolve speakers.

What counts as a person
-----------------------
A run of capitalised words in narration (initials such as ``C.`` and name particles such as
``van``, ``de`` kept inside: ``Heather C. Briccetti``, ``Jean van der Berg``) is a person when
a title stands before it (``Mr``, ``President``; ``titles.tsv``), when a role word stands
before it (``foreign office minister Gillian Keegan``; ``role_nouns.tsv``), when it starts
with a common given name (``first_names.tsv``, written from general knowledge), when a titled
mention elsewhere shares its surname, or when its last word is used alone elsewhere (``Ronald
Fenn ... Fenn said``; organisation words excluded). Words before a given name are a
description, not part of the name (``Labour MP Jane Smith`` is ``Jane Smith``). Each person is
keyed by surname, so ``Mr Smith`` and ``Jane Smith`` are one person (a second full name with
the same surname, ``Tom Smith``, is another person); the canonical ``display`` name is the
fullest name the article gives, with a peer's or knight's title kept (``Sir John Smith``,
``Lord Smith``) and other titles in the ``title`` column. An acronym (``WTO``) is given the
capitalised name whose initials it is, when the article spells it out.

Gender, for he/she, comes from a title (Mr, Mrs), a gendered role noun (spokeswoman), a given
name, or the first pronoun resolved to the person; "she" never resolves to someone known to be
male and "he" never to someone known to be female. Organisations (role group ``body``) are
never he or she.

Pronouns resolve to the nearest earlier sentence that mentions a matching person outside
quotations (mentions inside quotations never count), and within that sentence to its first
such mention (usually the subject). Age descriptions (``the 74-year-old comedian``) resolve
the same way, and so does, outside the first paragraph, a definite role description that
matches nobody's role (restricted to people without a role).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from newslib.lexicon import lexicon_rows

__all__ = ["Person", "Registry"]


@cache
def titles() -> dict[str, tuple[str, str]]:
    """title -> (gender, role)."""
    return {row[0]: (row[1] if len(row) > 1 else "", row[2] if len(row) > 2 else "")
            for row in lexicon_rows("titles.tsv")}


@cache
def role_nouns() -> dict[str, str]:
    """role noun -> group (leader, office, source, expert)."""
    return {row[0]: row[1] for row in lexicon_rows("role_nouns.tsv")}


@cache
def role_genders() -> dict[str, str]:
    return {row[0]: row[2] for row in lexicon_rows("role_nouns.tsv") if len(row) > 2 and row[2]}


@cache
def first_names() -> dict[str, str]:
    return {row[0]: row[1] for row in lexicon_rows("first_names.tsv")}


# Mentions looked back through for a pronoun's antecedent.
_PRONOUN_WINDOW = 200
# Titles that are part of how a person is named in British usage (peers, knights).
NAME_TITLES = frozenset({"Sir", "Dame", "Lord", "Lady", "Baroness", "Baron"})
PEER_TITLES = frozenset({"Lord", "Lady", "Baroness", "Baron"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
PARTICLES = frozenset("van von der den de del della di da du la le bin al ibn dos das".split())
FUNCTION_WORDS = frozenset(
    """the a an in on at for of to and but or so it its he she they we i you his her their our
    this that these those there as if when while after before since by with from into than
    then also however meanwhile yet not no""".split()
)
# Words that make a capitalised run an organisation or a place rather than a person.
ORGANISATION_WORDS = frozenset(
    """association centre center party office organisation organization council commission
    committee group company corporation corp inc ltd plc bank fund union agency society
    institute university college school department ministry court police service services
    news times post network board trust foundation alliance federation international club
    league press programme authority church army navy republic kingdom states city county
    street airport hospital museum parliament assembly senate congress""".split()
)
# Words that may open a capitalised run but never a name (`Former Labour leader ...`).
NAME_PREFIXES = frozenset("former late acting deputy senior junior shadow outgoing ex".split())
# Capitalised words that start sentences or name times, never people.
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december today yesterday tomorrow""".split()
)


def strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


@dataclass(eq=False)  # one object per person: identity, hashable
class Person:
    """One person (or, for unnamed sources, one description) the article refers to."""

    name: str
    surname: str
    gender: str = ""
    title: str = ""
    #: A title that names an office (President, Councillor): shown in the quotes table's
    #: ``title`` column, but not part of the canonical name, so it never changes a speaker.
    office_title: str = ""
    roles: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # body offsets, narration and quotes
    named: bool = True

    @property
    def display(self) -> str:
        """The canonical name: the fullest name, a knight's title kept (Sir John Smith); a
        peer is titled with the surname (Lord Smith), as British usage names peers."""
        if self.title in PEER_TITLES:
            return f"{self.title} {self.surname}"
        if self.title in NAME_TITLES:
            return f"{self.title} {self.name}"
        if len(self.name.split()) > 1 or not self.title or not self.named:
            return self.name
        return f"{self.title} {self.name}"


class Registry:
    """The people an article names, their roles and where they are mentioned.

    Parameters
    ----------
    article : Article
    quoted : QuotedSpans
        The article's quotations; mentions inside them do not count for pronouns.
    """

    def __init__(self, article, quoted) -> None:
        self.article = article
        self.titles = titles()
        self.role_nouns = role_nouns()
        self.first_names = first_names()
        self.acronyms: dict[str, str] = {}
        self.by_role_head: dict[str, list[Person]] = {}
        self.unnamed_by_head: dict[str, list[tuple[int, Person]]] = {}
        self.people: dict[str, Person] = {}
        # (offset, sentence, order, person) of narration mentions and resolved speakers.
        self.salience: list[tuple[int, int, int, Person]] = []
        self._order = 0
        self._quoted = quoted
        self._token_starts = [t.start for t in article.tokens]
        self._scan()

    def in_quote(self, offset: int) -> bool:
        return offset in self._quoted

    # -- finding names ---------------------------------------------------------------------

    def runs(self):
        """Capitalised word runs within each sentence (initials and particles kept inside)."""
        tokens = self.article.tokens
        run: list = []
        for index, token in enumerate(tokens):
            word = token.text
            if run and token.sentence == run[-1].sentence and token.start <= run[-1].end + 1:
                if is_possessive(run[-1].text):
                    pass  # a possessive ends a name
                elif token.is_word and is_capitalised(word):
                    run.append(token)
                    continue
                elif word == "." and (len(run[-1].text) == 1 or run[-1].text in self.titles):
                    continue  # the dot of an initial (C.) or a title (Mr.)
                elif word.lower() in PARTICLES and index + 1 < len(tokens) and is_capitalised(
                        tokens[index + 1].text) and len(run) >= 1:
                    run.append(token)
                    continue
            if run:
                yield run
            run = [token] if token.is_word and is_capitalised(word) else []
        if run:
            yield run

    def split_run(self, run):
        """(title tokens, role tokens, name tokens) of a capitalised run."""
        while run and (run[0].text.lower() in FUNCTION_WORDS or run[0].text.lower() in NOT_NAMES
                       or run[0].text.lower() in NAME_PREFIXES):
            run = run[1:]
        found_titles = []
        while run and run[0].text.rstrip(".") in self.titles:
            found_titles.append(run[0])
            run = run[1:]
        roles = []
        role_end = max(
            (i for i, t in enumerate(run) if t.text.lower() in self.role_nouns), default=-1
        )
        if 0 <= role_end < len(run) - 1:
            roles, run = run[:role_end + 1], run[role_end + 1:]
            while run and run[0].text.rstrip(".") in self.titles:  # `Auditor General Sir X`
                found_titles.append(run[0])
                run = run[1:]
        # A given name starts the name: "Liberal Democrat Jane Smith" -> Jane Smith.
        for i, token in enumerate(run[:-1]):
            if token.text in self.first_names and i > 0:
                roles, run = roles + run[:i], run[i:]
                break
        return found_titles, roles, run

    def name_text(self, tokens) -> str:
        body = self.article.body
        return strip_possessive(body[tokens[0].start:tokens[-1].end])

    def _premodifier_role(self, first_token) -> str | None:
        """Lower-case role words right before a name: 'foreign office minister Gillian Keegan'."""
        tokens = self.article.tokens
        index = bisect.bisect_left(self._token_starts, first_token.start)
        words = []
        j = index - 1
        while j >= 0 and tokens[j].is_word and tokens[j].sentence == first_token.sentence:
            word = tokens[j].text
            if word.lower() in ("the", "a", "an") or (
                    not words and word.lower() not in self.role_nouns):
                break
            if tokens[j].pos not in ("NN", "NNS", "NNP", "JJ") and not is_capitalised(word):
                break
            words.insert(0, strip_possessive(word).lower())
            j -= 1
        return " ".join(words) if words else None

    def _scan(self) -> None:
        candidates = []  # (name, offset, role) of untitled runs
        for run in self.runs():
            words = [t.text for t in run if t.text.lower() not in FUNCTION_WORDS]
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                # `World Tourism Organisation (WTO)`: a later `WTO` is this body.
                self.acronyms.setdefault("".join(w[0] for w in words), " ".join(words))
            found_titles, roles, name = self.split_run(run)
            name = [t for t in name if t.text.lower() not in FUNCTION_WORDS]
            if not name:
                continue
            words = self.name_text(name)
            role = " ".join(strip_possessive(t.text).lower() for t in roles) or None
            if found_titles:
                title = found_titles[-1].text.rstrip(".")
                role = role or self._premodifier_role(found_titles[0])  # `London mayor Mr X`
                gender, title_role = self.titles[title]
                knight = self.find([title, words]) if (
                    title in NAME_TITLES and " " not in words) else None
                if knight is not None:  # `Sir Peter` after `Sir Peter Hall`
                    self.mention(knight, name[0].start)
                    continue
                person = self.add(words, name[0].start, gender)
                if not title_role and (not person.title or title in NAME_TITLES):
                    person.title = title
                elif title_role and not person.office_title:
                    person.office_title = title
                for extra in (title_role, role):
                    self.add_role(person, extra)
            else:
                role = role or self._premodifier_role(name[0])
                candidates.append((words, name[0].start, role))
        # A surname used alone elsewhere (`Corbett said`) marks its full form as a person.
        alone = {words for words, _, _ in candidates if " " not in words}
        for words, offset, role in candidates:
            parts = words.split()
            known = self.people.get(parts[-1])
            if known is not None:
                self.add(words, offset)
                self.add_role(known, role)
            elif 2 <= len(parts) <= 4 and (role or parts[0] in self.first_names or (
                    parts[-1] in alone and self.looks_like_person(parts))):
                person = self.add(words, offset)
                self.add_role(person, role)

    def add_role(self, person: Person, role: str | None) -> None:
        """Give ``person`` a role (indexed by its head word, and its group for leaders)."""
        if not role or role in person.roles:
            return
        person.roles.append(role)
        head = role.split()[-1]
        self.by_role_head.setdefault(head, []).append(person)
        if self.role_nouns.get(head) == "leader":
            self.by_role_head.setdefault("group:leader", []).append(person)

    def mention(self, person: Person, offset: int) -> None:
        bisect.insort(person.mentions, offset)
        if not self.in_quote(offset):
            sentence = self.article.sentence_at(offset) if hasattr(
                self.article, "sentence_at") else self._sentence_of(offset)
            self._order += 1
            bisect.insort(self.salience, (offset, sentence, self._order, person),
                          key=lambda item: item[0])

    def _sentence_of(self, offset: int) -> int:
        index = bisect.bisect_right(self._token_starts, offset) - 1
        return self.article.tokens[max(0, index)].sentence if self.article.tokens else 0

    def add(self, name: str, offset: int, gender: str = "") -> Person:
        parts = name.split()
        surname = parts[-1]
        person = self.people.get(name) or self.people.get(surname)
        known = person.name.split() if person is not None else []
        if person is not None and len(parts) > 1 and len(known) > 1 and (
                parts[-1] == person.surname) and parts != known[-len(parts):] and (
                known != parts[-len(known):]):
            # Two people with one surname (`Azmat Begg`, `Moazzam Begg`): the second is
            # keyed by full name; the bare surname keeps meaning the first.
            person = self.people.get(name)
            if person is None:
                person = self.people[name] = Person(name, surname)
        elif person is None:
            person = self.people[surname] = Person(name, surname)
        elif len(parts) > len(person.name.split()):
            person.name = name
        given = person.name.split()[0]
        person.gender = person.gender or gender or (
            self.first_names.get(given, "") if len(person.name.split()) > 1 else "")
        self.mention(person, offset)
        return person

    def add_unnamed(self, description: str, offset: int, head: str) -> Person:
        """An unnamed source (``a spokeswoman for X``), kept for later pronouns (bodies such as
        ``the government`` are not kept: they are never he or she)."""
        person = Person(description, head, role_genders().get(head.lower(), ""), named=False)
        if self.role_nouns.get(head.lower()) != "body":
            self.mention(person, offset)
            bisect.insort(self.unnamed_by_head.setdefault(head.lower(), []), (offset, person),
                          key=lambda item: item[0])
        return person

    # -- resolution ------------------------------------------------------------------------

    def find(self, words: list[str]) -> Person | None:
        """The registered person a name refers to (surname, or a knight's given name)."""
        words = [w for w in words if w.rstrip(".") not in self.titles] or words
        person = self.people.get(strip_possessive(" ".join(words))) or self.people.get(
            strip_possessive(words[-1]))
        if person is None and len(words) == 1:
            matches = [p for p in self.people.values()
                       if p.title in NAME_TITLES and p.name.split()[0] == words[0]]
            person = matches[0] if len(matches) == 1 else None
        return person

    def resolve_name(self, words: list[str], offset: int, text: str) -> str:
        """Canonical name for a name as written (``text`` spans the words, initials kept)."""
        if len(words) == 1 and words[0].isupper() and words[0] in self.acronyms:
            return self.acronyms[words[0]]
        person = self.find(words)
        if person is None:
            titled = words[0].rstrip(".") in self.titles
            cleaned = [w for w in words if w.rstrip(".") not in self.titles]
            if cleaned and (titled or self.looks_like_person(cleaned)):
                person = self.add(" ".join(cleaned) if titled else text, offset,
                                  self.titles[words[0].rstrip(".")][0] if titled else "")
                if titled and not person.title:
                    person.title = words[0].rstrip(".")
                return person.display
            return text
        self.mention(person, offset)
        return person.display

    def looks_like_person(self, words: list[str]) -> bool:
        """A two-to-four-word name with no organisation word (``Acme Trust``) and not in
        capitals (``BBC News``): taken as a person when it is someone's speaker."""
        if words and words[0] in self.first_names:
            return len(words) >= 2
        return 2 <= len(words) <= 4 and not any(
            w.lower() in ORGANISATION_WORDS or w.lower() in self.role_nouns or w.isupper()
            for w in words)

    def mention_speaker(self, name: str, offset: int) -> None:
        """Record that a resolved speaker was referred to at ``offset`` (for later pronouns)."""
        person = self.find(name.split())
        if person is not None:
            self.mention(person, offset)

    def resolve_pronoun(self, pronoun: str, offset: int) -> str | None:
        """he/she -> the first matching person of the nearest earlier sentence mentioning one."""
        gender = PRONOUN_GENDER.get(pronoun.lower())
        if gender is None:
            return None
        return self.nearest(gender, self.first_pronoun_in_sentence(pronoun, offset))

    def first_pronoun_in_sentence(self, pronoun: str, offset: int) -> int:
        """Offset of the sentence's first use of ``pronoun`` outside quotations: in `When he
        refused to back X, he said`, both are one person, found from before the first."""
        tokens = self.article.tokens
        index = bisect.bisect_left(self._token_starts, offset)
        if index >= len(tokens):
            return offset
        sentence = tokens[index].sentence
        first = offset
        j = index - 1
        while j >= max(0, index - 60) and tokens[j].sentence == sentence:
            if tokens[j].text.lower() == pronoun.lower() and not self.in_quote(tokens[j].start):
                first = tokens[j].start
            j -= 1
        return first

    def nearest(self, gender: str, offset: int, *, named_only: bool = False,
                roleless: bool = False) -> str | None:
        """Display name of :meth:`nearest_person`, or None."""
        person = self.nearest_person(gender, offset, named_only=named_only, roleless=roleless)
        return person.display if person is not None else None

    def nearest_person(self, gender: str, offset: int, *, named_only: bool = False,
                       roleless: bool = False) -> Person | None:
        """The first person of the nearest earlier sentence mentioning one of ``gender``
        (``""`` = any) outside quotations; ``roleless``: only people with no known role."""
        position = bisect.bisect_left(self.salience, offset, key=lambda item: item[0])
        best = None
        for index in range(position - 1, -1, -1):
            mention_offset, sentence, _, person = self.salience[index]
            if best is None and position - index > _PRONOUN_WINDOW:
                break  # antecedents are close: keeps every lookup bounded
            if gender and person.gender not in ("", gender) or named_only and not person.named:
                continue
            if roleless and person.roles:
                continue
            if best is not None and sentence != best[1]:
                break
            best = (mention_offset, sentence, person)
        if best is None:
            return None
        person = best[2]
        if person.named:
            person.gender = person.gender or gender  # earlier pronoun use fixes the gender
        return person

    def _role_matches(self, head: str, modifiers: list[str], role: str,
                      names: list[str] = ()) -> bool:
        """``names``: the description's capitalised modifiers (Tory, Russian); they must not
        contradict a role that has modifiers of its own (a Lib Dem president is no Tory
        leader), but need not appear in a bare role (``president`` for "President X")."""
        role_words = role.split()
        role_head = role_words[-1]
        head_group = self.role_nouns.get(head)
        if head != role_head and not (
            head_group == "leader" and self.role_nouns.get(role_head) == "leader"
            or head == "leader" and role.endswith("prime minister")
        ):
            return False
        if names and len(role_words) > 1 and not all(n in role_words for n in names):
            return False
        return all(m in role_words for m in modifiers)

    def starts_sentence(self, offset: int) -> bool:
        """True when only titles, role words or function words precede ``offset`` in its
        sentence (``But Jane Smith ...``, ``Minister Jane Smith ...``)."""
        index = bisect.bisect_left(self._token_starts, offset)
        tokens = self.article.tokens
        if index >= len(tokens):
            return False
        sentence = tokens[index].sentence
        words_before = 0
        j = index - 1
        while j >= max(0, index - 60) and tokens[j].sentence == sentence:
            word = tokens[j].text
            if tokens[j].is_word and word.rstrip(".") not in self.titles and (
                    word.lower() not in self.role_nouns) and word.lower() not in FUNCTION_WORDS:
                words_before += 1
            j -= 1
        return words_before == 0

    def resolve_description(self, words: list[str], offset: int, paragraph: int,
                            *, determiners: frozenset, indefinite: frozenset) -> str | None:
        """A named person for a definite role description, or None to keep it as written."""
        if not words or words[0].lower() in indefinite:
            return None
        content = [w for w in words if w.lower() not in determiners]
        if not content:
            return None
        head = content[-1].lower()
        # `the 74-year-old (actor)`: an age description always refers back to a named person.
        if any(re.fullmatch(r"\d+-year-old", w.lower()) for w in content):
            return self.nearest(role_genders().get(head, ""), offset, named_only=True)
        if self.role_nouns.get(head) == "source":
            # `the spokeswoman` after `a spokeswoman for Acme said ...`: one form per source.
            earlier = self.unnamed_by_head.get(head, [])
            position = bisect.bisect_left(earlier, offset, key=lambda item: item[0])
            return earlier[position - 1][1].display if position else None
        if head not in self.role_nouns or self.role_nouns[head] == "body":
            return None
        # Capitalised modifiers (Russian, UK's) name a country, not a role: not required.
        modifiers = [w.lower() for w in content[:-1] if not is_capitalised(w)]
        names = [strip_possessive(w).lower() for w in content[:-1] if is_capitalised(w)]
        role = " ".join(strip_possessive(w).lower() for w in content)
        group = self.role_nouns.get(head)
        candidates = self.by_role_head.get(head, []) + (
            self.by_role_head.get("group:leader", []) if group == "leader" else []) + (
            self.by_role_head.get("minister", []) if head == "leader" else [])
        matches = [p for p in dict.fromkeys(candidates)
                   if any(self._role_matches(head, modifiers, r, names) for r in p.roles)]
        if matches:
            def last_before(person: Person) -> int:
                index = bisect.bisect_left(person.mentions, offset)
                return person.mentions[index - 1] if index else -1

            return max(matches, key=last_before).display
        # Lede habit (first paragraph only): "..., the defence secretary said. / Ben Wallace
        # was responding ..." -- the person who opens a sentence of this or the next paragraph
        # with no role yet, preferring one named after the description.
        if paragraph != 0:
            # Elsewhere a definite description refers back: the nearest person without a
            # role of their own (never for a plural: `ministers` are not one person).
            if head.endswith("s") and not head.endswith("ss"):
                return None
            person = self.nearest_person(role_genders().get(head, ""), offset,
                                         named_only=True, roleless=True)
            if person is None:
                return None
            self.add_role(person, role)
            return person.display
        article = self.article
        limit = article.paragraphs[min(paragraph + 1, len(article.paragraphs) - 1)].end
        start = article.paragraphs[paragraph].start
        unroled = []
        for person in self.people.values():
            first = [m for m in person.mentions if start <= m < limit and not self.in_quote(m)]
            if person.roles or not first:
                continue
            if self.starts_sentence(min(first)):
                unroled.append((min(first), person))
        if not unroled:
            return None
        after = [item for item in unroled if item[0] > offset]
        _, person = min(after or unroled, key=lambda item: abs(item[0] - offset))
        self.add_role(person, role)
        return person.display
