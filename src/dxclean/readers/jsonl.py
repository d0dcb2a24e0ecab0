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
            item = parse_record(line, where)
            if item is not None:
                yield item
    except (InputTooLarge, CorruptInput) as exc:
        yield ErrorRecord(rel, str(exc), "too_large" if isinstance(exc, InputTooLarge) else "corrupt")
    except OSError as exc:
        yield ErrorRecord(rel, f"cannot read file: {exc.strerror or exc}", "unreadable")


def parse_record(line: bytes, where: str) -> InputTask | ErrorRecord | None:
    try:
        record = json.loads(line.decode("utf-8", errors="strict"))
    except UnicodeDecodeError as exc:
        return ErrorRecord(where, f"line is not valid UTF-8 (offset {exc.start})", "decode")
    except (json.JSONDecodeError, RecursionError) as exc:
        return ErrorRecord(where, f"broken JSON line: {getattr(exc, 'msg', exc)}", "json")
    if not isinstance(record, dict):
        return ErrorRecord(where, f"JSON line is a {type(record).__name__}, not an object", "json")
    has_text = isinstance(record.get("text"), str)
    has_html = isinstance(record.get("html"), str)
    if not has_text and not has_html:
        if "text" in record:
            return ErrorRecord(where, f"record 'text' is a {type(record['text']).__name__}, not a string", "json")
        return ErrorRecord(where, "record has no 'text' (or 'html') string", "json")
    own_id = record.get("id")
    doc_id = str(own_id) if isinstance(own_id, (str, int)) and not isinstance(own_id, bool) and str(own_id) else where
    return InputTask(RECORD, where, doc_id, record=record)
