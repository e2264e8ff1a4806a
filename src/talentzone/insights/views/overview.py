"""The leader's wall screen: the zone's key numbers in large type and a few charts, for the year
to date (or a past year), refreshing itself from the figures' API without reloading the page.

What it shows is declared here: `OVERVIEW_FIGURES` (the charts, in order) and `KEY_NUMBERS`
(each one number taken from a figure). A key that is not registered is skipped, so the screen
works while figures come and go.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentzone.core import figures as registry
from talentzone.core.figures import FigureData

from ..forms import PeriodForm
from .figures import api_query, charts_json, require, show

# The charts, in the order shown; keys that are not registered are skipped.
OVERVIEW_FIGURES = [
    "directory.talents_by_tier",
    "directory.talents_by_industry",
    "directory.inflow_outflow",
    "policies.budget_by_line",
    "cases.by_grid",
    "recruiting.hiring_funnel",
    "events.by_month",
    "housing.occupancy",
]


@dataclass(frozen=True)
class KeyNumber:
    """One large number: the total of a figure's series (its first when `series` is None), or
    its value for one category."""

    name: str
    label: str
    figure: str
    icon: str
    series: str | None = None
    category: str | None = None
    without: str | None = None  # a category left out of the total

    def value(self, data: FigureData):
        try:
            if self.category is not None:
                return data.value(self.category, self.series)
            total = data.total(self.series)
            if self.without is not None and self.without in data.keys:
                total -= data.value(self.without, self.series) or 0
            return total
        except (KeyError, IndexError, StopIteration, ValueError):
            return None

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "figure": self.figure,
            "series": self.series,
            "category": self.category,
            "without": self.without,
        }


KEY_NUMBERS = [
    KeyNumber("talents", _("Talents in the zone"), "directory.talents_by_tier", "people-fill"),
    KeyNumber(
        "arrivals", _("Arrivals"), "directory.inflow_outflow", "box-arrow-in-right", "arrivals"
    ),
    KeyNumber("disbursed", _("Money disbursed"), "policies.payments_by_month", "cash-coin"),
    KeyNumber("solved", _("Cases solved"), "cases.by_grid", "check2-circle", "solved"),
    KeyNumber(
        "hires",
        _("Hires through agencies"),
        "recruiting.referrals_by_agency",
        "briefcase",
        "hires",
        without="office",  # the talent office's own referrals are not the agencies'
    ),
    KeyNumber("events", _("Events held"), "events.by_month", "calendar-event"),
    KeyNumber("flats", _("Flats let"), "housing.flats_let", "house-door", "let"),
]

DEFAULT_REFRESH = 300  # seconds
MIN_REFRESH, MAX_REFRESH = 10, 3600
YEARS_BACK = 4


def refresh_seconds(value: str | None) -> int:
    """`?refresh=` in seconds (0 switches it off), kept between 10 seconds and an hour."""
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return DEFAULT_REFRESH
    if seconds <= 0:
        return 0
    return max(MIN_REFRESH, min(MAX_REFRESH, seconds))


def registered(key: str) -> bool:
    try:
        registry.get(key)
    except KeyError:
        return False
    return True


@login_required
def overview(request):
    require(request.user, "insights.view_overview")
    form = PeriodForm({"year": request.GET.get("year", "")})
    period = form.period
    shown = {
        key: show(registry.get(key), period)
        for key in dict.fromkeys([*OVERVIEW_FIGURES, *(number.figure for number in KEY_NUMBERS)])
        if registered(key)
    }
    numbers = []
    for number in KEY_NUMBERS:
        item = shown.get(number.figure)
        if item is None or item.failed:
            continue
        value = number.value(item.computed.data)
        if value is not None:
            numbers.append((number, item, value))
    charts = [shown[key] for key in OVERVIEW_FIGURES if key in shown]
    this_year = form.today.year
    context = {
        "form": form,
        "period": period,
        "year": period.start.year,
        "years": list(range(this_year, this_year - YEARS_BACK - 1, -1)),
        "numbers": numbers,
        "charts": charts,
        "charts_data": charts_json(list(shown.values())),
        "config": {
            "api": reverse("insights-api:figure-list"),
            "query": api_query(form),
            "refresh": refresh_seconds(request.GET.get("refresh")),
            "figures": list(shown),
            "numbers": [number.as_json() for number, _item, _value in numbers],
        },
    }
    return render(request, "insights/overview.html", context)
