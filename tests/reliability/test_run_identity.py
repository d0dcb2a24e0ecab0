"""Rows 8, 9 and 10 of issue 15: a run killed after its commit (before the index append, or
while writing --report) is finished by the same command; a run re-done after it completed
is recognised in the index by its identity and never matches its own paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

from dxclean.writers.output import PENDING, REPORT_STAGING

from support import output_files, read_jsonl

DIE_AFTER_COMMIT = """
import os, signal
from dxclean.steps.dedup import Deduplicate
Deduplicate.after_commit = lambda self, plan, out: os.kill(os.getpid(), signal.SIGKILL)
"""

DIE_IN_REPORT = """
import os, signal
import dxclean.report.build as build
def die(out_dir, site, page_size):
    (site / "partial.html").write_text("half a report")
    os.kill(os.getpid(), signal.SIGKILL)
build._write_site = die
"""


def _segments(index: Path) -> list[str]:
    return json.loads((index / "manifest.json").read_text())["segments"]


def _bodies(out: Path) -> list[str]:
    return [d["text"] for d in read_jsonl(out / "documents.jsonl")]


def test_killed_between_commit_and_append_the_same_command_finishes_the_append(dx, corpus, tmp_path: Path):
    src, index, out = corpus(), tmp_path / "index", tmp_path / "out"
    args = ("run", src, out, "-q", "--workers", "1", "--index", index, "--cross-doc", "drop")
    killed = dx(*args, patch=DIE_AFTER_COMMIT)
    assert killed.returncode == -9
    assert (out / "stats.json").exists() and (out / PENDING).exists()  # committed, append not done
    assert not (index / "manifest.json").exists()
    again = dx(*args)  # no --force needed: the run was not finished
    assert again.returncode == 0, again.stderr
    assert _segments(index) == ["seg-000000"] and not (out / PENDING).exists()
    fresh = tmp_path / "fresh"
    assert dx("run", src, fresh, "-q", "--workers", "1", "--cross-doc", "drop").returncode == 0
    assert _bodies(out) == _bodies(fresh) and all(_bodies(out))


def test_a_completed_run_re_done_does_not_match_its_own_paragraphs(dx, corpus, tmp_path: Path):
    src, index, out = corpus(), tmp_path / "index", tmp_path / "out"
    args = ("run", src, out, "-q", "--index", index, "--cross-doc", "drop")
    assert dx(*args).returncode == 0
    first = output_files(out)
    assert all(_bodies(out))
    again = dx(*args, "--force", "--workers", "1")  # the same run (workers do not change it)
    assert again.returncode == 0, again.stderr
    assert output_files(out) == first  # not "already indexed": the body is all there
    assert _segments(index) == ["seg-000000"]
    # A later, different run that copies src is deduplicated against it...
    other = tmp_path / "other"
    other.mkdir()
    for page in sorted(src.iterdir()):
        (other / f"copy-{page.name}").write_bytes(page.read_bytes())
    assert dx("run", other, tmp_path / "o2", "-q", "--index", index, "--cross-doc", "drop").returncode == 0
    assert _segments(index) == ["seg-000000", "seg-000001"]
    assert not any(_bodies(tmp_path / "o2"))  # every paragraph was indexed by the first run
    # ... and the first run, re-done once more, is matched only against what was there before it.
    assert dx(*args, "--force").returncode == 0
    assert output_files(out) == first
    # Other options make another run: its paragraphs are indexed by the first one (the stated rule).
    assert dx("run", src, tmp_path / "o3", "-q", "--index", index, "--cross-doc", "drop", "--threshold", "0.9").returncode == 0
    assert not any(_bodies(tmp_path / "o3"))


def test_killed_while_writing_the_report_the_same_command_completes(dx, corpus, tmp_path: Path):
    src, out = corpus(), tmp_path / "out"
    killed = dx("run", src, out, "-q", "--report", patch=DIE_IN_REPORT)
    assert killed.returncode == -9 and (out / REPORT_STAGING).exists()
    again = dx("run", src, out, "-q", "--report")
    assert again.returncode == 0, again.stderr
    assert (out / "report" / "index.html").exists() and not (out / REPORT_STAGING).exists()
    # Killed in `dxclean report`: the next `dxclean report` clears the leftover too.
    killed = dx("report", out, patch=DIE_IN_REPORT)
    assert killed.returncode == -9 and (out / REPORT_STAGING).exists()
    assert dx("report", out).returncode == 0 and not (out / REPORT_STAGING).exists()
