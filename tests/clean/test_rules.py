"""One page per rule of the title/teaser decisions (each fails without its rule)."""

from __future__ import annotations

from dxclean.clean.classify import analyse

LEAD = [
    "Sáng nay, Ủy ban nhân dân tỉnh đã tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm 2023 "
    "và triển khai nhiệm vụ cho năm tới với sự tham dự của các sở, ngành.",
    "Theo báo cáo, trong năm qua trên địa bàn tỉnh đã xảy ra nhiều đợt mưa lớn, gây thiệt hại đáng kể về nhà cửa, "
    "hoa màu và cơ sở hạ tầng của người dân.",
    "Phát biểu chỉ đạo, Phó Chủ tịch tỉnh đề nghị các địa phương chủ động rà soát phương án, không để bị động khi "
    "có tình huống xấu xảy ra trong mùa mưa bão sắp tới.",
]
TITLE = "Hội nghị tổng kết công tác phòng chống thiên tai năm 2023"
DATELINE = "Thứ hai, 08/01/2024 - 09:15"


def test_trailing_headline_summary_items_are_teasers():
    items = [
        "Khánh thành cây cầu mới nối liền hai bờ sông ở huyện miền núi",
        "Cây cầu dài 120 mét được xây dựng bằng nguồn vốn ngân sách tỉnh giúp người dân đi lại thuận tiện hơn.",
        "Nông dân phấn khởi vì vụ lúa đông xuân được mùa được giá",
        "Năng suất lúa bình quân đạt hơn 65 tạ mỗi héc ta, cao hơn so với cùng kỳ năm trước.",
        "Hàng trăm thanh niên tham gia hiến máu tình nguyện dịp đầu năm",
        "Chương trình thu về hơn 300 đơn vị máu, góp phần bổ sung nguồn máu dự trữ cho bệnh viện tỉnh.",
    ]
    lines = [TITLE, DATELINE, *LEAD, *items, "Liên hệ"]
    labels = [d.label for d in analyse(lines).decisions]
    assert labels[2:5] == ["body"] * 3
    assert labels[5:11] == ["teaser"] * 6


def test_sections_followed_by_text_stay_body():
    # The same shape inside an article (subheading + paragraph) is followed by more text.
    sections = [
        "Những điểm mới trong quy định về phòng chống thiên tai",
        "Quy định mới yêu cầu các địa phương lập kế hoạch ứng phó chi tiết cho từng loại hình thiên tai.",
        "Trách nhiệm của chính quyền cấp xã trong mùa mưa bão",
        "Chính quyền cấp xã phải tổ chức diễn tập định kỳ và thông báo kịp thời cho người dân.",
        "Vai trò của lực lượng xung kích tại các thôn bản",
        "Lực lượng xung kích được tập huấn kỹ năng cứu hộ và sơ cứu ban đầu cho người bị nạn.",
    ]
    lines = [TITLE, DATELINE, LEAD[0], *sections, LEAD[1], LEAD[2]]
    labels = [d.label for d in analyse(lines).decisions]
    assert labels[2:] == ["body"] * (len(lines) - 2)


def test_breadcrumb_label_above_the_title_is_not_the_title():
    # "Thời sự" repeats in the menu; the title has the dateline right under it.
    lines = ["Trang chủ", "Thời sự", "Chính trị", "Thời sự", TITLE, DATELINE, *LEAD]
    found = analyse(lines)
    assert (found.title, found.date) == (4, 5)


def test_title_reached_over_a_strip_of_short_controls():
    controls = ["Chia sẻ", "Nghe", "0:00", "4:12", "Bài đầy đủ", "Chọn tốc độ đọc", "Giọng nữ miền Bắc",
                "Giọng nam miền Nam", "Chọn giọng đọc", "Tự động phát"]
    lines = ["Thời sự", "Thế giới", TITLE, "15/03/2024 10:20 GMT+7", *controls, *LEAD]
    found = analyse(lines)
    assert (found.title, found.date) == (2, 3)


def test_an_email_byline_is_not_the_title():
    lines = ["Thời sự", TITLE, "Minh Anh - minhanh@example.vn", "15/03/2024 10:20 GMT+7", *LEAD]
    assert analyse(lines).title == 1


def test_a_header_zone_stops_at_the_title_and_dateline_above_the_lead():
    # "Tin nổi bật" opens a zone over the menu; it must not swallow the article's title and date.
    menu = ["Tin nổi bật", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản", "Thủ tục hành chính", "Hỏi đáp"]
    lines = [*menu, TITLE, "Cập nhật: 23:41 16/09/2024", *LEAD, "Liên hệ"]
    found = analyse(lines)
    assert (found.title, found.date) == (6, 7)
    assert [d.label for d in found.decisions[8:11]] == ["body"] * 3


def test_a_short_article_wins_over_the_summaries_of_a_listing_after_a_header():
    short = LEAD[:1]
    listing = ["Tin khác"]
    for k in range(5):
        listing += [f"Tỉnh tổ chức hội nghị chuyên đề lần thứ {k + 2} về phát triển kinh tế nông thôn",
                    f"Hội nghị lần thứ {k + 2} đã thảo luận và thống nhất nhiều giải pháp để có thể nâng cao thu nhập "
                    "cho người dân ở các huyện miền núi trong năm nay và những năm tới."]
    lines = [TITLE, DATELINE, *short, *listing, "Liên hệ"]
    found = analyse(lines)
    labels = [d.label for d in found.decisions]
    assert labels[2] == "body"
    assert set(labels[3:-1]) == {"teaser"}
    assert found.title == 0


def test_a_header_zone_runs_over_its_headline_summary_items_then_stops_at_prose():
    box = ["Tin liên quan",
           "Tỉnh tổ chức hội nghị chuyên đề về phát triển kinh tế nông thôn miền núi",
           "Hội nghị đã thảo luận và thống nhất nhiều giải pháp để có thể nâng cao thu nhập cho người dân ở các huyện.",
           "Nông dân phấn khởi vì vụ lúa đông xuân được mùa được giá",
           "Năng suất lúa bình quân đạt hơn 65 tạ mỗi héc ta, cao hơn so với cùng kỳ năm trước ở nhiều xã."]
    lines = [TITLE, DATELINE, LEAD[0], *box, LEAD[1], LEAD[2]]
    labels = [d.label for d in analyse(lines).decisions]
    assert labels[3:8] == ["teaser"] * 5
    assert labels[8] == labels[9] == "body"


def _source(tail: list[str]) -> str | None:
    return analyse([TITLE, DATELINE, *LEAD, *tail]).source_name


def test_an_author_name_closing_a_record_is_not_a_source():
    assert _source(["Phan Hoàng"]) is None
    assert _source(["Mộc Miên (Tổng hợp)"]) is None


def test_a_photo_credit_closing_a_record_is_not_a_source():
    assert _source(["Ảnh minh hoạ"]) is None


def test_credit_lines_are_sources():
    assert _source(["Theo", "Forbes"]) == "Forbes"  # split over two lines by the dump
    assert _source(["(Theo TTXVN)"]) == "TTXVN"
    assert _source(["Nguồn: Chinhphu.vn"]) == "Chinhphu.vn"


def test_an_agency_shaped_name_closing_the_text_is_a_source():
    assert _source(["TTXVN"]) == "TTXVN"
    assert _source(["Baochinhphu.vn"]) == "Baochinhphu.vn"


def test_a_publication_name_before_the_footer_is_a_source():
    assert _source(["Pháp luật và Xã hội", "Liên hệ", "Bản quyền thuộc về Báo điện tử tỉnh"]) == "Pháp luật và Xã hội"
    assert _source(["Pháp luật và Xã hội"]) is None  # nothing after it: could be anything


def test_a_credit_line_inside_a_records_last_paragraph_is_cut_off_as_the_source():
    from dxclean.config import Config
    from dxclean.model import Document
    from dxclean.steps.base import StepStats
    from dxclean.steps.chrome import LabelChrome

    paragraphs = [TITLE, LEAD[0], LEAD[1] + "\n" + LEAD[2] + "\nTheo VOV", "Lực lượng chức năng có mặt tại hiện trường."]
    doc = Document.from_texts("r", "v.jsonl#1", paragraphs)
    LabelChrome(Config()).process(doc, StepStats())
    assert doc.source == "VOV"
    assert doc.blocks[2].text == LEAD[1] + "\n" + LEAD[2]
    assert [(t.label, t.text) for t in doc.blocks[2].trims] == [("source", "Theo VOV")]
    plain = Document.from_texts("r", "v.jsonl#2", [TITLE, LEAD[0], LEAD[1] + "\nPhan Hoàng"])
    LabelChrome(Config()).process(plain, StepStats())
    assert plain.source is None and plain.blocks[2].trims == []


def test_a_photo_credit_under_a_caption_in_a_records_paragraph_is_not_the_source():
    from dxclean.clean.metadata import credit_in_block

    article_end = LEAD[1] + " " + LEAD[2]
    assert credit_in_block(LEAD[0] + "\nLực lượng chức năng có mặt tại hiện trường.\nNguồn: Reuters.") is None
    assert credit_in_block(article_end + "\nNguồn: TTXVN")[2] == "TTXVN"  # under the text itself
    assert credit_in_block(LEAD[0] + "\nTheo TS.\nVõ Trí Thành, chính phủ sẽ đạt mục tiêu.") is None
    assert credit_in_block(LEAD[0] + "\nTheo ông T") is None


def test_a_title_opening_with_a_detokenised_quote_is_heading_shaped():
    title = "“ Búp bê ” Thanh Thảo: quả ngọt muộn màng sau bao trắc trở"
    found = analyse(["Trang chủ", "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH", "Giới thiệu", "Tin tức", title, DATELINE, *LEAD])
    assert (found.title, found.date) == (4, 5)
