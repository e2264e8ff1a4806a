"""Fixtures of the venues tests: the people and rooms of the HR service park, on a fixed clock.

The clock is Monday 1 June 2026, 08:00 in the park (Asia/Shanghai); services and queries take it
as `now=NOW`, so the scenes do not depend on the day the tests run.
"""

import datetime
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from talentzone.directory.tests.factories import AgencyFactory, EnterpriseFactory, StationFactory
from talentzone.venues.choices import BookerKind, VenueKind
from talentzone.venues.tests.factories import VenueFactory, park_time

MONDAY = datetime.date(2026, 6, 1)
TUESDAY = MONDAY + datetime.timedelta(days=1)
WEDNESDAY = MONDAY + datetime.timedelta(days=2)
THURSDAY = MONDAY + datetime.timedelta(days=3)
FRIDAY = MONDAY + datetime.timedelta(days=4)
SATURDAY = MONDAY + datetime.timedelta(days=5)
NOW = park_time(MONDAY, 8)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return park_time(day, hour, minute)


def error_code(error: ValidationError) -> tuple[str, str]:
    """(field, code) of a service's refusal: exactly one field, with one error."""
    assert hasattr(error, "error_dict"), error
    assert len(error.error_dict) == 1, error.error_dict
    ((field, errors),) = error.error_dict.items()
    assert len(errors) == 1, errors
    return field, errors[0].code


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
class Park:
    """The HR service park: the talent office and a leader; agency A with two staff and
    agency B with one; an enterprise with its HR; a talent station with its staff; a talent.

    Rooms: `room`, an interview room for agencies and enterprises, 08:30–17:30 on weekdays,
    15 minutes' cleaning, at most 4 hours a booking, 6 people, a quota of 4 hours a week per
    organisation, cancellation until 2 hours before; `live`, the live-stream room, agencies
    only; `training`, a training room whose bookings need approval; `hall`, the office's."""

    make_user: object

    def __post_init__(self) -> None:
        make = self.make_user
        self.office = make("office_admin")
        self.leader = make("leader")
        self.agency = AgencyFactory(name="闽东甲人力")
        self.staff = make("agency_staff", agency=self.agency)
        self.colleague = make("agency_staff", agency=self.agency)
        self.other_agency = AgencyFactory(name="闽东乙人力")
        self.other_staff = make("agency_staff", agency=self.other_agency)
        self.enterprise = EnterpriseFactory(name="宁德锂电甲公司")
        self.hr = make("enterprise_hr", enterprise=self.enterprise)
        self.station = StationFactory(name="蕉城人才驿站")
        self.station_staff = make("station_staff", station=self.station)
        self.talent = make("talent")
        self.room = VenueFactory(name="共享面试室甲", weekly_quota_hours=4)
        self.live = VenueFactory(
            name="带岗直播室",
            kind=VenueKind.LIVE_STREAM_ROOM,
            bookers=BookerKind.AGENCIES,
            capacity=10,
        )
        self.training = VenueFactory(
            name="培训室A",
            kind=VenueKind.TRAINING_ROOM,
            capacity=40,
            needs_approval=True,
            max_minutes=480,
        )
        self.hall = VenueFactory(
            name="多功能厅", kind=VenueKind.HALL, bookers=BookerKind.OFFICE, capacity=200
        )


@pytest.fixture
def park(make_user) -> Park:
    return Park(make_user)
