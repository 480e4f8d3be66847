"""Conversation stories: one person's messages through the router, and what must hold after
each (read from the reply, the dialogue state and the database). Used by the story tests and
by the held-out conversation evaluation (scripts/dialogue_eval.py)."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from sqlalchemy import select

from bot.app import Container
from bot.router import Incoming
from core import users
from core.db import transaction
from core.dialogue import State
from core.i18n import SHANGHAI
from core.models import DialogueState, Exhibitor, Meeting, Notification, Subscription, User

# "Tomorrow" is the first expo day, as on the eve of the expo.
EXPO_START = date(2026, 11, 25)


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


async def run_story(app: Container, locale: str, user: int, story: dict[str, Any]) -> list[str]:
    """Plays a story; what did not hold at the first step that failed (empty: success).
    The person is removed afterwards, so a shared database keeps no meeting of theirs."""
    conv = Conversation(app, locale, user)
    reply = None
    try:
        for step in story["steps"]:
            if "press" in step:
                before, reply = await conv.press(step["press"], reply)
            else:
                before, reply = await conv.say(step["user"])
            problems = check(conv, before, reply, step.get("expect", {}))
            if problems:
                said = step.get("user") or step.get("press")
                return [f"after {said!r}: {problem}" for problem in problems]
        return []
    finally:
        with transaction(app.sessions) as session:
            users.delete_user(session, "console", user)
