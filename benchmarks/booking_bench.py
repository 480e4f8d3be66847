"""Booking benchmark: bookings per second through the router and the meetings action
(one transaction each, constraints checked by the database), on SQLite and PostgreSQL.

Usage: .venv/bin/python benchmarks/booking_bench.py [--bookings 1000] [--clients 8] [--no-postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from pg_schema import temporary_schema
from sqlalchemy import insert

from actions.meetings import encode_time
from bot.app import build
from bot.router import Incoming
from core import meetings
from core.db import transaction
from core.models import Exhibitor
from core.settings import Settings

EXHIBITORS = 100


async def run(url: str, bookings: int, clients: int) -> float:
    settings = replace(Settings(), database_url=url, nlu_manage=False, callback_secret="bench")
    container = build(settings)
    with transaction(container.sessions) as session:
        session.execute(
            insert(Exhibitor),
            [{"id": f"B{i:03d}", "name_en": f"Bench {i}", "country": "DE", "area": "food",
              "hall": "8.2", "booth": f"8.2A-{i:03d}", "products": "wine", "categories": "",
              "search_text": ""} for i in range(EXHIBITORS)],
        )  # fmt: skip
    now = container.router.clock()
    with container.sessions() as session:
        slots = meetings.offered_slots(session, "B000", settings, now)
    codec = container.router.codec
    # Booking i: its own person, exhibitor i % 100, that exhibitor's slot i // 100.
    presses = [
        Incoming(
            "console",
            1_000_000 + i,
            codec.encode(
                "bs", f"B{i % EXHIBITORS:03d}", encode_time(slots[i // EXHIBITORS].starts_at)
            ),
            "en",
        )
        for i in range(bookings)
    ]
    queue: asyncio.Queue[Incoming] = asyncio.Queue()
    for press in presses:
        queue.put_nowait(press)
    booked = 0

    async def client() -> None:
        nonlocal booked
        while not queue.empty():
            reply = await container.router.handle_callback(queue.get_nowait())
            booked += "Meeting booked" in reply.text

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    assert booked == bookings, (booked, bookings)
    await container.aclose()
    return bookings / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bookings", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    rate = asyncio.run(run(f"sqlite:///{folder / 'bench.db'}", args.bookings, args.clients))
    print(f"SQLite: {rate:.0f} bookings/s ({args.bookings} bookings, {args.clients} clients)")
    if args.no_postgres:
        return
    with temporary_schema() as url:
        rate = asyncio.run(run(url, args.bookings, args.clients))
        print(
            f"PostgreSQL: {rate:.0f} bookings/s ({args.bookings} bookings, {args.clients} clients)"
        )


if __name__ == "__main__":
    main()
