"""Verified edges -> clusters (connected components), canonical = first in input order.

Union-find done with numpy: every node points at the smallest node index seen
in its component (min-label propagation with pointer jumping), so a cluster's
root is its member that came first in the input: deterministic and
independent of edge order.

>>> roots = component_roots(6, np.array([[4, 1], [1, 3], [5, 2]]))
>>> roots.tolist()
[0, 1, 2, 1, 1, 2]
>>> [c.tolist() for c in clusters_from_roots(roots)]
[[1, 3, 4], [2, 5]]
"""

from __future__ import annotations

import numpy as np


def component_roots(n: int, edges: np.ndarray) -> np.ndarray:
    """For each of ``n`` nodes, the smallest node index of its connected component."""
    parent = np.arange(n, dtype=np.int64)
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if len(edges) == 0:
        return parent
    a, b = edges[:, 0], edges[:, 1]
    while True:
        ra, rb = parent[a], parent[b]
        if np.array_equal(ra, rb):
            return parent
        low = np.minimum(ra, rb)
        np.minimum.at(parent, ra, low)
        np.minimum.at(parent, rb, low)
        while True:  # pointer jumping: every node points straight at its root
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def clusters_from_roots(roots: np.ndarray) -> list[np.ndarray]:
    """Components with at least two members, each sorted, ordered by their first member."""
    order = np.argsort(roots, kind="stable")
    ordered = roots[order]
    cuts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1], [True]]))
    return [order[lo:hi] for lo, hi in zip(cuts[:-1], cuts[1:]) if hi - lo > 1]
