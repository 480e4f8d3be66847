"""What stands around a company's name, and what only looks like one: words that ask or
frame before it, a trade said in the buyer's language, the product it sells, a city where
the buyer is, an everyday word or a day the model tagged as a company, a brand that is a
product's word in another language."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_W = HEADER + "".join(
    f"{row}\n"
    for row in (
        "W01,Agroexportadora Inca Andina S.A.C.,,,PE,food,1.1,1.1A-01,Quinua blanca orgánica;Maca en polvo,,es;en",
        "W02,Laboratoires Dermatologiques Aurélie SA,,Aurélie Paris,FR,consumer,4.1,4.1A-02,Crème hydratante;Sérum anti-âge,,fr;en",
        "W03,Laboratoires Pharmaceutiques du Rhône SA,,,FR,medical,7.1,7.1A-03,Génériques;Comprimés effervescents,,fr",
        "W04,Montres Jura-Vallée SA,,Jura-Vallée,CH,consumer,4.1,4.1A-04,Montres automatiques;Chronographes,,fr;de",
        "W05,Confiserie Baumgartner AG,,,CH,food,1.1,1.1A-05,Schweizer Milchschokolade 100 g;Pralinés,,de;fr",
        "W06,Aguacates de Michoacán S.A. de C.V.,,,MX,food,1.1,1.1A-06,Aguacate Hass;Guacamole congelado,,es",
        "W07,Medison Plus Co. Ltd.,,메디슨플러스,KR,medical,7.1,7.1A-07,Portable ultrasound;Patient monitors,,ko;en",
        "W08,Robotique Chirurgicale Lyon SAS,,,FR,medical,7.1,7.1A-08,Robot d'assistance chirurgicale,,fr",
        "W09,Lofoten Havbruk AS,,,NO,food,1.1,1.1A-09,Fresh Atlantic salmon whole gutted 4-5 kg;Skrei cod,,no;en",
        "W10,Apicoltura Valle Verde,,,IT,food,1.1,1.1A-10,Miele di castagno;Miele millefiori,,it",
        "W11,Rohkaffee Handel Santos,,,BR,food,1.1,1.1A-11,Arabica green coffee beans;Robusta,,pt;en",
        "W12,Saigon Coffee Roasters,,,VN,food,1.1,1.1A-12,Robusta coffee beans,,vi;en",
        "W13,Kopi Nusantara,,,ID,food,1.1,1.1A-13,Arabica Gayo coffee,,id;en",
        "W14,Polar Reefer Lines,,,DE,services,9.1,9.1A-14,Reefer container shipping Europe–Asia,,de;en",
        "W15,Sidama Highlands Coffee,,,ET,food,1.1,1.1A-15,Green coffee Yirgacheffe,,en",
        "W16,Nairobi Bean Exporters,,,KE,food,1.1,1.1A-16,Green coffee AA grade,,en",
        "W17,AO BioTekh Sibir,,АО «БиоТех Сибирь»,RU,medical,7.2,7.2A-17,Тест-системы ПЦР,,ru",
        "W18,Bergmann Verpackungstechnik GmbH,,,DE,equipment,5.1,5.1A-18,Verpackungsmaschinen für Snacks,,de",
        "W19,Bodegas Olarra,,,ES,food,1.1,1.1A-19,Rioja DOCa Crianza 2019;Cava Brut Nature,,es",
        "W20,Barossa Red Estate,,,AU,food,1.1,1.1A-20,Shiraz red wine,,en",
        "W21,Holzspielzeug Erzgebirge Seiffert GmbH,,,DE,consumer,4.1,4.1A-21,Nussknacker;Räuchermännchen,,de",
        "W22,Osan Implant Co. Ltd.,,오산임플란트,KR,medical,6.1,6.1A-22,Dental implant system,,ko;en",
        "W23,Bernese Dental Implants AG,,,CH,medical,6.1,6.1A-23,Titanium dental implants SLA,,de;en",
        "W24,Hans Müller Präzisionswerkzeuge GmbH,,,DE,equipment,5.1,5.1A-24,VHM-Fräser;Gewindebohrer,,de",
        "W25,Kaffeerösterei Lindemann GmbH,,,DE,food,1.1,1.1A-25,Röstkaffee ganze Bohne,,de",
        "W26,Huilerie Provençale des Baux SARL,,,FR,food,1.1,1.1A-26,Huile d'olive vierge extra,,fr",
        "W27,Nordic Care AB,,,SE,medical,7.1,7.1A-27,Rollatoren;Pflegebetten,,sv;en",
        "W28,Transports Girard & Fils SAS,,Girard Transports,FR,services,9.1,9.1A-28,Transport routier frigorifique,,fr",
        "W29,Capteurs Industriels Grenoble SAS,,,FR,equipment,5.1,5.1A-29,Capteurs de pression;Débitmètres,,fr",
    )
)


@pytest.fixture
async def catalog_w(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_W) as container:
        yield container


@pytest.fixture
def w_ctx(catalog_w: Container) -> Iterator:
    with contexts_over(catalog_w, 705) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "booth"),
    [
        # A verb that asks, an article: the catalog's company is named from there on.
        (
            "es",
            "¿Está Inca Andina en la feria?",
            "exhibitor_info",
            {"company": "Está Inca Andina"},
            "1.1A-01",
        ),
        (
            "fr",
            "Les Laboratoires Aurélie, c'est où ?",
            "exhibitor_info",
            {"company": "Les Laboratoires Aurélie"},
            "4.1A-02",
        ),
        # The company's trade in the buyer's language before a whole catalog name.
        (
            "de",
            "Uhrenmanufaktur Jura Vallée – wo?",
            "exhibitor_info",
            {"company": "Uhrenmanufaktur Jura Vallée"},
            "4.1A-04",
        ),
        # A catalog name with what the company sells, in a question for its booth.
        (
            "de",
            "Baumgartner Schokolade, welcher Stand?",
            "search_exhibitors",
            {"product": "Schokolade"},
            "1.1A-05",
        ),
        ("es", "aguacates michoacan stand", "search_exhibitors", {}, "1.1A-06"),
        # One word of a name, in lower case and with a slip.
        ("de", "wo ist seifert", "exhibitor_info", {}, "4.1A-21"),
        # Read as asking what the assistant can do.
        ("ko", "메디슨플러스 전시 제품이 뭐예요", "help", {"company": "메디슨플러스"}, "7.1A-07"),
    ],
)
def test_the_company_named_among_other_words_is_shown(
    w_ctx, locale: str, text: str, intent: str, entities: dict[str, str], booth: str
) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert booth in reply.text, reply.text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Wo ist der Stand von Miele?", "exhibitor_info"),
        ("Ist Miele auch auf der CIIE?", "search_exhibitors"),
    ],
)
def test_a_brand_that_is_a_product_only_in_a_labels_language_is_a_company(
    w_ctx, text: str, intent: str
) -> None:
    """ "Miele" is honey in Italian, which exhibitors label in and buyers do not chat in."""
    ctx = w_ctx("de")
    reply = dialogue.respond(ctx, nlu(text, intent, product="Miele"))
    assert "1.1A-10" not in reply.text and not shown_exhibitors(ctx, reply)
    assert "„Miele“" in reply.text, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "named", "booth"),
    [
        # A city where the buyer is, though Lyon is part of Robotique Chirurgicale Lyon.
        (
            "fr",
            "Bonjour, nous cherchons du saumon frais norvégien pour nos restaurants à Lyon.",
            "list_events",
            {"product": ["saumon frais", "restaurants"], "company": "Lyon"},
            "7.1A-08",
            "1.1A-09",
        ),
        # An everyday word beside goods sought.
        (
            "de",
            "Wir suchen Arabica-Rohkaffee, ca. 2 Container im Monat. Welche Produzenten sind da?",
            "exhibitor_info",
            {"area": "Arabica-Rohkaffee", "company": "Monat"},
            "„Monat“",
            "1.1A-11",
        ),
        # A day, in a meeting request with no one to meet: who sells the goods.
        (
            "en",
            "I want to meet a coffee supplier on Nov 6 at 3pm",
            "book_meeting",
            {"product": "coffee", "company": "Nov 6"},
            "“Nov 6”",
            "1.1A-11",
        ),
    ],
)
def test_a_word_tagged_as_a_company_that_names_none_is_not_one(
    w_ctx,
    locale: str,
    text: str,
    intent: str,
    entities: dict[str, str | list[str]],
    named: str,
    booth: str,
) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert named not in reply.text and booth in reply.text, reply.text


def test_or_tagged_with_a_country_leaves_the_country(w_ctx) -> None:
    ctx = w_ctx("es")
    text = "café de Vietnam o Indonesia"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product=["café", "Indonesia"], company="Vietnam o")
    )
    assert {"W12", "W13"} <= shown_exhibitors(ctx, reply), reply.text


def test_a_services_route_is_no_origin(w_ctx) -> None:
    ctx = w_ctx("en")
    text = "reefer shipping from Europe to China"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="reefer shipping"))
    assert "9.1A-14" in reply.text and "Europe" not in reply.text.split("\n")[0], reply.text


def test_a_region_named_with_examples_of_its_countries_is_the_region(w_ctx) -> None:
    ctx = w_ctx("zh")
    text = "非洲产区的咖啡生豆，埃塞、肯尼亚这些"
    reply = dialogue.respond(ctx, nlu(text, "refine", product="咖啡生豆", country="肯尼亚"))
    assert {"W15", "W16"} <= shown_exhibitors(ctx, reply), reply.text


def test_what_a_whether_here_question_asks_of_is_in_its_own_clause(w_ctx) -> None:
    ctx = w_ctx("ja")
    text = "ハラール認証を取りたいんですが、認証機関は出展してますか"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors"))
    assert "ハラール認証を取りたいんですが" not in reply.text, reply.text


def test_sellers_of_goods_no_one_knows_are_looked_for_not_out_of_scope(w_ctx) -> None:
    ctx = w_ctx("ko")
    reply = dialogue.respond(ctx, nlu("플럭스 보정기 공급사 있나요", "nlu_fallback"))
    assert "“플럭스 보정기”" in reply.text, reply.text


def test_products_in_hangul_are_no_sound_alike_of_a_latin_or_cyrillic_name(w_ctx) -> None:
    ctx = w_ctx("ko")
    reply = dialogue.respond(
        ctx, nlu("보톡스나 필러 공급사 있나요", "nlu_fallback", hall="보톡스나")
    )
    assert "7.2A-17" not in reply.text and "보톡스" in reply.text, reply.text


def test_makers_of_goods_no_one_knows_are_no_company_name(w_ctx) -> None:
    ctx = w_ctx("de")
    reply = dialogue.respond(
        ctx, nlu("Gibt es Hersteller von Rohrkompensatoren?", "search_exhibitors")
    )
    assert "namens" not in reply.text and "rohrkompensatoren" in reply.text.lower(), reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities"),
    [("de", "Wo ist Halle 7?", {"company": "7"}), ("zh", "7号馆有哪些展商", {"hall": "7"})],
)
def test_a_hall_named_by_its_number_lists_its_floors(
    w_ctx, locale: str, text: str, entities: dict[str, str]
) -> None:
    """Not a company called "7", nor one whose name is close to "Halle"."""
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", **entities))
    assert {"W03", "W07", "W08", "W17"} <= shown_exhibitors(ctx, reply), reply.text


def test_a_product_typed_with_a_slip_is_no_company_of_that_name(w_ctx) -> None:
    ctx = w_ctx("de")
    text = "Wir suchen Verpackungsmaschienen. Wer stellt sowas aus?"
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", product="Verpackungsmaschienen"))
    assert "namens" not in reply.text and "5.1A-18" in reply.text, reply.text


def test_none_of_a_kind_from_a_country_shows_the_broader_kind_from_there(w_ctx) -> None:
    """Spanish wineries list appellations ("Rioja Crianza"), not "red wine"."""
    ctx = w_ctx("de")
    reply = dialogue.respond(
        ctx, nlu("Wer hat spanischen Rotwein?", "search_exhibitors", product="Rotwein")
    )
    assert "1.1A-19" in reply.text and "1.1A-20" not in reply.text, reply.text


def test_what_a_company_named_in_full_sells_is_its_card(w_ctx) -> None:
    """Though its name's words name products: "Aguacates de Michoacán"."""
    ctx = w_ctx("es")
    text = "Aguacates de Michoacán: ¿qué productos tienen?"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", company="Aguacates de Michoacán", product="productos")
    )
    assert "1.1A-06" in reply.text and not shown_exhibitors(ctx, reply), reply.text


def test_a_products_own_word_is_no_name_that_sounds_like_it(w_ctx) -> None:
    """ "Zahnimplantate" sounds a little like Osan Implant; it is dental implants."""
    ctx = w_ctx("de")
    reply = dialogue.respond(ctx, nlu("Zahnimplantate", "inform"))
    assert {"W22", "W23"} <= shown_exhibitors(ctx, reply), reply.text


def test_a_booth_word_tagged_after_a_name_is_no_part_of_it(w_ctx) -> None:
    ctx = w_ctx("de")
    reply = dialogue.respond(
        ctx, nlu("Wo ist Müllers Stand?", "exhibitor_info", company="Müllers Stand")
    )
    assert "5.1A-24" in reply.text, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities", "named", "not_booth"),
    [
        # "Müller" stems as "Mull" (gauze), and Milch is dairy: the words of a name still.
        (
            "de",
            "Ist Müller Milch hier? Brauche Halle und Stand.",
            {"company": ["Müller Milch", "Brauche"]},
            "„Müller Milch“",
            "5.1A-24",
        ),
        # A catalog company's trade word, with a name of its own after it.
        (
            "de",
            "Stellt die Kaffeerösterei Hansen dieses Jahr aus?",
            {"company": "Kaffeerösterei"},
            "„Kaffeerösterei Hansen“",
            "1.1A-25",
        ),
        # Capitals tell a name in French, whatever its words name.
        (
            "fr",
            "Est-ce que Nordic Pharma est présent au salon ?",
            {"company": "Nordic Pharma"},
            "« Nordic Pharma »",
            "7.1A-27",
        ),
        # Only the town tagged: the trade word before it is this name's, no other's.
        ("fr", "Huilerie Leblanc de Nyons – contact ?", {"company": "Nyons"}, "«", "1.1A-26"),
        # Words and a legal form, in lower case, by a booth word.
        ("de", "hansa bremsen gmbh stand", {"company": "gmbh"}, "„hansa bremsen gmbh“", "9.1A"),
    ],
)
def test_a_company_the_catalog_lacks_is_said_so_whatever_its_words_name(
    w_ctx, locale: str, text: str, entities: dict, named: str, not_booth: str
) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", **entities))
    assert named in reply.text and not_booth not in reply.text, reply.text
    assert not shown_exhibitors(ctx, reply) or "?" in reply.text.split("\n")[1], reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities", "name"),
    [
        ("de", "termin mit nordic care bitte", {}, "Nordic Care AB"),
        # The day and time after the name, and the name tagged as a day.
        (
            "fr",
            "bjr je ve un rdv avec transports girard demain 9h svp",
            {"date": ["transports", "demain"], "time": "9h"},
            "Transports Girard",
        ),
    ],
)
def test_whom_to_meet_is_the_catalog_name_after_with_in_lower_case(
    w_ctx, locale: str, text: str, entities: dict, name: str
) -> None:
    ctx = w_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "book_meeting", **entities))
    assert name in reply.text, reply.text
    assert ctx.state.form is not None and ctx.state.form.exhibitor in {"W27", "W28"}


def test_a_catalog_name_in_lower_case_asked_whether_it_is_here_is_that_company(w_ctx) -> None:
    """Every word of it an everyday one, and a "de" the name does not have."""
    ctx = w_ctx("fr")
    text = "Les capteurs industriels de Grenoble, ils exposent ?"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product=["industriels", "Grenoble", "exposent"])
    )
    assert "5.1A-29" in reply.text and not shown_exhibitors(ctx, reply), reply.text
