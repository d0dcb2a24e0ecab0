"""The ``encoding`` step: repair mojibake, legacy encodings and invisible debris, block by block.

Detection is per block with the document as context (one page can mix
encodings; a short block follows its page's verdict). ``block.original`` keeps
the text as read; repaired blocks list their repair kinds in ``block.repairs``
and the document counts them in ``metadata["encoding_repairs"]``. Blocks are read
stripped, and stay so: whitespace the repair makes at a line's edge (the mojibake
of a no-break space, "Â\xa0Đây") is stripped as the reader would have.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..encoding.context import ContextModel
from ..encoding.fast_path import edges_as_read
from ..encoding.repair import repair_text, repair_texts
from ..model import Document
from .base import DocumentStep, StepStats


class RepairEncoding(DocumentStep):
    name = "encoding"
    description = "Repair mojibake, legacy Vietnamese encodings, HTML references and invisible debris"

    def __init__(self, config) -> None:
        super().__init__(config)
        # The lossy-mojibake context model: read once per step (process), on the first page that needs it.
        self.context = ContextModel()

    def process(self, doc: Document, stats: StepStats) -> Document:
        options = self.config.encoding
        counts: Counter[str] = Counter()
        try:
            results = repair_texts([block.text for block in doc.blocks], config=options, context=self.context)
            for block, result in zip(doc.blocks, results):
                if result.text != block.text:
                    block.text = edges_as_read(block.text, result.text)
                for kind in result.repairs:
                    if kind not in block.repairs:
                        block.repairs.append(kind)
                counts.update(result.repairs)
            for attribute in ("title", "source", "url"):
                value = getattr(doc, attribute)
                if value is None:
                    continue
                # A URL is ASCII by nature: "?" after a vowel there is not VIQR.
                fields = replace(options, legacy=False) if attribute == "url" else options
                result = repair_text(value, config=fields, context=self.context)
                setattr(doc, attribute, result.text)
                counts.update(result.repairs)
        except Exception as exc:  # bad input must never escape a step: keep the text as read
            stats.count("errors")
            doc.metadata.setdefault("step_errors", []).append({"step": self.name, "error": repr(exc)})
            return doc
        if counts:
            doc.metadata["encoding_repairs"] = dict(sorted(counts.items()))
            for kind, count in sorted(counts.items()):
                stats.count(kind, count)
            stats.count("repaired_blocks", sum(1 for b in doc.blocks if b.repairs))
        return doc
