"""Validating tone against human labels: readers, agreement statistics, evaluation, sampling.

- :func:`read_labelled` reads labelled units: NewsMTSC JSONL (the authors' release / split
  format, or newslib's converted format) and a simple CSV (``text``, ``target``, ``label``, as
  written by :func:`sample` and filled in by a researcher).
- :func:`cohen_kappa`, :func:`krippendorff_alpha`, :func:`macro_f1` and :func:`bootstrap_interval`
  are the statistics, written out so each formula can be checked by hand.
- :func:`evaluate_tone` scores every method (TextBlob sentence, VADER sentence, actor tone)
  against the labels.
- :func:`sample` draws a reproducible, stratified sample of units from a corpus for hand
  labelling.
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["LABELS", "MEASURED_AGREEMENT", "LabelledUnit", "agreement_note",
           "bootstrap_interval", "cohen_kappa", "evaluate_tone", "format_evaluation",
           "krippendorff_alpha", "macro_f1", "measured_agreement", "method_labels",
           "read_labelled", "sample"]

LABELS = ("negative", "neutral", "positive")
_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
_LABEL_ALIASES = {"negative": "negative", "neg": "negative", "-1": "negative", "-": "negative",
                  "neutral": "neutral", "neu": "neutral", "0": "neutral",
                  "positive": "positive", "pos": "positive", "1": "positive", "+1": "positive",
                  "+": "positive"}
#: Seed of every bootstrap and sample (results are reproducible).
SEED = 12345
#: Bootstrap resamples.
BOOTSTRAP_SAMPLES = 1000


#: Agreement of each method with the human labels of NewsMTSC (Hamborg & Donnay, EACL 2021),
#: as printed by ``python -m newslib evaluate tone`` on the authors' dev and test splits
#: (``splits/{rw,mt}/{dev,test}.jsonl``) on ``MEASURED_ON``, bootstrap seed 12345 with 1,000
#: resamples. Choices were made on dev; test was scored once. Per method and (set, split):
#: accuracy, macro-F1, its 95% interval (low, high), and F1 of negative, neutral, positive.
MEASURED_ON = "2026-11-25"
MEASURED_AGREEMENT: dict[tuple[str, str, str], tuple[float, ...]] = {
    ("textblob_sentence", "rw", "dev"): (0.411, 0.398, 0.344, 0.449, 0.321, 0.488, 0.384),
    ("vader_sentence", "rw", "dev"): (0.516, 0.508, 0.453, 0.562, 0.602, 0.459, 0.462),
    ("actor_tone", "rw", "dev"): (0.679, 0.661, 0.607, 0.717, 0.709, 0.713, 0.562),
    ("textblob_sentence", "mt", "dev"): (0.464, 0.422, 0.374, 0.465, 0.272, 0.584, 0.412),
    ("vader_sentence", "mt", "dev"): (0.532, 0.528, 0.482, 0.576, 0.474, 0.573, 0.538),
    ("actor_tone", "mt", "dev"): (0.627, 0.606, 0.556, 0.650, 0.614, 0.675, 0.528),
    ("textblob_sentence", "rw", "test"): (0.428, 0.419, 0.384, 0.452, 0.358, 0.487, 0.411),
    ("vader_sentence", "rw", "test"): (0.516, 0.513, 0.479, 0.547, 0.548, 0.512, 0.480),
    ("actor_tone", "rw", "test"): (0.640, 0.624, 0.589, 0.657, 0.649, 0.681, 0.543),
    ("textblob_sentence", "mt", "test"): (0.426, 0.389, 0.360, 0.417, 0.326, 0.546, 0.296),
    ("vader_sentence", "mt", "test"): (0.491, 0.481, 0.452, 0.512, 0.507, 0.527, 0.410),
    ("actor_tone", "mt", "test"): (0.617, 0.581, 0.549, 0.612, 0.637, 0.665, 0.441),
}
#: The paper's fine-tuned model (GRU-TSC on RoBERTa), macro-F1 on test (preprint Table 2).
FINE_TUNED_MACRO_F1 = {"rw": 0.831, "mt": 0.825}
#: Methods, in the order they are reported; the primary label of a sentence is VADER's and of
#: an actor mention the actor-tone model's, the best of each kind on both dev splits.
METHOD_NAMES = {"textblob_sentence": "TextBlob on the sentence",
                "vader_sentence": "VADER on the sentence",
                "actor_tone": "actor tone (newslib model)"}


def measured_agreement() -> pd.DataFrame:
    """:data:`MEASURED_AGREEMENT` as a table: method, set (rw = real-world, mt = several
    targets per sentence), split, accuracy, macro_f1, macro_f1_low, macro_f1_high, f1_negative,
    f1_neutral, f1_positive, fine_tuned_macro_f1 (the paper's best model, test only)."""
    rows = []
    for (method, data, split), values in MEASURED_AGREEMENT.items():
        rows.append({"method": method, "set": data, "split": split,
                     **dict(zip(["accuracy", "macro_f1", "macro_f1_low", "macro_f1_high",
                                 "f1_negative", "f1_neutral", "f1_positive"], values,
                                strict=True)),
                     "fine_tuned_macro_f1": FINE_TUNED_MACRO_F1[data] if split == "test"
                     else float("nan")})
    return pd.DataFrame(rows)


def agreement_note(method: str, *, data: str = "rw", split: str = "test") -> str:
    """One sentence citing a method's measured agreement with human labels, e.g. "macro-F1
    0.51 (95% CI 0.48-0.55) against human labels on NewsMTSC test-rw; fine-tuned model 0.83"."""
    accuracy, f1, low, high, *_ = MEASURED_AGREEMENT[(method, data, split)]
    note = (f"macro-F1 {f1:.2f} (95% CI {low:.2f}-{high:.2f}) against human labels on "
            f"NewsMTSC {split}-{data}")
    if split == "test":
        note += f"; fine-tuned model {FINE_TUNED_MACRO_F1[data]:.3f}"
    return note


class LabelledUnit(dict):
    """One labelled unit: text, start, end (of the target in ``text``; None for a sentence),
    target, label, source (file and line)."""


class LabelError(ValueError):
    """A labelled file that cannot be read (message names the file and the problem)."""


def _locate(text: str, mention: str, start: int | None) -> tuple[int, int] | None:
    """Offsets of ``mention`` in ``text``, nearest to ``start`` (the released offsets are
    sometimes one character off)."""
    if not mention:
        return None
    if not isinstance(start, int) or isinstance(start, bool):
        start = None
    if start is not None and text[start:start + len(mention)] == mention:
        return start, start + len(mention)
    found = []
    position = text.find(mention)
    while position >= 0:
        found.append(position)
        position = text.find(mention, position + 1)
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - (start or 0)))
    return best, best + len(mention)


def _label(value, source: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value) in _POLARITY:
            return _POLARITY[float(value)]
        raise LabelError(f"{source}: unknown label {value!r}")
    text = str(value).strip().lower()
    if not text:
        return None
    if text not in _LABEL_ALIASES:
        raise LabelError(f"{source}: unknown label {value!r} (use negative, neutral, positive)")
    return _LABEL_ALIASES[text]


def _read_jsonl(path: Path) -> list[LabelledUnit]:
    units = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}: line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise LabelError(f"{where}: not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise LabelError(f"{where}: not a JSON object")
            text = record.get("sentence_normalized", record.get("text"))
            if not isinstance(text, str):
                raise LabelError(f"{where}: no sentence_normalized or text")
            targets = record.get("targets")
            if not isinstance(targets, list):
                raise LabelError(f"{where}: no targets list")
            for target in targets:
                if not isinstance(target, dict) or not isinstance(target.get("mention"), str):
                    raise LabelError(f"{where}: a target without a mention")
                label = _label(target.get("polarity", target.get("label")), where)
                offsets = _locate(text, target["mention"], target.get("from"))
                if offsets is None:
                    raise LabelError(f"{where}: mention {target['mention']!r} not in the text")
                units.append(LabelledUnit(text=text, start=offsets[0], end=offsets[1],
                                          target=target["mention"], label=label, source=where))
    return units


def _read_csv(path: Path) -> list[LabelledUnit]:
    from newslib.corpus import restore_formulas

    units = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        if "text" not in fields or "label" not in fields:
            raise LabelError(f"{path}: a CSV needs the columns text and label (and target)")
        for number, row in enumerate(reader, 2):
            where = f"{path}: line {number}"
            # newslib's sample CSV neutralised cells a spreadsheet would run; read them back
            # as they were, so the target's offset in the text still holds.
            text = restore_formulas(row.get("text") or "")
            target = restore_formulas((row.get("target") or "").strip())
            label = _label(row.get("label"), where)
            start = end = None
            if target:
                hint = row.get("start_in_text")
                offsets = _locate(text, target, int(hint) if hint and hint.isdigit() else None)
                if offsets is None:
                    raise LabelError(f"{where}: target {target!r} not in the text")
                start, end = offsets
            units.append(LabelledUnit(text=text, start=start, end=end, target=target or None,
                                      label=label, source=where,
                                      unit=row.get("unit") or ("mention" if target else
                                                               "sentence")))
    return units


def read_labelled(path: str | Path) -> list[LabelledUnit]:
    """Labelled units from a NewsMTSC JSONL file or a CSV with text, target, label columns.

    Parameters
    ----------
    path : str or Path
        ``.jsonl`` (NewsMTSC release/splits format with ``sentence_normalized`` and numeric
        ``polarity``, or newslib's converted format with ``text`` and ``label``) or ``.csv``.

    Returns
    -------
    list of :class:`LabelledUnit` (one per target; label None where the CSV leaves it empty).

    Raises
    ------
    LabelError
        The file cannot be read; the message names the file, line and problem.
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".csv":
            return _read_csv(path)
        return _read_jsonl(path)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise LabelError(f"{path}: cannot read ({error})") from None


# --- statistics -------------------------------------------------------------------------------

def _confusion(first: Sequence[str], second: Sequence[str],
               labels: Sequence[str]) -> np.ndarray:
    """counts[i, j]: units the first labelling calls labels[i] and the second labels[j]."""
    index = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    a = np.fromiter((index[x] for x in first), dtype=np.int64, count=len(first))
    b = np.fromiter((index[x] for x in second), dtype=np.int64, count=len(second))
    return np.bincount(a * k + b, minlength=k * k).reshape(k, k)


def _labels_of(*labellings: Sequence[str], labels: Sequence[str] | None = None) -> list[str]:
    if labels is not None:
        return list(labels)
    return sorted(set().union(*map(set, labellings)))


def _f1_from_confusion(counts: np.ndarray) -> np.ndarray:
    """F1 per class; NaN for a class neither true nor predicted."""
    tp = np.diag(counts).astype(float)
    wrong = counts.sum(axis=0) + counts.sum(axis=1) - 2 * tp  # FP + FN
    denominator = 2 * tp + wrong
    return np.divide(2 * tp, denominator, out=np.full_like(tp, np.nan), where=denominator > 0)


def _macro(f1: np.ndarray) -> float:
    present = f1[~np.isnan(f1)]
    return float(present.mean()) if len(present) else float("nan")


def _kappa_from_confusion(counts: np.ndarray) -> float:
    n = counts.sum()
    if n == 0:
        return float("nan")
    observed = np.trace(counts) / n
    expected = float((counts.sum(axis=1) / n) @ (counts.sum(axis=0) / n))
    if expected >= 1.0:
        return float("nan")
    return float((observed - expected) / (1 - expected))


def _alpha_from_confusion(counts: np.ndarray) -> float:
    units = counts.sum()
    if units == 0:
        return float("nan")
    coincidences = counts + counts.T
    n = 2 * units
    totals = coincidences.sum(axis=1)
    observed = (n - np.trace(coincidences)) / n
    expected = (n * n - float(totals @ totals)) / (n * (n - 1))
    if expected == 0:
        return float("nan")
    return float(1 - observed / expected)


def macro_f1(truth: Sequence[str], predicted: Sequence[str], *,
             labels: Sequence[str] = LABELS) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 and the F1 of each class.

    F1 of a class = 2 TP / (2 TP + FP + FN); macro-F1 is their unweighted mean over the
    classes of ``labels`` that are true or predicted for some unit (scikit-learn's convention);
    a class that is neither has F1 NaN and is left out of the mean.

    Returns
    -------
    (macro_f1, {label: f1})

    Examples
    --------
    >>> round(macro_f1(["negative", "neutral"], ["negative", "negative"])[0], 4)
    0.3333
    """
    f1 = _f1_from_confusion(_confusion(truth, predicted, labels))
    return _macro(f1), {label: float(v) for label, v in zip(labels, f1, strict=True)}


def cohen_kappa(first: Sequence[str], second: Sequence[str], *,
                labels: Sequence[str] | None = None) -> float:
    """Cohen's kappa between two labellings of the same units.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of units given the same label and
    p_e = sum over labels of (share of units the first gives the label) x (share the second
    gives it). Undefined (NaN) when p_e = 1, i.e. both give every unit one and the same label,
    and for no units. Cohen, J. (1960), Educational and Psychological Measurement 20(1).

    Parameters
    ----------
    labels : sequence of str, optional
        The label set (default: the labels that occur).
    """
    if len(first) != len(second):
        raise ValueError("the two labellings must have the same length")
    return _kappa_from_confusion(_confusion(first, second, _labels_of(first, second,
                                                                       labels=labels)))


def krippendorff_alpha(first: Sequence[str], second: Sequence[str], *,
                       labels: Sequence[str] | None = None) -> float:
    """Krippendorff's alpha, nominal, for two coders and no missing values.

    alpha = 1 - D_o / D_e. From the coincidence matrix o (each unit adds its pair of values in
    both orders), with n_c = sum_k o_ck and n = sum_c n_c = 2 x units:
    D_o = sum_{c != k} o_ck / n and D_e = sum_{c != k} n_c n_k / (n (n - 1)).
    Undefined (NaN) when D_e = 0 (a single value used throughout) and for no units.
    Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability".
    """
    if len(first) != len(second):
        raise ValueError("the two labellings must have the same length")
    return _alpha_from_confusion(_confusion(first, second, _labels_of(first, second,
                                                                       labels=labels)))


def bootstrap_interval(statistic: Callable[[np.ndarray], float], n: int, *,
                       samples: int = BOOTSTRAP_SAMPLES, seed: int = SEED,
                       level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of a statistic of ``n`` units.

    ``statistic`` receives an array of unit indices (a resample with replacement). Resamples
    where it is NaN are dropped. Efron & Tibshirani (1993), ch. 13.

    Returns
    -------
    (low, high), NaN when no resample gives a number.
    """
    if n == 0 or samples < 1:
        return float("nan"), float("nan")
    generator = np.random.default_rng(seed)
    values = []
    for _ in range(samples):
        value = statistic(generator.integers(0, n, n))
        if not math.isnan(value):
            values.append(value)
    if not values:
        return float("nan"), float("nan")
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


# --- methods ----------------------------------------------------------------------------------

METHODS = ("textblob_sentence", "vader_sentence", "actor_tone")


def method_labels(units: Sequence[LabelledUnit]) -> dict[str, list[str | None]]:
    """The label each method gives each unit: TextBlob and VADER on the whole sentence (with
    :func:`newslib.tone.label`'s convention), and :func:`newslib.actor_tone.target_tone` toward
    the target (None for units without a target)."""
    from textblob.en import sentiment

    from newslib.actor_tone import _Sentence, target_tone
    from newslib.tone import label, vader_compound

    out: dict[str, list[str | None]] = {method: [] for method in METHODS}
    scores: dict[str, tuple[float, float]] = {}
    prepared: dict[str, _Sentence] = {}
    for unit in units:
        text = unit["text"]
        if text not in scores:
            scores[text] = (vader_compound(text), float(sentiment(text)[0]))
        vader, polarity = scores[text]
        out["textblob_sentence"].append(label(polarity, method="textblob"))
        out["vader_sentence"].append(label(vader, method="vader"))
        if unit.get("start") is None:
            out["actor_tone"].append(None)
            continue
        if text not in prepared:
            prepared[text] = _Sentence(text)
        out["actor_tone"].append(target_tone(text, unit["start"], unit["end"],
                                             sentence_scores=scores[text],
                                             prepared=prepared[text])["label"])
    return out


def evaluate_tone(units: Sequence[LabelledUnit], *, samples: int = BOOTSTRAP_SAMPLES,
                  seed: int = SEED) -> pd.DataFrame:
    """Every method against the human labels.

    Parameters
    ----------
    units : list of LabelledUnit
        From :func:`read_labelled`; units without a label are left out.
    samples, seed : int
        Bootstrap resamples and seed of the 95% intervals (percentile bootstrap over units).

    Returns
    -------
    DataFrame, one row per method: method, units, accuracy, macro_f1, macro_f1_low,
    macro_f1_high, f1_negative, f1_neutral, f1_positive, kappa, kappa_low, kappa_high, alpha,
    alpha_low, alpha_high (Cohen's kappa and Krippendorff's nominal alpha between the method and
    the human labels, with bootstrap 95% intervals).
    """
    labelled = [u for u in units if u.get("label")]
    predicted = method_labels(labelled)
    rows = []
    for method, labels in predicted.items():
        pairs = [(u["label"], p) for u, p in zip(labelled, labels, strict=True) if p is not None]
        truth = [t for t, _ in pairs]
        guess = [p for _, p in pairs]
        n = len(pairs)
        if n == 0:
            continue
        f1, per_class = macro_f1(truth, guess)
        index = {label: i for i, label in enumerate(LABELS)}
        cells = np.array([index[t] * 3 + index[g] for t, g in pairs])

        def resampled(statistic, cells=cells):
            return lambda idx: statistic(np.bincount(cells[idx], minlength=9).reshape(3, 3))

        f1_low, f1_high = bootstrap_interval(
            resampled(lambda c: _macro(_f1_from_confusion(c))), n, samples=samples,
            seed=seed)
        kappa_low, kappa_high = bootstrap_interval(resampled(_kappa_from_confusion), n,
                                                   samples=samples, seed=seed)
        alpha_low, alpha_high = bootstrap_interval(resampled(_alpha_from_confusion), n,
                                                   samples=samples, seed=seed)
        rows.append({
            "method": method, "units": n,
            "accuracy": sum(1 for t, g in pairs if t == g) / n,
            "macro_f1": f1, "macro_f1_low": f1_low, "macro_f1_high": f1_high,
            **{f"f1_{label}": per_class[label] for label in LABELS},
            "kappa": cohen_kappa(truth, guess, labels=LABELS), "kappa_low": kappa_low,
            "kappa_high": kappa_high,
            "alpha": krippendorff_alpha(truth, guess, labels=LABELS), "alpha_low": alpha_low,
            "alpha_high": alpha_high,
        })
    return pd.DataFrame(rows)


# --- sampling for hand labelling --------------------------------------------------------------

SAMPLE_COLUMNS = ["unit", "article_id", "sentence", "text", "target", "start_in_text", "label"]


def _candidate_units(articles, units: Sequence[str]) -> list[dict]:
    from newslib.quotes import attributed_quotations, quotation_text
    from newslib.rhetoric import actor_mentions

    found = []
    for article in articles:
        if "sentence" in units:
            for sentence in article.sentences:
                found.append({"unit": "sentence", "article_id": article.id,
                              "sentence": sentence.index, "text": sentence.text, "target": "",
                              "start_in_text": ""})
        if "quote" in units:
            for quote in attributed_quotations(article):
                found.append({"unit": "quote", "article_id": article.id, "sentence": "",
                              "text": quotation_text(article.body, quote), "target": "",
                              "start_in_text": ""})
        if "mention" in units:
            for mention in actor_mentions(article).itertuples():
                sentence = article.sentences[mention.sentence]
                found.append({"unit": "mention", "article_id": article.id,
                              "sentence": mention.sentence, "text": sentence.text,
                              "target": mention.form,
                              "start_in_text": mention.start - sentence.start})
    return found


def sample(articles, *, size: int = 100, units: Sequence[str] = ("sentence", "quote", "mention"),
           seed: int = SEED) -> pd.DataFrame:
    """A reproducible sample of units for hand labelling, stratified by unit type.

    Each requested unit type gets an equal share of ``size`` (or all its units when it has
    fewer; the rest goes to the other types), drawn without replacement with
    ``random.Random(seed)``; rows are then shuffled with the same generator.

    Parameters
    ----------
    articles : iterable of Article
    size : int
        Units in the sample (default 100).
    units : sequence of {"sentence", "quote", "mention"}
        Unit types to draw from.
    seed : int
        Random seed (the same corpus and seed give the same sample).

    Returns
    -------
    DataFrame: unit, article_id, sentence (index), text, target (the actor mention, empty for
    sentences and quotations), start_in_text (offset of the target in ``text``), label (empty,
    to be filled in with negative, neutral or positive: the tone of the text toward the target,
    or of the text itself when there is no target).
    """
    unknown = set(units) - {"sentence", "quote", "mention"}
    if unknown:
        raise ValueError(f"unknown unit type(s): {', '.join(sorted(unknown))}")
    generator = random.Random(seed)
    pools: dict[str, list[dict]] = {u: [] for u in units}
    for row in _candidate_units(articles, units):
        pools[row["unit"]].append(row)
    chosen: list[dict] = []
    remaining = size
    kinds = sorted(pools, key=lambda u: len(pools[u]))  # smallest pools first
    for position, kind in enumerate(kinds):
        share = remaining // (len(kinds) - position)
        take = min(share, len(pools[kind]))
        chosen.extend(generator.sample(pools[kind], take))
        remaining -= take
    generator.shuffle(chosen)
    table = pd.DataFrame(chosen, columns=SAMPLE_COLUMNS[:-1])
    table["label"] = ""
    return table


def format_evaluation(table: pd.DataFrame, *, title: str = "") -> str:
    """An :func:`evaluate_tone` table as plain text: one line per method with accuracy,
    macro-F1 [95% interval], F1 per class, kappa and alpha [95% intervals]."""
    lines = [title] if title else []
    lines.append(f"{'method':<18} {'units':>5} {'acc':>5}  {'macro-F1 [95% CI]':<20} "
                 f"{'F1 neg':>6} {'F1 neu':>6} {'F1 pos':>6}  {'kappa [95% CI]':<20} "
                 "alpha [95% CI]")
    for row in table.itertuples():
        lines.append(
            f"{row.method:<18} {row.units:>5} {row.accuracy:5.3f}  "
            f"{row.macro_f1:.3f} [{row.macro_f1_low:.3f}, {row.macro_f1_high:.3f}]  "
            f"{row.f1_negative:6.3f} {row.f1_neutral:6.3f} {row.f1_positive:6.3f}  "
            f"{row.kappa:.3f} [{row.kappa_low:.3f}, {row.kappa_high:.3f}]  "
            f"{row.alpha:.3f} [{row.alpha_low:.3f}, {row.alpha_high:.3f}]")
    return "\n".join(lines)
