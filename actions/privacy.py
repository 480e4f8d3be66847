"""/privacy and /delete_me: what we keep about a person, and erasing it."""

from __future__ import annotations

from actions.base import Context, Reply, rows
from core import users

VERB = "del"


def privacy(ctx: Context) -> Reply:
    _ = ctx._
    return Reply(
        text="\n".join(
            (
                "<b>" + _("What I keep about you") + "</b>",
                _("• your chat id and the language you chose or your app uses"),
                _("• meetings you book and alerts you subscribe to"),
                _("• the name you give when you join a delegation, shown to your colleagues"),
                _("I do not keep your name, phone number or the text of your messages."),
                _("Your messages are understood by our own language service, not sent elsewhere."),
                "",
                _("Send /delete_me to erase everything I keep about you."),
            )
        )
    )


def delete_me(ctx: Context) -> Reply:
    return Reply(
        text=ctx._("Erase all your data (language, meetings, alerts)? This cannot be undone."),
        buttons=rows(
            ctx.button(ctx._("Yes, erase it"), VERB, "yes"),
            ctx.button(ctx._("No, keep it"), VERB, "no"),
        ),
    )


def on_callback(ctx: Context, args: tuple[str, ...]) -> Reply:
    if args[:1] != ("yes",):
        return Reply(text=ctx._("Nothing was erased."), edit=True)
    users.delete_user(ctx.session, ctx.user.channel, ctx.user.external_id)
    ctx.extras["deleted"] = True
    return Reply(text=ctx._("Done: everything I kept about you has been erased."), edit=True)
