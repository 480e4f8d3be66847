"""The all-or-nothing imports, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.__main__ import main
from core.db import make_engine, migrate, session_factory, transaction
from core.i18n import translator
from core.imports import import_events, import_exhibitors
from core.models import Event, Exhibitor
from core.settings import ROOT
from core.taxonomy import load_taxonomy

HEADER = "id,name_en,name_zh,country,area,hall,booth,products,description_en,description_zh,languages,website,email\n"
GOOD = (
    HEADER
    + "T1,Nordic Test AB,北欧测试,SE,medical,6.1,6.1A-01,medical devices;MRI,Imaging,,en;sv,https://t1.example,info@t1.example\n"
    + "T2,Fromagerie Test,,FR,food,8.2,8.2B-02,fromage;vin,,,fr;en,,\n"
)
EVENTS_HEADER = "id,title_en,title_zh,city,venue,starts_at,ends_at,products,url\n"


@pytest.fixture
def sessions(database_url: str):
    engine = make_engine(database_url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(ROOT / "data")


def count(sessions, model) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_import_then_reimport_is_a_no_op_and_updates_by_id(sessions, taxonomy) -> None:
    with transaction(sessions) as session:
        first = import_exhibitors(session, GOOD.encode(), taxonomy)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    with transaction(sessions) as session:
        again = import_exhibitors(session, GOOD.encode(), taxonomy)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    with transaction(sessions) as session:
        changed = import_exhibitors(session, GOOD.replace("6.1A-01", "6.1A-09").encode(), taxonomy)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    with sessions() as session:
        assert session.get(Exhibitor, "T1").booth == "6.1A-09"
        assert "medical_devices" in session.get(Exhibitor, "T1").categories


def test_bad_rows_reject_the_whole_file_with_one_message_each(sessions, taxonomy) -> None:
    bad = (
        GOOD
        + "T3,Bad Country,,Germany,food,8.2,8.2C-01,wine,,,,,\n"
        + "T4,Bad Area,,DE,food2,8.2,8.2C-02,wine,,,,,\n"
        + "T5,,,DE,food,eight,8.2C-03,,,,,http://t5.example,not-an-email\n"
        + "T1,Duplicate,,DE,food,8.2,8.2C-04,wine,,,,,\n"
    )
    with transaction(sessions) as session:
        report = import_exhibitors(session, bad.encode(), taxonomy)
    assert not report.ok
    found = {(e.line, e.column) for e in report.errors}
    assert found == {
        (4, "country"),
        (5, "area"),
        (6, "name_en"),
        (6, "hall"),
        (6, "products"),
        (6, "website"),
        (6, "email"),
        (7, "id"),
    }
    assert count(sessions, Exhibitor) == 0
    messages = [e.render(translator("en")) for e in report.errors]
    assert "line 4, column country: “Germany” is not an ISO 3166-1 alpha-2 country code" in messages


def test_error_messages_are_localized(sessions, taxonomy) -> None:
    with transaction(sessions) as session:
        report = import_exhibitors(
            session, (HEADER + "X,,,DE,food,8.2,B,w,,,,,\n").encode(), taxonomy
        )
    rendered = report.errors[0].render(translator("de"))
    assert rendered != report.errors[0].render(translator("en"))
    assert "name_en" in rendered


@pytest.mark.parametrize(
    ("raw", "column"),
    [
        (b"", ""),
        (b"\xff\xfe garbage", ""),
        (b"id,name_en\nX,Y\n", "country"),
        ((HEADER.strip() + ",extra\n").encode(), "extra"),
        (HEADER.encode(), ""),
        ((HEADER + "T9,Short row,,DE\n").encode(), "area"),
    ],
)
def test_malformed_files_are_rejected(sessions, taxonomy, raw: bytes, column: str) -> None:
    with transaction(sessions) as session:
        report = import_exhibitors(session, raw, taxonomy)
    assert not report.ok
    assert column in {e.column for e in report.errors}
    assert count(sessions, Exhibitor) == 0


def test_events_are_stored_in_utc_with_city_ids(sessions, taxonomy) -> None:
    raw = (
        EVENTS_HEADER
        + "EV1,Wine fair,葡萄酒展,Suzhou,Expo hall,2026-12-01T09:00,2026-12-01T17:00,wine,\n"
    )
    with transaction(sessions) as session:
        assert import_events(session, raw.encode(), taxonomy).ok
    with sessions() as session:
        event = session.get(Event, "EV1")
        assert event.city == "suzhou"
        assert event.starts_at.isoformat() == "2026-12-01T01:00:00+00:00"


def test_bad_events_are_rejected(sessions, taxonomy) -> None:
    raw = (
        EVENTS_HEADER
        + "EV1,Ends first,,Suzhou,Hall,2026-12-01T09:00,2026-12-01T08:00,,\n"
        + "EV2,Far away,,Paris,Hall,2026-12-01T09:00,2026-12-01T10:00,,\n"
        + "EV3,Bad date,,Hefei,Hall,next week,2026-12-01T10:00,,\n"
    )
    with transaction(sessions) as session:
        report = import_events(session, raw.encode(), taxonomy)
    assert {(e.line, e.column) for e in report.errors} == {
        (2, "ends_at"),
        (3, "city"),
        (4, "starts_at"),
    }
    assert count(sessions, Event) == 0


def test_import_command_reports_and_exits_non_zero(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "T4,Bad Area,,DE,food2,8.2,8.2C-02,wine,,,,,\n", encoding="utf-8")
    assert main(["import-catalog", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "nothing was changed" in out and "line 2, column area" in out
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["import-catalog", str(good)]) == 0
    assert "2 new" in capsys.readouterr().out
    assert main(["import-catalog", str(tmp_path / "missing.csv")]) == 2
