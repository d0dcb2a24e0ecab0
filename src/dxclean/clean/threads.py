"""Comment threads: dated posts by named readers after the article.

A thread in a text dump is a run of posts, each opened by a dateline next to a short
name line ("12:13 pm January 13, 2012" / "Jerry De Zutter" / "wrote:" / the comment).
Live blogs are dated entries too, but they start with the article; a thread starts
after most of the page's running text, so only such runs are claimed.
"""

from __future__ import annotations

from .features import LineFeatures
from .zones import is_good

#: A thread has at least this many dated posts.
MIN_POSTS = 3
#: ... and starts after this share of the page's running text.
MIN_TEXT_BEFORE = 0.6


def comment_threads(feats: list[LineFeatures], claimed: dict) -> dict[int, str]:
    """Lines from the first dated post of a thread to the end of the page.

    >>> from dxclean.clean.features import line_features
    >>> text = "The council approved the new budget on Monday after a long debate about the costs of it."
    >>> lines = [text, text + " More.", "Comments", "12:13 pm January 13, 2012", "Jerry Smith",
    ...          "Great article, thank you.", "10:02 pm January 12, 2012", "Ann Lee", "I agree with it.",
    ...          "2:53 pm January 12, 2012", "Marcus", "Not so sure about this one."]
    >>> sorted(comment_threads(line_features(lines, "en"), {}))
    [3, 4, 5, 6, 7, 8, 9, 10, 11]
    """
    posts = [i for i, f in enumerate(feats) if (f.date or f.date_prefix) and i not in claimed and _signed(feats, i)]
    if len(posts) < MIN_POSTS:
        return {}
    good = [f.chars if is_good(f) and i not in claimed else 0 for i, f in enumerate(feats)]
    total = sum(good) or 1
    for k in range(len(posts) - MIN_POSTS + 1):
        first = posts[k]
        if sum(good[:first]) / total >= MIN_TEXT_BEFORE:
            return {i: "comment thread (dated posts by named readers)" for i in range(first, len(feats))}
    return {}


def _signed(feats: list[LineFeatures], i: int) -> bool:
    """A short name line right before or after the dateline."""
    return any(0 <= j < len(feats) and _name_like(feats[j]) for j in (i - 1, i + 1))


def _name_like(f: LineFeatures) -> bool:
    return 1 <= f.n_words <= 4 and f.chars <= 40 and not f.terminal and not f.date and f.text[:1].isalpha()
