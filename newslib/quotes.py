"""Quotations and who said them, as one table per article.

The work is done in three modules, one concern each:

- :mod:`newslib.quotemarks`: finding quotation marks and the stretches they enclose
  (nesting, multi-paragraph quotations, unclosed quotes), and the one "which quotation
  contains this offset" lookup;
- :mod:`newslib.people`: the people an article names (canonical names, titles, roles, gender)
  and pronoun / description resolution;
- :mod:`newslib.attribution`: the reporting verb, speaker and kind of each quotation.

This module assembles them: :func:`attributed_quotations` (cached per article, copies
handed out), :func:`speech_quotations` (what counts as a voice downstream) and :func:`quotes`
(the table). A headline (``article.meta["title"]``) is searched separately: its quotations
have ``in_headline=True``, no speaker, and are never speech.
"""

from __future__ import annotations

import copy

import pandas as pd

from newslib.attribution import attribute
from newslib.quotemarks import _QUOTE_MARKS, Quotation, find_quotations, find_quotations_in_text
from newslib.segment import tokenize

__all__ = [
    "Quotation", "find_quotations", "quotes", "QUOTE_COLUMNS", "attributed_quotations",
    "speech_quotations", "headline_quotations", "named_people", "quotation_text",
    "quotation_warnings", "all_warnings", "SPEECH_KINDS", "_QUOTE_MARKS",
]

SPEECH_KINDS = frozenset({"full", "partial"})

QUOTE_COLUMNS = [
    "article_id", "quote", "text", "start", "end", "paragraph", "last_paragraph", "words",
    "speaker", "speaker_as_written", "speaker_kind", "title", "cue", "cue_lemma",
    "cue_stance", "kind", "in_headline", "closed", "depth", "spans",
]


def _analyse(article) -> dict:
    """Quotations, people and warnings of an article, computed once and cached on it."""
    cached = article.__dict__.get("_quote_analysis")
    if cached is None:
        found, problems = find_quotations(article)
        top = [q for q in found if q.depth == 0]
        registry = attribute(article, top)
        for quote in found:
            if quote.depth > 0:
                parent = next((t for t in top if t.start <= quote.start and quote.end <= t.end),
                              None)
                quote.kind = "nested"
                if parent is not None:
                    quote.speaker, quote.speaker_kind = parent.speaker, "nested"
        people = [(p.display, p.name, p.title) for p in registry.people.values()]
        headline = article.meta.get("title") or ""
        in_headline = find_quotations_in_text(headline)[0] if headline else []
        for quote in in_headline:
            quote.in_headline, quote.kind = True, "headline"
        cached = article.__dict__["_quote_analysis"] = {
            "found": found, "people": people, "warnings": problems, "headline": in_headline,
            "titles": {p.display: p.title or p.office_title for p in registry.people.values()},
        }
    return cached


def attributed_quotations(article, nested: bool = False) -> list[Quotation]:
    """Body quotations with speakers, cues and kinds, in text order.

    Computed once per article and cached; each call returns copies, so editing them never
    changes later results. Calling this does not change ``article.warnings``: see
    :func:`quotation_warnings`.
    """
    found = _analyse(article)["found"]
    return [copy.deepcopy(q) for q in found if nested or q.depth == 0]


def speech_quotations(article) -> list[Quotation]:
    """The body quotations that are somebody's speech (``kind`` full or partial): the only
    quotations that count as a voice anywhere downstream (scare quotes, titles, words used as
    words and headline quotations are not speech)."""
    return [q for q in attributed_quotations(article) if q.kind in SPEECH_KINDS]


def headline_quotations(article) -> list[Quotation]:
    """Quotations in the headline (``meta["title"]``): offsets into the title, no speaker."""
    return [copy.deepcopy(q) for q in _analyse(article)["headline"]]


def quotation_warnings(article) -> list[str]:
    """Problems found with the article's quotation marks (unclosed or stray marks).

    The one place these are computed; ``features`` and the CLI report them alongside
    ``article.warnings``, which is never modified.
    """
    return list(_analyse(article)["warnings"])


def all_warnings(article) -> list[str]:
    """Every warning about an article: those found while reading it (``article.warnings``)
    followed by :func:`quotation_warnings`. What the CLI prints, the feature row counts and
    notebook 1 shows, so the three always agree."""
    return list(article.warnings) + quotation_warnings(article)


def named_people(article) -> list[tuple[str, str]]:
    """(display name, full name) of each person the article names, as found for attribution."""
    return [(display, name) for display, name, _ in _analyse(article)["people"]]


def quotation_text(body: str, quote: Quotation) -> str:
    return "\n\n".join(body[s:e] for s, e in quote.spans)


def quotes(article, nested: bool = False, *, headline: bool = True) -> pd.DataFrame:
    """One row per quotation, with its speaker and reporting verb.

    Parameters
    ----------
    article : Article
    nested : bool
        Also return quotations inside quotations (``depth`` 1+, ``kind == "nested"``).
    headline : bool
        Also return the headline's quotations (first, ``in_headline`` True, ``paragraph``
        -1, offsets into ``article.meta["title"]``).

    Returns
    -------
    DataFrame with columns
        ``article_id``; ``quote`` (number in order); ``text`` (without quote marks; the
        paragraphs of a multi-paragraph quotation joined by a blank line); ``start``, ``end``
        (body offsets; ``spans`` lists one (start, end) per paragraph, each slicing the body to
        that part of ``text``); ``paragraph`` (first, 0-based), ``last_paragraph``; ``words``;
        ``speaker`` (canonical name -- the fullest name the article gives, a peer's or
        knight's title kept -- or the description as written for unnamed sources; None if
        unattributed); ``speaker_as_written``; ``speaker_kind`` (named, unnamed, pronoun,
        continuation, nested); ``title`` (the speaker's title, e.g. Mr, President, if any);
        ``cue`` (the reporting verb as written), ``cue_lemma``, ``cue_stance`` (neutral or
        loaded); ``kind`` (speech: full -- a complete sentence or more -- or partial -- a
        fragment inside the writer's sentence; not speech: scare -- scare quotes, titles,
        words as words --, nested, headline); ``in_headline``; ``closed`` (False when the
        closing mark was missing); ``depth``.

    Examples
    --------
    >>> from newslib.articles import parse_text
    >>> a = parse_text('"It is not a bluff," Mr Putin said.', id="x", expect_header=False)
    >>> quotes(a)[["text", "speaker", "cue"]].values.tolist()
    [['It is not a bluff,', 'Mr Putin', 'said']]
    """
    analysis = _analyse(article)
    titles = analysis["titles"]
    rows = []
    parts = [(article.meta.get("title") or "", q) for q in analysis["headline"]] if headline else []
    parts += [(article.body, q) for q in analysis["found"] if nested or q.depth == 0]
    for number, (source, quote) in enumerate(parts):
        text = quotation_text(source, quote)
        rows.append({
            "article_id": article.id,
            "quote": number,
            "text": text,
            "start": quote.start,
            "end": quote.end,
            "paragraph": -1 if quote.in_headline else quote.paragraphs[0],
            "last_paragraph": -1 if quote.in_headline else quote.paragraphs[-1],
            "words": sum(is_word for *_, is_word in tokenize(text)),
            "speaker": quote.speaker,
            "speaker_as_written": quote.speaker_as_written,
            "speaker_kind": quote.speaker_kind,
            "title": titles.get(quote.speaker) or None,
            "cue": quote.cue,
            "cue_lemma": quote.cue_lemma,
            "cue_stance": quote.cue_stance,
            "kind": quote.kind,
            "in_headline": quote.in_headline,
            "closed": quote.closed,
            "depth": quote.depth,
            "spans": [tuple(s) for s in quote.spans],
        })
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
