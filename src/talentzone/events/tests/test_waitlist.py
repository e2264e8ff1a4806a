"""Cancelling frees a place: the first waiting person whose group has room takes it, and is
told."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.core.models import Notification
from talentzone.events import queries, services
from talentzone.events.choices import QuotaBy, RegistrationStatus
from talentzone.events.models import Event, EventQuota, Registration
from talentzone.events.tests.conftest import EVENT_END, EVENT_START, NOW, code_of
from talentzone.events.tests.factories import EventQuotaFactory

pytestmark = pytest.mark.django_db


def register(user, event):
    return services.register(actor=user, event=event, now=NOW)


def cancel(actor, registration, now=NOW):
    return services.cancel_registration(actor=actor, registration=registration, now=now)


def status(registration) -> str:
    return Registration.objects.get(pk=registration.pk).status


def test_a_cancellation_promotes_the_first_in_line_and_tells_them(zone):
    event = zone.event(capacity=2)
    first, second = register(zone.person(), event), register(zone.person(), event)
    waiting = [register(zone.person(), event) for _ in range(3)]

    cancel(first.user, first)

    promoted = Registration.objects.get(pk=waiting[0].pk)
    assert promoted.status == RegistrationStatus.CONFIRMED
    assert promoted.promoted_at == NOW
    assert [status(r) for r in waiting[1:]] == ["waitlisted", "waitlisted"]
    assert status(first) == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=first.pk).cancelled_at == NOW
    note = Notification.objects.get(recipient=waiting[0].user)
    assert event.title in note.title
    assert not Notification.objects.exclude(recipient=waiting[0].user).exists()
    event.refresh_from_db()
    assert event.confirmed == 2
    assert [queries.waitlist_position(r) for r in queries.waitlist(event)] == [1, 2]
    assert status(second) == RegistrationStatus.CONFIRMED


def test_the_first_waiting_person_whose_group_has_room_is_promoted(zone):
    """A man waits ahead of a woman; a woman cancels: her place is in the women's quota, the
    men's is full, so the woman behind him is promoted."""
    event = zone.event(capacity=2, quota_by=QuotaBy.GENDER)
    EventQuotaFactory(event=event, group="female", places=1)
    EventQuotaFactory(event=event, group="male", places=1)
    woman, man = register(zone.person(female=True), event), register(zone.person(), event)
    waiting_man = register(zone.person(), event)
    waiting_woman = register(zone.person(female=True), event)
    assert [waiting_man.status, waiting_woman.status] == ["waitlisted", "waitlisted"]

    cancel(woman.user, woman)

    assert status(waiting_man) == RegistrationStatus.WAITLISTED
    assert status(waiting_woman) == RegistrationStatus.CONFIRMED
    quotas = dict(EventQuota.objects.filter(event=event).values_list("group", "confirmed"))
    assert quotas == {"female": 1, "male": 1}
    assert Notification.objects.filter(recipient=waiting_woman.user).count() == 1
    assert not Notification.objects.filter(recipient=waiting_man.user).exists()

    cancel(man.user, man)
    assert status(waiting_man) == RegistrationStatus.CONFIRMED


def test_a_waiting_person_cancelling_frees_no_place(zone):
    event = zone.event(capacity=1)
    register(zone.person(), event)
    waiting = [register(zone.person(), event) for _ in range(2)]

    cancel(waiting[0].user, waiting[0])

    assert status(waiting[1]) == RegistrationStatus.WAITLISTED
    assert Event.objects.get(pk=event.pk).confirmed == 1
    assert not Notification.objects.exists()


def test_no_one_is_promoted_once_the_event_has_started(zone):
    event = zone.event(capacity=1)
    first = register(zone.person(), event)
    waiting = register(zone.person(), event)

    cancel(first.user, first, now=EVENT_START + datetime.timedelta(minutes=10))

    assert status(waiting) == RegistrationStatus.WAITLISTED
    assert Event.objects.get(pk=event.pk).confirmed == 0


def test_the_organiser_may_cancel_anyones_registration_and_the_person_is_told(zone):
    event = zone.event(capacity=1)
    first = register(zone.person(), event)
    waiting = register(zone.person(), event)

    cancel(zone.staff, first)

    assert Notification.objects.filter(recipient=first.user).count() == 1
    assert status(waiting) == RegistrationStatus.CONFIRMED


def test_nobody_else_may_cancel_a_registration(zone):
    event = zone.event()
    registration = register(zone.person(), event)
    for someone in (zone.person(), zone.other_staff, zone.agency_staff):
        with pytest.raises(PermissionDenied):
            cancel(someone, registration)
    assert status(registration) == RegistrationStatus.CONFIRMED


def test_cancelled_attended_and_past_registrations_cannot_be_cancelled(zone):
    event = zone.event()
    registration = register(zone.person(), event)
    came = register(zone.person(), event)
    services.check_in(actor=zone.staff, event=event, code=came.code, now=EVENT_START)
    cancel(registration.user, registration)

    for done in (registration, came):
        with pytest.raises(ValidationError) as caught:
            cancel(done.user, done)
        assert code_of(caught.value) == "wrong_status"
    late = register(zone.person(), event)
    with pytest.raises(ValidationError) as caught:
        cancel(late.user, late, now=EVENT_END)
    assert code_of(caught.value) == "event_over"
    assert Event.objects.get(pk=event.pk).confirmed == 2


def test_a_long_queue_moves_one_by_one_in_arrival_order(zone):
    event = zone.event(capacity=3)
    holders = [register(zone.person(), event) for _ in range(3)]
    waiting = [register(zone.person(), event) for _ in range(4)]

    for holder in holders:
        cancel(holder.user, holder)

    assert [status(r) for r in waiting] == ["confirmed"] * 3 + ["waitlisted"]
    event.refresh_from_db()
    assert event.confirmed == 3
