"""The demo's HR service park: its rooms, closed days and a month of bookings.

The demo is seeded once for the module at a small scale (the registry first, with `seed
--registry-only`, which must leave venues and events out; then `seed` with the policies left
out), inside a transaction rolled back after the module. The invariants the services keep are
checked on every booking, the ones written directly (already begun) included.
"""

import datetime
from collections import defaultdict
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from talentzone.core.models import User
from talentzone.venues.choices import HOLDING_STATUSES, BookingStatus, VenueKind
from talentzone.venues.demo import seed_venues, venue_counts
from talentzone.venues.models import Booking, Venue, VenueClosure

pytestmark = pytest.mark.django_db

SCALE = "0.01"
SEED_COMMAND = "talentzone.directory.management.commands.seed"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Yields what `seed --registry-only` and then `seed` printed."""
    index = tmp_path_factory.mktemp("demo-index")
    with (
        django_db_blocker.unblock(),
        override_settings(TALENTZONE_MATCH_INDEX_DIR=index),
        translation.override("en"),
        transaction.atomic(),
    ):
        registry_only = StringIO()
        call_command("seed", "--scale", SCALE, "--registry-only", stdout=registry_only)
        assert not Venue.objects.exists()
        out = StringIO()
        with mock.patch(f"{SEED_COMMAND}.seed_policies", return_value=False):
            call_command("seed", "--scale", SCALE, stdout=out)
        yield registry_only.getvalue(), out.getvalue()
        transaction.set_rollback(True)


def local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def organisation_key(booking: Booking):
    return (booking.agency_id, booking.enterprise_id, booking.station_id)


def test_the_seed_command_adds_the_park_and_counts_it(demo):
    registry_only, summary = demo
    assert "venue" not in registry_only.lower() and "booking" not in registry_only.lower()
    with translation.override("en"):
        counts = venue_counts()
    for label, count in counts:
        assert f"  {label}: {count}" in summary


def test_seeding_again_adds_nothing(demo):
    before = Booking.objects.count()
    assert seed_venues(float(SCALE)) is False
    assert Booking.objects.count() == before


def test_the_park_has_its_rooms(demo):
    rooms = Venue.objects.all()
    assert {room.kind for room in rooms} == set(VenueKind.values)
    interview = rooms.filter(kind=VenueKind.INTERVIEW_ROOM)
    assert sorted(interview.values_list("name", flat=True)) == [f"面试室{n}" for n in range(1, 7)]
    for room in interview:
        assert not room.needs_approval and room.weekly_quota_hours == 12
        assert room.buffer_minutes == 15 and room.max_minutes == 240
    assert all(r.needs_approval for r in rooms.filter(kind=VenueKind.TRAINING_ROOM))
    live = rooms.filter(kind=VenueKind.LIVE_STREAM_ROOM)
    assert set(live.values_list("name", flat=True)) == {"带岗直播室A", "带岗直播室B"}
    assert all(room.closed_weekday_numbers == {6} for room in rooms)
    today = timezone.localdate()
    assert VenueClosure.objects.filter(date__gte=today).exists()  # a repair to come at least


def test_every_booking_status_is_there(demo):
    statuses = set(Booking.objects.values_list("status", flat=True))
    assert statuses == set(BookingStatus.values)


def test_no_two_holding_bookings_of_a_room_meet_buffers_included(demo):
    by_venue = defaultdict(list)
    for booking in Booking.objects.filter(status__in=HOLDING_STATUSES).order_by("starts_at"):
        by_venue[booking.venue_id].append(booking)
    assert by_venue
    for bookings in by_venue.values():
        for before, after in zip(bookings, bookings[1:], strict=False):
            assert after.starts_at >= before.blocked_until, (before, after)


def test_every_booking_keeps_the_rooms_rules(demo):
    closed = set(VenueClosure.objects.values_list("venue_id", "date"))
    for booking in Booking.objects.select_related("venue"):
        venue = booking.venue
        starts, ends = local(booking.starts_at), local(booking.ends_at)
        assert booking.blocked_until == booking.ends_at + datetime.timedelta(
            minutes=venue.buffer_minutes
        )
        assert starts.date() == ends.date()
        assert venue.opens_at <= starts.time() and ends.time() <= venue.closes_at, booking
        assert starts.weekday() not in venue.closed_weekday_numbers, booking
        assert (venue.pk, starts.date()) not in closed, booking
        assert (booking.ends_at - booking.starts_at) <= datetime.timedelta(
            minutes=venue.max_minutes
        )
        assert 1 <= booking.attendees <= venue.capacity
        assert len([k for k in organisation_key(booking) if k]) <= 1


def test_weekly_quotas_are_held(demo):
    minutes = defaultdict(float)
    holding = Booking.objects.filter(
        status__in=HOLDING_STATUSES, venue__weekly_quota_hours__isnull=False
    ).select_related("venue")
    for booking in holding:
        key = organisation_key(booking)
        if not any(key):
            continue  # the office has no quota
        week = local(booking.starts_at).isocalendar()[:2]
        minutes[(booking.venue_id, key, week)] += (
            booking.ends_at - booking.starts_at
        ).total_seconds() / 60
    assert minutes
    quotas = dict(Venue.objects.values_list("pk", "weekly_quota_hours"))
    for (venue_id, _key, _week), used in minutes.items():
        assert used <= quotas[venue_id] * 60


def test_requests_wait_only_for_bookings_to_come(demo):
    now = timezone.now()
    requested = Booking.objects.filter(status=BookingStatus.REQUESTED)
    assert requested.exists()
    assert not requested.filter(starts_at__lt=now).exists()
    assert all(b.venue.needs_approval for b in requested.select_related("venue"))
    decided = Booking.objects.filter(status=BookingStatus.REJECTED)
    assert not decided.filter(decided_by__isnull=True).exists()
    cancelled = Booking.objects.filter(status=BookingStatus.CANCELLED)
    assert not cancelled.filter(cancelled_at__isnull=True).exists()


def test_this_week_and_next_are_booked_and_the_weeks_before_too(demo):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))
    week = datetime.timedelta(weeks=1)
    holding = Booking.objects.filter(status__in=HOLDING_STATUSES)
    assert holding.filter(starts_at__gte=start, starts_at__lt=start + week).exists()
    assert holding.filter(starts_at__gte=start + week, starts_at__lt=start + 2 * week).exists()
    assert holding.filter(starts_at__lt=start - week).exists()


def test_the_demo_agency_and_enterprise_have_bookings_of_their_own(demo):
    users = User.objects.in_bulk(["agency", "hr"], field_name="username")
    agency_id = users["agency"].memberships.get().agency_id
    enterprise_id = users["hr"].memberships.get().enterprise_id
    now = timezone.now()
    for own in (
        Booking.objects.filter(agency_id=agency_id),
        Booking.objects.filter(enterprise_id=enterprise_id),
    ):
        assert own.filter(starts_at__lt=now, status=BookingStatus.CONFIRMED).exists()
        assert own.filter(starts_at__gt=now, status=BookingStatus.CONFIRMED).exists()
        assert own.filter(status=BookingStatus.REQUESTED).exists()
        assert own.filter(status=BookingStatus.CANCELLED).exists()
    interviews = Booking.objects.filter(enterprise_id=enterprise_id, demand__isnull=False)
    assert not interviews.exclude(demand__enterprise_id=enterprise_id).exists()
