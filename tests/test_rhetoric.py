"""Rhetoric measures: voices, reporting verbs, stance, loaded language, repetition, triads,
actor portrayal."""

from __future__ import annotations

import pytest

from newslib import rhetoric
from newslib.lexicon import lexicon_header, lexicon_rows, match_terms
from tests.conftest import article

LEXICONS = ["reporting_verbs.tsv", "titles.tsv", "role_nouns.tsv", "stance_markers.tsv",
            "loaded_terms.tsv", "demonyms.tsv"]


@pytest.mark.parametrize("name", LEXICONS)
def test_every_lexicon_has_an_honest_header(name):
    header = lexicon_header(name)
    for field in ("Source:", "License:", "Size:"):
        assert field in header, f"{name} lacks {field}"
    stated = int(header.split("Size:")[1].split()[0])
    assert stated == len(lexicon_rows(name))


def test_quote_share_of_the_seed(seed):
    # 411 words; narration keeps 173 of them, so 238 are inside quotation marks.
    assert rhetoric.quote_share(seed) == pytest.approx(238 / 411)


def test_voices_of_the_seed(seed):
    table = rhetoric.voices(seed).set_index("voice")
    assert list(table.index) == ["narration", "Ben Wallace", "Gillian Keegan", "Vladimir Putin",
                                 "A Downing Street spokesperson"]
    assert table.loc["narration", "words"] == 173
    assert table["words"].sum() == 411
    assert table.loc["Ben Wallace", "quotations"] == 4
    assert table.loc["Gillian Keegan", "words"] == 4  # "clearly an escalation" + "concerning"
    assert table.loc["Vladimir Putin", "reporting_verbs"] == "accuse, criticise, tell, add"
    assert table.loc["Vladimir Putin", "loaded_verbs"] == 2
    assert table.loc["A Downing Street spokesperson", "voice_kind"] == "unnamed"
    assert table["word_share"].sum() == pytest.approx(1.0)


def test_reporting_verbs_grouped_by_stance(seed):
    table = rhetoric.reporting_verbs(seed).set_index("cue_lemma")
    assert table.loc["say", "count"] == 6  # one "said" introduces both of Keegan's quotes
    assert table.loc["say", "stance"] == "neutral"
    assert table.loc["accuse", "stance"] == "loaded"
    assert table.loc["accuse", "speakers"] == "Vladimir Putin"
    assert "blame" in table.loc["accuse", "note"]


def test_stance_markers_per_voice():
    text = ('Officials said the plan may perhaps work. Mr Smith said: "We will certainly win. '
            'They must surely lose."')
    table = rhetoric.stance_markers(article(text))
    counts = table.set_index(["voice", "category"])["count"]
    assert counts[("narration", "hedge")] == 1  # perhaps
    assert counts[("narration", "modal_weak")] == 1  # may
    assert counts[("Mr Smith", "booster")] == 2  # certainly, surely
    assert counts[("Mr Smith", "modal_strong")] == 2  # will, must
    assert counts[("Mr Smith", "we")] == 1 and counts[("Mr Smith", "they")] == 1
    assert counts[("all quoted speech", "booster")] == 2
    per_1000 = table.set_index(["voice", "category"])["per_1000"]
    words = table.set_index(["voice", "category"])["words"][("Mr Smith", "we")]
    assert per_1000[("Mr Smith", "we")] == pytest.approx(1000 / words)


def test_loaded_language_in_the_seed_and_who_uses_it(seed):
    table = rhetoric.loaded_language(seed)
    by_term = table.groupby("term")["voice"].apply(set)
    assert by_term["pariah"] == {"Ben Wallace"}
    assert by_term["blackmail"] == {"Vladimir Putin"}
    assert by_term["reprehensible"] == {"A Downing Street spokesperson"}
    assert by_term["illegal"] == {"Ben Wallace"}
    assert "badly led" in by_term.index and "badly" not in by_term.index


def test_match_terms_prefers_longer_entries():
    words = ["the", "fact", "that", "troops", "were", "badly", "led"]
    assert match_terms(words, "stance_markers.tsv") == [(0, 3, "the fact that", "booster"),
                                                        (5, 6, "badly", "intensifier")]
    assert match_terms(words, "loaded_terms.tsv") == [(5, 7, "badly led", "failure")]


def test_repetition_finds_the_seeds_repeated_phrases(seed):
    table = rhetoric.repetition(seed)
    phrases = dict(zip(table["phrase"], table["count"], strict=True))
    assert phrases["ill-equipped and badly led"] == 2
    assert phrases["tens of thousands of ... to their deaths"] == 2
    assert phrases["admission that his invasion is failing"] == 2
    assert phrases["tens of thousands"] == 3  # twice in the quote-framed phrase, once alone
    assert "tens of thousands ... to their deaths" not in phrases  # covered by the longer one
    assert "the war" not in phrases  # two-word phrases need two content words
    row = table[table["phrase"] == "ill-equipped and badly led"].iloc[0]
    assert [seed.body[s:e] for s, e in row.spans] == ["ill-equipped and badly led"] * 2
    assert row.voices == ["Ben Wallace"]


def test_lists_of_three(seed):
    table = rhetoric.lists_of_three(seed)
    assert len(table) == 1
    assert table.iloc[0]["items"] == ["Ukraine is winning this war",
                                      "the international community are united",
                                      "Russia is becoming a global pariah"]
    assert table.iloc[0]["voice"] == "Ben Wallace"
    simple = rhetoric.lists_of_three(article("They wanted bread, land and peace."))
    assert simple.iloc[0]["items"] == ["bread", "land", "peace"]
    assert rhetoric.lists_of_three(article("We met, to protect Russia and our people.")).empty


def test_actor_portrayal(seed):
    table = rhetoric.actor_portrayal(seed)
    rows = {(r.actor, r.relation, r.word) for r in table.itertuples()}
    assert ("Vladimir Putin", "subject_of", "sending") in rows
    assert ("Vladimir Putin", "subject_of", "accused") in rows
    assert ("Vladimir Putin", "possesses", "forces") in rows
    assert ("Ukraine", "subject_of", "winning") in rows
    assert ("Russia", "subject_of", "becoming") in rows
    assert ("Russia", "modifies", "troops") in rows
    assert ("UK", "possesses", "secretary") in rows
    assert not any(actor == "Ukraine" and word == "admission" for actor, _, word in rows)


def test_actor_mentions_count_a_full_name_once(seed):
    mentions = rhetoric.actor_mentions(seed)
    first = mentions.iloc[0]
    assert (first.actor, first.form) == ("Vladimir Putin", "Vladimir Putin")
    assert (mentions["actor"] == "Vladimir Putin").sum() == 5
