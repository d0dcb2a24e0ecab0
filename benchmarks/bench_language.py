"""Language identifiers on short text: py3langid vs lingua-language-detector (vs the old stoplist guess).

    python benchmarks/bench_language.py --tatoeba DIR [--articles N] [--out benchmarks/results/language.json]

Sets (accuracy = share of texts given the right ISO 639-1 code; "null" = no answer):
- ``vi-news``: Vietnamese news, from ``../shared/data/vietnews-val-3000.jsonl`` articles
  2000..2000+N (ours to develop on; the unaccented-Vietnamese rule was tuned on articles
  0..499, ``--first 0``): the title, and the first 4, 8 and 16 words of body lines;
- ``vi-news-ascii``: the same texts with their diacritics stripped (đ -> d), as scraped text
  that lost them reads;
- ``vi``/``en``/``fr``/``de``/``ru``/``zh`` from ``DIR/<code>.txt``: short Tatoeba sentences
  (one per line; Tatoeba, CC-BY 2.0 FR, taken from the Tatoeba Challenge test files) — the
  files are not in the repository; the README says where they come from.

Each identifier sees every language it knows (no restriction to the languages tested).
Speed: texts per second over all sets, in this process, one after the other; memory: the
growth of this process's peak RSS when the identifier is built and used.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from shared_data import SHARED

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def strip_marks(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def vietnamese_news(first: int, n: int) -> list[str]:
    texts = []
    with open(SHARED / "data" / "vietnews-val-3000.jsonl", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number < first:
                continue
            if number >= first + n:
                break
            paragraphs = [p for p in json.loads(line)["text"].split("\n") if p.strip()]
            texts.append(paragraphs[0])
            for words, paragraph in zip((4, 8, 16), paragraphs[2:5]):
                texts.append(" ".join(paragraph.split()[:words]))
    return texts


def load_sets(tatoeba: Path, first: int, articles: int) -> dict[str, tuple[str, list[str]]]:
    news = vietnamese_news(first, articles)
    sets = {"vi-news": ("vi", news), "vi-news-ascii": ("vi", [strip_marks(t) for t in news])}
    for code in ("vi", "en", "fr", "de", "ru", "zh"):
        path = tatoeba / f"{code}.txt"
        lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        sets[f"tatoeba-{code}"] = (code, lines)
    sets["tatoeba-vi-ascii"] = ("vi", [strip_marks(t) for t in sets["tatoeba-vi"][1]])
    return sets


def py3langid_identifier() -> Callable[[str], str | None]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    return lambda text: identifier.classify(text)[0]


def lingua_identifier(low_accuracy: bool = False) -> Callable[[str], str | None]:
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_all_languages()
    detector = (builder.with_low_accuracy_mode() if low_accuracy else builder).build()

    def identify(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else None

    return identify


def dxclean_identifier() -> Callable[[str], str | None]:
    from dxclean.language import LanguageIdentifier

    identifier = LanguageIdentifier()
    return lambda text: identifier.identify([text])


def stoplist_identifier() -> Callable[[str], str | None]:
    from dxclean.clean.stopwords import guess_language

    return lambda text: guess_language([text])


IDENTIFIERS = {
    "dxclean (py3langid + unaccented Vietnamese)": dxclean_identifier,
    "py3langid": py3langid_identifier,
    "lingua (high accuracy)": lingua_identifier,
    "lingua (low accuracy)": lambda: lingua_identifier(low_accuracy=True),
    "stoplist guess (before)": stoplist_identifier,
}


def measure(name: str, sets: dict[str, tuple[str, list[str]]]) -> dict:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    identify = IDENTIFIERS[name]()
    identify("warm up: models that load on first use load here")
    load = time.perf_counter() - started
    row: dict = {"load_s": round(load, 2)}
    total, elapsed = 0, 0.0
    for set_name, (truth, texts) in sets.items():
        start = time.perf_counter()
        answers = [identify(t) for t in texts]
        elapsed += time.perf_counter() - start
        total += len(texts)
        row[set_name] = {"accuracy": round(sum(a == truth for a in answers) / len(texts), 3),
                         "null": round(sum(a is None for a in answers) / len(texts), 3), "texts": len(texts)}
    row["texts_per_s"] = round(total / elapsed, 1)
    row["peak_rss_growth_mb"] = round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tatoeba", type=Path, required=True, help="folder of <code>.txt Tatoeba sentences")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--first", type=int, default=2000,
                        help="first VietNews article (2000: held out; the unaccented rule was tuned on 0..499)")
    parser.add_argument("--only", action="append", help="run only this identifier (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "language.json")
    args = parser.parse_args()
    sets = load_sets(args.tatoeba, args.first, args.articles)
    results = {}
    # lingua's high-accuracy models take the most memory: measured last, so the RSS growth
    # of the others is their own.
    for name in args.only or IDENTIFIERS:
        results[name] = measure(name, sets)
        print(name, json.dumps(results[name], ensure_ascii=False), flush=True)
    columns = list(sets)
    print("\n| identifier | " + " | ".join(columns) + " | texts/s | load s | RSS MB |")
    print("|---" * (len(columns) + 4) + "|")
    for name, row in results.items():
        cells = [f"{row[c]['accuracy']:.3f}" for c in columns]
        print(f"| {name} | " + " | ".join(cells) + f" | {row['texts_per_s']:.0f} | {row['load_s']} | {row['peak_rss_growth_mb']} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"sets": {k: len(v[1]) for k, v in sets.items()}, "results": results}, indent=2,
                                   ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
