"""Requests as buyers write them to a catalog the assistant was not built on: products with
words the model did not understand, a buyer's own city or amounts in the message, and
company names translated, reordered or shared by several exhibitors."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_D = HEADER + "".join(
    f"{row}\n"
    for row in (
        "D01,Tejas del Levante S.A.,,,ES,equipment,4.1,4.1A-01,Ceramic roof tiles;Roofing membranes,,es",
        "D02,Kowal Narzędzia Sp. z o.o.,,,PL,equipment,4.1,4.1A-02,Cordless drill drivers;Angle grinders,,pl",
        "D03,Fazenda Boa Vista Ltda.,,,BR,food,1.1,1.1A-03,Green coffee beans;Roasted coffee,,pt",
        'D04,"Sakura Shuzo Co., Ltd.",,,JP,food,1.1,1.1A-04,Junmai sake;Plum wine,,ja',
        "D05,Sakura Seimitsu K.K.,,,JP,equipment,4.1,4.1A-05,CNC lathes;Machining centres,,ja",
        "D06,Sol y Mar Conservas S.A.,,Sol y Mar,ES,food,1.1,1.1A-06,Canned tuna;Sardines in olive oil,,es",
        'D07,"Siam Rubber Industry Co., Ltd.",,,TH,auto,8.1,8.1A-07,Truck tyres;Natural rubber,,th',
        "D08,Jinlong Auto Electronics Pte. Ltd.,金龙汽车电子,,SG,auto,8.1,8.1A-08,Car audio;Dash cameras,,zh",
        "D09,Kobolt Robotics ApS,,,DK,equipment,4.1,4.1A-09,Collaborative robots (cobots) 5-16 kg payload,,da",
        "D10,Kedah Glove Sdn Bhd,,,MY,medical,7.1,7.1A-10,Nitrile examination gloves;Vinyl gloves,,ms",
        "D11,Hat Yai Latex Co.,,,TH,medical,7.1,7.1A-11,Latex examination gloves,,th",
        "D12,Fromagerie des Aravis SAS,,,FR,food,1.1,1.1A-12,Raclette de Savoie IGP;Reblochon AOP,,fr",
        "D13,Fruitière du Mont Poupet,,,FR,food,1.1,1.1A-13,Comté AOP 18 mois;Morbier AOP,,fr",
        "D14,Brenner & Falk Robotik GmbH,,,DE,equipment,4.1,4.1A-14,Industrieroboter;Schweißroboter,,de",
        "D15,Binh An Woodcraft Co.,,,VN,consumer,4.2,4.2A-15,Solid wood dining tables;Teak garden furniture,,vi;en",
    )
)


@pytest.fixture
async def catalog_d(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_D) as container:
        yield container


@pytest.fixture
def d_ctx(catalog_d: Container) -> Iterator:
    with contexts_over(catalog_d, 702) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "expected"),
    [
        # Products the taxonomy knows among words it does not ("металл", "что").
        ("ru", "кровля: черепица керамическая, битумные мембраны — кто что предлагает?",
         "out_of_scope", {}, {"D01"}),
        ("ru", "садовый инвентарь и шуруповерты — на весенний сезон", "out_of_scope", {},
         {"D02"}),
        # An amount is no time: no meeting to book.
        ("ru", "Интересует металлочерепица, объём от 20 т в месяц", "book_meeting",
         {"time": "20"}, {"D01"}),
        # The buyer's city tagged as a company is no company.
        ("ru", "кофе в зёрнах для сети кофеен в Казани", "nlu_fallback",
         {"product": "кофе", "company": "Казани"}, {"D03"}),
        # No company is named, and goods are: a search, whatever the model read.
        ("en", "cobot for a small machine shop, about 10kg payload", "exhibitor_info",
         {"date": "payload"}, {"D09"}),
        # "Container loads" say how much; the catalog writes "examination".
        ("en", "nitrile exam gloves, container loads", "book_meeting",
         {"product": "container"}, {"D10"}),
        # "à" names no kind of cheese: raclette does.
        ("fr", "fromage à raclette", "search_exhibitors", {"product": "fromage à raclette"},
         {"D12"}),
        # A tyre's size is no hall.
        ("en", "who makes truck tyres? need 315/80R22.5", "search_exhibitors", {"hall": "22.5"},
         {"D07"}),
        # Goods one "wants to see" read as events, their origin tagged as a day.
        ("ja", "ベトナム製の木の家具が見たいです。", "list_events", {"date": "ベトナム製"},
         {"D15"}),
    ],
)  # fmt: skip
def test_products_among_words_the_model_did_not_understand_are_a_search(
    d_ctx, locale: str, text: str, intent: str, entities: dict, expected: set[str]
) -> None:
    ctx = d_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


def test_a_company_named_in_lower_case_with_its_goods_is_that_company(d_ctx) -> None:
    """ "robotica" names goods, but the message names a catalog company and asks whether it
    is here."""
    ctx = d_ctx("es")
    reply = dialogue.respond(ctx, nlu("brenner y falk robotica tmb estan aca?", "exhibitor_info"))
    assert "4.1A-14" in reply.text and not shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities", "expected"),
    [
        # The buyer's own business (coffee shops, tyre dealers) is no part of the request.
        ("de", "Guten Tag, wir betreiben zwölf Kaffeehäuser in Hangzhou. Für den Umbau suchen "
         "wir Dachziegel aus Keramik. Vielen Dank!", {"product": "Kaffeehäuser"}, {"D01"}),
        ("fr", "Bonjour, nous vendons des pneus de camion à Wuhan. Nous recherchons des "
         "perceuses sans fil pour nos ateliers. Merci d'avance.", {"product": "pneus"}, {"D02"}),
    ],
)  # fmt: skip
def test_a_letters_request_is_the_sentence_that_asks_for_goods(
    d_ctx, locale: str, text: str, entities: dict, expected: set[str]
) -> None:
    ctx = d_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


def test_products_read_as_a_lingang_question_without_its_words_are_a_search(d_ctx) -> None:
    ctx = d_ctx("ru")
    asked = nlu("Шуруповерты — нужен производитель, объёмы контейнерные.", "lingang_faq")
    reply = dialogue.respond(ctx, replace(asked, topic="key_industries", topic_confidence=0.94))
    assert shown_exhibitors(ctx, reply) == {"D02"}, reply.text


def test_a_lingang_question_naming_products_stays_one(d_ctx) -> None:
    ctx = d_ctx("ru")
    asked = nlu("Какие налоговые льготы для производителей шуруповертов?", "lingang_faq")
    reply = dialogue.respond(ctx, replace(asked, topic="tax", topic_confidence=0.99))
    assert not shown_exhibitors(ctx, reply)
    assert ctx.state.results is None, reply.text


def test_of_companies_sharing_a_name_the_one_selling_what_is_named_is_meant(d_ctx) -> None:
    ctx = d_ctx("es")
    text = "Me gustaría reunirme con Sakura, los del sake, mañana"
    dialogue.respond(ctx, nlu(text, "book_meeting", company="Sakura", date="mañana"))
    assert ctx.state.form is not None and ctx.state.form.exhibitor == "D04"


@pytest.mark.parametrize(
    ("text", "company", "expected"),
    [
        # The model tagged a part; with the catalog name beside it, another order of it.
        ("¿Podrían indicarme el stand de Conservas Sol y Mar?", "Conservas Sol", "D06"),
        # A name ends with its sentence: "Ando" is the next one's first word.
        ("Pana, ¿dónde está Siam Rubber? Ando buscando cauchos pa' camiones.", "Siam Rubber",
         "D07"),
        # A Chinese name in English translation: 金龙 Jinlong is "Golden Dragon".
        ("¿Me pasas el mail de Golden Dragon? La de electrónica para autos.", "Golden Dragon",
         "D08"),
    ],
)  # fmt: skip
def test_a_name_written_otherwise_shows_its_company(
    d_ctx, text: str, company: str, expected: str
) -> None:
    ctx = d_ctx("es")
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", company=company))
    assert ctx.state.focused("exhibitor") == expected, reply.text


def test_a_country_that_leaves_no_exhibitor_widens_the_search_and_says_so(d_ctx) -> None:
    ctx = d_ctx("en")
    reply = dialogue.respond(
        ctx,
        nlu("roof tiles from Norway", "search_exhibitors", product="roof tiles", country="Norway"),
    )
    assert reply.text.startswith("No exhibitors found for"), reply.text
    assert shown_exhibitors(ctx, reply) == {"D01"}
    assert ctx.state.results is not None and not ctx.state.results.query.get("country")
