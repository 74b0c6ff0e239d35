"""Word usage measures on the seed and on small texts whose answers are known."""

from __future__ import annotations

import math

import pytest

from newslib import usage
from tests.conftest import article

# Syllable counts from a dictionary; the estimator is allowed to miss these four by one.
SYLLABLES = {
    "the": 1, "deaths": 1, "mobilise": 3, "reprehensible": 5, "population": 4, "international": 5,
    "table": 2, "failing": 2, "escalation": 4, "nuclear": 3, "blackmail": 2, "russia": 2,
    "ukraine": 2, "people": 2, "violent": 3, "media": 3, "created": 3, "wanted": 2, "jumped": 1,
    "used": 1, "makes": 1, "boxes": 2, "propaganda": 4, "pariah": 3, "ill-equipped": 3,
    "territorial": 5, "integrity": 4, "statements": 2, "citizens": 3, "annexation": 4,
    "reservists": 3, "sovereignty": 3, "area": 3, "idea": 3, "science": 2, "being": 2, "every": 3,
    "business": 3, "fire": 1, "hte": 1, "audience": 3, "bluff": 1, "defence": 2, "secretary": 4,
    "minister": 3, "president": 3, "union": 2, "quiet": 2,
}
KNOWN_MISSES = {"nuclear", "statements", "sovereignty", "union"}


def test_syllable_estimates():
    for word, expected in SYLLABLES.items():
        got = usage.syllables(word)
        if word in KNOWN_MISSES:
            assert abs(got - expected) == 1, word
        else:
            assert got == expected, word


def test_frequencies_count_lemmas_and_rates(seed):
    table = usage.frequencies(seed, stopwords=False).set_index("term")
    assert table.loc["putin", "count"] == 5  # Putin x2, Putin's x2 and Putin’s, as one lemma
    assert table.loc["death", "count"] == 2  # "deaths" singularised
    # Russians (P0) and Russian in P1, P2, P6, P7, P9, P11, P12: the plural is singularised.
    assert table.loc["russian", "count"] == 8
    assert math.isclose(table.loc["death", "per_1000"], 2 / 411 * 1000)
    assert "the" not in table.index
    with_stop = usage.frequencies(seed).set_index("term")
    assert with_stop.loc["the", "count"] > 20


def test_ngrams_find_the_seeds_repeated_phrases(seed):
    trigrams = usage.ngrams(seed, n=3).set_index("ngram")["count"]
    assert trigrams["tens of thousands"] == 3
    assert trigrams["ill-equipped and badly"] == 2
    assert "of the" not in usage.ngrams(seed, n=2)["ngram"].tolist()


def test_collocations_rank_fixed_phrases(seed):
    table = usage.collocations(seed)
    pairs = list(zip(table["word1"], table["word2"], strict=True))
    assert ("badly", "led") in pairs
    row = table[(table["word1"] == "badly") & (table["word2"] == "led")].iloc[0]
    assert row["count"] == 2 and row["pmi"] > 5 and row["log_likelihood"] > 10


def test_llr_matches_scipys_g_test():
    from scipy.stats import chi2_contingency

    for table in ([[10, 20], [30, 940]], [[2, 0], [5, 400]], [[50, 50], [50, 50]]):
        g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert usage._llr(*table[0], *table[1]) == pytest.approx(g2, abs=1e-9)


def test_kwic_finds_putin_in_all_forms(seed):
    table = usage.kwic(seed, "Putin")
    assert len(table) == 5
    assert set(table["keyword"]) == {"Putin", "Putin's", "Putin’s"}
    for row in table.itertuples():
        assert seed.body[row.start:row.end] == row.keyword
    assert "nuclear" in " ".join(usage.kwic(seed, "blackmail")["left"])


def test_dispersion_positions_and_juilland(seed):
    table = usage.dispersion(seed, ["Putin", "nuclear"])
    assert table["position"].between(0, 1).all()
    nuclear = table[table["term"] == "nuclear"]
    assert nuclear["paragraph"].tolist() == [8, 9]
    d = table.attrs["juilland_d"]
    assert d["Putin"] > d["nuclear"]


def test_lexical_diversity():
    table = usage.lexical_diversity(article("the cat the cat the cat the cat"))
    row = table.iloc[0]
    assert (row.words, row.types) == (8, 2)
    assert row.type_token_ratio == 0.25
    # TTR falls to 2/3 <= 0.72 at words 3 and 6 (two factors; "the cat" left has TTR 1, adding
    # nothing): 8 words / 2 factors = 4, in both directions.
    assert row.mtld == pytest.approx(4.0)
    varied = usage.lexical_diversity(article(" ".join(f"word{i % 40}" for i in range(120))))
    assert varied.iloc[0].mtld > 10 * row.mtld


def test_readability_of_simple_and_hard_text():
    easy = usage.readability(article("The cat sat. The dog ran. We had fun."))
    hard = usage.readability(article(
        "International representatives characterised the unprecedented mobilisation as "
        "fundamentally destabilising considering territorial integrity obligations."))
    assert easy.iloc[0].flesch_reading_ease > 90
    assert hard.iloc[0].flesch_reading_ease < 0
    assert hard.iloc[0].flesch_kincaid_grade > easy.iloc[0].flesch_kincaid_grade + 10


def test_keyness_vs_english_puts_topic_words_first(seed):
    table = usage.keyness_vs_english(seed)
    top = table["term"].head(10).tolist()
    assert top[:2] == ["putin", "mobilise"] or {"putin", "mobilise", "russian"} <= set(top[:4])
    assert (table["log_likelihood"].head(10) > 15.13).all()
    assert table.set_index("term").loc["putin", "log_ratio"] > 5
    assert "the" not in table["term"].tolist()


def test_keyness_between_groups():
    a = [article("Nuclear threat. Nuclear blackmail. Nuclear weapons. Troops ready.", id="a")]
    b = [article("Grain exports. Grain ships. Grain prices. Troops ready.", id="b")]
    table = usage.keyness_between({"war": a, "trade": b})
    war = table[table["group"] == "war"].set_index("term")
    assert war.loc["nuclear", "log_likelihood"] > 0
    assert "troops" not in war.index or war.loc["troops", "log_likelihood"] == pytest.approx(0)


def test_typo_hte_is_flagged_and_rare_words_are_not(seed):
    table = usage.typos(seed)
    assert table[["word", "suggestion"]].values.tolist() == [["hte", "the"]]
    row = table.iloc[0]
    assert seed.body[row.start:row.end] == "hte"
    assert row.paragraph == 12


@pytest.mark.parametrize("word", ["hte", "teh", "recieve", "speling", "pariah"])
def test_spelling_suggestion_equals_textblobs_for_one_edit_words(word):
    from textblob import Word

    expected = Word(word).spellcheck()[0]
    assert usage.spelling_suggestion(word) == pytest.approx(expected)
