"""HTML main-content extraction: dxclean vs trafilatura vs jusText vs resiliparse.

The extractors are in benchmarks/html_extractors.py (``dxclean``: the HTML extractor;
``dxclean+steps``: with the per-document steps of ``dxclean run``).

    python benchmarks/bench_html.py [--limit N] [--only dxclean,trafilatura] [--split dev|held-out|all]

Runs every extractor on the WCXB dev pages (../shared/data/wcxb-dev/html, gold.json)
in one process, one worker, on the same decompressed bytes (interleaved page by page), and scores them with
../shared/tools/score_gold.py: micro token F1, title and date accuracy, pages/s and
MB/s (extraction time only; reading and gunzipping the files is done beforehand).

The pages are split by a stable hash of the file name into a *dev* half (tuned on)
and a *held-out* half (only evaluated); results are reported for both and for all.
Writes benchmarks/results/html.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import html_extractors  # benchmarks/ is the script's folder
from shared_data import SHARED, load_scorer

HERE = Path(__file__).resolve().parent
DATA = SHARED / "data" / "wcxb-dev"


def split_of(name: str) -> str:
    """Stable dev / held-out assignment (sha1 of the file name, not Python's hash)."""
    return "dev" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "held-out"


def load_pages(limit: int | None, split: str) -> list[tuple[str, bytes]]:
    gold = json.load((DATA / "gold.json").open(encoding="utf-8"))
    names = sorted(p.name for p in (DATA / "html").glob("*.html.gz") if p.name in gold)
    if split != "all":
        names = [n for n in names if split_of(n) == split]
    if limit:
        names = names[:limit]
    return [(n, gzip.decompress((DATA / "html" / n).read_bytes())) for n in names]


def per_page(scorer, gold: dict, records: list[dict], rows: list[dict]) -> dict:
    """score_gold's F1 pools the words of all pages before comparing them, so words missing
    on one page are made up by surplus words on another. Also report the F1 of token errors
    summed page by page, the mean F1 of the pages, and how many pages lost most of their
    text (recall under 0.2)."""
    tp = fp = fn = 0
    by_name = {r["source_path"]: r for r in records}
    for name, truth in gold.items():
        want = scorer.tokens("\n".join(scorer.norm(p) for p in truth["body"]))
        got = scorer.tokens("\n".join(scorer.paragraphs(by_name[name]["text"])))
        overlap = sum((want & got).values())
        tp, fp, fn = tp + overlap, fp + sum(got.values()) - overlap, fn + sum(want.values()) - overlap
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"F1_per_page": round(2 * p * r / max(1e-9, p + r), 4),
            "F1_macro": round(sum(row["F1"] for row in rows) / max(1, len(rows)), 4),
            "pages_recall_under_0.2": sum(1 for row in rows if row["R"] < 0.2)}


def measure(names: list[str], pages, gold, scorer) -> dict:
    """Run every extractor on every page (interleaved, see html_extractors.run_interleaved)
    and score each on the dev, held-out and whole sets."""
    records, seconds = html_extractors.run_interleaved(names, pages)
    mb = sum(len(d) for _, d in pages) / 1e6
    results = {}
    for name in names:
        result = {"pages_per_s": round(len(pages) / seconds[name], 1), "mb_per_s": round(mb / seconds[name], 2),
                  "splits": {}}
        for split in ("dev", "held-out", "all"):
            wanted = {p for p, _ in pages if split == "all" or split_of(p) == split}
            if not wanted:
                continue
            sub_gold = {k: v for k, v in gold.items() if k in wanted}
            chosen = [r for r in records[name] if r["source_path"] in wanted]
            rows, total = scorer.score(sub_gold, chosen)
            result["splits"][split] = {
                "pages": len(wanted), "P": total["P"], "R": total["R"], "F1": total["F1"],
                "title": round(total["title"] / len(wanted), 3), "date": round(total["date"] / len(wanted), 3),
                **per_page(scorer, sub_gold, chosen, rows),
            }
        results[name] = result
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--only", default=",".join(html_extractors.NAMES))
    parser.add_argument("--split", default="all", choices=("dev", "held-out", "all"))
    parser.add_argument("--out", default=str(HERE / "results" / "html.json"))
    args = parser.parse_args()
    scorer = load_scorer()
    pages = load_pages(args.limit, args.split)
    gold = {k: v for k, v in json.load((DATA / "gold.json").open(encoding="utf-8")).items()
            if k in {p for p, _ in pages}}
    results = measure(args.only.split(","), pages, gold, scorer)
    base = results.get("trafilatura")
    lines = ["| extractor | split | pages | P | R | F1 | F1 per page | macro F1 | pages R<0.2 | title | date | pages/s "
             "| MB/s | speed vs trafilatura |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, res in results.items():
        ratio = f"{res['pages_per_s'] / base['pages_per_s']:.1f}x" if base else "-"
        for split, s in res["splits"].items():
            lines.append(f"| {name} | {split} | {s['pages']} | {s['P']} | {s['R']} | {s['F1']} | {s['F1_per_page']} | "
                         f"{s['F1_macro']} | {s['pages_recall_under_0.2']} | {s['title']} | "
                         f"{s['date']} | {res['pages_per_s']} | {res['mb_per_s']} | {ratio} |")
    print("\n".join(lines))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"pages": len(pages), "python": sys.version.split()[0],
                                          "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
