"""The Telegram application as it runs (long polling, concurrent updates, the inbox), over
real HTTP against the fake Bot API, with the NLU service down (commands and buttons only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from sqlalchemy import select

from bot.app import Container
from bot.channels.telegram import build_application, on_startup, on_stop
from core import inbox
from core.broadcasts import MAX_TEXT
from core.models import InboxUpdate
from tests.conftest import base_settings, make_container, postgres_schema
from tests.support.bot_process import running
from tests.support.fake_bot_api import FakeBotApi, Limits, Sent, plain_text

ADMIN = 9001


@asynccontextmanager
async def live(
    seeded_url: str, delay: float = 0.0, limits: Limits | None = None, **settings: object
) -> AsyncIterator[tuple[FakeBotApi, Container]]:
    async with FakeBotApi(delay=delay, limits=limits) as api:
        container = make_container(
            base_settings(seeded_url, telegram_api_url=api.base_url, **settings)
        )
        try:
            async with running(container):
                yield api, container
        finally:
            await container.aclose()


async def reply_to(api: FakeBotApi, chat: int, count: int = 1) -> list[Sent]:
    assert await api.wait_until(lambda: len(api.to(chat)) >= count, within=10), api.errors
    return api.to(chat)


async def test_a_button_with_non_ascii_data_is_answered_as_stale(seeded_url) -> None:
    async with live(seeded_url) as (api, _):
        api.press(4242, "bs|EX00001|abc|✓✓✓✓")
        [reply] = await reply_to(api, 4242)
        assert await api.wait_until(lambda: api.answered_queries() == 1, within=5)
    assert "expired" in reply.text
    assert not api.errors


async def test_a_long_broadcast_and_its_preview_reach_telegram(seeded_url) -> None:
    english = "Hall 8.2 & 8.1 open at 9:00. " * 118  # 3,422 characters
    chinese = "8.2馆和8.1馆九点开门。" * 280  # 3,920: over the limit
    async with live(seeded_url) as (api, _):
        api.user_message(ADMIN, "/broadcast " + english)
        [card] = await reply_to(api, ADMIN)
        assert "Broadcast #1" in card.text and english.split(".")[0] in card.text
        api.user_message(ADMIN, "/broadcast_text 1 zh " + chinese)
        refused = (await reply_to(api, ADMIN, 2))[1]
        assert "3,500" in refused.text and "3,920" in refused.text
        api.user_message(ADMIN, "/broadcast_text 1 zh " + chinese[:3400])
        card = (await reply_to(api, ADMIN, 3))[2]
        preview = next(b for b in card.buttons() if "Preview" in b["text"])
        api.press(ADMIN, preview["callback_data"], on=card)
        together = (await reply_to(api, ADMIN, 4))[3]
        # Both texts do not fit one message: a preview per language instead.
        assert "longer than one Telegram message" in together.text
        chinese_only = next(b for b in together.buttons() if "Chinese" in b["text"])
        api.press(ADMIN, chinese_only["callback_data"], on=together)
        shown = (await reply_to(api, ADMIN, 5))[4]
    assert chinese[:3400] in shown.text and english not in shown.text
    assert len(plain_text(shown.text, "HTML")) <= 4096
    assert not api.errors, api.errors
    assert MAX_TEXT == 3500


async def test_chats_are_answered_concurrently_each_in_order(seeded_url) -> None:
    commands = ("/privacy", "/help", "/meetings")
    # A send rate far above Telegram's, so the rate limiter's spacing of replies does not
    # hide whether different chats are handled at once.
    async with live(seeded_url, delay=0.1, telegram_concurrency=16, messages_per_second=1000) as (
        api,
        _,
    ):
        chats = range(5000, 5020)
        for command in commands:
            for chat in chats:
                api.user_message(chat, command)
        for chat in chats:
            await reply_to(api, chat, len(commands))
    privacy, help_, meetings = "keep", "I can", "meetings"
    for chat in chats:
        texts = [s.text for s in api.to(chat)]
        assert len(texts) == 3
        assert privacy in texts[0] and help_ in texts[1] and meetings in texts[2].lower(), texts
        assert api.most_in_flight[chat] == 1  # one chat: one reply after another
    assert api.most_in_flight[None] > 5  # different chats: at once


async def test_updates_are_kept_before_telegram_is_told_and_finished_after(seeded_url) -> None:
    kept_when_confirmed: dict[int, str | None] = {}
    async with live(seeded_url, delay=0.05) as (api, container):

        def confirmed(ids: list[int]) -> None:
            with container.sessions() as session:
                for update_id in ids:
                    kept_when_confirmed[update_id] = session.scalar(
                        select(InboxUpdate.state).where(InboxUpdate.update_id == update_id)
                    )

        api.on_confirm = confirmed
        sent = [api.user_message(4300 + i, "/help").update_id for i in range(5)]
        for i in range(5):
            await reply_to(api, 4300 + i)
        api.user_message(4399, "/help")  # the next poll confirms the first five
        await reply_to(api, 4399)
        assert await api.wait_until(lambda: len(kept_when_confirmed) >= 5, within=5)
        with container.sessions() as session:
            states = dict(session.execute(select(InboxUpdate.update_id, InboxUpdate.state)).all())
    assert set(sent) <= set(kept_when_confirmed)
    assert all(kept_when_confirmed[i] is not None for i in sent)  # in the database first
    assert all(states[i] == inbox.DONE for i in sent)


async def test_a_repeated_update_is_answered_once(seeded_url) -> None:
    async with live(seeded_url) as (api, _):
        first = api.user_message(4500, "/privacy")
        await reply_to(api, 4500)
        # Telegram sends the same update again (as after a crash before it was confirmed).
        api._updates.append(first.update)
        api._notify()
        api.user_message(4500, "/help")
        await reply_to(api, 4500, 2)
        await api.wait_until(lambda: len(api.to(4500)) > 2, within=1)
    assert len(api.to(4500)) == 2


async def test_webhook_mode_keeps_the_update_before_answering_200(seeded_url, tmp_path) -> None:
    """The same inbox behind PTB's webhook server: Telegram's POST is answered 200 only once
    the update is in the database."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with FakeBotApi() as api:
        container = make_container(
            replace(
                base_settings(seeded_url, telegram_api_url=api.base_url),
                webhook_url=f"http://127.0.0.1:{port}/hook",
            )
        )
        application = build_application(container)
        await application.initialize()
        await on_startup(application)
        assert application.updater is not None
        await application.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook", secret_token="s3cret",
        )  # fmt: skip
        await application.start()
        try:
            update_id = api.user_message(4600, "/privacy").update_id
            [reply] = await reply_to(api, 4600)
            assert await api.wait_until(lambda: api.pending_updates() == 0, within=5)
        finally:
            await application.updater.stop()
            await application.stop()
            await on_stop(application)
            await application.shutdown()
            await container.aclose()
    assert "keep" in reply.text
    with container.sessions() as session:
        row = session.scalars(select(InboxUpdate).where(InboxUpdate.update_id == update_id)).one()
    assert row.state == inbox.DONE


async def test_replies_wait_out_flood_control_instead_of_being_dropped(seeded_url) -> None:
    """Telegram allows 4 messages a second here; 24 people write at once. The rate limiter
    lets bursts through, Telegram answers 429 with retry_after, and every reply still goes
    out, once."""
    async with live(seeded_url, limits=Limits(overall_per_second=4)) as (api, _):
        for chat in range(6000, 6024):
            api.user_message(chat, "/privacy")
        for chat in range(6000, 6024):
            await reply_to(api, chat)
        await api.wait_until(lambda: len(api.sent) > 24, within=1)
    assert any(code == 429 for _, code, _ in api.errors)  # flood control did refuse some
    assert [len(api.to(chat)) for chat in range(6000, 6024)] == [1] * 24


async def test_on_postgresql_too(tmp_path) -> None:
    """PostgreSQL: the inbox's marks take their own connection in the event loop."""
    with postgres_schema() as url:
        async with live(url) as (api, container):
            for chat in range(6100, 6105):
                api.user_message(chat, "/privacy")
            for chat in range(6100, 6105):
                await reply_to(api, chat)

            def states() -> list[str]:
                with container.sessions() as session:
                    return list(session.scalars(select(InboxUpdate.state)).all())

            # Each passed through "sending" (marked in the event loop) to "done".
            assert await api.wait_until(lambda: states() == [inbox.DONE] * 5, within=5), states()
    assert [len(api.to(chat)) for chat in range(6100, 6105)] == [1] * 5
