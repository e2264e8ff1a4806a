"""The leases of the talent apartments, as the office lives them.

A municipal-tier talent (30% off under the test scheme) accepted the offer of a two-bedroom flat
listed at 1,500 yuan a month. The office signs on Monday 1 June 2026: a 12-month lease to
31 May 2027 at 1,050 yuan, one month's deposit. Renewed in April 2027 it runs again from
1 June 2027; the tenant leaves early, the move-out inspection sends the flat to repair, and when
repaired it is back on the vacant list.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext

from talentzone.core.audit import check_chain
from talentzone.core.models import AuditRecord, Notification
from talentzone.core.testing import run_at_once
from talentzone.directory.choices import TalentStatus
from talentzone.directory.tests.factories import tier
from talentzone.housing import leases
from talentzone.housing.choices import (
    ApartmentStatus,
    EntryStatus,
    InspectionOutcome,
    LeaseStatus,
    OfferStatus,
)
from talentzone.housing.models import Inspection, Lease, Offer
from talentzone.housing.tests.conftest import MONDAY, NOW, codes, day
from talentzone.housing.tests.factories import ApartmentFactory, QueueEntryFactory, talent_user

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(2027, 5, 31)  # of a 12-month lease from 1 June 2026


def date(year: int, month: int, n: int) -> datetime.date:
    return datetime.date(year, month, n)


def accepted_offer(scheme, community, *, tier_code="municipal", rent_fen=150000, **talent):
    """The state a lease starts from: a household whose offer of a flat it accepted (written
    directly: allocation is tested elsewhere)."""
    tenant, _user = talent_user(tier=tier(tier_code) if tier_code else None, **talent)
    entry = QueueEntryFactory(scheme=scheme, talent=tenant, status=EntryStatus.OFFERED)
    flat = ApartmentFactory(community=community, status=ApartmentStatus.RESERVED, rent_fen=rent_fen)
    return Offer.objects.create(
        entry=entry,
        apartment=flat,
        score=30,
        rank=1,
        reason="得分 30，符合条件者中排名第 1",
        status=OfferStatus.ACCEPTED,
        offered_at=NOW,
        expires_on=day(8),
        answered_at=NOW,
    )


def signed(office, offer, **fields) -> Lease:
    return leases.lease_sign(actor=office, offer=offer, today=MONDAY, now=NOW, **fields)


def titles(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def refusal(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        call()
    return codes(refused.value)


@pytest.fixture
def offer(scheme, community):
    return accepted_offer(scheme, community)


@pytest.fixture
def lease(office, offer) -> Lease:
    return signed(office, offer)


# The month arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 6, 1), 12, date(2027, 6, 1)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to the month's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 3, 10), 0, date(2026, 3, 10)),
        (date(2026, 3, 10), 34, date(2029, 1, 10)),
    ],
)
def test_months_are_added_with_the_day_clamped(start, months, expected):
    assert leases.add_months(start, months) == expected


def test_a_lease_ends_the_day_before_the_same_date_months_later():
    assert leases.lease_end(MONDAY, 12) == LAST_DAY
    assert leases.lease_end(date(2026, 7, 15), 6) == date(2027, 1, 14)
    assert leases.lease_end(date(2026, 1, 31), 1) == date(2026, 2, 27)


# The lifecycle -------------------------------------------------------------------------------


def test_lease_lifecycle_from_signing_to_the_vacant_list(office, offer):
    tenant = offer.entry.talent
    flat, entry = offer.apartment, offer.entry

    lease = signed(office, offer)
    assert (lease.starts_on, lease.ends_on) == (MONDAY, LAST_DAY)
    assert (lease.rent_fen, lease.discount_percent, lease.deposit_fen) == (105000, 30, 105000)
    assert (lease.offer, lease.apartment, lease.entry, lease.talent) == (offer, flat, entry, tenant)
    assert lease.status == LeaseStatus.ACTIVE
    offer.refresh_from_db(), flat.refresh_from_db(), entry.refresh_from_db()
    assert offer.status == OfferStatus.SIGNED
    assert flat.status == ApartmentStatus.LET
    assert entry.status == EntryStatus.HOUSED
    signed_title = gettext("Your lease of %(apartment)s is signed") % {"apartment": flat}
    assert signed_title in titles(tenant.user)

    renewal = leases.lease_renew(actor=office, lease=lease, today=date(2027, 4, 1))
    lease.refresh_from_db()
    assert lease.status == LeaseStatus.ENDED
    assert (lease.ended_on, lease.end_reason) == (LAST_DAY, leases.RENEWED)
    assert renewal.renews == lease and renewal.offer is None
    assert (renewal.apartment, renewal.entry, renewal.talent) == (flat, entry, tenant)
    assert (renewal.starts_on, renewal.ends_on) == (date(2027, 6, 1), date(2028, 5, 31))
    assert renewal.status == LeaseStatus.ACTIVE
    renewed = gettext("Your lease of %(apartment)s is renewed") % {"apartment": flat}
    assert renewed in titles(tenant.user)

    ended = leases.lease_terminate(
        actor=office, lease=renewal, on=date(2027, 9, 30), reason="调往福州工作"
    )
    assert ended.status == LeaseStatus.TERMINATED
    assert (ended.ended_on, ended.end_reason) == (date(2027, 9, 30), "调往福州工作")
    flat.refresh_from_db(), entry.refresh_from_db()
    assert flat.status == ApartmentStatus.LET  # until the move-out inspection
    assert entry.status == EntryStatus.HOUSED

    inspection = leases.inspection_record(
        actor=office,
        lease=renewal,
        outcome=InspectionOutcome.REPAIR,
        notes="卫生间漏水",
        today=date(2027, 10, 2),
    )
    assert (inspection.lease, inspection.inspected_on) == (renewal, date(2027, 10, 2))
    assert (inspection.outcome, inspection.inspected_by) == (InspectionOutcome.REPAIR, office)
    flat.refresh_from_db(), entry.refresh_from_db()
    assert flat.status == ApartmentStatus.REPAIR
    assert entry.status == EntryStatus.WITHDRAWN  # housed, and gone

    leases.apartment_repaired(actor=office, apartment=flat)
    flat.refresh_from_db()
    assert flat.status == ApartmentStatus.VACANT
    assert not Lease.objects.filter(status=LeaseStatus.ACTIVE).exists()
    assert check_chain().intact


def test_every_step_is_in_the_audit_trail(office, lease):
    renewal = leases.lease_renew(actor=office, lease=lease, today=date(2027, 4, 1))
    leases.lease_terminate(actor=office, lease=renewal, on=date(2027, 9, 30), reason="调离")
    inspection = leases.inspection_record(
        actor=office, lease=renewal, outcome=InspectionOutcome.VACANT, today=date(2027, 10, 1)
    )
    trail = AuditRecord.objects.filter(actor=office)
    assert set(trail.filter(target_type="housing.lease").values_list("target_id", flat=True)) == {
        str(lease.pk),
        str(renewal.pk),
    }
    assert trail.filter(target_type="housing.inspection", target_id=str(inspection.pk)).exists()


def test_a_clean_inspection_puts_the_flat_straight_back_on_the_vacant_list(office, lease):
    leases.lease_terminate(actor=office, lease=lease, on=day(30), reason="购买商品房")
    leases.inspection_record(
        actor=office, lease=lease, outcome=InspectionOutcome.VACANT, today=day(30)
    )
    lease.apartment.refresh_from_db()
    assert lease.apartment.status == ApartmentStatus.VACANT
    assert Inspection.objects.get(lease=lease).outcome == InspectionOutcome.VACANT


def test_a_lease_ended_on_its_last_day_or_later_is_ended_not_terminated(office, scheme, community):
    on_time = signed(office, accepted_offer(scheme, community))
    late = signed(office, accepted_offer(scheme, community))
    ended = leases.lease_terminate(actor=office, lease=on_time, on=LAST_DAY, reason="租期届满")
    overstayed = leases.lease_terminate(
        actor=office, lease=late, on=date(2027, 6, 15), reason="租期届满后搬离"
    )
    assert (ended.status, ended.ended_on) == (LeaseStatus.ENDED, LAST_DAY)
    assert (overstayed.status, overstayed.ended_on) == (LeaseStatus.ENDED, date(2027, 6, 15))


def test_a_lease_may_start_on_a_later_day(office, offer):
    lease = signed(office, offer, starts_on=day(15))
    assert (lease.starts_on, lease.ends_on) == (day(15), date(2027, 6, 14))


# Rent, discount and deposit ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier_code", "discount", "rent"),
    [
        ("national_top", 100, 0),
        ("national_leading", 80, 30000),
        ("provincial_high", 50, 75000),
        ("municipal", 30, 105000),
        ("district", 20, 120000),
        (None, 0, 150000),  # no tier: the list rent
    ],
)
def test_the_rent_is_the_list_rent_less_the_tiers_discount(
    office, scheme, community, tier_code, discount, rent
):
    lease = signed(office, accepted_offer(scheme, community, tier_code=tier_code))
    assert (lease.discount_percent, lease.rent_fen, lease.deposit_fen) == (discount, rent, rent)


def test_a_tier_the_scheme_does_not_name_pays_the_list_rent(office, scheme, community):
    scheme.discount_percent = {"national_top": 100}
    scheme.save()
    lease = signed(office, accepted_offer(scheme, community, tier_code="municipal"))
    assert (lease.discount_percent, lease.rent_fen) == (0, 150000)


def test_the_discounted_rent_is_rounded_down_to_the_fen(office, scheme, community):
    # 1,234.57 yuan × 70% = 864.199 yuan → 864.19
    lease = signed(office, accepted_offer(scheme, community, rent_fen=123457))
    assert lease.rent_fen == 86419


def test_the_deposit_is_the_schemes_months_of_the_discounted_rent(office, scheme, community):
    scheme.deposit_months = 2
    scheme.save()
    lease = signed(office, accepted_offer(scheme, community))
    assert (lease.rent_fen, lease.deposit_fen) == (105000, 210000)


def test_a_renewal_pays_the_discount_the_tier_earns_today(office, lease, scheme):
    tenant = lease.talent
    tenant.tier = tier("provincial_high")  # promoted during the first year
    tenant.save()
    lease.apartment.rent_fen = 160000  # the list rent went up
    lease.apartment.save()
    renewal = leases.lease_renew(actor=office, lease=lease, months=6, today=date(2027, 4, 1))
    assert (renewal.discount_percent, renewal.rent_fen, renewal.deposit_fen) == (50, 80000, 80000)
    assert (renewal.starts_on, renewal.ends_on) == (date(2027, 6, 1), date(2027, 11, 30))
    lease.refresh_from_db()
    assert (lease.rent_fen, lease.discount_percent) == (105000, 30)  # the old terms stand


# Refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [OfferStatus.OPEN, OfferStatus.DECLINED, OfferStatus.EXPIRED, OfferStatus.SIGNED]
)
def test_only_an_accepted_offer_is_signed(office, offer, status):
    Offer.objects.filter(pk=offer.pk).update(status=status)
    assert refusal(lambda: signed(office, offer)) == {"offer": ["not_accepted"]}
    assert not Lease.objects.exists()
    offer.apartment.refresh_from_db()
    assert offer.apartment.status == ApartmentStatus.RESERVED


def test_an_offer_is_signed_once(office, offer):
    signed(office, offer)
    assert refusal(lambda: signed(office, offer)) == {"offer": ["not_accepted"]}
    assert Lease.objects.count() == 1


def test_a_tenant_with_an_active_lease_is_not_let_a_second_flat(office, scheme, community):
    offer = accepted_offer(scheme, community)
    other_flat = ApartmentFactory(community=community, status=ApartmentStatus.LET)
    Lease.objects.create(
        apartment=other_flat,
        entry=offer.entry,
        talent=offer.entry.talent,
        starts_on=date(2025, 6, 1),
        ends_on=date(2026, 5, 31),
        rent_fen=105000,
        deposit_fen=105000,
    )
    assert refusal(lambda: signed(office, offer)) == {"talent": ["already_housed"]}
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert Lease.objects.count() == 1


def test_an_active_lease_is_not_inspected(office, lease):
    call = lambda: leases.inspection_record(  # noqa: E731
        actor=office, lease=lease, outcome=InspectionOutcome.VACANT, today=day(2)
    )
    assert refusal(call) == {"lease": ["still_active"]}
    lease.apartment.refresh_from_db()
    assert lease.apartment.status == ApartmentStatus.LET
    assert not Inspection.objects.exists()


def test_a_renewed_lease_is_not_inspected_the_tenant_still_lives_there(office, lease):
    leases.lease_renew(actor=office, lease=lease, today=date(2027, 4, 1))
    call = lambda: leases.inspection_record(  # noqa: E731
        actor=office, lease=lease, outcome=InspectionOutcome.VACANT, today=date(2027, 6, 1)
    )
    assert refusal(call) == {"lease": ["renewed"]}
    lease.apartment.refresh_from_db()
    assert lease.apartment.status == ApartmentStatus.LET


def test_a_flat_is_inspected_once(office, lease):
    leases.lease_terminate(actor=office, lease=lease, on=day(30), reason="离职")
    leases.inspection_record(
        actor=office, lease=lease, outcome=InspectionOutcome.REPAIR, today=day(30)
    )
    call = lambda: leases.inspection_record(  # noqa: E731
        actor=office, lease=lease, outcome=InspectionOutcome.VACANT, today=day(30)
    )
    assert refusal(call) == {"lease": ["already_inspected"]}
    lease.apartment.refresh_from_db()
    assert lease.apartment.status == ApartmentStatus.REPAIR


def test_an_inspection_names_a_known_outcome(office, lease):
    leases.lease_terminate(actor=office, lease=lease, on=day(30), reason="离职")
    call = lambda: leases.inspection_record(actor=office, lease=lease, outcome="fine")  # noqa: E731
    assert refusal(call) == {"outcome": ["invalid"]}


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_lease_is_not_ended_early_without_a_reason(office, lease, reason):
    call = lambda: leases.lease_terminate(  # noqa: E731
        actor=office, lease=lease, on=day(30), reason=reason
    )
    assert refusal(call) == {"reason": ["required"]}
    lease.refresh_from_db()
    assert lease.status == LeaseStatus.ACTIVE and lease.ended_on is None


def test_a_lease_does_not_end_before_it_starts(office, offer):
    lease = signed(office, offer, starts_on=day(15))
    call = lambda: leases.lease_terminate(  # noqa: E731
        actor=office, lease=lease, on=day(10), reason="未入住"
    )
    assert refusal(call) == {"on": ["before_start"]}


def test_an_ended_lease_is_neither_ended_again_nor_renewed(office, lease):
    leases.lease_terminate(actor=office, lease=lease, on=day(30), reason="离职")
    again = lambda: leases.lease_terminate(  # noqa: E731
        actor=office, lease=lease, on=date(2026, 7, 1), reason="再次"
    )
    assert refusal(again) == {"lease": ["not_active"]}
    renew = lambda: leases.lease_renew(actor=office, lease=lease, today=day(30))  # noqa: E731
    assert refusal(renew) == {"lease": ["not_active"]}
    assert Lease.objects.count() == 1


def test_a_lease_is_renewed_once(office, lease):
    leases.lease_renew(actor=office, lease=lease, today=date(2027, 4, 1))
    call = lambda: leases.lease_renew(actor=office, lease=lease, today=date(2027, 4, 2))  # noqa: E731
    assert refusal(call) == {"lease": ["not_active"]}
    assert Lease.objects.count() == 2


def test_a_renewal_runs_at_least_a_month(office, lease):
    call = lambda: leases.lease_renew(actor=office, lease=lease, months=0)  # noqa: E731
    assert refusal(call) == {"months": ["invalid"]}
    lease.refresh_from_db()
    assert lease.status == LeaseStatus.ACTIVE


def test_only_a_flat_under_repair_is_repaired(office, lease):
    call = lambda: leases.apartment_repaired(actor=office, apartment=lease.apartment)  # noqa: E731
    assert refusal(call) == {"apartment": ["not_in_repair"]}
    lease.apartment.refresh_from_db()
    assert lease.apartment.status == ApartmentStatus.LET


def test_leases_are_the_offices_to_keep(office, leader, offer):
    tenant_user = offer.entry.talent.user
    for actor in (leader, tenant_user):
        with pytest.raises(PermissionDenied):
            signed(actor, offer)
    lease = signed(office, offer)
    for actor in (leader, tenant_user):
        with pytest.raises(PermissionDenied):
            leases.lease_renew(actor=actor, lease=lease, today=MONDAY)
        with pytest.raises(PermissionDenied):
            leases.lease_terminate(actor=actor, lease=lease, on=day(30), reason="离职")
    leases.lease_terminate(actor=office, lease=lease, on=day(30), reason="离职")
    with pytest.raises(PermissionDenied):
        leases.inspection_record(actor=leader, lease=lease, outcome=InspectionOutcome.REPAIR)
    leases.inspection_record(actor=office, lease=lease, outcome=InspectionOutcome.REPAIR)
    with pytest.raises(PermissionDenied):
        leases.apartment_repaired(actor=leader, apartment=lease.apartment)


# The daily checks ----------------------------------------------------------------------------


def test_a_lease_ending_within_the_reminder_days_is_reminded_once(office, lease):
    tenant = lease.talent.user
    # 60 days before 31 May 2027 is 1 April 2027.
    assert leases.remind_leases(today=date(2027, 3, 31)) == 0
    assert leases.remind_leases(today=date(2027, 4, 1)) == 1
    lease.refresh_from_db()
    assert lease.reminded_on == date(2027, 4, 1)
    reminder = "2027-05-31"  # the end date, in either language
    assert sum(reminder in title for title in titles(tenant)) == 1
    assert sum(reminder in title for title in titles(office)) == 1

    assert leases.remind_leases(today=date(2027, 4, 2)) == 0
    assert leases.remind_leases(today=date(2027, 5, 31)) == 0
    assert sum(reminder in title for title in titles(tenant)) == 1


def test_a_renewal_is_reminded_in_its_own_turn(office, lease):
    leases.remind_leases(today=date(2027, 4, 1))
    renewal = leases.lease_renew(actor=office, lease=lease, today=date(2027, 4, 10))
    assert renewal.reminded_on is None
    assert leases.remind_leases(today=date(2028, 3, 31)) == 0
    assert leases.remind_leases(today=date(2028, 4, 1)) == 1
    renewal.refresh_from_db()
    assert renewal.reminded_on == date(2028, 4, 1)


def test_the_reminder_follows_the_schemes_days(office, scheme, lease):
    scheme.reminder_days = 30
    scheme.save()
    assert leases.remind_leases(today=date(2027, 4, 30)) == 0
    assert leases.remind_leases(today=date(2027, 5, 1)) == 1


def test_ended_leases_are_not_reminded(office, lease):
    leases.lease_terminate(actor=office, lease=lease, on=day(30), reason="离职")
    assert leases.remind_leases(today=date(2027, 5, 1)) == 0


@pytest.mark.parametrize(
    "change",
    [{"status": TalentStatus.LEFT}, {"status": TalentStatus.CANDIDATE}, {"employer": None}],
    ids=["left the zone", "candidate again", "no employer"],
)
def test_a_tenant_who_left_the_zones_employment_is_flagged_once(office, lease, change):
    assert leases.flag_left_employment(today=day(2)) == 0  # still employed in the zone
    tenant = lease.talent
    for field, value in change.items():
        setattr(tenant, field, value)
    tenant.save()

    assert leases.flag_left_employment(today=day(10)) == 1
    lease.refresh_from_db()
    assert lease.left_employment_on == day(10)
    assert lease.status == LeaseStatus.ACTIVE  # the office decides what follows
    flagged = [title for title in titles(office) if str(tenant) in title]
    assert len(flagged) == 1  # "<tenant>, tenant of <flat>, left the zone's employment"

    assert leases.flag_left_employment(today=day(11)) == 0
    lease.refresh_from_db()
    assert lease.left_employment_on == day(10)
    assert len([title for title in titles(office) if str(tenant) in title]) == 1


def test_an_ended_lease_is_not_flagged(office, lease):
    leases.lease_terminate(actor=office, lease=lease, on=day(30), reason="离职")
    lease.talent.status = TalentStatus.LEFT
    lease.talent.save()
    assert leases.flag_left_employment(today=date(2026, 7, 1)) == 0


# The database's half -------------------------------------------------------------------------


def _direct_lease(entry, apartment, talent, **fields) -> Lease:
    values = {
        "starts_on": MONDAY,
        "ends_on": LAST_DAY,
        "rent_fen": 105000,
        "deposit_fen": 105000,
        **fields,
    }
    return Lease.objects.create(entry=entry, apartment=apartment, talent=talent, **values)


def test_the_database_refuses_a_second_active_lease_of_a_flat(lease, scheme, community):
    other = accepted_offer(scheme, community)
    with pytest.raises(IntegrityError), transaction.atomic():
        _direct_lease(other.entry, lease.apartment, other.entry.talent)
    # an ended lease of the flat is no obstacle
    ended = _direct_lease(
        other.entry,
        other.apartment,
        other.entry.talent,
        status=LeaseStatus.ENDED,
        ended_on=LAST_DAY,
    )
    assert ended.pk is not None


def test_the_database_refuses_a_second_active_lease_of_a_talent(lease, community):
    other_flat = ApartmentFactory(community=community)
    with pytest.raises(IntegrityError), transaction.atomic():
        _direct_lease(lease.entry, other_flat, lease.talent)
    terminated = _direct_lease(
        lease.entry,
        other_flat,
        lease.talent,
        status=LeaseStatus.TERMINATED,
        ended_on=day(20),
    )
    assert terminated.pk is not None


# At the same moment (PostgreSQL) -------------------------------------------------------------

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
@needs_postgresql
def test_two_officers_signing_one_offer_at_once_make_one_lease(make_user, scheme, community):
    offer = accepted_offer(scheme, community)
    officers = [make_user("office_admin") for _ in range(4)]
    outcomes = run_at_once([lambda actor=actor: signed(actor, offer) for actor in officers])
    assert outcomes == {"succeeded": 1, "invalid: not_accepted": 3}, outcomes
    assert Lease.objects.filter(apartment=offer.apartment).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
@needs_postgresql
def test_two_renewals_at_once_make_one_new_lease(make_user, scheme, community):
    office = make_user("office_admin")
    lease = signed(office, accepted_offer(scheme, community))
    officers = [make_user("office_admin") for _ in range(4)]

    def renew(actor) -> None:
        leases.lease_renew(actor=actor, lease=lease, today=date(2027, 4, 1))

    outcomes = run_at_once([lambda actor=actor: renew(actor) for actor in officers])
    assert outcomes == {"succeeded": 1, "invalid: not_active": 3}, outcomes
    assert Lease.objects.filter(status=LeaseStatus.ACTIVE).count() == 1
    assert Lease.objects.filter(renews=lease).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
@needs_postgresql
def test_reminder_runs_at_once_remind_each_lease_once(make_user, scheme, community):
    office = make_user("office_admin")
    for _ in range(3):
        signed(office, accepted_offer(scheme, community))
    outcomes = run_at_once(
        [lambda: str(leases.remind_leases(today=date(2027, 4, 1)))] * 4, at_most=4
    )
    assert sum(int(count) * times for count, times in outcomes.items()) == 3, outcomes
    assert Lease.objects.filter(reminded_on=date(2027, 4, 1)).count() == 3
