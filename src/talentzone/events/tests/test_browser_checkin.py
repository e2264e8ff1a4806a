"""In a real browser, an event from the sign-up to the door: a talent opens the upcoming events,
registers for the station's social and finds their check-in code and its QR code; the station's
staff open the door's check-in page, type the code (as a USB scanner would: the characters, then
Enter), see the person let in, and typing it again is refused as already checked in."""

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
from talentzone.directory.tests.factories import (
    MembershipFactory,
    StationFactory,
    TalentFactory,
    UserFactory,
)
from talentzone.events.choices import QuotaBy, RegistrationStatus
from talentzone.events.models import Registration
from talentzone.events.tests.factories import EventFactory, EventQuotaFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]

PASSWORD = "demo-pass-123"  # UserFactory's
PHONE = {"width": 390, "height": 844}
HOUR = datetime.timedelta(hours=1)


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
def social(live_server):
    """A station with its staff, a talent woman with an account, and the station's social in
    an hour (check-in open), places divided between women and men."""
    replay_data_migrations()
    station = StationFactory(name="蕉城人才驿站")
    staff = UserFactory(username="station-browser", roles=["station_staff"])
    MembershipFactory(user=staff, station=station)
    talent_user = UserFactory(username="talent-browser", roles=["talent"])
    TalentFactory(name="林晓雯", user=talent_user, male=False, born=datetime.date(1997, 3, 8))
    now = timezone.now()
    event = EventFactory(
        title="第54期青年人才鹊桥会",
        station=station,
        organiser=staff,
        capacity=4,
        quota_by=QuotaBy.GENDER,
        starts_at=now + HOUR,
        ends_at=now + 3 * HOUR,
        registration_opens_at=now - 24 * HOUR,
        registration_closes_at=now + HOUR,
    )
    EventQuotaFactory(event=event, group="female", places=2)
    EventQuotaFactory(event=event, group="male", places=2)
    return event


def test_a_talent_registers_and_the_station_checks_the_code_in_once(
    social, live_server, page, tmp_path
):
    # The talent, on a phone, finds the event among the upcoming ones and registers.
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "talent-browser")
    page.goto(f"{live_server.url}/events/")
    page.get_by_test_id("event-card").filter(has_text=social.title).click()
    expect(page.get_by_test_id("page-title")).to_have_text(social.title)
    page.get_by_test_id("register-button").click()

    # My registrations: confirmed, with the typed code and its QR code.
    card = page.get_by_test_id("registration-card").filter(has_text=social.title)
    expect(card.get_by_test_id("registration-status")).to_have_attribute("data-status", "confirmed")
    registration = Registration.objects.get(event=social, user__username="talent-browser")
    expect(card.get_by_test_id("checkin-code")).to_have_text(registration.code)
    expect(card.get_by_test_id("qr-code").locator("svg")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px wide)"
    page.screenshot(path=tmp_path / "my-registration.png", full_page=True)

    # The station's staff open the door's page: the code field has the focus.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "station-browser")
    page.goto(f"{live_server.url}/events/{social.pk}/")
    page.get_by_test_id("check-in-button").click()
    field = page.locator("input[name=code]")
    expect(field).to_be_focused()

    # A scanner types the code and presses Enter.
    page.keyboard.type(registration.code.lower())
    page.keyboard.press("Enter")
    result = page.get_by_test_id("checkin-result")
    expect(result).to_have_attribute("data-ok", "true")
    expect(page.get_by_test_id("checkin-name")).to_contain_text("林晓雯")
    expect(page.get_by_test_id("checkin-name")).to_contain_text(chinese("Female"))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED
    page.screenshot(path=tmp_path / "checkin-ok.png", full_page=True)

    # The same code again: refused, saying it was let in already.
    expect(field).to_be_focused()
    page.keyboard.type(registration.code)
    page.keyboard.press("Enter")
    expect(result).to_have_attribute("data-ok", "false")
    expect(page.get_by_test_id("checkin-reason")).to_be_visible()
    expect(page.get_by_test_id("checkin-name")).to_contain_text("林晓雯")
    page.screenshot(path=tmp_path / "checkin-refused.png", full_page=True)
    assert Registration.objects.get(pk=registration.pk).checked_in_at == registration.checked_in_at
