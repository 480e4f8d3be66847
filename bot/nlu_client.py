"""The app's side of the NLU contract: POST /model/parse on one or more stock Rasa servers.

Several servers (`NLU_URLS`) are used together: each request goes to the least busy healthy
one, and a connection error, timeout, 5xx or "no model loaded" moves the same request on to
the next, so losing a server mid-load costs latency, never a reply. A server that failed is
left alone for a back-off (1 s doubling to 10 s), then tried again by a health check or by a
request. A host name in a URL is re-resolved now and then and each of its addresses becomes a
server, so the replicas behind one DNS name (Docker Compose `--scale`, a Kubernetes headless
Service) are found, added and dropped as they come and go.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import itertools
import logging
import socket
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from actions.base import Entity, NluResult

log = logging.getLogger(__name__)

FIRST_BACKOFF = 1.0
MAX_BACKOFF = 10.0  # a server back from a restart waits at most this long


class NluUnavailable(RuntimeError):
    """No NLU server answered in time (or every one answered with an error)."""


def to_result(text: str, payload: dict[str, Any]) -> NluResult:
    intent = payload.get("intent") or {}
    name = str(intent.get("name") or "nlu_fallback")
    topic, topic_confidence = None, 0.0
    selector = (payload.get("response_selector") or {}).get(name.split("/")[0]) or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key") or ""
    if "/" in key:
        topic, topic_confidence = key.split("/", 1)[1], float(response.get("confidence") or 0.0)
    elif "/" in name:  # a model trained without the selector still names the sub-intent
        name, topic = name.split("/", 1)
        topic_confidence = float(intent.get("confidence") or 0.0)
    entities = tuple(
        Entity(
            type=str(e["entity"]),
            value=str(e.get("value") or text[e.get("start", 0) : e.get("end", 0)]),
            start=int(e.get("start", 0)),
            end=int(e.get("end", 0)),
        )
        for e in payload.get("entities") or []
        if e.get("entity")
    )
    return NluResult(
        text=text,
        intent=name.split("/")[0],
        confidence=float(intent.get("confidence") or 0.0),
        entities=entities,
        topic=topic,
        topic_confidence=topic_confidence,
    )


async def addresses_of(host: str, port: int) -> list[str]:
    """The addresses a name resolves to now (every replica behind a service name)."""
    found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # IPv4 when there is any: "localhost" also names ::1, where nothing may listen.
    v4 = sorted({str(info[4][0]) for info in found if info[0] == socket.AF_INET})
    return v4 or sorted({str(info[4][0]) for info in found})


@dataclass(eq=False)
class Server:
    """One NLU server: a configured URL, or one address its host name resolved to."""

    source: str  # the URL as configured
    url: str  # where requests go (the host replaced by an address when resolved)
    host: str | None = None  # the configured host:port, sent as Host (and SNI) to an address
    in_flight: int = 0
    failures: int = 0
    retry_at: float = 0.0  # monotonic time from which a failed server may be tried again
    last_ok: float = 0.0

    @property
    def healthy(self) -> bool:
        return self.failures == 0

    def headers(self) -> dict[str, str]:
        return {"Host": self.host} if self.host else {}

    def extensions(self) -> dict[str, Any]:
        if self.host and self.url.startswith("https:"):
            return {"sni_hostname": self.host.rsplit(":", 1)[0]}
        return {}


class Unhealthy(Exception):
    """This server cannot answer now; another one may."""


class NoModel(Exception):
    """The server answers, but has no model loaded (yet)."""


class NluClient:
    def __init__(
        self,
        urls: str | Iterable[str],
        token: str,
        timeout: float,
        *,
        check_interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        lookup: Callable[[str, int], Awaitable[list[str]]] = addresses_of,
    ) -> None:
        self._sources = (urls,) if isinstance(urls, str) else tuple(urls)
        if not self._sources:
            raise ValueError("at least one NLU URL is needed")
        self._token = token
        self._timeout = timeout
        self._check_interval = check_interval
        self.clock = clock  # public so that a test can stop time, as with Router.clock
        self._lookup = lookup
        # Enough connections for every concurrent message to have its own. A connection
        # refused is tried once more at once: a server just restarted may refuse the first
        # while it takes up its port, and the person's message would be lost for nothing.
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
        self._client = httpx.AsyncClient(
            timeout=timeout, transport=httpx.AsyncHTTPTransport(limits=limits, retries=1)
        )
        # Taken as healthy until a request or a health check says otherwise.
        self._servers: dict[str, list[Server]] = {
            source: [Server(source, source, last_ok=clock())] for source in self._sources
        }
        self._turn = itertools.count()
        self._next_check = 0.0
        self._checking: asyncio.Task[None] | None = None

    @property
    def servers(self) -> list[Server]:
        return [server for group in self._servers.values() for server in group]

    async def parse(self, text: str) -> NluResult:
        self._check_when_due()
        for server in self._choices():
            try:
                payload = await self._parse_on(server, text)
            except Unhealthy as exc:
                self._failed(server, exc.__cause__ or exc)
                continue
            self._answered(server)
            return to_result(text, payload)
        raise NluUnavailable("no NLU server answered")

    async def ready(self) -> bool:
        """Whether at least one server has its model loaded."""
        await self.check()
        return any(server.healthy for server in self.servers)

    async def check(self) -> None:
        """Re-resolve the servers' names, then ask the idle and the failed ones for /status."""
        await self._resolve()
        now = self.clock()
        self._next_check = now + self._check_interval
        due = [
            server
            for server in self.servers
            if (server.healthy and now - server.last_ok >= self._check_interval)
            or (not server.healthy and server.retry_at <= now)
        ]
        await asyncio.gather(*(self._probe(server) for server in due))

    async def aclose(self) -> None:
        if self._checking is not None:
            self._checking.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._checking
        await self._client.aclose()

    # --- choosing a server ---------------------------------------------------------------
    def _choices(self) -> Iterator[Server]:
        """Servers in the order to try them for one request, each at most once: healthy ones,
        least busy first (ties taken in turn), then failed ones whose back-off is over."""
        tried: list[Server] = []
        turn = next(self._turn)
        while True:
            now = self.clock()
            servers = [server for server in self.servers if server not in tried]
            if not servers:
                return
            healthy = [server for server in servers if server.healthy]
            if healthy:
                ring = len(healthy)
                _, choice = min(
                    enumerate(healthy),
                    key=lambda pair: (pair[1].in_flight, (pair[0] - turn) % ring),
                )
            else:
                due = [server for server in servers if server.retry_at <= now]
                if not due:
                    return
                choice = min(due, key=lambda server: server.retry_at)
                # One request at a time finds out whether it is back; meanwhile the others
                # are told at once that nothing answers.
                choice.retry_at = now + self._timeout
            tried.append(choice)
            yield choice

    async def _parse_on(self, server: Server, text: str) -> dict[str, Any]:
        server.in_flight += 1
        try:
            response = await self._client.post(
                server.url + "/model/parse",
                params={"token": self._token},
                json={"text": text},
                headers=server.headers(),
                extensions=server.extensions(),
            )
        except httpx.RequestError as exc:  # refused, reset, timed out, garbled
            raise Unhealthy from exc
        finally:
            server.in_flight -= 1
        # 409: the server is up but its model is not loaded (yet).
        if response.status_code >= 500 or response.status_code == httpx.codes.CONFLICT:
            raise Unhealthy from httpx.HTTPStatusError(
                str(response.status_code), request=response.request, response=response
            )
        if response.is_error:  # a wrong token or request: no other server will do better
            log.error("NLU server %s refused the request: %d", server.url, response.status_code)
            raise NluUnavailable(str(response.status_code))
        try:
            payload = response.json()
        except ValueError as exc:
            raise Unhealthy from exc
        if not isinstance(payload, dict):
            raise Unhealthy from ValueError("not a parse result")
        return payload

    def _answered(self, server: Server) -> None:
        if not server.healthy:
            log.warning("NLU server %s is back", server.url)
        server.failures, server.retry_at, server.last_ok = 0, 0.0, self.clock()

    def _failed(self, server: Server, error: BaseException) -> None:
        server.failures += 1
        backoff = min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** (server.failures - 1))
        server.retry_at = self.clock() + backoff
        # The exception's type only: its text can hold the URL with the token.
        log.warning(
            "NLU server %s failed (%s); next try in %.0f s",
            server.url,
            type(error).__name__,
            backoff,
        )

    # --- health checks -------------------------------------------------------------------
    def _check_when_due(self) -> None:
        now = self.clock()
        if now < self._next_check or (self._checking is not None and not self._checking.done()):
            return
        self._next_check = now + self._check_interval
        self._checking = asyncio.create_task(self.check())
        self._checking.add_done_callback(_log_failure)

    async def _probe(self, server: Server) -> None:
        try:
            response = await self._client.get(
                server.url + "/status",
                params={"token": self._token},
                headers=server.headers(),
                extensions=server.extensions(),
            )
            ready = response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            self._failed(server, exc)
            return
        if ready:
            self._answered(server)
        else:
            self._failed(server, NoModel())

    async def _resolve(self) -> None:
        for source in self._sources:
            parts = urlsplit(source)
            host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
            if host is None or _is_address(host):
                continue
            try:
                addresses = await self._lookup(host, port)
            except OSError:
                continue  # keep what we had: a DNS hiccup is not a server going away
            if addresses:
                self._adopt(source, parts, addresses)

    def _adopt(self, source: str, parts: Any, addresses: list[str]) -> None:
        known = {server.url: server for server in self._servers[source]}
        now = self.clock()
        # The first resolution replaces the URL as configured by the addresses it reached.
        placeholder = known.get(source)
        netloc_host = parts.netloc.rsplit("@", 1)[-1]
        port = f":{parts.port}" if parts.port else ""
        servers = []
        for address in addresses:
            shown = f"[{address}]" if ":" in address else address
            url = urlunsplit((parts.scheme, shown + port, parts.path, "", ""))
            server = known.get(url)
            if server is None:
                server = Server(source, url, host=netloc_host)
                if placeholder is None or not placeholder.healthy:
                    # A replica that came later may still be loading its model: not used
                    # before its health check, unless no other server is left.
                    server.failures, server.retry_at = 1, now
                    log.info("NLU server %s found behind %s", url, parts.hostname)
            servers.append(server)
        gone = set(known) - {server.url for server in servers}
        if gone - {source}:
            log.info("NLU servers %s no longer behind %s", sorted(gone), parts.hostname)
        self._servers[source] = servers


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("NLU health check failed", exc_info=task.exception())
