"""The recall safety net: widen a main container that leaves the article out.

The container scorer (:mod:`.content`) is strict on purpose: it finds the article's densest
run of prose (``prose - 3 x other text``) and so can stop at a fragment — one paragraph
set apart in its own box, an intro above a list of ingredients and steps — and leave most
of the article out. Two passes look again, each with its own evidence:

:func:`article_goes_on`: the container ends but its article element (``<article>``,
``<main>``, ``itemprop=articleBody``, a content class) goes on with lists, tables or
definition lists whose items carry no links: they are body (see its docstring).

:func:`second_opinion`: a container holding under ``SMALL_SHARE`` of the page's prose
(outside chrome zones) is compared with every other element that could be a container
against a second, independent reading of the page, jusText-like: every prose block outside
chrome zones is content, every other block is not. Each candidate's estimate is the F1 of
"all of its text" against those content blocks; the element with the best estimate replaces
the container when it beats the container's own estimate. Comments and teasers made of prose are what this reading gets
wrong, hence the trigger: only a container holding a small share of the prose is re-judged.
(Tuned on the dev halves of the development corpora only; see benchmarks/bench_html.py.)
"""

from __future__ import annotations

from .blocks import HEADINGS, Element, RawBlock, Verdict, is_item, within
from .lexicon import content_match

#: An article element at most this many levels above the container.
ARTICLE_LEVELS = 4

#: The second opinion is asked when the container holds less than this share of the prose.
SMALL_SHARE = 0.3


def is_article_element(element: Element) -> bool:
    return element.tag in ("article", "main") or element.itemprop == "articlebody" or bool(
        content_match(element.tokens))


def article_element(best: int, elements: list[Element], zoned: list) -> int | None:
    """The nearest article element at most ``ARTICLE_LEVELS`` above ``best`` (not in a zone)."""
    ancestor = elements[best].parent
    for _ in range(ARTICLE_LEVELS):
        if ancestor < 0 or zoned[ancestor]:
            return None
        if is_article_element(elements[ancestor]):
            return ancestor
        ancestor = elements[ancestor].parent
    return None


def article_goes_on(blocks: list[RawBlock], verdicts: list[Verdict], prose: list[bool], elements: list[Element],
                    best: int, zoned: list) -> None:
    """Where the container ends but its article element plainly goes on — a list, table or
    definition list whose items carry no links, or a heading opening one, then more of the
    same and the prose between them (steps, notes) — those blocks are body.
    The run stops at the first block of any other kind (a byline, an author box, a share
    bar, a zone). Before the container, only such items (an ingredient list above the
    method) are taken, back to the first other block."""
    article = article_element(best, elements, zoned)
    if article is None:
        return
    inside = [i for i, v in enumerate(verdicts) if v.main and within(blocks[i].element, best, elements)]
    if not inside:
        return
    def item(i: int) -> bool:
        return is_item(blocks[i], elements)

    def takes(i: int, structured: bool) -> bool:
        tag = elements[blocks[i].element].tag
        if zoned[blocks[i].element] or not within(blocks[i].element, article, elements):
            return False
        if item(i):
            return True
        if tag in HEADINGS:
            return i + 1 < len(blocks) and item(i + 1)
        return structured and prose[i] and blocks[i].link_chars * 5 < len(blocks[i].text)

    structured = False
    for i in range(inside[-1] + 1, len(blocks)):
        if blocks[i].kind == "alt" or verdicts[i].label == "caption":
            continue
        if not takes(i, structured):
            break
        structured = True
        verdicts[i] = Verdict("body", None, True)
    for i in range(inside[0] - 1, -1, -1):
        if not (item(i) and takes(i, False)):
            break
        verdicts[i] = Verdict("body", None, True)


def second_opinion(best: int, elements: list[Element], good: list[int], links: list[int], plain: list[int],
                   zoned: list, containers: frozenset) -> int:
    """``best``, or the element (of a ``containers`` tag, outside zones) whose text best
    matches the page's prose blocks (estimated F1): an ancestor that takes in the rest of
    the article, or another element altogether when the densest box (a sidebar module, a
    trackback note) outscored an article whose own footer links weighed it down."""
    page = good[0]
    if page <= 0 or good[best] >= SMALL_SHARE * page:
        return best

    def estimate(i: int) -> float:
        text = good[i] + links[i] + plain[i]
        if not good[i] or not text:
            return 0.0
        p, r = good[i] / text, good[i] / page
        return 2 * p * r / (p + r)

    chosen, score = best, estimate(best)
    for i, element in enumerate(elements):
        if good[i] and not zoned[i] and element.tag in containers:
            value = estimate(i)
            if value > score:
                chosen, score = i, value
    return chosen
