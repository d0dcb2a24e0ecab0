"""A small, documented lexicon of portal phrases (Vietnamese and English).

These are the fixed strings portal templates print around every article —
ribbon/skip links, share and follow prompts, polls, footer lines — and the
headers that open a teaser zone ("Tin liên quan", "Related articles"). They are
generic portal vocabulary, not sentences of any particular page. Matching is on
the whole line (case-folded, whitespace-normalised), so a body sentence that
merely contains the phrase is never hit.

>>> chrome_phrase("Skip Ribbon Commands")
'portal navigation phrase'
>>> chrome_phrase("Mở Zalo, bấm quét QR để quét và xem trên điện thoại")
'share/follow prompt'
>>> chrome_phrase("Theo dõi Pháp luật & Xã hội trên")
'share/follow prompt'
>>> chrome_phrase("Xem thêm") , chrome_phrase("Xem thêm các ý kiến của bạn đọc về vấn đề này.")
('portal navigation phrase', None)
>>> zone_header("Tin liên quan"), zone_header("Related Articles:"), zone_header("Tin tức")
('Tin liên quan', 'Related Articles', None)
>>> image_file_name("IMG_0006.jpg"), image_file_name("Ảnh đẹp")
(True, False)
>>> alt_text_numbered("Thủ tướng chủ trì hội nghị - Ảnh 1.")
True
>>> has_caption_marker("Toàn cảnh hội nghị - Ảnh: VGP/Nhật Bắc"), has_caption_marker("Ảnh minh họa")
(True, True)
>>> split_glued_prefix("Theo dõi Pháp luật & Xã hội trênThủ tướng Chính phủ lưu ý.  |")
('Theo dõi Pháp luật & Xã hội trên', 'Thủ tướng Chính phủ lưu ý.', '|')
"""

from __future__ import annotations

import re



def _collapse(text: str) -> str:
    """Whitespace runs as one space, ends stripped: what a regex substitution of whitespace runs
    then strip() gives (str.split and the regex agree on what whitespace is), in one C pass."""
    return " ".join(text.split())


def normalise(text: str) -> str:
    """Case-folded, whitespace-collapsed, trailing punctuation stripped (for matching)."""
    return _collapse(text).strip(":：.·-–—|»>›").strip().casefold()


# Whole-line navigation / footer / widget phrases. Vietnamese first, then English.
_NAV = {
    # vi: ribbon, navigation, widgets, footer
    "skip ribbon commands", "skip to main content", "xuất bản thông tin", "thăm dò ý kiến",
    "xem thêm", "phiên bản di động", "trang chủ", "đăng nhập", "đăng ký", "đăng xuất", "liên hệ",
    "chia sẻ", "gửi bình luận", "in bài", "bản in", "in trang", "gửi bài",
    "lên đầu trang", "về đầu trang", "quay lại", "trở về", "tìm kiếm", "sitemap", "sơ đồ trang",
    "giới thiệu", "góp ý", "hỏi đáp", "video", "ảnh", "tin tức", "tin mới", "thông báo", "rss",
    "cỡ chữ", "lượt xem", "bản quyền", "tags", "từ khóa", "chủ đề", "đọc tiếp", "xem tiếp",
    "xem chi tiết", "chi tiết", "tải về", "tải xuống", "đính kèm", "văn bản", "bình chọn",
    "kết quả", "gửi", "đóng", "tiếng việt", "english", "mục lục", "menu", "chia sẻ bài viết",
    "in bài viết", "lưu bài viết", "gửi bài viết", "gửi email", "liên kết website", "liên kết web",
    "bình luận", "trả lời", "thích", "báo vi phạm",
    # en: skip links, navigation, share widgets, footer
    "skip to content", "skip to navigation", "skip navigation", "home", "search", "share",
    "share this", "share this article", "share on facebook", "share on twitter", "tweet",
    "print", "email", "subscribe", "sign in", "log in", "login", "logout", "sign up",
    "register", "follow us", "advertisement", "advertising", "sponsored", "privacy policy",
    "terms of use", "terms of service", "cookie policy", "cookie settings", "accept",
    "accept all", "back to top", "read more", "load more", "show more", "newsletter",
    "reply", "reply to comment", "previous", "next",
    "previous post", "next post", "close", "contact", "contact us", "about us", "about",
    "facebook", "twitter", "linkedin", "instagram", "youtube", "whatsapp", "pinterest",
    "copy link", "listen", "listen to this article", "view comments", "continue reading",
}

# Share/follow prompts: short lines whose shape is fixed even though the outlet varies.
_PROMPTS = re.compile(
    r"^(theo dõi .{1,60} trên( .{1,20})?|mở zalo.*quét qr.*|quét mã qr.*|"
    r"follow (us|.{1,40}) on .{1,40}|share (this|on) .{1,40}|sign up for .{1,60}|"
    r"subscribe to .{1,60}|like us on .{1,30})$"
)
_FOOTER = re.compile(
    r"^(©|\(c\)|copyright|bản quyền|all rights reserved|giấy phép|cơ quan chủ quản|"
    r"tổng biên tập|chịu trách nhiệm|ghi rõ nguồn|địa chỉ ?:|điện thoại ?:|email ?:|fax ?:|"
    r"hotline ?:|tel ?:|phone ?:|tags? ?:|từ khóa ?:|từ khoá ?:|chuyên mục ?:|categor(y|ies) ?:|"
    r"filed under|posted in|published in|lượt xem|số lượt truy cập|lượt truy cập|đang truy cập|"
    r"đang online|tổng truy cập|cỡ chữ|font size)"
)
# "Tin theo lĩnh vực Chuyển đổi số", "Category: Health": category labels.
_CATEGORY = re.compile(r"^(tin theo (lĩnh vực|chuyên mục|chủ đề)|chuyên mục|danh mục)\b.{0,40}$")

# Headers that open a teaser zone (related/other news). Whole line, ≤ 6 words.
_ZONE = {
    "tin liên quan", "tin khác", "các tin khác", "tin cùng chuyên mục", "cùng chuyên mục",
    "tin bài liên quan", "bài liên quan", "bài viết liên quan", "tin tức liên quan",
    "có thể bạn quan tâm", "bạn có thể quan tâm", "nên xem", "đọc thêm", "tin mới nhất",
    "tin mới hơn", "tin cũ hơn", "tin đã đưa", "tin nổi bật", "tin đọc nhiều", "đọc nhiều",
    "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất", "tin xem nhiều", "video liên quan",
    "tin tiêu điểm", "bài viết khác",
    "related", "related articles", "related posts", "related stories", "related news",
    "related content", "related reading", "you may also like", "you might also like",
    "you may be interested in", "more stories", "more news", "more articles", "recommended",
    "recommended for you", "recommended articles", "read next", "up next", "popular posts",
    "most popular", "most read", "trending", "trending now", "latest news",
    "latest posts", "latest articles", "recent posts", "recent articles", "further reading",
    "see also", "more on this story", "also read", "read also", "editor's picks",
    "top stories", "more from this author", "other news",
}
# Headers of comment sections and "more posts" boxes, by shape.
_ZONE_PATTERN = re.compile(
    r"^(\d+ (comments?|responses?|replies|thoughts on .{1,120})|(you may|you might) (also )?(like|enjoy).{0,40}|"
    r"(related|more|other|popular|recent|latest) (posts|articles|stories|news)( .{1,40})?|"
    r"(\d+ )?(bình luận|ý kiến)( bạn đọc| của bạn)?( \(\d+\))?|gửi ý kiến.{0,30})$"
)
_COMMENT_ZONE = re.compile(
    r"^(\d+ (comments?|responses?|replies|thoughts on .{1,120})|comments|reader interactions|leave a (reply|comment)|"
    r"join the (conversation|discussion)|discussion|(\d+ )?(bình luận|ý kiến)( bạn đọc| của bạn)?( \(\d+\))?|"
    r"gửi ý kiến.{0,30})$"
)

# "Related: <headline>", "Xem thêm: <headline>": a teaser link on one line.
_INLINE_TEASER = re.compile(
    r"^(xem thêm|đọc thêm|tin liên quan|related|read more|read also|also read|see also|"
    r"more|recommended|watch)\s*[:>»-]\s*\S"
)

_IMAGE_FILE = re.compile(r"^[\w\-. ()%+,~]{1,200}\.(jpe?g|png|gif|webp|bmp|svg|tiff?|avif|heic)$", re.I)
_ALT_NUMBERED = re.compile(r"\s[-–—]\s*(ảnh|hình|photo|image|picture)\s*\d+\s*\.?$", re.I)
# "... - Ảnh: VGP/Nhật Bắc", "(Ảnh: TTXVN)", "Photo: Reuters", "Ảnh minh họa", "Getty Images".
_CAPTION_MARKER = re.compile(
    r"([-–—(.!?]\s*(ảnh|hình|nguồn ảnh|photo|image|picture|credit|source)\s*:\s*[^.:]{1,60}\)?\.?\s*$)|"
    r"(^(ảnh|hình|photo|image|picture|credit|photograph)\s*:\s*\S)|"
    r"(\((ảnh|photo)\s*:?[^()]{0,60}\)\.?\s*$)|"
    r"(\b(ảnh|hình) minh h(oạ|ọa|oa)\b)|"
    r"(\b(getty images|shutterstock|ap photo|afp via getty|photo by|photograph by|"
    r"image credit|photo credit|illustration by)\b)",
    re.I,
)
_SOURCE = re.compile(r"^(nguồn|source|theo|via)\s*[:：]\s*(?P<name>[^!?]{2,60}?)\s*\.?$", re.I)
_SOURCE_THEO = re.compile(r"^[Tt]heo\s+(?P<name>[A-ZĐÀ-Ỹ][^!?,]{1,40}?)\s*\.?$")
_SEPARATOR = re.compile(r"^[\W_]{1,12}$")
_BREADCRUMB = re.compile(r"^[^>»›/]{1,40}(\s[>»›/]\s[^>»›/]{1,60}){1,6}$")

# A chrome prefix glued onto the next block: "Theo dõi X trên" + "Thủ tướng ..."
_GLUED_PREFIX = re.compile(r"^(?P<prefix>Theo dõi .{1,60}? trên|Follow .{1,40}? on \w+)(?=[A-ZĐÀ-Ỹ\"“])")
_TRAILING_SEPARATOR = re.compile(r"\s+[|•·]\s*$")


def chrome_phrase(text: str, *, norm: str | None = None) -> str | None:
    """Reason if the whole line is a portal phrase, else None."""
    line = normalise(text) if norm is None else norm
    if not line:
        return None
    if line in _NAV:
        return "portal navigation phrase"
    if len(line) <= 120 and _PROMPTS.match(line):
        return "share/follow prompt"
    if len(line) <= 160 and _FOOTER.match(line):
        return "footer line"
    if _CATEGORY.match(line):
        return "category label"
    # "Xuất bản thông tin Xuất bản thông tin": a phrase printed twice.
    half = len(line) // 2
    if len(line) % 2 == 1 and line[:half] == line[half + 1 :] and line[:half] in _NAV:
        return "portal navigation phrase"
    return None


def zone_header(text: str, *, norm: str | None = None) -> str | None:
    """The header text if the line opens a related/other-news zone."""
    line = normalise(text) if norm is None else norm
    if line in _ZONE or _ZONE_PATTERN.match(line) or _COMMENT_ZONE.match(line):
        return _collapse(text).rstrip(":：").strip()
    return None


def comment_header(text: str) -> bool:
    """A header that opens the readers' comments ("109 Comments", "Bình luận").

    >>> comment_header("109 Comments"), comment_header("Ý kiến bạn đọc"), comment_header("Comment on this")
    (True, True, False)
    """
    return bool(_COMMENT_ZONE.match(normalise(text)))


def inline_teaser(text: str, *, norm: str | None = None) -> bool:
    """A "Related: headline" / "Xem thêm: headline" link line."""
    return len(text) <= 200 and bool(_INLINE_TEASER.match(normalise(text) if norm is None else norm))


def image_file_name(text: str) -> bool:
    return bool(_IMAGE_FILE.match(text.strip()))


def alt_text_numbered(text: str) -> bool:
    """Image alt text of the form "<title> - Ảnh 1." (portals number the photos)."""
    return bool(_ALT_NUMBERED.search(text))


def has_caption_marker(text: str) -> bool:
    return len(text) <= 400 and bool(_CAPTION_MARKER.search(text))


def source_name(text: str) -> str | None:
    """The outlet of a "Nguồn: X" / "Theo X" / "Source: X" line.

    >>> source_name("Nguồn: Chinhphu.vn"), source_name("(Theo TTXVN)"), source_name("Theo báo cáo của Bộ, năm nay tăng.")
    ('Chinhphu.vn', 'TTXVN', None)
    >>> source_name("Theo ông T"), source_name("Theo TS.")
    (None, None)
    """
    line = _collapse(text)
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()  # "(Theo TTXVN)"
    if len(line) > 70:
        return None
    match = _SOURCE.match(line) or _SOURCE_THEO.match(line)
    if not match or len(match.group("name").split()) > 6:
        return None
    name = match.group("name").strip()
    if not name[:1].isupper() and not _WEB_NAME.search(name):
        return None  # "Theo ông T": a person, not an outlet ("chinhphu.vn" is one)
    if line.endswith(".") and len(name) <= 3 and name.isalpha():
        return None  # "Theo TS." -- a title abbreviation: the sentence goes on
    return name


_WEB_NAME = re.compile(r"\w\.(vn|com|net|org|gov|info|tv)\b", re.I)
_SOURCE_PREFIX = re.compile(r"^\(?(nguồn|source|theo|via)\s*[:：]?$", re.I)


def photo_credit_keyword(text: str) -> bool:
    """ "Nguồn: X" (not "Theo X"): after a photo caption it credits the photo."""
    return bool(re.match(r"^\(?\s*(nguồn|source)\b", text.strip(), re.I))


def source_prefix(text: str) -> bool:
    """A credit keyword alone on its line, the outlet on the next ("Theo" / "Forbes").

    >>> source_prefix("Theo"), source_prefix("Nguồn:"), source_prefix("Theo dõi")
    (True, True, False)
    """
    return bool(_SOURCE_PREFIX.match(text.strip()))


_BYLINE = re.compile(r"^(by|bởi|tác giả|author|written by|posted by|reported by|story by)\b[\s:]", re.I)


def byline(text: str) -> bool:
    """An author line ("By Jane Smith", "Tác giả: Minh Anh"): never a title.

    >>> byline("By Anna Baker"), byline("Bởi: Minh Anh"), byline("Bytes and bits of history")
    (True, True, False)
    """
    return len(text.split()) <= 10 and bool(_BYLINE.match(text.strip()))


def separator(text: str) -> bool:
    """A stray separator line (" | ", "***", "—")."""
    return bool(_SEPARATOR.match(text.strip()))


def breadcrumb(text: str) -> bool:
    """ "Trang chủ > Tin tức > Thời sự", "Home / News / World"."""
    line = text.strip()
    return len(line) <= 200 and not line.endswith(".") and bool(_BREADCRUMB.match(line))


def split_glued_prefix(text: str) -> tuple[str, str, str] | None:
    """(chrome prefix, kept text, chrome suffix) when a prompt is glued onto the text."""
    match = _GLUED_PREFIX.match(text)
    if not match:
        return None
    rest = text[match.end() :]
    suffix = ""
    tail = _TRAILING_SEPARATOR.search(rest)
    if tail:
        suffix, rest = rest[tail.start() :].strip(), rest[: tail.start()]
    return match.group("prefix"), rest.strip(), suffix
