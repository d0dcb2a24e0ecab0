"""Where the benchmarks find ``../shared/`` (beside the checkout), and its gold scorer."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_module(name: str, path: Path):
    """A Python file that is not in a package (a script, a test helper) as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer():
    """``../shared/tools/score_gold.py``."""
    return load_module("score_gold", SHARED / "tools" / "score_gold.py")
