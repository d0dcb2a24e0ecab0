"""Exit codes and messages: 0/1/2/3, 130 (SIGINT), 143 (SIGTERM); option checks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clisupport import ARTICLES, dxclean, invoke, write_texts
from support import needs_shared, read_jsonl
from dxclean.writers.output import STAGING


def test_some_failed_is_1_and_all_failed_is_3(tmp_path: Path):
    some = write_texts(tmp_path / "some", {"a.txt": ARTICLES[0]})
    (some / "b.md").write_text("not an input", encoding="utf-8")
    code, output = invoke("run", some, tmp_path / "o1", "--workers", "1")
    assert code == 1 and "1 document, 1 error (see " in output and "errors.jsonl)" in output
    every = tmp_path / "every"
    every.mkdir()
    (every / "b.md").write_text("not an input", encoding="utf-8")
    (every / "c.jsonl").write_text("{not json\n", encoding="utf-8")
    code, output = invoke("run", every, tmp_path / "o2", "--workers", "1")
    assert code == 3 and "0 documents, 2 errors" in output
    assert len(read_jsonl(tmp_path / "o2" / "errors.jsonl")) == 2


def test_threshold_range_and_help_agree():
    code, output = invoke("run", "--help")
    assert "(0,1]" in output and "0.0<x<=1.0" in output
    code, output = invoke("run", ".", "/tmp/never-written", "--threshold", "0")
    assert code == 2 and "0.0<x<=1.0" in output
    code, _ = invoke("run", ".", "/tmp/never-written", "--threshold", "1.5")
    assert code == 2


def test_empty_steps_and_steps_out_of_order_are_usage_errors(seeds_copy: Path, tmp_path: Path):
    code, output = invoke("run", seeds_copy, tmp_path / "o", "--steps", "")
    assert code == 2 and "--steps is empty" in output and "encoding,chrome,templates,metadata,dedup,filter" in output
    code, output = invoke("run", seeds_copy, tmp_path / "o", "--steps", "dedup,encoding")
    assert code == 2 and "'encoding' cannot run after 'dedup'" in output
    assert "encoding, chrome, templates, metadata, dedup, filter" in output
    assert not (tmp_path / "o").exists()
    code, output = invoke("run", seeds_copy, tmp_path / "o", "--steps", "none", "--workers", "1")
    assert code == 0, output  # `none`: read and write only


def test_explain_record_out_of_range_is_2_and_id_selects_a_record(tmp_path: Path):
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"id": f"art-{i}", "text": "\n\n".join(a)}, ensure_ascii=False) + "\n"
                            for i, a in enumerate(ARTICLES)), encoding="utf-8")
    code, output = invoke("explain", news, "--record", "5000")
    assert code == 2 and "has 3 records, not 5000" in output
    code, output = invoke("explain", news, "--id", "art-1", "--json")
    assert code == 0, output
    assert ARTICLES[1][1] in [json.loads(l)["text"] for l in output.splitlines()]
    code, output = invoke("explain", news, "--id", "nope")
    assert code == 2 and "no record with id 'nope'" in output
    assert invoke("explain", news, "--id", "art-1", "--record", "2")[0] == 2


def test_version_and_help_examples():
    for flag in ("-V", "--version"):
        code, output = invoke(flag)
        assert code == 0 and output.startswith("dxclean, version ")
    for command in ([], ["run"], ["steps"], ["explain"], ["report"], ["schema"]):
        code, output = invoke(*command, "--help")
        assert code == 0 and "Examples:" in output and "  dxclean " in output, command
    assert "_DXCLEAN_COMPLETE=bash_source dxclean" in invoke("--help")[1]


def _interrupt(tmp_path: Path, sig: int) -> tuple[subprocess.CompletedProcess, Path]:
    big = needs_shared("data/vietnews-val-3000.jsonl")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "dxclean", "run", str(big), str(out), "--workers", "2", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (out / STAGING / "documents.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # well into the run
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), out


@pytest.mark.slow
@pytest.mark.parametrize("sig, code, word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_a_signal_exits_with_its_code_and_the_next_run_clears_the_partial_output(tmp_path: Path, sig: int, code: int, word: str):
    proc, out = _interrupt(tmp_path, sig)
    assert proc.returncode == code, proc.stderr
    assert f"dxclean: {word}" in proc.stderr and "Traceback" not in proc.stderr
    assert (out / STAGING).exists() and not (out / "documents.jsonl").exists()  # partial, never final
    again = dxclean("run", str(needs_shared("data/vietnews-val-3000.jsonl")), str(out), "--workers", "2", "-q")
    assert again.returncode == 0, again.stderr  # no --force needed: the leftovers are cleared
    assert not (out / STAGING).exists() and len(read_jsonl(out / "documents.jsonl")) == 3000
