"""The web chat: a mobile page served by the assistant itself (Starlette on uvicorn) that
talks to the same router as Telegram and the console, for people who cannot use Telegram
(mainland China, WeChat's built-in browser).

The visitor is anonymous: a signed, HttpOnly cookie holds a random id, the `users` row of
channel "web". Messages and button presses are JSON POSTs (same origin only, rate-limited);
messages we send on our own (reminders, alerts, broadcasts) go through the outbox into the
visitor's inbox table and reach an open page as server-sent events, or the next visit."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import signal
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from actions.base import Reply
from bot import locale as locales
from bot.channels.web_guard import (
    COOKIE,
    COOKIE_MAX_AGE,
    RateLimiter,
    SecurityHeaders,
    VisitorCookie,
    accepted_locale,
    same_origin,
)
from bot.channels.web_page import Page, load_assets, strings
from bot.delivery import SENT, Delivery, SendResult, plain
from bot.nlu_client import NluClient
from bot.render import to_runs
from bot.router import Incoming, Router
from core import outbox, webchat
from core.db import SessionFactory, transaction
from core.i18n import translator
from core.models import User
from core.settings import LOCALES

log = logging.getLogger(__name__)
CHANNEL = webchat.CHANNEL
KEEPALIVE_SECONDS = 15.0
MAX_PAGES = 8  # open pages (event streams) per visitor and process
PRUNE_EVERY = 360  # delivery runs between clean-ups of old inbox rows and files
NO_STORE = {"cache-control": "no-store"}


@dataclass(frozen=True)
class Visitor:
    external_id: int
    new: bool  # no valid cookie came with the request: one is issued with the answer


class BadRequest(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason  # a key of web_page.STRINGS


def reply_payload(reply: Reply, file: dict[str, str] | None = None) -> dict[str, Any]:
    """A reply as the page draws it: text runs (never HTML), button rows, a file link."""
    return {
        "text": to_runs(reply.text),
        "buttons": [
            [
                {"label": b.label, "url": b.url} if b.url else {"label": b.label, "data": b.data}
                for b in row
            ]
            for row in reply.buttons
        ],
        "edit": reply.edit,
        "notice": reply.notice,
        "file": file,
    }


def _download_name(filename: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", filename)[:100] or "file"


class Hub:
    """Wakes the open pages of visitors who got a message. One query a second per process
    finds new inbox rows, however many pages are open (several workers each run their own);
    a message this process adds wakes the pages at once."""

    def __init__(self, sessions: SessionFactory, interval: float) -> None:
        self.sessions = sessions
        self.interval = interval
        self.pages: dict[int, set[asyncio.Event]] = {}
        self._poke = asyncio.Event()
        self._last = 0

    def open(self, external_id: int) -> asyncio.Event:
        wake = asyncio.Event()
        self.pages.setdefault(external_id, set()).add(wake)
        return wake

    def close(self, external_id: int, wake: asyncio.Event) -> None:
        waiting = self.pages.get(external_id)
        if waiting is not None:
            waiting.discard(wake)
            if not waiting:
                del self.pages[external_id]

    def poke(self) -> None:
        self._poke.set()

    async def run(self) -> None:
        with contextlib.suppress(Exception):  # else the first check starts from nothing
            self._last = await asyncio.to_thread(self._query, webchat.newest_id)
        while True:
            self._poke.clear()
            try:
                await self._check()
            except Exception:  # the database may be briefly away; pages keep waiting
                log.exception("checking the web inbox failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poke.wait(), self.interval)

    async def _check(self) -> None:
        if not self.pages:
            self._last = await asyncio.to_thread(self._query, webchat.newest_id)
            return
        last = self._last
        arrived = await asyncio.to_thread(
            self._query, lambda session: webchat.arrived_since(session, last)
        )
        for item_id, external_id in arrived:
            self._last = max(self._last, item_id)
            for wake in self.pages.get(external_id, ()):
                wake.set()

    def _query(self, query: Callable[[Any], Any]) -> Any:
        with transaction(self.sessions) as session:
            return query(session)


class WebChat:
    def __init__(
        self,
        router: Router,
        *,
        deliver: bool = True,
        recover: bool = False,
        poll_interval: float = 1.0,
    ) -> None:
        settings = router.settings
        self.router = router
        self.settings = settings
        self.cookie = VisitorCookie(settings.callback_secret)
        self.per_visitor = RateLimiter(settings.web_rate_per_minute)
        self.per_ip = RateLimiter(settings.web_ip_rate_per_minute)
        self.assets = load_assets()
        self.page = Page(self.assets)
        self.hub = Hub(router.sessions, poll_interval)
        self.delivery = Delivery(router, plain(self.send), channel=CHANNEL)
        self.deliver = deliver
        self.recover = recover
        self._deliver_now = asyncio.Event()

    # --- the app ---------------------------------------------------------------------------
    def app(self) -> Starlette:
        routes = [
            Route("/", self.index),
            Route("/i18n/{locale}.json", self.words),
            Route("/static/{name}", self.static),
            Route("/files/{token}", self.file),
            Route("/healthz", self.health),
            Route("/api/message", self.message, methods=["POST"]),
            Route("/api/button", self.button, methods=["POST"]),
            Route("/api/seen", self.seen, methods=["POST"]),
            Route("/api/events", self.events),
        ]
        return Starlette(
            routes=routes,
            middleware=[
                Middleware(SecurityHeaders),
                Middleware(GZipMiddleware, minimum_size=1024),
            ],
            lifespan=self.lifespan,
        )

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        if self.recover:  # the only process sending: what a crash left half-sent is not resent
            await asyncio.to_thread(self.delivery.recover)
        tasks = [asyncio.create_task(self.hub.run(), name="web-inbox")]
        if self.deliver:
            tasks.append(asyncio.create_task(self._deliver_forever(), name="web-delivery"))
        try:
            yield
        finally:
            await self.delivery.stop()  # what was claimed is sent and recorded
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _deliver_forever(self) -> None:
        """Sends due reminders, alerts and broadcasts to web visitors' inboxes."""
        runs = 0
        while True:
            self._deliver_now.clear()
            try:
                await self.delivery.run_due()
                if runs % PRUNE_EVERY == 0:
                    await asyncio.to_thread(self._prune)
            except Exception:
                log.exception("web delivery run failed")
            runs += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._deliver_now.wait(), self.settings.delivery_interval)

    def deliver_soon(self) -> None:
        self._deliver_now.set()

    def _prune(self) -> None:
        with transaction(self.router.sessions) as session:
            webchat.prune(session, self.router.clock())

    # --- the outbox's sender -------------------------------------------------------------------
    async def send(self, external_id: int, reply: Reply) -> SendResult:
        """Puts a message into the visitor's inbox; an open page shows it at once."""
        stored = await asyncio.to_thread(self._to_inbox, external_id, reply)
        if not stored:
            return SendResult(outbox.FAILED, error="no such web visitor")
        self.hub.poke()
        return SENT

    def _to_inbox(self, external_id: int, reply: Reply) -> bool:
        now = self.router.clock()
        with transaction(self.router.sessions) as session:
            user = webchat.visitor(session, external_id)
            if user is None:
                return False
            payload = reply_payload(reply, self._store_file(session, user, reply))
            webchat.add_to_inbox(session, user, payload, now)
        return True

    def _store_file(self, session: Session, user: User, reply: Reply) -> dict[str, str] | None:
        document = reply.document
        if document is None:
            return None
        token = webchat.store_file(
            session, user, document.filename, document.mime_type, document.content,
            self.router.clock(),
        )  # fmt: skip
        return {"url": f"/files/{token}", "name": document.filename}

    # --- pages and assets --------------------------------------------------------------------
    async def index(self, request: Request) -> Response:
        visitor = self._visitor(request)
        code = None
        if not visitor.new:
            code = await asyncio.to_thread(self._saved_locale, visitor.external_id)
        code = code or self._request_locale(request)
        response = HTMLResponse(self.page.html(code), headers=NO_STORE)
        if visitor.new:
            self._set_cookie(request, response, visitor)
        return response

    async def words(self, request: Request) -> Response:
        code = request.path_params["locale"]
        if code not in LOCALES:
            return Response(status_code=404)
        return JSONResponse(strings(code), headers={"cache-control": "public, max-age=3600"})

    async def static(self, request: Request) -> Response:
        asset = self.assets.get(request.path_params["name"])
        if asset is None:
            return Response(status_code=404)
        versioned = request.query_params.get("v") == asset.version
        headers = {
            "cache-control": "public, max-age=31536000, immutable" if versioned else "no-cache",
            "etag": f'"{asset.version}"',
            "vary": "accept-encoding",
        }
        if request.headers.get("if-none-match") == headers["etag"]:
            return Response(status_code=304, headers=headers)
        body = asset.body
        if "gzip" in request.headers.get("accept-encoding", ""):
            body, headers["content-encoding"] = asset.gzipped, "gzip"
        return Response(body, media_type=asset.media_type, headers=headers)

    async def health(self, _request: Request) -> Response:
        return Response("ok", media_type="text/plain", headers=NO_STORE)

    async def file(self, request: Request) -> Response:
        external_id = self.cookie.decode(request.cookies.get(COOKIE))
        token = request.path_params["token"]
        found = None
        if external_id is not None and len(token) <= 32:
            found = await asyncio.to_thread(self._file, external_id, token)
        if found is None:
            return Response(status_code=404, headers=NO_STORE)
        filename, mime_type, content = found
        return Response(
            content,
            media_type=mime_type,
            headers={
                "content-disposition": f'attachment; filename="{_download_name(filename)}"',
                **NO_STORE,
            },
        )

    def _file(self, external_id: int, token: str) -> tuple[str, str, bytes] | None:
        with transaction(self.router.sessions) as session:
            found = webchat.file_for(session, external_id, token, self.router.clock())
            return (found.filename, found.mime_type, found.content) if found else None

    # --- talking -------------------------------------------------------------------------
    async def message(self, request: Request) -> Response:
        return await self._exchange(request, "text", self.router.handle_text)

    async def button(self, request: Request) -> Response:
        response = await self._exchange(request, "data", self.router.handle_callback)
        # A press may have queued a notice for someone else (a declined meeting).
        self.deliver_soon()
        return response

    async def _exchange(
        self, request: Request, field: str, handle: Callable[[Incoming], Awaitable[Reply]]
    ) -> Response:
        try:
            body = await self._guard(request)
            value = body.get(field)
            if not isinstance(value, str):
                raise BadRequest(400, "forbidden")
        except BadRequest as error:
            return self._refusal(request, error)
        visitor = self._visitor(request)
        limited = self._limited(request, visitor)
        if limited is not None:
            return limited
        client = accepted_locale(request.headers.get("accept-language"))
        reply = await handle(Incoming(CHANNEL, visitor.external_id, value, client))
        payload, code, exists = await asyncio.to_thread(self._answer, visitor.external_id, reply)
        answer = {"reply": payload, "locale": code, "forgotten": not exists}
        response = JSONResponse(answer, headers=NO_STORE)
        if not exists:  # /delete_me: nothing left to link the cookie to
            response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
        elif visitor.new:
            self._set_cookie(request, response, visitor)
        return response

    def _answer(self, external_id: int, reply: Reply) -> tuple[dict[str, Any], str | None, bool]:
        """The reply for the page, the visitor's language now, and whether they still exist."""
        with transaction(self.router.sessions) as session:
            user = webchat.visitor(session, external_id)
            if user is None:
                return reply_payload(reply), None, False
            file = self._store_file(session, user, reply)
            return reply_payload(reply, file), self._locale_of(user), True

    async def seen(self, request: Request) -> Response:
        try:
            body = await self._guard(request)
        except BadRequest as error:
            return self._refusal(request, error)
        external_id = self.cookie.decode(request.cookies.get(COOKIE))
        upto = body.get("id")
        if external_id is None or not isinstance(upto, int):
            return Response(status_code=204)
        await asyncio.to_thread(self._mark_seen, external_id, upto)
        return Response(status_code=204)

    def _mark_seen(self, external_id: int, upto: int) -> None:
        with transaction(self.router.sessions) as session:
            webchat.mark_seen(session, external_id, upto, self.router.clock())

    async def events(self, request: Request) -> Response:
        """Server-sent events: the visitor's unseen messages, then each new one."""
        external_id = self.cookie.decode(request.cookies.get(COOKIE))
        if external_id is None:
            return Response(status_code=204)  # tells EventSource not to reconnect
        if len(self.hub.pages.get(external_id, ())) >= MAX_PAGES:
            return self._refusal(request, BadRequest(429, "rate_limited"))
        last_event = request.headers.get("last-event-id", "")
        after = int(last_event) if last_event.isdigit() else 0
        return StreamingResponse(
            self._stream(external_id, after),
            media_type="text/event-stream",
            headers={**NO_STORE, "x-accel-buffering": "no"},
        )

    async def _stream(self, external_id: int, after: int) -> AsyncIterator[str]:
        wake = self.hub.open(external_id)
        try:
            yield "retry: 5000\n\n"
            while True:
                items = await asyncio.to_thread(self._unseen, external_id, after)
                for item_id, payload in items:
                    after = item_id
                    data = json.dumps({**payload, "id": item_id}, ensure_ascii=False)
                    yield f"id: {item_id}\nevent: notice\ndata: {data}\n\n"
                try:
                    await asyncio.wait_for(wake.wait(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                wake.clear()
        finally:
            self.hub.close(external_id, wake)

    def _unseen(self, external_id: int, after: int) -> list[tuple[int, dict[str, Any]]]:
        with transaction(self.router.sessions) as session:
            return [(i.id, i.payload) for i in webchat.unseen(session, external_id, after)]

    # --- guards ------------------------------------------------------------------------
    async def _guard(self, request: Request) -> dict[str, Any]:
        """Same origin, JSON, within the size limit: the body, or BadRequest."""
        if not same_origin(request, self.settings.web_origins):
            log.warning("refused a cross-origin request to %s", request.url.path)
            raise BadRequest(403, "forbidden")
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise BadRequest(415, "forbidden")
        limit = self.settings.web_max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared and (not declared.isdigit() or int(declared) > limit):
            raise BadRequest(413, "too_large")
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > limit:
                raise BadRequest(413, "too_large")
        try:
            body = json.loads(raw)
        except ValueError:
            raise BadRequest(400, "forbidden") from None
        if not isinstance(body, dict):
            raise BadRequest(400, "forbidden")
        return body

    def _limited(self, request: Request, visitor: Visitor) -> Response | None:
        ip = request.client.host if request.client else "unknown"
        checks = ((self.per_ip, f"ip:{ip}"), (self.per_visitor, str(visitor.external_id)))
        for limiter, key in checks:
            if not limiter.allow(key):
                response = self._refusal(request, BadRequest(429, "rate_limited"))
                response.headers["retry-after"] = str(limiter.retry_after(key))
                return response
        return None

    def _refusal(self, request: Request, error: BadRequest) -> JSONResponse:
        words = strings(self._request_locale(request))
        return JSONResponse(
            {"error": words[error.reason]}, status_code=error.status, headers=NO_STORE
        )

    # --- visitors and languages -----------------------------------------------------------
    def _visitor(self, request: Request) -> Visitor:
        external_id = self.cookie.decode(request.cookies.get(COOKIE))
        if external_id is None:
            return Visitor(webchat.new_visitor_id(), new=True)
        return Visitor(external_id, new=False)

    def _set_cookie(self, request: Request, response: Response, visitor: Visitor) -> None:
        response.set_cookie(
            COOKIE,
            self.cookie.encode(visitor.external_id),
            max_age=COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )

    def _request_locale(self, request: Request) -> str:
        found = accepted_locale(request.headers.get("accept-language"))
        return found or self.settings.default_locale

    def _saved_locale(self, external_id: int) -> str | None:
        with transaction(self.router.sessions) as session:
            user = webchat.visitor(session, external_id)
            return self._locale_of(user) if user else None

    def _locale_of(self, user: User) -> str:
        """The language replies to this person take when they type nothing telling."""
        return translator(
            locales.resolve(
                user.locale, "", user.client_language, self.settings.default_locale,
                user.message_locale,
            )
        ).locale  # fmt: skip


def create_app(
    router: Router, *, deliver: bool = True, recover: bool = False, poll_interval: float = 1.0
) -> Starlette:
    return WebChat(router, deliver=deliver, recover=recover, poll_interval=poll_interval).app()


# --- running it ------------------------------------------------------------------------------
def config(app: Starlette, host: str, port: int, proxies: str = "127.0.0.1") -> uvicorn.Config:
    # Behind a reverse proxy, uvicorn takes the client's address and the scheme from
    # X-Forwarded-For/-Proto when the proxy is one of `proxies` (FORWARDED_ALLOW_IPS).
    return uvicorn.Config(app, host=host, port=port, **_server_options(proxies))


def _server_options(proxies: str) -> dict[str, Any]:
    return {
        "proxy_headers": True,
        "forwarded_allow_ips": proxies,
        "server_header": False,
        "log_level": "warning",
        "access_log": False,
        "timeout_graceful_shutdown": 5,
    }


class Server(uvicorn.Server):
    """uvicorn's server, except that Ctrl-C or SIGTERM ends `run()` normally instead of
    re-raising the signal once the server has stopped: what the caller started (the
    language service) is then stopped too."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        original = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)


def serve(router: Router, host: str, port: int, workers: int = 1) -> None:
    """Serves the web chat until Ctrl-C or SIGTERM: in this process, or in `workers`
    processes sharing the port (the state is in the database; each worker delivers its
    share of the outbox, claimed row by row)."""
    if workers <= 1:
        app = create_app(router, recover=True)
        Server(config(app, host, port, router.settings.web_proxies)).run()
        return
    Delivery(router, plain(_unused_sender), channel=CHANNEL).recover()  # once, before any worker
    # The workers read the settings from the environment: they must sign buttons and
    # cookies, and reach the language service, exactly as this process does.
    os.environ["CALLBACK_SECRET"] = router.settings.callback_secret
    os.environ["NLU_TOKEN"] = router.settings.nlu_token
    os.environ["NLU_MANAGE"] = "0"
    uvicorn.run(
        "bot.channels.web:app_from_env", factory=True, host=host, port=port, workers=workers,
        **_server_options(router.settings.web_proxies),
    )  # fmt: skip


async def _unused_sender(_external_id: int, _reply: Reply) -> SendResult:
    raise RuntimeError("recovery sends nothing")


def app_from_env() -> Starlette:
    """One worker's app (uvicorn --workers): the app built from the environment."""
    from bot.app import build
    from core.settings import Settings

    return create_app(build(Settings.from_env()).router)


def own_router(router: Router) -> Router:
    """A router for another thread's event loop: the NLU client's connections belong to
    the loop that opened them; everything else is shared."""
    settings = router.settings
    return Router(
        settings=settings,
        sessions=router.sessions,
        nlu=NluClient(
            settings.nlu_servers,
            settings.nlu_token,
            settings.nlu_timeout,
            check_interval=settings.nlu_check_interval,
        ),
        taxonomy=router.taxonomy,
        knowledge=router.knowledge,
        clock=router.clock,
    )


class Background:
    """The web chat in a thread of its own, beside the Telegram bot in the main thread."""

    def __init__(self, router: Router, host: str, port: int) -> None:
        app = create_app(own_router(router))
        self.server = uvicorn.Server(config(app, host, port, router.settings.web_proxies))
        self.thread = threading.Thread(target=self.server.run, name="web-chat", daemon=True)

    def start(self) -> Background:
        self.thread.start()
        return self

    def wait_started(self, timeout: float = 30.0) -> bool:
        """Whether the chat is serving; False when it could not start (the port is taken)."""
        deadline = time.monotonic() + timeout
        while not self.server.started and self.thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        return bool(self.server.started)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
