"""The inbox on SQLite and PostgreSQL: kept once, handled once, answered after a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from actions.base import Button, Document, Reply
from bot.router import AlreadyHandled, Incoming, Router
from core import inbox
from core.db import transaction
from tests.conftest import base_settings

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)


def keep(migrated, update_id: int, chat: int = 5) -> bool:
    with transaction(migrated) as session:
        return inbox.record(session, "telegram", update_id, chat, {"update_id": update_id}, NOW)


def test_an_update_is_kept_once(migrated) -> None:
    assert keep(migrated, 1) and keep(migrated, 2)
    assert not keep(migrated, 1)  # Telegram sent it again
    with migrated() as session:
        assert [r.update_id for r in inbox.unfinished(session, "telegram")] == [1, 2]


def test_the_life_of_an_update(migrated) -> None:
    for update_id in (1, 2, 3, 4):
        keep(migrated, update_id)
    with transaction(migrated) as session:
        row = inbox.lock(session, "telegram", 2)
        assert row is not None and row.state == inbox.RECEIVED
        inbox.replied(session, row, {"text": "hi"})
        row = inbox.lock(session, "telegram", 3)
        assert row is not None
        inbox.replied(session, row, {"text": "hello"})
    with transaction(migrated) as session:
        inbox.sending(session, "telegram", 3)
        inbox.finish(session, "telegram", 4, NOW)
    with migrated() as session:
        states = {r.update_id: (r.state, r.reply) for r in inbox.unfinished(session, "telegram")}
    assert states == {
        1: (inbox.RECEIVED, None),
        2: (inbox.REPLYING, {"text": "hi"}),
        3: (inbox.SENDING, {"text": "hello"}),
    }
    with transaction(migrated) as session:
        for update_id in (1, 2, 3):
            inbox.finish(session, "telegram", update_id, NOW)
        assert inbox.unfinished(session, "telegram") == []
        assert inbox.unfinished(session, "telegram", received_before=NOW) == []
    with transaction(migrated) as session:
        assert inbox.prune(session, NOW + timedelta(days=1)) == 4


def test_a_reply_survives_the_inbox_intact() -> None:
    reply = Reply(
        text="<b>Booked</b> ✓",
        buttons=((Button("Cancel", data="mc|1|sig"), Button("Site", url="https://x.test")),),
        edit=True,
        notice="ok",
        document=Document("meeting.ics", b"BEGIN:VCALENDAR\r\n"),
    )
    assert Reply.from_json(reply.to_json()) == reply


@pytest.fixture
async def router(database_url):
    from bot.app import build

    container = build(base_settings(database_url))
    yield container.router
    await container.aclose()


async def test_the_router_handles_an_update_once(router: Router) -> None:
    keep(router.sessions, 77, chat=4242)
    incoming = Incoming("telegram", 4242, "/privacy", "en", update_id=77)
    first = await router.handle_text(incoming)
    assert "keep" in first.text
    # After a crash before the reply went out: the kept reply, not a second handling.
    with pytest.raises(AlreadyHandled) as again:
        await router.handle_text(incoming)
    assert again.value.reply == first
    with transaction(router.sessions) as session:
        inbox.sending(session, "telegram", 77)
    with pytest.raises(AlreadyHandled) as sent:
        await router.handle_text(incoming)
    assert sent.value.reply is None  # its request was made: not sent again
