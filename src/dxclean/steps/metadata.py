"""The ``metadata`` step: title, publication date, source and language of a document.

Uses the candidates the ``chrome`` step noted in ``block.features["meta"]``; when
``chrome`` did not run, it analyses the page itself. A title or date the document
already has (a JSONL field) is kept, and the matching block is still labelled.
Language: :class:`dxclean.language.LanguageIdentifier` on the title and body (ISO 639-1,
None only when the text has no letters), unless the input declared it.
"""

from __future__ import annotations

from ..clean import lexicon
from ..clean.classify import analyse
from ..clean.dates import date_line, parse_date
from ..clean.metadata import source_value
from ..language import LanguageIdentifier
from ..model import CLEANED_INPUT, BODY, CHROME, DATE, SOURCE, TEASER, TITLE, Document
from .base import DocumentStep, StepStats

#: Labels the metadata step may turn into title/date/source (chrome's guesses).
_RELABEL = (BODY, CHROME, TEASER)


class ExtractMetadata(DocumentStep):
    name = "metadata"
    description = "Pick title, publication date (ISO 8601), source and language; label their blocks"
    requires = (("py3langid", "py3langid>=0.4,<0.5"),)

    def __init__(self, config) -> None:
        super().__init__(config)
        self.identifier = LanguageIdentifier()

    def process(self, doc: Document, stats: StepStats) -> Document:
        if doc.metadata.get(CLEANED_INPUT):
            # dxclean's own output: title, date and source came with the record, and
            # every block is body already (see the chrome step).
            stats.count("skipped_cleaned_input")
            return doc
        try:
            self._process(doc, stats)
        except Exception as exc:  # never let bad input escape a step
            stats.count("errors")
            doc.metadata.setdefault("step_errors", []).append({"step": self.name, "error": repr(exc)})
        return doc

    def _process(self, doc: Document, stats: StepStats) -> None:
        if doc.language is None:
            doc.language = self.identifier.identify([b.text for b in doc.blocks if b.label in (TITLE, BODY)][:200])
        picks = {b.features.get("meta"): b for b in doc.blocks if b.features.get("meta")}
        if not picks and doc.blocks:
            picks = self._analyse(doc)
        title_block = picks.get("title")
        if doc.title:
            want = lexicon.normalise(doc.title)
            title_block = next(
                (b for b in doc.blocks if b.label in _RELABEL and lexicon.normalise(b.text) == want), None
            )
        elif title_block is not None:
            doc.title = title_block.text.strip()
        if title_block is not None and title_block.label in _RELABEL:
            title_block.set_label(TITLE, self.name, "article title")
            stats.count("title")

        date_block = picks.get("date")
        if doc.published:
            doc.published = parse_date(doc.published) or doc.published
        elif date_block is not None:
            doc.published = date_block.features.get("meta_value") or date_line(date_block.text)
        if date_block is not None and date_block.label in _RELABEL and (
            doc.published is None or (date_line(date_block.text) or "")[:10] == doc.published[:10]
        ):
            date_block.set_label(DATE, self.name, "publication date")
            stats.count("date")

        source_block = picks.get("source")
        if source_block is not None and source_block.label in _RELABEL:
            if not doc.source:
                doc.source = source_block.features.get("meta_value") or source_value(source_block.text)
            source_block.set_label(SOURCE, self.name, "source line")
            stats.count("source")

    def _analyse(self, doc: Document) -> dict:
        blocks = doc.blocks
        if "html" in doc.metadata:
            # The HTML reader already labelled everything outside the main content:
            # only the main content and the title can hold the candidates.
            blocks = [b for b in blocks if b.features.get("main") or b.label == TITLE]
        fixed = {i for i, b in enumerate(blocks) if b.label != BODY}
        page = analyse([b.text for b in blocks], language=doc.language, fixed=fixed, known_title=doc.title)
        picks = {}
        for kind, index in (("title", page.title), ("date", page.date), ("source", page.source)):
            if index is not None:
                picks[kind] = blocks[index]
        if page.date is not None and page.published:
            blocks[page.date].features.setdefault("meta_value", page.published)
        if page.source is not None and page.source_name:
            blocks[page.source].features.setdefault("meta_value", page.source_name)
        return picks
