"""Sending to Telegram under real-world conditions: the real app, run as its own process(es)
in polling mode, against a fake Bot API on loopback (benchmarks/fake_bot_api.py) with a
round-trip delay and Telegram's flood limits.

  priority  a broadcast to N people while 10 users write "hello" every few seconds: reply
            latency (quiet and during the broadcast), the broadcast's rate per second, 429s
  crash     SIGKILL in the middle of a broadcast, then a restart: duplicates, messages lost,
            and whether every message left uncertain had really been requested
  two       two app processes on one PostgreSQL share a broadcast; one is SIGKILLed halfway
            and the other must finish it: each message once, the shared rate

Usage: .venv/bin/python benchmarks/telegram_bench.py priority [--recipients 10000]
       [--delay 0.05] [--db sqlite|postgresql] [--flood-at 0] [--nlu-url URL]
       .venv/bin/python benchmarks/telegram_bench.py crash [--recipients 2000] [--kill-after 1000]
       .venv/bin/python benchmarks/telegram_bench.py two [--recipients 2000] [--kill-after 700]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from benchmarks.fake_bot_api import FakeBotApi, busiest_second, per_second
from benchmarks.pg_schema import temporary_schema
from bot.app import build
from core import broadcasts
from core.db import SessionFactory, make_engine, migrate, session_factory, transaction
from core.models import Notification, User
from core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIRST_RECIPIENT = 100_000
TALKERS = range(1, 11)  # the users who write "hello"
BROADCAST_TEXT = "Hall 8.2 opens at 9:00 tomorrow."


# --- the app as its own process -----------------------------------------------------------
def run_app(api_url: str) -> None:
    """One app process, exactly as `python -m bot run` starts it on Telegram, except that
    the Bot API is the fake one."""
    from telegram.request import HTTPXRequest

    from bot import logs
    from bot.channels import telegram

    class LoopbackRequest(HTTPXRequest):
        async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
            url = url.replace("https://api.telegram.org", api_url)
            return await super().do_request(url, method, *args, **kwargs)

    settings = Settings.from_env()
    logs.configure(logging.INFO, settings.telegram_token)
    container = build(settings)
    application = telegram.build_application(
        container, request=LoopbackRequest(), get_updates_request=LoopbackRequest()
    )
    telegram.run(application, container)


class App:
    """A child process running the app; its log goes to a file."""

    def __init__(self, name: str, env: dict[str, str], api_url: str, folder: Path) -> None:
        self.name, self.env, self.api_url = name, env, api_url
        self.log = folder / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        log = self.log.open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.telegram_bench", "app", "--api", self.api_url,
            cwd=ROOT, env={**os.environ, **self.env}, stdout=log, stderr=log,
        )  # fmt: skip

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


def app_env(database_url: str, nlu_url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "TELEGRAM_TOKEN": "1:BENCH",
        "NLU_MANAGE": "0",
        "NLU_URL": nlu_url,
        "NLU_TOKEN": os.environ.get("BENCH_NLU_TOKEN", "test-nlu-token"),
        "CALLBACK_SECRET": "bench",
        "DELIVERY_INTERVAL": "1",
        "PYTHONPATH": str(ROOT),
    }


# --- the database -------------------------------------------------------------------------
@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "postgresql":
        with temporary_schema() as url:
            yield url
            sessions(url).kw["bind"].dispose()
        return
    yield f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"


@cache
def sessions(url: str) -> SessionFactory:
    engine = make_engine(url)
    migrate(engine)
    return session_factory(engine)


def add_recipients(url: str, count: int) -> None:
    with transaction(sessions(url)) as session:
        session.execute(
            insert(User),
            [{"channel": "telegram", "external_id": FIRST_RECIPIENT + i,
              "locale": ("en", "zh", "de")[i % 3]} for i in range(count)],
        )  # fmt: skip


def queue_broadcast(url: str) -> int:
    """What /broadcast and "Send now" do; returns the number of recipients."""
    with transaction(sessions(url)) as session:
        draft = broadcasts.create(session, 1, "en", BROADCAST_TEXT)
        broadcasts.set_text(draft, "zh", "8.2馆明天9点开馆。")
        return broadcasts.queue(session, draft, datetime.now(UTC))


def statuses(url: str) -> Counter[str]:
    with sessions(url)() as session:
        rows = session.execute(
            select(Notification.status, func.count()).group_by(Notification.status)
        ).all()
    return Counter({status: int(count) for status, count in rows})


def uncertain_chats(url: str) -> set[int]:
    """Recipients whose message may or may not have gone out: `uncertain`, or, as the app
    recorded them before, failed with "maybe delivered"."""
    with sessions(url)() as session:
        rows = session.scalars(
            select(User.external_id)
            .join(Notification, Notification.user_id == User.id)
            .where(
                (Notification.status == "uncertain")
                | ((Notification.status == "failed") & Notification.error.like("%maybe%"))
            )
        ).all()
    return set(rows)


async def until(
    condition: Callable[[], bool], within: float, step: float = 0.2, *, in_thread: bool = False
) -> bool:
    """Waits for `condition`; database checks run in a thread, so the fake API keeps
    answering meanwhile."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await asyncio.to_thread(condition) if in_thread else condition():
            return True
        await asyncio.sleep(step)
    return False


def broadcast_times(api: FakeBotApi) -> list[float]:
    return [r.at for r in api.messages() if r.text.startswith("📢")]


def rate_report(api: FakeBotApi, label: str) -> None:
    times = broadcast_times(api)
    if len(times) < 2:
        print(f"{label}: {len(times)} broadcast messages")
        return
    start, end = min(times), max(times)
    seconds = per_second(times, start)
    full = seconds[:-1] or seconds
    everything = [r.at for r in api.messages()]
    refused = sum(1 for r in api.requests if r.status == 429)
    attempts = [r.at for r in api.messages(accepted_only=False)]
    print(
        f"{label}: {len(times)} broadcast messages in {end - start:.1f} s = "
        f"{(len(times) - 1) / (end - start):.2f} msg/s; per whole second min {min(full)} / "
        f"median {statistics.median(full):g} / max {max(seconds)}; busiest 1-s window "
        f"{busiest_second(everything)} sent, {busiest_second(attempts)} attempted "
        f"(all messages); 429 answers: {refused}"
    )
    if os.environ.get("BENCH_SERIES"):
        print("per second:", " ".join(map(str, seconds)))
        waves = [r.at - start for r in api.messages() if r.chat_id in TALKERS and r.at >= start]
        print("replies at:", " ".join(f"{t:.1f}" for t in waves))


def latencies(api: FakeBotApi, writes: list[tuple[int, float]]) -> list[float]:
    replies = [r for r in api.messages() if r.chat_id in TALKERS and not r.text.startswith("📢")]
    waits = []
    for user, at in writes:
        answer = next((r.at for r in replies if r.chat_id == user and r.at >= at), None)
        waits.append(float("inf") if answer is None else answer - at)
    return waits


def latency_text(waits: list[float]) -> str:
    ordered = sorted(waits)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    missing = sum(1 for w in waits if w == float("inf"))
    return (
        f"n={len(waits)} p50 {statistics.median(ordered) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms, unanswered {missing}"
    )


async def wave(api: FakeBotApi, writes: list[tuple[int, float]]) -> None:
    for user in TALKERS:
        writes.append((user, api.push_text(user, "hello")))


# --- scenarios ----------------------------------------------------------------------------
async def priority(args: argparse.Namespace) -> None:
    api = FakeBotApi(delay=args.delay, flood_at=args.flood_at)
    await api.start()
    folder = Path(tempfile.mkdtemp())
    with database(args.db) as url:
        add_recipients(url, args.recipients)
        app = App("app", app_env(url, args.nlu_url), api.url, folder)
        await app.start()
        try:
            await until(lambda: any(r.method == "getUpdates" for r in api.requests), 120)
            quiet: list[tuple[int, float]] = []
            for _ in range(3):
                await wave(api, quiet)
                await asyncio.sleep(args.every)
            count = queue_broadcast(url)
            busy: list[tuple[int, float]] = []
            started = time.monotonic()
            while len(set(r.chat_id for r in api.messages() if r.text.startswith("📢"))) < count:
                if time.monotonic() - started > count / 10 + 120:
                    print("timed out")
                    break
                await asyncio.sleep(args.every)
                await wave(api, busy)
            await asyncio.sleep(2)
        finally:
            await app.stop()
        print(f"{args.recipients} recipients, {args.db}, round trip {args.delay * 1000:.0f} ms")
        print(f"replies before the broadcast: {latency_text(latencies(api, quiet))}")
        print(f"replies during the broadcast: {latency_text(latencies(api, busy))}")
        rate_report(api, "broadcast")
        print(f"database: {dict(statuses(url))}")
    await api.stop()


def duplicates(api: FakeBotApi) -> int:
    counts = Counter(r.chat_id for r in api.messages() if r.text.startswith("📢"))
    return sum(1 for n in counts.values() if n > 1)


def done(url: str) -> bool:
    left = statuses(url)
    return left["pending"] + left["sending"] == 0


def crash_report(api: FakeBotApi, url: str, recipients: int, at_kill: set[int]) -> None:
    received = {r.chat_id for r in api.messages() if r.text.startswith("📢")}
    requested = {r.chat_id for r in api.messages(accepted_only=False) if r.text.startswith("📢")}
    uncertain = uncertain_chats(url)
    everyone = set(range(FIRST_RECIPIENT, FIRST_RECIPIENT + recipients))
    lost = everyone - received - uncertain
    print(f"received by the API: {len(received)} of {recipients}; duplicates: {duplicates(api)}")
    print(
        f"uncertain: {len(uncertain)} ({len(uncertain & received)} had arrived, "
        f"{len(uncertain & requested - received)} requested but refused with a 429, "
        f"{len(uncertain - requested)} never requested)"
    )
    print(f"never sent and not reported uncertain: {len(lost)}")
    print(f"requested before the kill: {len(at_kill)}; database: {dict(statuses(url))}")


async def crash(args: argparse.Namespace) -> None:
    api = FakeBotApi(delay=args.delay)
    await api.start()
    folder = Path(tempfile.mkdtemp())
    with database(args.db) as url:
        add_recipients(url, args.recipients)
        queue_broadcast(url)
        env = app_env(url, args.nlu_url)
        first = App("first", env, api.url, folder)
        await first.start()
        await until(lambda: len(broadcast_times(api)) >= args.kill_after, 600, step=0.01)
        first.kill()
        await first.process.wait()  # type: ignore[union-attr]
        at_kill = {r.chat_id for r in api.messages(accepted_only=False) if r.text.startswith("📢")}
        print(f"after the SIGKILL: {dict(statuses(url))}")
        second = App("second", env, api.url, folder)
        await second.start()
        finished = await until(
            lambda: done(url), args.recipients / 10 + 120, step=1, in_thread=True
        )
        await asyncio.sleep(1)
        await second.stop()
        print(f"{args.recipients} recipients, {args.db}, killed after {args.kill_after}"
              f"{'' if finished else ', NOT finished'}")  # fmt: skip
        crash_report(api, url, args.recipients, at_kill)
        rate_report(api, "broadcast")
    await api.stop()


async def two(args: argparse.Namespace) -> None:
    api = FakeBotApi(delay=args.delay)
    await api.start()
    folder = Path(tempfile.mkdtemp())
    with database("postgresql") as url:
        add_recipients(url, args.recipients)
        env = app_env(url, args.nlu_url)
        apps = [App(name, env, api.url, folder) for name in ("a", "b")]
        for app in apps:
            await app.start()
        await until(lambda: sum(r.method == "getUpdates" for r in api.requests) >= 2, 120)
        queue_broadcast(url)
        await until(lambda: len(broadcast_times(api)) >= args.kill_after, 600, step=0.01)
        apps[0].kill()
        at_kill = {r.chat_id for r in api.messages(accepted_only=False) if r.text.startswith("📢")}
        finished = await until(
            lambda: done(url), args.recipients / 10 + 120, step=1, in_thread=True
        )
        await asyncio.sleep(1)
        await apps[1].stop()
        print(f"{args.recipients} recipients, two processes on PostgreSQL, one killed after "
              f"{args.kill_after}{'' if finished else ', NOT finished'}")  # fmt: skip
        crash_report(api, url, args.recipients, at_kill)
        rate_report(api, "broadcast")
    await api.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="scenario", required=True)
    app = sub.add_parser("app")
    app.add_argument("--api", required=True)
    for name, recipients, kill_after in (
        ("priority", 10_000, 0),
        ("crash", 2_000, 1_000),
        ("two", 2_000, 700),
    ):
        scenario = sub.add_parser(name)
        scenario.add_argument("--recipients", type=int, default=recipients)
        scenario.add_argument("--delay", type=float, default=0.05)
        scenario.add_argument("--nlu-url", default="http://127.0.0.1:9")  # down unless given
        scenario.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
        scenario.add_argument("--kill-after", type=int, default=kill_after)
        scenario.add_argument("--every", type=float, default=5.0)
        scenario.add_argument("--flood-at", type=int, default=0)
    args = parser.parse_args()
    if args.scenario == "app":
        run_app(args.api)
        return
    asyncio.run({"priority": priority, "crash": crash, "two": two}[args.scenario](args))


if __name__ == "__main__":
    main()
