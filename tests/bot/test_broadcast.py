"""Organiser broadcasts end to end: admin commands, Telegram delivery with the rate
limiter, RetryAfter, and a restart in the middle of a broadcast to 2,000 people."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import timedelta

from sqlalchemy import insert, select
from telegram.error import TimedOut

from bot.channels.telegram import build_application
from bot.router import Incoming
from core import broadcasts
from core.db import transaction
from core.models import Broadcast, Notification, User
from tests.conftest import base_settings, make_container
from tests.support.telegram import RecordingRequest

ADMIN = 9001


def admin(text: str) -> Incoming:
    return Incoming("telegram", ADMIN, text, "en")


async def press(container, reply, label: str, user: int = ADMIN):
    button = next(b for row in reply.buttons for b in row if label in b.label)
    return await container.router.handle_callback(Incoming("telegram", user, button.data, "en"))


def add_people(container, count: int, first_id: int = 50_000) -> None:
    with transaction(container.sessions) as session:
        session.execute(
            insert(User),
            [{"channel": "telegram", "external_id": first_id + i, "locale": ("en", "zh")[i % 2]}
             for i in range(count)],
        )  # fmt: skip


async def test_admin_composes_targets_previews_sends_and_reports(app, caplog) -> None:
    add_people(app, 4)
    with caplog.at_level(logging.WARNING):
        refused = await app.router.handle_text(Incoming("telegram", 5, "/broadcast hi", "en"))
    assert "only organisers" in refused.text
    assert any("refused /broadcast" in r.getMessage() for r in caplog.records)

    draft = await app.router.handle_text(admin("/broadcast Hall <8.2> opens at 9:00"))
    assert "Broadcast #1" in draft.text and "Hall &lt;8.2&gt; opens" in draft.text
    assert "6 people" in draft.text  # the four, the admin and the refused user
    await app.router.handle_text(admin("/broadcast_text 1 zh 8.2馆9点开门"))
    chooser = await press(app, draft, "By language")
    chinese = await press(app, chooser, "中文")
    assert "people using Chinese" in chinese.text and "2 people" in chinese.text
    preview = await press(app, chinese, "Preview")
    assert "8.2馆9点开门" in preview.text and "opens at 9:00" in preview.text
    # Someone else pressing the admin's buttons is refused too.
    assert "only organisers" in (await press(app, chinese, "Send now", user=5)).text
    sent = await press(app, chinese, "Send now")
    assert "Queued for 2 people" in sent.text
    report = await press(app, sent, "Delivery report")
    assert "Waiting: 2" in report.text and "Sent: 0" in report.text


async def test_scheduled_broadcast_can_be_cancelled(app) -> None:
    add_people(app, 3)
    await app.router.handle_text(admin("/broadcast See you in Suzhou"))
    bad = await app.router.handle_text(admin("/broadcast_at 1 yesterday"))
    assert "future date and time" in bad.text
    later = await app.router.handle_text(admin("/broadcast_at 1 2026-11-25 09:00"))
    assert "Queued for 4 people" in later.text and "Send at:" in later.text
    cancelled = await press(app, later, "Cancel")
    assert "4 messages will not be sent" in cancelled.text


async def test_retry_after_and_blocked_users_through_telegram(seeded_url) -> None:
    container = make_container(base_settings(seeded_url, messages_per_second=1000))
    add_people(container, 3)
    request = RecordingRequest()
    application = build_application(container, request=request)
    await application.initialize()
    try:
        with transaction(container.sessions) as session:
            draft = broadcasts.create(session, ADMIN, "en", "Hello")
            broadcasts.queue(session, draft, container.router.clock())
        request.blocked.add(50_001)
        request.flood[50_002] = 1  # Telegram says "retry after 1 s" once
        delivery = application.bot_data["delivery"]
        # Refused with a 429, so not delivered: the message waits in the outbox.
        first = await delivery.run_due()
        assert first.counts == {"sent": 1, "blocked": 1, "retry": 1}
        assert [p["chat_id"] for p in request.sent("sendMessage")] == [50_000]
        later = container.router.clock() + timedelta(seconds=2)
        container.router.clock = lambda: later
        assert (await delivery.run_due()).counts == {"sent": 1}
        assert sorted(p["chat_id"] for p in request.sent("sendMessage")) == [50_000, 50_002]
        with container.sessions() as session:
            blocked = session.scalars(select(User).where(User.external_id == 50_001)).one()
            assert blocked.blocked_at is not None
    finally:
        await application.shutdown()
        await container.aclose()


async def _broadcast_to(container, count: int) -> None:
    add_people(container, count)
    with transaction(container.sessions) as session:
        draft = broadcasts.create(session, ADMIN, "en", "Schedule update")
        broadcasts.set_text(draft, "zh", "日程更新")
        assert broadcasts.queue(session, draft, container.router.clock()) == count


class SlowRequest(RecordingRequest):
    """Takes a millisecond per call, and says when `threshold` messages went out."""

    def __init__(self, threshold: int) -> None:
        super().__init__()
        self.threshold = threshold
        self.reached = asyncio.Event()

    async def do_request(self, *args, **kwargs):
        await asyncio.sleep(0.001)
        result = await super().do_request(*args, **kwargs)
        if len(self.sent("sendMessage")) >= self.threshold:
            self.reached.set()
        return result


async def test_restart_in_the_middle_of_a_broadcast_to_2000_people(seeded_url) -> None:
    settings = base_settings(seeded_url, messages_per_second=2000, delivery_interval=0.05)
    request = SlowRequest(700)  # one transport: it is Telegram, which outlives our process
    first = make_container(settings)
    await _broadcast_to(first, 2000)
    application = build_application(first, request=request)
    await application.initialize()
    await application.start()  # the JobQueue delivers
    await request.reached.wait()
    await application.stop()  # a normal shutdown, in the middle of the broadcast
    await application.shutdown()
    await first.aclose()
    halfway = len(request.sent("sendMessage"))
    assert 700 <= halfway < 2000

    second = make_container(settings)  # process state dropped, rebuilt from the database
    application = build_application(second, request=request)
    await application.initialize()
    assert application.bot_data["delivery"].recover() == 0  # a clean stop leaves nothing half-sent
    await application.bot_data["delivery"].run_due()
    await application.shutdown()
    chats = Counter(p["chat_id"] for p in request.sent("sendMessage"))
    assert len(chats) == 2000 and set(chats.values()) == {1}
    texts = Counter(p["text"] for p in request.sent("sendMessage"))
    assert texts == {"📢 Schedule update": 1000, "📢 日程更新": 1000}
    with second.sessions() as session:
        report = broadcasts.report(session, session.get(Broadcast, 1))
    assert report == {"sent": 2000}
    await second.aclose()


class Unanswered(RecordingRequest):
    """Telegram receives the messages to `silent` chats, but no answer comes back."""

    def __init__(self, silent: set[int]) -> None:
        super().__init__()
        self.silent = silent
        self.received: list[int] = []

    async def do_request(self, url, method, request_data=None, **kwargs):
        if url.endswith("/sendMessage") and request_data is not None:
            chat = int(request_data.parameters["chat_id"])
            self.received.append(chat)
            if chat in self.silent:
                raise TimedOut("no answer")
        return await super().do_request(url, method, request_data, **kwargs)


async def test_the_organiser_resends_where_delivery_is_uncertain(seeded_url) -> None:
    container = make_container(base_settings(seeded_url, messages_per_second=1000))
    add_people(container, 4)
    request = Unanswered({50_001, 50_002})
    application = build_application(container, request=request)
    await application.initialize()
    try:
        with transaction(container.sessions) as session:
            draft = broadcasts.create(session, ADMIN, "en", "Hello")
            broadcasts.queue(session, draft, container.router.clock())
        delivery = application.bot_data["delivery"]
        assert (await delivery.run_due()).counts == {"sent": 2, "uncertain": 2}
        assert (await delivery.run_due()).counts == {}  # never resent by itself

        refused = await container.router.handle_text(
            Incoming("telegram", 5, "/broadcast_resend 1", "en")
        )
        assert "only organisers" in refused.text
        resent = await container.router.handle_text(
            Incoming("telegram", ADMIN, "/broadcast_resend 1", "zh")
        )
        assert "正在再次发送给 2 位可能没有收到消息的人" in resent.text
        button = next(b for row in resent.buttons for b in row if "发送报告" in b.label)
        report = await container.router.handle_callback(
            Incoming("telegram", ADMIN, button.data, "zh")
        )
        assert "等待中：2" in report.text and "可能已送达" not in report.text
        request.silent.clear()  # Telegram answers again
        assert (await delivery.run_due()).counts == {"sent": 2}
        assert Counter(request.received) == {50_000: 1, 50_001: 2, 50_002: 2, 50_003: 1}
        again = await container.router.handle_text(
            Incoming("telegram", ADMIN, "/broadcast_resend 1", "zh")
        )
        assert "没有送达情况不明的消息" in again.text
        with container.sessions() as session:
            assert broadcasts.report(session, session.get(Broadcast, 1)) == {"sent": 4}
    finally:
        await application.shutdown()
        await container.aclose()


async def test_the_report_shows_uncertain_messages_and_how_to_resend_them(app) -> None:
    add_people(app, 2)
    await app.router.handle_text(admin("/broadcast Hello"))
    sent = await press(app, await app.router.handle_text(admin("/broadcast_resend 1")), "Send now")
    with transaction(app.sessions) as session:  # a crash left one in flight
        note = session.scalars(select(Notification)).first()
        note.status = "uncertain"
    report = await press(app, sent, "Delivery report")
    assert "Maybe delivered: 1" in report.text
    assert "/broadcast_resend 1 sends them again" in report.text


async def test_the_draft_card_speaks_the_admin_s_language(app) -> None:
    draft = await app.router.handle_text(
        Incoming("telegram", ADMIN, "/broadcast 展馆明天九点开门", "zh")
    )
    assert "草稿" in draft.text and "draft" not in draft.text
