"""Messages we send on our own: each outbox kind rendered for its recipient, in their
language, at delivery time. None means "no longer relevant" (the meeting was cancelled)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from actions.base import Context, Reply, rows
from actions.meetings import ICS, SLOTS, VIEW, describe
from core import meetings
from core.models import Meeting, MeetingAttendee, Notification

Renderer = Callable[[Context, Notification], Reply | None]


def _meeting(ctx: Context, note: Notification) -> Meeting | None:
    return ctx.session.get(Meeting, int(note.ref)) if note.ref.isdigit() else None


def _attending(ctx: Context, meeting: Meeting) -> bool:
    return bool(
        ctx.session.scalar(
            select(MeetingAttendee.active).where(
                MeetingAttendee.meeting_id == meeting.id, MeetingAttendee.user_id == ctx.user.id
            )
        )
    )


def reminder(ctx: Context, note: Notification) -> Reply | None:
    meeting = _meeting(ctx, note)
    if meeting is None or meeting.status != meetings.BOOKED or not _attending(ctx, meeting):
        return None
    if meeting.starts_at <= ctx.now:
        return None  # delivered late (the app was down): a reminder now would only confuse
    minutes = max(1, round((meeting.starts_at - ctx.now).total_seconds() / 60))
    headline = ctx.t.ngettext(
        "⏰ Your meeting starts in {count} minute:",
        "⏰ Your meeting starts in {count} minutes:",
        minutes,
    ).format(count=ctx.t.number(minutes))
    return Reply(
        text=headline + "\n\n" + describe(ctx, meeting),
        buttons=rows(ctx.button(ctx._("📅 Add to calendar"), ICS, str(meeting.id))),
    )


def invited(ctx: Context, note: Notification) -> Reply | None:
    meeting = _meeting(ctx, note)
    if meeting is None or meeting.status != meetings.BOOKED or not _attending(ctx, meeting):
        return None
    return Reply(
        text=ctx._("👥 A colleague from your delegation added you to a meeting:")
        + "\n\n"
        + describe(ctx, meeting),
        buttons=rows(
            ctx.button(ctx._("Details"), VIEW, str(meeting.id)),
            ctx.button(ctx._("📅 Add to calendar"), ICS, str(meeting.id)),
        ),
    )


def cancelled(ctx: Context, note: Notification) -> Reply | None:
    meeting = _meeting(ctx, note)
    if meeting is None:
        return None
    return Reply(
        text=ctx._("The colleague who booked it cancelled this meeting:")
        + "\n\n"
        + describe(ctx, meeting)
    )


def declined(ctx: Context, note: Notification) -> Reply | None:
    meeting = _meeting(ctx, note)
    if meeting is None:
        return None
    return Reply(
        text=ctx._("Sorry: the exhibitor declined this meeting, and it is cancelled:")
        + "\n\n"
        + describe(ctx, meeting),
        buttons=rows(ctx.button(ctx._("Book another time"), SLOTS, meeting.exhibitor_id)),
    )


RENDERERS: dict[str, Renderer] = {
    meetings.REMINDER: reminder,
    "invited": invited,
    "cancelled": cancelled,
    "declined": declined,
}


def render(ctx: Context, note: Notification) -> Reply | None:
    renderer = RENDERERS.get(note.kind)
    return renderer(ctx, note) if renderer else None
