"""Small synthetic OUT directories for the report tests.

Documents are labelled with the model's own API (``set_label``, ``trim``) and
written with the writer's own record functions, so the fixture follows the
output contract exactly as a real run would write it.
"""

from __future__ import annotations

import json
from pathlib import Path

from dxclean.model import Document
from dxclean.writers.records import document_record, removed_records

DUP_TEXT = "Các bộ, ngành cần phối hợp chặt chẽ trong việc chia sẻ dữ liệu giữa các hệ thống thông tin."
CROSS_TEXT = "Đoạn văn này cũng xuất hiện nguyên văn trong một bài khác của cùng trang."
REPAIRED = "Việt Nam đẩy mạnh chuyển đổi số quốc gia."
MOJIBAKE = "Viá»‡t Nam Ä‘áº©y máº¡nh chuyá»ƒn Ä‘á»•i sá»‘ quá»‘c gia."
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> "quoted"'


def rich_document() -> Document:
    """One page with every kind of block the report has to show."""
    texts = [
        "Trang chủ | Tin tức | Liên hệ",                                     # 0 chrome
        "Chính phủ họp bàn về dữ liệu quốc gia",                               # 1 title
        "Thứ Hai, 12/03/2024 10:00",                                           # 2 date
        "Chia sẻ Facebook Mở đầu bài viết về dữ liệu quốc gia.",               # 3 body with a chrome prefix (trim)
        DUP_TEXT,                                                               # 4 body, paragraph 1
        REPAIRED,                                                               # 5 body, repaired
        "Toàn cảnh hội nghị - Ảnh: VGP",                                       # 6 caption
        DUP_TEXT,                                                               # 7 duplicate of paragraph 1
        CROSS_TEXT,                                                             # 8 body
        "Tin khác",                                                             # 9 teaser header
        "Một tin khác không liên quan đến bài này",                             # 10 teaser item
        "Nguồn: Báo Điện tử Chính phủ",                                         # 11 source
    ]
    doc = Document.from_texts("rich", "site/rich.txt", texts)
    b = doc.blocks
    b[0].set_label("chrome", "chrome", "navigation menu line")
    b[1].set_label("title", "metadata", "first line, looks like a headline")
    b[2].set_label("date", "metadata", "date and time line")
    b[3].trim("Mở đầu bài viết về dữ liệu quốc gia.", "Chia sẻ Facebook", "chrome", "chrome", "share-button prefix")
    b[5].original = MOJIBAKE
    b[5].repairs = ["mojibake"]
    b[6].set_label("caption", "metadata", "photo credit")
    b[7].set_label("duplicate", "dedup", "repeats paragraph 2")
    b[7].duplicate_of = {"doc": "rich", "paragraph": 4}  # dedup's "paragraph" is the input position
    b[9].set_label("teaser", "chrome", "teaser zone header 'Tin khác'")
    b[10].set_label("teaser", "chrome", "teaser zone after 'Tin khác'")
    b[11].set_label("source", "metadata", "source line")
    doc.title = b[1].text
    doc.published = "2024-03-12T10:00:00"
    doc.source = "Báo Điện tử Chính phủ"
    doc.metadata["encoding_repairs"] = {"mojibake": 1}
    doc.metadata["contained_paragraphs"] = [{"paragraph": 3, "container": 8, "containment": 0.95}]
    doc.metadata["cross_doc_duplicates"] = [
        {"level": "paragraph", "paragraph": 8, "relation": "contains", "cluster": 0, "contained": [{"doc": "other<&>", "paragraph": 1}]},
        {"level": "document", "relation": "near-duplicate", "cluster": 1, "canonical": {"doc": "old-run-doc"}, "members": 2},
    ]
    return doc


def other_document() -> Document:
    """A second page: a cross-document duplicate and text that must be escaped."""
    texts = [HOSTILE, CROSS_TEXT, "Một đoạn thân bài bình thường, giữ lại.", "   "]
    doc = Document.from_texts("other<&>", "site/other.txt", texts)
    doc.blocks[1].set_label("duplicate", "dedup", "near-duplicate of another document")
    doc.blocks[1].duplicate_of = {"doc": "rich", "paragraph": 8}
    doc.blocks[3].set_label("empty", "chrome", "blank block")
    doc.metadata["cross_doc_duplicates"] = [
        {"level": "paragraph", "paragraph": 1, "relation": "contained-in", "cluster": 0,
         "container": {"doc": "rich", "paragraph": 8}, "similarity": 1.0},
    ]
    return doc


def plain_document(number: int, removed: int) -> Document:
    texts = [f"Đoạn {number}.{i} của tài liệu thử nghiệm số {number}." for i in range(3)]
    texts += [f"Menu {number}.{i}" for i in range(removed)]
    doc = Document.from_texts(f"plain-{number:03d}", f"bulk/{number:03d}.txt", texts)
    for block in doc.blocks[3:]:
        block.set_label("chrome", "chrome", "menu line")
    return doc


def write_out(out: Path, docs: list[Document], *, errors: list[dict] | None = None,
              duplicates: list[dict] | None = None) -> Path:
    """Write the contract files for ``docs`` into ``out`` (like a finished run)."""
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, int] = {}
    with open(out / "documents.jsonl", "w", encoding="utf-8") as d, open(out / "removed.jsonl", "w", encoding="utf-8") as r:
        for doc in docs:
            d.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
            for line in removed_records(doc):
                r.write(json.dumps(line, ensure_ascii=False) + "\n")
            for block in doc.blocks:
                labels[block.label] = labels.get(block.label, 0) + 1
    with open(out / "errors.jsonl", "w", encoding="utf-8") as e:
        for error in errors or []:
            e.write(json.dumps(error, ensure_ascii=False) + "\n")
    if duplicates is not None:
        with open(out / "duplicates.jsonl", "w", encoding="utf-8") as f:
            for cluster in duplicates:
                f.write(json.dumps(cluster, ensure_ascii=False) + "\n")
    stats = {"totals": {"documents": len(docs), "errors": len(errors or []), "blocks": labels},
             "steps": {"chrome": {"counters": {"chrome": 3}, "seconds": 0.01}}}
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")
    return out


def small_corpus(out: Path) -> Path:
    return write_out(
        out,
        [rich_document(), other_document()],
        errors=[{"source_path": "site/broken.bin", "kind": "decode", "reason": "not text <binary>"}],
        duplicates=[
            {"cluster": 0, "level": "paragraph", "relation": "contained-in", "canonical": {"doc": "rich", "paragraph": 8},
             "members": [{"doc": "rich", "paragraph": 8, "similarity": 1.0}, {"doc": "other<&>", "paragraph": 1, "similarity": 1.0}]},
            {"cluster": 1, "level": "document", "relation": "near-duplicate", "canonical": {"doc": "old-run-doc"},
             "members": [{"doc": "old-run-doc", "similarity": 1.0}, {"doc": "rich", "similarity": 0.91}]},
        ],
    )


__all__ = ["gold_labelled_seed", "small_corpus", "write_out", "rich_document", "other_document", "plain_document"]


GOLD_LABELS = {"dup": "duplicate"}


def gold_labelled_seed(seed: Path, gold: dict) -> Document:
    """A seed page labelled exactly as the hand-made gold says (one block per non-blank line).

    It shows what the report must show for a perfect cleaner, independently of
    which steps have landed; a gold "dup" line points at the earlier body
    paragraph with the same text, as dedup would.
    """
    entry = gold[seed.name]
    by_line = {item["line"]: item for item in entry["lines"]}
    numbered = [(n, line) for n, line in enumerate(seed.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    doc = Document.from_texts(seed.name, seed.name, [line for _, line in numbered])
    body: dict[str, int] = {}  # text -> position of its first body block
    for (number, _), block in zip(numbered, doc.blocks):
        label = GOLD_LABELS.get(by_line[number]["label"], by_line[number]["label"]) if number in by_line else "body"
        if label == "duplicate" and block.text in body:
            block.set_label("duplicate", "dedup", "repeats an earlier paragraph word for word")
            block.duplicate_of = {"doc": doc.id, "paragraph": body[block.text]}
        elif label != "body":
            block.set_label(label, "gold", f"hand-labelled {label}")
        else:
            body.setdefault(block.text, block.position)
    doc.title = entry.get("title")
    doc.published = entry.get("published")
    return doc
