"""What a person sees: the report opened from file:// in headless Chromium (offline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report.report_corpus import CROSS_TEXT, small_corpus

from dxclean.report import build_report
from dxclean.report.load import doc_page

pytestmark = pytest.mark.browser

SEED_003 = "003_6fb6fe81f11c8a04.txt"
TITLE_003 = "Thủ tướng: Năm 2023 dứt khoát phải xây dựng Trung tâm Dữ liệu quốc gia"
DUP_003 = "Các bộ, ngành, địa phương cần phối hợp chặt chẽ, tập trung cho nhiệm vụ tích hợp và chia sẻ, kết nối dữ liệu."


@pytest.fixture(scope="module")
def small_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_report(small_corpus(tmp_path_factory.mktemp("browser") / "out")).parent


def seed_url(out: Path, name: str) -> str:
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if Path(record["source_path"]).name == name:
            return (out / "report" / doc_page(record["id"])).as_uri()
    raise AssertionError(f"{name} not in documents.jsonl")


def assert_offline(page) -> None:
    assert page.requests and all(url.startswith("file://") for url in page.requests), page.requests


def struck(locator) -> bool:
    return "line-through" in locator.evaluate("e => getComputedStyle(e).textDecorationLine")


def test_removed_blocks_are_visibly_struck_with_badge_step_and_reason(page, small_report: Path) -> None:
    page.goto((small_report / doc_page("rich")).as_uri())
    teaser = page.locator("li.blk", has_text="Một tin khác không liên quan")
    assert teaser.is_visible()
    assert struck(teaser.locator("del.cut"))
    assert teaser.locator(".badge").inner_text().lower() == "teaser"
    assert "removed by chrome: teaser zone after 'Tin khác'" in teaser.locator(".why").inner_text()
    # colour is paired with a different border pattern per label, not only a hue
    styles = {label: page.locator(f"li.l-{label}").first.evaluate("e => getComputedStyle(e).borderLeftStyle")
              for label in ("chrome", "teaser", "duplicate")}
    assert len(set(styles.values())) == 3, styles
    title = page.locator("li.l-title")
    assert not struck(title.locator(".txt")) and title.locator(".badge").inner_text().lower() == "title"
    assert_offline(page)


def test_duplicate_link_opens_the_kept_copy_in_the_other_document(page, small_report: Path) -> None:
    page.goto((small_report / doc_page("other<&>")).as_uri())
    page.locator("li.blk", has_text="kept copy").locator("a.dup").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(doc_page("rich") + "#b8")
    target = page.locator(":target")
    assert target.locator(".text").inner_text() == CROSS_TEXT
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    assert_offline(page)


def test_encoding_repair_shows_original_and_repaired_side_by_side(page, small_report: Path) -> None:
    page.goto((small_report / doc_page("rich")).as_uri())
    boxes = page.locator(".repair > div")
    first, second = boxes.nth(0).bounding_box(), boxes.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and first["x"] < second["x"]  # side by side on a wide screen
    assert "ORIGINAL" in boxes.nth(0).inner_text().upper() and "REPAIRED" in boxes.nth(1).inner_text().upper()


@pytest.mark.parametrize("which", ["index.html", "doc"])
def test_pages_fit_a_phone_screen(browser, small_report: Path, which: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, offline=True)
    try:
        tab = context.new_page()
        path = small_report / ("index.html" if which == "index.html" else doc_page("rich"))
        tab.goto(path.as_uri())
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        if which == "doc":
            boxes = tab.locator(".repair > div")
            assert boxes.nth(0).bounding_box()["y"] < boxes.nth(1).bounding_box()["y"]  # stacked on a phone
    finally:
        context.close()


def test_index_filter_and_pages_work_offline(page, small_report: Path) -> None:
    page.goto((small_report / "index.html").as_uri())
    assert page.locator(".card", has_text="documents").locator(".num").inner_text() == "2"
    page.locator(".filters a", has_text="teaser").click()
    page.wait_for_load_state()
    rows = page.locator("table.rank tbody tr")
    assert rows.count() == 1 and "Chính phủ họp bàn" in rows.first.inner_text()
    page.locator("header a.brand").click()
    page.locator("a", has_text="Errors (1)").click()
    assert "site/broken.bin" in page.locator("table").inner_text()
    assert_offline(page)


# --- the seeds, as a person sees them -------------------------------------------------


def test_seed_pages_render_every_block(page, seeds_out: Path) -> None:
    page.goto(seed_url(seeds_out, SEED_003))
    lines = [x for x in (Path(__file__).parents[2] / "seeds" / SEED_003).read_text(encoding="utf-8").splitlines() if x.strip()]
    assert page.locator("ol.blocks > li.blk").count() == len(lines)
    assert_offline(page)


def see_title(page) -> None:
    assert page.locator("h1").inner_text() == TITLE_003
    title = page.locator("ol.blocks > li.blk").first
    assert title.locator(".txt").inner_text().startswith(TITLE_003)
    assert title.locator(".badge").inner_text().lower() == "title"
    assert "kept as a field" in title.locator(".why").inner_text()
    assert not struck(title.locator(".txt"))
    assert title.locator(".txt").evaluate("e => parseInt(getComputedStyle(e).fontWeight)") >= 600


def see_duplicate(page) -> None:
    dup = page.locator("li.blk[data-label=duplicate]", has_text=DUP_003)
    assert dup.count() == 1 and dup.is_visible()
    assert struck(dup.locator("del.cut"))
    assert dup.locator(".badge").first.inner_text().lower() == "duplicate"
    why = dup.locator(".why").first.inner_text()
    assert "removed by " in why and len(why.split(":", 1)[1].strip()) > 3
    dup.locator("a.dup").first.click()
    kept = page.locator(":target")
    assert kept.get_attribute("data-label") == "body" and DUP_003 in kept.inner_text()


def see_teaser_zone(page) -> None:
    header = page.locator("li.blk", has=page.locator(".txt del", has_text="Tin khác")).first
    assert header.get_attribute("data-label") == "teaser"
    assert header.locator(".badge").first.inner_text().lower() == "teaser"
    assert struck(header.locator("del.cut"))
    assert "removed by" in header.locator(".why").first.inner_text()


SEES = {"title": see_title, "duplicate": see_duplicate, "teaser zone": see_teaser_zone}


@pytest.mark.parametrize("what", SEES)
def test_seed_003_as_labelled_by_gold_is_seen(page, gold_out: Path, what: str) -> None:
    page.goto(seed_url(gold_out, SEED_003))
    SEES[what](page)
    assert_offline(page)


@pytest.mark.parametrize("what", SEES)
def test_seed_003_from_the_real_run_is_seen(page, seeds_out: Path, what: str) -> None:
    page.goto(seed_url(seeds_out, SEED_003))
    SEES[what](page)
    assert_offline(page)
