"""The web chat in a real browser: Debian's chromium driven by Playwright, a phone-sized
window, the real app served by uvicorn, the real NLU model and the demo catalog. Whole
conversations in Chinese and English; every request must stay on our origin, and the page
must not trip its own Content-Security-Policy. Screenshots go to reports/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import select

from bot.channels.web import WebChat, own_router
from core.i18n import translator
from core.models import Meeting
from core.settings import ROOT
from tests.conftest import base_settings, make_container
from tests.support.web import served_in_thread

CHROMIUM = Path("/usr/bin/chromium")
REPORTS = ROOT / "reports"
PHONE = {"width": 390, "height": 780}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.nlu,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="chromium is not installed: apt-get install -y chromium (.ci/run does it)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


class Site:
    """The web chat on a free port, over a copy of the demo database."""

    def __init__(self, chat: WebChat, base: str) -> None:
        self.chat = chat
        self.base = base

    def meeting_start(self) -> Any:
        with self.chat.router.sessions() as session:
            return session.scalars(select(Meeting.starts_at)).one()


@pytest.fixture
def site(seeded_url: str, nlu_server) -> Iterator[Site]:
    settings = replace(base_settings(seeded_url, nlu_url=nlu_server.url), delivery_interval=0.3)
    container = make_container(settings)
    chat = WebChat(own_router(container.router), poll_interval=0.2)
    with served_in_thread(chat.app()) as base:
        yield Site(chat, base)
    container.engine.dispose()


class Visit:
    """One phone's tab on the chat, recording every request and console error."""

    def __init__(self, browser: Browser, site: Site, locale: str) -> None:
        self.site = site
        self.context = browser.new_context(
            viewport=PHONE,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale=locale,
            accept_downloads=True,
            # WeChat's built-in browser announces itself like this.
            user_agent=(
                "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47 NetType/4G Language/"
                + locale.replace("-", "_")
            ),
        )
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: self.problems.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))

    def open(self) -> None:
        with self.page.expect_response(re.compile(r"/api/message$")):
            self.page.goto(self.site.base + "/")
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_selector(".typing", state="detached")

    def bots(self) -> Any:
        return self.page.locator(".msg.bot:not(.typing)")

    def say(self, text: str) -> Any:
        before = self.bots().count()
        self.page.fill("#message", text)
        with self.page.expect_response(re.compile(r"/api/message$")):
            self.page.press("#message", "Enter")
        self.settle()
        assert self.page.locator(".msg.me").last.inner_text().endswith(text)
        assert self.bots().count() == before + 1
        return self.bots().last

    def tap(self, message: Any, label: str) -> Any:
        """Taps the chip whose label holds `label`; the reply replaces the message when it
        is an edit, like Telegram."""
        before = self.bots().count()
        chip = message.locator(".chip", has_text=label).first
        with self.page.expect_response(re.compile(r"/api/button$")):
            chip.tap()
        self.settle()
        return self.bots().last if self.bots().count() > before else message

    def shot(self, name: str) -> None:
        REPORTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(REPORTS / f"web-{name}.png"))

    def check_clean(self) -> None:
        foreign = [url for url in self.requests if not url.startswith(self.site.base + "/")]
        assert not foreign, f"requests to other origins: {foreign}"
        assert not self.problems, self.problems

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Browser, site: Site) -> Iterator[Any]:
    opened: list[Visit] = []

    def start(locale: str) -> Visit:
        opened.append(Visit(browser, site, locale))
        opened[-1].open()
        return opened[-1]

    yield start
    for each in opened:
        each.close()


def words(locale: str, message: str) -> str:
    return translator(locale).gettext(message)


def book_and_download(chat: Visit, card: Any, locale: str) -> None:
    picker = chat.tap(card, words(locale, "🤝 Book a meeting"))
    booked = chat.tap(picker, ":")  # the first free slot (its label is a time)
    assert words(locale, "✅ Meeting booked:") in booked.inner_text()
    export = chat.tap(booked, words(locale, "📅 Add to calendar"))
    link = export.locator("a.file")
    assert link.get_attribute("download", timeout=5000).endswith(".ics")
    with chat.page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    content = Path(download.path()).read_bytes()
    assert b"BEGIN:VCALENDAR" in content and b"Asia/Shanghai" in content


def test_a_conversation_in_chinese(visit) -> None:
    chat = visit("zh-CN")
    page = chat.page
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("#send").inner_text() == "发送"
    welcome = chat.bots().first
    assert welcome.locator(".chip").count() >= 4  # the menu as tappable chips

    found = chat.say("找医疗器械展商")
    assert "展" in found.inner_text()
    chat.shot("zh-search")
    card = chat.tap(found, "1.")
    assert "card" in (card.get_attribute("class") or "")
    assert "展位" in card.inner_text()
    book_and_download(chat, card, "zh")
    chat.shot("zh-meeting")

    answer = chat.say("临港的企业所得税有什么优惠")
    sources = answer.locator("a[href^='http']")
    assert sources.count() >= 1
    assert sources.first.get_attribute("target") == "_blank"
    assert "noopener" in (sources.first.get_attribute("rel") or "")
    chat.shot("zh-lingang")

    with page.expect_response(re.compile(r"/api/message$")):
        page.select_option("#language", "en")
    chat.settle()
    # Polled by Playwright's own script: a string predicate would be eval'd in the page,
    # which the page's strict CSP refuses whenever the first check is not yet true.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "English" in chat.bots().last.inner_text()
    assert page.locator("#send").inner_text() == "Send"
    assert page.get_by_role("textbox", name="Your message").is_visible()
    chat.check_clean()


def test_a_conversation_in_english_with_a_reminder_arriving_live(visit, site) -> None:
    chat = visit("en-GB")
    page = chat.page
    found = chat.say("where is the booth of Nordic Medtech")
    assert "Nordic Medtech" in found.inner_text() and "booth" in found.inner_text().lower()
    book_and_download(chat, found, "en")

    answer = chat.say("What are the Lingang corporate income tax incentives?")
    assert answer.locator("a[href^='http']").count() >= 1

    listed = chat.say("find medical devices exhibitors")
    assert "exhibitors for" in listed.inner_text()
    chat.shot("en-search")

    # The reminder is due: the delivery loop puts it into the inbox, the page shows it.
    start = site.meeting_start()
    pushed = page.locator(".msg.pushed")
    with page.expect_response(re.compile(r"/api/seen$"), timeout=15_000):
        site.chat.router.clock = lambda: start - timedelta(minutes=30)
        pushed.wait_for(timeout=10_000)
    assert "starts in 30 minutes" in pushed.inner_text()
    chat.shot("en-reminder")

    # Reloading the tab keeps the conversation; the reminder is not shown twice.
    page.reload()
    page.wait_for_selector(".msg.bot")
    page.wait_for_timeout(800)
    assert page.locator(".msg.pushed").count() == 1
    chat.check_clean()


def test_typing_indicator_and_an_unreachable_assistant(visit) -> None:
    chat = visit("en-US")
    page = chat.page

    def slow(route: Any) -> None:
        page.wait_for_timeout(700)
        route.continue_()

    page.route("**/api/message", slow)
    page.fill("#message", "/help")
    page.press("#message", "Enter")
    typing = page.locator(".typing")
    typing.wait_for(state="attached")
    assert "typing" in typing.inner_text()
    chat.settle()
    page.unroute("**/api/message")

    page.route("**/api/message", lambda route: route.abort("internetdisconnected"))
    chat.page.fill("#message", "/meetings")
    page.press("#message", "Enter")
    alert = page.locator(".system.error")
    alert.wait_for()
    assert "cannot be reached" in alert.inner_text()
    chat.shot("en-unreachable")
    page.unroute("**/api/message")
    before = chat.bots().count()
    with page.expect_response(re.compile(r"/api/message$")):
        alert.locator("button", has_text="Try again").click()
    chat.settle()
    assert chat.bots().count() == before + 1
    chat.problems = [p for p in chat.problems if "ERR_INTERNET_DISCONNECTED" not in p]
    chat.check_clean()


def test_keyboard_only_and_screen_reader_structure(visit) -> None:
    chat = visit("en-US")
    page = chat.page
    assert page.get_by_role("log").get_attribute("aria-live") == "polite"
    assert page.get_by_role("combobox", name="Language").is_visible()
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "message"
    page.keyboard.type("/start")
    with page.expect_response(re.compile(r"/api/message$")):
        page.keyboard.press("Enter")
    chat.settle()
    assert page.evaluate("document.activeElement.id") == "message"
    # Shift+Tab walks back from the input into the last reply's chips; Enter presses one.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.className") == "chip"
    with page.expect_response(re.compile(r"/api/button$")):
        page.keyboard.press("Enter")
    chat.settle()
    chat.check_clean()


CONTRAST = """(selector) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const element = document.querySelector(selector);
  let node = element, background = null;
  while (node && !background) {
    const value = getComputedStyle(node).backgroundColor;
    if (rgb(value)[3] !== 0) background = value;
    node = node.parentElement;
  }
  return [getComputedStyle(element).color, background || "rgb(255, 255, 255)"];
}"""


def _luminance(color: str) -> float:
    channels = [float(v) / 255 for v in re.findall(r"[\d.]+", color)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_contrast_meets_wcag_aa(visit) -> None:
    chat = visit("en-US")
    chat.say("/help")
    selectors = [".msg.bot .text", ".msg.me .text", ".chip", "#send", "h1", ".tagline",
                 ".link", ".system.cookie", "#message"]  # fmt: skip
    for selector in selectors:
        color, background = chat.page.evaluate(CONTRAST, selector)
        lighter, darker = sorted((_luminance(color), _luminance(background)), reverse=True)
        ratio = (lighter + 0.05) / (darker + 0.05)
        assert ratio >= 4.5, f"{selector}: {color} on {background} is {ratio:.2f}:1"
