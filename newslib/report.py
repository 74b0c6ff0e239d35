"""Running the notebooks: ``python -m newslib run [--data PATH] [--out DIR] [-p NAME=VALUE]``.

Every ``notebooks/NN_*.ipynb`` is executed in order, then exported to HTML that renders offline
(no script is loaded from the network). The notebooks run one after another in **one** kernel
process, its namespace reset between notebooks, so Python, pandas, matplotlib and newslib are
imported once and the articles are parsed once (:func:`newslib.notebook.load` remembers them).

Parameters are written into a cell tagged ``injected-parameters`` after the notebook's own
``parameters`` cell (papermill's convention), as paths *relative to the project folder* (the
kernel runs there), so no absolute path of the machine appears in a report. A second injected
cell states the provenance (versions, commit, data location and hash; see
:func:`newslib.notebook.provenance`).

The out folder receives the executed ``.ipynb`` and ``.html`` of each notebook (same stem), the
tables the notebooks save, and ``index.html``. Logs and caches go to the cache folder (this
user's own, :func:`newslib.corpus.default_cache_dir`, by default), never into the out folder.
Execution timestamps are removed so that two runs on the same data give identical files.
"""

from __future__ import annotations

import ast
import html
import json
import os
import sys
import threading
import time
from pathlib import Path

__all__ = ["NotebookFailed", "find_notebooks", "notebook_parameters", "parse_parameter",
           "run_notebooks"]

#: Parameters ``run`` sets itself from its options; ``-p`` may not set them.
RUN_PARAMETERS = ("DATA_DIR", "FOCUS_ID", "REPORT_DIR", "CACHE_DIR", "N_JOBS")

#: Keys of cell and notebook metadata that record when and how long things ran.
_TIMING_KEYS = ("execution", "papermill")

#: Run before each notebook in the shared kernel, then removed from the saved notebook: a clean
#: namespace and matplotlib state, so no notebook can depend on another's variables.
_RESET_SOURCE = ("%reset -f\nimport matplotlib as _mpl, matplotlib.pyplot as _plt\n"
                 "_plt.close('all'); _mpl.rcdefaults(); del _mpl, _plt")


class NotebookFailed(RuntimeError):
    """A cell raised: names the notebook, the cell and the error in one line."""


def project_dir(notebooks_dir: Path | None = None) -> Path:
    """The project folder: the parent of the notebooks folder."""
    return (Path(notebooks_dir).resolve() if notebooks_dir else default_notebooks_dir()).parent


def default_notebooks_dir() -> Path:
    """``notebooks/`` beside the package (a source checkout), else in the working directory."""
    beside = Path(__file__).resolve().parent.parent / "notebooks"
    return beside if beside.is_dir() else Path.cwd() / "notebooks"


def find_notebooks(folder: Path) -> list[Path]:
    """Notebooks named ``NN_topic.ipynb``, in reading order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb") if p.is_file())


def notebook_parameters(path: Path) -> dict[str, object]:
    """Names and default values assigned in a notebook's cell tagged ``parameters``."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            names = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            try:
                                names[target.id] = ast.literal_eval(node.value)
                            except ValueError:
                                names[target.id] = None
            return names
    return {}


def parse_parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` from the command line: the value as JSON if it parses, else a string.

    ``N_TOPICS=8`` gives 8, ``KEY_TERMS=["a","b"]`` a list, ``GROUP_BY=category`` the string
    ``"category"``, ``FOCUS=null`` None.

    Raises
    ------
    ValueError
        When there is no ``=`` or the name is not a Python identifier.
    """
    name, equals, value = text.partition("=")
    name = name.strip()
    if not equals or not name.isidentifier():
        raise ValueError(f"-p {text!r}: expected NAME=VALUE, e.g. -p N_TOPICS=8")
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    return name, parsed


def _relative(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` (with ``..`` if needed), POSIX style: never absolute."""
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:  # another drive on Windows: the name is all that can be said
        return path.name


def _strip_timing(notebook) -> None:
    """Remove run timestamps; give injected cells fixed ids."""
    for key in _TIMING_KEYS:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in _TIMING_KEYS:
            cell.metadata.pop(key, None)
        for tag in ("injected-parameters", "injected-provenance"):
            if tag in cell.metadata.get("tags", []):
                cell["id"] = tag


def _title(notebook, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _inject(notebook, parameters: dict[str, object]) -> None:
    """Insert the parameters cell (after the ``parameters`` cell) and the provenance cell."""
    import nbformat

    lines = ["# Parameters injected by `python -m newslib run` (paths relative to the project)"]
    for name, value in parameters.items():
        note = ("  # your own cache folder: newslib.corpus.default_cache_dir()"
                if name == "CACHE_DIR" and value == "user" else "")
        lines.append(f"{name} = {value!r}{note}")
    injected = nbformat.v4.new_code_cell("\n".join(lines),
                                         metadata={"tags": ["injected-parameters"]})
    provenance = nbformat.v4.new_code_cell(
        "from newslib.notebook import provenance\nprovenance(DATA_DIR)",
        metadata={"tags": ["injected-provenance"]})
    position = next((i + 1 for i, cell in enumerate(notebook.cells)
                     if "parameters" in cell.metadata.get("tags", [])), 0)
    notebook.cells[position:position] = [injected, provenance]


def _failure(path: Path, notebook, error: Exception) -> NotebookFailed:
    cell = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"
                 and any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    where = f"cell {cell + 1}" if isinstance(cell, int) else "a cell"
    message = f"{path.name} failed in {where}: {name}: {value}".splitlines()[0]
    return NotebookFailed(message)


def check_parameters(notebooks: list[Path], parameters: dict[str, object]) -> None:
    """Refuse ``-p`` names that no notebook declares, or that ``run`` sets from its options.

    Raises
    ------
    ValueError
        Naming the parameter and the ones that exist.
    """
    declared: dict[str, list[str]] = {}
    for path in notebooks:
        for name in notebook_parameters(path):
            declared.setdefault(name, []).append(path.name[:2])
    for name in parameters:
        if name in RUN_PARAMETERS:
            option = {"DATA_DIR": "--data", "FOCUS_ID": "--focus", "REPORT_DIR": "--out",
                      "CACHE_DIR": "--cache", "N_JOBS": "--jobs"}[name]
            raise ValueError(f"-p {name}: set it with {option} instead")
        if name not in declared:
            known = ", ".join(f"{n} (notebook {'/'.join(w)})" for n, w in sorted(declared.items())
                              if n not in RUN_PARAMETERS)
            raise ValueError(f"-p {name}: no notebook has this parameter; they have: {known}")


def check_focus(data: Path, focus_id: str) -> None:
    """Refuse a focus id that is not among the articles, before any kernel starts.

    Raises
    ------
    ValueError
        Naming the id, the data and a few ids that exist.
    """
    from newslib.articles import iter_articles

    ids = []
    for article in iter_articles(data, errors=[]):
        if article.id == focus_id:
            return
        ids.append(article.id)
    shown = ", ".join(ids[:5]) + (f" ... ({len(ids)} in all)" if len(ids) > 5 else "")
    raise ValueError(f"--focus {focus_id}: no article with this id in {data.name} "
                     f"(ids: {shown or 'none readable'})")


def check_group_by(data: Path, column: str) -> None:
    """Refuse a ``GROUP_BY`` column that no article has, before any kernel starts.

    Raises
    ------
    ValueError
        Naming the column and the columns the data has.
    """
    from newslib.articles import iter_articles

    found: set[str] = set()
    for article in iter_articles(data, errors=[]):
        if column in article.meta:
            return
        found.update(article.meta)
    raise ValueError(f"-p GROUP_BY={column}: no article in {data.name} has this column "
                     f"(columns: {', '.join(sorted(found)) or 'none'}; or use outlet or month)")


def run_notebooks(data_dir: str | Path, out_dir: str | Path,
                  notebooks_dir: str | Path | None = None, focus_id: str | None = None,
                  n_jobs: int = 1, timeout: int = 1800, log=sys.stderr, *,
                  parameters: dict[str, object] | None = None,
                  cache_dir: str | Path | None = None) -> list[Path]:
    """Execute every notebook on ``data_dir`` and write executed copies, HTML and an index.

    Parameters
    ----------
    data_dir : path
        A folder of articles or one CSV / JSON Lines file.
    out_dir : path
        Where the reports go (created if needed).
    notebooks_dir : path, optional
        Folder of ``NN_topic.ipynb`` notebooks; default the project's ``notebooks/``.
    focus_id : str, optional
        The article to study; default the first. Checked before any notebook runs.
    n_jobs : int
        Worker processes for corpus features.
    timeout : int
        Seconds one cell may run.
    parameters : dict, optional
        Values for other names in the notebooks' ``parameters`` cells (``KEY_TERMS``,
        ``N_TOPICS``, ``GROUP_BY``...). Each notebook receives those it declares.
    cache_dir : path, optional
        Feature cache and the kernel's log (``logs/kernel.log``); default this user's cache
        folder, :func:`newslib.corpus.default_cache_dir`. One that cannot be trusted (another
        user's, writable by others) is not used, with one warning.

    Raises
    ------
    NotebookFailed
        When a cell raises; the message names the notebook and the cell.
    FileNotFoundError
        When the data or notebooks folder does not exist.
    ValueError
        When a parameter name is unknown or ``focus_id`` is not among the articles.
    """
    # jsonschema (imported by nbformat) builds an IRI grammar with rfc3987_syntax at import:
    # 1.7 s of CPU for a format check notebooks never use. Without it, jsonschema skips that
    # one format; notebook validation is unchanged.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from newslib.cache import DEFAULT_CACHE, _cache_path, usable_cache_dir

    given = str(data_dir)
    data_dir = Path(data_dir).resolve()
    out_dir = Path(out_dir).resolve()
    folder = Path(notebooks_dir).resolve() if notebooks_dir else default_notebooks_dir()
    root = folder.parent
    cache = _cache_path(cache_dir if cache_dir is not None else DEFAULT_CACHE).resolve()
    if not data_dir.exists():
        raise FileNotFoundError(f"{given}: no such data folder or file")
    if cache == out_dir or out_dir in cache.parents:
        raise ValueError(f"--cache {cache.name}: the cache and log may not be inside the reports "
                         "folder (reports are for readers; choose another folder)")
    notebooks = find_notebooks(folder)
    if not notebooks:
        raise FileNotFoundError(f"{folder.name}: no notebooks named NN_topic.ipynb")
    parameters = dict(parameters or {})
    check_parameters(notebooks, parameters)
    if focus_id is not None:
        check_focus(data_dir, focus_id)
    if parameters.get("GROUP_BY") not in (None, "outlet", "month"):
        check_group_by(data_dir, str(parameters["GROUP_BY"]))
    usable_cache = usable_cache_dir(cache)  # None, with one warning, if it cannot be trusted
    if usable_cache is None:
        cache_value = None
    else:  # the default is named, not spelt out: no home folder in a report
        cache_value = DEFAULT_CACHE if cache_dir is None else _relative(cache, root)
    out_dir.mkdir(parents=True, exist_ok=True)
    values = {"DATA_DIR": _relative(data_dir, root), "FOCUS_ID": focus_id,
              "REPORT_DIR": _relative(out_dir, root), "CACHE_DIR": cache_value,
              "N_JOBS": n_jobs, **parameters}
    # nbconvert takes seconds to import: do it while the kernel starts and runs notebook 1.
    exporter_ready: dict = {}
    loader = threading.Thread(target=lambda: exporter_ready.setdefault("exporter", _exporter()),
                              daemon=True)
    loader.start()
    entries = []
    client = None
    with _kernel_log(usable_cache) as kernel_log:
        try:
            for number, path in enumerate(notebooks, start=1):
                started = time.monotonic()
                print(f"[{number}/{len(notebooks)}] {path.name} ...", end="", file=log, flush=True)
                notebook = nbformat.read(path, as_version=4)
                declared = notebook_parameters(path)
                _inject(notebook, {k: v for k, v in values.items() if k in declared})
                notebook.cells.insert(0, nbformat.v4.new_code_cell(_RESET_SOURCE))
                client = _client(NotebookClient, notebook, client, timeout, root, kernel_log)
                try:
                    client.execute()
                except CellExecutionError as error:
                    print(" failed", file=log, flush=True)
                    del notebook.cells[0]
                    nbformat.write(notebook, out_dir / path.name)
                    raise _failure(path, notebook, error) from None
                finally:
                    if client.kc is not None:
                        client.kc.stop_channels()
                        client.kc = None
                del notebook.cells[0]
                _renumber(notebook)
                _strip_timing(notebook)
                executed = out_dir / path.name
                nbformat.write(notebook, executed)
                loader.join()
                body, _ = exporter_ready["exporter"].from_notebook_node(notebook)
                executed.with_suffix(".html").write_text(body, encoding="utf-8")
                entries.append((path.stem, _title(notebook, path.stem)))
                print(f" done in {time.monotonic() - started:.1f} s", file=log, flush=True)
        finally:
            if client is not None and client.km is not None:
                client.owns_km = True
                client.shutdown_kernel = "immediate"
                client._cleanup_kernel()
    _write_index(out_dir, entries, _relative(data_dir, root))
    return [out_dir / f"{stem}.html" for stem, _ in entries]


def _kernel_log(cache: Path | None):
    """``logs/kernel.log`` in the cache, opened to append, never through a link; the null
    device when there is no usable cache."""
    if cache is not None:
        try:
            (cache / "logs").mkdir(mode=0o700, exist_ok=True)
            flags = (os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_CLOEXEC", 0))
            return open(os.open(cache / "logs" / "kernel.log", flags, 0o600), "ab")
        except OSError as error:
            import warnings

            from newslib.cache import CacheWarning

            warnings.warn(f"kernel log {cache / 'logs' / 'kernel.log'}: cannot be written "
                          f"({error.strerror or error}); the kernel's messages are dropped",
                          CacheWarning, stacklevel=3)
    return open(os.devnull, "ab")


def _client(client_class, notebook, previous, timeout: int, root: Path, kernel_log):
    """A client for ``notebook`` on the kernel ``previous`` started (one is started first)."""
    client = client_class(notebook, timeout=timeout, kernel_name="python3", allow_errors=False,
                          km=previous.km if previous is not None else None,
                          resources={"metadata": {"path": str(root)}})
    if previous is None:
        client.km = client.create_kernel_manager()
        # The kernel inherits standard error as it starts: its notices go to the log, not
        # between the progress lines.
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(kernel_log.fileno(), 2)
        try:
            client.start_new_kernel(cwd=str(root))
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    client.owns_km = False  # keep the kernel alive for the next notebook
    return client


def _renumber(notebook) -> None:
    """Execution counts from 1, as if the notebook had run alone."""
    count = 0
    for cell in notebook.cells:
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count


def _exporter():
    """An HTML exporter whose pages load nothing from the network (no MathJax, require.js or
    mermaid from a CDN): the notebooks use no LaTeX and no widgets."""
    from nbconvert import HTMLExporter

    templates = Path(__file__).resolve().parent / "templates"
    return HTMLExporter(template_name="newslib_offline", extra_template_basedirs=[str(templates)])


def _write_index(out_dir: Path, entries: list[tuple[str, str]], data_label: str) -> None:
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
<p>Data: <code>{html.escape(data_label)}</code> (relative to the project folder). Each report
is an executed notebook and states, at its top, the versions, commit and a hash of the data it
was made with; re-run them all with <code>python -m newslib run --data PATH --out DIR</code>.</p>
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
