"""Benchmark of newslib's per-article feature pipeline against the bare library calls it needs.

    python benchmarks/run.py            # full: 248 BBC articles, 1,000 and 5,000 rows, main job
    python benchmarks/run.py --quick    # under a minute: fewer articles and rows, no main job

Text: ``../shared/corpus/bbc-news.jsonl`` (real news) when present, otherwise varied copies of
the seed article (names, numbers and paragraph order changed, so no cache can shortcut them).
Prints:

1. throughput, one process, CPU time, median of 3: newslib's full feature extraction
   (:func:`newslib.features.article_features`) and the four third-party stages every article
   needs, called bare as a user would on the same texts: the Pattern tagger on the body
   (``PatternTagger().tag``), TextBlob sentiment per sentence and per body (Pattern's analyser,
   ``textblob.en.sentiment``, what ``TextBlob(text).sentiment`` calls, without the cost of
   building a ``TextBlob``: the stricter baseline), VADER per sentence (``polarity_scores``);
2. peak resident memory with one process at 1,000 and 5,000 JSON Lines rows (a fresh
   subprocess each), and the time per article at 5,000 rows against 1,000 (1.00 = linear);
3. a cached re-run against the first run;
4. the main job on the seed (``python -m newslib run`` to a temporary folder), wall time;

and on its last line ``speed ratio (newslib / bare stages): X``: the bare stages' time over
newslib's on the same texts. X = 1 would mean all of newslib's features cost no more than
merely calling the scorers it reports. Only figures from one machine compare; the ratio is
the portable one.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "000_55b6456ee109d161.txt"
BBC = ROOT.parent / "shared" / "corpus" / "bbc-news.jsonl"

SURNAMES = ["Wallace", "Keegan", "Putin", "Shoigu", "Zelensky", "Stoltenberg", "Truss", "Blinken",
            "Lavrov", "Kuleba", "Macron", "Scholz"]
FIRST_NAMES = ["Ben", "Gillian", "Vladimir", "Sergei", "Volodymyr", "Jens", "Liz", "Antony"]


def seed_variant(index: int) -> dict:
    """One varied copy of the seed as a table row (same length and structure, other text)."""
    import re

    seed = SEED.read_text(encoding="utf-8")
    header, _, rest = seed.partition(" Vladimir")
    paragraphs = ("Vladimir" + rest).split("\n\n")
    rng = random.Random(index)
    text = "\n\n".join(paragraphs[:1] + rng.sample(paragraphs[1:], len(paragraphs) - 1))
    for old in ("Wallace", "Keegan", "Putin"):
        text = text.replace(old, rng.choice(SURNAMES))
    for old in ("Ben", "Gillian", "Vladimir"):
        text = re.sub(rf"\b{old}\b", rng.choice(FIRST_NAMES), text)
    text = text.replace("300,000", f"{rng.randint(10, 900) * 1000:,}")
    return {"id": f"seed-{index:05d}", "date": f"2022-{1 + index % 12:02d}-{1 + index % 28:02d}",
            "title": "", "text": text, "source": "seed variant"}


def source_rows() -> tuple[list[dict], str]:
    """The real rows (BBC) when available, else 248 seed variants; and a description."""
    if BBC.exists():
        with BBC.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()], f"{BBC.name}"
    return [seed_variant(i) for i in range(248)], "seed variants (../shared absent)"


def write_rows(path: Path, rows: list[dict], count: int) -> None:
    """``count`` JSON Lines rows cycling through ``rows``; repeats get their paragraphs shuffled
    (fixed seed) and a new id, so every row is a distinct text."""
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            row = dict(rows[index % len(rows)])
            round_ = index // len(rows)
            if round_:
                paragraphs = row["text"].split("\n\n")
                random.Random(index).shuffle(paragraphs)
                row["text"] = "\n\n".join(paragraphs)
                row["id"] = f"{row['id']}-r{round_}"
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def point(path: str, cache: str | None) -> None:
    """One memory/scaling measurement, in a fresh process: prints a JSON line."""
    from newslib.corpus import corpus_features

    started = time.process_time()
    table = corpus_features(path, errors=[], n_jobs=1, cache_dir=cache, progress=False)
    elapsed = time.process_time() - started
    print(json.dumps({"articles": len(table), "seconds": elapsed, "peak_rss_mb": peak_rss_mb()}))


def run_point(path: Path, cache: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--point", str(path)]
    if cache is not None:
        command += ["--cache", str(cache)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _median_cpu(stage, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.process_time()
        stage()
        times.append(time.process_time() - started)
    return statistics.median(times)


def throughput(path: Path, repeats: int) -> tuple[float, float, dict[str, float], int, int]:
    """(newslib CPU seconds, newslib's first pass, {bare stage: CPU seconds}, articles, words)
    on the same texts."""
    from textblob.en import sentiment
    from textblob.taggers import PatternTagger
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newslib import iter_articles, read_article
    from newslib.features import article_features

    # Warm every path (imports, lexicons) on an article outside the measured set.
    warm = read_article(SEED)
    article_features(warm)
    tagger = PatternTagger()
    vader = SentimentIntensityAnalyzer()
    tagger.tag(warm.body)
    sentiment(warm.body)

    articles = list(iter_articles([path]))
    texts = [a.body for a in articles]
    sentences = [s.text for a in articles for s in a.sentences]
    words = 0

    def newslib_stage() -> None:
        nonlocal words
        words = sum(article_features(article)["words"] for article in fresh.pop())

    # Fresh articles for each repeat (read outside the timing; an Article computes its
    # sentences and tokens lazily, inside article_features): nothing is reused between repeats.
    fresh = [list(iter_articles([path])) for _ in range(repeats)] + [list(iter_articles([path]))]

    started = time.process_time()
    newslib_stage()  # first pass: newslib's word-level memo caches start (almost) empty
    first_seconds = time.process_time() - started
    fresh.append(list(iter_articles([path])))
    newslib_seconds = _median_cpu(newslib_stage, repeats)
    stages = {
        "Pattern tagger, per body": lambda: [tagger.tag(t) for t in texts],
        "TextBlob sentiment, per sentence": lambda: [sentiment(t) for t in sentences],
        "TextBlob sentiment, per body": lambda: [sentiment(t) for t in texts],
        "VADER, per sentence": lambda: [vader.polarity_scores(t) for t in sentences],
    }
    bare = {name: _median_cpu(stage, repeats) for name, stage in stages.items()}
    return newslib_seconds, first_seconds, bare, len(articles), words


def main_job_seconds() -> float:
    """Wall time of ``python -m newslib run`` on the seed folder, to a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="newslib-run-") as out:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newslib", "run", "--data",
                        str(ROOT / "data" / "articles"), "--out", out], cwd=ROOT, check=True,
                       capture_output=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    parser.add_argument("--point", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.point:
        point(args.point, args.cache)
        return

    rows, described = source_rows()
    step = 27 if args.quick else 9  # every 9th BBC article: 248 of 2,225
    sample = rows[::step] if len(rows) > 248 else rows[: 40 if args.quick else 248]
    sizes = (50, 250) if args.quick else (1000, 5000)
    repeats = 1 if args.quick else 3
    print(f"newslib benchmark ({'quick' if args.quick else 'full'}) on {described}, "
          f"{time.strftime('%Y-%m-%d')}")
    with tempfile.TemporaryDirectory(prefix="newslib-bench-") as temporary:
        base = Path(temporary)
        sample_path = base / "sample.jsonl"
        write_rows(sample_path, sample, len(sample))
        newslib_seconds, first_seconds, stages, n_articles, words = throughput(sample_path,
                                                                              repeats)
        bare_seconds = sum(stages.values())
        print(f"throughput on {n_articles} articles ({words:,} words), one process, CPU time, "
              f"median of {repeats}:")
        print(f"  {'newslib full feature extraction:':40s}{words / newslib_seconds:10,.0f} words/s")
        for name, seconds in stages.items():
            print(f"  {'bare ' + name + ':':40s}{words / seconds:10,.0f} words/s")
        print(f"  {'the four bare stages together:':40s}{words / bare_seconds:10,.0f} words/s")
        print(f"  (newslib's first pass, word caches cold: {words / first_seconds:,.0f} words/s, "
              f"ratio {bare_seconds / first_seconds:.3f})")

        print("memory and scaling, one process, no cache (fresh process each), CPU time:")
        results = {}
        for size in sizes:
            path = base / f"rows{size}.jsonl"
            write_rows(path, rows, size)
            results[size] = run_point(path, base / "cache" if size == sizes[0] else None)
            print(f"  {size:6,d} JSON Lines rows: {results[size]['seconds']:8.1f} s "
                  f"({1000 * results[size]['seconds'] / size:5.1f} ms/article), "
                  f"peak RSS {results[size]['peak_rss_mb']:6.0f} MB")
        small, large = results[sizes[0]], results[sizes[1]]
        growth = (large["seconds"] / sizes[1]) / (small["seconds"] / sizes[0])
        print(f"  time per article, {sizes[1]:,} vs {sizes[0]:,} rows: {growth:.2f}x "
              "(1.00 = linear)")
        print(f"  peak RSS growth, {sizes[0]:,} -> {sizes[1]:,} rows: "
              f"{large['peak_rss_mb'] - small['peak_rss_mb']:+.0f} MB")
        cached = run_point(base / f"rows{sizes[0]}.jsonl", base / "cache")
        print(f"cached re-run of {sizes[0]:,} rows: {cached['seconds']:.2f} s vs "
              f"{small['seconds']:.2f} s first run: {small['seconds'] / cached['seconds']:.1f}x "
              "faster")
    if args.quick:
        print("main job on the seed: skipped with --quick")
    else:
        print(f"main job on the seed (python -m newslib run): {main_job_seconds():.1f} s wall")
    print(f"speed ratio (newslib / bare stages): {bare_seconds / newslib_seconds:.3f}")


if __name__ == "__main__":
    main()
