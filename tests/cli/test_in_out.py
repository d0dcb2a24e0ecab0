"""IN and OUT: an earlier run's output inside IN is not input; OUT may not be IN; IN must hold input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from clisupport import ARTICLES, invoke, stats, write_texts
from support import read_jsonl


def test_an_earlier_output_inside_in_is_skipped_and_counted(seeds_copy: Path):
    assert invoke("run", seeds_copy, seeds_copy / "out", "--workers", "1")[0] == 0
    code, output = invoke("run", seeds_copy, seeds_copy / "out2", "--workers", "1")
    assert code == 0, output
    docs = read_jsonl(seeds_copy / "out2" / "documents.jsonl")
    assert len(docs) == 5 and not any(d["source_path"].startswith("out/") for d in docs)
    assert stats(seeds_copy / "out2")["totals"]["skipped_outputs"] == ["out"]
    assert "skipped 1 earlier output folder (out)" in output
    # The third run skips both earlier outputs; and --force into out2 (OUT inside IN) still works.
    code, output = invoke("run", seeds_copy, seeds_copy / "out2", "--workers", "1", "--force")
    assert code == 0 and stats(seeds_copy / "out2")["totals"]["skipped_outputs"] == ["out"]


def test_an_output_written_before_the_marker_is_known_by_its_stats(seeds_copy: Path):
    assert invoke("run", seeds_copy, seeds_copy / "old", "--workers", "1")[0] == 0
    (seeds_copy / "old" / ".dxclean-output").unlink()
    assert invoke("run", seeds_copy, seeds_copy / "new", "--workers", "1")[0] == 0
    assert stats(seeds_copy / "new")["totals"]["skipped_outputs"] == ["old"]


def test_a_folder_with_an_unrelated_stats_json_is_still_read(tmp_path: Path):
    write_texts(tmp_path / "in" / "sub", {"a.txt": ARTICLES[0]})
    (tmp_path / "in" / "sub" / "stats.json").write_text(json.dumps({"mean": 1}), encoding="utf-8")
    code, _ = invoke("run", tmp_path / "in", tmp_path / "out", "--workers", "1")
    assert code == 1  # stats.json itself is an unsupported input; a.txt was read
    assert [d["source_path"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["sub/a.txt"]


def test_in_equal_to_out_is_refused_even_with_force(seeds_copy: Path):
    before = sorted(p.name for p in seeds_copy.iterdir())
    for extra in ([], ["--force"]):
        code, output = invoke("run", seeds_copy, seeds_copy, *extra)
        assert code == 2 and "is the input folder IN" in output
        code, output = invoke("run", seeds_copy, seeds_copy / "sub" / "..", *extra)
        assert code == 2
    assert sorted(p.name for p in seeds_copy.iterdir()) == before  # nothing written into IN


def test_in_inside_the_files_a_run_replaces_is_refused(tmp_path: Path):
    write_texts(tmp_path / "out" / "text", {"a.txt": ARTICLES[0]})
    code, output = invoke("run", tmp_path / "out" / "text", tmp_path / "out", "--force")
    assert code == 2 and "is part of the output" in output
    assert (tmp_path / "out" / "text" / "a.txt").exists()


def test_an_empty_input_folder_is_a_usage_error_saying_what_to_do(tmp_path: Path):
    (tmp_path / "in").mkdir()
    code, output = invoke("run", tmp_path / "in", tmp_path / "out")
    assert code == 2 and "holds no input files" in output and "point IN at" in output
    assert not (tmp_path / "out").exists()


def test_a_folder_holding_only_an_earlier_output_says_so(seeds_copy: Path, tmp_path: Path):
    shutil.move(str(seeds_copy), tmp_path / "in")
    assert invoke("run", tmp_path / "in", tmp_path / "in" / "out", "--workers", "1")[0] == 0
    for p in (tmp_path / "in").glob("*.txt"):
        p.unlink()
    code, output = invoke("run", tmp_path / "in", tmp_path / "o2")
    assert code == 2 and "skipped earlier dxclean output: out" in output
