"""What a request says besides the goods: what they are for ("für Lebensmittel", "pour ma
cave"), where they go ("vers l'Afrique", "pour import au Sénégal"), who the buyer is
("Wir sind ein Reformhaus"); none of it narrows the search."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_U = HEADER + "".join(
    f"{row}\n"
    for row in (
        "U01,Kraus Verpackungstechnik GmbH,,,DE,equipment,5.1,5.1A-01,Thermoforming packaging machines;Tray sealers,,de;en",
        "U02,Pastificio Gentile S.r.l.,,,IT,food,1.1,1.1A-02,Gluten-free spaghetti;Organic durum wheat pasta,,it;en",
        "U03,Meadow Crest Foods Inc.,,,US,food,1.1,1.1A-03,Certified gluten-free granola;Oat milk,,en",
        "U04,Domaine du Lac,,,FR,food,1.1,1.1A-04,Red wine Bourgogne Pinot Noir,,fr",
        "U05,Nairobi Freight Connect Ltd,,,KE,services,9.1,9.1A-05,Freight forwarding;Customs clearance,,en",
        "U06,Gulf Bridge Logistics FZE,,,AE,services,9.1,9.1A-06,Freight forwarding;Air cargo via Dubai,,en",
        "U07,Carnes Cerrado Ltda.,,,BR,food,1.1,1.1A-07,Halal beef;Halal chicken,,pt;en",
        "U08,Pampa Beef S.A.,,,AR,food,1.1,1.1A-08,Beef striploin,,es",
        "U09,Bio Vallée SARL,,,FR,food,1.1,1.1A-09,Organic apple juice;Organic lentils,,fr",
        "U10,Teranga Foods SA,,,SN,food,1.1,1.1A-10,Beef,,fr",
        "U11,Linière des Flandres SA,,,BE,consumer,4.1,4.1A-11,Linen bed sheets;Linen tablecloths,,fr",
        "U12,Siam Golden Grain Co.,,,TH,food,1.1,1.1A-12,Jasmine rice;Glutinous rice,,th;en",
        "U13,Dentalis Implant Systems AG,,,CH,medical,6.1,6.1A-13,Titanium dental implants;Abutments,,de;en",
        "U14,Bradley Dental Inc.,,,US,medical,6.1,6.1A-14,Dental chairs;Intraoral scanners,,en",
    )
)


@pytest.fixture
async def catalog_u(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_U) as container:
        yield container


@pytest.fixture
def u_ctx(catalog_u: Container) -> Iterator:
    with contexts_over(catalog_u, 707) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "expected"),
    [
        # An area after "für" (typed "fuer") is what the machines are for, not the area.
        ("de", "verpackungsmaschinen fuer lebensmittel", "out_of_scope",
         {"area": "lebensmittel"}, {"U01"}),
        # "pour" and "ma": the buyer's own cellar, though the cue's words are apart.
        ("fr", "je cherche des producteurs de vins rouges pour ma cave à Lyon",
         "search_exhibitors", {"product": "vins rouges"}, {"U04"}),
        # Where the goods go, with an article after the word that says so.
        ("fr", "un transitaire pour envoyer de la marchandise vers l'Afrique",
         "search_exhibitors", {"country": "Afrique"}, {"U05", "U06"}),
        ("fr", "viande hallal pour import au Sénégal", "search_exhibitors",
         {"country": "Sénégal"}, {"U07"}),
        # Who the buyer is, then an area's goods with a property.
        ("de", "Wir sind ein Reformhaus und suchen glutenfreie Lebensmittel.", "out_of_scope",
         {"area": "Lebensmittel"}, {"U02", "U03"}),
        ("fr", "quels fournisseurs ont des produits alimentaires biologiques ?",
         "search_exhibitors", {}, {"U02", "U09"}),
        # Where the buyer is, in a clause before what they look for.
        ("de", "Hotel in Wien, wir suchen Bettwäsche.", "search_exhibitors", {}, {"U11"}),
        ("fr", "Importateur à Dakar, nous cherchons du riz.", "search_exhibitors",
         {"country": "Dakar"}, {"U12"}),
        # Who uses the goods, where nothing else names them; goods named are what is sought.
        ("en", "anyone selling stuff for dentists?", "nlu_fallback", {"date": "dentists"},
         {"U13", "U14"}),
        ("es", "Estoy montando un consultorio odontológico, ¿qué proveedores hay?",
         "search_exhibitors", {}, {"U13", "U14"}),
        ("fr", "Nous équipons un réseau de cabinets dentaires. Quels fabricants d'implants "
         "dentaires exposent ?", "search_exhibitors", {"product": "implants dentaires"},
         {"U13"}),
    ],
)  # fmt: skip
def test_what_the_goods_are_for_does_not_narrow_the_search(
    u_ctx, locale: str, text: str, intent: str, entities: dict[str, str], expected: set[str]
) -> None:
    ctx = u_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert shown_exhibitors(ctx, reply) == expected, reply.text


@pytest.mark.parametrize(
    ("locale", "text", "entities", "unsaid"),
    [
        # The model tagged the city as a day.
        (
            "fr",
            "je cherche des producteurs de vins rouges français pour ma cave à Lyon.",
            {"product": "vins", "country": "français", "date": "Lyon"},
            "cave",
        ),
        ("fr", "quels fournisseurs ont des produits alimentaires biologiques ?", {}, "ont des"),
        ("de", "Hotel in Wien, wir suchen Bettwäsche.", {}, "hotel"),
        ("fr", "Importateur à Dakar, nous cherchons du riz.", {}, "importateur"),
        # Both countries are where the goods go.
        ("fr", "un transitaire vers la Malaisie et l'Indonésie",
         {"country": ["Malaisie", "Indonésie"]}, "malaisie"),
    ],
)  # fmt: skip
def test_the_reply_searched_no_words_but_the_goods(
    u_ctx, locale: str, text: str, entities: dict[str, str | list[str]], unsaid: str
) -> None:
    """Neither the buyer's cellar, nor "ont" (have), nor the buyer's own trade is searched
    as written."""
    ctx = u_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    heading = reply.text.split("\n", 1)[0]
    assert unsaid not in heading.casefold(), heading


def test_an_area_said_after_for_and_a_word_is_what_a_service_is_for(u_ctx) -> None:
    ctx = u_ctx("en")
    text = "Need a freight forwarder for fresh food"
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product="freight forwarder", area="food")
    )
    assert shown_exhibitors(ctx, reply) == {"U05", "U06"}, reply.text
    assert "Food" not in reply.text.splitlines()[0], reply.text  # no area filter that found none
