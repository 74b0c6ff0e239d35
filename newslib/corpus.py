"""Features for whole corpora: streaming, a per-article cache, worker processes, Dask.

Articles are read one at a time and handed to :func:`newslib.features.article_features`, a
pure function of the article. Each result is cached on disk under a key made of the article's
content (id, date, body), a fingerprint of newslib itself (version plus the code and
lexicons), the versions of the libraries that compute the scores and the values of newslib's
tunable constants (``tone.NEUTRAL_BAND``, ``usage.TYPO_ZIPF_GAP``, ...: every public
upper-case setting of its loaded modules, gathered by name), so a re-run only computes new or
changed articles, and a changed newslib, library or setting never serves stale numbers.

Nothing here can break a run. One article that fails becomes that article's one-line error
and the others go on; a worker process that dies has its articles retried, each alone in a
fresh process, and an article that kills its worker twice is reported.

The cache is per user and signed (:mod:`newslib.cache`): by default the platform's cache
folder, created private; a folder of another user's, or one others can write, is switched off
with one :class:`CacheWarning`, as is one that cannot be written. Entries carry a schema
version, their key and an HMAC made with this user's secret, so a damaged entry, or one that
someone else wrote or copied in, is recomputed, never served.

Output is written to a temporary file and renamed, so a full disk never leaves a truncated
table. Temporary files are made with :mod:`tempfile` (created exclusively, under a name
nobody can predict), so a symbolic link planted where one would go is never followed. CSV
output is safe to open in a spreadsheet (:func:`neutralise_formulas`).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import math
import os
import re
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import pandas as pd

from newslib.articles import (
    TABLE_SUFFIXES,
    Article,
    ArticleError,
    _InputFile,
    _list_inputs,
    _one_line,
    _read_entries,
)
from newslib.cache import (
    DEFAULT_CACHE,
    CacheWarning,
    _cache_path,
    _folder_problem,
    _read_private,
    _remove,
    _umask,
    _user_secret,
    _warn_off,
    default_cache_dir,
    usable_cache_dir,
)
from newslib.features import FEATURE_COLUMNS, article_features

__all__ = [
    "CacheWarning",
    "available_cores",
    "cache_key",
    "check_output",
    "corpus_features",
    "dask_feature_table",
    "default_cache_dir",
    "features_bag",
    "neutralise_formulas",
    "settings_fingerprint",
    "usable_cache_dir",
    "write_table",
]

#: Version of the cache entry layout; entries of another version are recomputed.
CACHE_SCHEMA = 3
#: A cache entry holds one feature row, far below this; a bigger file is not read.
MAX_ENTRY_BYTES = 1 << 20
#: Libraries whose version changes the numbers (their scores, tokenisers or frequencies).
SCORING_LIBRARIES = ("textblob", "vaderSentiment", "wordfreq", "scikit-learn", "pandas")
#: Columns that describe where the article came from, set for each run, never cached.
ORIGIN_COLUMNS = ("source", "title", "path")
#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP, "CSV
#: Injection": equals, plus, minus, at, tab, carriage return).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: A cell that is only a number ("-3", "+1.5e3") is read as that number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


@cache
def code_fingerprint() -> str:
    """Hash of newslib's version, modules and lexicons: part of every cache key."""
    from newslib import __version__

    digest = hashlib.sha256(__version__.encode())
    package = resources.files("newslib")
    for entry in sorted(package.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".py"):
            digest.update(entry.name.encode() + entry.read_bytes())
    for entry in sorted(package.joinpath("lexicons").iterdir(), key=lambda p: p.name):
        digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


def _canonical(value) -> str | None:
    """A stable text form of a setting's value, or None for what is not a setting (functions,
    classes, modules, tables)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return repr(value)
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r}, {value.flags})"
    if isinstance(value, Path):
        return repr(str(value))
    if isinstance(value, (list, tuple)):
        parts = [_canonical(item) for item in value]
        return None if None in parts else "[" + ", ".join(parts) + "]"
    if isinstance(value, (set, frozenset)):
        parts = [_canonical(item) for item in value]
        return None if None in parts else "{" + ", ".join(sorted(parts)) + "}"
    if isinstance(value, dict):
        parts = [(_canonical(k), _canonical(v)) for k, v in value.items()]
        if any(k is None or v is None for k, v in parts):
            return None
        return "{" + ", ".join(sorted(f"{k}: {v}" for k, v in parts)) + "}"
    return None


def tunable_settings() -> dict[str, str]:
    """``module.NAME -> value`` for every public upper-case constant of newslib's loaded
    modules (``tone.NEUTRAL_BAND``, ``usage.TYPO_ZIPF_GAP``, ...), read now, so a value set at
    run time counts and a renamed constant needs no change here."""
    settings: dict[str, str] = {}
    for module_name in sorted(name for name in list(sys.modules)
                              if name == "newslib" or name.startswith("newslib.")):
        module = sys.modules.get(module_name)
        if module is None:
            continue
        for name, value in sorted(vars(module).items()):
            if name.startswith("_") or not name.isupper():
                continue
            text = _canonical(value)
            if text is not None:
                settings[f"{module_name}.{name}"] = text
    return settings


def library_versions() -> dict[str, str]:
    """Installed versions of :data:`SCORING_LIBRARIES` ("absent" when not installed)."""
    versions = {}
    for name in SCORING_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def settings_fingerprint() -> str:
    """Hash of :func:`code_fingerprint`, :func:`library_versions` and
    :func:`tunable_settings`: the part of a cache key that is not the article."""
    import newslib.features  # noqa: F401  (loads every module whose settings count)

    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(library_versions(), sort_keys=True).encode())
    digest.update(json.dumps(tunable_settings(), sort_keys=True).encode())
    return digest.hexdigest()[:32]


def cache_key(article: Article, *, settings: str | None = None) -> str:
    """Content hash of an article plus :func:`settings_fingerprint` (computed now unless
    given)."""
    digest = hashlib.sha256((settings or settings_fingerprint()).encode())
    for part in (article.id, article.date.isoformat() if article.date else "", article.body):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


#: Columns of a cached row: everything but where the article came from.
_CACHED_COLUMNS = [c for c in FEATURE_COLUMNS if c not in ORIGIN_COLUMNS]


def _valid_row(row) -> bool:
    """A cached row has exactly the feature columns, with plain values."""
    if not isinstance(row, dict) or sorted(row) != sorted(_CACHED_COLUMNS):
        return False
    for value in row.values():
        if value is not None and not isinstance(value, (int, float, str)):
            return False
        if isinstance(value, float) and math.isinf(value):
            return False
    return True


def _mac(secret: bytes, key: str, row: dict) -> str:
    """HMAC-SHA256 of an entry's key and row under this user's secret: nobody without the
    secret can make an entry that passes (a plain checksum anyone can recompute)."""
    message = (key + "\0" + json.dumps(row, sort_keys=True)).encode("utf-8", "surrogatepass")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


class _Cache:
    """Per-article rows on disk. Every failure turns the cache off (one warning), never the run."""

    def __init__(self, directory: str | Path | None) -> None:
        self.warned = False
        self.directory = self.shown = _cache_path(directory)
        if self.directory is None:
            return
        problem = _folder_problem(self.directory)
        if problem is None:
            try:
                self.secret = _user_secret(self.directory)
            except OSError as error:
                problem = error.strerror or str(error)
        if problem:
            self._disable(problem)

    def _disable(self, problem: str) -> None:
        if not self.warned:
            _warn_off(self.shown, problem)
            self.warned = True
        self.directory = None

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def load(self, key: str) -> dict | None:
        """The cached row, or None when missing or failing any check (then it is recomputed):
        not a regular file of this user, damaged, or not signed with this user's secret."""
        if self.directory is None:
            return None
        data = _read_private(self._path(key), size=MAX_ENTRY_BYTES)
        if data is None or len(data) > MAX_ENTRY_BYTES:
            return None
        try:
            entry = json.loads(data.decode("utf-8", "surrogatepass"))
        except (ValueError, RecursionError):
            return None
        if not (isinstance(entry, dict) and entry.get("schema") == CACHE_SCHEMA
                and entry.get("key") == key and _valid_row(entry.get("row"))
                and isinstance(entry.get("mac"), str)
                and hmac.compare_digest(entry["mac"], _mac(self.secret, key, entry["row"]))):
            return None
        return entry["row"]

    def store(self, key: str, row: dict) -> None:
        if self.directory is None:
            return
        row = {column: row.get(column) for column in _CACHED_COLUMNS}
        try:
            entry = {"schema": CACHE_SCHEMA, "key": key, "mac": _mac(self.secret, key, row),
                     "row": row}
            data = json.dumps(entry).encode("utf-8", "surrogatepass")
        except (TypeError, ValueError):  # a value JSON cannot hold: this row is not cached
            return
        path = self._path(key)
        temporary = None
        try:
            path.parent.mkdir(mode=0o700, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{key[:16]}.",
                                                     suffix=".tmp")
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)  # atomic: parallel runs never see half a file
        except OSError as error:
            if temporary is not None:
                _remove(temporary)
            self._disable(f"cannot be written ({error.strerror or error})")


def _compute(article: Article) -> dict:
    return article_features(article)


def _compute_in_worker(article: Article) -> dict:
    """What worker processes run: looks ``_compute`` up when called, so it is sent by name."""
    return _compute(article)


def _failed(article: Article, error: BaseException) -> ArticleError:
    return ArticleError(article.source, f"could not be analysed ({_one_line(error)})")


def _origin(article: Article) -> dict:
    """Where the article came from: its outlet (``source`` / ``outlet`` column of a table),
    title, and relative path. Set per run, not cached (the same text may come from two
    places)."""
    return {"source": article.outlet, "title": article.title, "path": article.path}


def _count_files(entries: list) -> int | None:
    """Number of article files, if no table is among them (tables hide their row count)."""
    files = [item.path for item in entries if isinstance(item, _InputFile)]
    if any(p.suffix.lower() in TABLE_SUFFIXES for p in files):
        return None
    return len(files)


def corpus_features(
    sources: str | Path | Iterable[str | Path],
    errors: list[ArticleError] | None = None,
    n_jobs: int = 1,
    cache_dir: str | Path | None = DEFAULT_CACHE,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`~newslib.features.article_features` for every article in files, folders, tables.

    Parameters
    ----------
    errors : list, optional
        Unusable inputs, and articles whose analysis failed, are appended here (and skipped);
        without it the first one raises :class:`~newslib.articles.ArticleError`.
    n_jobs : int
        Worker processes; 1 computes in this process, -1 uses every core. Never more than
        the cores this process may use, nor than the articles (3 articles get at most 3
        workers). Results come back in input order whatever the number of workers. A worker
        that dies costs nothing: its articles are retried, each alone in a new process.
    cache_dir : path, ``"user"`` or None
        Folder for cached per-article rows: ``"user"`` (the default) is this user's cache
        folder, :func:`default_cache_dir`; None disables the cache. A folder that cannot be
        written, belongs to another user or can be written by others switches the cache off
        with one :class:`CacheWarning`.
    progress : bool, optional
        Show a tqdm progress bar on stderr; by default only for more than 20 articles.

    Returns
    -------
    DataFrame with :data:`~newslib.features.FEATURE_COLUMNS`, one row per article, in input
    order. Memory stays bounded: at most a few articles per worker are held at once.
    """
    from tqdm import tqdm

    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs={n_jobs!r}: use 1 or more worker processes, or -1 for one "
                         "per core")
    workers = min(available_cores(), n_jobs) if n_jobs != -1 else available_cores()
    store = _Cache(cache_dir)
    settings = settings_fingerprint()
    entries = _list_inputs(sources)
    total = _count_files(entries)
    show = progress if progress is not None else (total is None or total > 20)
    rows: list[dict] = []
    bar = tqdm(total=total, unit="article", desc="features", disable=not show, file=sys.stderr)

    def report(error: ArticleError) -> None:
        if errors is None:
            raise error
        errors.append(error)
        bar.update(1)

    def finish(article: Article, row: dict) -> None:
        rows.append(dict(row, **_origin(article)))
        bar.update(1)

    articles = _read_entries(entries, errors, max_bytes=_max_bytes())
    if workers > 1:  # no more workers than articles: read as many as workers ahead to know
        ahead = list(itertools.islice(articles, workers))
        workers = max(1, len(ahead))
        articles = itertools.chain(ahead, articles)
    try:
        if workers == 1:
            for article in articles:
                key = cache_key(article, settings=settings)
                row = store.load(key)
                if row is None:
                    try:
                        row = _compute(article)
                    except Exception as error:  # one article never stops the corpus
                        report(_failed(article, error))
                        continue
                    store.store(key, row)
                finish(article, row)
        else:
            _run_parallel(articles, workers, store, settings, finish, report)
    finally:
        bar.close()
    return pd.DataFrame(rows, columns=FEATURE_COLUMNS)


def _max_bytes() -> int:
    from newslib.articles import DEFAULT_MAX_BYTES

    return DEFAULT_MAX_BYTES


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, where the platform tells)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback from each)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now, not after the articles they are computing."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _retry_alone(article: Article) -> dict:
    """Compute one article in a fresh single-worker process, after its first worker died.
    Not in this process: an article that exhausts memory would take the whole run with it."""
    solo = _pool(1)
    try:
        return solo.submit(_compute_in_worker, article).result()
    except BrokenProcessPool:
        raise ArticleError(article.source, "its worker process died twice (out of memory or "
                                           "killed); not analysed") from None
    except BaseException:
        _stop(solo)
        raise
    finally:
        solo.shutdown(wait=True)


def _run_parallel(articles: Iterator[Article], workers: int, store: _Cache, settings: str,
                  finish: Callable, report: Callable) -> None:
    """Keep at most ``4 x workers`` articles in flight, finishing them in input order."""
    pending: deque[tuple[Article, str, dict | Future]] = deque()
    pools = [_pool(workers)]

    def submit(article: Article) -> Future:
        try:
            return pools[-1].submit(_compute_in_worker, article)
        except (BrokenProcessPool, RuntimeError):  # the pool died: carry on with a new one
            pools.append(_pool(workers))
            return pools[-1].submit(_compute_in_worker, article)

    def finish_first() -> None:
        article, key, result = pending.popleft()
        if isinstance(result, Future):
            try:
                try:
                    row = result.result()
                except BrokenProcessPool:
                    if pools[-1]._broken:  # new articles go to a new pool
                        pools.append(_pool(workers))
                    row = _retry_alone(article)
            except ArticleError as error:
                report(error)
                return
            except Exception as error:  # the article's own failure, raised in the worker
                report(_failed(article, error))
                return
            store.store(key, row)
            finish(article, row)
        else:
            finish(article, result)

    try:
        for article in articles:
            key = cache_key(article, settings=settings)
            cached = store.load(key)
            pending.append((article, key, cached if cached is not None else submit(article)))
            while len(pending) >= 4 * workers or (pending and not isinstance(pending[0][2],
                                                                                Future)):
                finish_first()
        while pending:
            finish_first()
    except BaseException:  # Ctrl-C, or this process's own failure: stop the workers now
        for pool in pools:
            _stop(pool)
        raise
    for pool in pools:
        pool.shutdown(wait=True)


def _runs_as_formula(value) -> bool:
    return (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
            and not _PLAIN_NUMBER.fullmatch(value))


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell a spreadsheet would run as a formula made inert.

    A text cell (or column name) that starts with one of :data:`FORMULA_TRIGGERS` (``=``,
    ``+``, ``-``, ``@``, tab, carriage return) gets a leading ``'``, as OWASP recommends
    against CSV injection: ``=HYPERLINK("http://...")`` is written ``'=HYPERLINK(...)`` and a
    spreadsheet shows it as text. Numbers are left as they are, in numeric columns and as
    text (``-3``, ``+1.5e3``: a spreadsheet reads them as numbers, never as formulas).
    :func:`restore_formulas` undoes it.

    Returns
    -------
    DataFrame: a copy when a cell changed, else ``table`` itself.
    """
    changed = {}
    for position in range(table.shape[1]):
        values = table.iloc[:, position]
        categorical = isinstance(values.dtype, pd.CategoricalDtype)
        if not (categorical or pd.api.types.is_object_dtype(values)
                or pd.api.types.is_string_dtype(values)):
            continue
        cells = values.tolist()
        if any(_runs_as_formula(cell) for cell in cells):
            changed[position] = pd.Series(
                ["'" + cell if _runs_as_formula(cell) else cell for cell in cells],
                index=values.index, dtype=object if categorical else values.dtype)
    names = ["'" + name if _runs_as_formula(name) else name for name in table.columns]
    if not changed and names == list(table.columns):
        return table
    table = table.copy()
    for position, values in changed.items():
        table.isetitem(position, values)
    table.columns = names
    return table


def restore_formulas(text: str) -> str:
    """The cell text :func:`neutralise_formulas` was given (its leading ``'`` removed)."""
    if text.startswith("'") and _runs_as_formula(text[1:]):
        return text[1:]
    return text


def check_output(output: str | Path, inputs: str | Path | Iterable[str | Path]) -> None:
    """Refuse to write ``output`` over one of the ``inputs`` or into an input folder.

    Paths are compared after resolving links (and as the same file, for hard links). An
    output inside an input folder is refused too: newslib does not write into its inputs,
    and a CSV there would be read as an article table by the next run on that folder.

    Raises
    ------
    ValueError
        ``"<output>: ..."`` naming the input and why.
    """
    target = Path(output).resolve()
    for source in [inputs] if isinstance(inputs, (str, Path)) else inputs:
        try:
            resolved = Path(source).resolve(strict=True)
        except (OSError, RuntimeError):  # missing or a link loop: the reader reports it
            continue
        if resolved == target or (target.exists() and os.path.samefile(resolved, target)):
            raise ValueError(f"{output}: is the input {source}; writing it would replace the "
                             "articles (choose another file)")
        if resolved.is_dir() and resolved in target.parents:
            raise ValueError(f"{output}: is inside the input folder {source}; newslib does not "
                             f"write into its inputs (the next read of {source} would take a "
                             "table there as articles); choose a file elsewhere")


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as CSV or Parquet, chosen by the file ending.

    The table goes to a temporary file beside ``path`` that is renamed over it once complete,
    so a full disk or an interruption never leaves a truncated table (an older one stays).
    CSV text cells that a spreadsheet would run as formulas get a leading ``'``
    (:func:`neutralise_formulas`); Parquet keeps every value as it is (it is read by programs,
    not spreadsheets, and has real types).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError("the output must end in .csv or .parquet")
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes the file 0600; a table is as readable as usual
            os.fchmod(descriptor, 0o666 & ~_umask())
        if suffix == ".csv":
            with open(descriptor, "w", encoding="utf-8", newline="") as handle:
                # CRLF ends records (RFC 4180), so a carriage return inside a cell is quoted
                # too: with "\n" alone, csv leaves it bare and readers split the row there.
                neutralise_formulas(table).to_csv(handle, index=False, lineterminator="\r\n")
        else:
            with open(descriptor, "wb") as handle:
                table.to_parquet(handle, index=False)
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    return path




# -- Dask ---------------------------------------------------------------------------------------

def _rows_of_file(item: _InputFile | ArticleError | str) -> list[dict]:
    """Feature rows of one input file; unusable inputs and articles whose analysis failed
    become rows with an ``error``."""
    errors: list[ArticleError] = []
    entries = _list_inputs(item) if isinstance(item, (str, Path)) else [item]
    rows = []
    for article in _read_entries(entries, errors, max_bytes=_max_bytes()):
        try:
            rows.append(dict(_compute(article), **_origin(article), error=""))
        except Exception as error:  # one article never stops its partition
            errors.append(_failed(article, error))
    rows += [{"source": e.source, "error": e.problem} for e in errors]
    return rows


def features_bag(sources, npartitions: int | None = None):
    """A Dask bag of feature rows (dicts), one partition per group of input files.

    ``article_features`` is pure, so the bag can run on any Dask scheduler, a cluster
    included. Rows for unusable inputs (and articles whose analysis failed) carry a non-empty
    ``error``. Needs ``pip install newslib[dask]``.
    """
    import dask.bag as db

    files = _list_inputs(sources)  # unusable sources kept as errors: their worker reports them
    partitions = npartitions or max(1, min(len(files), 64))
    return db.from_sequence(files, npartitions=partitions).map(_rows_of_file).flatten()


def dask_feature_table(sources, scheduler: str | None = None,
                       npartitions: int | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Compute :func:`features_bag` and return (feature table in input order, error lines)."""
    rows = features_bag(sources, npartitions).compute(scheduler=scheduler)
    good = [r for r in rows if not r.get("error")]
    bad = [f"{r['source']}: {r['error']}" for r in rows if r.get("error")]
    return pd.DataFrame(good, columns=FEATURE_COLUMNS), bad
