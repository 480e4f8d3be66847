"""Killing the NLU service mid-conversation: a clear message, then recovery."""

from __future__ import annotations

import pytest

from bot.router import Incoming

pytestmark = pytest.mark.nlu


async def test_conversation_survives_an_nlu_restart(nlu_app, nlu_server) -> None:
    if nlu_server.process is None:
        pytest.skip("the NLU server is not ours to restart (TEST_NLU_URL)")

    def said(text: str) -> Incoming:
        return Incoming("console", 88, text, "en")

    before = await nlu_app.router.handle_text(said("events in Hangzhou"))
    assert "Hangzhou" in before.text

    nlu_server.stop()
    during = await nlu_app.router.handle_text(said("events in Hangzhou"))
    assert "can’t understand free text right now" in during.text
    assert during.buttons  # the menu still works without the NLU

    nlu_server.start()
    assert nlu_server.wait_ready(240)
    after = await nlu_app.router.handle_text(said("events in Hangzhou"))
    assert after.text == before.text
