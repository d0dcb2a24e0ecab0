"""Assemble a :class:`~dxclean.model.Document` from a page: the public entry point."""

from __future__ import annotations

import re
from typing import Any

from ..config import Config
from ..model import Block, Document
from .blocks import HEADINGS, RawBlock, HIDDEN_SELECTOR, INLINE_TAGS, SKIP_TAGS, extract_blocks, tag_path, tag_paths
from .content import classify
from .metadata import choose_title, clean, head_metadata, parse_date
from .parse import HtmlError, decode_html, estimated_depth, flatten_deep_nesting, parse_tree

STEP = "html"
#: Nesting deeper than this is flattened before parsing (see parse.estimated_depth).
MAX_NESTING = 512
_SOURCE_LINE = re.compile(r"^\(?\s*(?:nguồn|theo|source)\s*:\s*(.{2,80}?)\s*\)?\.?$", re.IGNORECASE)
_SHORT_DATE_LINE = 60
_WORD = re.compile(r"\w")
#: React's streaming server rendering parks content in ``<div hidden id="S:0">``.
_STREAMED_ID = re.compile(r"^S:\d+$")


def parse_html(data: bytes | str, *, source_path: str, doc_id: str, config: Config) -> Document:
    """Turn one HTML page into a labelled :class:`Document`; :class:`HtmlError` if impossible."""
    limits = config.limits
    if isinstance(data, str):
        text, encoding, notes = data, "unicode", ()
    else:
        if len(data) > limits.max_file_bytes:
            raise HtmlError(f"page is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,}")
        decoded = decode_html(data, max_bytes=limits.max_decompressed_bytes)
        text, encoding, notes = decoded.text, decoded.encoding, decoded.notes
    if estimated_depth(text) > MAX_NESTING:
        text = flatten_deep_nesting(text, max_depth=MAX_NESTING)
        notes = (*notes, "deep nesting flattened")
    tree = parse_tree(text)
    facts = head_metadata(tree)
    tree.strip_tags(list(SKIP_TAGS))
    _remove_hidden(tree)
    # Inline formatting carries no block structure: unwrapping it in C halves the walk.
    tree.unwrap_tags(list(INLINE_TAGS))
    body = tree.body
    if body is None:
        raise HtmlError("no <body> in the page")
    raw, elements = extract_blocks(body)
    if not any(_WORD.search(b.text) for b in raw):
        # A script-rendered page: its declared description is all the text there is.
        description = facts["meta"].get("og:description") or facts["meta"].get("description")
        if not description or not _WORD.search(description):
            raise HtmlError("no text in the page" + (" (damaged or truncated gzip data)" if "gzip" in notes else ""))
        raw = [RawBlock(description, 0, 0, "description")]
        notes = (*notes, "no text in the body: meta description used")
    verdicts, main = classify(raw, elements)
    h1s = [b.text for b, v in zip(raw, verdicts) if elements[b.element].tag == "h1"]
    title, title_from = choose_title(facts, h1s)
    metadata: dict[str, Any] = {"input_encoding": encoding, "html": {"main_element": tag_path(elements, main)}}
    if notes:
        metadata["html"]["notes"] = list(notes)
    if title_from:
        metadata["html"]["title_from"] = title_from
    blocks = _make_blocks(raw, verdicts, elements, title, limits, metadata)
    published = facts["published"]
    if published:
        metadata["html"]["date_from"] = facts.get("date_from")
    else:
        published = _visible_date(blocks)
        if published:
            metadata["html"]["date_from"] = "visible text"
    source = _visible_source(blocks) or facts.get("site_name")
    return Document(
        id=doc_id, source_path=source_path, blocks=blocks, title=title or None, published=published,
        source=source, language=facts.get("language"), url=facts.get("url"), metadata=metadata,
    )


def _remove_hidden(tree) -> None:
    """Drop hidden elements, except one holding much of the page's text: streaming
    server-side rendering parks the real content in ``<div hidden>`` until scripts run."""
    page_chars = None
    for node in tree.css(HIDDEN_SELECTOR):
        if node.tag in ("html", "body") or _STREAMED_ID.match(node.attributes.get("id") or ""):
            continue
        chars = len(node.text(deep=True))
        if chars > 500:
            if page_chars is None:
                page_chars = len(tree.body.text(deep=True)) if tree.body is not None else 0
            if chars > 0.5 * page_chars:
                continue
        node.decompose()


def _make_blocks(raw, verdicts, elements, title, limits, metadata) -> list[Block]:
    blocks: list[Block] = []
    title_cmp = clean(title).casefold() if title else None
    title_done = False
    paths = tag_paths(elements)
    in_list = [False] * len(elements)
    for i, element in enumerate(elements):  # parents come before children
        in_list[i] = element.tag == "li" or (element.parent >= 0 and in_list[element.parent])
    for position, (rb, verdict) in enumerate(zip(raw, verdicts)):
        if position >= limits.max_blocks:
            metadata["truncated_blocks"] = len(raw) - limits.max_blocks
            break
        text = rb.text
        if len(text) > limits.max_block_chars:
            metadata.setdefault("truncated_block_positions", []).append(position)
            text = text[: limits.max_block_chars]
        element = elements[rb.element]
        n = len(rb.text)
        features = {
            "tag": element.tag,
            "tag_path": paths[rb.element],
            "classes": element.tokens,
            "link_density": round(rb.link_chars / n, 3) if n else 0.0,
            "heading": HEADINGS.get(element.tag, 0),
            "in_list": in_list[rb.element],
            "in_nav": verdict.reason is not None and verdict.label in ("chrome", "teaser"),
            "main": verdict.main,
            "kind": rb.kind,
        }
        block = Block(text=text, position=position, features=features)
        if not title_done and title_cmp and features["heading"] and clean(text).casefold() == title_cmp:
            block.set_label("title", STEP, "page title (<h1>)" if element.tag == "h1" else "page title")
            title_done = True
        elif verdict.label != "body":
            block.set_label(verdict.label, STEP, verdict.reason or verdict.label)
        blocks.append(block)
    return blocks


def _visible_date(blocks: list[Block]) -> str | None:
    """A date written near the top of the main content (a short dateline)."""
    seen = 0
    for block in blocks:
        if not block.features["main"] and block.label != "title":
            continue
        seen += 1
        if seen > 12:
            break
        if len(block.text) <= _SHORT_DATE_LINE:
            found = parse_date(block.text)
            if found:
                if block.label == "body":
                    block.features["meta"] = "date"
                    block.features["meta_value"] = found
                return found
    return None


def _visible_source(blocks: list[Block]) -> str | None:
    """``Nguồn: VnExpress`` / ``Theo TTXVN`` at the end of the main content."""
    main = [b for b in blocks if b.features["main"]]
    for block in reversed(main[-6:]):
        match = _SOURCE_LINE.match(block.text.strip())
        if match:
            if block.label in ("body", "chrome"):
                block.set_label("source", STEP, "source line")
            return match.group(1).strip()
    return None
