"""The park's venues: the list, a venue's page with its week calendar, the whole park's week,
and a venue's iCal feed (no sign-in: the feed's key in its address is the permission)."""

import secrets

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from .. import ical
from ..filters import VenueFilter
from ..models import Venue
from .common import (
    CalendarReader,
    chosen_week,
    filter_bar,
    park_grid,
    require_view,
    results_or_page,
    visible_venues,
    week_grid,
    week_nav,
)

RESULTS_ID = "venue-results"


@login_required
def venue_list(request):
    require_view(request.user)
    filterset = VenueFilter(request.GET, queryset=visible_venues(request.user), request=request)
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    reader = CalendarReader(request.user)
    venues = list(rows)
    for venue in venues:
        venue.bookable = reader.may_book(venue)
    context = {
        "venues": venues,
        **filter_bar(filterset),
        "list_url": reverse("venues:venue-list"),
        "results_id": RESULTS_ID,
        "may_manage": request.user.has_perm("venues.manage"),
    }
    return results_or_page(
        request,
        context,
        page="venues/venue_list.html",
        results="venues/_venue_results.html",
        results_id=RESULTS_ID,
    )


@login_required
def venue_detail(request, pk):
    require_view(request.user)
    venue = get_object_or_404(visible_venues(request.user), pk=pk)
    nav = week_nav(chosen_week(request))
    reader = CalendarReader(request.user)
    context = {
        "venue": venue,
        **nav,
        **week_grid(reader, venue, nav["monday"]),
        "may_book": reader.may_book(venue),
        "may_manage": request.user.has_perm("venues.manage"),
        "closures": venue.closures.filter(date__gte=timezone.localdate())[:10],
        "feed_url": request.build_absolute_uri(
            reverse("venues:venue-feed", args=[venue.pk, venue.feed_token])
        ),
        "week_url": reverse("venues:venue-detail", args=[venue.pk]),
    }
    return render(request, "venues/venue_detail.html", context)


@login_required
def park_calendar(request):
    require_view(request.user)
    nav = week_nav(chosen_week(request))
    venues = list(visible_venues(request.user).filter(active=True))
    reader = CalendarReader(request.user)
    context = {
        **nav,
        "grid": park_grid(reader, venues, nav["monday"]),
        "week_url": reverse("venues:park-calendar"),
    }
    return render(request, "venues/park_calendar.html", context)


def venue_feed(request, pk, token):
    """The venue's bookings as iCalendar (title and organisation only), for calendar apps."""
    venue = Venue.objects.filter(pk=pk).first()
    if venue is None or not secrets.compare_digest(venue.feed_token, str(token)):
        raise Http404("No such feed.")
    response = HttpResponse(ical.venue_feed(venue), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="venue-{venue.pk}.ics"'
    return response
