"""Dialogue state: what one conversation is about, so the next message can be read in context.

One row per person and chat (`dialogue_states`), kept in the database so it survives a restart
and is shared by several app processes. Reading it locks the row for the rest of the message's
transaction (PostgreSQL `FOR UPDATE`; SQLite write transactions are serialised already), so two
messages of one conversation are handled one after the other. A state idle for longer than the
expiry is forgotten; removing the person removes it (ON DELETE CASCADE).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core import db
from core.models import DialogueState

EXHIBITORS, EVENTS = "exhibitors", "events"


@dataclass
class ResultList:
    """The last list shown: its kind, the ids on the page shown (in order), the number of the
    first of them, and the query that produced it (to page or refine it)."""

    kind: str
    ids: list[str]
    first: int = 1
    page: int = 0
    pages: int = 1
    query: dict[str, Any] = field(default_factory=dict)

    def pick(self, ordinal: int) -> str | None:
        """The item an ordinal means: its number in the list ("the 7th" on page 2), else its
        position on the page shown ("the second one"); -1 is the last one."""
        if not self.ids:
            return None
        if ordinal == -1:
            return self.ids[-1]
        if self.first <= ordinal < self.first + len(self.ids):
            return self.ids[ordinal - self.first]
        if 1 <= ordinal <= len(self.ids):
            return self.ids[ordinal - 1]
        return None


@dataclass
class BookingForm:
    """A meeting being arranged: the slots still missing are asked for, one at a time.
    `meeting` is set once booked, so a correction ("make it 11") moves that meeting."""

    exhibitor: str | None = None
    day: str | None = None  # ISO date, Asia/Shanghai
    time: str | None = None  # HH:MM, Asia/Shanghai
    meeting: int | None = None

    @property
    def missing(self) -> str | None:
        for slot in ("exhibitor", "day", "time"):
            if getattr(self, slot) is None:
                return slot
        return None


@dataclass
class State:
    results: ResultList | None = None
    # The item "them", "their booth", "这家" mean: ("exhibitor", id), ("event", id).
    focus: tuple[str, str] | None = None
    form: BookingForm | None = None
    topic: str | None = None  # the last Lingang topic answered
    # What the last reply was about: "exhibitors", "events", "exhibitor", "lingang", "booking".
    subject: str | None = None
    # A change waiting for the person's yes, e.g. {"action": "subscribe", "city": "suzhou"}.
    pending: dict[str, str] | None = None

    def focus_on(self, kind: str, item_id: str) -> None:
        self.focus = (kind, item_id)

    def focused(self, kind: str) -> str | None:
        return self.focus[1] if self.focus and self.focus[0] == kind else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {key: value for key, value in data.items() if value is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        results = data.get("results")
        form = data.get("form")
        focus = data.get("focus")
        return cls(
            results=ResultList(**results) if results else None,
            focus=(str(focus[0]), str(focus[1])) if focus else None,
            form=BookingForm(**form) if form else None,
            topic=data.get("topic"),
            subject=data.get("subject"),
            pending=data.get("pending"),
        )


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def load(session: Session, user_id: int, chat_id: int, now: datetime, idle: timedelta) -> State:
    """The conversation's state, locked until the transaction ends; a fresh one when it has
    been idle longer than `idle`."""
    insert = _insert(session)
    session.execute(
        insert(DialogueState)
        .values(user_id=user_id, chat_id=chat_id, data={}, updated_at=now)
        .on_conflict_do_nothing()
    )
    row = session.scalars(
        select(DialogueState)
        .where(DialogueState.user_id == user_id, DialogueState.chat_id == chat_id)
        .with_for_update()
    ).one()
    if now - row.updated_at > idle:
        return State()
    return State.from_json(row.data or {})


def save(session: Session, user_id: int, chat_id: int, state: State, now: datetime) -> None:
    row = session.get(DialogueState, (user_id, chat_id))
    data = state.to_json()
    if row is None:
        session.add(DialogueState(user_id=user_id, chat_id=chat_id, data=data, updated_at=now))
    else:
        row.data = data
        row.updated_at = now
    session.flush()
    db.relax_commit_unless_written(session, {DialogueState.__tablename__})
