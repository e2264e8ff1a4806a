"""The venues app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries

VENUE_MODELS = ("venues.Venue", "venues.VenueClosure", "venues.Booking")


def bookings_of_venue(key: str, period: Period) -> str | None:
    """The bookings list, at any time (not only the upcoming ones), narrowed to the venue and the
    bookings starting in the period."""
    if not key:
        return None
    query = urlencode(
        {
            "when": "",
            "venue": key,
            "day_from": period.start.isoformat(),
            "day_to": period.end.isoformat(),
        }
    )
    return f"{reverse('venues:my-bookings')}?{query}"


FIGURES = [
    Figure(
        key="venues.occupancy",
        section=Section.EVENTS,
        title=_("Venue occupancy"),
        compute=queries.occupancy_by_venue,
        chart=Chart.BAR,
        unit="%",
        stock=False,
        depends_on=VENUE_MODELS,
        drill=bookings_of_venue,
        description=_(
            "Per venue of the HR service park, the hours booked (requested or confirmed "
            "bookings) out of the hours it was open in the period, closed days left out."
        ),
        order=50,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
