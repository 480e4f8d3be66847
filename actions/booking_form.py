"""The booking form: exhibitor, day and time, asked for one at a time until the meeting is
booked, in any order and across messages, with corrections before and after booking.

Modelled on Rasa's forms: required slots, each validated as it is filled, only what is
missing is asked for; "cancel" leaves the form, and a question on another subject is
answered while the form waits (it stays in the dialogue state until the conversation idles).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from html import escape

from actions import meetings as meeting_actions
from actions.base import (
    SEARCH_VALUES,
    WHEN,
    Context,
    Entity,
    InvalidCallback,
    NluResult,
    Reply,
    rows,
)
from actions.exhibitor_info import match_company, named, names_a_catalog_company, shown_exhibitors
from core import catalog, cues, meetings, names
from core.dialogue import EXHIBITORS, BookingForm
from core.i18n import SHANGHAI
from core.meetings import BookingError
from core.models import Exhibitor, Meeting
from core.when import a_month_date, parse_clock, parse_day, wanted_clock, wanted_day

PICK = "bf"  # a button that names the exhibitor of the open form
# Questions on these subjects are answered while the form waits for its missing slots.
OTHER_SUBJECTS = {
    "search_exhibitors",
    "lingang_faq",
    "list_events",
    "subscribe_alerts",
    "unsubscribe_alerts",
    "set_language",
    "my_meetings",
    "more_results",
    "refine",
}
# Intents about a list of exhibitors, which a form's answer may be mistaken for.
_LIST_INTENTS = {"search_exhibitors", "refine", "more_results"}
_DIGIT = re.compile(r"\d")
_HAN_CLOCK = re.compile("[一二两兩三四五六七八九十]+\\s*[点點時时]")
# A clock time and nothing else, with its mark: "9am", "10 h 30", "14:00", "3時", "um 11 Uhr".
_CLOCK_ONLY = re.compile(
    r"(?:at|à|um|a las|a la|в|alle)?\s*\d{1,2}\s*(?:(?::|h)\s*\d{2}|h|uhr|am|pm|a\.m\.|p\.m\."
    r"|[時时点點시](?:\s*\d{1,2}\s*分?)?)\s*",
    re.IGNORECASE,
)
_MARKED_CLOCK = re.compile(r"\d\s*(?::|h\b|[時时시点點]|uhr|am|pm)", re.IGNORECASE)
# An hour with the mark that makes it one, whole: "14 h", "9:30", "10 Uhr", "3 pm".
_A_MARKED_HOUR = re.compile(
    r"\d{1,2}\s*(?::\d{2}|h\d{2}|h\b|uhr|am|pm|[時时시点點])", re.IGNORECASE
)


def start(ctx: Context, nlu: NluResult, *, exhibitor_id: str | None = None) -> Reply:
    form = BookingForm(exhibitor=exhibitor_id)
    ctx.state.form = form
    if form.exhibitor is None and not named(nlu):
        form.exhibitor = ctx.state.focused("exhibitor")  # "book them tomorrow"
    reply = _fill(ctx, form, nlu)
    return reply or advance(ctx, form)


def continue_form(ctx: Context, nlu: NluResult, intent: str) -> Reply | None:
    """The form's answer to this message, or None when the message is about something else."""
    form = ctx.state.form
    if form is None:
        return None
    if form.meeting is None and (intent == "deny" or cues.has(nlu.text, "cancel", ctx.t.locale)):
        ctx.state.form = None
        return Reply(text=ctx._("All right, I won’t book it."))
    if intent in _LIST_INTENTS and _answers_the_form(ctx, nlu):
        # "other company, Alpine Dairy" read as a search, "извините, а можно перенести на
        # 14:30?" as refining a list: a company, a day or a time alone answers the form.
        intent = "inform"
    if intent == "cancel_meeting" or intent in OTHER_SUBJECTS:
        return None
    if intent == "book_meeting" and named(nlu) and form.meeting is not None:
        return start(ctx, nlu)  # a second meeting, with another exhibitor
    before = (form.exhibitor, form.day, form.time)
    reply = _fill(ctx, form, nlu)
    if reply is not None:
        return reply
    if (form.exhibitor, form.day, form.time) == before and intent not in {"book_meeting", "inform"}:
        return None  # nothing for the form in this message
    return advance(ctx, form)


def _answers_the_form(ctx: Context, nlu: NluResult) -> bool:
    """Whether the message gives a day, a time or a catalog company, and names nothing
    to search for."""
    if nlu.names_any(SEARCH_VALUES):
        return False
    return nlu.names_any(WHEN) or names_a_catalog_company(ctx, nlu)


def _fill(ctx: Context, form: BookingForm, nlu: NluResult) -> Reply | None:
    """Takes the slots this message gives; a reply when a named company needs a choice."""
    text = _without_entities(nlu, {"time"})
    company = next((e for e in nlu.entities if e.type == "company" and e.value.strip()), None)
    if company:
        found = match_company(ctx, company.value, PICK, said=nlu.text)
        if not isinstance(found, Exhibitor):
            return found
        _change_exhibitor(ctx, form, found.id)
        text = _without_name(text, company, found)
    elif form.exhibitor is None and (exhibitor := _named_after_meeting_cue(ctx, nlu)):
        # "Termin bei Löffler am 8. Nov.": a catalog name the model did not tag, after the
        # words that ask to meet someone.
        _change_exhibitor(ctx, form, exhibitor.id)
    position = cues.ordinal(_without_entities(nlu, {"date", "time"}), ctx.t.locale)
    results = ctx.state.results
    if not company and position is not None and results is not None:
        picked = results.pick(position) if results.kind == EXHIBITORS else None
        if picked:
            _change_exhibitor(ctx, form, picked)
    day = _day(ctx, nlu, text)
    if day is not None:
        form.day = day.isoformat()
    if day is not None and (month_date := a_month_date(text, ctx.t.locale)):
        text = text.replace(month_date, " ")  # "Nov 6 at 3pm": the 6 is the day's
    # "the 2nd" is a position, not 2 o'clock.
    clock = _clock(nlu, text, day_found=day is not None or position is not None)
    if clock is not None:
        form.time = clock.strftime("%H:%M")
    return None


def _named_after_meeting_cue(ctx: Context, nlu: NluResult) -> Exhibitor | None:
    """The one catalog exhibitor named by the words after "meeting with" and before the
    day, the time or the clause's end, the longest run of them that names one."""
    after = cues.after(nlu.text, "meet_with", ctx.t.locale)
    if not after:
        return None
    offset = len(nlu.text) - len(after)
    ends = [e.start - offset for e in nlu.entities if e.type in WHEN and e.start >= offset]
    clause = names.CLAUSE_BREAK.search(after)
    stop = min([*ends, clause.start() if clause else len(after), len(after)])
    words = after[:stop].split()
    for size in range(min(len(words), 6), 0, -1):
        found = catalog.find_by_name(ctx.session, " ".join(words[:size]), taxonomy=ctx.taxonomy)
        if len(found) == 1:
            return found[0]
    return None


def _change_exhibitor(ctx: Context, form: BookingForm, exhibitor_id: str) -> None:
    if form.exhibitor != exhibitor_id and form.meeting is not None:
        # "Other company: X" after booking: the booked meeting is replaced, not kept.
        meeting = ctx.session.get(Meeting, form.meeting)
        if meeting is not None and meeting.status == meetings.BOOKED:
            meetings.cancel(ctx.session, meeting, ctx.user, ctx.now)
        form.meeting = None
    form.exhibitor = exhibitor_id


def _without_entities(nlu: NluResult, kinds: set[str]) -> str:
    text = nlu.text
    for entity in nlu.entities:
        if entity.type in kinds and entity.end > entity.start:
            text = text[: entity.start] + " " * (entity.end - entity.start) + text[entity.end :]
    return text


def _without_name(text: str, company: Entity, exhibitor: Exhibitor) -> str:
    """Blanks the company's name in the message. The model's span may run on past the name
    ("Nordic Medtech tomorrow"): only the name is blanked, the rest is read as usual."""
    span = text[company.start : company.end]
    for name in (exhibitor.name_en, exhibitor.name_zh or ""):
        at = span.casefold().find(name.casefold()) if name else -1
        if at >= 0:
            start = company.start + at
            return text[:start] + " " * len(name) + text[start + len(name) :]
    return text[: company.start] + " " * len(span) + text[company.end :]


def _dates_and_times(nlu: NluResult) -> tuple[list[str], list[str]]:
    """The date and time phrases the model tagged; a "date" that is a clock time ("9am",
    "10 h 30") counts as a time."""
    dates: list[str] = []
    times: list[str] = []
    reached = -1
    for entity in sorted((e for e in nlu.entities if e.type == "time"), key=lambda e: e.start):
        if entity.start < reached:
            continue  # the minutes of "10:30" tagged apart from its hour
        if _A_MONTH_AND_DAY.fullmatch(entity.value.strip()):
            dates.append(entity.value)  # "11月7" of "11月7号下午3点" tagged a time
            continue
        value = _with_minutes_after(entity, nlu.text)
        times.append(value)
        reached = entity.start + len(value) if entity.end > entity.start else reached
    for value in nlu.values("date"):
        (times if _CLOCK_ONLY.fullmatch(value.strip()) else dates).append(value)
    return dates, times


# A month and a day in Chinese, Japanese or Korean digits: "11月7", "11월 7일".
_A_MONTH_AND_DAY = re.compile(r"\d{1,2}\s*[月월]\s*\d{1,2}\s*(?:日|号|號|일)?")
# The half hour or minutes written after an hour, which the model may leave out of the
# time it tags ("3시" of "3시 반", "3点" of "3点半", "3時" of "3時45分", "10" of "10:30" or
# "10 h 30").
_MINUTES_AFTER = re.compile(
    r"\s*(?:반|半|[0-5]?\d\s*(?:분|分)|[一二三四五]十分?)|\s*(?:[:.h]|Uhr)\s*[0-5]\d\b"
)


def _with_minutes_after(time_entity: Entity, text: str) -> str:
    if text[time_entity.start : time_entity.end] != time_entity.value:
        return time_entity.value
    more = _MINUTES_AFTER.match(text, time_entity.end)
    return time_entity.value + more[0] if more else time_entity.value


def _day(ctx: Context, nlu: NluResult, text: str) -> date | None:
    dates, _ = _dates_and_times(nlu)
    if dates:
        context = meeting_actions.date_span(nlu)
        found = wanted_day(dates, ctx.now, ctx.t.locale, context=context)
        return found.date() if found else None
    # A day the model did not tag: a day word ("tomorrow", "Friday", "明天"), a day with its
    # month's name ("Nov 6") or a CJK date ("11月7日"). Free text is not searched for other
    # dates: "make it 11" is not the 11th.
    said = cues.find(text, "days", ctx.t.locale) or a_month_date(text, ctx.t.locale)
    if said is None and re.search(r"\d\s*[月월]\s*\d", text):
        said = text
    found = parse_day(said, ctx.now, ctx.t.locale) if said else None
    return found.date() if found else None


def _clock(nlu: NluResult, text: str, *, day_found: bool) -> time | None:
    dates, times = _dates_and_times(nlu)
    if times:
        found = wanted_clock(times, context_after=meeting_actions.after_dates(nlu))
        if found is not None or day_found:
            return found
        # A span the model cut short ("下午" of "下午三点"): the message still says the time.
        return parse_clock(text) if _DIGIT.search(text) or _HAN_CLOCK.search(text) else None
    if dates:
        found = wanted_clock([], context_after=meeting_actions.after_dates(nlu))
        if found is None and (marked := _A_MARKED_HOUR.search(text)):
            # "demain à 14 h" with "14" tagged as a date: the marked hour is the time.
            return parse_clock(marked.group())
        return found
    if day_found:
        # The digits may be the date's own ("Nov 7"): only a marked clock time counts
        # ("下午两点" untagged beside "明天").
        marked = _MARKED_CLOCK.search(text) or _HAN_CLOCK.search(text)
        return parse_clock(text) if marked else None
    return parse_clock(text) if _DIGIT.search(text) or _HAN_CLOCK.search(text) else None


def advance(ctx: Context, form: BookingForm) -> Reply:
    """Asks for the first missing slot, or books once all are there."""
    ctx.state.subject = "booking"
    if form.exhibitor is None:
        return _ask_exhibitor(ctx)
    exhibitor = catalog.get(ctx.session, form.exhibitor)
    if exhibitor is None:
        form.exhibitor = None
        return _ask_exhibitor(ctx, ctx._("That exhibitor is no longer in the catalog."))
    ctx.state.focus_on("exhibitor", exhibitor.id)
    days = meetings.expo_dates(ctx.settings, ctx.now)
    name = escape(catalog.display_name(exhibitor, ctx.t.locale))
    if form.day is not None and date.fromisoformat(form.day) not in days:
        # The picker says which days the expo has and offers the nearest, at the hour asked.
        wanted = _at(date.fromisoformat(form.day), form.time or _first_slot(ctx))
        form.day = None
        return meeting_actions.slot_picker(ctx, exhibitor, near=wanted)
    if form.day is None:
        near = _at(days[0], form.time) if form.time else None
        intro = ctx._("Which day would you like to meet {name}?").format(name=name)
        return meeting_actions.slot_picker(ctx, exhibitor, near=near, intro=intro)
    day = date.fromisoformat(form.day)
    if form.time is None:
        intro = ctx._("At what time? Pick a free slot or tell me a time.")
        return meeting_actions.slot_picker(
            ctx, exhibitor, near=_at(day, _first_slot(ctx)), intro=intro
        )
    return _book(ctx, form, exhibitor, _at(day, form.time))


def _first_slot(ctx: Context) -> str:
    return ctx.settings.slot_start.strftime("%H:%M")


def _at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=SHANGHAI)


def _ask_exhibitor(ctx: Context, intro: str = "") -> Reply:
    shown = shown_exhibitors(ctx)
    question = (
        ctx._("Which exhibitor would you like to meet? Tell me the company, or pick one below.")
        if shown
        else ctx._(
            "Which exhibitor would you like to meet? Tell me the company "
            "(“book a meeting with Nordic Medtech tomorrow at 10”)."
        )
    )
    return Reply(
        text="\n".join(line for line in (intro, question) if line),
        buttons=rows(
            *(ctx.button(catalog.display_name(e, ctx.t.locale)[:40], PICK, e.id) for e in shown),
            per_row=1,
        ),
    )


def _book(ctx: Context, form: BookingForm, exhibitor: Exhibitor, starts_at: datetime) -> Reply:
    moving = ctx.session.get(Meeting, form.meeting) if form.meeting is not None else None
    if moving is not None and moving.status != meetings.BOOKED:
        moving = None
    try:
        if moving is not None:
            if moving.starts_at == starts_at and moving.exhibitor_id == exhibitor.id:
                return meeting_actions.confirmation(ctx, moving, ctx._("✅ Meeting booked:"))
            meeting = meetings.reschedule(
                ctx.session, moving, ctx.user, starts_at, ctx.settings, ctx.now
            )
            headline = ctx._("✅ Meeting moved:")
        else:
            meeting = meeting_actions.book_for_me(ctx, exhibitor.id, starts_at)
            headline = ctx._("✅ Meeting booked:")
    except BookingError as problem:
        form.time = None
        return meeting_actions.slot_picker(
            ctx,
            exhibitor,
            near=starts_at,
            intro=meeting_actions.problem_text(ctx, problem.reason),
            verb=meeting_actions.BOOK if moving is None else meeting_actions.MOVE_TO,
            meeting=moving,
        )
    return meeting_actions.confirmation(ctx, meeting, headline)


def on_pick(ctx: Context, args: tuple[str, ...]) -> Reply:
    """A company button of the open form (or of "which one?" while booking)."""
    if len(args) != 1:
        raise InvalidCallback("form exhibitor")
    form = ctx.state.form or BookingForm()
    ctx.state.form = form
    _change_exhibitor(ctx, form, args[0])
    return advance(ctx, form)
