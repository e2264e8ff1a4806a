"""The Excel import service: every row checked first, then all rows imported or none, with a
report of every bad cell (row as Excel numbers it, column header, what is wrong).

Messages are asserted in English (translation.override), so the tests hold whatever the
Chinese catalogue says.
"""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import load_workbook

from talentzone.core.audit import AuditAction
from talentzone.core.choices import Role
from talentzone.core.identifiers import make_id_number
from talentzone.core.models import AuditRecord
from talentzone.directory import queries
from talentzone.directory.imports.columns import ERROR_HEADER, kind_named
from talentzone.directory.imports.report import BAD_FILL, annotated_report
from talentzone.directory.imports.samples import (
    ENTERPRISE_HEADERS,
    enterprise_row,
    talent_row,
    write_workbook,
)
from talentzone.directory.imports.service import import_workbook
from talentzone.directory.imports.template import template_workbook
from talentzone.directory.models import Enterprise, Talent

from .factories import AgencyFactory, EnterpriseFactory, GridFactory, TalentFactory, tier

pytestmark = pytest.mark.django_db

ROWS = 200


def workbook(rows, headers=None, **options) -> io.BytesIO:
    buffer = io.BytesIO()
    if headers is None:
        write_workbook(buffer, rows, **options)
    else:
        write_workbook(buffer, rows, headers, **options)
    buffer.seek(0)
    return buffer


def run(actor, file, kind="talents", update_existing=False, **options):
    with translation.override("en"):
        return import_workbook(
            actor=actor,
            kind=kind,
            path_or_file=file,
            update_existing=update_existing,
            **options,
        )


def where(report) -> set[tuple[int | None, str]]:
    return {(error.row, error.column) for error in report.errors}


@pytest.fixture
def admin(make_user):
    return make_user(Role.OFFICE_ADMIN)


@pytest.fixture
def acme():
    return EnterpriseFactory(name="宁德时代示例电池有限公司")


# A valid workbook ---------------------------------------------------------------------------


def test_a_valid_workbook_imports_every_row(admin, acme):
    rows = [talent_row(n, employer=acme.name, tier="市级高层次人才") for n in range(ROWS)]

    report = run(admin, workbook(rows))

    assert not report.rejected, report.errors
    assert (report.total_rows, report.created, report.updated) == (ROWS, ROWS, 0)
    assert Talent.objects.count() == ROWS
    first = queries.talents_with_id_numbers([rows[0]["身份证号码"]]).get()
    assert first.name == rows[0]["姓名"]
    assert first.employer == acme
    assert first.tier == tier("municipal")
    assert (first.gender, first.education, first.title) == ("male", "master", "intermediate")
    assert (first.industry, first.status) == ("lithium_battery", "in_zone")
    assert first.birth_date == rows[0]["出生日期"]
    assert first.phone == rows[0]["手机号码"]


def test_the_import_writes_a_record_per_row_and_one_for_the_import_to_the_audit_trail(admin):
    rows = [talent_row(n) for n in range(5)]

    run(admin, workbook(rows), file_name="roster.xlsx")

    created = AuditRecord.objects.filter(action=AuditAction.CREATE, target_type="directory.talent")
    assert created.count() == 5
    assert set(created.values_list("actor_name", flat=True)) == {admin.username}
    assert "id_number" in created.first().changes
    imported = AuditRecord.objects.get(action=AuditAction.IMPORT)
    assert imported.detail["file"] == "roster.xlsx"
    assert (imported.detail["created"], imported.detail["updated"]) == (5, 0)


def test_gender_and_birth_date_left_empty_are_read_from_the_id_number(admin):
    row = talent_row(3, **{"性别": None, "出生日期": None})

    report = run(admin, workbook([row]))

    assert not report.rejected, report.errors
    talent = Talent.objects.get()
    assert talent.gender == "female"
    assert talent.birth_date == datetime.date(1970, 1, 1)


def test_choices_take_the_english_label_or_the_stored_value_and_dates_take_text(admin):
    row = talent_row(
        1,
        **{"学历": "Doctorate", "职称": "senior_full", "状态": "", "入区日期": "2021/05/06"},
    )

    report = run(admin, workbook([row]))

    assert not report.rejected, report.errors
    talent = Talent.objects.get()
    assert (talent.education, talent.title, talent.status) == (
        "doctorate",
        "senior_full",
        "in_zone",
    )
    assert talent.arrival_date == datetime.date(2021, 5, 6)


def test_an_employer_may_be_named_by_credit_code_and_spelled_with_full_width_brackets(admin):
    acme = EnterpriseFactory(name="宁德(示例)科技有限公司")
    rows = [
        talent_row(1, employer=acme.credit_code),
        talent_row(2, employer="宁德（示例）科技有限公司"),
    ]

    report = run(admin, workbook(rows))

    assert not report.rejected, report.errors
    assert set(Talent.objects.values_list("employer", flat=True)) == {acme.pk}


# Bad rows -----------------------------------------------------------------------------------


def test_a_workbook_with_bad_rows_imports_nothing_and_reports_every_bad_cell(admin, acme):
    rows = [talent_row(n, employer=acme.name) for n in range(20)]
    good_id = rows[4]["身份证号码"]
    rows[3]["身份证号码"] = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")  # checksum
    rows[5]["性别"] = "女" if rows[5]["性别"] == "男" else "男"  # contradicts the ID number
    rows[7]["出生日期"] = datetime.date(1999, 1, 1)  # contradicts the ID number
    rows[9]["手机号码"] = "12345"
    rows[11]["学历"] = "小学"
    rows[12]["工作单位"] = "不存在的公司"
    rows[12]["人才层次"] = "宇宙级人才"
    rows[14]["姓名"] = ""
    rows[15]["入区日期"] = "yesterday"
    rows[16]["人力资源服务机构"] = "没有这家机构"

    report = run(admin, workbook(rows))

    assert report.rejected
    assert Talent.objects.count() == 0
    assert where(report) == {
        (5, "身份证号码"),
        (7, "性别"),
        (9, "出生日期"),
        (11, "手机号码"),
        (13, "学历"),
        (14, "工作单位"),
        (14, "人才层次"),
        (16, "姓名"),
        (17, "入区日期"),
        (18, "人力资源服务机构"),
    }
    assert report.bad_rows == [5, 7, 9, 11, 13, 14, 16, 17, 18]
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert "check digit" in messages[(5, "身份证号码")]
    assert "The ID number says this person is" in messages[(7, "性别")]
    assert "not one of" in messages[(13, "学历")]
    assert "不存在的公司" in messages[(14, "工作单位")]
    assert messages[(16, "姓名")] == "Required: fill in this cell."
    assert AuditRecord.objects.count() == 0


def test_the_same_id_number_twice_in_the_file_is_an_error_on_the_later_row(admin):
    rows = [talent_row(1), talent_row(2), talent_row(1)]

    report = run(admin, workbook(rows))

    assert report.rejected
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (4, "身份证号码", "Same as row 2.")
    ]
    assert Talent.objects.count() == 0


def test_an_id_number_stored_as_a_number_is_reported_as_rounded_by_excel(admin):
    row = talent_row(1, **{"身份证号码": 350902197001010011})

    report = run(admin, workbook([row]))

    assert where(report) == {(2, "身份证号码")}
    assert "format the column as text" in report.errors[0].message


def test_a_candidate_without_agency_or_employer_is_reported_on_the_agency_column(admin):
    report = run(admin, workbook([talent_row(1, **{"状态": "候选人才"})]))

    assert where(report) == {(2, "人力资源服务机构")}


def test_the_annotated_report_marks_each_bad_cell_red_with_a_comment_and_adds_an_error_column(
    admin,
):
    rows = [talent_row(n) for n in range(4)]
    rows[1]["手机号码"] = "12345"
    rows[2]["学历"] = "小学"
    file = workbook(rows)
    report = run(admin, file)

    with annotated_report(file, kind_named("talents"), report.errors) as annotated:
        sheet = load_workbook(annotated).worksheets[0]

    headers = [cell.value for cell in sheet[1]]
    assert headers[-1] == ERROR_HEADER
    phone = headers.index("手机号码") + 1
    education = headers.index("学历") + 1
    assert sheet.cell(row=3, column=phone).fill.start_color.rgb.endswith(BAD_FILL.start_color.rgb)
    assert "11 digits" in sheet.cell(row=3, column=phone).comment.text
    assert sheet.cell(row=4, column=education).comment is not None
    assert sheet.cell(row=2, column=phone).comment is None
    assert sheet.cell(row=3, column=len(headers)).value.startswith("手机号码: ")
    assert sheet.cell(row=2, column=len(headers)).value is None
    assert sheet.cell(row=5, column=1).value == rows[3]["姓名"]
    assert sheet.max_row == 5


# Registered records -------------------------------------------------------------------------


def test_a_registered_id_number_is_an_error_unless_updating_is_chosen(admin):
    registered = TalentFactory()
    row = talent_row(1, **{"身份证号码": registered.id_number, "出生日期": None, "性别": None})

    report = run(admin, workbook([row]))

    assert where(report) == {(2, "身份证号码")}
    assert "choose to update existing records" in report.errors[0].message
    assert Talent.objects.count() == 1


def test_with_updating_chosen_a_registered_talent_is_updated_not_doubled(admin, acme):
    registered = TalentFactory(major="化学")
    rows = [
        talent_row(
            1,
            employer=acme.name,
            **{"身份证号码": registered.id_number, "出生日期": None, "性别": None, "专业": "物理"},
        ),
        talent_row(2),
    ]

    report = run(admin, workbook(rows), update_existing=True)

    assert not report.rejected, report.errors
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert Talent.objects.count() == 2
    registered.refresh_from_db()
    assert (registered.major, registered.employer) == ("物理", acme)
    updated = AuditRecord.objects.get(action=AuditAction.UPDATE)
    assert updated.target_id == str(registered.pk)
    assert {"major", "employer"} <= set(updated.changes)
    assert "id_number" not in updated.changes


def test_a_row_equal_to_its_registered_record_is_counted_unchanged(admin):
    first = run(admin, workbook([talent_row(1)]))
    assert first.created == 1

    again = run(admin, workbook([talent_row(1)]), update_existing=True)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert AuditRecord.objects.filter(action=AuditAction.UPDATE).count() == 0


# Permissions --------------------------------------------------------------------------------


def test_hr_importing_people_of_another_enterprise_gets_errors_and_nothing_is_imported(
    make_user, acme
):
    other = EnterpriseFactory(name="另一家示例企业有限公司")
    hr = make_user(Role.ENTERPRISE_HR, enterprise=acme)
    rows = [talent_row(1, employer=acme.name), talent_row(2, employer="")]

    report = run(hr, workbook(rows + [talent_row(3, employer=other.name)]))

    assert report.rejected
    assert where(report) == {(3, ""), (4, "工作单位")}
    assert "own enterprise" in report.errors[0].message
    assert Talent.objects.count() == 0


def test_hr_imports_the_people_of_its_own_enterprise(make_user, acme):
    hr = make_user(Role.ENTERPRISE_HR, enterprise=acme)

    report = run(hr, workbook([talent_row(n, employer=acme.name) for n in range(3)]))

    assert not report.rejected, report.errors
    assert Talent.objects.filter(employer=acme).count() == 3


def test_hr_may_not_update_a_registered_person_of_another_enterprise(make_user, acme):
    hr = make_user(Role.ENTERPRISE_HR, enterprise=acme)
    elsewhere = TalentFactory()
    row = talent_row(
        1, employer=acme.name, **{"身份证号码": elsewhere.id_number, "出生日期": None, "性别": None}
    )

    report = run(hr, workbook([row]), update_existing=True)

    assert where(report) == {(2, "")}
    elsewhere.refresh_from_db()
    assert elsewhere.employer != acme


def test_agency_staff_import_candidates_of_their_own_agency(make_user):
    agency = AgencyFactory()
    staff = make_user(Role.AGENCY_STAFF, agency=agency)
    row = talent_row(1, **{"状态": "候选人才", "人力资源服务机构": agency.name})

    report = run(staff, workbook([row]))

    assert not report.rejected, report.errors
    assert Talent.objects.get().agency == agency


def test_a_role_without_the_add_permission_is_refused_before_the_file_is_read(make_user):
    leader = make_user(Role.LEADER)

    with pytest.raises(PermissionDenied):
        run(leader, workbook([talent_row(1)]))


# Enterprises --------------------------------------------------------------------------------


def test_enterprises_import_with_their_grid_and_yes_no_cells(admin):
    grid = GridFactory(name="漳湾网格", code="zhangwan")
    rows = [enterprise_row(n, grid=grid.name) for n in range(10)]
    rows[1]["规上企业"] = "否"
    rows[2]["所属网格"] = "zhangwan"

    report = run(admin, workbook(rows, ENTERPRISE_HEADERS, title="企业"), kind="enterprises")

    assert not report.rejected, report.errors
    assert Enterprise.objects.filter(grid=grid).count() == 10
    second = Enterprise.objects.get(name=rows[1]["企业名称"])
    assert (second.above_scale, second.high_tech, second.employees) == (False, False, 120)
    assert second.industry == "battery_materials"


def test_enterprise_rows_report_bad_codes_names_taken_and_unknown_grids(admin):
    grid = GridFactory()
    taken = EnterpriseFactory(name="已登记示例企业有限公司")
    rows = [enterprise_row(n, grid=grid.name) for n in range(5)]
    rows[0]["统一社会信用代码"] = rows[0]["统一社会信用代码"][:-1] + "0"
    rows[1]["企业名称"] = taken.name
    rows[2]["所属网格"] = "没有的网格"
    rows[3]["规上企业"] = "也许"
    rows[4]["企业名称"] = rows[3]["企业名称"]

    report = run(admin, workbook(rows, ENTERPRISE_HEADERS), kind="enterprises")

    assert where(report) == {
        (2, "统一社会信用代码"),
        (3, "企业名称"),
        (4, "所属网格"),
        (5, "规上企业"),
        (6, "企业名称"),
    }
    assert Enterprise.objects.count() == 1


def test_with_updating_chosen_an_enterprise_with_a_registered_credit_code_is_updated(admin):
    registered = EnterpriseFactory(employees=10)
    row = enterprise_row(
        1, grid=registered.grid.name, **{"统一社会信用代码": registered.credit_code, "职工人数": 99}
    )

    report = run(
        admin, workbook([row], ENTERPRISE_HEADERS), kind="enterprises", update_existing=True
    )

    assert not report.rejected, report.errors
    registered.refresh_from_db()
    assert (registered.employees, registered.name) == (99, row["企业名称"])
    assert Enterprise.objects.count() == 1


def test_hr_staff_may_not_import_enterprises(make_user, acme):
    hr = make_user(Role.ENTERPRISE_HR, enterprise=acme)

    with pytest.raises(PermissionDenied):
        run(
            hr,
            workbook([enterprise_row(1, grid=acme.grid.name)], ENTERPRISE_HEADERS),
            kind="enterprises",
        )


# The template -------------------------------------------------------------------------------


def test_the_talent_template_has_the_chinese_headers_an_instructions_sheet_and_drop_downs():
    AgencyFactory()
    with translation.override("en"), template_workbook(kind_named("talents")) as file:
        book = load_workbook(file)

    rows_sheet, instructions = book.worksheets[0], book["Instructions"]
    headers = [cell.value for cell in rows_sheet[1]]
    assert headers[:5] == ["姓名", "性别", "出生日期", "身份证号码", "手机号码"]
    assert "人力资源服务机构" in headers
    explained = [row[0] for row in instructions.iter_rows(min_row=2, values_only=True)]
    assert set(headers) <= set(explained)
    lists = {
        tuple(v.sqref.ranges)[0].coord.split(":")[0][0]
        for v in rows_sheet.data_validations.dataValidation
    }
    # gender, education, title, industry, tier, status, agency; no list of enterprises
    assert lists == {"B", "F", "H", "J", "K", "N", "O"}
    assert rows_sheet.column_dimensions["D"].number_format == "@"


def test_a_filled_in_template_imports(admin):
    with template_workbook(kind_named("talents")) as file:
        book = load_workbook(file)
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    row = talent_row(8)
    sheet.append([row[header] for header in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)

    report = run(admin, buffer)

    assert not report.rejected, report.errors
    assert queries.talents_with_id_numbers([row["身份证号码"]]).exists()


def test_generated_id_numbers_are_unique_for_many_rows():
    numbers = {talent_row(n)["身份证号码"] for n in range(10_000)}
    assert len(numbers) == 10_000
    assert make_id_number("350902", datetime.date(1970, 1, 1), 0, True) in numbers
