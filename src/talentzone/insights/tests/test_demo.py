"""The demo's reports: last month's and last year's, asked for by the office and written once
the seed commits, so the reports page has something to download in every demo."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings

from talentzone.insights.choices import ReportKind, ReportStatus
from talentzone.insights.demo import last_month, seed_insights
from talentzone.insights.models import Report

pytestmark = pytest.mark.django_db


def test_last_month_of_january_is_december_of_the_year_before():
    assert last_month(datetime.date(2027, 1, 15)) == (2026, 12)
    assert last_month(datetime.date(2026, 11, 30)) == (2026, 10)


def test_the_demo_asks_for_last_month_s_and_last_year_s_reports_once(
    tmp_path, django_capture_on_commit_callbacks
):
    with override_settings(MEDIA_ROOT=tmp_path):
        call_command("seed", "--scale", "0.01", "--registry-only", verbosity=0)
        with django_capture_on_commit_callbacks(execute=True):
            assert seed_insights(0.01)
        reports = {report.kind: report for report in Report.objects.all()}
        assert set(reports) == {ReportKind.MONTHLY, ReportKind.YEARLY}
        monthly, yearly = reports[ReportKind.MONTHLY], reports[ReportKind.YEARLY]
        assert monthly.period_start.day == 1
        assert (monthly.period_end + datetime.timedelta(days=1)).day == 1
        assert yearly.period_start == datetime.date(yearly.period_start.year, 1, 1)
        assert yearly.period_end == datetime.date(yearly.period_start.year, 12, 31)
        assert monthly.requested_by.username == "office"
        for report in reports.values():
            assert report.status == ReportStatus.DONE, report.error
            assert report.workbook and report.pdf
        assert seed_insights(0.01) is False
        assert Report.objects.count() == 2
