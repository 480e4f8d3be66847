from datetime import UTC, date, datetime

import pytest

from core.i18n import SHANGHAI
from core.when import parse_clock, parse_day, wanted_clock, wanted_day
from tests.conftest import FIXED_NOW  # Tuesday 2026-11-24, noon in Shanghai


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("tomorrow", "en", 25),
        ("明天", "zh", 25),
        ("明日", "ja", 25),
        ("내일", "ko", 25),
        ("morgen", "de", 25),
        ("demain", "fr", 25),
        ("mañana", "es", 25),
        ("завтра", "ru", 25),
        ("Donnerstag", "de", 26),
        ("2026-11-30", "en", 30),
    ],
)
def test_days_in_eight_languages(text: str, locale: str, day: int) -> None:
    parsed = parse_day(text, FIXED_NOW, locale)
    assert parsed == datetime(2026, 11, day, tzinfo=SHANGHAI)


def test_nonsense_is_not_a_day() -> None:
    assert parse_day("purple elephant", FIXED_NOW, "en") is None
    assert parse_day("h", FIXED_NOW, "fr") is None  # the unit of "à 14 h", tagged apart


@pytest.mark.parametrize(
    ("text", "locale"),
    [("am 6. November", "de"), ("le 6 novembre", "fr"), ("el 6 de noviembre", "es"),
     ("6 ноября", "ru"), ("11月6日", "zh"), ("11월 6일", "ko")],
)  # fmt: skip
def test_a_date_inside_a_phrase(text: str, locale: str) -> None:
    now = datetime(2026, 11, 26, 3, tzinfo=UTC)
    assert parse_day(text, now, locale) == datetime(2027, 11, 6, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10am", (10, 0)), ("下午两点半", (14, 30)), ("10時", (10, 0)), ("오후 3시", (15, 0)),
     ("um 10 Uhr", (10, 0)), ("a las 4", (16, 0)), ("в 16:00", (16, 0)), ("十一点", (11, 0))],
)  # fmt: skip
def test_clock_times_in_eight_languages(text: str, expected: tuple[int, int]) -> None:
    clock = parse_clock(text)
    assert clock is not None and (clock.hour, clock.minute) == expected


def test_a_time_the_model_missed_after_the_date() -> None:
    now = datetime(2026, 11, 26, 3, tzinfo=UTC)
    day = wanted_day(["le", "7 novembre"], now, "fr", context="le 7 novembre")
    clock = wanted_clock([], context_after=" à 15h")
    assert day is not None and clock is not None
    assert datetime.combine(day.date(), clock, tzinfo=SHANGHAI) == datetime(
        2027, 11, 7, 15, tzinfo=SHANGHAI
    )
    # Digits without a clock unit are not taken for a time ("Company 2").
    assert wanted_day(["tomorrow"], now, "en", context="tomorrow") is not None
    assert wanted_clock([], context_after=" with Company 2") is None


def test_a_letter_tagged_apart_is_no_part_of_the_day() -> None:
    """ "demain à 14 h" with "h" tagged as a second date: the day is tomorrow."""
    day = wanted_day(["demain", "h"], FIXED_NOW, "fr", context="demain à 14 h")
    assert day is not None and day.date() == date(2026, 11, 25)
