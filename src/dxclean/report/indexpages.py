"""The index, the ranked document lists (one set of pages per label filter) and the errors pages.

Filtering by label needs no JavaScript: every filter is its own set of static,
paginated pages (``ranking/<label>-<n>.html``), so the index stays small and fast
however many documents there are (see README, "Report").
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ..model import METADATA_LABELS as FIELD_LABELS
from .duplicates import cluster_page
from .markup import badge, bar_chart, esc, fmt_int, href, label_sort_key, legend, page, pager
from .tally import CorpusTally, DocRow

_KEY_UNSAFE = re.compile(r"[^a-z0-9_-]")


def filter_key(label: str | None) -> str:
    """File-name part of a label filter.

    >>> filter_key(None), filter_key("teaser"), filter_key("a/b")
    ('all', 'l-teaser', 'l-ab')
    """
    return "all" if label is None else "l-" + (_KEY_UNSAFE.sub("", label.lower()) or "x")


def ranking_page(label: str | None, number: int) -> str:
    return f"ranking/{filter_key(label)}-{number}.html"


def error_page(number: int) -> str:
    return f"errors/errors-{number}.html"


def totals(tally: CorpusTally, *, errors: int, clusters: int | None, root: str) -> str:
    cards = [
        (fmt_int(tally.documents), "documents"),
        (f'<a href="{root}{error_page(1)}">{fmt_int(errors)}</a>' if errors else "0", "errors"),
        (fmt_int(sum(tally.blocks_by_label.values())), "input blocks"),
        (fmt_int(tally.blocks_by_label.get("body", 0)), "body paragraphs kept"),
        (fmt_int(sum(n for label, n in tally.removed_by_label.items() if label not in FIELD_LABELS)), "blocks/parts removed"),
        (fmt_int(sum(tally.encoding_repairs.values())), f"encoding repairs in {fmt_int(tally.repaired_documents)} docs"),
        ("n/a" if clusters is None else f'<a href="{root}{cluster_page(1)}">{fmt_int(clusters)}</a>', "duplicate clusters"),
    ]
    body = "".join(f'<div class="card"><span class="num">{num}</span><span class="what">{esc(what)}</span></div>' for num, what in cards)
    by_label = "".join(
        f"<tr><td>{badge(label)}</td><td class=\"n\">{fmt_int(n)}</td></tr>"
        for label, n in sorted(tally.blocks_by_label.items(), key=lambda kv: label_sort_key(kv[0]))
    )
    repairs = "".join(f"<tr><td>{esc(kind)}</td><td class=\"n\">{fmt_int(n)}</td></tr>" for kind, n in sorted(tally.encoding_repairs.items()))
    tables = (f'<div class="scroll"><table class="narrow"><caption class="muted small">Blocks by label (from metadata.blocks)</caption>'
              f'<thead><tr><th>label</th><th class="n">blocks</th></tr></thead><tbody>{by_label}</tbody></table>')
    if repairs:
        tables += (f'<table class="narrow"><caption class="muted small">Encoding repairs by kind</caption>'
                   f'<thead><tr><th>kind</th><th class="n">count</th></tr></thead><tbody>{repairs}</tbody></table>')
    return f'<h2>Totals</h2><div class="cards">{body}</div>{tables}</div>'


def charts(tally: CorpusTally) -> str:
    labels = sorted(tally.removed_by_label, key=label_sort_key)
    by_label = [(badge(label), {label: n}) for label, n in sorted(tally.removed_by_label.items(), key=lambda kv: label_sort_key(kv[0]))]
    by_step = [(f'<span class="mono">{esc(step)}</span>', dict(parts)) for step, parts in sorted(tally.removed_by_step.items())]
    return (
        "<h2>What was taken out of the body</h2>"
        '<p class="small muted">Every removed.jsonl line (whole blocks and trimmed parts). Title, date, source and '
        "caption blocks are kept as fields, not thrown away.</p>"
        + legend(labels)
        + '<h3 class="small">By label</h3>' + bar_chart(by_label, caption="removed blocks by label")
        + '<h3 class="small">By step (segments by label)</h3>' + bar_chart(by_step, caption="removed blocks by step")
    )


def filters(current: str | None, doc_counts: Mapping[str, int], total: int, root: str) -> str:
    items = [("all documents", None, total)] + [
        (label, label, n) for label, n in sorted(doc_counts.items(), key=lambda kv: label_sort_key(kv[0])) if label != "body"
    ]
    out = []
    for text, label, n in items:
        inner = f"{esc(text)} ({fmt_int(n)})"
        if label == current:
            out.append(f'<li><span class="current" aria-current="page">{inner}</span></li>')
        else:
            out.append(f'<li><a href="{href(root + ranking_page(label, 1))}">{inner}</a></li>')
    return f'<ul class="filters" aria-label="filter documents by label">{"".join(out)}</ul>'


def ranking_table(rows: list[DocRow], *, start: int, root: str, label: str | None) -> str:
    if not rows:
        return '<p class="muted">No documents.</p>'
    head = ('<thead><tr><th class="n">#</th><th>document</th><th class="path">input</th>'
            f'<th class="n">{"blocks " + esc(label) if label else "removed parts"}</th><th class="n">removed chars</th>'
            "<th>labels</th></tr></thead>")
    body = []
    for rank, row in enumerate(rows, start):
        name = esc(row.title) if row.title else f"<code>{esc(row.doc_id)}</code>"
        badges = "".join(badge(lab, f" {n}") for lab, n in sorted(row.labels.items(), key=lambda kv: label_sort_key(kv[0])) if lab != "body")
        count = row.labels.get(label, 0) if label else row.removed_blocks
        body.append(
            f'<tr><td class="n">{rank}</td><td><a href="{href(root + row.page)}">{name}</a></td>'
            f'<td class="path"><code>{esc(row.source_path)}</code></td><td class="n">{fmt_int(count)}</td>'
            f'<td class="n">{fmt_int(row.removed_chars)} ({100 * row.removed_share:.0f}%)</td><td>{badges}</td></tr>'
        )
    return f'<div class="scroll"><table class="rank">{head}<tbody>{"".join(body)}</tbody></table></div>'


def ranking_section(rows: list[DocRow], *, label: str | None, number: int, pages: int, page_size: int,
                    doc_counts: Mapping[str, int], total: int, root: str) -> str:
    first = (number - 1) * page_size
    chunk = rows[first:first + page_size]
    what = "by characters removed" if label is None else f"by number of {esc(label)} blocks"
    nav = pager(current=number, count=pages, link=lambda n: root + ranking_page(label, n))
    shown = f"{fmt_int(first + 1)}–{fmt_int(first + len(chunk))} of {fmt_int(len(rows))}" if chunk else "none"
    return (f"<h2>Documents ranked {what}</h2>" + filters(label, doc_counts, total, root)
            + f'<p class="small muted">Showing {shown}; {fmt_int(page_size)} per page.</p>'
            + nav + ranking_table(chunk, start=first + 1, root=root, label=label) + nav)


def steps_table(stats: Any) -> str:
    if not isinstance(stats, dict):
        return ""
    steps = stats.get("steps")
    rows = []
    if isinstance(steps, dict):
        for name, info in steps.items():
            if not isinstance(info, dict):
                continue
            counters = info.get("counters") if isinstance(info.get("counters"), dict) else {}
            text = ", ".join(f"{esc(k)} {esc(v)}" for k, v in counters.items())
            rows.append(f'<tr><td class="mono">{esc(name)}</td><td class="n">{esc(info.get("seconds", ""))}</td><td>{text}</td></tr>')
    table = (f'<div class="scroll"><table><thead><tr><th>step</th><th class="n">seconds</th><th>counters</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table></div>') if rows else ""
    raw = esc(json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True))
    return (f"<h2>Steps (stats.json)</h2>{table}<details><summary>stats.json as written</summary>"
            f'<pre class="json">{raw}</pre></details>')


def index_page(tally: CorpusTally, *, ranking: str, errors: int, clusters: int | None, stats: Any,
               problems: list[str], raw_files: list[str]) -> str:
    links = ", ".join(f'<a href="../{href(name)}">{esc(name)}</a>' for name in raw_files)
    parts = ["<h1>Cleaning report</h1>", f'<p class="small muted">Raw output files (next to this report): {links or "none"}.</p>']
    if problems:
        parts.append('<div class="warn" role="note"><strong>Problems reading the output:</strong><ul>'
                     + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul></div>")
    if tally.documents_with_warnings:
        parts.append(f'<p class="warn">{fmt_int(tally.documents_with_warnings)} document page(s) report output inconsistencies.</p>')
    parts.append(totals(tally, errors=errors, clusters=clusters, root=""))
    dropped = (stats.get("totals") or {}).get("dropped") if isinstance(stats, dict) else None
    if isinstance(dropped, dict) and dropped:
        why = ", ".join(f"{esc(rule)}: {fmt_int(n)}" for rule, n in sorted(dropped.items()) if isinstance(n, int))
        parts.append(f'<p>Documents left out of documents.jsonl by the filter step ({why}): their blocks are in '
                     f'<a href="../removed.jsonl">removed.jsonl</a>, and they have no page here.</p>')
    parts.append(f'<p><a href="{error_page(1)}">Errors ({fmt_int(errors)})</a></p>')
    parts.append(charts(tally))
    parts.append(ranking)
    parts.append(steps_table(stats))
    return page(title="Cleaning report", body="\n".join(parts), root="")


def ranking_file(section: str, *, label: str | None, number: int) -> str:
    title = f"Documents{'' if label is None else ' with ' + label} — page {number}"
    return page(title=title, body=section, root="../", crumbs=[(title, ranking_page(label, number))])


def errors_file(errors: list[dict[str, Any]], *, number: int, pages: int, total: int, first: int) -> str:
    nav = pager(current=number, count=pages, link=lambda n: "../" + error_page(n))
    if errors:
        rows = "".join(
            f'<tr><td class="n">{first + i}</td><td><code>{esc(e.get("source_path"))}</code></td>'
            f'<td><span class="badge kind">{esc(e.get("kind"))}</span></td><td>{esc(e.get("reason"))}</td></tr>'
            for i, e in enumerate(errors, 1)
        )
        table = (f'<div class="scroll"><table><thead><tr><th class="n">#</th><th>input</th><th>kind</th><th>reason</th></tr>'
                 f"</thead><tbody>{rows}</tbody></table></div>")
    else:
        table = '<p class="muted">No errors: every input became a document.</p>'
    body = f"<h1>Errors ({fmt_int(total)})</h1>" + '<p class="small muted">Inputs that could not become a document (errors.jsonl).</p>' + nav + table + nav
    return page(title=f"Errors — page {number}", body=body, root="../", crumbs=[("errors", error_page(number))])
