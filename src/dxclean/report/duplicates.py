"""Duplicates in the report: links to kept copies, cross-document notes, cluster pages.

A reference to a paragraph is ``{"doc": id, "paragraph": position}`` where
``paragraph`` is the *input position* of the block (as dedup writes it; ``None``
for a whole document). It becomes a link to ``#b<position>`` on that document's
page, or plain text when the document is not in this output (e.g. it came from a
persistent dedup index of an earlier run).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .markup import esc, fmt_int, href, page, pager

#: ``resolve(doc_id) -> page path relative to the report root``, or None if not in this output.
Resolver = Callable[[str], "str | None"]


def ref_link(ref: Any, *, here: str | None, resolve: Resolver, root: str) -> str:
    """HTML naming (and linking) the block or document ``ref`` points at.

    ``here`` is the id of the document whose page this is (None on other pages).
    """
    if not isinstance(ref, dict):
        return f"<code>{esc(ref)}</code>"
    other = str(ref.get("doc", ""))
    position = ref.get("paragraph")
    block = isinstance(position, int) and not isinstance(position, bool)
    fragment = f"#b{position}" if block else ""
    what = f"block #{position}" if block else "the document"
    if other == here:
        return f'<a class="dup" href="{fragment or "#"}">{what} of this document</a>'
    name = f"{what} of document <code>{esc(other)}</code>" if block else f"document <code>{esc(other)}</code>"
    target = resolve(other)
    if target is None:
        return f"{name} (not in this output)"
    return f'<a class="dup" href="{href(root + target)}{fragment}">{name}</a>'


def _similarity(entry: dict[str, Any], key: str = "similarity") -> str:
    value = entry.get(key)
    return f" ({esc(key)} {value:.2f})" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def cross_doc_note(entry: dict[str, Any], *, here: str, resolve: Resolver, root: str) -> str:
    """One sentence for a ``metadata.cross_doc_duplicates`` entry."""
    relation = str(entry.get("relation") or "duplicate")
    cluster = entry.get("cluster")
    in_cluster = f", cluster {esc(cluster)}" if cluster is not None else ""
    link = lambda ref: ref_link(ref, here=here, resolve=resolve, root=root)  # noqa: E731
    if isinstance(entry.get("container"), dict):
        text = f"contained in {link(entry['container'])}{_similarity(entry)}"
    elif isinstance(entry.get("contained"), list):
        refs = entry["contained"]
        shown = ", ".join(link(r) for r in refs[:10])
        more = f" and {fmt_int(len(refs) - 10)} more" if len(refs) > 10 else ""
        text = f"contains {shown}{more}"
    elif isinstance(entry.get("canonical"), dict):
        members = entry.get("members")
        count = f", {fmt_int(members)} copies" if isinstance(members, int) else ""
        text = f"{esc(relation)} of {link(entry['canonical'])}{_similarity(entry)}{count}"
    else:
        text = esc(relation)
    return f'<span class="why">≈ {text}{in_cluster}</span>'


def block_notes(record: dict[str, Any], *, resolve: Resolver, root: str) -> tuple[dict[int, list[str]], list[str]]:
    """Notes per block position (paragraph relations) and document-level notes."""
    here = str(record.get("id", ""))
    metadata = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    per_block: dict[int, list[str]] = {}
    whole: list[str] = []
    entries = metadata.get("cross_doc_duplicates")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        note = cross_doc_note(entry, here=here, resolve=resolve, root=root)
        position = entry.get("paragraph")
        if isinstance(position, int) and not isinstance(position, bool):
            per_block.setdefault(position, []).append(note)
        else:
            whole.append(note)
    contained = metadata.get("contained_paragraphs")
    for entry in contained if isinstance(contained, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("paragraph"), int) and isinstance(entry.get("container"), int):
            ref = {"doc": here, "paragraph": entry["container"]}
            note = (f'<span class="why">≈ contained in {ref_link(ref, here=here, resolve=resolve, root=root)}'
                    f"{_similarity(entry, 'containment')} (kept)</span>")
            per_block.setdefault(entry["paragraph"], []).append(note)
    return per_block, whole


def clusters_page(clusters: list[dict[str, Any]], *, number: int, pages: int, total: int, first: int, resolve: Resolver) -> str:
    """One page of duplicates.jsonl: each cluster with its canonical copy and members linked."""
    root = "../"
    nav = pager(current=number, count=pages, link=lambda n: f"{root}{cluster_page(n)}")
    rows = []
    for offset, cluster in enumerate(clusters):
        members = cluster.get("members") if isinstance(cluster.get("members"), list) else []
        listed = "".join(
            f"<li>{ref_link(m, here=None, resolve=resolve, root=root)}{_similarity(m) if isinstance(m, dict) else ''}</li>"
            for m in members[:50]
        )
        if len(members) > 50:
            listed += f"<li>… and {fmt_int(len(members) - 50)} more</li>"
        rows.append(
            f'<tr><td class="n">{esc(cluster.get("cluster", first + offset))}</td><td>{esc(cluster.get("level"))}</td>'
            f'<td>{esc(cluster.get("relation"))}</td>'
            f'<td>{ref_link(cluster.get("canonical"), here=None, resolve=resolve, root=root)}</td>'
            f'<td><ul class="small">{listed}</ul></td></tr>'
        )
    table = (f'<div class="scroll"><table><thead><tr><th class="n">cluster</th><th>level</th><th>relation</th>'
             f'<th>kept copy</th><th>members</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
             if rows else '<p class="muted">No duplicate clusters.</p>')
    body = (f"<h1>Duplicate clusters ({fmt_int(total)})</h1>"
            '<p class="small muted">From duplicates.jsonl: groups of near-identical paragraphs or documents.</p>'
            + nav + table + nav)
    return page(title=f"Duplicate clusters — page {number}", body=body, root=root, crumbs=[("duplicates", cluster_page(number))])


def cluster_page(number: int) -> str:
    return f"duplicates/clusters-{number}.html"
