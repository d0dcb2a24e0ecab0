"""Chrome-zone rules of html/content.py and html/lexicon.py, each on a page written for
the test: a class word names a wrapper or a taxonomy term, not page chrome."""

from __future__ import annotations

from dxclean.config import Config
from dxclean.html import parse_html
from dxclean.html.lexicon import chrome_match

ARTICLE = [
    "The regional council approved the new tram line on Tuesday evening after a debate that lasted "
    "more than four hours and drew a crowd of residents to the town hall.",
    "Construction is expected to begin next spring, with the first section between the station and "
    "the university opening to passengers two years later, the council said.",
    "Opponents argued that the money would be better spent on buses, while supporters pointed to the "
    "growing number of commuters who already crowd the existing routes every morning.",
]
FOOTER = [
    "Die Redaktion dieser Zeitung arbeitet unabhängig und überparteilich; alle Inhalte sind "
    "urheberrechtlich geschützt und dürfen nur mit ausdrücklicher Genehmigung verwendet werden.",
    "Unser Verlag veröffentlicht täglich Nachrichten aus der Region, aus Politik, Wirtschaft, Kultur "
    "und Sport, sowohl gedruckt als auch in unserer App und auf dieser Webseite.",
    "Für Hinweise zum Datenschutz, zu Cookies und zu Ihren Rechten als Leserin oder Leser lesen Sie "
    "bitte unsere ausführliche Datenschutzerklärung und die allgemeinen Geschäftsbedingungen.",
    "Abonnentinnen und Abonnenten erreichen unseren Kundenservice werktags von acht bis achtzehn "
    "Uhr telefonisch, per E-Mail oder über das Kontaktformular auf der Serviceseite des Verlags.",
]
MENU = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(6))


def body_of(html: str) -> list[str]:
    doc = parse_html(html.encode("utf-8"), source_path="p.html", doc_id="p", config=Config())
    return [b.text for b in doc.body_blocks()]


def _paragraphs(texts) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_a_long_footer_outside_main_stays_chrome():
    """The footer holds more prose than the short article, which once made it a misnamed
    wrapper (the zone guard) and the main content; the page's <main> says otherwise."""
    html = (f"<html><body><nav><ul>{MENU}</ul></nav><main><h1>Tram line approved</h1>{_paragraphs(ARTICLE)}"
            f"</main><footer>{_paragraphs(FOOTER)}</footer></body></html>")
    body = body_of(html)
    assert all(p in body for p in ARTICLE)
    assert not any(p in body for p in FOOTER)


def test_a_zone_word_on_the_wrapper_of_main_is_no_zone():
    """A layout wrapper named like an ad slot ("l-wrapper gate-ad") holding the page's
    <main>: its article is the main content, not an ad."""
    html = (f"<html><body><div class=\"l-wrapper gate-ad\"><nav><ul>{MENU}</ul></nav><main>"
            f"<h1>Tram line approved</h1>{_paragraphs(ARTICLE)}</main></div>"
            f"<footer>{_paragraphs(FOOTER)}</footer></body></html>")
    body = body_of(html)
    assert all(p in body for p in ARTICLE)
    assert not any(p in body for p in FOOTER)


def test_taxonomy_classes_are_not_chrome_words():
    """Blog engines write the post's categories and tags into its class
    ("entry-category-advertising tag-social"): terms of the post, not what the element is."""
    assert chrome_match("entry-category-advertising entry-category-social_media entry") is None
    assert chrome_match("post tag-sharing category-ads") is None
    assert chrome_match("tag-list") == "tag-list" and chrome_match("sidebar category-news") == "sidebar"
    comments = "".join(f"<div class=\"comment\"><p>{t}</p></div>" for t in FOOTER)
    html = (f"<html><body><div class=\"head\"><ul>{MENU}</ul></div><div id=\"alpha\">"
            f"<div class=\"entry-category-advertising entry-category-social_media entry\"><h3>Tram line approved</h3>"
            f"<div class=\"entry-body\">{_paragraphs(ARTICLE)}</div></div>"
            f"<div class=\"comments\">{comments}</div></div></body></html>")
    body = body_of(html)
    assert all(p in body for p in ARTICLE)
    assert not any(p in body for p in FOOTER)
