"""Sending to Telegram under real-world conditions: the real app (`python -m bot telegram`),
run as its own process(es) in polling mode, against the fake Bot API on loopback
(tests/support/fake_bot_api.py) with a round-trip delay and Telegram's flood limits.

  priority  a broadcast to N people while 10 users write "hello" every few seconds: reply
            latency (quiet and during the broadcast), the broadcast's rate per second, 429s
  crash     SIGKILL in the middle of a broadcast, then a restart: duplicates, messages lost,
            and whether every message left uncertain had really been requested
  two       two app processes on one PostgreSQL share a broadcast; one is SIGKILLed halfway
            and the other must finish it: each message once, the shared rate
  combined  two app processes and two NLU servers (NLU_URLS) on one PostgreSQL: a broadcast
            while users write; one NLU server is SIGKILLed right after people wrote (no reply
            may be lost), later one app process (the other must finish the broadcast): each
            message once, reply latency, the rate

Usage: .venv/bin/python -m benchmarks.telegram_bench priority [--recipients 10000]
       [--delay 0.05] [--db sqlite|postgresql] [--flood-at 0] [--nlu-url URL]
       .venv/bin/python -m benchmarks.telegram_bench crash [--recipients 2000] [--kill-after 1000]
       .venv/bin/python -m benchmarks.telegram_bench two [--recipients 2000] [--kill-after 700]
       .venv/bin/python -m benchmarks.telegram_bench combined [--recipients 2000]
       [--nlu-kill-after 500] [--kill-after 1000] [--survivor-url URL]
       (the NLU servers load models/nlu.tar.gz, about 1.5 GB and a minute each; --survivor-url
       uses a running one, with the token in BENCH_NLU_TOKEN, as the one that survives)
BENCH_SERIES=1 prints the messages of every second.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import signal
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import func, insert, select

from benchmarks.nlu_bench import free_port
from benchmarks.pg_schema import temporary_schema
from bot.nlu_service import NluService
from core import broadcasts
from core.db import SessionFactory, make_engine, migrate, session_factory, transaction
from core.models import Notification, User
from core.settings import ROOT
from tests.support.bot_process import BotProcess, bot_env
from tests.support.fake_bot_api import FakeBotApi, Limits, busiest_second, per_second

FIRST_RECIPIENT = 100_000
TALKERS = range(1, 11)  # the users who write "hello"
NLU_DOWN = "I can’t understand free text right now"  # the reply when no NLU server answers
BROADCAST_TEXT = "Hall 8.2 opens at 9:00 tomorrow."


# --- the app as its own process -----------------------------------------------------------
def app(name: str, api: FakeBotApi, database_url: str, nlu_url: str, folder: Path,
        **extra: str) -> BotProcess:  # fmt: skip
    """One app process, exactly as `python -m bot telegram` runs on Telegram, except that
    the Bot API is the fake one; its log goes to a file in `folder`."""
    env = bot_env(api, database_url, nlu_url, DELIVERY_INTERVAL="1", **extra)
    if os.environ.get("BENCH_NLU_TOKEN"):
        env["NLU_TOKEN"] = os.environ["BENCH_NLU_TOKEN"]
    return BotProcess(env, folder / f"{name}.log")


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


def is_broadcast(text: str) -> bool:
    return text.startswith("📢")


def broadcast_times(api: FakeBotApi) -> list[float]:
    return [s.at for s in api.sent if is_broadcast(s.text)]


def requested(api: FakeBotApi) -> set[int | None]:
    """Recipients whose broadcast message was requested, taken or refused."""
    return {a.chat_id for a in api.attempts if is_broadcast(a.text)}


def rate_report(api: FakeBotApi, label: str) -> None:
    times = broadcast_times(api)
    if len(times) < 2:
        print(f"{label}: {len(times)} broadcast messages")
        return
    start, end = min(times), max(times)
    seconds = per_second(times, start)
    full = seconds[:-1] or seconds
    refused = sum(1 for a in api.attempts if a.status == 429)
    print(
        f"{label}: {len(times)} broadcast messages in {end - start:.1f} s = "
        f"{(len(times) - 1) / (end - start):.2f} msg/s; per whole second min {min(full)} / "
        f"median {statistics.median(full):g} / max {max(seconds)}; busiest 1-s window "
        f"{busiest_second([s.at for s in api.sent])} sent, "
        f"{busiest_second([a.at for a in api.attempts])} attempted (all messages); "
        f"429 answers: {refused}"
    )
    if os.environ.get("BENCH_SERIES"):
        print("per second:", " ".join(map(str, seconds)))
        waves = [s.at - start for s in api.sent if s.chat_id in TALKERS and s.at >= start]
        print("replies at:", " ".join(f"{t:.1f}" for t in waves))
        stalls = [f"{at - start:.1f} s ({late * 1000:.0f} ms)" for at, late in STALLS]
        print("stalls of the fake's event loop over 15 ms:", ", ".join(stalls) or "none")
        for refusal in [a for a in api.attempts if a.status == 429][:3]:
            window = [a for a in api.attempts if refusal.at - 1.0 < a.at <= refusal.at]
            gaps = [f"{(b.at - a.at) * 1000:.0f}" for a, b in itertools.pairwise(window)]
            print(f"429 at {refusal.at - start:.2f} s; ms between the requests of the second "
                  f"before: {' '.join(gaps)}")  # fmt: skip


def replies(api: FakeBotApi) -> list[tuple[int, float, str]]:
    return [(s.chat_id, s.at, s.text) for s in api.sent
            if s.chat_id in TALKERS and not is_broadcast(s.text)]  # fmt: skip


def latencies(api: FakeBotApi, writes: list[tuple[int, float]]) -> list[float]:
    """For each message written, the time until the first reply to that person after it."""
    answers = replies(api)
    waits = []
    for user, at in writes:
        answer = next((t for chat, t, _ in answers if chat == user and t >= at), None)
        waits.append(float("inf") if answer is None else answer - at)
    return waits


def latency_text(waits: list[float]) -> str:
    if not waits:
        return "n=0"
    ordered = sorted(waits)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    missing = sum(1 for w in waits if w == float("inf"))
    return (
        f"n={len(waits)} p50 {statistics.median(ordered) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms, unanswered {missing}"
    )


async def wave(api: FakeBotApi, writes: list[tuple[int, float]], text: str = "hello") -> None:
    for user in TALKERS:
        writes.append((user, api.user_message(user, text).at))


def alive(*bots: BotProcess) -> None:
    for bot in bots:
        assert bot.process is not None
        if bot.process.poll() is not None:
            raise RuntimeError(f"the app exited; see {bot.log}")


STALLS: list[tuple[float, float]] = []  # (when, seconds) this process's event loop stood still


async def watch_stalls() -> None:
    """The fake Bot API counts a request when its event loop gets to it: a stall of this
    process makes requests that came spread out count as if they came together."""
    while True:
        before = time.monotonic()
        await asyncio.sleep(0.01)
        late = time.monotonic() - before - 0.01
        if late > 0.015:
            STALLS.append((before, late))


@contextmanager
def steady() -> Iterator[None]:
    """No garbage collection pauses in this process while it stands in for Telegram (its
    objects are freed by reference counting; what is left is collected at the end)."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# --- scenarios ----------------------------------------------------------------------------
async def priority(args: argparse.Namespace) -> None:
    limits = Limits(retry_after=3, refuse_nth=args.flood_at)
    folder = Path(tempfile.mkdtemp())
    async with FakeBotApi(delay=args.delay, limits=limits) as api:
        with database(args.db) as url:
            add_recipients(url, args.recipients)
            bot = app("app", api, url, args.nlu_url, folder)
            bot.start()
            try:
                await bot.ready(api, within=120)
                quiet: list[tuple[int, float]] = []
                for _ in range(3):
                    await wave(api, quiet)
                    await asyncio.sleep(args.every)
                count = queue_broadcast(url)
                busy: list[tuple[int, float]] = []
                started = time.monotonic()
                while len({s.chat_id for s in api.sent if is_broadcast(s.text)}) < count:
                    alive(bot)
                    if time.monotonic() - started > count / 10 + 120:
                        print("timed out")
                        break
                    await asyncio.sleep(args.every)
                    await wave(api, busy)
                await asyncio.sleep(2)
            finally:
                await bot.stop()
            print(f"{args.recipients} recipients, {args.db}, round trip {args.delay * 1000:.0f} ms")
            print(f"replies before the broadcast: {latency_text(latencies(api, quiet))}")
            print(f"replies during the broadcast: {latency_text(latencies(api, busy))}")
            rate_report(api, "broadcast")
            print(f"database: {dict(statuses(url))}")


def duplicates(api: FakeBotApi) -> int:
    counts = Counter(s.chat_id for s in api.sent if is_broadcast(s.text))
    return sum(1 for n in counts.values() if n > 1)


def done(url: str) -> bool:
    left = statuses(url)
    return left["pending"] + left["sending"] == 0


def crash_report(api: FakeBotApi, url: str, recipients: int, at_kill: set[int | None]) -> None:
    received = {s.chat_id for s in api.sent if is_broadcast(s.text)}
    asked = requested(api)
    uncertain = uncertain_chats(url)
    everyone = set(range(FIRST_RECIPIENT, FIRST_RECIPIENT + recipients)) | (received & set(TALKERS))
    lost = everyone - received - uncertain
    print(f"received by the API: {len(received)} of {len(everyone)}; duplicates: {duplicates(api)}")
    print(
        f"uncertain: {len(uncertain)} ({len(uncertain & received)} had arrived, "
        f"{len(uncertain & asked - received)} requested but refused with a 429, "
        f"{len(uncertain - asked)} never requested)"
    )
    print(f"never sent and not reported uncertain: {len(lost)}")
    print(f"requested before the kill: {len(at_kill)}; database: {dict(statuses(url))}")


async def crash(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp())
    async with FakeBotApi(delay=args.delay, limits=Limits(retry_after=3)) as api:
        with database(args.db) as url:
            add_recipients(url, args.recipients)
            queue_broadcast(url)
            first = app("first", api, url, args.nlu_url, folder)
            first.start()
            await until(lambda: len(broadcast_times(api)) >= args.kill_after, 600, step=0.01)
            first.kill()
            at_kill = requested(api)
            print(f"after the SIGKILL: {dict(statuses(url))}")
            second = app("second", api, url, args.nlu_url, folder)
            second.start()
            finished = await until(
                lambda: done(url), args.recipients / 10 + 120, step=1, in_thread=True
            )
            await asyncio.sleep(1)
            await second.stop()
            print(f"{args.recipients} recipients, {args.db}, killed after {args.kill_after}"
                  f"{'' if finished else ', NOT finished'}")  # fmt: skip
            crash_report(api, url, args.recipients, at_kill)
            rate_report(api, "broadcast")


async def two(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp())
    async with FakeBotApi(delay=args.delay, limits=Limits(retry_after=3)) as api:
        with database("postgresql") as url:
            add_recipients(url, args.recipients)
            bots = [app(name, api, url, args.nlu_url, folder) for name in ("a", "b")]
            for bot in bots:
                bot.start()
            for bot in bots:
                await bot.ready(api, within=120)
            queue_broadcast(url)
            await until(lambda: len(broadcast_times(api)) >= args.kill_after, 600, step=0.01)
            bots[0].kill()
            at_kill = requested(api)
            finished = await until(
                lambda: done(url), args.recipients / 10 + 120, step=1, in_thread=True
            )
            await asyncio.sleep(1)
            await bots[1].stop()
            print(f"{args.recipients} recipients, two processes on PostgreSQL, one killed after "
                  f"{args.kill_after}{'' if finished else ', NOT finished'}")  # fmt: skip
            crash_report(api, url, args.recipients, at_kill)
            rate_report(api, "broadcast")


def nlu_token() -> str:
    return os.environ.get("BENCH_NLU_TOKEN", "test-nlu-token")


def start_nlu(count: int, folder: Path) -> list[NluService]:
    services = [
        NluService(f"http://127.0.0.1:{free_port()}", nlu_token(), ROOT / "models" / "nlu.tar.gz",
                   log_file=folder / f"nlu-{i}.log")
        for i in range(count)
    ]  # fmt: skip
    for service in services:
        service.start()
    for service in services:
        if not service.wait_ready(timeout=600):
            raise SystemExit(f"an NLU server did not start; see {service.log_file}")
    return services


def nlu_failures(*bots: BotProcess) -> int:
    """Failed NLU requests and health checks the apps logged (each moved on to the other
    server or waited for the back-off)."""
    return sum(
        1 for bot in bots for line in bot.log.read_text().splitlines()
        if "NLU server" in line and " failed (" in line
    )  # fmt: skip


def not_understood(api: FakeBotApi) -> int:
    """Replies saying that no NLU server answered."""
    return sum(1 for _, _, text in replies(api) if text.startswith(NLU_DOWN))


async def combined(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp())
    began = time.monotonic()
    own = start_nlu(1 if args.survivor_url else 2, folder)
    victim, survivor = own[0], args.survivor_url or own[1].url
    print(f"NLU servers ready in {time.monotonic() - began:.0f} s")
    try:
        async with FakeBotApi(delay=args.delay, limits=Limits(retry_after=3)) as api:
            with database("postgresql") as url:
                add_recipients(url, args.recipients)
                urls = f"{victim.url},{survivor}"
                bots = [app(name, api, url, victim.url, folder, NLU_URLS=urls)
                        for name in ("a", "b")]  # fmt: skip
                for bot in bots:
                    bot.start()
                for bot in bots:
                    await bot.ready(api, within=120)
                quiet: list[tuple[int, float]] = []
                for _ in range(2):
                    await wave(api, quiet)
                    await asyncio.sleep(args.every)
                count = queue_broadcast(url)
                busy: list[tuple[int, float]] = []
                at_nlu_kill: list[tuple[int, float]] = []
                at_kill: set[int | None] = set()
                started = time.monotonic()
                while not at_kill or not await asyncio.to_thread(done, url):
                    alive(*(bots[1:] if at_kill else bots))
                    if time.monotonic() - started > count / 10 + 120:
                        print("timed out")
                        break
                    sent = len(broadcast_times(api))
                    if victim.process is not None and victim.process.poll() is None \
                            and sent >= args.nlu_kill_after:  # fmt: skip
                        # Right after people wrote: their messages are being understood.
                        await wave(api, at_nlu_kill)
                        await asyncio.sleep(0.15)
                        os.killpg(victim.process.pid, signal.SIGKILL)
                        victim.process.wait()
                        print(f"NLU server SIGKILLed after {sent} broadcast messages")
                    elif not at_kill and sent >= args.kill_after:
                        # Between two rounds of messages, once everything written is answered
                        # (an update a killed process was answering waits for its restart).
                        await until(lambda: all(w < float("inf") for w in latencies(
                            api, quiet + busy + at_nlu_kill)), 30)  # fmt: skip
                        bots[0].kill()
                        at_kill = requested(api)
                        print(f"app process a SIGKILLed after {len(broadcast_times(api))} "
                              "broadcast messages")  # fmt: skip
                    else:
                        await wave(api, busy)
                    await asyncio.sleep(args.every)
                await wave(api, busy)
                await asyncio.sleep(args.every)
                await bots[1].stop()
                print(f"{args.recipients} recipients, two app processes and two NLU servers "
                      f"on PostgreSQL, round trip {args.delay * 1000:.0f} ms")  # fmt: skip
                print(f"replies before the broadcast: {latency_text(latencies(api, quiet))}")
                print(f"replies during the broadcast: "
                      f"{latency_text(latencies(api, busy + at_nlu_kill))}")  # fmt: skip
                print(f"  to the messages written right before the NLU server was killed: "
                      f"{latency_text(latencies(api, at_nlu_kill))}")  # fmt: skip
                print(f"replies saying no NLU server answered: {not_understood(api)} of "
                      f"{len(replies(api))}")  # fmt: skip
                print(f"NLU failures logged by the apps: {nlu_failures(*bots)}")
                crash_report(api, url, args.recipients, at_kill)
                rate_report(api, "broadcast")
    finally:
        for service in own:
            service.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="scenario", required=True)
    for name, recipients, kill_after in (
        ("priority", 10_000, 0),
        ("crash", 2_000, 1_000),
        ("two", 2_000, 700),
        ("combined", 2_000, 1_000),
    ):
        scenario = sub.add_parser(name)
        scenario.add_argument("--recipients", type=int, default=recipients)
        scenario.add_argument("--delay", type=float, default=0.05)
        scenario.add_argument("--nlu-url", default="http://127.0.0.1:9")  # down unless given
        scenario.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
        scenario.add_argument("--kill-after", type=int, default=kill_after)
        scenario.add_argument("--every", type=float, default=5.0)
        scenario.add_argument("--flood-at", type=int, default=0)
        if name == "combined":
            scenario.add_argument("--nlu-kill-after", type=int, default=500)
            scenario.add_argument("--survivor-url", help="a running NLU server that survives")
    args = parser.parse_args()
    scenarios = {"priority": priority, "crash": crash, "two": two, "combined": combined}

    async def run() -> None:
        watching = asyncio.create_task(watch_stalls())
        with steady():
            await scenarios[args.scenario](args)
        watching.cancel()

    asyncio.run(run())


if __name__ == "__main__":
    main()
