"""HTML character references left in text: ``&agrave;``, ``&#7911;``, ``&#x1ee7;``, ``&amp;#7911;``.

Only references that end in ``;`` are read: HTML's legacy rule that also reads
``&copy`` without one would turn ordinary text such as "&copyright" into "©right".

>>> unescape_references("Th&#7911; t&#x01b0;&#x1edb;ng &amp;#273;&agrave;")
'Thủ tướng đà'
>>> unescape_references("AT&T, R&D; x &lt; y")
'AT&T, R&D; x < y'
"""

from __future__ import annotations

import re
from html.entities import html5

_REFERENCE = re.compile(r"&(?:amp;)?(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def _character(match: re.Match[str]) -> str:
    body = match.group(1)
    if body.startswith("#"):
        try:
            code = int(body[2:-1], 16) if body[1] in "xX" else int(body[1:-1])
            if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                return match.group()
            return chr(code)
        except ValueError:
            return match.group()
    # Double-escaped named references (&amp;agrave;) are read too; a bare
    # "&amp;" stays "&amp;"... unless it is itself a reference of plain text.
    return html5.get(body, match.group())


def has_references(text: str) -> bool:
    return "&" in text and _REFERENCE.search(text) is not None


def unescape_references(text: str) -> str:
    """Replace character references (and double-escaped ones) by the characters."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(_character, text)
