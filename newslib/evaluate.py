"""Agreement of newslib's quotations and speakers with a hand-annotated gold standard.

Gold format (the one of ``corpus/gold/quotes_dev.json`` and ``corpus/peer-cases/gold.json``)
------------------------------------------------------------------------------------------
Either ``{"articles": {ID: ENTRY}}`` or ``{FILE: ENTRY}``. An ENTRY names its article file by
``path`` (or, without one, by its key) relative to the gold file's folder or to that folder's
parent, and lists ``quotes``: ``{"text", "speaker", "speaker_alt" (optional list), "cue"
(optional), "paragraph" (optional, 0-based in the body, headline excluded)}``; optionally
``not_quotes`` and ``headline_quotes`` (texts that are nobody's speech).

Matching
--------
- Texts are compared normalised: quotation marks at either end and the re-opening mark at the
  start of each later paragraph removed, runs of white space made one space, trimmed, case
  folded.
- A gold unit matches a predicted *speech* quotation (``kind`` full or partial, body only) whose
  whole text or one of whose paragraph spans has the same normalised text, in the same paragraph
  when the gold gives one. One predicted quotation may therefore cover several gold units of a
  quotation that runs over paragraphs; each gold unit is matched at most once.
- Precision = matched predicted quotations / predicted speech quotations; recall = matched gold
  units / gold units; F1 their harmonic mean. A not_quote or a headline quotation predicted as
  speech is therefore a false positive (it matches no gold unit).
- Speaker accuracy, over matched gold units whose speaker is given: the predicted speaker equals
  the gold ``speaker`` or one of ``speaker_alt``, compared case- and white-space-normalised and
  otherwise exactly (a surname alone where the gold has the full name is wrong). Where the gold
  speaker is a bare pronoun (as some extractors' tests state it) the pronoun as written
  (``speaker_as_written``) is compared instead.
- Cue accuracy, over matched gold units that state a ``cue`` key: the predicted reporting verb as
  written equals it (case-normalised), ``null`` meaning no cue.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from newslib.articles import ArticleError, ArticleWarning, read_article

__all__ = ["QuoteEvaluation", "evaluate_quotes", "format_report"]

_MARKS = "\"'“”‘’„‚«»"
_PRONOUNS = frozenset("he she they it we i you".split())


def normalise(text: str | None) -> str:
    """Text as compared: end quote marks removed, white space collapsed, case folded."""
    if text is None:
        return ""
    # The re-opening mark of each paragraph of a quotation running over paragraphs.
    text = re.sub(r"\n\s*[" + _MARKS + "]", "\n", text)
    text = " ".join(text.split()).strip()
    text = text.strip(_MARKS).strip()
    return text.casefold()


@dataclass
class QuoteEvaluation:
    """Counts and failures of one evaluation run (see the module docstring for the rules)."""

    gold_units: int = 0
    predicted: int = 0
    matched_units: int = 0
    matched_predictions: int = 0
    speaker_total: int = 0
    speaker_correct: int = 0
    cue_total: int = 0
    cue_correct: int = 0
    failures: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_predictions / self.predicted if self.predicted else float("nan")

    @property
    def recall(self) -> float:
        return self.matched_units / self.gold_units if self.gold_units else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.speaker_total if self.speaker_total else float("nan")

    @property
    def cue_accuracy(self) -> float:
        return self.cue_correct / self.cue_total if self.cue_total else float("nan")


def _entries(gold: dict) -> dict:
    return gold["articles"] if isinstance(gold.get("articles"), dict) else gold


def _article_path(gold_path: Path, key: str, entry: dict) -> Path:
    relative = entry.get("path") or key
    for base in (gold_path.parent, gold_path.parent.parent):
        if (base / relative).exists():
            return base / relative
    return gold_path.parent / relative


def _speaker_correct(quote, unit: dict) -> bool:
    gold = normalise(unit.get("speaker"))
    wanted = {gold} | {normalise(alt) for alt in unit.get("speaker_alt") or []}
    if normalise(quote.speaker) in wanted:
        return True
    return gold in _PRONOUNS and normalise(quote.speaker_as_written) == gold


def evaluate_quotes(gold_path: str | Path) -> QuoteEvaluation:
    """Compare newslib's speech quotations with a gold file.

    Parameters
    ----------
    gold_path : str or Path
        A gold file in the format described in this module's docstring.

    Returns
    -------
    QuoteEvaluation
        Counts (precision, recall, F1, speaker and cue accuracy as properties) and one dict per
        failure: ``article``, ``problem`` (missed, spurious, speaker, cue), ``text``,
        ``expected``, ``got``. Articles that cannot be read are listed in ``errors``.
    """
    from newslib.quotes import quotation_text, speech_quotations

    gold_path = Path(gold_path)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArticleError(gold_path, f"cannot read the gold file ({error})") from None
    if not isinstance(gold, dict):
        raise ArticleError(gold_path, "the gold file is not a JSON object")
    result = QuoteEvaluation()
    for key, entry in _entries(gold).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("quotes"), list):
            result.errors.append(f"{key}: no 'quotes' list")
            continue
        try:
            with warnings.catch_warnings():  # a missing date line is irrelevant here
                warnings.simplefilter("ignore", ArticleWarning)
                article = read_article(_article_path(gold_path, key, entry))
        except ArticleError as error:
            result.errors.append(str(error))
            continue
        predicted = speech_quotations(article)
        result.predicted += len(predicted)
        # Normalised texts of each prediction: the whole quotation and each paragraph span.
        texts = []
        for quote in predicted:
            parts = {(normalise(quotation_text(article.body, quote)), None)}
            parts |= {(normalise(article.body[s:e]), p)
                      for (s, e), p in zip(quote.spans, quote.paragraphs, strict=True)}
            texts.append(parts)
        used = [False] * len(predicted)
        for unit in entry["quotes"]:
            result.gold_units += 1
            wanted, paragraph = normalise(unit.get("text")), unit.get("paragraph")
            match = None
            for index, parts in enumerate(texts):
                if any(text == wanted and (paragraph is None or where in (None, paragraph)
                                           and paragraph in predicted[index].paragraphs)
                       for text, where in parts):
                    match = index
                    if not used[index]:
                        break
            if match is None:
                result.failures.append({"article": key, "problem": "missed",
                                        "text": unit.get("text"),
                                        "expected": unit.get("speaker"), "got": None})
                continue
            used[match] = True
            result.matched_units += 1
            quote = predicted[match]
            if unit.get("speaker") is not None:
                result.speaker_total += 1
                if _speaker_correct(quote, unit):
                    result.speaker_correct += 1
                else:
                    result.failures.append({
                        "article": key, "problem": "speaker", "text": unit.get("text"),
                        "expected": unit.get("speaker"),
                        "got": f"{quote.speaker} (as written: {quote.speaker_as_written})"})
            if "cue" in unit:
                result.cue_total += 1
                if normalise(quote.cue) == normalise(unit["cue"]):
                    result.cue_correct += 1
                else:
                    result.failures.append({
                        "article": key, "problem": "cue", "text": unit.get("text"),
                        "expected": unit["cue"], "got": quote.cue})
        result.matched_predictions += sum(used)
        for index, quote in enumerate(predicted):
            if not used[index]:
                result.failures.append({
                    "article": key, "problem": "spurious",
                    "text": quotation_text(article.body, quote), "expected": None,
                    "got": f"{quote.kind} quotation by {quote.speaker}"})
    return result


def _share(value: float) -> str:
    """A proportion to three decimals, or "n/a" when nothing was there to count."""
    return "n/a" if value != value else f"{value:.3f}"


def format_report(result: QuoteEvaluation, *, failures: int = 20) -> str:
    """Up to ``failures`` failures (text, expected, got), then the figures, as printed by
    ``python -m newslib evaluate quotes`` (figures last, so ``| tail`` shows them)."""
    figures = [
        f"gold quotation units  {result.gold_units}",
        f"predicted speech      {result.predicted}",
        f"precision             {_share(result.precision)}",
        f"recall                {_share(result.recall)}",
        f"F1                    {_share(result.f1)}",
        f"speaker accuracy      {_share(result.speaker_accuracy)} "
        f"({result.speaker_correct}/{result.speaker_total} matched quotations with a speaker)",
        f"cue accuracy          {_share(result.cue_accuracy)} "
        f"({result.cue_correct}/{result.cue_total} matched quotations with a cue"
        + ("; the gold gives no cues)" if result.cue_total == 0 else ")"),
    ]
    lines = []
    for error in result.errors:
        lines.append(f"unreadable: {error}")
    if failures and result.failures:
        lines.append(f"failures ({min(failures, len(result.failures))} of "
                     f"{len(result.failures)}):")
        for failure in result.failures[:failures]:
            text = re.sub(r"\s+", " ", failure["text"] or "")
            if len(text) > 70:
                text = text[:67] + "..."
            lines.append(f"  {failure['article']} [{failure['problem']}] \"{text}\" "
                         f"expected: {failure['expected']} | got: {failure['got']}")
    return "\n".join(lines + figures)
