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
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Protocol

import Stemmer  # type: ignore[import-not-found]

from core.datafiles import read_yaml
from core.settings import ROOT

DESCRIPTION = "_"
# Category tokens ("§wine"): no word token starts with "§", and both indexes take it as a
# letter, so one index look-up finds a phrase and its categories together.
CATEGORY = "§"
# Words in Han, kana or Hangul (and their punctuation-free runs); everything else alphabetic.
_CJK_RUN = r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff\uff66-\uff9f]+"
# A word stops where a CJK run starts: "1日使い捨て" is "1" and "日使い捨て".
_UNIT = re.compile(rf"(?P<cjk>{_CJK_RUN})|(?P<word>[^\W_{_CJK_RUN[1:-2]}]+)")
# Product items and description sentences: a phrase never spans two of them.
_SEGMENT = re.compile(r"[;；|.。,，、:：!！?？()（）\[\]/\n]+")
_LATIN_STEMMERS = ("english", "german", "french", "spanish")
# Compound parts ("Edelstahlkochtöpfe": edelstahl, koch, töpfe): the word's last part is
# indexed as a word of its own ("topf"), the others with this mark ("·koch"), so "Töpfe"
# and "Kochtöpfe" find the compound but "Koch" does not, nor "Wein" find "Weinessig". The
# mark is no ASCII character, so SQLite's word index takes it as a letter.
PART = "·"
# A word joined to the next by a hyphen ("Bio-Riesling": "ǂbio"); a letter, for both indexes.
QUALIFIER = "ǂ"
# What an exhibitor's products are besides what they are ("¤organic"), found at import.
ATTRIBUTE = "¤"
_COMPOUND_MIN = 7  # letters of the shortest word tried as a compound
_PART_MIN = 3
# A word this common (Zipf) in one of these languages and rarer in German is theirs.
_FOREIGN_ZIPF = 3.0
_OTHER_LATIN = ("en", "es", "fr", "it", "pt")
_PART_ZIPF = 2.5
_SHORT_PART_ZIPF = 4.0
# What joins the parts of a compound ("Bearbeitung-s-zentren", "Sonne-n-brillen"); a head
# may also drop its final -e ("Hüft-implantate" from "Hüfte").
_LINKING = ("s", "n", "en", "e", "es", "er")
_VOWEL = re.compile("[aeiouyäöü]")
_HYPHENATED = re.compile(r"[-‐‑][^\W\d_]")
# The one two-letter word that ends compounds by the hundred ("Rapsöl", "Olivenöl").
_SHORT_HEADS = ("öl",)
# A compound commoner than one of its parts is still a compound when its head is a word
# commoner than this and than the compound: "Mineralwasser" is water.
_COMMON_HEAD_ZIPF = 4.0


@dataclass(frozen=True)
class Unit:
    """One word of a text: a stem for alphabetic scripts, a whole run for CJK. `word` is the
    folded word itself, for checks a stem is too coarse for; it takes no part in equality."""

    text: str
    cjk: bool
    word: str = field(default="", compare=False)


# Russian writes some words as two letters joined by a slash: "ж/д" (rail), "с/х"
# (agricultural), "с/м" (frozen), "б/у" (used). Joined, they are one word, not two letters
# on either side of a break.
_SLASHED_LETTERS = re.compile(r"(?<![^\W\d_])([а-яё])/([а-яё])(?![^\W\d_])", re.IGNORECASE)


def join_slashed(text: str) -> str:
    """ "ж/д доставка" -> "жд доставка"."""
    return _SLASHED_LETTERS.sub(r"\1\2", text) if "/" in text else text


def fold(text: str) -> str:
    folded = join_slashed(unicodedata.normalize("NFKC", text).casefold())
    return _simplified(folded) if _HAN.search(folded) else folded


# Han characters: traditional ones (Hong Kong and Taiwan labels, "汽車大燈") are read as
# their simplified forms, as the taxonomy and most Chinese requests write them.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=65_536)
def _simplified(text: str) -> str:
    return str(_to_simplified().convert(text))


@cache
def _to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("t2s.json")


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def without_marks(word: str) -> str:
    """A word without its accents and other combining marks ("ecografía" -> "ecografia"),
    its ligatures written out as French keyboards often type them ("bœuf" -> "boeuf")."""
    decomposed = unicodedata.normalize("NFD", word.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


@cache
def russian_analyser() -> Any:
    """pymorphy3's Russian dictionaries, loaded once per process, when Russian is first seen."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65_536)
def russian_parse(word: str) -> Any:
    """pymorphy3's likeliest reading of a Russian word (its form, lemma and part of speech),
    read once: the lemma, the part of speech and whether the dictionary knows the word are
    all asked of the same words."""
    return russian_analyser().parse(word)[0]


def russian_lemma(word: str) -> str:
    """The dictionary form of a Russian word (Сибирской -> сибирский, колодок -> колодка);
    a word the dictionary does not know (most company names) stays as written."""
    parse = russian_parse(word)
    return str(parse.normal_form).replace("ё", "е") if parse.is_known else word


_RUSSIAN_ADJECTIVES = frozenset({"ADJF", "PRTF"})


def russian_adjectives_first(text: str) -> str | None:
    """A Russian phrase whose noun stands before its adjectives, as a list or a label
    writes it ("погрузчики вилочные дизель", "черепица керамическая"), in the usual order
    ("вилочные погрузчики дизель"); None when it does not start so."""
    words = text.split()
    if len(words) < 2 or not all(is_cyrillic(w) for w in words[:2]):
        return None
    if "NOUN" not in russian_parse(words[0]).tag:
        return None
    end = 1
    while end < len(words) and russian_parse(words[end]).tag.POS in _RUSSIAN_ADJECTIVES:
        end += 1
    if end == 1:
        return None
    return " ".join([*words[1:end], words[0], *words[end:]])


def russian_known(word: str) -> bool:
    """Whether pymorphy3's dictionary has the Russian word ("кросовки" it has not)."""
    return bool(russian_parse(word).is_known)


def _russian_part_of_speech(word: str) -> str | None:
    """Noun, adjective (participles too) or other, by the dictionary; None for a word it
    does not know."""
    parse = russian_parse(word)
    if not parse.is_known:
        return None
    pos = parse.tag.POS
    return "ADJF" if pos in _RUSSIAN_ADJECTIVES else str(pos)


@cache
def stemmer(language: str) -> Stemmer.Stemmer:
    """Snowball's stemmer for a language ("german"), one per process."""
    return Stemmer.Stemmer(language)


@cache
def stem(word: str) -> str:
    """One stem for a folded word, whatever its language.

    The language of a two-word product is rarely knowable, so a Latin word gets the
    shortest of its English, German, French and Spanish stems: every inflection a language
    strips is stripped ("wines", "vins" and "Weine" all give "win"). A word is stemmed
    without its accents, which people often leave out: "ecografia" and "ecografía" give
    one stem."""
    if is_cyrillic(word):
        # By the dictionary form: the stemmer keeps "колодок" and "колодки" apart.
        return without_marks(stemmer("russian").stemWord(russian_lemma(word)))
    return min(_language_stems(word), key=_shortest)


def _shortest(stem: str) -> tuple[int, str]:
    return len(stem), stem


@cache
def _zipf(word: str) -> float:
    """How common a word is in German (wordfreq's Zipf scale); 0 for a short or rare one:
    short parts must be very common ("Tee", "Eis", "Bio"), so prefixes ("ver", "ent")
    and fragments are no words."""
    from wordfreq import zipf_frequency  # loaded on first use

    if word in _SHORT_HEADS:
        return zipf_frequency(word, "de")
    if len(word) < _PART_MIN or not _VOWEL.search(word):
        return 0.0  # "sch" is listed (a spelling of "schön"), but no part of "Schweine"
    found = zipf_frequency(word, "de")
    least = _SHORT_PART_ZIPF if len(word) == _PART_MIN else _PART_ZIPF
    return found if found >= least else 0.0


@cache
def _foreign_word(word: str) -> bool:
    """A common word of another catalog language that German does not use: a label's
    "caliente", "presente" or "cooler" is no German compound."""
    from wordfreq import zipf_frequency

    if zipf_frequency(word, "de") >= _FOREIGN_ZIPF:
        return False
    return any(zipf_frequency(word, lang) >= _FOREIGN_ZIPF for lang in _OTHER_LATIN)


@cache
def _head_word(part: str) -> str:
    """The word a compound's first or middle part stands for, without its linking letters
    ("bearbeitungs" -> "bearbeitung", "hüft" -> "hüfte"); "" when it is no word."""
    if _zipf(part):
        return part
    for link in _LINKING:
        if part.endswith(link) and _zipf(part[: -len(link)]):
            return part[: -len(link)]
    return part + "e" if _zipf(part + "e") else ""


@lru_cache(maxsize=65_536)
def compound_parts(word: str) -> tuple[str, ...]:
    """A German compound's parts (a folded word in, the words of its parts out, fewest
    parts, the commonest words among equals), or () when the word is no compound of known
    words: "edelstahlkochtöpfe" -> ("edelstahl", "koch", "töpfe"), "schweinefleisch" ->
    ("schweine", "fleisch"). Every part is a word of wordfreq's German list, so "Schwein"
    is never "wein"; "Hüftgelenk" is ("hüft", "gelenk"), being rarer than both."""
    short_head = word.endswith(_SHORT_HEADS)
    if len(word) < _COMPOUND_MIN - short_head or not word.isalpha() or is_cyrillic(word):
        return ()
    if _foreign_word(word):
        return ()  # "caliente" is Spanish, no "cali" + "ente"
    best: tuple[tuple[int, float], tuple[str, ...]] | None = None
    for at in range(_PART_MIN, len(word) - _PART_MIN + 1 + short_head):
        head = _head_word(word[:at])
        rest = _split(word[at:])
        if head and rest:
            parts = (head, *rest)
            rank = (-len(parts), min(_zipf(part) for part in parts))
            if best is None or rank > best[0]:
                best = (rank, parts)
    if best is None:
        return ()
    # A word commoner than one of its parts is a word, not their compound: "transporte" is
    # no "trans" + "porte", but "Schweinefleisch" is rarer than "Schwein" and "Fleisch".
    parts, common = best[1], _zipf(word)
    head_zipf = _zipf(parts[-1])
    written_before = len(word) - len(parts[-1])  # "ver" in "Verstärker" is a prefix
    headed = head_zipf >= _COMMON_HEAD_ZIPF and common < head_zipf and written_before > _PART_MIN
    if common >= best[0][1] and not headed:
        return ()
    return parts


@cache
def _split(word: str) -> tuple[str, ...]:
    """The fewest words a compound's tail is made of (a word alone when it is one)."""
    if _zipf(word) or word in _SHORT_HEADS:
        return (word,)
    return compound_parts(word) if len(word) >= _COMPOUND_MIN else ()


def _all_heads(parts: tuple[str, ...]) -> list[str]:
    """The parts before the last, and the parts of those that are compounds themselves."""
    found: list[str] = []
    for part in parts[:-1]:
        found += [part, *compound_parts(part)]
    return found


# "Land- und Forstwirtschaft": a compound's first part, its tail left to the next one.
_ELIDED = re.compile(r"\b(\w{3,})-\s+(und|oder|bzw\.?|sowie|&)\s+(\w{6,})", re.IGNORECASE)


def with_elided_tails(text: str) -> str:
    """German compounds sharing a tail written out in full: "Outdoor- und
    Wintersportartikel" -> "Outdoorartikel und Wintersportartikel"."""
    written = []
    last = 0
    for start, end, first, link, second in elided_compounds(text):
        written += [text[last:start], f"{first} {link} {second}"]
        last = end
    return "".join(written) + text[last:]


def elided_compounds(text: str) -> Iterator[tuple[int, int, str, str, str]]:
    """Each pair of German compounds sharing a tail, where the text writes it, with the
    first written out: (start, end, "Outdoorartikel", "und", "Wintersportartikel")."""
    for match in _ELIDED.finditer(text):
        first, link, second = match.groups()
        if tail := _shared_tail(first, second.casefold()):
            yield match.start(), match.end(), first + tail, link, second


def _shared_tail(first: str, second: str) -> str | None:
    """The tail the second compound shares with the first's start: its last part, or, when
    the second does not split ("Fräsmaschinen"), the ending that makes the first a compound
    that does ("Dreh-" + "maschinen")."""
    parts = compound_parts(second)
    if parts and second.endswith(parts[-1]):
        return parts[-1]
    for at in range(_PART_MIN, len(second) - _PART_MIN):
        tail = second[at:]
        joined = compound_parts(first.casefold() + tail)
        if joined and joined[-1] == tail:
            return tail
    return None


@lru_cache(maxsize=65_536)
def compound_tails(word: str) -> tuple[str, ...]:
    """A German compound's tails as written, longest first: the broader things it is a
    kind of ("roggenmischbrot" -> "mischbrot", "brot"; "reisekoffer" -> "koffer")."""
    parts = compound_parts(word)
    # A head of three letters is too often a foreign word's start: "Morbier" is no beer.
    return tuple(word[at:] for part in parts[1:] if (at := word.rfind(part)) > _PART_MIN)


@lru_cache(maxsize=65_536)
def compound_heads(word: str) -> tuple[str, ...]:
    """The stems of a German compound's tails, longest first ("reisekoffer": never
    "reis")."""
    return tuple(dict.fromkeys(stem(tail) for tail in compound_tails(word)))


def compound_tokens(word: str) -> list[str]:
    """The index tokens a compound adds: the stems of its tails ("gelenkimplantat",
    "implantat") and of its other parts, marked ("·hüftgelenk", "·hüft", "·gelenk")."""
    parts = compound_parts(word)
    if not parts:
        return []
    tails = [stem(word[word.rfind(part) :]) for part in parts[1:]]
    return tails + [PART + stem(part) for part in _all_heads(parts)]


def compound_query(word: str) -> list[str]:
    """The tokens a compound request must find: its last part and its other parts as parts
    of a compound ("Hüftimplantate" finds "Hüftgelenkimplantate")."""
    parts = compound_parts(word)
    if not parts:
        return []
    return [stem(parts[-1]), *(PART + stem(part) for part in parts[:-1])]


def units(text: str) -> list[Unit]:
    """The words of one phrase, in order."""
    return list(_units(text))


@lru_cache(maxsize=262_144)
def _units(text: str) -> tuple[Unit, ...]:
    # Indexing the taxonomy reads each of its terms several times.
    return tuple(
        Unit(match.group(), True)
        if match.group("cjk")
        else Unit(stem(match.group()), False, match.group())
        for match in _UNIT.finditer(fold(text))
    )


# The longest ending a language's stemmer alone may take off a word it shares a stem with.
_ENDINGS = {"english": 2, "german": 2, "french": 4, "spanish": 4}


@cache
def _language_stems(word: str) -> tuple[str, ...]:
    """Each language's stem of a word, the shortest of which is its `stem`."""
    if is_cyrillic(word):
        return (stem(word),)
    bare = without_marks(word)
    return tuple(str(stemmer(lang).stemWord(bare)) for lang in _LATIN_STEMMERS)


# A stem shorter than this, with this much cut off a word to reach it, names no word.
_STEM_KEPT_MIN = 4
_CUT_MAX = 3


@cache
def _small_words() -> frozenset[str]:
    """The small words of one language (data/function_words.yml), folded, with and without
    their accents: no form of another language's word."""
    lists = read_yaml(ROOT / "data" / "function_words.yml")
    words = {fold(str(w)) for values in lists.values() for w in values or ()}
    return frozenset(words | {without_marks(w) for w in words})


def is_small_word(word: str) -> bool:
    """Whether a word is one of a language's small words: "où", "nach", "the"."""
    return fold(word) in _small_words()


def same_word(a: str, b: str) -> bool:
    """Two folded words are forms of one word in some language ("wines" and "wine", "Weine"
    and "Wein"), not two words whose stems only meet across languages ("Helles" and
    "helado" both give "hel")."""
    if a == b:
        return True
    if without_marks(a) == without_marks(b) and not (_foreign(a) or _foreign(b)):
        return True  # "the vert" typed for "thé vert" (Vietnamese "hạt" is no "hat")
    if a in _small_words() or b in _small_words():
        return False  # "nach China" names no nachos, "bitte" no bitters, "pas" no pasas
    cyrillic = is_cyrillic(a)
    if cyrillic != is_cyrillic(b):
        return False
    languages = ("russian",) if cyrillic else _LATIN_STEMMERS
    agreeing = [
        (language, x)
        for language, x, y in zip(languages, _language_stems(a), _language_stems(b), strict=True)
        if x == y
    ]
    if cyrillic:
        # One stemmer, made for these words; but an adjective is no form of the noun it
        # shares a stem with ("мороженая говядина" is no ice cream, "мороженое").
        kinds = {_russian_part_of_speech(a), _russian_part_of_speech(b)}
        return bool(agreeing) and (len(kinds) == 1 or None in kinds)
    if _foreign(a) or _foreign(b):
        return False  # Vietnamese "hạt" (seeds) is no English "hat"
    # One language's stemmer alone may cut a foreign word too far (German takes "tablets"
    # to "tabl", as it does "tables"; English "rugged" to "rug"): alone, it counts only for
    # that language's short endings (French and Spanish inflect adjectives: "congeladas").
    longest = max(len(a), len(b))
    if all(len(stem) < _STEM_KEPT_MIN and longest - len(stem) >= _CUT_MAX for _, stem in agreeing):
        return False  # a long ending off a short stem: "morant" (a name) and "moras" share "mor"
    return len(agreeing) > 1 or any(
        longest - len(stem) <= _ENDINGS[language] for language, stem in agreeing
    )


# The marked letters of the languages the stemmers know (and Italian and Portuguese, which
# share their words): a word with another mark ("hạt", "jabłka") is of another language,
# whose words only their very spelling matches.
_STEMMED_MARKS = frozenset("àâäçéèêëîïôöùûüÿñáíóúœæßãõìò")


def _foreign(word: str) -> bool:
    return any(not ch.isascii() and ch not in _STEMMED_MARKS for ch in word)


def same_english_word(a: str, b: str) -> bool:
    """Two folded words are forms of one English word ("tyres" and "tyre")."""
    return a == b or _language_stems(a)[0] == _language_stems(b)[0] != ""


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
    if len(words) == 1 and (parts := compound_query(words[0])):
        variants.append(parts)
    return [tokens for tokens in variants if tokens]


def _document_tokens(segment: str) -> list[str]:
    # units() without its Unit objects: this runs over every description of a catalog.
    stems: list[str] = []
    runs: list[str] = []
    parts: list[str] = []
    words: list[str] = []
    text = unicodedata.normalize("NFKC", segment)  # the case tells an acronym
    for match in _UNIT.finditer(text):
        if run := match.group("cjk"):
            runs.append(fold(run))
        else:
            word = match.group().casefold()
            stems.append(stem(word))
            parts += compound_tokens(word)
            # A word joined to the next by a hyphen only qualifies it: "Luft-Wasser-
            # Wärmepumpen" are heat pumps, neither water nor water pumps. It stays in the
            # pairs ("wass_warmepump"), not as a word of its own, unless it is an acronym
            # naming the product ("ESP-Steuergeräte", "LED-Leuchten"); with its own mark
            # ("ǂbio" of "Bio-Riesling"), for what a product must be.
            acronym = len(match.group()) > 1 and match.group().isupper()
            if acronym or not _HYPHENATED.match(text, match.end()):
                words.append(stems[-1])
            else:
                parts.append(QUALIFIER + stems[-1])
    tokens = words + [f"{a}_{b}" for a, b in itertools.pairwise(stems)] + parts
    for run in runs:
        tokens += run  # single characters: "茶", "虾" are whole products
        tokens += _cjk_grams(run)
    return tokens


class AttributeReader(Protocol):
    def held(self, tokens: Set[str]) -> list[str]: ...


def index_text(
    products: Iterable[str],
    descriptions: Iterable[str | None],
    categories: Iterable[str] = (),
    attributes: AttributeReader | None = None,
) -> str:
    """The space-separated tokens stored in `exhibitors.search_text`; with `attributes`,
    those the tokens say too."""
    tokens: dict[str, None] = dict.fromkeys(CATEGORY + category for category in categories)
    for product in products:
        tokens.update(dict.fromkeys(_product_tokens(product)))
    for description in descriptions:
        if description:
            tokens.update(dict.fromkeys(DESCRIPTION + t for t in _text_tokens(description)))
    if attributes is not None:
        tokens.update(dict.fromkeys(ATTRIBUTE + a for a in attributes.held(set(tokens))))
    return " ".join(tokens)


def _text_tokens(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for segment in _SEGMENT.split(join_slashed(text)):
        found += _document_tokens(segment)
    return tuple(found)


# A catalog names the same products thousands of times ("coconut water", "vaccines").
_product_tokens = lru_cache(maxsize=16_384)(_text_tokens)


def compact_phrase(text: str) -> str:
    """A shorter text that searches exactly like `text` ("медицинского оборудования" ->
    "медицинск оборудован"), for button data; `text` itself when stems would not."""
    stems = " ".join(u.text for u in units(text))
    return stems if len(stems) < len(text) and phrase_tokens(stems) == phrase_tokens(text) else text
