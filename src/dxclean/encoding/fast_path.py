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
from .tables import CP1252, CP1258, vietnamese_letters
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


def is_plain(text: str) -> bool:
    """ASCII and typographic punctuation only, no character references: clean unless VIQR.

    >>> is_plain("It’s “done” — really."), is_plain("Thá»§ tÆ°á»›ng"), is_plain("caf&eacute;")
    (True, False, False)
    """
    return _PLAIN.fullmatch(text) is not None and not has_references(text)


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
