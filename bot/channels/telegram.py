"""The Telegram channel: thin PTB handlers that pass text to the router and render replies."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from actions.base import Reply
from bot.app import Container
from bot.router import Incoming, Router
from core.i18n import N_, translator
from core.settings import LOCALES

log = logging.getLogger(__name__)
CHANNEL = "telegram"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
COMMANDS = (
    ("start", N_("Start and show the menu")),
    ("help", N_("What I can do")),
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


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    incoming = Incoming(CHANNEL, user.id, message.text or "", user.language_code)
    await send(message, await _router(context).handle_text(incoming))


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Photos, stickers, voice: say what we can read instead of staying silent."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    incoming = Incoming(CHANNEL, user.id, "", user.language_code)
    await send(message, await _router(context).handle_non_text(incoming))


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    incoming = Incoming(CHANNEL, user.id, query.data or "", user.language_code)
    reply = await _router(context).handle_callback(incoming)
    await query.answer(reply.notice or None)
    message = query.message
    if reply.edit and isinstance(message, Message):
        try:
            await message.edit_text(
                reply.text, parse_mode=ParseMode.HTML, reply_markup=markup(reply),
                link_preview_options=NO_PREVIEW,
            )  # fmt: skip
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.info("could not edit message, sending a new one: %s", exc)
    if isinstance(message, Message):
        await send(message, reply)
    else:
        await context.bot.send_message(
            user.id,
            reply.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(reply),
            link_preview_options=NO_PREVIEW,
        )


async def send(message: Message, reply: Reply) -> None:
    await message.reply_text(
        reply.text, parse_mode=ParseMode.HTML, reply_markup=markup(reply),
        link_preview_options=NO_PREVIEW, do_quote=False,
    )  # fmt: skip


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
    builder = (
        Application.builder()
        .token(settings.telegram_token)
        .rate_limiter(AIORateLimiter())
        .post_init(publish_commands)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    application = builder.build()
    application.bot_data["router"] = container.router
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
