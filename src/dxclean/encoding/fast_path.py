"""Which lines need no repair: the fast paths of :mod:`.repair`.

- :func:`is_clean`: correct Vietnamese (a Unicode-only letter, nothing odd) or ASCII
  without VIQR marks or character references;
- :func:`is_plain` + :func:`viqr_possible`: ASCII and typographic punctuation can only
  be VIQR, and only on a page where some line is dense enough in VIQR marks.
"""

from __future__ import annotations

import re
import unicodedata

from .detect import UNICODE_ONLY
from .entities import has_references
from .tables import CP1252, CP1252_BYTE, CP1258, vietnamese_letters
from .viqr import VIQR_SIGN, dense_enough

_SAFE_PUNCTUATION = "“”‘’–—…•·°±×÷€£©®™§‰′″→←↑↓↔≤≥≠≈∞№₫"
_SAFE = re.compile(
    "[\t\n\x20-\x7e" + re.escape(vietnamese_letters() + _SAFE_PUNCTUATION) + "]*"
)
# A character that UTF-8's lead byte shows as, directly followed by one that a
# continuation byte shows as: the beginning of mojibake.
_LEAD = "".join(sorted(set(CP1252[0xC2:0xF5] + CP1258[0xC2:0xF5])))
_CONT = "".join(sorted(set(CP1252[0x80:0xC0] + CP1258[0x80:0xC0] + "".join(map(chr, range(0x80, 0xC0))))))
MOJIBAKE_PAIR = re.compile(f"[{re.escape(_LEAD)}][{re.escape(_CONT)}]")
_SEQUENCE_IMAGES = frozenset(_LEAD + _CONT)  # what the bytes of a UTF-8 sequence are shown as


def strip_line(line: str) -> str:
    """``line.strip()``, except a trailing no-break space or NEL that is the last byte of mojibake.

    "à" is UTF-8 C3 A0, shown "Ã\xa0"; "ễ" is E1 BB 85, shown "á»\x85" by a Latin-1 reader:
    stripping that byte as whitespace would leave mojibake no repair can read.

    >>> strip_line(" Hà Nội\xa0 "), strip_line("Â\xa0|Â\xa0"), strip_line("lÃ\xa0 "), strip_line("lá»\x85")
    ('Hà Nội', 'Â\xa0|Â\xa0', 'lÃ\xa0', 'lá»\x85')
    """
    stripped = line.strip()
    if not stripped:
        return stripped
    end = len(line) - len(line.lstrip()) + len(stripped)
    if end < len(line) and line[end] in "\xa0\x85" and stripped[-1] in _SEQUENCE_IMAGES:
        return stripped + line[end]
    return stripped


def edges_as_read(before: str, after: str) -> str:
    """``after`` (the repair of ``before``) with the whitespace the repair made at line edges stripped.

    Readers strip their blocks' lines (:func:`strip_line`); mojibake of a
    no-break space at a line's edge ("Â\xa0Đây") is not whitespace until repaired.
    Lines that had edge whitespace keep it.

    >>> edges_as_read("Â\xa0Ä\x90Ã¢y", " Đây"), edges_as_read(" x", " x")
    ('Đây', ' x')
    """
    old, new = before.split("\n"), after.split("\n")
    if len(old) != len(new):
        return after.strip() if before == strip_line(before) else after
    return "\n".join(line.strip() if was == strip_line(was) else line for was, line in zip(old, new))


def is_clean(text: str) -> bool:
    """Cheap test for text that needs nothing (the fast path).

    >>> is_clean("Thủ tướng “Chính phủ”"), is_clean("Thá»§ tÆ°á»›ng")
    (True, False)
    >>> is_clean("Thu? tu+o+'ng")
    False
    """
    if text.isascii():
        return (
            _SAFE.fullmatch(text) is not None
            and VIQR_SIGN.search(text) is None
            and not has_references(text)
        )
    return (
        UNICODE_ONLY.search(text) is not None
        and _SAFE.fullmatch(text) is not None
        and unicodedata.is_normalized("NFC", text)
        and MOJIBAKE_PAIR.search(text) is None
        and not has_references(text)
    )


#: Typographic punctuation that no legacy byte (TCVN3, VNI, cp1258 read as cp1252: the
#: cp1252 bytes 0x80-0x9F mean the same in all of them) and no UTF-8 lead byte is shown
#: as: a line of ASCII and these has no encoding to repair but VIQR.
_PLAIN_PUNCTUATION = "“”‘’–—…•€™‰′″→←↑↓↔≤≥≠≈∞№₫"
_PLAIN = re.compile("[\t\n\x20-\x7e" + re.escape(_PLAIN_PUNCTUATION) + "]*")
# ... except that TCVN 5712 VN1 has its toned capitals at 0x80-0x9F, where cp1252 has
# that punctuation: next to a capital ("H€ N—I" is "HÀ NỘI") it may be a letter.
_VN1_IMAGES = re.escape("".join(ch for ch in _PLAIN_PUNCTUATION if 0x80 <= CP1252_BYTE.get(ch, 0) < 0xA0))
# (A "™" not after a lower-case letter may be "Ở" standing alone.)
_BY_CAPITAL = re.compile(f"[A-Z][{_VN1_IMAGES}]|[{_VN1_IMAGES.replace('“', '').replace('‘', '')}][A-Z]|(?<![a-z])™")


def is_plain(text: str) -> bool:
    """ASCII and typographic punctuation only, no character references: clean unless VIQR.

    >>> is_plain("It’s “done” — really."), is_plain("Thá»§ tÆ°á»›ng"), is_plain("caf&eacute;")
    (True, False, False)
    >>> is_plain("“Hello” – Paris"), is_plain("H€ N—I")  # VN1's "HÀ NỘI" shown as cp1252
    (True, False)
    """
    return _PLAIN.fullmatch(text) is not None and not has_references(text) and _BY_CAPITAL.search(text) is None


def viqr_possible(text: str) -> bool:
    """Could ``text`` be dense enough in VIQR marks to be read as VIQR
    (:func:`.viqr.dense_enough`)? Marks are counted against the words that
    surely survive decoding (letters only, no mark), a lower bound of the decoded words.

    >>> viqr_possible("Thu? tu+o+'ng Chi'nh phu?"), viqr_possible("Want to see how it works? Learn more here.")
    (True, False)
    """
    signs = len(VIQR_SIGN.findall(text))
    if not dense_enough(signs, 0):  # too few marks whatever the words: spare counting them
        return False
    plain_words = sum(1 for word in text.split() if word.isascii() and word.isalpha() and not VIQR_SIGN.search(word))
    return dense_enough(signs, plain_words)
