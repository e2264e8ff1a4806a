"""In-kind policies: a place or a service (a flat, a school place), not money.

An in-kind policy has no formula and no budget line. Its applications go through the same
stages and public notice as a money policy's, but nothing is reserved or paid: closing the
notice approves the application and calls the handlers registered in `policies.outcomes`
(inside the approving transaction, exactly once), and paying is refused. Everywhere money is
shown, an in-kind policy says so instead, and it never appears among payments.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.core.models import Notification
from talentzone.directory.tests.factories import DepartmentFactory, TalentFactory
from talentzone.policies import exports, outcomes, services
from talentzone.policies.choices import (
    ApplicationStatus,
    Benefit,
    EventKind,
    FormulaKind,
    StageRole,
)
from talentzone.policies.formulas import describe_formula
from talentzone.policies.models import Application, LedgerEntry, Policy
from talentzone.policies.tests.factories import (
    BudgetLineFactory,
    PolicyFactory,
    RequiredDocumentFactory,
    ReviewStageFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
API = "/api/v1/policies"
IN_KIND_WORDS = "In kind: a place or a service, no money"


@pytest.fixture(autouse=True)
def english_and_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def later(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


class Calls:
    """A registered outcome handler that records what it was called with (and may fail)."""

    def __init__(self):
        self.applications = []
        self.in_transaction = []
        self.fail = False

    def __call__(self, application) -> None:
        self.applications.append(application.pk)
        self.in_transaction.append(transaction.get_connection().in_atomic_block)
        # What the handler sees is already approved.
        assert application.status == ApplicationStatus.APPROVED
        if self.fail:
            raise ValidationError("No flat can be found.", code="no_flat")


@pytest.fixture
def handler():
    calls = Calls()
    outcomes.register(calls)
    yield calls
    outcomes.unregister(calls)


def in_kind_policy(**fields) -> Policy:
    """An in-kind talent policy open today, with no formula and no budget line, decided by a
    department's reviewers and then the office, needing one document."""
    values = {
        "benefit": Benefit.IN_KIND,
        "formula": "",
        "amount_fen": None,
        "budget_line": None,
        "valid_from": TODAY - datetime.timedelta(days=30),
        "valid_until": TODAY + datetime.timedelta(days=300),
        "title": "人才公寓配租",
        **fields,
    }
    policy = PolicyFactory(**values)
    ReviewStageFactory(
        policy=policy,
        position=1,
        name="住建局复审",
        role=StageRole.REVIEWER,
        department=DepartmentFactory(),
    )
    ReviewStageFactory(policy=policy, position=2, name="人才办审批", role=StageRole.OFFICE_ADMIN)
    RequiredDocumentFactory(policy=policy, name="户口簿")
    return policy


class World:
    def __init__(self, make_user, policy: Policy):
        self.policy = policy
        self.talent_user = make_user("talent")
        self.talent = TalentFactory(user=self.talent_user)
        self.reviewer = make_user("reviewer", department=policy.stages.get(position=1).department)
        self.office = make_user("office_admin")

    def submitted(self, talent=None, user=None) -> Application:
        user = user or self.talent_user
        application = services.application_create(
            actor=user, policy=self.policy, applicant=talent or self.talent, today=TODAY
        )
        services.attachment_add(
            actor=user,
            application=application,
            uploaded_file=SimpleUploadedFile("户口簿.pdf", b"%PDF-1.4", "application/pdf"),
            document=self.policy.documents.get(),
        )
        return services.application_submit(actor=user, application=application, today=TODAY)

    def on_notice(self, **kwargs) -> Application:
        return self.decided(self.submitted(**kwargs))

    def decided(self, application: Application) -> Application:
        for actor in (self.reviewer, self.office):
            application = services.application_decide(
                actor=actor, application=application, decision="approve", today=TODAY
            )
        return application

    def approved(self, **kwargs) -> Application:
        application = self.on_notice(**kwargs)
        return services.notice_close(
            actor=self.office, application=application, today=later(self.policy.notice_days + 1)
        )


@pytest.fixture
def world(make_user) -> World:
    return World(make_user, in_kind_policy())


def fresh(application: Application) -> Application:
    return Application.objects.get(pk=application.pk)


# The engine ----------------------------------------------------------------------------------


def test_an_in_kind_application_goes_through_its_stages_and_notice_without_the_ledger(
    world, handler
):
    application = world.submitted()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.amount_fen is None

    application = world.decided(application)
    assert application.status == ApplicationStatus.NOTICE
    assert application.notice_ends_on == later(world.policy.notice_days)
    assert application.reservation is None
    assert handler.applications == []  # not yet: the notice runs

    application = services.notice_close(
        actor=world.office, application=application, today=later(world.policy.notice_days + 1)
    )
    application = fresh(application)
    assert application.status == ApplicationStatus.APPROVED
    assert application.reservation is None and application.amount_fen is None
    assert application.decided_at is not None
    assert list(application.events.values_list("kind", flat=True))[-2:] == [
        EventKind.NOTICE_STARTED,
        EventKind.APPROVED,
    ]
    assert not LedgerEntry.objects.exists()


def test_the_notice_keeps_its_days_and_cannot_close_early(world):
    application = world.on_notice()
    with pytest.raises(ValidationError) as refused:
        services.notice_close(
            actor=world.office, application=application, today=application.notice_ends_on
        )
    assert refused.value.code == "notice_running"


def test_approval_calls_a_registered_handler_once_inside_the_approving_transaction(world, handler):
    application = world.approved()
    assert handler.applications == [application.pk]
    assert handler.in_transaction == [True]


def test_a_handler_that_fails_undoes_the_approval(world, handler):
    application = world.on_notice()
    handler.fail = True
    with pytest.raises(ValidationError):
        services.notice_close(
            actor=world.office, application=application, today=later(world.policy.notice_days + 1)
        )
    application = fresh(application)
    assert application.status == ApplicationStatus.NOTICE
    assert not application.events.filter(kind=EventKind.APPROVED).exists()


def test_the_scheduled_close_calls_the_handler_once_per_application(world, handler, make_user):
    first = world.on_notice()
    other_user = make_user("talent")
    second = world.on_notice(talent=TalentFactory(user=other_user), user=other_user)

    day = later(world.policy.notice_days + 1)
    assert services.close_due_notices(today=day) == 2
    assert services.close_due_notices(today=day) == 0  # twice: nothing more

    assert sorted(handler.applications) == sorted([first.pk, second.pk])
    assert {fresh(first).status, fresh(second).status} == {ApplicationStatus.APPROVED}


def test_a_money_application_calls_no_handler(make_user, handler):
    money = PolicyFactory(
        valid_from=TODAY - datetime.timedelta(days=30),
        valid_until=TODAY + datetime.timedelta(days=300),
    )
    ReviewStageFactory(policy=money, position=1, role=StageRole.OFFICE_ADMIN)
    office = make_user("office_admin")
    talent_user = make_user("talent")
    application = services.application_create(
        actor=talent_user, policy=money, applicant=TalentFactory(user=talent_user)
    )
    services.application_submit(actor=talent_user, application=application)
    services.application_decide(actor=office, application=application, decision="approve")
    services.notice_close(actor=office, application=application, today=later(6))
    assert fresh(application).status == ApplicationStatus.APPROVED
    assert fresh(application).reservation is not None
    assert handler.applications == []


def test_registering_a_handler_twice_calls_it_once(world, handler):
    outcomes.register(handler)
    world.approved()
    assert len(handler.applications) == 1


def test_the_approval_message_speaks_of_no_money(world):
    application = world.approved()
    notice = Notification.objects.filter(
        recipient=world.talent_user, title__startswith="Your application was approved"
    ).get()
    assert "¥" not in notice.body
    assert "paid" not in notice.body
    assert notice.url == reverse("policies:application-detail", args=[application.pk])


def test_paying_an_in_kind_application_is_refused(world):
    application = world.approved()
    with pytest.raises(ValidationError) as refused:
        services.application_pay(actor=world.office, application=application)
    assert refused.value.code == "in_kind"
    assert fresh(application).status == ApplicationStatus.APPROVED
    assert not LedgerEntry.objects.exists()


def test_an_objection_upheld_rejects_an_in_kind_application_without_the_ledger(world, handler):
    application = world.on_notice()
    objection = services.objection_lodge(
        actor=world.office, application=application, reason="家庭在区内已有住房。"
    )
    services.objection_resolve(
        actor=world.office, objection=objection, uphold=True, resolution="经核实，情况属实。"
    )
    assert fresh(application).status == ApplicationStatus.REJECTED
    assert not LedgerEntry.objects.exists()
    assert handler.applications == []


# The policy ----------------------------------------------------------------------------------


def test_an_in_kind_policy_needs_no_formula_nor_budget_line():
    policy = in_kind_policy()
    policy.full_clean()
    assert policy.budget_line is None and policy.formula == ""


def test_a_money_policy_without_a_formula_or_a_budget_line_is_refused():
    policy = PolicyFactory.build(formula="", budget_line=None)
    with pytest.raises(ValidationError) as refused:
        policy.full_clean()
    assert set(refused.value.message_dict) >= {"formula", "budget_line"}
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyFactory(budget_line=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyFactory(formula="")


def test_the_formula_in_words_says_in_kind():
    assert describe_formula(in_kind_policy()) == IN_KIND_WORDS
    assert describe_formula(PolicyFactory(amount_fen=500_000)) == "¥5,000.00"


def policy_form_data(**fields) -> dict:
    data = {
        "code": "talent-flat",
        "title": "人才公寓配租",
        "title_en": "Talent apartments",
        "applicant_kind": "talent",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "legal_basis": "《开发区人才安居办法》第七条",
        "summary": "",
        "rule": "",
        "benefit": Benefit.IN_KIND,
        "formula": "",
        "amount_yuan": "",
        "unit_label": "",
        "rate_percent": "",
        "declared_label": "",
        "cap_yuan": "",
        "budget_line": "",
        "notice_days": 5,
        "stages-TOTAL_FORMS": 1,
        "stages-INITIAL_FORMS": 0,
        "stages-MIN_NUM_FORMS": 0,
        "stages-MAX_NUM_FORMS": 1000,
        "stages-0-position": 1,
        "stages-0-name": "人才办初审",
        "stages-0-role": StageRole.OFFICE_ADMIN,
        "stages-0-deadline_days": 10,
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
        "documents-MIN_NUM_FORMS": 0,
        "documents-MAX_NUM_FORMS": 1000,
    }
    data.update(fields)
    return data


def test_the_editor_saves_an_in_kind_policy_without_a_formula_or_a_budget_line(client, make_user):
    client.force_login(make_user("office_admin"))
    response = client.post(reverse("policies:policy-new"), policy_form_data(), **ENGLISH)
    assert response.status_code == 302, response.content.decode()
    policy = Policy.objects.get(code="talent-flat")
    assert policy.benefit == Benefit.IN_KIND
    assert (policy.formula, policy.budget_line, policy.amount_fen) == ("", None, None)


def test_the_editor_keeps_nothing_of_a_formula_for_an_in_kind_policy(client, make_user):
    client.force_login(make_user("office_admin"))
    line = BudgetLineFactory()
    data = policy_form_data(
        formula=FormulaKind.FIXED, amount_yuan="5000", cap_yuan="9000", budget_line=line.pk
    )
    assert client.post(reverse("policies:policy-new"), data).status_code == 302
    policy = Policy.objects.get(code="talent-flat")
    assert (policy.formula, policy.budget_line, policy.amount_fen, policy.cap_fen) == (
        "",
        None,
        None,
        None,
    )


def test_the_editor_still_requires_a_formula_and_a_budget_line_for_money(client, make_user):
    client.force_login(make_user("office_admin"))
    data = policy_form_data(benefit=Benefit.MONEY)
    response = client.post(reverse("policies:policy-new"), data, **ENGLISH)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["formula"] == ["This field is required."]
    assert form.errors["budget_line"] == ["This field is required."]
    assert not Policy.objects.filter(code="talent-flat").exists()


def test_the_editor_shows_the_benefit_and_the_policy_list_says_in_kind(client, make_user):
    client.force_login(make_user("office_admin"))
    policy = in_kind_policy()
    page = client.get(reverse("policies:policy-edit", args=[policy.pk]), **ENGLISH)
    assert 'name="benefit"' in page.content.decode()
    listing = client.get(reverse("policies:policy-manage"), **ENGLISH).content.decode()
    assert IN_KIND_WORDS in listing


# Pages, payments, exports, API ---------------------------------------------------------------


def test_the_application_page_says_in_kind_and_offers_no_payment(client, world):
    application = world.approved()
    client.force_login(world.office)
    page = client.get(reverse("policies:application-detail", args=[application.pk]), **ENGLISH)
    text = page.content.decode()
    assert page.status_code == 200
    assert "In kind" in text
    assert 'data-testid="pay-button"' not in text
    detail = client.get(reverse("policies:policy-detail", args=[world.policy.pk]), **ENGLISH)
    assert IN_KIND_WORDS in detail.content.decode()


def test_the_talent_sees_in_kind_on_a_draft(client, world):
    application = services.application_create(
        actor=world.talent_user, policy=world.policy, applicant=world.talent
    )
    client.force_login(world.talent_user)
    page = client.get(reverse("policies:application-detail", args=[application.pk]), **ENGLISH)
    assert page.status_code == 200
    assert "In kind" in page.content.decode()


def test_in_kind_applications_never_wait_for_payment(client, world):
    application = world.approved()
    client.force_login(world.office)
    page = client.get(reverse("policies:payment-list"), **ENGLISH).content.decode()
    assert application.number not in page
    rows = Application.objects.filter(status=ApplicationStatus.APPROVED)
    export = exports.payment_export(actor=world.office, rows=rows)
    try:
        assert export.rows == 0
    finally:
        export.file.close()


def test_the_api_shows_the_benefit_and_refuses_to_pay(world):
    application = world.approved()
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(world.office)
    shown = api.get(f"{API}/applications/{application.pk}/").json()
    assert (shown["benefit"], shown["amount_fen"]) == (Benefit.IN_KIND, None)
    policy = api.get(f"{API}/policies/{world.policy.pk}/").json()
    assert (policy["benefit"], policy["formula_words"]) == (Benefit.IN_KIND, IN_KIND_WORDS)
    refused = api.post(f"{API}/applications/{application.pk}/pay/")
    assert refused.status_code == 400
    assert fresh(application).status == ApplicationStatus.APPROVED


def test_the_api_creates_an_in_kind_policy_without_a_formula(world):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(world.office)
    body = {
        "code": "school-place",
        "title": "人才子女入学入园",
        "legal_basis": "《开发区人才子女入学办法》",
        "applicant_kind": "talent",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "benefit": Benefit.IN_KIND,
        "stages": [{"position": 1, "name": "教育局审核", "role": StageRole.OFFICE_ADMIN}],
    }
    response = api.post(f"{API}/policies/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["budget_line"] is None
    money = api.post(
        f"{API}/policies/", {**body, "code": "cash", "benefit": "money"}, format="json"
    )
    assert money.status_code == 400
    assert set(money.json()) >= {"formula", "budget_line"}


def test_the_awaiting_payment_count_leaves_in_kind_out(world):
    from talentzone.policies.navigation import awaiting_payment

    world.approved()
    assert awaiting_payment(world.office) == 0
