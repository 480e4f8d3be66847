from actions import list_events
from tests.actions.conftest import nlu


def test_events_in_a_city_in_shanghai_time(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = list_events.list_events(ctx, nlu("events in Suzhou", "list_events", city="Suzhou"))
    assert "upcoming event" in reply.text and "Suzhou" in reply.text
    assert "Shanghai time" in reply.text and "Demo events" in reply.text


def test_city_in_russian_and_chinese(make_ctx) -> None:
    ru = list_events.list_events(
        make_ctx("ru"), nlu("события в Ханчжоу", "list_events", city="Ханчжоу")
    )
    zh = list_events.list_events(make_ctx("zh"), nlu("杭州有什么活动", "list_events", city="杭州"))
    assert "Ханчжоу" in ru.text
    assert "杭州" in zh.text


def test_no_city_offers_cities(make_ctx) -> None:
    reply = list_events.list_events(make_ctx("en"), nlu("any events?", "list_events"))
    assert "which city" in reply.text.lower() and reply.buttons


def test_city_button(make_ctx) -> None:
    ctx = make_ctx("de")
    menu = list_events.choose_city(ctx)
    first = menu.buttons[0][0]
    _, args = ctx.codec.decode(first.data)
    reply = list_events.on_callback(ctx, args)
    assert reply.edit and first.label in reply.text


def test_the_whole_region_is_said_as_a_region_not_as_a_city(make_ctx) -> None:
    """ "à le delta du Yangtsé", "В городе дельта Янцзы" were a city's phrasing."""
    fr = list_events.list_events(
        make_ctx("fr"), nlu("salons de robots", "list_events", product="robots")
    )
    ru = list_events.list_events(
        make_ctx("ru"), nlu("выставки роботов", "list_events", product="роботов")
    )
    assert "dans le delta du Yangtsé" in fr.text and "à le" not in fr.text, fr.text
    assert "в дельте янцзы" in ru.text.lower() and "в городе" not in ru.text.lower(), ru.text
