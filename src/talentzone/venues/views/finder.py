""" "Find me a free interview room for two hours on Thursday afternoon": the kind of room, the
day, the window, how long and for how many; each venue's earliest free start in the window, with
a link that books it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import queries
from ..forms import FinderForm
from .common import CalendarReader, booking_url, require_view


@login_required
def find_free(request):
    require_view(request.user)
    asked = bool(request.GET)
    form = FinderForm(request.GET if asked else FinderForm.example())
    results = None
    if form.is_valid():
        data = form.cleaned_data
        found = queries.find_free(
            kind=data["kind"] or None,
            day=data["day"],
            earliest=data["earliest"],
            latest=data["latest"],
            minutes=data["minutes"],
            attendees=data["attendees"],
            user=request.user,
        )
        reader = CalendarReader(request.user)
        results = [
            {
                "venue": venue,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "url": booking_url(venue, starts_at, ends_at)
                if reader.may_book(venue) and starts_at > timezone.now()
                else "",
            }
            for venue, starts_at, ends_at in found
        ]
    context = {"form": form, "results": results, "asked": asked}
    return render(request, "venues/find_free.html", context, status=400 if form.errors else 200)
