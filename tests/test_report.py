"""Running the notebooks (parameters, checks made before any kernel starts, offline HTML) and
the notebook helpers (provenance, data hash, readable tables, 1-based numbers). Fast: no
notebook is executed here (see test_notebooks.py)."""

from __future__ import annotations

import hashlib
import json
import math

import nbformat
import pandas as pd
import pytest

from newslib import notebook, report
from tests.conftest import ROOT, article

NOTEBOOKS = report.find_notebooks(ROOT / "notebooks")


@pytest.mark.parametrize(("text", "expected"), [
    ("N_TOPICS=8", ("N_TOPICS", 8)),
    ('KEY_TERMS=["a", "b"]', ("KEY_TERMS", ["a", "b"])),
    ("GROUP_BY=category", ("GROUP_BY", "category")),
    ("GROUP_BY=null", ("GROUP_BY", None)),
    ("KEY_TERMS=[troops]", ("KEY_TERMS", "[troops]")),  # not JSON: kept as the string given
])
def test_parameters_are_json_else_strings(text, expected):
    assert report.parse_parameter(text) == expected


@pytest.mark.parametrize("text", ["N_TOPICS", "=3", "2X=1"])
def test_malformed_parameters_are_refused(text):
    with pytest.raises(ValueError, match="expected NAME=VALUE"):
        report.parse_parameter(text)


def test_unknown_parameter_names_the_ones_that_exist():
    report.check_parameters(NOTEBOOKS, {"N_TOPICS": 8, "KEY_TERMS": ["a"], "GROUP_BY": "x"})
    with pytest.raises(ValueError, match=r"-p N_TOPIC: no notebook has this parameter.*N_TOPICS"):
        report.check_parameters(NOTEBOOKS, {"N_TOPIC": 8})
    with pytest.raises(ValueError, match="set it with --data"):
        report.check_parameters(NOTEBOOKS, {"DATA_DIR": "x"})


def test_bad_focus_fails_before_any_kernel_starts(tmp_path, monkeypatch):
    import nbclient

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(nbclient.NotebookClient, "start_new_kernel", no_kernel)
    with pytest.raises(ValueError, match=r"--focus nope: no article with this id.*000_55b6456ee"):
        report.run_notebooks(ROOT / "data" / "articles", tmp_path / "out", focus_id="nope")
    assert not (tmp_path / "out").exists()


def test_unknown_group_column_fails_before_any_kernel_starts(tmp_path, monkeypatch):
    import nbclient

    monkeypatch.setattr(nbclient.NotebookClient, "start_new_kernel", None)
    (tmp_path / "t.csv").write_text("id,category,text\na,sport,A match.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"GROUP_BY=section: no article in t.csv.*category"):
        report.run_notebooks(tmp_path / "t.csv", tmp_path / "out",
                             parameters={"GROUP_BY": "section"})
    report.check_group_by(tmp_path / "t.csv", "category")  # exists: no error


def test_cache_may_not_live_inside_the_reports(tmp_path):
    with pytest.raises(ValueError, match="may not be inside the reports folder"):
        report.run_notebooks(ROOT / "data" / "articles", tmp_path / "out",
                             cache_dir=tmp_path / "out" / ".cache")


def test_cli_run_reports_bad_parameters_in_one_line(capsys):
    from newslib.cli import main

    assert main(["run", "-p", "N_TOPIC=3"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("newslib: -p N_TOPIC:") and "\n" not in error


def test_cli_version_and_help(capsys):
    from newslib import __version__
    from newslib.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["--version"])
    assert capsys.readouterr().out.strip() == f"newslib {__version__}"
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, command in commands.items():
        for action in command._actions:
            if not action.option_strings:
                assert action.help, f"{name}: positional {action.dest} has no help"
    run_help = commands["run"].format_help()
    assert "-p GROUP_BY=category" in run_help and "examples:" in run_help


def test_parameters_cells_declare_the_documented_names():
    declared = {p.name[:2]: report.notebook_parameters(p) for p in NOTEBOOKS}
    assert declared["02"]["KEY_TERMS"] is None
    assert declared["05"]["N_TOPICS"] == 4 and declared["05"]["MIN_GROUP"] == 3
    for names in declared.values():
        assert {"DATA_DIR", "FOCUS_ID", "REPORT_DIR", "CACHE_DIR", "N_JOBS"} <= set(names)


def test_injected_cells_hold_relative_paths_only():
    notebook_node = nbformat.read(NOTEBOOKS[0], as_version=4)
    report._inject(notebook_node, {"DATA_DIR": report._relative(ROOT / "data" / "articles", ROOT),
                                   "FOCUS_ID": None})
    tags = [c.metadata.get("tags", []) for c in notebook_node.cells]
    position = tags.index(["parameters"])
    assert tags[position + 1] == ["injected-parameters"]
    assert tags[position + 2] == ["injected-provenance"]
    assert "DATA_DIR = 'data/articles'" in notebook_node.cells[position + 1].source
    assert report._relative(ROOT.parent / "shared" / "x.jsonl", ROOT) == "../shared/x.jsonl"


def test_html_exporter_loads_nothing_from_the_network():
    node = nbformat.v4.new_notebook()
    node.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("1")]
    body, _ = report._exporter().from_notebook_node(node)
    assert "<script src=" not in body and "cdnjs" not in body and "mathjax" not in body.lower()
    assert "Title" in body


def test_data_hash_of_a_file_and_of_a_folder(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"second")
    (tmp_path / "a.txt").write_bytes(b"first")
    (tmp_path / "notes.md").write_bytes(b"not an article")
    (tmp_path / ".hidden.txt").write_bytes(b"hidden")
    digest, files = notebook.data_hash(tmp_path / "a.txt")
    assert (digest, files) == (hashlib.sha256(b"first").hexdigest(), 1)
    listing = (f"{hashlib.sha256(b'first').hexdigest()}  a.txt\n"
               f"{hashlib.sha256(b'second').hexdigest()}  b.txt\n")  # what sha256sum prints
    assert notebook.data_hash(tmp_path) == (hashlib.sha256(listing.encode()).hexdigest(), 2)
    (tmp_path / "b.txt").write_bytes(b"changed")
    assert notebook.data_hash(tmp_path)[0] != hashlib.sha256(listing.encode()).hexdigest()


def test_provenance_states_versions_commit_data_and_hash():
    from importlib.metadata import version

    text = notebook.provenance(ROOT / "data" / "articles").data
    assert "`data/articles`" in text and str(ROOT) not in text
    assert notebook.data_hash(ROOT / "data" / "articles")[0] in text
    for package in ("textblob", "vaderSentiment", "wordfreq", "scikit-learn", "pandas"):
        assert f"| {package} | {version(package)} |" in text
    assert "commit" in text


def test_number_from_one_shifts_positions_only():
    table = pd.DataFrame({"paragraph": [0, 6], "sentence": [0, 9], "words": [5, 7]})
    shown = notebook.number_from_one(table)
    assert shown["paragraph"].tolist() == [1, 7] and shown["sentence"].tolist() == [1, 10]
    assert shown["words"].tolist() == [5, 7] and table["paragraph"].tolist() == [0, 6]


def test_show_makes_tables_readable():
    table = pd.DataFrame({"paragraph": [0, 1], "count": [3.0, 4.0], "share": [0.12345, math.nan],
                          "verbs": [["say", "warn"], []], "text": ["x" * 120, None]})
    html = notebook.show(table, "nothing").to_html()
    assert ">say, warn<" in html and "x" * 120 in html  # lists joined, long text whole
    assert ">3<" in html and ">3.000<" not in html  # whole-number floats as integers
    assert ">0.123<" in html and "nan" not in html.lower()
    assert ">1<" in html and ">2<" in html  # paragraphs from 1
    assert notebook.show(table.iloc[:0], "No rows here.").data == "No rows here."
    many = notebook.show(pd.DataFrame({"n": range(50)}), "none", rows=10).to_html()
    assert "The first 10 of 50 rows." in many


def test_small_numbers_avoid_scientific_notation_unless_tiny():
    assert notebook._format_float(0.25) == "0.250"
    assert notebook._format_float(12345.5) == "12,345.500"
    assert notebook._format_float(0.00042) == "0.00042"
    assert notebook._format_float(0.0000123) == "1.2e-05"


def test_kwic_contexts_are_cut_at_whole_words():
    from newslib import usage

    text = ("The harbour master said the storm damaged several boats overnight, and the "
            "harbour stayed closed until the afternoon tide turned again.")
    piece = article(text, id="k")
    table = notebook.kwic_view(usage.kwic(piece, "storm"), piece, width=20)
    row = table.iloc[0]
    assert row["left"] == "… master said the"
    assert row["right"] == "damaged several …"
    start = notebook.kwic_view(usage.kwic(piece, "harbour"), piece, width=20).iloc[0]
    assert start["left"] == "The"  # at the start of the article: nothing cut, no ellipsis


def test_default_key_terms_come_from_the_article():
    piece = article("Ferry crews walked out. The crews said the ferry operator refused to talk. "
                    "Ferry services stopped.", id="f")
    terms = notebook.default_key_terms(piece, n=2)
    assert terms == ["ferry", "crew"]  # lemmas, so keyword-in-context finds "crews"
    assert notebook.default_key_terms(article("A b.", id="g")) == []


def test_kernel_log_is_never_written_through_a_planted_link(tmp_path):
    from newslib.cache import CacheWarning

    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's own file\n")
    (tmp_path / "cache" / "logs").mkdir(parents=True)
    (tmp_path / "cache" / "logs" / "kernel.log").symlink_to(victim)
    with pytest.warns(CacheWarning, match="kernel.log: cannot be written"):
        with report._kernel_log(tmp_path / "cache") as log:
            log.write(b"kernel noise\n")
    assert victim.read_text() == "the victim's own file\n"
    (tmp_path / "cache" / "logs" / "kernel.log").unlink()
    with report._kernel_log(tmp_path / "cache") as log:
        log.write(b"kernel noise\n")
    assert (tmp_path / "cache" / "logs" / "kernel.log").read_bytes() == b"kernel noise\n"
    assert (tmp_path / "cache" / "logs" / "kernel.log").stat().st_mode & 0o777 == 0o600


# -- -p values: checked against one table before any kernel starts -------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("N_TOPICS=2.5", "-p N_TOPICS=2.5: N_TOPICS takes a whole number from 1 to 100"),
    ("N_TOPICS=-1", "-p N_TOPICS=-1: N_TOPICS takes a whole number from 1 to 100"),
    ("N_TOPICS=0", "-p N_TOPICS=0: N_TOPICS takes a whole number from 1 to 100"),
    ("N_TOPICS=NaN", "-p N_TOPICS=NaN: N_TOPICS takes a whole number from 1 to 100"),
    ("N_TOPICS=Infinity", "-p N_TOPICS=Infinity: N_TOPICS takes a whole number from 1 to 100"),
    ("N_TOPICS=true", "-p N_TOPICS=true: N_TOPICS takes a whole number from 1 to 100"),
    ("N_TOPICS=1000000", "-p N_TOPICS=1000000: N_TOPICS takes a whole number from 1 to 100"),
    ('MIN_GROUP="abc"', '-p MIN_GROUP="abc": MIN_GROUP takes a whole number of articles, 1 or '
                        "more"),
    ("MIN_GROUP=abc", '-p MIN_GROUP="abc": MIN_GROUP takes a whole number of articles, 1 or '
                      "more"),
    ("MIN_GROUP=null", "-p MIN_GROUP=null: MIN_GROUP takes a whole number of articles, 1 or "
                       "more"),
    ("KEY_TERMS=[1,2]", "-p KEY_TERMS=[1, 2]: KEY_TERMS takes a word or phrase, or a JSON list "
                        "of 1 to 20 of them (each up to 100 characters), or null"),
    ('KEY_TERMS=["troops", ""]', None), ("KEY_TERMS=[]", None), ('KEY_TERMS={"a": 1}', None),
    ("KEY_TERMS=" + json.dumps(["t"] * 21), None), ("KEY_TERMS=" + "x" * 101, None),
    ("KEY_TERMS=troops,Kremlin", "-p KEY_TERMS=\"troops,Kremlin\": KEY_TERMS takes a word or "
                                 "phrase, or a JSON list of 1 to 20 of them (each up to 100 "
                                 "characters), or null (give several terms as a JSON list, e.g. "
                                 """-p KEY_TERMS='["troops","Kremlin"]')"""),
    ("GROUP_BY=2022", "-p GROUP_BY=2022: GROUP_BY takes a column name (outlet, month, or a "
                      "column of the table such as category), or null"),
    ('GROUP_BY=""', None),
])
def test_parameter_values_of_the_wrong_type_or_range_are_refused_in_one_line(
        text, message, capsys, monkeypatch):
    import nbclient

    from newslib import cli

    monkeypatch.setattr(nbclient.NotebookClient, "start_new_kernel", None)
    assert cli.main(["run", "-p", text]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    name = text.split("=")[0]
    assert lines[0].startswith(f"newslib: -p {name}=") and f": {name} takes " in lines[0]
    if message:
        assert lines[0] == f"newslib: {message}"


@pytest.mark.parametrize(("given", "received"), [
    ({"KEY_TERMS": "troops"}, {"KEY_TERMS": ["troops"]}),  # one term, not its letters
    ({"KEY_TERMS": [" troops ", "Kremlin"]}, {"KEY_TERMS": ["troops", "Kremlin"]}),
    ({"KEY_TERMS": None}, {"KEY_TERMS": None}),
    ({"N_TOPICS": 8, "MIN_GROUP": 1}, {"N_TOPICS": 8, "MIN_GROUP": 1}),
    ({"N_TOPICS": 8.0}, {"N_TOPICS": 8}),
    ({"GROUP_BY": "category"}, {"GROUP_BY": "category"}),
])
def test_parameter_values_in_range_reach_the_notebooks(given, received):
    from newslib.parameters import check_values

    assert check_values(given) == received


def test_a_bare_key_term_reaches_notebook_2_as_a_list(tmp_path, monkeypatch):
    seen = {}

    def execute(notebooks, out_dir, running, shown, **kwargs):
        seen.update(running)
        return []

    monkeypatch.setattr(report, "_execute", execute)
    report.run_notebooks(ROOT / "data" / "articles", tmp_path / "out",
                         parameters={"KEY_TERMS": "troops"}, cache_dir=tmp_path / "cache")
    assert seen["KEY_TERMS"] == ["troops"]
    notebook_node = nbformat.read(NOTEBOOKS[1], as_version=4)
    report._inject(notebook_node, {"KEY_TERMS": seen["KEY_TERMS"]})
    assert "KEY_TERMS = ['troops']" in notebook_node.cells[2].source


def test_the_parameter_table_matches_the_notebooks_and_the_help():
    from newslib.cli import build_parser
    from newslib.parameters import PARAMETERS, RUN_PARAMETERS

    declared = {}
    for path in NOTEBOOKS:
        for name, default in report.notebook_parameters(path).items():
            if name not in RUN_PARAMETERS:
                declared[name] = (path.name[:2].lstrip("0"), default)
    assert {name: (spec.notebook, spec.default) for name, spec in PARAMETERS.items()} == declared
    commands = build_parser()._subparsers._group_actions[0].choices
    run_help = " ".join(commands["run"].format_help().split())
    for spec in PARAMETERS.values():
        assert f"{spec.name} notebook {spec.notebook}: {spec.help}. Takes {spec.accepts}." in run_help
