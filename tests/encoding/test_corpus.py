"""Clean text passes unchanged, and corrupted text is repaired exactly, on the whole corpus.

The corpus is the seeds plus 3,000 VietNews articles (see conftest.py). Legacy
encodings and double mojibake (the slower kinds) are in test_corpus_legacy.py,
so that ``pytest -n 2 --dist loadfile`` runs the two files side by side.
"""

from __future__ import annotations

import pytest

from dxclean.encoding.corrupt import KINDS, LEGACY_KINDS
from dxclean.encoding.repair import repair_text


def in_legacy_file(kind: str) -> bool:
    return kind in LEGACY_KINDS or kind.startswith("double")


def test_clean_text_passes_unchanged(corpus: list[tuple[str, str]], first_difference) -> None:
    changed = [
        (name, first_difference(result.text, text))
        for name, text in corpus
        if (result := repair_text(text)).text != text or result.repairs
    ]
    assert not changed, f"{len(changed)} clean documents changed: {changed[:3]}"


def test_corpus_debris_is_the_only_change_to_raw_text(raw_corpus: list[tuple[str, str]], clean_original) -> None:
    """As stored (NFD words, NBSP, BOM, ...), the text comes out as its clean original."""
    wrong = [name for name, text in raw_corpus if repair_text(text).text != clean_original(text)]
    assert not wrong, f"{len(wrong)} documents: {wrong[:5]}"


@pytest.mark.parametrize("kind", [k for k in sorted(KINDS) if not in_legacy_file(k)])
def test_kind_is_repaired_exactly(corpus: list[tuple[str, str]], kind: str, check_kind) -> None:
    check_kind(corpus, kind)
