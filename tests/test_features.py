"""The per-article feature table, the corpus pipeline (cache, processes, Dask) and its CLI."""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest

from newslib import corpus
from newslib.features import FEATURE_COLUMNS, FEATURE_DESCRIPTIONS, article_features, features
from tests.conftest import ROOT, article

REQUIRED = ["id", "date", "words", "sentences", "paragraphs", "quotes", "quote_share", "polarity",
            "subjectivity"]


def test_seed_feature_row(seed):
    row = article_features(seed)
    assert list(row) == FEATURE_COLUMNS
    assert set(REQUIRED) <= set(row)
    assert (row["id"], row["date"], row["words"], row["sentences"], row["paragraphs"]) == (
        "000_55b6456ee109d161", "2022-09-21", 411, 16, 15)
    assert row["quotes"] == 11
    assert row["quote_share"] == pytest.approx(238 / 411)
    assert row["speakers"] == 4 and row["named_speakers"] == 3
    assert row["loaded_verb_share"] == pytest.approx(2 / 10)  # accused, criticised of 10 cues
    assert row["typos"] == 1
    assert row["lists_of_three"] == 1
    assert row["quoted_subjectivity"] > row["narration_subjectivity"]
    assert row["evaluative_quoted_per_1000"] > row["evaluative_narration_per_1000"]


def test_every_column_is_described():
    assert all(isinstance(text, str) and text.strip() for text in FEATURE_DESCRIPTIONS.values())


def reference_row(art) -> dict:
    """The row as the public table functions compute it (newslib's feature row before the fast
    path): article_features must give exactly these values."""
    from textblob.en import sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newslib import rhetoric, tone, usage

    vader = SentimentIntensityAnalyzer()
    words = usage.token_table(art)
    words = words[words["is_word"]]
    quoted = int(words["in_quote"].sum())
    voices = rhetoric.voices(art)
    speakers = voices[voices["voice_kind"].isin(["named", "unnamed"])]
    sentences = pd.DataFrame({
        "polarity": [sentiment(s.text)[0] for s in art.sentences],
        "vader": [float(vader.polarity_scores(s.text)["compound"]) for s in art.sentences]})
    agree = [tone.label(p) == tone.label(v) for p, v in zip(sentences["polarity"],
                                                           sentences["vader"], strict=True)]
    runs = tone.voice_runs(art)
    narration = [art.body[s:e] for s, e in runs.get("narration", [])]
    quoted_pieces = [art.body[s:e] for v, spans in runs.items() if v != "narration"
                     for s, e in spans]
    nan_pair = (math.nan, math.nan)
    narration_scores = sentiment(" ".join(narration)) if narration else nan_pair
    quoted_scores = sentiment(" ".join(quoted_pieces)) if quoted_pieces else nan_pair
    loaded = rhetoric.evaluative_words(art)
    diversity = usage.lexical_diversity(art).iloc[0]
    reading = usage.readability(art).iloc[0]
    return {
        "words": len(words), "quote_share": quoted / len(words),
        "speakers": len(speakers),
        "named_speakers": int((speakers["voice_kind"] == "named").sum()),
        "polarity": sentiment(art.body)[0], "subjectivity": sentiment(art.body)[1],
        "vader": float(sentences["vader"].mean()),
        "tone_label_agreement": float(pd.Series(agree).mean()),
        "narration_polarity": narration_scores[0], "narration_subjectivity": narration_scores[1],
        "quoted_polarity": quoted_scores[0], "quoted_subjectivity": quoted_scores[1],
        "evaluative_per_1000": 1000 * len(loaded) / len(words),
        "evaluative_narration_per_1000": 1000 * int((loaded["voice"] == "narration").sum()) / (
            len(words) - quoted),
        "topic_per_1000": 1000 * len(rhetoric.topic_words(art)) / len(words),
        "type_token_ratio": float(diversity["type_token_ratio"]),
        "mtld": float(diversity["mtld"]),
        "flesch_reading_ease": float(reading["flesch_reading_ease"]),
        "flesch_kincaid_grade": float(reading["flesch_kincaid_grade"]),
        **{f"{c}_per_1000": 1000 * int((rhetoric.stance_matches(art)["category"] == c).sum())
           / len(words) for c in rhetoric.STANCE_CATEGORIES},
    }


def assert_same_values(row: dict, expected: dict) -> None:
    for column, value in expected.items():
        assert (row[column] == value) or (math.isnan(row[column]) and math.isnan(value)), column


def test_row_equals_the_public_tables_on_the_seed(seed):
    assert_same_values(article_features(seed), reference_row(seed))


def test_row_equals_the_public_tables_on_invented_articles():
    texts = [
        'The minister said: "It was not good. Very bad!" Critics disagreed.\n\n'
        'Officials, who asked not to be named, said it was "a disaster".',
        "A plain report. Nothing is quoted here at all, and it is neither good nor bad.",
    ]
    for text in texts:
        art = article(text)
        assert_same_values(article_features(art), reference_row(art))


def test_row_equals_the_public_tables_on_bbc_articles():
    import json

    from tests.conftest import SHARED_CORPUS

    path = SHARED_CORPUS / "bbc-news.jsonl"
    if not path.exists():
        pytest.skip("../shared/corpus/bbc-news.jsonl is not present")
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle][::150]
    for row in rows:
        art = article(row["text"], id=row["id"])
        assert_same_values(article_features(art), reference_row(art))


def test_seed_tone_values_hand_checked(seed):
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    row = article_features(seed)
    assert (row["polarity"], row["subjectivity"]) == tuple(TextBlob(seed.body).sentiment)
    compounds = [SentimentIntensityAnalyzer().polarity_scores(s.text)["compound"]
                 for s in seed.sentences]
    # The 16 four-decimal compounds sum to -4.2638: a mean of -0.2664875.
    assert round(sum(compounds), 4) == -4.2638
    assert row["vader"] == pytest.approx(-0.2664875, abs=1e-12)


def test_article_without_quotes_has_nan_not_zero_for_quoted_measures():
    row = article_features(article("A plain report. Nothing is quoted here at all."))
    assert row["quotes"] == 0 and row["quote_share"] == 0
    assert math.isnan(row["quoted_polarity"]) and math.isnan(row["loaded_verb_share"])


@pytest.fixture
def small_corpus(tmp_path, seed):
    folder = tmp_path / "articles"
    folder.mkdir()
    body = seed.source_text
    variants = {
        "a.txt": body,
        "b.txt": body.replace("badly led", "well led").replace("2022-09-21", "2022-09-22"),
        "c.txt": " date 2022-10-01 Ms Keegan said the talks were \"constructive\".\n\nNo more.",
    }
    for name, text in variants.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")
    return folder


def test_corpus_features_cache_and_processes_agree(small_corpus, tmp_path):
    cache_dir = tmp_path / "cache"
    errors: list = []
    first = corpus.corpus_features(small_corpus, errors=errors, cache_dir=cache_dir)
    assert first["id"].tolist() == ["a", "b", "c"]
    assert [e.problem for e in errors] == ["empty file: no text"]
    assert len(list(cache_dir.rglob("*.json"))) == 3
    again = corpus.corpus_features(small_corpus, errors=[], cache_dir=cache_dir, n_jobs=2)
    pd.testing.assert_frame_equal(first, again)
    fresh = corpus.corpus_features(small_corpus, errors=[], cache_dir=None, n_jobs=2)
    pd.testing.assert_frame_equal(first, fresh)
    # The edit in b.txt changed its tone: the cache key follows the content.
    assert first.loc[1, "polarity"] != first.loc[0, "polarity"]


def test_cache_is_used_and_keyed_by_content(small_corpus, tmp_path, monkeypatch, seed):
    cache_dir = tmp_path / "cache"
    corpus.corpus_features(small_corpus, errors=[], cache_dir=cache_dir)
    calls = []
    monkeypatch.setattr(corpus, "_compute", lambda a: calls.append(a.id) or article_features(a))
    (small_corpus / "c.txt").write_text(" date 2022-10-01 Changed text.", encoding="utf-8")
    corpus.corpus_features(small_corpus, errors=[], cache_dir=cache_dir)
    assert calls == ["c"]  # only the changed article is computed again
    assert corpus.cache_key(seed) != corpus.cache_key(article(seed.body, id=seed.id))  # date


def test_features_function_matches_corpus_pipeline(small_corpus, tmp_path):
    from newslib import read_corpus

    articles = read_corpus(small_corpus, on_error="collect")
    direct = features(articles)
    piped = corpus.corpus_features(small_corpus, errors=[], cache_dir=None)
    pd.testing.assert_frame_equal(direct, piped)


def test_dask_bag_on_the_local_scheduler(small_corpus):
    pytest.importorskip("dask.bag")
    table, errors = corpus.dask_feature_table(small_corpus, scheduler="threads", npartitions=2)
    expected = corpus.corpus_features(small_corpus, errors=[], cache_dir=None)
    pd.testing.assert_frame_equal(table, expected)
    assert errors == [f"{small_corpus / 'broken.txt'}: empty file: no text"]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "newslib", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


def test_features_cli_csv_and_parquet(small_corpus, tmp_path):
    out_csv = tmp_path / "features.csv"
    result = run_cli("features", str(small_corpus), "-o", str(out_csv), "--cache",
                     str(tmp_path / "cache"))
    assert result.returncode == 2  # broken.txt
    assert f"newslib: {small_corpus / 'broken.txt'}: empty file: no text" in result.stderr
    table = pd.read_csv(out_csv)
    assert table["id"].tolist() == ["a", "b", "c"]
    assert set(REQUIRED) <= set(table.columns)
    out_parquet = tmp_path / "features.parquet"
    result = run_cli("features", str(small_corpus / "a.txt"), "-o", str(out_parquet), "-q")
    assert result.returncode == 0, result.stderr
    assert pd.read_parquet(out_parquet).loc[0, "quotes"] == 11


def test_features_cli_refuses_unknown_output_before_working(tmp_path, seed_path):
    result = run_cli("features", str(seed_path), "-o", str(tmp_path / "out.xlsx"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"newslib: {tmp_path / 'out.xlsx'}: the output must end in .csv or .parquet")


def test_features_table_is_reproducible_byte_for_byte(small_corpus, tmp_path):
    outputs = []
    for run in range(2):
        out = tmp_path / f"run{run}.csv"
        result = run_cli("features", str(small_corpus), "-o", str(out), "--no-cache", "-q")
        assert result.returncode == 2
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
