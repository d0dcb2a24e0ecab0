"""Pipeline steps: label blocks of a document, never delete them."""

from .base import CorpusStep, DocumentStep, MissingDependency, Step, StepStats
from .registry import STEP_PATHS, UnknownStep, available_steps, step_class

__all__ = [
    "CorpusStep",
    "DocumentStep",
    "MissingDependency",
    "STEP_PATHS",
    "Step",
    "StepStats",
    "UnknownStep",
    "available_steps",
    "step_class",
]
