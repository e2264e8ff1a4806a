"""At the same moment: two HR staff nominating the same talent give exactly one nomination, and
two objections upheld on two different nominees on notice promote two different nominees (never
the same one twice). The round's row is locked by both steps, so they take turns.

These races need PostgreSQL's row locks: SQLite lets one writer in at a time, so it has no race
to show. Each action runs in its own thread with its own connection (core.testing)."""

import pytest
from django.db import connection

from talentzone.awards import services
from talentzone.awards.choices import EntryStatus, NominationStatus, RoundStatus
from talentzone.awards.models import Nomination, Objection, RankingEntry, Round
from talentzone.awards.tests.conftest import JUNE_10
from talentzone.awards.tests.factories import RoundFactory, with_criteria
from talentzone.awards.tests.test_notice import OBJECTION_DAY, noticed_round
from talentzone.core.models import User
from talentzone.core.testing import run_at_once
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
)
pytestmark = [
    needs_postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def nominate(user_id, round_id, talent_id):
    def action() -> str:
        services.nomination_create(
            actor=User.objects.get(pk=user_id),
            round=Round.objects.get(pk=round_id),
            talent=Talent.objects.get(pk=talent_id),
            achievements="主持研发高镍正极材料。",
            today=JUNE_10,
        )
        return "nominated"

    return action


def uphold(office_id, objection_id):
    def action() -> str:
        promoted = services.objection_resolve(
            actor=User.objects.get(pk=office_id),
            objection=Objection.objects.get(pk=objection_id),
            uphold=True,
            resolution="经核查属实",
            today=OBJECTION_DAY,
        )
        return f"promoted {promoted.rank}" if promoted else "nobody promoted"

    return action


def test_two_nominations_of_one_talent_at_once_give_one(make_user):
    acme = EnterpriseFactory()
    round_ = RoundFactory(status=RoundStatus.NOMINATING)
    with_criteria(round_)
    talent = TalentFactory(employer=acme)
    hrs = [make_user("enterprise_hr", enterprise=acme) for _ in range(4)]

    outcomes = run_at_once([nominate(hr.pk, round_.pk, talent.pk) for hr in hrs])

    assert outcomes == {"nominated": 1, "invalid: already_nominated": 3}, outcomes
    assert Nomination.objects.filter(round=round_, talent=talent).count() == 1
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED


def test_two_upheld_objections_at_once_promote_two_different_nominees(make_user):
    round_, entries = noticed_round(nominees=6, quota=3)
    office = make_user("office_admin")
    objector = make_user("talent")
    objections = [
        services.objection_lodge(actor=objector, entry=entry, reason="业绩不实")
        for entry in entries[:2]
    ]

    outcomes = run_at_once([uphold(office.pk, o.pk) for o in objections])

    assert outcomes == {"promoted 4": 1, "promoted 5": 1}, outcomes
    by_rank = dict(RankingEntry.objects.filter(round=round_).values_list("rank", "status"))
    assert by_rank == {
        1: EntryStatus.REMOVED,
        2: EntryStatus.REMOVED,
        3: EntryStatus.NOTICE,
        4: EntryStatus.NOTICE,
        5: EntryStatus.NOTICE,
        6: EntryStatus.RANKED,
    }
