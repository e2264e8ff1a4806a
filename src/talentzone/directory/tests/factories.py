"""factory-boy factories for the registry: every record they make passes full validation."""

import datetime

import factory
from django.contrib.auth.models import Group

from talentzone.core.identifiers import make_id_number, make_uscc
from talentzone.core.models import User
from talentzone.directory import choices, models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password("demo-pass-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=role))


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Department

    name = factory.Sequence(lambda n: f"部门{n}")
    code = factory.Sequence(lambda n: f"dept-{n}")


class GridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Grid

    name = factory.Sequence(lambda n: f"第{n}网格")
    code = factory.Sequence(lambda n: f"grid-{n}")


class GridTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GridTeam

    grid = factory.SubFactory(GridFactory)
    name = factory.Sequence(lambda n: f"网格服务队{n}")
    leader_name = "林志远"
    phone = "13905930001"


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Station

    name = factory.Sequence(lambda n: f"人才驿站{n}")
    level = choices.StationLevel.DISTRICT


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agency

    name = factory.Sequence(lambda n: f"闽东人力资源服务有限公司{n}")
    credit_code = factory.Sequence(lambda n: make_uscc("350900", 20000000 + n))
    contact_phone = "13905931234"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Enterprise

    name = factory.Sequence(lambda n: f"蕉城新能源科技有限公司{n}")
    credit_code = factory.Sequence(lambda n: make_uscc("350902", 30000000 + n))
    industry = choices.Industry.LITHIUM_BATTERY
    grid = factory.SubFactory(GridFactory)
    above_scale = True


def tier(code: str = "municipal") -> models.TalentTier:
    """The tiers come from a data migration; tests use those rather than inventing their own."""
    return models.TalentTier.objects.get(code=code)


class TalentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Talent

    class Params:
        male = True
        born = datetime.date(1988, 6, 15)

    name = factory.Sequence(lambda n: f"陈思远{n}")
    gender = factory.LazyAttribute(lambda o: "male" if o.male else "female")
    birth_date = factory.LazyAttribute(lambda o: o.born)
    phone = "13805931234"
    education = choices.Education.MASTER
    major = "材料科学与工程"
    industry = choices.Industry.LITHIUM_BATTERY
    employer = factory.SubFactory(EnterpriseFactory)
    tier = factory.LazyFunction(tier)
    skills = "电芯设计、化成分容"
    arrival_date = datetime.date(2020, 3, 1)

    @factory.lazy_attribute_sequence
    def id_number(self, n):
        return make_id_number("350902", self.born, n, self.male)


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Credential

    talent = factory.SubFactory(TalentFactory)
    kind = choices.CredentialKind.PATENT
    level = choices.Level.NATIONAL
    name = factory.Sequence(lambda n: f"一种锂电池极片涂布方法{n}")
    awarded_on = datetime.date(2022, 5, 10)


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Platform

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = choices.PlatformKind.POSTDOCTORAL
    level = choices.Level.PROVINCIAL
    name = factory.Sequence(lambda n: f"博士后工作站{n}")
    approved_on = datetime.date(2021, 9, 1)


class VentureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Venture

    name = factory.Sequence(lambda n: f"青创储能科技工作室{n}")
    field = choices.Industry.ENERGY_STORAGE
    joined_on = datetime.date(2024, 9, 1)


class FounderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Founder

    venture = factory.SubFactory(VentureFactory)
    name = "黄晓雯"
    university = "宁德师范学院"
    graduation_year = 2023
    is_lead = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    user = factory.SubFactory(UserFactory)
