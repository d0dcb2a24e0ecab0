"""What a reader hands the executor: one :class:`InputTask` per future document.

Tasks are small and picklable. Discovery (walking folders, splitting JSONL into
records) happens in the driver, in a deterministic order; the expensive part —
decoding, splitting into blocks, the steps — happens in the workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TEXT = "text"
HTML = "html"
RECORD = "record"  # one parsed JSONL record


@dataclass(slots=True)
class InputTask:
    """One input that should become one document (or one errors.jsonl line)."""

    kind: str
    source_path: str  # relative to the input root; for JSONL records "file.jsonl#N"
    doc_id: str
    path: str | None = None  # absolute file path for TEXT and HTML tasks
    record: dict[str, Any] = field(default_factory=dict)  # for RECORD tasks
