"""Assemble a :class:`~dxclean.model.Document` from a page: the public entry point."""

from __future__ import annotations

import re
from typing import Any

from ..config import Config
from ..model import Block, Document
from .blocks import (HEADINGS, HIDDEN_SELECTOR, INLINE_TAGS, SKIP_TAGS, RawBlock, extract_blocks, inherit, tag_path,
                     tag_paths)
from .content import classify
from .dates import clock_for_day, parse_date, published_value
from .metadata import choose_title, clean, head_metadata
from .parse import HtmlError, decode_html, estimated_depth, flatten_deep_nesting, parse_tree

STEP = "html"
#: Nesting deeper than this is flattened before parsing (see parse.estimated_depth).
MAX_NESTING = 512
_SOURCE_LINE = re.compile(r"^\(?\s*(?:nguồn|theo|source)\s*:\s*(.{2,80}?)\s*\)?\.?$", re.IGNORECASE)
#: "Theo TTXVN", "(Theo Báo Nhân Dân)": no colon, so only a short line naming a
#: capitalised outlet, with no clause after it ("Theo ông A, ..." is a sentence).
_THEO_LINE = re.compile(r"^\(?\s*theo\s+(\w(?:[^,;:!?().]|\.(?=\w)){0,70}?)\s*\)?\s*\.?$", re.IGNORECASE)
_THEO_MAX_WORDS = 8
_VIETNAMESE_LETTERS = re.compile(r"[đơưĐƠƯ]")
_SHORT_DATE_LINE = 60
#: Datelines are looked for this many blocks after / before the title block.
DATELINE_AFTER_TITLE = 4
DATELINE_BEFORE_TITLE = 3
#: Short blocks considered as a visible title (a div or span holding the headline).
TITLE_CANDIDATE_CHARS = 300
TITLE_CANDIDATE_BLOCKS = 400
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
    headings = [b.text for b in raw[:TITLE_CANDIDATE_BLOCKS] if elements[b.element].tag in ("h1", "h2", "h3")]
    short = [b.text for b, v in zip(raw[:TITLE_CANDIDATE_BLOCKS], verdicts)
             if v.main and len(b.text) <= TITLE_CANDIDATE_CHARS]
    title, title_from = choose_title(facts, h1s, headings=headings, visible=short)
    metadata: dict[str, Any] = {"input_encoding": encoding, "html": {"main_element": tag_path(elements, main)}}
    if notes:
        metadata["html"]["notes"] = list(notes)
    if title_from:
        metadata["html"]["title_from"] = title_from
    blocks = _make_blocks(raw, verdicts, elements, title, limits, metadata)
    dateline = _visible_dateline(blocks, title, day=facts["published"])
    visible_day, visible_clock = (dateline[:10], dateline[11:16] or None) if dateline else (None, None)
    published = published_value(meta_day=facts["published"], meta_clock=facts.get("published_clock"),
                                visible_day=visible_day, visible_clock=visible_clock)
    if facts["published"]:
        metadata["html"]["date_from"] = facts.get("date_from")
    elif published:
        metadata["html"]["date_from"] = "visible text"
    if published and len(published) > 10:
        metadata["html"]["time_from"] = "visible dateline" if visible_clock else facts.get("date_from")
    source = _visible_source(blocks, language=facts.get("language")) or facts.get("site_name")
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
    in_list = inherit([element.tag == "li" for element in elements], elements)
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
    if title_cmp and not title_done:
        # The title shown in a plain element (a div with the headline, no heading tag):
        # the first short block of the main content that reads exactly as the title.
        for block in blocks:
            if block.features["main"] and block.label == "body" and clean(block.text).casefold() == title_cmp:
                block.set_label("title", STEP, "page title")
                break
    return blocks


def _dateline_candidates(blocks: list[Block], title: str | None) -> list[Block]:
    """Blocks where a dateline may be, most likely first: just after the title block,
    the top of the main content, then just before the title (``div.ngay``,
    ``span.date`` above the ``<h1>``, often outside the main content's element).
    The title block is the one labelled title, else the one showing the title, else
    the first ``<h1>``."""
    title_cf = clean(title).casefold() if title else None
    anchor = next((i for i, b in enumerate(blocks) if b.label == "title"), None)
    if anchor is None and title_cf:
        anchor = next((i for i, b in enumerate(blocks) if clean(b.text).casefold() == title_cf), None)
    if anchor is None:
        anchor = next((i for i, b in enumerate(blocks) if b.features["tag"] == "h1"), None)
    order: list[int] = []
    if anchor is not None:
        order += range(anchor + 1, min(len(blocks), anchor + 1 + DATELINE_AFTER_TITLE))
    seen = 0
    for i, block in enumerate(blocks):
        if block.features["main"] or block.label == "title":
            seen += 1
            if seen > 12:
                break
            order.append(i)
    if anchor is not None:
        order += range(anchor - 1, max(-1, anchor - 1 - DATELINE_BEFORE_TITLE), -1)
    unique = dict.fromkeys(order)  # keeps the first occurrence, in order
    return [blocks[i] for i in unique]


def _visible_dateline(blocks: list[Block], title: str | None, *, day: str | None) -> str | None:
    """The date (ISO, with its time when shown) of the page's visible dateline.

    With ``day`` known from metadata, the first dateline for that day is preferred
    (it may carry the time); otherwise the first dateline found.
    """
    first: tuple[Block, str] | None = None
    for block in _dateline_candidates(blocks, title):
        if len(block.text) > _SHORT_DATE_LINE or block.label == "teaser":
            continue
        found = parse_date(block.text)
        if not found:
            continue
        clock = clock_for_day(block.text, found)
        found = f"{found}T{clock}:00" if clock else found
        if day is None or found[:10] == day:
            first = (block, found)
            break
        first = first or (block, found)
    if first is None:
        return None
    block, found = first
    if block.label == "body" and (day is None or found[:10] == day):
        block.features["meta"] = "date"
        block.features["meta_value"] = found
    return found


def _visible_source(blocks: list[Block], *, language: str | None) -> str | None:
    """``Nguồn: VnExpress`` / ``Theo TTXVN`` at the end of the main content.

    "Theo <Name>" is a credit only on Vietnamese pages (elsewhere Theo is a first name).
    """
    main = [b for b in blocks if b.features["main"]]
    theo = language == "vi" or (language is None and any(_VIETNAMESE_LETTERS.search(b.text) for b in main[:20]))
    for block in reversed(main[-6:]):
        text = block.text.strip()
        match = _SOURCE_LINE.match(text) or (_theo_line(text) if theo else None)
        if match:
            if block.label in ("body", "chrome"):
                block.set_label("source", STEP, "source line")
            return match.group(1).strip()
    return None


def _theo_line(text: str) -> re.Match[str] | None:
    """``Theo TTXVN`` -- a short line crediting a capitalised outlet, not a sentence.

    >>> _theo_line("Theo Báo Nhân Dân").group(1), _theo_line("(Theo VOV)").group(1)
    ('Báo Nhân Dân', 'VOV')
    >>> _theo_line("Theo VnExpress.net.").group(1)
    'VnExpress.net'
    >>> _theo_line("Theo ông Nguyễn Văn A, dự án sẽ hoàn thành.") is None, _theo_line("Theo kế hoạch.") is None
    (True, True)
    >>> _theo_line("Theo Bộ Y tế. Số ca mắc mới tăng") is None
    True
    """
    match = _THEO_LINE.match(text)
    if match is None or len(match.group(1).split()) > _THEO_MAX_WORDS or not match.group(1)[0].isupper():
        return None
    return match
