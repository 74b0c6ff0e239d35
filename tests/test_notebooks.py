"""The notebooks: stored without outputs, parameterised, and runnable end to end offline on the
seed alone and on a folder of several articles (tables and HTML included)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import nbformat
import pytest

from newslib.report import find_notebooks, run_notebooks
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


def outputs_text(path):
    notebook = nbformat.read(path, as_version=4)
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(json.dumps(output.get("data", {}).get("text/plain", output.get("text", ""))))
    return "\n".join(texts)


def test_main_job_on_the_seed(tmp_path):
    out = tmp_path / "reports"
    pages = run_notebooks(ROOT / "data" / "articles", out, log=sys.stdout)
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


def test_main_job_on_several_articles_via_the_cli(tmp_path, several_articles):
    out = tmp_path / "reports"
    result = subprocess.run(
        [sys.executable, "-m", "newslib", "run", "--data", str(several_articles), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr
    assert [line.split(" ...")[0] for line in result.stderr.splitlines() if line.startswith("[")] == [
        f"[{i}/5] {p.name}" for i, p in enumerate(NOTEBOOKS, start=1)]
    similar = outputs_text(out / "05_similar_articles.ipynb")
    assert "001_grain" in similar and "003_nato" in similar


def markdown_outputs(path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(output["data"]["text/markdown"] for cell in notebook.cells
                     for output in cell.get("outputs", []) if "text/markdown" in output.get("data", {}))


def test_prose_stays_true_on_articles_without_quotes(tmp_path):
    folder = tmp_path / "edge"
    folder.mkdir()
    (folder / "a_plain.txt").write_text(
        " date 2022-09-25 Grain exports resumed on Friday.\n\nPrices fell in Chicago. Traders "
        "were relieved.", encoding="utf-8")
    (folder / "b_tiny.txt").write_text("Tiny article.", encoding="utf-8")
    out = tmp_path / "reports"
    run_notebooks(folder, out, log=sys.stdout)
    prose = "\n".join(markdown_outputs(p) for p in sorted(out.glob("*.ipynb")))
    assert not re.search(r"\bnan\b", prose, re.IGNORECASE)  # no missing value leaks into prose
    assert "no one is quoted" in prose
    assert "There is no quoted speech to compare the narration with." in prose


def test_shared_corpus_when_present(tmp_path):
    if not SHARED_CORPUS.is_dir():
        pytest.skip("no ../shared/corpus beside this checkout")
    pages = run_notebooks(SHARED_CORPUS, tmp_path / "reports", log=sys.stdout)
    assert len(pages) == 5


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
                      log=sys.stdout)
