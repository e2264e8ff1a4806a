"""Fixtures of the evaluations' tests. Dates are in 2026: nominations run 1–30 June (see
`factories.RoundFactory`); services take `today=` so no test depends on the real date."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from talentzone.directory.tests.factories import EnterpriseFactory

JUNE_10 = datetime.date(2026, 6, 10)  # nominations open
JULY_1 = datetime.date(2026, 7, 1)  # the day after they close


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
        ("talentzone.core.migrations.0006_expert_role", "create_role"),
        ("talentzone.directory.migrations.0002_default_tiers", "create_tiers"),
    ):
        getattr(import_module(migration), create)(apps, None)


@pytest.fixture
def office(make_user):
    """A talent-office user (runs the rounds)."""
    return make_user("office_admin")


@pytest.fixture
def acme(db):
    return EnterpriseFactory(name="闽海锂电科技有限公司")


@pytest.fixture
def acme_hr(make_user, acme):
    """HR of acme: nominates acme's talents."""
    return make_user("enterprise_hr", enterprise=acme)
