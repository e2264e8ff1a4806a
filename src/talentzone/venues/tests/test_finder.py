"""“A free interview room for 2 hours on Thursday afternoon”, on a hand-made week.

Thursday 4 June 2026, the afternoon from 13:00 (the rooms close at 17:30), 15 minutes' cleaning:

    共享面试室甲 (6 people)  booked 12:00–14:00        → free from 14:15
    东面试室     (4 people)  booked 15:30–16:30        → free 13:00–15:00 (cleaning until 15:15)
    西面试室     (8 people)  booked 13:00–13:50        → cleaning until 14:05, free from 14:15
    满面试室     (6 people)  booked 13:00–17:00        → nothing
    短面试室     at most an hour a booking              → nothing
    闭面试室     closed that Thursday                   → nothing
    旧面试室     out of service                         → nothing
    机构面试室   agencies only, free all afternoon      → 13:00 (not for an enterprise)
    培训室A      a training room, free                  → only when any kind will do
"""

import datetime

import pytest

from talentzone.venues import services
from talentzone.venues.choices import BookerKind, BookingStatus, VenueKind
from talentzone.venues.queries import find_free, local
from talentzone.venues.tests.conftest import FRIDAY, NOW, THURSDAY, TUESDAY, at
from talentzone.venues.tests.factories import BookingFactory, VenueClosureFactory, VenueFactory

pytestmark = pytest.mark.django_db

AFTERNOON = {"earliest": datetime.time(13), "latest": datetime.time(18)}
INTERVIEW = VenueKind.INTERVIEW_ROOM


@pytest.fixture
def week(park):
    rooms = {
        "room": park.room,
        "east": VenueFactory(name="东面试室", capacity=4),
        "west": VenueFactory(name="西面试室", capacity=8),
        "full": VenueFactory(name="满面试室"),
        "short": VenueFactory(name="短面试室", max_minutes=60),
        "closed": VenueFactory(name="闭面试室"),
        "retired": VenueFactory(name="旧面试室", active=False),
        "agencies": VenueFactory(name="机构面试室", bookers=BookerKind.AGENCIES),
    }
    booked = [
        ("room", (12, 0), (14, 0)),
        ("east", (15, 30), (16, 30)),
        ("west", (13, 0), (13, 50)),
        ("full", (13, 0), (17, 0)),
    ]
    for name, start, end in booked:
        BookingFactory(
            venue=rooms[name], starts_at=at(THURSDAY, *start), ends_at=at(THURSDAY, *end)
        )
    # Neither a cancelled booking nor one on another day takes anything that afternoon.
    BookingFactory(
        venue=rooms["east"],
        starts_at=at(THURSDAY, 13),
        ends_at=at(THURSDAY, 15),
        status=BookingStatus.CANCELLED,
    )
    BookingFactory(venue=rooms["agencies"], starts_at=at(FRIDAY, 13), ends_at=at(FRIDAY, 17))
    VenueClosureFactory(venue=rooms["closed"], date=THURSDAY, reason="设备检修")
    rooms["training"] = park.training
    return rooms


def found(rows) -> list[tuple[str, str, str]]:
    return [
        (venue.name, f"{local(start):%H:%M}", f"{local(end):%H:%M}") for venue, start, end in rows
    ]


def test_a_free_interview_room_for_two_hours_on_thursday_afternoon(week):
    rows = find_free(kind=INTERVIEW, day=THURSDAY, minutes=120, now=NOW, **AFTERNOON)

    assert found(rows) == [
        ("东面试室", "13:00", "15:00"),  # earliest first; the smaller room first at a tie
        ("机构面试室", "13:00", "15:00"),
        ("共享面试室甲", "14:15", "16:15"),
        ("西面试室", "14:15", "16:15"),  # 13:50 + cleaning = 14:05, on the quarter hours 14:15
    ]
    assert all(end - start == datetime.timedelta(hours=2) for _, start, end in rows)


def test_the_finder_offers_only_rooms_the_user_may_book(week, park):
    rows = find_free(kind=INTERVIEW, day=THURSDAY, minutes=120, user=park.hr, now=NOW, **AFTERNOON)

    assert [name for name, *_ in found(rows)] == ["东面试室", "共享面试室甲", "西面试室"]
    assert find_free(day=THURSDAY, minutes=120, user=park.talent, now=NOW, **AFTERNOON) == []


def test_the_finder_keeps_to_the_weekly_quota_of_the_users_organisation(week, park):
    # 共享面试室甲 allows an organisation 4 hours a week; agency A holds 3 on Tuesday.
    BookingFactory(
        venue=park.room,
        starts_at=at(TUESDAY, 9),
        ends_at=at(TUESDAY, 12),
        booked_by=park.staff,
        agency=park.agency,
    )

    for_agency_a = find_free(
        kind=INTERVIEW, day=THURSDAY, minutes=120, user=park.staff, now=NOW, **AFTERNOON
    )
    for_agency_b = find_free(
        kind=INTERVIEW, day=THURSDAY, minutes=120, user=park.other_staff, now=NOW, **AFTERNOON
    )

    assert "共享面试室甲" not in [name for name, *_ in found(for_agency_a)]
    assert "共享面试室甲" in [name for name, *_ in found(for_agency_b)]


def test_the_room_must_hold_the_attendees(week):
    rows = find_free(kind=INTERVIEW, day=THURSDAY, minutes=120, attendees=7, now=NOW, **AFTERNOON)

    assert found(rows) == [("西面试室", "14:15", "16:15")]


def test_any_kind_of_room(week):
    rows = find_free(day=THURSDAY, minutes=120, now=NOW, **AFTERNOON)

    assert "培训室A" in [name for name, *_ in found(rows)]


def test_the_window_is_kept_and_the_past_is_never_offered(week):
    by_three = find_free(
        kind=INTERVIEW,
        day=THURSDAY,
        minutes=120,
        earliest=datetime.time(13),
        latest=datetime.time(15),
        now=NOW,
    )
    assert found(by_three) == [("东面试室", "13:00", "15:00"), ("机构面试室", "13:00", "15:00")]

    # At 13:07 the next quarter hour is 13:15; 东面试室 then frees 13:15–15:15, cleaning until
    # 15:30, exactly when its next booking starts.
    later = find_free(
        kind=INTERVIEW, day=THURSDAY, minutes=120, now=at(THURSDAY, 13, 7), **AFTERNOON
    )
    assert found(later)[0] == ("东面试室", "13:15", "15:15")


def test_the_whole_day_when_no_window_is_given(week):
    rows = find_free(kind=INTERVIEW, day=THURSDAY, minutes=60, now=NOW)

    assert ("满面试室", "08:30", "09:30") in found(rows)
    assert ("短面试室", "08:30", "09:30") in found(rows)  # an hour is all it allows


def test_no_room_on_a_closed_day_nor_beyond_the_days_ahead(week):
    saturday = THURSDAY + datetime.timedelta(days=2)

    assert find_free(kind=INTERVIEW, day=saturday, minutes=60, now=NOW) == []
    far = NOW.date() + datetime.timedelta(days=61)
    assert find_free(kind=INTERVIEW, day=far, minutes=60, now=NOW) == []


def test_the_rooms_found_can_be_booked(week, park):
    for venue, start, end in find_free(
        kind=INTERVIEW, day=THURSDAY, minutes=120, user=park.hr, now=NOW, **AFTERNOON
    ):
        booking = services.booking_create(
            actor=park.hr,
            venue=venue,
            starts_at=start,
            ends_at=end,
            purpose="interview",
            title="面试",
            now=NOW,
        )
        assert booking.pk
