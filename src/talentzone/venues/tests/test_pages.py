"""venues' pages: each renders for every role that may see it and answers 403 (may not act) or
404 (may not see) to the others; a venue's week calendar shows free slots as links to the booking
form, others' bookings as "booked" and closed days greyed; the booking form puts the service's
refusal beside its field and writes nothing; bookings are cancelled and decided through the
pages; the free-room finder and the venue editor work; the iCal feed needs no sign-in; both
languages read.

The pages run on the real clock: the scenes are set next week (next Tuesday is always between
one and seven days ahead). Text assertions ask for English explicitly.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from talentzone.venues import services
from talentzone.venues.choices import BookingStatus, VenueKind
from talentzone.venues.forms import next_weekday
from talentzone.venues.models import Booking, Venue, VenueClosure
from talentzone.venues.tests.factories import BookingFactory, VenueClosureFactory, park_time

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
EVERYONE = ("office", "leader", "staff", "other_staff", "hr", "station_staff", "talent")


def url(name: str, *args) -> str:
    return reverse(f"venues:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def get(client, user, path, **headers):
    client.force_login(user)
    return client.get(path, **{**ENGLISH, **headers})


def post(client, user, path, data, **headers):
    client.force_login(user)
    return client.post(path, data, **{**ENGLISH, **headers})


def tuesday() -> datetime.date:
    return next_weekday(timezone.localdate(), 1)


def local_input(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def slot(response, start: datetime.datetime) -> str:
    """The calendar cell starting at `start` (its whole <td>)."""
    mark = f'data-start="{local_input(start)}"'
    page = text(response)
    found = [m.start() for m in re.finditer(re.escape(mark), page)]
    assert found, f"no slot {mark}"
    begin = page.rfind("<td", 0, found[0])
    return page[begin : page.find("</td>", found[0]) + 5]


def chinese(message: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(message)


@pytest.fixture
def booked(park):
    """Agency A's interview next Tuesday 10:00–11:00 in the interview room."""
    day = tuesday()
    return BookingFactory(
        venue=park.room,
        title="电芯工艺工程师复试",
        starts_at=park_time(day, 10),
        ends_at=park_time(day, 11),
        booked_by=park.staff,
        agency=park.agency,
    )


# Who sees which page -----------------------------------------------------------------------------


def test_every_page_renders_for_the_roles_that_may_see_it_and_refuses_the_others(
    client, park, booked
):
    room = park.room
    pages = [
        (url("venue-list"), EVERYONE, {}),
        (url("venue-detail", room.pk), EVERYONE, {}),
        (url("park-calendar"), EVERYONE, {}),
        (url("find-free"), EVERYONE, {}),
        (url("my-bookings"), EVERYONE, {}),
        (
            url("booking-create"),
            ("office", "staff", "hr", "station_staff"),
            {"talent": 403, "leader": 403},
        ),
        (
            url("booking-detail", booked.pk),
            ("office", "leader", "staff"),
            {"other_staff": 404, "hr": 404, "talent": 404},
        ),
        (url("approvals"), ("office",), {"staff": 403, "leader": 403, "hr": 403}),
        (url("venue-create"), ("office",), {"staff": 403, "leader": 403}),
        (url("venue-edit", room.pk), ("office",), {"hr": 403, "talent": 403}),
    ]
    for path, readers, refused in pages:
        for name in readers:
            response = get(client, getattr(park, name), path)
            assert response.status_code == 200, (path, name, response.status_code)
        for name, code in refused.items():
            response = get(client, getattr(park, name), path)
            assert response.status_code == code, (path, name, response.status_code)


def test_pages_need_a_sign_in(client, park):
    response = client.get(url("venue-list"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_menu_offers_the_venues_by_role(client, park):
    home = reverse("home")
    office = text(get(client, park.office, home))
    for name in ("venue-list", "park-calendar", "find-free", "my-bookings", "approvals"):
        assert f'href="{url(name)}"' in office, name
    staff = text(get(client, park.staff, home))
    assert f'href="{url("my-bookings")}"' in staff
    assert f'href="{url("find-free")}"' in staff
    assert f'href="{url("approvals")}"' not in staff
    talent = text(get(client, park.talent, home))
    assert f'href="{url("venue-list")}"' not in talent
    assert f'href="{url("my-bookings")}"' not in talent


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pages_read_in_both_languages(client, park, booked, language):
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for path in (
        url("venue-list"),
        url("venue-detail", park.room.pk),
        url("park-calendar"),
        url("find-free"),
        url("my-bookings"),
        url("booking-create"),
        url("approvals"),
        url("venue-edit", park.room.pk),
    ):
        response = get(client, park.office, path, **headers)
        assert response.status_code == 200, path
        page = text(response)
        assert f'<html lang="{language}">' in page
        with translation.override(language):
            assert translation.gettext("Venues") in page, path
    with translation.override(language):
        calendar = text(get(client, park.office, url("park-calendar"), **headers))
        assert translation.gettext("Park calendar") in calendar


def test_the_default_language_is_chinese(client, park):
    client.force_login(park.staff)
    page = text(client.get(url("venue-list")))
    assert '<html lang="zh-hans">' in page
    assert chinese("Find a free room") in page


# The venue list ----------------------------------------------------------------------------------


def test_the_venue_list_says_kind_place_capacity_equipment_who_may_book_and_approval(client, park):
    page = text(get(client, park.staff, url("venue-list")))
    assert page.count('data-testid="venue-row"') == 4
    assert "共享面试室甲" in page and "Interview room" in page
    assert park.room.place in page and "视频会议终端" in page
    assert "Agencies and enterprises" in page and "The talent office only" in page
    assert page.count('data-testid="needs-approval"') == 1  # the training room


def test_the_venue_list_filters_by_kind_and_answers_htmx_with_the_results_only(client, park):
    client.force_login(park.staff)
    response = client.get(
        url("venue-list"),
        {"kind": VenueKind.TRAINING_ROOM},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="venue-results",
        **ENGLISH,
    )
    page = text(response)
    assert "<html" not in page
    assert page.count('data-testid="venue-row"') == 1 and "培训室A" in page


def test_a_venue_out_of_use_is_the_offices_only(client, park):
    park.room.active = False
    park.room.save()
    assert get(client, park.staff, url("venue-detail", park.room.pk)).status_code == 404
    page = text(get(client, park.office, url("venue-list")))
    assert "Out of use" in page


# A venue's week calendar -------------------------------------------------------------------------


def test_the_week_calendar_shows_half_hours_within_opening_hours_and_navigates(client, park):
    day = tuesday()
    response = get(client, park.staff, f"{url('venue-detail', park.room.pk)}?week={day}")
    page = text(response)
    monday = day - datetime.timedelta(days=day.weekday())
    assert f"{monday:%Y-%m-%d} – {monday + datetime.timedelta(days=6):%Y-%m-%d}" in page
    assert ">08:30<" in page and ">17:00<" in page
    assert ">08:00<" not in page and ">17:30<" not in page  # opening hours only
    assert f"?week={monday - datetime.timedelta(days=7)}" in page
    assert f"?week={monday + datetime.timedelta(days=7)}" in page
    # Saturday and Sunday are closed: one grey cell each, saying why.
    assert page.count('data-state="closed"') == 2
    assert 'data-testid="closed-day"' in page


def test_a_closed_day_is_greyed(client, park):
    day = tuesday()
    VenueClosureFactory(venue=park.room, date=day, reason="设备检修")
    page = text(get(client, park.staff, f"{url('venue-detail', park.room.pk)}?week={day}"))
    assert page.count('data-state="closed"') == 3
    assert "设备检修" in page
    assert f'data-start="{day:%Y-%m-%d}T10:00"' not in page


def test_free_future_slots_link_to_the_booking_form_prefilled(client, park):
    day = tuesday()
    page = get(client, park.staff, f"{url('venue-detail', park.room.pk)}?week={day}")
    cell = slot(page, park_time(day, 14))
    assert 'data-state="free"' in cell
    link = re.search(r'href="([^"]+)"', cell).group(1).replace("&amp;", "&")
    assert link == (
        f"{url('booking-create')}?venue={park.room.pk}"
        f"&start={day:%Y-%m-%d}T14%3A00&end={day:%Y-%m-%d}T14%3A30"
    )
    form = text(get(client, park.staff, link))
    assert f'value="{day:%Y-%m-%d}T14:00"' in form
    assert f'value="{day:%Y-%m-%d}T14:30"' in form
    assert f'<option value="{park.room.pk}" selected>' in form


def test_past_slots_are_not_links(client, park):
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    monday = last_week - datetime.timedelta(days=last_week.weekday())
    page = text(get(client, park.staff, f"{url('venue-detail', park.room.pk)}?week={monday}"))
    assert 'data-state="free"' not in page
    assert 'data-state="past"' in page
    assert 'data-testid="free-slot"' not in page


def test_a_talent_sees_free_slots_but_no_link_to_book(client, park):
    day = tuesday()
    page = get(client, park.talent, f"{url('venue-detail', park.room.pk)}?week={day}")
    assert 'data-state="free"' in slot(page, park_time(day, 14))
    assert 'data-testid="free-slot"' not in text(page)
    assert 'data-testid="book-button"' not in text(page)


def test_a_booking_shows_title_and_organisation_to_its_own_and_booked_to_others(
    client, park, booked
):
    day = tuesday()
    path = f"{url('venue-detail', park.room.pk)}?week={day}"
    start = park_time(day, 10)
    for name in ("staff", "colleague", "office", "leader"):
        cell = slot(get(client, getattr(park, name), path), start)
        assert 'data-state="booked"' in cell, name
        assert "电芯工艺工程师复试" in cell and "闽东甲人力" in cell, name
        assert 'rowspan="2"' in cell  # 10:00–11:00: two half-hours, one cell
    for name in ("other_staff", "hr", "talent"):
        cell = slot(get(client, getattr(park, name), path), start)
        assert 'data-state="booked"' in cell, name
        assert "Booked" in cell, name
        assert "电芯工艺工程师复试" not in cell and "闽东甲人力" not in cell, name
    # The cleaning time after it is taken, not free.
    cell = slot(get(client, park.staff, path), park_time(day, 11))
    assert 'data-state="blocked"' in cell


def test_a_request_shows_as_awaiting_approval(client, park):
    day = tuesday()
    BookingFactory(
        venue=park.training,
        title="叉车工技能培训",
        starts_at=park_time(day, 9),
        ends_at=park_time(day, 12),
        status=BookingStatus.REQUESTED,
        booked_by=park.staff,
        agency=park.agency,
    )
    page = get(client, park.staff, f"{url('venue-detail', park.training.pk)}?week={day}")
    cell = slot(page, park_time(day, 9))
    assert "vc-requested" in cell and "Awaiting approval" in cell


def test_the_ical_link_is_on_the_venue_page_and_needs_no_sign_in(client, park, booked):
    page = text(get(client, park.staff, url("venue-detail", park.room.pk)))
    feed = url("venue-feed", park.room.pk, park.room.feed_token)
    assert feed in page
    client.logout()
    response = client.get(feed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and "电芯工艺工程师复试" in body
    assert f"booking-{booked.pk}@talentzone" in body
    wrong = url("venue-feed", park.room.pk, "not-the-token")
    assert client.get(wrong).status_code == 404
    other = url("venue-feed", park.live.pk, park.room.feed_token)
    assert client.get(other).status_code == 404


# The park's week ---------------------------------------------------------------------------------


def test_the_park_calendar_shows_every_room_by_day_with_free_slots_clickable(client, park, booked):
    day = tuesday()
    response = get(client, park.staff, f"{url('park-calendar')}?week={day}")
    page = text(response)
    assert page.count('data-testid="park-row"') == 4
    row = page[page.find(f'data-venue="{park.room.pk}"') :]
    row = row[: row.find("</tr>")]
    assert f'data-start="{day:%Y-%m-%d}T10:00"' in row
    booked_mark = f'data-state="booked" data-start="{day:%Y-%m-%d}T10:00"'
    assert booked_mark in row
    assert f"{url('booking-create')}?venue={park.room.pk}&amp;start={day:%Y-%m-%d}T14%3A00" in row
    # The hall is the office's: the agency sees it, free, but cannot book it.
    hall = page[page.find(f'data-venue="{park.hall.pk}"') :]
    hall = hall[: hall.find("</tr>")]
    assert 'data-state="free"' in hall and "booking-create" not in hall
    assert "vc-closed-day" in row  # the weekend


# The booking form --------------------------------------------------------------------------------


def booking_data(venue, start, end, **extra):
    return {
        "venue": venue.pk,
        "starts_at": local_input(start),
        "ends_at": local_input(end),
        "purpose": "interview",
        "title": "储能电池工程师初试",
        "attendees": 3,
        "note": "",
        **extra,
    }


def test_an_agency_books_a_free_slot_and_sees_it_taken_on_the_calendar(client, park):
    day = tuesday()
    start, end = park_time(day, 14), park_time(day, 15)
    response = post(client, park.staff, url("booking-create"), booking_data(park.room, start, end))
    assert response.status_code == 302
    assert response["Location"] == f"{url('venue-detail', park.room.pk)}?week={day}"
    booking = Booking.objects.get(venue=park.room)
    assert booking.agency == park.agency and booking.status == BookingStatus.CONFIRMED
    page = client.get(response["Location"], **ENGLISH)
    assert "Booked: 共享面试室甲" in text(page)
    cell = slot(page, start)
    assert 'data-state="booked"' in cell and "储能电池工程师初试" in cell


def test_a_taken_slot_is_refused_beside_its_field_and_nothing_is_written(client, park, booked):
    day = tuesday()
    data = booking_data(park.room, park_time(day, 10, 30), park_time(day, 11, 30))
    response = post(client, park.other_staff, url("booking-create"), data)
    assert response.status_code == 400
    page = text(response)
    assert 'data-testid="form-errors"' in page
    field = page[page.find('name="starts_at"') - 300 : page.find('name="starts_at"') + 600]
    assert "is-invalid" in field and "taken" in field
    assert Booking.objects.count() == 1
    # What was typed stays.
    assert f'value="{day:%Y-%m-%d}T10:30"' in page and "储能电池工程师初试" in page


def test_each_rule_lands_beside_its_field(client, park):
    day = tuesday()
    cases = [
        (booking_data(park.room, park_time(day, 7), park_time(day, 8)), "starts_at"),
        (
            booking_data(park.room, park_time(day, 9), park_time(day, 10), attendees=30),
            "attendees",
        ),
        (booking_data(park.room, park_time(day, 9), park_time(day, 14)), "ends_at"),
        (booking_data(park.room, park_time(day, 10), park_time(day, 9)), "ends_at"),
    ]
    for data, field in cases:
        response = post(client, park.staff, url("booking-create"), data)
        assert response.status_code == 400, (field, response.status_code)
        page = text(response)
        name = page.find(f'name="{field}"')
        assert "is-invalid" in page[page.rfind("<input", 0, name) : name + 300], field
    assert not Booking.objects.exists()


def test_a_talent_may_not_book(client, park):
    day = tuesday()
    data = booking_data(park.room, park_time(day, 9), park_time(day, 10))
    assert post(client, park.talent, url("booking-create"), data).status_code == 403
    assert get(client, park.talent, url("booking-create")).status_code == 403
    assert not Booking.objects.exists()


def test_only_the_venues_lent_to_one_are_offered_and_another_is_refused(client, park):
    day = tuesday()
    page = text(get(client, park.hr, url("booking-create")))
    assert "共享面试室甲" in page and "带岗直播室" not in page and "多功能厅" not in page
    data = booking_data(park.live, park_time(day, 9), park_time(day, 10))
    response = post(client, park.hr, url("booking-create"), data)
    assert response.status_code == 400  # not one of the choices
    assert not Booking.objects.exists()


def test_enterprise_hr_and_the_office_book_too(client, park):
    day = tuesday()
    data = booking_data(park.room, park_time(day, 9), park_time(day, 10))
    assert post(client, park.hr, url("booking-create"), data).status_code == 302
    data = booking_data(park.hall, park_time(day, 9), park_time(day, 12), purpose="meeting")
    assert post(client, park.office, url("booking-create"), data).status_code == 302
    hr_booking, office_booking = Booking.objects.order_by("venue__name")
    assert {b.venue for b in (hr_booking, office_booking)} == {park.room, park.hall}
    assert Booking.objects.get(venue=park.room).enterprise == park.enterprise
    assert Booking.objects.get(venue=park.hall).organisation is None


# My bookings -------------------------------------------------------------------------------------


def test_my_bookings_lists_my_organisations_upcoming_and_past(client, park, booked):
    past = BookingFactory(
        venue=park.room,
        title="上月的面试",
        starts_at=park_time(timezone.localdate() - datetime.timedelta(days=20), 10),
        booked_by=park.colleague,
        agency=park.agency,
    )
    theirs = BookingFactory(
        venue=park.room,
        title="乙公司的面试",
        starts_at=park_time(tuesday(), 14),
        booked_by=park.other_staff,
        agency=park.other_agency,
    )
    page = text(get(client, park.colleague, url("my-bookings")))
    assert "电芯工艺工程师复试" in page and past.title not in page and theirs.title not in page
    page = text(get(client, park.colleague, f"{url('my-bookings')}?when=past"))
    assert past.title in page and "电芯工艺工程师复试" not in page
    page = text(get(client, park.office, url("my-bookings")))
    assert "电芯工艺工程师复试" in page and theirs.title in page
    page = text(get(client, park.talent, url("my-bookings")))
    assert 'data-testid="booking-row"' not in page


def test_a_booking_is_cancelled_with_a_reason_and_its_slot_is_free_again(client, park, booked):
    page = text(get(client, park.colleague, url("my-bookings")))
    assert 'data-testid="cancel-button"' in page
    response = post(
        client,
        park.colleague,
        url("booking-cancel", booked.pk),
        {"reason": "候选人改期", "next": url("my-bookings")},
    )
    assert response.status_code == 302 and response["Location"] == url("my-bookings")
    booked.refresh_from_db()
    assert booked.status == BookingStatus.CANCELLED and booked.cancel_reason == "候选人改期"
    day = tuesday()
    page = get(client, park.staff, f"{url('venue-detail', park.room.pk)}?week={day}")
    assert 'data-state="free"' in slot(page, park_time(day, 10))


def test_another_organisation_may_not_cancel(client, park, booked):
    response = post(client, park.other_staff, url("booking-cancel", booked.pk), {"reason": "x"})
    assert response.status_code == 404
    response = post(client, park.leader, url("booking-cancel", booked.pk), {"reason": "x"})
    assert response.status_code == 403
    booked.refresh_from_db()
    assert booked.status == BookingStatus.CONFIRMED


def test_a_cancellation_after_the_cutoff_is_refused_on_the_page(client, park):
    soon = timezone.localtime() + datetime.timedelta(minutes=30)
    booking = BookingFactory(
        venue=park.room,
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=1),
        booked_by=park.staff,
        agency=park.agency,
    )
    response = post(client, park.staff, url("booking-cancel", booking.pk), {"reason": "改期"})
    assert response.status_code == 400
    assert "ask the talent office" in text(response)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_the_office_must_say_why_it_cancels_someone_elses_booking(client, park, booked):
    response = post(client, park.office, url("booking-cancel", booked.pk), {"reason": ""})
    assert response.status_code == 400
    page = text(response)
    assert "Say why the booking is cancelled." in page
    assert "is-invalid" in page[page.find('name="reason"') - 200 : page.find('name="reason"') + 200]


# Approvals ---------------------------------------------------------------------------------------


def test_a_request_waits_in_the_queue_and_the_office_approves_or_rejects_it(client, park):
    day = tuesday()
    data = booking_data(park.training, park_time(day, 9), park_time(day, 12), purpose="training")
    response = post(client, park.staff, url("booking-create"), data)
    assert response.status_code == 302
    first = Booking.objects.get()
    assert first.status == BookingStatus.REQUESTED
    data = booking_data(park.training, park_time(day, 14), park_time(day, 16), purpose="training")
    post(client, park.hr, url("booking-create"), data)
    second = Booking.objects.exclude(pk=first.pk).get()

    page = text(get(client, park.office, url("approvals")))
    assert page.count('data-testid="request"') == 2
    response = post(
        client,
        park.office,
        url("booking-decide", first.pk),
        {"decision": "approve", "note": "已安排保洁"},
    )
    assert response.status_code == 302 and response["Location"] == url("approvals")
    response = post(
        client,
        park.office,
        url("booking-decide", second.pk),
        {"decision": "reject", "note": "当天有区级培训"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == BookingStatus.CONFIRMED and first.decision_note == "已安排保洁"
    assert second.status == BookingStatus.REJECTED
    page = text(get(client, park.office, url("approvals")))
    assert 'data-testid="request"' not in page
    # Deciding again is refused on the page, not with an error.
    response = post(client, park.office, url("booking-decide", first.pk), {"decision": "reject"})
    assert response.status_code == 400
    assert "not awaiting approval" in text(response)


def test_only_the_office_decides(client, park):
    day = tuesday()
    request = BookingFactory(
        venue=park.training,
        starts_at=park_time(day, 9),
        ends_at=park_time(day, 10),
        status=BookingStatus.REQUESTED,
        booked_by=park.staff,
        agency=park.agency,
    )
    response = post(client, park.staff, url("booking-decide", request.pk), {"decision": "approve"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == BookingStatus.REQUESTED
    # The office may also decide from the booking's page.
    page = text(get(client, park.office, url("booking-detail", request.pk)))
    assert 'data-testid="decide-form"' in page


# The free-room finder ----------------------------------------------------------------------------


def test_the_finder_asks_for_an_interview_room_for_two_hours_next_thursday_afternoon(client, park):
    page = text(get(client, park.staff, url("find-free")))
    thursday = next_weekday(timezone.localdate(), 3)
    assert f'value="{thursday:%Y-%m-%d}"' in page
    assert 'value="13:00"' in page and 'value="18:00"' in page and 'value="120"' in page
    assert '<option value="interview_room" selected>' in page
    # The example is answered straight away: the interview room, free from 13:00.
    assert 'data-testid="free-room"' in page
    assert f"{thursday:%Y-%m-%d}" in page and "13:00–15:00" in page
    assert f"{url('booking-create')}?venue={park.room.pk}&amp;start=" in page


def test_the_finder_skips_a_taken_window_and_offers_the_next_free_start(client, park):
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
        "attendees": 2,
    }
    client.force_login(park.staff)
    page = text(client.get(url("find-free"), query, **ENGLISH))
    assert "14:15–16:15" in page  # after the booking and its 15 minutes' cleaning
    query["attendees"] = 50
    page = text(client.get(url("find-free"), query, **ENGLISH))
    assert 'data-testid="no-results"' in page


def test_the_finder_shows_its_errors_beside_the_fields(client, park):
    client.force_login(park.staff)
    response = client.get(
        url("find-free"),
        {"day": "2026-13-01", "earliest": "15:00", "latest": "13:00", "minutes": 5},
        **ENGLISH,
    )
    assert response.status_code == 400
    page = text(response)
    assert page.count("is-invalid") >= 3


# The venue editor --------------------------------------------------------------------------------


def venue_data(**extra):
    return {
        "name": "共享面试室丙",
        "kind": "interview_room",
        "place": "人力资源服务产业园B栋2层",
        "capacity": 8,
        "area": 25,
        "equipment": "投影仪",
        "opens_at": "09:00",
        "closes_at": "18:00",
        "closed_weekdays": ["6"],
        "bookers": "agencies",
        "needs_approval": "on",
        "buffer_minutes": 10,
        "max_minutes": 180,
        "weekly_quota_hours": "",
        "cancel_cutoff_hours": 4,
        "days_ahead": 30,
        "active": "on",
        **extra,
    }


def test_the_office_adds_and_edits_a_venue(client, park):
    response = post(client, park.office, url("venue-create"), venue_data())
    assert response.status_code == 302
    venue = Venue.objects.get(name="共享面试室丙")
    assert response["Location"] == url("venue-detail", venue.pk)
    assert venue.closed_weekdays == "6" and venue.needs_approval and venue.max_minutes == 180
    assert venue.weekly_quota_hours is None
    page = text(get(client, park.office, url("venue-edit", venue.pk)))
    assert 'value="6" class="form-check-input" id="id_closed_weekdays_6" checked' in page or (
        "checked" in page[page.find('id="id_closed_weekdays_6"') - 120 :][:300]
    )
    data = venue_data(closed_weekdays=["5", "6"], capacity=10, needs_approval="")
    response = post(client, park.office, url("venue-edit", venue.pk), data)
    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.closed_weekdays == "5,6" and venue.capacity == 10 and not venue.needs_approval


def test_the_venue_editor_puts_the_services_refusal_beside_the_field(client, park):
    response = post(client, park.office, url("venue-create"), venue_data(closes_at="08:00"))
    assert response.status_code == 400
    page = text(response)
    name = page.find('name="closes_at"')
    assert "is-invalid" in page[page.rfind("<input", 0, name) : name + 200]
    assert "close after it opens" in page
    assert not Venue.objects.filter(name="共享面试室丙").exists()
    response = post(client, park.office, url("venue-create"), venue_data(name="共享面试室甲"))
    assert response.status_code == 400
    assert Venue.objects.filter(name="共享面试室甲").count() == 1


def test_only_the_office_edits_venues(client, park):
    response = post(client, park.staff, url("venue-create"), venue_data())
    assert response.status_code == 403
    response = post(client, park.hr, url("venue-edit", park.room.pk), venue_data())
    assert response.status_code == 403
    response = post(client, park.staff, url("closure-add", park.room.pk), {"date": "2026-12-01"})
    assert response.status_code == 403
    assert not Venue.objects.filter(name="共享面试室丙").exists()


def test_the_office_closes_a_day_and_opens_it_again(client, park):
    day = tuesday()
    response = post(
        client,
        park.office,
        url("closure-add", park.room.pk),
        {"date": day.isoformat(), "reason": "消防检查"},
    )
    assert response.status_code == 302
    closure = VenueClosure.objects.get(venue=park.room)
    assert closure.date == day and closure.reason == "消防检查"
    page = text(get(client, park.staff, f"{url('venue-detail', park.room.pk)}?week={day}"))
    assert "消防检查" in page and page.count('data-state="closed"') == 3
    # The same day twice is refused beside the date.
    response = post(
        client, park.office, url("closure-add", park.room.pk), {"date": day.isoformat()}
    )
    assert response.status_code == 400
    assert "already closed" in text(response)
    response = post(client, park.office, url("closure-remove", park.room.pk, closure.pk), {})
    assert response.status_code == 302
    assert not VenueClosure.objects.exists()


def test_a_day_with_bookings_cannot_be_closed_from_the_page(client, park, booked):
    response = post(
        client, park.office, url("closure-add", park.room.pk), {"date": tuesday().isoformat()}
    )
    assert response.status_code == 400
    assert "cancel them first" in text(response)


def test_the_service_still_holds_when_the_page_is_bypassed(park):
    day = tuesday()
    services.booking_create(
        actor=park.staff,
        venue=park.room,
        starts_at=park_time(day, 9),
        ends_at=park_time(day, 10),
        purpose="interview",
        title="初试",
    )
    assert Booking.objects.get().agency == park.agency
