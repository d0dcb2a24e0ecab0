"""The plain-line fast path of ``repair_texts`` (ASCII and typographic punctuation skip the
analysis unless the page may be VIQR) gives exactly what the full analysis gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxclean.encoding import repair
from dxclean.encoding.fast_path import is_plain, viqr_possible
from dxclean.encoding.repair import repair_texts
from dxclean.testing import corrupted_texts, hostile_texts, sentences

PLAIN_LINES = st.text(alphabet=st.sampled_from(list("abcdefghiouy AEIOU.?'`~(^+-dD,;:!\"") + list("“”‘’–—…•€™")),
                      max_size=80)


def full_analysis(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as patch:
        patch.setattr(repair, "is_plain", lambda text: False)
        return repair_texts(texts)


@given(page=st.lists(st.one_of(PLAIN_LINES, sentences(language="en"), sentences(),
                               corrupted_texts().map(lambda triple: triple[1]), hostile_texts()),
                     min_size=1, max_size=8))
def test_fast_path_gives_what_the_full_analysis_gives(page, monkeypatch_module):
    assert repair_texts(page) == full_analysis(page, monkeypatch_module)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_sparse_viqr_lines_follow_a_viqr_page():
    """A VIQR page: the dense lines make the verdict, and a plain line with one mark takes it too."""
    page = ["Thu? tu+o+'ng Chi'nh phu? chu? tri` cuo^.c ho.p", "Ba'o ca'o cu?a Bo^.", "Ho^m nay"]
    assert viqr_possible(page[0]) and is_plain(page[1])
    fixed = [r.text for r in repair_texts(page)]
    assert fixed[0] == "Thủ tướng Chính phủ chủ trì cuộc họp"
    assert fixed[1] == "Báo cáo của Bộ"


def test_english_page_lines_are_plain_and_not_viqr():
    page = ["Want to see how it works? Learn more here.", "It’s “done” — really, you’re right."]
    assert all(is_plain(line) and not viqr_possible(line) for line in page)
    assert [r.text for r in repair_texts(page)] == page


@pytest.mark.parametrize("line", ["Thá»§ tÆ°á»›ng", "caf&eacute;", "ChÝnh phñ", "Thuû töôùng", "BOÃ”", "a\u200bb"])
def test_lines_that_may_need_repair_are_not_plain(line):
    assert not is_plain(line)
