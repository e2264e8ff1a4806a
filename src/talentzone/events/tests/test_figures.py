"""Attendance figures on a hand-made set: per event, and per station over a period; and the
dashboards' figures (events held per month, attendance per kind of event)."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from talentzone.core.figures import Period, get
from talentzone.directory.tests.factories import StationFactory
from talentzone.events import queries
from talentzone.events.choices import EventKind, EventStatus, RegistrationStatus
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


# The dashboards' figures (core.figures): events held per month, attendance per kind ----------

APR_1, APR_30 = datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
JUN_30 = datetime.date(2026, 6, 30)
SPRING = Period(APR_1, JUN_30)
LATER = at(datetime.date(2026, 7, 2), 12)  # once every event of the spring is over


@pytest.fixture
def spring(zone):
    """April–June 2026 at station 蕉城 (the clock says 1 June, 08:00):

    * 10 April, social: 3 came, 1 did not, 1 waiting, 1 cancelled;
    * 30 April 23:00 (park time; over on 1 May), social: 2 came;
    * 15 May, skill training: 2 came, 2 did not;
    * 20 May, talent day: 1 came, 1 did not;
    * not held: a social called off on 30 May (5 confirmed), a draft of 25 May;
    * 6 June, social: 4 confirmed, not over yet on 1 June;
    * outside the period: 31 March and 1 July 00:30 (2 came to each)."""
    kinds = {"social": EventKind.SOCIAL, "training": EventKind.SKILL_TRAINING}

    def event(day, hour, title, kind="social", **fields):
        return zone.event(
            title=title, kind=kinds.get(kind, kind), starts_at=at(day, hour), **fields
        )

    people(
        event(datetime.date(2026, 4, 10), 19, "四月鹊桥会"),
        attended=3,
        confirmed=1,
        waitlisted=1,
        cancelled=1,
    )
    late = zone.event(title="四月末夜场", starts_at=at(APR_30, 23))
    people(late, attended=2)
    people(
        event(datetime.date(2026, 5, 15), 9, "五月技能培训", "training"), attended=2, confirmed=2
    )
    people(
        event(datetime.date(2026, 5, 20), 9, "五月人才日", EventKind.TALENT_DAY),
        attended=1,
        confirmed=1,
    )
    people(
        event(datetime.date(2026, 5, 30), 19, "取消的活动", status=EventStatus.CANCELLED),
        confirmed=5,
    )
    event(datetime.date(2026, 5, 25), 19, "草稿活动", status=EventStatus.DRAFT)
    people(event(datetime.date(2026, 6, 6), 19, "六月鹊桥会"), confirmed=4)
    people(event(datetime.date(2026, 3, 31), 19, "三月鹊桥会"), attended=2)
    people(zone.event(title="七月夜场", starts_at=at(datetime.date(2026, 7, 1), 0, 30)), attended=2)


def test_events_held_per_month(spring):
    data = queries.events_by_month(SPRING, now=NOW)

    assert data.categories == data.keys == ["2026-04", "2026-05", "2026-06"]
    assert data.get("events").values == [2, 2, 0]  # 6 June is not over on 1 June


def test_events_held_per_month_once_june_is_over(spring):
    assert queries.events_by_month(SPRING, now=LATER).get("events").values == [2, 2, 1]


def test_events_per_month_count_the_park_s_day_at_the_edges(spring):
    # 23:00 on 30 April and 00:30 on 1 July, park time: in April and in July.
    april = queries.events_by_month(Period(APR_30, APR_30), now=LATER)
    assert april.get("events").values == [1]
    july = queries.events_by_month(Period.month(2026, 7), now=LATER)
    assert july.get("events").values == [1]


def test_attendance_per_kind_of_event(spring):
    data = queries.attendance_by_kind(SPRING, now=NOW)

    assert data.keys == list(EventKind.values)
    assert data.categories == [kind.label for kind in EventKind]
    figures = {
        key: (
            data.value(key, "registered"),
            data.value(key, "attended"),
            data.value(key, "no_shows"),
        )
        for key in data.keys
    }
    assert figures == {
        "social": (6, 5, 1),
        "talent_day": (2, 1, 1),
        "party_community": (0, 0, 0),
        "skill_training": (4, 2, 2),
        "cadre_training": (0, 0, 0),
        "entrepreneur_training": (0, 0, 0),
        "live_stream": (0, 0, 0),
        "other": (0, 0, 0),
    }


def test_attendance_counts_an_event_once_it_is_over(spring):
    data = queries.attendance_by_kind(SPRING, now=LATER)
    # The June social's 4 confirmed people never checked in: 4 more no-shows.
    assert (data.value("social", "registered"), data.value("social", "no_shows")) == (10, 5)


def test_an_empty_period(spring):
    february = Period.month(2026, 2)
    assert queries.events_by_month(february, now=LATER).get("events").values == [0]
    data = queries.attendance_by_kind(february, now=LATER)
    assert [data.total(key) for key in ("registered", "attended", "no_shows")] == [0, 0, 0]


def test_the_figures_drill_down_to_the_organisers_list(client, zone, spring):
    by_month, by_kind = get("events.by_month"), get("events.attendance")
    period = Period(datetime.date(2026, 4, 15), JUN_30)

    assert query_of(by_month.drill("2026-04", period)) == {
        "status": ["published"],
        "starts_after": ["2026-04-15"],
        "starts_before": ["2026-04-30"],
    }
    assert by_month.drill("not a month", period) is None
    assert query_of(by_kind.drill("talent_day", period)) == {
        "kind": ["talent_day"],
        "status": ["published"],
        "starts_after": ["2026-04-15"],
        "starts_before": ["2026-06-30"],
    }
    assert by_kind.drill("nothing", period) is None

    client.force_login(zone.office)
    response = client.get(by_month.drill("2026-05", SPRING))
    assert response.status_code == 200
    titles = {event.title for event in response.context["page"].object_list}
    assert titles == {"五月技能培训", "五月人才日"}


def query_of(url: str) -> dict:
    assert url.startswith(reverse("events:event-list") + "?")
    return parse_qs(urlparse(url).query)
