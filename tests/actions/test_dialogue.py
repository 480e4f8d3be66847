"""Which action a message goes to when the model's intent does not fit what it says: a
message that is only products is a search, whatever intent the model gave it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from actions import search_exhibitors as search
from bot.app import Container
from tests.actions import search_eval
from tests.actions.conftest import container_with, contexts_over, nlu


def shown_exhibitors(ctx, reply) -> set[str]:
    """The exhibitors a reply's buttons open."""
    return {
        args[0]
        for row in reply.buttons
        for b in row
        if b.data
        for verb, args in [ctx.codec.decode(b.data)]
        if verb == "ex"
    }


def assert_not_found(ctx, reply, name: str) -> None:
    """The reply says the catalog has no exhibitor of this name."""
    missing = ctx._("I couldn’t find an exhibitor called “{name}”.").format(name=name)
    assert reply.text.startswith(missing), reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "expected"),
    [
        # Products the model did not recognise pulled the intent off a search.
        ("ja", "冷凍ドリアン", "out_of_scope", {}, {"C13"}),
        ("de", "Bier aus Tschechien", "goodbye", {}, {"C10"}),
        ("zh", "工业机器人", "greet", {"product": "工业机器人"}, {"C17"}),
        ("fr", "vin de glace", "out_of_scope", {"product": "vin"}, {"C01", "C02"}),
        ("en", "tequila", "nlu_fallback", {}, {"C18"}),
        # A product in no category of the taxonomy, but in the catalog's product lists.
        ("fr", "croissants", "out_of_scope", {}, {"C09"}),
        # ... or in a profile, when the model did not understand the message at all.
        ("en", "brewing systems", "nlu_fallback", {}, {"C19"}),
        # A country and a product word tagged as companies the catalog does not have.
        ("zh", "匈牙利贵腐酒", "out_of_scope", {"company": ["匈牙利", "酒"]}, {"C14"}),
        # A product read as "start over" ("bornes de recharge"), or as "more" with no list.
        ("de", "Industrieroboter", "start_over", {}, {"C17"}),
        ("en", "Schweißroboter", "more_results", {}, {"C17"}),
        # A form's answer with no form open, a language request naming no language.
        ("fr", "croissants", "inform", {}, {"C09"}),
        ("de", "Industrieroboter", "set_language", {}, {"C17"}),
        # Red wine in any language's words or grapes: vino tinto, Cabernet Franc (ice wine).
        ("fr", "vins rouges", "search_exhibitors", {"product": "vins rouges"}, {"C01", "C03"}),
        # One kind in another language's words: Hefeweißbier is a wheat beer.
        ("de", "Weizenbier", "search_exhibitors", {"product": "Weizenbier"}, {"C11"}),
        # German typed without umlauts, the product read as narrowing a list none shows.
        ("de", "Hoergeraete", "nlu_fallback", {}, {"C15"}),
        (
            "de",
            "Industrieroboter und Schweissroboter",
            "refine",
            {"time": "Schweissroboter"},
            {"C17"},
        ),
        # A country alone, read as not understood or as a "no".
        ("fr", "Hongrie", "nlu_fallback", {}, {"C14"}),
        ("ja", "ハンガリー", "deny", {}, {"C14"}),
        # Products read as starting over, with no word of starting over.
        ("de", "Schweißroboter für Autofabriken", "start_over", {}, {"C17"}),
        # Products in a list, not a company's name.
        ("de", "Importeur sucht: Tequila, Whisky oder Rum", "exhibitor_info", {}, {"C18"}),
        # A product described by what it does, read as one's own meetings.
        ("de", "ein Gerät für Leute, die schlecht hören", "my_meetings", {}, {"C15"}),
        ("de", "Geräte, mit denen Leute besser hören", "cancel_meeting", {}, {"C15"}),
        # A country's pavilion is its exhibitors.
        ("fr", "Qu'est-ce qu'on trouve au pavillon de la Hongrie ?", "exhibitor_info", {}, {"C14"}),
        ("ja", "ハンガリー館の出展内容を教えてください", "exhibitor_info", {}, {"C14"}),
        ("de", "Was gibt es im tschechischen Pavillon?", "search_exhibitors", {}, {"C10"}),
        # Japanese framing around the product: who exports it, and "but from Germany".
        ("ja", "冷凍ドリアンを輸出している会社は？", "search_exhibitors", {}, {"C13"}),
        ("ja", "ドイツ産以外のビール", "search_exhibitors", {"country": "ドイツ"}, {"C10"}),
        # A product described by what it does, a word of it tagged as a company.
        (
            "de",
            "Geräte, mit denen Leute besser hören",
            "exhibitor_info",
            {"company": "Leute"},
            {"C15"},
        ),
        # An abbreviation tagged as a company.
        (
            "de",
            "Industrieroboter, z.B. Schweißroboter",
            "exhibitor_info",
            {"company": "z.B"},
            {"C17"},
        ),
    ],
)
def test_a_message_that_is_only_products_is_a_search(
    c_ctx, locale: str, text: str, intent: str, entities: dict, expected: set[str]
) -> None:
    ctx = c_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    shown = shown_exhibitors(ctx, reply)
    assert shown == expected, reply.text
    assert ctx.state.results is not None


def test_small_talk_and_language_questions_stay_what_they_are(c_ctx) -> None:
    ctx = c_ctx("en")
    assert "exhibitor" not in dialogue.respond(ctx, nlu("hello", "greet")).text.lower()
    assert ctx.state.results is None
    reply = dialogue.respond(ctx, nlu("thanks, bye", "goodbye"))
    assert ctx.state.results is None, reply.text
    # "how" is in a profile ("know-how"), but small talk counts product words only.
    reply = dialogue.respond(ctx, nlu("how are you", "greet"))
    assert ctx.state.results is None, reply.text


def test_a_where_question_about_a_catalog_company_read_as_help_is_about_it(c_ctx) -> None:
    ctx = c_ctx("es")
    text = "¿Me puedes decir dónde está Rioja Alta?"
    reply = dialogue.respond(ctx, nlu(text, "help", company="Rioja Alta"))
    assert "8.2C-03" in reply.text, reply.text
    # Help without a where-question stays help.
    reply = dialogue.respond(c_ctx("es"), nlu("ayuda", "help"))
    assert "8.2C-03" not in reply.text


def test_a_where_question_read_as_a_meeting_request_shows_the_company(c_ctx) -> None:
    text = "¿Dónde puedo encontrar a los de Rioja Alta?"
    reply = dialogue.respond(c_ctx("es"), nlu(text, "book_meeting", company="Rioja Alta"))
    assert "8.2C-03" in reply.text, reply.text
    # With a day it is a meeting request, where-word or not.
    text = "¿Dónde nos vemos con Rioja Alta mañana?"
    reply = dialogue.respond(
        c_ctx("es"), nlu(text, "book_meeting", company="Rioja Alta", date="mañana")
    )
    assert "8.2C-03" not in reply.text, reply.text


def test_a_catalog_company_read_as_starting_over_is_looked_up(c_ctx) -> None:
    reply = dialogue.respond(c_ctx("es"), nlu("Quiero ver Rioja Alta", "start_over"))
    assert "8.2C-03" in reply.text, reply.text
    reply = dialogue.respond(c_ctx("es"), nlu("empezar de nuevo", "start_over"))
    assert "8.2C-03" not in reply.text, reply.text


def test_an_unknown_company_with_a_product_word_in_its_name_is_not_a_search(c_ctx) -> None:
    """ "Vinos del Sol" is a company the catalog does not have, not a search for wine."""
    ctx = c_ctx("es")
    text = "¿Me das el contacto de Vinos del Sol?"
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", product="Vinos"))
    assert_not_found(ctx, reply, "Vinos del Sol")
    # Products and a nationality written with capitals are still a search.
    ctx = c_ctx("es")
    reply = dialogue.respond(ctx, nlu("¿Dónde están los Vinos Tintos?", "exhibitor_info"))
    assert ctx.state.results is not None, reply.text


def test_words_and_a_legal_form_before_a_where_question_are_a_company(c_ctx) -> None:
    """ "华顺葡萄酒进口公司在哪个馆？" with only 葡萄酒 tagged: a company the catalog lacks."""
    ctx = c_ctx("zh")
    text = "华顺葡萄酒进口公司在哪个馆？"
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", product="葡萄酒"))
    assert_not_found(ctx, reply, "华顺葡萄酒进口公司")


@pytest.mark.parametrize(
    ("text", "intent", "name"),
    [
        ("tenes el stand de estancia el ombu?", "exhibitor_info", "estancia el ombu"),
        ("donde esta hoshikawa denki", "nlu_fallback", "hoshikawa denki"),
        ("alimentos dona chela q stand", "exhibitor_info", "alimentos dona chela"),
    ],
)
def test_a_name_in_lower_case_by_a_booth_cue_is_a_company_the_catalog_lacks(
    c_ctx, text: str, intent: str, name: str
) -> None:
    ctx = c_ctx("es")
    reply = dialogue.respond(ctx, nlu(text, intent))
    assert_not_found(ctx, reply, name)


def test_a_booth_cue_with_no_name_asks_which_company(c_ctx) -> None:
    ctx = c_ctx("es")
    reply = dialogue.respond(ctx, nlu("donde esta el stand?", "exhibitor_info"))
    asked = ctx._("Which company? Tell me its name, e.g. “booth of Nordic Medtech”.")
    assert reply.text.startswith(asked), reply.text


def test_a_company_the_model_took_for_events_is_looked_up(c_ctx) -> None:
    """ "¿Está Viña Los Robles en la feria?" read as events: a company the catalog lacks."""
    ctx = c_ctx("es")
    text = "¿Está Viña Los Robles en la feria?"
    reply = dialogue.respond(ctx, nlu(text, "list_events", company="Viña Los Robles"))
    assert_not_found(ctx, reply, "Viña Los Robles")
    # With a city, events are what is asked for.
    ctx = c_ctx("es")
    reply = dialogue.respond(
        ctx,
        nlu(
            "eventos de Viña Los Robles en Hangzhou",
            "list_events",
            company="Viña Los Robles",
            city="Hangzhou",
        ),
    )
    missing = ctx._("I couldn’t find an exhibitor called “{name}”.").format(name="Viña Los Robles")
    assert not reply.text.startswith(missing), reply.text


def test_a_category_inside_a_company_name_is_a_search(c_ctx) -> None:
    """ "工业机器人" is industrial robots, though a company's Chinese name may contain it."""
    ctx = c_ctx("zh")
    reply = dialogue.respond(ctx, nlu("工业机器人", "search_exhibitors", product="工业机器人"))
    assert ctx.state.results is not None, reply.text
    assert "4.1C-20" not in reply.text


def test_a_search_that_finds_nothing_but_names_one_company_shows_it(c_ctx) -> None:
    """ "busco a hartmann" read as a search: no product, one company's name."""
    ctx = c_ctx("es")
    text = "busco a hartmann"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="hartmann"))
    assert "8.2C-02" in reply.text, reply.text


def test_a_numbered_item_is_a_list_position_even_tagged_as_a_date(c_ctx) -> None:
    """ "покажи подробности номера 3" with "3" tagged as a date shows the third one."""
    ctx = c_ctx("ru")
    listed = dialogue.respond(ctx, nlu("вино", "search_exhibitors", product="вино"))
    assert ctx.state.results is not None, listed.text
    third = ctx.state.results.pick(3)
    reply = dialogue.respond(ctx, nlu("покажи подробности номера 3", "nlu_fallback", date="3"))
    assert third is not None and ctx.state.focused("exhibitor") == third, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities", "expected"),
    [
        ("de", "Lebensmittel aus Tschechien", {"product": "Lebensmittel"}, {"C10"}),
        ("en", "food from Norway", {"product": "food", "country": "Norway"}, {"C16"}),
    ],
)
def test_an_area_named_as_a_product_filters_by_area(
    c_ctx, locale: str, text: str, entities: dict, expected: set[str]
) -> None:
    """ "Lebensmittel aus Tschechien": the food area's exhibitors from there."""
    ctx = c_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    shown = shown_exhibitors(ctx, reply)
    assert shown == expected, reply.text


def test_an_area_word_with_more_said_of_it_is_no_area_filter(c_ctx) -> None:
    """ "tiefgefrorene Lebensmittel" asks for more than the food area: its frozen food."""
    ctx = c_ctx("de")
    text = "Wer bietet tiefgefrorene Lebensmittel an?"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="Lebensmittel"))
    assert ctx.state.results is not None, reply.text
    query = ctx.state.results.query
    assert "frozen" in query.get("attributes", ()) or "frozen_food" in query.get("categories", ())
    assert shown_exhibitors(ctx, reply) == {"C08", "C09", "C13"}, reply.text


# --- a message that is only a company's name --------------------------------------------
CATALOG_NAMES = search_eval.HEADER + "".join(
    f"{row}\n"
    for row in (
        "S01,Conservas Goitia e Hijos S.A.,,ES,food,1.1,1.1A-06,bonito del norte en aceite de oliva,,,es,,",
        '"S02","Café de Altura de Chiapas, Sociedad Cooperativa de R.L.",,MX,food,1.2,1.2A-04,café verde arábica,,,es,,',
        "S03,Café de Altura Tarrazú S.A.,,CR,food,1.2,1.2B-11,café tostado en grano,,,es,,",
        "S04,Hermanos Villaseñor Aguacates S.A. de C.V.,,MX,food,1.2,1.2A-02,aguacate Hass,,,es,,",
        "S05,Laboratorios Farmacéuticos Andinos S.A.,,PE,medical,6.1,6.1A-05,genéricos,,,es,,",
        "S06,Laboratorios Farmacéuticos Ibéricos S.A.,,ES,medical,6.1,6.1A-06,antibióticos,,,es,,",
        "S07,Jouets Bois & Malice SARL,,FR,consumer,4.1,4.1A-07,jouets en bois;puzzles,,,fr,,",
        "S08,Lofoten Sjømat AS,,NO,food,1.1,1.1B-15,fresh Atlantic salmon;klippfisk,,,no,,",
        "S09,Aceitunas La Andaluza S.L.,,ES,food,1.1,1.1A-09,aceitunas manzanilla,,,es,,",
        "S10,Bodegas San Román S.L.,,ES,food,1.1,1.1A-10,vino tinto de Toro,,,es,,",
        '"S11","Dahye Cosmetic Co., Ltd.",,KR,consumer,4.1,4.1A-12,시카 진정 앰플;수분 크림,,,ko,,',
        "S12,Frutas de Chile Exportadora S.A.,,CL,food,1.2,1.2A-11,cerezas frescas;uva de mesa,,,es,,",
        "S13,Hanbit Beauty,,KR,consumer,4.1,4.1A-13,sheet masks;cosmetics,,,ko,,",
        "S14,Cacao & Café du Moungo SA,,CM,food,1.2,1.2M-27,fèves de cacao;café arabica,,,fr,,",
        "S15,Jongga Foods,,KR,food,1.1,1.1K-01,배추김치;포기김치,,,ko,,",
        "S16,Grupo Industrial Valle de Anáhuac S.A. de C.V.,,MX,auto,7.1,7.1A-02,monoblocks,,,es,,",
        "S17,Präzision Jura AG,,CH,equipment,4.1,4.1A-04,CNC-Werkzeugmaschinen;Drehmaschinen,,,de,,",
    )
)


@pytest.fixture
async def names_catalog(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_NAMES) as container:
        yield container


@pytest.fixture
def names_ctx(names_catalog: Container) -> Iterator:
    with contexts_over(names_catalog, 702) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "booth"),
    [
        ("es", "conservas goitia", "nlu_fallback", {}, "1.1A-06"),
        ("es", "Lofoten Sjomat", "inform", {"company": "Lofoten Sjomat"}, "1.1B-15"),
        ("es", "info de Café de Altura de Chiapas", "nlu_fallback", {"product": "café"}, "1.2A-04"),
        # The country the message names tells the two Café de Altura apart.
        (
            "es",
            "¿En qué pabellón está Café de Altura de Costa Rica?",
            "exhibitor_info",
            {"company": "Costa Rica"},
            "1.2B-11",
        ),
        # Spanish's "a" before a company; a where-question with the name in lower case.
        ("es", "busco a aceitunas la andaluza", "search_exhibitors", {}, "1.1A-09"),
        ("es", "bodegas san roman donde esta", "exhibitor_info", {}, "1.1A-10"),
        # A noun for a company before one; a company the model took for events.
        ("es", "la marca Jongga", "inform", {}, "1.1K-01"),
        (
            "fr",
            "la société Präzision Jura",
            "search_exhibitors",
            {"company": "Präzision Jura"},
            "4.1A-04",
        ),
        ("de", "die Firma Hanbit Beauty", "nlu_fallback", {}, "4.1A-13"),
        (
            "es",
            "¿Qué fabrican los de Dahye Cosmetic?",
            "list_events",
            {"company": "Dahye Cosmetic"},
            "4.1A-12",
        ),
        # A company and products of its own; a where-question about a name with a country.
        (
            "es",
            "info de Dahye Cosméticos",
            "search_exhibitors",
            {"company": "Dahye", "product": "Cosméticos"},
            "4.1A-12",
        ),
        ("es", "¿Dónde está Frutas de Chile?", "refine", {"country": "Chile"}, "1.2A-11"),
        # The model tagged a part of the name; the name goes on to the catalog's.
        (
            "es",
            "¿viene Grupo Industrial Valle de Anáhuac este año?",
            "exhibitor_info",
            {"company": "Grupo Industrial Valle"},
            "7.1A-02",
        ),
        (
            "es",
            "¿Dónde está el stand de Aguacates Villaseñor?",
            "exhibitor_info",
            {"company": "Aguacates Villaseñor"},
            "1.2A-02",
        ),
    ],
)
def test_a_company_named_alone_or_in_other_words_shows_its_card(
    names_ctx, locale: str, text: str, intent: str, entities: dict, booth: str
) -> None:
    reply = dialogue.respond(names_ctx(locale), nlu(text, intent, **entities))
    assert booth in reply.text and not shown_exhibitors(names_ctx(locale), reply), reply.text


@pytest.mark.parametrize(
    ("text", "intent", "companies"),
    [
        # A name the model split in two, sharing words with a catalog name.
        (
            "¿Me pasas el contacto de Bodegas del Norte S.A.?",
            "exhibitor_info",
            ["Bodegas del", "Norte S.A"],
        ),
        # A name the model split around a linking word.
        (
            "¿Me pasas el contacto de Bodegas del Norte S.A.?",
            "exhibitor_info",
            ["Bodegas", "Norte S.A"],
        ),
        # The model tagged a part of a catalog name, the name goes on to another company.
        (
            "¿viene Grupo Industrial Monterrey Norte este año?",
            "exhibitor_info",
            ["Grupo Industrial"],
        ),
        # A search for a name written as one, that finds nothing.
        (
            "Je cherche la Fromagerie Beaulieu-Sainte-Marie",
            "search_exhibitors",
            ["Fromagerie Beaulieu-Sainte-Marie"],
        ),
        # A company named in what the model took for narrowing a list.
        ("je cherche la société Huilerie Lambert et Fils", "refine", ["Huilerie Lambert"]),
        # Words and a legal form: a company the catalog does not have.
        ("Vinos de Salta S.R.L.", "inform", ["Vinos", "Salta S.R.L"]),
        # A name the model split at its legal form, close to two names letter for letter.
        (
            "quiero reunirme con Laboratorios Farmacéuticos Mexicanos S.A. de C.V.",
            "book_meeting",
            ["Laboratorios Farmacéuticos Mexicanos S.A", "de C.V"],
        ),
    ],
)
def test_a_company_the_catalog_does_not_have_is_said_so(
    names_ctx, text: str, intent: str, companies: list[str]
) -> None:
    ctx = names_ctx("es")
    reply = dialogue.respond(ctx, nlu(text, intent, company=companies))
    said = ctx._("I couldn’t find an exhibitor called “{name}”.").split("{name}")[0]
    assert reply.text.startswith(said), reply.text


def test_an_exhibition_areas_word_alone_lists_the_area(names_ctx) -> None:
    ctx = names_ctx("fr")
    reply = dialogue.respond(ctx, nlu("agroalimentaire", "inform"))
    food = {"S01", "S02", "S03", "S04", "S08", "S09", "S10", "S12", "S14", "S15"}
    assert shown_exhibitors(ctx, reply) <= food and shown_exhibitors(ctx, reply), reply.text


def test_products_that_share_words_with_a_name_are_a_search(names_ctx) -> None:
    ctx = names_ctx("fr")
    reply = dialogue.respond(ctx, nlu("jouets en bois", "out_of_scope"))
    assert shown_exhibitors(ctx, reply) == {"S07"}, reply.text  # a list, not the card
    ctx = names_ctx("es")
    reply = dialogue.respond(
        ctx, nlu("cosméticos de Corea", "search_exhibitors", product="cosméticos", country="Corea")
    )
    assert shown_exhibitors(ctx, reply) == {"S11", "S13"}, reply.text
    # A product the model took into a country's name; an exporter asked for in Korean.
    ctx = names_ctx("zh")
    reply = dialogue.respond(ctx, nlu("韩国泡菜", "search_exhibitors", country="韩国泡菜"))
    assert shown_exhibitors(ctx, reply) == {"S15"}, reply.text
    ctx = names_ctx("ko")
    reply = dialogue.respond(ctx, nlu("한국 김치 수출 업체", "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == {"S15"}, reply.text
    # Products with a word the model tagged as a company the catalog does not have.
    ctx = names_ctx("ru")
    reply = dialogue.respond(ctx, nlu("станки с ЧПУ", "nlu_fallback", company="ЧПУ"))
    assert shown_exhibitors(ctx, reply) == {"S17"}, reply.text
    # German writes every noun with a capital: products that find nothing are no name.
    ctx = names_ctx("de")
    text = "Gibt es Aussteller für Reha-Hilfsmittel?"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors"))
    assert not reply.text.startswith(ctx._("I couldn’t find an exhibitor called “{name}”.")[:12])
    # A product's name that is a part of a company's, tagged as the company.
    ctx = names_ctx("fr")
    reply = dialogue.respond(ctx, nlu("fèves de cacao", "nlu_fallback", company="cacao"))
    assert shown_exhibitors(ctx, reply) == {"S14"}, reply.text
    ctx = names_ctx("es")
    text = "busco a proveedores de aceitunas"  # "a" before people, not a company
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="aceitunas"))
    assert shown_exhibitors(ctx, reply) == {"S09"}, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "expected"),
    [
        # A Lingang question with no topic, alerts with no city, a meeting with no company:
        # products with words that say which are what is asked for.
        ("ru", "Ледяное вино — нужен поставщик, объёмы контейнерные", "lingang_faq", {"C01"}),
        ("ru", "Промышленные роботы немецкого производства", "subscribe_alerts", {"C17"}),
        ("es", "tequila reposado, mayoreo", "book_meeting", {"C18"}),
        ("ru", "Сварочные роботы, объёмы оптовые", "out_of_scope", {"C17"}),
        ("es", "alguien vende tequila reposado?", "unsubscribe_alerts", {"C18"}),
        # Most of what is named is products; the rest is no qualifier.
        ("ru", "Сварочные роботы, промышленные роботы: каталог компании", "book_meeting", {"C17"}),
    ],
)
def test_products_read_as_another_intent_without_its_values_are_a_search(
    c_ctx, locale: str, text: str, intent: str, expected: set[str]
) -> None:
    ctx = c_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent))
    assert expected <= shown_exhibitors(ctx, reply), reply.text


def test_an_intent_with_its_own_values_keeps_them(c_ctx) -> None:
    ctx = c_ctx("en")
    reply = dialogue.respond(ctx, nlu("tequila events in Suzhou", "list_events", city="Suzhou"))
    assert not shown_exhibitors(ctx, reply), reply.text


def test_a_company_tagged_across_a_clause_is_the_part_before_it(c_ctx) -> None:
    ctx = c_ctx("es")
    text = "¿Tienen el contacto de Rioja Alta? Somos importadores en Lima."
    reply = dialogue.respond(
        ctx, nlu(text, "exhibitor_info", company="Rioja Alta? Somos importadores en Lima")
    )
    assert "8.2C-03" in reply.text, reply.text


def test_a_where_word_tagged_as_the_company_leaves_the_name_around_it(c_ctx) -> None:
    ctx = c_ctx("ru")
    reply = dialogue.respond(
        ctx, nlu("риоха альта где находятся", "exhibitor_info", company="находятся")
    )
    assert "находятся" not in reply.text, reply.text


def test_words_tagged_as_a_time_that_name_none_do_not_make_a_meeting(c_ctx) -> None:
    text = "Estimados: busco el stand de Rioja Alta, los del vino tinto y las avellanas."
    reply = dialogue.respond(
        c_ctx("es"), nlu(text, "book_meeting", company="Rioja Alta", time="las avellanas")
    )
    assert "8.2C-03" in reply.text, reply.text


def test_countries_joined_by_or_are_alternatives(c_ctx) -> None:
    ctx = c_ctx("es")
    text = "vino de hielo de Canadá o Alemania"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="vino de hielo"))
    assert shown_exhibitors(ctx, reply) == {"C01", "C02"}, reply.text
    assert "Canadá o Alemania" in reply.text
    # A country named apart, where the goods go, is no alternative.
    text = "vino de hielo de Canadá para importar a Alemania"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="vino de hielo"))
    assert shown_exhibitors(ctx, reply) == {"C01"}, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "expected"),
    [
        # The country goods come from is the filter, not where they go.
        ("es", "busco tequila de México para importar a Canadá", "search_exhibitors",
         {"product": "tequila", "country": "Canadá"}, {"C18"}),
        # Only what says which was tagged: the message's products are asked for.
        ("en", "suppliers of hearing aids (rechargeable or not)", "search_exhibitors",
         {"product": "rechargeable or not"}, {"C15"}),
        # A word tagged as a day that names none stays in the product.
        ("es", "tequila reposado 1:18 para coleccion", "out_of_scope",
         {"date": "reposado", "time": "1:18"}, {"C18"}),
    ],
)  # fmt: skip
def test_what_the_message_asks_for_whatever_the_model_tagged(
    c_ctx, locale: str, text: str, intent: str, entities: dict, expected: set[str]
) -> None:
    ctx = c_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


def test_a_region_of_a_continent_filters_by_its_countries(c_ctx) -> None:
    ctx = c_ctx("ru")
    reply = dialogue.respond(ctx, nlu("производители из Азии", "search_exhibitors"))
    shown = shown_exhibitors(ctx, reply)
    assert {"C06", "C12", "C13", "C20"} <= shown and "C17" not in shown, reply.text


def test_a_catalog_company_read_as_alerts_with_no_city_is_looked_up(c_ctx) -> None:
    text = "rioja alta vino tinto"
    reply = dialogue.respond(c_ctx("es"), nlu(text, "subscribe_alerts", company="rioja alta"))
    assert "8.2C-03" in reply.text, reply.text


def test_a_whole_catalog_name_in_lower_case_by_a_where_cue_is_looked_up(c_ctx) -> None:
    reply = dialogue.respond(c_ctx("es"), nlu("rioja alta en q hall estan", "out_of_scope"))
    assert "8.2C-03" in reply.text, reply.text


def test_the_catalog_company_after_meet_with_is_whom_to_meet(c_ctx) -> None:
    ctx = c_ctx("es")
    text = "me podes armar una reunion con rioja alta?"
    reply = dialogue.respond(ctx, nlu(text, "book_meeting", date="rioja"))
    assert ctx.state.form is not None and ctx.state.form.exhibitor == "C03", reply.text


def test_a_lower_case_catalog_name_with_its_own_products_is_that_company(c_ctx) -> None:
    text = "los de rioja alta, el vino tinto"
    reply = dialogue.respond(c_ctx("es"), nlu(text, "search_exhibitors", product="vino tinto"))
    assert "8.2C-03" in reply.text, reply.text
    assert not shown_exhibitors(c_ctx("es"), reply), reply.text


def test_a_latin_name_in_a_cjk_sentence_is_a_company_asked_about(c_ctx) -> None:
    ctx = c_ctx("zh")
    text = "维也纳那家咖啡机厂 Kaffeetechnik Donau 有来参展吗"
    result = nlu(text, "search_exhibitors", product="咖啡机", company="Kaffeetechnik Donau")
    assert_not_found(ctx, dialogue.respond(ctx, result), "Kaffeetechnik Donau")
    # Latin words right before a product say which product it is.
    ctx = c_ctx("zh")
    result = nlu(
        "我想找 Premium Freeze-Dried 榴莲",
        "search_exhibitors",
        company="Premium Freeze-Dried",
        product="榴莲",
    )
    reply = dialogue.respond(ctx, result)
    assert ctx.state.results is not None, reply.text


def test_a_capitalised_name_after_a_word_for_a_company_is_asked_about(c_ctx) -> None:
    # The catalog lacks it, and the model read the message as out of scope.
    ctx = c_ctx("fr")
    text = "Est-ce que la société Huiles Berthier participe au salon ?"
    assert_not_found(ctx, dialogue.respond(ctx, nlu(text, "out_of_scope")), "Huiles Berthier")
    ctx = c_ctx("fr")
    reply = dialogue.respond(ctx, nlu("je cherche la société qui vend du vin", "out_of_scope"))
    assert ctx.state.results is not None, reply.text


def test_a_catalog_company_read_as_a_forms_answer_is_asked_about(c_ctx) -> None:
    ctx = c_ctx("de")
    text = "Was verkauft eigentlich Rosenheim Brauhaus?"
    reply = dialogue.respond(ctx, nlu(text, "inform", company="Rosenheim Brauhaus"))
    assert "Hefeweißbier" in reply.text, reply.text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("fr", "des vins, exposants qui parlent allemand"),
        ("de", "Wein von deutschsprachigen Ausstellern"),
        ("ja", "ドイツ語が通じるワインの出展者"),
        ("zh", "会说德语的葡萄酒展商"),
        ("en", "wine exhibitors who speak German"),
    ],
)
def test_a_language_the_staff_speak_keeps_those_exhibitors(c_ctx, locale, text) -> None:
    ctx = c_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == {"C02"}, reply.text
    query = search.query_from_state(ctx.state.results.query)
    assert query.speaks == "de" and query.country is None


def test_a_nationality_beside_a_product_is_still_its_origin(c_ctx) -> None:
    ctx = c_ctx("fr")
    result = nlu("vins allemands", "search_exhibitors")
    assert search.build_query(ctx, result).speaks is None


def test_the_staff_language_is_kept_on_the_next_page_button(c_ctx) -> None:
    ctx = c_ctx("en")
    query = search.build_query(ctx, nlu("exhibitors who speak German", "search_exhibitors"))
    assert query.speaks == "de"
    button = search._query_button(ctx, "next", query, 1)
    _, args = ctx.codec.decode(button.data)
    assert search._decode(args) == (query, 1)
    # A button made before, without it, and one naming no language we know.
    assert search._decode(args[:9])[0].speaks is None
    assert search._decode((*args[:9], "xx"))[0].speaks is None


@pytest.mark.parametrize(
    ("locale", "text", "intent", "name"),
    [
        ("zh", "请问圣安娜橄榄油坊今年来了吗？", "out_of_scope", "圣安娜橄榄油坊"),
        ("zh", "请问 Pacific Gold Kiwifruit 有参展吗？", "search_exhibitors", "Pacific Gold Kiwifruit"),
        ("fr", "La fromagerie Dufour est-elle présente ?", "exhibitor_info", "fromagerie Dufour"),
        ("de", "Hat die Schokoladenfabrik Lindenberg einen Stand?", "exhibitor_info", "Schokoladenfabrik Lindenberg"),
        # Its name with a particle ("도": too) and read as asking for events.
        ("ko", "한빛가전도 이번 박람회에 나왔나요?", "list_events", "한빛가전"),
    ],
)  # fmt: skip
def test_whether_a_company_is_here_asks_about_that_company(c_ctx, locale, text, intent, name):
    ctx = c_ctx(locale)
    assert_not_found(ctx, dialogue.respond(ctx, nlu(text, intent)), name)


def test_whether_a_catalog_company_is_here_shows_it_and_products_stay_a_search(c_ctx) -> None:
    ctx = c_ctx("de")
    reply = dialogue.respond(ctx, nlu("Ist Rosenheim Brauhaus auch hier?", "search_exhibitors"))
    assert "Hefeweißbier" in reply.text, reply.text
    # Tagged, with a word of time the model read as asking for events.
    ctx = c_ctx("ko")
    text = "Rosenheim Brauhaus도 이번 박람회에 나왔나요?"
    reply = dialogue.respond(
        ctx, nlu(text, "list_events", company="Rosenheim Brauhaus", date="이번")
    )
    assert "Hefeweißbier" in reply.text, reply.text
    ctx = c_ctx("de")
    result = nlu("Gibt es hier Weizenbier?", "search_exhibitors", product="Weizenbier")
    assert shown_exhibitors(ctx, dialogue.respond(ctx, result)) == {"C11"}


def test_whether_makers_of_a_product_are_here_is_a_search(c_ctx) -> None:
    ctx = c_ctx("ja")
    reply = dialogue.respond(ctx, nlu("ビールの蔵元は出展していますか", "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == {"C10", "C11"}, reply.text


# --- names read around the words that ask about them --------------------------------------
CATALOG_HERE = search_eval.HEADER + "".join(
    f"{row}\n"
    for row in (
        "H01,Toyoshima Kikai Kogyo K.K.,丰岛机械工业,JP,equipment,3.1,3.1C-06,water-jet looms,,,ja,,",
        "H02,Savonnerie du Vieux Môle SARL,,FR,consumer,5.1,5.1A-23,savon de Marseille,,,fr,,",
        "H03,Drahtwerk Lindner GmbH,,DE,equipment,6.1,6.1A-14,Drahtseile;Drahtgewebe,,,de,,",
        "H04,Rheinauen Filtertechnik GmbH,,DE,equipment,4.1,4.1D-02,Schlauchfilteranlagen,,,de,,",
        "H05,Transports Bellec & Fils SAS,,FR,services,8.2,8.2B-03,transport frigorifique,,,fr,,",
        "H06,Armaturenwerk Kraus GmbH,,DE,equipment,6.2,6.2A-01,Kugelhähne;Absperrklappen,,,de,,",
        "H07,Wetterau Hopfenbau GmbH,,DE,food,1.1,1.1A-02,Aromahopfen,,,de,,",
        "H08,Hofmann Backwaren GmbH,,DE,food,1.1,1.1B-02,TK-Laugenbrezeln;Roggenmischbrot,,,de,,",
        "H09,Hofmann Sägen GmbH,,DE,equipment,6.1,6.1A-17,Bandsägeblätter;Kreissägeblätter,,,de,,",
        "H10,Präzisionstechnik Zürcher AG,,CH,equipment,6.1,6.1B-20,Koordinatenmessmaschinen,,,de,,",
        "H11,Dörr Porzellanmanufaktur GmbH,,DE,consumer,4.1,4.1A-14,Tafelservice;Kaffeebecher,,,de,,",
        "H12,Agroindustrias Inca del Sur S.A.C.,,PE,food,1.1,1.1A-05,Palta Hass;Arándanos,,,es,,",
        "H13,Bergmann Verpackungsmaschinen GmbH,,DE,equipment,4.1,4.1A-09,Schlauchbeutelmaschinen,,,de,,",
    )
)


@pytest.fixture
async def here_catalog(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_HERE) as container:
        yield container


@pytest.fixture
def here_ctx(here_catalog: Container) -> Iterator:
    with contexts_over(here_catalog, 703) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "booth"),
    [
        # Read as booking a meeting: no day, no word of meeting anyone.
        ("de", "Was genau bietet Rheinauen Filtertechnik an?", "book_meeting",
         {"company": "Rheinauen Filtertechnik"}, "4.1D-02"),
        ("de", "Ist das Drahtwerk Lindner aus Iserlohn auch hier?", "book_meeting",
         {"company": "Drahtwerk Lindner"}, "6.1A-14"),
        # The name ends its clause, before what is said of the company.
        ("fr", "Bellec, le transporteur frigo, il expose cette année ?", "exhibitor_info", {},
         "8.2B-03"),
        # Tagged with the verb that asks; tagged with the people it is said of.
        ("de", "Hat Rheinauen Filtertechnik einen Stand auf der Messe?", "exhibitor_info",
         {"company": "Hat Rheinauen Filtertechnik"}, "4.1D-02"),
        ("de", "Ich suche die Leute von Drahtwerk Lindner, wo ist deren Stand?", "exhibitor_info",
         {"company": "Leute von Drahtwerk Lindner"}, "6.1A-14"),
        # In lower case with what it sells: the one exhibitor the words name, where it is.
        ("de", "kraus kugelhähne halle?", "exhibitor_info", {}, "6.2A-01"),
        # The tag holds another word of the question; the catalog's word is beside it.
        ("de", "Wo finde ich Lindner, die mit den Seilrollen?", "exhibitor_info",
         {"company": "Seilrollen"}, "6.1A-14"),
        # A whole catalog name tagged inside the words before "dabei": the name is the tag.
        ("de", "Welche Filter hat die Rheinauen Filtertechnik dabei?", "exhibitor_info",
         {"product": "Filter", "company": "Rheinauen Filtertechnik"}, "4.1D-02"),
        # "Stellt … aus?", "… da?", "exposent-ils ?", "在吗": whether it is here.
        ("de", "Stellt Lindner aus Iserlohn dieses Jahr aus?", "exhibitor_info",
         {"product": "Jahr"}, "6.1A-14"),
        ("de", "Sind die Leute von Drahtwerk Lindner da? Ich bräuchte einen Ansprechpartner.",
         "book_meeting", {"company": "Drahtwerk Lindner da"}, "6.1A-14"),
        ("fr", "Les Transports Bellec exposent-ils ?", "search_exhibitors",
         {"company": "Transports Bellec"}, "8.2B-03"),
        ("zh", "丰岛机械工业在吗", "greet", {"company": "丰岛机械工业"}, "3.1C-06"),
        # Untagged, in a clause of its own: the words of a catalog name, in any order or
        # case; of two Hofmanns, the one selling what is said.
        ("de", "Zürcher Präzisionstechnik, welche Halle?", "exhibitor_info", {}, "6.1B-20"),
        # A word of the name cut short, as German shortens its compounds.
        ("de", "Zürcher Präzision, welche Halle?", "exhibitor_info", {}, "6.1B-20"),
        ("de", "Habt ihr die Kontaktdaten von Bergmann Verpackung?", "exhibitor_info",
         {"company": "Bergmann Verpackung"}, "4.1A-09"),
        ("es", "hola, los de inca del sur en que pabellon estan", "exhibitor_info", {},
         "1.1A-05"),
        ("de", "Hofmann, die mit den Brezeln – wo stehen die?", "exhibitor_info",
         {"product": "Brezeln"}, "1.1B-02"),
        # The "s" of a name that owns something.
        ("de", "Wo ist Dörrs Stand? Die mit dem Porzellan.", "exhibitor_info",
         {"company": "Dörrs", "product": "Porzellan"}, "4.1A-14"),
    ],
)  # fmt: skip
def test_a_company_asked_about_is_shown(here_ctx, locale, text, intent, entities, booth) -> None:
    ctx = here_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert booth in reply.text and len(reply.buttons) < 5, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "name"),
    [
        # It shares only the word of its trade with Savonnerie du Vieux Môle; read as help.
        ("fr", "Est-ce que la Savonnerie du Midi expose cette année ?", "help",
         {"company": "Savonnerie du"}, "Savonnerie du Midi"),
        # 丰岛 tagged; the trade words after it are another company's (丰岛机械工业 makes looms).
        ("zh", "丰岛精密电子在几号馆？", "exhibitor_info", {"company": "丰岛"}, "丰岛精密电子"),
        # Characters of its own before its trade, not tagged: a brewery the catalog lacks.
        ("zh", "施泰因霍夫啤酒厂的联系方式有没有", "exhibitor_info", {"product": "啤酒厂"},
         "施泰因霍夫啤酒厂"),
        ("zh", "青石农场今年有来吗", "out_of_scope", {}, "青石农场"),
        # In lower case, with a word of a catalog company's name (Wetterau Hopfenbau).
        ("de", "hat wetterau sportmode einen stand?", "exhibitor_info", {}, "wetterau sportmode"),
        # Characters naming no product and no place after the country they are from.
        ("zh", "请问新西兰恒天然在几号馆？", "exhibitor_info", {"country": "新西兰"}, "恒天然"),
        ("zh", "德国哈特曼医疗的展位在哪？", "exhibitor_info", {"country": "德国哈特曼医疗"},
         "哈特曼医疗"),
    ],
)  # fmt: skip
def test_a_company_the_catalog_lacks_is_not_another(here_ctx, locale, text, intent, entities, name):
    ctx = here_ctx(locale)
    assert_not_found(ctx, dialogue.respond(ctx, nlu(text, intent, **entities)), name)


def test_a_greeting_before_the_sentence_asking_whether_anyone_is_here_is_no_company(
    here_ctx,
) -> None:
    ctx = here_ctx("de")
    text = "Guten Tag, wir suchen Kugelhähne aus Edelstahl. Gibt es so etwas hier auf der Messe?"
    reply = dialogue.respond(ctx, nlu(text, "book_meeting"))
    assert "H06" in shown_exhibitors(ctx, reply), reply.text


def test_german_nouns_that_frame_a_request_are_no_company(here_ctx) -> None:
    ctx = here_ctx("de")
    text = "Suche Hersteller von Industriearmaturen, vor allem Kugelhähne und Absperrklappen"
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", product="Industriearmaturen"))
    assert "H06" in shown_exhibitors(ctx, reply), reply.text


def test_one_thing_from_a_country_in_words_no_list_has_is_a_search(here_ctx) -> None:
    ctx = here_ctx("de")
    reply = dialogue.respond(ctx, nlu("Pelletheizung aus Österreich", "nlu_fallback"))
    none = ctx._("No exhibitors found for {query}.").split("{")[0]
    assert reply.text.startswith(none) and "Österreich" in reply.text, reply.text


# --- amounts, packs and slips in a request ----------------------------------------------
CATALOG_AMOUNTS = search_eval.HEADER + "".join(
    f"{row}\n"
    for row in (
        "M01,Waikato Bee Co,,NZ,food,1.1,1.1A-01,Manuka honey UMF 15+;Clover honey,,,en,,",
        "M02,Kaffeerösterei Brandt,,DE,food,1.1,1.1A-02,Rohkaffee Arabica;Espresso-Bohnen,,,de,,",
        "M03,Maroquinerie Duval,,FR,consumer,4.1,4.1A-03,sacs à main en cuir;portefeuilles,,,fr,,",
        "M04,Alpenkosmetik,,AT,consumer,4.1,4.1A-04,Sonnencreme LSF 50;Après-Sun Lotion,,,de,,",
        "M07,Haarpflege Lindqvist,,SE,consumer,4.1,4.1A-07,Haarshampoo;Conditioner,,,sv,,",
        "M08,Frantoio Bio Umbro,,IT,food,1.1,1.1A-08,Olio extravergine di oliva biologico,,,it,,",
        "M09,Shanghai Lingo Services,,CN,services,8.1,8.1A-09,Dolmetscher;interprétation,,,zh,,",
        "M10,Traductions Lemaire,,FR,services,8.1,8.1A-10,interprètes;traduction,,,fr,,",
        "M11,Crispy Garden Foods,,TH,food,1.1,1.1A-11,Kartoffelchips;Snacks,,,en,,",
        "M12,Pack-Tec Maschinenbau,,DE,equipment,4.1,4.1A-12,Verpackungsmaschinen;Schlauchbeutelmaschinen,,,de,,",
        "M13,Montres Aubert SA,,CH,consumer,4.1,4.1A-13,Montres automatiques;chronographes,,,fr,,",
        "M14,Prairie Halal Meats,,CA,food,1.1,1.1A-14,Halal beef cuts;Halal lamb,,,en,,",
        "M15,Ranch Beef Exports,,US,food,1.1,1.1A-15,Beef striploin;Beef ribeye,,,en,,",
        "M16,Torrefazione Lago,,IT,food,1.1,1.1A-16,Caffè in grani;Espresso macinato,,,it,,",
        "M17,Brühtechnik Anders,,DE,equipment,4.1,4.1A-17,Kaffeemaschinen;Siebträgermaschinen,,,de,,",
        "M18,Muebles Valverde,,ES,consumer,4.1,4.1A-18,Muebles de madera maciza;sillas,,,es,,",
        "M19,Hotel Bund Riverside,,CN,services,8.1,8.1A-19,hotel;alojamiento,,,zh,,",
        "M05,Kühltrans Logistik,,DE,services,8.1,8.1A-05,Kühllogistik;Kühlkette,,,de,,",
        "M06,Confiserie Sprüngli-Haas,,CH,food,1.1,1.1A-06,Pralinés;Schokoladetafeln,,,de,,",
    )
)


@pytest.fixture
async def amounts_catalog(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_AMOUNTS) as container:
        yield container


@pytest.fixture
def amounts_ctx(amounts_catalog: Container) -> Iterator:
    with contexts_over(amounts_catalog, 704) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "expected"),
    [
        # A pack before its size is no product ("sacs" of leather goods).
        ("fr", "café vert arabica, sacs de 60/70 kg", "exhibitor_info",
         {"product": ["café", "sacs"]}, {"M02"}),
        # Where the goods go is neither their origin nor a product.
        ("de", "Kühlkette Logistik nach China", "out_of_scope", {}, {"M05"}),
        # Products the model took for a company: one typed with a slip, with its grade.
        ("de", "Manuka Honnig UMF 20+", "out_of_scope", {"company": "Manuka Honnig UMF 20"},
         {"M01"}),
        ("de", "Wo finde ich Pralinés und Schokolade?", "exhibitor_info",
         {"company": "Pralinés und Schokolade"}, {"M06"}),
        # One of two products tagged, the other typed with a slip.
        ("de", "Sonnencrem und Schampoo", "refine", {"product": "Schampoo"}, {"M04", "M07"}),
        # "products" and a property say no more of an area's word: the area, organic.
        ("fr", "produits alimentaires bio", "exhibitor_info",
         {"product": ["produits", "alimentaires bio"]}, {"M08"}),
        # Who the buyer is, before what they look for in the same sentence, typed with a slip.
        ("de", "Hallo, wir sind ein Snackhersteller aus Suzhou und suchen Verpackungsmaschienen. "
         "Wer stellt sowas aus?", "exhibitor_info", {"product": "Verpackungsmaschienen"}, {"M12"}),
        ("en", "We are a snack maker and we are looking for packaging machines", "book_meeting",
         {"product": ["snack", "packaging machines"]}, {"M12"}),
        # A word that frames a request tagged as a company ("브랜드", brands) is none.
        ("ko", "스위스 시계 브랜드 왔나요", "search_exhibitors",
         {"country": "스위스", "company": "브랜드"}, {"M13"}),
        # What the goods are for, after an article or a verb, is not more goods.
        ("de", "Kaffeemaschinen für ein Café", "search_exhibitors",
         {"product": ["Kaffeemaschinen", "Café"]}, {"M17"}),
        ("es", "busco muebles para equipar un hotel", "search_exhibitors",
         {"product": ["muebles", "hotel"]}, {"M18"}),
        # A property tagged as a company is what the goods must be.
        ("zh", "清真认证的牛肉有哪些展商", "search_exhibitors", {"company": "清真认证"}, {"M14"}),
        # Two languages joined are an interpreter's, no origin.
        ("fr", "on a besoin d'un interprète français-chinois pour le salon", "set_language",
         {"language": "français-chinois"}, {"M09", "M10"}),
    ],
)  # fmt: skip
def test_amounts_packs_and_slips_leave_the_products(
    amounts_ctx, locale, text, intent, entities, expected
) -> None:
    ctx = amounts_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "named"),
    [
        ("es", "Oye, Bodegas Lumbreras está en la feria?", "exhibitor_info",
         {"company": "Bodegas Lumbreras"}, "Bodegas Lumbreras"),
        ("ru", "Подскажите, СибАгроТрейд есть на выставке?", "help", {}, "СибАгроТрейд"),
    ],
)  # fmt: skip
def test_words_to_the_listener_before_a_name_are_not_it(
    here_ctx, locale, text, intent, entities, named
) -> None:
    ctx = here_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert named in reply.text and text.split(",")[0] not in reply.text, reply.text
