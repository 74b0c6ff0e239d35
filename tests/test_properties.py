"""Properties that hold for any text: parsing raises only ArticleError (one line), paragraphs
join back into the body, and every paragraph, sentence, token and quotation offset slices the
body back to its text, with nothing but whitespace left outside sentences."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslib import ArticleError, parse_text, quotes

# Pieces that exercise the tricky paths: quote marks of every kind, apostrophes, titles,
# acronyms, numbers, headers, blank lines, Windows line ends, a byte-order mark.
PIECES = st.sampled_from([
    "a", "Bc", "word", " ", "  ", "\n", "\n\n", "\r\n", "\t", ".", ",", ";", ":", "!", "?", "…",
    '"', "“", "”", "‘", "’", "'", "«", "»", "—", "-", "(", ")", "Mr ", "Mr. ", "U.K.", "300,000",
    "Putin's", "it’s", "rebels’ ", "said ", "he said", "She added: ", " date 2022-09-21 ",
    "date 2022-02-30 ", "\ufeff", "The ", "A ", "x\u00a0y",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=80).map("".join), st.text(max_size=300))

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    try:
        article = parse_text(text, id="h", source="h.txt")
    except ArticleError as error:
        message = str(error)
        assert message.startswith("h.txt: ") and "\n" not in message
        return
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
        assert row.text == "\n\n".join(body[s:e] for s, e in row.spans)
        assert row.start <= row.end


@SETTINGS
@given(TEXTS)
def test_any_text_parses_or_fails_with_one_line(text):
    check(text)


@SETTINGS
@given(TEXTS)
def test_any_text_after_a_valid_header(text):
    check(" date 2022-09-21 " + text)
