"""Held-out check: dxclean on synthetic Vietnamese portal dumps it was not tuned on.

    python benchmarks/bench_portals.py [--count 150]

Builds pages with benchmarks/portal_pages.py from VietNews articles 2000-2999 (the
cleaner's own test pages use other articles), runs the default pipeline, and
scores with ../shared/tools/score_gold.py against keep-everything and jusText.
Writes benchmarks/results/portals.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from portal_pages import make_pages  # noqa: E402
from shared_data import SHARED, load_scorer  # noqa: E402
import loso  # noqa: E402

import dxclean  # noqa: E402


def justext_records(pages):
    import justext

    stoplist = justext.get_stoplist("Vietnamese")
    records = []
    for name, lines, _ in pages:
        html = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
        paragraphs = justext.justext(html.encode("utf-8"), stoplist)
        records.append({"source_path": name, "title": None, "published": None,
                        "text": "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)})
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=150)
    parser.add_argument("--steps", help="steps to run (default pipeline otherwise)")
    args = parser.parse_args()
    records = [json.loads(l) for l in (SHARED / "data" / "vietnews-val-3000.jsonl").open(encoding="utf-8")][2000:]
    pages = make_pages(records, count=args.count)
    gold = {name: g for name, _, g in pages}
    scorer = load_scorer()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for name, lines, _ in pages:
            (src / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.perf_counter()
        config = dxclean.Config(workers=1)
        if args.steps is not None:
            config = config.with_overrides({"steps": args.steps})
        dxclean.run(src, Path(tmp) / "out", config)
        seconds = time.perf_counter() - start
        docs = [json.loads(l) for l in (Path(tmp) / "out" / "documents.jsonl").open(encoding="utf-8")]
    systems = {"dxclean": docs,
               "keep everything": [{"source_path": n, "title": None, "published": None, "text": "\n\n".join(l)} for n, l, _ in pages]}
    try:
        systems["jusText"] = justext_records(pages)
    except ImportError:
        pass
    for system, recs in systems.items():
        rows, total = scorer.score(gold, recs)
        by_style = {}
        for style in ("news_site", "sharepoint_portal", "bare_page"):
            sub = {k: v for k, v in gold.items() if style in k}
            by_style[style] = scorer.score(sub, recs)[1]["F1"]
        results[system] = {"F1": total["F1"], "P": total["P"], "R": total["R"], "paraP": total["paraP"], "paraR": total["paraR"],
                           "titles": total["title"], "dates": total["date"], "by_style_F1": by_style}
    results["dxclean"]["pages_per_second_1_worker"] = round(len(pages) / seconds, 1)
    # Leave-one-site-out: the three page styles are the "sites" (see benchmarks/loso.py).
    styles = {name: next(s for s in ("news_site", "sharepoint_portal", "bare_page") if s in name) for name in gold}
    sites = loso.report(scorer, gold, docs, styles)
    out = {"pages": len(pages), "results": results, "loso": {"pooled": sites["pooled"], "loso": sites["loso"]}}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "portals.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"| system | F1 | P | R | para P | para R | titles /{len(pages)} | dates /{len(pages)} |")
    print("|---|---|---|---|---|---|---|---|")
    for system, r in results.items():
        print(f"| {system} | {r['F1']:.3f} | {r['P']:.3f} | {r['R']:.3f} | {r['paraP']:.3f} | {r['paraR']:.3f} | {r['titles']} | {r['dates']} |")
    print()
    print(loso.HEADER)
    print(loso.markdown_row("dxclean pooled", sites["pooled"]))
    print(loso.markdown_row("dxclean LOSO (mean of the 3 styles)", sites["loso"]))


if __name__ == "__main__":
    main()
