import gzip
import json
from pathlib import Path

import pytest

from dxclean.config import Config
from dxclean.model import ErrorRecord
from dxclean.readers import InputError, InputTask, discover, load_document


def entries(root: Path, config: Config | None = None):
    return list(discover(root, config or Config()))


def test_folder_walk_is_recursive_and_sorted(tmp_path: Path):
    for name in ["b.txt", "a/z.txt", "a/b.txt", "C.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [e.source_path for e in entries(tmp_path)] == ["C.txt", "a/b.txt", "a/z.txt", "b.txt"]


def test_text_dump_is_one_block_per_non_empty_line(tmp_path: Path):
    (tmp_path / "p.txt").write_bytes("Tiêu đề\r\n\r\n  Đoạn một.  \n\u00a0\nĐoạn hai.\n".encode())
    (task,) = entries(tmp_path)
    doc = load_document(task, Config())
    assert [b.text for b in doc.blocks] == ["Tiêu đề", "Đoạn một.", "Đoạn hai."]
    assert [b.position for b in doc.blocks] == [0, 1, 2]
    assert doc.id == doc.source_path == "p.txt"


def test_jsonl_records_ids_and_errors(tmp_path: Path):
    lines = [
        json.dumps({"id": "a1", "text": "Tiêu đề\n\nĐoạn một.\nvẫn đoạn một.\n\nĐoạn hai.", "url": "https://x.vn/a"}),
        "{broken",
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"text": "Không có id."}),
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n")
    found = entries(tmp_path)
    assert [type(e).__name__ for e in found] == ["InputTask", "ErrorRecord", "ErrorRecord", "ErrorRecord", "ErrorRecord", "InputTask"]
    first, *errors, last = found
    assert first.doc_id == "a1" and first.source_path == "c.jsonl#1"
    assert last.doc_id == "c.jsonl#7"
    assert "broken JSON" in errors[0].reason and "no 'text'" in errors[1].reason and "int" in errors[2].reason
    doc = load_document(first, Config())
    assert [b.text for b in doc.blocks] == ["Tiêu đề", "Đoạn một.\nvẫn đoạn một.", "Đoạn hai."]
    assert doc.url == "https://x.vn/a"


def test_gzip_jsonl_and_truncated_gzip(tmp_path: Path):
    data = gzip.compress((json.dumps({"text": "Một đoạn."}) + "\n").encode())
    (tmp_path / "ok.jsonl.gz").write_bytes(data)
    (tmp_path / "trunc.jsonl.gz").write_bytes(data[: len(data) // 2])
    found = entries(tmp_path)
    assert isinstance(found[0], InputTask)
    assert isinstance(found[1], ErrorRecord) and "gzip" in found[1].reason


def test_gzip_bomb_is_refused_within_the_limit(tmp_path: Path):
    bomb = gzip.compress(b"a" * (8 * 1024 * 1024))
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    config = Config().with_overrides({"limits.max_decompressed_bytes": 1024 * 1024, "limits.max_record_bytes": 512 * 1024})
    found = entries(tmp_path, config)
    assert all(isinstance(e, ErrorRecord) for e in found)
    assert any("limit" in e.reason for e in found)


@pytest.mark.parametrize("content,kind", [(b"", "empty"), (b"  \n\t\n", "empty"), (b"\x00\x01\x02binary", "decode"), (b"\x01\x02\x03\x04\x05\x81\x82\x83\x84\x85\x86", "decode")])
def test_unreadable_text_files_raise_input_error(tmp_path: Path, content: bytes, kind: str):
    (tmp_path / "bad.txt").write_bytes(content)
    (task,) = entries(tmp_path)
    with pytest.raises(InputError) as info:
        load_document(task, Config())
    assert info.value.kind == kind


def test_utf16_with_bom_is_read(tmp_path: Path):
    (tmp_path / "u16.txt").write_bytes("Thủ tướng Chính phủ\nĐoạn hai".encode("utf-16"))
    (task,) = entries(tmp_path)
    assert [b.text for b in load_document(task, Config()).blocks] == ["Thủ tướng Chính phủ", "Đoạn hai"]


def test_unsupported_files_and_symlink_loops_are_errors(tmp_path: Path):
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    found = entries(tmp_path)
    assert [type(e) for e in found] == [ErrorRecord, ErrorRecord]
    assert "symbolic link" in found[0].reason and "unsupported" in found[1].reason


def test_non_utf8_text_is_read_best_effort_and_recorded(tmp_path: Path):
    (tmp_path / "legacy.txt").write_bytes("Thñ t\xadíng ChÝnh phñ".encode("latin-1"))
    (task,) = entries(tmp_path)
    doc = load_document(task, Config())
    assert doc.metadata["input_encoding"] == "windows-1252"
    assert "windows-1252" in doc.metadata["decode_notes"][0]


def test_truncated_html_gz_gives_what_it_holds(tmp_path: Path):
    page = "<html><body><article>" + "<p>Đoạn văn bản số {} của bài viết dài.</p>" * 200 + "</article></body></html>"
    data = gzip.compress(page.format(*range(200)).encode())
    (tmp_path / "cut.html.gz").write_bytes(data[: len(data) * 2 // 3])
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) * 2 // 3])
    html_task, jsonl_error = entries(tmp_path)
    doc = load_document(html_task, Config())
    assert doc.blocks and "Đoạn văn bản" in doc.blocks[0].text
    assert isinstance(jsonl_error, ErrorRecord) and "truncated" in jsonl_error.reason
