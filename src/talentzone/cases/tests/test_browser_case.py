"""In a real browser, a case from the enterprise to the joint consultation and back: an
enterprise's HR raises it; the grid officer escalates it from level 1 (to the category's
department); the department's reviewer escalates it from level 2; the talent office schedules the
consultation and records it with a task for the department; the department marks the task done;
the office resolves the case; the enterprise confirms it with a rating, and the case is closed."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from talentzone.cases.choices import CaseEventKind, CaseStatus, Level
from talentzone.cases.models import Case
from talentzone.cases.tests.conftest import Desk
from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
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


@pytest.fixture
def scene(reference_data, live_server, make_user) -> Desk:
    return Desk(make_user)


def open_case(page, live_server, case: Case, from_list: str = "/cases/") -> None:
    page.goto(f"{live_server.url}{from_list}")
    page.get_by_test_id("case-row").filter(has_text=case.number).get_by_role(
        "link", name=case.title
    ).click()
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)


def unfold(page, action: str) -> None:
    details = page.get_by_test_id(f"{action}-action")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def test_a_case_goes_up_to_the_consultation_and_the_enterprise_confirms_it(
    scene, live_server, page, tmp_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    level = page.get_by_test_id("case-level")

    # The enterprise's HR raises the case: their enterprise is implied.
    sign_in(page, live_server, scene.hr)
    page.goto(f"{live_server.url}/cases/mine/")
    page.get_by_test_id("raise-button").click()
    page.select_option("#id_category", str(scene.category.pk))
    page.fill("#id_title", "人才公寓申请无进展")
    page.fill("#id_description", "三名博士的人才公寓申请已提交两个月，仍未分配。")
    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("page-title")).to_have_text("人才公寓申请无进展")
    case = Case.objects.get()
    assert case.enterprise == scene.enterprise and case.team == scene.team
    expect(level).to_have_attribute("data-level", "1")

    # Level 1: the grid officer finds it in their queue and escalates it to the department.
    sign_in(page, live_server, scene.officer)
    open_case(page, live_server, case)
    unfold(page, "escalate")
    page.screenshot(path=tmp_path / "level-1.png", full_page=True)
    expect(page.locator("#id_escalate-department")).to_have_value(str(scene.housing.pk))
    page.fill("#id_escalate-reason", "房源需住建局协调")
    page.get_by_test_id("escalate-button").click()
    expect(level).to_have_attribute("data-level", "2")
    expect(page.get_by_test_id("case-department")).to_have_text(scene.housing.name)

    # Level 2: the department's reviewer escalates it to the joint consultation.
    sign_in(page, live_server, scene.housing_staff)
    open_case(page, live_server, case)
    unfold(page, "escalate")
    page.fill("#id_escalate-reason", "需人社、住建多部门会商")
    page.get_by_test_id("escalate-button").click()
    expect(level).to_have_attribute("data-level", "3")

    # Level 3: the office schedules the consultation, then records it with a task.
    sign_in(page, live_server, scene.office)
    open_case(page, live_server, case)
    page.get_by_test_id("consultation-link").click()
    meeting = timezone.localtime() + datetime.timedelta(days=2)
    page.fill("#id_schedule-scheduled_at", meeting.strftime("%Y-%m-%dT10:00"))
    page.fill("#id_schedule-place", "管委会三楼会议室")
    page.fill("#id_schedule-chair", "张主任")
    page.get_by_test_id("schedule-form").get_by_label(scene.policy.name).check()
    page.get_by_test_id("schedule-button").click()
    expect(page.get_by_test_id("consultation")).to_have_attribute("data-status", "scheduled")
    page.fill("#id_record-minutes", "会议讨论了人才公寓房源。")
    page.fill("#id_record-decision", "住建局两周内安排两套人才公寓。")
    page.select_option("#id_tasks-0-department", str(scene.housing.pk))
    page.fill("#id_tasks-0-description", "安排两套人才公寓")
    due = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    page.fill("#id_tasks-0-due_on", due)
    page.get_by_test_id("record-button").click()
    expect(page.get_by_test_id("consultation")).to_have_attribute("data-status", "held")
    expect(page.get_by_test_id("task")).to_have_attribute("data-done", "false")
    page.screenshot(path=tmp_path / "consultation.png", full_page=True)

    # The department marks its task done.
    sign_in(page, live_server, scene.housing_staff)
    page.goto(f"{live_server.url}/cases/{case.pk}/consultation/")
    page.get_by_test_id("task-done-form").locator("textarea").fill("已分配两套人才公寓。")
    page.get_by_test_id("task-done-button").click()
    expect(page.get_by_test_id("task")).to_have_attribute("data-done", "true")

    # The office resolves the case.
    sign_in(page, live_server, scene.office)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    unfold(page, "resolve")
    page.fill("#id_resolve-resolution", "经会商，住建局已分配两套人才公寓。")
    page.get_by_test_id("resolve-button").click()
    expect(page.get_by_test_id("case-status")).to_have_attribute("data-status", "resolved")

    # The enterprise finds it in its cases and confirms it with a rating.
    sign_in(page, live_server, scene.hr)
    open_case(page, live_server, case, from_list="/cases/mine/")
    form = page.get_by_test_id("confirm-form")
    form.locator("input[name=confirm-rating][value='5']").check()
    page.fill("#id_confirm-comment", "处理及时，非常满意。")
    page.get_by_test_id("confirm-button").click()
    expect(page.get_by_test_id("case-status")).to_have_attribute("data-status", "closed")
    expect(page.get_by_test_id("case-rating")).to_contain_text("5 / 5")
    page.screenshot(path=tmp_path / "closed.png", full_page=True)

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.level == Level.CONSULTATION
    assert case.rating == 5
    kinds = list(case.events.values_list("kind", flat=True))
    for kind in (
        CaseEventKind.RAISED,
        CaseEventKind.ESCALATED,
        CaseEventKind.CONSULTATION_SCHEDULED,
        CaseEventKind.CONSULTATION_HELD,
        CaseEventKind.TASK_DONE,
        CaseEventKind.RESOLVED,
        CaseEventKind.CONFIRMED,
    ):
        assert kind in kinds, kind
    assert kinds.count(CaseEventKind.ESCALATED) == 2
