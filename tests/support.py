"""Helpers for the tests (importable as ``support``: tests/ is on pytest's pythonpath)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def needs_shared(path: str) -> Path:
    """A path under ../shared/, or skip the test when the checkout has no shared/ beside it."""
    full = SHARED / path
    if not full.exists():
        pytest.skip(f"../shared/{path} is not available")
    return full


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def output_files(out: Path) -> dict[str, bytes]:
    """Every output file under ``out`` by relative path; stats.json without its timings
    (the ``seconds`` fields, the only bytes that may differ between identical runs)."""
    files = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "stats.json" and path.parent == out:
                stats = json.loads(data)
                stats.pop("seconds")
                for step in stats["steps"].values():
                    step.pop("seconds")
                data = json.dumps(stats, sort_keys=True).encode()
            files[path.relative_to(out).as_posix()] = data
    return files


def load_module(name: str, path: Path):
    """A Python file that is not in a package (a test helper, ../shared's scorer) as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_corpus(root: Path, n: int, marked: dict[int, str]) -> None:
    """``n`` two-line text files ``docNNN.txt``; ``marked[i]`` adds a third line to file ``i``
    (a marker the misbehaving steps of ``crashing_steps`` react to)."""
    root.mkdir()
    for i in range(n):
        text = f"Tài liệu số {i}.\nĐoạn văn thứ hai của tài liệu {i}." + (f"\n{marked[i]}" if i in marked else "")
        (root / f"doc{i:03}.txt").write_text(text, encoding="utf-8")


def lossy_words(kind: str, repaired: str, original: str) -> tuple[int, int, int] | None:
    """Lossy mojibake (``cp1252_replace``...) repaired, word by word against the original:
    (right, left as it was, another reading of the same lossy bytes: "vỏ" for "về", both
    "vá»\\ufffd"), counting words that had lost bytes. None when a word is none of those.
    A word left as it was may come back split where its mojibake held a no-break space."""
    from dxclean.encoding.corrupt import corrupt

    got = repaired.split()
    at = right = left = wrong = 0
    for word in original.split():
        broken = corrupt(word, kind)
        lossy = "\ufffd" in broken
        pieces = broken.replace("\xa0", " ").split()
        if at < len(got) and got[at] == word:
            right += lossy
            at += 1
        elif lossy and got[at : at + len(pieces)] == pieces:
            left += 1
            at += len(pieces)
        elif lossy and at < len(got) and "\ufffd" not in got[at] and corrupt(got[at], kind) == broken:
            wrong += 1
            at += 1
        else:
            return None
    return (right, left, wrong) if at == len(got) else None
