"""Document-aware decisions of the ``dedup`` step, from verified edges.

Items are paragraphs of the persistent index (earlier runs) first, then the
body paragraphs of this run's documents in input order, so "earlier" is always
"smaller item number". Decisions are greedy in that order: an item is dropped
only if it has a direct verified edge to an earlier item that is kept, so every
dropped paragraph has a kept near-copy (or container) and no content is lost
through chains of copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .edges import CONTAINED, NEAR, Edges, find_edges, verify_near
from .engine import cluster_indices
from .index import Segment
from .lsh import candidate_pairs
from .sketch import Sketches


@dataclass
class DocSketch:
    """What ``observe`` returns: compact arrays, no Python object per paragraph."""

    doc_id: str
    positions: np.ndarray  # int32 positions of the sketched body blocks
    sketches: Sketches
    doc_keys: np.ndarray  # uint64 (bands,): band keys of the whole body


@dataclass
class DocDecision:
    """What ``apply`` needs for one document."""

    duplicates: list[tuple[int, dict, str]] = field(default_factory=list)  # (position, duplicate_of, reason)
    cross_doc: list[dict] = field(default_factory=list)
    contained: list[dict] = field(default_factory=list)


@dataclass
class DedupPlan:
    decisions: dict[int, DocDecision]
    clusters: list[dict]
    segment: Segment | None = None  # this run's sketches, appended to --index
    stats: dict[str, int] = field(default_factory=dict)


@dataclass
class _Corpus:
    """All items (index first) with their document slot and block position."""

    sk: Sketches
    item_doc: np.ndarray
    positions: np.ndarray
    doc_ids: list[str]
    doc_keys: np.ndarray
    doc_index: list[int | None]  # executor's document index per slot (None: from the index)
    first_item: int  # items before this one come from the index
    first_doc: int

    def ref(self, item: int) -> dict[str, Any]:
        return {"doc": self.doc_ids[self.item_doc[item]], "paragraph": int(self.positions[item])}


def _assemble(observations: list[tuple[int, DocSketch]], config, index) -> tuple[_Corpus, Segment]:
    old = index.load() if index is not None else None
    bands = config.bands
    run = Segment(
        Sketches.concat([o.sketches for _, o in observations], bands=bands),
        np.repeat(np.arange(len(observations), dtype=np.int32), [len(o.positions) for _, o in observations]),
        np.concatenate([o.positions for _, o in observations]) if observations else np.zeros(0, np.int32),
        [o.doc_id for _, o in observations],
        np.stack([o.doc_keys for _, o in observations]) if observations else np.zeros((0, bands), np.uint32),
    )
    parts = [old, run] if old is not None else [run]
    n_old_docs = len(old.doc_ids) if old is not None else 0
    corpus = _Corpus(
        Sketches.concat([p.sketches for p in parts], bands=bands),
        np.concatenate([parts[0].item_doc] + ([run.item_doc + n_old_docs] if old is not None else [])),
        np.concatenate([p.positions for p in parts]),
        [d for p in parts for d in p.doc_ids],
        np.concatenate([p.doc_keys for p in parts]),
        [None] * n_old_docs + [i for i, _ in observations],
        len(old.positions) if old is not None else 0,
        n_old_docs,
    )
    return corpus, run


def _greedy(n: int, first_item: int, pairs: np.ndarray, allowed: np.ndarray, recheck=None) -> tuple[np.ndarray, dict]:
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


def _within_groups(n: int, first_item: int, pairs: np.ndarray, target: np.ndarray, item_doc, recheck) -> dict:
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


def _doc_edges(corpus: _Corpus, config) -> Edges:
    """Verified near-duplicate edges between whole documents (bodies as one shingle set)."""
    words = np.bincount(corpus.item_doc, weights=corpus.sk.words, minlength=len(corpus.doc_ids))
    eligible = np.flatnonzero(words >= config.min_words)
    local = candidate_pairs(corpus.doc_keys[eligible], max_bucket=config.max_bucket)
    pairs = eligible[local].reshape(-1, 2)
    pairs = pairs[pairs[:, 1] >= corpus.first_doc]
    if len(pairs) == 0:
        return Edges.empty()
    involved = np.unique(pairs)
    order = np.argsort(corpus.item_doc, kind="stable")
    bounds = np.searchsorted(corpus.item_doc[order], np.stack([involved, involved + 1]))
    sets = [np.unique(np.concatenate([corpus.sk.shingles(i) for i in order[lo:hi]] or [np.zeros(0, np.uint64)]))
            for lo, hi in bounds.T]
    doc_sk = Sketches(np.concatenate(sets), np.concatenate([[0], np.cumsum([len(s) for s in sets])]),
                      np.zeros(len(sets), np.int32), np.zeros((len(sets), 0), np.uint64))
    found = verify_near(doc_sk, np.searchsorted(involved, pairs), threshold=config.threshold)
    return Edges(involved[found.pairs], found.similarity, found.relation, len(pairs))


def decide(observations: list[tuple[int, DocSketch]], config, index=None) -> DedupPlan:
    """The whole plan (see module docstring and the step's docstring)."""
    corpus, run = _assemble(observations, config, index)
    n, first = len(corpus.sk), corpus.first_item
    edges = find_edges(corpus.sk, config)
    fresh = edges.pairs.max(axis=1, initial=-1) >= first if len(edges) else np.zeros(0, bool)
    edges = Edges(edges.pairs[fresh], edges.similarity[fresh], edges.relation[fresh], edges.candidates)
    near, inside = edges.of(NEAR), edges.of(CONTAINED)
    same_near = corpus.item_doc[near.pairs[:, 0]] == corpus.item_doc[near.pairs[:, 1]]
    drop_cross = config.cross_doc == "drop"
    def recheck(k: int, j: int) -> float | None:
        if not drop_cross and corpus.item_doc[k] != corpus.item_doc[j]:
            return None
        found = verify_near(corpus.sk, np.array([[k, j]], dtype=np.int64), threshold=config.threshold)
        return float(found.similarity[0]) if len(found) else None

    target, rechecked = _greedy(n, first, near.pairs, same_near | drop_cross, recheck)
    rechecked.update(_within_groups(n, first, near.pairs, target, corpus.item_doc if not drop_cross else None, recheck))
    sim_of = {(int(a), int(b)): float(s) for (a, b), s in zip(near.pairs, near.similarity)}
    sim_of.update(rechecked)
    decisions: dict[int, DocDecision] = {}

    def decision(item: int) -> DocDecision:
        return decisions.setdefault(corpus.doc_index[corpus.item_doc[item]], DocDecision())

    def doc_decision(slot: int) -> DocDecision:
        return decisions.setdefault(corpus.doc_index[slot], DocDecision())

    for j in np.flatnonzero(target >= 0).tolist():
        i = int(target[j])
        where = "paragraph" if corpus.item_doc[i] == corpus.item_doc[j] else "document " + corpus.doc_ids[corpus.item_doc[i]] + ", paragraph"
        reason = f"near-duplicate of {where} {corpus.positions[i]} (Jaccard {sim_of[(i, j)]:.2f})"
        decision(j).duplicates.append((int(corpus.positions[j]), corpus.ref(i), reason))

    contained_dropped = 0
    for (small, large), share in zip(inside.pairs.tolist(), inside.similarity.tolist()):
        same = corpus.item_doc[small] == corpus.item_doc[large]
        if small < first:
            continue
        long_enough = corpus.sk.words[small] >= config.contained_min_words
        may_drop = (same and config.within_doc_contained == "drop") or (not same and drop_cross)
        if may_drop and long_enough and target[small] == -1 and target[large] == -1:
            target[small] = large
            contained_dropped += 1
            where = "paragraph" if same else "document " + corpus.doc_ids[corpus.item_doc[large]] + ", paragraph"
            decision(small).duplicates.append(
                (int(corpus.positions[small]), corpus.ref(large), f"contained in {where} {corpus.positions[large]} ({share:.2f} of its shingles)")
            )
        elif same:
            decision(small).contained.append(
                {"paragraph": int(corpus.positions[small]), "container": int(corpus.positions[large]), "containment": round(share, 4)}
            )

    clusters = _clusters(corpus, edges, decision)
    doc_edges = _doc_edges(corpus, config)
    clusters += _doc_clusters(corpus, doc_edges, decision, doc_decision, len(clusters), drop=drop_cross, target=target)
    stats = {
        "paragraphs_indexed_before": first,
        "candidate_pairs": edges.candidates,
        "near_duplicate_pairs": len(near),
        "containment_pairs": len(inside),
        "within_doc_duplicates": int(sum(1 for j in np.flatnonzero(target >= 0) if corpus.item_doc[target[j]] == corpus.item_doc[j])),
        "contained_dropped": contained_dropped,
        "clusters": len(clusters),
        "document_pairs": len(doc_edges),
    }
    for d in decisions.values():
        d.duplicates.sort(key=lambda t: t[0])
        d.cross_doc.sort(key=lambda e: (e.get("paragraph", -1), e["cluster"]))
    return DedupPlan(decisions, clusters, run, stats)


def _member(corpus: _Corpus, item: int, similarity: float) -> dict[str, Any]:
    out = {**corpus.ref(item), "similarity": similarity}
    if item < corpus.first_item:
        out["indexed"] = True
    return out


def _clusters(corpus: _Corpus, edges: Edges, decision) -> list[dict]:
    """duplicates.jsonl lines of paragraph clusters; annotate cross-document members."""
    out = []
    for relation, canonical, members in cluster_indices(corpus.sk, edges):
        cid = len(out)
        out.append({
            "cluster": cid, "level": "paragraph", "relation": relation, "canonical": corpus.ref(canonical),
            "members": [_member(corpus, m, s) for m, s in members],
        })
        docs = {int(corpus.item_doc[m]) for m, _ in members}
        if len(docs) < 2:
            continue
        for m, s in members:
            if m < corpus.first_item:
                continue
            entry = {"level": "paragraph", "paragraph": int(corpus.positions[m]), "relation": relation, "cluster": cid}
            if relation == "near-duplicate":
                entry.update(canonical=corpus.ref(canonical), similarity=s, members=len(members))
            elif m == canonical:
                entry.update(relation="contains", contained=[corpus.ref(o) for o, _ in members[1:] if corpus.item_doc[o] != corpus.item_doc[m]])
            elif corpus.item_doc[m] != corpus.item_doc[canonical]:
                entry.update(container=corpus.ref(canonical), similarity=s)
            else:
                continue
            decision(m).cross_doc.append(entry)
    return out


def _doc_clusters(corpus: _Corpus, edges: Edges, decision, doc_decision, first_id: int, *, drop: bool, target: np.ndarray) -> list[dict]:
    from .clusters import clusters_from_roots, component_roots

    out = []
    sims = {(int(a), int(b)): float(s) for (a, b), s in zip(edges.pairs, edges.similarity)}
    for comp in clusters_from_roots(component_roots(len(corpus.doc_ids), edges.pairs)):
        cid = first_id + len(out)
        canonical = int(comp[0])
        members = [{"doc": corpus.doc_ids[canonical], "similarity": 1.0}]
        for d in comp[1:].tolist():
            # Jaccard with the canonical document when they are joined directly, else None (chained).
            direct = sims.get((canonical, d))
            members.append({"doc": corpus.doc_ids[d], "similarity": None if direct is None else round(direct, 4)})
        out.append({"cluster": cid, "level": "document", "relation": "near-duplicate",
                    "canonical": {"doc": corpus.doc_ids[canonical]}, "members": members})
        for d in comp.tolist():
            if corpus.doc_index[d] is None:
                continue
            entry = {"level": "document", "relation": "near-duplicate", "cluster": cid,
                     "canonical": {"doc": corpus.doc_ids[canonical]}, "members": len(comp)}
            doc_decision(d).cross_doc.append(entry)
    if drop:
        doc_target, _ = _greedy(len(corpus.doc_ids), corpus.first_doc, edges.pairs, np.ones(len(edges), bool))
        items_of = np.argsort(corpus.item_doc, kind="stable")
        bounds = np.searchsorted(corpus.item_doc[items_of], np.arange(len(corpus.doc_ids) + 1))
        for d in np.flatnonzero(doc_target >= 0).tolist():
            kept = int(doc_target[d])
            reason = f"document is a near-duplicate of document {corpus.doc_ids[kept]} (Jaccard {sims[(kept, d)]:.2f})"
            for item in items_of[bounds[d]:bounds[d + 1]].tolist():
                if target[item] == -1:
                    target[item] = -2
                    decision(item).duplicates.append((int(corpus.positions[item]), {"doc": corpus.doc_ids[kept], "paragraph": None}, reason))
    return out
