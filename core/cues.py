"""Conversation cues: ordinals, "more", "only", "cancel"... in eight languages.

The word lists are data (data/dialogue/<lang>.yml); this module only matches them. Chinese,
Japanese and Korean entries match anywhere in a message (no spaces to split on), except
one-character ones, which must end it ("次", "那杭州呢"); the others match whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import yaml

from core.settings import LOCALES, ROOT

CUE_DIR = ROOT / "data" / "dialogue"
# The cues of a question about one company: where it is, its booth, how to reach it.
ASKING_OF_A_COMPANY = ("booth", "where", "contact")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_HAN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}
# Positions written with digits, whatever the language: "#3", "No. 3", "第3家", "3つ目", "3번째".
_NUMBER_WORDS = (
    r"(?:^|\s)(?:#|no\.?\s*|nr\.?\s*|n°\s*|núm(?:ero)?\.?\s*|numéro\s*|numero\s*|number\s*"
    r"|nummer\s*|номер[а-я]*\s*|番号\s*|번호\s*)"
    r"(\d{1,2})\b"
)
# A number after a word for "number": a list position whatever the model made of it.
_AFTER_NUMBER_WORD = re.compile(_NUMBER_WORDS, re.IGNORECASE)
_NUMBERED = re.compile(
    _NUMBER_WORDS
    + r"|第\s*(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*(?:个|個|家|条|條|位|项|項|场|場|名|番|つ)?"
    r"|(\d{1,2})\s*(?:つ目|番目|번째|번\b|번 )"
    r"|\b(\d{1,2})\s*(?:st|nd|rd|th|er|e|ème|eme|º|ª|-?(?:й|я|ю|е|го|ой))\b",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")
# Where one sentence of a message ends and the next starts: ".", "!" or "?" and a space (not
# "z.B." or "10.5"), or a Chinese or Japanese full stop.
SENTENCE_BREAK = re.compile(r"[.!?]+\s+(?=\S)|[。！？]+")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


@dataclass(frozen=True)
class Lexicon:
    ordinals: dict[str, int]
    lists: dict[str, tuple[str, ...]]


@cache
def lexicon(locale: str) -> Lexicon:
    path = CUE_DIR / f"{locale}.yml"
    data = yaml.safe_load(path.read_text("utf-8")) if path.exists() else {}
    ordinals = {fold(str(k)): int(v) for k, v in (data.pop("ordinals", None) or {}).items()}
    lists = {
        key: tuple(
            dict.fromkeys(form for v in values or () for form in _typed(fold(str(v)), locale))
        )
        for key, values in data.items()
    }
    return Lexicon(ordinals=ordinals, lists=lists)


# German typed on a keyboard without umlauts: "fuer unsere Roesterei".
_UMLAUTS_TYPED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def typed_without_umlauts(text: str) -> str:
    """Folded German as typed on a keyboard without umlauts: "für" -> "fuer"."""
    return text.translate(_UMLAUTS_TYPED)


def _typed(phrase: str, locale: str) -> tuple[str, ...]:
    """A cue as listed, and in German as typed without umlauts too."""
    if locale != "de":
        return (phrase,)
    return tuple(dict.fromkeys((phrase, typed_without_umlauts(phrase))))


def _found(text: str, phrase: str) -> bool:
    if _CJK.search(phrase) and len(phrase) == 1:
        # a particle: the message's last character ("那杭州呢？")
        return re.sub(r"[\W_]+", "", text).endswith(phrase)
    return _search(text, phrase) is not None


def _locales(locale: str) -> tuple[str, ...]:
    """The person's language first, and English, which everyone mixes in ("next", "ok")."""
    return (locale, "en") if locale in LOCALES and locale != "en" else ("en",)


def phrases(key: str, locale: str) -> frozenset[str]:
    """The cues of this kind in the person's language and English, folded."""
    return frozenset(
        phrase for code in _locales(locale) for phrase in lexicon(code).lists.get(key, ())
    )


def has(text: str, key: str, locale: str) -> bool:
    """Whether the message holds a cue of this kind (more, only, cancel...)."""
    return find(text, key, locale) is not None


def has_any(text: str, keys: Iterable[str], locale: str) -> bool:
    """Whether the message holds a cue of any of these kinds (where, booth, contact...)."""
    return any(has(text, key, locale) for key in keys)


def find(text: str, key: str, locale: str) -> str | None:
    """The longest cue of this kind in the message, as listed ("day after tomorrow")."""
    folded = fold(text)
    found = [
        phrase
        for code in _locales(locale)
        for phrase in lexicon(code).lists.get(key, ())
        if _found(folded, phrase)
    ]
    return max(found, key=len) if found else None


def first_at(text: str, key: str, locale: str) -> int | None:
    """Where in the message (folded) the first cue of this kind starts."""
    starts = [found.start() for found in _occurrences(fold(text), key, locale)]
    return min(starts) if starts else None


def after(text: str, key: str, locale: str) -> str | None:
    """What the message says after its first cue of this kind ("busco a" → the rest)."""
    folded = fold(text)
    ends = [found.end() for found in _occurrences(folded, key, locale)]
    if not ends or len(folded) != len(text):
        return None
    return text[min(ends) :].strip() or None


def ends(text: str, key: str, locale: str) -> list[int]:
    """Where in the message each cue of this kind ends, none when folding changed its
    length (the positions would not be the text's)."""
    folded = fold(text)
    if len(folded) != len(text):
        return []
    return sorted(found.end() for found in _every_occurrence(folded, key, locale))


def refused_after(text: str, end: int, locale: str) -> bool:
    """Whether words refusing what a text names before `end` follow it: "간식 말고",
    "제약회사 말고요", "刀具类的就不用推荐了", "сидр не предлагать"."""
    return said_after(text, end, "not_wanted_after", locale) is not None


def refusals_after(text: str, locale: str) -> Iterator[re.Match[str]]:
    """Each place in a message where words refuse what it names before them, from the
    particles that may come first: "类的就不用推荐了" of "刀具类的就不用推荐了"."""
    return _refusals(locale).finditer(text)


@cache
def _refusals(locale: str) -> re.Pattern[str]:
    """`_said_after`'s cues anywhere in a text: words of spaced scripts whole ("не надо",
    not the end of "ненадолго")."""
    cues = phrases("not_wanted_after", locale)
    if not cues:
        return re.compile("(?!)")
    gaps = {w for kind in ("particles", "firm_words") for w in phrases(kind, locale)}
    skip = "|".join(re.escape(w) for w in sorted(gaps, key=len, reverse=True) if _CJK.search(w))
    words = "|".join(
        re.escape(w) if _CJK.search(w) else rf"(?<!\w){re.escape(w)}(?!\w)"
        for w in sorted(cues, key=len, reverse=True)
    )
    gap = rf"(?:(?:{skip})\s*){{0,3}}" if skip else ""
    return re.compile(rf"{gap}(?:{words})", re.IGNORECASE)


def said_after(
    text: str,
    end: int,
    key: str,
    locale: str,
    *,
    between: tuple[str, ...] = ("particles", "firm_words"),
) -> re.Match[str] | None:
    """A cue of this kind said right after text[:end], past up to three of the Chinese,
    Japanese or Korean words the `between` kinds hold (particles, words for firms):
    "日本の会社以外", "한국 회사는 빼고", "刀具类的就不用推荐了"."""
    return _said_after(key, between, locale).match(text, end)


@cache
def _said_after(key: str, between: tuple[str, ...], locale: str) -> re.Pattern[str]:
    cues = phrases(key, locale)
    if not cues:
        return re.compile("(?!)")
    gaps = {w for kind in between for w in phrases(kind, locale)}
    # Words of spaced scripts whole ("Американских поставщиков не надо").
    skip = "|".join(
        re.escape(w) if _CJK.search(w) else rf"{re.escape(w)}(?!\w)"
        for w in sorted(gaps, key=len, reverse=True)
    )
    words = "|".join(re.escape(w) for w in sorted(cues, key=len, reverse=True))
    gap = rf"(?:\s*(?:{skip})){{0,3}}" if skip else ""
    return re.compile(rf"{gap}\s*(?:{words})", re.IGNORECASE)


def _occurrences(folded: str, key: str, locale: str) -> Iterator[re.Match[str]]:
    """Each cue of this kind found in a folded message, in the person's language or English."""
    for code in _locales(locale):
        for phrase in lexicon(code).lists.get(key, ()):
            if found := _search(folded, phrase):
                yield found


def _every_occurrence(folded: str, key: str, locale: str) -> Iterator[re.Match[str]]:
    for code in _locales(locale):
        for phrase in lexicon(code).lists.get(key, ()):
            yield from re.finditer(_as_found(phrase), folded)


def _search(text: str, phrase: str) -> re.Match[str] | None:
    return re.search(_as_found(phrase), text)


def _as_found(phrase: str) -> str:
    """A cue's pattern: anywhere in Chinese, Japanese and Korean, else as whole words."""
    if _CJK.search(phrase):
        return re.escape(phrase)
    return rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"


def _number(text: str) -> int:
    return (
        int(text)
        if text.isdigit()
        else _HAN_DIGITS.get(text[-1], 0) + (10 if len(text) == 2 and text[0] == "十" else 0)
        if len(text) <= 2
        else 0
    )


def numbered(text: str) -> int | None:
    """The position "number 4", "#4", "номера 4", "4번" names: no date, whatever tags it."""
    found = _AFTER_NUMBER_WORD.search(fold(text))
    return (int(found[1]) or None) if found else None


def ordinal(text: str, locale: str) -> int | None:
    """The list position a message names: 1-based, -1 for the last one; None if none."""
    folded = fold(text)
    bare = _BARE_NUMBER.match(folded)
    if bare:
        return int(bare[1]) or None
    numbered = _NUMBERED.search(folded)
    if numbered:
        digits = next(group for group in numbered.groups() if group)
        return _number(digits) or None
    best: tuple[int, int] | None = None  # (length of the matched word, position)
    for code in _locales(locale):
        for word, position in lexicon(code).ordinals.items():
            if _found(folded, word) and (best is None or len(word) > best[0]):
                best = (len(word), position)
    return best[1] if best else None
