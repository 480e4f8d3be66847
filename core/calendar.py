"""iCalendar (.ics) export of meetings, in Asia/Shanghai time, located at hall and booth."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event

from core.i18n import SHANGHAI

PRODID = "-//Delta Expo Assistant//Matchmaking//EN"
VENUE = "National Exhibition and Convention Center (Shanghai)"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    summary: str
    location: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    stamp: datetime | None = None


def to_ics(entries: Sequence[CalendarEntry]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        event.add("location", f"{entry.location}, {VENUE}")
        event.add("dtstart", entry.starts_at.astimezone(SHANGHAI))
        event.add("dtend", entry.ends_at.astimezone(SHANGHAI))
        event.add("dtstamp", entry.stamp or entry.starts_at)
        if entry.description:
            event.add("description", entry.description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
