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

from .clusters import clusters_from_roots, component_roots
from .corpus import EdgeSource, ItemFacts, LocalSource
from .edges import CONTAINED, NEAR, Edges
from .engine import cluster_indices
from .greedy import greedy, within_groups
from .index import Segment
from .lsh import sorted_unique
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


def decide(observations, config, index=None) -> DedupPlan:
    """The plan of the local engine: everything in memory (see :class:`.corpus.LocalSource`)."""
    source = LocalSource(observations, config, index)
    plan = decide_from(source, config)
    plan.segment = source.segment
    return plan


def decide_from(source: EdgeSource, config) -> DedupPlan:
    """The plan from verified edges; the same for every engine's :class:`EdgeSource`."""
    edges = source.edges()
    fresh = edges.pairs.max(axis=1, initial=-1) >= source.first_item if len(edges) else np.zeros(0, bool)
    edges = Edges(edges.pairs[fresh], edges.similarity[fresh], edges.relation[fresh], edges.candidates)
    # Work in a dense numbering of the items that have an edge (same order as the ids).
    ids = sorted_unique(edges.pairs.ravel()) if len(edges) else np.zeros(0, np.int64)
    facts = source.facts(ids)
    c = _Items(ids, facts, source.doc_ids(sorted(set(facts.slot.tolist()))), int(np.searchsorted(ids, source.first_item)))
    dense = Edges(np.searchsorted(ids, edges.pairs).reshape(-1, 2), edges.similarity, edges.relation, edges.candidates)
    first = c.first
    near, inside = dense.of(NEAR), dense.of(CONTAINED)
    same_near = c.slot[near.pairs[:, 0]] == c.slot[near.pairs[:, 1]]
    drop_cross = config.cross_doc == "drop"
    target, rechecked = _targets(source, c, near, same_near, drop_cross=drop_cross)
    sim_of = {(int(a), int(b)): float(s) for (a, b), s in zip(near.pairs, near.similarity)}
    sim_of.update(rechecked)
    decisions: dict[int, DocDecision] = {}

    def doc_decision(slot: int) -> DocDecision:
        return decisions.setdefault(source.doc_index(slot), DocDecision())

    def decision(item: int) -> DocDecision:
        return doc_decision(int(c.slot[item]))

    for j in np.flatnonzero(target >= 0).tolist():
        i = int(target[j])
        where = "paragraph" if c.slot[i] == c.slot[j] else "document " + c.doc_id(i) + ", paragraph"
        reason = f"near-duplicate of {where} {c.position[i]} (Jaccard {sim_of[(i, j)]:.2f})"
        decision(j).duplicates.append((int(c.position[j]), c.ref(i), reason))

    contained_dropped = 0
    for (small, large), share in zip(inside.pairs.tolist(), inside.similarity.tolist()):
        same = c.slot[small] == c.slot[large]
        if small < first:
            continue
        long_enough = c.words[small] >= config.contained_min_words
        may_drop = (same and config.within_doc_contained == "drop") or (not same and drop_cross)
        if may_drop and long_enough and target[small] == -1 and target[large] == -1:
            target[small] = large
            contained_dropped += 1
            where = "paragraph" if same else "document " + c.doc_id(large) + ", paragraph"
            decision(small).duplicates.append(
                (int(c.position[small]), c.ref(large), f"contained in {where} {c.position[large]} ({share:.2f} of its shingles)")
            )
        elif same:
            decision(small).contained.append(
                {"paragraph": int(c.position[small]), "container": int(c.position[large]), "containment": round(share, 4)}
            )

    clusters = _clusters(c, dense, decision, lambda pairs: source.jaccard(ids[pairs]))
    doc_edges = source.doc_edges()
    clusters += _doc_clusters(source, c, doc_edges, decision, doc_decision, len(clusters), drop=drop_cross, target=target)
    stats = {
        "paragraphs_indexed_before": source.indexed_items,
        "candidate_pairs": edges.candidates,
        "near_duplicate_pairs": len(near),
        "containment_pairs": len(inside),
        "within_doc_duplicates": int(sum(1 for j in np.flatnonzero(target >= 0) if c.slot[target[j]] == c.slot[j])),
        "contained_dropped": contained_dropped,
        "clusters": len(clusters),
        "document_pairs": len(doc_edges),
    }
    for d in decisions.values():
        d.duplicates.sort(key=lambda t: t[0])
        d.cross_doc.sort(key=lambda e: (e.get("paragraph", -1), e["cluster"]))
    return DedupPlan(decisions, clusters, None, stats)


def _targets(source: EdgeSource, c: _Items, near: Edges, same_near: np.ndarray, *, drop_cross: bool) -> tuple[np.ndarray, dict]:
    """Greedy targets (see :mod:`.greedy`), verifying in rounds.

    The greedy pass asks for exact checks of pairs that are not edges. Rather
    than one check at a time (a Ray job each), a round answers the unknown ones
    "no" and records them; they are verified together and the pass re-run. A
    round with no unknown pair made every decision on true answers, so the
    result is the one-at-a-time result, on any engine.
    """
    n = len(c.ids)
    known: dict[tuple[int, int], float | None] = {}
    while True:
        unknown: list[tuple[int, int]] = []

        def recheck(k: int, j: int) -> float | None:
            if not drop_cross and c.slot[k] != c.slot[j]:
                return None
            if (k, j) not in known:
                unknown.append((k, j))
                return None
            return known[(k, j)]

        target, rechecked = greedy(n, c.first, near.pairs, same_near | drop_cross, recheck)
        rechecked.update(within_groups(n, c.first, near.pairs, target, c.slot if not drop_cross else None, recheck))
        if not unknown:
            return target, rechecked
        asked = np.unique(np.array(unknown, dtype=np.int64), axis=0)
        found = source.verify_near(c.ids[asked])
        similarity = {(int(a), int(b)): float(s) for (a, b), s in zip(found.pairs, found.similarity)}
        for k, j in asked.tolist():
            key = (int(c.ids[k]), int(c.ids[j]))
            known[(k, j)] = similarity.get(key)


@dataclass
class _Items:
    """The items that have an edge, numbered densely in id order, with their facts."""

    ids: np.ndarray
    facts: ItemFacts
    names: dict[int, str]  # slot -> document id
    first: int  # dense number of the first item of this run

    def __post_init__(self) -> None:
        self.slot, self.position, self.words = self.facts.slot, self.facts.position, self.facts.words

    def doc_id(self, item: int) -> str:
        return self.names[int(self.slot[item])]

    def ref(self, item: int) -> dict[str, Any]:
        return {"doc": self.doc_id(item), "paragraph": int(self.position[item])}


def _member(c: _Items, item: int, similarity: float) -> dict[str, Any]:
    out = {**c.ref(item), "similarity": similarity}
    if item < c.first:
        out["indexed"] = True
    return out


def _clusters(c: _Items, edges: Edges, decision, similarity) -> list[dict]:
    """duplicates.jsonl lines of paragraph clusters; annotate cross-document members."""
    out = []
    for relation, canonical, members in cluster_indices(len(c.ids), edges, similarity):
        cid = len(out)
        out.append({
            "cluster": cid, "level": "paragraph", "relation": relation, "canonical": c.ref(canonical),
            "members": [_member(c, m, s) for m, s in members],
        })
        docs = {int(c.slot[m]) for m, _ in members}
        if len(docs) < 2:
            continue
        for m, s in members:
            if m < c.first:
                continue
            entry = {"level": "paragraph", "paragraph": int(c.position[m]), "relation": relation, "cluster": cid}
            if relation == "near-duplicate":
                entry.update(canonical=c.ref(canonical), similarity=s, members=len(members))
            elif m == canonical:
                entry.update(relation="contains", contained=[c.ref(o) for o, _ in members[1:] if c.slot[o] != c.slot[m]])
            elif c.slot[m] != c.slot[canonical]:
                entry.update(container=c.ref(canonical), similarity=s)
            else:
                continue
            decision(m).cross_doc.append(entry)
    return out


def _doc_clusters(source: EdgeSource, c: _Items, edges: Edges, decision, doc_decision, first_id: int, *,
                  drop: bool, target: np.ndarray) -> list[dict]:
    """duplicates.jsonl lines of document clusters (``edges`` join document slots)."""
    out = []
    if len(edges) == 0:
        return out
    slots = sorted_unique(edges.pairs.ravel())  # components over the documents that have an edge
    pairs = np.searchsorted(slots, edges.pairs)
    names = source.doc_ids(slots.tolist())
    sims = {(int(a), int(b)): float(s) for (a, b), s in zip(edges.pairs, edges.similarity)}
    for comp in clusters_from_roots(component_roots(len(slots), pairs)):
        comp = slots[comp]
        cid = first_id + len(out)
        canonical = int(comp[0])
        members = [{"doc": names[canonical], "similarity": 1.0}]
        for d in comp[1:].tolist():
            # Jaccard with the canonical document when they are joined directly, else None (chained).
            direct = sims.get((canonical, d))
            members.append({"doc": names[d], "similarity": None if direct is None else round(direct, 4)})
        out.append({"cluster": cid, "level": "document", "relation": "near-duplicate",
                    "canonical": {"doc": names[canonical]}, "members": members})
        for d in comp.tolist():
            if source.doc_index(d) is None:
                continue
            entry = {"level": "document", "relation": "near-duplicate", "cluster": cid,
                     "canonical": {"doc": names[canonical]}, "members": len(comp)}
            doc_decision(d).cross_doc.append(entry)
    if drop:
        first_doc = int(np.searchsorted(slots, source.first_doc))
        doc_target, _ = greedy(len(slots), first_doc, pairs, np.ones(len(pairs), bool))
        dropped = {int(slots[d]): int(slots[doc_target[d]]) for d in np.flatnonzero(doc_target >= 0).tolist()}
        for d, facts in source.items_of_docs(sorted(dropped)).items():
            kept = dropped[d]
            reason = f"document is a near-duplicate of document {names[kept]} (Jaccard {sims[(kept, d)]:.2f})"
            # Every body block goes, but for those already dropped as paragraph duplicates.
            at = np.searchsorted(c.ids, facts.ids)
            has_edge = at < len(c.ids)
            has_edge[has_edge] = c.ids[at[has_edge]] == facts.ids[has_edge]
            free = ~has_edge
            free[has_edge] = target[at[has_edge]] == -1
            target[at[has_edge & free]] = -2
            for position in facts.position[free].tolist():
                doc_decision(d).duplicates.append((position, {"doc": names[kept], "paragraph": None}, reason))
    return out
