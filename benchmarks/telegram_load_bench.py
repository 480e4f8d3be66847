"""The real app (`python -m bot telegram`, polling) against a fake Telegram Bot API on
loopback with a round-trip delay per request, as people use it:

- load: USERS people each write MESSAGES messages, spread evenly over SECONDS; reply latency
  (from the message reaching Telegram to the reply reaching Telegram) p50/p95/max, and
  whether any message went unanswered, and how many replies came in another language than
  the conversation (read off the gettext catalogs);
- crash: CRASH_USERS people write at once, the bot is SIGKILLed KILL_AFTER seconds later
  and started again: who was answered, who twice, who never.

Needs the NLU server: TEST_NLU_URL (token test-nlu-token), or one is started here.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/telegram_load_bench.py
           [--delay 0.05 0.15] [--users 200] [--messages 5] [--seconds 60]
           [--crash-users 100] [--kill-after 0.5] [--db sqlite|postgresql]
           [--skip-load | --skip-crash]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.pg_schema import temporary_schema
from bot.app import build
from bot.nlu_service import NluService
from core.db import transaction
from core.imports import import_events, import_exhibitors
from core.settings import ROOT, Settings
from tests.support.bot_process import BotProcess, bot_env
from tests.support.fake_bot_api import FakeBotApi, Sent
from tests.support.reply_language import CONVERSATIONS, reply_language


def seed(database_url: str) -> None:
    container = build(Settings(database_url=database_url, nlu_manage=False))
    demo = ROOT / "data" / "demo"
    with transaction(container.sessions) as session:
        for importer, name in (
            (import_exhibitors, "exhibitors.csv"),
            (import_events, "events.csv"),
        ):
            report = importer(session, (demo / name).read_bytes(), container.taxonomy, demo=True)
            assert report.ok, report.errors[:3]
    container.engine.dispose()


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    with temporary_schema() as url:
        yield url


@contextmanager
def nlu_url() -> Iterator[str]:
    running = os.environ.get("TEST_NLU_URL")
    if running:
        yield running
        return
    service = NluService("http://127.0.0.1:5079", "test-nlu-token", ROOT / "models" / "nlu.tar.gz")
    service.start()
    try:
        assert service.wait_ready(300), "the NLU server did not start"
        yield service.url
    finally:
        service.stop()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def latencies(api: FakeBotApi, users: range) -> tuple[list[float], int]:
    """Per message: the k-th reply to a person answers their k-th message (one chat's
    messages are answered in order). Returns the latencies and how many are unanswered."""
    found, missing = [], 0
    for user in users:
        asked = [i.at for i in api.injected if i.update["message"]["chat"]["id"] == user]
        replies: list[Sent] = api.to(user, "sendMessage")
        for k, at in enumerate(asked):
            if k < len(replies):
                found.append(replies[k].at - at)
            else:
                missing += 1
    return found, missing


def wrong_languages(api: FakeBotApi, users: range) -> tuple[int, int]:
    """Replies in another language than the person's conversation, and replies whose
    language the catalogs could not tell."""
    wrong = unknown = 0
    for user in users:
        expected = CONVERSATIONS[(user - 10_000) % len(CONVERSATIONS)][0]
        for reply in api.to(user, "sendMessage"):
            found = reply_language(reply.text)
            wrong += found is not None and found != expected
            if found != expected and os.environ.get("BENCH_SHOW_WRONG"):
                asked = [i.update["message"]["text"] for i in api.injected
                         if i.update["message"]["chat"]["id"] == user]  # fmt: skip
                print(f"  {expected} → {found}: {asked} → {reply.text[:160]!r}")
            unknown += found is None
    return wrong, unknown


async def load(env: dict[str, str], delay: float, users: int, messages: int, seconds: float,
               log: Path) -> None:  # fmt: skip
    async with FakeBotApi(delay=delay) as api:
        bot = BotProcess(bot_env(api, **env), log)
        bot.start()
        try:
            await bot.ready(api, within=120)
            cpu_before, started = bot.cpu_seconds(), time.monotonic()
            gap = seconds / messages  # between one person's messages
            plan = sorted(
                (
                    k * gap + u * gap / users,
                    10_000 + u,
                    CONVERSATIONS[u % len(CONVERSATIONS)][1][k % 5],
                )
                for u in range(users)
                for k in range(messages)
            )
            for offset, user, text in plan:
                await asyncio.sleep(max(0.0, started + offset - time.monotonic()))
                api.user_message(user, text, "en")
            total = users * messages
            await api.wait_until(lambda: len(api.sent) >= total, within=120)
            await asyncio.sleep(1.0)  # anything more would be a duplicate
            elapsed = time.monotonic() - started
            cpu = bot.cpu_seconds() - cpu_before
        finally:
            await bot.stop()
    found, missing = latencies(api, range(10_000, 10_000 + users))
    wrong, unknown = wrong_languages(api, range(10_000, 10_000 + users))
    print(
        f"load, round trip {delay * 1000:.0f} ms: {total} messages from {users} people over "
        f"{seconds:.0f} s ({total / seconds:.1f} msg/s offered)\n"
        f"  replies {len(found)}, missing {missing}, extra {len(api.sent) - len(found)}; "
        f"latency p50 {statistics.median(found):.3f} s, p95 {percentile(found, 0.95):.3f} s, "
        f"max {max(found):.3f} s; throughput {len(found) / elapsed:.1f} msg/s; "
        f"bot CPU {100 * cpu / elapsed:.0f}% of one core; 429s {len(api.errors)}\n"
        f"  replies in another language than the person's: {wrong} ({unknown} not told)"
    )


async def crash(env: dict[str, str], delay: float, users: int, kill_after: float,
                log: Path) -> None:  # fmt: skip
    async with FakeBotApi(delay=delay) as api:
        bot = BotProcess(bot_env(api, **env), log)
        bot.start()
        await bot.ready(api, within=120)
        people = range(20_000, 20_000 + users)
        for user in people:
            api.user_message(user, CONVERSATIONS[user % len(CONVERSATIONS)][1][0], "en")
        await asyncio.sleep(kill_after)
        bot.kill()
        before = sum(1 for user in people if api.to(user, "sendMessage"))
        bot.start()
        await bot.ready(api, within=120)
        await api.wait_until(lambda: all(api.to(u, "sendMessage") for u in people), within=60)
        await asyncio.sleep(2.0)  # anything more would be a duplicate
        await bot.stop()
    counts = [len(api.to(user, "sendMessage")) for user in people]
    print(
        f"crash, round trip {delay * 1000:.0f} ms: {users} people wrote, SIGKILL after "
        f"{kill_after} s: {before} answered before the kill; after the restart "
        f"{sum(1 for c in counts if c)} answered, {sum(1 for c in counts if c > 1)} twice, "
        f"{sum(1 for c in counts if not c)} never"
    )


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp, nlu_url() as nlu:
        folder = Path(tmp)
        for delay in args.delay:
            if not args.skip_load:
                with database(args.db, folder / f"load{delay}") as url:
                    seed(url)
                    await load({"database_url": url, "nlu_url": nlu}, delay, args.users,
                               args.messages, args.seconds, folder / "bot.log")  # fmt: skip
            if not args.skip_crash:
                with database(args.db, folder / f"crash{delay}") as url:
                    seed(url)
                    await crash({"database_url": url, "nlu_url": nlu}, delay, args.crash_users,
                                args.kill_after, folder / "bot.log")  # fmt: skip
        if args.show_log:
            with contextlib.suppress(OSError):
                lines = (folder / "bot.log").read_text().splitlines()
                print("\n".join(line for line in lines if "NLU service unavailable" not in line))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delay", type=float, nargs="+", default=[0.05, 0.15])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--crash-users", type=int, default=100)
    parser.add_argument("--kill-after", type=float, default=0.5)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-crash", action="store_true")
    parser.add_argument("--show-log", action="store_true")
    asyncio.run(main(parser.parse_args()))
