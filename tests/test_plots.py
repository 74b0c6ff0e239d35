"""Figures: bars ordered by what they show, agreement labels that do not overlap."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from newslib import plots  # noqa: E402


def test_bars_follow_the_value_they_show_unless_told_otherwise():
    table = pd.DataFrame({"term": ["a", "b", "c"], "g2": [30, 20, 10], "ratio": [1.0, 5.0, 3.0]})
    ax = plots.plot_bars(table, "term", "ratio", title="t", xlabel="x")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["a", "c", "b"]  # drawn bottom-up: the largest ratio (b) on top
    ax = plots.plot_bars(table, "term", "ratio", title="t", xlabel="x", sort=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["c", "b", "a"]  # table order
    plt.close("all")


def test_long_bar_labels_are_shortened():
    table = pd.DataFrame({"label": ["x" * 80], "value": [1.0]})
    ax = plots.plot_bars(table, "label", "value", title="t", xlabel="x")
    text = ax.get_yticklabels()[0].get_text()
    assert len(text) == 45 and text.endswith("…")
    plt.close("all")


def test_agreement_labels_do_not_overlap():
    # Six points crowded together, two of them at the same place.
    table = pd.DataFrame({
        "index": range(6), "polarity": [0.0, 0.0, 0.06, 0.1, 0.14, 0.5],
        "vader": [0.3, 0.3, 0.33, 0.27, 0.3, -0.5],
        "agree": [True, False, True, False, True, True]})
    ax = plots.plot_method_agreement(table)
    texts = [t for t in ax.texts]
    assert sorted(t.get_text() for t in texts)[0] == "1, 2"  # same place: one label
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    overlaps = [(a.get_text(), b.get_text()) for i, a in enumerate(texts)
                for j, b in enumerate(texts) if i < j and boxes[i].overlaps(boxes[j])]
    assert overlaps == []
    plt.close("all")
