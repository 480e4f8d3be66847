"""What a buyer asks of a product besides what it is: organic, halal, gluten-free...

The words are data (data/taxonomy/attributes.yml). A message names an attribute by any of
its words in any language, typed with or without accents; a search for it keeps the
exhibitors whose products or profile say it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from core.datafiles import read_yaml

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


def no_attributes() -> Attributes:
    return Attributes({}, None, {})


def _fold(text: str) -> str:
    """Lower case without accents, one character for one: "Végan" -> "vegan"."""
    return "".join(
        unicodedata.normalize("NFD", ch)[0] if not _CJK.match(ch) else ch for ch in text.lower()
    )


def _word_pattern(word: str) -> str:
    escaped = re.escape(word).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]*")
    # "Bio-Apfelsaft": a word may be joined to the product it qualifies by a hyphen.
    return escaped if _CJK.search(word) else rf"(?<![\w-]){escaped}(?!\w)"


def load_attributes(path: Path) -> Attributes:
    spec = (read_yaml(path).get("attributes") or {}) if path.exists() else {}
    by_id: dict[str, Attribute] = {}
    groups: dict[str, str] = {}
    alternatives = []
    for number, (attribute_id, item) in enumerate(spec.items()):
        words = tuple(
            dict.fromkeys(str(w) for ws in (item.get("words") or {}).values() for w in ws or ())
        )
        names = {str(k): str(v) for k, v in (item.get("names") or {}).items()}
        inherent = tuple(str(c) for c in item.get("inherent") or ())
        by_id[str(attribute_id)] = Attribute(str(attribute_id), names, words, inherent)
        folded = sorted({_fold(w) for w in words}, key=len, reverse=True)
        if folded:
            groups[f"a{number}"] = str(attribute_id)
            alternatives.append(f"(?P<a{number}>" + "|".join(map(_word_pattern, folded)) + ")")
    pattern = re.compile("|".join(alternatives)) if alternatives else None
    return Attributes(by_id, pattern, groups)
