"""Multi-turn conversations through the real NLU model, the router and a real database, like
Rasa's test stories: each story in tests/dialogues/<lang>.yml is a list of messages, each
with what must hold after it (read from the reply, the dialogue state and the database, not
from the wording of the reply)."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, select, text

from bot.app import Container
from bot.nlu_service import NluService
from bot.router import Incoming
from core import users
from core.db import transaction
from core.dialogue import State
from core.i18n import SHANGHAI
from core.models import DialogueState, Exhibitor, Meeting, Notification, Subscription, User
from core.settings import LOCALES
from tests.conftest import PG_URL, _postgres_missing, base_settings, make_container, seed_demo

pytestmark = pytest.mark.nlu
STORIES = Path(__file__).resolve().parent.parent / "dialogues"
# "Tomorrow" is the first expo day, as on the eve of the expo.
EXPO_START = date(2026, 11, 25)


def stories() -> Iterator[Any]:
    for locale in LOCALES:
        for number, story in enumerate(yaml.safe_load((STORIES / f"{locale}.yml").read_text())):
            yield pytest.param(locale, number, story, id=f"{locale}-{number:02d}")


@pytest.fixture(scope="module")
def postgres_seeded() -> Iterator[str]:
    """One PostgreSQL schema with the demo data for all stories (each story is its own user)."""
    missing = _postgres_missing()
    if missing:
        pytest.skip(missing)
    import uuid

    schema = f"t_dialogue_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        connection.execute(text(f'create schema "{schema}"'))
    url = f"{PG_URL}?options=-csearch_path%3D{schema},public"
    container = make_container(base_settings(url))
    seed_demo(container)
    container.engine.dispose()
    try:
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def talk(
    request: pytest.FixtureRequest, seeded_url: str, nlu_server: NluService
) -> AsyncIterator[Container]:
    url = seeded_url if request.param == "sqlite" else request.getfixturevalue("postgres_seeded")
    settings = replace(base_settings(url, nlu_url=nlu_server.url), expo_start=EXPO_START)
    container = make_container(settings)
    yield container
    await container.aclose()


class Conversation:
    def __init__(self, app: Container, locale: str, user: int) -> None:
        self.app, self.locale, self.user = app, locale, user
        self.state = State()

    async def say(self, message: str) -> Any:
        before = self.state
        reply = await self.app.router.handle_text(
            Incoming("console", self.user, message, self.locale)
        )
        self.state = self.load_state()
        return before, reply

    async def press(self, label: str, reply: Any) -> Any:
        before = self.state
        button = next(b for row in reply.buttons for b in row if label in b.label)
        reply = await self.app.router.handle_callback(
            Incoming("console", self.user, button.data, self.locale)
        )
        self.state = self.load_state()
        return before, reply

    def load_state(self) -> State:
        with self.app.sessions() as session:
            user = session.scalar(
                select(User).where(User.channel == "console", User.external_id == self.user)
            )
            row = session.get(DialogueState, (user.id, self.user)) if user else None
            return State.from_json(row.data) if row else State()

    def meetings(self) -> list[Meeting]:
        with self.app.sessions() as session:
            return list(
                session.scalars(
                    select(Meeting)
                    .join(User, User.id == Meeting.user_id)
                    .where(User.external_id == self.user, Meeting.status == "booked")
                ).all()
            )

    def count(self, model: Any, **where: Any) -> int:
        with self.app.sessions() as session:
            statement = (
                select(model)
                .join(User, User.id == model.user_id)
                .where(User.external_id == self.user)
            )
            for key, value in where.items():
                statement = statement.where(getattr(model, key) == value)
            return len(session.scalars(statement).all())

    def booth(self, exhibitor_id: str) -> str:
        with self.app.sessions() as session:
            exhibitor = session.get(Exhibitor, exhibitor_id)
            assert exhibitor is not None
            return exhibitor.booth


def check(conv: Conversation, before: State, reply: Any, expect: dict[str, Any]) -> list[str]:
    """What does not hold after a step, as readable lines."""
    state, problems = conv.state, []

    def fail(what: str) -> None:
        problems.append(f"{what}; reply: {reply.text[:300]!r}")

    for key, wanted in expect.items():
        if key == "shows":
            if state.results is None or state.results.kind != wanted or not state.results.ids:
                fail(f"expected a list of {wanted}")
        elif key == "page":
            if state.results is None or state.results.page != wanted - 1:
                fail(f"expected page {wanted}")
        elif key == "card":
            assert before.results is not None, "a card by position needs a list before"
            item = before.results.pick(wanted)
            if state.focus != ("exhibitor", item) or conv.booth(item) not in reply.text:
                fail(f"expected the card of item {wanted} ({item})")
        elif key == "focus_card":
            item = before.focused("exhibitor")
            if item is None or conv.booth(item) not in reply.text:
                fail("expected the card of the focused exhibitor")
        elif key == "country":
            if state.results is None or state.results.query.get("country") != wanted:
                fail(f"expected country {wanted}")
        elif key == "keeps":
            assert before.results is not None
            for field in wanted:
                if state.results is None or (
                    state.results.query.get(field) != before.results.query.get(field)
                ):
                    fail(f"expected the {field} of the last query to be kept")
        elif key == "city":
            if state.results is None or state.results.query.get("city") != wanted:
                fail(f"expected events in {wanted}")
        elif key == "asks":
            if state.form is None or state.form.missing != wanted or state.form.meeting:
                fail(f"expected the form to ask for {wanted}")
        elif key == "booked":
            times = [
                m.starts_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M") for m in conv.meetings()
            ]
            if times != [wanted if " " in wanted else f"{EXPO_START:%m-%d} {wanted}"]:
                fail(f"expected one meeting at {wanted}, found {times}")
        elif key == "booked_with":
            exhibitors = [m.exhibitor_id for m in conv.meetings()]
            item = before.focused("exhibitor") if wanted == "focus" else wanted
            if exhibitors != [item]:
                fail(f"expected the meeting with {item}, found {exhibitors}")
        elif key == "no_meeting":
            if conv.meetings():
                fail("expected no meeting")
        elif key == "form":
            if (state.form is not None) != wanted:
                fail(f"expected the form {'kept' if wanted else 'gone'}")
        elif key == "subscriptions":
            if conv.count(Subscription) != wanted:
                fail(f"expected {wanted} subscriptions")
        elif key == "reminders":
            if conv.count(Notification, kind="event_reminder") != wanted:
                fail(f"expected {wanted} event reminders")
        elif key == "topic":
            if state.topic != wanted or state.subject != "lingang":
                fail(f"expected the Lingang topic {wanted}")
        elif key == "facet":
            entry = conv.app.knowledge[state.topic or ""]
            answer = html.escape(entry.facets[wanted].answer(conv.locale))
            if answer not in reply.text:
                fail(f"expected the {wanted} answer of {state.topic}")
        elif key == "says":
            if not any(part in reply.text for part in wanted):
                fail(f"expected one of {wanted}")
        elif key == "fresh":
            if state.results is not None or state.form is not None:
                fail("expected a fresh conversation")
        else:
            raise AssertionError(f"unknown expectation {key}")
    return problems


@pytest.mark.parametrize(("locale", "number", "story"), list(stories()))
async def test_story(talk: Container, locale: str, number: int, story: dict[str, Any]) -> None:
    user = 70_000 + LOCALES.index(locale) * 1000 + number
    conv = Conversation(talk, locale, user)
    reply = None
    try:
        for step in story["steps"]:
            if "press" in step:
                before, reply = await conv.press(step["press"], reply)
            else:
                before, reply = await conv.say(step["user"])
            problems = check(conv, before, reply, step.get("expect", {}))
            assert not problems, f"after {step.get('user') or step.get('press')!r}: " + (
                " | ".join(problems)
            )
    finally:
        # PostgreSQL's demo schema is shared by the stories: each leaves no meeting behind.
        with transaction(talk.sessions) as session:
            users.delete_user(session, "console", user)


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
