"""Step names → step classes. ``dxclean steps`` lists this table.

Classes are imported lazily by dotted path so that listing steps or running a
pipeline without, say, ``dedup`` never imports numpy or datasketch.
"""

from __future__ import annotations

import importlib

from .base import Step

#: name -> "module:Class". Order is the order ``dxclean steps`` prints, and the only order
#: in which registered steps may run (``--steps`` may leave some out, not reorder them).
STEP_PATHS: dict[str, str] = {
    "encoding": "dxclean.steps.encoding:RepairEncoding",
    "chrome": "dxclean.steps.chrome:LabelChrome",
    "templates": "dxclean.steps.templates:LabelTemplateLines",
    "metadata": "dxclean.steps.metadata:ExtractMetadata",
    "dedup": "dxclean.steps.dedup:Deduplicate",
    "filter": "dxclean.steps.filter:FilterDocuments",
}


class UnknownStep(ValueError):
    """A step name that is not registered or cannot be loaded."""

    pass


def step_class(name: str) -> type[Step]:
    """The class of step ``name``: a registered name, or ``package.module:Class``.

    The second form runs a step of your own without registering it
    (``--steps encoding,mypackage.steps:MyStep``).
    """
    path = STEP_PATHS.get(name, name if ":" in name else None)
    if path is None:
        raise UnknownStep(f"unknown step {name!r}; known steps: {', '.join(STEP_PATHS)}")
    module, _, cls = path.partition(":")
    try:
        found = getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError) as exc:
        raise UnknownStep(f"cannot load step {name!r}: {exc}") from exc
    if not (isinstance(found, type) and issubclass(found, Step)):
        raise UnknownStep(f"{name!r} is not a dxclean step class")
    return found


def available_steps() -> dict[str, type[Step]]:
    return {name: step_class(name) for name in STEP_PATHS}
