"""A fake Telegram Bot API on loopback, for benchmarks that drive the real app over HTTP.

It answers the methods the assistant uses after a configurable round-trip delay, serves
updates through long-polling getUpdates, enforces Telegram's flood limits the way Telegram
does (429 with retry_after when more than `overall_limit` messages went out in the last
second, or more than one a second to one private chat), can refuse one chosen request with a
429 to test the back-off, and records every request with its arrival time.

Standard library only: an HTTP/1.1 server with keep-alive on asyncio streams.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

MESSAGE_METHODS = {"sendMessage", "editMessageText", "sendDocument"}
BOT_USER = {"id": 777000, "is_bot": True, "first_name": "Delta Expo", "username": "delta_expo_bot"}


@dataclass
class Request:
    at: float  # time.monotonic() when the request arrived
    method: str
    chat_id: int | None
    text: str
    status: int = 200


@dataclass
class FakeBotApi:
    delay: float = 0.05  # seconds before each answer: the network round trip
    overall_limit: int = 30  # messages in any trailing second before a 429
    chat_interval: float = 0.0  # minimum seconds between messages to one chat (0 = unchecked)
    flood_retry: int = 3  # retry_after of a 429
    flood_at: int = 0  # the n-th message request gets a 429 regardless (0 = never)
    requests: list[Request] = field(default_factory=list)
    _accepted: deque[float] = field(default_factory=deque)
    _last_to_chat: dict[int, float] = field(default_factory=dict)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _new_update: asyncio.Event = field(default_factory=asyncio.Event)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _server: asyncio.Server | None = None
    _connections: set[asyncio.Task[None]] = field(default_factory=set)
    _message_requests: int = 0
    url: str = ""

    async def start(self, port: int = 0) -> str:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", port)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for task in self._connections:
                task.cancel()
            await asyncio.gather(*self._connections, return_exceptions=True)
            await self._server.wait_closed()

    # --- what the benchmark drives and reads ---------------------------------------------
    def push_text(self, user_id: int, text: str, language_code: str = "en") -> float:
        """A user writes to the bot; returns the time it was written."""
        update_id = next(self._update_ids)
        self._updates.append(
            {
                "update_id": update_id,
                "message": {
                    "message_id": update_id,
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private"},
                    "from": {"id": user_id, "is_bot": False, "first_name": "U",
                             "language_code": language_code},
                    "text": text,
                },
            }
        )  # fmt: skip
        self._new_update.set()
        return time.monotonic()

    def messages(self, accepted_only: bool = True) -> list[Request]:
        return [
            r
            for r in self.requests
            if r.method in MESSAGE_METHODS and (r.status == 200 or not accepted_only)
        ]

    # --- Telegram's checks -----------------------------------------------------------------
    def _flood(self, now: float, chat_id: int | None) -> bool:
        while self._accepted and self._accepted[0] <= now - 1.0:
            self._accepted.popleft()
        self._message_requests += 1
        if self.flood_at and self._message_requests == self.flood_at:
            return True
        if len(self._accepted) >= self.overall_limit:
            return True
        if self.chat_interval and chat_id is not None and chat_id > 0:
            last = self._last_to_chat.get(chat_id)
            if last is not None and now - last < self.chat_interval:
                return True
        return False

    async def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        now = time.monotonic()
        chat = params.get("chat_id")
        chat_id = int(chat) if chat not in (None, "") else None
        record = Request(now, method, chat_id, str(params.get("text", "")))
        if method in MESSAGE_METHODS and self._flood(now, chat_id):
            record.status = 429
        self.requests.append(record)
        if record.status == 429:
            await asyncio.sleep(self.delay)
            return 429, {"ok": False, "error_code": 429,
                         "description": f"Too Many Requests: retry after {self.flood_retry}",
                         "parameters": {"retry_after": self.flood_retry}}  # fmt: skip
        if method in MESSAGE_METHODS:
            self._accepted.append(now)
            if chat_id is not None:
                self._last_to_chat[chat_id] = now
        if method == "getUpdates":
            return 200, {"ok": True, "result": await self._poll(params)}
        await asyncio.sleep(self.delay)
        return 200, {"ok": True, "result": self._result(method, params, chat_id)}

    async def _poll(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while not self._updates and time.monotonic() < deadline:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        await asyncio.sleep(self.delay)
        return list(self._updates[: int(params.get("limit") or 100)])

    def _result(self, method: str, params: dict[str, Any], chat_id: int | None) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in MESSAGE_METHODS:
            message: dict[str, Any] = {
                "message_id": int(params.get("message_id") or next(self._message_ids)),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
            }
            if method == "sendDocument":
                message["document"] = {"file_id": "doc", "file_unique_id": "doc"}
            else:
                message["text"] = params.get("text", "")
            return message
        return True

    # --- HTTP ------------------------------------------------------------------------------
    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                headers = {
                    name.strip().lower(): value.strip()
                    for name, _, value in (line.partition(":") for line in header_lines if line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                method = request_line.split()[1].rsplit("/", 1)[-1]
                status, payload = await self._answer(method, _params(headers, body))
                data = json.dumps(payload).encode()
                reason = "OK" if status == 200 else "Too Many Requests"
                writer.write(
                    f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._connections.discard(task)
            writer.close()


def _params(headers: dict[str, str], body: bytes) -> dict[str, Any]:
    kind = headers.get("content-type", "")
    if kind.startswith("application/json"):
        return dict(json.loads(body or b"{}"))
    if kind.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(body.decode()))
    if kind.startswith("multipart/form-data"):
        return _multipart_fields(kind, body)
    return {}


def _multipart_fields(kind: str, body: bytes) -> dict[str, Any]:
    """The plain fields of a multipart body (chat_id and the like); files are skipped."""
    boundary = kind.split("boundary=", 1)[-1].strip('"').encode()
    fields: dict[str, Any] = {}
    for part in body.split(b"--" + boundary):
        head, _, value = part.partition(b"\r\n\r\n")
        if b"filename=" in head or b'name="' not in head:
            continue
        name = head.split(b'name="', 1)[1].split(b'"', 1)[0].decode()
        fields[name] = value.rstrip(b"\r\n").decode(errors="replace")
    return fields


def per_second(times: list[float], start: float) -> list[int]:
    """Messages in each whole second from `start`."""
    if not times:
        return []
    counts = [0] * (int(max(times) - start) + 1)
    for at in times:
        if at >= start:
            counts[int(at - start)] += 1
    return counts


def busiest_second(times: list[float]) -> int:
    """The most messages in any one-second window (sliding, not aligned to whole seconds)."""
    ordered, best, first = sorted(times), 0, 0
    for last, at in enumerate(ordered):
        while ordered[first] <= at - 1.0:
            first += 1
        best = max(best, last - first + 1)
    return best
