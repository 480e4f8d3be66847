"""The console channel: one message per line in, replies out, buttons chosen by number."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from actions.base import Button, Reply
from bot.delivery import SENT, SendResult
from bot.render import to_plain
from bot.router import Incoming, Router

CHANNEL = "console"


class Console:
    def __init__(
        self,
        router: Router,
        user_id: int = 1,
        lang: str | None = None,
        out: TextIO | None = None,
        export_dir: Path | None = None,
    ) -> None:
        self.router = router
        self.user_id = user_id
        self.lang = lang
        self.out = out or sys.stdout
        self.export_dir = export_dir or router.settings.export_dir
        self.options: list[Button] = []

    def _incoming(self, text: str) -> Incoming:
        return Incoming(CHANNEL, self.user_id, text, self.lang)

    async def send(self, line: str) -> Reply:
        """Handles one input line: a button number from the last reply, or a message."""
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= len(self.options):
            button = self.options[int(choice) - 1]
            if button.url:
                reply = Reply(text=button.url)
            else:
                reply = await self.router.handle_callback(self._incoming(button.data))
        else:
            reply = await self.router.handle_text(self._incoming(line))
        self.show(reply)
        return reply

    async def send_notice(self, external_id: int, reply: Reply) -> SendResult:
        """The console's delivery sender: this terminal is one user; others are shown tagged."""
        if external_id != self.user_id:
            self.out.write(f"[→ console user {external_id}] {to_plain(reply.text)}\n\n")
            return SENT
        self.out.write("🔔 ")
        self.show(reply)
        return SENT

    def show(self, reply: Reply) -> None:
        self.out.write(to_plain(reply.text) + "\n")
        if reply.notice:
            self.out.write(f"({reply.notice})\n")
        if reply.document is not None:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            path = self.export_dir / reply.document.filename
            path.write_bytes(reply.document.content)
            self.out.write(f"[{path}]\n")
        self.options = [button for row in reply.buttons for button in row]
        for number, button in enumerate(self.options, start=1):
            self.out.write(f"  [{number}] {button.label}\n")
        self.out.write("\n")
        self.out.flush()

    async def run(self, readline: Callable[[], str] | None = None) -> None:
        readline = readline or sys.stdin.readline
        interactive = sys.stdin.isatty()
        while True:
            if interactive:
                self.out.write("> ")
                self.out.flush()
            line = await asyncio.to_thread(readline)
            if not line:  # end of input
                return
            await self.send(line.rstrip("\n"))
