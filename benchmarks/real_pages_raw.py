"""Lay out RAW for real_pages.py from fetched repository snapshots (bare git dirs).

    python benchmarks/real_pages_raw.py --mirror /work/.mirror --raw /work/devdata/text/raw \

Nothing fetched is committed: this only copies saved pages out of the snapshots named in
the README ("Text-dump development data") into RAW:

* ``RAW/dantri/*.html``: every distinct saved version of JayBMF/eNewsWebApp's
  ``src/main/webapp/Views/*.jsp`` (Dân trí article and category pages), across its history;
* ``RAW/vnexpress.html.gz``: flairNLP/fundus's saved VnExpress page;
* ``RAW/sotttt/*.html``: article pages of the Hanoi Department of Information and
  Communications portal (Liferay) saved in fontaineha1281/capstone2's history, a sample
  of distinct pages over its news sections;
* ``RAW/sotttt-list/*.html``: the same portal's section pages (listings), every saved version;
* ``RAW/vpcp/home.html``: the Government Office portal front page saved in vlvinhit/dtlcpv2;

Not done here: ``RAW/thanhnien/page.txt``, a Thanh Niên article page as a text dump (a
public repository's test string, stored file 66859750474 of the search index) written out
by hand as a template, its article lines replaced by ``@@TITLE@@``, ``@@DATE@@``,
``@@LEAD@@`` and ``@@BODY@@`` (everything else is the page's own text, in its order).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
from pathlib import Path


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def _blobs(git_dir: Path, under: str, pattern: str) -> dict[str, str]:
    """{blob id: path} of every version of the files under UNDER matching PATTERN, over all commits."""
    blobs: dict[str, str] = {}
    for commit in _git(git_dir, "log", "--all", "--format=%H").decode().split():
        for line in _git(git_dir, "ls-tree", "-r", commit, "--", under).decode().splitlines():
            meta, path = line.split("\t", 1)
            blob = meta.split()[2]
            if re.search(pattern, path) and blob not in blobs:
                blobs[blob] = path
    return blobs


def dantri(mirror: Path, raw: Path) -> int:
    git_dir = mirror / "JayBMF+eNewsWebApp" / "repo"
    out = raw / "dantri"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for blob, path in sorted(_blobs(git_dir, "src/main/webapp/Views/", r"\.jsp$").items(), key=lambda kv: (kv[1], kv[0])):
        text = _git(git_dir, "cat-file", "-p", blob)
        if b"title-page detail" in text or text.count(b"article-item") >= 5:
            (out / f"{Path(path).stem}-{blob[:8]}.html").write_bytes(text)
            n += 1
    return n


def vnexpress(mirror: Path, raw: Path) -> int:
    git_dir = mirror / "flairNLP+fundus" / "repo"
    data = _git(git_dir, "show", "HEAD:tests/resources/parser/test_data/vn/VnExpress_2025_10_22.html.gz")
    (raw / "vnexpress.html.gz").write_bytes(data)
    return 1


def sotttt(mirror: Path, raw: Path, count: int = 40, seed: int = 13) -> int:
    git_dir = mirror / "fontaineha1281+capstone2" / "repo"
    blobs = _blobs(git_dir, "source/vi/", r"/-/view_content/[0-9][^/]*\.html$")
    by_path = {}
    for blob, path in sorted(blobs.items(), key=lambda kv: (kv[1], kv[0])):
        by_path.setdefault(path, blob)
    picked = random.Random(seed).sample(sorted(by_path.items()), min(count * 3, len(by_path)))
    out = raw / "sotttt"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for path, blob in picked:
        text = _git(git_dir, "cat-file", "-p", blob)
        if b"asset-full-content-title" in text and b"journal-content-article" in text and b"related_asset" in text:
            (out / f"{n:03}-{blob[:8]}.html").write_bytes(text)
            n += 1
        if n >= count:
            break
    return n


def sotttt_lists(mirror: Path, raw: Path) -> int:
    """The same portal's section pages (listings of "headline / Ngày đăng ... / summary" items)."""
    git_dir = mirror / "fontaineha1281+capstone2" / "repo"
    out = raw / "sotttt-list"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for blob, path in sorted(_blobs(git_dir, "web/source/", r"^web/source/[^/]+\.html$").items(), key=lambda kv: (kv[1], kv[0])):
        text = _git(git_dir, "cat-file", "-p", blob)
        if text.count(b'class="asset-bounddary"') >= 5 and b"assetPublishDate" in text:
            (out / f"{Path(path).stem}-{blob[:8]}.html").write_bytes(text)
            n += 1
    return n


def vpcp(mirror: Path, raw: Path) -> int:
    git_dir = mirror / "vlvinhit+dtlcpv2" / "repo"
    out = raw / "vpcp"
    out.mkdir(parents=True, exist_ok=True)
    (out / "home.html").write_bytes(_git(git_dir, "show", "HEAD:resources/views/trangchu.blade.php"))
    return 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True)
    parser.add_argument("--raw", type=Path, required=True)
    args = parser.parse_args()
    args.raw.mkdir(parents=True, exist_ok=True)
    print("dantri", dantri(args.mirror, args.raw), "| vnexpress", vnexpress(args.mirror, args.raw),
          "| sotttt", sotttt(args.mirror, args.raw),
          "| sotttt-list", sotttt_lists(args.mirror, args.raw), "| vpcp", vpcp(args.mirror, args.raw))


if __name__ == "__main__":
    main()
