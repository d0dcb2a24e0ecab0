"""The step interface: per-document steps and corpus-level steps.

A *per-document* step sees one document at a time, so the executor may run it
anywhere and in any order of documents. A *corpus-level* step must see every
document first (cross-document dedup, template lines repeated across a site):
the executor runs it in three phases:

1. ``observe(doc)`` — in the workers, returns a small picklable summary;
2. ``plan(observations)`` — once, over the summaries of all documents in input order;
3. ``apply(doc, plan)`` — in the workers again, labels the document using the plan.

Stats merge with ``+`` so parallel workers combine into one account.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Document


@dataclass
class StepStats:
    """Counters and wall time of one step; ``a + b`` merges two workers' stats."""

    counters: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def count(self, key: str, n: int = 1) -> None:
        self.counters[key] += n

    def __add__(self, other: StepStats) -> StepStats:
        return StepStats(self.counters + other.counters, self.seconds + other.seconds)

    def to_json(self) -> dict[str, Any]:
        return {"counters": dict(sorted(self.counters.items())), "seconds": round(self.seconds, 4)}


class MissingDependency(RuntimeError):
    """An optional dependency a step needs is not installed."""


class Step:
    """Base of all steps. Subclasses set ``name`` and ``description``.

    ``requires`` lists the modules the step imports, each with what to install: an extra
    of dxclean (``"ray"``) or, for a dependency dxclean itself requires, its pip
    requirement (``"py3langid>=0.4,<0.5"``, a stale environment). :meth:`check_requirements`
    turns a missing one into an install hint before the run starts, instead of a
    traceback, or a step error on every document, mid-run.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    requires: ClassVar[tuple[tuple[str, str], ...]] = ()  # (module, extra or pip requirement)
    corpus_level: ClassVar[bool] = False

    def __init__(self, config: Config) -> None:
        self.config = config

    @classmethod
    def check_requirements(cls) -> None:
        for module, package in cls.requires:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                if package.isidentifier():  # an extra of dxclean's
                    hint = f"pip install 'dxclean[{package}]'"
                else:  # a dependency of dxclean's own, missing from this environment
                    hint = f"dxclean requires it; reinstall dxclean, or pip install '{package}'"
                raise MissingDependency(f"step {cls.name!r} needs {module!r}: {hint}") from exc

    def __repr__(self) -> str:
        return f"<step {self.name}>"


class DocumentStep(Step):
    """A step that looks at one document at a time."""

    def process(self, doc: Document, stats: StepStats) -> Document:
        raise NotImplementedError


class CorpusStep(Step):
    """A step that needs all documents before it can decide (see module docstring)."""

    corpus_level = True
    #: ``apply(doc, None)`` returns ``doc`` as it is (``plan_for`` gives None for a document
    #: the plan does not touch): such documents may skip the pass that applies the plan.
    unplanned_unchanged: ClassVar[bool] = False

    def observe(self, doc: Document, stats: StepStats) -> Any:
        raise NotImplementedError

    def observe_batch(self, docs: list[Document], stats: StepStats) -> list[Any]:
        """``observe`` of each of ``docs``, in order (override to vectorise; same results)."""
        return [self.observe(doc, stats) for doc in docs]

    def collector(self, spill_dir: Any = None) -> Any:
        """What the driver appends ``(index, observation)`` pairs to, in input order, and then
        hands to :meth:`plan`. A list by default; a step may keep a more compact form, and
        keep part of it in files under ``spill_dir`` (a folder of the run's, if given)."""
        return []

    def plan(self, observations: Iterable[Any], stats: StepStats) -> Any:
        """Combine the observations (in input order) into whatever ``apply`` needs."""
        raise NotImplementedError

    def plan_for(self, plan: Any, index: int) -> Any:
        """The part of ``plan`` that document ``index`` needs (sent to the worker).

        Override when the plan is large (e.g. dedup keeps only that document's
        decisions) so that workers are not sent the whole corpus plan.
        """
        return plan

    def apply(self, doc: Document, plan: Any, stats: StepStats) -> Document:
        """Label ``doc`` using ``plan_for(plan, index)`` of this document."""
        raise NotImplementedError

    def write_outputs(self, plan: Any, out_dir: str) -> list[str]:
        """Write extra files (e.g. duplicates.jsonl) into ``out_dir``; return their names."""
        return []

    def after_commit(self, plan: Any, out_dir: str) -> None:
        """Called once, on the driver, after the run's output is committed into ``out_dir``
        (never for a run that failed or was killed before that). For side effects that
        must not outlive an uncommitted run, such as appending to a persistent index."""
