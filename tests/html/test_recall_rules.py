"""Recall rules of the HTML extractor (html/blocks.py, html/widen.py), each on a page
written for the test: the article is found even where the densest box is elsewhere."""

from __future__ import annotations

from dxclean.config import Config
from dxclean.html import parse_html

POST = [
    "We spent the weekend repainting the old garden shed, which had not seen a brush since the "
    "previous owners left it behind more than ten years ago.",
    "The wood underneath was better than we feared: only two boards had rotted through, and the "
    "hardware shop down the road cut replacements for us while we waited.",
    "Next month we want to fix the roof and put up shelves inside, so that the tools finally have "
    "a home that is not the floor of the kitchen cupboard.",
]
ABOUT = "I write about gardening, small repairs and the slow joys of an old house by the sea."


def body_of(html: str) -> list[str]:
    doc = parse_html(html.encode("utf-8"), source_path="p.html", doc_id="p", config=Config())
    return [b.text for b in doc.body_blocks()]


def test_an_anchor_without_href_is_not_a_link():
    """``<a name=top>`` left open around the page: its text is no link text, so the
    paragraphs inside are prose, not navigation."""
    menu = "".join(f'<li><a href="/p{i}">Page {i}</a></li>' for i in range(6))
    html = (f"<html><body><ul>{menu}</ul><a name=top><h1>The shed</h1>"
            + "".join(f"<p>{p}</p>" for p in POST) + "</body></html>")
    body = body_of(html)
    assert all(p in body for p in POST)
    assert "Page 3" not in body


def test_second_opinion_looks_beyond_the_containers_ancestors():
    """A blog post whose links (a "read also" line, categories, share links) weigh it
    down, and a sidebar box with one short prose line and no links: the box scores best,
    holds a small share of the page's prose, and the second opinion finds the post
    (an element that is not the box's ancestor) rather than the whole page."""
    also = "Read also: " + ", ".join(f'<a href="/post/{i}">our earlier shed post {i}</a>' for i in range(8))
    tags = " ".join(f'<a href="/tag/{i}">garden-topic-{i}</a>' for i in range(14))
    share = "".join(f'<li><a href="/share/{i}">Share on network {i}</a></li>' for i in range(8))
    links = "".join(f'<li><a href="/archive/{i}">Archive month {i}</a></li>' for i in range(24))
    html = ("<html><body><div id=\"wrap\"><div id=\"alpha\"><div class=\"entry\"><h3>The shed</h3>"
            "<div class=\"entry-body\">" + "".join(f"<p>{p}</p>" for p in POST) + f"<p>{also}</p></div>"
            f"<div class=\"entry-footer\"><p>Filed under {tags}</p><ul>{share}</ul></div></div></div>"
            f"<div id=\"beta\"><div class=\"module\"><div class=\"module-content\">{ABOUT}</div></div>"
            f"<ul>{links}</ul></div></div></body></html>")
    body = body_of(html)
    assert all(p in body for p in POST)
    assert ABOUT not in body and "Archive month 4" not in body
