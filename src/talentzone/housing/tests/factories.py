"""factory-boy factories of the talent apartments. The scheme's weights are the defaults unless a
test says otherwise; its tier points and discounts cover the tiers the directory's data migration
creates (directory/migrations/0002_default_tiers)."""

import datetime
from decimal import Decimal

import factory

from talentzone.directory.tests.factories import TalentFactory, UserFactory
from talentzone.housing import models
from talentzone.housing.choices import ApartmentStatus, EntryStatus, Layout

# Points per tier and rent discount per tier of the test scheme.
TIER_POINTS = {
    "national_top": 40,
    "national_leading": 30,
    "provincial_high": 20,
    "provincial_leading": 15,
    "municipal": 10,
    "district": 5,
}
DISCOUNT_PERCENT = {
    "national_top": 100,
    "national_leading": 80,
    "provincial_high": 50,
    "provincial_leading": 40,
    "municipal": 30,
    "district": 20,
}


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Community

    name = factory.Sequence(lambda n: f"东侨人才公寓{n}")
    name_en = factory.Sequence(lambda n: f"Dongqiao Talent Apartments {n}")
    address = "宁德市东侨经济技术开发区金马北路"


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Scheme

    name = factory.Sequence(lambda n: f"人才安居工程{n}")
    tier_points = factory.LazyFunction(lambda: dict(TIER_POINTS))
    discount_percent = factory.LazyFunction(lambda: dict(DISCOUNT_PERCENT))
    points_per_year = 2
    points_per_member = 3
    points_per_month_waited = 1
    offer_days = 7
    lease_months = 12
    deposit_months = 1
    reminder_days = 60


class ApartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Apartment

    community = factory.SubFactory(CommunityFactory)
    building = "1"
    unit = factory.Sequence(lambda n: f"{101 + n}")
    layout = Layout.TWO_ROOMS
    area = Decimal("89.50")
    floor = 3
    furnished = True
    rent_fen = 150000  # 1,500 yuan a month
    status = ApartmentStatus.VACANT


class QueueEntryFactory(factory.django.DjangoModelFactory):
    """A household waiting in the queue (written directly: the services check what a caller
    passes; a factory makes the state a test starts from)."""

    class Meta:
        model = models.QueueEntry

    scheme = factory.SubFactory(SchemeFactory)
    talent = factory.SubFactory(TalentFactory)
    layouts = factory.LazyFunction(lambda: [Layout.TWO_ROOMS.value])
    household_size = 2
    approved_on = datetime.date(2026, 1, 1)
    status = EntryStatus.WAITING


def talent_user(**talent_fields):
    """A talent with a linked user account holding the `talent` role: (talent, user)."""
    user = UserFactory(roles=["talent"])
    talent = TalentFactory(user=user, **talent_fields)
    return talent, user
