"""Corpus totals and one small row per document, gathered while pages are written.

A row holds only numbers and a short title (not the blocks), so the ranking of
100,000 documents fits in a few tens of megabytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .load import ReportDocument

TITLE_CHARS = 140


@dataclass(slots=True)
class DocRow:
    index: int
    doc_id: str
    title: str
    source_path: str
    page: str
    removed_blocks: int
    removed_chars: int
    total_chars: int
    #: Blocks (and trims) by label, body included.
    labels: dict[str, int]

    @property
    def removed_share(self) -> float:
        return self.removed_chars / self.total_chars if self.total_chars else 0.0


@dataclass
class CorpusTally:
    documents: int = 0
    blocks_by_label: Counter = field(default_factory=Counter)
    removed_by_label: Counter = field(default_factory=Counter)
    #: step -> Counter(label): every removed.jsonl line (blocks and trims).
    removed_by_step: dict[str, Counter] = field(default_factory=dict)
    encoding_repairs: Counter = field(default_factory=Counter)
    repaired_documents: int = 0
    documents_with_warnings: int = 0
    rows: list[DocRow] = field(default_factory=list)

    def add(self, doc: ReportDocument, page: str) -> None:
        self.documents += 1
        metadata: dict[str, Any] = doc.record.get("metadata") if isinstance(doc.record.get("metadata"), dict) else {}
        labels: Counter = Counter()
        removed_blocks = removed_chars = total_chars = 0
        for block in doc.blocks:
            labels[block.label] += 1
            total_chars += len(block.text)
            if not block.is_body:
                self._removed(block.label, block.step)
            if block.is_removed:
                removed_blocks += 1
                removed_chars += len(block.text)
            for trim in block.trims:
                labels[f"{trim.label}"] += 1
                self._removed(trim.label, trim.step)
                removed_blocks += 1
                removed_chars += len(trim.text)
                total_chars += len(trim.text)
        written = metadata.get("blocks")
        if isinstance(written, dict) and all(isinstance(v, int) for v in written.values()):
            self.blocks_by_label.update({str(k): v for k, v in written.items()})
        else:
            self.blocks_by_label.update(Counter(b.label for b in doc.blocks))
        repairs = metadata.get("encoding_repairs")
        if isinstance(repairs, dict) and repairs:
            self.repaired_documents += 1
            self.encoding_repairs.update({str(k): v for k, v in repairs.items() if isinstance(v, int)})
        if doc.warnings:
            self.documents_with_warnings += 1
        title = doc.record.get("title")
        title = title.strip() if isinstance(title, str) and title.strip() else ""
        if len(title) > TITLE_CHARS:
            title = title[: TITLE_CHARS - 1] + "…"
        self.rows.append(DocRow(doc.index, doc.id, title, str(doc.record.get("source_path") or ""), page,
                                removed_blocks, removed_chars, total_chars, dict(labels)))

    def _removed(self, label: str, step: str | None) -> None:
        self.removed_by_label[label] += 1
        self.removed_by_step.setdefault(step or "(no step)", Counter())[label] += 1


def ranked(rows: list[DocRow], label: str | None) -> list[DocRow]:
    """Documents by how much was removed (characters), or by how many ``label`` blocks.

    Ties keep input order, so the ranking is deterministic.
    """
    if label is None:
        return sorted(rows, key=lambda r: (-r.removed_chars, -r.removed_blocks, r.index))
    chosen = [r for r in rows if r.labels.get(label, 0) > 0]
    return sorted(chosen, key=lambda r: (-r.labels[label], -r.removed_chars, r.index))
