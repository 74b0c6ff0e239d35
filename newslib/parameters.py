"""What ``run`` passes to the notebooks: ``-p NAME=VALUE`` values, checked before any kernel
starts.

Each notebook's first code cell (tagged ``parameters``) assigns its parameters. ``-p`` may set
those that :data:`PARAMETERS` describes (or any other a notebook declares, unchecked), never
the ones ``run`` sets from its own options (:data:`RUN_PARAMETERS`). :data:`PARAMETERS` is the
one table of what each accepts: :func:`check_values` refuses a value outside it in one line
naming the parameter and what it takes, and ``run --help`` is written from it
(:func:`parameters_help`).
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PARAMETERS", "RUN_PARAMETERS", "Parameter", "check_focus", "check_group_by",
           "check_parameters", "check_values", "notebook_parameters", "parameters_help",
           "parse_parameter"]

#: Parameters ``run`` sets itself from its options; ``-p`` may not set them.
RUN_PARAMETERS = ("DATA_DIR", "FOCUS_ID", "REPORT_DIR", "CACHE_DIR", "N_JOBS")

#: Options of ``run`` for the parameters it sets itself.
_RUN_OPTIONS = {"DATA_DIR": "--data", "FOCUS_ID": "--focus", "REPORT_DIR": "--out",
                "CACHE_DIR": "--cache", "N_JOBS": "--jobs"}
#: Terms ``KEY_TERMS`` may list: each is a row of notebook 2's dispersion figure.
MAX_KEY_TERMS = 20
#: Characters in one key term: a word or a short phrase.
MAX_TERM_LENGTH = 100
#: Topics notebook 5 may fit (capped further by the number of documents).
MAX_TOPICS = 100


class _Refused(ValueError):
    """A value outside what a parameter accepts (the message says why, if more than that)."""


@dataclass(frozen=True)
class Parameter:
    """A notebook parameter ``-p`` may set.

    Attributes
    ----------
    name : str
        The name assigned in the notebook's ``parameters`` cell.
    notebook : str
        The notebook that reads it ("2", "5").
    accepts : str
        What it takes, as the error message and ``run --help`` say it.
    default : object
        Its value in the notebook's ``parameters`` cell.
    default_text : str
        What the default means, for ``run --help``.
    help : str
        What it chooses.
    convert : callable
        The value to pass on (``"troops"`` becomes ``["troops"]``), or raises ValueError.
    """

    name: str
    notebook: str
    accepts: str
    default: object
    default_text: str
    help: str
    convert: Callable[[object], object]


def _whole_number(low: int, high: int | None = None) -> Callable[[object], int]:
    def convert(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Refused
        if isinstance(value, float):  # 8.0 is 8; 2.5, NaN and infinity are not whole numbers
            if not (math.isfinite(value) and value.is_integer()):
                raise _Refused
            value = int(value)
        if value < low or (high is not None and value > high):
            raise _Refused
        return value

    return convert


def _terms(value: object) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        if "," in value:  # "troops,Kremlin" would be sought as one phrase and never found
            raise _Refused("give several terms as a JSON list, e.g. "
                           """-p KEY_TERMS='["troops","Kremlin"]'""")
        value = [value]
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_KEY_TERMS:
        raise _Refused
    terms = []
    for term in value:
        if not isinstance(term, str) or not term.strip() or len(term) > MAX_TERM_LENGTH:
            raise _Refused
        terms.append(term.strip())
    return terms


def _column(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _Refused
    return value


#: Every parameter ``-p`` sets that a notebook of newslib's declares.
PARAMETERS: dict[str, Parameter] = {spec.name: spec for spec in (
    Parameter("KEY_TERMS", "2",
              f"a word or phrase, or a JSON list of 1 to {MAX_KEY_TERMS} of them (each up to "
              f"{MAX_TERM_LENGTH} characters), or null",
              None, "the focus article's 3 strongest keywords against general English",
              "terms for keywords in context and dispersion", _terms),
    Parameter("N_TOPICS", "5", f"a whole number from 1 to {MAX_TOPICS}", 4, "4",
              "number of NMF topics (capped by the number of documents)",
              _whole_number(1, MAX_TOPICS)),
    Parameter("GROUP_BY", "5", "a column name (outlet, month, or a column of the table such as "
              "category), or null", None, "outlet if the data names outlets, else month",
              "what to compare groups of articles by", _column),
    Parameter("MIN_GROUP", "5", "a whole number of articles, 1 or more", 3, "3",
              "smallest group compared with the others", _whole_number(1)),
)}


def check_values(parameters: dict[str, object]) -> dict[str, object]:
    """The ``-p`` values as the notebooks receive them, each checked against
    :data:`PARAMETERS` (names it does not describe pass unchanged).

    Returns
    -------
    dict: the same names; ``KEY_TERMS="troops"`` becomes ``["troops"]``.

    Raises
    ------
    ValueError
        ``"-p NAME=VALUE: NAME takes <what it accepts>"``, one line.
    """
    checked = {}
    for name, value in parameters.items():
        spec = PARAMETERS.get(name)
        if spec is None:
            checked[name] = value
            continue
        try:
            checked[name] = spec.convert(value)
        except _Refused as refused:
            shown = json.dumps(value, ensure_ascii=False)
            reason = f" ({refused})" if str(refused) else ""
            raise ValueError(f"-p {name}={shown}: {name} takes {spec.accepts}{reason}") from None
    return checked


def parameters_help() -> str:
    """The parameters part of ``run --help``, from :data:`PARAMETERS`."""
    import textwrap

    indent = " " * 14
    lines = []
    for spec in PARAMETERS.values():
        text = (f"notebook {spec.notebook}: {spec.help}. Takes {spec.accepts}. Default: "
                f"{spec.default_text}.")
        lines.append(textwrap.fill(text, width=92, initial_indent=f"  {spec.name:<11} ",
                                   subsequent_indent=indent))
    return "\n".join(lines)


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


def check_parameters(notebooks: list[Path], parameters: dict[str, object]
                     ) -> dict[str, object]:
    """Refuse ``-p`` names that no notebook declares, or that ``run`` sets from its options,
    and values outside what :data:`PARAMETERS` says they take.

    Returns
    -------
    dict: the values as the notebooks receive them (:func:`check_values`).

    Raises
    ------
    ValueError
        Naming the parameter and the ones that exist, or what it takes.
    """
    declared: dict[str, list[str]] = {}
    for path in notebooks:
        for name in notebook_parameters(path):
            declared.setdefault(name, []).append(path.name[:2])
    for name in parameters:
        if name in RUN_PARAMETERS:
            raise ValueError(f"-p {name}: set it with {_RUN_OPTIONS[name]} instead")
        if name not in declared:
            known = ", ".join(f"{n} (notebook {'/'.join(w)})" for n, w in sorted(declared.items())
                              if n not in RUN_PARAMETERS)
            raise ValueError(f"-p {name}: no notebook has this parameter; they have: {known}")
    return check_values(parameters)


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
