"""What several venues pages share: which venues a reader sees, who sees a booking's details,
the week a calendar shows, and the calendar's cells laid out from `queries.week`."""

import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.forms import mark_invalid, style_widgets

from .. import queries
from ..choices import HOLDING_STATUSES, BookingStatus
from ..models import Booking, Venue

PAGE_SIZE = 25
SLOT_MINUTES = 30
OVERSEERS = (Role.OFFICE_ADMIN, Role.LEADER)


# Who sees what -----------------------------------------------------------------------------------


def require_view(user) -> None:
    if not user.has_perm("venues.view_venue"):
        raise PermissionDenied("This user may not see the park's venues.")


def visible_venues(user) -> QuerySet[Venue]:
    """Every active venue; the office also sees those taken out of use."""
    return queries.visible_venues(user).order_by("kind", "name")


def is_office(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN)


def sees_details(user, booking: Booking) -> bool:
    """The booking's title and organisation are shown to the office, leaders, the booker and the
    booker's organisation (`venues.view_booking`); everyone else reads "booked"."""
    return user.has_perm("venues.view_booking", booking)


def may_cancel(user, booking: Booking) -> bool:
    """Whether the page offers "cancel" (the service also checks the cut-off and says why)."""
    if booking.status not in HOLDING_STATUSES or booking.ends_at <= timezone.now():
        return False
    return user.has_perm("venues.cancel_booking", booking)


def organisation_name(booking: Booking) -> str:
    organisation = booking.organisation
    return str(organisation) if organisation else _("Talent office")


def paginate(request, rows, size: int = PAGE_SIZE) -> dict[str, Any]:
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


def filter_bar(filterset) -> dict[str, Any]:
    """The keyword search first, the other filters after it (folded away on a phone)."""
    form = filterset.form
    for form_field in form.fields.values():
        form_field.label = capfirst(form_field.label) if form_field.label else form_field.label
        if isinstance(form_field.widget, forms.NullBooleanSelect):
            form_field.widget.choices = [
                ("unknown", _("Any")),
                ("true", _("Yes")),
                ("false", _("No")),
            ]
    style_widgets(form)
    mark_invalid(form)
    names = [name for name in form.fields if name != "q"]
    bar_fields = [form[name] for name in names]
    for bound in bar_fields:  # bound fields made while validating keep the label they had
        bound.label = form.fields[bound.name].label
    return {
        "search_field": form["q"] if "q" in form.fields else None,
        "bar_fields": bar_fields,
        "filters_open": any(filterset.data.get(name) for name in names),
        "filtered": any(filterset.data.get(name) for name in form.fields),
    }


def results_or_page(request, context, *, page: str, results: str, results_id: str):
    """The whole page, or only its results when the filter bar asks through htmx."""
    wants_results = request.htmx and request.htmx.target == results_id
    response = render(request, results if wants_results else page, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


# The week ----------------------------------------------------------------------------------------


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def chosen_week(request) -> datetime.date:
    """The Monday of `?week=YYYY-MM-DD` (any day of that week), else of this week."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return monday_of(day)


def week_nav(monday: datetime.date) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "days": [monday + datetime.timedelta(days=n) for n in range(7)],
        "previous_week": (monday - datetime.timedelta(days=7)).isoformat(),
        "next_week": (monday + datetime.timedelta(days=7)).isoformat(),
        "this_week": monday_of(today).isoformat(),
        "is_this_week": monday == monday_of(today),
        "today": today,
    }


def booking_url(venue: Venue, starts_at: datetime.datetime, ends_at: datetime.datetime) -> str:
    query = urlencode(
        {
            "venue": venue.pk,
            "start": timezone.localtime(starts_at).strftime("%Y-%m-%dT%H:%M"),
            "end": timezone.localtime(ends_at).strftime("%Y-%m-%dT%H:%M"),
        }
    )
    return f"{reverse('venues:booking-create')}?{query}"


# Calendar cells ----------------------------------------------------------------------------------


@dataclass
class Cell:
    """One 30-minute slot of one venue on one day, as the calendar shows it.

    state: closed (a closed day), outside (outside opening hours), past, free (a booking of it
    would fit), booked (a booking holds it), blocked (the cleaning time around a booking), or
    unavailable (beyond the days a venue may be booked ahead, or the venue is out of use).
    """

    state: str
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    booking: Booking | None = None
    label: str = ""
    details: bool = False
    url: str = ""
    rowspan: int = 1

    @property
    def time_label(self) -> str:
        if self.starts_at is None:
            return ""
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{start:%H:%M}–{end:%H:%M}"

    @property
    def requested(self) -> bool:
        return self.booking is not None and self.booking.status == BookingStatus.REQUESTED


@dataclass
class Day:
    day: datetime.date
    closed: bool
    reason: str = ""
    cells: dict[str, Cell] = field(default_factory=dict)  # by local start "HH:MM"
    slots: list[Cell] = field(default_factory=list)  # in time order


class CalendarReader:
    """Lays out venues' weeks (`queries.week`) for one reader: who they are decides what a booked
    slot says and whether a free one is a link to the booking form."""

    def __init__(self, user, *, now: datetime.datetime | None = None):
        self.user = user
        self.now = now or timezone.now()
        self._may_book: dict[int, bool] = {}
        self._details: dict[int, bool] = {}

    def may_book(self, venue: Venue) -> bool:
        if venue.pk not in self._may_book:
            self._may_book[venue.pk] = bool(queries.may_book(self.user, venue))
        return self._may_book[venue.pk]

    def sees_details(self, booking: Booking) -> bool:
        if booking.pk not in self._details:
            self._details[booking.pk] = sees_details(self.user, booking)
        return self._details[booking.pk]

    def week(self, venues, monday: datetime.date) -> list[tuple[Venue, list[Day]]]:
        data = queries.week(venues, monday, slot_minutes=SLOT_MINUTES, now=self.now)
        return [
            (row.venue, [self.day(row.venue, venue_day) for venue_day in row.days])
            for row in data.venues
        ]

    def day(self, venue: Venue, venue_day) -> Day:
        if venue_day.closed:
            return Day(day=venue_day.date, closed=True, reason=venue_day.closed_reason)
        result = Day(day=venue_day.date, closed=False)
        for slot in venue_day.slots:
            cell = self.cell(venue, slot)
            result.slots.append(cell)
            result.cells[timezone.localtime(slot.starts_at).strftime("%H:%M")] = cell
        return result

    def cell(self, venue: Venue, slot) -> Cell:
        booking = slot.booking
        starts_at, ends_at = slot.starts_at, slot.ends_at
        if booking is not None and booking.starts_at < ends_at and booking.ends_at > starts_at:
            details = self.sees_details(booking)
            label = f"{booking.title} · {organisation_name(booking)}" if details else _("Booked")
            return Cell("booked", starts_at, ends_at, booking=booking, label=label, details=details)
        if booking is not None:
            return Cell("blocked", starts_at, ends_at, booking=booking, label=_("Cleaning time"))
        if starts_at < self.now:
            return Cell("past", starts_at, ends_at)
        if slot.free:
            url = booking_url(venue, starts_at, ends_at) if self.may_book(venue) else ""
            return Cell("free", starts_at, ends_at, label=_("Free"), url=url)
        last_day = timezone.localdate(self.now) + datetime.timedelta(days=venue.days_ahead)
        if not venue.active or timezone.localdate(starts_at) > last_day:
            return Cell("unavailable", starts_at, ends_at, label=_("Not bookable yet"))
        # Free, but too close to the next booking for its cleaning time.
        return Cell("blocked", starts_at, ends_at, label=_("Cleaning time"))


def time_rows(venue: Venue) -> list[str]:
    """The local "HH:MM" starts of the 30-minute rows within the venue's opening hours."""
    rows = []
    moment = datetime.datetime.combine(datetime.date(2000, 1, 3), venue.opens_at)
    end = datetime.datetime.combine(datetime.date(2000, 1, 3), venue.closes_at)
    while moment < end:
        rows.append(moment.strftime("%H:%M"))
        moment += datetime.timedelta(minutes=SLOT_MINUTES)
    return rows


def week_grid(reader: CalendarReader, venue: Venue, monday: datetime.date) -> dict[str, Any]:
    """One venue's week as table rows: a time, then a cell per day (None where a cell above
    spans it). A booking's consecutive slots merge into one cell; a closed day is one cell."""
    [(venue, columns)] = reader.week([venue], monday)
    times = time_rows(venue)
    for column in columns:  # rows the venue's hours do not give still show
        for time in column.cells:
            if time not in times:
                times.append(time)
    times.sort()
    grid: dict[tuple[str, int], Cell | None] = {}
    for index, column in enumerate(columns):
        if column.closed:  # one grey cell down the whole day, saying why
            for number, time in enumerate(times):
                first = Cell("closed", label=column.reason, rowspan=len(times))
                grid[(time, index)] = first if number == 0 else None
            continue
        previous = None
        for time in times:
            cell = column.cells.get(time) or Cell("outside")
            if (
                previous is not None
                and cell.state == "booked"
                and previous.state == "booked"
                and previous.booking.pk == cell.booking.pk
            ):
                previous.rowspan += 1
                grid[(time, index)] = None
                continue
            grid[(time, index)] = cell
            previous = cell
    rows = [
        {"time": time, "cells": [grid[(time, i)] for i in range(len(columns))]} for time in times
    ]
    return {"columns": columns, "rows": rows}


def park_grid(reader: CalendarReader, venues, monday: datetime.date) -> list[dict[str, Any]]:
    """Every venue's week in one table: a row per venue, a cell per day with its slots."""
    return [{"venue": venue, "days": days} for venue, days in reader.week(venues, monday)]
