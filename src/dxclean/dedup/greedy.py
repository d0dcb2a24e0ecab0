"""Greedy keep/drop decisions over verified near-duplicate pairs, in input order.

An item is dropped only for a direct verified edge to an earlier item that is
kept, so every dropped paragraph has a kept near-copy and nothing is lost
through chains of copies. ``recheck(k, j)`` verifies a pair that is not an edge
(exact similarity, or None); :func:`dxclean.dedup.decide.decide_from` answers it
in rounds, so the same code serves engines where a check is a distributed job.
"""

from __future__ import annotations

import numpy as np


def greedy(n: int, first_item: int, pairs: np.ndarray, allowed: np.ndarray, recheck=None) -> tuple[np.ndarray, dict]:
    """``target[j]``: the earlier kept item ``j`` duplicates, or -1 if ``j`` is kept.

    ``pairs`` are ``(earlier, later)``; only ``allowed`` pairs may drop ``later``.
    LSH buckets pair neighbours, so ``j`` may have an edge only to a dropped ``i``;
    ``recheck(k, j)`` then verifies ``j`` directly against ``i``'s kept copy ``k``
    (exact similarity or None). Without it, whether ``j`` goes would depend on
    whether ``i`` is in the input, and a second run on the output would drop more.
    """
    target = np.full(n, -1, dtype=np.int64)
    rechecked: dict[tuple[int, int], float] = {}
    use = pairs[allowed & (pairs[:, 1] >= first_item)]
    for i, j in use[np.lexsort((use[:, 0], use[:, 1]))].tolist():
        if target[j] != -1 or i == j:
            continue
        if target[i] == -1:
            target[j] = i
        elif recheck is not None:
            k = int(target[i])
            if (k, j) not in rechecked:
                similarity = recheck(k, j)
                rechecked[(k, j)] = similarity
                if similarity is not None:
                    target[j] = k
    return target, {key: sim for key, sim in rechecked.items() if sim is not None}


def within_groups(n: int, first_item: int, pairs: np.ndarray, target: np.ndarray, item_doc, recheck) -> dict:
    """Second chance for kept items that have near-copies only through others.

    LSH pairs each item with some members of its buckets, not all (exact copies,
    for one, are paired with the first of their group). So a later copy inside a
    document can have edges only to copies in *other* documents, which annotate
    mode may not drop it for. Within each connected group of near-duplicates (and
    each document, unless ``item_doc`` is None), every kept item is verified
    against the earlier kept ones directly. Updates ``target``; returns the new
    similarities.
    """
    if len(pairs) == 0:
        return {}
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs.tolist():
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members = sorted(set(pairs.ravel().tolist()))
    kept: dict[tuple[int, int], list[int]] = {}
    found: dict[tuple[int, int], float] = {}
    for j in members:
        if target[j] != -1:
            continue
        key = (root(j), int(item_doc[j]) if item_doc is not None else 0)
        earlier = kept.setdefault(key, [])
        if j >= first_item:
            for k in earlier:
                similarity = recheck(k, j)
                if similarity is not None:
                    target[j] = k
                    found[(k, j)] = similarity
                    break
        if target[j] == -1:
            earlier.append(j)
    return found
