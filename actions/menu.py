"""Help, the main menu and the replies for messages the assistant cannot act on."""

from __future__ import annotations

import logging
from html import escape

from actions.base import Button, Context, NluResult, Reply, rows
from core.i18n import N_

log = logging.getLogger(__name__)

MENU_ITEMS = (
    (N_("🔎 Find exhibitors"), "menu", "search"),
    (N_("🏛 Lingang rules"), "lg"),
    (N_("📅 Events in the Delta"), "menu", "events"),
    (N_("🗓 My meetings"), "mm"),
    (N_("🌐 Language"), "lang"),
)


def main_menu(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    return rows(*(ctx.button(ctx._(label), *payload) for label, *payload in MENU_ITEMS))


def menu_reply(ctx: Context, text: str, *, edit: bool = False) -> Reply:
    return Reply(text=text, buttons=main_menu(ctx), edit=edit)


def help_text(ctx: Context) -> str:
    _ = ctx._
    return "\n".join(
        (
            _("I am the Delta Expo Assistant for the CIIE in Shanghai. I can:"),
            _("• find exhibitors by product, country, hall or area (“French cheese exhibitors”)"),
            _("• show an exhibitor’s booth and contact (“where is Nordic Medtech?”)"),
            _("• answer questions on Lingang New Area rules (“Lingang corporate tax”)"),
            _("• list post-expo events in Delta cities (“events in Suzhou”)"),
            _("• book meetings with exhibitors, with reminders (“meet Nordic Medtech at 10”)"),
            _("• alert you to new events in your cities (“alerts for events in Hangzhou”)"),
            "",
            _(
                "Commands: /start, /help, /meetings, /reminders, /calendar, /subscriptions, "
                "/join, /language, /privacy, /delete_me"
            ),
        )
    )


def start(ctx: Context, _nlu: NluResult | None = None) -> Reply:
    return menu_reply(ctx, ctx._("Welcome!") + "\n\n" + help_text(ctx))


def help_intent(ctx: Context, _nlu: NluResult | None = None) -> Reply:
    return menu_reply(ctx, help_text(ctx))


def fallback(ctx: Context, _nlu: NluResult | None = None) -> Reply:
    return menu_reply(
        ctx,
        ctx._("Sorry, I did not understand that. Try rephrasing, or pick from the menu:"),
    )


def nlu_unavailable(ctx: Context) -> Reply:
    return menu_reply(
        ctx,
        ctx._(
            "I can’t understand free text right now, sorry. The menu below still works; "
            "please try your question again in a minute."
        ),
    )


def unknown_command(ctx: Context, command: str) -> Reply:
    return menu_reply(
        ctx,
        ctx._("I don’t know the command {command}.").format(command=escape(command[:40]))
        + "\n\n"
        + help_text(ctx),
    )


def empty_message(ctx: Context) -> Reply:
    return menu_reply(
        ctx, ctx._("Your message was empty. Ask me something, or pick from the menu:")
    )


def text_only(ctx: Context) -> Reply:
    return menu_reply(
        ctx, ctx._("I can only read text messages. Type your question, or use the menu:")
    )


def too_long(ctx: Context, limit: int) -> Reply:
    return menu_reply(
        ctx,
        ctx._(
            "Your message is too long for me ({limit} characters at most). "
            "Please ask one short question at a time."
        ).format(limit=ctx.t.number(limit)),
    )


def stale_button(ctx: Context) -> Reply:
    return menu_reply(
        ctx, ctx._("That button has expired or is not valid any more. Here is the menu:")
    )


def internal_error(ctx: Context) -> Reply:
    return menu_reply(
        ctx,
        ctx._("Something went wrong on our side and nothing was changed. Please try again."),
    )


def organisers_only(ctx: Context, what: str) -> Reply:
    """The refusal for a command or button only ADMIN_IDS may use; it is logged."""
    log.warning(
        "refused %s from %s user %s (not an organiser)", what, ctx.user.channel, ctx.user.id
    )
    return Reply(text=ctx._("Sorry, only organisers can use this command."))


def menu_callback(ctx: Context, args: tuple[str, ...]) -> Reply:
    # Imported here: those modules use menu_reply from this one.
    from actions import list_events, search_exhibitors

    section = args[0] if args else ""
    if section == "search":
        return search_exhibitors.choose_area(ctx)
    if section == "events":
        return list_events.choose_city(ctx)
    return menu_reply(ctx, help_text(ctx), edit=True)
