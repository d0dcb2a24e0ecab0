"""The line classifier: which lines of a page are the article.

1. Lines the lexicon or a structure claims outright: portal phrases, image file
   names, separators, breadcrumbs, teaser listings and zones (:mod:`.zones`).
2. Every other line gets a score from its shape — long lines dense in stopwords
   (running text, jusText's criterion) score high, short and sparse lines low,
   claimed lines strongly negative.
3. The article is the *densest run*: the contiguous span with the highest total
   score (maximum-sum subarray). Short lines inside it — subheadings, list items,
   fragments split around links — are smoothed into the body; lines outside it
   are chrome or teasers.
4. Inside the run, captions (marked "Ảnh:"/"Photo:", or beside an image name) and
   glued teaser headlines right after the lead are taken out.
5. Title, date and source are picked around the run (:mod:`.metadata`).

Language-agnostic except for the stoplist and the lexicon, both per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import dates, lexicon, metadata, threads, zones
from .features import LineFeatures, line_features, sentence_groups, truncated_copy_of
from .stopwords import guess_language

BODY, CHROME, TEASER, CAPTION = "body", "chrome", "teaser", "caption"
#: Claims that may be a word inside a sentence split around links ("Twitter", ",").
_WORD_LIKE = ("portal navigation phrase", "stray separator")


@dataclass(slots=True)
class Decision:
    label: str = BODY
    reason: str = ""
    #: (removed prefix, kept text, removed suffix) for a mixed line.
    trim: tuple[str, str, str] | None = None


@dataclass(slots=True)
class PageAnalysis:
    decisions: list[Decision]
    language: str | None
    #: First and last index of the article's densest run (None if no running text).
    region: tuple[int, int] | None
    title: int | None = None
    date: int | None = None
    published: str | None = None
    source: int | None = None
    source_name: str | None = None


def analyse(
    texts: list[str],
    *,
    language: str | None = None,
    hints: list[dict[str, Any]] | None = None,
    fixed: set[int] | frozenset[int] = frozenset(),
    known_title: str | None = None,
) -> PageAnalysis:
    """Classify every line of a page. ``fixed`` lines keep a label set elsewhere."""
    language = language or guess_language([t for i, t in enumerate(texts) if i not in fixed])
    decisions = [Decision() for _ in texts]
    effective = list(texts)
    for i, text in enumerate(texts):
        glued = lexicon.split_glued_prefix(text) if i not in fixed else None
        if glued and glued[1]:
            decisions[i].trim = glued
            effective[i] = glued[1]
    feats = line_features(effective, language, hints)

    claimed = _claimed(feats, effective)
    for i in fixed:
        claimed.setdefault(i, (CHROME, "set by reader"))
    groups = sentence_groups(effective)
    multi = [g for g, (s, e) in enumerate(groups) if e > s]
    joined = line_features([" ".join(effective[groups[g][0] : groups[g][1] + 1]) for g in multi], language)
    group_feats = [feats[s] for s, _ in groups]
    for g, f in zip(multi, joined):
        group_feats[g] = f
        if zones.is_good(f):
            # A word inside a sentence split around links is not a navigation item.
            for i in range(groups[g][0] + 1, groups[g][1] + 1):
                if i in claimed and claimed[i][1] in _WORD_LIKE and i not in fixed:
                    del claimed[i]
    group_claimed = {g: claimed[s] for g, (s, e) in enumerate(groups) if s in claimed}
    heads = zones.headline_runs(feats, claimed)
    run = densest_run(group_feats, group_claimed, {g for g, (s, _) in enumerate(groups) if s in heads})
    region = (groups[run[0]][0], groups[run[1]][1]) if run else None

    title = metadata.pick_title(feats, region, claimed, known_title=known_title)
    published_at = metadata.pick_date(feats, region, claimed, title)
    source_at = metadata.pick_source(feats, region, claimed)

    # No portal chrome anywhere (a JSONL news record): what follows the text are
    # photo captions and bylines, not teasers.
    clean_record = region is not None and not (set(claimed) - set(fixed)) and region[0] <= 1
    for i, f in enumerate(feats):
        if i in fixed:
            continue
        if i in claimed:
            decisions[i].label, decisions[i].reason = claimed[i]
        elif region is None:
            continue
        elif i > region[1] and clean_record and i != source_at and f.n_words <= 20:
            decisions[i].label = CAPTION
            decisions[i].reason = "short line after the text of a clean record (photo caption)"
        elif i < region[0] or i > region[1]:
            where = "before" if i < region[0] else "after"
            headline = f.n_words >= 6 and f.chrome is None
            decisions[i].label = TEASER if headline else CHROME
            decisions[i].reason = f"{'headline ' if headline else ''}{where} the article text"
    if region is not None:
        _captions_and_glued_teasers(feats, decisions, region, claimed, fixed, groups)
    title_text = feats[title].text if title is not None else known_title
    title_norm = lexicon.normalise(title_text) if title_text else ""
    if title_norm:
        for i, f in enumerate(feats):
            if i != title and i not in fixed and f.norm == title_norm:
                decisions[i].label, decisions[i].reason = CHROME, "repeats the title (image alt text)"
    at = feats[published_at] if published_at is not None else None
    published = (at.date or at.date_prefix or dates.parse_date(at.text)) if at is not None else None
    return PageAnalysis(decisions=decisions, language=language, region=region, title=title, date=published_at,
                        published=published, source=source_at, source_name=_source_name(feats, source_at))


def _source_name(feats: list[LineFeatures], at: int | None) -> str | None:
    if at is None:
        return None
    following = feats[at + 1].text if at + 1 < len(feats) else None
    return metadata.source_value(feats[at].text, following)


def _claimed(feats: list[LineFeatures], texts: list[str]) -> dict[int, tuple[str, str]]:
    claimed: dict[int, tuple[str, str]] = {}
    for i, f in enumerate(feats):
        if f.chrome:
            claimed[i] = (CHROME, f.chrome)
        elif f.hint_nav or f.link_density > 0.5:
            claimed[i] = (CHROME, "navigation (link-dense block)")
        elif truncated_copy_of(f.text, texts) is not None:
            claimed[i] = (CHROME, "truncated copy of the title")
    teasers = zones.headline_date_listings(feats)
    teasers.update(zones.repeated_headline_items(feats))
    teasers.update(zones.headline_summary_items(feats))
    teasers.update(zones.header_zones(feats, {**teasers, **claimed}))
    teasers.update(threads.comment_threads(feats, {**teasers, **claimed}))
    for i, reason in sorted(teasers.items()):
        if i not in claimed or feats[i].zone_header:
            claimed[i] = (TEASER, reason)
    return claimed


#: Scores of the densest-run search (tuned on the WCXB dev half and the seeds).
GOOD_BASE, GOOD_PER_200_CHARS, GOOD_MAX_BONUS = 1.0, 1.0, 2.0
NEAR_GOOD, SHORT, BAD, REPEATED, DATELINE = 0.3, -0.25, -0.5, -0.5, -0.5
#: Claimed lines: teaser structures are walls, portal phrases are strong negatives,
#: separators and invisible lines almost neutral (they sit inside articles too).
CLAIMED_TEASER, CLAIMED_CHROME, CLAIMED_SEPARATOR = -2.0, -1.0, -0.1


def line_score(f: LineFeatures) -> float:
    """How much a line looks like running text (positive) or not (negative)."""
    if f.date:
        return DATELINE
    if f.chars >= 70 and f.stop_density >= 0.3:
        score = GOOD_BASE + min(GOOD_MAX_BONUS, GOOD_PER_200_CHARS * f.chars / 200)
    elif (f.chars >= 40 and f.stop_density >= 0.25) or (f.chars >= 70 and f.terminal):
        score = NEAR_GOOD  # a sentence, even if dense in names
    elif f.chars < 40:
        score = SHORT
    else:
        score = BAD
    if f.repeats > 1 and f.chars < 80:
        score += REPEATED
    return score


def claimed_score(claim: tuple[str, str]) -> float:
    label, reason = claim
    if label == TEASER:
        return CLAIMED_TEASER
    if reason == "stray separator":
        return CLAIMED_SEPARATOR
    return CLAIMED_CHROME


def densest_run(feats: list[LineFeatures], claimed: dict[int, tuple[str, str]], bare_headlines=frozenset()):
    """The span with the highest total score (Kadane), or None; ``bare_headlines`` score as no prose.

    >>> from dxclean.clean.features import line_features
    >>> body = "Đây là một đoạn văn dài của bài báo, có nhiều từ chức năng và kết thúc bằng dấu chấm."
    >>> densest_run(line_features(["Trang chủ", "Tin tức", body, "Ngắn", body + " Hai.", "Liên hệ"], "vi"), {})
    (2, 4)
    """
    scores = [claimed_score(claimed[i]) if i in claimed else line_score(f) for i, f in enumerate(feats)]
    for i in bare_headlines:
        scores[i] = min(scores[i], BAD)  # a box of bare headlines is no prose, however long they are
    _lists_after_colons(feats, claimed, scores)
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_span = total, (start, i)
    if best_span is None or best < 1.0:
        return None
    return _extend(best_span, scores, claimed)


#: Beyond the densest run, gaps cost this share of their score (lists, tables and
#: pull quotes split an article into several runs)...
GAP_DISCOUNT = 0.5
#: ...and a further run must bring at least this much to be added.
MIN_EXTENSION = 1.5
MAX_GAP_LINES = 60


def _extend(span: tuple[int, int], scores: list[float], claimed: dict) -> tuple[int, int]:
    """Grow the run over gaps to further runs of text, never across a teaser wall."""
    start, end = span
    for step in (1, -1):
        while True:
            edge = end if step == 1 else start
            total, best, best_at = 0.0, 0.0, None
            j = edge + step
            while 0 <= j < len(scores) and abs(j - edge) <= MAX_GAP_LINES:
                if j in claimed and claimed[j][0] == TEASER:
                    break
                score = scores[j]
                total += score if score > 0 else GAP_DISCOUNT * score
                if total > best:
                    best, best_at = total, j
                j += step
            if best_at is None or best < MIN_EXTENSION:
                break
            if step == 1:
                end = best_at
            else:
                start = best_at
    return start, end


#: Score of an item of a list announced by a colon ("Other recommendations:").
LIST_ITEM = 0.05
MAX_LIST_ITEMS = 40


def _lists_after_colons(feats: list[LineFeatures], claimed: dict, scores: list[float]) -> None:
    """Short unique lines after a line ending in ':' are list items, not navigation."""
    for i, f in enumerate(feats):
        if i in claimed or not f.text.endswith((":", "：")) or f.chars < 8:
            continue
        for j in range(i + 1, min(len(feats), i + 1 + MAX_LIST_ITEMS)):
            g = feats[j]
            if j in claimed or g.repeats > 1 or g.chars >= 100 or scores[j] >= GOOD_BASE:
                break
            scores[j] = max(scores[j], LIST_ITEM)


def _captions_and_glued_teasers(
    feats: list[LineFeatures],
    decisions: list[Decision],
    region: tuple[int, int],
    claimed: dict[int, tuple[str, str]],
    fixed: set[int] | frozenset[int],
    groups: list[tuple[int, int]],
) -> None:
    start, end = region
    singletons = {s for s, e in groups if s == e}
    lo, hi = max(0, start - 1), min(len(feats) - 1, end + 1)
    for i in range(lo, hi + 1):
        f = feats[i]
        if i in fixed or (i in claimed and claimed[i][0] == TEASER):
            continue
        if f.caption_marker and f.chars <= 400:
            decisions[i].label, decisions[i].reason = CAPTION, "photo caption ('Ảnh:'/'Photo:' credit)"
        elif i - 1 >= 0 and _image_line(feats[i - 1]) and i not in claimed and f.chars <= 250 and not f.terminal:
            decisions[i].label, decisions[i].reason = CAPTION, "short descriptive line beside an image"
        elif start <= i <= start + 3 and i not in claimed and i in singletons and f.heading_shape and f.chars > 90 and i > 0 and feats[i - 1].terminal:
            decisions[i].label, decisions[i].reason = TEASER, "teaser headlines glued on one line after the lead"
    # A heading-shaped sentence that closes the article introduces nothing: a caption.
    last = end
    while last > start and (last in claimed or decisions[last].label != BODY):
        last -= 1
    f = feats[last]
    if last > start and last not in claimed and f.heading_shape and f.n_words >= 6 and f.chars <= 200 and not f.zone_header:
        decisions[last].label, decisions[last].reason = CAPTION, "descriptive line after the article text"


def _image_line(f: LineFeatures) -> bool:
    return f.chrome in ("image file name", "image alt text ('- Ảnh N')")

