"""Per-document cost of the ``chrome`` step on clean articles, against an earlier revision.

    python benchmarks/bench_chrome_step.py [--baseline-rev HEAD~1] [--docs 1500] [--repeats 3]

Clean news articles (VietNews validation records, paragraphs as blocks, no chrome at
all) are the common case of a corpus run, so the step's fixed cost per document
matters. The same documents go through ``LabelChrome`` of the working tree and of
``--baseline-rev`` (its ``src/`` extracted with ``git archive`` into a temporary
folder), each in its own subprocess, alternating, ``--repeats`` times; the table gives
CPU ms per document (best of the repeats) and the ratio, and checks that both produce
the same labels, reasons and metadata candidates (a digest of every block).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

WORKER = r"""
import hashlib, json, sys, time
from dxclean.config import Config
from dxclean.model import Document
from dxclean.steps.base import StepStats
from dxclean.steps.chrome import LabelChrome
path, count = sys.argv[1], int(sys.argv[2])
records = [json.loads(line) for line, _ in zip(open(path, encoding="utf-8"), range(count))]
pages = [[p.strip() for p in r["text"].split("\n\n") if p.strip()] for r in records]
docs = [Document.from_texts(r["id"], f"v.jsonl#{i}", p) for i, (r, p) in enumerate(zip(records, pages))]
step, stats = LabelChrome(Config()), StepStats()
start = time.process_time()
for doc in docs:
    step.process(doc, stats)
seconds = time.process_time() - start
digest = hashlib.sha256()
for doc in docs:
    for b in doc.blocks:
        digest.update(json.dumps([b.label, b.reason, b.text, b.features.get("meta"), b.features.get("meta_value")],
                                 ensure_ascii=False, default=str).encode())
print(json.dumps({"ms_per_doc": 1000 * seconds / len(docs), "digest": digest.hexdigest()}))
"""


def _run(src: Path, data: Path, docs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", WORKER, str(data), str(docs)], check=True, capture_output=True,
                         text=True, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def _extract(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(into, filter="data")
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-rev", default="HEAD~1")
    parser.add_argument("--candidate-rev", help="a git revision instead of the working tree")
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "vietnews-val-3000.jsonl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"working tree": ROOT / "src"}
        if args.candidate_rev:
            trees = {f"candidate {args.candidate_rev}": _extract(args.candidate_rev, Path(tmp) / "candidate")}
        trees[f"baseline {args.baseline_rev}"] = _extract(args.baseline_rev, Path(tmp) / "baseline")
        found: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.repeats):
            for name, src in trees.items():
                found[name].append(_run(src, args.data, args.docs))
    best = {name: min(r["ms_per_doc"] for r in runs) for name, runs in found.items()}
    digests = {name: {r["digest"] for r in runs} for name, runs in found.items()}
    same = len(set.union(*digests.values())) == 1
    base = best[f"baseline {args.baseline_rev}"]
    print(f"| chrome step, {args.docs} clean articles | CPU ms/doc (best of {args.repeats}) | ratio to baseline |")
    print("|---|---|---|")
    for name, ms in best.items():
        print(f"| {name} | {ms:.3f} | {ms / base:.2f} |")
    print(f"identical output: {same}")
    result = {"docs": args.docs, "ms_per_doc": best, "identical_output": same,
              "digest": hashlib.sha256(repr(sorted(digests.items())).encode()).hexdigest()[:16]}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "chrome_step.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
