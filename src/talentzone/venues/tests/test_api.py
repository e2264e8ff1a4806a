"""The venues API: each endpoint for the roles that may use it and one that may not (403 for a
visible record or an action one may not take, 404 for a record outside one's scope, 400 on the
field at fault), paginated lists, a day's slots with others' bookings shown as "booked", the
free-room finder, and a booking driven through create, decide and cancel."""

import datetime

import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.recruiting.tests.factories import DemandFactory
from talentzone.venues.choices import BookingStatus
from talentzone.venues.forms import next_weekday
from talentzone.venues.models import Booking, Venue
from talentzone.venues.tests.factories import BookingFactory, VenueFactory, park_time

pytestmark = pytest.mark.django_db

API = "/api/v1/venues"


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


def tuesday() -> datetime.date:
    return next_weekday(timezone.localdate(), 1)


def iso(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).isoformat()


@pytest.fixture
def booked(park):
    day = tuesday()
    return BookingFactory(
        venue=park.room,
        title="电芯工艺工程师复试",
        starts_at=park_time(day, 10),
        ends_at=park_time(day, 11),
        booked_by=park.staff,
        agency=park.agency,
    )


def booking_body(room, start, end, **extra):
    return {
        "venue": room.pk,
        "starts_at": iso(start),
        "ends_at": iso(end),
        "purpose": "interview",
        "title": "储能电池工程师初试",
        "attendees": 3,
        **extra,
    }


# Venues ------------------------------------------------------------------------------------------


def test_everyone_with_a_role_reads_the_venues_paginated(park):
    for user in (park.office, park.staff, park.hr, park.talent, park.leader):
        response = client_for(user).get(f"{API}/venues/")
        assert response.status_code == 200
        data = response.json()
        assert data["count"] == 4 and len(data["results"]) == 4
        assert {"results", "next", "previous"} <= set(data)
    room = next(
        row
        for row in client_for(park.staff).get(f"{API}/venues/").json()["results"]
        if row["id"] == park.room.pk
    )
    assert room["closed_weekdays"] == [5, 6]
    assert room["may_book"] is True
    assert room["feed_url"].endswith(f"/venues/{park.room.pk}/feed/{park.room.feed_token}.ics")
    hall = client_for(park.staff).get(f"{API}/venues/{park.hall.pk}/").json()
    assert hall["may_book"] is False
    assert client_for(None).get(f"{API}/venues/").status_code in (401, 403)


def test_the_venue_list_filters_and_pages(park):
    for n in range(3):
        VenueFactory(name=f"洽谈室{n}", kind="meeting_room")
    client = client_for(park.staff)
    data = client.get(f"{API}/venues/", {"kind": "meeting_room"}).json()
    assert data["count"] == 3
    data = client.get(f"{API}/venues/", {"page_size": 2}).json()
    assert data["count"] == 7 and len(data["results"]) == 2 and data["next"]


def test_a_venue_out_of_use_is_404_to_all_but_the_office(park):
    park.live.active = False
    park.live.save()
    assert client_for(park.staff).get(f"{API}/venues/{park.live.pk}/").status_code == 404
    assert client_for(park.office).get(f"{API}/venues/{park.live.pk}/").status_code == 200


def test_the_office_creates_and_updates_a_venue_and_others_get_403(park):
    body = {
        "name": "共享面试室丙",
        "kind": "interview_room",
        "place": "人力资源服务产业园B栋2层",
        "capacity": 8,
        "opens_at": "09:00",
        "closes_at": "18:00",
        "closed_weekdays": [6, 5],
        "bookers": "agencies",
    }
    assert client_for(park.staff).post(f"{API}/venues/", body, format="json").status_code == 403
    response = client_for(park.office).post(f"{API}/venues/", body, format="json")
    assert response.status_code == 201, response.content
    venue = Venue.objects.get(name="共享面试室丙")
    assert venue.closed_weekdays == "5,6" and response.json()["closed_weekdays"] == [5, 6]
    path = f"{API}/venues/{venue.pk}/"
    response = client_for(park.office).patch(path, {"capacity": 12}, format="json")
    assert response.status_code == 200 and response.json()["capacity"] == 12
    assert client_for(park.hr).patch(path, {"capacity": 1}, format="json").status_code == 403
    venue.refresh_from_db()
    assert venue.capacity == 12


def test_a_bad_venue_is_400_on_the_field(park):
    client = client_for(park.office)
    path = f"{API}/venues/{park.room.pk}/"
    errors = errors_of(client.patch(path, {"closes_at": "07:00"}, format="json"))
    assert "closes_at" in errors
    errors = errors_of(client.patch(path, {"closed_weekdays": [7]}, format="json"))
    assert "closed_weekdays" in errors
    errors = errors_of(client.patch(path, {"name": park.live.name}, format="json"))
    assert "name" in errors
    errors = errors_of(client.patch(path, {"kind": "ballroom"}, format="json"))
    assert "kind" in errors


# Slots -------------------------------------------------------------------------------------------


def test_a_days_slots_show_others_bookings_as_booked(park, booked):
    day = tuesday()
    path = f"{API}/venues/{park.room.pk}/slots/"
    rows = client_for(park.colleague).get(path, {"day": day.isoformat()}).json()
    assert len(rows) == 18  # 08:30–17:30 in half-hours
    ten = next(row for row in rows if row["starts_at"].startswith(f"{day}T10:00"))
    assert ten["free"] is False and ten["booking"] == booked.pk
    assert ten["label"] == "电芯工艺工程师复试 · 闽东甲人力"
    rows = client_for(park.other_staff).get(path, {"day": day.isoformat()}).json()
    ten = next(row for row in rows if row["starts_at"].startswith(f"{day}T10:00"))
    assert ten["label"] == "Booked"
    two = next(row for row in rows if row["starts_at"].startswith(f"{day}T14:00"))
    assert two["free"] is True and two["booking"] is None
    saturday = day + datetime.timedelta(days=4)
    assert client_for(park.staff).get(path, {"day": saturday.isoformat()}).json() == []


def test_slots_need_a_valid_day(park):
    path = f"{API}/venues/{park.room.pk}/slots/"
    assert "day" in errors_of(client_for(park.staff).get(path))
    assert "day" in errors_of(client_for(park.staff).get(path, {"day": "next tuesday"}))


# Bookings ----------------------------------------------------------------------------------------


def test_an_agency_books_and_the_slot_is_taken_for_the_next(park):
    day = tuesday()
    body = booking_body(park.room, park_time(day, 14), park_time(day, 15))
    response = client_for(park.staff).post(f"{API}/bookings/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "confirmed" and data["organisation_kind"] == "agency"
    assert data["organisation_name"] == "闽东甲人力" and data["venue_name"] == "共享面试室甲"
    body = booking_body(park.room, park_time(day, 15), park_time(day, 16))
    errors = errors_of(client_for(park.hr).post(f"{API}/bookings/", body, format="json"))
    assert list(errors) == ["starts_at"] and "taken" in errors["starts_at"][0]
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start": (7, 0), "end": (8, 0)}, "starts_at"),
        ({"start": (9, 0), "end": (14, 0)}, "ends_at"),
        ({"attendees": 30}, "attendees"),
        ({"attendees": 0}, "attendees"),
        ({"purpose": "party"}, "purpose"),
        ({"title": ""}, "title"),
        ({"venue": 99999}, "venue"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"demand": 99999}, "demand"),
    ],
)
def test_a_bad_booking_is_400_on_its_field(park, change, field):
    day = tuesday()
    start, end = change.pop("start", (9, 0)), change.pop("end", (10, 0))
    body = booking_body(park.room, park_time(day, *start), park_time(day, *end), **change)
    errors = errors_of(client_for(park.staff).post(f"{API}/bookings/", body, format="json"))
    assert field in errors, errors
    assert not Booking.objects.exists()


def test_a_booking_for_a_demand_names_one_the_booker_sees(park):
    day = tuesday()
    demand = DemandFactory(enterprise=park.enterprise, posted_by=park.hr)
    body = booking_body(park.room, park_time(day, 9), park_time(day, 10), demand=demand.pk)
    response = client_for(park.hr).post(f"{API}/bookings/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["demand"] == demand.pk


def test_who_may_not_book_gets_403(park):
    day = tuesday()
    body = booking_body(park.room, park_time(day, 9), park_time(day, 10))
    assert client_for(park.talent).post(f"{API}/bookings/", body, format="json").status_code == 403
    assert client_for(park.leader).post(f"{API}/bookings/", body, format="json").status_code == 403
    body = booking_body(park.live, park_time(day, 9), park_time(day, 10))
    assert client_for(park.hr).post(f"{API}/bookings/", body, format="json").status_code == 403
    body = booking_body(park.hall, park_time(day, 9), park_time(day, 10))
    assert client_for(park.staff).post(f"{API}/bookings/", body, format="json").status_code == 403
    assert not Booking.objects.exists()


def test_bookings_are_listed_to_their_organisation_and_the_office(park, booked):
    theirs = BookingFactory(
        venue=park.room,
        starts_at=park_time(tuesday(), 14),
        ends_at=park_time(tuesday(), 15),
        booked_by=park.other_staff,
        agency=park.other_agency,
    )

    def ids(user) -> set[int]:
        rows = client_for(user).get(f"{API}/bookings/").json()["results"]
        return {row["id"] for row in rows}

    assert ids(park.colleague) == {booked.pk}
    assert ids(park.other_staff) == {theirs.pk}
    assert ids(park.office) == {booked.pk, theirs.pk}
    assert ids(park.talent) == set()
    assert client_for(park.other_staff).get(f"{API}/bookings/{booked.pk}/").status_code == 404
    data = client_for(park.office).get(f"{API}/bookings/", {"when": "past"}).json()
    assert data["count"] == 0


def test_a_booking_is_cancelled_by_its_organisation_not_by_another(park, booked):
    path = f"{API}/bookings/{booked.pk}/cancel/"
    assert client_for(park.other_staff).post(path, {"reason": "x"}).status_code == 404
    assert client_for(park.leader).post(path, {"reason": "x"}).status_code == 403
    response = client_for(park.colleague).post(path, {"reason": "候选人改期"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    errors = errors_of(client_for(park.colleague).post(path, {}, format="json"))
    assert "status" in errors


def test_the_office_must_give_a_reason_to_cancel_anothers_booking(park, booked):
    path = f"{API}/bookings/{booked.pk}/cancel/"
    assert "reason" in errors_of(client_for(park.office).post(path, {}, format="json"))
    response = client_for(park.office).post(path, {"reason": "场地检修"}, format="json")
    assert response.status_code == 200


def test_a_request_is_decided_by_the_office_only(park):
    day = tuesday()
    body = booking_body(park.training, park_time(day, 9), park_time(day, 12), purpose="training")
    response = client_for(park.staff).post(f"{API}/bookings/", body, format="json")
    assert response.status_code == 201 and response.json()["status"] == "requested"
    pk = response.json()["id"]
    path = f"{API}/bookings/{pk}/decide/"
    assert client_for(park.staff).post(path, {"approve": True}, format="json").status_code == 403
    assert "approve" in errors_of(client_for(park.office).post(path, {}, format="json"))
    response = client_for(park.office).post(
        path, {"approve": True, "note": "已安排"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed" and response.json()["decision_note"] == "已安排"
    assert Booking.objects.get(pk=pk).status == BookingStatus.CONFIRMED
    errors = errors_of(client_for(park.office).post(path, {"approve": False}, format="json"))
    assert "status" in errors


# The finder --------------------------------------------------------------------------------------


def test_find_free_offers_each_rooms_earliest_free_start(park):
    thursday = next_weekday(timezone.localdate(), 3)
    BookingFactory(
        venue=park.room,
        starts_at=park_time(thursday, 13),
        ends_at=park_time(thursday, 14),
        booked_by=park.other_staff,
        agency=park.other_agency,
    )
    query = {
        "kind": "interview_room",
        "day": thursday.isoformat(),
        "earliest": "13:00",
        "latest": "18:00",
        "minutes": 120,
    }
    rows = client_for(park.staff).get(f"{API}/find-free/", query).json()
    assert len(rows) == 1
    assert rows[0]["venue"] == park.room.pk and rows[0]["kind"] == "interview_room"
    assert rows[0]["starts_at"].startswith(f"{thursday}T14:15")
    assert rows[0]["ends_at"].startswith(f"{thursday}T16:15")
    rows = client_for(park.staff).get(f"{API}/find-free/", {**query, "kind": ""}).json()
    assert {row["venue"] for row in rows} >= {park.room.pk, park.live.pk, park.training.pk}
    assert park.hall.pk not in {row["venue"] for row in rows}  # the office's


def test_find_free_answers_400_on_the_field(park):
    client = client_for(park.staff)
    assert "day" in errors_of(client.get(f"{API}/find-free/", {"minutes": 60}))
    assert "minutes" in errors_of(client.get(f"{API}/find-free/", {"day": "2026-12-01"}))
    errors = errors_of(
        client.get(
            f"{API}/find-free/",
            {"day": "2026-12-01", "minutes": 60, "earliest": "15:00", "latest": "14:00"},
        )
    )
    assert "latest" in errors
    assert "kind" in errors_of(
        client.get(f"{API}/find-free/", {"day": "2026-12-01", "minutes": 60, "kind": "attic"})
    )
