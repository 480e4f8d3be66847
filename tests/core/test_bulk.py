"""A large import builds the word index once after the fill, inside its transaction, on
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from core import bulk
from core.catalog import SearchQuery, search
from core.db import SessionFactory, transaction
from core.imports import import_exhibitors
from core.models import Exhibitor
from core.settings import ROOT
from core.taxonomy import Taxonomy, load_taxonomy

HEADER = "id,name_en,country,area,hall,booth,products,description_en\n"
CATALOG = (
    HEADER
    + "B1,Nordic Imaging AB,SE,medical,6.1,6.1A-01,MRI scanners;ultrasound probes,Imaging\n"
    + "B2,Fromagerie Alpine,FR,food,8.2,8.2B-02,Camembert de Normandie,Cheese from Normandy\n"
    + "B3,Bodega Sol,ES,food,8.2,8.2B-03,jamón ibérico;vino tinto,Ham and wine\n"
)


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy(ROOT / "data")


@pytest.fixture
def every_import_is_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test catalogs are small; the threshold is what makes a fill large."""
    monkeypatch.setattr(bulk, "BULK_MIN_ROWS", 1)


def index_upkeep(session: Session) -> set[str]:
    """The exhibitors' secondary indexes (PostgreSQL) or its FTS5 triggers (SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        statement = (
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'exhibitors' AND indexname NOT LIKE '%pkey'"
        )
    else:
        statement = (
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'exhibitors'"
        )
    return set(session.scalars(text(statement)))


def found(sessions: SessionFactory, *keywords: str) -> list[str]:
    with sessions() as session:
        page = search(session, SearchQuery(keywords=keywords))
        return sorted(exhibitor.id for exhibitor in page.items)


def test_the_threshold_is_many_rows_and_at_least_the_catalog_there() -> None:
    assert bulk.is_bulk(20_000, 0) and bulk.is_bulk(20_000, 20_000)
    assert not bulk.is_bulk(1_000, 0)  # a small catalog: row by row is cheaper
    assert not bulk.is_bulk(5_000, 20_000)  # an update of a large catalog


def test_a_bulk_fill_is_searchable_and_later_imports_keep_the_index_up_to_date(
    migrated: SessionFactory, taxonomy: Taxonomy, every_import_is_bulk: None
) -> None:
    with migrated() as session:
        upkeep = index_upkeep(session)
    assert upkeep, "the migrations made no word index to keep up"
    with transaction(migrated) as session:
        report = import_exhibitors(session, CATALOG.encode(), taxonomy)
    assert report.created == 3
    with migrated() as session:
        assert index_upkeep(session) == upkeep
    assert found(migrated, "ultrasound") == ["B1"]
    assert found(migrated, "camembert") == ["B2"]
    assert found(migrated, "jamón") == ["B3"]
    # One changed row of three: below the threshold, the index is kept up row by row.
    edited = CATALOG.replace("MRI scanners;ultrasound probes", "hearing aids")
    with transaction(migrated) as session:
        again = import_exhibitors(session, edited.encode(), taxonomy)
    assert (again.updated, again.unchanged) == (1, 2)
    assert found(migrated, "hearing aids") == ["B1"]
    assert found(migrated, "ultrasound") == []


def test_a_failed_bulk_fill_leaves_the_indexes_and_the_catalog_as_they_were(
    migrated: SessionFactory, taxonomy: Taxonomy, every_import_is_bulk: None
) -> None:
    with migrated() as session:
        upkeep = index_upkeep(session)
    with (
        pytest.raises(RuntimeError),
        transaction(migrated) as session,
        bulk.deferred_word_index(session, True),
    ):
        assert index_upkeep(session) == set()
        session.add(Exhibitor(id="X1", name_en="X", country="DE", area="food",
                              hall="1.1", booth="1", products="tea"))  # fmt: skip
        session.flush()
        raise RuntimeError("the fill failed")
    with migrated() as session:
        assert index_upkeep(session) == upkeep
        assert session.scalar(select(func.count()).select_from(Exhibitor)) == 0
    with transaction(migrated) as session:
        import_exhibitors(session, CATALOG.encode(), taxonomy)
    assert found(migrated, "ultrasound") == ["B1"]
