"""How often the ``source`` field is right on plain news articles (VietNews validation split).

    python benchmarks/bench_sources.py [--limit N] [--sample 100] [--out benchmarks/results/sources.json]

Runs ``dxclean run`` (default steps, 1 worker) on the VietNews validation records as
JSONL and reports, for the ``source`` field:

* how many documents get a non-null source;
* automatic precision and recall where the article closes with a credit line of its
  own (one of its last eight lines is "Theo X" / "(Theo X)", else "Nguồn: X", found by
  the regular expression below, written independently of the cleaner's lexicon; in
  these records "Theo X" credits the article and "Nguồn: X" under a caption the
  photo): the source is right when it equals X;
* a seeded random sample of the non-null sources (``--sample``), with the line they
  came from and the article's last lines, written to ``sources-sample.tsv`` beside
  the JSON for a reading by hand (the README gives the tallies of that reading).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from shared_data import SHARED  # noqa: E402

import dxclean  # noqa: E402

#: A credit line: "Theo VOV", "Nguồn: Chinhphu.vn", "(Theo CNN)" -- a short name, not a sentence.
CREDIT = re.compile(r"^\(?\s*(?:Theo|theo|Nguồn)\s*:?\s+(?P<name>[A-ZĐÀ-Ỹ][^(),;:!?]{1,40}?)\s*\)?\s*\.?$")


def _short_name(name: str) -> bool:
    return len(name.split()) <= 5 and not name.endswith(".")


def credit_of(text: str) -> str | None:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    found = []
    for line in reversed(lines[-8:]):
        match = CREDIT.match(line)
        if match and _short_name(match.group("name").strip()):
            found.append((not line.lstrip("( ").lower().startswith("theo"), match.group("name").strip()))
    return sorted(found, key=lambda item: item[0])[0][1] if found else None  # nearest "Theo" first


def norm(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SHARED / "data" / "vietnews-val.jsonl.gz")
    parser.add_argument("--limit", type=int, default=0, help="first N records only (0: all)")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "sources.json")
    args = parser.parse_args()
    opener = gzip.open if args.input.suffix == ".gz" else open
    with opener(args.input, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if args.limit:
        records = records[: args.limit]
    texts = {r["id"]: r["text"] for r in records}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        with (src / "vietnews.jsonl").open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
        dxclean.run(src, Path(tmp) / "out", dxclean.Config(workers=1))
        docs = [json.loads(line) for line in (Path(tmp) / "out" / "documents.jsonl").open(encoding="utf-8")]
    with_source = [d for d in docs if d.get("source")]
    credited = {d["id"]: credit_of(texts.get(d["id"], "")) for d in docs}
    credited = {k: v for k, v in credited.items() if v}
    emitted_on_credited = [d for d in with_source if d["id"] in credited]
    right = sum(norm(d["source"]) == norm(credited[d["id"]]) for d in emitted_on_credited)
    found = sum(norm(d.get("source")) == norm(credited.get(d["id"])) for d in docs if d["id"] in credited)
    result = {
        "documents": len(docs),
        "non_null_sources": len(with_source),
        "with_credit_line": len(credited),
        "precision_where_credit_line": round(right / len(emitted_on_credited), 4) if emitted_on_credited else None,
        "recall_of_credit_lines": round(found / len(credited), 4) if credited else None,
        "emitted_without_credit_line": len(with_source) - len(emitted_on_credited),
    }
    sample = random.Random(16).sample(with_source, min(args.sample, len(with_source)))
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    with (args.out.parent / "sources-sample.tsv").open("w", encoding="utf-8") as f:
        f.write("id\tsource\tcredit line\tlast lines\n")
        for d in sample:
            tail = " / ".join(line for line in texts.get(d["id"], "").split("\n") if line.strip())[-200:]
            f.write(f"{d['id']}\t{d['source']}\t{credited.get(d['id'], '')}\t{tail}\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
