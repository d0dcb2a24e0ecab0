"""Which language a text is in: an ISO 639-1 code, or None only when it cannot be told.

py3langid (a maintained fork of langid.py; its model of 97 languages ships inside the
package, so nothing is downloaded) decides, with two short cuts for Vietnamese. Text
whose words often carry letters only Vietnamese writes (ơ, ư, ă, đ, ệ, ữ...) is
Vietnamese without loading the model. And Vietnamese that lost its
diacritics ("Thu tuong chu tri hoi nghi"), which py3langid reads as Italian, Tagalog or
Indonesian. Text of ASCII letters only whose words are nearly all shaped like Vietnamese
syllables, with enough of them Vietnamese function words written without marks, is
Vietnamese. Measured against lingua-language-detector in ``benchmarks/bench_language.py``.

>>> identifier = LanguageIdentifier()
>>> identifier.identify(["Thủ tướng chủ trì hội nghị về chuyển đổi số quốc gia."])
'vi'
>>> identifier.identify(["Thu tuong chu tri hoi nghi ve chuyen doi so quoc gia tai Ha Noi."])
'vi'
>>> identifier.identify(["Le conseil municipal a adopté le budget de l'année prochaine."])
'fr'
>>> identifier.identify(["12/7/2024 - 15:30", "***"]) is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: Only the start of a long document is read: enough to tell, and the cost stays flat.
MAX_CHARS = 3000
#: Unaccented Vietnamese: share of words shaped like a Vietnamese syllable, and share of
#: words that are Vietnamese function words (jusText's list, marks stripped), at least.
SYLLABLE_SHARE = 0.85
STOPWORD_SHARE = 0.25

_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$")
_LETTERS = re.compile(r"[^\W\d_]+")
_VIETNAMESE_ONLY = re.compile("[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
#: Share of words with such a letter from which a text is Vietnamese (running Vietnamese: ~0.5).
VIETNAMESE_LETTER_SHARE = 0.2


class LanguageIdentifier:
    """Loads py3langid's model on first use; build one per process (a step holds one)."""

    def __init__(self) -> None:
        self._model: Any = None
        self._folded_vi: frozenset[str] | None = None

    def identify(self, texts: Iterable[str]) -> str | None:
        text = unicodedata.normalize("NFC", _head(texts))
        tokens = [t.casefold() for t in _LETTERS.findall(text)]
        if not tokens:
            return None  # no letters at all: nothing to tell a language by
        if sum(1 for t in tokens if _VIETNAMESE_ONLY.search(t)) >= VIETNAMESE_LETTER_SHARE * len(tokens):
            return "vi"
        if text.isascii() and self._unaccented_vietnamese(tokens):
            return "vi"
        if self._model is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier as Model

            self._model = Model.from_model_file(MODEL_FILE)
        return str(self._model.classify(text)[0])

    def _unaccented_vietnamese(self, tokens: list[str]) -> bool:
        if len(tokens) < 3:
            return False
        if self._folded_vi is None:
            from .clean.stopwords import STOPWORDS

            self._folded_vi = frozenset(fold(w) for w in STOPWORDS["vi"]) - STOPWORDS["en"]
        syllables = sum(1 for t in tokens if _SYLLABLE.match(t))
        function_words = sum(1 for t in tokens if t in self._folded_vi)
        return syllables >= SYLLABLE_SHARE * len(tokens) and function_words >= STOPWORD_SHARE * len(tokens)


def fold(word: str) -> str:
    """A word without its diacritics.

    >>> fold("Đường"), fold("của")
    ('Duong', 'cua')
    """
    word = word.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def _head(texts: Iterable[str]) -> str:
    parts, size = [], 0
    for text in texts:
        parts.append(text)
        size += len(text) + 1
        if size >= MAX_CHARS:
            break
    return " ".join(parts)[:MAX_CHARS]


def identify_language(texts: Iterable[str]) -> str | None:
    """One-off identification (loads the model each call: use a LanguageIdentifier in loops)."""
    return LanguageIdentifier().identify(texts)
