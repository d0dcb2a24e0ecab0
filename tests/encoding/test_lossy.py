"""Lossy mojibake: UTF-8 decoded as cp1252/cp1258 with errors="replace" (bytes lost as U+FFFD)."""

from __future__ import annotations

import pytest

from dxclean.encoding.lossy import is_lossy, repair_lossy, words_of
from dxclean.encoding.repair import repair_text, repair_texts


def lossy(text: str, codec: str = "cp1252") -> str:
    return text.encode("utf-8").decode(codec, "replace")


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1252", "Đại học"),  # "Ä�áº¡i há»�c": Đ is the only letter C4 + a lost byte makes
        ("cp1258", "Chiều"),  # "Chiá»�u": only "ề" makes "Chi_u" a syllable
        ("cp1252", "Trường Đại học Điều dưỡng Nam Định"),
        ("cp1258", "Thủ tướng Chính phủ chủ trì hội nghị về đổi mới"),  # cp1258 bytes elsewhere too: "Ă\xad" for "í"
        ("cp1252", "“Lá chắn” – kết quả"),  # the closing quote, not a zero-width joiner
    ],
)
def test_lost_bytes_are_found_again(codec: str, text: str) -> None:
    broken = lossy(text, codec)
    assert "\ufffd" in broken and is_lossy(broken)
    result = repair_text(broken)
    assert result.text == text
    assert "lossy" in result.repairs and "lossy-ambiguous" not in result.repairs


def test_the_issue_examples() -> None:
    assert repair_lossy("Ä\ufffdáº¡i há»\ufffdc", frozenset()).text == "Đại học"
    assert repair_lossy("Chiá»\ufffdu", frozenset()).text == "Chiều"


def test_equally_good_readings_are_left_and_counted() -> None:
    # "Ä‘á»�" alone: "đề" and "đỏ" are both syllables, both common, and a line of one
    # word has no neighbours to choose between them: left as it is, never a guess.
    result = repair_lossy(lossy("đề"), frozenset())
    assert result.text == lossy("đề")
    assert result.ambiguous == 1 and result.repaired == 0
    repaired = repair_text(lossy("đề"))
    assert "lossy-ambiguous" in repaired.repairs and repaired.text == lossy("đề")


def test_the_page_decides_what_the_line_cannot() -> None:
    # A heading in capitals is spelled without a lost byte ("ĐỀ" is E1 BB 80, defined);
    # a line of the one word "đề" loses one and reads as "đề" or "đỏ", no context to tell.
    page = ["ĐỀ ÁN PHÁT TRIỂN", "đề"]
    broken = [lossy(line) for line in page]
    assert "\ufffd" in broken[1]
    assert [r.text for r in repair_texts(broken)][1] == page[1]
    alone = repair_texts([broken[1]])[0]
    assert "lossy-ambiguous" in alone.repairs  # without the heading: left, counted


def test_a_capital_inside_a_lower_case_word_is_no_reading() -> None:
    # "há»�c" could be "hỐc" (0x90 is "Ố") as well as "học": a capital after a lower-case letter is none.
    assert repair_lossy(lossy("học"), frozenset()).text == "học"


def test_vocabulary_counts_words_as_spelled() -> None:
    assert words_of(["Đề án", "x\ufffd y"]) == frozenset({"Đề", "án", "y"})


def test_not_lossy() -> None:
    assert not is_lossy("Thủ tướng")  # no U+FFFD
    assert not is_lossy("Thủ tướng \ufffd")  # a U+FFFD a UTF-8 reader put in correct text
    assert repair_text("abc \ufffd def").text == "abc \ufffd def"


def test_repair_is_idempotent_on_what_was_left() -> None:
    once = repair_text(lossy("Ông nói về đề án ở Hà Nội"))
    assert repair_text(once.text).text == once.text
