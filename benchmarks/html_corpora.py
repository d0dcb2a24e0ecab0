"""Readers for the HTML development corpora of bench_html.py, each in the format its
authors published (nothing here is converted or stored in the repository).

``load_corpora(devdata)`` returns ``{corpus: Corpus}``; a corpus whose folder is absent
under ``devdata`` is left out. Each corpus gives pages (file name, raw bytes) and gold in
../shared/tools/score_gold.py's format (``title`` is None where the gold has no title,
``body`` the gold paragraphs). The folders are those of the mirror named in the README
(``j-szulc/html-cleaning-dataset-merged``: ``<set>/input/X.html`` + ``<set>/GoldStandard/X.txt``):

- ``cleaneval-dev``, ``cleaneval-final``: CleanEval (Baroni et al., LREC 2008); gold text
  with ``<p>``/``<h>``/``<l>`` paragraph marks and a ``URL:`` line.
- ``cleanportaleval``: CleanPortalEval (Endrédy & Novák 2013), CleanEval's format.
- ``dragnet``: Dragnet (Peters & Lecocq 2013); gold text, the main content ends at the
  ``!@#$%^&*()  COMMENTS`` line.
- ``l3s-gn1``: L3S-GN1 (Kohlschütter et al., WSDM 2010); gold is the page annotated with
  ``x-nc-sel*`` classes: 1 headline (the title), 2 full text and 3 supplemental (the body,
  as in Bevendorff et al. 2023).

And the folder ``fundus`` holds ``tests/resources/parser/test_data`` of ``flairNLP/fundus``
(MIT): real news pages of many countries and languages, ``<cc>/<Publisher>_<date>.html.gz``,
with the parser's output in ``<cc>/<Publisher>.json`` (one entry per parser version, in the
order of the pages' dates): the gold body is the summary, then each section's headline and
paragraphs; the gold title is ``title``. Its pages are split by publisher (``split_keys``), so
that a held-out page's site is never in the dev half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FOLDERS = {
    "cleaneval-dev": "cleaneval-dev",
    "cleaneval-final": "cleaneval-final",
    "cleanportaleval": "CleanPortalEval-master",
    "dragnet": "dragnet_data",
    "l3s-gn1": "page-signal-master",
    "fundus": "fundus",
}
_CLEANEVAL_MARK = re.compile(r"^\s*<(?:p|h|l)>", re.MULTILINE | re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_URL_LINE = re.compile(r"^\s*URL:[^\n]*\n", re.IGNORECASE)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
#: "!@#$%^&*()  COMMENTS" on its own line; some files have one space or lost the "!".
_DRAGNET_COMMENTS = re.compile(r"^[!@#$%^&*() ]{6,}COMMENTS\s*$", re.MULTILINE)
#: CleanEval wraps each crawled page in ``<text id=URL title=... encoding=...>`` ... ``</text>``.
_TEXT_WRAPPER = re.compile(rb"\A\s*<text [^>]*>|</text>\s*\Z")
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)


@dataclass
class Corpus:
    pages: list[tuple[str, bytes]] = field(default_factory=list)
    gold: dict[str, dict] = field(default_factory=dict)
    #: Whether the gold names the page's title (else titles are not scored).
    titles: bool = False
    language: str | None = None
    #: The key each page is split by (``split_of``), where not its file name.
    split_keys: dict[str, str] = field(default_factory=dict)


def page_language(data: bytes, default: str | None) -> str:
    """The page's declared ``<html lang>`` (primary subtag), else the corpus language."""
    m = _LANG.search(data[:20_000])
    return m.group(1).decode().lower() if m else (default or "?")


def _text(data: bytes) -> str:
    """Gold text files: UTF-16 or UTF-8 by their BOM, else UTF-8, else Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _unescape(text: str) -> str:
    import html

    return html.unescape(text) if _ENTITY.search(text) else text


def _paragraphs(chunks) -> list[str]:
    return [p for p in (_SPACE.sub(" ", _unescape(c)).strip() for c in chunks) if p]


def cleaneval_body(text: str) -> list[str]:
    """CleanEval gold: paragraphs start at ``<p>``, ``<h>`` or ``<l>``; the URL line is not text."""
    text = _COMMENT.sub("", _URL_LINE.sub("", text, count=1))  # "<!-- this page contains no article -->"
    return _paragraphs(_CLEANEVAL_MARK.split(text))


def dragnet_body(text: str) -> list[str]:
    """Dragnet gold: one paragraph per line, comments after the marker line left out."""
    return _paragraphs(_DRAGNET_COMMENTS.split(text, 1)[0].splitlines())


def l3s_gold(data: bytes) -> tuple[str | None, list[str]]:
    """L3S-GN1 gold: leaves of the annotated page; headline (sel1) = title, sel2/sel3 = body."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data)
    title, body = [], []
    for node in tree.css(".x-nc-sel1, .x-nc-sel2, .x-nc-sel3"):
        if len(node.css(".x-nc-sel1, .x-nc-sel2, .x-nc-sel3")) > 1:  # lexbor matches the node itself too
            continue  # not a leaf: its annotated children are read instead
        classes = (node.attributes.get("class") or "").split()
        (title if "x-nc-sel1" in classes else body).append(node.text(separator=" "))
    heading = " ".join(_paragraphs(title)) or None
    return heading, _paragraphs(body)


def fundus_gold(entry: dict) -> tuple[str | None, list[str]]:
    """One fundus parser version's output: (title, summary + section headlines and paragraphs)."""
    body = entry.get("body") or {}
    chunks = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        chunks += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    title = entry.get("title")
    return (_SPACE.sub(" ", title).strip() or None) if isinstance(title, str) else None, _paragraphs(chunks)


def _read_fundus(folder: Path) -> Corpus | None:
    import gzip
    import json

    if not folder.is_dir():
        return None
    corpus = Corpus(titles=True, language=None)
    for truth in sorted(folder.glob("*/*.json")):
        publisher = truth.stem
        dated = re.compile(re.escape(publisher) + r"_\d{4}_\d{2}_\d{2}\.html\.gz")
        pages = sorted(p for p in truth.parent.glob(f"{publisher}_*.html.gz") if dated.fullmatch(p.name))
        versions = list(json.loads(truth.read_text(encoding="utf-8")).values())
        if len(versions) != len(pages):
            continue  # which page a version belongs to is not known
        for page, entry in zip(pages, versions):
            title, body = fundus_gold(entry)
            if body:
                name = f"{truth.parent.name}-{page.name[:-3]}"
                corpus.pages.append((name, gzip.decompress(page.read_bytes())))
                corpus.gold[name] = {"title": title, "published": None, "body": body}
                corpus.split_keys[name] = f"{truth.parent.name}/{publisher}"
    return corpus


def _read(root: Path, name: str) -> Corpus | None:
    folder = root / FOLDERS[name]
    if name == "fundus":
        return _read_fundus(folder)
    if not (folder / "input").is_dir() or not (folder / "GoldStandard").is_dir():
        return None
    corpus = Corpus(titles=name == "l3s-gn1", language="en")
    for page in sorted((folder / "input").glob("*.htm*")):
        truth = folder / "GoldStandard" / (page.stem + ".txt")
        if not truth.exists():
            continue
        if name == "l3s-gn1":
            title, body = l3s_gold(truth.read_bytes())
        else:
            text = _text(truth.read_bytes())
            title, body = None, dragnet_body(text) if name == "dragnet" else cleaneval_body(text)
        if body:
            corpus.pages.append((page.name, _TEXT_WRAPPER.sub(b"", page.read_bytes())))
            corpus.gold[page.name] = {"title": title, "published": None, "body": body}
    return corpus


def load_corpora(devdata: Path | None, names=tuple(FOLDERS)) -> dict[str, Corpus]:
    """Every corpus of ``names`` present under ``devdata``, in that order."""
    if devdata is None:
        return {}
    corpora = {}
    for name in names:
        corpus = _read(Path(devdata), name)
        if corpus is not None and corpus.pages:
            corpora[name] = corpus
    return corpora
