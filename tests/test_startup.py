"""newslib/__init__.py: lazy imports keep start-up small; every public name still works."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SEED

HEAVY = ("nltk", "scipy", "sklearn", "textblob.blob", "vaderSentiment", "matplotlib")


def run_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_parsing_and_quotations_do_not_import_the_heavy_libraries():
    loaded = run_python(
        "import sys, newslib\n"
        f"article = newslib.read_article({str(SEED)!r})\n"
        "from newslib.quotes import attributed_quotations\n"
        "assert len(attributed_quotations(article)) == 11 and article.tokens[0].pos\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n")
    assert loaded == "[]"


def test_import_newslib_alone_loads_no_submodule_or_pandas():
    loaded = run_python("import sys, newslib\n"
                        "print(sorted(m for m in sys.modules if m.startswith('newslib.') "
                        "or m == 'pandas'))")
    assert loaded == "[]"


def test_public_names_and_submodules_resolve():
    import newslib
    from newslib import ArticleError, quotes, read_article, tone

    assert callable(quotes) and quotes.__module__ == "newslib.quotes"
    import newslib.quotes  # the submodule import must not rebind the public function

    assert newslib.quotes is quotes
    assert issubclass(ArticleError, ValueError)
    assert len(quotes(read_article(SEED))) == 11
    assert tone.label(0.5) == "positive"
    assert "read_corpus" in dir(newslib)


def test_textblob_still_works_in_full_after_newslib():
    out = run_python("import newslib\n"
                     "from newslib import scorers\n"
                     "scorers.textblob_sentiment('good')\n"
                     "import sys; before = 'nltk' in sys.modules\n"
                     "from textblob import TextBlob, Word\n"
                     "import textblob\n"
                     "print(before, TextBlob('a very good day').sentiment.polarity,"
                     " Word('dogs').singularize(), textblob.en.sentiment('bad')[0])")
    assert out == "False 0.9099999999999999 dog -0.6999999999999998"
