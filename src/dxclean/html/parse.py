"""Bytes -> a lexbor DOM, within limits: gzip guard, binary check, charset, parse.

The charset (byte-order mark, ``<meta charset>`` / ``http-equiv``, UTF-8 validity,
fallback) is decided by :func:`dxclean.encoding.decode_bytes`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from ..encoding import DecodeError, decode_bytes
from ..readers.limited import CorruptInput, InputTooLarge
from ..readers.limited import inflate_limited as _inflate


class HtmlError(ValueError):
    """An HTML input from which no document can be made; the message says why."""


@dataclass(frozen=True)
class DecodedHtml:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


_GZIP_MAGIC = b"\x1f\x8b"
#: Bytes that never occur in text (C0 controls except tab, LF, FF, CR, ESC).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def inflate_limited(data: bytes, *, max_bytes: int) -> bytes:
    """Gunzip ``data`` within ``max_bytes``; a truncated stream gives what it holds.

    >>> import gzip
    >>> inflate_limited(gzip.compress(b"<p>x</p>"), max_bytes=100)
    b'<p>x</p>'
    """
    try:
        inflated = _inflate(data, max_inflated=max_bytes, truncated_ok=True)
    except (InputTooLarge, CorruptInput) as exc:
        raise HtmlError(str(exc)) from exc
    if not inflated:
        raise HtmlError("damaged or truncated gzip data: nothing could be inflated")
    return inflated


def looks_binary(data: bytes) -> bool:
    """True for data no HTML page is made of (many NUL/control bytes at the start).

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR" * 10)
    True
    >>> looks_binary("<p>Xin chào</p>".encode())
    False
    """
    head = data[:8192]
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.01


def decode_html(data: bytes, *, max_bytes: int) -> DecodedHtml:
    """Bytes of a page (maybe still gzipped) -> text, or :class:`HtmlError`.

    The charset (BOM, ``<meta charset>``/``http-equiv``, UTF-8 validity, fallback)
    is :func:`dxclean.encoding.decode_bytes`'s job; this adds gzip and binary guards.
    """
    notes: list[str] = []
    if data.startswith(_GZIP_MAGIC):
        data = inflate_limited(data, max_bytes=max_bytes)
        notes.append("gzip")
    if not data.strip():
        raise HtmlError("empty page")
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not has_bom and looks_binary(data):
        raise HtmlError("binary data, not an HTML page")
    try:
        decoded = decode_bytes(data)
        return DecodedHtml(decoded.text, decoded.encoding, (*notes, *decoded.notes))
    except DecodeError as exc:
        if has_bom:
            raise HtmlError(str(exc)) from exc
        # No usable declaration and not UTF-8: keep what is readable, say so.
        notes.append(f"lossy utf-8 ({exc})")
        return DecodedHtml(data.decode("utf-8", errors="replace"), "utf-8", tuple(notes))


def parse_tree(text: str) -> LexborHTMLParser:
    """Parse with lexbor; NULs are dropped first (they end C strings)."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        return LexborHTMLParser(text)
    except Exception as exc:  # lexbor reports failures as plain exceptions
        raise HtmlError(f"HTML parser failed: {exc}") from exc


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>")
#: Tags that never nest (void) or close themselves implicitly: not depth.
_FLAT_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd option tr td th "
    "tbody thead tfoot colgroup".split()
)


_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")


def estimated_depth(text: str) -> int:
    """An upper bound of the element nesting depth, cheap for ordinary pages.

    lexbor's tree builder is quadratic in nesting depth (50,000 nested ``<div>``
    take tens of seconds), so deep pages are flattened before parsing. A first pass
    counts ``<`` and ``</`` per 16 KB chunk at C speed; only a page that might be
    deep gets the exact pass over its tag names.

    >>> estimated_depth("<div>" * 3 + "<br><p>x" + "</div>" * 3) < 5
    True
    >>> estimated_depth("<div>" * 5000 + "x" + "</div>" * 5000)
    5000
    """
    depth = peak = 0
    for start in range(0, len(text), 1 << 14):
        chunk = text[start : start + (1 << 14)]
        closes = chunk.count("</")
        depth = max(0, depth + chunk.count("<") - 2 * closes)
        peak = max(peak, depth)
    if peak <= 1000:
        return peak
    depth = peak = 0
    for closing, name in _TAG_NAME.findall(text):
        if name.lower() in _FLAT_TAGS:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > peak:
                peak = depth
    return peak


def flatten_deep_nesting(text: str, *, max_depth: int) -> str:
    """Drop start/end tags nested deeper than ``max_depth``; their text stays.

    >>> flatten_deep_nesting("<div><div><div>x</div></div></div>", max_depth=2)
    '<div><div>x</div></div>'
    """
    depth = 0

    def replace(match: re.Match) -> str:
        nonlocal depth
        name = match.group(2).lower()
        if name in _FLAT_TAGS or match.group(3).endswith("/"):
            return match.group(0)
        if match.group(1):
            depth = max(0, depth - 1)
            return match.group(0) if depth < max_depth else ""
        depth += 1
        return match.group(0) if depth <= max_depth else ""

    return _TAG.sub(replace, text)
