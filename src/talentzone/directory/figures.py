"""The registry's figures on the dashboards, in the API and in the reports (see core.figures).
Each is computed by a function of queries.py; this module says how it is shown."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries

TALENT_MODELS = ("directory.Talent", "directory.TalentTier")


def talent_list(**filters) -> str:
    query = urlencode({name: value for name, value in filters.items() if value is not None})
    return reverse("directory:talent-list") + (f"?{query}" if query else "")


def talents_of_tier(key: str, period: Period) -> str:
    return talent_list(status="in_zone", tier=key or None)


FIGURES = [
    Figure(
        key="directory.talents_by_tier",
        section=Section.TALENTS,
        title=_("Talents by tier"),
        compute=queries.talents_by_tier,
        chart=Chart.BAR,
        unit=_("people"),
        stock=True,
        depends_on=TALENT_MODELS,
        drill=talents_of_tier,
        description=_("Talents in the zone on the last day, by the tier of the zone's catalogue."),
        order=10,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
