"""Reading files within the configured size limits (decompression-bomb safe)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path


class InputTooLarge(ValueError):
    """The input (or what it inflates to) is larger than the configured limit."""


class CorruptInput(ValueError):
    """A compressed input is truncated or damaged."""


def read_limited(path: str | Path, *, max_bytes: int, max_inflated: int, truncated_ok: bool = False) -> bytes:
    """Read a file, inflating ``.gz`` files, refusing anything past the limits.

    Inflation is streamed in chunks, so a gzip bomb costs at most ``max_inflated``
    bytes of memory before it is refused.
    """
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLarge(f"file is {size:,} bytes, over the limit of {max_bytes:,} (limits.max_file_bytes)")
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    if not path.name.lower().endswith(".gz"):
        return raw
    return inflate_limited(raw, max_inflated=max_inflated, truncated_ok=truncated_ok)


def inflate_limited(raw: bytes, *, max_inflated: int, truncated_ok: bool = False) -> bytes:
    """Gunzip ``raw`` in chunks, refusing to produce more than ``max_inflated`` bytes.

    A truncated stream is :class:`CorruptInput`, unless ``truncated_ok`` and
    something was inflated (an HTML page cut short still has its start).

    >>> import gzip
    >>> inflate_limited(gzip.compress(b"<p>x</p>"), max_inflated=100)
    b'<p>x</p>'
    """
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    parts: list[bytes] = []
    total = 0
    data = raw
    try:
        while data:
            chunk = inflater.decompress(data, 1 << 20)
            total += len(chunk)
            if total > max_inflated:
                raise InputTooLarge(
                    f"gzip data inflates past the limit of {max_inflated:,} bytes (limits.max_decompressed_bytes)"
                )
            parts.append(chunk)
            data = inflater.unconsumed_tail
            if inflater.eof and inflater.unused_data:
                # A concatenated gzip member: keep inflating.
                data = inflater.unused_data
                inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    except zlib.error as exc:
        raise CorruptInput(f"damaged gzip data: {exc}") from exc
    if not inflater.eof and not (truncated_ok and any(parts)):
        raise CorruptInput("truncated gzip data (ended before the end of the stream)")
    return b"".join(parts)


def iter_lines_limited(path: Path, *, max_line: int, max_inflated: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line_number, line_bytes)``; ``None`` for a line longer than ``max_line``.

    Streams, so a large JSONL (or .jsonl.gz) file never sits in memory whole.
    Raises :class:`InputTooLarge` or :class:`CorruptInput` for the file as a whole.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    inflated = 0
    number = 0
    try:
        with opener(path, "rb") as handle:
            while True:
                line = handle.readline(max_line + 1)
                if not line:
                    return
                number += 1
                inflated += len(line)
                _check_inflated(inflated, max_inflated, compressed=opener is gzip.open)
                if len(line) > max_line and not line.endswith(b"\n"):
                    # Skip the rest of the over-long line without holding it.
                    while line and not line.endswith(b"\n"):
                        line = handle.readline(1 << 20)
                        inflated += len(line)
                        _check_inflated(inflated, max_inflated, compressed=opener is gzip.open)
                    yield number, None
                    continue
                yield number, line
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise CorruptInput(f"damaged or truncated gzip data after line {number}: {exc}") from exc


def _check_inflated(inflated: int, limit: int, *, compressed: bool) -> None:
    if compressed and inflated > limit:
        raise InputTooLarge(f"gzip data inflates past the limit of {limit:,} bytes (limits.max_decompressed_bytes)")
