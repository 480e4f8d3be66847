"""The real app, `python -m bot telegram`, as a child process talking to a fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.app import Container
from bot.channels.telegram import build_application, on_startup, on_stop
from core.settings import ROOT
from tests.support.fake_bot_api import TOKEN, FakeBotApi


def bot_env(api: FakeBotApi, database_url: str, nlu_url: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "NLU_", "DATABASE_URL", "ADMIN_IDS"))
    }
    env.update(
        TELEGRAM_TOKEN=TOKEN,
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=database_url,
        NLU_MANAGE="0",
        NLU_URL=nlu_url,
        NLU_TOKEN="test-nlu-token",
        CALLBACK_SECRET="test-callback-secret",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
    )
    env.update(extra)
    return env


class BotProcess:
    """Start, SIGKILL and stop the bot; its output goes to `log`."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "telegram"],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip

    async def ready(self, api: FakeBotApi, within: float = 60.0) -> None:
        """Waits until the bot polls for updates (or waits for them on its webhook)."""
        started = len(api.calls)
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if any(m in {"getUpdates", "setWebhook"} for m, _ in api.calls[started:]):
                return
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"the bot exited; see {self.log}:\n{self.log.read_text()}")
            await asyncio.sleep(0.05)
        raise TimeoutError(f"the bot did not start; see {self.log}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    async def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        for _ in range(300):
            if self.process.poll() is not None:
                return
            await asyncio.sleep(0.05)
        self.kill()

    def cpu_seconds(self) -> float:
        """User and system CPU time of the process so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@asynccontextmanager
async def running(container: Container) -> AsyncIterator[None]:
    """The application polling its Bot API inside this process and event loop, as
    `python -m bot telegram` runs it."""
    application = build_application(container)
    await application.initialize()
    await on_startup(application)
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=5)
    await application.start()
    try:
        yield
    finally:
        await application.updater.stop()
        await application.stop()
        await on_stop(application)
        await application.shutdown()
