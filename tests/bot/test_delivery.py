"""Reminders and notices: delivered once, across restarts, through the Telegram JobQueue."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select
from telegram import Update

from bot.channels.telegram import build_application
from bot.delivery import Delivery
from bot.router import Incoming
from core.db import transaction
from core.models import Meeting, Notification, User
from tests.conftest import FIXED_NOW, base_settings, make_container
from tests.support.outbox import RecordingSender
from tests.support.telegram import RecordingRequest, buttons, callback_update, text_update


async def book(container, user: int, exhibitor: str, slot_index: int = 0) -> None:
    router = container.router
    picker = await router.handle_callback(
        Incoming("console", user, router.codec.encode("bk", exhibitor), "en")
    )
    data = [b for row in picker.buttons for b in row][slot_index].data
    reply = await router.handle_callback(Incoming("console", user, data, "en"))
    assert "Meeting booked" in reply.text


async def test_reminders_fire_exactly_once_across_a_restart(seeded_url) -> None:
    first = make_container(base_settings(seeded_url))
    for user, exhibitor, index in ((21, "EX00001", 0), (22, "EX00002", 2), (23, "EX00003", 5)):
        await book(first, user, exhibitor, index)
    with first.sessions() as session:
        starts = sorted(session.scalars(select(Meeting.starts_at)).all())
    recorder = RecordingSender()
    # Just after the first reminder is due: one goes out.
    first.router.clock = lambda: starts[0] - timedelta(minutes=29)
    delivery = Delivery(first.router, recorder)
    assert (await delivery.run_due()).counts == {"sent": 1}
    # The process dies with the second in flight (its request made) and the third claimed
    # but still waiting for its turn.
    with transaction(first.sessions) as session:
        _, in_flight, waiting = session.scalars(
            select(Notification).order_by(Notification.due_at)
        ).all()
        in_flight.status, in_flight.claimed_by = "sending", "dead-process"
        waiting.claimed_by, waiting.lease_until = "dead-process", FIXED_NOW + timedelta(days=1)
    await first.aclose()

    # Process state dropped; the app is rebuilt from the database.
    second = make_container(base_settings(seeded_url))
    second.router.clock = lambda: starts[-1] - timedelta(minutes=5)
    delivery = Delivery(second.router, recorder)
    assert delivery.recover() == 1  # maybe sent before the crash: never sent again by itself
    assert (await delivery.run_due()).counts == {"sent": 1}
    assert (await delivery.run_due()).counts == {}
    await second.aclose()
    assert [user for user, _ in recorder.sent] == [21, 23]
    assert "Your meeting starts in 29 minutes" in recorder.sent[0][1].text
    assert "Your meeting starts in 5 minutes" in recorder.sent[1][1].text
    with first.sessions() as session:
        statuses = sorted(session.scalars(select(Notification.status)).all())
    assert statuses == ["sent", "sent", "uncertain"]


async def test_a_cancelled_meeting_sends_no_reminder(seeded_url) -> None:
    container = make_container(base_settings(seeded_url))
    await book(container, 31, "EX00001")
    listing = await container.router.handle_text(Incoming("console", 31, "/meetings", "en"))
    view = await container.router.handle_callback(
        Incoming("console", 31, listing.buttons[0][0].data, "en")
    )
    cancel = next(b for row in view.buttons for b in row if "Cancel" in b.label)
    ask = await container.router.handle_callback(Incoming("console", 31, cancel.data, "en"))
    await container.router.handle_callback(Incoming("console", 31, ask.buttons[0][0].data, "en"))
    container.router.clock = lambda: FIXED_NOW + timedelta(days=400)
    recorder = RecordingSender()
    assert (await Delivery(container.router, recorder).run_due()).counts == {}
    assert recorder.sent == []
    await container.aclose()


async def _press(application, data: str, user_id: int = 4242) -> None:
    message = {"message_id": 1, "date": 0, "text": "old"}
    update = Update.de_json(callback_update(data, message, user_id=user_id), application.bot)
    await application.process_update(update)


async def test_telegram_booking_calendar_and_job_queue_reminder(seeded_url) -> None:
    container = make_container(base_settings(seeded_url, delivery_interval=0.1))
    request = RecordingRequest()
    application = build_application(container, request=request)
    await application.initialize()
    await application.start()  # runs the JobQueue; updates are fed by hand
    try:
        await _press(application, container.router.codec.encode("bk", "EX00001"))
        picker = request.sent("sendMessage")[-1]
        await _press(application, buttons(picker)[0]["callback_data"])
        confirmation = request.sent("editMessageText")[-1]
        assert "Meeting booked" in confirmation["text"]
        calendar = next(b for b in buttons(confirmation) if "calendar" in b["text"])
        await _press(application, calendar["callback_data"])
        [document] = request.sent("sendDocument")
        assert document["chat_id"] == 4242

        with container.sessions() as session:
            start = session.scalars(select(Meeting.starts_at)).one()
        container.router.clock = lambda: start - timedelta(minutes=10)

        def reminders() -> list[dict]:
            return [p for p in request.sent("sendMessage") if "Your meeting starts in" in p["text"]]

        for _ in range(50):
            if reminders():
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)  # several more job runs
        [reminder] = reminders()
        assert reminder["chat_id"] == 4242 and "10 minutes" in reminder["text"]
    finally:
        await application.stop()
        await application.shutdown()
        await container.aclose()


async def test_a_user_who_blocked_the_bot_is_marked_and_skipped(seeded_url) -> None:
    container = make_container(base_settings(seeded_url))
    request = RecordingRequest()
    application = build_application(container, request=request)
    await application.initialize()
    try:
        await _press(application, container.router.codec.encode("bk", "EX00001"), user_id=4343)
        await _press(
            application, buttons(request.sent("sendMessage")[-1])[0]["callback_data"], 4343
        )
        request.blocked.add(4343)
        with container.sessions() as session:
            start = session.scalars(select(Meeting.starts_at)).one()
        container.router.clock = lambda: start - timedelta(minutes=10)
        report = await application.bot_data["delivery"].run_due()
        assert report.counts == {"blocked": 1}
        with container.sessions() as session:
            assert session.scalars(select(User.blocked_at)).one() is not None
        # Writing to the bot again means they unblocked it.
        request.blocked.clear()
        await application.process_update(
            Update.de_json(text_update("/meetings", 4343), application.bot)
        )
        with container.sessions() as session:
            assert session.scalars(select(User.blocked_at)).one() is None
    finally:
        await application.shutdown()
        await container.aclose()
