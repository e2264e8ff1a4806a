"""The case desk's pages: each renders for the roles that may see it (in Chinese, the default, and
in English) and answers 403 (may not act) or 404 (may not see) to the others; an enterprise sees
only its own cases; each action of a case's page shows only to who may take it, writes through
the services, and a bad input comes back beside its field (HTTP 400, nothing written).

These pages run on the real clock: cases raised on Monday 1 June 2026 through the conftest's desk
are long overdue by now, and those raised "today" are not."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from talentzone.cases import services
from talentzone.cases.choices import CaseEventKind, CaseSource, CaseStatus, Level
from talentzone.cases.models import Case, ConsultationTask, Liaison, Visit, VisitPlan
from talentzone.core.tests import samples

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def url(name: str, *args) -> str:
    return reverse(f"cases:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def get(client, user, path, **headers):
    client.force_login(user)
    return client.get(path, **{**ENGLISH, **headers})


def post(client, user, path, data=None, **headers):
    client.force_login(user)
    return client.post(path, data or {}, **{**ENGLISH, **headers})


def fresh(desk, actor=None, **fields) -> Case:
    """A case raised today (not overdue)."""
    return services.case_raise(
        actor=actor or desk.hr,
        category=desk.category,
        title=fields.pop("title", "人才子女入学咨询"),
        description="两名工程师的子女需要就近入学。",
        **fields,
    )


# Who sees which page ---------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [ENGLISH, CHINESE])
def test_every_page_renders_for_the_office(client, desk, headers):
    case = desk.at_level(3)
    liaison = services.liaison_create(actor=desk.office, leader=desk.leader, expert=desk.talent)
    for path in (
        url("queue"),
        url("queue") + "?scope=all&level=3&overdue=yes",
        url("raise"),
        url("detail", case.pk),
        url("consultation", case.pk),
        url("grids"),
        url("visits"),
        url("visit_new"),
        url("liaison"),
        url("liaison_visit_new", liaison.pk),
    ):
        response = get(client, desk.office, path, **headers)
        assert response.status_code == 200, path


def test_the_queue_is_the_desks(client, desk):
    mine = desk.raise_case()
    theirs = desk.raise_case(actor=desk.other_hr)
    response = get(client, desk.officer, url("queue"))
    assert response.status_code == 200
    assert mine.number in text(response)
    assert theirs.number not in text(response)
    assert get(client, desk.other_officer, url("queue")).status_code == 200
    assert mine.number not in text(get(client, desk.other_officer, url("queue")))
    # Leaders read every case (their queue opens on "all").
    page = text(get(client, desk.leader, url("queue")))
    assert mine.number in page and theirs.number in page
    for outsider in (desk.hr, desk.talent_user):
        assert get(client, outsider, url("queue")).status_code == 403


def test_the_queue_highlights_overdue_cases_with_the_days_over(client, desk):
    late = desk.raise_case()  # due on 8 June 2026
    on_time = fresh(desk)
    response = get(client, desk.officer, url("queue"))
    page = text(response)
    days = (timezone.localdate() - late.due_on).days
    assert f'data-case="{late.pk}" class="table-danger" data-overdue="true"' in page
    assert f"{days} days over" in page
    assert f'data-case="{on_time.pk}">' in page
    only_late = text(get(client, desk.officer, url("queue") + "?overdue=yes"))
    assert late.number in only_late and on_time.number not in only_late
    not_late = text(get(client, desk.officer, url("queue") + "?overdue=no"))
    assert late.number not in not_late and on_time.number in not_late


def test_the_queue_filters_by_tab_level_team_department_and_category(client, desk):
    at_one = desk.raise_case()
    at_two = desk.at_level(2, title="住房补贴未到账")
    # A grid officer's "to act on" tab holds level 1 only; "all" also what went up.
    page = text(get(client, desk.officer, url("queue")))
    assert at_one.number in page and at_two.number not in page
    page = text(get(client, desk.officer, url("queue") + "?scope=all"))
    assert at_one.number in page and at_two.number in page
    # The department's reviewer acts on level 2.
    page = text(get(client, desk.housing_staff, url("queue")))
    assert at_two.number in page and at_one.number not in page
    page = text(get(client, desk.office, url("queue") + "?scope=all&level=2"))
    assert at_two.number in page and at_one.number not in page
    query = f"?scope=all&department={desk.housing.pk}&category={desk.category.pk}"
    page = text(get(client, desk.office, url("queue") + query))
    assert at_two.number in page and at_one.number not in page
    page = text(get(client, desk.office, url("queue") + f"?scope=all&team={desk.other_team.pk}"))
    assert at_one.number not in page
    assert "no-results" in page
    # A filter that makes no sense is dropped, never a 500.
    response = get(client, desk.office, url("queue") + "?level=9&team=x&status=nope&page=99")
    assert response.status_code == 200


def test_my_cases_shows_an_enterprise_only_its_own(client, desk):
    mine = desk.raise_case()
    theirs = desk.raise_case(actor=desk.other_hr, title="厂房用电扩容")
    page = text(get(client, desk.hr, url("mine")))
    assert mine.title in page and theirs.title not in page
    talents = fresh(desk, actor=desk.talent_user, title="落户手续咨询")
    page = text(get(client, desk.talent_user, url("mine")))
    assert talents.title in page
    assert get(client, desk.officer, url("mine")).status_code == 403
    assert get(client, desk.hr, url("detail", theirs.pk)).status_code == 404
    assert get(client, desk.hr, url("consultation", theirs.pk)).status_code == 404
    assert get(client, desk.hr, url("detail", mine.pk)).status_code == 200


# Raising a case ----------------------------------------------------------------------------------


def test_enterprise_hr_raises_a_case_for_their_enterprise(client, desk):
    form = text(get(client, desk.hr, url("raise")))
    assert 'name="enterprise"' not in form and 'name="talent"' not in form
    response = post(
        client,
        desk.hr,
        url("raise"),
        {
            "category": desk.category.pk,
            "title": "人才公寓申请无进展",
            "description": "三名博士的申请仍未分配。",
            "file": SimpleUploadedFile("申请表.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
    )
    case = Case.objects.get(title="人才公寓申请无进展")
    assert response.status_code == 302
    assert response["Location"] == url("detail", case.pk)
    assert case.enterprise == desk.enterprise
    assert case.team == desk.team
    assert case.source == CaseSource.ENTERPRISE
    assert case.attachments.count() == 1
    # The file downloads for who sees the case, and for no one else.
    attachment = case.attachments.get()
    response = get(client, desk.hr, url("attachment", attachment.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert get(client, desk.officer, url("attachment", attachment.pk)).status_code == 200
    assert get(client, desk.other_hr, url("attachment", attachment.pk)).status_code == 404


def test_a_form_with_errors_says_so_beside_the_field(client, desk):
    response = post(client, desk.hr, url("raise"), {"category": desk.category.pk, "title": ""})
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_title"' in page and "is-invalid" in page
    assert "This field is required." in page
    assert not Case.objects.exists()


def test_a_program_renamed_jpg_is_refused_beside_the_file_and_no_case_is_raised(client, desk):
    response = post(
        client,
        desk.hr,
        url("raise"),
        {
            "category": desk.category.pk,
            "title": "现场照片",
            "description": "见附件。",
            "file": samples.disguised_exe("现场照片.jpg"),
        },
    )
    assert response.status_code == 400
    page = text(response)
    assert "现场照片.jpg is not a PDF" in page and "a Windows program (.exe)" in page
    assert not Case.objects.exists()


def test_a_grid_officer_chooses_an_enterprise_of_their_grid(client, desk):
    page = text(get(client, desk.officer, url("raise")))
    assert desk.enterprise.name in page and desk.other_enterprise.name not in page
    response = post(
        client,
        desk.officer,
        url("raise"),
        {"category": desk.category.pk, "title": "用工缺口", "description": "缺二十名操作工。"},
    )
    assert response.status_code == 400
    assert "Choose the enterprise or give the talent." in text(response)
    response = post(
        client,
        desk.officer,
        url("raise"),
        {
            "category": desk.category.pk,
            "title": "用工缺口",
            "description": "缺二十名操作工。",
            "enterprise": desk.other_enterprise.pk,
        },
    )
    assert response.status_code == 400
    assert not Case.objects.exists()
    response = post(
        client,
        desk.officer,
        url("raise"),
        {
            "category": desk.category.pk,
            "title": "用工缺口",
            "description": "缺二十名操作工。",
            "enterprise": desk.enterprise.pk,
        },
    )
    assert response.status_code == 302
    assert Case.objects.get().source == CaseSource.GRID_OFFICER


def test_a_talent_raises_about_themselves_and_a_leader_may_not_raise(client, desk):
    response = post(
        client,
        desk.talent_user,
        url("raise"),
        {"category": desk.category.pk, "title": "落户咨询", "description": "想了解落户手续。"},
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.talent == desk.talent and case.source == CaseSource.TALENT
    assert get(client, desk.leader, url("raise")).status_code == 403
    assert get(client, desk.housing_staff, url("raise")).status_code == 403


# A case's actions --------------------------------------------------------------------------------


def test_the_case_page_offers_each_user_only_their_actions(client, desk):
    case = fresh(desk)
    page = text(get(client, desk.officer, url("detail", case.pk)))
    for action in ("escalate", "resolve", "comment", "attach"):
        assert f'data-testid="{action}-form"' in page
    assert 'data-testid="department-form"' not in page
    assert 'data-testid="confirm-form"' not in page
    page = text(get(client, desk.hr, url("detail", case.pk)))
    assert 'data-testid="escalate-form"' not in page
    assert 'data-testid="resolve-form"' not in page
    assert 'data-testid="comment-form"' in page
    page = text(get(client, desk.leader, url("detail", case.pk)))
    assert 'data-testid="escalate-form"' not in page and 'data-testid="resolve-form"' not in page
    assert get(client, desk.other_officer, url("detail", case.pk)).status_code == 404
    assert get(client, desk.housing_staff, url("detail", case.pk)).status_code == 404


def test_escalating_needs_a_reason_and_goes_to_the_chosen_department(client, desk):
    case = fresh(desk)
    response = post(client, desk.officer, url("escalate", case.pk), {"escalate-reason": ""})
    assert response.status_code == 400
    assert 'id="id_escalate-reason"' in text(response)
    assert "This field is required." in text(response)
    assert Case.objects.get(pk=case.pk).level == Level.GRID
    assert (
        post(client, desk.hr, url("escalate", case.pk), {"escalate-reason": "太慢"}).status_code
        == 403
    )
    response = post(
        client,
        desk.officer,
        url("escalate", case.pk),
        {"escalate-reason": "需人社局协调", "escalate-department": desk.policy.pk},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.level == Level.DEPARTMENT and case.department == desk.policy
    # The department holding it may send it to another, saying why.
    page = text(get(client, desk.policy_staff, url("detail", case.pk)))
    assert 'data-testid="department-form"' in page
    response = post(
        client,
        desk.policy_staff,
        url("department", case.pk),
        {"department-department": desk.housing.pk, "department-reason": "属住房问题"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.department == desk.housing
    assert case.events.filter(kind=CaseEventKind.DEPARTMENT_CHANGED).exists()


def test_comment_resolve_confirm_and_reopen(client, desk):
    case = fresh(desk)
    assert post(client, desk.hr, url("comment", case.pk), {"comment-note": ""}).status_code == 400
    response = post(client, desk.hr, url("comment", case.pk), {"comment-note": "请尽快处理"})
    assert response.status_code == 302
    assert case.events.filter(kind=CaseEventKind.COMMENT, note="请尽快处理").exists()
    response = post(client, desk.officer, url("resolve", case.pk), {"resolve-resolution": ""})
    assert response.status_code == 400
    response = post(
        client, desk.officer, url("resolve", case.pk), {"resolve-resolution": "已联系教育局。"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED
    # Only the requester answers; they must give a reason to reopen.
    page = text(get(client, desk.hr, url("detail", case.pk)))
    assert 'data-testid="confirm-form"' in page and 'data-testid="reopen-form"' in page
    assert 'data-testid="confirm-form"' not in text(
        get(client, desk.officer, url("detail", case.pk))
    )
    assert (
        post(client, desk.officer, url("confirm", case.pk), {"confirm-rating": 5}).status_code
        == 403
    )
    assert post(client, desk.hr, url("reopen", case.pk), {"reopen-reason": ""}).status_code == 400
    response = post(client, desk.hr, url("reopen", case.pk), {"reopen-reason": "学校仍未接收"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.reopen_count == 1
    services.case_resolve(actor=desk.officer, case=case, resolution="已安排入学。")
    response = post(client, desk.hr, url("confirm", case.pk), {"confirm-rating": 9})
    assert response.status_code == 400
    assert 'name="confirm-rating"' in text(response)
    response = post(
        client, desk.hr, url("confirm", case.pk), {"confirm-rating": 4, "confirm-comment": "满意"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.rating == 4
    page = text(get(client, desk.hr, url("detail", case.pk)))
    assert 'data-testid="case-rating"' in page
    assert 'data-testid="comment-form"' not in page


def test_attaching_a_file_from_the_case_page(client, desk):
    case = fresh(desk)
    upload = SimpleUploadedFile("现场照片.jpg", b"\xff\xd8\xff photo", "image/jpeg")
    response = post(client, desk.officer, url("attach", case.pk), {"attach-file": upload})
    assert response.status_code == 302
    assert case.attachments.get().file_name == "现场照片.jpg"
    assert post(client, desk.officer, url("attach", case.pk), {}).status_code == 400
    assert post(client, desk.other_hr, url("attach", case.pk), {}).status_code == 404


# The consultation --------------------------------------------------------------------------------


def test_the_consultation_from_schedule_to_resolution(client, desk):
    case = desk.at_level(3)
    assert 'data-testid="schedule-form"' not in text(
        get(client, desk.leader, url("consultation", case.pk))
    )
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    future = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    schedule = {
        "step": "schedule",
        "schedule-scheduled_at": past,
        "schedule-place": "管委会三楼会议室",
        "schedule-chair": "张主任",
        "schedule-departments": [desk.housing.pk, desk.policy.pk],
    }
    response = post(client, desk.office, url("consultation", case.pk), schedule)
    assert response.status_code == 400
    assert not case.consultations.exists()
    assert (
        post(client, desk.housing_staff, url("consultation", case.pk), schedule).status_code == 403
    )
    response = post(
        client,
        desk.office,
        url("consultation", case.pk),
        {**schedule, "schedule-scheduled_at": future},
    )
    assert response.status_code == 302
    consultation = case.consultations.get()
    assert set(consultation.departments.all()) == {desk.housing, desk.policy}
    # The record needs at least one task.
    record = {
        "step": "record",
        "record-minutes": "会议讨论了房源。",
        "record-decision": "住建局两周内安排房源。",
        "tasks-TOTAL_FORMS": "3",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "20",
    }
    response = post(client, desk.office, url("consultation", case.pk), record)
    assert response.status_code == 400
    task_row = {
        "tasks-0-department": desk.housing.pk,
        "tasks-0-description": "安排两套人才公寓",
        "tasks-0-due_on": "2026-12-31",
    }
    half_row = {"tasks-1-description": "没有部门"}
    response = post(
        client, desk.office, url("consultation", case.pk), {**record, **task_row, **half_row}
    )
    assert response.status_code == 400
    assert 'id="id_tasks-1-department"' in text(response)
    response = post(client, desk.office, url("consultation", case.pk), {**record, **task_row})
    assert response.status_code == 302
    task = ConsultationTask.objects.get()
    # Resolving with a task open is refused, saying why.
    response = post(client, desk.office, url("resolve", case.pk), {"resolve-resolution": "已解决"})
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    # The task's owner (not another department) marks it done.
    page = text(get(client, desk.housing_staff, url("consultation", case.pk)))
    assert 'data-testid="task-done-form"' in page
    assert (
        post(
            client, desk.policy_staff, url("task_done", task.pk), {f"task{task.pk}-note": "x"}
        ).status_code
        == 403
    )
    response = post(
        client, desk.housing_staff, url("task_done", task.pk), {f"task{task.pk}-note": ""}
    )
    assert response.status_code == 400
    response = post(
        client, desk.housing_staff, url("task_done", task.pk), {f"task{task.pk}-note": "已分配"}
    )
    assert response.status_code == 302
    response = post(client, desk.office, url("resolve", case.pk), {"resolve-resolution": "已解决"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RESOLVED


# The grid overview, visits, liaison --------------------------------------------------------------


def test_the_grid_overview_is_for_the_desks_staff(client, desk):
    desk.raise_case()
    page = text(get(client, desk.officer, url("grids")))
    assert desk.grid.name in page and desk.other_grid.name in page
    assert get(client, desk.leader, url("grids") + "?year=2026").status_code == 200
    assert get(client, desk.office, url("grids") + "?year=abc").status_code == 200
    for outsider in (desk.hr, desk.talent_user):
        assert get(client, outsider, url("grids")).status_code == 403


def visit_data(desk, **fields) -> dict:
    return {
        "enterprise": desk.enterprise.pk,
        "visited_on": timezone.localdate().isoformat(),
        "visitors": "林志远、王芳",
        "met": "人事经理",
        "notes": "企业反映用工和住房问题。",
        "findings-TOTAL_FORMS": "3",
        "findings-INITIAL_FORMS": "0",
        "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "3",
        "findings-0-category": desk.category.pk,
        "findings-0-title": "员工住房紧张",
        "findings-0-description": "新招员工无处住宿。",
        **fields,
    }


def test_a_grid_officer_records_a_visit_whose_finding_becomes_a_case(client, desk):
    page = text(get(client, desk.officer, url("visits")))
    assert desk.enterprise.name in page  # never visited: due today
    assert desk.other_enterprise.name not in page
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = post(client, desk.officer, url("visit_new"), visit_data(desk, visited_on=tomorrow))
    assert response.status_code == 400
    assert not Visit.objects.exists()
    response = post(
        client, desk.officer, url("visit_new"), visit_data(desk, **{"findings-1-title": "半行"})
    )
    assert response.status_code == 400
    assert not Visit.objects.exists()
    form = text(get(client, desk.officer, url("visit_new") + f"?enterprise={desk.enterprise.pk}"))
    assert f'<option value="{desk.enterprise.pk}" selected>' in form
    response = post(client, desk.officer, url("visit_new"), visit_data(desk))
    assert response.status_code == 302
    visit = Visit.objects.get()
    case = visit.cases.get()
    assert case.source == CaseSource.VISIT and case.enterprise == desk.enterprise
    response = post(
        client, desk.other_officer, url("visit_new"), visit_data(desk, **{"findings-0-title": ""})
    )
    assert response.status_code == 400  # not an enterprise of their grid
    for outsider in (desk.hr, desk.housing_staff):
        assert get(client, outsider, url("visits")).status_code == 403
        assert get(client, outsider, url("visit_new")).status_code == 403


def test_the_office_sets_a_teams_visit_interval(client, desk):
    page = text(get(client, desk.office, url("visits")))
    assert 'data-testid="visit-plans"' in page
    assert 'data-testid="visit-plans"' not in text(get(client, desk.officer, url("visits")))
    data = {f"plan{desk.team.pk}-interval_days": "0", f"plan{desk.team.pk}-due_soon_days": "7"}
    assert post(client, desk.office, url("visit_plan", desk.team.pk), data).status_code == 400
    data[f"plan{desk.team.pk}-interval_days"] = "60"
    assert post(client, desk.officer, url("visit_plan", desk.team.pk), data).status_code == 403
    assert post(client, desk.office, url("visit_plan", desk.team.pk), data).status_code == 302
    assert VisitPlan.objects.get(team=desk.team).interval_days == 60


def test_liaison_pairs_visits_and_their_findings(client, desk):
    other_leader = desk.make_user("leader")
    pair = {"pair-leader": desk.leader.pk, "pair-expert": desk.talent.pk, "pair-interval_days": 60}
    assert post(client, desk.leader, url("liaison_new"), pair).status_code == 403
    assert (
        post(client, desk.office, url("liaison_new"), {**pair, "pair-expert": ""}).status_code
        == 400
    )
    assert post(client, desk.office, url("liaison_new"), pair).status_code == 302
    liaison = Liaison.objects.get()
    response = post(
        client, desk.office, url("liaison_new"), {**pair, "pair-leader": other_leader.pk}
    )
    assert response.status_code == 400  # already paired: beside the expert
    assert 'id="id_pair-expert"' in text(response)
    page = text(get(client, desk.leader, url("liaison")))
    assert desk.talent.name in page and 'data-testid="record-liaison-visit"' in page
    assert 'data-testid="pair-form"' not in page
    assert desk.talent.name not in text(get(client, other_leader, url("liaison")))
    assert get(client, other_leader, url("liaison_visit_new", liaison.pk)).status_code == 403
    assert get(client, desk.officer, url("liaison")).status_code == 403
    assert get(client, desk.officer, url("liaison_visit_new", liaison.pk)).status_code == 404
    data = visit_data(desk)
    del data["enterprise"], data["visitors"], data["met"]
    response = post(client, desk.leader, url("liaison_visit_new", liaison.pk), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.source == CaseSource.LIAISON and case.talent == desk.talent
    assert case.number in text(get(client, desk.leader, url("liaison")))
    response = post(client, desk.office, url("liaison_end", liaison.pk))
    assert response.status_code == 302
    assert not Liaison.objects.get().active


def test_menu_and_home_cards_per_role(client, desk):
    desk.raise_case()
    home = reverse("home")
    assert f'href="{url("queue")}"' in text(get(client, desk.officer, home))
    assert url("visits") in text(get(client, desk.officer, home))
    assert url("mine") in text(get(client, desk.hr, home))
    assert f'href="{url("queue")}"' not in text(get(client, desk.hr, home))
    assert url("liaison") in text(get(client, desk.leader, home))
    assert url("grids") in text(get(client, desk.office, home))
