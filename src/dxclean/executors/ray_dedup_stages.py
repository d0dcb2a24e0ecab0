"""The map and group functions of the ``dedup`` plan on Ray (see :mod:`.ray_dedup`).

Each keeps a rule of the local engine so that the edges are the same pairs:
exact copies as :func:`dxclean.dedup.edges.exact_groups`, buckets as
:func:`dxclean.dedup.lsh.candidate_pairs`, anchors as
:func:`dxclean.dedup.containment.containment_candidates`. Module-level
functions: Ray pickles them by reference.
"""

from __future__ import annotations

import pickle
from typing import Any

import numpy as np

from ..dedup.containment import anchor_mask, anchor_masks, passes_anchor_masks
from ..dedup.lsh import sorted_unique
from ..dedup.shingles import _mix64

SLOT_SHIFT = 32  # paragraph j of document slot s has id s << 32 | j
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _part(values: np.ndarray, partitions: int) -> np.ndarray:
    """Partition of a key: a mix of its bits (ids differ in their high bits only)."""
    return (_mix64(np.asarray(values).astype(np.uint64)) % np.uint64(partitions)).astype(np.int64)


def _table(columns: dict[str, Any]):
    import pyarrow as pa

    return pa.table({k: pa.array(v, type=pa.large_binary()) if k in _BINARY else pa.array(v) for k, v in columns.items()})


_BINARY = {"hashes", "keys"}


def observation_rows(block) -> list[tuple[int, bytes]]:
    """``(index, pickled observation)`` rows of a block of kept observations: flat columns,
    or a list per batch as :class:`~dxclean.executors.ray.RayExecutor` keeps them."""
    import pyarrow.compute as pc

    columns = [block["index"], block["observation"]]
    if hasattr(columns[0].type, "value_type"):
        columns = [pc.list_flatten(c) for c in columns]
    return list(zip(*(c.to_pylist() for c in columns)))


def _explode(block, *, min_words: int):
    """Observation rows -> paragraph rows (``kind`` 0) and document rows (``kind`` 1)."""
    parts: dict[str, list] = {k: [] for k in ("kind", "id", "slot", "position", "words", "size", "eligible", "fingerprint")}
    hashes, keys, doc_ids = [], [], []
    for index, payload in observation_rows(block):
        obs = pickle.loads(payload)
        sk = obs.sketches
        n = len(obs.positions)
        sizes = np.diff(sk.offsets).astype(np.int64)
        # edges.exact_groups' fingerprint: the wrapped sum of the hashes, mixed with the size
        sums = np.zeros(n, np.uint64)
        nonempty = np.flatnonzero(sizes > 0)
        if len(nonempty):
            sums[nonempty] = np.add.reduceat(sk.hashes, sk.offsets[nonempty])
        body = sorted_unique(sk.hashes)  # the whole body as one shingle set
        words = sk.words.astype(np.int64)
        total = int(words.sum())
        parts["kind"] += [np.zeros(n, np.int8), np.ones(1, np.int8)]
        parts["id"] += [(np.int64(index) << SLOT_SHIFT) | np.arange(n, dtype=np.int64), np.array([index], np.int64)]
        parts["slot"].append(np.full(n + 1, index, np.int64))
        parts["position"] += [obs.positions.astype(np.int64), np.array([-1], np.int64)]
        parts["words"] += [words, np.array([total], np.int64)]
        parts["size"] += [sizes, np.array([len(body)], np.int64)]
        parts["eligible"] += [(words >= min_words) & (sizes > 0), np.array([total >= min_words])]
        parts["fingerprint"] += [_mix64(sums ^ (sizes.astype(np.uint64) * _GOLDEN)), np.zeros(1, np.uint64)]
        buffer, at = np.ascontiguousarray(sk.hashes, np.uint64).tobytes(), (8 * sk.offsets).tolist()
        hashes += [buffer[lo:hi] for lo, hi in zip(at[:-1], at[1:])] + [body.tobytes()]
        keys += [row.tobytes() for row in np.ascontiguousarray(sk.keys)] + [np.ascontiguousarray(obs.doc_keys).tobytes()]
        doc_ids += [obs.doc_id] * (n + 1)
    out = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in parts.items()}
    out.update(hashes=hashes, keys=keys, doc_id=doc_ids)
    return _table(out)


def _rows_of(batch, *, kind: int, eligible: bool, exclude=None, ids=None, slots=None):
    keep = np.asarray(batch["kind"]) == kind
    if eligible:
        keep &= np.asarray(batch["eligible"], bool)
    if exclude is not None and len(exclude):
        keep &= ~np.isin(np.asarray(batch["id"]), exclude)
    if ids is not None:
        keep &= np.isin(np.asarray(batch["id"]), ids)
    if slots is not None:
        keep &= np.isin(np.asarray(batch["slot"]), slots)
    return keep


def _fingerprint_rows(batch, *, partitions: int):
    keep = _rows_of(batch, kind=0, eligible=True)
    fp = np.asarray(batch["fingerprint"], np.uint64)[keep]
    return {"part": _part(fp, partitions), "fingerprint": fp, "id": np.asarray(batch["id"], np.int64)[keep]}


def _copies_of_group(group):
    """``(first, copy)`` pairs of paragraphs with the same shingle set (edges.exact_groups)."""
    fp, ids = np.asarray(group["fingerprint"], np.uint64), np.asarray(group["id"], np.int64)
    order = np.lexsort((ids, fp))
    fp, ids = fp[order], ids[order]
    starts = np.concatenate([[True], fp[1:] != fp[:-1]])
    first = ids[np.flatnonzero(starts)][np.cumsum(starts) - 1]
    return {"a": first[~starts], "b": ids[~starts]}


def _band_rows(batch, *, kind: int, exclude, partitions: int):
    keep = _rows_of(batch, kind=kind, eligible=True, exclude=exclude)
    ids = np.asarray(batch["id"], np.int64)[keep]
    keys = [np.frombuffer(k, np.uint32) for k, ok in zip(batch["keys"], keep) if ok]
    bands = len(keys[0]) if keys else 0
    key = np.concatenate(keys).astype(np.uint64) if keys else np.zeros(0, np.uint64)
    band = np.tile(np.arange(bands, dtype=np.int64), len(ids))
    return {"part": _part(key ^ (band.astype(np.uint64) * _GOLDEN), partitions), "band": band, "key": key,
            "id": np.repeat(ids, bands)}


def bucket_pairs(band, key, ids, *, max_bucket: int):
    """``(a, b)`` id pairs (``a < b``) sharing a ``(band, key)`` bucket, by the rule of
    :func:`dxclean.dedup.lsh.candidate_pairs`: in a bucket ordered by id, each member
    is paired with the next ``max_bucket`` members.

    >>> a, b = bucket_pairs(np.array([0, 0, 0, 1]), np.array([7, 7, 7, 7], np.uint64), np.array([5, 2, 9, 2]), max_bucket=1)
    >>> list(zip(a.tolist(), b.tolist()))
    [(2, 5), (5, 9)]
    """
    band, key, ids = np.asarray(band, np.int64), np.asarray(key, np.uint64), np.asarray(ids, np.int64)
    if len(ids) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.lexsort((ids, key, band))
    band, key, ids = band[order], key[order], ids[order]
    starts = np.concatenate([[True], (band[1:] != band[:-1]) | (key[1:] != key[:-1])])
    group = np.cumsum(starts) - 1
    size_of = np.bincount(group)[group]
    rank = np.arange(len(ids)) - np.flatnonzero(starts)[group]
    left, right = [], []
    for d in range(1, min(int(size_of.max()), max_bucket + 1)):
        at = np.flatnonzero(rank + d < size_of)
        if len(at) == 0:
            break
        left.append(ids[at])
        right.append(ids[at + d])
    if not left:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    a, b = np.concatenate(left), np.concatenate(right)
    first, _ = _unique_pairs(a, b)
    return a[first], b[first]


def _unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the first occurrence of each distinct ``(a, b)``, in ``(a, b)`` order, and its count."""
    order = np.lexsort((b, a))
    sa, sb = a[order], b[order]
    starts = np.concatenate([[True], (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])]) if len(a) else np.zeros(0, bool)
    return order[starts], np.diff(np.append(np.flatnonzero(starts), len(a)))


def _bucket_group(group, *, max_bucket: int):
    a, b = bucket_pairs(group["band"], group["key"], group["id"], max_bucket=max_bucket)
    return {"a": a, "b": b}


_MASK = tuple(f"mask{w}" for w in range(4))  # a text's 256-bit anchor mask (containment.anchor_masks)


def _anchor_rows(batch, *, exclude, sample: int, drop: int, partitions: int):
    """One row per anchor of an active text: the grouping key (the anchor, less the
    ``drop`` low bits the local engine gives up for owner numbers), and the text's
    id, size, anchor count and anchor mask."""
    keep = np.flatnonzero(_rows_of(batch, kind=0, eligible=True, exclude=exclude))
    raw = [batch["hashes"][k] for k in keep]
    hashes = np.frombuffer(b"".join(raw), np.uint64)
    owner = np.repeat(np.arange(len(keep)), [len(r) // 8 for r in raw])
    chosen = anchor_mask(hashes, sample=sample)
    anchors, owner = hashes[chosen], owner[chosen]
    counts = np.bincount(owner, minlength=len(keep))
    masks = anchor_masks(anchors, counts)  # anchors are grouped by text, in order
    out = {"anchor": anchors >> np.uint64(drop), "id": np.asarray(batch["id"], np.int64)[keep][owner],
           "size": np.asarray(batch["size"], np.int64)[keep][owner], "anchors": counts[owner].astype(np.int64)}
    for w, name in enumerate(_MASK):
        out[name] = masks[owner, w]
    out["part"] = _part(out["anchor"], partitions)
    return out


def _anchor_group(group, *, max_postings: int, partitions: int):
    """Per anchor: ``(small, large)`` rows for texts sharing it, and each text's usable anchors
    (rows with ``large == -1``)."""
    anchor, ids = np.asarray(group["anchor"], np.uint64), np.asarray(group["id"], np.int64)
    order = np.lexsort((ids, anchor))
    anchor, ids = anchor[order], ids[order]
    size = np.asarray(group["size"], np.int64)[order]
    facts = {k: np.asarray(group[k])[order] for k in ("anchors", *_MASK)}
    starts = np.concatenate([[True], anchor[1:] != anchor[:-1]])
    group_of = np.cumsum(starts) - 1
    span = np.bincount(group_of)[group_of]
    rank = np.arange(len(ids)) - np.flatnonzero(starts)[group_of]
    usable = span <= max_postings
    smalls, larges = [np.flatnonzero(usable)], [np.full(int(usable.sum()), -1, np.int64)]
    for d in range(1, int(span[usable].max()) if usable.any() else 1):
        at = np.flatnonzero(usable & (rank + d < span))
        a, b = at, at + d
        swap = (size[a] > size[b]) | ((size[a] == size[b]) & (ids[a] > ids[b]))
        smalls.append(np.where(swap, b, a))
        larges.append(np.where(swap, a, b))
    small, large = np.concatenate(smalls), np.concatenate(larges)
    pair = large >= 0
    out = {"small": ids[small], "large": np.where(pair, ids[np.maximum(large, 0)], -1),
           "small_size": size[small], "large_size": np.where(pair, size[np.maximum(large, 0)], 0),
           "small_anchors": facts["anchors"][small]}
    for name in _MASK:
        out["small_" + name] = facts[name][small]
        out["large_" + name] = np.where(pair, facts[name][np.maximum(large, 0)], 0).astype(np.uint64)
    out["part"] = _part(out["small"], partitions)
    return out


def _containment_filter(group, *, min_share: float, min_share_all: float):
    """The local rule (containment.containment_candidates) on the pairs of one partition."""
    small, large = np.asarray(group["small"], np.int64), np.asarray(group["large"], np.int64)
    counted = large == -1
    owners, usable = np.unique(small[counted], return_counts=True)
    pairs = np.flatnonzero(~counted)
    first, shared = _unique_pairs(small[pairs], large[pairs])
    at = pairs[first]
    a, b = small[at], large[at]
    mine = usable[np.searchsorted(owners, a)] if len(a) else np.zeros(0, np.int64)
    good = (a != b) & (np.asarray(group["small_size"])[at] < np.asarray(group["large_size"])[at])
    good &= (shared >= 1) & (shared >= min_share * mine)
    masks = {side: np.stack([np.asarray(group[f"{side}_{m}"], np.uint64)[at] for m in _MASK], axis=1) for side in ("small", "large")}
    good &= passes_anchor_masks(masks["small"], masks["large"], np.asarray(group["small_anchors"])[at], min_share_all=min_share_all)
    return {"a": a[good], "b": b[good]}


def _request_rows(batch, *, kind: int, ids, partitions: int):
    keep = _rows_of(batch, kind=kind, eligible=False, ids=ids)
    item = np.asarray(batch["id"], np.int64)[keep]
    return join_rows(part=_part(item, partitions), id=item, pair=np.full(len(item), -1, np.int64),
                     side=np.full(len(item), -1, np.int64), hashes=[h for h, ok in zip(batch["hashes"], keep) if ok])


def join_rows(*, part, id, pair, side, hashes):  # noqa: A002 - the column's name
    """One schema for the two sides of the verification join (Ray's union needs it)."""
    import pyarrow as pa

    return pa.table({"part": pa.array(part, pa.int64()), "id": pa.array(id, pa.int64()), "pair": pa.array(pair, pa.int64()),
                     "side": pa.array(side, pa.int64()), "hashes": pa.array(list(hashes), pa.large_binary())})


def _attach(group, *, partitions: int):
    """Requests ``(pair, side, id)`` meet the rows of their ids; out go ``(pair, side, hashes)``."""
    ids, pair, side, hashes = np.asarray(group["id"]), np.asarray(group["pair"]), np.asarray(group["side"]), group["hashes"]
    rows = pair == -1
    found = dict(zip(ids[rows].tolist(), [hashes[k] for k in np.flatnonzero(rows)]))
    asked = np.flatnonzero(~rows)
    return join_rows(part=_part(pair[asked], partitions), id=ids[asked], pair=pair[asked], side=side[asked],
                     hashes=[found[int(ids[k])] for k in asked])


def _intersect(group):
    pair, side, hashes = np.asarray(group["pair"]), np.asarray(group["side"]), group["hashes"]
    order = np.lexsort((side, pair))
    out_pair, inter, size_a, size_b = [], [], [], []
    for k in range(0, len(order), 2):
        one, two = order[k], order[k + 1]
        a, b = np.frombuffer(hashes[one], np.uint64), np.frombuffer(hashes[two], np.uint64)
        out_pair.append(int(pair[one]))
        inter.append(len(np.intersect1d(a, b, assume_unique=True)))
        size_a.append(len(a)); size_b.append(len(b))
    return {"pair": np.array(out_pair, np.int64), "inter": np.array(inter, np.int64),
            "size_a": np.array(size_a, np.int64), "size_b": np.array(size_b, np.int64)}


def _select_rows(batch, *, kind: int, ids=None, slots=None):
    """Facts (no shingles) of the rows of ``kind`` with one of ``ids`` / ``slots``."""
    keep = _rows_of(batch, kind=kind, eligible=False, ids=ids, slots=slots)
    return {"id": np.asarray(batch["id"], np.int64)[keep], "slot": np.asarray(batch["slot"], np.int64)[keep],
            "position": np.asarray(batch["position"], np.int64)[keep], "words": np.asarray(batch["words"], np.int64)[keep],
            "doc_id": np.asarray(batch["doc_id"], dtype=object)[keep]}
