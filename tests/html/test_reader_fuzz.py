"""The HTML reader never fails on a parseable page: real page shapes, broken the ways real
pages are broken (cut off, stray processing instructions and comments, tags left open,
tables nested in tables, markup soup pasted in), and hypothesis' HTML-ish strings.

Every outcome is a document whose blocks all carry a label, or an ``HtmlError`` that says
why (binary, empty, no text); nothing else may escape ``parse_html``.
"""

from __future__ import annotations

import gzip
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxclean.config import Config
from dxclean.html import HtmlError, parse_html
from dxclean.testing import html_ish
from support import needs_shared

#: A spread of WCXB dev pages (every 40th), decompressed once per module.
PAGE_STEP = 40
_TAG = re.compile(rb"<[a-zA-Z/!?]")
STRAYS = [b"<?php if (is_single()) { ?>", b"<?php } ?>", b"<?xml version='1.0'?>", b"<!-- x -->", b"<!--",
          b"<![CDATA[ y ]]>", b"<!DOCTYPE html>", b"</div>", b"</table>", b"<p>", b"<li>", b"<td>", b"<a href='",
          b"&#xD800;", b"&#0;", b"\x00", b"\xff\xfe", b"<br/>", b"</body></html>", b"<body>"]


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    folder = needs_shared("data/wcxb-dev/html")
    return [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))[::PAGE_STEP]]


def read(data: bytes | str):
    """parse_html's outcome: the document, or None for a clear refusal."""
    try:
        doc = parse_html(data, source_path="page.html", doc_id="page", config=Config())
    except HtmlError as exc:
        assert str(exc).strip()
        return None
    assert all(b.label for b in doc.blocks)
    assert [b.position for b in doc.blocks] == list(range(len(doc.blocks)))
    return doc


def _cut_points(page: bytes, data: st.DataObject, n: int) -> list[int]:
    """Positions just before tags (where real pages get spliced), some anywhere."""
    starts = [m.start() for m in _TAG.finditer(page)] or [0]
    anywhere = st.integers(0, len(page))
    return sorted(data.draw(st.one_of(st.sampled_from(starts), anywhere)) for _ in range(n))


def _mutate(page: bytes, data: st.DataObject) -> bytes:
    kind = data.draw(st.sampled_from(["truncate", "strays", "unclose", "tables", "soup", "all"]))
    if kind in ("strays", "all"):
        for at in reversed(_cut_points(page, data, data.draw(st.integers(1, 12)))):
            page = page[:at] + data.draw(st.sampled_from(STRAYS)) + page[at:]
    if kind in ("unclose", "all"):
        closers = list(re.finditer(rb"</(p|div|li|td|tr|table|ul|article|section|span|a)>", page))
        for m in reversed(data.draw(st.lists(st.sampled_from(closers), max_size=40, unique_by=lambda m: m.start()))
                          if closers else []):
            page = page[:m.start()] + page[m.end():]
    if kind in ("tables", "all"):
        depth = data.draw(st.integers(1, 30))
        at, end = _cut_points(page, data, 2)
        page = page[:at] + b"<table><tr><td>" * depth + page[at:end] + b"</td></tr></table>" * depth + page[end:]
    if kind in ("soup", "all"):
        at = _cut_points(page, data, 1)[0]
        page = page[:at] + data.draw(html_ish()).encode("utf-8", "surrogatepass") + page[at:]
    if kind in ("truncate", "all"):
        page = page[:_cut_points(page, data, 1)[0]]
    return page


@given(data=st.data())
def test_broken_real_pages_are_read(pages: list[bytes], data: st.DataObject):
    page = data.draw(st.sampled_from(pages))
    mutated = _mutate(page, data)
    if data.draw(st.booleans()):
        mutated = gzip.compress(mutated, mtime=0)
    read(mutated)


@given(markup=html_ish(), stray=st.sampled_from(STRAYS), as_text=st.booleans())
def test_html_ish_strings_are_read(markup: str, stray: bytes, as_text: bool):
    page = stray.decode("latin-1") + markup + stray.decode("latin-1")
    read(page if as_text else page.encode("utf-8", "surrogatepass"))


def test_every_sampled_page_reads_untouched(pages: list[bytes]):
    assert len(pages) >= 10
    for page in pages:
        doc = read(page)
        assert doc is not None and doc.body_text
