"""In a real browser: a leader opens the wall screen (charts drawn, key numbers shown, and it
refreshes itself from the API); the office opens its view of every figure, clicks the bar of
the municipal tier in "talents by tier" and lands on the talent list filtered by that tier.

With TALENTZONE_SCREENSHOTS=1 the wall screen is also written to docs/overview.png (the lead
makes it over the demo zone)."""

import datetime
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import expect

from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
    replay_data_migrations,
)
from talentzone.directory.tests.factories import TalentFactory, UserFactory, tier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]

PASSWORD = "demo-pass-123"  # UserFactory's
KEY = "directory.talents_by_tier"
SCREENSHOT = Path(__file__).resolve().parents[4] / "docs" / "overview.png"


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
def zone(live_server):
    """Three municipal talents, two provincial ones, a leader and an office admin."""
    replay_data_migrations()
    cache.clear()
    municipal, provincial = tier("municipal"), tier("provincial_high")
    for n in range(3):
        TalentFactory(name=f"林市级{n}", tier=municipal, arrival_date=datetime.date(2020, 3, 1))
    for n in range(2):
        TalentFactory(name=f"王省级{n}", tier=provincial, arrival_date=datetime.date(2021, 3, 1))
    UserFactory(username="leader-browser", roles=["leader"])
    UserFactory(username="office-browser", roles=["office_admin"])
    yield municipal
    cache.clear()


def chart_drawn(page, key: str):
    chart = page.locator(f'[data-chart="{key}"]')
    expect(chart).to_have_attribute("data-drawn", "1")
    expect(chart.locator("canvas")).to_have_count(1)
    return chart


def test_the_leader_watches_the_overview_and_the_office_drills_into_a_bar(zone, live_server, page):
    page.emulate_media(reduced_motion="reduce")  # no animation: the bars stand where they end
    sign_in(page, live_server, "leader-browser")
    page.goto(f"{live_server.url}/insights/?refresh=10")
    expect(page.get_by_test_id("overview")).to_be_visible()
    chart_drawn(page, KEY)
    charts = page.get_by_test_id("overview-chart")
    assert charts.count() >= 1
    for index in range(charts.count()):  # every chart of the wall is drawn (or says it failed)
        section = charts.nth(index)
        expect(section.locator("canvas, [data-testid=figure-failed]")).to_have_count(1)
    talents = page.locator('[data-testid=key-number][data-key="talents"]')
    expect(talents.get_by_test_id("key-number-value")).to_have_text("5")
    expect(page.locator(f'[data-as-of="{KEY}"]')).not_to_be_empty()
    menu = page.locator("aside")
    expect(menu).to_be_hidden()  # the wall screen uses the whole width

    # It refreshes itself from the API: a new talent shows without reloading the page.
    TalentFactory(name="新来的", tier=zone, arrival_date=datetime.date(2022, 1, 1))
    page.evaluate("window.talentzoneRefresh()")
    expect(talents.get_by_test_id("key-number-value")).to_have_text("6")

    if os.environ.get("TALENTZONE_SCREENSHOTS") == "1":
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOT), full_page=True)

    sign_in(page, live_server, "office-browser")
    page.goto(f"{live_server.url}/insights/figures/")
    chart = chart_drawn(page, KEY)
    chart.scroll_into_view_if_needed()
    chart.evaluate("element => element.scrollIntoView({block: 'center'})")
    index = page.evaluate(
        "([key, tier]) => window.talentzoneFigures[key].keys.indexOf(tier)", [KEY, str(zone.pk)]
    )
    assert index >= 0
    point = page.evaluate("([key, index]) => window.talentzoneItemCenter(key, index)", [KEY, index])
    page.mouse.move(point["x"], point["y"])
    cursor = page.evaluate(
        "([x, y]) => getComputedStyle(document.elementFromPoint(x, y)).cursor",
        [point["x"], point["y"]],
    )
    assert cursor == "pointer"  # a bar with a list behind it says it can be clicked
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(f"**/directory/talents/?status=in_zone&tier={zone.pk}")
    expect(page.get_by_test_id("page-title")).to_be_visible()
    results = page.locator("#results, [data-testid=result-count]").first
    expect(results).to_be_visible()
    content = page.content()
    assert "林市级0" in content and "新来的" in content
    assert "王省级0" not in content
