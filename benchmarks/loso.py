"""Pooled, per-site and leave-one-site-out figures for the text-dump benchmarks.

The cleaner's rules are fixed (nothing is fitted per site), so a site's own score is
already a score on a site nothing was fitted on; the leave-one-site-out (LOSO) figure
is the mean over sites of those scores (each site weighs the same, however many pages
it has), beside the pooled micro figure over all pages. A learned model (see
``block_model.py``) is trained on all sites but one and scored on the one left out.

Titles and dates count only pages whose truth has one; source precision is the share
of emitted sources equal to the truth (null is never wrong), on sets whose truth
records sources at all.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import PurePosixPath
from statistics import mean
from urllib.parse import urlsplit


def site_of(name: str, gold: dict, sites: dict | None = None) -> str:
    if sites and name in sites:
        return sites[name]
    url = gold.get("url")
    if url:
        host = urlsplit(url).hostname or ""
        return host[4:] if host.startswith("www.") else host
    return name.split("_", 1)[0]


def _norm(value) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split()).casefold()


def metadata_counts(gold: dict, records: list[dict]) -> dict:
    by_name = {PurePosixPath(r.get("source_path", "")).name: r for r in records}
    titles = dates = want_titles = want_dates = sources = right_sources = 0
    for name, g in gold.items():
        r = by_name.get(name, {})
        if g.get("title"):
            want_titles += 1
            titles += _norm(r.get("title")) == _norm(g["title"])
        if g.get("published"):
            want_dates += 1
            dates += (r.get("published") or "")[:16].replace("T", " ") == g["published"][:16].replace("T", " ")
        if r.get("source") and "source" in g:  # sets without source truth say nothing about it
            sources += 1
            right_sources += _norm(r.get("source")) == _norm(g.get("source"))
    return {"titles": titles, "want_titles": want_titles, "dates": dates, "want_dates": want_dates,
            "sources": sources, "right_sources": right_sources}


def _figures(scorer, gold: dict, records: list[dict]) -> dict:
    _, total = scorer.score(gold, records)
    counts = metadata_counts(gold, records)
    return {
        "pages": len(gold), "F1": total["F1"], "P": total["P"], "R": total["R"],
        "title_pct": _pct(counts["titles"], counts["want_titles"]),
        "date_pct": _pct(counts["dates"], counts["want_dates"]),
        "source_precision": _pct(counts["right_sources"], counts["sources"]),
        **counts,
    }


def _pct(a: int, b: int) -> float | None:
    return round(100.0 * a / b, 1) if b else None


def report(scorer, gold: dict, records: list[dict], sites: dict | None = None) -> dict:
    """{"pooled": figures, "loso": mean of per-site figures, "by_site": {site: figures}}."""
    groups: dict[str, dict] = defaultdict(dict)
    for name, g in gold.items():
        groups[site_of(name, g, sites)][name] = g
    by_site = {site: _figures(scorer, sub, records) for site, sub in sorted(groups.items())}
    loso = {"sites": len(by_site)}
    for key in ("F1", "P", "R", "title_pct", "date_pct", "source_precision"):
        values = [f[key] for f in by_site.values() if f[key] is not None]
        loso[key] = round(mean(values), 4 if key in ("F1", "P", "R") else 1) if values else None
    return {"pooled": _figures(scorer, gold, records), "loso": loso, "by_site": by_site}


def markdown_row(name: str, figures: dict) -> str:
    def cell(v, fmt):
        return "–" if v is None else format(v, fmt)

    return (f"| {name} | {figures.get('pages', figures.get('sites', ''))} | {cell(figures['F1'], '.3f')} | "
            f"{cell(figures['P'], '.3f')} | {cell(figures['R'], '.3f')} | {cell(figures['title_pct'], '.1f')} | "
            f"{cell(figures['date_pct'], '.1f')} | {cell(figures['source_precision'], '.1f')} |")


HEADER = ("| set / measure | pages (sites) | F1 | P | R | title % | date % | source precision % |\n"
          "|---|---|---|---|---|---|---|---|")
