"""Countries as people write them, in the eight languages of the assistant.

"French cheese", "fromages français", "italienischer Wein", "ищу поставщиков из Норвегии",
"한국 화장품 회사", "日本産", "ドイツ製": each names a country. The index maps every
known way of writing a country (Babel's names in all locales, the short forms and
adjectives of data/taxonomy/countries*.yml, Russian forms in every case) to its ISO 3166-1
alpha-2 code. A lookup normalises the text, then looks words up in a dict: alphabetic and
Hangul words whole (never a prefix: "Indiana" is not India), Chinese and Japanese by the
longest name at each position, since they have no spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from babel import Locale

from core.datafiles import read_yaml
from core.fulltext import russian_analyser

# Babel locales whose territory names are indexed: the eight of the assistant, and
# traditional Chinese, which visitors from Taiwan and Hong Kong write.
NAME_LOCALES = ("zh", "zh_Hant", "en", "ja", "ko", "de", "fr", "es", "ru")
# The taxonomy's files as shipped (regions.yml among them).
TAXONOMY_DIR = Path(__file__).resolve().parent.parent / "data" / "taxonomy"

# CLDR region codes that are not ISO 3166-1 countries (European Union, United Nations,
# unknown, pseudo-locales, Kosovo) and CLDR's exceptionally reserved subdivisions
# ("Canary Islands", "Ceuta & Melilla", "Ascension Island"...).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"})
_SUBDIVISIONS = frozenset({"AC", "CP", "DG", "EA", "IC", "TA"})

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_TOKEN = re.compile(rf"[{_CJK}]+|[{_HANGUL}]+|[^\W\d_{_CJK}{_HANGUL}]+")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_LAST_WORD = re.compile(r"([^\W\d_]+)[\s'’]*$")
# "from the", "aus der", "de la": at most this many words go with the country.
_MAX_ORIGIN_WORDS = 3
# A name must stand on its own: "タイ" (Thailand) is not in "ネクタイ" (necktie) nor in
# "タイヤ" (tyre); a longer name may run into the next katakana word ("ドイツワイン").
_SHORT_KATAKANA = 2


# Words this long or longer may be a country's name with two letters swapped.
_TRANSPOSED_LENGTH = 6


class CountryMention(NamedTuple):
    """A country named in a message, with its span in the original text."""

    code: str
    start: int
    end: int


# What Korean writes after a country for "made in" (칠레산, 독일제), and the fewest
# syllables a product written onto it has ("칠레산와인").
_KOREAN_ORIGIN = ("산", "제")
_LEAST_PRODUCT_SYLLABLES = 2


class _Token(NamedTuple):
    key: str
    start: int  # in the original text
    end: int
    capitalised: bool
    hangul: bool


@cache
def territories(locale: str) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → Babel's name of the country in `locale`."""
    return {
        code: name
        for code, name in Locale.parse(locale).territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


# normalisation ----------------------------------------------------------------------------
@cache
def _fold_char(ch: str) -> str:
    """Case, width and Latin accents folded ("É" → "e"); Cyrillic й and kana kept."""
    folded = unicodedata.normalize("NFKC", ch).casefold().replace("ё", "е")
    kept: list[str] = []
    for part in unicodedata.normalize("NFD", folded):
        if unicodedata.combining(part) and kept and kept[-1] < "\u0250":
            continue
        kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept))


def _normalise(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, its position in `text`."""
    if text.isascii():
        return text.lower(), range(len(text))
    folded = [_fold_char(ch) for ch in text]
    if all(len(part) == 1 for part in folded):
        return "".join(folded), range(len(text))
    origin: list[int] = []
    for position, part in enumerate(folded):
        origin.extend([position] * len(part))  # "ß" → "ss": both point back to it
    return "".join(folded), origin


def _is_cjk(run: str) -> bool:
    first = run[0]
    return (
        "\u3040" <= first <= "\u30ff"
        or "\u3400" <= first <= "\u9fff"
        or "\uf900" <= first <= "\ufaff"
    )


def _is_hangul(run: str) -> bool:
    first = run[0]
    return (
        "\uac00" <= first <= "\ud7a3"
        or "\u1100" <= first <= "\u11ff"
        or "\u3130" <= first <= "\u318f"
    )


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "\u30fc"


def inside_a_katakana_word(text: str, start: int, end: int) -> bool:
    """Whether a name written in katakana at start:end is only part of a longer katakana
    word, where it names no country: タイ in ブラックタイガー (black tiger prawns)."""
    name = text[start:end]
    if not name or not all(_is_katakana(ch) for ch in name):
        return False
    return not CountryIndex._stands_alone(text, start, end - start)


def _runs(text: str) -> list[str]:
    return _TOKEN.findall(_normalise(text)[0])


# inflection ---------------------------------------------------------------------------------
def _inflect_en(base: str) -> list[str]:
    # Demonyms in -an/-i take a plural ("Germans", "Israelis"); "French", "Swiss" do not.
    return [base, base + "s"] if base.endswith(("an", "i")) else [base]


def _inflect_de(base: str) -> list[str]:
    if base.endswith("er"):
        return [base]
    return [base + ending for ending in ("", "e", "er", "es", "en", "em")]


def _inflect_fr(base: str) -> list[str]:
    if base.endswith("e"):
        feminine = base
    elif base.endswith(("ien", "éen")):
        feminine = base + "ne"
    elif base.endswith("ec"):
        feminine = base + "que"  # grec → grecque
    elif base.endswith("c"):
        feminine = base[:-1] + "que"  # turc → turque
    else:
        feminine = base + "e"
    plural = base if base.endswith(("s", "x")) else base + "s"
    return list(dict.fromkeys([base, feminine, plural, feminine + "s"]))


_UNACCENT = str.maketrans("áéíóú", "aeiou")


def _inflect_es(base: str) -> list[str]:
    if base.endswith("o"):
        stem = base[:-1]
        return [base, stem + "a", stem + "os", stem + "as"]
    if base.endswith(("a", "e")):
        return [base, base + "s"]
    if base.endswith(("í", "ú")):
        return [base, base + "es", base + "s"]
    # "alemán" → alemana, alemanes; "español" → española, españoles
    stem = base[:-2] + base[-2:].translate(_UNACCENT)
    return [base, stem + "a", stem + "es", stem + "as"]


def _as_written(base: str) -> list[str]:
    return [base]  # Russian: pymorphy3 inflects when the form is indexed


_INFLECTIONS: dict[str, Callable[[str], list[str]]] = {
    "en": _inflect_en,
    "de": _inflect_de,
    "fr": _inflect_fr,
    "es": _inflect_es,
}


def _russian_forms(phrase: str) -> set[str]:
    """Every case (and for adjectives every gender and number) of a Russian name."""
    words = phrase.split()
    if not any("\u0400" <= ch <= "\u04ff" for ch in phrase):
        return {phrase}
    morph = russian_analyser()
    noun = _dictionary_parse(morph, words[-1])
    if noun is None:
        return {phrase}
    modifiers = [(word, _modifier_parse(morph, word)) for word in words[:-1]]
    forms = {phrase}
    for form in noun.lexeme:
        grammemes = frozenset(g for g in (form.tag.case, form.tag.number) if g)
        agreeing = [_agreeing(word, parse, grammemes) for word, parse in modifiers]
        forms.add(" ".join([*agreeing, form.word]))
    return forms


def _dictionary_parse(morph: Any, word: str) -> Any:
    """The analysis of a dictionary form: a place name first ("Того" the country)."""
    parses = [p for p in morph.parse(word) if p.normal_form == word.casefold()] or morph.parse(word)
    places = [p for p in parses if "Geox" in p.tag]
    return (places or parses or [None])[0]


def _modifier_parse(morph: Any, word: str) -> Any:
    parse = morph.parse(word)[0]
    return parse if parse.tag.POS in ("ADJF", "PRTF", "NOUN") else None


def _agreeing(word: str, parse: Any, grammemes: frozenset[str]) -> str:
    """A word before the last one in the case of the last ("новая" → "новой" Зеландии)."""
    form = parse.inflect(set(grammemes)) if parse is not None else None
    return str(form.word) if form is not None else word


# the index ----------------------------------------------------------------------------------
@dataclass
class CountryIndex:
    """Every way of writing a country → its code; "" marks phrases that are not countries."""

    words: dict[str, str] = field(default_factory=dict)
    cjk: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    capitalised_only: frozenset[str] = frozenset()
    korean_suffixes: tuple[str, ...] = ()
    cjk_suffixes: tuple[str, ...] = ()
    origin_words: frozenset[str] = frozenset()
    cjk_lengths: tuple[int, ...] = ()
    _acronym_pattern: re.Pattern[str] | None = None
    _folded_acronyms: dict[str, str] = field(default_factory=dict)
    # First word of a name → the most words a name starting with it has, so that a
    # message costs one lookup per word that starts no name.
    _widths: dict[str, int] = field(default_factory=dict)
    # Forms two countries claim (the first keeps it): a data error the tests report.
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)

    # building ------------------------------------------------------------------------
    def add(self, form: str, code: str) -> None:
        """Index one written form; the first country to claim a form keeps it."""
        runs = _runs(form)
        if not runs:
            return
        if all(_is_cjk(run) for run in runs):
            self._claim(self.cjk, "".join(runs), code)
            return
        if any(_is_cjk(run) for run in runs):
            return  # mixed scripts ("UAEの") are never written that way in one word
        for phrase in _russian_forms(" ".join(runs)):
            self._add_words(_runs(phrase), code)  # pymorphy3 writes ё, messages seldom do

    def _add_words(self, runs: list[str], code: str) -> None:
        self._claim(self.words, " ".join(runs), code)
        self._widths[runs[0]] = max(self._widths.get(runs[0], 0), len(runs))
        if len(runs) > 1 and all(_is_hangul(run) for run in runs):
            self._add_words(["".join(runs)], code)  # "남아프리카 공화국" = "남아프리카공화국"

    def _claim(self, table: dict[str, str], key: str, code: str) -> None:
        known = table.setdefault(key, code)
        if known != code and known and code:
            self.conflicts.append((key, known, code))

    def add_acronym(self, form: str, code: str) -> None:
        """An abbreviation ("USA", "EAU"), matched in messages only as written, in capitals."""
        self.acronyms[form] = code
        self._folded_acronyms[_normalise(form)[0]] = code

    def finish(self) -> None:
        self.cjk_lengths = tuple(sorted({len(k) for k in self.cjk if len(k) >= 2}, reverse=True))
        if self.acronyms:
            alternatives = "|".join(
                re.escape(a) for a in sorted(self.acronyms, key=len, reverse=True)
            )
            self._acronym_pattern = re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")

    # looking up ----------------------------------------------------------------------
    def code(self, text: str) -> str | None:
        """The country a short phrase names: "Norwegian", "из Норвегии", "독일산", "usa"."""
        runs = _runs(text)
        if not runs:
            return None
        phrase = "".join(runs) if all(_is_cjk(run) for run in runs) else " ".join(runs)
        exact = self.cjk.get(phrase) or self.words.get(phrase)
        if exact:
            return exact
        if code := self._folded_acronyms.get(_normalise(text.strip())[0]):
            return code
        mentions = self.mentions(text)
        return mentions[0].code if mentions else None

    def mentions(self, text: str) -> list[CountryMention]:
        """Countries named anywhere in `text`, in order, each with its span."""
        found = list(self._acronym_mentions(text))
        taken = [(m.start, m.end) for m in found]
        normalised, origin = _normalise(text)
        words: list[_Token] = []
        for match in _TOKEN.finditer(normalised):
            run = match.group()
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            if taken and any(s < end and start < e for s, e in taken):
                continue
            if _is_cjk(run):
                found += self._cjk_mentions(run, origin[match.start() : match.end()])
                words.append(_Token("", start, end, False, False))  # breaks multi-word names
            elif _is_hangul(run):
                words += self._hangul_tokens(run, start, end)
            else:
                words.append(_Token(run, start, end, text[start].isupper(), False))
        found += self._word_mentions(words)
        return sorted(found, key=lambda m: m.start)

    def without(self, text: str, mentions: list[CountryMention] | None = None) -> str:
        """`text` with each country (of `mentions`, or all), and the words that said
        "from", cut out."""
        kept: list[str] = []
        position = 0
        for mention in self.mentions(text) if mentions is None else mentions:
            kept.append(self._without_origin_words(text[position : mention.start]))
            position = mention.end
        kept.append(text[position:])
        return " ".join("".join(kept).split())

    def _without_origin_words(self, before: str) -> str:
        """ "cheese from the " → "cheese ", "有没有来自" → "有没有"."""
        for _ in range(_MAX_ORIGIN_WORDS):
            match = _LAST_WORD.search(before)
            if match is None:
                break
            word = _normalise(match.group(1))[0]
            if word in self.origin_words:
                before = before[: match.start()]
            elif tail := next((w for w in self.origin_words if word.endswith(w)), ""):
                if not _is_cjk(tail):
                    break
                before = before[: match.end(1) - len(tail)]
            else:
                break
        return before

    def _acronym_mentions(self, text: str) -> Iterator[CountryMention]:
        if self._acronym_pattern is None:
            return
        for match in self._acronym_pattern.finditer(text):
            yield CountryMention(self.acronyms[match.group()], match.start(), match.end())

    def _word_mentions(self, tokens: list[_Token]) -> list[CountryMention]:
        found: list[CountryMention] = []
        i = 0
        while i < len(tokens):
            width, code = self._longest_name(tokens, i)
            if width and code:
                found.append(CountryMention(code, tokens[i].start, tokens[i + width - 1].end))
            i += width or 1
        return found

    def _longest_name(self, tokens: list[_Token], i: int) -> tuple[int, str]:
        widest = max((self._widths.get(c, 0) for c in self._candidates(tokens[i])), default=0)
        for width in range(min(widest, len(tokens) - i), 0, -1):
            span = tokens[i : i + width]
            if not all(t.key for t in span):
                continue
            head = " ".join(t.key for t in span[:-1])
            for last in self._candidates(span[-1]):
                key = f"{head} {last}" if head else last
                code = self.words.get(key)
                if code is None:
                    continue
                if key in self.capitalised_only and not span[0].capitalised:
                    continue
                return width, code
        return 0, ""

    def _hangul_tokens(self, run: str, start: int, end: int) -> list[_Token]:
        """A Korean word, or its origin and its product when written as one: "칠레산와인" is
        칠레산 and 와인. Only with 산 or 제 after the country's name: 호주머니 is a pocket."""
        for at in range(len(run) - _LEAST_PRODUCT_SYLLABLES, 1, -1):
            if run[at - 1] in _KOREAN_ORIGIN and self.words.get(run[: at - 1]):
                return [
                    _Token(run[:at], start, start + at, False, True),
                    _Token(run[at:], start + at, end, False, True),
                ]
        return [_Token(run, start, end, False, True)]

    def _candidates(self, token: _Token) -> Iterator[str]:
        """The word, then for Korean the word without its particles ("독일산의" → "독일")."""
        yield token.key
        if token.hangul:
            yield from self._without_suffixes(token.key, depth=2)
        elif len(token.key) >= _TRANSPOSED_LENGTH and token.key not in self.words:
            yield from self._untransposed(token.key)

    def _untransposed(self, word: str) -> Iterator[str]:
        """A country's name with two letters swapped ("Belgein"), the commonest slip of a
        long word; never the first letter, and never a word that is a country of its own."""
        for at in range(1, len(word) - 1):
            swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            if swapped != word and swapped in self.words:
                yield swapped

    def _without_suffixes(self, word: str, depth: int) -> Iterator[str]:
        if depth == 0:
            return
        for suffix in self.korean_suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                stem = word[: -len(suffix)]
                yield stem
                yield from self._without_suffixes(stem, depth - 1)

    def _cjk_mentions(self, run: str, origin: Sequence[int]) -> list[CountryMention]:
        found: list[CountryMention] = []
        j = 0
        while j < len(run):
            width = self._cjk_name_at(run, j)
            name = run[j : j + width]
            if width and self.cjk[name] and self._overlapped_by_longer(run, j, width):
                width = 0
            if width and (code := self.cjk[name]):
                width += self._cjk_suffix_at(run, j + width)
                found.append(CountryMention(code, origin[j], origin[j + width - 1] + 1))
            j += width or 1
        return found

    def _overlapped_by_longer(self, run: str, j: int, width: int) -> bool:
        """Whether a name that ends later starts inside this one: in 检查德国, 查德 (Chad,
        in traditional Chinese) yields to 德国."""
        return any(k + self._cjk_name_at(run, k) > j + width for k in range(j + 1, j + width))

    def _cjk_suffix_at(self, run: str, j: int) -> int:
        """The origin suffix after a name (産 in 日本産ウイスキー), kept in the mention so
        that cutting the mention out leaves the product."""
        return next((len(s) for s in self.cjk_suffixes if run.startswith(s, j)), 0)

    def _cjk_name_at(self, run: str, j: int) -> int:
        for width in self.cjk_lengths:
            name = run[j : j + width]
            if len(name) < width or name not in self.cjk:
                continue
            if all(_is_katakana(ch) for ch in name) and not self._stands_alone(run, j, width):
                continue
            return width
        return 0

    @staticmethod
    def _stands_alone(run: str, j: int, width: int) -> bool:
        if j > 0 and _is_katakana(run[j - 1]):
            return False
        following = run[j + width] if j + width < len(run) else ""
        return not (following and _is_katakana(following) and width <= _SHORT_KATAKANA)


# loading ------------------------------------------------------------------------------------
@cache
def load_countries(folder: Path) -> CountryIndex:
    """The index for data/taxonomy (read once per process: building it takes a moment)."""
    spec = read_yaml(folder / "countries.yml")
    adjectives = read_yaml(folder / "countries_adjectives.yml")
    index = CountryIndex(
        capitalised_only=frozenset(_runs_key(w) for w in spec.get("capitalised_only") or ()),
        korean_suffixes=_longest_first(spec.get("korean_suffixes")),
        cjk_suffixes=_longest_first(spec.get("cjk_suffixes")),
        origin_words=frozenset(_runs_key(w) for w in spec.get("origin_words") or ()),
    )
    for phrase in spec.get("not_countries") or ():
        index.add(str(phrase), "")
    for code, forms in _babel_names():
        for form in forms:
            index.add(form, code)
    for code, forms in _by_country(spec.get("aliases"), "aliases"):
        for form in forms or ():
            index.add(str(form), code)
    for code, by_language in _by_country(adjectives, "countries_adjectives.yml"):
        for form in _adjective_forms(by_language or {}):
            index.add(form, code)
    for code, forms in _by_country(spec.get("acronyms"), "acronyms"):
        for form in forms or ():
            index.add_acronym(str(form), code)
    for code, forms in _region_names(read_yaml(folder / "regions.yml")):
        for form in forms:
            index.add(form, code)
    index.finish()
    return index


@cache
def region_members(folder: Path) -> dict[str, frozenset[str]]:
    """Each region's M49 code (or own code) → the countries a search for it takes in."""
    spec = read_yaml(folder / "regions.yml").get("regions") or {}
    regions = {str(code): frozenset(entry["members"]) for code, entry in spec.items()}
    for code, members in regions.items():
        unknown = [m for m in members if not isinstance(m, str) or m not in territories("en")]
        if unknown or region_name(code, "en") is None:
            # YAML reads an unquoted NO (Norway) as false.
            raise ValueError(f"regions.yml: {code}: not M49 with ISO 3166-1 members: {unknown}")
    return regions


def region_name(code: str, locale: str) -> str | None:
    """Babel's name of a region (M49 code) in `locale`, or the names regions.yml gives a
    region buyers name that M49 has none for (the Baltic states)."""
    if code.isdigit():
        return Locale.parse(locale).territories.get(code)
    return _own_region_names().get(code, {}).get(locale)


@cache
def _own_region_names() -> dict[str, dict[str, str]]:
    spec = read_yaml(TAXONOMY_DIR / "regions.yml").get("regions") or {}
    return {
        str(code): {str(k): str(v) for k, v in entry["names"].items()}
        for code, entry in spec.items()
        if entry.get("names")
    }


def _region_names(spec: dict[str, Any]) -> Iterator[tuple[str, list[str]]]:
    """Each region's names in every locale and the words data/taxonomy/regions.yml adds."""
    for code, entry in (spec.get("regions") or {}).items():
        names = [name for locale in NAME_LOCALES if (name := region_name(str(code), locale))]
        yield str(code), names + list(_adjective_forms(entry.get("words") or {}))


def _babel_names() -> Iterator[tuple[str, list[str]]]:
    """Each country's names in every locale, with their usual shortenings."""
    for locale in NAME_LOCALES:
        for code, name in territories(locale).items():
            if code in _SUBDIVISIONS:
                continue
            forms = [name, _PARENTHESIS.sub("", name)]
            if locale == "de" and not name.endswith(("s", "x", "z", "ß")):
                forms.append(name + "s")  # genitive: "Deutschlands", "Frankreichs"
            if locale == "de" and name.endswith("e"):
                forms.append(name + "n")  # dative plural: "aus den Niederlanden"
            if locale == "de":
                forms += [name.replace(a, b) for a, b in _UMLAUTS if a in name]
            yield code, forms


_UMLAUTS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"))


def _adjective_forms(by_language: dict[str, Any]) -> Iterable[str]:
    for language, bases in by_language.items():
        inflect = _INFLECTIONS.get(str(language), _as_written)
        for base in [bases] if isinstance(bases, str) else bases:
            forms = inflect(str(base))
            if language == "de":
                forms += [f.replace(a, b) for f in forms for a, b in _UMLAUTS if a in f]
            yield from forms


def _by_country(table: Any, where: str) -> Iterator[tuple[str, Any]]:
    """The entries of a code → data mapping, refusing keys that are not country codes
    (YAML reads an unquoted NO, Norway, as false)."""
    for code, value in (table or {}).items():
        if not isinstance(code, str) or code not in territories("en"):
            raise ValueError(f"{where}: {code!r} is not an ISO 3166-1 alpha-2 code")
        yield code, value


def _longest_first(words: Any) -> tuple[str, ...]:
    return tuple(sorted((str(w) for w in words or ()), key=len, reverse=True))


def _runs_key(phrase: Any) -> str:
    return " ".join(_runs(str(phrase)))
