"""A grant: an application the office makes for an applicant another procedure has chosen (an
evaluation's winners). It is approved at once, its own review stages recorded as skipped with
the reason, and the formula's amount reserved on the line given (the policy's own line when
none is); it is then paid like any approved application. A money policy open that day for this
kind of applicant is needed; a line that cannot afford it refuses it and nothing is written."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory
from talentzone.policies import ledger, services
from talentzone.policies.choices import ApplicantKind, ApplicationStatus, Benefit, EventKind
from talentzone.policies.models import Application, ApplicationEvent, LedgerEntry
from talentzone.policies.tests.factories import (
    YUAN,
    BudgetLineFactory,
    PolicyFactory,
    three_stage_policy,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 7, 10)
REASON = "2026年度优秀人才评选：第1名"
REWARD = 50_000 * YUAN  # the factory policy's fixed amount


@pytest.fixture
def office(make_user):
    return make_user("office_admin")


@pytest.fixture
def talent(db):
    return TalentFactory(name="林海峰")


@pytest.fixture
def awards_line(db):
    """The evaluation's own line, not the policy's: ¥200,000."""
    return BudgetLineFactory(code="awards-2026", amount=200_000 * YUAN)


def codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list] if not hasattr(error, "error_dict") else []


def test_a_grant_is_approved_at_once_and_reserved_on_the_line_given(office, talent, awards_line):
    policy = three_stage_policy(rule='education = "doctorate"')  # the rule is not applied

    application = services.application_grant(
        actor=office,
        policy=policy,
        applicant=talent,
        line=awards_line,
        reason=REASON,
        today=TODAY,
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.talent == talent and application.applicant_kind == ApplicantKind.TALENT
    assert application.amount_fen == REWARD
    assert application.created_by == office and application.statement == REASON
    assert application.decided_at is not None and application.submitted_at is not None
    # Reserved on the evaluation's line; the policy's own line is untouched.
    assert application.reservation.line == awards_line
    assert ledger.line_figures(awards_line) == ledger.Figures(
        amount=200_000 * YUAN, reserved=REWARD, disbursed=0, free=150_000 * YUAN
    )
    assert ledger.line_figures(policy.budget_line).reserved == 0


def test_each_review_stage_is_recorded_as_skipped_with_the_reason(office, talent, awards_line):
    policy = three_stage_policy()

    application = services.application_grant(
        actor=office, policy=policy, applicant=talent, line=awards_line, reason=REASON, today=TODAY
    )

    events = list(
        application.events.order_by("pk").values_list("kind", "stage__position", "reason")
    )
    assert events == [
        (EventKind.CREATED, None, ""),
        (EventKind.SKIPPED_STAGE, 1, REASON),
        (EventKind.SKIPPED_STAGE, 2, REASON),
        (EventKind.SKIPPED_STAGE, 3, REASON),
        (EventKind.GRANTED, None, REASON),
    ]
    assert application.stage is None and application.notice_ends_on is None


def test_without_a_line_the_policys_own_line_pays(office, talent):
    policy = PolicyFactory()

    application = services.application_grant(
        actor=office, policy=policy, applicant=talent, reason=REASON, today=TODAY
    )

    assert application.reservation.line == policy.budget_line
    assert ledger.line_figures(policy.budget_line).reserved == REWARD


def test_a_granted_application_is_paid_as_usual(office, talent, awards_line):
    application = services.application_grant(
        actor=office,
        policy=PolicyFactory(),
        applicant=talent,
        line=awards_line,
        reason=REASON,
        today=TODAY,
    )

    services.application_pay(actor=office, application=application, memo="财政国库支付")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    assert ledger.line_figures(awards_line) == ledger.Figures(
        amount=200_000 * YUAN, reserved=0, disbursed=REWARD, free=150_000 * YUAN
    )
    assert application.events.filter(kind=EventKind.PAID).exists()


def test_a_line_that_cannot_afford_the_grant_refuses_it_and_nothing_is_written(office, talent):
    poor = BudgetLineFactory(code="poor", amount=30_000 * YUAN)

    with pytest.raises(ValidationError) as refused:
        services.application_grant(
            actor=office,
            policy=PolicyFactory(),
            applicant=talent,
            line=poor,
            reason=REASON,
            today=TODAY,
        )

    assert codes(refused.value) == ["insufficient_budget"]
    assert not Application.objects.exists()
    assert not ApplicationEvent.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_an_in_kind_policy_cannot_be_granted(office, talent, awards_line):
    in_kind = PolicyFactory(benefit=Benefit.IN_KIND, formula="", amount_fen=None, budget_line=None)

    with pytest.raises(ValidationError) as refused:
        services.application_grant(
            actor=office,
            policy=in_kind,
            applicant=talent,
            line=awards_line,
            reason=REASON,
            today=TODAY,
        )

    assert codes(refused.value) == ["in_kind"]
    assert not Application.objects.exists()


def test_the_policy_must_be_open_and_for_this_kind_of_applicant(office, talent, awards_line):
    closed = PolicyFactory(valid_until=datetime.date(2026, 6, 30))
    for_enterprises = PolicyFactory(applicant_kind=ApplicantKind.ENTERPRISE)

    with pytest.raises(ValidationError) as refused:
        services.application_grant(
            actor=office,
            policy=closed,
            applicant=talent,
            line=awards_line,
            reason=REASON,
            today=TODAY,
        )
    assert codes(refused.value) == ["policy_closed"]

    with pytest.raises(ValidationError) as refused:
        services.application_grant(
            actor=office,
            policy=for_enterprises,
            applicant=talent,
            line=awards_line,
            reason=REASON,
            today=TODAY,
        )
    assert codes(refused.value) == ["wrong_applicant_kind"]
    assert not Application.objects.exists()


def test_a_grant_needs_its_reason_and_one_live_application_per_applicant(
    office, talent, awards_line
):
    policy = PolicyFactory()
    with pytest.raises(ValidationError) as refused:
        services.application_grant(
            actor=office, policy=policy, applicant=talent, line=awards_line, reason=" ", today=TODAY
        )
    assert "reason" in refused.value.message_dict

    services.application_grant(
        actor=office, policy=policy, applicant=talent, line=awards_line, reason=REASON, today=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        services.application_grant(
            actor=office,
            policy=policy,
            applicant=talent,
            line=awards_line,
            reason=REASON,
            today=TODAY,
        )
    assert codes(refused.value) == ["already_applied"]
    assert Application.objects.count() == 1


def test_only_the_office_grants(make_user, talent, awards_line):
    enterprise = EnterpriseFactory()
    hr = make_user("enterprise_hr", enterprise=enterprise)

    with pytest.raises(PermissionDenied):
        services.application_grant(
            actor=hr,
            policy=PolicyFactory(),
            applicant=talent,
            line=awards_line,
            reason=REASON,
            today=TODAY,
        )
    assert not Application.objects.exists()


def test_nobody_applies_for_a_granted_only_policy_and_it_is_never_offered(make_user, talent):
    """A reward policy is granted only: not listed as open, refused to an applicant, skipped by
    the offers scan — even when the talent meets its rule."""
    from talentzone.policies.models import Offer, Policy

    policy = PolicyFactory(granted_only=True)
    talent.user = make_user("talent")
    talent.save()

    assert policy not in Policy.objects.open_on(TODAY)
    with pytest.raises(ValidationError) as refused:
        services.application_create(actor=talent.user, policy=policy, applicant=talent, today=TODAY)
    assert codes(refused.value) == ["granted_only"]
    services.scan_offers(TODAY)
    assert not Offer.objects.filter(policy=policy).exists()
    assert not Application.objects.filter(policy=policy).exists()
