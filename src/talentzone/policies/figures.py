"""The policies app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown.

Drill-downs lead to the office's lists: the payments (paid ones, by policy or budget line and
the days paid), the applications (by status) and the offers (by policy)."""

import calendar
import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries
from .choices import ApplicationStatus

LEDGER_MODELS = ("policies.BudgetLine", "policies.LedgerEntry")
PAYMENT_MODELS = ("policies.LedgerEntry", "policies.Application", "policies.Policy")
TIMELINE_MODELS = ("policies.Application", "policies.ApplicationEvent")
OFFER_MODELS = ("policies.Offer", "policies.Policy")


def url(name: str, **filters) -> str:
    query = urlencode({key: value for key, value in filters.items() if value not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


def paid(start: datetime.date, end: datetime.date, **filters) -> str:
    """The payments list: applications paid from `start` to `end`."""
    return url(
        "policies:payment-list",
        status=ApplicationStatus.PAID,
        paid_from=start.isoformat(),
        paid_until=end.isoformat(),
        **filters,
    )


def payments_of_line(key: str, period: Period) -> str | None:
    """Every payment from the line (of its year), whenever in the year."""
    year = period.end.year
    return paid(datetime.date(year, 1, 1), period.end, budget_line=key) if key else None


def payments_of_policy(key: str, period: Period) -> str | None:
    return paid(period.start, period.end, policy=key) if key else None


def payments_of_month(key: str, period: Period) -> str | None:
    """The month's payments, within the period."""
    try:
        year, month = (int(part) for part in key.split("-"))
        first = datetime.date(year, month, 1)
    except ValueError:
        return None
    last = first.replace(day=calendar.monthrange(year, month)[1])
    return paid(max(first, period.start), min(last, period.end))


def applications_in_status(key: str, period: Period) -> str | None:
    """The application list shows each one's status now: it is the list behind the bar only
    when the period ends today or later."""
    if key not in ApplicationStatus.values or period.end < timezone.localdate():
        return None
    return url("policies:application-list", status=key)


def offers_of_policy(key: str, period: Period) -> str | None:
    return url("policies:office-offers", policy=key) if key else None


FIGURES = [
    Figure(
        key="policies.budget_by_line",
        section=Section.MONEY,
        title=_("Budget lines: disbursed, reserved and free"),
        compute=queries.budget_by_line,
        chart=Chart.STACKED,
        unit=_("yuan"),
        stock=True,
        depends_on=LEDGER_MODELS,
        drill=payments_of_line,
        description=_(
            "The budget lines of the year the period ends in, as the ledger stood on its last "
            "day: paid out, set aside for approved applications, and still free. Each bar is "
            "the line's whole budget."
        ),
        order=10,
    ),
    Figure(
        key="policies.disbursed_by_policy",
        section=Section.MONEY,
        title=_("Money disbursed by policy"),
        compute=queries.disbursed_by_policy,
        chart=Chart.BAR,
        unit=_("yuan"),
        depends_on=PAYMENT_MODELS,
        drill=payments_of_policy,
        description=_("Payments made in the period, per policy, the largest first."),
        order=20,
    ),
    Figure(
        key="policies.payments_by_month",
        section=Section.MONEY,
        title=_("Payments by month"),
        compute=queries.payments_by_month,
        chart=Chart.LINE,
        unit=_("yuan"),
        depends_on=("policies.LedgerEntry",),
        drill=payments_of_month,
        description=_("Money paid out in each month of the period."),
        order=30,
    ),
    Figure(
        key="policies.applications_by_state",
        section=Section.APPLICATIONS,
        title=_("Applications by status"),
        compute=queries.applications_by_state,
        chart=Chart.BAR,
        unit=pgettext_lazy("unit", "applications"),
        stock=True,
        depends_on=TIMELINE_MODELS,
        drill=applications_in_status,
        description=_(
            "Every application made by the period's last day, by where it stood at the end of "
            "that day (read from its timeline)."
        ),
        order=10,
    ),
    Figure(
        key="policies.days_per_stage",
        section=Section.APPLICATIONS,
        title=_("Average days per stage"),
        compute=queries.days_per_stage,
        chart=Chart.BAR,
        unit=_("days"),
        depends_on=(*TIMELINE_MODELS, "policies.ReviewStage"),
        description=_(
            "Average calendar days an application spent at each kind of review stage, on public "
            "notice, from approval to payment, and from submission to the decision, over those "
            "that ended in the period."
        ),
        order=20,
    ),
    Figure(
        key="policies.offers",
        section=Section.APPLICATIONS,
        title=_("Offers made and accepted by policy"),
        compute=queries.offers,
        chart=Chart.BAR,
        unit=pgettext_lazy("unit", "offers"),
        depends_on=OFFER_MODELS,
        drill=offers_of_policy,
        description=_(
            "Offers made without application in the period, and those accepted or declined in "
            "it, per policy."
        ),
        order=30,
    ),
    Figure(
        key="policies.offers_by_month",
        section=Section.APPLICATIONS,
        title=_("Offers by month"),
        compute=queries.offers_by_month,
        chart=Chart.LINE,
        unit=pgettext_lazy("unit", "offers"),
        depends_on=("policies.Offer",),
        description=_(
            "Offers made without application in each month, and those accepted or declined in it."
        ),
        order=40,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
