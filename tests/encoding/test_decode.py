"""Raw bytes -> text: BOM, UTF-8, declared charset, fallback, and clear errors."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxclean.encoding import DecodeError, decode_bytes
from dxclean.encoding.corrupt import tcvn3
from dxclean.encoding.repair import repair_text

TEXT = "Thủ tướng Chính phủ “Việt Nam”"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
    ],
)
def test_byte_order_mark_wins(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding, decoded.notes) == (TEXT, encoding, ("bom",))


def test_utf16_without_bom() -> None:
    decoded = decode_bytes(TEXT.encode("utf-16-le"))
    assert decoded.text == TEXT and decoded.encoding == "utf-16-le"


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    data = b'<meta charset="windows-1252">' + TEXT.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text.endswith(TEXT) and decoded.encoding == "utf-8"
    assert decoded.notes == ("declared windows-1252 but the bytes are valid UTF-8",)


@pytest.mark.parametrize(
    "head",
    [
        b'<meta charset="windows-1258">',
        b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>",
        b'<?xml version="1.0" encoding="windows-1258"?>',
    ],
)
def test_declared_windows_1258(head: bytes) -> None:
    body = b"Thu\xd2 t\xfd\xf5\xecng"  # Windows-1258: tone marks as combining characters
    decoded = decode_bytes(head + body)
    assert decoded.text.endswith("Thủ tướng")
    assert decoded.encoding == "cp1258"


def test_declared_charset_from_the_caller() -> None:
    decoded = decode_bytes(b"Thu\xd2 t\xfd\xf5\xecng", declared="windows-1258")
    assert decoded.text == "Thủ tướng"


def test_declared_tcvn3() -> None:
    data = tcvn3("Thủ tướng").encode("latin-1")
    assert decode_bytes(data, declared="TCVN3").text == "Thủ tướng"


def test_unknown_declared_charset_is_noted_not_fatal() -> None:
    decoded = decode_bytes(b'<meta charset="x-nonsense">' + TEXT.encode())
    assert decoded.text.endswith(TEXT)
    assert decoded.notes == ("unknown declared charset 'x-nonsense' ignored",)


def test_undeclared_legacy_bytes_fall_back_to_windows_1252_then_text_repair() -> None:
    data = tcvn3("Thủ tướng Chính phủ họp bàn về kinh tế").encode("latin-1")
    decoded = decode_bytes(data)
    assert decoded.encoding == "windows-1252"
    assert "not UTF-8" in decoded.notes[0]
    assert repair_text(decoded.text).text == "Thủ tướng Chính phủ họp bàn về kinh tế"


def test_mostly_utf8_with_a_broken_byte_keeps_utf8() -> None:
    data = (TEXT * 200).encode("utf-8") + b"\xff" + TEXT.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") == 1
    assert "replaced" in decoded.notes[0]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02\x03PNG\x00\x00\x10\x00\x00\x00", "binary data"),
        (bytes(range(0, 32)) * 20 + b"\xff", "binary data"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "invalid utf-8-sig"),
    ],
)
def test_undecodable_input_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_decode_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded.text, str) and decoded.encoding
