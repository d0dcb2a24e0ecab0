"""Experiment: a learned line classifier against the rules, leave-one-site-out.

    python benchmarks/block_model.py --real /work/devdata/text [--sets vi-real,en-cpe]

Needs scikit-learn (not a dependency of dxclean; install it by hand for this). For every
line of every page: the features ``clean/features.py`` computes (length, words, stopword
density, sentence end, heading shape, repeats, date, lexicon chrome, zone header,
caption marker), the page position, the same features of the two lines before and
after, and the share of running text within five lines. The label is whether the line
is in the truth's body. A HistGradientBoostingClassifier is trained on all sites of
the set but one and scores the site left out (body token F1 of the lines it keeps),
beside the rules' F1 on the same pages. Nothing here is used by dxclean.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from statistics import mean

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_text_cleaning as btc  # noqa: E402
from dxclean.clean import lexicon, zones  # noqa: E402
from dxclean.clean.features import line_features  # noqa: E402
from dxclean.clean.stopwords import guess_language  # noqa: E402
from dxclean.config import Config  # noqa: E402

N_OWN = 14


def _own(f) -> list[float]:
    return [math.log1p(f.chars), f.n_words, f.stop_density, float(f.terminal), float(f.heading_shape),
            float(f.repeats > 1), float(bool(f.date)), float(bool(f.date_prefix)), float(f.chrome is not None),
            float(f.zone_header is not None), float(f.caption_marker), f.link_density, float(zones.is_good(f)),
            float(zones._headline(f, continuing=False))]


def page_rows(lines: list[str]) -> list[list[float]]:
    feats = line_features(lines, guess_language(lines))
    own = [_own(f) for f in feats]
    n = len(feats)
    rows = []
    for i in range(n):
        row = [i / max(1, n - 1), float(n)]
        for d in (-2, -1, 0, 1, 2):
            row += own[i + d] if 0 <= i + d < n else [0.0] * N_OWN
        window = [own[j][12] for j in range(max(0, i - 5), min(n, i + 6))]
        rows.append(row + [sum(window) / len(window)])
    return rows


def page_labels(lines: list[str], gold: dict) -> list[int]:
    body = " ".join(lexicon.normalise(b) for b in gold["body"])
    return [int(bool(lexicon.normalise(line)) and lexicon.normalise(line) in body) for line in lines]


def run_set(folder: Path) -> list[str]:
    from sklearn.ensemble import HistGradientBoostingClassifier

    scorer = btc.load_scorer()
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    sites = json.loads((folder / "sites.json").read_text(encoding="utf-8"))
    names = sorted(gold)
    pages = dict(btc.read_pages(folder / "in", names))
    rows = {n: page_rows(pages[n]) for n in names}
    labels = {n: page_labels(pages[n], gold[n]) for n in names}
    rules = {r["source_path"].rsplit("/", 1)[-1]: r for r in btc.run_dxclean(list(pages.items()), Config())}
    out = ["| site left out | pages | rules F1 | model F1 |", "|---|---|---|---|"]
    rule_f1, model_f1 = [], []
    for site in sorted(set(sites[n] for n in names)):
        train = [n for n in names if sites[n] != site]
        test = [n for n in names if sites[n] == site]
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, random_state=0)
        model.fit([r for n in train for r in rows[n]], [y for n in train for y in labels[n]])
        records = []
        for n in test:
            keep = model.predict(rows[n])
            text = "\n\n".join(line for line, k in zip(pages[n], keep) if k)
            records.append({"source_path": n, "title": None, "published": None, "text": text})
        _, model_total = scorer.score({n: gold[n] for n in test}, records)
        _, rule_total = scorer.score({n: gold[n] for n in test}, [rules[n] for n in test])
        rule_f1.append(rule_total["F1"])
        model_f1.append(model_total["F1"])
        out.append(f"| {site} | {len(test)} | {rule_total['F1']:.3f} | {model_total['F1']:.3f} |")
    out.append(f"| mean of sites (LOSO) | {len(names)} | {mean(rule_f1):.3f} | {mean(model_f1):.3f} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, required=True)
    parser.add_argument("--sets", default="vi-real,en-cpe")
    args = parser.parse_args()
    for name in args.sets.split(","):
        print(f"\n{name}\n" + "\n".join(run_set(args.real / name)))


if __name__ == "__main__":
    main()
