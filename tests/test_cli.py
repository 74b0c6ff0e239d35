"""The command-line contract other tools rely on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

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


# -- One guard per article; errors together at the end; never a traceback ------------------------

def two_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-09-21 The minister said it would work.")
    (folder / "b.txt").write_text(" date 2022-09-22 Critics disagreed on Monday.")
    (folder / "c.txt").write_bytes(b"")
    return folder


def test_parse_article_whose_analysis_fails_is_one_error_line(tmp_path, monkeypatch, capsys):
    from newslib import cli

    folder = two_articles(tmp_path)
    original = cli._parse_record

    def record(article):
        if article.id == "a":
            raise RecursionError("maximum recursion depth exceeded\nwhile parsing")
        return original(article)

    monkeypatch.setattr(cli, "_parse_record", record)
    assert cli.main(["parse", str(folder)]) == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["b"]
    assert captured.err.splitlines() == [
        f"newslib: {folder / 'a.txt'}: could not be analysed (RecursionError: maximum recursion "
        "depth exceeded while parsing)",
        f"newslib: {folder / 'c.txt'}: empty file: no text",
    ]


def test_unexpected_failure_is_one_line_not_a_traceback(monkeypatch, capsys):
    from newslib import cli

    def broken(args):
        raise KeyError("surprise")

    monkeypatch.setattr(cli, "cmd_parse", broken)
    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _with_func(parser(), broken))
    assert cli.main(["parse", "x"]) == 1
    assert capsys.readouterr().err == "newslib: unexpected error (KeyError: 'surprise')\n"


def _with_func(parser, func):
    parser.set_defaults(func=func)
    for action in parser._subparsers._group_actions:
        for sub in action.choices.values():
            sub.set_defaults(func=func)
    return parser


def test_features_with_an_unwritable_cache_warns_once_and_writes(tmp_path):
    folder = two_articles(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = tmp_path / "out.csv"
    result = run("features", str(folder), "-o", str(out), "-q", "--cache", str(blocker / "c"))
    assert result.returncode == 2  # c.txt is empty
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"newslib: warning: cache {blocker / 'c'}: cannot be written")
    assert warnings[0].endswith("caching is off for this run")
    assert out.read_text().count("\n") == 3 and "Traceback" not in result.stderr


def test_run_with_only_bad_files_stops_before_any_notebook(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(b"\x00\x01")
    result = run("run", "--data", str(folder), "--out", str(tmp_path / "reports"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"newslib: {folder / 'a.txt'}: empty file: no text",
        f"newslib: {folder / 'b.txt'}: binary file (contains NUL bytes), not a text article",
        f"newslib: {folder}: no usable articles; no report was made",
    ]
    assert not (tmp_path / "reports").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("run", "--data", str(empty), "--out", str(tmp_path / "reports"))
    assert result.returncode == 2 and not (tmp_path / "reports").exists()
    assert result.stderr.splitlines()[-1] == f"newslib: {empty}: no usable articles; no report was made"


def test_run_lists_unusable_files_and_exits_2(tmp_path, monkeypatch, capsys):
    from newslib import cli, report

    folder = two_articles(tmp_path)
    calls = []
    monkeypatch.setattr(report, "run_notebooks", lambda *a, **k: calls.append(a) or [])
    assert cli.main(["run", "--data", str(folder), "--out", str(tmp_path / "r")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"newslib: {folder / 'c.txt'}: empty file: no text"
    assert lines[-1] == "newslib: 1 unusable input(s) left out (listed above)"
    assert len(calls) == 1
    (folder / "c.txt").unlink()
    assert cli.main(["run", "--data", str(folder), "--out", str(tmp_path / "r")]) == 0


def test_warning_lines_per_article_are_capped(tmp_path):
    path = tmp_path / "quotes.txt"
    path.write_text(" date 2022-09-21 " + "\u201c" * 500, encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[-1] == f"newslib: warning: {path}: 480 more warning(s) not shown"
    assert len(json.loads(result.stdout)["warnings"]) == 500


# -- Files a spreadsheet opens safely ------------------------------------------------------------

def test_features_csv_of_hostile_cells_opens_safely_in_a_spreadsheet(tmp_path):
    import csv

    table = tmp_path / "news.csv"
    table.write_text(
        "id,date,outlet,title,text\n"
        '"=HYPERLINK(""http://example.invalid"")",2022-09-21,"+1+cmd|\' /C calc\'!A0",'
        "@SUM(1+1),The minister said the terrible plan failed badly.\n", encoding="utf-8")
    out = tmp_path / "features.csv"
    result = run("features", str(table), "-o", str(out), "--no-cache", "-q")
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["id"] == "'=HYPERLINK(\"http://example.invalid\")"
    assert row["source"] == "'+1+cmd|' /C calc'!A0" and row["title"] == "'@SUM(1+1)"
    assert row["words"] == "8" and float(row["polarity"]) < 0  # numbers stay numbers
    assert not row["polarity"].startswith("'")


def test_sample_csv_is_neutralised_and_reads_back_as_it_was(tmp_path):
    from newslib.validation import read_labelled

    article = tmp_path / "a.txt"
    article.write_text(" date 2022-09-21 -- Mr Smith said the plan was good.\n\n"
                       "=1+1 was the sum the minister gave.", encoding="utf-8")
    out = tmp_path / "sample.csv"
    result = run("sample", str(article), "-o", str(out), "--units", "sentence", "-n", "5")
    assert result.returncode == 0, result.stderr
    texts = pd_column(out, "text")
    assert sorted(texts) == ["'-- Mr Smith said the plan was good.",
                             "'=1+1 was the sum the minister gave."]
    units = read_labelled(out)
    assert sorted(u["text"] for u in units) == ["-- Mr Smith said the plan was good.",
                                             "=1+1 was the sum the minister gave."]


def pd_column(path, column):
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux convention")
def test_features_caches_in_the_users_own_folder_by_default(tmp_path):
    import os

    folder = two_articles(tmp_path)
    (folder / "c.txt").unlink()
    home = tmp_path / "xdg"
    result = subprocess.run(
        [sys.executable, "-m", "newslib", "features", str(folder), "-o", str(tmp_path / "f.csv"),
         "-q"], capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={**os.environ, "XDG_CACHE_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert len(list((home / "newslib").rglob("*.json"))) == 2
    assert (home / "newslib").stat().st_mode & 0o777 == 0o700
    assert not (tmp_path / ".newslib-cache").exists()  # nothing in the working folder


# -- Files of the user's are never overwritten ---------------------------------------------------

def table_of_articles(tmp_path):
    table = tmp_path / "news.csv"
    table.write_text("id,date,text\na,2022-09-21,The minister said it would work.\n",
                     encoding="utf-8")
    return table


def main_status(capsys, *args: str) -> tuple[int, list[str]]:
    from newslib import cli

    status = cli.main(list(args))
    return status, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("command", ["features", "sample"])
def test_an_output_that_is_an_input_is_refused(tmp_path, command, capsys):
    table = table_of_articles(tmp_path)
    before = table.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(table)
    for output in (table, link):  # the table itself, or a link to it
        status, lines = main_status(capsys, command, str(table), "-o", str(output))
        assert status == 2
        assert lines == [f"newslib: {output}: is the input {table}; writing it would replace "
                         "the articles (choose another file)"]
        assert table.read_bytes() == before
    status, _ = main_status(capsys, command, str(link), "-o", str(table))  # input via a link
    assert status == 2 and table.read_bytes() == before


@pytest.mark.parametrize("command", ["features", "sample"])
def test_an_output_inside_an_input_folder_is_refused(tmp_path, command, capsys):
    folder = two_articles(tmp_path)
    (folder / "c.txt").unlink()
    output = folder / "sub" / "out.csv"
    status, lines = main_status(capsys, command, str(folder), "-o", str(output))
    assert status == 2
    assert lines == [
        f"newslib: {output}: is inside the input folder {folder}; newslib does not write into "
        f"its inputs (the next read of {folder} would take a table there as articles); choose "
        "a file elsewhere"]
    assert not (folder / "sub").exists()
    beside = tmp_path / "out.csv"  # next to the folder, not in it: fine
    quiet = ["-q", "--no-cache"] if command == "features" else []
    status, lines = main_status(capsys, command, str(folder), "-o", str(beside), *quiet)
    assert status == 0, lines
    assert beside.exists()


@pytest.mark.parametrize("jobs", ["0", "-2", "many"])
def test_a_meaningless_number_of_workers_is_refused_by_the_options(tmp_path, jobs, capsys):
    from newslib import cli

    with pytest.raises(SystemExit) as caught:
        cli.main(["features", str(tmp_path), "-o", str(tmp_path / "f.csv"), "-j", jobs])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"newslib features: error: argument -j/--jobs: '{jobs}': use 1 or more worker "
        "processes, or -1 for one per core")


# -- Names with control characters are printed escaped: one message, one line -------------------

CONTROL = "\n\r\x1b\x9b\x7f\u2028\u202e"  # newline, CR, ESC, CSI, DEL, line separator, RLO


def test_printable_escapes_what_a_terminal_acts_on_and_nothing_else():
    from newslib.cli import printable

    assert printable("a\nnewslib: b\x1b[31mred\x9b2J\u202etxt.\u2028x\x7f\t") == (
        "a\\nnewslib: b\\x1b[31mred\\x9b2J\\u202etxt.\\u2028x\\x7f\\t")
    for plain in ("José Núñez", r"C:\Users\me\articles", "«quoted» — dash", "زبان", "日本"):
        assert printable(plain) == plain


@pytest.mark.skipif(sys.platform == "win32", reason="such file names are POSIX only")
def test_file_names_with_control_characters_print_one_line_each(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["a\nnewslib: b.txt", "c\x1b[31mred.txt", "d\x9b2J\u202ef.txt", "e\u2028f.txt"]
    for name in names:
        (folder / name).write_text(' date 2022-09-21 He said "this never closes.')
    (folder / "g\nh.txt").write_bytes(b"")  # unusable: an error line
    result = run("parse", str(folder))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == len(names) + 1  # a warning per article (the open quote), one error
    assert lines[-1] == f"newslib: {folder}/g\\nh.txt: empty file: no text"
    assert f"newslib: warning: {folder}/a\\nnewslib: b.txt: " in result.stderr
    assert f"{folder}/c\\x1b[31mred.txt" in result.stderr
    assert f"{folder}/d\\x9b2J\\u202ef.txt" in result.stderr
    assert not any(c in result.stderr.replace("\n", "") for c in CONTROL)
    records = [json.loads(line) for line in result.stdout.split("\n") if line]
    assert sorted(r["path"] for r in records) == sorted(str(folder / n) for n in names)
    assert len(result.stdout.split("\n")) == len(names) + 1
    assert not any(c in result.stdout.replace("\n", "") for c in CONTROL)


def test_an_output_name_with_an_escape_sequence_is_printed_escaped(tmp_path):
    folder = two_articles(tmp_path)
    (folder / "c.txt").unlink()
    out = tmp_path / "f\x1b]0;owned\x07.csv"
    result = run("features", str(folder), "-o", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"newslib: wrote 2 article(s) to {tmp_path}/f\\x1b]0;owned\\x07.csv"]


def test_ctrl_c_caught_inside_exec_still_exits_130_under_python_m(tmp_path):
    """CPython's own KeyboardInterrupt, landing in exec'd code (as in nbformat's compiled
    validators during the export), made `python -m newslib` exit through SIGINT (-2)."""
    import os
    import textwrap

    (tmp_path / "interrupt_in_exec.py").write_text(textwrap.dedent("""
        import sys
        from newslib import cli

        def interrupted_in_exec(args):
            exec("import os, signal, time\\nos.kill(os.getpid(), signal.SIGINT)\\ntime.sleep(30)")

        cli.cmd_parse = interrupted_in_exec
        sys.exit(cli.main(["parse", "x"]))
    """))
    result = subprocess.run(
        [sys.executable, "-m", "interrupt_in_exec"], capture_output=True, text=True, cwd=tmp_path,
        timeout=60, env={**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(tmp_path), os.environ["PYTHONPATH"]])})
    assert (result.returncode, result.stderr) == (130, "newslib: interrupted\n")
