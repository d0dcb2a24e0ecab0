"""Synthetic Vietnamese portal page dumps with known truth, for a held-out check.

Real articles (VietNews, ../shared/data/vietnews-val-3000.jsonl) wrapped in the
chrome of three common kinds of site — a news site, a provincial SharePoint
portal, and a bare page with a source line — with teaser lists made of other
articles' headlines. Written independently of the cleaner's own test pages, with
phrases the cleaner's lexicon was not tuned on, so that its score here estimates
how it does on portals it has not seen.

``make_pages(records, seed)`` returns ``[(file_name, lines, gold)]`` where gold is
in score_gold.py's format.
"""

from __future__ import annotations

import random
import re

MENUS = [
    ["Trang chủ", "Thời sự", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục", "Sức khỏe"],
    ["Trang nhất", "Chính trị", "Xã hội", "Kinh tế", "Văn hóa", "Quốc phòng - An ninh", "Bạn đọc"],
    ["Giới thiệu", "Tin tức - Sự kiện", "Văn bản pháp quy", "Thủ tục hành chính", "Hỏi đáp", "Liên hệ"],
]
TEASER_HEADERS = ["Tin liên quan", "Tin cùng chuyên mục", "Đọc nhiều nhất", "Các tin khác", "Tin mới hơn", "Bài viết khác"]
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
OUTLETS = ["Báo Điện tử Chính phủ", "TTXVN", "Báo Nhân Dân", "VOV.VN", "Cổng TTĐT tỉnh Bình Định"]
PROVINCES = ["Quảng Nam", "Bình Định", "Đồng Tháp", "Nghệ An", "Lào Cai", "Cà Mau"]


def _article(record: dict) -> tuple[str, list[str], list[str]] | None:
    parts = [p.strip() for p in record["text"].split("\n\n") if p.strip()]
    if len(parts) < 3:
        return None
    title, lead = parts[0], parts[1]
    lines = [l.strip() for p in parts[2:] for l in p.split("\n") if l.strip()]
    captions = [l for l in lines if re.search(r"(^|\s)Ảnh\s*:", l)]
    body = [l for l in lines if l not in captions and len(l.split()) >= 6]
    if len(body) < 3 or len(title.split()) < 4:
        return None
    return title, [lead, *body], captions


def _date(rng: random.Random) -> tuple[str, str, str]:
    """(visible text, ISO value, style) of a publication date."""
    y, m, d, hh, mm = rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    iso = f"{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00"
    style = rng.randrange(4)
    text = [
        f"{rng.choice(WEEKDAYS)}, {d}/{m}/{y}, {hh:02}:{mm:02} (GMT+7)",
        f"Ngày đăng: {d:02}/{m:02}/{y} {hh:02}:{mm:02}",
        f"{d:02}/{m:02}/{y} {hh:02}:{mm:02}",
        f"Cập nhật lúc {hh:02}:{mm:02} ngày {d:02}/{m:02}/{y}",
    ][style]
    return text, iso, str(style)


def _teaser_list(rng: random.Random, headlines: list[str], with_dates: bool) -> list[str]:
    out = []
    for headline in rng.sample(headlines, rng.randint(3, 6)):
        out.append(headline)
        if with_dates:
            out.append(f"({rng.randint(1, 28):02}/{rng.randint(1, 12):02}/{rng.randint(2016, 2024)})")
    return out


def _news_site(rng, title, body, captions, headlines):
    date_text, iso, _ = _date(rng)
    menu = rng.choice(MENUS[:2])
    lines = [" | ".join(menu)] if rng.random() < 0.5 else list(menu)
    lines += [f"Trang chủ » {menu[1]} » {rng.choice(menu[2:])}", title, date_text]
    placed = list(body)
    for caption in captions:
        placed.insert(rng.randint(1, len(placed)), caption)
    lines += placed
    lines += ["Chia sẻ", "Facebook", "Zalo", "In bài viết", rng.choice(TEASER_HEADERS)]
    lines += _teaser_list(rng, headlines, with_dates=False)
    lines += ["Bình luận (0)", "Gửi bình luận", f"© Bản quyền thuộc về {rng.choice(OUTLETS)}",
              f"Giấy phép số {rng.randint(100, 999)}/GP-BTTTT do Bộ Thông tin và Truyền thông cấp",
              f"Điện thoại: 024.{rng.randint(1000, 9999)}.{rng.randint(1000, 9999)} - Email: toasoan@example.vn"]
    return lines, {"title": title, "published": iso, "source": None}


def _sharepoint_portal(rng, title, body, captions, headlines):
    date_text, iso, _ = _date(rng)
    province = rng.choice(PROVINCES)
    lines = ["Bỏ qua nội dung chính", "Đăng nhập", f"CỔNG THÔNG TIN ĐIỆN TỬ TỈNH {province.upper()}", *MENUS[2], "Tin mới"]
    lines += _teaser_list(rng, headlines, with_dates=True)
    lines += [f"Tin tức - Sự kiện › {rng.choice(['Tin trong tỉnh', 'Tin hoạt động', 'Chỉ đạo điều hành'])}", title, date_text]
    lines += list(body)
    lines += ["Số lượt xem: %d" % rng.randint(10, 9000), "Xem thêm", rng.choice(TEASER_HEADERS)]
    lines += _teaser_list(rng, headlines, with_dates=True)
    lines += ["Thăm dò ý kiến", "Bạn đánh giá thế nào về giao diện cổng thông tin?", "Đẹp", "Bình thường", "Chưa đẹp", "Biểu quyết",
              f"Cơ quan chủ quản: Ủy ban nhân dân tỉnh {province}", f"Lượt truy cập: {rng.randint(100000, 9999999):,}".replace(",", ".")]
    return lines, {"title": title, "published": iso, "source": None}


def _bare_page(rng, title, body, captions, headlines):
    outlet = rng.choice(OUTLETS)
    lines = [title, *body, f"Nguồn: {outlet}"]
    return lines, {"title": title, "published": None, "source": outlet}


STYLES = (_news_site, _sharepoint_portal, _bare_page)


def make_pages(records: list[dict], *, seed: int = 7, count: int = 150) -> list[tuple[str, list[str], dict]]:
    rng = random.Random(seed)
    articles = [a for a in (_article(r) for r in records) if a is not None]
    headlines = [a[0] for a in articles]
    pages = []
    for i, (title, body, captions) in enumerate(articles[:count]):
        style = STYLES[i % len(STYLES)]
        others = [h for h in headlines if h != title]
        lines, meta = style(rng, title, body, captions, others)
        gold = {**meta, "body": body, "captions": captions}
        pages.append((f"portal_{i:04}_{style.__name__.strip('_')}.txt", lines, gold))
    return pages
