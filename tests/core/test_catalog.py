"""Catalog search on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm), kept in step by imports."""

from __future__ import annotations

import pytest

from core import catalog
from core.catalog import SearchQuery
from core.db import transaction
from core.imports import import_exhibitors
from core.settings import ROOT
from core.taxonomy import load_taxonomy

HEADER = "id,name_en,name_zh,country,area,hall,booth,products,description_en,description_zh,languages,website,email\n"
ROWS = (
    "C1,Harbor Foods,港湾食品,AU,food,8.2,8.2A-01,red wine;cheese,Fine Tasmanian produce,,en,,\n"
    "C2,Fuji Beauty,富士美妆,JP,consumer,2.1,2.1A-01,化粧品;スキンケア,Skin care from Kyoto,来自京都的护肤品,ja;en,,\n"
    "C3,Rhein Robotik,,DE,equipment,4.1,4.1A-01,Industrieroboter,Robot arms,,de;en,,\n"
)


@pytest.fixture
def sessions(migrated):
    factory = migrated
    with transaction(factory) as session:
        assert import_exhibitors(session, (HEADER + ROWS).encode(), load_taxonomy(ROOT / "data")).ok
    return factory


def ids(sessions, query: SearchQuery) -> set[str]:
    with sessions() as session:
        return {e.id for e in catalog.search(session, query).items}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(categories=("wine",)), {"C1"}),
        (SearchQuery(categories=("cosmetics",)), {"C2"}),
        (SearchQuery(categories=("industrial_robots",), country="DE"), {"C3"}),
        (SearchQuery(keywords=("tasmanian",)), {"C1"}),
        (SearchQuery(keywords=("京都",)), {"C2"}),  # two characters: below the trigram size
        (SearchQuery(keywords=("来自京都",)), {"C2"}),
        (SearchQuery(keywords=("robot",)), {"C3"}),
        (SearchQuery(hall="2.1"), {"C2"}),
        (SearchQuery(area="food", country="JP"), set()),
    ],
)
def test_search(sessions, query: SearchQuery, expected: set[str]) -> None:
    assert ids(sessions, query) == expected


def test_reimport_updates_results_without_restart(sessions) -> None:
    assert ids(sessions, SearchQuery(keywords=("manuka",))) == set()
    updated = HEADER + ROWS.replace("Fine Tasmanian produce", "Manuka honey and wine")
    with transaction(sessions) as session:
        report = import_exhibitors(session, updated.encode(), load_taxonomy(ROOT / "data"))
    assert report.updated == 1
    assert ids(sessions, SearchQuery(keywords=("manuka",))) == {"C1"}
    assert ids(sessions, SearchQuery(keywords=("tasmanian",))) == set()


def test_facets_and_fuzzy_names(sessions) -> None:
    with sessions() as session:
        found = catalog.facets(session, SearchQuery(categories=("wine", "cosmetics")))
        assert set(found["country"]) == {"AU", "JP"}
        assert [e.id for e in catalog.find_by_name(session, "Fuji Beuty")] == ["C2"]
        assert [e.id for e in catalog.find_by_name(session, "富士美妆")] == ["C2"]


def test_results_are_ranked_by_relevance(sessions) -> None:
    with sessions() as session:
        # C1 has both wine and cheese; a cheese-only or wine-only match would rank lower.
        ranked = catalog.search(session, SearchQuery(categories=("wine", "cheese", "cosmetics")))
        assert ranked.items[0].id == "C1"
        by_name = catalog.search(session, SearchQuery(keywords=("fuji",)))
        assert by_name.items[0].id == "C2"
