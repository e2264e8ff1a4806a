"""An agency never sees another agency's pool: not among the candidates it may refer, not among
the referrals it reads, and it cannot refer them. The registry's open profiles are everyone's to
propose; enterprise HR and talents propose nobody. Reads are scoped the same way for demands."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from talentzone.core.models import AuditRecord, Notification
from talentzone.recruiting import queries, search, services
from talentzone.recruiting.choices import DemandStatus, ReferralStatus
from talentzone.recruiting.models import Referral, ReferralEvent
from talentzone.recruiting.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class Pools:
    """Agency A's own candidate, agency B's own candidate, the registry's open talent (the
    zone's), a registry talent who closed their profile, and one who left the zone."""

    def __init__(self, zone) -> None:
        self.zone = zone
        self.mine = zone.own_candidate(zone.agency, name="甲候选")
        self.theirs = zone.own_candidate(zone.other_agency, name="乙候选")
        self.registry = zone.talent
        self.closed = zone.candidate(name="关闭者")
        self.closed.profile.open_to_offers = False
        self.closed.profile.save()
        self.left = zone.candidate(name="离开者", status="left")


@pytest.fixture
def pools(zone) -> Pools:
    return Pools(zone)


def names(talents) -> set[str]:
    return {talent.name for talent in talents}


def test_an_agency_may_refer_the_registry_and_its_own_pool_never_another_agencys(zone, pools):
    assert names(queries.pool_candidates(zone.staff)) == {"甲候选", "林晓峰"}
    assert names(queries.pool_candidates(zone.other_staff)) == {"乙候选", "林晓峰"}


def test_the_office_may_refer_every_pool_but_nobody_closed_or_gone(zone, pools):
    assert names(queries.pool_candidates(zone.office)) == {"甲候选", "乙候选", "林晓峰"}


@pytest.mark.parametrize("actor", ["hr", "talent_user", "leader"])
def test_those_who_do_not_propose_candidates_have_no_pool(zone, pools, actor):
    assert not queries.pool_candidates(getattr(zone, actor)).exists()


def test_the_pools_an_agency_searches_are_the_registry_and_its_own(zone):
    assert search.pools_for(zone.staff) == frozenset({"registry", f"agency:{zone.agency.pk}"})
    assert search.pools_for(zone.hr) == frozenset({"registry"})
    assert search.pools_for(zone.office) is None


def test_an_agency_cannot_refer_another_agencys_candidate(zone, pools):
    demand = zone.demand()
    before = (
        Referral.objects.count(),
        ReferralEvent.objects.count(),
        Notification.objects.count(),
        AuditRecord.objects.count(),
    )
    with pytest.raises((PermissionDenied, ValidationError)):
        services.referral_create(actor=zone.staff, demand=demand, talent=pools.theirs)
    assert before == (
        Referral.objects.count(),
        ReferralEvent.objects.count(),
        Notification.objects.count(),
        AuditRecord.objects.count(),
    )
    assert not zone.staff.has_perm("recruiting.refer", pools.theirs)
    assert zone.staff.has_perm("recruiting.refer", pools.mine)
    assert zone.staff.has_perm("recruiting.refer", pools.registry)
    services.referral_create(actor=zone.staff, demand=demand, talent=pools.mine)
    services.referral_create(actor=zone.other_staff, demand=demand, talent=pools.theirs)


def test_an_agency_reads_only_its_own_referrals(zone, pools):
    demand = zone.demand()
    mine = services.referral_create(actor=zone.staff, demand=demand, talent=pools.mine)
    theirs = services.referral_create(actor=zone.other_staff, demand=demand, talent=pools.theirs)
    both = services.referral_create(actor=zone.other_staff, demand=demand, talent=pools.registry)

    assert set(queries.visible_referrals(zone.staff)) == {mine}
    assert set(queries.visible_referrals(zone.other_staff)) == {theirs, both}
    assert not zone.staff.has_perm("recruiting.view_referral", theirs)
    assert zone.staff.has_perm("recruiting.view_referral", mine)
    board = queries.referral_board(zone.staff, demand)
    assert board[ReferralStatus.REFERRED] == [mine]


def test_the_enterprise_reads_the_referrals_to_its_demands_and_the_candidate_their_own(zone, pools):
    demand = zone.demand()
    elsewhere = zone.demand(enterprise=zone.other_enterprise)
    to_us = services.referral_create(actor=zone.staff, demand=demand, talent=pools.registry)
    to_them = services.referral_create(actor=zone.staff, demand=elsewhere, talent=pools.mine)

    assert set(queries.visible_referrals(zone.hr)) == {to_us}
    assert set(queries.visible_referrals(zone.other_hr)) == {to_them}
    assert set(queries.visible_referrals(zone.talent_user)) == {to_us}
    assert set(queries.visible_referrals(zone.leader)) == {to_us, to_them}
    assert set(queries.visible_referrals(zone.office)) == {to_us, to_them}
    for user, referral, may in (
        (zone.hr, to_them, False),
        (zone.talent_user, to_them, False),
        (zone.other_hr, to_them, True),
        (zone.leader, to_us, True),
    ):
        assert user.has_perm("recruiting.view_referral", referral) is may


def test_demands_are_read_by_their_enterprise_whatever_their_status_and_by_all_while_open(zone):
    ours_open = zone.demand()
    ours_closed = zone.demand(status=DemandStatus.CLOSED)
    theirs_open = zone.demand(enterprise=zone.other_enterprise)
    theirs_closed = zone.demand(enterprise=zone.other_enterprise, status=DemandStatus.CLOSED)
    every = {ours_open, ours_closed, theirs_open, theirs_closed}

    assert set(queries.visible_demands(zone.hr)) == {ours_open, ours_closed, theirs_open}
    assert set(queries.visible_demands(zone.staff)) == every
    assert set(queries.visible_demands(zone.office)) == every
    assert set(queries.visible_demands(zone.talent_user)) == {ours_open, theirs_open}
    for demand in every:
        assert zone.hr.has_perm("recruiting.view_demand", demand) is (demand != theirs_closed)


def test_a_talent_still_reads_a_closed_demand_they_were_referred_to(zone):
    demand = zone.demand()
    ReferralFactory(demand=demand, talent=zone.talent, status=ReferralStatus.REJECTED)
    demand.status = DemandStatus.CLOSED
    demand.save()
    assert list(queries.visible_demands(zone.talent_user)) == [demand]
    assert zone.talent_user.has_perm("recruiting.view_demand", demand)


def test_a_hire_of_one_agency_does_not_show_in_another_agencys_performance_row(zone, pools):
    demand = zone.demand()
    services.referral_create(actor=zone.other_staff, demand=demand, talent=pools.theirs)
    rows = {row.agency: row for row in queries.agency_performance()}
    assert rows[zone.other_agency].referrals == 1
    assert rows[zone.agency].referrals == 0
