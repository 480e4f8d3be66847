"""Word-level search over exhibitors' own product words, in all eight languages.

Latin and Cyrillic words become stems (Snowball: English, German, French, Spanish,
Russian), so "wines", "Weine" and "vins" find "wine", "Wein" and "vin" but "gin" never
finds "ginseng". Chinese, Japanese and Korean have no spaces between words: their text
becomes overlapping character pairs, so "冻干榴莲" finds "泰国冻干榴莲". Two neighbouring
words also make a pair token ("ice_win"), so a multi-word product is searched as a phrase.

An exhibitor's index text is these tokens separated by spaces; tokens from descriptions
carry a leading "_" so a product-list hit can rank above a mention in a profile; the
exhibitor's categories (with their ancestors) are tokens too, "§wine".
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer  # type: ignore[import-not-found]

DESCRIPTION = "_"
# Category tokens ("§wine"): no word token starts with "§", and both indexes take it as a
# letter, so one index look-up finds a phrase and its categories together.
CATEGORY = "§"
# Words in Han, kana or Hangul (and their punctuation-free runs); everything else alphabetic.
_CJK_RUN = r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff\uff66-\uff9f]+"
_UNIT = re.compile(rf"(?P<cjk>{_CJK_RUN})|(?P<word>[^\W_]+)")
# Product items and description sentences: a phrase never spans two of them.
_SEGMENT = re.compile(r"[;；|.。,，、:：!！?？()（）\[\]/\n]+")
_LATIN_STEMMERS = ("english", "german", "french", "spanish")


@dataclass(frozen=True)
class Unit:
    """One word of a text: a stem for alphabetic scripts, a whole run for CJK."""

    text: str
    cjk: bool


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _without_marks(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


@cache
def stem(word: str) -> str:
    """One stem for a folded word, whatever its language.

    The language of a two-word product is rarely knowable, so a Latin word gets the
    shortest of its English, German, French and Spanish stems: every inflection a language
    strips is stripped ("wines", "vins" and "Weine" all give "win")."""
    if _is_cyrillic(word):
        return _without_marks(_stemmer("russian").stemWord(word))
    stems = [_stemmer(language).stemWord(word) for language in _LATIN_STEMMERS]
    return _without_marks(min(stems, key=lambda s: (len(s), s)))


def units(text: str) -> list[Unit]:
    """The words of one phrase, in order."""
    return [
        Unit(match.group(), True) if match.group("cjk") else Unit(stem(match.group()), False)
        for match in _UNIT.finditer(fold(text))
    ]


def _cjk_grams(run: str) -> Iterator[str]:
    if len(run) == 1:
        yield run
    for i in range(len(run) - 1):
        yield run[i : i + 2]


def phrase_tokens(text: str) -> list[str]:
    """The tokens that must all be present for a text to contain this phrase."""
    found: list[str] = []
    words = units(text)
    stems = [u.text for u in words if not u.cjk]
    if len(stems) == 1 and len(stems[0]) >= 2:
        found.append(stems[0])
    found += [f"{a}_{b}" for a, b in itertools.pairwise(stems)]
    for unit in words:
        if unit.cjk:
            found += _cjk_grams(unit.text)
    return list(dict.fromkeys(found))


def phrase_variants(text: str) -> list[list[str]]:
    """The token sets any of which means the phrase is there: two words may also be
    written as one ("ice wine", "icewine"; "hair dryer", "hairdryer")."""
    variants = [phrase_tokens(text)]
    words = [m.group() for m in _UNIT.finditer(fold(text))]
    if len(words) == 2 and not any(m.group("cjk") for m in _UNIT.finditer(fold(text))):
        variants.append([stem("".join(words))])
    return [tokens for tokens in variants if tokens]


def _document_tokens(segment: str) -> list[str]:
    # units() without its Unit objects: this runs over every description of a catalog.
    stems: list[str] = []
    runs: list[str] = []
    for match in _UNIT.finditer(fold(segment)):
        if run := match.group("cjk"):
            runs.append(run)
        else:
            stems.append(stem(match.group()))
    tokens = stems + [f"{a}_{b}" for a, b in itertools.pairwise(stems)]
    for run in runs:
        tokens += run  # single characters: "茶", "虾" are whole products
        tokens += _cjk_grams(run)
    return tokens


def index_text(
    products: Iterable[str], descriptions: Iterable[str | None], categories: Iterable[str] = ()
) -> str:
    """The space-separated tokens stored in `exhibitors.search_text`."""
    tokens: dict[str, None] = dict.fromkeys(CATEGORY + category for category in categories)
    for product in products:
        tokens.update(dict.fromkeys(_product_tokens(product)))
    for description in descriptions:
        if description:
            tokens.update(dict.fromkeys(DESCRIPTION + t for t in _text_tokens(description)))
    return " ".join(tokens)


def _text_tokens(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for segment in _SEGMENT.split(text):
        found += _document_tokens(segment)
    return tuple(found)


# A catalog names the same products thousands of times ("coconut water", "vaccines").
_product_tokens = lru_cache(maxsize=16_384)(_text_tokens)


def compact_phrase(text: str) -> str:
    """A shorter text that searches exactly like `text` ("медицинского оборудования" ->
    "медицинск оборудован"), for button data; `text` itself when stems would not."""
    stems = " ".join(u.text for u in units(text))
    return stems if len(stems) < len(text) and phrase_tokens(stems) == phrase_tokens(text) else text
