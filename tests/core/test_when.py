from datetime import datetime

import pytest

from core.i18n import SHANGHAI
from core.when import parse_day
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
