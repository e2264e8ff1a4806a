"""In a real browser: a queued talent sees their score and place in the queue; once a round
offers them a flat they accept it; the talent office signs the lease from the offers list and
sees the flat let on the board."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
)
from talentzone.directory.tests.factories import UserFactory
from talentzone.housing import services
from talentzone.housing.choices import ApartmentStatus, LeaseStatus, OfferStatus
from talentzone.housing.models import Lease, Offer
from talentzone.housing.tests.factories import (
    ApartmentFactory,
    CommunityFactory,
    QueueEntryFactory,
    SchemeFactory,
    talent_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]

PASSWORD = "demo-pass-123"  # UserFactory's


def sign_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("button.btn-primary[type=submit]").click()
    expect(page.get_by_test_id("home-title")).to_be_visible()


def test_a_talent_accepts_a_flat_and_the_office_signs_the_lease(
    reference_data, live_server, page, tmp_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    office = UserFactory(roles=["office_admin"])
    scheme = SchemeFactory(name="人才公寓配租")
    community = CommunityFactory(name="锦绣家园")
    flat = ApartmentFactory(community=community, building="3", unit="502")
    talent, user = talent_user()
    QueueEntryFactory(scheme=scheme, talent=talent, household_size=3)

    # Queued: the talent sees the score's parts and their place for the layout.
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}/housing/")
    expect(page.get_by_test_id("my-score")).to_be_visible()
    expect(page.get_by_test_id("position")).to_have_attribute("data-position", "1")
    page.screenshot(path=tmp_path / "queued.png", full_page=True)

    # A round offers the flat; the talent accepts it before the answer-by day.
    services.round_run(actor=office, scheme=scheme)
    page.goto(f"{live_server.url}/housing/")
    expect(page.get_by_test_id("answer-by")).to_be_visible()
    page.get_by_test_id("accept-offer").click()
    expect(page.get_by_test_id("offer-accepted")).to_be_visible()
    assert Offer.objects.get().status == OfferStatus.ACCEPTED

    # The office signs the lease from the offers list and sees the flat let on the board.
    sign_in(page, live_server, office)
    page.goto(f"{live_server.url}/housing/offers/?status=accepted")
    page.get_by_test_id("sign-link").click()
    page.get_by_test_id("sign-button").click()
    expect(page.get_by_test_id("lease-status")).to_be_visible()
    lease = Lease.objects.get()
    assert lease.status == LeaseStatus.ACTIVE and lease.talent == talent
    page.goto(f"{live_server.url}/housing/board/?community={community.pk}")
    expect(page.locator(f'[data-testid="flat"][data-flat="{flat.pk}"]')).to_have_attribute(
        "data-status", ApartmentStatus.LET
    )
    expect(page.get_by_test_id("let").first).to_have_text("1")
    page.screenshot(path=tmp_path / "board.png", full_page=True)
