"""All-or-nothing CSV imports of the exhibitor catalog and spillover events.

A file with any bad row is rejected whole, with one error per bad field (line, column,
reason), and nothing is written. Re-importing the same file changes nothing; an updated
file updates rows by id.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from core.alerts import queue_event_alerts
from core.fulltext import index_text
from core.i18n import N_, SHANGHAI, Translator
from core.models import Base, Event, Exhibitor, ExhibitorCategory, ExhibitorSchedule, utcnow
from core.taxonomy import AREAS, Taxonomy, is_country_code

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str  # an N_() msgid with {value}-style fields
    params: Mapping[str, str] = field(default_factory=dict)

    def render(self, t: Translator) -> str:
        reason = t.gettext(self.message).format(**self.params)
        return t.gettext("line {line}, column {column}: {reason}").format(
            line=self.line, column=self.column or "-", reason=reason
        )


@dataclass(frozen=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: tuple[RowError, ...] = ()
    alerts: int = 0  # alerts queued for subscribers (events)

    @property
    def ok(self) -> bool:
        return not self.errors


class FieldError(ValueError):
    def __init__(self, message: str, **params: str) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


Parser = Callable[[str], Any]


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    parse: Parser = str


# --- field parsers -----------------------------------------------------------------
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_HALL = re.compile(r"^\d{1,2}\.\d$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LANG = re.compile(r"^[a-z]{2}$")


def parse_id(value: str) -> str:
    if not _ID.match(value):
        raise FieldError(N_("“{value}” is not a valid id (letters, digits, - _ .)"), value=value)
    return value


def parse_country(value: str) -> str:
    code = value.upper()
    if len(code) != 2 or not is_country_code(code):
        raise FieldError(N_("“{value}” is not an ISO 3166-1 alpha-2 country code"), value=value)
    return code


def parse_area(value: str) -> str:
    if value not in AREAS:
        raise FieldError(
            N_("“{value}” is not an exhibition area; use one of {choices}"),
            value=value,
            choices=", ".join(AREAS),
        )
    return value


def parse_hall(value: str) -> str:
    if not _HALL.match(value):
        raise FieldError(N_("“{value}” is not a hall like 8.2 (hall.floor)"), value=value)
    return value


def parse_text(limit: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > limit:
            raise FieldError(N_("longer than {limit} characters"), limit=str(limit))
        return value

    return parse


def parse_list(value: str) -> str:
    items = [item.strip() for item in value.split(";") if item.strip()]
    if not items:
        raise FieldError(N_("needs at least one ;-separated item"))
    return ";".join(items)


def parse_languages(value: str) -> str:
    codes = [code.strip().lower() for code in value.split(";") if code.strip()]
    bad = [code for code in codes if not _LANG.match(code)]
    if bad:
        raise FieldError(N_("“{value}” is not a two-letter language code"), value=bad[0])
    return ";".join(codes)


def parse_https(value: str) -> str:
    if not value.startswith("https://") or len(value) <= len("https://") or " " in value:
        raise FieldError(N_("“{value}” is not an https:// URL"), value=value)
    return value


def parse_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise FieldError(N_("“{value}” is not an e-mail address"), value=value)
    return value


def parse_local_time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(
            N_("“{value}” is not an ISO 8601 time like 2026-11-20T09:00"), value=value
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=SHANGHAI)
    return parsed


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FieldError(N_("“{value}” is not a date like 2027-11-05"), value=value) from None


def parse_clock(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise FieldError(N_("“{value}” is not a time like 09:00"), value=value) from None


def parse_minutes(value: str) -> int:
    if not value.isdigit() or not 10 <= int(value) <= 240:
        raise FieldError(N_("“{value}” is not a number of minutes from 10 to 240"), value=value)
    return int(value)


EXHIBITOR_COLUMNS = (
    Column("id", True, parse_id),
    Column("name_en", True, parse_text(200)),
    Column("name_zh", False, parse_text(200)),
    Column("country", True, parse_country),
    Column("area", True, parse_area),
    Column("hall", True, parse_hall),
    Column("booth", True, parse_text(32)),
    Column("products", True, parse_list),
    Column("description_en", False, parse_text(2000)),
    Column("description_zh", False, parse_text(2000)),
    Column("languages", False, parse_languages),
    Column("website", False, parse_https),
    Column("email", False, parse_email),
)

EVENT_COLUMNS = (
    Column("id", True, parse_id),
    Column("title_en", True, parse_text(300)),
    Column("title_zh", False, parse_text(300)),
    Column("city", True, parse_text(64)),
    Column("venue", True, parse_text(300)),
    Column("starts_at", True, parse_local_time),
    Column("ends_at", True, parse_local_time),
    Column("products", False, parse_list),
    Column("url", False, parse_https),
)


# Meeting hours per exhibitor: a row without a date applies to every expo day.
SCHEDULE_COLUMNS = (
    Column("exhibitor_id", True, parse_id),
    Column("date", False, parse_date),
    Column("start", True, parse_clock),
    Column("end", True, parse_clock),
    Column("slot_minutes", False, parse_minutes),
)


# --- reading -------------------------------------------------------------------------
def read_rows(
    raw: bytes, columns: tuple[Column, ...]
) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """Parses and validates every row; returns (line, values) pairs and all errors."""
    if len(raw) > MAX_FILE_BYTES:
        return [], [RowError(0, "", N_("the file is larger than 50 MB"))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [
            RowError(1, "", N_("the file is not UTF-8 (byte {offset})"), {"offset": str(exc.start)})
        ]
    if not text.strip():
        return [], [RowError(1, "", N_("the file is empty"))]
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    errors = _check_header(reader.fieldnames, columns)
    if errors:
        return [], errors
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    try:
        for record in reader:
            line = reader.line_num
            values, row_errors = _parse_record(line, record, columns)
            errors.extend(row_errors)
            row_id = values.get("id")
            if isinstance(row_id, str):
                if row_id in seen:
                    errors.append(
                        RowError(
                            line,
                            "id",
                            N_("duplicate id “{value}”, first on line {first}"),
                            {"value": row_id, "first": str(seen[row_id])},
                        )
                    )
                seen.setdefault(row_id, line)
            if not row_errors:
                rows.append((line, values))
    except csv.Error as exc:
        errors.append(
            RowError(reader.line_num, "", N_("broken CSV: {reason}"), {"reason": str(exc)})
        )
    if not rows and not errors:
        errors.append(RowError(1, "", N_("the file has no data rows")))
    return rows, errors


def _check_header(header: Iterable[str] | None, columns: tuple[Column, ...]) -> list[RowError]:
    present = [name.strip() for name in (header or [])]
    known = {column.name for column in columns}
    errors = [
        RowError(1, column.name, N_("required column is missing"))
        for column in columns
        if column.required and column.name not in present
    ]
    errors += [RowError(1, name, N_("unknown column")) for name in present if name not in known]
    return errors


def _parse_record(
    line: int, record: dict[str | Any, Any], columns: tuple[Column, ...]
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    if None in record:
        errors.append(RowError(line, "", N_("more fields than columns in the header")))
    for column in columns:
        raw = record.get(column.name)
        value = (raw or "").strip()
        if not value:
            if raw is None and column.required:
                errors.append(RowError(line, column.name, N_("fewer fields than columns")))
            elif column.required:
                errors.append(RowError(line, column.name, N_("required value is empty")))
            values[column.name] = None
            continue
        try:
            values[column.name] = column.parse(value)
        except FieldError as exc:
            errors.append(RowError(line, column.name, exc.message, exc.params))
    return values, errors


# --- writing -------------------------------------------------------------------------
def _upsert(
    session: Session, model: type[Base], rows: list[dict[str, Any]]
) -> tuple[ImportReport, list[dict[str, Any]]]:
    """Inserts new ids, updates changed rows, leaves identical rows alone.

    Returns the report and the rows that were written (new and changed)."""
    table = model.__table__
    ids = [row["id"] for row in rows]
    existing: dict[str, dict[str, Any]] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start : chunk_start + 900]
        for found in session.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            existing[found["id"]] = dict(found)
    new = [row for row in rows if row["id"] not in existing]
    changed = [
        row
        for row in rows
        if row["id"] in existing and any(existing[row["id"]].get(k) != v for k, v in row.items())
    ]
    if new:
        session.execute(insert(model), new)
    if changed:
        session.execute(update(model), changed)
    report = ImportReport(
        created=len(new), updated=len(changed), unchanged=len(rows) - len(new) - len(changed)
    )
    return report, new + changed


def import_exhibitors(session: Session, raw: bytes, taxonomy: Taxonomy) -> ImportReport:
    rows, errors = read_rows(raw, EXHIBITOR_COLUMNS)
    if errors:
        return ImportReport(errors=tuple(errors))
    records = [_exhibitor_record(values, taxonomy) for _, values in rows]
    report, written = _upsert(session, Exhibitor, records)
    _write_categories(session, written)
    return report


def _write_categories(session: Session, records: list[dict[str, Any]]) -> None:
    """Keeps the indexed exhibitor -> category table in step with new and changed rows."""
    ids = [record["id"] for record in records]
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        session.execute(delete(ExhibitorCategory).where(ExhibitorCategory.exhibitor_id.in_(chunk)))
    pairs = [
        {"exhibitor_id": record["id"], "category": category}
        for record in records
        for category in record["categories"].split()
    ]
    if pairs:
        session.execute(insert(ExhibitorCategory), pairs)


def _exhibitor_record(values: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    products = values["products"].split(";")
    categories: set[str] = set()
    for product in products:
        categories |= taxonomy.product_categories(product, typos=False)
    # Every ancestor too, so a search for medical devices finds the hearing-aid makers.
    categories = taxonomy.with_ancestors(categories)
    record = dict(values)
    record["categories"] = " " + " ".join(sorted(categories)) + " " if categories else ""
    record["search_text"] = index_text(
        products, (values.get("description_en"), values.get("description_zh")), sorted(categories)
    )
    return record


def import_events(
    session: Session, raw: bytes, taxonomy: Taxonomy, now: datetime | None = None
) -> ImportReport:
    rows, errors = read_rows(raw, EVENT_COLUMNS)
    records: list[dict[str, Any]] = []
    for line, values in rows:
        city_id = taxonomy.city_id(values["city"])
        if city_id is None:
            errors.append(
                RowError(
                    line,
                    "city",
                    N_("“{value}” is not a known Yangtze River Delta city"),
                    {"value": values["city"]},
                )
            )
        if values["ends_at"] <= values["starts_at"]:
            errors.append(RowError(line, "ends_at", N_("ends before it starts")))
        categories: set[str] = set()
        for product in (values.get("products") or "").split(";"):
            if product:
                categories |= taxonomy.product_categories(product)
        records.append(
            {
                **values,
                "city": city_id or "",
                "categories": " " + " ".join(sorted(categories)) + " " if categories else "",
            }
        )
    if errors:
        return ImportReport(errors=tuple(sorted(errors, key=lambda e: e.line)))
    report, written = _upsert(session, Event, records)
    session.flush()
    created = {record["id"] for record in written[: report.created]}
    alerts = queue_event_alerts(session, [r["id"] for r in written], created, now or utcnow())
    return replace(report, alerts=alerts)


def import_schedules(session: Session, raw: bytes, default_minutes: int) -> ImportReport:
    """Replaces the meeting hours of every exhibitor named in the file."""
    rows, errors = read_rows(raw, SCHEDULE_COLUMNS)
    ids = sorted({values["exhibitor_id"] for _, values in rows})
    known = set(session.scalars(select(Exhibitor.id).where(Exhibitor.id.in_(ids))).all())
    for line, values in rows:
        if values["exhibitor_id"] not in known:
            errors.append(
                RowError(line, "exhibitor_id", N_("no exhibitor has the id “{value}”"),
                         {"value": values["exhibitor_id"]})
            )  # fmt: skip
        if values["end"] <= values["start"]:
            errors.append(RowError(line, "end", N_("ends before it starts")))
    if errors:
        return ImportReport(errors=tuple(sorted(errors, key=lambda e: e.line)))
    existing = session.scalars(
        select(ExhibitorSchedule).where(ExhibitorSchedule.exhibitor_id.in_(ids))
    ).all()
    before = {(r.exhibitor_id, r.day, r.starts, r.ends, r.slot_minutes) for r in existing}
    after = {
        (v["exhibitor_id"], v["date"], v["start"], v["end"], v["slot_minutes"] or default_minutes)
        for _, v in rows
    }
    if before == after:
        return ImportReport(unchanged=len(rows))
    session.execute(delete(ExhibitorSchedule).where(ExhibitorSchedule.exhibitor_id.in_(ids)))
    session.add_all(
        ExhibitorSchedule(exhibitor_id=e, day=d, starts=s, ends=t, slot_minutes=m)
        for e, d, s, t, m in sorted(after, key=str)
    )
    return ImportReport(created=len(after - before), unchanged=len(after & before))
