"""The housing app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries

FLAT_MODELS = ("housing.Community", "housing.Apartment", "housing.Lease")
QUEUE_MODELS = ("housing.Scheme", "housing.QueueEntry", "housing.Lease")


def board_of_community(key: str, period: Period) -> str:
    """The flats' board, showing that community's flats (the first community for "all")."""
    url = reverse("housing:board")
    return f"{url}?{urlencode({'community': key})}" if key else url


def queue_of_scheme(key: str, period: Period) -> str | None:
    """The scheme's queue as it stands today (the page shows no past day)."""
    if not key:
        return None
    return f"{reverse('housing:queue')}?{urlencode({'scheme': key})}"


FIGURES = [
    Figure(
        key="housing.flats_let",
        section=Section.HOUSING,
        title=_("Talent apartments let"),
        compute=queries.flats_let,
        chart=Chart.STACKED,
        unit=_("flats"),
        stock=True,
        depends_on=FLAT_MODELS,
        drill=board_of_community,
        description=_(
            "Per community on the last day: the flats held by a lease that day and the others "
            "(vacant, offered or under repair)."
        ),
        order=10,
    ),
    Figure(
        key="housing.occupancy",
        section=Section.HOUSING,
        title=_("Talent apartment occupancy"),
        compute=queries.occupancy,
        chart=Chart.BAR,
        unit="%",
        stock=True,
        depends_on=FLAT_MODELS,
        drill=board_of_community,
        description=_(
            "Per community on the last day, the flats held by a lease out of all its flats; "
            "the last bar is every community together."
        ),
        order=20,
    ),
    Figure(
        key="housing.queue",
        section=Section.HOUSING,
        title=_("Households waiting for a flat"),
        compute=queries.queue_length,
        chart=Chart.BAR,
        unit=_("households"),
        stock=True,
        depends_on=QUEUE_MODELS,
        drill=queue_of_scheme,
        description=_(
            "Per housing scheme on the last day, the approved households not yet moved in nor "
            "withdrawn, with or without an offer in hand."
        ),
        order=30,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
