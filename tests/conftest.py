"""Shared fixtures. Every test runs offline and without NLTK data (see offline/sitecustomize.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = Path(__file__).resolve().parent / "offline"
SEED = ROOT / "data" / "articles" / "000_55b6456ee109d161.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_55b6456ee109d161.txt"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

# Subprocesses (CLI runs, notebook kernels) load the same guard through PYTHONPATH.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(OFFLINE), str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
)
sys.path.insert(0, str(OFFLINE))
import sitecustomize  # noqa: E402,F401  (installs the guard in this process too)

try:  # NLTK reads NLTK_DATA at import; also drop its default folders in this process.
    import nltk

    nltk.data.path[:] = [os.environ["NLTK_DATA"]]
except ImportError:
    pass


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed():
    from newslib import read_article

    return read_article(SEED)


@pytest.fixture
def make_file(tmp_path: Path):
    """Write a test file (bytes as given, text as UTF-8) and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def article(text: str, id: str = "test"):
    """Parse text without a header (no warning expected)."""
    from newslib import parse_text

    return parse_text(text, id=id, expect_header=False)
