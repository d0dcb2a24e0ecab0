"""DOM -> ordered text blocks, each with the DOM facts a classifier can use.

A *block* is the text between two block-level boundaries (``<p>``, ``<li>``,
``<h2>``, ``<td>``, ``<br>``, ...). Each block remembers its innermost block-level
*element*; elements form a tree (``parent`` indices), so a block's ancestors, tag
path and class/id tokens can be recovered without touching the DOM again.

The walk is iterative (an explicit stack), so nesting depth never reaches
Python's recursion limit. Scripts, styles, forms controls and hidden elements are
removed before the walk and never become text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Elements whose content is never text.
SKIP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "textarea", "button", "input", "head", "title", "meta",
    "link", "audio", "video", "map", "dialog",
)
HIDDEN_SELECTOR = (
    '[hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"], '
    '[style*="visibility:hidden"], [style*="visibility: hidden"], [type="hidden"]'
)
#: Inline formatting, unwrapped (kept as text) before the walk.
INLINE_TAGS = (
    "span", "strong", "em", "b", "i", "u", "font", "small", "big", "abbr", "mark", "sup", "sub",
    "cite", "time", "label", "ins", "del", "s", "q", "dfn", "var", "kbd", "samp", "bdi", "bdo",
    "data", "nobr", "tt", "strike", "picture",
)
#: Tags that start and end a block.
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "html",
))
#: Elements of lists, tables and definition lists.
ITEM_TAGS = frozenset(("li", "td", "th", "dd", "dt"))
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACE = re.compile(r"\s+")
#: Letters of scripts written without spaces between words (kana, CJK ideographs, Thai).
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
#: Deeper elements are walked as if they were their deepest allowed ancestor's text.
MAX_DEPTH = 400
#: Prose: at least this many characters and words (tuned with html/content.py's constants).
MIN_PROSE_CHARS = 60
MIN_PROSE_WORDS = 8


@dataclass(slots=True)
class Element:
    """A block-level element on some block's ancestor path."""

    tag: str
    #: Lower-cased class and id values, space separated ("entry-content post-42 main").
    tokens: str
    parent: int
    depth: int
    #: Filled in by the content scorer: characters of text / link text below.
    chars: int = 0
    link_chars: int = 0
    good_chars: int = 0
    blocks: int = 0
    itemprop: str = ""


@dataclass(slots=True)
class Verdict:
    """What the content classifier says of one block."""
    label: str
    reason: str | None
    main: bool


@dataclass(slots=True)
class RawBlock:
    text: str
    element: int
    link_chars: int
    #: ``img`` alt text or ``figcaption``: a caption candidate, not body.
    kind: str = "text"
    features: dict = field(default_factory=dict)


def element_tokens(attrs: dict) -> str:
    """Lower-cased class/id/role words of an element.

    >>> element_tokens({"class": "Box-Tin-Lien-Quan  clearfix", "id": "related_1"})
    'box-tin-lien-quan clearfix related_1'
    """
    parts = [attrs.get("class") or "", attrs.get("id") or "", attrs.get("role") or ""]
    return " ".join(" ".join(parts).lower().split())[:300]


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def extract_blocks(body) -> tuple[list[RawBlock], list[Element]]:
    """Walk ``body`` (a lexbor node) in document order; return blocks and elements."""
    elements: list[Element] = [Element(tag="body", tokens=element_tokens(body.attributes), parent=-1, depth=0)]
    blocks: list[RawBlock] = []
    pieces: list[str] = []
    link_chars = 0  # link text in ``pieces``
    link_depth = 0
    block_tags, normalise, space = BLOCK_TAGS, _normalise, _SPACE

    def flush(element: int) -> None:
        text = normalise("".join(pieces))
        if text:
            blocks.append(RawBlock(text, element, min(link_chars, len(text))))
        pieces.clear()

    node = body.child
    parent_elem = 0
    # Iterative walk over child/next pointers; a frame is pushed when descending:
    # (next sibling, element index to restore, was a link, was a block).
    frames: list[tuple] = []
    while node is not None or frames:
        if node is None:
            node, restore, was_link, was_block = frames.pop()
            if was_link:
                link_depth -= 1
            if was_block and pieces:
                flush(parent_elem)
                link_chars = 0
            parent_elem = restore
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            # Whitespace only matters between words already collected.
            if text and (pieces or not text.isspace()):
                pieces.append(text)
                if link_depth:
                    link_chars += len(text.strip())
            node = node.next
            continue
        if tag in block_tags:
            if pieces:
                flush(parent_elem)
                link_chars = 0
            depth = elements[parent_elem].depth + 1
            if depth > MAX_DEPTH:
                # Too deep to keep a path for: its text joins the deepest allowed element.
                pieces.append(" " + (node.text(separator=" ") or "") + " ")
                node = node.next
                continue
            child = node.child
            if child is None:
                node = node.next
                continue
            attrs = node.attributes
            elements.append(Element(tag, element_tokens(attrs), parent_elem, depth,
                                    itemprop=(attrs.get("itemprop") or "").lower()))
            frames.append((node.next, parent_elem, False, True))
            parent_elem = len(elements) - 1
            node = child
            continue
        if tag == "a":
            child = node.child
            if child is not None:
                # An <a> without href is a placeholder or anchor (``<a name=top>``, often
                # left open around a whole page), not a link.
                linked = "href" in node.attributes
                frames.append((node.next, parent_elem, linked, False))
                link_depth += linked
                node = child
                continue
        elif tag == "br" or tag == "hr":
            if pieces:
                flush(parent_elem)
                link_chars = 0
        elif tag == "img":
            alt = node.attributes.get("alt")
            if alt and alt.strip():
                if pieces:
                    flush(parent_elem)
                    link_chars = 0
                blocks.append(RawBlock(space.sub(" ", alt).strip(), parent_elem, 0, "alt"))
        elif tag is not None and tag[0] != "-" and tag != "!--":
            # An element of no known kind (custom tags, <font> soup): walk into it. Nodes
            # that are not elements carry no text: comments ("-comment"), doctypes and
            # processing instructions (``<?php ... ?>``), whose tag lexbor reports as None.
            child = node.child
            if child is not None:
                frames.append((node.next, parent_elem, False, False))
                node = child
                continue
        node = node.next
    if pieces:
        flush(parent_elem)
    return blocks, elements


def ancestors(elements: list[Element], index: int, *, limit: int = 64) -> list[int]:
    """Element indices from ``index`` up to the root (nearest first)."""
    path = []
    while index >= 0 and len(path) < limit:
        path.append(index)
        index = elements[index].parent
    return path


def within(index: int, ancestor: int, elements: list[Element]) -> bool:
    """Whether element ``index`` is ``ancestor`` or below it."""
    while index >= 0:
        if index == ancestor:
            return True
        if index < ancestor:  # parents come before children
            return False
        index = elements[index].parent
    return False


def tag_paths(elements: list[Element], *, steps: int = 12) -> list[str]:
    """``tag_path`` of every element at once (parents come before children).

    >>> els = [Element("body", "", -1, 0), Element("article", "", 0, 1), Element("p", "", 1, 2)]
    >>> tag_paths(els)
    ['body', 'body>article', 'body>article>p']
    """
    tails: list[tuple[str, ...]] = []
    for element in elements:
        parent = tails[element.parent] if element.parent >= 0 else ()
        tails.append((*parent[-(steps - 1):], element.tag))
    return [">".join(t) for t in tails]


def tag_path(elements: list[Element], index: int) -> str:
    """``body>div>article>p`` for a block's element (last 12 steps).

    >>> els = [Element("body", "", -1, 0), Element("article", "", 0, 1), Element("p", "", 1, 2)]
    >>> tag_path(els, 2)
    'body>article>p'
    """
    return ">".join(elements[i].tag for i in reversed(ancestors(elements, index, limit=12)))


def inherit(own: list, elements: list[Element]) -> list:
    """Per element, its own value when truthy, else its nearest ancestor's (parents come
    before children): the zone an element is in, the caption or list it belongs to."""
    out = list(own)
    for i, element in enumerate(elements):
        if not out[i] and element.parent >= 0:
            out[i] = out[element.parent]
    return out


def is_item(block: RawBlock, elements: list[Element]) -> bool:
    """An item of a list, table or definition list with no link text (an ingredient, a
    step, a specification), as opposed to the link lists of navigation and teasers."""
    return block.link_chars == 0 and elements[block.element].tag in ITEM_TAGS


def is_prose(block: RawBlock, tag: str = "p") -> bool:
    """Sentence-like running text: long enough, several words, few links, not a heading."""
    if tag in HEADINGS:
        return False
    text = block.text
    n = len(text)
    if block.kind == "alt" or not n or block.link_chars / n > 0.3:
        return False
    words = text.count(" ") + 1
    if n >= MIN_PROSE_CHARS and words >= MIN_PROSE_WORDS:
        return True
    dense = unspaced_letters(text)
    return dense > 0 and n + dense >= MIN_PROSE_CHARS and words + dense >= MIN_PROSE_WORDS


def unspaced_letters(text: str) -> int:
    """Letters of scripts written without spaces between words: Chinese, Japanese and Thai
    say in one character what alphabets say in several, so each counts as a word (and as
    two letters) wherever blocks are measured in words."""
    return len(_UNSPACED.findall(text))


def word_count(text: str) -> int:
    """Words separated by spaces, plus one per letter of an unspaced script."""
    return text.count(" ") + 1 + unspaced_letters(text)
