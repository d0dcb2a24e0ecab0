"""Regression: every labelled line of the five seeds (../shared/gold/seeds.json).

Runs ``chrome`` + ``metadata`` on the seeds as the text reader gives them and
compares each line's label with the gold, then title, date, source, captions and
body. Gold "dup" lines (a paragraph repeated inside the article) are the dedup
step's business, so here they must simply stay in the body.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from dxclean.config import Config
from dxclean.model import Document
from dxclean.steps.base import StepStats
from dxclean.steps.chrome import LabelChrome
from dxclean.steps.metadata import ExtractMetadata

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD_PATH = SHARED / "gold" / "seeds.json"
pytestmark = pytest.mark.skipif(not GOLD_PATH.exists(), reason="shared seeds not available")
GOLD = json.loads(GOLD_PATH.read_text(encoding="utf-8")) if GOLD_PATH.exists() else {}


def cleaned(name: str) -> tuple[Document, list[int]]:
    raw = (SHARED / "seeds" / name).read_text(encoding="utf-8").split("\n")
    numbered = [(n + 1, line.strip()) for n, line in enumerate(raw) if line.strip()]
    doc = Document.from_texts(name, name, [line for _, line in numbered])
    LabelChrome(Config()).process(doc, StepStats())
    ExtractMetadata(Config()).process(doc, StepStats())
    return doc, [n for n, _ in numbered]


def norm(text):
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@pytest.mark.parametrize("name", sorted(GOLD))
def test_line_labels(name):
    doc, line_numbers = cleaned(name)
    gold = {x["line"]: x["label"] for x in GOLD[name]["lines"]}
    wrong = []
    for block, line in zip(doc.blocks, line_numbers):
        want = "body" if gold[line] == "dup" else gold[line]
        if block.label != want:
            wrong.append((line, want, block.label, block.reason, block.text[:60]))
    assert not wrong


@pytest.mark.parametrize("name", sorted(GOLD))
def test_record_fields(name):
    doc, _ = cleaned(name)
    gold = GOLD[name]
    assert norm(doc.title) == norm(gold["title"])
    assert (doc.published or "")[:16] == (gold["published"] or "")[:16]
    assert norm(doc.source) == norm(gold["source"])
    assert [norm(b.text) for b in doc.blocks if b.label == "caption"] == [norm(c) for c in gold["captions"]]
    body = [norm(b.text) for b in doc.blocks if b.label == "body"]
    assert [p for p in body if p in {norm(g) for g in gold["body"]}] == body  # paragraph precision 1
    assert {norm(g) for g in gold["body"]} <= set(body)  # paragraph recall 1
    assert doc.language == "vi"
