"""Broadcast benchmark: N recipients through the real Telegram adapter (PTB Bot with our
rate limiter, bot.ratelimit: bulk messages at BULK_SHARE of the rate) over a recording
transport. Reports the achieved rate and memory (Python heap and RSS) sampled while it runs.
benchmarks/telegram_bench.py measures the same over HTTP with replies, crashes and two
processes.

Usage: .venv/bin/python benchmarks/broadcast_bench.py [--recipients 10000] [--rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bot.app import build
from bot.channels.telegram import build_application
from core import broadcasts
from core.db import transaction
from core.models import Broadcast, User
from core.settings import Settings
from tests.support.telegram import RecordingRequest


class CountingRequest(RecordingRequest):
    """Answers like Telegram but keeps only a count, so memory measures our code."""

    def __init__(self) -> None:
        super().__init__()
        self.messages = 0

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        result = await super().do_request(url, method, *args, **kwargs)
        if url.endswith("/sendMessage"):
            self.messages += 1
        self.calls.clear()
        return result


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


async def main(recipients: int, rate: float) -> None:
    folder = Path(tempfile.mkdtemp())
    settings = replace(
        Settings(), database_url=f"sqlite:///{folder / 'bench.db'}", nlu_manage=False,
        telegram_token="1:BENCH", messages_per_second=rate, callback_secret="bench",
    )  # fmt: skip
    container = build(settings)
    with transaction(container.sessions) as session:
        session.execute(
            insert(User),
            [{"channel": "telegram", "external_id": 10_000 + i, "locale": ("en", "zh", "de")[i % 3]}
             for i in range(recipients)],
        )  # fmt: skip
        draft = broadcasts.create(session, 1, "en", "Hall 8.2 opens at 9:00 tomorrow.")
        broadcasts.set_text(draft, "zh", "8.2馆明天9点开馆。")
        broadcasts.queue(session, draft, container.router.clock())
        broadcast_id = draft.id
    request = CountingRequest()
    application = build_application(container, request=request)
    await application.initialize()
    delivery = application.bot_data["delivery"]
    tracemalloc.start()
    samples: list[tuple[float, int, float, float]] = []
    started = time.perf_counter()
    task = asyncio.create_task(delivery.run_due())
    while not task.done():
        await asyncio.sleep(5)
        sent = request.messages
        heap = tracemalloc.get_traced_memory()[0] / 2**20
        at, rss_now = time.perf_counter() - started, rss_mb()
        samples.append((at, sent, heap, rss_now))
        print(f"{at:6.1f} s  sent {sent:6d}  heap {heap:6.1f} MB  rss {rss_now:6.1f} MB")
    report = await task
    elapsed = time.perf_counter() - started
    sent = request.messages
    # The steady rate between the first and the last full sample (after the initial burst,
    # before the last partial interval).
    full = [s for s in samples if s[1] < sent] or samples
    (t0, s0, *_), (t1, s1, *_) = full[0], full[-1]
    steady = (s1 - s0) / (t1 - t0) if t1 > t0 else float("nan")
    with transaction(container.sessions) as session:
        sent_broadcast = session.get(Broadcast, broadcast_id)
        assert sent_broadcast is not None
        counts = broadcasts.report(session, sent_broadcast)
    heaps = [sample[2] for sample in samples]
    rss = [sample[3] for sample in samples]
    print(f"recipients {recipients}, sent {sent} in {elapsed:.1f} s (limit {rate:g} msg/s)")
    print(f"rate: {sent / elapsed:.2f} msg/s overall, {steady:.2f} msg/s steady")
    print(f"report {counts}; this run {report.counts}")
    print(f"Python heap MB min/max {min(heaps):.1f}/{max(heaps):.1f}")
    print(f"RSS MB min/max {min(rss):.1f}/{max(rss):.1f}")
    await application.shutdown()
    await container.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0)
    args = parser.parse_args()
    asyncio.run(main(args.recipients, args.rate))
