"""The events app's figures on the dashboards, in the API and in the reports (see
core.figures). Each is computed by a function of queries.py; this module says how it is shown."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentzone.core.figures import Chart, Figure, Period, Section, register

from . import queries
from .choices import EventKind, EventStatus

EVENT_MODELS = ("events.Event", "events.Registration")


def event_list(**filters) -> str:
    query = urlencode({name: value for name, value in filters.items() if value is not None})
    return reverse("events:event-list") + (f"?{query}" if query else "")


def events_of_month(key: str, period: Period) -> str | None:
    """The organisers' list of the published events that started in that month (within the
    period)."""
    try:
        first = datetime.datetime.strptime(key, "%Y-%m").date()
    except ValueError:
        return None
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    start = max(first, period.start)
    end = min(following - datetime.timedelta(days=1), period.end)
    return event_list(
        status=EventStatus.PUBLISHED.value,
        starts_after=start.isoformat(),
        starts_before=end.isoformat(),
    )


def events_of_kind(key: str, period: Period) -> str | None:
    """The organisers' list of the published events of that kind started in the period."""
    if key not in EventKind.values:
        return None
    return event_list(
        kind=key,
        status=EventStatus.PUBLISHED.value,
        starts_after=period.start.isoformat(),
        starts_before=period.end.isoformat(),
    )


FIGURES = [
    Figure(
        key="events.by_month",
        section=Section.EVENTS,
        title=_("Events held per month"),
        compute=queries.events_by_month,
        chart=Chart.LINE,
        unit=pgettext_lazy("unit", "events"),
        stock=False,
        depends_on=EVENT_MODELS,
        drill=events_of_month,
        description=_(
            "Events at the talent stations and in the park held each month (published, not "
            "called off, already over)."
        ),
        order=10,
    ),
    Figure(
        key="events.attendance",
        section=Section.EVENTS,
        title=_("Attendance by kind of event"),
        compute=queries.attendance_by_kind,
        chart=Chart.BAR,
        unit=_("people"),
        stock=False,
        depends_on=EVENT_MODELS,
        drill=events_of_kind,
        description=_(
            "For the events held in the period, per kind: the people who held a place, those "
            "who came (checked in) and those who did not come."
        ),
        order=20,
    ),
]


def register_figures() -> None:
    for figure in FIGURES:
        register(figure)
