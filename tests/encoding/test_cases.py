"""Data-driven cases (``cases.json``): input -> expected, with strict xfail for known failures.

Each case may also give the repair kinds it expects (``repairs``) and whether the
comparison ignores case (``casefold``: TCVN3 cannot store every capital).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxclean.encoding.repair import repair_text

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))


def _param(case: dict) -> object:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: dict) -> None:
    result = repair_text(case["input"])
    if case.get("casefold"):
        assert result.text.casefold() == case["expected"].casefold()
    else:
        assert result.text == case["expected"]
    if "repairs" in case:
        assert list(result.repairs) == case["repairs"]


@pytest.mark.parametrize("case", [c for c in CASES if "xfail" not in c], ids=lambda c: c["name"])
def test_case_is_idempotent(case: dict) -> None:
    once = repair_text(case["input"]).text
    assert repair_text(once).text == once
