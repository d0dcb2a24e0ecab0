"""A documented lexicon of class/id/role words that mark page chrome or main content.

Words are matched against the *parts* of an element's class/id/role values split on
non-alphanumerics (``"box-tin-lien-quan"`` -> ``box tin lien quan``); phrases (several
words) must appear as consecutive parts. No site-specific names: only words that
page templates in many languages use for the same purpose.

>>> chrome_match("post-footer clearfix")
'footer'
>>> chrome_match("box-tin-lien-quan")
'tin-lien-quan'
>>> chrome_match("post type-post tag-health category-news") is None
True
>>> content_match("fck_detail width_common") , content_match("entry-content")
('detail', 'entry-content')
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"[^a-z0-9]+")

#: Single words (class/id parts) marking navigation, sharing, ads, comments, ...
#: English, then Vietnamese (unaccented, as in class names), then other languages.
CHROME_WORDS = frozenset("""
    nav navbar navigation navi menu menubar submenu megamenu breadcrumb breadcrumbs crumbs
    footer sidebar sidenav share sharing sharebar social socials sns
    related recommended recommendations recommend popular trending mostread outbrain taboola
    comment comments commentlist disqus respond newsletter subscribe subscription signup
    cookie cookies consent gdpr banner advert advertisement advertising ads ad adsense
    adsbygoogle sponsor sponsored promo promotion promoted pagination pager paging tagcloud
    tags toolbar login signin search searchbox modal popup overlay skip skiplink
    copyright byline dateline topbar masthead
    lienquan tinlienquan tinkhac quangcao binhluan chiase xemthem docthem tinmoi noibat
    xemnhieu docnhieu tukhoa chantrang
    relacionados relacionadas relacionado noticias compartir publicidad comentarios
    partager publicite commentaires connexes
    teilen werbung kommentare verwandte aehnliche
""".split())

#: Phrases (consecutive class/id parts), mostly Vietnamese portal names.
CHROME_PHRASES = tuple(p.split("-") for p in """
    tin-lien-quan lien-quan tin-khac box-tin-khac tin-cung-chuyen-muc cung-chuyen-muc
    xem-them doc-them tin-moi tin-noi-bat noi-bat tin-xem-nhieu xem-nhieu doc-nhieu
    binh-luan y-kien chia-se quang-cao chan-trang dau-trang tu-khoa the-tag lien-ket
    tieu-diem su-kien tin-anh
    read-more more-stories more-articles you-may-like also-read further-reading
    author-bio about-author author-box post-tags entry-tags tag-list post-meta entry-meta
    article-meta social-links site-header site-footer page-header screen-reader
    sr-only visually-hidden table-of-contents
    pied-de-page articles-lies
""".split())

#: Words and phrases naming the main content container.
CONTENT_PHRASES = tuple(p.split("-") for p in """
    article-body articlebody article-content article-text articletext article-detail
    entry-content entry-body post-content post-body post-text postbody story-body
    story-content content-detail detail-content news-content news-detail main-content
    the-content body-text text-content rich-text richtext content-body
    noi-dung noidung chi-tiet chitiet detail
    cuerpo-noticia contenu-article artikel-text
""".split())


def _alternation(entries) -> re.Pattern:
    """One regex matching any entry as whole ``-``-joined parts of a normalised string."""
    names = sorted(("-".join(e) if isinstance(e, list) else e for e in entries), key=lambda x: (-len(x), x))
    return re.compile(r"(?:^|-)(" + "|".join(re.escape(n) for n in names) + r")(?=-|$)")


_CHROME_PHRASE_RE = _alternation(CHROME_PHRASES)
_CHROME_WORD_RE = _alternation(CHROME_WORDS)
_CONTENT_RE = _alternation(CONTENT_PHRASES)


def normalise_tokens(tokens: str) -> str:
    """``"Box_Tin LienQuan"`` -> ``"box-tin-lienquan"`` (lower-case parts joined by ``-``)."""
    return _SPLIT.sub("-", tokens.lower()).strip("-")


#: A class naming a taxonomy term ("category-advertising", "entry-category-social",
#: "tag-sharing"), not what the element is; "tag-list", "tag-cloud" still are chrome.
_TAXONOMY = re.compile(r"^(?:.*[-_])?(?:category|categories|cat|tag|topic)[-_](?!(?:list|cloud|links|box)$)\S+$")


def chrome_match(tokens: str) -> str | None:
    """The lexicon word/phrase that marks ``tokens`` (class/id words) as chrome.

    >>> chrome_match("entry-category-advertising entry-type-post entry") is None
    True
    """
    if not tokens:
        return None
    norm = normalise_tokens(" ".join(t for t in tokens.split() if not _TAXONOMY.match(t)))
    match = _CHROME_PHRASE_RE.search(norm) or _CHROME_WORD_RE.search(norm)
    return match.group(1) if match else None


def content_match(tokens: str) -> str | None:
    """The lexicon phrase that marks ``tokens`` as a main-content container."""
    if not tokens:
        return None
    match = _CONTENT_RE.search(normalise_tokens(tokens))
    return match.group(1) if match else None


#: Words in a chrome match that make the zone *teaser* (links to other articles).
TEASER_WORDS = frozenset("""
    related recommended recommendations recommend popular trending mostread outbrain taboola
    lienquan tinlienquan tinkhac xemthem docthem tinmoi noibat xemnhieu docnhieu
    relacionados relacionadas relacionado connexes verwandte aehnliche
    tin-lien-quan lien-quan tin-khac box-tin-khac tin-cung-chuyen-muc cung-chuyen-muc xem-them
    doc-them tin-moi tin-noi-bat noi-bat tin-xem-nhieu xem-nhieu doc-nhieu read-more
    more-stories more-articles you-may-like also-read further-reading articles-lies
""".split())


#: Whole-text headings that open a zone of links to other articles or comments,
#: in English, Vietnamese and a few other languages. Matched case-insensitively.
END_OF_ARTICLE_HEADING = re.compile(
    r"^\W*(?:"
    r"related (?:posts?|articles?|stories|news|content|reading|guides|resources|topics)"
    r"|(?:you (?:may|might) (?:also )?(?:like|enjoy)|also read|read (?:more|next|also)|further reading)"
    r"|more (?:stories|articles|news|posts|to read|like this)"
    r"|(?:latest|recent|popular|trending|recommended|top|featured) (?:posts?|articles?|stories|news|insights|reads)"
    r"|recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed)"
    r"|comments?|\d+ comments?|leave a (?:reply|comment)|join the (?:discussion|conversation)"
    r"|share this(?: (?:article|post|story|page))?|about the authors?|tags?"
    r"|tin liên quan|bài (?:viết )?liên quan|tin cùng chuyên mục|tin khác|xem thêm|đọc thêm|tin mới(?: nhất)?"
    r"|tin nổi bật|tin xem nhiều|đọc nhiều(?: nhất)?|bình luận|ý kiến(?: bạn đọc)?|chia sẻ"
    r"|artículos relacionados|noticias relacionadas|articles similaires|à lire aussi|lesen sie auch|ähnliche artikel"
    r")\W*$",
    re.IGNORECASE,
)
