"""Routes a message or button press to an action, inside one database transaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions import dialogue, menu
from actions.base import CallbackCodec, Context, InvalidCallback, NluResult, Reply
from actions.registry import CALLBACKS, COMMANDS
from bot import locale
from bot.nlu_client import NluUnavailable
from core import dialogue as dialogue_state
from core import inbox, users
from core.db import SessionFactory, transaction
from core.i18n import translator
from core.lingang import Entry
from core.models import InboxUpdate, User, utcnow
from core.settings import Settings
from core.taxonomy import Taxonomy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Incoming:
    channel: str
    external_id: int
    text: str = ""
    client_language: str | None = None
    # The chat the message came from; a private chat's id is the person's own.
    chat_id: int | None = None
    # The channel's id of the update when it came through the inbox (core.inbox).
    update_id: int | None = None

    @property
    def chat(self) -> int:
        return self.external_id if self.chat_id is None else self.chat_id


class AlreadyHandled(Exception):
    """The update was handled before (a restart, or another process); `reply` is the kept
    reply still to be sent, None when it has been sent or may have been."""

    def __init__(self, reply: Reply | None) -> None:
        super().__init__("update already handled")
        self.reply = reply


class Parser(Protocol):
    async def parse(self, text: str) -> NluResult: ...


Step = Callable[[Context], Reply]


class Router:
    def __init__(
        self,
        *,
        settings: Settings,
        sessions: SessionFactory,
        nlu: Parser,
        taxonomy: Taxonomy,
        knowledge: dict[str, Entry],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self.nlu = nlu
        self.taxonomy = taxonomy
        self.knowledge = knowledge
        self.codec = CallbackCodec(settings.callback_secret)
        self.clock = clock

    # --- entry points used by every channel ----------------------------------------------
    async def handle_text(self, incoming: Incoming) -> Reply:
        text = incoming.text.strip()
        if not text:
            return await self._run(incoming, menu.empty_message)
        if text.startswith("/"):
            # Commands check their own arguments: a broadcast may be longer than a question.
            return await self._run(incoming, self._command_step(text), typed=False)
        if len(text) > self.settings.max_message_chars:
            limit = self.settings.max_message_chars
            return await self._run(incoming, lambda ctx: menu.too_long(ctx, limit))
        try:
            result = await self.nlu.parse(text)
        except NluUnavailable:
            return await self._run(incoming, menu.nlu_unavailable)
        log.info(
            "intent=%s confidence=%.2f topic=%s", result.intent, result.confidence, result.topic
        )
        return await self._run(incoming, self._intent_step(result))

    async def handle_non_text(self, incoming: Incoming) -> Reply:
        return await self._run(incoming, menu.text_only)

    async def handle_callback(self, incoming: Incoming) -> Reply:
        try:
            verb, args = self.codec.decode(incoming.text)
            handler = CALLBACKS[verb]
        except (InvalidCallback, KeyError):
            log.warning("rejected callback data from %s user", incoming.channel)
            return await self._run(incoming, menu.stale_button, typed=False)

        def step(ctx: Context) -> Reply:
            try:
                return handler(ctx, args)
            except InvalidCallback:
                return menu.stale_button(ctx)

        return await self._run(incoming, step, typed=False)

    # --- steps ----------------------------------------------------------------------
    def _command_step(self, text: str) -> Step:
        head, _, rest = text.partition(" ")
        command = head[1:].split("@")[0].lower()
        action = COMMANDS.get(command)
        if action is None:
            return lambda ctx: menu.unknown_command(ctx, head)

        def step(ctx: Context) -> Reply:
            ctx.command_args = rest.strip()
            return action(ctx)

        return step

    def _intent_step(self, result: NluResult) -> Step:
        # References ("the second one", "more", "make it 11") are resolved against the
        # conversation's state before an action is chosen.
        return lambda ctx: dialogue.respond(ctx, result)

    # --- running a step --------------------------------------------------------------
    async def _run(self, incoming: Incoming, step: Step, *, typed: bool = True) -> Reply:
        """Runs a step in a worker thread; `typed` says the text is the user's own words."""
        said = incoming.text if typed else ""
        return await asyncio.to_thread(self._run_sync, incoming, step, said)

    def _run_sync(self, incoming: Incoming, step: Step, said: str) -> Reply:
        try:
            with transaction(self.sessions) as session:
                received = self._claim(session, incoming)
                user = users.get_or_create(
                    session, incoming.channel, incoming.external_id, incoming.client_language
                )
                hint = locale.expected_language(user.message_locale, incoming.client_language)
                detected = locale.message_language(said, hint)
                users.note_message_locale(user, detected)
                code = locale.reply_language(
                    user.locale, detected, hint, self.settings.default_locale
                )
                ctx = self._context(session, user, code)
                idle = timedelta(minutes=self.settings.dialogue_idle_minutes)
                ctx.state = dialogue_state.load(session, user.id, incoming.chat, ctx.now, idle)
                reply = step(ctx)
                if not ctx.extras.get("deleted"):
                    dialogue_state.save(session, user.id, incoming.chat, ctx.state, ctx.now)
                if received is not None:
                    inbox.replied(session, received, reply.to_json())
                return reply
        except SQLAlchemyError:
            log.exception("database error; the transaction was rolled back")
            code = locale.resolve(
                None, said, incoming.client_language, self.settings.default_locale
            )
            placeholder = User(channel=incoming.channel, external_id=incoming.external_id)
            return menu.internal_error(self._context(None, placeholder, code))

    @staticmethod
    def _claim(session: Session, incoming: Incoming) -> InboxUpdate | None:
        """The inbox row of this update, locked; AlreadyHandled when it was handled before."""
        if incoming.update_id is None:
            return None
        row = inbox.lock(session, incoming.channel, incoming.update_id)
        if row is None or row.state == inbox.RECEIVED:
            return row
        kept = row.reply if row.state == inbox.REPLYING else None
        raise AlreadyHandled(Reply.from_json(kept) if kept else None)

    def context_for(self, session: Session, user: User) -> Context:
        """A context for a message we send on our own: the person's saved language."""
        code = locale.resolve(
            user.locale, "", user.client_language, self.settings.default_locale, user.message_locale
        )
        return self._context(session, user, code)

    def _context(self, session: object, user: User, code: str) -> Context:
        return Context(
            session=session,  # type: ignore[arg-type]
            user=user,
            t=translator(code),
            taxonomy=self.taxonomy,
            knowledge=self.knowledge,
            codec=self.codec,
            now=self.clock(),
            is_admin=incoming_is_admin(user, self.settings),
            settings=self.settings,
        )


def incoming_is_admin(user: User, settings: Settings) -> bool:
    return user.channel == "telegram" and user.external_id in settings.admin_ids
