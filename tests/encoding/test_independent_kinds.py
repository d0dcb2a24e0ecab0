"""The five seeds broken twelve ways by ``benchmarks/bench_encoding_kinds.py`` (Python's codecs and
glibc iconv, not dxclean's corrupt module), each run through ``dxclean run`` like a user would:
title and text identical to the clean run's, for all twelve kinds: the two lossy kinds
(bytes lost as U+FFFD) too, since the context model (built from VietNews articles, never
from the seeds) decides every lost byte of the seeds. They are also checked word by word:
a word is right, left as it was (``lossy-ambiguous``) or another reading of the same bytes.
"""

from __future__ import annotations

import shutil

import pytest
from support import ROOT, SEEDS, load_module

KINDS = load_module("bench_encoding_kinds", ROOT / "benchmarks" / "bench_encoding_kinds.py")
EXACT = list(KINDS.KINDS)
LOSSY = [kind for kind in KINDS.KINDS if kind.endswith("_replace")]


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def clean_run(seeds, tmp_path_factory):
    work = tmp_path_factory.mktemp("clean")
    for name, text in seeds.items():
        (work / name).write_text(text, encoding="utf-8")
    return KINDS.dxclean_run(work, work.parent / (work.name + "-out"))


def _run_kind(seeds, kind, tmp_path):
    if kind.startswith(("tcvn", "cp1258_bytes")) and shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    skipped = KINDS.write_kind(seeds, kind, tmp_path / kind)
    assert not skipped, f"{kind} could not write {skipped}"
    return KINDS.dxclean_run(tmp_path / kind, tmp_path / "out")


@pytest.mark.parametrize("kind", EXACT)
def test_each_seed_is_restored_exactly(seeds, clean_run, kind, tmp_path) -> None:
    repaired = _run_kind(seeds, kind, tmp_path)
    assert KINDS.differences(clean_run, repaired) == []


@pytest.mark.parametrize("kind", LOSSY)
def test_lossy_seeds_come_back_or_are_left_never_garbled(seeds, clean_run, kind, tmp_path) -> None:
    shown = KINDS.KINDS[kind]
    repaired = _run_kind(seeds, kind, tmp_path)
    total = wrong = left = 0
    for name, want in clean_run.items():
        got = repaired[name]
        for field in ("title", "text"):
            got_words, want_words = (got[field] or "").split(), (want[field] or "").split()
            assert len(got_words) == len(want_words), (name, field)
            for a, b in zip(got_words, want_words):
                lossy = shown(b).decode("utf-8")
                if "\ufffd" not in lossy:
                    assert a == b, (name, a, b)
                    continue
                total += 1
                if a == lossy:
                    left += 1  # left as it was: ambiguous
                elif a != b:
                    assert shown(a) == shown(b), (name, a, b)  # another reading of the same bytes
                    wrong += 1
    assert total > 300
    assert wrong == 0 and left == 0, (total, left, wrong)
