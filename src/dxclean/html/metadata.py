"""Page metadata from the DOM: title, publication date, site name, canonical URL, language.

Dates are read by :mod:`.dates` (see there how the published value is chosen).

**Title.** An ``<h1>`` confirmed by the declared titles wins; then a visible heading
or short block whose text is the declared title minus a separated part (the site
name); then the declared title with its site part stripped (:func:`strip_site_suffix`).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .dates import clock_for_day, parse_date

_SPACE = re.compile(r"\s+")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_LD_HEADLINE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.){3,300})"')
#: ``<meta>`` names/properties carrying the publication date, most specific first.
DATE_METAS = (
    "article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date",
    "pubdate", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "created", "og:updated_time",
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»]|::)\s+")
#: A headline left after stripping the last separated part must keep this many words.
MIN_HEADLINE_WORDS = 4
_STRONG_SPLIT = re.compile(r"\s+(?:[|·•»]|::)\s+")


def clean(text: str | None) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def _squashed(text: str) -> str:
    return _comparable(text).replace(" ", "")


def _is_site_part(part: str, site_name: str | None, host: str | None) -> bool:
    """``part`` names the site: it is the declared site name, or the host's name
    ("VnExpress" / "vnexpress.net" on www.vnexpress.net)."""
    squashed = _squashed(part)
    if not squashed:
        return False
    if site_name and squashed == _squashed(site_name):
        return True
    if host:
        labels = [label for label in host.casefold().split(".") if label not in ("www", "m", "amp")]
        if squashed == "".join(labels) or (labels and len(labels[0]) >= 4 and squashed == labels[0]):
            return True
    return False


def strip_site_suffix(title: str, site_name: str | None, *, host: str | None = None) -> str:
    """``"Headline | Site"`` -> ``"Headline"``.

    A separated part that names the site (``site_name`` or the host) goes. Otherwise,
    with "|"-like separators, the longest piece between them is kept; with dashes
    and colons only, the last part goes when what is left is still a headline (at
    least :data:`MIN_HEADLINE_WORDS` words): headlines may contain " - " themselves,
    site names come last. Failing all, the longest part is kept.

    >>> strip_site_suffix("Bão số 3 đổ bộ - Báo Tuổi Trẻ", None)
    'Bão số 3 đổ bộ'
    >>> strip_site_suffix("Home | Why X - Y is hard", "Home")
    'Why X - Y is hard'
    >>> strip_site_suffix("Ở tuổi 25 Sơn Tùng M - TP giàu có cỡ nào? - Trang thông tin điện tử huyện Cần Giờ", None)
    'Ở tuổi 25 Sơn Tùng M - TP giàu có cỡ nào?'
    >>> strip_site_suffix("Chụp X - quang ngực miễn phí | Sở Y tế | Cổng thông tin", None)
    'Chụp X - quang ngực miễn phí'
    >>> strip_site_suffix("VnExpress - Tin nhanh: Giá vàng tăng mạnh", None, host="vnexpress.net")
    'Tin nhanh: Giá vàng tăng mạnh'
    """
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    bounds = [0, *(m for sep in separators for m in (sep.start(), sep.end())), len(title)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if site_name or host:
        kept = [i for i, (a, b) in enumerate(parts) if not _is_site_part(title[a:b], site_name, host)]
        if kept and len(kept) < len(parts):
            if kept[-1] - kept[0] != len(kept) - 1:
                return max((title[slice(*parts[i])] for i in kept), key=len)
            rest = title[parts[kept[0]][0]:parts[kept[-1]][1]]  # one run of parts, own separators kept
            return max(_STRONG_SPLIT.split(rest), key=len)
    if _STRONG_SPLIT.search(title):
        # "|", "·", "»" separate site and section names; headlines rarely contain them
        # (but may contain " - "): keep the longest piece between them.
        return max(_STRONG_SPLIT.split(title), key=len)
    rest = title[:separators[-1].start()]
    if len(rest.split()) >= MIN_HEADLINE_WORDS:
        return rest
    return max((title[a:b] for a, b in parts), key=len)


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
    published = date_text = None
    for key in DATE_METAS:
        if key in meta:
            published = parse_date(meta[key], day_first=False)
            if published:
                facts["date_from"], date_text = f"meta {key}", meta[key]
                break
    if not published:
        for node in tree.css('[itemprop="datePublished"]'):
            attrs = node.attributes
            date_text = attrs.get("content") or attrs.get("datetime") or node.text()
            published = parse_date(date_text, day_first=False)
            if published:
                facts["date_from"] = "itemprop datePublished"
                break
    ld_headline = None
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text() or ""
        if not published:
            m = _LD_DATE.search(raw)
            if m and (published := parse_date(m.group(1), day_first=False)):
                facts["date_from"], date_text = "JSON-LD datePublished", m.group(1)
        if ld_headline is None and (m := _LD_HEADLINE.search(raw)):
            ld_headline = clean(m.group(1).encode().decode("unicode_escape", errors="ignore")
                                if "\\u" in m.group(1) else m.group(1).replace('\\"', '"'))
    facts["ld_headline"] = ld_headline
    if not published:
        node = tree.css_first("time[datetime]")
        if node is not None:
            date_text = node.attributes.get("datetime") or ""
            published = parse_date(date_text, day_first=False)
            if published:
                facts["date_from"] = "<time datetime>"
    facts["published"] = published
    facts["published_clock"] = clock_for_day(date_text, published) if published and date_text else None
    return facts


def _comparable(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _visible_part_of(declared: str, text: str, *, prefix_only: bool) -> str | None:
    """The part of ``declared`` that ``text`` shows: ``declared`` minus separated last
    parts (or, unless ``prefix_only``, minus separated first parts; or, for a heading,
    all of it), in the declared spelling (visible text may be CSS-uppercased)."""
    declared_cf, text_cf = declared.casefold(), text.casefold()
    if len(declared_cf) != len(declared) or len(text_cf) != len(text):
        return None  # casefolding changed the length: positions would not line up
    if declared_cf == text_cf:
        return None if prefix_only else declared
    if declared_cf.startswith(text_cf) and (sep := _TITLE_SEPARATORS.match(declared, len(text))):
        # A short text (a logo's site name) leaving a longer headline out is not the title.
        return declared[:len(text)] if not prefix_only or len(text) >= len(declared) - sep.end() else None
    if not prefix_only and declared_cf.endswith(text_cf) and any(
            m.end() == len(declared) - len(text) for m in _TITLE_SEPARATORS.finditer(declared)):
        return declared[len(declared) - len(text):]
    return None


def choose_title(facts: dict, h1_texts: list[str], *, headings: list[str] = (),
                 visible: list[str] = ()) -> tuple[str | None, str]:
    """Pick the title and say where it came from.

    An ``<h1>`` wins when the declared titles confirm it (it is then exactly what the
    reader sees); then the longest of the ``headings`` (h1-h3) that is a declared title
    minus a separated first or last part (the site name), or of the ``visible`` short
    blocks that is a declared title minus its last parts; otherwise og:title / JSON-LD
    headline / ``<title>`` minus the site name.

    >>> facts = {"meta": {}, "html_title": "Giá vàng - SJC tăng 2 triệu đồng - Cổng thông tin huyện"}
    >>> choose_title(facts, [], visible=["Giá vàng", "Giá vàng - SJC tăng 2 triệu đồng", "Trang chủ"])
    ('Giá vàng - SJC tăng 2 triệu đồng', 'visible text')
    >>> choose_title(facts, [], visible=["Cổng thông tin huyện"])
    ('Giá vàng - SJC tăng 2 triệu đồng', '<title>')
    """
    meta = facts["meta"]
    declared = [t for t in (meta.get("og:title"), meta.get("twitter:title"), facts.get("ld_headline"),
                            facts.get("html_title")) if t]
    declared_cmp = [_comparable(t) for t in declared]
    for h1 in h1_texts:
        h1_cmp = _comparable(h1)
        if len(h1_cmp) >= 4 and any(h1_cmp in d for d in declared_cmp):
            return h1, "<h1>"
    host = _host(facts.get("url"))
    for texts, prefix_only in ((headings, False), (visible, True)):
        matches = [part for text in texts
                   if len(text.split()) >= 2 and not _is_site_part(text, facts.get("site_name"), host)
                   for d in declared if (part := _visible_part_of(d, text, prefix_only=prefix_only))]
        if matches:
            return max(matches, key=len), "visible heading" if texts is headings else "visible text"
    for key, value in (("og:title", meta.get("og:title")), ("JSON-LD headline", facts.get("ld_headline")),
                       ("<title>", facts.get("html_title"))):
        if value:
            return strip_site_suffix(value, facts.get("site_name"), host=host), key
    if h1_texts:
        return h1_texts[0], "<h1>"
    return None, ""


def _host(url: str | None) -> str | None:
    """The host of an absolute URL (one with a scheme), or None."""
    try:
        parts = urlsplit(url or "")
        return parts.hostname if parts.scheme else None
    except ValueError:  # a malformed URL ("http://[x") names no host
        return None
