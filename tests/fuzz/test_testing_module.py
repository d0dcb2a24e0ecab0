"""dxclean.testing itself: the strategies keep their promises, and the runtime never imports them."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given

from dxclean.testing import DirtyDocument, corruption_kinds, dirty_documents, jsonl_lines


@given(doc=dirty_documents())
def test_a_dirty_document_carries_its_truth(doc: DirtyDocument):
    assert len(doc.blocks) == len(doc.labels) == len(doc.clean_blocks)
    body = [b for b, label in zip(doc.clean_blocks, doc.labels) if label == "body"]
    assert list(doc.expected.body) == body and doc.expected.text == "\n\n".join(body)
    assert doc.expected.title == doc.clean_blocks[doc.labels.index("title")]
    assert list(doc.expected.captions) == [b for b, label in zip(doc.clean_blocks, doc.labels) if label == "caption"]
    for i, label in enumerate(doc.labels):
        if label == "duplicate":  # a repeat comes after the paragraph it repeats
            assert doc.clean_blocks[i] in doc.clean_blocks[:i]
    if doc.corruption is None:
        assert doc.blocks == doc.clean_blocks
    else:
        assert doc.corruption in corruption_kinds(doc.expected.language)
    # Every block is one line of the text dump and one paragraph of the JSONL record.
    assert all("\n" not in b and "\r" not in b and b.strip() for b in doc.blocks)


@given(line=jsonl_lines())
def test_jsonl_lines_are_single_lines(line: str):
    assert "\n" not in line


def test_the_runtime_never_imports_dxclean_testing_or_hypothesis(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Tiêu đề\nMột đoạn văn bản đủ dài để làm thân bài.\n", encoding="utf-8")
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['dxclean', 'run', {str(tmp_path / 'in')!r}, {str(tmp_path / 'out')!r}, '-q', '--workers', '1']\n"
        "try:\n    runpy.run_module('dxclean', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('hypothesis', 'dxclean.testing')))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True, text=True, timeout=300)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [], proc.stderr[-2000:]
