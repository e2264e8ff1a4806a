"""In a real browser on a phone-sized screen, an enterprise's HR clerk imports a roster: a file
with a bad row is rejected with a report, the corrected file is imported."""

import io
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from talentzone.core.choices import Role
from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    DEMO_USERNAMES,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
    registry_zone,  # noqa: F401
    sign_in,
)
from talentzone.directory.imports.samples import talent_row, write_workbook
from talentzone.directory.models import Membership, Talent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def chinese(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def roster(rows) -> dict:
    buffer = io.BytesIO()
    write_workbook(buffer, rows)
    return {
        "name": "花名册.xlsx",
        "mimeType": "application/octet-stream",
        "buffer": buffer.getvalue(),
    }


def assert_fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px wide)"


def test_an_hr_clerk_imports_a_roster_on_a_phone_after_correcting_a_bad_row(
    registry_zone,  # noqa: F811
    live_server,
    page,
    tmp_path,
):
    username = DEMO_USERNAMES[Role.ENTERPRISE_HR]
    employer = Membership.objects.get(user__username=username).enterprise
    before = Talent.objects.count()
    rows = [talent_row(9000 + n, employer=employer.name) for n in range(3)]
    rows[1]["手机号码"] = "12345"
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, username)

    page.goto(f"{live_server.url}/directory/talents/")
    page.get_by_test_id("import-button").click()
    page.set_input_files("#id_file", roster(rows))
    page.get_by_test_id("upload-button").click()

    expect(page.get_by_test_id("import-status")).to_have_text(chinese("Rejected: nothing imported"))
    expect(page.get_by_test_id("import-errors")).to_contain_text("手机号码")
    expect(page.get_by_test_id("report-link")).to_be_visible()
    assert_fits_the_phone(page)
    page.screenshot(path=tmp_path / "import-rejected-phone.png", full_page=True)
    assert Talent.objects.count() == before

    rows[1]["手机号码"] = "13805930002"
    page.get_by_role("link", name=chinese("Upload a corrected file")).click()
    page.set_input_files("#id_file", roster(rows))
    page.get_by_test_id("upload-button").click()

    expect(page.get_by_test_id("import-status")).to_have_text(chinese("All rows imported"))
    assert_fits_the_phone(page)
    assert Talent.objects.filter(employer=employer).count() >= 3
    assert Talent.objects.count() == before + 3
