"""Goods named in a buyer's own language, in English: the words of bilingual dictionaries.

Exhibitors write their product lists mostly in English, and the taxonomy (data/taxonomy)
holds only the words of its categories. When a German, French or Spanish buyer names goods
in words neither knows ("Edelstahlspülen", "Marillen"), the search looks for their English
translations instead. The translations are FreeDict's (Debian's dict-freedict-* packages,
GNU GPL), read at set-up by scripts/build_lexicon.py into one SQLite file; without that
file nothing is translated.

A dictionary word is looked up by its stems, so "Marillen" finds the entry "Marille". A
German compound no entry has is its head's translation, after its first part's when that
has one too ("Edelstahlspülen": stainless steel sink, then sink).
"""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from core import fulltext

# The buyers' languages with a dictionary into English, and their Snowball stemmers.
STEMMERS = {"de": "german", "fr": "french", "es": "spanish"}
# Translations kept per dictionary word, the commonest English first.
TRANSLATIONS = 3
# The longest English translation kept, in words: longer ones explain, they do not name.
MAX_WORDS = 4
# Words languages put first in a noun phrase, the head: French and Spanish.
_HEAD_FIRST = frozenset({"fr", "es"})


def key(phrase: str, language: str) -> str:
    """A phrase as the dictionary file indexes it: its words folded and stemmed."""
    snowball = fulltext.stemmer(STEMMERS[language])
    return " ".join(snowball.stemWord(word) for word in _folded(phrase).split())


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def _before_a_small_word(words: list[str]) -> list[str]:
    """The words before the first word every sentence uses ("für", "en"), or all."""
    for at, word in enumerate(words):
        if at and fulltext.is_small_word(word):
            return words[:at]
    return words


@dataclass(frozen=True)
class Translation:
    """A phrase of the buyer's and the English words it may be, commonest first."""

    written: str
    english: tuple[str, ...]


class Lexicon:
    """The dictionary file, opened read-only; one connection, used under a lock (look-ups
    take microseconds, and only searches that found nothing make them)."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = (
            sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            if path.is_file()
            else None
        )

    @property
    def available(self) -> bool:
        return self._db is not None

    def in_english(self, phrase: str, language: str) -> Translation | None:
        """The English a phrase of goods may be: the whole phrase's entry, else its head
        word's (the last word in German, the first in French and Spanish), else a German
        compound's head's; None when the dictionary has none or the language has no
        dictionary."""
        if self._db is None or language not in STEMMERS or not _folded(phrase):
            return None
        return self._translated(_folded(phrase), language)

    @lru_cache(maxsize=4096)  # noqa: B019 - one Lexicon per file for the process
    def _translated(self, phrase: str, language: str) -> Translation | None:
        if english := self._entry(phrase, language):
            return Translation(phrase, english)
        # The goods are named before a word such as "für" or "en" ("Verpackungsmaschinen
        # für Lebensmittel", "jouets en bois"), by their head.
        words = _before_a_small_word(phrase.split())
        if len(words) > 1 and (english := self._entry(" ".join(words), language)):
            return Translation(" ".join(words), english)
        head = words[0] if language in _HEAD_FIRST else words[-1]
        if english := self._entry(head, language):
            return Translation(head, english)
        if language == "de" and (english := self._compound(head)):
            return Translation(head, english)
        return None

    def _compound(self, word: str) -> tuple[str, ...]:
        """A German compound read by its parts: "edelstahlspülen" as stainless steel sink,
        then sink."""
        parts = fulltext.compound_parts(word)
        if len(parts) < 2:
            return ()
        head = self._entry(parts[-1], "de")
        if not head:
            return ()
        first = self._entry("".join(parts[:-1]), "de")
        joined = f"{first[0]} {head[0]}" if first else ""
        kept = [joined] if joined and len(joined.split()) <= MAX_WORDS else []
        return tuple(dict.fromkeys([*kept, *head]))

    def _entry(self, phrase: str, language: str) -> tuple[str, ...]:
        """The translations of a dictionary word, each of three words or more followed by
        its last two: exhibitors write "stainless steel commercial kitchen sinks"."""
        assert self._db is not None
        with self._lock:
            rows = self._db.execute(
                "SELECT english FROM translations WHERE language = ? AND key = ? ORDER BY rank",
                (language, key(phrase, language)),
            ).fetchall()
        found: list[str] = []
        for (english,) in rows:
            words = english.split()
            found += [english, " ".join(words[-2:])] if len(words) > 2 else [english]
        return tuple(dict.fromkeys(found))


@cache
def open_lexicon(path: Path) -> Lexicon:
    """The dictionary file at `path`, opened once per process."""
    return Lexicon(path)
