"""The web chat over HTTP: the real Starlette app, router and database (SQLite and
PostgreSQL); the NLU service is down here, so messages are commands and button presses
(tests/bot/test_web_nlu.py and the browser tests talk in free text)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.channels.web import WebChat
from bot.channels.web_guard import COOKIE, RateLimiter, VisitorCookie, accepted_locale
from bot.render import to_runs
from core import broadcasts, webchat
from core.db import transaction
from core.models import Broadcast, Meeting, Notification, User, WebInboxItem
from tests.conftest import base_settings, make_container
from tests.support.web import BASE, button, buttons_of, client, press, say, served, text_of


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def chat_app(request: pytest.FixtureRequest, seeded_url: str) -> AsyncIterator[Any]:
    url = seeded_url if request.param == "sqlite" else request.getfixturevalue("postgres_seeded")
    container = make_container(base_settings(url))
    yield container
    await container.aclose()


@pytest.fixture
def chat(chat_app) -> WebChat:
    return WebChat(chat_app.router, deliver=False)


async def book_first_slot(browser: httpx.AsyncClient, codec: Any) -> dict:
    """The "Book a meeting" button of Nordic Medtech's card, then its first free slot."""
    picker = await press(browser, codec.encode("bk", "EX00001"))
    slot = buttons_of(picker["reply"])[0]["data"]
    return await press(browser, slot)


def browser_for(chat: WebChat, base: str = BASE, **headers: str) -> httpx.AsyncClient:
    return client(chat.app(), base, **headers)


# --- the page ---------------------------------------------------------------------------
async def test_the_page_speaks_the_browser_language_and_sets_a_private_cookie(chat) -> None:
    async with browser_for(chat, **{"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"}) as browser:
        page = await browser.get("/")
    assert page.status_code == 200
    assert '<html lang="zh">' in page.text
    assert "<title>长三角进博会助手</title>" in page.text
    cookie = page.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    strings = json.loads(re.search(r'id="strings">(.*?)</script>', page.text, re.S)[1])
    assert strings["send"] == "发送"


async def test_security_headers_and_no_cors(chat) -> None:
    async with browser_for(chat) as browser:
        page = await browser.get("/", headers={"origin": "https://elsewhere.example"})
        preflight = await browser.options("/api/message")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    for response in (page, preflight):
        assert not any(h.startswith("access-control-") for h in response.headers)
    assert preflight.status_code == 405


async def test_the_first_load_is_small_and_all_from_our_origin(chat) -> None:
    async with browser_for(chat) as browser:
        page = await browser.get("/")
        total = len(page.content)
        links = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert links and all(link.startswith(("/", "#")) for link in links), links
        for link in {link for link in links if link.startswith("/static/")}:
            asset = await browser.get(link, headers={"accept-encoding": "identity"})
            assert asset.status_code == 200, link
            assert "immutable" in asset.headers["cache-control"]
            total += len(asset.content)
    assert "<style" not in page.text and " style=" not in page.text
    assert not re.search(r"<script(?![^>]*(src=|application/json))", page.text)
    assert total < 100_000, f"first load is {total} bytes"


async def test_page_words_per_locale(chat) -> None:
    async with browser_for(chat) as browser:
        german = (await browser.get("/i18n/de.json")).json()
        missing = await browser.get("/i18n/xx.json")
    assert german["send"] == "Senden"
    assert set(german) >= {"typing", "unreachable", "rate_limited", "download"}
    assert missing.status_code == 404


# --- guards -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"origin": ""},
        {"origin": "", "referer": "https://evil.example/page"},
    ],
)
async def test_a_post_from_another_origin_is_refused(chat, headers) -> None:
    async with browser_for(chat) as browser:
        response = await browser.post("/api/message", json={"text": "/start"}, headers=headers)
        assert response.status_code == 403
        assert (await browser.post("/api/message", json={"text": "/start"})).status_code == 200


async def test_a_referer_from_our_page_stands_in_for_a_missing_origin(chat) -> None:
    async with browser_for(chat) as browser:
        headers = {"origin": "", "referer": f"{BASE}/"}
        response = await browser.post("/api/message", json={"text": "/start"}, headers=headers)
    assert response.status_code == 200


async def test_behind_a_tls_proxy_the_https_origin_is_ours_but_http_is_not_for_https(chat) -> None:
    async with browser_for(chat) as browser:  # the app sees http: the proxy's scheme unknown
        ok = await browser.post(
            "/api/message", json={"text": "/start"}, headers={"origin": "https://chat.test"}
        )
    assert ok.status_code == 200
    async with browser_for(chat, base="https://chat.test") as secure:
        downgraded = await secure.post(
            "/api/message", json={"text": "/start"}, headers={"origin": "http://chat.test"}
        )
    assert downgraded.status_code == 403


async def test_a_form_post_cannot_reach_the_api(chat) -> None:
    """A cross-site HTML form can only send form encodings, never JSON."""
    async with browser_for(chat) as browser:
        response = await browser.post("/api/message", data={"text": "/delete_me"})
    assert response.status_code == 415


async def test_a_message_over_the_size_limit_is_refused_in_the_visitor_language(chat) -> None:
    async with browser_for(chat, **{"accept-language": "ja"}) as browser:
        response = await browser.post("/api/message", json={"text": "x" * 9000})
    assert response.status_code == 413
    assert response.json()["error"] != "Your message is too long."


async def test_a_long_message_within_the_limit_gets_the_router_answer(chat) -> None:
    async with browser_for(chat) as browser:
        answer = await say(browser, "a" * 1500)
    assert "1000" in text_of(answer["reply"]) or "1,000" in text_of(answer["reply"])


async def test_too_many_messages_from_one_visitor_get_a_clear_localized_message(chat) -> None:
    async with browser_for(chat, **{"accept-language": "zh-CN"}) as browser:
        codes = [
            (await browser.post("/api/message", json={"text": "/help"})).status_code
            for _ in range(int(RateLimiter(chat.settings.web_rate_per_minute).capacity) + 1)
        ]
        refused = await browser.post("/api/message", json={"text": "/help"})
    assert set(codes[:-1]) == {200} and codes[-1] == 429
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "太快" in refused.json()["error"]


async def test_many_visitors_behind_one_address_share_a_larger_limit(chat_app) -> None:
    from dataclasses import replace

    router = chat_app.router
    router.settings = replace(router.settings, web_ip_rate_per_minute=30)
    chat = WebChat(router, deliver=False)
    app = chat.app()
    statuses = []
    for _ in range(12):  # a new visitor each time, all from one office's address
        async with client(app, ip="198.51.100.1") as browser:
            statuses.append(
                (await browser.post("/api/message", json={"text": "/help"})).status_code
            )
    assert statuses[:10] == [200] * 10 and statuses[-1] == 429
    async with client(app, ip="198.51.100.2") as other:
        assert (await other.post("/api/message", json={"text": "/help"})).status_code == 200


def test_rate_limiter_refills_over_time() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, clock=lambda: now[0])
    assert all(limiter.allow("k") for _ in range(20))
    assert not limiter.allow("k")
    assert limiter.retry_after("k") == 1
    now[0] += 1.0
    assert limiter.allow("k") and not limiter.allow("k")
    assert limiter.allow("other")


def test_the_visitor_cookie_cannot_be_forged_or_changed() -> None:
    cookie = VisitorCookie("secret")
    value = cookie.encode(123456789)
    assert cookie.decode(value) == 123456789
    _, _, signature = value.partition(".")
    assert cookie.decode(f"123456790.{signature}") is None
    assert cookie.decode(value + "x") is None
    assert VisitorCookie("another secret").decode(value) is None
    assert cookie.decode("-1.abc") is None and cookie.decode("") is None


def test_accept_language_by_quality() -> None:
    assert accepted_locale("zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert accepted_locale("pt-BR, de;q=0.5, en;q=0.7") == "en"
    assert accepted_locale("ko-KR") == "ko"
    assert accepted_locale("pt, it") is None
    assert accepted_locale(None) is None


def test_reply_markup_becomes_text_runs_and_never_markup() -> None:
    runs = to_runs(
        "<b>Nordic &amp; Co</b> &lt;script&gt;alert(1)&lt;/script&gt;\n"
        '<a href="https://example.com/a?b=1&amp;c=2">source</a> '
        '<a href="javascript:alert(1)">bad</a> <i><code>x</code></i>'
    )
    assert runs[0] == {"t": "Nordic & Co", "b": True}
    assert runs[1]["t"].startswith(" <script>alert(1)</script>")
    link = next(r for r in runs if r["t"] == "source")
    assert link["href"] == "https://example.com/a?b=1&c=2"
    assert not any(r.get("href", "").startswith("javascript") for r in runs)
    assert {"t": "x", "i": True, "code": True} in runs


async def test_user_text_comes_back_as_text_not_markup(chat) -> None:
    async with browser_for(chat) as browser:
        answer = await say(browser, "/<script>alert(1)</script>")
    runs = answer["reply"]["text"]
    assert "/<script>alert(1)</script>" in text_of(answer["reply"])
    assert all(set(run) <= {"t", "b", "i", "code", "href"} for run in runs)


# --- conversations, sessions and files ------------------------------------------------------
async def test_buttons_are_signed_and_forged_ones_are_refused(chat) -> None:
    async with browser_for(chat) as browser:
        start = await say(browser, "/start")
        search = await press(browser, button(start["reply"], "Find exhibitors"))
        assert buttons_of(search["reply"])
        forged = await press(browser, "ex|EX00001|forged!!")
    assert "expired" in text_of(forged["reply"])


async def test_book_a_meeting_and_download_its_calendar_file(chat) -> None:
    async with browser_for(chat) as browser:
        booked = await book_first_slot(browser, chat.router.codec)
        assert "Meeting booked" in text_of(booked["reply"])
        export = await press(browser, button(booked["reply"], "Add to calendar"))
        file = export["reply"]["file"]
        assert file["name"].endswith(".ics") and file["url"].startswith("/files/")
        download = await browser.get(file["url"])
        assert download.status_code == 200
        assert download.headers["content-type"].startswith("text/calendar")
        assert "attachment" in download.headers["content-disposition"]
        assert b"BEGIN:VCALENDAR" in download.content and b"Asia/Shanghai" in download.content
    async with browser_for(chat) as stranger:  # another visitor, or no cookie at all
        await stranger.get("/")
        assert (await stranger.get(file["url"])).status_code == 404
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=chat.app()), base_url=BASE
    ) as anonymous:
        assert (await anonymous.get(file["url"])).status_code == 404


async def test_meetings_and_language_persist_across_visits(chat) -> None:
    async with browser_for(chat) as browser:
        await browser.get("/")
        await book_first_slot(browser, chat.router.codec)
        switched = await say(browser, "/language de")
        assert switched["locale"] == "de"
        saved = browser.cookies[COOKIE]
    # A later visit with the same cookie, from a browser that prefers English.
    async with browser_for(chat, **{"accept-language": "en"}) as later:
        later.cookies.set(COOKIE, saved, domain="chat.test")
        page = await later.get("/")
        assert '<html lang="de">' in page.text
        assert "set-cookie" not in page.headers
        meetings = await say(later, "/meetings")
    assert meetings["locale"] == "de"
    assert "EX00001" in json.dumps(meetings) or "Nordic" in text_of(meetings["reply"])
    with chat.router.sessions() as session:
        visitor_id = VisitorCookie(chat.settings.callback_secret).decode(saved)
        user = session.scalars(select(User).where(User.external_id == visitor_id)).one()
        assert user.channel == "web" and user.locale == "de"
        assert 0 < user.external_id < 2**53


async def test_delete_me_erases_the_visitor_and_clears_the_cookie(chat) -> None:
    async with browser_for(chat) as browser:
        await browser.get("/")
        await book_first_slot(browser, chat.router.codec)
        visitor_id = VisitorCookie(chat.settings.callback_secret).decode(browser.cookies[COOKIE])
        privacy = await say(browser, "/privacy")
        assert "delete_me" in text_of(privacy["reply"])
        ask = await say(browser, "/delete_me")
        response = await browser.post("/api/button", json={"data": button(ask["reply"], "Yes")})
        assert "erased" in text_of(response.json()["reply"])
        assert response.json()["forgotten"] is True  # the page forgets its transcript too
        assert re.search(rf'{COOKIE}=""?;.*Max-Age=0', response.headers["set-cookie"])
        assert COOKIE not in browser.cookies
    with chat.router.sessions() as session:
        assert session.scalar(select(func.count()).select_from(User).where(
            User.external_id == visitor_id)) == 0  # fmt: skip
        assert session.scalar(select(func.count()).select_from(Meeting).where(
            Meeting.user_id.not_in(select(User.id)))) == 0  # fmt: skip


# --- messages sent on our own ---------------------------------------------------------------
async def _open_stream(base: str, cookie: str, last_event: str = "") -> tuple[Any, Any]:
    http = httpx.AsyncClient(base_url=base, cookies={COOKIE: cookie}, timeout=10)
    headers = {"last-event-id": last_event} if last_event else {}
    stream = http.stream("GET", "/api/events", headers=headers)
    response = await stream.__aenter__()
    assert response.headers["content-type"].startswith("text/event-stream")
    return http, (stream, response.aiter_lines())


async def _next_event(lines) -> dict[str, Any]:
    event: dict[str, Any] = {}
    async for line in lines:
        if not line:
            if "data" in event:
                return event
            continue
        name, _, value = line.partition(": ")
        if name in {"id", "event", "data"}:
            event[name] = value
    raise AssertionError("stream ended")


async def test_a_reminder_reaches_an_open_page_live_and_once(chat_app) -> None:
    router = chat_app.router
    chat = WebChat(router, deliver=True, poll_interval=0.2)
    async with served(chat.app()) as base:
        async with httpx.AsyncClient(base_url=base, headers={"origin": base}) as browser:
            await browser.get("/")
            await book_first_slot(browser, chat.router.codec)
            cookie = browser.cookies[COOKIE]
        with router.sessions() as session:
            visitor_id = VisitorCookie(chat.settings.callback_secret).decode(cookie)
            start = session.scalars(
                select(Meeting.starts_at).join(User, User.id == Meeting.user_id)
                .where(User.external_id == visitor_id)
            ).one()  # fmt: skip
        http, (stream, lines) = await _open_stream(base, cookie)
        try:
            router.clock = lambda: start - timedelta(minutes=30)
            chat.deliver_soon()
            event = await asyncio.wait_for(_next_event(lines), 10)
            assert event["event"] == "notice"
            reminder = json.loads(event["data"])
            assert "starts in 30 minutes" in text_of(reminder)
            assert buttons_of(reminder)[0]["label"].endswith("Add to calendar")
            seen = await http.post(
                "/api/seen", json={"id": reminder["id"]}, headers={"origin": base}
            )
            assert seen.status_code == 204
        finally:
            await stream.__aexit__(None, None, None)
            await http.aclose()
        # The outcome is recorded a moment after the page shows the message.
        for _ in range(50):
            with router.sessions() as session:
                user_id = session.scalars(
                    select(User.id).where(User.external_id == visitor_id)
                ).one()
                status = session.scalars(
                    select(Notification.status).where(
                        Notification.kind == "reminder", Notification.user_id == user_id
                    )
                ).one()
            if status == "sent":
                break
            await asyncio.sleep(0.1)
        assert status == "sent"
        with router.sessions() as session:
            inbox = session.scalars(select(WebInboxItem).where(WebInboxItem.user_id == user_id))
            assert [item.seen_at is not None for item in inbox] == [True]
        # The next visit shows nothing again.
        http, (stream, lines) = await _open_stream(base, cookie)
        try:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(_next_event(lines), 1.5)
        finally:
            await stream.__aexit__(None, None, None)
            await http.aclose()


async def test_a_broadcast_sent_while_away_waits_in_the_inbox(database_url) -> None:
    container = make_container(base_settings(database_url))  # an empty database of its own
    router = container.router
    chat = WebChat(router, deliver=False, poll_interval=0.2)
    async with served(chat.app()) as base:
        async with httpx.AsyncClient(base_url=base, headers={"origin": base}) as browser:
            await browser.get("/")
            await say(browser, "/start")
            cookie = browser.cookies[COOKIE]
        visitor_id = VisitorCookie(chat.settings.callback_secret).decode(cookie)
        with transaction(router.sessions) as session:
            broadcast = broadcasts.create(session, 9001, "en", "Hall 8 opens at 8:30 <b>today</b>")
            assert broadcasts.count_recipients(session, broadcast) == 1  # web visitors count
            broadcasts.queue(session, broadcast, router.clock())
            broadcast_id = broadcast.id
        report = await chat.delivery.run_due()
        assert report.counts == {"sent": 1}
        with transaction(router.sessions) as session:
            found = session.get(Broadcast, broadcast_id)
            assert broadcasts.report(session, found) == {"sent": 1}
        http, (stream, lines) = await _open_stream(base, cookie)
        try:
            event = await asyncio.wait_for(_next_event(lines), 5)
        finally:
            await stream.__aexit__(None, None, None)
            await http.aclose()
    message = json.loads(event["data"])
    assert text_of(message) == "📢 Hall 8 opens at 8:30 <b>today</b>"
    with router.sessions() as session:
        assert webchat.unseen(session, visitor_id)[0].id == message["id"]
    await container.aclose()


async def test_a_visitor_cannot_hold_open_streams_without_end(chat_app) -> None:
    from bot.channels.web import MAX_PAGES

    chat = WebChat(chat_app.router, deliver=False)
    cookie = VisitorCookie(chat.settings.callback_secret).encode(4242)
    async with (
        served(chat.app()) as base,
        httpx.AsyncClient(base_url=base, cookies={COOKIE: cookie}, timeout=10) as http,
    ):
        streams = [http.stream("GET", "/api/events") for _ in range(MAX_PAGES)]
        readers = [(await stream.__aenter__()).aiter_lines() for stream in streams]
        for lines in readers:
            assert await anext(lines) == "retry: 5000"  # the page is open
        refused = await http.get("/api/events")
        for stream in streams:
            await stream.__aexit__(None, None, None)
    assert refused.status_code == 429


async def test_events_without_a_session_end_at_once(chat) -> None:
    async with client(chat.app()) as anonymous:
        response = await anonymous.get("/api/events")
    assert response.status_code == 204


# --- free text, through the real NLU model ----------------------------------------------------
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def nlu_chat(request, seeded_url: str, nlu_server) -> AsyncIterator[WebChat]:
    url = seeded_url if request.param == "sqlite" else request.getfixturevalue("postgres_seeded")
    container = make_container(base_settings(url, nlu_url=nlu_server.url))
    yield WebChat(container.router, deliver=False)
    await container.aclose()


@pytest.mark.nlu
async def test_a_chinese_visitor_searches_and_asks_about_lingang(nlu_chat) -> None:
    async with browser_for(nlu_chat, **{"accept-language": "zh-CN,zh;q=0.9"}) as browser:
        await browser.get("/")
        found = await say(browser, "找医疗器械展商")
        assert found["locale"] == "zh"
        assert "展商" in text_of(found["reply"])
        card = await press(browser, button(found["reply"], "1."))
        assert card["reply"]["text"][0].get("b")  # the company's name leads the card
        answer = await say(browser, "临港的企业所得税有什么优惠")
    sources = [run for run in answer["reply"]["text"] if "href" in run]
    assert sources and all(run["href"].startswith(("https://", "http://")) for run in sources)


# --- running it ----------------------------------------------------------------------------
def test_python_m_bot_web_serves_the_chat_and_prints_its_address(tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from core.settings import ROOT
    from tests.support.web import free_port

    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "NLU_MANAGE": "0",
        "NLU_URL": f"http://127.0.0.1:{free_port()}",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "web", "--port", str(port)],
        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        page = httpx.get(f"http://127.0.0.1:{port}/", headers={"accept-language": "ko"})
        assert page.status_code == 200 and '<html lang="ko">' in page.text
        assert "server" not in page.headers
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=30)
    assert server.returncode == 0, errors
    assert f"Web chat: http://127.0.0.1:{port}/" in errors


async def test_beside_telegram_the_chat_runs_in_a_thread_of_its_own(app) -> None:
    from bot.channels.web import Background
    from tests.support.web import free_port

    port = free_port()
    background = Background(app.router, "127.0.0.1", port).start()
    try:
        assert await asyncio.to_thread(background.wait_started)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            await http.get("/")
            answer = await http.post(
                "/api/message", json={"text": "/help"}, headers={"origin": str(http.base_url)}
            )
        assert answer.status_code == 200 and buttons_of(answer.json()["reply"])
    finally:
        await asyncio.to_thread(background.stop)
    assert not background.thread.is_alive()
