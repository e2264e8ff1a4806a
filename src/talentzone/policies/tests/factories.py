"""Factories for policies, their stages and budget lines (tests only)."""

import datetime

import factory

from talentzone.directory.tests.factories import DepartmentFactory
from talentzone.policies import models
from talentzone.policies.choices import ApplicantKind, FormulaKind, StageRole

YUAN = 100  # fen


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BudgetLine

    year = 2026
    code = factory.Sequence(lambda n: f"rc-{n:02d}")
    name = "人才奖励"
    owner = factory.SubFactory(DepartmentFactory)
    amount = 10_000_000 * YUAN


class PolicyFactory(factory.django.DjangoModelFactory):
    """A fixed-amount talent policy, open all of 2026, paid from its own line, no stages."""

    class Meta:
        model = models.Policy

    code = factory.Sequence(lambda n: f"policy-{n}")
    title = factory.Sequence(lambda n: f"人才奖励政策{n}")
    legal_basis = "《开发区人才引进若干措施》第三条"
    applicant_kind = ApplicantKind.TALENT
    valid_from = datetime.date(2026, 1, 1)
    valid_until = datetime.date(2026, 12, 31)
    rule = ""
    formula = FormulaKind.FIXED
    amount_fen = 50_000 * YUAN
    budget_line = factory.SubFactory(BudgetLineFactory)
    notice_days = 5


class ReviewStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReviewStage

    policy = factory.SubFactory(PolicyFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "人才办审批"
    role = StageRole.OFFICE_ADMIN
    deadline_days = 10


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RequiredDocument

    policy = factory.SubFactory(PolicyFactory)
    name = "入选证书扫描件"


def three_stage_policy(department=None, **kwargs) -> models.Policy:
    """Enterprise confirmation → department review → office approval (the usual shape)."""
    policy = PolicyFactory(**kwargs)
    ReviewStageFactory(
        policy=policy,
        position=1,
        name="企业确认",
        role=StageRole.ENTERPRISE_HR,
        proved_by_registry=True,
    )
    ReviewStageFactory(
        policy=policy,
        position=2,
        name="部门审核",
        role=StageRole.REVIEWER,
        department=department or DepartmentFactory(),
    )
    ReviewStageFactory(policy=policy, position=3, name="人才办审批", role=StageRole.OFFICE_ADMIN)
    return policy
