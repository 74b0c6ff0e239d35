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


#: A label as ids and words from data can be: mathtext that fails, mathtext that renders, HTML.
DATA_LABEL = "id $\\nlx{$ <b>x</b> $x^2$ cost $5"


def drawn_texts(figure) -> list[str]:
    """Every text the figure draws, as drawn (matplotlib shows "\\$" as "$"), after asserting
    that none is read as mathtext and that the figure renders."""
    from matplotlib import cbook
    from matplotlib.text import Text

    figure.canvas.draw()  # a mathtext error would raise here
    texts = [t.get_text() for t in figure.findobj(Text) if t.get_text()]
    assert [t for t in texts if cbook.is_math_text(t)] == []
    return [t.replace("\\$", "$") for t in texts]


def test_every_figure_draws_labels_from_the_data_as_written():
    label = DATA_LABEL
    figures = {
        "bars": plots.plot_bars(pd.DataFrame({"term": [label, "b"], "n": [2, 1]}), "term", "n",
                                title=f"Words in {label}", xlabel=label, sort=False).figure,
        "dispersion": plots.plot_dispersion(
            pd.DataFrame({"term": [label, label], "position": [0.1, 0.9]}), [label]).figure,
        "stance": plots.plot_stance(pd.DataFrame({
            "voice": [label, "narration"], "category": [label, label],
            "per_1000": [3.0, 1.0]}), [label, "narration"]).figure,
        "distributions": plots.plot_distributions(
            pd.DataFrame({"id": [label, "b", "c"], "x": [1.0, 2.0, 3.0]}), {"x": label},
            highlight=label)[0].figure,
        "tone by voice": plots.plot_tone_by_voice(pd.DataFrame({
            "voice": [label], "words": [4], "polarity": [0.1], "vader": [-0.2]})).figure,
    }
    for name, figure in figures.items():
        texts = drawn_texts(figure)
        shown = [t for t in texts if "nlx" in t]
        assert shown, name
        # Whole where the figure has room; bar, legend and tick labels may be shortened with "…".
        assert all(label in t or t.endswith("…") for t in shown), (name, shown)
        assert any(label in t for t in shown), (name, shown)
    arc = pd.DataFrame({"index": [0, 1], "polarity": [0.1, -0.2], "polarity_smooth": [0.1, 0.0],
                        "vader": [0.3, -0.4], "vader_smooth": [0.3, 0.0],
                        "voice": ["narration", label], "agree": [True, False]})
    drawn_texts(plots.plot_tone_arc(arc).figure)
    drawn_texts(plots.plot_method_agreement(arc).figure)
    plt.close("all")


def test_figure_text_draws_a_dollar_as_a_dollar():
    from matplotlib import cbook

    from newslib.escaping import figure_text

    for text in ["$x^2$", "$\\bad{$", "a \\$ b $c$", "no dollar"]:
        escaped = figure_text(text)
        assert not cbook.is_math_text(escaped)
        assert escaped.replace("\\$", "$") == text  # what matplotlib draws


def test_bars_of_every_row_stop_at_max_bars_and_the_title_says_so():
    many = pd.DataFrame({"label": [f"sentence {i}" for i in range(1, 501)], "n": range(500)})
    ax = plots.plot_bars(many, "label", "n", title="Lengths", xlabel="words", top=None,
                         sort=False)
    assert len(ax.patches) == plots.MAX_BARS
    assert ax.get_title() == f"Lengths (the first {plots.MAX_BARS} of 500)"
    few = many.head(plots.MAX_BARS)  # must not fire: every row fits
    ax = plots.plot_bars(few, "label", "n", title="Lengths", xlabel="words", top=None)
    assert len(ax.patches) == plots.MAX_BARS and ax.get_title() == "Lengths"
    plt.close("all")
