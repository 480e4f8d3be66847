"""The Telegram adapter end to end: real PTB Application, real NLU, recording transport."""

from __future__ import annotations

import logging

import pytest
from telegram import Update

from bot.channels.telegram import build_application
from tests.support.telegram import (
    RecordingRequest,
    buttons,
    callback_update,
    sticker_update,
    text_update,
)


@pytest.fixture
async def telegram(nlu_app):
    request = RecordingRequest()
    application = build_application(nlu_app, request=request)
    await application.initialize()
    yield application, request
    await application.shutdown()


async def feed(application, update: dict) -> None:
    await application.process_update(Update.de_json(update, application.bot))


pytestmark = pytest.mark.nlu


async def test_search_page_then_next_page_edits_the_message(telegram) -> None:
    application, request = telegram
    await feed(application, text_update("find medical devices exhibitors"))
    [reply] = request.sent("sendMessage")
    assert reply["parse_mode"] == "HTML"
    assert "exhibitors for" in reply["text"]
    next_page = next(b for b in buttons(reply) if "Next" in b["text"])
    assert len(next_page["callback_data"].encode()) <= 64

    message = {
        "message_id": 1000,
        "date": 0,
        "text": reply["text"],
        "reply_markup": reply["reply_markup"],
    }
    await feed(application, callback_update(next_page["callback_data"], message))
    assert request.sent("answerCallbackQuery")
    [edited] = request.sent("editMessageText")
    assert edited["message_id"] == 1000
    assert "Page 2 of" in edited["text"]


async def test_card_from_a_result_button(telegram) -> None:
    application, request = telegram
    await feed(application, text_update("where is the booth of Nordic Medtech"))
    [reply] = request.sent("sendMessage")
    assert "Nordic Medtech" in reply["text"] and "booth" in reply["text"].lower()


async def test_forged_callback_gets_a_clear_message(telegram) -> None:
    application, request = telegram
    message = {"message_id": 5, "date": 0, "text": "old"}
    await feed(application, callback_update("ex|E00001|forged!!", message))
    texts = [p["text"] for p in request.sent()]
    assert any("expired" in t for t in texts)


async def test_sticker_and_unknown_command(telegram) -> None:
    application, request = telegram
    await feed(application, sticker_update())
    await feed(application, text_update("/frobnicate"))
    texts = [p["text"] for p in request.sent("sendMessage")]
    assert "only read text" in texts[0]
    assert "/frobnicate" in texts[1]


async def test_chinese_user_gets_chinese(telegram) -> None:
    application, request = telegram
    await feed(application, text_update("找医疗器械展商", user_id=5151, language_code="zh-hans"))
    [reply] = request.sent("sendMessage")
    assert "展" in reply["text"] and "exhibitors for" not in reply["text"]


async def test_bot_token_is_not_logged(telegram, caplog) -> None:
    application, _ = telegram
    with caplog.at_level(logging.DEBUG):
        await feed(application, text_update("/start"))
    assert application.bot.token not in caplog.text


async def test_command_menu_is_published_in_every_language(nlu_app) -> None:
    from bot.channels.telegram import publish_commands

    request = RecordingRequest()
    application = build_application(nlu_app, request=request)
    await application.initialize()
    await publish_commands(application)
    calls = request.sent("setMyCommands")
    assert {c.get("language_code") for c in calls} == {
        None,
        "zh",
        "en",
        "ja",
        "ko",
        "de",
        "fr",
        "es",
        "ru",
    }
    german = next(c for c in calls if c.get("language_code") == "de")
    assert german["commands"][0]["command"] == "start"
    assert german["commands"][0]["description"] != "Start and show the menu"
    await application.shutdown()
