"""The console channel end to end with the real NLU model and the demo data."""

from __future__ import annotations

import io

import pytest

from bot.channels.console import Console

pytestmark = pytest.mark.nlu


@pytest.fixture
def console(nlu_app):
    out = io.StringIO()
    return Console(nlu_app.router, user_id=77, out=out), out


def take(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


async def test_the_four_foundation_questions(console) -> None:
    chat, out = console
    await chat.send("找医疗器械展商")
    shown = take(out)
    assert "医疗器械" in shown and "[1]" in shown

    await chat.send("where is the booth of Nordic Medtech")
    shown = take(out)
    assert ("Nordic Medtech" in shown and "6." in shown) or "booth" in shown.lower()

    await chat.send("临港企业所得税优惠")
    shown = take(out)
    assert "15%" in shown and "https://" in shown

    await chat.send("events in Suzhou")
    shown = take(out)
    assert "Suzhou" in shown or "苏州" in shown


async def test_buttons_are_chosen_by_number(console) -> None:
    chat, out = console
    await chat.send("find French cheese exhibitors")
    listing = take(out)
    assert "[1]" in listing
    await chat.send("1")
    card = take(out)
    assert "Hall" in card and "Contact" in card


async def test_a_number_without_buttons_is_a_message(console) -> None:
    chat, out = console
    chat.options = []
    await chat.send("42")
    assert take(out).strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("有没有德国的医疗器械展商", ["德国", "家展商"]),
        ("French cheese exhibitors", ["France", "exhibitors for"]),
        ("Aussteller für Landmaschinen", ["Landmaschinen", "Aussteller für"]),
        ("化粧品の出展者", ["出展者", "社"]),
        ("экспоненты медицинского оборудования из Германии", ["Германия", "экспонент"]),
    ],
)
async def test_search_in_several_languages_answers_in_that_language(
    console, text, expected
) -> None:
    chat, out = console
    await chat.send(text)
    shown = take(out)
    for part in expected:
        assert part in shown, shown[:400]


async def test_a_button_after_a_chinese_question_answers_in_chinese(console) -> None:
    chat, out = console
    await chat.send("临港企业所得税优惠")
    take(out)
    await chat.send("1")  # "查看详情": more details
    assert "财税〔2020〕38号" in take(out)


async def test_from_search_to_a_booked_exported_meeting(console, tmp_path) -> None:
    """The delegation member's path: find, open the card, book, export, list."""
    chat, out = console
    chat.export_dir = tmp_path
    await chat.send("where is the booth of Nordic Medtech")
    card = take(out)
    number = next(
        line.split("]")[0].strip(" [") for line in card.splitlines() if "Book a meeting" in line
    )
    await chat.send(number)
    assert "Free meeting slots with Nordic Medtech" in take(out)
    await chat.send("1")
    booked = take(out)
    assert "Meeting booked" in booked and "6.1A-01" in booked
    number = next(
        line.split("]")[0].strip(" [") for line in booked.splitlines() if "calendar" in line
    )
    await chat.send(number)
    exported = take(out)
    assert (tmp_path / "ciie-meeting-1.ics").exists() and "ciie-meeting-1.ics" in exported
    await chat.send("show my meetings")
    assert "Your 1 upcoming meeting" in take(out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "book a meeting with Nordic Medtech tomorrow at 10",
            "Free meeting slots with Nordic Medtech",
        ),
        ("我想和北欧医疗科技约个时间见面", "北欧医疗科技"),
        ("alerts for events in Suzhou", "Suzhou"),
        ("订阅杭州的活动提醒", "杭州"),
    ],
)
async def test_meeting_and_alert_requests_in_words(console, text, expected) -> None:
    chat, out = console
    await chat.send(text)
    shown = take(out)
    assert expected in shown
    assert "did not understand" not in shown
