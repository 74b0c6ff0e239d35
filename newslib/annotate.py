"""An annotated view of an article as self-contained HTML (inline styles only, so it renders
the same in JupyterLab and in exported HTML reports).

- each sentence is shaded by its VADER compound score, newslib's primary sentence tone (orange
  negative, purple positive: a colour-blind-safe scale; none where ``tone.label`` says
  neutral), its scores and driving words in the tooltip;
- quoted words are coloured and underlined by speaker;
- evaluative words are bold with a dotted outline, the category in the tooltip;
- a legend names the speakers' colours and the shading.
"""

from __future__ import annotations

from newslib import rhetoric, tone
from newslib.escaping import NO_MATH_CLASS, html_text
from newslib.quotes import speech_quotations

__all__ = ["AnnotatedArticle", "SPEAKER_COLOURS", "annotate"]

#: Colours for speakers in order of first quotation: readable on white and distinct from the
#: orange / purple tone shading.
SPEAKER_COLOURS = ["#1f77b4", "#2ca02c", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
                   "#000080", "#006d5b", "#8b008b"]
#: Tone shading, from ColorBrewer's colour-blind-safe PuOr scale: orange negative, purple positive.
NEGATIVE_RGB = "230,97,1"
POSITIVE_RGB = "94,60,153"


class AnnotatedArticle:
    """HTML for one article; displays itself in a notebook (``_repr_html_``)."""

    def __init__(self, page: str, speakers: dict[str, str], article_id: str = "") -> None:
        self.html = page
        self.speakers = speakers
        self.article_id = article_id

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"AnnotatedArticle({self.article_id!r}, speakers={list(self.speakers)})"

    def save(self, path) -> None:
        """Write a standalone HTML page."""
        from pathlib import Path

        Path(path).write_text(
            f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{self.html}"
            "</body></html>", encoding="utf-8")


def _shade(score: float) -> str:
    if tone.label(score) == "neutral":
        return "transparent"
    strength = min(abs(score), 1.0) * 0.4 + 0.08
    rgb = NEGATIVE_RGB if score < 0 else POSITIVE_RGB
    return f"rgba({rgb},{strength:.2f})"


#: Characters of the body the annotated view shows by default: whole articles of every usual
#: length (a long feature is 30,000), a bounded page for a huge one.
MAX_CHARACTERS = 100_000


def _shown_end(article, max_characters: int | None) -> int:
    """Where the view stops: the body's end, or the end of the last sentence that ends within
    ``max_characters`` (``max_characters`` itself when the first sentence is longer)."""
    length = len(article.body)
    if max_characters is None or length <= max_characters:
        return length
    ends = [s.end for s in article.sentences if s.end <= max_characters]
    return ends[-1] if ends else max_characters


def annotate(article, *, max_characters: int | None = MAX_CHARACTERS) -> AnnotatedArticle:
    """Build the annotated view of an article.

    Parameters
    ----------
    max_characters : int or None
        Show the body up to the last sentence ending within this many characters (default
        :data:`MAX_CHARACTERS`), and say how much is shown; None shows it all. The view's
        size and the memory it takes grow with what is shown, not with the article.

    Examples
    --------
    >>> from newslib.articles import parse_text
    >>> view = annotate(parse_text('Mr Smith said it was "illegal".', id="x", expect_header=False))
    >>> "Mr Smith" in view.html and "illegal" in view.html
    True
    """
    body = article.body
    quotations = speech_quotations(article)
    speakers: dict[str, str] = {}
    for quote in quotations:
        name = quote.speaker or "unattributed"
        if name not in speakers:
            speakers[name] = SPEAKER_COLOURS[len(speakers) % len(SPEAKER_COLOURS)]

    sentence_tone = tone.tone(article, "sentence")
    # Per character shown: sentence index, quotation index, loaded-term index (-1 = none).
    n = _shown_end(article, max_characters)
    sentence_at = [-1] * n
    quote_at = [-1] * n
    loaded_at = [-1] * n

    def mark(marks: list[int], start: int, end: int, index: int) -> None:
        end = min(end, n)
        if start < end:
            marks[start:end] = [index] * (end - start)

    for sentence in article.sentences:
        mark(sentence_at, sentence.start, sentence.end, sentence.index)
    for index, quote in enumerate(quotations):
        for start, end in quote.spans:
            mark(quote_at, start, end, index)
    loaded = rhetoric.loaded_language(article)
    for index, (start, end) in enumerate(zip(loaded["start"], loaded["end"], strict=True)):
        mark(loaded_at, start, end, index)

    def styled(start: int, end: int) -> str:
        text = html_text(body[start:end]).replace("\n", "<br>")
        sentence, quote, term = sentence_at[start], quote_at[start], loaded_at[start]
        styles, titles = [], []
        if sentence >= 0:
            row = sentence_tone.iloc[sentence]
            styles.append(f"background:{_shade(row.vader)}")
            titles.append(f"sentence {sentence + 1}: polarity {row.polarity:+.2f}, "
                          f"subjectivity {row.subjectivity:.2f}, VADER {row.vader:+.2f}"
                          + (f"; drivers: {row.drivers}" if row.drivers else ""))
        if quote >= 0:
            speaker = quotations[quote].speaker or "unattributed"
            styles.append(f"color:{speakers[speaker]};text-decoration:underline;"
                          f"text-decoration-color:{speakers[speaker]}")
            titles.append(f"quoted: {speaker}")
        if term >= 0:
            entry = loaded.iloc[term]
            styles.append("font-weight:bold;outline:1px dotted #444")
            titles.append(f"evaluative ({entry.category}): {entry.term}")
        if not styles:
            return text
        return (f'<span style="{";".join(styles)}" title="{html_text(" | ".join(titles))}">'
                f"{text}</span>")

    paragraphs_html = []
    shown = [p for p in article.paragraphs if p.start < n]
    for paragraph in shown:
        pieces = []
        start, stop = paragraph.start, min(paragraph.end, n)
        for offset in range(paragraph.start + 1, stop + 1):
            if offset == stop or (
                sentence_at[offset], quote_at[offset], loaded_at[offset]) != (
                    sentence_at[start], quote_at[start], loaded_at[start]):
                pieces.append(styled(start, offset))
                start = offset
        paragraphs_html.append(
            f'<p style="margin:0 0 0.8em 0"><span style="color:#999;font-size:0.8em">'
            f"¶{paragraph.index + 1}</span> {''.join(pieces)}</p>")
    if n < len(body):
        paragraphs_html.append(
            '<p style="font-size:0.85em;border-top:1px solid #ccc;padding-top:0.4em">'
            f"<b>Shown: the first {n:,} of {len(body):,} characters</b> (paragraphs 1-"
            f"{len(shown):,} of {len(article.paragraphs):,}). <code>annotate(article, "
            "max_characters=None)</code> shows the whole article; <code>.save(path)</code> "
            "writes it to a page of its own.</p>")

    legend = ["<b>Quoted voices:</b> "] + [
        f'<span style="color:{colour};text-decoration:underline">{html_text(name)}</span>'
        for name, colour in speakers.items()] if speakers else ["<b>No quotations.</b>"]
    legend_html = (
        '<div style="font-size:0.85em;border-bottom:1px solid #ccc;padding-bottom:0.4em;'
        'margin-bottom:0.8em">' + " &nbsp; ".join(legend) + "<br><b>Sentence shading:</b> "
        f'<span style="background:{_shade(-0.6)}">negative</span> '
        f'<span style="background:{_shade(-0.15)}">slightly negative</span> neutral '
        f'<span style="background:{_shade(0.15)}">slightly positive</span> '
        f'<span style="background:{_shade(0.6)}">positive</span> (VADER compound) &nbsp; '
        '<b>Loaded word:</b> <span style="font-weight:bold;outline:1px dotted #444">bold, '
        "outlined</span>. Hover for scores, drivers and categories.</div>")
    header = html_text(f"{article.id} — {article.date or 'date unknown'}")
    page = (  # every string from the article is escaped above (html_text): text, never markup
        f'<div class="newslib-annotated {NO_MATH_CLASS}" style="font-family:Georgia,serif;'
        'line-height:1.6;max-width:48em;color:#222">'
        f'<div style="font-weight:bold;margin-bottom:0.3em">{header}'
        f"</div>{legend_html}{''.join(paragraphs_html)}</div>")
    return AnnotatedArticle(page, speakers, article.id)
