"""Company names as people write them, linked to the exhibitor catalog.

Every name an exhibitor goes by (English, Chinese, each alias, and a name without its
bracketed division: "Körber Werke AG (Antriebstechnik)") is folded to words in which case,
width, accents, punctuation, possessives, French elisions ("d'Evergreen"), Russian
inflections (Сибирской Нивы = Сибирская Нива), legal forms ("Co., Ltd.", "GmbH", 株式会社,
ООО) and traditional or Japanese Han forms (資生堂 = 资生堂) do not count.

A message is matched word by word against those names, as a person reads it: a name written
in full, the longest first; a part of a name that one company has, or a few to choose from
("Frostvine" for Niagara Frostvine Estates; 霜藤酒庄 for 尼亚加拉霜藤酒庄), where words many
names share or that are everyday words in some language ("Gold", "Pacific", 食品) identify
nothing;
typos in longer words only (Michellin, Koerber); names in another script by their sound
(Лукойл, フォンテラ, 노르드캄 ~ Lukoil, Fonterra, Nordkamm). Look-ups run on an in-memory index
that is rebuilt when the catalog changes, so they stay fast on a large catalog and follow
imports made by any process.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import islice, pairwise
from typing import Any

import opencc
import yaml
from anyascii import anyascii
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core.fulltext import (
    elided_compounds,
    russian_analyser,
    russian_known,
    russian_lemma,
    russian_parse,
)
from core.models import Exhibitor
from core.settings import ROOT

LEGAL_FORMS = ROOT / "data" / "names" / "legal_forms.yml"
NAME_LINKS = ROOT / "data" / "names" / "name_links.yml"
NAME_WORDS = ROOT / "data" / "names" / "name_words.yml"
PINYIN = ROOT / "data" / "names" / "pinyin.yml"

# Scores (0-100) a name must reach to be taken for the one asked about, or offered.
FUZZY_CUTOFF = 85.0
TRANSLITERATED_CUTOFF = 80.0
SUGGESTION_CUTOFF = 65.0
# Taken off the score of a typo match on the first words of a name rather than all of it.
PREFIX_DISCOUNT = 3.0
# A name inside the query that covers less of it than this loses to a typo of a whole name.
CONTAINED_SHARE = 2 / 3
# Candidates within this many points of the best fuzzy score are equally good.
FUZZY_TIE = 2.0
# Typo matching on shorter names finds too many unrelated companies.
MIN_FUZZY_LENGTH = 5
# A name found inside a longer message must be this long, so "Go" or "AB" are not seen everywhere.
MIN_MENTION_LENGTH = 3
MIN_MENTION_LENGTH_CJK = 2
# Most words (kana and hangul count one per character) of a name in another script that
# is looked for in a message by its sound.
MAX_TRANSLITERATED_WORDS = 12
# How often the catalog is checked for changes made by this or another process.
CHECK_SECONDS = 1.0
# A name written with its words translated ("Drei Glocken" for Three Bells): the most words
# (links aside) of a query read so and of a name compared with it, the most words of a
# phrase a group translates ("étoile du nord"), and the most names the query's rarest word
# may bring up to compare it with.
MAX_TRANSLATED_WORDS = 8
MAX_TRANSLATED_NAME_WORDS = 12
MAX_PHRASE_WORDS = 4
TRANSLATED_CANDIDATES = 2000
# Ways of reading a query's words as a name's compared, at most, per name.
MAX_READINGS = 256

# --- word-level matching ------------------------------------------------------------
# A word this frequent in one of the languages people write to us in (Zipf scale: 3 is
# once per million words) is an everyday word: "Gold", "Pacific", "Harvest", 食品, 배터리.
COMMON_ZIPF = 3.0
# Zipf of a language's most frequent words ("Eingang", "sortie"), above the brands that
# every language writes now and then (Bosch 4.0, Michelin 3.6).
FREQUENT_ZIPF = 4.2
# The shortest word of a name found with a slip on its own ("seifert" for Seiffert).
MISTYPED_WORD_MIN = 6
COMMON_LANGUAGES = ("en", "de", "fr", "es", "ru", "it", "pt", "nl", "zh", "ja", "ko")
# A part of a name identifies a company when one of its words (or, in Chinese, Japanese and
# Korean, one of its character pairs) is in the names of at most this many exhibitors: more
# are offered as a choice only when the model tagged the part as a company.
DISTINCT_EXHIBITORS = 3
# A part of a name made only of everyday words must be most of the name ("Boa Vista" is
# not "Fazenda Boa Vista Café", "Fazenda Boa Vista" is), as must a Chinese part unless it
# is the name's beginning.
COMMON_PART_SHARE = 2 / 3
CJK_PART_SHARE = 1 / 2
CJK_INNER_PART = 4  # characters of a Chinese part that is not the name's beginning
# Letters of a word in lower case that may be read as a word of a catalog name ("alpina").
NAME_WORD_MIN = 4
# Words (or character pairs) in more names than this do not bring up candidate names:
# "Foods" does not make every food company a candidate; names of such words alone are
# still found written in full.
SEED_LIMIT = 64
# One typo (an edit) in a word of this many letters, two from TWO_TYPOS_LENGTH on; a typo
# alone stands for a part of a name only in words of PART_TYPO_LENGTH letters.
TYPO_LENGTH = 5
TWO_TYPOS_LENGTH = 9
PART_TYPO_LENGTH = 7
# A word this long that a name has not, nor a typo of its words, names another company.
MIN_OWN_WORD = 3
# Words run together shorter than this are too likely another name's ("dela").
MIN_RUN_LETTERS = 8
# Consonants a name must have to be recognised by its sound in another script, and how
# close a katakana spelling's consonants must come to them (0-100).
MIN_SKELETON = 5
# The letters a rare word of a Latin name must sound like, heard alone in kana, hangul or
# Cyrillic ("벨란디": belandi, of Frantoio Bellandi): shorter ones sound like too much.
MIN_WORD_SOUND = 6
SKELETON_CUTOFF = 88.0
# Kana, hangul or Cyrillic letters a name by its consonants must be written with; katakana
# that may be a Latin name by its sound (ネスレ, Nestlé), with a stricter likeness up to it.
MIN_SOUNDED_LETTERS = 4
KATAKANA_LETTERS = 3
# Added to the length of a name found by its sound key rather than its consonants alone.
SOUND_BONUS = 0.5
# A Latin name written word by word in kana or hangul, some words translated
# ("レッドフォックス タイヤ", "블루 로터스 스파", "サクラ化粧品"): the consonants its sounded
# words must have together (a translated word counts as TRANSLATED_CONSONANTS), and the
# fewest of the name's words it must read.
WORD_SOUND_CONSONANTS = 5
TRANSLATED_CONSONANTS = 3
WORD_SOUND_NAME_WORDS = 2
# The consonants of a word that stands alone for a name's words: "콜드체인" (cold chain)
# alone is no Nordkapp Cold Chain, nor "건기식" (health food) Kenkō Seiyaku.
LONE_WORD_CONSONANTS = 6
# A word of this many consonants may have one of them heard otherwise (ブランバッティ
# "plnpt" for Brambati "plmpt").
SLIP_CONSONANTS = 5

# Han, kana and hangul: written without spaces between words, so every character is a token
# and a name matches as a substring.
_CJK = (
    "\u2e80-\u2fdf\u3005\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9d"
)
_CJK_START = re.compile(f"[{_CJK}]")
_HAN = re.compile(r"[\u2e80-\u2fdf\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
_KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL = re.compile(r"[\u3130-\u318f\uac00-\ud7af]")
_KANA_OR_HANGUL = re.compile(r"[\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\uac00-\ud7af\uff66-\uff9d]")
_LETTER = rf"(?:(?![{_CJK}])[^\W_]|[\u0300-\u036f])"
_TOKEN = re.compile(rf"[{_CJK}][\u3099\u309a\uff9e\uff9f]?|&|{_LETTER}+(?:['’.]{_LETTER}+)*['’]?")
_POSSESSIVE = re.compile(r"['’]s?$")
# French and Italian articles and prepositions written into the next word: d'Evergreen,
# l'Oréal, dell'Adriatico.
_ELISION = re.compile(r"^(?:d|l|j|m|n|s|t|c|qu|dell|dall|nell|sull|all|un)['’](?=\w)", re.I)
# "Fischer & Söhne" = "Fischer und Söhne" = "Fischer and Sons" (the connector only).
_CONNECTORS = {"&": "and", "und": "and", "et": "and", "y": "and", "и": "and"}
# Words company names abbreviate, folded: "Hnos." is "Hermanos", "Cía." "Compañía",
# "Gebr." "Gebrüder", "Ets" "Établissements", whichever one writes.
# An abbreviation is the word it stands for in every respect, how common it is too. So are
# the Portuguese of Spanish family words ("Irmãos Giménez", a Brazilian buyer's Hermanos).
_ABBREVIATIONS = {"hnos": "hermanos", "hno": "hermano", "hmnos": "hermanos",
                  "cia": "compañía", "cie": "compagnie", "gebr": "gebrüder",
                  "ets": "établissements", "bros": "brothers", "intl": "international",
                  "irmaos": "hermanos", "filhos": "hijos"}  # fmt: skip
_KEEP_MARKS = {"\u3099", "\u309a"}
_BREVE = "\u0306"
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# German umlauts written out: Koerber = Körber, Zuercher = Zürcher.
_UMLAUT_SPELLINGS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
# Bracketed qualifiers, dropped for a second name: "Lindqvist Group AB (Trucks)".
_BRACKETED = re.compile(r"\s*[(（][^()（）]*[)）]\s*")
# Spellings that transliterations of the same name disagree on (Лукойл "lukoyl", フォンテラ
# "fuontera", 아모레퍼시픽 "amorepeosipig"): folded away before names in different scripts
# are compared.
_SOUNDS = (
    ("dzh", "j"),  # Russian дж, zh for ж: the j of Latin names
    ("zh", "j"),
    ("ph", "f"),
    ("ck", "k"),
    ("kh", "k"),
    ("th", "t"),
    ("sh", "s"),
    ("ch", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("eo", "o"),
    ("ou", "o"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "u"),
    ("y", "i"),
    ("v", "b"),
    ("r", "l"),
    ("f", "p"),
    ("z", "s"),
    ("j", "g"),
)
# What Korean attaches to a word: "바다로" is 바다 and a particle; 드 ends 레스트라드.
_KOREAN_PARTICLES = frozenset("은는이가을를의에도로와과랑만요들")
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLED = re.compile(r"(.)\1+")
# The consonants of a name, voiced and voiceless alike: what survives the vowels Japanese
# and Korean add ("ノルドカム" norudokamu, "노르드캄" noreudeukam, "Nordkamm": nltkm).
_SKELETON = str.maketrans("gqcdbvfwz", "kkktpppps", "aeiouyhj")
_SKELETON_KEEPING_J = str.maketrans("gqcdbvfwz", "kkktpppps", "aeiouyh")
# Latin letters that sound one way in one language and another in the next.
_OTHER_READINGS = (
    (re.compile("sch"), "sh"),  # German: Schwaben as Швабен, 슈바벤
    (re.compile("ch"), "sh"),
    (re.compile(r"g(?=[eiy])"), "j"),
    (re.compile("z"), "ch"),
    (re.compile("w"), "u"),  # Glow as 글로우, グロウ, глоу
    (re.compile(r"(?<=[aeiou])r(?![aeiouy])"), ""),  # an English r not sounded: Farms 팜스
)

# How Japanese and Korean sound a single word of a name, besides: "gh" silent (하이랜드 for
# Highland), a French word's last consonant silent (ペロー for Perrault), "tu" as "chu"
# (어드벤처 for Adventure).
_WORD_READINGS = (
    (re.compile(r"(?<=[aeiou])gh"), ""),
    (re.compile(r"(?<=[aeiou])(?:lt|t|d|s|x)$"), ""),
    (re.compile(r"t(?=u)"), "ch"),
)


@dataclass(frozen=True)
class Match:
    """An exhibitor a text names. `kind` is how: "exact" (the whole name), "partial" (words
    of the name that tell the company) or "fuzzy" (typos or another script). `name` is the
    catalog name or alias as written there; `start`/`end` the span of the text it was found
    in; `score` the letters of the text the name covers (for typos of a whole query, how
    close it comes, 0-100)."""

    exhibitor_id: str
    name: str
    kind: str
    score: float
    start: int
    end: int
    key_number: int = field(default=-1, compare=False, repr=False)
    typos: int = field(default=0, compare=False, repr=False)  # letters mistyped

    @property
    def rank(self) -> tuple[int, float]:
        return (_KIND_RANK[self.kind], self.score)


_KIND_RANK = {"exact": 3, "partial": 2, "fuzzy": 1}


# --- folding ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    key: str
    start: int
    end: int
    raw: str = field(default="", compare=False)  # lower case as written, for word lists
    capital: bool = field(default=False, compare=False)  # written with a capital letter
    hyphened: bool = field(default=False, compare=False)  # joined to the word before by "-"
    place: bool = field(default=False, compare=False)  # part of a country's name


@cache
def _han_converters() -> tuple[Any, Any]:
    return opencc.OpenCC("jp2t.json"), opencc.OpenCC("t2s.json")


@cache
def _simplified(char: str) -> str:
    """Japanese and traditional forms folded to simplified Chinese (沢, 澤 -> 泽)."""
    japanese_to_traditional, traditional_to_simplified = _han_converters()
    folded = str(traditional_to_simplified.convert(japanese_to_traditional.convert(char)))
    return folded if len(folded) == 1 else char


def _fold_char(char: str) -> str:
    if _HAN.match(char):
        return _simplified(char)
    if "\u00c0" <= char <= "\u024f" or "\u1e00" <= char <= "\u1eff":
        return anyascii(char).lower()  # ø, æ, ł have no accent to strip
    return char


def _without_accents(text: str) -> Iterator[str]:
    base = ""
    for char in unicodedata.normalize("NFKD", text):
        if not unicodedata.combining(char):
            base = char
            yield char
        elif char in _KEEP_MARKS or (char == _BREVE and "\u0400" <= base <= "\u04ff"):
            yield char  # kana voicing (ガ is not カ), Cyrillic й and ў


def _lower(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw).casefold().replace("’", "'")


@lru_cache(maxsize=100_000)
def fold_word(raw: str) -> str:
    text = _POSSESSIVE.sub("", _lower(raw)).replace("'", "").replace(".", "")
    text = unicodedata.normalize("NFC", "".join(_without_accents(text)))
    if text in _CONNECTORS:
        return _CONNECTORS[text]
    if text in _ABBREVIATIONS:
        text = unicodedata.normalize("NFC", "".join(_without_accents(_ABBREVIATIONS[text])))
    text = "".join(_fold_char(char) for char in text)
    if _CYRILLIC.search(text):
        text = russian_lemma(text.replace("ё", "е"))
    return text


@cache
def _name_words() -> dict[str, tuple[str, ...]]:
    """Each word of a company name that buyers translate (data/names/name_words.yml, and
    cities' names), folded like a name's word, and its translations."""
    groups = [list(group) for group in _name_word_groups()]
    by_english: dict[str, list[str]] = defaultdict(list)
    for name, english in _city_names().items():
        by_english[english].append(name)
    groups += [[english, *names] for english, names in by_english.items()]
    found: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for word in group:
            found[word] |= set(group) - {word}
    return {word: tuple(sorted(others)) for word, others in found.items()}


_CODE = re.compile(r"\w*\d\w*\d[\w/.,-]*")  # two digits at least: "3M" is a name
_UNIT_AFTER_NUMBER = re.compile(r"\d[\d.,]*\s+\w{1,3}\b")


def only_codes_and_sizes(text: str) -> bool:
    """ "W240 W320" (cashew grades), "500 Вт": codes and sizes name no company."""
    rest = _CODE.sub(" ", _UNIT_AFTER_NUMBER.sub(" ", text))
    return bool(_CODE.search(text)) and not rest.strip(" ,;/-")


def in_english(word: str) -> str | None:
    """The English word a name word translates (data/names/name_words.yml, the first of
    its group), folded: "молочный" and "lácteos" -> "dairy"."""
    return _english_name_words().get(fold_word(word))


@cache
def _english_name_words() -> dict[str, str]:
    return {word: group[0] for group in _name_word_groups() for word in group}


@cache
def _name_word_groups() -> tuple[tuple[str, ...], ...]:
    """data/names/name_words.yml's groups, folded like a name's words (a phrase word by
    word: "étoile du nord" -> "etoile du nord"), English first."""
    return tuple(
        tuple(_folded_entry(str(word)) for word in group)
        for group in yaml.safe_load(NAME_WORDS.read_text("utf-8"))["groups"]
    )


def _folded_entry(entry: str) -> str:
    if " " not in entry.strip():
        return fold_word(entry)
    return " ".join(t.key for t in tokens(entry))


def _translates(one: str, other: str) -> bool:
    """Whether two words (or phrases) of names are the same one, or translate each other."""
    return one == other or other in _name_words().get(one, ())


# Languages whose names of cities buyers write company names with ("Estambul Makina").
_CITY_LANGUAGES = ("es", "fr", "de", "it", "pt", "ru", "tr")


def _city_names() -> dict[str, str]:
    """Cities' one-word names in other languages (CLDR's, through Babel), read as the
    English one: "Estambul", "Стамбул" and "İstanbul" are Istanbul, "Moskau" Moscow."""
    from zoneinfo import available_timezones

    from babel import Locale

    found: dict[str, str] = {}
    locales = [Locale(code) for code in _CITY_LANGUAGES]
    for zone in available_timezones():
        english = zone.rsplit("/", 1)[-1].replace("_", " ")
        if " " in english or "/" not in zone:
            continue
        for locale in locales:
            city = locale.time_zones.get(zone, {}).get("city")
            if city and " " not in city and "-" not in city:
                found.setdefault(fold_word(city), fold_word(english))
    return {name: english for name, english in found.items() if name != english}


def is_a_place(text: str) -> bool:
    """Whether every word of a text names a city or a region ("Казани", "Екатеринбург",
    "Moskau"): a buyer's own whereabouts, which no company name is made of alone."""
    words = re.findall(r"[^\W\d_]+", text)
    return bool(words) and all(_a_place_word(word) for word in words)


@lru_cache(maxsize=4096)
def _a_place_word(word: str) -> bool:
    folded = fold_word(word)
    if folded in _cities():
        return True
    if not any("\u0400" <= ch <= "\u04ff" for ch in word):
        return False
    best = russian_parse(word.lower())
    return bool(best.is_known) and "Geox" in best.tag


@cache
def _cities() -> frozenset[str]:
    return frozenset(_city_names()) | frozenset(_city_names().values())


def tokens(text: str) -> list[Token]:
    """The words of a text, folded, with their spans; each CJK character is a word."""
    found = []
    for piece in _TOKEN.finditer(text):
        word, start = piece.group(), piece.start()
        elided = _ELISION.match(word)
        if elided:  # "d'Evergreen": "d" and "Evergreen"
            found.append(_token(word[: elided.end() - 1], start))
            word, start = word[elided.end() :], start + elided.end()
        token = _token(word, start)
        if token.key:
            if found and start > 0 and text[start - 1] == "-" and found[-1].end == start - 1:
                token = replace(token, hyphened=True)
            found.append(token)
    return found


def _token(word: str, start: int) -> Token:
    bare = _POSSESSIVE.sub("", word) or word
    raw = _POSSESSIVE.sub("", _lower(word)).replace("'", "")
    raw = _ABBREVIATIONS.get("".join(_without_accents(raw.replace(".", ""))), raw)
    return Token(fold_word(word), start, start + len(bare), raw, word[:1].isupper())


@dataclass(frozen=True)
class LegalForms:
    suffixes: frozenset[tuple[str, ...]]
    prefixes: frozenset[tuple[str, ...]]
    sizes: tuple[int, ...]  # word counts of the forms, longest first
    last_words: frozenset[str]  # for a quick "no legal form here"
    first_words: frozenset[str]


@cache
def legal_forms() -> LegalForms:
    data = yaml.safe_load(LEGAL_FORMS.read_text("utf-8"))
    suffixes = {tuple(t.key for t in tokens(form)) for form in data["suffixes"]} - {()}
    prefixes = {tuple(t.key for t in tokens(form)) for form in data["prefixes"]} - {()}
    return LegalForms(
        frozenset(suffixes),
        frozenset(prefixes),
        tuple(sorted({len(form) for form in suffixes | prefixes}, reverse=True)),
        frozenset(form[-1] for form in suffixes),
        frozenset(form[0] for form in prefixes),
    )


def strip_legal_forms(words: list[Token]) -> list[Token]:
    """The name without its legal forms at either end; a name that is only one keeps it."""
    forms = legal_forms()
    keys = [w.key for w in words]
    start, end = 0, len(keys)
    while end - start > 1:
        if keys[end - 1] in forms.last_words:
            size = _form_size(keys, start, end, forms.suffixes, forms.sizes, at_end=True)
            if size:
                end -= size
                continue
        if keys[start] in forms.first_words:
            size = _form_size(keys, start, end, forms.prefixes, forms.sizes, at_end=False)
            if size:
                start += size
                continue
        break
    return words[start:end]


def _form_size(
    keys: list[str],
    start: int,
    end: int,
    forms: frozenset[tuple[str, ...]],
    sizes: tuple[int, ...],
    *,
    at_end: bool,
) -> int:
    """How many words of the longest legal form that ends (or starts) the name take."""
    for size in sizes:
        if size < end - start:
            part = keys[end - size : end] if at_end else keys[start : start + size]
            if tuple(part) in forms:
                return size
    return 0


def legal_form_after(words: Sequence[Token], at: int) -> tuple[str, int]:
    """The legal form written from word `at` on ("Ltd", "Co., Ltd."), folded, and its size
    in words; ("", 0) when there is none."""
    forms = legal_forms()
    for size in forms.sizes:
        part = tuple(w.key for w in words[at : at + size])
        if len(part) == size and part in forms.suffixes:
            return "".join(part), size
    return "", 0


def is_legal_form(text: str) -> bool:
    """Whether a text is a legal form and nothing else ("Cía", "de C.V.")."""
    keys = tuple(w.key for w in tokens(text))
    forms = legal_forms()
    return bool(keys) and (keys in forms.suffixes or keys in forms.prefixes)


def legal_form_end(words: Sequence[Token], first: int, last: int) -> int | None:
    """Where a legal form ends that starts inside or right after words[first:last] and
    reaches past them ("S.A. de C.V." after "Laboratorios Mexicanos S.A"), if any."""
    for at in range(first + 1, last + 1):
        _, size = legal_form_after(words, at)
        if size and at + size > last:
            return words[at + size - 1].end
    return None


def name_words(name: str) -> list[str]:
    """The folded words that identify a company name."""
    return [t.key for t in strip_legal_forms(tokens(name))]


def _script(compact: str) -> str:
    if _HAN.search(compact):
        return "han"
    return "latin" if compact.isascii() else "other"


# Kana's small tsu doubles the consonant after it, which anyascii spells as a t ("レッド"
# "retdo"): dropped, as doubled letters are.
_SMALL_TSU = str.maketrans("", "", "ッっｯ")


def _romanised(compact: str) -> str:
    return anyascii(compact.translate(_SMALL_TSU)).lower()


def sound_key(compact: str) -> str:
    """A spelling-blind Latin key, for names written in different scripts."""
    text = _NOT_ALNUM.sub("", _romanised(compact))
    text = _SOFT_C.sub("s", text)
    for spelling, sound in _SOUNDS:
        text = text.replace(spelling, sound)
    # h is written for Russian х (kh) and Japanese/Korean h-sounds alike, or not at all.
    return _DOUBLED.sub(r"\1", text.replace("c", "k").replace("h", ""))


@lru_cache(maxsize=100_000)
def skeleton(compact: str) -> str:
    """The consonants of a name as it sounds, whatever its script: vowels, h and y dropped,
    voiced and voiceless consonants alike, r = l, doubles single. A Latin name's j is
    dropped (often a y: Jönsson), hangul's and kana's kept (제네바, ジェネバ)."""
    text = _NOT_ALNUM.sub("", _romanised(compact))
    if _HANGUL.search(compact):
        # 위 after a consonant writes a German ü: 뮐러 for Müller, 취리히 for Zürich.
        text = _HANGUL_UE.sub("u", text)
    return _consonants(text, keep_j=_script(compact) != "latin")


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_UE = re.compile(r"(?<=[^aeiouw])wi")


def _consonants(text: str, *, keep_j: bool) -> str:
    text = _SOFT_C.sub("s", text).replace("x", "ks").replace("r", "l")
    text = text.translate(_SKELETON_KEEPING_J if keep_j else _SKELETON)
    return _DOUBLED.sub(r"\1", text)


@lru_cache(maxsize=100_000)
def latin_skeletons(compact: str, *, word: bool = False) -> tuple[str, ...]:
    """A Latin name's skeleton, then those of the other ways its letters may sound, as
    Korean, Japanese and Russian write them: German "sch" as sh (Швабен for Schwaben),
    "ch" as sh (샤토 for Château), a soft g and a j as j
    (제네바 for Geneva, 로지스틱스 for Logistics, 잭슨 for Jackson), German z as ts
    (메디친테크닉 for Medizintechnik), w as a vowel (글로우 for Glow), an r not sounded
    (팜스 for Farms); with `word`, also the ways a single word may sound (`_WORD_READINGS`)."""
    readings = [_NOT_ALNUM.sub("", _romanised(compact))]
    for spelling, sound in _OTHER_READINGS:
        # Only the readings a rule changes are new: most rules change few words.
        readings = list(dict.fromkeys([*readings, *(spelling.sub(sound, r) for r in readings)]))
    if word:  # each alone: together they would multiply the readings eightfold
        readings += [spelling.sub(sound, r) for spelling, sound in _WORD_READINGS for r in readings]
        readings = list(dict.fromkeys(readings))
    shapes = [_consonants(reading, keep_j=keep) for keep in (False, True) for reading in readings]
    return tuple(dict.fromkeys(shapes))


def skeletons(compact: str) -> tuple[str, ...]:
    """Every skeleton a name may be looked up by: a Latin one's readings, or its one."""
    return latin_skeletons(compact) if _script(compact) == "latin" else (skeleton(compact),)


def _is_cjk(word: str) -> bool:
    return bool(_CJK_START.match(word))


def latin(word: str) -> str:
    """A word in Latin letters, as anyascii spells it ("лифт" -> "lift")."""
    return anyascii(word).lower()


def has_cjk(text: str) -> bool:
    """Whether a text has Han, kana or hangul in it."""
    return bool(_CJK_START.search(text))


def only_cjk(text: str) -> bool:
    """Whether a text is Han, kana or hangul only, with nothing else in it."""
    return bool(text) and all(_CJK_START.match(char) for char in text)


def _joined(words: Iterable[str]) -> str:
    return " ".join(words)


# --- everyday words ---------------------------------------------------------------------
@cache
def _common_words() -> frozenset[str]:
    """The everyday words of the languages, from wordfreq's lists (ranked in buckets of a
    hundredth of a power of ten; Zipf 3 is bucket 600)."""
    import wordfreq  # loaded on first use: a few word lists of ~30,000 words each

    last = round((9 - COMMON_ZIPF) * 100)
    words = frozenset(
        word
        for lang in COMMON_LANGUAGES
        for bucket in wordfreq.get_frequency_list(lang, wordlist="small")[: last + 1]
        for word in bucket
    )
    wordfreq.get_frequency_list.cache_clear()  # only the set is kept
    return words


@lru_cache(maxsize=200_000)
def is_common(word: str) -> bool:
    """Whether a word (lower case, as written) is an everyday word in one of the languages."""
    return word in _common_words()


@lru_cache(maxsize=4096)
def is_frequent(word: str, locale: str) -> bool:
    """Whether a word is among the most frequent ones of the person's language or English:
    "halle", "sortie", "café"; a brand every language writes now and then is not ("bosch",
    "michelin", "siemens")."""
    import wordfreq

    languages = {locale, "en"} & set(_SPACED_LANGUAGES)
    return any(wordfreq.zipf_frequency(word, lang) >= FREQUENT_ZIPF for lang in languages)


# The languages whose words wordfreq reads without a segmenter of its own.
_SPACED_LANGUAGES = ("en", "de", "fr", "es", "ru", "it", "pt", "nl")


# --- the index ----------------------------------------------------------------------------
@dataclass(frozen=True)
class FoldedName:
    words: tuple[str, ...]
    legal_form: str  # as written, to tell "Nordic Medtech" from "Nordic Medtech Oy"
    compact: str
    script: str
    # Forms for typo and transliteration matching: (spelling, sound key or "", discount).
    fuzzy: tuple[tuple[str, str, float], ...]
    common: tuple[bool, ...] = ()  # per word: an everyday word
    # Its consonants (`skeleton`); a Latin name's in each way it may sound.
    skeletons: tuple[str, ...] = ()
    cjk: bool = False  # written without spaces: Han, kana or hangul


@lru_cache(maxsize=250_000)
def fold_name(name: str) -> FoldedName | None:
    """A catalog name analysed once per process: rebuilding the index after an import only
    folds the names that changed."""
    all_words = tokens(name)
    kept = strip_legal_forms(all_words)
    words = tuple(t.key for t in kept)
    compact = "".join(words)
    if not compact:
        return None
    script = _script(compact)
    legal_form = _legal_form(all_words, kept)
    common = tuple(is_common(t.raw) or t.key in _CONNECTORS.values() for t in kept)
    shapes = skeletons(compact) if script != "han" else ()
    cjk = any(_is_cjk(word) for word in words)
    fuzzy = tuple(_fuzzy_forms(words, script, cjk))
    return FoldedName(words, legal_form, compact, script, fuzzy, common, shapes, cjk)


def _legal_form(all_words: list[Token], kept: list[Token]) -> str:
    names = {id(t) for t in kept}
    return "".join(t.key for t in all_words if id(t) not in names)


def _fuzzy_forms(
    words: tuple[str, ...], script: str, cjk: bool
) -> Iterator[tuple[str, str, float]]:
    """The whole name, then its first words alone ("Fonterra" for "Fonterra Co-operative
    Group") at a small discount; not the first characters of a Han, kana or hangul name."""
    for size in range(len(words), len(words) - 1 if cjk else 0, -1):
        spelling = "".join(words[:size])
        sound = sound_key(spelling) if script != "han" else ""
        yield spelling, sound, PREFIX_DISCOUNT * (size < len(words))


@dataclass(frozen=True)
class NameKey:
    exhibitor_id: str
    name: str  # as the catalog writes it
    folded: FoldedName


@dataclass
class FuzzyChoices:
    """Strings to compare a query with, each with its key number and a score discount,
    sorted by length: a string much shorter or longer than the query cannot reach the
    cutoff, so only a slice of them is compared."""

    strings: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    discounts: list[float] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, string: str, number: int, discount: float) -> None:
        self.strings.append(string)
        self.numbers.append(number)
        self.discounts.append(discount)

    def finish(self) -> None:
        order = sorted(range(len(self.strings)), key=lambda i: len(self.strings[i]))
        self.strings = [self.strings[i] for i in order]
        self.numbers = [self.numbers[i] for i in order]
        self.discounts = [self.discounts[i] for i in order]
        self.lengths = [len(string) for string in self.strings]

    def closest(self, needle: str, cutoff: float) -> Iterator[tuple[int, float]]:
        """(key number, score) of the strings scoring at least `cutoff`, discount taken off."""
        # fuzz.ratio is 200 * common / (len(a) + len(b)), and common <= the shorter length.
        shortest = math.ceil(len(needle) * cutoff / (200 - cutoff))
        longest = math.floor(len(needle) * (200 - cutoff) / cutoff)
        low = bisect_left(self.lengths, shortest)
        high = bisect_right(self.lengths, longest)
        best = process.extract(
            needle, self.strings[low:high], scorer=fuzz.ratio, score_cutoff=cutoff, limit=20
        )
        for _, score, at in best:
            discounted = float(score) - self.discounts[low + at]
            if discounted >= cutoff:
                yield self.numbers[low + at], discounted


@dataclass(frozen=True)
class _Unit:
    """Words of a name read as one word of it: a word, or a phrase a group translates
    written in full ("étoile du nord"). `at`: their positions; `words`: how many of them
    are no word that joins a name's parts."""

    text: str
    at: frozenset[int]
    words: int


@lru_cache(maxsize=100_000)
def _units(keys: tuple[str, ...]) -> tuple[_Unit, ...]:
    """The units a name's (or a query's) words may be read as: each word but the words
    that join a name's parts (those with a translation too: "dos", two), and each phrase
    of a group written in full."""
    links = _name_links()
    translations = _name_words()
    found = [
        _Unit(key, frozenset({at}), int(key not in links))
        for at, key in enumerate(keys)
        if key not in links or key in translations
    ]
    for first in range(len(keys)):
        for last in range(first + 2, min(first + MAX_PHRASE_WORDS, len(keys)) + 1):
            phrase = " ".join(keys[first:last])
            if phrase in translations:
                words = sum(keys[at] not in links for at in range(first, last))
                found.append(_Unit(phrase, frozenset(range(first, last)), words))
    return tuple(found)


def _best_reading(
    units: Sequence[_Unit], size: int, required: frozenset[int], name: tuple[str, ...]
) -> tuple[frozenset[int], bool] | None:
    """The best way of reading a query's units (`size` words, the `required` ones all
    read) as a name's words one for one, as written or translated: the positions of the
    query read and whether it is all of the name's words but its joining words; None if
    there is none, or it reads fewer than two words on either side, or it reads only some
    of the name without a word translated (no reading by translation, then)."""
    links = _name_links()
    own = frozenset(at for at, key in enumerate(name) if key not in links)
    best: tuple[tuple[bool, int, bool], frozenset[int]] | None = None
    for pairs in islice(_readings(units, size, required, _units(name)), MAX_READINGS):
        read = frozenset(at for unit, _ in pairs for at in unit.at)
        used = frozenset(at for _, unit in pairs for at in unit.at)
        words = max(sum(q.words for q, _ in pairs), sum(n.words for _, n in pairs))
        translated = any(q.text != n.text for q, n in pairs)
        whole = own <= used
        if words < 2 or not (whole or translated):
            continue
        rank = (whole, len(own & used), translated)
        if best is None or rank > best[0]:
            best = (rank, read)
    return None if best is None else (best[1], best[0][0])


def _readings(
    units: Sequence[_Unit], size: int, required: frozenset[int], name: Sequence[_Unit]
) -> Iterator[tuple[tuple[_Unit, _Unit], ...]]:
    """Each way of pairing a query's units with a name's, one for one, the same word or
    translations of each other, that reads every required position of the query."""
    starting: dict[int, list[_Unit]] = defaultdict(list)
    for unit in units:
        starting[min(unit.at)].append(unit)

    def walk(
        at: int, read: frozenset[int], used: frozenset[int], pairs: tuple[tuple[_Unit, _Unit], ...]
    ) -> Iterator[tuple[tuple[_Unit, _Unit], ...]]:
        if at == size:
            yield pairs
            return
        if at in read:
            yield from walk(at + 1, read, used, pairs)
            return
        for unit in starting.get(at, ()):
            if unit.at & read:
                continue
            for theirs in name:
                if not theirs.at & used and _translates(unit.text, theirs.text):
                    yield from walk(
                        at + 1, read | unit.at, used | theirs.at, (*pairs, (unit, theirs))
                    )
        if at not in required:  # a word joining the name's parts, read or not
            yield from walk(at + 1, read, used, pairs)

    return walk(0, frozenset(), frozenset(), ())


@dataclass(frozen=True)
class _Found:
    """A name found in a message by its words: the message words [first, last) stand for
    the name words at `positions`, `mistyped` of them with `typos` letters wrong."""

    number: int
    first: int
    last: int
    positions: tuple[int, ...]
    typos: int
    mistyped: int


@dataclass
class NameIndex:
    keys: list[NameKey] = field(default_factory=list)
    by_words: dict[str, list[int]] = field(default_factory=dict)
    by_compact: dict[str, list[int]] = field(default_factory=dict)
    # A name's words in any order ("Distribución Valdés" for Valdés Distribución).
    by_bag: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    # Runs of a name's words written as one ("Vandamme Leroy" for Van Damme-Leroy).
    by_run: dict[str, list[int]] = field(default_factory=dict)
    by_sound: dict[str, list[int]] = field(default_factory=dict)
    by_skeleton: dict[str, list[int]] = field(default_factory=dict)
    # First word of any name -> most words of a name starting with it: a message's words
    # that start no name are skipped at once.
    starts: dict[str, int] = field(default_factory=dict)
    # Word (or CJK character pair) -> the names that have it, and how many exhibitors do.
    postings: dict[str, list[int]] = field(default_factory=dict)
    pairs: dict[str, list[int]] = field(default_factory=dict)
    spread: dict[str, int] = field(default_factory=dict)
    # Words of the names by length and first letter, and by length and last letter: a typo
    # is looked for among words that begin or end like the word typed.
    vocabulary: dict[tuple[int, str, str], list[str]] = field(default_factory=dict)
    # The words of the names, sorted: whether a word starts any of them ("jin" of jinlong).
    sorted_words: list[str] = field(default_factory=list)
    # Fuzzy candidates: parallel lists of strings and key numbers, per kind of comparison.
    spellings: dict[str, FuzzyChoices] = field(
        default_factory=lambda: {script: FuzzyChoices() for script in ("latin", "han", "other")}
    )
    latin_sounds: FuzzyChoices = field(default_factory=lambda: FuzzyChoices())
    other_sounds: FuzzyChoices = field(default_factory=lambda: FuzzyChoices())
    skeletons: FuzzyChoices = field(default_factory=lambda: FuzzyChoices())  # Latin names
    # The consonants of each word of a Latin name, and of two words together (레드폭스 is
    # Red Fox): the names that have such a word.
    word_skeletons: dict[str, set[int]] = field(default_factory=dict)
    # Those consonants by their number: a word with one of them heard otherwise is looked
    # for among the skeletons as long as it, give or take one.
    skeletons_by_length: dict[int, list[str]] = field(default_factory=dict)
    # The sound of each rare word of a Latin name, and its consonants as other scripts
    # may write them when more than MIN_SKELETON: the names that have such a word.
    word_sounds: dict[str, set[int]] = field(default_factory=dict)
    rare_word_skeletons: dict[str, set[int]] = field(default_factory=dict)
    _owners: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def add(self, exhibitor_id: str, name: str, *, exact_only: bool = False) -> None:
        """`exact_only`: a spelling of the name the catalog does not write (its pinyin),
        found only as written, never by typos or by sound."""
        folded = fold_name(name.strip())
        if folded is None:
            return
        number = len(self.keys)
        self.keys.append(NameKey(exhibitor_id, name.strip(), folded))
        self.by_words.setdefault(_joined(folded.words), []).append(number)
        self.by_compact.setdefault(folded.compact, []).append(number)
        if exact_only:
            self._add_words(exhibitor_id, folded, number)
            return
        if len(folded.words) > 1 and not folded.cjk:
            self.by_bag.setdefault(tuple(sorted(folded.words)), []).append(number)
            for run in _runs(folded):
                self.by_run.setdefault(run, []).append(number)
        sounds = self.latin_sounds if folded.script == "latin" else self.other_sounds
        for written, sound, discount in folded.fuzzy:
            spelling = _letters(written)
            if len(spelling) >= MIN_FUZZY_LENGTH:
                self.spellings[folded.script].add(spelling, number, discount)
            if len(sound) >= MIN_FUZZY_LENGTH:
                if not discount:
                    self.by_sound.setdefault(sound, []).append(number)
                sounds.add(sound, number, discount)
        for shape in folded.skeletons:
            if len(shape) >= MIN_SKELETON:
                self.by_skeleton.setdefault(shape, []).append(number)
                if folded.script == "latin":
                    self.skeletons.add(shape, number, 0.0)
        if folded.script == "latin":
            for shape in _word_skeletons(folded.words):
                self.word_skeletons.setdefault(shape, set()).add(number)
            for word in folded.words:
                if len(sound := sound_key(word)) < MIN_WORD_SOUND or is_common(word):
                    continue
                self.word_sounds.setdefault(sound, set()).add(number)
                for shape in latin_skeletons(word, word=True):
                    if len(shape) > MIN_SKELETON:
                        self.rare_word_skeletons.setdefault(shape, set()).add(number)
        self._add_words(exhibitor_id, folded, number)

    def _add_words(self, exhibitor_id: str, folded: FoldedName, number: int) -> None:
        first = folded.words[0]
        self.starts[first] = max(self.starts.get(first, 0), len(folded.words))
        for word in dict.fromkeys(folded.words):
            self.postings.setdefault(word, []).append(number)
            self._owners.setdefault(word, set()).add(exhibitor_id)
        for pair in dict.fromkeys(_pairs(folded.words) if folded.cjk else ()):
            self.pairs.setdefault(pair, []).append(number)
            self._owners.setdefault(pair, set()).add(exhibitor_id)

    def finish(self) -> NameIndex:
        for choices in (
            *self.spellings.values(),
            self.latin_sounds,
            self.other_sounds,
            self.skeletons,
        ):
            choices.finish()
        self.spread = {word: len(owners) for word, owners in self._owners.items()}
        self._owners = {}
        self.sorted_words = sorted(self.postings)
        for shape in self.word_skeletons:
            self.skeletons_by_length.setdefault(len(shape), []).append(shape)
        for word in self.postings:
            if len(word) >= TYPO_LENGTH - 1 and not _is_cjk(word) and not word.isdigit():
                self.vocabulary.setdefault((len(word), word[0], ""), []).append(word)
                self.vocabulary.setdefault((len(word), "", word[-1]), []).append(word)
        return self

    # --- look-ups -------------------------------------------------------------------------
    def find(self, query: str) -> list[Match]:
        """The names that best fit a query that is meant to be one company's name: exact
        matches; else the longest catalog name (or the most of one) inside it; else typos
        of the whole query and names that sound like it."""
        all_words = tokens(query)
        words = strip_legal_forms(all_words)
        compact = "".join(w.key for w in words)
        if len(compact) < 2:
            return []
        start, end = words[0].start, words[-1].end
        exact = [
            self._match(n, "exact", 100.0, start, end) for n in self.by_compact.get(compact, [])
        ]
        if not exact and len(words) > 1:
            exact = [
                self._match(n, "exact", 99.0, start, end)
                for n in self.by_bag.get(tuple(sorted(w.key for w in words)), [])
            ]
        exact = exact or self._with_its_own_words(words) or self._translated(words)
        if exact:
            return _distinct(self._same_legal_form(exact, _legal_form(all_words, words)))
        best = (
            _top(self._link(all_words, tagged=[(0, len(query))]))
            or self._in_any_order(words)
            or self._written_as_one(compact, start, end)
        )
        covered = sum(len(w.key) for w in words if best and best[0].start <= w.start < best[0].end)
        # A typo of a whole name beats a shorter name that is merely in the query ("Chidre
        # Danolho" is Chidre Danloho rather than Chidre), and the whole query compared with
        # whole names tells typos and other scripts apart better than word by word.
        lesser = covered < CONTAINED_SHARE * len(compact)
        if not best or best[0].kind == "fuzzy" or lesser:
            close = [m for m in self._fuzzy(compact, start, end) if self._mistyped(words, m)]
            fuzzy = _best(close) or self._sounding(compact, start, end)
            if not fuzzy and lesser and best and best[0].kind == "partial":
                # "Autopartes Gutiérrez Hnos" is not Hernández Autopartes: a part of a
                # name that is the lesser part of the query names another company.
                best = []
            best = fuzzy or best
        if not best and len(words) == 1:
            best = self._a_word_mistyped(compact, start, end)
        return _distinct(self._same_legal_form(best, _legal_form(all_words, words)))

    def _a_word_mistyped(self, typed: str, start: int, end: int) -> list[Match]:
        """One distinctive word of a name typed with a slip ("seifert" for the Seiffert of
        Holzspielzeug Erzgebirge Seiffert): a long word one typo from a word few names have
        and no language uses every day, its first letter right."""
        if len(typed) < MISTYPED_WORD_MIN or _is_cjk(typed):
            return []
        return [
            self._match(number, "partial", float(len(word)) - 1, start, end)
            for word, numbers in self.postings.items()
            if word[0] == typed[0]
            and abs(len(word) - len(typed)) <= 1
            and len(numbers) <= DISTINCT_EXHIBITORS
            and word != typed
            and not is_common(word)
            and _typo_of(typed, word)
            for number in numbers
        ]

    def _translated(self, words: Sequence[Token]) -> list[Match]:
        """A name written with its words translated: "Sakura Farmacéutica" for Sakura
        Pharmaceutical, "Estambul Makina" for İstanbul Makina, "Brasserie des Trois Cloches"
        for Brouwerij De Drie Klokken, "Goldener Drache" for Golden Dragon Foods."""
        return self._translated_word_for_word(words) or self._translated_as_one(words)

    def _translated_word_for_word(self, words: Sequence[Token]) -> list[Match]:
        """Names whose words the query's are, one for one, as written or translated, in any
        order and with other words that join them ("Horticulture de la vallée du Rift" for
        Rift Valley Horticulture; "étoile du nord", a phrase, for Noordster). Every word of
        the query but those joining words is one of the name's, and two words at least on
        either side are: "Drei" alone, or "Drei Sterne" (three stars), is no Drie Klokken.
        All of the name's words but its joining words: the name (kind "exact"); only some,
        with a word translated: a part of it ("Goldener Drache" of Golden Dragon Foods),
        when few exhibitors have such a part."""
        keys = tuple(w.key for w in words)
        links = _name_links()
        required = frozenset(at for at, key in enumerate(keys) if key not in links)
        if not required or len(required) > MAX_TRANSLATED_WORDS or any(map(_is_cjk, keys)):
            return []
        units = _units(keys)
        seeds = min((self._named_with(u for u in units if at in u.at) for at in required), key=len)
        if len(seeds) > TRANSLATED_CANDIDATES:
            return []
        start, end = words[0].start, words[-1].end
        whole, parts = [], []
        for number in sorted(set(seeds)):
            folded = self.keys[number].folded
            if folded.cjk or len(folded.words) > MAX_TRANSLATED_NAME_WORDS:
                continue
            reading = _best_reading(units, len(keys), required, folded.words)
            if reading is None:
                continue
            covered, is_whole = reading
            if is_whole:
                whole.append(self._match(number, "exact", 97.0, start, end))
            else:
                letters = float(sum(len(keys[at]) for at in covered))
                parts.append(self._match(number, "partial", letters, start, end))
        if whole:
            return whole
        owners = {m.exhibitor_id for m in parts}
        return parts if len(owners) <= DISTINCT_EXHIBITORS else []

    def _named_with(self, units: Iterable[_Unit]) -> list[int]:
        """The names that have a word (or a phrase's first word) one of the units may be."""
        found: list[int] = []
        for unit in units:
            for form in (unit.text, *_name_words().get(unit.text, ())):
                found += self.postings.get(form.split(" ", 1)[0], [])
        return found

    def _translated_as_one(self, words: Sequence[Token]) -> list[Match]:
        """Two words or more translated into one word of a name: "Golden Dragon" for the
        word Jinlong of Jinlong Auto Electronics, which few names have; not when a name has
        the words as written (Golden Dragon Foods)."""
        choices = [
            (w.key, *(t for t in _name_words().get(w.key, ()) if " " not in t)) for w in words
        ]
        if len(choices) < 2 or all(len(choice) == 1 for choice in choices):
            return []
        if self._have_all(w.key for w in words if w.key not in _name_links()):
            return []
        joined = [""]
        for choice in choices:
            joined = [
                spelt for so_far in joined for form in choice if self._begun(spelt := so_far + form)
            ]
        start, end = words[0].start, words[-1].end
        own = {w.key for w in words}
        whole = [
            self._match(number, "exact", 97.0, start, end)
            for spelt in joined
            for number in self.by_compact.get(spelt, [])
        ]
        return whole or [
            self._match(number, "partial", float(len(spelt)), start, end)
            for spelt in joined
            if spelt not in own
            and not is_common(spelt)
            and len(numbers := self.postings.get(spelt, [])) <= DISTINCT_EXHIBITORS
            for number in numbers
        ]

    def _have_all(self, keys: Iterable[str]) -> bool:
        """Whether a name has all these words."""
        numbers: set[int] | None = None
        for key in keys:
            have = set(self.postings.get(key, []))
            numbers = have if numbers is None else numbers & have
            if not numbers:
                return False
        return bool(numbers)

    def _begun(self, prefix: str) -> bool:
        """Whether a word of the names starts with these letters."""
        at = bisect_left(self.sorted_words, prefix)
        return at < len(self.sorted_words) and self.sorted_words[at].startswith(prefix)

    def _with_its_own_words(self, words: Sequence[Token]) -> list[Match]:
        """One of an exhibitor's names and words of its other names: "Qingdao Haiyang
        Shuichan" for Qingdao Ocean Aquatic Products, alias Haiyang Shuichan."""
        found = []
        for at in range(1, len(words)):
            for name, rest in ((words[at:], words[:at]), (words[:at], words[at:])):
                for number in self.by_compact.get("".join(w.key for w in name), []):
                    owner = self.keys[number].exhibitor_id
                    if all(self._owns(owner, word.key) for word in rest):
                        start, end = words[0].start, words[-1].end
                        found.append(self._match(number, "exact", 98.0, start, end))
        return found

    def _owns(self, exhibitor_id: str, word: str) -> bool:
        return any(self.keys[n].exhibitor_id == exhibitor_id for n in self.postings.get(word, []))

    def _written_as_one(self, compact: str, start: int, end: int) -> list[Match]:
        """Names with a run of words the query writes differently spaced ("Vandamme
        Leroy", "Vallede Oro"), when few exhibitors have that run."""
        numbers = self.by_run.get(compact, [])
        if not numbers or len({self.keys[n].exhibitor_id for n in numbers}) > DISTINCT_EXHIBITORS:
            return []
        return [self._match(n, "partial", float(len(compact)), start, end) for n in numbers]

    def _in_any_order(self, words: Sequence[Token]) -> list[Match]:
        """Names that have all the query's words, in another order and with more words
        ("Aguacates Villaseñor" for Hermanos Villaseñor Aguacates), when one of them is a
        word few names have and no everyday word."""
        keys = [w.key for w in words]
        if len(keys) < 2 or any(_is_cjk(key) for key in keys):
            return []
        if not any(
            self.spread.get(w.key, 0) <= DISTINCT_EXHIBITORS and not is_common(w.raw) for w in words
        ):
            return []
        numbers = set(self.postings.get(keys[0], []))
        for key in keys[1:]:
            numbers &= set(self.postings.get(key, []))
        start, end = words[0].start, words[-1].end
        letters = float(sum(len(key) for key in keys))
        return [self._match(n, "partial", letters, start, end) for n in sorted(numbers)]

    def _mistyped(self, words: Sequence[Token], match: Match) -> bool:
        """Whether a name in the query's own script is the query mistyped, word by word:
        "Laboratorios Farmacéuticos Mexicanos" is close to "… Ibéricos" letter for letter,
        but "mexicanos" is another word, not a typo of "ibericos"."""
        folded = self.keys[match.key_number].folded
        if folded.script != "latin" or _script("".join(w.key for w in words)) != "latin":
            return True
        return all(
            word.key in folded.compact  # as it is, or joined to the next word
            or len(word.key) < MIN_OWN_WORD
            or any(_typo_of(word.key, name_word) for name_word in folded.words)
            for word in words
        )

    def _same_legal_form(self, best: list[Match], legal_form: str) -> list[Match]:
        """Of names that differ only in their legal form ("Nordic Medtech", "Nordic Medtech
        Oy"), the ones with the query's legal form (or none, like the query), if any."""
        if len({self.keys[m.key_number].folded.compact for m in best}) != 1:
            return best
        same = [m for m in best if self.keys[m.key_number].folded.legal_form == legal_form]
        return same or best

    def suggest(self, query: str, limit: int) -> list[Match]:
        """Names close to one that matched nothing, to offer instead: close spellings
        first, then names sharing its least common words."""
        words = strip_legal_forms(tokens(query))
        compact = "".join(w.key for w in words)
        if len(compact) < 3:
            return []
        close = self._fuzzy(compact, 0, len(query), SUGGESTION_CUTOFF)
        found = _distinct(sorted(close, key=lambda m: -m.score))
        return _distinct(found + self._sharing(words))[:limit]

    def _sharing(self, words: list[Token]) -> list[Match]:
        """Names with the query's words that are no everyday words, or that start with its
        first word ("Siemens Healthineers": Siemens AG), the rarest first."""
        found: dict[int, float] = {}
        for at, word in enumerate(words):
            spread = self.spread.get(word.key, 0)
            if not spread or len(word.key) < MIN_MENTION_LENGTH or _is_cjk(word.key):
                continue
            weight = math.log(1 + len(self.keys) / spread)
            for number in self.postings.get(word.key, [])[:SEED_LIMIT]:
                first = self.keys[number].folded.words[0] == word.key
                if not is_common(word.raw) or (at == 0 and first):
                    found[number] = found.get(number, 0.0) + weight
        ranked = sorted(found, key=lambda n: (-found[n], len(self.keys[n].name)))
        return [self._match(n, "partial", found[n], 0, 0) for n in ranked]

    def mentions(
        self,
        text: str,
        tagged: Sequence[tuple[int, int]] = (),
        places: Sequence[tuple[int, int]] = (),
    ) -> list[Match]:
        """Catalog names written anywhere in a message, the best first: the longest span,
        then a whole name before a part of one, before a typo. `tagged` are spans the
        language model took for a company name: parts of names count there even when
        written without a capital letter or made of everyday words. `places` are countries
        named: "Café de Altura de Costa Rica" is Café de Altura, from Costa Rica."""
        shouted = _all_capitals(text)  # "YAMAMOTO SEIKI TORNOS CNC": capitals say nothing
        words = [
            replace(
                w,
                place=w.place or any(s <= w.start < e for s, e in places),
                capital=w.capital and not shouted,
            )
            for w in tokens(text)
        ]
        found = self._link(words, tagged, model_tags=True)
        # "dairy from the Nordics": words that name a country or a region are no company,
        # close as they come to one's name (Nordica), unless the model took them for one.
        found = [
            m
            for m in found
            if not any(s <= m.start and m.end <= e for s, e in places)
            or any(s < m.end and m.start < e for s, e in tagged)
        ]
        return _distinct(_longest_first(found))

    # --- word-level linking ----------------------------------------------------------------
    def _link(
        self, words: list[Token], tagged: Sequence[tuple[int, int]], *, model_tags: bool = False
    ) -> list[Match]:
        """`model_tags`: the spans in `tagged` are what the language model tagged, rather
        than a whole query taken for a name."""
        forms = [self._forms(word) for word in words]
        candidates: set[int] = set(self._written_in_full(words))
        for at, word_forms in enumerate(forms):
            for form in word_forms:
                numbers = self.postings.get(form, [])
                if len(numbers) <= SEED_LIMIT and not _is_cjk(form):
                    candidates.update(numbers)
            if at + 1 < len(words) and _is_cjk(words[at].key) and _is_cjk(words[at + 1].key):
                numbers = self.pairs.get(words[at].key + words[at + 1].key, [])
                if len(numbers) <= SEED_LIMIT:
                    candidates.update(numbers)
        found = []
        for number in candidates:
            for aligned in self._align(number, words, forms):
                judged = self._judge(aligned, words, tagged, model_tags=model_tags)
                if judged is not None:
                    found.append(judged)
        found += self._by_sound(words, tagged)
        found += self._sounded_word_by_word(words)
        found += self._a_name_word_by_its_sound(words)
        return self._legal_form_preferred(found, words)

    def _written_in_full(self, words: list[Token]) -> Iterator[int]:
        """Names whose words stand together in the message, however common they are."""
        for first, word in enumerate(words):
            longest = self.starts.get(word.key, 0)
            for last in range(min(len(words), first + longest), first, -1):
                yield from self.by_words.get(_joined(w.key for w in words[first:last]), [])

    def _forms(self, word: Token) -> dict[str, int]:
        """The words of the names a message word can stand for, with the typos it takes."""
        key = word.key
        if key in self.postings:
            return {key: 0}
        if _is_cjk(key) or key.isdigit():
            return {}
        spelt = key
        for spelling, letter in _UMLAUT_SPELLINGS:
            spelt = spelt.replace(spelling, letter)
            if key.replace(spelling, letter) in self.postings:
                return {key.replace(spelling, letter): 0}
        if spelt in self.postings:
            return {spelt: 0}
        if len(key) < TYPO_LENGTH or is_common(word.raw):
            return {}  # a short or everyday word is what it says, not a misspelt name
        return self._typos(key)

    def _typos(self, key: str) -> dict[str, int]:
        """Words of the names one typo (two in long words) away: a letter left out, added,
        changed, or two swapped."""
        most = _typos_allowed(key)
        found: dict[str, int] = {}
        for length in range(len(key) - most, len(key) + most + 1):
            for bucket in ((length, key[0], ""), (length, "", key[-1])):
                for choice, distance, _ in process.extract_iter(
                    key, self.vocabulary.get(bucket, []), scorer=OSA.distance, score_cutoff=most
                ):
                    if distance <= most and len(choice) >= TYPO_LENGTH:
                        found[choice] = int(distance)
        return found

    def _align(
        self, number: int, words: list[Token], forms: list[dict[str, int]]
    ) -> Iterator[_Found]:
        """The runs of message words that are the name's words in the name's order (words
        of the name may be left out, none added), each as long as it goes."""
        name = self.keys[number].folded.words
        first = 0
        while first < len(words):
            # A word stands for its first place in the name.
            position = next((p for p, word in enumerate(name) if word in forms[first]), None)
            if position is None:
                first += 1
                continue
            positions, typos = [position], forms[first][name[position]]
            mistyped = int(typos > 0)
            last = first + 1
            while last < len(words):
                following = next(
                    (p for p in range(positions[-1] + 1, len(name)) if name[p] in forms[last]),
                    None,
                )
                if following is None:
                    break
                positions.append(following)
                typos += forms[last][name[following]]
                mistyped += forms[last][name[following]] > 0
                last += 1
            yield _Found(number, first, last, tuple(positions), typos, mistyped)
            first = last

    def _judge(
        self,
        found: _Found,
        words: list[Token],
        tagged: Sequence[tuple[int, int]],
        *,
        model_tags: bool = False,
    ) -> Match | None:
        """The match, if the words found are enough to say the message names this company."""
        folded = self.keys[found.number].folded
        span = words[found.first : found.last]
        letters = sum(len(w.key) for w in span)
        if letters < (MIN_MENTION_LENGTH_CJK if folded.cjk else MIN_MENTION_LENGTH):
            return None
        whole = len(found.positions) == len(folded.words)
        # Three words or more of a name in a row are a name however they are written:
        # "mobiliario de oficina azteca" (but "alpine dairy" may be a search).
        named = (
            _overlaps(span, tagged)
            or folded.cjk
            or _capitalised(span, words)
            or (whole and not found.typos and _long(folded.words))
        )
        everyday = all(folded.common[p] for p in found.positions)
        if whole and not found.typos:
            if everyday and not named:
                return None  # "alpine dairy products" is a search, "Alpine Dairy" a name
            kind = "exact"
        elif whole:
            if found.mistyped > max(1, len(folded.words) // 2) or (everyday and not named):
                return None  # a typo in most of a name, or in everyday words written lower case
            kind = "fuzzy"
        elif not named or not self._identifies(
            found, folded, tagged=_all_tagged(found, words, tagged)
        ):
            return None
        else:
            kind = "partial"
        legal, size = legal_form_after(words, found.last)
        extra = size if legal and legal == folded.legal_form else 0
        part = everyday and not whole  # a part of a name in everyday words only
        goes_on = _name_goes_on(
            words, found.first, found.last + extra, tagged, everyday=part, model_tags=model_tags
        )
        if goes_on:
            return None  # "Siemens Healthineers" is not Siemens AG
        end = words[found.last - 1 + extra].end
        score = float(letters + sum(len(w.key) for w in words[found.last : found.last + extra]))
        key = self.keys[found.number]
        start = span[0].start
        return Match(key.exhibitor_id, key.name, kind, score, start, end, found.number, found.typos)

    def _identifies(self, found: _Found, folded: FoldedName, *, tagged: bool) -> bool:
        """Whether a part of a name is enough to tell the company: a word (or character
        pair) few exhibitors have and that is no everyday word; or most of the name."""
        names = folded.words
        share = len(found.positions) / len(names)
        if folded.cjk:
            pairs = [names[p] + names[q] for p, q in pairwise(found.positions) if q == p + 1]
            rare = any(
                self.spread.get(pair, 0) <= DISTINCT_EXHIBITORS
                and (tagged or not is_common(pair))  # 食品, 乳业: everyday words
                for pair in pairs
            )
            # Chinese short names are the start of the full one (恒天然 for 恒天然合作社集团);
            # a part from inside a name is a word or more of it (霜藤酒庄), not two or three
            # characters that may straddle words of another name (华盛巧克力贸易: 力贸易).
            start = found.positions[0] == 0 and len(pairs) == len(found.positions) - 1
            inside = share >= CJK_PART_SHARE and len(found.positions) >= CJK_INNER_PART
            # 헬스케어 of 세원헬스케어 is everyday words ("필립스 헬스케어" is another company);
            # Chinese and Japanese names are made of everyday words (花王, 湄公河大米).
            run = "".join(names[p] for p in found.positions)
            everyday = bool(_HANGUL.match(run)) and _everyday(run)
            return len(found.positions) >= 2 and (inside or start) and rare and not everyday
        for at, position in enumerate(found.positions):
            word = names[position]
            rare = self.spread.get(word, 0) <= DISTINCT_EXHIBITORS
            # A typo alone only in a long word: "Frostvien" yes, "Gourmt" no.
            typed = found.typos == 0 or (len(word) >= PART_TYPO_LENGTH and at == 0)
            if rare and typed and (tagged or not folded.common[position]):
                return True
        return len(found.positions) >= 2 and share >= COMMON_PART_SHARE and not found.typos

    def _by_sound(self, words: list[Token], tagged: Sequence[tuple[int, int]]) -> list[Match]:
        """Names written in another script than the catalog's: Лукойл for Lukoil, ノルドカム
        ロボティクス for Nordkamm Robotics, "Lukoil" for Лукойл. Windows of words (kana and
        hangul: of characters) are compared by their sound."""
        shortest: dict[tuple[int, int], Match] = {}
        for first, word in enumerate(words):
            other = _script(word.key) == "other"
            if not other and not _overlaps(words[first : first + 1], tagged):
                continue  # a Latin word sounding like a Cyrillic name: only where tagged
            if not _starts_word(words, first):
                continue
            most = MAX_TRANSLITERATED_WORDS if _KANA_OR_HANGUL.match(word.key) else 4
            for last in range(min(len(words), first + most), first, -1):
                window = words[first:last]
                if (_script(window[-1].key) == "other") != other:
                    continue
                if _name_goes_on(words, first, last, tagged):
                    continue
                compact = "".join(w.key for w in window)
                sounds = self.by_sound.get(sound_key(compact), [])
                shape = skeleton(compact) if other and _may_sound_like_a_name(window) else ""
                # Five consonants suffice for words written as a name (Эмирейтс Дейт).
                least = MIN_SKELETON if all(w.capital for w in window) else MIN_SKELETON + 1
                shaped = self.by_skeleton.get(shape, []) if len(shape) >= least else []
                start, end = window[0].start, window[-1].end
                # The same sound key beats the same consonants: Felnugor, not Felja Lingor.
                for numbers, bonus in ((sounds, SOUND_BONUS), (shaped, 0.0)):
                    for number in numbers:
                        if self.keys[number].folded.script == ("other" if not other else "latin"):
                            score = len(compact) + bonus
                            # Windows shrink: the shortest with the sound is the name
                            # ("새한로보틱스", not "새한로보틱스 소", whose 소 adds only an s).
                            shortest[(first, number)] = self._match(
                                number, "fuzzy", score, start, end
                            )
        return list(shortest.values()) + self._katakana(words)

    def _a_name_word_by_its_sound(self, words: list[Token]) -> list[Match]:
        """A rare word of a Latin name written alone by its sound in kana, hangul or
        Cyrillic, or in kana and hangul by six consonants or more: "벨란디" of Frantoio
        Bellandi and Farmaceutici Bellandi, "카스텔베트리" of Castelvetri, a part of their
        names as the Latin word would be (the message's other words may tell which)."""
        found = []
        capitals = {w.start for w in words if w.capital}
        for word in _script_words(words):
            # Russian writes a name with a capital letter.
            if not (word.sounded or (word.script == "cyrillic" and word.start in capitals)):
                continue
            for form in word.forms:
                numbers = self.word_sounds.get(sound_key(form), set())
                if not numbers and word.sounded:
                    # Kana and hangul spell a cluster with vowels between (카스텔베트리):
                    # by six consonants or more (the index holds no fewer), Russian's
                    # everyday words never.
                    numbers = {
                        n
                        for shape in _cyrillic_read(form)
                        for n in self.rare_word_skeletons.get(shape, ())
                    }
                owners = {self.keys[n].exhibitor_id for n in numbers}
                if numbers and len(owners) <= DISTINCT_EXHIBITORS:
                    letters = float(word.end - word.start)
                    found += [
                        self._match(n, "partial", letters, word.start, word.end) for n in numbers
                    ]
                    break
        return found

    def _sounded_word_by_word(self, words: list[Token]) -> list[Match]:
        """Latin names written word by word in kana or hangul, some of their
        words translated and the rest left out: "レッドフォックス タイヤ" for Red Fox Tyre,
        "블루 로터스 스파" for Blue Lotus Spa Products, "サクラ化粧品" and "Sakura精密" for
        Sakura Cosmetics and Sakura Precision. A run of the message's words reads as the
        name's words in order, each by its consonants (one word may be two of the name's:
        레드폭스) or as its translation; the run holds a word in another script, sounded
        words enough, and two of the name's words at least. A part of a name tells a company
        only when few exhibitors have it."""
        spoken = _script_words(words)
        if not any(w.sounded or w.script == "han" for w in spoken):
            return []
        found: dict[tuple[int, int], list[tuple[int, bool]]] = {}
        links = _name_links()
        for first, word in enumerate(spoken):
            for number in self._named_by_word(word):
                folded = self.keys[number].folded
                read = _read_in_order(spoken, first, folded.words)
                if read is None:
                    continue
                run = spoken[first : read.end]
                covered = read.covered
                whole = len(covered) == len(folded.words)
                own = [at for at in covered if folded.words[at] not in links]
                if (
                    len(own) < WORD_SOUND_NAME_WORDS
                    or read.consonants < WORD_SOUND_CONSONANTS
                    or all(w.script == "latin" for w in run)
                    # One word alone ("건기식", health food) may sound like two of a name.
                    or (_one_word(run) and read.consonants < LONE_WORD_CONSONANTS)
                ):
                    continue
                span = (run[0].start, run[-1].end)
                found.setdefault(span, []).append((number, whole))
        matches = []
        for (start, end), named in found.items():
            wholes = [number for number, is_whole in named if is_whole]
            chosen = wholes or [number for number, _ in named]
            if (
                not wholes
                and len({self.keys[n].exhibitor_id for n in chosen}) > DISTINCT_EXHIBITORS
            ):
                continue
            letters = float(end - start)
            matches += [self._match(n, "fuzzy", letters, start, end) for n in chosen]
        return matches

    def _named_by_word(self, word: _ScriptWord) -> set[int]:
        """The Latin names that have a word the message's word may be: as written or
        translated, or by its consonants."""
        found: set[int] = set()
        for form in word.forms:
            for other in (form, *_name_words().get(form, ())):
                if len(numbers := self.postings.get(other, [])) <= SEED_LIMIT:
                    found.update(numbers)
            if word.sounded:
                found |= self._sounding_word(skeleton(form))
        return {n for n in found if self.keys[n].folded.script == "latin"}

    def _sounding_word(self, shape: str) -> set[int]:
        """The Latin names with a word (or two) of these consonants, or, in a long word,
        of these with one heard otherwise."""
        found = set(self.word_skeletons.get(shape, ()))
        if len(shape) < SLIP_CONSONANTS:
            return found
        for length in (len(shape) - 1, len(shape), len(shape) + 1):
            shapes = self.skeletons_by_length.get(length, [])
            for other, _, _ in process.extract(
                shape, shapes, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                found |= self.word_skeletons[other]
        return found

    def _katakana(self, words: list[Token]) -> list[Match]:
        """Katakana spellings of Latin names, which add vowels and drop sounds (フォンテラ
        "fuontera" for Fonterra, ワイカト・ディア "waikato deia" for Waikato Deer): whole
        katakana runs that are no everyday words, by their closest sound key, or their
        closest consonants; the closer first."""
        found = []
        for first, last in _katakana_runs(words):
            run = words[first:last]
            compact = "".join(w.key for w in run)
            if len(compact) < KATAKANA_LETTERS or not _may_sound_like_a_name(run):
                continue
            start, end = run[0].start, run[-1].end
            cutoff = TRANSLITERATED_CUTOFF if len(compact) > KATAKANA_LETTERS else FUZZY_CUTOFF
            close = list(self.latin_sounds.closest(sound_key(compact), cutoff))
            shape = skeleton(compact)
            if len(shape) > MIN_SKELETON:
                close += self.skeletons.closest(shape, SKELETON_CUTOFF)
            for number, score in close:
                letters = len(compact) + score / 1000  # the closer sound first
                found.append(self._match(number, "fuzzy", letters, start, end))
        return found

    def _legal_form_preferred(self, found: list[Match], words: list[Token]) -> list[Match]:
        """Of exhibitors found at one span under names that differ only in legal form, the
        one whose legal form the message writes next to it, or that has none if it writes
        none: "Evergreen Gourmet" is not "Evergreen Gourmet Ltd"."""
        groups: dict[tuple[int, int, str], list[Match]] = {}
        for match in found:
            compact = self.keys[match.key_number].folded.compact
            groups.setdefault((match.start, match.end, compact), []).append(match)
        kept = []
        for (_, end, _), group in groups.items():
            after = next((n for n, w in enumerate(words) if w.start >= end), len(words))
            written = legal_form_after(words, after)[0]
            same = [m for m in group if self.keys[m.key_number].folded.legal_form == written]
            kept += same or group
        return kept

    def _fuzzy(
        self,
        compact: str,
        start: int,
        end: int,
        cutoff: float | None = None,
    ) -> list[Match]:
        minimum = 3 if cutoff else MIN_FUZZY_LENGTH  # suggestions may be looser
        script = _script(compact)
        found = []
        spelling = _letters(compact)
        if len(spelling) >= minimum:
            spelling_cutoff = cutoff or FUZZY_CUTOFF
            found += self._closest(spelling, self.spellings[script], spelling_cutoff, start, end)
        sound = sound_key(compact) if script != "han" else ""
        if len(sound) >= minimum:
            other = self.latin_sounds if script == "other" else self.other_sounds
            sound_cutoff = cutoff or TRANSLITERATED_CUTOFF
            found += self._closest(sound, other, sound_cutoff, start, end)
        return found

    def _sounding(self, compact: str, start: int, end: int) -> list[Match]:
        """Names in another script with the same consonants (ノルドカム = Nordkamm)."""
        script = _script(compact)
        shapes = (
            [s for s in skeletons(compact) if len(s) >= MIN_SKELETON] if script != "han" else []
        )
        if not shapes:
            return []
        shape = shapes[0]
        found = [
            self._match(n, "fuzzy", FUZZY_CUTOFF, start, end)
            for n in dict.fromkeys(n for s in shapes for n in self.by_skeleton.get(s, []))
            if (self.keys[n].folded.script == "latin") != (script == "latin")
        ]
        if script == "other" and len(shape) > MIN_SKELETON and not found:
            closest = self.skeletons.closest(shape, SKELETON_CUTOFF)
            found = [self._match(n, "fuzzy", score, start, end) for n, score in closest]
        return found

    def _closest(
        self, needle: str, choices: FuzzyChoices, cutoff: float, start: int, end: int
    ) -> list[Match]:
        return [
            self._match(number, "fuzzy", score, start, end)
            for number, score in choices.closest(needle, cutoff)
        ]

    def _match(self, number: int, kind: str, score: float, start: int, end: int) -> Match:
        key = self.keys[number]
        return Match(key.exhibitor_id, key.name, kind, score, start, end, number)


def same_script(text: str, name: str) -> bool:
    """Whether a text and a name are written in the same script (Latin, Cyrillic, Han...)."""
    typed = "".join(w.key for w in tokens(text))
    folded = fold_name(name)
    return folded is not None and bool(typed) and _script(typed) == folded.script


def typed_as(text: str, name: str) -> bool:
    """Whether a text is a name written word for word, each word as it is or with a typo
    ("Sobrasada L'Avi Tomas" for Sobrassada L'Avi Tomàs S.L.; not "jouets en bois" for
    Jouets Bois & Malice), legal forms aside; a name in another script counts."""
    typed = [w.key for w in strip_legal_forms(tokens(text))]
    folded = fold_name(name)
    if folded is None or not typed:
        return False
    if _script("".join(typed)) != folded.script:
        return True
    return len(typed) == len(folded.words) and all(
        word == own or _typo_of(word, own) for word, own in zip(typed, folded.words, strict=True)
    )


def _runs(folded: FoldedName) -> Iterator[str]:
    """A name's runs of two words or more, joined, that are no everyday word together."""
    words = folded.words
    for first in range(len(words) - 1):
        for last in range(first + 2, len(words) + 1):
            run = "".join(words[first:last])
            if len(run) >= MIN_RUN_LETTERS and not is_common(run):
                yield run


def _letters(spelling: str) -> str:
    """A spelling as letters to compare for typos: hangul syllables as their jamo (한빗전자
    is one letter away from 한빛전자, not one syllable in four)."""
    return unicodedata.normalize("NFD", spelling) if _HANGUL.search(spelling) else spelling


def _typo_of(typed: str, word: str) -> bool:
    """One typo of a word (two in a long one): a letter left out, added, changed or swapped."""
    most = _typos_allowed(word)
    return OSA.distance(typed, word, score_cutoff=most) <= most


def _typos_allowed(word: str) -> int:
    return 2 if len(word) >= TWO_TYPOS_LENGTH else 1


def _pairs(words: Sequence[str]) -> Iterator[str]:
    """Neighbouring Han, kana or hangul characters of a name: what a part of it is told by."""
    for first, second in pairwise(words):
        if _is_cjk(first) and _is_cjk(second):
            yield first + second


def _may_sound_like_a_name(window: Sequence[Token]) -> bool:
    """Whether words in kana, hangul or Cyrillic may be a Latin name written by its sound:
    not hiragana (names are written in katakana), several characters, and not everyday
    words alone (상담, ビジネスフォーラム, "где стенд" have the consonants of many names)."""
    if any(_HIRAGANA.match(w.key) for w in window):
        return False
    least = KATAKANA_LETTERS if all(_KATAKANA.match(w.key) for w in window) else MIN_SOUNDED_LETTERS
    if sum(len(w.key) for w in window) < least:
        return False
    for edge in (window[0], window[-1]):
        # 이, 어 add no consonant (하 adds an h), "в" is a preposition: no edge of a name
        sounded = skeleton(edge.key) or "h" in anyascii(edge.key).lower()
        if not sounded or (not _is_cjk(edge.key) and is_common(edge.raw)):
            return False
    chunks: list[list[Token]] = []
    for at, word in enumerate(window):
        if at and window[at - 1].end == word.start and _is_cjk(word.key):
            chunks[-1].append(word)
        else:
            chunks.append([word])
    return not all(_everyday("".join(w.key for w in chunk)) for chunk in chunks)


@lru_cache(maxsize=20_000)
def _everyday(word: str) -> bool:
    """Whether a word is everyday words run together (ビジネス+フォーラム, 제조사+들): split
    into words of two characters or more (katakana: three, its pairs are often words but
    seldom what was meant), in Korean one character (a particle) left over at the end."""
    if is_common(word):
        return True
    if not _is_cjk(word):
        return False
    shortest = 3 if _KATAKANA.match(word) else 2
    split = [True] + [False] * len(word)  # split[i]: word[:i] is everyday words
    for end in range(shortest, len(word) + 1):
        split[end] = any(
            split[start] and is_common(word[start:end])
            for start in range(max(0, end - 8), end - shortest + 1)
        )
    particle = word[-1] in _KOREAN_PARTICLES and len(word) > 2 and split[-2]
    return split[-1] or particle


def _starts_word(words: Sequence[Token], at: int) -> bool:
    """Whether a word starts a run of writing: after a space or punctuation, or where the
    script changes (の before a katakana name)."""
    if at == 0 or words[at - 1].end < words[at].start:
        return True
    return _kind(words[at - 1].key) != _kind(words[at].key)


def _kind(word: str) -> str:
    if _KATAKANA.match(word):
        return "katakana"
    return "hangul" if _HANGUL.match(word) else "han" if _HAN.match(word) else _script(word)


@dataclass(frozen=True)
class _ScriptWord:
    """A word of a message as its script writes words: a Latin or Cyrillic word, or a run
    of katakana, of hangul or of Han characters (hiragana, which writes Japanese endings
    and particles, ends a run). `forms`: its folded spellings (a Korean word also without
    the particle it ends in); `sounded`: written in kana or hangul."""

    forms: tuple[str, ...]
    script: str
    start: int
    end: int

    @property
    def sounded(self) -> bool:
        # Russian writes a name's words apart, and the whole of it is compared by sound
        # (`_by_sound`): word by word, its everyday words would sound like too many names.
        return self.script in {"katakana", "hangul"}


def _one_word(run: Sequence[_ScriptWord]) -> bool:
    """Whether a run is one word: katakana parts a name's words with a middle dot."""
    return len(run) == 1 and not any(dot in run[0].forms[0] for dot in "・･")


def _char_script(key: str) -> str:
    """`_kind`, with hiragana and Cyrillic told apart from other letters."""
    kind = _kind(key)
    if kind != "other":
        return kind
    if _HIRAGANA.match(key):
        return "hiragana"
    return "cyrillic" if _CYRILLIC.search(key) else "latin"


def _script_words(words: Sequence[Token]) -> list[_ScriptWord]:
    """A message's words as its scripts write them: CJK characters written together in one
    script are one word ("サクラ", "化粧品", "레드폭스"); a katakana middle dot or a space
    parts them."""
    runs: list[tuple[str, list[Token]]] = []
    for word in words:
        script = _char_script(word.key)
        if (
            runs
            and script in {"katakana", "hangul", "han", "hiragana"}
            and runs[-1][0] == script
            and runs[-1][1][-1].end == word.start
        ):
            runs[-1][1].append(word)
        else:
            runs.append((script, [word]))
    spoken = []
    for script, run in runs:
        if script == "hiragana" or any(w.place for w in run):
            # Hiragana writes endings; a country's name ("독일", Germany) is no name's word.
            spoken.append(_ScriptWord((), script, run[0].start, run[-1].end))
            continue
        text = "".join(w.key for w in run)
        forms = [text]
        if script == "hangul" and len(text) > 2 and text[-1] in _KOREAN_PARTICLES:
            forms.append(text[:-1])  # 랍스터랑: 랍스터 and a particle
        spoken.append(_ScriptWord(tuple(forms), script, run[0].start, run[-1].end))
    return spoken


def sounded_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """The spans of a text's words in kana, hangul or Cyrillic that sound like a word of
    one of the Latin names, or two together: "앤트워프" and "다이아몬드" of Antwerp Diamond
    Trading are its own words, not Antwerp and almonds; "Хамоно" of Kurokawa Hamono is no
    jamón."""
    shapes = {
        shape
        for name in names
        if (folded := fold_name(name)) is not None and folded.script == "latin"
        for shape in _word_skeletons(folded.words)
    }
    return [
        (word.start, word.end)
        for word in _script_words(tokens(text))
        if (word.sounded or word.script == "cyrillic")
        and any(shape in shapes for form in word.forms for shape in _cyrillic_read(form))
    ]


def _cyrillic_read(form: str) -> tuple[str, ...]:
    """A word's skeleton; a Cyrillic one's also with х read as the h of a foreign name
    ("Хамоно" for Hamono), which anyascii spells kh."""
    found = skeleton(form)
    if "х" not in form:
        return (found,)
    return (found, skeleton(form.replace("х", "h")))


def _word_skeletons(words: Sequence[str]) -> Iterator[str]:
    """The consonants of each word of a Latin name, and of each two words together, in
    each way their letters may sound."""
    for at, word in enumerate(words):
        yield from (shape for shape in latin_skeletons(word, word=True) if len(shape) >= 2)
        if at + 1 < len(words):
            yield from _pair_skeletons(word, words[at + 1])


@lru_cache(maxsize=100_000)
def _pair_skeletons(one: str, other: str) -> tuple[str, ...]:
    """The consonants of two words of a name written as one (メゾン・ペロー, Maison
    Perrault), each word as it may sound."""
    firsts, seconds = latin_skeletons(one, word=True), latin_skeletons(other, word=True)
    # Each word in its ways beside the other as it is written: a pair's readings stay few.
    apart = [
        *(first + seconds[0] for first in firsts),
        *(firsts[0] + second for second in seconds),
    ]
    return tuple(dict.fromkeys(_DOUBLED.sub(r"\1", shape) for shape in apart))


def _sounds_as(form: str, name_words: Sequence[str]) -> bool:
    """Whether a word has the consonants of a name's word (or two), two at least: one
    consonant sounds like too many words (타이어 like "outdoor"); with one of them heard
    otherwise in a word of SLIP_CONSONANTS or more (ブランバッティ for Brambati), when it is
    one word of the name and no everyday word."""
    shape = skeleton(form)
    if len(shape) < 2:
        return False
    one = len(name_words) == 1
    shapes = latin_skeletons(name_words[0], word=True) if one else _pair_skeletons(*name_words)
    return shape in shapes or (
        one
        and not is_common(name_words[0])  # "산업용" (industrial) is no shipping
        and len(shape) >= SLIP_CONSONANTS
        and any(OSA.distance(shape, other, score_cutoff=1) <= 1 for other in shapes)
    )


@dataclass(frozen=True)
class _Reading:
    """A run of a message's words read as a name's: where it ends, the name's words it
    reads and the consonants of its sounded words (a translated word counts as
    TRANSLATED_CONSONANTS)."""

    end: int
    covered: frozenset[int]
    consonants: int


def _read_in_order(
    spoken: Sequence[_ScriptWord], first: int, name: Sequence[str]
) -> _Reading | None:
    """The longest run of the message's words from `first` on read as a name's words in
    their order, each as written, translated or by its consonants (one word for one or two
    of the name's). None if the first word reads none."""
    at, next_name, consonants = first, 0, 0
    covered: set[int] = set()
    while at < len(spoken) and spoken[at].forms:
        word = spoken[at]
        read = _read_one(word, name, next_name)
        if read is None:
            break
        position, size, weight = read
        covered.update(range(position, position + size))
        consonants += weight
        next_name, at = position + size, at + 1
    return None if at == first else _Reading(at, frozenset(covered), consonants)


def _translated_word(word: _ScriptWord, name_word: str) -> bool:
    return word.script == "han" or name_word not in word.forms


def _read_one(word: _ScriptWord, name: Sequence[str], after: int) -> tuple[int, int, int] | None:
    """The first of a name's words from `after` on that a message's word is: (position,
    how many of the name's words, its weight in consonants)."""
    links = _name_links()
    for position in range(after, len(name)):
        for form in word.forms:
            if _translates(form, name[position]):
                if _translated_word(word, name[position]):
                    return position, 1, TRANSLATED_CONSONANTS
                return position, 1, len(skeleton(form))
            if not word.sounded:
                continue
            # Japanese and Korean write two words of a name as one (레드폭스), never a word
            # that joins a name's parts ("トリートメント" is no Traitement des Eaux).
            joined = position + 1 < len(name) and not {*name[position : position + 2]} & links
            for size in (2, 1) if joined else (1,):
                if position + size <= len(name) and _sounds_as(
                    form, name[position : position + size]
                ):
                    return position, size, len(skeleton(form))
    return None


def _katakana_runs(words: Sequence[Token]) -> Iterator[tuple[int, int]]:
    first = None
    for at, word in enumerate([*words, Token("", 0, 0)]):
        if _KATAKANA.match(word.key):
            first = at if first is None else first
        elif first is not None:
            yield first, at
            first = None


def _overlaps(span: Sequence[Token], tagged: Sequence[tuple[int, int]]) -> bool:
    return any(start < span[-1].end and span[0].start < end for start, end in tagged)


def _all_tagged(found: _Found, words: Sequence[Token], tagged: Sequence[tuple[int, int]]) -> bool:
    """Whether the words found are all the model tagged as a company there (legal forms
    aside): "Evergreen" tagged alone names the Evergreens, "Acme Industries" no Industries."""
    span = words[found.first : found.last]
    if not _overlaps(span, tagged):
        return False
    forms = legal_forms()
    inside = [
        w
        for w in words
        if _overlaps([w], tagged) and w.key not in forms.last_words | forms.first_words
    ]
    return all(span[0].start <= w.start and w.end <= span[-1].end for w in inside)


def _name_goes_on(
    words: Sequence[Token],
    first: int,
    last: int,
    tagged: Sequence[tuple[int, int]],
    *,
    everyday: bool = False,
    model_tags: bool = False,
) -> bool:
    """Whether the name written runs on past the words found, with a word that is no
    everyday word: inside what the model tagged as the company, or written with a capital
    letter right before or after them ("Siemens Healthineers" for a catalog that has Siemens
    AG only). After a part of a name that is all everyday words, any word written with a
    capital letter runs the name on: "Bodegas Hermanos Castillo" is not Bodegas Hermanos
    Ortega, though "castillo" is an everyday word too."""
    span = words[first:last]
    for at, word in enumerate(words):
        if first <= at < last:
            continue
        tagged_with = any(
            s < word.end and word.start < e and s < span[-1].end and span[0].start < e
            for s, e in tagged
        )
        # Inside what the model tagged, a capital marks a name's word however everyday:
        # "Huilerie Lambert" is not Huilerie Zitouna (a whole query taken for a name may
        # add a word: "Michelin Group").
        capital = word.capital and _may_name(word) and (everyday or (model_tags and tagged_with))
        if not (_distinctive(word) or capital):
            continue
        # The message's first word has its capital from the sentence ("Where's Lone Star
        # Beef?"), unless no language uses it every day.
        written_as_name = word.capital and (at > 0 or not is_common(word.raw))
        beside = at in {first - 1, last} and written_as_name
        if tagged_with or beside:
            return True
    # "Vauclair-Morel" is one name, however everyday its second half.
    if (last < len(words) and words[last].hyphened) or (first > 0 and span[0].hyphened):
        return True
    return _linked_on(words, last, everyday=everyday)


def _linked_on(words: Sequence[Token], last: int, *, everyday: bool) -> bool:
    """Whether linking words and a word written as a name follow ("… del Ebro")."""
    after = _past_links(words, last)
    if after == last or after >= len(words):
        return False
    word = words[after]
    named = _distinctive(word) or (everyday and _may_name(word))
    return word.capital and not word.place and named


def _all_capitals(text: str) -> bool:
    """Whether a message is written in capitals throughout, as some type on a phone."""
    cased = [ch for ch in text if ch.isalpha() and (ch.isupper() or ch.islower())]
    return len(cased) > 3 and all(ch.isupper() for ch in cased)


def runs_on(text: str, start: int, end: int) -> bool:
    """Whether the name written at text[start:end] goes on past it, by the rules a part of
    a catalog name is judged by."""
    words = tokens(text)
    inside = [n for n, word in enumerate(words) if start <= word.start < end]
    if not inside:
        return False
    first, last = inside[0], inside[-1] + 1
    everyday = all(is_common(word.raw) for word in words[first:last])
    return _name_goes_on(words, first, last, (), everyday=everyday)


def written_on_to(text: str, end: int) -> int:
    """Where a name written up to `end` ends once the capitalised words that go on after it
    are counted, with the linking words between them ("… Monterrey Norte", "… del Ebro")."""
    words = [w for w in tokens(text) if w.start >= end]
    at = 0
    while at < len(words):
        if CLAUSE_BREAK.search(text[end : words[at].start]):
            break  # "¿dónde está Siam Rubber? Ando buscando …"
        links = _past_links(words, at)
        if links < len(words) and words[links].capital and _may_name(words[links]):
            end, at = words[links].end, links + 1
        else:
            break
    return end


def _past_links(words: Sequence[Token], at: int) -> int:
    """Where the words after up to two linking words from `at` on start ("del", "de la")."""
    past = at
    while past < len(words) and past - at < 2 and words[past].key in _name_links():
        past += 1
    return past


def only_links(text: str) -> bool:
    """Whether a text is nothing but words that join a name's parts ("del", "da", "")."""
    return all(word.key in _name_links() for word in tokens(text))


@cache
def _name_links() -> frozenset[str]:
    data = yaml.safe_load(NAME_LINKS.read_text("utf-8"))
    return frozenset(fold_word(str(word)) for word in data["links"])


def _distinctive(word: Token) -> bool:
    return _may_name(word) and not is_common(word.raw)


def _may_name(word: Token) -> bool:
    """A word that may be part of a company's name: no legal form, number or short word."""
    forms = legal_forms()
    return not (
        len(word.key) < MIN_MENTION_LENGTH
        or _is_cjk(word.key)
        or word.key.isdigit()
        or word.key in forms.last_words
        or word.key in forms.first_words
    )


def _capitalised(span: Sequence[Token], words: Sequence[Token]) -> bool:
    """Whether the message writes the words as a name: a capital letter other than the
    message's first (which any sentence has), or a first word no language uses every day.
    In a message in Chinese, Japanese or Korean a capital opens no sentence: "Schreiber
    자동차용품 회사 홀 번호요" names Schreiber."""
    uncased = any(_is_cjk(w.key) for w in words)
    return any(w.capital and (w is not words[0] or uncased or not is_common(w.raw)) for w in span)


def _rank(match: Match) -> tuple[float, int, int]:
    """Longest first (the letters of the message a name covers), then a whole name before a
    part of one, before a whole name with typos, before a part of one with typos; then
    fewer typos."""
    tier = _KIND_RANK[match.kind] + 1 if match.kind != "fuzzy" else 2
    if match.kind == "partial" and match.typos:
        tier = 1
    return (match.score, tier, -match.typos)


def _top(found: list[Match]) -> list[Match]:
    """The best matches of a look-up: at the best span and rank, one per exhibitor."""
    if not found:
        return []
    best = max(_rank(m) for m in found)
    return _distinct(m for m in found if _rank(m) == best)


def _longest_first(found: list[Match]) -> list[Match]:
    """The best spans first; a span inside or across a better one is dropped, while several
    exhibitors sharing one name keep their common span."""
    chosen: list[Match] = []
    taken: set[int] = set()
    kept: dict[tuple[int, int], tuple[float, int, int]] = {}
    for match in sorted(found, key=lambda m: (_rank(m), m.end - m.start, -m.start), reverse=True):
        span = set(range(match.start, match.end))
        rank = kept.get((match.start, match.end))
        if span & taken and rank != _rank(match):
            continue
        taken |= span
        kept[(match.start, match.end)] = _rank(match)
        chosen.append(match)
    return chosen


def _best(found: list[Match]) -> list[Match]:
    """The matches as good as the best one, one per exhibitor."""
    if not found:
        return []
    top = max(m.rank for m in found)
    tie = FUZZY_TIE if top[0] == _KIND_RANK["fuzzy"] else 0.0
    good = [m for m in found if m.rank[0] == top[0] and m.score >= top[1] - tie]
    return _distinct(sorted(good, key=lambda m: (-m.score, len(m.name), m.name)))


def _distinct(found: Iterable[Match]) -> list[Match]:
    seen: set[str] = set()
    kept = []
    for match in found:
        if match.exhibitor_id not in seen:
            seen.add(match.exhibitor_id)
            kept.append(match)
    return kept


def build_index(rows: Iterable[tuple[str, str, str | None, str | None]]) -> NameIndex:
    index = NameIndex()
    for exhibitor_id, name_en, name_zh, aliases in rows:
        written = list(_all_names(name_en, name_zh, aliases))
        for name in written:
            index.add(exhibitor_id, name)
        for spelt in dict.fromkeys(p for name in written for p in pinyin_names(name)):
            index.add(exhibitor_id, spelt, exact_only=True)
    return index.finish()


def _all_names(name_en: str, name_zh: str | None, aliases: str | None) -> Iterator[str]:
    names = [name_en, name_zh or "", *(aliases or "").split(";")]
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        yield name
        bare = _BRACKETED.sub(" ", name).strip()
        if bare and bare != name:
            yield bare  # "Siemens AG (Digital Industries)" is also "Siemens AG"
        yield from _each_compound_alone(name)
        if (spelt_out := name.translate(_UMLAUTS_SPELT_OUT)) != name:
            yield spelt_out  # "Kästner" typed as "Kaestner", "Møller" as "Moeller"


_UMLAUTS_SPELT_OUT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ø": "oe", "Ø": "Oe"}
)


def _each_compound_alone(name: str) -> Iterator[str]:
    """A name whose compounds share a tail, with each compound alone: "Prüf- und
    Zertifizierungsgesellschaft Nordost mbH" is also "Prüfgesellschaft Nordost mbH" and
    "Zertifizierungsgesellschaft Nordost mbH", as people shorten it."""
    for start, end, first, _, second in elided_compounds(name):
        yield name[:start] + first + name[end:]
        yield name[:start] + second + name[end:]


@lru_cache(maxsize=250_000)
def pinyin_names(name: str) -> tuple[str, ...]:
    """A Chinese name as buyers abroad write it: in pinyin, a word for the place, one for
    what identifies the company and one for each word of what it does (data/names/
    pinyin.yml); whole, and without those words. 宝寿堂药业 is also "Baoshoutang Yaoye" and
    "Baoshoutang", 泰兴咖啡私人有限公司 "Taixing Kafei"."""
    folded = fold_name(name)
    han = folded.compact if folded is not None else ""
    if len(han) < 2 or not _HAN_ONLY.fullmatch(han):
        return ()
    trades, places = _pinyin_trimmings()
    core, where = _cut(han, places, at_start=True)
    core, what = _cut(core, trades, at_start=False)
    place = ["".join(where)] if where else []
    readings = [
        [*at, core, *what[:kept]]
        for at in dict.fromkeys((tuple(place), ()))
        for kept in range(len(what), -1, -1)
    ]
    spelt = (" ".join("".join(lazy_pinyin(part)) for part in parts) for parts in readings)
    return tuple(dict.fromkeys(spelt))


def _cut(han: str, words: tuple[str, ...], *, at_start: bool) -> tuple[str, list[str]]:
    """`han` without the words of `words` at one end, while two characters or more are
    left, and the words cut (at the start: joined, as one place)."""
    cut: list[str] = []
    while word := next(
        (
            w
            for w in words
            if len(han) - len(w) >= 2 and (han.startswith(w) if at_start else han.endswith(w))
        ),
        None,
    ):
        if at_start:
            han, cut = han[len(word) :], [*cut, word]
        else:
            han, cut = han[: -len(word)], [word, *cut]
    return han, cut


def sounds_alike(one: str, other: str) -> bool:
    """Whether two Chinese texts read the same in pinyin, tones aside (德马, 德玛)."""
    return bool(one) and lazy_pinyin(one) == lazy_pinyin(other)


def a_chinese_trade(text: str) -> bool:
    """Whether a Chinese text is only words that say what a company does ("精密电子")."""
    trade, _ = _pinyin_trimmings()
    rest = "".join(_simplified(char) for char in text)
    while rest and (word := next((w for w in trade if rest.startswith(w)), None)):
        rest = rest[len(word) :]
    return bool(text) and not rest


def a_chinese_place(text: str) -> bool:
    """Whether a Chinese text is only places a company name may open with ("上海", "广东")."""
    _, places = _pinyin_trimmings()
    rest = fold_name(text)
    han = rest.compact if rest is not None else ""
    return bool(han) and _cut(han, places, at_start=True)[0] in {"", *places}


@cache
def _pinyin_trimmings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = yaml.safe_load(PINYIN.read_text("utf-8"))

    def longest_first(words: list[str]) -> tuple[str, ...]:
        folded = {"".join(_simplified(char) for char in word) for word in words}
        return tuple(sorted(folded, key=len, reverse=True))

    return longest_first(data["trade_words"]), longest_first(data["places"])


# --- names the catalog does not have --------------------------------------------------------
# Small words inside a company's name between words written with capitals.
_JOINING = frozenset(
    ("de", "del", "della", "des", "du", "da", "do", "dos", "das", "von", "van", "der", "den",
     "di", "of", "and", "la", "le", "les", "los", "las", "el", "y", "e")
)  # fmt: skip


def written_as_a_name(
    text: str, skip: Iterable[str] = (), unusual: Collection[str] = ()
) -> tuple[int, int] | None:
    """The span of the longest run of words written with capital letters (with "de", "von",
    "&" between them) that looks like a company's name, whether or not the catalog has it:
    a word no language uses every day in it, or several words past the message's first
    ("Westbrook Analytics", "Blue Lagoon Seafoods"). Words in `skip` (folded: "stand",
    "halle") are no part of a name; words in `unusual` (folded) count as no everyday word."""
    words = tokens(text)
    skipped = set(skip)
    runs: list[list[Token]] = []
    run: list[Token] = []
    for word in [*words, Token("", 0, 0)]:
        if run and _sentence_ends_between(text, run[-1], word):
            # "… в Армении. Ищем корейскую косметику": a name does not run on into the
            # next sentence.
            runs.append(run)
            run = []
        if (word.capital and word.key not in skipped) or (run and word.key in _JOINING):
            run.append(word)
        else:
            while run and not run[-1].capital:
                run.pop()
            if run:
                runs.append(run)
            run = []
    named = [r for r in runs if _looks_like_a_name(r, words) or any(w.key in unusual for w in r)]
    if not named:
        return None
    best = max(named, key=lambda r: r[-1].end - r[0].start)
    return best[0].start, best[-1].end


_SENTENCE_END = re.compile(r"[!?;:]|\.\s")
# Brackets and a dash set words apart: no name runs across them. Quotation marks do not:
# names are written in them after their legal form ("ООО «Северный Ветер»").
ASIDE = re.compile(r"[()\[\]{}–—]|\s-\s")
# Where a clause ends, between two words or inside what was tagged as one name (a name's own
# punctuation, "S.A." or "Co.,Ltd", has no space after it).
CLAUSE_BREAK = re.compile(r"[!?¡¿？！。]|[.,;:]\s")


def _sentence_ends_between(text: str, before: Token, after: Token) -> bool:
    """Whether a sentence ends between two words, or an aside opens or closes there: "!",
    "?", ";", ":", a stop after a word too long to be an abbreviation ("Co. Ltd", "Dr.
    Oetker", "St. Gallen" go on), a bracket or a dash."""
    between = text[before.end : after.start]
    if after.raw and ASIDE.search(between):
        return True  # "E-Autos (Wallboxen", "Silvester – Champagner"
    found = _SENTENCE_END.search(between)
    if found is None or not after.raw:
        return False
    if not found.group().startswith("."):
        return True
    word = text[before.start : before.end]
    return len(word) > 3 and not word.isupper()


def _looks_like_a_name(run: list[Token], words: list[Token]) -> bool:
    if any(_distinctive(w) and (w is not words[0] or not is_common(w.raw)) for w in run):
        return True
    capitals = [w for w in run if w.capital and w is not words[0]]
    return len(capitals) >= 2


# --- the index per database, kept in step with the catalog ---------------------------------
@dataclass
class _Cached:
    index: NameIndex
    fingerprint: tuple[Any, ...]
    checked_at: float
    rebuilding: bool = False


_indexes: OrderedDict[str, _Cached] = OrderedDict()
_lock = threading.Lock()
_MAX_DATABASES = 8
log = logging.getLogger(__name__)


def _fingerprint(session: Session) -> tuple[Any, ...]:
    """Changes whenever exhibitors are added, removed, retired or edited: every ORM write,
    the importer's bulk updates included, moves updated_at."""
    row = session.execute(
        select(func.count(), func.max(Exhibitor.updated_at), func.count(Exhibitor.retired_at))
    ).one()
    return tuple(row)


def _names(session: Session) -> list[tuple[str, str, str | None, str | None]]:
    rows = session.execute(
        select(Exhibitor.id, Exhibitor.name_en, Exhibitor.name_zh, Exhibitor.aliases).where(
            Exhibitor.retired_at.is_(None)
        )
    ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def index_for(session: Session, *, force_check: bool = False) -> NameIndex:
    """The index of the catalog the session reads. The catalog is checked for changes at
    most once a second (now with `force_check`); a changed catalog is re-indexed in the
    background while look-ups use the previous index, so no request waits for it. Only the
    first look-up on a database (or a forced check) builds the index in the foreground."""
    engine = session.get_bind().engine
    database = engine.url.render_as_string(hide_password=False)
    now = time.monotonic()
    with _lock:
        cached = _indexes.get(database)
        recent = cached and (cached.rebuilding or now - cached.checked_at < CHECK_SECONDS)
        if cached and recent and not force_check:
            return cached.index
        fingerprint = _fingerprint(session)
        if cached is not None and cached.fingerprint == fingerprint:
            cached.checked_at = now
            return cached.index
        if cached is None or force_check:
            cached = _Cached(build_index(_names(session)), fingerprint, now)
            _remember(database, cached)
            return cached.index
        cached.checked_at, cached.rebuilding = now, True
        previous = cached
    threading.Thread(
        target=_rebuild, args=(engine, database, previous), name="names-index", daemon=True
    ).start()
    return previous.index


def _rebuild(engine: Engine, database: str, previous: _Cached) -> None:
    try:
        with Session(engine) as session:  # read, then let go of the database at once
            fingerprint = _fingerprint(session)
            rows = _names(session)
        fresh = _Cached(build_index(rows), fingerprint, time.monotonic())
        with _lock:
            if _indexes.get(database) is previous:  # else forgotten meanwhile: build anew
                _remember(database, fresh)
    except Exception:
        log.exception("re-indexing company names failed; the previous index stays in use")
    finally:
        previous.rebuilding = False


def _remember(database: str, cached: _Cached) -> None:
    _indexes[database] = cached
    _indexes.move_to_end(database)
    while len(_indexes) > _MAX_DATABASES:
        _indexes.popitem(last=False)


def refresh(session: Session) -> None:
    """Re-index now if the catalog changed, e.g. right after this process imported it."""
    index_for(session, force_check=True)


def forget(session: Session) -> None:
    """Drops this process's index of the session's catalog after an import: the next
    look-up here builds it anew, and a process that only imports (the command line) never
    spends the seconds a large catalog's index takes."""
    database = session.get_bind().engine.url.render_as_string(hide_password=False)
    with _lock:
        _indexes.pop(database, None)


def find(session: Session, query: str) -> list[Match]:
    index = index_for(session)
    found = index.find(query)
    for reading in [] if found else nominative_readings(query):
        # "Где стенд Тоёсимы?": a foreign name the dictionary lacks, declined.
        if found := index.find(reading):
            break
    return found


_CYRILLIC_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)


def nominative_readings(text: str) -> list[str]:
    """The text with each Russian word the dictionary does not know (a foreign name, as
    "Тоёсимы" or "Фонтерры") in the nominative forms pymorphy3 guesses for it; [] when
    there is no such word."""
    readings = [text]
    for word in _CYRILLIC_WORD.findall(text):
        lower = word.lower().replace("ё", "е")
        if len(lower) < 4 or russian_known(lower):
            continue
        forms = _guessed_nominatives(lower) - {lower}
        readings += [
            r.replace(word, form.capitalize() if word[0].isupper() else form, 1)
            for r in readings
            for form in sorted(forms)
        ][:4]
    return readings[1:]


@lru_cache(maxsize=4096)
def _guessed_nominatives(word: str) -> frozenset[str]:
    return frozenset(
        str(p.normal_form) for p in russian_analyser().parse(word) if p.tag.POS == "NOUN"
    )


def suggest(session: Session, query: str, limit: int = 3) -> list[Match]:
    return index_for(session).suggest(query, limit)


def _long(words: Sequence[str]) -> bool:
    """Whether a name has three words or more besides short link words ("de", "&")."""
    return sum(len(word) > 3 for word in words) >= 3


def mentions(
    session: Session,
    text: str,
    tagged: Sequence[tuple[int, int]] = (),
    places: Sequence[tuple[int, int]] = (),
) -> list[Match]:
    """Catalog names found anywhere inside a raw message, the best first, with their spans;
    several exhibitors sharing a name give several matches with the same span. `tagged`:
    the spans the language model took for company names; `places`: countries named."""
    return index_for(session).mentions(text, tagged, places)
