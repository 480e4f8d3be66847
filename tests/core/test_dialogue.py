"""The dialogue state service on real SQLite and PostgreSQL: round trip, idle expiry,
erasure with the person, and one conversation's messages serialised by the row lock."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text

from core import dialogue, users
from core.db import SessionFactory, transaction
from core.dialogue import BookingForm, ResultList, State
from core.models import DialogueState, Subscription

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
IDLE = timedelta(minutes=30)


def _user(sessions: SessionFactory, external_id: int = 1) -> int:
    with transaction(sessions) as session:
        return users.get_or_create(session, "console", external_id).id


def test_state_round_trips(migrated: SessionFactory) -> None:
    user = _user(migrated)
    state = State(
        results=ResultList(kind="exhibitors", ids=["EX1", "EX2"], first=6, page=1, pages=3,
                           query={"country": "DE", "categories": ["robots"]}),
        focus=("exhibitor", "EX2"),
        form=BookingForm(exhibitor="EX2", day="2026-11-25", time=None),
        topic="tax",
        subject="booking",
        pending={"action": "subscribe", "city": "hefei"},
    )  # fmt: skip
    with transaction(migrated) as session:
        dialogue.load(session, user, 1, NOW, IDLE)
        dialogue.save(session, user, 1, state, NOW)
    with transaction(migrated) as session:
        loaded = dialogue.load(session, user, 1, NOW + timedelta(minutes=5), IDLE)
    assert loaded == state
    assert loaded.results is not None and loaded.results.pick(7) == "EX2"
    assert loaded.results.pick(1) == "EX1" and loaded.results.pick(-1) == "EX2"
    assert loaded.results.pick(9) is None
    assert loaded.form is not None and loaded.form.missing == "time"


def test_an_idle_conversation_starts_afresh(migrated: SessionFactory) -> None:
    user = _user(migrated)
    with transaction(migrated) as session:
        dialogue.load(session, user, 1, NOW, IDLE)
        dialogue.save(session, user, 1, State(topic="tax"), NOW)
    with transaction(migrated) as session:
        assert dialogue.load(session, user, 1, NOW + IDLE + timedelta(seconds=1), IDLE) == State()


def test_each_chat_has_its_own_state(migrated: SessionFactory) -> None:
    user = _user(migrated)
    with transaction(migrated) as session:
        dialogue.load(session, user, 1, NOW, IDLE)
        dialogue.save(session, user, 1, State(topic="tax"), NOW)
    with transaction(migrated) as session:
        assert dialogue.load(session, user, 2, NOW, IDLE) == State()


def test_the_state_goes_with_the_person(migrated: SessionFactory) -> None:
    user = _user(migrated)
    with transaction(migrated) as session:
        dialogue.load(session, user, 1, NOW, IDLE)
        dialogue.save(session, user, 1, State(topic="tax"), NOW)
    with transaction(migrated) as session:
        assert users.delete_user(session, "console", 1)
    with migrated() as session:
        assert session.scalars(select(DialogueState)).all() == []


def test_messages_of_one_conversation_wait_for_each_other(migrated: SessionFactory) -> None:
    """Two messages at once: the second reads the state only after the first has saved it,
    so neither update is lost (the row lock, or SQLite's single writer)."""
    user = _user(migrated)
    with transaction(migrated) as session:
        dialogue.load(session, user, 1, NOW, IDLE)
        dialogue.save(session, user, 1, State(), NOW)
    start = threading.Barrier(2)

    def add(item: str) -> None:
        start.wait()
        with transaction(migrated) as session:
            state = dialogue.load(session, user, 1, NOW, IDLE)
            time.sleep(0.2)  # a slow action, while the other message waits
            ids = state.results.ids if state.results else []
            state.results = ResultList(kind="exhibitors", ids=[*ids, item])
            dialogue.save(session, user, 1, state, NOW)

    threads = [threading.Thread(target=add, args=(item,)) for item in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with transaction(migrated) as session:
        final = dialogue.load(session, user, 1, NOW, IDLE)
    assert final.results is not None and sorted(final.results.ids) == ["A", "B"]


def test_only_a_state_only_transaction_commits_without_waiting_for_the_disk(
    migrated: SessionFactory,
) -> None:
    """On PostgreSQL a message that changed nothing but its conversation's state is
    acknowledged before its WAL is flushed; one that booked or subscribed is not."""
    user = _user(migrated)
    with transaction(migrated) as session:
        dialogue.load(session, user, 1, NOW, IDLE)
        dialogue.save(session, user, 1, State(topic="tax"), NOW)
        relaxed = session.scalar(text("show synchronous_commit")) if _pg(session) else "off"
    assert relaxed == "off"
    with transaction(migrated) as session:
        dialogue.load(session, user, 1, NOW, IDLE)
        session.add(Subscription(user_id=user, city="suzhou", product=""))
        dialogue.save(session, user, 1, State(topic="tax"), NOW)
        kept = session.scalar(text("show synchronous_commit")) if _pg(session) else "on"
    assert kept == "on"


def _pg(session: object) -> bool:
    return session.get_bind().dialect.name == "postgresql"  # type: ignore[attr-defined]
