"""Helpers of the reliability tests (tests/reliability): the command line in a subprocess,
optionally with one function patched to die or fail at an exact moment."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path


WORDS = ("hội nghị tổng kết công tác chuyển đổi số của tỉnh diễn ra sáng nay với sự tham dự "
         "nhiều đại biểu đến từ các sở ban ngành doanh nghiệp trên địa bàn thành phố kinh tế "
         "giáo dục y tế giao thông nông nghiệp người dân mùa lũ cây lúa học sinh bệnh viện").split()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[1] / "src"), env.get("PYTHONPATH")]))
    return env


def run_dx(*args: str, patch: str = "", timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    code = textwrap.dedent(patch) + "\nimport sys\nfrom dxclean.cli import cli\ncli(args=sys.argv[1:], prog_name='dxclean')\n"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=_env(), **kwargs)


def paragraph(i: int, topic: str = "") -> str:
    """A paragraph of 30 words, its own for each ``i`` (and ``topic``): no two are near-duplicates."""
    rng = random.Random(f"{topic}/{i}")
    return " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "."


def make_corpus(root: Path, docs: int = 3, topic: str = "") -> Path:
    """A folder of ``docs`` text pages, a title and two distinct paragraphs each."""
    root.mkdir()
    for d in range(docs):
        body = "\n".join(paragraph(100 * d + k, topic) for k in range(2))
        (root / f"doc{d:03}.txt").write_text(f"Tiêu đề bài {d} {topic}\n{body}\n", encoding="utf-8")
    return root
