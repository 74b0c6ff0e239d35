"""``run --out``: a folder of the user's is never filled, overwritten or mixed with another
dataset's reports; a failed or interrupted run leaves no partial output. Fast tests replace
the notebook execution; the ones marked slow run a real kernel."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from newslib import cache, cli, report
from tests.conftest import ROOT


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-09-21 The minister said it would work.")
    return folder


@pytest.fixture
def no_kernel(monkeypatch):
    import nbclient

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(nbclient.NotebookClient, "start_new_kernel", refuse)


def run_main(capsys, *args) -> tuple[int, list[str]]:
    status = cli.main(["run", *args])
    return status, capsys.readouterr().err.splitlines()


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_folder_with_the_users_own_files_is_refused(tmp_path, data, no_kernel, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("my own home page")
    (mine / "budget.csv").write_text("a,b\n1,2\n")
    before = snapshot(mine)
    status, lines = run_main(capsys, "--data", str(data), "--out", str(mine),
                             "--cache", str(tmp_path / "cache"))
    assert status == 2
    assert lines == [f"newslib: --out {mine}: holds files newslib did not write (budget.csv, "
                     "index.html); run only replaces an empty folder or one it made (choose a "
                     "new folder)"]
    assert snapshot(mine) == before


@pytest.mark.parametrize("where", ["notebooks", "data", "inside data", "holds data", "file",
                                   "holds the cache"])
def test_out_folders_that_would_lose_or_mix_files_are_refused(tmp_path, data, no_kernel, capsys,
                                                              where):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for path in report.find_notebooks(ROOT / "notebooks"):
        (notebooks / path.name).write_bytes(path.read_bytes())
    (tmp_path / "a-file.txt").write_text("x")
    if where == "holds data":  # a folder above the data, not above the notebooks
        (tmp_path / "corpus").mkdir()
        data = data.rename(tmp_path / "corpus" / "articles")
    out, expected = {
        "notebooks": (notebooks, "is the notebooks folder; the executed copies would replace "
                                 "the notebooks (choose another folder)"),
        "data": (data, "is the data (--data); choose another folder"),
        "inside data": (data / "reports", f"is inside the data folder {data}; the next run would "
                                          "read the reports as articles (choose a folder outside "
                                          "it)"),
        "holds data": (data.parent, f"holds the data ({data}); replacing it with the reports "
                                    "would remove the articles (choose another folder)"),
        "file": (tmp_path / "a-file.txt", "is a file, not a folder (choose a folder)"),
        "holds the cache": (tmp_path / "out", None),
    }[where]
    before = snapshot(tmp_path)
    cache = tmp_path / "out" / "cache" if where == "holds the cache" else tmp_path / "cache"
    status, lines = run_main(capsys, "--data", str(data), "--out", str(out), "--notebooks",
                             str(notebooks), "--cache", str(cache))
    assert status == 2 and len(lines) == 1
    if expected is None:
        assert lines[0] == ("newslib: --cache cache: the cache and log may not be inside the "
                            "reports folder (reports are for readers; choose another folder)")
    else:
        assert lines[0] == f"newslib: --out {out}: {expected}"
    assert snapshot(tmp_path) == before  # nothing written, nothing created
    assert not any(p.name.endswith(".newslib-run") for p in tmp_path.rglob("*"))


def fake_execute(stems, *, fail=None):
    """Stands in for the kernel: writes each notebook's copy and page, or fails."""

    def execute(notebooks, out_dir, running, shown, **kwargs):
        assert running["REPORT_DIR"] != shown["REPORT_DIR"]  # written elsewhere first
        for stem in stems:
            (out_dir / f"{stem}.ipynb").write_text(f"{stem} of {running['DATA_DIR']}")
            (out_dir / f"{stem}.html").write_text(f"{stem} of {running['DATA_DIR']}")
        (out_dir / "features.csv").write_text(f"rows of {running['DATA_DIR']}")
        if fail is not None:
            raise fail
        return [(stem, stem.title()) for stem in stems]

    return execute


def test_a_folder_run_made_is_replaced_whole(tmp_path, data, monkeypatch):
    out = tmp_path / "reports"
    monkeypatch.setattr(report, "_execute", fake_execute(["01_a", "02_b"]))
    report.run_notebooks(data, out, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    index = json.loads((out / "index.json").read_text())
    assert index["generator"] == "newslib run"
    assert index["files"] == ["01_a.html", "01_a.ipynb", "02_b.html", "02_b.ipynb",
                              "features.csv", "index.html", "index.json"]
    assert sorted(p.name for p in out.iterdir()) == index["files"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~cache._umask())
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text(" date 2022-09-22 Critics disagreed.")
    monkeypatch.setattr(report, "_execute", fake_execute(["01_a"]))
    report.run_notebooks(other, out, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    assert sorted(p.name for p in out.iterdir()) == ["01_a.html", "01_a.ipynb", "features.csv",
                                                    "index.html", "index.json"]
    assert "other" in (out / "01_a.html").read_text()  # no report of the first data left
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_run_leaves_the_earlier_reports_as_they_were(tmp_path, data, monkeypatch):
    out = tmp_path / "reports"
    monkeypatch.setattr(report, "_execute", fake_execute(["01_a", "02_b"]))
    report.run_notebooks(data, out, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    before = snapshot(out)
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text(" date 2022-09-22 Critics disagreed.")
    monkeypatch.setattr(report, "_execute", fake_execute(
        ["01_a"], fail=report.NotebookFailed("02_b.ipynb failed in cell 3: ValueError: x")))
    with pytest.raises(report.NotebookFailed):
        report.run_notebooks(other, out, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_interrupted_run_says_so_and_leaves_nothing(tmp_path, data, monkeypatch, capsys):
    monkeypatch.setattr(report, "_execute", fake_execute(["01_a"], fail=KeyboardInterrupt()))
    status, lines = run_main(capsys, "--data", str(data), "--out", str(tmp_path / "reports"),
                             "--cache", str(tmp_path / "cache"))
    assert (status, lines) == (130, ["newslib: interrupted"])
    assert not (tmp_path / "reports").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_files_appearing_in_the_folder_during_the_run_are_kept(tmp_path, data, monkeypatch):
    out = tmp_path / "reports"
    out.mkdir()
    execute = fake_execute(["01_a"])

    def meanwhile(*args, **kwargs):
        (out / "notes.md").write_text("written while the run was going")
        return execute(*args, **kwargs)

    monkeypatch.setattr(report, "_execute", meanwhile)
    with pytest.raises(ValueError, match=r"holds files newslib did not write \(notes.md\).*"
                                         r"this run's reports are in .*\.newslib-run"):
        report.run_notebooks(data, out, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    assert [p.name for p in out.iterdir()] == ["notes.md"]


def test_an_empty_folder_and_a_report_folder_of_newslib_0_1_are_accepted(tmp_path, data,
                                                                       monkeypatch):
    monkeypatch.setattr(report, "_execute", fake_execute(["01_a"]))
    empty = tmp_path / "empty"
    empty.mkdir()
    report.run_notebooks(data, empty, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    old = tmp_path / "old"
    old.mkdir()
    for name in ("01_a.ipynb", "01_a.html", "index.html", "features.csv"):
        (old / name).write_text("old")
    (old / "index.json").write_text(json.dumps({"notebooks": ["01_a"], "tables": ["features.csv"]}))
    report.run_notebooks(data, old, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    assert (old / "01_a.html").read_text() != "old"
    (old / "notes.md").write_text("mine")
    with pytest.raises(ValueError, match=r"holds files newslib did not write \(notes.md\)"):
        report.run_notebooks(data, old, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))


def test_an_index_json_that_is_a_link_does_not_make_a_folder_newslibs(tmp_path, data, no_kernel):
    elsewhere = tmp_path / "real-index.json"
    elsewhere.write_text(json.dumps({"generator": "newslib run", "files": ["thesis.docx"]}))
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    (out / "index.json").symlink_to(elsewhere)
    with pytest.raises(ValueError, match=r"holds files newslib did not write \(index.json, "
                                         r"thesis.docx\)"):
        report.run_notebooks(data, out, cache_dir=tmp_path / "cache")
    (out / "index.json").unlink()
    (out / "index.json").write_text(elsewhere.read_text())  # a real file listing it: accepted
    report.check_out_dir(out, given="mine", data=data, notebooks=ROOT / "notebooks",
                         cache=tmp_path / "cache")


# -- With a real kernel ------------------------------------------------------------------------

def notebooks_folder(tmp_path, *sources: str):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for number, source in enumerate(sources, start=1):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [
            nbformat.v4.new_markdown_cell(f"# Notebook {number}"),
            nbformat.v4.new_code_cell("DATA_DIR = None\nREPORT_DIR = None",
                                      metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(source)]
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                           "language": "python"}
        nbformat.write(notebook, folder / f"{number:02d}_notebook.ipynb")
    return folder


@pytest.mark.slow
def test_ctrl_c_in_a_kernel_says_interrupted_and_leaves_nothing(tmp_path, data):
    started = tmp_path / "started"
    folder = notebooks_folder(tmp_path, f"open({str(started)!r}, 'w').close()\n"
                                        "import time\ntime.sleep(120)")
    process = subprocess.Popen(
        [sys.executable, "-m", "newslib", "run", "--data", str(data), "--out",
         str(tmp_path / "reports"), "--notebooks", str(folder), "--cache", str(tmp_path / "cache")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        start_new_session=True)
    deadline = time.monotonic() + 120
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert started.exists(), "the notebook never ran"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.splitlines() == ["[1/1] 01_notebook.ipynb ...", "newslib: interrupted"]
    assert not (tmp_path / "reports").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow
def test_ctrl_c_during_the_export_leaves_nothing(tmp_path, data, monkeypatch, capsys):
    folder = notebooks_folder(tmp_path, "print(1 + 1)")

    class Interrupted:
        def from_notebook_node(self, notebook):
            raise KeyboardInterrupt

    monkeypatch.setattr(report, "_exporter", Interrupted)
    status, lines = run_main(capsys, "--data", str(data), "--out", str(tmp_path / "reports"),
                             "--notebooks", str(folder), "--cache", str(tmp_path / "cache"))
    assert (status, lines[-1]) == (130, "newslib: interrupted")
    assert not (tmp_path / "reports").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow
def test_a_failing_notebook_is_kept_in_the_logs_not_in_the_reports(tmp_path, data):
    folder = notebooks_folder(tmp_path, "print(1)", "1 / 0")
    with pytest.raises(report.NotebookFailed) as caught:
        report.run_notebooks(data, tmp_path / "reports", notebooks_dir=folder,
                             cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))
    kept = tmp_path / "cache" / "logs" / "02_notebook.ipynb"
    assert str(caught.value) == ("02_notebook.ipynb failed in cell 5: ZeroDivisionError: "
                                 f"division by zero (the executed notebook: {kept})")
    assert "ZeroDivisionError" in kept.read_text()
    assert not (tmp_path / "reports").exists()


def test_index_html_shows_titles_and_the_data_name_as_text(tmp_path, monkeypatch):
    from html.parser import HTMLParser

    hostile = '<img src=x onerror=alert(1)>"&'
    data = tmp_path / f"data {hostile}"
    data.mkdir()
    (data / "a.txt").write_text(" date 2022-09-21 The minister said it would work.")

    def execute(notebooks, out_dir, running, shown, **kwargs):
        (out_dir / "01_a.html").write_text("page")
        (out_dir / "01_a.ipynb").write_text("{}")
        return [("01_a", f"Title {hostile}<script>alert(2)</script>")]

    monkeypatch.setattr(report, "_execute", execute)
    out = tmp_path / "reports"
    report.run_notebooks(data, out, cache_dir=tmp_path / "cache", log=open(os.devnull, "w"))

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.text = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

        def handle_data(self, data):
            self.text.append(data)

    page = Tags()
    page.feed((out / "index.html").read_text(encoding="utf-8"))
    assert {tag for tag, _ in page.tags} <= {"html", "head", "meta", "title", "style", "body",
                                             "h1", "h2", "p", "code", "ol", "ul", "li", "a"}
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    text = "".join(page.text)
    assert f"Title {hostile}<script>alert(2)</script>" in text  # shown as written
    assert f"data {hostile}" in text


def test_an_out_folder_that_cannot_be_made_is_one_line(tmp_path, data, no_kernel, capsys):
    (tmp_path / "a-file.txt").write_text("x")
    out = tmp_path / "a-file.txt" / "reports"
    status, lines = run_main(capsys, "--data", str(data), "--out", str(out),
                             "--cache", str(tmp_path / "cache"))
    assert status == 2 and len(lines) == 1
    assert lines[0].startswith(f"newslib: --out {out}: cannot be written (")
