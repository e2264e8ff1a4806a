"""A venue's iCal feed parses back and carries exactly its holding bookings, no private detail."""

import datetime

import icalendar
import pytest

from talentzone.venues.choices import BookingStatus
from talentzone.venues.ical import venue_feed
from talentzone.venues.tests.conftest import MONDAY, NOW, THURSDAY, TUESDAY, at
from talentzone.venues.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bookings(park):
    ten_days_ago = MONDAY - datetime.timedelta(days=10)
    forty_days_ago = MONDAY - datetime.timedelta(days=40)
    held = {
        "agency": BookingFactory(
            venue=park.room,
            title="储能工程师面试",
            starts_at=at(TUESDAY, 10),
            booked_by=park.staff,
            agency=park.agency,
            note="候选人手机号13900001111",
        ),
        "requested": BookingFactory(
            venue=park.room,
            title="新员工入职培训",
            starts_at=at(THURSDAY, 14),
            ends_at=at(THURSDAY, 16, 30),
            status=BookingStatus.REQUESTED,
            booked_by=park.hr,
            enterprise=park.enterprise,
        ),
        "office": BookingFactory(venue=park.room, title="人才政策宣讲", starts_at=at(MONDAY, 9)),
        "recent": BookingFactory(venue=park.room, starts_at=at(ten_days_ago, 9)),
    }
    left_out = [
        BookingFactory(venue=park.room, starts_at=at(TUESDAY, 14), status=BookingStatus.CANCELLED),
        BookingFactory(venue=park.room, starts_at=at(TUESDAY, 16), status=BookingStatus.REJECTED),
        BookingFactory(venue=park.room, starts_at=at(forty_days_ago, 9)),  # too long ago
        BookingFactory(venue=park.live, starts_at=at(TUESDAY, 10)),  # another room
    ]
    return held, left_out


def parse(venue) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(venue_feed(venue, now=NOW))


def test_the_feed_carries_exactly_the_holding_bookings(park, bookings):
    held, _ = bookings

    calendar = parse(park.room)

    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"booking-{b.pk}@talentzone" for b in held.values()}
    assert str(calendar["X-WR-CALNAME"]) == park.room.name
    agency = events[f"booking-{held['agency'].pk}@talentzone"]
    assert agency.decoded("DTSTART") == at(TUESDAY, 10)
    assert agency.decoded("DTEND") == at(TUESDAY, 11)
    assert str(agency["SUMMARY"]) == "储能工程师面试 · 闽东甲人力"
    assert str(agency["STATUS"]) == "CONFIRMED"
    requested = events[f"booking-{held['requested'].pk}@talentzone"]
    assert str(requested["SUMMARY"]) == "新员工入职培训 · 宁德锂电甲公司"
    assert str(requested["STATUS"]) == "TENTATIVE"
    assert requested.decoded("DTEND") == at(THURSDAY, 16, 30)


def test_the_feed_hides_who_booked_and_the_notes(park, bookings):
    held, _ = bookings

    text = venue_feed(park.room, now=NOW).decode()

    for private in ("13900001111", park.staff.username, park.hr.username, "ATTENDEE"):
        assert private not in text
    for field in ("DESCRIPTION", "ORGANIZER"):
        assert f"\r\n{field}" not in text


def test_an_empty_venue_has_an_empty_feed(park):
    calendar = parse(park.hall)

    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"
