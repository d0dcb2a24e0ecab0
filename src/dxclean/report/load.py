"""Read an OUT directory back into documents whose every input block is in order.

Only the contract files are used (documents.jsonl, removed.jsonl, errors.jsonl,
stats.json, duplicates.jsonl), so a report can be built for any finished run,
long after the run. Everything streams: one document and its removed lines at a
time. removed.jsonl is written in document order, so its lines are read in
consecutive groups of one ``doc`` and matched to the documents as they pass.

Damaged input never stops a report: an unreadable line is counted in
:class:`LoadProblems` and shown on the index page.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import BODY
from ..model import METADATA_LABELS as FIELD_LABELS  # kept in the record as fields, not thrown away

_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(slots=True)
class Trim:
    """A part cut off a block (e.g. a chrome prefix glued to the lead)."""

    text: str
    label: str
    step: str | None
    reason: str | None
    #: True when the part came after the kept text in the original block.
    after: bool = False


@dataclass(slots=True)
class ReportBlock:
    """One input block as the report shows it."""

    position: int | None
    label: str
    text: str
    step: str | None = None
    reason: str | None = None
    #: Text before encoding repair, when it differs from ``text``.
    original: str | None = None
    duplicate_of: dict[str, Any] | None = None
    trims: list[Trim] = field(default_factory=list)
    #: Index among the document's body paragraphs (the ``paragraph`` of duplicate_of).
    paragraph: int | None = None

    @property
    def is_body(self) -> bool:
        return self.label == BODY

    @property
    def is_field(self) -> bool:
        return self.label in FIELD_LABELS

    @property
    def is_removed(self) -> bool:
        return not self.is_body and not self.is_field


@dataclass(slots=True)
class ReportDocument:
    index: int
    record: dict[str, Any]
    blocks: list[ReportBlock]
    #: Contract inconsistencies found while rebuilding the blocks (shown on the page).
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.record.get("id", ""))


@dataclass
class LoadProblems:
    """What could not be read; the index page lists these."""

    bad_lines: dict[str, int] = field(default_factory=dict)
    unmatched_removed: int = 0
    #: Documents the filter step left out of documents.jsonl (removed.jsonl has their lines).
    left_out: int = 0
    missing_files: list[str] = field(default_factory=list)

    def unmatched(self, group: list[dict[str, Any]]) -> None:
        if any(line.get("part") == "document" for line in group):
            self.left_out += 1  # not a problem: the run left the document out on purpose
        else:
            self.unmatched_removed += len(group)

    def bad(self, name: str) -> None:
        self.bad_lines[name] = self.bad_lines.get(name, 0) + 1

    def messages(self) -> list[str]:
        out = [f"{name}: {n} unreadable line(s) skipped" for name, n in sorted(self.bad_lines.items())]
        if self.unmatched_removed:
            out.append(f"removed.jsonl: {self.unmatched_removed} line(s) did not match a document in order")
        out.extend(f"{name} is missing" for name in self.missing_files)
        return out


def doc_slug(doc_id: str, occurrence: int = 0) -> str:
    """A file-name-safe, collision-free page name for a document id.

    The hash makes it unique and computable from the id alone, which is what lets
    a duplicate link to the kept copy in another document without any lookup.

    >>> doc_slug("003_6fb6fe81f11c8a04.txt")
    '003_6fb6fe81f11c8a04.txt-f8803bb2a1'
    >>> doc_slug("a/b c"), doc_slug("a/b c", 1)
    ('a-b-c-9f597a6381', 'a-b-c-9f597a6381-1')
    """
    readable = _SLUG_UNSAFE.sub("-", doc_id)[:60].strip("-.")
    digest = _digest(doc_id)
    name = f"{readable}-{digest}" if readable else digest
    return f"{name}-{occurrence}" if occurrence else name


def doc_page(doc_id: str, occurrence: int = 0) -> str:
    """Path of a document page relative to the report root, sharded by the hash.

    >>> doc_page("003_6fb6fe81f11c8a04.txt")
    'docs/a1/003_6fb6fe81f11c8a04.txt-f8803bb2a1.html'
    """
    return f"docs/{_digest(doc_id)[-2:]}/{doc_slug(doc_id, occurrence)}.html"


def _digest(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def iter_jsonl(path: Path, problems: LoadProblems) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSONL file; count the lines that are not objects."""
    if not path.exists():
        return
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                problems.bad(path.name)
                continue
            if isinstance(obj, dict):
                yield obj
            else:
                problems.bad(path.name)


def read_json(path: Path, problems: LoadProblems) -> Any:
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except ValueError:
        problems.bad(path.name)
        return None


def iter_documents(out_dir: Path, problems: LoadProblems, id_index: dict[str, int]) -> Iterator[ReportDocument]:
    """Documents in input order, each with all its blocks (body and removed) in order.

    ``id_index`` maps each document id to the index of its first document; it lets a
    group of removed lines for an unknown or already-passed id be skipped (and
    counted) instead of holding up every later document.
    """
    removed = _grouped(iter_jsonl(out_dir / "removed.jsonl", problems))
    pending = next(removed, None)
    for index, record in enumerate(iter_jsonl(out_dir / "documents.jsonl", problems)):
        doc_id = str(record.get("id", ""))
        lines: list[dict[str, Any]] = []
        while pending is not None:
            target = id_index.get(pending[0], -1)
            if pending[0] == doc_id and target == index:
                lines.extend(pending[1])
            elif target < index:
                problems.unmatched(pending[1])
            else:
                break  # belongs to a later document
            pending = next(removed, None)
        yield build_document(index, record, lines)
    while pending is not None:
        problems.unmatched(pending[1])
        pending = next(removed, None)


def _grouped(lines: Iterator[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    current: str | None = None
    group: list[dict[str, Any]] = []
    for line in lines:
        doc = str(line.get("doc", ""))
        if doc != current and group:
            yield current or "", group
            group = []
        current = doc
        group.append(line)
    if group:
        yield current or "", group


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def build_document(index: int, record: dict[str, Any], removed: list[dict[str, Any]]) -> ReportDocument:
    """Merge body paragraphs and removed lines back into the input order of blocks."""
    metadata = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    warnings: list[str] = []
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    paragraphs = text.split("\n\n") if text else []
    positions = metadata.get("body_positions")
    positions = [p for p in positions if _int(p) is not None] if isinstance(positions, list) else []
    if len(positions) != len(paragraphs):
        warnings.append(
            f"metadata.body_positions has {len(positions)} entries but text has {len(paragraphs)} paragraphs;"
            " paragraphs without a position are shown at the end"
        )
    originals: dict[int, str] = {}
    for item in metadata.get("repaired_blocks") or []:
        if isinstance(item, dict) and _int(item.get("position")) is not None and isinstance(item.get("original"), str):
            originals[item["position"]] = item["original"]

    blocks: list[ReportBlock] = []
    for number, paragraph in enumerate(paragraphs):
        position = positions[number] if number < len(positions) else None
        original = originals.get(position) if position is not None else None
        blocks.append(ReportBlock(position, BODY, paragraph, original=original, paragraph=number))

    trims: list[tuple[int | None, Trim, bool]] = []
    for line in removed:
        position = _int(line.get("position"))
        label = _str(line.get("label")) or "other"
        body = _str(line.get("text")) or ""
        if line.get("part") == "trim":
            # "at": "end" says the part was cut off the end of the block; without it,
            # the original text (when repaired) or else "start" decides.
            at = line.get("at")
            trim = Trim(body, label, _str(line.get("step")), _str(line.get("reason")), after=at == "end")
            trims.append((position, trim, at in ("start", "end")))
            continue
        original = _str(line.get("original"))
        dup = line.get("duplicate_of") if isinstance(line.get("duplicate_of"), dict) else None
        blocks.append(ReportBlock(position, label, body, _str(line.get("step")), _str(line.get("reason")),
                                  original if original != body else None, dup))

    # Sort by input position; blocks without one go last, keeping their order.
    order = {id(b): i for i, b in enumerate(blocks)}
    blocks.sort(key=lambda b: (b.position is None, b.position if b.position is not None else 0, order[id(b)]))
    _attach_trims(blocks, trims, originals, warnings)
    seen: dict[int, int] = {}
    for block in blocks:
        if block.position is not None:
            seen[block.position] = seen.get(block.position, 0) + 1
    clashes = sorted(p for p, n in seen.items() if n > 1)
    if clashes:
        warnings.append(f"several blocks claim position(s) {', '.join(map(str, clashes[:10]))}")
    return ReportDocument(index, record, blocks, warnings)


def _attach_trims(blocks: list[ReportBlock], trims: list[tuple[int | None, Trim, bool]],
                  originals: dict[int, str], warnings: list[str]) -> None:
    by_position = {b.position: b for b in blocks if b.position is not None}
    orphans = 0
    for position, trim, placed in trims:
        owner = by_position.get(position)
        if owner is None:
            # The whole block went (e.g. nothing left after trimming): show the trim alone.
            owner = ReportBlock(position, "empty", "", reason="block has no kept text")
            blocks.append(owner)
            by_position[position] = owner
            orphans += 1
        source = originals.get(position) if position is not None else None
        if not placed and source and owner.text and trim.text:
            at_trim, at_kept = source.find(trim.text), source.find(owner.text)
            trim.after = at_trim >= 0 and at_kept >= 0 and at_trim > at_kept
        owner.trims.append(trim)
    if orphans:
        warnings.append(f"{orphans} trimmed part(s) belong to no block in the output")
        blocks.sort(key=lambda b: (b.position is None, b.position if b.position is not None else 0))
