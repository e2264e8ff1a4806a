"""Attendance figures on a hand-made set: per event, and per station over a period."""

import datetime

import pytest

from talentzone.directory.tests.factories import StationFactory
from talentzone.events import queries
from talentzone.events.choices import EventStatus, RegistrationStatus
from talentzone.events.tests.conftest import EVENT_START, NOW, at
from talentzone.events.tests.factories import RegistrationFactory
from talentzone.venues.tests.factories import VenueFactory

pytestmark = pytest.mark.django_db

MAY_30, MAY_20 = datetime.date(2026, 5, 30), datetime.date(2026, 5, 20)
ATTENDED, CONFIRMED = RegistrationStatus.ATTENDED, RegistrationStatus.CONFIRMED
WAITLISTED, CANCELLED = RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED


def people(event, **counts) -> None:
    for status, n in counts.items():
        for _ in range(n):
            RegistrationFactory(event=event, status=status)


@pytest.fixture
def season(zone):
    """Station 蕉城: a social on 30 May (3 came, 1 did not, 1 waiting, 1 cancelled), a talent day
    on 20 May (1 came, 1 did not), a social to come (2 confirmed) and a called-off one (5
    confirmed). Station 漳湾: a class on 30 May (2 of 2 came). A third station with nothing, and
    an event in a park venue (no station)."""
    may30 = zone.event(starts_at=at(MAY_30, 19))
    people(may30, attended=3, confirmed=1, waitlisted=1, cancelled=1)
    may20 = zone.event(starts_at=at(MAY_20, 9))
    people(may20, attended=1, confirmed=1)
    coming = zone.event()
    people(coming, confirmed=2)
    called_off = zone.event(starts_at=at(MAY_30, 9), status=EventStatus.CANCELLED)
    people(called_off, confirmed=5)
    other = zone.event(station=zone.other_station, starts_at=at(MAY_30, 14))
    people(other, attended=2)
    quiet = StationFactory(name="三都澳人才驿站")
    in_venue = zone.event(station=None, venue=VenueFactory(), starts_at=at(MAY_30, 10))
    people(in_venue, attended=4, confirmed=4)
    return {"may30": may30, "may20": may20, "coming": coming, "quiet": quiet}


def test_the_figures_of_an_event_that_ended(season):
    assert queries.attendance(season["may30"], now=NOW) == {
        "confirmed": 4,
        "attended": 3,
        "no_shows": 1,
        "waitlisted": 1,
        "cancelled": 1,
        "rate": 0.75,
    }


def test_no_shows_are_counted_only_once_the_event_has_ended(season):
    figures = queries.attendance(season["coming"], now=NOW)
    assert (figures["confirmed"], figures["attended"], figures["no_shows"]) == (2, 0, 0)
    assert figures["rate"] == 0.0
    after = queries.attendance(season["coming"], now=EVENT_START + datetime.timedelta(days=1))
    assert after["no_shows"] == 2


def test_an_event_without_anyone_has_no_rate(zone):
    assert queries.attendance(zone.event(), now=NOW)["rate"] is None


def test_figures_per_station_count_ended_events_that_were_not_called_off(zone, season):
    rows = {row.station.name: row for row in queries.station_attendance(now=NOW)}

    own = rows["蕉城人才驿站"]
    assert (own.events, own.confirmed, own.attended, own.no_shows) == (2, 6, 4, 2)
    assert own.rate == pytest.approx(4 / 6, abs=1e-4)
    other = rows["漳湾人才驿站"]
    assert (other.events, other.confirmed, other.attended, other.no_shows, other.rate) == (
        1,
        2,
        2,
        0,
        1.0,
    )
    quiet = rows["三都澳人才驿站"]
    assert (quiet.events, quiet.confirmed, quiet.rate) == (0, 0, None)
    assert list(rows) == sorted(rows)  # by name


def test_figures_per_station_over_a_period(zone, season):
    rows = {
        row.station.name: row
        for row in queries.station_attendance(
            start=datetime.date(2026, 5, 25), end=datetime.date(2026, 6, 1), now=NOW
        )
    }
    own = rows["蕉城人才驿站"]
    assert (own.events, own.confirmed, own.attended, own.no_shows) == (1, 4, 3, 1)
    rows = {
        row.station.name: row
        for row in queries.station_attendance(end=datetime.date(2026, 5, 25), now=NOW)
    }
    assert (rows["蕉城人才驿站"].events, rows["漳湾人才驿站"].events) == (1, 0)
