"""Writes the NLU training data (data/nlu/) and the held-out test split (data/nlu_test/).

Every fifth phrasing of each intent and language is held out for the test split, so test
sentences are never seen in training; entity values are sampled from per-language lists.
Deterministic. Usage: python scripts/nlu_data/generate.py
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data/nlu_source"
LANGS = ["zh", "en", "ja", "ko", "de", "fr", "es", "ru"]
# Languages whose people often leave their accents out when they type.
ACCENTED = {"de", "fr", "es"}
SLOT = re.compile(r"\{(\w+)\}")


def _load(path: Path) -> object:
    return yaml.safe_load(path.read_text("utf-8"))


def read_templates() -> dict[str, dict[str, list[str]]]:
    """Phrasings per language and intent from data/nlu_source/<lang>/<intent>.yml; "<lang>_lingang"
    keys hold the FAQ topics from data/nlu_source/<lang>/lingang_faq/<topic>.yml. Intents are read
    in the order data/nlu_source/intents.yml lists them, which fixes the random fills."""
    order = _load(SOURCE / "intents.yml")
    templates: dict[str, dict[str, list[str]]] = {}
    for lang in LANGS:
        templates[lang] = {i: _load(SOURCE / lang / f"{i}.yml")["templates"] for i in order["intents"]}
        templates[f"{lang}_lingang"] = {
            t: _load(SOURCE / lang / "lingang_faq" / f"{t}.yml")["templates"] for t in order["lingang_faq"]
        }
    return templates


def read_fillers(slot: str) -> dict[str, list[str]] | list[str]:
    """Entity values for {slot} from data/nlu_source/fillers/<slot>.yml, per language."""
    return _load(SOURCE / "fillers" / f"{slot}.yml")["values"]


PRODUCT, COUNTRY, COUNTRY_ADJ, CITY, COMPANY, HALL, AREA, DATE, TIME, LANGUAGE, ORDINAL = (
    read_fillers(slot)
    for slot in ("product", "country", "country_adj", "city", "company", "hall", "area", "date", "time", "language",
                 "ordinal")
)
TEMPLATES = read_templates()
CHAT_SPELLINGS: dict[str, dict[str, list[str]]] = _load(SOURCE / "chat_spellings.yml")
# Company names in each language's messages: Latin-script names everywhere, and names in the
# language's own script (有限公司, 株式会社, (주), ООО) where it has them.
COMPANY_STYLES = {"zh": "zh", "ja": "ja", "ko": "ko", "ru": "ru"}


def catalog_names() -> set[str]:
    with (ROOT / "data/demo/exhibitors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row[column].casefold() for row in rows for column in ("name_en", "name_zh") if row[column]}


def _compose(rng: random.Random, pattern: str, parts: dict[str, list[str]], root: str, surname: str) -> str:
    """One name from a pattern; {root} and {surname} take the given words, the rest are drawn."""
    fills = {
        "root2": rng.choice(parts["roots"]),
        "surname2": rng.choice(parts.get("surnames") or [""]),
        "sector": rng.choice(parts.get("sectors") or [""]),
        "legal": rng.choice(parts.get("legal") or [""]),
        "prefix": rng.choice(parts.get("prefixes") or [""]),
        "number": rng.choice(["1", "3", "7", "8", "21", "24", "360", "88", "2000", "3D", "One", "Plus"]),
        "root": root,
        "surname": surname,
    }
    name = pattern
    for key, value in fills.items():
        name = name.replace("{" + key + "}", value)
    return re.sub(r"\s+", " ", name).strip()


def company_pools() -> dict[str, dict[str, list[str]]]:
    """Generated company names per style, {"train": [...], "test": [...]}. Every fourth root and
    surname is held out: names built on it appear only in the test split. The other parts (sector
    words, legal forms) are shared, as they are among real companies. Catalog names are left out."""
    styles = _load(SOURCE / "fillers" / "company_parts.yml")
    catalog = catalog_names()
    catalog_heads = {name.split()[0] for name in catalog if " " in name}
    pools: dict[str, dict[str, list[str]]] = {}
    for style, parts in styles.items():
        rng = random.Random(f"company:{style}")
        pools[style] = {"train": [], "test": []}
        for pool, keep in (("train", lambda i: i % 4 != 3), ("test", lambda i: i % 4 == 3)):
            own = {k: [w for i, w in enumerate(parts.get(k) or []) if keep(i)] for k in ("roots", "surnames")}
            own_parts = {**parts, **own}
            names: list[str] = []
            for pattern in parts["patterns"]:
                # One name per root, or per surname for the patterns built on a surname.
                by_surname = "{surname}" in pattern and "{root}" not in pattern
                for head in own["surnames"] if by_surname else own["roots"]:
                    root = rng.choice(own["roots"]) if by_surname else head
                    names.append(_compose(rng, pattern, own_parts, root, head if by_surname else ""))
            pools[style][pool] = [n for n in dict.fromkeys(names) if n.casefold() not in catalog]
            heads_used = {w.split()[0].casefold() for w in own["roots"] + own["surnames"]}
            assert not heads_used & catalog_heads, f"{style}: {heads_used & catalog_heads} begin catalog names"
    train_names = {n for p in pools.values() for n in p["train"]} | {n for v in COMPANY.values() for n in v}
    for style, pool in pools.items():
        pool["test"] = [n for n in pool["test"] if n not in train_names]
    return pools


COMPANY_POOLS = company_pools()


def _distinct(templates: list[str]) -> list[str]:
    """Drops repeats that differ only in case, punctuation, word order or a repeated word
    ("thanks and goodbye" / "goodbye and thanks", "no" / "no no"), so that no phrasing can land
    in both the training and the held-out split."""
    seen: set[frozenset[str]] = set()
    out = []
    for template in templates:
        key = frozenset(re.findall(r"[^\W_]+", template.casefold()))
        if key not in seen:
            seen.add(key)
            out.append(template)
    return out


for _key in TEMPLATES:
    TEMPLATES[_key] = {_intent: _distinct(_templates) for _intent, _templates in TEMPLATES[_key].items()}
# Slots annotated under another entity name: "{country_adj}" is an adjective form of a country.
ENTITY_OF = {"country_adj": "country"}
TRAIN_VARIANTS, TEST_VARIANTS = 2, 2
# Searches and event listings are mostly carried by their product and city words, so their
# templates get more fills: more of those values are seen in context.
TRAIN_VARIANTS_BY_INTENT = {"search_exhibitors": 3, "list_events": 3, "refine": 3}


def companies(lang: str, pool: str) -> list[str]:
    """The names {company} is filled with: the generated pool ("train" or the held-out "test"),
    with the language's own-script names about as frequent as the Latin ones. Training also keeps
    the demo exhibitors and well-known brands visitors type (fillers/company.yml)."""
    latin = COMPANY_POOLS["latin"][pool]
    native = COMPANY_POOLS[COMPANY_STYLES[lang]][pool] if lang in COMPANY_STYLES else []
    names = list(latin)
    if native:
        names += native * max(1, round(len(latin) / len(native)))
    if pool == "train":
        names += COMPANY["all"] + (COMPANY["zh"] if lang == "zh" else [])
    return names


def values(slot: str, lang: str, pool: str = "train") -> list[str]:
    table = {"product": PRODUCT, "country": COUNTRY, "country_adj": COUNTRY_ADJ, "city": CITY, "area": AREA,
             "date": DATE, "time": TIME, "language": LANGUAGE, "ordinal": ORDINAL}
    if slot == "company":
        return companies(lang, pool)
    if slot == "hall":
        return HALL
    return table[slot][lang]


def typo(rng: random.Random, text: str) -> str:
    """A realistic slip in one plain (non-entity) Latin word: a swapped or dropped letter."""
    plain = [m for m in re.finditer(r"(?<![\[(])\b[a-zäöüéèàçñ]{5,}\b(?![\])])", text)]
    if not plain:
        return text
    match = rng.choice(plain)
    word = match.group()
    i = rng.randrange(1, len(word) - 2)
    wrong = word[:i] + word[i + 1] + word[i] + word[i + 2 :] if rng.random() < 0.5 else word[:i] + word[i + 1 :]
    return text[: match.start()] + wrong + text[match.end() :]


def unaccented(text: str) -> str:
    """The example typed without accents, as people often type French, Spanish and German
    in a chat ("crevettes congelees", "materiel medical")."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def chatty(rng: random.Random, text: str, spellings: dict[str, list[str]]) -> str:
    """The example with the words people shorten in a chat shortened ("qqn", "svp"), outside
    its entities; unchanged when it has none of them."""
    parts = re.split(r"(\[[^\]]*\]\(\w+\))", text)
    for word, forms in spellings.items():
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        parts = [p if n % 2 else pattern.sub(lambda _: rng.choice(forms), p) for n, p in enumerate(parts)]
    return "".join(parts)


# A legal form in parentheses before or after a name ("(주)", "(株)"), the closing quote of
# "ООО «Кедр»" and a final full stop ("Co., Ltd.") are typed with the name but are no token of
# their own, so the annotated span leaves them out and ends where a token ends. (A full stop
# followed by a letter, as in "Ltd.のブース", stays inside its word and inside the span.)
_OUTSIDE_SPAN = re.compile(r"^(?P<before>[(（][^)）]{1,3}[)）])?(?P<name>.+?)(?P<after>\.|»|[(（][^)）]{1,3}[)）])?$")


def annotate(value: str, entity: str, next_char: str = "") -> str:
    match = _OUTSIDE_SPAN.match(value)
    if not match:
        return f"[{value}]({entity})"
    before, name, after = match["before"] or "", match["name"], match["after"] or ""
    if after == "." and re.match(r"[^\W_]", next_char):
        name, after = name + after, ""
    return f"{before}[{name}]({entity}){after}"


def fill(rng: random.Random, template: str, lang: str, n: int, pool: str = "train") -> list[str]:
    slots = SLOT.findall(template)
    if not slots:
        return [template]
    out: list[str] = []
    for _ in range(n * 3):
        text = template
        for slot in slots:
            at = text.index("{" + slot + "}") + len(slot) + 2
            value = annotate(rng.choice(values(slot, lang, pool)), ENTITY_OF.get(slot, slot), text[at : at + 1])
            text = text.replace("{" + slot + "}", value, 1)
        if text not in out:
            out.append(text)
        if len(out) == n:
            break
    return out


def split(items: list[str]) -> tuple[list[str], list[str]]:
    if len(items) < 5:
        return items, []
    return [t for i, t in enumerate(items) if i % 5 != 4], [t for i, t in enumerate(items) if i % 5 == 4]


def build(rng: random.Random) -> tuple[dict[str, dict[str, list[str]]], dict[str, dict[str, list[str]]]]:
    train: dict[str, dict[str, list[str]]] = {}
    test: dict[str, dict[str, list[str]]] = {}
    for lang in LANGS:
        intents = {**TEMPLATES[lang], **{f"lingang_faq/{k}": v for k, v in TEMPLATES[f"{lang}_lingang"].items()}}
        train[lang], test[lang] = {}, {}
        for intent, templates in intents.items():
            tr, te = split(templates)
            n = TRAIN_VARIANTS_BY_INTENT.get(intent, TRAIN_VARIANTS)
            examples = [e for t in tr for e in fill(rng, t, lang, n)]
            if lang not in {"zh", "ja", "ko"}:
                examples += [typo(rng, e) for e in rng.sample(examples, k=max(1, len(examples) // 10))]
            if lang in ACCENTED:
                examples += [unaccented(e) for e in rng.sample(examples, k=max(1, len(examples) // 8))]
            if spellings := CHAT_SPELLINGS.get(lang):
                examples += [chatty(rng, e, spellings) for e in rng.sample(examples, k=max(1, len(examples) // 10))]
            train[lang][intent] = list(dict.fromkeys(examples))
            test[lang][intent] = list(dict.fromkeys(e for t in te for e in fill(rng, t, lang, TEST_VARIANTS, "test")))
    return train, _unseen(train, test)


def _plain(example: str) -> str:
    return re.sub(r"\[([^\]]*)\]\(\w+\)", r"\1", example).casefold().strip()


def _unseen(train: dict[str, dict[str, list[str]]], test: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
    """Drops held-out examples whose text is also a training example, in any language or intent
    ("hello" is English and also typed by Chinese users), so every test text is unseen."""
    seen = {_plain(e) for by_intent in train.values() for examples in by_intent.values() for e in examples}
    return {lang: {intent: [e for e in examples if _plain(e) not in seen] for intent, examples in by_intent.items()}
            for lang, by_intent in test.items()}


class Literal(str):
    pass


def _literal(dumper: yaml.Dumper, data: Literal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")


yaml.add_representer(Literal, _literal)


def write_nlu(path: Path, by_intent: dict[str, list[str]], header: str) -> None:
    doc = {
        "version": "3.1",
        "nlu": [
            {"intent": intent, "examples": Literal("".join(f"- {e}\n" for e in examples))}
            for intent, examples in by_intent.items()
            if examples
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header)
        yaml.dump(doc, handle, allow_unicode=True, sort_keys=False, width=1000)


def lookups() -> dict[str, list[str]]:
    taxonomy = yaml.safe_load((ROOT / "data/taxonomy/products.yml").read_text("utf-8"))["categories"]
    cities = yaml.safe_load((ROOT / "data/taxonomy/cities.yml").read_text("utf-8"))
    # A category's own words and the kinds within it are all products to the model.
    products = {
        str(t)
        for spec in taxonomy.values()
        for group in ("terms", "kinds")
        for terms in (spec.get(group) or {}).values()
        for t in terms or ()
    }
    products |= {v for lang in LANGS for v in PRODUCT[lang]}
    city_names = {str(n) for spec in cities.values() for names in spec["names"].values() for n in names}
    countries = {v for lang in LANGS for v in COUNTRY[lang] + COUNTRY_ADJ[lang]}
    # No company list: a gazetteer of names would teach the names, not where a name stands.
    return {"product": sorted(products), "city": sorted(city_names), "country": sorted(countries)}


# Legal forms mark where many company names end, in any language; a feature for the entity.
LEGAL_FORMS = [
    r"\b(?:GmbH|AG|KG|Ltd|Limited|Inc|LLC|Corp|S\.A|S\.p\.A|S\.r\.l|S\.L|SAS|SARL|Oy|AB|A/S|B\.V|N\.V|Pty|Pte|plc|JSC|K\.K)\b",
    r"有限公司|股份|集团|株式会社|（株）|\(株\)|주식회사|\(주\)|\bООО\b|\bАО\b|\bПАО\b|\bЗАО\b",
]


def write_lookups(path: Path, tables: dict[str, list[str]]) -> None:
    doc = {"version": "3.1", "nlu": [
        {"lookup": name, "examples": Literal("".join(f"- {v}\n" for v in items))} for name, items in tables.items()
    ] + [{"regex": "legal_form", "examples": Literal("".join(f"- {pattern}\n" for pattern in LEGAL_FORMS))}]}
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# Gazetteers for the RegexFeaturizer, built from data/taxonomy and the fillers.\n")
        yaml.dump(doc, handle, allow_unicode=True, sort_keys=False, width=1000)


def write_responses(path: Path) -> None:
    topics = list(TEMPLATES["en_lingang"])
    doc = {"version": "3.1", "responses": {
        f"utter_lingang_faq/{topic}": [{"text": f"lingang:{topic}"}] for topic in topics
    }}
    with path.open("w", encoding="utf-8") as handle:
        handle.write("# Placeholders: the app answers from data/lingang/; the selector only picks the topic.\n")
        yaml.dump(doc, handle, allow_unicode=True, sort_keys=False)


def write_jieba_words(path: Path, tables: dict[str, list[str]]) -> None:
    cjk = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
    entity_values = [v for lang in ("zh", "ja", "ko") for table in (AREA, DATE, TIME, LANGUAGE, PRODUCT, COUNTRY, COUNTRY_ADJ, CITY, ORDINAL)
                     for v in table[lang]] + COMPANY["zh"]
    words = sorted({w for items in tables.values() for w in items if cjk.search(w) and " " not in w}
                   | {v for v in entity_values if cjk.search(v) and " " not in v}
                   | {"展商", "展位", "展区", "临港", "进博会", "新片区", "所得税", "综保区", "負面清单", "负面清单"}
                   # Korean ordinal counters, so a particle after them splits off ("두 번째로").
                   | {"번째", "번"})
    path.write_text("# Words jieba must keep whole so entity spans fall on token boundaries.\n"
                    + "\n".join(words) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(36)
    train, test = build(rng)
    for lang in LANGS:
        write_nlu(ROOT / f"data/nlu/{lang}.yml", train[lang], f"# NLU training data ({lang}). Generated by scripts/nlu_data/generate.py.\n")
        write_nlu(ROOT / f"data/nlu_test/{lang}.yml", test[lang], f"# HELD-OUT test split ({lang}): never train on it. Generated by scripts/nlu_data/generate.py.\n")
    tables = lookups()
    write_lookups(ROOT / "data/nlu/lookups.yml", tables)
    write_responses(ROOT / "data/nlu/responses.yml")
    write_jieba_words(ROOT / "nlu/words.txt", tables)
    total_train = sum(len(v) for d in train.values() for v in d.values())
    total_test = sum(len(v) for d in test.values() for v in d.values())
    print(f"train examples: {total_train}, test examples: {total_test}")


if __name__ == "__main__":
    main()
