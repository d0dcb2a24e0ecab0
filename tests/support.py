"""Helpers for the tests (importable as ``support``: tests/ is on pytest's pythonpath)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def needs_shared(path: str) -> Path:
    """A path under ../shared/, or skip the test when the checkout has no shared/ beside it."""
    full = SHARED / path
    if not full.exists():
        pytest.skip(f"../shared/{path} is not available")
    return full


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
