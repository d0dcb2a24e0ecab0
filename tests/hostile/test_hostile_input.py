"""Hostile input: every file becomes a document or a clear errors.jsonl line, the run
ends with exit code 0 or 1 within bounded memory, and nothing is written outside OUT.

The run is a real subprocess (``python -m dxclean run IN OUT``) with the default
limits; its peak RSS is read with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small
wrapper process, so no other test's children are counted.
"""

from __future__ import annotations

import json
import re
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dxclean.config import Config

from hostile.files import build_hostile_folder

#: Peak RSS allowed for the hostile run (any one process). The largest legitimate
#: buffer is a compressed input inflated up to limits.max_decompressed_bytes
#: (256 MiB by default); a reader that inflated the 1 GiB bomb would blow this.
RSS_BOUND_MIB = Config().limits.max_decompressed_bytes // (1 << 20) + 384

WRAPPER = """
import json, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": proc.returncode, "maxrss_kib": usage.ru_maxrss, "stderr": proc.stderr[-4000:]}))
"""


def snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int] | str]:
    """Every path under ``root`` but ``skip``: files with size and mtime, folders by name."""
    found: dict[str, tuple[int, int] | str] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if Path(folder, d) != skip]
        for name in dirs:
            found[Path(folder, name).relative_to(root).as_posix()] = "folder"
        for name in files:
            path = Path(folder) / name
            st = path.lstat()
            found[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    expect = build_hostile_folder(root / "in")
    (root / "cwd").mkdir()
    (root / "tmp").mkdir()
    out = root / "out"
    before = snapshot(root, out)
    env = {**os.environ, "TMPDIR": str(root / "tmp")}
    command = [sys.executable, "-m", "dxclean", "run", str(root / "in"), str(out), "-q"]
    proc = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, cwd=root / "cwd", env=env, timeout=600)
    result = json.loads(proc.stdout)
    return root, out, expect, before, result


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def test_the_run_finishes_with_exit_code_0_or_1(hostile_run):
    _, _, _, _, result = hostile_run
    assert result["code"] == 1, result["stderr"]


def test_every_input_is_a_document_or_an_error_line(hostile_run):
    _, out, expect, _, _ = hostile_run
    docs = read_jsonl(out / "documents.jsonl")
    errors = read_jsonl(out / "errors.jsonl")
    seen = [d["source_path"] for d in docs] + [e["source_path"] for e in errors]
    assert len(seen) == len(set(seen)), "an input was reported twice"
    for name, paths in expect.items():
        for path in paths:
            alternatives = path.split("|")
            assert any(a in seen or not a for a in alternatives), f"{path!r} is neither a document nor an error"
    for error in errors:
        assert error["kind"] and len(error["reason"]) > 10, error
    # Nothing else came out (the folder symlink sub/up was not followed).
    allowed = {p for paths in expect.values() for alt in paths for p in alt.split("|")}
    extra = {p for p in seen if p not in allowed and not p.startswith("truncated.jsonl.gz#")}
    assert not extra


def test_expected_outcomes(hostile_run):
    _, out, _, _, _ = hostile_run
    docs = {d["source_path"]: d for d in read_jsonl(out / "documents.jsonl")}
    errors = {e["source_path"]: e for e in read_jsonl(out / "errors.jsonl")}
    for name in ("empty.txt", "whitespace.txt", "binary.txt", "truncated.jsonl.gz", "bomb.html.gz"):
        assert name in errors, name
    assert "invalid-utf8.txt" in errors or "Thủ tướng" in docs["invalid-utf8.txt"]["text"]  # error or best effort
    for name in ("utf16-bom.txt", "one-5mb-line.txt", "with space.txt", "tiếng việt.txt", "new\nline.txt", ".hidden.txt", "..dots.txt", "sub/dir/x.txt"):
        assert name in docs, (name, errors.get(name))
    assert docs["utf16-bom.txt"]["title"] == "Thủ tướng Chính phủ" or "Thủ tướng Chính phủ" in docs["utf16-bom.txt"]["text"]
    many = errors["200k-tiny-lines.txt"]  # past limits.max_blocks: an error line, not a silent cut
    assert many["kind"] == "too_large" and "max_blocks" in many["reason"]
    assert docs["one-5mb-line.txt"]["metadata"]["truncated_block_positions"] == [0]
    assert errors["bomb.html.gz"]["kind"] == "too_large"
    records = {k.split("#")[1]: v for k, v in {**docs, **errors}.items() if k.startswith("records.jsonl#")}
    assert docs["records.jsonl#1"]["id"] == "ok" and "records.jsonl#10" in docs and "records.jsonl#11" in docs
    assert all(records[n]["kind"] == "json" for n in ("2", "3", "4", "5", "6", "7", "8", "9"))


def test_the_gzip_bomb_is_refused_as_a_decompression_bomb(hostile_run):
    """The 1 GiB line must stop at limits.max_decompressed_bytes, not be inflated whole."""
    _, out, _, _, _ = hostile_run
    errors = {e["source_path"]: e for e in read_jsonl(out / "errors.jsonl")}
    error = errors.get("bomb.jsonl.gz") or errors.get("bomb.jsonl.gz#1")
    assert error is not None and error["kind"] == "too_large"
    assert "max_decompressed_bytes" in error["reason"], error


def test_memory_stays_bounded(hostile_run):
    _, _, _, _, result = hostile_run
    peak_mib = result["maxrss_kib"] / 1024
    assert 0 < peak_mib < RSS_BOUND_MIB, f"peak RSS {peak_mib:.0f} MiB"


def test_nothing_is_written_outside_out(hostile_run):
    root, out, _, before, _ = hostile_run
    assert snapshot(root, out) == before
    assert not any((root / "cwd").iterdir()) and not any((root / "tmp").iterdir())
    assert not (out / ".dxclean-partial").exists() and not (out / ".dxclean-incomplete").exists()


def test_file_names_are_kept_and_mirrors_are_safe(hostile_run):
    _, out, _, _, _ = hostile_run
    docs = {d["source_path"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert {"new\nline.txt", "tiếng việt.txt", "with space.txt", ".hidden.txt"} <= set(docs)
    mirrors = [p.relative_to(out / "text").as_posix() for p in (out / "text").rglob("*") if p.is_file()]
    assert all("\n" not in m for m in mirrors)
    # one mirror per document read from its own file; JSONL records get none by default
    assert len(mirrors) == sum(not re.search(r"\.(jsonl|ndjson)(\.gz)?#\d+$", path) for path in docs)


def run_subprocess(in_path: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dxclean", "run", str(in_path), str(out), "-q", "--steps", "none"],
                          capture_output=True, text=True, timeout=300)


def test_a_symlink_loop_inside_the_input_folder(tmp_path: Path):
    """A self-referencing link is an errors.jsonl line, not a crash of the whole run."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Một đoạn văn.\n", encoding="utf-8")
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in" / "loop")
    proc = run_subprocess(tmp_path / "in", tmp_path / "out")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    errors = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert [e["source_path"] for e in errors] == ["loop"]
    assert [d["source_path"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["a.txt"]


def test_discover_with_out_excluded_survives_a_symlink_loop(tmp_path: Path):
    """The cause of the crash above: iter_files resolves every entry to compare it with OUT."""
    from dxclean.readers import discover

    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    found = list(discover(tmp_path, Config(), exclude=tmp_path / "out"))
    assert [e.source_path for e in found] == ["loop"]
