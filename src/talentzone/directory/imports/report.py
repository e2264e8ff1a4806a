"""The annotated report: the uploaded sheet written out again, row for row, with every bad cell
filled red and carrying a comment that says what is wrong, and an extra 错误 column that says
it for the whole row. The clerk corrects the rows in it and uploads it again (the 错误 column
is ignored on the way in).

It is streamed: the upload is read in read-only mode and the report written in write-only mode
(core.spreadsheets), so a report of 100,000 rows does not sit in memory.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from talentzone.core.spreadsheets import NOTE_AUTHOR, Column, SheetWriter, WorkbookBuilder

from .columns import ERROR_HEADER, Kind, is_blank, normalised
from .validate import RowError
from .workbook import MAX_HEADER_COLUMNS, Source, max_rows, open_sheet

BAD_FILL = PatternFill("solid", start_color="FFC7CE")
BAD_FONT = Font(color="9C0006")
ERROR_WIDTH = 60


def annotated_report(source: Source, kind: Kind, errors: Sequence[RowError]) -> IO[bytes]:
    """The report workbook as a temporary file, positioned at its start."""
    by_row: dict[int, list[RowError]] = defaultdict(list)
    for error in errors:
        if error.row is not None:
            by_row[error.row].append(error)
    builder = WorkbookBuilder()
    with open_sheet(source) as sheet:
        header = read_header(sheet)
        kept = [i for i, value in enumerate(header) if not is_error_header(value)]
        headers = [header[i] for i in kept]
        writer = builder.add_sheet(sheet.title, report_columns(kind, headers))
        positions = header_positions(kind, headers)
        rows = sheet.iter_rows(min_row=2, max_row=max_rows() + 1, max_col=max(len(header), 1))
        for number, cells in enumerate(rows, start=2):
            values = [plain(cells[i].value) if i < len(cells) else None for i in kept]
            write_row(writer, values, by_row.get(number, []), positions)
    return builder.save()


def read_header(sheet) -> list[Any]:
    """The header row's values, up to its last non-empty cell."""
    cells = next(sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_HEADER_COLUMNS), ())
    values = [cell.value for cell in cells]
    while values and is_blank(values[-1]):
        values.pop()
    return values


def is_error_header(value: Any) -> bool:
    return isinstance(value, str) and normalised(value) == normalised(ERROR_HEADER)


def report_columns(kind: Kind, headers: Sequence[Any]) -> list[Column]:
    widths = {normalised(c.header): c.width for c in kind.columns}
    columns = []
    for value in headers:
        header = "" if is_blank(value) else str(value)
        columns.append(Column(header, widths.get(normalised(header), 14)))
    return [*columns, Column(ERROR_HEADER, ERROR_WIDTH)]


def header_positions(kind: Kind, headers: Sequence[Any]) -> dict[str, int]:
    """Where each of the kind's headers sits among the report's columns."""
    known = {normalised(c.header): c.header for c in kind.columns}
    positions = {}
    for index, value in enumerate(headers):
        if isinstance(value, str) and normalised(value) in known:
            positions.setdefault(known[normalised(value)], index)
    return positions


def plain(value: Any) -> Any:
    """A date cell comes back as a datetime at midnight; write it as the date it was."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def write_row(
    writer: SheetWriter,
    values: list[Any],
    errors: Iterable[RowError],
    positions: dict[str, int],
) -> None:
    notes: dict[int, list[str]] = defaultdict(list)
    summary = []
    for error in errors:
        summary.append(f"{error.column}: {error.message}" if error.column else error.message)
        if error.column in positions:
            notes[positions[error.column]].append(error.message)
    cells = [writer.cell(value) for value in [*values, "\n".join(summary) or None]]
    for index, messages in notes.items():
        cells[index] = styled(writer, cells[index])
        cells[index].fill = BAD_FILL
        cells[index].comment = Comment("\n".join(messages), NOTE_AUTHOR)
    if summary:
        cells[-1] = styled(writer, cells[-1])
        cells[-1].font = BAD_FONT
    writer.sheet.append(cells)
    writer.rows += 1


def styled(writer: SheetWriter, cell: Any) -> Cell:
    """A cell that can take a style: the writer hands plain values back where it can."""
    return cell if isinstance(cell, Cell) else writer.plain_cell(cell)
