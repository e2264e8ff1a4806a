"""Hires that arrive at the same moment never fill more positions than a demand has.

Each test starts threads behind a barrier, each with its own database connection, so the hires
really run at once through `services.referral_hire`. With the demand's row lock, exactly the
open positions are filled and the rest are refused with the clear "every position is filled";
with the lock switched off, the database's constraint still refuses the hire beyond the
headcount. They need PostgreSQL's row locks: SQLite lets one writer in at a time, so it has no
race to show.
"""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from talentzone.core.models import User
from talentzone.core.testing import run_at_once
from talentzone.recruiting import services
from talentzone.recruiting.choices import DemandStatus, InterviewOutcome, ReferralStatus
from talentzone.recruiting.models import Demand, Referral, ReferralEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
    ),
]

HEADCOUNT = 2
OFFERS = 6


def offered(zone, demand, count: int) -> list[Referral]:
    """`count` candidates referred by agency A, interviewed, passed and offered the job."""
    referrals = []
    for _ in range(count):
        referral = services.referral_create(
            actor=zone.staff, demand=demand, talent=zone.candidate()
        )
        services.referral_screen(actor=zone.hr, referral=referral, accept=True)
        interview = services.interview_schedule(
            actor=zone.hr,
            referral=referral,
            starts_at=timezone.now() + datetime.timedelta(days=1),
            place="产业园共享面试室3",
        )
        services.interview_record(
            actor=zone.hr, interview=interview, outcome=InterviewOutcome.PASSED
        )
        services.referral_offer(actor=zone.hr, referral=referral)
        referrals.append(referral)
    return referrals


def hire(hr, referral):
    """A hire as a separate request would make it: the HR user read afresh."""

    def action() -> None:
        services.referral_hire(actor=User.objects.get(pk=hr.pk), referral=referral)

    return action


def assert_exactly_the_headcount_hired(demand, referrals) -> None:
    demand = Demand.objects.get(pk=demand.pk)
    assert (demand.hired, demand.status) == (HEADCOUNT, DemandStatus.FILLED)
    statuses = Counter(
        Referral.objects.filter(pk__in=[r.pk for r in referrals]).values_list("status", flat=True)
    )
    assert statuses == {ReferralStatus.HIRED: HEADCOUNT, ReferralStatus.OFFERED: OFFERS - HEADCOUNT}
    hired_events = ReferralEvent.objects.filter(
        referral__in=referrals, to_status=ReferralStatus.HIRED
    )
    assert hired_events.count() == HEADCOUNT


def test_concurrent_hires_fill_exactly_the_headcount_and_refuse_the_rest_clearly(zone):
    demand = zone.demand(headcount=HEADCOUNT)
    referrals = offered(zone, demand, OFFERS)

    outcomes = run_at_once([hire(zone.hr, referral) for referral in referrals])

    assert outcomes == {"succeeded": HEADCOUNT, "invalid: demand_filled": OFFERS - HEADCOUNT}
    assert_exactly_the_headcount_hired(demand, referrals)


def test_without_the_demand_lock_the_database_constraint_still_refuses(zone, monkeypatch):
    monkeypatch.setattr(services, "LOCK_DEMANDS", False)
    demand = zone.demand(headcount=HEADCOUNT)
    referrals = offered(zone, demand, OFFERS)

    outcomes = run_at_once([hire(zone.hr, referral) for referral in referrals])

    assert outcomes == {"succeeded": HEADCOUNT, "invalid: demand_filled": OFFERS - HEADCOUNT}
    assert_exactly_the_headcount_hired(demand, referrals)


def test_two_agencies_referring_one_candidate_at_once_make_one_referral(zone):
    demand = zone.demand()
    talent = zone.candidate()

    def refer(user):
        def action() -> None:
            services.referral_create(
                actor=User.objects.get(pk=user.pk), demand=demand, talent=talent
            )

        return action

    outcomes = run_at_once([refer(zone.staff), refer(zone.other_staff), refer(zone.office)])

    assert outcomes == {"succeeded": 1, "invalid: already_referred": 2}
    assert Referral.objects.filter(demand=demand, talent=talent).count() == 1
