"""Telegram's flood limits, with replies to people before bulk messages.

Telegram allows a bot about 30 messages a second overall, about one a second to one chat
and 20 a minute to one group, and answers 429 "retry after" beyond. Every message a bot
sends takes a slot of one budget; slots are spaced evenly (a generic cell rate algorithm),
so an idle bot saves nothing up and never bursts, not at the start of a broadcast and not
after a pause. A reply to a person takes the next slot at once, even while a broadcast runs;
bulk messages (the outbox: reminders, alerts, broadcasts) take only a slot that is free
now, within a smaller share of the rate that leaves room for replies, and one per chat a
second. Bulk that had to wait (replies took the slots, or it woke up late) makes up the
slots of its share it missed, up to BULK_CATCH_UP seconds' worth, at no more than the
overall rate; time nobody wanted to send is never made up. A 429 pauses the whole budget
for the time Telegram asks.

On PostgreSQL the budget lives in the database, shared by every app process on it; SQLite
means one process, and the budget lives in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from core import send_budget

log = logging.getLogger(__name__)
CHAT_INTERVAL = 1.0  # seconds between bulk messages to one private chat
GROUP_WINDOW, GROUP_MESSAGES = 60.0, 20  # at most 20 messages a minute to one group
# Seconds of its share that bulk which had to wait may make up (at most the overall rate).
BULK_CATCH_UP = 1.0
T = TypeVar("T")


class Budget(Protocol):
    any_interval: float
    bulk_interval: float

    async def take(self, *, bulk: bool) -> None:
        """Returns when this message may be sent."""

    async def pause(self, seconds: float) -> None:
        """Nothing is sent for `seconds` (Telegram said "retry after")."""

    def close(self) -> None: ...


class LocalBudget:
    """The budget of one process (SQLite deployments)."""

    def __init__(
        self, rate: float, bulk_rate: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.any_interval, self.bulk_interval = 1.0 / rate, 1.0 / bulk_rate
        self.next_any = self.next_bulk = 0.0
        self.clock = clock

    def reserve(self, *, bulk: bool, waited: bool = False) -> tuple[bool, float]:
        """The same rule as core.send_budget.reserve: (reserved, seconds to wait)."""
        now = self.clock()
        if bulk:
            ready = max(self.next_any, self.next_bulk)
            if ready > now:
                return False, ready - now
            # Bulk that waited for this slot loses none of its share to the wait (up to
            # BULK_CATCH_UP is made up), nor the slot to waking up late (up to a quarter of
            # an interval); bulk that did not wait, at most half an interval of its share.
            # No second exceeds the rate.
            lag, late = _catch_up(self.bulk_interval, self.any_interval, waited)
            self.next_bulk = max(self.next_bulk, now - lag) + self.bulk_interval
            self.next_any = max(self.next_any, now - late) + self.any_interval
            return True, 0.0
        slot = max(self.next_any, now)
        self.next_any = slot + self.any_interval
        return True, slot - now

    async def take(self, *, bulk: bool) -> None:
        waited = False
        while True:
            reserved, wait = self.reserve(bulk=bulk, waited=waited)
            if wait > 0:
                await asyncio.sleep(wait)
            if reserved:
                return
            waited = True

    def hold(self, seconds: float) -> None:
        until = self.clock() + seconds
        self.next_any, self.next_bulk = max(self.next_any, until), max(self.next_bulk, until)

    async def pause(self, seconds: float) -> None:
        self.hold(seconds)

    def close(self) -> None:
        return None


class SharedBudget:
    """The budget of every process on one PostgreSQL database (core.send_budget). Its
    queries run on one connection in a thread of its own, so they never queue behind other
    database work. Should the database fail, this process falls back to a budget of its
    own until it answers again."""

    def __init__(self, engine: Engine, rate: float, bulk_rate: float) -> None:
        self.engine = engine
        self.any_interval, self.bulk_interval = 1.0 / rate, 1.0 / bulk_rate
        self.fallback = LocalBudget(rate, bulk_rate)
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="send-budget")
        self._connection: Connection | None = None

    def _connect(self) -> Connection:
        if self._connection is None:
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            send_budget.prepare(connection)
            self._connection = connection
        return self._connection

    def _run(self, work: Callable[[Connection], T]) -> T:
        try:
            return work(self._connect())
        except SQLAlchemyError:
            if self._connection is not None:
                with contextlib.suppress(SQLAlchemyError):
                    self._connection.close()
            self._connection = None
            raise

    async def _in_thread(self, work: Callable[[Connection], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, self._run, work)

    async def _reserve(self, bulk: bool, waited: bool) -> tuple[bool, float]:
        catch_up, late = _catch_up(self.bulk_interval, self.any_interval, waited)
        try:
            return await self._in_thread(
                lambda c: send_budget.reserve(
                    c, any_interval=self.any_interval, bulk_interval=self.bulk_interval,
                    bulk=bulk, catch_up=catch_up, late=late,
                )
            )  # fmt: skip
        except SQLAlchemyError as exc:
            log.warning("shared sending budget unavailable (%s); using this process's own",
                        type(exc).__name__)  # fmt: skip
            return self.fallback.reserve(bulk=bulk, waited=waited)

    async def take(self, *, bulk: bool) -> None:
        waited = False
        while True:
            reserved, wait = await self._reserve(bulk, waited)
            if wait > 0:
                await asyncio.sleep(wait)
            if reserved:
                return
            waited = True

    async def pause(self, seconds: float) -> None:
        self.fallback.hold(seconds)
        try:
            await self._in_thread(lambda c: send_budget.pause(c, seconds))
        except SQLAlchemyError as exc:
            log.warning("could not share a pause: %s", type(exc).__name__)

    def close(self) -> None:
        """Gives the connection back; the next reservation opens one again."""

        def disconnect() -> None:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

        self._thread.submit(disconnect).result()


def _catch_up(bulk_interval: float, any_interval: float, waited: bool) -> tuple[float, float]:
    """How far behind now bulk's share and the overall slot may be when a bulk slot is
    granted. Bulk that waited for it keeps what it missed meanwhile (replies took the slots)
    and the slot it waited for, though it woke up a little late; bulk that had nothing to
    send before keeps nothing but half an interval of its share."""
    if waited:
        return max(BULK_CATCH_UP, bulk_interval), any_interval / 4
    return bulk_interval / 2, 0.0


def budget_for(engine: Engine, rate: float, bulk_rate: float) -> Budget:
    if engine.dialect.name == "postgresql":
        return SharedBudget(engine, rate, bulk_rate)
    return LocalBudget(rate, bulk_rate)


# --- PTB's rate limiter -------------------------------------------------------------------
class Withdrawn(Exception):
    """A bulk message was withdrawn before its request was made (nothing was sent)."""


@dataclass(frozen=True)
class Bulk:
    """`rate_limit_args` of a message we send on our own. `start` runs once the limiter
    lets it go, right before the request: it marks the message in flight, or returns False
    and the message is withdrawn. `wanted` turning False withdraws it while it waits."""

    start: Callable[[], Awaitable[bool]]
    wanted: Callable[[], bool] = lambda: True


JSONDict = dict[str, Any]
Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]


def retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB announces a type change; both are handled
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry = error.retry_after
    seconds = retry.total_seconds() if isinstance(retry, timedelta) else float(retry)
    return seconds + 0.1  # Telegram counts whole seconds


class PriorityRateLimiter(BaseRateLimiter[Bulk]):
    def __init__(self, budget: Budget, *, max_retries: int = 2) -> None:
        self.budget = budget
        self.max_retries = max_retries
        self._bulk_turn = asyncio.Lock()  # one bulk message at a time asks for a slot
        self._last_to_chat: dict[int | str, float] = {}
        self._group_sends: dict[int | str, deque[float]] = {}
        self._requests: deque[float] = deque()  # when this process's last requests were made

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        self.budget.close()

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Bulk | None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat = _chat(data.get("chat_id"))
        if chat is None:  # not a message (getMe, answerCallbackQuery, setMyCommands...)
            return await callback(*args, **kwargs)
        if isinstance(rate_limit_args, Bulk):
            return await self._bulk(chat, rate_limit_args, callback, args, kwargs)
        return await self._reply(chat, callback, args, kwargs)

    async def _reply(
        self, chat: int | str, callback: Callback, args: Any, kwargs: dict[str, Any]
    ) -> bool | JSONDict | list[JSONDict]:
        for attempt in range(self.max_retries + 1):
            await asyncio.sleep(self._group_wait(chat))
            await self.budget.take(bulk=False)
            self._sent_to(chat)
            try:
                await self._within_second()
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                await self.budget.pause(retry_seconds(exc))
                if attempt == self.max_retries:
                    raise
                log.info("Telegram asked to wait %s s; the reply waits and is sent again",
                         exc.retry_after)  # fmt: skip
        raise AssertionError("unreachable")

    async def _bulk(
        self, chat: int | str, bulk: Bulk, callback: Callback, args: Any, kwargs: dict[str, Any]
    ) -> bool | JSONDict | list[JSONDict]:
        while True:
            if not bulk.wanted():
                raise Withdrawn
            await asyncio.sleep(self._chat_wait(chat))
            async with self._bulk_turn:
                if not bulk.wanted():
                    raise Withdrawn
                if self._chat_wait(chat) > 0:
                    continue  # a reply to this chat went out meanwhile
                await self._slot_with_flight(bulk)
                self._sent_to(chat)
                break
        try:
            await self._within_second()
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            # Refused, so not delivered: the outbox sends it again after the pause.
            await self.budget.pause(retry_seconds(exc))
            raise

    async def _slot_with_flight(self, bulk: Bulk) -> None:
        """A slot, then the message marked in flight, in this order and within the bulk
        turn, so the next bulk slot is only taken once this request is about to go. When
        marking took long (a busy database), the slot has passed: a fresh one is taken, so
        slow marks never make requests bunch up."""
        await self.budget.take(bulk=True)
        granted = time.monotonic()
        if not await bulk.start():
            raise Withdrawn
        if time.monotonic() - granted > self.budget.bulk_interval / 2:
            await self.budget.take(bulk=True)

    async def _within_second(self) -> None:
        """The last check before a request, on the time it is really made: never more
        requests in one second than the rate, and none closer than half a slot to the one
        before, however the ones before were held up (a busy database, a busy event loop,
        a bulk message that woke up late for its slot) and then went out close together:
        Telegram counts them as they arrive, and the network does not space them out."""
        limit = max(1, round(1.0 / self.budget.any_interval))
        gap = self.budget.any_interval / 2
        while True:
            now = time.monotonic()
            while self._requests and self._requests[0] <= now - 1.0:
                self._requests.popleft()
            if self._requests and now - self._requests[-1] < gap:
                await asyncio.sleep(self._requests[-1] + gap - now)
                continue
            if len(self._requests) < limit:
                self._requests.append(now)
                return
            await asyncio.sleep(self._requests[0] + 1.0 - now)

    # --- per chat and per group --------------------------------------------------------
    def _group_wait(self, chat: int | str) -> float:
        sends = self._group_sends.get(chat)
        now = time.monotonic()
        if sends is None:
            return 0.0
        while sends and sends[0] <= now - GROUP_WINDOW:
            sends.popleft()
        return sends[0] + GROUP_WINDOW - now if len(sends) >= GROUP_MESSAGES else 0.0

    def _chat_wait(self, chat: int | str) -> float:
        """Bulk messages: one a second to a person, evenly spread within a group's minute."""
        interval = GROUP_WINDOW / GROUP_MESSAGES if _is_group(chat) else CHAT_INTERVAL
        last = self._last_to_chat.get(chat)
        spaced = 0.0 if last is None else last + interval - time.monotonic()
        return max(spaced, self._group_wait(chat), 0.0)

    def _sent_to(self, chat: int | str) -> None:
        now = time.monotonic()
        if len(self._last_to_chat) > 4096:  # forget chats not written to lately
            self._last_to_chat = {
                c: t for c, t in self._last_to_chat.items() if t > now - GROUP_WINDOW
            }
            self._group_sends = {
                c: sends for c, sends in self._group_sends.items() if c in self._last_to_chat
            }
        self._last_to_chat[chat] = now
        if _is_group(chat):
            self._group_sends.setdefault(chat, deque()).append(now)


def _chat(value: object) -> int | str | None:
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return str(value)  # "@channelname"


def _is_group(chat: int | str) -> bool:
    return isinstance(chat, str) or chat < 0
