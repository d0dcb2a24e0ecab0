"""`dxclean run` end to end, as a user runs it, against named baselines in the same run.

Every measured command runs as a subprocess (interpreter start, imports, reading,
work and writing all included); the process tree (the command and every process
it starts: pool workers, forkserver) is sampled every 50 ms for its summed RSS
and CPU time. Three comparisons:

- ``dedup``: ``dxclean run paragraphs.jsonl OUT --steps dedup`` on 100,000 real
  paragraphs (VietNews validation articles, one paragraph per line of the
  article) against rensa's whole pipeline on the same file (read the JSONL,
  split paragraphs, word bigrams, ``RMinHash``, ``RMinHashLSH``, exact Jaccard
  check of the candidates, write every record with its duplicate pairs);
- ``html``: the default pipeline on the 791 WCXB dev pages with ``--workers 1``
  against trafilatura end to end (read each ``.html.gz``, ``bare_extraction``
  with metadata, write JSONL);
- ``scale``: the default pipeline on 3,000, 10,000, 22,642 (all VietNews val)
  and 100,000 articles (VietNews val plus deterministic perturbations of it, so
  the mean length stays the same): wall time, peak RSS of the tree, documents
  per CPU-second (beside the 323 measured before this benchmark existed).

The runs of a comparison alternate (dxclean, baseline, dxclean, ...; ``--repeat``
times each) and the medians are compared. Corpora are built by the benchmark
under ``--data`` (default ``$DXCLEAN_PERF_DATA`` or ``/work/devdata/perf``) from
``../shared/data`` and never committed.

    .venv/bin/python benchmarks/bench_run.py                   # everything (~10 min on 2 cores)
    .venv/bin/python benchmarks/bench_run.py --only dedup,html --repeat 1
    .venv/bin/python benchmarks/bench_run.py --only scale --sizes 3000,10000

Writes ``benchmarks/results/run.json`` and prints Markdown tables. Corpora and the
process-tree sampler are in ``run_support.py``, the baselines in ``run_baselines.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from pathlib import Path

from run_support import DEDUP_PARAGRAPHS, ROOT, SHARED, alternate, build_corpora, deep_size, measure

WCXB_HTML = SHARED / "wcxb-dev" / "html"
RESULTS = ROOT / "benchmarks" / "results" / "run.json"
#: The command under test: this checkout's code (PYTHONPATH is passed on to the subprocess).
DXCLEAN = [sys.executable, "-m", "dxclean"]
OLD_DOCS_PER_CPU_SECOND = 323  # README before this benchmark: benchmarks/bench_engines.py, local-1
SIZES = (3000, 10000, 22642, 100000)


def dxclean_cmd(in_path: Path, out: Path, *extra: str) -> list[str]:
    return [*DXCLEAN, "run", str(in_path), str(out), "--force", "-q", *extra]


def baseline_cmd(name: str, in_path: Path, out: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve().with_name("run_baselines.py")), name, str(in_path), str(out)]


# -- the benchmark -----------------------------------------------------------------------
def bench_dedup(paths, scratch: Path, repeat: int) -> dict:
    src = paths["paragraphs"]
    result = alternate({"dxclean": dxclean_cmd(src, scratch / "dx", "--steps", "dedup"),
                        "rensa": baseline_cmd("rensa", src, scratch / "rensa")},
                       repeat, scratch)
    result["paragraphs"] = DEDUP_PARAGRAPHS
    result["ratio_vs_rensa"] = round(result["rensa"]["wall_s"] / result["dxclean"]["wall_s"], 2)
    return result


def bench_html(scratch: Path, repeat: int) -> dict:
    pages = len(list(WCXB_HTML.glob("*.html.gz")))
    result = alternate({"dxclean": dxclean_cmd(WCXB_HTML, scratch / "dx", "--workers", "1"),
                        "trafilatura": baseline_cmd("trafilatura", WCXB_HTML, scratch / "traf")}, repeat, scratch)
    result["pages"] = pages
    for name in ("dxclean", "trafilatura"):
        result[name]["pages_per_s"] = round(pages / result[name]["wall_s"], 1)
    result["ratio_vs_trafilatura"] = round(result["trafilatura"]["wall_s"] / result["dxclean"]["wall_s"], 2)
    return result


def bench_scale(paths, sizes: list[int], scratch: Path) -> dict:
    rows = {}
    for n in sizes:
        got = measure(dxclean_cmd(paths[f"vn-{n}"], scratch / f"vn-{n}"))
        got["docs_per_cpu_s"] = round(n / got["cpu_s"], 1)
        got["docs_per_s"] = round(n / got["wall_s"], 1)
        rows[str(n)] = got
        shutil.rmtree(scratch / f"vn-{n}", ignore_errors=True)
    return rows


def bench_driver_state(path: Path, scratch: Path) -> dict:
    """What the driver holds per document and per paragraph for the corpus plans (the default
    pipeline in this process, one worker): the observations each plan receives, measured
    when it receives them, and the set of document ids the driver keeps unique."""
    from dxclean.config import Config
    from dxclean.runner import run
    from dxclean.steps.dedup import Deduplicate
    from dxclean.steps.templates import LabelTemplateLines

    found: dict = {}
    originals = {cls: cls.plan for cls in (Deduplicate, LabelTemplateLines)}

    def wrap(cls, original):
        def plan(self, observations, stats):
            if hasattr(observations, "counts"):  # the dedup step's flat arrays (dedup/observed.py)
                hashes = observations.sketches.hashes  # mapped from a spill file: not in memory
                found[cls.name] = {"docs": len(observations), "paragraphs": int(observations.counts.sum()),
                                   "bytes": deep_size(observations),
                                   "spilled_bytes": int(hashes.nbytes) if hashes.base is not None else 0}
            else:
                observations = list(observations)
                found[cls.name] = {"docs": len(observations), "bytes": deep_size(observations)}
            return original(self, observations, stats)
        return plan

    for cls, original in originals.items():
        cls.plan = wrap(cls, original)
    try:
        run(path, scratch / "state", Config(workers=1), force=True)
    finally:
        for cls, original in originals.items():
            cls.plan = original
        shutil.rmtree(scratch / "state", ignore_errors=True)
    for name, row in found.items():
        row["bytes_per_doc"] = round(row["bytes"] / max(1, row["docs"]))
        if "paragraphs" in row:
            row["bytes_per_paragraph"] = round(row["bytes"] / max(1, row["paragraphs"]))
            row["spilled_bytes_per_paragraph"] = round(row["spilled_bytes"] / max(1, row["paragraphs"]))
    ids = [json.loads(line).get("id") for line in open(path, encoding="utf-8")]
    found["document ids"] = {"docs": len(ids), "bytes_per_doc": round(deep_size(set(map(str, ids))) / max(1, len(ids)))}
    return found


def print_tables(results: dict) -> None:
    if "dedup" in results:
        r = results["dedup"]
        print(f"\n| dedup-only, {r['paragraphs']:,} paragraphs | wall s | CPU s | peak RSS MB |\n|---|---|---|---|")
        for name in ("dxclean", "rensa"):
            print(f"| {name} | {r[name]['wall_s']} | {r[name]['cpu_s']} | {r[name]['peak_rss_mb']} |")
        print(f"dxclean vs rensa end to end: {r['ratio_vs_rensa']}x")
    if "html" in results:
        r = results["html"]
        print(f"\n| HTML, {r['pages']} WCXB pages, --workers 1 | wall s | pages/s | CPU s | peak RSS MB |\n|---|---|---|---|---|")
        for name in ("dxclean", "trafilatura"):
            print(f"| {name} | {r[name]['wall_s']} | {r[name]['pages_per_s']} | {r[name]['cpu_s']} | {r[name]['peak_rss_mb']} |")
        print(f"dxclean vs trafilatura end to end: {r['ratio_vs_trafilatura']}x")
    if "driver_state" in results:
        print("\n| driver keeps | documents | bytes/document | bytes/paragraph | on disk, bytes/paragraph |\n|---|---|---|---|---|")
        for name, r in results["driver_state"].items():
            print(f"| {name} | {r['docs']:,} | {r['bytes_per_doc']:,} | {r.get('bytes_per_paragraph', '')} | "
                  f"{r.get('spilled_bytes_per_paragraph', '')} |")
    if "scale" in results:
        print("\n| articles | wall s | docs/s | CPU s | docs/CPU-s | peak RSS MB (sum) | peak PSS MB |\n|---|---|---|---|---|---|---|")
        for n, r in results["scale"].items():
            print(f"| {int(n):,} | {r['wall_s']} | {r['docs_per_s']} | {r['cpu_s']} | {r['docs_per_cpu_s']} "
                  f"({r['docs_per_cpu_s'] / OLD_DOCS_PER_CPU_SECOND:.2f}x of {OLD_DOCS_PER_CPU_SECOND}) | {r['peak_rss_mb']} | {r['peak_pss_mb']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="dedup,html,scale,state", help="comma-separated: dedup, html, scale, state")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="article counts of the scale runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side of a comparison (alternating)")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DXCLEAN_PERF_DATA", "/work/devdata/perf")))
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    only = set(args.only.split(","))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    paths = build_corpora(args.data, sizes)
    scratch = args.data / "scratch"
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_start": os.getloadavg()}}
    if "dedup" in only:
        results["dedup"] = bench_dedup(paths, scratch, args.repeat)
    if "html" in only:
        results["html"] = bench_html(scratch, args.repeat)
    if "scale" in only:
        results["scale"] = bench_scale(paths, sizes, scratch)
    if "state" in only:
        results["driver_state"] = bench_driver_state(paths[f"vn-{max(s for s in sizes if s <= 22642)}"], scratch)
    results["machine"]["load_end"] = os.getloadavg()
    old = json.loads(args.results.read_text()) if args.results.exists() else {}
    old.update(results)
    args.results.write_text(json.dumps(old, indent=2) + "\n")
    print_tables(results)


if __name__ == "__main__":
    main()
