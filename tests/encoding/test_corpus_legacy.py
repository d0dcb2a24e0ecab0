"""Legacy encodings and double mojibake, applied to every document, are repaired exactly.

(The other kinds are in test_corpus.py; the split only balances the two files.)
"""

from __future__ import annotations

import pytest

from dxclean.encoding.corrupt import KINDS, LEGACY_KINDS


@pytest.mark.parametrize("kind", [k for k in sorted(KINDS) if k in LEGACY_KINDS or k.startswith("double")])
def test_kind_is_repaired_exactly(corpus: list[tuple[str, str]], kind: str, check_kind) -> None:
    check_kind(corpus, kind)
