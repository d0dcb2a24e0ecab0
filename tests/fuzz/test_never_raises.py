"""dxclean never raises, whatever the input; every input becomes a document or an error line.

Each property runs twice: on the spine alone (readers + writer, no steps) and on the
default pipeline (skipped, naming the step, until every default step imports).
"""

from __future__ import annotations

import gzip

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxclean.config import Config
from dxclean.schema import document_schema
from dxclean.testing import hostile_bytes, hostile_texts, html_ish, jsonl_lines

from fuzz.runs import Output, dxclean_run, fuzz_config, skip_unless_pipeline

SCHEMA = document_schema()
PIPELINES = {"spine": lambda: fuzz_config(steps=[]), "default": fuzz_config}


@pytest.fixture(scope="module", params=sorted(PIPELINES))
def config(request) -> Config:
    config = PIPELINES[request.param]()
    skip_unless_pipeline(config)
    return config


def check_accounting(output: Output, expected_sources: list[str]) -> None:
    """Exit 0/1/3; each expected source path is exactly one document or one error line."""
    seen = [d["source_path"] for d in output.documents] + [e["source_path"] for e in output.errors]
    assert sorted(seen) == sorted(expected_sources)
    # 0: no error; 1: some inputs failed; 3: every input failed (no document at all)
    assert output.exit_code == ((1 if output.documents else 3) if output.errors else 0)
    for error in output.errors:
        assert error["kind"] and error["reason"].strip()
    for doc in output.documents:
        jsonschema.validate(doc, SCHEMA)


@given(text=hostile_texts())
def test_arbitrary_text_file(config: Config, text: str):
    with dxclean_run({"page.txt": text.encode("utf-8", "surrogatepass")}, config) as output:
        check_accounting(output, ["page.txt"])


@given(data=hostile_bytes())
def test_arbitrary_bytes_with_a_text_extension(config: Config, data: bytes):
    with dxclean_run({"page.txt": data}, config) as output:
        check_accounting(output, ["page.txt"])


@given(markup=html_ish(), gzipped=st.booleans())
def test_arbitrary_html_ish_markup(config: Config, markup: str, gzipped: bool):
    data = markup.encode("utf-8", "surrogatepass")
    name = "page.html.gz" if gzipped else "page.html"
    with dxclean_run({name: gzip.compress(data, mtime=0) if gzipped else data}, config) as output:
        check_accounting(output, [name])


@given(lines=st.lists(jsonl_lines(), max_size=8), gzipped=st.booleans())
def test_arbitrary_jsonl_lines(config: Config, lines: list[str], gzipped: bool):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    name = "records.jsonl.gz" if gzipped else "records.jsonl"
    expected = [f"{name}#{n}" for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    with dxclean_run({name: gzip.compress(data, mtime=0) if gzipped else data}, config) as output:
        check_accounting(output, expected)
        for doc in output.documents:
            assert doc["source_path"] in expected
