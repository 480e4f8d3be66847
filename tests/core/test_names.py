"""Company names linked to the catalog in the forms people write them, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
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
    ("AN1", "Andes Medical S.A.", None, None),  # two companies, one name, two legal forms
    ("AN2", "Andes Medical Ltd.", None, None),
    ("RET", "Retired Wines Pty Ltd", None, None),  # no longer listed: never found
]


def add_catalog(session: Session) -> None:
    for n, (exhibitor_id, name_en, name_zh, aliases) in enumerate(CATALOG):
        session.add(
            Exhibitor(
                id=exhibitor_id,
                name_en=name_en,
                name_zh=name_zh,
                aliases=aliases,
                country="DE",
                area="food",
                hall="1.1",
                booth=f"1.1A-{n:02d}",
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


def _migrated_with_catalog(url: str) -> Iterator[SessionFactory]:
    engine = make_engine(url)
    migrate(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        add_catalog(session)
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
        ("北欧医疗科技有限公司", "NOR"),
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
