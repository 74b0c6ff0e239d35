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
tables the notebooks save, ``index.html`` and ``index.json`` (which lists every file, and marks
the folder as one ``run`` may replace). It is built in a temporary folder beside the target and
moved into place when every notebook has run; ``run`` refuses a target that holds anything of
the user's (:func:`check_out_dir`). Logs and caches go to the cache folder (this
user's own, :func:`newslib.corpus.default_cache_dir`, by default), never into the out folder.
Execution timestamps are removed so that two runs on the same data give identical files.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from pathlib import Path

from newslib.parameters import (
    check_focus,
    check_group_by,
    check_parameters,
    notebook_parameters,
    parse_parameter,
)

__all__ = ["NotebookFailed", "check_out_dir", "find_notebooks", "notebook_parameters",
           "parse_parameter", "run_notebooks"]

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

    injected = nbformat.v4.new_code_cell(_parameters_source(parameters),
                                         metadata={"tags": ["injected-parameters"]})
    provenance = nbformat.v4.new_code_cell(
        "from newslib.notebook import provenance\nprovenance(DATA_DIR)",
        metadata={"tags": ["injected-provenance"]})
    position = next((i + 1 for i, cell in enumerate(notebook.cells)
                     if "parameters" in cell.metadata.get("tags", [])), 0)
    notebook.cells[position:position] = [injected, provenance]


def _parameters_source(parameters: dict[str, object]) -> str:
    lines = ["# Parameters injected by `python -m newslib run` (paths relative to the project)"]
    for name, value in parameters.items():
        note = ("  # your own cache folder: newslib.corpus.default_cache_dir()"
                if name == "CACHE_DIR" and value == "user" else "")
        lines.append(f"{name} = {value!r}{note}")
    return "\n".join(lines)


def _show_parameters(notebook, parameters: dict[str, object]) -> None:
    """Write ``parameters`` into the executed notebook's injected cell: the reports' own
    folder rather than the temporary one they were written to (re-running the notebook with
    these values writes to the same place)."""
    for cell in notebook.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = _parameters_source(parameters)


def _failure(path: Path, notebook, error: Exception, kept: Path | None = None
             ) -> NotebookFailed:
    cell = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"
                 and any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
    name = getattr(error, "ename", type(error).__name__)
    value = " ".join(str(getattr(error, "evalue", error)).split())
    where = f"cell {cell + 1}" if isinstance(cell, int) else "a cell"
    message = f"{path.name} failed in {where}: {name}: {value}"
    if kept is not None:
        message += f" (the executed notebook: {kept})"
    return NotebookFailed(message)


#: What ``index.json`` says of the folder it is in: a report folder ``run`` made and may
#: replace. Its ``files`` list every file ``run`` wrote there.
GENERATOR = "newslib run"


def _files_newslib_wrote(folder: Path) -> set[str] | None:
    """Names of the files ``run`` wrote in ``folder``, from its ``index.json``; None when
    there is no readable ``index.json`` of newslib's there."""
    try:
        descriptor = os.open(folder / "index.json", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        try:
            index = json.loads(handle.read(1 << 20))
        except (ValueError, RecursionError):
            return None
    if not isinstance(index, dict):
        return None
    if index.get("generator") == GENERATOR and isinstance(index.get("files"), list):
        return {name for name in index["files"] if isinstance(name, str)} | {"index.json"}
    if set(index) == {"notebooks", "tables"} and all(  # written by newslib 0.1 before the list
            isinstance(v, list) and all(isinstance(n, str) for n in v) for v in index.values()):
        return ({f"{stem}{suffix}" for stem in index["notebooks"] for suffix in (".ipynb", ".html")}
                | set(index["tables"]) | {"index.html", "index.json"})
    return None


def _foreign_files(folder: Path) -> list[str]:
    """What in ``folder`` ``run`` did not write (sorted): all of it without ``index.json``."""
    names = sorted(os.listdir(folder))
    ours = _files_newslib_wrote(folder) or set()
    return [name for name in names
            if name not in ours or not stat.S_ISREG(os.lstat(folder / name).st_mode)]


def check_out_dir(out_dir: Path, *, given: str, data: Path, notebooks: Path, cache: Path,
                  data_given: str | None = None) -> None:
    """Refuse an ``--out`` folder that ``run`` may not fill, before anything runs.

    ``run`` writes into a new folder, an empty one, or one it made itself (its
    ``index.json`` lists what it wrote there): it replaces the whole folder, so a file of the
    user's there would be lost. All paths are resolved.

    Raises
    ------
    ValueError
        One line, ``--out <given>: ...``: the folder is a file, the notebooks folder (or holds
        it), the data, inside the data or holding it, holds the cache, or holds files newslib
        did not write (named).
    """
    def refuse(problem: str) -> ValueError:
        return ValueError(f"--out {given}: {problem}")

    data_given = data_given or str(data)

    if out_dir == notebooks or out_dir in notebooks.parents:
        raise refuse("is the notebooks folder" + ("" if out_dir == notebooks else " or holds it")
                     + "; the executed copies would replace the notebooks (choose another "
                       "folder)")
    if out_dir == data:
        raise refuse("is the data (--data); choose another folder")
    if data in out_dir.parents:
        raise refuse(f"is inside the data folder {data_given}; the next run would read the "
                     "reports as articles (choose a folder outside it)")
    if out_dir in data.parents:
        raise refuse(f"holds the data ({data_given}); replacing it with the reports would "
                     "remove the articles (choose another folder)")
    if cache == out_dir or out_dir in cache.parents:
        raise ValueError(f"--cache {cache.name}: the cache and log may not be inside the reports "
                         "folder (reports are for readers; choose another folder)")
    if not os.path.lexists(out_dir):
        return
    if not out_dir.is_dir():
        raise refuse("is a file, not a folder (choose a folder)")
    try:
        foreign = _foreign_files(out_dir)
    except OSError as error:
        raise refuse(f"cannot be read ({error.strerror or error})") from None
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3:,} more" if len(foreign) > 3
                                          else "")
        raise refuse(f"holds files newslib did not write ({shown}); run only replaces an empty "
                     "folder or one it made (choose a new folder)")


def _move_into_place(staging: Path, out_dir: Path) -> None:
    """Put the finished folder ``staging`` where ``out_dir`` is, replacing an earlier one."""
    if not os.path.lexists(out_dir):
        os.rename(staging, out_dir)
        return
    old = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.",
                                suffix=".newslib-old"))
    try:
        os.rename(out_dir, old / out_dir.name)
    except OSError:  # a mount point, say: replace its files (all newslib's: checked) instead
        old.rmdir()
        for name in os.listdir(out_dir):
            os.unlink(out_dir / name)
        for name in os.listdir(staging):
            shutil.move(staging / name, out_dir / name)
        staging.rmdir()
        return
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(old / out_dir.name, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


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
        Where the reports go: a new or empty folder, or one an earlier run made (it is
        replaced); see :func:`check_out_dir`. They are written to a temporary folder beside
        it and moved there only when every notebook has run.
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
        When a parameter name is unknown, ``focus_id`` is not among the articles, or
        ``out_dir`` may not be filled (:func:`check_out_dir`).
    """
    # jsonschema (imported by nbformat) builds an IRI grammar with rfc3987_syntax at import:
    # 1.7 s of CPU for a format check notebooks never use. Without it, jsonschema skips that
    # one format; notebook validation is unchanged.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from newslib.cache import DEFAULT_CACHE, _cache_path, _umask, usable_cache_dir

    given = str(data_dir)
    data_dir = Path(data_dir).resolve()
    given_out = str(out_dir)
    out_dir = Path(out_dir).resolve()
    folder = Path(notebooks_dir).resolve() if notebooks_dir else default_notebooks_dir()
    root = folder.parent
    cache = _cache_path(cache_dir if cache_dir is not None else DEFAULT_CACHE).resolve()
    if not data_dir.exists():
        raise FileNotFoundError(f"{given}: no such data folder or file")
    check_out_dir(out_dir, given=given_out, data=data_dir, notebooks=folder, cache=cache,
                  data_given=given)
    notebooks = find_notebooks(folder)
    if not notebooks:
        raise FileNotFoundError(f"{folder.name}: no notebooks named NN_topic.ipynb")
    parameters = check_parameters(notebooks, dict(parameters or {}))
    if focus_id is not None:
        check_focus(data_dir, focus_id)
    if parameters.get("GROUP_BY") not in (None, "outlet", "month"):
        check_group_by(data_dir, str(parameters["GROUP_BY"]))
    usable_cache = usable_cache_dir(cache)  # None, with one warning, if it cannot be trusted
    if usable_cache is None:
        cache_value = None
    else:  # the default is named, not spelt out: no home folder in a report
        cache_value = DEFAULT_CACHE if cache_dir is None else _relative(cache, root)
    values = {"DATA_DIR": _relative(data_dir, root), "FOCUS_ID": focus_id,
              "REPORT_DIR": _relative(out_dir, root), "CACHE_DIR": cache_value,
              "N_JOBS": n_jobs, **parameters}
    # Everything is written to a new folder beside the target, moved into place only when
    # every notebook has run: a failed or interrupted run leaves the earlier reports as they
    # were, and never two datasets' reports side by side.
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.",
                                        suffix=".newslib-run"))
    except OSError as error:
        raise ValueError(f"--out {given_out}: cannot be written ({error.strerror or error})"
                         ) from None
    keep_staging = False
    try:
        running = dict(values, REPORT_DIR=_relative(staging, root))
        entries = _execute(notebooks, staging, running, values, root=root, timeout=timeout,
                           log=log, cache=usable_cache)
        _write_index(staging, entries, _relative(data_dir, root))
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp made it 0700; reports are to be read
        try:
            check_out_dir(out_dir, given=given_out, data=data_dir, notebooks=folder,
                          cache=cache, data_given=given)
        except ValueError as error:  # something of the user's appeared there meanwhile
            keep_staging = True
            raise ValueError(f"{error}; this run's reports are in {staging}") from None
        try:
            _move_into_place(staging, out_dir)
        except OSError as error:
            keep_staging = True
            raise ValueError(f"--out {given_out}: the reports could not be moved there "
                             f"({error.strerror or error}); they are in {staging}") from None
    except BaseException:
        if not keep_staging:
            with _no_interrupts():
                shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / f"{stem}.html" for stem, _ in entries]


def _execute(notebooks: list[Path], out_dir: Path, running: dict[str, object],
             shown: dict[str, object], *, root: Path, timeout: int, log, cache: Path | None
             ) -> list[tuple[str, str]]:
    """Run the notebooks in one kernel with the parameters ``running``, writing each executed
    copy and its HTML page to ``out_dir``; the saved copies show the parameters ``shown``
    (the reports' final folder, not the temporary one). Returns (stem, title) per notebook."""
    import nbformat
    from nbclient.exceptions import CellExecutionError

    from newslib.cli import printable

    client_class = _client_class()
    # nbconvert takes seconds to import: do it while the kernel starts and runs notebook 1.
    exporter_ready: dict = {}
    loader = threading.Thread(target=lambda: exporter_ready.setdefault("exporter", _exporter()),
                              daemon=True)
    loader.start()
    entries = []
    client = None
    line_open = False  # a progress line waiting for its " done" (ended on any way out)
    with _kernel_log(cache) as kernel_log:
        try:
            for number, path in enumerate(notebooks, start=1):
                started = time.monotonic()
                print(f"[{number}/{len(notebooks)}] {printable(path.name)} ...", end="", file=log,
                      flush=True)
                line_open = True
                notebook = nbformat.read(path, as_version=4)
                declared = notebook_parameters(path)
                _inject(notebook, {k: v for k, v in running.items() if k in declared})
                notebook.cells.insert(0, nbformat.v4.new_code_cell(_RESET_SOURCE))
                client = _client(client_class, notebook, client, timeout, root, kernel_log)
                try:
                    client.execute()
                except KeyboardInterrupt:
                    with _no_interrupts():
                        _cancel_pending_tasks()
                    raise
                except CellExecutionError as error:
                    print(" failed", file=log, flush=True)
                    line_open = False
                    del notebook.cells[0]
                    _show_parameters(notebook, {k: v for k, v in shown.items() if k in declared})
                    raise _failure(path, notebook, error, _keep_failed(notebook, path, cache)
                                   ) from None
                finally:
                    if client.kc is not None:
                        client.kc.stop_channels()
                        client.kc = None
                del notebook.cells[0]
                _show_parameters(notebook, {k: v for k, v in shown.items() if k in declared})
                _renumber(notebook)
                _strip_timing(notebook)
                executed = out_dir / path.name
                nbformat.write(notebook, executed)
                loader.join()
                body, _ = exporter_ready["exporter"].from_notebook_node(notebook)
                executed.with_suffix(".html").write_text(body, encoding="utf-8")
                entries.append((path.stem, _title(notebook, path.stem)))
                print(f" done in {time.monotonic() - started:.1f} s", file=log, flush=True)
                line_open = False
        except BaseException:
            if line_open:
                print(file=log, flush=True)
            raise
        finally:
            if client is not None and client.km is not None:
                with _no_interrupts():
                    client.owns_km = True
                    client.shutdown_kernel = "immediate"
                    client._cleanup_kernel()
    return entries


def _cancel_pending_tasks() -> None:
    """Cancel what Ctrl-C left of nbclient's execution in this thread's event loop, and
    collect it: it would otherwise resume during the kernel's shutdown and print "Task
    exception was never retrieved" with a traceback at exit."""
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


def _client_class():
    """nbclient's ``NotebookClient`` without its SIGINT and SIGTERM handlers.

    Those shut the kernel down from inside the event loop and the run then ends in
    "DeadKernelError: Kernel died". Without them Ctrl-C is a plain ``KeyboardInterrupt`` in
    ``run``, which stops the kernel, removes the temporary reports and says "interrupted".
    The kernel is started (in its own session, so Ctrl-C reaches only ``run``) and kept by
    :func:`_client`; setting up is only connecting a client to it.
    """
    from contextlib import asynccontextmanager

    from nbclient import NotebookClient

    class Client(NotebookClient):
        @asynccontextmanager
        async def async_setup_kernel(self, **kwargs):
            if self.kc is None:
                await self.async_start_new_kernel_client()
            yield

    return Client


class _no_interrupts:  # noqa: N801 (used as a context manager, like contextlib's)
    """Hold Ctrl-C off while cleaning up (in the main thread), so a second one cannot leave a
    kernel running or a temporary folder behind; it takes effect afterwards."""

    def __enter__(self):
        self.pending = False
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            def hold(signum, frame):
                self.pending = True

            self.previous = signal.signal(signal.SIGINT, hold)
        return self

    def __exit__(self, *exc_info):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
            if self.pending and exc_info[0] is None:
                raise KeyboardInterrupt
        return False


def _keep_failed(notebook, path: Path, cache: Path | None) -> Path | None:
    """Save the failed notebook, with its error, to the cache's ``logs/`` for reading."""
    import nbformat

    if cache is None:
        return None
    target = cache / "logs" / path.name
    try:
        (cache / "logs").mkdir(mode=0o700, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=cache / "logs", prefix=f".{path.name}.")
        with open(descriptor, "w", encoding="utf-8") as handle:
            nbformat.write(notebook, handle)
        os.replace(temporary, target)
    except OSError:
        return None
    return target


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
    files = sorted({*os.listdir(out_dir), "index.json"})
    (out_dir / "index.json").write_text(json.dumps(
        {"generator": GENERATOR, "notebooks": [stem for stem, _ in entries], "tables": tables,
         "files": files}, indent=1), "utf-8")
