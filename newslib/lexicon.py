"""Loading the word lists in ``newslib/lexicons/`` and matching them against tokens.

Each list is a UTF-8 text file whose ``#`` header says what it is, how its entries were chosen,
its size, license and date; the other lines are tab-separated fields. Lists that are matched
against text (stance markers, evaluative words, topic words) share their first three columns:

``term <TAB> category <TAB> condition``

Matching rules (:func:`match_terms`):

- **Case.** An entry written in lower case matches a word written in lower case, or written
  with a capital first letter when it starts a sentence (or follows an opening quotation mark,
  bracket, colon or dash). So "us" does not match "US", and "may" does not match "May" in the
  middle of a sentence. An entry written with capitals ("I") matches only that exact form.
- **Condition** (optional, ``;``-separated, every part must hold):
  ``pos=MD|VB`` the word's Pattern part-of-speech tag starts with one of these;
  ``next=to|that`` the next word (adjacent, same sentence) is one of these;
  ``next_pos=JJ|RB`` the next word's tag starts with one of these;
  ``next_pos=!NNP`` the next word's tag does not start with this (or there is no next word);
  ``prev_pos=...`` the same for the word before.
- **Phrases.** Entries with spaces match adjacent words of one sentence; where entries overlap,
  the longer one wins.

:func:`build_evaluative_words` regenerates ``evaluative_words.tsv`` from VADER's lexicon and the
hand-made lists (``topic_words.tsv``, ``evaluative_exclusions.tsv``, ``evaluative_additions.tsv``);
a test checks that the shipped file equals the rebuild.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple

__all__ = ["MIN_VADER_VALENCE", "build_evaluative_words", "lexicon_header", "lexicon_rows",
           "lexicon_words", "match_terms", "term_index", "vader_valences",
           "write_evaluative_words"]

#: Smallest absolute VADER valence (mean rating, -4 to +4) for a word to enter
#: ``evaluative_words.tsv``. Chosen on development data (NewsMTSC train, BBC corpus); see the
#: header of that file.
MIN_VADER_VALENCE = 1.5


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
    """The ``#`` header of lexicon ``name``: provenance, selection rule, size and license."""
    return "\n".join(line[2:] for line in _lines(name) if line.startswith("#"))


class _Condition(NamedTuple):
    pos: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    next_pos: tuple[str, ...] = ()
    prev_pos: tuple[str, ...] = ()


def _parse_condition(text: str, name: str) -> _Condition:
    parts: dict[str, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, _, values = part.partition("=")
        if key not in _Condition._fields or not values:
            raise ValueError(f"{name}: unknown condition {part!r}")
        parts[key] = tuple(values.split("|"))
    return _Condition(**parts)


@cache
def term_index(name: str) -> dict[tuple[str, ...], tuple[tuple[str, str, _Condition], ...]]:
    """Lexicon ``name`` as {lower-cased words: ((entry as written, category, condition), ...)}."""
    index: dict[tuple[str, ...], tuple] = {}
    for row in lexicon_rows(name):
        key = tuple(row[0].lower().split())
        condition = _parse_condition(row[2] if len(row) > 2 else "", name)
        index[key] = index.get(key, ()) + ((row[0], row[1], condition),)
    return index


def _case_fits(entry: str, written: list[str], initial: bool) -> bool:
    if entry != entry.lower():  # "I": exact form only
        return " ".join(written) == entry
    first = written[0]
    if first != first.lower() and not (initial and first == first[:1].upper() + first[1:].lower()):
        return False
    return all(w == w.lower() for w in written[1:])


def _tag_fits(tag: str | None, allowed: tuple[str, ...]) -> bool:
    """``allowed`` are tag prefixes, or all negated ("!NNP": anything but a proper noun, or no
    next word at all)."""
    if allowed[0].startswith("!"):
        return tag is None or not tag.startswith(tuple(a[1:] for a in allowed))
    return tag is not None and tag.startswith(allowed)


def match_terms(words: list[str], name: str, *, texts: list[str] | None = None,
                pos: list[str] | None = None, initial: list[bool] | None = None,
                adjacent: list[bool] | None = None) -> list[tuple[int, int, str, str]]:
    """(first word, end word, term, category) for every lexicon entry found in ``words``.

    Parameters
    ----------
    words : list of str
        Lower-cased word tokens.
    name : str
        Lexicon file in ``newslib/lexicons/``.
    texts, pos, initial, adjacent : lists parallel to ``words``, optional
        The words as written, their Penn part-of-speech tags, whether each starts a sentence
        (or follows an opening quotation mark, bracket, colon or dash), and whether each is
        directly followed by the next word in the same sentence. Without ``texts`` case is not
        checked, without ``pos`` part-of-speech conditions fail, without ``adjacent`` every
        word is taken to be followed by the next.

    Returns
    -------
    list of (first, end, term, category): ``words[first:end]`` matched lexicon entry ``term``.
    Longer entries win where entries overlap; a term in several categories yields one match
    per category whose condition holds.

    Examples
    --------
    >>> match_terms(["we", "may", "perhaps", "go"], "stance_markers.tsv",
    ...             texts=["We", "may", "perhaps", "go"], pos=["PRP", "MD", "RB", "VB"],
    ...             initial=[True, False, False, False])
    [(0, 1, 'we', 'first_person_plural'), (1, 2, 'may', 'modal_weak'), (2, 3, 'perhaps', 'hedge')]
    """
    index = term_index(name)
    longest = max((len(k) for k in index), default=1)
    n_words = len(words)

    def joined(i: int, size: int) -> bool:
        return adjacent is None or all(adjacent[i:i + size - 1])

    def next_word(i: int) -> int | None:
        if i < n_words and (adjacent is None or adjacent[i - 1]):
            return i
        return None

    found = []
    i = 0
    while i < n_words:
        for size in range(min(longest, n_words - i), 0, -1):
            key = tuple(words[i:i + size])
            if key not in index or not joined(i, size):
                continue
            hits = []
            for entry, category, condition in index[key]:
                if texts is not None and not _case_fits(
                        entry, texts[i:i + size], bool(initial[i]) if initial else False):
                    continue
                if condition.pos and not (pos and pos[i].startswith(condition.pos)):
                    continue
                after = next_word(i + size)
                if condition.next and (after is None or words[after] not in condition.next):
                    continue
                if condition.next_pos and not _tag_fits(
                        pos[after] if after is not None and pos else None, condition.next_pos):
                    continue
                before = i - 1 if i > 0 and (adjacent is None or adjacent[i - 1]) else None
                if condition.prev_pos and not _tag_fits(
                        pos[before] if before is not None and pos else None, condition.prev_pos):
                    continue
                hits.append((i, i + size, " ".join(key), category))
            if hits:
                found.extend(hits)
                i += size
                break
        else:
            i += 1
    return found


# -- building the evaluative list ---------------------------------------------------------------

@cache
def vader_valences() -> dict[str, float]:
    """VADER's lexicon (``vader_lexicon.txt`` shipped with vaderSentiment): {token: mean valence}.

    Valence is the mean of ten raters' scores from -4 (extremely negative) to +4 (extremely
    positive); Hutto & Gilbert (2014), "VADER: A Parsimonious Rule-based Model for Sentiment
    Analysis of Social Media Text", ICWSM. MIT license.
    """
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    valences = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            valences[fields[0]] = float(fields[1])
    return valences


_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def build_evaluative_words(*, min_valence: float = MIN_VADER_VALENCE) -> list[tuple[str, ...]]:
    """Rows of ``evaluative_words.tsv``: (word, category, condition, valence, source).

    Selection rule: every VADER entry that is a word (letters, inner hyphen or apostrophe; no
    emoticons or abbreviations of one letter) with ``|valence| >= min_valence``, except words
    in ``topic_words.tsv`` (they name what the news is about) and in
    ``evaluative_exclusions.tsv`` (their usual news sense is not evaluative: names of
    institutions, function words, routine verbs); plus the hand additions of
    ``evaluative_additions.tsv``, each with its justification. Category is ``negative`` or
    ``positive`` by the sign of the valence; conditions come from the exclusions file (a sense
    restricted by part of speech) or the additions file.
    """
    topic = lexicon_words("topic_words.tsv")
    excluded: dict[str, str] = {}
    for row in lexicon_rows("evaluative_exclusions.tsv"):
        excluded[row[0]] = row[2] if len(row) > 2 else ""
    rows = []
    for word, valence in vader_valences().items():
        if abs(valence) < min_valence or not _WORD.match(word) or word in topic:
            continue
        condition = excluded.get(word)
        if condition == "":  # excluded in every sense
            continue
        rows.append((word, "negative" if valence < 0 else "positive", condition or "",
                     f"{valence:.1f}", "VADER"))
    vader_words = {row[0] for row in rows}
    for row in lexicon_rows("evaluative_additions.tsv"):
        if row[0] not in vader_words:
            valence = vader_valences().get(row[0])
            rows.append((row[0], row[1], row[2], f"{valence:.1f}" if valence is not None else "",
                         "hand"))
    return sorted(rows)


EVALUATIVE_HEADER = """\
# Evaluative words: words that carry a judgement or a feeling, whatever the story is about.
# Source: VADER's lexicon, vader_lexicon.txt of vaderSentiment 3.3.2 (Hutto & Gilbert 2014,
#   ICWSM; MIT license, Copyright (c) 2016 C.J. Hutto), plus hand additions.
# Selection rule (newslib.lexicon.build_evaluative_words, regenerated and checked by a test):
#   every VADER word with |mean valence| >= {min_valence}, minus the words of topic_words.tsv
#   (they name the story: killed, illegal, war) and of evaluative_exclusions.tsv (other
#   senses: United, Party, like, interest), plus evaluative_additions.tsv (condemnation
#   words and labels VADER lacks, each justified there). Built 2026-11-25.
# Threshold: chosen on development data only (NewsMTSC train, BBC News corpus): see the
#   "Measured" lines and notebooks/03_rhetoric.ipynb.
{measured}# Category: negative / positive by the sign of VADER's valence (hand additions: negative).
# A match means the word is evaluative in general English, not that the writer endorses the
#   judgement: check who says it (narration or a quoted voice).
# Size: {size} entries. License: MIT (VADER's entries, as above); CC0 for newslib's selection.
# Columns: term <TAB> category <TAB> condition <TAB> VADER valence <TAB> source (VADER / hand)
"""

#: Proxy figures measured on development data with the shipped list, printed in the header.
EVALUATIVE_MEASURED = """\
# Measured (proxies on development data, 2026-11-25; no expert annotation of loaded language
#   is available here, and these proxies are not that):
#   - NewsMTSC (sentences labelled for tone toward a person): ROC AUC of the per-sentence rate
#     for "some target non-neutral" vs "all neutral": train 0.613, rw dev 0.618, mt dev 0.620
#     (any VADER word with |valence| >= 2: 0.602, 0.564, 0.597; topic_words.tsv: 0.552,
#     0.579, 0.513). Thresholds 1.0-2.5 were tried on train (0.634 at 1.0 down to 0.544 at
#     2.5 before hand additions).
#   - BBC News corpus (2,225 articles; in agency-style news, evaluation is expected mostly in
#     quoted speech, not in the narration): rate in quoted speech / rate in narration = 1.87
#     (33.75 vs 18.01 per 1,000 words); any VADER word with |valence| >= 2: 1.30;
#     topic_words.tsv: 0.74. Of the thresholds tried, 1.5-1.8 gave the highest ratio
#     (1.87-1.90), lower thresholds a higher NewsMTSC AUC; 1.5 is the compromise.
"""


def write_evaluative_words(path, *, min_valence: float = MIN_VADER_VALENCE,
                           measured: str = EVALUATIVE_MEASURED) -> int:
    """Write ``evaluative_words.tsv`` (header and :func:`build_evaluative_words` rows) to
    ``path``; return the number of entries. For maintainers rebuilding the list."""
    rows = build_evaluative_words(min_valence=min_valence)
    header = EVALUATIVE_HEADER.format(min_valence=min_valence, measured=measured, size=len(rows))
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        out.writelines("\t".join(row) + "\n" for row in rows)
    return len(rows)
