"""Rhetoric: who speaks and how, listed stance words, evaluative and topic words, repeated
word sequences, lists of three, and how actors are portrayed.

Every measure here is a count of listed words or of word patterns, shown with its matches;
none is a measure of a rhetorical device. Agreement with human judgement: for evaluative
words, proxies on development data only (header of ``evaluative_words.tsv``); for the rest,
not measured, except that booster words and repeated n-grams flagged this way were the
device 2-3% of the time on expert annotation (issue 12).

"Voice" means the narration (the writer's own words, outside quotation marks) or one quoted
speaker. Every rate is per 1,000 words *of that voice*, so a short quotation and a long
narration can be compared; small voices give unstable rates, so each table carries ``words``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from itertools import accumulate

import pandas as pd

from newslib.lexicon import lexicon_rows, match_terms
from newslib.quotes import _QUOTE_MARKS, named_people, speech_quotations
from newslib.segment import tokens_by_sentence
from newslib.usage import STOPWORDS, normalise, word_columns

__all__ = [
    "MATCH_COLUMNS",
    "STANCE_CATEGORIES",
    "TOPIC_CATEGORIES",
    "WORD_LIST_MEASURES",
    "actor_mentions",
    "actor_portrayal",
    "lists_of_three",
    "loaded_language",
    "quote_share",
    "repetition",
    "reporting_verbs",
    "stance_markers",
    "stance_matches",
    "topic_words",
    "evaluative_words",
    "voices",
    "word_list_rates",
]

#: Categories of ``stance_markers.tsv``. The pronoun categories count personal pronouns
#: (we/us/ours/ourselves; they/them/theirs/themselves; I/me/mine/myself), not possessive
#: determiners, and not sides: "they" is usually just the people a sentence is about.
STANCE_CATEGORIES = ["hedge", "booster", "modal_strong", "modal_medium", "modal_weak",
                     "intensifier", "negation", "first_person_plural", "third_person_plural",
                     "first_person_singular"]


def quote_share(article) -> float:
    """Share of the article's words that stand inside quotation marks (0 to 1)."""
    in_quote = word_columns(article)["in_quote"]
    return sum(in_quote) / len(in_quote) if in_quote else 0.0


def voices(article) -> pd.DataFrame:
    """Who speaks and how much: one row for the narration and one per quoted speaker.

    Returns
    -------
    DataFrame: article_id, voice, voice_kind (narration, named, unnamed, unattributed),
    quotations, words (word tokens, counted as everywhere in newslib: a voice's ``words`` is
    the sum of its counts in :func:`newslib.usage.voice_counts` with ``stopwords=True``),
    word_share (of all the article's words), first_paragraph,
    first_offset, reporting_verbs (lemmas, in order of first use), loaded_verbs (how many of
    the speaker's quotations are introduced by a loaded verb). Sorted by first appearance.
    """
    columns = word_columns(article)
    total = max(len(columns["voice"]), 1)
    per_voice = Counter(columns["voice"])
    quotations = speech_quotations(article)
    rows = [{
        "article_id": article.id, "voice": "narration", "voice_kind": "narration",
        "quotations": 0, "words": per_voice["narration"],
        "first_paragraph": 0, "first_offset": 0, "reporting_verbs": "", "loaded_verbs": 0,
    }]
    by_voice: dict[str, list] = defaultdict(list)
    for quote in quotations:
        by_voice[quote.speaker or "unattributed"].append(quote)
    for voice, quotes in by_voice.items():
        kinds = {q.speaker_kind for q in quotes} - {"continuation", None}
        verbs = list(dict.fromkeys(q.cue_lemma for q in quotes if q.cue_lemma))
        rows.append({
            "article_id": article.id, "voice": voice,
            "voice_kind": "unattributed" if voice == "unattributed" else (
                "named" if "named" in kinds else "unnamed"),
            "quotations": len(quotes), "words": per_voice[voice],
            "first_paragraph": quotes[0].paragraphs[0], "first_offset": quotes[0].start,
            "reporting_verbs": ", ".join(verbs),
            "loaded_verbs": sum(q.cue_stance == "loaded" for q in quotes),
        })
    table = pd.DataFrame(rows)
    table.insert(5, "word_share", table["words"] / total)
    return table.sort_values("first_offset", kind="stable", ignore_index=True)


def reporting_verbs(article) -> pd.DataFrame:
    """Reporting verbs used to introduce quotations, grouped by stance.

    Returns
    -------
    DataFrame: article_id, cue_lemma, stance (neutral or loaded), note (what a loaded verb
    implies, from the lexicon), count, forms (as written), speakers.
    """
    notes = {row[0]: (row[3] if len(row) > 3 else "") for row in
             lexicon_rows("reporting_verbs.tsv")}
    groups: dict[str, dict] = {}
    for quote in speech_quotations(article):
        if not quote.cue_lemma:
            continue
        entry = groups.setdefault(quote.cue_lemma, {
            "stance": quote.cue_stance, "count": 0, "forms": [], "speakers": []})
        entry["count"] += 1
        for key, value in (("forms", quote.cue), ("speakers", quote.speaker)):
            if value and value not in entry[key]:
                entry[key].append(value)
    rows = [(article.id, lemma, e["stance"], notes.get(lemma, ""), e["count"],
             ", ".join(e["forms"]), ", ".join(e["speakers"])) for lemma, e in groups.items()]
    table = pd.DataFrame(rows, columns=["article_id", "cue_lemma", "stance", "note", "count",
                                        "forms", "speakers"])
    return table.sort_values(["count", "cue_lemma"], ascending=[False, True], ignore_index=True)


_OPENERS = frozenset('"“‘\'«([{:—–-')


def _matches(article, lexicon: str) -> pd.DataFrame:
    """Every entry of ``lexicon`` found in the article's words (rules: :mod:`newslib.lexicon`)."""
    return pd.DataFrame(_match_records(article, lexicon), columns=MATCH_COLUMNS)


def _word_context(article, words: dict[str, tuple]) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """(initial, adjacent) of :func:`newslib.lexicon.match_terms` for the article's words:
    whether each word starts a sentence or follows an opener, and whether the next word
    follows it directly in the same sentence. The same for every lexicon, so cached on the
    article (tuples, which no caller can change), as :func:`newslib.usage.word_columns` is."""
    cached = article.__dict__.get("_match_context")
    if cached is not None:
        return cached
    tokens = article.tokens
    indices, sentence = words["token"], words["sentence"]
    initial = []
    for i, index in enumerate(indices):
        starts = i == 0 or sentence[i - 1] != sentence[i]
        initial.append(starts or (index > 0 and tokens[index - 1].text in _OPENERS))
    adjacent = [i + 1 < len(indices) and indices[i + 1] == index + 1
                and sentence[i + 1] == sentence[i]
                for i, index in enumerate(indices)]
    cached = article.__dict__["_match_context"] = (tuple(initial), tuple(adjacent))
    return cached


def _match_records(article, lexicon: str) -> list[tuple]:
    """The rows of :func:`_matches` as tuples in ``MATCH_COLUMNS`` order, without the
    DataFrame (the per-article feature row only counts them)."""
    words = word_columns(article)
    indices = words["token"]
    initial, adjacent = _word_context(article, words)
    found = match_terms(words["lower"], lexicon, texts=words["text"], pos=words["pos"],
                        initial=initial, adjacent=adjacent)
    rows = []
    for first, end, term, category in found:
        start, stop = words["start"][first], words["end"][end - 1]
        rows.append((article.id, term, article.body[start:stop], category, start, stop,
                     indices[first], words["sentence"][first], words["paragraph"][first],
                     words["voice"][first]))
    return rows


#: Columns of every table of listed-word matches.
MATCH_COLUMNS = ["article_id", "term", "form", "category", "start", "end", "token", "sentence",
                 "paragraph", "voice"]


def stance_matches(article) -> pd.DataFrame:
    """Every listed stance word found, one row per match (lexicon ``stance_markers.tsv``).

    Matching respects case and part of speech: "US" is not "us", "May" the month and "Will"
    before a name are not modals, "their" (a possessive determiner) is not counted, "badly",
    "most", "such" and "all" are not listed (see the lexicon header for every rule).

    Returns
    -------
    DataFrame: article_id, term (lexicon entry), form (as written), category (one of
    ``STANCE_CATEGORIES``), start, end (body offsets), token (index of the first token),
    sentence, paragraph, voice.
    """
    return _matches(article, "stance_markers.tsv")


def stance_markers(article) -> pd.DataFrame:
    """Counts of listed stance words per voice: narration, each speaker, all quoted speech.

    These are counts of listed words (``stance_markers.tsv``), not measures of a rhetorical
    device: their agreement with human judgement of hedging or boosting has not been
    measured, and on expert annotation of news propaganda, words flagged as boosters were the
    device only 2-3% of the time (issue 12). Read the matches (:func:`stance_matches`)
    before citing a count.

    Returns
    -------
    DataFrame (long form): article_id, voice, words (of that voice), category, count, per_1000
    (count per 1,000 words of that voice). Every category appears for every voice, with
    zeros, so voices compare directly.
    """
    return _rates(article, stance_matches(article), STANCE_CATEGORIES, column="category")


def _rates(article, matches: pd.DataFrame, measures: list[str], *, column: str) -> pd.DataFrame:
    words = word_columns(article)
    voice_words = dict(Counter(words["voice"]))
    voice_words["all quoted speech"] = sum(words["in_quote"])
    order = ["narration"] + [v for v in dict.fromkeys(words["voice"]) if v != "narration"]
    order.append("all quoted speech")
    rows = []
    for voice in order:
        n_words = voice_words.get(voice, 0)
        if voice == "all quoted speech":
            subset = matches[matches["voice"] != "narration"]
        else:
            subset = matches[matches["voice"] == voice]
        counts = subset[column].value_counts()
        for measure in measures:
            count = int(counts.get(measure, 0))
            rows.append((article.id, voice, n_words, measure, count,
                         1000 * count / n_words if n_words else float("nan")))
    return pd.DataFrame(rows, columns=["article_id", "voice", "words", column, "count",
                                       "per_1000"])


#: Categories of ``topic_words.tsv``, in its order.
TOPIC_CATEGORIES = ["violence_conflict", "death_injury", "crime_law", "illness_disaster",
                    "economy", "contest"]


def evaluative_words(article) -> pd.DataFrame:
    """Every evaluative word found, one row per match (lexicon ``evaluative_words.tsv``).

    The list is VADER's lexicon (words with ``|valence| >= 1.5``) without the words that name
    what a story is about (``topic_words.tsv``: killed, illegal, criminal, regime, threat, war)
    and without senses that are not evaluative in news ("United", "Party", "like"), plus a
    few hand-added condemnation words and labels; the lexicon header gives the rule and the
    figures. A match means the word is evaluative in general English, not that the writer
    endorses the judgement: check the ``voice``.

    Agreement with human judgement, measured on development data only (proxies; the
    held-out expert measure is the project owner's): see ``lexicon_header(
    "evaluative_words.tsv")``.

    Returns
    -------
    DataFrame: article_id, term, form (as written), category (negative or positive), start,
    end (body offsets), token, sentence, paragraph, voice, valence (VADER's mean valence, -4 to
    4; NaN for hand additions).
    """
    table = _matches(article, "evaluative_words.tsv")
    valences = _valences()
    table["valence"] = [valences.get(term, float("nan")) for term in table["term"]]
    return table


@cache
def _valences() -> dict[str, float]:
    """VADER valence of each evaluative word (read once; callers only read it)."""
    return {row[0]: float(row[3]) for row in lexicon_rows("evaluative_words.tsv")
            if len(row) > 3 and row[3]}


def topic_words(article) -> pd.DataFrame:
    """Every topic word found, one row per match (lexicon ``topic_words.tsv``): words that
    name what the story is about (violence and conflict, death and injury, crime and law,
    illness and disaster, the economy, contests), counted apart from evaluation.

    Returns
    -------
    DataFrame: article_id, term, form, category (one of ``TOPIC_CATEGORIES``), start, end,
    token, sentence, paragraph, voice.
    """
    return _matches(article, "topic_words.tsv")


def word_list_rates(article) -> pd.DataFrame:
    """Evaluative and topic words per 1,000 words, per voice.

    Measures (each a count of listed words, named for what it counts):

    - ``evaluative``: evaluative words (:func:`evaluative_words`), and
      ``evaluative_negative`` / ``evaluative_positive`` by VADER's sign;
    - ``topic``: topic words (:func:`topic_words`), and ``topic_<category>`` for each of
      ``TOPIC_CATEGORIES`` (``topic_violence_conflict``: violence and conflict words...).

    Formula: ``per_1000 = 1000 * count / words``, words of that voice (NaN for a voice with
    no words).

    Returns
    -------
    DataFrame (long form): article_id, voice (narration, each speaker, "all quoted speech"),
    words, measure, count, per_1000.
    """
    evaluative = evaluative_words(article)
    topic = topic_words(article)
    frames = [
        evaluative.assign(measure="evaluative"),
        evaluative.assign(measure="evaluative_" + evaluative["category"]),
        topic.assign(measure="topic"),
        topic.assign(measure="topic_" + topic["category"]),
    ]
    matches = pd.concat([f[["voice", "measure"]] for f in frames], ignore_index=True)
    return _rates(article, matches, WORD_LIST_MEASURES, column="measure")


#: Measures of :func:`word_list_rates`.
WORD_LIST_MEASURES = (["evaluative", "evaluative_negative", "evaluative_positive", "topic"]
                      + [f"topic_{c}" for c in TOPIC_CATEGORIES])


def loaded_language(article) -> pd.DataFrame:
    """The evaluative words of the article: the same table as :func:`evaluative_words`.

    Kept under its old name for existing callers. Until 2026-11 it matched a hand list that
    mixed evaluation with words naming the topic (killed, illegal, regime); that list
    ranked articles like expert annotators of loaded language at Spearman 0.02, and it is
    gone. Topic words are now :func:`topic_words`.
    """
    return evaluative_words(article)


def repetition(article, min_n: int = 2, max_n: int = 12, min_count: int = 2,
               max_gap: int = 8) -> pd.DataFrame:
    """Word sequences the article uses at least ``min_count`` times (repeated n-grams).

    A count of repeated word sequences, not a measure of the rhetorical device of
    repetition: on expert annotation of news propaganda, repeated n-grams flagged this way
    were the device only 2-3% of the time (issue 12). Read the spans before citing one.

    Only maximal phrases are kept: "tens of thousands" is listed separately from "tens of
    thousands of" only if it also occurs outside it. A phrase needs a word that is not a stop
    word, two-word phrases need two ("defence secretary" yes, "the war" no). Pairs of repeated
    phrases that recur together within ``max_gap`` words are also listed as a gapped
    repetition, "A ... B" ("tens of thousands of ... to their deaths").

    Returns
    -------
    DataFrame: article_id, phrase, n (words; gapped: words of both parts), count, gapped,
    paragraphs, voices, spans (body offsets of each occurrence). Sorted by n then count.
    """
    rows = _repetition_rows(article, min_n=min_n, max_n=max_n, min_count=min_count,
                            max_gap=max_gap)
    table = pd.DataFrame(rows, columns=["article_id", "phrase", "n", "count", "gapped",
                                        "paragraphs", "voices", "spans"])
    return table.sort_values(["n", "count", "phrase"], ascending=[False, False, True],
                             ignore_index=True)


def _repetition_rows(article, *, min_n: int = 2, max_n: int = 12, min_count: int = 2,
                     max_gap: int = 8) -> list[dict]:
    """The rows of :func:`repetition`, unsorted and without the DataFrame (the per-article
    feature row only counts them)."""
    words = word_columns(article)
    lowered, sentence, stop = words["lower"], words["sentence"], words["is_stopword"]
    paragraph, voice = words["paragraph"], words["voice"]
    word_starts, word_ends = words["start"], words["end"]
    # Repeated n-grams of every length, built upwards: an n-gram can only repeat where the
    # (n-1)-grams at i and i+1 both repeat, so each length only looks at those positions.
    repeated: dict[int, dict[tuple[str, ...], list[int]]] = {}
    candidates = range(len(lowered))
    for n in range(1, max_n + 1):
        grams: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in candidates:
            if i + n <= len(lowered) and sentence[i] == sentence[i + n - 1]:
                grams[tuple(lowered[i:i + n])].append(i)
        repeated[n] = {g: s for g, s in grams.items() if len(s) >= min_count}
        starts = {i for s in repeated[n].values() for i in s}
        candidates = sorted(i for i in starts if i + 1 in starts)
        if not candidates:
            break
    positions: dict[tuple[str, ...], list[int]] = {}
    # reach[i]: furthest word end of an occurrence already reported that starts at or before
    # word i; an occurrence [s, s + n) lies inside a reported one when reach[s] >= s + n.
    reach = [0] * (len(lowered) + 1)
    kept = []
    for n in range(max_n, min_n - 1, -1):
        grams = repeated.get(n, {})
        added = []
        for gram, starts in grams.items():
            # Stop words judged on the lemma, as in every count ("US" is not "us").
            content = sum(not stop[starts[0] + k] for k in range(n))
            if len(starts) < min_count or content == 0 or (n == 2 and content < 2):
                continue
            if all(reach[s] >= s + n for s in starts):
                continue
            positions[gram] = starts
            kept.append(gram)
            added += [(s, s + n) for s in starts]
        if not added:  # reach is already a running maximum: nothing to update
            continue
        for start, end in added:  # phrases of one length never contain each other
            reach[start] = max(reach[start], end)
        reach = list(accumulate(reach, max))  # running maximum, as reach[i] promises

    def row(phrase, n, starts_ends, gapped):
        return {
            "article_id": article.id, "phrase": phrase, "n": n, "count": len(starts_ends),
            "gapped": gapped,
            "paragraphs": sorted({int(paragraph[s]) for s, _ in starts_ends}),
            "voices": sorted({voice[s] for s, _ in starts_ends}),
            "spans": [(int(word_starts[s]), int(word_ends[e - 1])) for s, e in starts_ends],
        }

    rows = [row(" ".join(g), len(g), [(s, s + len(g)) for s in positions[g]], False)
            for g in kept]
    for n, first, second, pairs in _gapped_pairs(kept, positions, sentence, min_count=min_count,
                                                 max_gap=max_gap):
        rows.append(row(f"{' '.join(first)} ... {' '.join(second)}", n, pairs, True))
    return rows


def _gapped_pairs(kept: list, positions: dict, sentence, *, min_count: int, max_gap: int):
    """Pairs of kept phrases "A ... B" whose occurrences recur within ``max_gap`` words of each
    other in one sentence, in at least ``min_count`` sentences, longest first; a pair whose
    occurrences all lie inside those of a longer pair already listed is left out.

    Linear in the occurrences: each occurrence of A meets only the phrases that start in the
    ``max_gap`` words after it (an index by start), and each span is checked only against
    the listed spans that start close enough before it to contain it.

    Yields
    ------
    (n, first, second, pairs): words of both parts, the two phrases, and each occurrence as
    (start of A, end of B) in word positions.
    """
    order = {gram: index for index, gram in enumerate(kept)}
    starting_at: dict[int, list] = defaultdict(list)
    for gram in kept:
        for start in positions[gram]:
            starting_at[start].append(gram)
    found: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for first in kept:
        for s in positions[first]:
            end_first = s + len(first)
            for t in range(end_first + 1, end_first + max_gap + 1):
                for second in starting_at.get(t, ()):
                    if second != first and sentence[s] == sentence[t]:
                        found[(first, second)].append((s, t + len(second)))
    gapped = [(len(first) + len(second), first, second, pairs)
              for (first, second), pairs in found.items()
              if len({sentence[s] for s, _ in pairs}) >= min_count]
    # Longest first; among equals in the order of the phrases (kept, then kept again).
    gapped.sort(key=lambda item: (-item[0], order[item[1]], order[item[2]]))
    # Keep a pair only if no longer one covers all its occurrences ("tens of thousands ... to
    # their deaths" inside "tens of thousands of ... to their deaths").
    listed: dict[int, list[tuple[int, int]]] = defaultdict(list)  # start -> (end, pair number)
    longest = 0
    for number, (n, first, second, pairs) in enumerate(gapped):
        covering = None
        for s, e in pairs:  # the listed pairs that contain every occurrence so far
            here = {listed_number for a in range(e - longest, s + 1)
                    for b, listed_number in listed.get(a, ()) if b >= e}
            covering = here if covering is None else covering & here
            if not covering:
                break
        if covering:
            continue
        for s, e in pairs:
            listed[s].append((e, number))
            longest = max(longest, e - s)
        yield n, first, second, pairs


_NOMINAL = ("DT", "NN", "JJ", "PRP", "CD", "NNP")
_CLAUSE_STARTERS = {"that", "which", "who", "because", "while", "when", "if", "as", "but"}


def _item_class(tokens) -> str:
    tag = tokens[0].pos
    if tag.startswith(_NOMINAL):
        return "nominal"
    return tag[:2]


def lists_of_three(article, max_item_words: int = 8) -> pd.DataFrame:
    """Lists of three or more items, "A, B and C", within a sentence.

    A count of a word pattern, not of the rhetorical triad: agreement with human judgement
    has not been measured.

    Items are comma-separated runs of at most ``max_item_words`` words ending in "and" or "or"
    before the last item; the items must start alike (all noun phrases, or all verbs...), which
    keeps "..., to protect Russia and our people" out, and the first item is cut to the length
    of the longest later one ("They wanted bread, land and peace" -> bread, land, peace).

    Returns
    -------
    DataFrame: article_id, sentence, paragraph, items (list of str), n_items, start, end
    (body offsets), text, voice.
    """
    return pd.DataFrame(_triad_rows(article, max_item_words=max_item_words),
                        columns=["article_id", "sentence", "paragraph", "items", "n_items",
                                 "start", "end", "text", "voice"])


def _triad_rows(article, *, max_item_words: int = 8) -> list[tuple]:
    """The rows of :func:`lists_of_three` as tuples, without the DataFrame (the per-article
    feature row only counts them)."""
    words = word_columns(article)
    rows = []
    for sentence_index, sentence_tokens in tokens_by_sentence(article).items():
        for k, token in enumerate(sentence_tokens):
            if token.text.lower() not in ("and", "or"):
                continue
            # Last item: words after the conjunction up to punctuation.
            last = []
            for t in sentence_tokens[k + 1:]:
                if not t.is_word:
                    break
                last.append(t)
            if not last or len(last) > max_item_words:
                continue
            items = [last]
            j = k - 1
            if j >= 0 and sentence_tokens[j].text == ",":  # Oxford comma
                j -= 1
            while j >= 0:
                item = []
                while j >= 0 and sentence_tokens[j].is_word and len(item) < max_item_words:
                    if sentence_tokens[j].text.lower() in _CLAUSE_STARTERS and item:
                        break
                    item.insert(0, sentence_tokens[j])
                    j -= 1
                if not item:
                    break
                items.insert(0, item)
                if j >= 0 and sentence_tokens[j].text == ",":
                    j -= 1
                    continue
                break
            if len(items) < 3 or len({_item_class(item) for item in items[1:]}) != 1:
                continue
            # Items of a list are parallel: the first is no longer than the longest later one
            # and starts like them ("They wanted bread, land and peace" -> "bread").
            first = items[0][-max(len(item) for item in items[1:]):]
            while first and _item_class(first) != _item_class(items[1]):
                first = first[1:]
            if not first:
                continue
            items[0] = first
            start, end = items[0][0].start, items[-1][-1].end
            voice = words["voice"][words["start"].index(start)]  # a word starts an item
            rows.append((article.id, sentence_index, items[0][0].paragraph,
                         [" ".join(t.text for t in item) for item in items], len(items), start,
                         end, article.body[start:end], voice))
    return rows


# -- actors ------------------------------------------------------------------------------------

def _head_noun(tokens) -> str | None:
    """Last noun of the noun run at the start of ``tokens`` ("defence secretary" -> secretary)."""
    head = None
    for position, token in enumerate(tokens[:4]):
        if token.pos.startswith("NN") or (position == 0 and token.pos == "VBG"):  # "Putin's breaking"
            head = token.text
        elif not (head is None and token.pos.startswith("JJ")):
            break
    return re.sub(r"['’]s$", "", head) if head else None


_COPULAS = {"is", "are", "was", "were", "be", "been", "being", "become", "becomes", "becoming",
            "became", "remains", "remain", "seems", "seem", "looks"}
_AUX = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can", "may",
        "might", "must", "should", "shall", "do", "does", "did", "be", "been", "being", "not",
        "also", "now", "already", "still", "n't"}


def _base(word: str) -> str:
    """A name's key for counting its mentions: lower case with straight apostrophes
    (:func:`newslib.usage.normalise`, ``unit="lower"``), possessive dropped ("Putin's" and
    "Putin" are the same name)."""
    return normalise(word, unit="lower").removesuffix("'s")


def _actor_aliases(article) -> dict[str, set[str]]:
    """Actor name -> set of single-token aliases (keys as :func:`_base` makes them)."""
    aliases: dict[str, set[str]] = {}
    for display, name in named_people(article):
        aliases[display] = {_base(w) for w in name.split()}
    known = {row[0]: row[1].split(",") for row in lexicon_rows("demonyms.tsv")}
    words = [t.text for t in article.tokens if t.is_word and t.text[:1].isupper()]
    written = {w.replace("’", "'").removesuffix("'s") for w in words}
    for actor, forms in known.items():
        single = {_base(f) for f in forms if " " not in f}
        if not written.isdisjoint(forms):
            aliases[actor] = single
    taken = set().union(*aliases.values()) if aliases else set()
    # Other capitalised words that recur, "Putin's" counting as "Putin"; the first spelling
    # seen names the actor.
    counts = Counter(_base(w) for w in words)
    spelled: dict[str, str] = {}
    for word in words:
        spelled.setdefault(_base(word), word.replace("’", "'").removesuffix("'s"))
    for key, count in counts.items():
        if count >= 2 and key not in taken and key not in STOPWORDS and len(
                key) > 2 and key not in {"mr", "mrs", "ms"}:
            aliases.setdefault(spelled[key], set()).add(key)
    return aliases


def actor_mentions(article) -> pd.DataFrame:
    """Where each actor (named people, countries and blocs, other recurring names) is mentioned.

    Returns
    -------
    DataFrame: article_id, actor, token (index into ``article.tokens`` of the mention's last
    token), start, end, sentence, paragraph, form (as written), voice. Pronouns and role
    descriptions ("the Russian leader") are not counted as mentions.
    """
    aliases = _actor_aliases(article)
    lookup = {alias: actor for actor, names in aliases.items() for alias in names}
    words = word_columns(article)  # plain columns: no copy of the token table per call
    rows: list[list] = []
    for text, token, start, end, sentence, paragraph, voice in zip(
            words["text"], words["token"], words["start"], words["end"], words["sentence"],
            words["paragraph"], words["voice"], strict=True):
        key = _base(text)
        if key not in lookup or not text[:1].isupper():
            continue
        actor = lookup[key]
        previous = rows[-1] if rows else None
        if previous and previous[1] == actor and previous[2] == token - 1:
            # "Vladimir Putin": one mention, ending at the last token of the name.
            previous[2:5] = [token, previous[3], end]
            previous[7] = article.body[previous[3]:end]
            continue
        rows.append([article.id, actor, token, start, end, sentence, paragraph, text, voice])
    return pd.DataFrame(rows, columns=["article_id", "actor", "token", "start", "end", "sentence",
                                       "paragraph", "form", "voice"])


def actor_portrayal(article) -> pd.DataFrame:
    """How each actor is portrayed: the verbs it is the subject of and the words describing it.

    Relations, read from Pattern part-of-speech tags in a short window after each mention:

    - ``subject_of``: the first main verb after the mention (auxiliaries skipped):
      "Putin is sending" -> sending; "Ukraine is winning" -> winning.
    - ``described_as``: adjectives and nouns after a copula: "Russia is becoming a global
      pariah" -> global, pariah.
    - ``possesses``: the noun after a possessive: "Putin's forces" -> forces.
    - ``modifies``: the noun after an adjective form: "Russian troops" -> troops.

    A shallow reading, not a parse: it misses subjects separated from their verbs by clauses.

    Returns
    -------
    DataFrame: article_id, actor, relation, word (lower case), count, sentences, voices.
    """
    mentions = actor_mentions(article)
    tokens = article.tokens
    found: dict[tuple[str, str, str], dict] = {}

    def add(actor, relation, word, sentence, voice):
        entry = found.setdefault((actor, relation, normalise(word, unit="lower")),
                                 {"count": 0, "sentences": [], "voices": []})
        entry["count"] += 1
        if sentence not in entry["sentences"]:
            entry["sentences"].append(sentence)
        if voice not in entry["voices"]:
            entry["voices"].append(voice)

    for mention in mentions.itertuples():
        index = mention.token
        token = tokens[index]
        following = [t for t in tokens[index + 1:index + 10]
                     if t.sentence == token.sentence and t.text not in _QUOTE_MARKS]
        if not following:
            continue
        if token.text.endswith(("'s", "’s")):
            head = _head_noun(following)
            if head:
                add(mention.actor, "possesses", head, mention.sentence, mention.voice)
            continue
        if following[0].pos.startswith("NN") and token.pos in ("JJ", "NNP", "NNPS") and (
                token.text.lower() != mention.actor.lower()):
            add(mention.actor, "modifies", _head_noun(following), mention.sentence, mention.voice)
            continue
        first = index - len(mention.form.split()) + 1  # "Vladimir Putin": index is "Putin"
        before = tokens[first - 1] if first > 0 else None  # never wrap to the article's end
        if before is not None and before.pos in ("IN", "TO") and before.text.lower() not in (
                _CLAUSE_STARTERS):
            continue  # "parts of Ukraine are ...": Ukraine is not the subject
        copula = False
        for t in following:
            lowered = t.text.lower()
            if not t.is_word:
                break
            if lowered in _COPULAS:
                copula = True
            if lowered in _AUX or t.pos == "RB":
                continue
            if t.pos.startswith("VB"):
                add(mention.actor, "subject_of", t.text, mention.sentence, mention.voice)
                break
            if copula and (t.pos.startswith("JJ") or t.pos.startswith("NN")):
                add(mention.actor, "described_as", t.text, mention.sentence, mention.voice)
                continue
            if copula and t.pos in ("DT", "PRP$"):
                continue
            break
    rows = [(article.id, actor, relation, word, e["count"], e["sentences"], e["voices"])
            for (actor, relation, word), e in found.items()]
    table = pd.DataFrame(rows, columns=["article_id", "actor", "relation", "word", "count",
                                        "sentences", "voices"])
    return table.sort_values(["actor", "relation", "count", "word"],
                             ascending=[True, True, False, True], ignore_index=True)
