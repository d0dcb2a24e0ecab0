"""The ``dedup`` step: observe/plan/apply on the seeds and on built documents."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from support import SEEDS, needs_shared, read_jsonl

from dxclean.config import Config
from dxclean.dedup.index import DedupIndex
from dxclean.model import Document
from dxclean.readers.load import split_lines
from dxclean.steps.base import StepStats
from dxclean.steps.dedup import Deduplicate


def run_step(docs: list[Document], config: Config, out_dir: Path | None = None):
    step = Deduplicate(config)
    stats = StepStats()
    observations = [(i, step.observe(doc, stats)) for i, doc in enumerate(docs)]
    plan = step.plan(observations, stats)
    for i, doc in enumerate(docs):
        step.apply(doc, step.plan_for(plan, i), stats)
    lines = None
    if out_dir is not None:
        assert step.write_outputs(plan, str(out_dir)) == ["duplicates.jsonl"]
        lines = read_jsonl(out_dir / "duplicates.jsonl")
        step.after_commit(plan, str(out_dir))  # as the runner does once OUT is committed
    return stats, lines


def seed_docs() -> list[Document]:
    return [
        Document.from_texts(path.name[:3], path.name, split_lines(path.read_text(encoding="utf-8")))
        for path in sorted(SEEDS.glob("*.txt"))
    ]


def position_of(doc: Document, text: str, occurrence: int = 0) -> int:
    return [b.position for b in doc.blocks if b.text == text][occurrence]


def test_seed_003_repeated_paragraph_is_a_duplicate(tmp_path):
    gold = json.loads(needs_shared("gold/seeds.json").read_text(encoding="utf-8"))
    docs = seed_docs()
    run_step(docs, Config(), tmp_path)
    doc = docs[3]
    (dup_line,) = [line for line in gold["003_6fb6fe81f11c8a04.txt"]["lines"] if line["label"] == "dup"]
    first, second = position_of(doc, dup_line["text"], 0), position_of(doc, dup_line["text"], 1)
    block = doc.blocks[second]
    assert block.label == "duplicate" and block.step == "dedup"
    assert block.duplicate_of == {"doc": "003", "paragraph": first}
    assert block.reason == f"near-duplicate of paragraph {first} (Jaccard 1.00)"
    assert doc.blocks[first].label == "body"


def test_seed_003_paragraphs_inside_001_long_paragraph_are_cross_doc_containment(tmp_path):
    docs = seed_docs()
    _, lines = run_step(docs, Config(), tmp_path)
    inner_texts = [
        "Từng bước hình thành hệ sinh thái công dân số",
        "Các cơ sở dữ liệu quốc gia, chuyên ngành được đẩy mạnh triển khai, kết nối, chia sẻ; "
        "tạo tiện ích trong việc cung cấp dịch vụ công trực tuyến cho người dân, doanh nghiệp.",
    ]
    inner = {position_of(docs[3], t) for t in inner_texts}
    (long_paragraph,) = [b.position for b in docs[1].blocks if inner_texts[0].lower() in b.text.lower()]
    (cluster,) = [c for c in lines if c["relation"] == "contained-in" and c["canonical"] == {"doc": "001", "paragraph": long_paragraph}]
    members = {(m["doc"], m["paragraph"]): m["similarity"] for m in cluster["members"]}
    assert {("003", p) for p in inner} <= set(members)
    assert all(members[("003", p)] >= 0.9 for p in inner)
    annotations = docs[3].metadata["cross_doc_duplicates"]
    assert {a["paragraph"] for a in annotations if a["relation"] == "contained-in" and a["container"]["doc"] == "001"} >= inner
    # annotate mode keeps documents whole
    assert all(b.label == "body" for b in docs[3].blocks if b.position in inner)


def test_duplicates_jsonl_format(tmp_path):
    _, lines = run_step(seed_docs(), Config(), tmp_path)
    assert [c["cluster"] for c in lines] == list(range(len(lines)))
    for cluster in lines:
        assert cluster["level"] in ("paragraph", "document")
        assert cluster["relation"] in ("near-duplicate", "contained-in")
        assert cluster["members"][0]["doc"] == cluster["canonical"]["doc"]
        assert len(cluster["members"]) >= 2
        for member in cluster["members"]:
            assert 0.0 <= member["similarity"] <= 1.0
            assert isinstance(member["paragraph"], int)


def _article(rng: random.Random, n: int, words: tuple[int, int] = (15, 40)) -> list[str]:
    vocabulary = "chính phủ thủ tướng hội nghị chuyển đổi số dữ liệu quốc gia người dân doanh nghiệp bộ ngành địa phương".split()
    return [" ".join(rng.choice(vocabulary) + str(rng.randrange(99)) for _ in range(rng.randrange(*words))) for _ in range(n)]


def test_drop_mode_labels_later_cross_doc_copies_and_annotate_does_not():
    rng = random.Random(1)
    a = _article(rng, 6)
    b = _article(rng, 4) + [a[2].upper() + "!"]
    for mode in ("annotate", "drop"):
        docs = [Document.from_texts("a", "a", a), Document.from_texts("b", "b", b)]
        run_step(docs, Config().with_overrides({"dedup.cross_doc": mode}))
        copy = docs[1].blocks[4]
        assert docs[0].blocks[2].label == "body"
        assert (copy.label == "duplicate") == (mode == "drop")
        (entry,) = [e for e in docs[1].metadata["cross_doc_duplicates"] if e["level"] == "paragraph"]
        assert entry["canonical"] == {"doc": "a", "paragraph": 2} and entry["similarity"] == 1.0
        if mode == "drop":
            assert copy.duplicate_of == {"doc": "a", "paragraph": 2}


def test_near_duplicate_documents_are_clustered_and_dropped_whole(tmp_path):
    rng = random.Random(4)
    a = _article(rng, 8)
    docs = [Document.from_texts("a", "a", a), Document.from_texts("b", "b", _article(rng, 5)),
            Document.from_texts("c", "c", [p + " thêm" for p in a])]
    _, lines = run_step(docs, Config().with_overrides({"dedup.cross_doc": "drop"}), tmp_path)
    (doc_cluster,) = [c for c in lines if c["level"] == "document"]
    assert doc_cluster["canonical"] == {"doc": "a"} and [m["doc"] for m in doc_cluster["members"]] == ["a", "c"]
    assert all(b.label == "duplicate" for b in docs[2].blocks)
    assert all(b.label == "body" for b in docs[0].blocks + docs[1].blocks)


@pytest.mark.parametrize("mode", ["annotate", "drop"])
def test_contained_blocks_within_a_document(mode):
    rng = random.Random(9)
    body = _article(rng, 3, words=(40, 50))
    heading = " ".join(body[1].split()[:8])
    lead = " ".join(body[2].split()[:25])
    docs = [Document.from_texts("d", "d", [heading, *body, lead])]
    run_step(docs, Config().with_overrides({"dedup.within_doc_contained": mode}))
    blocks = docs[0].blocks
    contained = docs[0].metadata["contained_paragraphs"]
    assert blocks[0].label == "body"  # a short heading quoting the text always stays
    assert {"paragraph": 0, "container": 2, "containment": 1.0} in contained
    if mode == "annotate":
        assert blocks[4].label == "body"
        assert {"paragraph": 4, "container": 3, "containment": 1.0} in contained
    else:
        assert blocks[4].label == "duplicate" and blocks[4].duplicate_of == {"doc": "d", "paragraph": 3}
        assert blocks[4].reason.startswith("contained in paragraph 3")


def test_seed_scores_keep_the_lead_of_002():
    """002's lead repeats the start of a later paragraph: gold keeps it, so does the default."""
    docs = seed_docs()
    run_step(docs, Config())
    lead = [b for b in docs[2].blocks if "53 dịch vụ công thiết yếu theo Đề án 06" in b.text]
    assert len(lead) == 2 and all(b.label == "body" for b in lead)


def test_persistent_index_dedups_a_new_crawl_against_earlier_runs(tmp_path):
    rng = random.Random(5)
    old = _article(rng, 5)
    index = tmp_path / "index"
    config = Config().with_overrides({"dedup.index": str(index), "dedup.cross_doc": "drop"})
    run_step([Document.from_texts("old", "old", old)], config, tmp_path / "o1" if (tmp_path / "o1").mkdir() is None else None)
    new = [Document.from_texts("new", "new", _article(rng, 3) + [old[1]])]
    (index / "seg-000001").mkdir()  # an orphan left by an interrupted run: ignored, then replaced
    (tmp_path / "o2").mkdir()
    stats, lines = run_step(new, config, tmp_path / "o2")
    assert new[0].blocks[3].label == "duplicate"
    assert new[0].blocks[3].duplicate_of == {"doc": "old", "paragraph": 1}
    (cluster,) = [c for c in lines if c["level"] == "paragraph"]
    assert cluster["members"][0] == {"doc": "old", "paragraph": 1, "similarity": 1.0, "indexed": True}
    assert DedupIndex(index, config.dedup).segments == ["seg-000000", "seg-000001"]
    with pytest.raises(ValueError, match="settings"):
        Deduplicate(config.with_overrides({"dedup.shingle_size": 4}))


@pytest.mark.parametrize("texts", [[], [""], ["\x00\x00 a\x00b"], ["x" * 100_000], ["🙂 " * 50, "–", "\ud800 lone surrogate"]])
def test_bad_input_never_crashes(texts):
    docs = [Document.from_texts("weird", "weird", texts), Document.from_texts("ok", "ok", ["một hai ba bốn năm sáu"])]
    stats, _ = run_step(docs, Config())
    assert "observe_errors" not in stats.counters
    assert all("dedup_error" not in d.metadata for d in docs)
