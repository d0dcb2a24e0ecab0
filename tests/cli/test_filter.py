"""--cross-doc drop leaves no empty documents; min_words / min_chars floors; the language filter."""

from __future__ import annotations

from pathlib import Path

from clisupport import ARTICLES, invoke, stats, write_texts
from support import read_jsonl

STUB = ["Tin ngắn", "Một câu duy nhất ở đây thôi."]


def corpus(tmp_path: Path) -> Path:
    a, b, c = ARTICLES
    return write_texts(tmp_path / "in", {
        "1.txt": a,
        "2.txt": a,  # a whole copy of 1.txt
        "3.txt": b + a[1:2],  # its own article, one paragraph copied from 1.txt
        "4.txt": c,
        "5.txt": STUB,
    })


def run_drop(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    code, output = invoke("run", corpus(tmp_path), out, "--workers", "1", "--cross-doc", "drop", *extra)
    return code, output, out


def test_whole_duplicates_are_gone_from_documents_and_accounted(tmp_path: Path):
    code, output, out = run_drop(tmp_path)
    assert code == 0, output
    docs = read_jsonl(out / "documents.jsonl")
    assert [d["source_path"] for d in docs] == ["1.txt", "3.txt", "4.txt", "5.txt"]
    assert all(d["text"] for d in docs)
    removed = read_jsonl(out / "removed.jsonl")
    gone = [r for r in removed if r["part"] == "document"]
    assert gone == [{"doc": "2.txt", "source_path": "2.txt", "position": None, "label": "duplicate", "step": "filter",
                     "reason": "every body paragraph is a duplicate of an earlier one", "text": "", "part": "document"}]
    assert {r["position"] for r in removed if r["doc"] == "2.txt" and r["part"] == "block"} == {0, 1, 2, 3}
    totals = stats(out)["totals"]
    assert totals["documents"] == 4 and totals["dropped"] == {"duplicate": 1}
    assert stats(out)["steps"]["filter"]["counters"] == {"dropped_duplicate": 1}
    assert "1 document left out (1 duplicate)" in output
    assert not (out / "text" / "2.txt").exists() and (out / "text" / "1.txt").exists()


def test_the_default_annotate_mode_keeps_every_document(tmp_path: Path):
    out = tmp_path / "out"
    assert invoke("run", corpus(tmp_path), out, "--workers", "1")[0] == 0
    assert len(read_jsonl(out / "documents.jsonl")) == 5 and stats(out)["totals"]["dropped"] == {}


def test_min_words_floor_from_the_command_line(tmp_path: Path):
    code, output, out = run_drop(tmp_path, "--min-words", "10")
    assert code == 0, output
    assert [d["source_path"] for d in read_jsonl(out / "documents.jsonl")] == ["1.txt", "3.txt", "4.txt"]
    lines = [r for r in read_jsonl(out / "removed.jsonl") if r["doc"] == "5.txt"]
    assert any(r["label"] == "filtered" and r["text"] == STUB[1] for r in lines)
    assert [r["reason"] for r in lines if r["part"] == "document"] == ["body has 7 words, fewer than min_words = 10"]
    assert stats(out)["totals"]["dropped"] == {"duplicate": 1, "min_words": 1}


def test_min_chars_floor_from_a_config_file(tmp_path: Path):
    config = tmp_path / "dx.toml"
    config.write_text('[filter]\nmin_chars = 40\n[dedup]\ncross_doc = "drop"\n', encoding="utf-8")
    out = tmp_path / "out"
    code, output = invoke("run", corpus(tmp_path), out, "--workers", "1", "--config", config)
    assert code == 0, output
    assert "5.txt" not in {d["source_path"] for d in read_jsonl(out / "documents.jsonl")}
    assert stats(out)["totals"]["dropped"] == {"duplicate": 1, "min_chars": 1}


def test_a_floor_without_the_filter_step_is_a_usage_error(tmp_path: Path):
    code, output = invoke("run", corpus(tmp_path), tmp_path / "out", "--steps", "encoding,chrome", "--min-words", "5")
    assert code == 2 and "need the `filter` step" in output


def test_languages_filter_drops_other_languages(tmp_path: Path):
    folder = write_texts(tmp_path / "in", {
        "vi.txt": ARTICLES[0],
        "en.txt": ["Council approves the new city budget",
                   "The city council approved the budget for next year after a long debate on Tuesday evening.",
                   "The plan raises spending on schools and public transport while cutting administrative costs."],
        "fr.txt": ["Le conseil municipal adopte le budget",
                   "Le conseil municipal a adopté mardi soir le budget de l'année prochaine après un long débat.",
                   "Le plan augmente les dépenses pour les écoles et les transports publics de la ville."],
    })
    out = tmp_path / "out"
    code, output = invoke("run", folder, out, "--workers", "1", "--languages", "vi,en")
    assert code == 0, output
    docs = read_jsonl(out / "documents.jsonl")
    assert {d["source_path"]: d["language"] for d in docs} == {"en.txt": "en", "vi.txt": "vi"}
    reasons = [r["reason"] for r in read_jsonl(out / "removed.jsonl") if r["part"] == "document"]
    assert reasons == ["language fr, not one of vi, en"]
    assert stats(out)["totals"]["dropped"] == {"language": 1}


def test_languages_option_is_checked(tmp_path: Path):
    code, output = invoke("run", corpus(tmp_path), tmp_path / "out", "--languages", "vietnamese")
    assert code == 2 and "ISO 639-1" in output


def test_the_report_of_a_run_with_documents_left_out_has_no_problems(tmp_path: Path):
    code, _, out = run_drop(tmp_path, "--min-words", "10", "--report")
    assert code == 0
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "did not match a document" not in index and "3.txt" in index
    assert "left out of documents.jsonl by the filter step (duplicate: 1, min_words: 1)" in index
