"""Lossy mojibake decided by context (:mod:`dxclean.encoding.context`): sentences of our own,
each with a word whose lost byte has several well-formed readings that word frequency cannot
tell apart; known failures are strict xfails (they must start passing to be removed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dxclean.encoding.context import BOUNDARY, ContextModel, choose, posteriors, units
from dxclean.encoding.context_build import build, confusable
from dxclean.encoding.repair import repair_text

CASES = json.loads((Path(__file__).with_name("lossy_context_cases.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def model() -> ContextModel:
    return ContextModel()


def _params():
    for case in CASES:
        for codec in ("cp1252", "cp1258"):
            if "\ufffd" not in case["text"].encode("utf-8").decode(codec, "replace"):
                continue  # nothing lost in that code page
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
            yield pytest.param(case["text"], codec, id=f"{codec}-{case['text'][:30]}", marks=marks)


@pytest.mark.parametrize(("text", "codec"), list(_params()))
def test_context_decides(text: str, codec: str, model: ContextModel) -> None:
    broken = text.encode("utf-8").decode(codec, "replace")
    assert "\ufffd" in broken
    result = repair_text(broken, context=model)
    assert result.text == text
    assert "lossy-ambiguous" not in result.repairs


def test_every_case_has_a_word_frequency_cannot_decide() -> None:
    # Each case holds a word with another well-formed reading of its lost bytes (why context is needed).
    for case in CASES:
        assert any(len(confusable(word)) > 1 for word in units(case["text"]) if word != BOUNDARY), case


def test_units_mark_punctuation_as_boundaries() -> None:
    assert units("“Họ về”, rồi đi.") == [BOUNDARY, "họ", "về", BOUNDARY, "rồi", "đi", BOUNDARY]
    assert units("năm 2024 và 3,5 %") == ["năm", "<num>", "và", "<num>", BOUNDARY, "<num>", BOUNDARY]
    assert units("x\ufffdy") == ["<unk>"]


def _tiny_model(tmp_path: Path, lines: list[str], **options) -> ContextModel:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": line}, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    data = build(corpus, 0, None, 1, 1)
    assert data == build(corpus, 0, None, 1, 1)  # deterministic bytes
    path = tmp_path / "model.tsv.gz"
    path.write_bytes(data)
    return ContextModel(path, **options)


def test_the_model_follows_its_corpus(tmp_path: Path) -> None:
    # Two corpora that pair "chú" with opposite readings: the choice follows the counts.
    clown = _tiny_model(tmp_path, ["chú hề diễn"] * 30 + ["họ nói"] * 30)
    slots = [["chú"], ["hề", "họ", "hỏ", "hờ"], ["diễn"]]
    assert choose(slots, clown) == [0, 0, 0]
    (tmp_path / "b").mkdir()
    them = _tiny_model(tmp_path / "b", ["chú họ diễn"] * 30 + ["hề nói"] * 30)
    assert choose(slots, them) == [0, 1, 0]


def test_two_damaged_words_side_by_side_are_decided_together(tmp_path: Path) -> None:
    model = _tiny_model(tmp_path, ["họ về nhà"] * 40 + ["hề"] * 5 + ["vỏ"] * 5)
    slots = [["họ", "hề"], ["về", "vỏ"], ["nhà"]]
    probabilities = posteriors(slots, model)
    assert probabilities[0][0] > 0.95 and probabilities[1][0] > 0.95
    assert sum(probabilities[0]) == pytest.approx(1.0) and sum(probabilities[1]) == pytest.approx(1.0)


def test_no_clear_winner_is_no_choice(tmp_path: Path) -> None:
    model = _tiny_model(tmp_path, ["chú hề"] * 10 + ["chú họ"] * 10)
    assert choose([["chú"], ["hề", "họ"]], model) == [0, None]


def test_the_model_is_read_on_first_use_and_checked(tmp_path: Path) -> None:
    lazy = ContextModel()
    assert lazy._counts is None  # nothing read until a lossy line needs it
    assert lazy.count("về") > 1000 and lazy._counts is not None
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(gzip.compress(b"something else\n"))
    with pytest.raises(ValueError):
        ContextModel(bad).count("về")


def test_the_packaged_model_is_small() -> None:
    from importlib import resources

    data = resources.files("dxclean.encoding").joinpath("data", "lossy_context.tsv.gz").read_bytes()
    assert len(data) < 2_000_000
