"""Take the README screenshot of a document page of a report (docs/report-screenshot.png).

    .venv/bin/dxclean run seeds/ out/ --report --force
    .venv/bin/python tests/report/make_screenshot.py out/ docs/report-screenshot.png

Uses Debian's chromium through Playwright (no browser download). Not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dxclean.report.load import doc_page


def main() -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from browser_support import CHROMIUM_ARGS, chromium_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="OUT folder holding report/")
    parser.add_argument("png", type=Path)
    parser.add_argument("--seed", default="003_6fb6fe81f11c8a04.txt", help="file name of the document to show")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=1400)
    parser.add_argument("--at", metavar="LABEL", help="start the picture a little above the first block with this label")
    args = parser.parse_args()
    page_path = None
    for line in (args.out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if Path(record["source_path"]).name == args.seed:
            page_path = args.out / "report" / doc_page(record["id"])
    if page_path is None or not page_path.exists():
        raise SystemExit(f"no report page for {args.seed} in {args.out}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": args.width, "height": args.height})
        tab.goto(page_path.as_uri())
        top = 0.0
        if args.at:
            first = tab.locator(f'li.blk[data-label="{args.at}"]').first
            top = max(0.0, first.evaluate("e => e.getBoundingClientRect().top + scrollY") - args.height / 3)
        height = min(args.height, tab.evaluate("document.documentElement.scrollHeight") - top)
        tab.screenshot(path=str(args.png), full_page=True, clip={"x": 0, "y": top, "width": args.width, "height": height})
        browser.close()
    print(args.png)


if __name__ == "__main__":
    main()
