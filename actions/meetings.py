"""Matchmaking meetings: book from chat or a card, list, cancel, reschedule, invite
colleagues, export to a calendar, and set the reminder lead time."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from html import escape

from sqlalchemy import select

from actions.base import (
    Button,
    Context,
    Document,
    Entity,
    InvalidCallback,
    NluResult,
    Reply,
    rows,
)
from actions.exhibitor_info import card, where_text
from actions.menu import menu_reply
from core import catalog, meetings
from core.calendar import CalendarEntry, to_ics
from core.dialogue import BookingForm
from core.i18n import SHANGHAI
from core.meetings import BookingError
from core.models import Exhibitor, Meeting, User
from core.when import parse_clock, parse_day

SLOTS, BOOK, LIST, VIEW, CANCEL, CONFIRM_CANCEL = "bk", "bs", "mm", "mv", "mc", "mx"
MOVE, MOVE_TO, ICS, COLLEAGUES, ADD_COLLEAGUE, REMINDER = "mr", "mR", "mi", "ma", "mA", "rm"
REMINDER_CHOICES = (0, 15, 30, 60, 120)


# --- compact, signed callback arguments ---------------------------------------------
def encode_time(value: datetime) -> str:
    minutes = int(value.timestamp()) // 60
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while minutes:
        minutes, rest = divmod(minutes, 36)
        out = digits[rest] + out
    return out or "0"


def decode_time(text: str) -> datetime:
    try:
        return datetime.fromtimestamp(int(text, 36) * 60, tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise InvalidCallback(text) from None


def _int(text: str) -> int:
    if not text.isdigit():
        raise InvalidCallback(text)
    return int(text)


# --- rendering ------------------------------------------------------------------------
def when_text(ctx: Context, starts_at: datetime, ends_at: datetime) -> str:
    return ctx._("{day}, {start}–{end} (Shanghai time)").format(
        day=ctx.t.day(starts_at), start=ctx.t.time(starts_at), end=ctx.t.time(ends_at)
    )


def describe(ctx: Context, meeting: Meeting) -> str:
    exhibitor = ctx.session.get(Exhibitor, meeting.exhibitor_id)
    assert exhibitor is not None  # meetings go with their exhibitor (ON DELETE CASCADE)
    name = escape(catalog.display_name(exhibitor, ctx.t.locale))
    return "\n".join(
        (
            f"<b>{name}</b>",
            when_text(ctx, meeting.starts_at, meeting.ends_at),
            where_text(ctx, exhibitor),
        )
    )


def short_when(ctx: Context, value: datetime) -> str:
    """A button-sized day and time ("Fri, Nov 5 10:00 AM")."""
    return f"{ctx.t.day(value)} {ctx.t.time(value)}"


# --- choosing a slot ---------------------------------------------------------------------
def slot_picker(
    ctx: Context,
    exhibitor: Exhibitor,
    *,
    near: datetime | None = None,
    intro: str = "",
    verb: str = BOOK,
    meeting: Meeting | None = None,
    edit: bool = False,
) -> Reply:
    """Free slots near the wanted time as buttons, and a button per expo day."""
    people = [ctx.user.id]
    if meeting is not None:
        people = [p.id for p in meetings.attendees(ctx.session, meeting.id)]
    days = meetings.expo_dates(ctx.settings, ctx.now)
    lines = [intro] if intro else []
    first = datetime.combine(days[0], datetime.min.time(), tzinfo=SHANGHAI)
    last = datetime.combine(days[-1], datetime.max.time(), tzinfo=SHANGHAI)
    if near is not None and not first <= near <= last:
        lines.append(
            ctx._(
                "The expo’s meeting days are {first} to {last}; here are the nearest free times."
            ).format(first=ctx.t.day(first), last=ctx.t.day(last))
        )
        # The nearest expo day, at the time of day the person asked for.
        day = days[0] if near < first else days[-1]
        near = datetime.combine(day, near.astimezone(SHANGHAI).time(), tzinfo=SHANGHAI)
    free = meetings.free_slots(
        ctx.session, exhibitor.id, people, ctx.settings, ctx.now, near=near or first
    )
    name = escape(catalog.display_name(exhibitor, ctx.t.locale))
    target = (exhibitor.id,) if meeting is None else (str(meeting.id),)
    if not free:
        lines.append(ctx._("No free meeting slots with <b>{name}</b> then.").format(name=name))
    else:
        lines.append(
            ctx._("Free meeting slots with <b>{name}</b> (Shanghai time):").format(name=name)
        )
    slot_buttons = [
        ctx.button(short_when(ctx, s.starts_at), verb, *target, encode_time(s.starts_at))
        for s in free
    ]
    day_verb = SLOTS if meeting is None else MOVE
    day_buttons = [
        ctx.button(
            ctx.t.day(day),
            day_verb,
            *target,
            encode_time(datetime.combine(day, ctx.settings.slot_start, tzinfo=SHANGHAI)),
        )
        for day in days
    ]
    return Reply(
        text="\n".join(lines),
        buttons=rows(*slot_buttons, per_row=2) + rows(*day_buttons, per_row=3),
        edit=edit,
    )


def date_span(nlu: NluResult) -> str:
    """The stretch of the message from the first date or time piece to the last, with the
    clock times ("14 Uhr") blanked out: what is left is the date, however it was split."""
    pieces = sorted(
        (e for e in nlu.entities if e.type in {"date", "time"} and e.end > e.start),
        key=lambda e: e.start,
    )
    # A word tagged as a time that is none ("Erzgebirge" of "Löffler (Nussknacker aus dem
    # Erzgebirge) am 8. Nov.") does not stretch the span; "Nov" tagged as a time is the date's.
    while pieces and _no_time(pieces[0]):
        pieces.pop(0)
    while pieces and _no_time(pieces[-1]):
        pieces.pop()
    if not pieces:
        return ""
    start, end = pieces[0].start, max(e.end for e in pieces)
    chars = list(nlu.text[start:end])
    for piece in pieces:
        value = piece.value.strip()
        if piece.type == "time" and not value.isdigit() and parse_clock(value) is not None:
            chars[piece.start - start : piece.end - start] = " " * (piece.end - piece.start)
    return "".join(chars).strip()


def _no_time(piece: Entity) -> bool:
    return (
        piece.type == "time"
        and not re.search(r"\d", piece.value)
        and parse_clock(piece.value) is None
    )


def after_dates(nlu: NluResult) -> str:
    ends = [e.end for e in nlu.entities if e.type == "date"]
    return nlu.text[max(ends) :] if ends else ""


def on_slots(ctx: Context, args: tuple[str, ...]) -> Reply:
    exhibitor = catalog.get(ctx.session, args[0]) if args else None
    if exhibitor is None:
        return menu_reply(ctx, ctx._("That exhibitor is no longer in the catalog."))
    near = decode_time(args[1]) if len(args) > 1 else None
    return slot_picker(ctx, exhibitor, near=near)


def problem_text(ctx: Context, reason: str) -> str:
    texts = {
        "taken": ctx._("Sorry, someone has just booked that slot. Here are other free times:"),
        "busy": ctx._("You already have a meeting at that time. Here are other free times:"),
        "past": ctx._("That time has passed. Here are other free times:"),
        "not_a_slot": ctx._("The exhibitor no longer offers that time. Here are other free times:"),
    }
    return texts[reason]


def book_for_me(ctx: Context, exhibitor_id: str, starts_at: datetime) -> Meeting:
    """Books the slot for the person writing, or raises BookingError."""
    return meetings.book(
        ctx.session,
        booker=ctx.user,
        exhibitor_id=exhibitor_id,
        starts_at=starts_at,
        settings=ctx.settings,
        now=ctx.now,
    )


def on_book(ctx: Context, args: tuple[str, ...]) -> Reply:
    if len(args) != 2:
        raise InvalidCallback("book")
    exhibitor = catalog.get(ctx.session, args[0])
    if exhibitor is None:
        return menu_reply(ctx, ctx._("That exhibitor is no longer in the catalog."))
    starts_at = decode_time(args[1])
    try:
        meeting = book_for_me(ctx, exhibitor.id, starts_at)
    except BookingError as problem:
        return slot_picker(ctx, exhibitor, near=starts_at, intro=problem_text(ctx, problem.reason))
    return confirmation(ctx, meeting, ctx._("✅ Meeting booked:"))


def confirmation(ctx: Context, meeting: Meeting, headline: str) -> Reply:
    remember_booking(ctx, meeting)
    lines = [headline, "", describe(ctx, meeting), "", reminder_line(ctx)]
    return Reply(text="\n".join(lines), buttons=meeting_buttons(ctx, meeting), edit=True)


def remember_booking(ctx: Context, meeting: Meeting) -> None:
    """The booked meeting stays the open form, so "make it 11" or "actually Friday" moves it."""
    local = meeting.starts_at.astimezone(SHANGHAI)
    ctx.state.form = BookingForm(
        exhibitor=meeting.exhibitor_id,
        day=local.date().isoformat(),
        time=local.strftime("%H:%M"),
        meeting=meeting.id,
    )
    ctx.state.focus_on("exhibitor", meeting.exhibitor_id)
    ctx.state.subject = "booking"


def reminder_line(ctx: Context) -> str:
    if ctx.user.reminder_minutes == 0:
        return ctx._("Reminders are off (/reminders to change).")
    minutes = reminder_minutes(ctx)
    return ctx.t.ngettext(
        "I will remind you {count} minute before (/reminders to change).",
        "I will remind you {count} minutes before (/reminders to change).",
        minutes,
    ).format(count=ctx.t.number(minutes))


def meeting_buttons(ctx: Context, meeting: Meeting) -> tuple[tuple[Button, ...], ...]:
    mid = str(meeting.id)
    buttons = [
        ctx.button(ctx._("📅 Add to calendar"), ICS, mid),
        ctx.button(ctx._("🔁 Reschedule"), MOVE, mid),
        ctx.button(ctx._("✖️ Cancel"), CANCEL, mid),
    ]
    if colleagues(ctx, meeting):
        buttons.append(ctx.button(ctx._("👥 Add a colleague"), COLLEAGUES, mid))
    buttons.append(ctx.button(ctx._("🗓 My meetings"), LIST))
    return rows(*buttons, per_row=2)


# --- my meetings ---------------------------------------------------------------------------
def my_meetings(ctx: Context, nlu: NluResult | None = None) -> Reply:
    if nlu is not None and (name := nlu.first("company")):
        # "Busco a Conservas Rías Baixas" read as a request for one's meetings: with none
        # with that company, what is wanted is the company.
        named = catalog.find_by_name(ctx.session, name)
        upcoming = meetings.upcoming(ctx.session, ctx.user, ctx.now)
        if len(named) == 1 and not any(m.exhibitor_id == named[0].id for m in upcoming):
            return _no_meeting_with(ctx, named[0])
    day = None
    if nlu is not None:
        raw = nlu.first("date")
        parsed = parse_day(raw, ctx.now, ctx.t.locale) if raw else None
        day = parsed.date() if parsed else None
    return meeting_list(ctx, day=day)


def meeting_list(ctx: Context, *, day: date | None = None, edit: bool = False) -> Reply:
    found = meetings.upcoming(ctx.session, ctx.user, ctx.now, day=day)
    if not found:
        return menu_reply(
            ctx,
            ctx._(
                "You have no upcoming meetings. Find an exhibitor and press “Book a meeting” "
                "on its card."
            ),
            edit=edit,
        )
    lines = [
        "<b>"
        + ctx.t.ngettext(
            "Your {count} upcoming meeting:", "Your {count} upcoming meetings:", len(found)
        ).format(count=ctx.t.number(len(found)))
        + "</b>"
    ]
    buttons = []
    for meeting in found:
        lines += ["", describe(ctx, meeting)]
        exhibitor = ctx.session.get(Exhibitor, meeting.exhibitor_id)
        name = catalog.display_name(exhibitor, ctx.t.locale) if exhibitor else "?"
        buttons.append(
            ctx.button(
                f"{short_when(ctx, meeting.starts_at)} · {name}"[:60],
                VIEW,
                str(meeting.id),
            )
        )
    buttons.append(ctx.button(ctx._("📅 All to my calendar"), ICS, "all"))
    return Reply(text="\n".join(lines), buttons=rows(*buttons, per_row=1), edit=edit)


def on_list(ctx: Context, _args: tuple[str, ...]) -> Reply:
    return meeting_list(ctx, edit=True)


def _mine(ctx: Context, args: tuple[str, ...]) -> Meeting | None:
    if not args:
        raise InvalidCallback("meeting")
    return meetings.meeting_for(ctx.session, _int(args[0]), ctx.user)


def gone(ctx: Context) -> Reply:
    """A stale button about a meeting that was cancelled, declined or moved."""
    listing = meeting_list(ctx)
    return Reply(
        text=ctx._("That meeting is no longer booked.") + "\n\n" + listing.text,
        buttons=listing.buttons,
    )


def on_view(ctx: Context, args: tuple[str, ...]) -> Reply:
    meeting = _mine(ctx, args)
    if meeting is None:
        return gone(ctx)
    people = meetings.attendees(ctx.session, meeting.id)
    lines = [describe(ctx, meeting)]
    if len(people) > 1:
        names = [person_label(ctx, p) for p in people]
        lines.append(ctx._("Attending: {names}").format(names=escape(ctx.t.join(names))))
    lines += ["", reminder_line(ctx)]
    return Reply(text="\n".join(lines), buttons=meeting_buttons(ctx, meeting), edit=True)


def person_label(ctx: Context, person: User) -> str:
    if person.id == ctx.user.id:
        return ctx._("you")
    return person.display_name or ctx._("member #{id}").format(id=person.id)


def _no_meeting_with(ctx: Context, exhibitor: Exhibitor) -> Reply:
    shown = card(ctx, exhibitor)
    nothing = ctx._("You have no upcoming meeting with {name}.").format(
        name=escape(catalog.display_name(exhibitor, ctx.t.locale))
    )
    return replace(shown, text=nothing + "\n\n" + shown.text)


# --- cancel -----------------------------------------------------------------------------
def cancel_meeting(ctx: Context, nlu: NluResult) -> Reply:
    found = meetings.upcoming(ctx.session, ctx.user, ctx.now)
    name = nlu.first("company")
    named = catalog.find_by_name(ctx.session, name) if name else []
    if name:
        found = [m for m in found if m.exhibitor_id in {e.id for e in named}]
    raw_day = nlu.first("date")
    day = parse_day(raw_day, ctx.now, ctx.t.locale) if raw_day else None
    if day is not None:
        found = [m for m in found if m.starts_at.astimezone(SHANGHAI).date() == day.date()]
    if len(found) == 1:
        return ask_cancel(ctx, found[0], edit=False)
    if not found and len(named) == 1:
        # No meeting with a company the catalog knows ("Busco a Conservas Rías Baixas" read
        # as a cancellation): say so, and show the company, which can be booked from there.
        return _no_meeting_with(ctx, named[0])
    if not found:
        listing = meeting_list(ctx)
        return Reply(
            text=ctx._("None of your upcoming meetings matches that.") + "\n\n" + listing.text,
            buttons=listing.buttons,
        )
    return Reply(
        text=ctx._("Which meeting should I cancel?"),
        buttons=rows(
            *(ctx.button(short_when(ctx, m.starts_at), CANCEL, str(m.id)) for m in found),
            per_row=1,
        ),
    )


def ask_cancel(ctx: Context, meeting: Meeting, *, edit: bool = True) -> Reply:
    return Reply(
        text=ctx._("Cancel this meeting?") + "\n\n" + describe(ctx, meeting),
        buttons=rows(
            ctx.button(ctx._("Yes, cancel it"), CONFIRM_CANCEL, str(meeting.id)),
            ctx.button(ctx._("No, keep it"), VIEW, str(meeting.id)),
        ),
        edit=edit,
    )


def on_cancel(ctx: Context, args: tuple[str, ...]) -> Reply:
    meeting = _mine(ctx, args)
    return gone(ctx) if meeting is None else ask_cancel(ctx, meeting)


def on_confirm_cancel(ctx: Context, args: tuple[str, ...]) -> Reply:
    meeting = _mine(ctx, args)
    if meeting is None:
        return gone(ctx)
    text = describe(ctx, meeting)
    outcome = meetings.cancel(ctx.session, meeting, ctx.user, ctx.now)
    headline = (
        ctx._("Cancelled; the slot is free again:")
        if outcome == "cancelled"
        else ctx._("You have left this meeting; your colleagues still attend:")
    )
    return Reply(
        text=headline + "\n\n" + text,
        buttons=rows(ctx.button(ctx._("🗓 My meetings"), LIST)),
        edit=True,
    )


# --- reschedule ---------------------------------------------------------------------------
def on_move(ctx: Context, args: tuple[str, ...]) -> Reply:
    meeting = _mine(ctx, args)
    if meeting is None:
        return gone(ctx)
    exhibitor = catalog.get(ctx.session, meeting.exhibitor_id)
    assert exhibitor is not None
    near = decode_time(args[1]) if len(args) > 1 else meeting.starts_at
    intro = ctx._("Move your meeting of {when} to:").format(
        when=when_text(ctx, meeting.starts_at, meeting.ends_at)
    )
    return slot_picker(
        ctx, exhibitor, near=near, intro=intro, verb=MOVE_TO, meeting=meeting, edit=True
    )


def on_move_to(ctx: Context, args: tuple[str, ...]) -> Reply:
    if len(args) != 2:
        raise InvalidCallback("move")
    meeting = _mine(ctx, args)
    if meeting is None:
        return gone(ctx)
    exhibitor = catalog.get(ctx.session, meeting.exhibitor_id)
    assert exhibitor is not None
    starts_at = decode_time(args[1])
    try:
        moved = meetings.reschedule(
            ctx.session, meeting, ctx.user, starts_at, ctx.settings, ctx.now
        )
    except BookingError as problem:
        return slot_picker(
            ctx,
            exhibitor,
            near=starts_at,
            intro=problem_text(ctx, problem.reason),
            verb=MOVE_TO,
            meeting=meeting,
        )
    return confirmation(ctx, moved, ctx._("✅ Meeting moved:"))


# --- colleagues -----------------------------------------------------------------------------
def colleagues(ctx: Context, meeting: Meeting) -> list[User]:
    if ctx.user.delegation_id is None:
        return []
    present = {p.id for p in meetings.attendees(ctx.session, meeting.id)}
    members = ctx.session.scalars(
        select(User)
        .where(User.delegation_id == ctx.user.delegation_id, User.blocked_at.is_(None))
        .order_by(User.display_name, User.id)
        .limit(30)
    ).all()
    return [m for m in members if m.id not in present]


def on_colleagues(ctx: Context, args: tuple[str, ...]) -> Reply:
    meeting = _mine(ctx, args)
    if meeting is None:
        return gone(ctx)
    choices = colleagues(ctx, meeting)
    if not choices:
        return Reply(
            text=ctx._("Everyone in your delegation is already in this meeting."), edit=True
        )
    return Reply(
        text=ctx._("Add which colleague from your delegation?") + "\n\n" + describe(ctx, meeting),
        buttons=rows(
            *(
                ctx.button(person_label(ctx, p)[:40], ADD_COLLEAGUE, str(meeting.id), str(p.id))
                for p in choices
            ),
            *([ctx.button(ctx._("All of them"), ADD_COLLEAGUE, str(meeting.id), "all")]
              if len(choices) > 1 else []),
            ctx.button(ctx._("Done"), VIEW, str(meeting.id)),
            per_row=2,
        ),
        edit=True,
    )  # fmt: skip


def on_add_colleague(ctx: Context, args: tuple[str, ...]) -> Reply:
    if len(args) != 2:
        raise InvalidCallback("colleague")
    meeting = _mine(ctx, args)
    if meeting is None:
        return gone(ctx)
    if args[1] == "all":
        return add_all_colleagues(ctx, meeting)
    person = ctx.session.get(User, _int(args[1]))
    if (
        person is None
        or person.delegation_id is None
        or person.delegation_id != ctx.user.delegation_id
    ):
        return Reply(text=ctx._("That person is not in your delegation any more."), edit=True)
    try:
        meetings.add_attendee(ctx.session, meeting, person, ctx.settings, ctx.now)
    except BookingError:
        return Reply(
            text=ctx._("{name} already has a meeting at that time.").format(
                name=escape(person_label(ctx, person))
            ),
            buttons=meeting_buttons(ctx, meeting),
            edit=True,
        )
    return Reply(
        text=ctx._("Added {name}; they have been told.").format(
            name=escape(person_label(ctx, person))
        )
        + "\n\n"
        + describe(ctx, meeting),
        buttons=meeting_buttons(ctx, meeting),
        edit=True,
    )


def add_all_colleagues(ctx: Context, meeting: Meeting) -> Reply:
    """Everyone in the delegation who is free then; those who are not are named."""
    added, busy = [], []
    for person in colleagues(ctx, meeting):
        try:
            meetings.add_attendee(ctx.session, meeting, person, ctx.settings, ctx.now)
            added.append(person_label(ctx, person))
        except BookingError:
            busy.append(person_label(ctx, person))
    lines = []
    if added:
        lines.append(
            ctx._("Added {name}; they have been told.").format(name=escape(ctx.t.join(added)))
        )
    if busy:
        lines.append(
            ctx._("{name} already has a meeting at that time.").format(
                name=escape(ctx.t.join(busy))
            )
        )
    lines += ["", describe(ctx, meeting)]
    return Reply(text="\n".join(lines), buttons=meeting_buttons(ctx, meeting), edit=True)


# --- calendar export ---------------------------------------------------------------------------
def calendar_entry(ctx: Context, meeting: Meeting) -> CalendarEntry:
    exhibitor = ctx.session.get(Exhibitor, meeting.exhibitor_id)
    assert exhibitor is not None
    name = catalog.display_name(exhibitor, ctx.t.locale)
    return CalendarEntry(
        uid=f"meeting-{meeting.id}@delta-expo-assistant",
        summary=ctx._("CIIE meeting: {name}").format(name=name),
        location=ctx._("Hall {hall}, booth {booth}").format(
            hall=exhibitor.hall, booth=exhibitor.booth
        ),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        stamp=meeting.created_at,
    )


def on_ics(ctx: Context, args: tuple[str, ...]) -> Reply:
    if args[:1] == ("all",):
        found = meetings.upcoming(ctx.session, ctx.user, ctx.now)
        filename = "ciie-meetings.ics"
    else:
        meeting = _mine(ctx, args)
        found = [meeting] if meeting else []
        filename = f"ciie-meeting-{args[0]}.ics"
    if not found:
        return gone(ctx)
    document = Document(filename, to_ics([calendar_entry(ctx, m) for m in found]))
    text = ctx.t.ngettext(
        "Here is {count} meeting for your calendar (Asia/Shanghai time).",
        "Here are {count} meetings for your calendar (Asia/Shanghai time).",
        len(found),
    ).format(count=ctx.t.number(len(found)))
    return Reply(text=text, document=document)


def export_command(ctx: Context) -> Reply:
    return on_ics(ctx, ("all",))


# --- reminders -----------------------------------------------------------------------------------
def reminders_command(ctx: Context) -> Reply:
    arg = ctx.command_args.strip()
    if arg.isdigit() and int(arg) <= 24 * 60:
        return set_reminders(ctx, int(arg), edit=False)
    current = 0 if ctx.user.reminder_minutes == 0 else reminder_minutes(ctx)
    buttons = []
    for minutes in REMINDER_CHOICES:
        label = (
            ctx.t.ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
            if minutes
            else ctx._("Off")
        )
        marker = "• " if minutes == current else ""
        buttons.append(ctx.button(marker + label, REMINDER, str(minutes)))
    return Reply(
        text=ctx._("How long before each meeting should I remind you?") + "\n" + reminder_line(ctx),
        buttons=rows(*buttons, per_row=3),
    )


def reminder_minutes(ctx: Context) -> int:
    return int(meetings.reminder_lead(ctx.user, ctx.settings).total_seconds() // 60)


def set_reminders(ctx: Context, minutes: int, *, edit: bool = True) -> Reply:
    meetings.set_reminder_minutes(ctx.session, ctx.user, minutes, ctx.settings, ctx.now)
    return Reply(text=ctx._("Saved.") + " " + reminder_line(ctx), edit=edit)


def on_reminder(ctx: Context, args: tuple[str, ...]) -> Reply:
    minutes = _int(args[0]) if args else -1
    if minutes not in REMINDER_CHOICES:
        raise InvalidCallback("reminder")
    return set_reminders(ctx, minutes)
