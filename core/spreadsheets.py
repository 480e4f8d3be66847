"""Organisers' spreadsheets as rows of text: `.xlsx` (first sheet) or CSV in UTF-8 (with or
without BOM) or GB18030/GBK, separated by commas, semicolons or tabs.

Every record carries its spreadsheet row number (the header is row 1), so a message about
a record that spans several lines (a quoted line break) names the row where it starts.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from core.i18n import N_

# The names a column error uses for the separator the header was split at.
DELIMITERS = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab")}
XLSX_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """The file is not a spreadsheet we can read; `message` is an N_() msgid."""

    def __init__(self, message: str, **params: str) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class BrokenRecord(ValueError):
    """A CSV record the csv module cannot parse, at spreadsheet row `row`."""

    def __init__(self, row: int, reason: str) -> None:
        super().__init__(reason)
        self.row = row
        self.reason = reason


@dataclass(frozen=True)
class Sheet:
    header: list[str]
    records: Iterator[tuple[int, list[str]]]  # (spreadsheet row, cells), blank rows left out
    delimiter: str | None  # None for .xlsx


def read_sheet(raw: bytes) -> Sheet:
    if raw.startswith(XLSX_MAGIC):
        return _read_xlsx(raw)
    return _read_csv(decode(raw))


# --- CSV -------------------------------------------------------------------------------
def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is dropped), else GB18030, the superset of the GBK that Chinese Excel
    writes. Bytes that decode as GB18030 only by pairing a Latin letter with the next
    character (a Windows-1252 file) are refused rather than read as rare Chinese."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableFile(
            N_("the file is neither UTF-8 nor GB18030/GBK (byte {offset})"),
            offset=str(utf8_error.start),
        ) from None
    if not _plausibly_chinese(text):
        raise UnreadableFile(
            N_("the file is neither UTF-8 nor GB18030/GBK (byte {offset})"),
            offset=str(utf8_error.start),
        )
    return text


def _plausibly_chinese(text: str) -> bool:
    """GB2312 holds the 7,000 common characters; text that is mostly outside it is more
    likely a Western code page mis-read as GBK."""
    foreign = [char for char in set(text) if not char.isascii()]
    if not foreign:
        return True
    common = 0
    for char in foreign:
        try:
            char.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common * 2 >= len(foreign)


def _read_csv(text: str) -> Sheet:
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = _numbered(reader)
    header = next(records, (1, []))[1]
    return Sheet(header=header, records=records, delimiter=delimiter)


def sniff_delimiter(text: str) -> str:
    """The separator that occurs most often, outside quotes, in the header line."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Each record with its spreadsheet row: one row per record, however many lines."""
    row = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BrokenRecord(row + 1, str(exc)) from None
        row += 1
        if any(cell.strip() for cell in cells):
            yield row, cells


# --- xlsx ------------------------------------------------------------------------------
def _read_xlsx(raw: bytes) -> Sheet:
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise UnreadableFile(N_("the file looks like .xlsx but cannot be opened")) from None
    if not workbook.worksheets:
        raise UnreadableFile(N_("the file is empty"))
    sheet = workbook.worksheets[0]
    if isinstance(sheet, ReadOnlyWorksheet):
        # Some programs write a wrong sheet size; read every row there is instead.
        sheet.reset_dimensions()
    rows = sheet.iter_rows(min_row=1, values_only=True)  # gaps come back as empty rows

    def records() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, values in enumerate(rows, start=1):
                cells = [cell_text(value) for value in values]
                if any(cells):
                    yield number, cells
        finally:
            workbook.close()

    numbered = records()
    header = next(numbered, (1, []))[1]
    while header and not header[-1]:
        header.pop()  # formatted but empty cells right of the header
    return Sheet(header=header, records=numbered, delimiter=None)


def cell_text(value: object) -> str:
    """A cell as the text an organiser sees: 8.2 not 8.200000001, dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(round(value, 10))
    return str(value).strip()
