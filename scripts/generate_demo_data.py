"""Generates the synthetic demo catalog and events, deterministically (same bytes every run).

Company names, booths, contacts and events are invented; products come from the taxonomy
so cross-lingual search can find them. Usage: python scripts/generate_demo_data.py
"""

from __future__ import annotations

import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "demo"
EXHIBITORS = 3600
LANGS = {"zh", "en", "ja", "ko", "de", "fr", "es", "ru"}

# (code, weight, home language, name flavour)
COUNTRIES = [
    ("JP", 260, "ja", "jp"),
    ("US", 200, "en", "en"),
    ("DE", 180, "de", "de"),
    ("FR", 150, "fr", "fr"),
    ("IT", 140, "en", "it"),
    ("KR", 130, "ko", "ko"),
    ("AU", 120, "en", "en"),
    ("GB", 100, "en", "en"),
    ("CH", 80, "de", "de"),
    ("NL", 70, "en", "nl"),
    ("ES", 70, "es", "es"),
    ("NZ", 60, "en", "en"),
    ("CA", 60, "en", "en"),
    ("BE", 50, "fr", "fr"),
    ("AT", 45, "de", "de"),
    ("SE", 45, "en", "nordic"),
    ("DK", 40, "en", "nordic"),
    ("FI", 35, "en", "nordic"),
    ("NO", 30, "en", "nordic"),
    ("IE", 30, "en", "en"),
    ("RU", 80, "ru", "ru"),
    ("KZ", 35, "ru", "ru"),
    ("TH", 60, "en", "asia"),
    ("VN", 45, "en", "asia"),
    ("MY", 50, "en", "asia"),
    ("ID", 45, "en", "asia"),
    ("SG", 55, "en", "asia"),
    ("IN", 40, "en", "asia"),
    ("PK", 20, "en", "asia"),
    ("IL", 25, "en", "en"),
    ("TR", 35, "en", "en"),
    ("AE", 25, "en", "en"),
    ("SA", 20, "en", "en"),
    ("EG", 20, "en", "en"),
    ("ZA", 30, "en", "en"),
    ("KE", 20, "en", "en"),
    ("TZ", 12, "en", "en"),
    ("ET", 12, "en", "en"),
    ("RW", 10, "fr", "fr"),
    ("GH", 10, "en", "en"),
    ("NG", 10, "en", "en"),
    ("BR", 45, "es", "es"),
    ("AR", 35, "es", "es"),
    ("CL", 35, "es", "es"),
    ("PE", 30, "es", "es"),
    ("MX", 30, "es", "es"),
    ("CO", 25, "es", "es"),
    ("CU", 10, "es", "es"),
    ("CR", 10, "es", "es"),
    ("HN", 8, "es", "es"),
    ("PA", 8, "es", "es"),
    ("PT", 30, "en", "es"),
    ("GR", 30, "en", "en"),
    ("PL", 35, "en", "en"),
    ("CZ", 30, "en", "en"),
    ("HU", 25, "en", "en"),
    ("RS", 20, "ru", "ru"),
    ("HR", 15, "en", "en"),
    ("AL", 8, "en", "en"),
    ("LT", 10, "ru", "ru"),
    ("SK", 10, "en", "en"),
    ("GE", 12, "ru", "ru"),
    ("MN", 10, "ru", "ru"),
    ("LK", 12, "en", "asia"),
]
# ~65 small exhibiting countries and regions, a few exhibitors each.
SMALL = "AF AM AO AZ BD BG BH BJ BN BO BT BW BY CD CG CI CM CY DZ EC EE FJ GA GM GN GT IQ IR IS JM JO KG KH KW LA LB LU LV MA MD ME MG MK ML MM MT MU MV MW MZ NA NE NP OM PG PH PY QA RO SI SN SV SY TG TJ TM TN UA UG UY UZ ZM ZW".split()  # noqa: SIM905
AREA_WEIGHTS = {
    "food": 28,
    "consumer": 22,
    "equipment": 18,
    "medical": 15,
    "auto": 6,
    "services": 11,
}
AREA_HALLS = {
    "food": ["8.2", "7.2", "6.2"],
    "consumer": ["1.1", "2.1", "5.1"],
    "equipment": ["3.1", "4.1"],
    "medical": ["6.1", "7.1"],
    "auto": ["8.1"],
    "services": ["4.2", "5.2"],
}
NAMING = yaml.safe_load((OUT / "naming.yml").read_text("utf-8"))
# The area in a Chinese description ("一家来自瑞士的食品企业").
AREA_ZH = {
    "food": "食品",
    "consumer": "消费品",
    "equipment": "技术装备",
    "medical": "医疗健康",
    "auto": "汽车",
    "services": "服务贸易",
}
FIXED = [
    (
        "Nordic Medtech",
        "北欧医疗科技",
        "SE",
        "medical",
        ["medical devices", "medical imaging", "MRI"],
    ),
    ("Alpine Dairy", "阿尔卑斯乳业", "CH", "food", ["Käse", "Milchpulver", "Butter"]),
    ("Sakura Robotics", "樱花机器人", "JP", "equipment", ["産業用ロボット", "自動化"]),
    ("Kangaroo Valley Wines", "袋鼠谷酒庄", "AU", "food", ["wine", "red wine", "sparkling wine"]),
    ("Fromagerie Belle Provence", "普罗旺斯奶酪坊", "FR", "food", ["fromage", "vin"]),
    ("Rhein Landtechnik", "莱茵农机", "DE", "equipment", ["Landmaschinen", "Traktoren"]),
]
DESCRIPTIONS = [
    "{name} is {adj} company from {country} in {sector} and exhibits {product} at the CIIE.",
    "Family-owned since {year}, {name} brings {product} from {country} to buyers in China.",
    "{name} supplies {product} to distributors in {n} countries and is looking for partners in the Yangtze River Delta.",
    "{Adj} maker of {product}, {name} shows its newest range at this year's expo.",
]
ADJ = [
    "a leading",
    "a specialist",
    "an innovative",
    "an independent",
    "an award-winning",
    "a fast-growing",
]
SECTOR_EN = {
    "food": "food and agriculture",
    "consumer": "consumer goods",
    "equipment": "technical equipment",
    "medical": "healthcare",
    "auto": "the automotive industry",
    "services": "trade in services",
}
ZH_DESC = [
    "{name}是一家来自{country}的{sector}企业，本届进博会展示{product}。",
    "{name}专注于{product}，正在长三角寻找合作伙伴。",
    "{name}创立于{year}年，向中国采购商推出{product}。",
]


def load_terms() -> dict[str, dict[str, list[str]]]:
    """Each taxonomy category's product words by language."""
    raw = yaml.safe_load((ROOT / "data/taxonomy/products.yml").read_text("utf-8"))["categories"]
    return {
        cid: {lang: [str(t) for t in words] for lang, words in spec["terms"].items()}
        for cid, spec in raw.items()
    }


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def slug(text: str) -> str:
    return "".join(
        ch for ch in text.lower().replace(" ", "-") if ch.isascii() and (ch.isalnum() or ch == "-")
    ).strip("-")


def same_product(a: str, b: str) -> bool:
    """ "cheese" and "cheeses", "robot" and "robots": one exhibitor lists only one of them."""

    def bare(word: str) -> str:
        return "".join(part.rstrip("s") for part in word.casefold().split())

    return bare(a).startswith(bare(b)) or bare(b).startswith(bare(a))


def company_name(
    rng: random.Random, flavour: str, area: str, used: set[str]
) -> tuple[str, str, str]:
    """A new (English name, Chinese name, sector word): prefix, sector word, legal form."""
    prefixes, forms = NAMING["prefixes"][flavour], NAMING["legal_forms"][flavour]
    sectors, qualifiers = NAMING["sectors"][area], NAMING["qualifiers"]
    for attempt in range(200):
        prefix, sector = rng.choice(sorted(prefixes)), rng.choice(sorted(sectors))
        form = rng.choice(sorted(forms)) if rng.random() < 0.7 else ""
        qualifier = rng.choice(sorted(qualifiers)) if attempt >= 20 else ""
        name = " ".join(part for part in (prefix, sector, qualifier, form) if part)
        if name not in used:
            zh = prefixes[prefix] + sectors[sector]["zh"] + qualifiers.get(qualifier, "")
            return name, zh + forms.get(form, ""), sector
    raise RuntimeError(f"no unused {flavour} name left for {area}")


def exhibitors(rng: random.Random, terms: dict[str, dict[str, list[str]]]) -> list[dict[str, str]]:
    from babel import Locale

    en_names, zh_names = Locale.parse("en").territories, Locale.parse("zh").territories
    countries = COUNTRIES + [(code, 3, "en", "en") for code in SMALL]
    meta = {code: (lang, flavour) for code, _, lang, flavour in countries}
    weights = {code: weight for code, weight, _, _ in countries}
    # every country appears at least once, the rest by weight
    sequence = [code for code, *_ in countries]
    sequence += [weighted(rng, weights) for _ in range(EXHIBITORS - len(sequence) - len(FIXED))]
    rng.shuffle(sequence)
    rows: list[dict[str, str]] = []
    used_names: set[str] = set()
    used_zh: set[str] = {zh for _, zh, *_ in FIXED}
    booths: dict[str, int] = {}

    def booth_for(hall: str) -> str:
        n = booths.get(hall, 0)
        booths[hall] = n + 1
        return f"{hall}{'ABCDEFGHJK'[n // 99]}-{n % 99 + 1:02d}"

    def product_list(categories: list[str], lang: str, count: int) -> list[str]:
        """`count` product words from the sector's categories, in the exhibitor's language
        (or English), at most two from one category."""
        pool = []
        for cid in categories:
            words = terms[cid].get(lang if rng.random() < 0.6 else "en") or terms[cid]["en"]
            pool += [(cid, word) for word in rng.sample(words, k=min(2, len(words)))]
        rng.shuffle(pool)
        chosen: list[str] = []
        for _, word in pool:
            if not any(same_product(word, other) for other in chosen):
                chosen.append(word)
        return chosen[:count]

    fixed = [(name, zh, code, area, products) for name, zh, code, area, products in FIXED]
    items = [(None, None, code, weighted(rng, AREA_WEIGHTS), None) for code in sequence]
    for index, (name, name_zh, code, area, products) in enumerate(fixed + items, start=1):
        lang, flavour = meta.get(code, ("en", "en"))
        if name is None:
            name, name_zh, sector = company_name(rng, flavour, area, used_names)
            if name_zh in used_zh or rng.random() < 0.3:
                name_zh = ""  # many exhibitors give no Chinese name
            used_zh.add(name_zh)
            products = product_list(
                NAMING["sectors"][area][sector]["categories"], lang, rng.randint(2, 5)
            )
        used_names.add(name)
        hall = rng.choice(AREA_HALLS[area])
        country = en_names.get(code, code)
        product_text = ", ".join(products[:2])
        adjective = rng.choice(ADJ)
        description = rng.choice(DESCRIPTIONS).format(
            name=name,
            adj=adjective,
            Adj=adjective[0].upper() + adjective[1:],
            country=country,
            sector=SECTOR_EN[area],
            product=product_text,
            year=rng.randint(1890, 2018),
            n=rng.randint(3, 60),
        )
        description_zh = (
            rng.choice(ZH_DESC).format(
                name=name_zh or name,
                country=zh_names.get(code, code),
                sector=AREA_ZH[area],
                product="、".join(products[:2]),
                year=rng.randint(1890, 2018),
            )
            if name_zh
            else ""
        )
        spoken = (
            ["en"]
            + ([lang] if lang in LANGS and lang != "en" else [])
            + (["zh"] if rng.random() < 0.35 else [])
        )
        site = slug(name) or f"exhibitor-{index}"
        rows.append(
            {
                "id": f"EX{index:05d}",
                "name_en": name,
                "name_zh": name_zh or "",
                "country": code,
                "area": area,
                "hall": hall,
                "booth": booth_for(hall),
                "products": ";".join(products),
                "description_en": description,
                "description_zh": description_zh,
                "languages": ";".join(dict.fromkeys(spoken)),
                "website": f"https://{site}.example",
                "email": f"info@{site}.example",
            }
        )
    return rows


EVENT_CITIES = [
    "Suzhou",
    "Hangzhou",
    "Nanjing",
    "Ningbo",
    "Hefei",
    "Wuxi",
    "Jiaxing",
    "Shanghai",
    "Nantong",
    "Yiwu",
    "Wuhu",
    "Shaoxing",
    "Changzhou",
    "Huzhou",
    "Yangzhou",
]
CITY_ZH = {
    "Suzhou": "苏州",
    "Hangzhou": "杭州",
    "Nanjing": "南京",
    "Ningbo": "宁波",
    "Hefei": "合肥",
    "Wuxi": "无锡",
    "Jiaxing": "嘉兴",
    "Shanghai": "上海",
    "Nantong": "南通",
    "Yiwu": "义乌",
    "Wuhu": "芜湖",
    "Shaoxing": "绍兴",
    "Changzhou": "常州",
    "Huzhou": "湖州",
    "Yangzhou": "扬州",
}
EVENT_KINDS = [
    (
        "CIIE Spillover Matchmaking: {topic}",
        "进博会溢出效应对接会：{topic_zh}",
        ["wine", "medical devices", "cosmetics", "industrial robots", "coffee", "cheese"],
    ),
    (
        "Imported Goods Fair: {topic}",
        "进口商品展销会：{topic_zh}",
        ["wine", "olive oil", "chocolate", "seafood", "jewellery"],
    ),
    (
        "6+365 Showcase: {topic}",
        "6+365 常年展示交易：{topic_zh}",
        ["cosmetics", "fashion", "home appliances", "crystal"],
    ),
    (
        "Medtech Forum: {topic}",
        "医疗科技论坛：{topic_zh}",
        ["medical devices", "medical imaging", "pharmaceuticals", "elderly care"],
    ),
    (
        "Smart Manufacturing Day: {topic}",
        "智能制造日：{topic_zh}",
        ["industrial robots", "machine tools", "new materials", "semiconductors"],
    ),
    (
        "Tasting Session: {topic}",
        "品鉴会：{topic_zh}",
        ["wine", "whisky", "coffee", "cheese", "honey"],
    ),
]
TOPIC_ZH = {
    "wine": "葡萄酒",
    "medical devices": "医疗器械",
    "cosmetics": "化妆品",
    "industrial robots": "工业机器人",
    "coffee": "咖啡",
    "cheese": "奶酪",
    "olive oil": "橄榄油",
    "chocolate": "巧克力",
    "seafood": "海鲜",
    "jewellery": "珠宝",
    "fashion": "时尚服饰",
    "home appliances": "家电",
    "crystal": "水晶",
    "medical imaging": "医学影像",
    "pharmaceuticals": "医药",
    "elderly care": "养老康复",
    "machine tools": "机床",
    "new materials": "新材料",
    "semiconductors": "集成电路",
    "whisky": "威士忌",
    "honey": "蜂蜜",
}
VENUES = [
    "International Expo Center",
    "Import Commodity Hall",
    "Convention Center",
    "Bonded Trade Plaza",
    "Hi-tech Park Forum Hall",
    "Riverside Exhibition Hall",
]


def events(rng: random.Random) -> list[dict[str, str]]:
    rows = []
    start = datetime(2026, 11, 11, 9, 0)
    for index in range(1, 61):
        city = EVENT_CITIES[(index - 1) % len(EVENT_CITIES)]
        title, title_zh, topics = EVENT_KINDS[rng.randrange(len(EVENT_KINDS))]
        topic = rng.choice(topics)
        day = start + timedelta(days=rng.randint(0, 140), hours=rng.choice([0, 1, 4, 5]))
        ends = day + timedelta(hours=rng.choice([2, 3, 4, 8]))
        rows.append(
            {
                "id": f"EV{index:03d}",
                "title_en": title.format(topic=topic.title()),
                "title_zh": title_zh.format(topic_zh=TOPIC_ZH[topic]),
                "city": city,
                "venue": f"{city} {rng.choice(VENUES)} (demo venue)",
                "starts_at": day.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": ends.strftime("%Y-%m-%dT%H:%M"),
                "products": topic,
                "url": f"https://events.example/ev{index:03d}",
            }
        )
    return sorted(rows, key=lambda r: (r["starts_at"], r["id"]))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "exhibitors.csv", exhibitors(random.Random(2026), load_terms()))
    write(OUT / "events.csv", events(random.Random(2027)))


if __name__ == "__main__":
    main()
