"""What every action gets (a Context and an NLU result) and returns (a channel-neutral Reply)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from core.dialogue import State
from core.i18n import Translator
from core.lingang import Entry
from core.models import User
from core.settings import Settings
from core.taxonomy import Taxonomy


# --- replies -------------------------------------------------------------------------
@dataclass(frozen=True)
class Button:
    label: str
    data: str = ""  # signed callback payload
    url: str = ""


@dataclass(frozen=True)
class Document:
    """A file sent with the reply (a calendar export)."""

    filename: str
    content: bytes
    mime_type: str = "text/calendar"


@dataclass(frozen=True)
class Reply:
    """Text is a small HTML subset (b, i, a, code); user and catalog text is escaped."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    # For a button press: replace the message that held the button instead of adding one.
    edit: bool = False
    # Shown as a small notice on the pressed button (Telegram's answerCallbackQuery).
    notice: str = ""
    document: Document | None = None

    def to_json(self) -> dict[str, Any]:
        """What is kept in the inbox until the reply is sent."""
        data: dict[str, Any] = {
            "text": self.text,
            "buttons": [[[b.label, b.data, b.url] for b in row] for row in self.buttons],
            "edit": self.edit,
            "notice": self.notice,
        }
        if self.document is not None:
            data["document"] = {
                "filename": self.document.filename,
                "content": base64.b64encode(self.document.content).decode(),
                "mime_type": self.document.mime_type,
            }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reply:
        document = data.get("document")
        return cls(
            text=data.get("text", ""),
            buttons=tuple(
                tuple(Button(label, button_data, url) for label, button_data, url in row)
                for row in data.get("buttons", [])
            ),
            edit=bool(data.get("edit")),
            notice=data.get("notice", ""),
            document=Document(
                document["filename"], base64.b64decode(document["content"]), document["mime_type"]
            )
            if document
            else None,
        )


def rows(*buttons: Button, per_row: int = 2) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


# --- NLU results ---------------------------------------------------------------------
@dataclass(frozen=True)
class Entity:
    type: str
    value: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class NluResult:
    text: str
    intent: str
    confidence: float
    entities: tuple[Entity, ...] = ()
    topic: str | None = None  # lingang_faq/<topic> from the response selector
    topic_confidence: float = 0.0

    def values(self, entity_type: str) -> list[str]:
        return [e.value for e in self.entities if e.type == entity_type]

    def first(self, entity_type: str) -> str | None:
        found = self.values(entity_type)
        return found[0] if found else None

    def names_any(self, entity_types: Iterable[str]) -> bool:
        """Whether the message holds an entity of one of these types."""
        wanted = set(entity_types)
        return any(e.type in wanted for e in self.entities)


# What a search is narrowed by, and what says when.
SEARCH_VALUES = ("product", "country", "area", "hall")
WHEN = ("date", "time")


# --- signed callback data --------------------------------------------------------------
class InvalidCallback(ValueError):
    """Forged, corrupted or foreign button data."""


@dataclass(frozen=True)
class CallbackCodec:
    """Stateless button payloads, `verb|arg|...|sig`, that fit Telegram's 64 bytes."""

    secret: str
    limit: int = 64

    def _sign(self, body: str) -> str:
        digest = hmac.new(self.secret.encode(), body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:6]).decode()

    def encode(self, verb: str, *args: str) -> str:
        if any("|" in part for part in (verb, *args)):
            raise ValueError("callback parts must not contain '|'")
        body = "|".join((verb, *args))
        data = f"{body}|{self._sign(body)}"
        if len(data.encode()) > self.limit:
            raise ValueError(f"callback data over {self.limit} bytes: {data!r}")
        return data

    def decode(self, data: str) -> tuple[str, tuple[str, ...]]:
        body, _, signature = data.rpartition("|")
        # Bytes: compare_digest refuses str with non-ASCII characters (forged data may have).
        if not body or not hmac.compare_digest(signature.encode(), self._sign(body).encode()):
            raise InvalidCallback(data[:64])
        verb, *args = body.split("|")
        return verb, tuple(args)


# --- context -------------------------------------------------------------------------
@dataclass
class Context:
    session: Session
    user: User
    t: Translator
    taxonomy: Taxonomy
    knowledge: dict[str, Entry]
    codec: CallbackCodec
    now: datetime
    is_admin: bool = False
    settings: Settings = field(default_factory=Settings)
    command_args: str = ""  # what followed a /command
    # The conversation so far (core/dialogue.py); actions read and update it.
    state: State = field(default_factory=State)
    extras: dict[str, object] = field(default_factory=dict)

    def _(self, message: str) -> str:
        return self.t.gettext(message)

    def button(self, label: str, verb: str, *args: str) -> Button:
        return Button(label=label, data=self.codec.encode(verb, *args))


IntentHandler = Callable[[Context, NluResult], Reply]
CallbackHandler = Callable[[Context, tuple[str, ...]], Reply]
