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

Writes ``benchmarks/results/run.json`` and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
VIETNEWS = SHARED / "vietnews-val.jsonl.gz"
WCXB_HTML = SHARED / "wcxb-dev" / "html"
RESULTS = ROOT / "benchmarks" / "results" / "run.json"
DXCLEAN = [str(ROOT / ".venv" / "bin" / "dxclean")] if (ROOT / ".venv" / "bin" / "dxclean").exists() else ["dxclean"]
OLD_DOCS_PER_CPU_SECOND = 323  # README before this benchmark: benchmarks/bench_engines.py, local-1
SIZES = (3000, 10000, 22642, 100000)
DEDUP_PARAGRAPHS = 100_000
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


# -- corpora -----------------------------------------------------------------------------
def vietnews_records() -> list[dict]:
    with gzip.open(VIETNEWS, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _perturb(text: str, copy: int) -> str:
    """Copy ``copy`` (>= 1) of an article: the same lines, with the words of each line
    reordered in a way that depends on ``copy`` (same length and words, new shingles)."""
    rng = random.Random(copy)
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        if copy % 3 == 1:
            words = words[::-1]
        elif copy % 3 == 2:
            words = words[::2] + words[1::2]
        else:
            shift = rng.randrange(1, max(2, len(words)))
            words = words[shift:] + words[:shift]
        lines.append(" ".join(words))
    return "\n".join(lines)


def articles(n: int, records: list[dict]) -> list[dict]:
    out = []
    for i in range(n):
        copy, record = divmod(i, len(records))
        base = records[record]
        out.append(base if copy == 0 else {"id": f"{base['id']}~{copy}", "text": _perturb(base["text"], copy)})
    return out


def write_jsonl(path: Path, records) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def build_corpora(data: Path, sizes: list[int]) -> dict[str, Path]:
    data.mkdir(parents=True, exist_ok=True)
    paths = {f"vn-{n}": data / f"vietnews-{n}.jsonl" for n in sizes}
    paths["paragraphs"] = data / f"paragraphs-{DEDUP_PARAGRAPHS}.jsonl"
    if all(p.exists() for p in paths.values()):
        return paths
    records = vietnews_records()
    for n in sizes:
        if not paths[f"vn-{n}"].exists():
            write_jsonl(paths[f"vn-{n}"], articles(n, records))
    if not paths["paragraphs"].exists():
        write_jsonl(paths["paragraphs"], paragraph_records(records, DEDUP_PARAGRAPHS))
    return paths


def paragraph_records(records: list[dict], total: int):
    """Articles with every non-empty line as its own paragraph, until ``total`` paragraphs."""
    count = 0
    for record in records:
        lines = [line.strip() for line in record["text"].split("\n") if line.strip()][: total - count]
        count += len(lines)
        yield {"id": record["id"], "text": "\n\n".join(lines)}
        if count >= total:
            return


# -- measuring a process tree ------------------------------------------------------------
def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except OSError:
            pass
    return found


def _sample(pid: int) -> tuple[int, int, dict[int, float]]:
    """Summed RSS and PSS (bytes; PSS splits pages shared by several processes, such as
    the modules workers inherit from the forkserver, so it does not count them twice) and
    CPU seconds by process of the tree under ``pid``."""
    rss, pss, cpu = 0, 0, {}
    for p in _descendants(pid):
        try:
            with open(f"/proc/{p}/statm") as handle:
                rss += int(handle.read().split()[1]) * PAGE
            with open(f"/proc/{p}/smaps_rollup") as handle:
                pss += next((int(line.split()[1]) * 1024 for line in handle if line.startswith("Pss:")), 0)
            with open(f"/proc/{p}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            cpu[p] = (int(fields[11]) + int(fields[12])) / CLK_TCK
        except (OSError, IndexError, ValueError):
            pass
    return rss, pss, cpu


def measure(cmd: list[str], *, env: dict | None = None) -> dict:
    """Run ``cmd``; wall seconds, peak summed RSS (MB) and CPU seconds of its process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = peak_pss = 0
    cpu_by_pid: dict[int, float] = {}
    done = threading.Event()

    def sampler():
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss, cpu = _sample(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            for p, seconds in cpu.items():
                cpu_by_pid[p] = max(cpu_by_pid.get(p, 0.0), seconds)
            done.wait(0.05)

    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    thread.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr.decode(errors='replace')[-2000:]}")
    # wait4 counts the command and the descendants it reaped; the samples count the others
    sampled = sum(cpu_by_pid.values())
    cpu = max(usage.ru_utime + usage.ru_stime, sampled)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "peak_rss_mb": round(peak / 2**20, 1),
            "peak_pss_mb": round(peak_pss / 2**20, 1)}


def dxclean_cmd(in_path: Path, out: Path, *extra: str) -> list[str]:
    return [*DXCLEAN, "run", str(in_path), str(out), "--force", "-q", *extra]


def baseline_cmd(name: str, in_path: Path, out: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), f"--baseline={name}", str(in_path), str(out)]


def alternate(runs: dict[str, list[str]], repeat: int, scratch: Path) -> dict[str, dict]:
    samples: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, cmd in runs.items():
            samples[name].append(measure(cmd))
    shutil.rmtree(scratch, ignore_errors=True)
    return {name: {**{k: statistics.median(s[k] for s in got) for k in got[0]}, "runs": got} for name, got in samples.items()}


# -- baselines (run as `bench_run.py --baseline=NAME IN OUT`) ----------------------------
def baseline_rensa(in_path: str, out: str) -> None:
    """rensa's whole pipeline: read, split, shingle, MinHash, LSH, verify, write."""
    import re

    import rensa

    word = re.compile(r"\w+")
    records, texts, owner = [], [], []
    with open(in_path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records.append(record)
            for j, paragraph in enumerate(p for p in record["text"].split("\n\n") if p.strip()):
                texts.append(paragraph)
                owner.append((len(records) - 1, j))
    sets, keep = [], []
    for i, text in enumerate(texts):
        words = word.findall(text.lower())
        sets.append({f"{a} {b}" for a, b in zip(words, words[1:])})
        if len(words) >= 5:
            keep.append(i)
    hashes = rensa.RMinHash.from_token_sets([sorted(sets[i]) for i in keep], 120, 1)
    lsh = rensa.RMinHashLSH(threshold=0.8, num_perm=120, num_bands=24)
    lsh.insert_many(hashes, 0)
    pairs = set()
    for row, found in enumerate(lsh.query_all(hashes)):
        for other in found:
            if other != row:
                a, b = sorted((keep[row], keep[other]))
                inter = len(sets[a] & sets[b])
                if inter >= 0.8 * (len(sets[a]) + len(sets[b]) - inter):
                    pairs.add((a, b))
    duplicates: dict[int, list] = {}
    for a, b in sorted(pairs):
        duplicates.setdefault(owner[b][0], []).append({"paragraph": owner[b][1], "of": records[owner[a][0]]["id"], "of_paragraph": owner[a][1]})
    Path(out).mkdir(parents=True, exist_ok=True)
    with open(Path(out) / "documents.jsonl", "w", encoding="utf-8") as handle:
        for i, record in enumerate(records):
            handle.write(json.dumps({**record, "duplicates": duplicates.get(i, [])}, ensure_ascii=False) + "\n")


def baseline_trafilatura(in_path: str, out: str) -> None:
    """trafilatura end to end: read every page, extract with metadata, write JSONL."""
    import trafilatura

    Path(out).mkdir(parents=True, exist_ok=True)
    with open(Path(out) / "documents.jsonl", "w", encoding="utf-8") as handle:
        for page in sorted(Path(in_path).glob("*.html.gz")):
            doc = trafilatura.bare_extraction(gzip.decompress(page.read_bytes()), with_metadata=True)
            record = {"source_path": page.name, "text": None, "title": None, "published": None}
            if doc is not None:
                record.update(text=doc.text, title=doc.title, published=doc.date)
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


BASELINES = {"rensa": baseline_rensa, "trafilatura": baseline_trafilatura}


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


def _deep_size(obj, seen=None) -> int:
    """Bytes of ``obj`` and everything it holds (containers, strings, numpy arrays)."""
    import numpy as np

    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        return sys.getsizeof(obj) + (obj.nbytes if obj.base is None else 0)
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        size += sum(_deep_size(v, seen) for v in obj)
    elif hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
        names = list(getattr(obj, "__dict__", {})) + list(getattr(type(obj), "__slots__", ()))
        size += sum(_deep_size(getattr(obj, n), seen) for n in names if hasattr(obj, n))
    return size


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
                found[cls.name] = {"docs": len(observations), "paragraphs": int(observations.counts.sum()),
                                   "bytes": _deep_size(observations)}
            else:
                observations = list(observations)
                found[cls.name] = {"docs": len(observations), "bytes": _deep_size(observations)}
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
    ids = [json.loads(line).get("id") for line in open(path, encoding="utf-8")]
    found["document ids"] = {"docs": len(ids), "bytes_per_doc": round(_deep_size(set(map(str, ids))) / max(1, len(ids)))}
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
        print("\n| driver keeps | documents | bytes/document | bytes/paragraph |\n|---|---|---|---|")
        for name, r in results["driver_state"].items():
            print(f"| {name} | {r['docs']:,} | {r['bytes_per_doc']:,} | {r.get('bytes_per_paragraph', '')} |")
    if "scale" in results:
        print("\n| articles | wall s | docs/s | CPU s | docs/CPU-s | peak RSS MB (sum) | peak PSS MB |\n|---|---|---|---|---|---|---|")
        for n, r in results["scale"].items():
            print(f"| {int(n):,} | {r['wall_s']} | {r['docs_per_s']} | {r['cpu_s']} | {r['docs_per_cpu_s']} "
                  f"({r['docs_per_cpu_s'] / OLD_DOCS_PER_CPU_SECOND:.2f}x of {OLD_DOCS_PER_CPU_SECOND}) | {r['peak_rss_mb']} | {r['peak_pss_mb']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", choices=sorted(BASELINES), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--only", default="dedup,html,scale,state", help="comma-separated: dedup, html, scale, state")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="article counts of the scale runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side of a comparison (alternating)")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("DXCLEAN_PERF_DATA", "/work/devdata/perf")))
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.baseline:
        BASELINES[args.baseline](*args.paths)
        return
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
