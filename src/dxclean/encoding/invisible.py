"""Invisible debris: characters that render as nothing (or as a plain space) but break matching.

>>> clear_debris("\\ufeffTh\\u200bủ\\xa0tướng\\r\\n")
('Thủ tướng\\n', ('invisible', 'newlines', 'spaces'))
"""

from __future__ import annotations

import re
import unicodedata

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


def _joiner(match: re.Match[str]) -> str:
    """A zero-width (non-)joiner between two letters or marks of a script that uses it
    (Devanagari "क्‍या", Persian, emoji sequences) is writing, not debris."""
    ch, text, at = match.group(), match.string, match.start()
    if ch in "\u200c\u200d" and 0 < at < len(text) - 1:
        if _joins(text[at - 1]) and _joins(text[at + 1]):
            return ch
    return ""


def _space(match: re.Match[str]) -> str:
    """An odd space is a plain space, except the ideographic space in CJK text (its own space)."""
    if match.group() == "\u3000" and _CJK.search(match.string):
        return "\u3000"
    return " "


_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def _joins(ch: str) -> bool:
    if ord(ch) < 0x250 or "\u1e00" <= ch <= "\u1eff":  # Latin, and Vietnamese: no joiners
        return False
    return unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "So"


def has_debris(text: str) -> bool:
    return _ANY.search(text) is not None


def clear_debris(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove or normalise the debris; return the text and the kinds found (sorted)."""
    if not has_debris(text):
        return text, ()
    kinds = []
    for kind, pattern, replacement in (
        ("newlines", _NEWLINES, "\n"),
        ("invisible", _INVISIBLE, _joiner),
        ("spaces", _ODD_SPACES, _space),
        ("controls", _CONTROLS, ""),
    ):
        cleared, count = pattern.subn(replacement, text)
        if cleared != text:
            kinds.append(kind)
        text = cleared
    return text, tuple(sorted(kinds))
