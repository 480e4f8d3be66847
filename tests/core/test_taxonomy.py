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
