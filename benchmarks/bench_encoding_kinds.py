"""Twelve ways a Vietnamese page gets broken, made without dxclean, each repaired by ``dxclean run``.

The corruptions here use only Python's codecs and glibc ``iconv`` (never
:mod:`dxclean.encoding.corrupt`), so the check does not share a table or a
mistake with the code it checks. Each kind writes every document as a file of
bytes, the way a scraper would have saved it:

==================  ===============================================================
``cp1252``          UTF-8 decoded as Windows-1252 (undefined bytes kept as C1 controls), saved as UTF-8
``latin1``          UTF-8 decoded as Latin-1, saved as UTF-8
``double``          ``cp1252`` applied twice
``cp1252_latin1``   UTF-8 decoded as cp1252, that encoded as UTF-8 decoded as Latin-1
``cp1252_replace``  ``bytes.decode("cp1252", "replace")``: undefined bytes become U+FFFD
``cp1258_replace``  ``bytes.decode("cp1258", "replace")``
``utf8_as_cp1258``  UTF-8 decoded as Windows-1258 (undefined bytes kept as C1 controls)
``tcvn_bytes``      ``iconv -t TCVN5712-1`` (VN1: toned capitals at 0x01-0x17 and 0x80-0x9F), raw
                    bytes; “ ” – … (no TCVN byte) as their Windows-1252 bytes
``tcvn_latin1``     the same bytes decoded as Latin-1, saved as UTF-8; “ ” – … left as they are
``cp1258_bytes``    ``iconv -t WINDOWS-1258`` (letters + combining tone marks), raw bytes
``nfd``             Unicode NFD
``charrefs``        every non-ASCII character as an XML character reference (``&#7911;``)
==================  ===============================================================

A document is restored when its ``title`` and ``text`` are identical to those of
the clean run. Used by ``tests/encoding/test_independent_kinds.py`` (the five
seeds, each kind) and as a check on VietNews articles:

    .venv/bin/python benchmarks/bench_encoding_kinds.py [--docs 300] [--kinds cp1252,tcvn_bytes]

prints, per kind, the documents restored exactly and the first differences.
"""

from __future__ import annotations

import argparse
import codecs
import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "vietnews-val-3000.jsonl"


def _keep_byte(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decoding error handler: an undefined byte becomes the C1 control of the same number."""
    return "".join(chr(b) for b in error.object[error.start : error.end]), error.end


codecs.register_error("dxclean-bench-keep-byte", _keep_byte)


def _shown(codec: str, errors: str = "dxclean-bench-keep-byte") -> Callable[[str], str]:
    return lambda text: text.encode("utf-8").decode(codec, errors)


def iconv_table(text: str, charset: str) -> dict[str, bytes]:
    """The bytes glibc ``iconv`` writes for each distinct character of ``text`` in ``charset``
    (no entry: it cannot write that character), in one call."""
    if shutil.which("iconv") is None:
        raise RuntimeError("iconv is not installed")
    chars = sorted(set(text) - {"\n"})
    data = "\n".join(chars).encode("utf-8")
    done = subprocess.run(["iconv", "-c", "-t", charset], input=data, capture_output=True, check=False)
    return {ch: written for ch, written in zip(chars, done.stdout.split(b"\n")) if written}


def legacy_bytes(text: str, charset: str) -> bytes:
    """``text`` (NFC) in ``charset`` as glibc writes it. A character glibc cannot write is
    written as its Windows-1252 byte 0x80-0x9F, the way Windows programs typed “ ” – …
    into .VnTime documents; any other is refused (ValueError)."""
    text = unicodedata.normalize("NFC", text)
    table = iconv_table(text, charset)
    out = bytearray()
    for ch in text:
        written = b"\n" if ch == "\n" else table.get(ch)
        if written is None:
            try:
                written = ch.encode("cp1252")
            except UnicodeEncodeError:
                written = b""
            if not b"\x80" <= written < b"\xa0":  # Latin-1 letters would be misread
                raise ValueError(f"{ch!r} has no byte in {charset} nor among cp1252's 0x80-0x9F")
        out += written
    return bytes(out)


def legacy_shown_as_latin1(text: str, charset: str) -> bytes:
    """``text`` in ``charset`` decoded as Latin-1, saved as UTF-8; a character with no byte
    is left as it is (a Latin-1 one would be misread, so that is refused)."""
    text = unicodedata.normalize("NFC", text)
    table = iconv_table(text, charset)
    out = []
    for ch in text:
        written = b"\n" if ch == "\n" else table.get(ch)
        if written is None:
            if "\x80" <= ch <= "\xff":
                raise ValueError(f"{ch!r} has no byte in {charset} and would be misread")
            out.append(ch)
        else:
            out.append(written.decode("latin-1"))
    return "".join(out).encode("utf-8")


def _text_kind(shown: Callable[[str], str]) -> Callable[[str], bytes]:
    return lambda text: shown(text).encode("utf-8")


_cp1252 = _shown("cp1252")
_latin1 = _shown("latin-1")

#: kind -> document text -> the bytes of the file a scraper saved.
KINDS: dict[str, Callable[[str], bytes]] = {
    "cp1252": _text_kind(_cp1252),
    "latin1": _text_kind(_latin1),
    "double": _text_kind(lambda t: _cp1252(_cp1252(t))),
    "cp1252_latin1": _text_kind(lambda t: _latin1(_cp1252(t))),
    "cp1252_replace": _text_kind(_shown("cp1252", "replace")),
    "cp1258_replace": _text_kind(_shown("cp1258", "replace")),
    "utf8_as_cp1258": _text_kind(_shown("cp1258")),
    "tcvn_bytes": lambda t: legacy_bytes(t, "TCVN5712-1"),
    "tcvn_latin1": lambda t: legacy_shown_as_latin1(t, "TCVN5712-1"),
    "cp1258_bytes": lambda t: legacy_bytes(t, "WINDOWS-1258"),
    "nfd": lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
    "charrefs": lambda t: t.encode("ascii", "xmlcharrefreplace"),
}


def write_kind(docs: dict[str, str], kind: str, folder: Path) -> list[str]:
    """Write every document corrupted by ``kind`` into ``folder``; names it could not write."""
    folder.mkdir(parents=True, exist_ok=True)
    skipped = []
    for name, text in docs.items():
        try:
            data = KINDS[kind](text)
        except ValueError:
            skipped.append(name)
            continue
        (folder / name).write_bytes(data)
    return skipped


def dxclean_run(inp: Path, out: Path, *, workers: int = 1) -> dict[str, dict]:
    """``dxclean run IN OUT`` (this checkout's); records by file name."""
    exe = Path(sys.executable).with_name("dxclean")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "dxclean"]
    subprocess.run([*command, "run", str(inp), str(out), "--force", "-q", "--workers", str(workers)], check=True)
    records = {}
    with (out / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            records[Path(record["source_path"]).name] = record
    return records


def differences(clean: dict[str, dict], repaired: dict[str, dict]) -> list[tuple[str, str]]:
    """(document, what differs) for every document whose title or text is not the clean run's."""
    wrong = []
    for name, want in clean.items():
        got = repaired.get(name)
        if got is None:
            wrong.append((name, "missing"))
            continue
        for field in ("title", "text"):
            if got[field] != want[field]:
                wrong.append((name, f"{field}: {_first_difference(got[field] or '', want[field] or '')}"))
                break
    return wrong


def _first_difference(got: str, want: str) -> str:
    for index, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return f"got {got[max(0, index - 30):index + 40]!r}, want {want[max(0, index - 30):index + 40]!r}"
    return f"lengths {len(got)} and {len(want)}"


def check(docs: dict[str, str], kinds: list[str], work: Path, *, workers: int = 1) -> dict[str, dict]:
    """Per kind: documents written, restored exactly, and the first differences."""
    clean_in = work / "clean"
    clean_in.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (clean_in / name).write_text(text, encoding="utf-8")
    clean = dxclean_run(clean_in, work / "clean-out", workers=workers)
    report = {}
    for kind in kinds:
        skipped = write_kind(docs, kind, work / kind)
        repaired = dxclean_run(work / kind, work / f"{kind}-out", workers=workers)
        wrong = differences({n: r for n, r in clean.items() if n not in skipped}, repaired)
        report[kind] = {
            "documents": len(docs) - len(skipped),
            "restored": len(docs) - len(skipped) - len(wrong),
            "wrong": wrong[:5],
        }
    return report


def vietnews(limit: int) -> dict[str, str]:
    """The first ``limit`` VietNews validation articles, one .txt page each."""
    docs = {}
    with DATA.open(encoding="utf-8") as lines:
        for index, line in zip(range(limit), lines):
            docs[f"{index:05}.txt"] = json.loads(line)["text"]
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seeds", action="store_true", help="the five seeds instead of VietNews articles")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    if args.seeds:
        docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    else:
        docs = vietnews(args.docs)
    with tempfile.TemporaryDirectory(prefix="dxclean-kinds-") as tmp:
        report = check(docs, kinds, Path(tmp), workers=args.workers)
    print("| kind | documents | restored exactly |\n|---|---|---|")
    for kind, row in report.items():
        print(f"| `{kind}` | {row['documents']} | {row['restored']} |")
    for kind, row in report.items():
        for name, what in row["wrong"]:
            print(f"{kind} {name}: {what}")


if __name__ == "__main__":
    main()
