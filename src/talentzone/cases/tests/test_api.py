"""The case desk API: each endpoint for the roles that may use it and one that may not (403 for
a visible case one may not act on, 404 for one outside one's scope, 400 on the field at fault,
never 500); a case's whole life through the API, from raising to the requester's rating; visits
with findings, visit plans, leaders' liaisons and the grid overview."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.cases import services
from talentzone.cases.choices import CaseEventKind, CaseSource, CaseStatus, Level
from talentzone.cases.models import Case, Liaison, Visit, VisitPlan
from talentzone.cases.tests.factories import CategoryFactory
from talentzone.core.tests import samples
from talentzone.directory.tests.factories import (
    DepartmentFactory,
    EnterpriseFactory,
    GridFactory,
    GridTeamFactory,
    TalentFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/cases"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def client_for(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def errors_of(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content)
    return response.json()


def ok(response, code: int = 200) -> dict | list:
    assert response.status_code == code, (response.status_code, response.content)
    return response.json()


def ids_of(body) -> set[int]:
    rows = body["results"] if isinstance(body, dict) else body
    return {row["id"] for row in rows}


class ApiDesk:
    """Two grids with their teams, officers, an enterprise each with its HR; two departments
    with a member each; the office, a leader, a talent with an account, and a category whose
    level 2 is the housing department."""

    def __init__(self, make_user):
        self.office = make_user("office_admin")
        self.leader = make_user("leader")
        self.grid = GridFactory(name="东侨网格")
        self.team = GridTeamFactory(grid=self.grid, name="东侨网格服务队")
        self.other_grid = GridFactory(name="漳湾网格")
        self.other_team = GridTeamFactory(grid=self.other_grid, name="漳湾网格服务队")
        self.enterprise = EnterpriseFactory(grid=self.grid, name="宁德时代新能源")
        self.other_enterprise = EnterpriseFactory(grid=self.other_grid, name="漳湾电机")
        self.hr = make_user("enterprise_hr", enterprise=self.enterprise)
        self.other_hr = make_user("enterprise_hr", enterprise=self.other_enterprise)
        self.officer = make_user("grid_officer", grid=self.grid)
        self.other_officer = make_user("grid_officer", grid=self.other_grid)
        self.housing = DepartmentFactory(name="住建局")
        self.education = DepartmentFactory(name="教育局")
        self.housing_staff = make_user("reviewer", department=self.housing)
        self.education_staff = make_user("reviewer", department=self.education)
        self.category = CategoryFactory(name="人才住房", name_en="Housing", department=self.housing)
        self.talent_user = make_user("talent")
        self.talent = TalentFactory(employer=self.enterprise, user=self.talent_user)

    def case(self, by=None, **fields) -> Case:
        """A case of the enterprise raised by its HR."""
        return services.case_raise(
            actor=by or self.hr,
            category=fields.pop("category", self.category),
            title=fields.pop("title", "人才公寓排队太久"),
            description=fields.pop("description", "三名博士等待入住人才公寓已两个月。"),
            **fields,
        )

    def raised_case(self, client=None, **fields) -> dict:
        body = {
            "category": self.category.pk,
            "title": "子女入学",
            "description": "引进博士的孩子需要就近入学。",
            **fields,
        }
        return ok((client or client_for(self.hr)).post(f"{API}/cases/", body, format="json"), 201)


@pytest.fixture
def desk(make_user):
    """The API's own scenes (conftest's `desk` runs on a fixed clock; the API on today's)."""
    return ApiDesk(make_user)


# Categories ----------------------------------------------------------------------------------


def test_everyone_signed_in_reads_the_categories_with_their_deadlines(desk):
    rows = ok(client_for(desk.talent_user).get(f"{API}/categories/"))
    [row] = [row for row in rows if row["id"] == desk.category.pk]
    assert row["label"] == "Housing" and row["department_name"] == "住建局"
    assert (row["grid_days"], row["department_days"], row["consultation_days"]) == (5, 10, 15)
    assert client_for(None).get(f"{API}/categories/").status_code in (401, 403)


# Raising and reading -------------------------------------------------------------------------


def test_enterprise_hr_raises_a_case_routed_to_their_grid_team(desk):
    body = desk.raised_case()
    assert body["number"].startswith(f"GC{timezone.localdate().year}")
    assert body["team"] == desk.team.pk and body["team_name"] == "东侨网格服务队"
    assert body["enterprise"] == desk.enterprise.pk
    assert body["level"] == Level.GRID and body["level_display"] == "Level 1: grid team"
    assert body["status"] == "open" and body["status_display"] == "Open"
    assert body["source"] == CaseSource.ENTERPRISE
    assert body["overdue"] is False
    assert [row["kind"] for row in body["timeline"]] == ["raised", "routed"]
    assert body["timeline"][0]["kind_display"] == "Raised"


def test_a_talent_raises_about_themself_and_the_office_for_anyone(desk):
    body = desk.raised_case(client_for(desk.talent_user))
    assert body["talent"] == desk.talent.pk and body["source"] == CaseSource.TALENT
    body = desk.raised_case(client_for(desk.office), enterprise=desk.other_enterprise.pk)
    assert body["team"] == desk.other_team.pk


def test_a_case_is_raised_with_files_in_one_multipart_request(desk):
    files = [
        samples.upload("名单.pdf", samples.PDF_BYTES),
        samples.upload("申请.docx", samples.DOCX_BYTES),
    ]
    response = client_for(desk.hr).post(
        f"{API}/cases/",
        {"category": desk.category.pk, "title": "住房", "description": "x", "files": files},
        format="multipart",
    )
    body = ok(response, 201)
    assert [(row["file_name"], row["size"]) for row in body["attachments"]] == [
        ("名单.pdf", len(samples.PDF_BYTES)),
        ("申请.docx", len(samples.DOCX_BYTES)),
    ]


def test_a_web_page_among_the_files_is_refused_on_files_and_no_case_is_raised(desk):
    files = [samples.pdf("名单.pdf"), samples.disguised_html("申请.pdf")]
    response = client_for(desk.hr).post(
        f"{API}/cases/",
        {"category": desk.category.pk, "title": "住房", "description": "x", "files": files},
        format="multipart",
    )
    errors = errors_of(response)["files"]
    assert "申请.pdf is not a PDF" in str(errors) and "an HTML web page" in str(errors)
    assert not Case.objects.exists()


def test_raising_for_someone_else_is_refused_on_the_field(desk):
    errors = errors_of(
        client_for(desk.officer).post(
            f"{API}/cases/",
            {
                "category": desk.category.pk,
                "title": "用工",
                "description": "缺少技工。",
                "enterprise": desk.other_enterprise.pk,
            },
            format="json",
        )
    )
    assert set(errors) == {"enterprise"}
    errors = errors_of(
        client_for(desk.hr).post(
            f"{API}/cases/",
            {"category": desk.category.pk, "title": "", "description": "x"},
            format="json",
        )
    )
    assert "title" in errors
    desk.category.active = False
    desk.category.save()
    errors = errors_of(
        client_for(desk.hr).post(
            f"{API}/cases/",
            {"category": desk.category.pk, "title": "住房", "description": "x"},
            format="json",
        )
    )
    assert set(errors) == {"category"}


@pytest.mark.parametrize("role", ["leader", "reviewer", "station_staff", "agency_staff"])
def test_roles_that_do_not_raise_cases_get_403(desk, make_user, role):
    response = client_for(make_user(role)).post(
        f"{API}/cases/",
        {"category": desk.category.pk, "title": "住房", "description": "x"},
        format="json",
    )
    assert response.status_code == 403


def test_each_role_sees_the_cases_in_its_scope(desk):
    ours = desk.case()
    theirs = desk.case(by=desk.other_hr)
    for user in (desk.office, desk.leader):
        assert {ours.pk, theirs.pk} <= ids_of(ok(client_for(user).get(f"{API}/cases/")))
    for user, seen, unseen in (
        (desk.hr, ours, theirs),
        (desk.officer, ours, theirs),
        (desk.other_hr, theirs, ours),
        (desk.other_officer, theirs, ours),
    ):
        client = client_for(user)
        ids = ids_of(ok(client.get(f"{API}/cases/")))
        assert seen.pk in ids and unseen.pk not in ids
        assert client.get(f"{API}/cases/{unseen.pk}/").status_code == 404
        assert client.get(f"{API}/cases/{unseen.pk}/timeline/").status_code == 404
        assert ok(client.get(f"{API}/cases/{seen.pk}/"))["id"] == seen.pk
    # A department sees a case once it reaches it.
    assert ids_of(ok(client_for(desk.housing_staff).get(f"{API}/cases/"))) == set()
    services.case_escalate(actor=desk.officer, case=ours, reason="需要住建局")
    assert ids_of(ok(client_for(desk.housing_staff).get(f"{API}/cases/"))) == {ours.pk}


def test_the_list_filters_by_level_status_team_category_and_scope(desk):
    first = desk.case()
    second = desk.case(title="第二件")
    theirs = desk.case(by=desk.other_hr)
    services.case_escalate(actor=desk.officer, case=second, reason="需要住建局")
    client = client_for(desk.office)

    def ids(**params):
        return ids_of(ok(client.get(f"{API}/cases/", params)))

    assert ids(level=2) == {second.pk}
    assert ids(level=1) == {first.pk, theirs.pk}
    assert ids(team=desk.other_team.pk) == {theirs.pk}
    assert ids(department=desk.housing.pk) == {second.pk}
    assert ids(category=desk.category.pk) == {first.pk, second.pk, theirs.pk}
    assert ids(status="resolved") == set()
    assert ids(overdue="true") == set()
    assert ids(q="第二件") == {second.pk}
    officer = client_for(desk.officer)
    assert ids_of(ok(officer.get(f"{API}/cases/", {"scope": "mine"}))) == {first.pk}
    assert ids_of(ok(client_for(desk.housing_staff).get(f"{API}/cases/", {"scope": "mine"}))) == {
        second.pk
    }
    assert set(errors_of(client.get(f"{API}/cases/", {"level": 7}))) == {"level"}
    assert set(errors_of(client.get(f"{API}/cases/", {"scope": "nobody"}))) == {"scope"}


def test_an_overdue_case_is_flagged_and_filtered(desk):
    late = desk.case(today=timezone.localdate() - datetime.timedelta(days=30))
    on_time = desk.case()
    client = client_for(desk.office)
    ids = ids_of(ok(client.get(f"{API}/cases/", {"overdue": "true"})))
    assert late.pk in ids and on_time.pk not in ids
    assert ok(client.get(f"{API}/cases/{late.pk}/"))["overdue"] is True


# Working a case ------------------------------------------------------------------------------


def test_comments_and_files_go_into_the_timeline(desk):
    case = desk.case()
    client = client_for(desk.officer)
    event = ok(client.post(f"{API}/cases/{case.pk}/comment/", {"note": "已联系"}), 201)
    assert event["kind"] == "comment" and event["actor"] == desk.officer.pk
    assert "note" in errors_of(client.post(f"{API}/cases/{case.pk}/comment/", {"note": ""}))
    upload = samples.upload("清单.xlsx", samples.XLSX_BYTES)
    body = ok(client.post(f"{API}/cases/{case.pk}/attach/", {"file": upload}, format="multipart"))
    [attachment] = body["attachments"]
    assert attachment["file_name"] == "清单.xlsx" and attachment["size"] == len(samples.XLSX_BYTES)
    renamed = samples.upload("清单.xlsx", "三名博士".encode())
    [refused] = errors_of(
        client.post(f"{API}/cases/{case.pk}/attach/", {"file": renamed}, format="multipart")
    )["file"]
    assert refused.endswith("what it holds is plain text.")
    assert "file" in errors_of(client.post(f"{API}/cases/{case.pk}/attach/", {}))
    kinds = [row["kind"] for row in ok(client.get(f"{API}/cases/{case.pk}/timeline/"))]
    assert kinds == ["raised", "routed", "comment", "attached"]
    # Not their case: 404; visible but closed to comments (another role's): see the lifecycle.
    other = client_for(desk.other_officer)
    assert other.post(f"{API}/cases/{case.pk}/comment/", {"note": "x"}).status_code == 404


def test_only_whoever_works_the_level_escalates_and_the_reason_is_required(desk):
    case = desk.case()
    url = f"{API}/cases/{case.pk}/escalate/"
    assert client_for(desk.hr).post(url, {"reason": "太慢"}).status_code == 403
    assert client_for(desk.leader).post(url, {"reason": "太慢"}).status_code == 403
    assert client_for(desk.other_officer).post(url, {"reason": "x"}).status_code == 404
    assert "reason" in errors_of(client_for(desk.officer).post(url, {"reason": ""}))
    body = ok(
        client_for(desk.officer).post(
            url, {"reason": "需要教育局", "department": desk.education.pk}, format="json"
        )
    )
    assert body["level"] == 2 and body["department"] == desk.education.pk
    [escalation] = body["escalations"]
    assert escalation["from_level"] == 1 and escalation["to_level"] == 2
    assert escalation["reason"] == "需要教育局" and escalation["automatic"] is False
    # Level 2 is the department's now, not the grid officer's.
    assert client_for(desk.officer).post(url, {"reason": "再升"}).status_code == 403


def test_resolving_needs_a_resolution_and_the_requester_answers(desk):
    case = desk.case()
    officer = client_for(desk.officer)
    confirm = client_for(desk.hr).post(f"{API}/cases/{case.pk}/confirm/", {"rating": 5})
    assert confirm.status_code == 403  # not resolved yet
    assert (
        client_for(desk.hr).post(f"{API}/cases/{case.pk}/resolve/", {"resolution": "x"})
    ).status_code == 403
    assert "resolution" in errors_of(
        officer.post(f"{API}/cases/{case.pk}/resolve/", {"resolution": ""})
    )
    body = ok(officer.post(f"{API}/cases/{case.pk}/resolve/", {"resolution": "已安排入住"}))
    assert body["status"] == "resolved" and body["resolution"] == "已安排入住"
    # Only the requester answers.
    url = f"{API}/cases/{case.pk}/confirm/"
    assert officer.post(url, {"rating": 5}).status_code == 403
    assert client_for(desk.other_hr).post(url, {"rating": 5}).status_code == 404
    hr = client_for(desk.hr)
    assert set(errors_of(hr.post(url, {"rating": 6}))) == {"rating"}
    assert set(errors_of(hr.post(url, {"rating": 0}))) == {"rating"}
    assert "reason" in errors_of(hr.post(f"{API}/cases/{case.pk}/reopen/", {"reason": ""}))
    body = ok(hr.post(f"{API}/cases/{case.pk}/reopen/", {"reason": "还没有入住"}))
    assert body["status"] == "open" and body["reopen_count"] == 1 and body["resolution"] == ""
    assert body["timeline"][-1]["kind"] == "reopened"


def test_changing_the_department_is_for_the_department_holding_the_case(desk):
    case = desk.case()
    url = f"{API}/cases/{case.pk}/department/"
    payload = {"department": desk.education.pk, "reason": "属于教育局"}
    # At level 1 nobody changes the department.
    assert client_for(desk.office).post(url, payload).status_code == 403
    services.case_escalate(actor=desk.officer, case=case, reason="需要住建局")
    assert client_for(desk.officer).post(url, payload).status_code == 403
    assert client_for(desk.education_staff).post(url, payload).status_code == 404
    assert "reason" in errors_of(
        client_for(desk.housing_staff).post(url, {"department": desk.education.pk})
    )
    body = ok(client_for(desk.housing_staff).post(url, payload))
    assert body["department"] == desk.education.pk and body["department_name"] == "教育局"


# The whole life of a case --------------------------------------------------------------------


def test_a_case_from_raising_to_the_requesters_rating(desk):
    hr, officer, office = client_for(desk.hr), client_for(desk.officer), client_for(desk.office)
    housing, education = client_for(desk.housing_staff), client_for(desk.education_staff)
    case = desk.raised_case(hr, title="博士子女入学难")
    pk = case["id"]
    ok(officer.post(f"{API}/cases/{pk}/comment/", {"note": "已上门了解"}), 201)
    body = ok(officer.post(f"{API}/cases/{pk}/escalate/", {"reason": "网格无法协调学位"}))
    assert body["level"] == 2 and body["department"] == desk.housing.pk
    body = ok(
        housing.post(
            f"{API}/cases/{pk}/department/",
            {"department": desk.education.pk, "reason": "入学归教育局"},
        )
    )
    assert body["department"] == desk.education.pk
    assert housing.get(f"{API}/cases/{pk}/").status_code == 404  # no longer theirs
    body = ok(education.post(f"{API}/cases/{pk}/escalate/", {"reason": "需要跨部门会商"}))
    assert body["level"] == 3 and body["department"] == desk.education.pk
    # Level 3 is the office's: the department no longer resolves it.
    assert education.post(f"{API}/cases/{pk}/resolve/", {"resolution": "x"}).status_code == 403
    # Before the consultation is held and its tasks done, it cannot be resolved.
    errors = errors_of(office.post(f"{API}/cases/{pk}/resolve/", {"resolution": "已解决"}))
    assert set(errors) & {"non_field_errors", "resolution"}

    meeting = timezone.now() + datetime.timedelta(days=2)
    schedule = {
        "case": pk,
        "scheduled_at": meeting.isoformat(),
        "place": "管委会三楼会议室",
        "chair": "王主任",
        "departments": [desk.education.pk, desk.housing.pk],
    }
    assert education.post(f"{API}/consultations/", schedule, format="json").status_code == 403
    assert set(
        errors_of(office.post(f"{API}/consultations/", {**schedule, "departments": []}, "json"))
    ) == {"departments"}
    consultation = ok(office.post(f"{API}/consultations/", schedule, format="json"), 201)
    assert consultation["status"] == "scheduled" and consultation["status_display"] == "Scheduled"
    errors = errors_of(office.post(f"{API}/consultations/", schedule, format="json"))
    assert "non_field_errors" in errors  # one scheduled consultation at a time
    record_url = f"{API}/consultations/{consultation['id']}/record/"
    record = {
        "minutes": "会议纪要：教育局协调学位，住建局协调住房。",
        "decision": "两周内解决",
        "tasks": [
            {
                "department": desk.education.pk,
                "description": "协调东侨中心小学学位",
                "due_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
            }
        ],
    }
    assert education.post(record_url, record, format="json").status_code == 403
    assert set(errors_of(office.post(record_url, {**record, "tasks": []}, format="json"))) == {
        "tasks"
    }
    assert "minutes" in errors_of(office.post(record_url, {**record, "minutes": ""}, "json"))
    consultation = ok(office.post(record_url, record, format="json"))
    assert consultation["status"] == "held"
    [task] = consultation["tasks"]
    assert task["department"] == desk.education.pk and task["done"] is False
    errors = errors_of(office.post(f"{API}/cases/{pk}/resolve/", {"resolution": "已解决"}))
    assert set(errors) & {"non_field_errors", "resolution"}

    done_url = f"{API}/tasks/{task['id']}/done/"
    assert housing.post(done_url, {"note": "x"}).status_code == 403
    assert "note" in errors_of(education.post(done_url, {"note": ""}))
    task = ok(education.post(done_url, {"note": "已安排入学"}))
    assert task["done"] is True and task["done_by"] == desk.education_staff.pk
    assert "non_field_errors" in errors_of(education.post(done_url, {"note": "again"}))

    body = ok(office.post(f"{API}/cases/{pk}/resolve/", {"resolution": "孩子已入学"}))
    assert body["status"] == "resolved" and body["resolved_by"] == desk.office.pk
    assert officer.post(f"{API}/cases/{pk}/confirm/", {"rating": 5}).status_code == 403
    body = ok(hr.post(f"{API}/cases/{pk}/confirm/", {"rating": 5, "comment": "感谢"}))
    assert body["status"] == "closed" and body["status_display"] == "Closed"
    assert body["rating"] == 5 and body["rating_comment"] == "感谢"
    assert [row["kind"] for row in body["timeline"]] == [
        CaseEventKind.RAISED,
        CaseEventKind.ROUTED,
        CaseEventKind.COMMENT,
        CaseEventKind.ESCALATED,
        CaseEventKind.DEPARTMENT_CHANGED,
        CaseEventKind.ESCALATED,
        CaseEventKind.CONSULTATION_SCHEDULED,
        CaseEventKind.CONSULTATION_HELD,
        CaseEventKind.TASK_DONE,
        CaseEventKind.RESOLVED,
        CaseEventKind.CONFIRMED,
    ]
    assert [(row["from_level"], row["to_level"]) for row in body["escalations"]] == [
        (1, 2),
        (2, 3),
    ]
    assert len(body["consultations"]) == 1
    # Closed: nothing more to do.
    assert hr.post(f"{API}/cases/{pk}/reopen/", {"reason": "x"}).status_code == 403
    assert officer.post(f"{API}/cases/{pk}/comment/", {"note": "x"}).status_code == 403
    assert Case.objects.get(pk=pk).status == CaseStatus.CLOSED


def test_consultations_of_invisible_cases_are_a_400_on_case(desk):
    errors = errors_of(
        client_for(desk.office).post(
            f"{API}/consultations/",
            {
                "case": 999999,
                "scheduled_at": (timezone.now() + datetime.timedelta(days=1)).isoformat(),
                "place": "会议室",
                "departments": [desk.housing.pk],
            },
            format="json",
        )
    )
    assert set(errors) == {"case"}


# Visits --------------------------------------------------------------------------------------


def visit_payload(desk, **fields) -> dict:
    return {
        "enterprise": desk.enterprise.pk,
        "visited_on": timezone.localdate().isoformat(),
        "visitors": "林志远、陈晓",
        "met": "人事总监",
        "notes": "企业反映博士住房紧张。",
        **fields,
    }


def test_a_grid_officer_records_a_visit_and_its_findings_become_cases(desk):
    client = client_for(desk.officer)
    finding = {"category": desk.category.pk, "title": "住房紧张", "description": "三名博士"}
    visit = ok(
        client.post(f"{API}/visits/", visit_payload(desk, findings=[finding]), format="json"), 201
    )
    assert visit["team"] == desk.team.pk and visit["enterprise_name"] == "宁德时代新能源"
    [case] = visit["cases"]
    case = Case.objects.get(pk=case["id"])
    assert case.source == CaseSource.VISIT and case.enterprise == desk.enterprise
    assert ids_of(ok(client.get(f"{API}/visits/"))) == {visit["id"]}
    assert ids_of(ok(client_for(desk.office).get(f"{API}/visits/"))) == {visit["id"]}
    assert ids_of(ok(client_for(desk.other_officer).get(f"{API}/visits/"))) == set()
    assert client_for(desk.other_officer).get(f"{API}/visits/{visit['id']}/").status_code == 404


def test_a_visit_is_refused_on_the_field_at_fault_and_writes_nothing(desk):
    client = client_for(desk.officer)
    errors = errors_of(
        client.post(
            f"{API}/visits/",
            visit_payload(desk, enterprise=desk.other_enterprise.pk),
            format="json",
        )
    )
    assert set(errors) == {"enterprise"}
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = errors_of(
        client.post(
            f"{API}/visits/", visit_payload(desk, visited_on=tomorrow.isoformat()), format="json"
        )
    )
    assert set(errors) == {"visited_on"}
    desk.category.active = False
    desk.category.save()
    finding = {"category": desk.category.pk, "title": "住房", "description": "x"}
    errors = errors_of(
        client.post(f"{API}/visits/", visit_payload(desk, findings=[finding]), format="json")
    )
    assert set(errors) == {"findings"}
    assert not Visit.objects.exists() and not Case.objects.exists()


@pytest.mark.parametrize("role", ["enterprise_hr", "talent", "reviewer"])
def test_visits_are_for_grid_officers_and_the_office(desk, make_user, role):
    client = client_for(make_user(role))
    assert client.get(f"{API}/visits/").status_code == 403
    assert client.get(f"{API}/visits/due/").status_code == 403
    assert client.post(f"{API}/visits/", visit_payload(desk), format="json").status_code == 403


def test_visits_due_and_the_office_sets_the_plan(desk):
    rows = ok(client_for(desk.officer).get(f"{API}/visits/due/"))["results"]
    assert {row["enterprise"] for row in rows} == {desk.enterprise.pk}  # never visited
    [row] = rows
    assert row["last_visit"] is None and row["team"] == desk.team.pk
    rows = ok(client_for(desk.office).get(f"{API}/visits/due/"))["results"]
    assert {row["enterprise"] for row in rows} == {desk.enterprise.pk, desk.other_enterprise.pk}
    ok(client_for(desk.officer).post(f"{API}/visits/", visit_payload(desk), format="json"), 201)
    rows = ok(client_for(desk.officer).get(f"{API}/visits/due/"))["results"]
    assert desk.enterprise.pk not in {row["enterprise"] for row in rows}

    plans = ok(client_for(desk.office).get(f"{API}/visit-plans/"))
    assert {row["team"]: row["interval_days"] for row in plans} == {
        desk.team.pk: 90,
        desk.other_team.pk: 90,
    }
    url = f"{API}/visit-plans/{desk.team.pk}/"
    assert client_for(desk.officer).patch(url, {"interval_days": 30}).status_code == 403
    assert set(errors_of(client_for(desk.office).patch(url, {"interval_days": 0}))) == {
        "interval_days"
    }
    body = ok(client_for(desk.office).patch(url, {"interval_days": 30, "due_soon_days": 7}))
    assert body == {**body, "team": desk.team.pk, "interval_days": 30, "due_soon_days": 7}
    assert VisitPlan.objects.get(team=desk.team).interval_days == 30
    assert [row["team"] for row in ok(client_for(desk.officer).get(f"{API}/visit-plans/"))] == [
        desk.team.pk
    ]


# Liaisons ------------------------------------------------------------------------------------


def test_the_office_pairs_a_leader_with_an_expert_and_the_leader_records_visits(desk, make_user):
    office, leader = client_for(desk.office), client_for(desk.leader)
    payload = {"leader": desk.leader.pk, "expert": desk.talent.pk, "interval_days": 60}
    assert leader.post(f"{API}/liaisons/", payload).status_code == 403
    assert set(
        errors_of(office.post(f"{API}/liaisons/", {**payload, "leader": desk.officer.pk}))
    ) == {"leader"}
    liaison = ok(office.post(f"{API}/liaisons/", payload), 201)
    assert liaison["active"] is True and liaison["expert_name"] == desk.talent.name
    assert set(errors_of(office.post(f"{API}/liaisons/", payload))) == {"expert"}
    assert ids_of(ok(leader.get(f"{API}/liaisons/"))) == {liaison["id"]}
    assert client_for(desk.hr).get(f"{API}/liaisons/").status_code == 403
    [row] = ok(leader.get(f"{API}/liaisons/schedule/"))
    assert row["liaison"]["id"] == liaison["id"] and row["last_visit"] is None

    url = f"{API}/liaisons/{liaison['id']}/visits/"
    finding = {"category": desk.category.pk, "title": "住房", "description": "需要人才公寓"}
    body = {"visited_on": timezone.localdate().isoformat(), "notes": "谈了科研平台"}
    other_leader = client_for(make_user("leader"))
    assert other_leader.post(url, body, format="json").status_code == 403
    assert "notes" in errors_of(leader.post(url, {**body, "notes": ""}, format="json"))
    visit = ok(leader.post(url, {**body, "findings": [finding]}, format="json"), 201)
    [case] = visit["cases"]
    case = Case.objects.get(pk=case["id"])
    assert case.source == CaseSource.LIAISON and case.talent == desk.talent
    assert case.raised_by == desk.leader

    assert leader.post(f"{API}/liaisons/{liaison['id']}/end/").status_code == 403
    ended = ok(office.post(f"{API}/liaisons/{liaison['id']}/end/"))
    assert ended["active"] is False
    assert not Liaison.objects.get(pk=liaison["id"]).active
    errors = errors_of(leader.post(url, body, format="json"))
    assert "non_field_errors" in errors


# Grid overview -------------------------------------------------------------------------------


def test_the_grid_overview_per_team_for_staff(desk):
    desk.case()
    desk.case(by=desk.other_hr)
    year = timezone.localdate().year
    rows = ok(client_for(desk.leader).get(f"{API}/grid-overview/", {"year": year}))
    by_team = {row["team"]: row for row in rows}
    assert by_team[desk.team.pk]["open"] == 1
    assert by_team[desk.team.pk]["enterprises"] == 1
    assert by_team[desk.team.pk]["grid_name"] == "东侨网格"
    assert by_team[desk.other_team.pk]["average_days_to_solve"] is None
    assert set(errors_of(client_for(desk.office).get(f"{API}/grid-overview/", {"year": 1}))) == {
        "year"
    }
    for user in (desk.hr, desk.talent_user):
        assert client_for(user).get(f"{API}/grid-overview/").status_code == 403


# The schema ----------------------------------------------------------------------------------


def test_the_openapi_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        file=str(tmp_path / "schema.yaml"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    schema = (tmp_path / "schema.yaml").read_text()
    for path in (
        "/api/v1/cases/cases/{id}/escalate/",
        "/api/v1/cases/cases/{id}/attach/",
        "/api/v1/cases/consultations/{id}/record/",
        "/api/v1/cases/tasks/{id}/done/",
        "/api/v1/cases/visits/due/",
        "/api/v1/cases/liaisons/{id}/visits/",
        "/api/v1/cases/grid-overview/",
    ):
        assert path in schema
