"""The ``templates`` step: lines a site prints on many of its pages are chrome.

Corpus-level. ``observe`` sends, per document, its site and the set of
normalised body lines; ``plan`` counts in how many documents of each site a line
occurs and keeps those seen in ≥ ``clean.template_min_docs`` documents *and* in
≥ ``clean.template_min_share`` of the site's documents; ``apply`` labels them.

Site = URL host when known, else the parent folder of ``source_path``. Counting
is per site, so an identical paragraph republished by different sites is never
a template line (that is dedup's business). Long lines (running text) need to be
seen on a larger share of pages than short ones (a legal disclaimer repeated on
every page qualifies; a paragraph shared by a few related articles does not).
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..clean.lexicon import normalise
from ..model import BODY, CHROME, CLEANED_INPUT, Document
from .base import CorpusStep, StepStats

#: Lines longer than this (characters) are running text: they need a higher share.
LONG_LINE = 200
#: Share of the site's pages a long line must appear on.
LONG_LINE_SHARE = 0.8
#: If template lines would take more than this share of a page's body...
MAX_BODY_SHARE = 0.5
#: ...only lines shorter than this (characters) are labelled on that page.
RUNNING_TEXT = 100


def site_of(doc: Document) -> str:
    """URL host, else parent folder of the source path.

    >>> from dxclean.model import Document
    >>> site_of(Document("a", "vn/chinhphu/1.txt", [], url="https://www.Chinhphu.vn/a"))
    'chinhphu.vn'
    >>> site_of(Document("a", "vn/chinhphu/1.txt", []))
    'vn/chinhphu'
    """
    if doc.url:
        host = (urlsplit(doc.url).hostname or "").lower()
        if host:
            return host.removeprefix("www.")
    return str(PurePosixPath(doc.source_path).parent)


def line_key(text: str) -> str:
    """A stable key of a normalised line (sha1, deterministic across processes)."""
    return _line_digest(text).hex()


def _line_digest(text: str) -> bytes:
    """:func:`line_key` as its 8 bytes."""
    return hashlib.sha1(normalise(text).encode("utf-8")).digest()[:8]


def _packed_keys(texts) -> bytes:
    """The distinct :func:`line_key` of ``texts`` in order, as 8 bytes each (what ``observe``
    sends and the driver keeps: 8 bytes a line instead of a 16-character string).

    >>> _packed_keys(["b", "a", "a"]).hex(" ", 8) == " ".join(sorted({line_key("a"), line_key("b")}))
    True
    """
    return b"".join(sorted({_line_digest(t) for t in texts}))


def _unpacked_keys(packed: bytes) -> list[str]:
    """The :func:`line_key` strings of :func:`_packed_keys` output."""
    return [packed[i:i + 8].hex() for i in range(0, len(packed), 8)]


class LabelTemplateLines(CorpusStep):
    name = "templates"
    description = "Label lines repeated across many pages of the same site as template chrome"

    def observe(self, doc: Document, stats: StepStats) -> Any:
        if doc.metadata.get(CLEANED_INPUT):  # an already cleaned body has no template lines
            return (site_of(doc), b"", b"")
        keys = _packed_keys(b.text for b in doc.blocks if b.label == BODY and normalise(b.text))
        long_keys = _packed_keys(b.text for b in doc.blocks if b.label == BODY and len(b.text) > LONG_LINE)
        return (site_of(doc), keys, long_keys)

    def collector(self, spill_dir=None) -> list:
        return _Observations()

    def plan(self, observations, stats: StepStats) -> Any:
        site_docs: Counter = Counter()
        line_docs: dict[str, Counter] = defaultdict(Counter)
        long_lines: set[tuple[str, str]] = set()
        for _, (site, keys, long_keys) in observations:
            if isinstance(keys, bytes):  # observe's packed form (a caller may give key lists)
                keys, long_keys = _unpacked_keys(keys), _unpacked_keys(long_keys)
            site_docs[site] += 1
            line_docs[site].update(keys)
            long_lines.update((site, k) for k in long_keys)
        clean = self.config.clean
        plan: dict[str, dict[str, int]] = {}
        for site in sorted(line_docs):
            total = site_docs[site]
            chosen = {}
            for key, n in sorted(line_docs[site].items()):
                share = n / total
                needed = LONG_LINE_SHARE if (site, key) in long_lines else clean.template_min_share
                if n >= clean.template_min_docs and share >= needed:
                    chosen[key] = n
            if chosen:
                plan[site] = chosen
                stats.count("template_lines", len(chosen))
        return plan

    def plan_for(self, plan: Any, index: int) -> Any:
        return plan

    def apply(self, doc: Document, plan: Any, stats: StepStats) -> Document:
        site = site_of(doc)
        lines = (plan or {}).get(site)
        if not lines:
            return doc
        body = [b for b in doc.blocks if b.label == BODY]
        matched = [(b, lines[k]) for b in body if (k := line_key(b.text)) in lines]
        if sum(len(b.text) for b, _ in matched) > MAX_BODY_SHARE * sum(len(b.text) for b in body):
            # Most of this page is "template": it is a copy of other pages (dedup's
            # business), not a page framed by a template. Keep its running text.
            matched = [(b, n) for b, n in matched if len(b.text) < RUNNING_TEXT]
            stats.count("pages_mostly_template")
        for block, n in matched:
            block.set_label(CHROME, self.name, f"template line repeated on {n} pages of {site}")
            stats.count("chrome")
        return doc


class _Observations(list):
    """The driver's list of ``(index, (site, keys, long keys))``: one string per site."""

    def append(self, pair) -> None:
        index, (site, keys, long_keys) = pair
        super().append((index, (sys.intern(site), keys, long_keys)))

