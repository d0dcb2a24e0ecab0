"""Byte <-> character tables of the encodings Vietnamese text arrives in.

Everything here is a fact of a standard, written out by hand (no third-party
table is copied): the Windows code pages come from Python's own codecs, with the
bytes a code page leaves undefined kept as C1 control characters, as browsers
(WHATWG) and ftfy's "sloppy" codecs do. TCVN 5712:1993 (VN1, and its subset
VN3/TCVN3/ABC) is checked against glibc ``iconv`` both ways in the tests; VNI-Windows is the
letter-plus-mark layout of the VNI fonts.
"""

from __future__ import annotations

import unicodedata

#: Combining tone marks of Vietnamese: grave, acute, tilde, hook above, dot below.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
#: Combining marks that change a vowel's quality: breve, circumflex, horn.
QUALITY_MARKS = "\u0306\u0302\u031b"


def _sloppy_table(codec: str) -> str:
    """The 256 characters of ``codec``, undefined bytes kept as C1 controls."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


CP1252 = _sloppy_table("cp1252")
CP1258 = _sloppy_table("cp1258")

#: Character -> byte for text that was shown as Latin-1 *or* as Windows-1252:
#: both agree on 0xA0-0xFF, and a C1 control or a cp1252 symbol both stand for
#: the same byte 0x80-0x9F.
SHOWN_BYTE: dict[str, int] = {chr(b): b for b in range(256)}
SHOWN_BYTE.update({ch: b for b, ch in enumerate(CP1252) if b >= 0x80})
CP1258_BYTE: dict[str, int] = {ch: b for b, ch in enumerate(CP1258)}
CP1252_BYTE: dict[str, int] = {ch: b for b, ch in enumerate(CP1252)}

#: TCVN 5712:1993, bytes 0xA0-0xFF. The lower-case letters (0xA8-0xFE) and the
#: untoned capitals Ă Â Ê Ô Ơ Ư Đ (0xA1-0xA7) are TCVN3 (VN3: "ABC", .VnTime fonts);
#: the few toned capitals in the gaps belong to VN1, the full table.
TCVN3_HIGH = (
    "\xa0\u0102\xc2\xca\xd4\u01a0\u01af\u0110\u0103\xe2\xea\xf4\u01a1\u01b0\u0111\u1eb0"
    "\u0300\u0309\u0303\u0301\u0323\xe0\u1ea3\xe3\xe1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4"
    "\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\xe8\u1ec2\u1ebb\u1ebd"
    "\xe9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\xec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\xed\u1ecb\xf2"
    "\u1ed4\u1ecf\xf5\xf3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\xf9"
    "\u1ed6\u1ee7\u0169\xfa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\xfd\u1ef5\u1ed0"
)
#: VN1's other toned capitals: bytes 0x80-0x9F ...
VN1_C1 = "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
#: ... and twelve C0 positions (the others stay ASCII controls: tab, newline, ...).
VN1_C0 = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
          0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}
#: TCVN 5712:1993 VN1, all 256 bytes: what glibc ``iconv -t TCVN5712-1`` writes.
TCVN_VN1 = "".join(VN1_C0.get(b, chr(b)) for b in range(0x80)) + VN1_C1 + TCVN3_HIGH
#: Bytes 0x80-0x9F as .VnTime (VN3) documents carry them: Windows-1252 punctuation.
TCVN3 = CP1252[:0xA0] + TCVN3_HIGH
#: Bytes a TCVN3 (VN3) writer produces: lower-case toned letters only (0xA8-0xFE
#: minus the VN1 capitals and the combining marks), plus the untoned capitals.
_VN1_ONLY = {0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xBA, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3,
             0xC4, 0xC5, 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0, 0xFF}
TCVN3_BYTE: dict[str, int] = {
    ch: b for b, ch in enumerate(TCVN3) if b >= 0xA1 and b not in _VN1_ONLY
}
#: Letter -> byte for a VN1 writer: every Vietnamese letter, capitals included, has one.
TCVN_VN1_BYTE: dict[str, int] = {
    ch: b for b, ch in enumerate(TCVN_VN1) if (b in VN1_C0 or b >= 0x80) and ch.isalpha()
}

# VNI-Windows: a letter is an ASCII base letter followed by one mark byte, except
# the letters that have a byte of their own (đ, ơ, ư, the toned i's, ỵ).
#: Mark byte (as shown in cp1252) -> combining marks it adds to the letter before it.
VNI_MARKS: dict[str, str] = {}
#: Byte (as shown in cp1252) -> the whole letter it stands for.
VNI_LETTERS: dict[str, str] = {}


def _fill_vni() -> None:
    tone_order = "\u0301\u0300\u0309\u0303\u0323"  # acute grave hook tilde dot
    groups = (
        ("", "ùøûõï"),  # plain tone marks
        ("\u0302", "áàåãä"),  # circumflex + tone
        ("\u0306", "éèúüë"),  # breve + tone
    )
    for quality, marks in groups:
        for tone, mark in zip(tone_order, marks):
            VNI_MARKS[mark] = quality + tone
            VNI_MARKS[mark.upper()] = quality + tone
    VNI_MARKS["â"] = VNI_MARKS["Â"] = "\u0302"
    VNI_MARKS["ê"] = VNI_MARKS["Ê"] = "\u0306"
    for byte_char, letter in zip("ñôöíìæóòî", "đơưíìỉĩịỵ"):
        VNI_LETTERS[byte_char] = letter
        VNI_LETTERS[byte_char.upper()] = letter.upper()


_fill_vni()


def vietnamese_letters() -> str:
    """Every precomposed Vietnamese letter (NFC), lower and upper case.

    >>> len(vietnamese_letters())
    146
    """
    letters = []
    for base in ("a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b",
                 "u", "u\u031b", "y"):
        for tone in ("", *TONE_MARKS):
            letter = unicodedata.normalize("NFC", base + tone)
            letters += [letter, letter.upper()]
    return "".join(letters) + "đĐ"
