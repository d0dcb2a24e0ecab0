"""Rows 10-12 of issue 15 (row 10 is in test_run_identity): a driver killed with SIGKILL
takes its workers, forkserver and resource tracker with it; a full disk or a read-only OUT
or index ends the run with one line and exit 4, and leaves no staging behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from dxclean.writers.output import PENDING, STAGING

from reliability_support import make_corpus, paragraph

FULL = """
import errno, os
from dxclean.writers.output import OutputWriter
write = OutputWriter.write_rendered
def write_rendered(self, rendered):
    if rendered.source_path == "doc002.txt":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.staging / "documents.jsonl"))
    write(self, rendered)
OutputWriter.write_rendered = write_rendered
"""


def _group(pgid: int) -> list[int]:
    """Pids of the live processes of process group ``pgid`` (zombies are not alive)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                pids.append(int(entry))
    return pids


def test_a_driver_killed_with_sigkill_takes_its_workers_with_it(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps({"id": f"r{i}", "text": "\n\n".join(paragraph(i * 10 + k) for k in range(6))}, ensure_ascii=False)
             for i in range(3000)]
    (src / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "dxclean", "run", str(src), str(tmp_path / "ko"), "-q", "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(_group(proc.pid)) < 5 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)  # driver, resource tracker, forkserver, 2 workers
        assert proc.poll() is None and len(_group(proc.pid)) >= 5, "the run ended before its workers were seen"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 20
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _group(proc.pid) == []
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # only this test's own process group
        except ProcessLookupError:
            pass


def test_a_full_disk_is_one_line_exit_4_and_no_staging(dx, corpus, tmp_path: Path):
    out = tmp_path / "out"
    proc = dx("run", corpus(), out, "-q", "--workers", "1", patch=FULL)
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "No space left on device" in proc.stderr and "documents.jsonl" in proc.stderr
    assert not (out / STAGING).exists() and not (out / "documents.jsonl").exists()


@contextmanager
def tmpfs(where: Path, options: str):
    where.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_out_on_a_real_full_disk(dx, tmp_path: Path):
    src = make_corpus(tmp_path / "in", docs=300)
    with tmpfs(tmp_path / "small", "size=256k") as small:
        proc = dx("run", src, small / "out", "-q")
        assert proc.returncode == 4, proc.stderr
        assert "Traceback" not in proc.stderr and "No space left on device" in proc.stderr
        assert not (small / "out").exists()  # the run made OUT: nothing of it is left, not even its lock


def test_an_index_on_a_full_disk_is_finished_by_the_same_command(dx, tmp_path: Path):
    src = make_corpus(tmp_path / "in", docs=300)
    out = tmp_path / "out"
    with tmpfs(tmp_path / "small", "size=64k") as small:
        index = small / "ix"
        proc = dx("run", src, out, "-q", "--index", index)
        assert proc.returncode == 4, proc.stderr
        assert "Traceback" not in proc.stderr and "No space left on device" in proc.stderr
        assert not index.exists() or not [p.name for p in index.iterdir() if p.name.startswith((".tmp-", ".manifest-", "seg-"))]
        assert (out / PENDING).exists()  # OUT is committed, the append is owed
    index = tmp_path / "ix"  # room enough now (the same run, another index folder)
    assert dx("run", src, out, "-q", "--index", index).returncode == 0
    assert not (out / PENDING).exists() and (index / "manifest.json").exists()


def test_a_read_only_out_is_exit_4(dx, corpus, tmp_path: Path):
    src = corpus()
    with tmpfs(tmp_path / "ro", "ro,size=64k") as ro:
        proc = dx("run", src, ro / "out", "-q")
        assert proc.returncode == 4, proc.stderr
        assert "Traceback" not in proc.stderr and "Read-only file system" in proc.stderr


REPORT_FULL = """
import errno, os
import dxclean.report.build as build
def full(out_dir, site, page_size):
    (site / "index.html").write_text("half")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site / "docs"))
build._write_site = full
"""


def test_a_full_disk_while_writing_the_report_is_exit_4(dx, corpus, tmp_path: Path):
    out = tmp_path / "out"
    proc = dx("run", corpus(), out, "-q", "--report", patch=REPORT_FULL)
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr and "No space left on device" in proc.stderr
    assert (out / "documents.jsonl").exists() and not (out / "report.tmp").exists()
    proc = dx("report", out, patch=REPORT_FULL)
    assert proc.returncode == 4 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert not (out / "report.tmp").exists() and not (out / "report").exists()
