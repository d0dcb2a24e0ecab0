"""JSONL records (datatrove / dolma format): ``text`` plus optional ``id``, ``url``,
``title``, ``metadata`` (and ``html``, read by the HTML reader).

Records are parsed in the driver so that document ids can be made unique there;
each record becomes one task. Broken lines become errors and the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from ..model import ErrorRecord
from .limited import CorruptInput, InputTooLarge, iter_lines_limited
from .tasks import RECORD, InputTask


def iter_jsonl_tasks(path: Path, rel: str, config: Config) -> Iterator[InputTask | ErrorRecord]:
    """One task per record of ``path``; ``source_path`` is ``rel#N`` (N: 1-based line)."""
    limits = config.limits
    try:
        for number, line in iter_lines_limited(
            path, max_line=limits.max_record_bytes, max_inflated=limits.max_decompressed_bytes
        ):
            where = f"{rel}#{number}"
            if line is None:
                yield ErrorRecord(where, f"line longer than {limits.max_record_bytes:,} bytes (limits.max_record_bytes)", "too_large")
                continue
            if not line.strip():
                continue
            item = parse_record(line, where, max_depth=limits.max_json_depth)
            if item is not None:
                yield item
    except (InputTooLarge, CorruptInput) as exc:
        yield ErrorRecord(rel, str(exc), "too_large" if isinstance(exc, InputTooLarge) else "corrupt")
    except FileNotFoundError:
        yield ErrorRecord(rel, "the file was deleted or moved while the run was going on (no such file)", "vanished")
    except OSError as exc:
        yield ErrorRecord(rel, f"cannot read file: {exc.strerror or exc}", "unreadable")


#: Deeper structures cannot be pickled (RecursionError) to pass them between processes.
MAX_JSON_DEPTH = 400


def check_limits(config: Config) -> None:
    """Refuse limits the readers cannot honour (a ValueError saying which)."""
    depth = config.limits.max_json_depth
    if not 1 <= depth <= MAX_JSON_DEPTH:
        raise ValueError(f"limits.max_json_depth must be between 1 and {MAX_JSON_DEPTH}, not {depth} "
                         "(deeper records cannot be passed between processes)")


def nesting_depth(value: object, limit: int) -> int:
    """How deep lists and dicts nest in ``value`` (a scalar is 0), counted without recursion
    and only up to ``limit + 1``.

    >>> nesting_depth({"a": [[1], 2]}, 100), nesting_depth([[[[]]]], 2)
    (3, 3)
    """
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, depth)
            if depth > limit:
                return deepest
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_record(line: bytes, where: str, *, max_depth: int = 100) -> InputTask | ErrorRecord | None:
    try:
        record = json.loads(line.decode("utf-8", errors="strict"))
    except UnicodeDecodeError as exc:
        return ErrorRecord(where, f"line is not valid UTF-8 (offset {exc.start})", "decode")
    except (json.JSONDecodeError, RecursionError) as exc:
        return ErrorRecord(where, f"broken JSON line: {getattr(exc, 'msg', exc)}", "json")
    if not isinstance(record, dict):
        return ErrorRecord(where, f"JSON line is a {type(record).__name__}, not an object", "json")
    if nesting_depth(record, max_depth) > max_depth:
        return ErrorRecord(where, f"record nests deeper than {max_depth} levels (limits.max_json_depth)", "json")
    has_text = isinstance(record.get("text"), str)
    has_html = isinstance(record.get("html"), str)
    if not has_text and not has_html:
        if "text" in record:
            return ErrorRecord(where, f"record 'text' is a {type(record['text']).__name__}, not a string", "json")
        return ErrorRecord(where, "record has no 'text' (or 'html') string", "json")
    own_id = record.get("id")
    doc_id = str(own_id) if isinstance(own_id, (str, int)) and not isinstance(own_id, bool) and str(own_id) else where
    return InputTask(RECORD, where, doc_id, record=record)
