"""Fixtures of the events tests: a talent station, its staff, the office, and people who sign
up, on a fixed clock.

The clock is Monday 1 June 2026, 08:00 in the park (Asia/Shanghai); services and queries take it
as `now=NOW`, so the scenes do not depend on the day the tests run. The default event (see
factories.EventFactory) is a social on Saturday 6 June, 19:00–21:30.
"""

import datetime
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from talentzone.directory.tests.factories import AgencyFactory, StationFactory
from talentzone.events.tests.factories import SATURDAY, EventFactory, park_time, talent_person

MONDAY = datetime.date(2026, 6, 1)
NOW = park_time(MONDAY, 8)
# The default event's day and hours.
EVENT_DAY = SATURDAY
EVENT_START = park_time(SATURDAY, 19)
EVENT_END = park_time(SATURDAY, 21, 30)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return park_time(day, hour, minute)


def codes(error: ValidationError) -> dict[str, list[str]]:
    """{field: [codes]} of a refusal (field "__all__" for a refusal of the whole step)."""
    if hasattr(error, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
    return {"__all__": [e.code for e in error.error_list]}


def code_of(error: ValidationError) -> str:
    """The code of a refusal with exactly one error."""
    found = [code for items in codes(error).values() for code in items]
    assert len(found) == 1, codes(error)
    return found[0]


@pytest.fixture
def reference_data(transactional_db):
    """The roles and talent tiers the data migrations create, made again if missing.

    Tests that run threads need `transaction=True`, and a transactional test empties every table
    when it ends, so the next one would find no roles to give its users nor tiers for its talents.
    """
    for migration, create in (
        ("talentzone.core.migrations.0002_roles", "create_roles"),
        ("talentzone.directory.migrations.0002_default_tiers", "create_tiers"),
    ):
        getattr(import_module(migration), create)(apps, None)


@dataclass
class Stations:
    """The talent office; station 蕉城人才驿站 with its staff (`staff`) and another station with
    its own (`other_staff`); an agency with its staff; a leader; an enterprise HR."""

    make_user: object

    def __post_init__(self) -> None:
        make = self.make_user
        self.office = make("office_admin")
        self.leader = make("leader")
        self.station = StationFactory(name="蕉城人才驿站")
        self.staff = make("station_staff", station=self.station)
        self.other_station = StationFactory(name="漳湾人才驿站")
        self.other_staff = make("station_staff", station=self.other_station)
        self.agency = AgencyFactory(name="闽东甲人力")
        self.agency_staff = make("agency_staff", agency=self.agency)

    def event(self, **fields):
        """A published social of the station (see factories.EventFactory), organised by its
        staff."""
        return EventFactory(**{"station": self.station, "organiser": self.staff, **fields})

    def person(self, *, female: bool = False, born: datetime.date | None = None, **fields):
        """A talent with an account (born 1998 unless told: 27 on the event day)."""
        return talent_person(female=female, born=born or datetime.date(1998, 6, 15), **fields)


@pytest.fixture
def zone(make_user) -> Stations:
    return Stations(make_user)
