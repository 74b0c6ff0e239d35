"""Bad input: every case gets a clear one-line error (or a warning) naming the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newslib import ArticleError, ArticleWarning, iter_articles, parse_text, quotes, read_article, read_corpus
from newslib.quotes import quotation_warnings
from tests.conftest import ROOT


def test_fifty_megabyte_article_is_refused_quickly_with_a_clear_error(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(" date 2022-09-21 ")
        chunk = "Mr Wallace said the troops were \"badly led\". " * 1000
        while handle.tell() < 50_000_000:
            handle.write(chunk + "\n\n")
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == (f"{path}: file is {path.stat().st_size / 1e6:.1f} MB, over the 5 MB "
                                 "limit for one article (split it, or raise max_bytes)")
    result = subprocess.run([sys.executable, "-m", "newslib", "parse", str(path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "over the 5 MB limit" in result.stderr


def test_large_but_allowed_article_is_processed(tmp_path):
    paragraph = 'Mr Wallace said the troops were "badly led" and losing the war.'
    text = " date 2022-09-21 " + "\n\n".join([paragraph] * 3000)  # ~200 kB, 36,000 words
    article = parse_text(text, id="long")
    assert len(article.paragraphs) == 3000
    assert len(quotes(article)) == 3000


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03binary", b"PK\x03\x04\x14\x00\x00\x00"
                                  b"\x08\x00\x00\x00!\x00"])
def test_binary_files(tmp_path, data):
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=r"(binary file|not valid UTF-8)"):
        read_article(path)


def test_folder_reports_every_bad_file_and_keeps_the_good(tmp_path, seed_path):
    good = seed_path.read_text(encoding="utf-8")
    (tmp_path / "a_good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\xff\x00")
    (tmp_path / "d_latin1.txt").write_bytes(" date 2022-09-21 Caf\xe9.".encode("latin-1"))
    (tmp_path / "e_date.txt").write_text(" date 2023-02-29 Not a leap year.", encoding="utf-8")
    (tmp_path / "f_noheader.txt").write_text("No header, still usable.", encoding="utf-8")
    (tmp_path / "g_unclosed.txt").write_text(' date 2022-09-21 He said "never closed.',
                                             encoding="utf-8")
    corpus = read_corpus(tmp_path, on_error="collect")
    assert [a.id for a in corpus] == ["a_good", "f_noheader", "g_unclosed"]
    problems = {e.source.rsplit("/", 1)[-1]: e.problem for e in corpus.errors}
    assert problems == {
        "b_empty.txt": "empty file: no text",
        "c_binary.txt": "binary file (contains NUL bytes), not a text article",
        "d_latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 20); re-save the file as UTF-8",
        "e_date.txt": "date 2023-02-29 in the header does not exist",
    }
    assert corpus[1].date is None and corpus[1].warnings
    quotes(corpus[2])
    assert any("never closed" in w for w in quotation_warnings(corpus[2]))


def test_cli_reports_the_same_folder_with_exit_2(tmp_path, seed_path):
    (tmp_path / "a.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "newslib", "quotes", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 11
    assert result.stderr.splitlines() == [f"newslib: {tmp_path / 'b.txt'}: empty file: no text"]


# -- Tables: one bad row is that row's error; the others are read ---------------------------------

def read_all(*paths, **kwargs):
    errors: list[ArticleError] = []
    articles = list(iter_articles([str(p) for p in paths], errors=errors, **kwargs))
    return articles, [str(e) for e in errors]


def jsonl(*records) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


GOOD_ROW = {"id": "good", "date": "2022-09-21", "text": "The minister said it would work."}


@pytest.mark.parametrize("date, kind", [(20220921, "a number"), (2022.5, "a number"),
                                        ([2022, 9, 21], "a list"), (True, "a boolean"),
                                        ({"y": 2022}, "an object")])
def test_jsonl_date_of_any_json_type_is_a_row_error(make_file, date, kind):
    path = make_file("t.jsonl", jsonl(GOOD_ROW, {"id": "bad", "date": date, "text": "Words."}))
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["good"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:line 2: 'date' is {kind} (")
    assert errors[0].endswith("), not a YYYY-MM-DD string")


def test_jsonl_null_or_empty_date_is_unknown_not_an_error(make_file):
    path = make_file("t.jsonl", jsonl({"text": "One.", "date": None}, {"text": "Two.", "date": ""}))
    articles, errors = read_all(path)
    assert errors == [] and [a.date for a in articles] == [None, None]


def test_lone_surrogates_in_text_or_id_are_row_errors_elsewhere_replaced(make_file):
    path = make_file("t.jsonl", '{"text": "Caf\\ud800 opened."}\n'
                     '{"text": "Fine.", "id": "x\\udfff"}\n'
                     '{"text": "Fine too.", "title": "T\\udc80", "id": "t"}\n' + jsonl(GOOD_ROW))
    articles, errors = read_all(path)
    assert errors == [
        f"{path}:line 1: 'text' holds a lone surrogate code point (\\ud800 at character 4); "
        "fix the source of this row",
        f"{path}:line 2: 'id' holds a lone surrogate code point (\\udfff at character 2); "
        "fix the source of this row",
    ]
    assert [a.id for a in articles] == ["t", "good"]
    assert articles[0].meta["title"] == "T\ufffd"
    assert "1 lone surrogate code point(s) in 'title' replaced by U+FFFD" in articles[0].warnings
    assert not any("surrogate" in w for w in articles[1].warnings)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c",
                                       "\x1d", "\x1e"])
def test_jsonl_rows_split_on_newline_only(make_file, separator):
    rows = [{"id": "a", "text": f"First{separator}second."}, GOOD_ROW]
    path = make_file("t.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
                     + "not json\n")
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a", "good"]
    assert separator in articles[0].body
    assert errors == [f"{path}:line 3: not valid JSON (Expecting value)"]


def test_jsonl_invalid_utf8_line_loses_only_that_line(make_file):
    path = make_file("t.jsonl", jsonl(GOOD_ROW).encode() + b'{"text": "caf\xe9"}\n'
                     + jsonl(dict(GOOD_ROW, id="after")).encode())
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["good", "after"]
    assert errors == [f"{path}:line 2: not valid UTF-8 (byte 0xe9 at column 14)"]


@pytest.mark.parametrize("line, problem", [
    ("[1]", "a JSON list, not an object with a 'text' key"),
    ('"text"', "a JSON str, not an object with a 'text' key"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
    ('{"text": 5}', "'text' is a number, not a string"),
    ('{"text": "Words.", "id": [1]}', "'id' is a list, not a string or number"),
])
def test_jsonl_rows_that_are_not_articles(make_file, line, problem):
    path = make_file("t.jsonl", jsonl(GOOD_ROW) + line + "\n")
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["good"]
    assert errors == [f"{path}:line 2: {problem}"]


def test_table_is_read_one_row_at_a_time(make_file, monkeypatch):
    from newslib import articles as module

    path = make_file("t.jsonl", "".join(jsonl(dict(GOOD_ROW, id=str(n))) for n in range(50)))
    calls = []
    original = module.parse_text
    monkeypatch.setattr(module, "parse_text", lambda *a, **k: calls.append(1) or original(*a, **k))
    first = next(iter_articles(path))
    assert first.id == "0" and len(calls) == 1


def test_csv_field_over_the_csv_module_default_is_read(make_file):
    long_text = "The minister said the plan would work. " * 5000  # 195,000 characters
    path = make_file("t.csv", "id,text\nlong," + long_text + "\n")
    articles, errors = read_all(path)
    assert errors == [] and len(articles[0].body) == len(long_text.strip())


def test_csv_field_over_the_article_limit_is_that_rows_error(make_file):
    path = make_file("t.csv", "id,text\nbig," + "x" * 2000 + "\nsmall,Fine.\n")
    articles, errors = read_all(path, max_bytes=1000)
    assert [a.id for a in articles] == ["small"]
    assert errors == [f"{path}:row 2: 'text' is 2,000 characters, over the limit for one article"]


def test_csv_unclosed_quote_is_reported_not_merged(make_file):
    path = make_file("t.csv", 'id,text\na,Fine.\nb,"Never closed.\nc,Swallowed.\nd,Also.\n')
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a"]
    assert errors == [f"{path}:row 3: a quotation mark opened on line 3 is never closed; lines "
                      "3-5 could not be read as rows"]


def test_csv_properly_quoted_multiline_field_is_not_flagged(make_file):
    path = make_file("t.csv", 'id,text\na,"Para one.\n\nPara ""two""."\nb,Fine.\n')
    articles, errors = read_all(path)
    assert errors == [] and len(articles[0].paragraphs) == 2 and articles[1].id == "b"


def test_csv_duplicate_column_is_an_error(make_file):
    path = make_file("t.csv", "id,text,date,text\na,One,2022-09-21,Two\n")
    articles, errors = read_all(path)
    assert articles == []
    assert errors == [f"{path}: CSV has 2 columns named 'text' (columns 2, 4); rename or remove "
                      "all but one"]


def test_csv_ragged_rows(make_file):
    path = make_file("t.csv", "id,date,text\na,2022-09-21,Fine.\n"
                     "b,2022-09-21,He said, in the end, yes.\nc,2022-09-21\nd\n")
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a"]
    assert errors == [
        f"{path}:row 3: row has 5 fields but the header has 3 (an unquoted comma?); row skipped",
        f"{path}:row 4: row has 2 fields but the header has 3; no 'text' value",
        f"{path}:row 5: row has 1 fields but the header has 3; no 'text' value",
    ]
    path = make_file("u.csv", "id,text,date\na,Fine.\n")
    articles, errors = read_all(path)
    assert errors == [] and "row has 2 of 3 fields; 'date' taken as empty" in articles[0].warnings


@pytest.mark.parametrize("content, problem", [
    ("id,date,text\n", "CSV has a header but no rows"),
    ("id,date,text\n\n\n", "CSV has a header but no rows"),
    ("", "empty file: no text"),
    ("\n \n", "empty file: no text"),
])
def test_csv_without_rows_is_an_error_like_empty_jsonl(make_file, content, problem):
    path = make_file("t.csv", content)
    assert read_all(path) == ([], [f"{path}: {problem}"])


def test_csv_bad_bytes_and_nul_are_row_errors(make_file):
    rows = "".join(f"g{n},The minister said it would work.\n" for n in range(300))  # > 8 kB
    path = make_file("t.csv", b"id,text\n" + rows.encode() + b"x,caf\xe9\ny,a\x00b\n")
    articles, errors = read_all(path)
    assert len(articles) == 300
    assert errors == [f"{path}:row 302: not valid UTF-8 (byte 0xe9); re-save the file as UTF-8",
                      f"{path}:row 303: binary file (contains NUL bytes), not a text article"]


def test_date_followed_by_a_number_that_is_no_date_is_text():
    article = parse_text("Date 2 of the tour began in Paris.", id="t", source="t.txt")
    assert article.body == "Date 2 of the tour began in Paris." and article.date is None
    assert article.warnings == ["no ' date YYYY-MM-DD ' header on the first line; the date is "
                                "unknown"]
    assert parse_text(" date 2022-09-21 Stage 2 began.", id="t").date is not None
    with pytest.raises(ArticleError, match="not in YYYY-MM-DD form"):
        parse_text(" date 2022.09.21 Dots.", id="t")


# -- Files that are not regular files: reported, never opened -------------------------------------

def test_fifo_given_as_a_path_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_all(fifo) == ([], [f"{fifo}: is a named pipe (FIFO), not a regular file; "
                                   "skipped"])
    with pytest.raises(ArticleError, match="named pipe"):
        read_article(fifo)
    result = subprocess.run([sys.executable, "-m", "newslib", "parse", str(fifo)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2 and "named pipe" in result.stderr


def test_device_is_refused():
    assert read_all("/dev/zero") == ([], ["/dev/zero: is a character device, not a regular file; "
                                          "skipped"])


def test_folder_with_links_pipes_and_a_folder_named_like_a_file(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-09-21 Good.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe-without-suffix")  # not named like an article: ignored
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "up").symlink_to(folder)  # a folder loop
    (folder / "sub.txt").mkdir()
    (folder / "sub.txt" / "inner.txt").write_text(" date 2022-09-22 Inner.", encoding="utf-8")
    (folder / "link.txt").symlink_to(folder / "a.txt")
    articles, errors = read_all(folder)
    assert [a.id for a in articles] == ["a", "link", "sub.txt/inner"]
    assert errors == [
        f"{folder / 'dangling.txt'}: broken symbolic link (its target does not exist); skipped",
        f"{folder / 'loop.txt'}: symbolic link loop; skipped",
        f"{folder / 'pipe.txt'}: is a named pipe (FIFO), not a regular file; skipped",
        f"{folder / 'up'}: symbolic link to a folder already read (a loop); skipped",
    ]


def test_links_leading_outside_the_folder_are_followed_with_one_warning_each(tmp_path):
    import warnings

    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "secret.txt").write_text(" date 2022-09-21 Not meant for the corpus.")
    (outside / "dir" / "x.txt").write_text(" date 2022-09-21 Nor this.")
    (outside / "dir" / "y.txt").write_text(" date 2022-09-21 Nor that.")
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(" date 2022-09-21 Good.")
    (folder / "in.txt").symlink_to("a.txt")                       # inside: silent
    (folder / "sub" / "up.txt").symlink_to("../a.txt")            # inside too
    (folder / "leak.txt").symlink_to("../outside/secret.txt")     # outside, relative
    (folder / "abs.txt").symlink_to(outside / "secret.txt")       # outside, absolute
    (folder / "more").symlink_to(outside / "dir")                 # a folder outside
    (folder / "notes.md").symlink_to(outside / "secret.txt")      # not an article: not read
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles, errors = read_all(folder)
    assert errors == []
    assert [a.id for a in articles] == ["a", "abs", "in", "leak", "more/x", "more/y", "sub/up"]
    messages = [str(w.message) for w in caught if issubclass(w.category, ArticleWarning)]
    assert messages == [
        f"{folder / 'abs.txt'}: symbolic link to a file outside {folder} ({outside / 'secret.txt'}"
        "); followed, so its content is read as part of this corpus",
        f"{folder / 'leak.txt'}: symbolic link to a file outside {folder} "
        "(../outside/secret.txt); followed, so its content is read as part of this corpus",
        f"{folder / 'more'}: symbolic link to a folder outside {folder} ({outside / 'dir'}); "
        "followed, so its content is read as part of this corpus",
    ]
    # The command line shows each as one line.
    result = subprocess.run([sys.executable, "-m", "newslib", "parse", str(folder)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if "symbolic link" in line]
    assert lines == [f"newslib: warning: {m}" for m in messages]


def test_a_folder_without_links_outside_reads_silently(tmp_path, recwarn):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-09-21 Good.")
    (folder / "b.txt").symlink_to(folder / "a.txt")  # absolute, but inside
    assert [a.id for a in read_all(folder)[0]] == ["a", "b"]
    assert not [w for w in recwarn if issubclass(w.category, ArticleWarning)]


# -- Ids ------------------------------------------------------------------------------------------

def test_ids_are_unique_in_a_folder_tree(tmp_path, seed_path):
    for section in ("business", "tech"):
        (tmp_path / "news" / section).mkdir(parents=True)
        (tmp_path / "news" / section / "001.txt").write_text(" date 2022-09-21 Words.")
    articles, _ = read_all(tmp_path / "news")
    assert [a.id for a in articles] == ["business/001", "tech/001"]
    # A flat folder, or a file given directly: the stem, as before.
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / seed_path.name).write_bytes(seed_path.read_bytes())
    assert [a.id for a in read_all(flat)[0]] == ["000_55b6456ee109d161"]
    assert [a.id for a in read_all(seed_path)[0]] == ["000_55b6456ee109d161"]
    # Two files given directly with the same stem: their shown paths.
    business, tech = (tmp_path / "news" / s / "001.txt" for s in ("business", "tech"))
    ids = [a.id for a in read_all(business, tech)[0]]
    assert len(set(ids)) == 2 and ids[0].endswith("business/001") and ids[1].endswith("tech/001")
    twice = read_all(business, business)[0]
    assert twice[1].id == twice[0].id + "~2"
    assert twice[0].warnings == [] and twice[1].warnings[-1].endswith(
        f"this article's id is '{twice[0].id}~2'")


def test_ids_repeated_in_tables_and_files_are_made_unique_with_one_warning_each(tmp_path):
    from newslib.compare import article_table
    from newslib.corpus import corpus_features

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-09-21 The file called a.", encoding="utf-8")
    (folder / "b.csv").write_text("id,text\na,First row.\na,Second row.\nc,Third row.\n"
                                  "a~2,Fourth row.\n", encoding="utf-8")
    (folder / "c.jsonl").write_text(jsonl({"id": "c", "text": "A second table."}),
                                    encoding="utf-8")
    articles, errors = read_all(folder)
    assert errors == []
    ids = [a.id for a in articles]
    # First occurrence keeps its id; later ones get ~2, ~3... in input order.
    assert ids == ["a", "a~2", "a~3", "c", "a~2~2", "c~2"]
    renamed = {a.id: [w for w in a.warnings if w.startswith("id ")] for a in articles}
    assert renamed["a"] == [] and renamed["c"] == []
    assert renamed["a~2"] == ["id 'a' is already the id of data/a.txt; this article's id is "
                              "'a~2'"]
    assert renamed["a~3"] == ["id 'a' is already the id of data/a.txt; this article's id is "
                              "'a~3'"]
    assert renamed["a~2~2"] == ["id 'a~2' is already the id of data/b.csv:row 2; this "
                                "article's id is 'a~2~2'"]
    assert renamed["c~2"] == ["id 'c' is already the id of data/b.csv:row 4; this article's "
                              "id is 'c~2'"]
    assert [a.id for a in read_all(folder)[0]] == ids  # the same input, the same ids
    # Downstream, one row per article: features.csv joined to the article table is not a
    # cross join (it was 10 rows for 4 articles).
    features = corpus_features(folder, errors=[], cache_dir=None, progress=False)
    assert features["id"].tolist() == ids
    assert len(article_table(articles).merge(features[["id", "words"]], on="id")) == len(ids)


def test_unique_table_ids_are_kept_without_a_warning(make_file):
    path = make_file("t.jsonl", jsonl({"id": "x", "text": "One."}, {"id": "y", "text": "Two."},
                                      {"text": "No id."}))
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["x", "y", "t-3"] and errors == []
    assert not any(w.startswith("id ") for a in articles for w in a.warnings)


def test_many_rows_with_one_id_are_renamed_in_linear_time(make_file):
    path = make_file("t.jsonl", jsonl(*[{"id": "same", "text": "Words."}] * 3000))
    ids = [a.id for a in read_all(path)[0]]
    assert ids[:3] == ["same", "same~2", "same~3"] and ids[-1] == "same~3000"
    assert len(set(ids)) == 3000


# -- Warnings: de-duplicated in constant time ------------------------------------------------------

def test_warning_list_membership_matches_a_plain_list():
    import pickle

    from newslib.articles import WarningList

    warnings_ = WarningList(["a"])
    plain = ["a"]
    for operation in (lambda w: w.append("b"), lambda w: w.extend(["c", "a"]),
                      lambda w: w.remove("a"), lambda w: w.__setitem__(0, "z"),
                      lambda w: w.insert(0, "y"), lambda w: w.pop(), lambda w: w.__iadd__(["q"]),
                      lambda w: w.__delitem__(0)):
        operation(warnings_)
        operation(plain)
        assert list(warnings_) == plain
        assert all((m in warnings_) == (m in plain) for m in "abcdqyz")
    copy = pickle.loads(pickle.dumps(warnings_))
    assert list(copy) == plain and "q" in copy and "a" not in copy
    copy.clear()
    assert "q" not in copy


def test_many_unclosed_quote_marks_finish(tmp_path):
    from newslib.quotes import attributed_quotations

    article = parse_text(" date 2022-09-21 " + "\u201c" * 20_000, id="q")
    attributed_quotations(article)
    assert type(article.warnings).__name__ == "WarningList"
