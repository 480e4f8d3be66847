"""Multilingual vocabularies: product categories, Delta cities and countries.

The NLU returns raw spans ("Landmaschinen", "苏州", "Australian"); these maps turn them
into catalog ids so handlers never see raw spellings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from core.countries import CountryIndex, CountryMention, load_countries
from core.countries import territories as _territories

AREAS = ("food", "auto", "equipment", "consumer", "medical", "services")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case- and width-insensitive form used for every comparison."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _is_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


@dataclass(frozen=True)
class Category:
    id: str
    area: str
    names: dict[str, str]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class City:
    id: str
    province: str
    name_en: str
    names: dict[str, tuple[str, ...]]


@dataclass
class Taxonomy:
    categories: dict[str, Category]
    cities: dict[str, City]
    countries: CountryIndex
    _term_index: dict[str, set[str]] = field(default_factory=dict)
    _city_index: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        for category in self.categories.values():
            for term in category.terms:
                index[fold(term)].add(category.id)
        self._term_index = dict(index)
        for city in self.cities.values():
            self._city_index[fold(city.id)] = city.id
            self._city_index[fold(city.name_en)] = city.id
            for names in city.names.values():
                for name in names:
                    self._city_index[fold(name)] = city.id

    # products -----------------------------------------------------------------------
    def product_categories(self, text: str) -> set[str]:
        """Categories a product phrase belongs to, in any of the eight languages."""
        needle = fold(text)
        if not needle:
            return set()
        if needle in self._term_index:
            return set(self._term_index[needle])
        found: set[str] = set()
        for term, ids in self._term_index.items():
            if _contains(needle, term) or _contains(term, needle):
                found |= ids
        return found or self._typo_tolerant(needle)

    def _typo_tolerant(self, needle: str) -> set[str]:
        """One slip in an alphabetic product word of five letters or more ("chese")."""
        if len(needle) < 5 or _is_cjk(needle):
            return set()
        best = process.extractOne(
            needle, self._term_index.keys(), scorer=fuzz.ratio, score_cutoff=85
        )
        return set(self._term_index[best[0]]) if best else set()

    def categories_in_text(self, text: str) -> set[str]:
        """Categories whose terms occur anywhere in a whole message."""
        haystack = fold(text)
        found: set[str] = set()
        for term, ids in self._term_index.items():
            if _contains(haystack, term):
                found |= ids
        return found

    def category_name(self, category_id: str, locale: str) -> str:
        category = self.categories[category_id]
        return category.names.get(locale) or category.names.get("en") or category_id

    # cities -------------------------------------------------------------------------
    def city_id(self, text: str) -> str | None:
        needle = fold(text)
        if needle in self._city_index:
            return self._city_index[needle]
        for name, city_id in self._city_index.items():
            if len(name) >= 2 and (needle.startswith(name) or name in needle):
                return city_id
        # Russian declines city names: "в Хэфэе", "в Шанхае" (Хэфэй, Шанхай).
        stem = _cyrillic_stem(needle)
        if stem:
            for name, city_id in self._city_index.items():
                if _cyrillic_stem(name) == stem:
                    return city_id
        return None

    def city_name(self, city_id: str, locale: str) -> str:
        city = self.cities.get(city_id)
        if city is None:
            return city_id
        names = city.names.get(locale) or ()
        return names[0] if names else city.name_en

    # countries ----------------------------------------------------------------------
    def country_code(self, text: str) -> str | None:
        """The country a phrase names: "Norway", "Norwegian", "из Норвегии", "독일산", "NO"."""
        stripped = text.strip()
        if len(stripped) == 2 and is_country_code(stripped.upper()):
            return stripped.upper()
        return self.countries.code(text)

    def countries_in_text(self, text: str) -> list[str]:
        """Codes of the countries a whole message names, in order, each once."""
        return list(dict.fromkeys(m.code for m in self.countries.mentions(text)))

    def country_mentions(self, text: str) -> list[CountryMention]:
        """Each country named in a message with its span, to cut it out of a product phrase:
        "French cheese" → [("FR", 0, 6)]."""
        return self.countries.mentions(text)

    def without_countries(self, text: str) -> str:
        """A product phrase with its country cut out, and the words that said "from":
        "French cheese" → "cheese", "café de Colombia" → "café", "日本産ウイスキー" →
        "ウイスキー", "독일산 맥주" → "맥주"."""
        return self.countries.without(text)


def _cyrillic_stem(word: str) -> str | None:
    """A Cyrillic name without its last vowel or й, enough to match declined place names."""
    if len(word) < 4 or not all("а" <= ch <= "я" or ch == "ё" for ch in word):
        return None
    return word[:-1] if word[-1] in "айяоеёуюиыь" else word


def _contains(haystack: str, needle: str) -> bool:
    """Substring for CJK (no spaces), whole-word or word-prefix for alphabetic scripts."""
    if not needle:
        return False
    if _is_cjk(needle):
        return len(needle) >= 2 and needle in haystack
    if len(needle) < 3:
        return False
    words = _WORD.findall(haystack)
    parts = needle.split()
    if len(parts) == 1:
        # Inflected forms: "Landmaschinen" vs "landmaschine", "вина" vs "вино".
        stem = needle if len(needle) < 5 else needle[: max(4, len(needle) - 2)]
        return any(word == needle or (len(word) >= 4 and word.startswith(stem)) for word in words)
    return f" {needle} " in f" {' '.join(words)} "


def is_country_code(code: str) -> bool:
    return code in _territories("en")


def country_name(code: str, locale: str) -> str:
    return _territories(locale).get(code) or _territories("en").get(code) or code


def load_taxonomy(data_dir: Path) -> Taxonomy:
    folder = data_dir / "taxonomy"
    products = _read_yaml(folder / "products.yml").get("categories", {})
    cities = _read_yaml(folder / "cities.yml")
    categories = {
        cid: Category(
            id=cid,
            area=str(spec.get("area", "")),
            names={str(k): str(v) for k, v in (spec.get("names") or {}).items()},
            terms=tuple(
                str(term) for terms in (spec.get("terms") or {}).values() for term in (terms or [])
            )
            + tuple(str(v) for v in (spec.get("names") or {}).values()),
        )
        for cid, spec in products.items()
    }
    city_map = {
        cid: City(
            id=cid,
            province=str(spec.get("province", "")),
            name_en=str(spec.get("name_en", cid.title())),
            names={
                str(lang): tuple(str(n) for n in (names or []))
                for lang, names in (spec.get("names") or {}).items()
            },
        )
        for cid, spec in cities.items()
    }
    return Taxonomy(categories=categories, cities=city_map, countries=load_countries(folder))


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return loaded
