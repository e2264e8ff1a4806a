"""The monthly and yearly reports: asked for by the office, written in the background (Celery
runs in process in the tests) to an Excel workbook and a PDF holding the figures of the period.

Only `directory.talents_by_tier` is checked number by number; the other figures the registry
holds are written too, and the tests do not depend on which there are.
"""

import base64
import datetime
import io
import re
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from rest_framework.test import APIClient

from talentzone.core import figures as registry
from talentzone.core.models import AuditRecord
from talentzone.core.spreadsheets import sheet_title
from talentzone.directory.choices import TalentStatus
from talentzone.directory.tests.factories import TalentFactory, tier
from talentzone.insights import reports, services
from talentzone.insights.choices import ReportKind, ReportStatus
from talentzone.insights.models import Report

API = "/api/v1/insights/reports/"
MARCH = datetime.date(2026, 3, 1)
MARCH_END = datetime.date(2026, 3, 31)
TIER_FIGURE = "directory.talents_by_tier"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def office(make_user):
    return make_user("office_admin")


@pytest.fixture
def leader(make_user):
    return make_user("leader")


@pytest.fixture
def talent_user(make_user):
    return make_user("talent")


@pytest.fixture
def march_zone(db):
    """On 31 March 2026: 2 national leading talents (one arrived that very day), 3 municipal
    ones (one left in April, so still here in March), 1 without a tier. Not counted: one who
    left on 20 March, one who arrives on 1 April, an agency's candidate."""
    national, municipal, district = tier("national_leading"), tier("municipal"), tier("district")
    TalentFactory(tier=national, arrival_date=datetime.date(2024, 1, 10))
    TalentFactory(tier=national, arrival_date=MARCH_END)
    TalentFactory(tier=municipal, arrival_date=datetime.date(2020, 3, 1))
    TalentFactory(tier=municipal, arrival_date=datetime.date(2025, 7, 1))
    TalentFactory(
        tier=municipal,
        arrival_date=datetime.date(2021, 5, 5),
        status=TalentStatus.LEFT,
        left_on=datetime.date(2026, 4, 15),
    )
    TalentFactory(tier=None, arrival_date=datetime.date(2026, 2, 1))
    TalentFactory(
        tier=municipal,
        arrival_date=datetime.date(2019, 1, 1),
        status=TalentStatus.LEFT,
        left_on=datetime.date(2026, 3, 20),
    )
    TalentFactory(tier=district, arrival_date=datetime.date(2026, 4, 1))
    TalentFactory(tier=district, arrival_date=None, status=TalentStatus.CANDIDATE)


def march_report(office, capture) -> Report:
    with capture(execute=True):
        report = services.request_report(actor=office, kind=ReportKind.MONTHLY, year=2026, month=3)
    report.refresh_from_db()
    return report


def workbook_of(report: Report):
    with report.workbook.open("rb") as file:
        return load_workbook(io.BytesIO(file.read()))


def tier_counts(sheet) -> dict[str, object]:
    """The talents_by_tier table of a sheet: {category label: cell} below the figure's title."""
    title = str(registry.get(TIER_FIGURE).title)
    rows = list(sheet.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == title)
    # Below the title: its unit, then the header row (series' names), then a row per category.
    header = next(i for i in range(start + 1, len(rows)) if rows[i][1].value is not None)
    table = {}
    for row in rows[header + 1 :]:
        if row[0].value is None and row[1].value is None:
            break
        table[row[0].value] = row[1]
    return table


def pdf_streams(data: bytes) -> bytes:
    """The PDF's bytes with every stream inflated (page streams are ASCII85, then deflated)."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        stream = stream.strip()
        try:
            if stream.endswith(b"~>"):
                stream = base64.a85decode(stream, adobe=True)
            parts.append(zlib.decompressobj().decompress(stream))
        except (ValueError, zlib.error):
            continue
    return b"\n".join(parts)


def client_for(user, language: str = "zh-hans") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    client.force_authenticate(user)
    return client


# The report's content ---------------------------------------------------------------------------


def test_a_report_of_a_past_month_holds_that_months_figures_even_with_later_records(
    march_zone, office, django_capture_on_commit_callbacks
):
    # Records written since, dated after March: a new arrival and a departure in May.
    TalentFactory(tier=tier("municipal"), arrival_date=datetime.date(2026, 6, 1))
    TalentFactory(
        tier=tier("national_leading"),
        arrival_date=datetime.date(2023, 3, 3),
        status=TalentStatus.LEFT,
        left_on=datetime.date(2026, 5, 2),
    )

    report = march_report(office, django_capture_on_commit_callbacks)

    assert report.status == ReportStatus.DONE
    assert (report.period_start, report.period_end) == (MARCH, MARCH_END)
    assert report.progress == 100 and report.finished_at is not None
    sheet = workbook_of(report)[str(registry.Section.TALENTS.label)]
    counts = tier_counts(sheet)
    assert counts["国家级领军人才"].value == 3  # two of the data set and the one who left in May
    assert counts["市级高层次人才"].value == 3
    assert counts["区级优秀人才"].value == 0
    assert counts["国家级顶尖人才"].value == 0


def test_the_workbook_has_a_cover_and_a_sheet_per_section_with_the_tier_numbers(
    march_zone, office, django_capture_on_commit_callbacks
):
    report = march_report(office, django_capture_on_commit_callbacks)
    book = workbook_of(report)

    with translation.override(report.language):
        sections = []
        for figure in registry.all_figures():
            if sheet_title(str(figure.section.label)) not in sections:
                sections.append(sheet_title(str(figure.section.label)))
        assert book.sheetnames[1:] == sections
        cover = book.worksheets[0]
        texts = [cell.value for row in cover.iter_rows() for cell in row if cell.value]
        assert reports.period_text(reports.Period(MARCH, MARCH_END)) in texts
        assert str(office) in texts
        counts = tier_counts(book[sheet_title(str(registry.Section.TALENTS.label))])
        no_tier = gettext("No tier")
    assert {name: cell.value for name, cell in counts.items()} == {
        "国家级顶尖人才": 0,
        "国家级领军人才": 2,
        "省级高层次人才": 0,
        "省级引进人才": 0,
        "市级高层次人才": 3,
        "区级优秀人才": 0,
        no_tier: 1,  # those without a tier, last
    }
    assert list(counts)[-1] == no_tier
    assert all(cell.data_type == "n" for cell in counts.values())  # numbers, not text
    assert counts["市级高层次人才"].number_format == reports.INTEGER_FORMAT


def test_decimals_are_written_as_numbers_with_a_number_format():
    figure = registry.Figure(
        key="tests.money",
        section=registry.Section.MONEY,
        title="预算",
        compute=lambda period: registry.FigureData(
            ["甲"], ["a"], [registry.Series("yuan", "金额", [reports.Decimal("1234.50")])]
        ),
        unit="元",
    )
    period = reports.Period(MARCH, MARCH_END)
    sections = reports.compute_sections(period, figures=[figure])
    content = reports.ReportContent(ReportKind.MONTHLY, period, timezone.now(), "office", sections)
    book = load_workbook(io.BytesIO(reports.build_workbook(content)))
    cell = next(row[1] for row in book.worksheets[1].iter_rows() if row[0].value == "甲")
    assert cell.value == 1234.5 and cell.data_type == "n"
    assert cell.number_format == reports.DECIMAL_FORMAT


def test_the_pdf_is_a_pdf_with_text_in_the_cjk_font(
    march_zone, office, django_capture_on_commit_callbacks
):
    report = march_report(office, django_capture_on_commit_callbacks)
    with report.pdf.open("rb") as file:
        data = file.read()

    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data and b"/ToUnicode" in data  # an embedded font, readable text
    text = pdf_streams(data)
    pages = len(re.findall(rb"/Type /Page[^s]", data))
    assert pages >= 2  # the title page, then the sections
    assert text.count(b"(2026-03-01 \\226 2026-03-31") == pages  # the period on every page
    assert re.search(rb"\(3\) Tj", text)  # the three municipal talents, drawn as text
    assert b"/Type /Page" in data


def test_progress_is_reported_figure_by_figure(db):
    steps = []
    period = reports.Period(MARCH, MARCH_END)
    figure = registry.get(TIER_FIGURE)
    other = registry.Figure(
        key="tests.other",
        section=registry.Section.CASES,
        title="其他",
        compute=lambda period: registry.FigureData(
            ["甲"], ["a"], [registry.Series("n", "数", [1])]
        ),
    )
    reports.compute_sections(period, lambda p, s: steps.append((p, s)), figures=[figure, other])

    percents = [percent for percent, _step in steps]
    assert len(steps) == 3  # before each figure, then "computed"
    assert percents == sorted(percents) and percents[-1] == reports.COMPUTED_PERCENT
    assert str(figure.title) in steps[0][1] and "其他" in steps[1][1]


# Asking for a report ---------------------------------------------------------------------------


def test_asking_is_audited_and_queued_in_the_askers_language(
    office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = services.request_report(
            actor=office, kind=ReportKind.YEARLY, year=2025, language="en"
        )
    assert report.status == ReportStatus.QUEUED and len(callbacks) == 1
    assert (report.period_start, report.period_end) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )
    assert AuditRecord.objects.filter(
        target_type="insights.report", target_id=str(report.pk), action="create"
    ).exists()

    callbacks[0]()  # the task runs, in English
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    with translation.override("en"):
        talents = str(registry.Section.TALENTS.label)
    assert talents in workbook_of(report).sheetnames


@pytest.mark.parametrize(
    ("kind", "year", "month", "field", "code"),
    [
        (ReportKind.MONTHLY, 2026, 13, "month", "out_of_range"),
        (ReportKind.MONTHLY, 2026, 0, "month", "out_of_range"),
        (ReportKind.MONTHLY, 2026, None, "month", "required"),
        (ReportKind.MONTHLY, 2026, 12, "month", "not_begun"),
        (ReportKind.YEARLY, 2027, None, "year", "not_begun"),
        ("weekly", 2026, None, "kind", "invalid_choice"),
    ],
)
def test_a_period_not_begun_or_out_of_range_is_refused_on_its_field(
    office, kind, year, month, field, code, monkeypatch
):
    monkeypatch.setattr(services, "_today", lambda: datetime.date(2026, 11, 27))
    with pytest.raises(ValidationError) as refused:
        services.request_report(actor=office, kind=kind, year=year, month=month)
    assert [e.code for e in refused.value.error_dict[field]] == [code]
    assert not Report.objects.exists()


def test_only_the_office_asks_for_reports(leader, talent_user):
    for user in (leader, talent_user):
        with pytest.raises(PermissionDenied):
            services.request_report(actor=user, kind=ReportKind.YEARLY, year=2025)


def test_a_failure_stores_the_error_and_no_file(
    march_zone, office, media, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(content):
        raise RuntimeError("字体文件损坏")

    monkeypatch.setattr(reports, "build_pdf", broken)
    report = march_report(office, django_capture_on_commit_callbacks)

    assert report.status == ReportStatus.FAILED
    assert "字体文件损坏" in report.error
    assert not report.workbook and not report.pdf
    assert not [path for path in media.rglob("*") if path.is_file()]  # nothing half-written


def test_a_report_delivered_twice_is_written_once(
    march_zone, office, django_capture_on_commit_callbacks
):
    report = march_report(office, django_capture_on_commit_callbacks)
    finished = report.finished_at
    again = services.report_run(report.pk)
    assert again.status == ReportStatus.DONE and again.finished_at == finished


# API -------------------------------------------------------------------------------------------


def test_the_api_creates_lists_reads_and_downloads(
    march_zone, office, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(office).post(
            API, {"kind": "monthly", "year": 2026, "month": 3}, format="json"
        )
    assert response.status_code == 202, response.content
    pk = response.json()["id"]
    body = client_for(leader).get(f"{API}{pk}/").json()
    assert body["status"] == "done" and body["progress"] == 100
    assert body["period_start"] == "2026-03-01" and body["period_end"] == "2026-03-31"
    assert body["workbook_url"].endswith(f"{API}{pk}/workbook/")

    listed = client_for(leader).get(API).json()
    assert [row["id"] for row in listed["results"]] == [pk]
    workbook = client_for(leader).get(f"{API}{pk}/workbook/")
    assert workbook.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(workbook.streaming_content)))
    pdf = client_for(leader).get(f"{API}{pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "monthly", "year": 2026, "month": 13}, "month"),
        ({"kind": "monthly", "year": 2026}, "month"),
        ({"kind": "yearly", "year": 2999}, "year"),
        ({"kind": "yearly", "year": "abc"}, "year"),
        ({"kind": "daily", "year": 2026}, "kind"),
    ],
)
def test_bad_input_answers_400_with_the_field(office, payload, field):
    response = client_for(office).post(API, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Report.objects.exists()


def test_a_talent_gets_403_and_a_leader_may_not_ask(talent_user, leader, office):
    report = Report.objects.create(
        kind=ReportKind.YEARLY,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        requested_by=office,
    )
    talent = client_for(talent_user)
    assert talent.get(API).status_code == 403
    assert talent.get(f"{API}{report.pk}/").status_code == 403
    assert talent.get(f"{API}{report.pk}/pdf/").status_code == 403
    assert talent.post(API, {"kind": "yearly", "year": 2025}).status_code == 403
    assert client_for(leader).post(API, {"kind": "yearly", "year": 2025}).status_code == 403
    assert client_for(leader).get(f"{API}{report.pk}/pdf/").status_code == 404  # not written yet


# Pages -----------------------------------------------------------------------------------------


def running_report(office) -> Report:
    return Report.objects.create(
        kind=ReportKind.MONTHLY,
        period_start=MARCH,
        period_end=MARCH_END,
        requested_by=office,
        status=ReportStatus.RUNNING,
        progress=40,
        step="计算中",
    )


def test_the_list_refreshes_a_running_report_every_two_seconds(client, office):
    report = running_report(office)
    client.force_login(office)
    page = client.get(reverse("insights:reports")).content.decode()
    progress_url = reverse("insights:report-progress", args=[report.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 2s"' in page
    assert 'data-width="40"' in page  # the bar's width, set by behaviours.js (CSP: no style=)
    assert 'data-testid="report-new"' in page

    Report.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, error="坏了")
    block = client.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in block and "坏了" in block  # the polling stops


def test_the_office_asks_through_the_form_and_lands_on_the_report(
    client, office, march_zone, django_capture_on_commit_callbacks
):
    client.force_login(office)
    assert client.get(reverse("insights:report-new")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("insights:report-new"), {"kind": "monthly", "month": "2026-03"}
        )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("insights:report", args=[report.pk])
    page = client.get(response["Location"]).content.decode()
    assert reverse("insights:report-workbook", args=[report.pk]) in page
    download = client.get(reverse("insights:report-workbook", args=[report.pk]))
    assert download.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    pdf = client.get(reverse("insights:report-pdf", args=[report.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_form_puts_a_month_not_begun_beside_the_month(client, office):
    client.force_login(office)
    response = client.post(reverse("insights:report-new"), {"kind": "monthly", "month": "2999-01"})
    assert response.status_code == 400
    assert response.context["form"].errors["month"]
    assert not Report.objects.exists()


def test_leaders_read_the_list_without_asking_and_talents_are_refused(
    client, leader, talent_user, office
):
    running_report(office)
    client.force_login(leader)
    page = client.get(reverse("insights:reports"))
    assert page.status_code == 200 and b'data-testid="report-row"' in page.content
    assert b'data-testid="report-new"' not in page.content
    assert client.get(reverse("insights:report-new")).status_code == 403
    client.force_login(talent_user)
    assert client.get(reverse("insights:reports")).status_code == 403
