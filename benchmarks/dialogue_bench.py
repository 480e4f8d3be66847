"""Dialogue state benchmark: what keeping a conversation's state costs each message.

Each message of the assistant runs in one transaction; the state adds a read (with a row
lock) and a write of one small JSON row. This times, on SQLite and PostgreSQL, messages
from many people in turn: the transaction the router runs anyway (the person's row) with and
without the state's load and save, and reports the added latency (p50/p95).

Usage: .venv/bin/python benchmarks/dialogue_bench.py [--messages 2000] [--people 200]
       [--no-postgres]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from pg_schema import temporary_schema

from core import dialogue, users
from core.db import make_engine, migrate, session_factory, transaction
from core.dialogue import BookingForm, ResultList
from core.models import utcnow

IDLE = timedelta(minutes=30)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def run(url: str, messages: int, people: int) -> dict[str, float]:
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    with_state: list[float] = []
    without: list[float] = []
    for i in range(messages):
        person = 5_000_000 + i % people
        # Alternate the two kinds of message so that both see the same machine load.
        for keep_state in (i % 2 == 0, i % 2 == 1):
            started = time.perf_counter()
            with transaction(sessions) as session:
                user = users.get_or_create(session, "console", person)
                if keep_state:
                    now = utcnow()
                    state = dialogue.load(session, user.id, person, now, IDLE)
                    # A realistic update: a new page of results and an open booking form.
                    state.results = ResultList(
                        kind="exhibitors",
                        ids=[f"EX{(i + k) % 3600:05d}" for k in range(5)],
                        first=1 + 5 * (i % 7),
                        page=i % 7,
                        pages=9,
                        query={"categories": ["medical_devices"], "country": "DE"},
                    )
                    state.form = BookingForm(exhibitor="EX00001", day="2026-11-25")
                    state.focus_on("exhibitor", "EX00001")
                    dialogue.save(session, user.id, person, state, now)
            (with_state if keep_state else without).append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return {
        "with_p50": percentile(with_state, 50),
        "with_p95": percentile(with_state, 95),
        "without_p50": percentile(without, 50),
        "without_p95": percentile(without, 95),
    }


def report(name: str, found: dict[str, float]) -> None:
    added50 = found["with_p50"] - found["without_p50"]
    added95 = found["with_p95"] - found["without_p95"]
    print(
        f"{name}: message transaction p50 {found['without_p50']:.2f} -> {found['with_p50']:.2f} ms,"
        f" p95 {found['without_p95']:.2f} -> {found['with_p95']:.2f} ms;"
        f" added by the state: p50 {added50:.2f} ms, p95 {added95:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite", run(f"sqlite:///{Path(folder) / 'bench.db'}", args.messages, args.people))
    if args.no_postgres:
        return
    with temporary_schema() as url:
        report("PostgreSQL", run(url, args.messages, args.people))


if __name__ == "__main__":
    main()
