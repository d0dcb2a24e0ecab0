"""Readers: find inputs (driver side) and turn each into a Document (worker side)."""

from .discover import discover, input_kind
from .jsonl import check_limits
from .load import InputError, load_document, split_lines, split_paragraphs
from .tasks import InputTask

__all__ = ["InputError", "check_limits", "InputTask", "discover", "input_kind", "load_document", "split_lines", "split_paragraphs"]
