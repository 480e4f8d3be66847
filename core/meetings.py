"""Matchmaking meetings: slots, booking, cancelling, rescheduling, attendees, reminders.

Python checks give friendly answers; the database has the last word (unique indexes,
exclusion constraints or triggers), so concurrent bookings can never double-book.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import outbox
from core.i18n import SHANGHAI
from core.models import (
    Exhibitor,
    ExhibitorSchedule,
    ExhibitorStaff,
    Meeting,
    MeetingAttendee,
    User,
)
from core.settings import Settings

BOOKED, CANCELLED, DECLINED = "booked", "cancelled", "declined"
REMINDER = "reminder"


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # aware UTC
    ends_at: datetime


class BookingError(Exception):
    """Why a booking did not happen: taken, busy (the person has a meeting then), past,
    or not_a_slot (the exhibitor does not offer that time, e.g. after a schedule change)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- slots ---------------------------------------------------------------------------
def expo_dates(settings: Settings, now: datetime) -> list[date]:
    """The expo days: EXPO_START, else this year's Nov 5-10 or, once over, next year's."""
    start = settings.expo_start
    if start is None:
        today = now.astimezone(SHANGHAI).date()
        start = date(today.year, 11, 5)
        if today > start + timedelta(days=settings.expo_days - 1):
            start = date(today.year + 1, 11, 5)
    return [start + timedelta(days=i) for i in range(settings.expo_days)]


def _day_slots(day: date, starts: time, ends: time, minutes: int) -> list[Slot]:
    begin = datetime.combine(day, starts, tzinfo=SHANGHAI)
    end = datetime.combine(day, ends, tzinfo=SHANGHAI)
    step = timedelta(minutes=minutes)
    out = []
    while begin + step <= end:
        out.append(Slot(begin.astimezone(UTC), (begin + step).astimezone(UTC)))
        begin += step
    return out


def offered_slots(
    session: Session, exhibitor_id: str, settings: Settings, now: datetime
) -> list[Slot]:
    """Every slot the exhibitor offers over the expo days, booked or not; none once the
    exhibitor is retired from the catalog."""
    if session.scalar(select(Exhibitor.retired_at).where(Exhibitor.id == exhibitor_id)):
        return []
    rows = session.scalars(
        select(ExhibitorSchedule).where(ExhibitorSchedule.exhibitor_id == exhibitor_id)
    ).all()
    slots: list[Slot] = []
    for day in expo_dates(settings, now):
        todays = [r for r in rows if r.day == day] or [r for r in rows if r.day is None]
        if rows and not todays:
            continue  # the exhibitor set hours for other days only
        hours = [(r.starts, r.ends, r.slot_minutes) for r in todays] or [
            (settings.slot_start, settings.slot_end, settings.slot_minutes)
        ]
        for starts, ends, minutes in hours:
            slots += _day_slots(day, starts, ends, minutes)
    return sorted(set(slots), key=lambda s: s.starts_at)


def _busy(
    session: Session, exhibitor_id: str, user_ids: Sequence[int], since: datetime
) -> list[tuple[datetime, datetime]]:
    taken = session.execute(
        select(Meeting.starts_at, Meeting.ends_at).where(
            Meeting.exhibitor_id == exhibitor_id, Meeting.status == BOOKED, Meeting.ends_at > since
        )
    ).all()
    mine = session.execute(
        select(MeetingAttendee.starts_at, MeetingAttendee.ends_at).where(
            MeetingAttendee.user_id.in_(user_ids),
            MeetingAttendee.active,
            MeetingAttendee.ends_at > since,
        )
    ).all()
    return [(a, b) for a, b in (*taken, *mine)]


def free_slots(
    session: Session,
    exhibitor_id: str,
    user_ids: Sequence[int],
    settings: Settings,
    now: datetime,
    *,
    near: datetime | None = None,
    limit: int = 6,
) -> list[Slot]:
    """Free slots for these people, the ones nearest `near` first chosen, shown in time order."""
    busy = _busy(session, exhibitor_id, user_ids, now)
    free = [
        slot
        for slot in offered_slots(session, exhibitor_id, settings, now)
        if slot.starts_at > now
        and not any(a < slot.ends_at and slot.starts_at < b for a, b in busy)
    ]
    if near is not None:
        free = sorted(free, key=lambda s: (abs((s.starts_at - near).total_seconds()), s.starts_at))
    return sorted(free[:limit], key=lambda s: s.starts_at)


def find_slot(
    session: Session, exhibitor_id: str, starts_at: datetime, settings: Settings, now: datetime
) -> Slot | None:
    return next(
        (
            s
            for s in offered_slots(session, exhibitor_id, settings, now)
            if s.starts_at == starts_at
        ),
        None,
    )


# --- booking -------------------------------------------------------------------------
def reminder_lead(user: User, settings: Settings) -> timedelta:
    minutes = (
        user.reminder_minutes if user.reminder_minutes is not None else settings.reminder_minutes
    )
    return timedelta(minutes=minutes)


def _queue_reminder(
    session: Session, meeting: Meeting, user: User, settings: Settings, now: datetime
) -> None:
    if user.reminder_minutes == 0:
        return  # reminders switched off
    due = meeting.starts_at - reminder_lead(user, settings)
    if due > now:
        outbox.enqueue(
            session,
            key=f"remind:{meeting.id}:{user.id}",
            user_id=user.id,
            kind=REMINDER,
            ref=str(meeting.id),
            due_at=due,
        )


def _notify(
    session: Session, kind: str, meeting: Meeting, user_ids: Iterable[int], now: datetime
) -> None:
    for user_id in user_ids:
        outbox.enqueue(
            session,
            key=f"{kind}:{meeting.id}:{user_id}",
            user_id=user_id,
            kind=kind,
            ref=str(meeting.id),
            due_at=now,
        )


def book(
    session: Session,
    *,
    booker: User,
    exhibitor_id: str,
    starts_at: datetime,
    settings: Settings,
    now: datetime,
    others: Sequence[User] = (),
) -> Meeting:
    """Books the exhibitor's slot starting then, for the booker (and colleagues), or
    raises BookingError."""
    if starts_at <= now:
        raise BookingError("past")
    slot = find_slot(session, exhibitor_id, starts_at, settings, now)
    if slot is None:
        raise BookingError("not_a_slot")
    people = [booker, *(u for u in others if u.id != booker.id)]
    savepoint = session.begin_nested()
    meeting = Meeting(
        user_id=booker.id,
        exhibitor_id=exhibitor_id,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        status=BOOKED,
    )
    try:
        session.add(meeting)
        session.flush()
    except IntegrityError:
        savepoint.rollback()
        raise BookingError("taken") from None
    try:
        session.add_all([_attendee(meeting, person.id) for person in people])
        session.flush()
    except IntegrityError:
        savepoint.rollback()
        raise BookingError("busy") from None
    savepoint.commit()
    for person in people:
        _queue_reminder(session, meeting, person, settings, now)
    _notify(session, "invited", meeting, [p.id for p in people if p.id != booker.id], now)
    return meeting


def _attendee(meeting: Meeting, user_id: int) -> MeetingAttendee:
    return MeetingAttendee(
        meeting_id=meeting.id,
        user_id=user_id,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        active=True,
    )


def attendees(session: Session, meeting_id: int) -> list[User]:
    return list(
        session.scalars(
            select(User)
            .join(MeetingAttendee, MeetingAttendee.user_id == User.id)
            .where(MeetingAttendee.meeting_id == meeting_id, MeetingAttendee.active)
            .order_by(User.id)
        ).all()
    )


def add_attendee(
    session: Session, meeting: Meeting, person: User, settings: Settings, now: datetime
) -> None:
    existing = session.get(MeetingAttendee, (meeting.id, person.id))
    try:
        with session.begin_nested():
            if existing is None:
                session.add(_attendee(meeting, person.id))
            else:
                existing.active = True
            session.flush()
    except IntegrityError:
        raise BookingError("busy") from None
    _queue_reminder(session, meeting, person, settings, now)
    _notify(session, "invited", meeting, [person.id], now)


def meeting_for(session: Session, meeting_id: int, user: User) -> Meeting | None:
    """The meeting if this person attends it and it is still booked."""
    return session.scalar(
        select(Meeting)
        .join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
        .where(
            Meeting.id == meeting_id,
            Meeting.status == BOOKED,
            MeetingAttendee.user_id == user.id,
            MeetingAttendee.active,
        )
    )


def upcoming(
    session: Session, user: User, now: datetime, *, day: date | None = None
) -> list[Meeting]:
    statement = (
        select(Meeting)
        .join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
        .where(
            MeetingAttendee.user_id == user.id,
            MeetingAttendee.active,
            Meeting.status == BOOKED,
            Meeting.ends_at > now,
        )
        .order_by(Meeting.starts_at)
    )
    if day is not None:
        start = datetime.combine(day, time(0), tzinfo=SHANGHAI)
        statement = statement.where(
            Meeting.starts_at >= start, Meeting.starts_at < start + timedelta(days=1)
        )
    return list(session.scalars(statement).all())


def _deactivate(session: Session, meeting: Meeting, user_ids: Sequence[int] | None = None) -> None:
    statement = update(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting.id)
    if user_ids is not None:
        statement = statement.where(MeetingAttendee.user_id.in_(user_ids))
    session.execute(statement.values(active=False))
    outbox.cancel_pending(session, kind=REMINDER, ref=str(meeting.id), user_ids=user_ids or ())


def cancel(session: Session, meeting: Meeting, user: User, now: datetime) -> str:
    """The booker cancels the meeting for all; another attendee only leaves it.
    Returns "cancelled" or "left"."""
    others = [p.id for p in attendees(session, meeting.id) if p.id != user.id]
    if meeting.user_id != user.id and others:
        _deactivate(session, meeting, [user.id])
        return "left"
    meeting.status = CANCELLED
    _deactivate(session, meeting)
    _notify(session, "cancelled", meeting, others, now)
    return "cancelled"


def reschedule(
    session: Session,
    meeting: Meeting,
    user: User,
    starts_at: datetime,
    settings: Settings,
    now: datetime,
) -> Meeting:
    """Moves the meeting (all its attendees) to another slot, atomically: on failure the
    old meeting stands."""
    people = attendees(session, meeting.id)
    booker = next((p for p in people if p.id == meeting.user_id), user)
    with session.begin_nested():
        meeting.status = CANCELLED
        _deactivate(session, meeting)
        session.flush()
        return book(
            session,
            booker=booker,
            exhibitor_id=meeting.exhibitor_id,
            starts_at=starts_at,
            settings=settings,
            now=now,
            others=[p for p in people if p.id != booker.id],
        )


def set_reminder_minutes(
    session: Session, user: User, minutes: int, settings: Settings, now: datetime
) -> None:
    """Changes the person's reminder lead and moves their pending reminders with it."""
    user.reminder_minutes = minutes
    for meeting in upcoming(session, user, now):
        if minutes == 0:
            outbox.cancel_pending(session, kind=REMINDER, ref=str(meeting.id), user_ids=[user.id])
            continue
        due = meeting.starts_at - timedelta(minutes=minutes)
        outbox.reschedule_pending(
            session, kind=REMINDER, ref=str(meeting.id), user_id=user.id, due_at=due
        )
        _queue_reminder(session, meeting, user, settings, now)


# --- exhibitor side ----------------------------------------------------------------------
def staffed_exhibitors(session: Session, user: User) -> list[Exhibitor]:
    return list(
        session.scalars(
            select(Exhibitor)
            .join(ExhibitorStaff, ExhibitorStaff.exhibitor_id == Exhibitor.id)
            .where(ExhibitorStaff.user_id == user.id, Exhibitor.retired_at.is_(None))
            .order_by(Exhibitor.id)
        ).all()
    )


def exhibitor_meetings(
    session: Session, exhibitor_ids: Sequence[str], now: datetime
) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.exhibitor_id.in_(exhibitor_ids),
                Meeting.status == BOOKED,
                Meeting.ends_at > now,
            )
            .order_by(Meeting.starts_at)
        ).all()
    )


def decline(session: Session, meeting: Meeting, now: datetime) -> None:
    """Exhibitor staff decline: the slot is freed and every attendee is told."""
    people = [p.id for p in attendees(session, meeting.id)]
    meeting.status = DECLINED
    _deactivate(session, meeting)
    _notify(session, "declined", meeting, people, now)
