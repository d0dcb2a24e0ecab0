"""Picking the title, the publication date and the source line around the article.

All three are chosen by position relative to the article's densest run of text
(``region``) and by shape, never by matching known strings:

- title: a heading-shaped line just above the first paragraph, preferring one
  followed by a dateline or copied elsewhere on the page (image alt text, a
  truncated breadcrumb copy); the earliest good heading wins ties;
- date: the dateline nearest the title (teaser listing dates are already claimed);
- source: a "Nguồn: X" / "Theo X" / "Source: X" line just after the text, or a
  short outlet name closing the article.
"""

from __future__ import annotations

import re

from .features import LineFeatures
from . import lexicon
from .dates import parse_date

#: An e-mail address or a web address: a byline or a contact line, never a headline.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.\w", re.UNICODE)
#: How far above the first paragraph a title may sit (lines).
TITLE_WINDOW = 10
#: How far from the title a dateline may sit (lines).
DATE_WINDOW = 6
#: A line right under the title holding a full date among other words is the dateline up to this length.
MIXED_DATELINE_CHARS = 100


def first_paragraph(feats: list[LineFeatures], region: tuple[int, int] | None, claimed: dict) -> int:
    if region is None:
        return min(len(feats), TITLE_WINDOW)
    for i in range(region[0], region[1] + 1):
        f = feats[i]
        if i not in claimed and f.chars >= 70 and f.stop_density >= 0.3 and not f.heading_shape:
            return i
    return region[0]


def _title_shaped(f: LineFeatures) -> bool:
    return (
        (f.heading_shape or f.text.endswith(("?", "!")))
        and 2 <= f.n_words <= 40
        and f.chars <= 250
        and not f.date
        and not f.date_prefix
        and not f.caption_marker
        and lexicon.source_name(f.text) is None
        and not lexicon.byline(f.text)
        and not _CONTACT.search(f.text)
    )


def pick_title(
    feats: list[LineFeatures],
    region: tuple[int, int] | None,
    claimed: dict,
    *,
    known_title: str | None = None,
) -> int | None:
    """Index of the title line, or None."""
    if known_title:
        want = lexicon.normalise(known_title)
        for i, f in enumerate(feats):
            if f.norm == want:
                return i
        return None
    anchor = first_paragraph(feats, region, claimed)
    best, best_score = None, float("-inf")
    for i, distance in _lines_above(feats, anchor):
        f = feats[i]
        if i in claimed or not _title_shaped(f):
            continue
        score = -0.15 * distance + 0.4 * min(1.0, f.n_words / 8) + _dateline_bonus(feats, i, claimed)
        # A headline copied elsewhere on the page (alt text, sticky bar); a menu label repeats too, but is short.
        if (f.repeats > 1 and f.n_words >= 6) or f.hint_heading:
            score += 0.5
        if f.n_words < 4:
            score -= 0.5
        if score > best_score:
            best, best_score = i, score
    return best


#: Lines above the first paragraph a title may be looked for, whatever they are.
MAX_TITLE_REACH = 30
#: Lines shorter than this (player controls, share buttons, bylines) cost no title distance.
SHORT_LINE = 40


def _lines_above(feats: list[LineFeatures], anchor: int):
    """(index, distance) of the lines above the first paragraph, nearest first.

    Distance counts only lines of some length: a title sits above a byline, a dateline
    and a strip of short controls ("Chia sẻ", "Play", "0:00") as much as directly above
    the lead, so those short lines do not push it out of reach.
    """
    distance = 0
    for i in range(anchor - 1, max(-1, anchor - 1 - MAX_TITLE_REACH), -1):
        distance += 1
        if distance > TITLE_WINDOW:
            return
        yield i, distance
        if feats[i].chars < SHORT_LINE and not feats[i].terminal:
            distance -= 1


def _dateline_bonus(feats: list[LineFeatures], i: int, claimed: dict) -> float:
    """A dateline right under the line (or under it and a byline) marks the article's title."""
    for j in range(i + 1, min(len(feats), i + 4)):
        if feats[j].date and not (j in claimed and claimed[j][0] == "teaser"):
            return 1.0 if j == i + 1 else 0.6
        if feats[j].chars >= SHORT_LINE or (feats[j].n_words >= 5 and _title_shaped(feats[j])):
            return 0.0  # a longer line or another headline between: the dateline belongs to that one
    return 0.0


def pick_date(feats: list[LineFeatures], region: tuple[int, int] | None, claimed: dict, title: int | None) -> int | None:
    """Index of the article's dateline, or None."""
    anchor = title if title is not None else first_paragraph(feats, region, claimed)
    best, best_distance = None, None
    for i, f in enumerate(feats):
        if not f.date or (i in claimed and claimed[i][0] == "teaser"):
            continue
        distance = abs(i - anchor) + (0.5 if i < anchor else 0.0)
        if distance <= DATE_WINDOW and (best_distance is None or distance < best_distance):
            best, best_distance = i, distance
    if best is None and title is not None:
        # A date glued to a byline or a view count right under the title ("Tác giả: X - 16/09/2024 08:30").
        for j in range(title + 1, min(len(feats), title + 3)):
            f = feats[j]
            if f.chars <= MIXED_DATELINE_CHARS and not (j in claimed and claimed[j][0] == "teaser") and parse_date(f.text):
                return j
    if best is None and region is not None:
        # No dateline by the title: the nearest one around the text (bylines, footers).
        for i in sorted(range(max(0, region[0] - DATE_WINDOW * 2), min(len(feats), region[1] + DATE_WINDOW)),
                        key=lambda i: (i > region[0], abs(i - region[0]) if i < region[0] else i - region[1])):
            f = feats[i]
            if f.date and not (i in claimed and claimed[i][0] == "teaser") and not region[0] <= i <= region[1]:
                return i
    return best


def pick_source(feats: list[LineFeatures], region: tuple[int, int] | None, claimed: dict) -> int | None:
    """Index of the source line closing the article, or None.

    Only a credit line counts: "Nguồn: X" / "Theo X" (also split over two lines,
    "Theo" then "X"), "(Theo X)", or a bare outlet name right after the text when it
    is shaped like an outlet — an acronym or a web name ("TTXVN", "Chinhphu.vn") — or,
    on a page whose chrome follows it, a multi-word name with lower-case words ("Pháp
    luật và Xã hội"). A line of capitalised words alone (an author, "Phan Hoàng") or a
    photo credit is not a source: null is better than wrong.
    """
    if region is None:
        return None
    end = region[1]
    for i in range(max(region[0], end - 1), min(len(feats), end + 5)):
        if i not in claimed and lexicon.source_name(feats[i].text) and not feats[i].caption_marker:
            return i
        if i not in claimed and lexicon.source_prefix(feats[i].text) and i + 1 < len(feats):
            if _agency_shaped(feats[i + 1]) or _outlet_shaped(feats[i + 1]):
                return i
    i = end + 1
    if i < len(feats) and i not in claimed and _outlet_shaped(feats[i]) and not feats[i].caption_marker:
        chrome_follows = i + 1 < len(feats) and (i + 1) in claimed
        if _agency_shaped(feats[i]) or (chrome_follows and _titled_name(feats[i])):
            return i
    return None


def _outlet_shaped(f: LineFeatures) -> bool:
    first = f.text[:1]
    return (
        1 <= f.n_words <= 6
        and f.chars <= 40
        and first.isupper()
        and not f.terminal
        and not any(c.isdigit() for c in f.text)
        and not f.date
        and "(" not in f.text
    )


_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ&-]{1,9}$")
_WEB_NAME = re.compile(r"^[\w-]+(\.[\w-]+)*\.(vn|com|net|org|gov|info|tv)$", re.I | re.UNICODE)


def _agency_shaped(f: LineFeatures) -> bool:
    """An acronym or a web name: "TTXVN", "VOV", "Chinhphu.vn", "baochinhphu.vn"."""
    name = f.text.strip().strip("()").strip()
    return bool(_ACRONYM.match(name) or _WEB_NAME.match(name))


def _titled_name(f: LineFeatures) -> bool:
    """Several words, some in lower case: a publication's name, not a person's ("Thu Hà")."""
    words = f.text.split()
    return len(words) >= 3 and any(w[:1].islower() for w in words)


#: A credit line is looked for among the last lines of a block of several lines.
CREDIT_TAIL_LINES = 3


def credit_in_block(text: str) -> tuple[str, str, str] | None:
    r"""(kept text, cut tail, outlet) when one of a multi-line block's last lines is a credit line.

    A news record's last paragraph often ends "... sentence.\nTheo VOV\nPhoto caption":
    the credit line and what follows it (captions) are cut off the paragraph.

    >>> credit_in_block("Câu cuối của bài viết này.\nTheo VOV\nLực lượng chức năng có mặt.")
    ('Câu cuối của bài viết này.', 'Theo VOV\nLực lượng chức năng có mặt.', 'VOV')
    >>> credit_in_block("Câu cuối.\nPhan Hoàng") is None
    True
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return None
    for k in range(max(1, len(lines) - CREDIT_TAIL_LINES), len(lines)):
        name = lexicon.source_name(lines[k])
        if name and not lexicon.has_caption_marker(lines[k]) and not _credits_a_photo(lines[k], lines[k - 1]):
            return "\n".join(lines[:k]).rstrip(), "\n".join(lines[k:]), name
    return None


#: A caption is one sentence shorter than this; an article's last paragraph is longer.
CAPTION_CHARS = 150


def _credits_a_photo(line: str, before: str) -> bool:
    """ "Nguồn: Reuters." right under a one-sentence caption, inside a record's paragraph, credits
    the photo, not the article (on a page, "Nguồn: X" after the text credits the article)."""
    before = before.strip()
    return lexicon.photo_credit_keyword(line) and len(before) < CAPTION_CHARS and before.count(". ") == 0


def source_value(text: str, following: str | None = None) -> str:
    """The outlet named by a source line (``following``: the next line, for a split "Theo" / "X").

    >>> source_value("Nguồn: Chinhphu.vn"), source_value("Pháp luật và Xã hội"), source_value("Theo", "Forbes")
    ('Chinhphu.vn', 'Pháp luật và Xã hội', 'Forbes')
    """
    if lexicon.source_prefix(text) and following:
        return following.strip()
    return lexicon.source_name(text) or text.strip().strip("()").strip()
