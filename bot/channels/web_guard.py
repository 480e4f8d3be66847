"""What guards the web chat: the signed visitor cookie, same-origin checks, rate limits and
the security headers every response carries."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.settings import LOCALES

COOKIE = "expo_chat"
COOKIE_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at 400 days

# Nothing but our own origin: no inline script or style, no frames, no other hosts.
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


# --- the visitor cookie -----------------------------------------------------------------
@dataclass(frozen=True)
class VisitorCookie:
    """`<id>.<signature>`: the visitor's random id, signed so it cannot be guessed or
    changed. The key is derived from CALLBACK_SECRET, so sessions survive restarts when it
    is set, like buttons."""

    secret: str

    def _sign(self, external_id: int) -> str:
        digest = hmac.new(
            self.secret.encode(), f"web-visitor|{external_id}".encode(), hashlib.sha256
        ).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode()

    def encode(self, external_id: int) -> str:
        return f"{external_id}.{self._sign(external_id)}"

    def decode(self, value: str | None) -> int | None:
        if not value:
            return None
        raw_id, _, signature = value.partition(".")
        if not raw_id.isdigit() or len(raw_id) > 16:
            return None
        external_id = int(raw_id)
        if not hmac.compare_digest(signature, self._sign(external_id)):
            return None
        return external_id


# --- same origin ------------------------------------------------------------------------
def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def same_origin(request: Request, allowed: tuple[str, ...] = ()) -> bool:
    """A state-changing request must come from our page: its Origin (or, from browsers that
    leave Origin out, its Referer) is the page's own origin or an allowed one."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        origin = origin_of(request.headers.get("referer", ""))
    if not origin:
        return False
    host = request.headers.get("host", "").lower()
    origin = origin.lower().rstrip("/")
    # The page's own origin; or its https twin, for a TLS proxy whose X-Forwarded-Proto is
    # not trusted (an https origin is never a downgrade).
    own = {f"{request.url.scheme}://{host}", f"https://{host}"}
    return origin in own or origin in {a.lower().rstrip("/") for a in allowed}


# --- rate limits --------------------------------------------------------------------------
@dataclass
class RateLimiter:
    """Token buckets per key: `per_minute` a minute on average, bursts of a third of it."""

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _calls: int = 0

    @property
    def capacity(self) -> float:
        return float(max(5, self.per_minute // 3))

    def allow(self, key: str) -> bool:
        now = self._now()
        tokens, then = self._buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.per_minute / 60.0)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        self._calls += 1
        if self._calls % 1000 == 0:
            self._forget_idle(now)
        return allowed

    def retry_after(self, key: str) -> int:
        tokens, _ = self._buckets.get(key, (self.capacity, self._now()))
        return max(1, round((1.0 - tokens) * 60.0 / self.per_minute))

    def _now(self) -> float:
        return self.clock()

    def _forget_idle(self, now: float) -> None:
        """A bucket that has refilled is the same as none."""
        refill = self.capacity * 60.0 / self.per_minute
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < refill}


# --- languages ---------------------------------------------------------------------------
def accepted_locale(header: str | None) -> str | None:
    """The first of our locales in an Accept-Language header, by its q order."""
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().replace("_", "-").split("-")[0].lower()
        if primary in LOCALES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else None


# --- headers ------------------------------------------------------------------------------
class SecurityHeaders:
    """Adds the security headers to every response, streamed ones too; HSTS over HTTPS."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if secure:
                    headers.setdefault("strict-transport-security", "max-age=31536000")
            await send(message)

        await self.app(scope, receive, with_headers)
