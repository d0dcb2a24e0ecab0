"""Encoding repair: bytes -> text, and broken text -> correct NFC Unicode."""

from .decode import DecodedBytes, DecodeError, decode_bytes

__all__ = ["DecodedBytes", "DecodeError", "decode_bytes"]
