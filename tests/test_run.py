"""End to end: `dxclean run` writes the output contract, deterministically and atomically."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from dxclean.cli import cli
from dxclean.schema import document_schema
from dxclean.writers.output import MARKER, STAGING, find_mirror

from support import output_files, read_jsonl

CONTRACT_FILES = ("documents.jsonl", "removed.jsonl", "errors.jsonl", "stats.json")


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_seeds_end_to_end_contract(seeds_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    code, output = run_cli("run", str(seeds_copy), str(out), "--workers", "1")
    assert code == 0, output
    for name in CONTRACT_FILES:
        assert (out / name).is_file()
    assert not (out / STAGING).exists() and not (out / MARKER).exists()
    docs = read_jsonl(out / "documents.jsonl")
    assert [d["source_path"] for d in docs] == sorted(p.name for p in seeds_copy.iterdir())
    schema = document_schema()
    for doc in docs:
        jsonschema.validate(doc, schema)
        assert doc["title"] and doc["text"]
        assert "\n\n\n" not in doc["text"] and not doc["text"].startswith(doc["title"] + "\n")
        mirror = (out / "text" / find_mirror(out, doc["source_path"], doc["id"])).read_text(encoding="utf-8")
        assert mirror == f"{doc['title']}\n\n{doc['text']}\n"
    ids = [d["id"] for d in docs]
    assert len(set(ids)) == len(ids)
    stats = json.loads((out / "stats.json").read_text())
    assert stats["totals"]["documents"] == 5 and stats["totals"]["errors"] == 0
    assert set(stats["steps"]) >= {"read", "encoding", "chrome", "metadata", "dedup"}


def test_every_block_is_accounted_for(seeds_copy: Path, tmp_path: Path):
    """Body + removed.jsonl (whole blocks) cover every input line exactly once."""
    out = tmp_path / "out"
    assert run_cli("run", str(seeds_copy), str(out))[0] == 0
    removed = read_jsonl(out / "removed.jsonl")
    for doc in read_jsonl(out / "documents.jsonl"):
        lines = [l for l in (seeds_copy / doc["source_path"]).read_text(encoding="utf-8").splitlines() if l.strip()]
        body = set(doc["metadata"]["body_positions"])
        gone = {r["position"] for r in removed if r["doc"] == doc["id"] and r["part"] == "block"}
        assert body.isdisjoint(gone)
        assert body | gone == set(range(len(lines)))
        assert len(doc["text"].split("\n\n")) == len(body)
        assert sum(doc["metadata"]["blocks"].values()) == len(lines)


def test_workers_1_and_2_give_identical_bytes(seeds_copy: Path, tmp_path: Path):
    # More documents than one batch, so work really is spread over both workers.
    for i in range(40):
        (seeds_copy / f"copy{i:02}.txt").write_bytes((seeds_copy / sorted(p.name for p in seeds_copy.iterdir())[i % 5]).read_bytes())
    (seeds_copy / "broken.txt").write_bytes(b"\xff\xfe\xfa\xfb not text")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_cli("run", str(seeds_copy), str(one), "--workers", "1")[0] == 1
    assert run_cli("run", str(seeds_copy), str(two), "--workers", "2")[0] == 1
    assert output_files(one) == output_files(two)


def test_broken_inputs_become_errors_and_the_run_goes_on(seeds_copy: Path, tmp_path: Path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "latin1.txt").write_bytes(b"\x00\x00binary\x00")
    (seeds_copy / "records.jsonl").write_text('{"id": "r1", "text": "Một đoạn văn bản."}\n{not json\n{"text": 5}\n')
    (seeds_copy / "page.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    code, _ = run_cli("run", str(seeds_copy), str(out))
    assert code == 1
    errors = read_jsonl(out / "errors.jsonl")
    docs = read_jsonl(out / "documents.jsonl")
    assert {e["source_path"] for e in errors} == {"empty.txt", "latin1.txt", "records.jsonl#2", "records.jsonl#3", "page.pdf"}
    assert all(e["reason"] for e in errors)
    # Accounting: every input is a document or an error.
    assert {d["source_path"] for d in docs} | {e["source_path"] for e in errors} == {
        *(p.name for p in seeds_copy.iterdir() if p.suffix == ".txt"), "records.jsonl#1", "records.jsonl#2", "records.jsonl#3", "page.pdf"}
    assert [d["id"] for d in docs if d["source_path"] == "records.jsonl#1"] == ["r1"]


def test_out_dir_policy(seeds_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run_cli("run", str(seeds_copy), str(out))[0] == 0
    code, output = run_cli("run", str(seeds_copy), str(out))
    assert code == 2 and "--force" in output
    before = output_files(out)
    assert run_cli("run", str(seeds_copy), str(out), "--force")[0] == 0
    assert output_files(out) == before
    # Leftovers of a killed run are cleared without --force.
    (out / STAGING).mkdir()
    (out / STAGING / "documents.jsonl").write_text("half")
    (out / MARKER).write_text("")
    assert run_cli("run", str(seeds_copy), str(out))[0] == 0
    assert output_files(out) == before


def test_usage_errors_exit_2(seeds_copy: Path, tmp_path: Path):
    assert run_cli("run", str(seeds_copy), str(tmp_path / "o"), "--steps", "encoding,nope")[0] == 2
    assert run_cli("run", str(tmp_path / "missing"), str(tmp_path / "o"))[0] == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[dedup]\nthreshold = 'high'\n")
    assert run_cli("run", str(seeds_copy), str(tmp_path / "o"), "--config", str(bad))[0] == 2


def test_steps_option_and_config_file_choose_the_pipeline(seeds_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run_cli("run", str(seeds_copy), str(out), "--steps", "encoding")[0] == 0
    assert json.loads((out / "stats.json").read_text())["steps_run"] == ["encoding"]
    config = tmp_path / "dx.toml"
    config.write_text('steps = ["encoding", "chrome"]\n')
    assert run_cli("run", str(seeds_copy), str(out), "--config", str(config), "--force")[0] == 0
    assert json.loads((out / "stats.json").read_text())["steps_run"] == ["encoding", "chrome"]


def test_steps_command_lists_every_step_with_a_description():
    code, output = run_cli("steps")
    assert code == 0
    for name in ("encoding", "chrome", "templates", "metadata", "dedup"):
        line = next(l for l in output.splitlines() if l.startswith(name + " "))
        assert "unavailable" not in line and len(line.split(None, 3)[-1]) > 10


def test_every_command_has_help_text():
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 10, name
        code, output = run_cli(name, "--help")
        assert code == 0 and "Usage" in output


def test_explain_shows_labels_and_reasons(seeds_copy: Path):
    code, output = run_cli("explain", str(seeds_copy / "003_6fb6fe81f11c8a04.txt"), "--json")
    assert code == 0
    rows = [json.loads(l) for l in output.splitlines()]
    lines = [l for l in (seeds_copy / "003_6fb6fe81f11c8a04.txt").read_text(encoding="utf-8").splitlines() if l.strip()]
    assert [r["position"] for r in rows] == list(range(len(lines)))
    assert any(r["label"] == "title" for r in rows)
    assert all(r["reason"] for r in rows if r["label"] != "body")


def test_subprocess_entry_point(seeds_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "dxclean", "run", str(seeds_copy), str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "5 documents, 0 errors" in proc.stderr
    assert len(read_jsonl(out / "documents.jsonl")) == 5


def test_quiet_prints_nothing(seeds_copy: Path, tmp_path: Path):
    proc = subprocess.run([sys.executable, "-m", "dxclean", "run", str(seeds_copy), str(tmp_path / "o"), "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stderr == "" and proc.stdout == ""
