"""Turn a task into a :class:`~dxclean.model.Document` (in a worker).

Text dumps: one block per non-empty line. JSONL records: paragraphs split on
blank lines (a text without blank lines is split on lines). HTML: DOM blocks
from :mod:`dxclean.html`. Anything that cannot be read raises :class:`InputError`
with a reason for errors.jsonl.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import Config
from ..encoding import DecodedBytes, DecodeError, decode_bytes, strip_line
from ..model import CLEANED_INPUT, Block, Document
from .limited import CorruptInput, InputTooLarge, read_limited
from .tasks import HTML, RECORD, TEXT, InputTask

_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0\u3000]*\n\s*")
# Not U+0085 (NEL): it is the last byte of UTF-8 "ễ" read as Latin-1, so splitting
# there would cut mojibake in two before the encoding step could repair it.
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")


class InputError(ValueError):
    """An input that cannot become a document; ``kind`` classifies it."""

    def __init__(self, reason: str, kind: str = "error") -> None:
        super().__init__(reason)
        self.kind = kind


def load_document(task: InputTask, config: Config) -> Document:
    if task.kind == TEXT:
        decoded = _decode(_read(task, config))
        doc = _document(task, split_lines(decoded.text), config)
        doc.metadata["input_encoding"] = decoded.encoding
        if decoded.notes:
            doc.metadata["decode_notes"] = list(decoded.notes)
        return doc
    if task.kind == RECORD:
        return _record_document(task, config)
    if task.kind == HTML:
        return _html_document(task, _read(task, config, truncated_ok=True), config)
    raise InputError(f"unknown task kind {task.kind!r}", "unsupported")


def split_lines(text: str) -> list[str]:
    """Blocks of a plain-text dump: its non-empty lines, stripped.

    >>> split_lines("Tiêu đề\\r\\n\\n  Đoạn một.  \\n\\t\\nĐoạn hai.")
    ['Tiêu đề', 'Đoạn một.', 'Đoạn hai.']
    """
    # strip_line: a trailing no-break space that is the last byte of mojibake ("Ã\xa0") stays.
    return [line for line in map(strip_line, _NEWLINES.sub("\n", text).split("\n")) if line]


def split_paragraphs(text: str, *, line_fallback: bool = True) -> list[str]:
    """Blocks of a JSONL ``text``: paragraphs split on blank lines.

    A text with no blank line but several lines is split on lines instead, since
    many corpora put one paragraph per line (unless ``line_fallback`` is off).

    >>> split_paragraphs("Tiêu đề\\n\\nCâu một.\\nCâu hai.\\n\\n\\nKết.")
    ['Tiêu đề', 'Câu một.\\nCâu hai.', 'Kết.']
    >>> split_paragraphs("Dòng một.\\nDòng hai.")
    ['Dòng một.', 'Dòng hai.']
    """
    text = _NEWLINES.sub("\n", text).strip()
    if not text:
        return []
    parts = _BLANK_LINE.split(text)
    if len(parts) == 1 and line_fallback:
        return split_lines(text)
    paragraphs = []
    for part in parts:
        if "\n" not in part:  # a paragraph of one line (most): the same, without splitting it
            line = strip_line(part)
            if line:
                paragraphs.append(line)
            continue
        lines = [line for line in map(strip_line, part.split("\n")) if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return paragraphs


def _read(task: InputTask, config: Config, *, truncated_ok: bool = False) -> bytes:
    assert task.path is not None
    try:
        return read_limited(
            task.path,
            max_bytes=config.limits.max_file_bytes,
            max_inflated=config.limits.max_decompressed_bytes,
            truncated_ok=truncated_ok,
        )
    except InputTooLarge as exc:
        raise InputError(str(exc), "too_large") from exc
    except CorruptInput as exc:
        raise InputError(str(exc), "corrupt") from exc
    except FileNotFoundError as exc:
        raise InputError("the file was deleted or moved while the run was going on (no such file)", "vanished") from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", "unreadable") from exc


def _decode(data: bytes) -> DecodedBytes:
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise InputError(str(exc), "decode") from exc


def _document(task: InputTask, texts: list[str], config: Config, **fields: Any) -> Document:
    limits = config.limits
    if not texts:
        raise InputError("no text: the input is empty or holds only white space", "empty")
    metadata: dict[str, Any] = {}
    if len(texts) > limits.max_blocks:
        raise InputError(f"document has {len(texts):,} blocks, over the limit of {limits.max_blocks:,} "
                         "(limits.max_blocks): split it, or raise the limit", "too_large")
    blocks = []
    for position, text in enumerate(texts):
        if len(text) > limits.max_block_chars:
            metadata.setdefault("truncated_block_positions", []).append(position)
            text = text[: limits.max_block_chars]
        blocks.append(Block(text, position))
    return Document(id=task.doc_id, source_path=task.source_path, blocks=blocks, metadata=metadata, **fields)


def _record_document(task: InputTask, config: Config) -> Document:
    record = task.record
    if not isinstance(record.get("text"), str):
        html = record["html"].encode("utf-8", errors="surrogatepass")
        doc = _html_document(task, html, config)
        if isinstance(record.get("url"), str) and not doc.url:
            doc.url = record["url"]
        return doc
    fields: dict[str, Any] = {}
    if isinstance(record.get("url"), str):
        fields["url"] = record["url"]
    if isinstance(record.get("title"), str) and record["title"].strip():
        fields["title"] = record["title"].strip()
    text = record["text"].encode("utf-8", errors="replace").decode("utf-8")  # lone surrogates
    # dxclean's own output (documents.jsonl) is read back exactly as it was written:
    # its paragraphs are separated by blank lines, and a paragraph may hold line breaks.
    own_output = isinstance(record.get("metadata"), dict) and "body_positions" in record["metadata"]
    if own_output:
        for name in ("published", "source", "language"):
            if isinstance(record.get(name), str):
                fields[name] = record[name]
    doc = _document(task, split_paragraphs(text, line_fallback=not own_output), config, **fields)
    if own_output:
        # Its paragraphs are already the body of a cleaned page: the page-cleaning
        # steps leave them alone (see README, "Re-running on dxclean output").
        doc.metadata[CLEANED_INPUT] = True
    if isinstance(record.get("metadata"), dict):
        doc.metadata["record"] = record["metadata"]
    return doc


def _html_document(task: InputTask, data: bytes, config: Config) -> Document:
    try:
        from ..html import HtmlError, parse_html
    except ImportError as exc:  # HTML support not built in this version
        raise InputError("HTML input is not supported by this version of dxclean", "unsupported") from exc
    elements = count_elements(data)
    if elements > config.limits.max_html_elements:
        raise InputError(f"page has {elements:,} elements, over the limit of {config.limits.max_html_elements:,} "
                         "(limits.max_html_elements)", "too_large")
    try:
        return parse_html(data, source_path=task.source_path, doc_id=task.doc_id, config=config)
    except HtmlError as exc:
        raise InputError(str(exc), "html") from exc


def count_elements(html: bytes) -> int:
    """The start tags of a page, counted without parsing it (``<`` not opening an end
    tag, a comment, a doctype or a processing instruction).

    >>> count_elements(b"<!doctype html><html><body><p>a</p><!-- x --><p>b</p></body></html>")
    4
    """
    return html.count(b"<") - html.count(b"</") - html.count(b"<!") - html.count(b"<?")
