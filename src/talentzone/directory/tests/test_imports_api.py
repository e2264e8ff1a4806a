"""The import over the API (202 with the job, then poll it) and as the `talentzone import`
command (progress, report, exit status 1 on a rejection)."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from talentzone.core.choices import Role
from talentzone.directory.choices import ImportStatus
from talentzone.directory.imports.columns import ERROR_HEADER
from talentzone.directory.imports.samples import (
    ENTERPRISE_HEADERS,
    enterprise_row,
    talent_row,
    write_workbook,
)
from talentzone.directory.models import Enterprise, ImportJob, Talent

from .factories import GridFactory

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORTS = "/api/v1/directory/imports/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin(make_user):
    return make_user(Role.OFFICE_ADMIN)


def xlsx(rows, headers=None) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, rows, *([headers] if headers else []))
    return buffer.getvalue()


def post(client, content: bytes, run_task, kind="talents", **fields):
    file = SimpleUploadedFile("roster.xlsx", content, content_type=XLSX)
    with run_task(execute=True):
        # The job's messages are in the language of the upload.
        return client.post(
            IMPORTS, {"kind": kind, "file": file, **fields}, HTTP_ACCEPT_LANGUAGE="en"
        )


# API ----------------------------------------------------------------------------------------


def test_an_upload_answers_202_with_the_job_and_polling_it_gives_the_outcome(
    client, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)

    response = post(
        client, xlsx([talent_row(n) for n in range(25)]), django_capture_on_commit_callbacks
    )

    assert response.status_code == 202
    job = response.json()
    assert response["Location"] == f"{IMPORTS}{job['id']}/"
    polled = client.get(response["Location"]).json()
    assert polled["status"] == ImportStatus.DONE
    assert (polled["created_count"], polled["total_rows"]) == (25, 25)
    assert polled["progress"]["percent"] == 100
    assert polled["errors"] == []
    assert polled["report_url"] is None
    assert Talent.objects.count() == 25


def test_a_rejected_upload_reports_every_bad_cell_and_links_the_annotated_workbook(
    client, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    rows = [talent_row(n) for n in range(5)]
    rows[0]["身份证号码"] = "35090219700101001"
    rows[3]["所属行业"] = "农业"

    job = post(client, xlsx(rows), django_capture_on_commit_callbacks).json()

    polled = client.get(f"{IMPORTS}{job['id']}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert polled["status"] == ImportStatus.REJECTED
    assert [(e["row"], e["column"]) for e in polled["errors"]] == [
        (2, "身份证号码"),
        (5, "所属行业"),
    ]
    assert "18 characters" in polled["errors"][0]["message"]
    report = client.get(polled["report_url"])
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content))).worksheets[0]
    assert sheet.cell(row=1, column=sheet.max_column).value == ERROR_HEADER
    assert Talent.objects.count() == 0


def test_an_upload_that_is_not_a_workbook_answers_400_on_the_file(client, admin):
    client.force_login(admin)
    file = SimpleUploadedFile("roster.xlsx", b"%PDF-1.7", content_type=XLSX)

    response = client.post(IMPORTS, {"kind": "talents", "file": file}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json()["file"] == [
        "roster.xlsx is not an Excel workbook (.xlsx): what it holds is a PDF."
    ]
    assert not ImportJob.objects.exists()


def test_a_role_that_may_not_add_the_records_gets_403(client, make_user):
    client.force_login(make_user(Role.LEADER))
    file = SimpleUploadedFile("roster.xlsx", xlsx([talent_row(1)]), content_type=XLSX)

    assert client.post(IMPORTS, {"kind": "talents", "file": file}).status_code == 403


def test_callers_see_only_their_own_jobs(client, admin, make_user):
    mine = ImportJob.objects.create(kind="talents", file_name="a.xlsx", owner=admin)
    theirs = ImportJob.objects.create(
        kind="talents", file_name="b.xlsx", owner=make_user(Role.AGENCY_STAFF)
    )
    staff = make_user(Role.AGENCY_STAFF)
    client.force_login(staff)
    assert client.get(f"{IMPORTS}{theirs.pk}/").status_code == 404
    assert client.get(IMPORTS).json()["count"] == 0

    client.force_login(theirs.owner)
    listed = client.get(IMPORTS).json()["results"]
    assert [job["id"] for job in listed] == [theirs.pk]
    assert mine.pk not in [job["id"] for job in listed]


# The command --------------------------------------------------------------------------------


def command(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import", *args, stdout=out)
    return out.getvalue()


def saved(tmp_path: Path, rows, headers=None) -> Path:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(xlsx(rows, headers))
    return path


def test_the_command_imports_a_workbook_printing_progress_and_the_outcome(admin, tmp_path):
    file = saved(tmp_path, [talent_row(n) for n in range(200)])

    output = command("talents", str(file), "--as", admin.username)

    assert f"Importing roster.xlsx as {admin.username}" in output
    assert "Checking rows: [" in output
    assert "100% (200/200)" in output
    assert "Imported 200 rows: 200 created, 0 updated, 0 unchanged." in output
    assert Talent.objects.count() == 200


def test_the_command_exits_with_an_error_listing_every_bad_row_when_rejected(admin, tmp_path):
    rows = [talent_row(n) for n in range(4)]
    rows[1]["手机号码"] = "12345"
    file = saved(tmp_path, rows)
    report = tmp_path / "errors.xlsx"
    out = io.StringIO()

    with translation.override("en"), pytest.raises(CommandError) as rejected:
        call_command(
            "import",
            "talents",
            str(file),
            "--as",
            admin.username,
            "--report",
            str(report),
            stdout=out,
        )

    assert str(rejected.value) == "Nothing was imported: 1 of 4 rows have errors (1 in all)."
    assert "row 3, 手机号码: A mobile number has 11 digits" in out.getvalue()
    assert load_workbook(report).worksheets[0].cell(row=1, column=16).value == ERROR_HEADER
    assert Talent.objects.count() == 0


def test_the_command_updates_registered_enterprises_when_asked(admin, tmp_path):
    grid = GridFactory()
    file = saved(tmp_path, [enterprise_row(1, grid=grid.name)], ENTERPRISE_HEADERS)
    command("enterprises", str(file), "--as", admin.username)
    file = saved(tmp_path, [enterprise_row(1, grid=grid.name, 职工人数=300)], ENTERPRISE_HEADERS)

    output = command("enterprises", str(file), "--as", admin.username, "--update-existing")

    assert "1 updated" in output
    assert Enterprise.objects.get().employees == 300


def test_the_command_runs_as_the_only_office_admin_unless_told_otherwise(admin, tmp_path):
    file = saved(tmp_path, [talent_row(1)])

    assert f"as {admin.username}" in command("talents", str(file))


def test_the_command_refuses_an_unknown_account_and_a_role_that_may_not_add(
    admin, make_user, tmp_path
):
    file = saved(tmp_path, [talent_row(1)])
    leader = make_user(Role.LEADER)

    with translation.override("en"), pytest.raises(CommandError, match="no active user"):
        call_command("import", "talents", str(file), "--as", "nobody")
    with translation.override("en"), pytest.raises(CommandError, match="may not add"):
        call_command("import", "talents", str(file), "--as", leader.username)
