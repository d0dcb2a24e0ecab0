"""Raw bytes -> text: BOM, declared charset, UTF-8 validity, then a reasoned fallback.

(Initial version by the lead; owned by the encoding work.)
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field


class DecodeError(ValueError):
    """The bytes cannot be read as text; the message says why."""


@dataclass(frozen=True)
class DecodedBytes:
    text: str
    encoding: str
    notes: tuple[str, ...] = field(default_factory=tuple)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> DecodedBytes:
    """Decode ``data``; raise :class:`DecodeError` for binary or undecodable input.

    >>> decode_bytes("Thủ tướng".encode()).text
    'Thủ tướng'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedBytes(data.decode(name), name, ("bom",))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name} byte-order mark but invalid {name}: {exc.reason}") from exc
    if b"\x00" in data[:4096]:
        raise DecodeError("binary data (NUL bytes) in a text input")
    try:
        return DecodedBytes(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
