"""The downloadable template: the kind's headers on the first sheet, an explanation of every
column on the second, drop-downs where the values are a fixed list.

A small workbook built in openpyxl's normal mode: data validations (the drop-downs) and column
formats exist only there. ID numbers and phones are formatted as text, so that Excel keeps all
18 digits instead of rounding them to 15.
"""

import tempfile
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .columns import NO, YES, Column, Kind, date
from .workbook import max_rows

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
LISTS_SHEET = "lists"


def template_workbook(kind: Kind) -> IO[bytes]:
    """The template as a temporary file, positioned at its start."""
    workbook = Workbook()
    rows_sheet = workbook.active
    rows_sheet.title = kind.sheet_title
    lists_sheet = workbook.create_sheet(LISTS_SHEET)
    lists_sheet.sheet_state = "hidden"
    write_headers(rows_sheet, kind.columns)
    add_drop_downs(rows_sheet, lists_sheet, kind.columns)
    write_instructions(workbook.create_sheet(_("Instructions")), kind)
    workbook.move_sheet(LISTS_SHEET, offset=1)  # hidden, last
    file = tempfile.TemporaryFile()  # noqa: SIM115 -- handed open to the caller, who closes it
    workbook.save(file)
    file.seek(0)
    return file


def write_headers(sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = REQUIRED_FONT if column.required else HEADER_FONT
        cell.fill = HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.as_text:
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        elif column.parse is date:
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"


def add_drop_downs(sheet: Worksheet, lists: Worksheet, columns: tuple[Column, ...]) -> None:
    """A drop-down per column with a fixed list; the values live on the hidden lists sheet
    (a list typed into the validation itself may hold only 255 characters)."""
    list_column = 0
    for index, column in enumerate(columns, start=1):
        values = column.allowed() if column.allowed else []
        if not values:
            continue
        list_column += 1
        list_letter = get_column_letter(list_column)
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=list_column, value=value)
        source = f"{quote_sheetname(LISTS_SHEET)}!${list_letter}$1:${list_letter}${len(values)}"
        # A warning, not a stop: the English labels the importer also accepts stay typeable.
        validation = DataValidation(
            type="list", formula1=source, allow_blank=True, errorStyle="warning"
        )
        validation.error = _("Choose a value from the list.")
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{max_rows() + 1}")
        sheet.add_data_validation(validation)


def write_instructions(sheet: Worksheet, kind: Kind) -> None:
    headers = [_("Column"), _("Required"), _("How to fill it in"), _("Values")]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column in kind.columns:
        values = "、".join(column.allowed()) if column.allowed else ""
        sheet.append([column.header, YES if column.required else NO, str(column.note), values])
    sheet.append([])
    for line in general_instructions():
        sheet.append([line])
    for letter, width in zip("ABCD", (18, 8, 70, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def general_instructions() -> list[str]:
    return [
        _("Fill in one row per record under the header row; do not change the headers."),
        _("Required columns have red headers. Dates are written like 2026-11-24."),
        _("Paste values, not formulas: a cell with a formula is refused."),
        _(
            "Every row is checked before anything is saved: if one row is wrong, nothing is "
            "imported, and the report lists every wrong cell."
        ),
    ]
