"""The payments export for the finance office: the rows the payments list shows for the same
filter, payee and amount in yuan, no bank or personal numbers, audited like every export."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from talentzone.core.audit import AuditAction
from talentzone.core.choices import Role
from talentzone.core.models import AuditRecord
from talentzone.core.spreadsheets import XLSX_CONTENT_TYPE
from talentzone.directory.tests.factories import EnterpriseFactory
from talentzone.policies import services
from talentzone.policies.exports import yuan
from talentzone.policies.tests.test_pages_office import approved_application, open_policy

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
HEADERS = [
    "Application number",
    "Policy",
    "Budget line",
    "Payee",
    "Payee's credit code",
    "Amount (yuan)",
    "Approved at",
    "Paid at",
]


@pytest.fixture
def office(make_user):
    return make_user(Role.OFFICE_ADMIN)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def export(client, **params):
    return client.get(reverse("policies:payment-export"), params, **ENGLISH)


def rows_of(response) -> list[list]:
    assert response.status_code == 200, response
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def enterprise_application(office, make_user, enterprise, amount_fen: int):
    hr = make_user(Role.ENTERPRISE_HR, enterprise=enterprise)
    policy = open_policy(applicant_kind="enterprise", amount_fen=amount_fen)
    application = services.application_create(actor=hr, policy=policy, applicant=enterprise)
    services.application_submit(actor=hr, application=application)
    services.application_decide(actor=office, application=application, decision="approve")
    services.notice_close(
        actor=office,
        application=application,
        today=timezone.localdate() + datetime.timedelta(days=policy.notice_days + 1),
    )
    application.refresh_from_db()
    return application


def test_the_export_holds_payee_amount_in_yuan_budget_line_and_dates(
    office_client, office, make_user
):
    talents = approved_application(office, policy=open_policy(amount_fen=1_250_050))
    acme = EnterpriseFactory(name="宁德蕉城新能源有限公司")
    enterprises = enterprise_application(office, make_user, acme, 30_000_000)
    rows = rows_of(export(office_client, status="all"))
    assert rows[0] == HEADERS
    by_number = {row[0]: row for row in rows[1:]}
    assert set(by_number) == {talents.number, enterprises.number}
    person = by_number[talents.number]
    assert person[1] == talents.policy.title
    assert person[2] == str(talents.policy.budget_line)
    assert person[3] == talents.talent.name
    assert person[4] is None  # a person's numbers never leave in this file
    assert Decimal(str(person[5])) == Decimal("12500.50")
    assert isinstance(person[6], datetime.datetime)
    assert person[7] is None
    organisation = by_number[enterprises.number]
    assert organisation[3] == "宁德蕉城新能源有限公司"
    assert organisation[4] == acme.credit_code
    assert organisation[5] == 300_000


def test_the_export_follows_the_lists_filter(office_client, office):
    waiting = approved_application(office)
    paid = approved_application(office)
    services.application_pay(actor=office, application=paid, memo="财付-7")
    assert [row[0] for row in rows_of(export(office_client))[1:]] == [waiting.number]
    paid_rows = rows_of(export(office_client, status="paid"))[1:]
    assert [row[0] for row in paid_rows] == [paid.number]
    assert isinstance(paid_rows[0][7], datetime.datetime)


def test_every_export_is_audited_with_its_filter_rows_and_total(office_client, office):
    approved_application(office, policy=open_policy(amount_fen=5_000_000))
    approved_application(office, policy=open_policy(amount_fen=100))
    rows_of(export(office_client, status="approved"))
    record = AuditRecord.objects.get(action=AuditAction.EXPORT)
    assert record.actor == office
    assert record.detail == {
        "model": "policies.application",
        "export": "payments",
        "filter": {"status": "approved"},
        "rows": 2,
        "total_fen": 5_000_100,
    }


def test_the_export_button_sends_the_filter_form_to_the_export(office_client):
    page = office_client.get(reverse("policies:payment-list")).content.decode()
    assert f'formaction="{reverse("policies:payment-export")}"' in page


def test_an_htmx_export_request_sends_the_browser_to_download_the_file(office_client):
    response = office_client.get(
        reverse("policies:payment-export"), {"status": "paid"}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"] == reverse("policies:payment-export") + "?status=paid"
    assert not AuditRecord.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_export_over_the_cap_goes_back_to_the_list_and_writes_nothing(
    office_client, office, settings
):
    settings.TALENTZONE_EXPORT_MAX_ROWS = 1
    approved_application(office)
    approved_application(office)
    response = export(office_client, status="approved")
    assert response.status_code == 302
    assert response["Location"] == reverse("policies:payment-list") + "?status=approved"
    assert not AuditRecord.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_unreadable_filter_goes_back_to_the_list(office_client):
    response = export(office_client, policy="nope")
    assert response.status_code == 302
    assert not AuditRecord.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_file_is_named_for_the_day_with_an_ascii_fallback(office_client, office):
    approved_application(office)
    response = export(office_client)
    today = timezone.localdate().isoformat()
    assert f'filename="payments-{today}.xlsx"' in response["Content-Disposition"]
    assert f"Payments-{today}.xlsx" in response["Content-Disposition"]


def test_formula_like_payee_names_come_back_as_text(office_client, office, make_user):
    evil = EnterpriseFactory(name='=HYPERLINK("http://x")')
    enterprise_application(office, make_user, evil, 100_000)
    rows = rows_of(export(office_client))
    assert rows[1][3] == '\'=HYPERLINK("http://x")'


def test_only_the_office_exports_payments(client, make_user):
    for role in (Role.LEADER, Role.REVIEWER, Role.TALENT, Role.ENTERPRISE_HR):
        client.force_login(make_user(role))
        assert client.get(reverse("policies:payment-export")).status_code == 403


@pytest.mark.parametrize(
    ("fen", "expected"),
    [(1, "0.01"), (100, "1.00"), (12_345_678, "123456.78"), (10**15 + 1, "10000000000000.01")],
)
def test_amounts_are_written_as_exact_decimal_yuan(fen, expected):
    assert yuan(fen) == Decimal(expected)
    assert type(yuan(fen)) is Decimal
