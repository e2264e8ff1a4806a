"""A report is written once, however many times its task is delivered at the same moment: the
first worker claims it (queued → running, one UPDATE that only a queued row matches) and the
others leave it alone, so one workbook and one PDF are stored, not one pair per worker.

The race needs PostgreSQL: SQLite lets one writer in at a time. Each delivery runs in its own
thread with its own connection (core.testing)."""

import datetime

import pytest
from django.db import connection

from talentzone.core.testing import run_at_once
from talentzone.core.tests.test_browser import replay_data_migrations
from talentzone.directory.tests.factories import TalentFactory, tier
from talentzone.insights import services
from talentzone.insights.choices import ReportKind, ReportStatus
from talentzone.insights.models import Report

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
    ),
    pytest.mark.django_db(transaction=True),
]

DELIVERIES = 4


def deliver(report_id: int):
    def action() -> str:
        return services.report_run(report_id).status

    return action


def test_a_report_delivered_to_four_workers_at_once_is_written_once(make_user, settings, tmp_path):
    replay_data_migrations()  # a transactional test empties the roles and tiers it found
    settings.MEDIA_ROOT = tmp_path
    TalentFactory(tier=tier("municipal"), arrival_date=datetime.date(2025, 5, 1))
    report = Report.objects.create(
        kind=ReportKind.MONTHLY,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        requested_by=make_user("office_admin"),
    )

    outcomes = run_at_once([deliver(report.pk) for _ in range(DELIVERIES)])

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert sum(outcomes.values()) == DELIVERIES
    assert set(outcomes) <= {ReportStatus.RUNNING, ReportStatus.DONE}
    stored = sorted(path.suffix for path in tmp_path.rglob("*") if path.is_file())
    assert stored == [".pdf", ".xlsx"]
