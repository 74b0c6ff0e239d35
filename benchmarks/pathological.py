"""Growth of each stage on pathological inputs when their size doubles (a benchmark, not a test).

Every stage must be linear in its input: doubling the input should about double its time
(ratio ~2; 4 means quadratic). Three inputs that broke that promise before:

- one long paragraph (no blank line in 100s of kB),
- many quote marks (an opening mark repeated, none closed),
- many short paragraphs,
- many one-word paragraphs (notebook 5's documents per paragraph were quadratic: 10,000 of
  them took minutes),
- one article repeated (a text that repeats itself is repetition's worst case: its gapped
  pairs compared every phrase with every other).

For each input and each stage (reading, sentences, tokens, quotations, the word columns, tone
by sentence and by paragraph, repetition, actor mentions, documents per paragraph and per
voice, the annotated view, the whole feature row), the CPU time at size n and 2n and their
ratio are printed.
Stages run in pipeline order on one article, so each time excludes the stages before it.

    python benchmarks/pathological.py [--scale 1.0]

``--scale`` multiplies the sizes (0.25 for a quick look). Timings are CPU seconds
(``time.process_time``), best of ``--repeat`` runs, so other processes on the machine matter
less.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from newslib import parse_text

SENTENCE = "The minister said the plan would work, and critics disagreed on Monday. "


def long_paragraph(size: int) -> str:
    return " date 2022-09-21 " + SENTENCE * (size // len(SENTENCE))


def quote_marks(size: int) -> str:
    return " date 2022-09-21 " + "\u201c" * size


def many_paragraphs(size: int) -> str:
    paragraph = "A short paragraph said the plan would work."
    return " date 2022-09-21 " + "\n\n".join([paragraph] * (size // (len(paragraph) + 2)))


def one_word_paragraphs(size: int) -> str:
    return " date 2022-09-21 Start." + "".join(f"\n\nword{i % 50}" for i in range(size // 8))


def repeated_article(size: int) -> str:
    story = ("Mr Smith said the plan would work. \"It is a good plan,\" he told reporters on "
             "Monday. Critics disagreed, and Ms Jones said the plan was \"a disaster\" for "
             "the town.")
    return " date 2022-09-21 " + "\n\n".join([story] * (size // (len(story) + 2)))


#: input name -> (builder, base size in characters at scale 1)
INPUTS: dict[str, tuple[Callable[[int], str], int]] = {
    "one long paragraph": (long_paragraph, 100_000),
    "many quote marks": (quote_marks, 100_000),
    "many paragraphs": (many_paragraphs, 100_000),
    "one-word paragraphs": (one_word_paragraphs, 40_000),
    "repeated article": (repeated_article, 100_000),
}


def stages():
    from newslib import compare, rhetoric, tone, usage
    from newslib.annotate import annotate
    from newslib.features import article_features
    from newslib.quotes import attributed_quotations

    return [
        ("sentences", lambda a: a.sentences),
        ("tokens", lambda a: a.tokens),
        ("quotations", attributed_quotations),
        ("word columns", usage.word_columns),
        ("tone by sentence", lambda a: tone.tone(a, "sentence")),
        ("tone by paragraph", lambda a: tone.tone(a, "paragraph")),
        ("repetition", rhetoric.repetition),
        ("actor mentions", rhetoric.actor_mentions),
        ("docs by paragraph", lambda a: compare.documents(a, by="paragraph")),
        ("docs by voice", lambda a: compare.documents(a, by="voice")),
        ("annotated view", lambda a: annotate(a).html),
        ("feature row", article_features),
    ]


def timed(text: str) -> dict[str, float]:
    """CPU seconds of each stage, in pipeline order, on one article."""
    times = {}
    started = time.process_time()
    article = parse_text(text, id="pathological", source="<benchmark>")
    times["reading"] = time.process_time() - started
    for name, stage in stages():
        started = time.process_time()
        stage(article)
        times[name] = time.process_time() - started
    return times


def best_of(text: str, repeat: int) -> dict[str, float]:
    runs = [timed(text) for _ in range(repeat)]
    return {stage: min(run[stage] for run in runs) for stage in runs[0]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the input sizes")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (best is kept)")
    args = parser.parse_args(argv)
    timed(long_paragraph(2_000))  # warm up: imports, lexicons, the tagger
    print(f"{'input':20} {'stage':18} {'n chars':>9} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for name, (build, base) in INPUTS.items():
        size = int(base * args.scale)
        small = best_of(build(size), args.repeat)
        large = best_of(build(2 * size), args.repeat)
        for stage in small:
            ratio = large[stage] / small[stage] if small[stage] > 0.005 else float("nan")
            flag = "  <- superlinear" if ratio > 3 else ""
            print(f"{name:20} {stage:18} {size:9,} {small[stage]:8.3f} {large[stage]:8.3f} "
                  f"{ratio:6.2f}{flag}", flush=True)


if __name__ == "__main__":
    main()
