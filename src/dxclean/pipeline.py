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
from .steps.registry import STEP_PATHS, step_class


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
        """Instantiate the configured steps; raises UnknownStep / MissingDependency, and
        ValueError for a step listed twice or registered steps out of their order."""
        _check_order(config.steps)
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


def _check_order(names: tuple[str, ...]) -> None:
    """Registered steps run in the order of ``STEP_PATHS`` (encoding before the cleaners
    that read the text, dedup after them...); steps of your own (``module:Class``) go anywhere.

    >>> _check_order(("encoding", "dedup"))
    >>> _check_order(("dedup", "encoding"))
    Traceback (most recent call last):
    ...
    ValueError: step 'encoding' cannot run after 'dedup'; registered steps run in this order: encoding, chrome, templates, metadata, dedup, filter
    """
    order = list(STEP_PATHS)
    known = [n for n in names if n in STEP_PATHS]
    for before, after in zip(known, known[1:]):
        if order.index(after) < order.index(before):
            raise ValueError(f"step {after!r} cannot run after {before!r}; registered steps run in this order: {', '.join(order)}")
