"""Cost of pathological but small inputs (issue 15, row 14), each against its baseline in
the same run: ``dxclean run`` with the limits and the collapse of document copies, and the
same command without them (limits raised out of reach; the collapse patched out). Each run
is a fresh process with one worker; wall time and peak RSS of that process.

    python benchmarks/bench_limits.py [--scale 1.0] [--out benchmarks/results/limits.json]

Inputs are made here: a page of N sibling ``<p>``, a JSONL record of N paragraphs, N
identical JSONL records (the first article of ``../shared/data/vietnews-val-3000.jsonl``, a
synthetic article when it is missing). No fetched data.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_data import SHARED

RUN = """
import resource, sys
if sys.argv[1] == "no-collapse":  # the baseline: every candidate document pair counted
    import numpy as np
    import dxclean.dedup.corpus as corpus
    corpus._distinct_sets = lambda hashes, starts: (
        [corpus.sorted_unique(hashes[lo:hi]) for lo, hi in starts.T.tolist()], np.arange(starts.shape[1]))
from dxclean.cli import cli
try:
    cli(args=sys.argv[2:], standalone_mode=False)
finally:
    print("peak_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

NO_LIMITS = "[limits]\nmax_html_elements = 1000000000\nmax_blocks = 1000000000\n"


def article() -> str:
    source = SHARED / "data" / "vietnews-val-3000.jsonl"
    if source.exists():
        return json.loads(source.open(encoding="utf-8").readline())["text"]
    return "Tiêu đề\n\n" + "\n\n".join(f"Đoạn văn số {i} của một bài báo về thời tiết và giao thông ở Hà Nội." for i in range(20))


def make_inputs(root: Path, scale: float) -> dict[str, tuple[Path, list[str]]]:
    n_p, n_paragraphs, n_copies = int(1_000_000 * scale), int(110_000 * scale), int(20_000 * scale)
    cases = {}
    html = root / "html"
    html.mkdir()
    (html / "huge.html").write_bytes(b"<html><body>" + b"<p>x</p>" * n_p + b"</body></html>")
    cases[f"page of {n_p:,} sibling <p>"] = (html, [])
    record = root / "record"
    record.mkdir()
    (record / "r.jsonl").write_text(json.dumps({"text": "\n\n".join(f"Đoạn {i}." for i in range(n_paragraphs))}) + "\n")
    cases[f"record of {n_paragraphs:,} paragraphs"] = (record, [])
    copies = root / "copies"
    copies.mkdir()
    line = json.dumps({"text": article()}, ensure_ascii=False) + "\n"
    with gzip.open(copies / "same.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(line * n_copies)
    cases[f"{n_copies:,} identical records (dedup step)"] = (copies, ["--steps", "dedup"])
    return cases


def measure(mode: str, src: Path, out: Path, extra: list[str]) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", RUN, mode, "run", str(src), str(out), "-q", "--workers", "1", *extra],
                          capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    peak = int(proc.stderr.rsplit("peak_kb", 1)[1].split()[0])
    errors = (out / "errors.jsonl").read_text().count("\n") if (out / "errors.jsonl").exists() else None
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 1024, 1), "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="input sizes relative to the issue's (default 1.0)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "limits.json")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as tmp:
        root = Path(tmp)
        config = root / "no-limits.toml"
        config.write_text(NO_LIMITS, encoding="utf-8")
        for name, (src, extra) in make_inputs(root, args.scale).items():
            copies = "--steps" in extra
            dxclean = measure("default", src, root / "out", extra)
            baseline = (measure("no-collapse", src, root / "out", extra) if copies
                        else measure("default", src, root / "out", [*extra, "--config", str(config)]))
            results[name] = {
                "dxclean": dxclean,
                "baseline": "collapse of copies patched out" if copies else "limits raised out of reach",
                "baseline_run": baseline,
                "time_ratio": round(baseline["seconds"] / dxclean["seconds"], 1),
                "memory_ratio": round(baseline["peak_mb"] / dxclean["peak_mb"], 1),
            }
            print(f"{name}: dxclean {dxclean}, baseline {baseline}", flush=True)
    args.out.write_text(json.dumps({"scale": args.scale, "cases": results}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
