"""Catalog import benchmark: 20,000 exhibitor rows written the way exhibitors write them
(free product wording in many languages, names in several scripts, aliases), imported as
CSV and .xlsx on SQLite and PostgreSQL: first import; the same file again (CSV, then .xlsx);
the same rows in a file not seen before (CSV with another separator, .xlsx); re-import with
5% of the rows changed.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/import_bench.py [--rows 20000]
       [--no-postgres] [--keep DIR] [--categorising]

Figures are wall-clock and this process's CPU time: on a shared machine the CPU time is the
steadier measure (PostgreSQL's own work is outside it). Figures: README, "Importing data".
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from pg_schema import temporary_schema

from core.db import make_engine, migrate, session_factory, transaction
from core.i18n import translator
from core.imports import Categoriser, ImportReport, import_exhibitors
from core.settings import ROOT
from core.taxonomy import fold, load_taxonomy

HEADER = [
    "id", "name_en", "name_zh", "aliases", "country", "area", "hall", "booth", "products",
    "description_en", "description_zh", "languages", "website", "email",
]  # fmt: skip

# Product wording per area as exhibitors type it: mixed languages, adjectives, pack sizes,
# brand-ish words. Most of it is NOT a taxonomy term, so the look-up must search.
PRODUCTS = {
    "food": [
        "freeze-dried durian chips",
        "coconut water",
        "Tiefkühl-Backwaren",
        "extra virgin olive oil",
        "Rotwein aus der Pfalz",
        "vin rouge AOC Bordeaux",
        "Manuka honey UMF 15+",
        "有机奶粉",
        "冷冻三文鱼",
        "frozen Atlantic salmon fillets",
        "ジャスミン米",
        "프리미엄 김",
        "jamón ibérico",
        "Parmigiano Reggiano 24 mesi",
        "dark chocolate 70%",
        "craft beer (IPA, lager)",
        "灌装咖啡",
        "specialty coffee beans",
        "rooibos tea",
        "Bio-Haferdrink",
        "beef jerky",
        "chilled beef cuts",
        "Чай иван-чай",
        "мёд гречишный",
        "vodka premium",
        "Single malt whisky",
        "dried mango slices",
        "macadamia nuts",
        "avocado (Hass)",
        "猕猴桃",
        "葡萄酒（干红）",
        "baby formula stage 2",
        "sparkling water",
        "Camembert de Normandie",
        "instant noodles",
        "pet food (grain-free)",
        "frozen shrimp",
        "king crab",
        "quinoa",
        "maple syrup",
    ],
    "auto": [
        "EV charging piles",
        "lithium battery packs",
        "Fahrerassistenzsysteme",
        "自动驾驶传感器",
        "brake pads",
        "lidar modules",
        "electric drivetrain",
        "車載カメラ",
        "수소연료전지",
        "automotive semiconductors",
        "tyres for trucks",
        "Leichtbau-Karosserieteile",
        "car audio systems",
        "vehicle telematics",
        "新能源汽车",
        "racing oils",
    ],
    "equipment": [
        "industrial robots",
        "CNC-Fräsmaschinen",
        "5-axis machining centres",
        "激光切割机",
        "PLC controllers",
        "compressors (oil-free)",
        "半导体设备",
        "Landmaschinen",
        "hydraulic pumps",
        "3D printers for metal",
        "工業用ロボット",
        "스마트 팩토리 솔루션",
        "water treatment membranes",
        "solar inverters",
        "wind turbine gearboxes",
        "packaging machinery",
        "станки с ЧПУ",
        "forklifts (electric)",
        "cold chain logistics units",
    ],
    "consumer": [
        "高端吹风机",
        "skincare serum",
        "Naturkosmetik",
        "luxury handbags",
        "cashmere sweaters",
        "perfume (eau de parfum)",
        "化妆品套装",
        "スキンケア",
        "K-뷰티 마스크팩",
        "smart watches",
        "robot vacuum cleaners",
        "kitchen knives (Solingen)",
        "Porzellan",
        "sports shoes",
        "children's toys (wooden)",
        "designer furniture",
        "espresso machines",
        "jewellery",
        "sunglasses",
        "watches (Swiss made)",
        "электрические зубные щетки",
        "home fragrance",
    ],
    "medical": [
        "MRI scanners",
        "hearing aids",
        "医疗影像设备",
        "dental implants",
        "Blutzuckermessgeräte",
        "surgical robots",
        "Medizinprodukte",
        "vaccines",
        "体外诊断试剂",
        "orthopaedic implants",
        "ultrasound systems",
        "health supplements (fish oil)",
        "보청기",
        "内視鏡",
        "rehabilitation equipment",
        "contact lenses",
        "infusion pumps",
        "оборудование для ЭКГ",
    ],
    "services": [
        "cross-border e-commerce",
        "logistics & freight forwarding",
        "legal consulting",
        "architecture and design",
        "跨境物流",
        "education services",
        "tourism (Switzerland)",
        "financial services",
        "Versicherungen",
        "certification and testing",
        "IT outsourcing",
        "翻訳サービス",
        "법률 자문",
        "creative agency",
        "maritime shipping",
    ],
}
MODIFIERS = [
    "", "", "", "", "premium ", "organic ", "Bio-", "高端", "进口", "new ", "OEM ", "wholesale ",
    "B2B ", "eco ", "プレミアム", "유기농 ", "halal ", "kosher ",
]  # fmt: skip
SUFFIXES = ["", "", "", "", " 500g", " 1L", " (private label)", " for export", " 系列", " etc."]
COUNTRIES = [
    "DE",
    "FR",
    "IT",
    "ES",
    "JP",
    "KR",
    "US",
    "AU",
    "NZ",
    "CH",
    "RU",
    "TH",
    "MY",
    "BR",
    "CL",
    "ZA",
]
LANGUAGES = ["en", "zh", "de", "fr", "ja", "ko", "es", "ru", "it", "pt"]
NAME_PARTS = {
    "latin": [
        "Nordic",
        "Alpine",
        "Pacific",
        "Golden",
        "Royal",
        "Green",
        "Blue",
        "Silver",
        "Prime",
        "Delta",
        "Vista",
        "Terra",
        "Lumen",
        "Orbit",
        "Sierra",
        "Bavaria",
        "Provence",
        "Andes",
    ],
    "kind": [
        "Foods",
        "Medtech",
        "Robotics",
        "Motors",
        "Cosmetics",
        "Logistics",
        "Dairy",
        "Wines",
        "Systems",
        "Industries",
        "Trading",
        "Health",
        "Instruments",
    ],
    "form": [
        "GmbH",
        "SAS",
        "S.p.A.",
        "Ltd",
        "Co., Ltd.",
        "Inc.",
        "AG",
        "K.K.",
        "Pty Ltd",
        "LLC",
        "S.A.",
    ],
    "zh": [
        "北欧",
        "阿尔卑斯",
        "太平洋",
        "金色",
        "皇家",
        "绿色",
        "蓝色",
        "银河",
        "德尔塔",
        "远景",
        "大地",
        "光明",
        "安第斯",
    ],
    "zh_kind": [
        "食品",
        "医疗科技",
        "机器人",
        "汽车",
        "化妆品",
        "物流",
        "乳业",
        "酒业",
        "系统",
        "工业",
        "贸易",
        "健康",
        "仪器",
    ],
    "ja": ["株式会社さくら", "ヤマト精機", "東洋メディカル", "富士フーズ", "北斗ロボティクス"],
    "ko": ["한빛 코스메틱", "대한 메디칼", "서울 로보틱스", "청정 식품"],
    "ru": ["Сибирские продукты", "Уралмаш-Экспорт", "Байкал Фудс"],
}


def _product(rng: random.Random, area: str) -> str:
    return rng.choice(MODIFIERS) + rng.choice(PRODUCTS[area]) + rng.choice(SUFFIXES)


def _names(rng: random.Random, number: int) -> tuple[str, str, str]:
    """English name, Chinese name (not always), aliases in other scripts (not always)."""
    first, kind = rng.randrange(len(NAME_PARTS["latin"])), rng.randrange(len(NAME_PARTS["kind"]))
    form = rng.choice(NAME_PARTS["form"])
    name_en = f"{NAME_PARTS['latin'][first]} {NAME_PARTS['kind'][kind]} {number} {form}"
    zh_first = NAME_PARTS["zh"][first % len(NAME_PARTS["zh"])]
    name_zh = f"{zh_first}{NAME_PARTS['zh_kind'][kind]}{number}" if rng.random() < 0.7 else ""
    aliases: list[str] = []
    if rng.random() < 0.5:
        aliases.append(f"{NAME_PARTS['latin'][first]} {number}")
    if rng.random() < 0.2:
        aliases.append(rng.choice(NAME_PARTS[rng.choice(["ja", "ko", "ru"])]) + f" {number}")
    if rng.random() < 0.3:
        aliases.append(f"{zh_first}{number}")
    return name_en, name_zh, "; ".join(aliases)


def generate(rows: int, seed: int = 2026) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for number in range(1, rows + 1):
        area = rng.choice(list(PRODUCTS))
        name_en, name_zh, aliases = _names(rng, number)
        hall = f"{rng.randint(1, 8)}.{rng.randint(1, 2)}"
        products = "; ".join(dict.fromkeys(_product(rng, area) for _ in range(rng.randint(1, 5))))
        first_product = products.split(";")[0]
        slug = f"ex{number}"
        out.append(
            [
                f"EX{number:05d}",
                name_en,
                name_zh,
                aliases,
                rng.choice(COUNTRIES),
                rng.choice([area, area.capitalize(), area.upper()]),
                hall,
                f"{hall}{rng.choice('ABCDEFGH')}-{rng.randint(1, 99):02d}",
                products,
                f"{name_en} shows {first_product} and is looking for distributors in China.",
                f"{name_zh or name_en}本届进博会展示{first_product}。",
                ";".join(rng.sample(LANGUAGES, rng.randint(1, 3))),
                f"https://{slug}.example" if rng.random() < 0.8 else "",
                f"info@{slug}.example" if rng.random() < 0.6 else "",
            ]
        )
    return out


def changed(rows: list[list[str]], share: float, seed: int = 7) -> list[list[str]]:
    """A copy with `share` of the rows edited the way a new year's file edits them."""
    rng = random.Random(seed)
    out = [list(row) for row in rows]
    for row in rng.sample(out, int(len(out) * share)):
        row[7] = row[7][:-2] + f"{rng.randint(1, 99):02d}"  # moved booth
        row[8] += "; " + _product(rng, row[5].lower())  # one more product
    return out


def to_csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append([float(cell) if index == 6 else cell for index, cell in enumerate(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def categorising_alone(rows: list[list[str]]) -> str:
    """The share of a first import that is the taxonomy look-up of each distinct phrase."""
    categorise = Categoriser(load_taxonomy(ROOT / "data"))
    started, cpu = time.perf_counter(), time.process_time()
    for row in rows:
        categorise(row[8])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    phrases = sum(len(row[8].split(";")) for row in rows)
    return (
        f"{len(rows)} rows, {phrases} product phrases, {len(categorise.known)} distinct: "
        f"categorising them alone takes {elapsed:.1f} s ({cpu:.1f} s CPU, "
        f"{cpu / max(1, len(categorise.known)) * 1000:.1f} ms per distinct phrase)"
    )


def timed(url: str, raw: bytes) -> tuple[float, float, ImportReport]:
    """Wall-clock and this process's CPU seconds of one import in one transaction."""
    engine = make_engine(url)
    taxonomy = load_taxonomy(ROOT / "data")
    sessions = session_factory(engine)
    started, cpu = time.perf_counter(), time.process_time()
    with transaction(sessions) as session:
        report = import_exhibitors(session, raw, taxonomy)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    engine.dispose()
    assert report.ok, [error.render(translator("en")) for error in report.errors[:3]]
    return elapsed, cpu, report


def bench(label: str, url: str, files: dict[str, bytes]) -> None:
    migrate(make_engine(url))
    runs: list[tuple[str, str]] = [
        ("first import (CSV)", "csv"),
        ("unchanged re-import (CSV)", "csv"),
        ("same rows, re-saved CSV (;)", "resaved"),
        ("same rows, first .xlsx", "xlsx"),
        ("unchanged re-import (.xlsx)", "xlsx"),
        ("re-import, 5% changed (CSV)", "changed"),
    ]
    for title, name in runs:
        elapsed, cpu, report = timed(url, files[name])
        print(
            f"{label:<10} {title:<30} {elapsed:6.2f} s ({cpu:6.2f} s CPU here, "
            f"load {os.getloadavg()[0]:4.1f})  "
            f"{report.created} new, {report.updated} updated, {report.unchanged} unchanged"
            + ("  (the file imported last, not read again)" if report.same_file else ""),
            flush=True,
        )


def with_schema(run: Callable[[str], None]) -> None:
    with temporary_schema() as url:
        run(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--categorising", action="store_true", help="also time the taxonomy look-ups alone"
    )
    parser.add_argument("--keep", type=Path, help="also write the generated files here")
    args = parser.parse_args()
    rows = generate(args.rows)
    files = {
        "csv": to_csv(rows),
        "resaved": to_csv(rows, ";"),
        "xlsx": to_xlsx(rows),
        "changed": to_csv(changed(rows, 0.05)),
    }
    phrases = {fold(p) for row in rows for p in row[8].split(";")}
    print(f"{len(rows)} rows, {len(phrases)} distinct product phrases", flush=True)
    if args.categorising:
        print(categorising_alone(rows), flush=True)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for name, raw in files.items():
            (args.keep / f"exhibitors-{name}.{'xlsx' if name == 'xlsx' else 'csv'}").write_bytes(
                raw
            )
    folder = Path(tempfile.mkdtemp())
    bench("SQLite", f"sqlite:///{folder / 'bench.db'}", files)
    if not args.no_postgres:
        with_schema(lambda url: bench("PostgreSQL", url, files))


if __name__ == "__main__":
    main()
