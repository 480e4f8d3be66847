"""Company names as people write them, linked to the exhibitor catalog.

Every name an exhibitor goes by (English, Chinese, each alias) is folded to a key in which
case, width, accents, punctuation, possessives, legal forms ("Co., Ltd.", "GmbH", 株式会社,
ООО) and traditional or Japanese Han forms (資生堂 = 资生堂) do not count. Names in other
scripts (Лукойл, フォンテラ, 아모레퍼시픽) are also compared with Latin names through
transliteration. Look-ups run on an in-memory index of the keys that is rebuilt when the
catalog changes, so they stay fast on a large catalog and follow imports made by any process.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import opencc
import yaml
from anyascii import anyascii
from rapidfuzz import fuzz, process
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core.models import Exhibitor
from core.settings import ROOT

LEGAL_FORMS = ROOT / "data" / "names" / "legal_forms.yml"

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

# Han, kana and hangul: written without spaces between words, so every character is a token
# and a name matches as a substring.
_CJK = (
    "\u2e80-\u2fdf\u3005\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9d"
)
_HAN = re.compile(r"[\u2e80-\u2fdf\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = rf"(?:(?![{_CJK}])[^\W_]|[\u0300-\u036f])"
_TOKEN = re.compile(rf"[{_CJK}][\u3099\u309a\uff9e\uff9f]?|&|{_LETTER}+(?:['’.]{_LETTER}+)*['’]?")
_POSSESSIVE = re.compile(r"['’]s?$")
_KEEP_MARKS = {"\u3099", "\u309a"}
_BREVE = "\u0306"
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
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
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Match:
    """An exhibitor a text names. `kind` is how: "exact", "contained" (the whole catalog name
    is in the text), "prefix" (the text is the start of the name) or "fuzzy" (typos or another
    script). `name` is the catalog name or alias as written there; `start`/`end` the span of
    the text it was found in."""

    exhibitor_id: str
    name: str
    kind: str
    score: float
    start: int
    end: int
    key_number: int = field(default=-1, compare=False, repr=False)

    @property
    def rank(self) -> tuple[int, float]:
        return (_KIND_RANK[self.kind], self.score)


_KIND_RANK = {"exact": 3, "contained": 2, "prefix": 2, "fuzzy": 1}


# --- folding ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    key: str
    start: int
    end: int


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


@lru_cache(maxsize=100_000)
def fold_word(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).casefold()
    text = _POSSESSIVE.sub("", text).replace("'", "").replace("’", "").replace(".", "")
    text = unicodedata.normalize("NFC", "".join(_without_accents(text)))
    return "and" if text == "&" else "".join(_fold_char(char) for char in text)


def tokens(text: str) -> list[Token]:
    """The words of a text, folded, with their spans; each CJK character is a word."""
    found = []
    for piece in _TOKEN.finditer(text):
        key = fold_word(piece.group())
        if key:
            word = _POSSESSIVE.sub("", piece.group()) or piece.group()
            found.append(Token(key, piece.start(), piece.start() + len(word)))
    return found


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


def name_words(name: str) -> list[str]:
    """The folded words that identify a company name."""
    return [t.key for t in strip_legal_forms(tokens(name))]


def _script(compact: str) -> str:
    if _HAN.search(compact):
        return "han"
    return "latin" if compact.isascii() else "other"


def sound_key(compact: str) -> str:
    """A spelling-blind Latin key, for names written in different scripts."""
    text = _NOT_ALNUM.sub("", anyascii(compact).lower())
    text = _SOFT_C.sub("s", text)
    for spelling, sound in _SOUNDS:
        text = text.replace(spelling, sound)
    # h is written for Russian х (kh) and Japanese/Korean h-sounds alike, or not at all.
    return _DOUBLED.sub(r"\1", text.replace("c", "k").replace("h", ""))


def _is_cjk(word: str) -> bool:
    return bool(re.match(f"[{_CJK}]", word))


def _joined(words: Iterable[str]) -> str:
    return " ".join(words)


# --- the index ----------------------------------------------------------------------------
@dataclass(frozen=True)
class FoldedName:
    words: tuple[str, ...]
    legal_form: str  # as written, to tell "Nordic Medtech" from "Nordic Medtech Oy"
    compact: str
    script: str
    # Forms for typo and transliteration matching: (spelling, sound key or "", discount).
    fuzzy: tuple[tuple[str, str, float], ...]


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
    return FoldedName(words, legal_form, compact, script, tuple(_fuzzy_forms(words, script)))


def _legal_form(all_words: list[Token], kept: list[Token]) -> str:
    return "".join(t.key for t in all_words if t not in kept)


def _fuzzy_forms(words: tuple[str, ...], script: str) -> Iterator[tuple[str, str, float]]:
    """The whole name, then its first words alone ("Fonterra" for "Fonterra Co-operative
    Group") at a small discount; not the first characters of a Han, kana or hangul name."""
    spaced = not any(_is_cjk(word) for word in words)
    for size in range(len(words), 0 if spaced else len(words) - 1, -1):
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


@dataclass
class NameIndex:
    keys: list[NameKey] = field(default_factory=list)
    by_words: dict[str, list[int]] = field(default_factory=dict)
    by_compact: dict[str, list[int]] = field(default_factory=dict)
    by_sound: dict[str, list[int]] = field(default_factory=dict)
    sorted_words: list[tuple[str, int]] = field(default_factory=list)
    longest: int = 1
    # First word of any name -> most words of a name starting with it: a message's words
    # that start no name are skipped at once.
    starts: dict[str, int] = field(default_factory=dict)
    # Fuzzy candidates: parallel lists of strings and key numbers, per kind of comparison.
    spellings: dict[str, FuzzyChoices] = field(
        default_factory=lambda: {script: FuzzyChoices() for script in ("latin", "han", "other")}
    )
    latin_sounds: FuzzyChoices = field(default_factory=lambda: FuzzyChoices())
    other_sounds: FuzzyChoices = field(default_factory=lambda: FuzzyChoices())

    def add(self, exhibitor_id: str, name: str) -> None:
        folded = fold_name(name.strip())
        if folded is None:
            return
        number = len(self.keys)
        self.keys.append(NameKey(exhibitor_id, name.strip(), folded))
        self.by_words.setdefault(_joined(folded.words), []).append(number)
        self.by_compact.setdefault(folded.compact, []).append(number)
        self.longest = max(self.longest, len(folded.words))
        first = folded.words[0]
        self.starts[first] = max(self.starts.get(first, 0), len(folded.words))
        sounds = self.latin_sounds if folded.script == "latin" else self.other_sounds
        for spelling, sound, discount in folded.fuzzy:
            if len(spelling) >= MIN_FUZZY_LENGTH:
                self.spellings[folded.script].add(spelling, number, discount)
            if len(sound) >= MIN_FUZZY_LENGTH:
                if not discount:
                    self.by_sound.setdefault(sound, []).append(number)
                sounds.add(sound, number, discount)

    def finish(self) -> NameIndex:
        for choices in (*self.spellings.values(), self.latin_sounds, self.other_sounds):
            choices.finish()
        self.sorted_words = sorted((_joined(k.folded.words), n) for n, k in enumerate(self.keys))
        return self

    # --- look-ups -------------------------------------------------------------------------
    def find(self, query: str) -> list[Match]:
        """The names that best fit a query that is meant to be one company's name: exact
        matches; else the longest catalog name inside it or names it starts; else typos."""
        all_words = tokens(query)
        words = strip_legal_forms(all_words)
        compact = "".join(w.key for w in words)
        if len(compact) < 2:
            return []
        start, end = words[0].start, words[-1].end
        exact = [
            self._match(n, "exact", 100.0, start, end) for n in self.by_compact.get(compact, [])
        ]
        partial = [] if exact else _best(self._contained(words) + self._prefixed(words))
        # A typo of a whole name beats a shorter name that is merely in the query:
        # "Chidre Danolho" is Chidre Danloho rather than Chidre.
        if (
            partial
            and partial[0].kind == "contained"
            and partial[0].score < CONTAINED_SHARE * len(compact)
        ):
            partial = _best(self._fuzzy(compact, start, end)) or partial
        best = exact or partial or _best(self._fuzzy(compact, start, end))
        return _distinct(self._same_legal_form(best, _legal_form(all_words, words)))

    def _same_legal_form(self, best: list[Match], legal_form: str) -> list[Match]:
        """Of names that differ only in their legal form ("Nordic Medtech", "Nordic Medtech
        Oy"), the ones with the query's legal form (or none, like the query), if any."""
        if len({self.keys[m.key_number].folded.compact for m in best}) != 1:
            return best
        same = [m for m in best if self.keys[m.key_number].folded.legal_form == legal_form]
        return same or best

    def suggest(self, query: str, limit: int) -> list[Match]:
        """Names close to one that matched nothing, to offer instead."""
        words = strip_legal_forms(tokens(query))
        compact = "".join(w.key for w in words)
        if len(compact) < 3:
            return []
        close = self._fuzzy(compact, 0, len(query), SUGGESTION_CUTOFF)
        return _distinct(sorted(close, key=lambda m: -m.score))[:limit]

    def mentions(self, text: str) -> list[Match]:
        """Catalog names written anywhere in a message, whole words, longest first."""
        words = tokens(text)
        found: list[Match] = []
        for first, word in enumerate(words):
            longest = self.starts.get(word.key, 0)
            if _script(word.key) == "other":  # may sound like a Latin name: Лукойл, フォンテラ
                longest = max(longest, MAX_TRANSLITERATED_WORDS)
            for last in range(min(len(words), first + longest), first, -1):
                found += self._mentioned(words[first:last])
        return _distinct(_longest_first(found))

    def _mentioned(self, words: list[Token]) -> list[Match]:
        compact = "".join(w.key for w in words)
        cjk = _is_cjk(compact[0]) or _is_cjk(compact[-1])
        if len(compact) < (MIN_MENTION_LENGTH_CJK if cjk else MIN_MENTION_LENGTH):
            return []
        start, end = words[0].start, words[-1].end
        numbers = self.by_words.get(_joined(w.key for w in words), [])
        kind = "exact"
        if not numbers and _script(compact) == "other":
            sounds_like = self.by_sound.get(sound_key(compact), [])
            numbers = [n for n in sounds_like if self.keys[n].folded.script == "latin"]
            kind = "fuzzy"
        return [self._match(n, kind, 100.0, start, end) for n in numbers]

    def _contained(self, words: list[Token]) -> list[Match]:
        found = []
        size = len(words)
        for first in range(size):
            for last in range(first + 1, min(size, first + self.longest) + 1):
                if last - first == size:
                    continue
                part = words[first:last]
                score = float(sum(len(w.key) for w in part))
                start, end = part[0].start, part[-1].end
                for number in self.by_words.get(_joined(w.key for w in part), []):
                    found.append(self._match(number, "contained", score, start, end))
        return found

    def _prefixed(self, words: list[Token]) -> list[Match]:
        """Names the query begins, word for word ("Evergreen" -> "Evergreen Gourmet")."""
        head = _joined(w.key for w in words) + " "
        score = float(sum(len(w.key) for w in words))
        found = []
        at = bisect_left(self.sorted_words, (head, -1))
        while at < len(self.sorted_words) and self.sorted_words[at][0].startswith(head):
            number = self.sorted_words[at][1]
            found.append(self._match(number, "prefix", score, words[0].start, words[-1].end))
            at += 1
            if len(found) > 50:
                break
        return found

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
        if len(compact) >= minimum:
            spelling_cutoff = cutoff or FUZZY_CUTOFF
            found += self._closest(compact, self.spellings[script], spelling_cutoff, start, end)
        sound = sound_key(compact) if script != "han" else ""
        if len(sound) >= minimum:
            other = self.latin_sounds if script == "other" else self.other_sounds
            sound_cutoff = cutoff or TRANSLITERATED_CUTOFF
            found += self._closest(sound, other, sound_cutoff, start, end)
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


def _longest_first(found: list[Match]) -> list[Match]:
    """Longest spans first; a span inside or across a longer one is dropped, while several
    exhibitors sharing one name keep their common span."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for match in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        span = set(range(match.start, match.end))
        same = any((c.start, c.end) == (match.start, match.end) for c in chosen)
        if span & taken and not same:
            continue
        taken |= span
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
        for name in _all_names(name_en, name_zh, aliases):
            index.add(exhibitor_id, name)
    return index.finish()


def _all_names(name_en: str, name_zh: str | None, aliases: str | None) -> Iterator[str]:
    yield name_en
    if name_zh:
        yield name_zh
    for alias in (aliases or "").split(";"):
        if alias.strip():
            yield alias


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
    return index_for(session).find(query)


def suggest(session: Session, query: str, limit: int = 3) -> list[Match]:
    return index_for(session).suggest(query, limit)


def mentions(session: Session, text: str) -> list[Match]:
    """Catalog names found anywhere inside a raw message, longest first, with their spans;
    several exhibitors sharing a name give several matches with the same span."""
    return index_for(session).mentions(text)
