"""Properties that hold for any text: parsing raises only ArticleError (one line), paragraphs
join back into the body, and every paragraph, sentence, token and quotation offset slices the
body back to its text, with nothing but whitespace left outside sentences; every such span
maps back to the original characters it came from (NFD accents, CRs, a BOM), and the same
text in NFD and NFC reads as the same article."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslib import ArticleError, iter_articles, parse_text, quotes

# Pieces that exercise the tricky paths: quote marks of every kind, apostrophes, titles,
# acronyms, numbers, headers, blank lines, Windows line ends, a byte-order mark.
PIECES = st.sampled_from([
    "a", "Bc", "word", " ", "  ", "\n", "\n\n", "\r\n", "\t", ".", ",", ";", ":", "!", "?", "…",
    '"', "“", "”", "‘", "’", "'", "«", "»", "—", "-", "(", ")", "Mr ", "Mr. ", "U.K.", "300,000",
    "Putin's", "it’s", "rebels’ ", "said ", "he said", "She added: ", " date 2022-09-21 ",
    "date 2022-02-30 ", "\ufeff", "The ", "A ", "x\u00a0y",
])
# Decomposed accents (NFD), marks NFC reorders, jamo that compose across starters, invisible
# characters, lone CRs, and date lines whose text ends in anything but a full stop.
UNICODE_PIECES = st.sampled_from([
    "e\u0301", "n\u0303", "\u0301", "\u0323", "q\u0301\u0323", "Jose\u0301 ", "Nu\u0301n\u0303ez",
    "\u1100\u1161\u11a8", "\u212b", "A\u030a", "\u0f73", "\u200b", "\u200d", "\u2060", "\u00ad",
    "\ufeff", "\r", " date 2022-09-21 Will it end?", " date 2022-09-21 Stop!\u200b",
    " date 2022-09-21\n", " DATE 2022-09-21 ", " date 2022-09-21 1,200 #", "Date 2 ", "?\n\n",
    "!\n\n",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=80).map("".join), st.text(max_size=300))
UNICODE_TEXTS = st.one_of(st.lists(st.one_of(PIECES, UNICODE_PIECES), max_size=80).map("".join),
                          st.text(max_size=200))

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def check(text: str, *, headline: bool = False):
    try:
        article = parse_text(text, id="h", source="h.txt", headline=headline)
    except ArticleError as error:
        message = str(error)
        assert message.startswith("h.txt: ") and "\n" not in message
        return None
    body = article.body
    assert body == "\n\n".join(p.text for p in article.paragraphs)
    for paragraph in article.paragraphs:
        assert body[paragraph.start:paragraph.end] == paragraph.text
        assert article.source_text[paragraph.source_start:paragraph.source_end] == paragraph.text
        assert paragraph.text and paragraph.text == paragraph.text.strip()
    covered = [False] * len(body)
    for sentence in article.sentences:
        assert body[sentence.start:sentence.end] == sentence.text
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
        covered[sentence.start:sentence.end] = [True] * (sentence.end - sentence.start)
    assert all(c.isspace() for c, inside in zip(body, covered, strict=True) if not inside)
    for token in article.tokens:
        assert body[token.start:token.end] == token.text
    for row in quotes(article, nested=True).itertuples():
        within = article.title if row.in_headline else body  # headline quotes: title offsets
        assert row.text == "\n\n".join(within[s:e] for s, e in row.spans)
        assert row.start <= row.end
    assert_traceable(article)
    return article


def assert_traceable(article) -> None:
    """Every paragraph, sentence, token and quotation span, and the headline, maps back to
    original characters that normalise to exactly the span's text (widened only where the
    span cuts into a changed piece, such as one of two reordered accents)."""
    from newslib.normal_form import normalise_text

    source, original = article.source_text, article.original_text
    changes = article.offset_map.changes if article.offset_map is not None else []
    assert (article.offset_map is None) == (original is source)

    def back(start: int, end: int, within: str) -> str:
        a, b = article.original_span(start, end, within=within)
        assert 0 <= a <= b <= len(original)
        if a == 0:
            return normalise_text(original[a:b])[0]
        return normalise_text(" " + original[a:b])[0][1:]  # a leading BOM there is a character

    def widened(start: int, end: int) -> str:
        start = next((s for s, e, *_ in changes if s < start < e), start)
        end = next((e for s, e, *_ in changes if s < end < e), end)
        return source[start:end]

    def in_source(start: int, end: int) -> tuple[int, int]:
        paragraph = article.paragraphs[article.paragraph_at(start)]
        assert paragraph.start <= start <= end <= paragraph.end
        shift = paragraph.source_start - paragraph.start
        return start + shift, end + shift

    spans = [(p.start, p.end) for p in article.paragraphs]
    spans += [(s.start, s.end) for s in article.sentences]
    spans += [(t.start, t.end) for t in article.tokens]
    rows = list(quotes(article, nested=True).itertuples())
    spans += [span for row in rows if not row.in_headline for span in row.spans
              if span[0] < span[1]]
    for start, end in spans:
        assert back(start, end, "body") == widened(*in_source(start, end))
    if article.title_offset is not None:
        offset = article.title_offset
        assert source[offset:offset + len(article.title)] == article.title
        title_spans = [(0, len(article.title))] + [
            span for row in rows if row.in_headline for span in row.spans]
        for start, end in title_spans:
            assert back(offset + start, offset + end, "source") == widened(offset + start,
                                                                           offset + end)


@SETTINGS
@given(TEXTS)
def test_any_text_parses_or_fails_with_one_line(text):
    check(text)


@SETTINGS
@given(UNICODE_TEXTS)
def test_nfd_zero_width_and_odd_date_lines_keep_offsets_traceable(text):
    check(text, headline=True)
    check(" date 2022-09-21 " + text, headline=True)


def more_than_thirty_marks(text: str) -> bool:
    import re

    return re.search(r"[\u0300-\u036f\u0323\u0f71-\u0f84]{31}", text) is not None


@SETTINGS
@given(UNICODE_TEXTS)
def test_the_same_text_in_nfd_and_nfc_reads_as_the_same_article(text):
    import unicodedata

    from hypothesis import assume

    assume(not more_than_thirty_marks(text))  # there NFC is applied 30 marks at a time
    decomposed = check(unicodedata.normalize("NFD", text), headline=True)
    composed = check(unicodedata.normalize("NFC", text), headline=True)
    assert (decomposed is None) == (composed is None)
    if composed is not None:
        assert decomposed.body == composed.body and decomposed.title == composed.title
        assert decomposed.date == composed.date
        assert [t.text for t in decomposed.tokens] == [t.text for t in composed.tokens]
        assert [s.text for s in decomposed.sentences] == [s.text for s in composed.sentences]


@SETTINGS
@given(TEXTS)
def test_any_text_after_a_valid_header(text):
    check(" date 2022-09-21 " + text)


# -- Tables of any content: every row is an article or that row's one-line error ----------------

# Any code point, lone surrogates and line / paragraph separators included.
ANY_CHARACTER = st.characters(blacklist_categories=())
SEPARATORS = st.sampled_from(["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\r", "\n",
                              "\r\n", "\ud800", "\udfff", '"', ",", "\\", "\x00"])
ANY_TEXT = st.lists(st.one_of(ANY_CHARACTER, SEPARATORS, st.sampled_from(["Words here. ", " "])),
                    max_size=40).map("".join)
DATES = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(),
                  st.sampled_from(["2022-09-21", "2022-02-30", "21/09/2022", "", "2022-09-21T10:00"]),
                  ANY_TEXT, st.lists(st.integers(), max_size=3),
                  st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), ANY_TEXT,
                                     st.floats(allow_nan=False, allow_infinity=False)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(ANY_TEXT, inner, max_size=3)),
                           max_leaves=8)
ROWS = st.fixed_dictionaries(
    {"text": st.one_of(ANY_TEXT, JSON_VALUES)},
    optional={"date": DATES, "id": JSON_VALUES, "title": JSON_VALUES, "source": JSON_VALUES,
              "category": JSON_VALUES},
)
TABLE_SETTINGS = settings(max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])


def read_table(path):
    import os

    errors: list[ArticleError] = []
    articles = list(iter_articles(str(path), errors=errors))
    for error in errors:
        assert "\n" not in str(error) and "\r" not in str(error)
        assert str(error).startswith(f"{path}:")
    for article in articles:
        article.body.encode("utf-8")  # no lone surrogate survives into an article
        article.id.encode("utf-8")
        assert not os.path.isabs(article.path)
    return articles, errors


@TABLE_SETTINGS
@given(rows=st.lists(st.one_of(ROWS, JSON_VALUES), min_size=1, max_size=6),
       ascii_only=st.booleans())
def test_any_jsonl_rows(tmp_path_factory, rows, ascii_only):
    import json

    path = tmp_path_factory.mktemp("jsonl") / "t.jsonl"
    lines = [json.dumps(row, ensure_ascii=ascii_only) for row in rows]
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
    articles, errors = read_table(path)
    # One outcome per row: an article or that row's error (nothing merged, nothing lost).
    assert len(articles) + len(errors) == len(rows)
    assert [a.path.rsplit(":", 1)[1] for a in articles] == [
        f"line {n}" for n in range(1, len(rows) + 1)
        if not any(str(e).startswith(f"{path}:line {n}:") for e in errors)]


@TABLE_SETTINGS
@given(rows=st.lists(st.tuples(ANY_TEXT, ANY_TEXT, ANY_TEXT), min_size=1, max_size=6))
def test_any_csv_rows(tmp_path_factory, rows):
    import csv
    import io

    path = tmp_path_factory.mktemp("csv") / "t.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([("id", "date", "text"), *rows])
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
    try:
        articles, errors = read_table(path)
    except ArticleError as error:  # raised only when errors is None: not here
        raise AssertionError(error) from None
    whole_file = [e for e in errors if str(e).startswith(f"{path}: ")]
    if not whole_file:  # one outcome per row (the writer never writes a blank line)
        assert len(articles) + len(errors) == len(rows)


# -- The cache: random bytes or JSON never break a run, never become a row -----------------------

@TABLE_SETTINGS
@given(data=st.one_of(st.binary(max_size=300), JSON_VALUES.map(
    lambda v: __import__("json").dumps(v).encode("utf-8", "surrogatepass"))))
def test_random_bytes_in_the_cache_are_a_miss(tmp_path_factory, data):
    from newslib.corpus import _Cache

    cache = _Cache(tmp_path_factory.mktemp("cache"))
    key = "ab" + "0" * 62
    path = cache._path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    assert cache.load(key) is None


# -- Linear time: parsing 1 MB of random text costs a bounded multiple of one linear pass ---------

def linear_pass(text: str) -> int:
    """A reference that is linear by construction: look at every character a few times."""
    import re

    return (len(re.findall(r"\S+", text)) + text.count("\n\n") + text.count('"')
            + len(text.encode("utf-8", "surrogatepass")))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])
@given(pieces=st.lists(PIECES, min_size=20, max_size=200))
def test_reading_one_megabyte_costs_a_bounded_multiple_of_a_linear_pass(pieces):
    import time

    chunk = "".join(pieces) or "a"
    text = chunk * (1_000_000 // len(chunk) + 1)

    def cpu(function) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            function()
            best = min(best, time.process_time() - started)
        return max(best, 1e-4)

    reference = cpu(lambda: linear_pass(text))
    try:
        spent = cpu(lambda: parse_text(text, id="big", source="big.txt"))
    except ArticleError:
        return
    # Reading is a few linear passes (regexes, slices, one join): a quadratic step would cost
    # thousands of passes at this size.
    assert spent / reference < 100, (spent, reference)
