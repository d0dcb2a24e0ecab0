"""Rows 3, 4, 5 and 13 of issue 15: one bad input never aborts the run, and nothing outside
IN is read unless asked: undecodable file names, deep records, symlinks leaving IN, files
deleted during the run."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reliability_support import paragraph
from support import read_jsonl


def page(i: int) -> str:
    """A page of its own (the same page in several files would be template chrome)."""
    return f"Tiêu đề bài viết số {i}\n{paragraph(i)}\n{paragraph(i + 1000)}\n"


def _errors(out: Path) -> dict[str, dict]:
    return {e["source_path"]: e for e in read_jsonl(out / "errors.jsonl")}


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(dx, tmp_path: Path):
    src = tmp_path / "u"
    src.mkdir()
    with open(os.fsencode(src) + b"/\xff\xfe.txt", "wb") as handle:
        handle.write(page(1).encode())
    with open(os.fsencode(src) + b"/r\xe9.jsonl", "wb") as handle:
        handle.write(json.dumps({"text": page(2)}).encode() + b"\n")
    (src / "ok.txt").write_text(page(3), encoding="utf-8")
    proc = dx("run", src, tmp_path / "uo", "-q", "--report")
    assert proc.returncode == 0, proc.stderr
    docs = read_jsonl(tmp_path / "uo" / "documents.jsonl")
    assert [d["source_path"] for d in docs] == ["\\xff\\xfe.txt", "ok.txt", "r\\xe9.jsonl#1"]
    assert all(d["text"] for d in docs)
    mirrors = sorted(p.name for p in (tmp_path / "uo" / "text").iterdir())
    assert "\\xff\\xfe.txt" in mirrors
    assert (tmp_path / "uo" / "report" / "index.html").exists()


def test_a_record_nesting_500_levels_is_an_error_line_and_the_rest_is_committed(dx, tmp_path: Path):
    src = tmp_path / "deep"
    src.mkdir()
    deep = json.dumps({"text": page(4), "metadata": {"k": None}}).replace("null", "[" * 500 + "]" * 500)
    lines = [json.dumps({"text": page(5)}), deep, json.dumps({"text": page(6) + "Đoạn khác."})]
    (src / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = dx("run", src, tmp_path / "out", "-q")
    assert proc.returncode == 1, proc.stderr  # some inputs failed, the run went on
    assert "Traceback" not in proc.stderr
    assert [d["source_path"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["d.jsonl#1", "d.jsonl#3"]
    error = _errors(tmp_path / "out")["d.jsonl#2"]
    assert error["kind"] == "json" and "max_json_depth" in error["reason"]
    # The limit is a config key; one too deep to pass between processes is refused.
    config = tmp_path / "dx.toml"
    config.write_text("[limits]\nmax_json_depth = 600\n", encoding="utf-8")
    proc = dx("run", src, tmp_path / "out2", "-q", "--config", config)
    assert proc.returncode == 2 and "max_json_depth" in proc.stderr, proc.stderr
    assert not (tmp_path / "out2").exists()
    shallow = json.dumps({"text": page(4), "metadata": {"k": None}}).replace("null", "[" * 150 + "]" * 150)
    (src / "d.jsonl").write_text("\n".join([lines[0], shallow, lines[2]]) + "\n", encoding="utf-8")
    config.write_text("[limits]\nmax_json_depth = 300\n", encoding="utf-8")
    proc = dx("run", src, tmp_path / "out3", "-q", "--config", config)
    assert proc.returncode == 0, proc.stderr
    assert len(read_jsonl(tmp_path / "out3" / "documents.jsonl")) == 3


def test_a_symlink_leaving_in_is_refused_unless_follow_symlinks(dx, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Mật khẩu quản trị của máy chủ là hunter2 và không được tiết lộ.\n", encoding="utf-8")
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(page(7), encoding="utf-8")
    (src / "leak.txt").symlink_to(secret)
    (src / "sub" / "inside.txt").symlink_to(src / "a.txt")  # stays inside IN: read
    out = tmp_path / "out"
    proc = dx("run", src, out, "-q")
    assert proc.returncode == 1, proc.stderr
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"hunter2" not in everything
    assert _errors(out)["leak.txt"]["kind"] == "outside_input"
    assert [d["source_path"] for d in read_jsonl(out / "documents.jsonl")] == ["a.txt", "sub/inside.txt"]
    proc = dx("run", src, tmp_path / "followed", "-q", "--follow-symlinks")
    assert proc.returncode == 0, proc.stderr
    assert "hunter2" in (tmp_path / "followed" / "documents.jsonl").read_text(encoding="utf-8")


VANISH = """
import importlib, os
discover = importlib.import_module("dxclean.readers.discover")  # the package exports a function of that name
load = importlib.import_module("dxclean.readers.load")
listed = discover.iter_files
def iter_files(root, exclude=None, **kw):
    for path, rel in listed(root, exclude=exclude, **kw):
        if rel == "b.txt":
            os.remove(path)  # deleted between the folder listing and its turn
        yield path, rel
discover.iter_files = iter_files
read = load._read
def _read(task, config, **kw):
    if task.source_path == "c.txt":
        os.remove(task.path)  # deleted after discovery, before a worker reads it
    return read(task, config, **kw)
load._read = _read
"""


def test_files_deleted_during_the_run_are_reported_as_vanished(dx, tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (src / name).write_text(page(10 + ord(name[0])), encoding="utf-8")
    proc = dx("run", src, tmp_path / "out", "-q", "--workers", "1", patch=VANISH)
    assert proc.returncode == 1, proc.stderr
    errors = _errors(tmp_path / "out")
    assert {k: e["kind"] for k, e in errors.items()} == {"b.txt": "vanished", "c.txt": "vanished"}
    assert "deleted" in errors["b.txt"]["reason"]
    assert [d["source_path"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["a.txt", "d.txt"]
