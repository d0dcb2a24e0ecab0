"""``dxclean explain``: one document's blocks with label, step and reason."""

from __future__ import annotations

import json
from pathlib import Path

from .config import Config
from .model import BODY, Document
from .readers import InputError, discover, load_document
from .readers.tasks import InputTask
from .runner import clean_document

#: Colour of each label in the terminal (paired with the label text itself).
LABEL_STYLES = {
    "body": "default", "title": "bold cyan", "date": "cyan", "source": "cyan", "caption": "magenta",
    "chrome": "dim yellow", "teaser": "dim blue", "duplicate": "dim red", "empty": "dim",
}


class NoSuchRecord(ValueError):
    """The record asked for (``--record N`` / ``--id ID``) is not in the file."""


def explain_file(path: Path, config: Config, *, record: int = 1, doc_id: str | None = None) -> Document:
    """Load document number ``record`` of ``path`` (or the one whose id is ``doc_id``)
    and run the pipeline on it."""
    entries = list(discover(path, config))
    tasks = [e for e in entries if isinstance(e, InputTask)]
    if not tasks:
        raise ValueError(getattr(entries[0], "reason", "nothing to explain") if entries else "nothing to explain")
    if doc_id is not None:
        found = [t for t in tasks if doc_id in (t.doc_id, t.source_path)]
        if not found:
            raise NoSuchRecord(f"{path} has no record with id {doc_id!r}")
        task = found[0]
    elif record > len(tasks):
        raise NoSuchRecord(f"{path} has {len(tasks)} record{'' if len(tasks) == 1 else 's'}, not {record}: "
                           f"give --record 1 to {len(tasks)}")
    else:
        task = tasks[record - 1]
    try:
        doc = load_document(task, config)
    except InputError as exc:
        raise ValueError(f"{path}: {exc}") from exc
    return clean_document(doc, config)


def print_explanation(doc: Document, *, as_json: bool = False) -> None:
    if as_json:
        for block in doc.blocks:
            print(json.dumps({"position": block.position, "label": block.label, "step": block.step,
                              "reason": block.reason, "text": block.text}, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    console.print(f"[bold]{doc.source_path}[/bold]  title: {doc.title!r}  published: {doc.published}  "
                  f"source: {doc.source}  language: {doc.language}")
    table = Table(show_lines=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("label", no_wrap=True)
    table.add_column("step / reason", ratio=1)
    table.add_column("text", ratio=3)
    for block in doc.blocks:
        style = LABEL_STYLES.get(block.label, "default")
        text = block.text if len(block.text) < 300 else block.text[:297] + "…"
        why = f"{block.step}: {block.reason}" if block.step else ""
        for trim in block.trims:
            why += f"\n(trimmed {trim.label} {trim.text!r}: {trim.reason})"
        strike = block.label not in (BODY, "title", "date", "source", "caption")
        table.add_row(str(block.position), Text(block.label, style=style), why,
                      Text(text, style=style + (" strike" if strike else "")))
    console.print(table)
