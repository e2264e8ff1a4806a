"""Factories for events (tests only): events, quotas, sessions, registrations.

An event is a published social at a talent station on Saturday 6 June 2026, 19:00–21:30 in the
park's clock, 50 places, open to every talent, registration open from 25 May until noon on the
day. Registrations made here skip the services (no counters, no audit): use them for hand-made
sets of figures, and `services.register` for anything about places.
"""

import datetime

import factory
from django.utils import timezone

from talentzone.directory.tests.factories import StationFactory, TalentFactory, UserFactory
from talentzone.events import models
from talentzone.events.choices import Audience, EventKind, EventStatus, RegistrationStatus

SATURDAY = datetime.date(2026, 6, 6)


def park_time(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware moment on the park's clock (Asia/Shanghai)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute)),
        timezone.get_default_timezone(),
    )


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"第{n}期青年人才鹊桥会")
    kind = EventKind.SOCIAL
    description = "面向单身青年人才的交友联谊活动。"
    station = factory.SubFactory(StationFactory)
    venue = None
    place = "蕉城人才驿站二楼活动室"
    starts_at = factory.LazyFunction(lambda: park_time(SATURDAY, 19))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2.5))
    capacity = 50
    registration_opens_at = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(days=12)
    )
    registration_closes_at = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(hours=7)
    )
    audience = Audience.TALENTS
    status = EventStatus.PUBLISHED
    organiser = factory.SubFactory(UserFactory)


class EventQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EventQuota

    event = factory.SubFactory(EventFactory)
    group = "female"
    places = 25


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TrainingSession

    event = factory.SubFactory(EventFactory, kind=EventKind.SKILL_TRAINING)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"第{o.number}课")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration as it would stand (see the module's note: no counters)."""

    class Meta:
        model = models.Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    talent = None
    group = ""
    status = RegistrationStatus.CONFIRMED
    checked_in_at = factory.LazyAttribute(
        lambda o: o.event.starts_at if o.status == RegistrationStatus.ATTENDED else None
    )
    cancelled_at = factory.LazyAttribute(
        lambda o: (
            o.event.registration_opens_at if o.status == RegistrationStatus.CANCELLED else None
        )
    )


def talent_person(*, female: bool = False, born: datetime.date | None = None, **talent_fields):
    """A user with the talent role and their registry record."""
    from django.contrib.auth.models import Group

    user = UserFactory()
    user.groups.add(Group.objects.get(name="talent"))
    fields = {"male": not female, "user": user, **talent_fields}
    if born is not None:
        fields["born"] = born
    TalentFactory(**fields)
    return user
