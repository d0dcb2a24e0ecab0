"""The ``dedup`` step: near-duplicate paragraphs and documents, within and across documents.

``observe`` (workers) sketches a document's body blocks (shingle sets, band
keys) and the whole body; ``plan`` (driver) finds and verifies every
near-duplicate and containment edge once over the corpus (plus a persistent
index of earlier runs) and decides; ``apply`` (workers) labels; ``write_outputs``
writes ``duplicates.jsonl``. The decisions (see README, "Deduplication"):

* **Within a document** (always): a later near-copy (Jaccard >= threshold) of a
  paragraph is labelled ``duplicate`` with ``duplicate_of`` the kept one. A
  block wholly contained in a longer block of the same document is a different
  case: a lead (sapo) repeating the first sentences, a section heading or a
  caption quoting the text. It stays in the body by default and is listed in
  ``metadata["contained_paragraphs"]`` (``within_doc_contained="drop"`` labels it
  ``duplicate`` when it has at least ``contained_min_words`` words; captions are
  the ``metadata`` step's business).
* **Across documents**: ``cross_doc="annotate"`` (default) keeps documents whole
  and lists each paragraph's cross-document relations in
  ``metadata["cross_doc_duplicates"]``; ``"drop"`` also labels ``duplicate``
  every paragraph with a near-copy kept earlier in input order (or in the
  index), every long-enough paragraph contained in a kept one, and every body
  block of a document that near-duplicates an earlier document.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..dedup.decide import DedupPlan, DocDecision, DocSketch, decide
from ..dedup.observed import ObservedSketches, SketchCollector
from ..model import DUPLICATE, Document
from .base import CorpusStep, StepStats

#: Options that cannot change a run's output: not part of its identity in the index.
_NOT_IDENTITY = ("workers", "engine", "ray_address", "text_mirror")


def run_options(config) -> str:
    """Digest of the options of a run, for its identity in the persistent index (with its
    inputs): everything that can change its output, so not the engine, workers or index."""
    import hashlib
    import json

    options = {k: v for k, v in config.to_json().items() if k not in _NOT_IDENTITY}
    options["dedup"] = {k: v for k, v in options["dedup"].items() if k != "index"}
    return hashlib.blake2b(json.dumps(options, sort_keys=True, default=str).encode(), digest_size=16).hexdigest()


class Deduplicate(CorpusStep):
    name = "dedup"
    description = "Near-duplicate paragraphs and documents (MinHash LSH, verified), within and across documents."
    unplanned_unchanged = True  # apply(doc, None) is doc: see Step.unplanned_unchanged

    def __init__(self, config) -> None:
        super().__init__(config)
        options = config.dedup
        if options.cross_doc not in ("annotate", "drop"):
            raise ValueError(f"dedup.cross_doc must be 'annotate' or 'drop', not {options.cross_doc!r}")
        if options.within_doc_contained not in ("annotate", "drop"):
            raise ValueError(f"dedup.within_doc_contained must be 'annotate' or 'drop', not {options.within_doc_contained!r}")
        if not 0.0 < options.threshold <= 1.0:
            raise ValueError(f"dedup.threshold must be in (0, 1], not {options.threshold}")
        if options.bands * options.rows > options.num_perm:
            raise ValueError(f"dedup: bands x rows ({options.bands} x {options.rows}) exceeds num_perm {options.num_perm}")
        if options.index:
            from ..dedup.index import DedupIndex

            DedupIndex(options.index, options)  # wrong settings fail now, not after the first pass
        self._sketcher = None

    # -- observe (workers) -------------------------------------------------------------
    def observe(self, doc: Document, stats: StepStats) -> DocSketch | None:
        from ..dedup.sketch import Sketcher

        try:
            if self._sketcher is None:
                self._sketcher = Sketcher(self.config.dedup)
            blocks = doc.body_blocks()
            sk = self._sketcher.sketch([b.text for b in blocks], keep_signatures=True)
            doc_keys = self._sketcher.union_keys(sk.signatures)
            sk.signatures = None  # band keys are all plan needs: 4 x num_perm bytes saved per paragraph
            stats.count("paragraphs", len(blocks))
            return DocSketch(doc.id, np.array([b.position for b in blocks], np.int32), sk, doc_keys)
        except Exception as exc:  # bad input never crashes the run: the document is just not deduplicated
            stats.count("observe_errors")
            doc.metadata.setdefault("dedup_error", f"{type(exc).__name__}: {exc}")
            return None

    def observe_batch(self, docs: list[Document], stats: StepStats) -> list[DocSketch | None]:
        """``observe`` of every document, sketched in one vectorised call (same sketches)."""
        from ..dedup.sketch import Sketcher, Sketches

        try:
            if self._sketcher is None:
                self._sketcher = Sketcher(self.config.dedup)
            bodies = [doc.body_blocks() for doc in docs]
            sk = self._sketcher.sketch([b.text for blocks in bodies for b in blocks], keep_signatures=True)
        except Exception:  # noqa: BLE001 - document by document, so the failure is the failing one's
            return [self.observe(doc, stats) for doc in docs]
        found, lo = [], 0
        for doc, blocks in zip(docs, bodies):
            hi = lo + len(blocks)
            start, end = sk.offsets[lo], sk.offsets[hi]
            part = Sketches(sk.hashes[start:end].copy(), sk.offsets[lo:hi + 1] - start, sk.words[lo:hi].copy(), sk.keys[lo:hi].copy())
            doc_keys = self._sketcher.union_keys(sk.signatures[lo:hi])
            stats.count("paragraphs", len(blocks))
            found.append(DocSketch(doc.id, np.array([b.position for b in blocks], np.int32), part, doc_keys))
            lo = hi
        return found

    # -- plan (driver) -----------------------------------------------------------------
    def plan(self, observations: Iterable[tuple[int, DocSketch | None]], stats: StepStats) -> DedupPlan:
        index = None
        if self.config.dedup.index:
            from ..dedup.index import DedupIndex

            index = DedupIndex(self.config.dedup.index, self.config.dedup, options=run_options(self.config))
        if isinstance(observations, SketchCollector):
            observations = observations.finish()
        elif not isinstance(observations, ObservedSketches):
            observations = [(i, o) for i, o in observations if o is not None]
        plan = decide(observations, self.config.dedup, index)
        if index is None:
            plan.segment = None  # only an index needs this run's sketches after the plan
        for key, value in plan.stats.items():
            stats.count(key, value)
        return plan

    def collector(self, spill_dir=None) -> SketchCollector:
        return SketchCollector(self.config.dedup.bands, spill_dir)

    def plan_for(self, plan: DedupPlan, index: int) -> DocDecision | None:
        return plan.decisions.get(index)

    # -- apply (workers) ---------------------------------------------------------------
    def apply(self, doc: Document, plan: DocDecision | None, stats: StepStats) -> Document:
        if isinstance(plan, DedupPlan):  # called with the whole plan (no plan_for)
            plan = None
        if plan is None:
            return doc
        by_position = {b.position: b for b in doc.blocks}
        for position, duplicate_of, reason in plan.duplicates:
            block = by_position.get(position)
            if block is None or not block.is_body:
                continue
            block.set_label(DUPLICATE, self.name, reason)
            block.duplicate_of = duplicate_of
            stats.count("labelled_duplicate")
        if plan.cross_doc:
            doc.metadata["cross_doc_duplicates"] = plan.cross_doc
        if plan.contained:
            doc.metadata["contained_paragraphs"] = plan.contained
        return doc

    # -- outputs (driver) --------------------------------------------------------------
    def write_outputs(self, plan: DedupPlan, out_dir: str) -> list[str]:
        import json
        import os

        path = Path(out_dir) / "duplicates.jsonl"
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            for cluster in plan.clusters:
                handle.write(json.dumps(cluster, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
        return ["duplicates.jsonl"]

    def after_commit(self, plan: DedupPlan, out_dir: str) -> None:
        """Append this run's paragraphs to ``--index`` only once its output is committed: a
        run killed before that leaves the index as it was, so running it again does not
        find its own paragraphs "already indexed". The append is atomic and skips a segment
        the index already holds (same content), so nothing is lost or doubled; it records
        the run's identity (see :mod:`dxclean.dedup.index`)."""
        if self.config.dedup.index and plan.segment is not None and len(plan.segment.positions):
            from ..dedup.index import DedupIndex

            DedupIndex(self.config.dedup.index, self.config.dedup, options=run_options(self.config)).append(plan.segment)
