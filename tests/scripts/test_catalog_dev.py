"""The product-search development sets stay usable with the catalog evaluation: their
catalogs import with the project's importer, their queries name exhibitors that exist, in
all eight languages, and `--data` points the evaluation at them."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.app import build
from core.models import Exhibitor
from core.settings import LOCALES, ROOT
from core.taxonomy import AREAS
from tests.conftest import base_settings

_SPEC = importlib.util.spec_from_file_location("catalog_eval", ROOT / "scripts/catalog_eval.py")
assert _SPEC and _SPEC.loader
catalog_eval = importlib.util.module_from_spec(_SPEC)
sys.modules["catalog_eval"] = catalog_eval  # its dataclasses look their module up
_SPEC.loader.exec_module(catalog_eval)

DEV_SETS = [ROOT / "data" / name for name in ("catalog_dev", "catalog_dev_b", "catalog_dev_c")]


@pytest.mark.parametrize("folder", DEV_SETS, ids=lambda p: p.name)
def test_the_catalog_imports_cleanly(database_url: str, folder: Path) -> None:
    rows = catalog_eval.catalog_rows(folder / "exhibitors.csv")
    container = build(base_settings(database_url))
    try:
        report, dropped = catalog_eval.import_catalog(container, folder / "exhibitors.csv")
        assert report.ok, report.errors[:3]
        assert report.created == len(rows) and not dropped
        with container.sessions() as session:
            assert {e.id for e in session.query(Exhibitor)} == {row["id"] for row in rows}
    finally:
        container.engine.dispose()


@pytest.mark.parametrize("folder", DEV_SETS, ids=lambda p: p.name)
def test_the_queries_are_searches_in_eight_languages(folder: Path) -> None:
    ids = {row["id"] for row in catalog_eval.catalog_rows(folder / "exhibitors.csv")}
    queries = catalog_eval.load_queries(folder / "queries.yml")
    assert all(q.kind == "search" and q.relevant and q.relevant <= ids for q in queries)
    per_language = Counter(q.lang for q in queries)
    assert set(per_language) == set(LOCALES) and min(per_language.values()) >= 4
    assert len({q.text for q in queries}) == len(queries)


def test_the_main_development_set_is_large_and_varied() -> None:
    rows = catalog_eval.catalog_rows(DEV_SETS[0] / "exhibitors.csv")
    queries = catalog_eval.load_queries(DEV_SETS[0] / "queries.yml")
    assert len(rows) >= 150 and len({row["country"] for row in rows}) >= 40
    assert {row["area"] for row in rows} == set(AREAS)
    assert min(Counter(q.lang for q in queries).values()) >= 10


def test_the_report_names_the_catalog_it_measured() -> None:
    result = catalog_eval.report([], [], DEV_SETS[0])
    assert result["catalog"] == "data/catalog_dev"
