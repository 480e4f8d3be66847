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
