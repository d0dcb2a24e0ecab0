"""Correct text in other scripts comes out of the encoding repair byte for byte as it went in.

ftfy's defaults rewrite correct text: full-width CJK punctuation and digits to ASCII
("，" -> ",", "（気象庁）" -> "(気象庁)"), half-width katakana to full width, Latin
ligatures; and zero-width joiners are part of Devanagari and Persian spelling. None of
that is a repair.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dxclean import clean_texts
from dxclean.encoding.repair import repair_text, repair_texts


def _chars(*ranges: tuple[int, int], extra: str = "") -> str:
    return "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1)) + extra


_FULL_WIDTH = "，。、；：！？（）「」『』《》【】“”…・～％＃＆＊＠１２３４５６７８９０ＡＢＣａｂｃ"
SCRIPTS = {
    "chinese": _chars((0x4E00, 0x4FFF), (0x6C00, 0x6FFF), extra=_FULL_WIDTH),
    "japanese": _chars((0x3041, 0x3096), (0x30A1, 0x30FA), (0xFF66, 0xFF9D), (0x6C17, 0x6C30), extra=_FULL_WIDTH),
    "korean": _chars((0xAC00, 0xAFFF), (0xD000, 0xD7A3), extra="，。（）·１２３"),
    "thai": _chars((0x0E01, 0x0E3A), (0x0E3F, 0x0E5B)),
    "russian": _chars((0x0410, 0x044F), extra="ёЁ«»—–№"),
    "arabic": _chars((0x0621, 0x064A), (0x064B, 0x0652), (0x0660, 0x0669), extra="،؛؟«»\u200c"),
    "hindi": _chars((0x0905, 0x0939), (0x093E, 0x094D), (0x0966, 0x096F), extra="।॥\u200c\u200d"),
}


def _letter_or_mark(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "LM"


@st.composite
def correct_text(draw: st.DrawFn, script: str) -> str:
    words = draw(st.lists(st.text(alphabet=SCRIPTS[script], min_size=1, max_size=8), min_size=1, max_size=12))
    gaps = draw(st.lists(st.sampled_from([" ", " ", ", ", " 2025 ", "\u3000" if script in ("chinese", "japanese") else " "],), min_size=len(words), max_size=len(words)))
    text = "".join(word + gap for word, gap in zip(words, gaps)).strip()
    # Text of that script (a lone "«" is as much a TCVN3 "ô"), NFC, and a joiner only
    # ever stands between two letters.
    assume(sum(ch.isalpha() and ord(ch) > 0x250 for ch in text) >= 2 and unicodedata.is_normalized("NFC", text))
    assume(all(_letter_or_mark(text[i - 1 : i]) and _letter_or_mark(text[i + 1 : i + 2])
               for i, ch in enumerate(text) if ch in "\u200c\u200d"))
    return text


@pytest.mark.parametrize("script", sorted(SCRIPTS))
@given(data=st.data())
def test_correct_text_is_byte_identical_after_repair(script: str, data: st.DataObject) -> None:
    text = data.draw(correct_text(script))
    result = repair_text(text)
    assert result.text == text, result.repairs
    assert result.repairs == ()


@pytest.mark.parametrize("script", sorted(SCRIPTS))
@given(data=st.data())
def test_correct_text_is_byte_identical_through_the_encoding_step(script: str, data: st.DataObject) -> None:
    blocks = data.draw(st.lists(correct_text(script), min_size=1, max_size=4))
    assert [r.text for r in repair_texts(blocks)] == blocks
    record = clean_texts(blocks, steps=("encoding",))
    assert record["text"] == "\n\n".join(blocks)
    assert not record["metadata"].get("encoding_repairs")


@pytest.mark.parametrize(
    "text",
    [
        "政府工作报告（草案），将深化改革。",
        "気象庁（きしょうちょう）は、台風１０号について発表した。ｶﾀｶﾅ",
        "대한민국 정부는 ２０２５년 예산을 발표했다.",
        "सरकार ने घोषणा की। क्\u200dया",  # a joiner inside a Devanagari word
        "می\u200cخواهم",  # Persian: the zero-width non-joiner is spelling
        "ﬁnance ﬂow",
    ],
)
def test_the_issue_examples_are_untouched(text: str) -> None:
    assert clean_texts([text], steps=("encoding",))["text"] == text
    assert repair_text(text).repairs == ()
