"""UTF-8 mojibake that ftfy leaves: Windows-1258 readings, and stray mis-read words.

ftfy fixes UTF-8 read as cp1252 or Latin-1 when the whole text (or a whole
line) is consistently broken. Two cases escape it: UTF-8 read as Windows-1258
(ftfy does not know that code page and half-fixes it), and one broken word or
sentence inside otherwise correct Vietnamese (the line as a whole cannot be
re-encoded because its correct letters have no cp1252 byte).

>>> utf8_as_cp1258_decode("tÆ°á»›ng vĂ\xa0 Bá»™")
'tướng và Bộ'
>>> fix_utf8_runs("Thủ tÆ°á»›ng Chính phủ")
'Thủ tướng Chính phủ'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .tables import CP1252, CP1252_BYTE, CP1258_BYTE, QUALITY_MARKS, TONE_MARKS, vietnamese_letters

_CP1258_HINT = re.compile("[\u0080-\u00ff\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0]")


def _images(table: str, start: int, end: int) -> str:
    return re.escape("".join(sorted(set(table[start:end]))))


_CONT = _images(CP1252, 0x80, 0xC0) + "\u0080-\u00bf"
# A run of complete UTF-8 sequences as a cp1252/Latin-1 reader shows them.
_UTF8_RUN = re.compile(
    "(?:"
    f"[{_images(CP1252, 0xC2, 0xE0)}][{_CONT}]"
    f"|[{_images(CP1252, 0xE0, 0xF0)}][{_CONT}]{{2}}"
    f"|[{_images(CP1252, 0xF0, 0xF5)}][{_CONT}]{{3}}"
    ")+"
)
# Vietnamese letters, and the cp1252 characters the inner layer of double mojibake has.
_MARKS = frozenset(TONE_MARKS + QUALITY_MARKS)  # stray Vietnamese combining marks
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_UTF8_SEQUENCE = re.compile(_UTF8_RUN.pattern[:-1])  # one sequence, not a run
_VIETNAMESE = frozenset(vietnamese_letters())
_QUOTES = frozenset("“”‘’–—…•")
_PLAUSIBLE_EXTRA = frozenset(vietnamese_letters() + CP1252)


def _plausible(text: str) -> bool:
    """Is a decoded run made of what Vietnamese web text is made of?"""
    for ch in text:
        # C1 controls too: they are what the inner layer of double mojibake decodes to.
        if ch.isascii() or ch in _PLAUSIBLE_EXTRA or "\u0080" <= ch <= "\u00ff" or ch in _MARKS:
            continue
        if "\u2000" <= ch <= "\u206f" or "\u20a0" <= ch <= "\u20cf":  # punctuation, currency
            continue
        if unicodedata.category(ch) in ("So", "Sm", "Sk"):  # symbols, emoji
            continue
        return False
    return True


def _decode(run: str, around: Callable[[], frozenset[str]] = frozenset) -> str | None:
    """The plausible text a run is the mojibake of, or None.

    ``around``: the scripts of the text the run is in (computed once, when needed).
    """
    try:
        decoded = bytes([CP1252_BYTE.get(ch, ord(ch)) for ch in run]).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return None
    if _plausible(decoded):
        return decoded
    # Several letters of another script ("Ð·Ð°Ñ\x8fÐ²Ð¸Ð»Ð¾" is "заявило") are
    # evidence enough; one is not ("Đ“" read as cp1258 UTF-8 would be "Г"),
    # unless the text around it is written in that script ("Ð’ правительство").
    if all(ch.isalpha() or _plausible(ch) for ch in decoded):
        if len(decoded) >= 2 or (decoded.isalpha() and _script(decoded) in around()):
            return decoded
    return None


def _script(letter: str) -> str:
    """The script a letter belongs to, by its Unicode name ("CYRILLIC", "GREEK", "CJK")."""
    return unicodedata.name(letter, "").split(" ", 1)[0]


def _scripts_of(text: str) -> frozenset[str]:
    """The scripts of the letters of ``text`` that are not Latin-1 or Vietnamese."""
    return frozenset(_script(ch) for ch in set(text) if ch.isalpha() and ord(ch) >= 0x250 and ch not in _VIETNAMESE)


def _is_ambiguous(run: str, decoded: str, following: str = "") -> bool:
    """Is a short run as likely correct text as mojibake?

    "Â" + NBSP is a no-break space's mojibake or the letter Â before one; "Ã…" is
    "Ã" then an ellipsis as often as "Å"; "Ã”" a closing quote after "Ã" as
    often as "Ô". Such runs are only decoded in text that has certain mojibake.
    """
    if decoded.isspace() or decoded in _INVISIBLE:
        return True
    if following.isalpha():  # a quote or an ellipsis does not go inside a word: "Ã”ng" is "Ông"
        return False
    return len(run) == 2 and run[0] in _VIETNAMESE and (decoded not in _VIETNAMESE or run[1] in _QUOTES)


def fix_utf8_runs(text: str) -> str:
    """Decode each run of cp1252-shown UTF-8 sequences that decodes to plausible text."""
    pieces: list[tuple[int, int, str, bool]] = []  # start, end, decoded, ambiguous
    known: list[frozenset[str]] = []

    def around() -> frozenset[str]:  # once per text, not once per run: a long line has many
        if not known:
            known.append(_scripts_of(text))
        return known[0]

    for match in _UTF8_RUN.finditer(text):
        run = match.group()
        decoded = _decode(run, around)
        if decoded is not None:
            following = text[match.end() : match.end() + 1]
            pieces.append((match.start(), match.end(), decoded, _is_ambiguous(run, decoded, following)))
            continue
        # Not one valid run: try its sequences one by one.
        for part in _UTF8_SEQUENCE.finditer(run):
            decoded = _decode(part.group(), around)
            if decoded is not None:
                start = match.start() + part.start()
                following = run[part.end() : part.end() + 1] or text[match.end() : match.end() + 1]
                ambiguous = _is_ambiguous(part.group(), decoded, following)
                pieces.append((start, start + len(part.group()), decoded, ambiguous))
    certain = any(not ambiguous for _, _, _, ambiguous in pieces)
    out, last = [], 0
    for start, end, decoded, ambiguous in pieces:
        if ambiguous and not certain:
            continue
        out += [text[last:start], decoded]
        last = end
    out.append(text[last:])
    return "".join(out)


def utf8_as_cp1258_decode(text: str) -> str | None:
    """UTF-8 bytes that were read as Windows-1258 -> the text, or None if they were not.

    Tried on the whole line, before ftfy: every character must have a cp1258
    byte, the bytes must be valid UTF-8 and the result plausible text.

    >>> utf8_as_cp1258_decode("Thương") is None
    True
    """
    if text.isascii() or not _CP1258_HINT.search(text):
        return None
    try:  # as good a reading in cp1252: that is ordinary mojibake, named so
        bytes([CP1252_BYTE[ch] for ch in text]).decode("utf-8")
        return None
    except (KeyError, UnicodeDecodeError):
        pass
    try:
        data = bytes([CP1258_BYTE[ch] for ch in text])
        decoded = data.decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None
    if decoded == text or not _plausible(decoded):
        return None
    return decoded

