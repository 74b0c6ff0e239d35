"""Features for whole corpora: streaming, a per-article cache, worker processes, Dask.

Articles are read one at a time and handed to :func:`newslib.features.article_features`, a
pure function of the article. Each result is cached on disk under a key made of the article's
content (id, date, body) and a fingerprint of newslib itself (version plus the code and
lexicons), so a re-run only computes new or changed articles, and a changed newslib never
serves stale numbers.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from newslib.articles import TABLE_SUFFIXES, Article, ArticleError, _expand, iter_articles
from newslib.features import FEATURE_COLUMNS, article_features

__all__ = ["cache_key", "corpus_features", "dask_feature_table", "features_bag", "write_table"]

#: Default cache folder (relative to the working directory); derived data, never under data/.
DEFAULT_CACHE = ".newslib-cache"


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


def cache_key(article: Article) -> str:
    """Content hash of an article plus :func:`code_fingerprint`."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in (article.id, article.date.isoformat() if article.date else "", article.body):
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()


def _cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.json"


def _load_cached(cache_dir: Path | None, key: str) -> dict | None:
    if cache_dir is None:
        return None
    path = _cache_path(cache_dir, key)
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None  # missing or damaged: compute again


def _store(cache_dir: Path | None, key: str, row: dict) -> None:
    if cache_dir is None:
        return
    path = _cache_path(cache_dir, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(row), "utf-8")
    temporary.replace(path)  # atomic: parallel runs never see half a file


def _compute(article: Article) -> dict:
    return article_features(article)


def _count_files(sources) -> int | None:
    """Number of article files, if no table is among them (tables hide their row count)."""
    files = [item for item in _expand(sources) if isinstance(item, Path)]
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
        Unusable inputs are appended here (and skipped); without it the first one raises.
    n_jobs : int
        Worker processes; 1 computes in this process, -1 uses every core. Results come back
        in input order whatever the number of workers.
    cache_dir : path or None
        Folder for cached per-article rows; None disables the cache.
    progress : bool, optional
        Show a tqdm progress bar on stderr; by default only for more than 20 articles.

    Returns
    -------
    DataFrame with :data:`~newslib.features.FEATURE_COLUMNS`, one row per article, in input
    order. Memory stays bounded: at most a few articles per worker are held at once.
    """
    from tqdm import tqdm

    workers = (os.cpu_count() or 1) if n_jobs == -1 else max(1, n_jobs)
    directory = Path(cache_dir) if cache_dir is not None else None
    total = _count_files(sources)
    show = progress if progress is not None else (total is None or total > 20)
    rows: list[dict] = []
    bar = tqdm(total=total, unit="article", desc="features", disable=not show, file=sys.stderr)

    def finish(article: Article, key: str, row: dict, computed: bool) -> None:
        row = dict(row, source=article.source)
        if computed:
            _store(directory, key, row)
        rows.append(row)
        bar.update(1)

    articles = iter_articles(sources, errors=errors)
    try:
        if workers == 1:
            for article in articles:
                key = cache_key(article)
                cached = _load_cached(directory, key)
                finish(article, key, cached or _compute(article), cached is None)
        else:
            _run_parallel(articles, workers, directory, finish)
    finally:
        bar.close()
    return pd.DataFrame(rows, columns=FEATURE_COLUMNS)


def _run_parallel(articles: Iterator[Article], workers: int, directory: Path | None,
                  finish) -> None:
    """Keep at most ``4 x workers`` articles in flight, finishing them in input order."""
    pending: deque[tuple[Article, str, dict | Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for article in articles:
            key = cache_key(article)
            cached = _load_cached(directory, key)
            pending.append((article, key, cached if cached is not None else
                            pool.submit(_compute, article)))
            while len(pending) >= 4 * workers or (pending and not isinstance(pending[0][2],
                                                                                Future)):
                _finish_first(pending, finish)
        while pending:
            _finish_first(pending, finish)


def _finish_first(pending: deque, finish) -> None:
    article, key, result = pending.popleft()
    if isinstance(result, Future):
        finish(article, key, result.result(), True)
    else:
        finish(article, key, result, False)


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as CSV or Parquet, chosen by the file ending."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        table.to_csv(path, index=False)
    elif path.suffix.lower() == ".parquet":
        table.to_parquet(path, index=False)
    else:
        raise ValueError("the output must end in .csv or .parquet")
    return path


# -- Dask ---------------------------------------------------------------------------------------

def _rows_of_file(path: str) -> list[dict]:
    """Feature rows of one input file; unusable inputs become rows with an ``error``."""
    errors: list[ArticleError] = []
    rows = [dict(article_features(a), error="") for a in iter_articles(path, errors=errors)]
    rows += [{"source": e.source, "error": e.problem} for e in errors]
    return rows


def _input_files(sources) -> list[str]:
    """The files to read, as iter_articles would; an unusable source is kept as given so that
    its worker reports it."""
    return [str(item) if isinstance(item, Path) else item.source for item in _expand(sources)]


def features_bag(sources, npartitions: int | None = None):
    """A Dask bag of feature rows (dicts), one partition per group of input files.

    ``article_features`` is pure, so the bag can run on any Dask scheduler, a cluster
    included. Rows for unusable inputs carry a non-empty ``error``. Needs ``pip install
    newslib[dask]``.
    """
    import dask.bag as db

    files = _input_files(sources)
    partitions = npartitions or max(1, min(len(files), 64))
    return db.from_sequence(files, npartitions=partitions).map(_rows_of_file).flatten()


def dask_feature_table(sources, scheduler: str | None = None,
                       npartitions: int | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Compute :func:`features_bag` and return (feature table in input order, error lines)."""
    rows = features_bag(sources, npartitions).compute(scheduler=scheduler)
    good = [r for r in rows if not r.get("error")]
    bad = [f"{r['source']}: {r['error']}" for r in rows if r.get("error")]
    return pd.DataFrame(good, columns=FEATURE_COLUMNS), bad
