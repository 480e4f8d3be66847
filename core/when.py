"""Dates and times said in any of the eight languages, as Asia/Shanghai datetimes."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import cache

import dateparser
from babel import Locale
from babel.dates import get_month_names
from dateparser.search import search_dates

from core.i18n import SHANGHAI
from core.settings import LOCALES

_CJK_DATE = re.compile(r"(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日号號일]?")


def _cjk_date(text: str, today: date) -> datetime | None:
    """ "12月1日", "12월 1일": dateparser misreads these; the next such day from today."""
    match = _CJK_DATE.search(text)
    if match is None:
        return None
    month, day = int(match[1]), int(match[2])
    for year in (today.year, today.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if found >= today:
            return datetime.combine(found, time(0), tzinfo=SHANGHAI)
    return None


def a_month_date(text: str, locale: str) -> str | None:
    """A day and a month's name written together ("Nov 6", "6. November", "le 6 novembre",
    "6 de noviembre", "6 ноября"), which no other number is; None when there is none."""
    found = _month_dates(locale).search(text)
    return found.group() if found else None


@cache
def _month_dates(locale: str) -> re.Pattern[str]:
    months = {
        name.casefold().rstrip(".")
        for code in {locale, "en"}
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
        for name in get_month_names(width, context, locale=Locale.parse(code)).values()
    }
    # Longest first, so "November" is not read as "Nov".
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True) if m.isalpha())
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    return re.compile(
        rf"\b{day}(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?:{names})\b\.?"
        rf"|\b(?:{names})\.?\s*{day}(?:st|nd|rd|th)?\b",
        re.IGNORECASE,
    )


def parse_day(text: str, now: datetime, locale: str | None = None) -> datetime | None:
    """The start of the day a phrase like "tomorrow", "明天" or "Donnerstag" means."""
    languages = [locale] if locale in LOCALES else None
    local_now = now.astimezone(SHANGHAI).replace(tzinfo=None)
    cjk = _cjk_date(text, local_now.date())
    if cjk is not None:
        return cjk
    if not _a_date_piece(text):
        return None
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
        # A date inside a longer phrase ("am 6. November", "le 6 novembre").
        found = search_dates(text, languages=languages, settings=settings)
        parsed = found[0][1] if found else None
    if parsed is None:
        return None
    return datetime.combine(parsed.date(), time(0), tzinfo=SHANGHAI)


def day_range(day: datetime) -> tuple[datetime, datetime]:
    return day, day + timedelta(days=1)


_HAN_NUMBERS = {c: i for i, c in enumerate("零一二三四五六七八九十", start=0)} | {"两": 2, "兩": 2}
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2}|[一二两兩三四五六七八九十]{1,3})"
    r"\s*(?:[:.h時时시点點]|uhr|heures?|horas?|час\w*)?\s*"
    r"(?P<minute>\d{2}|半|반|[一二三四五]十分?)?",
    re.IGNORECASE,
)
_AFTERNOON = re.compile(
    r"pm|p\.m\.|下午|晚上|傍晚|午後|오후|저녁|nachmittags|abends|après-midi|soir|tarde|noche"
    r"|вечера|дня",
    re.IGNORECASE,
)
_MORNING = re.compile(
    r"am\b|a\.m\.|上午|早上|午前|오전|morgens|vormittags|matin|de la mañana|утра", re.IGNORECASE
)


def _han_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + (_HAN_NUMBERS.get(text[1:], 0) if len(text) > 1 else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _HAN_NUMBERS[tens] * 10 + (_HAN_NUMBERS.get(ones, 0) if ones else 0)
    return _HAN_NUMBERS.get(text, -1)


# A clock time with a unit or separator, safe to look for in free text.
_MARKED_CLOCK = re.compile(
    r"\d{1,2}\s*(?::\d{2}|h\d{0,2}\b|[時时시点點]|\s*uhr\b|\s*(?:am|pm)\b|\s*heures?\b)",
    re.IGNORECASE,
)


def parse_clock(text: str) -> time | None:
    """A time of day from "10am", "14:30", "下午两点半", "10時", "오후 3시", "um 10 Uhr".

    A bare hour before 8 means the afternoon: meetings happen in business hours."""
    match = _CLOCK.search(text)
    if match is None:
        return None
    hour = _han_number(match["hour"])
    minute_text = match["minute"] or ""
    minute = (
        30
        if minute_text in {"半", "반"}
        else _han_number(minute_text.rstrip("分"))
        if minute_text
        else 0
    )
    if (_AFTERNOON.search(text) and hour < 12) or (not _MORNING.search(text) and 1 <= hour < 8):
        hour += 12
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return time(hour, minute)


def _a_date_piece(text: str) -> bool:
    """A piece of one character ("h" of "demain à 14 h", tagged apart) is no part of a date:
    dateparser would read a day into the letter."""
    return len(text.strip()) > 1


def wanted_day(
    dates: list[str], now: datetime, locale: str | None = None, *, context: str = ""
) -> datetime | None:
    """The day the date phrases extracted mean. Extraction sometimes splits a phrase ("am" +
    "6" + "November"), so with several date pieces, or one that does not read as a date, the
    date is read from `context`: the stretch of the message that holds all the pieces."""
    dates = [text for text in dates if _a_date_piece(text)]
    day = parse_day(dates[0], now, locale) if len(dates) == 1 else None
    if day is None and dates and context:
        day = parse_day(context, now, locale)
    if day is None:
        day = next((d for text in dates if (d := parse_day(text, now, locale))), None)
    return day


def wanted_clock(times: list[str], *, context_after: str = "") -> time | None:
    """The time of day the time phrases extracted mean; "14 Uhr" says more than a bare "6"
    split off a date. `context_after` (the text after the date) finds a time the model
    missed ("le 7 novembre à 15h")."""
    clocks = [(c, text) for text in times if (c := parse_clock(text))]
    if not clocks and context_after:
        marked = _MARKED_CLOCK.search(context_after[:24])
        clocks = [(c, marked[0]) for c in [parse_clock(marked[0])] if c] if marked else []
    clocks.sort(key=lambda found: found[1].strip().isdigit())
    return clocks[0][0] if clocks else None


_WEEK = re.compile(r"week|woche|semaine|semana|недел|周|週|주", re.IGNORECASE)
_MONTH = re.compile(
    r"month|monat|mois|\bmes\b|месяц|个月|下个?月|本月|这个月|今月|来月|이번 ?달|다음 ?달", re.I
)


def parse_range(
    texts: list[str], now: datetime, locale: str | None = None
) -> tuple[datetime, datetime] | None:
    """A span of days from date phrases: two dates ("from Dec 1 to Dec 5"), a week or a
    month ("next week", "下个月"), or one day. The end is exclusive."""
    days = [d for text in texts if (d := parse_day(text, now, locale))]
    if not days:
        return None
    if len(days) >= 2:
        return min(days), max(days) + timedelta(days=1)
    day, text = days[0], " ".join(texts)
    if _WEEK.search(text):
        start = day - timedelta(days=day.weekday())  # weeks start on Monday
        return max(start, now.astimezone(SHANGHAI)), start + timedelta(days=7)
    if _MONTH.search(text):
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
        return max(start, now.astimezone(SHANGHAI)), end
    return day, day + timedelta(days=1)
