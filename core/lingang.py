"""The Lingang New Area knowledge base: one YAML file per topic under data/lingang/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

# YAML folding joins lines with a space, which Chinese and Japanese text must not have.
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])"
)


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


@dataclass(frozen=True)
class Answer:
    title: str
    short: str
    details: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    topic: str
    last_checked: date
    sources: tuple[Source, ...]
    answers: dict[str, Answer]

    def answer(self, locale: str) -> Answer:
        """The user's language, else English, else Chinese."""
        for candidate in (locale, "en", "zh"):
            if candidate in self.answers:
                return self.answers[candidate]
        return next(iter(self.answers.values()))


def load_knowledge_base(data_dir: Path) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for path in sorted((data_dir / "lingang").glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        topic = str(raw["topic"])
        if topic not in TOPICS:
            raise ValueError(f"{path}: unknown topic {topic!r}")
        checked = raw["last_checked"]
        entries[topic] = Entry(
            topic=topic,
            last_checked=checked if isinstance(checked, date) else date.fromisoformat(checked),
            sources=tuple(Source(str(s["title"]), str(s["url"])) for s in raw["sources"]),
            answers={
                str(lang): Answer(
                    str(a["title"]), _unfold(str(a["short"])), _unfold(str(a["details"]))
                )
                for lang, a in raw["answers"].items()
            },
        )
    return entries
