"""Company-name look-up benchmark: latency (p50/p95) and hit rate of find_by_name() and
mentions() on a large generated catalog, SQLite and PostgreSQL.

Names are generated in Latin, Chinese, Japanese katakana, Cyrillic and hangul, with legal
forms and aliases; queries are written the ways people write them (no legal form, other
case, a typo, another script) and messages embed names in sentences.
Usage: .venv/bin/python benchmarks/names_bench.py [--rows 20000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

from pg_schema import temporary_schema
from sqlalchemy import insert

from core import catalog, names
from core.db import make_engine, migrate, session_factory, transaction
from core.models import Exhibitor

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "ven",
    "sol",
    "mar",
    "tek",
    "lin",
    "dor",
    "bra",
    "vi",
    "na",
    "fel",
    "gor",
    "zen",
    "ul",
    "pa",
    "ro",
    "chi",
    "ex",
    "tra",
    "mon",
    "sen",
    "tor",
    "al",
    "be",
    "da",
    "ki",
    "lo",
    "mi",
    "nu",
    "or",
    "pe",
    "sa",
    "ta",
    "ve",
    "wi",
    "ho",
    "ja",
    "ru",
    "bel",
    "cor",
    "dan",
    "el",
    "far",
    "gal",
    "hen",
    "ix",
    "lum",
    "nor",
    "ost",
    "pra",
    "sal",
    "tan",
    "ur",
    "val",
    "wen",
    "bro",
    "cas",
    "dre",
    "fin",
    "gun",
    "har",
]
# Unknown companies are made of other syllables, so only typo matching could confuse them.
OTHER_SYLLABLES = [
    "qua",
    "zo",
    "bex",
    "yul",
    "kip",
    "dro",
    "vash",
    "nim",
    "pog",
    "rhu",
    "tsi",
    "fex",
    "glo",
    "mav",
]
GENERIC = ["Foods", "Medical", "Robotics", "Dairy", "Wines", "Motors", "Cosmetics", "Systems"]
LEGAL = ["Ltd", "Co., Ltd.", "GmbH", "AG", "S.A.", "S.p.A.", "Inc.", "LLC", "B.V.", "Oy", "AB"]
HAN = "华海新美康达利源恒泰中信博通安宏盛天金瑞丰联合国际食品医疗科技汽车乳业酒庄机器人化妆"
KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ"
CYRILLIC = {
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у",
    "f": "ф", "h": "х", "c": "к", "x": "кс", "y": "й", "w": "в", "j": "дж", "q": "к",
}  # fmt: skip
MESSAGES = [
    "where is the booth of {name}?",
    "book a meeting with {name} on November 6 at 10",
    "¿Dónde está el stand de {name}?",
    "{name}在哪个展位",
    "Wo finde ich {name} auf der Messe?",
    "i want to meet someone from {name} tomorrow morning if possible",
]


# Messages that name no exhibitor, in the eight languages.
PLAIN_MESSAGES = [
    "find medical devices from Germany",
    "I need gold jewellery and pacific salmon",
    "book a meeting tomorrow at 10",
    "有卖冻干榴莲的展商吗",
    "日本の化粧品メーカーを探しています",
    "의료기기 업체 찾아줘",
    "Ich suche Landmaschinen aus Italien",
    "je cherche des fromages français",
    "¿Dónde hay vino tinto de Rioja?",
    "ищу мёд и рыбу из Норвегии",
]


@dataclass
class Company:
    id: str
    name_en: str
    name_zh: str | None
    aliases: str | None
    script: str  # the script of the name queries are made from


def latin_word(rng: random.Random, syllables: list[str] = SYLLABLES) -> str:
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()


def make_company(n: int, rng: random.Random) -> Company:
    words = [latin_word(rng) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.6:
        words.append(rng.choice(GENERIC))
    name_en = " ".join(words) + " " + rng.choice(LEGAL)
    name_zh = "".join(rng.choice(HAN) for _ in range(rng.randint(3, 6))) + "有限公司"
    script, aliases = "latin", None
    kind = n % 5
    if kind == 1:
        script, aliases = "kana", "".join(rng.choice(KANA) for _ in range(rng.randint(4, 7)))
    elif kind == 2:
        script = "hangul"
        aliases = "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(3, 6)))
    elif kind == 3:
        script = "han"
    return Company(f"X{n:06d}", name_en, name_zh, aliases, script)


def cyrillic(name: str) -> str:
    return "".join(CYRILLIC.get(c, c) for c in name.lower())


def typo(name: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(name) - 1)
    return name[:at] + name[at + 1] + name[at] + name[at + 2 :]  # two letters swapped


def queries(company: Company, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query) pairs that should find `company`."""
    core = names.name_words(company.name_en)
    bare = " ".join(w.capitalize() for w in core)
    found = [("as written", company.name_en), ("no legal form", bare), ("upper", bare.upper())]
    if len("".join(core)) >= 8:
        found.append(("typo", typo(bare, rng)))
        found.append(("cyrillic", cyrillic(bare)))
    if company.script == "han":
        found.append(("chinese", company.name_zh or ""))
    elif company.script in {"kana", "hangul"}:
        found.append((company.script, company.aliases or ""))
    return found


def load(url: str, companies: list[Company]) -> Callable[[], object]:
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        rows = [
            {
                "id": c.id,
                "name_en": c.name_en,
                "name_zh": c.name_zh,
                "aliases": c.aliases,
                "country": "DE",
                "area": "food",
                "hall": "1.1",
                "booth": f"1.1A-{n}",
                "products": "x",
            }
            for n, c in enumerate(companies)
        ]
        for start in range(0, len(rows), 2000):
            session.execute(insert(Exhibitor), rows[start : start + 2000])
    return sessions


class Timer:
    """Wall-clock and CPU milliseconds of each timed call (CPU time is what a busy, shared
    machine does not inflate)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall.append((time.perf_counter() - self._wall) * 1000)
        self.cpu.append((time.thread_time() - self._cpu) * 1000)

    def __str__(self) -> str:
        return f"wall {percentiles(self.wall)} | cpu {percentiles(self.cpu)} (n={len(self.wall)})"


OUTCOMES = ("alone", "among", "missed")


def outcome(wanted: str, found: list[str]) -> str:
    if found == [wanted]:
        return "alone"
    return "among" if wanted in found else "missed"


def percentiles(latencies: list[float]) -> str:
    latencies = sorted(latencies)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    return f"p50={statistics.median(latencies):6.2f}ms p95={p95:6.2f}ms"


def bench(url: str, label: str, rows: int) -> None:
    rng = random.Random(7)
    companies = [make_company(n, rng) for n in range(rows)]
    sessions = load(url, companies)
    sample = rng.sample(companies, 300)
    with sessions() as session:
        t0 = time.perf_counter()
        names.refresh(session)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(20):
            names._fingerprint(session)
        check = (time.perf_counter() - t0) / 20 * 1000
        find_timer = Timer()
        outcomes: dict[str, list[str]] = {}
        for company in sample:
            for kind, query in queries(company, rng):
                with find_timer:
                    result = catalog.find_by_name(session, query)
                outcomes.setdefault(kind, []).append(outcome(company.id, [e.id for e in result]))
        unknown = [
            " ".join(latin_word(rng, OTHER_SYLLABLES) for _ in range(2)) + " Trading"
            for _ in range(200)
        ]
        false_hits = 0
        for query in unknown:
            with find_timer:
                false_hits += bool(catalog.find_by_name(session, query))
        mention_timer = Timer()
        mention_hits = {"as written": 0, "typo": 0}
        for company in sample:
            bare = " ".join(w.capitalize() for w in names.name_words(company.name_en))
            for kind, name in (("as written", company.name_en), ("typo", typo(bare, rng))):
                message = rng.choice(MESSAGES).format(name=name)
                with mention_timer:
                    found = names.mentions(session, message)
                mention_hits[kind] += bool(found) and found[0].exhibitor_id == company.id
        false_mentions = 0
        for text in PLAIN_MESSAGES:
            with mention_timer:
                false_mentions += bool(names.mentions(session, text))
    print(
        f"{label:<11} rows={rows:>6} index build={build:5.2f}s change check={check:5.2f}ms\n"
        f"  find_by_name {find_timer}\n  mentions     {mention_timer}"
    )
    print("  look-ups: the right exhibitor alone / among several to pick from / missed")
    for kind, seen in sorted(outcomes.items()):
        shares = " / ".join(f"{seen.count(o) / len(seen):4.0%}" for o in OUTCOMES)
        print(f"    {kind:<14} {shares}  (n={len(seen)})")
    shares = ", ".join(f"{k} {v / len(sample):.0%}" for k, v in mention_hits.items())
    print(f"  mentions: the right exhibitor first: {shares}")
    print(
        f"  messages naming no exhibitor that mentioned one: {false_mentions}/{len(PLAIN_MESSAGES)}"
    )
    print(f"  unknown names that matched something: {false_hits}/{len(unknown)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench(f"sqlite:///{folder}/names.db", "SQLite", args.rows)
    if args.no_postgres:
        return
    with temporary_schema() as url:
        bench(url, "PostgreSQL", args.rows)


if __name__ == "__main__":
    main()
