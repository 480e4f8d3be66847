"""The language lexicon (data/language_requests.yml): which words name one of the eight
languages, in any of them, and which ask for a reply language. Read by the reply-language
switch (actions/language.py) and by the search's staff-language filter."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from babel import Locale

from core import cues
from core.settings import LOCALES

LEXICON_FILE = "language_requests.yml"

# Scripts written without spaces between words (Han, kana, hangul): cues and names are found
# inside a run of them; any other letters form words matched whole.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_RUNS = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\W\d_])+)")


def normalise(text: str) -> str:
    """Case-, width- and Latin-accent-insensitive ("Français" and "francais" match)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(_without_accent(ch) for ch in folded)


def _without_accent(ch: str) -> str:
    if ch.isascii() or not unicodedata.name(ch, "").startswith("LATIN"):
        return ch
    return unicodedata.normalize("NFD", ch)[0]


def _is_cjk(text: str) -> bool:
    return bool(re.fullmatch(f"[{_CJK}]+", text))


def _longest_first(entries: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(entries), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)) if ordered else "(?!)")


@dataclass(frozen=True)
class SpokenLanguage:
    """A language a buyer wants the booth's staff to speak, and where the message says so:
    the spans of the language's name and the words that say it."""

    code: str
    spans: tuple[tuple[int, int], ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageRequest:
    """An explicit request for a reply language; `language` is None when none is named."""

    language: str | None


@dataclass(frozen=True)
class _Found:
    """What one word or CJK run of a message holds: languages named, the word "language"."""

    languages: list[str]
    says_language: bool


@dataclass(frozen=True)
class RequestLexicon:
    word_names: dict[str, str]  # a Latin or Cyrillic name ("anglais") -> locale
    cjk_names: dict[str, str]  # a Han, kana or hangul name ("英文") -> locale
    words: frozenset[str]  # Latin and Cyrillic cues
    language_words: frozenset[str]
    cjk_name_pattern: re.Pattern[str]
    cjk_cue_pattern: re.Pattern[str]
    cjk_language_words: frozenset[str]

    @classmethod
    def from_file(cls, path: Path) -> RequestLexicon:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        names = _babel_names()
        for code, forms in raw["names"].items():
            names.update({form: code for form in _entries(forms, path)})
        cue_words = {c for forms in raw["cues"].values() for c in _entries(forms, path)}
        language_words = {
            w for forms in raw["language_words"].values() for w in _entries(forms, path)
        }
        word_names = {n: c for n, c in names.items() if not _is_cjk(n)}
        cjk_names = {n: c for n, c in names.items() if _is_cjk(n)}
        cjk_cues = {c for c in cue_words | language_words if _is_cjk(c)}
        return cls(
            word_names=word_names,
            cjk_names=cjk_names,
            words=frozenset(c for c in cue_words if not _is_cjk(c)),
            language_words=frozenset(w for w in language_words if not _is_cjk(w)),
            cjk_name_pattern=_longest_first(cjk_names),
            cjk_cue_pattern=_longest_first(cjk_cues),
            cjk_language_words=frozenset(w for w in language_words if _is_cjk(w)),
        )

    def read(self, text: str) -> LanguageRequest | None:
        """The request in `text` when every word of it is a language name or a cue."""
        named: list[str] = []
        says_language = False
        for run in _RUNS.finditer(normalise(text)):
            word, cjk = run.group("word"), run.group("cjk")
            found = self._read_word(word) if word else self._read_cjk(cjk)
            if found is None:
                return None
            named += found.languages
            says_language = says_language or found.says_language
        codes = set(named)
        if not codes and not says_language:
            return None
        return LanguageRequest(codes.pop() if len(codes) == 1 else None)

    def names_a_language(self, text: str) -> bool:
        """Whether a language, a nationality or the word "language" stands in `text`."""
        for run in _RUNS.finditer(normalise(text)):
            word, cjk = run.group("word"), run.group("cjk")
            if word:
                form = self._known_form(word)
                if form in self.word_names or form in self.language_words:
                    return True
            elif self.cjk_name_pattern.search(cjk) or any(
                w in cjk for w in self.cjk_language_words
            ):
                return True
        return False

    def _read_word(self, word: str) -> _Found | None:
        word = self._known_form(word)
        if word in self.word_names:
            return _Found([self.word_names[word]], says_language=False)
        if word in self.language_words:
            return _Found([], says_language=True)
        return _Found([], says_language=False) if word in self.words else None

    def _read_cjk(self, run: str) -> _Found | None:
        """Names first, then cues, longest first; anything left is not a request."""
        named = [self.cjk_names[m] for m in self.cjk_name_pattern.findall(run)]
        rest = self.cjk_name_pattern.sub("\0", run)  # \0 keeps the cues on either side apart
        cues = self.cjk_cue_pattern.findall(rest)
        if self.cjk_cue_pattern.sub("", rest).replace("\0", ""):
            return None
        return _Found(named, says_language=any(c in self.cjk_language_words for c in cues))

    def _known_form(self, word: str) -> str:
        """The word, or the lexicon word it is a slip of: two swapped letters ("wrtie",
        "lagnuage") or, in a word of five letters or more, one left out ("btte", "plese").
        A changed letter is not guessed: it would also turn "steak" into "speak"."""
        if len(word) < 4 or self._knows(word):
            return word
        swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
        return next((form for form in swaps if self._knows(form)), self._dropped.get(word, word))

    @cached_property
    def _dropped(self) -> dict[str, str]:
        """Each known word of five letters or more with one letter left out -> the word."""
        known = sorted(self.words | set(self.word_names) | self.language_words)
        return {
            word[:i] + word[i + 1 :]: word
            for word in known
            if len(word) >= 5
            for i in range(len(word))
        }

    def _knows(self, word: str) -> bool:
        return word in self.words or word in self.word_names or word in self.language_words


def _entries(forms: list[object], path: Path) -> list[str]:
    """Normalised entries; YAML reads a bare yes, no or on as a boolean, so quote those."""
    bad = [form for form in forms if not isinstance(form, str)]
    if bad:
        raise ValueError(f"{path}: quote these entries: {bad}")
    return [normalise(str(form)) for form in forms]


def _babel_names() -> dict[str, str]:
    """Each of the eight languages' names in each of the eight ("Deutsch", "德语", "немецкий")."""
    names: dict[str, str] = {}
    for code in LOCALES:
        for where in LOCALES:
            name = Locale.parse(where).languages.get(code)
            if name:
                names[normalise(name)] = code
    return names


def lexicon(data_dir: Path) -> RequestLexicon:
    """The lexicon of `data_dir`, read once per version of its file: every message asks it
    whether it requests a language, and reading it takes a tenth of a second."""
    path = (data_dir / LEXICON_FILE).resolve()
    return _lexicon(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _lexicon(path: Path, _version: int) -> RequestLexicon:
    return RequestLexicon.from_file(path)


def spoken_language(data_dir: Path, locale: str, text: str) -> SpokenLanguage | None:
    """The language a buyer wants the booth's staff to speak ("exposants qui parlent
    français", "日本語が通じる出展社", "deutschsprachige Mitarbeiter"): a language's name
    beside a word of speaking."""
    cue = cues.find(text, "speaks", locale)
    compound = _SPEAKING_COMPOUND.search(text)
    if cue is None and compound is None:
        return None
    lex = lexicon(data_dir)
    spans: list[tuple[int, int]] = []
    codes: list[str] = []
    for run in _RUNS.finditer(text):
        word, cjk = run.group("word"), run.group("cjk")
        if word:
            stem = _SPEAKING_COMPOUND.sub("", word) if compound else word
            if (code := lex.word_names.get(normalise(stem))) is not None:
                codes.append(code)
                spans.append(run.span())
        elif found := lex.cjk_name_pattern.search(normalise(cjk)):
            codes.append(lex.cjk_names[found.group()])
            spans.append((run.start() + found.start(), run.start() + found.end()))
    if len(set(codes)) != 1:
        return None
    words = tuple(text[start:end] for start, end in spans) + ((cue,) if cue else ())
    return SpokenLanguage(codes[0], tuple(spans), words)


# German writes the language onto "-sprachig": "deutschsprachige Mitarbeiter".
_SPEAKING_COMPOUND = re.compile(r"(?<=\w)sprachig(?:e|en|er|es)?\b", re.IGNORECASE)
