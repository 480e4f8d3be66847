"""A process dying in the middle of a broadcast, on SQLite and PostgreSQL, and two processes
sharing one outbox on PostgreSQL: nothing lost, nothing sent twice, and only messages whose
request was really made left uncertain."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import insert, select

from bot.channels.telegram import build_application
from core import broadcasts
from core.db import transaction
from core.models import Notification, User
from tests.conftest import base_settings, make_container, postgres_schema
from tests.support.telegram import RecordingRequest

FIRST = 70_000


class Telegram:
    """One Telegram for every app process: it has a message as soon as the request arrives,
    whatever becomes of the answer."""

    def __init__(self) -> None:
        self.arrived: list[int] = []


class Transport(RecordingRequest):
    """One process's connection to Telegram. Once `freeze()`d (the process is dying), each
    request still arrives but is never answered."""

    def __init__(self, telegram: Telegram) -> None:
        super().__init__()
        self.telegram = telegram
        self.frozen = False
        self.hung: list[int] = []

    def freeze(self) -> None:
        self.frozen = True

    async def do_request(self, url: str, method: str, request_data=None, **kwargs: Any):
        if url.endswith("/sendMessage") and request_data is not None:
            chat = int(request_data.parameters["chat_id"])
            self.telegram.arrived.append(chat)
            if self.frozen:
                self.hung.append(chat)
                await asyncio.Event().wait()  # no answer, ever
            await asyncio.sleep(0.001)
        return await super().do_request(url, method, request_data, **kwargs)


def queue_broadcast(container, count: int) -> None:
    with transaction(container.sessions) as session:
        session.execute(
            insert(User),
            [{"channel": "telegram", "external_id": FIRST + i, "locale": "en"}
             for i in range(count)],
        )  # fmt: skip
        draft = broadcasts.create(session, 9001, "en", "Schedule update")
        broadcasts.queue(session, draft, container.router.clock())


async def wait_for(condition, within: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.01)


class Process:
    """An app process delivering the outbox, which can be killed."""

    def __init__(self, settings, telegram: Telegram) -> None:
        self.container = make_container(settings)
        self.transport = Transport(telegram)
        self.application = build_application(self.container, request=self.transport)
        self.delivery = self.application.bot_data["delivery"]
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        await self.application.initialize()
        self.task = asyncio.create_task(self.delivery.run_due())

    async def kill(self) -> None:
        """Dies with every worker inside a request Telegram received: those messages are in
        flight; what it had claimed and not yet requested is not."""
        self.transport.freeze()
        await wait_for(lambda: len(self.transport.hung) == self.delivery.concurrency)
        assert self.task is not None
        # Every worker waits on Telegram; at most a claim of the next batch is under way.
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        self.container.engine.dispose()

    async def close(self) -> None:
        await self.application.shutdown()
        await self.container.aclose()


def statuses(container) -> dict[int, str]:
    with container.sessions() as session:
        rows = session.execute(
            select(User.external_id, Notification.status).join(
                Notification, Notification.user_id == User.id
            )
        ).all()
    return dict(rows)


async def finish_outbox(process: Process, within: float = 30.0) -> None:
    """The delivery job's runs, until nothing is pending or in flight (a dead process's
    claims come free when its lease lapses)."""
    deadline = asyncio.get_running_loop().time() + within
    while set(statuses(process.container).values()) & {"pending", "sending"}:
        assert asyncio.get_running_loop().time() < deadline, statuses(process.container)
        await process.delivery.run_due()
        await asyncio.sleep(0.1)


async def test_a_killed_process_leaves_uncertain_only_what_it_requested(database_url) -> None:
    settings = base_settings(database_url, messages_per_second=2000, outbox_lease=1.0)
    telegram = Telegram()
    first = Process(settings, telegram)
    queue_broadcast(first.container, 300)
    await first.start()
    await wait_for(lambda: len(telegram.arrived) >= 100)
    await first.kill()
    in_flight = set(first.transport.hung)
    requested = set(telegram.arrived)
    before = Counter(statuses(first.container).values())
    assert before["sending"] >= len(in_flight) == first.delivery.concurrency
    # Claimed and waiting for their turn when it died: not in flight, so still pending.
    with first.container.sessions() as session:
        claimed = session.scalars(
            select(Notification.id).where(
                Notification.status == "pending", Notification.claimed_by.is_not(None)
            )
        ).all()
    assert claimed
    await first.application.shutdown()

    second = Process(settings, telegram)  # the restart: process state rebuilt from the database
    await second.application.initialize()
    second.delivery.recover()
    await finish_outbox(second)
    arrived = Counter(telegram.arrived)
    assert max(arrived.values()) == 1  # nobody got it twice
    assert set(arrived) == set(range(FIRST, FIRST + 300))  # and everybody got it
    final = statuses(second.container)
    uncertain = {chat for chat, status in final.items() if status == "uncertain"}
    # Unanswered when it died, or answered and not yet recorded: all of them requested.
    assert in_flight <= uncertain <= requested
    assert Counter(final.values()) == {"sent": 300 - len(uncertain), "uncertain": len(uncertain)}
    await second.close()


@pytest.mark.postgres
async def test_two_processes_share_a_broadcast_and_one_finishes_when_the_other_dies() -> None:
    with postgres_schema() as url:
        settings = base_settings(url, messages_per_second=1000, outbox_lease=1.0)
        telegram = Telegram()
        one, two = Process(settings, telegram), Process(settings, telegram)
        queue_broadcast(one.container, 400)
        await one.start()
        await two.start()
        await wait_for(lambda: len(telegram.arrived) >= 120)
        await one.kill()
        answered = one.transport.sent("sendMessage")
        requested_by_one = {int(p["chat_id"]) for p in answered} | set(one.transport.hung)
        assert two.transport.telegram.arrived  # both were sending
        assert two.task is not None
        await two.task
        await finish_outbox(two)  # takes over the dead one's claims once its lease lapses
        arrived = Counter(telegram.arrived)
        assert max(arrived.values()) == 1
        assert set(arrived) == set(range(FIRST, FIRST + 400))
        final = statuses(two.container)
        uncertain = {chat for chat, status in final.items() if status == "uncertain"}
        assert set(one.transport.hung) <= uncertain <= requested_by_one
        assert Counter(final.values())["sent"] == 400 - len(uncertain)
        sent_by_two = sum(1 for p in two.transport.calls if p[0] == "sendMessage")
        sent_by_one = sum(1 for p in one.transport.calls if p[0] == "sendMessage")
        assert sent_by_one > 0 and sent_by_two > 0  # they shared the work
        await one.application.shutdown()
        await two.close()
