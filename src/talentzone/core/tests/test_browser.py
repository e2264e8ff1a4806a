"""In a real browser (Debian's chromium through Playwright), each role signs in and sees its home.

The office admin's home page is also the README's screenshot, rewritten on every run.
"""

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from talentzone.core.choices import Role
from talentzone.core.home import HOME_PAGES

# Playwright's sync API runs an event loop in this thread; the ORM calls the live server and the
# seed make here are ordinary synchronous ones, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = Path(__file__).resolve().parents[4] / "docs" / "screenshot.png"
DEMO_USERNAMES = {
    Role.OFFICE_ADMIN: "office",
    Role.REVIEWER: "reviewer",
    Role.GRID_OFFICER: "grid",
    Role.LEADER: "leader",
    Role.ENTERPRISE_HR: "hr",
    Role.AGENCY_STAFF: "agency",
    Role.STATION_STAFF: "station",
    Role.TALENT: "talent",
    Role.EXPERT: "expert",
}
DEMO_PASSWORD = "talentzone-demo"
DATA_MIGRATIONS = [
    ("talentzone.core.migrations.0002_roles", "create_roles"),
    ("talentzone.core.migrations.0006_expert_role", "create_role"),
    ("talentzone.directory.migrations.0002_default_tiers", "create_tiers"),
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """The zone's people browse in Chinese; the browser's own default would ask for English."""
    return {**browser_context_args, "locale": "zh-CN"}


@pytest.fixture
def demo_zone(live_server):
    """A small seeded zone for the live server.

    A live-server test empties the database after itself, the data migrations' rows (roles,
    tiers) included. serialized_rollback cannot give them back here: Playwright's event loop
    gives this test another database connection object than the one the snapshot was kept on.
    So the rows are made again, by the data migrations' own functions.
    """
    replay_data_migrations()
    call_command("seed", "--scale", "0.01", verbosity=0)


@pytest.fixture
def registry_zone(live_server):
    """The small zone's registry and demo accounts only (`seed --registry-only`), for browser
    tests of the registry's own pages: the later capabilities' demos would only slow them."""
    replay_data_migrations()
    call_command("seed", "--scale", "0.01", "--registry-only", verbosity=0)


def replay_data_migrations() -> None:
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name=_chinese("Sign in")).click()


def _chinese(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def signed_out(page) -> None:
    page.context.clear_cookies()


# One test walks every role through the one seeded zone: seeding the whole demo takes longer
# than all the sign-ins together, and a live-server test empties the database after itself.
def test_each_role_signs_in_and_sees_its_home_page(demo_zone, live_server, page):
    for role in Role:
        signed_out(page)
        sign_in(page, live_server, DEMO_USERNAMES[role])
        heading, _intro = HOME_PAGES[role]
        expect(page.get_by_test_id("home-title"), f"{role} home").to_have_text(_chinese(heading))
        if role == Role.OFFICE_ADMIN:
            page.set_viewport_size({"width": 1366, "height": 820})
            page.wait_for_timeout(600)  # let the chart finish its entry animation
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=SCREENSHOT)


def test_talents_and_hr_staff_can_use_their_home_page_on_a_phone(
    demo_zone, live_server, page, tmp_path
):
    page.set_viewport_size({"width": 390, "height": 844})
    for role in (Role.TALENT, Role.ENTERPRISE_HR):
        signed_out(page)
        sign_in(page, live_server, DEMO_USERNAMES[role])
        expect(page.get_by_test_id("home-title")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{role}'s home page scrolls sideways on a phone ({width}px wide)"
        page.screenshot(path=tmp_path / f"{role.value}-phone.png")


def test_the_language_switch_turns_the_page_into_english(demo_zone, live_server, page):
    sign_in(page, live_server, "leader")
    page.get_by_test_id("language-en").click()
    expect(page.get_by_test_id("home-title")).to_have_text("Zone overview")
