"""Excel files in and out: safe cell values and a streaming workbook builder.

Everything the platform writes to a spreadsheet goes through here, so two rules hold everywhere:

- Text that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
  carriage return: the OWASP "CSV injection" list) is written as text with a leading `'`, and
  the cell is typed as a string, never as a formula. Numbers stay numbers.
- Workbooks are built in openpyxl's write-only mode: rows go to a temporary file as they are
  appended, so a sheet of 100,000 rows does not sit in memory, and the finished file is a
  temporary file too, streamed to the reader.

Exports of the registry lists use this; so do the import's template and its annotated report.
"""

import datetime
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any
from urllib.parse import quote

from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_CELL_TEXT = 32_767  # Excel's limit for the text of one cell
MAX_SHEET_TITLE = 31  # and for the name of a sheet, which may not hold any of []:*?/\
SHEET_TITLE_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})
DEFAULT_WIDTH = 16
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
NOTE_FILL = PatternFill("solid", start_color="FFE699")
NOTE_AUTHOR = "talentzone"


def neutralise(value: str) -> str:
    """`value` as text a spreadsheet will not run: formula-like text gets a leading `'`.

    "=HYPERLINK(…)" → "'=HYPERLINK(…)", "-2" → "'-2"; "陈思远" and "" are returned unchanged.
    A leading quote is how Excel itself marks "this is text", and it keeps the value readable.
    """
    return TEXT_PREFIX + value if value.startswith(FORMULA_PREFIXES) else value


def clean_text(value: str) -> str:
    """Text a cell can hold: without the control characters XML forbids, at most 32,767 long."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


def safe_text(value: str) -> str:
    """`value` as the text of a cell: cleaned, then neutralised."""
    return neutralise(clean_text(value))


def sheet_title(title: str) -> str:
    """A sheet name Excel accepts: forbidden characters replaced, at most 31 characters."""
    return (title.translate(SHEET_TITLE_FORBIDDEN).strip() or "Sheet")[:MAX_SHEET_TITLE]


def excel_datetime(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware datetime is written as the zone's local wall time."""
    if timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header (already translated) and its width in characters."""

    header: str
    width: float = DEFAULT_WIDTH


class SheetWriter:
    """One sheet of a write-only workbook: a styled header row, then rows appended in order.

    Values are written by type: str (and lazy translations) as neutralised text (typed "s");
    bool, int, float and Decimal as numbers; date and datetime as dates (2026-11-24); None as
    an empty cell; anything else as its str(). `rows` counts the rows after the header.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, columns: Sequence[Column]):
        self.sheet = sheet
        self.rows = 0
        # A write-only sheet takes column widths and frozen panes only before its first row.
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        sheet.append([self.header_cell(column.header) for column in columns])

    def append(self, values: Sequence[Any], *, notes: Mapping[int, str] | None = None) -> None:
        """Add a row. `notes` maps a column index (0-based) to a remark shown as a comment on
        that cell, which is also highlighted: how a report points at what is wrong."""
        row = [self.cell(value) for value in values]
        for index, note in (notes or {}).items():
            cell = row[index] if isinstance(row[index], Cell) else self.plain_cell(row[index])
            cell.comment = Comment(note, NOTE_AUTHOR)
            cell.fill = NOTE_FILL
            row[index] = cell
        self.sheet.append(row)
        self.rows += 1

    def header_cell(self, header: str) -> WriteOnlyCell:
        cell = self.string_cell(safe_text(str(header)))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        return cell

    def cell(self, value: Any) -> Any:
        """What to hand openpyxl for `value`: the plain value where openpyxl types it right by
        itself (most cells; much the cheaper, as it reuses one cell object), a cell otherwise."""
        if isinstance(value, str | Promise):
            text = safe_text(str(value))
            # Safe text never starts with "=", so openpyxl types it as a string by itself; only
            # text that reads as an error code ("#N/A") needs its type set by hand.
            return self.string_cell(text) if text in ERROR_CODES else text
        if isinstance(value, bool | int | float | Decimal) or value is None:
            return value
        if isinstance(value, datetime.datetime):
            cell = self.plain_cell(excel_datetime(value))
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, datetime.date):
            cell = self.plain_cell(value)
            cell.number_format = DATE_FORMAT
            return cell
        return self.cell(str(value))

    def plain_cell(self, value: Any) -> WriteOnlyCell:
        return WriteOnlyCell(self.sheet, value=value)

    def string_cell(self, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=text)
        cell.data_type = "s"
        return cell


class WorkbookBuilder:
    """A streaming .xlsx: add sheets, append rows to them, then `save()` to a temporary file.

        builder = WorkbookBuilder()
        sheet = builder.add_sheet("人才", [Column("姓名"), Column("入园日期", 12)])
        sheet.append(["陈思远", datetime.date(2020, 3, 1)])
        file = builder.save()  # positioned at its start, deleted once closed

    Rows must be appended sheet by sheet: a write-only workbook cannot go back to a sheet
    once the next one has started.
    """

    def __init__(self):
        self.workbook = Workbook(write_only=True)

    def add_sheet(self, title: str, columns: Sequence[Column]) -> SheetWriter:
        return SheetWriter(self.workbook.create_sheet(sheet_title(title)), columns)

    def save(self) -> IO[bytes]:
        # Not a `with`: the caller streams the file and closes it (FileResponse does).
        file = tempfile.TemporaryFile()  # noqa: SIM115
        self.workbook.save(file)
        file.seek(0)
        return file


def content_disposition(filename: str, ascii_filename: str) -> str:
    """An attachment header naming the file in full (RFC 5987 `filename*`, for 人才-….xlsx) and
    in ASCII for clients that only read `filename`."""
    return f"attachment; filename=\"{ascii_filename}\"; filename*=UTF-8''{quote(filename, safe='')}"


def xlsx_response(file: IO[bytes], *, filename: str, ascii_filename: str) -> FileResponse:
    """Stream a saved workbook as a download; the file is closed once it has been sent."""
    response = FileResponse(file, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, ascii_filename)
    return response
