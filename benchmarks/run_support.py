"""Corpora and process-tree measurement for ``bench_run.py`` (see its docstring)."""

from __future__ import annotations

import gzip
import json
import os
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


def alternate(runs: dict[str, list[str]], repeat: int, scratch: Path) -> dict[str, dict]:
    samples: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, cmd in runs.items():
            samples[name].append(measure(cmd))
    shutil.rmtree(scratch, ignore_errors=True)
    return {name: {**{k: statistics.median(s[k] for s in got) for k in got[0]}, "runs": got} for name, got in samples.items()}


def deep_size(obj, seen=None) -> int:
    """Bytes of ``obj`` and everything it holds (containers, strings, numpy arrays)."""
    import numpy as np

    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):  # its data included when it owns it (not a view, not a mapped file)
        return sys.getsizeof(obj)
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        size += sum(deep_size(v, seen) for v in obj)
    elif hasattr(obj, "__dict__") or hasattr(obj, "__slots__"):
        names = list(getattr(obj, "__dict__", {})) + list(getattr(type(obj), "__slots__", ()))
        size += sum(deep_size(getattr(obj, n), seen) for n in names if hasattr(obj, n))
    return size
