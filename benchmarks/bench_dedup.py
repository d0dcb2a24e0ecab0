"""Near-duplicate detection: dxclean vs datasketch update() vs MinHash.bulk vs rensa.

Corpus: every line of >= 8 words of data/vietnews-val.jsonl.gz (about 420,000
real Vietnamese paragraphs) plus planted copies of 1 % of them with 0-5 % word
edits, each copy placed right after its original. Every pipeline runs in its own
process (so peak memory is its own) and goes from reading the gzip to verified
duplicate pairs: read -> normalise -> shingle -> word bigrams -> MinHash (120 permutations) -> LSH (24 bands x 5 rows) ->
exact verification of every candidate -> clusters. Pipelines too slow for the
whole corpus (datasketch) run on a prefix and are extrapolated linearly, which
is said in the table.

Truth: all pairs of Jaccard >= threshold on the same shingle sets, computed
exactly with an all-pairs prefix-filter join (checked against plain brute force
on a 2,000-paragraph sample), so recall is measured over every true pair.

Scaling (40,000 -> 400,000 paragraphs) alternates the two sizes, 5 runs each,
each in a fresh process, and reports ratios of the medians: wall time end to end
(read -> clusters; the target, <= 11x), wall time of the work alone, and CPU
time of the work (steadier on the shared machine).

    python benchmarks/bench_dedup.py                 # full run (~11 min on 2 busy cores)
    python benchmarks/bench_dedup.py --quick         # 60k paragraphs, for iterating
    python benchmarks/bench_dedup.py --scaling-only  # re-measure scaling into the results file

Writes benchmarks/results/dedup.json and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "vietnews-val.jsonl.gz"
RESULTS = ROOT / "benchmarks" / "results" / "dedup.json"
THRESHOLD, NUM_PERM, BANDS, ROWS, SHINGLE = 0.8, 120, 24, 5, 2
PLANT_SHARE, PLANT_SEED = 0.01, 17
EDIT_RATES = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05)


# -- corpus ------------------------------------------------------------------------------
def read_paragraphs(limit: int | None = None) -> list[str]:
    lines: list[str] = []
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        for record in handle:
            for line in json.loads(record)["text"].split("\n"):
                if len(line.split()) >= 8:
                    lines.append(line.strip())
            if limit is not None and len(lines) >= limit:
                return lines[:limit]
    return lines


def _edit(words: list[str], rate: float, rng: random.Random, vocabulary: list[str]) -> list[str]:
    words = list(words)
    for _ in range(round(rate * len(words))):
        kind = rng.randrange(3)
        at = rng.randrange(len(words))
        if kind == 0:
            words[at] = rng.choice(vocabulary)
        elif kind == 1 and len(words) > 1:
            del words[at]
        else:
            words.insert(at, rng.choice(vocabulary))
    return words


def plant(lines: list[str]) -> tuple[list[str], list[tuple[int, int, float]]]:
    """Lines with planted copies right after their originals; planted (orig, copy, rate)."""
    rng = random.Random(PLANT_SEED)
    vocabulary = [w for line in lines[:2000] for w in line.split()]
    texts, planted = [], []
    for line in lines:
        texts.append(line)
        if rng.random() < PLANT_SHARE:
            rate = rng.choice(EDIT_RATES)
            planted.append((len(texts) - 1, len(texts), rate))
            texts.append(" ".join(_edit(line.split(), rate, rng, vocabulary)))
    return texts, planted


def variants(lines: list[str], n: int) -> list[str]:
    """``n`` texts for the 1M-paragraph memory run: the lines, then word-reversed and
    interleaved variants (same lengths and words, new shingles)."""
    out = list(lines)
    for make in (lambda w: w[::-1], lambda w: w[::2] + w[1::2]):
        out.extend(" ".join(make(line.split())) for line in lines)
    return out[:n]


# -- pipelines (each runs in its own process) --------------------------------------------
def python_shingles(text: str) -> list[str]:
    from dxclean.dedup.normalize import normalize

    words = normalize(text).split()
    if len(words) < SHINGLE:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def verify_python(sets: list[set], candidates) -> list[tuple[int, int, float]]:
    edges = []
    for a, b in candidates:
        inter = len(sets[a] & sets[b])
        union = len(sets[a]) + len(sets[b]) - inter
        if union and inter >= THRESHOLD * union - 1e-9:
            edges.append((a, b, inter / union))
    return edges


def pipeline_dxclean(texts: list[str], containment: bool) -> np.ndarray:
    from dxclean.config import DedupConfig
    from dxclean.dedup.edges import NEAR, find_edges
    from dxclean.dedup.engine import cluster_indices
    from dxclean.dedup.sketch import Sketcher
    from dxclean.dedup.verify import intersections, jaccard

    config = DedupConfig(threshold=THRESHOLD, num_perm=NUM_PERM, bands=BANDS, rows=ROWS, shingle_size=SHINGLE,
                         containment=0.9 if containment else 0.0)
    sk = Sketcher(config).sketch(texts)
    edges = find_edges(sk, config)
    # the clusters duplicates.jsonl is written from
    cluster_indices(len(sk), edges, lambda pairs: jaccard(*intersections(sk.hashes, sk.offsets, pairs)))
    near = edges.of(NEAR)
    return np.column_stack([near.pairs, near.similarity])


def pipeline_datasketch(texts: list[str], bulk: bool) -> np.ndarray:
    from datasketch import MinHash, MinHashLSH

    sets = [set(python_shingles(t)) for t in texts]
    keep = [i for i, s in enumerate(sets) if len(normalize_words(texts[i])) >= 5 and s]
    if bulk:
        hashes = MinHash.bulk([[s.encode() for s in sets[i]] for i in keep], num_perm=NUM_PERM, seed=1)
    else:
        hashes = []
        for i in keep:
            m = MinHash(num_perm=NUM_PERM, seed=1)
            for s in sets[i]:
                m.update(s.encode())
            hashes.append(m)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=(BANDS, ROWS))
    for i, m in zip(keep, hashes):
        lsh.insert(i, m, check_duplication=False)
    candidates = {(min(i, j), max(i, j)) for i, m in zip(keep, hashes) for j in lsh.query(m) if j != i}
    return np.array(verify_python(sets, sorted(candidates)), dtype=float).reshape(-1, 3)


def normalize_words(text: str) -> list[str]:
    from dxclean.dedup.normalize import normalize

    return normalize(text).split()


def pipeline_rensa(texts: list[str]) -> np.ndarray:
    import rensa

    sets = [set(python_shingles(t)) for t in texts]
    keep = [i for i, s in enumerate(sets) if len(normalize_words(texts[i])) >= 5 and s]
    hashes = rensa.RMinHash.from_token_sets([sorted(sets[i]) for i in keep], NUM_PERM, 1)
    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    lsh.insert_many(hashes, 0)
    candidates = set()
    for row, found in enumerate(lsh.query_all(hashes)):
        for other in found:
            if other != row:
                a, b = keep[row], keep[other]
                candidates.add((min(a, b), max(a, b)))
    return np.array(verify_python(sets, sorted(candidates)), dtype=float).reshape(-1, 3)


PIPELINES = {
    "dxclean": lambda t: pipeline_dxclean(t, containment=True),
    "dxclean-jaccard-only": lambda t: pipeline_dxclean(t, containment=False),
    "datasketch-update": lambda t: pipeline_datasketch(t, bulk=False),
    "datasketch-bulk": lambda t: pipeline_datasketch(t, bulk=True),
    "rensa": pipeline_rensa,
}


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(name: str, n: int, mode: str, out: str) -> None:
    """Run one pipeline on the first ``n`` texts and write timings + edges."""
    started = time.perf_counter()
    if mode == "variants":
        lines = read_paragraphs()
        read_s = time.perf_counter() - started
        texts = variants(lines, n)
        del lines
    else:
        lines = read_paragraphs(limit=int(n / (1 + PLANT_SHARE)) + 2000 if n else None)
        read_s = time.perf_counter() - started
        texts, _ = plant(lines)
        texts = texts[:n] if n else texts
        del lines
    began, cpu_began = time.perf_counter(), time.process_time()
    edges = PIPELINES[name](texts)
    work_s, work_cpu = time.perf_counter() - began, time.process_time() - cpu_began
    np.save(out + ".npy", edges)
    Path(out + ".json").write_text(json.dumps({
        "pipeline": name, "paragraphs": len(texts), "read_seconds": read_s, "work_seconds": work_s,
        "seconds": read_s + work_s, "work_cpu_seconds": work_cpu, "peak_rss_mb": peak_rss_mb(),
    }))


def run_child(name: str, n: int, mode: str = "planted") -> tuple[dict, np.ndarray]:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result")
        subprocess.run([sys.executable, __file__, "--child", name, "--n", str(n), "--mode", mode, "--out", out], check=True)
        info = json.loads(Path(out + ".json").read_text())
        edges = np.load(out + ".npy")
    info["paragraphs_per_second"] = info["paragraphs"] / info["seconds"]
    print(f"  {name:<22} {info['paragraphs']:>9,} paragraphs  {info['seconds']:7.1f} s  "
          f"{info['paragraphs_per_second']:9,.0f} p/s  peak {info['peak_rss_mb']:6.0f} MB", flush=True)
    return info, edges


# -- truth ---------------------------------------------------------------------------------
def exact_pairs(sk, eligible: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """All pairs with Jaccard >= threshold (AllPairs prefix filtering: exact)."""
    counts: dict[int, int] = defaultdict(int)
    for h in sk.hashes.tolist():
        counts[h] += 1
    index: dict[int, list[int]] = defaultdict(list)
    candidates = set()
    sets = {}
    for i in np.flatnonzero(eligible).tolist():
        tokens = sorted(sk.shingles(i).tolist(), key=lambda h: (counts[h], h))
        sets[i] = set(tokens)
        prefix = len(tokens) - int(np.ceil(threshold * len(tokens) - 1e-9)) + 1
        for h in tokens[:prefix]:
            for j in index[h]:
                candidates.add((j, i))
            index[h].append(i)
    truth = set()
    for a, b in candidates:
        inter = len(sets[a] & sets[b])
        if inter >= threshold * (len(sets[a]) + len(sets[b]) - inter) - 1e-9:
            truth.add((a, b))
    return truth


def brute_force(sk, items: list[int], threshold: float) -> set[tuple[int, int]]:
    sets = {i: set(sk.shingles(i).tolist()) for i in items}
    return {(a, b) for a, b in combinations(items, 2)
            if len(sets[a] & sets[b]) >= threshold * len(sets[a] | sets[b]) - 1e-9}


def clustered(n: int, edges: np.ndarray) -> np.ndarray:
    from dxclean.dedup.clusters import component_roots

    pairs = edges[:, :2].astype(np.int64) if len(edges) else np.zeros((0, 2), np.int64)
    return component_roots(n, pairs)


def recall(roots: np.ndarray, pairs) -> float:
    pairs = list(pairs)
    if not pairs:
        return float("nan")
    return sum(1 for a, b in pairs if a < len(roots) and b < len(roots) and roots[a] == roots[b]) / len(pairs)


# -- main ------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--n", type=int, default=0)
    parser.add_argument("--mode", default="planted")
    parser.add_argument("--out")
    parser.add_argument("--scaling-only", action="store_true", help="re-measure scaling into an existing results file")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.n, args.mode, args.out)
        return
    if args.scaling_only:
        path = RESULTS.with_name("dedup-quick.json" if args.quick else "dedup.json")
        result = json.loads(path.read_text())
        result["scaling"] = measure_scaling(args.quick)
        result["scaling_jaccard_only"] = measure_scaling(args.quick, pipeline="dxclean-jaccard-only")
        path.write_text(json.dumps(result, indent=1))
        return
    sys.path.insert(0, str(ROOT / "src"))
    from dxclean.config import DedupConfig
    from dxclean.dedup.edges import eligible_items
    from dxclean.dedup.normalize import normalize
    from dxclean.dedup.sketch import Sketcher

    texts, planted = plant(read_paragraphs(limit=60_000 if args.quick else None))
    n = len(texts)
    print(f"corpus: {n:,} paragraphs ({len(planted):,} planted copies)", flush=True)
    config = DedupConfig(shingle_size=SHINGLE)
    sk = Sketcher(config).sketch(texts)
    eligible = eligible_items(sk, min_words=config.min_words)
    started = time.perf_counter()
    truth = exact_pairs(sk, eligible, THRESHOLD)
    truth_seconds = time.perf_counter() - started
    sample = [int(i) for i in np.flatnonzero(eligible)[:2000]]
    sample_truth = brute_force(sk, sample, THRESHOLD)
    assert sample_truth == {p for p in truth if p[1] <= sample[-1]}, "prefix-filter truth disagrees with brute force"
    planted_j = {}
    for a, b, rate in planted:
        sa, sb = set(sk.shingles(a).tolist()), set(sk.shingles(b).tolist())
        planted_j[(a, b)] = (len(sa & sb) / len(sa | sb) if sa | sb else 0.0, rate)
    planted_above = [p for p, (j, _) in planted_j.items() if j >= THRESHOLD and eligible[p[0]] and eligible[p[1]]]
    print(f"truth: {len(truth):,} pairs >= {THRESHOLD} ({truth_seconds:.0f} s); brute-force check on "
          f"{len(sample):,} paragraphs: {len(sample_truth)} pairs, identical", flush=True)

    sub = 20_000 if not args.quick else 10_000
    runs = {}
    table = []
    for name, size in [("dxclean", n), ("dxclean-jaccard-only", n), ("rensa", n),
                       ("datasketch-bulk", min(n, 4 * sub)), ("datasketch-update", min(n, sub))]:
        info, edges = run_child(name, size)
        roots = clustered(size, edges)
        in_scope = [p for p in truth if p[1] < size]
        planted_scope = [p for p in planted_above if p[1] < size]
        # independent check of every reported pair on Python sets of shingle strings
        check = edges[np.random.default_rng(0).permutation(len(edges))[:3000]] if len(edges) else edges
        below = sum(1 for a, b, _ in check.tolist()
                    if _py_jaccard(texts[int(a)], texts[int(b)], normalize) < THRESHOLD - 1e-9)
        info.update({
            "extrapolated": size < n,
            "pairs_reported": int(len(edges)),
            "recall_all_pairs_at_threshold": recall(roots, in_scope),
            "true_pairs_in_scope": len(in_scope),
            "recall_planted_at_threshold": recall(roots, planted_scope),
            "recall_planted_any": recall(roots, [p for p in planted_j if p[1] < size]),
            "pairs_below_threshold_in_checked_sample": below,
            "pairs_checked": int(len(check)),
        })
        runs[name] = info
        table.append(info)

    rensa_pps = runs["rensa"]["paragraphs_per_second"]
    print("\n| pipeline | paragraphs | seconds | paragraphs/s | vs rensa | recall (all pairs >= 0.8) | recall (planted >= 0.8) | pairs below 0.8 | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for info in table:
        note = " (prefix, extrapolated)" if info["extrapolated"] else ""
        print(f"| {info['pipeline']}{note} | {info['paragraphs']:,} | {info['seconds']:.1f} | {info['paragraphs_per_second']:,.0f} | "
              f"{info['paragraphs_per_second'] / rensa_pps:.2f} | {info['recall_all_pairs_at_threshold']:.4f} | "
              f"{info['recall_planted_at_threshold']:.4f} | {info['pairs_below_threshold_in_checked_sample']}/{info['pairs_checked']} | "
              f"{info['peak_rss_mb']:.0f} |")
    for info in table:
        if info["extrapolated"]:
            print(f"  {info['pipeline']}: extrapolated to {n:,} paragraphs: {n / info['paragraphs_per_second']:.0f} s")

    # scaling and 1M memory
    scaling = measure_scaling(args.quick)
    scaling_jaccard_only = measure_scaling(args.quick, pipeline="dxclean-jaccard-only")
    million = 120_000 if args.quick else 1_000_000
    m_info, _ = run_child("dxclean", million, mode="variants")
    print(f"{million:,} paragraphs: {m_info['seconds']:.0f} s, peak RSS {m_info['peak_rss_mb']:.0f} MB")

    # planted-pair Jaccard by shingle choice (justifies word 3-grams)
    shingle_table = []
    for kind, size in [("word", 2), ("word", 3), ("word", 4), ("word", 5), ("char", 5)]:
        cfg = replace(config, shingle=kind, shingle_size=size)
        pair_texts = [t for a, b, _ in planted for t in (texts[a], texts[b])]
        psk = Sketcher(cfg).sketch(pair_texts)
        by_rate = defaultdict(list)
        for k, (_, _, rate) in enumerate(planted):
            sa, sb = set(psk.shingles(2 * k).tolist()), set(psk.shingles(2 * k + 1).tolist())
            by_rate[rate].append(len(sa & sb) / len(sa | sb) if sa | sb else 0.0)
        row = {"shingle": f"{kind}-{size}", "shingles_per_paragraph": float(np.mean(np.diff(psk.offsets)))}
        for rate, values in sorted(by_rate.items()):
            row[f"share_above_{THRESHOLD}_at_{int(rate * 100)}pct_edits"] = float(np.mean(np.array(values) >= THRESHOLD))
        shingle_table.append(row)
    print("\n| shingles | per paragraph | " + " | ".join(f"J>=0.8 at {int(r * 100)}% edits" for r in EDIT_RATES) + " |")
    print("|---|---:|" + "---:|" * len(EDIT_RATES))
    for row in shingle_table:
        cells = " | ".join(f"{row.get(f'share_above_{THRESHOLD}_at_{int(r * 100)}pct_edits', float('nan')):.2f}" for r in EDIT_RATES)
        print(f"| {row['shingle']} | {row['shingles_per_paragraph']:.1f} | {cells} |")

    # LSH banding: S-curve at the threshold and measured candidates/recall on the corpus
    from dxclean.dedup.edges import find_edges
    from dxclean.dedup.lsh import candidate_probability

    banding = []
    for perm, bands, rows in [(128, 32, 4), (64, 16, 4), (128, 16, 8), (120, 24, 5)]:
        cfg = replace(config, num_perm=perm, bands=bands, rows=rows, containment=0.0)
        began = time.perf_counter()
        bsk = Sketcher(cfg).sketch(texts)
        edges = find_edges(bsk, cfg)
        seconds = time.perf_counter() - began
        roots = clustered(n, np.column_stack([edges.pairs, edges.similarity]))
        banding.append({"num_perm": perm, "bands": bands, "rows": rows, "seconds": seconds,
                        "p_candidate_at_0.8": candidate_probability(0.8, bands=bands, rows=rows),
                        "p_candidate_at_0.5": candidate_probability(0.5, bands=bands, rows=rows),
                        "candidates_verified": edges.candidates, "recall_all_pairs": recall(roots, truth)})
    print("\n| num_perm | bands x rows | P(candidate) J=0.8 | J=0.5 | candidates | recall | seconds |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for row in banding:
        print(f"| {row['num_perm']} | {row['bands']} x {row['rows']} | {row['p_candidate_at_0.8']:.6f} | {row['p_candidate_at_0.5']:.3f} | "
              f"{row['candidates_verified']:,} | {row['recall_all_pairs']:.4f} | {row['seconds']:.1f} |")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "corpus": {"file": str(DATA.name), "paragraphs": n, "planted_copies": len(planted), "edit_rates": EDIT_RATES,
                   "true_pairs_at_threshold": len(truth), "planted_pairs_at_threshold": len(planted_above)},
        "settings": {"threshold": THRESHOLD, "num_perm": NUM_PERM, "bands": BANDS, "rows": ROWS, "shingle": f"word-{SHINGLE}"},
        "machine": {"cpus": os.cpu_count(), "note": "2 cores shared with other jobs; timings are noisy"},
        "pipelines": runs, "scaling": scaling, "scaling_jaccard_only": scaling_jaccard_only, "million": m_info, "shingles": shingle_table, "banding": banding,
        "quick": args.quick,
    }
    RESULTS.with_name("dedup-quick.json" if args.quick else "dedup.json").write_text(json.dumps(result, indent=1))
    print(f"\nwrote {RESULTS.with_name('dedup-quick.json' if args.quick else 'dedup.json')}")


def measure_scaling(quick: bool, repeats: int = 5, pipeline: str = "dxclean") -> dict:
    """Time of dxclean on 10x the paragraphs.

    The two sizes run alternately (small, large, small, ...) ``repeats`` times each,
    every run in a fresh process, so a burst of other work on the shared machine
    lands on both sizes alike; ratios are of the medians. The target is judged on
    the median wall time end to end (read -> clusters); CPU time of the work (read
    excluded: it is not disturbed by other processes' load, only by their cache use)
    is given too."""
    small, large = (6_000, 60_000) if quick else (40_000, 400_000)
    runs: dict[int, list[dict]] = {small: [], large: []}
    for _ in range(repeats):
        for size in (small, large):
            runs[size].append(run_child(pipeline, size)[0])
    med = {key: {size: float(np.median([r[key] for r in rs])) for size, rs in runs.items()}
           for key in ("seconds", "work_seconds", "work_cpu_seconds")}
    scaling = {
        "small": small, "large": large, "size_ratio": large / small, "repeats": repeats, "runs": runs,
        "median_seconds": {str(k): v for k, v in med["seconds"].items()},
        "median_work_seconds": {str(k): v for k, v in med["work_seconds"].items()},
        "median_work_cpu_seconds": {str(k): v for k, v in med["work_cpu_seconds"].items()},
        "wall_ratio": med["seconds"][large] / med["seconds"][small],
        "work_wall_ratio": med["work_seconds"][large] / med["work_seconds"][small],
        "cpu_ratio": med["work_cpu_seconds"][large] / med["work_cpu_seconds"][small],
    }
    print(f"\nscaling of {pipeline}, {small:,} -> {large:,} paragraphs (median of {repeats} runs each):")
    print("| measure | small s | large s | ratio |\n|---|---:|---:|---:|")
    for label, key, ratio in [("wall, end to end (read -> clusters)", "seconds", "wall_ratio"),
                              ("wall, work only", "work_seconds", "work_wall_ratio"),
                              ("CPU, work only", "work_cpu_seconds", "cpu_ratio")]:
        print(f"| {label} | {med[key][small]:.2f} | {med[key][large]:.2f} | x{scaling[ratio]:.2f} |")
    return scaling


def _py_jaccard(a: str, b: str, normalize) -> float:
    sa, sb = set(python_shingles(a)), set(python_shingles(b))
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


if __name__ == "__main__":
    main()
