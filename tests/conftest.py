"""Shared fixtures. Hypothesis profiles: ``ci`` (default in `make test`) and ``deep`` (local fuzzing)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from support import SEEDS

# Costly properties (whole runs, worker pools) take a fraction of max_examples: see
# tests/fuzz/runs.py:scaled. ci prints a blob to reproduce a failure with @reproduce_failure.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]
# ci is derandomized: the same examples on every submission, so CI is never red by luck;
# `deep` (random) is where new examples are looked for.
settings.register_profile("ci", max_examples=60, deadline=None, print_blob=True, derandomize=True,
                          suppress_health_check=_SLOW_DATA)
settings.register_profile("deep", max_examples=5000, deadline=None, print_blob=True, suppress_health_check=_SLOW_DATA)
settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=_SLOW_DATA)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def _draw_no_local_constants() -> None:
    """Hypothesis (>= 6.131) also draws constants it finds in the project's loaded modules,
    tests included: the examples of a derandomized run then change whenever a test file is
    added, or pytest-xdist gives a worker other files first. For ``ci`` to run the same
    examples on every submission, draw from the tests' own strategies only (the private
    hook is checked for; hypothesis is pinned below 7)."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - another hypothesis layout: nothing to switch off
        return
    if callable(getattr(providers, "_get_local_constants", None)) and hasattr(providers, "Constants"):
        empty = providers.Constants(integers=providers.SortedSet(), floats=providers.SortedSet(key=providers.float_to_int),
                                    bytes=providers.SortedSet(), strings=providers.SortedSet())
        providers._get_local_constants = lambda: empty


if os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    _draw_no_local_constants()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
