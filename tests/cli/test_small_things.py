"""Small things a new user notices: report links, stats.json outputs and counters, plurals, install metadata."""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

from clisupport import ARTICLES, invoke, stats, write_texts
from support import ROOT, read_jsonl


def test_text_mirror_links_of_jsonl_records_are_percent_encoded(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news #1.jsonl").write_text(
        "".join(json.dumps({"text": "\n\n".join(a)}, ensure_ascii=False) + "\n" for a in ARTICLES[:2]), encoding="utf-8")
    out = tmp_path / "out"
    code, output = invoke("run", folder, out, "--workers", "1", "--report", "--text-mirror")
    assert code == 0, output
    pages = list((out / "report").rglob("*.html"))
    links = [href for page in pages for href in re.findall(r'href="([^"]*text/[^"]*)"', page.read_text(encoding="utf-8"))]
    assert len(links) == 2
    for link in links:
        assert "#" not in link and "%23" in link and "%2523" not in link
        relative = unquote(link.split("text/", 1)[1])
        assert (out / "text" / relative).is_file()


def test_stats_outputs_list_every_file_written(seeds_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert invoke("run", seeds_copy, out, "--workers", "1")[0] == 0
    written = sorted(p.name + ("/" if p.is_dir() else "") for p in out.iterdir())
    assert stats(out)["outputs"] == written
    assert {"documents.jsonl", "removed.jsonl", "errors.jsonl", "duplicates.jsonl", "stats.json", "text/"} <= set(written)


def test_the_chrome_counters_agree_with_the_labels_in_the_output(seeds_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert invoke("run", seeds_copy, out, "--workers", "1")[0] == 0
    final = Counter(r["label"] for r in read_jsonl(out / "removed.jsonl") if r["step"] == "chrome" and r["part"] == "block")
    counters = stats(out)["steps"]["chrome"]["counters"]
    for label in ("chrome", "teaser", "caption"):
        assert counters.get(label, 0) == final[label] == stats(out)["totals"]["blocks"].get(label, 0), label


def test_one_document_is_singular(tmp_path: Path):
    folder = write_texts(tmp_path / "in", {"a.txt": ARTICLES[0]})
    code, output = invoke("run", folder, tmp_path / "out", "--workers", "1")
    assert code == 0 and "1 document, 0 errors;" in output and "documents" not in output.split(";")[0]


def test_pyproject_licence_is_an_spdx_expression_without_a_licence_classifier():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "GPL-3.0-or-later"
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    assert any(d.startswith("py3langid") for d in project["dependencies"])


def test_the_documented_shell_completion_works():
    import os
    import subprocess
    import sys

    import pytest

    script = Path(sys.executable).parent / "dxclean"  # the console script installed beside this Python
    if not script.exists():
        pytest.skip("the dxclean console script is not installed beside this Python")
    env = dict(os.environ, _DXCLEAN_COMPLETE="bash_complete", COMP_WORDS="dxclean ru", COMP_CWORD="1")
    proc = subprocess.run([script], env=env, capture_output=True, text=True, timeout=60)
    assert proc.stdout.split() == ["plain,run"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_DXCLEAN_COMPLETE=bash_source dxclean" in readme
