"""Crash safety: a run killed (SIGKILL) at any moment, then run again with the same
command, gives output identical to an uninterrupted run; a killed run never leaves a
half-written file in OUT looking complete."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dxclean.writers.lock import OUT_LOCK
from dxclean.writers.output import MARKER, STAGING

from support import SEEDS, SHARED, output_files

CONTRACT = ("documents.jsonl", "removed.jsonl", "errors.jsonl", "stats.json")
#: Records of real Vietnamese news to make a corpus that takes a few seconds.
RECORDS = 500


def build_corpus(root: Path) -> None:
    root.mkdir()
    source = SHARED / "data" / "vietnews-val-3000.jsonl"
    if source.exists():
        lines = source.read_text(encoding="utf-8").splitlines()[:RECORDS]
    else:  # no shared data beside the checkout: copies of the seeds as records
        texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
        lines = [json.dumps({"id": f"s{i}", "text": texts[i % len(texts)] + f"\n\nBản sao {i}."}, ensure_ascii=False) for i in range(RECORDS)]
    half = len(lines) // 2
    (root / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (root / "b.jsonl").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    for seed in sorted(SEEDS.iterdir()):
        shutil.copy(seed, root / seed.name)


def command(in_path: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "dxclean", "run", str(in_path), str(out), "--workers", "2", "-q"]


def differing(got: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    return sorted(name for name in set(got) | set(expected) if got.get(name) != expected.get(name))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, bytes], float]:
    root = tmp_path_factory.mktemp("crash")
    build_corpus(root / "in")
    start = time.monotonic()
    proc = subprocess.run(command(root / "in", root / "reference"), capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "in", output_files(root / "reference"), seconds


def kill_at(cmd: list[str], *, after: float | None = None, when_exists: Path | None = None) -> None:
    """Start ``cmd``, SIGKILL it after ``after`` seconds or as soon as ``when_exists`` appears."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + (after if after is not None else 600)
        while time.monotonic() < deadline and proc.poll() is None:
            if when_exists is not None and when_exists.exists():
                break
            time.sleep(0.002 if when_exists is not None else 0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        try:  # the pool workers and forkserver this run started (its own process group)
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def check_nothing_looks_complete(out: Path, expected: dict[str, bytes]) -> None:
    """After a kill: either the complete output, or nothing under a final name without the marker."""
    if not out.exists():
        return
    if (out / MARKER).exists():
        return  # interrupted while moving files into place: the next run clears it
    present = [name for name in CONTRACT if (out / name).exists()]
    if present:
        assert differing(output_files(out), expected) == [], f"killed run left {present} looking complete"
    else:
        assert {p.name for p in out.iterdir()} <= {STAGING, OUT_LOCK}


@pytest.mark.slow
@pytest.mark.parametrize("moment", [0.15, 0.5, 0.85, "commit"])
def test_a_killed_run_completes_identically_when_run_again(reference, tmp_path: Path, moment):
    in_path, expected, seconds = reference
    out = tmp_path / "out"
    if moment == "commit":
        kill_at(command(in_path, out), when_exists=out / MARKER)
    else:
        kill_at(command(in_path, out), after=moment * seconds)
    check_nothing_looks_complete(out, expected)
    finished = (out / "stats.json").exists() and not (out / MARKER).exists()
    # A run that finished before the kill left a completed OUT, which (by design)
    # needs --force to be replaced; an interrupted one is cleared without it.
    proc = subprocess.run(command(in_path, out) + (["--force"] if finished else []), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not (out / STAGING).exists() and not (out / MARKER).exists()
    assert differing(output_files(out), expected) == []
