"""The ``chrome`` step: label portal chrome, teasers and captions around the article.

Decisions come from :mod:`dxclean.clean.classify`. Blocks a reader already
labelled (anything but ``body``) are left alone. Title/date/source candidates are
noted in ``block.features`` (``"meta": "title" | "date" | "source"``, plus the
parsed value) for the ``metadata`` step, which labels them. Counters: one per label this
step leaves on blocks, plus ``metadata_candidates`` (blocks it labelled that it also noted
as title/date/source candidates: the metadata step relabels them).
"""

from __future__ import annotations

from ..clean.classify import analyse
from ..clean.metadata import credit_in_block
from ..model import BODY, CLEANED_INPUT, Document, Trim
from .base import DocumentStep, StepStats


class LabelChrome(DocumentStep):
    name = "chrome"
    description = "Label portal chrome, teaser lists and photo captions around the article"

    def process(self, doc: Document, stats: StepStats) -> Document:
        if not doc.blocks:
            return doc
        if doc.metadata.get(CLEANED_INPUT):
            stats.count("skipped_cleaned_input")
            return doc
        fixed = {i for i, b in enumerate(doc.blocks) if b.label != BODY}
        if "html" in doc.metadata:
            # The HTML reader judged main content from the DOM, which is stronger evidence
            # than line shape: re-judging its main blocks cost 3 points of recall (WCXB).
            fixed |= {i for i, b in enumerate(doc.blocks) if b.features.get("main")}
        if len(fixed) == len(doc.blocks):
            # Nothing left to judge, and title/date/source candidates are only taken
            # from blocks not fixed: the analysis could not change the document.
            stats.count("skipped_all_fixed")
            return doc
        try:
            page = analyse(
                [b.text for b in doc.blocks],
                language=doc.language,
                hints=[b.features for b in doc.blocks],
                fixed=fixed,
                known_title=doc.title,
            )
        except Exception as exc:  # bad input must never escape a step: keep the page as is
            stats.count("errors")
            doc.metadata.setdefault("step_errors", []).append({"step": self.name, "error": repr(exc)})
            return doc
        # A title/date/source candidate is passed on to the metadata step, which relabels it:
        # counted apart, so that this step's label counters match the labels in the output.
        candidates = {i for i in (page.title, page.date, page.source) if i is not None}
        for i, (block, decision) in enumerate(zip(doc.blocks, page.decisions)):
            if i in fixed:
                continue
            if decision.trim:
                prefix, kept, suffix = decision.trim
                if prefix:
                    block.trim(kept, prefix, "chrome", self.name, "share/follow prompt glued to the text")
                else:
                    block.text = kept
                if suffix:
                    block.trims.append(Trim(suffix, "chrome", self.name, "stray separator", "end"))
                stats.count("trimmed")
            if decision.label != BODY:
                block.set_label(decision.label, self.name, decision.reason)
                stats.count("metadata_candidates" if i in candidates else decision.label)
        if page.source is None and page.region is not None:
            self._credit_in_last_paragraph(doc, fixed, page.region[1], stats)
        for kind, index in (("title", page.title), ("date", page.date), ("source", page.source)):
            if index is not None and index not in fixed:
                doc.blocks[index].features["meta"] = kind
        if page.published and page.date is not None:
            doc.blocks[page.date].features["meta_value"] = page.published
        if page.source_name and page.source is not None:
            doc.blocks[page.source].features["meta_value"] = page.source_name
        return doc  # doc.language: the metadata step identifies it (page.language only picked a stoplist)

    def _credit_in_last_paragraph(self, doc: Document, fixed: set[int], end: int, stats: StepStats) -> None:
        """A credit line inside one of the article's last two paragraphs (a record's "...\nTheo VOV",
        then maybe a caption paragraph): cut it off as the source."""
        if doc.source:
            return
        for at in (end, end - 1):
            if at >= 0 and at not in fixed and doc.blocks[at].label == BODY:
                found = credit_in_block(doc.blocks[at].text)
                if found is not None:
                    break
        else:
            return
        block = doc.blocks[at]
        kept, tail, name = found
        block.text = kept
        block.trims.append(Trim(tail, "source", self.name, "credit line closing the last paragraph", "end"))
        doc.source = name
        stats.count("source_in_paragraph")
