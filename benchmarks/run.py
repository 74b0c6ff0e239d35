"""Benchmark of newslib's corpus feature pipeline.

    python benchmarks/run.py            # full: up to 10,000 articles (several minutes)
    python benchmarks/run.py --quick    # under a minute on 2 cores

Builds a corpus by varying the seed article (names, numbers, paragraph order: same length and
structure, different text, so per-article caches and memoised lookups cannot shortcut it),
then prints:

1. words per second of the full per-article feature extraction (one process, no cache);
2. words per second of the bare TextBlob Pattern tagger on the same texts, in the same
   process: the baseline, since tagging is the slowest stage newslib cannot do without;
3. scaling from 100 articles up (fresh processes, so peak memory is each run's own);
4. peak resident memory of the largest run;
5. a cached re-run of the largest corpus against its first run;

and on its last line ``speed ratio (newslib / pattern tagger): X``. Only ratios from the same
process and machine are meaningful; absolute figures vary between machines.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "000_55b6456ee109d161.txt"

SURNAMES = ["Wallace", "Keegan", "Putin", "Shoigu", "Zelensky", "Stoltenberg", "Truss", "Blinken",
            "Lavrov", "Kuleba", "Macron", "Scholz"]
FIRST_NAMES = ["Ben", "Gillian", "Vladimir", "Sergei", "Volodymyr", "Jens", "Liz", "Antony"]


def make_corpus(folder: Path, count: int) -> int:
    """Write ``count`` varied copies of the seed into ``folder``; return the total bytes."""
    import re

    seed = SEED.read_text(encoding="utf-8")
    header, _, rest = seed.partition(" Vladimir")
    paragraphs = ("Vladimir" + rest).split("\n\n")
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(count):
        rng = random.Random(index)
        body = paragraphs[:1] + rng.sample(paragraphs[1:], len(paragraphs) - 1)
        text = "\n\n".join(body)
        for old in ("Wallace", "Keegan", "Putin"):
            text = text.replace(old, rng.choice(SURNAMES))
        for old in ("Ben", "Gillian", "Vladimir"):
            text = re.sub(rf"\b{old}\b", rng.choice(FIRST_NAMES), text)
        text = text.replace("300,000", f"{rng.randint(10, 900) * 1000:,}")
        day = 1 + index % 28
        content = f" date 2022-{1 + index % 12:02d}-{day:02d} {text}"
        path = folder / f"{index:05d}.txt"
        path.write_text(content, encoding="utf-8")
        total += len(content.encode("utf-8"))
    return total


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # Linux reports kB


def point(folder: str, jobs: int, cache: str | None) -> None:
    """One scaling measurement, run in a fresh process: prints a JSON line."""
    from newslib.corpus import corpus_features

    started = time.perf_counter()
    table = corpus_features(folder, errors=[], n_jobs=jobs, cache_dir=cache, progress=False)
    elapsed = time.perf_counter() - started
    print(json.dumps({"articles": len(table), "words": int(table["words"].sum()),
                      "seconds": elapsed, "peak_rss_mb": peak_rss_mb()}))


def run_point(folder: Path, jobs: int, cache: Path | None) -> dict:
    command = [sys.executable, __file__, "--point", str(folder), "--jobs", str(jobs)]
    if cache is not None:
        command += ["--cache", str(cache)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def throughput(folder: Path) -> tuple[float, dict[str, float], int]:
    """(newslib words/s, {necessary stage: words/s}, words) on the same texts, this process.

    The stages are the third-party passes every article needs, run bare: the Pattern tagger
    (the baseline), TextBlob's sentiment per sentence and over the whole body, and VADER per
    sentence.
    """
    from textblob.en import sentiment
    from textblob.en.taggers import PatternTagger
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newslib import read_corpus
    from newslib.features import article_features

    articles = read_corpus(folder, on_error="raise")
    texts = [a.body for a in articles]
    # Warm every path (lexicons, imports) on an article outside the measured set.
    warm = read_corpus(SEED)[0]
    article_features(warm)
    tagger = PatternTagger()
    vader = SentimentIntensityAnalyzer()
    tagger.tag(warm.body)
    sentiment(warm.body)

    started = time.perf_counter()
    words = 0
    for article in articles:
        words += article_features(article)["words"]
    newslib_seconds = time.perf_counter() - started

    sentences = [s.text for a in articles for s in a.sentences]
    stages = {
        "Pattern tagger (baseline)": lambda: [tagger.tag(t) for t in texts],
        "TextBlob sentiment, per sentence": lambda: [sentiment(t) for t in sentences],
        "TextBlob sentiment, whole body": lambda: [sentiment(t) for t in texts],
        "VADER, per sentence": lambda: [vader.polarity_scores(t) for t in sentences],
    }
    rates = {}
    for name, stage in stages.items():
        started = time.perf_counter()
        stage()
        rates[name] = words / (time.perf_counter() - started)
    return words / newslib_seconds, rates, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for scaling")
    parser.add_argument("--point", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.point:
        point(args.point, args.jobs, args.cache)
        return

    sizes = [100, 200, 400] if args.quick else [100, 1000, 10000]
    throughput_size = 100 if args.quick else 500
    with tempfile.TemporaryDirectory(prefix="newslib-bench-") as temporary:
        base = Path(temporary)
        print(f"newslib benchmark ({'quick' if args.quick else 'full'}), "
              f"{args.jobs} worker process(es) for scaling")
        folder = base / "throughput"
        make_corpus(folder, throughput_size)
        newslib_rate, stages, words = throughput(folder)
        tagger_rate = stages["Pattern tagger (baseline)"]
        print(f"throughput on {throughput_size} articles ({words:,} words), one process, no cache:")
        print(f"  {'newslib full feature extraction:':40s}{newslib_rate:10,.0f} words/s")
        for name, rate in stages.items():
            print(f"  {'bare ' + name + ':':40s}{rate:10,.0f} words/s")
        floor = 1 / sum(1 / rate for rate in stages.values())
        print(f"  {'all four bare stages in sequence:':40s}{floor:10,.0f} words/s "
              f"(newslib / that: {newslib_rate / floor:.2f})")

        print("scaling (fresh process per size, no cache):")
        results = []
        for size in sizes:
            corpus = base / f"n{size}"
            make_corpus(corpus, size)
            cache = base / f"cache{size}" if size == sizes[-1] else None
            result = run_point(corpus, args.jobs, cache)
            results.append(result)
            print(f"  {size:6,d} articles: {result['seconds']:8.2f} s "
                  f"({1000 * result['seconds'] / size:6.1f} ms/article), "
                  f"peak RSS {result['peak_rss_mb']:6.0f} MB")
        # The smallest run is dominated by process start-up; compare the two largest.
        middle, last = results[-2], results[-1]
        growth = (last["seconds"] / middle["seconds"]) / (sizes[-1] / sizes[-2])
        print(f"  time per article, {sizes[-1]:,} vs {sizes[-2]:,} articles: {growth:.2f}x "
              "(1.00 = linear)")
        print(f"peak RSS at {sizes[-1]:,} articles: {last['peak_rss_mb']:.0f} MB")

        cached = run_point(base / f"n{sizes[-1]}", args.jobs, base / f"cache{sizes[-1]}")
        print(f"cached re-run of {sizes[-1]:,} articles: {cached['seconds']:.2f} s vs "
              f"{last['seconds']:.2f} s first run: {last['seconds'] / cached['seconds']:.1f}x faster")
    print(f"speed ratio (newslib / pattern tagger): {newslib_rate / tagger_rate:.3f}")


if __name__ == "__main__":
    main()
