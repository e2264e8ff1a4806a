"""The announcement: once every notice has ended and no objection is open, the nominees on
notice are named. In a zone evaluation each winner is granted the reward policy's amount through
the application engine — approved at once and reserved on the round's budget line, all winners
or none: a line that cannot afford them all refuses the announcement and nothing is written —
and the award is recorded in the registry. In a recommendation round the named nominees await
the programme's outcome, and a selection becomes a programme credential."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.awards import services
from talentzone.awards.choices import EntryStatus, Outcome, RoundStatus
from talentzone.awards.tests.conftest import codes
from talentzone.awards.tests.test_notice import NOTICE_ENDS, OBJECTION_DAY, noticed_round
from talentzone.awards.tests.test_ranking import RANKED_ON
from talentzone.awards.tests.test_scoring import make_experts, score, scoring_round
from talentzone.core.models import Notification
from talentzone.directory.choices import CredentialKind, Level
from talentzone.directory.models import Credential
from talentzone.policies import ledger
from talentzone.policies import services as policies
from talentzone.policies.choices import ApplicationStatus, EventKind
from talentzone.policies.models import Application, LedgerEntry
from talentzone.policies.tests.factories import YUAN, BudgetLineFactory

pytestmark = pytest.mark.django_db

ANNOUNCED_ON = NOTICE_ENDS + datetime.timedelta(days=1)  # 28 July 2026
REWARD = 50_000 * YUAN  # the factories' reward policy pays ¥50,000 a winner


def statuses(entries) -> list[str]:
    for entry in entries:
        entry.refresh_from_db()
    return [entry.status for entry in entries]


def test_winners_are_named_rewarded_from_the_rounds_line_and_credited(office):
    """Three winners at ¥50,000 on a ¥200,000 line: ¥150,000 reserved, ¥50,000 free."""
    line = BudgetLineFactory(code="awards-2026", amount=200_000 * YUAN)
    round_, entries = noticed_round(nominees=4, quota=3, budget_line=line)

    services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)

    round_.refresh_from_db()
    assert round_.status == RoundStatus.ANNOUNCED and round_.announced_on == ANNOUNCED_ON
    assert statuses(entries) == [EntryStatus.NAMED] * 3 + [EntryStatus.RANKED]
    assert ledger.line_figures(line) == ledger.Figures(
        amount=200_000 * YUAN, reserved=150_000 * YUAN, disbursed=0, free=50_000 * YUAN
    )
    for entry in entries[:3]:
        application = entry.reward_application
        assert application.status == ApplicationStatus.APPROVED
        assert application.talent == entry.nomination.talent
        assert application.policy == round_.reward_policy
        assert application.amount_fen == REWARD and application.reservation.line == line
        granted = application.events.get(kind=EventKind.GRANTED)
        assert round_.title in granted.reason and str(entry.rank) in granted.reason
        credential = entry.credential
        assert (credential.talent, credential.kind, credential.level) == (
            entry.nomination.talent,
            CredentialKind.AWARD,
            Level.DISTRICT,
        )
        assert (credential.name, credential.issuer, credential.awarded_on) == (
            round_.title,
            round_.issuer,
            ANNOUNCED_ON,
        )
    assert entries[3].reward_application is None and entries[3].credential is None
    # The reward policy's own line is not touched.
    assert ledger.line_figures(round_.reward_policy.budget_line).reserved == 0


def test_a_winners_reward_is_then_paid_as_usual(office):
    line = BudgetLineFactory(code="awards-2026", amount=200_000 * YUAN)
    round_, entries = noticed_round(nominees=1, quota=1, budget_line=line)
    services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)
    entries[0].refresh_from_db()

    policies.application_pay(actor=office, application=entries[0].reward_application)

    assert ledger.line_figures(line) == ledger.Figures(
        amount=200_000 * YUAN, reserved=0, disbursed=REWARD, free=150_000 * YUAN
    )


def test_nothing_is_announced_when_the_line_cannot_afford_every_winner(office):
    """Three winners at ¥50,000 on a ¥120,000 line: the third does not fit, so none is paid,
    named or credited; the ledger's message is the refusal."""
    line = BudgetLineFactory(code="awards-2026", amount=120_000 * YUAN)
    round_, entries = noticed_round(nominees=3, quota=3, budget_line=line)

    with pytest.raises(ValidationError) as refused:
        services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)

    assert codes(refused.value) == {"__all__": ["insufficient_budget"]}
    round_.refresh_from_db()
    assert round_.status == RoundStatus.NOTICE and round_.announced_on is None
    assert statuses(entries) == [EntryStatus.NOTICE] * 3
    assert not Application.objects.exists()
    assert not LedgerEntry.objects.exists()
    assert not Credential.objects.exists()
    assert ledger.line_figures(line).free == 120_000 * YUAN


def test_not_before_every_notice_has_ended(office, make_user):
    round_, entries = noticed_round(nominees=4, quota=3)

    with pytest.raises(ValidationError) as refused:
        services.round_announce(actor=office, round=round_, today=NOTICE_ENDS)
    assert codes(refused.value) == {"__all__": ["notice_running"]}

    # A nominee promoted after an upheld objection has a notice of its own to run out.
    objection = services.objection_lodge(actor=make_user("talent"), entry=entries[0], reason="异议")
    services.objection_resolve(
        actor=office, objection=objection, uphold=True, resolution="属实", today=OBJECTION_DAY
    )
    with pytest.raises(ValidationError) as refused:
        services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)
    assert codes(refused.value) == {"__all__": ["notice_running"]}

    services.round_announce(
        actor=office, round=round_, today=OBJECTION_DAY + datetime.timedelta(days=8)
    )
    assert statuses(entries) == [EntryStatus.REMOVED] + [EntryStatus.NAMED] * 3


def test_not_while_an_objection_is_open(office, make_user):
    round_, entries = noticed_round(nominees=3, quota=3)
    services.objection_lodge(actor=make_user("talent"), entry=entries[2], reason="异议")

    with pytest.raises(ValidationError) as refused:
        services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)

    assert codes(refused.value) == {"__all__": ["objection_open"]}
    assert not Application.objects.exists()


def test_only_the_office_announces_a_round_on_notice(office, make_user):
    round_, _entries = noticed_round(nominees=3, quota=3)
    with pytest.raises(PermissionDenied):
        services.round_announce(actor=make_user("leader"), round=round_, today=ANNOUNCED_ON)

    services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)
    with pytest.raises(ValidationError) as refused:
        services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)
    assert codes(refused.value) == {"__all__": ["wrong_status"]}


def test_the_winners_and_their_enterprises_are_told(office, make_user):
    round_, entries = noticed_round(nominees=2, quota=1)
    winner_hr = make_user("enterprise_hr", enterprise=entries[0].nomination.enterprise)
    other_hr = make_user("enterprise_hr", enterprise=entries[1].nomination.enterprise)

    services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)

    assert Notification.objects.filter(recipient=winner_hr).count() == 1
    assert not Notification.objects.filter(recipient=other_hr).exists()


def test_from_scoring_to_the_announcement_through_the_services(office):
    """Three experts score two nominees (totals 80 and 70 from each): ranked 80.00 and 70.00,
    the first on notice (quota 1), named and rewarded after the notice."""
    round_, criteria, (first, second), experts = scoring_round(
        office, nominees=2, experts=make_experts(3), quota=1
    )
    for expert in experts:
        score(first, expert, criteria, 40, 30, 5)  # 40 + 30 + 2 × 5 = 80
        score(second, expert, criteria, 40, 20, 5)  # 70

    top, below = services.round_rank(actor=office, round=round_, today=RANKED_ON)
    services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)

    top.refresh_from_db()
    below.refresh_from_db()
    assert (top.nomination, top.status) == (first, EntryStatus.NAMED)
    assert (below.nomination, below.status) == (second, EntryStatus.RANKED)
    assert top.reward_application.status == ApplicationStatus.APPROVED


# Recommendation rounds ------------------------------------------------------------------------


@pytest.fixture
def recommended(office):
    round_, entries = noticed_round(nominees=3, quota=2, recommendation=True)
    services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)
    for entry in entries:
        entry.refresh_from_db()
    return round_, entries


def test_a_recommendation_names_its_nominees_and_awaits_the_programme(recommended):
    _round, entries = recommended

    assert [(e.status, e.outcome) for e in entries] == [
        (EntryStatus.NAMED, Outcome.PENDING),
        (EntryStatus.NAMED, Outcome.PENDING),
        (EntryStatus.RANKED, ""),
    ]
    assert not Application.objects.exists() and not Credential.objects.exists()


def test_a_selection_becomes_a_programme_credential(recommended, office):
    round_, entries = recommended
    decided = datetime.date(2026, 10, 15)

    services.outcome_record(
        actor=office,
        entry=entries[0],
        selected=True,
        decided_on=decided,
        note="省委人才办 闽人才〔2026〕12号",
        today=datetime.date(2026, 10, 20),
    )
    services.outcome_record(
        actor=office,
        entry=entries[1],
        selected=False,
        decided_on=decided,
        today=datetime.date(2026, 10, 20),
    )

    for entry in entries:
        entry.refresh_from_db()
    assert (entries[0].outcome, entries[0].outcome_on) == (Outcome.SELECTED, decided)
    credential = entries[0].credential
    assert (credential.kind, credential.level, credential.name, credential.awarded_on) == (
        CredentialKind.PROGRAMME,
        Level.PROVINCIAL,
        "省百人计划",
        decided,
    )
    assert credential.talent == entries[0].nomination.talent
    assert entries[1].outcome == Outcome.NOT_SELECTED and entries[1].credential is None
    assert Credential.objects.count() == 1


def test_an_outcome_is_recorded_once_for_a_named_nominee_on_a_sensible_day(recommended, office):
    _round, entries = recommended
    today = datetime.date(2026, 10, 20)

    for day in (ANNOUNCED_ON - datetime.timedelta(days=1), today + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            services.outcome_record(
                actor=office, entry=entries[0], selected=True, decided_on=day, today=today
            )
        assert codes(refused.value) == {"decided_on": ["invalid"]}

    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            actor=office, entry=entries[2], selected=True, decided_on=today, today=today
        )
    assert codes(refused.value) == {"__all__": ["wrong_status"]}

    services.outcome_record(
        actor=office, entry=entries[0], selected=False, decided_on=today, today=today
    )
    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            actor=office, entry=entries[0], selected=True, decided_on=today, today=today
        )
    assert codes(refused.value) == {"__all__": ["outcome_recorded"]}


def test_outcomes_belong_to_recommendation_rounds_and_the_office(office, make_user):
    round_, entries = noticed_round(nominees=1, quota=1)
    services.round_announce(actor=office, round=round_, today=ANNOUNCED_ON)

    with pytest.raises(ValidationError) as refused:
        services.outcome_record(
            actor=office,
            entry=entries[0],
            selected=True,
            decided_on=ANNOUNCED_ON,
            today=ANNOUNCED_ON,
        )
    assert codes(refused.value) == {"__all__": ["wrong_status"]}
    with pytest.raises(PermissionDenied):
        services.outcome_record(
            actor=make_user("leader"),
            entry=entries[0],
            selected=True,
            decided_on=ANNOUNCED_ON,
            today=ANNOUNCED_ON,
        )
