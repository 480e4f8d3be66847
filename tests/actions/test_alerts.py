"""Event alerts through the router: subscribe, list, remove, remind me, alert delivery."""

from __future__ import annotations

from datetime import timedelta

from actions import alerts as alert_actions
from actions import list_events
from bot.delivery import Delivery
from bot.router import Incoming
from core.db import transaction
from core.imports import import_events
from tests.actions.conftest import nlu
from tests.conftest import FIXED_NOW, base_settings, make_container
from tests.support.outbox import RecordingSender

USER = 77


def said(text: str, lang: str = "en") -> Incoming:
    return Incoming("console", USER, text, lang)


def test_subscribe_by_city_and_product_in_chinese(make_ctx) -> None:
    ctx = make_ctx("zh")
    reply = alert_actions.subscribe_alerts(
        ctx, nlu("订阅苏州的医疗器械活动提醒", "subscribe_alerts", city="苏州", product="医疗器械")
    )
    assert "苏州" in reply.text and "医疗器械" in reply.text
    again = alert_actions.subscribe_alerts(
        ctx, nlu("订阅苏州的医疗器械活动提醒", "subscribe_alerts", city="苏州", product="医疗器械")
    )
    assert again.text != reply.text  # "you already get alerts for…"
    listing = alert_actions.subscriptions_command(ctx)
    assert listing.text.count("•") == 1


def test_subscribe_without_a_city_asks_which(make_ctx) -> None:
    reply = alert_actions.subscribe_alerts(
        make_ctx(), nlu("send me event alerts", "subscribe_alerts")
    )
    assert "which city" in reply.text
    assert any("Suzhou" in b.label for row in reply.buttons for b in row)


def test_unsubscribe_by_city_keeps_the_others(make_ctx) -> None:
    ctx = make_ctx()
    alert_actions.subscribe_alerts(ctx, nlu("alerts for Suzhou", "subscribe_alerts", city="Suzhou"))
    alert_actions.subscribe_alerts(ctx, nlu("alerts for Hefei", "subscribe_alerts", city="Hefei"))
    stopped = alert_actions.unsubscribe_alerts(
        ctx, nlu("stop alerts for Suzhou", "unsubscribe_alerts", city="Suzhou")
    )
    assert "Stopped the alerts for Suzhou" in stopped.text
    listing = alert_actions.unsubscribe_alerts(ctx, nlu("stop alerts", "unsubscribe_alerts"))
    assert "Hefei" in listing.text and "Suzhou" not in listing.text


def test_events_in_a_date_range(make_ctx) -> None:
    ctx = make_ctx("zh")
    reply = list_events.list_events(
        ctx, nlu("12月1日到12月5日的活动", "list_events", date=["12月1日", "12月5日"])
    )
    assert "12月" in reply.text
    days = {line for line in reply.text.splitlines() if "2026年12月" in line}
    assert days and all(any(f"12月{d}日" in line for d in range(1, 6)) for line in days)


async def test_alert_arrives_once_after_an_import_and_remind_me_works(app) -> None:
    listing = await app.router.handle_text(said("/subscriptions"))
    assert "no event alerts" in listing.text
    chooser = await app.router.handle_callback(said(app.router.codec.encode("sa", "suzhou")))
    assert "Suzhou" in chooser.text
    new_event = (
        "id,title_en,title_zh,city,venue,starts_at,ends_at,products\n"
        "EV900,Wine Night,葡萄酒之夜,Suzhou,Hall 9 (demo),2026-12-20T18:00,2026-12-20T21:00,wine\n"
    )
    with transaction(app.sessions) as session:
        report = import_events(session, new_event.encode(), app.taxonomy, FIXED_NOW)
    assert report.alerts == 1
    recorder = RecordingSender()
    delivery = Delivery(app.router, recorder)
    await delivery.run_due()
    await delivery.run_due()
    [(to, alert)] = recorder.sent
    assert (
        to == USER
        and "A new event matches your alerts" in alert.text
        and "Wine Night" in alert.text
    )
    remind = next(b for row in alert.buttons for b in row if "day before" in b.label)
    assert "remind you the day before" in (await app.router.handle_callback(said(remind.data))).text
    assert "already have a reminder" in (await app.router.handle_callback(said(remind.data))).text
    app.router.clock = lambda: FIXED_NOW.replace(month=12, day=19, hour=11)  # the day before, 19:00
    await delivery.run_due()
    assert "Tomorrow" in recorder.sent[-1][1].text and len(recorder.sent) == 2
    app.router.clock = lambda: FIXED_NOW + timedelta(days=60)
    await delivery.run_due()
    assert len(recorder.sent) == 2


async def test_alerts_survive_a_restart_and_go_out_once(app, seeded_url) -> None:
    await app.router.handle_callback(said(app.router.codec.encode("sa", "")))  # all cities
    event = (
        "id,title_en,city,venue,starts_at,ends_at\n"
        "EV901,Import Fair,Hefei,Expo Hall (demo),2026-12-12T09:00,2026-12-12T17:00\n"
    )
    with transaction(app.sessions) as session:
        assert import_events(session, event.encode(), app.taxonomy, FIXED_NOW).alerts == 1
    await app.aclose()  # the process stops before the alert goes out

    rebuilt = make_container(base_settings(seeded_url))
    recorder = RecordingSender()
    delivery = Delivery(rebuilt.router, recorder)
    delivery.recover()
    await delivery.run_due()
    await Delivery(rebuilt.router, recorder).run_due()  # a second process finds nothing
    assert [(to, "Import Fair" in reply.text) for to, reply in recorder.sent] == [(USER, True)]
    await rebuilt.aclose()


async def test_remind_me_notice_shows_the_title_as_written(app) -> None:
    event = (
        "id,title_en,city,venue,starts_at,ends_at\n"
        'EV902,Women\'s Day & "Import" Fair,Suzhou,Hall (demo),2026-12-12T09:00,2026-12-12T17:00\n'
    )
    with transaction(app.sessions) as session:
        assert import_events(session, event.encode(), app.taxonomy, FIXED_NOW).ok
    reply = await app.router.handle_callback(said(app.router.codec.encode("er", "EV902")))
    assert "Women&#x27;s Day &amp; &quot;Import&quot; Fair" in reply.text  # HTML, escaped
    assert 'Women\'s Day & "Import" Fair' in reply.notice  # a plain-text popup
