"""A venue's calendar as an iCal feed (RFC 5545), for a calendar app to subscribe to.

The feed is read without signing in (its link carries the venue's `feed_token`), so it tells no
more than a door sign would: each holding booking's time, its title and the organisation it is
for (the talent office's own bookings say so). Who booked it, the attendees, the note and the
demand stay out. Bookings from 30 days back on; a booking awaiting approval is TENTATIVE.
"""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import BookingStatus
from .models import Booking, Venue
from .queries import holding_bookings

HISTORY_DAYS = 30
PRODID = "-//talentzone//venues//EN"
UID_DOMAIN = "talentzone"


def feed_bookings(venue: Venue, *, now=None):
    """The bookings the feed carries: the venue's holding bookings ending after 30 days ago."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=HISTORY_DAYS)
    return (
        holding_bookings()
        .filter(venue=venue, ends_at__gte=since)
        .select_related("agency", "enterprise", "station")
        .order_by("starts_at", "pk")
    )


def summary(booking: Booking) -> str:
    """What the feed says of a booking: its title and whom it is for."""
    organisation = booking.organisation
    whom = str(organisation) if organisation is not None else _("Talent office")
    return f"{booking.title} · {whom}"


def venue_feed(venue: Venue, *, now=None) -> bytes:
    """The venue's feed as iCalendar bytes (UTF-8, CRLF lines)."""
    now = now or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", venue.name)
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    stamp = now.astimezone(datetime.UTC)
    for booking in feed_bookings(venue, now=now):
        event = icalendar.Event()
        event.add("uid", f"booking-{booking.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.starts_at.astimezone(datetime.UTC))
        event.add("dtend", booking.ends_at.astimezone(datetime.UTC))
        event.add("last-modified", booking.updated_at.astimezone(datetime.UTC))
        event.add("summary", summary(booking))
        event.add("location", f"{venue.name} · {venue.place}")
        event.add(
            "status",
            "TENTATIVE" if booking.status == BookingStatus.REQUESTED else "CONFIRMED",
        )
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
