"""Setting up a round and moving it through nominations: the office saves a round with its
criteria (weights adding up to 100, names unique, rule in the policies' language, a money reward
policy for talents), opens it, and closes the nominations — by hand, early, or by the beat task
the day after the closing day. Set-up is locked once scoring starts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.awards import services, tasks
from talentzone.awards.choices import RoundStatus
from talentzone.awards.models import Criterion, Round
from talentzone.awards.tests.conftest import JULY_1, JUNE_10, codes
from talentzone.awards.tests.factories import RoundFactory, with_criteria
from talentzone.core.models import AuditRecord, Notification
from talentzone.policies.choices import ApplicantKind, Benefit
from talentzone.policies.tests.factories import BudgetLineFactory, PolicyFactory

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"name": "创新成果", "description": "专利、论文、标准", "weight": 50, "max_points": 50},
    {"name": "经济社会效益", "weight": 30, "max_points": 30},
    {"name": "团队与培养", "weight": 20, "max_points": 10},
]


def new_round(**fields) -> Round:
    values = {
        "year": 2026,
        "title": "2026年度开发区优秀青年人才评选",
        "kind": "award",
        "category": "young",
        "max_age": 35,
        "rule": 'education in ["博士研究生", "硕士研究生"]',
        "nominations_open": datetime.date(2026, 6, 1),
        "nominations_close": datetime.date(2026, 6, 30),
        "quota": 5,
        "panel_size": 5,
        "notice_days": 7,
        "issuer": "开发区人才工作领导小组",
        "reward_policy": PolicyFactory(valid_until=datetime.date(2027, 12, 31), granted_only=True),
        "budget_line": BudgetLineFactory(),
        **fields,
    }
    return Round(**values)


def test_the_office_saves_a_round_with_its_criteria(office):
    round_ = services.round_save(actor=office, round=new_round(), criteria=CRITERIA)

    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT and round_.created_by == office
    assert list(round_.criteria.values_list("position", "name", "weight", "max_points")) == [
        (1, "创新成果", 50, 50),
        (2, "经济社会效益", 30, 30),
        (3, "团队与培养", 20, 10),
    ]
    assert AuditRecord.objects.filter(target_id=str(round_.pk), action="create").exists()


def test_given_criteria_replace_the_list_and_none_keeps_it(office):
    round_ = services.round_save(actor=office, round=new_round(), criteria=CRITERIA)

    round_.quota = 8
    services.round_save(actor=office, round=round_)
    assert Criterion.objects.filter(round=round_).count() == 3

    services.round_save(
        actor=office,
        round=round_,
        criteria=[{"name": "综合评价", "weight": 100, "max_points": 100}],
    )
    assert list(round_.criteria.values_list("position", "name")) == [(1, "综合评价")]
    round_.refresh_from_db()
    assert round_.quota == 8


@pytest.mark.parametrize(
    ("criteria", "code"),
    [
        ([], "weights_not_100"),
        ([{**CRITERIA[0], "weight": 60}, *CRITERIA[1:]], "weights_not_100"),
        ([CRITERIA[0], {**CRITERIA[1], "name": "创新成果"}, CRITERIA[2]], "duplicate_name"),
        ([{**CRITERIA[0], "max_points": 0}, *CRITERIA[1:]], "invalid"),
        ([{**CRITERIA[0], "weight": "五十"}, *CRITERIA[1:]], "invalid"),
    ],
)
def test_criteria_must_weigh_100_in_all_with_unique_names(office, criteria, code):
    with pytest.raises(ValidationError) as refused:
        services.round_save(actor=office, round=new_round(), criteria=criteria)

    assert codes(refused.value) == {"criteria": [code]}
    assert not Round.objects.exists()


def test_a_rule_that_does_not_parse_is_refused(office):
    with pytest.raises(ValidationError) as refused:
        services.round_save(actor=office, round=new_round(rule="age <= "), criteria=CRITERIA)

    assert codes(refused.value) == {"rule": ["rule_syntax"]}


def test_the_reward_policy_pays_money_to_talents_and_is_granted_only(office):
    in_kind = PolicyFactory(
        benefit=Benefit.IN_KIND, formula="", amount_fen=None, budget_line=None, granted_only=True
    )
    for_enterprises = PolicyFactory(applicant_kind=ApplicantKind.ENTERPRISE, granted_only=True)
    open_to_applications = PolicyFactory()

    with pytest.raises(ValidationError) as refused:
        services.round_save(actor=office, round=new_round(reward_policy=in_kind))
    assert codes(refused.value) == {"reward_policy": ["in_kind"]}

    with pytest.raises(ValidationError) as refused:
        services.round_save(actor=office, round=new_round(reward_policy=for_enterprises))
    assert codes(refused.value) == {"reward_policy": ["wrong_applicant_kind"]}

    with pytest.raises(ValidationError) as refused:
        services.round_save(actor=office, round=new_round(reward_policy=open_to_applications))
    assert codes(refused.value) == {"reward_policy": ["not_granted_only"]}


def test_a_zone_evaluation_needs_a_budget_line_and_a_recommendation_its_programme(office):
    with pytest.raises(ValidationError):
        services.round_save(actor=office, round=new_round(budget_line=None))

    with pytest.raises(ValidationError):
        services.round_save(
            actor=office,
            round=new_round(kind="recommendation", reward_policy=None, budget_line=None),
        )

    recommendation = services.round_save(
        actor=office,
        round=new_round(
            kind="recommendation",
            reward_policy=None,
            budget_line=None,
            programme="省百人计划",
            programme_level="provincial",
        ),
        criteria=CRITERIA,
    )
    assert recommendation.pk is not None


def test_only_the_office_sets_rounds_up(make_user, acme):
    with pytest.raises(PermissionDenied):
        services.round_save(actor=make_user("enterprise_hr", enterprise=acme), round=new_round())
    with pytest.raises(PermissionDenied):
        services.round_save(actor=make_user("leader"), round=new_round())
    assert not Round.objects.exists()


def test_set_up_and_criteria_are_locked_once_scoring_starts(office):
    round_ = RoundFactory(status=RoundStatus.SCORING)
    with_criteria(round_)

    round_.quota = 10
    with pytest.raises(ValidationError) as refused:
        services.round_save(actor=office, round=round_)
    assert codes(refused.value) == {"__all__": ["round_locked"]}

    with pytest.raises(ValidationError) as refused:
        services.round_save(actor=office, round=round_, criteria=CRITERIA[:1])
    assert codes(refused.value) == {"criteria": ["criteria_locked"]}
    round_.refresh_from_db()
    assert round_.quota == 3 and round_.criteria.count() == 3


def test_saving_keeps_the_status_the_transitions_set(office):
    round_ = RoundFactory(status=RoundStatus.NOMINATING)
    with_criteria(round_)
    stale = Round.objects.get(pk=round_.pk)
    stale.status = RoundStatus.ANNOUNCED

    services.round_save(actor=office, round=stale)

    round_.refresh_from_db()
    assert round_.status == RoundStatus.NOMINATING


def test_opening_a_round_needs_its_criteria(office, acme_hr):
    bare = RoundFactory()
    with pytest.raises(ValidationError) as refused:
        services.round_open(actor=office, round=bare, today=JUNE_10)
    assert codes(refused.value) == {"__all__": ["no_criteria"]}

    lopsided = RoundFactory()
    with_criteria(lopsided, (("创新成果", 50, 50), ("经济社会效益", 30, 30)))
    with pytest.raises(ValidationError) as refused:
        services.round_open(actor=office, round=lopsided, today=JUNE_10)
    assert codes(refused.value) == {"__all__": ["weights_not_100"]}

    ready = RoundFactory()
    with_criteria(ready)
    services.round_open(actor=office, round=ready, today=JUNE_10)
    ready.refresh_from_db()
    assert ready.status == RoundStatus.NOMINATING
    assert Notification.objects.filter(recipient=acme_hr).count() == 1  # the HR are told

    with pytest.raises(ValidationError) as refused:
        services.round_open(actor=office, round=ready, today=JUNE_10)
    assert codes(refused.value) == {"__all__": ["wrong_status"]}


def test_the_office_may_close_nominations_early(office):
    round_ = RoundFactory(status=RoundStatus.NOMINATING)

    services.round_close_nominations(actor=office, round=round_, today=JUNE_10)

    round_.refresh_from_db()
    assert round_.status == RoundStatus.SCREENING
    with pytest.raises(ValidationError) as refused:
        services.round_close_nominations(actor=office, round=round_, today=JUNE_10)
    assert codes(refused.value) == {"__all__": ["wrong_status"]}


def test_the_beat_task_closes_the_rounds_past_their_closing_day():
    past = RoundFactory(status=RoundStatus.NOMINATING)  # closes 30 June
    closing_today = RoundFactory(
        status=RoundStatus.NOMINATING, nominations_close=datetime.date(2026, 7, 1)
    )
    draft = RoundFactory(status=RoundStatus.DRAFT)

    assert services.close_due_rounds(today=JULY_1) == 1
    assert services.close_due_rounds(today=JULY_1) == 0  # again: nothing more

    statuses = dict(Round.objects.values_list("pk", "status"))
    assert statuses == {
        past.pk: RoundStatus.SCREENING,
        closing_today.pk: RoundStatus.NOMINATING,
        draft.pk: RoundStatus.DRAFT,
    }
    assert AuditRecord.objects.filter(target_id=str(past.pk), actor__isnull=True).exists()
    # The Celery task takes the day as text.
    assert tasks.close_nominations("2026-07-02") == 1
