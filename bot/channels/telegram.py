"""The Telegram channel: thin PTB handlers that pass text to the router and render replies."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    ExtBot,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from actions.base import Reply
from bot.app import Container, worker_threads
from bot.channels.telegram_inbox import (
    ChatOrderedProcessor,
    Inbox,
    InboxQueue,
    MarksFile,
    answer_unfinished,
    reply_request,
    replying_to,
)
from bot.delivery import RETRY, SENT, WITHDRAWN, Delivery, Flight, SendResult
from bot.ratelimit import Bulk, PriorityRateLimiter, Withdrawn, budget_for, retry_seconds
from bot.router import AlreadyHandled, Incoming, Router
from core import outbox
from core.db import make_engine, session_factory
from core.i18n import N_, translator
from core.settings import LOCALES

log = logging.getLogger(__name__)
CHANNEL = "telegram"
# An unanswered update this old belongs to no live process (webhook mode, several processes).
INBOX_GRACE = timedelta(seconds=60)
# Answered updates are kept this long, so that a late repeat from Telegram is recognised.
INBOX_KEEP = timedelta(days=1)
# Tries of a reply that Telegram's flood control refuses (each after the wait it asks for),
# on top of the rate limiter's own.
REPLY_TRIES = 5
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
COMMANDS = (
    ("start", N_("Start and show the menu")),
    ("help", N_("What I can do")),
    ("meetings", N_("My meetings")),
    ("reminders", N_("Meeting reminder settings")),
    ("calendar", N_("My meetings as a calendar file")),
    ("subscriptions", N_("My event alerts")),
    ("join", N_("Join with an invitation code")),
    ("language", N_("Change the reply language")),
    ("privacy", N_("What data I keep")),
    ("delete_me", N_("Erase my data")),
)


def markup(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.data)
                for b in row
            ]
            for row in reply.buttons
        ]
    )


def _router(context: ContextTypes.DEFAULT_TYPE) -> Router:
    router = context.bot_data["router"]
    assert isinstance(router, Router)
    return router


def _inbox(context: ContextTypes.DEFAULT_TYPE) -> Inbox | None:
    kept = context.bot_data.get("inbox")
    return kept if isinstance(kept, Inbox) else None


async def _answer(
    handle: Callable[[Incoming], Awaitable[Reply]], incoming: Incoming
) -> Reply | None:
    """The reply to send; None when an earlier run sent it, or may have."""
    try:
        return await handle(incoming)
    except AlreadyHandled as done:
        return done.reply


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    text = (message.text or "") if message is not None else ""
    await _answer_message(update, context, text, _router(context).handle_text)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, stickers, voice: say what we can read instead of staying silent."""
    await _answer_message(update, context, "", _router(context).handle_non_text)


async def _answer_message(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    handle: Callable[[Incoming], Awaitable[Reply]],
) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    incoming = Incoming(
        CHANNEL, user.id, text, user.language_code, chat_id=message.chat_id,
        update_id=update.update_id,
    )  # fmt: skip
    reply = await _answer(handle, incoming)
    if reply is not None:
        with replying_to(_inbox(context), update.update_id):
            await send(message, reply)


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    chat = update.effective_chat
    incoming = Incoming(
        CHANNEL, user.id, query.data or "", user.language_code, chat_id=chat.id if chat else None,
        update_id=update.update_id,
    )  # fmt: skip
    reply = await _answer(_router(context).handle_callback, incoming)
    if reply is None:
        return
    try:
        await query.answer(reply.notice or None)
    except BadRequest as exc:  # too late (answered after a restart): the reply still goes
        log.info("could not answer a button press: %s", exc)
    message = query.message
    with replying_to(_inbox(context), update.update_id):
        if reply.edit and isinstance(message, Message) and await _edited(message, reply):
            if reply.document is not None:
                document = Reply(text="", document=reply.document)
                await send_to(context.bot, user.id, document, patient=True)
        else:
            await send_to(context.bot, user.id, reply, patient=True)
    _deliver_soon(context)


async def _edited(message: Message, reply: Reply) -> bool:
    """Replaces the pressed message; False when Telegram refuses (too old, deleted)."""
    try:
        await _patiently(lambda: message.edit_text(
            reply.text, parse_mode=ParseMode.HTML, reply_markup=markup(reply),
            link_preview_options=NO_PREVIEW,
        ))  # fmt: skip
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True
        log.info("could not edit message, sending a new one: %s", exc)
        return False
    return True


async def send(message: Message, reply: Reply) -> None:
    await send_to(message.get_bot(), message.chat_id, reply, patient=True)


async def send_to(bot: Bot, chat_id: int, reply: Reply, *, patient: bool = False) -> None:
    """A reply to a person: the rate limiter gives it the next slot, before bulk messages.
    `patient`: it waits out Telegram's flood control (a few tries)."""
    run = _patiently if patient else _once
    if reply.text:
        await run(lambda: bot.send_message(
            chat_id, reply.text, parse_mode=ParseMode.HTML, reply_markup=markup(reply),
            link_preview_options=NO_PREVIEW,
        ))  # fmt: skip
    if reply.document is not None:
        document = reply.document
        await run(
            lambda: bot.send_document(
                chat_id, InputFile(document.content, filename=document.filename)
            )
        )


async def _once(call: Callable[[], Awaitable[object]]) -> None:
    await call()


async def _patiently(call: Callable[[], Awaitable[object]]) -> None:
    for attempt in range(REPLY_TRIES):
        try:
            await call()
            return
        except RetryAfter as exc:
            if attempt == REPLY_TRIES - 1:
                raise
            retry = exc.retry_after
            seconds = retry if isinstance(retry, int | float) else retry.total_seconds()
            log.info("flood control: a reply waits %s s", seconds)
            await asyncio.sleep(float(seconds))


async def send_bulk(bot: ExtBot[Any], chat_id: int, reply: Reply, bulk: Bulk) -> None:
    """A message we send on our own: it waits behind replies (see bot.ratelimit)."""
    if reply.text:
        await bot.send_message(
            chat_id, reply.text, parse_mode=ParseMode.HTML, reply_markup=markup(reply),
            link_preview_options=NO_PREVIEW, rate_limit_args=bulk,
        )  # fmt: skip
    if reply.document is not None:
        document = reply.document
        await bot.send_document(
            chat_id, InputFile(document.content, filename=document.filename),
            rate_limit_args=bulk,
        )  # fmt: skip


class TelegramSender:
    """Sends outbox messages as bulk messages; says what became of each."""

    def __init__(self, bot: ExtBot[Any]) -> None:
        self.bot = bot

    async def send(self, external_id: int, reply: Reply, flight: Flight) -> SendResult:
        try:
            await send_bulk(self.bot, external_id, reply, Bulk(flight.start, flight.wanted))
        except Withdrawn:
            return SendResult(WITHDRAWN)
        except Forbidden as exc:  # blocked by the user, or the account is gone
            return SendResult(outbox.BLOCKED, error=str(exc))
        except RetryAfter as exc:  # refused, so not delivered: again after the pause
            return SendResult(RETRY, retry_after=retry_seconds(exc))
        except BadRequest as exc:
            return SendResult(outbox.FAILED, error=str(exc))
        except TimedOut as exc:  # the request went out; whether it arrived is unknown
            return SendResult(outbox.UNCERTAIN, error=str(exc))
        except NetworkError as exc:
            if "ConnectError" in str(exc):  # no connection, so nothing was sent
                return SendResult(RETRY, retry_after=5.0, error=str(exc))
            return SendResult(outbox.UNCERTAIN, error=str(exc))
        except TelegramError as exc:
            return SendResult(outbox.FAILED, error=str(exc))
        return SENT


def _delivery(context: ContextTypes.DEFAULT_TYPE) -> Delivery:
    delivery = context.bot_data["delivery"]
    assert isinstance(delivery, Delivery)
    return delivery


async def deliver_due(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue job: starts sending due reminders, notices, alerts and broadcasts.

    It runs as an application task, which Application.stop() waits for, and it stops
    claiming messages as soon as the application stops running: a shutdown in the middle
    of a broadcast leaves nothing half-sent."""
    application = context.application
    delivery = _delivery(context)
    application.create_task(delivery.run_due(lambda: application.running), name="delivery")


def _deliver_soon(context: ContextTypes.DEFAULT_TYPE) -> None:
    # A button may have queued a notice for someone else (a declined meeting, an added
    # colleague): send it now. Typed messages only ever lead to such buttons, so they
    # leave it to the repeating job.
    if context.job_queue is not None:
        context.job_queue.run_once(deliver_due, 0)


async def on_startup(application: Application) -> None:  # type: ignore[type-arg]
    delivery = application.bot_data["delivery"]
    assert isinstance(delivery, Delivery)
    delivery.recover()
    # Before polling starts, so what a stopped run left unanswered is answered first. With a
    # webhook, other processes may be answering their recent updates right now.
    queue = application.update_queue
    if isinstance(queue, InboxQueue):
        grace = INBOX_GRACE if application.bot_data["webhook"] else None
        await answer_unfinished(queue, application.bot, grace)
    await publish_commands(application)


async def inbox_upkeep(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers what a process that died left in the inbox (webhook mode: no restart of that
    process is needed) and forgets updates answered long ago."""
    queue = context.application.update_queue
    if not isinstance(queue, InboxQueue):
        return
    if context.bot_data["webhook"]:
        await answer_unfinished(queue, context.bot, INBOX_GRACE)
    await queue.inbox.prune(INBOX_KEEP)


async def on_stop(application: Application) -> None:  # type: ignore[type-arg]
    delivery = application.bot_data["delivery"]
    assert isinstance(delivery, Delivery)
    await delivery.stop()
    kept = application.bot_data["inbox"]
    if isinstance(kept, Inbox) and kept.marks is not None:
        bind = kept.marks.kw["bind"]
        assert isinstance(bind, Engine)
        bind.dispose()
    if isinstance(kept, Inbox) and kept.marks_file is not None:
        kept.marks_file.close()


async def publish_commands(application: Application) -> None:  # type: ignore[type-arg]
    """The command menu in each user's app language (Telegram picks by language_code)."""
    for locale in LOCALES:
        t = translator(locale)
        commands = [BotCommand(name, t.gettext(text)) for name, text in COMMANDS]
        await application.bot.set_my_commands(commands, language_code=locale)
    default = translator("en")
    await application.bot.set_my_commands(
        [BotCommand(name, default.gettext(text)) for name, text in COMMANDS]
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("error while handling an update", exc_info=context.error)


def build_application(
    container: Container,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> Application:  # type: ignore[type-arg]
    settings = container.settings
    marks, marks_file = None, None
    if container.engine.dialect.name == "postgresql":
        marks = session_factory(make_engine(settings.database_url, pool_size=1))
    else:
        marks_file = MarksFile.beside(settings.database_url)
    kept = Inbox(container.sessions, container.router.clock, marks, marks_file)

    async def finished(update: object) -> None:
        if isinstance(update, Update):
            await kept.finish(update.update_id)

    rate = settings.messages_per_second
    budget = budget_for(container.engine, rate, rate * settings.bulk_share)
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_api_url)
        .rate_limiter(PriorityRateLimiter(budget))
        .update_queue(InboxQueue(kept))
        .concurrent_updates(ChatOrderedProcessor(settings.telegram_concurrency, finished))
        .post_init(on_startup)
        .post_stop(on_stop)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    else:
        builder = builder.request(reply_request())
    application = builder.build()
    application.bot_data["router"] = container.router
    application.bot_data["inbox"] = kept
    application.bot_data["webhook"] = bool(settings.webhook_url)
    application.bot_data["delivery"] = Delivery(
        container.router, TelegramSender(application.bot).send, channel=CHANNEL,
        lease=settings.outbox_lease,
    )  # fmt: skip
    assert application.job_queue is not None, "install python-telegram-bot[job-queue]"
    application.job_queue.run_repeating(
        deliver_due, interval=settings.delivery_interval, first=1.0, name="delivery"
    )
    application.job_queue.run_repeating(
        inbox_upkeep, interval=INBOX_GRACE.total_seconds(), name="inbox"
    )
    application.add_handler(MessageHandler(filters.TEXT & ~filters.UpdateType.EDITED, on_text))
    application.add_handler(CallbackQueryHandler(on_callback))
    application.add_handler(
        MessageHandler(
            ~filters.TEXT & ~filters.UpdateType.EDITED & filters.ChatType.PRIVATE, on_other
        )
    )
    application.add_error_handler(on_error)
    return application


def run(application: Application, container: Container) -> None:  # type: ignore[type-arg]
    settings = container.settings
    # The database work of updates runs in these threads (asyncio.to_thread).
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.set_default_executor(
        ThreadPoolExecutor(max_workers=worker_threads(container), thread_name_prefix="work")
    )
    if settings.webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret or None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
