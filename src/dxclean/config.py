"""One immutable configuration object for a run.

Every option lives in exactly one place: a field of :class:`Config` or of one of
its sections. A TOML file (``--config``) uses the same names — top-level keys for
``Config`` fields, ``[section]`` tables for sections — and command-line flags
override single fields. Nothing is read at import time.

>>> Config().dedup.threshold
0.8
>>> Config().with_overrides({"dedup.threshold": 0.9}).dedup.threshold
0.9
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

DEFAULT_STEPS = ("encoding", "chrome", "templates", "metadata", "dedup", "filter")


class ConfigError(ValueError):
    """A configuration value or file is wrong; the message says which."""


@dataclass(frozen=True)
class LimitsConfig:
    """Size limits that keep hostile input from eating memory. Bytes unless noted."""

    max_file_bytes: int = 64 * 1024 * 1024
    #: A compressed input may inflate to at most this much (decompression-bomb guard).
    max_decompressed_bytes: int = 256 * 1024 * 1024
    #: A JSONL line longer than this becomes an errors.jsonl line.
    max_record_bytes: int = 32 * 1024 * 1024
    #: A document with more blocks (lines of a text dump, paragraphs of a record) is an
    #: errors.jsonl line: the work per document grows with its blocks (110,000 took 51 s).
    max_blocks: int = 20_000
    #: An HTML page with more elements (start tags) is an errors.jsonl line (1,000,000
    #: sibling <p> took 33 s and 871 MB).
    max_html_elements: int = 100_000
    #: A JSONL record nesting deeper (objects/arrays inside each other) is an errors.jsonl line.
    max_json_depth: int = 100
    #: A longer block is cut at this many characters (recorded in metadata).
    max_block_chars: int = 1_000_000


@dataclass(frozen=True)
class EncodingConfig:
    """Options of the ``encoding`` repair step."""

    legacy: bool = True  # detect TCVN3 / VNI / Windows-1258 / VIQR
    html_entities: bool = True
    ftfy: bool = True


@dataclass(frozen=True)
class CleanConfig:
    """Options of the page-cleaning steps (``chrome``, ``templates``, ``metadata``)."""

    #: A line seen in at least this many documents of one site is template chrome...
    template_min_docs: int = 3
    #: ...and in at least this share of the site's documents.
    template_min_share: float = 0.5


@dataclass(frozen=True)
class DedupConfig:
    """Options of the ``dedup`` step (see README, "Deduplication"; defaults measured in
    benchmarks/results/dedup.json)."""

    #: Jaccard similarity of shingle sets at or above which two texts are near-duplicates.
    threshold: float = 0.8
    #: MinHash permutations; LSH uses ``bands * rows`` of them. 24 bands of 5 rows: a pair at
    #: Jaccard 0.8 is a candidate with probability 0.99993, one at 0.5 with 0.53 (32 x 4: 0.87),
    #: so half the candidates to verify for the same measured recall (benchmarks/results/dedup.json).
    num_perm: int = 120
    bands: int = 24
    rows: int = 5
    #: Word bigrams: same cost as 3-grams (~27 shingles per paragraph) but a 1-word edit in a
    #: 27-word paragraph keeps Jaccard >= 0.8; measured share of planted 3 %-edited copies at
    #: or above 0.8: 2-grams 0.98, 3-grams 0.79, 5-grams 0.41 (benchmarks/results/dedup.json).
    shingle: str = "word"  # "word" or "char"
    shingle_size: int = 2
    #: Strip diacritics before shingling (for text that lost them); off: merges Vietnamese words.
    fold_diacritics: bool = False
    #: Texts with fewer words take no part (short lines would all collapse together).
    min_words: int = 5
    #: Cross-document duplicates: "annotate" (metadata only) or "drop" (label non-canonical copies).
    cross_doc: str = "annotate"
    #: Folder of a persistent index (dedup against earlier runs); None: no index.
    index: str | None = None
    #: Share of a text's shingles inside a longer text that makes it "contained in" it; 0 disables.
    containment: float = 0.9
    #: A block wholly contained in a longer block of the same document (a lead repeating the
    #: first sentences, a heading or caption quoting the text): "annotate" (default; listed in
    #: metadata["contained_paragraphs"], kept in the body) or "drop" (labelled duplicate).
    within_doc_contained: str = "annotate"
    #: Contained blocks are only ever dropped (within_doc_contained="drop", or cross_doc="drop")
    #: when they have at least this many words; shorter ones are headings quoting the text.
    contained_min_words: int = 20
    #: 1 in this many shingles is an anchor for containment candidates...
    anchor_sample: int = 2
    #: ...and an anchor shared by more texts than this is a stock phrase, not used.
    anchor_max_postings: int = 16
    #: LSH buckets / anchors shared by more texts are paired only with near neighbours.
    max_bucket: int = 64
    seed: int = 1


@dataclass(frozen=True)
class FilterConfig:
    """Options of the ``filter`` step: which documents go to documents.jsonl at all.

    A document whose whole body another step dropped (``--cross-doc drop``: a copy of an
    earlier document) is always left out. The floors are off (0) by default, so every
    other input document has a record; for corpus building ``min_words = 20`` is typical.
    """

    #: Documents whose body has fewer words are left out (0: no floor).
    min_words: int = 0
    #: Documents whose body text has fewer characters are left out (0: no floor).
    min_chars: int = 0
    #: ISO 639-1 codes to keep (``["vi", "en"]``); documents of other or undetermined
    #: languages are left out. Empty: every language.
    languages: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.min_words or self.min_chars or self.languages)


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know."""

    steps: tuple[str, ...] = DEFAULT_STEPS
    workers: int = 0  # 0: one per core
    engine: str = "local"  # "local" or "ray"
    ray_address: str | None = None
    #: Input format: "auto" (by extension), "text", "jsonl" or "html".
    input_format: str = "auto"
    #: OUT/text/, one file per document: true, false, or "auto" (for documents read from
    #: their own file; not for the records of a JSONL file, where it would be a file per record).
    text_mirror: bool | str = "auto"
    #: Read files reached through a symbolic link that leaves IN (refused by default).
    follow_symlinks: bool = False
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    encoding: EncodingConfig = field(default_factory=EncodingConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    filter: FilterConfig = field(default_factory=FilterConfig)

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def with_overrides(self, overrides: dict[str, Any]) -> Config:
        """Return a copy with dotted keys (``"dedup.threshold"``) replaced."""
        config = self
        for key, value in overrides.items():
            config = _set_dotted(config, key.split("."), value, key)
        return config

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Config:
        flat: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, dict):
                for sub, subvalue in value.items():
                    flat[f"{key}.{sub}"] = subvalue
            else:
                flat[key] = value
        return cls().with_overrides(flat)

    @classmethod
    def from_toml(cls, path: str | Path) -> Config:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
        return cls.from_mapping(data)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


#: Options that take true, false or "auto".
_TRUE_FALSE_AUTO = ("text_mirror",)


def _set_dotted(obj: Any, parts: list[str], value: Any, key: str) -> Any:
    names = {f.name: f for f in fields(obj)}
    if parts[0] not in names:
        raise ConfigError(f"unknown option {key!r} (known: {', '.join(sorted(names))})")
    current = getattr(obj, parts[0])
    if parts[0] in _TRUE_FALSE_AUTO and len(parts) == 1:
        if not (isinstance(value, bool) or value == "auto"):
            raise ConfigError(f"option {key!r} takes true, false or \"auto\", not {value!r}")
        return replace(obj, **{parts[0]: value})
    if len(parts) > 1:
        if not is_dataclass(current):
            raise ConfigError(f"option {key!r}: {parts[0]!r} has no sub-options")
        return replace(obj, **{parts[0]: _set_dotted(current, parts[1:], value, key)})
    if is_dataclass(current):
        raise ConfigError(f"option {key!r} is a section; set its fields, e.g. {key}.NAME")
    return replace(obj, **{parts[0]: _coerce(current, value, key)})


def _coerce(current: Any, value: Any, key: str) -> Any:
    if isinstance(current, tuple):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"option {key!r} takes a list")
        return tuple(value)
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"option {key!r} takes true or false, not {value!r}")
        return value
    for kind in (int, float):
        if isinstance(current, kind) and not isinstance(current, bool):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"option {key!r} takes a number, not {value!r}")
            return kind(value)
    if current is None or isinstance(current, str):
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"option {key!r} takes a string, not {value!r}")
        return value
    return value
