"""One local Ray instance (2 CPUs) shared by the tests of this folder (session scope).

Skipped as a whole when Ray is not installed (``pip install -e '.[dev,ray]'``).
The executor reuses an initialised Ray and leaves it running, so the ~10 s
start-up is paid once per test session (per xdist worker).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def ray_instance():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    if ray.is_initialized():
        yield ray
        return
    # Workers import test-only steps (tests/crashing_steps.py) by name.
    path = os.pathsep.join(p for p in (str(TESTS), os.environ.get("PYTHONPATH", "")) if p)
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": path}})
    yield ray
    ray.shutdown()
