"""Reading articles: the seed format, tables, offsets and clear errors."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest

from newslib import ArticleError, ArticleWarning, parse_text, read_article, read_corpus
from tests.conftest import SHARED_SEED


def test_seed_is_committed_byte_for_byte(seed_path):
    if not SHARED_SEED.exists():
        pytest.skip("../shared is not beside this checkout")
    assert seed_path.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_date_paragraphs_and_id(seed):
    assert seed.id == "000_55b6456ee109d161"
    assert seed.date == dt.date(2022, 9, 21)
    assert len(seed.paragraphs) == 15
    assert seed.paragraphs[0].text.startswith("Vladimir Putin is")
    assert seed.paragraphs[-1].text.endswith("long range fire.")
    assert seed.warnings == []


def test_every_paragraph_maps_back_to_the_file(seed, seed_path):
    raw = seed_path.read_text(encoding="utf-8")
    assert seed.source_text == raw
    for paragraph in seed.paragraphs:
        assert seed.body[paragraph.start:paragraph.end] == paragraph.text
        assert raw[paragraph.source_start:paragraph.source_end] == paragraph.text
    assert seed.body == "\n\n".join(p.text for p in seed.paragraphs)
    # Nothing but the header and paragraph breaks is left out of the paragraphs.
    covered = "".join(p.text for p in seed.paragraphs)
    assert len(raw.replace(" date 2022-09-21 ", "", 1).replace("\n", "")) == len(covered)


def test_bom_crlf_trailing_spaces_and_blank_runs_are_tolerated():
    text = "\ufeff date 2022-09-21 First para.  \r\n\r\n\r\n   \r\nSecond para.\r\nsame para.\r\n\r\n"
    article = parse_text(text, id="x")
    assert article.date == dt.date(2022, 9, 21)
    assert [p.text for p in article.paragraphs] == ["First para.", "Second para.\nsame para."]
    assert article.warnings == []


def test_missing_header_is_a_warning_not_an_error(make_file):
    path = make_file("plain.txt", "Just a paragraph.\n\nAnother one.")
    with pytest.warns(ArticleWarning, match="plain.txt: no ' date YYYY-MM-DD ' header"):
        article = read_article(path)
    assert article.date is None
    assert len(article.paragraphs) == 2


def test_first_word_date_without_a_date_is_body_text():
    article = parse_text("Date palms grow in the desert.", id="x")
    assert article.paragraphs[0].text == "Date palms grow in the desert."
    assert article.date is None


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b" date 2022-02-30 A day that never was.", "date 2022-02-30 in the header does not exist"),
        (b" date 21/09/2022 Wrong order.", "not in YYYY-MM-DD form"),
        (b"caf\xe9 latin-1 text", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b" date 2022-09-21 ", "no text after the date header"),
    ],
)
def test_unusable_files_raise_one_line_errors_naming_the_file(make_file, content, problem):
    path = make_file("bad.txt", content)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(str(path) + ": ")
    assert problem in message
    assert "\n" not in message


def test_oversized_file_is_refused_before_reading(make_file):
    path = make_file("huge.txt", " date 2022-09-21 " + "word " * 20)
    with pytest.raises(ArticleError, match=r"over the 0 MB limit"):
        read_article(path, max_bytes=50)


def test_csv_and_jsonl_tables(make_file, seed):
    csv_path = make_file(
        "table.csv",
        'id,date,title,text\n'
        'a1,2022-09-21,First,"Para one.\n\nPara two."\n'
        'a2,,Second,No date here.\n',
    )
    jsonl_path = make_file(
        "table.jsonl",
        json.dumps({"text": seed.body, "date": "2022-09-21", "url": "http://example.org"}) + "\n"
        + "not json\n",
    )
    corpus = read_corpus([csv_path, jsonl_path], on_error="collect")
    assert [a.id for a in corpus] == ["a1", "a2", "table-1"]
    assert corpus[0].date == dt.date(2022, 9, 21) and len(corpus[0].paragraphs) == 2
    assert corpus[0].meta["title"] == "First"
    assert corpus[1].date is None
    assert corpus[2].body == seed.body
    assert [str(e) for e in corpus.errors] == [f"{jsonl_path}:line 2: not valid JSON (Expecting value)"]


def test_csv_without_text_column(make_file):
    path = make_file("t.csv", "id,body\n1,hello\n")
    with pytest.raises(ArticleError, match=r"no 'text' column \(columns found: id, body\)"):
        read_corpus(path, on_error="raise")


def test_folder_with_good_and_bad_files_reads_good_and_reports_all_bad(make_file):
    make_file("corpus/a.txt", " date 2022-09-21 Good one.")
    make_file("corpus/b.txt", b"")
    make_file("corpus/c.txt", " date 2022-13-01 Bad month.")
    make_file("corpus/d.txt", " date 2022-09-22 Good two.")
    make_file("corpus/notes.md", "ignored: not an article suffix")
    folder = make_file("corpus/a.txt", " date 2022-09-21 Good one.").parent
    with pytest.warns(ArticleWarning, match="2 input"):
        corpus = read_corpus(folder)
    assert [a.id for a in corpus] == ["a", "d"]
    assert sorted(e.source.rsplit("/", 1)[-1] for e in corpus.errors) == ["b.txt", "c.txt"]


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="folder has no articles"):
        read_corpus(tmp_path, on_error="raise")


# -- The date line's text is the first paragraph, whatever it ends with -------------------------

@pytest.mark.parametrize("first", [
    "Will Putin escalate the war?",                 # a question
    "Mobilise now!",                                # an exclamation
    "The minister resigned.\u200b",                 # a zero-width space after the full stop
    "The minister resigned\u200d",                  # a zero-width joiner, no full stop
    "Casualties: 1,200 (est.) +5% #",               # digits and symbols
    "Talks go on…",                                 # an ellipsis
    "Kyiv 'holds'",                                 # a headline-like line
])
def test_text_on_the_date_line_is_the_first_paragraph(make_file, first):
    path = make_file("dated.txt", f" date 2022-09-21 {first}\n\nThe second paragraph.")
    article = read_article(path)
    assert [p.text for p in article.paragraphs] == [first, "The second paragraph."]
    assert "title" not in article.meta and article.title == ""


def test_date_line_alone_then_a_short_line_is_still_a_paragraph(make_file):
    path = make_file("dated.txt", " date 2022-09-21\nWill Putin escalate?\n\nMore text.")
    assert [p.text for p in read_article(path).paragraphs] == ["Will Putin escalate?",
                                                                "More text."]


@pytest.mark.parametrize("first, is_title", [
    ("Will Putin escalate the war?", True),
    ("Kyiv 'holds' as talks stall", True),
    ("The minister resigned.\u200b", False),        # ends with a full stop behind a ZWSP
    ("The minister resigned.\u2060”", False),       # word joiner and a closing quote
])
def test_headline_rule_still_applies_without_a_date_line(make_file, first, is_title):
    path = make_file("undated.txt", f"{first}\n\nThe body paragraph.")
    with pytest.warns(ArticleWarning, match="no ' date YYYY-MM-DD ' header"):
        article = read_article(path)
    if is_title:
        assert article.title == first and [p.text for p in article.paragraphs] == [
            "The body paragraph."]
    else:
        assert article.title == "" and article.paragraphs[0].text == first


# -- Columns: kept as given, never passing for newslib's own fields -----------------------------

def test_source_and_outlet_are_both_kept_and_outlet_names_the_publisher(make_file):
    path = make_file("t.csv", "id,outlet,source,text\n"
                              "a,The Guardian,Reuters,Agency copy.\n"
                              "b,,BBC,Only a source.\n"
                              "c,Le Monde,,Only an outlet.\n")
    a, b, c = read_corpus(path, on_error="raise")
    assert a.meta["outlet"] == "The Guardian" and a.meta["source"] == "Reuters"
    assert [x.outlet for x in (a, b, c)] == ["The Guardian", "BBC", "Le Monde"]


def test_a_headline_offset_is_an_attribute_and_a_column_of_that_name_is_data(make_file):
    with pytest.warns(ArticleWarning, match="header"):
        headline = read_article(make_file("h.txt", "Talks stall\n\nThe talks stalled."))
    assert headline.title == "Talks stall" and headline.title_offset == 0
    assert "title_offset" not in headline.meta  # would show as a column in notebook 5
    path = make_file("t.jsonl", json.dumps({"id": "r", "text": "Body.", "title": "T",
                                            "title_offset": 7, "path": "/elsewhere.txt",
                                            "source_text": "other"}) + "\n")
    (row,) = read_corpus(path, on_error="raise")
    assert row.title_offset is None and row.path.endswith("t.jsonl:line 1")
    assert row.source_text == "Body." and row.title == "T"
    assert row.meta == {"title": "T", "title_offset": 7, "path": "/elsewhere.txt",
                        "source_text": "other"}


def test_fields_named_like_id_or_date_but_not_exactly_are_flagged(make_file):
    path = make_file("t.jsonl", "".join(json.dumps(r) + "\n" for r in [
        {"ID": "x1", "Date": "2022-09-21", "text": "Words."},
        {"id": "x2", "date": "2022-09-21", "text": "Words.", "Date": "ignored"},
        {"Text": "No text key."},
    ]))
    corpus = read_corpus(path, on_error="collect")
    first, second = corpus
    assert first.id == "t-1" and first.date is None and first.meta["ID"] == "x1"
    assert "'ID' is not read as the article's id (field names are case-sensitive: 'id'); " \
           "kept as metadata" in first.warnings
    assert "'Date' is not read as the article's date (field names are case-sensitive: " \
           "'date'); kept as metadata" in first.warnings
    assert second.id == "x2" and second.warnings == []  # the exact fields are there
    assert [e.problem for e in corpus.errors] == [
        "JSON object has no 'text' key ('Text' is not it: keys are case-sensitive)"]
    csv_path = make_file("t.csv", "text, ID \nWords.,y\n")
    (row,) = read_corpus(csv_path, on_error="raise")
    assert row.meta == {"ID": "y"} and any(w.startswith("'ID' is not read") for w in row.warnings)


def test_a_list_or_object_in_any_field_is_reported_not_dropped_silently(make_file):
    path = make_file("t.jsonl", json.dumps({"text": "Words.", "tags": ["war", "aid"],
                                            "extra": {"a": 1}, "note": None}) + "\n")
    (row,) = read_corpus(path, on_error="raise")
    assert "tags" not in row.meta and "note" not in row.meta
    assert "'tags' is a list, not a string or a number; ignored" in row.warnings
    assert "'extra' is an object, not a string or a number; ignored" in row.warnings


# -- Unicode: NFD input reads as NFC, every offset traceable to the original characters ---------

ACCENTED = (' date 2022-09-21 José Núñez, the mayor of Łódź, said: "We will rebuild Café Zoë '
            'and the crèche." Núñez added that it was hard.\n\n'
            '"It is a señal," said Zoë Ångström. Mr Dvořák disagreed.')


def traced_back(article, start: int, end: int, *, within: str = "body") -> str:
    """The original characters of a span, normalised again: must give the span's text."""
    from newslib.normal_form import normalise_text

    a, b = article.original_span(start, end, within=within)
    text = article.original_text[a:b]
    return normalise_text(text)[0] if a == 0 else normalise_text(" " + text)[0][1:]


def test_nfd_file_reads_like_nfc_and_every_unit_maps_back_to_its_characters(make_file, seed):
    from newslib import quotes

    nfc_text = ACCENTED + "\n\n" + "\n\n".join(p.text for p in seed.paragraphs)
    nfd_text = unicodedata.normalize("NFD", nfc_text)
    assert nfd_text != nfc_text
    raw = ("\ufeff" + nfd_text.replace("\n", "\r\n")).encode("utf-8")  # BOM, CRLF, NFD
    nfc = parse_text(nfc_text, id="x")
    nfd = read_article(make_file("nfd.txt", raw))
    # The same article: same body, paragraphs, sentences, tokens, speakers and counts.
    assert nfd.body == nfc.body and nfd.warnings == [] and nfd.date == nfc.date
    assert [t.text for t in nfd.tokens] == [t.text for t in nfc.tokens]
    assert quotes(nfd)["speaker"].tolist() == quotes(nfc)["speaker"].tolist()
    assert quotes(nfd)["speaker"].tolist()[:2] == ["José Núñez", "Zoë Ångström"]
    # The original is the file's characters, exactly.
    assert nfd.original_text.encode("utf-8") == raw and nfd.source_text != nfd.original_text
    for paragraph in nfd.paragraphs:
        assert traced_back(nfd, paragraph.start, paragraph.end) == paragraph.text
    for sentence in nfd.sentences:
        assert traced_back(nfd, sentence.start, sentence.end) == sentence.text
    for token in nfd.tokens:
        assert traced_back(nfd, token.start, token.end) == token.text
    for row in quotes(nfd, nested=True).itertuples():
        for start, end in row.spans:
            assert traced_back(nfd, start, end) == nfd.body[start:end]
    # And to the right characters, not merely equal ones: the name's decomposed letters.
    name = next(t for t in nfd.tokens if t.text == "Núñez")
    a, b = nfd.original_span(name.start, name.end)
    assert nfd.original_text[a:b] == "Nu\u0301n\u0303ez"
    assert a == nfd.original_text.index("Nu\u0301n\u0303ez")


def test_nfc_file_carries_no_map_and_spans_are_the_source_offsets(seed):
    assert seed.offset_map is None and seed.original_text is seed.source_text
    paragraph = seed.paragraphs[3]
    assert seed.original_span(paragraph.start, paragraph.end) == (paragraph.source_start,
                                                                  paragraph.source_end)
    with pytest.raises(ValueError, match="not inside the body text"):
        seed.original_span(0, len(seed.body) + 1)


def test_a_span_across_a_paragraph_break_takes_what_separated_the_paragraphs():
    article = parse_text(" date 2022-09-21 Cafe\u0301 one.\r\n \r\n\r\nTwo.", id="x")
    assert article.body == "Café one.\n\nTwo."
    a, b = article.original_span(0, len(article.body))
    assert article.original_text[a:b] == "Cafe\u0301 one.\r\n \r\n\r\nTwo."
    # The body's blank line stands for the whole separator: a span in it takes all of it.
    assert article.original_span(10, 10) == (a + 10, len(article.original_text) - 4)
    assert article.original_span(9, 11) == (a + 10, len(article.original_text) - 4)
    assert article.original_span(10, 15) == (a + 10, len(article.original_text))


def test_nfd_headline_maps_back_through_its_offset(make_file):
    raw = unicodedata.normalize("NFD", "Pérez 'wins' in Córdoba\n\nThe count ended.")
    with pytest.warns(ArticleWarning, match="header"):
        article = read_article(make_file("h.txt", raw))
    assert article.title == "Pérez 'wins' in Córdoba"
    start = article.title_offset
    a, b = article.original_span(start, start + len(article.title), within="source")
    assert article.original_text[a:b] == raw.split("\n")[0]


def test_table_text_ids_titles_and_columns_are_put_in_nfc(make_file):
    row = {"id": "Jose\u0301-1", "text": "Nu\u0301n\u0303ez said it.", "title": "Me\u0301xico",
           "outlet": "El Pai\u0301s", "category": "pol\u00edtica", "secci\u00f3n": "A",
           "seccio\u0301n": "B"}
    path = make_file("t.jsonl", json.dumps(row) + "\n")
    (article,) = read_corpus(path, on_error="raise")
    assert article.id == "José-1" and article.body == "Núñez said it."
    assert article.title == "México" and article.outlet == "El País"
    assert article.meta["sección"] == "A"  # two names that are one in NFC: the first kept
    assert "are the same name once Unicode is normalised (NFC); the first is kept" in \
        article.warnings[-1]
    assert article.original_text == row["text"]
    csv_path = make_file("t.csv", "id,text\nJose\u0301,Cafe\u0301.\n")
    (from_csv,) = read_corpus(csv_path, on_error="raise")
    assert (from_csv.id, from_csv.body) == ("José", "Café.")


def test_nfc_and_nfd_file_names_are_one_id_made_unique(tmp_path):
    for name in ("Jos\u00e9.txt", "Jose\u0301.txt"):
        (tmp_path / name).write_text(" date 2022-09-21 Words.", encoding="utf-8")
    ids = sorted(a.id for a in read_corpus(tmp_path, on_error="raise"))
    assert ids == ["José", "José~2"]


def test_paragraph_at_finds_the_paragraph_or_the_next_one_after_a_break():
    article = parse_text(" date 2022-09-21 One.\n\nTwo two.\n\nThree.", id="x")
    assert [article.paragraph_at(offset) for offset in (0, 3, 4, 5, 6, 13, 14, 16, 21, 99)] == [
        0, 0, 1, 1, 1, 1, 2, 2, 2, 2]
