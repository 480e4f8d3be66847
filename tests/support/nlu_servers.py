"""NLU servers for failover tests, on loopback: a stand-in that speaks Rasa's HTTP API and
can be told to fail in each way a real one does, and a TCP relay that makes a real Rasa
server reachable at a second address that can be killed."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "test-nlu-token"


class _Listener:
    """A loopback TCP server whose connections can all be cut at once, like a killed process."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host, self.port = host, port
        self._server: asyncio.base_events.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._transports: set[asyncio.BaseTransport] = set()
        self.connections = 0  # accepted so far

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def kill(self) -> None:
        """Stop listening and reset every open connection (what SIGKILL does to a server)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for transport in list(self._transports):
            transport.abort()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        self.connections += 1
        self._transports.add(writer.transport)
        try:
            await self.serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self._connections.discard(task)
            self._transports.discard(writer.transport)
            writer.transport.abort()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError


class RasaStandIn(_Listener):
    """Answers GET /, GET /status and POST /model/parse as Rasa's server does (HTTP/1.1 with
    keep-alive, the token in the query). `mode` says how it behaves: "ok", "error" (503),
    "no_model" (409, a server still loading), "hang" (never answers)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, delay: float = 0.0) -> None:
        super().__init__(host, port)
        self.mode = "ok"
        self.delay = delay
        self.received = 0  # parse requests read, answered or not
        self.parsed: list[str] = []  # texts answered
        self.status_checks = 0
        self.hosts_seen: set[str] = set()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {
                name.strip().lower(): value.strip()
                for name, value in (line.split(":", 1) for line in lines[1:] if ":" in line)
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.hosts_seen.add(headers.get("host", ""))
            status, payload = await self._answer(method, target, body)
            data = json.dumps(payload).encode()
            writer.write(
                f"HTTP/1.1 {status} -\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(data)}\r\n\r\n".encode()
                + data
            )
            await writer.drain()

    async def _answer(self, method: str, target: str, body: bytes) -> tuple[int, Any]:
        parts = urlsplit(target)
        token = parse_qs(parts.query).get("token", [""])[0]
        if parts.path == "/":
            return 200, "Hello from Rasa: 3.6.21"
        if token != TOKEN:
            return 401, {"status": "failure", "reason": "NotAuthenticated"}
        if parts.path == "/model/parse":
            self.received += 1
        if self.mode == "hang":
            await asyncio.sleep(3600)
        if self.mode == "error":
            return 503, {"status": "failure"}
        if parts.path == "/status" and method == "GET":
            self.status_checks += 1
            return 200, {"model_file": None if self.mode == "no_model" else "nlu.tar.gz"}
        if parts.path == "/model/parse" and method == "POST":
            if self.mode == "no_model":
                return 409, {"status": "failure", "reason": "Conflict"}
            text = json.loads(body)["text"]
            await asyncio.sleep(self.delay)
            self.parsed.append(text)
            return 200, {
                "text": text,
                "intent": {"name": "greet", "confidence": 0.99},
                "entities": [],
            }
        return 404, {"status": "failure"}


class TcpRelay(_Listener):
    """Forwards every connection to a real server: that server, reachable at a second
    address that can be killed on its own."""

    def __init__(self, target_host: str, target_port: int) -> None:
        super().__init__()
        self.target = (target_host, target_port)

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self._transports.add(upstream_writer.transport)
        try:
            await asyncio.gather(_pump(reader, upstream_writer), _pump(upstream_reader, writer))
        finally:
            self._transports.discard(upstream_writer.transport)
            upstream_writer.transport.abort()


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    writer.transport.abort()  # one side closed: close both, as a process would
