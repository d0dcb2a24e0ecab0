"""Decoders for pre-Unicode Vietnamese text that was shown through a Western code page.

Each decoder takes the *shown* text (what a browser or a Latin-1 reader made of
the bytes), recovers the bytes and decodes them with the right table. Characters
that have no byte (text that was Unicode all along, e.g. an emoji or “…” pasted
later) pass through unchanged, so a decoder never fails; whether its output is
better is for :mod:`.detect` to judge.

>>> tcvn3_decode("Thñ t\\xadíng ChÝnh phñ")
'Thủ tướng Chính phủ'
>>> tcvn3_decode("HO„T §—NG")  # VN1 capitals (b"HO\\x84T \\xa7\\x97NG") shown as cp1252
'HOẠT ĐỘNG'
>>> vni_decode("Thuû töôùng")
'Thủ tướng'
>>> cp1258_decode("ThuÒ týõìng")
'Thủ tướng'
"""

from __future__ import annotations

import re
import unicodedata

from .detect import score
from .tables import CP1252, CP1258, SHOWN_BYTE, TCVN_VN1, TONE_MARKS, VNI_LETTERS, VNI_MARKS, vietnamese_letters

# TCVN 5712: bytes 0xA0-0xFF, VN1's C0 capitals, and the five bytes 0x80-0x9F that
# Windows-1252 leaves undefined (shown as C1 controls, never punctuation) are letters.
_TCVN_MAP = str.maketrans(
    {ch: TCVN_VN1[b] for ch, b in SHOWN_BYTE.items() if b >= 0xA0 or CP1252[b] == chr(b) != TCVN_VN1[b]}
)
# The other bytes 0x80-0x9F are VN1 capitals or, in .VnTime (VN3) text, the Windows-1252
# punctuation typed there: shown character -> (capital, punctuation).
_TWO_WAY = {ch: (TCVN_VN1[b], CP1252[b]) for ch, b in SHOWN_BYTE.items() if 0x80 <= b < 0xA0 and CP1252[b] != chr(b)}
_TWO_WAY_CHARS = re.compile(f"[{re.escape(''.join(_TWO_WAY))}]")
_C1_TWO_WAY = {ch: pair for ch, pair in _TWO_WAY.items() if "\x80" <= ch <= "\x9f"}
_C1 = re.compile("[\x80-\x9f]")
# Punctuation that stands alone or at a word's edge ("– ", "“Nam”"): a capital only inside a word.
_EDGE_PUNCTUATION = frozenset("“”‘’–—…•‚„€‰")
# A word for the choice: what lies between spaces (NEL, U+0085, is the byte of "Ặ" here).
_TOKEN = re.compile("(?:[^\\s]|\x85)+")
_MAX_CHOICES = 8  # open choices in one word: 2**8 readings at most, else punctuation
_CP1258_MAP = str.maketrans({ch: CP1258[b] for ch, b in SHOWN_BYTE.items() if b >= 0x80})


def _translate(text: str, table: dict[int, str]) -> str:
    return text.translate(table)


def tcvn3_decode(text: str) -> str:
    """TCVN 5712 bytes shown as Latin-1/cp1252 -> Unicode (case as stored).

    Both variants: VN3 (TCVN3, ABC, .VnTime: lower-case toned letters only) and VN1
    (what glibc writes: toned capitals at 0x80-0x9F and in C0). A byte 0x80-0x9F is a
    capital or Windows-1252 punctuation: each word takes the reading that is the best
    Vietnamese (:func:`_two_way`).
    """
    text = _translate(text, _TCVN_MAP)
    if _TWO_WAY_CHARS.search(text) is not None:
        # Shown as Latin-1 (bytes 0x80-0x9F as C1 controls), a Windows-1252 character
        # was typed as such: only the controls are two-way.
        two_way = _two_way_c1 if _C1.search(text) else _two_way
        text = _TOKEN.sub(two_way, text)
    return unicodedata.normalize("NFC", text)


def _two_way_c1(match: re.Match[str]) -> str:
    return _two_way(match, _C1_TWO_WAY)


def _two_way(match: re.Match[str], two_way: dict[str, tuple[str, str]] | None = None) -> str:
    """One word's bytes 0x80-0x9F as capitals or punctuation, whichever reads best.

    After a lower-case letter a byte is punctuation (a capital never follows one);
    between a capital and a letter it is a capital ("KH\u0192NH" is "KHÁNH") unless
    it is edge punctuation ("–", "“"; a quote is a capital between two capitals: "D”AN"
    is "DÕAN"), which with no letter beside it is punctuation.
    The rest are chosen together: the best syllable score wins; a tie goes to a capital
    between two letters and to punctuation at a word's edge.
    """
    word = match.group()
    two_way = _TWO_WAY if two_way is None else two_way
    options = []
    for index, ch in enumerate(word):
        if ch not in two_way:
            continue
        capital, punctuation = two_way[ch]
        before = word[index - 1] if index and word[index - 1] not in two_way else ""
        after = word[index + 1] if index + 1 < len(word) and word[index + 1] not in two_way else ""
        if before.islower():
            options.append((index, (punctuation,), False))
        elif before.isupper() and after.isalpha() and (punctuation not in _EDGE_PUNCTUATION or (after.isupper() and punctuation not in "–—")):
            options.append((index, (capital,), True))
        elif punctuation in _EDGE_PUNCTUATION and not (before.isalpha() or after.isalpha()):
            options.append((index, (punctuation,), False))
        else:
            options.append((index, (punctuation, capital), before.isalpha() and after.isalpha()))
    chars = list(word)
    for index, choices, _ in options:
        chars[index] = choices[0]
    open_choices = [(index, choices, inside) for index, choices, inside in options if len(choices) == 2]
    if not open_choices or len(open_choices) > _MAX_CHOICES:
        return "".join(chars)
    best, best_key = "".join(chars), None
    for choice in range(1 << len(open_choices)):
        inside_capitals = 0  # a tie goes to capitals inside the word, punctuation at its edges
        for bit, (index, choices, inside) in enumerate(open_choices):
            pick = choice >> bit & 1
            chars[index] = choices[pick]
            inside_capitals += pick if inside else -pick
        reading = "".join(chars)
        key = (score(unicodedata.normalize("NFC", reading)).value, inside_capitals)
        if best_key is None or key > best_key:
            best, best_key = reading, key
    return best


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
_TONED_CAPITAL = re.compile(
    "[" + "".join(ch for ch in vietnamese_letters() if ch.isupper() and set(unicodedata.normalize("NFD", ch)) & set(TONE_MARKS)) + "]"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+)[\"'“‘(\[]?([^\W\d_])")
# A name's initials ("bà H.", "Văn Th.", "M.T."): the full stop ends no sentence
# (the word after is lower case four times in five in VietNews).
_INITIALS = re.compile(r"(?:^|[\s(\"“])(?:[A-ZĐ][a-zđ]?\.)+\s+[\"'“‘(\[]?$")


def has_toned_capital(text: str) -> bool:
    """A capital with a tone mark ("Ạ", "Ở"): VN1 has them, VN3 (TCVN3) does not."""
    return _TONED_CAPITAL.search(text) is not None


def restore_tcvn3_case(text: str) -> str:
    """Put back the capitals TCVN3 cannot store, where the case can be known.

    TCVN3 has toned letters in lower case only; a capital toned letter was typed
    with the same byte in a ``.VnTimeH`` (all-capitals) font. So a word whose
    other letters are all capitals (``CHíNH`` from ``CHÝNH``) is all capitals, a
    line made of such words is all capitals, and a sentence starts with a capital
    (not the word after a name's initial: "bà H. ở"). Elsewhere the stored lower case stays. Text with a toned capital is VN1, which
    stores case: it is left as it is.

    >>> restore_tcvn3_case("CHíNH PHủ ra quyết định. ủy ban")
    'CHÍNH PHỦ ra quyết định. Ủy ban'
    """
    if has_toned_capital(text):
        return text
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
        if index and _INITIALS.search(text, max(0, index - 12), index):
            continue
        if chars[index] not in _LOWER_EVIDENCE:  # a toned letter: its case was not stored
            chars[index] = chars[index].upper()
    return "".join(chars)
