"""The notebooks: stored without outputs, parameterised, and runnable end to end offline on the
seed alone, on a folder of several articles and on the BBC corpus (tables and HTML included).

Tests that execute notebooks are marked ``slow``: ``pytest -m "not slow"`` skips them.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import nbformat
import pytest

from newslib.report import _relative, find_notebooks, run_notebooks
from tests.conftest import ROOT, SHARED_CORPUS

NOTEBOOKS = find_notebooks(ROOT / "notebooks")


def test_there_are_five_numbered_notebooks():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01_", "02_", "03_", "04_", "05_"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs_and_tagged(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, "strip outputs before committing"
    assert "parameters" in code[0].metadata.get("tags", []), "first code cell must be tagged"
    assert "DATA_DIR" in code[0].source and "FOCUS_ID" in code[0].source
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_call_the_library_rather_than_reimplement_it(path):
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                       if c.cell_type == "code")
    for forbidden in ("def tokenize", "re.compile", "TextBlob(", "SentimentIntensityAnalyzer",
                      "import re\n"):
        assert forbidden not in source


def _words_of_the_notebook(node) -> bool:
    """An expression made only of string literals (joined with +, chosen with if/else)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _words_of_the_notebook(node.left) and _words_of_the_notebook(node.right)
    if isinstance(node, ast.IfExp):
        return _words_of_the_notebook(node.body) and _words_of_the_notebook(node.orelse)
    return False


def _called(node) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def template_problems(source: str) -> list[str]:
    """Calls of ``say`` whose template is not the notebook's own words, and ``show`` calls whose
    empty-table sentence is neither such words nor ``say(...)``: data would reach Markdown."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        if _called(node) == "say" and not (node.args and _words_of_the_notebook(node.args[0])):
            problems.append(ast.unparse(node)[:80])
        if _called(node) == "show":
            empty = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "empty"), None)
            if empty is not None and not _words_of_the_notebook(empty) and not (
                    isinstance(empty, ast.Call) and _called(empty) == "say"):
                problems.append(ast.unparse(node)[:80])
    return problems


def test_template_check_finds_data_in_a_template():
    assert template_problems('say(f"The voice is {voice}.")') == ['say(f\'The voice is {voice}.\')']
    assert template_problems('say("The voice is " + voice)')
    assert template_problems("say(message)")
    assert template_problems('show(t, "None of " + ", ".join(terms))')
    assert template_problems('say("The voice is **{voice}**." if a else "None.", voice=v)') == []
    assert template_problems('show(t, say("None of {terms}.", terms=", ".join(terms)))') == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_prose_templates_hold_no_data(path):
    """A sentence's template is the notebook's own words; ids, names, words and numbers go in
    as values, which are shown as text (issue 17: a title or a speaker could be Markdown or
    HTML)."""
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert [problem for source in cells for problem in template_problems(source)] == []


def outputs_text(path):
    notebook = nbformat.read(path, as_version=4)
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(json.dumps(output.get("data", {}).get("text/plain", output.get("text", ""))))
    return "\n".join(texts)


def assert_citable_and_offline(out, data_label):
    """Every report states its provenance, names no absolute path, and loads nothing."""
    for page in sorted(out.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "<script src=" not in text and "cdnjs" not in text, page.name
    for path in sorted(out.glob("*.ipynb")) + sorted(out.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        assert str(ROOT) not in text and str(ROOT.parent) + "/" not in text, path.name
    for path in sorted(out.glob("*.ipynb")):
        made_with = prose_outputs(path)
        assert f"`{data_label}`" in made_with and "data SHA-256" in made_with, path.name
        assert "vaderSentiment" in made_with and "commit" in made_with, path.name
    assert not any(p.name.startswith(".") for p in out.iterdir()), "logs or caches in reports/"


@pytest.mark.slow
def test_main_job_on_the_seed(tmp_path):
    out = tmp_path / "reports"
    pages = run_notebooks(ROOT / "data" / "articles", out, log=sys.stdout,
                          cache_dir=tmp_path / "cache")
    assert [p.name for p in pages] == [p.stem + ".html" for p in NOTEBOOKS]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text
        assert "data:image/png;base64" in text  # every notebook has at least one figure
    assert (out / "index.html").exists() and (out / "features.csv").exists()
    first = outputs_text(out / "01_article_and_voices.ipynb")
    assert "Ben Wallace" in first and "A Downing Street spokesperson" in first
    assert "hte" in first
    tone_text = outputs_text(out / "04_tone.ipynb")
    assert "badly (-0.70)" in tone_text
    assert_citable_and_offline(out, "data/articles")
    assert (tmp_path / "cache" / "logs" / "kernel.log").exists()
    words = prose_outputs(out / "02_word_usage.ipynb")
    assert "*putin* 5" in words  # default key terms: the article's own keywords
    assert "One article: there are no groups to compare." in prose_outputs(
        out / "05_similar_articles.ipynb")


@pytest.mark.slow
def test_figures_are_drawn_whatever_the_backend_in_the_environment(tmp_path, monkeypatch):
    """MPLBACKEND=Agg (usual on headless machines and CI) must not make figures vanish."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    first = NOTEBOOKS[0]
    (folder / first.name).write_bytes(first.read_bytes())
    monkeypatch.setenv("MPLBACKEND", "Agg")
    pages = run_notebooks(ROOT / "data" / "articles", tmp_path / "out", notebooks_dir=folder,
                          log=sys.stdout, cache_dir=tmp_path / "cache")
    text = pages[0].read_text(encoding="utf-8")
    assert text.count('src="data:image/png;base64') == 2  # sentence lengths, words per voice
    assert "non-interactive" not in text  # Agg's warning that plt.show() draws nothing


@pytest.mark.slow
def test_a_table_with_columns_named_like_features(tmp_path):
    """A table's own words, quote_share and file columns (issue 17: words_x, words_y and a
    KeyError in notebook 5) are kept as given_<name>; newslib's keep their names."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / NOTEBOOKS[4].name).write_bytes(NOTEBOOKS[4].read_bytes())
    data = tmp_path / "data"
    data.mkdir()
    rows = [f'{i},2024-03-0{i},Post,{100 + i},0.{i},scan{i}.pdf,"Ferry crews walked out. '
            f'""Pay talks collapsed,"" said Ann Lee. Crews met {i} times."' for i in range(1, 5)]
    (data / "t.csv").write_text("id,date,outlet,words,quote_share,file,text\n" + "\n".join(rows),
                                encoding="utf-8")
    run_notebooks(data, tmp_path / "out", notebooks_dir=folder, log=sys.stdout,
                  cache_dir=tmp_path / "cache")
    header, first = (tmp_path / "out" / "features.csv").read_text(encoding="utf-8").splitlines()[:2]
    columns = dict(zip(header.split(","), first.split(","), strict=False))
    assert (columns["given_words"], columns["given_quote_share"], columns["given_file"]) == (
        "101", "0.1", "scan1.pdf")
    # By hand: Ferry crews walked out (4), Pay talks collapsed (3), said Ann Lee (3), Crews met
    # 1 times (4).
    assert columns["words"] == "14" and columns["file"].endswith("data/t.csv:row 2")


@pytest.fixture
def several_articles(tmp_path, seed):
    """Four articles: the seed, two written here, and a CSV table row."""
    folder = tmp_path / "several"
    folder.mkdir()
    (folder / "000_seed.txt").write_text(seed.source_text, encoding="utf-8")
    (folder / "001_grain.txt").write_text(
        " date 2022-09-23 Grain exports from Odesa resumed on Friday, officials said.\n\n"
        "\"Ships are moving again,\" the port's director told reporters. \"It is a relief.\"\n\n"
        "Prices of wheat fell sharply in Chicago after the news.", encoding="utf-8")
    (folder / "002_talks.txt").write_text(
        " date 2022-10-02 Ms Keegan said the talks had been \"constructive\".\n\n"
        "She added: \"We will not accept any annexation.\"\n\n"
        "Russia claimed the referendums were legitimate.", encoding="utf-8")
    (folder / "table.csv").write_text(
        "id,date,source,text\n"
        "003_nato,2022-10-05,Example Times,\"Nato ministers met in Brussels.\n\n"
        "The alliance said it would \"\"defend every inch\"\" of its territory.\"\n",
        encoding="utf-8")
    return folder


@pytest.mark.slow
def test_main_job_on_several_articles_via_the_cli(tmp_path, several_articles):
    out = tmp_path / "reports"
    result = subprocess.run(
        [sys.executable, "-m", "newslib", "run", "--data", str(several_articles), "--out", str(out),
         "--cache", str(tmp_path / "cache"), "-p", 'KEY_TERMS=["grain", "Nato"]', "-p",
         "N_TOPICS=2", "-p", "MIN_GROUP=1"],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr
    assert [line.split(" ...")[0] for line in result.stderr.splitlines() if line.startswith("[")] == [
        f"[{i}/5] {p.name}" for i, p in enumerate(NOTEBOOKS, start=1)]
    similar = outputs_text(out / "05_similar_articles.ipynb")
    assert "001_grain" in similar and "003_nato" in similar
    words = nbformat.read(out / "02_word_usage.ipynb", as_version=4)
    assert "KEY_TERMS = ['grain', 'Nato']" in words.cells[2].source  # injected after parameters
    assert "N_TOPICS = 2" in nbformat.read(out / "05_similar_articles.ipynb", as_version=4).cells[2].source
    assert_citable_and_offline(out, _relative(several_articles, ROOT))


@pytest.mark.slow
def test_three_articles_with_an_outlet_column(tmp_path):
    """Groups of one or two articles are not compared; the prose says so."""
    folder = tmp_path / "three"
    folder.mkdir()
    (folder / "articles.csv").write_text(
        "id,date,outlet,title,text\n"
        "ferry,2024-03-04,Evening Post,Ferry crews strike,\"Ferry crews walked out on Monday. "
        "The crews said pay talks collapsed.\"\n"
        "library,2024-03-06,Harbour Herald,Library reopens,\"The library reopened after the flood. "
        "The library has new shelves.\"\n"
        "budget,2024-03-11,Harbour Herald,Harbour budget,\"Councillors approved the harbour budget. "
        "The harbour wall will be repaired.\"\n", encoding="utf-8")
    out = tmp_path / "reports"
    run_notebooks(folder, out, log=sys.stdout, cache_dir=tmp_path / "cache")
    similar = prose_outputs(out / "05_similar_articles.ipynb")
    assert "no comparison between groups is shown" in similar
    assert "Evening Post: 1, Harbour Herald: 2" in similar
    features = (out / "features.csv").read_text(encoding="utf-8").splitlines()
    assert features[0].startswith("id,date,title,outlet,file,")
    assert ",Evening Post," in features[1]
    assert not any(field.startswith("/") for field in features[1].split(","))  # relative path
    words = prose_outputs(out / "02_word_usage.ipynb")
    assert "*crew* 2" in words and "Putin" not in words


def prose_outputs(path) -> str:
    """The sentences of interpretation (``say``) in an executed notebook, as plain text (their
    Markdown with the values as given)."""
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(output["data"]["text/plain"] for cell in notebook.cells
                     for output in cell.get("outputs", [])
                     if output.get("data", {}).get("text/html", "").startswith(
                         '<div class="newslib-prose'))


@pytest.mark.slow
def test_prose_stays_true_on_articles_without_quotes(tmp_path):
    folder = tmp_path / "edge"
    folder.mkdir()
    (folder / "a_plain.txt").write_text(
        " date 2022-09-25 Grain exports resumed on Friday.\n\nPrices fell in Chicago. Traders "
        "were relieved.", encoding="utf-8")
    (folder / "b_tiny.txt").write_text("Tiny article.", encoding="utf-8")
    out = tmp_path / "reports"
    run_notebooks(folder, out, log=sys.stdout, cache_dir=tmp_path / "cache")
    prose = "\n".join(prose_outputs(p) for p in sorted(out.glob("*.ipynb")))
    assert not re.search(r"\bnan\b", prose, re.IGNORECASE)  # no missing value leaks into prose
    assert "no one is quoted" in prose
    assert "There is no quoted speech to compare the narration with." in prose


@pytest.mark.slow
def test_main_job_on_the_bbc_corpus_by_section(tmp_path):
    """The whole main job on 2,225 real articles, comparing the five sections (README gives
    its time)."""
    corpus = SHARED_CORPUS / "bbc-news.jsonl"
    if not corpus.is_file():
        pytest.skip("no ../shared/corpus/bbc-news.jsonl beside this checkout")
    out = tmp_path / "reports"
    pages = run_notebooks(corpus, out, log=sys.stdout, parameters={"GROUP_BY": "category"},
                          cache_dir=tmp_path / "cache")
    assert len(pages) == 5
    assert_citable_and_offline(out, "../shared/corpus/bbc-news.jsonl")
    similar = prose_outputs(out / "05_similar_articles.ipynb")
    assert "5 groups of at least 3 articles are compared below" in similar
    assert "Of 2,224 other document(s)" in similar
    for path in sorted(out.glob("*.html")):  # no table dumps every article
        assert path.read_text(encoding="utf-8").count("<tr") < 400, path.name
    assert len((out / "features.csv").read_text(encoding="utf-8").splitlines()) == 2226


@pytest.mark.slow
def test_failing_cell_names_notebook_and_cell(tmp_path):
    from newslib.report import NotebookFailed

    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Broken"),
        nbformat.v4.new_code_cell("DATA_DIR = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, folder / "01_broken.ipynb")
    with pytest.raises(NotebookFailed, match=r"01_broken.ipynb failed in cell \d+: ZeroDivisionError"):
        run_notebooks(ROOT / "data" / "articles", tmp_path / "out", notebooks_dir=folder,
                      log=sys.stdout, cache_dir=tmp_path / "cache")
