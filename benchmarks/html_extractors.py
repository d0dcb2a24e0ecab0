"""The HTML extractors the benchmarks compare, behind one signature.

``make(name, language)`` returns ``run(page_name, data: bytes) -> (text, title,
published, source)``; ``text`` has paragraphs separated by blank lines, as
../shared/tools/score_gold.py reads them. ``language`` picks jusText's stoplist.

- ``dxclean``: :func:`dxclean.html.parse_html` alone, the HTML extractor;
- ``dxclean+steps``: the extractor, then the per-document steps of ``dxclean run``
  (encoding, chrome, metadata), i.e. what a run does to each page before dedup;
- ``trafilatura`` (``bare_extraction`` with metadata), ``trafilatura-recall`` (the same with
  ``favor_recall=True``), ``justext``, ``resiliparse``
  (main-content mode): benchmark-only baselines, ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import time

NAMES = ("dxclean", "dxclean+steps", "trafilatura", "trafilatura-recall", "justext", "resiliparse")


def run_interleaved(names: list[str], pages: list[tuple[str, bytes]], language: str = "English"):
    """Run every extractor on every page, taking turns page by page so that other load on
    the machine slows all of them alike and the speed ratios stay fair. Returns
    ``records[name]`` (score_gold records plus ``source``) and ``seconds[name]``."""
    runners = {name: make(name, language) for name in names}
    records: dict[str, list[dict]] = {name: [] for name in names}
    seconds = dict.fromkeys(names, 0.0)
    for page, data in pages:
        for name, run in runners.items():
            start = time.perf_counter()
            text, title, published, source = run(page, data)
            seconds[name] += time.perf_counter() - start
            records[name].append({"source_path": page, "text": text, "title": title, "published": published,
                                  "source": source})
    return records, seconds


def make(name: str, language: str = "English"):
    return {"dxclean": _dxclean, "dxclean+steps": _dxclean_steps, "trafilatura": _trafilatura,
            "trafilatura-recall": _trafilatura_recall, "justext": _justext, "resiliparse": _resiliparse}[name](language)


def _dxclean(language: str, step_names: tuple[str, ...] = ()):
    from dxclean.config import Config
    from dxclean.html import HtmlError, parse_html
    from dxclean.pipeline import Pipeline
    from dxclean.steps.base import StepStats

    config = Config().with_overrides({"steps": list(step_names)}) if step_names else Config()
    steps = Pipeline.from_config(config).steps if step_names else []

    def run(name: str, data: bytes):
        try:
            doc = parse_html(data, source_path=name, doc_id=name, config=config)
        except HtmlError:
            return "", None, None, None
        for step in steps:
            doc = step.process(doc, StepStats())
        return doc.body_text, doc.title, doc.published, doc.source

    return run


def _dxclean_steps(language: str):
    return _dxclean(language, ("encoding", "chrome", "metadata"))


def _trafilatura(language: str, favor_recall: bool = False):
    import trafilatura

    def run(name: str, data: bytes):
        doc = trafilatura.bare_extraction(data, with_metadata=True, favor_recall=favor_recall)
        if doc is None:
            return "", None, None, None
        return (doc.text or "").replace("\n", "\n\n"), doc.title, doc.date, doc.sitename

    return run


def _trafilatura_recall(language: str):
    return _trafilatura(language, favor_recall=True)


def _justext(language: str):
    import justext

    stoplist = justext.get_stoplist(language)

    def run(name: str, data: bytes):
        paragraphs = justext.justext(data, stoplist)
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate), None, None, None

    return run


def _resiliparse(language: str):
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    def run(name: str, data: bytes):
        tree = HTMLTree.parse(bytes_to_str(data, detect_encoding(data)))
        text = extract_plain_text(tree, main_content=True)
        return text.replace("\n", "\n\n"), tree.title or None, None, None

    return run
