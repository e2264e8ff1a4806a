"""Factories for recruiting (tests only): skills, projects, demands, profiles, referrals.

Every record they make passes full validation. A profile is open to offers with consent on
record unless told otherwise; a demand asks for nothing required, so anyone open to offers may be
referred to it. Referrals and interviews made here skip the services (no timeline, no audit):
use them to set a scene, and the services to test a step.
"""

import datetime

import factory
from django.utils import timezone

from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory, UserFactory
from talentzone.recruiting import models
from talentzone.recruiting.choices import (
    ConsentMethod,
    DemandStatus,
    InterviewOutcome,
    ProjectKind,
    ReferralStatus,
)

YUAN = 100  # fen


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Skill
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"技能{n}")
    name_en = ""
    synonyms = ""


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Project
        skip_postgeneration_save = True

    kind = ProjectKind.COOPERATION
    title = factory.Sequence(lambda n: f"固态电池校企联合攻关项目{n}")
    partner = "厦门大学"
    enterprise = factory.SubFactory(EnterpriseFactory)
    funding = 5_000_000 * YUAN
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2028, 12, 31)
    description = "面向下一代固态电池的电解质与界面工程联合研发。"


class DemandFactory(factory.django.DjangoModelFactory):
    """An open demand for two process engineers; nothing required, a salary range, no skills
    (add DemandSkillFactory rows)."""

    class Meta:
        model = models.Demand

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"电芯工艺工程师{n}")
    description = "负责电芯化成分容工艺开发与良率提升，熟悉涂布、叠片工序。"
    headcount = 2
    location = "宁德"
    salary_min = 8000
    salary_max = 15000
    status = DemandStatus.OPEN


class DemandSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DemandSkill

    demand = factory.SubFactory(DemandFactory)
    text = factory.Sequence(lambda n: f"化成分容{n}")
    required = False


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    """An open profile of a registry talent who consented online."""

    class Meta:
        model = models.CandidateProfile

    talent = factory.SubFactory(TalentFactory)
    open_to_offers = True
    summary = "八年锂电池电芯工艺经验，主导化成分容产线良率提升项目。"
    career_started = 2016
    expected_salary = 12000
    locations = "宁德、福州"
    consent_method = ConsentMethod.ONLINE
    consent_at = factory.LazyFunction(timezone.now)


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral as it would stand, without its timeline (see the module's note)."""

    class Meta:
        model = models.Referral

    demand = factory.SubFactory(DemandFactory)
    talent = factory.LazyFunction(lambda: open_candidate())
    agency = None
    referred_by = factory.SubFactory(UserFactory)
    status = ReferralStatus.REFERRED
    note = "工艺经验与岗位要求吻合。"
    score = 80
    explanation = factory.LazyFunction(dict)
    hired_on = factory.LazyAttribute(
        lambda o: timezone.localdate() if o.status == ReferralStatus.HIRED else None
    )


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Interview

    referral = factory.SubFactory(ReferralFactory, status=ReferralStatus.INTERVIEW)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    place = "人力资源服务产业园共享面试室2"
    interviewers = "王经理、李工"
    outcome = InterviewOutcome.PENDING
    scheduled_by = factory.SubFactory(UserFactory)


def open_candidate(**talent_fields) -> Talent:
    """A registry talent (in the zone) whose profile is open to offers."""
    talent = TalentFactory(**talent_fields)
    CandidateProfileFactory(talent=talent)
    return talent


def agency_candidate(agency, **talent_fields) -> Talent:
    """A candidate of `agency`'s own pool: status candidate, held by the agency, open profile
    with the consent the agency recorded on a signed form."""
    talent = TalentFactory(
        **{"status": TalentStatus.CANDIDATE, "agency": agency, "employer": None, **talent_fields}
    )
    CandidateProfileFactory(talent=talent, consent_method=ConsentMethod.SIGNED_FORM)
    return talent
