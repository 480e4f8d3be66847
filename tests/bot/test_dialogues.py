"""Multi-turn conversations through the real NLU model, the router and a real database, like
Rasa's test stories: each story in tests/dialogues/<lang>.yml is a list of messages, each
with what must hold after it (read from the reply, the dialogue state and the database, not
from the wording of the reply)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text

from bot.app import Container
from bot.nlu_service import NluService
from core.i18n import SHANGHAI
from core.settings import LOCALES
from tests.conftest import base_settings, make_container
from tests.support.dialogues import EXPO_START, Conversation, run_story

pytestmark = pytest.mark.nlu
STORIES = Path(__file__).resolve().parent.parent / "dialogues"


def stories() -> Iterator[Any]:
    for locale in LOCALES:
        for number, story in enumerate(yaml.safe_load((STORIES / f"{locale}.yml").read_text())):
            yield pytest.param(locale, number, story, id=f"{locale}-{number:02d}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def talk(
    request: pytest.FixtureRequest, seeded_url: str, nlu_server: NluService
) -> AsyncIterator[Container]:
    url = seeded_url if request.param == "sqlite" else request.getfixturevalue("postgres_seeded")
    settings = replace(base_settings(url, nlu_url=nlu_server.url), expo_start=EXPO_START)
    container = make_container(settings)
    yield container
    await container.aclose()


@pytest.mark.parametrize(("locale", "number", "story"), list(stories()))
async def test_story(talk: Container, locale: str, number: int, story: dict[str, Any]) -> None:
    user = 70_000 + LOCALES.index(locale) * 1000 + number
    problems = await run_story(talk, locale, user, story)
    assert not problems, " | ".join(problems)


async def test_a_booking_form_survives_a_restart(seeded_url: str, nlu_server: NluService) -> None:
    settings = replace(base_settings(seeded_url, nlu_url=nlu_server.url), expo_start=EXPO_START)
    first = make_container(settings)
    conv = Conversation(first, "en", 60_001)
    await conv.say("I'd like to book a meeting with Nordic Medtech")
    await conv.say("tomorrow")
    assert conv.state.form is not None and conv.state.form.missing == "time"
    await first.aclose()

    restarted = make_container(settings)  # a new process: nothing but the database survives
    conv.app = restarted
    await conv.say("at 4pm")
    assert [m.starts_at.astimezone(SHANGHAI).strftime("%H:%M") for m in conv.meetings()] == [
        "16:00"
    ]
    await restarted.aclose()


@pytest.mark.postgres
async def test_two_app_processes_share_the_conversation(
    postgres_seeded: str, nlu_server: NluService
) -> None:
    """Two app instances on one PostgreSQL database, each message to whichever is free."""
    settings = replace(
        base_settings(postgres_seeded, nlu_url=nlu_server.url), expo_start=EXPO_START
    )
    one, two = make_container(settings), make_container(settings)
    conv = Conversation(one, "de", 60_002)
    try:
        await conv.say("zeig mir Aussteller für Medizintechnik")
        conv.app = two
        await conv.say("weitere")
        assert conv.state.results is not None and conv.state.results.page == 1
        conv.app = one
        before, reply = await conv.say("der zweite")
        assert before.results is not None
        second = before.results.pick(2)
        assert second and conv.state.focus == ("exhibitor", second)
        assert conv.booth(second) in reply.text
    finally:
        with one.sessions.begin() as session:
            session.execute(
                text("delete from users where channel = 'console' and external_id = 60002")
            )
        await one.aclose()
        await two.aclose()
