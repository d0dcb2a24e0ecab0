"""Dedup invariants: the first occurrence is kept; a document deduplicated against
itself loses only its internal repeats (and nothing across documents in annotate mode)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dxclean.testing import sentences

from fuzz.runs import dxclean_run, fuzz_config, scaled, skip_unless_pipeline

DEDUP = fuzz_config(steps=["dedup"])


@st.composite
def pages_with_repeats(draw) -> tuple[list[str], list[str]]:
    """(blocks with exact repeats, the distinct blocks in first-occurrence order)."""
    # Paragraphs share no sentence, so no distinct paragraph contains or nears another.
    sents = draw(st.lists(sentences("vi", min_words=8), min_size=2, max_size=14, unique=True))
    cut = sorted(draw(st.sets(st.integers(1, len(sents) - 1), max_size=5)))
    paragraphs = [" ".join(sents[a:b]) for a, b in zip([0, *cut], [*cut, len(sents)])]
    order = draw(st.lists(st.sampled_from(range(len(paragraphs))), min_size=1, max_size=12))
    order = list(range(len(paragraphs))) + order  # every paragraph at least once
    order = draw(st.permutations(order))
    blocks = [paragraphs[i] for i in order]
    return blocks, list(dict.fromkeys(blocks))


@pytest.fixture(scope="module", autouse=True)
def needs_dedup():
    skip_unless_pipeline(DEDUP)


def page(blocks: list[str]) -> bytes:
    return ("\n".join(blocks) + "\n").encode()


@scaled(0.5)
@given(case=pages_with_repeats())
def test_within_a_document_the_first_occurrence_is_kept(case):
    blocks, distinct = case
    with dxclean_run({"a.txt": page(blocks)}, DEDUP) as output:
        (doc,) = output.documents
        assert doc["text"].split("\n\n") == distinct
        first = [blocks.index(p) for p in distinct]
        assert doc["metadata"]["body_positions"] == first
        for line in output.removed:
            assert line["label"] == "duplicate" and line["position"] not in first
            assert blocks[line["position"]] in distinct and line["duplicate_of"]["doc"] == doc["id"]


_P = "Chính Chính Chính Chính Chính Chính Chính Chính. Chính Chính Chính Chính Chính Chính Chính phủ."


@scaled(0.5)
@given(case=pages_with_repeats())
@example(case=([_P, _P], [_P]))  # found by this property: the copy kept its internal repeat
def test_a_document_deduplicated_against_its_copy_loses_only_internal_repeats(case):
    blocks, distinct = case
    with dxclean_run({"a.txt": page(blocks), "b.txt": page(blocks)}, DEDUP) as output:
        assert [d["text"].split("\n\n") for d in output.documents] == [distinct, distinct]
        assert output.documents[1]["metadata"].get("cross_doc_duplicates")
