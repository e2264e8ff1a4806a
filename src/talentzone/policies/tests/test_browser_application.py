"""In a real browser, one application walks from the talent's submission through every stage to
payment, each actor signed in as themselves: the talent applies and attaches the document, the
enterprise's HR confirms, the department's reviewer checks, the talent office approves; after
the public notice the office closes it and records the payment; the talent sees it paid."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
    replay_data_migrations,
    sign_in,
)
from talentzone.directory.demo import structure
from talentzone.directory.models import Department
from talentzone.policies.choices import StageRole
from talentzone.policies.models import Application
from talentzone.policies.tests.factories import (
    PolicyFactory,
    RequiredDocumentFactory,
    ReviewStageFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]


@pytest.fixture
def housing_policy(live_server):
    """A small seeded zone and a housing subsidy decided in three stages by the demo accounts."""
    replay_data_migrations()
    call_command("seed", "--scale", "0.01", verbosity=0)
    today = timezone.localdate()
    policy = PolicyFactory(
        code="browser-housing",
        title="青年人才安家补贴（浏览器测试）",
        rule="age <= 60",
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=30),
        amount_fen=3_000_000,
    )
    reviewing = Department.objects.get(code=structure.REVIEWING_DEPARTMENT)
    stages = [
        ("企业确认", StageRole.ENTERPRISE_HR, None),
        ("部门审核", StageRole.REVIEWER, reviewing),
        ("人才办审批", StageRole.OFFICE_ADMIN, None),
    ]
    for position, (name, role, department) in enumerate(stages, start=1):
        ReviewStageFactory(
            policy=policy, position=position, name=name, role=role, department=department
        )
    RequiredDocumentFactory(policy=policy, name="购房合同")
    return policy


def act_as(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def decide_from_queue(page, live_server, number: str) -> None:
    page.goto(f"{live_server.url}/policies/review/")
    page.get_by_test_id("queue-row").filter(has_text=number).get_by_test_id("decide-one").click()
    page.get_by_test_id("approve-button").click()


def test_a_talent_application_walks_through_every_stage_to_payment(
    housing_policy, live_server, page, tmp_path
):
    contract = tmp_path / "购房合同.pdf"
    contract.write_bytes(b"%PDF-1.4 a fictional contract\n")

    # The talent finds the policy, applies, attaches the contract and submits.
    act_as(page, live_server, "talent")
    page.goto(f"{live_server.url}/policies/")
    page.get_by_role("link", name=housing_policy.title).click()
    page.get_by_test_id("apply-button").first.click()
    page.get_by_label("申报说明").fill("2026年在区内购买首套住房，申请安家补贴。")
    page.get_by_test_id("save-button").click()
    page.get_by_test_id("upload-form").locator("input[type=file]").set_input_files(contract)
    page.get_by_test_id("upload-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("attachment-link").first).to_contain_text("购房合同")
    page.get_by_test_id("submit-button").click()
    expect(page.get_by_test_id("status").first).to_have_attribute("data-status", "in_review")
    application = Application.objects.get(policy=housing_policy)
    number = application.number

    # Each stage decides from its own queue, signed in as itself.
    for username in ("hr", "reviewer", "office"):
        act_as(page, live_server, username)
        decide_from_queue(page, live_server, number)
    expect(page.get_by_test_id("status").first).to_have_attribute("data-status", "notice")

    # The notice runs its days (here: moved into the past), then the office closes it and pays.
    Application.objects.filter(pk=application.pk).update(
        notice_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    page.reload()
    page.get_by_test_id("close-notice-button").click()
    expect(page.get_by_test_id("status").first).to_have_attribute("data-status", "approved")
    page.get_by_test_id("pay-button").click()
    expect(page.get_by_test_id("status").first).to_have_attribute("data-status", "paid")

    # The talent follows it on the timeline: every step, in order, and the money paid.
    act_as(page, live_server, "talent")
    page.goto(f"{live_server.url}/policies/applications/{application.pk}/")
    kinds = page.get_by_test_id("event").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert kinds == [
        "created",
        "submitted",
        "approved_stage",
        "approved_stage",
        "approved_stage",
        "notice_started",
        "approved",
        "paid",
    ]
    expect(page.get_by_test_id("status").first).to_have_attribute("data-status", "paid")
    page.screenshot(path=tmp_path / "paid-application.png", full_page=True)
