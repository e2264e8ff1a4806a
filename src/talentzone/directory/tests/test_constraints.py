"""The database keeps the registry's invariants even when a writer skips the services."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from talentzone.directory.models import Founder, Membership, Talent

from .factories import (
    AgencyFactory,
    EnterpriseFactory,
    FounderFactory,
    TalentFactory,
    UserFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db


def refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


def test_a_membership_names_exactly_one_organisation():
    user = UserFactory()
    assert refused(lambda: Membership.objects.create(user=user))
    assert refused(
        lambda: Membership.objects.create(
            user=user, enterprise=EnterpriseFactory(), agency=AgencyFactory()
        )
    )
    Membership.objects.create(user=user, agency=AgencyFactory())


def test_a_talent_cannot_arrive_before_being_born():
    talent = TalentFactory()
    talent.arrival_date = talent.birth_date - datetime.timedelta(days=1)
    assert refused(talent.save)


def test_a_talent_status_outside_the_list_is_refused():
    talent = TalentFactory()
    assert refused(lambda: Talent.objects.filter(pk=talent.pk).update(status="vanished"))


def test_two_talents_cannot_share_an_id_number():
    talent = TalentFactory()
    twin = TalentFactory.build(id_number=talent.id_number, employer=talent.employer)
    assert refused(twin.save)


def test_a_venture_has_at_most_one_lead_founder():
    lead = FounderFactory(is_lead=True)
    assert refused(
        lambda: Founder.objects.create(
            venture=lead.venture,
            name="吴俊杰",
            university="福州大学",
            graduation_year=2022,
            is_lead=True,
        )
    )


def test_a_graduation_year_before_1980_is_refused():
    venture = VentureFactory()
    assert refused(
        lambda: Founder.objects.create(
            venture=venture, name="吴俊杰", university="福州大学", graduation_year=1900
        )
    )
