"""Seed the demo's reports: last month's monthly report and last year's yearly report, asked for
by the demo office account, so the reports page shows finished reports to download.

`talentzone seed` calls `seed_insights` last, in the same transaction (and skips it with
`--registry-only`). The reports are asked for through `insights.services.request_report`, as the
office would; they are written once the seed's transaction commits (in-process without Redis,
by a worker with it), from the figures of the demo just seeded.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ReportKind
from .models import Report
from .services import request_report

Say = Callable[[str], None]
OFFICE_ACCOUNT = "office"


def is_seeded() -> bool:
    """Reports are there (the demo's or the office's own): leave them alone."""
    return Report.objects.exists()


def last_month(today: datetime.date) -> tuple[int, int]:
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return first.year, first.month


def seed_insights(scale: float, report: Say = lambda line: None) -> bool:
    """Ask for the demo's two reports; False when reports exist already. The scale is ignored."""
    if is_seeded():
        return False
    office = get_user_model().objects.get(username=OFFICE_ACCOUNT)
    today = timezone.localtime(timezone.now()).date()
    year, month = last_month(today)
    request_report(actor=office, kind=ReportKind.MONTHLY, year=year, month=month)
    request_report(actor=office, kind=ReportKind.YEARLY, year=today.year - 1)
    report(_("Asked for last month's and last year's reports."))
    return True


def insights_counts() -> list[tuple[str, int]]:
    return [(str(_("reports")), Report.objects.count())]
