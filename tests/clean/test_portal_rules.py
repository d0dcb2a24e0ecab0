"""Government-portal shapes: one page per rule, written for the test (each fails without its rule)."""

from __future__ import annotations

from dxclean.clean.classify import analyse

MENU = ["Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Thủ tục hành chính", "Liên hệ"]
TITLE = "Tỉnh triển khai kế hoạch chuyển đổi số trong các cơ quan nhà nước"
DATELINE = "12/03/2024 08:30"
BODY = [
    "Ngày 11/3, Ủy ban nhân dân tỉnh đã ban hành kế hoạch triển khai chuyển đổi số trong các cơ quan nhà nước "
    "trên địa bàn với nhiều nhiệm vụ cụ thể cho từng sở, ngành và địa phương.",
    "Theo kế hoạch, đến cuối năm nay toàn bộ hồ sơ thủ tục hành chính sẽ được tiếp nhận và trả kết quả qua "
    "môi trường mạng, giúp người dân không phải đi lại nhiều lần.",
    "Các cơ quan được giao nhiệm vụ rà soát hạ tầng, bố trí cán bộ chuyên trách và báo cáo kết quả thực hiện "
    "định kỳ hằng quý cho Sở Thông tin và Truyền thông để tổng hợp.",
]
#: A box of other articles' headlines: long, full of function words, but no sentence ends.
HEADLINES = [
    "Hội nghị tổng kết công tác cải cách hành chính của tỉnh trong năm vừa qua",
    "Lãnh đạo tỉnh thăm và làm việc với các doanh nghiệp tại khu công nghiệp phía bắc",
    "Đẩy mạnh tuyên truyền phòng chống dịch bệnh cho người dân ở các vùng sâu vùng xa",
    "Khánh thành công trình đường giao thông nông thôn tại các xã đặc biệt khó khăn",
]

#: Other articles as "headline / one-sentence summary" items.
ITEMS = [
    "Khánh thành cây cầu mới nối liền hai bờ sông ở huyện miền núi",
    "Cây cầu dài 120 mét được xây dựng bằng nguồn vốn ngân sách tỉnh giúp người dân đi lại thuận tiện hơn.",
    "Nông dân phấn khởi vì vụ lúa đông xuân được mùa được giá",
    "Năng suất lúa bình quân đạt hơn 65 tạ mỗi héc ta, cao hơn so với cùng kỳ năm trước.",
    "Hàng trăm thanh niên tham gia hiến máu tình nguyện dịp đầu năm",
    "Chương trình thu về hơn 300 đơn vị máu, góp phần bổ sung nguồn máu dự trữ cho bệnh viện tỉnh.",
]
SHORT = BODY[:2]


def test_a_box_of_bare_headlines_before_the_title_is_not_body():
    # The box's header is no known zone phrase: only the headlines' own shape tells them apart.
    lines = [*MENU, "Hoạt động của Sở", *HEADLINES, TITLE, DATELINE, *BODY, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    found = analyse(lines)
    labels = [d.label for d in found.decisions]
    start = len(MENU) + 1
    assert "body" not in labels[start:start + len(HEADLINES)]
    assert labels[start + len(HEADLINES) + 2:-1] == ["body"] * len(BODY)
    assert found.title == start + len(HEADLINES)


def test_boxes_of_bare_headlines_after_the_text_are_not_body():
    # Section headers, then each section's headlines (with a video length between two), as on a front page.
    after = ["Thông tin hoạt động", *HEADLINES[:2], "02:05", HEADLINES[2], "Công tác Đảng - Đoàn thể", *HEADLINES[3:],
             "Trao quyết định bổ nhiệm cán bộ lãnh đạo cấp phòng của các sở ngành", "Tổ chức hội thi tìm hiểu pháp luật"
             " dành cho đoàn viên thanh niên"]
    lines = [*MENU, TITLE, DATELINE, *BODY, *after, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    labels = [d.label for d in analyse(lines).decisions]
    start = len(MENU) + 2
    assert labels[start:start + len(BODY)] == ["body"] * len(BODY)
    assert "body" not in labels[start + len(BODY):]


def test_a_dateline_under_a_headline_belongs_to_it_not_to_the_breadcrumb_above():
    # The breadcrumb's last item repeats in the menu and is headline-length; the title is the
    # heading with the dateline right under it, not the line one headline further up.
    crumb = "Báo chí - xuất bản - truyền thông"
    lines = ["Trang chủ", crumb, "Công nghệ thông tin", "Trang chủ", crumb, "Tỉnh triển khai chuyển đổi số", DATELINE, *BODY]
    found = analyse(lines)
    assert (found.title, found.date) == (5, 6)


def test_an_unpunctuated_list_between_paragraphs_stays_body():
    # The shape of a headline box (a long one: a table's rows), but with the article's prose on both
    # sides: a list inside the article.
    tasks = ["hạ tầng công nghệ thông tin", "cán bộ chuyên trách", "kỹ năng số cho công chức", "dịch vụ công trực tuyến",
             "cơ sở dữ liệu dân cư", "an toàn thông tin mạng", "chữ ký số cho lãnh đạo", "hệ thống một cửa điện tử",
             "phần mềm quản lý văn bản", "thanh toán không dùng tiền mặt"]
    items = [f"{verb} {t} của các cơ quan trong tỉnh" for t in tasks for verb in ("Rà soát", "Nâng cấp")]
    more = [p.replace("Ngày 11/3", "Trong tháng tới").replace("Theo kế hoạch", "Ngoài ra") for p in BODY]
    lines = [*MENU, TITLE, DATELINE, *BODY, *items, *more, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    labels = [d.label for d in analyse(lines).decisions]
    start = len(MENU) + 2
    assert labels[start:-1] == ["body"] * (len(lines) - start - 1)


def test_headlines_before_a_listing_of_summaries_are_not_body():
    # After the text: a box of bare headlines (day/month between them), then "headline / one-sentence
    # summary" items. The summaries are teasers, not prose after the box: it still stands after the article.
    box = [HEADLINES[0], "21/02", HEADLINES[1], "21/02", HEADLINES[2], "20/02", "Xem thêm", "Tin liên quan"]
    lines = [*MENU, TITLE, DATELINE, *BODY, *box, *ITEMS, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    labels = [d.label for d in analyse(lines).decisions]
    start = len(MENU) + 2 + len(BODY)
    assert labels[start - len(BODY):start] == ["body"] * len(BODY)
    assert "body" not in labels[start:]


def test_a_listing_right_above_the_title_and_dateline_is_not_the_article():
    # A short article under a "latest news" listing whose header is only a menu label: the
    # listing is not the article, and the title is the heading over the dateline.
    lines = [*MENU, "Tin mới", *ITEMS, TITLE, DATELINE, *SHORT, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    found = analyse(lines)
    start = len(MENU) + 1
    assert "body" not in [d.label for d in found.decisions[:start + len(ITEMS)]]
    assert (found.title, found.date) == (start + len(ITEMS), start + len(ITEMS) + 1)
    assert [d.label for d in found.decisions[start + len(ITEMS) + 2:-1]] == ["body"] * len(SHORT)


def test_a_headline_box_above_the_title_does_not_take_the_title_in():
    # Five bare headlines long enough to pass for summaries, right above the title: paired as
    # "headline / summary", the last pair would be a headline and the title. The title is no item.
    box = [*HEADLINES, "Tuyên dương các tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua"]
    lines = [*MENU, *box, TITLE, DATELINE, *BODY, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    found = analyse(lines)
    assert (found.title, found.date) == (len(MENU) + len(box), len(MENU) + len(box) + 1)


def test_a_credit_line_before_a_trailing_listing_stays_the_source():
    lines = [*MENU, TITLE, DATELINE, *BODY, "(Theo TTXVN)", *ITEMS, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    found = analyse(lines)
    assert found.source_name == "TTXVN"
    assert found.decisions[len(MENU) + 2 + len(BODY)].label != "teaser"


def test_a_date_glued_to_a_byline_right_under_the_title_is_the_date():
    # One text node holds the author and the time: not a bare dateline, still the article's date.
    lines = [*MENU, TITLE, "Tác giả: Nguyễn Văn An - 12/03/2024 08:30", *BODY, "Bản quyền thuộc Sở Thông tin và Truyền thông"]
    found = analyse(lines)
    assert (found.title, found.date, found.published) == (len(MENU), len(MENU) + 1, "2024-03-12T08:30:00")
