"""Encoding repair: bytes -> text, and broken text -> correct NFC Unicode."""

from .decode import DecodedBytes, DecodeError, decode_bytes
from .fast_path import strip_line
from .repair import RepairResult, fix_text, repair_text, repair_texts

__all__ = [
    "DecodedBytes",
    "DecodeError",
    "RepairResult",
    "decode_bytes",
    "fix_text",
    "repair_text",
    "repair_texts",
    "strip_line",
]
