"""Look-ups take category ids and company names literally: "_" and "%" are no wildcards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core import catalog, events, names
from core.db import transaction
from core.models import Event, Exhibitor

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)


def event(event_id: str, categories: str) -> Event:
    return Event(
        id=event_id, title_en=event_id, city="suzhou", venue="Hall", categories=categories,
        starts_at=NOW + timedelta(days=1), ends_at=NOW + timedelta(days=2),
    )  # fmt: skip


def test_an_underscore_or_percent_in_a_category_is_no_wildcard(migrated) -> None:
    with transaction(migrated) as session:
        session.add_all([event("E1", " food_wine "), event("E2", " foodXwine "),
                         event("E3", " fo%d ")])  # fmt: skip
    with migrated() as session:
        found = events.upcoming(session, NOW, categories=("food_wine",))
        assert [e.id for e in found] == ["E1"]
        assert [e.id for e in events.upcoming(session, NOW, categories=("fo%d",))] == ["E3"]
        assert events.upcoming(session, NOW, categories=("f%",)) == []


def test_wildcard_characters_in_a_company_name_match_nothing_by_themselves(migrated) -> None:
    with transaction(migrated) as session:
        session.add(Exhibitor(id="EX1", name_en="Nordic Medtech", country="NO", hall="1.1",
                              booth="A1", area="medical", products="hearing aids"))  # fmt: skip
    with migrated() as session:
        names.refresh(session)
        assert catalog.find_by_name(session, "%") == []
        assert catalog.find_by_name(session, "_") == []
        assert catalog.find_by_name(session, "______ _______") == []
        assert [e.id for e in catalog.find_by_name(session, "Nordic_Medtech")] == ["EX1"]
