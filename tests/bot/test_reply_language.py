"""People writing in eight languages at once to the Telegram application as it runs (real
NLU, concurrent updates): every reply in the language of its own conversation, although
every person's Telegram app says English."""

from __future__ import annotations

import pytest

from tests.conftest import base_settings, make_container
from tests.support.bot_process import running
from tests.support.fake_bot_api import FakeBotApi
from tests.support.reply_language import CONVERSATIONS, reply_language

pytestmark = pytest.mark.nlu
FIRST_CHAT = 30_000


async def test_replies_follow_each_conversation_language_under_mixed_load(
    seeded_url, nlu_server
) -> None:
    chats = {FIRST_CHAT + i: conversation for i, conversation in enumerate(CONVERSATIONS * 2)}
    async with FakeBotApi(delay=0.02) as api:
        container = make_container(
            base_settings(seeded_url, telegram_api_url=api.base_url, nlu_url=nlu_server.url)
        )
        try:
            async with running(container):
                for step in range(5):
                    for chat, (_, messages) in chats.items():
                        api.user_message(chat, messages[step], "en")
                    assert await api.wait_until(
                        lambda n=step + 1: all(len(api.to(c)) >= n for c in chats), within=60
                    )
        finally:
            await container.aclose()
    wrong = [
        (expected, messages, sent.text[:80])
        for chat, (expected, messages) in chats.items()
        for sent in api.to(chat)
        if reply_language(sent.text) != expected
    ]
    assert not wrong, wrong
    assert all(len(api.to(chat)) == 5 for chat in chats)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/help", None),
        ("Hall 8.2, booth <b>8.2A-01</b>\nCountry: Switzerland", "en"),
        ("展馆 8.2，展位 <b>8.2A-01</b>", "zh"),
    ],
)
def test_the_catalogs_tell_a_reply_language(text: str, expected: str | None) -> None:
    assert reply_language(text) == expected
