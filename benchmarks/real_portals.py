"""Government-portal pages for real_pages.py: VietNews validation articles in real portal chrome.

* ``sotttt``: article pages of the Hanoi Department of Information and Communications
  portal (a Liferay portal; ``RAW/sotttt/*.html``, see real_pages_raw.py). Each page's own
  title, "Ngày đăng dd/mm/yyyy | h:mm PM | View count" line, sapo and article body are
  replaced; its breadcrumb, "Tin tức nổi bật" portlet title, "In bài viết / Gửi mail",
  "Các tin khác" list, link lists and address footer stay.
* ``sotttt-list``: the same portal's section pages (``RAW/sotttt-list``): the article, in the
  markup of the portal's own article pages, is put above the section's real listing of
  "headline / Ngày đăng dd/mm/yyyy | h:mm PM | View count / summary" items, so the
  article's dateline has the very format of every teaser date under it.
* ``vpcp``: the Government Office portal front page (``RAW/vpcp/home.html``): the article
  (heading, dateline, lead, body) is put right after its "Tin nổi bật" box of headlines,
  so a menu and a headline zone stand above the title and the other headline boxes below
  the body. The page has no article template of its own, so the dateline is written the
  way other government portals write it: one of ``GOV_DATELINES``.
"""

from __future__ import annotations

import html as html_lib
import random
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser


#: Datelines of government portals: the Ministry of Health's ("(Thứ hai, 19/04/2021 15:17)", in a
#: saved moh.gov.vn page's description), the Hanoi DIC portal's, and a plain "dd/mm/yyyy hh:mm".
GOV_DATELINES = ["({wd}, {d:02}/{m:02}/{y} {hh:02}:{mm:02})", "Ngày đăng {d:02}/{m:02}/{y} | {h12}:{mm:02} {ampm}",
                 "{d:02}/{m:02}/{y} {hh:02}:{mm:02}"]
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]


def _gov_dateline(rng: random.Random, when) -> str:
    y, m, d, hh, mm = when
    return rng.choice(GOV_DATELINES).format(wd=rng.choice(WEEKDAYS), d=d, m=m, y=y, hh=hh, mm=mm, h12=(hh % 12) or 12,
                                            ampm="PM" if hh >= 12 else "AM")


def _when(rng: random.Random) -> tuple[int, int, int, int, int]:
    return rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)


def _iso(y, m, d, hh, mm) -> str:
    return f"{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00"


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines)


def _node(fragment: str):
    return LexborHTMLParser(f"<div>{fragment}</div>").css_first("div")


def sotttt(raw: Path, articles: list, rng: random.Random, count: int):
    pages = sorted((raw / "sotttt").glob("*.html"))
    for i in range(count if pages else 0):
        title, body, _captions = articles.pop()
        page = pages[i % len(pages)].read_text(encoding="utf-8", errors="replace")
        tree = LexborHTMLParser(page)
        own_title = tree.css_first(".asset-full-content-title").text().strip()
        y, m, d, hh, mm = _when(rng)
        clock = f"{d:02}/{m:02}/{y} | {(hh % 12) or 12}:{mm:02} {'PM' if hh >= 12 else 'AM'}"
        stamp = tree.css_first(".assetPublishDate")
        stamp.inner_html = re.sub(r"\d{1,2}/\d{1,2}/\d{4}\s*\|\s*\d{1,2}:\d\d\s*[AP]M", clock, stamp.inner_html)
        tree.css_first(".asset-full-content-title").inner_html = html_lib.escape(title)
        sapo = tree.css_first("p.sapo")
        if sapo is not None:
            sapo.inner_html = f"<strong>{html_lib.escape(body[0])}</strong>"
        content = tree.css_first(".journal-content-article")
        author = content.css_first(".view-content-author")
        content.inner_html = (_paragraphs(body[1:] if sapo is not None else body)
                              + (author.html if author is not None else ""))
        out = tree.html.replace(own_title, html_lib.escape(title)) if own_title else tree.html
        yield "sotttt", out, {"title": title, "published": _iso(y, m, d, hh, mm), "source": None, "body": body,
                              "captions": []}


def vpcp(raw: Path, articles: list, rng: random.Random, count: int):
    home = raw / "vpcp" / "home.html"
    if not home.exists():
        return
    page = home.read_text(encoding="utf-8", errors="replace")
    for _ in range(count):
        title, body, _captions = articles.pop()
        tree = LexborHTMLParser(page)
        when = _when(rng)
        block = (f"<div class='article'><h1>{html_lib.escape(title)}</h1><div class='date'>{_gov_dateline(rng, when)}"
                 f"</div><p><b>{html_lib.escape(body[0])}</b></p>{_paragraphs(body[1:])}</div>")
        tree.css_first(".box-news-hot").insert_after(_node(block))
        yield "vpcp", tree.html, {"title": title, "published": _iso(*when), "source": None, "body": body,
                                  "captions": []}


def sotttt_list(raw: Path, articles: list, rng: random.Random, count: int):
    pages = sorted((raw / "sotttt-list").glob("*.html"))
    for i in range(count if pages else 0):
        title, body, _captions = articles.pop()
        tree = LexborHTMLParser(pages[i % len(pages)].read_text(encoding="utf-8", errors="replace"))
        y, m, d, hh, mm = when = _when(rng)
        clock = f"{d:02}/{m:02}/{y} | {(hh % 12) or 12:02}:{mm:02} {'PM' if hh >= 12 else 'AM'}"
        block = (f"<div class='asset-full-content-title'>{html_lib.escape(title)}</div><div class='assetPublishDate "
                 f"block_timer'> Ngày đăng {clock} &nbsp;|&nbsp;View count: {rng.randint(40, 3000)} </div><div "
                 f"class='sapo-wrapper'><p class='sapo'><strong>{html_lib.escape(body[0])}</strong></p></div><div "
                 f"class='journal-content-article'>{_paragraphs(body[1:])}</div>")
        items = tree.css(".asset-bounddary")
        for item in items[:rng.randint(0, 2)]:  # the article is one of the section's items: start the list lower
            item.decompose()
        tree.css_first(".asset-bounddary").insert_before(_node(block))
        yield "sotttt-list", tree.html, {"title": title, "published": _iso(*when), "source": None, "body": body,
                                         "captions": []}
