"""Corpus-level quality checks (marked slow; they still run in CI, ~20 s).

- WCXB text dumps (791 English pages, ../shared/data/wcxb-dev): micro token F1
  of the body against gold-text.json must be ≥ 0.95 on the full set, and on each
  half of the fixed split (even positions = dev half used for tuning, odd =
  held-out half).
- Clean VietNews records: the steps must remove almost nothing but the title.
- Synthetic portal pages built from VietNews articles (synthetic_pages.py).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from support import load_module

from dxclean.config import Config
from dxclean.model import Document
from dxclean.readers.load import split_lines, split_paragraphs
from dxclean.steps.base import StepStats
from dxclean.steps.chrome import LabelChrome
from dxclean.steps.metadata import ExtractMetadata
from dxclean.writers.records import document_record

SHARED = Path(__file__).resolve().parents[3] / "shared"
WCXB = SHARED / "data" / "wcxb-dev"
VIETNEWS = SHARED / "data" / "vietnews-val-3000.jsonl"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (WCXB / "gold-text.json").exists() or not VIETNEWS.exists(), reason="shared data not available"),
]


def scorer():
    return load_module("score_gold", SHARED / "tools" / "score_gold.py")


@functools.cache
def _steps() -> tuple[LabelChrome, ExtractMetadata]:
    """One pair of steps for every page, as a worker holds them (the metadata step's
    language model loads once, not once a page)."""
    return LabelChrome(Config()), ExtractMetadata(Config())


def clean(name: str, blocks: list[str]) -> Document:
    doc = Document.from_texts(name, name, blocks)
    for step in _steps():
        step.process(doc, StepStats())
    return doc


@pytest.fixture(scope="module")
def wcxb_scores():
    gold = json.loads((WCXB / "gold-text.json").read_text(encoding="utf-8"))
    names = sorted(gold)
    records = {}
    for name in names:
        lines = split_lines((WCXB / "text" / name).read_text(encoding="utf-8", errors="replace"))
        records[name] = document_record(clean(name, lines))
    score = scorer().score

    def f1(subset):
        return score({n: gold[n] for n in subset}, [records[n] for n in subset])[1]["F1"]

    return {"all": f1(names), "dev": f1(names[0::2]), "heldout": f1(names[1::2])}


def test_wcxb_full_dev_set(wcxb_scores):
    assert wcxb_scores["all"] >= 0.95, wcxb_scores


@pytest.mark.parametrize("half", ["dev", "heldout"])
def test_wcxb_halves(wcxb_scores, half):
    assert wcxb_scores[half] >= 0.95, wcxb_scores


@pytest.mark.parametrize("split", [split_paragraphs, split_lines], ids=["paragraphs", "lines"])
def test_clean_news_records_keep_their_body(split):
    kept = removed = titles = 0
    records = [json.loads(line) for line in VIETNEWS.open(encoding="utf-8")][:300]
    for record in records:
        blocks = split(record["text"])
        doc = clean(record["id"], blocks)
        titles += doc.title == blocks[0]
        for block in doc.blocks[1:]:
            if block.label == "body":
                kept += len(block.text)
            elif block.label not in ("caption", "source"):
                removed += len(block.text)
    assert titles >= 0.97 * len(records)
    assert removed / (kept + removed) < 0.03


def test_synthetic_portal_pages():
    synthetic = load_module("synthetic_pages", Path(__file__).parent / "synthetic_pages.py")
    pages = synthetic.build_pages(150, seed=11)
    gold, records = {}, []
    for name, lines, page_gold in pages:
        gold[name] = page_gold
        records.append(document_record(clean(name, lines)))
    rows, total = scorer().score(gold, records)
    assert total["F1"] >= 0.99, total
    assert total["title"] >= 0.97 * len(pages)
    assert total["date"] >= 0.97 * len(pages)
