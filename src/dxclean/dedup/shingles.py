"""Shingle sets of normalised texts as sorted arrays of stable 48-bit hashes.

A *shingle* is ``size`` consecutive words (``kind="word"``) or characters
(``kind="char"``) of a text normalised by :mod:`.normalize`. A text shorter than ``size`` has one
shingle: all of it. Every shingle is hashed to a 48-bit integer, stable across
processes and runs (blake2b of each distinct word, then a fixed multiply-xor
combination; never Python's ``hash()``), so a persistent index stays valid.

A batch is processed in a handful of numpy passes: words become 64-bit ids
(one blake2b per distinct word, memoised in the :class:`Shingler`), windows
are combined column by column, and one sort of ``(text number << 48 | hash)``
keys yields every text's sorted, de-duplicated shingle set at once.

The MinHash input of a shingle is the low 32 bits of its 48-bit hash:
:func:`shingle_hash32` computes it for a single shingle, so a datasketch
``MinHash(hashfunc=shingle_hash32)`` fed with shingle strings gives the very
signature :mod:`.signatures` computes in bulk.

>>> sh = Shingler(kind="word", size=3)
>>> hashes, offsets = sh.shingle_sets(["một hai ba bốn", "một hai ba", "", "một"])
>>> offsets.tolist()
[0, 2, 3, 3, 4]
>>> bool(set(hashes[2:3]) <= set(hashes[0:2]))
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .normalize import normalize_batch, normalize_token

import numpy as np

HASH_BITS = 48
#: Texts per sort pass: the text number must fit in the 16 bits above the hash.
MAX_BATCH = 1 << (64 - HASH_BITS)
_MASK48 = np.uint64((1 << HASH_BITS) - 1)
_MUL = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_SHIFT = np.uint64(64 - HASH_BITS)


def _mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: an avalanching bijection of uint64 (wrapping arithmetic)."""
    h = (h ^ (h >> _S30)) * _M1
    h = (h ^ (h >> _S27)) * _M2
    return h ^ (h >> _S31)


def word_id(word: str) -> int:
    """Stable 64-bit id of a word.

    >>> word_id("hà") == word_id("hà") and word_id("hà") != word_id("ha")
    True
    """
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


# Special token ids; real word ids are moved off them.
SENTINEL, SKIP, MULTI = 0, 1, 2
_SEPARATOR = " \x00 "  # joins a batch's texts: "\x00" is a token of its own


class _Vocabulary(dict):
    """raw token -> stable id of its normalised word, computed once per distinct token.

    A token that normalises to no word (punctuation) maps to SKIP; one that
    splits into several words ("06/CP") maps to MULTI and its ids are in
    ``multi``. One per Shingler, never module-level.
    """

    def __init__(self, fold: bool) -> None:
        super().__init__({"\x00": SENTINEL})
        self.fold = fold
        self.multi: dict[str, np.ndarray] = {}

    def __missing__(self, token: str) -> int:
        words = normalize_token(token, fold=self.fold)
        if not words:
            value = SKIP
        elif len(words) == 1:
            value = _real_id(words[0])
        else:
            value = MULTI
            self.multi[token] = np.array([_real_id(w) for w in words], dtype=np.uint64)
        self[token] = value
        return value


def _real_id(word: str) -> int:
    value = word_id(word)
    return value + 3 if value < 3 else value


def _ranks(lengths: np.ndarray) -> np.ndarray:
    """0, 1, ..., n-1 for each n of ``lengths``, concatenated."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - lengths, lengths)


def _window_hashes(ids: np.ndarray, starts: np.ndarray, ends: np.ndarray, size: int) -> np.ndarray:
    """Hash of the window ``ids[g : min(g + size, end)]`` for every start ``g``."""
    padded = np.concatenate([ids, np.zeros(size, dtype=np.uint64)])
    h = np.zeros(len(starts), dtype=np.uint64)
    for j in range(size):
        inside = (starts + j) < ends
        h = np.where(inside, (h ^ padded[starts + j]) * _MUL, h)
    return _mix64(h) >> _SHIFT


@dataclass
class Shingler:
    """Turns normalised texts into shingle sets (see module docstring)."""

    kind: str = "word"
    size: int = 3
    fold: bool = False
    _vocabulary: _Vocabulary = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in ("word", "char"):
            raise ValueError(f"shingle kind must be 'word' or 'char', not {self.kind!r}")
        if self.size < 1:
            raise ValueError("shingle size must be at least 1")
        self._vocabulary = _Vocabulary(self.fold)

    def units(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Unit ids (normalised words, or characters) of all raw texts, flat, and each text's count."""
        if self.kind == "char":
            normalised = [" ".join(t.split()) for t in normalize_batch(texts, fold=self.fold)]
            counts = np.fromiter(map(len, normalised), dtype=np.int64, count=len(texts))
            points = np.frombuffer("".join(normalised).encode("utf-32-le"), dtype=np.uint32)
            return _mix64(points.astype(np.uint64) + _MUL), counts
        joined = _SEPARATOR.join(texts)
        if joined.count("\x00") != len(texts) - 1:  # a text holds a NUL of its own
            joined = _SEPARATOR.join(t.replace("\x00", " ") for t in texts)
        tokens = joined.split()
        ids = np.fromiter(map(self._vocabulary.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
        text_of = np.cumsum(ids == SENTINEL)
        multi = np.flatnonzero(ids == MULTI)
        if len(multi):
            parts = [self._vocabulary.multi[tokens[p]] for p in multi.tolist()]
            lengths = np.ones(len(ids), dtype=np.int64)
            lengths[multi] = [len(part) for part in parts]
            slots = (np.cumsum(lengths) - lengths)[multi]
            ids, text_of = np.repeat(ids, lengths), np.repeat(text_of, lengths)
            ids[np.repeat(slots, lengths[multi]) + _ranks(lengths[multi])] = np.concatenate(parts)
        keep = ids > MULTI
        ids, text_of = ids[keep], text_of[keep]
        return ids, np.bincount(text_of, minlength=len(texts)).astype(np.int64)

    def shingle_sets(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(hashes, offsets)``: text ``i``'s sorted unique hashes are ``hashes[offsets[i]:offsets[i+1]]``."""
        hashes, offsets, _ = self.shingle_sets_with_units(texts)
        return hashes, offsets

    def shingle_sets_with_units(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Like :meth:`shingle_sets`, plus each text's number of units (words or characters)."""
        parts, offsets, units = [], [np.zeros(1, dtype=np.int64)], []
        for begin in range(0, len(texts), MAX_BATCH):
            hashes, per_text, counts = self._shingle_batch(texts[begin : begin + MAX_BATCH])
            parts.append(hashes)
            units.append(counts)
            offsets.append(np.cumsum(per_text) + offsets[-1][-1])
        hashes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
        words = np.concatenate(units) if units else np.zeros(0, dtype=np.int64)
        return hashes, np.concatenate(offsets), words

    def _shingle_batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ids, counts = self.units(texts)
        n = len(texts)
        ends_per_text = np.cumsum(counts)
        starts_per_text = ends_per_text - counts
        text_of_unit = np.repeat(np.arange(n, dtype=np.int64), counts)
        position = np.arange(len(ids), dtype=np.int64) - starts_per_text[text_of_unit]
        length = counts[text_of_unit]
        # A window starts at every unit that leaves `size` units to its end, and
        # at the first unit of a text shorter than `size`.
        keep = (position + self.size <= length) | ((position == 0) & (length < self.size))
        starts = np.flatnonzero(keep)
        texts_of = text_of_unit[starts]
        hashes = _window_hashes(ids, starts, ends_per_text[texts_of], self.size)
        keys = np.sort((texts_of.astype(np.uint64) << np.uint64(HASH_BITS)) | hashes)
        if len(keys):
            keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]  # faster than np.unique
        texts_of_key = (keys >> np.uint64(HASH_BITS)).astype(np.int64)
        per_text = np.bincount(texts_of_key, minlength=n)
        return keys & _MASK48, per_text, counts


def shingle_hash32(shingle: str | bytes, *, kind: str = "word") -> int:
    """The 32-bit MinHash input of one shingle given as text (datasketch ``hashfunc``).

    ``shingle`` is the normalised words of the shingle joined by spaces (or its
    characters for ``kind="char"``).

    >>> a = Shingler(size=2).shingle_sets(["năm quốc gia"])[0]
    >>> sorted(int(h) & 0xFFFFFFFF for h in a) == sorted(shingle_hash32(s) for s in ["năm quốc", "quốc gia"])
    True
    """
    if isinstance(shingle, bytes):
        shingle = shingle.decode("utf-8")
    sh = Shingler(kind=kind, size=max(1, len(shingle.split()) if kind == "word" else len(shingle)))
    hashes, _ = sh.shingle_sets([shingle])
    return int(hashes[0]) & 0xFFFFFFFF
