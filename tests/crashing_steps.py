"""Steps that misbehave on purpose, for the executor's failure-isolation tests."""

from __future__ import annotations

import os

from dxclean.steps.base import DocumentStep


class DieOnMarker(DocumentStep):
    """Kills its worker process on a document containing CRASH-HERE."""

    name = "die-on-marker"
    description = "test step: os._exit on a marked document"

    def process(self, doc, stats):
        if any("CRASH-HERE" in b.text for b in doc.blocks):
            os._exit(3)
        return doc


class RaiseOnMarker(DocumentStep):
    """Raises on a document containing RAISE-HERE."""

    name = "raise-on-marker"
    description = "test step: raises on a marked document"

    def process(self, doc, stats):
        if any("RAISE-HERE" in b.text for b in doc.blocks):
            raise RuntimeError("boom")
        return doc
