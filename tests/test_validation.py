"""Agreement statistics (hand-computed), labelled-file readers, tone evaluation, sampling."""

from __future__ import annotations

import csv
import json
import math

import pytest

from newslib import validation
from newslib.cli import main
from tests.conftest import SHARED_CORPUS, article

NEWSMTSC = SHARED_CORPUS / "newsmtsc"


def test_cohen_kappa_by_hand():
    first = ["positive", "positive", "negative", "neutral"]
    second = ["positive", "negative", "negative", "neutral"]
    # p_o = 3/4; p_e = (2/4)(1/4) + (1/4)(2/4) + (1/4)(1/4) = 0.3125;
    # kappa = (0.75 - 0.3125) / 0.6875 = 0.63636...
    assert validation.cohen_kappa(first, second) == pytest.approx(0.4375 / 0.6875)
    assert validation.cohen_kappa(first, first) == pytest.approx(1.0)


def test_cohen_kappa_undefined_case():
    # Both coders give every unit the same single label: p_e = 1, kappa undefined.
    assert math.isnan(validation.cohen_kappa(["neutral"] * 3, ["neutral"] * 3))
    # One coder constant, the other not: p_e = 2/3 = p_o, kappa 0, defined.
    assert validation.cohen_kappa(["neutral"] * 3, ["neutral", "neutral", "positive"]) == (
        pytest.approx(0.0))
    assert math.isnan(validation.cohen_kappa([], []))


def test_krippendorff_alpha_textbook_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", binary data, two
    # observers, no missing values: alpha = 1 - (n - 1) o_01 / (n_0 n_1) = 1 - 19 x 4 / (14 x 6).
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert validation.krippendorff_alpha(first, second) == pytest.approx(1 - 19 * 4 / (14 * 6))
    assert validation.krippendorff_alpha(first, first) == pytest.approx(1.0)
    assert math.isnan(validation.krippendorff_alpha([1, 1], [1, 1]))


def test_macro_f1_by_hand():
    truth = ["negative", "neutral", "positive", "positive"]
    guess = ["negative", "negative", "positive", "neutral"]
    # negative: 2*1/(2+1+0) = 2/3; neutral: 0/(0+1+1) = 0; positive: 2/(2+0+1) = 2/3.
    f1, per_class = validation.macro_f1(truth, guess)
    assert per_class == pytest.approx({"negative": 2 / 3, "neutral": 0.0, "positive": 2 / 3})
    assert f1 == pytest.approx(4 / 9)


def test_bootstrap_interval_is_reproducible_and_brackets_the_mean():
    values = [0.0, 1.0] * 20

    def mean(idx):
        return sum(values[i] for i in idx) / len(idx)

    low, high = validation.bootstrap_interval(mean, len(values), samples=300)
    assert (low, high) == validation.bootstrap_interval(mean, len(values), samples=300)
    assert low < 0.5 < high
    constant = validation.bootstrap_interval(lambda idx: 0.25, 5, samples=50)
    assert constant == (0.25, 0.25)
    assert all(math.isnan(v) for v in validation.bootstrap_interval(lambda idx: math.nan, 5,
                                                                    samples=10))


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_read_labelled_jsonl_formats_and_csv(tmp_path):
    text = "Critics said the mayor lied about the budget."
    release = _write(tmp_path / "release.jsonl", [{
        "primary_gid": "x", "sentence_normalized": text,
        "targets": [{"Input.gid": "x", "from": 17, "to": 22, "mention": "mayor",
                     "polarity": 2.0}]}])  # offsets one character off, as in some releases
    units = validation.read_labelled(release)
    assert [(u["start"], u["end"], u["label"]) for u in units] == [(17, 22, "negative")]
    assert text[units[0]["start"]:units[0]["end"]] == "mayor"
    converted = _write(tmp_path / "converted.jsonl", [{
        "id": "x", "text": text, "targets": [{"mention": "mayor", "from": 17, "to": 22,
                                              "label": "negative"}]}])
    assert validation.read_labelled(converted)[0]["label"] == "negative"
    table = tmp_path / "labels.csv"
    table.write_text("text,target,label\n"
                     f"{text},mayor,Negative\n"
                     "The sun rose.,,neutral\n"
                     "The sun set.,,\n", encoding="utf-8")
    rows = validation.read_labelled(table)
    assert [(r["target"], r["label"]) for r in rows] == [("mayor", "negative"),
                                                          (None, "neutral"), (None, None)]


@pytest.mark.parametrize("content, problem", [
    ("text,target,label\nThe sun rose.,,glad\n", "unknown label 'glad'"),
    ("text,target,label\nThe sun rose.,moon,neutral\n", "target 'moon' not in the text"),
    ("words,label\nx,neutral\n", "needs the columns text and label"),
])
def test_read_labelled_names_file_and_problem(tmp_path, content, problem):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(validation.LabelError, match=problem) as error:
        validation.read_labelled(path)
    assert str(path) in str(error.value)


def test_evaluate_tone_on_invented_labels(tmp_path):
    rows = [
        ("The senator praised Smith for his courage.", "Smith", "positive"),
        ("Critics said the mayor lied about the budget.", "mayor", "negative"),
        ("Smith met the minister on Tuesday.", "Smith", "neutral"),
        ("It was a wonderful, happy day.", "", "positive"),
    ]
    path = tmp_path / "labels.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("text", "target", "label"), *rows])
    table = validation.evaluate_tone(validation.read_labelled(path), samples=50).set_index(
        "method")
    assert list(table.index) == ["textblob_sentence", "vader_sentence", "actor_tone"]
    assert table.loc["vader_sentence", "units"] == 4
    assert table.loc["actor_tone", "units"] == 3  # the sentence without a target is skipped
    assert table.loc["actor_tone", "accuracy"] == 1.0
    assert table.loc["actor_tone", "macro_f1_low"] <= table.loc["actor_tone", "macro_f1"]


def test_cli_evaluate_tone(tmp_path, capsys):
    path = tmp_path / "labels.csv"
    path.write_text("text,target,label\nThe senator praised Smith.,Smith,positive\n"
                    "Critics said the mayor lied.,mayor,negative\n", encoding="utf-8")
    assert main(["evaluate", "tone", str(path), "--samples", "20"]) == 0
    out = capsys.readouterr().out
    assert "actor_tone" in out and "vader_sentence" in out and "macro-F1 [95% CI]" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["evaluate", "tone", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"newslib: {bad}: line 1: not JSON")


def test_sample_is_reproducible_and_stratified(tmp_path, capsys):
    articles = [article('Maria Lopez said the plan was "a disaster for everyone". The vote was '
                        "close. Maria Lopez left early.", id="one"),
                article("Germany and France signed the treaty. Germany said it was fair. "
                        "France agreed.", id="two")]
    table = validation.sample(articles, size=6, seed=3)
    assert table.equals(validation.sample(articles, size=6, seed=3))
    assert len(table) == 6 and set(table["label"]) == {""}
    counts = table["unit"].value_counts()
    assert counts["quote"] == 1  # the only quotation; the rest is shared by the other types
    assert counts["sentence"] + counts["mention"] == 5 and min(counts) >= 1
    mentions = table[table["unit"] == "mention"]
    for row in mentions.itertuples():
        assert row.text[row.start_in_text:].startswith(row.target)
    with pytest.raises(ValueError, match="unknown unit"):
        validation.sample(articles, units=["word"])
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Germany and France signed. Germany said it was fair.",
                                  encoding="utf-8")
    out = tmp_path / "sample.csv"
    assert main(["sample", str(folder), "-o", str(out), "-n", "3", "--units",
                 "sentence,mention"]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == (
        "unit,article_id,sentence,text,target,start_in_text,label")
    assert main(["sample", str(folder), "-o", str(out), "--units", "word"]) == 2


def test_agreement_note_cites_the_recorded_figures():
    note = validation.agreement_note("vader_sentence")
    f1 = validation.MEASURED_AGREEMENT[("vader_sentence", "rw", "test")][1]
    assert note.startswith(f"macro-F1 {f1:.2f} (95% CI ")
    assert note.endswith("NewsMTSC test-rw; fine-tuned model 0.831")
    table = validation.measured_agreement()
    assert len(table) == 12 and table["fine_tuned_macro_f1"].notna().sum() == 6


@pytest.mark.skipif(not NEWSMTSC.exists(), reason="NewsMTSC not in ../shared")
def test_recorded_dev_figures_match_the_evaluation():
    units = validation.read_labelled(NEWSMTSC / "splits" / "rw" / "dev.jsonl")
    assert len(units) == 343
    converted = validation.read_labelled(NEWSMTSC / "newslib" / "rw_dev.jsonl")
    assert [u["label"] for u in converted] == [u["label"] for u in units]
    table = validation.evaluate_tone(units, samples=1000).set_index("method")
    for method, row in table.iterrows():
        recorded = validation.MEASURED_AGREEMENT[(method, "rw", "dev")]
        measured = (row.accuracy, row.macro_f1, row.macro_f1_low, row.macro_f1_high,
                    row.f1_negative, row.f1_neutral, row.f1_positive)
        assert measured == pytest.approx(recorded, abs=5e-4)
    # The primary labels are the best of their kind on dev.
    assert table.loc["vader_sentence", "macro_f1"] > table.loc["textblob_sentence", "macro_f1"]
    assert table.loc["actor_tone", "macro_f1"] > table.loc["vader_sentence", "macro_f1"]


@pytest.mark.slow
@pytest.mark.skipif(not NEWSMTSC.exists(), reason="NewsMTSC not in ../shared")
@pytest.mark.parametrize("data, split", [("rw", "test"), ("mt", "dev"), ("mt", "test")])
def test_recorded_figures_match_the_evaluation(data, split):
    units = validation.read_labelled(NEWSMTSC / "splits" / data / f"{split}.jsonl")
    table = validation.evaluate_tone(units, samples=1000).set_index("method")
    for method, row in table.iterrows():
        recorded = validation.MEASURED_AGREEMENT[(method, data, split)]
        assert (row.accuracy, row.macro_f1, row.macro_f1_low, row.macro_f1_high,
                row.f1_negative, row.f1_neutral, row.f1_positive) == pytest.approx(
            recorded, abs=5e-4)


def test_macro_f1_leaves_out_absent_classes():
    # Only negative and neutral occur: macro over those two, positive is NaN.
    f1, per_class = validation.macro_f1(["negative", "neutral"], ["negative", "negative"])
    assert f1 == pytest.approx((2 / 3 + 0.0) / 2)
    assert math.isnan(per_class["positive"])
