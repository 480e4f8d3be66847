"""Cross-lingual exhibitor search on the demo catalog."""

from __future__ import annotations

import pytest

from actions import search_exhibitors
from core import catalog
from tests.actions.conftest import nlu


def found(ctx, result) -> catalog.SearchPage:
    query = search_exhibitors.build_query(ctx, result)
    return catalog.search(ctx.session, query)


@pytest.mark.parametrize(
    ("locale", "text", "entities", "category", "country"),
    [
        (
            "zh",
            "有没有德国的医疗器械展商",
            {"product": "医疗器械", "country": "德国"},
            "medical_devices",
            "DE",
        ),
        (
            "en",
            "French cheese exhibitors",
            {"product": "cheese", "country": "French"},
            "cheese",
            "FR",
        ),
        (
            "de",
            "Aussteller für Landmaschinen",
            {"product": "Landmaschinen"},
            "agricultural_machinery",
            None,
        ),
        ("ja", "化粧品の出展者", {"product": "化粧品"}, "cosmetics", None),
        ("ko", "일본 화장품 전시업체", {"product": "화장품", "country": "일본"}, "cosmetics", "JP"),
        (
            "fr",
            "exposants de vin d'Australie",
            {"product": "vin", "country": "Australie"},
            "wine",
            "AU",
        ),
        (
            "es",
            "expositores de aceite de oliva de España",
            {"product": "aceite de oliva", "country": "España"},
            "olive_oil",
            "ES",
        ),
        (
            "ru",
            "экспоненты медицинского оборудования из Германии",
            {"product": "медицинского оборудования", "country": "Германии"},
            "medical_devices",
            "DE",
        ),
    ],
)
def test_queries_in_eight_languages(make_ctx, locale, text, entities, category, country) -> None:
    ctx = make_ctx(locale)
    result = nlu(text, "search_exhibitors", **entities)
    query = search_exhibitors.build_query(ctx, result)
    assert category in query.categories
    assert query.country == country
    page = catalog.search(ctx.session, query)
    assert page.total > 0
    for exhibitor in page.items:
        assert any(f" {c} " in exhibitor.categories for c in query.categories)
        assert country is None or exhibitor.country == country


def test_product_found_in_text_when_nlu_missed_the_entity(make_ctx) -> None:
    ctx = make_ctx("zh")
    page = found(ctx, nlu("找医疗器械展商", "search_exhibitors"))
    assert page.total > 0


def test_filters_by_hall_and_area(make_ctx) -> None:
    ctx = make_ctx("en")
    page = found(ctx, nlu("exhibitors in hall 8.2", "search_exhibitors", hall="8.2"))
    assert page.total > 0 and all(e.hall == "8.2" for e in page.items)
    page = found(ctx, nlu("medical equipment area", "search_exhibitors", area="medical equipment"))
    assert page.total > 0 and all(e.area == "medical" for e in page.items)


def test_reply_lists_results_with_pagination_and_escapes(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = search_exhibitors.search_exhibitors(
        ctx, nlu("wine", "search_exhibitors", product="wine")
    )
    assert "exhibitors for" in reply.text and "Demo catalog" in reply.text
    labels = [b.label for row in reply.buttons for b in row]
    assert "Next ▶" in labels
    assert all(len(b.data.encode()) <= 64 for row in reply.buttons for b in row)


def test_no_results_suggests_areas(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = search_exhibitors.search_exhibitors(
        ctx, nlu("<script>zzz</script>", "search_exhibitors", product="<script>zzz</script>")
    )
    assert "No exhibitors found" in reply.text
    assert "&lt;script&gt;" in reply.text and "<script>" not in reply.text
    assert len([b for row in reply.buttons for b in row]) == 6


def test_no_criteria_asks_and_offers_areas(make_ctx) -> None:
    reply = search_exhibitors.search_exhibitors(
        make_ctx("en"), nlu("find exhibitors", "search_exhibitors")
    )
    assert "Which product" in reply.text


def test_page_buttons_walk_the_results(make_ctx) -> None:
    ctx = make_ctx("en")
    first = search_exhibitors.search_exhibitors(
        ctx, nlu("wine", "search_exhibitors", product="wine")
    )
    next_button = next(b for row in first.buttons for b in row if b.label == "Next ▶")
    _, args = ctx.codec.decode(next_button.data)
    second = search_exhibitors.on_callback(ctx, args)
    assert second.edit and "Page 2 of" in second.text
