"""Requests as Russian-speaking buyers write them: long lists the model tags in part, a
capitalised word or an abbreviation tagged as a company, a country the goods must not come
from, nouns before their adjectives, abbreviations with a slash and slips of the pen."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_E = HEADER + "".join(
    f"{row}\n"
    for row in (
        "E01,Alpen Diagnostics AG,,,CH,medical,7.1,7.1A-01,In vitro diagnostics;ELISA kits,,de",
        "E02,Medline Syringes Ltd.,,,MY,medical,7.1,7.1A-02,Disposable syringes;Hypodermic needles,,en",
        "E03,Nitrex Gloves Sdn. Bhd.,,,MY,medical,7.1,7.1A-03,Nitrile examination gloves,,en",
        "E04,Sonomed Imaging K.K.,,,JP,medical,7.1,7.1A-04,Ultrasound systems,,ja",
        "E05,Nordvik Sjømat AS,,,NO,food,2.1,2.1A-05,Atlantic salmon fillets,,no",
        "E06,Salmones del Sur S.A.,,,CL,food,2.1,2.1A-06,Frozen Atlantic salmon,,es",
        "E07,Pampa Beef S.A.,,,AR,food,2.1,2.1A-07,Frozen beef cuts;Chilled beef,,es",
        "E08,Gelateria Dolomiti S.r.l.,,,IT,food,2.1,2.1A-08,Gelato;Ice cream tubs,,it",
        "E09,Nakamura Lift Trucks K.K.,,,JP,equipment,4.1,4.1A-09,Diesel forklift trucks,,ja",
        "E10,Baltic Rail Cargo UAB,,,LT,services,8.2,8.2A-10,ж/д перевозки;Rail freight,,ru",
        "E11,Olio Verde S.p.A.,,,IT,food,1.1,1.1A-11,Extra virgin olive oil,,it",
        "E12,Calzados Albero S.L.,,,ES,consumer,5.1,5.1A-12,Sneakers;Leather shoes,,es",
    )
)


@pytest.fixture
async def catalog_e(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_E) as container:
        yield container


@pytest.fixture
def e_ctx(catalog_e: Container) -> Iterator:
    with contexts_over(catalog_e, 703) as make:
        yield make


def test_every_product_of_a_list_tagged_in_part_is_searched(e_ctx) -> None:
    ctx = e_ctx("ru")
    text = (
        "Областная больница планирует закупку: аппараты УЗИ, нитриловые перчатки, "
        "одноразовые шприцы"
    )
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product=["аппараты УЗИ"]))
    assert shown_exhibitors(ctx, reply) == {"E02", "E03", "E04"}, reply.text


@pytest.mark.parametrize(
    ("text", "intent", "entities", "expected"),
    [
        # An abbreviation in a list tagged as a company.
        ("Закупаем реагенты для КДЛ: биохимия, ИФА-наборы, ПЦР. Областная больница.",
         "out_of_scope", {"company": "ПЦР"}, {"E01"}),
        # A capitalised adjective tagged as a company, the message read as a meeting.
        ("Аптечная сеть рассматривает закупку: нитриловые перчатки, одноразовые шприцы.",
         "book_meeting", {"company": "Аптечная"}, {"E02", "E03"}),
        # Only a word framing the request tagged as a company; a slip in the product.
        ("кросовки оптом напрямую с фабрики", "out_of_scope", {"company": "фабрики"}, {"E12"}),
    ],
)  # fmt: skip
def test_a_company_the_catalog_lacks_beside_products_is_a_search(
    e_ctx, text: str, intent: str, entities: dict, expected: set[str]
) -> None:
    ctx = e_ctx("ru")
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


def test_a_meeting_with_a_company_the_catalog_lacks_is_still_asked_about(e_ctx) -> None:
    ctx = e_ctx("ru")
    text = "Хочу встречу с Аптечной сетью по шприцам"
    reply = dialogue.respond(ctx, nlu(text, "book_meeting", company="Аптечной сетью"))
    assert not shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    ("locale", "text", "expected", "said"),
    [
        ("ru", "лосось атлантический, не из Чили", {"E05"}, "страна: не Чили"),
        ("en", "atlantic salmon, not from Chile", {"E05"}, "not from Chile"),
        ("es", "salmón del Atlántico que no sea de Chile", {"E05"}, "excepto Chile"),
        ("ja", "チリ以外のサーモン", {"E05"}, "チリ以外"),
        ("ko", "칠레산 말고 연어", {"E05"}, "칠레 제외"),
        ("fr", "saumon atlantique, mais pas chilien", {"E05"}, "hors Chili"),
        # The refusal with the article the country takes, and "産" before "以外".
        ("fr", "du saumon, mais pas du Chili", {"E05"}, "hors Chili"),
        ("de", "Lachs, aber nicht aus dem Chile", {"E05"}, "nicht Chile"),
        ("ja", "チリ産以外のサーモン", {"E05"}, "チリ以外"),
    ],
)
def test_a_country_the_goods_must_not_come_from_is_left_out(
    e_ctx, locale: str, text: str, expected: set[str], said: str
) -> None:
    ctx = e_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == expected, reply.text
    assert said in reply.text


def test_a_refused_country_is_kept_on_the_next_page_button(e_ctx) -> None:
    ctx = e_ctx("ru")
    reply = dialogue.respond(ctx, nlu("лосось, кроме Норвегии", "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == {"E06"}, reply.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nouns before their adjectives, as price lists write them.
        ("погрузчики вилочные дизель", {"E09"}),
        # An adjective is no form of the noun it shares a stem with: frozen beef, no ice cream.
        ("кто продаёт мороженую говядину?", {"E07"}),
        ("мороженое в ваннах", {"E08"}),
        # Two letters joined by a slash are one word, in the request and in the catalog.
        ("ж/д доставка в Среднюю Азию", {"E10"}),
        # One slip in a word of a two-word term.
        ("оливкавое масло итальянское", {"E11"}),
    ],
)
def test_russian_wording(e_ctx, text: str, expected: set[str]) -> None:
    ctx = e_ctx("ru")
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


def test_a_single_letter_is_no_product(e_ctx) -> None:
    ctx = e_ctx("ru")
    reply = dialogue.respond(ctx, nlu("погрузчики вилочные, г/п 3 т", "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == {"E09"}, reply.text
    assert "“т”" not in reply.text and "“г”" not in reply.text


def test_an_amount_tagged_with_its_unit_is_no_meeting_time(e_ctx) -> None:
    """ "82,5%" and "20 кг" tagged as times: a price list's amounts, not a meeting."""
    ctx = e_ctx("ru")
    text = "оливковое масло 82,5% монолит 20 кг"
    reply = dialogue.respond(
        ctx, nlu(text, "book_meeting", product="оливковое масло", time=["82,5", "20 кг"])
    )
    assert shown_exhibitors(ctx, reply) == {"E11"}, reply.text


def test_containers_and_pallets_are_amounts_not_meeting_times(e_ctx) -> None:
    """ "3 Container pro Monat" with "3" tagged as a time: an order's size, not a meeting."""
    ctx = e_ctx("de")
    text = "Olivenöl, 3 Container pro Monat"
    reply = dialogue.respond(ctx, nlu(text, "book_meeting", product="Olivenöl", time="3"))
    assert shown_exhibitors(ctx, reply) == {"E11"}, reply.text


def test_a_delivery_term_and_a_city_tagged_as_a_company_are_none(e_ctx) -> None:
    ctx = e_ctx("ru")
    text = "перчатки нитриловые, условия CPT Москва"
    reply = dialogue.respond(ctx, nlu(text, "out_of_scope", company="CPT Москва"))
    assert shown_exhibitors(ctx, reply) == {"E03"}, reply.text


def test_a_booth_asked_of_a_name_the_model_did_not_tag(e_ctx) -> None:
    """ "Накамуры", declined, beside the products its company sells."""
    ctx = e_ctx("ru")
    text = "как найти стенд Накамуры, японские погрузчики"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", country="японские", product="погрузчики")
    )
    assert "4.1A-09" in reply.text, reply.text


def test_a_broader_product_joined_by_and_is_asked_for_too(e_ctx) -> None:
    """ "de logística y transporte": both; "косметику: тканевые маски" says no more."""
    ctx = e_ctx("es")
    text = "empresas de logística y transporte ferroviario de carga"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product="transporte ferroviario de carga")
    )
    assert "E10" in shown_exhibitors(ctx, reply), reply.text
    assert "Logística" in reply.text, reply.text  # the category asked for by name


# --- products of labels in other languages, and lists joined by "or" -------------------
CATALOG_L = HEADER + "".join(
    f"{row}\n"
    for row in (
        "L01,Laadpunt Test B.V.,,,NL,auto,8.1,8.1A-01,DC-snelladers 180 kW;AC-laadpalen 22 kW;"
        "laadbeheersoftware,EV charging hardware and software.,nl",
        "L02,Sonnenkraft Test GmbH,,,DE,equipment,7.1,7.1A-02,PV-Wechselrichter;Wallbox 11 kW,,de",
        "L03,Volta Motors Ltd.,,,GB,auto,8.1,8.1A-03,Electric vehicles;EV pickups,,en",
        "L04,Chocolaterie Test NV,,,BE,food,1.1,1.1A-04,Pralines;Dark chocolate 72%,,nl",
        "L05,Confiserie Test AG,,,CH,food,1.1,1.1A-05,Milchschokolade;Schoggi-Pralinés,,de",
        "L06,Chocolat Test SAS,,,FR,food,1.1,1.1A-06,Tablettes de chocolat noir,,fr",
        "L07,Borneo Swiftlet Test Sdn Bhd,,,MY,food,2.1,2.1A-07,即食燕窝 6 × 70 ml;燕盏,,zh",
        "L08,Geumsan Test Co.,,,KR,food,2.1,2.1A-08,6년근 홍삼정;Korean red ginseng,,ko",
    )
)


@pytest.fixture
async def catalog_l(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_L) as container:
        yield container


@pytest.fixture
def l_ctx(catalog_l: Container) -> Iterator:
    with contexts_over(catalog_l, 704) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "entities", "expected"),
    [
        # "EV" tagged inside "EVの充電設備": charging equipment, not electric vehicles.
        ("ja", "EVの充電設備", {"product": ["EV"]}, {"L01", "L02"}),
        (
            "de",
            "Schokolade und Pralinen aus Belgien oder der Schweiz",
            {"country": "Schweiz"},
            {"L04", "L05"},
        ),
        ("zh", "燕窝或者红参", {}, {"L07", "L08"}),
    ],
)
def test_labels_abroad_and_alternatives(l_ctx, locale, text, entities, expected) -> None:
    ctx = l_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


def test_a_product_described_by_what_it_does_is_searched(l_ctx) -> None:
    ctx = l_ctx("fr")
    text = "un appareil pour recharger les voitures électriques à la maison"
    reply = dialogue.respond(ctx, nlu(text, "out_of_scope"))
    assert shown_exhibitors(ctx, reply) == {"L01", "L02"}, reply.text
