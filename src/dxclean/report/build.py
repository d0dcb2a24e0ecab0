"""Build OUT/report/: a static site that works from a file:// URL, offline.

Layout (all paths relative to OUT/report/)::

    index.html                 totals, charts, first page of the ranking, step stats
    ranking/<filter>-<n>.html  documents ranked by removal, per label filter, paginated
    docs/<hh>/<slug>.html      one page per document (sharded by the slug's last 2 hex digits)
    errors/errors-<n>.html     errors.jsonl, paginated
    assets/report.css          the only stylesheet; no scripts, fonts or images

Pages are written while documents stream past, so memory holds one document's
blocks plus one small row per document. The site is written to OUT/report.tmp
and swapped in at the end, so a report is either the old one or the new one.
"""

from __future__ import annotations

import math
import os
import shutil
from collections import Counter
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..writers.guard import OutputNotWritten
from ..writers.lock import OUT_LOCK, FolderLock
from ..writers.output import WRITE_ERRNOS
from .docpage import render_document_page
from .duplicates import cluster_page, clusters_page
from .indexpages import error_page, errors_file, index_page, ranking_file, ranking_page, ranking_section
from .load import LoadProblems, doc_page, iter_documents, iter_jsonl, read_json
from .tally import CorpusTally, ranked

REPORT = "report"
RAW_FILES = ("documents.jsonl", "removed.jsonl", "errors.jsonl", "duplicates.jsonl", "stats.json")


def build_report(out_dir: Path, *, page_size: int = 500) -> Path:
    """Write ``out_dir/report/`` from the contract files of ``out_dir``; return index.html's path."""
    out_dir = Path(out_dir)
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    final = out_dir / REPORT
    staging = out_dir / f"{REPORT}.tmp"
    with FolderLock(out_dir, OUT_LOCK, what="OUT"):  # not while a run (or another report) writes OUT
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        try:
            _write_site(out_dir, staging, page_size)
            _swap(staging, final)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError) and exc.errno in WRITE_ERRNOS:  # a full disk: one line, exit 4
                raise OutputNotWritten.of(exc, staging) from exc
            raise
    return final / "index.html"


def _write_site(out_dir: Path, site: Path, page_size: int) -> None:
    problems = LoadProblems()
    for name in ("documents.jsonl", "removed.jsonl", "errors.jsonl", "stats.json"):
        if not (out_dir / name).exists():
            problems.missing_files.append(name)
    _copy_assets(site / "assets")

    # Pass 1 (ids only): every page name is known before any page is written, so
    # duplicate links to later documents and "next document" links work.
    id_index: dict[str, int] = {}
    pages: list[str] = []
    seen: Counter[str] = Counter()
    for number, record in enumerate(iter_jsonl(out_dir / "documents.jsonl", LoadProblems())):
        doc_id = str(record.get("id", ""))
        id_index.setdefault(doc_id, number)
        pages.append(doc_page(doc_id, seen[doc_id]))
        seen[doc_id] += 1

    def resolve(doc_id: str) -> str | None:
        number = id_index.get(doc_id)
        return pages[number] if number is not None else None

    # Pass 2: one page per document, and a small row for the index.
    tally = CorpusTally()
    made_dirs: set[Path] = set()
    for doc in iter_documents(out_dir, problems, id_index):
        if doc.index >= len(pages):  # documents.jsonl grew between the passes
            break
        target = site / pages[doc.index]
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        html = render_document_page(
            doc, resolve=resolve,
            prev_page=pages[doc.index - 1] if doc.index > 0 else None,
            next_page=pages[doc.index + 1] if doc.index + 1 < len(pages) else None,
            mirror=_mirror(out_dir, doc.record.get("source_path"), doc.record.get("id")),
        )
        _write(target, html)
        tally.add(doc, pages[doc.index])

    ranking_html = _write_rankings(site, tally, page_size)
    errors = _write_errors(out_dir, site, page_size, problems)
    clusters = _write_clusters(out_dir, site, page_size, problems, resolve)
    stats = read_json(out_dir / "stats.json", problems)
    raw_files = [name for name in RAW_FILES if (out_dir / name).is_file()]
    _write(site / "index.html", index_page(tally, ranking=ranking_html, errors=errors, clusters=clusters, stats=stats,
                                           problems=problems.messages(), raw_files=raw_files))


def _write_rankings(site: Path, tally: CorpusTally, page_size: int) -> str:
    """Write every ranking page; return the first page of "all documents" for the index."""
    doc_counts: Counter[str] = Counter()
    for row in tally.rows:
        doc_counts.update(label for label, n in row.labels.items() if n > 0)
    (site / "ranking").mkdir(exist_ok=True)
    first_page = ""
    for label in [None, *sorted(k for k in doc_counts if k != "body")]:
        rows = ranked(tally.rows, label)
        pages = max(1, math.ceil(len(rows) / page_size))
        for number in range(1, pages + 1):
            common = dict(label=label, number=number, pages=pages, page_size=page_size, doc_counts=doc_counts, total=tally.documents)
            _write(site / ranking_page(label, number), ranking_file(ranking_section(rows, root="../", **common), label=label, number=number))
            if label is None and number == 1:
                first_page = ranking_section(rows, root="", **common)
    return first_page


def _write_errors(out_dir: Path, site: Path, page_size: int, problems: LoadProblems) -> int:
    return _write_pages(out_dir / "errors.jsonl", site, "errors", page_size, problems,
                        page_path=error_page, render=errors_file)


def _write_clusters(out_dir: Path, site: Path, page_size: int, problems: LoadProblems, resolve) -> int | None:
    """duplicates.jsonl as paginated pages; None when the run wrote no such file (no dedup)."""
    path = out_dir / "duplicates.jsonl"
    if not path.exists():
        return None
    return _write_pages(path, site, "duplicates", page_size, problems, page_path=cluster_page,
                        render=lambda chunk, **page: clusters_page(chunk, resolve=resolve, **page))


def _write_pages(path: Path, site: Path, folder: str, page_size: int, problems: LoadProblems, *, page_path, render) -> int:
    """One JSONL file as pages of ``page_size`` lines (at least one page); returns the line count."""
    total = sum(1 for _ in iter_jsonl(path, LoadProblems()))
    pages = max(1, math.ceil(total / page_size))
    (site / folder).mkdir(exist_ok=True)
    chunk: list[dict] = []
    number = 1
    for line in iter_jsonl(path, problems):
        chunk.append(line)
        if len(chunk) == page_size:
            _write(site / page_path(number), render(chunk, number=number, pages=pages, total=total, first=(number - 1) * page_size))
            chunk, number = [], number + 1
    if chunk or number == 1:
        _write(site / page_path(number), render(chunk, number=number, pages=pages, total=total, first=(number - 1) * page_size))
    return total


def _mirror(out_dir: Path, source_path: object, doc_id: object) -> str | None:
    """Link (relative to the report root) to the document's text mirror, if the run wrote one."""
    if not isinstance(source_path, str) or not source_path or not isinstance(doc_id, str):
        return None
    from ..writers.output import find_mirror

    relative = find_mirror(out_dir, source_path, doc_id)
    # An href, so each path segment percent-encoded: "news.jsonl#3.txt" would be a fragment.
    return f"../text/{quote(relative, safe='/')}" if relative is not None else None


def _copy_assets(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for item in resources.files("dxclean.report").joinpath("assets").iterdir():
        if item.is_file() and item.name.endswith(".css"):
            (target / item.name).write_bytes(item.read_bytes())


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with renames only (the old report stays until the swap)."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    if old.exists():
        shutil.rmtree(old)
