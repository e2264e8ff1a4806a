"""Opening an uploaded workbook without trusting it, and reading its rows.

A file is refused, with a message a clerk can act on, before anything parses its content when
it is too big, not a zip archive (every .xlsx is one), or a zip bomb; then openpyxl opens it in
read-only mode (rows are streamed, not loaded) with defusedxml guarding its XML parser against
entity expansion. Reading is bounded too: columns beyond the header, rows beyond the cap.
"""

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from .columns import Column, Kind, is_blank, normalised

# zipfile stops reading a member at the size its directory declares (more data fails the CRC
# check), so the declared sizes bound what parsing can ever inflate.
MAX_UNCOMPRESSED_BYTES = 200 * 2**20
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE = 2**20  # a small member may compress very well without harm
MAX_HEADER_COLUMNS = 100

Source = str | Path | IO[bytes]


class RefusedWorkbook(Exception):
    """The file as a whole cannot be imported; the message says why, for the person uploading."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SourceRow:
    """One data row: its number as Excel shows it and the values under the known columns."""

    number: int
    values: tuple[Any, ...]
    formulas: frozenset[int]  # positions of cells holding a formula instead of a value


@dataclass(frozen=True)
class Layout:
    """Where each known column sits in the sheet (0-based positions, in the kind's order)."""

    columns: tuple[Column, ...]
    positions: tuple[int, ...]

    @property
    def width(self) -> int:
        return max(self.positions) + 1


def max_bytes() -> int:
    return settings.TALENTZONE_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.TALENTZONE_IMPORT_MAX_ROWS


def megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f}"


def size_of(source: Source) -> int:
    if isinstance(source, str | Path):
        return os.path.getsize(source)
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def rewound(source: Source) -> Source:
    if not isinstance(source, str | Path):
        source.seek(0)
    return source


def check_container(source: Source) -> None:
    """Refuse an oversized file, a file that is no zip archive, and a zip bomb."""
    size = size_of(source)
    if size > max_bytes():
        raise RefusedWorkbook(
            _("The file is %(size)s MB; at most %(max)s MB can be imported at once.")
            % {"size": megabytes(size), "max": megabytes(max_bytes())}
        )
    if not zipfile.is_zipfile(rewound(source)):
        raise RefusedWorkbook(not_xlsx())
    try:
        with zipfile.ZipFile(rewound(source)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise RefusedWorkbook(not_xlsx()) from error
    check_inflation(members)


def check_inflation(members: list[zipfile.ZipInfo]) -> None:
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise RefusedWorkbook(
            _("The file unpacks to %(size)s MB, more than the %(max)s MB a workbook may hold.")
            % {"size": megabytes(total), "max": megabytes(MAX_UNCOMPRESSED_BYTES)}
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise RefusedWorkbook(
                _("The file is compressed %(ratio)d times, as only a zip bomb is: refused.")
                % {"ratio": ratio}
            )


def not_xlsx() -> str:
    return _("This is not an Excel workbook (.xlsx). Save the file as .xlsx and upload it again.")


@contextmanager
def open_sheet(source: Source) -> Iterator[ReadOnlyWorksheet]:
    """The workbook's first sheet, read-only; the checks above come first."""
    check_container(source)
    try:
        # Formulas are read as formulas (data_only=False), so that they can be refused.
        workbook = openpyxl.load_workbook(rewound(source), read_only=True, data_only=False)
    except Exception as error:  # whatever a malformed archive makes the parser raise
        raise RefusedWorkbook(not_xlsx()) from error
    try:
        if not workbook.worksheets:
            raise RefusedWorkbook(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        # The size a file declares for its sheet may be wrong; read the rows that are there.
        sheet.reset_dimensions()
        yield sheet
    finally:
        workbook.close()


def read_layout(sheet: ReadOnlyWorksheet, kind: Kind) -> Layout:
    """Match the header row (row 1) with the kind's columns; unknown headers are ignored."""
    try:
        header = next(sheet.iter_rows(min_row=1, max_row=1, max_col=MAX_HEADER_COLUMNS), ())
    except Exception as error:  # a malformed or hostile sheet part (e.g. an XML entity bomb)
        raise RefusedWorkbook(not_xlsx()) from error
    by_name = {normalised(column.header): column for column in kind.columns}
    found: dict[str, int] = {}
    for position, cell in enumerate(header):
        if is_blank(cell.value):
            continue
        column = by_name.get(normalised(str(cell.value)))
        if column is None:
            continue
        if column.header in found:
            raise RefusedWorkbook(
                _("The column “%(header)s” appears twice.") % {"header": column.header}
            )
        found[column.header] = position
    check_required_headers(kind, found)
    columns = tuple(c for c in kind.columns if c.header in found)
    return Layout(columns, tuple(found[c.header] for c in columns))


def check_required_headers(kind: Kind, found: dict[str, int]) -> None:
    missing = [c.header for c in kind.columns if c.required and c.header not in found]
    if missing:
        raise RefusedWorkbook(
            _(
                "The first row must hold the template's headers; missing: %(headers)s. "
                "Download the template and copy the rows into it."
            )
            % {"headers": "、".join(missing)}
        )


def read_rows(sheet: ReadOnlyWorksheet, layout: Layout) -> Iterator[SourceRow]:
    """The non-blank rows under the header; a sheet going beyond the row cap is refused."""
    limit = max_rows()
    rows = sheet.iter_rows(min_row=2, max_col=layout.width)
    number = 1
    try:
        for number, cells in enumerate(rows, start=2):
            if number > limit + 1:
                raise RefusedWorkbook(
                    _("The sheet has more than %(max)s rows; import them in several files.")
                    % {"max": f"{limit:,}"}
                )
            row = source_row(number, cells, layout)
            if row is not None:
                yield row
    except RefusedWorkbook:
        raise
    except Exception as error:  # a malformed sheet part, found only while streaming it
        raise RefusedWorkbook(
            _("The sheet could not be read after row %(row)s.") % {"row": number}
        ) from error


def source_row(number: int, cells: tuple, layout: Layout) -> SourceRow | None:
    values, formulas = [], set()
    for index, position in enumerate(layout.positions):
        cell = cells[position] if position < len(cells) else None
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f":
            formulas.add(index)
        values.append(value)
    if not formulas and all(is_blank(value) for value in values):
        return None
    return SourceRow(number, tuple(values), frozenset(formulas))
