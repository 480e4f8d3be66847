"""Rules the database itself enforces, on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core import users
from core.db import make_engine, migrate, session_factory, transaction
from core.models import Exhibitor, Meeting, Subscription, User

SLOT = datetime(2026, 11, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
def sessions(database_url: str):
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # a second run is a no-op
    factory = session_factory(engine)
    with transaction(factory) as session:
        session.add(
            Exhibitor(
                id="E1",
                name_en="A",
                country="DE",
                area="food",
                hall="8.2",
                booth="8.2A-01",
                products="wine",
            )
        )
        session.add_all(
            [User(channel="telegram", external_id=1), User(channel="telegram", external_id=2)]
        )
    yield factory
    engine.dispose()


def _meeting(user_id: int, start: datetime = SLOT, status: str = "booked") -> Meeting:
    return Meeting(
        user_id=user_id,
        exhibitor_id="E1",
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        status=status,
    )


def test_a_slot_holds_one_booked_meeting(sessions) -> None:
    with transaction(sessions) as session:
        session.add(_meeting(1))
    with pytest.raises(IntegrityError), transaction(sessions) as session:
        session.add(_meeting(2))
    with transaction(sessions) as session:  # a cancelled meeting frees nothing it should not
        session.add(_meeting(2, status="cancelled"))
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 2


def test_times_round_trip_as_aware_utc(sessions) -> None:
    with transaction(sessions) as session:
        session.add(_meeting(1, start=SLOT.astimezone(UTC)))
    with sessions() as session:
        stored = session.scalars(select(Meeting)).one()
        assert stored.starts_at == SLOT and stored.starts_at.tzinfo is not None


def test_naive_datetimes_are_refused(sessions) -> None:
    with pytest.raises(Exception, match="naive"), transaction(sessions) as session:
        session.add(_meeting(1, start=SLOT.replace(tzinfo=None)))


def test_delete_me_removes_the_user_and_their_data(sessions) -> None:
    with transaction(sessions) as session:
        user = session.scalar(select(User).where(User.external_id == 1))
        session.add(_meeting(user.id))
        session.add(Subscription(user_id=user.id, city="suzhou"))
    with transaction(sessions) as session:
        assert users.delete_user(session, "telegram", 1)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 0
        assert session.scalar(select(func.count()).select_from(Subscription)) == 0
        assert session.scalar(select(func.count()).select_from(User)) == 1


def test_get_or_create_is_idempotent(sessions) -> None:
    with transaction(sessions) as session:
        first = users.get_or_create(session, "console", 5, "de")
    with transaction(sessions) as session:
        second = users.get_or_create(session, "console", 5, "de")
    assert first.id == second.id


def test_the_migrations_build_the_schema_the_models_describe(sessions) -> None:
    """Alembic's autogenerate finds nothing to change, but for what models cannot say."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from core.models import Base

    engine = sessions.kw["bind"]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)

    def explained(difference) -> bool:
        kind = difference[0]
        if kind == "remove_table":  # the SQLite FTS5 index and its shadow tables (0005)
            return difference[1].name.startswith("exhibitors_fts")
        if kind == "remove_index":  # the pg_trgm GIN indexes (0003), the word index (0009)
            return difference[1].name.endswith("_trgm") or difference[1].name.endswith("_words")
        if kind == "remove_column":  # PostgreSQL's generated word array (0009)
            return difference[3].name == "search_tokens"
        if kind in {"remove_fk", "add_fk"}:  # SQLite reflects ON DELETE of ALTER-added FKs poorly
            return engine.dialect.name == "sqlite" and difference[1].table.name == "users"
        return False

    assert [d for d in differences if not explained(d)] == []


def _migrate_when_all_are_ready(url: str, ready: Any) -> None:
    engine = make_engine(url)
    ready.wait()
    try:
        migrate(engine)
    finally:
        engine.dispose()


def test_processes_starting_together_migrate_once(database_url: str) -> None:
    """Several app workers start at the same moment on an empty database: one migrates, the
    others wait for it and find the schema done (separate processes, as deployed)."""
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(3)
    workers = [
        context.Process(target=_migrate_when_all_are_ready, args=(database_url, ready))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(180)
    codes = [worker.exitcode for worker in workers]
    for worker in workers:
        if worker.exitcode is None:
            worker.kill()
    assert codes == [0, 0, 0]


def _exhibitor_before(database_url: str, revision: str, products: str, search_text: str) -> Any:
    """An engine on a database at `revision` holding one exhibitor "W1" indexed as it was."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from core.db import MIGRATIONS

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.execute(
            text(
                "INSERT INTO exhibitors (id, name_en, country, area, hall, booth, products,"
                " categories, search_text, updated_at) VALUES ('W1', 'Exhibitor', 'DE', 'food',"
                " '1.1', '1.1A-01', :products, ' wine ', :search_text, :now)"
            ),
            {"now": SLOT, "products": products, "search_text": search_text},
        )
    return engine


def test_upgrading_indexes_the_attributes_of_exhibitors_already_there(database_url: str) -> None:
    """A catalog imported before attributes were indexed finds its organic wines after
    the upgrade, without being imported again."""
    engine = _exhibitor_before(database_url, "0017", "Bio-Riesling", "§wine ǂbio riesl")
    migrate(engine)
    with session_factory(engine)() as session:
        assert "¤organic" in session.get(Exhibitor, "W1").search_text.split()
    engine.dispose()


def test_upgrading_joins_slashed_abbreviations_of_exhibitors_already_there(
    database_url: str,
) -> None:
    """ "ж/д перевозки" indexed as two letters apart is one word after the upgrade."""
    engine = _exhibitor_before(database_url, "0018", "ж/д перевозки", "ж д перевозк д_перевозк")
    migrate(engine)
    with session_factory(engine)() as session:
        tokens = session.get(Exhibitor, "W1").search_text.split()
    assert "жд_перевозк" in tokens and "д_перевозк" not in tokens
    engine.dispose()
