"""Messages we send on our own: each outbox kind rendered for its recipient, in their
language, at delivery time. None means "no longer relevant" (the meeting was cancelled)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from sqlalchemy import select

from actions.alerts import alert_reply
from actions.base import Context, Reply, rows
from actions.list_events import event_lines
from actions.meetings import ICS, SLOTS, VIEW, describe
from core import alerts, broadcasts, meetings
from core.imports import EXHIBITOR_WITHDRAWN
from core.models import Broadcast, Event, Exhibitor, Meeting, MeetingAttendee, Notification

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


def withdrawn(ctx: Context, note: Notification) -> Reply | None:
    """The exhibitor left the catalog: the person's meetings with it that it cancelled."""
    exhibitor = ctx.session.get(Exhibitor, note.ref)
    if exhibitor is None or exhibitor.retired_at is None:
        return None  # listed again since
    lost = ctx.session.scalars(
        select(Meeting)
        .join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
        .where(
            Meeting.exhibitor_id == exhibitor.id,
            Meeting.status == meetings.CANCELLED,
            Meeting.updated_at >= exhibitor.retired_at,
            Meeting.ends_at > ctx.now,
            MeetingAttendee.user_id == ctx.user.id,
        )
        .order_by(Meeting.starts_at)
    ).all()
    if not lost:
        return None
    return Reply(
        text=ctx._(
            "Sorry: this exhibitor is no longer at the expo, so these meetings are cancelled:"
        )
        + "\n\n"
        + "\n\n".join(describe(ctx, meeting) for meeting in lost)
    )


def _event(ctx: Context, note: Notification) -> Event | None:
    event = ctx.session.get(Event, note.ref)
    return event if event is not None and event.ends_at > ctx.now else None


def event_alert(ctx: Context, note: Notification) -> Reply | None:
    event = _event(ctx, note)
    if event is None:
        return None
    if note.kind == alerts.EVENT_NEW:
        return alert_reply(ctx, event, ctx._("🔔 A new event matches your alerts:"))
    return alert_reply(ctx, event, ctx._("🔔 An event matching your alerts has changed:"))


def event_reminder(ctx: Context, note: Notification) -> Reply | None:
    event = _event(ctx, note)
    if event is None or event.starts_at <= ctx.now:
        return None
    return Reply(text=ctx._("⏰ Tomorrow:") + "\n\n" + "\n".join(event_lines(ctx, event)))


def broadcast(ctx: Context, note: Notification) -> Reply | None:
    found = ctx.session.get(Broadcast, int(note.ref)) if note.ref.isdigit() else None
    if found is None or found.status == broadcasts.CANCELLED:
        return None
    return Reply(text="📢 " + escape(broadcasts.text_for(found, ctx.t.locale)))


RENDERERS: dict[str, Renderer] = {
    meetings.REMINDER: reminder,
    "invited": invited,
    "cancelled": cancelled,
    "declined": declined,
    EXHIBITOR_WITHDRAWN: withdrawn,
    alerts.EVENT_NEW: event_alert,
    alerts.EVENT_CHANGED: event_alert,
    alerts.EVENT_REMINDER: event_reminder,
    broadcasts.KIND: broadcast,
}


def render(ctx: Context, note: Notification) -> Reply | None:
    renderer = RENDERERS.get(note.kind)
    return renderer(ctx, note) if renderer else None
