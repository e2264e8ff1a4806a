"""Hostile and malformed files are refused cleanly, with a message a clerk can act on: not an
xlsx, too big, a zip bomb, an XML entity bomb, formulas, too many rows, the wrong headers."""

import io
import zipfile

import pytest
from django.utils import translation

from talentzone.core.choices import Role
from talentzone.directory.imports.samples import talent_row, write_workbook
from talentzone.directory.imports.service import import_workbook
from talentzone.directory.models import Talent

pytestmark = pytest.mark.django_db

# Entities that expand to each other ("billion laughs"): defusedxml refuses any declaration.
ENTITY_BOMB = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


@pytest.fixture
def admin(make_user):
    return make_user(Role.OFFICE_ADMIN)


def valid_workbook(rows: int = 2) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, [talent_row(n) for n in range(rows)])
    return buffer.getvalue()


def with_member(workbook: bytes, name: str, content: bytes) -> io.BytesIO:
    """The workbook with one archive member added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != name:
                target.writestr(member, source.read(member))
        target.writestr(name, content)
    buffer.seek(0)
    return buffer


def run(actor, file) -> list[tuple]:
    with translation.override("en"):
        report = import_workbook(
            actor=actor, kind="talents", path_or_file=file, update_existing=False
        )
    assert report.rejected
    assert Talent.objects.count() == 0
    return [(e.row, e.column, e.message) for e in report.errors]


def only_message(errors: list[tuple]) -> str:
    assert len(errors) == 1, errors
    row, column, message = errors[0]
    assert (row, column) == (None, "")
    return message


def test_a_text_file_is_refused_as_not_an_excel_workbook(admin):
    message = only_message(run(admin, io.BytesIO("姓名,性别\n陈思远,男\n".encode())))
    assert message.startswith("This is not an Excel workbook (.xlsx).")


def test_a_zip_archive_that_is_not_a_workbook_is_refused(admin):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    buffer.seek(0)

    assert "not an Excel workbook" in only_message(run(admin, buffer))


def test_a_truncated_workbook_is_refused(admin):
    workbook = valid_workbook()

    assert "not an Excel workbook" in only_message(run(admin, io.BytesIO(workbook[:-200])))


def test_a_file_over_the_size_limit_is_refused(admin, settings):
    settings.TALENTZONE_IMPORT_MAX_BYTES = 1000

    message = only_message(run(admin, io.BytesIO(valid_workbook())))

    assert "at most 0.0 MB can be imported at once" in message


def test_a_zip_bomb_is_refused_before_anything_is_parsed(admin):
    zeros = bytes(20 * 2**20)  # 20 MB of zeros compress to about 20 kB
    bomb = with_member(valid_workbook(), "xl/media/image1.bin", zeros)

    message = only_message(run(admin, bomb))

    assert "zip bomb" in message


def test_an_xml_entity_bomb_is_refused(admin):
    bomb = with_member(valid_workbook(), "xl/worksheets/sheet1.xml", ENTITY_BOMB)

    assert "not an Excel workbook" in only_message(run(admin, bomb))


def test_a_cell_with_a_formula_is_an_error_on_that_cell(admin):
    rows = [talent_row(0), talent_row(1, **{"手机号码": '="1380593"&"0001"'}), talent_row(2)]
    rows[2]["姓名"] = "=A2"

    errors = run(admin, io.BytesIO(buffer_of(rows)))

    assert errors == [
        (3, "手机号码", "Formulas are not accepted: paste the values."),
        (4, "姓名", "Formulas are not accepted: paste the values."),
    ]


def buffer_of(rows) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, rows)
    return buffer.getvalue()


def test_a_sheet_with_more_rows_than_the_cap_is_refused(admin, settings):
    settings.TALENTZONE_IMPORT_MAX_ROWS = 5

    message = only_message(run(admin, io.BytesIO(valid_workbook(rows=6))))

    assert message == "The sheet has more than 5 rows; import them in several files."


def test_a_sheet_without_the_template_headers_is_refused_naming_the_missing_ones(admin):
    buffer = io.BytesIO()
    write_workbook(buffer, [{"姓名": "陈思远", "电话": "13805931234"}], ["姓名", "电话"])
    buffer.seek(0)

    message = only_message(run(admin, buffer))

    assert "missing: 身份证号码、手机号码、学历、所属行业" in message


def test_a_sheet_with_only_its_header_row_is_refused(admin):
    message = only_message(run(admin, io.BytesIO(valid_workbook(rows=0))))

    assert message == "The sheet has no rows under its header row."


def test_a_header_given_twice_is_refused(admin):
    buffer = io.BytesIO()
    headers = ["姓名", "身份证号码", "手机号码", "学历", "所属行业", "姓名"]
    write_workbook(buffer, [talent_row(1)], headers)
    buffer.seek(0)

    assert only_message(run(admin, buffer)) == "The column “姓名” appears twice."
