"""Text from articles is data wherever a report shows it: no tag, attribute, script, remote
resource or Markdown construct in an article (or in a parameter, a file or folder name) survives
into a report, and a figure never fails or vanishes because of a label (issue 17).

The end-to-end test builds a dataset whose every field is full of payloads, runs the main job on
it and parses every HTML report with lxml. Each payload carries a marker (``nlx...``) inside its
markup: a tag, an attribute, a URL, a script, a style sheet, a Markdown link, image, heading,
bold or math. Escaped, a marker appears only in text; interpreted, it appears in an element,
an attribute or a resource the checks below find.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import ROOT

#: Payloads with their marker; ``{m}`` is replaced by a marker naming the field they are in.
HTML_PAYLOADS = (
    "<script>{m}script()</script>",
    "<img src=x onerror={m}onerror()>",
    "<img src=http://{m}remote.invalid/b.png>",
    "<iframe src=http://{m}iframe.invalid/></iframe>",
    "<style>/*{m}style*/ body {{display: none}}</style>",
    "</textarea></table><h1 id={m}break>",
    "<a href=javascript:{m}href()>x</a>",
)
MARKDOWN_PAYLOADS = (
    "![{m}mdimage](http://{m}mdimage.invalid/i.png)",
    "[{m}mdlink](http://{m}mdlink.invalid/)",
    "[x](javascript:{m}mdjs())",
    "**{m}bold**",
    "$\\frac{{{m}math}}{{2}}^2$",
    "$\\{m}badmath^$",
)
#: Payloads a file or folder name can hold (no "/").
NAME_PAYLOADS = ("<img src=x onerror={m}onerror()>", "**{m}bold**", "$\\sqrt{{{m}math}}$",
                 "$\\{m}badmath{{$", "[x](javascript:{m}mdjs())")

#: Elements whose whole text is a bare marker only if Markdown or HTML was interpreted (a
#: reported term in italics, ``*term*``, is legitimate, so ``em`` is not among them).
MARKUP_ELEMENTS = {"strong", "b", "h1", "h2", "h3", "h4", "h5", "h6", "a", "li", "blockquote",
                   "del", "s", "sup", "sub", "img", "i"}
#: Elements no report of newslib contains.
FORBIDDEN_ELEMENTS = {"script", "iframe", "object", "embed", "textarea", "form", "input",
                      "base", "link", "frame", "frameset", "applet", "svg", "math", "video",
                      "audio", "source", "template", "noscript", "button", "select"}
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "data", "poster",
                  "background", "xlink:href", "ping", "cite", "longdesc", "lowsrc", "dynsrc"}
MARKER = re.compile(r"nlx\w*")
#: A marker of a Markdown payload (lower case: a speaker's name, "Ms Nlxspeaker", is not one).
MARKDOWN_MARKER = re.compile(r"nlx\w*(bold|heading|item|quote|mdlink|mdimage)")


def payloads(marker: str, *, markdown: bool = True, names: bool = False) -> str:
    chosen = NAME_PAYLOADS if names else HTML_PAYLOADS + (MARKDOWN_PAYLOADS if markdown else ())
    return " ".join(p.format(m=marker) for p in chosen)


def heading(marker: str) -> str:
    """A Markdown heading and a list item: constructs that only start a line."""
    return f"\n# {marker}heading\n- {marker}item\n> {marker}quote\n"


def hostile_dataset(root: Path) -> tuple[Path, str]:
    """A data folder (its name full of payloads) with a CSV table, a text file and an HTML
    page; returns the folder and the id of the focus article (the table's row)."""
    folder = root / ("data " + payloads("nlxfolder", names=True))
    folder.mkdir(parents=True)
    body = (
        f"Grain exports resumed on Friday {payloads('nlxbody')}, officials said.\n\n"
        f"\"The port is open again {payloads('nlxquote')},\" said Ms Ann Nlxspeaker"
        f"{payloads('nlxspeaker', markdown=False)} on Friday.\n\n"
        f"Prices of grain fell sharply {payloads('nlxlater')} after the news.{heading('nlxbody')}"
        "\n\nMs Nlxspeaker said: \"Grain ships are moving again.\" Ms Nlxspeaker added that "
        "the grain deal was a relief."
    )
    focus = "focus" + payloads("nlxid", names=True)
    rows = [
        {"id": focus, "date": "2022-09-23", "outlet": payloads("nlxoutlet") + heading("nlxoutlet"),
         "title": payloads("nlxtitle") + heading("nlxtitle"),
         "category": payloads("nlxcategory") + heading("nlxcategory"), "text": body},
        {"id": "second " + payloads("nlxsecondid", names=True), "date": "2022-09-24",
         "outlet": "Example Times", "title": "Grain prices", "category": "economy",
         "text": "Grain prices fell on Monday. Traders said the grain deal was a relief."},
    ]
    import csv

    with open(folder / "table.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (folder / (payloads("nlxfile", names=True) + ".txt")).write_text(
        f" date 2022-09-25 Grain ships left Odesa {payloads('nlxtxt')} on Sunday.\n\n"
        "\"We are moving grain again,\" the port's director said.\n\nGrain prices fell.",
        encoding="utf-8")
    entity = "&lt;img src=x onerror=nlxentity()&gt; &lt;script&gt;nlxentity()&lt;/script&gt;"
    (folder / "page.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<title>&lt;img src=http://nlxpagetitle.invalid/t.png&gt; Grain page</title></head>"
        "<body><article><h1>&lt;img src=http://nlxh1.invalid/h.png&gt; **nlxh1bold** Grain "
        "exports resume</h1>"
        + "".join(f"<p>Grain exports from Odesa resumed {entity} on Friday, officials said, and "
                  f"the ships carried wheat and maize to ports in Turkey and Egypt. "
                  f"Paragraph {i} of the page.</p>" for i in range(4))
        + "</article></body></html>", encoding="utf-8")
    return folder, focus


def violations(page: str, name: str) -> list[str]:
    """Everything in an HTML report that markup from data could have made."""
    document = lxml.html.document_fromstring(page)
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            if MARKER.search(element.text or ""):
                found.append(f"{name}: a comment holds data: {element.text[:60]!r}")
            continue
        tag = element.tag.lower()
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"{name}: <{tag}> element ({(element.text or '')[:40]!r})")
        if tag == "style" and MARKER.search(element.text or ""):
            found.append(f"{name}: a style sheet from data")
        for attribute, value in element.attrib.items():
            attribute = attribute.lower()
            if attribute.startswith("on"):
                found.append(f"{name}: <{tag} {attribute}=...>")
            if attribute != "title" and not value.startswith("data:image/png;base64,") and (
                    MARKER.search(attribute + " " + value)):
                found.append(f"{name}: data in <{tag} {attribute}={value[:60]!r}>")
            if attribute in URL_ATTRIBUTES and not _local(value):
                found.append(f"{name}: <{tag} {attribute}={value[:60]!r}> is not local")
        if tag in MARKUP_ELEMENTS and MARKDOWN_MARKER.fullmatch(element.text_content().strip()):
            found.append(f"{name}: <{tag}>{element.text_content().strip()}</{tag}> from Markdown "
                         "or HTML in the data")
    return found


def _local(url: str) -> bool:
    """A link within the reports (a relative file, an anchor) or an inline image."""
    url = url.strip().lower()
    return (url.startswith("#") or url.startswith("data:image/png;base64,")
            or (re.match(r"^[\w.-]+(\.html|\.ipynb|\.csv)?$", url) is not None))


def test_violations_finds_what_the_payloads_make_when_interpreted():
    """The checker itself: every payload, left live, is found; escaped, nothing is."""
    import html

    for payload in HTML_PAYLOADS:
        live = payload.format(m="nlxcheck")
        assert violations(f"<html><body><p>a {live} b</p></body></html>", "t"), live
        escaped = html.escape(live)
        assert violations(f"<html><body><p>a {escaped} b</p></body></html>", "t") == []
    rendered = {  # what a Markdown renderer makes of MARKDOWN_PAYLOADS and heading()
        "<img src='http://nlxcheckmdimage.invalid/i.png' alt='nlxcheckmdimage'>",
        "<a href='http://nlxcheckmdlink.invalid/'>nlxcheckmdlink</a>",
        "<a href='javascript:nlxcheckmdjs()'>x</a>", "<strong>nlxcheckbold</strong>",
        "<h1>nlxcheckheading</h1>", "<ul><li>nlxcheckitem</li></ul>",
        "<blockquote>nlxcheckquote</blockquote>"}
    for live in rendered:
        assert violations(f"<html><body><div>{live}</div></body></html>", "t"), live
    ok = "<html><body><p><em>nlxterm</em> <strong>Ms Nlxspeaker</strong> " \
         "<span title='&lt;img src=x onerror=nlx()&gt;'>x</span></p></body></html>"
    assert violations(ok, "t") == []


@pytest.mark.slow
def test_no_markup_from_the_data_survives_in_any_report(tmp_path):
    folder, focus = hostile_dataset(tmp_path)
    out = tmp_path / "reports"
    key_terms = json.dumps(["grain", "<img src=x onerror=nlxkeyterm()>", "**nlxkeybold**",
                            "$nlxkeymath$"])
    result = subprocess.run(
        [sys.executable, "-m", "newslib", "run", "--data", str(folder), "--out", str(out),
         "--cache", str(tmp_path / "cache"), "--focus", focus, "-p", f"KEY_TERMS={key_terms}",
         "-p", "MIN_GROUP=1", "-p", "N_TOPICS=2"],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 6  # five reports and the index
    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        problems += violations(text, page.name)
        if page.name != "index.html":
            assert "Traceback" not in text, page.name
            assert "data:image/png;base64" in text, page.name  # no figure lost to a label
    assert problems == []
    # The data reached the reports, as text: the checks above are not vacuous.
    reports = "".join(p.read_text(encoding="utf-8") for p in pages)
    for marker in ("nlxtitlebold", "nlxoutletbold", "nlxcategorybold", "nlxidbold",
                   "nlxfilebold", "nlxbodybold", "nlxquotebold", "nlxfolderbold", "nlxentity",
                   "nlxh1bold", "nlxkeyterm", "nlxspeaker", "nlxlater"):
        assert marker in reports, marker
    for path in sorted(out.glob("*.ipynb")):
        outputs = [o for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                   for o in c.get("outputs", [])]
        assert not [o for o in outputs if o["output_type"] == "error"
                    or o.get("name") == "stderr"], path.name
        # Prose is escaped HTML: no Markdown renderer ever reads data.
        assert not [o for o in outputs if "text/markdown" in o.get("data", {})], path.name


# -- each rendering helper, fast ------------------------------------------------------------------

HOSTILE = payloads("nlxunit") + heading("nlxunit")


def page_of(fragment: str) -> str:
    return f"<!DOCTYPE html><html><head></head><body>{fragment}</body></html>"


def shown_text(fragment: str) -> str:
    return lxml.html.document_fromstring(page_of(fragment)).text_content()


def test_say_shows_values_as_text_and_keeps_its_own_markdown():
    from newslib.notebook import say

    prose = say("The most-quoted voice is **{voice}** ({words:,} words, {share:.0%}).",
                voice=HOSTILE, words=1234, share=0.5)
    assert violations(page_of(prose.html), "say") == []
    assert " ".join(HOSTILE.split()) in " ".join(shown_text(prose.html).split())  # as text
    assert "<strong>&lt;script&gt;" in prose.html  # the template's bold is still bold
    assert "1,234 words, 50%" in prose.html
    assert prose.text.startswith("The most-quoted voice is **<script>")  # plain text: as given
    assert 'class="newslib-prose tex2jax_ignore"' in prose.html  # MathJax leaves "$" alone


def test_say_composes_and_refuses_a_value_where_markup_would_read_it():
    from newslib.notebook import join, say

    items = join(", ", [say("*{term}* ({count})", term=t, count=n)
                        for t, n in [("war", 3), (HOSTILE, 2)]])
    sentence = say("Frequent: {items}.", items=items) + say(" {rest}", rest="**not bold**")
    assert violations(page_of(sentence.html), "join") == []
    assert sentence.html.count("<em>") == 2 and "<strong>" not in sentence.html
    assert sentence.text == f"Frequent: *war* (3), *{HOSTILE}* (2). **not bold**"
    with pytest.raises(ValueError, match="link, an image or an attribute"):
        _ = say("[see]({url})", url="http://example.invalid/").html
    with pytest.raises(TypeError):
        _ = say("a") + "<b>a string could hold data</b>"
    # A value cannot forge the place of another value.
    forged = say("{a} {b}", a="\ue0001\ue001", b="<b>x</b>")
    assert "<b>" not in forged.html and forged.text.count("<b>x</b>") == 1


def test_show_escapes_cells_of_every_kind_and_column_names():
    import pandas as pd

    from newslib.notebook import say, show

    class Odd:
        def __str__(self) -> str:
            return "<img src=x onerror=nlxobject()>"

    table = pd.DataFrame({
        HOSTILE: [HOSTILE, "plain"],
        "as str": pd.Series([HOSTILE, "b"], dtype="str"),
        "category": pd.Series([HOSTILE, "b"], dtype="category"),
        "list": [[HOSTILE, "x"], []],
        "object": [Odd(), 3],
        "number": [1.5, 2.0],
    })
    html = show(table, "none").to_html()
    assert violations(page_of(html), "show") == []
    assert shown_text(html).count("nlxunitscript()") == 5  # header and four cells, as text
    assert "nlxobject()" in shown_text(html) and "1.500" in html
    assert 'class="tex2jax_ignore"' in html
    empty = show(table.head(0), say("None of {terms} occurs.", terms=HOSTILE))
    assert violations(page_of(empty.html), "show") == [] and "nlxunitscript()" in empty.text


def test_provenance_shows_the_data_folder_name_as_text(tmp_path):
    from newslib.notebook import provenance

    folder = tmp_path / ("data " + payloads("nlxdir", names=True))
    folder.mkdir()
    (folder / "a.txt").write_text("One sentence.", encoding="utf-8")
    made_with = provenance(folder)
    assert violations(page_of(made_with.html), "provenance") == []
    assert folder.name in shown_text(made_with.html)
    assert "<table>" in made_with.html and "data SHA-256" in made_with.text


def test_kwic_view_and_the_annotated_view_show_the_article_as_text():
    import html

    from newslib import usage
    from newslib.annotate import annotate
    from newslib.notebook import kwic_view, show
    from tests.conftest import article

    text = (f"Grain exports resumed {HOSTILE}, officials said.\n\n\"The port is open "
            f"{payloads('nlxquote')} </textarea></table><h1>,\" said Ms Ann Smith.\n\n"
            "Grain prices fell.")
    hostile = article(text, id="<img src=x onerror=nlxid()> $\\nlxid{$")
    contexts = kwic_view(usage.kwic(hostile, "grain"), hostile)
    assert violations(page_of(show(contexts, "none").to_html()), "kwic") == []
    view = annotate(hostile)
    assert violations(page_of(view.html), "annotate") == []
    # Nothing lost: the paragraphs show the body, character for character.
    document = lxml.html.fragment_fromstring(view.html)
    shown = [p.text_content().split(" ", 1)[1] for p in document.iter("p")]
    assert shown == [p.text.replace("\n", "") for p in hostile.paragraphs]  # <br> for "\n"
    assert html.escape(hostile.id) in view.html and 'tex2jax_ignore' in view.html


def test_show_bounds_a_table_of_every_row_and_says_how_many():
    import pandas as pd

    from newslib.notebook import MAX_ROWS, show

    table = pd.DataFrame({"sentence": range(50_000), "text": ["x"] * 50_000})
    shown = show(table, "none", rows=None)
    assert len(shown.data) == MAX_ROWS
    assert shown.caption == f"The first {MAX_ROWS} of 50,000 rows."
    assert show(table.head(MAX_ROWS), "none", rows=None).caption == ""  # all fit: no caption
    cut = show(table.head(30), "none", rows=30, total=len(table))  # the caller cut it
    assert cut.caption == "The first 30 of 50,000 rows."


def test_annotated_view_of_a_huge_article_is_bounded_and_says_so():
    from newslib.annotate import annotate
    from tests.conftest import article

    paragraph = "The minister said the plan would work. Critics disagreed."
    huge = article("\n\n".join([paragraph] * 5_000))
    view = annotate(huge, max_characters=10_000)
    shown = lxml.html.fragment_fromstring(view.html)
    paragraphs = [p for p in shown.iter("p") if p.text_content().startswith("¶")]
    assert 150 <= len(paragraphs) <= 180  # about 10,000 characters of 59-character paragraphs
    assert f"of {len(huge.body):,} characters" in view.html and "of 5,000)" in view.html
    # Cut at a sentence's end, and nothing shown is lost.
    assert paragraphs[-1].text_content().endswith(".")
    assert [p.text_content().split(" ", 1)[1] for p in paragraphs] == [
        p.text for p in huge.paragraphs[:len(paragraphs)]]
    whole = annotate(huge, max_characters=None)  # must not fire: everything asked for
    assert "characters</b>" not in whole.html and whole.html.count("¶") == 5_000
