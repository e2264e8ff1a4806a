"""Trainings: sessions, attendance per session, and the certificate for those who came to
enough of them (a PDF with the embedded CJK font)."""

import datetime
import re
import zlib

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from talentzone.core.models import Notification
from talentzone.directory.models import Talent
from talentzone.events import certificates, services
from talentzone.events.choices import Audience, EventKind, EventStatus, RegistrationStatus
from talentzone.events.models import Certificate, Registration, SessionAttendance
from talentzone.events.tests.conftest import NOW, at, code_of, codes

pytestmark = pytest.mark.django_db

DAYS = [datetime.date(2026, 6, 6), datetime.date(2026, 6, 13), datetime.date(2026, 6, 20)]
START, END = at(DAYS[0], 9), at(DAYS[-1], 17)
AFTER = END + datetime.timedelta(days=1)


def sessions_rows():
    return [
        {"title": title, "starts_at": at(day, 9), "ends_at": at(day, 12)}
        for title, day in zip(("锂电池安全规范", "电芯装配实操", "结业考核"), DAYS, strict=True)
    ]


@pytest.fixture
def training(zone):
    """A skill training of the station: three Saturday sessions, 10 places, published."""
    event = services.event_save(
        actor=zone.staff,
        title="锂电池装配工技能培训班（第3期）",
        kind=EventKind.SKILL_TRAINING,
        station=zone.station,
        starts_at=START,
        ends_at=END,
        capacity=10,
        audience=Audience.TALENTS,
        sessions_required=2,
        sessions=sessions_rows(),
        now=NOW,
    )
    return services.event_publish(actor=zone.staff, event=event, now=NOW)


def register(zone, event, **person):
    return services.register(actor=zone.person(**person), event=event, now=NOW)


def attend(zone, event, registration, day_index, session=None):
    return services.check_in(
        actor=zone.staff,
        event=event,
        code=registration.code,
        session=session,
        now=at(DAYS[day_index], 9, 5),
    )


def test_sessions_are_numbered_in_order(training):
    assert list(training.sessions.values_list("number", "title")) == [
        (1, "锂电池安全规范"),
        (2, "电芯装配实操"),
        (3, "结业考核"),
    ]


def test_attendance_is_taken_per_session_and_the_first_makes_the_registration_attended(
    zone, training
):
    registration = register(zone, training)
    sessions = list(training.sessions.all())

    attend(zone, training, registration, 0)  # the session under way is found
    stored = Registration.objects.get(pk=registration.pk)
    assert stored.status == RegistrationStatus.ATTENDED
    assert stored.checked_in_at == at(DAYS[0], 9, 5)

    with pytest.raises(ValidationError) as caught:  # the same session twice
        attend(zone, training, registration, 0, session=sessions[0])
    assert code_of(caught.value) == "already_checked_in"
    assert "2026-06-06 09:05" in caught.value.messages[0]

    attend(zone, training, registration, 2, session=sessions[2])
    assert set(
        SessionAttendance.objects.filter(registration=registration).values_list(
            "session__number", flat=True
        )
    ) == {1, 3}
    stored = Registration.objects.get(pk=registration.pk)
    assert stored.checked_in_at == at(DAYS[0], 9, 5)  # the first check-in stays


def test_between_sessions_check_in_is_closed(zone, training):
    registration = register(zone, training)
    with pytest.raises(ValidationError) as caught:
        services.check_in(
            actor=zone.staff, event=training, code=registration.code, now=at(DAYS[0], 15)
        )
    assert code_of(caught.value) == "checkin_closed"
    assert "2026-06-13 07:00" in caught.value.messages[0]  # the next session's doors


def test_a_session_of_another_training_is_refused(zone, training):
    other = services.event_save(
        actor=zone.staff,
        title="叉车司机培训",
        kind=EventKind.SKILL_TRAINING,
        station=zone.station,
        starts_at=START,
        ends_at=END,
        capacity=5,
        sessions=sessions_rows()[:1],
        now=NOW,
    )
    registration = register(zone, training)
    with pytest.raises(ValidationError) as caught:
        attend(zone, training, registration, 0, session=other.sessions.get())
    assert codes(caught.value) == {"session": ["wrong_session"]}


def test_certificates_only_after_the_end_and_only_with_enough_sessions(zone, training):
    twice, once, never = (register(zone, training) for _ in range(3))
    attend(zone, training, twice, 0)
    attend(zone, training, twice, 1)
    attend(zone, training, once, 0)

    with pytest.raises(ValidationError) as caught:
        services.issue_certificates(
            actor=zone.staff, event=training, now=END - datetime.timedelta(minutes=1)
        )
    assert code_of(caught.value) == "not_ended"

    issued = services.issue_certificates(actor=zone.staff, event=training, now=AFTER)

    assert [c.registration_id for c in issued] == [twice.pk]
    certificate = issued[0]
    assert certificate.sessions_attended == 2
    assert certificate.number == f"TZ2026-{training.pk:05d}-0001"
    assert Notification.objects.filter(recipient=twice.user).count() == 1
    assert not Notification.objects.filter(recipient__in=[once.user, never.user]).exists()
    # Issued once: again, nobody new.
    assert services.issue_certificates(actor=zone.staff, event=training, now=AFTER) == []
    assert Certificate.objects.count() == 1


def test_without_sessions_required_every_session_is_needed(zone, training):
    training = services.event_save(
        actor=zone.staff, event=training, sessions_required=None, now=NOW
    )
    all_three, two = register(zone, training), register(zone, training)
    for index in range(3):
        attend(zone, training, all_three, index)
    for index in range(2):
        attend(zone, training, two, index)

    issued = services.issue_certificates(actor=zone.staff, event=training, now=AFTER)

    assert [c.registration_id for c in issued] == [all_three.pk]


def test_certificates_are_for_trainings_of_ones_own(zone, training):
    with pytest.raises(ValidationError) as caught:
        services.issue_certificates(
            actor=zone.staff,
            event=zone.event(starts_at=NOW + datetime.timedelta(days=1)),
            now=AFTER,
        )
    assert code_of(caught.value) == "not_a_training"
    with pytest.raises(PermissionDenied):
        services.issue_certificates(actor=zone.other_staff, event=training, now=AFTER)


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"sessions_required": 4}, "sessions_required", None),
        (
            {
                "sessions": [
                    {"title": "早到", "starts_at": at(DAYS[0], 7), "ends_at": at(DAYS[0], 10)}
                ]
            },
            "sessions",
            "outside_event",
        ),
        (
            {"sessions": [{"title": "", "starts_at": at(DAYS[0], 9), "ends_at": at(DAYS[0], 10)}]},
            "sessions",
            "required",
        ),
    ],
)
def test_sessions_must_fit_the_training(zone, training, change, field, code):
    with pytest.raises(ValidationError) as caught:
        services.event_save(actor=zone.staff, event=training, now=NOW, **change)
    found = codes(caught.value)
    assert field in found or "sessions" in found, found
    if code:
        assert code in found[field]


def test_a_session_with_attendance_cannot_be_removed(zone, training):
    registration = register(zone, training)
    attend(zone, training, registration, 0)
    with pytest.raises(ValidationError) as caught:
        services.event_save(
            actor=zone.staff,
            event=training,
            sessions=sessions_rows()[1:],
            sessions_required=1,
            now=NOW,
        )
    assert "session_has_attendance" in codes(caught.value)["sessions"]


def test_only_a_training_has_sessions(zone):
    with pytest.raises(ValidationError) as caught:
        services.event_save(
            actor=zone.staff,
            title="人才日",
            kind=EventKind.TALENT_DAY,
            station=zone.station,
            starts_at=START,
            ends_at=at(DAYS[0], 17),
            capacity=100,
            sessions=sessions_rows()[:1],
            now=NOW,
        )
    assert codes(caught.value) == {"sessions": ["not_a_training"]}


# The certificate as PDF ------------------------------------------------------------------------


def pdf_text(data: bytes) -> bytes:
    """The PDF's bytes with every compressed stream inflated (to search them)."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.fixture
def certificate(zone, training):
    registration = register(zone, training, female=True)
    Talent.objects.filter(user=registration.user).update(name="林晓雯")
    attend(zone, training, registration, 0)
    attend(zone, training, registration, 1)
    (issued,) = services.issue_certificates(actor=zone.staff, event=training, now=AFTER)
    return issued


def test_the_certificate_is_a_pdf_with_the_embedded_cjk_font_and_its_number(certificate):
    data = certificates.render_pdf(certificate)

    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data  # a TrueType font embedded...
    assert b"WenQuanYiMicroHei" in data  # ...the CJK one of the setting
    text = pdf_text(data)
    assert f"({certificate.number})".encode() in text  # the number, drawn as text
    assert certificate.number.encode() in data  # and in the metadata


def test_the_certificate_is_landscape_a4(certificate):
    data = certificates.render_pdf(certificate)
    assert re.search(rb"/MediaBox \[\s*0 0 841\.8\d* 595\.27\d*\s*\]", data)


def test_a_missing_font_is_a_clear_configuration_error(certificate, settings, tmp_path):
    settings.TALENTZONE_PDF_FONT = str(tmp_path / "missing.ttc")
    with pytest.raises(ImproperlyConfigured, match="TALENTZONE_PDF_FONT"):
        certificates.render_pdf(certificate)


def test_a_cancelled_training_issues_nothing(zone, training):
    services.event_cancel(actor=zone.staff, event=training, reason="讲师临时无法到场", now=NOW)
    with pytest.raises(ValidationError) as caught:
        services.issue_certificates(actor=zone.staff, event=training, now=AFTER)
    assert code_of(caught.value) == "wrong_status"
    assert training.__class__.objects.get(pk=training.pk).status == EventStatus.CANCELLED
