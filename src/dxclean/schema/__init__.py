"""The JSON Schema of documents.jsonl records, shipped with the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def document_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("document.schema.json").read_text(encoding="utf-8"))
