"""Catalog search over exhibitors' own words and the category hierarchy, on SQLite (FTS5)
and PostgreSQL (GIN), kept in step by imports."""

from __future__ import annotations

import pytest

from core import catalog
from core.catalog import SearchQuery
from core.db import transaction
from core.imports import import_exhibitors
from core.settings import ROOT
from core.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(ROOT / "data")
HEADER = "id,name_en,name_zh,country,area,hall,booth,products,description_en,description_zh,languages,website,email\n"
# Products as exhibitors write them, not as the taxonomy names them.
ROWS = (
    "F1,Niagara Frost,,CA,food,8.2,8.2A-01,Vidal ice wine;Riesling,Estate winery on the Niagara peninsula,,en,,\n"
    "F2,Barossa Cellars,,AU,food,8.2,8.2A-02,Shiraz;Sparkling wine,Old vines since 1847,,en,,\n"
    "F3,Rhône Vignobles,,FR,food,8.2,8.2A-03,Vins rouges;Côtes du Rhône,Domaine familial,,fr;en,,\n"
    "F4,Highland Spirits,,GB,food,8.2,8.2A-04,Single malt Scotch whisky;London dry gin,,,en,,\n"
    "F5,Korea Ginseng House,,KR,food,8.2,8.2A-05,Red ginseng extract;Ginseng tea,,,ko;en,,\n"
    "F6,Chanthaburi Fruits,尖竹汶水果,TH,food,8.2,8.2A-06,Freeze-dried durian;冻干榴莲;Mangosteen,,泰国热带水果加工企业,th;zh,,\n"
    "F7,Altai Bee,,RU,food,8.2,8.2A-07,Мёд алтайский;Пыльца цветочная,,,ru,,\n"
    "F8,Kyushu Imo,,JP,food,8.2,8.2A-08,Sweet potatoes;焼き芋,,,ja,,\n"
    "F9,Belgian Pralines,,BE,food,8.2,8.2A-09,Dark chocolate pralines;Chocolate bars,,,fr;en,,\n"
    "F10,Probiota Labs,,DK,medical,6.1,6.1A-10,Probiotic capsules;Lactobacillus supplements,,,en,,\n"
    "C1,Milano Espresso,,IT,consumer,2.1,2.1A-01,Espresso coffee machines;Coffee grinders,,,it;en,,\n"
    "C2,Seoul Beauty Tech,,KR,consumer,2.1,2.1A-02,Hair dryers;헤어드라이어,,,ko,,\n"
    "C3,Andes Café,,CO,food,8.2,8.2A-10,Specialty coffee beans,Single-origin roasters,,es;en,,\n"
    "Q1,Po Valley Agritech,,IT,equipment,4.1,4.1A-01,Combine harvesters;Trattori,,,it,,\n"
    "Q2,Bavaria Robotik,,DE,equipment,4.1,4.1A-02,Industrieroboter;Schweißroboter,Robot arms for car plants,,de;en,,\n"
    "A1,Stabil Elektronik,,DE,auto,5.1,5.1A-01,ESP control units;ABS sensors,,,de,,\n"
    "M1,Nordic Imaging,,SE,medical,6.1,6.1A-01,MRI scanners;CT scanners,,,en,,\n"
    "M2,Swiss Hearing,,CH,medical,6.1,6.1A-02,Behind-the-ear hearing aids,,,de;en,,\n"
    "M3,Audition France,,FR,medical,6.1,6.1A-03,Aides auditives rechargeables,,,fr,,\n"
    "M4,Berlin Ortho,,DE,medical,6.1,6.1A-04,Knieimplantate;Hüftprothesen,,,de,,\n"
    "M5,Seoul Dental,,KR,medical,6.1,6.1A-05,치과 임플란트;Dental implant systems,,,ko;en,,\n"
    "M6,Moskva Med,,RU,medical,6.1,6.1A-06,Медицинского назначения мониторы;Аппараты ИВЛ,,,ru,,\n"
)


def _imported(migrated, rows: str, header: str = HEADER):
    with transaction(migrated) as session:
        assert import_exhibitors(session, (header + rows).encode(), TAXONOMY).ok
    return migrated


@pytest.fixture
def sessions(migrated):
    return _imported(migrated, ROWS)


def ids(sessions, query: SearchQuery) -> set[str]:
    """Every exhibitor found, over all pages."""
    with sessions() as session:
        first = catalog.search(session, query)
        pages = [catalog.search(session, query, n).items for n in range(1, first.pages)]
        return {e.id for items in [first.items, *pages] for e in items}


def ranked(sessions, query: SearchQuery) -> list[str]:
    with sessions() as session:
        return [e.id for e in catalog.search(session, query).items]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The exhibitors' own words, in their languages, whole words only.
        (SearchQuery(keywords=("冻干榴莲",)), {"F6"}),
        (SearchQuery(keywords=("freeze dried durian",)), {"F6"}),
        (SearchQuery(keywords=("hair dryers",)), {"C2"}),
        (SearchQuery(keywords=("hair dryer",)), {"C2"}),
        (SearchQuery(keywords=("gin",)), {"F4"}),  # not the ginseng house
        (SearchQuery(keywords=("мед",)), {"F7"}),  # not "медицинского"
        (SearchQuery(keywords=("ESP",)), {"A1"}),  # not espresso
        (SearchQuery(keywords=("Audi",)), set()),  # not "auditives"
        (SearchQuery(keywords=("probiotics",)), {"F10"}),  # not robots
        (SearchQuery(keywords=("sweet potatoes",)), {"F8"}),  # not chocolate
        (SearchQuery(keywords=("coffee machines",)), {"C1"}),  # not the harvesters
        (SearchQuery(keywords=("роботы",)), set()),
        (SearchQuery(keywords=("robot arms",)), {"Q2"}),  # a description
        (SearchQuery(keywords=("泰国",)), {"F6"}),  # a Chinese description
        (SearchQuery(keywords=("wine", "probiotics")), {"F1", "F2", "F10"}),
        (SearchQuery(hall="2.1"), {"C1", "C2"}),
        (SearchQuery(area="food", country="JP"), {"F8"}),
        # A region (M49) stands for its countries: Oceania, South-East Asia.
        (SearchQuery(categories=("wine",), country="009"), {"F2"}),
        (SearchQuery(keywords=("durian",), country="035"), {"F6"}),
        (SearchQuery(keywords=("durian",), country="150"), set()),
        # Several countries, any of them: Thailand or Japan.
        (SearchQuery(area="food", country="TH+JP"), {"F6", "F8"}),
    ],
)
def test_search_by_own_words(sessions, query: SearchQuery, expected: set[str]) -> None:
    assert ids(sessions, query) == expected


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        # A parent finds its sub-categories: imaging, hearing aids, implants, dental,
        # patient monitors and ventilators.
        ("medical_devices", {"M1", "M2", "M3", "M4", "M5", "M6"}),
        ("hearing_aids", {"M2", "M3"}),
        ("implants", {"M4", "M5"}),  # 치과 임플란트: dental implants
        ("ice_wine", {"F1"}),
        ("spirits", {"F4"}),
        ("honey", {"F7"}),
        ("coffee", {"C3"}),  # the machines are appliances, not coffee
        ("agricultural_machinery", {"Q1"}),
        ("chocolate", {"F9"}),
    ],
)
def test_categories_from_own_words_and_hierarchy(sessions, category, expected) -> None:
    assert ids(sessions, SearchQuery(categories=(category,))) == expected


def test_wine_search_includes_ice_wine_and_ice_wine_ranks_first(sessions) -> None:
    assert ids(sessions, SearchQuery(categories=("wine",))) == {"F1", "F2", "F3"}
    query = SearchQuery(categories=("ice_wine", "wine"), keywords=("ice wine",))
    assert ranked(sessions, query)[0] == "F1"
    assert ids(sessions, query) == {"F1", "F2", "F3"}


def test_phrase_in_products_ranks_above_category_only(sessions) -> None:
    query = SearchQuery(categories=("medical_devices",), keywords=("MRI",))
    assert ranked(sessions, query)[0] == "M1"
    assert len(ids(sessions, query)) == 6


def test_a_category_search_ranks_the_exhibitors_of_its_trade_first(migrated) -> None:
    """Almond butter is filed under butter; the almond grower is not of the dairy trade."""
    sessions = _imported(
        migrated,
        "B1,Almendras del Sur,,US,food,1.1,1.1A-01,Almond butter;Almonds,Almond grower.,,en,,\n"
        "B2,Zuivel Noord,,NL,food,1.1,1.1A-02,Boter;Melkpoeder,Dutch dairy cooperative.,,nl,,\n"
        "B3,Käserei Aebi,,CH,food,1.1,1.1A-03,Emmentaler AOP,Swiss cheese maker.,,de,,\n",
    )
    query = SearchQuery(categories=("dairy",), within=("dairy",), keywords=("milchprodukte",))
    with sessions() as session:
        found = [e.id for e in catalog.search(session, query, taxonomy=TAXONOMY).items]
    assert found[-1] == "B1", found


def test_reimport_updates_results_without_restart(sessions) -> None:
    assert ids(sessions, SearchQuery(keywords=("manuka",))) == set()
    updated = HEADER + ROWS.replace("Мёд алтайский", "Manuka honey")
    with transaction(sessions) as session:
        report = import_exhibitors(session, updated.encode(), TAXONOMY)
    assert report.updated == 1
    assert ids(sessions, SearchQuery(keywords=("manuka",))) == {"F7"}
    assert ids(sessions, SearchQuery(keywords=("мёд",))) == set()
    assert ids(sessions, SearchQuery(categories=("honey",))) == {"F7"}


def test_facets_and_fuzzy_names(sessions) -> None:
    with sessions() as session:
        found = catalog.facets(session, SearchQuery(categories=("hearing_aids",)))
        assert set(found["country"]) == {"CH", "FR"}
        assert [e.id for e in catalog.find_by_name(session, "Swiss Hearng")] == ["M2"]


def test_product_names_are_the_exhibitors_own_words(sessions) -> None:
    with sessions() as session:
        exhibitor = catalog.get(session, "M4")
        assert exhibitor is not None
        assert catalog.product_names(exhibitor, TAXONOMY, "en") == [
            "Knieimplantate",
            "Hüftprothesen",
        ]


# --- product_query: the search a buyer's product phrase becomes ------------------------
KINDS = (
    "K1,Jaén Olive Growers,,ES,food,8.2,8.2C-01,Aceite de oliva virgen extra,,,es,,\n"
    "K2,Galicia Conservas,,ES,food,8.2,8.2C-02,Atún claro en aceite de oliva;Mejillones,,,es,,\n"
    "K3,Kalamata Press,,GR,food,8.2,8.2C-03,Koroneiki PDO,Family mill pressing olive oil since 1901,,el,,\n"
    "K4,Brittany Shellfish,,FR,food,8.2,8.2C-04,Huîtres creuses,Breton oysters and mussels,,fr,,\n"
    "K5,Geneva Time,,CH,consumer,2.1,2.1C-05,Oyster Perpetual;Chronographs,,,fr,,\n"
    "K6,Jalisco Agave,,MX,food,8.2,8.2C-06,Tequila 100% agave reposado,,,es,,\n"
    "K7,Normandy Cheese,,FR,food,8.2,8.2C-07,Camembert de Normandie;Pont-l'Évêque,,,fr,,\n"
    "K8,Dutch Cheese,,NL,food,8.2,8.2C-08,Aged Gouda,,,nl,,\n"
    "K9,Thai Durian,,TH,food,8.2,8.2C-09,Premium freeze-dried durian,,,th,,\n"
    "K10,Raub Durian,,MY,food,8.2,8.2C-10,Musang King durian – frozen whole fruit,,,en,,\n"
    "K11,Rhein Medizintechnik,,DE,medical,1.1,1.1C-11,Blutdruckmessgeräte,,,de,,\n"
    "K12,Schwarzwald Holzwaren,,DE,consumer,2.1,2.1C-12,Holzkochlöffel,,,de,,\n"
)


@pytest.fixture
def kinds(migrated):
    with transaction(migrated) as session:
        assert import_exhibitors(session, (HEADER + KINDS).encode(), TAXONOMY).ok
    return migrated


def found_for(sessions, phrase: str, **filters: str) -> list[str]:
    """Every exhibitor the phrase finds, best first, as the search action asks."""
    with sessions() as session:
        query = catalog.product_query(session, TAXONOMY, SearchQuery(**filters), [phrase])
        first = catalog.search(session, query)
        pages = [catalog.search(session, query, n).items for n in range(1, first.pages)]
        return [e.id for items in [first.items, *pages] for e in items]


def test_a_named_product_is_not_found_inside_another_products_name(kinds) -> None:
    """ "olive oil": the oil mill and a profile saying so, not "atún en aceite de oliva"."""
    assert set(found_for(kinds, "olive oil")) == {"K1", "K3"}
    assert set(found_for(kinds, "aceite de oliva")) == {"K1", "K3"}


def test_a_kind_is_found_in_its_categorys_product_lists(kinds) -> None:
    """ "oysters": the shellfish farm, not the "Oyster Perpetual" watch."""
    assert found_for(kinds, "oysters") == ["K4"]
    assert found_for(kinds, "camembert") == ["K7"]  # the cheeses that say camembert
    assert set(found_for(kinds, "cheese")) == {"K7", "K8"}


def test_a_kind_nobody_writes_finds_its_category(kinds) -> None:
    assert set(found_for(kinds, "cheddar")) == {"K7", "K8"}


def test_a_label_the_taxonomy_cannot_read_still_finds_by_its_words(kinds) -> None:
    assert found_for(kinds, "tequila") == ["K6"]


def test_a_category_nobody_is_in_finds_compounds_headed_by_its_word(kinds) -> None:
    """ "Messgeräte" names measuring instruments, which no exhibitor here is categorised
    as; blood-pressure monitors ("Blutdruckmessgeräte") are such instruments."""
    assert found_for(kinds, "Messgeräte") == ["K11"]


def test_a_compound_nobody_writes_finds_its_broader_tail(kinds) -> None:
    """ "Buchenholzkochlöffel" (beech ones), which nobody writes, are wooden spoons."""
    assert found_for(kinds, "Buchenholzkochlöffel") == ["K12"]


def test_specific_words_before_a_category_find_who_writes_them(kinds) -> None:
    """ "freeze-dried durian": the exhibitor that writes it, not every durian; "frozen
    durian", which nobody writes as such, every durian (an adjective may be written in
    another language); "durian in whole fruits", the durian naming that complement."""
    assert found_for(kinds, "freeze-dried durian") == ["K9"]
    assert set(found_for(kinds, "frozen durian")) == {"K9", "K10"}
    assert found_for(kinds, "durian in whole fruits") == ["K10"]
    assert set(found_for(kinds, "durian from Sumatra")) == {"K9", "K10"}  # nobody says it


def test_words_narrowing_a_product_find_a_german_compound_they_start(migrated) -> None:
    """ "zumo de manzana", which nobody writes: the juices of apples, in French and in a
    German compound ("Apfelsaft"), not the orange juice."""
    rows = (
        "N1,Obermaier,,DE,food,1.1,1.1N-01,naturtrüber Apfelsaft,,,de,,\n"
        "N2,Verger Normand,,FR,food,1.1,1.1N-02,pur jus de pomme,,,fr,,\n"
        "N3,Zumos del Segura,,ES,food,1.1,1.1N-03,zumo de naranja exprimido,,,es,,\n"
    )
    with _imported(migrated, rows)() as session:
        query = catalog.product_query(session, TAXONOMY, SearchQuery(), ["zumo de manzana"])
        found = catalog.search(session, query, taxonomy=TAXONOMY)
    assert {e.id for e in found.items} == {"N1", "N2"}


# Korean exhibitors, and a skincare brand whose profile names a food it uses.
KOREAN_ROWS = (
    "P1,Jeju Origin,,KR,consumer,8.2,8.2P-01,제주 녹차 토너;감귤 비타민 크림,"
    "Skincare brand using Jeju island ingredients: green tea and camellia.,,ko,,\n"
    "P2,Boseong Tea,,KR,food,1.1,1.1P-02,우전 녹차;세작 녹차 티백,,,ko,,\n"
    "P3,Haneul Bio,,KR,consumer,8.2,8.2P-03,홍삼 영양크림;발효 홍삼 에센스,,,ko,,\n"
    "P4,Chorok Naturals,,KR,consumer,8.2,8.2P-04,우유 바디로션;쌀 발효 토너,,,ko,,\n"
    "P5,Sobaek Ginseng,,KR,food,1.1,1.1P-05,6년근 홍삼정;홍삼 스틱,,,ko,,\n"
    "P6,Jinmaek Healthcare,,KR,medical,6.1,6.1P-06,손목 혈압계;혈당측정기,,,ko,,\n"
    "P7,Ondo Medical,,KR,medical,6.1,6.1P-07,비접촉 이마 체온계,,,ko,,\n"
)


def searched(sessions, phrase: str) -> set[str]:
    """Every exhibitor a phrase finds as the search action finds them, profiles included."""
    with sessions() as session:
        query = catalog.product_query(session, TAXONOMY, SearchQuery(), [phrase])
        first = catalog.search(session, query, taxonomy=TAXONOMY)
        pages = [
            catalog.search(session, query, n, taxonomy=TAXONOMY).items
            for n in range(1, first.pages)
        ]
        return {e.id for items in [first.items, *pages] for e in items}


@pytest.fixture
def korean(migrated):
    return _imported(migrated, KOREAN_ROWS)


def test_a_profile_counts_in_its_categorys_area_only(korean) -> None:
    """A skincare brand "using green tea" sells no tea."""
    assert searched(korean, "녹차") == {"P2"}
    assert searched(korean, "green tea") == {"P2"}


def test_a_product_before_a_korean_head_narrows_it(korean) -> None:
    """ "홍삼 화장품": cosmetics made with red ginseng, not all cosmetics nor red ginseng."""
    assert searched(korean, "홍삼 화장품") == {"P3"}
    assert searched(korean, "홍삼") == {"P5"}


def test_a_slip_in_a_korean_word_is_searched_as_the_word(korean) -> None:
    """ "혈압게" (ㅔ for ㅖ): the blood-pressure monitors, not the thermometers beside them."""
    assert searched(korean, "혈압게") == {"P6"}


def test_a_named_products_search_keeps_its_filters(kinds) -> None:
    assert found_for(kinds, "olive oil", country="GR") == ["K3"]
    assert found_for(kinds, "oysters", country="CH") == []


# German compounds nobody listed, as exhibitors write them.
COMPOUND_ROWS = (
    "K1,Solingen Kochgeschirr,,DE,consumer,2.1,2.1B-01,Edelstahlkochtöpfe;Gusseisenpfannen,,,de,,\n"
    "K2,OrthoMed,,DE,medical,6.1,6.1B-02,Hüftgelenkimplantate;Knochenschrauben,,,de,,\n"
    "K3,Rhein Dental,,DE,medical,6.1,6.1B-03,Zahnimplantate,,,de,,\n"
    "K4,Essigbrauerei,,DE,food,8.2,8.2B-04,Weinessig;Apfelessig,,,de,,\n"
    "K5,Metzgerei,,DE,food,8.2,8.2B-05,Schweinefleisch,,,de,,\n"
    "K6,Transportes del Sur,,ES,services,7.1,7.1B-06,transporte frigorífico,,,es,,\n"
)


@pytest.fixture
def compounds(migrated):
    return _imported(migrated, COMPOUND_ROWS)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Kochtöpfe", {"K1"}),  # the tail of "Edelstahlkochtöpfe"
        ("Töpfe", {"K1"}),
        ("Pfannen", {"K1"}),
        ("Hüftimplantate", {"K2"}),  # hip, not tooth: "Hüft-gelenk-implantate"
        ("Implantate", {"K2", "K3"}),
        ("Essig", {"K4"}),
        ("Fleisch", {"K5"}),
        ("Wein", set()),  # wine vinegar is no wine, pork ("Schwein") neither
        ("Koch", set()),  # a compound's first part is no product on its own
        ("Porte", set()),  # "transporte" is a word, not "trans" + "porte"
    ],
)
def test_compound_words_found_by_their_last_part(compounds, words: str, expected: set[str]):
    assert ids(compounds, SearchQuery(keywords=(words,))) == expected


# Dairies, a cosmetics maker whose product list reads like a dairy's, and profiles in
# English beside labels the taxonomy cannot read.
DAIRY_ROWS = (
    "D1,Aaron Argan Cosmetics,,MA,consumer,4.1,4.1D-01,Butter;Goat milk soap,,,fr,,\n"
    "D2,Zillertal Sennerei,,AT,food,1.1,1.1D-02,Bergkäse;Butter,,,de,,\n"
    "D3,Agrotyri,,GR,food,1.1,1.1D-03,Φέτα ΠΟΠ;Olive oil,Sheep's milk cheese maker,,el;en,,\n"
    "D4,Clean Home,,DE,consumer,4.1,4.1D-04,Reinigungsmittel;Spülmittel,,,de,,\n"
    "D5,Mazury Sen,,PL,consumer,4.3,4.3D-05,materace kieszeniowe,,,pl,,\n"
)


@pytest.fixture
def dairies(migrated):
    return _imported(migrated, DAIRY_ROWS)


def best_first(sessions, phrase: str, head_first: bool = False) -> list[str]:
    """Every exhibitor the phrase finds, best first, as the search action asks."""
    with sessions() as session:
        query = catalog.product_query(
            session, TAXONOMY, SearchQuery(), [phrase], head_first=head_first
        )
        first = catalog.search(session, query, taxonomy=TAXONOMY)
        pages = [
            catalog.search(session, query, n, taxonomy=TAXONOMY).items
            for n in range(1, first.pages)
        ]
        return [e.id for items in [first.items, *pages] for e in items]


def test_a_categorys_exhibitors_in_its_area_rank_first(dairies) -> None:
    """The cheese dairy before the cosmetics maker whose "Butter" is filed under dairy too,
    though the cosmetics maker's name comes first."""
    found = best_first(dairies, "dairy products")
    assert found[0] == "D2"
    assert found.index("D2") < found.index("D1")


def test_a_profile_in_another_language_counts_for_a_kind(dairies) -> None:
    """ "Milch": the Greek cheese maker whose English profile says milk, though its cheese
    is labelled in Greek (its olive oil is what the taxonomy reads)."""
    assert "D3" in best_first(dairies, "Milch")


def test_a_generic_tail_is_no_broader_product(dairies) -> None:
    """ "Lebensmittel" (food) that nobody writes is not "Mittel" (cleaning agents)."""
    assert best_first(dairies, "Lebensmittel") == []


def test_a_kinds_word_counts_in_a_product_list_no_category_could_be_read_from(dairies) -> None:
    """ "Matratzen": the Polish maker whose "materace kieszeniowe" the taxonomy cannot
    categorise, by the kind's Polish word."""
    assert best_first(dairies, "Matratzen") == ["D5"]


def test_a_profile_categorises_labels_the_taxonomy_cannot_read(kinds) -> None:
    """ "Koroneiki PDO" (an olive variety) names no category; "Family mill pressing olive
    oil" does."""
    with kinds() as session:
        assert "olive_oil" in catalog.get(session, "K3").categories.split()
        assert "oysters" not in catalog.get(session, "K5").categories.split()


def test_a_page_past_the_last_shows_the_last(sessions) -> None:
    """A stale "next" button after a re-import that shrank the results."""
    query = SearchQuery(area="food")
    with sessions() as session:
        first = catalog.search(session, query)
        stale = catalog.search(session, query, 50)
        last = catalog.search(session, query, first.pages - 1)
    assert first.pages > 1
    assert stale.page == first.pages - 1
    assert [e.id for e in stale.items] == [e.id for e in last.items]
    assert stale.total == first.total and stale.facets == first.facets


FRENCH_ROWS = (
    "W1,Scierie du Nord,,CA,consumer,2.1,2.1W-01,bois d'œuvre résineux;bois de charpente,,,fr,,\n"
    "W2,Poêles Vosgiens,,FR,consumer,2.1,2.1W-02,poêles à bois;inserts de cheminée,,,fr,,\n"
    "W3,Jouets Jura,,FR,consumer,2.1,2.1W-03,jouets en bois;puzzles en bois,,,fr,,\n"
    "T1,Maison du Thé,,FR,food,8.1,8.1W-04,thé vert à la menthe;thés noirs en vrac,,,fr,,\n"
    "T2,Marrons d'Ardèche,,FR,food,8.1,8.1W-05,crème de marrons,Chestnut confectioner in the Ardèche,,fr,,\n"
    "F1,Fruitière du Haut-Doubs,,FR,food,8.1,8.1W-06,Comté AOP 24 mois;Morbier AOP,,,fr,,\n"
    "F2,Laiterie de Normandie,,FR,food,8.1,8.1W-07,Camembert de Normandie;beurre doux,,,fr,,\n"
)


@pytest.fixture
def french(migrated):
    return _imported(migrated, FRENCH_ROWS)


def test_a_categorys_word_as_a_complement_finds_no_one(french) -> None:
    """ "bois": the sawmill; wood stoves and wooden toys, whose labels the taxonomy reads
    or not, only say what they burn or are made of."""
    assert best_first(french, "bois", head_first=True) == ["W1"]


def test_a_word_stemmed_as_an_english_small_word_is_not_read_in_profiles(french) -> None:
    """ "thé" is "the" once stemmed: the tea house, not a profile saying "in the"."""
    assert best_first(french, "thé", head_first=True) == ["T1"]


# Companies whose names say what they do, beside names sharing a word with them.
TRADE_HEADER = "id,name_en,name_zh,aliases,country,area,hall,booth,products,description_en,description_zh,languages,website,email\n"
TRADE_ROWS = (
    "N1,Keystone Automation Inc.,基石自动化公司,Keystone,US,equipment,4.1,4.1N-01,PLCs & motion controllers;Industrial robots,,,en,,\n"
    "N2,Wing Fung Auto Parts (HK) Limited,永丰汽车配件(香港)有限公司,永丰汽配,HK,auto,8.1,8.1N-02,汽車LED大燈總成;尾燈總成,,,zh,,\n"
    "N3,Maison Lumière Parfums SARL,,,FR,consumer,4.2,4.2N-03,Eau de parfum;Bougies parfumées,,,fr,,\n"
    "N4,Nordhør Audiology A/S,诺德听力公司,,DK,medical,7.1,7.1N-04,Hearing aids;Audiometers,,,da;en,,\n"
    "N5,Kraftwerk Bremstechnik GmbH,,KWB,DE,auto,8.1,8.1N-05,Bremsscheiben;Bremsbeläge,,,de,,\n"
    "N6,Barossa Ridge Wines Pty Ltd,,Barossa Ridge,AU,food,1.1,1.1N-06,Barossa Valley Shiraz,,,en,,\n"
    "N7,Hokkaido Marine Products Co.,北海道海产,北海道マリンプロダクツ,JP,food,2.1,2.1N-07,冷凍ホタテ,,,ja,,\n"
    "N8,Caseificio Fratelli Rinaldi S.r.l.,,Rinaldi,IT,food,1.1,1.1N-08,Parmigiano Reggiano DOP,,,it,,\n"
    "N9,Prüf- und Zertifizierungsgesellschaft Südwest mbH,,,DE,services,7.1,7.1N-09,CE-Kennzeichnung,,,de,,\n"
    "N10,Bremsenwerk Hölzl & Söhne GmbH,霍尔兹父子制动器,,DE,auto,8.1,8.1N-10,Bremsscheiben,,,de,,\n"
    "N11,Daehan Precision Automotive Co.,大韩精密汽车零部件,,KR,auto,8.1,8.1N-11,Die-cast parts,,,ko,,\n"
    "N12,Savonnerie du Vieux Môle SARL,,,FR,consumer,4.2,4.2N-12,Savon de Marseille,,,fr,,\n"
    "N13,Confiserie Baumgartner AG,鲍姆加特纳糖果,,CH,food,1.1,1.1N-13,Schweizer Milchschokolade;Pralinés,,,de,,\n"
    "N14,Laiterie Rochat SA,,Rochat,CH,food,1.1,1.1N-14,Le Gruyère AOP;Raclette du Valais AOP,,,fr,,\n"
    "N15,Domaine Vallet Père & Fils,,Domaine Vallet,FR,food,1.1,1.1N-15,Bourgogne Pinot Noir AOC;Chablis Premier Cru,,,fr,,\n"
    "N16,Moreau Automotive Systems SAS,,Moreau Auto,FR,auto,8.1,8.1N-16,LED headlamp modules;Rear combination lamps,,,fr,,\n"
    "N17,Kurokawa Hamono Co. Ltd.,黒川刃物,,JP,consumer,5.1,5.1N-17,Kitchen knives;Garden shears,,,ja,,\n"
)


@pytest.fixture
def trades(migrated):
    return _imported(migrated, TRADE_ROWS, TRADE_HEADER)


def named(sessions, name: str) -> list[str]:
    with sessions() as session:
        return [e.id for e in catalog.find_by_name(session, name, taxonomy=TAXONOMY)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Keystone", ["N1"]),
        ("Keystone Pharmaceuticals", []),  # a drug maker, not the automation company
        ("诺德制药", []),
        ("诺德听力", ["N4"]),
        ("Lumière Cosmétiques", []),  # the catalog's Lumière names another trade
        # What it sells, though its name says another trade: chocolates of a confiserie.
        ("Baumgartner Schokolade", ["N13"]),
        ("Yongfeng Autopartes", ["N2"]),  # the pinyin of 永丰, and what it does in Spanish
        ("Frenos Kraftwerk", ["N5"]),  # brakes, in Spanish, beside the name's own word
        ("Autopartes Gutiérrez", []),  # nothing but the trade is the catalog's
        ("Barossa Wines", ["N6"]),
        ("Barossa Creek Wines", []),  # another winery of the Barossa
        ("Barossa Wines Standnummer", ["N6"]),  # a word asking for the booth is no name's
        ("北海道乳業", []),  # a dairy of Hokkaido, not the seafood one
        ("Käserei Rinaldi", ["N8"]),  # a cheese dairy, in German, beside the name's own word
        ("Kaeserei Rinaldi", ["N8"]),
        ("Prüfgesellschaft Südwest", ["N9"]),  # one of two compounds sharing a tail
        ("Zertifizierungsgesellschaft Südwest", ["N9"]),
        ("霍尔兹刹车片", ["N10"]),  # its name and what it makes (brake pads)
        ("南山精密汽车零部件", []),  # another maker of precision auto parts
        ("上海大韩精密", ["N11"]),  # a place before the name
        ("大汉精密汽车零部件", ["N11"]),  # 韩 typed as 汉: the same sound
        ("Savonnerie du Midi", []),  # another soap maker: only the trade is in common
        ("Savonnerie Vieux Môle", ["N12"]),
        # A trade the catalog's company does not do, beside its family name.
        ("Laboratoires Rochat", []),
        ("Transports Moreau", []),
        ("Fromagerie Rochat", ["N14"]),  # cheese, which the dairy sells
        ("Laiterie Rochat de Suisse", ["N14"]),  # a place is no trade
        ("Laiterie Rochat de Genève", ["N14"]),  # nor a word after a link, translated or not
        ("Moreau Automotive", ["N16"]),
        # A kind of what its name says, where it sells other kinds: a Burgundy estate.
        ("champagne vallet", []),
        ("vins vallet", ["N15"]),
        # A word of its own name in Cyrillic is no trade: "Хамоно" is no jamón (хамон).
        ("Курокава Хамоно", ["N17"]),
        ("Keystone家", ["N1"]),  # a Chinese word for a company after the name
        ("Keystone公司", ["N1"]),
    ],
)
def test_what_a_name_says_a_company_does_is_what_it_sells(trades, name, expected) -> None:
    assert named(trades, name) == expected


def test_a_traditional_chinese_label_is_read_as_simplified(trades) -> None:
    """ "汽車LED大燈總成" (Hong Kong) is car headlamps, as "大灯" asks for them."""
    assert searched(trades, "大灯") == {"N2"}
    assert searched(trades, "汽车配件") == {"N2", "N5", "N10"}


def test_a_kind_said_with_more_words_finds_those_who_write_the_kind(french) -> None:
    """Nobody writes "comté fruité affiné": the fruitière writes Comté, not every cheese."""
    assert best_first(french, "comté fruité affiné", head_first=True) == ["F1"]
