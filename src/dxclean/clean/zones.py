"""Teaser structures: lists of other articles around the one we keep.

Three shapes recur on portals, whatever the language:

- *headline + date listings*: a dateline every few lines ("headline / date /
  headline / date ..." or "headline / date glued to a summary");
- *repeated-headline items*: "headline / same headline / summary" (a linked
  thumbnail and a linked title, then the summary);
- *zones opened by a header* ("Tin liên quan", "Related articles"): the header and
  what follows it, up to where running text resumes.

Each function returns ``{index: reason}`` for the lines it claims.
"""

from __future__ import annotations

import re
from statistics import median

from . import lexicon
from .features import LineFeatures

#: Datelines at most this many lines apart belong to one listing.
MAX_LISTING_GAP = 6
#: A zone header inside the article claims at most this many lines.
MAX_INNER_ZONE = 12
#: A page has at least this many "headline / headline / summary" items to call them teasers.
MIN_REPEATED_ITEMS = 2
#: A listing has at least this many datelines.
MIN_LISTING_DATES = 3


def is_good(f: LineFeatures) -> bool:
    """Running text: long enough and full of function words (jusText's criterion)."""
    return f.chars >= 70 and f.stop_density >= 0.3 and f.chrome is None


def headline_date_listings(feats: list[LineFeatures]) -> dict[int, str]:
    """Lines of "headline + dateline" listings.

    >>> from dxclean.clean.features import line_features
    >>> lines = ["Tin A về hội nghị", "Thứ Hai, ngày 04/08/2025 04:35", "Tin B về kinh tế",
    ...          "Thứ Hai, ngày 04/08/2025 03:21", "Tin C về y tế", "Chủ Nhật, ngày 03/08/2025 16:09",
    ...          "Bài chính"]
    >>> sorted(headline_date_listings(line_features(lines, "vi")))
    [0, 1, 2, 3, 4, 5]
    """
    dated = [i for i, f in enumerate(feats) if f.date or f.date_prefix]
    clusters: list[list[int]] = []
    for i in dated:
        if clusters and _same_listing(feats, clusters[-1], i):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    claimed: dict[int, str] = {}
    for cluster in clusters:
        if len(cluster) >= MIN_LISTING_DATES and _precedes_text(feats, cluster[-1]):
            # The article's own dateline sits right above its text; teaser dates do not.
            others = sum(_precedes_text(feats, i) for i in cluster[:-1])
            if others * 2 < len(cluster) - 1:
                cluster = cluster[:-1]
        if len(cluster) < MIN_LISTING_DATES:
            continue
        period = int(median(b - a for a, b in zip(cluster, cluster[1:])))
        before = 0
        # Headline lines sit before the first dateline (or after the last one).
        while before < period - 1 and cluster[0] - before - 1 >= 0:
            f = feats[cluster[0] - before - 1]
            if f.date or f.date_prefix or f.chrome or f.zone_header or f.terminal:
                break
            before += 1
        after = period - 1 - before
        start = cluster[0] - before
        end = min(len(feats) - 1, cluster[-1] + after)
        for i in range(start, end + 1):
            claimed[i] = "headline + date listing of other articles"
    return claimed


def _same_listing(feats: list[LineFeatures], cluster: list[int], i: int) -> bool:
    gap = i - cluster[-1]
    if gap > MAX_LISTING_GAP:
        return False
    if len(cluster) >= 2 and gap > (cluster[-1] - cluster[-2]) + 1:
        return False  # items of a listing are regular
    between = feats[cluster[-1] + 1 : i]
    return not any(f.zone_header for f in between)


def _precedes_text(feats: list[LineFeatures], i: int) -> bool:
    """The next line that is not a separator is a paragraph (running text ending a sentence)."""
    for f in feats[i + 1 : i + 4]:
        if f.chrome:
            continue
        return f.chars >= 70 and f.terminal and not f.date_prefix
    return False


def repeated_headline_items(feats: list[LineFeatures]) -> dict[int, str]:
    """Items "headline / same headline / summary": thumbnails and titles of other articles.

    >>> from dxclean.clean.features import line_features
    >>> lines = ["Giá vàng hôm nay tăng mạnh", "Giá vàng hôm nay tăng mạnh",
    ...          "Giá vàng trong nước đã dần ổn định sau một tuần tăng giá mạnh liên tục.",
    ...          "Dự báo thời tiết Hà Nội ngày mai", "Dự báo thời tiết Hà Nội ngày mai",
    ...          "Khu vực Hà Nội ngày nắng nóng, chiều tối và đêm có mưa rào và dông.", "Kết thúc"]
    >>> sorted(repeated_headline_items(line_features(lines, "vi")))
    [0, 1, 2, 3, 4, 5]
    """
    claimed: dict[int, str] = {}
    items = 0
    n = len(feats)
    for i, f in enumerate(feats):
        if f.chars < 20 or not f.heading_shape or f.chrome or i in claimed:
            continue
        for j in (i + 1, i + 2):
            if j < n and feats[j].text == f.text:
                items += 1
                for k in range(i, j + 1):
                    claimed[k] = "repeated headline of another article"
                nxt = j + 1
                # The summary after the pair, unless running text continues after it.
                if nxt < n and not feats[nxt].heading_shape and feats[nxt].chrome is None:
                    after = feats[nxt + 1] if nxt + 1 < n else None
                    if after is None or after.heading_shape or not is_good(after):
                        claimed[nxt] = "summary of another article"
                break
    # One repeated headline alone is usually the page's own title (breadcrumb + heading).
    return claimed if items >= MIN_REPEATED_ITEMS else {}


def header_zones(feats: list[LineFeatures], claimed: dict[int, str]) -> dict[int, str]:
    """A zone header and the teaser lines after it.

    The zone runs to the end of the page when the header comes after most of the
    page's running text (a related-news box below the article); otherwise it stops
    at the first line of running text (a box inside the article), after at most
    ``MAX_INNER_ZONE`` lines.
    """
    good_chars = [f.chars if is_good(f) and i not in claimed else 0 for i, f in enumerate(feats)]
    total = sum(good_chars) or 1
    out: dict[int, str] = {}
    seen = 0
    for i, f in enumerate(feats):
        seen += good_chars[i]
        if not f.zone_header or i in out:
            continue
        reason = f"teaser zone after '{f.zone_header}'"
        out[i] = reason
        # Comments always close a page; a related box only when most text is above it.
        comments = lexicon.comment_header(f.text)
        to_end = seen / total >= (0.3 if comments else 0.6)
        if comments and not to_end:
            continue  # "5 Comments" beside a byline is a link, not the comment section
        j = i + 1
        listed = _item_run(feats, j)  # a list of headline + summary items runs on past its summaries
        while j < len(feats):
            if j > listed and not to_end and (
                j - i > MAX_INNER_ZONE or (is_good(feats[j]) and j not in claimed) or _opens_article(feats, j)
            ):
                break
            out[j] = reason
            j += 1
    return out


def _opens_article(feats: list[LineFeatures], j: int) -> bool:
    """A dateline right above running text, or the heading right above that dateline:
    the article's own title and date, where a zone opened by a menu header ends."""
    if feats[j].date and _precedes_text(feats, j):
        return True
    nxt = j + 1
    return nxt < len(feats) and bool(feats[nxt].date) and feats[j].heading_shape and _precedes_text(feats, nxt)


def _item_run(feats: list[LineFeatures], start: int) -> int:
    """Last line of the "headline / summary" items starting at ``start`` (``start - 1`` if fewer than two)."""
    items, j, last = 0, start, start - 1
    while True:
        k = j
        while k < len(feats) and _label(feats[k]):
            k += 1
        if k + 1 < len(feats) and _headline(feats[k], continuing=items > 0) and _summary(feats[k + 1]):
            items, last, j = items + 1, k + 1, k + 2
        else:
            return last if items >= 2 else start - 1


_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+(\w)", re.UNICODE)
#: A listing of other articles has at least this many "headline / one-sentence summary" items.
MIN_SUMMARY_ITEMS = 3
#: A teaser summary is at most two sentences and this long.
MAX_SUMMARY_CHARS = 400
#: Running text goes on after a list inside an article: at least this many paragraphs.
MIN_PARAGRAPHS_AFTER = 2
#: Short labels between items ("Thế giới", "Tin tài trợ") are skipped, up to this many words.
MAX_LABEL_WORDS = 3


def headline_summary_items(feats: list[LineFeatures]) -> dict[int, str]:
    """Runs of "headline / short summary" items after the text, or right above the article's
    title and dateline: a list of other articles.

    After its text an article does not alternate an unpunctuated headline and a
    sentence or two three times in a row; a "more news" list does (each teaser is a
    headline and its summary, often with a section label between items).

    >>> from dxclean.clean.features import line_features
    >>> lines = ["Giá vàng hôm nay tăng mạnh trên thị trường",
    ...          "Giá vàng trong nước đã dần ổn định sau một tuần tăng giá mạnh liên tục trên cả nước.",
    ...          "Thế giới", "Dự báo thời tiết Hà Nội ngày mai có mưa lớn",
    ...          "Khu vực Hà Nội ngày nắng nóng, chiều tối và đêm có mưa rào và dông rải rác.",
    ...          "Đội tuyển Việt Nam thắng đậm trong trận mở màn",
    ...          "Đội tuyển đã có chiến thắng thuyết phục với tỷ số 3-0 trước đối thủ trên sân nhà Mỹ Đình.",
    ...          "Liên hệ quảng cáo"]
    >>> sorted(headline_summary_items(line_features(lines, "vi")))
    [0, 1, 2, 3, 4, 5, 6]
    >>> more = [lines[1] + " Và đây là đoạn văn tiếp theo.", lines[4] + " Đoạn cuối của bài."]
    >>> sorted(headline_summary_items(line_features(lines + more, "vi")))
    []
    """
    runs: list[tuple[int, int]] = []
    n, i = len(feats), 0
    while i < n:
        last = _item_run(feats, i)
        if last >= i and _items_between(feats, i, last) >= MIN_SUMMARY_ITEMS:
            runs.append((i, last))
            i = last + 1
        else:
            i += 1
    # Only lists no running text follows (a stray longer teaser aside): inside an article the same shape is a list of
    # sections (subheading + paragraph), and the article goes on after it.
    inside = {m for a, b in runs for m in range(a, b + 1)}
    out: dict[int, str] = {}
    for a, b in runs:
        while _label(feats[a]):
            a += 1  # a label before the first item belongs to what is above it (a credit line, "(Theo TTXVN)")
        if sum(is_good(feats[m]) for m in range(b + 1, n) if m not in inside) < MIN_PARAGRAPHS_AFTER:
            out.update((m, "headline + summary items after the text (other articles)") for m in range(a, b + 1))
        else:
            # Right above the article's own title and dateline (never taken in): a listing before the text ("Tin mới"),
            # its summaries real sentences.
            title = next((j for j in range(a + 1, min(n, b + 4)) if _opens_article(feats, j)), None)
            if title is not None and sum(feats[m].terminal and _summary(feats[m]) for m in range(a, title)) >= 2:
                out.update((m, "headline + summary items before the title (other articles)") for m in range(a, title))
    return out


def _items_between(feats: list[LineFeatures], start: int, last: int) -> int:
    return sum(_summary(feats[m]) and _headline(feats[m - 1], continuing=True) for m in range(start + 1, last + 1))


def _label(f: LineFeatures) -> bool:
    return 0 < f.n_words <= MAX_LABEL_WORDS and not f.terminal and f.chars < 30


def _headline(f: LineFeatures, continuing: bool) -> bool:
    # A question opens no listing: interviews alternate questions and answers.
    return (
        f.heading_shape and (not f.terminal or (continuing and f.text.endswith("?"))) and 5 <= f.n_words <= 30 and f.chars <= 180
        and f.chrome is None and not f.date and not f.caption_marker
    )


def _summary(f: LineFeatures) -> bool:
    """A sentence or two (or a cut one, "..."): long enough to be prose, too short to be a paragraph."""
    inner = f.text.rstrip(".…!?\"'”’) ")
    breaks = sum(m.group(1).isupper() for m in _SENTENCE_BREAK.finditer(inner))
    return 60 <= f.chars <= MAX_SUMMARY_CHARS and f.stop_density >= 0.15 and breaks <= 1 and not f.date and f.chrome is None and not f.caption_marker


#: A list of bare headlines has at least this many of them in a row...
MIN_HEADLINE_RUN = 3
#: ...and on one side of it less than this share of the page's prose (the article is on the other side).
SIDE_SHARE = 0.2


def headline_runs(feats: list[LineFeatures], claimed=frozenset()) -> set[int]:
    """Lines of runs of bare headlines: three or more unpunctuated headline-shaped lines in a row.

    Prose ends its sentences; a box of other articles' headlines ("Tin nổi bật", a
    section of a front page) does not, however many function words a long headline
    has. Short labels between the headlines ("Video", "02:02") do not break the run;
    the article's own title (the heading right above its dateline and text) ends it.
    Only runs with little running text on one side count (``claimed`` lines, teaser
    summaries, are none): the boxes stand before or after the article; a run with
    text on both sides is a list or a table inside it (unpunctuated items).

    >>> from dxclean.clean.features import line_features
    >>> heads = ["Quán triệt thực hiện nghị quyết về tháo gỡ điểm nghẽn thể chế trong năm nay",
    ...          "Trao sổ hưu trí cho bốn cán bộ nghỉ theo chế độ của cơ quan", "02:02",
    ...          "Chia sẻ kinh nghiệm chuyển đổi số và ứng dụng công nghệ thông tin trong văn phòng"]
    >>> sorted(headline_runs(line_features(heads + ["Một câu văn kết thúc bằng dấu chấm."], "vi")))
    [0, 1, 3]
    >>> sorted(headline_runs(line_features(heads[:2] + ["Một câu văn kết thúc bằng dấu chấm."], "vi")))
    []
    """
    good = [0]
    for i, f in enumerate(feats):  # good[i]: lines of prose before line i (teaser summaries are none)
        good.append(good[-1] + (is_good(f) and i not in claimed and not _headline(f, continuing=False)))
    out: set[int] = set()
    run: list[int] = []
    gap = 0
    for i, f in enumerate(feats + [None]):
        if f is not None and _headline(f, continuing=False) and not _opens_article(feats, i):
            run.append(i)
            gap = 0
            continue
        if f is not None and run and _label(f) and gap == 0:
            gap = 1
            continue
        if len(run) >= MIN_HEADLINE_RUN:
            before, after = good[run[0]], good[-1] - good[run[-1] + 1]
            if min(before, after) < max(MIN_PARAGRAPHS_AFTER, SIDE_SHARE * max(before, after)):
                out.update(run)
        run, gap = [], 0
    return out
