"""The awards app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries


def nominations_of_round(key: str, period: Period) -> str | None:
    """The round's screening list (every nomination of the round, by status)."""
    return reverse("awards:nominations", args=[int(key)]) if key.isdigit() else None


FIGURES = [
    Figure(
        key="awards.nominations_by_round",
        section=Section.AWARDS,
        title=_("Nominations and winners by round"),
        compute=queries.nominations_by_round,
        chart=Chart.BAR,
        unit=_("people"),
        stock=True,
        depends_on=("awards.Round", "awards.Nomination", "awards.RankingEntry"),
        drill=nominations_of_round,
        description=_(
            "The evaluation rounds of the period's years open for nominations by its last day: "
            "talents nominated, admitted at screening, and named winners (or recommended)."
        ),
        order=10,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
