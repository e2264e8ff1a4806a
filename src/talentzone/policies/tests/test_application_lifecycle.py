"""An application's life, path by path, as the services walk it.

    draft ─submit→ in review (stage 1 → 2 → 3) ─approve at 3→ notice ─close→ approved ─pay→ paid
                   │ return → returned ─resubmit→ (the stage that returned it)
                   └ reject → rejected        notice ─objection upheld→ rejected

The usual policy here has three stages: the talent's employer confirms (its HR), a department's
reviewers review, the talent office approves. Each test names one behaviour; messages are
asserted in English.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from talentzone.core.models import AuditRecord, Notification
from talentzone.directory.tests.factories import (
    AgencyFactory,
    DepartmentFactory,
    EnterpriseFactory,
    FounderFactory,
    TalentFactory,
    VentureFactory,
)
from talentzone.policies import ledger, queries, services
from talentzone.policies.choices import (
    ApplicantKind,
    ApplicationStatus,
    EventKind,
    FormulaKind,
    StageRole,
)
from talentzone.policies.ledger import Figures, InsufficientBudget
from talentzone.policies.models import (
    Application,
    ApplicationEvent,
    BudgetLine,
    LedgerEntry,
    Policy,
    ReviewStage,
)
from talentzone.policies.tests.factories import (
    PolicyFactory,
    RequiredDocumentFactory,
    ReviewStageFactory,
    three_stage_policy,
)

TODAY = datetime.date(2026, 6, 1)
YUAN = 100  # fen
AMOUNT = 50_000 * YUAN  # the PolicyFactory's fixed amount
LINE = 10_000_000 * YUAN  # the BudgetLineFactory's amount


@pytest.fixture(autouse=True)
def english_and_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def later(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


def scan(name: str = "证书.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 scanned certificate", "application/pdf")


@dataclass
class World:
    """A talent who works for an enterprise, that enterprise's HR, a department's reviewer, the
    office, and a three-stage policy that needs one document."""

    talent_user: object
    talent: object
    hr: object
    reviewer: object
    office: object
    policy: Policy

    @property
    def line(self) -> BudgetLine:
        return self.policy.budget_line

    def stage(self, position: int):
        return self.policy.stages.get(position=position)

    def decider(self, position: int):
        return {1: self.hr, 2: self.reviewer, 3: self.office}[position]

    def draft(self, **data) -> Application:
        return services.application_create(
            actor=self.talent_user,
            policy=self.policy,
            applicant=self.talent,
            data=data,
            today=TODAY,
        )

    def attach(self, application: Application) -> None:
        for document in self.policy.documents.all():
            services.attachment_add(
                actor=self.talent_user,
                application=application,
                uploaded_file=scan(),
                document=document,
            )

    def submitted(self, **data) -> Application:
        application = self.draft(**data)
        self.attach(application)
        return services.application_submit(
            actor=self.talent_user, application=application, today=TODAY
        )

    def decide(self, application, position: int, decision="approve", reason="", today=TODAY):
        return services.application_decide(
            actor=self.decider(position),
            application=application,
            decision=decision,
            reason=reason,
            today=today,
        )

    def at_stage(self, position: int) -> Application:
        application = self.submitted()
        for earlier in range(1, position):
            self.decide(application, earlier)
        return fresh(application)

    def on_notice(self) -> Application:
        application = self.at_stage(3)
        self.decide(application, 3)
        return fresh(application)

    def approved(self) -> Application:
        application = self.on_notice()
        services.notice_close(actor=self.office, application=application, today=later(6))
        return fresh(application)


@pytest.fixture
def world(make_user) -> World:
    talent_user = make_user("talent")
    talent = TalentFactory(user=talent_user)
    department = DepartmentFactory()
    policy = three_stage_policy(department=department, rule="age <= 45")
    RequiredDocumentFactory(policy=policy, name="入选证书扫描件")
    return World(
        talent_user=talent_user,
        talent=talent,
        hr=make_user("enterprise_hr", enterprise=talent.employer),
        reviewer=make_user("reviewer", department=department),
        office=make_user("office_admin"),
        policy=policy,
    )


def fresh(application: Application) -> Application:
    return Application.objects.get(pk=application.pk)


def kinds(application: Application) -> list[str]:
    return list(application.events.values_list("kind", flat=True))


def figures(world: World) -> Figures:
    return ledger.line_figures(world.line)


# The whole way -------------------------------------------------------------------------------


def test_an_application_goes_from_draft_through_each_stage_and_notice_to_paid(world):
    application = world.draft()
    assert (application.status, application.stage) == (ApplicationStatus.DRAFT, None)

    world.attach(application)
    services.application_submit(actor=world.talent_user, application=application, today=TODAY)
    application = fresh(application)
    assert (application.status, application.stage) == (ApplicationStatus.IN_REVIEW, world.stage(1))
    assert application.amount_fen == AMOUNT
    assert application.submitted_at is not None

    for position in (1, 2):
        world.decide(application, position)
        assert fresh(application).stage == world.stage(position + 1)
        assert figures(world) == Figures(LINE, 0, 0, LINE)  # nothing reserved before approval

    world.decide(application, 3)
    application = fresh(application)
    assert application.status == ApplicationStatus.NOTICE
    assert application.stage is None
    assert application.notice_ends_on == later(world.policy.notice_days)
    assert figures(world) == Figures(LINE, AMOUNT, 0, LINE - AMOUNT)
    assert application.reservation.amount == AMOUNT

    services.notice_close(actor=world.office, application=application, today=later(6))
    application = fresh(application)
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_at is not None
    assert figures(world) == Figures(LINE, AMOUNT, 0, LINE - AMOUNT)

    services.application_pay(actor=world.office, application=application, memo="财政支付 0601")
    application = fresh(application)
    assert application.status == ApplicationStatus.PAID
    assert application.paid_at is not None
    assert figures(world) == Figures(LINE, 0, AMOUNT, LINE - AMOUNT)


def test_each_stage_is_due_its_own_number_of_days_after_the_application_reaches_it(world):
    ReviewStage.objects.filter(pk=world.stage(1).pk).update(deadline_days=3)
    ReviewStage.objects.filter(pk=world.stage(2).pk).update(deadline_days=7)

    application = world.submitted()
    assert fresh(application).stage_due_on == later(3)

    world.decide(application, 1, today=later(2))
    assert fresh(application).stage_due_on == later(2 + 7)


# Rejected and returned ------------------------------------------------------------------------


@pytest.mark.parametrize("position", [1, 2])
def test_a_rejection_at_a_stage_ends_the_application_without_touching_the_budget(world, position):
    application = world.at_stage(position)

    world.decide(application, position, "reject", reason="入选证书与系统记录不符")

    application = fresh(application)
    assert application.status == ApplicationStatus.REJECTED
    assert (application.stage, application.stage_due_on) == (None, None)
    assert application.decided_at is not None
    assert not LedgerEntry.objects.exists()
    assert kinds(application)[-1] == EventKind.REJECTED


def test_a_returned_application_is_edited_and_resubmitted_to_the_stage_that_returned_it(world):
    application = world.at_stage(2)

    world.decide(application, 2, "return", reason="请补充劳动合同")
    application = fresh(application)
    assert application.status == ApplicationStatus.RETURNED
    assert (application.stage, application.returned_from) == (None, world.stage(2))

    services.application_update(
        actor=world.talent_user, application=application, data={"statement": "已补充劳动合同"}
    )
    services.attachment_add(
        actor=world.talent_user, application=application, uploaded_file=scan("劳动合同.pdf")
    )
    services.application_submit(actor=world.talent_user, application=application, today=TODAY)

    application = fresh(application)
    assert (application.status, application.stage) == (ApplicationStatus.IN_REVIEW, world.stage(2))
    assert application.returned_from is None
    assert application.statement == "已补充劳动合同"
    assert application.attachments.count() == 2  # nothing is deleted by a return

    world.decide(application, 2)
    world.decide(application, 3)
    assert fresh(application).status == ApplicationStatus.NOTICE
    assert kinds(application).count(EventKind.RESUBMITTED) == 1


def test_an_application_in_review_cannot_be_edited_by_the_applicant(world):
    application = world.submitted()

    with pytest.raises(ValidationError, match="In review"):
        services.application_update(
            actor=world.talent_user, application=application, data={"statement": "改"}
        )


@pytest.mark.parametrize("decision", ["reject", "return"])
@pytest.mark.parametrize("reason", ["", "   "])
def test_rejecting_or_returning_without_a_reason_is_refused_and_writes_nothing(
    world, decision, reason
):
    application = world.at_stage(2)
    events_before = application.events.count()

    with pytest.raises(ValidationError) as refused:
        world.decide(application, 2, decision, reason=reason)

    assert refused.value.message_dict == {"reason": ["Give a reason: the applicant will read it."]}
    assert fresh(application).stage == world.stage(2)
    assert application.events.count() == events_before


def test_an_unknown_decision_is_refused_by_field(world):
    application = world.at_stage(1)

    with pytest.raises(ValidationError) as refused:
        world.decide(application, 1, "maybe")

    assert list(refused.value.message_dict) == ["decision"]


# Public notice and objections -----------------------------------------------------------------


def test_the_notice_cannot_close_before_its_days_have_run(world):
    application = world.on_notice()

    with pytest.raises(ValidationError) as refused:
        services.notice_close(actor=world.office, application=application, today=later(5))

    assert refused.value.code == "notice_running"
    assert refused.value.messages == ["The public notice runs until 2026-06-06."]


def test_an_open_objection_holds_the_notice_until_it_is_dismissed(world, make_user):
    application = world.on_notice()
    neighbour = make_user("talent")
    objection = services.objection_lodge(
        actor=neighbour, application=application, reason="申请人已于去年离职"
    )

    with pytest.raises(ValidationError) as refused:
        services.notice_close(actor=world.office, application=application, today=later(30))
    assert refused.value.code == "objection_open"
    assert fresh(application).status == ApplicationStatus.NOTICE

    services.objection_resolve(
        actor=world.office, objection=objection, uphold=False, resolution="经核实仍在职"
    )
    services.notice_close(actor=world.office, application=application, today=later(30))

    assert fresh(application).status == ApplicationStatus.APPROVED
    assert kinds(application)[-3:] == [
        EventKind.OBJECTION_LODGED,
        EventKind.OBJECTION_DISMISSED,
        EventKind.APPROVED,
    ]


def test_an_upheld_objection_rejects_the_application_and_releases_its_money(world, make_user):
    application = world.on_notice()
    objection = services.objection_lodge(
        actor=make_user("talent"), application=application, reason="证书系伪造"
    )
    assert figures(world).free == LINE - AMOUNT

    services.objection_resolve(
        actor=world.office, objection=objection, uphold=True, resolution="经核实证书系伪造"
    )

    application = fresh(application)
    assert application.status == ApplicationStatus.REJECTED
    assert figures(world) == Figures(LINE, 0, 0, LINE)
    assert kinds(application)[-2:] == [EventKind.OBJECTION_UPHELD, EventKind.REJECTED]
    assert application.events.last().reason == "经核实证书系伪造"
    with pytest.raises(ValidationError):
        services.notice_close(actor=world.office, application=application, today=later(30))


def test_a_second_objection_to_an_application_already_rejected_is_resolved_for_the_record(
    world, make_user
):
    application = world.on_notice()
    first, second = (
        services.objection_lodge(actor=make_user("talent"), application=application, reason=r)
        for r in ("证书系伪造", "并非本区人才")
    )
    services.objection_resolve(actor=world.office, objection=first, uphold=True, resolution="属实")

    services.objection_resolve(actor=world.office, objection=second, uphold=True, resolution="同上")

    assert fresh(application).status == ApplicationStatus.REJECTED
    assert kinds(application).count(EventKind.REJECTED) == 1
    assert figures(world) == Figures(LINE, 0, 0, LINE)


def test_an_objection_needs_a_notice_to_object_to_and_a_reason(world, make_user):
    neighbour = make_user("talent")
    application = world.at_stage(3)
    with pytest.raises(ValidationError, match="In review"):
        services.objection_lodge(actor=neighbour, application=application, reason="异议")

    world.decide(application, 3)
    with pytest.raises(ValidationError, match="Say what the objection is"):
        services.objection_lodge(actor=neighbour, application=application, reason=" ")
    assert not application.objections.exists()


def test_an_objection_is_resolved_once_with_a_resolution_by_the_office(world, make_user):
    objection = services.objection_lodge(
        actor=make_user("talent"), application=world.on_notice(), reason="异议"
    )

    with pytest.raises(PermissionDenied):
        services.objection_resolve(
            actor=world.reviewer, objection=objection, uphold=False, resolution="驳回"
        )
    with pytest.raises(ValidationError, match="Say how the objection was resolved"):
        services.objection_resolve(
            actor=world.office, objection=objection, uphold=False, resolution=""
        )
    services.objection_resolve(
        actor=world.office, objection=objection, uphold=False, resolution="驳回"
    )
    with pytest.raises(ValidationError, match="resolved already"):
        services.objection_resolve(
            actor=world.office, objection=objection, uphold=True, resolution="改判"
        )


def test_the_scheduled_task_closes_the_notices_that_have_run_without_open_objections(
    world, make_user
):
    quiet = world.on_notice()
    disputed_policy = three_stage_policy(department=world.stage(2).department)
    disputed = TalentFactory(user=make_user("talent"), employer=world.talent.employer)
    # The same deciders serve the second policy; only its applicant differs.
    other = services.application_create(
        actor=disputed.user, policy=disputed_policy, applicant=disputed, today=TODAY
    )
    services.application_submit(actor=disputed.user, application=other, today=TODAY)
    for actor in (world.hr, world.reviewer, world.office):
        services.application_decide(actor=actor, application=other, decision="approve", today=TODAY)
    services.objection_lodge(actor=world.talent_user, application=other, reason="异议")

    assert services.close_due_notices(today=later(5)) == 0
    assert services.close_due_notices(today=later(6)) == 1

    assert fresh(quiet).status == ApplicationStatus.APPROVED
    assert fresh(quiet).events.last().actor is None  # the platform closed it
    assert fresh(other).status == ApplicationStatus.NOTICE


# Payment --------------------------------------------------------------------------------------


def test_only_an_approved_application_is_paid_and_only_by_the_office(world):
    application = world.on_notice()
    with pytest.raises(ValidationError, match="On public notice"):
        services.application_pay(actor=world.office, application=application)

    services.notice_close(actor=world.office, application=application, today=later(6))
    with pytest.raises(PermissionDenied):
        services.application_pay(actor=world.reviewer, application=application)
    services.application_pay(actor=world.office, application=application)
    with pytest.raises(ValidationError, match="Paid"):
        services.application_pay(actor=world.office, application=application)
    assert figures(world).disbursed == AMOUNT


# Refusals at submission and creation ----------------------------------------------------------


def test_submitting_without_a_required_document_is_refused_naming_it(world):
    application = world.draft()

    with pytest.raises(ValidationError) as refused:
        services.application_submit(actor=world.talent_user, application=application, today=TODAY)

    assert refused.value.message_dict == {"attachments": ["Attach: 入选证书扫描件."]}
    assert fresh(application).status == ApplicationStatus.DRAFT
    assert kinds(application) == [EventKind.CREATED]


def test_an_attachment_for_another_policys_document_is_refused(world):
    application = world.draft()
    stranger = RequiredDocumentFactory()

    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            actor=world.talent_user,
            application=application,
            uploaded_file=scan(),
            document=stranger,
        )

    assert list(refused.value.message_dict) == ["document"]


def test_an_ineligible_applicant_cannot_start_an_application_and_is_told_each_failed_clause(
    make_user,
):
    user = make_user("talent")
    talent = TalentFactory(user=user, born=datetime.date(1970, 1, 1))
    policy = three_stage_policy(rule='age <= 45 and education = "doctorate"')

    with pytest.raises(ValidationError) as refused:
        services.application_create(actor=user, policy=policy, applicant=talent, today=TODAY)

    assert refused.value.code == "not_eligible"
    assert refused.value.messages == [
        "Not eligible: age is at most 45 years; education is Doctorate."
    ]
    assert not Application.objects.exists()


def test_an_applicant_of_another_kind_cannot_apply(world, make_user):
    enterprise = world.talent.employer

    with pytest.raises(ValidationError, match="This policy is for: Talent"):
        services.application_create(
            actor=world.hr, policy=world.policy, applicant=enterprise, today=TODAY
        )


@pytest.mark.parametrize("day", [datetime.date(2025, 12, 31), datetime.date(2027, 1, 1)])
def test_a_policy_outside_its_valid_period_takes_no_application(world, day):
    with pytest.raises(ValidationError) as refused:
        services.application_create(
            actor=world.talent_user, policy=world.policy, applicant=world.talent, today=day
        )

    assert refused.value.code == "policy_closed"
    assert refused.value.messages == [
        "This policy takes applications from 2026-01-01 to 2026-12-31."
    ]


def test_a_draft_cannot_be_submitted_once_the_policy_has_closed(world):
    application = world.draft()
    world.attach(application)

    with pytest.raises(ValidationError) as refused:
        services.application_submit(
            actor=world.talent_user, application=application, today=datetime.date(2027, 1, 1)
        )

    assert refused.value.code == "policy_closed"


def test_a_returned_application_may_be_resubmitted_after_the_policy_has_closed(world):
    application = world.at_stage(2)
    world.decide(application, 2, "return", reason="补充材料")

    services.application_submit(
        actor=world.talent_user, application=application, today=datetime.date(2027, 1, 5)
    )

    assert fresh(application).stage == world.stage(2)


def test_a_second_live_application_under_one_policy_is_refused(world):
    world.submitted()

    with pytest.raises(ValidationError) as refused:
        world.draft()

    assert refused.value.code == "already_applied"
    assert Application.objects.count() == 1


def test_the_database_also_refuses_a_second_live_application(world):
    first = world.draft()

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            policy=world.policy,
            applicant_kind=ApplicantKind.TALENT,
            talent=world.talent,
            created_by=world.talent_user,
        )
    assert Application.objects.get() == first


def test_after_a_rejection_the_applicant_may_apply_again(world):
    rejected = world.at_stage(1)
    world.decide(rejected, 1, "reject", reason="未在本企业任职")

    again = world.submitted()

    assert again.pk != rejected.pk
    assert fresh(again).status == ApplicationStatus.IN_REVIEW


def test_nobody_applies_in_the_name_of_a_talent_they_do_not_act_for(world, make_user):
    with pytest.raises(PermissionDenied):
        services.application_create(
            actor=make_user("talent"), policy=world.policy, applicant=world.talent, today=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.application_create(
            actor=world.hr, policy=world.policy, applicant=world.talent, today=TODAY
        )


def test_the_amount_is_worked_out_on_submission_from_the_declared_count(make_user):
    agency = AgencyFactory()
    staff = make_user("agency_staff", agency=agency)
    policy = PolicyFactory(
        applicant_kind=ApplicantKind.AGENCY,
        formula=FormulaKind.PER_UNIT,
        amount_fen=2_000 * YUAN,
        unit_label="workers recruited",
    )
    ReviewStageFactory(policy=policy, position=1)

    application = services.application_create(
        actor=staff, policy=policy, applicant=agency, today=TODAY
    )
    with pytest.raises(ValidationError) as refused:
        services.application_submit(actor=staff, application=application, today=TODAY)
    assert list(refused.value.message_dict) == ["unit_count"]

    services.application_update(actor=staff, application=application, data={"unit_count": 12})
    services.application_submit(actor=staff, application=application, today=TODAY)

    assert fresh(application).amount_fen == 24_000 * YUAN


def test_a_float_for_a_declared_count_or_figure_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        world.draft(declared_fen=1234.5)

    assert list(refused.value.message_dict) == ["declared_fen"]


# Who decides ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "who"),
    [
        (1, "the talent"),
        (1, "a reviewer"),
        (1, "the office"),
        (1, "another enterprise's HR"),
        (2, "the employer's HR"),
        (2, "another department's reviewer"),
        (2, "the office"),
        (3, "a reviewer"),
        (3, "the employer's HR"),
    ],
)
def test_only_the_stages_role_in_its_scope_decides(world, make_user, position, who):
    actors = {
        "the talent": world.talent_user,
        "a reviewer": world.reviewer,
        "the office": world.office,
        "the employer's HR": world.hr,
        "another enterprise's HR": make_user("enterprise_hr", enterprise=EnterpriseFactory()),
        "another department's reviewer": make_user("reviewer", department=DepartmentFactory()),
    }
    application = world.at_stage(position)
    events_before = application.events.count()

    with pytest.raises(PermissionDenied):
        services.application_decide(
            actor=actors[who], application=application, decision="approve", today=TODAY
        )

    assert fresh(application).stage == world.stage(position)
    assert application.events.count() == events_before


def test_nobody_decides_their_own_application_whatever_roles_they_hold(make_user):
    office_talent = make_user("office_admin", "talent")
    talent = TalentFactory(user=office_talent)
    policy = PolicyFactory()
    ReviewStageFactory(policy=policy, position=1, role=StageRole.OFFICE_ADMIN)
    application = services.application_create(
        actor=office_talent, policy=policy, applicant=talent, today=TODAY
    )
    services.application_submit(actor=office_talent, application=application, today=TODAY)

    with pytest.raises(PermissionDenied):
        services.application_decide(
            actor=office_talent, application=application, decision="approve", today=TODAY
        )
    assert not queries.review_queue(office_talent).exists()
    assert list(queries.review_queue(make_user("office_admin"))) == [application]


@pytest.mark.parametrize("state", ["draft", "notice"])
def test_an_application_not_in_review_cannot_be_decided(world, state):
    application = world.draft() if state == "draft" else world.on_notice()

    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            actor=world.office, application=application, decision="approve", today=TODAY
        )

    assert refused.value.code == "wrong_status"


def test_a_decision_for_a_stage_the_application_has_left_is_refused(world):
    application = world.at_stage(1)
    seen = application.stage
    world.decide(application, 1)

    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            actor=world.reviewer, application=application, decision="approve", stage=seen
        )

    assert refused.value.code == "stage_moved_on"
    assert fresh(application).stage == world.stage(2)


# Budget ---------------------------------------------------------------------------------------


def test_an_approval_the_budget_line_cannot_afford_is_refused_and_writes_nothing(world):
    BudgetLine.objects.filter(pk=world.line.pk).update(amount=AMOUNT - 1)
    application = world.at_stage(3)
    events = application.events.count()
    audits = AuditRecord.objects.count()
    notices = Notification.objects.count()

    with pytest.raises(InsufficientBudget):
        world.decide(application, 3)

    application = fresh(application)
    assert (application.status, application.stage) == (ApplicationStatus.IN_REVIEW, world.stage(3))
    assert application.reservation is None
    assert application.events.count() == events
    assert not LedgerEntry.objects.exists()
    assert AuditRecord.objects.count() == audits
    assert Notification.objects.count() == notices


# The record: timeline, audit trail, notifications ---------------------------------------------


def test_the_timeline_lists_every_step_in_order_with_who_and_why(world, make_user):
    application = world.at_stage(2)
    world.decide(application, 2, "return", reason="请补充劳动合同")
    services.application_submit(actor=world.talent_user, application=application, today=TODAY)
    world.decide(application, 2)
    world.decide(application, 3)
    objector = make_user("talent")
    objection = services.objection_lodge(actor=objector, application=application, reason="异议")
    services.objection_resolve(
        actor=world.office, objection=objection, uphold=False, resolution="不成立"
    )
    services.notice_close(actor=world.office, application=application, today=later(6))
    services.application_pay(actor=world.office, application=application, memo="已拨付")

    timeline = [
        (event.kind, event.actor, event.stage.position if event.stage else None, event.reason)
        for event in ApplicationEvent.objects.filter(application=application)
    ]
    assert timeline == [
        (EventKind.CREATED, world.talent_user, None, ""),
        (EventKind.SUBMITTED, world.talent_user, None, ""),
        (EventKind.APPROVED_STAGE, world.hr, 1, ""),
        (EventKind.RETURNED, world.reviewer, 2, "请补充劳动合同"),
        (EventKind.RESUBMITTED, world.talent_user, None, ""),
        (EventKind.APPROVED_STAGE, world.reviewer, 2, ""),
        (EventKind.APPROVED_STAGE, world.office, 3, ""),
        (EventKind.NOTICE_STARTED, world.office, None, ""),
        (EventKind.OBJECTION_LODGED, objector, None, "异议"),
        (EventKind.OBJECTION_DISMISSED, world.office, None, "不成立"),
        (EventKind.APPROVED, world.office, None, ""),
        (EventKind.PAID, world.office, None, "已拨付"),
    ]


def test_every_transition_is_recorded_in_the_audit_trail(world):
    application = world.draft()
    world.attach(application)
    services.application_submit(actor=world.talent_user, application=application, today=TODAY)
    for position in (1, 2, 3):
        world.decide(application, position)
    services.notice_close(actor=world.office, application=application, today=later(6))
    services.application_pay(actor=world.office, application=application)

    records = AuditRecord.objects.filter(
        target_type="policies.application", target_id=str(application.pk)
    ).order_by("seq")
    assert [(r.action, r.actor, r.detail.get("status")) for r in records] == [
        ("create", world.talent_user, None),
        ("update", world.talent_user, ApplicationStatus.IN_REVIEW),
        ("update", world.hr, ApplicationStatus.IN_REVIEW),
        ("update", world.reviewer, ApplicationStatus.IN_REVIEW),
        ("update", world.office, ApplicationStatus.NOTICE),
        ("update", world.office, None),
        ("update", world.office, None),
    ]
    assert [r.changes for r in records][1:] == [["status"]] * 6


@pytest.mark.parametrize(
    ("path", "last"),
    [("reject", "rejected"), ("return", "returned"), ("uphold", "rejected")],
)
def test_refusals_are_recorded_in_the_audit_trail(world, make_user, path, last):
    if path == "uphold":
        application = world.on_notice()
        objection = services.objection_lodge(
            actor=make_user("talent"), application=application, reason="异议"
        )
        services.objection_resolve(
            actor=world.office, objection=objection, uphold=True, resolution="属实"
        )
    else:
        application = world.at_stage(2)
        world.decide(application, 2, path, reason="理由")

    record = AuditRecord.objects.filter(
        target_type="policies.application", target_id=str(application.pk)
    ).order_by("-seq")[0]
    assert record.detail["status"] == last


def test_the_applicant_is_notified_of_notice_approval_and_payment(world):
    application = world.approved()
    services.application_pay(actor=world.office, application=application)

    number = application.number
    assert list(
        world.talent_user.notifications.order_by("id").values_list("title", "body", "url")
    ) == [
        (
            f"Your application is on public notice · {number}",
            "The notice runs until 2026-06-06.",
            f"/policies/applications/{application.pk}/",
        ),
        (
            f"Your application was approved · {number}",
            "¥50,000.00 will be paid.",
            f"/policies/applications/{application.pk}/",
        ),
        (
            f"Your grant has been paid · {number}",
            "¥50,000.00 was paid.",
            f"/policies/applications/{application.pk}/",
        ),
    ]


@pytest.mark.parametrize(
    ("decision", "title"),
    [
        ("return", "Your application was returned for changes"),
        ("reject", "Your application was rejected"),
    ],
)
def test_the_applicant_is_notified_of_a_return_or_rejection_with_the_reason(world, decision, title):
    application = world.at_stage(2)

    world.decide(application, 2, decision, reason="劳动合同已过期")

    notification = world.talent_user.notifications.get()
    assert notification.title == f"{title} · {application.number}"
    assert notification.body == "劳动合同已过期"
    assert not world.hr.notifications.exists()  # the applicant is told, not the deciders


# Overdue reviews ------------------------------------------------------------------------------


def test_a_review_is_overdue_the_day_after_its_deadline(world):
    application = world.submitted()  # stage 1, ten days
    assert fresh(application).stage_due_on == later(10)

    assert not queries.overdue_reviews(today=later(10)).exists()
    assert list(queries.overdue_reviews(today=later(11))) == [application]


def test_only_applications_waiting_at_a_stage_are_overdue(world, make_user):
    on_notice = world.on_notice()
    draft = services.application_create(
        actor=world.talent_user,
        policy=three_stage_policy(),
        applicant=world.talent,
        today=TODAY,
    )

    overdue = queries.overdue_reviews(today=later(365))

    assert on_notice not in overdue
    assert draft not in overdue


def test_the_most_overdue_review_comes_first(world, make_user):
    late = world.submitted()
    other_talent = TalentFactory(user=make_user("talent"), employer=world.talent.employer)
    later_policy = three_stage_policy(department=world.stage(2).department)
    later_one = services.application_create(
        actor=other_talent.user, policy=later_policy, applicant=other_talent, today=TODAY
    )
    services.application_submit(actor=other_talent.user, application=later_one, today=later(3))

    assert list(queries.overdue_reviews(today=later(30))) == [late, later_one]


# Other applicants: an enterprise, an agency, a venture ----------------------------------------


def walk_to_paid(application, actor, deciders, office):
    services.application_submit(actor=actor, application=application, today=TODAY)
    for decider in deciders:
        services.application_decide(
            actor=decider, application=application, decision="approve", today=TODAY
        )
    services.notice_close(actor=office, application=application, today=later(6))
    services.application_pay(actor=office, application=application)
    return fresh(application)


def test_an_enterprises_hr_applies_for_the_enterprise_and_hears_the_outcome(make_user):
    enterprise = EnterpriseFactory(high_tech=True)
    hr = make_user("enterprise_hr", enterprise=enterprise)
    department = DepartmentFactory()
    reviewer = make_user("reviewer", department=department)
    office = make_user("office_admin")
    policy = PolicyFactory(applicant_kind=ApplicantKind.ENTERPRISE, rule="high_tech = true")
    ReviewStageFactory(policy=policy, position=1, role=StageRole.REVIEWER, department=department)
    ReviewStageFactory(policy=policy, position=2, role=StageRole.OFFICE_ADMIN)

    application = services.application_create(
        actor=hr, policy=policy, applicant=enterprise, today=TODAY
    )
    paid = walk_to_paid(application, hr, [reviewer, office], office)

    assert (paid.status, paid.applicant) == (ApplicationStatus.PAID, enterprise)
    assert hr.notifications.count() == 3
    assert make_user("enterprise_hr", enterprise=EnterpriseFactory()).notifications.count() == 0


def test_an_agencys_staff_apply_for_the_agency_with_a_count(make_user):
    agency = AgencyFactory(moved_in_on=datetime.date(2023, 3, 1))
    staff = make_user("agency_staff", agency=agency)
    office = make_user("office_admin")
    policy = PolicyFactory(
        applicant_kind=ApplicantKind.AGENCY,
        rule="years_in_park >= 1",
        formula=FormulaKind.PER_UNIT,
        amount_fen=1_000 * YUAN,
        unit_label="workers recruited",
        cap_fen=30_000 * YUAN,
    )
    ReviewStageFactory(policy=policy, position=1, role=StageRole.OFFICE_ADMIN)

    application = services.application_create(
        actor=staff, policy=policy, applicant=agency, data={"unit_count": 45}, today=TODAY
    )
    paid = walk_to_paid(application, staff, [office], office)

    assert (paid.status, paid.amount_fen) == (ApplicationStatus.PAID, 30_000 * YUAN)
    assert ledger.line_figures(policy.budget_line).disbursed == 30_000 * YUAN
    assert staff.notifications.count() == 3


def test_a_ventures_founder_applies_for_the_venture(make_user):
    founder_user = make_user("talent")
    venture = VentureFactory(joined_on=datetime.date(2024, 9, 1))
    FounderFactory(venture=venture, talent=TalentFactory(user=founder_user))
    office = make_user("office_admin")
    policy = PolicyFactory(applicant_kind=ApplicantKind.VENTURE, rule="years_in_park >= 1")
    ReviewStageFactory(policy=policy, position=1, role=StageRole.OFFICE_ADMIN)

    with pytest.raises(PermissionDenied):  # someone who did not found it
        services.application_create(
            actor=make_user("talent"), policy=policy, applicant=venture, today=TODAY
        )
    application = services.application_create(
        actor=founder_user, policy=policy, applicant=venture, today=TODAY
    )
    paid = walk_to_paid(application, founder_user, [office], office)

    assert (paid.status, paid.applicant) == (ApplicationStatus.PAID, venture)
    assert founder_user.notifications.count() == 3
