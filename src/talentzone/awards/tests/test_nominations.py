"""Nominations: an enterprise's HR nominates one of its own talents while the round takes
nominations, with the achievements the nomination rests on. The talent must meet the round's
conditions on the day nominations close — the age limit, then the rule's clauses, each shown with
the talent's value — and is nominated once per round. The office then screens each nomination:
admitted, or refused with a reason the enterprise is told."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from talentzone.awards import services
from talentzone.awards.choices import NominationStatus, RoundCategory, RoundStatus
from talentzone.awards.models import Nomination, NominationAttachment
from talentzone.awards.tests.conftest import JULY_1, JUNE_10, codes
from talentzone.awards.tests.factories import NominationFactory, RoundFactory, with_criteria
from talentzone.core.models import Notification
from talentzone.directory.choices import Education
from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory

pytestmark = pytest.mark.django_db

ACHIEVEMENTS = "主持研发高镍正极材料，获发明专利3项，新增产值2亿元。"


@pytest.fixture
def open_round(db):
    round_ = RoundFactory(status=RoundStatus.NOMINATING)
    with_criteria(round_)
    return round_


@pytest.fixture
def young_round(db):
    """Outstanding young talents: at most 35 on 30 June 2026, with a doctorate or a master's."""
    return RoundFactory(
        status=RoundStatus.NOMINATING,
        category=RoundCategory.YOUNG,
        max_age=35,
        rule='education in ["博士研究生", "硕士研究生"]',
    )


@pytest.fixture
def talent(acme):
    return TalentFactory(name="林海峰", employer=acme)


def nominate(actor, round_, talent, achievements=ACHIEVEMENTS, today=JUNE_10):
    return services.nomination_create(
        actor=actor, round=round_, talent=talent, achievements=achievements, today=today
    )


# Nominating -----------------------------------------------------------------------------------


def test_hr_nominates_a_talent_of_their_enterprise(acme_hr, acme, open_round, talent):
    nomination = nominate(acme_hr, open_round, talent, achievements=f"  {ACHIEVEMENTS}  ")

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    assert (nomination.round, nomination.talent, nomination.enterprise) == (
        open_round,
        talent,
        acme,
    )
    assert nomination.nominated_by == acme_hr and nomination.achievements == ACHIEVEMENTS
    # no age limit, no rule: only that the reward policy has not paid the talent before
    assert [clause["passed"] for clause in nomination.eligibility] == [True]


def test_hr_of_another_enterprise_cannot_nominate(make_user, open_round, talent, office):
    other_hr = make_user("enterprise_hr", enterprise=EnterpriseFactory())

    with pytest.raises(PermissionDenied):
        nominate(other_hr, open_round, talent)
    with pytest.raises(PermissionDenied):
        nominate(office, open_round, talent)  # the office screens, it does not nominate
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("status", "day"),
    [
        (RoundStatus.NOMINATING, datetime.date(2026, 5, 31)),  # before the window
        (RoundStatus.NOMINATING, JULY_1),  # after it
        (RoundStatus.DRAFT, JUNE_10),  # not opened
        (RoundStatus.SCREENING, JUNE_10),  # closed early
    ],
)
def test_nominations_are_taken_only_in_the_window_of_an_open_round(acme_hr, talent, status, day):
    round_ = RoundFactory(status=status)

    with pytest.raises(ValidationError) as refused:
        nominate(acme_hr, round_, talent, today=day)

    assert codes(refused.value) == {"__all__": ["nominations_closed"]}


def test_the_last_day_of_the_window_still_counts(acme_hr, open_round, talent):
    assert nominate(acme_hr, open_round, talent, today=datetime.date(2026, 6, 30)).pk


def test_a_nomination_needs_its_achievements(acme_hr, open_round, talent):
    with pytest.raises(ValidationError) as refused:
        nominate(acme_hr, open_round, talent, achievements="  ")

    assert codes(refused.value) == {"achievements": ["required"]}


def test_the_age_is_taken_on_the_closing_day(acme_hr, acme, young_round):
    """Born 30 June 1990: 35 on 10 June, when nominated, but 36 on 30 June, when nominations
    close — too old. Born 1 July 1990: 35 on the closing day — young enough."""
    too_old = TalentFactory(employer=acme, born=datetime.date(1990, 6, 30))
    young_enough = TalentFactory(employer=acme, born=datetime.date(1990, 7, 1))

    check = services.check_nominee(young_round, too_old)
    assert check.passed is False
    age = check.clauses[0]
    assert age["passed"] is False and "36" in age["actual"] and "2026-06-30" in age["description"]
    assert check.reasons == [age["description"]]
    with pytest.raises(ValidationError) as refused:
        nominate(acme_hr, young_round, too_old)
    assert codes(refused.value) == {"talent": ["not_eligible"]}
    assert age["description"] in refused.value.messages[0]

    nomination = nominate(acme_hr, young_round, young_enough)
    assert [clause["passed"] for clause in nomination.eligibility] == [True, True, True]
    assert "35" in nomination.eligibility[0]["actual"]


def test_a_failing_rule_clause_is_refused_with_its_explanation(acme_hr, acme, young_round):
    bachelor = TalentFactory(
        employer=acme, education=Education.BACHELOR, born=datetime.date(1995, 3, 8)
    )

    check = services.check_nominee(young_round, bachelor)

    assert check.passed is False
    age, rule, not_rewarded = check.clauses
    assert age["passed"] is True and not_rewarded["passed"] is True
    assert rule["passed"] is False and rule["actual"] == Education.BACHELOR.label
    assert check.reasons == [rule["description"]]
    with pytest.raises(ValidationError) as refused:
        nominate(acme_hr, young_round, bachelor)
    assert codes(refused.value) == {"talent": ["not_eligible"]}
    assert rule["description"] in refused.value.messages[0]
    assert not Nomination.objects.exists()


def test_the_rule_is_evaluated_on_the_closing_day(acme, acme_hr):
    """`age <= 35` in the rule language reads the age on the closing day, too."""
    round_ = RoundFactory(status=RoundStatus.NOMINATING, rule="age <= 35")
    turns_36_in_june = TalentFactory(employer=acme, born=datetime.date(1990, 6, 20))

    check = services.check_nominee(round_, turns_36_in_june)

    assert check.passed is False and check.clauses[0]["actual"].startswith("36")


def test_a_talent_the_reward_policy_paid_before_is_refused(acme_hr, acme, open_round, talent):
    """The engine holds one live application per talent and policy, so a talent who won under the
    round's reward policy before could not be paid again: refused when nominated, not at the
    announcement."""
    from talentzone.policies.services import application_grant

    office = open_round.created_by
    office.groups.add(Group.objects.get(name="office_admin"))
    earlier = application_grant(
        actor=office,
        policy=open_round.reward_policy,
        applicant=talent,
        reason="2025年度优秀人才评选",
        today=JUNE_10,
    )

    check = services.check_nominee(open_round, talent)
    assert check.passed is False
    assert check.clauses[-1]["actual"] == earlier.number
    with pytest.raises(ValidationError) as refused:
        nominate(acme_hr, open_round, talent)
    assert codes(refused.value) == {"talent": ["not_eligible"]}


def test_a_talent_is_nominated_once_per_round_until_withdrawn(make_user, acme, open_round, talent):
    first_hr, second_hr = (make_user("enterprise_hr", enterprise=acme) for _ in range(2))
    first = nominate(first_hr, open_round, talent)

    with pytest.raises(ValidationError) as refused:
        nominate(second_hr, open_round, talent)
    assert codes(refused.value) == {"talent": ["already_nominated"]}

    services.nomination_withdraw(actor=first_hr, nomination=first, today=JUNE_10)
    again = nominate(second_hr, open_round, talent)
    assert again.pk != first.pk
    assert Nomination.objects.filter(round=open_round, talent=talent).count() == 2


# Changing, attaching, withdrawing ---------------------------------------------------------------


def test_achievements_change_only_while_nominations_are_open(acme_hr, open_round, talent):
    nomination = nominate(acme_hr, open_round, talent)

    services.nomination_update(actor=acme_hr, nomination=nomination, achievements="新的事迹")
    nomination.refresh_from_db()
    assert nomination.achievements == "新的事迹"

    open_round.status = RoundStatus.SCREENING
    open_round.save()
    with pytest.raises(ValidationError) as refused:
        services.nomination_update(actor=acme_hr, nomination=nomination, achievements="再改")
    assert codes(refused.value) == {"__all__": ["nomination_locked"]}


def test_only_the_nominating_enterprise_or_the_office_changes_a_nomination(
    make_user, acme_hr, open_round, talent, office
):
    nomination = nominate(acme_hr, open_round, talent)
    other_hr = make_user("enterprise_hr", enterprise=EnterpriseFactory())

    with pytest.raises(PermissionDenied):
        services.nomination_update(actor=other_hr, nomination=nomination, achievements="改")
    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(actor=other_hr, nomination=nomination, today=JUNE_10)
    services.nomination_update(actor=office, nomination=nomination, achievements="人才办更正")


def test_attachments_up_to_20_mb(acme_hr, open_round, talent, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    nomination = nominate(acme_hr, open_round, talent)

    attachment = services.nomination_attach(
        actor=acme_hr,
        nomination=nomination,
        upload=SimpleUploadedFile("专利证书.pdf", b"%PDF-1.4 ...", content_type="application/pdf"),
    )
    assert attachment.file_name == "专利证书.pdf" and attachment.size == 12
    assert attachment.uploaded_by == acme_hr

    too_big = SimpleUploadedFile("视频.mp4", b"x")
    too_big.size = services.MAX_ATTACHMENT_BYTES + 1
    with pytest.raises(ValidationError) as refused:
        services.nomination_attach(actor=acme_hr, nomination=nomination, upload=too_big)
    assert codes(refused.value) == {"file": ["too_large"]}
    assert NominationAttachment.objects.count() == 1


def test_a_nomination_is_withdrawn_only_while_nominations_are_open(acme_hr, open_round, talent):
    nomination = nominate(acme_hr, open_round, talent)
    services.nomination_withdraw(actor=acme_hr, nomination=nomination, today=JUNE_10)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN

    other = NominationFactory(round=RoundFactory(status=RoundStatus.SCREENING), talent=talent)
    with pytest.raises(ValidationError) as refused:
        services.nomination_withdraw(actor=acme_hr, nomination=other, today=JULY_1)
    assert codes(refused.value) == {"__all__": ["nomination_locked"]}


# Screening ---------------------------------------------------------------------------------------


@pytest.fixture
def submitted(acme_hr, talent):
    round_ = RoundFactory(status=RoundStatus.SCREENING)
    return NominationFactory(round=round_, talent=talent, nominated_by=acme_hr)


def test_the_office_admits_a_nomination(office, submitted):
    services.nomination_screen(actor=office, nomination=submitted, admit=True)

    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.ADMITTED
    assert submitted.screened_by == office and submitted.screened_at is not None


def test_a_refusal_needs_a_reason_and_the_enterprise_is_told(office, submitted, acme_hr):
    with pytest.raises(ValidationError) as refused:
        services.nomination_screen(actor=office, nomination=submitted, admit=False, reason=" ")
    assert codes(refused.value) == {"reason": ["required"]}

    services.nomination_screen(
        actor=office, nomination=submitted, admit=False, reason="业绩材料不在评选年度内"
    )

    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.REFUSED
    assert submitted.refusal_reason == "业绩材料不在评选年度内"
    told = Notification.objects.get(recipient=acme_hr)
    assert told.body == "业绩材料不在评选年度内"


def test_a_decision_may_change_until_scoring_starts(office, submitted):
    services.nomination_screen(actor=office, nomination=submitted, admit=False, reason="材料不全")
    services.nomination_screen(actor=office, nomination=submitted, admit=True)

    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.ADMITTED and submitted.refusal_reason == ""

    submitted.round.status = RoundStatus.SCORING
    submitted.round.save()
    with pytest.raises(ValidationError) as refused:
        services.nomination_screen(actor=office, nomination=submitted, admit=False, reason="晚了")
    assert codes(refused.value) == {"__all__": ["wrong_status"]}


def test_screening_waits_for_the_nominations_to_close(office, acme_hr, open_round, talent):
    nomination = nominate(acme_hr, open_round, talent)

    with pytest.raises(ValidationError) as refused:
        services.nomination_screen(actor=office, nomination=nomination, admit=True)

    assert codes(refused.value) == {"__all__": ["wrong_status"]}


def test_only_the_office_screens(acme_hr, submitted):
    with pytest.raises(PermissionDenied):
        services.nomination_screen(actor=acme_hr, nomination=submitted, admit=True)


def test_a_withdrawn_nomination_is_not_screened(office, submitted):
    Nomination.objects.filter(pk=submitted.pk).update(status=NominationStatus.WITHDRAWN)

    with pytest.raises(ValidationError) as refused:
        services.nomination_screen(actor=office, nomination=submitted, admit=True)

    assert codes(refused.value) == {"__all__": ["wrong_status"]}


def test_a_recommendation_round_takes_nominations_the_same_way(acme_hr, talent):
    round_ = RoundFactory(recommendation=True, status=RoundStatus.NOMINATING)

    nomination = nominate(acme_hr, round_, talent)

    assert nomination.round.kind == "recommendation"
    assert nomination.status == NominationStatus.SUBMITTED
