"""The events API: each endpoint for the roles that may use it and one that may not (403 for a
visible event one may not organise, 404 for one outside one's scope, 400 on the field at fault,
never 500), registering and cancelling, the door's check-in with a reused or wrong code refused
on `code`, certificates and followed stations."""

import datetime

import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.events import services
from talentzone.events.choices import EventKind, EventStatus, QuotaBy, RegistrationStatus
from talentzone.events.models import Certificate, Event, Registration, StationFollow
from talentzone.events.tests.factories import (
    EventFactory,
    EventQuotaFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/events"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def client_for(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def errors_of(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content)
    return response.json()


def soon(**fields) -> dict:
    now = timezone.now()
    return {
        "starts_at": now + HOUR,
        "ends_at": now + 3 * HOUR,
        "registration_opens_at": now - 24 * HOUR,
        "registration_closes_at": now + HOUR,
        **fields,
    }


@pytest.fixture
def social(zone):
    event = zone.event(title="第54期青年人才鹊桥会", capacity=2, quota_by=QuotaBy.GENDER, **soon())
    EventQuotaFactory(event=event, group="female", places=1)
    EventQuotaFactory(event=event, group="male", places=1)
    return event


@pytest.fixture
def draft(zone):
    return EventFactory(
        station=zone.other_station, organiser=zone.other_staff, status=EventStatus.DRAFT, **soon()
    )


def new_event(zone, **fields) -> dict:
    day = timezone.localtime() + datetime.timedelta(days=3)
    start = day.replace(hour=19, minute=0, second=0, microsecond=0)
    return {
        "title": "第55期青年人才鹊桥会",
        "kind": EventKind.SOCIAL,
        "station": zone.station.pk,
        "starts_at": start.isoformat(),
        "ends_at": (start + 2 * HOUR).isoformat(),
        "capacity": 40,
        "quota_by": QuotaBy.GENDER,
        "quotas": [{"group": "female", "places": 20}, {"group": "male", "places": 20}],
        "registration_opens_at": timezone.localtime().isoformat(),
        "registration_closes_at": (start - 6 * HOUR).isoformat(),
        "audience": "talents",
        **fields,
    }


# Events --------------------------------------------------------------------------------------


def test_everyone_lists_the_published_events_and_organisers_their_drafts(zone, social, draft):
    talent = zone.person()
    ids = [row["id"] for row in client_for(talent).get(f"{API}/events/").json()["results"]]
    assert social.pk in ids and draft.pk not in ids
    assert client_for(talent).get(f"{API}/events/{draft.pk}/").status_code == 404
    ids = [
        row["id"] for row in client_for(zone.other_staff).get(f"{API}/events/").json()["results"]
    ]
    assert draft.pk in ids
    body = client_for(talent).get(f"{API}/events/{social.pk}/").json()
    assert body["places_left"] == 2
    assert {row["group"]: row["places"] for row in body["quotas"]} == {"female": 1, "male": 1}


def test_a_description_sent_with_a_script_is_stored_without_it(zone):
    data = new_event(zone, description='<p onclick="x()">讲座</p><iframe src="//evil"></iframe>')
    response = client_for(zone.staff).post(f"{API}/events/", data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["description"] == "<p>讲座</p>"


def test_station_staff_create_update_publish_and_cancel_their_events(zone):
    client = client_for(zone.staff)
    response = client.post(f"{API}/events/", new_event(zone), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["organiser"] == zone.staff.pk
    pk = body["id"]
    response = client.patch(f"{API}/events/{pk}/", {"capacity": 50}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["capacity"] == 50
    assert client.post(f"{API}/events/{pk}/publish/").json()["status"] == "published"
    errors = errors_of(client.post(f"{API}/events/{pk}/cancel/", {}, format="json"))
    assert "reason" in errors
    response = client.post(f"{API}/events/{pk}/cancel/", {"reason": "台风"}, format="json")
    assert response.json()["status"] == "cancelled"


def test_who_may_not_organise_is_refused_before_the_input_is_read(zone, social):
    talent = zone.person()
    assert client_for(talent).post(f"{API}/events/", {}, format="json").status_code == 403
    assert client_for(zone.leader).post(f"{API}/events/", {}, format="json").status_code == 403
    other = client_for(zone.other_staff)
    assert other.patch(f"{API}/events/{social.pk}/", {}, format="json").status_code == 403
    assert other.post(f"{API}/events/{social.pk}/publish/").status_code == 403
    assert other.get(f"{API}/events/{social.pk}/registrations/").status_code == 403
    # Station staff organise their own station's events only.
    data = new_event(zone, station=zone.other_station.pk)
    assert client_for(zone.staff).post(f"{API}/events/", data, format="json").status_code == 403


def test_a_bad_event_is_refused_on_the_field_at_fault(zone):
    client = client_for(zone.office)
    errors = errors_of(client.post(f"{API}/events/", new_event(zone, station=None), format="json"))
    assert "station" in errors
    data = new_event(
        zone, quotas=[{"group": "female", "places": 30}, {"group": "male", "places": 30}]
    )
    assert "quotas" in errors_of(client.post(f"{API}/events/", data, format="json"))
    data = new_event(zone, quotas=[{"group": "other", "places": 3}])
    assert "quotas" in errors_of(client.post(f"{API}/events/", data, format="json"))
    data = new_event(zone, kind="party")
    assert "kind" in errors_of(client.post(f"{API}/events/", data, format="json"))
    data = new_event(zone, sessions=[{"title": "一", "starts_at": "x", "ends_at": "y"}])
    assert "sessions" in errors_of(client.post(f"{API}/events/", data, format="json"))
    assert not Event.objects.exists()


# Registrations -------------------------------------------------------------------------------


def test_a_talent_registers_sees_the_qr_code_and_cancels(zone, social):
    man = zone.person()
    client = client_for(man)
    response = client.post(f"{API}/registrations/", {"event": social.pk}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "confirmed" and body["group"] == "male" and body["position"] is None
    assert body["qr_svg"].startswith("<svg") and len(body["code"]) == 8
    errors = errors_of(client.post(f"{API}/registrations/", {"event": social.pk}, format="json"))
    assert "already registered" in str(errors)
    listed = client.get(f"{API}/registrations/").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    second = zone.person()
    waiting = client_for(second).post(f"{API}/registrations/", {"event": social.pk}, format="json")
    assert waiting.json()["status"] == "waitlisted" and waiting.json()["position"] == 1
    response = client.post(f"{API}/registrations/{body['id']}/cancel/")
    assert response.json()["status"] == "cancelled"
    assert Registration.objects.get(pk=waiting.json()["id"]).status == "confirmed"
    # Someone else's registration is not found.
    assert (
        client_for(zone.person()).post(f"{API}/registrations/{body['id']}/cancel/").status_code
        == 404
    )


def test_registering_for_an_unseen_event_is_a_400_on_event(zone, draft):
    errors = errors_of(
        client_for(zone.person()).post(f"{API}/registrations/", {"event": draft.pk}, format="json")
    )
    assert errors == {"event": ["No such event."]}
    errors = errors_of(client_for(zone.person()).post(f"{API}/registrations/", {}, format="json"))
    assert "event" in errors


def test_organisers_read_an_events_registrations_and_figures(zone, social):
    services.register(actor=zone.person(), event=social)
    services.register(actor=zone.person(female=True), event=social)
    services.register(actor=zone.person(), event=social)
    client = client_for(zone.staff)
    rows = client.get(f"{API}/events/{social.pk}/registrations/").json()
    assert rows["count"] == 3
    rows = client.get(f"{API}/events/{social.pk}/registrations/?status=waitlisted").json()
    assert rows["count"] == 1
    figures = client.get(f"{API}/events/{social.pk}/attendance/").json()
    assert figures["confirmed"] == 2 and figures["waitlisted"] == 1
    assert client_for(zone.person()).get(f"{API}/events/{social.pk}/attendance/").status_code == 403
    stations = client_for(zone.leader).get(f"{API}/station-attendance/").json()
    assert {row["station_name"] for row in stations} >= {"蕉城人才驿站", "漳湾人才驿站"}
    assert client_for(zone.person()).get(f"{API}/station-attendance/").status_code == 403
    assert "start" in errors_of(client_for(zone.leader).get(f"{API}/station-attendance/?start=x"))


# Check-in ------------------------------------------------------------------------------------


def test_the_door_checks_a_code_in_once(zone, social):
    registration = services.register(actor=zone.person(female=True), event=social)
    client = client_for(zone.staff)
    data = {"event": social.pk, "code": registration.code.lower()}
    response = client.post(f"{API}/check-in/", data, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["registration"]["status"] == "attended"
    errors = errors_of(client.post(f"{API}/check-in/", data, format="json"))
    assert "Already checked in" in errors["code"][0]
    errors = errors_of(
        client.post(f"{API}/check-in/", {"event": social.pk, "code": "ZZZZ2222"}, format="json")
    )
    assert "code" in errors
    assert (
        client_for(zone.other_staff).post(f"{API}/check-in/", data, format="json").status_code
        == 403
    )
    assert (
        client_for(zone.person()).post(f"{API}/check-in/", data, format="json").status_code == 403
    )
    errors = errors_of(client.post(f"{API}/check-in/", {**data, "session": 999}, format="json"))
    assert "session" in errors


# Certificates and followed stations ----------------------------------------------------------


def test_certificates_are_listed_and_downloaded_by_their_holder(zone):
    now = timezone.now()
    training = zone.event(
        kind=EventKind.SKILL_TRAINING,
        starts_at=now - 30 * HOUR,
        ends_at=now - 24 * HOUR,
        registration_opens_at=now - 100 * HOUR,
        registration_closes_at=now - 31 * HOUR,
    )
    TrainingSessionFactory(event=training, number=1)
    man = zone.person()
    registration = Registration.objects.create(
        event=training,
        user=man,
        status=RegistrationStatus.ATTENDED,
        checked_in_at=training.starts_at,
    )
    training.sessions.get().attendances.create(
        registration=registration, checked_in_at=training.starts_at, checked_in_by=zone.staff
    )
    response = client_for(zone.staff).post(f"{API}/events/{training.pk}/issue-certificates/")
    assert response.status_code == 201, response.content
    certificate = Certificate.objects.get()
    rows = client_for(man).get(f"{API}/certificates/").json()["results"]
    assert [row["number"] for row in rows] == [certificate.number]
    pdf = client_for(man).get(f"{API}/certificates/{certificate.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client_for(zone.person()).get(f"{API}/certificates/{certificate.pk}/pdf/").status_code
        == 404
    )


def test_following_and_unfollowing_a_station(zone):
    talent = zone.person()
    client = client_for(talent)
    response = client.post(f"{API}/followed-stations/", {"station": zone.station.pk}, format="json")
    assert response.status_code == 201, response.content
    assert (
        client.get(f"{API}/followed-stations/").json()["results"][0]["station_name"]
        == "蕉城人才驿站"
    )
    assert "station" in errors_of(
        client.post(f"{API}/followed-stations/", {"station": 0}, format="json")
    )
    assert client.delete(f"{API}/followed-stations/{zone.station.pk}/").status_code == 204
    assert not StationFollow.objects.filter(user=talent).exists()
    assert client.delete(f"{API}/followed-stations/{zone.station.pk}/").status_code == 404
