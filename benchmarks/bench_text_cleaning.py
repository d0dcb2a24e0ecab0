"""Benchmark: cleaning plain-text page dumps (seeds, synthetic Vietnamese portal pages, WCXB text dumps).

Compares, in the same run, dxclean's ``chrome`` + ``templates`` + ``metadata``
steps with jusText (paragraph classification with context smoothing, Vietnamese /
English stoplist), trafilatura run on the dump as if it were a page (``<p>`` per
line) and the keep-everything baseline. Reports micro token F1, mean paragraph
P/R, titles and dates (seeds), and pages/s.

WCXB split (fixed, documented): text files sorted by name; even positions (0, 2,
...) are the *dev* half the cleaner was tuned on, odd positions the *held-out*
half only evaluated. ``vi-synthetic``: 300 portal-like pages assembled from
VietNews articles (tests/clean/synthetic_pages.py). ``--quick`` runs seeds + dev half of dxclean only.

Real-page sets (``--real DIR``, or $DXCLEAN_TEXT_DEVDATA; skipped when absent): every
``DIR/<set>/`` with ``in/*.txt``, ``gold.json`` and ``sites.json`` as built by
benchmarks/real_pages.py. For those and for WCXB (site = URL host) the table gives pooled
figures beside leave-one-site-out ones (benchmarks/loso.py); sites in ``HELD_OUT`` were
never looked at while writing rules and are reported on their own.

usage: python benchmarks/bench_text_cleaning.py [--quick] [--real DIR] [--out benchmarks/results/text_cleaning.json]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import time
from pathlib import Path

from dxclean.config import Config
from dxclean.model import Document
from dxclean.readers.load import split_lines
from dxclean.steps.base import StepStats
from dxclean.steps.chrome import LabelChrome
from dxclean.steps.metadata import ExtractMetadata
from dxclean.steps.templates import LabelTemplateLines
from dxclean.writers.records import document_record
from shared_data import SHARED, load_module, load_scorer  # benchmarks/ is the script's folder
import loso

#: Sites of the real-page sets kept out of rule writing (their pages were never inspected).
HELD_OUT = {"vi-real": {"vnexpress", "sotttt-list"}, "en-cpe": {"tv.msnbc.com_news"}}

SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
WCXB = SHARED / "data" / "wcxb-dev"


def load_synthetic():
    """Portal-like Vietnamese pages built from VietNews articles (tests/clean/synthetic_pages.py)."""
    return load_module("synthetic_pages", Path(__file__).resolve().parents[1] / "tests" / "clean" / "synthetic_pages.py")


def read_pages(folder: Path, names: list[str]) -> list[tuple[str, list[str]]]:
    return [(name, split_lines((folder / name).read_text(encoding="utf-8", errors="replace"))) for name in names]


def run_dxclean(pages: list[tuple[str, list[str]]], config: Config) -> list[dict]:
    # Pages of one data set share a folder ("site"): the templates step sees them all.
    docs = [Document.from_texts(name, f"pages/{name}", lines) for name, lines in pages]
    chrome, metadata, templates = LabelChrome(config), ExtractMetadata(config), LabelTemplateLines(config)
    stats = StepStats()
    docs = [chrome.process(d, stats) for d in docs]
    plan = templates.plan(list(enumerate(templates.observe(d, stats) for d in docs)), stats)
    docs = [templates.apply(d, templates.plan_for(plan, i), stats) for i, d in enumerate(docs)]
    docs = [metadata.process(d, stats) for d in docs]
    return [document_record(d) for d in docs]


def run_keep_all(pages):
    return [{"source_path": n, "title": None, "published": None, "text": "\n\n".join(lines)} for n, lines in pages]


def run_justext(pages, language: str):
    import justext

    stoplist = justext.get_stoplist(language)
    records = []
    for name, lines in pages:
        page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
        paragraphs = justext.justext(page, stoplist)
        text = "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
        records.append({"source_path": name, "title": None, "published": None, "text": text})
    return records


def run_trafilatura(pages):
    import trafilatura

    records = []
    for name, lines in pages:
        page = "<html><body><article>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</article></body></html>"
        text = trafilatura.extract(page, include_comments=False, favor_precision=False) or ""
        records.append({"source_path": name, "title": None, "published": None, "text": text.replace("\n", "\n\n")})
    return records


def evaluate(scorer, gold: dict, pages, systems: dict) -> dict:
    results = {}
    for system, run in systems.items():
        start = time.perf_counter()
        records = run(pages)
        seconds = time.perf_counter() - start
        rows, total = scorer.score({n: gold[n] for n, _ in pages}, records)
        by_name = {Path(r["source_path"]).name: r for r in records}
        # score_gold compares dates to the minute; WCXB gold has days only, so also by day.
        days = sum((gold[n].get("published") or "")[:10] == (by_name[n].get("published") or "")[:10] for n, _ in pages)
        results[system] = {
            "dates_by_day": days,
            "F1": total["F1"], "P": total["P"], "R": total["R"], "paraP": total["paraP"], "paraR": total["paraR"],
            "titles": total["title"], "dates": total["date"], "docs": len(pages),
            "pages_per_s": round(len(pages) / max(seconds, 1e-9), 1), "per_doc": rows,
        }
    return results


def markdown(results: dict) -> str:
    out = ["| set | system | F1 | P | R | para P | para R | titles | dates | dates (day) | pages/s |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for dataset, systems in results.items():
        for system, r in systems.items():
            out.append(
                f"| {dataset} | {system} | {r['F1']:.3f} | {r['P']:.3f} | {r['R']:.3f} | {r['paraP']:.3f} | "
                f"{r['paraR']:.3f} | {r['titles']}/{r['docs']} | {r['dates']}/{r['docs']} | {r['dates_by_day']}/{r['docs']} | {r['pages_per_s']} |"
            )
    return "\n".join(out)


def loso_tables(scorer, config: Config, real: str | None, wcxb_gold: dict, dev: list, held: list, quick: bool) -> dict:
    """Pooled vs leave-one-site-out figures of dxclean on WCXB and on the real-page sets."""
    sets = {"wcxb-dev": (wcxb_gold, dev, WCXB / "text", None, set())}
    if not quick:
        sets["wcxb-heldout"] = (wcxb_gold, held, WCXB / "text", None, set())
    root = Path(real) if real else None
    for folder in sorted(root.iterdir()) if root is not None and root.is_dir() else []:
        if (folder / "gold.json").exists() and (folder / "sites.json").exists():
            gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
            sites = json.loads((folder / "sites.json").read_text(encoding="utf-8"))
            sets[folder.name] = (gold, sorted(gold), folder / "in", sites, HELD_OUT.get(folder.name, set()))
    out, lines = {}, [loso.HEADER]
    for name, (gold, names, folder, sites, held_out) in sets.items():
        parts = {"": [n for n in names if loso.site_of(n, gold[n], sites) not in held_out]}
        if held_out:
            parts[" held-out"] = [n for n in names if loso.site_of(n, gold[n], sites) in held_out]
        for suffix, part in ((s, p) for s, p in parts.items() if p):
            pages = read_pages(folder, part)
            found = loso.report(scorer, {n: gold[n] for n in part}, run_dxclean(pages, config), sites)
            out[name + suffix] = found
            lines.append(loso.markdown_row(f"{name}{suffix} pooled", found["pooled"]))
            lines.append(loso.markdown_row(f"{name}{suffix} LOSO (mean of sites)", found["loso"]))
    return {"markdown": "\n".join(lines), **{k: {"pooled": v["pooled"], "loso": v["loso"],
            "by_site": v["by_site"] if not k.startswith("wcxb") else {}} for k, v in out.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="seeds + WCXB dev half, dxclean only")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "text_cleaning.json"))
    parser.add_argument("--per-doc", action="store_true", help="print per-document rows for dxclean")
    parser.add_argument("--real", default=os.environ.get("DXCLEAN_TEXT_DEVDATA"), help="folder of real-page sets")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    config = Config()
    seed_gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    wcxb_gold = json.loads((WCXB / "gold-text.json").read_text(encoding="utf-8"))
    names = sorted(wcxb_gold)
    dev, held = names[0::2], names[1::2]

    def systems(language: str) -> dict:
        found = {"dxclean": lambda pages: run_dxclean(pages, config)}
        if not args.quick:
            found["jusText"] = lambda pages: run_justext(pages, language)
            found["trafilatura"] = run_trafilatura
            found["keep-all"] = run_keep_all
        return found

    results = {"seeds": evaluate(scorer, seed_gold, read_pages(SEEDS, sorted(seed_gold)), systems("Vietnamese"))}
    synthetic = load_synthetic().build_pages(300, seed=7)
    results["vi-synthetic"] = evaluate(
        scorer, {n: g for n, _, g in synthetic}, [(n, lines) for n, lines, _ in synthetic], systems("Vietnamese")
    )
    results["wcxb-dev"] = evaluate(scorer, wcxb_gold, read_pages(WCXB / "text", dev), systems("English"))
    if not args.quick:
        results["wcxb-heldout"] = evaluate(scorer, wcxb_gold, read_pages(WCXB / "text", held), systems("English"))
    site_tables = loso_tables(scorer, config, args.real, wcxb_gold, dev, held, quick=args.quick)
    if args.per_doc:
        for dataset, found in results.items():
            for row in found["dxclean"]["per_doc"]:
                print(dataset, "\t".join(str(v) for v in row.values()))
    print(markdown(results))
    print()
    print(site_tables["markdown"])
    if not args.quick:
        # Per-document rows only for the seeds: the other sets would make a huge file.
        saved = {
            dataset: {system: {k: v for k, v in r.items() if k != "per_doc" or dataset == "seeds"} for system, r in found.items()}
            for dataset, found in results.items()
        }
        saved["markdown"] = markdown(results)
        saved["sites"] = site_tables
        Path(args.out).write_text(json.dumps(saved, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
