"""Invisible debris: characters that render as nothing (or as a plain space) but break matching.

>>> clear_debris("\\ufeffTh\\u200bủ\\xa0tướng\\r\\n")
('Thủ tướng\\n', ('invisible', 'newlines', 'spaces'))
"""

from __future__ import annotations

import re

# Zero-width characters, soft hyphen, word joiner, BOM, Mongolian vowel separator,
# bidi marks and embeddings/isolates (scraped text has them without meaning).
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# C0 controls other than tab and newline, DEL and C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_ANY = re.compile(
    "[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\r\u2028\u2029\x0b\x0c\x85"
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
)


def has_debris(text: str) -> bool:
    return _ANY.search(text) is not None


def clear_debris(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove or normalise the debris; return the text and the kinds found (sorted)."""
    if not has_debris(text):
        return text, ()
    kinds = []
    for kind, pattern, replacement in (
        ("newlines", _NEWLINES, "\n"),
        ("invisible", _INVISIBLE, ""),
        ("spaces", _ODD_SPACES, " "),
        ("controls", _CONTROLS, ""),
    ):
        text, count = pattern.subn(replacement, text)
        if count:
            kinds.append(kind)
    return text, tuple(sorted(kinds))
