"""Property tests: for Vietnamese-like text x, repair(corrupt_k(x)) == x for every kind k.

The strategy builds sentences from well-formed syllables (every tone on every
vowel, ư ơ đ, upper, title and lower case), mixed with ASCII words, digits and
punctuation, as news text is.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dxclean.encoding.corrupt import KINDS, Unrepresentable, corrupt
from dxclean.encoding.detect import SYLLABLES, score
from dxclean.encoding.repair import repair_text
from support import lossy_words

_SYLLABLES = sorted(SYLLABLES)
_MARKED = [s for s in _SYLLABLES if not s.isascii()]
_ASCII_WORDS = ["UBND", "COVID-19", "Hà", "TP", "km", "online", "Facebook", "ok", "A80"]
_PUNCTUATION = [",", ".", ":", ";", "!", "?", " -", " –", "…"]


@st.composite
def syllable(draw: st.DrawFn, *, marked: bool = False) -> str:
    pool = _MARKED if marked else _SYLLABLES
    word = pool[draw(st.integers(0, len(pool) - 1))]  # (sampled_from is slow on 25,000 items)
    style = draw(st.sampled_from(("lower", "lower", "lower", "title", "upper")))
    return word.upper() if style == "upper" else word.capitalize() if style == "title" else word


@st.composite
def vietnamese_text(draw: st.DrawFn) -> str:
    """A sentence or two: mostly syllables (at least four with diacritics), some ASCII."""
    words = draw(st.lists(syllable(marked=True), min_size=4, max_size=8))
    words += draw(st.lists(syllable(), max_size=6))
    words += draw(st.lists(st.sampled_from(_ASCII_WORDS) | st.integers(0, 9999).map(str), max_size=2))
    words = draw(st.permutations(words))
    out = []
    for word in words:
        out.append(word)
        if draw(st.integers(0, 5)) == 0:
            out[-1] += draw(st.sampled_from(_PUNCTUATION))
    text = " ".join(out)
    if draw(st.booleans()):
        text = "“" + text + "”"
    return text


def _same(kind: str, got: str, want: str) -> bool:
    if kind in ("cp1252_replace", "cp1258_replace"):
        # Random syllables have no word frequencies to go by: every word must come back as
        # a reading of the same lossy bytes, or be left as it was.
        return lossy_words(kind, got, want) is not None
    if kind == "tcvn3" or (kind.startswith("tcvn_vn1") and not any(ch.isupper() and not ch.isascii() for ch in want)):
        return got.casefold() == want.casefold()  # (VN1 with no toned capital is VN3: case restored as VN3's)
    return got == want


@given(vietnamese_text())
def test_correct_text_is_left_alone(text: str) -> None:
    result = repair_text(text)
    assert result.text == text
    assert result.repairs == ()


@pytest.mark.parametrize("kind", sorted(KINDS))
@given(text=vietnamese_text())
def test_every_corruption_is_repaired(kind: str, text: str) -> None:
    try:
        broken = corrupt(text, kind)
    except Unrepresentable:
        assume(False)
    # A corruption that only turns syllables into other valid syllables ("doăm" in
    # cp1258 read as cp1252 is "doãm") leaves correct-looking Vietnamese, which repair
    # must leave alone: nothing can tell it was broken.
    assume(kind != "cp1258_as_cp1252" or broken == text or score(broken).broken > 0)
    repaired = repair_text(broken).text
    assert _same(kind, repaired, text), (broken, repaired)
    assert repair_text(repaired).text == repaired  # idempotent


@given(vietnamese_text(), vietnamese_text())
def test_paragraphs_in_different_encodings(first: str, second: str) -> None:
    """One page can mix: each paragraph is detected on its own."""
    page = corrupt(first, "vni") + "\n" + corrupt(second, "cp1252")
    assert repair_text(page).text == first + "\n" + second


@given(st.text())
def test_any_text_is_repaired_without_error(text: str) -> None:
    """Junk is repaired best-effort, never with an exception, always to NFC, and idempotently.

    (For two-character junk such as "\x94µ" ftfy itself reads its first result as
    MacRoman mojibake: the repair settles such text, see ``repair_texts``.)
    """
    result = repair_text(text)
    assert unicodedata.is_normalized("NFC", result.text)
    assert list(result.repairs) == sorted(set(result.repairs))
    assert repair_text(result.text).text == result.text
