"""Encoding round trip: every corruption of dxclean.encoding.corrupt is repaired exactly,
on its own and inside a dirty page going through the default pipeline; and repair is
idempotent: repairing repaired text changes nothing (dxclean run on its own output)."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dxclean.encoding import repair_text, repair_texts
from dxclean.testing import DirtyDocument, corrupted_texts, corruption_kinds, dirty_documents, hostile_texts

from support import lossy_words

from fuzz.runs import dxclean_run, fuzz_config, scaled, skip_unless_pipeline

KINDS = corruption_kinds()
pytestmark = pytest.mark.skipif(not KINDS, reason="dxclean.encoding.corrupt not available")


def same_text(got: str, clean: str, kind: str) -> bool:
    # TCVN3 has no toned capitals: "Ảnh" comes back as "ảnh" unless context restores it
    # (so does VN1 text that has none to show it is VN1).
    if got == clean:
        return True
    if kind == "tcvn3" or (kind.startswith("tcvn_vn1") and not any(c.isupper() and not c.isascii() for c in clean)):
        return got.lower() == clean.lower()
    if kind.endswith("_replace"):  # lossy: each word a reading of the same bytes, or left as it was
        return lossy_words(kind, got, clean) is not None
    return False


@given(case=corrupted_texts())
def test_a_corrupted_paragraph_is_repaired_exactly(case):
    clean, dirty, kind = case
    assert same_text(repair_text(dirty).text, clean, kind)


@given(doc=dirty_documents(languages=("vi",), corruption=True))
def test_a_corrupted_vietnamese_page_is_repaired_block_by_block(doc: DirtyDocument):
    repaired = [r.text for r in repair_texts(list(doc.blocks))]
    for got, clean in zip(repaired, doc.clean_blocks):
        assert same_text(got, clean, doc.corruption or "")


@given(case=corrupted_texts(kinds=("one_word", "one_sentence", "cp1252", "double_cp1252"), language="ru"))
@example(case=("И заявило стране в в", "И Ð·Ð°Ñ\x8fÐ²Ð¸Ð»Ð¾ стране в в", "one_word"))
# Found by this property: "Ð²" ("в") is one letter, too little for the quick path, and
# ftfy's full decoding was refused because Cyrillic has no Vietnamese syllables to count.
@example(case=("Правительство правительство в, up 25.3% on 2021.",
               "ÐŸÑ€Ð°Ð²Ð¸Ñ‚ÐµÐ»ÑŒÑ\x81Ñ‚Ð²Ð¾ Ð¿Ñ€Ð°Ð²Ð¸Ñ‚ÐµÐ»ÑŒÑ\x81Ñ‚Ð²Ð¾ Ð², up 25.3% on 2021.", "one_sentence"))
# Found by the deep profile: a one-letter word ("Ð’" is "В") in a line otherwise correct
# Cyrillic was read as cp1258 ("É’"); it is decoded now that the line around it is Cyrillic.
@example(case=("Правительство правительство, up 25.3% on 2021. В правительство, up 25.3% on 2021.",
               "Правительство правительство, up 25.3% on 2021. Ð’ Ð¿Ñ€Ð°Ð²Ð¸Ñ‚ÐµÐ»ÑŒÑ\x81Ñ‚Ð²Ð¾, up 25.3% on 2021.",
               "one_sentence"))
def test_other_scripts_round_trip(case):
    clean, dirty, kind = case
    assert repair_text(dirty).text == clean


@scaled(0.3)
@given(doc=dirty_documents(chrome=False, teasers=False, captions=False, repeats=False, languages=("vi",)),
       kind=st.sampled_from(KINDS or ("nfd",)))
def test_the_encoding_step_gives_back_the_clean_blocks(doc: DirtyDocument, kind: str):
    config = fuzz_config(steps=["encoding"])
    skip_unless_pipeline(config)
    from dxclean.encoding.corrupt import Unrepresentable, corrupt

    try:
        blocks = [corrupt(b, kind) for b in doc.clean_blocks]
    except Unrepresentable:
        return
    with dxclean_run({"page.txt": ("\n".join(blocks) + "\n").encode()}, config) as output:
        (record,) = output.documents
        paragraphs = record["text"].split("\n\n")
        assert len(paragraphs) == len(doc.clean_blocks)
        for got, clean in zip(paragraphs, doc.clean_blocks):
            assert same_text(got, clean, kind)


@pytest.mark.parametrize("name,data", [
    ("a.txt", lambda dirty: (dirty + "\n").encode()),
    ("a.jsonl", lambda dirty: (json.dumps({"text": dirty}) + "\n").encode()),
])
def test_latin1_mojibake_survives_the_reader(name, data):
    """Spine: "ễ" is UTF-8 E1 BB 85; read as Latin-1 its last byte is U+0085 (NEL), which
    the reader takes for a line break: "Nguyễn" is cut in two and can no longer be repaired."""
    from dxclean.encoding.corrupt import corrupt

    clean = "Ông Nguyễn Văn An phát biểu tại hội nghị diễn ra sáng nay ở Hà Nội."
    config = fuzz_config(steps=["encoding"])
    skip_unless_pipeline(config)
    with dxclean_run({name: data(corrupt(clean, "latin1"))}, config) as output:
        assert [d["text"] for d in output.documents] == [clean]


def repaired_twice(texts: list[str]) -> tuple[list[str], list[str]]:
    once = [r.text for r in repair_texts(texts)]
    return once, [r.text for r in repair_texts(once)]


@given(case=corrupted_texts())
def test_repairing_a_repaired_paragraph_changes_nothing(case):
    once, twice = repaired_twice([case[1]])
    assert twice == once


@given(case=st.sampled_from(("ru", "en", "zh")).flatmap(
    lambda language: corrupted_texts(kinds=corruption_kinds(language), language=language)))
def test_repairing_repaired_text_in_other_scripts_changes_nothing(case):
    once, twice = repaired_twice([case[1]])
    assert twice == once


@given(doc=dirty_documents())
def test_repairing_a_repaired_page_changes_nothing(doc: DirtyDocument):
    """Block by block with the page as context, as the encoding step repairs a document."""
    once, twice = repaired_twice(list(doc.blocks))
    assert twice == once


@given(doc=dirty_documents(), lost=st.sampled_from(("", "?", "\ufffd")))
def test_repairing_mojibake_that_lost_its_c1_bytes_changes_nothing(doc: DirtyDocument, lost: str):
    """Mojibake whose C1 controls were dropped (or replaced) on the way cannot be repaired;
    whatever the first repair made of it, a second must leave as it is."""
    texts = ["".join(lost if "\x80" <= ch <= "\x9f" else ch for ch in block) for block in doc.blocks]
    once, twice = repaired_twice(texts)
    assert twice == once


@given(texts=st.lists(hostile_texts() | st.text(), min_size=1, max_size=4))
def test_repairing_repaired_arbitrary_text_changes_nothing(texts: list[str]):
    once, twice = repaired_twice(texts)
    assert twice == once
