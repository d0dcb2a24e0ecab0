"""Hypothesis strategies for fuzzing: dirty portal documents with known truth.

Install with ``pip install dxclean[dev]`` (this module imports hypothesis; the
dxclean runtime never imports it). Use it to fuzz your own input handling::

    from hypothesis import given
    from dxclean.testing import dirty_documents

    @given(dirty_documents())
    def test_my_loader(doc):
        loaded = my_loader(doc.text_dump())        # the page as a scraped text dump
        assert loaded.paragraphs                   # ... and doc.expected is the truth

Every :class:`DirtyDocument` is a clean article (Vietnamese, or English / Russian /
Chinese) wrapped in portal chrome, teaser zones, photo captions and repeated
paragraphs, optionally broken by one of the corruptions of
:mod:`dxclean.encoding.corrupt`. ``doc.blocks`` is the dirty input (one block
per line), ``doc.labels`` the truth label of each block and ``doc.expected`` the
clean document dxclean should produce. Other strategies generate hostile input
(arbitrary text, bytes, HTML-ish markup, JSONL lines) for "never crashes" tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "VIETNAMESE_ONLY_KINDS", "WORDS", "DirtyDocument", "ExpectedDocument", "articles", "corruption_kinds", "corrupted_texts",
    "dirty_corpora", "dirty_documents", "hostile_bytes", "hostile_texts", "html_ish", "jsonl_lines",
    "paragraphs", "sentences",
]

# Words to build sentences from, per script. Real words so that language and
# encoding detection see realistic text; the sentences themselves are random.
WORDS: dict[str, tuple[str, ...]] = {
    "vi": tuple(
        "Chính phủ Thủ tướng yêu cầu các bộ ngành địa phương tập trung triển khai nhiệm vụ trọng tâm "
        "năm nay người dân doanh nghiệp được hưởng lợi từ chuyển đổi số quốc gia hội nghị tổng kết "
        "công tác kinh tế xã hội phát triển bền vững đồng thời tăng cường kiểm tra giám sát việc thực "
        "hiện chính sách mới về giáo dục y tế giao thông nông nghiệp môi trường khoa học công nghệ "
        "đầu tư hạ tầng đô thị thông minh thành phố Hà Nội Hồ Chí Minh Đà Nẵng Cần Thơ Huế tỉnh huyện "
        "xã cán bộ lãnh đạo chủ trì phối hợp nghiên cứu đề xuất giải pháp hiệu quả thiết thực chất "
        "lượng dịch vụ công trực tuyến dữ liệu an toàn thông tin mạng bảo vệ quyền lợi hợp pháp của "
        "nhân dân trong thời gian tới cần đẩy mạnh cải cách hành chính tháo gỡ khó khăn vướng mắc cho "
        "sản xuất kinh doanh xuất khẩu tăng trưởng ổn định vĩ mô kiểm soát lạm phát bảo đảm an sinh "
        "học sinh sinh viên bệnh viện bác sĩ nông dân ngư dân công nhân lao động việc làm thu nhập "
        "Nguyễn Trần Lê Phạm diễn đàn dễ dàng ô nhiễm lũ lụt bão cứu hộ khẩn cấp Quốc hội biểu quyết".split()
    ),
    "en": tuple(
        "the government said on Monday that new rules would help local companies invest in public "
        "transport health care education and digital services across the country while officials "
        "warned that prices could rise again next year as demand for energy and housing remains strong "
        "in major cities according to a report published by the ministry".split()
    ),
    "ru": tuple(
        "правительство заявило в понедельник что новые правила помогут местным компаниям инвестировать "
        "в общественный транспорт здравоохранение образование и цифровые услуги по всей стране".split()
    ),
    "zh": tuple("政府 周一 表示 新规则 将 帮助 本地 企业 投资 公共 交通 医疗 教育 数字 服务 全国 官员 警告 价格 明年 可能 上涨".split()),
}
_JOINER = {"vi": " ", "en": " ", "ru": " ", "zh": ""}
_STOP = {"vi": ".", "en": ".", "ru": ".", "zh": "。"}

# Portal furniture, in the language the portal is written in.
CHROME = {
    "vi": ("Trang chủ", "Thời sự", "Kinh tế", "Xã hội", "Thế giới", "Đăng nhập", "Đăng ký", "Chia sẻ",
           "Bình luận", "In bài viết", "Facebook", "Zalo", "Về đầu trang", "Liên hệ quảng cáo",
           "Tìm kiếm", "Video", "Podcast", "Bản quyền thuộc về Cổng thông tin điện tử Chính phủ",
           "Trang chủ > Thời sự > Chính trị", "Theo dõi chúng tôi trên Google News"),
    "en": ("Home", "News", "World", "Business", "Sign in", "Subscribe", "Share", "Comments", "Print",
           "Back to top", "Advertise with us", "Search", "Home > News > Politics", "All rights reserved"),
}
ZONE_HEADERS = {
    "vi": ("Tin liên quan", "Có thể bạn quan tâm", "Tin khác", "Đọc nhiều", "Xem thêm", "Tin cùng chuyên mục"),
    "en": ("Related articles", "Read more", "More stories", "Most read", "You may also like"),
}
_CAPTION_CREDITS = {"vi": (" - Ảnh: VGP/Nhật Bắc", " (Ảnh: TTXVN)", ". Ảnh: Báo Chính phủ"),
                    "en": (" (Photo: Reuters)", ". Photo: AP", " - Image: staff")}
_SOURCES = {"vi": ("Theo Chinhphu.vn", "Nguồn: VGP", "Theo TTXVN"), "en": ("Source: Reuters", "Via AP")}
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


#: Corruptions that only happen to Vietnamese text (legacy Vietnamese encodings,
#: a Vietnamese Windows code page); the others happen to any script.
VIETNAMESE_ONLY_KINDS = (
    "tcvn3", "tcvn_vn1", "tcvn_vn1_cp1252", "vni", "viqr", "cp1258_as_cp1252", "utf8_as_cp1258",
    "cp1252_replace", "cp1258_replace",  # lost bytes are read back by Vietnamese syllables
)


def corruption_kinds(language: str = "vi") -> tuple[str, ...]:
    """The kinds of :mod:`dxclean.encoding.corrupt` that happen to ``language`` (empty if absent)."""
    try:
        from dxclean.encoding.corrupt import KINDS
    except ImportError:
        return ()
    return tuple(k for k in KINDS if language == "vi" or k not in VIETNAMESE_ONLY_KINDS)


@dataclass(frozen=True)
class ExpectedDocument:
    """What dxclean should produce for a :class:`DirtyDocument` (the truth)."""

    title: str
    published: str | None  # ISO 8601, as in documents.jsonl
    source: str | None  # the credit line as printed ("Theo Chinhphu.vn")
    body: tuple[str, ...]
    captions: tuple[str, ...]
    language: str

    @property
    def text(self) -> str:
        """The ``text`` field of the documents.jsonl record."""
        return "\n\n".join(self.body)


@dataclass(frozen=True)
class DirtyDocument:
    """A dirty page: ``blocks`` as scraped, the truth ``labels`` and ``expected`` document."""

    blocks: tuple[str, ...]
    labels: tuple[str, ...]  # per block: body title date source caption chrome teaser duplicate
    clean_blocks: tuple[str, ...]  # the blocks before any encoding corruption
    expected: ExpectedDocument
    corruption: str | None = None  # kind from dxclean.encoding.corrupt, or None

    def text_dump(self) -> bytes:
        """The page as a plain-text dump (one block per line, UTF-8), as a ``.txt`` file holds it."""
        return ("\n".join(self.blocks) + "\n").encode("utf-8")

    def jsonl_record(self, doc_id: str | None = None) -> dict[str, Any]:
        """The page as a JSONL record (paragraphs separated by blank lines)."""
        record: dict[str, Any] = {"text": "\n\n".join(self.blocks)}
        if doc_id is not None:
            record["id"] = doc_id
        return record

    def jsonl_line(self, doc_id: str | None = None) -> str:
        return json.dumps(self.jsonl_record(doc_id), ensure_ascii=False) + "\n"


# --- clean text -------------------------------------------------------------------------


@st.composite
def sentences(draw: st.DrawFn, language: str = "vi", *, min_words: int = 6, max_words: int = 24) -> str:
    """One sentence of real words, capitalised, with a full stop."""
    words = draw(st.lists(st.sampled_from(WORDS[language]), min_size=min_words, max_size=max_words))
    text = _JOINER[language].join(words)
    if draw(st.integers(0, 4)) == 0 and language != "zh":  # numbers and punctuation portals print
        text += draw(st.sampled_from([", tăng 25,3% so với năm 2021", " (Đề án 06)", ": “Hà Nội”", " – 2025"]
                                     if language == "vi" else [", up 25.3% on 2021", " (2025)", ": “Yes”"]))
    return text[0].upper() + text[1:] + _STOP[language]


@st.composite
def paragraphs(draw: st.DrawFn, language: str = "vi") -> str:
    """A body paragraph: one to four sentences (never a line break)."""
    return " ".join(draw(st.lists(sentences(language), min_size=1, max_size=4)))


@st.composite
def _headline(draw: st.DrawFn, language: str) -> str:
    return draw(sentences(language, min_words=5, max_words=14)).rstrip(".。")


@st.composite
def articles(draw: st.DrawFn, languages: tuple[str, ...] = ("vi", "vi", "vi", "en", "ru", "zh")) -> ExpectedDocument:
    """A clean article: title, date, source, distinct body paragraphs, captions."""
    language = draw(st.sampled_from(languages))
    title = draw(_headline(language))
    body = draw(st.lists(paragraphs(language), min_size=1, max_size=8, unique=True))
    captions = draw(st.lists(st.tuples(_headline(language), st.sampled_from(_CAPTION_CREDITS.get(language, _CAPTION_CREDITS["en"]))).map("".join),
                             max_size=2, unique=True))
    day, month, year = draw(st.integers(1, 28)), draw(st.integers(1, 12)), draw(st.integers(2015, 2026))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    published = draw(st.sampled_from([None, f"{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00"]))
    source = draw(st.sampled_from([None, *_SOURCES.get(language, _SOURCES["en"])]))
    captions = [c for c in captions if c not in body and c != title]
    return ExpectedDocument(title, published, source, tuple(body), tuple(captions), language)


def _date_line(published: str, language: str, weekday: int) -> str:
    year, month, day = int(published[:4]), int(published[5:7]), int(published[8:10])
    hm = published[11:16]
    if language == "vi":
        return f"{_WEEKDAYS[weekday]}, ngày {day:02}/{month:02}/{year} {hm}"
    return f"{_MONTHS[month - 1]} {day}, {year} {hm}"


# --- dirty documents ----------------------------------------------------------------------


@st.composite
def _teaser_zone(draw: st.DrawFn, language: str) -> list[tuple[str, str]]:
    lang = language if language in ZONE_HEADERS else "en"
    header = draw(st.sampled_from(ZONE_HEADERS[lang]))
    items = draw(st.lists(_headline(language), min_size=2, max_size=6, unique=True))
    return [(header, "teaser")] + [(item, "teaser") for item in items]


@st.composite
def dirty_documents(
    draw: st.DrawFn,
    *,
    languages: tuple[str, ...] = ("vi", "vi", "vi", "en", "ru", "zh"),
    chrome: bool = True,
    teasers: bool = True,
    captions: bool = True,
    repeats: bool = True,
    corruption: bool | str = True,
) -> DirtyDocument:
    """A page with known truth. ``corruption``: True (any kind, or none), False, or one kind name."""
    article = draw(articles(languages))
    language = article.language
    lang = language if language in CHROME else "en"
    parts: list[tuple[str, str]] = []
    if chrome:
        parts += [(line, "chrome") for line in draw(st.lists(st.sampled_from(CHROME[lang]), max_size=5, unique=True))]
    parts.append((article.title, "title"))
    if article.published:
        parts.append((_date_line(article.published, language, draw(st.integers(0, 6))), "date"))
    body = [(p, "body") for p in article.body]
    if captions:  # each caption goes right after a body paragraph
        for caption in article.captions:
            at = draw(st.integers(1, len(body)))
            body.insert(at, (caption, "caption"))
    if repeats and len(article.body) > 1 and draw(st.booleans()):
        repeated = draw(st.sampled_from(article.body))
        first = next(i for i, (text, _) in enumerate(body) if text == repeated)
        body.insert(draw(st.integers(first + 1, len(body))), (repeated, "duplicate"))
    parts += body
    if article.source:
        parts.append((article.source, "source"))
    if chrome and draw(st.booleans()):
        parts += [(line, "chrome") for line in draw(st.lists(st.sampled_from(CHROME[lang]), min_size=1, max_size=3, unique=True))]
    if teasers:
        for _ in range(draw(st.integers(0, 2))):
            parts += draw(_teaser_zone(language))
    clean = tuple(text for text, _ in parts)
    labels = tuple(label for _, label in parts)
    expected = ExpectedDocument(
        article.title, article.published, article.source,
        tuple(t for t, label in parts if label == "body"),
        tuple(t for t, label in parts if label == "caption") if captions else (), language,
    )
    kind = _pick_corruption(draw, corruption, language)
    blocks = clean
    if kind is not None:
        # "one_paragraph": one block of an otherwise correct page is broken.
        only = draw(st.integers(0, len(clean) - 1)) if kind == "one_paragraph" else None
        broken = _corrupt_all(clean, kind, only)
        if broken is None:  # a character this encoding cannot hold: leave the page clean
            kind = None
        else:
            blocks = broken
    return DirtyDocument(blocks, labels, clean, expected, kind)


def _pick_corruption(draw: st.DrawFn, corruption: bool | str, language: str) -> str | None:
    if corruption is False:
        return None
    if isinstance(corruption, str):
        return corruption
    kinds = corruption_kinds(language)
    return draw(st.sampled_from((None, None, *kinds))) if kinds else None


def _corrupt_all(blocks: tuple[str, ...], kind: str, only: int | None) -> tuple[str, ...] | None:
    from dxclean.encoding.corrupt import Unrepresentable, corrupt

    try:
        return tuple(corrupt(b, kind) if only is None or i == only else b for i, b in enumerate(blocks))
    except Unrepresentable:
        return None


@st.composite
def dirty_corpora(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 6, **options: Any) -> list[DirtyDocument]:
    """Several pages of one site (templates and cross-document repeats can show)."""
    return draw(st.lists(dirty_documents(**options), min_size=min_size, max_size=max_size))


@st.composite
def corrupted_texts(draw: st.DrawFn, kinds: tuple[str, ...] | None = None, language: str = "vi") -> tuple[str, str, str]:
    """``(clean paragraph, corrupted text, kind)``; Vietnamese unless ``language`` says otherwise."""
    from dxclean.encoding.corrupt import Unrepresentable, corrupt

    kind = draw(st.sampled_from(kinds or corruption_kinds(language)))
    clean = draw(paragraphs(language))
    try:
        return clean, corrupt(clean, kind), kind
    except Unrepresentable:  # pragma: no cover - the vocabulary is representable
        return clean, clean, kind


# --- hostile input -----------------------------------------------------------------------

_NASTY = ["\x00", "\ufeff", "\u200b", "\u202e", "\u00ad", "\r", "\r\n", "\u2028", "\x85", "\x0c", "\x1b[31m",
          "\ud7ff", "\U0010ffff", "\U0001f600", "e\u0301\u0301\u0301", "Thá»§ tÆ°á»›ng", "&amp;#7911;", "\t", "  "]


def hostile_texts() -> st.SearchStrategy[str]:
    """Arbitrary Unicode text mixed with control characters, invisibles and mojibake."""
    piece = st.one_of(st.text(max_size=40), st.sampled_from(_NASTY), st.sampled_from(WORDS["vi"]), st.just("\n"))
    return st.lists(piece, max_size=40).map("".join)


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, BOMs, broken UTF-8 and UTF-16 text: what lands in a ``.txt`` file."""
    boms = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])
    return st.one_of(
        st.binary(max_size=300),
        st.tuples(boms, st.binary(max_size=200)).map(b"".join),
        hostile_texts().map(lambda t: t.encode("utf-8", "surrogatepass")),
        hostile_texts().map(lambda t: t.encode("utf-16")),
        st.tuples(hostile_texts(), st.binary(max_size=8), hostile_texts()).map(lambda p: p[0].encode() + p[1] + p[2].encode()),
    )


def html_ish() -> st.SearchStrategy[str]:
    """Tag soup: nested, unclosed and mismatched tags, attributes, comments, entities, scripts."""
    tags = st.sampled_from(["p", "div", "span", "a", "h1", "li", "ul", "table", "td", "script", "style", "br", "img", "b", "nav", "footer"])
    leaf = st.one_of(hostile_texts(), st.sampled_from(["&nbsp;", "&#7911;", "&#xZZ;", "<!-- c -->", "<![CDATA[x]]>", "<?php echo 1; ?>", "<", ">", "</", "<p", "=\"", "<!DOCTYPE html>"]),
                     st.sampled_from(WORDS["vi"]))

    def wrap(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(tags, st.text(max_size=10), st.lists(children, max_size=4), st.booleans()).map(
            lambda t: f"<{t[0]} class=\"{t[1]}\">" + "".join(t[2]) + (f"</{t[0]}>" if t[3] else ""))

    return st.recursive(leaf, wrap, max_leaves=30)


def jsonl_lines() -> st.SearchStrategy[str]:
    """One JSONL line: good records, odd types, broken JSON (no trailing newline)."""
    json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_texts(),
                               lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3), max_leaves=8)
    record = st.fixed_dictionaries({}, optional={"id": json_values, "text": st.one_of(hostile_texts(), json_values),
                                                  "url": json_values, "title": json_values, "metadata": json_values})
    good = st.fixed_dictionaries({"text": hostile_texts()}, optional={"id": st.text(max_size=8)})
    return st.one_of(
        good.map(lambda r: json.dumps(r, ensure_ascii=False)),
        record.map(json.dumps),
        json_values.map(json.dumps),
        hostile_texts().map(lambda t: t.replace("\n", " ")),
        dirty_documents(corruption=False).map(lambda d: d.jsonl_line().rstrip("\n")),
    )
