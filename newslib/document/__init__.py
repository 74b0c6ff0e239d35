"""The document model: an article's derived layers, each built once by one pipeline step.

See :mod:`newslib.document.pipeline` for the mechanism and :mod:`newslib.document.steps` for
the article pipeline (which step builds which layer, from what).
"""

from newslib.document.pipeline import Layers, Pipeline, Step, UnknownLayer, build_counts

__all__ = ["Layers", "Pipeline", "Step", "UnknownLayer", "build_counts"]
