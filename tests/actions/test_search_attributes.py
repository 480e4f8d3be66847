"""What a buyer asks of the products besides what they are ("vin bio", "halal beef",
"produits sans gluten"): only the exhibitors that say so, in any language, are listed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from actions import dialogue, search_exhibitors
from bot.app import Container
from core import catalog
from tests.actions import search_eval
from tests.actions.conftest import container_with, contexts_over, nlu

CATALOG = search_eval.HEADER + "".join(
    f"{row}\n"
    for row in (
        "A01,Domaine des Lauriers,,FR,food,1.1,1.1A-01,vin rouge bio;vin blanc,,,fr,,",
        "A02,Weingut Kessler,,DE,food,1.1,1.1A-02,Bio-Riesling;Spätburgunder,,,de,,",
        "A03,Bodegas Altamira,,ES,food,1.1,1.1A-03,vino tinto crianza;vino rosado,,,es,,",
        "A04,Valley Cellars,,US,food,1.1,1.1A-04,Cabernet Sauvignon,Certified organic winery.,,en,,",
        "A05,Anatolia Meat,,TR,food,1.2,1.2A-05,halal beef;halal lamb,,,tr,,",
        "A06,Pampas Beef,,AR,food,1.2,1.2A-06,carne vacuna;bife de chorizo,,,es,,",
        "A07,Vogel Backwaren,,DE,food,1.2,1.2A-07,glutenfreies Brot;Kekse,,,de,,",
        "A08,Biscuiterie du Port,,FR,food,1.2,1.2A-08,biscuits pur beurre;galettes,,,fr,,",
        "A09,Brasserie Lune,,BE,food,1.2,1.2A-09,bière sans alcool;bière blonde,,,fr,,",
        "A10,Bio Planet Cosmetics,,DE,consumer,4.1,4.1A-10,Gesichtscreme;Shampoo,,,de,,",
        "A11,Obsthof Lindner,,DE,food,1.2,1.2A-11,Apfelsaft naturtrüb,,,de,,",
        "A12,Pivovar Dvůr,,CZ,food,1.2,1.2A-12,nealkoholické pivo,,,cs,,",
        "A13,Westvlaamse Groenten,,BE,food,2.1,2.1A-13,Diepvries erwtjes 2.5 kg;Spinazie IQF,"
        "Frozen vegetable processor.,,nl,,",
        "A14,Mazowsze Warzywa,,PL,food,2.1,2.1A-14,Mrożone warzywa;Brokuł mrożony,"
        "Polish frozen vegetables.,,pl,,",
        "A15,Gemüsehof Sonne,,DE,food,2.1,2.1A-15,Frischer Spargel;Karotten,,,de,,",
        "A16,Nordsee Fisch,,DE,food,2.1,2.1A-16,Lachsfilets tiefgekühlt,,,de,,",
        "A17,Hafnar Fiskur,,IS,food,2.1,2.1A-17,Cod loins MSC;Haddock fillets,,,en,,",
        "A18,Lofoten Torsk,,NO,food,2.1,2.1A-18,MSC-sertifisert torsk;Tørrfisk,,,no,,",
        "A19,Mar del Sur Pesca,,CL,food,2.1,2.1A-19,Merluza fresca,,,es,,",
        "A20,Soja Paraná,,BR,food,2.2,2.2A-20,Non-GMO soybeans;Soybean meal,,,pt,,",
        "A21,Agro Volga,,RU,food,2.2,2.2A-21,Soybeans;Sunflower seeds,,,ru,,",
        "A22,Cacao Cooperativa Tumaco,,CO,food,2.2,2.2A-22,Granos de cacao comercio justo,,,es,,",
        "A23,Kakao Handelshaus,,DE,food,2.2,2.2A-23,Kakaobohnen,,,de,,",
    )
)


@pytest.fixture
async def attributes_catalog(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG) as container:
        yield container


@pytest.fixture
def ctx_of(attributes_catalog: Container) -> Iterator:
    with contexts_over(attributes_catalog, 801) as make:
        yield make


def listed(ctx, text: str, intent: str = "search_exhibitors", **entities: str) -> set[str]:
    query = search_exhibitors.build_query(ctx, nlu(text, intent, **entities))
    return {e.id for e in catalog.search(ctx.session, query, taxonomy=ctx.taxonomy).items}


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("fr", "vin bio", {"A01", "A02", "A04"}),  # "Bio-Riesling", an English profile
        ("en", "organic wine", {"A01", "A02", "A04"}),
        ("zh", "有机葡萄酒", {"A01", "A02", "A04"}),
        ("en", "halal beef", {"A05"}),
        ("fr", "produits sans gluten", {"A07"}),
        ("fr", "biere sans alcool", {"A09", "A12"}),  # in the brewery's own language too
        ("de", "alkoholfreies Bier", {"A09", "A12"}),
        ("de", "alkoholfreie Getränke", {"A09", "A11", "A12"}),  # juice is, by nature
        # Frozen vegetables: the vegetables sold frozen, not all frozen food nor all vegetables.
        ("ja", "冷凍野菜", {"A13", "A14"}),
        ("fr", "je cherche des légumes surgelés", {"A13", "A14"}),
        ("de", "Tiefkühlgemüse", {"A13", "A14"}),  # a compound's first part
        ("de", "Tiefkühlkost", {"A13", "A14", "A16"}),  # the frozen food itself, as a word
        # Certifications, as a compound's first part or in the label's own language.
        ("de", "MSC-zertifizierter Fisch", {"A17", "A18"}),
        ("de", "Sojabohnen GVO-frei", {"A20"}),
        ("en", "fairtrade cocoa beans", {"A22"}),
    ],
)
def test_an_attribute_keeps_the_exhibitors_that_say_it(ctx_of, locale, text, expected) -> None:
    assert listed(ctx_of(locale), text) == expected


def test_the_attribute_is_shown_with_the_results_and_kept_on_every_page(ctx_of) -> None:
    ctx = ctx_of("fr")
    query = search_exhibitors.build_query(ctx, nlu("vin bio", "search_exhibitors"))
    assert query.attributes == ("organic",)
    assert "Bio" in search_exhibitors.describe(ctx, query)
    button = search_exhibitors._query_button(ctx, "next", query, 1)
    _, args = ctx.codec.decode(button.data)
    assert search_exhibitors._decode(args) == (query, 1)
    assert search_exhibitors.query_from_state(search_exhibitors.query_to_state(query)) == query
    # A button made before attributes existed, and one with an attribute nobody knows.
    assert search_exhibitors._decode(args[:8])[0] == replace(query, attributes=())
    forged = (*args[:8], "organic,nuclear")
    reply = search_exhibitors.on_callback(ctx, forged)
    assert "Bio" in reply.text and "nuclear" not in reply.text


def test_an_attribute_word_in_a_company_name_is_no_attribute(ctx_of) -> None:
    ctx = ctx_of("en")
    result = nlu(
        "Bio Planet Cosmetics shampoo", "search_exhibitors", company="Bio Planet Cosmetics"
    )
    assert search_exhibitors.build_query(ctx, result).attributes == ()


def test_a_certifications_letters_opening_a_word_are_no_certification(ctx_of) -> None:
    """ "ascensores" (lifts) opens with ASC, and names no certified goods."""
    ctx = ctx_of("es")
    result = nlu("ascensores", "search_exhibitors", product="ascensores")
    assert search_exhibitors.build_query(ctx, result).attributes == ()


def test_a_message_of_products_and_an_attribute_is_a_search(ctx_of) -> None:
    ctx = ctx_of("fr")
    assert search_exhibitors.names_products(ctx, nlu("produits sans gluten", "nlu_fallback"))


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities"),
    [
        ("de", "Halal-Lebensmittel", "out_of_scope", {}),
        ("fr", "aliments halal", "nlu_fallback", {}),
        # Tagged whole as a company the catalog does not have.
        ("zh", "清真食品", "exhibitor_info", {"company": "清真食品"}),
    ],
)
def test_an_areas_goods_with_an_attribute_are_a_search(
    ctx_of, locale, text, intent, entities
) -> None:
    # The model read it as out of scope: an area's word and a property is still a search.
    ctx = ctx_of(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert ctx.state.results is not None, reply.text
    assert "Anatolia Meat" in reply.text
