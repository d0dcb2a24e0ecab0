"""Broken text -> correct NFC Unicode, never touching text that was already right.

Each line goes through these stages, in this order for a reason each:

1. fast path: NFC text made only of ASCII, Vietnamese letters and common
   punctuation, with a Unicode-only Vietnamese letter (or plain ASCII with no
   VIQR marks), is already right and skips everything (this is why clean text
   is repaired faster than ftfy alone reads it);
2. HTML character references (``&#7911;``, ``&amp;#7911;``), before any
   decoding since they may spell mojibake themselves;
3. UTF-8 read as Windows-1258, on the whole line, before ftfy (which half-fixes it);
4. quick path: UTF-8 mojibake runs decoded in place (also doubled, also one
   word in a correct sentence), NFC, debris: if that leaves clean Vietnamese,
   done, without ftfy;
5. legacy encodings (TCVN3, VNI, Windows-1258 bytes, VIQR), only for lines
   with no Unicode-only Vietnamese letter, chosen by Vietnamese syllable
   structure (:mod:`.detect`) against the line as it is (:mod:`.legacy_choice`);
6. ftfy for everything else, without uncurling quotes, and its re-decoding
   refused when it turns well-formed syllables into broken ones;
7. invisible debris (BOM, zero-width characters, soft hyphens, odd spaces,
   controls) last, because a soft hyphen is the TCVN3 byte of "ư"; then NFC.

Detection is per line; a document (:func:`repair_texts`) lends its lines'
verdict to short lines that cannot decide alone ("Thu?" is VIQR on a VIQR page).

>>> repair_text("Thá»§ tÆ°á»›ng").text
'Thủ tướng'
>>> repair_text("Thñ t\\xadíng ChÝnh phñ").repairs
('tcvn3',)
>>> repair_text("Thủ tướng “Chính phủ”").repairs
()
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ftfy

from .detect import UNICODE_ONLY, garbled_words, has_other_script, mixed_script_words, score
from .entities import has_references, unescape_references
from .fast_path import MOJIBAKE_PAIR, edges_as_read, is_clean, is_plain, viqr_possible
from .invisible import clear_debris
from .legacy_choice import Line, detect_legacy, final_form, keep_stored_case
from .context import ContextModel
from .lossy import is_lossy, repair_lossy_lines
from .mojibake import fix_utf8_runs, utf8_as_cp1258_decode

if TYPE_CHECKING:
    from ..config import EncodingConfig

# restore_byte_a0 reads "Ã " as "à" whose no-break space became a space: it
# turns correct capitals ("NGÃ BA") into mojibake repairs, so it is off. So are the
# fixers that rewrite correct text: fix_character_width (full-width CJK punctuation
# "，（）" and digits, half-width katakana) and fix_latin_ligatures ("ﬁ").
_KEEP_CORRECT = {"uncurl_quotes": False, "fix_character_width": False, "fix_latin_ligatures": False}
_FTFY = ftfy.TextFixerConfig(unescape_html=False, restore_byte_a0=False, explain=False, **_KEEP_CORRECT)
_FTFY_OFF = ftfy.TextFixerConfig(unescape_html=False, fix_encoding=False, explain=False, **_KEEP_CORRECT)

#: Legacy candidates in the order that wins a tie.
LEGACY_KINDS = ("tcvn3", "vni", "cp1258", "viqr")


@dataclass(frozen=True)
class RepairResult:
    """The repaired text and the kinds of repair applied (sorted, no repeats)."""

    text: str
    repairs: tuple[str, ...] = ()


def _no_better(fixed: str, quick: str, before: str) -> bool:
    """Did ftfy's extra decoding leave the words no better (worse, or as good and as split)?

    "Ã”ng" -> "Ông" is as good a syllable count but joins a word mojibake had split: better.
    Other scripts have no Vietnamese syllables to count: there, fewer garbled words
    ("в" for "Ð²") is better, and words mixing scripts that ``before`` did not
    have ("ÞñщõÑ") are always worse, whatever single letters look Vietnamese.
    """
    fixed, quick = clear_debris(fixed)[0], clear_debris(quick)[0]
    if fixed == quick:
        return False
    if mixed_script_words(fixed) > mixed_script_words(clear_debris(before)[0]):
        return True
    after, prior = score(fixed), score(quick)
    if after.value != prior.value:
        return after.value < prior.value
    return after.words >= prior.words and garbled_words(fixed) >= garbled_words(quick)


def _runs_decoded(text: str, *, use_ftfy: bool) -> str:
    """``text`` with its UTF-8 mojibake runs decoded (also doubled), not normalised."""
    if use_ftfy and MOJIBAKE_PAIR.search(text):
        for _ in range(3):  # mojibake of mojibake of mojibake at most
            again = fix_utf8_runs(text)
            if again == text:
                break
            text = again
    return text


def _quick_fix(line: Line, *, use_ftfy: bool) -> str | None:
    """Decode UTF-8 mojibake runs (also doubled), NFC and debris; None if that made the line right.

    Most broken Unicode text is only that, and this is several times faster
    than ftfy. Otherwise the line is left as it was, and the NFC text with the
    runs decoded is returned, as the reading legacy decodings must beat.
    """
    text = _runs_decoded(line.text, use_ftfy=use_ftfy)
    composed = unicodedata.normalize("NFC", text)
    if UNICODE_ONLY.search(composed) is None:
        return composed  # maybe a legacy encoding: the full way decides
    cleared, debris = clear_debris(composed)
    if not is_clean(cleared):
        return composed
    if text != line.text:
        line.repairs.add("mojibake")
    if composed != text:
        line.repairs.add("nfc")
    line.repairs.update(debris)
    line.text = cleared
    return None


def _analyse(text: str, options: EncodingConfig | None) -> Line:
    """Repair one line that is not clean (see :func:`.fast_path.is_clean`)."""
    line = Line(text)
    html_entities = options.html_entities if options is not None else True
    legacy = options.legacy if options is not None else True
    use_ftfy = options.ftfy if options is not None else True
    if html_entities and has_references(line.text):
        line.text = unescape_references(line.text)
        line.repairs.add("html_entities")
    decoded = utf8_as_cp1258_decode(line.text) if legacy else None
    if decoded is not None and score(decoded).value >= score(line.text).value:
        line.text = decoded
        line.repairs.add("utf8_as_cp1258")
    before = line.text
    quick = _quick_fix(line, use_ftfy=use_ftfy)
    if quick is None:
        return line
    # Legacy encodings hold Latin letters only: a Unicode-only Vietnamese letter, or
    # one of another script ("Ð’ правительство"), says the line is Unicode already.
    legacy_possible = (
        legacy
        and UNICODE_ONLY.search(before) is None
        and UNICODE_ONLY.search(quick) is None
        and not has_other_script(before)
    )
    if legacy_possible:
        decoded = detect_legacy(line, before, quick)
        if decoded is not None:
            line.text = decoded
            return line
    fixed = ftfy.fix_text(before, _FTFY if use_ftfy else _FTFY_OFF)
    if MOJIBAKE_PAIR.search(fixed):  # a broken word or sentence in correct text
        fixed = fix_utf8_runs(fixed)
    if use_ftfy and fixed != quick and _no_better(fixed, quick, before):
        # ftfy re-decoded more than the quick path did without making any word
        # better Vietnamese ("BOÃ”" is not mojibake of "BOÔ", nor "ROÃ " of "ROà"):
        # keep the text, with only ftfy's other fixes.
        fixed = ftfy.fix_text(before, _FTFY_OFF)
    if legacy_possible and fixed != before and UNICODE_ONLY.search(fixed) is None and not has_other_script(fixed):
        # ftfy changed a line that may be legacy text (C1 controls to quotes,
        # say): judge its output too, or a second repair would decide differently.
        # Judged as a second repair would judge it: against its runs decoded.
        again = clear_debris(fixed)[0]
        runs = unicodedata.normalize("NFC", _runs_decoded(again, use_ftfy=use_ftfy))
        decoded = detect_legacy(line, again, runs)
        if decoded is not None:
            line.text = decoded
            return line
    if fixed != before:
        line.repairs.update(_kinds_of(before, fixed))
    line.text = fixed
    return line


def _kinds_of(before: str, fixed: str) -> set[str]:
    """Name what ftfy did: NFC, debris removal (it drops some controls itself), or mojibake."""
    composed = unicodedata.normalize("NFC", before)
    kinds = {"nfc"} if composed != before else set()
    cleared, debris = clear_debris(composed)
    if composed == fixed or cleared == clear_debris(fixed)[0]:
        return kinds | set(debris)
    return kinds | {"mojibake"}


def _finish(line: Line) -> RepairResult:
    text, debris = clear_debris(line.text)
    line.repairs.update(debris)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        line.repairs.add("nfc")
    return RepairResult(text, tuple(sorted(line.repairs)))


#: Repairs of a page's repair at most (text still broken after one repair settles in one more).
_SETTLE_ROUNDS = 2


def repair_texts(
    texts: Sequence[str], *, config: EncodingConfig | None = None, context: ContextModel | None = None
) -> list[RepairResult]:
    """Repair the blocks of one document, each on its own evidence plus the document's.

    A line whose legacy decoding is better but not decisively so is decoded when
    the document's decisive lines agree on that encoding.

    Repairing the result changes nothing (dxclean run on its own output): text
    that is still broken after a repair (mojibake whose C1 bytes were lost, whose
    soft hyphens and no-break spaces -- bytes of it -- the repair cleared) can read
    differently the second time, so such a page is repaired again until it
    settles. Text that came out clean reads the same again and costs nothing more.

    ``context`` is the model lossy mojibake is decided with (:mod:`.context`); pass one
    to repair many documents, or the packaged one is read for each that needs it.
    """
    if context is None and any(is_lossy(text) for text in texts):
        context = ContextModel()  # one for the page and its settling rounds
    results = _repair_page(texts, config, context)
    for _ in range(_SETTLE_ROUNDS):
        if all(r.text == text or is_clean(r.text) for r, text in zip(results, texts)):
            break
        again = _repair_page([r.text for r in results], config, context)
        if all(a.text == r.text for a, r in zip(again, results)):
            break
        texts = [r.text for r in results]
        results = [RepairResult(a.text, tuple(sorted({*r.repairs, *a.repairs}))) for r, a in zip(results, again)]
    return results


def _repair_page(
    texts: Sequence[str], config: EncodingConfig | None, context: ContextModel | None
) -> list[RepairResult]:
    # A plain line (ASCII and typographic punctuation) can only be VIQR, and VIQR is
    # applied only on a page where some line is dense with VIQR marks: otherwise the
    # English "Learn more here." (an "e." sign) needs no analysis.
    viqr_page: bool | None = None  # decided on the first plain line that needs it
    lines = []
    lossy = []  # lines of lossy mojibake: decoded last, with the page's words as evidence
    for text in texts:
        if is_clean(text):
            lines.append(Line(text))
            continue
        if is_lossy(text):
            lossy.append(len(lines))
            lines.append(Line(text))
            continue
        if is_plain(text):
            if viqr_page is None:
                viqr_page = any(viqr_possible(unescape_references(t) if has_references(t) else t) for t in texts)
            if not viqr_page:
                lines.append(Line(text))
                continue
        lines.append(_analyse(text, config))
    verdicts = Counter(line.legacy for line in lines if line.decisive)
    if verdicts:
        dominant = max(LEGACY_KINDS, key=lambda kind: (verdicts[kind], -LEGACY_KINDS.index(kind)))
        # When most of the page is in that encoding, every line with a reading in
        # it takes that reading; otherwise (a Unicode page quoting one legacy
        # paragraph) only lines that read better that way and had no verdict.
        unicode_lines = sum(1 for text in texts if UNICODE_ONLY.search(text))
        whole_page = verdicts[dominant] > unicode_lines
        for line in lines:
            if line.legacy == dominant or dominant not in line.readings:
                continue
            decoded, better = line.readings[dominant]
            if not whole_page and (line.decisive or not better):
                continue
            if not better and "mojibake" in line.repairs:
                # UTF-8 mojibake decoded is evidence of its own: the page's legacy
                # encoding takes the line only when its reading is better Vietnamese.
                continue
            line.text = final_form(line, dominant, decoded)
            line.repairs.difference_update(("mojibake", "nfc", *LEGACY_KINDS))
            line.repairs.add(dominant)
            line.legacy = dominant
    keep_stored_case(lines)
    if lossy:
        repair_lossy_lines([lines[index] for index in lossy], lines, context)
    return [_finish(line) for line in lines]


_NEWLINE = re.compile(r"\r\n?")


def repair_text(
    text: str, *, config: EncodingConfig | None = None, context: ContextModel | None = None
) -> RepairResult:
    """Repair ``text``; lines (``\\n``-separated) are detected one by one, in context."""
    if is_clean(text):  # the fast path, for the whole text at once
        return RepairResult(text)
    newlines = ()
    if "\r" in text:
        text = _NEWLINE.sub("\n", text)
        newlines = ("newlines",)
    results = repair_texts(text.split("\n"), config=config, context=context)
    repairs = sorted(set(newlines).union(*(r.repairs for r in results)))
    return RepairResult("\n".join(r.text for r in results), tuple(repairs))


def fix_text(text: str) -> str:
    """Repaired text only.

    >>> fix_text("Thuû töôùng")
    'Thủ tướng'
    """
    return repair_text(text).text
