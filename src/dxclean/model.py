"""The data that flows through a pipeline: a :class:`Document` of :class:`Block` s.

Steps *label* blocks; they never delete them. Only the writer decides what goes
where (body, title, captions, removed.jsonl), which is what makes every removal
explainable: each block carries the label, the step that set it and a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Labels a block can carry. ``body`` is the default: a block nobody objected to.
BODY = "body"
TITLE = "title"
DATE = "date"
SOURCE = "source"
CAPTION = "caption"
CHROME = "chrome"
TEASER = "teaser"
DUPLICATE = "duplicate"
EMPTY = "empty"
#: A body block of a document the ``filter`` step left out of documents.jsonl.
FILTERED = "filtered"

LABELS = (BODY, TITLE, DATE, SOURCE, CAPTION, CHROME, TEASER, DUPLICATE, EMPTY, FILTERED)
#: ``doc.metadata`` key of a document left out of documents.jsonl: {"step", "rule", "reason"}.
DROPPED = "dropped"
#: Metadata flag of a document read from dxclean's own documents.jsonl: its blocks
#: are already a cleaned body, so page-cleaning steps (chrome, templates) skip it.
CLEANED_INPUT = "cleaned_input"
#: Labels whose block text is kept in the document record (not in ``text``).
METADATA_LABELS = (TITLE, DATE, SOURCE, CAPTION)


@dataclass(slots=True)
class Trim:
    """A part cut off a block that otherwise stays (a chrome prefix glued to the lead)."""

    text: str
    label: str
    step: str
    reason: str
    #: Where the part was cut: "start" (a prefix) or "end" (a suffix) of the block.
    at: str = "start"


@dataclass(slots=True)
class Block:
    """One unit of input: a line of a text dump, a paragraph of a record, a DOM block.

    ``original`` is the text exactly as read; ``text`` is the current text (after
    encoding repair or trimming). ``position`` is the 0-based index among the
    document's input blocks and never changes.
    """

    text: str
    position: int
    original: str = ""
    label: str = BODY
    step: str | None = None
    reason: str | None = None
    #: Reader-provided facts a classifier may use (tag path, link density, ...).
    features: dict[str, Any] = field(default_factory=dict)
    #: Encoding repairs applied to this block, e.g. ``["mojibake", "nfc"]``.
    repairs: list[str] = field(default_factory=list)
    trims: list[Trim] = field(default_factory=list)
    #: Where this block's content is kept when it is a duplicate: {"doc", "paragraph"}.
    duplicate_of: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if not self.original:
            self.original = self.text

    def set_label(self, label: str, step: str, reason: str) -> None:
        """Label the block, recording which step decided and why."""
        self.label = label
        self.step = step
        self.reason = reason

    def trim(self, kept: str, removed: str, label: str, step: str, reason: str) -> None:
        """Keep ``kept`` as the block text; account for ``removed`` as a trim.

        >>> b = Block("Theo dõi trên Zalo Thủ tướng chủ trì hội nghị", 0)
        >>> b.trim("Thủ tướng chủ trì hội nghị", "Theo dõi trên Zalo", "chrome", "x", "share prompt")
        >>> b.text, b.trims[0].at
        ('Thủ tướng chủ trì hội nghị', 'start')
        """
        at = "end" if self.text.lstrip().startswith(kept.strip()) and kept.strip() else "start"
        self.text = kept
        self.trims.append(Trim(removed, label, step, reason, at))

    @property
    def is_body(self) -> bool:
        return self.label == BODY


@dataclass(slots=True)
class Document:
    """A document on its way through the pipeline."""

    id: str
    source_path: str
    blocks: list[Block]
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None
    #: Free-form facts steps add (repairs, duplicates, reader details, ...).
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Read from a record of a JSONL/Parquet input (not its own file): no text mirror by
    #: default. Not part of the output.
    from_record: bool = False

    @classmethod
    def from_texts(cls, id: str, source_path: str, texts: list[str], **kwargs: Any) -> Document:
        """Build a document whose blocks are ``texts`` in order (handy in tests)."""
        blocks = [Block(text=t, position=i) for i, t in enumerate(texts)]
        return cls(id=id, source_path=source_path, blocks=blocks, **kwargs)

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.label == BODY]

    def blocks_labelled(self, label: str) -> list[Block]:
        return [b for b in self.blocks if b.label == label]

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.body_blocks())


@dataclass(slots=True)
class ErrorRecord:
    """An input that could not become a document, and why."""

    source_path: str
    reason: str
    #: Machine-readable kind: ``decode``, ``too_large``, ``json``, ``unsupported`` ...
    kind: str = "error"

    def to_json(self) -> dict[str, Any]:
        return {"source_path": self.source_path, "kind": self.kind, "reason": self.reason}
