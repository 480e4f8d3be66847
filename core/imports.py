"""All-or-nothing imports of the exhibitor catalog, spillover events and meeting hours, from
organisers' own spreadsheets (.xlsx or CSV, see core.spreadsheets).

A file with any bad row is rejected whole, with one error per bad field (spreadsheet row,
column, reason), and nothing is written. Re-importing the same file changes nothing and
skips unchanged rows before any work; an updated file updates rows by id and reports the
exhibitors it no longer lists, which are retired only when the organiser asks (prune).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from functools import cached_property
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from core import bulk, catalog, names, outbox
from core.alerts import queue_event_alerts
from core.fulltext import index_text
from core.i18n import N_, SHANGHAI, Translator
from core.meetings import BOOKED, CANCELLED, REMINDER
from core.models import (
    Base,
    CatalogSource,
    Event,
    Exhibitor,
    ExhibitorCategory,
    ExhibitorSchedule,
    Meeting,
    MeetingAttendee,
    utcnow,
)
from core.spreadsheets import DELIMITERS, BrokenRecord, UnreadableFile, read_sheet
from core.taxonomy import AREAS, Taxonomy, fold, is_country_code

MAX_FILE_BYTES = 50 * 1024 * 1024
# The outbox kind that tells a visitor an exhibitor left the catalog with their meetings.
EXHIBITOR_WITHDRAWN = "withdrawn"
_CHUNK = 900  # ids per IN (...): below SQLite's bound-parameter limit


@dataclass(frozen=True)
class Term:
    """A message parameter that is itself translated when shown (the separator's name)."""

    msgid: str


@dataclass(frozen=True)
class RowError:
    line: int  # spreadsheet row: the header is 1, a multi-line record counts where it starts
    column: str
    message: str  # an N_() msgid with {value}-style fields
    params: Mapping[str, str | Term] = field(default_factory=dict)

    def render(self, t: Translator) -> str:
        params = {
            name: t.gettext(value.msgid) if isinstance(value, Term) else value
            for name, value in self.params.items()
        }
        reason = t.gettext(self.message).format(**params)
        return t.gettext("row {row}, column {column}: {reason}").format(
            row=self.line, column=self.column or "-", reason=reason
        )


@dataclass(frozen=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: tuple[RowError, ...] = ()
    alerts: int = 0  # alerts queued for subscribers (events)
    missing: tuple[str, ...] = ()  # listed exhibitors the file no longer has
    retired: tuple[str, ...] = ()  # of those, retired now (prune)
    restored: tuple[str, ...] = ()  # retired exhibitors the file lists again
    notified: int = 0  # visitors told their meetings with a retired exhibitor are off
    # The file the last import read, over a catalog unchanged since: known without reading.
    same_file: bool = False

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
    value = value.lower()
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


# Chinese input methods type the full-width semicolon; both separate list items.
_LIST_SEPARATOR = re.compile(r"[;；]")


def split_list(value: str) -> list[str]:
    """Trimmed, non-empty items, each once (first spelling kept), in the file's order."""
    items: dict[str, str] = {}
    for item in _LIST_SEPARATOR.split(value):
        item = item.strip()
        if item:
            items.setdefault(fold(item), item)
    return list(items.values())


def parse_list(value: str) -> str:
    items = split_list(value)
    if not items:
        raise FieldError(N_("needs at least one ;-separated item"))
    return ";".join(items)


def parse_aliases(value: str) -> str:
    aliases = split_list(value)
    if any(len(alias) > 200 for alias in aliases):
        raise FieldError(N_("an alias is longer than {limit} characters"), limit="200")
    return ";".join(aliases)


# A host with at least one dot and a letter-only top-level domain, then an optional path.
_BARE_HOST = re.compile(r"(?i)^(?![a-z][a-z0-9+.-]*:)[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$")


def parse_languages(value: str) -> str:
    codes = [code.lower() for code in split_list(value)]
    bad = [code for code in codes if not _LANG.match(code)]
    if bad:
        raise FieldError(N_("“{value}” is not a two-letter language code"), value=bad[0])
    return ";".join(codes)


def parse_https(value: str) -> str:
    """An https:// address; a bare host as spreadsheets often hold it ("www.x.com/de") is read
    as https. A plain http:// address is refused: the card's link would not be secure."""
    if _BARE_HOST.match(value):
        value = "https://" + value
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
    Column("aliases", False, parse_aliases),
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
Rows = list[tuple[int, dict[str, Any]]]


def read_rows(raw: bytes, columns: tuple[Column, ...]) -> tuple[Rows, list[RowError]]:
    """Parses and validates every row; returns (spreadsheet row, values) pairs and all
    errors."""
    if len(raw) > MAX_FILE_BYTES:
        return [], [RowError(0, "", N_("the file is larger than 50 MB"))]
    try:
        sheet = read_sheet(raw)
    except UnreadableFile as exc:
        return [], [RowError(1, "", exc.message, exc.params)]
    except BrokenRecord as exc:
        return [], [RowError(exc.row, "", N_("broken CSV: {reason}"), {"reason": exc.reason})]
    if not any(name.strip() for name in sheet.header):
        return [], [RowError(1, "", N_("the file is empty"))]
    layout = _Layout.of(sheet.header, sheet.delimiter)
    errors = layout.check(columns)
    if errors:
        return [], errors
    rows: Rows = []
    seen: dict[str, int] = {}
    try:
        for line, cells in sheet.records:
            values, row_errors = _parse_record(line, cells, layout, columns)
            errors.extend(row_errors)
            row_id = values.get("id")
            if isinstance(row_id, str):
                if row_id in seen:
                    errors.append(
                        RowError(
                            line,
                            "id",
                            N_("duplicate id “{value}”, first on row {first}"),
                            {"value": row_id, "first": str(seen[row_id])},
                        )
                    )
                seen.setdefault(row_id, line)
            if not row_errors:
                rows.append((line, values))
    except BrokenRecord as exc:
        errors.append(RowError(exc.row, "", N_("broken CSV: {reason}"), {"reason": exc.reason}))
    if not rows and not errors:
        errors.append(RowError(1, "", N_("the file has no data rows")))
    return rows, errors


def column_key(name: str) -> str:
    """ "Name EN", " name_en" and "NAME-EN" all mean name_en."""
    return re.sub(r"[\s\-]+", "_", name.strip().casefold())


@dataclass(frozen=True)
class _Layout:
    """Where each column is in the file, and how the header was split."""

    names: list[str]  # normalised header cells, "" where a header cell is empty
    delimiter: str | None  # None for .xlsx
    header: list[str]  # as the file has it, for messages

    @classmethod
    def of(cls, header: Sequence[str], delimiter: str | None) -> _Layout:
        return cls([column_key(name) for name in header], delimiter, list(header))

    @cached_property
    def positions(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for position, name in enumerate(self.names):
            if name:
                found.setdefault(name, position)
        return found

    def separator(self) -> dict[str, str | Term]:
        return {"delimiter": Term(DELIMITERS[self.delimiter])} if self.delimiter else {}

    def check(self, columns: tuple[Column, ...]) -> list[RowError]:
        """Required columns present, every column known and given once. On a CSV file each
        message names the separator the header was split at: a wrong one explains them all."""
        present = self.positions
        known = {column.name for column in columns}
        found = ", ".join(f"“{name.strip()}”" for name in self.header if name.strip())[:300]
        if self.delimiter:
            missing = N_(
                "required column is missing (the header, split at each {delimiter}, has: {found})"
            )
            unknown = N_("unknown column (the header was split at each {delimiter})")
        else:
            missing = N_("required column is missing (the header has: {found})")
            unknown = N_("unknown column")
        errors = [
            RowError(1, column.name, missing, {**self.separator(), "found": found})
            for column in columns
            if column.required and column.name not in present
        ]
        errors += [
            RowError(1, name, unknown, self.separator()) for name in present if name not in known
        ]
        errors += [
            RowError(1, name, N_("the column appears twice in the header"))
            for position, name in enumerate(self.names)
            if name and present[name] != position
        ]
        return errors


def _parse_record(
    line: int, cells: list[str], layout: _Layout, columns: tuple[Column, ...]
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    if any(cell.strip() for cell in cells[len(layout.names) :]):
        if layout.delimiter:
            message = N_("more fields than the header has columns (separator: {delimiter})")
        else:
            message = N_("a value in a column without a header")
        errors.append(RowError(line, "", message, layout.separator()))
    positions = layout.positions
    for column in columns:
        position = positions.get(column.name)
        raw = cells[position] if position is not None and position < len(cells) else None
        value = (raw or "").strip()
        if not value:
            if raw is None and column.required and layout.delimiter:
                errors.append(
                    RowError(
                        line,
                        column.name,
                        N_("fewer fields than the header has columns (separator: {delimiter})"),
                        layout.separator(),
                    )
                )
            elif column.required:
                errors.append(RowError(line, column.name, N_("required value is empty")))
            values[column.name] = None
            continue
        try:
            values[column.name] = column.parse(value) or None
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
    for chunk_start in range(0, len(ids), _CHUNK):
        chunk = ids[chunk_start : chunk_start + _CHUNK]
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


# The columns an exhibitor row is compared on at re-import; the rest is derived from them.
_SOURCE_FIELDS = tuple(column.name for column in EXHIBITOR_COLUMNS)
# Part of a file's fingerprint: raise it when reading or checking rows changes, so that a
# file imported under the old rules is read again rather than recognised.
_READING_RULES = b"exhibitors/1\n"


@dataclass(frozen=True)
class _Stored:
    source: tuple[Any, ...]  # the file's columns as last imported
    retired_at: datetime | None
    categories: str
    search_text: str  # with its categories' and attributes' tokens


@dataclass(frozen=True)
class _Plan:
    """What an import writes, and what it reports."""

    listed: int
    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    missing: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    errors: tuple[RowError, ...] = ()
    same_file: bool = False


def import_exhibitors(
    session: Session,
    raw: bytes,
    taxonomy: Taxonomy,
    *,
    prune: bool = False,
    recategorise: bool = False,
    demo: bool = False,
    now: datetime | None = None,
) -> ImportReport:
    """Imports the catalog. Rows equal to what is stored are skipped before any work, unless
    `recategorise` asks to look their products up again (after the taxonomy changed); the
    very file the last import read, over a catalog nothing has changed since, is not even
    read. Exhibitors the file no longer lists are reported, and retired when `prune` is set."""
    now = now or utcnow()
    stored = _stored_exhibitors(session)
    file_sha256 = hashlib.sha256(_READING_RULES + raw).hexdigest()
    state = {key: (row.source, row.retired_at is not None) for key, row in stored.items()}
    state_sha256 = _state_sha256(state)
    last = session.get(CatalogSource, "exhibitors")
    if (
        not recategorise
        and last is not None
        and last.file_sha256 == file_sha256
        and last.state_sha256 == state_sha256
        and last.listed is not None
    ):
        plan = _Plan(
            listed=last.listed,
            missing=tuple(filter(None, (last.missing or "").split(";"))),
            same_file=True,
        )
    else:
        plan = _plan(raw, stored, Categoriser(taxonomy), recategorise, now)
        if plan.errors:
            return ImportReport(errors=plan.errors)
    new, changed = plan.new, plan.changed
    with bulk.deferred_word_index(session, bulk.is_bulk(len(new) + len(changed), len(stored))):
        _write_exhibitors(session, new, changed)
    _write_categories(session, new, changed)
    report = ImportReport(
        created=len(new),
        updated=len(changed),
        unchanged=plan.listed - len(new) - len(changed),
        missing=plan.missing,
        restored=plan.restored,
        same_file=plan.same_file,
    )
    if prune and plan.missing:
        report = replace(report, retired=plan.missing, notified=retire(session, plan.missing, now))
    source = catalog.mark_source(session, "exhibitors", demo=demo, now=now)
    _remember_import(source, file_sha256, (state, state_sha256), plan, report)
    if new or changed or report.retired:
        names.forget(session)  # this process finds the new names at once; others within a second
        bulk.refresh_statistics(session)
    return report


def _plan(
    raw: bytes,
    stored: Mapping[str, _Stored],
    categorise: Categoriser,
    recategorise: bool,
    now: datetime,
) -> _Plan:
    """Reads the file and sorts its rows into new, changed and unchanged."""
    rows, errors = read_rows(raw, EXHIBITOR_COLUMNS)
    if errors:
        return _Plan(listed=0, errors=tuple(errors))
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for _, values in rows:
        before = stored.get(values["id"])
        same = before is not None and before.retired_at is None and before.source == _source(values)
        if same and not recategorise:
            continue
        record = _exhibitor_record(values, categorise)
        if (
            same
            and before is not None
            and (before.categories, before.search_text)
            == (record["categories"], record["search_text"])
        ):
            continue
        record.update(retired_at=None, updated_at=now)
        (new if before is None else changed).append(record)
    listed = {values["id"] for _, values in rows}
    missing = tuple(
        sorted(key for key, row in stored.items() if row.retired_at is None and key not in listed)
    )
    restored = tuple(sorted(r["id"] for r in changed if stored[r["id"]].retired_at is not None))
    return _Plan(len(rows), new, changed, missing, restored)


_State = dict[str, tuple[tuple[Any, ...], bool]]  # id -> (source fields, retired)


def _state_sha256(state: _State) -> str:
    """A digest of everything an import's outcome depends on in the stored catalog (the
    source fields are text or None, whose repr is stable)."""
    return hashlib.sha256(repr(sorted(state.items())).encode()).hexdigest()


def _remember_import(
    source: CatalogSource,
    file_sha256: str,
    before: tuple[_State, str],
    plan: _Plan,
    report: ImportReport,
) -> None:
    """Records the file and the catalog as this import leaves it (worked out from the
    catalog before and what the import wrote, not read back)."""
    after, after_sha256 = before
    if plan.new or plan.changed or report.retired:
        after = dict(after)
        for record in (*plan.new, *plan.changed):
            after[record["id"]] = (_source(record), False)
        for key in report.retired:
            after[key] = (after[key][0], True)
        after_sha256 = _state_sha256(after)
    source.file_sha256 = file_sha256
    source.state_sha256 = after_sha256
    source.listed = plan.listed
    source.missing = ";".join(key for key in plan.missing if not after[key][1]) or None


def _source(values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values.get(name) for name in _SOURCE_FIELDS)


def _stored_exhibitors(session: Session) -> dict[str, _Stored]:
    """Every stored exhibitor's source fields, retirement and word index, in one query."""
    fields = [getattr(Exhibitor, name) for name in _SOURCE_FIELDS]
    query = select(*fields, Exhibitor.retired_at, Exhibitor.categories, Exhibitor.search_text)
    session.flush()  # the connection does not flush the session's pending changes itself
    return {
        row[0]: _Stored(tuple(row[: len(fields)]), *row[len(fields) :])
        for row in session.connection().execute(query)  # plain rows: no ORM loading
    }


class Categoriser:
    """Product categories per distinct product phrase: a catalog repeats the same phrases
    thousands of times, and each taxonomy look-up that misses scans every term."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.known: dict[str, frozenset[str]] = {}
        self.known_profiles: dict[str, frozenset[str]] = {}

    def __call__(self, products: str) -> set[str]:
        """The categories of a ;-separated product list, with every ancestor, so a search
        for medical devices finds the hearing-aid makers."""
        categories: set[str] = set()
        for product in products.split(";"):
            categories |= self.product(product)
        return self.taxonomy.with_ancestors(categories)

    def stored(self, products: str) -> str:
        """ " cat1 cat2 " as the categories column holds them, "" when none is known."""
        return _categories_column(self(products))

    def mostly_unread(self, products: str) -> bool:
        """Whether most products of the list name no category the taxonomy knows."""
        read = [bool(self.product(p)) for p in products.split(";") if p.strip()]
        return read.count(False) > len(read) / 2

    def described(self, *profiles: str | None, area: str = "") -> set[str]:
        """The categories profiles name in so many words, with every ancestor: for an
        exhibitor whose product labels are in a language the taxonomy does not read
        ("sok jabłkowy NFC": "Apple grower and juice processor"); only those of `area`
        when one is given."""
        read = self.taxonomy.categories_described
        found = set().union(
            *(_cached(self.known_profiles, profile or "", read) for profile in profiles)
        )
        if area:
            found = {c for c in found if self.taxonomy.categories[c].area == area}
        return self.taxonomy.with_ancestors(found)

    def product(self, product: str) -> frozenset[str]:
        return _cached(self.known, product, self._product_categories)

    def _product_categories(self, product: str) -> set[str]:
        return self.taxonomy.product_categories(product, typos=False)


def _cached(
    known: dict[str, frozenset[str]], text: str, read: Callable[[str], set[str]]
) -> frozenset[str]:
    """What `read` makes of a text, read once per folded form; nothing for an empty one."""
    key = fold(text)
    if not key:
        return frozenset()
    found = known.get(key)
    if found is None:
        found = known[key] = frozenset(read(text))
    return found


def _write_exhibitors(
    session: Session, new: list[dict[str, Any]], changed: list[dict[str, Any]]
) -> None:
    """One executemany each for the new and the changed rows, on the session's connection:
    the session's bulk methods would split them into one statement per pattern of empty
    fields (thousands for a real catalog)."""
    connection = session.connection()
    if new:
        connection.execute(insert(Exhibitor), new)
    if changed:
        by_id = update(Exhibitor).where(Exhibitor.id == bindparam("row_id"))
        connection.execute(
            by_id,
            [{"row_id": r["id"], **{k: v for k, v in r.items() if k != "id"}} for r in changed],
        )


def _write_categories(
    session: Session, new: list[dict[str, Any]], changed: list[dict[str, Any]]
) -> None:
    """Keeps the indexed exhibitor -> category table in step with new and changed rows."""
    ids = [record["id"] for record in changed]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        session.execute(delete(ExhibitorCategory).where(ExhibitorCategory.exhibitor_id.in_(chunk)))
    pairs = [
        {"exhibitor_id": record["id"], "category": category}
        for record in (*new, *changed)
        for category in record["categories"].split()
    ]
    if pairs:
        session.connection().execute(insert(ExhibitorCategory), pairs)


def _categories_column(categories: set[str]) -> str:
    """ " cat1 cat2 " as the categories column holds them, "" when none is known."""
    return " " + " ".join(sorted(categories)) + " " if categories else ""


def _exhibitor_record(values: dict[str, Any], categorise: Categoriser) -> dict[str, Any]:
    categories = categorise(values["products"])
    profiles = (values.get("description_en"), values.get("description_zh"))
    if not categories:
        categories = categorise.described(*profiles)
    elif categorise.mostly_unread(values["products"]):
        # Labels mostly in a language the taxonomy does not read ("AC-laadpalen 22 kW",
        # "DC-snelladers"): what the profile says they are, in the exhibitor's area
        # ("brake pads, discs and shoes" sells no footwear).
        area = str(values.get("area") or "")
        categories |= categorise.described(*profiles, area=area)
    record = dict(values)
    record["categories"] = _categories_column(categories)
    record["search_text"] = index_text(
        values["products"].split(";"),
        (values.get("description_en"), values.get("description_zh")),
        sorted(categories),
        categorise.taxonomy.attributes,
    )
    return record


def retire(session: Session, exhibitor_ids: Sequence[str], now: datetime) -> int:
    """Takes exhibitors out of the catalog: their meetings still ahead are cancelled, with
    their reminders, and each visitor is told once per exhibitor. Returns how many
    notices were queued."""
    told: set[tuple[str, int]] = set()
    for start in range(0, len(exhibitor_ids), _CHUNK):
        chunk = list(exhibitor_ids[start : start + _CHUNK])
        session.execute(
            update(Exhibitor).where(Exhibitor.id.in_(chunk)).values(retired_at=now, updated_at=now)
        )
        told |= _cancel_meetings(session, chunk, now)
    stamp = now.strftime("%Y%m%dT%H%M%S")  # an exhibitor may be retired again another year
    queued = 0
    for exhibitor_id, user_id in sorted(told):
        queued += outbox.enqueue(
            session,
            key=f"{EXHIBITOR_WITHDRAWN}:{exhibitor_id}:{user_id}:{stamp}",
            user_id=user_id,
            kind=EXHIBITOR_WITHDRAWN,
            ref=exhibitor_id,
            due_at=now,
        )
    return queued


def _cancel_meetings(
    session: Session, exhibitor_ids: list[str], now: datetime
) -> set[tuple[str, int]]:
    """Cancels the exhibitors' booked meetings that have not ended; returns who attended
    them, as (exhibitor, person) pairs."""
    meetings: dict[int, str] = {
        meeting_id: exhibitor_id
        for meeting_id, exhibitor_id in session.execute(
            select(Meeting.id, Meeting.exhibitor_id).where(
                Meeting.exhibitor_id.in_(exhibitor_ids),
                Meeting.status == BOOKED,
                Meeting.ends_at > now,
            )
        )
    }
    if not meetings:
        return set()
    ids = list(meetings)
    people = session.execute(
        select(MeetingAttendee.meeting_id, MeetingAttendee.user_id).where(
            MeetingAttendee.meeting_id.in_(ids), MeetingAttendee.active
        )
    )
    told = {(meetings[meeting_id], user_id) for meeting_id, user_id in people}
    session.execute(
        update(Meeting).where(Meeting.id.in_(ids)).values(status=CANCELLED, updated_at=now)
    )
    session.execute(
        update(MeetingAttendee).where(MeetingAttendee.meeting_id.in_(ids)).values(active=False)
    )
    for meeting_id in ids:
        outbox.cancel_pending(session, kind=REMINDER, ref=str(meeting_id))
    return told


def import_events(
    session: Session,
    raw: bytes,
    taxonomy: Taxonomy,
    now: datetime | None = None,
    *,
    demo: bool = False,
) -> ImportReport:
    rows, errors = read_rows(raw, EVENT_COLUMNS)
    categorise = Categoriser(taxonomy)
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
        records.append(
            {
                **values,
                "city": city_id or "",
                "categories": categorise.stored(values.get("products") or ""),
            }
        )
    if errors:
        return ImportReport(errors=tuple(sorted(errors, key=lambda e: e.line)))
    report, written = _upsert(session, Event, records)
    catalog.mark_source(session, "events", demo=demo, now=now or utcnow())
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
