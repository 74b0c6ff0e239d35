"""Figures for the notebooks: each takes a newslib table and returns the matplotlib Axes,
with a title and labelled axes (units included), sized to read in an HTML report.

Every text a figure draws (title, axis labels, tick labels, legend) may hold ids, names or words
from the data, so each goes through :func:`newslib.escaping.figure_text`: a ``$`` is drawn as a
``$``, never read as mathtext (a formula, or a parse error and no figure).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from newslib.escaping import figure_text

__all__ = [
    "MAX_BARS",
    "plot_bars",
    "plot_dispersion",
    "plot_distributions",
    "plot_method_agreement",
    "plot_stance",
    "plot_tone_arc",
    "plot_tone_by_voice",
]


#: Bars a chart draws when all are asked for: a bar per sentence of a 5 MB article would be
#: 50,000 bars (and minutes of layout); the title then says how many there are.
MAX_BARS = 60


def _first(table: pd.DataFrame, title: str, top: int | None) -> tuple[pd.DataFrame, str]:
    """The first ``top`` rows (all when None, up to :data:`MAX_BARS`), and the title saying
    so when rows are left out for the cap."""
    if top:
        return table.head(top), title
    if len(table) <= MAX_BARS:
        return table, title
    return table.head(MAX_BARS), f"{title} (the first {MAX_BARS} of {len(table):,})"


def _axes(ax, size=(8, 4.5)):
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _short(label: object, limit: int = 45) -> str:
    """A tick label short enough to read beside its bar (the table shows it whole), as
    figure text (shortened first, so an escape is never cut in two)."""
    text = str(label)
    return figure_text(text if len(text) <= limit else text[:limit - 1].rstrip() + "…")


def plot_bars(table: pd.DataFrame, label: str, value: str, title: str, xlabel: str,
              ax=None, top: int | None = 20, colour: str = "#1f77b4", sort: bool = True):
    """Horizontal bars of ``value`` per ``label``.

    The first ``top`` rows of ``table`` (in its order) are drawn; with ``sort`` (default) they
    are ordered by the value the bars show, largest at the top, so a chart never reads in an
    order its bars contradict. ``sort=False`` keeps the table's order (e.g. sentences in
    reading order). Labels longer than 45 characters are shortened with "…". ``top=None``
    draws every row up to :data:`MAX_BARS`.
    """
    data, title = _first(table[[label, value]].dropna(), title, top)
    if sort:
        data = data.sort_values(value, ascending=False, kind="stable")
    ax = _axes(ax, (8, max(2.5, 0.32 * len(data) + 1.2)))
    ax.barh([_short(v) for v in data[label].astype(str)][::-1], data[value][::-1], color=colour)
    ax.set_title(figure_text(title))
    ax.set_xlabel(figure_text(xlabel))
    ax.set_ylabel("")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    return ax


def plot_dispersion(table: pd.DataFrame, terms: list[str], ax=None):
    """Lexical dispersion: a tick at each occurrence of each term along the article."""
    ax = _axes(ax, (8, 0.55 * len(terms) + 1.5))
    for row, term in enumerate(terms):
        positions = table.loc[table["term"] == term, "position"] * 100
        ax.plot(positions, np.full(len(positions), row), "|", markersize=18, color="#1f77b4")
    d = table.attrs.get("juilland_d", {})
    ax.set_yticks(range(len(terms)),
                  [figure_text(f"{t}  (D={d[t]:.2f})" if t in d and d[t] == d[t] else t)
                   for t in terms])
    ax.set_ylim(-0.7, len(terms) - 0.3)
    ax.set_xlim(-2, 102)
    ax.invert_yaxis()
    ax.set_xlabel("position in the article (% of words)")
    ax.set_title("Where key terms occur (Juilland's D: 1 = even spread)")
    return ax


def plot_tone_arc(arc: pd.DataFrame, ax=None):
    """Sentence polarity (TextBlob) and VADER compound through the article, smoothed."""
    ax = _axes(ax, (9, 4.5))
    x = arc["index"] + 1
    ax.axhline(0, color="#999", linewidth=0.8)
    ax.plot(x, arc["polarity"], "o", color="#1f77b4", alpha=0.45, label="TextBlob polarity")
    ax.plot(x, arc["polarity_smooth"], "-", color="#1f77b4", label="TextBlob, 3-sentence mean")
    ax.plot(x, arc["vader"], "s", color="#d62728", alpha=0.45, label="VADER compound")
    ax.plot(x, arc["vader_smooth"], "--", color="#d62728", label="VADER, 3-sentence mean")
    quoted = arc["voice"] != "narration"
    for position in x[quoted]:
        ax.axvspan(position - 0.5, position + 0.5, color="#ffdd88", alpha=0.25, linewidth=0)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("sentence (shaded: contains quoted speech)")
    ax.set_ylabel("score (-1 negative … +1 positive)")
    ax.set_title("Tone arc through the article")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize="small", ncols=4,
              frameon=False)
    return ax


def plot_method_agreement(table: pd.DataFrame, ax=None, label_points: bool = True):
    """TextBlob polarity against VADER compound, one point per unit, neutral bands shaded."""
    ax = _axes(ax, (6.5, 6))
    ax.axhspan(-0.05, 0.05, color="#eee")
    ax.axvspan(-0.05, 0.05, color="#eee")
    agree = table["agree"]
    ax.scatter(table.loc[agree, "polarity"], table.loc[agree, "vader"], color="#2ca02c",
               label="same label")
    ax.scatter(table.loc[~agree, "polarity"], table.loc[~agree, "vader"], color="#d62728",
               marker="x", label="different labels")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("TextBlob polarity (-1 … +1)")
    ax.set_ylabel("VADER compound (-1 … +1)")
    ax.set_title("Two tone methods, one point per unit (grey: neutral band)")
    # Below the axes, so it never covers a point or a number.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, fontsize="small",
              frameon=False)
    if label_points:  # after the limits, so label boxes are measured where they will be
        _label_points(ax, table)
    return ax


def _label_points(ax, table: pd.DataFrame, max_labels: int = 60) -> None:
    """Number each point (1-based unit number) without labels overlapping: points at (nearly)
    the same place share one label ("3, 7"), and each label takes the first of eight positions
    around its point whose box is free. Above ``max_labels`` points nothing is labelled (the
    table lists them)."""
    if len(table) > max_labels:
        return
    clusters: dict[tuple[int, int], list] = {}
    for row in table.itertuples():
        key = (round(row.polarity / 0.04), round(row.vader / 0.04))
        clusters.setdefault(key, []).append(row)
    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # boxes measured before layout: close enough to compare
    placed = []
    offsets = [(4, 4), (4, -11), (-4, 4), (-4, -11), (0, 9), (0, -15), (10, 0), (-10, 0)]
    for rows in clusters.values():
        x = float(np.mean([r.polarity for r in rows]))
        y = float(np.mean([r.vader for r in rows]))
        text = ", ".join(str(r.index + 1) for r in rows)
        for dx, dy in offsets:
            label = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points",
                                fontsize=7, ha="left" if dx >= 0 else "right")
            box = label.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            label.remove()
        else:  # no free place: keep the first one rather than drop the number
            label = ax.annotate(text, (x, y), xytext=offsets[0], textcoords="offset points",
                                fontsize=7)
            placed.append(label.get_window_extent(renderer))


def plot_stance(table: pd.DataFrame, voices: list[str] | None = None, ax=None):
    """Stance markers per 1,000 words, grouped by category, one bar per voice."""
    voices = voices or list(dict.fromkeys(table["voice"]))
    categories = list(dict.fromkeys(table["category"]))
    ax = _axes(ax, (10, 4.8))
    width = 0.8 / max(len(voices), 1)
    for i, voice in enumerate(voices):
        values = table[table["voice"] == voice].set_index("category")["per_1000"].reindex(
            categories)
        ax.bar(np.arange(len(categories)) + i * width, values, width, label=figure_text(voice))
    ax.set_xticks(np.arange(len(categories)) + width * (len(voices) - 1) / 2,
                  [figure_text(c) for c in categories], rotation=30, ha="right")
    ax.set_ylabel("per 1,000 words of the voice")
    ax.set_title("Stance markers by voice")
    ax.legend(fontsize="small")
    return ax


def plot_distributions(table: pd.DataFrame, columns: dict[str, str],
                       highlight: str | None = None):
    """One panel per feature column across articles; ``highlight`` marks one article in red.

    ``columns`` maps a column to its axis label (with units). Below 10 articles each article
    is a dot (a histogram of a handful of values would mislead); otherwise a histogram.
    """
    fig, axes = plt.subplots(1, len(columns), figsize=(3.6 * len(columns), 3.4),
                             layout="constrained", squeeze=False)
    few = len(table) < 10
    for ax, (column, label) in zip(axes[0], columns.items(), strict=True):
        values = table[column]
        focus = table["id"] == highlight if highlight is not None else pd.Series(False,
                                                                                  table.index)
        if few:
            if (~focus).any():
                ax.scatter(values[~focus], np.zeros((~focus).sum()), color="#1f77b4", alpha=0.7,
                           label="other articles")
            ax.scatter(values[focus], np.zeros(focus.sum()), color="#d62728", s=60,
                       label=_short(highlight, 20))
            ax.set_yticks([])
        else:
            ax.hist(values.dropna(), bins=min(30, max(8, len(values) // 5)), color="#1f77b4",
                    alpha=0.8)
            if focus.any():
                ax.axvline(values[focus].iloc[0], color="#d62728", linewidth=2,
                           label=_short(highlight, 20))
            ax.set_ylabel("articles")
        ax.set_xlabel(figure_text(label))
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.legend(fontsize="x-small", loc="best")
    fig.suptitle(f"Where the focus article sits among {len(table):,} articles", fontweight="bold")
    return axes[0]


def plot_tone_by_voice(table: pd.DataFrame, ax=None):
    """TextBlob polarity and VADER compound per voice (a ``tone(article, "voice")`` table),
    the first :data:`MAX_BARS` voices."""
    table, title = _first(table, "Tone by voice", None)
    ax = _axes(ax, (8, 0.6 * len(table) + 1.8))
    positions = np.arange(len(table))
    ax.barh(positions - 0.2, table["polarity"], 0.4, label="TextBlob polarity", color="#1f77b4")
    ax.barh(positions + 0.2, table["vader"], 0.4, label="VADER compound", color="#d62728")
    ax.set_yticks(positions, [figure_text(f"{v} ({w} words)")
                              for v, w in zip(table["voice"], table["words"], strict=True)])
    ax.axvline(0, color="#999", linewidth=0.8)
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("score (-1 negative … +1 positive)")
    ax.set_title(title)
    ax.legend(fontsize="small", loc="lower right")
    return ax
