"""The policies API: each endpoint for the roles that may use it and those refused (403 for a
visible record one may not act on, 404 for one outside one's scope), 400 on the field at fault,
and one application from draft to payment driven through the API alone."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.core.models import AuditRecord
from talentzone.core.tests import samples
from talentzone.directory.tests.factories import (
    DepartmentFactory,
    EnterpriseFactory,
    MembershipFactory,
    TalentFactory,
)
from talentzone.policies import ledger, services
from talentzone.policies.choices import (
    ApplicantKind,
    ApplicationStatus,
    EventKind,
    FormulaKind,
    OfferStatus,
    StageRole,
)
from talentzone.policies.models import Application, Offer, Policy
from talentzone.policies.tests.factories import (
    BudgetLineFactory,
    PolicyFactory,
    RequiredDocumentFactory,
    three_stage_policy,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/policies"
TODAY = timezone.localdate()
OPEN = {
    "valid_from": TODAY - datetime.timedelta(days=30),
    "valid_until": TODAY + datetime.timedelta(days=300),
}
CLOSED = {
    "valid_from": TODAY - datetime.timedelta(days=400),
    "valid_until": TODAY - datetime.timedelta(days=40),
}


@pytest.fixture(autouse=True)
def english_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def client_for(user) -> APIClient:
    """A client that asks for English answers (the messages are asserted in English)."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


class World:
    """A talent at Acme with an account, Acme's HR, a reviewer of the stage's department, the
    office, a leader, and a stranger (another talent); a three-stage policy with a document."""

    def __init__(self, make_user):
        self.talent_user = make_user("talent")
        self.talent = TalentFactory(user=self.talent_user)
        self.acme = self.talent.employer
        self.hr = make_user("enterprise_hr", enterprise=self.acme)
        self.department = DepartmentFactory()
        self.reviewer = make_user("reviewer", department=self.department)
        self.office = make_user("office_admin")
        self.leader = make_user("leader")
        self.stranger = make_user("talent")
        self.stranger_talent = TalentFactory(user=self.stranger)
        self.policy = three_stage_policy(department=self.department, rule="age <= 45", **OPEN)
        self.document = RequiredDocumentFactory(policy=self.policy, name="入选证书")

    def draft(self, talent=None, user=None, policy=None) -> Application:
        return services.application_create(
            actor=user or self.talent_user,
            policy=policy or self.policy,
            applicant=talent or self.talent,
        )

    def submitted(self, talent=None, user=None) -> Application:
        application = self.draft(talent, user)
        services.attachment_add(
            actor=user or self.talent_user,
            application=application,
            uploaded_file=SimpleUploadedFile("证书.pdf", b"%PDF-1.4"),
            document=self.document,
        )
        return services.application_submit(actor=user or self.talent_user, application=application)

    def on_notice(self) -> Application:
        application = self.submitted()
        for actor in (self.hr, self.reviewer, self.office):
            application = services.application_decide(
                actor=actor, application=application, decision="approve"
            )
        return application


@pytest.fixture
def world(make_user) -> World:
    return World(make_user)


def upload(name="证书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def errors_of(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content)
    return response.json()


# Policies ------------------------------------------------------------------------------------


def test_signing_in_is_required(world):
    assert client_for(None).get(f"{API}/policies/").status_code == 403


def test_everyone_signed_in_reads_the_open_policies_and_the_office_every_policy(world):
    closed = PolicyFactory(**CLOSED)
    talent = client_for(world.talent_user)
    listed = {row["id"] for row in talent.get(f"{API}/policies/").json()["results"]}
    assert listed == {world.policy.pk}
    assert talent.get(f"{API}/policies/{closed.pk}/").status_code == 404
    office = client_for(world.office)
    listed = {row["id"] for row in office.get(f"{API}/policies/").json()["results"]}
    assert listed == {world.policy.pk, closed.pk}
    assert office.get(f"{API}/policies/{closed.pk}/").status_code == 200


def test_a_policy_reads_with_its_rule_and_formula_in_words_its_stages_and_documents(world):
    body = client_for(world.talent_user).get(f"{API}/policies/{world.policy.pk}/").json()
    assert body["rule_text"] == "age <= 45"
    assert "45" in body["rule_words"]
    assert body["formula_words"] == "¥50,000.00"
    assert body["amount_fen"] == 5_000_000
    assert [stage["role"] for stage in body["stages"]] == [
        StageRole.ENTERPRISE_HR,
        StageRole.REVIEWER,
        StageRole.OFFICE_ADMIN,
    ]
    assert body["stages"][1]["department"] == world.department.pk
    assert [document["name"] for document in body["documents"]] == ["入选证书"]


def test_eligibility_explains_each_clause_for_each_record_the_caller_applies_for(world):
    world.policy.rule = 'age <= 45 and education = "doctorate"'
    world.policy.save()
    response = client_for(world.talent_user).get(f"{API}/policies/{world.policy.pk}/eligibility/")
    assert response.status_code == 200
    [row] = response.json()
    assert (row["applicant_kind"], row["applicant_id"]) == ("talent", world.talent.pk)
    assert row["eligible"] is False
    assert [clause["passed"] for clause in row["clauses"]] == [True, False]
    assert row["clauses"][0]["actual"]  # the talent's age, as the registry gives it


def test_eligibility_lists_nothing_for_someone_who_applies_for_no_one(world):
    response = client_for(world.reviewer).get(f"{API}/policies/{world.policy.pk}/eligibility/")
    assert response.json() == []


def policy_payload(line, **changes) -> dict:
    return {
        "code": "postdoc-station",
        "title": "博士后工作站建站奖励",
        "legal_basis": "《开发区人才引进若干措施》第八条",
        "applicant_kind": ApplicantKind.ENTERPRISE,
        "valid_from": OPEN["valid_from"].isoformat(),
        "valid_until": OPEN["valid_until"].isoformat(),
        "rule_text": "high_tech = true",
        "formula": FormulaKind.FIXED,
        "amount_fen": 30_000_000,
        "budget_line": line.pk,
        "notice_days": 7,
        "stages": [
            {"position": 1, "name": "部门审核", "role": StageRole.REVIEWER, "deadline_days": 15},
            {"position": 2, "name": "人才办审批", "role": StageRole.OFFICE_ADMIN},
        ],
        "documents": [{"position": 1, "name": "批准文件"}],
        **changes,
    }


def test_the_office_creates_a_policy_with_its_stages_and_documents(world):
    response = client_for(world.office).post(
        f"{API}/policies/", policy_payload(BudgetLineFactory()), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [stage["name"] for stage in body["stages"]] == ["部门审核", "人才办审批"]
    assert [document["name"] for document in body["documents"]] == ["批准文件"]
    policy = Policy.objects.get(code="postdoc-station")
    assert policy.rule == "high_tech = true"
    assert AuditRecord.objects.filter(
        target_type="policies.policy", target_id=str(policy.pk)
    ).exists()


def test_a_rule_that_does_not_parse_is_refused_on_rule_text_with_its_column(world):
    payload = policy_payload(BudgetLineFactory(), rule_text="high_tech = tru")
    errors = errors_of(client_for(world.office).post(f"{API}/policies/", payload, format="json"))
    assert set(errors) == {"rule_text"}
    assert "13" in errors["rule_text"][0]
    assert not Policy.objects.filter(code="postdoc-station").exists()


def test_a_valid_period_that_ends_before_it_starts_is_refused_for_the_whole_policy(world):
    payload = policy_payload(
        BudgetLineFactory(), valid_from=TODAY.isoformat(), valid_until="2000-01-01"
    )
    errors = errors_of(client_for(world.office).post(f"{API}/policies/", payload, format="json"))
    assert "non_field_errors" in errors


def test_two_stages_at_one_position_are_refused_on_stages(world):
    payload = policy_payload(BudgetLineFactory())
    payload["stages"][1]["position"] = 1
    errors = errors_of(client_for(world.office).post(f"{API}/policies/", payload, format="json"))
    assert set(errors) == {"stages"}


@pytest.mark.parametrize("role", ["talent", "reviewer", "leader", "enterprise_hr"])
def test_only_the_office_creates_or_changes_policies(world, make_user, role):
    client = client_for(make_user(role))
    payload = policy_payload(BudgetLineFactory())
    assert client.post(f"{API}/policies/", payload, format="json").status_code == 403
    url = f"{API}/policies/{world.policy.pk}/"
    assert client.patch(url, {"title": "改"}, format="json").status_code == 403


def test_a_patch_without_stages_keeps_them_and_one_with_stages_replaces_them(world):
    office = client_for(world.office)
    url = f"{API}/policies/{world.policy.pk}/"
    body = office.patch(url, {"notice_days": 10}, format="json").json()
    assert len(body["stages"]) == 3
    stages = body["stages"]
    # The office's stage moves first, the others are dropped.
    new = [{**stages[2], "position": 1}, {"position": 2, "name": "复核", "role": "office_admin"}]
    response = office.patch(url, {"stages": new}, format="json")
    assert response.status_code == 200, response.content
    assert [(s["position"], s["name"]) for s in response.json()["stages"]] == [
        (1, "人才办审批"),
        (2, "复核"),
    ]
    assert response.json()["stages"][0]["id"] == stages[2]["id"]


def test_a_stage_an_application_has_passed_through_cannot_be_removed(world):
    world.submitted()  # now at the first stage
    office = client_for(world.office)
    url = f"{API}/policies/{world.policy.pk}/"
    stages = office.get(url).json()["stages"]
    errors = errors_of(office.patch(url, {"stages": stages[1:]}, format="json"))
    assert set(errors) == {"stages"}
    assert world.policy.stages.count() == 3


# Applications --------------------------------------------------------------------------------


def test_a_talent_starts_a_draft_for_themselves_without_naming_the_applicant(world):
    response = client_for(world.talent_user).post(
        f"{API}/applications/",
        {"policy": world.policy.pk, "statement": "入选省级人才计划"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == ApplicationStatus.DRAFT
    assert (body["applicant_kind"], body["applicant_id"]) == ("talent", world.talent.pk)
    assert body["number"].startswith("SQ")


def test_a_role_that_applies_for_no_one_may_not_start_an_application(world):
    response = client_for(world.reviewer).post(
        f"{API}/applications/", {"policy": world.policy.pk}, format="json"
    )
    assert response.status_code == 403


def test_an_applicant_the_caller_does_not_act_for_is_refused_on_applicant_id(world):
    response = client_for(world.talent_user).post(
        f"{API}/applications/",
        {"policy": world.policy.pk, "applicant_id": world.stranger_talent.pk},
        format="json",
    )
    assert set(errors_of(response)) == {"applicant_id"}


def test_a_kind_the_policy_is_not_for_is_refused_on_applicant_kind(world):
    response = client_for(world.talent_user).post(
        f"{API}/applications/",
        {"policy": world.policy.pk, "applicant_kind": "enterprise"},
        format="json",
    )
    assert set(errors_of(response)) == {"applicant_kind"}


def test_hr_of_two_enterprises_says_which_one_applies(world, make_user):
    other = EnterpriseFactory()
    hr = make_user("enterprise_hr", enterprise=world.acme)
    MembershipFactory(user=hr, enterprise=other)
    policy = PolicyFactory(applicant_kind=ApplicantKind.ENTERPRISE, **OPEN)
    client = client_for(hr)
    response = client.post(f"{API}/applications/", {"policy": policy.pk}, format="json")
    assert set(errors_of(response)) == {"applicant_id"}
    response = client.post(
        f"{API}/applications/", {"policy": policy.pk, "applicant_id": other.pk}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["applicant_id"] == other.pk


def test_an_applicant_the_rule_excludes_is_told_why(world):
    world.policy.rule = 'education = "doctorate"'
    world.policy.save()
    response = client_for(world.talent_user).post(
        f"{API}/applications/", {"policy": world.policy.pk}, format="json"
    )
    errors = errors_of(response)
    assert "Not eligible" in errors["non_field_errors"][0]


def test_a_negative_count_is_refused_on_unit_count(world):
    response = client_for(world.talent_user).post(
        f"{API}/applications/", {"policy": world.policy.pk, "unit_count": -1}, format="json"
    )
    assert set(errors_of(response)) == {"unit_count"}


def test_the_applicant_lists_only_their_own_and_the_office_every_one(world):
    mine = world.draft()
    theirs = world.draft(world.stranger_talent, world.stranger)
    listed = client_for(world.talent_user).get(f"{API}/applications/").json()["results"]
    assert [row["id"] for row in listed] == [mine.pk]
    listed = client_for(world.office).get(f"{API}/applications/").json()["results"]
    assert {row["id"] for row in listed} == {mine.pk, theirs.pk}
    assert client_for(world.talent_user).get(f"{API}/applications/{theirs.pk}/").status_code == 404


def test_applications_filter_by_status_and_policy(world):
    draft = world.draft()
    submitted = world.submitted(world.stranger_talent, world.stranger)
    office = client_for(world.office)
    rows = office.get(f"{API}/applications/", {"status": "in_review"}).json()["results"]
    assert [row["id"] for row in rows] == [submitted.pk]
    rows = office.get(f"{API}/applications/", {"policy": world.policy.pk}).json()["results"]
    assert {row["id"] for row in rows} == {draft.pk, submitted.pk}
    rows = office.get(f"{API}/applications/", {"policy": world.policy.pk + 99}).json()["results"]
    assert rows == []


def test_the_applicant_changes_a_draft_and_others_may_not(world):
    application = world.draft()
    url = f"{API}/applications/{application.pk}/"
    response = client_for(world.talent_user).patch(url, {"statement": "补充说明"}, format="json")
    assert response.status_code == 200
    assert response.json()["statement"] == "补充说明"
    assert client_for(world.hr).patch(url, {"statement": "x"}, format="json").status_code == 403
    assert (
        client_for(world.stranger).patch(url, {"statement": "x"}, format="json").status_code == 404
    )
    assert (
        client_for(world.talent_user).put(url, {"statement": "x"}, format="json").status_code == 405
    )


def test_an_application_in_review_cannot_be_changed(world):
    application = world.submitted()
    response = client_for(world.talent_user).patch(
        f"{API}/applications/{application.pk}/", {"statement": "改"}, format="json"
    )
    assert "non_field_errors" in errors_of(response)


def test_the_applicant_attaches_a_file_and_others_may_not(world):
    application = world.draft()
    url = f"{API}/applications/{application.pk}/attachments/"
    response = client_for(world.talent_user).post(
        url, {"file": upload(), "document": world.document.pk}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["file_name"] == "证书.pdf"
    assert response.json()["document"] == world.document.pk
    assert client_for(world.hr).post(url, {"file": upload()}, format="multipart").status_code == 403
    assert (
        client_for(world.stranger).post(url, {"file": upload()}, format="multipart").status_code
        == 404
    )


def test_a_web_page_renamed_pdf_is_refused_on_file_and_nothing_is_stored(world):
    application = world.draft()
    response = client_for(world.talent_user).post(
        f"{API}/applications/{application.pk}/attachments/",
        {"file": samples.disguised_html("证书.pdf"), "document": world.document.pk},
        format="multipart",
    )
    [message] = errors_of(response)["file"]
    assert message.startswith("证书.pdf is not a PDF")
    assert message.endswith("what it holds is an HTML web page.")
    assert not application.attachments.exists()


def test_a_document_of_another_policy_is_refused_on_document(world):
    application = world.draft()
    elsewhere = RequiredDocumentFactory()
    response = client_for(world.talent_user).post(
        f"{API}/applications/{application.pk}/attachments/",
        {"file": upload(), "document": elsewhere.pk},
        format="multipart",
    )
    assert set(errors_of(response)) == {"document"}


def test_submitting_without_the_required_documents_is_refused_on_attachments(world):
    application = world.draft()
    response = client_for(world.talent_user).post(f"{API}/applications/{application.pk}/submit/")
    errors = errors_of(response)
    assert set(errors) == {"attachments"}
    assert "入选证书" in errors["attachments"][0]


def test_only_the_applicant_submits(world):
    application = world.draft()
    url = f"{API}/applications/{application.pk}/submit/"
    assert client_for(world.office).post(url).status_code == 403
    assert client_for(world.stranger).post(url).status_code == 404


def test_a_stage_is_decided_only_by_its_role(world):
    application = world.submitted()  # at the enterprise's confirmation
    url = f"{API}/applications/{application.pk}/decide/"
    for user in (world.talent_user, world.reviewer, world.office):
        response = client_for(user).post(url, {"decision": "approve"}, format="json")
        assert response.status_code == 403, user
    assert client_for(world.stranger).post(url, {"decision": "approve"}).status_code == 404
    response = client_for(world.hr).post(url, {"decision": "approve"}, format="json")
    assert response.status_code == 200
    assert response.json()["stage"]["position"] == 2


def test_rejecting_without_a_reason_is_refused_on_reason(world):
    application = world.submitted()
    response = client_for(world.hr).post(
        f"{API}/applications/{application.pk}/decide/", {"decision": "reject"}, format="json"
    )
    assert set(errors_of(response)) == {"reason"}


def test_an_unknown_decision_is_refused_on_decision(world):
    application = world.submitted()
    response = client_for(world.hr).post(
        f"{API}/applications/{application.pk}/decide/", {"decision": "maybe"}, format="json"
    )
    assert set(errors_of(response)) == {"decision"}


def test_the_timeline_shows_each_step_to_the_applicant_not_to_strangers(world):
    application = world.submitted()
    services.application_decide(
        actor=world.hr, application=application, decision="return", reason="缺少劳动合同"
    )
    url = f"{API}/applications/{application.pk}/timeline/"
    events = client_for(world.talent_user).get(url).json()
    assert [event["kind"] for event in events] == [
        EventKind.CREATED,
        EventKind.SUBMITTED,
        EventKind.RETURNED,
    ]
    assert events[2]["reason"] == "缺少劳动合同"
    assert events[2]["stage_name"] == "企业确认"
    assert client_for(world.stranger).get(url).status_code == 404


def test_one_application_from_draft_to_paid_through_the_api_alone(world):
    talent = client_for(world.talent_user)
    created = talent.post(
        f"{API}/applications/", {"policy": world.policy.pk, "statement": "入选"}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    url = f"{API}/applications/{pk}"
    attached = talent.post(
        f"{url}/attachments/", {"file": upload(), "document": world.document.pk}, format="multipart"
    )
    assert attached.status_code == 201
    assert talent.post(f"{url}/submit/").json()["status"] == ApplicationStatus.IN_REVIEW

    for user in (world.hr, world.reviewer, world.office):
        response = client_for(user).post(f"{url}/decide/", {"decision": "approve"}, format="json")
        assert response.status_code == 200, (user, response.content)
    body = response.json()
    assert body["status"] == ApplicationStatus.NOTICE
    assert body["amount_fen"] == world.policy.amount_fen

    office = client_for(world.office)
    assert "non_field_errors" in errors_of(office.post(f"{url}/close-notice/"))  # still running
    Application.objects.filter(pk=pk).update(notice_ends_on=TODAY - datetime.timedelta(days=1))
    assert office.post(f"{url}/close-notice/").json()["status"] == ApplicationStatus.APPROVED
    paid = office.post(f"{url}/pay/", {"memo": "凭证 2026-118"}, format="json")
    assert paid.status_code == 200
    assert paid.json()["status"] == ApplicationStatus.PAID
    assert paid.json()["paid_at"]

    kinds = [event["kind"] for event in talent.get(f"{url}/timeline/").json()]
    assert kinds == [
        EventKind.CREATED,
        EventKind.SUBMITTED,
        EventKind.APPROVED_STAGE,
        EventKind.APPROVED_STAGE,
        EventKind.APPROVED_STAGE,
        EventKind.NOTICE_STARTED,
        EventKind.APPROVED,
        EventKind.PAID,
    ]
    figures = ledger.line_figures(world.policy.budget_line)
    assert (figures.reserved, figures.disbursed) == (0, world.policy.amount_fen)


def test_only_the_office_closes_a_notice_and_pays(world, make_user):
    application = world.on_notice()
    url = f"{API}/applications/{application.pk}"
    for user in (world.talent_user, world.reviewer, world.leader, world.hr):
        assert client_for(user).post(f"{url}/close-notice/").status_code == 403
        assert client_for(user).post(f"{url}/pay/").status_code == 403


def test_paying_an_application_that_is_not_approved_is_refused(world):
    application = world.on_notice()
    response = client_for(world.office).post(f"{API}/applications/{application.pk}/pay/")
    assert "non_field_errors" in errors_of(response)


# Deciding in bulk, the queue, overdue reviews ------------------------------------------------


def test_bulk_decide_answers_each_application_on_its_own(world, make_user):
    first = world.submitted()
    colleague_user = make_user("talent")
    colleague = TalentFactory(user=colleague_user, employer=world.acme)
    second = world.submitted(colleague, colleague_user)
    outsider_user = make_user("talent")
    outsider = world.submitted(TalentFactory(user=outsider_user), outsider_user)  # not Acme's
    services.application_decide(actor=world.hr, application=second, decision="approve")

    response = client_for(world.hr).post(
        f"{API}/applications/decide/",
        {"ids": [first.pk, second.pk, outsider.pk, 999_999], "decision": "approve"},
        format="json",
    )
    assert response.status_code == 200, response.content
    outcomes = response.json()["outcomes"]
    assert [(o["id"], o["ok"]) for o in outcomes] == [
        (first.pk, True),
        (second.pk, False),  # already past the enterprise's stage
        (outsider.pk, False),  # another enterprise's: not even visible
        (999_999, False),
    ]
    assert outcomes[1]["message"]
    assert outcomes[3]["message"] == "No such application."
    first.refresh_from_db()
    assert first.stage.position == 2


def test_bulk_returning_needs_a_reason_before_anything_is_decided(world):
    application = world.submitted()
    response = client_for(world.hr).post(
        f"{API}/applications/decide/",
        {"ids": [application.pk], "decision": "return"},
        format="json",
    )
    assert set(errors_of(response)) == {"reason"}
    application.refresh_from_db()
    assert application.stage.position == 1


@pytest.mark.parametrize("role", ["talent", "leader", "grid_officer", "station_staff"])
def test_roles_that_decide_no_stage_may_not_decide_in_bulk_or_read_a_queue(world, make_user, role):
    client = client_for(make_user(role))
    payload = {"ids": [1], "decision": "approve"}
    assert client.post(f"{API}/applications/decide/", payload, format="json").status_code == 403
    assert client.get(f"{API}/applications/review-queue/").status_code == 403


def test_the_review_queue_holds_what_waits_for_the_caller(world):
    application = world.submitted()
    queue = client_for(world.hr).get(f"{API}/applications/review-queue/").json()["results"]
    assert [row["id"] for row in queue] == [application.pk]
    assert (
        client_for(world.reviewer).get(f"{API}/applications/review-queue/").json()["results"] == []
    )
    services.application_decide(actor=world.hr, application=application, decision="approve")
    queue = client_for(world.reviewer).get(f"{API}/applications/review-queue/").json()["results"]
    assert [row["id"] for row in queue] == [application.pk]


def test_overdue_reviews_are_listed_for_the_office_and_leaders(world):
    late = world.submitted()
    on_time = world.submitted(world.stranger_talent, world.stranger)
    Application.objects.filter(pk=late.pk).update(stage_due_on=TODAY - datetime.timedelta(days=2))
    for user in (world.office, world.leader):
        rows = client_for(user).get(f"{API}/applications/overdue/").json()["results"]
        assert [row["id"] for row in rows] == [late.pk]
        assert rows[0]["is_overdue"] is True
    assert on_time.pk
    for user in (world.reviewer, world.hr, world.talent_user):
        assert client_for(user).get(f"{API}/applications/overdue/").status_code == 403


# Objections ----------------------------------------------------------------------------------


def test_anyone_signed_in_objects_to_an_application_on_notice(world):
    application = world.on_notice()
    response = client_for(world.stranger).post(
        f"{API}/applications/{application.pk}/objections/", {"reason": "证书系伪造"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open"


def test_an_objection_needs_a_reason_and_a_draft_of_someone_else_is_not_found(world):
    application = world.on_notice()
    url = f"{API}/applications/{application.pk}/objections/"
    assert set(errors_of(client_for(world.stranger).post(url, {"reason": " "}))) == {"reason"}
    draft = world.draft(world.stranger_talent, world.stranger)
    response = client_for(world.talent_user).post(
        f"{API}/applications/{draft.pk}/objections/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 404


def test_the_office_upholds_an_objection_and_the_money_goes_back(world):
    application = world.on_notice()
    objection = services.objection_lodge(
        actor=world.stranger, application=application, reason="证书系伪造"
    )
    url = f"{API}/objections/{objection.pk}/resolve/"
    payload = {"uphold": True, "resolution": "经核实证书无效"}
    for user in (world.talent_user, world.reviewer, world.leader):
        assert client_for(user).post(url, payload, format="json").status_code == 403
    assert set(
        errors_of(client_for(world.office).post(url, {"uphold": True, "resolution": ""}))
    ) == {"resolution"}
    response = client_for(world.office).post(url, payload, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "upheld"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert ledger.line_figures(world.policy.budget_line).reserved == 0


def test_objections_are_listed_with_the_applications_one_can_see(world):
    application = world.on_notice()
    objection = services.objection_lodge(actor=world.stranger, application=application, reason="x")
    rows = client_for(world.talent_user).get(f"{API}/objections/").json()["results"]
    assert [row["id"] for row in rows] == [objection.pk]
    assert client_for(world.stranger).get(f"{API}/objections/{objection.pk}/").status_code == 404


# Offers --------------------------------------------------------------------------------------


def test_the_office_scans_for_offers_and_nobody_else_may(world):
    response = client_for(world.office).post(f"{API}/offers/scan/")
    assert response.status_code == 200
    assert response.json()[world.policy.code] == 2  # the talent and the stranger
    again = client_for(world.office).post(f"{API}/offers/scan/").json()
    assert again[world.policy.code] == 0
    for user in (world.talent_user, world.reviewer, world.leader):
        assert client_for(user).post(f"{API}/offers/scan/").status_code == 403


def test_a_talent_accepts_an_offer_and_skips_the_stage_the_registry_proves(world):
    services.scan_offers()
    offer = Offer.objects.get(talent=world.talent)
    client = client_for(world.talent_user)
    rows = client.get(f"{API}/offers/").json()["results"]
    assert [row["id"] for row in rows] == [offer.pk]
    assert client_for(world.stranger).post(f"{API}/offers/{offer.pk}/accept/").status_code == 404
    assert client_for(world.hr).post(f"{API}/offers/{offer.pk}/accept/").status_code == 403

    response = client.post(f"{API}/offers/{offer.pk}/accept/", {}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["from_offer"] is True
    assert body["status"] == ApplicationStatus.IN_REVIEW
    assert body["stage"]["position"] == 2
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert "non_field_errors" in errors_of(client.post(f"{API}/offers/{offer.pk}/accept/"))


def test_an_offer_under_a_per_unit_policy_needs_the_count(world):
    per_unit = PolicyFactory(
        applicant_kind=ApplicantKind.TALENT,
        formula=FormulaKind.PER_UNIT,
        unit_label="招聘人数",
        amount_fen=100_000,
        **OPEN,
    )
    services.scan_policy(per_unit)
    offer = Offer.objects.get(policy=per_unit, talent=world.talent)
    client = client_for(world.talent_user)
    response = client.post(f"{API}/offers/{offer.pk}/accept/", {}, format="json")
    assert set(errors_of(response)) == {"unit_count"}
    response = client.post(f"{API}/offers/{offer.pk}/accept/", {"unit_count": 3}, format="json")
    assert response.status_code == 201
    assert response.json()["amount_fen"] == 300_000


def test_a_talent_declines_an_offer(world):
    services.scan_offers()
    offer = Offer.objects.get(talent=world.talent)
    response = client_for(world.talent_user).post(f"{API}/offers/{offer.pk}/decline/")
    assert response.status_code == 200
    assert response.json()["status"] == OfferStatus.DECLINED
    assert client_for(world.stranger).get(f"{API}/offers/{offer.pk}/").status_code == 404


# The budget ----------------------------------------------------------------------------------


def test_budget_lines_show_amount_reserved_disbursed_and_free_in_fen(world):
    world.on_notice()
    line = world.policy.budget_line
    other_year = BudgetLineFactory(year=line.year - 1)
    for user in (world.office, world.leader):
        rows = client_for(user).get(f"{API}/budget-lines/", {"year": line.year}).json()["results"]
        [row] = [row for row in rows if row["id"] == line.pk]
        assert row["amount_fen"] == line.amount
        assert row["reserved_fen"] == world.policy.amount_fen
        assert row["disbursed_fen"] == 0
        assert row["free_fen"] == line.amount - world.policy.amount_fen
        assert other_year.pk not in {row["id"] for row in rows}


@pytest.mark.parametrize("role", ["talent", "reviewer", "enterprise_hr", "grid_officer"])
def test_only_the_office_and_leaders_read_the_budget(world, make_user, role):
    client = client_for(make_user(role))
    assert client.get(f"{API}/budget-lines/").status_code == 403
    assert client.get(f"{API}/budget-lines/{world.policy.budget_line.pk}/").status_code == 403


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
    assert "/api/v1/policies/applications/{id}/decide/" in schema
    assert "/api/v1/policies/applications/decide/" in schema
