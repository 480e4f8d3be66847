"""How Telegram updates come in: written to the inbox before Telegram is told they arrived,
handled many chats at once but each chat's in order, and answered after a crash.

- `InboxQueue` is the application's update queue: polling and the webhook both put updates
  into it, and it writes each to the database first. Polling confirms updates to Telegram
  with the next getUpdates offset, which it asks for only after putting them; the webhook
  answers 200 only after putting. A repeat of an update already kept is dropped.
- `ChatOrderedProcessor` runs updates of different chats concurrently (up to a limit) and
  one chat's updates one after another, in the order they arrived.
- `reply_request()` marks an update's reply as sent the moment its request is written (after
  any wait in the rate limiter), so a restart knows which replies may have reached Telegram.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import make_url
from telegram import Bot, Update
from telegram.ext import BaseUpdateProcessor
from telegram.request import HTTPXRequest

from core import inbox
from core.db import SessionFactory, transaction

log = logging.getLogger(__name__)
CHANNEL = "telegram"
# The requests that carry a reply; answering a button press is not one (it cannot be
# repeated after a restart anyway: Telegram refuses late answers).
REPLY_METHODS = frozenset({"sendMessage", "editMessageText", "sendDocument"})


class MarksFile:
    """SQLite: "request made" marks of replies in a small database file of their own beside
    the main one, written only by the event loop, so a mark never waits for the main file's
    write lock (held by whichever message is being handled) nor for a worker thread. A mark
    makes a `replying` row count as `sending`."""

    def __init__(self, path: Path) -> None:
        # Used from the event loop only; "check_same_thread" would also refuse the thread
        # that closes it at the end.
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # survives the app's crash, as the main file
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS marks (update_id INTEGER PRIMARY KEY, channel TEXT)"
        )

    @classmethod
    def beside(cls, database_url: str) -> MarksFile | None:
        database = make_url(database_url).database
        if not database or database == ":memory:":
            return None
        path = Path(database)
        return cls(path.with_name(path.stem + ".reply-marks.db"))

    def mark(self, update_id: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO marks VALUES (?, ?)", (update_id, CHANNEL))

    def marked(self) -> set[int]:
        return {row[0] for row in self.db.execute("SELECT update_id FROM marks")}

    def forget(self, update_ids: list[int]) -> None:
        self.db.executemany("DELETE FROM marks WHERE update_id = ?", [(i,) for i in update_ids])

    def close(self) -> None:
        self.db.close()


class Inbox:
    """core.inbox for this channel, each call in a worker thread, but a reply's "request
    made" mark is written in the event loop itself, so that the request's first byte follows
    at once: from a worker thread it would wait for the loop to come back to it, and a crash
    in between would leave a reply marked but never sent. PostgreSQL: on a connection of its
    own (`marks`, a short, non-durable commit); SQLite: in a file of its own (`marks_file`)."""

    def __init__(
        self,
        sessions: SessionFactory,
        clock: Callable[[], datetime],
        marks: SessionFactory | None = None,
        marks_file: MarksFile | None = None,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.marks = marks
        self.marks_file = marks_file

    def _run(self, work: Callable[..., Any], *args: Any) -> Awaitable[Any]:
        def call() -> Any:
            with transaction(self.sessions) as session:
                return work(session, CHANNEL, *args)

        return asyncio.to_thread(call)

    async def record(self, update: Update) -> bool:
        chat = update.effective_chat or update.effective_user
        payload = update.to_dict()
        return bool(
            await self._run(
                inbox.record, update.update_id, chat.id if chat else None, payload, self.clock()
            )
        )

    async def sending(self, update_id: int) -> None:
        if self.marks_file is not None:
            self.marks_file.mark(update_id)
        elif self.marks is not None:
            with transaction(self.marks) as session:
                inbox.sending(session, CHANNEL, update_id)
        else:
            await self._run(inbox.sending, update_id)

    async def finish(self, update_id: int) -> None:
        await self._run(inbox.finish, update_id, self.clock())
        if self.marks_file is not None:
            self.marks_file.forget([update_id])

    async def unfinished(self, older_than: timedelta | None) -> list[tuple[int, str, Any]]:
        before = self.clock() - older_than if older_than is not None else None

        def rows(session: Any, channel: str) -> list[tuple[int, str, Any]]:
            found = inbox.unfinished(session, channel, before)
            return [(row.update_id, row.state, row.payload) for row in found]

        result: list[tuple[int, str, Any]] = await self._run(rows)
        marked = self.marks_file.marked() if self.marks_file is not None else set()
        return [(i, inbox.SENDING if i in marked else state, p) for i, state, p in result]

    async def prune(self, keep: timedelta) -> int:
        def forget(session: Any, _channel: str) -> int:
            return inbox.prune(session, self.clock() - keep)

        removed: int = await self._run(forget)
        return removed


class InboxQueue(asyncio.Queue[object]):
    """The update queue; an update is in the database before `put` returns."""

    def __init__(self, kept: Inbox) -> None:
        super().__init__()
        self.inbox = kept

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and not await self.inbox.record(item):
            log.info("update %s was received before; dropped", item.update_id)
            return
        await super().put(item)

    async def requeue(self, item: Update) -> None:
        """An update read back from the inbox (after a restart)."""
        await super().put(item)


async def answer_unfinished(
    queue: InboxQueue, bot: Bot, older_than: timedelta | None = None
) -> int:
    """Queues the updates a stopped process left unanswered, oldest first. A reply whose
    request was made may have reached the person: it is not sent again."""
    count = 0
    for update_id, state, payload in await queue.inbox.unfinished(older_than):
        if state == inbox.SENDING:
            log.warning("the reply to update %s may have been delivered; not sent again", update_id)
            await queue.inbox.finish(update_id)
            continue
        update = Update.de_json(payload, bot)
        if update is not None:
            await queue.requeue(update)
            count += 1
    if count:
        log.warning("%d updates received before a restart are answered now", count)
    return count


def chat_of(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    chat = update.effective_chat or update.effective_user
    return chat.id if chat else None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Up to `concurrency` updates at once, never two of one chat: a chat's updates wait
    for each other in arrival order, without taking the places of other chats' updates.
    `finished` is awaited after each update, whatever became of it."""

    def __init__(
        self,
        concurrency: int,
        finished: Callable[[object], Awaitable[None]] | None = None,
    ) -> None:
        # PTB's own bound counts waiting updates too, so it is set out of the way.
        super().__init__(max_concurrent_updates=1_000_000)
        self.concurrency = concurrency
        self.finished = finished
        self._slots = asyncio.Semaphore(concurrency)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            with self._turn(chat_of(update)) as lock:
                async with lock, self._slots:
                    await coroutine
        finally:
            if self.finished is not None:
                await self.finished(update)

    @contextmanager
    def _turn(self, chat: int | None) -> Iterator[asyncio.Lock]:
        if chat is None:
            yield asyncio.Lock()
            return
        lock, waiting = self._chats.get(chat) or (asyncio.Lock(), 0)
        self._chats[chat] = (lock, waiting + 1)
        try:
            yield lock
        finally:
            lock, waiting = self._chats[chat]
            if waiting == 1:
                del self._chats[chat]
            else:
                self._chats[chat] = (lock, waiting - 1)


# --- marking a reply's request --------------------------------------------------------
@dataclass
class _Reply:
    inbox: Inbox
    update_id: int
    made: bool = False

    async def request_made(self) -> None:
        if not self.made:
            self.made = True
            await self.inbox.sending(self.update_id)


_replying: ContextVar[_Reply | None] = ContextVar("replying", default=None)


@contextmanager
def replying_to(kept: Inbox | None, update_id: int) -> Iterator[None]:
    """While the reply to `update_id` is sent: its first request marks it in the inbox."""
    token = _replying.set(_Reply(kept, update_id) if kept is not None else None)
    try:
        yield
    finally:
        _replying.reset(token)


class _MarkingTransport(httpx.AsyncHTTPTransport):
    """Marks a reply's request as made on its connection, right before the first byte is
    written: after any wait in the rate limiter and for a free or new connection, so the
    time in which a crash leaves a request marked but unsent is as short as it can be."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        reply = _replying.get()
        if reply is not None and request.url.path.rsplit("/", 1)[-1] in REPLY_METHODS:

            async def trace(event: str, _info: dict[str, Any]) -> None:
                if event.endswith("send_request_headers.started"):
                    await reply.request_made()

            request.extensions = {**request.extensions, "trace": trace}
        return await super().handle_async_request(request)


def reply_request(connections: int = 256) -> HTTPXRequest:
    """PTB's request layer, marking replies in the inbox as their requests are made."""
    transport = _MarkingTransport(limits=httpx.Limits(max_connections=connections))
    return HTTPXRequest(connection_pool_size=connections, httpx_kwargs={"transport": transport})
