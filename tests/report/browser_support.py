"""Where the system Chromium is and how to launch it (shared by the tests and make_screenshot.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: Headless and fully offline: no first-run, sync, component or background traffic.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    """$DXCLEAN_CHROMIUM, else the Debian/Ubuntu system browser if present."""
    candidates = [os.environ.get("DXCLEAN_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser")]
    return next((c for c in candidates if c and Path(c).is_file()), None)
