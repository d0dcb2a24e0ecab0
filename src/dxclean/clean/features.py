"""Per-line features: the shape and statistics the classifier decides on.

>>> f = line_features(["Trang chủ", "Thủ tướng chủ trì hội nghị toàn quốc", "Trang chủ"], "vi")
>>> f[0].repeats, f[1].heading_shape, f[1].terminal
(2, True, False)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from . import dates, lexicon
from .stopwords import stopword_density, words

# Sentence-final punctuation, possibly followed by closing quotes/brackets.
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# A detokenised quote keeps a space after it: "“ Búp bê ” Thanh Thảo: ..." starts a heading too.
_HEADING_START = re.compile(r"^[\"'“‘«(\[]?\s?[\w\d]", re.UNICODE)


@dataclass(slots=True)
class LineFeatures:
    text: str
    #: ``lexicon.normalise(text)``: the form lines are compared in.
    norm: str
    chars: int
    n_words: int
    stop_density: float
    #: Ends with sentence punctuation (a sentence, not a heading or a fragment).
    terminal: bool
    #: Starts like a heading (capital letter, digit or quote) and ends without a period.
    heading_shape: bool
    #: Times the normalised line occurs in the page.
    repeats: int
    #: ISO date when the line is a dateline; ``date_prefix`` when it starts with one.
    date: str | None
    date_prefix: str | None
    #: Reason when a lexicon phrase or pattern says "chrome" on its own.
    chrome: str | None
    zone_header: str | None
    caption_marker: bool
    link_density: float
    hint_heading: bool
    hint_nav: bool


def line_features(texts: list[str], language: str | None, hints: list[dict[str, Any]] | None = None) -> list[LineFeatures]:
    norms = [lexicon.normalise(t) for t in texts]
    counts = Counter(norms)
    out = []
    for i, text in enumerate(texts):
        hint = (hints[i] if hints else None) or {}
        stripped = text.strip()
        tokens = words(stripped)
        n_words = len(tokens)
        terminal = bool(_TERMINAL.search(stripped))
        first = stripped[:1]
        heading = (
            len(stripped) <= 300
            and "\n" not in stripped
            and bool(_HEADING_START.match(stripped))
            and not terminal
            and not stripped.endswith(",")
            and (first.isupper() or first.isdigit() or not first.isalpha())
        )
        if stripped.endswith(("?", "!")) and n_words <= 25:
            heading = True
        date = dates.date_line(stripped)
        out.append(
            LineFeatures(
                text=stripped,
                norm=norms[i],
                chars=len(stripped),
                n_words=n_words,
                stop_density=stopword_density(stripped, language, tokens),
                terminal=terminal,
                heading_shape=heading,
                repeats=counts[norms[i]],
                date=date,
                date_prefix=None if date else dates.date_prefix(stripped),
                chrome=_chrome_reason(stripped, norms[i]),
                zone_header=lexicon.zone_header(stripped, norm=norms[i]),
                caption_marker=lexicon.has_caption_marker(stripped),
                link_density=float(hint.get("link_density", 0.0) or 0.0),
                hint_heading=str(hint.get("tag", "")).lower() in ("h1", "h2", "h3", "h4", "h5", "h6"),
                hint_nav=bool(hint.get("in_nav")),
            )
        )
    return out


def _chrome_reason(text: str, norm: str) -> str | None:
    if lexicon.image_file_name(text):
        return "image file name"
    if lexicon.alt_text_numbered(text):
        return "image alt text ('- Ảnh N')"
    if lexicon.separator(text):
        return "stray separator"
    if lexicon.breadcrumb(text):
        return "breadcrumb"
    if lexicon.inline_teaser(text, norm=norm):
        return "inline related-article link"
    return lexicon.chrome_phrase(text, norm=norm)


def truncated_copy_of(text: str, others: list[str]) -> int | None:
    """Index of the line ``text`` is a truncated copy of ("Hội nghị ... quố..." -> full title).

    >>> truncated_copy_of("Hội nghị trực tuyến toàn quố...", ["x", "Hội nghị trực tuyến toàn quốc về số"])
    1
    """
    stem = text.strip()
    if not stem.endswith(("...", "…")):
        return None
    stem = stem.rstrip(".…").strip()
    if len(stem) < 15:
        return None
    for i, other in enumerate(others):
        if other.strip() != text.strip() and other.startswith(stem) and len(other) > len(stem):
            return i
    return None


_CONTINUES = re.compile(r"^[a-zà-ỹđ,.;:!?)\]”’%]", re.UNICODE)
_ABBREVIATION_END = re.compile(r"(^|\s)[A-ZĐ][\w]{0,2}\.$", re.UNICODE)
_OPEN_END = re.compile(r"[\w,(“‘\"-]$", re.UNICODE)


def sentence_groups(texts: list[str]) -> list[tuple[int, int]]:
    """Runs of lines that are pieces of one sentence (a dump splits text around links).

    A line continues the previous one when it starts in lower case or with
    punctuation, or when it is a short link text between an unfinished line and a
    line that starts in lower case.

    >>> sentence_groups(["Menu", "Fortunately, a few universities including", "Harvard", "and",
    ...                  "Stanford", "still offer free certificates.", "Next"])
    [(0, 0), (1, 5), (6, 6)]
    """
    groups: list[tuple[int, int]] = []
    for i, text in enumerate(texts):
        if groups and _continues(texts, i):
            groups[-1] = (groups[-1][0], i)
        else:
            groups.append((i, i))
    return groups


def _continues(texts: list[str], i: int) -> bool:
    prev, text = texts[i - 1].strip(), texts[i].strip()
    if lexicon.image_file_name(text) or lexicon.image_file_name(prev):
        return False
    if prev and text[:1].islower() and (not _TERMINAL.search(prev) or _ABBREVIATION_END.search(prev)):
        return True  # also after an abbreviation: "anh Tr." / "gục tại chỗ."
    if not prev or not text or _TERMINAL.search(prev) and not _CONTINUES.match(text[:1]):
        return False
    if _CONTINUES.match(text):
        return bool(_OPEN_END.search(prev)) or text[:1] in ",.;:!?)]”’%"
    nxt = texts[i + 1].strip() if i + 1 < len(texts) else ""
    return (
        bool(_OPEN_END.search(prev))
        and len(text.split()) <= 4
        and bool(nxt)
        and bool(_CONTINUES.match(nxt))
    )
