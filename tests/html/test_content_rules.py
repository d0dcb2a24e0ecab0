"""Main-content rules of the HTML extractor (html/content.py, html/refine.py), each on a
small page shaped like the ones that taught it, plus the WCXB pages as a regression floor."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from support import load_module

from dxclean.config import Config
from dxclean.html import parse_html

SHARED = Path(__file__).resolve().parents[3] / "shared"
WCXB = SHARED / "data" / "wcxb-dev"

P1 = ("Ủy ban nhân dân tỉnh vừa tổ chức hội nghị tổng kết công tác chuyển đổi số năm 2024, "
      "với sự tham gia của đại diện các sở, ngành và địa phương trên địa bàn.")
P2 = ("Theo báo cáo, tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình đã đạt "
      "hơn 60%, tăng gấp đôi so với cùng kỳ năm trước.")
P3 = ("Phát biểu tại hội nghị, lãnh đạo tỉnh đề nghị các đơn vị tiếp tục đẩy mạnh ứng dụng "
      "công nghệ thông tin, bảo đảm an toàn dữ liệu của người dân.")
P4 = ("Trong năm 2025, tỉnh đặt mục tiêu hoàn thành kết nối cơ sở dữ liệu dân cư với các hệ "
      "thống chuyên ngành và mở rộng thanh toán không dùng tiền mặt.")
SAPO = ("Năm 2024, tỉnh đã hoàn thành vượt mức nhiều chỉ tiêu chuyển đổi số, trong đó dịch vụ "
        "công trực tuyến toàn trình tăng mạnh.")
MENU = "".join(f'<li><a href="/c{i}">Chuyên mục {i}</a></li>' for i in range(8))
TEASERS = "".join(f'<li><a href="/t{i}">Tin ngắn số {i} về hoạt động của các sở, ngành</a></li>' for i in range(4))


def parse(page: str):
    return parse_html(page.encode("utf-8"), source_path="page.html", doc_id="page", config=Config())


def label_of(doc, text: str) -> tuple[str, str | None]:
    block = next(b for b in doc.blocks if b.text == text)
    return block.label, block.reason


def page(article: str, head: str = "") -> str:
    return (f"<html><head><title>Tổng kết chuyển đổi số</title></head><body><nav><ul>{MENU}</ul></nav>"
            f"{head}<div class=\"main-col\">{article}</div><footer>Bản quyền thuộc Cổng TTĐT tỉnh</footer></body></html>")


def test_related_box_inside_the_article_does_not_swallow_the_paragraphs_after_it():
    article = (f"<h1>Tổng kết chuyển đổi số</h1><div class=\"detail-body\"><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
               f"<div class=\"box-x\"><b>TIN LIÊN QUAN</b><ul>{TEASERS}</ul></div><p>{P4}</p></div>")
    doc = parse(page(article))
    assert [b.text for b in doc.body_blocks()] == [P1, P2, P3, P4]
    label, reason = label_of(doc, "TIN LIÊN QUAN")
    assert label == "teaser" and "teaser zone" in reason
    assert label_of(doc, "Tin ngắn số 2 về hoạt động của các sở, ngành")[0] == "teaser"


def test_related_heading_at_the_end_still_opens_a_zone_to_the_end():
    article = (f"<h1>Tổng kết chuyển đổi số</h1><div class=\"detail-body\"><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
               f"<h3>Tin liên quan</h3><ul>{TEASERS}</ul></div>")
    doc = parse(page(article))
    assert [b.text for b in doc.body_blocks()] == [P1, P2, P3]
    assert label_of(doc, "Tin ngắn số 0 về hoạt động của các sở, ngành")[0] == "teaser"


def test_captions_inside_figcaption_and_photo_credit_lines():
    credit = "Toàn cảnh hội nghị tổng kết. Ảnh: Minh Anh"
    article = (f"<h1>Tổng kết chuyển đổi số</h1><div class=\"detail-body\"><p>{P1}</p>"
               f"<figure><img src=\"a.jpg\"><figcaption><p>Lãnh đạo tỉnh phát biểu tại hội nghị</p>"
               f"</figcaption></figure><p>{P2}</p><p><img src=\"b.jpg\"></p><p><em>{credit}</em></p>"
               f"<p>{P3}</p></div>")
    doc = parse(page(article))
    assert [b.text for b in doc.body_blocks()] == [P1, P2, P3]
    assert label_of(doc, "Lãnh đạo tỉnh phát biểu tại hội nghị") == ("caption", "<figcaption>")
    assert label_of(doc, credit)[0] == "caption"
    assert [b.text for b in doc.blocks if b.label == "caption"] == ["Lãnh đạo tỉnh phát biểu tại hội nghị", credit]


def test_a_sentence_naming_a_photo_is_not_a_caption():
    sentence = ("Ảnh: các đơn vị được yêu cầu gửi ảnh tư liệu về các công trình trọng điểm trước ngày 15, "
                "kèm theo mô tả chi tiết về tiến độ, chủ đầu tư, nhà thầu và những khó khăn vướng mắc "
                "cần tháo gỡ, để tổng hợp vào báo cáo chung của tỉnh gửi các bộ, ngành trung ương.")
    doc = parse(page(f"<h1>Tổng kết chuyển đổi số</h1><div class=\"detail-body\"><p>{P1}</p><p>{sentence}</p>"
                     f"<p>{P2}</p></div>"))
    assert label_of(doc, sentence)[0] == "body"


def test_lead_in_the_header_between_title_and_body_is_kept():
    head = (f"<div class=\"article-header\"><h1>Tổng kết chuyển đổi số</h1><span>Thứ Hai, 13/01/2025 08:30</span>"
            f"<h2 class=\"sapo\">{SAPO}</h2></div>")
    doc = parse(page(f"<div class=\"detail-body\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>", head=head))
    assert [b.text for b in doc.body_blocks()] == [SAPO, P1, P2, P3]


def test_prose_before_the_title_is_not_a_lead():
    promo = ("Đăng ký nhận bản tin hằng tuần để cập nhật những chính sách mới nhất về chuyển đổi số "
             "và cải cách hành chính của tỉnh.")
    head = f"<div class=\"promo\"><p>{promo}</p></div><h1>Tổng kết chuyển đổi số</h1>"
    doc = parse(page(f"<div class=\"detail-body\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>", head=head))
    assert label_of(doc, promo)[0] != "body"


def test_list_heavy_article_is_taken_whole_not_its_one_prose_paragraph():
    """A listicle: 24 paragraphs between long lists of short items, and a boxed FAQ
    answer that alone is the densest prose. The box holds under 5% of the page's
    prose, so the container grows to the whole article."""
    paragraphs = [f"Mục {i}. " + (P1, P2, P3, P4)[i % 4] for i in range(24)]
    items = [f"Hồ sơ loại {i}, bản chính" for i in range(160)]
    parts = []
    for i, text in enumerate(paragraphs):
        parts.append(f"<h3>Nhóm thủ tục {i}</h3><p>{text}</p>")
        if i % 4 == 3:
            parts.append("<ul>" + "".join(f"<li>{x}</li>" for x in items[i * 6 : i * 6 + 24]) + "</ul>")
    faq = "Hỏi: Có cần công chứng bản sao không? Đáp: không cần, chỉ cần bản chụp rõ nét là đủ."
    article = (f"<h1>Tổng kết chuyển đổi số</h1><article class=\"post\"><div class=\"faq-box\"><p>{faq}</p></div>"
               + "".join(parts) + "</article>")
    doc = parse(page(article))
    body = [b.text for b in doc.body_blocks()]
    assert all(text in body for text in paragraphs)
    assert faq in body and "Nhóm thủ tục 11" in body and items[30] in body
    assert "Chuyên mục 1" not in body


@pytest.mark.skipif(not (WCXB / "gold.json").exists(), reason="shared data not available")
def test_wcxb_pages_floor():
    """All 791 WCXB pages through the extractor: a floor under the benchmarked F1 (0.9718
    on all 791 pages since taxonomy classes stopped being chrome words, which recovers
    whole articles elsewhere and costs WCXB one teaser list once hidden by "category-social-…")."""
    scorer = load_module("score_gold", SHARED / "tools" / "score_gold.py")
    gold = json.loads((WCXB / "gold.json").read_text(encoding="utf-8"))
    records = []
    for name in sorted(gold):
        data = gzip.decompress((WCXB / "html" / name).read_bytes())
        doc = parse_html(data, source_path=name, doc_id=name, config=Config())
        records.append({"source_path": name, "text": doc.body_text, "title": doc.title, "published": doc.published})
    rows, total = scorer.score(gold, records)
    assert total["F1"] >= 0.971, total
    # No page lost whole: a container that misses the article shows as recall near zero
    # (13 pages under 0.2 before the second opinion of html/widen.py, 1 with it).
    lost = [r["doc"] for r in rows if r["R"] < 0.2]
    assert len(lost) <= 2, lost


def test_title_in_a_plain_element_is_labelled_title_not_body():
    article = (f"<div class=\"detail-body\"><div class=\"name\">Tổng kết chuyển đổi số năm 2024 của tỉnh</div>"
               f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></div>")
    html = page(article).replace("<title>Tổng kết chuyển đổi số</title>",
                                 "<title>Tổng kết chuyển đổi số năm 2024 của tỉnh - Cổng TTĐT tỉnh</title>")
    doc = parse(html)
    assert doc.title == "Tổng kết chuyển đổi số năm 2024 của tỉnh"
    assert label_of(doc, "Tổng kết chuyển đổi số năm 2024 của tỉnh")[0] == "title"
    assert [b.text for b in doc.body_blocks()] == [P1, P2, P3]


def test_a_small_box_inside_the_article_grows_to_the_article():
    """The densest prose is a boxed key point; the article around it has many short
    lines too, so only the box-inside-prose rule makes the article the container."""
    box = "Điểm chính: tỉnh hoàn thành kết nối dữ liệu dân cư với 12 hệ thống chuyên ngành trong năm."
    steps = "".join(f"<li>Bước {i}: nộp hồ sơ</li>" for i in range(45))
    paragraphs = [f"Đoạn {i}. " + (P1, P2, P3, P4)[i % 4] for i in range(6)]
    article = (f"<h1>Tổng kết chuyển đổi số</h1><div class=\"post\"><div class=\"key-point\"><p>{box}</p></div>"
               + "".join(f"<p>{p}</p>" for p in paragraphs[:3]) + f"<ul>{steps}</ul>"
               + "".join(f"<p>{p}</p>" for p in paragraphs[3:]) + "</div>")
    doc = parse(page(article))
    body = [b.text for b in doc.body_blocks()]
    assert box in body and all(p in body for p in paragraphs), body[:3]
    assert "Chuyên mục 1" not in body


def test_article_in_sections_named_like_chrome_is_kept():
    """Each section alone holds under half the prose, so only their sum shows that
    "skip-item" (a lexicon word for skip links) names the article's own sections here."""
    sections = "".join(f"<div class=\"skip-item topic{i}\"><h2>Phần {i}</h2><p>{(P1, P2, P3, P4)[i]}</p></div>"
                       for i in range(4))
    doc = parse(page(f"<h1>Tổng kết chuyển đổi số</h1><div class=\"entry\">{sections}</div>"))
    body = [b.text for b in doc.body_blocks()]
    assert [P1, P2, P3, P4] == [x for x in body if x in (P1, P2, P3, P4)]
    assert "Phần 2" in body


def test_one_sidebar_section_of_many_is_still_chrome():
    side = ("Đăng ký nhận bản tin để không bỏ lỡ các chính sách mới nhất về chuyển đổi số và cải cách "
            "hành chính của tỉnh trong thời gian tới.")
    article = (f"<h1>Tổng kết chuyển đổi số</h1><div class=\"entry\"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p></div>"
               f"<div class=\"skip-item\"><p>{side}</p></div>")
    doc = parse(page(article))
    assert label_of(doc, side)[0] != "body"


def test_a_fragment_holding_little_of_the_prose_is_judged_again_against_the_page():
    """The article's first paragraph sits in a box of its own; the other paragraphs share
    their element with link bars (tags, "read also" links) that make it score below the
    box and keep the box from growing. The box holds a fifth of the page's prose, so the
    second opinion (jusText-like: prose outside chrome zones is content) compares it with
    its ancestors and takes the article, whose estimated F1 is higher; the link bars stay
    out by their link density."""
    paragraphs = [f"Đoạn {i}. " + (P1, P2, P3, P4)[i % 4] for i in range(5)]
    bar = "".join(f'<a href="/tag{i}">Chủ đề chuyển đổi số {i}</a> ' for i in range(9))
    article = (f"<h1>Tổng kết chuyển đổi số</h1><div class=\"wrap\"><div class=\"box\"><p>{paragraphs[0]}</p></div>"
               + "".join(f"<p>{p}</p><div class=\"bar\">{bar}</div>" for p in paragraphs[1:]) + "</div>")
    doc = parse(page(article))
    body = [b.text for b in doc.body_blocks()]
    assert body[:1] == [paragraphs[0]] and all(p in body for p in paragraphs), body
    assert not any("Chủ đề chuyển đổi số 3" in text for text in body)
    assert "Chuyên mục 1" not in body


RECIPE_INTRO = ["This lemon cake is the one my grandmother baked every Sunday, and it has stayed in our family "
                "for three generations now.",
                "It keeps well for four days in a tin, and the glaze can be made a day ahead if you want to save "
                "some time on the day."]
INGREDIENTS = ["200 g flour", "150 g sugar", "3 eggs", "1 lemon, zest and juice", "100 g butter"]
STEPS = ["Heat the oven to 180 °C.", "Beat butter and sugar.", "Add the eggs one by one.", "Bake for 40 minutes."]


def test_lists_tables_and_definition_lists_where_the_article_goes_on_are_body():
    """A recipe: the prose intro is the densest container, the ingredient list, the steps,
    a nutrition table and a <dl> follow it inside the same <article>: they are the article
    going on (items without links), while the "More recipes" links beside it stay out."""
    related = "".join(f'<li><a href="/r{i}">Another cake recipe number {i}</a></li>' for i in range(8))
    article = ("<article class=\"recipe\"><h1>Lemon cake</h1><div class=\"intro\">"
               + "".join(f"<p>{p}</p>" for p in RECIPE_INTRO) + "</div><h2>Ingredients</h2><ul>"
               + "".join(f"<li>{x}</li>" for x in INGREDIENTS) + "</ul><h2>Method</h2><ol>"
               + "".join(f"<li>{x}</li>" for x in STEPS) + "</ol><table><tr><th>Calories</th><td>320</td></tr></table>"
               + "<dl><dt>Serves</dt><dd>8</dd></dl></article>"
               + f"<div class=\"more\"><h3>More recipes</h3><ul>{related}</ul></div>")
    body = [b.text for b in parse(page(article)).body_blocks()]
    expected = [*RECIPE_INTRO, "Ingredients", *INGREDIENTS, "Method", *STEPS, "Calories", "320", "Serves", "8"]
    assert body == expected, body


def test_the_article_going_on_stops_at_a_byline_or_an_author_box():
    """After the article's last list, an author line and a short bio are not "more of the list"."""
    bio = "Dan bakes in Calgary."
    article = ("<article><div class=\"intro\">" + "".join(f"<p>{p}</p>" for p in RECIPE_INTRO) + "</div><ul>"
               + "".join(f"<li>{x}</li>" for x in INGREDIENTS) + f"</ul><div class=\"by\">Author: Dan</div>"
               + f"<div class=\"bio\"><p>{bio}</p></div></article>")
    body = [b.text for b in parse(page(article)).body_blocks()]
    assert INGREDIENTS[-1] in body and "Author: Dan" not in body and bio not in body


def test_a_list_closing_the_container_is_not_trimmed_as_the_edge_of_the_article():
    """Short blocks after the last paragraph are trimmed as share bars and tags — but not
    the items of a list or table without links, nor the heading that opens it."""
    specs = ["Weight: 1.2 kg", "Battery: 10 hours", "Screen: 14 inch"]
    share = "".join(f'<a href="/s{i}">Share {i}</a> ' for i in range(3))
    article = (f"<div class=\"post\"><p>{P1}</p><p>{P2}</p><p>{P3}</p><h3>Specifications</h3><ul>"
               + "".join(f"<li>{x}</li>" for x in specs) + f"</ul><div class=\"x\">{share}</div><p>Tags: laptops</p></div>")
    body = [b.text for b in parse(page(article)).body_blocks()]
    assert body[-4:] == ["Specifications", *specs], body


def test_japanese_and_chinese_paragraphs_are_prose_without_spaces():
    """A short news item in Japanese (NHK Easy-like) and one in Chinese: no spaces between
    words, so counting words by spaces found no prose at all and the container was chosen
    among the menus; each character now counts as a word (and two letters)."""
    ja = ["東京都で きのう 新しい 図書館が できました。子どもたちが たくさん 来て、本を 読んでいました。",
          "図書館は 毎日 午前9時から 午後8時まで 開いています。"]
    zh = ["国家统计局今天公布的数据显示，今年前三季度全国居民人均可支配收入实际增长百分之五点二。",
          "专家表示，消费市场继续恢复，服务消费增长较快。"]
    for paragraphs in (ja, zh):
        links = "".join(f'<li><a href="/n{i}">ニュース一覧 {i} 新聞記事</a></li>' for i in range(12))
        html = (f"<html><body><div class=\"nav-box\"><ul>{links}</ul></div><div class=\"x\"><h1>見出し</h1>"
                + "".join(f"<p>{p}</p>" for p in paragraphs)
                + f"</div><div class=\"y\"><ul>{links}</ul></div></body></html>")
        body = [b.text for b in parse_html(html.encode(), source_path="p.html", doc_id="p", config=Config()).body_blocks()]
        assert body == paragraphs, body
