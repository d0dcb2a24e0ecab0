"""Small HTML building blocks shared by every report page.

Everything that comes from the data goes through :func:`esc`; the templates are
plain f-strings so the report needs no template engine.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote

from ..model import LABELS

#: Display order of labels (others sort after, by name).
LABEL_ORDER = LABELS
KNOWN_LABELS = frozenset(LABEL_ORDER)

_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]")
#: Control characters HTML cannot show (NUL is even dropped by parsers).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def visible(text: str) -> str:
    r"""Replace control characters by their Unicode "control picture" so they show.

    >>> visible("a\x00b\x7f")
    'a␀b␡'
    """
    return _CONTROL.sub(lambda m: chr(0x2421) if m.group() == "\x7f" else chr(0x2400 + ord(m.group())), text)


def esc(value: object) -> str:
    """Escape text for HTML content and attribute values (control characters made visible).

    >>> esc('<a href="x">&</a>')
    '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
    >>> esc(None)
    ''
    """
    return "" if value is None else html.escape(visible(str(value)), quote=True)


def href(path: str) -> str:
    """Percent-encode a relative path for an ``href`` (keeps ``/`` and ``#``).

    >>> href("docs/ab/x y.html#p1")
    'docs/ab/x%20y.html#p1'
    """
    return esc(quote(path, safe="/#-._~"))


def label_class(label: str) -> str:
    """CSS class of a label; unknown labels share one neutral style.

    >>> label_class("teaser"), label_class("Weird<label>")
    ('l-teaser', 'l-other')
    """
    clean = _CLASS_UNSAFE.sub("", label.lower())
    return f"l-{clean}" if clean in KNOWN_LABELS else "l-other"


def label_sort_key(label: str) -> tuple[int, str]:
    return (LABEL_ORDER.index(label), "") if label in LABEL_ORDER else (len(LABEL_ORDER), label)


def badge(label: str, extra: str = "") -> str:
    """The label as visible text on its colour: colour is never the only signal."""
    return f'<span class="badge {label_class(label)}">{esc(label)}{esc(extra)}</span>'


def fmt_int(n: int) -> str:
    """
    >>> fmt_int(1234567)
    '1,234,567'
    """
    return f"{n:,}"


def page(*, title: str, body: str, root: str, crumbs: Iterable[tuple[str, str]] = ()) -> str:
    """A complete page. ``root`` is the relative path back to the report root ("" or "../../")."""
    nav = "".join(f' <span aria-hidden="true">›</span> <a href="{href(root + link)}">{esc(text)}</a>' for text, link in crumbs)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)} · dxclean report</title>\n"
        f'<link rel="stylesheet" href="{root}assets/report.css">\n'
        "</head>\n<body>\n"
        f'<header class="top"><nav aria-label="report"><a class="brand" href="{root}index.html">dxclean report</a>'
        f"{nav}</nav></header>\n"
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def legend(labels: Iterable[str]) -> str:
    items = "".join(
        f'<li><span class="sw seg {label_class(label)}" aria-hidden="true"></span>{badge(label)}</li>'
        for label in labels
    )
    return f'<ul class="legend" aria-label="legend">{items}</ul>'


def bar_chart(rows: list[tuple[str, Mapping[str, int]]], *, caption: str) -> str:
    """Horizontal stacked bars, CSS only: one row per name (given as HTML), segments per label.

    Each row also says its numbers in text, so the chart reads without colour
    or images (and a screen reader reads the same numbers).
    """
    if not rows:
        return '<p class="muted">Nothing was removed.</p>'
    biggest = max(sum(parts.values()) for _, parts in rows) or 1
    out = [f'<div class="chart" role="table" aria-label="{esc(caption)}">']
    for name, parts in rows:
        total = sum(parts.values())
        segs = "".join(
            f'<span class="seg {label_class(label)}" style="width:{100 * n / biggest:.2f}%" title="{esc(label)}: {fmt_int(n)}"></span>'
            for label, n in sorted(parts.items(), key=lambda kv: label_sort_key(kv[0]))
            if n > 0
        )
        detail = ", ".join(f"{esc(label)} {fmt_int(n)}" for label, n in sorted(parts.items(), key=lambda kv: label_sort_key(kv[0])) if n > 0)
        text = fmt_int(total) if len(parts) == 1 else f"{fmt_int(total)} ({detail})"
        out.append(
            f'<div class="name" role="rowheader">{name}</div>'
            f'<div class="bar" role="cell" aria-hidden="true">{segs}</div>'
            f'<div class="barnum" role="cell">{text}</div>'
        )
    out.append("</div>")
    return "".join(out)


def pager(*, current: int, count: int, link) -> str:
    """Page links 1..count (with gaps) around ``current``; ``link(n)`` gives the href."""
    if count <= 1:
        return ""
    shown = sorted({1, count, *range(max(1, current - 3), min(count, current + 3) + 1)})
    parts: list[str] = []
    if current > 1:
        parts.append(f'<a href="{href(link(current - 1))}" rel="prev">‹ previous</a>')
    last = 0
    for n in shown:
        if n - last > 1:
            parts.append("<span>…</span>")
        if n == current:
            parts.append(f'<span class="current" aria-current="page">{n}</span>')
        else:
            parts.append(f'<a href="{href(link(n))}">{n}</a>')
        last = n
    if current < count:
        parts.append(f'<a href="{href(link(current + 1))}" rel="next">next ›</a>')
    return f'<nav class="pager" aria-label="pages">{"".join(parts)}</nav>'
