"""parse_html metadata: publication day and time, datelines near the title, title
without the site part, "Theo <outlet>" source lines. Data-driven: each case is a page
skeleton (head, what comes before and after the headline, the end of the article)
and the expected title / published / source."""

from __future__ import annotations

import pytest

from dxclean.config import Config
from dxclean.html import parse_html
from dxclean.html.dates import published_value
from dxclean.html.metadata import strip_site_suffix

PARAS = [
    "Chính phủ vừa ban hành nghị định mới về quản lý đầu tư công, có hiệu lực từ ngày ký, nhằm tháo gỡ "
    "vướng mắc cho các địa phương trong giải ngân vốn.",
    "Các bộ, ngành và địa phương phải hoàn thành việc phân bổ vốn trước ngày 31 tháng 12, đồng thời báo cáo "
    "định kỳ hằng quý về tiến độ thực hiện các dự án trọng điểm.",
    "Bộ Tài chính được giao chủ trì, phối hợp với các cơ quan liên quan hướng dẫn, kiểm tra việc thực hiện "
    "nghị định này trên phạm vi cả nước trong năm tới.",
]
HEADLINE = "Ban hành nghị định về đầu tư công"


def page(*, head: str = "", before: str = "", heading: str = f"<h1>{HEADLINE}</h1>", after: str = "",
         end: str = "", title: str | None = None) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    html = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{title if title is not None else HEADLINE + " - Cổng TTĐT tỉnh"}</title>{head}</head><body>
<div class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/ts">Thời sự</a></li></ul></div>
<div class="detail">{before}{heading}{after}<div class="content">{body}{end}</div></div>
<div class="footer"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh. Địa chỉ: số 1 đường Lê Lợi.</p></div>
</body></html>"""
    return html.encode("utf-8")


META_TIME = '<meta property="article:published_time" content="2024-03-01T19:26:00+07:00">'

CASES = [
    # --- publication day and time ---
    dict(name="meta-time-and-visible-dateline", page=dict(head=META_TIME, after='<div class="date">01/03/2024 19:26</div>'),
         published="2024-03-01T19:26:00"),
    dict(name="visible-time-wins-over-meta-time",
         page=dict(head=META_TIME, after='<div class="date">Thứ Sáu, 01/03/2024 12:05 (GMT+7)</div>'),
         published="2024-03-01T12:05:00"),
    dict(name="meta-time-visible-day-only", page=dict(head=META_TIME, after='<div class="date">Ngày 1 tháng 3 năm 2024</div>'),
         published="2024-03-01"),
    dict(name="meta-time-no-visible-dateline", page=dict(head=META_TIME), published="2024-03-01"),
    dict(name="visible-dateline-of-another-day-adds-no-time",
         page=dict(head=META_TIME, after='<div class="date">Cập nhật: 10:15 05/03/2024</div>'), published="2024-03-01"),
    dict(name="dateline-before-h1-outside-content",
         page=dict(before='<div class="ngay">Thứ Năm, 14/08/2025 04:15</div>'), published="2025-08-14T04:15:00"),
    dict(name="span-date-before-h1-day-only", page=dict(before='<span class="date">(19/02/2015)</span>'),
         published="2015-02-19"),
    dict(name="time-before-the-day", page=dict(after='<div class="time">Cập nhật: 10:15 05/09/2023</div>'),
         published="2023-09-05T10:15:00"),
    dict(name="separated-time", page=dict(after='<div class="NgayDang">Ngày đăng: 15/09/2016 | 08:36</div>'),
         published="2016-09-15T08:36:00"),
    dict(name="vietnamese-19h26", page=dict(after='<div class="date">19h26 ngày 01/03/2024</div>'),
         published="2024-03-01T19:26:00"),
    dict(name="english-dateline-pm", page=dict(after='<p class="byline">Sept. 4, 2025 3:05 pm</p>'),
         published="2025-09-04T15:05:00"),
    dict(name="dated-teaser-far-below-is-not-a-dateline",
         page=dict(end='<div class="tin-khac"><h3>Tin khác</h3><ul><li><a href="/1">Một tin khác về đầu tư công '
                       'của tỉnh</a> (12/03/2023)</li></ul></div>'),
         published=None),
    # --- title ---
    dict(name="title-suffix-with-dash-inside-headline",
         page=dict(title="Ở tuổi 25 Sơn Tùng M - TP giàu có cỡ nào? - Trang thông tin điện tử huyện Cần Giờ",
                   heading='<div class="tieude">Bài viết</div>'),
         title="Ở tuổi 25 Sơn Tùng M - TP giàu có cỡ nào?"),
    dict(name="title-from-visible-h2",
         page=dict(title="Chụp X - quang ngực miễn phí cho người dân - Trang thông tin điện tử thị xã Ba Đồn",
                   heading='<h2 class="tieude-tin">Chụp X - quang ngực miễn phí cho người dân</h2>'),
         title="Chụp X - quang ngực miễn phí cho người dân"),
    dict(name="title-site-name-first",
         page=dict(title="Báo Sông Hàn - Ban hành nghị định về đầu tư công",
                   head='<meta property="og:site_name" content="Báo Sông Hàn">', heading=""),
         title="Ban hành nghị định về đầu tư công"),
    dict(name="title-pipe-separated-sections",
         page=dict(title="Ban hành nghị định về đầu tư công | Thời sự | Cổng TTĐT tỉnh", heading=""),
         title="Ban hành nghị định về đầu tư công"),
    dict(name="title-site-name-in-header-is-not-the-title",
         page=dict(title="Cổng TTĐT tỉnh Kon Tum - Ban hành nghị định về đầu tư công", heading="",
                   head='<meta property="og:site_name" content="Cổng TTĐT tỉnh Kon Tum">',
                   before='<div class="logo">Cổng TTĐT tỉnh Kon Tum</div>'),
         title="Ban hành nghị định về đầu tư công"),
    dict(name="title-short-visible-prefix-is-not-preferred",
         page=dict(title="Kon Tum - Ban hành nghị định mới về quản lý đầu tư công năm 2024 | Cổng TTĐT", heading="",
                   before='<div class="logo">Kon Tum</div>'),
         title="Kon Tum - Ban hành nghị định mới về quản lý đầu tư công năm 2024"),
    # --- source line ---
    dict(name="theo-outlet", page=dict(end="<p><em>Theo TTXVN</em></p>"), source="TTXVN"),
    dict(name="theo-outlet-in-parentheses", page=dict(end="<p>(Theo Báo Nhân Dân)</p>"), source="Báo Nhân Dân"),
    dict(name="theo-sentence-is-not-a-source",
         page=dict(end="<p>Theo ông Nguyễn Văn An, dự án sẽ hoàn thành trong năm nay.</p>"), source=None),
    dict(name="theo-lowercase-is-not-a-source", page=dict(end="<p>Theo kế hoạch.</p>"), source=None),
    dict(name="nguon-with-colon", page=dict(end="<p><b>Nguồn: VOV</b></p>"), source="VOV"),
]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_metadata_cases(case):
    doc = parse_html(page(**case["page"]), source_path="p.html", doc_id="p", config=Config())
    for key in ("title", "published", "source"):
        if key in case:
            assert getattr(doc, key) == case[key], key
    assert doc.body_text.startswith(PARAS[0])  # metadata lines never displace the article


def test_source_line_is_labelled_and_leaves_the_body():
    doc = parse_html(page(end="<p><em>Theo TTXVN</em></p>"), source_path="p.html", doc_id="p", config=Config())
    line = next(b for b in doc.blocks if b.text == "Theo TTXVN")
    assert line.label == "source" and line.reason == "source line"
    assert "Theo TTXVN" not in doc.body_text


def test_theo_is_a_first_name_on_english_pages():
    html = page(end="<p>Theo Walcott</p>").replace(b'lang="vi"', b'lang="en"')
    doc = parse_html(html, source_path="p.html", doc_id="p", config=Config())
    assert doc.source is None
    assert next(b for b in doc.blocks if b.text == "Theo Walcott").label != "source"


def test_sentence_starting_theo_stays_in_the_body():
    sentence = "Theo ông Nguyễn Văn An, dự án sẽ hoàn thành trong năm nay."
    doc = parse_html(page(end=f"<p>{sentence}</p>"), source_path="p.html", doc_id="p", config=Config())
    assert doc.body_text.endswith(sentence)


def test_time_source_is_recorded():
    doc = parse_html(page(head=META_TIME, after='<div class="date">01/03/2024 19:26</div>'),
                     source_path="p.html", doc_id="p", config=Config())
    assert doc.metadata["html"]["date_from"] == "meta article:published_time"
    assert doc.metadata["html"]["time_from"] == "visible dateline"


@pytest.mark.parametrize("meta_time_alone, expected", [(False, "2024-03-01"), (True, "2024-03-01T19:26:00")])
def test_meta_time_without_dateline_is_a_switch(meta_time_alone, expected):
    assert published_value(meta_day="2024-03-01", meta_clock="19:26", visible_day=None, visible_clock=None,
                           meta_time_alone=meta_time_alone) == expected
    # midnight in metadata is a CMS default, not a time
    assert published_value(meta_day="2024-03-01", meta_clock="00:00", visible_day=None, visible_clock=None,
                           meta_time_alone=True) == "2024-03-01"


@pytest.mark.parametrize("title, site, host, expected", [
    ("Bão số 3 đổ bộ - Báo Tuổi Trẻ", None, None, "Bão số 3 đổ bộ"),
    ("Mưa lớn - Hà Nội", None, None, "Mưa lớn"),  # too short a rest: the longest part
    ("Giá vàng tăng mạnh trong phiên sáng - VnExpress", None, "vnexpress.net", "Giá vàng tăng mạnh trong phiên sáng"),
    ("Tin tức | Giá vàng tăng mạnh trong phiên sáng nay | Báo Mới", "Báo Mới", None,
     "Giá vàng tăng mạnh trong phiên sáng nay"),
    ("Không có dấu phân cách", None, None, "Không có dấu phân cách"),
])
def test_strip_site_suffix(title, site, host, expected):
    assert strip_site_suffix(title, site, host=host) == expected
