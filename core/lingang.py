"""The Lingang New Area knowledge base: one YAML file per topic under data/lingang/.

Besides a topic's answer, a file holds its follow-up facets (how long, which documents,
how many...), and data/lingang/followups.yml holds the words that ask for each facet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from core.datafiles import read_yaml
from core.settings import ROOT

# YAML folding joins lines with a space, which Chinese and Japanese text must not have.
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])"
)
# Chinese, Japanese and Korean run words together, so their cues match as substrings.
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff]")
_WORD = re.compile(r"\*?\w+\*?")
FOLLOW_UPS_FILE = "followups.yml"
T = TypeVar("T")


def _unfold(text: str) -> str:
    return _CJK_GAP.sub("", text.strip())


TOPICS = (
    "tax",
    "company_setup",
    "work_visa",
    "bonded_zone",
    "data_transfer",
    "negative_list",
    "finance",
    "key_industries",
    "contact",
)
# What a follow-up question can ask about a topic. "details" is the topic's own details text.
FACETS = (
    "duration",
    "documents",
    "eligibility",
    "cost",
    "foreign_staff",
    "count",
    "contact",
    "details",
)
DETAILS = "details"


@dataclass(frozen=True)
class Answer:
    title: str
    short: str
    details: str


@dataclass(frozen=True)
class Source:
    """A document cited by authority and number; `url` only where a link may be shown."""

    title: str
    url: str = ""


@dataclass(frozen=True)
class Facet:
    """The answer to one follow-up question about a topic."""

    name: str
    last_checked: date
    sources: tuple[Source, ...]
    answers: dict[str, str]
    # True when the official sources give no figure: the answer says so and names the contact.
    unpublished: bool = False

    def answer(self, locale: str) -> str:
        return _in_locale(self.answers, locale)


@dataclass(frozen=True)
class Entry:
    topic: str
    last_checked: date
    sources: tuple[Source, ...]
    answers: dict[str, Answer]
    facets: dict[str, Facet] = field(default_factory=dict)

    def answer(self, locale: str) -> Answer:
        """The user's language, else English, else Chinese."""
        return _in_locale(self.answers, locale)


def _in_locale(texts: dict[str, T], locale: str) -> T:
    for candidate in (locale, "en", "zh"):
        if candidate in texts:
            return texts[candidate]
    return next(iter(texts.values()))


# --- loading ---------------------------------------------------------------------------
def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _sources(raw: list[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(Source(str(s["title"]), str(s.get("url") or "")) for s in raw)


def _facet(
    name: str, raw: dict[str, Any], unpublished: dict[str, str], contact: tuple[Source, ...]
) -> Facet:
    if name not in FACETS or name == DETAILS:
        raise ValueError(f"unknown facet {name!r}")
    checked = _date(raw["last_checked"])
    if raw.get("unpublished"):
        if not unpublished:
            raise ValueError(f"{name}: unpublished, but {FOLLOW_UPS_FILE} has no answer for it")
        # The honest answer, with the sources of whom to ask instead of a made-up figure.
        return Facet(name, checked, contact, dict(unpublished), unpublished=True)
    answers = {str(lang): _unfold(str(text)) for lang, text in raw["answers"].items()}
    return Facet(name, checked, _sources(raw["sources"]), answers)


def _facets(
    raw: dict[str, Any], unpublished: dict[str, str], fallback_contact: tuple[Source, ...]
) -> dict[str, Facet]:
    contact_raw = raw.get("contact")
    contact = _sources(contact_raw["sources"]) if contact_raw else fallback_contact
    return {str(n): _facet(str(n), f, unpublished, contact) for n, f in raw.items()}


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise FileNotFoundError(path)
    return read_yaml(path)


def load_knowledge_base(data_dir: Path) -> dict[str, Entry]:
    """The Lingang knowledge base in `data_dir/lingang`, read once per version of its files:
    every container of a process shares it (each test builds one)."""
    folder = data_dir / "lingang"
    versions = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.yml")))
    return dict(_load_knowledge_base(data_dir.resolve(), versions))


@lru_cache(maxsize=4)
def _load_knowledge_base(data_dir: Path, versions: tuple[tuple[str, int], ...]) -> dict[str, Entry]:
    folder = data_dir / "lingang"
    has_cues = (folder / FOLLOW_UPS_FILE).exists()
    unpublished = load_follow_up_cues(data_dir).unpublished if has_cues else {}
    files = {p: _read(p) for p in sorted(folder.glob("*.yml")) if p.name != FOLLOW_UPS_FILE}
    contact_sources = next(
        (_sources(raw["sources"]) for raw in files.values() if raw.get("topic") == "contact"), ()
    )
    entries: dict[str, Entry] = {}
    for path, raw in files.items():
        topic = str(raw["topic"])
        if topic not in TOPICS:
            raise ValueError(f"{path}: unknown topic {topic!r}")
        try:
            facets = _facets(raw.get("facets") or {}, unpublished, contact_sources)
        except (KeyError, ValueError) as error:
            raise ValueError(f"{path}: {error}") from error
        entries[topic] = Entry(
            topic=topic,
            last_checked=_date(raw["last_checked"]),
            sources=_sources(raw["sources"]),
            answers={
                str(lang): Answer(
                    str(a["title"]), _unfold(str(a["short"])), _unfold(str(a["details"]))
                )
                for lang, a in raw["answers"].items()
            },
            facets=facets,
        )
    return entries


# --- follow-up questions ---------------------------------------------------------------
def _fold(text: str) -> str:
    """Case and accents folded, so "Cuanto" finds "cuánto" and "DAUER" finds "Dauer"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _compact(text: str) -> str:
    """Width-normalised and without spaces: "몇개" and "몇 개" are the same question."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class Cue:
    facet: str
    phrase: str
    # Whole words (* before or after a word: any beginning or ending), or None for CJK.
    words: tuple[str, ...] | None

    def matches(self, words: tuple[str, ...], compact: str) -> bool:
        if self.words is None:
            return self.phrase in compact
        cue_words = self.words
        size = len(cue_words)
        return any(
            all(map(_word_matches, cue_words, words[i : i + size]))
            for i in range(len(words) - size + 1)
        )

    @property
    def weight(self) -> int:
        """Longer cues are more specific: "how many days" says duration, not count."""
        return len(self.phrase)


def _word_matches(cue: str, word: str) -> bool:
    """`frist*` finds "Fristen"; `*dauer` finds the compound "Bearbeitungsdauer"."""
    stem = cue.strip("*")
    if cue.startswith("*") and cue.endswith("*"):
        return stem in word
    if cue.startswith("*"):
        return word.endswith(stem)
    if cue.endswith("*"):
        return word.startswith(stem)
    return word == cue


def _cue(facet: str, phrase: str) -> Cue:
    if _CJK_CHAR.search(phrase):
        return Cue(facet, _compact(phrase), None)
    words = tuple(_WORD.findall(_fold(phrase)))
    if not words:
        raise ValueError(f"empty cue for {facet!r}: {phrase!r}")
    return Cue(facet, " ".join(words), words)


@dataclass(frozen=True)
class FollowUpCues:
    cues: tuple[Cue, ...]
    # The honest answer for a facet the official sources give no figure for, per language.
    unpublished: dict[str, str]

    def facet(self, text: str) -> str | None:
        """The facet a follow-up question asks about, or None when it asks none."""
        words = tuple(w.strip("*") for w in _WORD.findall(_fold(text)))
        compact = _compact(text)
        found = [cue for cue in self.cues if cue.matches(words, compact)]
        if not found:
            return None
        # The most specific cue decides; on a tie, the facet with more cues found, then
        # the facet listed first in the file.
        order = {cue.facet: i for i, cue in reversed(list(enumerate(self.cues)))}
        hits = {f: [c for c in found if c.facet == f] for f in {c.facet for c in found}}
        return min(
            hits,
            key=lambda f: (-max(c.weight for c in hits[f]), -len(hits[f]), order[f]),
        )


def load_follow_up_cues(data_dir: Path) -> FollowUpCues:
    raw = _read(data_dir / "lingang" / FOLLOW_UPS_FILE)
    cues: list[Cue] = []
    for facet, languages in raw["cues"].items():
        if facet not in FACETS:
            raise ValueError(f"{FOLLOW_UPS_FILE}: unknown facet {facet!r}")
        for phrases in languages.values():
            cues.extend(_cue(str(facet), str(phrase)) for phrase in phrases)
    unpublished = {str(lang): _unfold(str(text)) for lang, text in raw["unpublished"].items()}
    return FollowUpCues(tuple(cues), unpublished)


@cache
def _bundled_cues() -> FollowUpCues:
    return load_follow_up_cues(ROOT / "data")


def follow_up_facet(text: str, cues: FollowUpCues | None = None) -> str | None:
    """Which facet a topic-less follow-up ("how long does it take?") asks about, if any."""
    return (cues or _bundled_cues()).facet(text)
