"""Text normalisation before shingling: NFC, case folding, punctuation, optional folding.

Two texts that differ only in Unicode composition, letter case, punctuation or
spacing normalise to the same string, so they share every shingle. Folding
(``fold=True``) also strips diacritics, for text that lost them on the way
("Thủ tướng" and "Thu tuong" become equal); it is off by default because in
Vietnamese it merges different words (ma / má / mà / mả / mã / mạ).

The shingler does not call :func:`normalize_batch` on every text: it splits
raw texts on whitespace and normalises each *distinct* token once with
:func:`normalize_token` (memoised), which gives the same words for a fraction
of the cost. :func:`normalize` is the same rule as a ``str -> str`` function.

>>> normalize("Thủ tướng: Năm 2023, DỨT KHOÁT!")
'thủ tướng năm 2023 dứt khoát'
>>> normalize("Thủ tướng: Năm 2023", fold=True)
'thu tuong nam 2023'
>>> normalize_batch(["A, b.", "", "Ｃ"])
['a  b ', '', 'c']
"""

from __future__ import annotations

import re
import unicodedata

# Anything that is not a letter or digit separates words: punctuation and any
# whitespace but the newline that joins a batch become a plain space.
_SEPARATORS = re.compile(r"[^\w\n]|_")
_NOT_WORD = re.compile(r"[^\w]|_")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_D_BAR = str.maketrans({"đ": "d", "Đ": "D"})


def normalize(text: str, *, fold: bool = False) -> str:
    """The normalised form of one text, words separated by single spaces."""
    return " ".join(normalize_batch([text], fold=fold)[0].split())


def normalize_token(token: str, *, fold: bool = False) -> list[str]:
    """The words of one whitespace-free token (punctuation splits and disappears).

    >>> normalize_token("“Đề-án”,"), normalize_token("06/CP"), normalize_token("…")
    (['đề', 'án'], ['06', 'cp'], [])
    """
    token = unicodedata.normalize("NFKC", token).casefold()
    if fold:
        token = fold_diacritics(token)
    if token.isalnum():
        return [token]
    return [w for w in _NOT_WORD.split(token) if w]


def normalize_batch(texts: list[str], *, fold: bool = False) -> list[str]:
    """Normalise many texts at once.

    Words are separated by one or more plain spaces (collapsing the runs would
    cost a pass; the shingler does not need it); otherwise the same as
    :func:`normalize`.
    """
    if not texts:
        return []
    # NFKC rather than plain NFC: full-width and compatibility forms (Ｃ, ﬁ)
    # match their plain letters. The quick check skips the (costly) full
    # normalisation for the many texts that are already normal.
    texts = [t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", t) for t in texts]
    # Newlines inside a text would break the split below: they are spaces here.
    joined = "\n".join(texts) if not any("\n" in t or "\r" in t for t in texts) else "\n".join(
        t.replace("\n", " ").replace("\r", " ") for t in texts
    )
    joined = joined.casefold()
    if fold:
        joined = fold_diacritics(joined)
    joined = _SEPARATORS.sub(" ", joined)
    return joined.split("\n")


def fold_diacritics(text: str) -> str:
    """Strip diacritics: combining marks, đ -> d, then unidecode for what is left.

    >>> fold_diacritics("Đà Nẵng, Hà Nội, Zürich")
    'Da Nang, Ha Noi, Zurich'
    """
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text)).translate(_D_BAR)
    if stripped.isascii():
        return stripped
    from unidecode import unidecode  # only the rare non-Latin leftovers need it

    return _NON_ASCII.sub(lambda m: unidecode(m.group()), stripped)
