"""Synthetic Vietnamese portal pages (real VietNews articles in portal chrome), scored
with ../shared/tools/score_gold.py like the WCXB pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import load_module

from dxclean.config import Config
from dxclean.html import parse_html


vn_portal = load_module("vn_portal", Path(__file__).parent / "vn_portal.py")
VIETNEWS = vn_portal.VIETNEWS

SCORER = VIETNEWS.parents[1] / "tools" / "score_gold.py"
pytestmark = pytest.mark.skipif(not VIETNEWS.exists() or not SCORER.exists(), reason="shared data not available")


def test_vietnamese_portal_pages():
    scorer = load_module("score_gold", SCORER)
    articles = vn_portal.load_articles(300, 45)
    gold, records, sources = {}, [], 0
    for i in range(30):
        page, truth = vn_portal.make_page(articles[i], articles[i + 1 : i + 11], seed=1000 + i)
        name = f"vn{i:03d}.html"
        gold[name] = truth
        doc = parse_html(page.encode(), source_path=name, doc_id=name, config=Config())
        records.append({"source_path": name, "text": doc.body_text, "title": doc.title, "published": doc.published})
        sources += doc.source == truth["source"]
        assert "Văn bản ẩn" not in " ".join(b.text for b in doc.blocks)
    _, total = scorer.score(gold, records)
    assert total["F1"] >= 0.98, total
    assert total["title"] == 30 and total["date"] == 30 and sources == 30, total
