"""Every entity value the NLU is trained on normalises to a catalog id in the app."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from core.settings import ROOT
from core.taxonomy import load_taxonomy


def _fillers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fillers", ROOT / "scripts/nlu_data/fillers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FILLERS = _fillers()
TAXONOMY = load_taxonomy(ROOT / "data")


@pytest.mark.parametrize("lang", sorted(FILLERS.COUNTRY))
def test_trained_countries_have_codes(lang: str) -> None:
    values = FILLERS.COUNTRY[lang] + FILLERS.COUNTRY_ADJ[lang]
    assert [v for v in values if not TAXONOMY.country_code(v)] == []


@pytest.mark.parametrize("lang", sorted(FILLERS.CITY))
def test_trained_cities_have_ids(lang: str) -> None:
    assert [v for v in FILLERS.CITY[lang] if not TAXONOMY.city_id(v)] == []


@pytest.mark.parametrize("lang", sorted(FILLERS.PRODUCT))
def test_trained_products_have_categories(lang: str) -> None:
    assert [v for v in FILLERS.PRODUCT[lang] if not TAXONOMY.product_categories(v)] == []
