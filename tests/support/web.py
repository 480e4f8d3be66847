"""The web chat under test: the real Starlette app, over ASGI in the test's loop or served by
uvicorn on a free port (for server-sent events and the browser)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette

from bot.channels.web import config

BASE = "http://chat.test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def client(app: Starlette, base: str = BASE, **headers: str) -> httpx.AsyncClient:
    """A browser-like client: it keeps cookies and sends the page's Origin on POSTs."""
    transport = httpx.ASGITransport(app=app, client=(headers.pop("ip", "203.0.113.7"), 5000))
    return httpx.AsyncClient(
        transport=transport, base_url=base, headers={"origin": base, **headers}
    )


async def say(chat: httpx.AsyncClient, text: str) -> dict[str, Any]:
    response = await chat.post("/api/message", json={"text": text})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def press(chat: httpx.AsyncClient, data: str) -> dict[str, Any]:
    response = await chat.post("/api/button", json={"data": data})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def text_of(reply: dict[str, Any]) -> str:
    return "".join(run["t"] for run in reply["text"])


def buttons_of(reply: dict[str, Any]) -> list[dict[str, str]]:
    return [button for row in reply["buttons"] for button in row]


def button(reply: dict[str, Any], label_part: str) -> str:
    found = [b for b in buttons_of(reply) if label_part in b["label"]]
    assert found, f"no button with {label_part!r} in {[b['label'] for b in buttons_of(reply)]}"
    return found[0]["data"]


@contextlib.asynccontextmanager
async def served(app: Starlette) -> AsyncIterator[str]:
    """The app on a free port in this event loop; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(config(app, "127.0.0.1", port))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@contextlib.contextmanager
def served_in_thread(app: Starlette) -> Iterator[str]:
    """The app on a free port in a thread of its own (for synchronous browser tests)."""
    port = free_port()
    server = uvicorn.Server(config(app, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the web chat did not start")
        threading.Event().wait(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
