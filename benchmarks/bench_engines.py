"""Local engine vs Ray engine on the 3,000 vietnews articles, measured in one run.

Runs the default pipeline over ``../shared/data/vietnews-val-3000.jsonl`` with:

- ``local-1``: the local engine in one process (per-core throughput);
- ``local``: the local engine on every core (the default);
- ``ray-cold``: ``--engine ray`` as a user runs it, starting a private Ray;
- ``ray-warm``: the Ray engine on an already running Ray (what a cluster run
  sees: the workers and their imports exist before the job);
- ``ray-tiny``: a warm Ray run of 16 articles, i.e. the fixed cost per run;
- ``ray-distributed``: ``ray-warm`` with the dedup plan made on Ray whatever the
  corpus size (by default only from 20,000 documents): what a large corpus's
  dedup plan costs per paragraph, measured on this one.

Every run's documents/removed/errors/duplicates files are checked byte for
byte against ``local``. Start-up overhead of the Ray engine = ``ray-cold`` −
``ray-warm`` (starting Ray and its first workers) and ``ray-tiny`` (per-run
cost of the datasets, mostly per pass). Writes ``benchmarks/results/engines.json``
and prints a Markdown table. The machine is shared: the load average at the
start and the end of the run is recorded with the results.

    .venv/bin/python benchmarks/bench_engines.py [--docs 3000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import pickle
import platform
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "vietnews-val-3000.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "engines.json"
COMPARED = ("documents.jsonl", "removed.jsonl", "errors.jsonl", "duplicates.jsonl")


def timed_run(in_path: Path, out: Path, config) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of this (the driver) process, documents."""
    from dxclean.runner import run

    start, cpu = time.perf_counter(), time.process_time()
    summary = run(in_path, out, config)
    return time.perf_counter() - start, time.process_time() - cpu, summary.documents


@contextmanager
def profiled_plans(profile: dict):
    """Record, for each corpus step, its observations' size and its driver-side plan time."""
    from dxclean.config import Config
    from dxclean.steps.registry import step_class

    classes = [step_class(name) for name in Config().steps if step_class(name).corpus_level]
    originals = {cls: cls.plan for cls in classes}

    def wrap(cls, original):
        def plan(self, observations, stats):
            observations = list(observations)
            size = sum(len(pickle.dumps(o, protocol=pickle.HIGHEST_PROTOCOL)) for o in observations)
            start = time.perf_counter()
            result = original(self, observations, stats)
            profile[cls.name] = {"observations": len(observations), "observation_bytes_per_doc": round(size / max(1, len(observations))),
                                 "plan_seconds": round(time.perf_counter() - start, 3)}
            return result
        return plan

    for cls, original in originals.items():
        cls.plan = wrap(cls, original)
    try:
        yield
    finally:
        for cls, original in originals.items():
            cls.plan = original


@contextmanager
def timed_dedup_plan(timings: dict):
    """Wall and driver-CPU seconds of the Ray engine's dedup plan, and the paragraphs planned."""
    from dxclean.executors import ray_dedup

    original = ray_dedup.decide_from

    def decide_from(source, config):
        start, cpu = time.perf_counter(), time.process_time()
        plan = original(source, config)
        timings.update(dedup_plan_seconds=round(time.perf_counter() - start, 2),
                       dedup_plan_driver_cpu_seconds=round(time.process_time() - cpu, 2),
                       paragraphs=source._paragraphs(), candidate_pairs=plan.stats["candidate_pairs"])
        return plan

    ray_dedup.decide_from = decide_from
    try:
        yield
    finally:
        ray_dedup.decide_from = original


def same_output(a: Path, b: Path) -> bool:
    return all((a / n).exists() == (b / n).exists() and (not (a / n).exists() or (a / n).read_bytes() == (b / n).read_bytes())
               for n in COMPARED)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} not found (the shared data folder must sit beside the checkout)")
    import ray

    from dxclean.config import Config

    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="dxclean-bench-engines-"))
    try:
        corpus, tiny = work / "corpus.jsonl", work / "tiny.jsonl"
        with open(DATA, encoding="utf-8") as lines:
            chosen = list(itertools.islice(lines, args.docs))
        corpus.write_text("".join(chosen), encoding="utf-8")
        tiny.write_text("".join(chosen[:16]), encoding="utf-8")
        config = Config(text_mirror=False)
        load_before = os.getloadavg()
        rows = {}

        def measure(name: str, in_path: Path, run_config) -> None:
            seconds, cpu, docs = timed_run(in_path, work / name, run_config)
            rows[name] = {"seconds": round(seconds, 2), "documents": docs, "docs_per_s": round(docs / seconds, 1),
                          "driver_cpu_seconds": round(cpu, 2)}
            print(f"{name}: {docs} documents in {seconds:.1f}s", file=sys.stderr, flush=True)

        plans: dict = {}
        with profiled_plans(plans):  # in-process run: the CPU time is the whole pipeline's
            measure("local-1", corpus, config.with_overrides({"workers": 1}))
        measure("local", corpus, config)
        measure("ray-cold", corpus, config.with_overrides({"engine": "ray"}))
        start = time.perf_counter()
        ray.init(num_cpus=cores, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
        ray_init = time.perf_counter() - start
        try:
            measure("ray-tiny-first", tiny, config.with_overrides({"engine": "ray"}))  # starts the workers
            measure("ray-warm", corpus, config.with_overrides({"engine": "ray"}))
            measure("ray-tiny", tiny, config.with_overrides({"engine": "ray"}))
            from dxclean.executors.ray import RayExecutor

            RayExecutor.distributed_plan_min = 0
            timings: dict = {}
            with timed_dedup_plan(timings):
                measure("ray-distributed", corpus, config.with_overrides({"engine": "ray"}))
            rows["ray-distributed"].update(timings)
        finally:
            ray.shutdown()
        load_after = os.getloadavg()
        identical = {name: same_output(work / "local", work / name) for name in ("local-1", "ray-cold", "ray-warm", "ray-distributed")}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    local1 = rows["local-1"]["docs_per_s"]
    result = {
        "corpus": f"vietnews-val-3000.jsonl, first {args.docs} articles",
        "steps": list(Config().steps),
        "machine": {"cores": cores, "python": platform.python_version(), "ray": ray.__version__,
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in load_after]},
        "runs": rows,
        "ray_init_seconds": round(ray_init, 2),
        "ray_startup_overhead_seconds": round(rows["ray-cold"]["seconds"] - rows["ray-warm"]["seconds"], 2),
        "ray_fixed_cost_per_run_seconds": rows["ray-tiny"]["seconds"],
        "per_core_docs_per_s": local1,
        # Load-independent: documents per CPU-second of the whole pipeline in one process.
        "per_core_docs_per_cpu_s": round(rows["local-1"]["documents"] / rows["local-1"]["driver_cpu_seconds"], 1),
        # What the driver itself spends per document under Ray (reading, spilling, writing).
        "ray_driver_cpu_ms_per_doc": round(1000 * rows["ray-warm"]["driver_cpu_seconds"] / rows["ray-warm"]["documents"], 3),
        "corpus_plans_on_driver": plans,
        "ray_warm_docs_per_s_per_core": round(rows["ray-warm"]["docs_per_s"] / cores, 1),
        "identical_output_to_local": identical,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print("| engine | wall time (s) | docs/s | vs local |\n|---|---:|---:|---:|")
    base = rows["local"]["docs_per_s"]
    labels = {"local-1": "local, 1 process", "local": f"local, {cores} processes (default)",
              "ray-cold": "ray, cold (starts Ray)", "ray-warm": "ray, Ray already running",
              "ray-tiny": "ray, 16 articles, warm (fixed cost)",
              "ray-distributed": "ray, warm, dedup plan on Ray (forced)"}
    for name, label in labels.items():
        row = rows[name]
        print(f"| {label} | {row['seconds']:.1f} | {row['docs_per_s']:.0f} | {row['docs_per_s'] / base:.2f}x |")
    print(f"\nper core: {result['per_core_docs_per_cpu_s']} docs per CPU-second; driver under Ray: "
          f"{result['ray_driver_cpu_ms_per_doc']} ms CPU per document; plans on the driver: {plans}")
    print(f"dedup plan on Ray: {rows['ray-distributed']}")
    print(f"ray.init: {ray_init:.1f}s; start-up overhead (cold - warm): {result['ray_startup_overhead_seconds']:.1f}s; "
          f"identical output: {identical}; load average before/after: {load_before[0]:.1f}/{load_after[0]:.1f}")
    if not all(identical.values()):
        sys.exit("engines disagree: see identical_output_to_local")


if __name__ == "__main__":
    main()
