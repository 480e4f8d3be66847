"""Booking rules, enforced by the database on SQLite and PostgreSQL, also under concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core import meetings, outbox
from core.db import transaction
from core.imports import import_schedules
from core.meetings import BookingError, Slot
from core.models import Exhibitor, Meeting, MeetingAttendee, Notification, User
from core.settings import Settings

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
SETTINGS = Settings(expo_start=date(2027, 11, 5))
NINE = datetime(2027, 11, 5, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, first expo day
USERS = 60


@pytest.fixture
def sessions(migrated):
    factory = migrated
    with transaction(factory) as session:
        session.add_all(
            Exhibitor(id=f"E{i}", name_en=f"Company {i}", country="DE", area="food",
                      hall="8.2", booth=f"8.2A-0{i}", products="wine")
            for i in range(1, 4)
        )  # fmt: skip
        session.add_all(User(channel="telegram", external_id=i) for i in range(1, USERS + 1))
    return factory


def user(session, external_id: int) -> User:
    return session.scalars(select(User).where(User.external_id == external_id)).one()


def slot(start: datetime = NINE, minutes: int = 30) -> Slot:
    return Slot(start, start + timedelta(minutes=minutes))


def book(factory, external_id: int, exhibitor: str = "E1", at: Slot | None = None, **kw) -> Meeting:
    with transaction(factory) as session:
        return meetings.book(session, booker=user(session, external_id), exhibitor_id=exhibitor,
                             starts_at=(at or slot()).starts_at, settings=SETTINGS, now=NOW, **kw)  # fmt: skip


def booked(factory, exhibitor: str | None = None) -> int:
    with factory() as session:
        statement = select(func.count()).select_from(Meeting).where(Meeting.status == "booked")
        if exhibitor:
            statement = statement.where(Meeting.exhibitor_id == exhibitor)
        return int(session.scalar(statement) or 0)


def test_default_slots_cover_the_expo_days() -> None:
    assert meetings.expo_dates(Settings(), NOW)[0] == date(2027, 11, 5)  # 2026's expo is over
    assert meetings.expo_dates(Settings(), datetime(2026, 11, 6, tzinfo=UTC))[0] == date(
        2026, 11, 5
    )
    assert len(meetings.expo_dates(SETTINGS, NOW)) == 6


def test_free_slots_skip_taken_ones_and_prefer_the_wanted_time(sessions) -> None:
    with sessions() as session:
        offered = meetings.offered_slots(session, "E1", SETTINGS, NOW)
    assert len(offered) == 6 * 16 and offered[0] == slot()
    book(sessions, 1)
    with sessions() as session:
        ten = datetime(2027, 11, 5, 2, 0, tzinfo=UTC)
        free = meetings.free_slots(session, "E1", [user(session, 2).id], SETTINGS, NOW, near=NINE)
        near_ten = meetings.free_slots(session, "E1", [1], SETTINGS, NOW, near=ten, limit=3)
    assert slot() not in free and free[0].starts_at == NINE + timedelta(minutes=30)
    assert [s.starts_at for s in near_ten] == [
        ten - timedelta(minutes=30),
        ten,
        ten + timedelta(minutes=30),
    ]


def test_a_slot_takes_one_booking_and_cancelling_frees_it(sessions) -> None:
    meeting = book(sessions, 1)
    with pytest.raises(BookingError) as problem:
        book(sessions, 2)
    assert problem.value.reason == "taken"
    with transaction(sessions) as session:
        mine = session.get(Meeting, meeting.id)
        assert meetings.cancel(session, mine, user(session, 1), NOW) == "cancelled"
    book(sessions, 2)
    assert booked(sessions) == 1


def test_one_person_cannot_hold_overlapping_meetings(sessions) -> None:
    book(sessions, 1, "E1")
    with pytest.raises(BookingError) as problem:
        book(sessions, 1, "E2")
    assert problem.value.reason == "busy"
    assert booked(sessions) == 1  # the failed booking left nothing behind


def test_the_database_itself_refuses_overlaps_of_different_lengths(sessions) -> None:
    """Bypassing the service: the constraint or trigger still holds."""
    with transaction(sessions) as session:
        meeting = Meeting(user_id=1, exhibitor_id="E1", starts_at=NINE,
                          ends_at=NINE + timedelta(minutes=45), status="booked")  # fmt: skip
        session.add(meeting)
        session.flush()
        session.add(MeetingAttendee(meeting_id=meeting.id, user_id=1, starts_at=NINE,
                                    ends_at=NINE + timedelta(minutes=45), active=True))  # fmt: skip
    later = NINE + timedelta(minutes=30)
    with pytest.raises(IntegrityError), transaction(sessions) as session:
        session.add(Meeting(user_id=2, exhibitor_id="E1", starts_at=later,
                            ends_at=later + timedelta(minutes=30), status="booked"))  # fmt: skip
    with pytest.raises(IntegrityError), transaction(sessions) as session:
        other = Meeting(user_id=1, exhibitor_id="E2", starts_at=later,
                        ends_at=later + timedelta(minutes=30), status="booked")  # fmt: skip
        session.add(other)
        session.flush()
        session.add(MeetingAttendee(meeting_id=other.id, user_id=1, starts_at=later,
                                    ends_at=later + timedelta(minutes=30), active=True))  # fmt: skip
    with transaction(sessions) as session:  # back to back is fine
        after = NINE + timedelta(minutes=45)
        session.add(Meeting(user_id=2, exhibitor_id="E1", starts_at=after,
                            ends_at=after + timedelta(minutes=30), status="booked"))  # fmt: skip


def test_bookings_outside_the_offer_or_in_the_past_are_refused(sessions) -> None:
    for at, reason in (
        (slot(NINE + timedelta(minutes=10)), "not_a_slot"),
        (slot(NINE - timedelta(days=400)), "past"),
    ):
        with pytest.raises(BookingError) as problem:
            book(sessions, 1, at=at)
        assert problem.value.reason == reason


def _race(target, count: int) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = []

    def attempt(i: int) -> None:
        barrier.wait()
        try:
            results.append(target(i))
        except BookingError as exc:
            results.append(exc.reason)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_people_racing_for_one_slot_make_one_meeting(sessions) -> None:
    results = _race(lambda i: book(sessions, i + 1), 50)
    assert booked(sessions) == 1
    assert sorted(r for r in results if isinstance(r, str)) == ["taken"] * 49


def test_fifty_overlapping_bookings_by_one_person_make_one(sessions) -> None:
    # Three exhibitors, slots of 30 and 45 minutes that all overlap 09:00-09:30.
    with transaction(sessions) as session:
        report = import_schedules(
            session, b"exhibitor_id,start,end,slot_minutes\nE2,09:00,17:00,45\n", 30
        )
        assert report.ok
    choices = [("E1", slot()), ("E2", slot(minutes=45)), ("E3", slot())]
    results = _race(lambda i: book(sessions, 1, choices[i % 3][0], at=choices[i % 3][1]), 50)
    assert booked(sessions) == 1
    assert sum(isinstance(r, Meeting) for r in results) == 1


def test_reminders_are_queued_once_and_follow_the_meeting(sessions) -> None:
    meeting = book(sessions, 1)
    with transaction(sessions) as session:
        notes = session.scalars(select(Notification)).all()
        assert [(n.kind, n.due_at) for n in notes] == [("reminder", NINE - timedelta(minutes=30))]
        assert not outbox.enqueue(session, key=notes[0].key, user_id=1, kind="reminder", ref="x",
                                  due_at=NINE)  # fmt: skip
        meetings.set_reminder_minutes(session, user(session, 1), 60, SETTINGS, NOW)
        assert session.scalars(select(Notification.due_at)).one() == NINE - timedelta(hours=1)
        moved = meetings.reschedule(session, session.get(Meeting, meeting.id), user(session, 1),
                                    NINE + timedelta(hours=2), SETTINGS, NOW)  # fmt: skip
        statuses = dict(session.execute(select(Notification.ref, Notification.status)).all())
    assert statuses == {str(meeting.id): "cancelled", str(moved.id): "pending"}


def test_a_failed_reschedule_keeps_the_old_meeting(sessions) -> None:
    meeting = book(sessions, 1)
    book(sessions, 2, at=slot(NINE + timedelta(hours=1)))
    with pytest.raises(BookingError), transaction(sessions) as session:
        meetings.reschedule(session, session.get(Meeting, meeting.id), user(session, 1),
                            NINE + timedelta(hours=1), SETTINGS, NOW)  # fmt: skip
    with sessions() as session:
        assert session.get(Meeting, meeting.id).status == "booked"
    assert booked(sessions) == 2


def test_colleagues_attend_and_cannot_be_double_booked(sessions) -> None:
    meeting = book(sessions, 1, others=[])
    with transaction(sessions) as session:
        colleague = user(session, 2)
        meetings.add_attendee(session, session.get(Meeting, meeting.id), colleague, SETTINGS, NOW)
        assert [u.external_id for u in meetings.attendees(session, meeting.id)] == [1, 2]
        # The colleague leaving does not cancel the meeting; the booker cancelling does.
        assert meetings.cancel(session, session.get(Meeting, meeting.id), colleague, NOW) == "left"
    with pytest.raises(BookingError) as problem, transaction(sessions) as session:
        book_for_two = meetings.book(session, booker=user(session, 3), exhibitor_id="E2", starts_at=NINE,
                                     settings=SETTINGS, now=NOW, others=[user(session, 1)])  # fmt: skip
        assert book_for_two is None
    assert problem.value.reason == "busy"


def test_declining_frees_the_slot_and_tells_the_attendees(sessions) -> None:
    meeting = book(sessions, 1)
    with transaction(sessions) as session:
        meetings.decline(session, session.get(Meeting, meeting.id), NOW)
        kinds = sorted(session.scalars(select(Notification.kind + ":" + Notification.status)).all())
    assert kinds == ["declined:pending", "reminder:cancelled"]
    book(sessions, 2)


def test_schedule_import_is_all_or_nothing(sessions) -> None:
    bad = (
        b"exhibitor_id,date,start,end,slot_minutes\nE1,,10:00,09:00,30\nNOPE,2027-13-01,9,17:00,5\n"
    )
    with transaction(sessions) as session:
        report = import_schedules(session, bad, 30)
    assert [(e.line, e.column) for e in report.errors] == [
        (2, "end"), (3, "date"), (3, "start"), (3, "slot_minutes"),
    ]  # fmt: skip
    unknown = b"exhibitor_id,start,end\nNOPE,09:00,17:00\n"
    with transaction(sessions) as session:
        assert [e.column for e in import_schedules(session, unknown, 30).errors] == ["exhibitor_id"]
    good = b"exhibitor_id,date,start,end,slot_minutes\nE1,2027-11-06,10:00,12:00,60\n"
    with transaction(sessions) as session:
        assert import_schedules(session, good, 30).created == 1
        assert import_schedules(session, good, 30).unchanged == 1
        offered = meetings.offered_slots(session, "E1", SETTINGS, NOW)
    assert [s.starts_at.hour for s in offered] == [2, 3]  # 10:00 and 11:00 in Shanghai, Nov 6 only
    assert (
        offered[0].starts_at.date() == date(2027, 11, 6) and time(2) == offered[0].starts_at.time()
    )


def test_reminders_switched_off_and_on_again_come_back(sessions) -> None:
    meeting = book(sessions, 1)
    with transaction(sessions) as session:
        meetings.set_reminder_minutes(session, user(session, 1), 0, SETTINGS, NOW)
        assert session.scalars(select(Notification.status)).one() == "cancelled"
        meetings.set_reminder_minutes(session, user(session, 1), 15, SETTINGS, NOW)
        note = session.scalars(select(Notification)).one()
    assert (note.status, note.due_at) == ("pending", meeting.starts_at - timedelta(minutes=15))
