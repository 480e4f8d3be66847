"""Delivers the outbox: due reminders, notices, alerts and broadcasts, through a channel.

Each message is claimed in its own committed transaction before it is sent and finished
after, so a restart neither repeats nor forgets one (see core.outbox). The channel's
sender does the rate limiting (PTB's AIORateLimiter on Telegram)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from actions import notices
from actions.base import Reply
from bot.router import Router
from core import outbox
from core.db import transaction
from core.models import Notification, User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SendResult:
    status: str  # outbox.SENT, outbox.BLOCKED, outbox.FAILED, or "retry"
    retry_after: float = 0.0
    error: str = ""


SENT = SendResult(outbox.SENT)


# A channel's way to send one message to one person (by their id on that channel).
Send = Callable[[int, Reply], Awaitable[SendResult]]


@dataclass
class DeliveryReport:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1


class Delivery:
    def __init__(
        self,
        router: Router,
        send: Send,
        *,
        channel: str = "console",
        concurrency: int = 30,
        batch: int = 500,
    ) -> None:
        self.router = router
        self.send = send
        self.channel = channel
        self.concurrency = concurrency
        self.batch = batch
        self._running = asyncio.Lock()
        self._stopping = False
        self._keep_going: Callable[[], bool] = lambda: True

    async def stop(self) -> None:
        """On shutdown: claim nothing more and let messages already claimed finish sending,
        so a restart resumes exactly where this run stopped."""
        self._stopping = True
        async with self._running:
            pass

    def recover(self) -> int:
        """At start-up: what a crash left half-sent is marked, never sent again."""
        with transaction(self.router.sessions) as session:
            count = outbox.fail_interrupted(session)
        if count:
            log.warning("%d messages were being sent when the app stopped; not resent", count)
        return count

    async def run_due(self, keep_going: Callable[[], bool] | None = None) -> DeliveryReport:
        """Sends what is due now, in batches; a call while another runs returns at once.

        `keep_going` turning false (the app is stopping) ends the run cleanly: nothing more
        is claimed, and messages already claimed are sent and recorded."""
        report = DeliveryReport()
        if self._running.locked():
            return report
        async with self._running:
            self._keep_going = keep_going or (lambda: True)
            gate = asyncio.Semaphore(self.concurrency)
            while self._active() and (ids := await asyncio.to_thread(self._due_ids)):
                await asyncio.gather(*(self._deliver(i, gate, report) for i in ids))
        return report

    def _active(self) -> bool:
        return not self._stopping and self._keep_going()

    def _due_ids(self) -> list[int]:
        with transaction(self.router.sessions) as session:
            return outbox.due_ids(session, self.router.clock(), self.batch, self.channel)

    async def _deliver(self, note_id: int, gate: asyncio.Semaphore, report: DeliveryReport) -> None:
        async with gate:
            if not self._active():
                return
            prepared = await asyncio.to_thread(self._claim, note_id)
            if prepared is None:
                return
            external_id, reply = prepared
            if reply is None:
                report.add(outbox.CANCELLED)
                return
            try:
                result = await self.send(external_id, reply)
            except Exception as exc:  # one bad message must not stop the rest
                log.exception("sending message %s failed", note_id)
                result = SendResult(outbox.FAILED, error=type(exc).__name__)
            await asyncio.to_thread(self._finish, note_id, result)
            report.add(result.status)

    def _claim(self, note_id: int) -> tuple[int, Reply | None] | None:
        """pending -> sending (committed), with the message rendered for its recipient."""
        with transaction(self.router.sessions) as session:
            if not outbox.claim(session, note_id):
                return None  # another worker has it
            note = session.get(Notification, note_id)
            user = session.get(User, note.user_id) if note else None
            if note is None or user is None:
                return None
            if user.blocked_at is not None:
                outbox.finish(session, note_id, outbox.BLOCKED, self.router.clock())
                return None
            reply = notices.render(self.router.context_for(session, user), note)
            if reply is None:
                outbox.finish(session, note_id, outbox.CANCELLED, self.router.clock())
            return user.external_id, reply

    def _finish(self, note_id: int, result: SendResult) -> None:
        now = self.router.clock()
        with transaction(self.router.sessions) as session:
            if result.status == "retry":
                outbox.release(session, note_id, now + timedelta(seconds=result.retry_after or 1))
                return
            outbox.finish(session, note_id, result.status, now, result.error)
            if result.status == outbox.BLOCKED:
                note = session.get(Notification, note_id)
                user = session.get(User, note.user_id) if note else None
                if user is not None:
                    user.blocked_at = now
