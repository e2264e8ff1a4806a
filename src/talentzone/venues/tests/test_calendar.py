"""The calendars (a day's slots, a week of one venue or of the park), occupancy, and who sees
and books what."""

import datetime

import pytest

from talentzone.venues import queries
from talentzone.venues.choices import BookingStatus
from talentzone.venues.queries import day_slots, local, occupancy, week
from talentzone.venues.tests.conftest import (
    MONDAY,
    NOW,
    SATURDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    at,
)
from talentzone.venues.tests.factories import BookingFactory, VenueClosureFactory, VenueFactory

pytestmark = pytest.mark.django_db


def clock(slot) -> str:
    return f"{local(slot.starts_at):%H:%M}"


def test_a_day_in_half_hours_with_the_booking_and_its_cleaning_time(park):
    booking = BookingFactory(venue=park.room, starts_at=at(TUESDAY, 10), ends_at=at(TUESDAY, 11))

    slots = {clock(slot): slot for slot in day_slots(park.room, TUESDAY, now=NOW)}

    assert list(slots)[0] == "08:30" and list(slots)[-1] == "17:00" and len(slots) == 18
    assert local(slots["17:00"].ends_at).time() == datetime.time(17, 30)
    assert slots["09:00"].free and slots["09:00"].booking is None
    # 09:30–10:00 is not taken, but its own cleaning time would run into 10:00.
    assert (slots["09:30"].free, slots["09:30"].booking) == (False, None)
    for time in ("10:00", "10:30", "11:00"):  # 11:00–11:15 is the cleaning time
        assert (slots[time].free, slots[time].booking) == (False, booking)
    assert slots["11:30"].free


def test_past_slots_closed_days_and_days_too_far_ahead_are_not_free(park):
    slots = day_slots(park.room, TUESDAY, now=at(TUESDAY, 12, 10))
    free = [clock(slot) for slot in slots if slot.free]
    assert free[0] == "12:30"

    assert not any(slot.free for slot in day_slots(park.room, SATURDAY, now=NOW))
    VenueClosureFactory(venue=park.room, date=WEDNESDAY)
    assert not any(slot.free for slot in day_slots(park.room, WEDNESDAY, now=NOW))
    far = MONDAY + datetime.timedelta(days=63)
    assert not any(slot.free for slot in day_slots(park.room, far, now=NOW))


def test_slots_of_other_lengths(park):
    park.room.closes_at = datetime.time(17, 45)
    slots = day_slots(park.room, TUESDAY, slot_minutes=60, now=NOW)

    assert [clock(slot) for slot in slots][:2] == ["08:30", "09:30"]
    assert local(slots[-1].ends_at).time() == datetime.time(17, 45)  # the last one is shorter


def test_a_week_of_venues_in_three_queries(park, django_assert_max_num_queries):
    tuesday = BookingFactory(venue=park.room, starts_at=at(TUESDAY, 10))
    requested = BookingFactory(
        venue=park.live, starts_at=at(THURSDAY, 14), status=BookingStatus.REQUESTED
    )
    BookingFactory(venue=park.room, starts_at=at(TUESDAY, 14), status=BookingStatus.CANCELLED)
    BookingFactory(venue=park.room, starts_at=at(MONDAY + datetime.timedelta(days=7), 10))
    VenueClosureFactory(venue=park.live, date=WEDNESDAY, reason="设备检修")

    with django_assert_max_num_queries(3):
        calendar = week([park.room, park.live], WEDNESDAY, now=NOW)  # any day of the week

    assert calendar.monday == MONDAY
    assert calendar.days == [MONDAY + datetime.timedelta(days=n) for n in range(7)]
    assert (calendar.previous, calendar.next) == (
        MONDAY - datetime.timedelta(days=7),
        MONDAY + datetime.timedelta(days=7),
    )
    assert len(calendar.times) == 18
    room, live = calendar.venues
    assert room.venue == park.room and live.venue == park.live
    assert room.days[1].bookings == [tuesday]
    assert live.days[3].bookings == [requested]  # a request holds its slot
    assert sum(len(day.bookings) for day in room.days) == 1
    assert room.days[5].closed and room.days[6].closed  # the weekend
    assert live.days[2].closed_reason == "设备检修"
    assert not live.days[2].free_slots
    assert len(room.days[2].free_slots) == 18
    assert room.days[1].booked_minutes == 60


def test_the_week_of_one_venue(park):
    calendar = week(park.room, MONDAY, now=NOW)

    assert [row.venue for row in calendar.venues] == [park.room]


def test_occupancy_is_booked_hours_over_open_hours(park):
    # 共享面试室甲 is open 9 hours on each of 5 weekdays: 45 hours.
    BookingFactory(venue=park.room, starts_at=at(TUESDAY, 9), ends_at=at(TUESDAY, 12))
    BookingFactory(venue=park.room, starts_at=at(THURSDAY, 14), ends_at=at(THURSDAY, 15, 30))
    BookingFactory(
        venue=park.room,
        starts_at=at(THURSDAY, 9),
        ends_at=at(THURSDAY, 12),
        status=BookingStatus.CANCELLED,
    )

    figure = occupancy(park.room, MONDAY, MONDAY + datetime.timedelta(days=7))

    assert (figure.booked_hours, figure.open_hours) == (4.5, 45)
    assert figure == pytest.approx(0.1)

    VenueClosureFactory(venue=park.room, date=WEDNESDAY)
    assert occupancy(park.room, MONDAY, MONDAY + datetime.timedelta(days=7)).open_hours == 36
    assert occupancy(park.room, TUESDAY, WEDNESDAY) == pytest.approx(3 / 9)


def test_occupancy_of_the_whole_park(park):
    BookingFactory(venue=park.room, starts_at=at(TUESDAY, 7, 30), ends_at=at(TUESDAY, 8, 30))
    BookingFactory(venue=park.live, starts_at=at(TUESDAY, 16, 30), ends_at=at(TUESDAY, 18))
    VenueFactory(active=False)  # a retired room does not count

    figure = occupancy(None, TUESDAY, WEDNESDAY)

    assert figure.open_hours == 4 * 9  # the park's four active rooms
    assert figure.booked_hours == 1  # only the hours inside the opening hours count
    assert occupancy(None, WEDNESDAY, TUESDAY) == 0


# Who sees and books what ---------------------------------------------------------------------


def test_each_sees_the_bookings_of_their_organisation(park):
    own = BookingFactory(venue=park.room, booked_by=park.staff, agency=park.agency)
    colleagues = BookingFactory(
        venue=park.live, booked_by=park.colleague, agency=park.agency, starts_at=at(THURSDAY, 9)
    )
    others = BookingFactory(
        venue=park.room,
        booked_by=park.other_staff,
        agency=park.other_agency,
        starts_at=at(THURSDAY, 9),
    )
    enterprises = BookingFactory(
        venue=park.room, booked_by=park.hr, enterprise=park.enterprise, starts_at=at(MONDAY, 9)
    )

    assert set(queries.visible_bookings(park.staff)) == {own, colleagues}
    assert set(queries.visible_bookings(park.hr)) == {enterprises}
    assert set(queries.visible_bookings(park.office)) == {own, colleagues, others, enterprises}
    assert set(queries.visible_bookings(park.leader)) == {own, colleagues, others, enterprises}
    assert not queries.visible_bookings(park.talent).exists()
    assert park.colleague.has_perm("venues.view_booking", own)
    assert not park.other_staff.has_perm("venues.view_booking", own)


def test_the_venues_each_may_book(park):
    retired = VenueFactory(active=False)

    assert set(queries.bookable_venues(park.staff)) == {park.room, park.live, park.training}
    assert set(queries.bookable_venues(park.hr)) == {park.room, park.training}
    assert set(queries.bookable_venues(park.office)) == {
        park.room,
        park.live,
        park.training,
        park.hall,
    }
    assert not queries.bookable_venues(park.station_staff).exists()
    assert not queries.bookable_venues(park.talent).exists()
    assert queries.may_book(park.staff, park.live)
    assert not queries.may_book(park.hr, park.live)
    assert not queries.may_book(park.office, retired)
    assert retired in queries.visible_venues(park.office)
    assert retired not in queries.visible_venues(park.staff)
    assert park.talent.has_perm("venues.view_venue")
    assert not park.talent.has_perm("venues.book")
    assert park.staff.has_perm("venues.book")
    assert park.office.has_perm("venues.manage") and park.office.has_perm("venues.decide")
    assert not park.staff.has_perm("venues.manage") and not park.staff.has_perm("venues.decide")
