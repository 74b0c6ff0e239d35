"""Helpers shared by the notebooks: loading the data the same way in each, stating what a
report was made with, showing tables a reader can read, and writing a sentence of
interpretation that quotes the numbers it is about.

Numbering: library tables count paragraphs and sentences from 0 (like Python and the gold
data); everything a reader sees counts from 1. :func:`number_from_one` is the one place that
converts, and :func:`show` applies it.
"""

from __future__ import annotations

import hashlib
import math
import numbers
import os
import subprocess
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from newslib.articles import ARTICLE_SUFFIXES, Article, Corpus, read_corpus
from newslib.escaping import NO_MATH_CLASS, Prose, join, prose

__all__ = ["MAX_ROWS", "Prose", "data_hash", "default_key_terms", "join", "kwic_view", "load",
           "number_from_one", "project_dir", "provenance", "say", "setup_display", "show",
           "versions"]

#: Columns holding 0-based paragraph or sentence numbers in newslib's tables.
POSITION_COLUMNS = ("paragraph", "sentence", "first_paragraph", "last_paragraph",
                    "start_paragraph", "end_paragraph", "paragraph_index", "sentence_index")

#: Rows a table shows when all are asked for (``rows=None``): every sentence of a 5 MB article
#: would be 50,000 rows; the caption says how many there are.
MAX_ROWS = 200

#: Packages whose versions change the numbers in a report.
CITED_PACKAGES = ("textblob", "vaderSentiment", "wordfreq", "scikit-learn", "pandas")

_LOADED: dict[tuple, Corpus] = {}


def project_dir() -> Path:
    """The folder holding newslib's checkout (where ``notebooks/`` is), else the working
    directory: data locations in reports are given relative to it."""
    beside = Path(__file__).resolve().parent.parent
    return beside if (beside / "notebooks").is_dir() else Path.cwd()


def _format_float(value: float) -> str:
    """Three decimals; two significant digits (scientific only below 0.0001) for small ones."""
    if value != value:
        return ""
    if value != 0 and abs(value) < 0.001:
        return f"{value:.2g}"
    return f"{value:,.3f}"


def _inline_figures() -> None:
    """In a Jupyter kernel, draw figures into the notebook whatever ``MPLBACKEND`` says.

    ipykernel selects the inline backend only when ``MPLBACKEND`` is unset; headless
    machines and CI often set it to ``Agg``, whose ``plt.show()`` draws nothing, and every
    figure would be missing from the reports without a word.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:  # a script or a terminal
        return
    try:
        backend = mpl.get_backend(auto_select=False)
    except TypeError:  # matplotlib < 3.10 has no auto_select
        backend = mpl.rcParams["backend"]
    if "inline" not in str(backend).lower():
        shell.run_line_magic("matplotlib", "inline")


def setup_display() -> None:
    """Readable tables and figures in notebooks and their HTML exports; in a notebook,
    figures are drawn inline whatever the environment's matplotlib backend."""
    _inline_figures()
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_columns", None)
    pd.set_option("display.width", 250)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.float_format", _format_float)
    mpl.rcParams.update({"figure.dpi": 110, "axes.titlesize": "medium",
                         "axes.titleweight": "bold", "savefig.bbox": "tight",
                         "svg.hashsalt": "newslib",
                         # Labels hold ids and words from the data: never LaTeX (a user's
                         # matplotlibrc may turn it on), and "$" is escaped (figure_text).
                         "text.usetex": False})


def _stamp(path: Path) -> tuple:
    """Sizes and modification times of the inputs: a changed file is read again."""
    if path.is_dir():
        return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                            for p in path.iterdir() if p.is_file()))
    stat = path.stat()
    return ((path.name, stat.st_size, stat.st_mtime_ns),)


def load(data_dir: str | Path, focus_id: str | None = None) -> tuple[Corpus, Article]:
    """Read every article in ``data_dir`` and pick the focus article.

    The focus is ``focus_id`` if given, otherwise the first article in name order. Unusable
    files are listed (not silently dropped) and the rest are used. Within one Python process
    the articles are read once (``python -m newslib run`` runs every notebook in one kernel);
    a changed file is read again.

    Raises
    ------
    ValueError
        When no article can be read or ``focus_id`` is not among them.
    """
    path = Path(data_dir).resolve()
    key = (str(path), _stamp(path)) if path.exists() else None
    corpus = _LOADED.get(key) if key else None
    if corpus is None:
        corpus = read_corpus(data_dir, on_error="collect")
        if key:
            _LOADED.clear()
            _LOADED[key] = corpus
    for error in corpus.errors:
        print(f"skipped: {error}")
    if not corpus:
        raise ValueError(f"{Path(data_dir).name}: no readable articles")
    corpus = Corpus(list(corpus), corpus.errors)
    if focus_id is None:
        return corpus, corpus[0]
    for article in corpus:
        if article.id == focus_id:
            return corpus, article
    raise ValueError(f"no article with id {focus_id!r} in {Path(data_dir).name}")


def data_hash(data_dir: str | Path) -> tuple[str, int]:
    """SHA-256 of the input files and how many there are.

    For one file, the SHA-256 of its bytes (``sha256sum FILE``). For a folder, the SHA-256 of
    the listing ``sha256sum`` prints for the article files in it, in name order (``cd FOLDER
    && sha256sum $(ls) | sha256sum`` over the ``.txt``, ``.csv``, ``.jsonl``, ``.ndjson``,
    ``.html`` and ``.htm`` files, hidden files excluded), so either can be checked without
    newslib.
    """
    path = Path(data_dir)

    def file_digest(file: Path) -> str:
        digest = hashlib.sha256()
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    if path.is_file():
        return file_digest(path), 1
    files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                   and p.suffix.lower() in ARTICLE_SUFFIXES)
    listing = "".join(f"{file_digest(p)}  {p.name}\n" for p in files)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest(), len(files)


def _commit() -> str:
    """The checkout's commit (short), "+ uncommitted changes" when the tree differs from it."""
    where = Path(__file__).resolve().parent
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=where,
                                capture_output=True, text=True, timeout=10)
        if commit.returncode != 0:
            return "not a git checkout"
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=where, capture_output=True, text=True, timeout=10)
        return commit.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (git not available)"


def versions() -> dict[str, str]:
    """newslib's version and commit, Python's, and those of the packages behind the numbers."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from newslib import __version__

    found = {"newslib": f"{__version__} (commit {_commit()})",
             "Python": platform.python_version()}
    for package in CITED_PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def _relative_to_project(data_dir: str | Path) -> str:
    path = Path(data_dir).resolve()
    try:
        return Path(os.path.relpath(path, project_dir())).as_posix()
    except ValueError:
        return path.name


def provenance(data_dir: str | Path):
    """What this report was made with, for a citation: newslib's version and commit, the
    versions of the packages that compute its numbers, the data's location relative to the
    project folder and a hash of the input files (:func:`data_hash`).

    Returns
    -------
    Prose (displays as a short table in a notebook).
    """
    digest, files = data_hash(data_dir)
    rows = [say("| data | `{where}` ({files} file{s}, relative to the project folder) |",
                where=_relative_to_project(data_dir), files=files, s="s" * (files != 1)),
            say("| data SHA-256 | `{digest}` |", digest=digest)]
    rows += [say("| {name} | {value} |", name=name, value=value)
             for name, value in versions().items()]
    return say("**Made with** (cite these with the numbers below):\n\n| | |\n|---|---|\n"
               "{rows}", rows=join("\n", rows))


def number_from_one(table: pd.DataFrame, columns=POSITION_COLUMNS) -> pd.DataFrame:
    """A copy of ``table`` whose paragraph and sentence numbers count from 1, for readers.

    newslib's tables count from 0 (Python's convention, and the gold data's); prose, figures
    and the annotated view count from 1. Use this for every table a reader sees.

    Parameters
    ----------
    columns : sequence of str
        Columns to shift where present (default :data:`POSITION_COLUMNS`).
    """
    table = table.copy()
    for column in columns:
        if column in table.columns:
            table[column] = table[column] + 1
    return table


def _cell_text(value) -> object:
    """What a cell of a text column shows: a string (escaped when shown), or an integer."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):  # a number in a column of mixed kinds
        return f"{int(value):d}" if value.is_integer() else _format_float(value)
    if isinstance(value, numbers.Integral):
        return value
    return str(value)  # Styler escapes strings only: anything else becomes one


def show(table: pd.DataFrame, empty: str, *, rows: int | None = 30, columns=None,
         renumber: bool = True, text_width: str = "28em", total: int | None = None):
    """A table a reader can read, or a sentence saying why there is none.

    Lists are joined with commas, missing values left blank, whole-number floats shown as
    integers, other floats with three decimals (two significant digits below 0.001),
    paragraph and sentence numbers counted from 1 (:func:`number_from_one`), long text
    wrapped and shown whole, the row index hidden.

    Parameters
    ----------
    table : DataFrame
    empty : str or Prose
        The sentence shown when the table has no rows: newslib's Markdown, or :func:`say`'s
        prose when it holds values from the data.
    rows : int or None
        Show the first ``rows`` rows and say how many there are; None shows all of them up
        to :data:`MAX_ROWS`.
    columns : list of str, optional
        The columns to show, in order (default all).
    renumber : bool
        Count paragraphs and sentences from 1 (default True).
    text_width : str
        CSS width of text columns.
    total : int, optional
        How many rows there are when ``table`` holds only the first of them (the caller cut
        it, e.g. to format only the rows shown); default ``len(table)``.
    """
    if table is None or len(table) == 0:
        return empty if isinstance(empty, Prose) else say(empty)
    if columns is not None:
        table = table[list(columns)]
    total = len(table) if total is None else max(total, len(table))
    rows = MAX_ROWS if rows is None else rows
    table = table.head(rows)
    if renumber:
        table = number_from_one(table)
    table = table.reset_index(drop=True)
    text_columns, formats = [], {}
    for column in table.columns:
        values = table[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values) or isinstance(
                values.dtype, pd.CategoricalDtype):
            values = values.astype(object).map(_cell_text)
            table[column] = values
            if values.map(lambda v: isinstance(v, str) and len(v) > 40).any():
                text_columns.append(column)
        elif pd.api.types.is_bool_dtype(values):
            continue
        elif pd.api.types.is_float_dtype(values):
            finite = values.dropna()
            if len(finite) and (finite == finite.round()).all() and finite.abs().max() < 1e15:
                formats[column] = lambda v: "" if v != v else f"{int(v):d}"
            else:
                formats[column] = _format_float
    # Cells and column names come from the data: escaped, never markup (issue 17).
    styler = (table.style.hide(axis="index").format(formats, na_rep="", escape="html")
              .format_index(escape="html", axis=1)
              .set_table_attributes(f'class="{NO_MATH_CLASS}"'))
    # Styler ids are random by default: a fixed one keeps re-runs byte-identical.
    styler = styler.set_uuid(hashlib.sha256(table.to_json().encode()).hexdigest()[:8])
    if text_columns:
        styler = styler.set_properties(subset=text_columns, **{
            "text-align": "left", "white-space": "normal", "min-width": text_width})
    caption = f"The first {rows:,} of {total:,} rows." if total > rows else ""
    if caption:
        styler = styler.set_caption(caption)
    return Table(styler, table, caption)


class Table:
    """A table shown by :func:`show`: HTML in notebooks and reports, plain text elsewhere
    (``.data`` is the DataFrame as shown, ``.to_html()`` the HTML)."""

    def __init__(self, styler, data: pd.DataFrame, caption: str = "") -> None:
        self.styler = styler
        self.data = data
        self.caption = caption

    def to_html(self) -> str:
        return self.styler.to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        text = self.data.to_string(index=False)
        return f"{text}\n{self.caption}" if self.caption else text


def kwic_view(table: pd.DataFrame, articles, width: int = 40) -> pd.DataFrame:
    """Keyword-in-context rows with contexts of about ``width`` characters cut at word
    boundaries (from the article bodies): a word cut in two is left out and "…" marks that the
    text goes on.

    Parameters
    ----------
    table : DataFrame
        A :func:`newslib.usage.kwic` table (``article_id``, ``start``, ``end``).
    articles : Article or list of Article
        The articles the table was made from.
    """
    bodies = {a.id: a.body for a in ([articles] if hasattr(articles, "body") else articles)}
    table = table.copy()

    def context(row) -> tuple[str, str]:
        body = bodies[row.article_id]
        begin = max(0, row.start - width)
        if begin > 0 and not body[begin - 1].isspace():
            space = body.find(" ", begin, row.start)
            begin = space + 1 if space >= 0 else row.start
        finish = min(len(body), row.end + width)
        if finish < len(body) and not body[finish].isspace():
            space = body.rfind(" ", row.end, finish)
            finish = space if space >= 0 else row.end
        left = body[begin:row.start].replace("\n", " ")
        right = body[row.end:finish].replace("\n", " ")
        return ("… " * (begin > 0) + left.strip(), right.strip() + " …" * (finish < len(body)))

    if len(table):
        pairs = [context(row) for row in table.itertuples()]
        table["left"] = [p[0] for p in pairs]
        table["right"] = [p[1] for p in pairs]
    return table


def default_key_terms(article, n: int = 3) -> list[str]:
    """The article's ``n`` strongest keywords against general English (by log-likelihood),
    used as key terms for keywords in context and dispersion when none are given."""
    from newslib.usage import keyness_vs_english

    keywords = keyness_vs_english(article)
    if len(keywords) == 0:
        return []
    # Keyness terms are usage.normalise lemmas, the unit kwic and dispersion match by default.
    ordered = keywords.sort_values(["log_likelihood", "term"], ascending=[False, True])
    return ordered["term"].head(n).tolist()


def say(template: str, /, **values) -> Prose:
    """A sentence of interpretation: newslib's Markdown ``template`` with ``values`` filled in.

    Values (numbers, and anything from the data: ids, titles, speakers, words, outlets,
    folder names) fill the template's ``{name}`` / ``{name:.2f}`` fields and are shown as
    text, whatever Markdown or HTML they hold (:func:`newslib.escaping.prose`); a value may
    itself be prose from ``say`` (joined with :func:`join`). Never put data into the template
    itself.

    Examples
    --------
    >>> say("The most-quoted voice is **{voice}** ({words:,} words).", voice="Ann <b>",
    ...     words=1200).text
    'The most-quoted voice is **Ann <b>** (1,200 words).'
    """
    return prose(template, **values)
