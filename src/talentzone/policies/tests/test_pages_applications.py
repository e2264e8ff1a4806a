"""The applicant's and decider's pages: finding a policy, applying, following the application,
deciding it, objections, notice, payment and offers.

Pages read through the scoped querysets (out of scope answers 404) and write through the services
(not permitted answers 403; an invalid step shows its message on the page and writes nothing).
Text assertions ask for English explicitly, so that they hold whatever the Chinese catalogue says.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from talentzone.core.choices import Role
from talentzone.core.tests import samples
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import (
    AgencyFactory,
    EnterpriseFactory,
    TalentFactory,
)
from talentzone.policies import services
from talentzone.policies.choices import (
    ApplicantKind,
    ApplicationStatus,
    EventKind,
    FormulaKind,
    ObjectionStatus,
    OfferStatus,
)
from talentzone.policies.models import Application, Attachment, Objection, Offer
from talentzone.policies.tests.factories import (
    PolicyFactory,
    RequiredDocumentFactory,
    three_stage_policy,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@dataclass
class World:
    """A talent employed by an enterprise, the people who decide their application, and an
    outsider; a three-stage talent policy for people aged 45 or under, asking for a document."""

    today: datetime.date
    talent_user: object
    talent: Talent
    hr: object
    reviewer: object
    office: object
    leader: object
    outsider: object
    policy: object
    document: object

    def draft(self, **data) -> Application:
        return services.application_create(
            actor=self.talent_user, policy=self.policy, applicant=self.talent, data=data
        )

    def attach(self, application: Application) -> None:
        services.attachment_add(
            actor=self.talent_user,
            application=application,
            uploaded_file=pdf("certificate.pdf"),
            document=self.document,
        )

    def submitted(self, on: datetime.date | None = None) -> Application:
        application = self.draft(statement="入选省级人才计划")
        self.attach(application)
        services.application_submit(actor=self.talent_user, application=application, today=on)
        return refreshed(application)

    def on_notice(self, on: datetime.date | None = None) -> Application:
        application = self.submitted(on)
        for actor in (self.hr, self.reviewer, self.office):
            services.application_decide(
                actor=actor, application=application, decision="approve", today=on
            )
        return refreshed(application)

    def approved(self) -> Application:
        application = self.on_notice(self.today - 20 * DAY)
        services.notice_close(actor=self.office, application=application, today=self.today)
        return refreshed(application)


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 scanned certificate", "application/pdf")


def refreshed(application: Application) -> Application:
    application.refresh_from_db()
    return application


def open_period(today: datetime.date) -> dict:
    return {"valid_from": today - 30 * DAY, "valid_until": today + 60 * DAY}


@pytest.fixture
def world(make_user) -> World:
    today = timezone.localdate()
    talent_user = make_user(Role.TALENT)
    talent = TalentFactory(user=talent_user)
    policy = three_stage_policy(
        rule="age <= 45", title="青年人才奖励", title_en="Young talent reward", **open_period(today)
    )
    department = policy.stages.get(position=2).department
    outsider = make_user(Role.TALENT)
    TalentFactory(user=outsider)
    return World(
        today=today,
        talent_user=talent_user,
        talent=talent,
        hr=make_user(Role.ENTERPRISE_HR, enterprise=talent.employer),
        reviewer=make_user(Role.REVIEWER, department=department),
        office=make_user(Role.OFFICE_ADMIN),
        leader=make_user(Role.LEADER),
        outsider=outsider,
        policy=policy,
        document=RequiredDocumentFactory(policy=policy, name="入选证书扫描件"),
    )


def url(name: str, *args) -> str:
    return reverse(f"policies:{name}", args=args)


def page(client, user, name: str, *args, query: str = "", **headers):
    client.force_login(user)
    return client.get(url(name, *args) + query, **{**ENGLISH, **headers})


def post(client, user, name: str, *args, data=None, **headers):
    client.force_login(user)
    return client.post(url(name, *args), data or {}, **{**ENGLISH, **headers})


def text(response) -> str:
    return response.content.decode()


# Signing in -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("policy-finder", ()),
        ("policy-detail", (1,)),
        ("application-list", ()),
        ("application-detail", (1,)),
        ("offer-list", ()),
    ],
)
def test_every_page_asks_to_sign_in_first(client, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Finding policies -----------------------------------------------------------------------------


def test_the_finder_shows_an_eligible_policy_with_the_reason_and_an_apply_button(client, world):
    response = page(client, world.talent_user, "policy-finder")
    assert response.status_code == 200
    body = text(response)
    assert "Young talent reward" in body
    assert 'data-testid="eligible"' in body
    assert 'data-passed="true"' in body
    assert "age is at most 45" in body
    assert url("application-create", world.policy.pk) in body


def test_the_finder_leaves_out_policies_one_does_not_meet_unless_all_are_asked_for(client, world):
    strict = PolicyFactory(
        title_en="Doctors only", rule='education = "doctorate"', **open_period(world.today)
    )
    mine = text(page(client, world.talent_user, "policy-finder"))
    assert "Doctors only" not in mine
    everything = text(page(client, world.talent_user, "policy-finder", query="?show=all"))
    assert "Doctors only" in everything
    assert 'data-testid="not-eligible"' in everything
    assert 'data-passed="false"' in everything
    assert url("application-create", strict.pk) not in everything


def test_the_finder_links_an_application_already_made_and_an_open_offer(client, world):
    application = world.draft()
    offered = PolicyFactory(title_en="Offered reward", **open_period(world.today))
    services.scan_policy(offered, world.today)
    body = text(page(client, world.talent_user, "policy-finder"))
    assert url("application-detail", application.pk) in body
    assert 'data-testid="my-offer"' in body
    assert url("application-create", offered.pk) not in body


def test_a_policy_without_a_rule_is_open_to_every_applicant_of_its_kind(client, world):
    PolicyFactory(title_en="Housing subsidy", rule="", **open_period(world.today))
    body = text(page(client, world.talent_user, "policy-finder"))
    assert "Open to every talent." in body


@pytest.mark.parametrize("role", [Role.OFFICE_ADMIN, Role.REVIEWER, Role.LEADER])
def test_people_without_applicant_records_see_every_open_policy_and_its_rule(
    client, world, make_user, role
):
    PolicyFactory(
        title_en="Enterprise centre reward",
        applicant_kind=ApplicantKind.ENTERPRISE,
        rule="high_tech = true",
        **open_period(world.today),
    )
    PolicyFactory(
        title_en="Closed policy",
        valid_from=world.today - 90 * DAY,
        valid_until=world.today - 10 * DAY,
    )
    body = text(page(client, make_user(role), "policy-finder"))
    assert "Young talent reward" in body
    assert "Enterprise centre reward" in body
    assert "Closed policy" not in body
    assert body.count('data-testid="rule-words"') == 2
    assert 'data-testid="apply-button"' not in body


def test_the_finder_says_so_when_nothing_fits(client, world):
    world.policy.rule = "age <= 20"
    world.policy.save()
    response = page(client, world.talent_user, "policy-finder")
    assert 'data-testid="empty"' in text(response)
    assert "?show=all" in text(response)


def test_a_rule_that_no_longer_reads_is_shown_as_such_not_as_an_error(client, world):
    type(world.policy).objects.filter(pk=world.policy.pk).update(rule="age <=")
    response = page(client, world.talent_user, "policy-finder", query="?show=all")
    assert response.status_code == 200
    assert "cannot be read at the moment" in text(response)
    assert 'data-testid="apply-button"' not in text(response)


# One policy -----------------------------------------------------------------------------------


def test_the_policy_page_explains_each_clause_for_the_users_record(client, world):
    world.policy.rule = 'age <= 45 and education = "doctorate"'
    world.policy.save()
    body = text(page(client, world.talent_user, "policy-detail", world.policy.pk))
    assert body.count('data-passed="true"') == 1
    assert body.count('data-passed="false"') == 1
    assert "on record: Master" in body
    assert 'data-testid="apply-button"' not in body


def test_the_policy_page_shows_stages_documents_amount_and_notice(client, world):
    body = text(page(client, world.talent_user, "policy-detail", world.policy.pk))
    stages = ("企业确认", "部门审核", "人才办审批")
    for expected in (*stages, "入选证书扫描件", "¥50,000.00", "5 days"):
        assert expected in body
    assert "The applicant&#x27;s enterprise" in body
    assert 'data-testid="apply-button"' in body


def test_the_policy_page_offers_no_apply_button_once_applied(client, world):
    application = world.draft()
    body = text(page(client, world.talent_user, "policy-detail", world.policy.pk))
    assert 'data-testid="apply-button"' not in body
    assert url("application-detail", application.pk) in body


def test_a_closed_policy_takes_no_application(client, world):
    world.policy.valid_until = world.today - DAY
    world.policy.save()
    body = text(page(client, world.talent_user, "policy-detail", world.policy.pk))
    assert 'data-testid="closed"' in body
    assert 'data-testid="apply-button"' not in body
    response = post(client, world.talent_user, "application-create", world.policy.pk)
    assert "This policy takes applications from" in text(response)
    assert not Application.objects.exists()


# Applying -------------------------------------------------------------------------------------


def test_applying_saves_a_draft_and_opens_its_page(client, world):
    assert page(client, world.talent_user, "application-create", world.policy.pk).status_code == 200
    response = post(
        client,
        world.talent_user,
        "application-create",
        world.policy.pk,
        data={"statement": "2025年入选省级引才计划"},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == url("application-detail", application.pk)
    assert application.status == ApplicationStatus.DRAFT
    assert application.talent == world.talent
    assert application.statement == "2025年入选省级引才计划"
    assert application.events.get().kind == EventKind.CREATED


def test_a_per_unit_policy_asks_for_the_count_by_its_label(client, make_user):
    today = timezone.localdate()
    agency = AgencyFactory()
    staff = make_user(Role.AGENCY_STAFF, agency=agency)
    policy = PolicyFactory(
        applicant_kind=ApplicantKind.AGENCY,
        formula=FormulaKind.PER_UNIT,
        amount_fen=100_000,
        unit_label="引进人才人数",
        **open_period(today),
    )
    form_page = text(page(client, staff, "application-create", policy.pk))
    assert "引进人才人数" in form_page
    missing = post(client, staff, "application-create", policy.pk, data={"statement": "x"})
    assert missing.status_code == 200
    assert "This field is required." in text(missing)
    assert not Application.objects.exists()
    post(client, staff, "application-create", policy.pk, data={"unit_count": "12"})
    assert Application.objects.get().unit_count == 12


def test_a_percentage_policy_takes_the_declared_figure_in_yuan(client, world):
    policy = PolicyFactory(
        formula=FormulaKind.PERCENTAGE,
        amount_fen=None,
        rate_basis_points=3000,
        declared_label="实缴租金",
        **open_period(world.today),
    )
    bad = post(
        client, world.talent_user, "application-create", policy.pk, data={"declared_yuan": "1.005"}
    )
    assert "at most two decimals" in text(bad)
    assert not Application.objects.exists()
    post(
        client,
        world.talent_user,
        "application-create",
        policy.pk,
        data={"declared_yuan": "120,000.50"},
    )
    assert Application.objects.get().declared_fen == 12_000_050


def test_applying_when_not_eligible_shows_the_reason_and_saves_nothing(client, world):
    world.policy.rule = "age <= 30"
    world.policy.save()
    form_page = text(page(client, world.talent_user, "application-create", world.policy.pk))
    assert 'data-testid="not-eligible-warning"' in form_page
    response = post(client, world.talent_user, "application-create", world.policy.pk)
    assert "Not eligible: age is at most 30 years." in text(response)
    assert not Application.objects.exists()


def test_applying_twice_is_refused_with_a_clear_message(client, world):
    world.draft()
    response = post(client, world.talent_user, "application-create", world.policy.pk)
    assert "already has an application under this policy" in text(response)
    assert Application.objects.count() == 1


def test_someone_who_acts_for_no_applicant_of_the_kind_may_not_apply(client, world):
    assert page(client, world.office, "application-create", world.policy.pk).status_code == 403


def test_an_hr_officer_of_two_enterprises_chooses_which_applies(client, make_user):
    today = timezone.localdate()
    first, second = EnterpriseFactory(), EnterpriseFactory()
    hr = make_user(Role.ENTERPRISE_HR, enterprise=first)
    from talentzone.directory.tests.factories import MembershipFactory

    MembershipFactory(user=hr, enterprise=second)
    policy = PolicyFactory(applicant_kind=ApplicantKind.ENTERPRISE, **open_period(today))
    assert "Apply as" in text(page(client, hr, "application-create", policy.pk))
    post(client, hr, "application-create", policy.pk, data={"applicant": str(second.pk)})
    assert Application.objects.get().enterprise == second


# The list -------------------------------------------------------------------------------------


def test_the_list_shows_an_applicant_only_their_own(client, world):
    mine = world.draft()
    other_talent = Talent.objects.get(user=world.outsider)
    others = services.application_create(
        actor=world.outsider, policy=world.policy, applicant=other_talent
    )
    own = text(page(client, world.talent_user, "application-list"))
    assert mine.number in own and others.number not in own
    everything = text(page(client, world.office, "application-list"))
    assert mine.number in everything and others.number in everything


def test_the_list_filters_by_status_and_policy(client, world):
    submitted = world.submitted()
    other_policy = PolicyFactory(**open_period(world.today))
    draft = services.application_create(
        actor=world.talent_user, policy=other_policy, applicant=world.talent
    )
    in_review = text(page(client, world.office, "application-list", query="?status=in_review"))
    assert submitted.number in in_review and draft.number not in in_review
    by_policy = text(
        page(client, world.office, "application-list", query=f"?policy={other_policy.pk}")
    )
    assert draft.number in by_policy and submitted.number not in by_policy


def test_the_list_marks_a_stage_past_its_deadline(client, world):
    world.submitted(on=world.today - 30 * DAY)
    body = text(page(client, world.office, "application-list"))
    assert 'data-testid="overdue"' in body
    assert "text-danger" in body


def test_the_list_answers_htmx_with_the_results_only(client, world):
    world.draft()
    response = page(
        client,
        world.talent_user,
        "application-list",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="application-results",
    )
    assert "<html" not in text(response)
    assert 'data-testid="application-row"' in text(response)


def test_an_empty_list_says_how_to_apply(client, world):
    body = text(page(client, world.talent_user, "application-list"))
    assert 'data-testid="no-results"' in body
    assert url("policy-finder") in body


# One application ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["talent_user", "hr", "reviewer", "office", "leader"])
def test_the_application_page_opens_for_everyone_concerned(client, world, who):
    application = world.submitted()
    response = page(client, getattr(world, who), "application-detail", application.pk)
    assert response.status_code == 200
    assert application.number in text(response)


def test_the_application_page_is_not_found_outside_ones_scope(client, world, make_user):
    application = world.draft()
    assert page(client, world.outsider, "application-detail", application.pk).status_code == 404
    stranger_hr = make_user(Role.ENTERPRISE_HR, enterprise=EnterpriseFactory())
    assert page(client, stranger_hr, "application-detail", application.pk).status_code == 404


def test_the_application_page_shows_the_registry_record_with_numbers_masked(client, world):
    application = world.draft()
    body = text(page(client, world.reviewer, "application-detail", application.pk))
    assert world.talent.id_number not in body
    assert world.talent.id_number[-4:] in body
    assert world.talent.phone not in body
    assert world.talent.name in body
    assert "Master" in body
    assert 'data-testid="explanation"' in body


def test_the_timeline_names_the_platform_when_no_one_acted(client, world):
    application = world.on_notice(world.today - 20 * DAY)
    services.close_due_notices(world.today)
    body = text(page(client, world.talent_user, "application-detail", application.pk))
    assert body.count('data-testid="event"') == 7  # created, submitted, 3 stages, notice, approved
    assert "the platform" in body
    assert 'data-kind="approved"' in body


def test_the_applicant_of_a_draft_may_submit_but_others_see_no_actions(client, world):
    application = world.draft()
    mine = text(page(client, world.talent_user, "application-detail", application.pk))
    assert 'data-testid="submit-button"' in mine
    assert 'data-testid="upload-form"' in mine
    theirs = text(page(client, world.office, "application-detail", application.pk))
    assert 'data-testid="actions"' not in theirs
    assert 'data-testid="upload-form"' not in theirs


def test_only_the_decider_of_the_current_stage_sees_the_decision_form(client, world):
    application = world.submitted()
    assert 'data-testid="decide-form"' in text(
        page(client, world.hr, "application-detail", application.pk)
    )
    for other in (world.reviewer, world.office, world.talent_user):
        body = text(page(client, other, "application-detail", application.pk))
        assert 'data-testid="decide-form"' not in body


# Attachments and submitting -------------------------------------------------------------------


def test_submitting_without_the_required_documents_names_them(client, world):
    application = world.draft()
    response = post(client, world.talent_user, "application-submit", application.pk)
    assert response.status_code == 400
    assert "Attach: 入选证书扫描件." in text(response)
    assert refreshed(application).status == ApplicationStatus.DRAFT


def test_attaching_the_documents_then_submitting_starts_the_review(client, world):
    application = world.draft()
    response = post(
        client,
        world.talent_user,
        "attachment-add",
        application.pk,
        data={"document": world.document.pk, "file": pdf("证书.pdf")},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().file_name == "证书.pdf"
    response = post(client, world.talent_user, "application-submit", application.pk)
    assert response.status_code == 302
    application = refreshed(application)
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.stage.position == 1
    assert application.amount_fen == world.policy.amount_fen


def test_attaching_to_a_submitted_application_is_refused(client, world):
    application = world.submitted()
    response = post(
        client,
        world.talent_user,
        "attachment-add",
        application.pk,
        data={"file": pdf("late.pdf")},
    )
    assert response.status_code == 400
    assert "In review" in text(response)
    assert application.attachments.count() == 1


def test_attaching_without_a_file_shows_the_field_error(client, world):
    application = world.draft()
    response = post(client, world.talent_user, "attachment-add", application.pk, data={})
    assert response.status_code == 400
    assert "This field is required." in text(response)


def test_a_program_renamed_pdf_is_refused_beside_the_file_and_nothing_is_stored(client, world):
    application = world.draft()
    response = post(
        client,
        world.talent_user,
        "attachment-add",
        application.pk,
        data={"file": samples.disguised_exe("证书.pdf")},
    )
    assert response.status_code == 400
    assert "证书.pdf is not a PDF" in text(response)
    assert "a Windows program (.exe)" in text(response)
    assert not application.attachments.exists()


def test_someone_who_may_see_but_not_apply_may_not_attach(client, world):
    application = world.draft()
    response = post(
        client, world.hr, "attachment-add", application.pk, data={"file": pdf("hr.pdf")}
    )
    assert response.status_code == 403
    assert not application.attachments.exists()


def test_an_attachment_downloads_for_those_who_see_the_application_only(client, world):
    application = world.submitted()
    attachment = application.attachments.get()
    response = page(client, world.reviewer, "attachment-download", attachment.pk)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 scanned certificate"
    assert page(client, world.outsider, "attachment-download", attachment.pk).status_code == 404


# Editing --------------------------------------------------------------------------------------


def test_the_applicant_edits_a_draft(client, world):
    application = world.draft(statement="初稿")
    assert page(client, world.talent_user, "application-edit", application.pk).status_code == 200
    response = post(
        client, world.talent_user, "application-edit", application.pk, data={"statement": "定稿"}
    )
    assert response.status_code == 302
    assert refreshed(application).statement == "定稿"


def test_a_submitted_application_cannot_be_edited(client, world):
    application = world.submitted()
    response = post(
        client, world.talent_user, "application-edit", application.pk, data={"statement": "改"}
    )
    assert "cannot be done to an application that is “In review”" in text(response)
    assert refreshed(application).statement == "入选省级人才计划"


def test_only_the_applicant_may_edit(client, world):
    application = world.draft()
    assert page(client, world.office, "application-edit", application.pk).status_code == 403


# Deciding -------------------------------------------------------------------------------------


def test_the_enterprise_confirms_and_the_application_moves_to_the_next_stage(client, world):
    application = world.submitted()
    response = post(
        client, world.hr, "application-decide", application.pk, data={"decision": "approve"}
    )
    assert response.status_code == 302
    assert refreshed(application).stage.position == 2


def test_rejecting_without_a_reason_is_refused_on_the_form(client, world):
    application = world.submitted()
    response = post(
        client, world.hr, "application-decide", application.pk, data={"decision": "reject"}
    )
    assert response.status_code == 400
    assert "Give a reason: the applicant will read it." in text(response)
    assert refreshed(application).status == ApplicationStatus.IN_REVIEW


def test_a_reviewer_of_another_stage_may_not_decide(client, world, make_user):
    application = world.submitted()
    response = post(
        client, world.reviewer, "application-decide", application.pk, data={"decision": "approve"}
    )
    assert response.status_code == 403
    assert refreshed(application).stage.position == 1


def test_a_returned_application_shows_the_reason_to_the_applicant(client, world):
    application = world.submitted()
    post(
        client,
        world.hr,
        "application-decide",
        application.pk,
        data={"decision": "return", "reason": "请补充劳动合同"},
    )
    assert refreshed(application).status == ApplicationStatus.RETURNED
    body = text(page(client, world.talent_user, "application-detail", application.pk))
    assert 'data-testid="returned-reason"' in body
    assert "请补充劳动合同" in body
    assert "Submit again" in body


def test_a_decision_from_the_queue_goes_back_to_the_queue(client, world):
    application = world.submitted()
    queue = url("review-queue")
    response = post(
        client,
        world.hr,
        "application-decide",
        application.pk,
        data={"decision": "approve", "next": queue},
    )
    assert response.url == queue
    response = post(
        client,
        world.reviewer,
        "application-decide",
        application.pk,
        data={"decision": "reject", "next": "https://evil.example/"},
    )
    assert response.status_code == 400  # no reason, and the foreign `next` is ignored


# Public notice, objections, payment -----------------------------------------------------------


def test_anyone_signed_in_may_object_to_an_application_on_notice(client, world):
    application = world.on_notice()
    board = url("notice-board")
    response = post(
        client,
        world.outsider,
        "objection-lodge",
        application.pk,
        data={"reason": "申请人已离职", "next": board},
    )
    assert response.status_code == 302 and response.url == board
    assert Objection.objects.get().lodged_by == world.outsider
    response = post(
        client,
        world.talent_user,
        "objection-lodge",
        application.pk,
        data={"reason": "我对自己有异议"},
    )
    assert response.url == url("application-detail", application.pk)


def test_only_the_office_learns_who_objected(client, world):
    application = world.on_notice()
    services.objection_lodge(actor=world.outsider, application=application, reason="证书造假")
    applicant_view = text(page(client, world.talent_user, "application-detail", application.pk))
    assert "证书造假" in applicant_view
    assert str(world.outsider) not in applicant_view
    assert "name withheld" in applicant_view
    assert str(world.outsider) in text(
        page(client, world.office, "application-detail", application.pk)
    )


def test_an_objection_without_a_reason_is_refused(client, world):
    application = world.on_notice()
    response = post(
        client, world.talent_user, "objection-lodge", application.pk, data={"reason": " "}
    )
    assert response.status_code == 400
    assert not Objection.objects.exists()


def test_an_outsider_cannot_object_to_an_application_not_on_notice(client, world):
    application = world.submitted()
    response = post(client, world.outsider, "objection-lodge", application.pk, data={"reason": "?"})
    assert response.status_code == 404


def test_the_office_upholds_an_objection_and_the_application_is_rejected(client, world):
    application = world.on_notice()
    objection = services.objection_lodge(
        actor=world.outsider, application=application, reason="证书造假"
    )
    body = text(page(client, world.office, "application-detail", application.pk))
    assert 'data-testid="resolve-form"' in body
    response = post(
        client,
        world.office,
        "objection-resolve",
        objection.pk,
        data={"outcome": "uphold", "resolution": "经核实属实"},
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD
    assert refreshed(application).status == ApplicationStatus.REJECTED


def test_resolving_needs_a_resolution_and_the_office(client, world):
    application = world.on_notice()
    objection = services.objection_lodge(
        actor=world.outsider, application=application, reason="证书造假"
    )
    empty = post(
        client, world.office, "objection-resolve", objection.pk, data={"outcome": "dismiss"}
    )
    assert empty.status_code == 400
    forbidden = post(
        client,
        world.talent_user,
        "objection-resolve",
        objection.pk,
        data={"outcome": "dismiss", "resolution": "无"},
    )
    assert forbidden.status_code == 403
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN


def test_the_office_closes_a_notice_that_has_ended(client, world):
    application = world.on_notice(world.today - 20 * DAY)
    body = text(page(client, world.office, "application-detail", application.pk))
    assert 'data-testid="close-notice-button"' in body
    response = post(client, world.office, "notice-close", application.pk)
    assert response.status_code == 302
    assert refreshed(application).status == ApplicationStatus.APPROVED


def test_a_running_notice_cannot_be_closed(client, world):
    application = world.on_notice()
    response = post(client, world.office, "notice-close", application.pk)
    assert response.status_code == 400
    assert "The public notice runs until" in text(response)
    assert refreshed(application).status == ApplicationStatus.NOTICE


def test_the_office_records_the_payment_of_an_approved_application(client, world):
    application = world.approved()
    assert post(client, world.talent_user, "application-pay", application.pk).status_code == 403
    response = post(
        client, world.office, "application-pay", application.pk, data={"memo": "凭证 2026-118"}
    )
    assert response.status_code == 302
    application = refreshed(application)
    assert application.status == ApplicationStatus.PAID
    assert application.events.last().reason == "凭证 2026-118"


# Offers ---------------------------------------------------------------------------------------


def offered(world, **policy_fields) -> Offer:
    policy = PolicyFactory(**{**open_period(world.today), **policy_fields})
    services.scan_policy(policy, world.today)
    return Offer.objects.get(policy=policy, talent=world.talent)


def test_the_offer_list_shows_the_users_own_offers(client, world):
    mine = offered(world, title_en="Reward offered")
    body = text(page(client, world.talent_user, "offer-list"))
    assert "Reward offered" in body
    assert 'data-testid="accept-button"' in body
    outsider_page = text(page(client, world.outsider, "offer-list"))
    assert url("offer-accept", mine.pk) not in outsider_page


def test_an_empty_offer_list_explains_what_offers_are(client, world):
    assert 'data-testid="empty"' in text(page(client, world.talent_user, "offer-list"))


def test_accepting_an_offer_makes_the_application_and_opens_it(client, world):
    offer = offered(world)
    response = post(client, world.talent_user, "offer-accept", offer.pk)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert response.url == url("application-detail", offer.application.pk)
    assert offer.application.from_offer


def test_accepting_a_per_unit_offer_without_the_count_is_refused(client, world):
    offer = offered(world, formula=FormulaKind.PER_UNIT, unit_label="带教学生人数")
    response = post(client, world.talent_user, "offer-accept", offer.pk, data={})
    assert response.status_code == 400
    assert "带教学生人数" in text(response)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    assert not Application.objects.exists()
    post(client, world.talent_user, "offer-accept", offer.pk, data={"unit_count": "4"})
    offer.refresh_from_db()
    assert offer.application.unit_count == 4


def test_declining_an_offer(client, world):
    offer = offered(world)
    response = post(client, world.talent_user, "offer-decline", offer.pk)
    assert response.url == url("offer-list")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED
    again = post(client, world.talent_user, "offer-decline", offer.pk)
    assert again.status_code == 302  # told it was answered already, nothing changes


def test_another_persons_offer_is_not_found_and_the_office_may_not_answer(client, world):
    offer = offered(world)
    assert post(client, world.outsider, "offer-accept", offer.pk).status_code == 404
    assert post(client, world.office, "offer-accept", offer.pk).status_code == 403


# Languages ------------------------------------------------------------------------------------


def test_the_application_page_reads_in_english_and_in_chinese(client, world):
    application = world.submitted()
    client.force_login(world.talent_user)
    english = text(client.get(url("application-detail", application.pk), **ENGLISH))
    assert 'lang="en"' in english
    assert "Education" in english and "Young talent reward" in english
    chinese = text(client.get(url("application-detail", application.pk), **CHINESE))
    assert 'lang="zh-hans"' in chinese
    assert "学历" in chinese and "青年人才奖励" in chinese
