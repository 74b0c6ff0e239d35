"""Bad input: every case gets a clear one-line error (or a warning) naming the file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newslib import ArticleError, parse_text, quotes, read_article, read_corpus
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
