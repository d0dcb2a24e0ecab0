"""Stopword lists and stopword density, the strongest single cue for running text.

The lists in ``data/`` are jusText's (BSD licence, see ``data/NOTICE``): Vietnamese
entries are single syllables, which is what whitespace tokenisation gives.

>>> round(stopword_density("Thủ tướng nêu rõ, chuyển đổi số là xu thế tất yếu của các quốc gia", "vi"), 2)
0.62
>>> stopword_density("Skip to main content", "en")
0.5
>>> stopword_density("", "en")
0.0
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources

_WORD = re.compile(r"\w+", re.UNICODE)


def _load(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(unicodedata.normalize("NFC", w.strip()).casefold() for w in text.splitlines() if w.strip())


#: Loaded once at import: constant tables, like compiled regexes.
STOPWORDS: dict[str, frozenset[str]] = {
    "vi": _load("stopwords_vi.txt"),
    "en": _load("stopwords_en.txt"),
}
#: Used when the language is unknown: a word counts if it is a stopword of any language.
ANY_LANGUAGE = frozenset().union(*STOPWORDS.values())


#: Letters whose case folding is not all word characters ("İ" -> "i" + combining dot):
#: folding the whole text first would split a word there (tests/clean/test_stopwords.py
#: checks that the list is complete).
FOLD_SPLITS = frozenset(
    "\u0130\u01f0\u0345\u0390\u03b0\u1e96\u1e97\u1e98\u1e99\u1f50\u1f52\u1f54\u1f56\u1fb6"
    "\u1fb7\u1fc6\u1fc7\u1fd2\u1fd3\u1fd6\u1fd7\u1fe2\u1fe3\u1fe4\u1fe6\u1fe7\u1ff6\u1ff7"
)


def words(text: str) -> list[str]:
    """Case-folded word tokens (NFC first: a decomposed "ệ" would split a word in two).

    >>> words("Ngày 12/7, Thủ tướng"), words("İstanbul")
    (['ngày', '12', '7', 'thủ', 'tướng'], ['i̇stanbul'])
    """
    text = unicodedata.normalize("NFC", text)
    if FOLD_SPLITS.isdisjoint(text):
        return _WORD.findall(text.casefold())  # one fold for the line: same tokens
    return [w.casefold() for w in _WORD.findall(text)]


def stoplist(language: str | None) -> frozenset[str]:
    return STOPWORDS.get(language or "", ANY_LANGUAGE)


def stopword_density(text: str, language: str | None, tokens: list[str] | None = None) -> float:
    """Share of word tokens that are stopwords of ``language`` (any language if unknown).

    ``tokens``: ``words(text)`` when the caller has it already.
    """
    tokens = words(text) if tokens is None else tokens
    if not tokens:
        return 0.0
    stop = stoplist(language)
    return sum(1 for w in tokens if w in stop) / len(tokens)


def guess_language(texts: list[str]) -> str | None:
    """"vi", "en" or None: which stoplist covers more of the text, with a floor.

    Vietnamese is also recognised by its letters with stacked diacritics, which
    English text never has. Documented on purpose as simple: good enough to pick
    a stoplist and fill ``doc.language``.

    >>> guess_language(["Thủ tướng chủ trì hội nghị về chuyển đổi số quốc gia và các bộ"])
    'vi'
    >>> guess_language(["The minister opened the meeting on digital transformation in the city."])
    'en'
    >>> guess_language(["12345 ---"]) is None
    True
    """
    tokens = [w for t in texts for w in words(t) if not w.isdigit()]
    if len(tokens) < 3:
        return None
    shares = {
        lang: sum(1 for w in tokens if w in stop) / len(tokens) for lang, stop in STOPWORDS.items()
    }
    if shares["vi"] >= 0.15 and (shares["vi"] > shares["en"] or _vi_letter_share(tokens) > 0.1):
        return "vi"
    if shares["en"] >= 0.15:
        return "en"
    return None


def _vi_letter_share(tokens: list[str]) -> float:
    """Share of tokens with a letter only Vietnamese uses (counted only when the stoplists disagree)."""
    return sum(1 for w in tokens if _VI_LETTERS.search(w)) / len(tokens)


_VI_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
