"""The demo's season of events: the invariants the services keep, checked on every event (those
written directly, already begun, included), and what the demo accounts meet.

The demo is seeded once for the module at a small scale (`seed` with the policies left out),
inside a transaction rolled back after the module.
"""

from collections import Counter
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from talentzone.core.models import User
from talentzone.directory.choices import Gender
from talentzone.directory.demo import structure
from talentzone.events import queries
from talentzone.events.choices import (
    HOLDING_STATUSES,
    EventKind,
    EventStatus,
    RegistrationStatus,
)
from talentzone.events.demo import event_counts, seed_events
from talentzone.events.models import (
    CODE_ALPHABET,
    Certificate,
    Event,
    LiveStreamInterest,
    Registration,
    SessionAttendance,
    StationFollow,
)
from talentzone.venues.choices import HOLDING_STATUSES as HOLDING_BOOKINGS
from talentzone.venues.choices import BookingPurpose
from talentzone.venues.models import Booking

pytestmark = pytest.mark.django_db

SCALE = "0.05"
SEED_COMMAND = "talentzone.directory.management.commands.seed"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Yields what `seed` printed."""
    index = tmp_path_factory.mktemp("demo-index")
    with (
        django_db_blocker.unblock(),
        override_settings(TALENTZONE_MATCH_INDEX_DIR=index),
        translation.override("en"),
        transaction.atomic(),
    ):
        out = StringIO()
        with mock.patch(f"{SEED_COMMAND}.seed_policies", return_value=False):
            call_command("seed", "--scale", SCALE, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def social_54() -> Event:
    return Event.objects.get(title="第54期青年人才联谊会")


def test_the_seed_command_adds_the_season_and_counts_it(demo):
    with translation.override("en"):
        counts = event_counts()
    for label, count in counts:
        assert f"  {label}: {count}" in demo


def test_seeding_again_adds_nothing(demo):
    before = Registration.objects.count()
    assert seed_events(float(SCALE)) is False
    assert Registration.objects.count() == before


def test_counters_equal_the_places_held_and_quotas_hold(demo):
    for event in Event.objects.prefetch_related("quotas", "registrations"):
        holding = [r for r in event.registrations.all() if r.status in HOLDING_STATUSES]
        assert event.confirmed == len(holding) <= event.capacity, event
        by_group = Counter(r.group for r in holding)
        for quota in event.quotas.all():
            assert quota.confirmed == by_group[quota.group] <= quota.places, quota
        if event.quotas.all():
            assert sum(q.places for q in event.quotas.all()) <= event.capacity


def test_every_state_a_user_meets_is_there(demo):
    assert set(Registration.objects.values_list("status", flat=True)) == set(
        RegistrationStatus.values
    )
    assert {EventStatus.PUBLISHED, EventStatus.CANCELLED} <= set(
        Event.objects.values_list("status", flat=True)
    )
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {
        EventKind.SOCIAL,
        EventKind.TALENT_DAY,
        EventKind.PARTY_COMMUNITY,
        EventKind.SKILL_TRAINING,
        EventKind.CADRE_TRAINING,
        EventKind.LIVE_STREAM,
    } <= kinds
    codes = Registration.objects.values_list("code", flat=True)
    assert all(len(code) == 8 and set(code) <= set(CODE_ALPHABET) for code in codes)


def test_the_54th_social_is_full_for_men_with_a_waiting_list(demo):
    event = social_54()
    assert event.quota_by == "gender" and event.status == EventStatus.PUBLISHED
    assert event.starts_at > timezone.now()
    quotas = {quota.group: quota for quota in event.quotas.all()}
    assert {group: q.places for group, q in quotas.items()} == {Gender.FEMALE: 30, Gender.MALE: 30}
    assert quotas[Gender.MALE].confirmed == 30
    assert 0 < quotas[Gender.FEMALE].confirmed < 30
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED)
    assert waiting.exists()
    assert set(waiting.values_list("group", flat=True)) == {Gender.MALE}
    # A man gave up his place: the first man waiting moved up, notified.
    promoted = event.registrations.filter(promoted_at__isnull=False)
    assert promoted.count() == 1
    assert event.registrations.filter(status=RegistrationStatus.CANCELLED).exists()
    first_waiting = waiting.order_by("created_at", "id").first()
    assert (promoted.get().created_at, promoted.get().pk) < (
        first_waiting.created_at,
        first_waiting.pk,
    )


def test_events_held_have_attendance_and_no_shows(demo):
    now = timezone.now()
    held = Event.objects.filter(ends_at__lt=now, status=EventStatus.PUBLISHED)
    assert held.exists()
    attended = no_shows = 0
    for event in held:
        figures = queries.attendance(event, now=now)
        attended += figures["attended"]
        no_shows += figures["no_shows"]
    assert attended and no_shows
    for registration in Registration.objects.filter(status=RegistrationStatus.ATTENDED):
        assert registration.checked_in_at is not None
        assert registration.checked_in_at <= now
    upcoming = Event.objects.filter(starts_at__gt=now, status=EventStatus.PUBLISHED)
    assert upcoming.exists()
    assert not Registration.objects.filter(
        event__in=upcoming, status=RegistrationStatus.ATTENDED
    ).exists()
    assert Registration.objects.filter(
        event__in=upcoming, status=RegistrationStatus.CONFIRMED
    ).exists()


def test_training_attendance_and_certificates(demo):
    now = timezone.now()
    for attendance in SessionAttendance.objects.select_related("session", "registration"):
        assert attendance.session.starts_at <= now + timezone.timedelta(hours=2)
        assert attendance.registration.status == RegistrationStatus.ATTENDED
        assert attendance.registration.event_id == attendance.session.event_id
    certificates = Certificate.objects.select_related("registration__event")
    assert certificates.exists()
    for certificate in certificates:
        registration = certificate.registration
        event = registration.event
        assert event.kind in (EventKind.SKILL_TRAINING,) and event.ends_at < now
        assert registration.status == RegistrationStatus.ATTENDED
        came = registration.session_attendances.count()
        assert certificate.sessions_attended == came
        assert came >= (event.sessions_required or event.sessions.count())
    cadres = Event.objects.get(kind=EventKind.CADRE_TRAINING)
    assert cadres.sessions.filter(starts_at__lt=now).exists()
    assert cadres.sessions.filter(starts_at__gt=now).exists()  # under way
    assert SessionAttendance.objects.filter(session__event=cadres).exists()


def test_venue_events_hold_their_rooms(demo):
    for event in Event.objects.filter(venue__isnull=False, starts_at__gt=timezone.now()):
        if event.status == EventStatus.PUBLISHED and event.kind != EventKind.CADRE_TRAINING:
            assert event.booking.status == "confirmed"
            assert event.booking.venue_id == event.venue_id
    cadres = Event.objects.get(kind=EventKind.CADRE_TRAINING)
    for session in cadres.sessions.all():  # each session holds a training room
        assert Booking.objects.filter(
            purpose=BookingPurpose.TRAINING,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            status__in=HOLDING_BOOKINGS,
            booked_by=cadres.organiser,
        ).exists(), session


def test_the_live_stream_presents_demands_and_its_viewers_became_candidates(demo):
    event = Event.objects.get(kind=EventKind.LIVE_STREAM)
    assert event.venue.name == "带岗直播室A"
    assert event.demands.exists()
    interests = LiveStreamInterest.objects.filter(registration__event=event).select_related(
        "referral", "registration"
    )
    referred = [i for i in interests if i.referral_id]
    assert referred
    for interest in referred:
        assert interest.referral.talent_id == interest.registration.talent_id
        assert interest.referral.referred_by_id == interest.registration.user_id
        assert interest.demand in event.demands.all()
    assert any(not i.referral_id and i.outcome for i in interests)  # a miss, with its reason


def test_the_talent_account_has_its_places_its_queue_and_its_certificate(demo):
    user = User.objects.get(username="talent")
    assert StationFollow.objects.filter(user=user).exists()
    now = timezone.now()
    mine = Registration.objects.filter(user=user).select_related("event")
    confirmed = mine.filter(status=RegistrationStatus.CONFIRMED, event__starts_at__gt=now)
    assert confirmed.exists()
    assert "<svg" in queries.qr_svg(confirmed.first())
    assert mine.filter(status=RegistrationStatus.WAITLISTED, event__starts_at__gt=now).exists()
    assert Certificate.objects.filter(registration__user=user).exists()
    assert list(queries.upcoming_for(user, now=now))


def test_the_station_account_has_events_to_come_to_check_people_in(demo):
    station_user = User.objects.get(username="station")
    station = station_user.memberships.get().station
    assert station.name == structure.DEMO_STATION
    coming = Event.objects.filter(
        station=station, status=EventStatus.PUBLISHED, ends_at__gt=timezone.now()
    )
    assert coming.count() >= 2
    assert Registration.objects.filter(
        event__in=coming, status=RegistrationStatus.CONFIRMED
    ).exists()


def test_one_live_registration_per_person_and_event(demo):
    live = Registration.objects.exclude(status=RegistrationStatus.CANCELLED)
    pairs = Counter(live.values_list("event_id", "user_id"))
    assert max(pairs.values()) == 1
