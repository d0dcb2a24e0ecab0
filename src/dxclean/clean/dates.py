"""Publication dates as Vietnamese and English portals print them, to ISO 8601.

A date with a time gives ``YYYY-MM-DDTHH:MM:SS``; a date alone gives ``YYYY-MM-DD``.
A time labelled PM is taken as 24-hour when the hour is already ≥ 12 (portals
print "15:35 PM").

>>> parse_date("13/07/2023 | 15:35 PM")
'2023-07-13T15:35:00'
>>> parse_date("Thứ Năm, ngày 14/08/2025 04:15")
'2025-08-14T04:15:00'
>>> parse_date("Cập nhật: 10:15 05/09/2023")
'2023-09-05T10:15:00'
>>> parse_date("Thứ hai, 4/9/2023, 08:30 (GMT+7)")
'2023-09-04T08:30:00'
>>> parse_date("September 4, 2025")
'2025-09-04'
>>> parse_date("Published 4 Sept. 2025 at 3:05 pm")
'2025-09-04T15:05:00'
>>> parse_date("ngày 14 tháng 8 năm 2025")
'2025-08-14'
>>> parse_date("2024-08-31T13:44:00+07:00")
'2024-08-31T13:44:00'
>>> parse_date("32/13/2023") is None, parse_date("Hôm nay trời đẹp") is None
(True, True)
>>> date_line("31/08/2024 | 13:44 PM"), date_line("Ngày 12/7/2023, Thủ tướng chủ trì hội nghị về chuyển đổi số.")
('2024-08-31T13:44:00', None)
>>> date_prefix("Thứ Ba, ngày 22/04/2025 09:35500.000 liều vaccine đã được trao")
'2025-04-22T09:35:00'
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_DATE_PATTERNS = (
    # 2024-08-31, 2024/08/31
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 31/08/2024, 31-08-2024, 31.08.2024
    re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)"),
    # ngày 14 tháng 8 năm 2025
    re.compile(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm|,)\s*(?P<y>\d{4})", re.I),
    # September 4, 2025 / Sep 4 2025
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I),
    # 4 September 2025
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>\d{4})", re.I),
)
_TIME = re.compile(
    r"(?<![\d/])(?P<h>[01]?\d|2[0-3])\s*[:h]\s*(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?|sa|ch)\b)?",
    re.I,
)
# Words that may surround a date on a date line without making it prose.
_DATE_WORDS = re.compile(
    r"\b(thứ|hai|ba|tư|năm|sáu|bảy|bẩy|chủ|nhật|cn|ngày|tháng|lúc|cập|nhật|đăng|đăng tải|"
    r"gmt|utc|ict|sa|ch|am|pm|published|posted|updated|last|modified|on|at|date|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    + "|".join(_MONTHS) + r")\b",
    re.I,
)
_WORD = re.compile(r"\w+", re.UNICODE)


_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def _find_date(text: str) -> tuple[date, re.Match[str]] | None:
    if not _YEAR.search(text):  # every pattern needs a four-digit year: cheap pre-check
        return None
    best: tuple[date, re.Match[str]] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = _MONTHS.get(parts["mon"].lower().rstrip(".")) if parts.get("mon") else int(parts["m"])
            try:
                found = date(int(parts["y"]), month or 0, int(parts["d"]))
            except ValueError:
                continue
            if not 1990 <= found.year <= 2100:
                continue
            if best is None or match.start() < best[1].start():
                best = (found, match)
            break
    return best


def _find_time(text: str, exclude: tuple[int, int]) -> str | None:
    for match in _TIME.finditer(text):
        if exclude[0] <= match.start() < exclude[1]:
            continue
        hour, minute = int(match["h"]), int(match["mi"])
        second = int(match["s"] or 0)
        ampm = (match["ampm"] or "").lower().replace(".", "")
        if ampm in ("pm", "ch") and hour < 12:
            hour += 12
        elif ampm in ("am", "sa") and hour == 12:
            hour = 0
        return f"{hour:02d}:{minute:02d}:{second:02d}"
    return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` (with its time, if any) as ISO 8601, else None."""
    found = _find_date(text)
    if found is None:
        return None
    day, match = found
    clock = _find_time(text, (match.start(), match.end()))
    return f"{day.isoformat()}T{clock}" if clock else day.isoformat()


def date_line(text: str) -> str | None:
    """ISO date when the line is essentially a date (a dateline), not prose with a date.

    Up to three other words are allowed (an author or "Cập nhật"), no sentence.
    """
    if len(text) > 90:
        return None
    iso = parse_date(text)
    if iso is None:
        return None
    rest = _DATE_WORDS.sub(" ", text)
    rest_words = [w for w in _WORD.findall(rest) if not w.isdigit()]
    return iso if len(rest_words) <= 3 else None


def date_prefix(text: str) -> str | None:
    """ISO date when the line *starts* with a dateline glued to more text (teaser lists)."""
    head = text[:48]
    found = _find_date(head)
    if found is None:
        return None
    before = _DATE_WORDS.sub(" ", head[: found[1].start()])
    if [w for w in _WORD.findall(before) if not w.isdigit()]:
        return None
    return parse_date(head)
