"""The registry's figures on the dashboards, in the API and in the reports (see core.figures).
Each is computed by a function of queries.py; this module says how it is shown."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries

TALENT_MODELS = ("directory.Talent", "directory.TalentTier")
TALENTS = ("directory.Talent",)
TALENTS_AND_EMPLOYERS = ("directory.Talent", "directory.Enterprise")


def talent_list(**filters) -> str:
    query = urlencode({name: value for name, value in filters.items() if value is not None})
    return reverse("directory:talent-list") + (f"?{query}" if query else "")


def talents_of_tier(key: str, period: Period) -> str:
    return talent_list(status="in_zone", tier=key or None)


def talents_of_industry(key: str, period: Period) -> str:
    return talent_list(status="in_zone", industry=key)


def talents_of_education(key: str, period: Period) -> str:
    return talent_list(status="in_zone", education=key)


def talents_of_employer(key: str, period: Period) -> str | None:
    """An employer's talents; "others" and "no employer" have no filter of the list."""
    return talent_list(status="in_zone", employer=key) if key.isdigit() else None


def enterprises_of_kind(key: str, period: Period) -> str:
    return reverse("directory:enterprise-list") + "?" + urlencode({key: "true"})


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
    Figure(
        key="directory.talents_by_industry",
        section=Section.TALENTS,
        title=_("Talents by industry"),
        compute=queries.talents_by_industry,
        chart=Chart.BAR,
        unit=_("people"),
        stock=True,
        depends_on=TALENTS,
        drill=talents_of_industry,
        description=_("Talents in the zone on the last day, by their own industry."),
        order=20,
    ),
    Figure(
        key="directory.talents_by_education",
        section=Section.TALENTS,
        title=_("Talents by education"),
        compute=queries.talents_by_education,
        chart=Chart.PIE,
        unit=_("people"),
        stock=True,
        depends_on=TALENTS,
        drill=talents_of_education,
        description=_("Talents in the zone on the last day, by their highest education."),
        order=30,
    ),
    Figure(
        key="directory.talents_by_age",
        section=Section.TALENTS,
        title=_("Talents by age"),
        compute=queries.talents_by_age,
        chart=Chart.BAR,
        unit=_("people"),
        stock=True,
        depends_on=TALENTS,
        description=_("Talents in the zone on the last day, by their age on that day."),
        order=40,
    ),
    Figure(
        key="directory.talents_by_employer",
        section=Section.TALENTS,
        title=_("Talents by employer"),
        compute=queries.talents_by_employer,
        chart=Chart.BAR,
        unit=_("people"),
        stock=True,
        depends_on=TALENTS_AND_EMPLOYERS,
        drill=talents_of_employer,
        description=_(
            "Talents in the zone on the last day at the 15 employers with the most of them, "
            "then at all other employers together."
        ),
        order=50,
    ),
    Figure(
        key="directory.talents_by_arrival_year",
        section=Section.TALENTS,
        title=_("Talents by year of arrival"),
        compute=queries.talents_by_arrival_year,
        chart=Chart.BAR,
        unit=_("people"),
        stock=True,
        depends_on=TALENTS,
        description=_("Talents in the zone on the last day, by the year they came to the zone."),
        order=60,
    ),
    Figure(
        key="directory.inflow_outflow",
        section=Section.TALENTS,
        title=_("Arrivals and departures"),
        compute=queries.inflow_outflow,
        chart=Chart.LINE,
        unit=_("people"),
        depends_on=TALENTS,
        description=_(
            "Talents who came to the zone and talents who left it, per month of the period."
        ),
        order=70,
    ),
    Figure(
        key="directory.enterprises_by_kind",
        section=Section.ENTERPRISES,
        title=_("Enterprises by kind"),
        compute=queries.enterprises_by_kind,
        chart=Chart.BAR,
        stock=True,
        depends_on=TALENTS_AND_EMPLOYERS,
        drill=enterprises_of_kind,
        description=_(
            "Above-scale enterprises, high-tech enterprises and R&D institutions (an enterprise "
            "may be of several kinds): how many, and how many talents in the zone work at them."
        ),
        order=10,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
