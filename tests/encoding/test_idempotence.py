"""Repair is idempotent: repairing repaired text changes nothing (dxclean run on its own output).

Data-driven pages (``idempotence_cases.json``: blocks of one document) that once
repaired differently the second time; the properties over generated text are in
tests/fuzz/test_encoding_roundtrip.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxclean.encoding.detect import garbled_words, mixed_script_words
from dxclean.encoding.repair import repair_texts

PAGES = json.loads((Path(__file__).parent / "idempotence_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page["name"])
def test_a_repaired_page_repairs_to_itself(page: dict) -> None:
    once = [r.text for r in repair_texts(page["blocks"])]
    assert [r.text for r in repair_texts(once)] == once


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page["name"])
def test_repair_makes_no_word_that_mixes_scripts(page: dict) -> None:
    """Legacy Vietnamese decoders must not turn mojibake into "ỊủщừẹẨтũ"."""
    for block, result in zip(page["blocks"], repair_texts(page["blocks"])):
        assert mixed_script_words(result.text) <= mixed_script_words(block), result.text


@pytest.mark.parametrize("text,mixed,garbled", [
    ("Thủ tướng Chính phủ", 0, 0),
    ("образование в в", 0, 0),
    ("образование Ð² Ð²", 0, 2),
    ("ỊủщừẹẨтũ Путин", 1, 1),
    ("Thñ t\xadíng", 0, 1),
    ("ÃÂ±Ã‘â€°ÃÂµ", 0, 2),  # ‘ separates words
])
def test_words_that_no_language_writes(text: str, mixed: int, garbled: int) -> None:
    assert (mixed_script_words(text), garbled_words(text)) == (mixed, garbled)
