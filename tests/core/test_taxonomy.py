"""Every entity value the NLU is trained on normalises to a catalog id in the app."""

from __future__ import annotations

import pytest
import yaml

from core.settings import ROOT
from core.taxonomy import load_taxonomy


def _fillers(slot: str) -> dict[str, list[str]]:
    """The values the NLU training data fills {slot} with, per language (data/nlu_source/fillers/)."""
    values: dict[str, list[str]] = yaml.safe_load(
        (ROOT / f"data/nlu_source/fillers/{slot}.yml").read_text("utf-8")
    )["values"]
    return values


COUNTRY, COUNTRY_ADJ, CITY, PRODUCT = (
    _fillers(slot) for slot in ("country", "country_adj", "city", "product")
)
TAXONOMY = load_taxonomy(ROOT / "data")


@pytest.mark.parametrize("lang", sorted(COUNTRY))
def test_trained_countries_have_codes(lang: str) -> None:
    values = COUNTRY[lang] + COUNTRY_ADJ[lang]
    assert [v for v in values if not TAXONOMY.country_code(v)] == []


@pytest.mark.parametrize("lang", sorted(CITY))
def test_trained_cities_have_ids(lang: str) -> None:
    assert [v for v in CITY[lang] if not TAXONOMY.city_id(v)] == []


@pytest.mark.parametrize("lang", sorted(PRODUCT))
def test_trained_products_have_categories(lang: str) -> None:
    assert [v for v in PRODUCT[lang] if not TAXONOMY.product_categories(v)] == []


# --- products: whole words, head nouns, hierarchy ---------------------------------------
@pytest.mark.parametrize(
    ("phrase", "not_category"),
    [
        ("ginseng", "spirits"),  # "gin"
        ("медицинского оборудования", "honey"),  # "мед"
        ("espresso", "auto_parts"),
        ("aides auditives", "auto_parts"),
        ("probiotics", "industrial_robots"),  # one letter from "robotics" but another word
        ("sweet potatoes", "chocolate"),  # "sweets"
        ("coffee machines", "coffee"),
        ("coffee machines", "agricultural_machinery"),
        ("coffee machines", "artificial_intelligence"),
        ("Kaffeevollautomaten", "industrial_robots"),  # "…automat" is no robot
        ("medical devices", "pharmaceuticals"),  # "medical" and "médicaments" share a stem
    ],
)
def test_no_prefix_or_fuzzy_category_hits(phrase: str, not_category: str) -> None:
    assert not_category not in TAXONOMY.product_categories(phrase)


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("Tasmanian ice wine", "ice_wine"),
        ("Icewine", "ice_wine"),
        ("vin de glace", "ice_wine"),
        ("Rechargeable hearing aids", "hearing_aids"),  # English: the head is last
        ("Aides auditives rechargeables", "hearing_aids"),  # French: first
        ("Мёд алтайский", "honey"),
        ("Knieimplantate", "implants"),  # a German compound's last word
        ("1.5T MRI systems", "medical_imaging"),  # "systems" says nothing
        ("进口红酒", "wine"),  # a CJK term at the end of a run
        ("Espresso coffee machines", "coffee_machines"),
        ("London dry gin", "spirits"),
        ("cheeese", "cheese"),  # a typo in a long word
    ],
)
def test_head_nouns_name_categories(phrase: str, category: str) -> None:
    assert category in TAXONOMY.with_ancestors(TAXONOMY.product_categories(phrase))


def test_typos_only_in_long_words_with_the_same_first_letter() -> None:
    assert TAXONOMY.typo_tolerant("chese") == set()  # five letters: too short to guess
    assert "industrial_robots" not in TAXONOMY.typo_tolerant("probiotics")
    assert "chocolate" in TAXONOMY.typo_tolerant("chocolat")


def test_hierarchy_parents_include_their_children() -> None:
    under = TAXONOMY.with_subcategories(["medical_devices"])
    assert {"medical_imaging", "hearing_aids", "implants", "dental", "diagnostics"} <= under
    assert "pharmaceuticals" not in under
    assert TAXONOMY.with_subcategories(["wine"]) == {"wine", "ice_wine"}
    assert TAXONOMY.with_ancestors(["ice_wine"]) == {"ice_wine", "wine", "alcoholic_drinks"}
    # A kind may sit under several: dental implants are dental equipment and implants.
    assert TAXONOMY.with_ancestors(["dental_implants"]) >= {"dental", "implants", "medical_devices"}
    assert "dental_implants" in TAXONOMY.with_subcategories(["implants"])
    assert "dental_implants" in TAXONOMY.with_subcategories(["dental"])
    for category in TAXONOMY.categories.values():
        assert set(category.parents) <= set(TAXONOMY.categories)


def test_a_parent_loop_is_refused(tmp_path) -> None:
    folder = tmp_path / "taxonomy"
    folder.mkdir()
    (folder / "products.yml").write_text(
        "categories:\n  a: {area: food, parent: b}\n  b: {area: food, parent: a}\n"
    )
    with pytest.raises(ValueError, match="loop"):
        load_taxonomy(tmp_path)


@pytest.mark.parametrize(
    ("message", "phrases"),
    [
        ("有卖冻干榴莲的展商吗", ["冻干榴莲"]),
        ("我想找有机食品企业", ["有机食品"]),  # 有机 keeps its 有
        ("의료기기 업체 찾아줘", ["의료기기"]),
        ("보청기를 파는 회사", ["보청기"]),
        ("who sells ice wine", ["ice wine"]),
        ("find coffee machines from Italy", ["coffee machines", "italy"]),
        ("wine and cheese exhibitors", ["wine", "cheese"]),
        ("y a-t-il des exposants de vin de glace ?", ["vin de glace"]),
        ("¿Quién vende aceite de oliva?", ["aceite de oliva"]),
        ("Wer verkauft Eiswein?", ["eiswein"]),
        ("найди поставщиков мёда", ["мёда"]),
        ("化粧品の出展者を探しています", ["化粧品"]),
        ("find exhibitors", []),
    ],
)
def test_product_phrases_of_a_request(message: str, phrases: list[str]) -> None:
    assert TAXONOMY.product_phrases(message) == phrases


def test_product_phrases_leave_out_other_entities() -> None:
    assert TAXONOMY.product_phrases("find coffee machines from Italy", ["Italy"]) == [
        "coffee machines"
    ]
