"""factory-boy factories of the yearly evaluations. A round from `RoundFactory` is a zone
evaluation of outstanding talents for 2026, nominations 1–30 June 2026, a quota of 3, a panel of
5, a 7-day notice, paid ¥50,000 a winner (the reward policy's fixed amount) from its own 2026
budget line; it has no criteria until `with_criteria()` gives it the standard three."""

import datetime

import factory

from talentzone.awards import models
from talentzone.awards.choices import RoundCategory, RoundKind, RoundStatus
from talentzone.directory.choices import Level
from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory, UserFactory
from talentzone.policies.tests.factories import BudgetLineFactory, PolicyFactory

# (name, weight %, maximum points): the criteria of the test rounds.
STANDARD_CRITERIA = (
    ("创新成果", 50, 50),
    ("经济社会效益", 30, 30),
    ("团队与培养", 20, 10),
)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Round

    year = 2026
    title = factory.Sequence(lambda n: f"2026年度开发区优秀人才评选{n}")
    kind = RoundKind.AWARD
    category = RoundCategory.OUTSTANDING
    rule = ""
    nominations_open = datetime.date(2026, 6, 1)
    nominations_close = datetime.date(2026, 6, 30)
    quota = 3
    panel_size = 5
    notice_days = 7
    issuer = "开发区人才工作领导小组"
    reward_policy = factory.SubFactory(
        PolicyFactory,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2027, 12, 31),
        granted_only=True,
    )
    budget_line = factory.SubFactory(BudgetLineFactory)
    status = RoundStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)

    class Params:
        recommendation = factory.Trait(
            kind=RoundKind.RECOMMENDATION,
            reward_policy=None,
            budget_line=None,
            programme="省百人计划",
            programme_level=Level.PROVINCIAL,
            title=factory.Sequence(lambda n: f"2026年省百人计划推荐{n}"),
        )


def with_criteria(round_, criteria=STANDARD_CRITERIA):
    """Give the round its criteria (position 1…n); returns them."""
    return [
        models.Criterion.objects.create(
            round=round_, position=i, name=name, weight=weight, max_points=max_points
        )
        for i, (name, weight, max_points) in enumerate(criteria, start=1)
    ]


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Expert

    user = factory.SubFactory(UserFactory, roles=("expert",))
    name = factory.Sequence(lambda n: f"评审专家{n}")
    affiliation = "闽东理工大学材料学院"
    employer = None
    speciality = "新能源材料"


class NominationFactory(factory.django.DjangoModelFactory):
    """A submitted nomination (bypassing the service: for tests of later steps)."""

    class Meta:
        model = models.Nomination

    round = factory.SubFactory(RoundFactory)
    talent = factory.SubFactory(TalentFactory)
    enterprise = factory.LazyAttribute(lambda o: o.talent.employer or EnterpriseFactory())
    nominated_by = factory.SubFactory(UserFactory)
    achievements = "主持研发高镍正极材料，获发明专利3项，新增产值2亿元。"
