"""The quote evaluation: a hand-computed case, and the development-set targets (issue 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslib.cli import main
from newslib.evaluate import evaluate_quotes

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEV_SETS = [SHARED / "gold" / "quotes_dev.json", SHARED / "peer-cases" / "gold.json"]


def test_hand_computed_figures(tmp_path):
    # Invented article: a quotation by Jane Ross, its follow-on, and a scare quote.
    (tmp_path / "a.txt").write_text(
        '"It works," said Jane Ross. "It is cheap."\n\n'
        'The so-called "golden rule" was broken.', encoding="utf-8")
    gold = {"a.txt": {"quotes": [
        {"text": "It works,", "speaker": "Jane Ross", "cue": "said", "paragraph": 0},
        {"text": "It is cheap.", "speaker": "Tom Hill", "cue": None, "paragraph": 0},
        {"text": "never said", "speaker": "Tom Hill", "cue": "said"},
    ], "not_quotes": ["golden rule"]}}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = evaluate_quotes(path)
    # Predicted speech: "It works," and "It is cheap." (the scare quote is not speech).
    assert (result.predicted, result.matched_predictions) == (2, 2)
    assert (result.gold_units, result.matched_units) == (3, 2)
    assert result.precision == 1.0 and result.recall == pytest.approx(2 / 3)
    assert result.f1 == pytest.approx(2 * 1 * (2 / 3) / (1 + 2 / 3))
    # Speakers: Jane Ross right, the follow-on wrong on purpose (gold says Tom Hill).
    assert (result.speaker_correct, result.speaker_total) == (1, 2)
    assert (result.cue_correct, result.cue_total) == (2, 2)
    problems = sorted(f["problem"] for f in result.failures)
    assert problems == ["missed", "speaker"]


def test_surname_alone_is_a_wrong_speaker(tmp_path):
    (tmp_path / "a.txt").write_text('"It works," said Ross.', encoding="utf-8")
    gold = {"a.txt": {"quotes": [{"text": "It works,", "speaker": "Jane Ross"}]}}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert evaluate_quotes(tmp_path / "gold.json").speaker_correct == 0
    gold["a.txt"]["quotes"][0]["speaker_alt"] = ["ross"]
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert evaluate_quotes(tmp_path / "gold.json").speaker_correct == 1


def test_cli_prints_figures_and_refuses_a_bad_gold_file(tmp_path, capsys):
    (tmp_path / "a.txt").write_text('"It works," said Jane Ross.', encoding="utf-8")
    gold = {"a.txt": {"quotes": [{"text": "It works,", "speaker": "Jane Ross"}]}}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["evaluate", "quotes", str(tmp_path / "gold.json")]) == 0
    assert "F1                    1.000" in capsys.readouterr().out
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert main(["evaluate", "quotes", str(tmp_path / "bad.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def _dev(path: Path):
    if not path.exists():
        pytest.skip(f"{path} not present")
    return evaluate_quotes(path)


def test_peer_cases_reach_the_issue_targets():
    result = _dev(DEV_SETS[1])
    assert result.f1 >= 0.95 and result.speaker_accuracy >= 0.90


def test_bbc_dev_set_reaches_the_issue_targets():
    result = _dev(DEV_SETS[0])
    assert result.f1 >= 0.95 and result.speaker_accuracy >= 0.90
