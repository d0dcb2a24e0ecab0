"""The ``filter`` step: which documents go to documents.jsonl at all (``[filter]`` options).

Runs last. A document is left out of documents.jsonl — its blocks still go to
removed.jsonl, with one ``"part": "document"`` line saying why, and stats.json counts it
under ``totals.dropped`` — when:

- ``duplicate``: it had a body and every body block was labelled ``duplicate`` (with
  ``--cross-doc drop``: a copy of earlier documents);
- ``min_words`` / ``min_chars``: its body is shorter than the floor;
- ``language``: ``filter.languages`` is set and the document's language is not in it
  (or could not be determined).

The body blocks of a document left out for the last three reasons are labelled
``filtered``. Nothing else changes: a document that is kept is kept as it was.
"""

from __future__ import annotations

from ..model import BODY, DROPPED, DUPLICATE, FILTERED, Document
from .base import DocumentStep, StepStats


class FilterDocuments(DocumentStep):
    name = "filter"
    description = "Leave out whole-duplicate documents, and those under min_words/min_chars or of other languages"

    def process(self, doc: Document, stats: StepStats) -> Document:
        verdict = self.verdict(doc)
        if verdict is None:
            return doc
        rule, reason = verdict
        if rule != "duplicate":
            for block in doc.blocks:
                if block.label == BODY:
                    block.set_label(FILTERED, self.name, reason)
        doc.metadata[DROPPED] = {"step": self.name, "rule": rule, "reason": reason}
        stats.count(f"dropped_{rule}")
        return doc

    def verdict(self, doc: Document) -> tuple[str, str] | None:
        """``(rule, reason)`` when the document is to be left out, else None."""
        options = self.config.filter
        body = [b.text for b in doc.blocks if b.label == BODY and b.text.strip()]
        if not body and any(b.label == DUPLICATE for b in doc.blocks):
            return "duplicate", "every body paragraph is a duplicate of an earlier one"
        words = sum(len(text.split()) for text in body)
        if words < options.min_words:
            return "min_words", f"body has {words} word{'' if words == 1 else 's'}, fewer than min_words = {options.min_words}"
        chars = len("\n\n".join(body))
        if chars < options.min_chars:
            return "min_chars", f"body has {chars} character{'' if chars == 1 else 's'}, fewer than min_chars = {options.min_chars}"
        if options.languages and doc.language not in options.languages:
            found = f"language {doc.language}" if doc.language else "language undetermined"
            return "language", f"{found}, not one of {', '.join(options.languages)}"
        return None
