"""Companies that share a family name, and names the catalog does not have: the message's
other words tell which one is meant ("die Käserei vom Aebischer", "les frères Rinaldi",
"los Montaño de Mendoza"), and a trade beside a name no exhibitor of that trade has is a
company the catalog lacks ("die Brandt Spedition"), not that trade's goods."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import assert_not_found, shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_V = HEADER + "".join(
    f"{row}\n"
    for row in (
        "V01,Käserei Aebischer AG,,,CH,food,1.1,1.1V-01,Le Gruyère AOP;Emmentaler AOP,,de;fr",
        "V02,Aebischer Medizintechnik AG,,,CH,medical,6.1,6.1V-02,Titanium bone plates;Spinal implants,,de",
        "V03,Fratelli Rinaldi S.p.A.,,,IT,food,1.1,1.1V-03,Parmigiano Reggiano DOP;Grana Padano,,it",
        "V04,Rinaldi Meccanica S.r.l.,,,IT,equipment,5.1,5.1V-04,Pasta extruders;Pasta drying lines,,it",
        "V05,Bodega Montaño Hermanos S.A.,,,AR,food,1.2,1.2V-05,Malbec Reserva;Torrontés,,es",
        "V06,Montaño Maquinaria Agrícola S.A.,,,AR,equipment,5.1,5.1V-06,No-till seed drills;Sprayers,,es",
        "V07,Schneider Verpackungstechnik GmbH,,,DE,equipment,5.1,5.1V-07,Cartoning machines;Tray sealers,,de",
        "V08,Schneider Sitzsysteme GmbH,,,DE,auto,3.1,3.1V-08,Bus and coach seats;Seat covers,,de",
        "V09,Maschinenfabrik Otto Kästner GmbH,,,DE,equipment,5.1,5.1V-09,CNC lathes;Grinding machines,,de",
        "V10,Brandt Fahrzeugtechnik GmbH,,,DE,auto,3.1,3.1V-10,LED headlamps;Tail lights,,de",
        "V11,Brasserie Van Damme SRL,,,BE,food,1.2,1.2V-11,Abbey beer;Blonde ale,,fr;nl",
        "V12,Érablière Gagnon Inc.,,,CA,food,1.2,1.2V-12,Maple syrup;Maple butter,,fr;en",
        "V13,Rheinland Logistik GmbH,,,DE,services,9.1,9.1V-13,Freight forwarding;Customs clearance,,de",
        "V14,Kahurangi Apiaries Ltd,,,NZ,food,1.2,1.2V-14,Manuka honey UMF 15+,,en",
        "V15,Domaine du Lac,,,FR,food,1.2,1.2V-15,Red wine Bourgogne Pinot Noir,,fr",
        "V16,Almazara La Loma S.C.A.,,,ES,food,1.2,1.2V-16,Aceite de oliva virgen extra,,es",
        "V17,Oleificio Santoro S.r.l.,,,IT,food,1.2,1.2V-17,Extra virgin olive oil,,it",
        "V18,Møbelfabrikken Aarhus A/S,,,DK,consumer,4.1,4.1V-18,Solid oak dining chairs;Oak tables,,da;en",
        "V19,Mobili Brianza S.r.l.,,,IT,consumer,4.1,4.1V-19,Leather sofas;Upholstered furniture,,it",
    )
)
BOOTHS = {line.split(",")[0]: line.split(",")[7] for line in CATALOG_V.splitlines()[1:] if line}


@pytest.fixture
async def catalog_v(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_V) as container:
        yield container


@pytest.fixture
def v_ctx(catalog_v: Container) -> Iterator:
    with contexts_over(catalog_v, 808) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "meant"),
    [
        # A word of the name beside the shared one, as written or translated.
        ("de", "Wo steht die Käserei vom Aebischer?", "exhibitor_info",
         {"company": "Aebischer"}, "V01"),
        ("fr", "Où se trouvent les frères Rinaldi ?", "exhibitor_info",
         {"company": "Rinaldi"}, "V03"),
        # The town they are from, after the family's name, and the trade before it.
        ("es", "¿Dónde queda la bodega de los Montaño de Mendoza?", "exhibitor_info", {}, "V05"),
        # A word cut short that opens a word of one of the two names.
        ("de", "Schneider Verpackung – in welcher Halle?", "search_exhibitors",
         {"company": "Schneider Verpackung"}, "V07"),
        # An umlaut typed as two letters.
        ("de", "Ich suche die Kaestner Maschinenfabrik AG.", "exhibitor_info",
         {"company": "Kaestner Maschinenfabrik AG"}, "V09"),
    ],
)  # fmt: skip
def test_the_message_tells_which_of_a_name(
    v_ctx, locale: str, text: str, intent: str, entities: dict[str, str], meant: str
) -> None:
    ctx = v_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert BOOTHS[meant] in reply.text and not shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "name"),
    [
        # A family name the catalog has, beside a trade that exhibitor does not do.
        ("de", "Ich suche die Brandt Spedition.", "search_exhibitors",
         {"company": "Brandt Spedition"}, "Brandt Spedition"),
        ("fr", "Meubles Gagnon, ils exposent cette année ?", "nlu_fallback", {},
         "Meubles Gagnon"),
        # A name the catalog does not have at all, beside one that shares its trade.
        ("fr", "Je cherche la Brasserie Van Acker, vous l'avez ?", "nlu_fallback",
         {"company": "Brasserie Van Acker"}, "Brasserie Van Acker"),
    ],
)  # fmt: skip
def test_a_trade_beside_a_name_no_exhibitor_of_it_has(
    v_ctx, locale: str, text: str, intent: str, entities: dict[str, str], name: str
) -> None:
    ctx = v_ctx(locale)
    assert_not_found(ctx, dialogue.respond(ctx, nlu(text, intent, **entities)), name)


@pytest.mark.parametrize(
    ("locale", "text", "entities", "expected"),
    [
        # Goods with a word of their own that a product list has.
        ("de", "Ich suche Manuka Honig", {}, {"V14"}),
        # Goods after a plural article, tagged as a company.
        ("fr", "Je cherche des Vins Bourgogne", {"company": "Vins Bourgogne"}, {"V15"}),
    ],
)  # fmt: skip
def test_goods_with_a_name_like_word_stay_a_search(
    v_ctx, locale: str, text: str, entities: dict[str, str], expected: set[str]
) -> None:
    ctx = v_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) >= expected, reply.text


def test_other_goods_besides_a_trade_and_a_name_are_what_is_sought(v_ctx) -> None:
    """ "Scandi furniture" tagged as a company the catalog lacks, and oak chairs sought:
    the chairs are the search, not a furniture company's name."""
    ctx = v_ctx("en")
    text = "any Scandi furniture makers here? looking for solid oak dining chairs"
    said = nlu(text, "nlu_fallback", company="Scandi furniture", product="chairs")
    reply = dialogue.respond(ctx, said)
    assert shown_exhibitors(ctx, reply) == {"V18"}, reply.text


@pytest.mark.parametrize(
    "text",
    [
        # "pero" (but) is no pear, and "que no sea" refuses the country after it.
        "aceite de oliva, pero que no sea español",
        "aceite de oliva pero no español",
    ],
)
def test_spanish_but_not_from(v_ctx, text: str) -> None:
    ctx = v_ctx("es")
    reply = dialogue.respond(
        ctx, nlu(text, "search_exhibitors", product="aceite de oliva", country="español")
    )
    assert shown_exhibitors(ctx, reply) == {"V17"}, reply.text
