"""The legacy tables against independent references: glibc iconv and Python's codecs."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from dxclean.encoding.corrupt import cp1258_as_cp1252, tcvn3, vni
from dxclean.encoding.legacy import cp1258_decode, tcvn3_decode, vni_decode
from dxclean.encoding.tables import CP1252, CP1258, TCVN3, TCVN3_HIGH, vietnamese_letters

LETTERS = vietnamese_letters()


def _iconv(data: bytes, encoding: str) -> str:
    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    done = subprocess.run(["iconv", "-f", encoding, "-t", "UTF-8"], input=data, capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"iconv does not know {encoding}")
    return done.stdout.decode("utf-8")


def test_tcvn3_high_half_matches_glibc() -> None:
    assert _iconv(bytes(range(0xA0, 0x100)), "TCVN5712-1") == TCVN3_HIGH


def test_cp1258_matches_glibc_and_python() -> None:
    defined = bytes(b for b in range(0x80, 0x100) if CP1258[b] != chr(b))
    # glibc composes a combining tone mark with the letter before it: compare in NFC.
    ours = unicodedata.normalize("NFC", "".join(CP1258[b] for b in defined))
    assert unicodedata.normalize("NFC", _iconv(defined, "WINDOWS-1258")) == ours
    assert defined.decode("cp1258") == "".join(CP1258[b] for b in defined)


def test_sloppy_tables_keep_undefined_bytes_as_c1_controls() -> None:
    assert [hex(b) for b in range(256) if CP1252[b] == chr(b) and 0x80 <= b < 0xA0] == [
        "0x81", "0x8d", "0x8f", "0x90", "0x9d"
    ]
    assert len(set(CP1252)) == len(set(CP1258)) == len(set(TCVN3)) == 256


def test_every_vietnamese_letter_round_trips_through_tcvn3_via_glibc() -> None:
    lower = "".join(ch for ch in LETTERS if ch == ch.lower())
    shown = tcvn3(lower)  # bytes shown as Latin-1
    assert _iconv(shown.encode("latin-1"), "TCVN5712-1") == lower
    assert tcvn3_decode(shown) == lower


def test_every_vietnamese_letter_round_trips_through_cp1258_via_glibc() -> None:
    shown = cp1258_as_cp1252(LETTERS)
    data = bytes(CP1252.index(ch) for ch in shown)
    assert unicodedata.normalize("NFC", _iconv(data, "WINDOWS-1258")) == LETTERS
    assert cp1258_decode(shown) == LETTERS


@pytest.mark.parametrize(
    ("word", "spelled"),
    [  # VNI-Windows spellings from the font's layout: letter + mark byte
        ("Việt", "Vieät"), ("Nam", "Nam"), ("Đà", "Ñaø"), ("Nẵng", "Naüng"), ("trường", "tröôøng"),
        ("Huế", "Hueá"), ("Quảng", "Quaûng"), ("ỵ", "î"), ("ĩ", "ó"), ("Ước", "Öôùc"), ("ƯỚC", "ÖÔÙC"),
    ],
)
def test_vni_spellings(word: str, spelled: str) -> None:
    assert vni(word) == spelled
    assert vni_decode(spelled) == word


def test_every_vietnamese_letter_round_trips_through_vni() -> None:
    assert vni_decode(vni(LETTERS)) == LETTERS
