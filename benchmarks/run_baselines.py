"""The baselines of ``bench_run.py``, each a whole pipeline run as its own process:
``python benchmarks/run_baselines.py NAME IN OUT``."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path


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




if __name__ == "__main__":
    BASELINES[sys.argv[1]](*sys.argv[2:])
