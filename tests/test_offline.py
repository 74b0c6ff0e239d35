"""newslib works with the network closed and no NLTK data installed."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_the_guard_is_active():
    nltk = pytest.importorskip("nltk")
    with pytest.raises(LookupError):
        nltk.data.find("tokenizers/punkt")
    with pytest.raises(LookupError):
        nltk.data.find("corpora/wordnet")
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_textblobs_nltk_paths_really_fail_here():
    # Proves that the pieces newslib avoids would fail in this environment.
    from textblob import TextBlob
    from textblob.exceptions import MissingCorpusError

    with pytest.raises(MissingCorpusError):
        TextBlob("One sentence. Another.").sentences  # noqa: B018


def test_full_pipeline_offline_in_a_fresh_process(seed_path):
    code = (
        f"import newslib; a = newslib.read_article(r'{seed_path}'); "
        "q = newslib.quotes(a); t = a.tokens; "
        "print(len(a.sentences), len(q), sum(x.is_word for x in t))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["16", "11", "411"]
