"""Step names → step classes. ``dxclean steps`` lists this table.

Classes are imported lazily by dotted path so that listing steps or running a
pipeline without, say, ``dedup`` never imports numpy or datasketch.
"""

from __future__ import annotations

import importlib

from .base import Step

#: name -> "module:Class". Order is the order ``dxclean steps`` prints.
STEP_PATHS: dict[str, str] = {
    "encoding": "dxclean.steps.encoding:RepairEncoding",
    "chrome": "dxclean.steps.chrome:LabelChrome",
    "templates": "dxclean.steps.templates:LabelTemplateLines",
    "metadata": "dxclean.steps.metadata:ExtractMetadata",
    "dedup": "dxclean.steps.dedup:Deduplicate",
}


class UnknownStep(KeyError):
    pass


def step_class(name: str) -> type[Step]:
    try:
        path = STEP_PATHS[name]
    except KeyError:
        raise UnknownStep(
            f"unknown step {name!r}; known steps: {', '.join(STEP_PATHS)}"
        ) from None
    module, _, cls = path.partition(":")
    return getattr(importlib.import_module(module), cls)


def available_steps() -> dict[str, type[Step]]:
    return {name: step_class(name) for name in STEP_PATHS}
