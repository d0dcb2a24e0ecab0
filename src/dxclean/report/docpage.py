"""The page of one document: every input block in order, removals struck out.

Body paragraphs are shown plainly; title/date/source/caption blocks are framed
and badged (kept, but as fields); every other block is struck through, tinted
and badged by label with the step and reason written next to it (phones cannot
hover) and repeated in the hover title. Duplicates link to the kept copy, also
in another document; encoding repairs show original and repaired side by side.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .duplicates import Resolver, block_notes, ref_link
from .load import ReportBlock, ReportDocument, Trim
from .markup import badge, esc, fmt_int, href, label_class, label_sort_key, legend, page


def render_document_page(doc: ReportDocument, *, resolve: Resolver, prev_page: str | None,
                         next_page: str | None, mirror: str | None, root: str = "../../") -> str:
    record = doc.record
    title = _text(record.get("title")) or doc.id or "(untitled)"
    parts = [f"<h1{_lang(record)}>{esc(title)}</h1>", _meta(doc, resolve, root, mirror), _summary(doc)]
    if doc.warnings:
        items = "".join(f"<li>{esc(w)}</li>" for w in doc.warnings)
        parts.append(f'<div class="warn" role="note"><strong>Output inconsistencies:</strong><ul>{items}</ul></div>')
    parts.append("<h2>Blocks in input order</h2>")
    used = sorted({b.label for b in doc.blocks} | {t.label for b in doc.blocks for t in b.trims}, key=label_sort_key)
    parts.append(legend(used))
    parts.append(_blocks(doc, resolve, root))
    parts.append(_neighbours(prev_page, next_page, root))
    return page(title=title, body="\n".join(parts), root=root, crumbs=[(f"document {doc.index + 1}", _self_link(doc, resolve))])


def _self_link(doc: ReportDocument, resolve: Resolver) -> str:
    return resolve(doc.id) or "index.html"


def _lang(record: dict[str, Any]) -> str:
    """``lang`` attribute for the document's own text (the report's words are English)."""
    language = record.get("language")
    ok = isinstance(language, str) and language.strip() and language.isascii() and len(language) < 36
    return f' lang="{esc(language.strip())}"' if ok else ""


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _meta(doc: ReportDocument, resolve: Resolver, root: str, mirror: str | None) -> str:
    record = doc.record
    rows: list[tuple[str, str]] = []
    for name, key in (("Title", "title"), ("Published", "published"), ("Source", "source"), ("Language", "language")):
        value = _text(record.get(key))
        rows.append((name, esc(value) if value else '<span class="muted">none found</span>'))
    url = _text(record.get("url"))
    if url:
        rows.append(("URL", f"<code>{esc(url)}</code>"))  # not a link: the report must not go online
    rows.append(("Input", f"<code>{esc(record.get('source_path'))}</code>"))
    rows.append(("Id", f"<code>{esc(doc.id)}</code>"))
    if mirror:
        rows.append(("Clean text", f'<a href="{esc(root + mirror)}">text mirror</a>'))  # already percent-encoded
    captions = record.get("captions")
    if isinstance(captions, list) and captions:
        rows.append(("Captions", fmt_int(len(captions))))
    metadata = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    repairs = metadata.get("encoding_repairs")
    if isinstance(repairs, dict) and repairs:
        rows.append(("Encoding repairs", ", ".join(f"{esc(k)} × {esc(v)}" for k, v in sorted(repairs.items()))))
    cross = metadata.get("cross_doc_duplicates")
    if isinstance(cross, list) and cross:
        _, whole = block_notes(record, resolve=resolve, root=root)
        per_block = len(cross) - len(whole)
        text = f"{fmt_int(per_block)} paragraph relation(s), noted at the blocks below" if per_block else ""
        rows.append(("Duplicates elsewhere", text + "".join(whole)))
    body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<dl class="meta">{body}</dl>'


def _summary(doc: ReportDocument) -> str:
    counts: Counter[tuple[str, str]] = Counter((b.label, "") for b in doc.blocks)
    for block in doc.blocks:
        for trim in block.trims:
            counts[(trim.label, " trim")] += 1
    kept = sum(len(b.text) for b in doc.blocks if not b.is_removed)
    removed = sum(len(b.text) for b in doc.blocks if b.is_removed) + sum(len(t.text) for b in doc.blocks for t in b.trims)
    share = f"{100 * removed / (kept + removed):.0f}%" if kept + removed else "0%"
    badges = " ".join(badge(label, f"{kind} {n}") for (label, kind), n in sorted(counts.items(), key=lambda kv: (label_sort_key(kv[0][0]), kv[0][1])))
    return (f'<p>{badges}</p><p class="small">Removed {fmt_int(removed)} of {fmt_int(kept + removed)} characters'
            f" ({share}); {fmt_int(counts[('body', '')])} body paragraph(s) kept.</p>")


def _why(label: str, step: str | None, reason: str | None, *, kept: bool) -> str:
    verb = "kept as a field" if kept else "removed"
    by = f' by <span class="step">{esc(step)}</span>' if step else ""
    return f'<span class="why">{badge(label)} {verb}{by}{": " + esc(reason) if reason else ""}</span>'


def _hover(label: str, step: str | None, reason: str | None) -> str:
    return esc(f"{label} — {step or 'unknown step'}: {reason or 'no reason given'}")


def _blocks(doc: ReportDocument, resolve: Resolver, root: str) -> str:
    repeats: dict[int, list[int]] = {}  # kept block position -> positions of its copies in this document
    for block in doc.blocks:
        dup = block.duplicate_of
        if dup and str(dup.get("doc")) == doc.id and isinstance(dup.get("paragraph"), int) and block.position is not None:
            repeats.setdefault(dup["paragraph"], []).append(block.position)
    notes, _ = block_notes(doc.record, resolve=resolve, root=root)
    out = [f'<ol class="blocks"{_lang(doc.record)}>']
    last = -1
    for number, block in enumerate(doc.blocks):
        if block.position is not None and block.position > last + 1:
            missing = block.position - last - 1
            out.append(f'<li class="gap">{fmt_int(missing)} input block(s) not accounted for in the output</li>')
        if block.position is not None:
            last = max(last, block.position)
        extra = notes.get(block.position, []) if block.position is not None else []
        out.append(_block(doc, block, number, resolve, root, repeats.get(block.position, []), extra))
    out.append("</ol>")
    return "\n".join(out)


def _block(doc: ReportDocument, block: ReportBlock, number: int, resolve: Resolver, root: str,
           copies: list[int], related: list[str]) -> str:
    """One <li>: id ``b<position>`` (what duplicate links point at); body paragraphs
    also carry ``p<n>``, their index in the record's ``text``."""
    pos = "–" if block.position is None else str(block.position)
    anchor = f"b{block.position}" if block.position is not None else f"x{number}"
    before = "".join(_trim(t) for t in block.trims if not t.after)
    after = "".join(_trim(t) for t in block.trims if t.after)
    paragraph = ""
    if block.is_body:
        paragraph = f' id="p{block.paragraph}"'
        classes = "blk body"
        content = f"{before}{esc(block.text)}{after}"
        notes = ""
        if copies:
            links = ", ".join(f'<a href="#b{p}">#{p}</a>' for p in copies)
            notes = f'<span class="why">repeated at {links} (removed there as duplicate)</span>'
        hover = "body — kept"
    elif block.is_field:
        classes = f"blk field {label_class(block.label)}"
        content = f"{before}{esc(block.text)}{after}"
        notes = _why(block.label, block.step, block.reason, kept=True)
        hover = _hover(block.label, block.step, block.reason)
    else:
        classes = f"blk removed {label_class(block.label)}"
        content = f'{before}<del class="cut">{esc(block.text)}</del>{after}' if block.text else before + after
        notes = _why(block.label, block.step, block.reason, kept=False)
        if block.duplicate_of:
            kept = ref_link(block.duplicate_of, here=doc.id, resolve=resolve, root=root)
            notes += f'<span class="why">kept copy: {kept}</span>'
        hover = _hover(block.label, block.step, block.reason)
    notes += "".join(related)
    return (f'<li class="{classes}" id="{anchor}" title="{hover}" data-label="{esc(block.label)}">'
            f'<span class="pos"{paragraph} aria-label="input block {pos}">#{pos}</span>'
            f'<div class="txt"><span class="text">{content}</span>{notes}{_repair(block)}</div></li>')


def _trim(trim: Trim) -> str:
    return (f'<span class="trim {label_class(trim.label)}" title="{_hover(trim.label, trim.step, trim.reason)}">'
            f'<del class="cut">{esc(trim.text)}</del> '
            f'<span class="badge {label_class(trim.label)}">{esc(trim.label)} trim</span> '
            f'<span class="small">removed by <span class="step">{esc(trim.step)}</span>: {esc(trim.reason)}</span></span> ')


def _repair(block: ReportBlock) -> str:
    if block.original is None or block.original == block.text:
        return ""
    return (f'<div class="repair" aria-label="encoding repair"><div><span class="hd">Original (as read)</span>'
            f'{esc(block.original)}</div><div><span class="hd">Repaired</span>{esc(block.text)}</div></div>')


def _neighbours(prev_page: str | None, next_page: str | None, root: str) -> str:
    prev = f'<a href="{href(root + prev_page)}" rel="prev">‹ previous document</a>' if prev_page else "<span></span>"
    nxt = f'<a href="{href(root + next_page)}" rel="next">next document ›</a>' if next_page else "<span></span>"
    return f'<nav class="nav2" aria-label="documents">{prev}<a href="{root}index.html">index</a>{nxt}</nav>'
