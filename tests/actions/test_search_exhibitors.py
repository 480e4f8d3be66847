"""Cross-lingual exhibitor search: the demo catalog, then catalogs in exhibitors' own
wording on SQLite and PostgreSQL, with the reported bugs and a held-out evaluation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from actions import exhibitor_info, language, search_exhibitors
from actions.base import Context
from bot.app import Container
from core import catalog
from core.db import transaction
from core.imports import import_exhibitors
from tests.actions import search_eval
from tests.actions.conftest import contexts_over, nlu
from tests.conftest import base_settings, make_container


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
    assert "No exhibitors found for “script” · “zzz”" in reply.text
    assert "<script>" not in reply.text
    quoted = search_exhibitors.describe(ctx, catalog.SearchQuery(keywords=("a<b",)))
    assert quoted == "“a&lt;b”"
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


# --- catalogs in exhibitors' own words, SQLite and PostgreSQL --------------------------
@pytest.fixture(params=["a", "b"])
def catalog_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def own_words(database_url: str, request: pytest.FixtureRequest) -> AsyncIterator[Container]:
    """The assistant over a catalog in exhibitors' own words: the first evaluation catalog,
    or the one a test asks for by the `catalog_name` fixture."""
    name = (
        request.getfixturevalue("catalog_name") if "catalog_name" in request.fixturenames else "a"
    )
    raw = search_eval.CATALOG if name == "a" else search_eval.CATALOG_B
    container = make_container(base_settings(database_url))
    with transaction(container.sessions) as session:
        report = import_exhibitors(session, raw.encode(), container.taxonomy)
        assert report.ok, report.errors[:3]
    yield container
    await container.aclose()


@pytest.fixture
def own_ctx(own_words: Container):
    with contexts_over(own_words, 700) as make:
        yield make


def listed(ctx: Context, text: str, **entities: str) -> list[str]:
    """The exhibitors on the first page of results, in order."""
    query = search_exhibitors.build_query(ctx, nlu(text, "search_exhibitors", **entities))
    if query.empty:
        return []
    # As the search action does: a kind's words in other languages count too.
    return [e.id for e in catalog.search(ctx.session, query, taxonomy=ctx.taxonomy).items]


def test_products_the_nlu_did_not_tag_are_read_from_the_message(own_ctx) -> None:
    assert listed(own_ctx("zh"), "有卖冻干榴莲的展商吗") == ["V09"]
    assert set(listed(own_ctx("en"), "hair dryers")) == {"K03", "K04"}  # K04: 헤어드라이어
    reply = search_exhibitors.search_exhibitors(
        own_ctx("en"), nlu("hair dryers", "search_exhibitors")
    )
    assert "Dyson-like Airflow" in reply.text


def test_ice_wine_first_then_other_wine(own_ctx) -> None:
    found = listed(own_ctx("en"), "who sells ice wine", product="ice wine")
    assert set(found[:2]) == {"V01", "V02"}


def test_medical_devices_include_imaging_implants_hearing_aids(own_ctx) -> None:
    ctx = own_ctx("ko")
    query = search_exhibitors.build_query(
        ctx, nlu("의료기기 업체 찾아줘", "search_exhibitors", product="의료기기")
    )
    first = catalog.search(ctx.session, query)
    pages = [catalog.search(ctx.session, query, n).items for n in range(first.pages)]
    listed = {e.id for page in pages for e in page}
    # Patient monitors and ventilators (M12, in Russian) are found too now; wheelchairs and
    # care beds (M09) are medical devices as well.
    assert (
        search_eval.MEDICAL_DEVICE_MAKERS <= listed <= search_eval.MEDICAL_DEVICE_MAKERS | {"M09"}
    )


@pytest.mark.parametrize(
    ("locale", "text", "entities", "not_wanted"),
    [
        ("en", "gin", {"product": "gin"}, {"V10"}),  # not "ginseng", "Quinoa orgánica"
        ("ru", "мед", {"product": "мед"}, {"M12"}),  # honey, not медицинского
        ("en", "ESP", {"product": "ESP"}, {"V14", "K02"}),  # not espresso
        ("en", "Audi", {"company": "Audi"}, {"M04"}),  # not aides auditives
        ("en", "probiotics", {"product": "probiotics"}, {"E03", "E04"}),  # not robots
        ("en", "sweet potatoes", {"product": "sweet potatoes"}, set()),  # not chocolate
    ],
)
def test_no_prefix_or_fuzzy_hits_on_short_words(own_ctx, locale, text, entities, not_wanted):
    ctx = own_ctx(locale)
    query = search_exhibitors.build_query(ctx, nlu(text, "search_exhibitors", **entities))
    found = set(listed(ctx, text, **entities))
    assert not found & not_wanted
    assert "chocolate" not in query.categories and "artificial_intelligence" not in query.categories


def test_expected_hits_for_the_short_words(own_ctx) -> None:
    assert listed(own_ctx("en"), "gin", product="gin") == ["V05"]
    assert listed(own_ctx("ru"), "мед", product="мед") == ["V11"]
    assert listed(own_ctx("en"), "ESP", product="ESP") == ["A01"]
    assert listed(own_ctx("en"), "probiotics", product="probiotics") == ["M11"]
    assert listed(own_ctx("en"), "sweet potatoes", product="sweet potatoes") == ["V15"]


def test_coffee_machines_from_italy_is_one_phrase(own_ctx) -> None:
    ctx = own_ctx("en")
    result = nlu(
        "find coffee machines from Italy",
        "search_exhibitors",
        product="coffee machines",
        country="Italy",
    )
    query = search_exhibitors.build_query(ctx, result)
    assert search_exhibitors.describe(ctx, query) == "Coffee machines · Italy"
    assert listed(ctx, result.text, product="coffee machines", country="Italy") == ["K02"]


def test_card_lists_the_exhibitors_own_product_words(own_ctx) -> None:
    ctx = own_ctx("en")
    card = exhibitor_info.card(ctx, catalog.get(ctx.session, "M05"))
    assert "Products: Zahnimplantate and Intraoralscanner" in card.text


def test_long_phrases_fit_the_button_data_and_page_the_same(own_ctx) -> None:
    ctx = own_ctx("ru")
    result = nlu(
        "медицинское оборудование",
        "search_exhibitors",
        product="медицинское оборудование",
    )
    query = search_exhibitors.build_query(ctx, result)
    button = search_exhibitors._query_button(ctx, "next", query, 1)
    assert len(button.data.encode()) <= 64
    _, args = ctx.codec.decode(button.data)
    again, page = search_exhibitors._decode(args)
    assert page == 1 and again.categories == query.categories
    assert catalog.search(ctx.session, again).total == catalog.search(ctx.session, query).total


def _precision_recall(found: list[str], expected: set[str]) -> tuple[float, float]:
    """Over the first page: the share of what is listed that is wanted (nothing listed
    counts 0), and the share of the wanted, up to five, that is listed. Most requests
    want one to four exhibitors, so hits / 5 would not reach 1 even for a perfect list."""
    top = found[:5]
    hits = len(set(top) & expected)
    return (hits / len(top) if top else 0.0), hits / min(5, len(expected))


# Before this search, a catalog in exhibitors' own words scored P@5 0.50 and R@5 0.48.
# Measured here, SQLite and PostgreSQL alike: set A 0.84 / 0.64 on its first run, 0.93 /
# 0.79 after the rule changes its misses suggested; set B, written after those changes
# and never tuned to, 0.77 / 0.81 on its first run. The misses are words the taxonomy
# lacks (camembert, 化粧水, Tokaji) and English names whose head is a part ("robot arms").
# The thresholds sit under the untuned set B, so a regression fails and noise does not.
MIN_PRECISION = 0.70
MIN_RECALL = 0.70
EVALUATIONS = {"a": search_eval.REQUESTS, "b": search_eval.REQUESTS_B}


def test_held_out_requests_precision_and_recall(own_ctx, catalog_name: str) -> None:
    requests = EVALUATIONS[catalog_name]
    scores = []
    misses = []
    for locale, text, entities, expected in requests:
        found = listed(own_ctx(locale), text, **entities)
        precision, recall = _precision_recall(found, expected)
        scores.append((precision, recall))
        if recall < 1 or precision < 1:
            misses.append(f"{text}: {found} vs {sorted(expected)}")
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    report = f"P@5 {precision:.2f} R@5 {recall:.2f} over {len(scores)}; " + "; ".join(misses)
    assert len(requests) >= 30 and len({locale for locale, *_ in requests}) == 8
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, report


def test_the_demo_note_only_for_the_demo_catalog(own_ctx, make_ctx) -> None:
    """An organiser's own catalog is real: no "companies are fictitious" on its results or
    cards; the demo catalog (imported with --demo) says so."""
    real = own_ctx()
    reply = search_exhibitors.search_exhibitors(real, nlu("hearing aids", "search_exhibitors"))
    assert "exhibitor" in reply.text and "Demo catalog" not in reply.text
    exhibitor_id = real.state.results.ids[0] if real.state.results else ""
    assert "Demo catalog" not in exhibitor_info.card_of(real, exhibitor_id).text
    demo = make_ctx()
    reply = search_exhibitors.search_exhibitors(demo, nlu("wine", "search_exhibitors"))
    assert "Demo catalog" in reply.text


# --- requests the model reads only in part, on a catalog in exhibitors' own words -------
@pytest.mark.parametrize(
    ("locale", "text", "entities", "expected"),
    [
        # The model tags "wine": the message says ice wine.
        ("en", "who sells ice wine", {"product": "wine"}, {"C01", "C02"}),
        ("ru", "ледяное вино", {"product": "вино"}, {"C01", "C02"}),
        # コーヒー tagged, コーヒーマシン meant: the machines, not the roaster.
        ("ja", "イタリアのコーヒーマシン", {"country": "イタリア", "product": "コーヒー"}, {"C04"}),
        # "implants" tagged as an area, which names none: the dental implants.
        ("en", "any exhibitors with dental implants?", {"area": "implants"}, {"C06"}),
        # Freeze-dried durian is not every durian; frozen durian is the durian sold frozen
        # ("Musang King durian – frozen whole fruit"), not the freeze-dried.
        ("zh", "有卖冻干榴莲的展商吗", {}, {"C12"}),
        ("ja", "冷凍ドリアン", {}, {"C13"}),
        # A parenthesis after the product on the label.
        ("ja", "ノルウェー産サーモン", {"country": "ノルウェー", "product": "サーモン"}, {"C16"}),
        # 産 tagged as the product: it belongs to the country ("from Norway").
        ("ja", "ノルウェー産サーモン", {"product": "産"}, {"C16"}),
        ("en", "hearing aids", {"product": "hearing aids"}, {"C15"}),
        # Helles (beer) and helado (ice cream) only share a stem.
        ("es", "helado", {"product": "helado"}, set()),
        ("de", "Bier aus Tschechien", {}, {"C10"}),
    ],
)
def test_the_product_phrase_is_read_from_the_whole_message(
    c_ctx, locale: str, text: str, entities: dict[str, str], expected: set[str]
) -> None:
    assert set(listed(c_ctx(locale), text, **entities)) == expected


def test_an_area_word_inside_a_korean_products_name_is_no_area(make_ctx) -> None:
    """ "자동차 부품 회사" asks for auto parts, not for anything in the automobile area."""
    ctx = make_ctx("ko")
    query = search_exhibitors.build_query(
        ctx, nlu("자동차 부품 회사", "search_exhibitors", area="자동차")
    )
    assert query.categories == ("auto_parts",) and query.area is None


def test_a_country_adjective_inside_a_products_name_is_no_country(c_ctx) -> None:
    """ "frozen french fries" are fries from anywhere, not French exhibitors."""
    ctx = c_ctx("en")
    result = nlu("frozen french fries", "set_language", country="french")
    query = search_exhibitors.build_query(ctx, result)
    assert query.country is None
    assert listed(ctx, result.text, country="french") == ["C08"]
    assert "Choose your language" not in language.set_language(ctx, result).text


def test_the_within_restriction_survives_buttons_and_the_conversation(c_ctx) -> None:
    ctx = c_ctx("en")
    query = search_exhibitors.build_query(ctx, nlu("ice wine", "search_exhibitors"))
    assert query.within == ("ice_wine",)
    button = search_exhibitors._query_button(ctx, "next", query, 0)
    _, args = ctx.codec.decode(button.data)
    assert search_exhibitors._decode(args) == (query, 0)
    state = search_exhibitors.query_to_state(query)
    assert search_exhibitors.query_from_state(state) == query
    # A button made before `within` existed still works.
    assert search_exhibitors._decode(args[:6])[0] == replace(query, within=())


def test_a_narrowing_search_survives_buttons_and_the_conversation(c_ctx) -> None:
    """ "implants de hanche": "hanche" among the implants' product lists, on every page."""
    ctx = c_ctx("fr")
    query = catalog.SearchQuery(keywords=("hanche",), within=("implants",), narrowing=True)
    button = search_exhibitors._query_button(ctx, "next", query, 1)
    _, args = ctx.codec.decode(button.data)
    assert search_exhibitors._decode(args) == (query, 1)
    assert search_exhibitors.query_from_state(search_exhibitors.query_to_state(query)) == query
    assert search_exhibitors._decode(args[:7])[0] == replace(query, narrowing=False)
    assert "Implants" in search_exhibitors.describe(ctx, query)


def test_a_one_word_message_one_slip_from_a_product_names_it(make_ctx) -> None:
    """ "혈압게" alone is a search for 혈압계 (blood-pressure monitors)."""
    ctx = make_ctx("ko")
    assert search_exhibitors.names_products(ctx, nlu("혈압게", "nlu_fallback"))
    assert not search_exhibitors.names_products(ctx, nlu("안녕하세요", "nlu_fallback"))


def test_words_of_the_areas_own_name_are_no_product(own_ctx) -> None:
    ctx = own_ctx("fr")
    text = "Dans l'espace commerce des services, quels exposants viennent de France ?"
    result = nlu(text, "search_exhibitors", area="services", country="France")
    query = search_exhibitors.build_query(ctx, result)
    assert (query.area, query.country, query.keywords) == ("services", "FR", ())


def test_a_product_word_after_a_word_for_an_area_names_the_area(own_ctx) -> None:
    ctx = own_ctx("fr")
    query = search_exhibitors.build_query(
        ctx, nlu("entreprises allemandes du secteur automobile", "search_exhibitors")
    )
    assert (query.area, query.country, query.keywords) == ("auto", "DE", ())
    # Without the word for an area, the same word is a product's.
    query = search_exhibitors.build_query(ctx, nlu("pièces automobiles", "search_exhibitors"))
    assert query.area is None and query.categories


def test_a_country_inside_a_katakana_word_is_no_origin(c_ctx) -> None:
    """タイ (Thailand) tagged inside ブラックタイガー, black tiger prawns."""
    ctx = c_ctx("ja")
    query = search_exhibitors.build_query(
        ctx, nlu("ブラックタイガー 冷凍", "search_exhibitors", country="タイ")
    )
    assert query.country is None
    assert query.keywords and all("ブラックタイガー" in k for k in query.keywords), query


def test_a_number_before_a_unit_is_no_time(c_ctx) -> None:
    """ "18" of "18 mois" tagged as a time: the age of a cheese, whose unit is no product."""
    ctx = c_ctx("fr")
    query = search_exhibitors.build_query(
        ctx, nlu("gouda affiné 18 mois", "search_exhibitors", time="18")
    )
    assert not any("mois" in k for k in query.keywords), query


def test_a_piece_of_a_property_tagged_as_a_product_is_no_product(c_ctx) -> None:
    """冷 of 冷凍 (frozen) tagged apart: the property, and prawns."""
    ctx = c_ctx("ja")
    result = nlu("冷凍えびのサプライヤー", "search_exhibitors", product=["冷", "えび"])
    query = search_exhibitors.build_query(ctx, result)
    assert "冷" not in query.keywords and "frozen" in query.attributes, query
