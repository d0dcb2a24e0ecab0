"""Which blocks are the main content: DOM evidence -> labels with reasons.

1. Elements are marked *chrome zones* by tag (``nav``, ``aside``, ``footer``,
   ``menu``, ``form``) or by a lexicon word in their class/id (see :mod:`.lexicon`),
   unless the zone holds most of the page's prose or the page's ``<main>`` (then it is
   a wrapper, e.g. an ASP.NET page-wide ``<form>``, or a theme's misnomer, not a
   sidebar); where the page has a ``<main>`` holding prose, a zone outside it is never
   such a wrapper (a page-wide footer with more text than a short article).
2. Blocks are *prose* when long enough, sentence-like and not link-dense.
3. The main container is the element maximising ``prose - PENALTY * other text``
   below it (ties go to the deeper element); a content-lexicon class or
   ``itemprop=articleBody`` earns a bonus.
   The container then grows to an ancestor that adds much more prose than other
   text (easily when it holds a small share of the page's prose, or when it is a
   small box inside a prose-rich ancestor). A container still holding a small share of
   the page's prose gets a second opinion (:mod:`.widen`).
4. Blocks inside the container and outside chrome zones are body; the others are
   labelled with the first piece of evidence against them (zone, caption — inside
   ``<figcaption>`` or a short line with a photo credit —, outside the container,
   link density).
5. :mod:`.refine` then adjusts inside the container: the lead between ``<h1>`` and
   container, "Related posts" / "Tin liên quan" teaser zones, datelines and share
   bars at the edges, long repeated blocks.

The constants were tuned on the dev half of the WCXB pages only (see
benchmarks/bench_html.py); ``EXPAND_LEVELS`` (sibling expansion) is off because it
cost precision there.
"""

from __future__ import annotations

from . import refine, widen
from .blocks import HEADINGS, MIN_PROSE_WORDS, Element, RawBlock, Verdict, inherit, is_prose
from ..clean.lexicon import has_caption_marker
from .lexicon import TEASER_WORDS, chrome_match, content_match

CHROME_TAGS = {"nav": "inside <nav>", "aside": "inside <aside>", "footer": "inside <footer>",
               "menu": "inside <menu>", "form": "inside <form>"}
#: Text outside prose counts this much against a container.
PENALTY = 3.0
#: Weight of non-link text of short blocks in the penalty (link text weighs 1).
PLAIN_WEIGHT = 0.6
#: A chrome zone holding more than this share of the page's prose is not chrome.
ZONE_GUARD = 0.5
LINK_DENSE = 0.5
#: From this link density on a block is navigation even when it reads like a sentence.
LINK_ALWAYS = 0.5
CONTENT_BONUS = 1.1
#: Elements that can be the main container (a lone <p> or <li> cannot).
CONTAINER_TAGS = frozenset(("body", "div", "section", "article", "main", "td", "center", "form", "html",
                            "header", "blockquote", "dd", "details", "fieldset"))
#: The container may grow up to this many levels when an ancestor adds prose worth
#: ``GROW_RATIO`` times its other text and at least ``GROW_MIN_SHARE`` of the prose.
GROW_LEVELS = 4
GROW_RATIO = 2.0
GROW_MIN_SHARE = 0.1
#: A container holding less than ``SMALL_CORE`` of the page's prose is a fragment of a
#: list-heavy article (a listicle, FAQ, docs page): it grows when an ancestor adds at
#: least ``SMALL_RATIO`` times as much prose as other text.
SMALL_CORE = 0.05
SMALL_RATIO = 1.0
#: A container with under ``JUMP_MAX_CORE`` characters of prose (a highlighted box, a
#: pull quote) grows to an ancestor with ``JUMP_GAIN`` times its prose when prose is at
#: least ``JUMP_PROSE`` of that ancestor's weighted text: the article around the box.
JUMP_MAX_CORE = 600
JUMP_GAIN = 3.0
JUMP_PROSE = 0.55
#: Sibling subtrees of the container at most this many levels up may join it...
EXPAND_LEVELS = 0
#: ...when at least this share of their weighted text is prose.
SIBLING_RATIO = 0.6
#: ...and they hold at least this much prose relative to the container.
SIBLING_SHARE = 0.2
#: A block with a photo credit ("Ảnh: VGP") and at most this many words is a caption.
CAPTION_MAX_WORDS = 40


def zone_reason(element: Element) -> str | None:
    """Why an element (by its own tag/class/id) is a chrome zone, or None."""
    reason = CHROME_TAGS.get(element.tag)
    if reason:
        return reason
    word = chrome_match(element.tokens)
    if word:
        return f"class '{word}'"
    return None


def _zone_groups(element: Element, reason: str) -> tuple[tuple, tuple]:
    """The groups a zoned element belongs to: its siblings zoned for the same reason, and
    the elements of its tag and classes."""
    return (("siblings", element.parent, reason), ("class", element.tag, element.tokens))


def _subtree_sums(own: list[int], elements: list[Element]) -> list[int]:
    """Per element, the sum of ``own`` over it and its descendants (children follow parents)."""
    sums = own[:]
    for i in range(len(elements) - 1, 0, -1):
        sums[elements[i].parent] += sums[i]
    return sums


def classify(blocks: list[RawBlock], elements: list[Element]) -> tuple[list[Verdict], int]:
    """Label every block; return the verdicts and the main container's index."""
    n_el = len(elements)
    reasons: dict[str, str | None] = {}  # per call: many elements share class names
    own_zone = []
    for element in elements:
        key = element.tag + " " + element.tokens
        if key not in reasons:
            reasons[key] = zone_reason(element)
        own_zone.append(reasons[key])
    # A zone holding the page's <main> is a layout wrapper ("l-wrapper gate-ad").
    holds_main = _subtree_sums([int(e.tag == "main") for e in elements], elements)
    for i, element in enumerate(elements):
        if own_zone[i] and holds_main[i] and element.tag != "main":
            own_zone[i] = None
    prose = [is_prose(b, elements[b.element].tag) for b in blocks]
    own_good = [0] * n_el
    for block, is_good in zip(blocks, prose):
        if is_good:
            own_good[block.element] += len(block.text) - block.link_chars
    good = _subtree_sums(own_good, elements)
    page_good = good[0] or 1
    # A zone that holds most of the prose is a misnamed wrapper, not chrome; so are
    # sections zoned alike (siblings zoned by the same word, or elements of one class)
    # that together hold most of it ("skip-item topic1", "skip-item topic2", ...).
    groups: dict[tuple, int] = {}
    for i, element in enumerate(elements):
        if own_zone[i] and (element.parent < 0 or not own_zone[element.parent]):
            for key in _zone_groups(element, own_zone[i]):
                groups[key] = groups.get(key, 0) + good[i]
    limit = ZONE_GUARD * page_good
    # Where the page has a <main> with prose, a zone outside it is not its misnamed wrapper.
    in_main = inherit([e.tag == "main" and good[i] > 0 for i, e in enumerate(elements)], elements)
    has_main = any(in_main)
    zone = [r if r and ((has_main and not in_main[i] and not holds_main[i]) or good[i] <= limit and all(
        groups.get(k, 0) <= limit for k in _zone_groups(elements[i], r))) else None for i, r in enumerate(own_zone)]
    # The effective zone of an element: its own or its nearest zoned ancestor's.
    inherited = inherit(zone, elements)
    # Prose and other text outside chrome zones, per element.
    own_clean_good = [0] * n_el
    own_clean_bad = [0.0] * n_el
    own_links, own_plain = [0] * n_el, [0] * n_el  # text of the other blocks: links, the rest
    for block, is_good in zip(blocks, prose):
        index = block.element
        if inherited[index]:
            continue
        if is_good:
            own_clean_good[index] += len(block.text) - block.link_chars
        else:
            # Link text is what navigation is made of; plain short text (headings,
            # list items, table cells) is often part of the article.
            own_clean_bad[index] += block.link_chars + PLAIN_WEIGHT * (len(block.text) - block.link_chars)
            if block.kind != "alt":
                own_links[index] += block.link_chars
                own_plain[index] += len(block.text) - block.link_chars
    clean_good = _subtree_sums(own_clean_good, elements)
    clean_bad = _subtree_sums(own_clean_bad, elements)
    best, best_score = 0, float("-inf")
    for i, element in enumerate(elements):
        if inherited[i] or not clean_good[i] or element.tag not in CONTAINER_TAGS:
            continue
        score = clean_good[i] - PENALTY * clean_bad[i]
        if element.itemprop == "articlebody" or element.tag in ("article", "main") or content_match(element.tokens):
            # A bonus must help a negative score too (multiplying it would hurt).
            score = score * CONTENT_BONUS if score > 0 else score / CONTENT_BONUS
        if score > best_score or (score == best_score and element.depth > elements[best].depth):
            best, best_score = i, score
    best = _grow(best, elements, clean_good, clean_bad, inherited)
    links, plain = _subtree_sums(own_links, elements), _subtree_sums(own_plain, elements)
    best = widen.second_opinion(best, elements, clean_good, links, plain, inherited, CONTAINER_TAGS)
    roots = _expand(best, elements, clean_good, clean_bad, inherited)
    inside = [False] * n_el
    for i, element in enumerate(elements):
        inside[i] = i in roots or (element.parent >= 0 and inside[element.parent])
    # Prose written directly into an ancestor of the container (between its children).
    ancestors_of_best = set()
    index = elements[best].parent
    for _ in range(int(EXPAND_LEVELS)):
        if index < 0:
            break
        ancestors_of_best.add(index)
        index = elements[index].parent
    # The caption element (<figcaption>, a table's <caption>) a block is inside, if any.
    caption_of = inherit([e.tag if e.tag in ("figcaption", "caption") else None for e in elements], elements)
    verdicts = [
        _verdict(b, inside[b.element] or (is_good and b.element in ancestors_of_best), inherited[b.element],
                 elements, caption_of[b.element])
        for b, is_good in zip(blocks, prose)
    ]
    widen.article_goes_on(blocks, verdicts, prose, elements, best, inherited)
    refine.lead_before_container(blocks, verdicts, elements, inherited)
    refine.teaser_zone_after_heading(blocks, verdicts, prose, elements)
    refine.trim_outside_prose_span(blocks, verdicts, prose, elements)
    refine.repeated_blocks(blocks, verdicts)
    return verdicts, best


def _grow(best: int, elements: list[Element], good: list[int], bad: list[float], zoned: list) -> int:
    """Climb from the container to an ancestor (at most ``GROW_LEVELS`` up) that adds
    much more prose than other text: the strict penalty finds the article's densest
    core, which is too small when the article also has lists, tables or short lines.
    A tiny core (a boxed key point, a FAQ answer) climbs to an ancestor that is mostly
    prose and holds several times its prose, whatever that ancestor's other text costs."""
    current, ancestor = best, elements[best].parent
    for _ in range(int(GROW_LEVELS)):
        if ancestor < 0 or zoned[ancestor]:
            break
        gained, cost = good[ancestor] - good[current], bad[ancestor] - bad[current]
        ratio = SMALL_RATIO if good[current] < SMALL_CORE * good[0] else GROW_RATIO
        multiplies = good[current] < JUMP_MAX_CORE and good[ancestor] >= JUMP_GAIN * good[current] and \
            good[ancestor] >= JUMP_PROSE * (good[ancestor] + bad[ancestor])
        if multiplies or (gained >= GROW_MIN_SHARE * good[current] and gained >= ratio * cost):
            current = ancestor
        ancestor = elements[ancestor].parent
    return current


def _expand(best: int, elements: list[Element], good: list[int], bad: list[float], zoned: list) -> set[int]:
    """The container plus prose-rich sibling subtrees up to ``EXPAND_LEVELS`` levels up:
    articles are often split (lead, body, second column) across sibling elements."""
    children: dict[int, list[int]] = {}
    roots = {best}
    current = best
    levels = []
    for _ in range(int(EXPAND_LEVELS)):
        parent = elements[current].parent
        if parent < 0:
            break
        levels.append(parent)
        current = parent
    if levels:
        wanted = set(levels)
        for i, element in enumerate(elements):
            if element.parent in wanted:
                children.setdefault(element.parent, []).append(i)
    for parent in levels:
        for sibling in children.get(parent, ()):
            if sibling in roots or zoned[sibling] or not good[sibling]:
                continue
            if good[sibling] >= SIBLING_RATIO * (good[sibling] + bad[sibling]) and (
                    good[sibling] >= SIBLING_SHARE * good[best]):
                roots.add(sibling)
    return roots


def _verdict(block: RawBlock, inside: bool, zone: str | None, elements: list[Element], caption: str | None) -> Verdict:
    if block.kind == "alt":
        return Verdict("caption", "image alt text", False)
    if zone:
        return Verdict(_zone_label(zone), zone, inside)
    if caption:
        return Verdict("caption", f"<{caption}>", inside)
    element = elements[block.element]
    if inside and block.text.count(" ") < CAPTION_MAX_WORDS and has_caption_marker(block.text):
        return Verdict("caption", "photo credit (Ảnh: …)", inside)
    if not inside:
        return Verdict("chrome", "outside main content", False)
    n = len(block.text)
    density = block.link_chars / n if n else 0.0
    if density >= LINK_DENSE and element.tag not in HEADINGS and (
            density >= LINK_ALWAYS or block.text.count(" ") + 1 < MIN_PROSE_WORDS):
        return Verdict("chrome", f"link density {density:.2f}", True)
    return Verdict("body", None, True)


def _zone_label(reason: str) -> str:
    word = reason.split("'")[1] if "'" in reason else ""
    return "teaser" if word in TEASER_WORDS else "chrome"
