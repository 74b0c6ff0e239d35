"""Text from data shown as text, wherever a report shows it.

Articles, their file names, their tables' columns and the parameters of a run come from people
newslib does not know. Wherever such a string is rendered it must stay data: never a tag, an
attribute, a script, a remote image, a Markdown link or heading, or matplotlib mathtext. This
module is the one place that makes it so, for the three ways the reports show text:

- HTML (tables, the annotated view): :func:`html_text`;
- prose: :func:`prose` renders a Markdown *template written by newslib* with *values from data*
  filled in as escaped HTML after the Markdown has been rendered, so no Markdown or HTML
  parser ever reads the data (nbconvert's Markdown renderer passes raw HTML through, and
  backslash escapes differ between Markdown renderers);
- figures: :func:`figure_text` (a ``$`` would start mathtext: a formula, or an error and a
  missing figure).

HTML made here carries the class ``tex2jax_ignore``, so MathJax (JupyterLab typesets HTML
outputs) leaves a ``$`` in the data alone.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable

__all__ = ["NO_MATH_CLASS", "Prose", "figure_text", "html_text", "join", "prose"]

#: The class MathJax (in JupyterLab and classic Jupyter) skips: "$" in data stays a "$".
NO_MATH_CLASS = "tex2jax_ignore"

# A value's place in a template while the Markdown is rendered: private-use characters, which
# no Markdown renderer treats as syntax and which are removed from values (so a value cannot
# forge a place).
_OPEN, _CLOSE = "\ue000", "\ue001"
_SLOT_RE = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_TAG_RE = re.compile(r"<[^>]*>")
_FORMATTER = string.Formatter()


def html_text(value: object) -> str:
    """``value`` as HTML text: ``&``, ``<``, ``>``, ``"`` and ``'`` escaped, so it can be
    placed between tags or in a quoted attribute and is only ever read as characters.

    Examples
    --------
    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def figure_text(value: object) -> str:
    """``value`` as matplotlib text that is never read as mathtext: every ``$`` escaped
    (matplotlib shows ``\\$`` as ``$``), so an id such as ``$x^2$`` or ``$\\bad{$`` is drawn as
    written instead of as a formula or a parse error. Apply it once, to the text as given.

    Examples
    --------
    >>> figure_text("cost $5 or $6")
    'cost \\\\$5 or \\\\$6'
    """
    return str(value).replace("$", "\\$")


def _clean(text: str) -> str:
    return text.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")


class Prose:
    """A sentence or paragraph of a report: newslib's Markdown with values from data in it.

    Displays as HTML in notebooks and reports (``_repr_html_``) and as plain text elsewhere
    (``repr``, and ``text/plain`` in a notebook: the Markdown with the values as given).
    Prose objects join with ``+`` and :func:`join`; a string cannot be added, since it could
    hold data (pass it as a value of :func:`prose`).
    """

    def __init__(self, markdown: str, values: tuple[str, ...]) -> None:
        self._markdown = markdown  # template text; value i stands at _OPEN i _CLOSE
        self._values = values

    def _shifted(self, by: int) -> str:
        return _SLOT_RE.sub(lambda m: f"{_OPEN}{int(m.group(1)) + by}{_CLOSE}", self._markdown)

    def __add__(self, other: Prose) -> Prose:
        if not isinstance(other, Prose):
            return NotImplemented
        return Prose(self._markdown + other._shifted(len(self._values)),
                     self._values + other._values)

    @property
    def text(self) -> str:
        """The Markdown with each value as given (what ``repr`` shows)."""
        return _SLOT_RE.sub(lambda m: self._values[int(m.group(1))], self._markdown)

    @property
    def data(self) -> str:
        """The same as :attr:`text` (the name IPython's ``Markdown`` gives its text)."""
        return self.text

    @property
    def html(self) -> str:
        """The Markdown rendered as HTML, each value escaped (:func:`html_text`) where it
        stands, in a ``div`` MathJax skips."""
        import mistune

        rendered = mistune.create_markdown(escape=True, plugins=["table"])(self._markdown)
        for tag in _TAG_RE.findall(rendered):
            if _OPEN in tag or "%EE%80%80" in tag:
                raise ValueError("a value of a prose template cannot be a link, an image or an "
                                 f"attribute (it is shown as text only): {tag[:80]!r}")
        placed = _SLOT_RE.sub(lambda m: html_text(self._values[int(m.group(1))]), rendered)
        return f'<div class="newslib-prose {NO_MATH_CLASS}">{placed}</div>'

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Prose) and (self._markdown, self._values) == (
            other._markdown, other._values)

    __hash__ = None  # type: ignore[assignment]


def prose(template: str, /, **values: object) -> Prose:
    """Prose from a Markdown ``template`` of newslib's and ``values`` from data.

    ``template`` uses :meth:`str.format` fields (``{name}``, ``{name:.2f}``, ``{row.words}``,
    ``{{`` for a brace); each field's value is formatted, then shown as text: whatever
    Markdown or HTML it holds is displayed, not interpreted. A value that is itself
    :class:`Prose` is placed with its own (newslib's) Markdown. Write data only as values,
    never into the template (no f-string with data in it).

    Raises
    ------
    KeyError
        When the template names a value not given.
    ValueError
        When a field is in a link, an image or an attribute (values are text only).

    Examples
    --------
    >>> p = prose("Said by **{name}**.", name="<b>Ann</b> *Smith*")
    >>> p.text
    'Said by **<b>Ann</b> *Smith***.'
    >>> print(p.html)
    <div class="newslib-prose tex2jax_ignore"><p>Said by <strong>&lt;b&gt;Ann&lt;/b&gt; *Smith*</strong>.</p>
    </div>
    """
    pieces: list[str] = []
    filled: list[str] = []
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        pieces.append(_clean(literal))
        if field is None:
            continue
        value, _ = _FORMATTER.get_field(field, (), values)
        value = _FORMATTER.convert_field(value, conversion)
        if isinstance(value, Prose):
            if spec:
                raise ValueError(f"{{{field}}} is prose: it takes no format specification")
            pieces.append(value._shifted(len(filled)))
            filled.extend(value._values)
        else:
            pieces.append(f"{_OPEN}{len(filled)}{_CLOSE}")
            filled.append(_clean(format(value, spec)))
    return Prose("".join(pieces), tuple(filled))


def join(separator: str, items: Iterable[Prose]) -> Prose:
    """The ``items`` one after another with ``separator`` (newslib's Markdown) between them.

    Examples
    --------
    >>> join(", ", [prose("*{t}*", t=t) for t in ["war", "<i>peace</i>"]]).text
    '*war*, *<i>peace</i>*'
    """
    result = prose("")
    for index, item in enumerate(items):
        result = result + (prose(separator) + item if index else item)
    return result
