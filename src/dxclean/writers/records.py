"""The output contract: how a labelled :class:`Document` becomes JSON records.

This module is the only place that decides what goes where: body blocks make
``text``, caption blocks ``captions``, and every block that is not body (and
every trimmed part of a body block) gets a removed.jsonl line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import BODY, CAPTION, DROPPED, DUPLICATE, FILTERED, SOURCE, TITLE, Document

#: Version of the record format; bumped on any change to a field's meaning.
SCHEMA_VERSION = "1.0"


def document_record(doc: Document, labels: dict[str, int] | None = None) -> dict[str, Any]:
    """``doc``'s documents.jsonl record; ``labels`` (if given) is filled with its blocks per label."""
    counts: dict[str, int] = {} if labels is None else labels
    body: list[str] = []
    positions: list[int] = []
    captions: list[str] = []
    repaired: list[dict[str, Any]] = []
    title = doc.title
    source = doc.source
    for b in doc.blocks:  # one pass over the blocks (this runs for every document)
        label = b.label
        counts[label] = counts.get(label, 0) + 1
        if label == BODY:
            if b.text.strip():
                body.append(b.text)
                positions.append(b.position)
        elif label == CAPTION:
            captions.append(b.text)
        elif label == TITLE:
            if title is None:
                title = b.text
        elif label == SOURCE and source is None:
            source = b.text
        if b.repairs and b.text != b.original:
            repaired.append({"position": b.position, "original": b.original})
    metadata = dict(doc.metadata)
    metadata["blocks"] = dict(sorted(counts.items()))
    metadata["body_positions"] = positions
    if repaired:
        metadata["repaired_blocks"] = repaired
    return {
        "id": doc.id,
        "source_path": doc.source_path,
        "url": doc.url,
        "title": title,
        "published": doc.published,
        "source": source,
        "language": doc.language,
        "text": "\n\n".join(body),
        "captions": captions,
        "metadata": dict(sorted(metadata.items())),
    }


def removed_records(doc: Document) -> list[dict[str, Any]]:
    lines = []
    for block in doc.blocks:
        for trim in block.trims:
            line = _removed(doc, block.position, trim.label, trim.step, trim.reason, trim.text, "trim")
            line["at"] = trim.at
            lines.append(line)
        if block.label != BODY:
            line = _removed(doc, block.position, block.label, block.step, block.reason, block.text, "block")
            if block.duplicate_of is not None:
                line["duplicate_of"] = block.duplicate_of
            if block.text != block.original:
                line["original"] = block.original
            lines.append(line)
        elif not block.text.strip():
            lines.append(_removed(doc, block.position, "empty", block.step, "nothing left after trimming", block.text, "block"))
    dropped = doc.metadata.get(DROPPED)
    if dropped:  # the document itself is not in documents.jsonl: one line says why
        label = DUPLICATE if dropped["rule"] == "duplicate" else FILTERED
        lines.append(_removed(doc, None, label, dropped["step"], dropped["reason"], "", "document"))
    return lines


def text_mirror_of(record: dict[str, Any]) -> str:
    """Title, blank line, body: the human-readable ``text/<source_path>.txt``."""
    title = record["title"] or ""
    return f"{title}\n\n{record['text']}\n" if title else f"{record['text']}\n"


@dataclass(slots=True)
class Rendered:
    """A finished document as the writer writes it, rendered where it was made (a worker)."""

    source_path: str
    doc_id: str
    dropped: str | None  # the rule that left it out of documents.jsonl, if one did
    record: str  # its documents.jsonl line ("" when dropped)
    removed: str  # its removed.jsonl lines (possibly none)
    labels: dict[str, int]  # blocks per label
    mirror: str | None  # its text mirror, when one is written


def render(doc: Document, text_mirror: bool | str = "auto") -> Rendered:
    """``doc``'s output lines. ``text_mirror`` "auto": a mirror for documents read from
    files (one file per input already), none for records of JSONL/Parquet inputs."""
    labels: dict[str, int] = {}
    dropped = doc.metadata.get(DROPPED)
    removed = "".join(map(dumps, removed_records(doc)))
    if dropped:  # not in documents.jsonl, no mirror: no record to build
        for block in doc.blocks:
            labels[block.label] = labels.get(block.label, 0) + 1
        return Rendered(doc.source_path, doc.id, dropped["rule"], "", removed, labels, None)
    record = document_record(doc, labels)
    wanted = text_mirror is True or (text_mirror == "auto" and not doc.from_record)
    return Rendered(doc.source_path, doc.id, None, dumps(record), removed, labels, text_mirror_of(record) if wanted else None)


def dumps(obj: Any) -> str:
    """One JSON line, as every output file writes it (``json.dumps(obj, ensure_ascii=False)``)."""
    return _ENCODE(obj) + "\n"


#: The encoder ``json.dumps(obj, ensure_ascii=False)`` makes on each call, made once (a
#: constant, like a compiled pattern: it holds no state between calls).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _removed(doc: Document, position: int | None, label: str, step: str | None, reason: str | None, text: str, part: str) -> dict[str, Any]:
    return {
        "doc": doc.id,
        "source_path": doc.source_path,
        "position": position,
        "label": label,
        "step": step,
        "reason": reason,
        "text": text,
        "part": part,
    }


__all__ = ["SCHEMA_VERSION", "Rendered", "document_record", "dumps", "removed_records", "render", "text_mirror_of"]
