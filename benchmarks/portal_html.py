"""Held-out Vietnamese portal HTML pages with known truth, for bench_html_vn.py.

Each page wraps one real article (VietNews records 2000-2999, cut into title, lead and
body sentences by ``portal_pages._article``) in the markup of one of three kinds of
Vietnamese site, with layout details drawn from a seeded RNG:

* ``newspaper``: VnExpress-like (``fck_detail``, ``p.Normal``, ``p.description``) or
  Tuổi Trẻ-like (``detail-content``, ``h2.detail-sapo``, ``RelatedNewsBox``): menu, crumbs,
  h1, sapo, dateline, figure + "Ảnh: ..." caption, "Tin liên quan" box inside the article,
  author and sometimes "Theo ..." line, comments, "Đọc nhiều" and "Tin cùng chuyên mục"
  (headline + summary + date), footer with licence and address.
* ``government``: SharePoint/chinhphu.vn-like: ribbon with "Bỏ qua nội dung chính" and
  "Xuất bản thông tin", table layout, today's date in the banner, ``ms-rtestate-field``
  body (``<p>`` or ``<div>`` paragraphs, photo in an ``ms-rteTable``), title in an h1 or
  in a styled span, print/email links, "Các tin khác" with (dd/mm/yyyy), poll, footer.
* ``provincial``: bootstrap div soup (``col-md-8``, ``box``, ``content-detail``), title in
  a div or h3, the article as ``<br>``-separated text in one div, "Nguồn: ..." line,
  sidebar boxes, visitor counter.

Head metadata varies: og:title with a site suffix, og:site_name, article:published_time,
or nothing but a ``<title>``, so that the date and title must sometimes come from the page.

Truth (score_gold.py format): ``title``; ``published`` (local ISO time, or the day only when
the page shows only a day); ``body`` = [lead, *body sentences] (the lead is part of the
article; captions, author, source and teaser lines are not); ``captions``; ``source`` =
the outlet of a "Nguồn:/Theo" line, else og:site_name when declared, else None.

Independence: nothing is imported from the cleaner or from ``tests/html/vn_portal.py``;
the articles (2000-2999) are not those of the cleaner's tests; class names and chrome
wordings were written from memory of real sites, not from the cleaner's lexicon.
"""

from __future__ import annotations

import random
from html import escape as esc

from portal_pages import _article

OUTLETS = ["TTXVN", "Báo Nhân Dân", "VOV", "Báo Quân đội nhân dân", "Báo Lao Động", "Sở Thông tin và Truyền thông",
           "Báo Tin tức", "Trung tâm Văn hóa - Thể thao huyện"]
PAPERS = ["Báo Sông Hàn", "Tin Nhanh Việt", "Báo Điện tử Đồng Nai Mới", "Người Đọc Online"]
PLACES = ["Hà Tĩnh", "Phú Yên", "Kon Tum", "Hải Dương", "Sóc Trăng", "Tuyên Quang"]
DISTRICTS = ["huyện Krông Pa", "huyện Tam Nông", "thị xã Ba Đồn", "huyện Mường Tè", "huyện Cần Giờ"]
AUTHORS = ["Minh Châu", "Hoàng Yến", "Đức Thịnh", "Thanh Tâm - Quốc Việt", "Lê Phương", "Ngọc Hà"]
CAPTIONS = ["Các đại biểu tham dự sự kiện. Ảnh: {a}", "Toàn cảnh buổi lễ - Ảnh: {a}",
            "Lực lượng chức năng kiểm tra tại hiện trường. (Ảnh minh họa: {a})", "Quang cảnh cuộc họp. Ảnh: {a}"]
DAYS = ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"]


def _when(rng: random.Random) -> dict:
    return dict(y=rng.randint(2015, 2024), m=rng.randint(1, 12), d=rng.randint(1, 28), H=rng.randint(6, 22),
                M=rng.randint(0, 59))


def _iso(t: dict, time: bool = True) -> str:
    day = f"{t['y']:04}-{t['m']:02}-{t['d']:02}"
    return f"{day}T{t['H']:02}:{t['M']:02}:00" if time else day


def _dmy(t: dict) -> str:
    return f"{t['d']:02}/{t['m']:02}/{t['y']}"


def _head(rng, title: str, site: str, t: dict | None) -> tuple[str, bool]:
    """<head> markup; returns (html, declares og:site_name)."""
    sep = rng.choice([" - ", " | ", " - ", " – "])
    parts = ['<meta charset="utf-8">', f"<title>{esc(title + sep + site)}</title>"]
    with_meta = rng.random() < 0.6
    if with_meta:
        parts += [f'<meta property="og:title" content="{esc(title + sep + site)}">',
                  f'<meta property="og:site_name" content="{esc(site)}">', '<meta property="og:type" content="article">']
        if t is not None and rng.random() < 0.7:
            parts.append(f'<meta property="article:published_time" content="{_iso(t)}+07:00">')
    parts += ['<link rel="stylesheet" href="/css/site.css">', "<script>window.dataLayer=[];</script>"]
    return "<head>" + "".join(parts) + "</head>", with_meta


def _anchors(items, fmt='<li><a href="/{i}.html">{h}</a></li>') -> str:
    return "".join(fmt.format(i=900 + i, h=esc(h)) for i, h in enumerate(items))


def _figure_caption(rng, captions: list[str]) -> str:
    return captions.pop(0) if captions else rng.choice(CAPTIONS).format(a=rng.choice(AUTHORS + OUTLETS[:2]))


def _newspaper(rng, title, body, captions, others):
    site, t = rng.choice(PAPERS), _when(rng)
    head, has_site = _head(rng, title, site, t)
    lead, paras = body[0], body[1:]
    menu = ["Trang chủ", "Thời sự", "Góc nhìn", "Thế giới", "Kinh doanh", "Bất động sản", "Khoa học", "Giải trí", "Pháp luật"]
    cap = _figure_caption(rng, captions)
    related = [h for h, _ in others[:rng.randint(2, 3)]]
    author = rng.choice(AUTHORS)
    src = rng.choice(OUTLETS) if rng.random() < 0.4 else None
    credit = f'<p class="Normal" style="text-align:right;"><strong>{esc(author)}</strong></p>'
    if src:
        credit += f'<p class="Normal" style="text-align:right;"><em>{esc(rng.choice(["Theo ", "Nguồn: "]) + src)}</em></p>'
    cut, rel_at = rng.randint(1, max(1, len(paras) - 1)), rng.randint(1, len(paras))
    vnx = rng.random() < 0.5
    if vnx:
        stamp = f'<span class="time-post">{DAYS[rng.randrange(7)]}, {t["d"]}/{t["m"]}/{t["y"]}, {t["H"]:02}:{t["M"]:02} (GMT+7)</span>'
        p = lambda x: f'<p class="Normal">{esc(x)}</p>'  # noqa: E731
        fig = f'<figure class="tplCaption"><img src="/i/{t["d"]}.jpg" alt=""><figcaption><p class="Image">{esc(cap)}</p></figcaption></figure>'
        rel = f'<div class="box-related"><h4>Tin liên quan</h4><ul>{_anchors(related)}</ul></div>'
        top = f'<ul class="crumb-list"><li><a href="/">{menu[1]}</a></li><li><a href="/x">{rng.choice(menu[2:])}</a></li></ul>{stamp}'
        article = f'<h1 class="title-detail">{esc(title)}</h1><p class="description">{esc(lead)}</p><article class="fck_detail">'
    else:
        stamp = f'<div class="detail-time"><div data-role="publishdate">{_dmy(t)} {t["H"]:02}:{t["M"]:02} GMT+7</div></div>'
        p = lambda x: f"<p>{esc(x)}</p>"  # noqa: E731
        fig = (f'<figure class="VCSortableInPreviewMode" type="Photo"><div><img src="/p.jpg" alt="{esc(title[:30])}"></div>'
               f'<figcaption class="PhotoCMS_Caption"><p>{esc(cap)}</p></figcaption></figure>')
        rel = (f'<div class="VCSortableInPreviewMode" type="RelatedNewsBox"><div class="kbwscwl-relatedbox">'
               f'<strong>TIN LIÊN QUAN</strong><ul>{_anchors(related)}</ul></div></div>')
        top = f'<div class="detail-cate"><a href="/c">{rng.choice(menu[1:])}</a></div>{stamp}'
        article = f'<h1 class="detail-title article-title">{esc(title)}</h1><h2 class="detail-sapo">{esc(lead)}</h2><div class="detail-content afcbc-body">'
    inner = [p(x) for x in paras]
    inner.insert(cut, fig)
    inner.insert(rel_at + (rel_at >= cut), rel)
    most_read = "".join(f'<li><a href="/d{i}.html">{esc(h)}</a><span class="time-ago">{rng.randint(1, 23)} giờ trước</span></li>'
                        for i, (h, _) in enumerate(others[3:8]))
    same_cat = "".join(f'<div class="item-news"><h3><a href="/s{i}.html">{esc(h)}</a></h3><p class="lead-teaser">{esc(s)}</p>'
                       f'<span class="news-time">{rng.randint(1, 28):02}/{rng.randint(1, 12):02}/{t["y"]}</span></div>'
                       for i, (h, s) in enumerate(others[8:8 + rng.randint(3, 5)]))
    page = (f'<!DOCTYPE html><html lang="vi">{head}<body><header class="top-header"><a class="logo" href="/">{esc(site)}</a>'
            f'<nav class="main-nav"><ul>{_anchors(menu)}</ul></nav><form><input name="q" placeholder="Tìm kiếm"></form></header>'
            f'<section class="page-detail"><div class="container"><div class="col-left">{top}{article}{"".join(inner)}{credit}'
            f'{"</article>" if vnx else "</div>"}<div class="social-tools"><a href="#">Chia sẻ</a><a href="#">Facebook</a>'
            f'<a href="#">Zalo</a><a href="#">Sao chép liên kết</a></div><div class="box-comment"><h3>Ý kiến ({rng.randint(0, 40)})</h3>'
            f'<form><textarea placeholder="Chia sẻ ý kiến của bạn"></textarea><button>Gửi bình luận</button></form></div></div>'
            f'<aside class="col-right"><div class="box-most-read"><h3>Đọc nhiều</h3><ul>{most_read}</ul></div>'
            f'<div class="banner-ads"><a href="/qc"><img src="/qc.gif" alt="quảng cáo"></a></div></aside></div>'
            f'<section class="cung-chuyen-muc"><h2>Tin cùng chuyên mục</h2>{same_cat}</section></section>'
            f'<footer class="site-bottom"><p>{esc(site)} - Thông tin nhanh, chính xác, tin cậy</p>'
            f'<p>Giấy phép số {rng.randint(100, 999)}/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 24/08/2021</p>'
            f'<p>Địa chỉ: Tầng {rng.randint(2, 15)}, Tòa nhà FPT, 17 Duy Tân, Cầu Giấy, Hà Nội. Điện thoại: 024 7300 8899</p>'
            f'<p>© 1997-2024. Toàn bộ bản quyền thuộc {esc(site)}</p></footer></body></html>')
    return page, {"title": title, "published": _iso(t), "source": src or (site if has_site else None), "captions": [cap]}


def _government(rng, title, body, captions, others):
    place, t = rng.choice(PLACES), _when(rng)
    site = f"Cổng thông tin điện tử tỉnh {place}"
    head, has_site = _head(rng, title, site, t)
    lead, paras = body[0], body[1:]
    src = rng.choice(OUTLETS)
    timed = rng.random() < 0.6
    stamp = rng.choice([f"Ngày đăng: {_dmy(t)}" + (f" | {t['H']:02}:{t['M']:02}" if timed else ""),
                        f"Cập nhật ngày {_dmy(t)}" + (f" {t['H']:02}:{t['M']:02}" if timed else ""),
                        f"{_dmy(t)}" + (f" {t['H']:02}:{t['M']:02}" if timed else "")])
    tag = rng.choice(["p", "div"])
    rte = [f'<{tag} class="ms-rteElement-P" style="text-align:justify;"><strong>{esc(lead)}</strong></{tag}>']
    rte += [f'<{tag} style="text-align:justify;">{esc(x)}</{tag}>' for x in paras]
    cap = _figure_caption(rng, captions)
    rte.insert(rng.randint(1, len(rte)), f'<table class="ms-rteTable-default" width="100%"><tr><td><img src="/PublishingImages/a.jpg" alt="">'
               f'</td></tr><tr><td style="text-align:center;"><em>{esc(cap)}</em></td></tr></table>')
    rte.append(f'<p style="text-align:right;"><strong>{esc(rng.choice(AUTHORS))}</strong></p>'
               f'<p style="text-align:right;"><strong>Nguồn: {esc(src)}</strong></p>')
    heading = (f'<h1 class="news-title">{esc(title)}</h1>' if rng.random() < 0.5 else
               f'<div class="TitleNews"><span class="ms-rteFontSize-3"><strong>{esc(title)}</strong></span></div>')
    others_list = "".join(f'<li><a href="/Pages/tin-{i}.aspx">{esc(h)}</a> <span class="ngay-tin">({rng.randint(1, 28):02}/'
                          f'{rng.randint(1, 12):02}/{t["y"]})</span></li>' for i, (h, _) in enumerate(others[:rng.randint(4, 8)]))
    docs = "".join(f'<tr><td><a href="/vb/{i}">Quyết định số {rng.randint(100, 3000)}/QĐ-UBND ngày {rng.randint(1, 28)}/'
                   f'{rng.randint(1, 12)}/{t["y"]} về việc {esc(h[:60].lower())}</a></td></tr>' for i, (h, _) in enumerate(others[9:12]))
    page = (f'<!DOCTYPE html><html dir="ltr" lang="vi-VN">{head}<body><form id="aspnetForm" method="post">'
            f'<div id="s4-ribbonrow"><a href="#mainContent" class="ms-skip">Bỏ qua nội dung chính</a>'
            f'<span class="ms-cui-tt-span">Xuất bản thông tin</span><span class="ms-cui-tt-span">Trình duyệt</span></div>'
            f'<div id="s4-workspace"><table width="100%" class="banner-tbl"><tr><td><img src="/banner.png" alt="{esc(site)}"></td>'
            f'<td class="hom-nay">Hôm nay: {DAYS[rng.randrange(7)]}, {rng.randint(1, 28):02}/{rng.randint(1, 12):02}/2025</td></tr></table>'
            f'<table class="menu-ngang"><tr>{"".join(f"<td><a href=/m{i}>{m}</a></td>" for i, m in enumerate(["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Chính sách mới", "Thủ tục hành chính", "Hỏi - đáp", "Sơ đồ cổng"]))}</tr></table>'
            f'<table width="100%"><tr><td valign="top" width="22%" class="cot-trai"><div class="tieu-de-khoi">Văn bản chỉ đạo điều hành</div>'
            f'<table>{docs}</table><div class="tieu-de-khoi">Lịch công tác</div><a href="/lct">Lịch công tác tuần của Lãnh đạo UBND tỉnh</a></td>'
            f'<td valign="top" class="cot-giua"><div class="duong-dan"><a href="/">Trang chủ</a> &gt; <a href="/tt">Tin tức - Sự kiện</a> &gt; '
            f'<span>{rng.choice(["Tin trong tỉnh", "Chỉ đạo - Điều hành", "Tin hoạt động"])}</span></div><div id="mainContent">{heading}'
            f'<div class="NgayDang">{stamp}</div><div class="ms-rtestate-field"><div class="ExternalClassA41F">{"".join(rte)}</div></div>'
            f'<div class="cong-cu"><a href="javascript:print()">In trang</a> <a href="mailto:">Gửi email</a> <a href="#">Chia sẻ</a> '
            f'<a href="javascript:history.back()">Quay lại</a> <a href="#top">Đầu trang</a></div>'
            f'<div class="tin-khac"><span class="tieu-de-khoi">Các tin khác</span><ul>{others_list}</ul></div></div></td>'
            f'<td valign="top" width="24%" class="cot-phai"><div class="tieu-de-khoi">Thăm dò ý kiến</div>'
            f'<p>Bạn quan tâm nhất đến nội dung nào trên Cổng thông tin?</p><input type="radio" name="v">Thủ tục hành chính<br>'
            f'<input type="radio" name="v">Văn bản quy phạm pháp luật<br><input type="radio" name="v">Tin tức, sự kiện<br>'
            f'<input type="button" value="Biểu quyết"> <a href="/kq">Xem kết quả</a><div class="tieu-de-khoi">Thống kê truy cập</div>'
            f'<div>Đang truy cập: {rng.randint(10, 900)}</div><div>Tổng lượt truy cập: {rng.randint(10**5, 10**7):,}</div></td></tr></table>'
            f'<table class="chan-trang" width="100%"><tr><td><b>{esc(site.upper())}</b><br>Cơ quan chủ quản: Ủy ban nhân dân tỉnh {place}<br>'
            f'Trưởng Ban biên tập: {rng.choice(AUTHORS)}, Phó Chánh Văn phòng UBND tỉnh<br>Địa chỉ: {rng.randint(1, 99)} đường Trần Phú, '
            f'thành phố. Điện thoại: 0239.38{rng.randint(10000, 99999)}<br>Ghi rõ nguồn "{esc(site)}" khi phát hành lại thông tin từ cổng này.'
            f'</td></tr></table></div></form></body></html>')
    return page, {"title": title, "published": _iso(t, timed), "source": src, "captions": [cap]}


def _provincial(rng, title, body, captions, others):
    district, t = rng.choice(DISTRICTS), _when(rng)
    site = f"Trang thông tin điện tử {district}"
    head, has_site = _head(rng, title, site, t if rng.random() < 0.3 else None)
    src = rng.choice(OUTLETS + [f"Phòng Văn hóa và Thông tin {district}"]) if rng.random() < 0.8 else None
    gap = rng.choice(["<br>", "<br><br>", "<br/>\n<br/>"])
    lines = [f"<b>{esc(body[0])}</b>", *(esc(x) for x in body[1:])]
    cap = _figure_caption(rng, captions)
    lines.insert(rng.randint(2, len(lines)), f'<img src="/upload/{t["d"]}.jpg" width="500"><br><i>{esc(cap)}</i>')
    if src:
        lines.append(f"<b>Nguồn: {esc(src)}</b>" if rng.random() < 0.5 else f"<div style='text-align:right'><em>Nguồn: {esc(src)}</em></div>")
    heading = rng.choice([f'<h3 class="tit">{esc(title)}</h3>', f'<div class="name">{esc(title)}</div>',
                          f'<h2 class="tieude-tin">{esc(title)}</h2>'])
    stamp = rng.choice([f"({_dmy(t)})", f"Ngày đăng: {t['d']:02}-{t['m']:02}-{t['y']}", f"Đăng ngày {_dmy(t)}"])
    older = "".join(f'<li><a href="/tin/{i}">{esc(h)}</a> <span class="small">({rng.randint(1, 28):02}/{rng.randint(1, 12):02}/{t["y"]})</span></li>'
                    for i, (h, _) in enumerate(others[:rng.randint(4, 7)]))
    page = (f'<!DOCTYPE html><html>{head}<body><div class="wrapper-page"><div class="top-banner"><img src="/banner.jpg" alt="banner">'
            f'<span>{esc(site.upper())}</span></div><div class="navbar navbar-default"><ul class="nav navbar-nav">'
            f'{_anchors(["Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Thủ tục hành chính", "Liên hệ"])}</ul></div>'
            f'<div class="container"><div class="row"><div class="col-md-8 col-sm-12"><div class="box"><div class="box-heading">'
            f'<a href="/tt">Tin tức</a> / <a href="/hd">Hoạt động của {district}</a></div><div class="content-detail">{heading}'
            f'<div class="ngay">{stamp}</div><div class="noi-dung">{gap.join(lines)}</div>'
            f'<div class="luot-xem">Lượt xem: {rng.randint(5, 5000)}</div></div></div><div class="box"><div class="box-heading">Tin đã đưa'
            f'</div><ul class="list-unstyled">{older}</ul></div></div><div class="col-md-4 col-sm-12"><div class="box"><div class="box-heading">'
            f'Liên kết website</div><select><option>Cổng TTĐT Chính phủ</option><option>Cổng TTĐT tỉnh</option></select></div>'
            f'<div class="box"><div class="box-heading">Video clip</div><a href="/v">Phóng sự: {district} đổi mới và phát triển</a></div>'
            f'<div class="box"><div class="box-heading">Thống kê truy cập</div><div>Online: {rng.randint(1, 90)}</div>'
            f'<div>Tổng truy cập: {rng.randint(10**4, 10**6)}</div></div></div></div></div><div class="bottom"><p>Bản quyền thuộc '
            f'Ủy ban nhân dân {district}. Địa chỉ: Khu trung tâm hành chính {district}. Điện thoại: 0260.{rng.randint(100000, 999999)}'
            f' - Email: ubnd@{district.split()[-1].lower()}.gov.vn</p><p>Chịu trách nhiệm chính: Chánh Văn phòng HĐND và UBND</p>'
            f'</div></div></body></html>')
    return page, {"title": title, "published": _iso(t, False), "source": src or (site if has_site else None), "captions": [cap]}


TEMPLATES = {"newspaper": _newspaper, "government": _government, "provincial": _provincial}


def make_pages(records: list[dict], *, seed: int = 20, count: int = 150) -> list[tuple[str, str, str, dict]]:
    """``[(file_name, template, html, gold)]`` for the first ``count`` usable records."""
    rng = random.Random(seed)
    articles = [a for a in (_article(r) for r in records) if a is not None]
    pages = []
    for i, (title, body, captions) in enumerate(articles[:count]):
        name = list(TEMPLATES)[i % len(TEMPLATES)]
        pool = [(a[0], a[1][0]) for a in articles if a[0] != title]
        others = rng.sample(pool, 14)
        page, meta = TEMPLATES[name](rng, title, body, list(captions), others)
        gold = {**meta, "body": body}
        pages.append((f"vnhtml_{i:04}_{name}.html", name, page, gold))
    return pages
