"""Held-out Vietnamese portal HTML: dxclean vs trafilatura vs jusText vs resiliparse.

    python benchmarks/bench_html_vn.py [--count 150] [--only dxclean,trafilatura] [--dump DIR]

Builds ~150 pages with benchmarks/portal_html.py (real VietNews articles 2000-2999 in
newspaper, government-portal and provincial-page markup, none taken from the cleaner's
tests), runs every extractor in one process on the same bytes, interleaved page by page
so that machine load slows all alike, and scores with ../shared/tools/score_gold.py:
micro token P/R/F1, exact paragraph P/R, titles, dates (score_gold: same minute; and same
day), source (exact, after whitespace normalisation), pages/s and speed vs trafilatura,
overall and per template. jusText uses its Vietnamese stoplist. ``dxclean`` is
``parse_html`` alone (as in bench_html.py); ``dxclean+steps`` adds the per-document steps
of ``dxclean run`` (encoding, chrome, metadata), which fill dates and titles. ``--dump DIR`` writes
the pages and gold for inspection. Writes benchmarks/results/html_vn.json and prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import html_extractors  # noqa: E402
from portal_html import TEMPLATES, make_pages  # noqa: E402
from shared_data import SHARED, load_scorer  # noqa: E402

def _norm(text) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def summarise(scorer, gold: dict, recs: list[dict]) -> dict:
    rows, total = scorer.score(gold, recs)
    by_name = {r["source_path"]: r for r in recs}
    day = sum((g.get("published") or "")[:10] == (by_name[n].get("published") or "")[:10] for n, g in gold.items())
    source = sum(_norm(g.get("source")) == _norm(by_name[n].get("source")) for n, g in gold.items())
    n = len(gold)
    return {"pages": n, "P": total["P"], "R": total["R"], "F1": total["F1"], "paraP": total["paraP"],
            "paraR": total["paraR"], "title": round(total["title"] / n, 3), "date": round(total["date"] / n, 3),
            "date_day": round(day / n, 3), "source": round(source / n, 3),
            "worst": sorted((r["F1"], r["doc"]) for r in rows)[:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=150)
    parser.add_argument("--only", default=",".join(html_extractors.NAMES))
    parser.add_argument("--dump", help="write pages and gold.json to this folder")
    parser.add_argument("--out", default=str(HERE / "results" / "html_vn.json"))
    args = parser.parse_args()
    with (SHARED / "data" / "vietnews-val-3000.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle][2000:]
    pages = make_pages(records, count=args.count)
    gold = {name: g for name, _, _, g in pages}
    if args.dump:
        out = Path(args.dump)
        out.mkdir(parents=True, exist_ok=True)
        for name, _, html, _ in pages:
            (out / name).write_text(html, encoding="utf-8")
        (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    scorer = load_scorer()
    names = args.only.split(",")
    recs, seconds = html_extractors.run_interleaved(
        names, [(page, html.encode("utf-8")) for page, _, html, _ in pages], "Vietnamese")
    results = {}
    for name in names:
        splits = {"all": summarise(scorer, gold, recs[name])}
        for template in TEMPLATES:
            sub = {p: g for p, t, _, g in pages if t == template}
            splits[template] = summarise(scorer, sub, [r for r in recs[name] if r["source_path"] in sub])
        results[name] = {"pages_per_s": round(len(pages) / seconds[name], 1), "splits": splits}
    base = results.get("trafilatura")
    lines = ["| extractor | pages | F1 | P | R | para P | para R | title | date (min) | date (day) | source "
             "| pages/s | speed vs trafilatura |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, res in results.items():
        s = res["splits"]["all"]
        ratio = f"{res['pages_per_s'] / base['pages_per_s']:.1f}x" if base else "-"
        lines.append(f"| {name} | {s['pages']} | {s['F1']:.3f} | {s['P']:.3f} | {s['R']:.3f} | {s['paraP']:.3f} | "
                     f"{s['paraR']:.3f} | {s['title']} | {s['date']} | {s['date_day']} | {s['source']} | "
                     f"{res['pages_per_s']} | {ratio} |")
    lines += ["", "| extractor | " + " | ".join(f"{t} F1 / paraR / title / date(day) / source" for t in TEMPLATES) + " |",
              "|---|" + "---|" * len(TEMPLATES)]
    for name, res in results.items():
        cells = [f"{s['F1']:.3f} / {s['paraR']:.2f} / {s['title']} / {s['date_day']} / {s['source']}"
                 for t, s in res["splits"].items() if t != "all"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    print("\n".join(lines))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"pages": len(pages), "python": sys.version.split()[0], "results": results},
                                         indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
