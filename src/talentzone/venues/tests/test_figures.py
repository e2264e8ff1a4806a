"""The venues' figures on a hand-made park: occupancy per venue over the week of 1 June 2026."""

import datetime

import pytest

from talentzone.core.figures import Period, get
from talentzone.venues import queries
from talentzone.venues.choices import BookingStatus, VenueKind
from talentzone.venues.tests.conftest import (
    FRIDAY,
    MONDAY,
    SATURDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    at,
)
from talentzone.venues.tests.factories import BookingFactory, VenueClosureFactory, VenueFactory

pytestmark = pytest.mark.django_db

SUNDAY = MONDAY + datetime.timedelta(days=6)
WEEK = Period(MONDAY, SUNDAY)


@pytest.fixture
def rooms():
    """`room` (08:30–17:30, closed on Saturdays and Sundays, and on Wednesday 3 June): open
    4 days × 9 hours = 36 hours in the week. `hall` (09:00–21:00 every day): 7 × 12 = 84 hours.
    `old`, a retired meeting room with a booking in the week (5 × 9 = 45 hours open); `gone`, a
    retired room without one; `quiet`, an active room never booked."""
    room = VenueFactory(name="面试室甲")
    VenueClosureFactory(venue=room, date=WEDNESDAY)
    hall = VenueFactory(
        name="活动大厅",
        kind=VenueKind.HALL,
        opens_at=datetime.time(9),
        closes_at=datetime.time(21),
        closed_weekdays="",
    )
    old = VenueFactory(name="旧会议室", kind=VenueKind.MEETING_ROOM, active=False)
    VenueFactory(name="旧面试室", active=False)
    quiet = VenueFactory(name="面试室乙")

    # room: 3 h on Tuesday, 1 h of 08:00–09:30 (requested) on Thursday, 1 h of 16:30–18:30 on
    # Friday = 5 hours; not a cancelled booking, nor bookings on the closed Wednesday, on
    # Saturday or outside the week.
    BookingFactory(venue=room, starts_at=at(TUESDAY, 9), ends_at=at(TUESDAY, 12))
    BookingFactory(
        venue=room,
        starts_at=at(THURSDAY, 8),
        ends_at=at(THURSDAY, 9, 30),
        status=BookingStatus.REQUESTED,
    )
    BookingFactory(venue=room, starts_at=at(FRIDAY, 16, 30), ends_at=at(FRIDAY, 18, 30))
    BookingFactory(
        venue=room,
        starts_at=at(THURSDAY, 14),
        ends_at=at(THURSDAY, 16),
        status=BookingStatus.CANCELLED,
    )
    BookingFactory(
        venue=room,
        starts_at=at(THURSDAY, 10),
        ends_at=at(THURSDAY, 11),
        status=BookingStatus.REJECTED,
    )
    BookingFactory(venue=room, starts_at=at(WEDNESDAY, 10), ends_at=at(WEDNESDAY, 11))
    BookingFactory(venue=room, starts_at=at(SATURDAY, 10), ends_at=at(SATURDAY, 11))
    BookingFactory(
        venue=room,
        starts_at=at(MONDAY - datetime.timedelta(days=3), 10),
        ends_at=at(MONDAY - datetime.timedelta(days=3), 12),
    )
    BookingFactory(
        venue=room,
        starts_at=at(MONDAY + datetime.timedelta(days=7), 10),
        ends_at=at(MONDAY + datetime.timedelta(days=7), 12),
    )
    # hall: 6 h on Saturday and 20:00–21:00 of a booking from Sunday 20:00 to Monday 02:00 = 7.
    BookingFactory(venue=hall, starts_at=at(SATURDAY, 9), ends_at=at(SATURDAY, 15))
    BookingFactory(
        venue=hall,
        starts_at=at(SUNDAY, 20),
        ends_at=at(SUNDAY + datetime.timedelta(days=1), 2),
    )
    # old: the whole of Tuesday, 9 hours.
    BookingFactory(venue=old, starts_at=at(TUESDAY, 8, 30), ends_at=at(TUESDAY, 17, 30))
    return {"room": room, "hall": hall, "old": old, "quiet": quiet}


def test_occupancy_per_venue_over_a_week(rooms):
    data = queries.occupancy_by_venue(WEEK)

    # By kind (hall, interview room, meeting room), then name; the retired room without a
    # booking is left out.
    assert data.categories == ["活动大厅", "面试室乙", "面试室甲", "旧会议室"]
    assert data.keys == [str(rooms[name].pk) for name in ("hall", "quiet", "room", "old")]
    assert data.get("occupancy").values == [
        8.3,  # 7 / 84
        0.0,
        13.9,  # 5 / 36
        20.0,  # 9 / 45
    ]


def test_occupancy_of_one_day_and_of_a_closed_day(rooms):
    tuesday = queries.occupancy_by_venue(Period(TUESDAY, TUESDAY))
    assert tuesday.value(str(rooms["room"].pk)) == 33.3  # 3 / 9
    assert tuesday.value(str(rooms["hall"].pk)) == 0.0
    assert tuesday.value(str(rooms["old"].pk)) == 100.0

    wednesday = queries.occupancy_by_venue(Period(WEDNESDAY, WEDNESDAY))
    assert wednesday.value(str(rooms["room"].pk)) == 0.0  # closed: nothing open, nothing booked
    assert str(rooms["old"].pk) not in wednesday.keys  # retired, no booking that day


def test_a_booking_across_the_period_s_last_midnight_counts_up_to_it(rooms):
    sunday = queries.occupancy_by_venue(Period(SUNDAY, SUNDAY))
    assert sunday.value(str(rooms["hall"].pk)) == 8.3  # 1 / 12
    next_monday = SUNDAY + datetime.timedelta(days=1)
    monday = queries.occupancy_by_venue(Period(next_monday, next_monday))
    assert monday.value(str(rooms["hall"].pk)) == 0.0  # 00:00–02:00 is outside 09:00–21:00


def test_no_venue_no_figure():
    data = queries.occupancy_by_venue(WEEK)
    assert (data.categories, data.get("occupancy").values) == ([], [])


def test_the_figure_drills_down_to_the_venue_s_bookings_of_the_period(client, make_user, rooms):
    figure = get("venues.occupancy")
    assert figure.compute is queries.occupancy_by_venue
    assert figure.drill("", WEEK) is None
    url = figure.drill(str(rooms["room"].pk), WEEK)

    client.force_login(make_user("office_admin"))
    response = client.get(url)

    assert response.status_code == 200
    shown = {booking.pk for booking in response.context["page"].object_list}
    expected = set(
        rooms["room"]
        .bookings.filter(starts_at__gte=at(MONDAY, 0), starts_at__lt=at(SUNDAY, 23, 59))
        .values_list("pk", flat=True)
    )
    assert len(expected) == 7 and shown == expected
