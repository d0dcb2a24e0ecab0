"""Rows 6 and 7 of issue 15: distinct inputs never share an output file (mirror names are
injective: a taken or refused name gets a hashed one), and names of 252-255 bytes, which
the file system refuses once a suffix is added, break neither the run nor the report."""

from __future__ import annotations

import re
from pathlib import Path

from reliability_support import paragraph
from support import read_jsonl


def _mirrors(out: Path) -> dict[str, str]:
    return {p.relative_to(out / "text").as_posix(): p.read_text(encoding="utf-8")
            for p in (out / "text").rglob("*") if p.is_file()}


def test_names_differing_by_a_newline_or_esc_get_their_own_mirror(dx, tmp_path: Path):
    src = tmp_path / "col"
    src.mkdir()
    names = ["x\ny.txt", "x_y.txt", "x\x1by.txt", "page.html.txt", "n.jsonl#1.txt"]
    for i, name in enumerate(names):
        (src / name).write_text(f"Tiêu đề {i}\n{paragraph(i)}\n", encoding="utf-8")
    (src / "page.html").write_text(f"<html><body><h1>Tiêu đề</h1><p>{paragraph(9)}</p></body></html>", encoding="utf-8")
    (src / "n.jsonl").write_text('{"text": "Tiêu đề\\n\\n%s"}\n' % paragraph(10), encoding="utf-8")
    (src / "_renamed").mkdir()
    (src / "_renamed" / "abc.txt").write_text(f"Tiêu đề\n{paragraph(11)}\n", encoding="utf-8")
    out = tmp_path / "co"
    proc = dx("run", src, out, "-q", "--report", "--text-mirror")
    assert proc.returncode == 0, proc.stderr
    docs = read_jsonl(out / "documents.jsonl")
    mirrors = _mirrors(out)
    assert len(docs) == 8 and len(mirrors) == 8  # one file per document, none shared
    for doc in docs:  # each mirror holds its own document's text
        assert sum(doc["text"] in content for content in mirrors.values()) == 1
    assert "x_y.txt" in mirrors and "page.html.txt" in mirrors  # .txt inputs keep their name, others get one
    assert not any(name.endswith(".txt.txt") for name in mirrors)
    # The report links every document to its own mirror.
    pages = "".join(p.read_text(encoding="utf-8") for p in (out / "report" / "docs").rglob("*.html"))
    assert len(set(re.findall(r'href="\.\./\.\./\.\./text/([^"]*)"', pages))) == 8


def test_names_of_252_to_255_bytes_run_and_report(dx, tmp_path: Path):
    src = tmp_path / "long"
    src.mkdir()
    for n in range(252, 256):
        (src / ("a" * (n - 4) + ".txt")).write_text(f"Tiêu đề {n}\n{paragraph(n)}\n", encoding="utf-8")
        (src / ("é" * ((n - 6) // 2) + "x" * ((n - 6) % 2) + ".jsonl")).write_text(
            '{"text": "Tiêu đề\\n\\n%s"}\n' % paragraph(n + 100), encoding="utf-8")
    out = tmp_path / "lo"
    proc = dx("run", src, out, "-q", "--report", "--text-mirror")
    assert proc.returncode == 0, proc.stderr
    assert len(read_jsonl(out / "documents.jsonl")) == 8 and len(_mirrors(out)) == 8
    assert (out / "report" / "index.html").exists()
    proc = dx("report", out)
    assert proc.returncode == 0, proc.stderr
    pages = [p.read_text(encoding="utf-8") for p in (out / "report" / "docs").rglob("*.html")]
    assert len(pages) == 8 and all("/text/" in page for page in pages)


def test_a_literal_backslash_name_and_an_undecodable_one_stay_apart(dx, tmp_path: Path):
    """b"\\xff.txt" is shown as the text \\xff.txt, which another file may be called."""
    src = tmp_path / "in"
    src.mkdir()
    for i, name in enumerate([b"\xff.txt", b"\\xff.txt"]):
        with open(bytes(src) + b"/" + name, "wb") as handle:
            handle.write(f"Tiêu đề {i}\n{paragraph(i)}\n".encode())
    out = tmp_path / "out"
    proc = dx("run", src, out, "-q", "--report", "--text-mirror")
    assert proc.returncode == 0, proc.stderr
    docs = read_jsonl(out / "documents.jsonl")
    assert [d["source_path"] for d in docs] == ["\\xff.txt", "\\xff.txt"] and len({d["id"] for d in docs}) == 2
    mirrors = _mirrors(out)
    assert len(mirrors) == 2 and all(sum(d["text"] in m for m in mirrors.values()) == 1 for d in docs)
