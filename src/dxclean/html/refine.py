"""Refinements inside the main content, after the container is chosen.

Each pass relabels a few :class:`~.blocks.Verdict` entries in place:

- :func:`lead_before_container`: prose between the ``<h1>`` and the container is the lead;
- :func:`teaser_zone_after_heading`: a "Related posts" / "Tin liên quan" box and what
  follows it up to the article's next paragraph is a teaser zone;
- :func:`trim_outside_prose_span`: short blocks before the first / after the last prose
  block are datelines, bylines and share bars;
- :func:`repeated_blocks`: a long block repeated on the page counts once.
"""

from __future__ import annotations

from .blocks import HEADINGS, Element, RawBlock, Verdict, is_item, is_prose, within, word_count
from .lexicon import END_OF_ARTICLE_HEADING
from .dates import parse_date

REPEAT_MIN_CHARS = 200
#: A "Related posts" heading ends the article only after this share of its prose.
TEASER_AFTER_SHARE = 0.6
SHORT_WORDS = 6
#: The lead may lie at most this many blocks after the <h1>, before the main container.
LEAD_MAX_GAP = 8


def lead_before_container(blocks: list[RawBlock], verdicts: list[Verdict], elements: list[Element],
                          zoned: list) -> None:
    """Prose between the page's ``<h1>`` and the main container is the article's lead
    (a newspaper's sapo often sits in the header, outside the body's element)."""
    first = next((i for i, v in enumerate(verdicts) if v.main and v.label == "body"), None)
    if first is None:
        return
    h1 = next((i for i in range(first - 1, max(-1, first - 1 - LEAD_MAX_GAP), -1)
               if elements[blocks[i].element].tag == "h1"), None)
    if h1 is None:
        return
    for i in range(h1 + 1, first):
        block = blocks[i]
        # A sapo is often an <h2>: judged as prose by its text, not its tag.
        if is_prose(block) and block.link_chars == 0 and not verdicts[i].main and not zoned[block.element]:
            verdicts[i] = Verdict("body", None, True)


def teaser_zone_after_heading(blocks: list[RawBlock], verdicts: list[Verdict], prose: list[bool],
                               elements: list[Element]) -> None:
    """A heading like "Related posts" / "Tin liên quan" after most of the article's
    prose opens a zone of links to other pages, to the end of the main content. When the
    heading sits in a box (its largest ancestor holding none of the article before it),
    the zone ends at the next prose block outside that box written where the article's
    paragraphs are: a related-news box set inside the article (common on Vietnamese
    newspapers) must not swallow the paragraphs after it."""
    total = sum(len(b.text) for b, v, p in zip(blocks, verdicts, prose) if p and v.label == "body")
    seen = 0
    for i, (block, verdict) in enumerate(zip(blocks, verdicts)):
        if verdict.label != "body":
            continue
        if prose[i]:
            seen += len(block.text)
        if len(block.text) > 60 or seen < TEASER_AFTER_SHARE * total:
            continue
        if not END_OF_ARTICLE_HEADING.match(block.text):
            continue
        box = _heading_box(i, blocks, verdicts, elements)
        # A bare heading among the article's paragraphs has no box (nothing after it
        # shares its box): then the zone runs to the end.
        boxed = i + 1 < len(blocks) and within(blocks[i + 1].element, box, elements)
        # Where the article's paragraphs live: prose there after the box continues the article.
        homes = set()
        for b, v, p in zip(blocks[:i], verdicts[:i], prose[:i]):
            if p and v.label == "body":
                homes.update((b.element, elements[b.element].parent))
        reason = f"teaser zone after {block.text.strip()[:40]!r}"
        for j in range(i, len(blocks)):
            current = verdicts[j]
            element = blocks[j].element
            if (boxed and j > i and prose[j] and current.label == "body" and not within(element, box, elements)
                    and (element in homes or elements[element].parent in homes)):
                break
            if current.main and (current.label == "body" or (current.reason or "").startswith("link density")):
                verdicts[j] = Verdict("teaser", reason, True)
        return


def _heading_box(i: int, blocks: list[RawBlock], verdicts: list[Verdict], elements: list[Element]) -> int:
    """The largest ancestor of block ``i``'s element that holds no body block before it."""
    holding = set()  # the body blocks before it and all their ancestors
    for b, v in zip(blocks[:i], verdicts[:i]):
        index = b.element if v.label == "body" else -1
        while index >= 0 and index not in holding:
            holding.add(index)
            index = elements[index].parent
    box = blocks[i].element
    while elements[box].parent >= 0 and elements[box].parent not in holding:
        box = elements[box].parent
    return box


def trim_outside_prose_span(blocks: list[RawBlock], verdicts: list[Verdict], prose: list[bool],
                            elements: list[Element]) -> None:
    """Short body blocks before the first / after the last prose block of the main
    content are datelines, bylines, share bars and "read more" links, not article —
    except, after it, the article's own lists, tables and definition lists (ingredients,
    steps, specifications: items without links) and the headings that open them."""
    spans = [i for i, (v, p) in enumerate(zip(verdicts, prose)) if p and v.label == "body"]
    if not spans:
        return
    first, last = spans[0], spans[-1]
    for i in range(first):
        if verdicts[i].label == "body" and _is_short(blocks[i]):
            if parse_date(blocks[i].text):
                verdicts[i] = Verdict("date", "dateline before the article text", True)
            else:
                verdicts[i] = Verdict("chrome", "before the article text", True)
    after = [i for i in range(last + 1, len(blocks)) if verdicts[i].label == "body"]
    kept = [is_item(blocks[i], elements) for i in after]
    for n, i in enumerate(after):
        opens_items = elements[blocks[i].element].tag in HEADINGS and n + 1 < len(after) and kept[n + 1]
        if kept[n] or opens_items:
            continue
        if _is_short(blocks[i]) or blocks[i].link_chars * 2 > len(blocks[i].text):
            verdicts[i] = Verdict("chrome", "after the article text", True)

def _is_short(block: RawBlock) -> bool:
    return block.text.count(" ") + 1 < SHORT_WORDS and word_count(block.text) < SHORT_WORDS


def repeated_blocks(blocks: list[RawBlock], verdicts: list[Verdict]) -> None:
    """A body block whose text already appeared as body (desktop + mobile copies,
    pull quotes, sticky headers) is kept once."""
    seen: set[str] = set()
    for i, (block, verdict) in enumerate(zip(blocks, verdicts)):
        if verdict.label != "body":
            continue
        if block.text in seen and len(block.text) >= REPEAT_MIN_CHARS:
            verdicts[i] = Verdict("chrome", "repeated on the page", verdict.main)
        seen.add(block.text)
