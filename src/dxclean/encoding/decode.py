"""Raw bytes -> text: BOM, declared charset, UTF-8 validity, then a reasoned fallback.

The order is the browsers' (WHATWG): a byte-order mark wins; then, since valid
UTF-8 is almost never an accident, UTF-8; then the charset the document declares
(``<meta charset>``, ``http-equiv``, ``<?xml encoding?>``) or the caller was told
(``declared=``, e.g. an HTTP header); then Windows-1252, which reads every byte.
That last reading is deliberate: TCVN3, VNI and Windows-1258 text read that way
is exactly what the text-level repair (:mod:`.repair`) recognises and decodes.
Input that is not text at all raises :class:`DecodeError` with the reason.

>>> decode_bytes("Thủ tướng".encode()).text
'Thủ tướng'
>>> decode_bytes(b'<meta charset="windows-1258"><p>Thu\\xd2</p>').text[-10:]
'<p>Thủ</p>'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from .legacy import tcvn3_decode
from .tables import CP1252


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
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# Labels that mean Windows-1252 on the web (WHATWG), where Python would be stricter.
_WINDOWS_1252 = {"latin-1", "iso8859-1", "ascii", "cp1252"}
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any.

    >>> declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>')
    'ISO-8859-1'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    'utf-8'
    """
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec(label: str) -> str | None:
    if "tcvn" in label.lower():  # no Python codec; TCVN 5712 (VN1 and VN3) tables of our own
        return "tcvn3"
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _decode_cp1252(data: bytes) -> str:
    return "".join([CP1252[b] for b in data])


def _decode_with(data: bytes, name: str) -> str:
    if name in _WINDOWS_1252:
        return _decode_cp1252(data)
    if name == "tcvn3":
        return tcvn3_decode(_decode_cp1252(data))  # bytes 0x80-0x9F: VN1 capitals or VN3 punctuation
    text = data.decode(name)
    # Windows-1258 keeps tone marks as combining characters: compose them.
    return unicodedata.normalize("NFC", text) if name == "cp1258" else text


def decode_bytes(data: bytes, *, declared: str | None = None) -> DecodedBytes:
    """Decode ``data``; raise :class:`DecodeError` for binary or undecodable input.

    ``declared`` is a charset the caller knows from outside (an HTTP header).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedBytes(data.decode(name), name, ("bom",))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name} byte-order mark but invalid {name}: {exc.reason}") from exc
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return _decode_utf16_without_bom(data)
    notes: list[str] = []
    label = declared or declared_charset(data)
    name = _codec(label) if label else None
    if label and name is None:
        notes.append(f"unknown declared charset {label!r} ignored")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if name and name not in ("utf-8", "ascii") and not data.isascii():
            notes.append(f"declared {label} but the bytes are valid UTF-8")
        return DecodedBytes(text, "utf-8", tuple(notes))
    if len(_CONTROL_BYTES.findall(head)) > 0.05 * len(head):
        raise DecodeError("binary data (control bytes) in a text input")
    if name and name != "utf-8":
        try:
            return DecodedBytes(_decode_with(data, name), name, (*notes, f"declared charset {label}"))
        except UnicodeDecodeError as exc:
            notes.append(f"declared {label} but invalid {name} at offset {exc.start}")
    # Mostly UTF-8 with a few broken bytes (a truncated or spliced file): keep the UTF-8.
    invalid = sum(1 for _ in re.finditer(rb"[\x80-\xff]+", data)) if data else 0
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    if invalid and bad <= max(1, invalid // 100):
        where = f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
        note = f"invalid UTF-8 ({bad} sequence(s), first {where}) replaced"
        return DecodedBytes(replaced, "utf-8", (*notes, note))
    return DecodedBytes(
        _decode_cp1252(data),
        "windows-1252",
        (*notes, "not UTF-8: read as windows-1252 (legacy Vietnamese encodings are repaired as text)"),
    )


def _decode_utf16_without_bom(data: bytes) -> DecodedBytes:
    """NUL bytes: UTF-16 without a byte-order mark if they sit in every other byte, else binary."""
    head = data[:_SNIFF_BYTES]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for name, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 * (len(head) // 2) and other <= 0.05 * (len(head) // 2):
            try:
                return DecodedBytes(data.decode(name), name, ("UTF-16 without byte-order mark",))
            except UnicodeDecodeError:
                break
    raise DecodeError("binary data (NUL bytes) in a text input")
