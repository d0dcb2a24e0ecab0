"""The recall safety net: a second opinion on a main container that holds little of the page.

The container scorer (:mod:`.content`) is strict on purpose: it finds the article's densest
run of prose (``prose - 3 x other text``) and so can stop at a fragment — one paragraph
set apart in its own box, an intro above a long list — and leave most of the article out.

:func:`second_opinion`: a container holding under ``SMALL_SHARE`` of the page's prose
(outside chrome zones) is compared with its ancestors against a second, independent reading
of the page, jusText-like: every prose block outside chrome zones is content, every other
block is not. Each candidate's estimate is the F1 of "all of its text" against those content
blocks; the ancestor with the best estimate replaces the container when it beats the
container's own estimate. Comments and teasers made of prose are what this reading gets
wrong, hence the trigger: only a container holding a small share of the prose is re-judged.
(Tuned on the dev halves of the development corpora only; see benchmarks/bench_html.py.)
"""

from __future__ import annotations

from .blocks import Element

#: The second opinion is asked when the container holds less than this share of the prose.
SMALL_SHARE = 0.25


def second_opinion(best: int, elements: list[Element], good: list[int], links: list[int], plain: list[int],
                   zoned: list) -> int:
    """``best`` or the ancestor whose text best matches the page's prose blocks (estimated F1)."""
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
    ancestor = elements[best].parent
    while ancestor >= 0 and not zoned[ancestor]:
        value = estimate(ancestor)
        if value > score:
            chosen, score = ancestor, value
        ancestor = elements[ancestor].parent
    return chosen
