"""The README's Python API snippet works pasted into a script, with no main guard."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from support import ROOT, SEEDS, read_jsonl

CONFIG_EXAMPLE = '[dedup]\nthreshold = 0.85\n'


def readme_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def run_script(tmp_path: Path, source: str) -> subprocess.CompletedProcess:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "dx.toml").write_text(CONFIG_EXAMPLE, encoding="utf-8")
    (tmp_path / "script.py").write_text(source, encoding="utf-8")
    return subprocess.run([sys.executable, "script.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)


def test_the_readme_snippet_runs_verbatim_as_a_script(tmp_path: Path):
    snippet = readme_snippet()
    assert "dxclean.run(" in snippet and "__main__" not in snippet
    proc = run_script(tmp_path, snippet)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "5 0"
    assert len(read_jsonl(tmp_path / "out" / "documents.jsonl")) == 5
    assert "Traceback" not in proc.stderr
    assert "if __name__ ==" in proc.stderr  # the warning says how to get worker processes back


def test_a_guarded_script_keeps_its_worker_processes(tmp_path: Path):
    source = ("import dxclean\nfrom dxclean.mainguard import unguarded_main_call\n"
              "if __name__ == '__main__':\n"
              "    print(unguarded_main_call())\n"
              "    s = dxclean.run('seeds/', 'out/', dxclean.Config(workers=2))\n"
              "    print(s.documents, s.errors)\n")
    proc = run_script(tmp_path, source)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "5", "0"] and "RuntimeWarning" not in proc.stderr


def test_an_unguarded_call_inside_a_function_is_detected(tmp_path: Path):
    source = ("import dxclean\nfrom dxclean.mainguard import unguarded_main_call\n"
              "def main():\n    print(unguarded_main_call())\n"
              "    s = dxclean.run('seeds/', 'out/', dxclean.Config(workers=2))\n    print(s.documents)\n"
              "main()\n")
    proc = run_script(tmp_path, source)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "5"]


def test_every_input_crashing_raises_instead_of_returning(tmp_path: Path):
    """Were the detection fooled, the workers re-importing the script die; the run then raises."""
    source = ("import dxclean, dxclean.runner\n"
              "dxclean.runner.unguarded_main_call = lambda: False  # fool the detection\n"
              "s = dxclean.run('seeds/', 'out/', dxclean.Config(workers=2))\n"
              "print('returned', s.documents, s.errors)\n")
    proc = run_script(tmp_path, source)
    assert proc.returncode != 0 and "returned" not in proc.stdout
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("dxclean.runner.RunFailed: every input (5) crashed") and "__main__" in last
    assert len(read_jsonl(tmp_path / "out" / "errors.jsonl")) == 5  # still accounted for
