"""Actor tone: lexicon evidence near a mention, the shipped model, tables per actor and voice."""

from __future__ import annotations

import json

import pytest

from newslib import actor_tone
from newslib.validation import MEASURED_AGREEMENT
from tests.conftest import SHARED_CORPUS, article


def _tone(sentence: str, mention: str) -> dict:
    start = sentence.index(mention)
    return actor_tone.target_tone(sentence, start, start + len(mention))


def test_words_about_the_target_set_its_label():
    praised = _tone("The senator praised Smith for his courage.", "Smith")
    assert praised["label"] == "positive" and "praised" in praised["drivers"]
    lied = _tone("Critics said the mayor lied about the budget.", "mayor")
    assert lied["label"] == "negative" and lied["drivers"].startswith("lied (")
    plain = _tone("Smith met the minister on Tuesday.", "Smith")
    assert plain["label"] == "neutral"
    assert praised == _tone("The senator praised Smith for his courage.", "Smith")
    total = praised["p_negative"] + praised["p_neutral"] + praised["p_positive"]
    assert total == pytest.approx(1.0)
    assert praised["score"] == pytest.approx(praised["p_positive"] - praised["p_negative"])


def test_negation_flips_lexicon_evidence():
    negated = actor_tone.target_features("Smith is not honest.", 0, 5)
    plain = actor_tone.target_features("Smith is honest.", 0, 5)
    assert negated["negated_words"] == 1 and "vader_neg_all" in negated
    assert "vader_pos_all" not in negated
    assert "negated_words" not in plain and "vader_neg_all" not in plain
    # VADER's valence of "honest" (2.3) / 4, flipped with VADER's scalar -0.74.
    assert negated["vader_neg_all"] == pytest.approx(2.3 / 4 * 0.74)
    assert plain["vader_pos_all"] == pytest.approx(2.3 / 4)


def test_contrast_and_commas_bound_the_clause():
    sentence = "Smith was praised, but critics attacked Jones."
    smith = actor_tone.target_features(sentence, 0, 5)
    jones = actor_tone.target_features(sentence, sentence.index("Jones"), len(sentence) - 1)
    assert "vader_pos_clause" in smith and "vader_neg_clause" not in smith
    assert "vader_neg_other_clause" in smith
    assert "vader_neg_clause" in jones and "vader_pos_clause" not in jones
    assert "left:attacked" in jones and "prev:attacked" in jones and "next:was" in smith
    assert "right:smith" not in smith  # the mention itself is masked


def test_shipped_model_states_provenance_and_only_common_words():
    with open(actor_tone.MODEL_PATH, encoding="utf-8") as handle:
        model = json.load(handle)
    assert "NewsMTSC" in model["about"] and "MIT" in model["about"]
    assert model["labels"] == list(actor_tone.LABELS)
    assert model["min_sentences"] >= 20
    words = {name.split(":", 1)[1] for name in model["weights"] if ":" in name}
    assert words and all(w.replace("'", "").isalnum() for w in words)
    assert len(model["weights"]) < 5000


def test_actor_tone_tables_by_actor_and_voice():
    parsed = article('Germany praised France for its courage. "France has been a loyal and '
                     'generous friend," said Olaf Scholz. Critics accused Germany of lying '
                     "about the deal.", id="x")
    table = actor_tone.actor_tone(parsed)
    assert list(table.columns) == actor_tone.ACTOR_TONE_COLUMNS
    germany = table[table["form"] == "Germany"]
    assert germany["label"].tolist() == ["positive", "negative"]
    assert "accused" in germany["drivers"].iloc[1]
    quoted = table[(table["form"] == "France") & (table["voice"] != "narration")]
    assert quoted["voice"].tolist() == ["Olaf Scholz"]
    summary = actor_tone.actor_tone_summary(table).set_index(["actor", "voice"])
    row = summary.loc[("Germany", "narration")]
    assert row["negative"] >= 1 and row["positive"] >= 1
    assert row["mentions"] == row["negative"] + row["neutral"] + row["positive"]
    assert "accused x1" in row["drivers"]
    empty = actor_tone.actor_tone(article("It rained all day.", id="y"))
    assert empty.empty and actor_tone.actor_tone_summary(empty).empty


def test_docstring_cites_the_recorded_figures():
    doc = " ".join(actor_tone.__doc__.split())
    _, f1, low, high, *_ = MEASURED_AGREEMENT[("actor_tone", "rw", "test")]
    assert f"macro-F1 {f1:.2f} (95% CI {low:.2f}-{high:.2f}) on NewsMTSC test-rw" in doc
    _, f1, low, high, *_ = MEASURED_AGREEMENT[("actor_tone", "mt", "test")]
    assert f"{f1:.2f} (95% CI {low:.2f}-{high:.2f}) on test-mt" in doc


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED_CORPUS / "newsmtsc").exists(), reason="NewsMTSC not in ../shared")
def test_training_reproduces_the_shipped_model(tmp_path):
    from newslib.train_actor_tone import main

    out = tmp_path / "model.json"
    assert main(["--data", str(SHARED_CORPUS / "newsmtsc"), "--output", str(out)]) == 0
    fitted = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(actor_tone.MODEL_PATH.read_text(encoding="utf-8"))
    for key in ("weights", "intercept", "scales", "c", "min_sentences"):
        assert fitted[key] == shipped[key]


def test_lexicon_words_beyond_the_context_bound_are_not_read():
    filler = " ".join(["and"] * (actor_tone.MAX_CONTEXT - 1))
    near = f"Smith {filler} wonderful"  # "wonderful" is MAX_CONTEXT tokens after Smith
    far = f"Smith {filler} and wonderful"
    assert "vader_pos_all" in actor_tone.target_features(near, 0, 5)
    assert "vader_pos_all" not in actor_tone.target_features(far, 0, 5)
