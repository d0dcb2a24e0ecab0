"""A required dependency missing from a stale environment stops the run before it starts.

Without the check the metadata step caught the ImportError on every document: the run
"succeeded" with a step error per document and every ``language`` null.
"""

from __future__ import annotations

import sys

import pytest

from dxclean.config import Config
from dxclean.pipeline import Pipeline
from dxclean.steps.base import MissingDependency

from .clisupport import ARTICLES, invoke, write_texts


@pytest.fixture
def no_py3langid(monkeypatch):
    # None in sys.modules makes ``import py3langid`` raise ImportError (as if not installed).
    for name in [m for m in sys.modules if m == "py3langid" or m.startswith("py3langid.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "py3langid", None)


def test_pipeline_names_the_missing_requirement(no_py3langid):
    with pytest.raises(MissingDependency, match=r"'metadata' needs 'py3langid'.*pip install 'py3langid>=0\.4,<0\.5'"):
        Pipeline.from_config(Config())


def test_steps_without_it_still_run(no_py3langid):
    assert Pipeline.from_config(Config(steps=("encoding", "chrome"))).names == ["encoding", "chrome"]


def test_run_exits_2_and_writes_nothing(no_py3langid, tmp_path):
    src = write_texts(tmp_path / "in", {f"a{i}.txt": lines for i, lines in enumerate(ARTICLES)})
    code, output = invoke("run", src, tmp_path / "out", "-q", "--workers", "1")
    assert code == 2, output
    assert "py3langid" in output and "reinstall dxclean" in output
    assert not (tmp_path / "out" / "documents.jsonl").exists()
