"""Telegram's flood limits: replies to people before bulk messages, evenly spaced slots with
nothing saved up, the pause after a 429, and one budget for every process on PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import insert, select, text
from telegram import Update

from bot.channels.telegram import build_application
from bot.ratelimit import LocalBudget
from core import broadcasts, send_budget
from core.db import make_engine, migrate, transaction
from core.models import Notification, User
from tests.conftest import base_settings, make_container, postgres_schema
from tests.support.telegram import RecordingRequest, text_update

FIRST = 80_000
PERSON = 4242


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_slots_are_evenly_spaced_and_an_idle_budget_saves_nothing_up() -> None:
    clock = Clock()
    budget = LocalBudget(rate=8, bulk_rate=4, clock=clock)  # slots 1/8 s apart, bulk 1/4 s
    replies = [budget.reserve(bulk=False) for _ in range(3)]
    assert replies == [(True, 0.0), (True, 0.125), (True, 0.25)]
    # Bulk never books a slot ahead of replies: it waits until one is free.
    assert budget.reserve(bulk=True) == (False, 0.375)
    clock.now += 60  # a quiet minute: nothing saved up, at most half an interval made up
    assert budget.reserve(bulk=True) == (True, 0.0)
    assert budget.reserve(bulk=True) == (False, 0.125)
    clock.now += 0.125
    assert budget.reserve(bulk=True) == (True, 0.0)
    assert budget.reserve(bulk=True) == (False, 0.25)  # the bulk share: 4 a second
    assert budget.reserve(bulk=False) == (True, 0.125)  # a reply: the next slot
    budget.hold(5.0)  # Telegram said "retry after 5"
    assert budget.reserve(bulk=False) == (True, 5.0)
    assert budget.reserve(bulk=False) == (True, 5.125)  # spaced after the pause too


def test_bulk_that_waited_makes_up_the_slots_replies_took_at_the_overall_rate() -> None:
    clock = Clock()
    budget = LocalBudget(rate=8, bulk_rate=4, clock=clock)  # slots 1/8 s apart, bulk 1/4 s
    assert budget.reserve(bulk=True) == (True, 0.0)
    replies = [budget.reserve(bulk=False) for _ in range(3)]  # people write meanwhile
    assert replies == [(True, 0.125), (True, 0.25), (True, 0.375)]
    assert budget.reserve(bulk=True) == (False, 0.5)  # the broadcast waits behind them
    clock.now += 0.51  # and wakes up 10 ms late
    granted = []
    while clock.now < 1002.0:
        reserved, wait = budget.reserve(bulk=True, waited=True)
        if reserved:
            granted.append(round(clock.now - 1000, 3))
        else:
            clock.now += wait
    # The slot it woke up late for is its own, and the bulk share (4 a second) it could not
    # use while the replies went out is made up at the overall rate (8 a second), never
    # faster; then it is back to its share. The first second: 5 bulk and 3 replies, 8.
    assert granted == [0.51, 0.625, 0.75, 0.875, 1.125, 1.375, 1.625, 1.875]


def test_bulk_that_had_nothing_to_send_makes_up_nothing() -> None:
    clock = Clock()
    budget = LocalBudget(rate=8, bulk_rate=4, clock=clock)
    assert budget.reserve(bulk=True) == (True, 0.0)
    clock.now += 60  # nothing to send for a minute, then a broadcast
    assert budget.reserve(bulk=True) == (True, 0.0)
    assert budget.reserve(bulk=True) == (False, 0.125)
    clock.now += 0.125
    assert budget.reserve(bulk=True, waited=True) == (True, 0.0)
    # Half an interval of its share was made up at the start, nothing more.
    assert budget.reserve(bulk=True) == (False, 0.25)


@pytest.mark.postgres
def test_processes_on_one_postgresql_take_slots_from_one_budget() -> None:
    with postgres_schema() as url:
        engines = [make_engine(url), make_engine(url)]
        migrate(engines[0])
        one, two = (e.connect().execution_options(isolation_level="AUTOCOMMIT") for e in engines)
        send_budget.prepare(one)
        send_budget.prepare(two)  # a second process finds the row there

        # Slots 10 s apart, so the time the test itself takes does not matter.
        def reserve(connection, bulk: bool = False) -> tuple[bool, int]:
            reserved, wait = send_budget.reserve(
                connection, any_interval=10.0, bulk_interval=20.0, bulk=bulk
            )
            return reserved, round(wait / 10)

        # Whichever process asks gets the next slot: now, in 10, 20 and 30 s.
        assert [reserve(one), reserve(two), reserve(one), reserve(two)] == [
            (True, 0), (True, 1), (True, 2), (True, 3)
        ]  # fmt: skip
        assert reserve(two, bulk=True) == (False, 4)  # bulk waits behind the replies
        send_budget.pause(one, 100.0)  # one process got a 429: both wait
        assert reserve(two) == (True, 10)

        # A bulk sender that waited for a slot and woke up late keeps that slot (`late`) and
        # makes up what it missed of its share (`catch_up`): the same rule as LocalBudget.
        def behind(any_by: float, bulk_by: float) -> None:
            one.execute(
                text(
                    "UPDATE send_budget SET next_any = extract(epoch FROM clock_timestamp()) "
                    "- :a, next_bulk = extract(epoch FROM clock_timestamp()) - :b"
                ),
                {"a": any_by, "b": bulk_by},
            )

        def bulk(**catch_up: float) -> tuple[bool, float]:
            return send_budget.reserve(
                two, any_interval=10.0, bulk_interval=20.0, bulk=True, **catch_up
            )

        behind(2.0, 60.0)
        assert bulk(catch_up=50.0, late=5.0) == (True, 0.0)
        assert bulk(catch_up=50.0, late=5.0)[1] == pytest.approx(8.0, abs=0.5)  # slot kept
        behind(2.0, 60.0)
        assert bulk() == (True, 0.0)  # by default: neither
        assert bulk()[1] == pytest.approx(10.0, abs=0.5)  # the next slot from now
        one.close()
        two.close()
        for engine in engines:
            engine.dispose()


class Telegram(RecordingRequest):
    """Records when each message arrives; can refuse one with a 429."""

    def __init__(self, flood_at: int = 0) -> None:
        super().__init__()
        self.arrivals: list[tuple[float, int, int]] = []  # (time, chat, HTTP status)
        self.flood_at = flood_at

    async def do_request(self, url: str, method: str, request_data=None, **kwargs: Any):
        if url.endswith("/sendMessage") and request_data is not None:
            chat = int(request_data.parameters["chat_id"])
            if len(self.arrivals) + 1 == self.flood_at:
                self.flood[chat] = 1  # "retry after 1 s"
            self.arrivals.append((time.monotonic(), chat, 429 if chat in self.flood else 200))
            await asyncio.sleep(0.005)
        return await super().do_request(url, method, request_data, **kwargs)

    def delivered(self) -> list[tuple[float, int]]:
        return [(at, chat) for at, chat, status in self.arrivals if status == 200]


def busiest_second(times: list[float]) -> int:
    ordered = sorted(times)
    return max(sum(1 for t in ordered if start <= t < start + 1.0) for start in ordered)


async def broadcasting(seeded_url: str, people: int, telegram: Telegram, **settings: Any):
    container = make_container(base_settings(seeded_url, **settings))
    with transaction(container.sessions) as session:
        session.execute(
            insert(User),
            [{"channel": "telegram", "external_id": FIRST + i, "locale": "en"}
             for i in range(people)],
        )  # fmt: skip
        draft = broadcasts.create(session, 9001, "en", "Schedule update")
        broadcasts.queue(session, draft, container.router.clock())
    application = build_application(container, request=telegram)
    await application.initialize()
    return container, application


async def until(condition, within: float = 20.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.005)


async def test_a_reply_does_not_wait_behind_a_broadcast(seeded_url) -> None:
    telegram = Telegram()
    # Bulk may use 20 of 40 messages a second: 60 recipients take three seconds.
    container, application = await broadcasting(
        seeded_url, 60, telegram, messages_per_second=40, bulk_share=0.5
    )
    delivery = application.bot_data["delivery"]
    task = asyncio.create_task(delivery.run_due())
    await until(lambda: len(telegram.arrivals) >= 10)
    ahead = len(telegram.arrivals)
    update = Update.de_json(text_update("/help", PERSON), application.bot)
    await application.process_update(update)  # the person writes while 50 wait
    chats = [chat for _, chat, _ in telegram.arrivals]
    assert PERSON in chats[ahead : ahead + 3]  # its reply went out next, not after the 50
    await until(lambda: len(telegram.arrivals) >= 30)
    await delivery.stop()  # what still waits for its turn is withdrawn at once
    await task
    broadcast = [at for at, chat in telegram.delivered() if chat != PERSON]
    assert busiest_second(broadcast) <= 21  # 20 a second, no burst at the start
    with container.sessions() as session:
        left = session.scalars(
            select(Notification.status).where(Notification.status != "sent")
        ).all()
    assert set(left) == {"pending"} and len(left) == 60 - len(broadcast)
    await application.shutdown()
    await container.aclose()


async def test_a_429_pauses_everything_and_the_send_resumes_without_a_burst(seeded_url) -> None:
    telegram = Telegram(flood_at=8)
    container, application = await broadcasting(
        seeded_url, 40, telegram, messages_per_second=40, bulk_share=0.5
    )
    delivery = application.bot_data["delivery"]
    assert (await delivery.run_due()).counts == {"sent": 39, "retry": 1}
    refused_at, refused_chat, _ = telegram.arrivals[7]
    after = [at for at, _ in telegram.delivered() if at > refused_at]
    assert after[0] - refused_at >= 1.0  # nothing went out during the pause
    assert busiest_second(after) <= 21  # and nothing saved up for after it
    with container.sessions() as session:  # the refused one waits in the outbox, not lost
        waiting = session.scalars(
            select(User.external_id)
            .join(Notification, Notification.user_id == User.id)
            .where(Notification.status == "pending")
        ).all()
    assert waiting == [refused_chat]
    await application.shutdown()
    await container.aclose()
