"""The all-or-nothing imports, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.__main__ import main
from core.db import make_engine, migrate, session_factory, transaction
from core.i18n import translator
from core.imports import FieldError, import_events, import_exhibitors, parse_https
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
    assert "row 4, column country: “Germany” is not an ISO 3166-1 alpha-2 country code" in messages


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


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("https://t1.example", "https://t1.example"),
        ("www.bonsanti.example", "https://www.bonsanti.example"),
        ("Kessler-Verpackung.de/en/export", "https://Kessler-Verpackung.de/en/export"),
    ],
)
def test_a_web_address_without_its_scheme_is_read_as_https(written: str, stored: str) -> None:
    assert parse_https(written) == stored


@pytest.mark.parametrize(
    "written", ["http://t1.example", "ftp://t1.example", "see our site", "localhost", "https://"]
)
def test_an_address_that_is_not_a_secure_web_page_is_refused(written: str) -> None:
    with pytest.raises(FieldError):
        parse_https(written)


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
    assert "nothing was changed" in out and "row 2, column area" in out
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["import-catalog", str(good)]) == 0
    assert "2 new" in capsys.readouterr().out
    assert main(["import-catalog", str(tmp_path / "missing.csv")]) == 2


# --- organisers' files as they really are ------------------------------------------------
CHINESE = (
    "id,name_en,name_zh,aliases,country,area,hall,booth,products,languages\n"
    "C1,Shanghai Test Foods,上海测试食品,沪测；测试食品集团,CN,food,8.2,8.2A-01,冷冻三文鱼;速冻饺子,zh;en\n"
    "C2,Hangzhou Test Tea,杭州测试茶业,,CN,Food,8.1,8.1B-02,龙井茶,zh\n"
)


def delimited(text: str, delimiter: str) -> str:
    """The same table as a spreadsheet program saves it with another separator."""
    import csv
    import io

    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


def attempt(sessions, raw: bytes, taxonomy):
    """An import in a session of its own, closed afterwards."""
    with sessions() as session:
        return import_exhibitors(session, raw, taxonomy)


def imported(sessions, taxonomy, raw: bytes, **kw):
    with transaction(sessions) as session:
        report = import_exhibitors(session, raw, taxonomy, **kw)
    assert report.ok, [e.render(translator("en")) for e in report.errors]
    return report


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-8"])
def test_chinese_excel_encodings_are_read(sessions, taxonomy, encoding: str) -> None:
    report = imported(sessions, taxonomy, CHINESE.encode(encoding))
    assert report.created == 2
    with sessions() as session:
        c1 = session.get(Exhibitor, "C1")
        assert c1.name_zh == "上海测试食品"
        assert c1.aliases == "沪测;测试食品集团"
        assert c1.products == "冷冻三文鱼;速冻饺子"
        assert session.get(Exhibitor, "C2").area == "food"


def test_a_western_code_page_is_refused_not_read_as_chinese(sessions, taxonomy) -> None:
    # Windows-1252 bytes that happen to pair up into valid GB18030 characters.
    text = HEADER + "W1,Käsehöfe Müller,,DE,food,8.2,8.2B-02,Käse;Würste,Spezialitäten,,de,,\n"
    raw = text.encode("cp1252")
    raw.decode("gb18030")  # no error: only plausibility can tell
    report = attempt(sessions, raw, taxonomy)
    assert not report.ok
    assert "neither UTF-8 nor GB18030" in report.errors[0].render(translator("en"))


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolon"), ("\t", "tab")])
def test_semicolon_and_tab_files_are_read_and_named_in_column_errors(
    sessions, taxonomy, delimiter: str, name: str
) -> None:
    raw = delimited(GOOD.replace(",Imaging,", ',"Imaging, CT and MRI",'), delimiter).encode()
    assert imported(sessions, taxonomy, raw).created == 2
    with sessions() as session:
        assert session.get(Exhibitor, "T1").description_en == "Imaging, CT and MRI"
    broken = raw.replace(b"country", b"land", 1)
    report = attempt(sessions, broken, taxonomy)
    [error] = report.errors[:1]
    assert error.column == "country" and error.line == 1
    assert f"split at each {name}" in error.render(translator("en"))
    assert error.render(translator("de")) != error.render(translator("en"))


def test_a_file_with_no_separator_found_says_it_split_at_commas(sessions, taxonomy) -> None:
    raw = GOOD.replace(",", "|").encode()
    report = attempt(sessions, raw, taxonomy)
    messages = [e.render(translator("en")) for e in report.errors]
    assert any("required column is missing" in m and "split at each comma" in m for m in messages)


def test_column_names_and_enum_values_ignore_case_and_spaces(sessions, taxonomy) -> None:
    header = "ID, Name EN ,name-zh,Country,AREA,Hall,Booth,Products,Languages\n"
    raw = (
        header
        + "U1,Upper Case Med,,de,MEDICAL,6.1,6.1A-02,MRI,EN;De\nU2,Food Co,,fr,Food,8.2,8.2A-03,vin,FR\n"
    )
    imported(sessions, taxonomy, raw.encode())
    with sessions() as session:
        u1 = session.get(Exhibitor, "U1")
        assert (u1.country, u1.area, u1.languages) == ("DE", "medical", "en;de")
        assert session.get(Exhibitor, "U2").area == "food"


def test_errors_name_the_spreadsheet_row_where_a_multi_line_record_starts(
    sessions, taxonomy
) -> None:
    raw = (
        HEADER
        + 'M1,Two Lines,,SE,medical,6.1,6.1A-01,MRI,"First line\nsecond line",,,,\n'
        + 'M2,Three Lines,,SE,medical,6.1,6.1A-02,MRI,"a\nb\nc",,,,not-an-email\n'
        + "M3,Bad Area,,SE,medicine,6.1,6.1A-03,MRI,,,,,\n"
    )
    report = attempt(sessions, raw.encode(), taxonomy)
    assert {(e.line, e.column) for e in report.errors} == {(3, "email"), (4, "area")}
    assert "row 3, column email" in report.errors[0].render(translator("en"))


def test_blank_lines_and_trailing_empty_columns_are_tolerated(sessions, taxonomy) -> None:
    rows = GOOD.strip().split("\n")
    raw = "\n".join([rows[0] + ",,", rows[1] + ",,", "", rows[2] + ",,"]) + "\n"
    assert imported(sessions, taxonomy, raw.encode()).created == 2


def test_xlsx_first_sheet_with_numbers_and_dates(sessions, taxonomy) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Name_EN", "Aliases", "Country", "Area", "Hall", "Booth", "Products"])
    sheet.append(
        ["X1", "Excel Medical", "XM; エクセル医療 ;", "jp", "Medical", 6.1, "6.1A-01", "MRI"]
    )
    sheet.append([1002, "Number Id Foods", None, "FR", "FOOD", 8.2, "8.2A-02", "vin; fromage"])
    sheet.append([None] * 8)
    sheet.append(["X3", "Bad Hall", None, "FR", "food", "eight", "8.2A-03", "vin"])
    workbook.create_sheet("Notes").append(["ignored"])
    raw = _xlsx_bytes(workbook)
    report = attempt(sessions, raw, taxonomy)
    assert [(e.line, e.column) for e in report.errors] == [(5, "hall")]
    sheet.delete_rows(5)
    imported(sessions, taxonomy, _xlsx_bytes(workbook))
    with sessions() as session:
        x1 = session.get(Exhibitor, "X1")
        assert (x1.hall, x1.area, x1.country, x1.aliases) == (
            "6.1",
            "medical",
            "JP",
            "XM;エクセル医療",
        )
        assert session.get(Exhibitor, "1002").hall == "8.2"


def _xlsx_bytes(workbook) -> bytes:
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_dates_and_times_become_iso_text(sessions, taxonomy) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "title_en", "city", "venue", "starts_at", "ends_at"])
    sheet.append(
        [
            "EVX",
            "Excel fair",
            "Suzhou",
            "Hall",
            datetime(2026, 12, 1, 9),
            datetime(2026, 12, 1, 17, 30),
        ]
    )
    with transaction(sessions) as session:
        report = import_events(session, _xlsx_bytes(workbook), taxonomy)
    assert report.ok, report.errors
    with sessions() as session:
        event = session.get(Event, "EVX")
        assert event.starts_at.isoformat() == "2026-12-01T01:00:00+00:00"
        assert event.ends_at.isoformat() == "2026-12-01T09:30:00+00:00"


def test_a_broken_xlsx_is_refused_with_a_message(sessions, taxonomy) -> None:
    report = attempt(sessions, b"PK\x03\x04 not really a workbook", taxonomy)
    assert not report.ok and "cannot be opened" in report.errors[0].render(translator("en"))


def test_aliases_are_stored_and_searchable(sessions, taxonomy) -> None:
    from core import catalog

    raw = (
        GOOD.replace(HEADER.strip(), HEADER.strip() + ",aliases")
        .replace("info@t1.example\n", "info@t1.example, 北欧医疗 ; Nordic Imaging;;\n")
        .replace("fr;en,,\n", "fr;en,,,\n")
    )
    imported(sessions, taxonomy, raw.encode())
    with sessions() as session:
        assert session.get(Exhibitor, "T1").aliases == "北欧医疗;Nordic Imaging"
        assert session.get(Exhibitor, "T2").aliases is None
        # Company names, aliases included, are looked up by the name matcher (core.names).
        for alias in ("Nordic Imaging", "北欧医疗"):
            assert [e.id for e in catalog.find_by_name(session, alias)] == ["T1"]


def test_unchanged_reimport_reports_every_row_unchanged(sessions, taxonomy) -> None:
    raw = CHINESE.encode("gb18030")
    imported(sessions, taxonomy, raw)
    with sessions() as session:
        stamp = session.get(Exhibitor, "C1").updated_at
    again = imported(sessions, taxonomy, delimited(CHINESE, ";").encode("utf-8-sig"))
    assert (again.created, again.updated, again.unchanged, again.missing) == (0, 0, 2, ())
    with sessions() as session:
        assert session.get(Exhibitor, "C1").updated_at == stamp


def test_the_same_file_over_an_untouched_catalog_is_known_without_reading(
    sessions, taxonomy
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "name_en", "name_zh", "country", "area", "hall", "booth", "products"])
    sheet.append(["X1", "Excel Medical", "エクセル医療", "JP", "medical", 6.1, "6.1A-01", "MRI"])
    sheet.append([1002, "Number Id Foods", None, "FR", "food", 8.2, "8.2A-02", "vin; fromage"])
    raw = _xlsx_bytes(workbook)
    first = imported(sessions, taxonomy, raw)
    assert (first.created, first.same_file) == (2, False)
    again = imported(sessions, taxonomy, raw)
    assert (again.created, again.updated, again.unchanged, again.missing) == (0, 0, 2, ())
    assert again.same_file
    # The same rows in other bytes are read and compared as usual.
    as_csv = (
        "id,name_en,name_zh,country,area,hall,booth,products\n"
        "X1,Excel Medical,エクセル医療,JP,medical,6.1,6.1A-01,MRI\n"
        "1002,Number Id Foods,,FR,food,8.2,8.2A-02,vin; fromage\n"
    )
    other = imported(sessions, taxonomy, as_csv.encode())
    assert (other.unchanged, other.same_file) == (2, False)
    assert imported(sessions, taxonomy, raw, recategorise=True).same_file is False


def test_a_catalog_changed_since_the_last_import_is_compared_with_the_file(
    sessions, taxonomy
) -> None:
    """Edits after an import, even ones that leave updated_at alone, make the same file
    count again: it puts back what it says."""
    from sqlalchemy import text

    imported(sessions, taxonomy, GOOD.encode())
    with transaction(sessions) as session:
        session.get(Exhibitor, "T1").booth = "6.1A-77"
    first = imported(sessions, taxonomy, GOOD.encode())
    assert (first.updated, first.unchanged, first.same_file) == (1, 1, False)
    with transaction(sessions) as session:
        session.execute(text("UPDATE exhibitors SET name_en = 'Renamed' WHERE id = 'T2'"))
    second = imported(sessions, taxonomy, GOOD.encode())
    assert (second.updated, second.unchanged, second.same_file) == (1, 1, False)
    with sessions() as session:
        assert session.get(Exhibitor, "T1").booth == "6.1A-01"
        assert session.get(Exhibitor, "T2").name_en == "Fromagerie Test"
    third = imported(sessions, taxonomy, GOOD.encode())
    assert (third.updated, third.unchanged, third.same_file) == (0, 2, True)


def test_missing_exhibitors_are_reported_and_pruned_only_when_asked(sessions, taxonomy) -> None:
    from datetime import UTC, date, datetime

    from core import catalog, meetings
    from core.catalog import SearchQuery
    from core.models import Meeting, Notification, User
    from core.settings import Settings

    imported(sessions, taxonomy, GOOD.encode())
    settings = Settings(expo_start=date(2027, 11, 5))
    now = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
    with transaction(sessions) as session:
        buyer, colleague = (
            User(channel="telegram", external_id=1),
            User(channel="telegram", external_id=2),
        )
        session.add_all([buyer, colleague])
        session.flush()
        for start in meetings.offered_slots(session, "T2", settings, now)[:2]:
            meetings.book(session, booker=buyer, exhibitor_id="T2", starts_at=start.starts_at,
                          settings=settings, now=now, others=[colleague])  # fmt: skip
    only_t1 = "\n".join(GOOD.split("\n")[:2]) + "\n"

    kept = imported(sessions, taxonomy, only_t1.encode(), now=now)
    assert (kept.missing, kept.retired, kept.unchanged) == (("T2",), (), 1)
    with sessions() as session:
        assert session.get(Exhibitor, "T2").retired_at is None

    pruned = imported(sessions, taxonomy, only_t1.encode(), prune=True, now=now)
    assert (pruned.retired, pruned.notified, pruned.same_file) == (("T2",), 2, True)
    with sessions() as session:
        assert session.get(Exhibitor, "T2").retired_at == now
        statuses = session.scalars(select(Meeting.status)).all()
        assert statuses == ["cancelled", "cancelled"]
        notes = session.execute(select(Notification.kind, Notification.status)).all()
        assert sorted(notes) == (
            [("invited", "pending")] * 2  # the colleague's; shown only while booked
            + [("reminder", "cancelled")] * 4
            + [("withdrawn", "pending")] * 2  # one per person, for two meetings
        )
        assert catalog.find_by_name(session, "Fromagerie Test") == []
        assert catalog.search(session, SearchQuery(keywords=("fromage",))).total == 0
        assert catalog.facets(session, SearchQuery(country="FR"))["country"] == []
        assert meetings.offered_slots(session, "T2", settings, now) == []

    again = imported(sessions, taxonomy, only_t1.encode(), prune=True, now=now)
    assert (again.missing, again.notified, again.same_file) == ((), 0, True)

    back = imported(sessions, taxonomy, GOOD.encode(), now=now)
    assert (back.restored, back.updated, back.unchanged) == (("T2",), 1, 1)
    with sessions() as session:
        assert session.get(Exhibitor, "T2").retired_at is None
        assert [e.id for e in catalog.find_by_name(session, "Fromagerie Test")] == ["T2"]
        assert meetings.offered_slots(session, "T2", settings, now) != []


def test_import_command_reports_missing_exhibitors_and_prunes(
    database_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    full = tmp_path / "full.csv"
    full.write_bytes(CHINESE.encode("gb18030"))
    assert main(["import-catalog", str(full)]) == 0
    assert "2 new" in capsys.readouterr().out
    shorter = tmp_path / "shorter.csv"
    shorter.write_bytes("\n".join(CHINESE.split("\n")[:2]).encode("gb18030"))
    assert main(["import-catalog", str(shorter)]) == 0
    out = capsys.readouterr().out
    assert "1 unchanged" in out
    assert "1 exhibitor in the catalog is no longer in the file: C2" in out and "--prune" in out
    assert main(["import-catalog", "--prune", str(shorter)]) == 0
    out = capsys.readouterr().out
    assert "1 exhibitor no longer in the file was retired: C2" in out
    assert "0 visitors were told" in out
    assert main(["import-catalog", str(full)]) == 0
    assert "back in the catalog: C2" in capsys.readouterr().out


def test_meeting_hours_from_xlsx_date_and_time_cells(sessions, taxonomy) -> None:
    from datetime import date, datetime, time

    from openpyxl import Workbook

    from core.imports import import_schedules
    from core.models import ExhibitorSchedule

    imported(sessions, taxonomy, GOOD.encode())
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Exhibitor ID", "Date", "Start", "End", "Slot minutes"])
    sheet.append(["T1", datetime(2027, 11, 5), time(9, 0), time(12, 30), 45])
    sheet.append(["T1", date(2027, 11, 6), "10:00", "11:00", None])
    with transaction(sessions) as session:
        report = import_schedules(session, _xlsx_bytes(workbook), 30)
    assert report.ok, [e.render(translator("en")) for e in report.errors]
    with sessions() as session:
        rows = session.scalars(select(ExhibitorSchedule).order_by(ExhibitorSchedule.day)).all()
        assert [(r.day, r.starts, r.ends, r.slot_minutes) for r in rows] == [
            (date(2027, 11, 5), time(9), time(12, 30), 45),
            (date(2027, 11, 6), time(10), time(11), 30),
        ]


def test_recategorise_refreshes_categories_from_an_older_taxonomy(sessions, taxonomy) -> None:
    from sqlalchemy import update

    from core.models import ExhibitorCategory

    imported(sessions, taxonomy, GOOD.encode())
    with transaction(sessions) as session:  # as an older taxonomy without these terms left it
        session.execute(update(Exhibitor).where(Exhibitor.id == "T1").values(categories=""))
        session.execute(
            ExhibitorCategory.__table__.delete().where(ExhibitorCategory.exhibitor_id == "T1")
        )
    assert imported(sessions, taxonomy, GOOD.encode()).unchanged == 2
    again = imported(sessions, taxonomy, GOOD.encode(), recategorise=True)
    assert (again.updated, again.unchanged) == (1, 1)
    with sessions() as session:
        assert "medical_devices" in session.get(Exhibitor, "T1").categories
        refreshed = session.scalars(select(ExhibitorCategory.exhibitor_id)).all()
        assert set(refreshed) == {"T1", "T2"}


def test_an_import_leaves_postgres_the_words_statistics(sessions, taxonomy) -> None:
    """Without them the planner takes a rare word for a common one and reads every row."""
    with sessions() as session:
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("SQLite's word index keeps no planner statistics")
        before = session.scalar(
            text("SELECT reltuples FROM pg_class WHERE oid = 'exhibitors'::regclass")
        )
    with transaction(sessions) as session:
        import_exhibitors(session, GOOD.encode(), taxonomy)
    with sessions() as session:
        after = session.scalar(
            text("SELECT reltuples FROM pg_class WHERE oid = 'exhibitors'::regclass")
        )
    assert (before, after) == (-1, 2)


def test_labels_mostly_unread_take_their_profile_within_the_exhibitors_area(
    sessions, taxonomy
) -> None:
    rows = (
        HEADER
        # Dutch charger labels, one read as software: the profile says EV charging.
        + "C1,Laadpunt Test B.V.,,NL,auto,8.1,8.1A-10,DC-snelladers 180 kW;AC-laadpalen 22 kW;"
        "laadbeheersoftware,EV charging hardware and software.,,nl,,\n"
        # Polish brake labels: the profile's "shoes" are brake shoes, in the auto area.
         + "C2,Hamulec Test,,PL,auto,8.1,8.1A-11,klocki hamulcowe;brake pads;tarcze hamulcowe,"
        '"Polish maker of brake pads, discs and shoes.",,pl,,\n'
        # Most labels read: the profile's words are not needed ("Sake brewery" is no beer).
         + "C3,Sake Test,,JP,food,1.1,1.1A-12,純米大吟醸;日本酒;甘酒,Niigata sake brewery.,,ja,,\n"
    )
    imported(sessions, taxonomy, rows.encode())
    with sessions() as session:
        assert "ev_charging" in session.get(Exhibitor, "C1").categories
        assert "footwear" not in session.get(Exhibitor, "C2").categories
        assert "beer" not in session.get(Exhibitor, "C3").categories
