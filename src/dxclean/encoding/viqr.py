"""VIQR (RFC 1456): Vietnamese written in ASCII with marks after the vowel.

``a( a^ e^ o^ o+ u+`` change the vowel, ``' ` ? ~ .`` add a tone after it,
``dd`` is đ, and a backslash keeps the next character literal (``d\\d``, ``so\\?``).

>>> viqr_decode("Thu? tu+o+'ng Chi'nh phu?")
'Thủ tướng Chính phủ'
>>> viqr_encode("Đó là gì? Ba?")
"DDo' la` gi`? Ba\\\\?"
>>> viqr_decode(viqr_encode("Đó là gì? Ba?"))
'Đó là gì? Ba?'
"""

from __future__ import annotations

import re
import unicodedata

_QUALITY = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
_QUALITY_OF = {v: k for k, v in _QUALITY.items()}
_TONE = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_TONE_OF = {v: k for k, v in _TONE.items()}
_ALLOWED_QUALITY = {"a": "(^", "e": "^", "o": "^+", "u": "+"}
_VOWELS = "aeiouyAEIOUY"
_MARK_CHARS = "(^+'`?~."

_TOKEN = re.compile(
    r"\\(.)"  # escaped literal
    r"|([aeiouyAEIOUY])([(^+]?)(['`?~.]?)"  # vowel [quality] [tone]
    r"|(dd|DD|Dd)",
    re.DOTALL,
)
#: A vowel followed by a VIQR mark, or dd: what makes a block worth decoding.
VIQR_SIGN = re.compile(r"[aeiouyAEIOUY][(^+]|[aeiouyAEIOUY][(^+]?['`?~.]|\bdd|\bD[dD]|\\[(^+'`?~.\\dD]")


def dense_enough(signs: int, words: int) -> bool:
    """Are ``signs`` VIQR marks enough to read a line of ``words`` words as VIQR?
    (English "so?" or "here." is not VIQR.) The one rule for legacy detection and
    for the fast path that skips lines no page-level VIQR verdict could reach.

    >>> dense_enough(4, 4), dense_enough(1, 1), dense_enough(2, 10)
    (True, False, False)
    """
    return signs >= 2 and signs >= 0.3 * words


def _token(match: re.Match[str]) -> str:
    literal, vowel, quality, tone, dd = match.groups()
    if literal is not None:
        return literal
    if dd is not None:
        return "đ" if dd == "dd" else "Đ"
    marks = ""
    rest = ""
    if quality:
        if quality in _ALLOWED_QUALITY.get(vowel.lower(), ""):
            marks += _QUALITY[quality]
        else:  # not a mark this vowel takes: keep both characters as written
            return vowel + quality + tone
    if tone:
        marks += _TONE[tone]
    return unicodedata.normalize("NFC", vowel + marks) + rest


def viqr_decode(text: str) -> str:
    """VIQR -> Unicode (NFC)."""
    return _TOKEN.sub(_token, text)


def viqr_encode(text: str) -> str:
    """Unicode -> VIQR, escaping literal characters a decoder would take for marks."""
    out: list[str] = []
    chars = unicodedata.normalize("NFC", text)
    after_vowel = False  # the last thing written may still take a mark
    split: dict[str, tuple[str, str]] = {}  # character -> (base, marks), computed once
    for index, ch in enumerate(chars):
        following = chars[index + 1] if index + 1 < len(chars) else ""
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            after_vowel = False
            continue
        if ch not in split:
            decomposed = unicodedata.normalize("NFD", ch)
            split[ch] = (decomposed[0], decomposed[1:])
        base, marks = split[ch]
        if base in _VOWELS and all(m in _QUALITY_OF or m in _TONE_OF for m in marks):
            quality = "".join(_QUALITY_OF[m] for m in marks if m in _QUALITY_OF)
            tone = "".join(_TONE_OF[m] for m in marks if m in _TONE_OF)
            out.append(base + quality + tone)
            after_vowel = not tone
            continue
        if ch == "\\" or (after_vowel and ch in _MARK_CHARS):
            out.append("\\" + ch)
        elif ch in "dD" and following in "dDđĐ" and following:
            out.append("\\" + ch)
        else:
            out.append(ch)
        after_vowel = False
    return "".join(out)
