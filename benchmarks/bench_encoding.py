"""Encoding repair: dxclean ``repair_text`` vs ``ftfy.fix_text`` alone, measured in one run.

Corpus: the 3,000 VietNews articles of ``../shared/data/vietnews-val-3000.jsonl``,

- ``clean``: as stored (real text: a few NFD words, NBSPs, a BOM);
- ``corrupted``: article *i* broken with corruption kind *i* mod 22 (every kind
  of :mod:`dxclean.encoding.corrupt`, legacy encodings, TCVN VN1 and the lossy kinds
  included; an article a legacy encoding cannot hold keeps the next kind that can);
- ``lossy``: every article broken by each lossy kind (``cp1252_replace``,
  ``cp1258_replace``: bytes lost as U+FFFD): characters repaired, characters left as
  ambiguous (``lossy-ambiguous``), words read wrongly (another reading of the same bytes).
  These articles are held out from the lossy context model (built from articles 5000 on).

Both functions see the same texts, one call per article, in the same process,
interleaved (repeat *r*: dxclean then ftfy), best of ``--repeat`` runs, so a
busy machine slows both alike. Reported: characters per second and the ratio
dxclean / ftfy (> 1: dxclean faster). Also reported: how many corrupted articles
each restores exactly to the clean original (NFC, without the corpus's own NBSP /
zero-width / BOM debris; TCVN3 case-insensitively; a lossy article only if every lost
byte was found), to show what the speed buys.

    .venv/bin/python benchmarks/bench_encoding.py [--docs 3000] [--repeat 3] [--lossy-only]

Writes benchmarks/results/encoding.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import unicodedata
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dxclean.encoding.context import ContextModel  # noqa: E402
from dxclean.encoding.corrupt import KINDS, Unrepresentable, corrupt  # noqa: E402
from dxclean.encoding.repair import repair_text  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "vietnews-val-3000.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "encoding.json"


def load(limit: int) -> list[str]:
    with DATA.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for _, line in zip(range(limit), lines)]


# The few invisible characters the stored articles carry, and what a repair makes
# of them: the clean original is NFC without them (as in tests/encoding).
_CORPUS_DEBRIS = {"\xa0": " ", "\u200b": "", "\ufeff": "", "\u2029": "\n"}


def clean_original(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for junk, replacement in _CORPUS_DEBRIS.items():
        text = text.replace(junk, replacement)
    return text


def corrupted_corpus(texts: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(broken texts, their clean originals, the kind used) with every kind in turn."""
    kinds = sorted(KINDS)
    broken, originals, used = [], [], []
    for index, text in enumerate(texts):
        original = clean_original(text)
        for step in range(len(kinds)):
            kind = kinds[(index + step) % len(kinds)]
            try:
                broken.append(corrupt(original, kind))
            except Unrepresentable:
                continue
            originals.append(original)
            used.append(kind)
            break
    return broken, originals, used


def timed(function, texts: list[str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    out = [function(text) for text in texts]
    return time.perf_counter() - start, out


def measure(texts: list[str], repeat: int) -> dict:
    chars = sum(len(t) for t in texts)
    context = ContextModel()  # the lossy context model, read once as the encoding step does
    ours = lambda t: repair_text(t, context=context).text  # noqa: E731
    best = {"dxclean": float("inf"), "ftfy": float("inf")}
    outputs: dict[str, list[str]] = {}
    for _ in range(repeat):
        for name, function in (("dxclean", ours), ("ftfy", ftfy.fix_text)):
            seconds, outputs[name] = timed(function, texts)
            best[name] = min(best[name], seconds)
    return {
        "chars": chars,
        "docs": len(texts),
        "dxclean_chars_per_s": round(chars / best["dxclean"]),
        "ftfy_chars_per_s": round(chars / best["ftfy"]),
        "ratio_dxclean_over_ftfy": round(best["ftfy"] / best["dxclean"], 2),
        "seconds": {name: round(value, 3) for name, value in best.items()},
    }, outputs


def _same(got: str, want: str, kind: str) -> bool:
    # TCVN3 stores no toned capitals, nor does VN1 text that has none to show it is VN1.
    caseless = kind == "tcvn3" or (kind.startswith("tcvn_vn1") and not any(c.isupper() and not c.isascii() for c in want))
    return got.casefold() == want.casefold() if caseless else got == want


def restored(outputs: list[str], originals: list[str], kinds: list[str]) -> int:
    return sum(_same(got, want, kind) for got, want, kind in zip(outputs, originals, kinds))


LOSSY_KINDS = ("cp1252_replace", "cp1258_replace")


def lossy(texts: list[str]) -> dict:
    """Every article broken by each lossy kind: the lost bytes (U+FFFD) dxclean fills in, fills
    in wrongly (another reading of the same bytes) and leaves as ambiguous; ftfy fills none."""
    report = {}
    context = ContextModel()  # read once, as the encoding step does
    for kind in LOSSY_KINDS:
        holes = filled = left = wrong_words = exact = 0
        start = time.perf_counter()
        for text in texts:
            original = clean_original(text)
            broken = corrupt(original, kind)
            got = repair_text(broken, context=context).text
            holes += broken.count("\ufffd")
            left += got.count("\ufffd")
            exact += got == original
            wrong_words += sum(
                1 for a, b in zip(got.split(), original.split()) if a != b and "\ufffd" not in a and "\ufffd" in corrupt(b, kind)
            )
        filled = holes - left
        report[kind] = {
            "articles": len(texts),
            "restored_exactly": exact,
            "lost_characters": holes,
            "repaired_characters": filled,
            "ambiguous_characters_left": left,
            "words_read_wrongly": wrong_words,
            "seconds": round(time.perf_counter() - start, 2),
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lossy-only", action="store_true", help="only the lossy kinds (no speed runs)")
    args = parser.parse_args()
    if args.lossy_only:
        for kind, row in lossy(load(args.docs)).items():
            print(kind, json.dumps(row))
        return

    texts = load(args.docs)
    broken, originals, kinds = corrupted_corpus(texts)
    load_before = os.getloadavg()[0]
    clean, _ = measure(texts, args.repeat)
    corrupted, outputs = measure(broken, args.repeat)
    corrupted["restored_exactly"] = {
        "dxclean": restored(outputs["dxclean"], originals, kinds),
        "ftfy": restored(outputs["ftfy"], originals, kinds),
        "of": len(broken),
    }
    result = {
        "benchmark": "encoding repair: dxclean repair_text vs ftfy.fix_text (defaults)",
        "corpus": f"{args.docs} vietnews-val articles; corrupted: every kind in turn ({len(KINDS)} kinds)",
        "repeat": args.repeat,
        "python": platform.python_version(),
        "ftfy": ftfy.__version__,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "clean": clean,
        "corrupted": corrupted,
        "lossy": lossy(texts),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("| corpus | chars | dxclean chars/s | ftfy chars/s | dxclean / ftfy |")
    print("|---|---:|---:|---:|---:|")
    for name in ("clean", "corrupted"):
        row = result[name]
        print(
            f"| {name} | {row['chars']:,} | {row['dxclean_chars_per_s']:,} | "
            f"{row['ftfy_chars_per_s']:,} | {row['ratio_dxclean_over_ftfy']}x |"
        )
    done = corrupted["restored_exactly"]
    print(f"\nCorrupted articles restored exactly: dxclean {done['dxclean']}/{done['of']}, ftfy {done['ftfy']}/{done['of']}")
    print("\n| lossy kind | lost characters | repaired | left as ambiguous | words read wrongly | articles restored exactly |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, row in result["lossy"].items():
        print(
            f"| `{kind}` | {row['lost_characters']:,} | {row['repaired_characters']:,} | {row['ambiguous_characters_left']:,} "
            f"| {row['words_read_wrongly']:,} | {row['restored_exactly']}/{row['articles']} |"
        )
    print(f"Load average (start, end): {result['load_average']}")


if __name__ == "__main__":
    main()
