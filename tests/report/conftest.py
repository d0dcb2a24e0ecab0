"""Fixtures of the report tests: a real seeds run with --report, and a headless Chromium.

The browser is Debian's ``chromium`` driven by Playwright (``executable_path``):
Playwright's own browser downloads do not work here. Browser tests skip, with
the reason, only when Playwright or the browser is not installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from report.browser_support import CHROMIUM_ARGS, chromium_path
from support import SEEDS, needs_shared


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dxclean run seeds/ OUT --report`` (default pipeline) through the real command line, once."""
    out = tmp_path_factory.mktemp("seeds-report") / "out"
    cmd = [sys.executable, "-m", "dxclean", "run", str(SEEDS), str(out), "--report", "--quiet", "--workers", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert (out / "report" / "index.html").is_file(), f"exit {done.returncode}: {done.stderr[-3000:]}"
    return out


@pytest.fixture(scope="session")
def gold_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds labelled as gold/seeds.json says, written as an OUT with its report."""
    from dxclean.report import build_report
    from report.report_corpus import gold_labelled_seed, write_out

    gold = json.loads(needs_shared("gold/seeds.json").read_text(encoding="utf-8"))
    docs = [gold_labelled_seed(seed, gold) for seed in sorted(SEEDS.glob("*.txt"))]
    out = write_out(tmp_path_factory.mktemp("gold-report") / "out", docs)
    build_report(out)
    return out


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (system browser), or a skip saying what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Python Playwright is not installed: pip install 'playwright>=1.45,<2'")
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium: apt-get install -y chromium (or set DXCLEAN_CHROMIUM)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser):
    """A fresh tab that records every request, to prove the report never goes online."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    context.set_default_timeout(5000)  # static local pages: anything slower is a failure
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    try:
        yield tab
    finally:
        context.close()
