"""Near-duplicate detection engine (MinHash LSH with exact verification), usable on its own.

>>> from dxclean.config import DedupConfig
>>> from dxclean.dedup import find_duplicates
>>> clusters = find_duplicates([("a", "Một hai ba bốn năm sáu bảy."), ("b", "MỘT, hai ba bốn năm sáu bảy!")], config=DedupConfig())
>>> [(c.relation, c.canonical, c.members) for c in clusters]
[('near-duplicate', 'a', [('a', 1.0), ('b', 1.0)])]

Pipeline, one module each: :mod:`.normalize` (NFKC, case folding, punctuation,
optional diacritics folding) -> :mod:`.shingles` (stable 48-bit shingle hashes)
-> :mod:`.signatures` (vectorised datasketch-compatible MinHash) -> :mod:`.lsh`
(band keys, candidate pairs) and :mod:`.containment` (anchor candidates) ->
:mod:`.verify` (exact Jaccard / containment) -> :mod:`.clusters` (union-find,
canonical = first). :mod:`.sketch` and :mod:`.edges` tie them together,
:mod:`.engine` is the public entry point, :mod:`.decide` makes the ``dedup``
step's document-level decisions and :mod:`.index` persists sketches across runs.
"""

from .engine import Cluster, find_duplicates

__all__ = ["Cluster", "find_duplicates"]
