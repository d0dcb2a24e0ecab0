"""Portal-like page dumps assembled from real VietNews articles, with their gold.

Five seeds are too few to test a cleaner on, so this builds more: a real article
(title, summary, body sentences) wrapped in the things portals print around it —
skip links, menus, breadcrumbs, headline + date listings of *other* real
articles, share prompts, photo names and captions, "Nguồn:" lines, related-news
zones, "headline / headline / summary" items, polls and footers — in varying
order and formats. Deterministic: page ``k`` depends only on ``seed`` and ``k``.

Gold follows score_gold.py's format: title, published (ISO), body paragraphs.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

VIETNEWS = Path(__file__).resolve().parents[3] / "shared" / "data" / "vietnews-val-3000.jsonl"

MENUS = ["Trang chủ", "Thời sự", "Chính trị", "Kinh tế", "Xã hội", "Pháp luật", "Thế giới", "Văn hóa",
         "Giáo dục", "Sức khỏe", "Thể thao", "Khoa học - Công nghệ", "Bất động sản", "Du lịch", "Video", "Ảnh"]
TOP = [["Skip Ribbon Commands", "Skip to main content"], ["Đăng nhập", "Đăng ký"], ["Tìm kiếm"], ["English"], []]
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
OUTLETS = ["Chinhphu.vn", "TTXVN", "VOV", "Báo Tin tức", "Pháp luật và Xã hội", "baochinhphu.vn", "Nhân Dân"]
ZONES = ["Tin liên quan", "Tin khác", "Có thể bạn quan tâm", "Tin cùng chuyên mục", "Đọc nhiều", "Bài viết liên quan"]
FOOTERS = ["Thăm dò ý kiến", "Xem thêm", "Phiên bản di động", "Bản quyền © 2024 Cổng thông tin điện tử",
           "Địa chỉ: 16 Lê Hồng Phong, Ba Đình, Hà Nội", "Điện thoại: 024.3845.3567", "Lên đầu trang"]


def load_articles(limit: int = 3000) -> list[dict]:
    """(title, summary, body sentences) of VietNews records; captions/bylines dropped."""
    articles = []
    with VIETNEWS.open(encoding="utf-8") as handle:
        for line in handle:
            parts = [p.strip() for p in json.loads(line)["text"].split("\n\n")]
            if len(parts) < 3:
                continue
            body = [s.strip() for s in parts[2].split("\n") if len(s.split()) >= 8]
            if len(body) < 3:
                continue
            articles.append({"title": parts[0], "summary": parts[1], "body": body})
            if len(articles) >= limit:
                break
    return articles


def _date(rng: random.Random) -> tuple[str, str]:
    """(printed date, ISO) in one of the formats Vietnamese portals use."""
    y, m, d, hh, mm = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    iso = f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00"
    wd = rng.choice(WEEKDAYS)
    formats = [
        f"{d:02d}/{m:02d}/{y} | {hh:02d}:{mm:02d} {'PM' if hh >= 12 else 'AM'}",
        f"{wd}, ngày {d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d}",
        f"Cập nhật: {hh:02d}:{mm:02d} {d:02d}/{m:02d}/{y}",
        f"{wd}, {d}/{m}/{y}, {hh:02d}:{mm:02d} (GMT+7)",
        f"{d:02d}/{m:02d}/{y} {hh:02d}:{mm:02d}",
    ]
    return rng.choice(formats), iso


def build_page(articles: list[dict], k: int, seed: int = 7) -> tuple[list[str], dict]:
    rng = random.Random(seed * 100_003 + k)
    art = articles[k % len(articles)]
    others = [articles[(k + 1 + j * 37) % len(articles)] for j in range(24)]
    lines: list[str] = list(rng.choice(TOP))
    menu = rng.sample(MENUS, rng.randint(4, 10))
    lines += menu
    if rng.random() < 0.5:
        lines.append(f"Trang chủ > {rng.choice(menu)}")
    if rng.random() < 0.4:  # listing of other articles' headlines and dates above the article
        for other in others[: rng.randint(3, 10)]:
            lines += [other["title"], _date(rng)[0]]
        lines.append(rng.choice(["Xuất bản thông tin", "Chia sẻ"]))
    if rng.random() < 0.3:
        lines.append(art["title"][:60].rstrip() + "...")
    lines.append(art["title"])
    printed, iso = _date(rng) if rng.random() < 0.8 else (None, None)
    if printed:
        lines.append(printed)
    if rng.random() < 0.3:
        lines.append("|")
    lead = art["summary"]
    if rng.random() < 0.2:
        lines.append(f"Theo dõi {rng.choice(OUTLETS)} trên{lead}")
    else:
        lines.append(lead)
    body = [lead]
    for j, sentence in enumerate(art["body"]):
        if j and rng.random() < 0.15:
            lines.append(f"IMG_{rng.randint(1000, 9999)}.jpg")
            lines.append(rng.choice(others)["body"][0][:90].rstrip(" .,") + " - Ảnh: " + rng.choice(OUTLETS))
        lines.append(sentence)
        body.append(sentence)
    source = None
    if rng.random() < 0.6:
        source = rng.choice(OUTLETS)
        lines.append(rng.choice([f"Nguồn: {source}", f"Theo {source}"]))
    if rng.random() < 0.5:
        lines.append(rng.choice(["Mở Zalo, bấm quét QR để quét và xem trên điện thoại", "Chia sẻ", "In bài"]))
    zone_items = others[10 : 10 + rng.randint(3, 8)]
    lines.append(rng.choice(ZONES))
    style = rng.choice(["list", "triples", "dated"])
    for other in zone_items:
        if style == "list":
            lines.append(("- " if rng.random() < 0.5 else "") + other["title"])
        elif style == "triples":
            lines += [other["title"], other["title"], other["summary"]]
        else:
            lines += [other["title"], _date(rng)[0] + other["summary"]]
    lines += rng.sample(FOOTERS, rng.randint(1, 4))
    gold = {"title": art["title"], "published": iso, "source": source, "body": body}
    return [line for line in lines if line.strip()], gold


def build_pages(n: int, seed: int = 7) -> list[tuple[str, list[str], dict]]:
    articles = load_articles()
    return [(f"synthetic_{k:04d}.txt", *build_page(articles, k, seed)) for k in range(n)]
