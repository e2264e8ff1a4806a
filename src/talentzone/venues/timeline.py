"""What the venues app adds to the 360° pages of an enterprise (see core.timeline): the rooms
booked in its name. Bookings count against an organisation, never a talent, so a talent's page
has nothing from here."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline

from . import queries
from .models import Booking


def enterprise_entries(enterprise, user) -> Iterator[timeline.Entry]:
    bookings = list(
        Booking.objects.filter(enterprise=enterprise).select_related("venue").order_by()
    )
    readable = set(
        queries.visible_bookings(user)
        .filter(pk__in=[booking.pk for booking in bookings])
        .values_list("pk", flat=True)
    )
    for booking in bookings:
        starts = queries.local(booking.starts_at)
        ends = queries.local(booking.ends_at)
        yield timeline.Entry(
            booking.starts_at,
            _("Booking"),
            _("%(purpose)s in %(venue)s: %(title)s")
            % {
                "purpose": booking.get_purpose_display(),
                "venue": booking.venue,
                "title": booking.title,
            },
            status=booking.get_status_display(),
            detail=f"{starts:%Y-%m-%d %H:%M}–{ends:%H:%M}",
            url=reverse("venues:booking-detail", args=[booking.pk])
            if booking.pk in readable
            else "",
        )


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="venues",
            label=gettext_lazy("Venues"),
            enterprise=enterprise_entries,
            order=40,
        )
    )
