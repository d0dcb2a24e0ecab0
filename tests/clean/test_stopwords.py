"""The one-fold fast path of ``stopwords.words`` gives the per-token result."""

from __future__ import annotations

import sys

from dxclean.clean.stopwords import _WORD, FOLD_SPLITS, words


def test_fold_splits_lists_every_letter_whose_folding_leaves_the_word_class():
    found = set()
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        folded = c.casefold()
        if folded != c and (bool(_WORD.fullmatch(c)) != bool(_WORD.fullmatch(folded))):
            found.add(c)
    assert found == set(FOLD_SPLITS)


def test_words_is_the_per_token_fold():
    for text in ["Ngày 12/7, THỦ TƯỚNG chủ trì", "Straße İstanbul ǰ ΐ", "The U.S. and ÉCOLE", "ﬁnance ŉ"]:
        assert words(text) == [w.casefold() for w in _WORD.findall(text)]
