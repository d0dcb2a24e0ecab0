"""Run dxclean on generated inputs and read back everything it wrote (for the properties).

The property tests use the default pipeline (``Config()``), so they test the real
product as steps land. ``DXCLEAN_FUZZ_STEPS=a,b,c`` overrides the steps (local
fuzzing of a partial pipeline); without it, a test needing a step that cannot be
imported yet is skipped and says which.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

from dxclean.config import Config
from dxclean.pipeline import Pipeline
from dxclean.runner import run


def fuzz_config(**overrides: Any) -> Config:
    """The configuration the property tests run: the default pipeline, one in-process worker."""
    config = Config(workers=1)
    steps = os.environ.get("DXCLEAN_FUZZ_STEPS")
    if steps is not None:
        config = config.with_overrides({"steps": steps})
    return config.with_overrides(overrides) if overrides else config


def unavailable(config: Config) -> str | None:
    """Why the pipeline of ``config`` cannot be built, or None."""
    try:
        Pipeline.from_config(config)
    except Exception as exc:  # noqa: BLE001 - ImportError, MissingDependency, UnknownStep
        return f"{type(exc).__name__}: {exc}"
    return None


def step_importable(name: str) -> bool:
    return unavailable(Config(steps=(name,))) is None


def skip_unless_pipeline(config: Config) -> None:
    reason = unavailable(config)
    if reason is not None:
        pytest.skip(f"pipeline {','.join(config.steps)} not available yet ({reason})")


needs_default_pipeline = pytest.mark.skipif(
    unavailable(fuzz_config()) is not None,
    reason=f"default pipeline not available yet: {unavailable(fuzz_config())}",
)


@dataclass
class Output:
    """What one run wrote into OUT."""

    exit_code: int
    out: Path
    documents: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, bytes] = field(default_factory=dict)  # documents/removed/errors.jsonl bytes

    def removed_of(self, doc_id: str) -> list[dict[str, Any]]:
        return [r for r in self.removed if r["doc"] == doc_id]


def read_output(out: Path, exit_code: int) -> Output:
    result = Output(exit_code, out)
    for name in ("documents", "removed", "errors"):
        data = (out / f"{name}.jsonl").read_bytes()
        result.raw[name] = data
        text = data.decode("utf-8")  # strict: the output must be valid UTF-8
        setattr(result, name, [json.loads(line) for line in text.split("\n") if line])
    result.stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    return result


def write_inputs(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@contextmanager
def dxclean_run(files: dict[str, bytes], config: Config) -> Iterator[Output]:
    """Write ``files`` into a fresh IN, run dxclean (Python API) into OUT, yield the output."""
    with tempfile.TemporaryDirectory(prefix="dxfuzz-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        write_inputs(root / "in", files)
        summary = run(root / "in", root / "out", config)
        yield read_output(root / "out", summary.exit_code)


def rerun_on(path: Path, out: Path, config: Config) -> Output:
    """Run dxclean on ``path`` (e.g. an earlier run's documents.jsonl) into ``out``."""
    summary = run(path, out, config)
    return read_output(out, summary.exit_code)


def scaled(fraction: float, *, minimum: int = 3):
    """Hypothesis settings with ``fraction`` of the active profile's examples (for costly properties)."""
    from hypothesis import settings

    return settings(max_examples=max(minimum, int(settings.default.max_examples * fraction)))
