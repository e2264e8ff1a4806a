"""Spreadsheets we write hold no formulas, keep numbers and dates typed, and stream to a file."""

import datetime
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from talentzone.core.spreadsheets import (
    XLSX_CONTENT_TYPE,
    Column,
    WorkbookBuilder,
    content_disposition,
    neutralise,
    sheet_title,
    xlsx_response,
)


def saved_sheet(rows, notes=None):
    builder = WorkbookBuilder()
    sheet = builder.add_sheet("人才", [Column("姓名"), Column("数值", 8)])
    for index, row in enumerate(rows):
        sheet.append(row, notes=(notes or {}).get(index))
    return load_workbook(builder.save()).active


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example","点我")', "+1", "-2", "@SUM(A1:A9)", "\tcmd", "\rcmd"],
)
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["陈思远", "", "1+1", "a=b", "'quoted"])
def test_ordinary_text_is_left_as_it_is(text):
    assert neutralise(text) == text


def test_formula_like_text_is_saved_as_a_string_cell_with_its_quote():
    sheet = saved_sheet([["=1+1", "-2"], ["@SUM(A1)", "#N/A"]])
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [cell.value for cell in cells] == ["'=1+1", "'-2", "'@SUM(A1)", "#N/A"]
    assert {cell.data_type for cell in cells} == {"s"}


def test_numbers_and_dates_keep_their_type_and_dates_read_year_month_day():
    sheet = saved_sheet([[datetime.date(2026, 11, 24), -2], [None, 3.5]])
    date, negative = sheet[2]
    assert date.is_date and date.number_format == "yyyy-mm-dd"
    assert date.value.date() == datetime.date(2026, 11, 24)
    assert (negative.value, negative.data_type) == (-2, "n")
    assert sheet["A3"].value is None
    assert sheet["B3"].value == 3.5


def test_an_aware_datetime_is_written_as_local_wall_time():
    moment = datetime.datetime(2026, 11, 24, 1, 30, tzinfo=datetime.UTC)
    sheet = saved_sheet([[moment, 1]])
    assert sheet["A2"].value == datetime.datetime(2026, 11, 24, 9, 30)  # Asia/Shanghai


def test_the_header_row_is_bold_and_frozen_and_the_widths_are_set():
    sheet = saved_sheet([["陈思远", 1]])
    assert [cell.value for cell in sheet[1]] == ["姓名", "数值"]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 8


def test_control_characters_xml_cannot_hold_are_dropped():
    assert saved_sheet([["陈\x00思\x07远", 1]])["A2"].value == "陈思远"


def test_a_note_becomes_a_comment_on_its_cell():
    sheet = saved_sheet([["陈思远", "abc"]], notes={0: {1: "Not a number"}})
    assert sheet["B2"].comment.text == "Not a number"
    assert sheet["A2"].comment is None


def test_sheet_titles_lose_the_characters_excel_refuses_and_stay_short():
    assert sheet_title("人才/名单[2026]") == "人才 名单 2026"
    assert len(sheet_title("x" * 40)) == 31


def test_the_download_names_the_file_in_chinese_with_an_ascii_fallback():
    header = content_disposition("人才-2026-11-26.xlsx", "talents-2026-11-26.xlsx")
    assert header == (
        'attachment; filename="talents-2026-11-26.xlsx"; '
        f"filename*=UTF-8''{quote('人才')}-2026-11-26.xlsx"
    )


def test_a_workbook_response_streams_the_saved_file():
    builder = WorkbookBuilder()
    builder.add_sheet("人才", [Column("姓名")]).append(["陈思远"])
    response = xlsx_response(builder.save(), filename="人才.xlsx", ascii_filename="talents.xlsx")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert 'filename="talents.xlsx"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"PK")  # an .xlsx is a zip archive
