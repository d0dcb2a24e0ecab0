"""TCVN 5712:1993 VN1 (toned capitals at 0x80-0x9F and in C0), against glibc iconv, and whole pages.

The pages here are written for these tests (not the seeds); their bytes come from
glibc ``iconv -t TCVN5712-1`` itself, not from dxclean's tables.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from dxclean.encoding import decode_bytes
from dxclean.encoding.corrupt import corrupt
from dxclean.encoding.legacy import restore_tcvn3_case, tcvn3_decode
from dxclean.encoding.repair import repair_text, repair_texts
from dxclean.encoding.tables import CP1252, TCVN_VN1, TCVN_VN1_BYTE, vietnamese_letters

LETTERS = vietnamese_letters()


def _iconv(data: bytes, source: str, target: str) -> bytes:
    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    if subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"", check=False).returncode:
        pytest.skip("this iconv does not know TCVN5712-1")
    done = subprocess.run(["iconv", "-f", source, "-t", target], input=data, capture_output=True, check=True)
    return done.stdout


def glibc_tcvn(text: str) -> bytes:
    return _iconv(text.encode("utf-8"), "UTF-8", "TCVN5712-1")


def typed_on_windows(text: str) -> bytes:
    """TCVN bytes from glibc, with the punctuation TCVN has no byte for (“ ” – …) as
    its Windows-1252 byte, the way Windows programs typed it into .VnTime documents."""
    pieces = re.split("([“”‘’–—…])", text)
    return b"".join(piece.encode("cp1252") if index % 2 else glibc_tcvn(piece) for index, piece in enumerate(pieces))


def test_every_byte_decodes_as_glibc_decodes_it() -> None:
    assert _iconv(bytes(range(256)), "TCVN5712-1", "UTF-8").decode("utf-8") == TCVN_VN1


@pytest.mark.parametrize("letter", list(LETTERS))
def test_every_vietnamese_letter_is_written_as_glibc_writes_it(letter: str) -> None:
    written = glibc_tcvn(letter)
    assert written == bytes([TCVN_VN1_BYTE.get(letter, ord(letter))])
    shown = written.decode("latin-1")
    assert corrupt(letter, "tcvn_vn1") == shown
    assert corrupt(letter, "tcvn_vn1_cp1252") == "".join(CP1252[b] for b in written)


def test_every_letter_round_trips_shown_as_latin1_and_as_cp1252() -> None:
    # Each letter inside a word of its case (a byte 0x80-0x9F alone, or after a
    # lower-case letter, may be punctuation): "TÀN", "tàn".
    words = " ".join(f"T{ch}N" if ch.isupper() else f"t{ch}n" for ch in LETTERS)
    data = glibc_tcvn(words)
    assert len(data) == len(words)  # one byte each: VN1 has every toned capital
    assert tcvn3_decode(data.decode("latin-1")) == words
    # As a browser shows the bytes: 0x80-0x9F as cp1252 punctuation.
    assert tcvn3_decode("".join(CP1252[b] for b in data)) == words


def test_the_issue_example() -> None:
    assert glibc_tcvn("HOẠT ĐỘNG") == b"HO\x84T \xa7\x97NG"
    assert tcvn3_decode("HO\x84T \xa7\x97NG") == "HOẠT ĐỘNG"  # Latin-1
    assert tcvn3_decode("HO„T §—NG") == "HOẠT ĐỘNG"  # cp1252


@pytest.mark.parametrize(
    ("shown", "decoded"),
    [
        ("“Néi dung” – kÕt qu¶", "“Nội dung” – kết quả"),  # punctuation typed in cp1252, at word edges
        ("H€ N—I – T¢Y NINH", "HÀ NỘI – TÂY NINH"),  # the same bytes as capitals, inside words
        ("™ ®©y", "Ở đây"),  # a capital standing alone: not punctuation
        ("l’Express", "l’Express"),  # no capital after a lower-case letter
        ("L§–TB", "LĐ–TB"),  # a dash between capitals stays a dash when that reads better
    ],
)
def test_bytes_0x80_to_0x9f_are_capitals_or_punctuation_by_context(shown: str, decoded: str) -> None:
    assert tcvn3_decode(shown) == decoded


def test_a_latin1_shown_line_keeps_its_typed_punctuation() -> None:
    # C1 controls say the bytes were shown as Latin-1: a real ’ is punctuation there,
    # even between capitals (shown as cp1252, the same ’ would be the byte of "Ò").
    assert tcvn3_decode("H\x80 N\x97I O’NEIL") == "HÀ NỘI O’NEIL"
    assert tcvn3_decode("H€ N—I O’NEIL") == "HÀ NỘI OÒNEIL"


HEADING = "HOẠT ĐỘNG CỦA ỦY BAN NHÂN DÂN TỈNH"
PAGE = [
    HEADING,
    "Ở HÀ NỘI, ĐƯỜNG PHỐ NGẬP SÂU SAU MƯA LỚN",
    "Sáng nay, lãnh đạo Ủy ban đã kiểm tra tình hình ứng phó với mưa lũ tại các xã ven sông.",
    "Ông Nguyễn Văn Ất cho biết: “Đây là đợt mưa lớn nhất từ đầu năm, nhiều tuyến đường ngập sâu.”",
    "Ảnh: Trần Hữu Ích",
    "Ý kiến của người dân – đăng ngày 14/8.",
]


def test_a_page_with_capital_headings_shown_as_latin1_is_repaired_whole() -> None:
    # Shown as Latin-1, bytes 0x80-0x9F are C1 controls; “ ” – (no TCVN byte) are as typed in Unicode.
    lines = [re.sub("[^“”‘’–—…]+", lambda m: glibc_tcvn(m.group()).decode("latin-1"), line) for line in PAGE]
    results = repair_texts(lines)
    assert [r.text for r in results] == PAGE
    assert all("tcvn3" in r.repairs for r in results)


def test_raw_vn1_bytes_read_from_a_file_are_repaired_whole() -> None:
    # A file of TCVN bytes (“ ” – as a Windows program typed them, in Windows-1252):
    # not UTF-8, so read as windows-1252; the text repair reads VN1 from there.
    data = b"\n".join(typed_on_windows(line) for line in PAGE)
    decoded = decode_bytes(data)
    assert decoded.encoding == "windows-1252"
    assert repair_text(decoded.text).text == "\n".join(PAGE)


def test_declared_tcvn_reads_vn1_capitals() -> None:
    data = b'<meta charset="TCVN5712-1">' + glibc_tcvn(HEADING)
    assert decode_bytes(data).text.endswith(HEADING)


def test_vn1_pages_keep_their_stored_case_vn3_pages_have_it_restored() -> None:
    lower_start = ["Ở HÀ NỘI HÔM NAY", "Bà H. ở nhà.", "(ảnh: Tư liệu)", "ủy ban họp sáng nay."]
    vn1 = repair_texts([corrupt(line, "tcvn_vn1") for line in lower_start])
    assert [r.text for r in vn1] == lower_start  # VN1 stores case: lower case stays lower
    vn3 = repair_texts([corrupt(line, "tcvn3") for line in lower_start])
    # VN3 cannot store "Ở": it comes back from the capitals around it and sentence starts,
    # but not after a name's initial ("H. ở").
    assert [r.text for r in vn3] == ["Ở HÀ NỘI HÔM NAY", "Bà H. ở nhà.", "(Ảnh: Tư liệu)", "Ủy ban họp sáng nay."]


def test_case_restoration_skips_text_that_stores_toned_capitals() -> None:
    assert restore_tcvn3_case("Ảnh. ở đây") == "Ảnh. ở đây"
    assert restore_tcvn3_case("ảnh. ở đây") == "Ảnh. Ở đây"


def test_vn1_round_trip_through_corrupt_matches_glibc_on_a_sentence() -> None:
    sentence = unicodedata.normalize("NFC", "ĐỀ ÁN 06: Ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử")
    assert corrupt(sentence, "tcvn_vn1").encode("latin-1") == glibc_tcvn(sentence)
