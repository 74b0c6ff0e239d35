"""Pipelines: named steps that each build one layer of a document, in dependency order.

A :class:`Step` names the layer it builds, the layers it requires and the function that builds
it (``"module:function"``, imported on first use, so a command that needs only sentences never
imports the tagger or pandas). The function is called as ``build(article, **required)``: it
receives exactly the layers it declares, by name, and nothing else, so its inputs are visible
in its signature and it can be tested alone with hand-made inputs.

A :class:`Pipeline` checks when it is made that every step's requirements come earlier in it
(its order is a valid build order, and there is no cycle). :class:`Layers` is one document's
store: it builds a layer on first request, after the layers it requires, once, and then only
hands the same (immutable) value out.

This follows spaCy's pipeline (``spacy/language.py``: components run in order and declare what
they assign and require); unlike spaCy's, steps run lazily, on first use.
"""

from __future__ import annotations

import importlib
import inspect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["Layers", "Pipeline", "Step", "UnknownLayer", "build_counts"]

#: How many times each layer was built in this process, by layer name: what the test that
#: "each layer is computed once per article" counts. Only ever incremented.
_BUILDS: Counter[str] = Counter()


def build_counts() -> Counter[str]:
    """A copy of the number of times each layer has been built in this process."""
    return Counter(_BUILDS)


@cache
def _resolve(path: str) -> Callable[..., Any]:
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)


class UnknownLayer(KeyError):
    """A layer name that no step of the pipeline builds (a typo, or a layer not registered)."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(name)

    def __str__(self) -> str:
        return f"no layer {self.name!r}; the layers are: {', '.join(self.known)}"


@dataclass(frozen=True)
class Step:
    """One step: builds the layer ``name`` from the article and the layers in ``requires``.

    Parameters
    ----------
    name : str
        The layer the step builds (what it *assigns*, in spaCy's terms).
    build : str
        ``"package.module:function"``; the function takes the article as its first argument
        and each required layer as a keyword argument of the same name.
    requires : tuple of str
        Layers the function needs.
    description : str
        What the layer holds, for ``Pipeline.describe`` and the docs.
    """

    name: str
    build: str
    requires: tuple[str, ...] = ()
    description: str = ""

    def function(self) -> Callable[..., Any]:
        """The build function (imported on first use)."""
        return _resolve(self.build)

    def parameters(self) -> tuple[str, ...]:
        """The keyword parameters of the build function after the article: they must be
        ``requires`` (checked by the tests, so a step cannot read an undeclared layer)."""
        names = list(inspect.signature(self.function()).parameters)
        return tuple(names[1:])


class Pipeline:
    """Steps in a valid build order: every requirement is built by an earlier step.

    Raises
    ------
    ValueError
        A layer built by two steps, or a step requiring a layer that no earlier step builds
        (unknown, later, or itself: a cycle).

    Examples
    --------
    >>> pipeline = Pipeline([Step("words", "str:split"),
    ...                      Step("count", "builtins:len", requires=("words",))])
    >>> pipeline.names
    ('words', 'count')
    >>> Pipeline([Step("count", "builtins:len", requires=("words",))])
    Traceback (most recent call last):
    ...
    ValueError: step 'count' requires 'words', which no earlier step builds
    """

    def __init__(self, steps: Iterable[Step]) -> None:
        self._steps: dict[str, Step] = {}
        for step in steps:
            if step.name in self._steps:
                raise ValueError(f"two steps build the layer {step.name!r}")
            for required in step.requires:
                if required not in self._steps:
                    raise ValueError(f"step {step.name!r} requires {required!r}, which no "
                                     "earlier step builds")
            self._steps[step.name] = step

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self._steps.values())

    def __contains__(self, name: object) -> bool:
        return name in self._steps

    def step(self, name: str) -> Step:
        try:
            return self._steps[name]
        except (KeyError, TypeError):
            raise UnknownLayer(name, self._steps) from None

    def closure(self, name: str) -> tuple[str, ...]:
        """``name`` and every layer it needs, directly or not, in build order."""
        needed = {name}
        for step in reversed(list(self._steps.values())):
            if step.name in needed:
                needed.update(step.requires)
        self.step(name)
        return tuple(n for n in self._steps if n in needed)

    def describe(self) -> list[tuple[str, tuple[str, ...], str, str]]:
        """(layer, requires, built by, description) for each step, in build order."""
        return [(s.name, s.requires, s.build, s.description) for s in self]


class Layers:
    """The layers of one article, each built once, on first use, by its step.

    Values are handed out as they are: layer builders return immutable values (tuples, named
    tuples, frozen dataclasses, read-only mappings), so no copy is needed to keep one caller's
    edit from reaching another.
    """

    __slots__ = ("_article", "_pipeline", "_values")

    def __init__(self, article: Any, pipeline: Pipeline) -> None:
        self._article = article
        self._pipeline = pipeline
        self._values: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        """The layer ``name``, built (with what it requires) if it has not been yet."""
        try:
            return self._values[name]
        except KeyError:
            pass
        except TypeError:  # an unhashable name
            raise UnknownLayer(name, self._pipeline.names) from None
        step = self._pipeline.step(name)
        inputs = {required: self.get(required) for required in step.requires}
        value = step.function()(self._article, **inputs)
        self._values[name] = value
        _BUILDS[name] += 1
        return value

    def built(self) -> tuple[str, ...]:
        """The layers built so far, in build order."""
        return tuple(self._values)

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __repr__(self) -> str:
        return f"<Layers built: {', '.join(self._values) or 'none'}>"
