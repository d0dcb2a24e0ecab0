"""Dates of HTML pages: parsing machine-readable and visible dates, and the published value.

The *day* comes from the best source: ``<meta>`` (Open Graph, article:,
Dublin Core, itemprop), then JSON-LD, then ``<time>``; a visible dateline (Vietnamese
and English patterns, found by the caller near the title) is the last resort.
The published value is ``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM:00`` -- the page's own
local time, never converted between time zones -- when the page *shows* a time:
a visible dateline near the title gives a time for that same day ("Thứ Năm,
14/08/2025 04:15", "Cập nhật: 10:15 05/09/2023"). A time that only machine-readable
metadata carries (``article:published_time`` "...T19:26:00+07:00") is used only when
:data:`META_TIME_WITHOUT_DATELINE` says so (see :func:`published_value`), and it is
off: readers and gold standards record what the page displays, and a page that
displays a day only is dated by that day. Measured (Nov 2026): turning it on drops
WCXB date accuracy (benchmarks/bench_html.py, 791 pages) from 0.785 to 0.582 and
leaves the Vietnamese portal pages (bench_html_vn.py) at 1.0 -- Vietnamese portals
that carry a time in metadata also print it in the dateline. Midnight ("00:00") in
metadata is a CMS default, never a time.
"""

from __future__ import annotations

import re

from ..clean.dates import parse_date as parse_datetime

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
#: Add a time that only metadata carries (no visible dateline found)? Decided by measurement:
#: see the module docstring and benchmarks/bench_html.py, bench_html_vn.py.
META_TIME_WITHOUT_DATELINE = False
_MIDNIGHT = ("00:00", "")


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


def clock_for_day(text: str, day: str) -> str | None:
    """The time ``HH:MM`` that ``text`` gives for ``day`` (``YYYY-MM-DD``), as written.

    >>> clock_for_day("2024-03-01T19:26:00+07:00", "2024-03-01"), clock_for_day("01/03/2024 19:26", "2024-03-01")
    ('19:26', '19:26')
    >>> clock_for_day("01/03/2024", "2024-03-01"), clock_for_day("02/03/2024 19:26", "2024-03-01")
    (None, None)
    """
    found = parse_datetime(text) if text else None
    if not found or found[:10] != day or len(found) < 16:
        return None
    return found[11:16]


def published_value(*, meta_day: str | None, meta_clock: str | None, visible_day: str | None,
                    visible_clock: str | None, meta_time_alone: bool = META_TIME_WITHOUT_DATELINE) -> str | None:
    """Combine the machine-readable and the visible date into the published value.

    The day comes from metadata, else from the dateline; the time is added when the
    dateline shows one for that same day, or -- only with ``meta_time_alone`` -- when
    there is no dateline and metadata has a time other than midnight.

    >>> published_value(meta_day="2024-03-01", meta_clock="12:26", visible_day="2024-03-01", visible_clock="19:26")
    '2024-03-01T19:26:00'
    >>> published_value(meta_day="2024-03-01", meta_clock="19:26", visible_day="2024-03-01", visible_clock=None)
    '2024-03-01'
    >>> published_value(meta_day="2024-03-01", meta_clock=None, visible_day="2024-03-05", visible_clock="08:00")
    '2024-03-01'
    >>> published_value(meta_day=None, meta_clock=None, visible_day="2024-03-05", visible_clock="08:00")
    '2024-03-05T08:00:00'
    >>> published_value(meta_day="2024-03-01", meta_clock="19:26", visible_day=None, visible_clock=None,
    ...                 meta_time_alone=True)
    '2024-03-01T19:26:00'
    """
    day = meta_day or visible_day
    if not day:
        return None
    if visible_day == day and visible_clock:
        return f"{day}T{visible_clock}:00"
    if meta_time_alone and visible_day is None and meta_day and meta_clock and meta_clock not in _MIDNIGHT:
        return f"{day}T{meta_clock}:00"
    return day
