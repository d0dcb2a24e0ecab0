"""Builders of hostile input files (cheap to make, expensive to read carelessly)."""

from __future__ import annotations

import gzip
import json
import struct
import zlib
from pathlib import Path

VIETNAMESE = "Thủ tướng Chính phủ yêu cầu các bộ, ngành tập trung triển khai nhiệm vụ trọng tâm. "


def gzip_bomb(path: Path, *, inflated_mib: int = 1024) -> None:
    """A gzip file of ``inflated_mib`` MiB of zeros (about 1 MB on disk for 1 GiB).

    The deflate stream of a megabyte of zeros is made once and repeated: after a
    full flush the compressor starts afresh, so each repetition is the same bytes.
    """
    chunk = bytes(1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(inflated_mib):
        crc = zlib.crc32(chunk, crc)
    with open(path, "wb") as handle:
        handle.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")  # gzip header, mtime 0
        handle.write(first)
        for _ in range(inflated_mib - 1):
            handle.write(again)
        handle.write(comp.flush())
        handle.write(struct.pack("<II", crc, (inflated_mib << 20) & 0xFFFFFFFF))


def build_hostile_folder(root: Path) -> dict[str, list[str]]:
    """Write every hostile input under ``root``; return file -> source paths it must account for.

    (``a|b``: either; an empty alternative: may produce nothing. The symlink loop is
    tested on its own, see test_a_symlink_loop_inside_the_input_folder.)
    """
    root.mkdir(parents=True)
    expect: dict[str, list[str]] = {}

    def put(name: str, data: bytes) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[name] = [name]

    put("empty.txt", b"")
    put("whitespace.txt", b"  \n\t\r\n\xc2\xa0\n   ")
    put("binary.txt", bytes(range(256)) * 64)
    put("invalid-utf8.txt", VIETNAMESE.encode() + b"\xff\xfe\xc3\x28 \xe2\x82" + VIETNAMESE.encode())
    put("utf16-bom.txt", ("Thủ tướng Chính phủ\n" + VIETNAMESE).encode("utf-16"))
    put("one-5mb-line.txt", (VIETNAMESE * (5 * 1024 * 1024 // len(VIETNAMESE.encode()) + 1)).encode()[: 5 * 1024 * 1024 - 3])
    put("200k-tiny-lines.txt", "".join(f"dòng {i}\n" for i in range(200_000)).encode())
    put("nested-50k.html", b"<html><body>" + b"<div>" * 50_000 + VIETNAMESE.encode() + b"</div>" * 50_000 + b"</body></html>")
    gzip_bomb(root / "bomb.jsonl.gz")
    expect["bomb.jsonl.gz"] = ["bomb.jsonl.gz|bomb.jsonl.gz#1"]  # either the file or its one line
    (root / "bomb.html.gz").write_bytes((root / "bomb.jsonl.gz").read_bytes())
    expect["bomb.html.gz"] = ["bomb.html.gz"]
    good = gzip.compress("".join(json.dumps({"text": VIETNAMESE * 3, "id": f"g{i}"}) + "\n" for i in range(200)).encode(), mtime=0)
    put("truncated.jsonl.gz", good[: len(good) // 2])
    expect["truncated.jsonl.gz"] = ["truncated.jsonl.gz"]  # lines before the cut may also come out
    for name in ("with space.txt", "tiếng việt.txt", "new\nline.txt", ".hidden.txt", "..dots.txt", "sub/dir/x.txt"):
        put(name, (VIETNAMESE + "\n" + VIETNAMESE[::-1] + "\n").encode())
    (root / "sub" / "up").symlink_to(root)  # a folder link: not followed (an error line at most)
    expect["sub/up"] = ["sub/up|"]
    lines = [
        json.dumps({"id": "ok", "text": VIETNAMESE}),
        '{"id": "broken", "text": "no end',
        json.dumps({"id": "notext", "title": "x"}),
        json.dumps({"id": "int", "text": 5}),
        json.dumps({"id": "list", "text": ["a", "b"]}),
        json.dumps({"text": None}),
        json.dumps([1, 2, 3]),
        "null",
        "\x00\x01garbage",
        json.dumps({"id": {"nested": True}, "text": VIETNAMESE}),
        json.dumps({"text": "\ud800 lone surrogate " + VIETNAMESE}),
    ]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    expect["records.jsonl"] = [f"records.jsonl#{n}" for n in range(1, len(lines) + 1)]
    return expect
