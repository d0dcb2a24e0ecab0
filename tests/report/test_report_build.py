"""The static report built from small synthetic OUT directories (see report_corpus.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report.report_corpus import (
    CROSS_TEXT, DUP_TEXT, HOSTILE, MOJIBAKE, REPAIRED, other_document, plain_document, rich_document, small_corpus,
    write_out,
)
from selectolax.lexbor import LexborHTMLParser

from dxclean.model import Document
from dxclean.report import build_report
from dxclean.report.load import doc_page
from dxclean.report.markup import visible


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def block(tree: LexborHTMLParser, position: int):
    """The <li> of the input block at ``position`` (body blocks carry the anchor on .pos)."""
    node = tree.css_first(f"#b{position}")
    assert node is not None, f"no block #{position}"
    return node if node.tag == "li" else node.parent


@pytest.fixture
def report(tmp_path: Path) -> Path:
    index = build_report(small_corpus(tmp_path / "out"))
    return index.parent


def test_build_returns_index_and_writes_a_self_contained_site(report: Path) -> None:
    assert report.name == "report" and (report / "index.html").is_file()
    assert (report / "assets" / "report.css").is_file()
    assert not (report.parent / "report.tmp").exists()
    for page in report.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), page  # no JS at all, and data never injects any
        # every reference to a resource is relative: nothing is fetched from a network
        for ref in re.findall(r'(?:href|src)="([^"]*)"', text):
            assert not re.match(r"[a-z]+:", ref) and not ref.startswith("//"), (page, ref)


def test_every_relative_link_points_at_an_existing_file_and_anchor(report: Path) -> None:
    for page in report.rglob("*.html"):
        for ref in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8")):
            path, _, fragment = ref.partition("#")
            target = (page.parent / unquote(path)).resolve() if path else page
            assert target.exists(), (page, ref)
            if fragment and target.suffix == ".html":
                assert parse(target).css_first(f"#{fragment}") is not None, (page, ref)


def test_index_shows_totals_chart_ranking_filters_and_errors_link(report: Path) -> None:
    tree = parse(report / "index.html")
    cards = {c.css_first(".what").text(): c.css_first(".num").text() for c in tree.css(".card")}
    assert cards["documents"] == "2"
    assert cards["errors"] == "1"
    assert cards["duplicate clusters"] == "2"
    assert cards["encoding repairs in 1 docs"] == "1"
    assert cards["input blocks"] == "16"
    names = [n.text() for n in tree.css(".chart")[0].css(".name")]
    assert names == ["title", "date", "source", "caption", "chrome", "teaser", "duplicate", "empty"]
    steps = {n.text(): n.next.text() for n in tree.css(".chart")[1].css(".name")}  # name -> bar
    numbers = [n.text() for n in tree.css(".chart")[1].css(".barnum")]
    assert list(steps) == ["chrome", "dedup", "metadata"]
    assert numbers[0] == "5 (chrome 2, teaser 2, empty 1)"
    rows = tree.css("table.rank tbody tr")
    assert [r.css_first("a").text() for r in rows] == ["Chính phủ họp bàn về dữ liệu quốc gia", "other<&>"]
    filters = {a.text(): a.attributes["href"] for a in tree.css(".filters a")}
    assert filters["teaser (1)"] == "ranking/l-teaser-1.html"
    assert filters["duplicate (2)"] == "ranking/l-duplicate-1.html"
    assert any(a.attributes.get("href") == "errors/errors-1.html" for a in tree.css("a"))


def test_label_filter_page_lists_only_documents_with_that_label(report: Path) -> None:
    tree = parse(report / "ranking" / "l-teaser-1.html")
    assert [r.css_first("a").text() for r in tree.css("table.rank tbody tr")] == ["Chính phủ họp bàn về dữ liệu quốc gia"]
    assert tree.css_first(".filters .current").text() == "teaser (1)"


def test_errors_page_lists_errors_escaped(report: Path) -> None:
    text = (report / "errors" / "errors-1.html").read_text(encoding="utf-8")
    assert "site/broken.bin" in text and "not text &lt;binary&gt;" in text


def test_document_page_shows_every_block_in_order_with_label_step_and_reason(report: Path) -> None:
    tree = parse(report / doc_page("rich"))
    items = tree.css("ol.blocks > li.blk")
    assert [li.css_first(".pos").text() for li in items] == [f"#{i}" for i in range(12)]
    title = block(tree, 1)
    assert "l-title" in title.attributes["class"] and "field" in title.attributes["class"]
    assert title.css_first(".badge").text() == "title" and title.css_first("del") is None
    chrome = block(tree, 0)
    assert chrome.css_first("del.cut").text() == "Trang chủ | Tin tức | Liên hệ"
    assert "removed by chrome: navigation menu line" in chrome.css_first(".why").text()
    assert chrome.attributes["title"] == "chrome — chrome: navigation menu line"
    for position in (9, 10):
        teaser = block(tree, position)
        assert teaser.attributes["data-label"] == "teaser" and teaser.css_first("del.cut") is not None
        assert teaser.css_first(".badge").text() == "teaser"
    assert "teaser zone after 'Tin khác'" in block(tree, 10).css_first(".why").text()
    body = block(tree, 4)
    assert body.attributes["class"] == "blk body" and body.css_first("del") is None
    assert body.css_first(".txt").text().startswith(DUP_TEXT)


def test_trimmed_prefix_is_struck_before_the_kept_text(report: Path) -> None:
    tree = parse(report / doc_page("rich"))
    li = block(tree, 3)
    trim = li.css_first(".trim")
    assert trim.css_first("del").text() == "Chia sẻ Facebook"
    assert "share-button prefix" in trim.text()
    assert li.css_first(".txt").text().index("Chia sẻ Facebook") < li.css_first(".txt").text().index("Mở đầu bài viết")


def test_duplicate_links_to_the_kept_copy_in_the_same_document(report: Path) -> None:
    tree = parse(report / doc_page("rich"))
    dup = block(tree, 7)
    assert dup.attributes["data-label"] == "duplicate" and dup.css_first("del").text() == DUP_TEXT
    link = dup.css_first("a.dup")
    assert link.attributes["href"] == "#b4" and link.text() == "block #4 of this document"
    kept = tree.css_first("#b4")
    assert kept.css_first(".text").text() == DUP_TEXT and kept.attributes["class"] == "blk body"
    assert kept.css_first('a[href="#b7"]') is not None  # and the kept copy points back


def test_duplicate_links_to_the_kept_copy_in_another_document(report: Path) -> None:
    page = report / doc_page("other<&>")
    tree = parse(page)
    link = block(tree, 1).css("a.dup")[0]
    path, _, fragment = link.attributes["href"].partition("#")
    target = (page.parent / path).resolve()
    assert target == (report / doc_page("rich")).resolve()
    assert parse(target).css_first(f"#{fragment}").css_first(".text").text() == CROSS_TEXT


def test_cross_document_and_contained_relations_are_noted_at_their_blocks(report: Path) -> None:
    rich = parse(report / doc_page("rich"))
    contains = block(rich, 8).css_first(".why").text()
    assert contains == "≈ contains block #1 of document other<&>, cluster 0"
    assert block(rich, 8).css_first("a.dup").attributes["href"].endswith(doc_page("other<&>") + "#b1")
    assert block(rich, 3).css_first(".why").text() == "≈ contained in block #8 of this document (containment 0.95) (kept)"
    meta = {dt.text(): dt.next.text() for dt in rich.css("dl.meta dt")}
    assert "near-duplicate of document old-run-doc" in meta["Duplicates elsewhere"]
    assert "(not in this output)" in meta["Duplicates elsewhere"]
    other = parse(report / doc_page("other<&>"))
    assert "contained in block #8 of document rich (similarity 1.00)" in block(other, 1).text()


def test_duplicate_clusters_page_links_members(report: Path) -> None:
    tree = parse(report / "duplicates" / "clusters-1.html")
    rows = tree.css("tbody tr")
    assert len(rows) == 2
    first = [a.attributes["href"] for a in rows[0].css("a")]
    assert first == ["../" + doc_page("rich") + "#b8", "../" + doc_page("rich") + "#b8", "../" + doc_page("other<&>") + "#b1"]
    assert "old-run-doc" in rows[1].text() and "(not in this output)" in rows[1].text()


def test_encoding_repair_is_shown_side_by_side(report: Path) -> None:
    original, repaired = block(parse(report / doc_page("rich")), 5).css(".repair > div")
    assert MOJIBAKE in original.text() and REPAIRED in repaired.text()


def test_hostile_text_is_escaped_everywhere(report: Path) -> None:
    text = (report / doc_page("other<&>")).read_text(encoding="utf-8")
    assert "<script>" not in text and "<img" not in text
    assert LexborHTMLParser(text).css_first("#b0 .text").text() == HOSTILE
    assert "other&lt;&amp;&gt;" in (report / "index.html").read_text(encoding="utf-8")


def test_report_is_deterministic_and_replaces_the_previous_one(tmp_path: Path) -> None:
    out = small_corpus(tmp_path / "out")
    build_report(out)
    first = {p.relative_to(out): p.read_bytes() for p in (out / "report").rglob("*") if p.is_file()}
    (out / "report" / "stale.html").write_text("old", encoding="utf-8")
    (out / "report.tmp").mkdir()  # leftover of a killed build
    (out / "report.tmp" / "junk").write_text("x", encoding="utf-8")
    build_report(out)
    second = {p.relative_to(out): p.read_bytes() for p in (out / "report").rglob("*") if p.is_file()}
    assert first == second
    assert not (out / "report.tmp").exists() and not (out / "report.old").exists()


def test_ranking_and_errors_are_paginated(tmp_path: Path) -> None:
    docs = [plain_document(n, removed=n % 7) for n in range(23)]
    errors = [{"source_path": f"bad/{n}.txt", "kind": "decode", "reason": "bad bytes"} for n in range(12)]
    out = write_out(tmp_path / "out", docs, errors=errors)
    report = build_report(out, page_size=5).parent
    index = parse(report / "index.html")
    assert len(index.css("table.rank tbody tr")) == 5
    assert sorted(p.name for p in (report / "ranking").glob("all-*.html")) == [f"all-{n}.html" for n in range(1, 6)]
    ranks, removed = [], []
    for n in range(1, 6):
        for row in parse(report / "ranking" / f"all-{n}.html").css("table.rank tbody tr"):
            ranks.append(int(row.css_first("td").text()))
            removed.append(int(row.css("td")[3].text()))
    assert ranks == list(range(1, 24))
    assert removed == sorted(removed, reverse=True) and removed[0] == 6
    assert len(list((report / "errors").glob("errors-*.html"))) == 3
    last = parse(report / "errors" / "errors-3.html")
    assert [r.css_first("td").text() for r in last.css("tbody tr")] == ["11", "12"]
    assert len(list((report / "docs").rglob("*.html"))) == 23


def test_damaged_output_gives_a_report_with_warnings_not_a_crash(tmp_path: Path) -> None:
    out = write_out(tmp_path / "out", [rich_document(), other_document()])
    with open(out / "documents.jsonl", "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "odd", "text": "a\n\nb", "metadata": {"body_positions": [0]}}) + "\n")
    with open(out / "removed.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"doc": "ghost", "position": 1, "label": "chrome", "text": "x", "part": "block"}) + "\n")
    (out / "stats.json").write_text("[[[", encoding="utf-8")
    (out / "errors.jsonl").unlink()
    report = build_report(out).parent
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "documents.jsonl: 1 unreadable line(s) skipped" in index
    assert "removed.jsonl: 1 line(s) did not match a document in order" in index
    assert "errors.jsonl is missing" in index
    odd = parse(report / doc_page("odd"))
    assert "body_positions has 1 entries but text has 2 paragraphs" in odd.css_first(".warn").text()
    assert [li.css_first(".txt").text() for li in odd.css("ol.blocks > li.blk")] == ["a", "b"]


def test_removed_lines_are_matched_to_their_documents_when_one_has_none(tmp_path: Path) -> None:
    # Document 2 has no removed lines; the lines of document 3 must not be lost.
    docs = [plain_document(1, removed=2), plain_document(2, removed=0), plain_document(3, removed=1)]
    report = build_report(write_out(tmp_path / "out", docs)).parent
    third = parse(report / doc_page("plain-003"))
    assert [li.attributes["data-label"] for li in third.css("ol.blocks > li.blk")] == ["body", "body", "body", "chrome"]
    assert "did not match" not in (report / "index.html").read_text(encoding="utf-8")


def test_page_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        build_report(small_corpus(tmp_path / "out"), page_size=0)


def test_report_command_builds_the_site_for_an_earlier_run(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dxclean.cli import cli

    out = small_corpus(tmp_path / "out")
    result = CliRunner().invoke(cli, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert Path(result.output.strip().splitlines()[-1]) == out / "report" / "index.html"
    assert (out / "report" / doc_page("rich")).is_file()


LABELS = ["body", "body", "body", "title", "date", "source", "caption", "chrome", "teaser", "duplicate", "empty", "odd-label"]
block_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
                     min_size=1, max_size=40).filter(lambda t: t.strip())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.tuples(block_text, st.sampled_from(LABELS), st.booleans()), min_size=1, max_size=8),
                min_size=1, max_size=3))
def test_any_labelled_corpus_shows_every_block_once_in_order(tmp_path_factory, corpus) -> None:
    docs = []
    for number, blocks in enumerate(corpus):
        doc = Document.from_texts(f"d{number}", f"d{number}.txt", [text for text, _, _ in blocks])
        for block, (text, label, trimmed) in zip(doc.blocks, blocks):
            if trimmed and len(text) > 1:
                block.trim(text[1:], text[:1], "chrome", "chrome", "prefix <cut>")
            if label != "body":
                block.set_label(label, "step-x", "because <b>")
        docs.append(doc)
    out = write_out(tmp_path_factory.mktemp("any") / "out", docs)
    report = build_report(out, page_size=2).parent
    for doc in docs:
        items = parse(report / doc_page(doc.id)).css("ol.blocks > li.blk")
        assert [li.css_first(".pos").text() for li in items] == [f"#{b.position}" for b in doc.blocks]
        for li, block in zip(items, doc.blocks):
            assert li.attributes["data-label"] == (block.label if block.text.strip() or block.label != "body" else "empty")
            shown = li.css_first(".txt").text()
            assert visible(block.text.strip()) in shown
            for trim in block.trims:
                assert visible(trim.text) in shown


def test_a_part_trimmed_off_the_end_is_shown_after_the_kept_text(tmp_path: Path) -> None:
    out = write_out(tmp_path / "out", [plain_document(1, removed=0)])
    trim = {"doc": "plain-001", "source_path": "bulk/001.txt", "position": 0, "label": "chrome", "step": "chrome",
            "reason": "stray separator", "text": "| Chia sẻ", "part": "trim", "at": "end"}
    (out / "removed.jsonl").write_text(json.dumps(trim, ensure_ascii=False) + "\n", encoding="utf-8")
    li = block(parse(build_report(out).parent / doc_page("plain-001")), 0)
    text = li.css_first(".txt").text()
    assert text.index("Đoạn 1.0") < text.index("| Chia sẻ")
    assert li.css_first(".trim del").text() == "| Chia sẻ"


def test_input_blocks_missing_from_the_output_are_pointed_out(tmp_path: Path) -> None:
    out = write_out(tmp_path / "out", [plain_document(1, removed=0)])
    record = json.loads((out / "documents.jsonl").read_text(encoding="utf-8"))
    record["metadata"]["body_positions"] = [2, 3, 7]  # blocks 0, 1 and 4-6 were lost by the writer
    (out / "documents.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    tree = parse(build_report(out).parent / doc_page("plain-001"))
    assert [g.text() for g in tree.css("li.gap")] == [
        "2 input block(s) not accounted for in the output", "3 input block(s) not accounted for in the output"]
