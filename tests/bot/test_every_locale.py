"""Every reply path, driven through the router without NLU, in each of the eight locales."""

from __future__ import annotations

import re

import pytest

from bot.router import Incoming
from core.settings import LOCALES

LATIN_ONLY = re.compile(r"^[\x00-\x7f•“”’–—…▶◀🔎🏛📅🌐&;#]*$")


@pytest.mark.parametrize("locale", LOCALES)
async def test_menu_paths_render_in_each_locale(app, locale: str) -> None:
    user = 3000 + LOCALES.index(locale)

    def said(text: str) -> Incoming:
        return Incoming("console", user, text, locale)

    replies = [await app.router.handle_text(said("/start"))]
    for command in ("/help", "/privacy", "/delete_me", "/language", "/nope", "", "x" * 2000):
        replies.append(await app.router.handle_text(said(command)))
    start = replies[0]
    for row in start.buttons:
        for button in row:
            reply = await app.router.handle_callback(said(button.data))
            replies.append(reply)
            if reply.buttons:  # one level deeper: an area, a topic, a city
                replies.append(await app.router.handle_callback(said(reply.buttons[0][0].data)))
    assert all(r.text.strip() for r in replies)
    if locale != "en":
        english = [
            r.text for r in replies if LATIN_ONLY.match(re.sub(r"<[^>]+>|https?://\S+", "", r.text))
        ]
        if locale in {"zh", "ja", "ko", "ru"}:
            assert not english, english[:3]
