"""Goods a buyer names in words neither the taxonomy nor the catalog has, searched by their
English translations (core.lexicon): the reply lists what the English words find, and a
message of such words is a search whatever the model made of it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from actions import dialogue
from bot.app import Container
from tests.actions.conftest import container_with, contexts_over, nlu
from tests.actions.test_dialogue import shown_exhibitors
from tests.support.freedict import FRENCH, GERMAN, build_lexicon, write_dictionary

HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,languages\n"
CATALOG_L = HEADER + "".join(
    f"{row}\n"
    for row in (
        "L01,Anadolu Inox Mutfak A.S.,,,TR,equipment,5.1,5.1A-01,Stainless steel work tables;Kitchen exhaust hoods,,tr;en",
        "L02,Cucine Marchetti S.r.l.,,,IT,equipment,5.1,5.1A-02,Combi steam ovens;Induction ranges,,it;en",
        "L03,Wachau Obstbau GmbH,,,AT,food,1.1,1.1A-03,Dried apricots;Apricot jam,,de;en",
        "L04,Golden Orchard Foods,,,US,food,1.1,1.1A-04,Apple juice concentrate,,en",
    )
)


@pytest.fixture
async def catalog_l(database_url: str, tmp_path: Path) -> AsyncIterator[Container]:
    write_dictionary(tmp_path / "dictd", "deu-eng", GERMAN)
    write_dictionary(tmp_path / "dictd", "fra-eng", FRENCH)
    lexicon = build_lexicon(tmp_path / "dictd", tmp_path / "lexicon.sqlite")
    async with container_with(database_url, CATALOG_L, lexicon_path=lexicon) as container:
        yield container


@pytest.fixture
def l_ctx(catalog_l: Container) -> Iterator:
    with contexts_over(catalog_l, 706) as make:
        yield make


@pytest.mark.parametrize(
    ("locale", "text", "intent", "entities", "found"),
    [
        ("de", "Dunstabzugshauben gesucht", "search_exhibitors", {}, ["L01"]),
        # The model understood nothing of it: a word of goods the catalog writes in English.
        ("de", "Dunstabzugshauben – wer hat sowas?", "out_of_scope", {}, ["L01"]),
        ("de", "Marillen aus Österreich", "search_exhibitors", {"country": "Österreich"}, ["L03"]),
        ("fr", "des hottes", "search_exhibitors", {}, ["L01"]),
    ],
)
def test_goods_are_searched_by_their_english_words(
    l_ctx, locale: str, text: str, intent: str, entities: dict[str, str], found: list[str]
) -> None:
    ctx = l_ctx(locale)
    reply = dialogue.respond(ctx, nlu(text, intent, **entities))
    assert shown_exhibitors(ctx, reply) == set(found), reply.text


def test_everyday_words_are_not_read_as_goods_in_english(l_ctx) -> None:
    """ "Wetter" (weather) translates; a message about it asks for no exhibitor."""
    ctx = l_ctx("de")
    reply = dialogue.respond(ctx, nlu("Wie ist das Wetter?", "out_of_scope"))
    assert not shown_exhibitors(ctx, reply)


def test_a_search_in_a_language_with_no_dictionary_finds_nothing_more(l_ctx) -> None:
    ctx = l_ctx("ru")
    reply = dialogue.respond(ctx, nlu("Marillen", "search_exhibitors", product="Marillen"))
    assert not shown_exhibitors(ctx, reply)
