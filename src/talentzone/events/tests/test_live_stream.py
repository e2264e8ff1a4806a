"""Live-stream recruiting sessions (带岗直播): an event in the park's live-stream room that
presents demands; a viewer's sign-up makes them a candidate for those demands."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.core.models import AuditRecord, Notification
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import AgencyFactory, EnterpriseFactory
from talentzone.events import services
from talentzone.events.choices import Audience, EventKind, EventStatus, RegistrationStatus
from talentzone.events.models import Event, LiveStreamInterest
from talentzone.events.tests.conftest import NOW, at, codes
from talentzone.events.tests.factories import EventFactory
from talentzone.recruiting.choices import DemandStatus, ReferralStatus
from talentzone.recruiting.models import Referral, ReferralEvent
from talentzone.recruiting.tests.factories import (
    CandidateProfileFactory,
    DemandFactory,
    ReferralFactory,
)
from talentzone.venues.choices import BookerKind, BookingPurpose, BookingStatus, VenueKind
from talentzone.venues.models import Booking
from talentzone.venues.tests.factories import VenueFactory

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime.date(2026, 6, 3)
THURSDAY = datetime.date(2026, 6, 4)


@pytest.fixture
def hr(make_user):
    return make_user("enterprise_hr", enterprise=EnterpriseFactory(name="宁德锂电甲公司"))


@pytest.fixture
def demands(hr):
    enterprise = hr.memberships.get().enterprise
    return [
        DemandFactory(enterprise=enterprise, posted_by=hr, title="电芯工艺工程师"),
        DemandFactory(enterprise=enterprise, posted_by=hr, title="设备维护技术员"),
    ]


@pytest.fixture
def room():
    return VenueFactory(
        name="带岗直播室",
        kind=VenueKind.LIVE_STREAM_ROOM,
        capacity=30,
        bookers=BookerKind.AGENCIES,
    )


@pytest.fixture
def stream(zone, room, demands):
    """A published live stream in the room presenting both demands (set up without the
    venues service: these tests are about the sign-ups)."""
    event = EventFactory(
        title="宁德锂电甲公司带岗直播",
        kind=EventKind.LIVE_STREAM,
        station=None,
        venue=room,
        starts_at=at(WEDNESDAY, 14),
        ends_at=at(WEDNESDAY, 16),
        registration_closes_at=at(WEDNESDAY, 16),
        capacity=30,
        organiser=zone.agency_staff,
    )
    event.demands.set(demands)
    return event


def sign_up(user, event, demands=None):
    return services.register(actor=user, event=event, demands=demands, now=NOW)


def test_a_viewers_sign_up_becomes_a_referral_for_each_presented_demand(zone, stream, demands, hr):
    viewer = zone.person()
    talent = Talent.objects.get(user=viewer)
    CandidateProfileFactory(talent=talent)

    registration = sign_up(viewer, stream)

    assert registration.status == RegistrationStatus.CONFIRMED
    interests = list(LiveStreamInterest.objects.filter(registration=registration))
    assert {i.demand for i in interests} == set(demands)
    for interest in interests:
        referral = interest.referral
        assert referral is not None, interest.outcome
        assert (referral.talent, referral.status) == (talent, ReferralStatus.REFERRED)
        assert (referral.agency, referral.referred_by) == (None, viewer)
        assert referral.note == f"带岗直播报名：{stream.title}"
        assert ReferralEvent.objects.filter(referral=referral, to_status="referred").exists()
        assert AuditRecord.objects.filter(
            target_type="recruiting.referral", target_id=str(referral.pk)
        ).exists()
    assert Notification.objects.filter(recipient=hr).count() == 2  # the employer hears
    assert not Notification.objects.filter(recipient=viewer).exists()  # not of their own step


def test_a_viewer_signs_up_for_the_demands_they_choose(zone, stream, demands):
    registration = sign_up(zone.person(), stream, demands=[demands[1].pk])
    assert list(registration.interests.values_list("demand", flat=True)) == [demands[1].pk]
    assert Referral.objects.get().demand == demands[1]


def test_a_demand_the_stream_does_not_present_is_refused(zone, stream, hr):
    elsewhere = DemandFactory(enterprise=hr.memberships.get().enterprise, posted_by=hr)
    with pytest.raises(ValidationError) as caught:
        sign_up(zone.person(), stream, demands=[elsewhere])
    assert codes(caught.value) == {"demands": ["not_presented"]}
    assert not Referral.objects.exists() and not LiveStreamInterest.objects.exists()


def test_a_viewer_missing_a_required_requirement_gets_no_referral_and_the_reason(
    zone, stream, demands
):
    Referral.objects.all().delete()
    demands[0].min_education = "doctorate"
    demands[0].education_required = True
    demands[0].save()
    viewer = zone.person()  # a master's degree

    registration = sign_up(viewer, stream)

    missed = registration.interests.get(demand=demands[0])
    assert missed.referral is None
    assert viewer.talent.name in missed.outcome  # the reason, as the recruiting check words it
    assert not Referral.objects.filter(demand=demands[0]).exists()
    assert registration.interests.get(demand=demands[1]).referral is not None
    assert registration.status == RegistrationStatus.CONFIRMED  # the sign-up itself stands


def test_a_viewer_referred_already_keeps_the_one_referral(zone, stream, demands):
    viewer = zone.person()
    talent = Talent.objects.get(user=viewer)
    ReferralFactory(demand=demands[0], talent=talent)

    registration = sign_up(viewer, stream)

    interest = registration.interests.get(demand=demands[0])
    assert interest.referral is None and interest.outcome
    assert Referral.objects.filter(demand=demands[0], talent=talent).count() == 1


def test_signing_up_is_showing_interest_a_closed_profile_is_no_obstacle(zone, stream, demands):
    viewer = zone.person()
    CandidateProfileFactory(talent=Talent.objects.get(user=viewer), open_to_offers=False)
    registration = sign_up(viewer, stream)
    assert all(i.referral is not None for i in registration.interests.all())


def test_a_filled_demand_makes_no_referral(zone, stream, demands):
    demands[0].status = DemandStatus.CLOSED
    demands[0].save()
    registration = sign_up(zone.person(), stream)
    assert registration.interests.get(demand=demands[0]).referral is None
    assert registration.interests.get(demand=demands[1]).referral is not None


def test_a_viewer_without_a_registry_record_is_recorded_but_not_referred(zone, stream, make_user):
    stream.audience = Audience.EVERYONE
    stream.save()
    registration = sign_up(make_user("enterprise_hr"), stream)
    assert registration.interests.count() == 2
    assert all(i.referral is None and i.outcome for i in registration.interests.all())


# Organising a live stream in the room ----------------------------------------------------------


def organise(actor, room, demands, **fields):
    values = {
        "title": "储能企业带岗直播专场",
        "kind": EventKind.LIVE_STREAM,
        "venue": room,
        "starts_at": at(WEDNESDAY, 14),
        "ends_at": at(WEDNESDAY, 16),
        "capacity": 30,
        "audience": Audience.TALENTS,
        "demands": demands,
        "now": NOW,
        **fields,
    }
    return services.event_save(actor=actor, **values)


def test_an_agency_organises_a_live_stream_and_the_room_is_booked_for_it(zone, room, demands):
    event = organise(zone.agency_staff, room, demands)

    booking = event.booking
    assert set(event.demands.all()) == set(demands)
    assert (booking.venue, booking.purpose, booking.status) == (
        room,
        BookingPurpose.LIVE_STREAM,
        BookingStatus.CONFIRMED,
    )
    assert (booking.starts_at, booking.ends_at) == (event.starts_at, event.ends_at)
    assert booking.agency == zone.agency and booking.booked_by == zone.agency_staff
    services.event_publish(actor=zone.agency_staff, event=event, now=NOW)
    assert Event.objects.get(pk=event.pk).status == EventStatus.PUBLISHED


def test_a_taken_room_refuses_the_event_with_the_venues_answer(zone, room, demands):
    organise(zone.agency_staff, room, demands)
    with pytest.raises(ValidationError) as caught:
        organise(zone.office, room, demands, starts_at=at(WEDNESDAY, 15), ends_at=at(WEDNESDAY, 17))
    assert codes(caught.value) == {"starts_at": ["taken"]}
    assert Event.objects.count() == 1


def test_a_live_stream_has_more_viewers_than_the_room_has_seats(zone, room, demands):
    """Its places are viewers online: the room is booked for its own seats (the presenters)."""
    event = organise(zone.agency_staff, room, demands, capacity=200)
    assert (event.capacity, event.booking.attendees) == (200, room.capacity)


def test_an_event_in_the_room_with_more_places_than_seats_is_refused_on_the_capacity(
    zone, room, demands
):
    with pytest.raises(ValidationError) as caught:
        organise(zone.office, room, [], kind=EventKind.OTHER, capacity=31)
    assert codes(caught.value) == {"capacity": ["too_many_attendees"]}


def test_moving_the_event_moves_its_booking_and_calling_off_gives_it_back(zone, room, demands):
    event = organise(zone.agency_staff, room, demands)
    first = event.booking

    moved = services.event_save(
        actor=zone.agency_staff,
        event=event,
        starts_at=at(THURSDAY, 9),
        ends_at=at(THURSDAY, 11),
        now=NOW,
    )

    assert Booking.objects.get(pk=first.pk).status == BookingStatus.CANCELLED
    assert (moved.booking.starts_at, moved.booking.status) == (at(THURSDAY, 9), "confirmed")
    services.event_cancel(actor=zone.agency_staff, event=moved, reason="企业招聘计划调整", now=NOW)
    assert Booking.objects.get(pk=moved.booking.pk).status == BookingStatus.CANCELLED


def test_a_booking_awaiting_approval_holds_publishing_back(zone, room, demands):
    room.needs_approval = True
    room.save()
    event = organise(zone.agency_staff, room, demands)
    assert event.booking.status == BookingStatus.REQUESTED
    with pytest.raises(ValidationError) as caught:
        services.event_publish(actor=zone.agency_staff, event=event, now=NOW)
    assert caught.value.code == "booking_not_confirmed"


def test_demands_belong_to_live_streams_and_must_be_open(zone, room, demands):
    with pytest.raises(PermissionDenied):  # an agency organises live streams only
        organise(zone.agency_staff, room, [], kind=EventKind.TALENT_DAY)
    with pytest.raises(ValidationError) as caught:
        organise(zone.office, room, demands, kind=EventKind.TALENT_DAY)
    assert codes(caught.value) == {"demands": ["not_a_live_stream"]}
    demands[1].status = DemandStatus.CLOSED
    demands[1].save()
    with pytest.raises(ValidationError) as caught:
        organise(zone.agency_staff, room, demands)
    assert codes(caught.value) == {"demands": ["demand_not_open"]}


def test_another_agency_may_not_change_the_live_stream(zone, room, demands, make_user):
    event = organise(zone.agency_staff, room, demands)
    colleague = make_user("agency_staff", agency=zone.agency)
    stranger = make_user("agency_staff", agency=AgencyFactory())

    services.event_save(actor=colleague, event=event, description="同机构同事可改", now=NOW)
    with pytest.raises(PermissionDenied):
        services.event_save(actor=stranger, event=event, description="别家机构", now=NOW)
