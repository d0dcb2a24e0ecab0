"""The ``encoding`` step on documents: blocks, title, counts, options, and bad input."""

from __future__ import annotations

from dataclasses import replace

from dxclean.config import Config
from dxclean.encoding.corrupt import corrupt
from dxclean.model import Document
from dxclean.steps.base import StepStats
from dxclean.steps.encoding import RepairEncoding

CLEAN = ["Thủ tướng Chính phủ chủ trì cuộc họp.", "Bộ Y tế công bố quyết định mới.", "Hà Nội, ngày 14/8."]


def _run(doc: Document, config: Config | None = None) -> tuple[Document, StepStats]:
    stats = StepStats()
    return RepairEncoding(config or Config()).process(doc, stats), stats


def test_blocks_title_and_counts() -> None:
    texts = [corrupt(CLEAN[0], "cp1252"), CLEAN[1], corrupt(CLEAN[2], "nfd")]
    doc = Document.from_texts("d", "d.txt", texts, title=corrupt("Tin mới nhất", "cp1252"))
    doc, stats = _run(doc)
    assert [b.text for b in doc.blocks] == CLEAN
    assert [b.original for b in doc.blocks] == texts
    assert [b.repairs for b in doc.blocks] == [["mojibake"], [], ["nfc"]]
    assert doc.title == "Tin mới nhất"
    assert doc.metadata["encoding_repairs"] == {"mojibake": 2, "nfc": 1}
    assert stats.counters["mojibake"] == 2 and stats.counters["repaired_blocks"] == 2


def test_a_legacy_page_is_decoded_block_by_block_with_the_page_as_context() -> None:
    texts = [corrupt(t, "vni") for t in CLEAN] + [corrupt("Anh Đ.", "vni")]
    doc, _ = _run(Document.from_texts("d", "d.txt", texts))
    assert [b.text for b in doc.blocks] == [*CLEAN, "Anh Đ."]
    assert doc.metadata["encoding_repairs"] == {"vni": 4}


def test_clean_document_is_untouched() -> None:
    doc, stats = _run(Document.from_texts("d", "d.txt", list(CLEAN), title="Tiêu đề"))
    assert [b.text for b in doc.blocks] == CLEAN and "encoding_repairs" not in doc.metadata
    assert not stats.counters


def test_options_turn_repairs_off() -> None:
    config = Config()
    config = replace(config, encoding=replace(config.encoding, legacy=False, html_entities=False))
    texts = [corrupt(CLEAN[0], "vni"), "&agrave; &#7911;"]
    doc, _ = _run(Document.from_texts("d", "d.txt", texts), config)
    assert [b.text for b in doc.blocks] == texts


def test_url_is_not_read_as_viqr() -> None:
    url = "https://a.vn/tin?id=1&amp;page=2&a=b?c=d"
    doc, _ = _run(Document.from_texts("d", "d.txt", list(CLEAN), url=url))
    assert doc.url == "https://a.vn/tin?id=1&page=2&a=b?c=d"


def test_hostile_input_never_raises() -> None:
    texts = ["\x00\ud800", "&#0; &#xD800; &#99999999;", "\u0301" * 1000, "Ã" * 5000]
    doc, stats = _run(Document.from_texts("d", "d.txt", texts))
    assert len(doc.blocks) == 4 and not stats.counters["errors"]


def test_whitespace_the_repair_makes_at_a_line_edge_is_stripped_as_the_reader_strips() -> None:
    # A paragraph that began with a no-break space: its mojibake "Â\xa0" is no whitespace
    # to the reader, and the repair turns it into one.
    page = "\xa0Đây là kết quả đáng ghi nhận.\nHọ làm việc ở Hà Nội và\xa0"
    texts = [corrupt(line, "cp1252") for line in page.split("\n")]
    doc, _ = _run(Document.from_texts("d", "d.txt", texts))
    assert [b.text for b in doc.blocks] == ["Đây là kết quả đáng ghi nhận.", "Họ làm việc ở Hà Nội và"]


def test_the_reader_keeps_a_trailing_no_break_space_that_is_a_mojibake_byte() -> None:
    from dxclean.readers import split_lines

    # "và" at a line's end: "vÃ\xa0"; stripping the \xa0 as whitespace would leave "vÃ".
    lines = split_lines(corrupt("Họ làm việc ở Hà Nội và", "cp1252") + "  \n\xa0 Dòng hai \n")
    assert lines == [corrupt("Họ làm việc ở Hà Nội và", "cp1252"), "Dòng hai"]
    # "ễ" read as Latin-1 ends in NEL (U+0085), which str.strip() takes for whitespace.
    assert split_lines(corrupt("Ngày nghỉ lễ", "latin1") + "\n") == [corrupt("Ngày nghỉ lễ", "latin1")]
