"""MinHash signatures of many shingle sets at once, datasketch-compatible.

The scheme is datasketch's default ``affine32`` (datasketch >= 2.0): each
32-bit shingle hash is pre-mixed with the MurmurHash3 finaliser, then
permutation ``k`` maps it to ``a_k * h + b_k mod 2**32``; the signature is the
minimum per permutation. The ``a_k, b_k`` are the ones datasketch draws for the
same ``num_perm`` and ``seed``, so a row of :func:`minhash_signatures` equals
``MinHash(num_perm, seed, hashfunc=shingle_hash32)`` updated with the same
shingles one by one, and :func:`to_lean_minhash` wraps it without copying work.

All shingles of a batch are processed together: a ``(shingles x num_perm)``
block per chunk of whole texts, reduced per text with ``np.minimum.reduceat``.
"""

from __future__ import annotations

import numpy as np

#: Signature value of an empty set (datasketch's initial value).
EMPTY = np.uint32(0xFFFFFFFF)
_CHUNK_SHINGLES = 8192  # columns per block: (128 x 8192) uint32 = 4 MB, stays in cache
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` uint32 arrays datasketch draws for ``num_perm`` and ``seed``.

    Same draws as ``datasketch.MinHash(num_perm, seed, scheme="affine32").permutations``
    (odd ``a``), without importing datasketch (and scipy) in every worker; the tests
    check both agree.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before permuting."""
    s1, m1, s2, m2, s3 = _FMIX
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)


def minhash_signatures(hashes: np.ndarray, offsets: np.ndarray, perms: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """``(len(offsets) - 1, num_perm)`` uint32 signatures of the shingle sets.

    ``hashes[offsets[i]:offsets[i+1]]`` are set ``i``'s shingle hashes (only their
    low 32 bits are used). An empty set gets the all-``EMPTY`` signature.
    """
    a, b = perms
    n = len(offsets) - 1
    out = np.full((n, len(a)), EMPTY, dtype=np.uint32)
    if n == 0 or len(hashes) == 0:
        return out
    mixed = fmix32((hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    sizes = np.diff(offsets)
    nonempty = np.flatnonzero(sizes > 0)
    starts = offsets[nonempty]
    # Chunks of whole sets of about _CHUNK_SHINGLES shingles.
    cuts = np.searchsorted(starts, np.arange(0, len(hashes), _CHUNK_SHINGLES), side="left")
    cuts = np.unique(np.concatenate([cuts, [len(starts)]]))
    # Layout (num_perm, shingles): reduceat along the contiguous axis is ~4x
    # faster than the transposed layout.
    block = np.empty((len(a), min(_CHUNK_SHINGLES, len(hashes))), dtype=np.uint32)
    for first, last in zip(cuts[:-1], cuts[1:]):
        lo = starts[first]
        hi = offsets[nonempty[last - 1] + 1]
        cols = hi - lo
        buf = block[:, :cols] if cols <= block.shape[1] else np.empty((len(a), cols), dtype=np.uint32)
        np.multiply(a[:, None], mixed[None, lo:hi], out=buf)
        np.add(buf, b[:, None], out=buf)
        out[nonempty[first:last]] = np.minimum.reduceat(buf, starts[first:last] - lo, axis=1).T
    return out


def to_lean_minhash(signature: np.ndarray, *, seed: int):
    """Wrap one signature row as a datasketch ``LeanMinHash``."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=seed, hashvalues=np.asarray(signature, dtype=np.uint32), scheme="affine32")
