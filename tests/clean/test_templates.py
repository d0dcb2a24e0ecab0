"""The corpus-level ``templates`` step."""

from __future__ import annotations

import pickle

from dxclean.config import Config
from dxclean.model import Document
from dxclean.steps.base import StepStats
from dxclean.steps.templates import LabelTemplateLines, site_of

DISCLAIMER = "Ghi rõ nguồn 'Cổng Thông tin điện tử Sở Y tế' khi phát hành lại thông tin từ website này."
SHARED_PARAGRAPH = (
    "Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, trong những ngày tới khu vực Bắc Bộ tiếp tục có "
    "mưa rào và dông rải rác, cục bộ có mưa to, cần đề phòng lũ quét, sạt lở đất ở vùng núi và ngập úng "
    "cục bộ tại các khu vực trũng thấp của các đô thị lớn."
)


def article(k: int) -> str:
    return f"Bài viết số {k} về hoạt động của ngành y tế địa phương trong tháng {k}, với nhiều kết quả nổi bật."


def run(docs, config=None):
    step = LabelTemplateLines(config or Config())
    stats = StepStats()
    observations = [(i, step.observe(d, stats)) for i, d in enumerate(docs)]
    pickle.dumps(observations)  # observations travel between processes
    plan = step.plan(observations, stats)
    pickle.dumps(plan)
    return [step.apply(d, step.plan_for(plan, i), stats) for i, d in enumerate(docs)], stats


def test_repeated_lines_of_one_site_are_chrome():
    docs = [Document.from_texts(f"a{k}", f"syt/{k}.txt", [article(k), "Sở Y tế tỉnh", DISCLAIMER]) for k in range(5)]
    docs.append(Document.from_texts("b", "other/1.txt", [article(9), DISCLAIMER]))
    docs, stats = run(docs)
    for doc in docs[:5]:
        assert [b.label for b in doc.blocks] == ["body", "chrome", "chrome"]
        assert doc.blocks[2].reason == "template line repeated on 5 pages of syt"
    assert [b.label for b in docs[5].blocks] == ["body", "body"]  # another site
    assert stats.counters["chrome"] == 10


def test_threshold_options():
    docs = [Document.from_texts(f"a{k}", f"syt/{k}.txt", [article(k), "Sở Y tế tỉnh" if k < 2 else f"Dòng {k}"]) for k in range(6)]
    docs, _ = run(docs)
    assert all(d.blocks[1].label == "body" for d in docs)  # 2 pages < template_min_docs
    docs = [Document.from_texts(f"a{k}", f"syt/{k}.txt", [article(k), "Sở Y tế tỉnh" if k < 2 else f"Dòng {k}"]) for k in range(6)]
    docs, _ = run(docs, Config().with_overrides({"clean.template_min_docs": 2, "clean.template_min_share": 0.3}))
    assert [d.blocks[1].label for d in docs[:2]] == ["chrome", "chrome"]


def test_shared_paragraph_on_half_the_pages_is_not_a_template():
    docs = [
        Document.from_texts(f"a{k}", f"news/{k}.txt", [article(k)] + ([SHARED_PARAGRAPH] if k % 2 else []))
        for k in range(8)
    ]
    docs, _ = run(docs)
    assert all(b.label == "body" for d in docs for b in d.blocks)


def test_already_labelled_blocks_are_ignored_and_site_uses_url_host():
    docs = []
    for k in range(4):
        doc = Document.from_texts(f"a{k}", f"dump/{k}.txt", [article(k), "Liên kết website"], url=f"https://www.syt.gov.vn/tin/{k}")
        docs.append(doc)
    docs[0].blocks[1].set_label("chrome", "chrome", "portal navigation phrase")
    docs, _ = run(docs)
    assert docs[0].blocks[1].step == "chrome"
    assert [d.blocks[1].reason for d in docs[1:]] == ["template line repeated on 3 pages of syt.gov.vn"] * 3
    assert site_of(docs[0]) == "syt.gov.vn"


def test_copies_of_one_article_are_not_emptied():
    lines = [SHARED_PARAGRAPH, SHARED_PARAGRAPH.replace("Bắc Bộ", "Trung Bộ"), "Chia sẻ bài viết"]
    docs = [Document.from_texts(f"a{k}", f"mirror/{k}.txt", list(lines)) for k in range(4)]
    docs, stats = run(docs)
    for doc in docs:
        assert [b.label for b in doc.blocks] == ["body", "body", "chrome"]
    assert stats.counters["pages_mostly_template"] == 4
