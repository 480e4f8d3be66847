"""Starts and stops the stock Rasa HTTP server (its own Python 3.10 venv) on loopback."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from core.settings import ROOT

log = logging.getLogger(__name__)
RASA = ROOT / ".venv-nlu" / "bin" / "rasa"


class NluService:
    """One `rasa run --enable-api` process, bound to 127.0.0.1 and token-protected."""

    def __init__(self, url: str, token: str, model: Path, log_file: Path | None = None) -> None:
        parts = urlsplit(url)
        if parts.hostname not in {"127.0.0.1", "localhost"}:
            raise ValueError("a managed NLU service listens on 127.0.0.1 only")
        self.url = url
        self.port = parts.port or 5005
        self.token = token
        self.model = model
        self.log_file = log_file or ROOT / "var" / "nlu-service.log"
        self.process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        return [
            str(RASA), "run", "--enable-api",
            "-m", str(self.model),
            # One argument: a token starting with "-" must not read as an option.
            f"--auth-token={self.token}",
            "-i", "127.0.0.1",
            "-p", str(self.port),
        ]  # fmt: skip

    def start(self) -> None:
        if not self.model.exists():
            raise FileNotFoundError(f"no NLU model at {self.model}; run `make train`")
        if not RASA.exists():
            raise FileNotFoundError(f"no Rasa at {RASA}; run `make setup`")
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
        with self.log_file.open("ab") as out:
            # The token is on the command line of a loopback-only child; it is not logged.
            self.process = subprocess.Popen(  # noqa: S603
                self.command(), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        log.info("NLU service starting on 127.0.0.1:%d (pid %d)", self.port, self.process.pid)

    def wait_ready(self, timeout: float = 180.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                log.error(
                    "NLU service exited with %s; see %s", self.process.returncode, self.log_file
                )
                return False
            try:
                response = httpx.get(f"{self.url}/status", params={"token": self.token}, timeout=2)
                if response.status_code == 200 and response.json().get("model_file"):
                    return self._warmed_up(deadline)
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        return False

    def _warmed_up(self, deadline: float) -> bool:
        """One parse before the first person's: the model builds its graphs on its first
        message, which on a busy machine takes longer than a request may wait."""
        try:
            response = httpx.post(
                f"{self.url}/model/parse",
                params={"token": self.token},
                json={"text": "hello"},
                timeout=max(deadline - time.monotonic(), 1.0),
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        log.info("NLU service stopped")
