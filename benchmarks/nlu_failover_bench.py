"""NLU failover benchmark: two real Rasa servers behind the app's NLU client, one SIGKILLed
in the middle of the load. Reports the replies lost (must be 0), how many requests the killed
server had in flight, and parse latency p50/p95 and throughput before, just after and well
after the kill.

Each server loads models/nlu.tar.gz itself (about 1.5 GB of memory and a minute or more to
start). The load is the held-out test messages (data/nlu_test), sent by concurrent clients
in a closed loop through bot.nlu_client.NluClient with the production timeout.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/nlu_failover_bench.py
       [--seconds 60] [--clients 8] [--timeout 3]
       [--survivor-url URL --token TOKEN]  (reuse a running server as the one that survives)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.nlu_bench import free_port, messages
from bot.nlu_client import NluClient, NluUnavailable
from bot.nlu_service import NluService
from core.settings import ROOT

JUST_AFTER = 5.0  # seconds after the kill counted as "just after"


@dataclass
class Sample:
    started: float
    latency: float  # seconds
    answered: bool


def start_servers(count: int, token: str, log_dir: Path) -> list[NluService]:
    services = [
        NluService(
            f"http://127.0.0.1:{free_port()}",
            token,
            ROOT / "models" / "nlu.tar.gz",
            log_file=log_dir / f"nlu-failover-bench-{i}.log",
        )
        for i in range(count)
    ]
    started = time.monotonic()
    for service in services:
        service.start()
    for service in services:
        if not service.wait_ready(timeout=600):
            raise SystemExit(f"an NLU server did not start; see {service.log_file}")
    print(f"{count} NLU server(s) ready in {time.monotonic() - started:.0f} s")
    return services


def summary(samples: list[Sample]) -> str:
    if not samples:
        return "no requests"
    latencies = sorted(s.latency * 1000 for s in samples if s.answered)
    span = max(s.started + s.latency for s in samples) - min(s.started for s in samples)
    lost = sum(not s.answered for s in samples)
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
    p50 = statistics.median(latencies) if latencies else float("nan")
    rate = len(latencies) / span if span else 0.0
    longest = latencies[-1] if latencies else float("nan")
    return (
        f"n={len(samples)} lost={lost} p50={p50:.0f} ms p95={p95:.0f} ms "
        f"max={longest:.0f} ms {rate:.1f} parses/s"
    )


async def load(
    client: NluClient, texts: list[str], seconds: float, clients: int, victim: NluService
) -> tuple[list[Sample], float, int]:
    samples: list[Sample] = []
    began = time.monotonic()
    stop_at = began + seconds
    counter = iter(range(10**9))

    async def one_client() -> None:
        while time.monotonic() < stop_at:
            text = texts[next(counter) % len(texts)]
            started = time.monotonic()
            try:
                await client.parse(text)
                answered = True
            except NluUnavailable:
                answered = False
            samples.append(Sample(started - began, time.monotonic() - started, answered))

    async def kill_halfway() -> tuple[float, int]:
        await asyncio.sleep(seconds / 2)
        in_flight = sum(s.in_flight for s in client.servers if s.url == victim.url)
        assert victim.process is not None
        os.killpg(victim.process.pid, signal.SIGKILL)
        victim.process.wait()
        return time.monotonic() - began, in_flight

    results = await asyncio.gather(kill_halfway(), *(one_client() for _ in range(clients)))
    killed_at, in_flight = results[0]
    return samples, killed_at, in_flight


async def run(args: argparse.Namespace) -> int:
    texts = messages()
    log_dir = ROOT / "var"
    log_dir.mkdir(exist_ok=True)
    token = args.token or secrets.token_hex(16)
    own = start_servers(1 if args.survivor_url else 2, token, log_dir)
    try:
        urls = [own[0].url, args.survivor_url or own[1].url]
        client = NluClient(urls, token, timeout=args.timeout)
        try:
            for text in texts[:20]:  # warm-up: connections and the models' first calls
                await client.parse(text)
            samples, killed_at, in_flight = await load(
                client, texts, args.seconds, args.clients, victim=own[0]
            )
        finally:
            await client.aclose()
    finally:
        for service in own:
            service.stop()
    before: list[Sample] = []
    around: list[Sample] = []
    after: list[Sample] = []
    for s in samples:
        if s.started + s.latency <= killed_at:
            before.append(s)
        elif s.started < killed_at + JUST_AFTER:
            around.append(s)
        else:
            after.append(s)
    lost = sum(not s.answered for s in samples)
    print(
        f"{args.clients} clients for {args.seconds:.0f} s, NLU timeout {args.timeout:g} s; "
        f"server killed (SIGKILL) at {killed_at:.1f} s with {in_flight} request(s) in flight on it"
    )
    print(f"  before the kill (both servers):       {summary(before)}")
    print(f"  in flight at the kill and next {JUST_AFTER:.0f} s:  {summary(around)}")
    print(f"  afterwards (one server):              {summary(after)}")
    print(f"replies lost: {lost} of {len(samples)}")
    return 1 if lost else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=3.0, help="NLU_TIMEOUT for the client")
    parser.add_argument("--survivor-url", help="a running NLU server to keep (needs --token)")
    parser.add_argument("--token", help="the running server's token")
    args = parser.parse_args()
    if args.survivor_url and not args.token:
        parser.error("--survivor-url needs --token")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
