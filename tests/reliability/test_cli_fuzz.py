"""The command line under hypothesis (issue 15, "Done when"): random file trees with odd
names (control characters, bytes that are not UTF-8, near-collisions once made safe),
symbolic links inside and outside IN and duplicate contents, each run killed with SIGKILL
at a random moment and then run again with the same command. Every input is accounted for
(a document or an errors.jsonl line), nothing outside IN is read, no two documents share
an output file, and the re-run gives what an uninterrupted run gives."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from dxclean.readers.discover import shown_name
from dxclean.writers.output import find_mirror

from fuzz.runs import scaled
from reliability_support import paragraph
from support import output_files, read_jsonl

SECRET = "bí-mật-không-được-đọc"
#: Name pieces that meet once made safe (\n and \x1b become _), or are not UTF-8.
PIECES = [b"x", b"_", b"\n", b"\x1b", b" ", b"\xc3\xa9", b"\xff", b"\\xff", b"#1", b".txt", b"a"]
SUFFIXES = [b".txt", b".jsonl", b".html", b".md", b""]


@st.composite
def trees(draw):
    """``[(relative name bytes, kind, content number)]``; kind: file, inside (a symlink to
    another entry), outside (a symlink leaving IN)."""
    entries = {}
    for _ in range(draw(st.integers(1, 7))):
        name = b"".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4))) + draw(st.sampled_from(SUFFIXES))
        if draw(st.booleans()):
            name = b"sub/" + name
        if name in (b"sub", b"") or name.endswith(b"/") or name.startswith(b"sub/sub"):
            continue
        kind = draw(st.sampled_from(["file", "file", "file", "inside", "outside"]))
        entries[name] = (kind, draw(st.integers(0, 2)))  # few contents: duplicates are common
    return sorted((name, kind, content) for name, (kind, content) in entries.items())


def _content(name: bytes, number: int) -> bytes:
    text = f"Tiêu đề số {number}\n{paragraph(number)}\n{paragraph(number + 50)}\n"
    if name.endswith(b".jsonl"):
        return (json.dumps({"text": text.replace("\n", "\n\n")}, ensure_ascii=False) + "\n\n" + "{broken\n").encode()
    if name.endswith(b".html"):
        return f"<html><body><h1>Tiêu đề {number}</h1><p>{paragraph(number)}</p></body></html>".encode()
    return text.encode()


def build(root: Path, tree) -> dict[str, tuple[int, bool]]:
    """Write ``tree`` under ``root/in``; return the shown source paths an account must hold:
    how many inputs show that path (a literal ``\\xff`` and the byte look alike) and
    whether they are read as JSONL (one entry per line, or one for the file)."""
    src = os.fsencode(root / "in")
    os.makedirs(src + b"/sub")
    (root / "secret.txt").write_text(f"{SECRET}\n{paragraph(99)}\n", encoding="utf-8")
    files = [name for name, kind, _ in tree if kind == "file"]
    expected = {}
    for name, kind, content in tree:
        path = src + b"/" + name
        if kind == "file":
            with open(path, "wb") as handle:
                handle.write(_content(name, content))
        elif kind == "inside" and files:
            os.symlink(src + b"/" + files[content % len(files)], path)
        else:
            kind = "outside"
            os.symlink(os.fsencode(root / "secret.txt"), path)
        shown = shown_name(os.fsdecode(name))
        count, jsonl = expected.get(shown, (0, False))
        expected[shown] = (count + 1, jsonl or (name.endswith(b".jsonl") and kind != "outside"))
    return expected


def _cli(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "dxclean", "run", str(src), str(out), "-q", "--workers", "2", "--text-mirror", *extra]


def check_account(out: Path, expected: dict[str, tuple[int, bool]]) -> None:
    docs = read_jsonl(out / "documents.jsonl")
    errors = read_jsonl(out / "errors.jsonl")
    seen: dict[str, int] = {}
    for entry in docs + errors:
        base = entry["source_path"]
        if base not in expected and "#" in base:  # a JSONL line: file.jsonl#N
            base = base.rsplit("#", 1)[0]
        seen[base] = seen.get(base, 0) + 1
    for name, (count, jsonl) in expected.items():
        assert seen.get(name, 0) >= count if jsonl else seen.get(name, 0) == count, (name, seen)
    assert set(seen) <= set(expected)
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert SECRET.encode() not in everything
    mirrors = [find_mirror(out, d["source_path"], d["id"]) for d in docs]
    assert None not in mirrors and len(set(mirrors)) == len(docs)  # no shared output file
    files = [p for p in (out / "text").rglob("*") if p.is_file()] if (out / "text").exists() else []
    assert len(files) == len(docs)
    for doc, mirror in zip(docs, mirrors):
        assert doc["text"] in (out / "text" / mirror).read_text(encoding="utf-8")


# ci: 6 trees, each run two or three times in subprocesses; no shrinking (minutes of runs):
# a failure prints its tree.
@settings(scaled(0.1, minimum=4), phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(tree=trees(), kill_after=st.one_of(st.none(), st.floats(0.0, 2.0)), indexed=st.booleans())
def test_the_cli_accounts_for_every_input_under_random_kills(tree, kill_after, indexed):
    root = Path(tempfile.mkdtemp(prefix="dxfuzz-"))
    # With a fresh --index each and --cross-doc drop, the killed run's index holds at most
    # the run itself: re-done, it must give the reference's output (run identity).
    index = (lambda name: ["--index", str(root / name), "--cross-doc", "drop"]) if indexed else (lambda name: [])
    try:
        expected = build(root, tree)
        reference = subprocess.run(_cli(root / "in", root / "ref", *index("ix-ref")), capture_output=True, text=True, timeout=300)
        assert reference.returncode in (0, 1, 3), reference.stderr[-3000:]
        check_account(root / "ref", expected)
        out = root / "out"
        if kill_after is not None:
            proc = subprocess.Popen(_cli(root / "in", out, *index("ix")), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            time.sleep(kill_after)
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        finished = (out / "stats.json").exists() and not any((out / m).exists() for m in (".dxclean-incomplete", ".dxclean-pending"))
        again = subprocess.run(_cli(root / "in", out, *index("ix"), *(["--force"] if finished else [])),
                               capture_output=True, text=True, timeout=300)
        assert again.returncode == reference.returncode, again.stderr[-3000:]
        check_account(out, expected)
        assert output_files(out) == output_files(root / "ref")
    finally:
        shutil.rmtree(root, ignore_errors=True)
