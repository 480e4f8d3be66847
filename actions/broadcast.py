"""Organiser broadcasts (admins only): compose, add languages, target, preview, send now
or later, cancel, and the delivery report. Everyone else is refused, and that is logged."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from html import escape, unescape

import dateparser
from sqlalchemy import select

from actions.base import Context, InvalidCallback, Reply, rows
from actions.menu import organisers_only
from core import broadcasts
from core.i18n import N_, SHANGHAI
from core.models import Broadcast, Delegation, Subscription
from core.settings import LOCALES

log = logging.getLogger(__name__)
OPEN, TARGET, PICK_CITY, PICK_LANG, PICK_DELEGATION = "bo", "bt", "bc", "bl", "bd"
PREVIEW, SEND_NOW, CANCEL, REPORT = "bp", "bn", "bx", "br"
TELEGRAM_MAX_CHARS = 4096  # in one message


def admin_only(
    handler: Callable[[Context, tuple[str, ...]], Reply],
) -> Callable[[Context, tuple[str, ...]], Reply]:
    def guarded(ctx: Context, args: tuple[str, ...]) -> Reply:
        if not ctx.is_admin:
            return organisers_only(ctx, f"broadcast button {handler.__name__}")
        return handler(ctx, args)

    return guarded


def _broadcast(ctx: Context, args: tuple[str, ...]) -> Broadcast:
    if not args or not args[0].isdigit():
        raise InvalidCallback("broadcast")
    found = ctx.session.get(Broadcast, int(args[0]))
    if found is None:
        raise InvalidCallback("broadcast")
    return found


# --- commands ----------------------------------------------------------------------------
def broadcast_command(ctx: Context) -> Reply:
    if not ctx.is_admin:
        return organisers_only(ctx, "/broadcast")
    text = ctx.command_args.strip()
    if not text:
        return usage(ctx)
    if len(text) > broadcasts.MAX_TEXT:
        return too_long(ctx, text)
    created = broadcasts.create(ctx.session, ctx.user.external_id, ctx.t.locale, text)
    return card(ctx, created, edit=False)


def too_long(ctx: Context, text: str) -> Reply:
    return Reply(
        text=ctx._(
            "A broadcast can hold {limit} characters; this one has {count}. "
            "Please shorten it and send it again."
        ).format(limit=ctx.t.number(broadcasts.MAX_TEXT), count=ctx.t.number(len(text)))
    )


def usage(ctx: Context) -> Reply:
    lines = [
        ctx._("Broadcasts to subscribers:"),
        escape(ctx._("/broadcast <text> — a new draft in your language")),
        escape(ctx._("/broadcast_text <id> <language code> <text> — the text in another language")),
        escape(ctx._("/broadcast_at <id> <date and time, Shanghai> — send later")),
        escape(ctx._("/broadcast_resend <id> — send again where delivery is uncertain")),
    ]
    recent = broadcasts.recent(ctx.session)
    return Reply(
        text="\n".join(lines),
        buttons=rows(
            *(ctx.button(f"#{b.id} · {status_name(ctx, b)}", OPEN, str(b.id)) for b in recent),
            per_row=2,
        ),
    )


def text_command(ctx: Context) -> Reply:
    if not ctx.is_admin:
        return organisers_only(ctx, "/broadcast_text")
    parts = ctx.command_args.split(maxsplit=2)
    if len(parts) < 3 or not parts[0].isdigit() or parts[1] not in LOCALES:
        return usage(ctx)
    found = ctx.session.get(Broadcast, int(parts[0]))
    if found is None or found.status != broadcasts.DRAFT:
        return Reply(text=ctx._("There is no draft broadcast #{id}.").format(id=escape(parts[0])))
    if len(parts[2]) > broadcasts.MAX_TEXT:
        return too_long(ctx, parts[2])
    broadcasts.set_text(found, parts[1], parts[2])
    return card(ctx, found, edit=False)


def at_command(ctx: Context) -> Reply:
    if not ctx.is_admin:
        return organisers_only(ctx, "/broadcast_at")
    number, _, when_text = ctx.command_args.strip().partition(" ")
    found = ctx.session.get(Broadcast, int(number)) if number.isdigit() else None
    if found is None:
        return usage(ctx)
    when = parse_local(when_text, ctx.now)
    if when is None or when <= ctx.now:
        return Reply(
            text=ctx._("I could not read “{when}” as a future date and time.").format(
                when=escape(when_text[:60])
            )
        )
    return queued(ctx, found, when)


def resend_command(ctx: Context) -> Reply:
    """Sends a broadcast again to the people whose message may not have arrived."""
    if not ctx.is_admin:
        return organisers_only(ctx, "/broadcast_resend")
    number = ctx.command_args.strip()
    found = ctx.session.get(Broadcast, int(number)) if number.isdigit() else None
    if found is None:
        return usage(ctx)
    count = broadcasts.resend_uncertain(ctx.session, found, ctx.now)
    log.info("broadcast %s resent to %d uncertain recipients by admin %s",
             found.id, count, ctx.user.external_id)  # fmt: skip
    if count:
        headline = ctx.t.ngettext(
            "Sending again to {count} person whose message may not have arrived.",
            "Sending again to {count} people whose message may not have arrived.",
            count,
        ).format(count=ctx.t.number(count))
    else:
        headline = ctx._("Broadcast #{id} has no messages of uncertain delivery.").format(
            id=found.id
        )
    reply = card(ctx, found, edit=False)
    return Reply(text=headline + "\n\n" + reply.text, buttons=reply.buttons)


def parse_local(text: str, now: datetime) -> datetime | None:
    parsed = dateparser.parse(
        text,
        settings={
            "RELATIVE_BASE": now.astimezone(SHANGHAI).replace(tzinfo=None),
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.replace(tzinfo=SHANGHAI) if parsed else None


# --- the draft card -----------------------------------------------------------------------
STATUS_NAMES = {
    broadcasts.DRAFT: N_("draft"),
    broadcasts.QUEUED: N_("queued"),
    broadcasts.CANCELLED: N_("cancelled"),
}


def status_name(ctx: Context, found: Broadcast) -> str:
    return ctx._(STATUS_NAMES[found.status])


def target_text(ctx: Context, found: Broadcast) -> str:
    value = found.target_value
    if found.target_kind == "city":
        return ctx._("subscribers to {city}").format(
            city=escape(ctx.taxonomy.city_name(value, ctx.t.locale))
        )
    if found.target_kind == "lang":
        return ctx._("people using {language}").format(language=escape(ctx.t.language_name(value)))
    if found.target_kind == "delegation":
        delegation = ctx.session.get(Delegation, int(value or 0))
        return ctx._("members of {delegation}").format(
            delegation=escape(delegation.name if delegation else "?")
        )
    return ctx._("everyone")


def card(ctx: Context, found: Broadcast, *, edit: bool = True) -> Reply:
    count = broadcasts.count_recipients(ctx.session, found)
    lines = [
        "<b>" + ctx._("Broadcast #{id}").format(id=found.id) + "</b> · " + status_name(ctx, found),
        ctx._("To: {target}").format(target=target_text(ctx, found))
        + " · "
        + ctx.t.ngettext("{count} person", "{count} people", count).format(
            count=ctx.t.number(count)
        ),
        ctx._("Languages: {languages}").format(languages=", ".join(sorted(found.texts))),
    ]
    if found.send_at is not None:
        lines.append(ctx._("Send at: {when}").format(when=ctx.t.datetime(found.send_at, "short")))
    lines += ["", escape(broadcasts.text_for(found, ctx.t.locale))]
    bid = str(found.id)
    if found.status == broadcasts.DRAFT:
        buttons = rows(
            ctx.button(ctx._("🎯 Everyone"), TARGET, bid, "all", ""),
            ctx.button(ctx._("🎯 By city"), PICK_CITY, bid),
            ctx.button(ctx._("🎯 By language"), PICK_LANG, bid),
            ctx.button(ctx._("🎯 By delegation"), PICK_DELEGATION, bid),
            ctx.button(ctx._("👁 Preview"), PREVIEW, bid),
            ctx.button(ctx._("🚀 Send now"), SEND_NOW, bid),
        )
    else:
        buttons = rows(
            ctx.button(ctx._("📊 Delivery report"), REPORT, bid),
            *(
                [ctx.button(ctx._("⛔ Cancel"), CANCEL, bid)]
                if found.status == broadcasts.QUEUED
                else []
            ),
        )
    return Reply(text="\n".join(lines), buttons=buttons, edit=edit)


@admin_only
def on_open(ctx: Context, args: tuple[str, ...]) -> Reply:
    return card(ctx, _broadcast(ctx, args), edit=False)


@admin_only
def on_target(ctx: Context, args: tuple[str, ...]) -> Reply:
    found = _broadcast(ctx, args)
    kind, value = (args[1], args[2]) if len(args) == 3 else ("", "")
    if kind not in broadcasts.TARGETS or found.status != broadcasts.DRAFT:
        raise InvalidCallback("target")
    found.target_kind, found.target_value = kind, value
    return card(ctx, found)


def target_chooser(
    ctx: Context,
    found: Broadcast,
    prompt: str,
    kind: str,
    options: list[tuple[str, str]],
    per_row: int,
) -> Reply:
    """Buttons that set the broadcast's target to (kind, value), one per option."""
    return Reply(
        text=prompt,
        buttons=rows(
            *(
                ctx.button(label[:40], TARGET, str(found.id), kind, value)
                for label, value in options
            ),
            per_row=per_row,
        ),
        edit=True,
    )


@admin_only
def on_pick_city(ctx: Context, args: tuple[str, ...]) -> Reply:
    cities = sorted(
        set(ctx.session.scalars(select(Subscription.city).where(Subscription.city != "")).all())
    )
    options = [(ctx.taxonomy.city_name(c, ctx.t.locale), c) for c in cities]
    prompt = ctx._("Send to the subscribers of which city?")
    return target_chooser(ctx, _broadcast(ctx, args), prompt, "city", options, per_row=3)


@admin_only
def on_pick_language(ctx: Context, args: tuple[str, ...]) -> Reply:
    options = [(ctx.t.autonym(code), code) for code in LOCALES]
    prompt = ctx._("Send to the people using which language?")
    return target_chooser(ctx, _broadcast(ctx, args), prompt, "lang", options, per_row=4)


@admin_only
def on_pick_delegation(ctx: Context, args: tuple[str, ...]) -> Reply:
    found = _broadcast(ctx, args)
    delegations = ctx.session.scalars(select(Delegation).order_by(Delegation.name).limit(30)).all()
    if not delegations:
        return Reply(
            text=escape(ctx._("There are no delegations yet (/invite delegation <name>)."))
        )
    options = [(d.name, str(d.id)) for d in delegations]
    prompt = ctx._("Send to the members of which delegation?")
    return target_chooser(ctx, found, prompt, "delegation", options, per_row=1)


@admin_only
def on_preview(ctx: Context, args: tuple[str, ...]) -> Reply:
    """All languages in one message; when that is too long for Telegram, a button per
    language shows each alone."""
    found = _broadcast(ctx, args)
    buttons = card(ctx, found).buttons
    wanted = args[1:2] if len(args) > 1 and args[1] in found.texts else sorted(found.texts)
    lines = [ctx._("What each language group will get (others get English):")]
    for code in wanted:
        lines += [
            "",
            f"<b>{escape(ctx.t.language_name(code))}</b>",
            "📢 " + escape(found.texts[code]),
        ]
    text = "\n".join(lines)
    if shown_length(text) <= TELEGRAM_MAX_CHARS:
        return Reply(text=text, buttons=buttons)
    pick = ctx._(
        "All languages together are longer than one Telegram message ({limit} characters). "
        "Preview each language:"
    ).format(limit=ctx.t.number(TELEGRAM_MAX_CHARS))
    per_language = rows(
        *(
            ctx.button("👁 " + ctx.t.language_name(code), PREVIEW, str(found.id), code)
            for code in sorted(found.texts)
        ),
        per_row=4,
    )
    return Reply(text=pick, buttons=per_language + buttons)


def shown_length(html: str) -> int:
    """The length Telegram counts: the text after its tags and entities are read, in UTF-16
    code units."""
    shown = unescape(re.sub(r"<[^>]*>", "", html))
    return len(shown.encode("utf-16-le")) // 2


@admin_only
def on_send_now(ctx: Context, args: tuple[str, ...]) -> Reply:
    found = _broadcast(ctx, args)
    if found.status != broadcasts.DRAFT:
        return card(ctx, found)
    return queued(ctx, found, ctx.now)


def queued(ctx: Context, found: Broadcast, when: datetime) -> Reply:
    count = broadcasts.queue(ctx.session, found, when)
    log.info("broadcast %s queued for %d people by admin %s", found.id, count, ctx.user.external_id)
    reply = card(ctx, found)
    headline = ctx.t.ngettext(
        "Queued for {count} person.", "Queued for {count} people.", count
    ).format(count=ctx.t.number(count))
    return Reply(text=headline + "\n\n" + reply.text, buttons=reply.buttons, edit=True)


@admin_only
def on_cancel(ctx: Context, args: tuple[str, ...]) -> Reply:
    found = _broadcast(ctx, args)
    stopped = broadcasts.cancel(ctx.session, found)
    headline = ctx.t.ngettext(
        "Cancelled: {count} message will not be sent.",
        "Cancelled: {count} messages will not be sent.",
        stopped,
    ).format(count=ctx.t.number(stopped))
    return Reply(text=headline, buttons=card(ctx, found).buttons, edit=True)


@admin_only
def on_report(ctx: Context, args: tuple[str, ...]) -> Reply:
    found = _broadcast(ctx, args)
    counts = broadcasts.report(ctx.session, found)
    n = ctx.t.number
    text = "\n".join(
        (
            "<b>" + ctx._("Delivery report, broadcast #{id}").format(id=found.id) + "</b>",
            ctx._("Sent: {count}").format(count=n(counts.get("sent", 0))),
            ctx._("Failed: {count}").format(count=n(counts.get("failed", 0))),
            ctx._("Blocked the bot: {count}").format(count=n(counts.get("blocked", 0))),
            ctx._("Waiting: {count}").format(
                count=n(counts.get("pending", 0) + counts.get("sending", 0))
            ),
            ctx._("Cancelled: {count}").format(count=n(counts.get("cancelled", 0))),
        )
    )
    uncertain = counts.get("uncertain", 0)
    if uncertain:
        text += "\n" + ctx._("Maybe delivered: {count}").format(count=n(uncertain))
        text += "\n" + escape(
            ctx._(
                "The app stopped or Telegram did not answer while these were being sent. "
                "/broadcast_resend {id} sends them again (some people may then get it twice)."
            ).format(id=found.id)
        )
    return Reply(text=text, buttons=card(ctx, found).buttons, edit=True)
