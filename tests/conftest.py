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


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
