"""Fixtures of the recruiting tests."""

from dataclasses import dataclass
from importlib import import_module

import pytest
from django.apps import apps

from talentzone.directory.tests.factories import AgencyFactory, EnterpriseFactory, TalentFactory
from talentzone.recruiting.tests.factories import (
    CandidateProfileFactory,
    DemandFactory,
    agency_candidate,
    open_candidate,
)


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
class Zone:
    """The people of a recruiting scene: the talent office and a leader; an enterprise with its
    HR and another enterprise with its own; agency A with its staff and agency B with its own;
    a registry talent with an account whose profile is open to offers."""

    make_user: object

    def __post_init__(self) -> None:
        make = self.make_user
        self.office = make("office_admin")
        self.leader = make("leader")
        self.enterprise = EnterpriseFactory(name="宁德锂电甲公司")
        self.hr = make("enterprise_hr", enterprise=self.enterprise)
        self.other_enterprise = EnterpriseFactory(name="宁德材料乙公司")
        self.other_hr = make("enterprise_hr", enterprise=self.other_enterprise)
        self.agency = AgencyFactory(name="闽东甲人力")
        self.staff = make("agency_staff", agency=self.agency)
        self.other_agency = AgencyFactory(name="闽东乙人力")
        self.other_staff = make("agency_staff", agency=self.other_agency)
        self.talent_user = make("talent")
        self.talent = TalentFactory(name="林晓峰", user=self.talent_user)
        CandidateProfileFactory(talent=self.talent)

    def demand(self, **fields):
        """An open demand of the enterprise, posted by its HR."""
        return DemandFactory(**{"enterprise": self.enterprise, "posted_by": self.hr, **fields})

    def candidate(self, **talent_fields):
        """Another registry talent open to offers (no account)."""
        return open_candidate(**talent_fields)

    def own_candidate(self, agency=None, **talent_fields):
        """A candidate of an agency's own pool (agency A's unless told)."""
        return agency_candidate(agency or self.agency, **talent_fields)


@pytest.fixture
def zone(make_user) -> Zone:
    return Zone(make_user)
