"""Which of a few readings of a word fits its neighbours? A syllable-bigram model of Vietnamese.

Lossy mojibake (:mod:`.lossy`) leaves some words with more than one well-formed
reading: "h\\u1ecd" and "h\\u1ec1" lose the same byte. Word frequency cannot tell
them apart in general; the words around them can ("c\\u1ee7a h\\u1ecd", "ch\\u00fa h\\u1ec1").
This module scores the readings of a line together with their neighbours in a
bigram model of syllables, with Dirichlet smoothing towards the unigram
frequency, and returns the posterior of each reading (forward-backward over the
line, so two damaged words side by side are decided together).

The model is a small data file (``data/lossy_context.tsv.gz``) built by
:mod:`.context_build` from VietNews articles: unigram counts, and bigram counts
only of pairs with a *confusable* syllable (one whose lossy form another
syllable shares), since only those change the choice. It is read the first time
a line needs it, and held by the :class:`ContextModel` object, never at module level.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

BOUNDARY = "<s>"  # line edges and punctuation between words
NUMBER = "<num>"
UNKNOWN = "<unk>"  # a word still broken (a U+FFFD left in it)
_WORD = re.compile(r"(?:[^\W_]|\ufffd)+")
_GAP = re.compile(r"\s*")
#: Dirichlet prior mass of the unigram distribution in P(word | previous word).
MU = 50.0
#: How many times the kept reading must be as probable as the next one, given the line.
RATIO = 20.0
DATA_FILE = "lossy_context.tsv.gz"
HEADER = "#dxclean-lossy-context\t2"  # then the total and the number of words


def _unit(word: str) -> str:
    if "\ufffd" in word:
        return UNKNOWN
    if any(ch.isdigit() for ch in word):
        return NUMBER
    return word.lower()


def units(text: str) -> list[str]:
    """The words of ``text`` (lower case, numbers as one symbol) with :data:`BOUNDARY` for every
    stretch of punctuation between or around them (spaces alone join words).

    >>> units("Theo họ, đề án 2024 là “tốt”")
    ['theo', 'họ', '<s>', 'đề', 'án', '<num>', 'là', '<s>', 'tốt', '<s>']
    """
    out: list[str] = []
    position = 0
    for match in _WORD.finditer(text):
        if not _GAP.fullmatch(text, position, match.start()) and (not out or out[-1] != BOUNDARY):
            out.append(BOUNDARY)
        out.append(_unit(match.group()))
        position = match.end()
    if position < len(text) and not _GAP.fullmatch(text, position) and (not out or out[-1] != BOUNDARY):
        out.append(BOUNDARY)
    return out


class ContextModel:
    """Syllable unigram and bigram counts, read from ``path`` (the packaged file by default) on first use.

    The file is gzipped text: a header line, then each key on a line and its count on the
    next (a word, or two words joined by a tab), which loads in one ``dict`` call.
    """

    def __init__(self, path: Path | None = None, *, mu: float = MU, ratio: float = RATIO) -> None:
        self.path = path
        self.mu = mu
        self.ratio = ratio
        self._counts: dict[str, str] | None = None
        self._total = 0
        self._vocabulary = 0

    def _load(self) -> dict[str, str]:
        if self.path is None:
            data = resources.files(__package__).joinpath("data", DATA_FILE).read_bytes()
        else:
            data = self.path.read_bytes()
        header, _, body = gzip.decompress(data).decode("utf-8").partition("\n")
        fields = header.split("\t")
        if fields[:2] != HEADER.split("\t"):
            raise ValueError(f"{self.path or DATA_FILE}: not a dxclean lossy context file")
        self._total, self._vocabulary = int(fields[2]), int(fields[3])
        lines = iter(body.split("\n"))
        self._counts = dict(zip(lines, lines))
        return self._counts

    def count(self, word: str) -> int:
        """How often ``word`` (or ``"a\tb"``, a pair) was seen."""
        counts = self._counts if self._counts is not None else self._load()
        return int(counts.get(word, 0))

    def logp(self, previous: str, word: str) -> float:
        """log P(word | previous): the bigram count smoothed towards the unigram frequency."""
        counts = self._counts if self._counts is not None else self._load()
        prior = (int(counts.get(word, 0)) + 0.5) / (self._total + 0.5 * self._vocabulary)
        pair = int(counts.get(f"{previous}\t{word}", 0))
        return math.log((pair + self.mu * prior) / (int(counts.get(previous, 0)) + self.mu))


def _inner(model: ContextModel, seq: list[str]) -> float:
    return sum(model.logp(a, b) for a, b in zip(seq, seq[1:]) if not (a == b == BOUNDARY))


def _link(model: ContextModel, left: list[str], right: list[str]) -> float:
    a, b = left[-1], right[0]
    return 0.0 if a == b == BOUNDARY else model.logp(a, b)


def _logsumexp(values: Sequence[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


def posteriors(slots: Sequence[Sequence[str]], model: ContextModel) -> list[list[float]]:
    """P(reading | the whole line) of every reading of every slot (a slot: a word's readings,
    one when it is decided), in a bigram chain from line start to line end."""
    seqs = [[units(reading) or [BOUNDARY] for reading in slot] for slot in slots]
    edge = [[BOUNDARY]]
    chain = [edge, *seqs, edge]
    inner = [[_inner(model, seq) for seq in slot] for slot in chain]
    forward = [[0.0]]
    for i in range(1, len(chain)):
        forward.append([
            inner[i][a] + _logsumexp([forward[i - 1][b] + _link(model, chain[i - 1][b], seq) for b in range(len(chain[i - 1]))])
            for a, seq in enumerate(chain[i])
        ])
    backward = [[0.0] for _ in chain]
    for i in range(len(chain) - 2, -1, -1):
        backward[i] = [
            _logsumexp([_link(model, seq, chain[i + 1][b]) + inner[i + 1][b] + backward[i + 1][b] for b in range(len(chain[i + 1]))])
            for seq in chain[i]
        ]
    total = forward[-1][0]
    return [[math.exp(f + b - total) for f, b in zip(forward[i], backward[i])] for i in range(1, len(chain) - 1)]


def choose(slots: Sequence[Sequence[str]], model: ContextModel) -> list[int | None]:
    """The index of the reading of each slot that is ``model.ratio`` times as probable as any
    other given the line, or None (a single reading is always chosen)."""
    ratio = model.ratio
    chosen: list[int | None] = []
    for probabilities in posteriors(slots, model) if any(len(s) > 1 for s in slots) else [[1.0] for _ in slots]:
        order = sorted(range(len(probabilities)), key=lambda i: -probabilities[i])
        if len(order) == 1 or probabilities[order[0]] >= ratio * probabilities[order[1]]:
            chosen.append(order[0])
        else:
            chosen.append(None)
    return chosen
