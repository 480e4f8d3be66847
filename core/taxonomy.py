"""Multilingual vocabularies: product categories, Delta cities and countries.

The NLU returns raw spans ("Landmaschinen", "苏州", "Australian"); these maps turn them
into catalog ids so handlers never see raw spellings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from babel.lists import format_list
from rapidfuzz.distance import OSA, Levenshtein

from core.attributes import Attributes, load_attributes, no_attributes
from core.countries import CountryIndex, CountryMention, load_countries, region_name
from core.countries import territories as _territories
from core.datafiles import read_yaml
from core.fulltext import (
    Unit,
    compound_heads,
    compound_parts,
    is_cyrillic,
    is_small_word,
    join_slashed,
    russian_adjectives_first,
    russian_lemma,
    same_english_word,
    same_word,
    units,
    with_elided_tails,
    without_marks,
)
from core.names import is_common
from core.settings import LOCALES

AREAS = ("food", "auto", "equipment", "consumer", "medical", "services")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Case- and width-insensitive form used for every comparison."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# How common a word after a product must be in a noun-first language, and how much more
# than in English or German, to be read as saying which product (Zipf scale).
_ROMANCE_ZIPF = 2.5
_ZIPF_MARGIN = 1.0


def _a_slip(word: str, term_word: str) -> bool:
    """One slip from a long word, the first letter right: a letter typed once for twice or
    twice for once from five letters ("Kafee", "huille", "Honnig"); between words of six
    letters or more, one edit or two neighbours swapped ("Nudlen"), two from nine."""
    if len(word) < _DOUBLED_MIN or not word.isalpha() or _is_cjk(word) or word[0] != term_word[0]:
        return False
    if _undoubled(word) == _undoubled(term_word):
        return True
    if min(len(word), len(term_word)) < _FUZZY_MIN:
        return False
    return OSA.distance(word, term_word) <= (1 if len(word) < 9 else 2)


def _undoubled(word: str) -> str:
    return _DOUBLED.sub(r"\1", word)


# How a Japanese verb or copula ends a clause: "います", "ですか", "ください". Not "か" or
# "たい" alone: "いか" (squid) and "たい" (sea bream) are products.
_VERB_ENDINGS = ("ます", "ますか", "ません", "です", "ですか", "ください", "したい", "でしょうか")


def _sized_after(words: list[str], at: int) -> bool:
    """Whether a word is followed by a link word and a number: "sacs de 60", "bags of 25"."""
    return at + 2 < len(words) and words[at + 1] in _SIZE_LINKS and words[at + 2].isdigit()


def _shorter_runs(words: list[str]) -> Iterator[list[str]]:
    """The runs of consecutive words shorter than all of them, longest first, then from
    the left."""
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            yield words[start : start + size]


def _a_letter(words: list[str]) -> bool:
    """A single letter of an alphabet ("т" of "3 т"); one CJK character may be a product
    (茶, 米)."""
    return len(words) == 1 and len(words[0]) == 1 and not _is_cjk(words[0])


_UMLAUTS = {"ae": "ä", "oe": "ö", "ue": "ü", "Ae": "Ä", "Oe": "Ö", "Ue": "Ü"}


def _with_umlauts(text: str) -> str:
    """German as written without umlauts put back: "Gewaechshaeuser" -> "Gewächshäuser".
    Only Latin letters around the pair; "Quelle" -> "Qülle" reads as nothing and is dropped
    by the caller."""
    if not re.search(r"[aou]e", text, re.I) or _is_cjk(text):
        return text
    return re.sub(
        r"(?i)(?<=[a-zäöüß])(ae|oe|ue)|\b(ae|oe|ue)(?=[a-z])",
        lambda m: _UMLAUTS.get(m.group(), _UMLAUTS[m.group().lower()].upper()),
        text,
    )


def _is_hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def _is_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


@dataclass(frozen=True)
class Category:
    id: str
    area: str
    names: dict[str, str]
    terms: tuple[str, ...]
    # A kind may sit under several broader ones: dental implants are dental equipment and
    # implants.
    parents: tuple[str, ...] = ()
    # Terms only of languages that put the noun first ("aides auditives rechargeables",
    # "мёд алтайский"): they name a phrase's head at its start too.
    head_first_terms: tuple[str, ...] = ()
    # German words, which may end a compound: "Knieimplantate" are implants.
    compound_tails: tuple[str, ...] = ()
    # Terms that name one kind within the category ("camembert" in cheese, "sunscreen" in
    # skincare), not the category: a request for a kind wants that kind.
    kinds: tuple[str, ...] = ()
    # Its names and terms in the languages of the profiles (English, Chinese).
    profile_terms: tuple[str, ...] = ()
    # Kinds that are one thing in several languages' words ("Fräsmaschinen", "fresadoras",
    # "milling machines"): a request for one finds exhibitors writing any of them.
    same_kinds: tuple[tuple[str, ...], ...] = ()
    # Words that, anywhere in a label naming something of the category's area, file it
    # here too ("frozen", "tiefgekühlt": frozen food); no request for a category.
    marks: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProductMatch:
    """Categories a product phrase names: as a whole ("ice wine"), or by its head word only
    ("Tasmanian ice wine" -> wine; "coffee machines" is not coffee)."""

    whole: frozenset[str] = frozenset()
    head: frozenset[str] = frozenset()
    # Categories the phrase names a kind of, as a whole ("camembert": cheese).
    kind_of: frozenset[str] = frozenset()

    @property
    def categories(self) -> frozenset[str]:
        return self.whole | self.kind_of | self.head


@dataclass(frozen=True)
class City:
    id: str
    province: str
    name_en: str
    names: dict[str, tuple[str, ...]]


# No generated repr: the taxonomy's tables and caches run to tens of megabytes of text, and
# asyncio writes a repr of whatever a task returned (a container holding it) when it
# formats the task.
@dataclass(repr=False)
class Taxonomy:
    categories: dict[str, Category]
    cities: dict[str, City]
    countries: CountryIndex
    attributes: Attributes = field(default_factory=no_attributes)
    request_words: frozenset[str] = frozenset()
    # Dictionary forms of the Russian ones: "экспортёров", "участникам" frame in any case.
    request_lemmas: frozenset[str] = frozenset()
    request_particles: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    measure_words: frozenset[str] = frozenset()
    number_words: frozenset[str] = frozenset()
    # Style, grade or farming words a label ends with ("trocken", "reserva", "organic").
    label_qualifiers: frozenset[str] = frozenset()
    # Stems of the small words of profiles' languages ("the", "and"): a request's word
    # with such a stem ("thé") names nothing in a profile.
    profile_function_stems: frozenset[str] = frozenset()
    # Words that name a product only in the languages exhibitors label in, not in one a
    # buyer chats in ("miele", honey in Italian): capitalised in a chat, they are a name.
    label_only_words: frozenset[str] = frozenset()
    # What products do, as sets of words a message says of them (data/taxonomy/functions.yml).
    functions: tuple[tuple[str, tuple[str, ...], bool], ...] = ()
    # Who uses them or the business they equip ("for dentists"), the same way.
    users: tuple[tuple[str, tuple[str, ...], bool], ...] = ()
    _term_index: dict[tuple[Unit, ...], set[str]] = field(default_factory=dict)
    # For each term, its spellings (folded words) with their category and whether the
    # spelling names only a kind within it: stems of two languages' words may meet.
    _entries: dict[tuple[Unit, ...], list[tuple[tuple[str, ...], str, bool]]] = field(
        default_factory=dict
    )
    _head_first: set[tuple[Unit, ...]] = field(default_factory=set)
    _compound_tails: set[tuple[Unit, ...]] = field(default_factory=set)
    # Terms by their first word (alphabetic) or first character (CJK), to test only those
    # that can occur in a phrase.
    _by_start: dict[str, list[tuple[Unit, ...]]] = field(default_factory=dict)
    _term_words: dict[str, set[str]] = field(default_factory=dict)
    # Terms of several words, folded, for a slip in one of them ("оливкавое масло"), by
    # each of their words left out ("* масло").
    _term_phrases: dict[str, set[str]] = field(default_factory=dict)
    _phrases_but_one: dict[str, list[str]] = field(default_factory=dict)
    _slips: dict[str, frozenset[str]] = field(default_factory=dict)  # typo_tolerant's answers
    # match_product's answers: a request's phrases are read by several steps of a search.
    _matches: dict[tuple[str, bool], ProductMatch] = field(default_factory=dict)
    # Korean terms of three syllables or more as letters (jamo), for one slip in a letter.
    _hangul_words: dict[str, set[str]] = field(default_factory=dict)
    _katakana_words: dict[str, set[str]] = field(default_factory=dict)
    _children: dict[str, set[str]] = field(default_factory=dict)
    # The generic heads' stems and CJK heads, for the look-up of every product phrase
    # without a category.
    _generic_stems: frozenset[Unit] = frozenset()
    _generic_cjk: tuple[str, ...] = ()
    _city_index: dict[str, str] = field(default_factory=dict)
    _profile_words: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    _same_kinds: dict[tuple[Unit, ...], tuple[str, ...]] = field(default_factory=dict)
    _marks: dict[tuple[Unit, ...], set[str]] = field(default_factory=dict)
    # How each mark is written: forms sharing a stem ("surgelato", "surgelati") are one key.
    _mark_spellings: dict[tuple[Unit, ...], set[tuple[str, ...]]] = field(default_factory=dict)
    # Each category's English and Chinese terms, spelt as `_entries` spells them, and those
    # terms by their first word or character.
    _profile_spellings: dict[str, frozenset[str]] = field(default_factory=dict)
    _profile_by_start: dict[str, list[tuple[Unit, ...]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[tuple[Unit, ...], set[str]] = defaultdict(set)
        words: dict[str, set[str]] = defaultdict(set)
        children: dict[str, set[str]] = defaultdict(set)
        entries: dict[tuple[Unit, ...], set[tuple[tuple[str, ...], str, bool]]] = defaultdict(set)
        for category in self.categories.values():
            kinds = {fold(kind) for kind in category.kinds}
            for term in category.terms:
                if term_units := tuple(units(term)):
                    index[term_units].add(category.id)
                    spelling = tuple(unit.word for unit in term_units)
                    entries[term_units].add((spelling, category.id, fold(term) in kinds))
                if len(folded := fold(term)) >= _DOUBLED_MIN and folded.isalpha():
                    words[folded].add(category.id)
                elif " " in folded and _LETTERS_ONLY.fullmatch(folded):
                    self._add_term_phrase(folded, category.id)
                if len(folded) >= _HANGUL_FUZZY_MIN and _ALL_HANGUL.fullmatch(folded):
                    self._hangul_words.setdefault(folded, set()).add(category.id)
                if len(folded) >= _KATAKANA_FUZZY_MIN and _ALL_KATAKANA.fullmatch(folded):
                    self._katakana_words.setdefault(folded, set()).add(category.id)
            for parent in category.parents:
                children[parent].add(category.id)
            noun_first = {tuple(units(term)) for term in category.head_first_terms}
            others = {
                tuple(units(term))
                for term in category.terms
                if fold(term) not in category.head_first_terms
            }
            self._head_first |= noun_first - others
            self._compound_tails |= {tuple(units(term)) for term in category.compound_tails}
            for same in category.same_kinds:
                for written in same:
                    self._same_kinds[tuple(units(written))] = same
            for mark in category.marks:
                mark_units = tuple(units(mark))
                self._marks.setdefault(mark_units, set()).add(category.id)
                spelt = tuple(unit.word for unit in mark_units)
                self._mark_spellings.setdefault(mark_units, set()).add(spelt)
        self._term_index = dict(index)
        self._entries = {term: sorted(found) for term, found in entries.items()}
        spellings: dict[str, set[str]] = defaultdict(set)
        profile_by_start: dict[str, set[tuple[Unit, ...]]] = defaultdict(set)
        for category in self.categories.values():
            for term in category.profile_terms:
                term_units = tuple(units(term))
                spellings[category.id].add(" ".join(unit.word for unit in term_units))
                if term_units:
                    first = term_units[0]
                    profile_by_start[first.text[0] if first.cjk else first.text].add(term_units)
        self._profile_spellings = {c: frozenset(words) for c, words in spellings.items()}
        self._profile_by_start = {key: list(terms) for key, terms in profile_by_start.items()}
        by_start: dict[str, list[tuple[Unit, ...]]] = defaultdict(list)
        for term_units in index:
            first = term_units[0]
            by_start[first.text[0] if first.cjk else first.text].append(term_units)
        self._by_start = dict(by_start)
        self._term_words = dict(words)
        self._children = dict(children)
        self._generic_stems = frozenset(
            u for word in self.generic_heads for u in units(word) if not u.cjk
        )
        self._generic_cjk = tuple(word for word in self.generic_heads if _is_cjk(word))
        for city in self.cities.values():
            self._city_index[fold(city.id)] = city.id
            self._city_index[fold(city.name_en)] = city.id
            for names in city.names.values():
                for name in names:
                    self._city_index[fold(name)] = city.id

    # products -----------------------------------------------------------------------
    def forget_answers(self) -> None:
        """Drops the answers kept for phrases read before (benchmarks of cold requests)."""
        self._matches.clear()
        self._slips.clear()

    def match_product(self, text: str, *, head_first: bool = False) -> ProductMatch:
        """Categories of a product phrase by whole words; `head_first` when the phrase is
        known to be French, Spanish or Russian, whose head noun may come first ("café
        moulu"); else only those languages' own terms may stand first. What a label adds
        after the product ("(superior grade)", "375 ml", "AOP", "UMF 15+", "trocken") is
        left out."""
        key = (text, head_first)
        if (known := self._matches.get(key)) is None:
            if len(self._matches) > _SLIPS_KEPT:
                self._matches.clear()  # what people type is unbounded
            known = self._match_product(text, head_first)
            if not known.categories and (umlauts := _with_umlauts(text)) != text:
                # "Gewaechshaeuser", "Kaesereien": German typed without its umlauts.
                known = self._match_product(umlauts, head_first)
            self._matches[key] = known
        return known

    def _match_product(self, text: str, head_first: bool) -> ProductMatch:
        if any(ch.isdigit() for ch in text) and self._term_digit_words & set(fold(text).split()):
            # A term with digits of its own ("impresoras 3d", "5G modules") is no size.
            written = self._match_units(units(text), head_first, frozenset())
            if written.whole:
                return written
        core = self._core(text)
        phrase = units(core) if core.strip() else []
        if not phrase:
            return ProductMatch()
        # A code in capitals names a product only as spelt ("CAM" is no camarón).
        codes = frozenset(fold(w) for w in _LABEL_WORD.findall(core) if len(w) > 1 and _a_code(w))
        if _HANGUL.search(core) and " " in core.strip():
            # Korean spaces a compound or not ("시트 마스크", "시트마스크"): written together,
            # it may be a term as a whole.
            joined = self.match_product(core.replace(" ", ""), head_first=head_first)
            if joined.whole or joined.kind_of:
                return joined
        found = self._match_units(phrase, head_first, codes)
        named = found.whole or found.kind_of
        if not named and (usual := russian_adjectives_first(core)):
            # "погрузчики вилочные": a list's order, the noun first.
            reordered = self._match_units(units(usual), head_first, codes)
            if reordered.whole or reordered.kind_of or reordered.head:
                found, named = reordered, reordered.whole or reordered.kind_of
        if not named and (before := self._before_link(phrase, head_first)) is not None:
            # "vin blanc de Bourgogne", "pompes à chaleur air-eau": the words before the
            # complement name the product as a whole; the complement only says which one.
            head = self._match_units(before, head_first, codes)
            if head.whole or head.kind_of:
                return ProductMatch(frozenset(), head.whole | head.kind_of)
        if not named and not found.head and (shorter := self._without_generic_head(phrase)):
            # "MRI systems" is MRI, "cosmetics companies" cosmetics.
            head = self._match_units(shorter, head_first, codes)
            if head.whole or head.kind_of:
                return ProductMatch(head.whole, frozenset(), head.kind_of)
            found = ProductMatch(frozenset(), found.head | head.head)
        return found

    def _core(self, text: str) -> str:
        """A product phrase without parentheses and the sizes, grades and codes after it:
        numbers, short codes in capitals, measure or pack words after a number, and the
        words of style or grade a label ends with ("Rotwein trocken", "tinto reserva")."""
        text = _PARENTHESES.sub(" ", text)
        words = list(_LABEL_WORD.finditer(text))
        end = len(text)
        sized = False  # a size was left out after the words that remain
        while len(words) > 1:
            word = words[-1].group()
            number = any(ch.isdigit() for ch in word)
            code = _a_code(word)
            # A pack after a size or before one: "1 L tin", "PDO jar 370 g", "Tafeln 100 g".
            measure = fold(word) in self.measure_words and (sized or self._sizes(words[-2].group()))
            qualifier = (
                fold(word) in self.label_qualifiers
                or _a_participle_after_noun(word, words[-2].group())
                or (
                    _a_name_after_lowercase(word, [w.group() for w in words[:-1]])
                    and not self.is_term(word)
                )
            )
            if fold(word).endswith("frei") and len(word) > 6 and word.islower():
                end = words.pop().start()  # "getreidefrei", "glutenfrei": what it is without
                continue
            if fold(word) == "free" and len(words) > 2:
                # "gloves powder-free", "gummies sugar free": what the product is without.
                words.pop()
                end = words.pop().start()
                continue
            if not (number or code or measure or qualifier):
                break
            if code and not number and len(word) > 1 and self._spelt_as_a_term(word):
                break  # "MRI", "EV" are products; "RIC" (a hearing aid's fit) is no rice
            if code and tuple(units(text[words[-2].start() : words[-1].end()])) in self._entries:
                break  # "rayos X", "vitamin C": the letter ends a product
            sized = number or (sized and (code or measure))
            end = words.pop().start()
        # A part that is only a size or an age ("24 mesi", "500 ml") names no product.
        if (
            words
            and all(
                _SIZE.fullmatch(w.group()) or fold(w.group()) in self.measure_words for w in words
            )
            and any(_SIZE.fullmatch(w.group()) for w in words)
        ):
            return ""
        return text[:end]

    def _sizes(self, word: str) -> bool:
        """A number, a unit or a code: what a pack word may follow ("1 L tin")."""
        return any(ch.isdigit() for ch in word) or fold(word) in self.measure_words or _a_code(word)

    def _code_spelt(self, term: tuple[Unit, ...], codes: frozenset[str]) -> bool:
        """Whether a one-word term is spelt as one of the codes it stands for, or stands
        for none of them."""
        stands_for = [code for code in codes if units(code)[0] == term[0]]
        return not stands_for or any(self._spelt_as_a_term(code) for code in stands_for)

    def _spelt_as_a_term(self, word: str) -> bool:
        """Whether a word is written exactly as some category's one-word term, not only
        sharing its stem."""
        written = tuple(unit.word for unit in units(word))
        term = tuple(units(word))
        return any(spelling == written for spelling, _, _ in self._entries.get(term, ()))

    def _a_mark(self, term: tuple[Unit, ...]) -> bool:
        return len(term) == 1 and term[0].text in self._mark_stems

    @cached_property
    def _mark_stems(self) -> frozenset[str]:
        return frozenset(mark[0].text for mark in self._marks if len(mark) == 1)

    def _a_term_of_its_own(self, word: Unit, term: tuple[Unit, ...]) -> bool:
        """Whether a word that holds a one-word term as its compound's tail is a term of
        its own, which it then names whole."""
        return (
            len(term) == 1
            and not word.cjk
            and word.text != term[0].text
            and (word,) in self._term_index
        )

    def _before_link(self, phrase: list[Unit], head_first: bool) -> list[Unit] | None:
        """The words before a phrase's first link word ("de", "à", "en", "para") when they
        are more than one and may be its head (French, Spanish...); None otherwise."""
        link = _first_link([_a_link(u) for u in phrase])
        if link is None or link < 2:
            return None
        before = phrase[:link]
        english = phrase[link].word in _ENGLISH_LINKS  # "rail freight via Khorgos"
        if not head_first and not english and tuple(before) not in self._head_first:
            return None
        return before

    def _without_generic_head(self, phrase: list[Unit]) -> list[Unit] | None:
        """ "MRI systems" -> "MRI", "超音波診断装置" -> "超音波診断", "аппараты для диализа"
        -> "диализа"; None if no such head."""
        last = phrase[-1]
        generic = self._generic_stems
        if len(phrase) > 2 and phrase[0] in generic and _a_link(phrase[1]):
            return phrase[2:]  # a generic head before a link: its complement is the product
        if not last.cjk:
            if len(phrase) > 1 and last in generic:
                return phrase[:-1]
            # A German compound with a generic tail: "Kosmetikfirmen", "Weinhersteller".
            for tail in generic:
                rest = last.text[: -len(tail.text)]
                if len(tail.text) >= 4 and last.text.endswith(tail.text) and len(rest) >= 4:
                    return [*phrase[:-1], *units(rest)]
            return None
        for word in self._generic_cjk:
            if last.text == word and len(phrase) > 1:
                return phrase[:-1]  # "레이저 커팅 장비"
            if last.text.endswith(word) and len(last.text) > len(word) + 1:
                return [*phrase[:-1], Unit(last.text[: -len(word)], True)]
        return None

    def _match_units(
        self, phrase: list[Unit], head_first: bool, codes: frozenset[str] = frozenset()
    ) -> ProductMatch:
        whole: set[str] = set()
        kind_of: set[str] = set()
        # Terms at the head, by the head's position: a noun-last language's term at the
        # end, a noun-first one's at the start, and a noun-first term at the end.
        at_end: list[tuple[tuple[Unit, ...], set[str]]] = []
        at_start: list[tuple[tuple[Unit, ...], set[str]]] = []
        at_end_noun_first: list[tuple[tuple[Unit, ...], set[str]]] = []
        # Terms that open the phrase, for a label whose other words are a noun-first
        # language's ("cosmétiques certifiés", "shampoings solides").
        opening: list[tuple[tuple[Unit, ...], set[str]]] = []
        elsewhere: set[str] = set()
        spans: dict[tuple[Unit, ...], list[tuple[int, int]]] = defaultdict(list)
        for term in self._candidates(phrase):
            if len(term) == 1 and codes and not self._code_spelt(term, codes):
                continue
            if tuple(phrase) == term:
                naming, kinds = self._spelled(term, phrase)
                whole |= naming
                kind_of |= kinds
                continue
            noun_first = term in self._head_first
            heads = _head_positions(phrase, head_first or noun_first)
            # Any spelling of the term's stems: `_spelled` tells which of them is written.
            found = _occurrences(phrase, term, term in self._compound_tails, any_spelling=True)
            for first, last in found:
                if self._a_term_of_its_own(phrase[first], term):
                    continue  # "surgelati" (frozen food), not a compound ending in "gelati"
                naming, kinds = self._spelled(term, phrase[first : last + 1])
                ids = naming | kinds
                if not ids:
                    continue
                spans[term].append((first, last))
                written = tuple(unit.word for unit in phrase[first : last + 1])
                if first == 0 and any(
                    spelling == written for spelling, _, _ in self._entries[term]
                ):
                    opening.append((term, ids))
                if not _ends_aligned(phrase[last], term):
                    elsewhere |= ids
                elif first <= max(heads) <= last:
                    (at_end_noun_first if noun_first else at_end).append((term, ids))
                elif first <= min(heads) <= last:
                    at_start.append((term, ids))
                else:
                    elsewhere |= ids
        if whole or kind_of:
            # The phrase is a term: its broader categories come from the hierarchy, and a
            # shorter term inside it ("fruits" in "fruits de mer") is no head.
            return ProductMatch(frozenset(whole), frozenset(), frozenset(kind_of - whole))
        # A term inside a longer one found is no head: "caves" in "caves à vin" is no cava.
        at_end = [found for found in at_end if not _inside_a_longer(found[0], spans)]
        if any(not self._a_mark(term) for term in spans):
            # A word that marks what comes before it ("gamberi surgelati": frozen) is no
            # head, though alone it names its category ("surgelati": frozen food).
            at_end = [found for found in at_end if not self._a_mark(found[0])]
            at_end_noun_first = [f for f in at_end_noun_first if not self._a_mark(f[0])]
        # "Rechargeable hearing aids" and "aides auditives rechargeables" are both hearing
        # aids: the head is at the end for English words, at the start for French ones.
        terms = at_end or at_start or at_end_noun_first
        if not terms and opening and _said_after(phrase[len(max(opening, key=_size)[0]) :]):
            terms = opening
        noun_first_start = all(term in self._head_first for term, _ in at_start)
        as_long_at_start = _words(at_start) >= _words(at_end)
        noun_first_end = all(term in self._head_first for term, _ in at_end)
        if at_start and (
            (head_first and as_long_at_start)
            or (noun_first_start and _words(at_start) > _words(at_end))
            or (noun_first_start and noun_first_end and as_long_at_start)
        ):
            # In a noun-first request, or a label in such a language only, the term at
            # the start is the head unless a longer one ends it: "pièces détachées
            # automobiles" are parts, "ecógrafos portátiles" ultrasound. A label opening
            # with several words of a noun-first language only is in that language
            # ("faisceaux électriques automobiles").
            terms = at_start
        return ProductMatch(frozenset(), frozenset(self._refined(_longest(terms), elsewhere)))

    def _spelled(self, term: tuple[Unit, ...], window: list[Unit]) -> tuple[set[str], set[str]]:
        """The categories a term names where the words in the window are forms of its words
        (not "Helles" for "helado"): those it names, and those it names a kind of. A
        compound's tail ("Knieimplantate") is taken as it is."""
        naming: set[str] = set()
        kinds: set[str] = set()
        entries = self._entries[term]
        written = tuple(unit.word for unit in window)
        if all(written) and any(spelling == written for spelling, _, _ in entries):
            # A word spelt as one category's term is that term, not another language's
            # word with the same stem: "poires" are pears, never "poiré" (perry).
            entries = [entry for entry in entries if entry[0] == written]
        for spelling, category, kind in entries:
            if all(
                have.cjk or have.text != want.text or not have.word or same_word(have.word, word)
                for have, want, word in zip(window, term, spelling, strict=True)
            ):
                (kinds if kind else naming).add(category)
        return naming, kinds - naming

    def _refined(self, heads: set[str], others: set[str]) -> set[str]:
        """A head made more specific by a kind of it named before ("Premium durian fruit" is
        durian), or joined by a kind beside it under the same parent: "Eiswein Riesling" is
        ice wine and, by its grape, white wine."""
        found: set[str] = set()
        for head in heads:
            narrower = {o for o in others if o != head and head in self.with_ancestors([o])}
            found |= narrower or {head} | self.siblings([head], others - heads)
        return found

    def modifier(self, phrase: str, category_ids: Iterable[str]) -> str:
        """The complement a phrase adds after a link word to the terms it names those
        categories by: what makes "implants de hanche" or "pièces détachées pour vélos" a
        kind of its head; "" when it has none. An adjective ("копчёная рыба") is no such
        complement: another exhibitor may say it in another language ("smoked salmon")."""
        words = units(self._core(phrase))
        link = _first_link([_a_link(u) for u in words])
        if link is None:
            return self._product_before_head(phrase, category_ids)
        named: set[Unit] = set()
        for category_id in self.with_ancestors(category_ids):
            for term in self._category_terms(category_id):
                if any(True for _ in _occurrences(words, term)):
                    named |= set(term)
        added = [
            u.word
            for u in words[link + 1 :]
            if not u.cjk and u not in named and not _a_link(u) and len(u.word) > 2
        ]
        return " ".join(added)

    def _product_before_head(self, phrase: str, category_ids: Iterable[str]) -> str:
        """The words of a Korean phrase before its head word when they name a product of
        their own: what "홍삼 화장품" (red-ginseng cosmetics) are made of. An adjective
        ("냉동 새우") names none; "" when there is no such product."""
        words = self._core(phrase).split()
        if len(words) < 2 or not _HANGUL.search(phrase):
            return ""
        before = " ".join(words[:-1])
        head = self.with_ancestors(self.match_product(words[-1]).categories)
        if not head & set(category_ids) or not self.match_product(before).categories:
            return ""
        return before

    def head_before_link(self, phrase: str) -> str | None:
        """The words of a phrase before its first link word, as written ("pneus" in "pneus
        de moto"); None when no link word stands between two others."""
        words = phrase.split()
        link = _first_link([fold(word) in _LINKS for word in words])
        return " ".join(words[:link]) if link is not None else None

    def _category_terms(self, category_id: str) -> list[tuple[Unit, ...]]:
        category = self.categories.get(category_id)
        if category is None:
            return []
        return [tuple(units(term)) for term in (*category.terms, *category.names.values())]

    def same_kind(self, phrase: str) -> tuple[str, ...]:
        """The other languages' words for the kind a phrase names as a whole ("Fräsmaschinen":
        "fresadoras", "milling machines"...), none when it names no such kind."""
        written = tuple(units(phrase))
        group = self._same_kinds.get(written, ())
        return tuple(other for other in group if tuple(units(other)) != written)

    def product_categories(self, text: str, *, typos: bool = True) -> set[str]:
        """Categories a product phrase belongs to, in any of the eight languages; each part
        of a label counts ("Musang King durian – frozen whole fruit": durian and fruit)."""
        parts = self._label_parts_with_sizes(text)
        # A part opening with a size or a share names the pack or an ingredient, not the
        # product: "60 kg jute bags", "72% huile d'olive" (of a soap).
        products = [p for p in parts if not _SPEC.match(p)] or parts
        matches = [self.match_product(part) for part in products]
        found = {c for match in matches for c in match.categories}
        if typos and not any(match.whole or match.kind_of for match in matches):
            # A term of several words with one slipped is the whole label, where what
            # matched as written was one word of it: "apareils auditifs" are hearing aids,
            # not the "audit" its second word stems to.
            found = (len(text.split()) > 1 and self.typo_tolerant(text)) or found
        if not found:
            # What the parentheses say, when the label outside them names nothing:
            # "choritos (mejillones chilenos)" are mussels.
            found = {
                c
                for inside in _PARENTHESES.findall(text)
                for c in self.match_product(inside.strip("()（）[]【】")).categories
            }
        if not found and _PARENTHESES.search(text):
            # Or without them: "Invisible-in-canal (IIC) hearing aids".
            found = self.product_categories(_PARENTHESES.sub(" ", text), typos=False)
        if not found and _HYPHENED_WORDS.search(text):
            # Words hyphened into one that says which: "Behind-the-ear hearing aids".
            found = self.product_categories(_HYPHENED_WORDS.sub(_joined, text), typos=False)
        if not found:
            found = {c for part in products for c in self._opening_product(part)}
        found |= self._marked(text, found)
        return found or (self._with_a_slip(text) if typos else set())

    def _says_which(self, word: str) -> bool:
        """Whether a word after a label's product only says which: a country, a code or
        size, a grade ("Holland", "PGI", "48+", "belegen"), not another thing ("Solar water
        pumping systems", "wine bottles") nor a name ("Oyster Perpetual" is a watch)."""
        return (
            (len(word) > 1 and word.isupper())  # a code: "PGI", "DOP", "IQF"
            or self.country_code(word) is not None
            or fold(word) in self.label_qualifiers
            or not any(ch.isalpha() for ch in word)
        )

    def _opening_product(self, label: str) -> frozenset[str]:
        """The product a label opens with, when what follows only says which: "Gouda
        Holland PGI 48+ belegen", "Mozzarella Italia DOP", "Fresh Atlantic salmon whole
        gutted 4-5 kg"."""
        words = label.split()
        for cut in range(len(words) - 1, 0, -1):
            opening, rest = " ".join(words[:cut]), words[cut:]
            if not words[cut - 1].isalpha():
                continue
            match = self.match_product(opening)
            # After a kind, a name says where it is from: "Pinotage WO Stellenbosch 2020",
            # "Malbec Mendoza"; after a category's word it is the product's own name
            # ("Oyster Perpetual" is a watch).
            from_a_place = bool(match.kind_of or match.head) and not match.whole
            if not all(self._says_which(w) or (from_a_place and _a_place_name(w)) for w in rest):
                continue
            # Unless what follows names another thing of its own: a code may be a product
            # ("IQF" is frozen, which the label's marks say).
            rest_names = self.match_product(" ".join(rest)).categories - self._marked_by(rest)
            if match.categories and not rest_names:
                return frozenset(match.categories)
        return frozenset()

    def _marked_by(self, words: list[str]) -> set[str]:
        """The categories words name only as a label's marks ("IQF", "tiefgekühlt")."""
        return {c for word in words for c in self._marks.get(tuple(units(word)), ())}

    def _with_a_slip(self, text: str) -> set[str]:
        """The label read with a slip: as a whole, else word by word."""
        return self.typo_tolerant(text) or self._slips_in_words(text)

    def respelled_words(self, text: str) -> str:
        """The text with each word that names nothing as written and is a slip of one term
        word only written as that word: "Manuka Honnig" -> "Manuka honig"."""

        def respelled(found: re.Match[str]) -> str:
            word = fold(found.group())
            if self.match_product(word).categories:
                return found.group()
            targets = self._letter_slips(word)
            return next(iter(targets)) if len(targets) == 1 else found.group()

        return _LETTER_RUN.sub(respelled, text)

    def _slips_in_words(self, text: str) -> set[str]:
        """A slip in one word of several ("Manuka Honnig": honey, "Sonnencrem und
        Schampoo", "экспедирвоание грузов")."""
        words = _LETTER_RUN.findall(text)
        if len(words) < 2:
            return set()
        # Only the words that are slips: one written right is read with its phrase, where
        # "papier" of "machines à papier" is no paper.
        # Nor a word a language uses every day: "hearing" of "Pediatric hearing solutions"
        # is no slip of "herring".
        slipped = [
            w for w in words if not self.match_product(w).categories and not is_common(w.lower())
        ]
        return {c for word in slipped for c in self.typo_tolerant(word)}

    def _label_parts_with_sizes(self, text: str) -> list[str]:
        """A label's parts, each with the size that opens the next one: "Dog food can",
        "400 g" read as "Dog food can 400 g", whose can is its pack."""
        parts = _label_parts(text)
        sized = []
        for at, part in enumerate(parts):
            following = parts[at + 1] if at + 1 < len(parts) else ""
            size = _SIZE_AHEAD.match(following.strip())
            sized.append(f"{part} {size.group()}" if size and part.strip() else part)
        return sized

    def _marked(self, text: str, named: set[str]) -> set[str]:
        """The categories a label's marks add to what it names, within the same area:
        "tiefgekühlte Garnelen" are frozen food too, "冷冻设备" (freezers) are not."""
        areas = {self.categories[c].area for c in named if c in self.categories}
        if not areas or not self._marks:
            return set()
        words = units(text)
        return {
            category
            for mark, ids in self._marks.items()
            if any(
                self._spells_a_mark(mark, words[first : last + 1])
                for first, last in _occurrences(words, mark, any_spelling=True)
            )
            for category in ids
            if self.categories[category].area in areas
        }

    def _spells_a_mark(self, mark: tuple[Unit, ...], window: list[Unit]) -> bool:
        """Whether the words found are a form of one of the ways the mark is written."""
        return any(
            all(
                not have.word or not word or same_word(have.word, word)
                for have, word in zip(window, spelling, strict=True)
            )
            for spelling in self._mark_spellings[mark]
        )

    def typo_tolerant(self, text: str) -> set[str]:
        """One slip in a long product word ("chocolat" for "chocolate", "cheeese"): only
        words of six letters or more, the same first letter, one edit (two from nine
        letters), so "probiotics" never becomes "robotics"."""
        needle = " ".join(fold(text).split())
        if (known := self._slips.get(needle)) is None:
            if len(self._slips) > _SLIPS_KEPT:
                self._slips.clear()  # what people type is unbounded
            known = self._slips[needle] = frozenset(self._typo_tolerant(needle))
        return set(known)

    def _typo_tolerant(self, needle: str) -> set[str]:
        if _ALL_HANGUL.fullmatch(needle):
            return {c for ids in self._hangul_slips(needle).values() for c in ids}
        if _ALL_KATAKANA.fullmatch(needle):
            return {c for ids in self._katakana_slips(needle).values() for c in ids}
        if " " in needle:
            return self._phrase_slips(needle.split())
        return {c for ids in self._letter_slips(needle).values() for c in ids}

    def _letter_slips(self, needle: str) -> dict[str, set[str]]:
        """The term words one slip from a word in letters (`_a_slip`), with their
        categories."""
        if len(needle) < _DOUBLED_MIN or not needle.isalpha() or _is_cjk(needle):
            return {}
        return {
            word: ids
            for word, ids in self._term_words_by_first.get(needle[0], ())
            if _a_slip(needle, word)
        }

    @cached_property
    def _term_digit_words(self) -> frozenset[str]:
        """The words with digits the taxonomy's terms hold ("3d", "5g", "a2")."""
        return frozenset(
            word
            for category in self.categories.values()
            for term in (*category.terms, *category.names.values())
            for word in fold(term).split()
            if any(ch.isdigit() for ch in word)
        )

    @cached_property
    def _term_words_by_first(self) -> dict[str, list[tuple[str, set[str]]]]:
        """The long term words by their first letter: a slip keeps it (`_a_slip`)."""
        by_first: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
        for word, ids in self._term_words.items():
            by_first[word[0]].append((word, ids))
        return dict(by_first)

    def _add_term_phrase(self, folded: str, category_id: str) -> None:
        words = folded.split()
        if folded not in self._term_phrases:
            for at in range(len(words)):
                key = " ".join([*words[:at], "*", *words[at + 1 :]])
                self._phrases_but_one.setdefault(key, []).append(folded)
        self._term_phrases.setdefault(folded, set()).add(category_id)

    def _phrase_slips(self, words: list[str]) -> set[str]:
        """A term of several words with one of them slipped, as `typo_tolerant` allows
        for a word, and the others as written."""
        found: set[str] = set()
        for at, word in enumerate(words):
            key = " ".join([*words[:at], "*", *words[at + 1 :]])
            for term in self._phrases_but_one.get(key, ()):
                written = term.split()[at]
                if word != written and _a_slip(word, written):
                    found |= self._term_phrases[term]
        return found

    def respelled(self, text: str) -> str | None:
        """The one Korean or katakana term a word is a slip of ("혈압게": 혈압계, "ピスタチョ":
        ピスタチオ), to search as if typed right; None when there is none or several."""
        needle = fold(text)
        slips = (
            self._hangul_slips(needle)
            if _ALL_HANGUL.fullmatch(needle)
            else self._katakana_slips(needle)
            if _ALL_KATAKANA.fullmatch(needle)
            else {}
        )
        return next(iter(slips)) if len(slips) == 1 else None

    def _hangul_slips(self, needle: str) -> dict[str, set[str]]:
        """The Korean terms of three syllables or more one letter from a word, the first
        syllable right, with their categories: "혈압게" for "혈압계" (ㅔ for ㅖ)."""
        if len(needle) < _HANGUL_FUZZY_MIN:
            return {}
        letters = _jamo(needle)
        return {
            word: ids
            for word, ids in self._hangul_words.items()
            if len(word) == len(needle)
            and word[0] == needle[0]
            and Levenshtein.distance(letters, _jamo(word)) <= 1
        }

    def _katakana_slips(self, needle: str) -> dict[str, set[str]]:
        """The katakana terms of four kana or more one kana from a word, the first one
        right, with their categories: "ピスタチョ" for "ピスタチオ", "アボガド" for "アボカド"."""
        if len(needle) < _KATAKANA_FUZZY_MIN:
            return {}
        return {
            word: ids
            for word, ids in self._katakana_words.items()
            if word[0] == needle[0] and Levenshtein.distance(needle, word) <= 1
        }

    def profile_words(self, category_ids: Iterable[str]) -> tuple[str, ...]:
        """The words an English or Chinese profile may use for these categories and what is
        under them ("Hip and knee prostheses."), for categories narrow enough that a profile
        mentioning one of them says what the exhibitor sells; none for broad ones."""
        key = tuple(sorted(category_ids))
        if key not in self._profile_words:
            found: dict[str, None] = {}
            for category_id in self.with_subcategories(key):
                category = self.categories.get(category_id)
                if category is not None:
                    # Several words ("knee prostheses"): one word alone ("robots",
                    # "battery") is too often part of something else in a sentence.
                    found.update(dict.fromkeys(t for t in category.profile_terms if " " in t))
            self._profile_words[key] = tuple(found) if len(found) <= _PROFILE_WORDS_MAX else ()
        return self._profile_words[key]

    def only_stemmed_as_a_term(self, word: str) -> bool:
        """Whether a word reads as a product's term only by its stem, and is itself a much
        commoner word than any spelling of that term: "Müller", a name, stems as "Mull"
        (gauze)."""
        written = tuple(units(word))
        if len(written) != 1 or written[0].cjk or written not in self._entries:
            return False
        spellings = {spelt[0] for spelt, _, _ in self._entries[written] if len(spelt) == 1}
        folded = fold(word)
        if not spellings or folded in spellings:
            return False
        return _zipf_anywhere(folded) >= max(map(_zipf_anywhere, spellings)) + _ANOTHER_WORD_ZIPF

    def is_term(self, phrase: str) -> bool:
        """Whether a phrase is, as a whole, a product the taxonomy knows ("French fries")."""
        match = self.match_product(phrase)
        return bool(match.whole or match.kind_of)

    def described_by_function(self, text: str) -> set[str]:
        """The categories a message describes by what their products do ("un appareil qui
        nettoie le sol tout seul": vacuum cleaners)."""
        return _described(text, self.functions)

    def described_by_users(self, text: str) -> set[str]:
        """The categories a message describes by who uses their products or the business
        they equip ("stuff for dentists", "J'ouvre une boulangerie"): what it asks for when
        it names no product of its own."""
        return _described(text, self.users)

    def product_within(self, phrase: str, *, head_first: bool = False) -> str | None:
        """The longest run of a phrase's words that names a product, when the whole does
        not: "crèmes solaires" of "notamment de crèmes solaires", "Bettwäsche" of
        "Bettwäsche herstellen". A run neither starts nor ends with a link word or an
        article, and a single word has four letters or more."""
        words = phrase.split()
        if len(words) < 2 or _is_cjk(phrase):
            return None
        if self.match_product(phrase, head_first=head_first).categories:
            return None
        small = _LINKS | _ARTICLES
        for run in _shorter_runs(words):
            if fold(run[0]) in small or fold(run[-1]) in small:
                continue
            if len(run) == 1 and len(run[0]) < _SHORTEST_WORD_ALONE:
                continue
            text = " ".join(run)
            if self.match_product(text, head_first=head_first).categories:
                return text
        return None

    def kind_within(self, phrase: str) -> str | None:
        """The longest run of a phrase's words that is itself a kind's term, when the
        phrase says more: "comté" of "comté affiné 18 mois"; none when a longer run is a
        category's own term ("bornes de recharge pour chars électriques" asks for charging
        stations, not for those who write "bornes")."""
        whole_size = 0
        for run in _shorter_runs(phrase.split()):
            if len(run) < whole_size:
                return None
            text = " ".join(run)
            if tuple(units(text)) not in self._term_index or _a_small_word(text):
                continue  # "à" of "fromage à raclette" is no vitamin A
            match = self.match_product(text)
            if match.kind_of:
                return text  # "peluche" of "juguetes de peluche": as long as "juguetes"
            if match.whole:
                whole_size = len(run)
        return None

    def categories_in_text(self, text: str) -> set[str]:
        """Categories whose terms occur as whole words anywhere in a whole message."""
        message = units(text)
        return {
            category
            for term in self._candidates(message)
            if any(True for _ in _occurrences(message, term, term in self._compound_tails))
            for category in self._term_index[term]
        }

    def categories_described(self, text: str) -> set[str]:
        """Categories an English or Chinese profile names in so many words ("Apple grower
        and juice processor", "Cheese trader from Woerden"): a category's English or Chinese
        terms as whole words, in English forms of them (not "thé" in "the", "Lak" for
        Norwegian salmon, "care" for cars, "paper" for Spanish potatoes)."""
        found: set[str] = set()
        for segment in _PROFILE_BREAKS.split(text):
            named = self._named_in_profile(segment)
            if named:
                # The head is the last thing named, the longest term ending there ("Butter
                # biscuits" are biscuits, "Apple grower" apples, "黄油饼干" biscuits), unless
                # machines for it follow ("Coffee roasting machinery").
                last = max(named)
                after = units(segment)[last[0] + 1 :]
                if not any(unit.word in _MACHINES for unit in after):
                    found |= named[last]
        return found

    def _named_in_profile(self, text: str) -> dict[tuple[int, int, int], set[str]]:
        """The categories a profile's terms name, by where each term ends (word, then
        character in a CJK run) and how long it is."""
        words = units(text)
        found: dict[tuple[int, int, int], set[str]] = defaultdict(set)
        keys = {ch for u in words if u.cjk for ch in u.text} | {u.text for u in words if not u.cjk}
        for term in {term for key in keys for term in self._profile_by_start.get(key, ())}:
            for first, last in _occurrences(words, term, term in self._compound_tails):
                window = words[first : last + 1]
                if not _ends_aligned(words[last], term) or len(window) != len(term):
                    continue
                named = {
                    category
                    for spelling, category, _ in self._entries[term]
                    if " ".join(spelling) in self._profile_spellings.get(category, ())
                    and all(
                        have.cjk or same_english_word(have.word, word)
                        for have, word in zip(window, spelling, strict=True)
                    )
                }
                if named:
                    ends = words[last].text.rfind(term[-1].text) + len(term[-1].text)
                    size = sum(len(unit.text) for unit in term)
                    found[(last, ends if words[last].cjk else 0, size)] |= named
        return found

    def _candidates(self, phrase: list[Unit]) -> set[tuple[Unit, ...]]:
        """Terms starting with one of the phrase's words or characters, or ending one of
        its long words (compounds)."""
        keys: set[str] = set()
        for unit in phrase:
            if unit.cjk:
                keys |= set(unit.text)
            else:
                keys.add(unit.text)
                keys |= set(compound_heads(unit.word)) if unit.word else set()
                keys |= {
                    unit.text[i:j]
                    for i in range(3, len(unit.text) - _COMPOUND_TAIL_MIN + 1)
                    for j in range(
                        max(i + _COMPOUND_TAIL_MIN, len(unit.text) - 3), len(unit.text) + 1
                    )
                }
        return {term for key in keys for term in self._by_start.get(key, ())}

    def product_phrases(self, text: str, exclude: Iterable[str] = ()) -> list[str]:
        """The product phrases of a whole request, once the words that frame it ("who
        sells", "的展商吗", "업체 찾아줘") and other entities' values are taken out."""
        message = with_elided_tails(join_slashed(fold(text)))
        for value in sorted(exclude, key=len, reverse=True):  # "イタリアの" before "イタリア"
            if folded := fold(value).strip():
                message = message.replace(folded, " | ")
        phrases: list[str] = []
        for segment in re.split(r"[^\w\s'’-]+", message):
            phrases += self._phrases_of(segment)
        return [each for phrase in phrases for each in self._contraction_undone(phrase)]

    def _contraction_undone(self, phrase: str) -> list[str]:
        """A Chinese phrase naming several products by their first characters before the
        one they share, each product apart: 牛羊肉 is 牛肉 and 羊肉, 猪牛羊肉 three meats."""
        if not _HAN_ONLY.fullmatch(phrase) or self.is_term(phrase):
            return [phrase]
        for shared in (1, 2):
            heads = phrase[:-shared]
            if 2 <= len(heads) <= 4:
                each = [head + phrase[-shared:] for head in heads]
                if all(self.is_term(product) for product in each):
                    return each
        return [phrase]

    def _a_number(self, word: str) -> bool:
        return word.isdigit() or word in self.number_words

    def _phrases_of(self, segment: str) -> list[str]:
        words: list[str | None] = []
        found = re.findall(r"[^\W_]+", segment)
        for at, word in enumerate(found):
            if word in _ARTICLES and words and words[-1] in _LINKS:
                words.append(word)  # "crèmes pour le visage", "Zubehör für die Küche"
            elif self._a_number(word):
                words.append(None)  # "septante mille boîtes", "zwei Tonnen"
            elif word in self.measure_words and (
                (at and self._a_number(found[at - 1]))
                or (
                    at > 1 and found[at - 1] in self.measure_words and self._a_number(found[at - 2])
                )
                or _sized_after(found, at)
                or (at and found[at - 1] in _PER)
            ):
                # "пармезан 24 месяца", "icewine 375 ml": a size or age; "sacs de 60 kg",
                # "Säcke à 60 kg", "bags of 25 kg": a pack and its size; "par mois",
                # "pro Monat": how often.
                if at and found[at - 1] in _PER and words:
                    words[-1] = None
                words.append(None)
            elif self._frames(word) and not self._starts_a_term(found, at):
                words.append(None)
            elif _is_cjk(word) and (listed := self._listed_with(word)) is not None:
                words += [listed, None]  # "아보카도랑 블루베리": avocados and blueberries
            elif _is_cjk(word):
                # A framing word or particle left on its own ("哪里有清酒": 有) frames too.
                words += [
                    None if piece in self.request_words | self.request_particles else split
                    for piece in self._split_cjk(word)
                    for split in self._split_at_and(piece)
                ]
            else:
                words.append(word)
        chunks: list[list[str]] = [[]]
        for word in words:
            if word is None:
                chunks.append([])
            else:
                chunks[-1].append(word)
        trimmed = (self._trim(chunk) for chunk in chunks)
        return [
            " ".join(chunk)
            for chunk in trimmed
            if chunk and not _a_letter(chunk) and not self._japanese_grammar(chunk)
        ]

    def _japanese_grammar(self, chunk: list[str]) -> bool:
        """Whether a chunk is grammar left between framing words: a framing word with its
        particles ("館の"), or kana ("にはどんな", "がいます" of "6.2ホールにはどんな出展者が
        いますか"): hiragana only, opening with two particles or closing with a verb's ending,
        and no product the taxonomy knows. One particle's letter may open a product's word
        ("にんにく", "かまぼこ", "とうふ") the catalog alone writes."""
        word = "".join(chunk)
        if _is_cjk(word) and word.rstrip("".join(self.request_particles)) in self.request_words:
            return True  # "館の" of "ギリシャ館の出展内容"
        return (
            all(_is_hiragana(ch) for ch in word)
            and (set(word[:2]) <= self.request_particles or word.endswith(_VERB_ENDINGS))
            and not self.match_product(word).categories
        )

    def only_framing(self, text: str) -> bool:
        """Whether every word of a text frames a request ("фабрики", "who sells")."""
        words = re.findall(r"[^\W_]+", fold(text))
        return bool(words) and all(self._frames(w) for w in words)

    def _frames(self, word: str) -> bool:
        """Whether a word frames a request: listed, or a Russian word in any of its forms."""
        return word in self.request_words or (
            is_cyrillic(word) and russian_lemma(word) in self.request_lemmas
        )

    def _starts_a_term(self, words: list[str], at: int) -> bool:
        """Whether a framing word is a word of a term with the words around it: "the vert"
        is thé vert typed without its accent, not "the" and "vert"; "autitos a escala" are
        scale models, "страховые компании" insurers."""
        return not _is_cjk(words[at]) and any(
            tuple(units(" ".join(words[start : start + size]))) in self._term_index
            for size in (2, 3, 4)
            for start in range(max(0, at - size + 1), at + 1)
            if start + size <= len(words)
        )

    def _listed_with(self, word: str) -> str | None:
        """A Korean product followed by "and" (랑, 이랑, 하고, 와, 과) or "or" (이나, 나): the
        product."""
        for particle in _AND_AFTER:
            if word.endswith(particle) and self.is_term(head := word[: -len(particle)]):
                return head
        return None

    def _split_at_and(self, piece: str | None) -> list[str | None]:
        """Two products joined by "and" or "or" in one run of characters ("ウイスキーと日本酒",
        "牛肉和羊肉", "燕窝或者红参", "コーヒー豆と紅茶"), each a product the taxonomy knows or
        a word holding one."""
        if piece is None:
            return [None]
        for link in _AND_BETWEEN:
            at = piece.find(link)
            while at > 0:
                before, after = piece[:at], piece[at + len(link) :]
                if self._names_a_product(before) and self._names_a_product(after):
                    return [before, None, after]
                at = piece.find(link, at + 1)
        return [piece]

    def _names_a_product(self, word: str) -> bool:
        word = self._without_particles(word)  # "紅茶を"
        if self.is_term(word) or (len(word) >= 2 and bool(self.match_product(word).categories)):
            return True
        # "カシミヤの製品": a product's goods.
        owner, of, goods = word.partition("の")
        return bool(of) and fold(goods) in self.generic_heads and self._names_a_product(owner)

    def _split_cjk(self, run: str) -> list[str | None]:
        """A CJK run cut at its framing words of two characters or more, longest first."""
        for word in sorted(self.request_words, key=len, reverse=True):
            if len(word) >= 2 and _is_cjk(word) and word in run:
                before, _, after = run.partition(word)
                return [*self._split_cjk(before), None, *self._split_cjk(after)]
        return [run] if run else []

    def _trim(self, chunk: list[str]) -> list[str]:
        """Framing and link words off both ends of a phrase, particles off its end."""
        edge = self.request_words | _LINKS
        words = [w for w in chunk if not w.isdigit()]  # "панели от 500 Вт"
        while words and words[0] in edge and not self._starts_a_term(words, 0):
            words.pop(0)
        while (
            words
            and words[-1] in edge | self.request_particles
            and not self._starts_a_term(words, len(words) - 1)
        ):
            words.pop()
        # A framing character is trimmed off a word only when the word is no product
        # itself: 수 frames "살 수 있나요", but 수산물 is seafood.
        if words and _is_cjk(words[0]) and not self._a_term_with_particles(words[0]):
            words[0] = _trim_start(words[0], self.request_words)
        if words and _is_cjk(words[-1]) and not self._a_term_with_particles(words[-1]):
            words[-1] = _trim_end(words[-1], self.request_words)
        if words and _is_cjk(words[-1]):
            words[-1] = self._without_particles(words[-1])
        if words and _is_cjk(words[0]):
            words[0] = self._without_leading_particle(words[0])
        # A CJK framing word left alone once its particles are off ("館" of "館の").
        return [
            w
            for w in words
            if w and not w.isdigit() and not (_is_cjk(w) and w in self.request_words)
        ]

    def _without_leading_particle(self, word: str) -> str:
        """A word without the hiragana particle it opens with where the next character is of
        another script: "にゴーダチーズ" of "スーパー向けにゴーダチーズ" is Gouda; "のり" (laver)
        and "お茶" (a prefix, not a particle) stay. Chinese "的" opens no product."""
        if len(word) > 2 and word[0] in self.request_particles:
            if _is_hiragana(word[0]) and not _is_hiragana(word[1]):
                return word[1:]
            if word[0] == "的":  # "的蜂蜜" of "有没有 New Zealand 的蜂蜜"
                return word[1:]
        return word

    @property
    def link_words(self) -> frozenset[str]:
        """The small words that link a product to its complement ("de", "for", "для")."""
        return _LINKS

    @property
    def articles(self) -> frozenset[str]:
        """Articles, which may follow a link word ("de la", "für die")."""
        return _ARTICLES

    def _a_term_with_particles(self, word: str) -> bool:
        return self.is_term(word) or self.is_term(self._without_particles(word))

    def _without_particles(self, word: str) -> str:
        """A CJK word without the particles it ends with ("의료기기를", "김치도"), unless a
        particle is the word's own last syllable: "아보카도" is a product, "아보카" none."""
        framing = self.request_words | self.request_particles
        while len(word) > 2 and word[-1] in framing:
            if word[-1] not in self.request_words and not self._particle_ends(word):
                break
            word = word[:-1]
        return word

    def _particle_ends(self, word: str) -> bool:
        """Whether a word's last syllable is a particle after it rather than part of it:
        yes when what comes before is a product the taxonomy knows, or the whole is none."""
        return self.is_term(word[:-1]) or not self.is_term(word)

    def with_ancestors(self, category_ids: Iterable[str]) -> set[str]:
        """The categories and every category above them (hearing aids -> medical devices)."""
        found: set[str] = set()
        pending = list(category_ids)
        while pending:
            category = pending.pop()
            if category not in found:
                found.add(category)
                known = self.categories.get(category)
                pending += known.parents if known else ()
        return found

    def siblings(self, of: Iterable[str], among: Iterable[str]) -> set[str]:
        """The categories among some that share a broader kind with one of `of` and are
        none of them: cold chain beside warehousing, both logistics."""
        kinds = set(of)
        parents = {p for c in kinds if c in self.categories for p in self.categories[c].parents}
        return {
            c
            for c in among
            if c not in kinds and c in self.categories and parents & set(self.categories[c].parents)
        }

    def with_subcategories(self, category_ids: Iterable[str]) -> set[str]:
        """The categories and everything under them (medical devices -> hearing aids...)."""
        found: set[str] = set()
        pending = list(category_ids)
        while pending:
            category = pending.pop()
            if category not in found:
                found.add(category)
                pending += self._children.get(category, ())
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
            if len(name) >= 2 and _names_inside(name, needle):
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
        code = self.countries.code(text)
        mentions = self.countries.mentions(text) if code is not None else []
        if mentions and all(self._begins_a_product(text, m) for m in mentions):
            return None  # "日本酒": sake, not Japan
        return code

    def countries_in_text(self, text: str) -> list[str]:
        """Codes of the countries a whole message names, in order, each once."""
        return list(dict.fromkeys(m.code for m in self.country_mentions(text)))

    def country_mentions(self, text: str) -> list[CountryMention]:
        """Each country named in a message with its span, to cut it out of a product phrase:
        "French cheese" → [("FR", 0, 6)]. A country's name that starts a product's is the
        product's: "日本酒" (sake), "French fries", "Turkish delight"."""
        return [m for m in self.countries.mentions(text) if not self._begins_a_product(text, m)]

    def _begins_a_product(self, text: str, mention: CountryMention) -> bool:
        if cjk := _NEXT_CJK.match(text, mention.end):
            # "日本酒" is sake, "日本清酒" sake from Japan: the country's characters make the
            # product only where the product without them is another.
            return any(
                (named := self.match_product(text[mention.start : end]).categories)
                and named != self.match_product(text[mention.end : end]).categories
                for end in range(mention.end + 1, cjk.end() + 1)
            )
        ends: list[int] = []  # after the next word, and the one after it
        while len(ends) < 2 and (word := _NEXT_WORD.match(text, ends[-1] if ends else mention.end)):
            ends.append(word.end())
        return any(self.is_term(text[mention.start : end]) for end in ends)

    def without_countries(self, text: str) -> str:
        """A product phrase with its country cut out, and the words that said "from":
        "French cheese" → "cheese", "café de Colombia" → "café", "日本産ウイスキー" →
        "ウイスキー", "독일산 맥주" → "맥주"."""
        return self.countries.without(text, self.country_mentions(text))


_HAN_ONLY = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# "And" and "or" between two products: Japanese and Chinese inside a run of characters,
# longest first; Korean at the end of the first product's word.
_AND_BETWEEN = ("または", "或者", "还是", "および", "及び", *"と和与及跟や或か")
_AND_AFTER = ("이랑", "하고", "랑", "와", "과", "이나", "나")  # and, or
# Up to three Han or kana characters, or a word, after a country's name.
_NEXT_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]{1,3}")
_NEXT_WORD = re.compile(r"[ \t-]+\w+")


def _inside_a_longer(
    term: tuple[Unit, ...], spans: dict[tuple[Unit, ...], list[tuple[int, int]]]
) -> bool:
    """Whether every place a term was found lies within a longer term found."""
    return all(
        any(
            a <= first and last <= b and b - a > last - first
            for other, places in spans.items()
            if other != term
            for a, b in places
        )
        for first, last in spans[term]
    )


def _a_small_word(text: str) -> bool:
    """A single letter or one of a language's small words ("à", "de", "und")."""
    return len(text) < 2 or is_small_word(text)


def _a_code(word: str) -> bool:
    """A short code in capitals or a single letter ("AOP", "SPF", "L")."""
    return (word.isupper() and len(word) <= 5 and word.isascii()) or len(word) == 1


def _a_participle_after_noun(word: str, before: str) -> bool:
    """A German past participle after a noun, saying how the product is prepared:
    "Räucherlachs geschnitten", "Nordseekrabben gepult"."""
    return before[:1].isupper() and bool(_GERMAN_PARTICIPLE.fullmatch(word))


def _a_name_after_lowercase(word: str, before: list[str]) -> bool:
    """A capitalised name ending a label written in lowercase words, the variety or the
    place of the product: "extra virgin olive oil Koroneiki"."""
    return (
        len(before) >= 2
        and word[:1].isupper()
        and word[1:].islower()
        and all(w[:1].islower() for w in before if w[:1].isalpha())
        and fold(before[-1]) not in _LINKS  # "rail freight via Khorgos": the complement
    )


def _names_inside(name: str, text: str) -> bool:
    """Whether a place's name is in a text: anywhere for a Han or kana one ("苏州市"), as
    whole words otherwise ("Иу" is no part of "премиум")."""
    if _is_cjk(name) or name not in text:
        return name in text
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _jamo(word: str) -> str:
    """A Hangul word as its letters: each syllable's initial, vowel and final (if any)."""
    letters: list[str] = []
    for syllable in word:
        index = ord(syllable) - 0xAC00
        initial, rest = divmod(index, 21 * 28)
        vowel, final = divmod(rest, 28)
        letters += [chr(0x1100 + initial), chr(0x1161 + vowel)]
        letters += [chr(0x11A7 + final)] if final else []
    return "".join(letters)


def _label_parts(text: str) -> list[str]:
    parts = [part for part in _LABEL_PARTS.split(_PARENTHESES.sub(" ", text)) if part.strip()]
    return parts or [text]


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


# Where a product label goes on to another product or a qualifier: "durian – frozen whole
# fruit", "Aceite de oliva: Picual", "UHT milk / cream".
# A number inside a label starts a size or a grade ("Tequila 100% agave reposado", "Aged
# Gouda 18 months"); what comes before it is a product on its own too.
_LABEL_PARTS = re.compile(r"\s[-–—]\s|[–—:/,;，；、]|\s(?=[^\s\d]*\d)")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_ALL_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_HANGUL_FUZZY_MIN = 3  # syllables
_ALL_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_KATAKANA_FUZZY_MIN = 4  # kana
_PARENTHESES = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]?")
_LABEL_WORD = re.compile(r"[^\W_]+")
# Three words or more hyphened together: "receiver-in-canal", "ready-to-eat".
_HYPHENED_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+){2,}")


def _joined(found: re.Match[str]) -> str:
    return found.group().replace("-", "")


# What a profile says after a product when the exhibitor makes machines for it.
_MACHINES = frozenset(
    {"machinery", "machines", "machine", "equipment", "plants", "lines", "systems", "tools"}
)
# A size, a count or a share opening a label's part: "60 kg", "6 × 70 ml", "72%".
_SPEC = re.compile(
    r"\s*(?:\d+(?:[.,]\d+)?\s*%|\d+(?:[.,]\d+)?\s*(?:[×x]\s*\d+(?:[.,]\d+)?\s*)?(?:kg|g|ml|l|cl|lb|oz|t|mm|cm)\b)",
    re.IGNORECASE,
)
_SIZE_AHEAD = re.compile(r"\d+(?:[.,]\d+)?\s*[^\W\d_]{0,3}\b")
_GERMAN_PARTICIPLE = re.compile(r"ge[a-zäöüß]{3,}(?:t|en)")
_SIZE = re.compile(r"\d+(?:[.,]\d+)?[^\W\d_]{0,3}")  # "24", "500ml", "1.5T", "40t"
_FUZZY_MIN = 6
_DOUBLED_MIN = 5
_LETTER_RUN = re.compile(r"[^\W\d_]{5,}")
# A term of several words, as long as they are letters ("huile d'olive", "e-bike").
_LETTERS_ONLY = re.compile(r"(?:[^\W\d_]|[ '’-])+")
_DOUBLED = re.compile(r"(.)\1+")
_SLIPS_KEPT = 50_000
# Exhibitors' profiles are in English and Chinese (description_en, description_zh).
_PROFILE_LANGUAGES = ("en", "zh")
# Where a profile's phrases end: punctuation and the words that join or follow them.
_PROFILE_BREAKS = re.compile(
    r"[,.;:()/、，。；：（）]|\b(?:and|or|from|in|of|for|with|since|by|at|to|the|a|an|&)\b",
    re.IGNORECASE,
)
# A category with more words than this (with what is under it) is broad: its exhibitors
# are found by their products, not by words in a profile.
_PROFILE_WORDS_MAX = 60
_COMPOUND_TAIL_MIN = 5
# Languages whose head noun may come first ("café moulu", "vinho do Porto", "мёд алтайский",
# "cà phê rang", "materace kieszeniowe").
_HEAD_FIRST_LANGUAGES = frozenset({"fr", "es", "ru", "pt", "it", "uk", "vi", "pl", "id", "ms"})
# Words after which a Romance or English phrase goes on to qualify its head noun.
_LINKS = frozenset({"de", "d", "du", "des", "del", "à", "a", "au", "aux", "en", "para",
                    "pour", "con", "avec", "for", "of", "with", "из", "для", "с", "für", "mit",
                    "von", "vom", "zum", "zur", "aus", "ohne", "di", "da", "do", "della", "per",
                    "in", "im", "from", "without", "sans", "sin", "в", "на", "via", "от", "по",
                    "под", "to"})  # fmt: skip
_LINK_STEMS = frozenset(units(" ".join(_LINKS)))
_BARE_LINKS = frozenset(without_marks(word) for word in _LINKS)
# English labels name the product before these, whatever their other words' language.
_ENGLISH_LINKS = frozenset({"via", "to", "from", "for", "with", "in"})
_SHORTEST_WORD_ALONE = 4  # letters of a word read as a product without the words around it
# Articles after a link word belong to the phrase ("pour le", "de la", "für die").
# What says how often: "par mois", "pro Monat", "per month", "в месяц".
_PER = frozenset({"par", "pro", "per", "je", "a", "al", "por", "в", "每"})
_SIZE_LINKS = frozenset({"de", "d", "à", "a", "of", "von", "zu", "je", "по", "x"})
_ARTICLES = frozenset({"le", "la", "les", "l", "el", "los", "las", "der", "die", "das",
                       "den", "dem", "the"})  # fmt: skip


def _a_link(unit: Unit) -> bool:
    """Whether a word is a link word as written, accents aside ("fur" typed for "für"):
    "forest" and "pera" share a stem with "for" and "per" but link nothing."""
    return unit in _LINK_STEMS and (not unit.word or without_marks(unit.word) in _BARE_LINKS)


def _first_link(is_link: list[bool]) -> int | None:
    """The position of the first link word with words on both sides of it."""
    return next((i for i, link in enumerate(is_link) if link and 0 < i < len(is_link) - 1), None)


def _trim_start(word: str, framing: frozenset[str]) -> str:
    while len(word) > 2 and word[0] in framing:
        word = word[1:]
    return word


def _trim_end(word: str, framing: frozenset[str]) -> str:
    while len(word) > 2 and word[-1] in framing:
        word = word[:-1]
    return word


def _size(found: tuple[tuple[Unit, ...], set[str]]) -> int:
    return len(found[0])


def _said_after(rest: list[Unit]) -> bool:
    """Whether the words after a product are what a noun-first language says after one
    ("certifiés", "solides", "naturels", "visage"), not an English or German head noun
    ("cheese grater")."""
    return bool(rest) and all(not unit.cjk and _noun_first_word(unit.word) for unit in rest)


# How much commoner (wordfreq's Zipf scale: 1.5 is thirty times) a word must be than the
# term it stems to, to be another word.
_ANOTHER_WORD_ZIPF = 1.5


@lru_cache(maxsize=20_000)
def _zipf_anywhere(word: str) -> float:
    """How common a word is in the Latin-script languages buyers and labels write."""
    from wordfreq import zipf_frequency  # loaded on first use

    return max(zipf_frequency(word, language) for language in _LATIN_LANGUAGES)


_LATIN_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")


@lru_cache(maxsize=20_000)
def _noun_first_word(word: str) -> bool:
    """A word of French, Spanish, Italian or Portuguese much more than of English or German."""
    from wordfreq import zipf_frequency  # loaded on first use

    romance = max(zipf_frequency(word, language) for language in ("fr", "es", "it", "pt"))
    other = max(zipf_frequency(word, language) for language in ("en", "de"))
    return romance >= _ROMANCE_ZIPF and romance > other + _ZIPF_MARGIN


def _head_positions(phrase: list[Unit], head_first: bool) -> set[int]:
    """Where the head noun may be: before "de"/"for"/"для" if there is one, else at the
    end (English, German, Russian, Chinese, Japanese, Korean), or at the start."""
    link = next(
        (i for i, unit in enumerate(phrase) if 0 < i < len(phrase) - 1 and _a_link(unit)),
        None,
    )
    if link is not None:
        return {0, link - 1}
    return {0, len(phrase) - 1} if head_first else {len(phrase) - 1}


def _occurrences(
    phrase: list[Unit],
    term: tuple[Unit, ...],
    compound: bool = False,
    *,
    any_spelling: bool = False,
) -> Iterator[tuple[int, int]]:
    """Where a term stands in a phrase, as (first, last) unit positions: whole words in
    order; a CJK term inside a CJK run (two characters or more, or the whole run); a long
    word as the head of a compound ("Schlagbohrmaschinen": "Bohrmaschinen"), and with
    `compound` (a German term) a short one too, or the end of a word it does not split."""
    size = len(term)
    if size == 1:  # most terms: one word, tested without slicing the phrase
        want = term[0]
        for start, have in enumerate(phrase):
            if _unit_matches(have, want, any_spelling) or _compound_tail(have, want, compound):
                yield start, start
        return
    for start in range(len(phrase) - size + 1):
        window = phrase[start : start + size]
        if all(
            _unit_matches(have, want, any_spelling) for have, want in zip(window, term, strict=True)
        ) or (size == 1 and _compound_tail(window[0], term[0], compound)):
            yield start, start + size - 1


def _compound_tail(have: Unit, want: Unit, german: bool = True) -> bool:
    """The last word of a compound names its head: "Knieimplantate" are implants,
    "Blütenhonig" is honey. A short word only where the compound splits into words and
    the word is German ("Schweinefleisch" is meat, never wine; "Frostvine" no "vin");
    a long German one also ending a word that does not split."""
    if have.cjk or want.cjk:
        return False
    long = len(want.text) >= _COMPOUND_TAIL_MIN
    if have.word and (german or long) and want.text in compound_heads(have.word):
        # Split into words of the language, so short heads count too: "Roggenmischbrot"
        # is bread, "Vollkornreis" rice, but "Reisekoffer" no rice.
        return True
    if not german or not long or compound_parts(have.word or ""):
        # A compound that splits has its heads above: "Vollautomat" is no "Tomate".
        return False
    # Stems of a compound and of its last word may differ by an ending ("zahnimplantat",
    # "implant"): the term may stop up to three letters before the word's end.
    at = have.text.rfind(want.text)
    return at >= 3 and len(have.text) - at - len(want.text) <= 3


def _words(terms: list[tuple[tuple[Unit, ...], set[str]]]) -> int:
    return max((len(term) for term, _ in terms), default=0)


def _longest(terms: list[tuple[tuple[Unit, ...], set[str]]]) -> set[str]:
    """The categories of the longest terms naming the head: "Tasmanian ice wine" is ice
    wine, "バニラアイスクリーム" ice cream, not cream."""
    if not terms:
        return set()

    def size(term: tuple[Unit, ...]) -> tuple[int, int]:
        return len(term), sum(len(unit.text) for unit in term)

    longest = max(size(term) for term, _ in terms)
    return {c for term, ids in terms if size(term) == longest for c in ids}


def _unit_matches(have: Unit, want: Unit, any_spelling: bool = False) -> bool:
    if have.cjk != want.cjk:
        return False
    if not have.cjk:
        return have.text == want.text and (
            any_spelling or not have.word or not want.word or same_word(have.word, want.word)
        )
    return have.text == want.text or (
        len(want.text) >= 2 and any(True for _ in _cjk_positions(have.text, want.text))
    )


def _ends_aligned(have: Unit, term: tuple[Unit, ...]) -> bool:
    """A CJK term names the head of a run only at its end: 咖啡机 is a machine, 冰酒 a wine."""
    if not have.cjk:
        return True
    last = term[-1].text
    return have.text.endswith(last) and len(have.text) - len(last) in _cjk_positions(
        have.text, last
    )


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "\u30fc"


def _cjk_positions(run: str, term: str) -> Iterator[int]:
    """Where a CJK term stands in a run. A katakana word of two letters must stand on its
    own: "ジン" (gin) is not in "エンジン" (engine), nor "カニ" (crab) in "メカニカル"."""
    short = len(term) <= 2 and all(_is_katakana(ch) for ch in term)
    start = run.find(term)
    while start != -1:
        end = start + len(term)
        if not short or not (
            (start and _is_katakana(run[start - 1])) or (end < len(run) and _is_katakana(run[end]))
        ):
            yield start
        start = run.find(term, start + 1)


# CLDR region codes that are not countries (European Union, United Nations, unknown...).
def is_country_code(code: str) -> bool:
    return code in _territories("en")


def country_name(code: str, locale: str) -> str:
    """A country's name, or a region's ("005": South America), in `locale`; of several
    ("DE+IT") the alternatives ("Alemania o Italia")."""
    if "+" in code:
        names = [country_name(part, locale) for part in code.split("+") if part]
        return format_list(names, style="or", locale=locale)
    named = _territories(locale).get(code) or region_name(code, locale)
    return named or _territories("en").get(code) or code


def load_taxonomy(data_dir: Path) -> Taxonomy:
    """The taxonomy in `data_dir/taxonomy`, read once per version of its files: reading
    and indexing it takes about a second, and every container of a process shares it."""
    folder = data_dir / "taxonomy"
    versions = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.yml")))
    return _load_taxonomy(folder.resolve(), versions)


@lru_cache(maxsize=4)
def _load_taxonomy(folder: Path, versions: tuple[tuple[str, int], ...]) -> Taxonomy:
    request = read_yaml(folder / "products.yml")
    products = request.get("categories", {})
    cities = read_yaml(folder / "cities.yml")
    described = read_yaml(folder / "functions.yml")
    categories = {
        cid: Category(
            id=cid,
            area=str(spec.get("area", "")),
            parents=_parents(spec.get("parent")),
            names={str(k): str(v) for k, v in (spec.get("names") or {}).items()},
            terms=tuple(
                str(term)
                for group in ("terms", "kinds")
                for terms in (spec.get(group) or {}).values()
                for term in (terms or [])
            )
            + tuple(str(v) for v in (spec.get("names") or {}).values())
            + _same_kinds(spec),
            kinds=tuple(
                str(term) for terms in (spec.get("kinds") or {}).values() for term in terms or []
            )
            + _same_kinds(spec),
            profile_terms=tuple(
                dict.fromkeys(
                    [str((spec.get("names") or {}).get(lang, "")) for lang in _PROFILE_LANGUAGES]
                    + [
                        str(term)
                        for group in ("terms", "kinds")
                        for lang in _PROFILE_LANGUAGES
                        for term in (spec.get(group) or {}).get(lang) or ()
                    ]
                )
            ),
            head_first_terms=_head_first_terms(spec),
            same_kinds=tuple(tuple(str(s) for s in group) for group in spec.get("same") or ()),
            marks=tuple(
                str(mark) for marks in (spec.get("marks") or {}).values() for mark in marks or ()
            ),
            compound_tails=tuple(
                fold(str(t))
                for group in ("terms", "kinds")
                for t in (spec.get(group) or {}).get("de") or ()
                if " " not in str(t)
            ),
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
    _check_hierarchy(categories)
    request_words = _folded_words(request.get("request_words"))
    return Taxonomy(
        categories=categories,
        cities=city_map,
        countries=load_countries(folder),
        attributes=load_attributes(folder / "attributes.yml"),
        request_words=_with_bare_spellings(request_words),
        request_lemmas=frozenset(russian_lemma(w) for w in request_words if is_cyrillic(w)),
        request_particles=_folded_words(request.get("request_particles")),
        generic_heads=_folded_words(request.get("generic_heads")),
        measure_words=_folded_words(request.get("measure_words")),
        number_words=_folded_words(request.get("number_words")),
        label_qualifiers=_folded_words(request.get("label_qualifiers")),
        profile_function_stems=_profile_function_stems(folder.parent / "function_words.yml"),
        label_only_words=_label_only_words(products),
        functions=_functions(described.get("functions") or {}),
        users=_functions(described.get("users") or {}),
    )


def _described(text: str, ways: tuple[tuple[str, tuple[str, ...], bool], ...]) -> set[str]:
    folded = fold(text)
    stems = {unit.text for unit in units(folded) if not unit.cjk}
    return {
        category
        for category, words, cjk in ways
        if all((word in folded) if cjk else (word in stems) for word in words)
    }


def _functions(
    spec: dict[str, dict[str, list[str]]],
) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """(category, words, CJK) for each way of saying what a category's products do: stems
    of alphabetic words, pieces of CJK text as written."""
    found = []
    for category, by_language in spec.items():
        for said in (s for sets in by_language.values() for s in sets or ()):
            folded = fold(str(said))
            if _is_cjk(folded):
                found.append((str(category), tuple(folded.split()), True))
            else:
                found.append((str(category), tuple(u.text for u in units(folded)), False))
    return tuple(found)


def _profile_function_stems(path: Path) -> frozenset[str]:
    """The stems of the English small words (data/function_words.yml): profiles are in
    English, and "the" is "thé" once stemmed."""
    words = read_yaml(path).get("en") or ()
    return frozenset(u.text for word in words for u in units(str(word)) if not u.cjk)


def _same_kinds(spec: dict[str, Any]) -> tuple[str, ...]:
    """The words of a category's `same` groups that are not its terms: kinds within it."""
    terms = {fold(str(t)) for terms in (spec.get("terms") or {}).values() for t in terms or ()}
    return tuple(
        str(word)
        for group in spec.get("same") or ()
        for word in group
        if fold(str(word)) not in terms
    )


def _with_bare_spellings(words: frozenset[str]) -> frozenset[str]:
    """The words and their spellings without accents, as people often type them ("donde",
    "estan"); not CJK, whose marks are letters (가, が)."""
    return words | {without_marks(w) for w in words if not _is_cjk(w)}


def _folded_words(by_language: dict[str, list[str]] | None) -> frozenset[str]:
    return frozenset(fold(str(w)) for words in (by_language or {}).values() for w in words or ())


def _head_first_terms(spec: dict[str, Any]) -> tuple[str, ...]:
    by_language: dict[str, set[str]] = defaultdict(set)
    for group in ("terms", "kinds"):
        for language, terms in (spec.get(group) or {}).items():
            by_language[str(language)] |= {fold(str(t)) for t in terms or ()}
    for language, name in (spec.get("names") or {}).items():
        by_language[str(language)].add(fold(str(name)))
    first = set().union(*(by_language[lang] for lang in _HEAD_FIRST_LANGUAGES))
    last = set().union(*(t for lang, t in by_language.items() if lang not in _HEAD_FIRST_LANGUAGES))
    return tuple(sorted(first - last))


def _a_place_name(word: str) -> bool:
    """A capitalised word no language uses every day: "Stellenbosch", "Mendoza" (not the
    "Flute" of "Champagne Flute")."""
    return word[:1].isupper() and word.isalpha() and not is_common(word.lower())


def _label_only_words(products: dict[str, Any]) -> frozenset[str]:
    chat: set[str] = set()
    labels: set[str] = set()
    for spec in products.values():
        for group in ("terms", "kinds"):
            for language, terms in (spec.get(group) or {}).items():
                words = {fold(str(t)) for t in terms or ()}
                (chat if language in LOCALES else labels).update(words)
        chat.update(fold(str(name)) for name in (spec.get("names") or {}).values())
        chat.update(fold(str(word)) for group in spec.get("same") or () for word in group)
    return frozenset(labels - chat)


def _parents(raw: object) -> tuple[str, ...]:
    """`parent: wine` or `parent: [dental, implants]`."""
    if not raw:
        return ()
    return tuple(str(p) for p in raw) if isinstance(raw, list) else (str(raw),)


def _check_hierarchy(categories: dict[str, Category]) -> None:
    def visit(category_id: str, path: tuple[str, ...]) -> None:
        for parent in categories[category_id].parents:
            if parent not in categories:
                raise ValueError(f"products.yml: {category_id}: unknown parent {parent!r}")
            if parent in path:
                raise ValueError(f"products.yml: {path[0]}: its parents make a loop")
            visit(parent, (*path, parent))

    for category in categories.values():
        visit(category.id, (category.id,))
