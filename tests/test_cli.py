"""The command-line contract other tools rely on."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newslib", *args], capture_output=True, text=True, cwd=ROOT,
        timeout=120,
    )


def test_parse_prints_one_json_object_per_article(seed_path, seed):
    result = run("parse", str(seed_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == {"path", "id", "date", "paragraphs", "sentences", "warnings"}
    assert record["date"] == "2022-09-21"
    assert record["id"] == "000_55b6456ee109d161"
    assert record["paragraphs"] == [p.text for p in seed.paragraphs]
    body = "\n\n".join(record["paragraphs"])
    for sentence in record["sentences"]:
        assert body[sentence["start"]:sentence["end"]] == sentence["text"]
        assert set(sentence) == {"text", "start", "end", "paragraph"}
    assert record["warnings"] == []
    assert result.stderr == ""


def test_quotes_prints_one_json_object_per_quotation(seed_path, seed):
    result = run("quotes", str(seed_path))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 11
    assert set(records[0]) == {"path", "paragraph", "start", "end", "text", "speaker", "cue",
                               "in_headline"}
    assert records[0]["speaker"] == "Ben Wallace"
    assert records[3]["cue"] is None  # the multi-paragraph continuation has no verb
    assert records[9] == {
        "path": str(seed_path), "paragraph": 10, "start": records[9]["start"],
        "end": records[9]["end"], "text": "It's not a bluff.", "speaker": "Vladimir Putin",
        "cue": "adding", "in_headline": False,
    }
    assert seed.body[records[9]["start"]:records[9]["end"]] == "It's not a bluff."


def test_bad_inputs_exit_2_with_one_line_each_and_good_ones_still_processed(tmp_path, seed_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes(b" date 2022-09-21 caf\xe9")
    (tmp_path / "impossible.txt").write_text(" date 2022-02-30 Text.")
    (tmp_path / "noheader.txt").write_text("Text without a header.")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    result = run(
        "parse", str(tmp_path / "empty.txt"), str(seed_path), str(tmp_path / "latin1.txt"),
        str(tmp_path / "impossible.txt"), str(tmp_path / "noheader.txt"), str(empty_dir),
        str(tmp_path / "missing.txt"),
    )
    assert result.returncode == 2
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["000_55b6456ee109d161", "noheader"]
    errors = [line for line in result.stderr.splitlines() if not line.startswith("newslib: warning:")]
    assert errors == [
        f"newslib: {tmp_path / 'empty.txt'}: empty file: no text",
        f"newslib: {tmp_path / 'latin1.txt'}: not valid UTF-8 (byte 0xe9 at offset 20); "
        "re-save the file as UTF-8",
        f"newslib: {tmp_path / 'impossible.txt'}: date 2022-02-30 in the header does not exist",
        f"newslib: {empty_dir}: folder has no articles (*.txt, *.csv, *.jsonl, *.ndjson, *.html, *.htm)",
        f"newslib: {tmp_path / 'missing.txt'}: no such file or folder",
    ]
    assert "Traceback" not in result.stderr
    assert (
        f"newslib: warning: {tmp_path / 'noheader.txt'}: no ' date YYYY-MM-DD ' header"
        in result.stderr
    )


def test_missing_header_alone_is_exit_0_with_warning_in_json(tmp_path):
    path = tmp_path / "noheader.txt"
    path.write_text('He said "this never closes.')
    result = run("parse", str(path))
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["date"] is None
    assert len(record["warnings"]) == 2
    assert "never closed" in record["warnings"][1]
