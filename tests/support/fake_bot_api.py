"""A fake Telegram Bot API server on loopback, spoken to over real HTTP.

The app reaches it through PTB's `base_url` (the TELEGRAM_API_URL setting), exactly as it
reaches api.telegram.org: long polling with offsets, webhooks, and Telegram's own checks
(HTML entities, text and callback-data lengths, flood limits answered with 429 and
`retry_after`). Tests and benchmarks inject what people type or press and read what the
bot sent, with timestamps, and every message request with its answer (`attempts`). A
round-trip delay per request stands in for the network: half of it before Telegram takes a
request, half after.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import httpx
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

TOKEN = "123456:TEST-TOKEN-never-logged"
BOT_USER = {"id": 777000, "is_bot": True, "first_name": "Delta Expo", "username": "delta_expo_bot"}
SENDING = {"sendMessage", "sendDocument", "editMessageText", "copyMessage", "forwardMessage"}
HTML_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "code", "pre", "blockquote", "tg-emoji",
}  # fmt: skip


class ApiError(Exception):
    def __init__(self, code: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


@dataclass
class Sent:
    """One message the bot sent or edited, as Telegram recorded it."""

    method: str
    chat_id: int
    message_id: int
    text: str
    params: dict[str, Any]
    at: float  # time.monotonic() when Telegram took it

    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


@dataclass
class Attempt:
    """One request to send or edit a message, as Telegram saw it: taken (200) or refused."""

    method: str
    chat_id: int | None
    text: str
    at: float  # time.monotonic() when Telegram saw it
    status: int


@dataclass
class Injected:
    update: dict[str, Any]
    at: float

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


@dataclass
class Limits:
    """Telegram's flood limits: about 30 messages a second overall, one a second per chat
    (bursts allowed by Telegram; off unless a test asks), 20 a minute per group.
    `refuse_nth`: the n-th message request is refused with a 429 whatever the rate (a
    flood wait in the middle of a broadcast; 0 = never)."""

    overall_per_second: int = 30
    per_chat_per_second: int | None = None
    retry_after: int = 1
    refuse_nth: int = 0


@dataclass
class _Flood:
    window: deque[float] = field(default_factory=deque)

    def over(self, now: float, limit: int, period: float = 1.0) -> bool:
        while self.window and self.window[0] <= now - period:
            self.window.popleft()
        if len(self.window) >= limit:
            return True
        self.window.append(now)
        return False


# --- Telegram's HTML checks ---------------------------------------------------------------
class _EntityParser(HTMLParser):
    """Telegram's strict HTML: known tags only, properly nested, entities escaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            raise ApiError(
                400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"'
            )
        if tag == "a" and not dict(attrs).get("href"):
            raise ApiError(400, "Bad Request: can't parse entities: link without href")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.plain.append(data)


_BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")
_BARE_LT = re.compile(r"<(?![a-zA-Z/])")


def plain_text(text: str, parse_mode: str | None) -> str:
    """The text as shown, after Telegram parses the entities; raises ApiError like Telegram."""
    if (parse_mode or "").upper() != "HTML":
        return text
    if _BARE_AMP.search(text):
        raise ApiError(400, "Bad Request: can't parse entities: Unsupported entity")
    if _BARE_LT.search(text):
        raise ApiError(400, "Bad Request: can't parse entities: Unexpected end of name token")
    parser = _EntityParser()
    parser.feed(text)
    parser.close()
    if parser.rawdata:  # a "<" that starts no tag is left unparsed
        raise ApiError(400, "Bad Request: can't parse entities: Unexpected end of name token")
    if parser.stack:
        raise ApiError(
            400,
            "Bad Request: can't parse entities: Can't find end tag corresponding to start "
            f'tag "{parser.stack[-1]}"',
        )
    return "".join(parser.plain)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_markup(markup: Any) -> dict[str, Any] | None:
    if markup in (None, ""):
        return None
    if isinstance(markup, str):
        markup = json.loads(markup)
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if data is None and not button.get("url"):
                raise ApiError(400, "Bad Request: can't parse inline keyboard button")
    return dict(markup)


# --- the server ------------------------------------------------------------------------
class _Handler(RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    def check_xsrf_cookie(self) -> None:
        return None

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    async def post(self, token: str, method: str) -> None:
        params: dict[str, Any] = {}
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            params = json.loads(self.request.body)
        else:
            for name, values in self.request.arguments.items():
                raw = values[-1].decode()
                try:
                    params[name] = json.loads(raw)
                except ValueError:
                    params[name] = raw
            for name, files in self.request.files.items():
                params[name] = {"filename": files[0].filename, "size": len(files[0].body)}
        status, body = await self.api.call(token, method, params)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class FakeBotApi:
    """Start with `await api.start()`; give the app `api.base_url` as TELEGRAM_API_URL."""

    def __init__(
        self,
        *,
        delay: float = 0.0,
        limits: Limits | None = None,
        token: str = TOKEN,
        callback_answer_seconds: float = 15.0,
    ) -> None:
        self.delay = delay
        self.limits = limits or Limits()
        self.token = token
        self.callback_answer_seconds = callback_answer_seconds
        self.sent: list[Sent] = []
        self.injected: list[Injected] = []
        self.calls: list[tuple[str, float]] = []
        self.errors: list[tuple[str, int, str]] = []
        self.attempts: list[Attempt] = []  # every message request, taken or refused
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.blocked: set[int] = set()
        self.webhook: dict[str, Any] = {}
        self._updates: list[dict[str, Any]] = []  # not yet confirmed
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._query_ids = itertools.count(1)
        self._queries: dict[str, tuple[float, bool]] = {}  # id -> (asked at, answered)
        self._messages: dict[tuple[int, int], Sent] = {}
        self._overall = _Flood()
        self._message_requests = 0  # that reached the flood check
        self._per_chat: dict[int, _Flood] = {}
        self._arrived = asyncio.Condition()
        self._changed = asyncio.Event()
        self._pending = asyncio.Event()  # wakes the webhook pusher
        # Requests in progress, overall and per chat, and the most there ever were at once.
        self.in_flight: dict[int | None, int] = {}
        self.most_in_flight: dict[int | None, int] = {}
        # Called with the ids of updates as getUpdates confirms them (the offset passes them).
        self.on_confirm: Callable[[list[int]], None] | None = None
        self._server: HTTPServer | None = None
        self._pusher: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None
        self.port = 0

    # --- life cycle -------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> FakeBotApi:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(256)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        app = Application(
            [(r"/bot([^/]+)/(\w+)", _Handler, {"api": self})], log_function=lambda _h: None
        )
        self._server = HTTPServer(app, idle_connection_timeout=60)
        self._server.add_sockets([sock])
        self._client = httpx.AsyncClient(timeout=10)
        return self

    async def stop(self) -> None:
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
        if self._client is not None:
            await self._client.aclose()

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- what people do ----------------------------------------------------------------
    def _user(self, user_id: int, language_code: str | None) -> dict[str, Any]:
        person = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        if language_code:
            person["language_code"] = language_code
        return person

    def _inject(self, content: dict[str, Any]) -> Injected:
        update = {"update_id": next(self._update_ids), **content}
        injected = Injected(update, time.monotonic())
        self.injected.append(injected)
        self._updates.append(update)
        self._notify()
        return injected

    def user_message(self, user_id: int, text: str, language_code: str | None = "en") -> Injected:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": self._user(user_id, language_code),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._inject({"message": message})

    def press(
        self, user_id: int, data: str, on: Sent | None = None, language_code: str | None = "en"
    ) -> Injected:
        """A tap on an inline button (`data`), on the message `on` the bot sent."""
        query_id = str(next(self._query_ids))
        self._queries[query_id] = (time.monotonic(), False)
        message = {
            "message_id": on.message_id if on else next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": BOT_USER,
            "text": on.text if on else "",
        }
        if on and on.params.get("reply_markup"):
            message["reply_markup"] = on.params["reply_markup"]
        return self._inject(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self._user(user_id, language_code),
                    "chat_instance": f"ci{user_id}",
                    "data": data,
                    "message": message,
                }
            }
        )

    # --- what the bot did --------------------------------------------------------------
    def to(self, chat_id: int, *methods: str) -> list[Sent]:
        wanted = set(methods) or {"sendMessage", "editMessageText", "sendDocument"}
        return [s for s in self.sent if s.chat_id == chat_id and s.method in wanted]

    def answered_queries(self) -> int:
        return sum(1 for _, answered in self._queries.values() if answered)

    def pending_updates(self) -> int:
        return len(self._updates)

    async def wait_until(self, condition: Callable[[], bool], within: float) -> bool:
        deadline = time.monotonic() + within
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.2))
        return True

    def _notify(self) -> None:
        self._changed.set()
        self._pending.set()
        asyncio.get_running_loop().create_task(self._wake_pollers())

    async def _wake_pollers(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    # --- the Bot API ----------------------------------------------------------------------
    async def call(
        self, token: str, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        # Half the round trip on the way there, half on the way back; a request already
        # on its way is handled even if the client dies meanwhile (as on a real network).
        chat = params.get("chat_id") if method in SENDING else None
        keys = (None, int(chat)) if chat is not None else (None,)
        for key in keys:
            self.in_flight[key] = self.in_flight.get(key, 0) + 1
            self.most_in_flight[key] = max(self.most_in_flight.get(key, 0), self.in_flight[key])
        try:
            return await self._call(token, method, params)
        finally:
            for key in keys:
                self.in_flight[key] -= 1

    async def _call(
        self, token: str, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        await asyncio.sleep(self.delay / 2)
        arrived = time.monotonic()
        self.calls.append((method, arrived))
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            result = await self._dispatch(method, params)
            body: dict[str, Any] = {"ok": True, "result": result}
            status = 200
        except ApiError as exc:
            self.errors.append((method, exc.code, exc.description))
            body = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.parameters:
                body["parameters"] = exc.parameters
            status = exc.code
        if method in SENDING:
            chat = params.get("chat_id")
            chat_id = None if chat is None else int(chat)
            text = str(params.get("text") or "")
            self.attempts.append(Attempt(method, chat_id, text, arrived, status))
        self._changed.set()
        await asyncio.sleep(self.delay / 2)
        return status, body

    async def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return await handler(params)

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return BOT_USER

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:  # updates below the offset are confirmed: Telegram forgets them
            confirmed = [u["update_id"] for u in self._updates if u["update_id"] < offset]
            if confirmed and self.on_confirm is not None:
                self.on_confirm(confirmed)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0:
            async with self._arrived:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._arrived.wait_for(lambda: bool(self._updates)), timeout
                    )
        return self._updates[:limit]

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = {
            "url": params.get("url", ""),
            "secret_token": params.get("secret_token"),
            "max_connections": int(params.get("max_connections") or 40),
        }
        if params.get("drop_pending_updates"):
            self._updates.clear()
        if self.webhook["url"] and self._pusher is None:
            self._pusher = asyncio.get_running_loop().create_task(self._push_forever())
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}  # fmt: skip

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[params.get("language_code") or ""] = commands
        return True

    async def _api_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        self.commands.pop(params.get("language_code") or "", None)
        return True

    def _flood_check(self, chat_id: int) -> None:
        now = time.monotonic()
        limits = self.limits
        self._message_requests += 1
        if limits.refuse_nth and self._message_requests == limits.refuse_nth:
            raise ApiError(429, f"Too Many Requests: retry after {limits.retry_after}",
                           retry_after=limits.retry_after)  # fmt: skip
        per_chat = self._per_chat.setdefault(chat_id, _Flood())
        if limits.per_chat_per_second and per_chat.over(now, limits.per_chat_per_second):
            raise ApiError(429, f"Too Many Requests: retry after {limits.retry_after}",
                           retry_after=limits.retry_after)  # fmt: skip
        if self._overall.over(now, limits.overall_per_second):
            if limits.per_chat_per_second:
                per_chat.window.pop()
            raise ApiError(429, f"Too Many Requests: retry after {limits.retry_after}",
                           retry_after=limits.retry_after)  # fmt: skip

    def _chat(self, params: dict[str, Any]) -> int:
        try:
            chat_id = int(params["chat_id"])
        except (KeyError, TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _checked_text(self, params: dict[str, Any]) -> str:
        text = str(params.get("text") or "")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        shown = plain_text(text, params.get("parse_mode"))
        if _utf16_length(shown) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    def _record(self, method: str, chat_id: int, message_id: int, text: str,
                params: dict[str, Any]) -> Sent:  # fmt: skip
        sent = Sent(method, chat_id, message_id, text, params, time.monotonic())
        self.sent.append(sent)
        self._messages[(chat_id, message_id)] = sent
        return sent

    @staticmethod
    def _message(sent: Sent) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": {"id": sent.chat_id, "type": "private"},
            "from": BOT_USER,
        }
        if sent.method == "sendDocument":
            document = sent.params.get("document") or {}
            message["document"] = {"file_id": "f", "file_unique_id": "u",
                                   "file_name": document.get("filename")}  # fmt: skip
        else:
            message["text"] = sent.text
        if sent.params.get("reply_markup"):
            message["reply_markup"] = sent.params["reply_markup"]
        return message

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = self._chat(params)
        text = self._checked_text(params)
        params["reply_markup"] = check_markup(params.get("reply_markup"))
        self._flood_check(chat_id)
        return self._message(
            self._record("sendMessage", chat_id, next(self._message_ids), text, params)
        )

    async def _api_sendDocument(self, params: dict[str, Any]) -> Any:
        chat_id = self._chat(params)
        if not isinstance(params.get("document"), dict):
            raise ApiError(400, "Bad Request: there is no document in the request")
        self._flood_check(chat_id)
        return self._message(
            self._record("sendDocument", chat_id, next(self._message_ids), "", params)
        )

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        chat_id = self._chat(params)
        message_id = int(params.get("message_id") or 0)
        text = self._checked_text(params)
        markup = check_markup(params.get("reply_markup"))
        before = self._messages.get((chat_id, message_id))
        if before is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if before.text == text and before.params.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        self._flood_check(chat_id)
        params["reply_markup"] = markup
        return self._message(self._record("editMessageText", chat_id, message_id, text, params))

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        query_id = str(params.get("callback_query_id") or "")
        asked = self._queries.get(query_id)
        if asked is None or asked[1] or time.monotonic() - asked[0] > self.callback_answer_seconds:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        if len(str(params.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._queries[query_id] = (asked[0], True)
        return True

    # --- webhook delivery -----------------------------------------------------------------
    async def _push_forever(self) -> None:
        """Like Telegram: each pending update is POSTed until the bot answers 200; only then
        is it forgotten. Up to max_connections requests at once."""
        in_flight: dict[int, asyncio.Task[None]] = {}
        while True:
            url = self.webhook.get("url")
            if url:
                limit = self.webhook["max_connections"]
                for update in list(self._updates):
                    uid = update["update_id"]
                    if uid not in in_flight and len(in_flight) < limit:
                        in_flight[uid] = asyncio.get_running_loop().create_task(
                            self._push(url, update)
                        )
            for uid, task in list(in_flight.items()):
                if task.done():
                    del in_flight[uid]
            self._pending.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._pending.wait(), 0.05)

    async def _push(self, url: str, update: dict[str, Any]) -> None:
        assert self._client is not None
        headers = {"Content-Type": "application/json"}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
        await asyncio.sleep(self.delay / 2)
        try:
            response = await self._client.post(url, content=json.dumps(update), headers=headers)
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        if ok:
            self._updates = [u for u in self._updates if u is not update]
            self._changed.set()
            self._pending.set()
        else:
            await asyncio.sleep(0.2)  # Telegram retries later


# --- reading the record -------------------------------------------------------------------
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
