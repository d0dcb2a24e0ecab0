"""Page metadata from the DOM: title, publication date, site name, canonical URL, language.

Machine-readable sources win over visible text: ``<meta>`` (Open Graph, article:,
Dublin Core, itemprop), then JSON-LD, then ``<time>``; visible date patterns
(Vietnamese and English) are the last resort, applied by the caller to the blocks.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_LD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){3,300})"')
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASH_YMD = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY_WORDS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_VI_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
#: ``<meta>`` names/properties carrying the publication date, most specific first.
DATE_METAS = (
    "article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date",
    "pubdate", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "created", "og:updated_time",
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»]|::)\s+")


def clean(text: str | None) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def _valid(year: int, month: int, day: int) -> str | None:
    if 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def parse_date(text: str, *, day_first: bool = True) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``.

    >>> parse_date("2025-09-04T10:00:00-04:00"), parse_date("Cập nhật: 13/07/2023 15:35")
    ('2025-09-04', '2023-07-13')
    >>> parse_date("Published September 4th, 2025"), parse_date("4 Sept. 2025")
    ('2025-09-04', '2025-09-04')
    >>> parse_date("Thứ năm, ngày 31 tháng 8 năm 2024"), parse_date("no date") is None
    ('2024-08-31', True)
    """
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_SLASH_YMD, "ymd"), (_VI_DATE, "dmy")):
        m = pattern.search(text)
        if m:
            a, b, c = (int(x) for x in m.groups())
            found = _valid(a, b, c) if order == "ymd" else _valid(c, b, a)
            if found:
                return found
    m = _MDY.search(text)
    if m and m.group(1).lower() in _MONTHS:
        found = _valid(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        if found:
            return found
    m = _DMY_WORDS.search(text)
    if m and m.group(2).lower() in _MONTHS:
        found = _valid(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        if found:
            return found
    m = _DMY.search(text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day, month = (a, b) if day_first or b > 12 else (b, a)
        return _valid(year, month, day)
    return None


def strip_site_suffix(title: str, site_name: str | None) -> str:
    """``"Headline | Site"`` -> ``"Headline"`` (the longest separator-delimited part).

    >>> strip_site_suffix("Bão số 3 đổ bộ - Báo Tuổi Trẻ", None)
    'Bão số 3 đổ bộ'
    >>> strip_site_suffix("Home | Why X - Y is hard", "Home")
    'Why X - Y is hard'
    """
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site_name:
        site = site_name.casefold()
        kept = [p for p in parts if p.casefold() != site]
        if len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 and title.count(" - ") else max(kept, key=len)
    return max(parts, key=len)


def head_metadata(tree) -> dict:
    """Facts from ``<html>``/``<head>`` and JSON-LD (before scripts are removed)."""
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        value = attrs.get("content")
        if key and value and key not in meta:
            meta[key] = clean(value)
    facts: dict = {"meta": meta}
    html = tree.css_first("html")
    if html is not None:
        lang = (html.attributes.get("lang") or html.attributes.get("xml:lang") or "").strip()
        facts["language"] = lang.split("-")[0].lower() or None if lang else None
    title_node = tree.css_first("title")
    facts["html_title"] = clean(title_node.text()) if title_node is not None else ""
    canonical = tree.css_first('link[rel="canonical"]')
    href = canonical.attributes.get("href") if canonical is not None else None
    facts["url"] = clean(href) or meta.get("og:url") or None
    facts["site_name"] = meta.get("og:site_name") or meta.get("application-name") or None
    published = None
    for key in DATE_METAS:
        if key in meta:
            published = parse_date(meta[key], day_first=False)
            if published:
                facts["date_from"] = f"meta {key}"
                break
    if not published:
        for node in tree.css('[itemprop="datePublished"]'):
            attrs = node.attributes
            published = parse_date(attrs.get("content") or attrs.get("datetime") or node.text(), day_first=False)
            if published:
                facts["date_from"] = "itemprop datePublished"
                break
    ld_headline = None
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text() or ""
        if not published:
            m = _LD_DATE.search(raw)
            if m and (published := parse_date(m.group(1), day_first=False)):
                facts["date_from"] = "JSON-LD datePublished"
        if ld_headline is None and (m := _LD_HEADLINE.search(raw)):
            ld_headline = clean(m.group(1).encode().decode("unicode_escape", errors="ignore")
                                if "\\u" in m.group(1) else m.group(1).replace('\\"', '"'))
    facts["ld_headline"] = ld_headline
    if not published:
        node = tree.css_first("time[datetime]")
        if node is not None:
            published = parse_date(node.attributes.get("datetime") or "", day_first=False)
            if published:
                facts["date_from"] = "<time datetime>"
    facts["published"] = published
    return facts


def _comparable(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def choose_title(facts: dict, h1_texts: list[str]) -> tuple[str | None, str]:
    """Pick the title and say where it came from.

    An ``<h1>`` wins when the declared titles confirm it (it is then exactly what the
    reader sees); otherwise og:title / JSON-LD headline / ``<title>`` minus the site name.
    """
    meta = facts["meta"]
    declared = [t for t in (meta.get("og:title"), meta.get("twitter:title"), facts.get("ld_headline"),
                            facts.get("html_title")) if t]
    declared_cmp = [_comparable(t) for t in declared]
    for h1 in h1_texts:
        h1_cmp = _comparable(h1)
        if len(h1_cmp) >= 4 and any(h1_cmp in d for d in declared_cmp):
            return h1, "<h1>"
    for key, value in (("og:title", meta.get("og:title")), ("JSON-LD headline", facts.get("ld_headline")),
                       ("<title>", facts.get("html_title"))):
        if value:
            return strip_site_suffix(value, facts.get("site_name")), key
    if h1_texts:
        return h1_texts[0], "<h1>"
    return None, ""
