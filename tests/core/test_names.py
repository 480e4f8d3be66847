"""Company names linked to the catalog in the forms people write them, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
import yaml
from sqlalchemy.orm import Session

from core import catalog, names
from core.db import SessionFactory, make_engine, migrate, session_factory, transaction
from core.models import Exhibitor
from tests.conftest import postgres_schema

# id, English name, Chinese name, aliases: real companies' names as an import would carry them.
CATALOG = [
    ("SIE", "Siemens AG", "西门子", "Siemens Digital Industries"),
    ("SHS", "Siemens Healthineers AG", "西门子医疗系统有限公司", "西门子医疗; Healthineers"),
    ("FON", "Fonterra Co-operative Group Limited", "恒天然合作社集团有限公司", None),
    ("KAO", "Kao Corporation", "花王(中国)投资有限公司", None),
    ("SHI", "Shiseido Company, Limited", "资生堂", "株式会社資生堂"),
    ("AMO", "Amorepacific Corporation", "爱茉莉太平洋", "아모레퍼시픽"),
    ("OET", "Dr. August Oetker Nahrungsmittel KG", "欧特家博士", "Dr. Oetker"),
    ("LUK", "PJSC Lukoil", "卢克石油公司", None),
    ("KAM", "KAMAZ PJSC", "卡玛斯", None),
    ("MIC", "Michelin", "米其林", "Compagnie Générale des Établissements Michelin"),
    ("EV1", "Evergreen Gourmet Ltd.", "常青美食", None),
    ("EV2", "Evergreen Gourmet Foods Co., Ltd.", "常青美食食品有限公司", None),
    ("AL1", "Alpen Orchards KG", None, None),
    ("AL2", "Alpen Orchards Export GmbH & Co. KG", None, None),
    ("BR1", "Bright Dairy Co.", None, None),
    ("BR2", "Bright Dairy & Food Co., Ltd.", "光明乳业股份有限公司", "光明乳业"),
    ("SIB", "Sibir Technologies LLC", "西伯利亚科技", "Сибирь Технологии"),
    ("TOR", "Bodegas Torres S.A.", "桃乐丝酒庄", "Familia Torres"),
    ("NOR", "Nordic Medtech AB", "北欧医疗科技", None),
    ("SAW", "Sawai Pharmaceutical Co., Ltd.", "泽井制药", "沢井製薬"),
    ("CJC", "CJ CheilJedang Corporation", "CJ第一制糖", "CJ제일제당"),
    ("HYU", "Hyundai Motor Company", "现代汽车", "현대자동차"),
    ("ROS", "Rostec State Corporation", None, "Ростех"),
    ("LOR", "L'Oréal S.A.", "欧莱雅", None),
    ("NES", "Nestlé S.A.", "雀巢", None),
    ("OEL", "Ölmühle Hamburg GmbH", None, None),
    ("DAN", "Danone S.A.", "达能", None),
    ("LLO", "Frutas Hermanos Llorente S.L.", None, None),
    ("PER", "Remolques y Carrocerías Hnos. Pérez", None, None),
    ("AND", "Cafetera Andina Cía. Ltda.", None, None),
    ("AN1", "Andes Medical S.A.", None, None),  # two companies, one name, two legal forms
    ("AN2", "Andes Medical Ltd.", None, None),
    ("HAP", "Hernández Autopartes S.A. de C.V.", None, None),
    ("LSB", "Lone Star Beef Exporters LLC", None, None),
    ("THK", "Tai Hing Kopi Pte. Ltd.", "泰兴咖啡私人有限公司", None),
    ("PST", "Po Sau Tong Medicine Company (HK) Limited", "寶壽堂藥業(香港)有限公司", None),
    ("RET", "Retired Wines Pty Ltd", None, None),  # no longer listed: never found
]


def add_catalog(session: Session) -> None:
    _add(session, CATALOG, hall="1.1", booths="1.1A")


def _add(
    session: Session, rows: list[tuple[str, str, str | None, str | None]], hall: str, booths: str
) -> None:
    """Exhibitors of the given names in one hall; "RET" is no longer listed."""
    for n, (exhibitor_id, name_en, name_zh, aliases) in enumerate(rows):
        session.add(
            Exhibitor(
                id=exhibitor_id,
                name_en=name_en,
                name_zh=name_zh,
                aliases=aliases,
                country="DE",
                area="food",
                hall=hall,
                booth=f"{booths}-{n:02d}",
                products="test",
                retired_at=datetime(2026, 10, 1, tzinfo=UTC) if exhibitor_id == "RET" else None,
            )
        )
    session.flush()
    names.refresh(session)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def catalog_db(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[SessionFactory]:
    """The catalog above in one database per backend, shared by the read-only tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('names') / 'names.db'}"
        yield from _migrated_with_catalog(url)
        return
    with postgres_schema() as url:
        yield from _migrated_with_catalog(url)


def _migrated_with_catalog(
    url: str, add: Callable[[Session], None] = add_catalog
) -> Iterator[SessionFactory]:
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        add(session)
    yield sessions
    engine.dispose()


@pytest.fixture
def session(catalog_db: SessionFactory) -> Iterator[Session]:
    with catalog_db() as session:
        yield session


def found(session: Session, query: str) -> list[str]:
    return [e.id for e in catalog.find_by_name(session, query)]


# The cases reported from the field: each must find exactly the one right exhibitor.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("西门子医疗", "SHS"),
        ("西门子医疗在哪个展位", "SHS"),  # the NLU took the whole question as the name
        ("恒天然", "FON"),
        ("フォンテラ", "FON"),
        ("花王", "KAO"),
        ("資生堂", "SHI"),
        ("资生堂", "SHI"),
        ("아모레퍼시픽", "AMO"),
        ("Dr. Oetker", "OET"),
        ("Лукойл", "LUK"),
        ("КАМАЗ", "KAM"),
        ("Michellin", "MIC"),
        ("Fonterra's", "FON"),
        ("Fonterra’s", "FON"),
        ("Evergreen Gourmet Ltd", "EV1"),
        ("Evergreen Gourmet Foods", "EV2"),
        ("Alpen Orchards KG", "AL1"),
        ("Alpen Orchards Export", "AL2"),
        ("Bright Dairy Co.", "BR1"),
        ("Bright Dairy & Food", "BR2"),
        ("Siemens", "SIE"),
    ],
)
def test_reported_look_ups_find_the_one_right_exhibitor(session, query: str, expected: str) -> None:
    assert found(session, query) == [expected]


# Forms the normalisation rules were not written from: other spellings, scripts, cases,
# widths, legal forms and typos of the catalog above.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SIEMENS HEALTHINEERS", "SHS"),
        ("Siemens Healthineers's", "SHS"),
        ("西門子醫療", "SHS"),
        ("ＫＡＯ", "KAO"),
        ("Kao Corp.", "KAO"),
        ("Shiseido Co Ltd", "SHI"),
        ("Shisedo", "SHI"),
        ("AmorePacific Corp.", "AMO"),
        ("amore pacific", "AMO"),
        ("Oetker", "OET"),
        ("ЛУКОЙЛ", "LUK"),
        ("OAO Lukoil", "LUK"),
        ("Камаз", "KAM"),
        ("Fonterra Cooperative", "FON"),
        ("Compagnie Generale des Etablissements Michelin", "MIC"),
        ("Michelin Group", "MIC"),
        ("Bodegas Torres SA", "TOR"),
        ("Familia Torres", "TOR"),
        ("桃乐丝", "TOR"),
        ("L'OREAL", "LOR"),
        ("Loreal", "LOR"),
        ("ロレアル", "LOR"),
        ("NESTLÉ", "NES"),
        ("ネスレ", "NES"),
        ("ダノン", "DAN"),
        ("Hyundai Motors", "HYU"),
        ("현대자동차", "HYU"),
        ("現代汽車", "HYU"),
        ("澤井製藥", "SAW"),
        ("Oelmuehle Hamburg", "OEL"),
        ("Ölmühle Hamburg GmbH & Co. KG", "OEL"),
        ("CJ제일제당", "CJC"),
        ("cj cheiljedang", "CJC"),
        ("Rostec", "ROS"),
        ("Ростех", "ROS"),
        ("Сибирь Технологии", "SIB"),
        ("Nordik Medtec", "NOR"),
        # Abbreviated words and Spanish legal forms, either way round.
        ("Frutas Hnos. Llorente", "LLO"),
        ("Remolques y Carrocerías Hermanos Pérez", "PER"),
        ("Remolques & Carrocerias Hnos Perez", "PER"),
        ("Cafetera Andina", "AND"),
        ("Cafetera Andina Cía", "AND"),
        ("北欧医疗科技有限公司", "NOR"),
        # A foreign name the Russian dictionary lacks, declined: "стенд Фонтерры".
        ("Фонтерры", "FON"),
    ],
)
def test_other_forms_of_the_names(session, query: str, expected: str) -> None:
    assert found(session, query) == [expected]


def test_an_exact_name_never_loses_to_a_longer_or_shorter_one(session) -> None:
    for short, long in (("EV1", "EV2"), ("AL1", "AL2"), ("BR1", "BR2")):
        for exhibitor_id in (short, long):
            name = next(row[1] for row in CATALOG if row[0] == exhibitor_id)
            assert found(session, name) == [exhibitor_id]


def test_a_name_several_companies_start_with_asks_which(session) -> None:
    assert found(session, "Evergreen Gourmet") == ["EV1"]  # the legal form is not a name
    assert set(found(session, "Evergreen")) == {"EV1", "EV2"}
    assert set(found(session, "Alpen Orchards")) == {"AL1"}
    assert set(found(session, "Bright Dairy")) == {"BR1"}
    assert set(found(session, "Alpen")) == {"AL1", "AL2"}


def test_a_legal_form_tells_apart_companies_of_the_same_name(session) -> None:
    assert set(found(session, "Andes Medical")) == {"AN1", "AN2"}
    assert found(session, "Andes Medical SA") == ["AN1"]
    assert found(session, "ANDES MEDICAL LTD") == ["AN2"]
    assert set(found(session, "Andes Medicl")) == {"AN1", "AN2"}


def test_a_typo_of_a_whole_name_beats_a_shorter_name_inside_the_query(session) -> None:
    assert found(session, "Bright Dairy & Fod") == ["BR2"]  # not Bright Dairy Co.
    assert found(session, "Bright Dairy booth") == ["BR1"]  # a name inside, nothing closer


def test_short_names_get_no_typo_matches(session) -> None:
    for query in ("Kai", "Kaos", "Daon", "Sibi"):
        assert found(session, query) == [], query


def test_unknown_names_find_nothing_and_suggest_only_close_ones(session) -> None:
    assert found(session, "Acme Industries") == []
    assert found(session, "Samsung") == []
    assert catalog.suggestions(session, "Acme Industries") == []
    assert [e.id for e in catalog.suggestions(session, "Nordic Medical")][:1] == ["NOR"]
    assert "SIB" in [e.id for e in catalog.suggestions(session, "Sibir Tech")]


def test_retired_exhibitors_are_not_found(session) -> None:
    assert found(session, "Retired Wines") == []
    assert names.mentions(session, "where is Retired Wines") == []


def test_legal_forms_come_from_the_data_file() -> None:
    assert names.name_words("Bright Dairy & Food Co., Ltd.") == ["bright", "dairy", "and", "food"]
    assert names.name_words("ООО «Лукойл»") == ["лукойл"]
    assert names.name_words("株式会社資生堂") == ["资", "生", "堂"]
    assert names.name_words("주식회사 아모레퍼시픽") == list("아모레퍼시픽")
    assert names.name_words("Ferrari N.V.") == ["ferrari"]
    assert names.name_words("AB") == ["ab"]  # nothing but a legal form: kept


@pytest.mark.parametrize(
    ("name", "words"),
    [
        (
            "Café de Altura de Chiapas, Sociedad Cooperativa de R.L.",
            ["cafe", "de", "altura", "de", "chiapas"],
        ),
        ("Talleres Goikoetxea S. Coop.", ["talleres", "goikoetxea"]),
        ("Carnes del Chaco S.A.E.C.A.", ["carnes", "del", "chaco"]),
        ("Tabacalera Hijos de Cabrera y Cía. C. por A.", ["tabacalera", "hijos", "de", "cabrera"]),
        ("Caseificio Valpadana Soc. Coop. Agricola", ["caseificio", "valpadana"]),
        ("Château Lestang-Moreau SCEA", ["chateau", "lestang", "moreau"]),
    ],
)
def test_legal_forms_of_latin_america_cooperatives_and_farms(name: str, words: list[str]) -> None:
    assert names.name_words(name) == words


def test_a_legal_form_alone_is_told_and_where_one_ends() -> None:
    assert names.is_legal_form("y Cía.") and names.is_legal_form("S.A. de C.V.")
    assert not names.is_legal_form("Martínez Ortega")
    words = names.tokens("Laboratorios Mexicanos S.A. de C.V. en Shanghái")
    # The model tagged "Laboratorios Mexicanos S.A": its legal form goes on to "C.V".
    assert names.legal_form_end(words, 0, 3) == len("Laboratorios Mexicanos S.A. de C.V")


SHARED_WORDS = [
    ("VIL", "Hermanos Villaseñor Aguacates S.A. de C.V.", None, None),
    ("FVJ", "Frutas del Valle del Jerte S. Coop.", None, None),
    ("FVN", "Frutas del Valle Nevado S.A.", None, None),
    ("CVD", "Champagne Vauclair-Dumont", None, None),
    ("AAS", "Aceites Andaluces del Sur S.A.", None, None),
    ("VDL", "Chocolaterie Van Damme-Leroy", None, None),
    ("LFA", "Laboratorios Farmacéuticos Andinos S.A.", None, None),
    ("LFI", "Laboratorios Farmacéuticos Ibéricos S.A.", None, None),
    ("SOB", "Sobrassada L'Avi Tomàs S.L.", None, None),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Aguacates Villaseñor", ["VIL"]),  # the distinctive words, in another order
        ("Laboratorios Farmacéuticos Mexicanos S.A. de C.V.", []),  # another word, no typo
        ("Laboratorios Farmaceuticos Andnos", ["LFA"]),  # a typo
        ("Sobrasada L'Avi Tomas", ["SOB"]),
        # The name written goes on past the part of a catalog name: another company.
        ("Frutas del Valle del Ebro", []),
        ("Frutas del Valle del Jerte", ["FVJ"]),
        ("Champagne Vauclair-Morel", []),
        ("Champagne Vauclair", ["CVD"]),
        ("Aceites del Norte S.A.", []),  # "norte" is in no name
        ("Vandamme Leroy", ["VDL"]),  # words run together
        ("Villaseñor Irmãos Aguacates", ["VIL"]),  # Portuguese for "Hermanos"
    ],
)
def test_names_in_another_order_and_another_word_not_taken_for_a_typo(
    query: str, expected: list[str]
) -> None:
    index = names.build_index(SHARED_WORDS)
    assert [m.exhibitor_id for m in index.find(query)] == expected


def test_a_capital_inside_what_the_model_tagged_runs_a_name_on() -> None:
    index = names.build_index([("ZIT", "Huilerie Zitouna Sfax SA", None, None)])
    text = "je cherche la société Huilerie Lambert et Fils"
    tagged = [(text.index("Huilerie"), text.index(" et"))]
    assert index.mentions(text, tagged) == []
    assert [m.exhibitor_id for m in index.mentions("où est Huilerie Zitouna ?")] == ["ZIT"]


def test_where_a_name_written_goes_on_to() -> None:
    text = "¿viene Grupo Industrial Monterrey Norte este año?"
    start, end = text.index("Grupo"), text.index(" Monterrey")
    assert names.runs_on(text, start, end)
    assert text[start : names.written_on_to(text, end)] == "Grupo Industrial Monterrey Norte"
    text = "Frutas del Valle del Ebro, ¿dónde están?"
    end = text.index(" del Ebro")
    assert text[: names.written_on_to(text, end)] == "Frutas del Valle del Ebro"


def test_a_hangul_name_with_one_letter_mistyped() -> None:
    index = names.build_index(
        [("HAN", "Hanbit Electronics", None, "한빛전자"), ("HSO", "Hansol Foods", None, "한솔식품")]
    )
    assert [m.exhibitor_id for m in index.find("한빗전자")] == ["HAN"]  # ㅅ for ㅊ
    assert index.find("한결식품") == []  # another syllable: another company


def test_a_latin_name_opening_a_message_in_korean_is_written_as_a_name() -> None:
    # "Schreiber" is an everyday German word; a Korean sentence gives no word its capital.
    index = names.build_index([("SCH", "Autozubehör Schreiber GmbH", None, "Schreiber")])
    found = index.mentions("Schreiber 자동차용품 회사 홀 번호요")
    assert [m.exhibitor_id for m in found] == ["SCH"]
    assert index.mentions("Schreiber gesucht, wo ist der Stand?") == []


def test_a_name_typed_word_for_word() -> None:
    assert names.typed_as("Sobrasada L'Avi Tomas", "Sobrassada L'Avi Tomàs S.L.")
    assert names.typed_as("Lofoten Sjomat", "Lofoten Sjømat AS")
    assert not names.typed_as("jouets en bois", "Jouets Bois & Malice SARL")
    assert not names.typed_as("Tiefkühlkost", "Tiefkühl Frost Bayern GmbH")


@pytest.mark.parametrize(
    ("text", "expected", "span"),
    [
        ("book a meeting with Sibir Technologies on November 6 at 10", "SIB", "Sibir Technologies"),
        ("¿Dónde está el stand de Bodegas Torres?", "TOR", "Bodegas Torres"),
        ("西门子医疗在哪个展位", "SHS", "西门子医疗"),
        ("Лукойл: где стенд?", "LUK", "Лукойл"),
        ("Where is Evergreen Gourmet Foods' booth?", "EV2", "Evergreen Gourmet Foods"),
        ("我想和光明乳业见面", "BR2", "光明乳业"),
        ("Wo ist der Stand von Dr. Oetker?", "OET", "Dr. Oetker"),
        ("資生堂のブースはどこですか", "SHI", "資生堂"),
        ("아모레퍼시픽 부스 어디예요", "AMO", "아모레퍼시픽"),
        ("フォンテラのブースはどこですか", "FON", "フォンテラ"),  # katakana by its sound
        ("ロレアルのブース", "LOR", "ロレアル"),
        # A sentence's first word has its capital from the sentence, not from the name.
        ("Where's Lone Star Beef?", "LSB", "Lone Star Beef"),
    ],
)
def test_mentions_find_names_inside_a_message(session, text: str, expected: str, span: str) -> None:
    found = names.mentions(session, text)
    assert found, text
    assert found[0].exhibitor_id == expected
    assert text[found[0].start : found[0].end] == span


def test_mentions_take_the_longest_name_and_whole_words(session) -> None:
    found = names.mentions(session, "Siemens Healthineers or Siemens?")
    assert [(m.exhibitor_id, m.start) for m in found] == [("SHS", 0), ("SIE", 24)]
    assert names.mentions(session, "the Nordicmedtechnology fair") == []
    assert names.mentions(session, "where is hall 8.2") == []


def test_mentions_name_every_exhibitor_sharing_a_name(session) -> None:
    found = names.mentions(session, "光明乳业的展台在哪")  # BR2's alias and its Chinese name
    assert {m.exhibitor_id for m in found} == {"BR2"}
    found = names.mentions(session, "meet Evergreen tomorrow")
    assert found == []  # a name's first word alone is not a mention


def eventually(sessions: SessionFactory, query: str, expected: list[str]) -> None:
    """A change is re-indexed in the background: look-ups see it within a few seconds."""
    deadline = time.monotonic() + 20
    while True:
        with sessions() as session:
            result = found(session, query)
        if result == expected or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert result == expected, query


def test_the_index_follows_catalog_changes_from_other_sessions(migrated, monkeypatch) -> None:
    monkeypatch.setattr(names, "CHECK_SECONDS", 0.0)
    with transaction(migrated) as session:
        add_catalog(session)
    with migrated() as session:
        assert found(session, "Fonterra") == ["FON"]
        assert found(session, "Anchor Butter") == []
    with transaction(migrated) as session:
        exhibitor = session.get(Exhibitor, "FON")
        assert exhibitor is not None
        exhibitor.aliases = "Anchor Butter; 安佳"
    eventually(migrated, "Anchor Butter", ["FON"])
    eventually(migrated, "安佳", ["FON"])
    with transaction(migrated) as session:
        session.delete(session.get(Exhibitor, "FON"))
    eventually(migrated, "Fonterra", [])
    with transaction(migrated) as session:
        retired = session.get(Exhibitor, "KAO")
        assert retired is not None
        retired.retired_at = datetime(2026, 12, 1, tzinfo=UTC)
    eventually(migrated, "Kao", [])


def test_a_look_up_never_waits_for_re_indexing(migrated, monkeypatch) -> None:
    monkeypatch.setattr(names, "CHECK_SECONDS", 0.0)
    with transaction(migrated) as session:
        add_catalog(session)
    with transaction(migrated) as session:
        session.get(Exhibitor, "NOR").aliases = "Nordic Medical Devices"  # type: ignore[union-attr]
    slow = threading.Event()
    real_build = names.build_index

    def held_build(rows):
        slow.wait(10)
        return real_build(rows)

    monkeypatch.setattr(names, "build_index", held_build)
    with migrated() as session:
        assert found(session, "Nordic Medtech") == ["NOR"]  # the previous index answers
        assert found(session, "Nordic Medical Devices") == []
    slow.set()
    eventually(migrated, "Nordic Medical Devices", ["NOR"])


# --- word-level linking on a second catalog: parts of names, everyday words, divisions ---
LINKING = [
    ("FRV", "Niagara Frostvine Estates Ltd", "尼亚加拉霜藤酒庄", None),
    ("GCJ", "Gold Crest Jewellery Pty Ltd", None, None),
    ("PGK", "Pacific Gold Kiwifruit Ltd", None, None),
    ("KDX", "Körber Diagnostics GmbH", "科尔伯诊断", "科尔伯医疗"),
    ("KWA", "Körber Werke AG (Antriebstechnik)", "科尔伯工厂（驱动技术）", None),
    ("SAG", "Siemens AG (Digital Industries)", None, None),
    ("MEK", "Mekong Delta Rice JSC", "湄公河三角洲大米", None),
    ("CHF", "Changfeng Foods", "长丰食品", None),
    ("SIN", "Sibirskaya Niva LLC", None, "Сибирская Нива"),
    ("NRD", "Nordkamm Robotics AB", None, None),
    ("FIS", "Fischer & Söhne Feinkost GmbH", None, None),
    ("EVL", "Evergreen Gourmet Ltd", None, None),
    ("EVN", "Evergreen Gourmet", None, None),
    ("ORE", "Øresund Wind A/S", None, None),
    ("ALP", "Alpine Dairy", None, None),
    ("HAN", "Hanul Ginseng Corporation", None, "하늘인삼"),
    ("WAI", "Waikato Deer Velvet Ltd", None, None),
    ("FAZ", "Fazenda Boa Vista Café Ltda.", None, None),
    ("LIN", "Lindqvist Group AB (Trucks)", None, None),
    ("LIM", "Lindqvist Marine AB", None, None),
    ("BFM", "Business Forum Ltd", None, None),  # sounds like ビジネスフォーラム
    ("BHO", "Bodegas Hermanos Ortega S.L.", None, None),  # "Bodegas Hermanos": everyday words
]


def add_linking(session: Session) -> None:
    _add(session, LINKING, hall="2.1", booths="2.1B")


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def linking_db(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[SessionFactory]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('linking') / 'linking.db'}"
        yield from _migrated_with_catalog(url, add_linking)
        return
    with postgres_schema() as url:
        yield from _migrated_with_catalog(url, add_linking)


@pytest.fixture
def linking(linking_db: SessionFactory) -> Iterator[Session]:
    with linking_db() as session:
        yield session


def first_mention(session: Session, text: str) -> tuple[set[str], str]:
    """The exhibitors of the best mention in a message and the words they were found at."""
    found = names.mentions(session, text)
    if not found:
        return set(), ""
    best = [m for m in found if (m.start, m.end) == (found[0].start, found[0].end)]
    return {m.exhibitor_id for m in best}, text[found[0].start : found[0].end]


@pytest.mark.parametrize(
    ("text", "expected", "span"),
    [
        ("where can I find Frostvine", "FRV", "Frostvine"),
        ("霜藤酒庄的展台在哪", "FRV", "霜藤酒庄"),
        ("请问湄公河大米的展位在哪", "MEK", "湄公河大米"),  # words of the name left out
        ("¿Dónde está Fazenda Boa Vista?", "FAZ", "Fazenda Boa Vista"),  # most of the name
        ("Wo ist der Stand der Körber Werke?", "KWA", "Körber Werke"),  # the division left out
    ],
)
def test_a_part_of_a_name_that_tells_the_company(
    linking, text: str, expected: str, span: str
) -> None:
    assert first_mention(linking, text) == ({expected}, span)


def test_everyday_words_name_no_company(linking) -> None:
    for text in (
        "gold jewellery and pacific kiwifruit",  # Gold Crest, Pacific Gold: everyday words
        "I need alpine dairy products",  # a whole name, but lower case and everyday words
        "我想找食品公司",  # 食品 is in 长丰食品
        "¿Dónde está Boa Vista?",  # a third of the name, all everyday words
        "meet Evergreen tomorrow",  # two exhibitors' first word, and an English word
    ):
        assert names.mentions(linking, text) == [], text
    assert first_mention(linking, "Where is Alpine Dairy?") == ({"ALP"}, "Alpine Dairy")
    # Three words or more of a name in a row are the name, written lower case or not.
    assert first_mention(linking, "where is gold crest jewellery") == (
        {"GCJ"},
        "gold crest jewellery",
    )
    assert first_mention(linking, "长丰食品在哪") == ({"CHF"}, "长丰食品")
    assert found(linking, "Pacific Dragon Foods") == []


def test_a_name_that_runs_on_is_another_company(linking) -> None:
    # The catalog has Siemens AG only: Healthineers is not its division.
    assert found(linking, "Siemens Healthineers") == []
    assert names.mentions(linking, "Where is Siemens Healthineers?") == []
    assert "SAG" in [e.id for e in catalog.suggestions(linking, "Siemens Healthineers")]
    assert found(linking, "Siemens AG") == ["SAG"]  # the bracketed division left out
    assert found(linking, "Siemens") == ["SAG"]
    assert found(linking, "Körber Diagnostics") == ["KDX"]  # not the parent, Körber Werke
    assert first_mention(linking, "Körber Diagnostics' booth?") == ({"KDX"}, "Körber Diagnostics")
    assert first_mention(linking, "科尔伯诊断的展位在哪里") == ({"KDX"}, "科尔伯诊断")
    assert set(found(linking, "Lindqvist")) == {"LIN", "LIM"}  # a choice, not a guess
    # Everyday words of a name followed by another capitalised word, common or not.
    assert found(linking, "Bodegas Hermanos Castillo") == []
    assert names.mentions(linking, "¿Dónde está el stand de Bodegas Hermanos Castillo?") == []
    assert found(linking, "Bodegas Hermanos Ortega") == ["BHO"]
    assert first_mention(linking, "¿Dónde está Bodegas Hermanos?") == ({"BHO"}, "Bodegas Hermanos")


def test_the_legal_form_tells_near_duplicates_apart(linking) -> None:
    assert first_mention(linking, "Where is Evergreen Gourmet Ltd?") == (
        {"EVL"},
        "Evergreen Gourmet Ltd",
    )
    assert first_mention(linking, "Where is the Evergreen Gourmet booth?")[0] == {"EVN"}
    assert first_mention(linking, "Où est le stand d'Evergreen Gourmet Ltd ?")[0] == {"EVL"}
    assert found(linking, "Evergreen Gourmet Ltd") == ["EVL"]
    assert found(linking, "Evergreen Gourmet") == ["EVN"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Где стенд Сибирской Нивы?", "SIN"),  # Russian cases
        ("Wo finde ich Koerber Diagnostics?", "KDX"),  # umlauts written out
        ("Wo finde ich Fischer und Söhne?", "FIS"),  # & = und
        ("Où se trouve l'Oresund Wind ?", "ORE"),  # elision, ø without its stroke
        ("Hanul Ginseng의 부스는 어디예요?", "HAN"),  # Korean possessive particle
        ("하늘인삼의 부스", "HAN"),
        ("Nordkamm Robotics' stand", "NRD"),
    ],
)
def test_inflected_possessive_and_spelt_out_names(linking, text: str, expected: str) -> None:
    assert first_mention(linking, text)[0] == {expected}


def test_typos_in_long_words_only(linking) -> None:
    assert first_mention(linking, "Where is Nordkam Robotics?")[0] == {"NRD"}
    assert first_mention(linking, "Where is Frostvien?")[0] == {"FRV"}  # a long rare word
    assert found(linking, "Nordkamm Robotcs") == ["NRD"]
    assert found(linking, "Hanl") == []  # too short to be a typo of Hanul
    assert names.mentions(linking, "where is the stand") == []  # an everyday word, no typo


@pytest.mark.parametrize(
    "text",
    [
        "ノルドカム・ロボティクスのブースはどこですか",
        "노르드캄 로보틱스 부스는 어디예요?",
        "Где стенд Нордкамм Роботикс?",
    ],
)
def test_names_in_another_script_by_their_sound(linking, text: str) -> None:
    assert first_mention(linking, text)[0] == {"NRD"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("샤토 카스텔노 부스 어디예요?", "CHB"),  # French "ch" as sh
        ("제네바 바이오로직스 연락처", "GEN"),  # soft g and g as j
        ("ジェネバ・バイオロジクスのブース", "GEN"),
        ("Where is Geneva Biologics?", "GEN"),
        ("Where is Chateau Castelnau?", "CHB"),
        ("하르트만 메디친테크닉이랑 미팅 잡고 싶어요", "HMT"),  # German z as ts, an h to start
        ("웨스트브룩 데어리 팜스 부스 어디예요", "WDF"),  # w as a vowel, an r not sounded
        ("хочу встретиться с бэктехник швабен", "BTS"),  # German "sch" as ш
    ],
)
def test_latin_letters_read_the_way_korean_and_japanese_write_them(
    text: str, expected: str
) -> None:
    index = names.build_index(
        [
            ("CHB", "Château Castelnau", None, None),
            ("GEN", "Geneva Biologics Ltd", None, None),
            ("KNB", "Kanebo Biolabs", None, None),
            ("HMT", "Hartmann Medizintechnik GmbH", None, None),
            ("WDF", "Westbrook Dairy Farms", None, None),
            ("BTS", "Backtechnik Schwaben GmbH", None, None),
        ]
    )
    assert {m.exhibitor_id for m in index.mentions(text)} == {expected}


def test_a_korean_name_ends_in_a_particle_not_in_any_syllable() -> None:
    # 레스트라드 is 레스 + 트라 + 드, and 드 is no particle: it may be a name by its sound.
    index = names.build_index([("LES", "Lestrade Logistics", None, None)])
    assert [m.exhibitor_id for m in index.mentions("레스트라드 로지스틱스 부스")] == ["LES"]


def test_everyday_katakana_words_are_no_name(linking) -> None:
    # ビジネス + フォーラム are two everyday words, not Business Forum Ltd by its sound.
    assert names.mentions(linking, "ビジネスフォーラムはどこですか") == []
    assert first_mention(linking, "Business Forumのブース")[0] == {"BFM"}


def test_katakana_that_drops_sounds(linking) -> None:
    # "ディア" for deer: the r is not written, the consonants still come close.
    assert first_mention(linking, "ワイカト・ディア・ベルベットはどこですか")[0] == {"WAI"}


def test_a_mention_is_found_again_by_its_words(linking) -> None:
    """The dialogue puts the words a name was found at into the company slot, which actions
    look up again: both must mean the same exhibitors."""
    for text in (
        "where can I find Frostvine",
        "请问湄公河大米的展位在哪",
        "Где стенд Сибирской Нивы?",
        "Wo finde ich Koerber Diagnostics?",
        "Where is the Evergreen Gourmet booth?",
        "ノルドカム・ロボティクスのブースはどこですか",
        "Where is Nordkam Robotics?",
        "Wo ist der Stand der Körber Werke?",
    ):
        exhibitors, span = first_mention(linking, text)
        assert set(found(linking, span)) == exhibitors, text


def test_everyday_words_come_from_the_word_lists() -> None:
    assert names.is_common("gold") and names.is_common("食品") and names.is_common("배터리")
    assert not names.is_common("frostvine") and not names.is_common("霜藤")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("where can I find Westbrook Analytics?", "Westbrook Analytics"),
        ("Where is the booth of Blue Lagoon Seafoods?", "Blue Lagoon Seafoods"),
        ("¿Dónde está el stand de Vinos del Duero?", "Vinos del Duero"),
        ("Où est le stand de Biscuiterie Saint-Malo ?", "Biscuiterie Saint-Malo"),
        ("Где стенд компании Северный Ветер?", "Северный Ветер"),
        ("Where is the booth?", None),
        ("Monday works for me", None),  # the first word of a sentence, an everyday word
        # A name ends with its sentence, but not at an abbreviation's stop.
        ("Где стенд Siam Rubber? Ищем шины", "Siam Rubber"),
        ("Мы дистрибьютор в Армении. Ищем косметику", None),
        ("Where is Dr. Oetker Nahrungsmittel?", "Dr. Oetker Nahrungsmittel"),
        # Brackets and dashes set words apart; quotation marks hold a name.
        (
            "Ladeinfrastruktur für E-Autos (Wallboxen, DC-Schnelllader)",
            "Wallboxen, DC-Schnelllader",
        ),
        ("Где стенд ООО «Северный Ветер»?", "ООО «Северный Ветер"),
    ],
)
def test_words_written_as_a_name(text: str, span: str | None) -> None:
    found = names.written_as_a_name(text)
    assert (text[found[0] : found[1]] if found else None) == span


def test_words_that_are_no_part_of_a_name() -> None:
    text = "Wo ist der Stand von Bayerische Brezel?"
    span = names.written_as_a_name(text, skip=["stand"])
    assert span is not None and text[span[0] : span[1]] == "Bayerische Brezel"


def test_an_abbreviated_word_is_as_common_as_the_word() -> None:
    """ "Hnos." is "Hermanos": an everyday word that identifies no company on its own."""
    assert [(t.key, t.raw) for t in names.tokens("Hnos. Cía.")] == [
        ("hermanos", "hermanos"),
        ("compania", "compañía"),
    ]
    folded = names.fold_name("Remolques y Carrocerías Hnos. Pérez")
    assert folded is not None and folded.words[3] == "hermanos" and folded.common[3]


def test_a_name_part_that_is_the_lesser_part_of_the_query_names_another_company(session) -> None:
    """ "Autopartes Gutiérrez Hnos." is no Hernández Autopartes: the query's own words say
    whose it is."""
    assert found(session, "Autopartes Gutiérrez Hnos") == []
    assert found(session, "Hernández Autopartes") == ["HAP"]
    assert found(session, "Hernandez Autopartes SA de CV") == ["HAP"]


def test_a_names_words_in_another_order_are_the_name(session) -> None:
    assert found(session, "Medtech Nordic") == ["NOR"]
    assert found(session, "Gourmet Evergreen Ltd") == ["EV1"]


def test_words_naming_a_region_are_no_company_close_to_them() -> None:
    index = names.build_index([("NOR", "Pelletteria Nordica S.r.l.", None, "Nordica")])
    text = "dairy products from the Nordics"
    place = (text.index("the Nordics"), len(text))
    assert index.mentions(text, places=[place]) == []
    # Unless the model took them for a company's name.
    assert [m.exhibitor_id for m in index.mentions(text, [place], [place])] == ["NOR"]


def test_a_name_with_words_of_the_exhibitors_other_names() -> None:
    """ "Qingdao Haiyang Shuichan": the alias, after a word of the catalog name."""
    index = names.build_index(
        [
            ("QOA", "Qingdao Ocean Aquatic Products Co., Ltd.", None, "Haiyang Shuichan"),
            ("QBR", "Qingdao Harbour Brewery", None, None),
        ]
    )
    assert [m.exhibitor_id for m in index.find("Qingdao Haiyang Shuichan")] == ["QOA"]
    assert index.find("Qingdao Haiyang Beer") == []


def test_an_everyday_korean_part_of_a_name_tells_no_company() -> None:
    """ "필립스 헬스케어": 헬스케어 (healthcare) is in 세원헬스케어, and says nothing of which."""
    index = names.build_index([("SWH", "Sewon Healthcare", None, "세원헬스케어")])
    assert index.mentions("필립스 헬스케어 부스 알려줘", [(0, 8)]) == []
    assert [m.exhibitor_id for m in index.find("세원헬스케어")] == ["SWH"]


def test_a_name_written_with_its_words_translated_is_the_name() -> None:
    """Buyers translate what a name says a company does, and cities' names: "Sakura
    Farmacéutica", "Estambul Makina", "Москва Текстиль"."""
    index = names.build_index(
        [
            ("SKP", "Sakura Pharmaceutical Co., Ltd.", None, None),
            ("SKE", "Sakura Electric K.K.", None, None),
            ("IMS", "İstanbul Makina Sanayi A.Ş.", None, None),
            ("MTX", "Moscow Textile LLC", None, None),
        ]
    )
    assert [m.exhibitor_id for m in index.find("Sakura Farmacéutica")] == ["SKP"]
    assert [m.exhibitor_id for m in index.find("Farmacéutica Sakura")] == [
        "SKP"
    ]  # in Spanish order
    assert [m.exhibitor_id for m in index.find("Estambul Makina Sanayi")] == ["IMS"]
    assert [m.exhibitor_id for m in index.find("Moskau Textil")] == ["MTX"]
    # A translated word names no other company: Sakura Cosméticos is none of these.
    assert index.find("Sakura Cosméticos") == []


# Invented exhibitors whose names' ordinary words buyers translate.
TRANSLATED = [
    ("DDK", "Brouwerij De Drie Klokken BV", None, "Three Bells"),
    ("RVH", "Rift Valley Horticulture Ltd", None, None),
    ("GDF", "Golden Dragon Foods Co., Ltd.", None, None),
    ("NST", "Noordster", None, None),
    ("DHE", "Dos Hermanos S.L.", None, None),
    ("KPH", "Koninklijke Pelgrim N.V.", None, None),
    ("PFR", "Pastificio Fratelli Rinaldi S.p.A.", None, None),
    ("RVS", "Riseria Valsesiana S.r.l.", None, None),
    ("ADH", "Antwerp Diamond House BV", None, None),
    ("SVF", "Fromagerie des Sept Vallées SAS", None, None),
    ("LMO", "Lisboa Motores Lda", None, None),
    ("VDB", "Van der Berg Kaas B.V.", None, None),
    ("SWF", "Schwarzwälder Feinkost GmbH", None, None),
]


@pytest.mark.parametrize(
    ("query", "expected", "kind"),
    [
        ("Brasserie des Trois Cloches", "DDK", "exact"),  # the trade word, in French, too
        ("Drei Glocken", "DDK", "exact"),  # the alias, in German
        ("Brauerei Drei Glocken", "DDK", "exact"),
        ("De Drie Klokken", "DDK", "exact"),  # without its trade word
        ("Horticulture de la vallée du Rift", "RVH", "exact"),  # in French order
        ("Étoile du Nord", "NST", "exact"),  # a phrase for a word
        ("L'Étoile du Nord", "NST", "exact"),
        ("Two Brothers", "DHE", "exact"),  # "dos" joins a name's parts, and is two
        ("Zwei Brüder", "DHE", "exact"),
        ("Royal Pelgrim", "KPH", "exact"),
        ("Goldener Drache Foods", "GDF", "exact"),
        ("Goldener Drache", "GDF", "partial"),  # what the company is called, not what it does
        ("Vallée du Rift", "RVH", "partial"),
        # Trades, plurals and cities as the buyer's language writes them.
        ("Nudelfabrik Gebrüder Rinaldi", "PFR", "exact"),
        ("Reismühle Valsesiana", "RVS", "exact"),
        ("Maison du Diamant d'Anvers", "ADH", "exact"),
        ("Käserei Sieben Täler", "SVF", "exact"),
        ("Lisbonne Moteurs", "LMO", "exact"),
        ("Fromages Van der Berg", "VDB", "exact"),  # a trade's plural, first in French
        ("Pâtes Frères Rinaldi", "PFR", "exact"),
        ("Épicerie fine de la Forêt-Noire", "SWF", "exact"),  # a region and a trade
    ],
)
def test_a_name_written_with_its_ordinary_words_translated(
    query: str, expected: str, kind: str
) -> None:
    """Buyers translate a name's ordinary words too, in their own order and with their own
    small words between them."""
    found = names.build_index(TRANSLATED).find(query)
    assert [(m.exhibitor_id, m.kind) for m in found] == [(expected, kind)]


@pytest.mark.parametrize(
    "query",
    ["Drei Sterne", "Drei", "Trois", "Drache", "Drei Glocken Weine", "Golden Drache Motors"],
)
def test_a_translated_word_alone_or_another_word_names_no_company(query: str) -> None:
    """Three stars are no three bells, nor is a winery called Three Bells the brewery; one
    word translated is too little to tell a name."""
    assert names.build_index(TRANSLATED).find(query) == []


def test_a_translated_part_of_a_name_names_the_company_it_is_part_of() -> None:
    index = names.build_index(
        [
            ("GDF", "Golden Dragon Foods Co., Ltd.", None, None),
            ("GBW", "Golden Bell Wines", None, None),
        ]
    )
    assert [m.exhibitor_id for m in index.find("Goldene Glocke")] == ["GBW"]
    assert [m.exhibitor_id for m in index.find("Cloche d'Or")] == ["GBW"]
    assert [m.exhibitor_id for m in index.find("Goldener Drache")] == ["GDF"]
    # A word the names share, alone, is no name: no exact match.
    assert all(m.kind != "exact" for m in index.find("Golden"))
    assert all(m.kind != "exact" for m in index.find("Goldene"))


def test_ordinary_name_words_read_in_english() -> None:
    assert names.in_english("Glocken") == "bell"
    assert names.in_english("Étoiles") == "star"
    assert names.in_english("Brouwerij") == "brewery"
    assert names.in_english("Horticulture") is None


def test_a_name_word_is_in_one_group_but_a_known_few() -> None:
    """ "bai" (white, a hundred in pinyin), French "neuf" (nine, new) and a winery are
    read as either; any other word in two groups is a slip."""
    heads: dict[str, set[str]] = defaultdict(set)
    for group in yaml.safe_load(names.NAME_WORDS.read_text("utf-8"))["groups"]:
        for word in group:
            heads[names.fold_word(str(word))].add(str(group[0]))
    twice = {word for word, of in heads.items() if len(of) > 1}
    assert twice == {"bai", "neuf", "winery", "винодельня"}


def test_a_message_in_capitals_throughout_names_a_company_as_in_lower_case() -> None:
    """ "YAMAMOTO SEIKI TORNOS CNC": capitals everywhere say nothing of where a name ends."""
    index = names.build_index([("YMS", "Yamamoto Seiki Co., Ltd.", None, None)])
    found = index.mentions("YAMAMOTO SEIKI TORNOS CNC")
    assert [(m.exhibitor_id, m.start, m.end) for m in found] == [("YMS", 0, 14)]
    # Written as names, the capitals still say the name runs on.
    assert index.mentions("Where is Yamamoto Seiki Tornos?") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Казани", True),  # a Russian city in any case
        ("Новосибирска", True),
        ("Урале", True),  # a region
        ("Moskau", True),  # a city's name in another language (CLDR)
        ("Сакуры", False),
        ("Rheinland Optik", False),
        ("ПЦР", False),
    ],
)
def test_a_buyers_whereabouts_are_a_place(text: str, place: bool) -> None:
    assert names.is_a_place(text) is place


def test_a_name_written_on_stops_at_the_end_of_its_sentence() -> None:
    text = "¿dónde está Siam Rubber? Ando buscando cauchos"
    assert text[: names.written_on_to(text, text.index("Siam") + 4)].endswith("Siam Rubber")


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("Тоёсимы", ["Тоесим", "Тоесима"]),
        ("стенд Фонтерры", ["стенд Фонтерра"]),
        ("Лукойла", []),  # the dictionary knows it: it finds it as it is
        ("Fonterra", []),
    ],
)
def test_nominative_readings_of_declined_foreign_names(text: str, readings: list[str]) -> None:
    assert names.nominative_readings(text) == readings


def test_a_chinese_name_is_spelt_in_pinyin_whole_and_without_its_trade_and_place() -> None:
    assert names.pinyin_names("泰兴咖啡私人有限公司") == (
        "taixing kafei siren",
        "taixing kafei",
        "taixing",
    )
    assert names.pinyin_names("上海光明乳业股份有限公司") == (
        "shanghai guangming ruye",
        "shanghai guangming",
        "guangming ruye",
        "guangming",
    )
    assert names.pinyin_names("寶壽堂藥業") == ("baoshoutang yaoye", "baoshoutang")
    assert names.pinyin_names("Kao Corporation") == ()
    assert names.pinyin_names("福") == ()  # one syllable tells no company


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Taixing Kafei", "THK"), ("Baoshoutang", "PST"), ("baoshoutang yaoye", "PST")],
)
def test_a_chinese_name_is_found_by_its_pinyin(session, query: str, expected: str) -> None:
    assert found(session, query) == [expected]


def test_pinyin_is_found_only_as_written(session) -> None:
    """Not as a typo: many Chinese names are a syllable apart ("Taixin Kafe")."""
    assert found(session, "Taixin Kafe") == []


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("精密电子", True),
        ("机械工业", True),
        ("食品进出口", True),
        ("北陆", False),
        ("精密北陆", False),
    ],
)
def test_chinese_words_that_only_say_a_trade(text: str, trade: bool) -> None:
    assert names.a_chinese_trade(text) is trade


# Invented Latin names buyers write in kana, hangul or Cyrillic, some words translated.
SOUNDED = [
    ("GHT", "Grey Heron Tyre Co., Ltd.", None, None),
    ("GHO", "Grey Heron Outdoor Ltd", None, None),
    ("MKC", "Mikado Cosmetics Co., Ltd.", None, None),
    ("MKP", "Mikado Precision K.K.", None, None),
    ("SLS", "Silver Lagoon Spa Products Ltd", None, None),
    ("HSD", "Hollow Stag Distillers Ltd", None, None),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("グレイヘロン・タイヤ", ["GHT"]),  # katakana, the trade word translated
        ("그레이 헤론 타이어", ["GHT"]),
        ("그레이헤론 타이어", ["GHT"]),  # two words of the name written as one
        ("ミカド化粧品", ["MKC"]),  # katakana and the trade in Japanese
        ("Mikado精密", ["MKP"]),  # Latin and the trade in Chinese characters
        ("실버 라군 스파", ["SLS"]),  # most of the name
        ("ホロー・スタッグ蒸溜所", ["HSD"]),
    ],
)
def test_a_latin_name_written_word_by_word_in_another_script(
    query: str, expected: list[str]
) -> None:
    """Japanese and Korean buyers write a Latin name as it sounds, word by word, and often
    its trade word in their own language."""
    found = names.build_index(SOUNDED).find(query)
    assert sorted(m.exhibitor_id for m in found) == sorted(expected)


def test_a_sounded_name_is_found_inside_a_message() -> None:
    index = names.build_index(SOUNDED)
    text = "ホロー・スタッグ蒸溜所と商談のアポを取りたいのですが"
    assert [(m.exhibitor_id, text[m.start : m.end]) for m in index.mentions(text)] == [
        ("HSD", "ホロー・スタッグ蒸溜所")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Есть ли среди участников выставки производители?",  # участник: no pair of words
        "이 회사 부스 어디예요?",
        "サクラの季節に来ます",
        "그레이헤론",  # one word alone sounds like too many pairs of words
        "콜드체인 물류 업체",  # cold chain: everyday words of Nordkapp Cold Chain's name
        "シャンプーやトリートメント",  # treatment, no Traitement des Sols Vendée
        "독일 산업용 로봇 업체를 찾고 있어요",  # German industrial robots, no Tiger Shipping
    ],
)
def test_everyday_words_in_another_script_sound_like_no_name(text: str) -> None:
    index = names.build_index(
        [
            *SOUNDED,
            ("KWD", "Kawaguchi Denki K.K.", None, None),
            ("NCC", "Nordkapp Cold Chain AS", None, None),
            ("TSV", "Traitement des Sols Vendée SAS", None, None),
            ("TGS", "Tiger Shipping Pvt Ltd", None, None),
        ]
    )
    assert index.mentions(text) == []


def test_a_name_sounded_in_another_script_is_its_own_words() -> None:
    """다이아몬드 of Ostend Diamond Trading is the name's word, not almonds (아몬드) said."""
    text = "오스텐드 다이아몬드 트레이딩 홈페이지"
    spans = names.sounded_spans(text, ["Ostend Diamond Trading BVBA"])
    assert [text[start:end] for start, end in spans] == ["오스텐드", "다이아몬드", "트레이딩"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kaestner Maschinenfabrik", ["KAE"]),  # "ä" typed as "ae"
        ("Kästner Maschinenfabrik", ["KAE"]),
        ("Moeller Fisk", ["MOL"]),  # Danish "ø" typed as "oe"
    ],
)
def test_umlauts_typed_as_two_letters(query: str, expected: list[str]) -> None:
    index = names.build_index(
        [
            ("KAE", "Maschinenfabrik Otto Kästner GmbH", None, None),
            ("MOL", "Møller Fisk A/S", None, None),
        ]
    )
    assert [m.exhibitor_id for m in index.find(query)] == expected


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("뮐러", "Müller"),  # hangul 위 after a consonant for a German ü
    ],
)
def test_a_name_in_hangul_or_kana_sounds_like_its_latin_letters(written: str, latin: str) -> None:
    assert names.skeleton(written) in names.latin_skeletons(names.fold_word(latin), word=True)
