"""Each rule of a booking, tried from both sides of its edge; who may book; quota, approval,
cancellation, and the office's keeping of venues and closed days."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from talentzone.core.models import AuditRecord, Notification
from talentzone.recruiting.choices import DemandStatus
from talentzone.recruiting.tests.factories import DemandFactory
from talentzone.venues import services
from talentzone.venues.choices import BookerKind, BookingPurpose, BookingStatus, VenueKind
from talentzone.venues.models import Booking, Venue, VenueClosure
from talentzone.venues.tests.conftest import (
    FRIDAY,
    MONDAY,
    NOW,
    SATURDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    at,
    error_code,
)
from talentzone.venues.tests.factories import BookingFactory, VenueClosureFactory

pytestmark = pytest.mark.django_db


def book(actor, venue, starts_at, ends_at, **extra) -> Booking:
    fields = {"purpose": BookingPurpose.INTERVIEW, "title": "储能工程师面试", "now": NOW}
    return services.booking_create(
        actor=actor, venue=venue, starts_at=starts_at, ends_at=ends_at, **{**fields, **extra}
    )


def refused(actor, venue, starts_at, ends_at, **extra) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        book(actor, venue, starts_at, ends_at, **extra)
    return error_code(caught.value)


# Who may book --------------------------------------------------------------------------------


def test_a_booking_holds_the_slot_and_the_cleaning_time_for_the_organisation(park):
    booking = book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11), attendees=3)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.blocked_until == at(TUESDAY, 11, 15)
    assert (booking.agency, booking.enterprise, booking.station) == (park.agency, None, None)
    assert booking.booked_by == park.staff
    assert AuditRecord.objects.filter(
        target_id=str(booking.pk), target_type__icontains="booking", action="create"
    ).exists()


@pytest.mark.parametrize(
    ("who", "venue", "organisation"),
    [
        ("staff", "room", "agency"),
        ("hr", "room", "enterprise"),
        ("staff", "live", "agency"),
        ("office", "room", None),
        ("office", "live", None),
        ("office", "hall", None),
    ],
)
def test_who_may_book_and_whom_the_booking_counts_against(park, who, venue, organisation):
    booking = book(getattr(park, who), getattr(park, venue), at(TUESDAY, 10), at(TUESDAY, 11))

    expected = getattr(park, organisation) if organisation else None
    assert booking.organisation == expected


def test_a_station_books_the_rooms_lent_to_stations(park):
    park.room.bookers = BookerKind.STATIONS
    park.room.save()

    booking = book(park.station_staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))

    assert booking.station == park.station


@pytest.mark.parametrize(
    ("who", "venue"),
    [
        ("hr", "live"),  # an enterprise cannot book an agencies-only room
        ("talent", "room"),  # a talent books nothing
        ("leader", "room"),
        ("station_staff", "room"),  # the room is lent to agencies and enterprises
        ("staff", "hall"),  # the office's own hall
        ("hr", "hall"),
    ],
)
def test_who_may_not_book(park, who, venue):
    with pytest.raises(PermissionDenied):
        book(getattr(park, who), getattr(park, venue), at(TUESDAY, 10), at(TUESDAY, 11))

    assert not Booking.objects.exists()


def test_staff_without_an_organisation_may_not_book(park, make_user):
    loose = make_user("agency_staff")

    with pytest.raises(PermissionDenied):
        book(loose, park.room, at(TUESDAY, 10), at(TUESDAY, 11))


# The rules, each with its code and field -----------------------------------------------------


def test_an_inactive_venue_is_not_booked(park):
    park.room.active = False
    park.room.save()

    assert refused(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11)) == (
        "venue",
        "inactive",
    )


def test_a_booking_ends_after_it_starts(park):
    assert refused(park.staff, park.room, at(TUESDAY, 11), at(TUESDAY, 11)) == (
        "ends_at",
        "ends_before_start",
    )
    assert refused(park.staff, park.room, at(TUESDAY, 11), at(TUESDAY, 10)) == (
        "ends_at",
        "ends_before_start",
    )


def test_not_in_the_past(park):
    later = at(TUESDAY, 10, 1)

    assert refused(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11), now=later) == (
        "starts_at",
        "past",
    )
    assert book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11), now=at(TUESDAY, 10))


def test_not_beyond_the_days_ahead(park):
    park.room.days_ahead = 10  # from Monday 1 June: until Thursday 11 June
    park.room.save()

    thursday, friday = THURSDAY + datetime.timedelta(days=7), FRIDAY + datetime.timedelta(days=7)
    assert refused(park.staff, park.room, at(friday, 10), at(friday, 11)) == (
        "starts_at",
        "too_far_ahead",
    )
    assert book(park.staff, park.room, at(thursday, 10), at(thursday, 11))


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ((8, 15), (9, 0), "starts_at"),  # opens at 08:30
        ((16, 45), (17, 45), "ends_at"),  # closes at 17:30
        ((17, 30), (18, 0), "starts_at_or_ends_at"),
    ],
)
def test_inside_the_opening_hours(park, start, end, field):
    got = refused(park.staff, park.room, at(TUESDAY, *start), at(TUESDAY, *end))

    assert got[1] == "outside_hours"
    assert got[0] in field


def test_the_opening_hours_are_inclusive_at_both_ends(park):
    assert book(park.staff, park.room, at(TUESDAY, 8, 30), at(TUESDAY, 9, 30))
    assert book(park.hr, park.room, at(TUESDAY, 16, 30), at(TUESDAY, 17, 30))


def test_a_booking_stays_on_one_day(park):
    assert refused(park.office, park.room, at(TUESDAY, 16), at(WEDNESDAY, 9)) == (
        "ends_at",
        "outside_hours",
    )


def test_not_on_a_closed_weekday(park):
    assert refused(park.staff, park.room, at(SATURDAY, 10), at(SATURDAY, 11)) == (
        "starts_at",
        "closed_day",
    )


def test_not_on_a_closed_day(park):
    VenueClosureFactory(venue=park.room, date=WEDNESDAY, reason="消防检查")

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        book(park.staff, park.room, at(WEDNESDAY, 10), at(WEDNESDAY, 11))

    assert error_code(caught.value) == ("starts_at", "closed_day")
    assert "消防检查" in caught.value.message_dict["starts_at"][0]
    assert book(park.staff, park.live, at(WEDNESDAY, 10), at(WEDNESDAY, 11))  # another room


def test_not_longer_than_the_venue_allows(park):
    assert refused(park.staff, park.room, at(TUESDAY, 9), at(TUESDAY, 13, 15)) == (
        "ends_at",
        "too_long",
    )
    assert book(park.office, park.room, at(TUESDAY, 9), at(TUESDAY, 13))  # exactly 4 hours


def test_a_booking_need_not_be_on_the_quarter_hours(park):
    booking = book(park.staff, park.room, at(TUESDAY, 9, 7), at(TUESDAY, 9, 52))

    assert booking.blocked_until == at(TUESDAY, 10, 7)


def test_attendees_fit_the_room(park):
    assert refused(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11), attendees=7) == (
        "attendees",
        "too_many_attendees",
    )
    assert book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11), attendees=6)


def test_the_interviews_are_for_a_demand_the_booker_sees(park):
    own = DemandFactory(enterprise=park.enterprise, posted_by=park.hr)
    hidden = DemandFactory(status=DemandStatus.CLOSED)

    assert refused(park.hr, park.room, at(TUESDAY, 10), at(TUESDAY, 11), demand=hidden) == (
        "demand",
        "demand_not_visible",
    )
    assert book(park.hr, park.room, at(TUESDAY, 10), at(TUESDAY, 11), demand=own).demand == own


# The weekly quota ----------------------------------------------------------------------------


def test_the_weekly_quota_counts_the_organisation_in_the_iso_week(park):
    # The room's quota is 4 hours a week per organisation; colleagues share their agency's.
    book(park.staff, park.room, at(MONDAY, 9), at(MONDAY, 11))
    book(park.colleague, park.room, at(WEDNESDAY, 9), at(WEDNESDAY, 10, 30))

    assert refused(park.staff, park.room, at(FRIDAY, 9), at(FRIDAY, 9, 31)) == (
        "ends_at",
        "quota_exceeded",
    )
    assert book(park.staff, park.room, at(FRIDAY, 9), at(FRIDAY, 9, 30))  # exactly 4 hours
    # Other organisations, the office, the next week and other rooms are not touched by it.
    assert book(park.other_staff, park.room, at(THURSDAY, 9), at(THURSDAY, 13))
    assert book(park.office, park.room, at(TUESDAY, 9), at(TUESDAY, 13))
    next_monday = MONDAY + datetime.timedelta(days=7)
    assert book(park.staff, park.room, at(next_monday, 9), at(next_monday, 13))
    assert book(park.staff, park.live, at(FRIDAY, 13), at(FRIDAY, 17))


def test_cancelled_bookings_give_their_hours_back(park):
    first = book(park.hr, park.room, at(TUESDAY, 9), at(TUESDAY, 13))
    assert refused(park.hr, park.room, at(WEDNESDAY, 9), at(WEDNESDAY, 10))[1] == "quota_exceeded"

    services.booking_cancel(actor=park.hr, booking=first, now=NOW)

    assert book(park.hr, park.room, at(WEDNESDAY, 9), at(WEDNESDAY, 10))


def test_the_quota_message_says_what_is_used(park):
    book(park.staff, park.room, at(MONDAY, 9), at(MONDAY, 12, 30))

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        book(park.staff, park.room, at(TUESDAY, 9), at(TUESDAY, 10))

    assert caught.value.message_dict["ends_at"] == [
        "Your organisation may book this venue for 4 hours a week; "
        "3.5 hours of that week are already booked."
    ]


# No overlap, counting the cleaning buffer ----------------------------------------------------


def test_an_overlap_is_taken_and_the_message_names_the_slot(park):
    book(park.office, park.room, at(TUESDAY, 14), at(TUESDAY, 16))

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        book(park.staff, park.room, at(TUESDAY, 15), at(TUESDAY, 17))

    assert error_code(caught.value) == ("starts_at", "taken")
    assert caught.value.message_dict["starts_at"] == [
        "This room is taken from 14:00 to 16:00 (with cleaning time until 16:15)."
    ]


@pytest.mark.parametrize(
    ("start", "end", "free"),
    [
        ((16, 0), (17, 0), False),  # inside the other's cleaning time
        ((16, 14), (17, 0), False),
        ((16, 15), (17, 0), True),  # right after it
        ((13, 0), (13, 50), False),  # our cleaning time runs into its start
        ((13, 0), (13, 45), True),  # our cleaning time ends as it starts
        ((14, 30), (15, 0), False),  # inside it
        ((13, 0), (17, 0), False),  # around it
    ],
)
def test_the_cleaning_buffer_counts_both_ways(park, start, end, free):
    book(park.office, park.room, at(TUESDAY, 14), at(TUESDAY, 16))

    if free:
        assert book(park.staff, park.room, at(TUESDAY, *start), at(TUESDAY, *end))
    else:
        assert refused(park.staff, park.room, at(TUESDAY, *start), at(TUESDAY, *end)) == (
            "starts_at",
            "taken",
        )


def test_only_holding_bookings_take_the_slot(park):
    for status in (BookingStatus.CANCELLED, BookingStatus.REJECTED):
        BookingFactory(venue=park.room, status=status, starts_at=at(TUESDAY, 10))
    BookingFactory(venue=park.live, starts_at=at(TUESDAY, 10))  # another room

    assert book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))
    assert refused(park.hr, park.room, at(TUESDAY, 10), at(TUESDAY, 11)) == ("starts_at", "taken")


def test_the_buffer_of_the_booking_is_the_one_at_booking_time(park):
    first = book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))
    services.venue_save(actor=park.office, venue=park.room, buffer_minutes=30)

    first.refresh_from_db()
    assert first.blocked_until == at(TUESDAY, 11, 15)
    assert book(park.hr, park.room, at(TUESDAY, 11, 15), at(TUESDAY, 12)).blocked_until == at(
        TUESDAY, 12, 30
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the write lock is SQLite's way")
def test_on_sqlite_the_first_statement_takes_the_write_lock(park):
    # SQLite cannot lock a row; a transaction that has only read holds no lock, so two
    # bookings could both find the slot free. The service's first statement is a write.
    with CaptureQueriesContext(connection) as queries:
        book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))

    statements = [
        q["sql"] for q in queries.captured_queries if not q["sql"].upper().startswith("SAVEPOINT")
    ]
    reads_before = [
        sql
        for sql in statements[: next(i for i, s in enumerate(statements) if "venues_booking" in s)]
        if sql.upper().startswith("SELECT") and "venues_" in sql
    ]
    first_venue_statement = next(s for s in statements if "venues_" in s)
    assert first_venue_statement.upper().startswith('UPDATE "VENUES_VENUE"')
    assert reads_before  # the venue is then read, locked, before the calendar is


# Approval ------------------------------------------------------------------------------------


def test_a_room_that_needs_approval_is_requested_holds_its_slot_and_the_office_decides(park):
    request = book(park.staff, park.training, at(TUESDAY, 9), at(TUESDAY, 12), attendees=30)

    assert request.status == BookingStatus.REQUESTED
    assert Notification.objects.filter(recipient=park.office).count() == 1
    assert refused(park.hr, park.training, at(TUESDAY, 11), at(TUESDAY, 12)) == (
        "starts_at",
        "taken",
    )
    with pytest.raises(PermissionDenied):
        services.booking_decide(actor=park.staff, booking=request, approve=True, now=NOW)

    services.booking_decide(actor=park.office, booking=request, approve=True, note="同意", now=NOW)

    request.refresh_from_db()
    assert (request.status, request.decided_by, request.decision_note) == (
        BookingStatus.CONFIRMED,
        park.office,
        "同意",
    )
    assert request.decided_at == NOW
    assert Notification.objects.filter(recipient=park.staff).count() == 1
    with pytest.raises(ValidationError) as caught:
        services.booking_decide(actor=park.office, booking=request, approve=False, now=NOW)
    assert error_code(caught.value) == ("status", "not_requested")


def test_a_rejected_request_frees_its_slot(park):
    request = book(park.hr, park.training, at(TUESDAY, 9), at(TUESDAY, 12))

    services.booking_decide(actor=park.office, booking=request, approve=False, note="已满", now=NOW)

    request.refresh_from_db()
    assert request.status == BookingStatus.REJECTED
    assert book(park.staff, park.training, at(TUESDAY, 9), at(TUESDAY, 12))


def test_the_office_books_a_room_that_needs_approval_at_once(park):
    booking = book(park.office, park.training, at(TUESDAY, 9), at(TUESDAY, 12))

    assert booking.status == BookingStatus.CONFIRMED
    assert not Notification.objects.exists()


def test_a_past_request_can_no_longer_be_approved(park):
    request = book(park.hr, park.training, at(TUESDAY, 9), at(TUESDAY, 12))

    with pytest.raises(ValidationError) as caught:
        services.booking_decide(
            actor=park.office, booking=request, approve=True, now=at(TUESDAY, 9, 5)
        )

    assert error_code(caught.value) == ("starts_at", "past")


# Cancellation --------------------------------------------------------------------------------


def test_the_booker_cancels_until_the_cut_off(park):
    booking = book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))

    with pytest.raises(ValidationError) as caught:
        services.booking_cancel(actor=park.staff, booking=booking, now=at(TUESDAY, 8, 1))
    assert error_code(caught.value) == ("starts_at", "too_late")

    services.booking_cancel(actor=park.staff, booking=booking, reason="改期", now=at(TUESDAY, 8))

    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_at, booking.cancel_reason) == (
        BookingStatus.CANCELLED,
        at(TUESDAY, 8),
        "改期",
    )
    assert book(park.hr, park.room, at(TUESDAY, 10), at(TUESDAY, 11))  # the slot is free again


def test_a_colleague_of_the_organisation_may_cancel_another_may_not(park):
    booking = book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))

    for outsider in (park.other_staff, park.hr, park.talent, park.leader):
        with pytest.raises(PermissionDenied):
            services.booking_cancel(actor=outsider, booking=booking, now=NOW)

    services.booking_cancel(actor=park.colleague, booking=booking, now=NOW)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert Notification.objects.filter(recipient=park.staff).count() == 1  # told by the colleague


def test_the_office_cancels_any_time_with_a_reason(park):
    booking = book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))
    late = at(TUESDAY, 9, 50)

    with pytest.raises(ValidationError) as caught:
        services.booking_cancel(actor=park.office, booking=booking, now=late)
    assert error_code(caught.value) == ("reason", "reason_required")

    services.booking_cancel(actor=park.office, booking=booking, reason="停电检修", now=late)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    notice = Notification.objects.get(recipient=park.staff)
    assert notice.body == "停电检修"


def test_the_office_cancels_its_own_booking_without_a_reason(park):
    booking = book(park.office, park.hall, at(TUESDAY, 10), at(TUESDAY, 11))

    services.booking_cancel(actor=park.office, booking=booking, now=at(TUESDAY, 9, 59))

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_only_a_holding_booking_that_is_not_over_is_cancelled(park):
    booking = book(park.staff, park.room, at(TUESDAY, 10), at(TUESDAY, 11))
    services.booking_cancel(actor=park.staff, booking=booking, now=NOW)

    with pytest.raises(ValidationError) as caught:
        services.booking_cancel(actor=park.staff, booking=booking, now=NOW)
    assert error_code(caught.value) == ("status", "not_holding")

    over = book(park.office, park.room, at(TUESDAY, 10), at(TUESDAY, 11))
    with pytest.raises(ValidationError) as caught:
        services.booking_cancel(actor=park.office, booking=over, reason="x", now=at(TUESDAY, 11))
    assert error_code(caught.value) == ("starts_at", "already_over")


def test_cancelling_a_request_takes_it_off_the_office_queue(park):
    request = book(park.staff, park.training, at(TUESDAY, 9), at(TUESDAY, 12))
    Notification.objects.all().delete()

    services.booking_cancel(actor=park.staff, booking=request, now=NOW)

    assert Notification.objects.filter(recipient=park.office).count() == 1


# Venues and closed days ----------------------------------------------------------------------

VENUE = {
    "name": "共享面试室乙",
    "kind": VenueKind.INTERVIEW_ROOM,
    "place": "A栋3层",
    "capacity": 4,
    "opens_at": datetime.time(9),
    "closes_at": datetime.time(18),
    "bookers": BookerKind.ENTERPRISES,
}


def test_the_office_adds_and_changes_a_venue(park):
    venue = services.venue_save(actor=park.office, closed_weekdays=[6, 5, 5], **VENUE)

    assert venue.pk and venue.closed_weekdays == "5,6"
    assert venue.feed_token
    token = venue.feed_token

    services.venue_save(actor=park.office, venue=venue, capacity=8, renew_feed_token=True)

    venue.refresh_from_db()
    assert venue.capacity == 8
    assert venue.feed_token != token
    assert AuditRecord.objects.filter(target_id=str(venue.pk), action="update").exists()


@pytest.mark.parametrize("who", ["staff", "hr", "leader", "talent"])
def test_only_the_office_keeps_venues(park, who):
    with pytest.raises(PermissionDenied):
        services.venue_save(actor=getattr(park, who), **VENUE)
    with pytest.raises(PermissionDenied):
        services.venue_closure_add(actor=getattr(park, who), venue=park.room, date=WEDNESDAY)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"closes_at": datetime.time(9)}, ("closes_at", "closes_before_opening")),
        ({"closed_weekdays": "5,7"}, ("closed_weekdays", "invalid_weekdays")),
        ({"closed_weekdays": "Sat"}, ("closed_weekdays", "invalid_weekdays")),
        ({"max_minutes": 10}, ("max_minutes", "too_short")),
        ({"capacity": 0}, ("capacity", "too_small")),
    ],
)
def test_a_venue_is_validated(park, fields, expected):
    with pytest.raises(ValidationError) as caught:
        services.venue_save(actor=park.office, **{**VENUE, **fields})

    assert error_code(caught.value) == expected
    assert not Venue.objects.filter(name=VENUE["name"]).exists()


def test_a_closed_day_with_bookings_is_refused_unless_they_are_cancelled(park):
    booking = book(park.staff, park.room, at(WEDNESDAY, 10), at(WEDNESDAY, 11))

    with pytest.raises(ValidationError) as caught:
        services.venue_closure_add(actor=park.office, venue=park.room, date=WEDNESDAY)
    assert error_code(caught.value) == ("date", "has_bookings")

    services.venue_closure_add(
        actor=park.office, venue=park.room, date=WEDNESDAY, reason="线路改造", cancel_bookings=True
    )

    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason) == (BookingStatus.CANCELLED, "线路改造")
    assert Notification.objects.filter(recipient=park.staff).exists()
    assert refused(park.hr, park.room, at(WEDNESDAY, 14), at(WEDNESDAY, 15))[1] == "closed_day"


def test_a_day_is_closed_once_and_opened_again(park):
    closure = services.venue_closure_add(actor=park.office, venue=park.room, date=THURSDAY)
    with pytest.raises(ValidationError) as caught:
        services.venue_closure_add(actor=park.office, venue=park.room, date=THURSDAY)
    assert error_code(caught.value) == ("date", "already_closed")

    services.venue_closure_remove(actor=park.office, closure=closure)

    assert not VenueClosure.objects.exists()
    assert book(park.staff, park.room, at(THURSDAY, 10), at(THURSDAY, 11))
    services.venue_closure_add(actor=park.office, venue=park.room, date=FRIDAY)
    services.venue_closure_remove(actor=park.office, venue=park.room, date=FRIDAY)
    assert not VenueClosure.objects.exists()
