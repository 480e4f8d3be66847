"""Invitation codes (/invite for organisers, /join for everyone) and the exhibitor staff
view (/booth): upcoming meetings at their booth, with a button to decline one."""

from __future__ import annotations

import logging
from html import escape

from actions.base import Context, InvalidCallback, Reply, rows
from actions.meetings import describe, short_when
from actions.menu import organisers_only
from core import catalog, invitations, meetings
from core.models import Delegation, Meeting

log = logging.getLogger(__name__)
DECLINE, CONFIRM_DECLINE = "sd", "sD"


def invite(ctx: Context) -> Reply:
    if not ctx.is_admin:
        return organisers_only(ctx, "/invite")
    kind, _, target = ctx.command_args.strip().partition(" ")
    target = target.strip()
    usage = ctx._("Usage: /invite exhibitor <exhibitor id> or /invite delegation <delegation name>")
    if kind == invitations.EXHIBITOR and target:
        exhibitor = catalog.get(ctx.session, target)
        if exhibitor is None:
            return Reply(
                text=ctx._("There is no exhibitor with the id {id}.").format(id=escape(target))
            )
        code = invitations.new_code(ctx.session, kind, exhibitor.id, ctx.user.external_id)
        label = catalog.display_name(exhibitor, ctx.t.locale)
    elif kind == invitations.DELEGATION and target:
        delegation = invitations.delegation_named(ctx.session, target[:120])
        code = invitations.new_code(ctx.session, kind, str(delegation.id), ctx.user.external_id)
        label = delegation.name
    else:
        return Reply(text=usage)
    return Reply(
        text=ctx._("Invitation code for {target}: <code>{code}</code>").format(
            target=escape(label), code=code
        )
        + "\n"
        + ctx._("Whoever sends /join {code} in this chat is linked to it.").format(code=code)
    )


def join(ctx: Context) -> Reply:
    code, _, name = ctx.command_args.strip().partition(" ")
    if not code:
        return Reply(
            text=ctx._(
                "Send /join followed by the invitation code from your organiser, and for a "
                "delegation the name your colleagues know you by: /join K7PQ2XW9RT Li Wei"
            )
        )
    invitation = invitations.redeem(ctx.session, code, ctx.user, name.strip() or None)
    if invitation is None:
        log.info("unknown invitation code tried by user %s", ctx.user.id)
        return Reply(
            text=ctx._("That invitation code is not valid. Please check it with your organiser.")
        )
    if invitation.kind == invitations.DELEGATION:
        delegation = ctx.session.get(Delegation, int(invitation.target))
        return Reply(
            text=ctx._(
                "You have joined {delegation}. You can now add colleagues to your meetings."
            ).format(delegation=escape(delegation.name if delegation else "?"))
        )
    exhibitor = catalog.get(ctx.session, invitation.target)
    name_text = catalog.display_name(exhibitor, ctx.t.locale) if exhibitor else invitation.target
    return Reply(
        text=ctx._("You are now staff of {exhibitor}. Send /booth to see its meetings.").format(
            exhibitor=escape(name_text)
        )
    )


def booth(ctx: Context, *, edit: bool = False) -> Reply:
    exhibitors = meetings.staffed_exhibitors(ctx.session, ctx.user)
    if not exhibitors:
        return Reply(
            text=ctx._(
                "This is for exhibitor staff. Ask the organiser for an invitation code, "
                "then send /join followed by the code."
            ),
            edit=edit,
        )
    found = meetings.exhibitor_meetings(ctx.session, [e.id for e in exhibitors], ctx.now)
    if not found:
        return Reply(text=ctx._("No upcoming meetings at your booth."), edit=edit)
    lines = [
        "<b>"
        + ctx.t.ngettext(
            "{count} upcoming meeting at your booth:",
            "{count} upcoming meetings at your booth:",
            len(found),
        ).format(count=ctx.t.number(len(found)))
        + "</b>"
    ]
    buttons = []
    for meeting in found[:40]:
        people = len(meetings.attendees(ctx.session, meeting.id))
        lines += [
            "",
            describe(ctx, meeting),
            ctx.t.ngettext("{count} visitor", "{count} visitors", people).format(count=people),
        ]
        buttons.append(
            ctx.button(
                ctx._("Decline {time}").format(time=short_when(ctx, meeting.starts_at)),
                DECLINE,
                str(meeting.id),
            )
        )
    return Reply(text="\n".join(lines), buttons=rows(*buttons, per_row=1), edit=edit)


def booth_command(ctx: Context) -> Reply:
    return booth(ctx)


def _staff_meeting(ctx: Context, args: tuple[str, ...]) -> Meeting | None:
    if not args or not args[0].isdigit():
        raise InvalidCallback("decline")
    meeting = ctx.session.get(Meeting, int(args[0]))
    staffed = {e.id for e in meetings.staffed_exhibitors(ctx.session, ctx.user)}
    if meeting is None or meeting.exhibitor_id not in staffed or meeting.status != meetings.BOOKED:
        return None
    return meeting


def on_decline(ctx: Context, args: tuple[str, ...]) -> Reply:
    meeting = _staff_meeting(ctx, args)
    if meeting is None:
        return booth(ctx, edit=True)
    return Reply(
        text=ctx._("Decline this meeting? The visitors will be told.")
        + "\n\n"
        + describe(ctx, meeting),
        buttons=rows(
            ctx.button(ctx._("Yes, decline"), CONFIRM_DECLINE, str(meeting.id)),
            ctx.button(ctx._("No, keep it"), "booth"),
        ),
        edit=True,
    )


def on_confirm_decline(ctx: Context, args: tuple[str, ...]) -> Reply:
    meeting = _staff_meeting(ctx, args)
    if meeting is None:
        return booth(ctx, edit=True)
    meetings.decline(ctx.session, meeting, ctx.now)
    listing = booth(ctx)
    return Reply(
        text=ctx._("Declined; the visitors have been told.") + "\n\n" + listing.text,
        buttons=listing.buttons,
        edit=True,
    )


def on_booth(ctx: Context, _args: tuple[str, ...]) -> Reply:
    return booth(ctx, edit=True)
