"""Synthetic Vietnamese portal pages: a real VietNews article wrapped in portal chrome.

The markup imitates common Vietnamese news/government portal templates (menu,
breadcrumb, sapo, dateline, photo with caption, "Nguồn:" line, "Tin liên quan" and
"Tin khác" boxes with teaser summaries, comment form, footer), with layouts varied
by a seeded RNG so that no single class name or position carries the result.
"""

from __future__ import annotations

import html
import json
import random
from pathlib import Path

VIETNEWS = Path(__file__).resolve().parents[3] / "shared" / "data" / "vietnews-val-3000.jsonl"
MENU = ["Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Pháp luật", "Thế giới", "Văn hóa", "Thể thao", "Giáo dục"]
SOURCES = ["TTXVN", "Báo Chính phủ", "VOV", "Báo Nhân Dân", "Cổng TTĐT tỉnh"]


def load_articles(start: int, count: int) -> list[dict]:
    """VietNews records ``start .. start+count`` as {title, sapo, body: [paragraphs]}."""
    out = []
    with VIETNEWS.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index < start:
                continue
            if len(out) >= count:
                break
            parts = [p.strip() for p in json.loads(line)["text"].split("\n\n") if p.strip()]
            if len(parts) < 3:
                continue
            body = [s.strip() for s in "\n".join(parts[2:]).split("\n") if len(s.split()) >= 6]
            if len(body) >= 3:
                out.append({"title": parts[0], "sapo": parts[1], "body": body})
    return out


def _links(items: list[str]) -> str:
    return "".join(f'<li><a href="/tin/{i}.html">{html.escape(t)}</a></li>' for i, t in enumerate(items))


def make_page(article: dict, others: list[dict], seed: int) -> tuple[str, dict]:
    """(HTML, gold) for one article; gold follows score_gold.py's format."""
    rng = random.Random(seed)
    day, month, hour, minute = rng.randint(1, 28), rng.randint(1, 12), rng.randint(6, 22), rng.randint(0, 59)
    year = rng.choice([2022, 2023, 2024])
    source = rng.choice(SOURCES)
    esc = html.escape
    related = [o["title"] for o in others[:4]]
    teasers = "".join(
        f'<div class="item"><h3><a href="/t/{i}">{esc(o["title"])}</a></h3><p class="sapo">{esc(o["sapo"])}</p></div>'
        for i, o in enumerate(others[4:7])
    )
    body = "".join(f"<p>{esc(p)}</p>" for p in article["body"])
    photo = (f'<figure class="image"><img src="/a.jpg" alt="Ảnh minh họa"><figcaption>Quang cảnh buổi làm việc. '
             f'(Ảnh: {esc(source)})</figcaption></figure>')
    paragraphs = article["body"]
    cut = len(paragraphs) // 2
    body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs[:cut]) + photo + "".join(
        f"<p>{esc(p)}</p>" for p in paragraphs[cut:])
    date_line = rng.choice([
        f"Thứ năm, {day:02d}/{month:02d}/{year} {hour:02d}:{minute:02d} (GMT+7)",
        f"Cập nhật: {hour:02d}:{minute:02d} ngày {day}/{month}/{year}",
        f"Ngày {day} tháng {month} năm {year}",
    ])
    wrapper = rng.choice(["detail-content", "noidung", "article-body", "content"])
    meta_date = (f'<meta property="article:published_time" content="{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00+07:00">'
                 if rng.random() < 0.5 else "")
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{esc(article["title"])} - Cổng thông tin điện tử</title>
<meta property="og:title" content="{esc(article["title"])}">{meta_date}
<meta property="og:site_name" content="Cổng thông tin điện tử">
<script>var x = "<p>không phải văn bản</p>";</script><style>.a{{color:red}}</style></head>
<body><div id="wrapper"><div class="header"><div class="logo"><a href="/">Cổng thông tin điện tử</a></div>
<ul class="menu-top">{_links(MENU)}</ul><form class="search"><input name="q"><button>Tìm kiếm</button></form></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/thoi-su">Thời sự</a></div>
<div class="main-col"><div class="{wrapper}">
<h1 class="title">{esc(article["title"])}</h1><div class="date">{date_line}</div>
<div class="share"><a href="#">Chia sẻ</a> <a href="#">In bài</a></div>
<p class="sapo"><strong>{esc(article["sapo"])}</strong></p>
{body}
<p style="text-align:right"><strong>Nguồn: {esc(source)}</strong></p>
<div class="box-tin-lien-quan"><h3>Tin liên quan</h3><ul>{_links(related)}</ul></div>
</div>
<div class="box-tin-khac"><h2>Tin khác</h2>{teasers}</div>
<div class="binh-luan"><h3>Ý kiến bạn đọc</h3><form><textarea></textarea><input type="submit" value="Gửi"></form></div>
</div><div class="col-right"><div class="tin-xem-nhieu"><h3>Xem nhiều nhất</h3><ul>{_links([o["title"] for o in others[7:10]])}</ul></div>
<div class="quang-cao"><img src="/ads.gif" alt="">Quảng cáo</div></div>
<div class="footer"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh. Địa chỉ: số 1 đường Lê Lợi, thành phố.</p>
<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div>
<div style="display:none">Văn bản ẩn không được xuất hiện</div></div></body></html>"""
    gold = {
        "title": article["title"],
        # The page shows the time when its dateline does: so does the truth.
        "published": f"{year}-{month:02d}-{day:02d}" + (f"T{hour:02d}:{minute:02d}:00" if ":" in date_line else ""),
        "source": source,
        "body": [article["sapo"], *paragraphs],
    }
    return page, gold
