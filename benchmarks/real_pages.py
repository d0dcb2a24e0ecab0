"""Development page dumps assembled from real pages, with truth known by construction.

    python benchmarks/real_pages.py --raw /work/devdata/text/raw --out /work/devdata/text [--per-site 40]

Nothing here is committed data: RAW holds pages fetched from public repositories
(README, "Text-dump development data", lists each source and licence) and OUT the
dumps built from them. Two sets:

* ``OUT/vi-real``: Vietnamese portal dumps. The chrome and the teaser lists are those of
  real saved pages; the article is a VietNews *validation* record (never the test
  split) put where the page's own article was: its h1, sapo/description, dateline and
  body container are replaced in the HTML, which is then dumped by
  ``../shared/tools/make_text_dumps.py`` (all visible text, one block per line);
  government portals are built by ``real_portals.py``. A
  site given as a text dump (``RAW/<site>/*.txt`` with ``@@TITLE@@``, ``@@DATE@@``,
  ``@@LEAD@@``, ``@@BODY@@`` markers where its article was) is filled in as text.
  Dân trí article pages were saved without their related lists, so each gets the real
  teaser list of one of the site's saved category pages where its related box was.
* ``OUT/en-cpe``: CleanPortalEval's English news pages (bbc.co.uk, blogs.wsj.com,
  tv.msnbc.com) dumped the same way, gold from its hand-cleaned GoldStandard files.

Each set holds ``in/*.txt``, ``gold.json`` (score_gold.py format) and ``sites.json``
(file -> site) for the leave-one-site-out figures of bench_text_cleaning.py.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from portal_pages import _article  # noqa: E402
from real_portals import sotttt, sotttt_list, vpcp  # noqa: E402
from shared_data import SHARED  # noqa: E402

WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
#: How each site writes its dateline (from its saved pages).
DATELINES = {
    "dantri": "{wd}, {d:02}/{m:02}/{y} - {hh:02}:{mm:02}",
    "vnexpress": "{wd}, {d}/{m}/{y}, {hh:02}:{mm:02} (GMT+7)",
    "thanhnien": "{d:02}/{m:02}/{y} {hh:02}:{mm:02} GMT+7",
}
#: VietNews validation records used (the cleaner's tests use 0-2999 of the same split).
FIRST_RECORD = 5000


def _squash_text(raw: str) -> str:
    """Saved pages were re-indented: text nodes wrap over lines. Undo it (and drop JSP/merge junk)."""
    raw = re.sub(r"<%.*?%>", "", raw, flags=re.S)
    raw = re.sub(r"^(<<<<<<<|=======|>>>>>>>).*$", "", raw, flags=re.M)
    return re.sub(r">([^<]*)<", lambda m: ">" + re.sub(r"\s+", " ", m.group(1)) + "<", raw)


def _stamp(rng: random.Random, site: str) -> tuple[str, str]:
    y, m, d, hh, mm = rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    text = DATELINES[site].format(wd=rng.choice(WEEKDAYS), d=d, m=m, y=y, hh=hh, mm=mm)
    return text, f"{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00"


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines)


def _teaser_lists(folder: Path) -> list[str]:
    """HTML of the real teaser lists of a site's saved category pages (parents of the item lists)."""
    lists = []
    for page in sorted(folder.glob("*.html")):
        tree = LexborHTMLParser(_squash_text(page.read_text(encoding="utf-8", errors="replace")))
        items = tree.css("article.article-item")
        if len(items) < 5 or tree.css_first(".singular-content") is not None:
            continue
        parents: dict[int, object] = {}
        for item in items:
            parents.setdefault(id(item.parent), item.parent)
        best = max(parents.values(), key=lambda p: len(p.css("article.article-item")))
        lists.append(best.html.replace("&gt;", ""))
    return lists


def _dantri(raw: Path, articles, rng, count):
    folder = raw / "dantri"
    lists = _teaser_lists(folder)
    pages = [p for p in sorted(folder.glob("*.html")) if "title-page detail" in p.read_text(encoding="utf-8", errors="replace")]
    for i in range(count):
        title, body, captions = articles.pop()
        tree = LexborHTMLParser(_squash_text(pages[i % len(pages)].read_text(encoding="utf-8", errors="replace")))
        date_text, iso = _stamp(rng, "dantri")
        lead = f"(Dân trí) - {body[0]}"
        tree.css_first("h1.title-page").inner_html = html_lib.escape(title)
        tree.css_first(".singular-sapo").inner_html = html_lib.escape(lead)
        tree.css_first(".singular-content").inner_html = _paragraphs(body[1:])
        tree.css_first("h1.title-page").insert_after(LexborHTMLParser(f"<div class='author-time'>{date_text}</div>").body.child)
        credit = tree.css_first(".singular-source")  # "Theo Forbes": the page's own credit line stays, as its source
        source = re.sub(r"^Theo\s*", "", re.sub(r"\s+", " ", credit.text()).strip()) if credit is not None else None
        related = tree.css_first("article.article-related")
        if related is not None and lists:
            related.inner_html = rng.choice(lists)
        yield "dantri", tree.html, {"title": title, "published": iso, "source": source or None, "body": [lead, *body[1:]], "captions": []}


def _vnexpress(raw: Path, articles, rng, count):
    page = _squash_text(gzip.open(raw / "vnexpress.html.gz").read().decode("utf-8", "replace"))
    for _ in range(count):
        title, body, captions = articles.pop()
        tree = LexborHTMLParser(page)
        date_text, iso = _stamp(rng, "vnexpress")
        own_title = tree.css_first("h1.title-detail").text().strip()
        tree.css_first("p.description").inner_html = html_lib.escape(body[0])
        tree.css_first("span.date").inner_html = date_text
        author = tree.css_first("article.fck_detail p.author_mail, article.fck_detail p[style*='right']")
        author_html = author.html if author is not None else ""
        tree.css_first("article.fck_detail").inner_html = _paragraphs(body[1:]) + author_html
        # The title is shown twice (heading and a sticky bar): replace it wherever it is.
        yield "vnexpress", tree.html.replace(own_title, html_lib.escape(title)), {"title": title, "published": iso, "source": None, "body": body, "captions": []}


def _text_templates(raw: Path, articles, rng, count):
    for folder in sorted(p for p in raw.iterdir() if p.is_dir()):
        templates = sorted(folder.glob("*.txt"))
        if not templates:
            continue
        site = folder.name
        for i in range(count):
            title, body, captions = articles.pop()
            date_text, iso = _stamp(rng, site)
            lines = []
            for line in templates[i % len(templates)].read_text(encoding="utf-8").splitlines():
                if line == "@@TITLE@@":
                    lines.append(title)
                elif line.startswith("@@DATE@@"):
                    lines.append(date_text)
                elif line == "@@LEAD@@":
                    lines.append(body[0])
                elif line == "@@BODY@@":
                    lines.extend(body[1:])
                else:
                    lines.append(line)
            yield site, "\n".join(lines) + "\n", {"title": title, "published": iso, "source": None, "body": body, "captions": []}


def _load_articles(count: int, seed: int) -> list:
    articles = []
    with gzip.open(SHARED / "data" / "vietnews-val.jsonl.gz", "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n < FIRST_RECORD:
                continue
            article = _article(json.loads(line))
            if article is not None and len(article[1]) <= 40:
                articles.append(article)
            if len(articles) >= count:
                break
    random.Random(seed).shuffle(articles)
    return articles


def _dump(html_pages: dict[str, tuple[str, dict]], out: Path) -> dict[str, dict]:
    """Run the shared dumper on {stem: (html, gold)}; returns gold keyed by the .txt names."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        (src / "in").mkdir()
        for stem, (page, _) in html_pages.items():
            with gzip.open(src / "in" / f"{stem}.html.gz", "wt", encoding="utf-8") as f:
                f.write(page)
        (src / "gold.json").write_text(json.dumps({f"{s}.html.gz": g for s, (_, g) in html_pages.items()}, ensure_ascii=False))
        subprocess.run([sys.executable, str(SHARED / "tools" / "make_text_dumps.py"), str(src), str(out)], check=True,
                       stdout=subprocess.DEVNULL)
    return json.loads((out / "gold.json").read_text(encoding="utf-8"))


def build_vi(raw: Path, out: Path, per_site: int, seed: int = 13) -> int:
    rng = random.Random(seed)
    articles = _load_articles(per_site * 7, seed)
    html_pages, sites = {}, {}
    for builder in (_dantri, _vnexpress, sotttt, vpcp, sotttt_list):
        for site, page, gold in builder(raw, articles, rng, per_site):
            stem = f"{site}_{len(html_pages):04}"
            html_pages[stem], sites[f"{stem}.txt"] = (page, gold), site
    gold = _dump(html_pages, out)
    for site, text, g in _text_templates(raw, articles, rng, per_site):
        name = f"{site}_{len(sites):04}.txt"
        (out / "in" / name).write_text(text, encoding="utf-8")
        gold[name], sites[name] = g, site
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (out / "sites.json").write_text(json.dumps(sites, indent=0), encoding="utf-8")
    return len(gold)


def build_cleanportaleval(raw: Path, out: Path) -> int:
    """CleanPortalEval (ppke-nlpg, GPL-3.0): input/*.html + GoldStandard/*.txt (CleanEval <p>/<h> markup)."""
    pages, sites = {}, {}
    for page in sorted((raw / "input").glob("*.html")):
        gold_file = raw / "GoldStandard" / f"{page.stem}.txt"
        if not gold_file.exists():
            continue
        text = gold_file.read_text(encoding="utf-8", errors="replace")
        blocks = [html_lib.unescape(re.sub(r"\s+", " ", b)).strip() for b in re.split(r"<(?:p|h|l)>", text)[1:]]
        body = [b for b in blocks if b]
        if not body:
            continue  # an index page ("this page contains no article")
        pages[page.stem] = (page.read_text(encoding="utf-8", errors="replace"),
                            {"title": None, "published": None, "source": None, "body": body, "captions": []})
        sites[f"{page.stem}.txt"] = page.stem.rsplit("_", 1)[0]
    gold = _dump(pages, out)
    (out / "sites.json").write_text(json.dumps(sites, indent=0), encoding="utf-8")
    return len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, required=True, help="folder of fetched pages (see the module docstring)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-site", type=int, default=40)
    parser.add_argument("--cleanportaleval", type=Path, help="a CleanPortalEval checkout (input/, GoldStandard/)")
    args = parser.parse_args()
    print("vi-real:", build_vi(args.raw, args.out / "vi-real", args.per_site), "pages")
    if args.cleanportaleval:
        print("en-cpe:", build_cleanportaleval(args.cleanportaleval, args.out / "en-cpe"), "pages")


if __name__ == "__main__":
    main()
