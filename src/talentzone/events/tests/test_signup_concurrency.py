"""Sign-ups that arrive at the same moment never take more places than an event has, nor more
than a group's quota, and those who wait, wait in the order they came.

200 people (women and men mixed) sign up from threads for a social of 50 places, 25 for women
and 25 for men, each thread with its own database connection. At most CONNECTIONS of them talk
to the database at once (the server is shared), all released together. With the event's row
lock exactly 50 are confirmed, 25 of each, the other 150 wait, and within each group nobody who
came later was confirmed before someone who came earlier; with the lock switched off the
database's check constraints still refuse a place beyond the capacity or a quota. They need
PostgreSQL's row locks: SQLite lets one writer in at a time, so it has no race to show (the same
arithmetic runs one after another on both databases in test_registration.py).
"""

import random
from collections import Counter

import pytest
from django.db import connection

from talentzone.core.models import User
from talentzone.core.testing import run_at_once
from talentzone.events import queries, services
from talentzone.events.choices import HOLDING_STATUSES, QuotaBy, RegistrationStatus
from talentzone.events.models import Event, EventQuota, Registration
from talentzone.events.tests.conftest import NOW
from talentzone.events.tests.factories import EventQuotaFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
    ),
]

SIGN_UPS = 200
CAPACITY = 50
QUOTA = 25
CONNECTIONS = 20


def sign_up(user, event):
    def action() -> str:
        return services.register(actor=User.objects.get(pk=user.pk), event=event, now=NOW).status

    return action


@pytest.fixture
def social(zone):
    event = zone.event(capacity=CAPACITY, quota_by=QuotaBy.GENDER, title="第54期青年人才鹊桥会")
    EventQuotaFactory(event=event, group="female", places=QUOTA)
    EventQuotaFactory(event=event, group="male", places=QUOTA)
    return event


@pytest.fixture
def crowd(zone):
    """200 talents, 90 women and 110 men, in a random order."""
    people = [zone.person(female=n < 90) for n in range(SIGN_UPS)]
    random.Random(54).shuffle(people)
    return people


def assert_places_held(event) -> list[Registration]:
    """Exactly the capacity confirmed, each quota full and no fuller, counters true; the
    registrations in arrival order."""
    event = Event.objects.get(pk=event.pk)
    registrations = list(queries.registrations_of(event))
    assert len(registrations) == SIGN_UPS
    held = [r for r in registrations if r.status in HOLDING_STATUSES]
    assert event.confirmed == len(held) == CAPACITY
    by_group = Counter(r.group for r in held)
    assert by_group == {"female": QUOTA, "male": QUOTA}
    quotas = dict(EventQuota.objects.filter(event=event).values_list("group", "confirmed"))
    assert quotas == {"female": QUOTA, "male": QUOTA}
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    assert len(waiting) == SIGN_UPS - CAPACITY
    return registrations


def test_200_concurrent_sign_ups_for_50_places_hold_capacity_quotas_and_arrival_order(
    social, crowd
):
    outcomes = run_at_once([sign_up(person, social) for person in crowd], at_most=CONNECTIONS)

    assert outcomes == {"confirmed": CAPACITY, "waitlisted": SIGN_UPS - CAPACITY}
    registrations = assert_places_held(social)
    # Arrival order: sign-ups took turns, so creation time and insertion order agree...
    assert [r.pk for r in registrations] == sorted(r.pk for r in registrations)
    # ...and within each group nobody who came later got a place before someone earlier.
    for group in ("female", "male"):
        statuses = [r.status for r in registrations if r.group == group]
        assert statuses == ["confirmed"] * QUOTA + ["waitlisted"] * (len(statuses) - QUOTA)
    # The waiting list is that order.
    waitlist = list(queries.waitlist(social))
    assert waitlist == [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    assert queries.waitlist_position(waitlist[0]) == 1


def test_without_the_event_lock_the_database_constraints_still_hold_the_places(
    social, crowd, monkeypatch
):
    monkeypatch.setattr(services, "LOCK_EVENTS", False)

    outcomes = run_at_once([sign_up(person, social) for person in crowd], at_most=CONNECTIONS)

    assert outcomes == {"confirmed": CAPACITY, "waitlisted": SIGN_UPS - CAPACITY}
    assert_places_held(social)


def test_cancellations_at_the_same_moment_promote_one_waiting_person_each(social, crowd):
    """Ten confirmed people cancel at once: exactly ten waiting ones move up, the counters stay
    true and no quota is exceeded."""
    for person in crowd:
        services.register(actor=person, event=social, now=NOW)
    holders = list(
        Registration.objects.filter(event=social, status=RegistrationStatus.CONFIRMED)[:10]
    )

    def cancel(registration):
        def action() -> str:
            return services.cancel_registration(
                actor=User.objects.get(pk=registration.user_id),
                registration=registration,
                now=NOW,
            ).status

        return action

    outcomes = run_at_once([cancel(r) for r in holders], at_most=CONNECTIONS)

    assert outcomes == {"cancelled": 10}
    event = Event.objects.get(pk=social.pk)
    held = Registration.objects.filter(event=social, status__in=HOLDING_STATUSES)
    assert event.confirmed == held.count() == CAPACITY
    assert Counter(held.values_list("group", flat=True)) == {"female": QUOTA, "male": QUOTA}
    assert held.filter(promoted_at__isnull=False).count() == 10
