"""Fixtures for the reliability tests (issue 15): every test drives the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import make_corpus, run_dx


@pytest.fixture
def dx():
    """``dx("run", IN, OUT, ...)``: the command line in a subprocess; ``patch=`` Python run first."""
    return run_dx


@pytest.fixture
def corpus(tmp_path: Path):
    """``corpus(name, docs=3)``: a folder of text pages under tmp_path."""
    return lambda name="in", docs=3, topic="": make_corpus(tmp_path / name, docs, topic)
