"""The cases app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown.

Drill-downs open the desk's queue (`cases:queue`, every case the reader sees: `scope=all`)
filtered by grid team, level or category, and the visits page by team; the queue has no
filter by rating, so the ratings have no drill-down. The queue filters the
cases as they stand now, not by the period's dates."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries

CASE_MODELS = (
    "cases.Case",
    "cases.CaseEvent",
    "cases.Category",
    "directory.GridTeam",
    "directory.Grid",
)


def case_list(**filters) -> str:
    query = urlencode({"scope": "all", **{k: v for k, v in filters.items() if v}})
    return reverse("cases:queue") + f"?{query}"


def cases_of_team(key: str, period: Period) -> str | None:
    return case_list(team=key) if key else None


def cases_at_level(key: str, period: Period) -> str | None:
    return case_list(level=key) if key else None


def cases_of_category(key: str, period: Period) -> str | None:
    return case_list(category=key) if key else None


def visits_of_team(key: str, period: Period) -> str | None:
    return reverse("cases:visits") + f"?{urlencode({'team': key})}" if key else None


FIGURES = [
    Figure(
        key="cases.by_grid",
        section=Section.CASES,
        title=_("Cases by grid"),
        compute=queries.by_grid,
        chart=Chart.STACKED,
        unit=pgettext_lazy("unit", "cases"),
        depends_on=CASE_MODELS,
        drill=cases_of_team,
        description=_(
            "Per grid: cases opened and cases solved in the period, and cases open past their "
            "deadline at the end of its last day."
        ),
        order=10,
    ),
    Figure(
        key="cases.by_level",
        section=Section.CASES,
        title=_("Cases by level"),
        compute=queries.by_level,
        chart=Chart.BAR,
        unit=pgettext_lazy("unit", "cases"),
        depends_on=(*CASE_MODELS, "cases.Escalation"),
        drill=cases_at_level,
        description=_(
            "Per level (grid team, department, joint consultation): cases that reached it in the "
            "period (opened, or escalated to it), cases solved at it, and cases at it at the end "
            "of the period's last day, open and past the level's deadline."
        ),
        order=20,
    ),
    Figure(
        key="cases.by_category",
        section=Section.CASES,
        title=_("Cases by category"),
        compute=queries.by_category,
        chart=Chart.BAR,
        unit=pgettext_lazy("unit", "cases"),
        depends_on=CASE_MODELS,
        drill=cases_of_category,
        description=_(
            "Per category: cases opened and cases solved in the period, and cases open past their "
            "deadline at the end of its last day."
        ),
        order=30,
    ),
    Figure(
        key="cases.days_to_solve",
        section=Section.CASES,
        title=_("Average days to solve a case"),
        compute=queries.days_to_solve_by_category,
        chart=Chart.BAR,
        unit=_("days"),
        depends_on=CASE_MODELS,
        drill=cases_of_category,
        description=_(
            "Per category: the mean calendar days from opening to resolution of the cases solved "
            "in the period."
        ),
        order=40,
    ),
    Figure(
        key="cases.satisfaction",
        section=Section.CASES,
        title=_("Requesters' ratings"),
        compute=queries.satisfaction,
        chart=Chart.PIE,
        unit=pgettext_lazy("unit", "cases"),
        depends_on=("cases.Case",),
        description=_(
            "Cases closed in the period by the rating (1 to 5) the enterprise or talent gave on "
            "confirming the resolution, and those closed because nobody answered in time."
        ),
        order=50,
    ),
    Figure(
        key="cases.rating_by_category",
        section=Section.CASES,
        title=_("Average rating by category"),
        compute=queries.rating_by_category,
        chart=Chart.BAR,
        unit=_("points of 5"),
        depends_on=("cases.Case", "cases.Category"),
        drill=cases_of_category,
        description=_(
            "Per category: the mean rating (1 to 5) of the cases closed with a rating in the "
            "period."
        ),
        order=60,
    ),
    Figure(
        key="cases.visits",
        section=Section.CASES,
        title=_("Grid visits: planned and made"),
        compute=queries.visits,
        chart=Chart.BAR,
        unit=_("visits"),
        depends_on=(
            "cases.Visit",
            "cases.VisitPlan",
            "directory.Enterprise",
            "directory.GridTeam",
            "directory.Grid",
        ),
        drill=visits_of_team,
        description=_(
            "Per grid: the visits its plan calls for in the period (each enterprise every so many "
            "days), the visits its team made and the enterprises they went to."
        ),
        order=70,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
