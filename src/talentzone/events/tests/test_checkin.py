"""Check-in at the door: by the registration's code, scanned or typed, for the right event,
once, and only for someone with a place, in the hours around the event."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.core.models import AuditRecord
from talentzone.events import queries, services
from talentzone.events.choices import RegistrationStatus
from talentzone.events.models import Registration
from talentzone.events.tests.conftest import EVENT_END, EVENT_START, NOW, codes

pytestmark = pytest.mark.django_db

DOORS_OPEN = EVENT_START - datetime.timedelta(hours=2)


def register(user, event):
    return services.register(actor=user, event=event, now=NOW)


def check_in(actor, event, code, now=EVENT_START):
    return services.check_in(actor=actor, event=event, code=code, now=now)


def refusal(actor, event, code, now=EVENT_START) -> tuple[str, str, str]:
    with pytest.raises(ValidationError) as caught:
        check_in(actor, event, code, now)
    ((field, found),) = codes(caught.value).items()
    return field, found[0], caught.value.messages[0]


def test_a_confirmed_person_is_let_in_once_and_becomes_attended(zone):
    event = zone.event()
    registration = register(zone.person(), event)

    done = check_in(zone.staff, event, registration.code, now=EVENT_START)

    assert done.pk == registration.pk
    stored = Registration.objects.get(pk=registration.pk)
    assert stored.status == RegistrationStatus.ATTENDED
    assert (stored.checked_in_at, stored.checked_in_by) == (EVENT_START, zone.staff)
    assert AuditRecord.objects.filter(
        target_type="events.registration", target_id=str(registration.pk), action="update"
    ).exists()


def test_a_typed_code_is_read_in_lower_case_with_spaces_and_dashes(zone):
    event = zone.event()
    registration = register(zone.person(), event)
    code = registration.code
    typed = f"  {code[:4].lower()}-{code[4:6]} {code[6:].lower()}\n"

    check_in(zone.staff, event, typed)

    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.ATTENDED


def test_a_reused_code_is_refused_saying_when_it_was_used(zone):
    event = zone.event()
    registration = register(zone.person(), event)
    check_in(zone.staff, event, registration.code, now=EVENT_START)

    field, code, message = refusal(
        zone.staff, event, registration.code, now=EVENT_START + datetime.timedelta(minutes=5)
    )

    assert (field, code) == ("code", "already_checked_in")
    assert "2026-06-06 19:00" in message


@pytest.mark.parametrize("typed", ["", "   ", "ZZZZZZZZ", "ABC"])
def test_an_unknown_code_is_refused(zone, typed):
    event = zone.event()
    register(zone.person(), event)
    assert refusal(zone.staff, event, typed)[:2] == ("code", "wrong_code")


def test_the_code_of_another_event_is_refused_as_wrong(zone):
    event, other = zone.event(), zone.event()
    elsewhere = register(zone.person(), other)

    assert refusal(zone.staff, event, elsewhere.code)[:2] == ("code", "wrong_code")
    assert Registration.objects.get(pk=elsewhere.pk).status == RegistrationStatus.CONFIRMED


def test_waiting_and_cancelled_registrations_have_no_place(zone):
    event = zone.event(capacity=1)
    register(zone.person(), event)
    waiting = register(zone.person(), event)
    cancelled = register(zone.person(), event)
    services.cancel_registration(actor=cancelled.user, registration=cancelled, now=NOW)

    for registration in (waiting, cancelled):
        assert refusal(zone.staff, event, registration.code)[:2] == ("code", "not_confirmed")
        assert Registration.objects.get(pk=registration.pk).checked_in_at is None


@pytest.mark.parametrize(
    "now",
    [
        DOORS_OPEN - datetime.timedelta(minutes=1),
        EVENT_END + datetime.timedelta(minutes=1),
        NOW,
    ],
)
def test_check_in_opens_two_hours_before_the_start_and_closes_at_the_end(zone, now):
    event = zone.event()
    registration = register(zone.person(), event)

    field, code, message = refusal(zone.staff, event, registration.code, now=now)

    assert (field, code) == ("code", "checkin_closed")
    assert "2026-06-06 17:00" in message and "2026-06-06 21:30" in message


@pytest.mark.parametrize("now", [DOORS_OPEN, EVENT_END])
def test_the_first_and_last_moments_of_check_in_are_open(zone, now):
    event = zone.event()
    registration = register(zone.person(), event)
    check_in(zone.staff, event, registration.code, now=now)
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.ATTENDED


def test_only_the_organisers_and_the_stations_staff_check_people_in(zone, make_user):
    event = zone.event(organiser=zone.office)
    registration = register(zone.person(), event)

    for someone in (registration.user, zone.other_staff, zone.agency_staff, zone.leader):
        with pytest.raises(PermissionDenied):
            check_in(someone, event, registration.code)

    check_in(zone.staff, event, registration.code)  # the staff of the event's station
    other = register(zone.person(), event)
    check_in(zone.office, event, other.code)


def test_the_qr_code_is_an_inline_svg_of_the_code(zone):
    registration = register(zone.person(), zone.event())
    svg = queries.qr_svg(registration)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert f"<title>{registration.code}</title>" in svg
    assert "<?xml" not in svg and "http" not in svg.replace("http://www.w3.org", "")
