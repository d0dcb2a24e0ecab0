"""parse_html: DOM blocks, labels with reasons, metadata, charsets and hostile input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dxclean.config import Config
from dxclean.html import HtmlError, parse_html
from dxclean.runner import run
from support import SHARED, needs_shared

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))
PARA = ("Chính phủ vừa ban hành nghị định mới về quản lý đầu tư công, có hiệu lực từ ngày ký, "
        "nhằm tháo gỡ vướng mắc cho các địa phương trong giải ngân vốn.")


def parse(data, config: Config | None = None):
    return parse_html(data, source_path="page.html", doc_id="page", config=config or Config())


def labels(doc) -> dict[str, str]:
    return {b.text: b.label for b in doc.blocks}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cases(case):
    doc = parse(case["html"].encode("utf-8"))
    body = [b.text for b in doc.body_blocks()]
    assert body == case["body"]
    for key in ("title", "published", "source", "url", "language"):
        if key in case:
            assert getattr(doc, key) == case[key], key
    for text, (label, reason_part) in case.get("labels", {}).items():
        block = next(b for b in doc.blocks if b.text == text)
        assert block.label == label, text
        assert reason_part in (block.reason or ""), (text, block.reason)
        assert block.step == "html"


def test_features_for_downstream_steps():
    page = f"""<html><body><nav><a href="/">Trang chủ</a></nav><article><h2>Tiêu đề phụ</h2>
    <p>{PARA}</p><ul><li>{PARA}</li></ul><p>{PARA} <a href="/x">liên kết</a></p></article></body></html>"""
    doc = parse(page.encode())
    heading = next(b for b in doc.blocks if b.text == "Tiêu đề phụ")
    assert heading.features["heading"] == 2 and heading.features["tag"] == "h2"
    item = [b for b in doc.blocks if b.features["in_list"]]
    assert len(item) == 1 and item[0].features["tag_path"].endswith("article>ul>li")
    nav = doc.blocks[0]
    assert nav.features["link_density"] == 1.0 and nav.features["in_nav"]
    assert [b.position for b in doc.blocks] == list(range(len(doc.blocks)))


def test_scripts_styles_forms_and_hidden_never_become_text():
    page = f"""<html><head><style>p {{color: red}}</style></head><body><article><p>{PARA}</p>
    <script>document.write("SCRIPTTEXT")</script><noscript>NOSCRIPTTEXT</noscript>
    <form><select><option>OPTIONTEXT</option></select><textarea>AREATEXT</textarea><button>BTN</button></form>
    <div hidden>HIDDENTEXT</div><p style="display: none">STYLEHIDDEN</p><span aria-hidden="true">ARIA</span>
    <template><p>TEMPLATETEXT</p></template><svg><text>SVGTEXT</text></svg></article></body></html>"""
    doc = parse(page.encode())
    everything = " ".join(b.text for b in doc.blocks)
    for word in ("SCRIPTTEXT", "NOSCRIPTTEXT", "OPTIONTEXT", "AREATEXT", "BTN", "HIDDENTEXT", "STYLEHIDDEN",
                 "ARIA", "TEMPLATETEXT", "SVGTEXT", "color: red"):
        assert word not in everything


def test_meta_charset_windows_1258_and_cp1252():
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{"Café crème brûlée. " * 10}</p></body></html>'
    doc = parse(page.encode("cp1252"))
    assert "Café crème brûlée." in doc.body_text and doc.metadata["input_encoding"] == "cp1252"
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>'
            f'<body><p>{"Cà phê Đà Lạt ngon. " * 10}</p></body></html>').replace("ạ", "a")
    assert "Cà phê Đà" in parse(page.encode("cp1258")).body_text


def test_utf16_with_bom_and_str_input():
    page = f"<html><body><article><p>{PARA}</p></article></body></html>"
    assert parse(page.encode("utf-16")).body_text == PARA
    assert parse(page).body_text == PARA


def test_gzipped_bytes_are_inflated_within_the_limit():
    page = f"<html><body><p>{PARA}</p></body></html>".encode()
    assert parse(gzip.compress(page)).body_text == PARA
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>")
    config = Config().with_overrides({"limits.max_decompressed_bytes": 1_000_000})
    with pytest.raises(HtmlError, match="max_decompressed_bytes"):
        parse(bomb, config)


def test_truncated_page_keeps_what_is_there():
    page = f"<html><body><article><p>{PARA}</p><p>{PARA[:70]}".encode()
    doc = parse(page)
    assert doc.body_text.startswith(PARA)
    truncated_gzip = gzip.compress(f"<html><body><p>{PARA}</p>".encode() * 50)[:-30]
    assert PARA in parse(truncated_gzip).body_text


def test_deep_nesting_is_flattened_not_quadratic_or_recursive():
    page = "<html><body>" + "<div>" * 50_000 + f"<p>{PARA}</p>" + "</div>" * 50_000 + "</body></html>"
    doc = parse(page.encode())
    assert doc.body_text == PARA
    assert "deep nesting flattened" in doc.metadata["html"]["notes"]
    spans = "<html><body><p>" + "<span>" * 50_000 + PARA + "</span>" * 50_000 + "</p></body></html>"
    assert parse(spans.encode()).body_text == PARA


def test_enormous_attribute():
    page = f'<html><body><div class="{"x" * 5_000_000}" data-a="{"y" * 1_000_000}"><p>{PARA}</p></div></body></html>'
    assert parse(page.encode()).body_text == PARA


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, "binary"),
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"<html><head><title>x</title></head><body><script>var a=1</script></body></html>", "no text"),
    (gzip.compress(b"<p>x</p>", mtime=0)[:12], "gzip"),
], ids=["binary", "empty", "whitespace", "script-only", "truncated-gzip"])
def test_useless_input_is_a_clear_error(data, reason):
    with pytest.raises(HtmlError, match=reason):
        parse(data)


def test_same_input_same_output():
    page = (Path(__file__).parent / "cases.json").read_text(encoding="utf-8")
    html = json.loads(page)[0]["html"].encode()
    first, second = parse(html), parse(html)
    assert [(b.text, b.label, b.reason, b.features) for b in first.blocks] == [
        (b.text, b.label, b.reason, b.features) for b in second.blocks]


def test_script_rendered_page_falls_back_to_its_description():
    page = ('<html><head><meta property="og:description" content="Một năm nhìn lại những trò chơi hay nhất.">'
            '</head><body><div id="app"></div><script>render()</script></body></html>')
    doc = parse(page.encode())
    assert doc.body_text == "Một năm nhìn lại những trò chơi hay nhất."
    assert "meta description used" in " ".join(doc.metadata["html"]["notes"])


def test_processing_instructions_and_comments_carry_no_text():
    # lexbor gives a processing instruction (``<?php ... ?>``, left in by a broken template)
    # no tag name at all; the walk once indexed it and failed on the whole page.
    page = (f"<html><body><?xml version='1.0'?><article><p>{PARA[:40]}<?php echo $x; ?>{PARA[40:]}</p>"
            f"<div><?php if (x) {{ ?><!-- note --><p>{PARA}</p><?php }} ?></div></article></body></html>")
    doc = parse(page.encode())
    assert [b.text for b in doc.body_blocks()] == [PARA, PARA]
    assert not any("php" in b.text or "note" in b.text for b in doc.blocks)


BUG_PAGES = sorted((SHARED / "bugs" / "html-read-typeerror").glob("*.html.gz"))


@pytest.mark.parametrize("path", BUG_PAGES, ids=[p.name for p in BUG_PAGES])
def test_pages_with_processing_instructions_are_read(path):
    doc = parse(path.read_bytes())
    assert doc.body_text.strip() and doc.title
    assert not any("<?php" in b.text or "?>" in b.text for b in doc.blocks)


def test_the_reported_pages_run_without_errors(tmp_path):
    summary = run(needs_shared("bugs/html-read-typeerror"), tmp_path / "out", Config(workers=1))
    assert summary.errors == 0 and summary.documents == len(BUG_PAGES)
