"""Goods a buyer refuses filter the exhibitors out, in the message that asks for the
search ("有没有德国的数控机床厂家？刀具类的就不用推荐了") or after the list is shown ("but no
cutting tools"): the makers of those goods drop out, unless they also sell something else
the search asks for ("wine, but no sparkling": a house with a red wine stays)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from actions import dialogue
from actions import search_exhibitors as search
from actions.base import InvalidCallback
from bot.app import Container
from core.catalog import SearchQuery
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_R = HEADER + "".join(
    f"{row}\n"
    for row in (
        "R01,Oberlahn Drehtechnik GmbH,,,DE,equipment,4.1,4.1A-01,CNC lathes;Bar feeders,,de",
        "R02,Neckartal Bearbeitungszentren GmbH,,,DE,equipment,4.1,4.1A-02,5-axis machining centres,,de",
        "R03,Sauerland Hartmetall GmbH,,,DE,equipment,4.1,4.1A-03,Carbide end mills;Indexable turning inserts,,de",
        "R04,Osaka Seiki K.K.,,,JP,equipment,4.2,4.2A-04,CNC lathes,,ja",
        "R05,Maison Valcourt,,,FR,food,2.1,2.1A-05,Brut Champagne;Rosé Champagne,,fr",
        "R06,Château Lestrade,,,FR,food,2.1,2.1A-06,Bordeaux red wine;Crémant de Bordeaux,,fr",
        "R07,Domaine des Aubiers,,,FR,food,2.1,2.1A-07,Bordeaux red wine,,fr",
        "R08,Brauerei Grünwald GmbH,,,DE,food,2.1,2.1A-08,Helles lager;Weissbier,,de",
        "R09,Grünwald Fahrzeugtechnik GmbH,,,DE,auto,8.1,8.1A-09,Trailer axles;Air suspension,,de",
        "R10,Cidrerie du Pays d'Auge,,,FR,food,2.1,2.1A-10,Cidre brut;Calvados,,fr",
        "R11,Gouda Hoeve B.V.,,,NL,food,1.1,1.1A-11,Aged Gouda cheese,,nl",
    )
)


@pytest.fixture
async def catalog_r(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_R) as container:
        yield container


@pytest.fixture
def r_ctx(catalog_r: Container) -> Iterator:
    with contexts_over(catalog_r, 709) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "entities"),
    [
        ("zh", "有没有德国的数控机床厂家？刀具类的就不用推荐了。", {"product": "数控机床", "country": "德国"}),
        ("zh", "德国的机床厂家，不要刀具", {"product": "机床", "country": "德国"}),
        ("en", "German CNC machine tools, but no cutting tools please", {"product": "CNC machine tools", "country": "German"}),
        ("ja", "ドイツの工作機械メーカーを探しています。切削工具は不要です。", {"product": "工作機械", "country": "ドイツ"}),
    ],
)  # fmt: skip
def test_the_makers_of_goods_refused_in_the_request_drop_out(
    r_ctx, locale: str, text: str, entities: dict
) -> None:
    ctx = r_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) == {"R01", "R02"}, reply.text


def test_goods_listed_with_the_goods_refused_are_refused_too(r_ctx) -> None:
    """ "wie Bohrer oder Fräser": examples of the tools refused; "or cider" refused with the
    beer, while "and cheese" asks again."""
    ctx = r_ctx("de")
    text = "Wir suchen Werkzeugmaschinen, aber bitte keine Zerspanungswerkzeuge wie Bohrer oder Fräser."
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="Zerspanungswerkzeuge"))
    assert shown_exhibitors(ctx, reply) == {"R01", "R02", "R04"}, reply.text
    ctx = r_ctx("en")
    text = "wine, not beer or cider, and cheese"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product=["wine", "cheese"]))
    assert shown_exhibitors(ctx, reply) >= {"R11", "R06"}, reply.text
    assert not shown_exhibitors(ctx, reply) & {"R08", "R10"}, reply.text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("fr", "Du vin de Bordeaux – pas besoin de champagne"),
        ("en", "Bordeaux wine, no need for champagne"),
    ],
)
def test_goods_not_needed_are_refused(r_ctx, locale: str, text: str) -> None:
    ctx = r_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors"))
    assert shown_exhibitors(ctx, reply) == {"R06", "R07"}, reply.text


def test_goods_refused_tell_which_company_of_a_name(r_ctx) -> None:
    ctx = r_ctx("de")
    text = "Wo ist Grünwald? Die mit den Trailerachsen, nicht das Bier."
    reply = dialogue.respond(ctx, nlu(text, "exhibitor_info", company="Grünwald"))
    assert "8.1A-09" in reply.text and not shown_exhibitors(ctx, reply), reply.text


@pytest.mark.parametrize(
    ("locale", "first", "entities", "then", "intent"),
    [
        ("zh", "有没有德国的机床厂家？", {"product": "机床", "country": "德国"}, "刀具类的就不用推荐了", "out_of_scope"),
        ("en", "German machine tools", {"product": "machine tools", "country": "German"}, "but no cutting tools", "search_exhibitors"),
    ],
)  # fmt: skip
def test_goods_refused_after_the_list_is_shown_narrow_it(
    r_ctx, locale: str, first: str, entities: dict, then: str, intent: str
) -> None:
    ctx = r_ctx(locale)
    reply = dialogue.respond(ctx, nlu(first, "search_exhibitors", **entities))
    assert shown_exhibitors(ctx, reply) == {"R01", "R02", "R03"}, reply.text
    reply = dialogue.respond(ctx, nlu(then, intent))
    assert shown_exhibitors(ctx, reply) == {"R01", "R02"}, reply.text
    refused = ctx.taxonomy.category_name("cutting_tools", locale)
    assert refused in reply.text  # the title says what is left out


def test_a_maker_of_something_else_asked_for_stays(r_ctx) -> None:
    """Sparkling wine refused from a wine search: the champagne house drops out, the
    château that also makes a red stays."""
    ctx = r_ctx("en")
    text = "French wine producers, but not sparkling wine"
    reply = dialogue.respond(ctx, nlu(text, "search_exhibitors", product="French wine"))
    assert shown_exhibitors(ctx, reply) == {"R06", "R07"}, reply.text


def test_refusing_what_is_asked_for_filters_nothing(r_ctx) -> None:
    """ "Sparkling wine, not wine": the kind asked for is what is shown."""
    ctx = r_ctx("en")
    query = search.build_query(ctx, nlu("sparkling wine", "search_exhibitors"))
    with_wine_refused = SearchQuery(
        categories=query.categories, keywords=query.keywords, refused=("wine",)
    )
    found = {
        e.id
        for e in search.catalog.search(ctx.session, with_wine_refused, taxonomy=ctx.taxonomy).items
    }
    assert found == {"R05", "R06"}


def test_the_next_page_button_keeps_the_goods_refused() -> None:
    query = SearchQuery(categories=("machine_tools",), refused=("cutting_tools",))
    decoded, page = search._decode(search._encode(query, 1))
    assert (decoded.refused, page) == (("cutting_tools",), 1)
    # A button from before refused goods were kept: ten arguments.
    old, _ = search._decode(search._encode(query, 0)[:10])
    assert old.refused == ()
    with pytest.raises(InvalidCallback):
        search._decode((*search._encode(query, 0), "extra"))


def test_a_forged_button_refusing_an_unknown_category_shows_the_search(r_ctx) -> None:
    ctx = r_ctx("en")
    args = search._encode(SearchQuery(categories=("machine_tools",), refused=("no_such_kind",)), 0)
    reply = search.on_callback(ctx, args)
    assert shown_exhibitors(ctx, reply) == {"R01", "R02", "R03", "R04"}, reply.text
