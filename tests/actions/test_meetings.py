"""Meetings through the router, as a channel drives it: buttons, commands, notices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from actions import booking_form
from actions import meetings as meeting_actions
from actions.base import Entity, NluResult, Reply
from bot.delivery import Delivery
from bot.router import Incoming
from core.models import Meeting, Notification
from tests.actions.conftest import nlu
from tests.conftest import FIXED_NOW
from tests.support.outbox import RecordingSender

BUYER, COLLEAGUE, STAFF, ADMIN = 11, 12, 13, 9001


def said(text: str, user: int = BUYER, lang: str = "en") -> Incoming:
    return Incoming("console", user, text, lang)


async def press(app, reply: Reply, label: str, user: int = BUYER, lang: str = "en") -> Reply:
    button = next(b for row in reply.buttons for b in row if label in plain(b.label))
    return await app.router.handle_callback(said(button.data, user, lang))


def labels(reply: Reply) -> list[str]:
    return [plain(b.label) for row in reply.buttons for b in row]


def plain(text: str) -> str:
    return text.replace("\u202f", " ")  # Babel puts narrow spaces before AM/PM


async def book_first_slot(app, user: int = BUYER, company: str = "EX00001") -> Reply:
    picker = await app.router.handle_callback(said(app.router.codec.encode("bk", company), user))
    assert "Free meeting slots with" in picker.text
    return await app.router.handle_callback(said(picker.buttons[0][0].data, user))


async def test_card_button_to_booked_meeting_to_calendar(app) -> None:
    card = await app.router.handle_callback(said(app.router.codec.encode("ex", "EX00001")))
    picker = await press(app, card, "Book a meeting")
    # The 2026 expo is over (today is Nov 24): slots are offered for Nov 5-10, 2027.
    assert "Nov 5" in labels(picker)[0] and "9:00 AM" in labels(picker)[0]
    booked = await app.router.handle_callback(said(picker.buttons[0][0].data))
    assert "Meeting booked" in booked.text
    assert "Hall 6.1, booth <b>6.1A-01</b>" in booked.text
    assert "Fri, Nov 5, 9:00 AM–9:30 AM (Shanghai time)" in plain(booked.text)
    assert "remind you 30 minutes before" in booked.text
    exported = await press(app, booked, "Add to calendar")
    assert exported.document is not None and exported.document.filename.endswith(".ics")
    ics = exported.document.content.decode()
    assert "DTSTART;TZID=Asia/Shanghai:20271105T090000" in ics
    assert "LOCATION:Hall 6.1\\, booth 6.1A-01" in ics
    listing = await app.router.handle_text(said("/meetings"))
    assert "Your 1 upcoming meeting" in listing.text and "Nordic Medtech" in listing.text


async def test_the_same_slot_twice_offers_other_times(app) -> None:
    picker = await app.router.handle_callback(said(app.router.codec.encode("bk", "EX00001")))
    first = picker.buttons[0][0].data
    assert "Meeting booked" in (await app.router.handle_callback(said(first))).text
    again = await app.router.handle_callback(said(first, user=COLLEAGUE))
    assert "someone has just booked that slot" in again.text
    assert first not in [b.data for row in again.buttons for b in row]


async def test_forged_and_stale_meeting_buttons(app) -> None:
    booked = await book_first_slot(app)
    cancel = next(b for row in booked.buttons for b in row if "Cancel" in b.label)
    forged = cancel.data.replace("mc|", "mx|")
    assert "expired" in (await app.router.handle_callback(said(forged))).text
    # Someone else pressing a signed button for a meeting that is not theirs.
    assert (
        "no longer booked" in (await app.router.handle_callback(said(cancel.data, COLLEAGUE))).text
    )
    confirm = await app.router.handle_callback(said(cancel.data))
    done = await press(app, confirm, "Yes, cancel it")
    assert "the slot is free again" in done.text
    assert "no longer booked" in (await app.router.handle_callback(said(cancel.data))).text
    bad_time = app.router.codec.encode("bs", "EX00001", "zz!")
    assert "expired" in (await app.router.handle_callback(said(bad_time))).text


async def test_reschedule_moves_the_meeting(app) -> None:
    booked = await book_first_slot(app)
    picker = await press(app, booked, "Reschedule")
    assert "Move your meeting of" in picker.text
    later = next(b for row in picker.buttons for b in row if "10:00 AM" in plain(b.label))
    moved = await app.router.handle_callback(said(later.data))
    assert "Meeting moved" in moved.text and "10:00 AM–10:30 AM" in plain(moved.text)
    with app.sessions() as session:
        statuses = sorted(session.scalars(select(Meeting.status)).all())
    assert statuses == ["booked", "cancelled"]


def test_book_meeting_intent_proposes_slots_near_the_wanted_time(make_ctx) -> None:
    ctx = make_ctx("zh")
    reply = booking_form.start(
        ctx, nlu("明天下午两点约 Nordic Medtech 见面", "book_meeting", company="Nordic Medtech",
                 date="明天", time="下午两点"),
    )  # fmt: skip
    # "Tomorrow" is not an expo day: the nearest free times are offered, in Chinese.
    assert "11月5日周五" in reply.text and "11月10日周三" in reply.text
    assert "The expo" not in reply.text
    # The nearest expo day, at the hour asked for (14:00).
    assert all(label.startswith("11月5日周五 ") for label in labels(reply)[:6])
    assert "11月5日周五 14:00" in labels(reply)[:6]


def test_book_meeting_during_the_expo_books_the_asked_hour(make_ctx) -> None:
    ctx = make_ctx("de")
    ctx.now = FIXED_NOW.replace(year=2027, month=11, day=4)  # the day before the expo
    reply = booking_form.start(
        ctx, nlu("Termin mit Nordic Medtech morgen um 14 Uhr", "book_meeting",
                 company="Nordic Medtech", date="morgen", time="14 Uhr"),
    )  # fmt: skip
    # Company, day and time are all there and the slot is free: it is booked at once.
    assert "Termin gebucht" in reply.text, reply.text
    assert "Fr., 5. Nov." in reply.text and "14:00–14:30" in reply.text


def test_book_meeting_without_a_company_asks_which(make_ctx) -> None:
    reply = booking_form.start(make_ctx(), nlu("book a meeting", "book_meeting"))
    assert "Which exhibitor" in reply.text


async def test_cancel_intent_by_company(app, make_ctx) -> None:
    await book_first_slot(app, user=500)
    ctx = make_ctx()
    reply = meeting_actions.cancel_meeting(
        ctx,
        nlu("cancel my meeting with Nordic Medtech", "cancel_meeting", company="Nordic Medtech"),
    )
    assert "Cancel this meeting?" in reply.text and "Nordic Medtech" in reply.text
    none = meeting_actions.cancel_meeting(
        ctx, nlu("cancel my meeting with Alpine Dairy", "cancel_meeting", company="Alpine Dairy")
    )
    # No meeting with a company the catalog knows: it is shown, to be found or booked.
    assert "You have no upcoming meeting with Alpine Dairy" in none.text
    assert "6.2A-01" in none.text
    assert any("Book" in b.label for row in none.buttons for b in row)
    unknown = meeting_actions.cancel_meeting(
        ctx, nlu("cancel my meeting with Nowhere GmbH", "cancel_meeting", company="Nowhere GmbH")
    )
    assert "None of your upcoming meetings matches" in unknown.text


async def test_reminder_setting_moves_pending_reminders(app) -> None:
    await book_first_slot(app)
    menu = await app.router.handle_text(said("/reminders"))
    assert "• 30 minutes" in labels(menu)
    saved = (
        await press(app, menu, "1 hour")
        if "1 hour" in labels(menu)
        else await press(app, menu, "60 minutes")
    )
    assert "60 minutes before" in saved.text
    with app.sessions() as session:
        due = session.scalars(select(Notification.due_at)).one()
        start = session.scalars(select(Meeting.starts_at)).one()
    assert start - due == timedelta(hours=1)
    off = await app.router.handle_text(said("/reminders 0"))
    assert "Reminders are off" in off.text


async def test_staff_decline_and_the_buyer_is_told(app) -> None:
    refused = await app.router.handle_text(
        Incoming("telegram", 5, "/invite exhibitor EX00001", "en")
    )
    assert "only organisers" in refused.text
    invite = await app.router.handle_text(
        Incoming("telegram", ADMIN, "/invite exhibitor EX00001", "en")
    )
    code = invite.text.split("<code>")[1].split("</code>")[0]
    assert "not valid" in (await app.router.handle_text(said("/join WRONGCODE1", STAFF))).text
    joined = await app.router.handle_text(said(f"/join {code}", STAFF))
    assert "staff of Nordic Medtech" in joined.text
    await book_first_slot(app)
    booth = await app.router.handle_text(said("/booth", STAFF))
    assert "1 upcoming meeting at your booth" in booth.text
    ask = await press(app, booth, "Decline", STAFF)
    done = await press(app, ask, "Yes, decline", STAFF)
    assert "the visitors have been told" in done.text
    sent = RecordingSender()
    report = await Delivery(app.router, sent).run_due()
    assert report.counts == {"sent": 1}
    [(to, notice)] = sent.sent
    assert to == BUYER and "the exhibitor declined this meeting" in notice.text
    again = await press(app, notice, "Book another time")
    assert "Free meeting slots with" in again.text


async def test_delegation_colleague_is_added_and_told(app) -> None:
    invite = await app.router.handle_text(
        Incoming("telegram", ADMIN, "/invite delegation Jiangsu trade delegation", "en")
    )
    code = invite.text.split("<code>")[1].split("</code>")[0]
    await app.router.handle_text(said(f"/join {code} Wang Fang", BUYER))
    joined = await app.router.handle_text(said(f"/join {code} Li Wei", COLLEAGUE))
    assert "You have joined Jiangsu trade delegation" in joined.text
    booked = await book_first_slot(app)
    chooser = await press(app, booked, "Add a colleague")
    added = await press(app, chooser, "Li Wei")
    assert "Added Li Wei" in added.text
    sent = RecordingSender()
    await Delivery(app.router, sent).run_due()
    [(to, notice)] = sent.sent
    assert to == COLLEAGUE and "added you to a meeting" in notice.text
    listing = await app.router.handle_text(said("/meetings", COLLEAGUE))
    assert "Your 1 upcoming meeting" in listing.text
    # The picker offers the colleague only times they are free; a stale button for the
    # busy time is refused.
    picker = await app.router.handle_callback(
        said(app.router.codec.encode("bk", "EX00002"), COLLEAGUE)
    )
    assert "9:00 AM" not in labels(picker)[0]
    with app.sessions() as session:
        start = session.scalars(select(Meeting.starts_at)).one()
    busy = app.router.codec.encode("bs", "EX00002", meeting_actions.encode_time(start))
    clash = await app.router.handle_callback(said(busy, COLLEAGUE))
    assert "already have a meeting at that time" in clash.text


@pytest.mark.parametrize("lang", ["zh", "ja", "ru"])
async def test_booking_confirmation_in_other_languages(app, lang) -> None:
    picker = await app.router.handle_callback(
        said(app.router.codec.encode("bk", "EX00001"), lang=lang)
    )
    booked = await app.router.handle_callback(said(picker.buttons[0][0].data, lang=lang))
    assert "✅" in booked.text and "6.1A-01" in booked.text
    assert "Meeting booked" not in booked.text


async def test_book_for_the_whole_delegation_names_who_is_busy(app) -> None:
    invite = await app.router.handle_text(
        Incoming("telegram", ADMIN, "/invite delegation Zhejiang trade delegation", "en")
    )
    code = invite.text.split("<code>")[1].split("</code>")[0]
    for user, name in (
        (BUYER, "Wang Fang"),
        (COLLEAGUE, "Li Wei"),
        (14, "Zhao Min"),
        (15, "Chen Jie"),
    ):
        await app.router.handle_text(said(f"/join {code} {name}", user))
    await book_first_slot(app, user=14, company="EX00002")  # Zhao is busy at 9:00
    booked = await book_first_slot(app)
    chooser = await press(app, booked, "Add a colleague")
    everyone = await press(app, chooser, "All of them")
    assert (
        "Added Chen Jie and Li Wei" in everyone.text or "Added Li Wei and Chen Jie" in everyone.text
    )
    assert "Zhao Min already has a meeting at that time" in everyone.text
    view = await app.router.handle_callback(said(app.router.codec.encode("mv", "2")))
    assert "Attending: you, Li Wei, and Chen Jie" in view.text


def tagged(text: str, pieces: list[tuple[str, str]]) -> NluResult:
    """A meeting request with these values tagged where they first stand in the text."""
    entities = tuple(
        Entity(kind, value, text.index(value), text.index(value) + len(value))
        for kind, value in pieces
    )
    return NluResult(text, "book_meeting", 1.0, entities)


def test_a_date_split_into_pieces_by_the_model_is_read_whole(make_ctx) -> None:
    text = "Termin mit Nordic Medtech am 6. November um 14 Uhr"
    pieces = [("company", "Nordic Medtech"), ("date", "am"), ("time", "6"), ("date", "November"),
              ("time", "14 Uhr")]  # fmt: skip
    reply = booking_form.start(make_ctx("de"), tagged(text, pieces))
    assert "Messe" not in reply.text.split("\n")[0]  # no "the expo's days are…": it is one
    assert "Termin gebucht" in reply.text and "Sa., 6. Nov." in reply.text
    assert "14:00–14:30" in reply.text


@pytest.mark.parametrize(
    ("locale", "text", "booked"),
    [
        ("en", "I'd like to meet Nordic Medtech on Nov 6 at 3pm", "Sat, Nov 6, 3:00"),
        ("fr", "Je voudrais voir Nordic Medtech le 6 novembre à 15 h", "sam. 6 nov., 15:00"),
        (
            "es",
            "quiero reunirme con Nordic Medtech el 6 de noviembre a las 15:00",
            "sáb, 6 nov, 15:00",
        ),
    ],
)
def test_a_day_with_its_month_the_model_did_not_tag(make_ctx, locale, text, booked) -> None:
    """Only the company tagged: a day with its month's name is a date whatever the model
    made of it, and its number is no hour."""
    reply = booking_form.start(make_ctx(locale), tagged(text, [("company", "Nordic Medtech")]))
    assert booked in reply.text, reply.text


def test_words_tagged_as_times_that_are_none_do_not_stretch_the_date(make_ctx) -> None:
    """ "Erzgebirge" of a bracket tagged as a time, "Nov" as one too: 8 November at 11."""
    text = "Termin mit Nordic Medtech (Bildgebung aus dem Erzgebirge) am 8. Nov. um 11 Uhr"
    pieces = [("company", "Nordic Medtech"), ("time", "Erzgebirge"), ("date", "am"),
              ("time", "8"), ("time", "Nov"), ("time", "11 Uhr")]  # fmt: skip
    reply = booking_form.start(make_ctx("de"), tagged(text, pieces))
    assert "Termin gebucht" in reply.text and "Mo., 8. Nov." in reply.text, reply.text
    assert "11:00–11:30" in reply.text


@pytest.mark.parametrize(
    ("locale", "text", "day", "exhibitor"),
    [
        ("de", "Termin bei Nordic Medtech am Montag um 11 Uhr", "Montag", "EX00001"),
        ("fr", "rdv chez Alpine Dairy, lundi à 11h", "lundi", "EX00002"),
    ],
)
def test_a_catalog_company_after_the_words_asking_to_meet_is_whom_to_meet(
    make_ctx, locale: str, text: str, day: str, exhibitor: str
) -> None:
    """The model tagged the day, not the company."""
    ctx = make_ctx(locale)
    booking_form.start(ctx, nlu(text, "book_meeting", date=day))
    assert ctx.state.form is not None and ctx.state.form.exhibitor == exhibitor, ctx.state.form


async def test_a_company_named_in_a_request_for_ones_meetings(app, make_ctx) -> None:
    """ "Busco a Alpine Dairy" read as "my meetings": with no meeting with that company,
    the company is shown; with one, the meetings are."""
    await book_first_slot(app, user=500)
    ctx = make_ctx()
    reply = meeting_actions.my_meetings(
        ctx, nlu("Busco a Alpine Dairy", "my_meetings", company="Alpine Dairy")
    )
    assert "You have no upcoming meeting with Alpine Dairy" in reply.text
    assert "6.2A-01" in reply.text
    reply = meeting_actions.my_meetings(
        ctx, nlu("my meetings with Nordic Medtech", "my_meetings", company="Nordic Medtech")
    )
    assert "upcoming meeting" in reply.text and "Nordic Medtech" in reply.text, reply.text


@pytest.mark.parametrize(
    ("text", "time", "booked"),
    [
        ("Meeting with Nordic Medtech tomorrow at 10:30", ["10", "30"], "10:30 AM–11:00 AM"),
        ("Meeting with Nordic Medtech tomorrow at 10 h 30", ["10", "30"], "10:30 AM–11:00 AM"),
    ],
)
def test_minutes_the_model_tags_apart_from_their_hour(make_ctx, text, time, booked) -> None:
    """ "10:30" tagged as "10" and "30" is half past ten, not ten."""
    ctx = make_ctx("en")
    ctx.now = FIXED_NOW.replace(year=2027, month=11, day=4)
    reply = booking_form.start(
        ctx,
        nlu(text, "book_meeting", company="Nordic Medtech", date="tomorrow", time=time),
    )
    assert booked in plain(reply.text), reply.text


def test_a_day_and_a_time_in_chinese_numerals_the_model_did_not_tag(make_ctx) -> None:
    """ "明天下午两点" with nothing tagged: the day word and the hour marked with 点."""
    ctx = make_ctx("zh")
    ctx.now = FIXED_NOW.replace(year=2027, month=11, day=4)
    reply = booking_form.start(
        ctx, nlu("明天下午两点跟 Nordic Medtech 见个面", "book_meeting", company="Nordic Medtech")
    )
    assert "14:00" in plain(reply.text), reply.text
    assert "几点" not in reply.text


def test_an_hour_the_model_tagged_as_a_date_is_the_time(make_ctx) -> None:
    """ "14" of "demain à 14 h" tagged as a date beside "demain": the hour marked with h."""
    ctx = make_ctx("fr")
    ctx.now = FIXED_NOW.replace(year=2027, month=11, day=4)
    text = "rendez-vous avec Nordic Medtech demain à 14 h"
    reply = booking_form.start(
        ctx, nlu(text, "book_meeting", company="Nordic Medtech", date=["demain", "14"])
    )
    assert "14:00" in plain(reply.text), reply.text


def test_a_chinese_date_the_model_tagged_as_a_time_is_the_day(make_ctx) -> None:
    """ "11月6" of "11月6号下午3点" tagged a time, beside words tagged times that are none."""
    text = "麻烦帮我约一下 Nordic Medtech（做影像设备的那家），11月6号下午3点，谢谢！"
    pieces = [("company", "Nordic Medtech"), ("time", "影像设备"), ("time", "家"),
              ("time", "11月6"), ("time", "下午3点")]  # fmt: skip
    reply = booking_form.start(make_ctx("zh"), tagged(text, pieces))
    assert "11月6日周六" in reply.text and "15:00" in reply.text, reply.text
