"""Bookings of one slot that arrive at the same moment: exactly one gets the room.

Each test starts threads behind a barrier, each with its own database connection, so the
requests really run at once through `services.booking_create`. With the venue's row lock, they
take turns and every loser is refused by the service's own check with the clear "taken". With
the check bypassed and the lock off, PostgreSQL's exclusion constraint `booking_no_overlap` still
lets only one booking in, and the service turns its IntegrityError into the same "taken".
They need PostgreSQL: SQLite lets one writer in at a time, so it has no race to show (there the
service takes the write lock before it checks; see test_booking_rules).
"""

import datetime
from itertools import combinations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from talentzone.core.models import User
from talentzone.core.testing import code_of, run_at_once
from talentzone.venues import services
from talentzone.venues.choices import BookingPurpose, BookingStatus
from talentzone.venues.models import Booking, Venue
from talentzone.venues.tests.conftest import NOW, TUESDAY, at
from talentzone.venues.tests.factories import BookingFactory, VenueFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
    ),
]

REQUESTS = 50


def request(user, venue, starts_at, ends_at):
    """A booking as a separate request would make it: the user and the venue read afresh."""

    def action() -> None:
        services.booking_create(
            actor=User.objects.get(pk=user.pk),
            venue=Venue.objects.get(pk=venue.pk),
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=BookingPurpose.INTERVIEW,
            title="储能工程师面试",
            now=NOW,
        )

    return action


def bookers(park) -> list:
    """Fifty requests from people of every kind that may book the room, in turn."""
    people = [park.staff, park.colleague, park.other_staff, park.hr, park.office]
    return [people[n % len(people)] for n in range(REQUESTS)]


def without_the_service_check(monkeypatch, *, lock: bool = False) -> None:
    """The service does not look for a clash (and, unless `lock`, does not lock the venue
    either, so the requests race to the insert): only the database stands."""
    monkeypatch.setattr(services, "LOCK_VENUES", lock)
    monkeypatch.setattr(services, "clashing_booking", lambda *args, **kwargs: None)


def test_fifty_requests_for_one_slot_one_gets_it_the_rest_are_told_it_is_taken(park):
    slot = (at(TUESDAY, 14), at(TUESDAY, 16))

    outcomes = run_at_once([request(user, park.room, *slot) for user in bookers(park)])

    assert outcomes == {"succeeded": 1, "invalid: taken": REQUESTS - 1}
    booking = Booking.objects.get()
    assert (booking.starts_at, booking.ends_at, booking.status) == (*slot, BookingStatus.CONFIRMED)


@pytest.mark.parametrize("lock", [False, True], ids=["racing", "taking-turns"])
def test_with_the_service_check_bypassed_the_exclusion_constraint_lets_one_in(
    park, monkeypatch, lock
):
    without_the_service_check(monkeypatch, lock=lock)
    slot = (at(TUESDAY, 14), at(TUESDAY, 16))

    outcomes = run_at_once([request(user, park.room, *slot) for user in bookers(park)])

    assert outcomes == {"succeeded": 1, "invalid: taken": REQUESTS - 1}
    assert Booking.objects.filter(venue=park.room).count() == 1


def test_the_constraint_refusal_names_the_booking_that_won(park, monkeypatch):
    without_the_service_check(monkeypatch)
    BookingFactory(venue=park.room, starts_at=at(TUESDAY, 14), ends_at=at(TUESDAY, 16))

    with pytest.raises(ValidationError) as caught:
        request(park.staff, park.room, at(TUESDAY, 16), at(TUESDAY, 17))()

    assert code_of(caught.value) == "taken"
    assert "16:15" in caught.value.message_dict["starts_at"][0]
    assert Booking.objects.count() == 1


def test_with_the_check_bypassed_staggered_requests_never_overlap_counting_buffers(
    park, monkeypatch
):
    # Twenty hour-long requests, a quarter of an hour apart, all at once: whichever get in,
    # no two of them (with their 15 minutes' cleaning) meet.
    without_the_service_check(monkeypatch)
    room = VenueFactory()  # no weekly quota
    starts = [at(TUESDAY, 9) + datetime.timedelta(minutes=15 * n) for n in range(20)]
    people = bookers(park)
    actions = [
        request(people[n], room, start, start + datetime.timedelta(hours=1))
        for n, start in enumerate(starts)
    ]

    outcomes = run_at_once(actions)

    held = list(Booking.objects.filter(venue=room).order_by("starts_at"))
    # Without the service's venue lock, a request between two pending neighbours waits on both
    # of them and PostgreSQL may break the cycle by aborting it ("deadlock detected"): refused
    # as whole as "taken", nothing written. (The service's lock makes requests queue instead.)
    refusals = {outcome for outcome in outcomes if outcome != "succeeded"}
    assert all(r == "invalid: taken" or "deadlock detected" in r for r in refusals), outcomes
    assert outcomes["succeeded"] == len(held) >= 1
    for first, second in combinations(held, 2):
        assert first.blocked_until <= second.starts_at or second.blocked_until <= first.starts_at


def test_the_database_itself_refuses_an_overlapping_holding_booking(park):
    venue = VenueFactory()
    BookingFactory(venue=venue, starts_at=at(TUESDAY, 10))

    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        BookingFactory(venue=venue, starts_at=at(TUESDAY, 11))  # inside the cleaning time

    # A cancelled booking holds nothing, and another venue is another range.
    BookingFactory(venue=venue, starts_at=at(TUESDAY, 11), status=BookingStatus.CANCELLED)
    BookingFactory(starts_at=at(TUESDAY, 10))
    BookingFactory(venue=venue, starts_at=at(TUESDAY, 11, 15))
