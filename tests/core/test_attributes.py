"""Attributes named in a message, in any language, with or without accents."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.attributes import load_attributes
from core.settings import ROOT

ATTRIBUTES = load_attributes(ROOT / "data" / "taxonomy" / "attributes.yml")


@pytest.mark.parametrize(
    ("text", "attribute", "words"),
    [
        ("huile d'olive BIO", "organic", "BIO"),
        ("Bio-Apfelsaft", "organic", "Bio"),
        ("有机茶", "organic", "有机"),
        ("유기농 화장품", "organic", "유기농"),
        ("Gluten-free biscuits", "gluten_free", "Gluten-free"),
        ("pâtes sans gluten", "gluten_free", "sans gluten"),
        ("biere sans alcool", "alcohol_free", "sans alcool"),
        ("Süssigkeiten ohne Zucker", "sugar_free", "ohne Zucker"),
        ("confiture sans sucre ajouté", "sugar_free", "sans sucre ajouté"),
        ("безалкогольное пиво", "alcohol_free", "безалкогольное"),
        ("cosmétiques végane", "vegan", "végane"),
        ("halal beef", "halal", "halal"),
    ],
)
def test_attributes_are_named_in_any_language(text: str, attribute: str, words: str) -> None:
    [(found, start, end)] = ATTRIBUTES.mentions(text)
    assert (found, text[start:end]) == (attribute, words)


@pytest.mark.parametrize("text", ["biologie moléculaire", "biotech", "cheese", "gluten"])
def test_words_that_only_start_like_one_name_none(text: str) -> None:
    assert ATTRIBUTES.mentions(text) == []


def test_no_file_no_attributes(tmp_path: Path) -> None:
    assert load_attributes(tmp_path / "attributes.yml").mentions("vin bio") == []


def test_inherent_categories_are_the_taxonomys() -> None:
    from core.taxonomy import load_taxonomy

    categories = load_taxonomy(ROOT / "data").categories
    for attribute in ATTRIBUTES.by_id.values():
        assert set(attribute.inherent) <= set(categories), attribute.id


@pytest.mark.parametrize(
    ("products", "description", "held"),
    [
        ("Bio-Riesling", "", ["organic"]),  # joined by a hyphen
        ("Biowein", "", ["organic"]),  # a compound's first part
        ("Riesling", "Certified organic vineyard.", ["organic"]),  # the profile says it
        ("nealkoholické pivo", "", ["alcohol_free"]),
        ("apple juice NFC", "", ["alcohol_free"]),  # so by nature
        ("Riesling; Merlot", "Family winery since 1890.", []),
        ("biotech reagents", "", []),
    ],
)
def test_the_attributes_an_exhibitors_words_say(
    products: str, description: str, held: list[str]
) -> None:
    from core.fulltext import ATTRIBUTE, index_text
    from core.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(ROOT / "data")
    categories = taxonomy.product_categories(products)
    tokens = index_text(products.split(";"), [description], categories, ATTRIBUTES).split()
    assert [t[1:] for t in tokens if t.startswith(ATTRIBUTE)] == held
