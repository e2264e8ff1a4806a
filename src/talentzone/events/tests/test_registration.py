"""Signing up: who may, when, and how places and quotas are given — never beyond them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from talentzone.core.models import AuditRecord, Notification
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import StationFactory
from talentzone.events import queries, services
from talentzone.events.choices import Audience, EventKind, EventStatus, QuotaBy, RegistrationStatus
from talentzone.events.models import Event, EventQuota, Registration, StationFollow
from talentzone.events.tests.conftest import (
    EVENT_DAY,
    EVENT_END,
    EVENT_START,
    NOW,
    at,
    code_of,
    codes,
)
from talentzone.events.tests.factories import EventQuotaFactory

pytestmark = pytest.mark.django_db


def register(user, event, **kwargs):
    return services.register(actor=user, event=event, now=kwargs.pop("now", NOW), **kwargs)


def refusal(user, event, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        register(user, event, **kwargs)
    return code_of(caught.value)


def assert_counters_match(event) -> None:
    """The event's and each quota's counters are the places really held."""
    event.refresh_from_db()
    held = Registration.objects.filter(
        event=event, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED]
    )
    assert event.confirmed == held.count() <= event.capacity
    for quota in EventQuota.objects.filter(event=event):
        assert quota.confirmed == held.filter(group=quota.group).count() <= quota.places


# Places --------------------------------------------------------------------------------------


def test_a_sign_up_with_places_left_is_confirmed_with_a_code_and_an_audit_record(zone):
    event = zone.event()
    person = zone.person()

    registration = register(person, event)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(registration.code) == 8
    assert registration.talent == Talent.objects.get(user=person)
    assert registration.group == ""  # places are not divided
    event.refresh_from_db()
    assert event.confirmed == 1
    assert AuditRecord.objects.filter(
        target_type="events.registration", target_id=str(registration.pk)
    ).exists()


def test_beyond_the_capacity_people_wait_in_arrival_order(zone):
    event = zone.event(capacity=3)
    people = [zone.person() for _ in range(5)]

    statuses = [register(person, event).status for person in people]

    assert statuses == ["confirmed"] * 3 + ["waitlisted"] * 2
    assert [r.user for r in queries.waitlist(event)] == people[3:]
    assert [queries.waitlist_position(r) for r in queries.waitlist(event)] == [1, 2]
    assert_counters_match(event)


def test_gender_quotas_are_held_and_each_group_waits_on_its_own(zone):
    event = zone.event(capacity=4, quota_by=QuotaBy.GENDER)
    EventQuotaFactory(event=event, group="female", places=2)
    EventQuotaFactory(event=event, group="male", places=2)
    men = [zone.person() for _ in range(3)]
    women = [zone.person(female=True) for _ in range(3)]

    results = {}
    for person in [men[0], men[1], men[2], women[0], women[1], women[2]]:
        results[person.pk] = register(person, event)

    assert [results[m.pk].status for m in men] == ["confirmed", "confirmed", "waitlisted"]
    assert [results[w.pk].status for w in women] == ["confirmed", "confirmed", "waitlisted"]
    assert {results[w.pk].group for w in women} == {"female"}
    assert_counters_match(event)


def test_a_group_without_a_quota_is_capped_by_the_capacity_alone(zone):
    event = zone.event(capacity=5, quota_by=QuotaBy.GENDER)
    EventQuotaFactory(event=event, group="female", places=2)
    people = [zone.person(female=True) for _ in range(3)] + [zone.person() for _ in range(4)]

    statuses = [register(person, event).status for person in people]

    # Two women (their quota), then the men take the three places left; the fourth man waits.
    assert statuses == ["confirmed", "confirmed", "waitlisted"] + ["confirmed"] * 3 + ["waitlisted"]
    assert_counters_match(event)


def test_the_same_arithmetic_as_the_concurrent_test_200_for_50_places(zone):
    """The concurrent test's numbers, one sign-up after another (both databases)."""
    event = zone.event(capacity=50, quota_by=QuotaBy.GENDER)
    EventQuotaFactory(event=event, group="female", places=25)
    EventQuotaFactory(event=event, group="male", places=25)
    people = [zone.person(female=n % 3 == 0) for n in range(200)]  # 67 women, 133 men

    registrations = [register(person, event) for person in people]

    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    assert len(confirmed) == 50
    assert sum(r.group == "female" for r in confirmed) == 25
    assert sum(r.group == "male" for r in confirmed) == 25
    assert sum(r.status == RegistrationStatus.WAITLISTED for r in registrations) == 150
    for group in ("female", "male"):  # within a group, nobody was passed over
        mine = [r for r in registrations if r.group == group]
        assert [r.status for r in mine] == ["confirmed"] * 25 + ["waitlisted"] * (len(mine) - 25)
    waitlist = list(queries.waitlist(event))
    assert waitlist == [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    assert_counters_match(event)


def test_the_database_refuses_counters_beyond_the_capacity_or_a_quota(zone):
    event = zone.event(capacity=2)
    quota = EventQuotaFactory(event=event, group="female", places=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventQuota.objects.filter(pk=quota.pk).update(confirmed=2)


def test_a_second_live_registration_of_one_person_is_refused_by_the_database(zone):
    event = zone.event()
    person = zone.person()
    register(person, event)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, user=person, status="waitlisted")


# Who and when --------------------------------------------------------------------------------


def test_registering_twice_is_refused_but_again_after_cancelling_is_fine(zone):
    event = zone.event()
    person = zone.person()
    first = register(person, event)

    assert refusal(person, event) == "already_registered"

    services.cancel_registration(actor=person, registration=first, now=NOW)
    again = register(person, event)
    assert again.status == RegistrationStatus.CONFIRMED and again.code != first.code


@pytest.mark.parametrize(
    ("change", "now"),
    [
        ({"status": EventStatus.DRAFT}, NOW),
        ({"status": EventStatus.CANCELLED}, NOW),
        ({"registration_opens_at": NOW + datetime.timedelta(hours=1)}, NOW),
        ({}, at(EVENT_DAY, 12)),  # closes at noon on the day
        ({}, EVENT_END),
    ],
)
def test_outside_the_window_or_unpublished_registration_is_closed(zone, change, now):
    event = zone.event(**change)
    assert refusal(zone.person(), event, now=now) == "registration_closed"
    assert not Registration.objects.exists()


def test_the_window_message_says_when_registration_opens(zone):
    event = zone.event(registration_opens_at=at(datetime.date(2026, 6, 2), 9))
    with pytest.raises(ValidationError) as caught:
        register(zone.person(), event)
    assert "2026-06-02 09:00" in caught.value.messages[0]


def test_places_divided_by_gender_need_a_registry_record(zone, make_user):
    event = zone.event(audience=Audience.EVERYONE, quota_by=QuotaBy.GENDER)
    assert refusal(make_user("enterprise_hr"), event) == "needs_profile"


def test_young_audience_is_checked_by_age_on_the_event_day(zone):
    event = zone.event(audience=Audience.YOUNG, max_age=35)
    turns_36_on_the_day = zone.person(born=EVENT_DAY.replace(year=EVENT_DAY.year - 36))
    turns_36_next_day = zone.person(
        born=EVENT_DAY.replace(year=EVENT_DAY.year - 36) + datetime.timedelta(days=1)
    )

    assert refusal(turns_36_on_the_day, event) == "not_in_audience"
    assert register(turns_36_next_day, event).status == RegistrationStatus.CONFIRMED


def test_staff_events_take_the_zones_staff_only(zone, make_user):
    event = zone.event(audience=Audience.STAFF, kind=EventKind.CADRE_TRAINING)

    assert refusal(zone.person(), event) == "not_in_audience"
    assert refusal(make_user("enterprise_hr"), event) == "not_in_audience"
    assert register(make_user("grid_officer"), event).status == RegistrationStatus.CONFIRMED
    assert register(zone.other_staff, event).status == RegistrationStatus.CONFIRMED


def test_in_zone_events_take_registry_people_in_the_zone(zone, make_user):
    event = zone.event(audience=Audience.IN_ZONE)
    left = zone.person(status=TalentStatus.LEFT)
    talent_role_without_record = make_user("talent")

    assert refusal(left, event) == "not_in_audience"
    assert refusal(talent_role_without_record, event) == "not_in_audience"
    assert register(zone.person(), event).status == RegistrationStatus.CONFIRMED


def test_talent_events_take_talents_and_everyone_events_anyone_signed_in(zone, make_user):
    for_talents = zone.event(audience=Audience.TALENTS)
    for_everyone = zone.event(audience=Audience.EVERYONE)
    hr = make_user("enterprise_hr")

    assert refusal(hr, for_talents) == "not_in_audience"
    assert register(make_user("talent"), for_talents).status == RegistrationStatus.CONFIRMED
    assert register(hr, for_everyone).status == RegistrationStatus.CONFIRMED


# Organising ----------------------------------------------------------------------------------


def save(actor, **fields):
    fields.setdefault("now", NOW)
    return services.event_save(actor=actor, **fields)


def new_event_fields(zone, **fields):
    return {
        "title": "第54期青年人才鹊桥会",
        "kind": EventKind.SOCIAL,
        "station": zone.station,
        "starts_at": EVENT_START,
        "ends_at": EVENT_END,
        "capacity": 50,
        "audience": Audience.YOUNG,
        "max_age": 35,
        **fields,
    }


def test_a_station_organises_a_social_with_quotas_as_a_draft(zone):
    event = save(
        zone.staff,
        quota_by=QuotaBy.GENDER,
        quotas={"female": 25, "male": 25},
        **new_event_fields(zone),
    )

    assert event.status == EventStatus.DRAFT and event.organiser == zone.staff
    assert event.registration_opens_at == NOW  # defaults: open now, close at the start
    assert event.registration_closes_at == EVENT_START
    assert dict(event.quotas.values_list("group", "places")) == {"female": 25, "male": 25}
    assert AuditRecord.objects.filter(target_type="events.event", action="create").count() == 1

    services.event_publish(actor=zone.staff, event=event, now=NOW)
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"quotas": {"female": 30, "male": 25}}, "quotas", "quotas_over_capacity"),
        ({"quotas": {"other": 10}}, "quotas", "unknown_group"),
        ({"quota_by": "", "quotas": {"female": 10}}, "quotas", "no_quota_by"),
        (
            {"registration_closes_at": EVENT_END + datetime.timedelta(minutes=1)},
            "registration_closes_at",
            "window_outside_event",
        ),
        (
            {"registration_opens_at": EVENT_START, "registration_closes_at": EVENT_START},
            "registration_closes_at",
            "window_reversed",
        ),
        ({"max_age": None}, "max_age", "required"),
        ({"station": None}, "station", "no_place"),
        ({"ends_at": EVENT_START}, "ends_at", "ends_before_start"),
        ({"starts_at": NOW - datetime.timedelta(hours=1)}, "starts_at", "past"),
        ({"colour": "red"}, "colour", "unknown"),
    ],
)
def test_an_event_breaking_a_rule_is_refused_beside_its_field(zone, fields, field, code):
    values = new_event_fields(zone, **{"quota_by": QuotaBy.GENDER, **fields})
    with pytest.raises(ValidationError) as caught:
        save(zone.staff, **values)
    assert code in codes(caught.value).get(field, []), codes(caught.value)
    assert not Event.objects.exists()


def test_capacity_and_quotas_cannot_drop_below_the_places_taken(zone):
    event = zone.event(capacity=3, quota_by=QuotaBy.GENDER)
    EventQuotaFactory(event=event, group="female", places=2)
    for _ in range(2):
        register(zone.person(female=True), event)
    register(zone.person(), event)

    with pytest.raises(ValidationError) as caught:
        save(zone.staff, event=event, capacity=2)
    assert codes(caught.value) == {"capacity": ["below_taken"]}
    with pytest.raises(ValidationError) as caught:
        save(zone.staff, event=event, quotas={"female": 1})
    assert codes(caught.value) == {"quotas": ["below_taken"]}
    with pytest.raises(ValidationError) as caught:
        save(zone.staff, event=event, quota_by="")
    assert codes(caught.value) == {"quota_by": ["quota_by_locked"]}


def test_more_places_go_to_the_waiting_list_at_once(zone):
    event = zone.event(capacity=1)
    register(zone.person(), event)
    waiting = [register(zone.person(), event) for _ in range(3)]

    save(zone.staff, event=event, capacity=3)

    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert Notification.objects.filter(recipient=waiting[0].user).count() == 1
    assert_counters_match(event)


def test_who_may_organise_which_event(zone, make_user):
    event = zone.event()
    with pytest.raises(PermissionDenied):
        save(zone.other_staff, event=event, title="别的驿站改名")
    with pytest.raises(PermissionDenied):
        save(zone.person(), **new_event_fields(zone))
    with pytest.raises(PermissionDenied):  # a station's staff, for another station
        save(zone.staff, **new_event_fields(zone, station=zone.other_station))
    with pytest.raises(PermissionDenied):  # agencies organise live streams in a venue only
        save(zone.agency_staff, **new_event_fields(zone))
    assert save(zone.office, event=event, title="改名").title == "改名"
    assert save(zone.staff, event=event, description="新的说明").description == "新的说明"


def test_calling_off_tells_everyone_registered_but_the_organiser(zone):
    event = zone.event(capacity=1)
    confirmed = register(zone.person(), event)
    waiting = register(zone.person(), event)
    cancelled = register(zone.person(), event)
    services.cancel_registration(actor=cancelled.user, registration=cancelled, now=NOW)

    with pytest.raises(ValidationError) as caught:
        services.event_cancel(actor=zone.staff, event=event, reason=" ", now=NOW)
    assert codes(caught.value) == {"reason": ["required"]}
    services.event_cancel(actor=zone.staff, event=event, reason="台风预警", now=NOW)

    event.refresh_from_db()
    assert (event.status, event.cancel_reason) == (EventStatus.CANCELLED, "台风预警")
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {confirmed.user_id, waiting.user_id}
    assert refusal(zone.person(), event) == "registration_closed"


def test_a_change_of_time_is_told_to_the_registrants(zone):
    event = zone.event()
    person = zone.person()
    register(person, event)

    save(zone.staff, event=event, starts_at=EVENT_START + datetime.timedelta(hours=1))

    assert Notification.objects.filter(recipient=person).count() == 1


# Reads ---------------------------------------------------------------------------------------


def test_upcoming_events_put_followed_stations_first_and_fit_the_audience(zone):
    person = zone.person(born=datetime.date(1985, 1, 1))  # 41 on the day
    own = zone.event(starts_at=EVENT_START + datetime.timedelta(days=2))
    other = zone.event(station=zone.other_station)
    too_old = zone.event(audience=Audience.YOUNG, max_age=35)
    fits_age = zone.event(audience=Audience.YOUNG, max_age=45)
    zone.event(audience=Audience.STAFF)
    zone.event(status=EventStatus.DRAFT)
    zone.event(starts_at=NOW - datetime.timedelta(days=3))  # over
    services.follow_station(actor=person, station=zone.station)
    services.follow_station(actor=person, station=zone.station)  # once is enough

    upcoming = list(queries.upcoming_for(person, now=NOW))

    assert StationFollow.objects.filter(user=person).count() == 1
    assert too_old not in upcoming
    assert upcoming[0] == fits_age and upcoming[1] == own  # followed station first, by start
    assert upcoming[2:] == [other]
    services.unfollow_station(actor=person, station=zone.station)
    assert list(queries.upcoming_for(person, now=NOW))[0] == other  # now just by start


def test_drafts_are_seen_by_their_organisers_and_the_office_only(zone, make_user):
    draft = zone.event(status=EventStatus.DRAFT)
    published = zone.event(station=StationFactory())

    assert set(queries.visible_events(zone.staff)) == {draft, published}
    assert set(queries.visible_events(zone.office)) == {draft, published}
    assert set(queries.visible_events(zone.other_staff)) == {published}
    assert set(queries.visible_events(zone.person())) == {published}
    assert zone.staff.has_perm("events.view_event", draft)
    assert not zone.other_staff.has_perm("events.view_event", draft)
