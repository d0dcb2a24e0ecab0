"""Row 14 of issue 15: pathological but small inputs have a bounded cost. Past the limits
(config keys) an input is an errors.jsonl line; exact copies of a document are collapsed
before the document-level dedup does any pairwise work."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from reliability_support import paragraph
from support import read_jsonl

COUNT_VERIFIED = """
import atexit, sys
import dxclean.dedup.corpus as corpus
verified = [0]
verify = corpus.verify_near
def counting(sk, pairs, **kw):
    verified[0] += len(pairs)
    return verify(sk, pairs, **kw)
corpus.verify_near = counting
atexit.register(lambda: print(f"verified document pairs: {verified[0]}", file=sys.stderr))
"""


def _errors(out: Path) -> dict[str, dict]:
    return {e["source_path"]: e for e in read_jsonl(out / "errors.jsonl")}


def test_a_page_of_a_million_sibling_paragraphs_is_refused(dx, tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "huge.html").write_bytes(b"<html><body>" + b"<p>x</p>" * 1_000_000 + b"</body></html>")
    (src / "ok.html").write_text(f"<html><body><h1>Tiêu đề</h1><p>{paragraph(1)}</p></body></html>", encoding="utf-8")
    proc = dx("run", src, tmp_path / "out", "-q", "--workers", "1")
    assert proc.returncode == 1, proc.stderr
    error = _errors(tmp_path / "out")["huge.html"]
    assert error["kind"] == "too_large" and "max_html_elements" in error["reason"] and "1,000,002" in error["reason"]
    assert [d["source_path"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["ok.html"]
    config = tmp_path / "dx.toml"
    config.write_text("[limits]\nmax_html_elements = 2\n", encoding="utf-8")
    proc = dx("run", src, tmp_path / "out2", "-q", "--config", config)
    assert set(_errors(tmp_path / "out2")) == {"huge.html", "ok.html"}


def test_a_record_of_110000_paragraphs_is_refused(dx, tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    big = {"text": "\n\n".join(f"Đoạn {i}." for i in range(110_000))}
    (src / "r.jsonl").write_text(json.dumps(big) + "\n" + json.dumps({"text": "Tiêu đề\n\n" + paragraph(2)}) + "\n", encoding="utf-8")
    proc = dx("run", src, tmp_path / "out", "-q", "--workers", "1")
    assert proc.returncode == 1, proc.stderr
    error = _errors(tmp_path / "out")["r.jsonl#1"]
    assert error["kind"] == "too_large" and "max_blocks" in error["reason"] and "110,000" in error["reason"]
    assert [d["source_path"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["r.jsonl#2"]


def test_identical_records_are_collapsed_before_pairwise_work(dx, tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    text = "Tiêu đề\n\n" + "\n\n".join(paragraph(k) for k in range(4))
    other = "Tiêu đề khác\n\n" + "\n\n".join(paragraph(k, "khác") for k in range(4))
    with gzip.open(src / "same.jsonl.gz", "wt", encoding="utf-8") as handle:
        for i in range(2000):
            handle.write(json.dumps({"text": other if i % 500 == 7 else text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    proc = dx("run", src, out, "-q", "--steps", "dedup", "--cross-doc", "drop", "--workers", "1", patch=COUNT_VERIFIED)
    assert proc.returncode == 0, proc.stderr
    stats = json.loads((out / "stats.json").read_text())["steps"]["dedup"]["counters"]
    verified = int(proc.stderr.rsplit("verified document pairs: ", 1)[1].split()[0])
    assert stats["document_pairs"] > 100_000  # the candidates join every copy to its neighbours...
    assert verified < 100  # ...but only distinct bodies are compared (paragraph level: a few)
    clusters = [c for c in read_jsonl(out / "duplicates.jsonl") if c["level"] == "document"]
    assert sorted(len(c["members"]) for c in clusters) == [4, 1996]
    docs = read_jsonl(out / "documents.jsonl")
    kept = [d["source_path"] for d in docs if d["text"]]
    assert kept[:2] == ["same.jsonl.gz#1", "same.jsonl.gz#8"]  # the first of each body is kept
    assert len(kept) < 100  # and nearly all copies dropped (chained buckets keep about 1 in 65)


def test_collapsing_copies_gives_the_edges_of_verifying_every_candidate(monkeypatch):
    """The document edges with exact copies collapsed equal those of counting every pair."""
    import numpy as np

    import dxclean.dedup.corpus as corpus
    from dxclean.config import Config
    from dxclean.model import Document
    from dxclean.steps.base import StepStats
    from dxclean.steps.dedup import Deduplicate

    step = Deduplicate(Config())
    bodies = [[paragraph(k, str(b)) for k in range(3)] for b in range(4)]
    bodies.append(bodies[0][:2] + [paragraph(7, "gần")])  # a near copy of body 0
    order = [0, 1, 0, 2, 0, 4, 3, 1, 0, 0, 4, 2]
    observations = [(i, step.observe(Document.from_texts(f"d{i}", f"d{i}", bodies[b]), StepStats())) for i, b in enumerate(order)]

    def every_body(hashes, starts):
        return [corpus.sorted_unique(hashes[lo:hi]) for lo, hi in starts.T.tolist()], np.arange(starts.shape[1])

    collapsed = corpus.LocalSource(observations, Config().dedup).doc_edges()
    monkeypatch.setattr(corpus, "_distinct_sets", every_body)
    counted = corpus.LocalSource(observations, Config().dedup).doc_edges()
    assert len(counted) > 10
    assert np.array_equal(collapsed.pairs, counted.pairs) and np.array_equal(collapsed.similarity, counted.similarity)
    assert collapsed.candidates == counted.candidates
