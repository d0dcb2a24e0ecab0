"""Build the context model of :mod:`.context` from Vietnamese text (JSONL articles, ``text`` field).

    python -m dxclean.encoding.context_build ../shared/data/vietnews-val.jsonl.gz --skip 5000

counts syllables (as :func:`.context.units` reads them) in every line of the articles
from ``--skip`` on, finds the *confusable* syllables (those whose lossy form, in
cp1252 or cp1258, lower case, capitalised or in capitals, has another well-formed
reading: "họ", "hề", "hỏ", "hờ"), and writes ``data/lossy_context.tsv.gz``: the
unigram counts of ``--min-count`` or more, and the bigram counts of ``--min-pair`` or more
of the pairs with a confusable syllable on either side. Deterministic: the same
corpus gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .context import BOUNDARY, DATA_FILE, HEADER, NUMBER, UNKNOWN, units
from .detect import is_syllable
from .lossy import CODECS, REPLACEMENT, readings_of

_CASES = (str.lower, str.capitalize, str.upper)


def confusable(word: str) -> set[str]:
    """The readings (lower case) ``word`` shares a lossy form with, itself included; empty if none."""
    out: set[str] = set()
    for codec, (byte_of, undefined) in CODECS.items():
        for case in _CASES:
            shown = case(word).encode("utf-8").decode(codec, "replace")
            if REPLACEMENT not in shown:
                continue
            readings = readings_of(shown, byte_of, undefined)
            if readings is not None and len(readings) > 1:
                out.update(reading.lower() for reading in readings)
    return out


def _lines(path: Path, skip: int, limit: int | None) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as records:
        for index, record in enumerate(records):
            if index < skip:
                continue
            if limit is not None and index >= skip + limit:
                break
            text = unicodedata.normalize("NFC", json.loads(record)["text"])
            for line in text.split("\n"):
                if line.strip():
                    yield line


def build(path: Path, skip: int, limit: int | None, min_count: int, min_pair: int) -> bytes:
    unigrams: Counter[str] = Counter()
    for line in _lines(path, skip, limit):
        unigrams.update([BOUNDARY, *units(line), BOUNDARY])
    special = {BOUNDARY, NUMBER, UNKNOWN}
    confusables: set[str] = set()
    for word in unigrams:
        if word not in special and is_syllable(word):
            confusables |= confusable(word)
    bigrams: Counter[tuple[str, str]] = Counter()
    for line in _lines(path, skip, limit):
        seq = [BOUNDARY, *units(line), BOUNDARY]
        bigrams.update((a, b) for a, b in zip(seq, seq[1:]) if a in confusables or b in confusables)
    kept = {word: count for word, count in unigrams.items() if count >= min_count or word in confusables or word in special}
    kept.update((f"{a}\t{b}", count) for (a, b), count in bigrams.items() if count >= min_pair)
    out = io.StringIO()
    out.write(f"{HEADER}\t{sum(unigrams.values())}\t{len(unigrams)}\n")
    out.write("\n".join(f"{key}\n{count}" for key, count in sorted(kept.items())))
    return gzip.compress(out.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--skip", type=int, default=5000, help="articles to leave out (kept for measurement)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-count", type=int, default=2, help="fewest occurrences of a word kept")
    parser.add_argument("--min-pair", type=int, default=2, help="fewest occurrences of a pair kept")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("data") / DATA_FILE)
    args = parser.parse_args()
    data = build(args.corpus, args.skip, args.limit, args.min_count, args.min_pair)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
