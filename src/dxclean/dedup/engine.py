"""The public engine: texts in, clusters of near-duplicates out (no pipeline needed).

>>> from dxclean.config import DedupConfig
>>> texts = [
...     ("a", "Hội nghị trực tuyến toàn quốc sơ kết một năm triển khai Đề án 06 của Chính phủ."),
...     ("b", "Thời tiết Hà Nội hôm nay nắng nóng, chiều tối có mưa rào và dông rải rác."),
...     ("c", "Hội nghị trực tuyến toàn quốc sơ kết một năm triển khai Đề án 06 của Chính phủ!"),
... ]
>>> [(c.relation, c.canonical, c.members) for c in find_duplicates(texts, config=DedupConfig())]
[('near-duplicate', 'a', [('a', 1.0), ('c', 1.0)])]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .clusters import clusters_from_roots, component_roots
from .edges import CONTAINED, NEAR, Edges, find_edges
from .sketch import Sketcher, Sketches
from .verify import intersections, jaccard


@dataclass
class Cluster:
    """Members are ``(item, similarity to the canonical one)``, canonical first.

    ``relation`` is ``"near-duplicate"`` (a connected component of edges of
    Jaccard >= threshold; similarity is the exact Jaccard with the canonical
    member) or ``"contained-in"`` (the canonical member is a longer text and
    the others are contained in it; similarity is their containment).
    """

    relation: str
    canonical: Any
    members: list[tuple[Any, float]]


def cluster_indices(n: int, edges: Edges, similarity) -> list[tuple[str, int, list[tuple[int, float]]]]:
    """Clusters over item indices ``0..n-1``: ``(relation, canonical, [(member, similarity), ...])``.

    ``similarity(pairs)`` gives the exact Jaccard of ``(canonical, member)`` pairs
    (members of a component need not be joined to its canonical item directly).
    Ordered by canonical index, near-duplicate clusters before containment ones.
    """
    near = edges.of(NEAR)
    comps = clusters_from_roots(component_roots(n, near.pairs))
    out: list[tuple[str, int, list[tuple[int, float]]]] = []
    if comps:
        canon = np.concatenate([np.full(len(c) - 1, c[0]) for c in comps])
        others = np.concatenate([c[1:] for c in comps])
        sims = similarity(np.stack([canon, others], axis=1))
        at = 0
        for c in comps:
            members = [(int(c[0]), 1.0)] + [(int(m), round(float(s), 4)) for m, s in zip(c[1:], sims[at : at + len(c) - 1])]
            at += len(c) - 1
            out.append(("near-duplicate", int(c[0]), members))
    inside = edges.of(CONTAINED)
    if len(inside):
        order = np.lexsort((inside.pairs[:, 0], inside.pairs[:, 1]))
        pairs, sims = inside.pairs[order], inside.similarity[order]
        cuts = np.flatnonzero(np.concatenate([[True], pairs[1:, 1] != pairs[:-1, 1], [True]]))
        for lo, hi in zip(cuts[:-1], cuts[1:]):
            container = int(pairs[lo, 1])
            members = [(container, 1.0)] + [(int(p), round(float(s), 4)) for p, s in zip(pairs[lo:hi, 0], sims[lo:hi])]
            out.append(("contained-in", container, members))
    out.sort(key=lambda c: (c[1], c[0] != "near-duplicate"))
    return out


def find_duplicates(items: Iterable[tuple[Any, str]], *, config) -> list[Cluster]:
    """Clusters of near-duplicate and contained texts among ``(key, text)`` items.

    ``config`` is a :class:`dxclean.config.DedupConfig`. Canonical = first in
    input order (near-duplicates) or the container (containment).
    """
    keys, texts = [], []
    for key, text in items:
        keys.append(key)
        texts.append(text)
    sk = Sketcher(config).sketch(texts)
    edges = find_edges(sk, config)
    return [
        Cluster(relation, keys[canonical], [(keys[i], s) for i, s in members])
        for relation, canonical, members in cluster_indices(
            len(sk), edges, lambda pairs: jaccard(*intersections(sk.hashes, sk.offsets, pairs)))
    ]


def find_edges_for_texts(texts: list[str], *, config) -> tuple[Sketches, Edges]:
    """Sketches and verified edges of ``texts`` (the benchmark's entry point)."""
    sk = Sketcher(config).sketch(texts)
    return sk, find_edges(sk, config)
