"""The talent office's pages: policies (with stages, documents and the live rule check), budget
lines, offers made without application, payments, and the policies' menu and home cards.

Pages read for the roles that may read them (403 for the others) and write through the
services. Text assertions ask for English explicitly, whatever the Chinese catalogue says.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from talentzone.core.audit import AuditAction
from talentzone.core.choices import Role
from talentzone.core.menu import menu_for
from talentzone.core.models import AuditRecord
from talentzone.directory.tests.factories import (
    DepartmentFactory,
    EnterpriseFactory,
    TalentFactory,
    UserFactory,
)
from talentzone.policies import ledger, services
from talentzone.policies.choices import (
    ApplicationStatus,
    FormulaKind,
    OfferStatus,
    StageRole,
)
from talentzone.policies.models import Offer, Policy
from talentzone.policies.policy_forms import (
    PolicyForm,
    basis_points_from_percent,
    percent_text,
    yuan_text,
)

from .factories import (
    BudgetLineFactory,
    PolicyFactory,
    RequiredDocumentFactory,
    ReviewStageFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = timezone.localdate()


def open_policy(**fields) -> Policy:
    """A policy open today (whatever day the tests run), decided by the office in one stage."""
    defaults = {
        "valid_from": TODAY - datetime.timedelta(days=30),
        "valid_until": TODAY + datetime.timedelta(days=300),
    }
    policy = PolicyFactory(**{**defaults, **fields})
    ReviewStageFactory(policy=policy, position=1, role=StageRole.OFFICE_ADMIN)
    return policy


def approved_application(office, talent_user=None, policy=None):
    """A talent's application walked through review and public notice to approved."""
    policy = policy or open_policy()
    talent_user = talent_user or _talent_user()
    talent = talent_user.talent
    application = services.application_create(actor=talent_user, policy=policy, applicant=talent)
    services.application_submit(actor=talent_user, application=application)
    services.application_decide(actor=office, application=application, decision="approve")
    services.notice_close(
        actor=office,
        application=application,
        today=TODAY + datetime.timedelta(days=policy.notice_days + 1),
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    return application


def _talent_user():
    user = UserFactory(roles=[Role.TALENT])
    TalentFactory(user=user)
    return user


@pytest.fixture
def office(make_user):
    return make_user(Role.OFFICE_ADMIN)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


# Who may read what ---------------------------------------------------------------------------


def page_urls(policy: Policy) -> dict[str, str]:
    return {
        "policy-manage": reverse("policies:policy-manage"),
        "policy-new": reverse("policies:policy-new"),
        "policy-edit": reverse("policies:policy-edit", args=[policy.pk]),
        "rule-check": reverse("policies:rule-check") + "?rule=age+%3C%3D+45&applicant_kind=talent",
        "budget-list": reverse("policies:budget-list"),
        "office-offers": reverse("policies:office-offers"),
        "payment-list": reverse("policies:payment-list"),
        "payment-export": reverse("policies:payment-export"),
    }


READERS = {
    "policy-manage": {Role.OFFICE_ADMIN, Role.LEADER, Role.REVIEWER},
    "policy-new": {Role.OFFICE_ADMIN},
    "policy-edit": {Role.OFFICE_ADMIN},
    "rule-check": {Role.OFFICE_ADMIN},
    "budget-list": {Role.OFFICE_ADMIN, Role.LEADER},
    "office-offers": {Role.OFFICE_ADMIN},
    "payment-list": {Role.OFFICE_ADMIN},
    "payment-export": {Role.OFFICE_ADMIN},
}


@pytest.mark.parametrize("role", Role.values)
def test_each_office_page_answers_200_to_its_readers_and_403_to_the_other_roles(
    client, make_user, role
):
    policy = PolicyFactory()
    client.force_login(make_user(role))
    for name, url in page_urls(policy).items():
        expected = 200 if role in READERS[name] else 403
        assert client.get(url).status_code == expected, (name, role)


def test_a_visitor_is_sent_to_sign_in(client):
    for url in page_urls(PolicyFactory()).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_only_the_office_may_scan_for_offers(client, make_user):
    client.force_login(make_user(Role.LEADER))
    assert client.post(reverse("policies:offer-scan")).status_code == 403
    assert client.get(reverse("policies:offer-scan")).status_code in (403, 405)


def test_only_the_office_may_save_a_policy(client, make_user):
    policy = PolicyFactory()
    client.force_login(make_user(Role.LEADER))
    assert client.post(reverse("policies:policy-new"), {}).status_code == 403
    assert client.post(reverse("policies:policy-edit", args=[policy.pk]), {}).status_code == 403


# The list of policies ------------------------------------------------------------------------


def test_the_policy_list_shows_period_formula_budget_line_and_counts(office_client, office):
    policy = open_policy(cap_fen=None, amount_fen=3_000_000)
    closed = PolicyFactory(
        valid_from=TODAY.replace(year=TODAY.year - 2),
        valid_until=TODAY.replace(year=TODAY.year - 1),
    )
    upcoming = PolicyFactory(
        valid_from=TODAY + datetime.timedelta(days=10),
        valid_until=TODAY + datetime.timedelta(days=100),
    )
    approved_application(office, policy=policy)
    Offer.objects.create(policy=policy, applicant_kind="talent", talent=TalentFactory())
    page = office_client.get(reverse("policies:policy-manage"), **ENGLISH).content.decode()
    assert policy.code in page and closed.code in page and upcoming.code in page
    assert "¥30,000.00" in page
    assert str(policy.budget_line) in page
    assert page.count(">Open<") == 1 and ">Closed<" in page and ">Upcoming<" in page
    assert 'data-status="approved">Approved 1<' in page
    assert 'data-testid="offer-count">1<' in page
    assert reverse("policies:policy-edit", args=[policy.pk]) in page


def test_a_leader_reads_the_policies_without_new_or_edit_buttons(client, make_user):
    policy = PolicyFactory()
    client.force_login(make_user(Role.LEADER))
    page = client.get(reverse("policies:policy-manage")).content.decode()
    assert policy.code in page
    assert reverse("policies:policy-new") not in page
    assert reverse("policies:policy-edit", args=[policy.pk]) not in page


# The policy form -----------------------------------------------------------------------------


def formset_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def policy_data(line, stages=None, documents=None, stages_initial=0, docs_initial=0, **fields):
    department = DepartmentFactory()
    data = {
        "code": "housing-subsidy",
        "title": "人才安居补贴",
        "title_en": "Housing subsidy",
        "applicant_kind": "talent",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "legal_basis": "《开发区人才安居办法》第五条",
        "summary": "",
        "rule": "age <= 45",
        "formula": FormulaKind.FIXED,
        "amount_yuan": "50,000.00",
        "unit_label": "",
        "rate_percent": "",
        "declared_label": "",
        "cap_yuan": "",
        "budget_line": line.pk,
        "notice_days": 5,
        **fields,
    }
    if stages is None:
        stages = [
            {
                "position": 1,
                "name": "部门审核",
                "role": StageRole.REVIEWER,
                "department": department.pk,
                "deadline_days": 10,
            },
            {
                "position": 2,
                "name": "人才办审批",
                "role": StageRole.OFFICE_ADMIN,
                "deadline_days": 5,
            },
        ]
    if documents is None:
        documents = [{"position": 1, "name": "购房合同", "description": "首页与签字页"}]
    data.update(formset_data("stages", stages, stages_initial))
    data.update(formset_data("documents", documents, docs_initial))
    return data


def test_the_form_saves_a_policy_with_its_stages_and_documents(office_client):
    line = BudgetLineFactory()
    response = office_client.post(reverse("policies:policy-new"), policy_data(line), **ENGLISH)
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == reverse("policies:policy-manage")
    policy = Policy.objects.get(code="housing-subsidy")
    assert policy.amount_fen == 5_000_000
    assert policy.rule == "age <= 45"
    assert list(policy.stages.values_list("position", "name", "role")) == [
        (1, "部门审核", StageRole.REVIEWER),
        (2, "人才办审批", StageRole.OFFICE_ADMIN),
    ]
    assert policy.stages.get(position=1).department is not None
    assert list(policy.documents.values_list("name", flat=True)) == ["购房合同"]
    record = AuditRecord.objects.filter(action=AuditAction.CREATE, target_id=str(policy.pk)).get()
    assert record.target_type == "policies.policy"


def test_the_form_shows_the_rule_error_with_its_column_and_saves_nothing(office_client):
    line = BudgetLineFactory()
    data = policy_data(line, rule="age <= 45 and educaton = 'doctorate'")
    response = office_client.post(reverse("policies:policy-new"), data, **ENGLISH)
    assert response.status_code == 200
    form = response.context["form"]
    assert "rule" in form.errors
    assert "column 15" in form.errors["rule"][0]
    assert "column 15" in response.content.decode()
    assert not Policy.objects.exists()


def test_a_stage_of_another_role_names_no_department(office_client):
    line = BudgetLineFactory()
    stages = [
        {
            "position": 1,
            "name": "人才办审批",
            "role": StageRole.OFFICE_ADMIN,
            "department": DepartmentFactory().pk,
            "deadline_days": 5,
        }
    ]
    response = office_client.post(reverse("policies:policy-new"), policy_data(line, stages=stages))
    assert response.status_code == 302
    assert Policy.objects.get().stages.get().department is None


def test_a_policy_needs_a_stage_and_stages_need_distinct_positions(office_client):
    line = BudgetLineFactory()
    with translation.override("en"):
        response = office_client.post(
            reverse("policies:policy-new"), policy_data(line, stages=[]), **ENGLISH
        )
        assert "A policy needs at least one review stage." in response.content.decode()
        twice = [
            {"position": 1, "name": "甲", "role": StageRole.OFFICE_ADMIN, "deadline_days": 5},
            {"position": 1, "name": "乙", "role": StageRole.OFFICE_ADMIN, "deadline_days": 5},
        ]
        response = office_client.post(
            reverse("policies:policy-new"), policy_data(line, stages=twice), **ENGLISH
        )
        assert response.status_code == 200
    assert not Policy.objects.exists()


def test_tier_amounts_are_kept_as_exact_fen_per_tier_code(office_client):
    line = BudgetLineFactory()
    data = policy_data(
        line,
        formula=FormulaKind.TIERED,
        amount_yuan="",
        tier_national_top="1,000,000",
        tier_municipal="0.10",
        tier_district="123456.78",
        cap_yuan="999999.99",
    )
    response = office_client.post(reverse("policies:policy-new"), data)
    assert response.status_code == 302, response.context["form"].errors
    policy = Policy.objects.get()
    assert policy.tier_amounts == {
        "national_top": 100_000_000,
        "municipal": 10,
        "district": 12_345_678,
    }
    assert all(type(fen) is int for fen in policy.tier_amounts.values())
    assert policy.cap_fen == 99_999_999
    assert policy.amount_fen is None


def test_a_rate_is_typed_as_a_percentage_and_kept_in_basis_points(office_client):
    line = BudgetLineFactory()
    data = policy_data(
        line,
        formula=FormulaKind.PERCENTAGE,
        amount_yuan="",
        rate_percent="12.35",
        declared_label="实缴租金",
    )
    assert office_client.post(reverse("policies:policy-new"), data).status_code == 302
    policy = Policy.objects.get()
    assert policy.rate_basis_points == 1235
    assert type(policy.rate_basis_points) is int


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount_yuan", "100.001"),
        ("amount_yuan", "0"),
        ("amount_yuan", "-5"),
        ("amount_yuan", "一万"),
        ("cap_yuan", "1e3"),
    ],
)
def test_an_amount_that_is_not_exact_yuan_above_zero_is_refused(office_client, field, value):
    line = BudgetLineFactory()
    response = office_client.post(
        reverse("policies:policy-new"), policy_data(line, **{field: value}), **ENGLISH
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Policy.objects.exists()


def test_a_rate_with_more_than_two_decimals_of_a_percent_is_refused_not_rounded(office_client):
    line = BudgetLineFactory()
    data = policy_data(
        line,
        formula=FormulaKind.PERCENTAGE,
        amount_yuan="",
        rate_percent="12.345",
        declared_label="实缴租金",
    )
    response = office_client.post(reverse("policies:policy-new"), data, **ENGLISH)
    assert "rate_percent" in response.context["form"].errors
    assert not Policy.objects.exists()


def test_a_formula_that_misses_its_input_shows_the_error_beside_the_yuan_input(office_client):
    line = BudgetLineFactory()
    data = policy_data(line, formula=FormulaKind.PER_UNIT, amount_yuan="", unit_label="")
    response = office_client.post(reverse("policies:policy-new"), data, **ENGLISH)
    errors = response.context["form"].errors
    assert "amount_yuan" in errors and "unit_label" in errors


def test_tiers_belong_to_talents_only(office_client):
    line = BudgetLineFactory()
    data = policy_data(
        line,
        applicant_kind="enterprise",
        rule="",
        formula=FormulaKind.TIERED,
        amount_yuan="",
        tier_municipal="100",
    )
    response = office_client.post(reverse("policies:policy-new"), data, **ENGLISH)
    assert "formula" in response.context["form"].errors
    assert not Policy.objects.exists()


def test_the_inputs_a_formula_does_not_use_are_cleared_on_save(office_client):
    policy = open_policy(amount_fen=5_000_000)
    line = policy.budget_line
    stage = policy.stages.get()
    data = policy_data(
        line,
        code=policy.code,
        formula=FormulaKind.TIERED,
        amount_yuan="50000.00",
        unit_label="招聘人数",
        tier_municipal="2000",
        stages=[
            {
                "id": stage.pk,
                "position": 1,
                "name": stage.name,
                "role": stage.role,
                "deadline_days": 10,
            }
        ],
        stages_initial=1,
        documents=[],
    )
    response = office_client.post(reverse("policies:policy-edit", args=[policy.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    policy.refresh_from_db()
    assert (policy.amount_fen, policy.unit_label) == (None, "")
    assert policy.tier_amounts == {"municipal": 200_000}


def test_the_edit_form_shows_amounts_in_yuan_and_the_rate_as_a_percentage(office_client):
    policy = open_policy(
        formula=FormulaKind.PERCENTAGE,
        amount_fen=None,
        rate_basis_points=1250,
        declared_label="实缴租金",
        cap_fen=12_345_601,
    )
    response = office_client.get(reverse("policies:policy-edit", args=[policy.pk]))
    page = response.content.decode()
    assert 'name="rate_percent" value="12.5"' in page
    assert 'name="cap_yuan" value="123456.01"' in page


def test_editing_swaps_two_stages_and_adds_a_document(office_client):
    policy = open_policy()
    first = policy.stages.get()
    second = ReviewStageFactory(policy=policy, position=2, name="部门审核", role=StageRole.REVIEWER)
    stages = [
        {"id": first.pk, "position": 2, "name": first.name, "role": first.role, "deadline_days": 5},
        {
            "id": second.pk,
            "position": 1,
            "name": second.name,
            "role": second.role,
            "deadline_days": 7,
        },
    ]
    data = policy_data(
        policy.budget_line,
        code=policy.code,
        stages=stages,
        stages_initial=2,
        documents=[{"position": 1, "name": "学历证书", "description": ""}],
    )
    response = office_client.post(reverse("policies:policy-edit", args=[policy.pk]), data)
    assert response.status_code == 302, response.content.decode()
    assert list(policy.stages.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    assert list(policy.documents.values_list("name", flat=True)) == ["学历证书"]


def test_a_stage_applications_have_used_is_not_removed(office_client, office):
    policy = open_policy()
    used = policy.stages.get()
    approved_application(office, policy=policy)
    data = policy_data(
        policy.budget_line,
        code=policy.code,
        stages=[
            {"id": used.pk, "position": 1, "name": used.name, "role": used.role, "DELETE": "on"},
            {"position": 2, "name": "新环节", "role": StageRole.OFFICE_ADMIN, "deadline_days": 3},
        ],
        stages_initial=1,
        documents=[],
    )
    response = office_client.post(
        reverse("policies:policy-edit", args=[policy.pk]), data, **ENGLISH
    )
    assert response.status_code == 200
    assert "has been used by applications" in response.content.decode()
    assert list(policy.stages.values_list("pk", flat=True)) == [used.pk]


def test_who_may_apply_is_fixed_once_applications_exist(office_client, office):
    policy = open_policy()
    approved_application(office, policy=policy)
    form = PolicyForm(instance=policy)
    assert form.fields["applicant_kind"].disabled


def test_the_form_page_asks_for_the_live_rule_check(office_client):
    page = office_client.get(reverse("policies:policy-new")).content.decode()
    assert f'hx-post="{reverse("policies:rule-check")}"' in page
    assert 'id="rule-check"' in page
    assert 'data-formula="fixed per_unit"' in page
    assert 'id="stages-empty"' in page


def test_required_documents_are_kept_in_their_order(office_client):
    policy = open_policy()
    RequiredDocumentFactory(policy=policy, name="旧材料")
    response = office_client.get(reverse("policies:policy-edit", args=[policy.pk]))
    assert "旧材料" in response.content.decode()


# Money and rates as typed: exact conversions --------------------------------------------------


@pytest.mark.parametrize("fen", [1, 10, 99, 100, 101, 5_000_000, 12_345_678, 10**15 + 1])
def test_yuan_text_round_trips_to_the_same_fen(fen):
    from talentzone.policies.money import fen_from_yuan

    assert fen_from_yuan(yuan_text(fen)) == fen


@pytest.mark.parametrize(
    ("text", "basis_points"),
    [("10", 1000), ("12.5", 1250), ("0.01", 1), ("0.1", 10), ("33.33", 3333), ("7%", 700)],
)
def test_percentages_become_exact_basis_points_and_back(text, basis_points):
    assert basis_points_from_percent(text) == basis_points
    assert percent_text(basis_points) == text.rstrip("%")


# The live rule check -------------------------------------------------------------------------


def test_the_rule_check_says_the_rule_in_words_and_how_many_it_selects_today(office_client):
    young = TODAY.replace(year=TODAY.year - 30)
    old = TODAY.replace(year=TODAY.year - 60)
    TalentFactory(born=young)
    TalentFactory(born=young)
    TalentFactory(born=old)
    response = office_client.get(
        reverse("policies:rule-check"),
        {"rule": "age <= 45", "applicant_kind": "talent"},
        **ENGLISH,
    )
    page = response.content.decode()
    assert 'data-testid="rule-words"' in page
    assert "45" in page
    assert "Today 2 records of the registry" in page


def test_the_rule_check_answers_an_htmx_post_with_the_error_and_its_column(office_client):
    response = office_client.post(
        reverse("policies:rule-check"),
        {"rule": "age <= 45 and educaton = 'x'", "applicant_kind": "talent"},
        **HTMX,
        **ENGLISH,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="rule-error"' in page
    assert "column 15" in page
    assert "^" in page
    assert "<html" not in page


def test_the_rule_check_reads_the_rule_for_the_kind_of_applicant(office_client):
    EnterpriseFactory(high_tech=True)
    EnterpriseFactory(high_tech=False)
    response = office_client.get(
        reverse("policies:rule-check"),
        {"rule": "high_tech = true", "applicant_kind": "enterprise"},
        **ENGLISH,
    )
    assert "Today 1 record of the registry" in response.content.decode()
    response = office_client.get(
        reverse("policies:rule-check"), {"rule": "high_tech = true", "applicant_kind": "talent"}
    )
    assert 'data-testid="rule-error"' in response.content.decode()


def test_the_rule_check_without_a_rule_or_a_kind_says_so(office_client):
    TalentFactory()
    empty = office_client.get(
        reverse("policies:rule-check"), {"rule": " ", "applicant_kind": "talent"}, **ENGLISH
    )
    assert 'data-testid="rule-empty"' in empty.content.decode()
    no_kind = office_client.get(reverse("policies:rule-check"), {"rule": "age <= 45"})
    assert 'data-testid="rule-no-kind"' in no_kind.content.decode()


# Budget lines --------------------------------------------------------------------------------


def figure(page: str, code: str, name: str) -> str:
    row = page.split(f'data-code="{code}"', 1)[1].split("</tr>", 1)[0]
    return row.split(f'data-figure="{name}">', 1)[1].split("<", 1)[0]


def test_the_budget_page_shows_a_reservation_in_the_lines_figures(client, make_user, office):
    line = BudgetLineFactory(year=TODAY.year, code="rc-01", amount=1_000_000_00)
    other = BudgetLineFactory(year=TODAY.year, code="rc-02", amount=50_000_00)
    BudgetLineFactory(year=TODAY.year - 1, code="rc-old")
    ledger.reserve(actor=office, line=line, amount=250_000_00, reference="SQ-1")
    client.force_login(make_user(Role.LEADER))
    page = client.get(reverse("policies:budget-list"), **ENGLISH).content.decode()
    assert figure(page, "rc-01", "amount") == "¥1,000,000.00"
    assert figure(page, "rc-01", "reserved") == "¥250,000.00"
    assert figure(page, "rc-01", "disbursed") == "¥0.00"
    assert figure(page, "rc-01", "free") == "¥750,000.00"
    assert figure(page, "rc-02", "free") == "¥50,000.00"
    totals = page.split('data-testid="budget-totals"', 1)[1]
    assert 'data-figure="amount">¥1,050,000.00<' in totals
    assert 'data-figure="free">¥800,000.00<' in totals
    assert "rc-old" not in page
    assert str(other.owner) in page
    assert 'aria-valuenow="25"' in page


def test_the_budget_page_shows_another_year_when_asked(office_client):
    BudgetLineFactory(year=TODAY.year - 1, code="rc-old")
    page = office_client.get(reverse("policies:budget-list"), {"year": TODAY.year - 1})
    assert "rc-old" in page.content.decode()


def test_the_budget_year_changes_through_htmx_with_only_the_results(office_client):
    BudgetLineFactory(year=TODAY.year, code="rc-now")
    response = office_client.get(
        reverse("policies:budget-list"),
        {"year": TODAY.year},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="budget-results",
    )
    page = response.content.decode()
    assert "rc-now" in page and "<html" not in page


# Offers --------------------------------------------------------------------------------------


def test_scan_now_makes_offers_for_everyone_eligible_and_says_how_many(office_client):
    policy = open_policy(rule="age <= 45")
    young = TODAY.replace(year=TODAY.year - 30)
    TalentFactory(born=young)
    TalentFactory(born=young)
    TalentFactory(born=TODAY.replace(year=TODAY.year - 60))
    response = office_client.post(reverse("policies:offer-scan"), follow=True, **ENGLISH)
    assert "2 offers made." in response.content.decode()
    assert Offer.objects.filter(policy=policy).count() == 2
    again = office_client.post(reverse("policies:offer-scan"), follow=True, **ENGLISH)
    assert "0 offers made." in again.content.decode()
    assert Offer.objects.count() == 2
    scans = AuditRecord.objects.filter(detail__scan=str(TODAY)).order_by("seq")
    assert [record.detail["offers"] for record in scans] == [{policy.code: 2}, {policy.code: 0}]


def test_the_offers_page_counts_by_policy_and_status_and_filters(office_client):
    first = open_policy(code="alpha")
    second = open_policy(code="beta")
    Offer.objects.create(policy=first, applicant_kind="talent", talent=TalentFactory(name="甲一"))
    Offer.objects.create(
        policy=first,
        applicant_kind="talent",
        talent=TalentFactory(name="乙二"),
        status=OfferStatus.DECLINED,
        answered_at=timezone.now(),
    )
    Offer.objects.create(policy=second, applicant_kind="talent", talent=TalentFactory(name="丙三"))
    page = office_client.get(reverse("policies:office-offers"), **ENGLISH).content.decode()
    counts = page.split('data-testid="offer-counts"', 1)[1].split("</table>", 1)[0]
    alpha = counts.split('data-policy="alpha"', 1)[1].split("</tr>", 1)[0]
    assert [cell.split("<")[0] for cell in alpha.split('data-count="')[1:]] == [
        'open">1',
        'accepted">0',
        'declined">1',
        'total">2',
    ]
    filtered = office_client.get(
        reverse("policies:office-offers"), {"policy": first.pk, "status": "declined"}
    ).content.decode()
    results = filtered.split('id="offer-results"', 1)[1]
    assert "乙二" in results and "甲一" not in results and "丙三" not in results


# Payments ------------------------------------------------------------------------------------


def test_the_payments_page_lists_approved_applications_with_a_pay_button_and_the_total(
    office_client, office
):
    first = approved_application(office, policy=open_policy(amount_fen=5_000_000))
    second = approved_application(office, policy=open_policy(amount_fen=1_250_050))
    page = office_client.get(reverse("policies:payment-list"), **ENGLISH).content.decode()
    assert first.number in page and second.number in page
    assert reverse("policies:application-pay", args=[first.pk]) in page
    assert 'data-testid="payment-total">¥62,500.50<' in page


def test_recording_a_payment_from_the_list_comes_back_to_it(office_client, office):
    application = approved_application(office)
    url = reverse("policies:payment-list")
    response = office_client.post(
        reverse("policies:application-pay", args=[application.pk]),
        {"memo": "财付2026-001", "next": url},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    awaiting = results(office_client.get(url))
    assert application.number not in awaiting
    paid = results(office_client.get(url, {"status": "paid"}, **ENGLISH))
    assert application.number in paid
    assert 'data-testid="pay-button"' not in paid


def results(response) -> str:
    return response.content.decode().split('id="payment-results"', 1)[1]


def test_an_unreadable_payment_filter_lists_nothing(office_client, office):
    approved_application(office)
    page = office_client.get(reverse("policies:payment-list"), {"policy": "nope"})
    assert page.context["page"].paginator.count == 0


# The menu and the home cards -----------------------------------------------------------------


def labels_for(user, role) -> list[str]:
    with translation.override("en"):
        return [str(entry.label) for entry in menu_for(user, Role(role))]


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (
            Role.TALENT,
            ["Policies for me", "My applications", "Offers", "Public notices"],
            ["Review queue", "Manage policies", "Payments"],
        ),
        (
            Role.ENTERPRISE_HR,
            ["Policies for me", "My applications", "Offers", "Review queue", "Public notices"],
            ["Manage policies", "Budget lines"],
        ),
        (Role.REVIEWER, ["Review queue", "Public notices"], ["Policies for me", "Payments"]),
        (
            Role.OFFICE_ADMIN,
            [
                "Review queue",
                "Manage policies",
                "Budget lines",
                "Offers made without application",
                "Payments",
                "Overdue reviews",
                "Open objections",
                "Public notices",
            ],
            ["Policies for me"],
        ),
        (
            Role.LEADER,
            ["Budget lines", "Manage policies", "Public notices"],
            ["Payments", "Review queue"],
        ),
        (Role.GRID_OFFICER, ["Public notices"], ["Review queue", "Manage policies"]),
    ],
)
def test_the_menu_offers_each_role_its_policies_pages(make_user, role, present, absent):
    labels = labels_for(make_user(role), role)
    for label in present:
        assert label in labels, label
    for label in absent:
        assert label not in labels, label


def test_the_office_home_counts_payments_waiting_and_the_queue(client, office):
    approved_application(office)
    waiting = open_policy()
    talent_user = _talent_user()
    application = services.application_create(
        actor=talent_user, policy=waiting, applicant=talent_user.talent
    )
    services.application_submit(actor=talent_user, application=application)
    client.force_login(office)
    response = client.get(reverse("home"), **ENGLISH)
    cards = {str(card["label"]): card["count"] for card in response.context["cards"]}
    assert cards["Payments"] == 1
    assert cards["Review queue"] == 1
    assert cards["Manage policies"] == 2


def test_a_talents_home_counts_the_open_policies_for_them(client):
    talent_user = _talent_user()
    open_policy()
    open_policy(applicant_kind="enterprise")
    client.force_login(talent_user)
    response = client.get(reverse("home"), **ENGLISH)
    cards = {str(card["label"]): card["count"] for card in response.context["cards"]}
    assert cards["Policies for me"] == 1
    assert cards["My applications"] == 0
