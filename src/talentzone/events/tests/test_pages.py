"""events' pages: each renders for the roles that may see it (in Chinese, the default, and in
English) and answers 403 (may not act) or 404 (may not see) to the others; a talent registers,
sees their code and QR code and their place on the waiting list; organisers save events (errors
beside the field, nothing written), read and export the registrations, check people in at the
door (a reused code refused, saying why), issue certificates and read attendance figures.

These pages run on the real clock, so the scenes here are set relative to now."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from talentzone.directory.models import Talent
from talentzone.events import services
from talentzone.events.choices import EventKind, EventStatus, QuotaBy, RegistrationStatus
from talentzone.events.models import Certificate, Event, Registration, StationFollow
from talentzone.events.tests.factories import (
    EventFactory,
    EventQuotaFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
HOUR = datetime.timedelta(hours=1)


def url(name: str, *args) -> str:
    return reverse(f"events:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def get(client, user, path, **headers):
    client.force_login(user)
    return client.get(path, **{**ENGLISH, **headers})


def post(client, user, path, data=None, **headers):
    client.force_login(user)
    return client.post(path, data or {}, **{**ENGLISH, **headers})


def soon(**fields) -> dict:
    """An event under way in an hour (check-in open), registration open since yesterday."""
    now = timezone.now()
    return {
        "starts_at": now + HOUR,
        "ends_at": now + 3 * HOUR,
        "registration_opens_at": now - 24 * HOUR,
        "registration_closes_at": now + HOUR,
        **fields,
    }


@dataclass
class Scene:
    """The zone of conftest.Stations with a published social of the station (2 places, one
    for women and one for men), a draft of the other station, a talent man and a talent woman
    (with accounts), and a training that ended yesterday with one session."""

    zone: object
    social: Event
    draft: Event
    training: Event
    man: object
    woman: object


@pytest.fixture
def scene(zone) -> Scene:
    social = zone.event(title="第54期青年人才鹊桥会", capacity=2, quota_by=QuotaBy.GENDER, **soon())
    EventQuotaFactory(event=social, group="female", places=1)
    EventQuotaFactory(event=social, group="male", places=1)
    draft = EventFactory(
        title="漳湾驿站草稿活动",
        station=zone.other_station,
        organiser=zone.other_staff,
        status=EventStatus.DRAFT,
        **soon(),
    )
    now = timezone.now()
    training = zone.event(
        title="锂电池工艺技能培训",
        kind=EventKind.SKILL_TRAINING,
        starts_at=now - 30 * HOUR,
        ends_at=now - 24 * HOUR,
        registration_opens_at=now - 100 * HOUR,
        registration_closes_at=now - 31 * HOUR,
    )
    TrainingSessionFactory(event=training, number=1, title="第1课")
    man = zone.person(female=False)
    woman = zone.person(female=True)
    return Scene(zone, social, draft, training, man, woman)


# Who sees which page --------------------------------------------------------------------------


def pages(scene):
    """(page, url, users who may see it, {user: status for the others})."""
    s = scene
    return [
        ("upcoming", url("upcoming"), ("man", "office", "staff"), {}),
        ("event", url("event-detail", s.social.pk), ("man", "office", "staff", "other_staff"), {}),
        (
            "draft",
            url("event-detail", s.draft.pk),
            ("office", "other_staff"),
            {"man": 404, "staff": 404},
        ),
        ("my registrations", url("my-registrations"), ("man",), {}),
        ("my certificates", url("my-certificates"), ("man",), {}),
        (
            "event list",
            url("event-list"),
            ("office", "leader", "staff", "agency_staff"),
            {"man": 403},
        ),
        ("new event", url("event-create"), ("office", "staff"), {"man": 403, "leader": 403}),
        (
            "edit",
            url("event-edit", s.social.pk),
            ("office", "staff"),
            {"other_staff": 403, "man": 403},
        ),
        (
            "registrations",
            url("registrations", s.social.pk),
            ("office", "staff"),
            {"other_staff": 403, "man": 403},
        ),
        (
            "check-in",
            url("check-in", s.social.pk),
            ("office", "staff"),
            {"other_staff": 403, "man": 403},
        ),
        ("attendance", url("attendance"), ("office", "leader", "staff"), {"man": 403}),
    ]


def person(scene, name):
    return getattr(scene, name) if name in ("man", "woman") else getattr(scene.zone, name)


@pytest.mark.parametrize("language", [CHINESE, ENGLISH], ids=["zh-hans", "en"])
def test_each_page_renders_for_those_who_may_see_it_and_refuses_the_others(client, scene, language):
    for page, path, readers, others in pages(scene):
        for name in readers:
            response = get(client, person(scene, name), path, **language)
            assert response.status_code == 200, (page, name, response.status_code)
            lang = "zh-hans" if language is CHINESE else "en"
            assert f'<html lang="{lang}">' in text(response), (page, name)
        for name, status in others.items():
            response = get(client, person(scene, name), path, **language)
            assert response.status_code == status, (page, name, response.status_code)


def test_the_menu_offers_talents_their_events_and_organisers_theirs(client, scene):
    page = text(get(client, scene.man, reverse("home")))
    assert url("upcoming") in page and url("my-registrations") in page
    assert url("event-list") not in page
    page = text(get(client, scene.zone.staff, reverse("home")))
    assert url("event-list") in page and url("attendance") in page


# Talents --------------------------------------------------------------------------------------


def test_a_talent_registers_and_sees_the_code_the_qr_code_and_the_places_left(client, scene):
    response = post(client, scene.man, url("register", scene.social.pk))
    assert response.status_code == 302
    registration = Registration.objects.get(event=scene.social, user=scene.man)
    assert registration.status == RegistrationStatus.CONFIRMED
    page = text(get(client, scene.man, url("my-registrations")))
    assert registration.code in page
    assert "<svg" in page and 'data-testid="qr-code"' in page
    detail = text(get(client, scene.man, url("event-detail", scene.social.pk)))
    assert 'data-status="confirmed"' in detail
    assert "1 of 2 taken, 1 left" in detail
    assert 'data-group="male"' in detail


def test_a_full_group_puts_the_next_man_on_the_waiting_list_with_his_position(client, scene):
    post(client, scene.man, url("register", scene.social.pk))
    second = scene.zone.person(female=False)
    response = post(client, second, url("register", scene.social.pk))
    assert response.status_code == 302
    registration = Registration.objects.get(event=scene.social, user=second)
    assert registration.status == RegistrationStatus.WAITLISTED
    page = text(get(client, second, url("my-registrations")))
    assert "You are number 1 on the waiting list." in page
    detail = text(get(client, second, url("event-detail", scene.social.pk)))
    assert "1 person waiting" in detail


def test_someone_outside_the_audience_is_told_who_it_is_for_instead_of_a_sign_up_button(
    client, scene
):
    page = text(get(client, scene.zone.staff, url("event-detail", scene.social.pk)))
    assert 'data-testid="not-in-audience"' in page
    assert 'data-testid="register-form"' not in page
    talent_page = text(get(client, scene.man, url("event-detail", scene.social.pk)))
    assert 'data-testid="register-form"' in talent_page


def test_registering_twice_is_refused_with_the_reason(client, scene):
    post(client, scene.man, url("register", scene.social.pk))
    response = post(client, scene.man, url("register", scene.social.pk))
    assert response.status_code == 400
    assert "already registered" in text(response)
    assert Registration.objects.filter(event=scene.social, user=scene.man).count() == 1


def test_cancelling_gives_the_place_to_the_first_in_line(client, scene):
    post(client, scene.man, url("register", scene.social.pk))
    second = scene.zone.person(female=False)
    post(client, second, url("register", scene.social.pk))
    mine = Registration.objects.get(event=scene.social, user=scene.man)
    response = post(client, scene.man, url("registration-cancel", mine.pk))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(event=scene.social, user=second).status == "confirmed"


def test_someone_elses_registration_cannot_be_cancelled(client, scene):
    post(client, scene.man, url("register", scene.social.pk))
    mine = Registration.objects.get(event=scene.social, user=scene.man)
    response = post(client, scene.woman, url("registration-cancel", mine.pk))
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CONFIRMED


def test_following_a_station_puts_its_events_first(client, scene):
    other = EventFactory(
        title="漳湾驿站人才日",
        station=scene.zone.other_station,
        **soon(starts_at=timezone.now() + 0.5 * HOUR),
    )
    page = text(get(client, scene.man, url("upcoming")))
    assert page.index(other.title) < page.index(scene.social.title)
    response = post(client, scene.man, url("station-follow", scene.zone.station.pk))
    assert response.status_code == 302
    assert StationFollow.objects.filter(user=scene.man, station=scene.zone.station).exists()
    page = text(get(client, scene.man, url("upcoming")))
    assert page.index(scene.social.title) < page.index(other.title)
    post(client, scene.man, url("station-unfollow", scene.zone.station.pk))
    assert not StationFollow.objects.filter(user=scene.man).exists()


# Organisers -----------------------------------------------------------------------------------


def form_data(zone, **fields) -> dict:
    now = timezone.localtime() + datetime.timedelta(days=3)
    day = now.strftime("%Y-%m-%d")
    data = {
        "title": "第55期青年人才鹊桥会",
        "kind": EventKind.SOCIAL,
        "description": "交友联谊",
        "station": zone.station.pk,
        "venue": "",
        "place": "驿站二楼",
        "starts_at": f"{day}T19:00",
        "ends_at": f"{day}T21:00",
        "capacity": "40",
        "quota_by": QuotaBy.GENDER,
        "quota_male": "20",
        "quota_female": "20",
        "registration_opens_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "registration_closes_at": f"{day}T12:00",
        "audience": "talents",
        "max_age": "",
        "sessions_required": "",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "60",
    }
    data.update(fields)
    return data


def test_station_staff_create_an_event_with_quotas(client, scene):
    response = post(client, scene.zone.staff, url("event-create"), form_data(scene.zone))
    assert response.status_code == 302, text(response)
    event = Event.objects.get(title="第55期青年人才鹊桥会")
    assert event.status == EventStatus.DRAFT
    assert {q.group: q.places for q in event.quotas.all()} == {"male": 20, "female": 20}
    assert response["Location"] == url("event-detail", event.pk)
    response = post(client, scene.zone.staff, url("event-publish", event.pk))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_a_pasted_description_keeps_its_formatting_and_loses_its_script(client, scene):
    description = (
        "<p>交友联谊<strong>免费</strong></p><script>alert(1)</script>"
        '<a href="javascript:alert(2)" onclick="x()">报名</a>'
    )
    data = form_data(scene.zone, description=description)
    response = post(client, scene.zone.staff, url("event-create"), data)
    assert response.status_code == 302, text(response)
    event = Event.objects.get(title="第55期青年人才鹊桥会")
    assert (
        event.description
        == '<p>交友联谊<strong>免费</strong></p><a rel="noopener noreferrer">报名</a>'
    )
    page = text(get(client, scene.zone.staff, url("event-detail", event.pk)))
    assert "<p>交友联谊<strong>免费</strong></p>" in page and "alert(" not in page


def test_the_event_form_shows_each_error_beside_its_field_and_writes_nothing(client, scene):
    data = form_data(scene.zone, quota_male="30", quota_female="30", station="")
    response = post(client, scene.zone.office, url("event-create"), data)
    assert response.status_code == 400
    assert "Choose a talent station or a park venue." in text(response)
    data = form_data(scene.zone, quota_male="30", quota_female="30")
    response = post(client, scene.zone.office, url("event-create"), data)
    assert response.status_code == 400
    assert 'id="id_quota_female"' in text(response) and "is-invalid" in text(response)
    assert not Event.objects.filter(title="第55期青年人才鹊桥会").exists()


def test_a_training_is_saved_with_its_sessions(client, scene):
    day = (timezone.localtime() + datetime.timedelta(days=5)).strftime("%Y-%m-%d")
    data = form_data(
        scene.zone,
        title="叉车操作技能培训",
        kind=EventKind.SKILL_TRAINING,
        quota_by="",
        quota_male="",
        quota_female="",
        starts_at=f"{day}T09:00",
        ends_at=f"{day}T17:00",
        registration_closes_at=f"{day}T08:00",
        **{
            "sessions-0-title": "理论",
            "sessions-0-starts_at": f"{day}T09:00",
            "sessions-0-ends_at": f"{day}T12:00",
            "sessions-1-title": "实操",
            "sessions-1-starts_at": f"{day}T13:00",
            "sessions-1-ends_at": f"{day}T17:00",
        },
    )
    response = post(client, scene.zone.office, url("event-create"), data)
    assert response.status_code == 302, text(response)
    event = Event.objects.get(title="叉车操作技能培训")
    assert [s.title for s in event.sessions.order_by("number")] == ["理论", "实操"]


def test_the_registrations_list_filters_and_exports_to_excel(client, scene):
    services.register(actor=scene.man, event=scene.social)
    services.register(actor=scene.woman, event=scene.social)
    third = scene.zone.person(female=True)
    services.register(actor=third, event=scene.social)
    page = text(get(client, scene.zone.staff, url("registrations", scene.social.pk)))
    assert page.count('data-testid="registration-row"') == 3
    page = text(
        get(client, scene.zone.staff, url("registrations", scene.social.pk) + "?status=waitlisted")
    )
    assert page.count('data-testid="registration-row"') == 1
    response = get(client, scene.zone.staff, url("registrations-export", scene.social.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Check-in code"
    codes = {row[0] for row in rows[1:]}
    assert codes == set(
        Registration.objects.filter(event=scene.social).values_list("code", flat=True)
    )
    response = get(client, scene.zone.other_staff, url("registrations-export", scene.social.pk))
    assert response.status_code == 403


def test_the_door_lets_a_code_in_once_and_refuses_it_again_saying_why(client, scene):
    registration = services.register(actor=scene.woman, event=scene.social)
    typed = f" {registration.code[:4].lower()}-{registration.code[4:]} "
    response = post(client, scene.zone.staff, url("check-in", scene.social.pk), {"code": typed})
    assert response.status_code == 200
    page = text(response)
    assert 'data-ok="true"' in page
    assert Talent.objects.get(user=scene.woman).name in page
    assert "Female" in page
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED
    response = post(
        client, scene.zone.staff, url("check-in", scene.social.pk), {"code": registration.code}
    )
    assert response.status_code == 400
    assert 'data-ok="false"' in text(response)
    assert "Already checked in" in text(response)
    response = post(
        client, scene.zone.staff, url("check-in", scene.social.pk), {"code": "ZZZZ2222"}
    )
    assert response.status_code == 400
    assert "not a registration for this event" in text(response)


def test_the_check_in_page_loads_its_scanner_script_from_our_own_static_files(client, scene):
    page = text(get(client, scene.zone.staff, url("check-in", scene.social.pk)))
    assert "/static/events/checkin.js" in page
    assert "autofocus" in page
    assert "https://" not in page.split("<body")[1]


def test_a_training_issues_certificates_that_their_holders_download(client, scene):
    registration = Registration.objects.create(
        event=scene.training,
        user=scene.man,
        talent=Talent.objects.get(user=scene.man),
        status=RegistrationStatus.ATTENDED,
        checked_in_at=scene.training.starts_at,
    )
    session = scene.training.sessions.get()
    session.attendances.create(
        registration=registration,
        checked_in_at=scene.training.starts_at,
        checked_in_by=scene.zone.staff,
    )
    response = post(client, scene.zone.staff, url("certificates-issue", scene.training.pk))
    assert response.status_code == 302
    certificate = Certificate.objects.get(registration=registration)
    page = text(get(client, scene.man, url("my-certificates")))
    assert certificate.number in page
    response = get(client, scene.man, url("certificate-pdf", certificate.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert get(client, scene.woman, url("certificate-pdf", certificate.pk)).status_code == 404


def test_attendance_figures_per_event_and_per_station(client, scene):
    now = timezone.now()
    past = scene.zone.event(
        title="五月人才日",
        starts_at=now - 48 * HOUR,
        ends_at=now - 46 * HOUR,
        registration_opens_at=now - 100 * HOUR,
        registration_closes_at=now - 49 * HOUR,
        capacity=10,
        confirmed=2,
    )
    Registration.objects.create(
        event=past, user=scene.man, status=RegistrationStatus.ATTENDED, checked_in_at=past.starts_at
    )
    Registration.objects.create(event=past, user=scene.woman, status=RegistrationStatus.CONFIRMED)
    page = text(get(client, scene.zone.leader, url("attendance")))
    assert 'data-testid="station-attendance-row"' in page
    assert "蕉城人才驿站" in page
    assert "五月人才日" in page and "50%" in page


def test_a_training_is_checked_in_session_by_session(client, scene):
    now = timezone.now()
    training = scene.zone.event(
        title="电工技能培训",
        kind=EventKind.SKILL_TRAINING,
        **soon(ends_at=now + 30 * HOUR),
    )
    first = TrainingSessionFactory(event=training, number=1, starts_at=now + HOUR)
    second = TrainingSessionFactory(event=training, number=2, starts_at=now + 25 * HOUR)
    registration = services.register(actor=scene.man, event=training)
    page = url("check-in", training.pk)
    response = post(
        client, scene.zone.staff, page, {"code": registration.code, "session": first.pk}
    )
    assert response.status_code == 200
    assert 'data-ok="true"' in text(response)
    assert first.attendances.filter(registration=registration).exists()
    response = post(
        client, scene.zone.staff, page, {"code": registration.code, "session": first.pk}
    )
    assert response.status_code == 400
    assert "Already checked in to session 1" in text(response)
    # The second session's door opens two hours before it starts.
    response = post(
        client, scene.zone.staff, page, {"code": registration.code, "session": second.pk}
    )
    assert response.status_code == 400
    assert "Check-in is open from" in text(response)
    assert f"?session={second.pk}" in text(get(client, scene.zone.staff, page))
