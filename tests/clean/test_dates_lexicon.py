"""Date formats and lexicon shapes, data-driven."""

from __future__ import annotations

import pytest

from dxclean.clean import dates, lexicon

DATES = [
    ("13/07/2023 | 15:35 PM", "2023-07-13T15:35:00"),
    ("31/08/2024 | 01:44 PM", "2024-08-31T13:44:00"),
    ("Thứ Năm, ngày 14/08/2025 04:15", "2025-08-14T04:15:00"),
    ("Thứ Bẩy, ngày 09/08/2025 11:06", "2025-08-09T11:06:00"),
    ("Cập nhật: 10:15 05/09/2023", "2023-09-05T10:15:00"),
    ("Thứ hai, 4/9/2023, 08:30 (GMT+7)", "2023-09-04T08:30:00"),
    ("Cập nhật lúc 08h30 ngày 04/09/2023", "2023-09-04T08:30:00"),
    ("ngày 14 tháng 8 năm 2025", "2025-08-14"),
    ("2024-08-31T13:44:00+07:00", "2024-08-31T13:44:00"),
    ("September 4, 2025", "2025-09-04"),
    ("Sep. 4, 2025 5:50 am", "2025-09-04T05:50:00"),
    ("Published 12th March 2024 at 12:05 am", "2024-03-12T00:05:00"),
    ("OCTOBER 13, 2025", "2025-10-13"),
]


@pytest.mark.parametrize("text,iso", DATES)
def test_date_line(text, iso):
    assert dates.date_line(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 12/7/2023, Thủ tướng chủ trì hội nghị trực tuyến toàn quốc về chuyển đổi số quốc gia.",
        "Đề án 06/CP được triển khai từ năm 2022",
        "31/02/2023",
        "Tel: 024 3845 3567",
        "",
    ],
)
def test_not_a_date_line(text):
    assert dates.date_line(text) is None


@pytest.mark.parametrize(
    "text,reason",
    [
        ("Skip to main content", "portal navigation phrase"),
        ("Xuất bản thông tin Xuất bản thông tin", "portal navigation phrase"),
        ("Theo dõi Báo Tin tức trên", "share/follow prompt"),
        ("Follow us on Twitter", "share/follow prompt"),
        ("Bản quyền © 2024 Cổng thông tin điện tử Chính phủ", "footer line"),
        ("Tin theo lĩnh vực Chuyển đổi số", "category label"),
        ("Thăm dò ý kiến", "portal navigation phrase"),
    ],
)
def test_chrome_phrases(text, reason):
    assert lexicon.chrome_phrase(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Theo dõi sát diễn biến thời tiết, các địa phương đã chủ động sơ tán người dân khỏi vùng nguy hiểm trên địa bàn.",
        "Xem thêm các hướng dẫn của Bộ Y tế về phòng bệnh.",
        "Chia sẻ kinh nghiệm, đại diện tỉnh cho biết đã số hóa toàn bộ hồ sơ.",
    ],
)
def test_body_sentences_are_not_phrases(text):
    assert lexicon.chrome_phrase(text) is None
    assert lexicon.zone_header(text) is None


@pytest.mark.parametrize("text", ["Tin liên quan", "TIN KHÁC", "Có thể bạn quan tâm", "Related articles:", "You may also like", "109 Comments"])
def test_zone_headers(text):
    assert lexicon.zone_header(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("IMG_0006.jpg", True), ("img4019-16719482147861403390754.jpg", True), ("chi-dao.JPG", True),
        ("Ảnh đại biểu.", False), ("Tải về tại đây", False),
    ],
)
def test_image_file_names(text, expected):
    assert lexicon.image_file_name(text) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Toàn cảnh hội nghị - Ảnh: VGP/Nhật Bắc", True),
        ("Hiện trường vụ việc (Ảnh: Người Lao Động).", True),
        ("Ảnh minh hoạ.", True),
        ("A healthy tomato plant. Photo: Jane Doe", True),
        ("Thủ tướng phát biểu tại hội nghị.", False),
    ],
)
def test_caption_markers(text, expected):
    assert lexicon.has_caption_marker(text) is expected
