"""Running the notebooks: ``python -m newslib run [--data DIR] [--out DIR]``.

Every ``notebooks/NN_*.ipynb`` is executed in order with papermill, which overrides the
parameters cell (tagged ``parameters``), then exported to HTML with nbconvert. The out folder
receives the executed ``.ipynb`` and ``.html`` of each notebook (same stem), the tables the
notebooks save, and ``index.html``. Execution timestamps are removed so that two runs on the
same data give identical files.
"""

from __future__ import annotations

import html
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

__all__ = ["NotebookFailed", "find_notebooks", "run_notebooks"]

#: Keys of cell and notebook metadata that record when and how long things ran.
_TIMING_KEYS = ("execution", "papermill")


class NotebookFailed(RuntimeError):
    """A cell raised: names the notebook, the cell and the error in one line."""


def default_notebooks_dir() -> Path:
    """``notebooks/`` beside the package (a source checkout), else in the working directory."""
    beside = Path(__file__).resolve().parent.parent / "notebooks"
    return beside if beside.is_dir() else Path.cwd() / "notebooks"


def find_notebooks(folder: Path) -> list[Path]:
    """Notebooks named ``NN_topic.ipynb``, in reading order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if p.is_file())


@contextmanager
def _stderr_to(path: Path):
    """Send this process's stderr (file descriptor 2, inherited by the kernel) to ``path``:
    kernels print start-up notices there that would interleave with the progress lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as target:
        os.dup2(target.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _strip_timing(notebook) -> None:
    """Remove run timestamps and papermill's random id for its injected cell."""
    for key in _TIMING_KEYS:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in _TIMING_KEYS:
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"


def _title(notebook, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _failure(path: Path, error: Exception) -> NotebookFailed:
    cell = getattr(error, "cell_index", None)
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    where = f"cell {cell + 1}" if isinstance(cell, int) else "a cell"
    message = f"{path.name} failed in {where}: {name}: {value}".splitlines()[0]
    return NotebookFailed(message)


def run_notebooks(data_dir: str | Path, out_dir: str | Path,
                  notebooks_dir: str | Path | None = None, focus_id: str | None = None,
                  n_jobs: int = 1, timeout: int = 1800, log=sys.stderr) -> list[Path]:
    """Execute every notebook on ``data_dir`` and write executed copies, HTML and an index.

    Raises
    ------
    NotebookFailed
        When a cell raises; the message names the notebook and the cell.
    FileNotFoundError
        When the data or notebooks folder does not exist.
    """
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    data_dir = Path(data_dir).resolve()
    out_dir = Path(out_dir).resolve()
    folder = Path(notebooks_dir).resolve() if notebooks_dir else default_notebooks_dir()
    if not data_dir.is_dir():
        raise FileNotFoundError(f"{data_dir}: no such data folder")
    notebooks = find_notebooks(folder)
    if not notebooks:
        raise FileNotFoundError(f"{folder}: no notebooks named NN_topic.ipynb")
    out_dir.mkdir(parents=True, exist_ok=True)
    parameters = {
        "DATA_DIR": str(data_dir),
        "FOCUS_ID": focus_id,
        "REPORT_DIR": str(out_dir),
        "CACHE_DIR": str(out_dir / ".cache"),
        "N_JOBS": n_jobs,
    }
    exporter = HTMLExporter(template_name="lab")
    entries = []
    for number, path in enumerate(notebooks, start=1):
        started = time.monotonic()
        print(f"[{number}/{len(notebooks)}] {path.name} ...", end="", file=log, flush=True)
        executed = out_dir / path.name
        try:
            with _stderr_to(out_dir / ".cache" / "kernel.log"):
                papermill.execute_notebook(
                    str(path), str(executed), parameters=parameters, cwd=str(folder),
                    kernel_name="python3", progress_bar=False, log_output=False,
                    execution_timeout=timeout, report_mode=False,
                )
        except Exception as error:  # papermill wraps every cell error
            print(" failed", file=log, flush=True)
            raise _failure(path, error) from None
        notebook = nbformat.read(executed, as_version=4)
        _strip_timing(notebook)
        nbformat.write(notebook, executed)
        body, _ = exporter.from_notebook_node(notebook)
        executed.with_suffix(".html").write_text(body, encoding="utf-8")
        entries.append((path.stem, _title(notebook, path.stem)))
        print(f" done in {time.monotonic() - started:.1f} s", file=log, flush=True)
    _write_index(out_dir, entries, data_dir)
    return [out_dir / f"{stem}.html" for stem, _ in entries]


def _write_index(out_dir: Path, entries: list[tuple[str, str]], data_dir: Path) -> None:
    tables = sorted(p.name for p in out_dir.glob("*.csv"))
    items = "\n".join(
        f'<li><a href="{html.escape(stem)}.html">{html.escape(title)}</a> '
        f'(<a href="{html.escape(stem)}.ipynb">notebook</a>)</li>' for stem, title in entries)
    table_items = "\n".join(f'<li><a href="{html.escape(t)}">{html.escape(t)}</a></li>'
                            for t in tables)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>newslib reports</title>
<style>body{{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5}}</style>
</head><body>
<h1>newslib reports</h1>
<p>Data: <code>{html.escape(data_dir.name)}/</code>. Each report is an executed notebook; re-run
them all with <code>python -m newslib run --data DIR --out DIR</code>.</p>
<ol>
{items}
</ol>
<h2>Tables</h2>
<ul>
{table_items or "<li>none</li>"}
</ul>
</body></html>
"""
    (out_dir / "index.html").write_text(page, encoding="utf-8")
    (out_dir / "index.json").write_text(json.dumps(
        {"notebooks": [stem for stem, _ in entries], "tables": tables}, indent=1), "utf-8")
