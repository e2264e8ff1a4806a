"""Fixtures of the talent apartments' tests, on a fixed clock.

The clock is Monday 1 June 2026, 09:00 in the park (Asia/Shanghai); services take it as
`today=MONDAY, now=NOW`. `office` is a talent-office user (may manage the queue, run rounds and
sign leases); `scheme` weighs tiers by `factories.TIER_POINTS` (municipal 10 points) with 2 points
a year in the zone, 3 a household member and 1 a month waited, offers standing 7 days.
"""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from talentzone.housing.tests.factories import CommunityFactory, SchemeFactory


def park_time(date: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware moment on the park's clock (Asia/Shanghai)."""
    naive = datetime.datetime.combine(date, datetime.time(hour, minute))
    return timezone.make_aware(naive, timezone.get_default_timezone())


MONDAY = datetime.date(2026, 6, 1)
NOW = park_time(MONDAY, 9)


def day(n: int, month: int = 6) -> datetime.date:
    """The n-th of June 2026 (1 is a Monday), or of another month of 2026."""
    return datetime.date(2026, month, n)


def at(date: datetime.date, hour: int = 9) -> datetime.datetime:
    return park_time(date, hour)


def codes(error: ValidationError) -> dict[str, list[str]]:
    """{field: [codes]} of a refusal."""
    if hasattr(error, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
    return {"__all__": [e.code for e in error.error_list]}


@pytest.fixture
def reference_data(transactional_db):
    """The roles and talent tiers the data migrations create, made again if missing: a
    transactional test empties every table when it ends."""
    for migration, create in (
        ("talentzone.core.migrations.0002_roles", "create_roles"),
        ("talentzone.directory.migrations.0002_default_tiers", "create_tiers"),
    ):
        getattr(import_module(migration), create)(apps, None)


@pytest.fixture
def office(make_user):
    """A talent-office user."""
    return make_user("office_admin")


@pytest.fixture
def leader(make_user):
    return make_user("leader")


@pytest.fixture
def scheme(db):
    return SchemeFactory(name="人才安居工程")


@pytest.fixture
def community(db):
    return CommunityFactory(name="东侨人才公寓", name_en="Dongqiao Talent Apartments")
