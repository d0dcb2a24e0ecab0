"""The report of a real run over the seeds (``dxclean run seeds/ OUT --report``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from support import SEEDS

from dxclean.report.load import doc_page

SEED_003 = "003_6fb6fe81f11c8a04.txt"
TITLE_003 = "Thủ tướng: Năm 2023 dứt khoát phải xây dựng Trung tâm Dữ liệu quốc gia"
#: The paragraph seed 003 repeats word for word (gold: line 61 is "dup" of line 55).
DUP_003 = "Các bộ, ngành, địa phương cần phối hợp chặt chẽ, tập trung cho nhiệm vụ tích hợp và chia sẻ, kết nối dữ liệu."



def doc_ids(out: Path) -> dict[str, str]:
    """source file name -> document id."""
    ids = {}
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        ids[Path(record["source_path"]).name] = record["id"]
    return ids


def seed_page(out: Path, name: str) -> LexborHTMLParser:
    return LexborHTMLParser((out / "report" / doc_page(doc_ids(out)[name])).read_text(encoding="utf-8"))


def blocks(tree: LexborHTMLParser) -> list:
    return tree.css("ol.blocks > li.blk")


@pytest.fixture(params=["run", "gold"])
def any_out(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("seeds_out" if request.param == "run" else "gold_out")


def test_every_seed_has_a_page_showing_every_input_line_in_order(any_out: Path) -> None:
    seeds_out = any_out
    ids = doc_ids(seeds_out)
    assert sorted(ids) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        items = blocks(seed_page(seeds_out, seed.name))
        assert [li.css_first(".pos").text() for li in items] == [f"#{i}" for i in range(len(lines))], seed.name
        for line, li in zip(lines, items):
            # what is shown is the line (whole, or kept part plus struck trims), modulo repairs
            shown = " ".join(li.css_first(".txt").text(deep=True).split())
            if li.css_first(".repair") is None:
                assert all(word in shown for word in line.split()[:3]), (seed.name, line, shown)


def test_index_lists_the_seeds_and_links_every_document(seeds_out: Path) -> None:
    tree = LexborHTMLParser((seeds_out / "report" / "index.html").read_text(encoding="utf-8"))
    cards = {c.css_first(".what").text(): c.css_first(".num").text() for c in tree.css(".card")}
    assert cards["documents"] == "5" and cards["errors"] == "0"
    links = {a.attributes["href"] for a in tree.css("table.rank a")}
    assert links == {doc_page(i) for i in doc_ids(seeds_out).values()}


def check_title(tree: LexborHTMLParser) -> None:
    first = blocks(tree)[0]
    assert first.attributes["data-label"] == "title" and first.css_first(".badge").text() == "title"
    assert first.css_first(".txt").text().startswith(TITLE_003) and first.css_first("del") is None
    assert tree.css_first("h1").text() == TITLE_003


def check_duplicate(tree: LexborHTMLParser) -> None:
    dups = [li for li in blocks(tree) if li.attributes["data-label"] == "duplicate" and DUP_003 in li.text()]
    assert len(dups) == 1
    dup = dups[0]
    assert dup.css_first("del.cut").text().startswith(DUP_003)
    why = dup.css_first(".why").text()
    assert "removed by " in why and why.split(":", 1)[1].strip()  # a step and a reason are given
    fragment = dup.css_first("a.dup").attributes["href"]
    assert fragment.startswith("#b")
    kept = tree.css_first(fragment)
    assert kept.attributes["data-label"] == "body" and kept.css_first(".text").text() == dup.css_first("del.cut").text()
    assert int(kept.css_first(".pos").text()[1:]) < int(dup.css_first(".pos").text()[1:])


def check_teaser_zone(tree: LexborHTMLParser) -> None:
    items = blocks(tree)
    start = next(i for i, li in enumerate(items) if li.css_first(".txt").text().strip().startswith("Tin khác"))
    header, zone = items[start], items[start + 1:start + 6]
    assert header.attributes["data-label"] == "teaser" and header.css_first(".badge").text() == "teaser"
    assert header.css_first("del.cut") is not None and "removed by" in header.css_first(".why").text()
    # the items of the zone are struck out too (a repeated item may be labelled duplicate instead)
    assert all("removed" in li.attributes["class"].split() for li in zone), [li.attributes["data-label"] for li in zone]
    assert sum(li.attributes["data-label"] == "teaser" for li in zone) >= 3


CHECKS = {"title": check_title, "duplicate": check_duplicate, "teaser zone": check_teaser_zone}


@pytest.mark.parametrize("check", CHECKS)
def test_seed_003_as_labelled_by_gold(gold_out: Path, check: str) -> None:
    """The report shows a perfectly labelled seed 003 as a person expects."""
    CHECKS[check](seed_page(gold_out, SEED_003))


@pytest.mark.parametrize("check", CHECKS)
def test_seed_003_from_the_real_run(seeds_out: Path, check: str) -> None:
    CHECKS[check](seed_page(seeds_out, SEED_003))


def test_real_run_shows_an_encoding_repair_side_by_side(tmp_path: Path) -> None:
    sentence = "Thủ tướng Chính phủ nhấn mạnh năm 2023 là năm tạo lập và khai thác dữ liệu."
    mojibake = sentence.encode("utf-8").decode("cp1252", errors="replace")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(f"Tiêu đề\n{mojibake}\nĐoạn thứ hai.\n", encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "dxclean", "run", str(tmp_path / "in"), str(out), "--report", "--quiet",
                    "--workers", "1", "--steps", "encoding"], check=True, timeout=300)
    tree = LexborHTMLParser((out / "report" / doc_page(doc_ids(out)["page.txt"])).read_text(encoding="utf-8"))
    original, repaired = tree.css_first("#b1").parent.css(".repair > div")
    assert mojibake in original.text() and sentence in repaired.text()
