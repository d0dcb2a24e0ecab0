"""Lossy mojibake: UTF-8 decoded as cp1252 or cp1258 with ``errors="replace"``.

A Python scraper that trusts a ``windows-1252`` (or ``windows-1258``) label and
decodes with ``errors="replace"`` turns every byte the code page leaves undefined
into U+FFFD: "Đại học" becomes "Ä�áº¡i há»�c". The byte is lost, but not
unknowable: a U+FFFD inside a mojibake sequence stands for one of the few undefined
bytes (0x81 0x8D 0x8F 0x90 0x9D in cp1252; those and 0x8A 0x8E 0x9A 0x9E in cp1258).

Each word is tried with every candidate byte for each of its U+FFFDs. The readings
kept are those whose every word is a well-formed Vietnamese syllable (or plain
ASCII, or an acronym) in a possible case shape ("học", "HỌC", "Học", not "hỐc"),
with the fewest unusual characters (a closing quote ” before a zero-width joiner).
When more than one is left ("họ", "hề", "hỏ", "hờ"), the line decides: a syllable
bigram model (:mod:`.context`) scores every reading with its neighbours, and one
:data:`.context.RATIO` times as probable as any other, given the line, is kept
("chú hề", "của họ"). Failing that, the reading whose words the page itself spells
elsewhere, in a case none of the readings loses a byte in ("ĐỀ ÁN" in a heading
decides "đề" over "đỏ" in the body). When readings are still equally good the word
is left as it is and counted as ``lossy-ambiguous``: never a coin toss.

>>> repair_lossy("Ä\\ufffdáº¡i há»\\ufffdc", frozenset()).text
'Đại học'
>>> repair_lossy("Chiá»\\ufffdu", frozenset()).text
'Chiều'
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .context import ContextModel, choose
from .detect import is_syllable
from .legacy_choice import Line
from .tables import CP1252, CP1252_BYTE, CP1258, CP1258_BYTE

REPLACEMENT = "\ufffd"
#: Code page -> (character -> byte, the bytes it leaves undefined).
CODECS: dict[str, tuple[dict[str, int], tuple[int, ...]]] = {
    name: (byte_of, tuple(b for b in range(0x80, 0xA0) if table[b] == chr(b)))
    for name, table, byte_of in (("cp1252", CP1252, CP1252_BYTE), ("cp1258", CP1258, CP1258_BYTE))
}
_MAX_READINGS = 729  # 3 replaced bytes of cp1258 in one word; more is not a word
# Words of the decoded text: split on spaces and punctuation (as detect.score does).
_SEPARATORS = re.compile("[\\s!-/:-@\\[-`{-~“”‘’–—…]+")
# Characters Vietnamese web text is made of besides letters, digits and ASCII.
_USUAL = frozenset("“”‘’–—…•·°±×÷€£©®™§‰′″→←↑↓↔≤≥≠≈∞№₫\xa0")
_ACRONYM = re.compile("[A-ZĐ]+")
_SPACES = re.compile("([ \t]+)")
# What UTF-8's lead bytes 0xC2-0xF4 look like in either code page: a word with none is no mojibake.
_LEAD = re.compile("[" + re.escape("".join(sorted(set(CP1252[0xC2:0xF5] + CP1258[0xC2:0xF5])))) + "]")


@dataclass(frozen=True)
class LossyResult:
    """The line with what could be decided decoded; ambiguous words left as they were."""

    text: str
    repaired: int = 0  # U+FFFD characters replaced by the byte they stood for
    ambiguous: int = 0  # U+FFFD characters left, the line's words tied between readings
    left: int = 0  # words without a lost byte that look like mojibake but not of this code page


def is_lossy(text: str) -> bool:
    """Does ``text`` hold a U+FFFD inside what a code page could show as UTF-8 mojibake?"""
    return REPLACEMENT in text and any(_lossy_token(token, codec) for token in _tokens(text) for codec in CODECS)


def _tokens(text: str) -> list[str]:
    # ASCII bytes are never inside a UTF-8 sequence: a word between spaces decodes alone.
    return _SPACES.split(text)


def _lossy_token(token: str, codec: str) -> bool:
    byte_of = CODECS[codec][0]
    return REPLACEMENT in token and _LEAD.search(token) is not None and all(
        ch in byte_of or ch == REPLACEMENT for ch in token
    )


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The page's vocabulary: every word of ``texts`` without a U+FFFD, as spelled."""
    return frozenset(word for text in texts for word in _SEPARATORS.split(text) if word and REPLACEMENT not in word)


def repair_lossy(
    text: str, vocabulary: frozenset[str], memo: dict | None = None, model: ContextModel | None = None
) -> LossyResult:
    """Decode the lossy mojibake of a line (see the module), in the code page its other words are in.

    Words that are mojibake without a U+FFFD are decoded too; words that are not
    mojibake of that code page (correct text, a word left ambiguous before) stay.
    ``memo`` keeps the readings of words already seen (a page repeats its words: "về"
    a hundred times); ``model`` is the context model (the packaged one, read on first
    use, when None).
    """
    memo = {} if memo is None else memo
    model = ContextModel() if model is None else model
    results = []
    for codec in CODECS:  # cp1252 first, far the more common: it keeps a tie
        results.append(_repair(text, codec, vocabulary, memo, model))
        if results[-1].left == 0:
            break
    return min(results, key=lambda result: result.left)


def _repair(text: str, codec: str, vocabulary: frozenset[str], memo: dict, model: ContextModel) -> LossyResult:
    byte_of, undefined = CODECS[codec]
    tokens = _tokens(text)
    slots = []
    for token in tokens:
        key = (codec, token)
        if key not in memo:
            memo[key] = _token(token, codec, byte_of, undefined)
        slots.append(memo[key])
    # A word that cannot be read is an unknown word between its neighbours.
    words = [i for i, token in enumerate(tokens) if not _SPACES.fullmatch(token)]
    picks = choose([slots[i][0] or (REPLACEMENT,) for i in words], model)
    chosen: list[int | None] = [0] * len(tokens)
    for i, pick in zip(words, picks):
        chosen[i] = pick
    out: list[str] = []
    repaired = ambiguous = left = 0
    for token, (readings, holes, unreadable), pick in zip(tokens, slots, chosen):
        reading = None
        if readings is not None:
            reading = readings[pick] if pick is not None else _by_page(list(readings), undefined, vocabulary)
        out.append(token if reading is None else reading)
        left += unreadable
        if reading is None:
            ambiguous += holes
        else:
            repaired += holes
    return LossyResult(unicodedata.normalize("NFC", "".join(out)), repaired, ambiguous, left)


def _token(
    token: str, codec: str, byte_of: dict[str, int], undefined: tuple[int, ...]
) -> tuple[tuple[str, ...] | None, int, bool]:
    """(the readings or None, U+FFFDs in the word, mojibake this code page does not read)."""
    if _lossy_token(token, codec):
        holes = token.count(REPLACEMENT)
        return readings_of(token, byte_of, undefined), holes, False
    decoded = _decode(token, byte_of, ()) if REPLACEMENT not in token else None
    if decoded is None or not _LEAD.search(token):
        return (token,), 0, REPLACEMENT in token or (_LEAD.search(token) is not None and not _is_text(token))
    return (decoded,), 0, False


def _is_text(token: str) -> bool:
    """A word that is already right: well-formed Vietnamese, or any word without Latin-1 look-alikes."""
    return all(is_syllable(word) or not _LEAD.search(word) for word in _SEPARATORS.split(token) if word)


def _decode(token: str, byte_of: dict[str, int], fill: tuple[int, ...]) -> str | None:
    holes = iter(fill)
    try:
        data = bytes(next(holes) if ch == REPLACEMENT else byte_of[ch] for ch in token)
        return data.decode("utf-8")
    except (UnicodeDecodeError, StopIteration, KeyError):
        return None


def readings_of(token: str, byte_of: dict[str, int], undefined: tuple[int, ...]) -> tuple[str, ...] | None:
    """The best readings of a lossy word (sorted): every word well-formed, fewest unusual
    characters; None when none is well-formed or there are too many to try."""
    holes = token.count(REPLACEMENT)
    if len(undefined) ** holes > _MAX_READINGS:
        return None
    ranked: dict[tuple[int, int], set[str]] = {}  # rank -> readings
    for fill in itertools.product(undefined, repeat=holes):
        decoded = _decode(token, byte_of, fill)
        if decoded is None:
            continue
        reading = unicodedata.normalize("NFC", decoded)
        ranked.setdefault(_rank(reading), set()).add(reading)
    if not ranked:
        return None
    top = max(ranked)
    if top[0] < 0:  # a broken word in every reading
        return None
    return tuple(sorted(ranked[top]))


_CASES = (str.lower, str.upper, str.capitalize)


def _by_page(readings: list[str], undefined: tuple[int, ...], vocabulary: frozenset[str]) -> str | None:
    """The one reading whose words the page spells elsewhere, in a case every reading could be
    spelled in undamaged ("ĐỀ ÁN" in a heading decides "Đề" over "Đỏ" in the body; "vị"
    in the body says nothing about "về", whose lower case is always damaged)."""
    lost = frozenset(undefined)
    if len({len(reading) for reading in readings}) > 1:
        return None
    # The letters the readings differ in ("ề" and "ỏ"): a case in which all of them are
    # spelled without a lost byte is one the page can show ("Ề", "Ỏ": upper case).
    differing = [chars for chars in zip(*readings) if len(set(chars)) > 1]
    fair = [case for case in _CASES if all(lost.isdisjoint(case(ch).encode("utf-8")) for chars in differing for ch in chars)]
    if not fair:
        return None
    counts = [(sum(case(word) in vocabulary for case in fair for word in _SEPARATORS.split(r) if word), r) for r in readings]
    most = max(count for count, _ in counts)
    chosen = [reading for count, reading in counts if count == most]
    return chosen[0] if len(chosen) == 1 and most > 0 else None


def _rank(reading: str) -> tuple[int, int]:
    """(minus the broken words, minus the unusual characters): higher is better."""
    broken = 0
    for word in _SEPARATORS.split(reading):
        if not word:
            continue
        if word.isascii() or _ACRONYM.fullmatch(word) or any(ch.isdigit() for ch in word):
            continue
        if not (is_syllable(word) and _case_shape(word)):
            broken += 1
    unusual = sum(
        1 for ch in reading if not (ch.isascii() or ch.isalnum() or ch in _USUAL or unicodedata.category(ch) == "Mn")
    )
    return (-broken, -unusual)


def _case_shape(word: str) -> bool:
    """lower, UPPER or Capitalised: a capital inside a lower-case word is no writing."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def repair_lossy_lines(broken: list[Line], lines: list[Line], model: ContextModel | None = None) -> None:
    """Decode lossy mojibake (:mod:`.lossy`): once on its own, then again with the words of
    the whole page (the other lines and what the first round decoded) as evidence."""
    memo: dict = {}
    model = ContextModel() if model is None else model
    results = [repair_lossy(line.text, frozenset(), memo, model) for line in broken]
    if any(result.ambiguous for result in results):
        decoded = {id(line): result.text for line, result in zip(broken, results)}
        vocabulary = words_of(decoded.get(id(line), line.text) for line in lines)
        results = [repair_lossy(line.text, vocabulary, memo, model) if r.ambiguous else r for line, r in zip(broken, results)]
    for line, result in zip(broken, results):
        if result.text != line.text:
            line.repairs.add("mojibake")
        if result.repaired:
            line.repairs.add("lossy")
        if result.ambiguous:
            line.repairs.add("lossy-ambiguous")
        line.text = result.text
