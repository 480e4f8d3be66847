"""What a buyer asks of a product besides what it is: organic, halal, gluten-free...

The words are data (data/taxonomy/attributes.yml). A message names an attribute by any of
its words in any language, typed with or without accents; a search for it keeps the
exhibitors whose products or profile say it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from core.datafiles import read_yaml
from core.fulltext import CATEGORY, DESCRIPTION, PART, QUALIFIER, phrase_variants

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")


class AttributeMention(NamedTuple):
    id: str
    start: int
    end: int


@dataclass(frozen=True)
class Attribute:
    id: str
    names: dict[str, str]
    words: tuple[str, ...]
    # Categories whose products are so by nature (juice is alcohol-free).
    inherent: tuple[str, ...] = ()
    # The index tokens that say it, one at a time and several together.
    single_tokens: frozenset[str] = frozenset()
    token_sets: tuple[frozenset[str], ...] = ()

    def said_by(self, tokens: Set[str]) -> bool:
        """Whether an exhibitor with these index tokens has it."""
        return not self.single_tokens.isdisjoint(tokens) or any(
            every <= tokens for every in self.token_sets
        )


@dataclass(frozen=True)
class Attributes:
    by_id: dict[str, Attribute]
    # One named group per attribute, its words longest first ("gluten free" before "gluten").
    _pattern: re.Pattern[str] | None
    _groups: dict[str, str]  # group name -> attribute

    def mentions(self, text: str) -> list[AttributeMention]:
        """The attributes a message names, each with its words' span (the text's own)."""
        if self._pattern is None:
            return []
        folded = _fold(text)
        if len(folded) != len(text):
            return []  # a character that folds into two: no span to cut out
        return [
            AttributeMention(self._groups[m.lastgroup or ""], m.start(), m.end())
            for m in self._pattern.finditer(folded)
        ]

    def known(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        """The ids that name an attribute (a button's may be forged or from an older list)."""
        return tuple(i for i in ids if i in self.by_id)

    def name(self, attribute_id: str, locale: str) -> str:
        names = self.by_id[attribute_id].names
        return names.get(locale) or names.get("en") or attribute_id

    def words(self, attribute_id: str) -> tuple[str, ...]:
        return self.by_id[attribute_id].words

    def inherent(self, attribute_id: str) -> tuple[str, ...]:
        return self.by_id[attribute_id].inherent

    def held(self, tokens: Set[str]) -> list[str]:
        """The attributes an exhibitor's index tokens say, indexed with its words so that
        a search tests one token instead of every attribute word in every row."""
        return [a.id for a in self.by_id.values() if a.said_by(tokens)]


def no_attributes() -> Attributes:
    return Attributes({}, None, {})


def _fold(text: str) -> str:
    """Lower case without accents, one character for one: "Végan" -> "vegan"."""
    return "".join(
        unicodedata.normalize("NFD", ch)[0] if not _CJK.match(ch) else ch for ch in text.lower()
    )


def _word_pattern(word: str) -> str:
    if word.endswith("-"):
        # A German compound's first part ("tiefkühl-" of "Tiefkühlgemüse"): before a word.
        return rf"(?<![\w-]){re.escape(word[:-1])}(?=\w)"
    escaped = re.escape(word).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]*")
    # "Bio-Apfelsaft": a word may be joined to the product it qualifies by a hyphen.
    return escaped if _CJK.search(word) else rf"(?<![\w-]){escaped}(?!\w)"


def _token_sets(words: tuple[str, ...], inherent: tuple[str, ...]) -> list[list[str]]:
    """The index tokens that say one of the words in a product list or a profile: the
    word itself, as a compound's first part ("Biowein") or joined by a hyphen
    ("Bio-Riesling"), and the categories whose products are so by nature."""
    said = [tokens for word in words for tokens in phrase_variants(word)]
    one_word = [tokens[0] for tokens in said if len(tokens) == 1]
    return [
        *said,
        *([PART + t] for t in one_word if t.isalpha()),
        *([QUALIFIER + t] for t in one_word),
        *([DESCRIPTION + t for t in tokens] for tokens in said),
        *([CATEGORY + c] for c in inherent),
    ]


def _attribute(attribute_id: str, item: dict[str, Any]) -> Attribute:
    words = tuple(
        dict.fromkeys(str(w) for ws in (item.get("words") or {}).values() for w in ws or ())
    )
    # In an exhibitor's index a compound's first part is a token of its own.
    said = tuple(dict.fromkeys(w.removesuffix("-") for w in words))
    names = {str(k): str(v) for k, v in (item.get("names") or {}).items()}
    inherent = tuple(str(c) for c in item.get("inherent") or ())
    sets = _token_sets(said, inherent)
    return Attribute(
        attribute_id,
        names,
        words,
        inherent,
        single_tokens=frozenset(tokens[0] for tokens in sets if len(tokens) == 1),
        token_sets=tuple(dict.fromkeys(frozenset(tokens) for tokens in sets if len(tokens) > 1)),
    )


def load_attributes(path: Path) -> Attributes:
    spec = (read_yaml(path).get("attributes") or {}) if path.exists() else {}
    by_id: dict[str, Attribute] = {}
    groups: dict[str, str] = {}
    alternatives = []
    for number, (attribute_id, item) in enumerate(spec.items()):
        attribute = by_id[str(attribute_id)] = _attribute(str(attribute_id), item)
        folded = sorted({_fold(w) for w in attribute.words}, key=len, reverse=True)
        if folded:
            groups[f"a{number}"] = str(attribute_id)
            alternatives.append(f"(?P<a{number}>" + "|".join(map(_word_pattern, folded)) + ")")
    pattern = re.compile("|".join(alternatives)) if alternatives else None
    return Attributes(by_id, pattern, groups)
