"""Dates and times said in any of the eight languages, as Asia/Shanghai datetimes."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import dateparser

from core.i18n import SHANGHAI
from core.settings import LOCALES


def parse_day(text: str, now: datetime, locale: str | None = None) -> datetime | None:
    """The start of the day a phrase like "tomorrow", "明天" or "Donnerstag" means."""
    languages = [locale] if locale in LOCALES else None
    local_now = now.astimezone(SHANGHAI).replace(tzinfo=None)
    settings = {
        "RELATIVE_BASE": local_now,
        "PREFER_DATES_FROM": "future",
        "TIMEZONE": "Asia/Shanghai",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=languages, settings=settings)
    if parsed is None and languages:
        parsed = dateparser.parse(text, settings=settings)
    if parsed is None:
        return None
    return datetime.combine(parsed.date(), time(0), tzinfo=SHANGHAI)


def day_range(day: datetime) -> tuple[datetime, datetime]:
    return day, day + timedelta(days=1)
