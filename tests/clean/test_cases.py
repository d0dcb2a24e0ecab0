"""Data-driven label cases (cases.json): each label kind on small real-looking pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxclean.config import Config
from dxclean.model import Document
from dxclean.steps.base import StepStats
from dxclean.steps.chrome import LabelChrome
from dxclean.steps.metadata import ExtractMetadata

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))


def clean(lines: list[str], **kwargs) -> Document:
    doc = Document.from_texts("t", "site/page.txt", list(lines), **kwargs)
    config = Config()
    stats = StepStats()
    LabelChrome(config).process(doc, stats)
    ExtractMetadata(config).process(doc, stats)
    return doc


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    doc = clean(case["lines"])
    got = {str(b.position): b.label for b in doc.blocks}
    wrong = {k: (want, got[k], doc.blocks[int(k)].reason) for k, want in case["labels"].items() if got[k] != want}
    assert not wrong, wrong
    assert doc.title == case["title"]
    if "published" in case:
        assert doc.published == case["published"]
    if "source" in case:
        assert doc.source == case["source"]
    for position, kept in case.get("kept", {}).items():
        block = doc.blocks[int(position)]
        assert block.text == kept
        assert block.trims and all(t.label == "chrome" for t in block.trims)


def test_every_removed_block_has_step_and_reason():
    for case in CASES:
        for block in clean(case["lines"]).blocks:
            if block.label != "body":
                assert block.step in ("chrome", "metadata") and block.reason, block


def test_reader_labels_are_left_alone():
    lines = CASES[1]["lines"]
    doc = Document.from_texts("t", "p.txt", list(lines))
    doc.blocks[10].set_label("chrome", "html", "inside <nav>")
    LabelChrome(Config()).process(doc, StepStats())
    assert (doc.blocks[10].label, doc.blocks[10].step) == ("chrome", "html")


def test_reader_hints_are_used():
    lines = ["Giới thiệu chung về đơn vị và các phòng ban trực thuộc của sở trong năm nay",
             "Sở Tài chính tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ trọng tâm của năm tới với sự tham dự của lãnh đạo các phòng.",
             "Hội nghị đã thảo luận nhiều giải pháp nâng cao hiệu quả quản lý ngân sách, tăng cường kỷ luật tài chính và thực hành tiết kiệm, chống lãng phí."]
    doc = Document.from_texts("t", "p.html", lines)
    doc.blocks[1].features.update({"link_density": 0.9})
    LabelChrome(Config()).process(doc, StepStats())
    assert doc.blocks[1].label == "chrome"


def test_known_title_is_kept_and_its_block_labelled():
    lines = CASES[3]["lines"]
    doc = clean(lines, title="Đà Nẵng khởi công tuyến đường ven biển nối Hội An", published="2023-09-05")
    assert doc.title == "Đà Nẵng khởi công tuyến đường ven biển nối Hội An"
    assert doc.published == "2023-09-05"
    assert doc.blocks[0].label == "title"


def test_language():
    assert clean(CASES[0]["lines"]).language == "vi"
    assert clean(CASES[7]["lines"]).language == "en"


@pytest.mark.parametrize(
    "lines",
    [[], [""], ["|"], ["x" * 200_000], ["\x00\ufffd", "…", "   "], ["Thứ Năm, ngày 99/99/9999 99:99"], ["a"] * 5000],
)
def test_bad_input_never_crashes(lines):
    doc = clean(lines)
    assert len(doc.blocks) == len(lines)


def test_deterministic():
    lines = [line for case in CASES for line in case["lines"]]
    first = [(b.label, b.reason, b.text) for b in clean(lines).blocks]
    second = [(b.label, b.reason, b.text) for b in clean(lines).blocks]
    assert first == second


@pytest.mark.xfail(strict=True, reason="known: the line classifier is not idempotent on its own body "
                   "(menu lines kept beside the title on the first pass are judged again without it); "
                   "re-running on dxclean output is idempotent because such records skip the cleaning steps")
def test_chrome_classifier_is_idempotent_on_its_own_body():
    from dxclean.runner import clean_texts

    page = ["Home", "News", "World", "Business",
            "Правительство правительство правительство правительство правительство, up 25.3% on 2021",
            "Правительство правительство правительство правительство правительство правительство, up 25.3% on 2021."]
    first = clean_texts(page, steps=("chrome", "metadata"))
    second = clean_texts(first["text"].split("\n\n"), steps=("chrome", "metadata"))
    assert second["text"] == first["text"]
