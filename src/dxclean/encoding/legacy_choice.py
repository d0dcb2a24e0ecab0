"""Which legacy encoding (TCVN3, VNI, cp1258, VIQR), if any, a line was written in.

Every legacy reading of a line is scored (:func:`dxclean.encoding.detect.score`)
against the line as it is and against its mojibake runs decoded; a reading is
taken only when it is decisively more Vietnamese than both, and never when it
mixes scripts inside words. The readings that were merely better are kept on
the :class:`Line`, so a document-wide verdict can pick one for lines too short
to decide alone (see :func:`dxclean.encoding.repair.repair_texts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .detect import Score, mixed_script_words, score
from .invisible import clear_debris
from .legacy import cp1258_decode, has_toned_capital, restore_tcvn3_case, tcvn3_decode, vni_decode
from .tables import CP1252, VN1_C0
from .viqr import VIQR_SIGN, dense_enough, viqr_decode

# Bytes 0x80-0xFF as Latin-1 or cp1252 shows them, and the C0 bytes of VN1's capitals.
_HIGH = re.compile("[\u0080-\u00ff" + re.escape(CP1252[0x80:0xA0] + "".join(map(chr, VN1_C0))) + "]")


@dataclass
class Line:
    """One line on its way: text so far, repairs, and what legacy detection saw."""

    text: str
    repairs: set[str] = field(default_factory=set)
    legacy: str | None = None  # legacy encoding applied
    decisive: bool = False  # ... on the line's own evidence, better than any other reading
    #: kind -> (decoded, better than the text as it is): a document-wide
    #: verdict may pick one of these legacy readings.
    readings: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: A TCVN 5712 reading before its case was restored (VN3 stores no toned capitals):
    #: on a page that turns out to be VN1, which stores case, this is the text.
    uncased: str | None = None


_ACCENTED = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")


def legacy_candidates(text: str) -> list[tuple[str, str]]:
    candidates = []
    if _HIGH.search(text):
        candidates.append(("tcvn3", tcvn3_decode(text)))  # case restored once chosen
        candidates.append(("vni", vni_decode(text)))
        candidates.append(("cp1258", cp1258_decode(text)))
    # VIQR is a 7-bit convention: a block that already holds accented letters
    # ("a. biêm") is Unicode or mojibake, and its "a." is a full stop, not a dot below.
    # (A stray "Đ" in a long VIQR paragraph is tolerated: one per ten VIQR marks.)
    signs = len(VIQR_SIGN.findall(text))
    if signs and 10 * len(_ACCENTED.findall(text)) <= signs:
        candidates.append(("viqr", viqr_decode(text)))
    return [(kind, decoded) for kind, decoded in candidates if decoded != text]


def _viqr_is_dense(text: str, decoded_score: Score) -> bool:
    """VIQR marks on a good share of the words (English "so?" is not VIQR)."""
    return dense_enough(len(VIQR_SIGN.findall(text)), decoded_score.words)


def detect_legacy(line: Line, before: str, baseline_text: str) -> str | None:
    """Try the legacy readings of ``before``; return the decisively best one, if any.

    A reading must beat both ``before`` as it is and ``baseline_text`` (its
    mojibake runs decoded): decoding runs of broken text can make it look worse
    than it is, and a legacy reading judged against that would win on noise.
    A reading that mixes scripts inside words where ``before`` did not is no
    Vietnamese: legacy Vietnamese is Latin letters only ("ỊủщừẹẨтũ" is TCVN3
    read into Cyrillic double mojibake).
    """
    baseline = score(clear_debris(baseline_text)[0])  # debris must not count against the line
    if before != baseline_text:
        baseline = max(baseline, score(clear_debris(before)[0]), key=lambda reading: reading.value)
    mixed = mixed_script_words(before)
    strong: list[tuple[int, str, str]] = []
    for kind, candidate in legacy_candidates(before):
        if mixed_script_words(candidate) > mixed:
            continue
        found = score(clear_debris(candidate)[0])
        better = found.value > baseline.value and found.marked > 0
        line.readings[kind] = (candidate, better)
        if better and found.value >= baseline.value + 2:
            if kind != "viqr" or _viqr_is_dense(before, found):
                strong.append((found.value, kind, candidate))
    if not strong:
        return None
    top = max(value for value, _, _ in strong)
    winners = [(kind, candidate) for value, kind, candidate in strong if value == top]
    line.legacy, decoded = winners[0]  # a tie goes to the more common encoding
    line.decisive = len(winners) == 1
    line.repairs.add(line.legacy)
    return final_form(line, line.legacy, decoded)


def final_form(line: Line, kind: str, decoded: str) -> str:
    """The text of ``line`` read in ``kind``: TCVN3 case restored, the reading kept as ``uncased``."""
    if kind != "tcvn3":
        line.uncased = None
        return decoded
    line.uncased = decoded
    return restore_tcvn3_case(decoded)


def keep_stored_case(lines: list[Line]) -> None:
    """On a VN1 page (a TCVN 5712 line stores a toned capital), TCVN lines keep the case as stored.

    VN3 has no toned capitals, so its readings have their case restored; VN1 has
    them, so where a page shows it is VN1, a line with no capital of its own
    ("(ảnh: VOV)") is lower case as written, not a sentence to capitalise.
    """
    tcvn = [line for line in lines if line.legacy == "tcvn3" and line.uncased is not None]
    if any(has_toned_capital(line.uncased) for line in tcvn):
        for line in tcvn:
            line.text = line.uncased
