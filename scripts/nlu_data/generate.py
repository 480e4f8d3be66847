"""Writes the NLU training data (data/nlu/) and the held-out test split (data/nlu_test/).

Every fifth phrasing of each intent and language is held out for the test split, so test
sentences are never seen in training; entity values are sampled from per-language lists.
Deterministic. Usage: python scripts/nlu_data/generate.py
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data/nlu_source"
LANGS = ["zh", "en", "ja", "ko", "de", "fr", "es", "ru"]
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


PRODUCT, COUNTRY, COUNTRY_ADJ, CITY, COMPANY, HALL, AREA, DATE, TIME, LANGUAGE = (
    read_fillers(slot)
    for slot in ("product", "country", "country_adj", "city", "company", "hall", "area", "date", "time", "language")
)
TEMPLATES = read_templates()


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
TRAIN_VARIANTS_BY_INTENT = {"search_exhibitors": 3, "list_events": 3}


def values(slot: str, lang: str) -> list[str]:
    table = {"product": PRODUCT, "country": COUNTRY, "country_adj": COUNTRY_ADJ, "city": CITY, "area": AREA,
             "date": DATE, "time": TIME, "language": LANGUAGE}
    if slot == "company":
        return COMPANY["all"] + (COMPANY["zh"] if lang == "zh" else [])
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


def fill(rng: random.Random, template: str, lang: str, n: int) -> list[str]:
    slots = SLOT.findall(template)
    if not slots:
        return [template]
    out: list[str] = []
    for _ in range(n * 3):
        text = template
        for slot in slots:
            text = text.replace("{" + slot + "}", f"[{rng.choice(values(slot, lang))}]({ENTITY_OF.get(slot, slot)})", 1)
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
            train[lang][intent] = list(dict.fromkeys(examples))
            test[lang][intent] = list(dict.fromkeys(e for t in te for e in fill(rng, t, lang, TEST_VARIANTS)))
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
    products = {str(t) for spec in taxonomy.values() for terms in spec["terms"].values() for t in terms}
    products |= {v for lang in LANGS for v in PRODUCT[lang]}
    city_names = {str(n) for spec in cities.values() for names in spec["names"].values() for n in names}
    countries = {v for lang in LANGS for v in COUNTRY[lang] + COUNTRY_ADJ[lang]}
    companies = set(COMPANY["all"]) | set(COMPANY["zh"])
    return {"product": sorted(products), "city": sorted(city_names), "country": sorted(countries),
            "company": sorted(companies)}


def write_lookups(path: Path, tables: dict[str, list[str]]) -> None:
    doc = {"version": "3.1", "nlu": [
        {"lookup": name, "examples": Literal("".join(f"- {v}\n" for v in items))} for name, items in tables.items()
    ]}
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
    entity_values = [v for lang in ("zh", "ja", "ko") for table in (AREA, DATE, TIME, LANGUAGE, PRODUCT, COUNTRY, COUNTRY_ADJ, CITY) for v in table[lang]]
    words = sorted({w for items in tables.values() for w in items if cjk.search(w) and " " not in w}
                   | {v for v in entity_values if cjk.search(v) and " " not in v}
                   | {"展商", "展位", "展区", "临港", "进博会", "新片区", "所得税", "综保区", "負面清单", "负面清单"})
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
