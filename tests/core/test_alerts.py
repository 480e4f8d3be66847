"""Event alerts and broadcasts at the service level, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core import alerts, broadcasts
from core.db import transaction
from core.imports import import_events
from core.models import Delegation, Notification, User
from core.settings import ROOT
from core.taxonomy import load_taxonomy

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
HEADER = "id,title_en,city,venue,starts_at,ends_at,products\n"
WINE_SUZHOU = "E1,Wine tasting,Suzhou,Hall A,2026-12-10T14:00,2026-12-10T17:00,wine\n"
ROBOTS_HANGZHOU = (
    "E2,Robot day,Hangzhou,Hall B,2026-12-11T09:00,2026-12-11T17:00,industrial robots\n"
)
PAST = "E3,Old fair,Suzhou,Hall C,2026-11-01T09:00,2026-11-01T17:00,wine\n"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(ROOT / "data")


@pytest.fixture
def sessions(migrated):
    factory = migrated
    with transaction(factory) as session:
        session.add(Delegation(id=1, name="Anhui trade delegation"))
        session.add_all(
            User(channel="telegram", external_id=i, locale=("en", "zh", "de")[i % 3],
                 delegation_id=1 if i < 3 else None)
            for i in range(1, 7)
        )  # fmt: skip
        session.add(User(channel="console", external_id=99))
    return factory


def person(session, external_id: int, channel: str = "telegram") -> User:
    return session.scalars(
        select(User).where(User.external_id == external_id, User.channel == channel)
    ).one()


def queued(session) -> list[tuple[str, str, int]]:
    rows = session.execute(
        select(Notification.kind, Notification.ref, User.external_id)
        .join(User, User.id == Notification.user_id)
        .order_by(Notification.kind, Notification.ref, User.external_id)
    ).all()
    return [tuple(row) for row in rows]


def load(factory, taxonomy, body: str):
    with transaction(factory) as session:
        report = import_events(session, (HEADER + body).encode(), taxonomy, NOW)
    assert report.ok, report.errors
    return report


def test_matching_subscribers_get_one_alert_per_new_or_changed_event(sessions, taxonomy) -> None:
    with transaction(sessions) as session:
        assert alerts.subscribe(session, person(session, 1), city="suzhou")
        assert not alerts.subscribe(session, person(session, 1), city="suzhou")
        alerts.subscribe(session, person(session, 1), product="wine")  # matches E1 twice over
        alerts.subscribe(session, person(session, 2), product="industrial_robots")
        alerts.subscribe(session, person(session, 3))  # everything
        alerts.subscribe(session, person(session, 4), city="hangzhou", product="wine")
    report = load(sessions, taxonomy, WINE_SUZHOU + ROBOTS_HANGZHOU + PAST)
    assert report.alerts == 4
    with sessions() as session:
        assert queued(session) == [
            ("event_new", "E1", 1), ("event_new", "E1", 3), ("event_new", "E2", 2), ("event_new", "E2", 3),
        ]  # fmt: skip
    assert load(sessions, taxonomy, WINE_SUZHOU + ROBOTS_HANGZHOU).alerts == 0  # same file
    changed = WINE_SUZHOU.replace("14:00", "15:00")
    assert load(sessions, taxonomy, changed + ROBOTS_HANGZHOU).alerts == 2
    with sessions() as session:
        assert [q for q in queued(session) if q[0] == "event_changed"] == [
            ("event_changed", "E1", 1), ("event_changed", "E1", 3),
        ]  # fmt: skip


def test_remind_me_the_day_before_follows_a_changed_start(sessions, taxonomy) -> None:
    load(sessions, taxonomy, WINE_SUZHOU)
    with transaction(sessions) as session:
        event = session.get(alerts.Event, "E1")
        assert alerts.remind_before(session, person(session, 1), event, NOW) == "queued"
        assert alerts.remind_before(session, person(session, 1), event, NOW) == "exists"
        late = event.starts_at - timedelta(hours=12)
        assert alerts.remind_before(session, person(session, 2), event, late) == "too_late"
    load(sessions, taxonomy, WINE_SUZHOU.replace("2026-12-10T14:00", "2026-12-09T14:00"))
    with sessions() as session:
        due = session.scalars(
            select(Notification.due_at).where(Notification.kind == "event_reminder")
        ).one()
    assert due == datetime(2026, 12, 8, 6, 0, tzinfo=UTC)  # 14:00 Shanghai, the day before


def test_unsubscribe_by_city_or_everything(sessions) -> None:
    with transaction(sessions) as session:
        me = person(session, 1)
        alerts.subscribe(session, me, city="suzhou")
        alerts.subscribe(session, me, city="hefei")
        assert alerts.unsubscribe(session, me, city="suzhou") == 1
        assert [s.city for s in alerts.subscriptions(session, me)] == ["hefei"]
        assert alerts.unsubscribe(session, me) == 1


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [("all", "", [1, 2, 3, 4, 5, 6]), ("lang", "zh", [1, 4]), ("delegation", "1", [1, 2]),
     ("city", "suzhou", [5])],
)  # fmt: skip
def test_broadcast_targets(sessions, kind, value, expected) -> None:
    with transaction(sessions) as session:
        alerts.subscribe(session, person(session, 5), city="suzhou")
        draft = broadcasts.create(session, 9001, "en", "Hello")
        draft.target_kind, draft.target_value = kind, value
        assert broadcasts.queue(session, draft, NOW) == len(expected)
        broadcasts.queue(session, draft, NOW)  # queuing twice adds nobody twice
        assert sorted(q[2] for q in queued(session)) == expected  # never the console user


def test_broadcast_cancel_report_and_language_fallback(sessions) -> None:
    with transaction(sessions) as session:
        draft = broadcasts.create(session, 9001, "en", "Hall 8 opens at 9")
        broadcasts.set_text(draft, "zh", "8号馆9点开门")
        assert broadcasts.text_for(draft, "zh") == "8号馆9点开门"
        assert broadcasts.text_for(draft, "ja") == "Hall 8 opens at 9"
        broadcasts.queue(session, draft, NOW + timedelta(hours=1))
        first = session.scalars(select(Notification)).first()
        first.status = "sent"
        assert broadcasts.cancel(session, draft) == 5
        assert broadcasts.report(session, draft) == {"sent": 1, "cancelled": 5}
        broadcasts.queue(session, draft, NOW)  # re-queued: the sent one stays sent
        assert broadcasts.report(session, draft) == {"sent": 1, "pending": 5}
