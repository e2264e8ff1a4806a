"""The recruiting app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries
from .choices import ReferralStatus

REFERRAL_MODELS = ("recruiting.Referral", "recruiting.Interview", "directory.Agency")


def pipeline(**filters) -> str:
    return reverse("recruiting:pipeline") + "?" + urlencode(filters)


def referrals_of_agency(key: str, period: Period) -> str | None:
    """The pipeline of the agency (or of the talent office's own referrals)."""
    if key == queries.OFFICE_KEY:
        return pipeline(by_office="true")
    return pipeline(agency=key) if key.isdigit() else None


def funnel_stage(key: str, period: Period) -> str | None:
    """The hires; the pipeline has no filter for "referred" or "interviewed" in a period."""
    return pipeline(status=ReferralStatus.HIRED) if key == "hired" else None


FIGURES = [
    Figure(
        key="recruiting.referrals_by_agency",
        section=Section.RECRUITING,
        title=_("Referrals, interviews and hires by agency"),
        compute=queries.referrals_by_agency,
        chart=Chart.STACKED,
        unit=_("people"),
        depends_on=REFERRAL_MODELS,
        drill=referrals_of_agency,
        description=_(
            "Per agency of the HR service park and for the talent office: referrals made, "
            "referrals with an interview and hires in the period."
        ),
        order=10,
    ),
    Figure(
        key="recruiting.hiring_funnel",
        section=Section.RECRUITING,
        title=_("From referral to hire"),
        compute=queries.hiring_funnel,
        chart=Chart.FUNNEL,
        unit=_("people"),
        depends_on=REFERRAL_MODELS,
        drill=funnel_stage,
        description=_(
            "The zone's referrals made, referrals with an interview and hires in the period; "
            "a hire may come from a referral made before it."
        ),
        order=20,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
