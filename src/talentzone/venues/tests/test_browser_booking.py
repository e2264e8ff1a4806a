"""In a real browser, an agency books a room from its calendar: it opens the interview room's
week, clicks a free half-hour, finds the booking form filled in with the room and the times,
names the interview, books, and is back on the calendar with that slot shown as taken by its
interview. A colleague of another agency sees the same slot only as "booked"; the park's week
shows it taken too."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
    replay_data_migrations,
)
from talentzone.directory.tests.factories import AgencyFactory, MembershipFactory, UserFactory
from talentzone.venues.forms import next_weekday
from talentzone.venues.models import Booking
from talentzone.venues.tests.factories import VenueFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]

PASSWORD = "demo-pass-123"  # UserFactory's


def chinese(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=chinese("Sign in")).click()
    expect(page.get_by_test_id("home-title")).to_be_visible()


@pytest.fixture
def the_park(live_server):
    """Two agencies with a staff member each, and a shared interview room (08:30–17:30 on
    weekdays, 15 minutes' cleaning)."""
    replay_data_migrations()
    agency = AgencyFactory(name="闽东甲人力")
    staff = UserFactory(username="agency-browser", roles=["agency_staff"])
    MembershipFactory(user=staff, agency=agency)
    other = AgencyFactory(name="闽东乙人力")
    other_staff = UserFactory(username="other-agency-browser", roles=["agency_staff"])
    MembershipFactory(user=other_staff, agency=other)
    room = VenueFactory(name="共享面试室甲", place="人力资源服务产业园A栋3层")
    return {"room": room, "agency": agency}


def test_an_agency_books_a_free_slot_from_the_calendar_and_sees_it_taken(
    the_park, live_server, page, tmp_path
):
    room = the_park["room"]
    day = next_weekday(timezone.localdate(), 1)  # next Tuesday
    start = f"{day:%Y-%m-%d}T14:00"
    page.set_viewport_size({"width": 1366, "height": 900})

    # The agency opens the room's week: 14:00 on Tuesday is free, a link to book it.
    sign_in(page, live_server, "agency-browser")
    page.goto(f"{live_server.url}/venues/{room.pk}/?week={day:%Y-%m-%d}")
    expect(page.get_by_test_id("week-calendar")).to_be_visible()
    cell = page.locator(f'[data-testid=slot][data-start="{start}"]')
    expect(cell).to_have_attribute("data-state", "free")
    page.screenshot(path=tmp_path / "calendar-before.png", full_page=True)
    cell.get_by_test_id("free-slot").click()

    # The booking form has the room and the half-hour filled in; the agency names the interview
    # and makes it an hour.
    form = page.get_by_test_id("booking-form")
    expect(form).to_be_visible()
    expect(form.locator("select[name=venue]")).to_have_value(str(room.pk))
    expect(form.locator("input[name=starts_at]")).to_have_value(start)
    expect(form.locator("input[name=ends_at]")).to_have_value(f"{day:%Y-%m-%d}T14:30")
    form.locator("input[name=ends_at]").fill(f"{day:%Y-%m-%d}T15:00")
    form.locator("input[name=title]").fill("储能电池工程师初试")
    form.locator("input[name=attendees]").fill("3")
    page.get_by_test_id("save-button").click()

    # Back on the calendar: the slot is taken by the interview (two half-hours, one cell), and
    # the cleaning time after it is not free either.
    expect(page.get_by_test_id("week-calendar")).to_be_visible()
    cell = page.locator(f'[data-testid=slot][data-start="{start}"]')
    expect(cell).to_have_attribute("data-state", "booked")
    expect(cell).to_contain_text("储能电池工程师初试")
    expect(cell).to_have_attribute("rowspan", "2")
    after = page.locator(f'[data-testid=slot][data-start="{day:%Y-%m-%d}T15:00"]')
    expect(after).to_have_attribute("data-state", "blocked")
    expect(cell.get_by_test_id("free-slot")).to_have_count(0)
    page.screenshot(path=tmp_path / "calendar-after.png", full_page=True)
    booking = Booking.objects.get(venue=room)
    assert booking.agency == the_park["agency"]
    assert timezone.localtime(booking.starts_at).time() == datetime.time(14, 0)
    assert timezone.localtime(booking.ends_at).time() == datetime.time(15, 0)

    # Another agency sees the slot as booked, without whose it is; on the park's week too.
    sign_in(page, live_server, "other-agency-browser")
    page.goto(f"{live_server.url}/venues/{room.pk}/?week={day:%Y-%m-%d}")
    cell = page.locator(f'[data-testid=slot][data-start="{start}"]')
    expect(cell).to_have_attribute("data-state", "booked")
    expect(cell).not_to_contain_text("储能电池工程师初试")
    page.goto(f"{live_server.url}/venues/calendar/?week={day:%Y-%m-%d}")
    row = page.locator(f'[data-testid=park-row][data-venue="{room.pk}"]')
    expect(row.locator(f'[data-testid=slot][data-start="{start}"]')).to_have_attribute(
        "data-state", "booked"
    )
    page.screenshot(path=tmp_path / "park-calendar.png", full_page=True)
