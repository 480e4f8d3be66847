"""NLU benchmark: model load time, server cold start, parse latency (p50/p95) and throughput.

Starts the stock Rasa server on a free loopback port with models/nlu.tar.gz, sends a bounded
number of /model/parse requests built from the held-out test messages, then stops it.
`--train` also times a full training run into a temporary directory.
Run with the NLU venv: .venv-nlu/bin/python benchmarks/nlu_bench.py [--requests 400] [--train]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "nlu.tar.gz"
RASA = Path(sys.executable).with_name("rasa")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def messages() -> list[str]:
    import yaml

    texts = []
    for path in sorted((ROOT / "data" / "nlu_test").glob("*.yml")):
        for block in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
            for line in block["examples"].splitlines():
                text = line.removeprefix("- ").strip()
                # drop the [value](entity) annotation, keep the words
                while "](" in text:
                    start = text.index("[")
                    mid = text.index("](", start)
                    end = text.index(")", mid)
                    text = text[:start] + text[start + 1 : mid] + text[end + 1 :]
                if text:
                    texts.append(text)
    return texts


def post(url: str, text: str) -> float:
    body = json.dumps({"text": text}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
        response.read()
    return (time.perf_counter() - started) * 1000


def time_training() -> float:
    """A full training from scratch, the way `make train` runs it (scripts/nlu_train.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from nlu_train import train

    with tempfile.TemporaryDirectory() as out:
        started = time.monotonic()
        train(Path(out), quiet=True)
        return time.monotonic() - started


def time_model_load() -> float:
    code = (
        "import time,logging;logging.disable(logging.WARNING);t=time.perf_counter();"
        "from rasa.core.agent import Agent;"
        f"Agent.load({str(MODEL)!r});print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return float(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--train", action="store_true")
    args = parser.parse_args()
    if args.train:
        print(f"training (full model): {time_training():.0f} s")
    print(f"model load (Agent.load, incl. imports): {time_model_load():.1f} s")

    port, token = free_port(), secrets.token_hex(16)
    command = [str(RASA), "run", "--enable-api", "-m", str(MODEL), "--auth-token", token,
               "-i", "127.0.0.1", "-p", str(port)]  # fmt: skip
    started = time.monotonic()
    log = tempfile.NamedTemporaryFile("w+b", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    try:
        status = f"http://127.0.0.1:{port}/status?token={token}"
        while time.monotonic() - started < 240:
            try:
                with urllib.request.urlopen(status, timeout=2) as response:  # noqa: S310
                    if json.loads(response.read()).get("model_file"):
                        break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.25)
        else:
            raise SystemExit(f"the NLU server did not start in 240 s; see {log.name}")
        if server.poll() is not None:
            raise SystemExit(f"the NLU server exited with {server.returncode}; see {log.name}")
        print(f"server cold start (process start to model loaded): {time.monotonic() - started:.1f} s")
        url = f"http://127.0.0.1:{port}/model/parse?token={token}"
        texts = messages()
        for text in texts[:20]:  # warm-up
            post(url, text)
        sample = [texts[i % len(texts)] for i in range(args.requests)]
        latencies = sorted(post(url, text) for text in sample)
        p50 = statistics.median(latencies)
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"parse latency, sequential: p50={p50:.1f} ms p95={p95:.1f} ms (n={len(latencies)})")
        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(lambda text: post(url, text), sample))
        elapsed = time.perf_counter() - t0
        print(f"throughput, {args.concurrency} concurrent clients: {len(sample) / elapsed:.0f} parses/s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
