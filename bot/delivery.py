"""Delivers the outbox: due reminders, notices, alerts and broadcasts, through a channel.

Due messages are claimed in batches (core.outbox) and rendered for their recipients; the
channel's sender waits for its turn (on Telegram the rate limiter, bot.ratelimit) and, right
before the request, starts the message's `Flight`, which marks it in flight in the database.
So a crash leaves in flight only what was really requested (reported uncertain, never resent
by itself) and everything else pending, sent after the restart. Claims carry a lease this
process renews while it runs; several processes can deliver one outbox, and the claims of
one that dies are taken over when its lease lapses.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from actions import notices
from actions.base import Reply
from bot.router import Router
from core import outbox
from core.db import transaction
from core.models import Notification, User

log = logging.getLogger(__name__)
RETRY, WITHDRAWN = "retry", "withdrawn"


@dataclass(frozen=True)
class SendResult:
    # outbox.SENT, BLOCKED, FAILED, UNCERTAIN; RETRY (refused for now, e.g. Telegram's 429,
    # so not delivered); WITHDRAWN (no request was made)
    status: str
    retry_after: float = 0.0
    error: str = ""


SENT = SendResult(outbox.SENT)


class Flight:
    """One claimed message on its way out. The sender calls `start()` right before making
    the request; False means it must not be made (the app is stopping, or this process lost
    the claim). `wanted()` turns False when the app stops, for senders that wait."""

    def __init__(self, delivery: Delivery, note_id: int) -> None:
        self._delivery, self.note_id = delivery, note_id
        self.started = False

    def wanted(self) -> bool:
        return self._delivery.active()

    async def start(self) -> bool:
        if not self.started and self.wanted():
            self.started = await self._delivery.mark_in_flight(self.note_id)
        return self.started


# A channel's way to send one message to one person (by their id on that channel).
Send = Callable[[int, Reply, Flight], Awaitable[SendResult]]


def plain(send: Callable[[int, Reply], Awaitable[SendResult]]) -> Send:
    """A sender with no queue of its own (the console): the request is made at once."""

    async def flying(external_id: int, reply: Reply, flight: Flight) -> SendResult:
        if not await flight.start():
            return SendResult(WITHDRAWN)
        return await send(external_id, reply)

    return flying


@dataclass
class DeliveryReport:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1


@dataclass(frozen=True)
class Prepared:
    note_id: int
    external_id: int
    reply: Reply


def wall_clock() -> datetime:
    """Leases are about processes being alive, so they follow the real clock (the router's
    may be a test's fixed time)."""
    return datetime.now(UTC)


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


class Delivery:
    def __init__(
        self,
        router: Router,
        send: Send,
        *,
        channel: str = "console",
        concurrency: int = 30,
        batch: int = 50,
        lease: float = 30.0,
    ) -> None:
        self.router = router
        self.send = send
        self.channel = channel
        self.concurrency = concurrency
        self.batch = batch
        self.lease = timedelta(seconds=lease)
        self.worker = worker_name()
        self._held: set[int] = set()  # claimed by this process, not finished
        self._outcomes: asyncio.Queue[tuple[int, SendResult] | None] = asyncio.Queue()
        # Marking in flight sits between a message's slot and its request: a thread of its
        # own, so it never queues behind other database work.
        self._marking = ThreadPoolExecutor(1, thread_name_prefix="outbox-in-flight")
        self._marking_connection: Connection | None = None
        self._running = asyncio.Lock()
        self._stopping = False
        self._keep_going: Callable[[], bool] = lambda: True

    def active(self) -> bool:
        return not self._stopping and self._keep_going()

    async def stop(self) -> None:
        """On shutdown: claim nothing more, withdraw what waits for its turn, let requests
        already made finish; what was claimed and not sent is given back at once."""
        self._stopping = True
        async with self._running:
            pass

    def recover(self) -> int:
        """At start-up. With SQLite this process is the only sender: what a crash left in
        flight is uncertain now, and its claims are free. On PostgreSQL other processes may
        be sending: only lapsed leases count (and are also checked while delivering)."""
        with transaction(self.router.sessions) as session:
            if session.get_bind().dialect.name == "sqlite":
                count = outbox.recover_alone(session)
            else:
                count = outbox.expire_flights(session, wall_clock())
        if count:
            log.warning("%d messages were being sent when the app stopped; reported uncertain",
                        count)  # fmt: skip
        return count

    async def run_due(self, keep_going: Callable[[], bool] | None = None) -> DeliveryReport:
        """Sends what is due now; a call while another runs returns at once.

        `keep_going` turning false (the app is stopping) ends the run cleanly: nothing more
        is claimed or requested, and requests already made are recorded."""
        report = DeliveryReport()
        if self._running.locked():
            return report
        async with self._running:
            self._keep_going = keep_going or (lambda: True)
            await asyncio.to_thread(self._expire)
            claimed: asyncio.Queue[int | None] = asyncio.Queue(maxsize=self.batch)
            workers = [
                asyncio.create_task(self._work(claimed, report)) for _ in range(self.concurrency)
            ]
            renewing = asyncio.create_task(self._renew_leases())
            self._outcomes = asyncio.Queue()
            recording = asyncio.create_task(self._record_outcomes())
            try:
                while self.active() and (batch := await asyncio.to_thread(self._claim)):
                    self._held.update(batch)
                    for note_id in batch:
                        await claimed.put(note_id)
                for _ in workers:
                    await claimed.put(None)
                await asyncio.gather(*workers)
                await self._outcomes.put(None)
                await recording
            finally:
                renewing.cancel()
                recording.cancel()
                for worker in workers:
                    worker.cancel()
            if self._held:  # claimed, never requested: the app is stopping
                held = set(self._held)
                await asyncio.to_thread(self._release, held)
                self._held -= held
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._marking, self._close_marking_connection)
        return report

    # --- the steps, each in its own transaction ---------------------------------------
    def _expire(self) -> None:
        with transaction(self.router.sessions) as session:
            count = outbox.expire_flights(session, wall_clock())
        if count:
            log.warning("%d messages were in flight in a process that stopped; uncertain", count)

    def _claim(self) -> list[int]:
        lease_now = wall_clock()
        with transaction(self.router.sessions) as session:
            return outbox.claim_due(
                session, worker=self.worker, now=self.router.clock(), lease_now=lease_now,
                lease_until=lease_now + self.lease, channel=self.channel, limit=self.batch,
            )  # fmt: skip

    def _prepare(self, note_id: int) -> Prepared | str:
        """The message rendered for its recipient, or the status it was finished with (the
        person blocked the bot; it is no longer relevant). Each in its own short transaction:
        with SQLite, a long one would hold up marking messages in flight."""
        now = self.router.clock()
        with transaction(self.router.sessions) as session:
            note = session.get(Notification, note_id)
            user = session.get(User, note.user_id) if note else None
            if note is None or user is None:
                return outbox.CANCELLED
            if user.blocked_at is not None:
                outbox.finish(session, note_id, outbox.BLOCKED, now)
                return outbox.BLOCKED
            reply = notices.render(self.router.context_for(session, user), note)
            if reply is None:  # no longer relevant (the meeting was cancelled)
                outbox.finish(session, note_id, outbox.CANCELLED, now)
                return outbox.CANCELLED
            return Prepared(note_id, user.external_id, reply)

    async def mark_in_flight(self, note_id: int) -> bool:
        loop = asyncio.get_running_loop()
        if await loop.run_in_executor(self._marking, self._mark_in_flight, note_id):
            return True
        self._held.discard(note_id)  # the claim lapsed and was taken over, or was cancelled
        return False

    def _mark_in_flight(self, note_id: int) -> bool:
        engine = self.router.sessions.kw.get("bind")
        if not isinstance(engine, Engine) or engine.dialect.name != "postgresql":
            with transaction(self.router.sessions) as session:
                return outbox.mark_in_flight(session, note_id, self.worker)
        # PostgreSQL: one statement in autocommit on a connection this thread keeps, one
        # round trip instead of a check-out, BEGIN, UPDATE and COMMIT.
        try:
            if self._marking_connection is None:
                self._marking_connection = engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT"
                )
            return outbox.mark_in_flight(self._marking_connection, note_id, self.worker)
        except SQLAlchemyError:
            if self._marking_connection is not None:
                self._marking_connection.invalidate()
                self._marking_connection = None
            raise

    def _close_marking_connection(self) -> None:
        if self._marking_connection is not None:
            self._marking_connection.close()
            self._marking_connection = None

    def _finish(self, outcomes: list[tuple[int, SendResult]]) -> None:
        """Records what became of sent messages, several in one transaction."""
        now = self.router.clock()
        with transaction(self.router.sessions) as session:
            # In id order, as the heartbeat locks them: no two transactions wait on each other.
            for note_id, result in sorted(outcomes, key=lambda outcome: outcome[0]):
                if result.status == RETRY:
                    due = now + timedelta(seconds=result.retry_after or 1)
                    outbox.release(session, [note_id], self.worker, due)
                    continue
                outbox.finish(session, note_id, result.status, now, result.error, self.worker)
                if result.status == outbox.BLOCKED:
                    note = session.get(Notification, note_id)
                    user = session.get(User, note.user_id) if note else None
                    if user is not None:
                        user.blocked_at = now

    def _release(self, ids: set[int]) -> None:
        with transaction(self.router.sessions) as session:
            outbox.release(session, ids, self.worker)

    def _renew(self, held: set[int]) -> None:
        lease_now = wall_clock()
        with transaction(self.router.sessions) as session:
            outbox.renew(session, held, self.worker, lease_now + self.lease)
            count = outbox.expire_flights(session, lease_now)
        if count:
            log.warning("%d messages were in flight in a process that stopped; uncertain", count)

    # --- the tasks --------------------------------------------------------------------
    async def _renew_leases(self) -> None:
        while True:
            await asyncio.sleep(self.lease.total_seconds() / 3)
            try:
                await asyncio.to_thread(self._renew, set(self._held))
            except Exception:  # a failed heartbeat is retried at the next one
                log.exception("could not renew the outbox leases")

    async def _record_outcomes(self) -> None:
        """Outcomes are written a few at a time (what 0.1 s brings): fewer transactions
        leave the database to the in-flight marks, which stand between a slot and its
        request. A crash before an outcome is written leaves that message uncertain,
        which it is: it was requested."""
        while (first := await self._outcomes.get()) is not None:
            await asyncio.sleep(0.1)
            batch, last = [first], False
            while not self._outcomes.empty():
                item = self._outcomes.get_nowait()
                if item is None:
                    last = True
                    break
                batch.append(item)
            await asyncio.to_thread(self._finish, batch)
            self._held.difference_update(note_id for note_id, _ in batch)
            if last:
                return

    async def _work(self, claimed: asyncio.Queue[int | None], report: DeliveryReport) -> None:
        while (note_id := await claimed.get()) is not None:
            if not self.active():
                continue  # given back when the run ends
            prepared = await asyncio.to_thread(self._prepare, note_id)
            if isinstance(prepared, Prepared):
                await self._deliver(prepared, report)
                continue
            self._held.discard(note_id)
            if prepared == outbox.CANCELLED:
                report.add(prepared)

    async def _deliver(self, prepared: Prepared, report: DeliveryReport) -> None:
        flight = Flight(self, prepared.note_id)
        try:
            result = await self.send(prepared.external_id, prepared.reply, flight)
        except Exception as exc:  # one bad message must not stop the rest
            log.exception("sending message %s failed", prepared.note_id)
            # Once requested, it may have arrived.
            status = outbox.UNCERTAIN if flight.started else outbox.FAILED
            result = SendResult(status, error=type(exc).__name__)
        if result.status == WITHDRAWN:
            return  # never requested: given back when the run ends, or no longer ours
        await self._outcomes.put((prepared.note_id, result))
        report.add(result.status)
