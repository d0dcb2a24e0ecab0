"""HTML main-content extraction: dxclean vs trafilatura (default and favor_recall) vs jusText
vs resiliparse, per corpus, per language and per split.

The extractors are in benchmarks/html_extractors.py (``dxclean``: the HTML extractor;
``dxclean+steps``: with the per-document steps of ``dxclean run``).

    python benchmarks/bench_html.py [--devdata DIR] [--corpora wcxb-dev,dragnet,...] [--limit N]
                                    [--only dxclean,trafilatura,trafilatura-recall] [--split dev|held-out|all]

Corpora: the WCXB dev pages (../shared/data/wcxb-dev) and, from ``--devdata`` (default
``$DXCLEAN_HTML_DEVDATA``), the development corpora read by html_corpora.py; a corpus
that is absent is skipped. Every extractor runs on every page in one process, one worker,
on the same bytes, taking turns page by page, and is scored with ../shared/tools/score_gold.py:
pooled token P/R/F1, F1 of page-by-page token errors, macro F1, pages with recall < 0.2,
titles (where the gold has them), pages/s (extraction time only).

Every corpus is split by a stable hash of the file name into a *dev* half (the only pages
rules are tuned on) and a *held-out* half (only evaluated); figures are given for both.
Writes benchmarks/results/html.json (with the pages whose dxclean recall is < 0.2) and prints
Markdown tables.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

import html_extractors  # benchmarks/ is the script's folder
from html_corpora import FOLDERS as CORPUS_NAMES, Corpus, load_corpora, page_language
from shared_data import SHARED, load_scorer

HERE = Path(__file__).resolve().parent
DATA = SHARED / "data" / "wcxb-dev"
SPLITS = ("held-out", "dev")
DEFAULT_ONLY = "dxclean,trafilatura,trafilatura-recall"


def split_of(name: str) -> str:
    """Stable dev / held-out assignment (sha1 of the file name, not Python's hash)."""
    return "dev" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "held-out"


def load_wcxb() -> Corpus | None:
    if not (DATA / "gold.json").exists():
        return None
    gold = json.load((DATA / "gold.json").open(encoding="utf-8"))
    names = sorted(p.name for p in (DATA / "html").glob("*.html.gz") if p.name in gold)
    pages = [(n, gzip.decompress((DATA / "html" / n).read_bytes())) for n in names]
    return Corpus(pages=pages, gold={n: gold[n] for n in names}, titles=True, language=None)


def collect(args) -> dict[str, Corpus]:
    wanted = args.corpora.split(",") if args.corpora else None
    corpora = {}
    if wanted is None or "wcxb-dev" in wanted:
        wcxb = load_wcxb()
        if wcxb is not None:
            corpora["wcxb-dev"] = wcxb
    devdata = args.devdata or os.environ.get("DXCLEAN_HTML_DEVDATA")
    names = tuple(n for n in wanted if n != "wcxb-dev") if wanted else CORPUS_NAMES
    corpora.update(load_corpora(Path(devdata) if devdata else None, names))
    for corpus in corpora.values():
        keep = [(n, d) for n, d in corpus.pages
                if args.split == "all" or split_of(corpus.split_keys.get(n, n)) == args.split]
        corpus.pages = keep[:args.limit] if args.limit else keep
        corpus.gold = {n: corpus.gold[n] for n, _ in corpus.pages}
    return corpora


def stats(scorer, gold: dict, records: list[dict], titles: bool) -> dict:
    """score_gold's pooled figures, plus the F1 of token errors summed page by page, the
    mean F1 of the pages and the pages that lost most of their text (recall under 0.2)."""
    rows, total = scorer.score(gold, records)
    tp = fp = fn = 0
    by_name = {r["source_path"]: r for r in records}
    for name, truth in gold.items():
        want = scorer.tokens("\n".join(scorer.norm(p) for p in truth["body"]))
        got = scorer.tokens("\n".join(scorer.paragraphs(by_name[name]["text"])))
        overlap = sum((want & got).values())
        tp, fp, fn = tp + overlap, fp + sum(got.values()) - overlap, fn + sum(want.values()) - overlap
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    out = {"pages": len(gold), "P": total["P"], "R": total["R"], "F1": total["F1"],
           "F1_per_page": round(2 * p * r / max(1e-9, p + r), 4),
           "F1_macro": round(sum(row["F1"] for row in rows) / max(1, len(rows)), 4),
           "pages_recall_under_0.2": sum(1 for row in rows if row["R"] < 0.2)}
    titled = [n for n, g in gold.items() if g.get("title")]
    if titles and titled:
        out["titles"] = f"{sum(row['title'] for row in rows if row['doc'] in set(titled))}/{len(titled)}"
    return out, {row["doc"]: row for row in rows}


def measure(names: list[str], corpora: dict[str, Corpus], scorer) -> dict:
    """Run every extractor on every page of every corpus (interleaved, see
    html_extractors.run_interleaved) and score each per corpus, language and split."""
    keyed = [(f"{c}:{n}", d) for c, corpus in corpora.items() for n, d in corpus.pages]
    gold = {f"{c}:{n}": g for c, corpus in corpora.items() for n, g in corpus.gold.items()}
    corpus_of = {k: k.split(":", 1)[0] for k in gold}
    split = {f"{c}:{n}": split_of(corpus.split_keys.get(n, n)) for c, corpus in corpora.items() for n in corpus.gold}
    language = {f"{c}:{n}": page_language(d, corpus.language) for c, corpus in corpora.items() for n, d in corpus.pages}
    records, seconds = html_extractors.run_interleaved(names, keyed)
    mb = sum(len(d) for _, d in keyed) / 1e6
    results, rows_of = {}, {}
    for name in names:
        res = {"pages_per_s": round(len(keyed) / seconds[name], 1), "mb_per_s": round(mb / seconds[name], 2),
               "corpora": {}, "languages": {}}
        rows_of[name] = {}
        groups = [("corpora", c, lambda k, c=c: corpus_of[k] == c, corpora[c].titles) for c in corpora]
        groups += [("languages", lang, lambda k, lang=lang: language[k] == lang, True)
                   for lang in sorted(set(language.values()))]
        for kind, group, member, titles in groups:
            for part in (*SPLITS, "all"):
                sub = {k: g for k, g in gold.items() if member(k) and (part == "all" or split[k] == part)}
                if sub:
                    out, rows = stats(scorer, sub, [r for r in records[name] if r["source_path"] in sub], titles)
                    res[kind].setdefault(group, {})[part] = out
                    if kind == "corpora" and part == "all":
                        rows_of[name].update(rows)
        results[name] = res
    low = []
    if "dxclean" in rows_of:
        base = rows_of.get("trafilatura", {})
        for key, row in sorted(rows_of["dxclean"].items()):
            if row["R"] < 0.2:
                low.append({"page": key, "split": split[key], "language": language[key], "R": row["R"],
                            "trafilatura_R": base.get(key, {}).get("R")})
    return {"results": results, "low_recall_pages": low}


def report(out: dict, names: list[str]) -> str:
    results = out["results"]
    base = results.get("trafilatura")
    lines = ["| extractor | pages/s | MB/s | speed vs trafilatura |", "|---|---|---|---|"]
    for name in names:
        res = results[name]
        ratio = f"{res['pages_per_s'] / base['pages_per_s']:.1f}x" if base else "-"
        lines.append(f"| {name} | {res['pages_per_s']} | {res['mb_per_s']} | {ratio} |")
    for kind in ("corpora", "languages"):
        head = " | ".join(f"{n} P / R / F1" for n in names)
        lines += ["", f"| {'corpus' if kind == 'corpora' else 'language'} | split | pages | {head} | pages R<0.2 "
                  f"({', '.join(names)}) | titles ({', '.join(names)}) |",
                  "|---|---|---|" + "---|" * len(names) + "---|---|"]
        for group, parts in results[names[0]][kind].items():
            for part in parts:
                cells = [results[n][kind][group][part] for n in names]
                lines.append(f"| {group} | {part} | {cells[0]['pages']} | "
                             + " | ".join(f"{c['P']} / {c['R']} / **{c['F1']}**" for c in cells)
                             + " | " + " / ".join(str(c["pages_recall_under_0.2"]) for c in cells)
                             + " | " + " / ".join(c.get("titles", "-") for c in cells) + " |")
    low = out["low_recall_pages"]
    lines += ["", f"dxclean pages with recall < 0.2: {len(low)} "
              f"(held-out {sum(1 for x in low if x['split'] == 'held-out')})"]
    lines += [f"- {x['page']} ({x['split']}, {x['language']}): R {x['R']}, trafilatura R {x['trafilatura_R']}"
              for x in low]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devdata", help="folder of the development corpora (default $DXCLEAN_HTML_DEVDATA)")
    parser.add_argument("--corpora", help="comma-separated corpus names (default: every corpus present)")
    parser.add_argument("--limit", type=int, help="at most N pages per corpus")
    parser.add_argument("--only", default=DEFAULT_ONLY, help=f"extractors, of {','.join(html_extractors.NAMES)}")
    parser.add_argument("--split", default="all", choices=("dev", "held-out", "all"))
    parser.add_argument("--out", default=str(HERE / "results" / "html.json"))
    args = parser.parse_args()
    corpora = collect(args)
    if not corpora:
        sys.exit("no corpus found: ../shared/data/wcxb-dev is absent and --devdata names no corpus")
    names = args.only.split(",")
    out = measure(names, corpora, load_scorer())
    print(report(out, names))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"pages": sum(len(c.pages) for c in corpora.values()),
                                          "python": sys.version.split()[0], **out}, indent=2) + "\n",
                              encoding="utf-8")


if __name__ == "__main__":
    main()
