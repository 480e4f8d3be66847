"""Web chat load benchmark: many visitors at once, each holding the page open (its
server-sent events stream) and sending messages, through the real server (`python -m bot web`
in its own process), the real NLU service and the demo catalog, on SQLite and PostgreSQL.

Each visitor loads the page, opens the event stream, and sends `--messages` messages the way
the page does: the welcome (/start), then typed questions in the eight languages and taps on
the chips of the reply before, with a pause between them of `--think` seconds (uniform
between the two values: reading the reply and typing on a phone). All visitors are on the
page at the same time; their first messages are spread over `--ramp` seconds. Reported: the
latency of each message as the page sees it (request sent to reply read), p50/p95/p99/max,
messages a second, and errors (any answer that is not a reply, or none).

`--think 0 0` sends the next message as soon as the reply is in: the server's ceiling.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/web_bench.py [--sessions 500] [--messages 5]
       [--think 5 25] [--ramp 10] [--nlu-url URL] [--no-postgres] [--no-sqlite] [--workers N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
from pg_schema import temporary_schema

from bot.app import build
from bot.nlu_service import NluService
from core.db import transaction
from core.imports import import_events, import_exhibitors
from core.settings import ROOT, Settings

TOKEN = "test-nlu-token"
SECRET = "web-bench-callback-secret"
DEMO = ROOT / "data" / "demo"
TYPED = [
    "找医疗器械展商",
    "find medical devices exhibitors",
    "where is the booth of Nordic Medtech",
    "临港企业所得税优惠",
    "events in Suzhou",
    "Lingang corporate income tax",
    "日本のワインの出展者",
    "독일 의료기기 업체",
    "Aussteller für Medizintechnik",
    "exposants de fromages français",
    "expositores de vino español",
    "экспоненты медицинского оборудования",
    "苏州有什么活动",
    "book a meeting with Nordic Medtech",
    "my meetings",
    "more",
]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)  # when each message went, for --timeline
    errors: list[str] = field(default_factory=list)
    notices: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed(url: str) -> None:
    settings = replace(Settings(), database_url=url, nlu_manage=False, callback_secret=SECRET)
    container = build(settings)
    with transaction(container.sessions) as session:
        catalog = (DEMO / "exhibitors.csv").read_bytes()
        assert import_exhibitors(session, catalog, container.taxonomy, demo=True).ok
        events = (DEMO / "events.csv").read_bytes()
        assert import_events(session, events, container.taxonomy, demo=True).ok
    container.engine.dispose()


def start_server(url: str, nlu_url: str, port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "NLU_MANAGE": "0",
        "NLU_URL": nlu_url,
        "NLU_TOKEN": TOKEN,
        "CALLBACK_SECRET": SECRET,
        "WEB_RATE_PER_MINUTE": "600",
        # Every visitor comes from 127.0.0.1 here; a carrier's NAT is the real-world case.
        "WEB_IP_RATE_PER_MINUTE": "1000000",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "bot", "web", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


async def wait_ready(base: str, server: subprocess.Popen, log: Path) -> None:
    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(600):
            if server.poll() is not None:
                raise RuntimeError(f"the server stopped; see {log}")
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the server did not start")


def first_chip(reply: dict[str, Any]) -> str | None:
    for row in reply.get("buttons", []):
        for button in row:
            if button.get("data"):
                return str(button["data"])
    return None


async def listen(client: httpx.AsyncClient, results: Results, stop: asyncio.Event) -> None:
    """The page's event stream, held open for the whole visit."""
    try:
        async with client.stream("GET", "/api/events", timeout=None) as response:
            async for line in response.aiter_lines():
                if line.startswith("event: notice"):
                    results.notices += 1
                if stop.is_set():
                    return
    except (httpx.HTTPError, asyncio.CancelledError):
        return


async def visit(
    base: str,
    number: int,
    args: argparse.Namespace,
    results: Results,
    gate: asyncio.Event,
) -> None:
    rng = random.Random(number)
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    async with httpx.AsyncClient(
        base_url=base, headers={"origin": base}, limits=limits, timeout=60
    ) as client:
        await gate.wait()
        try:
            await client.get("/")
        except httpx.HTTPError as exc:
            results.errors.append(f"page: {type(exc).__name__}")
            return
        stop = asyncio.Event()
        stream = asyncio.create_task(listen(client, results, stop)) if args.sse else None
        await asyncio.sleep(rng.uniform(0, args.ramp))
        last: dict[str, Any] = {}
        for index in range(args.messages):
            if index:
                await asyncio.sleep(rng.uniform(*args.think))
            chip = first_chip(last) if index % 2 == 0 else None
            if index == 0:
                path, body = "/api/message", {"text": "/start"}
            elif chip:
                path, body = "/api/button", {"data": chip}
            else:
                path, body = "/api/message", {"text": rng.choice(TYPED)}
            started = time.perf_counter()
            try:
                response = await client.post(path, json=body)
                answer = response.json() if response.status_code == 200 else None
            except (httpx.HTTPError, ValueError) as exc:
                results.errors.append(f"{path}: {type(exc).__name__}")
                continue
            results.latencies.append(time.perf_counter() - started)
            results.sent_at.append(started)
            if answer is None or "reply" not in answer:
                results.errors.append(f"{path}: HTTP {response.status_code}")
                continue
            last = answer["reply"]
        stop.set()
        if stream is not None:
            stream.cancel()
            await asyncio.gather(stream, return_exceptions=True)


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and its children (the workers), from /proc."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own, parent = int(stat.parent.name), int(fields[1])
        if pid in (own, parent):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


async def run(name: str, url: str, args: argparse.Namespace) -> None:
    seed(url)
    load_before = " ".join(f"{v:.1f}" for v in os.getloadavg())
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix="web-bench-", suffix=".log")[1])
    server = start_server(url, args.nlu_url, port, args.workers, log)
    try:
        await wait_ready(base, server, log)
        results = Results()
        gate = asyncio.Event()
        visits = [
            asyncio.create_task(visit(base, n, args, results, gate)) for n in range(args.sessions)
        ]
        await asyncio.sleep(0.5)
        started = time.perf_counter()
        gate.set()
        cpu_before = cpu_seconds(server.pid)
        await asyncio.gather(*visits)
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    expected = args.sessions * args.messages
    refused = sum("HTTP" in error for error in results.errors)
    answered = len(results.latencies) - refused
    ms = [v * 1000 for v in results.latencies] or [0.0]
    print(
        f"{name}: {args.sessions} sessions x {args.messages} messages, think "
        f"{args.think[0]:g}-{args.think[1]:g} s, ramp {args.ramp:g} s, "
        f"{'with' if args.sse else 'without'} event streams, {args.workers} worker(s): "
        f"p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
        f"p99 {percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms; "
        f"{answered}/{expected} answered, {len(results.errors)} errors, "
        f"{len(results.latencies) / elapsed:.1f} messages/s over {elapsed:.1f} s; "
        f"server CPU {1000 * cpu / max(1, len(results.latencies)):.1f} ms a message "
        f"(the NLU service's not counted); load average before {load_before}"
    )
    if results.errors:
        print("  errors:", sorted(set(results.errors))[:10])
    if args.timeline:
        timeline(results, started)


def timeline(results: Results, started: float, step: float = 10.0) -> None:
    """p50/p95 of the messages sent in each `step` seconds of the run: stalls show up here."""
    buckets: dict[int, list[float]] = {}
    for sent, latency in zip(results.sent_at, results.latencies, strict=True):
        buckets.setdefault(int((sent - started) // step), []).append(latency * 1000)
    for bucket, values in sorted(buckets.items()):
        print(
            f"  {bucket * step:5.0f}-{(bucket + 1) * step:<5.0f}s {len(values):4d} messages"
            f"  p50 {percentile(values, 50):6.0f} ms  p95 {percentile(values, 95):6.0f} ms"
        )


def nlu_running(url: str) -> bool:
    try:
        response = httpx.get(f"{url}/status", params={"token": TOKEN}, timeout=3)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 25.0))
    parser.add_argument("--ramp", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-sse", dest="sse", action="store_false")
    parser.add_argument("--timeline", action="store_true", help="latency per 10 s of the run")
    parser.add_argument(
        "--nlu-url",
        default=os.environ.get("TEST_NLU_URL", ""),
        help="a running NLU server with token test-nlu-token (default: start one)",
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    with ExitStack() as stack:
        if not args.nlu_url or not nlu_running(args.nlu_url):
            service = NluService(
                f"http://127.0.0.1:{free_port()}", TOKEN, ROOT / "models" / "nlu.tar.gz"
            )
            service.start()
            stack.callback(service.stop)
            assert service.wait_ready(300), "the NLU service did not start"
            args.nlu_url = service.url
        if not args.no_sqlite:
            folder = stack.enter_context(tempfile.TemporaryDirectory())
            asyncio.run(run("SQLite", f"sqlite:///{folder}/bench.db", args))
        if not args.no_postgres:
            url = stack.enter_context(temporary_schema())
            asyncio.run(run("PostgreSQL", url, args))


if __name__ == "__main__":
    main()
