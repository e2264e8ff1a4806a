"""The import's pages and job: the list's button, the template download, the upload form (which
refuses hostile files at once), the job's page with its polled progress bar and its report, and
the annotated workbook. Text is asserted in English (HTTP_ACCEPT_LANGUAGE)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from talentzone.core.choices import Role
from talentzone.directory.choices import ImportStatus
from talentzone.directory.imports import jobs
from talentzone.directory.imports.columns import ERROR_HEADER
from talentzone.directory.imports.samples import talent_row, write_workbook
from talentzone.directory.models import ImportJob, Talent

from .factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin(make_user):
    return make_user(Role.OFFICE_ADMIN)


def upload(rows, name="roster.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    write_workbook(buffer, rows)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def post_upload(client, file, run_task, kind="talents", **fields):
    """POST the upload form; `run_task` runs the task queued once the job is committed."""
    with run_task(execute=True):
        return client.post(
            reverse("directory:import-new"), {"kind": kind, "file": file, **fields}, **ENGLISH
        )


def only_job() -> ImportJob:
    return ImportJob.objects.get()


# The list's button and the template ---------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "list_name", "shown"),
    [
        (Role.OFFICE_ADMIN, "talent-list", True),
        (Role.OFFICE_ADMIN, "enterprise-list", True),
        (Role.AGENCY_STAFF, "talent-list", True),
        (Role.AGENCY_STAFF, "enterprise-list", False),
        (Role.LEADER, "talent-list", False),
        (Role.OFFICE_ADMIN, "agency-list", False),
    ],
)
def test_the_list_offers_the_import_to_roles_that_may_add_that_kind_of_record(
    client, make_user, role, list_name, shown
):
    client.force_login(make_user(role))

    page = client.get(reverse(f"directory:{list_name}"), **ENGLISH).content.decode()

    assert ('data-testid="import-button"' in page) is shown
    if shown:
        assert "Import from Excel" in page


def test_the_talent_template_downloads_with_the_chinese_headers(client, admin):
    client.force_login(admin)

    response = client.get(reverse("directory:import-template"), {"kind": "talents"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "talents-import-template.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [cell.value for cell in sheet[1]][:4] == ["姓名", "性别", "出生日期", "身份证号码"]


def test_the_enterprise_template_downloads_with_the_chinese_headers(client, admin):
    client.force_login(admin)

    response = client.get(reverse("directory:import-template"), {"kind": "enterprises"})

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[:3] == ["企业名称", "统一社会信用代码", "所属行业"]
    assert len(book.worksheets) == 3  # the rows, the instructions, the hidden lists


def test_hr_staff_get_no_enterprise_template_and_leaders_no_import_at_all(client, make_user):
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=EnterpriseFactory()))
    template = reverse("directory:import-template")
    assert client.get(template, {"kind": "enterprises"}).status_code == 403
    assert client.get(template, {"kind": "talents"}).status_code == 200
    assert client.get(template, {"kind": "ventures"}).status_code == 404

    client.force_login(make_user(Role.LEADER))
    assert client.get(reverse("directory:import-new")).status_code == 403
    assert client.get(template, {"kind": "talents"}).status_code == 403


# Upload → job page → report -----------------------------------------------------------------


def test_an_uploaded_valid_workbook_is_imported_and_its_page_says_so(
    client, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    rows = [talent_row(n) for n in range(30)]

    response = post_upload(client, upload(rows), django_capture_on_commit_callbacks)

    job = only_job()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:import-detail", args=[job.pk])
    assert (job.status, job.created_count, job.total_rows) == (ImportStatus.DONE, 30, 30)
    assert Talent.objects.count() == 30
    assert not job.file, "the upload is deleted once imported"
    page = client.get(response["Location"], **ENGLISH).content.decode()
    assert "30 rows imported: 30 created, 0 updated, 0 unchanged." in page
    assert "hx-trigger" not in page


def test_an_uploaded_workbook_with_bad_rows_imports_nothing_and_its_page_lists_them(
    client, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    rows = [talent_row(n) for n in range(10)]
    rows[2]["手机号码"] = "12345"
    rows[6]["学历"] = "小学"

    response = post_upload(client, upload(rows), django_capture_on_commit_callbacks)

    job = only_job()
    assert job.status == ImportStatus.REJECTED
    assert Talent.objects.count() == 0
    assert [(e["row"], e["column"]) for e in job.errors] == [(4, "手机号码"), (8, "学历")]
    page = client.get(response["Location"], **ENGLISH).content.decode()
    assert "Nothing was imported: 2 rows of 10 have errors." in page
    assert 'data-testid="import-errors"' in page
    assert "A mobile number has 11 digits" in page
    assert reverse("directory:import-report", args=[job.pk]) in page


def test_the_annotated_workbook_of_a_rejected_upload_downloads_with_its_error_column(
    client, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    rows = [talent_row(n) for n in range(3)]
    rows[1]["手机号码"] = "12345"
    post_upload(client, upload(rows), django_capture_on_commit_callbacks)
    job = only_job()

    response = client.get(reverse("directory:import-report", args=[job.pk]))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[-1] == ERROR_HEADER
    assert sheet.cell(row=3, column=len(headers)).value.startswith("手机号码")
    assert not job.file, "the upload itself is deleted; the annotated copy is what remains"


def test_a_file_that_is_not_a_workbook_is_refused_on_the_form_without_a_job(client, admin):
    client.force_login(admin)
    text = SimpleUploadedFile("roster.xlsx", b"name,phone\n", content_type=XLSX)

    response = client.post(
        reverse("directory:import-new"), {"kind": "talents", "file": text}, **ENGLISH
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "roster.xlsx is not an Excel workbook (.xlsx): what it holds is plain text." in page
    assert not ImportJob.objects.exists()


def test_an_oversized_upload_is_refused_on_the_form(client, admin, settings):
    settings.TALENTZONE_IMPORT_MAX_BYTES = 1024
    client.force_login(admin)

    response = client.post(
        reverse("directory:import-new"),
        {"kind": "talents", "file": upload([talent_row(n) for n in range(50)])},
        **ENGLISH,
    )

    assert "can be imported at once" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_hr_staff_may_not_choose_to_import_enterprises(client, make_user):
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=EnterpriseFactory()))

    response = client.post(
        reverse("directory:import-new"), {"kind": "enterprises", "file": upload([])}, **ENGLISH
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ImportJob.objects.exists()


# The job's page -----------------------------------------------------------------------------


def queued_job(owner, **fields) -> ImportJob:
    return ImportJob.objects.create(kind="talents", file_name="roster.xlsx", owner=owner, **fields)


def test_a_running_job_page_polls_itself_every_second_and_shows_the_cached_progress(client, admin):
    job = queued_job(admin)
    jobs.JobProgress(job)(ImportStatus.VALIDATING, 400, 1000)
    client.force_login(admin)
    url = reverse("directory:import-detail", args=[job.pk])

    page = client.get(url, **ENGLISH).content.decode()
    card = client.get(url, HTTP_HX_REQUEST="true", **ENGLISH).content.decode()

    assert 'hx-trigger="every 1s"' in page
    assert f'hx-get="{url}"' in page
    assert 'data-width="40"' in page  # core/behaviours.js sets the bar's width (CSP)
    assert "400 of 1,000 rows" in page
    assert card.strip().startswith('<div id="import-job"')
    assert "<html" not in card


def test_progress_within_a_phase_goes_to_the_cache_and_a_change_of_phase_to_the_job(admin):
    job = queued_job(admin)
    progress = jobs.JobProgress(job)

    progress(ImportStatus.VALIDATING, 0, 1000)
    progress(ImportStatus.VALIDATING, 1000, 1000)
    progress(ImportStatus.IMPORTING, 0, 1000)
    progress(ImportStatus.IMPORTING, 1000, 1000)

    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING
    assert cache.get(jobs.progress_key(job.pk))["done"] == 1000
    assert jobs.progress_of(job).percent == 100


def test_someone_elses_job_is_not_found_but_the_talent_office_sees_it(client, admin, make_user):
    owner = make_user(Role.AGENCY_STAFF)
    job = queued_job(owner, status=ImportStatus.DONE)
    url = reverse("directory:import-detail", args=[job.pk])

    client.force_login(make_user(Role.AGENCY_STAFF))
    assert client.get(url).status_code == 404
    assert client.get(reverse("directory:import-report", args=[job.pk])).status_code == 404

    client.force_login(admin)
    assert client.get(url).status_code == 200


def test_a_job_delivered_twice_runs_once(admin):
    job = queued_job(admin, status=ImportStatus.DONE, created_count=3)

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.DONE, 3)
