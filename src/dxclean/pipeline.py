"""A pipeline is an ordered list of named steps, cut into passes at corpus-level steps.

``[encoding, chrome, templates*, metadata, dedup*]`` (``*`` corpus-level) runs as:

- pass 0: read, encoding, chrome, then ``templates.observe``;
- ``templates.plan`` over all observations;
- pass 1: ``templates.apply``, metadata, then ``dedup.observe``;
- ``dedup.plan``;
- pass 2: ``dedup.apply``, then the writer.

With no corpus-level step there is a single streaming pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .config import Config
from .steps.base import CorpusStep, DocumentStep, Step
from .steps.registry import step_class


@dataclass
class Pass:
    """Document steps to run, then optionally a corpus step to observe for."""

    document_steps: list[DocumentStep] = field(default_factory=list)
    observe: CorpusStep | None = None


@dataclass
class Pipeline:
    steps: list[Step]
    config: Config

    @classmethod
    def from_config(cls, config: Config) -> Pipeline:
        """Instantiate the configured steps; raises UnknownStep / MissingDependency."""
        seen: set[str] = set()
        steps: list[Step] = []
        for name in config.steps:
            if name in seen:
                raise ValueError(f"step {name!r} is listed twice")
            seen.add(name)
            cls_ = step_class(name)
            cls_.check_requirements()
            steps.append(cls_(config))
        return cls(steps, config)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def passes(self) -> list[Pass]:
        passes = [Pass()]
        for step in self.steps:
            if isinstance(step, CorpusStep):
                passes[-1].observe = step
                passes.append(Pass())
            elif isinstance(step, DocumentStep):
                passes[-1].document_steps.append(step)
            else:  # pragma: no cover - guarded by the registry
                raise TypeError(f"{step!r} is neither a document nor a corpus step")
        return passes

    def corpus_steps(self) -> list[CorpusStep]:
        return [s for s in self.steps if isinstance(s, CorpusStep)]
