"""Decoders for pre-Unicode Vietnamese text that was shown through a Western code page.

Each decoder takes the *shown* text (what a browser or a Latin-1 reader made of
the bytes), recovers the bytes and decodes them with the right table. Characters
that have no byte (text that was Unicode all along, e.g. an emoji or “…” pasted
later) pass through unchanged, so a decoder never fails; whether its output is
better is for :mod:`.detect` to judge.

>>> tcvn3_decode("Thñ t\\xadíng ChÝnh phñ")
'Thủ tướng Chính phủ'
>>> vni_decode("Thuû töôùng")
'Thủ tướng'
>>> cp1258_decode("ThuÒ týõìng")
'Thủ tướng'
"""

from __future__ import annotations

import re
import unicodedata

from .tables import CP1258, SHOWN_BYTE, TCVN3, VNI_LETTERS, VNI_MARKS

_TCVN3_MAP = str.maketrans({ch: TCVN3[b] for ch, b in SHOWN_BYTE.items() if b >= 0x80})
_CP1258_MAP = str.maketrans({ch: CP1258[b] for ch, b in SHOWN_BYTE.items() if b >= 0x80})


def _translate(text: str, table: dict[int, str]) -> str:
    return text.translate(table)


def tcvn3_decode(text: str) -> str:
    """TCVN3 (ABC, .VnTime) bytes shown as Latin-1/cp1252 -> Unicode (case as stored)."""
    return unicodedata.normalize("NFC", _translate(text, _TCVN3_MAP))


def cp1258_decode(text: str) -> str:
    """Windows-1258 bytes (tone marks as combining characters) shown as cp1252 -> Unicode."""
    return unicodedata.normalize("NFC", _translate(text, _CP1258_MAP))


_VOWELS = "aeiouyAEIOUY"


def _takes(vowel: str, marks: str) -> bool:
    """Can ``vowel`` carry ``marks`` (circumflex on a e o, breve on a, tones on any)?"""
    if "\u0302" in marks:
        return vowel in "aeoAEO"
    if "\u0306" in marks:
        return vowel in "aA"
    return True


_VNI_LETTER_MAP = str.maketrans(VNI_LETTERS)
_VNI_MARKED = re.compile(f"([aeiouyAEIOUYơưƠƯ])([{re.escape(''.join(VNI_MARKS))}])")


def _vni_mark(match: re.Match[str]) -> str:
    vowel, mark = match.groups()
    marks = VNI_MARKS[mark]
    return vowel + marks if _takes(vowel, marks) else match.group()


def vni_decode(text: str) -> str:
    """VNI-Windows text shown as cp1252 -> Unicode.

    A mark byte only counts as a mark right after a vowel that can carry it;
    elsewhere it is kept.
    """
    text = text.translate(_VNI_LETTER_MAP)
    text = _VNI_MARKED.sub(_vni_mark, text)
    return unicodedata.normalize("NFC", text)


_WORD = re.compile(r"[^\W\d_]+")
_UPPER_EVIDENCE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂÊÔƠƯĐ")
_LOWER_EVIDENCE = frozenset("abcdefghijklmnopqrstuvwxyzăâêôơưđ")
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+)[\"'“‘(\[]?([^\W\d_])")


def restore_tcvn3_case(text: str) -> str:
    """Put back the capitals TCVN3 cannot store, where the case can be known.

    TCVN3 has toned letters in lower case only; a capital toned letter was typed
    with the same byte in a ``.VnTimeH`` (all-capitals) font. So a word whose
    other letters are all capitals (``CHíNH`` from ``CHÝNH``) is all capitals, a
    line made of such words is all capitals, and a sentence starts with a capital.
    Elsewhere the stored lower case stays.

    >>> restore_tcvn3_case("CHíNH PHủ ra quyết định. ủy ban")
    'CHÍNH PHỦ ra quyết định. Ủy ban'
    """
    words = list(_WORD.finditer(text))
    evidence = []
    for match in words:
        word = match.group()
        upper = sum(map(_UPPER_EVIDENCE.__contains__, word))
        lower = sum(map(_LOWER_EVIDENCE.__contains__, word))
        evidence.append((upper, lower))
    known = [(u, l) for u, l in evidence if u + l >= 2]
    line_in_capitals = bool(known) and sum(1 for u, l in known if l == 0) >= 0.6 * len(known)
    chars = list(text)
    for match, (upper, lower) in zip(words, evidence):
        if lower == 0 and (upper >= 2 or line_in_capitals):
            chars[match.start():match.end()] = match.group().upper()
    for match in _SENTENCE_START.finditer(text):
        index = match.start(1)
        if chars[index] not in _LOWER_EVIDENCE:  # a toned letter: its case was not stored
            chars[index] = chars[index].upper()
    return "".join(chars)
