"""Fit the actor-tone model on NewsMTSC's training split and write its coefficients.

    python -m newslib.train_actor_tone [--data DIR] [--output newslib/models/actor_tone.json]
                                       [--dev]

DIR is a copy of NewsMTSC (Hamborg & Donnay, EACL 2021; MIT license; github.com/fhamborg/NewsMTSC)
holding ``release/train.jsonl`` (and ``splits/{rw,mt}/dev.jsonl`` for ``--dev``); default
``../shared/corpus/newsmtsc``. Only ``train.jsonl`` is used for fitting. The choices below
(C, window, minimum document frequency, class weights) were made by comparing macro-F1 on the
two dev splits (``--dev`` prints it); the test splits were not used.

What ships: the feature names, their scales and the coefficients. Word features are kept only
for words found in at least ``MIN_SENTENCES`` training sentences, so the file is a list of
common words with weights; no sentence can be rebuilt from it. Fitting is deterministic
(lbfgs, no random state involved).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from newslib.actor_tone import LABELS, MODEL_PATH, WORD_WINDOW, target_features

#: A word feature is kept only if its word occurs in at least this many training sentences.
MIN_SENTENCES = 20
#: Inverse regularisation strength of the logistic regression (chosen on dev).
C = 0.03
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "newsmtsc"


def _featurise(units):
    return [target_features(u["text"], u["start"], u["end"]) for u in units]


def fit(train_units, *, c: float = C, min_sentences: int = MIN_SENTENCES) -> dict:
    """Fit the model; returns the JSON-ready parameters."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = _featurise(train_units)
    sentences_with: dict[str, set[str]] = {}
    for unit, row in zip(train_units, rows, strict=True):
        for name in row:
            if ":" in name:
                sentences_with.setdefault(name.split(":", 1)[1], set()).add(unit["text"])
    common = {word for word, found in sentences_with.items() if len(found) >= min_sentences}
    rows = [{k: v for k, v in row.items() if ":" not in k or k.split(":", 1)[1] in common}
            for row in rows]
    # Numeric features are scaled by their largest absolute value on train.
    scales: dict[str, float] = {}
    for row in rows:
        for name, value in row.items():
            if ":" not in name:
                scales[name] = max(scales.get(name, 0.0), abs(value))
    scales = {k: v for k, v in scales.items() if v > 0}
    rows = [{k: (v / scales[k] if k in scales else v) for k, v in row.items()} for row in rows]
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(matrix, [u["label"] for u in train_units])
    order = [list(model.classes_).index(label) for label in LABELS]
    weights = {}
    for j, name in enumerate(vectoriser.feature_names_):
        values = [round(float(model.coef_[k, j]), 4) for k in order]
        if any(values):
            weights[name] = values
    return {
        "about": ("Actor-tone model of newslib: multinomial logistic regression (scikit-learn) "
                  "fitted on the train split of NewsMTSC, F. Hamborg and K. Donnay, "
                  "'NewsMTSC: (Multi-)Target-dependent Sentiment Classification in News "
                  "Articles', EACL 2021; data MIT license (Copyright 2020 Felix Hamborg). Only "
                  "coefficients ship; word features limited to words in >= "
                  f"{min_sentences} training sentences. Rebuild: python -m "
                  "newslib.train_actor_tone"),
        "fitted": date.today().isoformat(),
        "labels": list(LABELS),
        "c": c,
        "min_sentences": min_sentences,
        "word_window": WORD_WINDOW,
        "intercept": [round(float(model.intercept_[k]), 4) for k in order],
        "scales": {k: round(v, 6) for k, v in sorted(scales.items())},
        "weights": dict(sorted(weights.items())),
    }


def main(argv: list[str] | None = None) -> int:
    from newslib.validation import LabelError, read_labelled

    parser = argparse.ArgumentParser(prog="python -m newslib.train_actor_tone",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="NewsMTSC folder")
    parser.add_argument("--output", default=str(MODEL_PATH))
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--min-sentences", type=int, default=MIN_SENTENCES)
    parser.add_argument("--dev", action="store_true", help="print macro-F1 on the dev splits")
    args = parser.parse_args(argv)
    data = Path(args.data)
    try:
        train = read_labelled(data / "release" / "train.jsonl")
    except LabelError as error:
        print(f"newslib: {error}", file=sys.stderr)
        return 2
    parameters = fit(train, c=args.c, min_sentences=args.min_sentences)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(parameters, handle, indent=0, sort_keys=False)
        handle.write("\n")
    print(f"wrote {len(parameters['weights'])} weights to {args.output}", file=sys.stderr)
    if args.dev:
        from newslib import actor_tone
        from newslib.validation import evaluate_tone

        actor_tone.MODEL_PATH = Path(args.output)
        actor_tone._model.cache_clear()
        for split in ("rw", "mt"):
            units = read_labelled(data / "splits" / split / "dev.jsonl")
            table = evaluate_tone(units, samples=1)
            print(split, table[["method", "accuracy", "macro_f1", "f1_negative", "f1_neutral",
                                "f1_positive"]].round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
