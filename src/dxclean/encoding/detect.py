"""How Vietnamese does a piece of text look? A syllable-structure score.

A Vietnamese word is a syllable: an optional initial consonant, a vowel group,
an optional final consonant and at most one tone mark, on the vowel that
carries it. Decoding text with the wrong table breaks exactly that structure
(two tone marks, a tone on a glide, a symbol inside a word), so counting
well-formed syllables tells the right decoding from the wrong ones without any
dictionary. All well-formed syllables (some 25,000 spellings) are generated once
from the rules, so checking a word is a set look-up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .tables import TONE_MARKS

_INITIALS = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split() + [""]
# Vowel groups by what may follow: nothing (they end in a glide), an optional
# final consonant, or a required one (ă, â and the diphthongs iê uô ươ).
_OPEN = (
    "iêu yêu oai oao oay oeo uây uôi uya uyu ươi ươu "
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ưa ua ya"
).split()
_FREE = "oa oe uê uy uơ oo a e ê i o ô ơ u ư y".split()
_CLOSED = "uyê iê yê uô ươ oă uâ ă â".split()
_FINALS = "ch ng nh c k m n p t".split()
_STOPS = ("c", "ch", "k", "p", "t")
_ACUTE, _DOT = "\u0301", "\u0323"


def _fits(initial: str, vowels: str, final: str) -> bool:
    """The rules between the parts: gh/ngh before front vowels, c/ng not, ch/nh
    only after a ê i y (oa uê uy), ng/c never after i ê y (but "giếng")."""
    first = vowels[0]
    if initial in ("gh", "ngh") and first not in "iêey":
        return False
    if initial in ("c", "ng") and first in "iêey":
        return False
    if initial == "qu" and first in "uo":
        return False
    if final in ("ch", "nh") and vowels not in ("a", "ê", "i", "y", "oa", "uê", "uy"):
        return False
    if final in ("ng", "c") and vowels in ("i", "ê", "y", "uy", "uê") and initial != "gi":
        return False
    return True


def _tone_positions(vowels: str, final: str) -> tuple[int, ...]:
    """Which vowel of the group carries the tone (old and new style both: hoà/hòa)."""
    if len(vowels) == 1:
        return (0,)
    if vowels == "uyê":
        return (2,)
    if len(vowels) == 3 or final or vowels in _CLOSED:
        return (1,)
    if vowels in ("oa", "oe", "uy", "oo"):
        return (0, 1)
    if vowels in ("uê", "uơ"):
        return (1,)
    return (0,)


def _generate() -> tuple[frozenset[str], frozenset[str]]:
    """All well-formed syllables (lower case, NFC), and those only plain ASCII may omit tones of."""
    toned: set[str] = set()
    untoned_stops: set[str] = set()
    rhymes = [(v, "") for v in _OPEN]
    rhymes += [(v, f) for v in _FREE for f in ("", *_FINALS)]
    rhymes += [(v, f) for v in _CLOSED for f in _FINALS]
    for vowels, final in rhymes:
        for initial in _INITIALS:
            if not _fits(initial, vowels, final):
                continue
            plain = initial + vowels + final
            if final in _STOPS:
                untoned_stops.add(plain)
                tones = (_ACUTE, _DOT)
            else:
                toned.add(plain)
                tones = tuple(TONE_MARKS)
            for tone in tones:
                for position in _tone_positions(vowels, final):
                    at = len(initial) + position + 1
                    toned.add(unicodedata.normalize("NFC", plain[:at] + tone + plain[at:]))
    return frozenset(toned), frozenset(untoned_stops)


SYLLABLES, _UNTONED_STOPS = _generate()
_TONES = frozenset(TONE_MARKS)
#: Letters only Unicode Vietnamese text has (no Latin-1 look-alike): text with
#: one of them is already Unicode and needs no legacy-encoding detection.
UNICODE_ONLY = re.compile("[\u1ea0-\u1ef9ăĂđĐĩĨũŨơƠưƯ]")


def is_syllable(word: str) -> bool:
    """Is ``word`` a well-formed Vietnamese syllable (any case, NFC)?

    >>> [is_syllable(w) for w in ("tướng", "Nghiêng", "giếng", "hoà", "hòa", "tuyết")]
    [True, True, True, True, True, True]
    >>> [is_syllable(w) for w in ("týõìng", "ThuÒ", "tíng", "mêt", "baì", "keỏt")]
    [False, False, False, False, False, False]
    """
    lower = word.lower()
    if lower in SYLLABLES:
        return True
    # A final c ch p t needs the acute or dot tone, unless the word is plain
    # ASCII (text that lost all its marks).
    return lower.isascii() and lower in _UNTONED_STOPS


@dataclass(frozen=True)
class Score:
    """Word counts of a text: Vietnamese syllables with diacritics, broken words, all words."""

    marked: int  # well-formed syllables with at least one non-ASCII letter
    broken: int  # words with a non-ASCII character that are not Vietnamese syllables
    plain: int  # well-formed ASCII-only syllables ("ba", "tin")
    words: int

    @property
    def value(self) -> int:
        """Higher is more Vietnamese; a broken word costs two good ones."""
        return self.marked - 2 * self.broken


# Words are separated by spaces and ASCII or typographic punctuation only: a
# Latin-1 symbol inside a word ("®ã", "t\xadíng") is part of it, and breaks it.
_SEPARATORS = re.compile("[\\s!-/:-@\\[-`{-~“”‘’–—…]+")
_DIGIT = re.compile(r"\d")
_ACRONYM = re.compile("[A-ZĐ]+")


# Letters of the Latin script (what Vietnamese, and every legacy Vietnamese
# encoding shown through a Western code page, is written in).
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN_LETTER = re.compile(f"[{_LATIN}]")
# A letter of another script: \w includes digits of every kind ("²", "¾") and
# µ ª º, which mojibake is full of: everything below U+0250 is Latin or a symbol.
# (cp1252 shows byte 0x88 as "ˆ", a modifier letter: spacing modifiers are symbols here.)
_OTHER_LETTER = re.compile(
    "[^\\W\\d_\u0000-\u024f\u02b0-\u02ff\u1e00-\u1eff\u2070-\u209f\u2150-\u218f\u2460-\u24ff]"
)
# A symbol or control inside a word (Latin-1's symbols, superscripts and fractions among them).
_ODD_INSIDE = re.compile("[\u0080-\u00bf\u00d7\u00f7]|[^\\w\u0300-\u036f]")


def _is_foreign(word: str) -> bool:
    """A word of another script only ("правительство"): no Vietnamese, but not broken either.

    Counting it broken would let any decoding that turns it into Latin junk win.
    """
    return _OTHER_LETTER.search(word) is not None and _LATIN_LETTER.search(word) is None


def score(text: str) -> Score:
    """Score ``text`` (NFC) by its words.

    >>> score("Thủ tướng Chính phủ").value
    4
    >>> score("Thñ t\\xadíng ChÝnh phñ").value < 0
    True
    """
    marked = broken = plain = words = 0
    for word in _SEPARATORS.split(text):
        if not word:
            continue
        lower = word.lower()
        if lower in SYLLABLES:
            words += 1
            if word.isascii():
                plain += 1
            else:
                marked += 1
            continue
        if _DIGIT.search(word):
            continue
        words += 1
        if word.isascii():
            plain += lower in _UNTONED_STOPS
        elif not _ACRONYM.fullmatch(word) and not _is_foreign(word):  # CSĐT, ĐBSCL, Đ.
            broken += 1
    return Score(marked, broken, plain, words)


def has_other_script(text: str) -> bool:
    """Does ``text`` hold letters of a script other than Latin (Cyrillic, CJK, ...)?

    Legacy Vietnamese encodings hold Latin letters only: such text is Unicode already.

    >>> has_other_script("Thñ t\\xadíng ˆ µ"), has_other_script("Ð’ правительство")
    (False, True)
    """
    return _OTHER_LETTER.search(text) is not None


def mixed_script_words(text: str) -> int:
    """Words mixing Latin letters with letters of another script: no language writes those.

    A decoding that makes them from text that had none ("ÞñщõÑ" from
    double-mojibake Cyrillic) read the bytes the wrong way.

    >>> mixed_script_words("Thủ tướng Путин"), mixed_script_words("ỊủщừẹẨтũ Путин")
    (0, 1)
    """
    if _OTHER_LETTER.search(text) is None:
        return 0
    count = 0
    for word in _SEPARATORS.split(text):
        if word and not word.isascii() and _OTHER_LETTER.search(word) and _LATIN_LETTER.search(word):
            count += 1
    return count


def garbled_words(text: str) -> int:
    """Words that are no word of any script: scripts mixed, or Latin letters around a symbol.

    Mojibake is made of those ("Ð²", "ÃÂ±"); correct text in any script has few.

    >>> garbled_words("образование в в"), garbled_words("образование Ð² Ð²")
    (0, 2)
    """
    count = 0
    for word in _SEPARATORS.split(text):
        if not word or word.isascii() or _LATIN_LETTER.search(word) is None:
            continue
        if _OTHER_LETTER.search(word) or _ODD_INSIDE.search(word):
            count += 1
    return count
