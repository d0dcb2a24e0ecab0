"""The ways Vietnamese text gets broken, as functions: ``corrupt(text, kind)``.

Used by the tests (every kind must be repaired exactly) and by fuzzing
strategies. Legacy encodings cannot hold every character: a character that
would be *misread* as something else raises :class:`Unrepresentable`; one that
simply has no byte (an arrow, an emoji) is left as it is, the way a later
Unicode edit would leave it.

>>> corrupt("Thủ tướng", "cp1252")
'Thá»§ tÆ°á»›ng'
>>> corrupt("Thủ tướng", "tcvn3")
'Thñ t\\xadíng'
>>> corrupt("HOẠT ĐỘNG", "tcvn_vn1_cp1252")
'HO„T §—NG'
>>> corrupt("Đại học", "cp1252_replace")
'Ä�áº¡i há»�c'
>>> corrupt("Thủ tướng", "vni")
'Thuû töôùng'
>>> corrupt("Thủ tướng", "cp1258_as_cp1252")
'ThuÒ týõìng'
>>> corrupt("Thủ tướng", "viqr")
"Thu? tu+o+'ng"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .tables import (
    CP1252,
    CP1252_BYTE,
    CP1258,
    CP1258_BYTE,
    QUALITY_MARKS,
    TCVN3_BYTE,
    TCVN_VN1_BYTE,
    TONE_MARKS,
    VNI_LETTERS,
    VNI_MARKS,
)
from .viqr import viqr_encode


class Unrepresentable(ValueError):
    """The text has a character this legacy encoding would turn into another one."""


def _utf8_shown_as(text: str, table: str) -> str:
    return "".join([table[b] for b in text.encode("utf-8")])


def cp1252(text: str) -> str:
    """UTF-8 read as Windows-1252 (undefined bytes kept as C1 controls)."""
    return _utf8_shown_as(text, CP1252)


def latin1(text: str) -> str:
    """UTF-8 read as Latin-1."""
    return text.encode("utf-8").decode("latin-1")


def utf8_as_cp1258(text: str) -> str:
    """UTF-8 read as Windows-1258 (undefined bytes kept as C1 controls)."""
    return _utf8_shown_as(text, CP1258)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def mixed_nfd(text: str) -> str:
    """Every other word decomposed (NFC and NFD mixed in one text)."""
    parts = re.split(r"(\s+)", text)
    return "".join(nfd(p) if i % 4 == 2 else p for i, p in enumerate(parts))


def _letters_and_marks(ch: str) -> tuple[str, str, str]:
    """(base letter, quality mark, tone mark) of a character, marks possibly empty."""
    decomposed = unicodedata.normalize("NFD", ch)
    quality = "".join(m for m in decomposed[1:] if m in QUALITY_MARKS)
    tone = "".join(m for m in decomposed[1:] if m in TONE_MARKS)
    if len(decomposed) - 1 != len(quality) + len(tone) or len(tone) > 1 or len(quality) > 1:
        return ch, "", ""
    return decomposed[0], quality, tone


def _legacy_byte_for_other(ch: str, kind: str) -> str:
    """A character that is not a letter of the legacy table, as the reader shows it.

    Punctuation the writer's code page had at 0x80-0x9F (“ ” – …) keeps its byte
    (shown as a C1 control by a Latin-1 reader); anything above U+00FF without a
    byte stays as it is; a Latin-1 character would be misread, so it raises.
    """
    if ch.isascii():
        return ch
    byte = CP1252_BYTE.get(ch)
    if byte is not None and 0x80 <= byte < 0xA0 and ord(ch) >= 0x100:
        return chr(byte) if kind == "tcvn3" else ch
    if ord(ch) < 0x100:
        raise Unrepresentable(f"{ch!r} would be misread in {kind}")
    return ch


def tcvn3(text: str) -> str:
    """TCVN3 (.VnTime) bytes shown as Latin-1; toned capitals become lower case."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        byte = TCVN3_BYTE.get(ch)
        if byte is None and ch.lower() in TCVN3_BYTE and not ch.isascii():
            byte = TCVN3_BYTE[ch.lower()]  # TCVN3 has no toned capitals
        out.append(chr(byte) if byte is not None else _legacy_byte_for_other(ch, "tcvn3"))
    return "".join(out)


def tcvn_vn1(text: str, table: str | None = None) -> str:
    """TCVN 5712 VN1 bytes (what glibc ``iconv -t TCVN5712-1`` writes: toned capitals
    at 0x80-0x9F and in C0) shown as Latin-1, or through ``table`` (e.g. cp1252).

    A character with no byte (“ ” – …: VN1 has capitals there) is left as it is.
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        byte = TCVN_VN1_BYTE.get(ch)
        if byte is None:
            if not ch.isascii() and ord(ch) < 0x100 and ch != "\xa0":
                raise Unrepresentable(f"{ch!r} would be misread in TCVN 5712")
            out.append(ch)
        else:
            out.append(chr(byte) if table is None else table[byte])
    return "".join(out)


def replaced(codec: str) -> Callable[[str], str]:
    """UTF-8 decoded by ``codec`` with ``errors="replace"``: undefined bytes lost as U+FFFD."""
    return lambda text: text.encode("utf-8").decode(codec, "replace")


_VNI_MARK_OF = {v: k for k, v in VNI_MARKS.items() if k.islower()}
_VNI_LETTER_OF = {v: k for k, v in VNI_LETTERS.items()}


def _spell_each(text: str, spell: Callable[[str], str]) -> str:
    """``text`` (NFC) with every character spelled by ``spell``, each distinct one once."""
    spelled: dict[str, str] = {}  # characters repeat: spell each once
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch not in spelled:
            spelled[ch] = spell(ch)
        out.append(spelled[ch])
    return "".join(out)


def vni(text: str) -> str:
    """VNI-Windows bytes shown as cp1252."""
    return _spell_each(text, _vni_letter)


def _vni_letter(ch: str) -> str:
    if ch in _VNI_LETTER_OF:
        return _VNI_LETTER_OF[ch]
    base, quality, tone = _letters_and_marks(ch)
    if base in "oOuU" and quality == "\u031b":  # ơ ư have bytes of their own
        head, quality = _VNI_LETTER_OF[unicodedata.normalize("NFC", base + quality)], ""
    elif base.isascii() and base.isalpha():
        head = base
    else:
        return _legacy_byte_for_other(ch, "vni")
    mark = _VNI_MARK_OF.get(quality + tone, "") if quality or tone else ""
    if (quality or tone) and not mark:
        raise Unrepresentable(f"{ch!r} has no VNI spelling")
    return head + (mark.upper() if base.isupper() else mark)


def cp1258_as_cp1252(text: str) -> str:
    """Windows-1258 bytes (letters with combining tone marks) shown as cp1252."""
    return _spell_each(text, _cp1258_letter)


def _cp1258_letter(ch: str) -> str:
    if ch.isascii():
        return ch
    base, quality, tone = _letters_and_marks(ch)
    letter = unicodedata.normalize("NFC", base + quality)
    out = []
    for part in (letter, tone) if letter in CP1258_BYTE else (ch,):
        if not part:
            continue
        if part in CP1258_BYTE:
            out.append(CP1252[CP1258_BYTE[part]])
        elif ord(part) < 0x100:
            raise Unrepresentable(f"{part!r} has no byte in cp1258")
        else:
            out.append(part)
    return "".join(out)


def html_entities(text: str) -> str:
    """Non-ASCII letters as HTML references, named, decimal, hex and double-escaped in turn."""
    from html.entities import codepoint2name

    out = []
    for index, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            continue
        style = index % 4
        if style == 0 and ord(ch) in codepoint2name:
            out.append(f"&{codepoint2name[ord(ch)]};")
        elif style == 1:
            out.append(f"&#x{ord(ch):x};")
        elif style == 2:
            out.append(f"&amp;#{ord(ch)};")
        else:
            out.append(f"&#{ord(ch)};")
    return "".join(out)


def _partial(text: str, pick: Callable[[str], tuple[int, int] | None]) -> str:
    span = pick(text)
    if span is None:
        return text
    start, end = span
    return text[:start] + cp1252(text[start:end]) + text[end:]


def _longest(pattern: str) -> Callable[[str], tuple[int, int] | None]:
    regex = re.compile(pattern)

    def pick(text: str) -> tuple[int, int] | None:
        candidates = [m for m in regex.finditer(text) if not m.group().isascii()]
        if not candidates:
            return None
        best = max(candidates, key=lambda m: (len(m.group()), -m.start()))
        return best.span()

    return pick


#: kind name -> corruption function.
KINDS: dict[str, Callable[[str], str]] = {
    "cp1252": cp1252,
    "latin1": latin1,
    "double_cp1252": lambda t: cp1252(cp1252(t)),
    "double_latin1": lambda t: latin1(latin1(t)),
    "cp1252_then_latin1": lambda t: latin1(cp1252(t)),
    "latin1_then_cp1252": lambda t: cp1252(latin1(t)),
    "nfd": nfd,
    "mixed_nfd": mixed_nfd,
    "utf8_as_cp1258": utf8_as_cp1258,
    "cp1258_as_cp1252": cp1258_as_cp1252,
    "tcvn3": tcvn3,
    "tcvn_vn1": tcvn_vn1,
    "tcvn_vn1_cp1252": lambda t: tcvn_vn1(t, CP1252),
    "cp1252_replace": replaced("cp1252"),
    "cp1258_replace": replaced("cp1258"),
    "vni": vni,
    "viqr": viqr_encode,
    "html_entities": html_entities,
    "one_paragraph": lambda t: _partial(t, _longest(r"[^\n]+")),
    "one_sentence": lambda t: _partial(t, _longest(r"[^\n.!?]+[.!?]?")),
    "one_word": lambda t: _partial(t, _longest(r"\w+")),
    "debris": lambda t: debris(t),
}


_LEAD_IMAGES = frozenset(CP1252[0xC2:0xF5] + CP1258[0xC2:0xF5])


#: The kinds that are pre-Unicode encodings rather than UTF-8 gone wrong.
LEGACY_KINDS = ("tcvn3", "tcvn_vn1", "tcvn_vn1_cp1252", "vni", "cp1258_as_cp1252", "viqr")


def debris(text: str) -> str:
    """Invisible debris: BOM, zero-width characters, soft hyphens, odd spaces, CRLF, controls."""
    out = ["\ufeff"]
    letters = 0
    for index, ch in enumerate(text):
        if ch == "\n":
            out.append("\r\n" if index % 2 else "\r")
        elif ch == " ":
            space = ("\xa0", " ", "\u2009", " ", "\u3000", " ")[index % 6]
            # "Ã" + NBSP is the mojibake of "à" (known failure): a thin space after those.
            out.append("\u2009" if space == "\xa0" and text[index - 1 : index] in _LEAD_IMAGES else space)
        else:
            out.append(ch)
            letters += ch.isalpha()
            if ch.isalpha() and letters % 5 == 3:
                junk = ("\u200b", "\u00ad", "\u200c", "\x07", "\x9d", "\u2060", "\u200d")
                pick = junk[(letters // 5) % len(junk)]
                # A C1 control after a non-ASCII letter could be a mojibake byte:
                # as debris it is only put after ASCII letters.
                # After a character that a UTF-8 lead byte shows as ("Ã"), a soft hyphen
                # or C1 control would make real mojibake ("Ã\xad" is "í"): a zero-width space there.
                out.append("\u200b" if ch in _LEAD_IMAGES or (pick == "\x9d" and not ch.isascii()) else pick)
    return "".join(out)


def corrupt(text: str, kind: str) -> str:
    """Break ``text`` the way ``kind`` does (see :data:`KINDS`)."""
    try:
        return KINDS[kind](text)
    except KeyError:
        raise ValueError(f"unknown corruption kind {kind!r}; known: {', '.join(KINDS)}") from None
