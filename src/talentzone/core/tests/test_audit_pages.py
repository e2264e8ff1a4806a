"""The office admin browses, filters and verifies the audit trail on a page and through the API;
every other role is refused."""

import datetime

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from talentzone.core.audit import AuditAction, audit
from talentzone.core.choices import Role
from talentzone.core.models import AuditRecord
from talentzone.directory.tests.factories import DepartmentFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db

OTHER_ROLES = [role for role in Role if role != Role.OFFICE_ADMIN]
API_URL = "/api/v1/core/audit-records/"
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def office(client, make_user):
    user = make_user(Role.OFFICE_ADMIN)
    client.force_login(user)
    return user


@pytest.fixture
def trail(make_user):
    """Three records of different kinds, by two people."""
    clerk = make_user(Role.OFFICE_ADMIN)
    clerk.username = "clerk.lin"
    clerk.save()
    with transaction.atomic():
        audit(
            actor=clerk,
            action=AuditAction.CREATE,
            target=DepartmentFactory(name="人社局"),
            changes=["name"],
        )
        audit(actor=clerk, action=AuditAction.EXPORT, target=None, detail={"rows": 12})
        audit(actor=None, action=AuditAction.LOGIN_FAILED, detail={"username": "wang"})
        audit(actor=clerk, action=AuditAction.UPDATE, target=EnterpriseFactory(name="宁德新能源"))
    return AuditRecord.objects.order_by("seq")


def listed(response) -> list[str]:
    """The actions of the rows shown, top to bottom, as stored values."""
    return [record["action_value"] for record in response.context["records"]]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_the_audit_page_is_forbidden_to_every_role_but_the_office_admin(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("audit-list")).status_code == 403
    assert client.post(reverse("audit-verify")).status_code == 403


def test_the_audit_page_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("audit-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_office_admin_sees_the_trail_newest_first(client, office, trail):
    response = client.get(reverse("audit-list"))
    assert response.status_code == 200
    assert listed(response) == ["update", "login_failed", "export", "create"]
    page = response.content.decode()
    assert "宁德新能源" in page
    assert "clerk.lin" in page


def test_the_audit_page_is_in_chinese_by_default(client, office, trail):
    page = client.get(reverse("audit-list")).content.decode()
    with translation.override("zh-hans"):
        assert translation.gettext("Audit trail") in page
        assert translation.gettext("Audit trail") != "Audit trail"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "export"}, ["export"]),
        ({"actor": "clerk.l"}, ["update", "export", "create"]),
        ({"target_type": "directory.enterprise"}, ["update"]),
        ({"q": "人社"}, ["create"]),
        ({"action": "update", "q": "人社"}, []),
    ],
)
def test_the_office_admin_filters_the_trail(client, office, trail, query, expected):
    assert listed(client.get(reverse("audit-list"), query)) == expected


def test_the_office_admin_filters_the_trail_by_local_dates(client, office, trail):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    url = reverse("audit-list")
    assert len(listed(client.get(url, {"since": today, "until": today}))) == 4
    assert listed(client.get(url, {"until": yesterday})) == []
    assert listed(client.get(url, {"since": today + datetime.timedelta(days=1)})) == []


def test_an_unreadable_date_shows_no_rows_rather_than_all_of_them(client, office, trail):
    response = client.get(reverse("audit-list"), {"since": "2026-13-01"})
    assert listed(response) == []
    assert "is-invalid" in response.content.decode()


def test_the_trail_is_paginated(client, office):
    with transaction.atomic():
        for n in range(55):
            audit(actor=None, action=AuditAction.EXPORT, detail={"n": n})
    first = client.get(reverse("audit-list"))
    second = client.get(reverse("audit-list"), {"page": 2})
    assert len(first.context["records"]) == 50
    assert [r["seq"] for r in second.context["records"]] == [5, 4, 3, 2, 1]


def test_an_htmx_filter_request_gets_only_the_results(client, office, trail):
    response = client.get(
        reverse("audit-list"),
        {"action": "export"},
        headers={"HX-Request": "true", "HX-Target": "audit-results"},
    )
    page = response.content.decode()
    assert 'id="audit-results"' in page
    assert "<html" not in page


def test_the_verify_button_reports_an_intact_chain(client, office, trail):
    response = client.post(reverse("audit-verify"), headers={"HX-Request": "true", **ENGLISH})
    assert response.status_code == 200
    assert "4 audit records checked: chain intact." in response.content.decode()


def test_the_verify_button_names_a_record_edited_in_the_database(client, office, trail):
    edited = trail[1]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE core_auditrecord DISABLE TRIGGER core_auditrecord_append_only"
            )
        else:
            cursor.execute("DROP TRIGGER core_auditrecord_no_update")
        cursor.execute(
            "UPDATE core_auditrecord SET detail = %s WHERE id = %s", ['{"rows": 1}', edited.pk]
        )
    response = client.post(reverse("audit-verify"), headers=ENGLISH)
    assert response.status_code == 302
    page = client.get(response.url, headers=ENGLISH).content.decode()
    assert f"Audit record 2 (id {edited.pk}," in page
    assert "alert-danger" in page


def test_the_menu_offers_the_audit_trail_to_the_office_admin_only(client, make_user, office):
    url = reverse("audit-list")
    home = client.get(reverse("home")).content.decode()
    assert f'href="{url}"' in home
    # After the registry's entries: a tool of the office, not its daily work.
    assert home.index(f'href="{url}"') > home.index(f'href="{reverse("directory:talent-list")}"')
    client.force_login(make_user(Role.LEADER))
    assert f'href="{url}"' not in client.get(reverse("home")).content.decode()


# API ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_the_audit_api_is_forbidden_to_every_role_but_the_office_admin(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(API_URL).status_code == 403


def test_the_audit_api_asks_for_credentials(client):
    assert client.get(API_URL).status_code in (401, 403)


def test_the_audit_api_lists_the_trail_newest_first_with_the_page_filters(client, office, trail):
    body = client.get(API_URL).json()
    assert body["count"] == 4
    assert [row["action"] for row in body["results"]] == [
        "update",
        "login_failed",
        "export",
        "create",
    ]
    exports = client.get(API_URL, {"action": "export"}).json()["results"]
    assert [row["detail"] for row in exports] == [{"rows": 12}]
    one = client.get(f"{API_URL}{trail[0].pk}/").json()
    assert (one["seq"], one["changes"], one["hash"]) == (1, ["name"], trail[0].hash)


def test_the_audit_api_offers_no_way_to_write(client, office, trail):
    record = trail[0]
    assert client.post(API_URL, {}).status_code == 405
    assert client.patch(f"{API_URL}{record.pk}/", {}).status_code == 405
    assert client.delete(f"{API_URL}{record.pk}/").status_code == 405


# Admin -------------------------------------------------------------------------------------------


def test_the_admin_shows_the_trail_read_only(admin_client, trail):
    listing = admin_client.get(reverse("admin:core_auditrecord_changelist"))
    assert listing.status_code == 200
    record = trail[0]
    change = admin_client.get(reverse("admin:core_auditrecord_change", args=[record.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_client.get(reverse("admin:core_auditrecord_add")).status_code == 403
    delete = reverse("admin:core_auditrecord_delete", args=[record.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditRecord.objects.count() == 4
