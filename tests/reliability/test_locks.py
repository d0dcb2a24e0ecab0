"""Rows 1 and 2 of issue 15: two runs into one OUT, or appending to one --index. The second
fails at once with exit 2 naming the holder's pid; a stale lock (dead holder) is taken over."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from dxclean.writers.lock import INDEX_LOCK, OUT_LOCK

from support import read_jsonl

HOLD = """
import sys, time
from dxclean.writers.lock import FolderLock
lock = FolderLock(sys.argv[1], sys.argv[2], what="test").acquire()
print("held", flush=True)
time.sleep(120)
"""


def hold_lock(folder: Path, name: str) -> subprocess.Popen:
    """Another process holding the lock of ``folder`` until killed."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), name], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_run_into_the_same_out_is_refused_naming_the_holder(dx, corpus, tmp_path: Path):
    src = corpus()
    out = tmp_path / "out"
    holder = hold_lock(out, OUT_LOCK)
    try:
        started = time.monotonic()
        proc = dx("run", src, out, "-q")
        assert proc.returncode == 2, proc.stderr
        assert f"pid {holder.pid}" in proc.stderr and "in use" in proc.stderr
        assert time.monotonic() - started < 60  # at once, not after waiting
        assert sorted(p.name for p in out.iterdir()) == [OUT_LOCK]  # nothing touched
    finally:
        holder.kill()
        holder.wait()
    # The holder is gone (killed: its lock file still names it): the lock is stale, taken over.
    assert (out / OUT_LOCK).read_text().strip() == str(holder.pid)
    proc = dx("run", src, out, "-q")
    assert proc.returncode == 0, proc.stderr
    assert len(read_jsonl(out / "documents.jsonl")) == 3
    assert (out / OUT_LOCK).read_bytes() == b""  # released: no pid left behind
    holder = hold_lock(out, OUT_LOCK)  # nor is a report written into OUT meanwhile
    try:
        report = dx("report", out)
        assert report.returncode == 2 and f"pid {holder.pid}" in report.stderr, report.stderr
        assert not (out / "report.tmp").exists()
    finally:
        holder.kill()
        holder.wait()


def test_two_real_runs_into_one_out_lose_nothing(dx, tmp_path: Path):
    """The issue's repro: a run started while another writes OUT no longer empties it."""
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps({"id": f"r{i}", "text": f"Tiêu đề {i}\n\n" + "\n\n".join(
        f"Đoạn {k} của bài {i}: " + " ".join(f"từ{(i * 7 + k * 13 + j) % 997}" for j in range(40)) for k in range(4))},
        ensure_ascii=False) for i in range(400)]
    (src / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "cc"
    code = "import sys\nfrom dxclean.cli import cli\ncli(args=sys.argv[1:])"
    first = subprocess.Popen([sys.executable, "-c", code, "run", str(src), str(out), "-q", "--workers", "1"],
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not ((out / OUT_LOCK).exists() and (out / OUT_LOCK).read_text().strip()):
            time.sleep(0.01)
        second = dx("run", src, out, "-q")
        running = first.poll() is None
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0, first.stderr.read()
    if running:  # the second run started while the first held OUT
        assert second.returncode == 2 and f"pid {first.pid}" in second.stderr
    assert len(read_jsonl(out / "documents.jsonl")) == 400


def test_a_second_run_on_the_same_index_is_refused(dx, corpus, tmp_path: Path):
    src = corpus()
    index = tmp_path / "ixr"
    assert dx("run", src, tmp_path / "o1", "-q", "--index", index).returncode == 0
    manifest = (index / "manifest.json").read_bytes()
    holder = hold_lock(index, INDEX_LOCK)
    try:
        proc = dx("run", corpus("other", topic="khác"), tmp_path / "o2", "-q", "--index", index)
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 2, proc.stderr
    assert f"pid {holder.pid}" in proc.stderr and "dedup index" in proc.stderr
    assert (index / "manifest.json").read_bytes() == manifest
    assert not (tmp_path / "o2" / "documents.jsonl").exists()
    # Stale now: the same command goes through and appends its own segment.
    proc = dx("run", tmp_path / "other", tmp_path / "o2", "-q", "--index", index)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((index / "manifest.json").read_text())["segments"] == ["seg-000000", "seg-000001"]
