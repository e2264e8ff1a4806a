"""Factories for venues (tests only): venues, closed days, bookings.

A venue is an interview room lent to agencies and enterprises, open 08:30–17:30 on weekdays,
15 minutes' cleaning, up to 4 hours a booking, no weekly quota, no approval. Bookings made here
skip the services (no rule checked, no audit, no notification; `blocked_until` is the end plus
the venue's buffer): use them to set a scene, and `services.booking_create` to test a booking.
"""

import datetime

import factory
from django.utils import timezone

from talentzone.directory.tests.factories import UserFactory
from talentzone.venues import models
from talentzone.venues.choices import BookerKind, BookingPurpose, BookingStatus, VenueKind


def park_time(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware moment on the park's clock (Asia/Shanghai)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute)),
        timezone.get_default_timezone(),
    )


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Venue

    name = factory.Sequence(lambda n: f"共享面试室{n}")
    kind = VenueKind.INTERVIEW_ROOM
    place = factory.Sequence(lambda n: f"人力资源服务产业园A栋{n % 5 + 1}层")
    capacity = 6
    area = 20
    equipment = "视频会议终端、白板"
    opens_at = datetime.time(8, 30)
    closes_at = datetime.time(17, 30)
    closed_weekdays = "5,6"
    bookers = BookerKind.AGENCIES_AND_ENTERPRISES
    needs_approval = False
    buffer_minutes = 15
    max_minutes = 240
    weekly_quota_hours = None
    cancel_cutoff_hours = 2
    days_ahead = 60
    active = True


class VenueClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.VenueClosure

    venue = factory.SubFactory(VenueFactory)
    date = datetime.date(2026, 6, 19)
    reason = "端午节"


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed interview booking from 10:00 to 11:00 on Tuesday 2 June 2026 (park time),
    for the office (no organisation) unless told."""

    class Meta:
        model = models.Booking

    venue = factory.SubFactory(VenueFactory)
    purpose = BookingPurpose.INTERVIEW
    title = factory.Sequence(lambda n: f"电芯工艺工程师面试第{n}轮")
    starts_at = factory.LazyFunction(lambda: park_time(datetime.date(2026, 6, 2), 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    blocked_until = factory.LazyAttribute(
        lambda o: o.ends_at + datetime.timedelta(minutes=o.venue.buffer_minutes)
    )
    attendees = 3
    status = BookingStatus.CONFIRMED
    booked_by = factory.SubFactory(UserFactory)
    cancelled_at = factory.LazyAttribute(
        lambda o: o.starts_at if o.status == BookingStatus.CANCELLED else None
    )
