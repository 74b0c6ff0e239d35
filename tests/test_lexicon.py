"""Word lists and the matcher: the shipped evaluative list is its stated rule, and every
matching rule fires where it should and only there."""

from __future__ import annotations

import pytest

from newslib.lexicon import (
    MIN_VADER_VALENCE,
    build_evaluative_words,
    lexicon_header,
    lexicon_rows,
    lexicon_words,
    match_terms,
    vader_valences,
)

MATCHED = ["stance_markers.tsv", "evaluative_words.tsv", "topic_words.tsv"]


def test_the_shipped_evaluative_list_is_the_stated_rule():
    assert lexicon_rows("evaluative_words.tsv") == tuple(build_evaluative_words())
    assert f"|mean valence| >= {MIN_VADER_VALENCE}" in lexicon_header("evaluative_words.tsv")


def test_evaluative_list_follows_vader_topic_and_exclusions():
    words = {row[0]: row for row in lexicon_rows("evaluative_words.tsv")}
    valences = vader_valences()
    assert valences["evil"] == -3.4 and words["evil"][1:] == ("negative", "", "-3.4", "VADER")
    assert valences["killed"] <= -MIN_VADER_VALENCE and "killed" not in words  # topic word
    assert valences["united"] >= MIN_VADER_VALENCE and "united" not in words  # a name
    assert abs(valences["retreat"]) < MIN_VADER_VALENCE and "retreat" not in words
    assert words["thug"][4] == "hand" and "thug" not in valences
    assert not lexicon_words("topic_words.tsv") & set(words)


@pytest.mark.parametrize("name", ["evaluative_words.tsv", "evaluative_exclusions.tsv",
                                  "evaluative_additions.tsv", "topic_words.tsv",
                                  "stance_markers.tsv"])
def test_headers_say_how_entries_were_chosen(name):
    header = lexicon_header(name)
    for field in ("Source:", "Selection rule", "License:", "Size:", "2026"):
        assert field in header, f"{name} lacks {field}"


def test_no_entry_comes_from_the_seed_article():
    stance = lexicon_words("stance_markers.tsv")
    for phrase in ("breaking of", "badly led", "no amount", "the fact that", "vary", "widely",
                   "badly", "most", "such", "all", "their", "our"):
        assert phrase not in stance
    assert not {"breaking of", "badly led", "admission"} & lexicon_words("evaluative_words.tsv")


@pytest.mark.parametrize("name", MATCHED)
def test_every_condition_parses(name):
    match_terms(["x"], name)  # term_index raises on an unknown condition


def test_case_rule():
    # lower-case entry: lower-case word, or capitalised at a sentence start only
    kwargs = {"pos": ["PRP", "VBD"], "adjacent": [True, False]}
    assert match_terms(["us", "left"], "stance_markers.tsv", texts=["US", "left"],
                       initial=[True, False], **kwargs) == []
    assert match_terms(["us", "left"], "stance_markers.tsv", texts=["Us", "left"],
                       initial=[False, False], **kwargs) == []
    assert match_terms(["us", "left"], "stance_markers.tsv", texts=["Us", "left"],
                       initial=[True, False], **kwargs) == [(0, 1, "us", "first_person_plural")]


def test_conditions_on_part_of_speech_and_next_word():
    def stance(words, tags):
        return match_terms([w.lower() for w in words], "stance_markers.tsv", texts=words,
                           pos=tags, initial=[False] * len(words))
    assert stance(["may", "go"], ["MD", "VB"]) == [(0, 1, "may", "modal_weak")]
    assert stance(["may", "go"], ["NNP", "VB"]) == []  # pos=MD
    assert stance(["very", "big"], ["RB", "JJ"]) == [(0, 1, "very", "intensifier")]
    assert stance(["very", "much"], ["RB", "JJ"]) == [(0, 1, "very", "intensifier")]
    assert stance(["very", "man"], ["RB", "NN"]) == []  # next_pos=JJ|RB|VBN
    assert stance(["about", "300"], ["IN", "CD"]) == [(0, 1, "about", "hedge")]
    assert stance(["about", "it"], ["IN", "PRP"]) == []  # next_pos=CD


def test_phrases_need_adjacent_words():
    words = ["of", "course"]
    assert match_terms(words, "stance_markers.tsv") == [(0, 2, "of course", "booster")]
    assert match_terms(words, "stance_markers.tsv", adjacent=[False, False]) == []
