"""The services write the audit trail in the transaction of the change: field names, never the
values of personal numbers; a failed change leaves no record. Failed sign-ins are recorded too."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from talentzone.core.audit import AuditAction
from talentzone.core.identifiers import make_id_number
from talentzone.core.models import AuditRecord
from talentzone.directory import services
from talentzone.directory.models import Department, Enterprise, Venture
from talentzone.directory.tests.factories import (
    DepartmentFactory,
    EnterpriseFactory,
    VentureFactory,
    tier,
)

pytestmark = pytest.mark.django_db

ID_NUMBER = make_id_number("350981", datetime.date(1990, 4, 2), 12, True)
PHONE = "13905937788"
NEW_ID_NUMBER = make_id_number("350902", datetime.date(1990, 4, 2), 15, True)
NEW_PHONE = "13905930000"


def talent_data(employer, **changes) -> dict:
    data = {
        "name": "郑明轩",
        "gender": "male",
        "birth_date": datetime.date(1990, 4, 2),
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "education": "doctorate",
        "industry": "lithium_battery",
        "tier": tier("provincial_high"),
        "employer": employer,
    }
    return {**data, **changes}


def founder(name: str, lead: bool = False, year: int = 2024) -> dict:
    return {"name": name, "university": "宁德师范学院", "graduation_year": year, "is_lead": lead}


def venture_data() -> dict:
    return {
        "name": "闪充储能科技工作室",
        "field": "energy_storage",
        "joined_on": datetime.date(2025, 3, 1),
    }


def raw_audit_rows() -> str:
    """Every column of every audit row as the database holds it, as one text."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM core_auditrecord")
        return repr(cursor.fetchall())


def test_creating_a_talent_through_the_service_writes_one_record_naming_the_fields_set(make_user):
    office = make_user("office_admin")
    talent = services.talent_create(actor=office, data=talent_data(EnterpriseFactory()))

    record = AuditRecord.objects.get()
    assert record.action == AuditAction.CREATE
    assert (record.actor, record.actor_name) == (office, office.username)
    assert (record.target_type, record.target_id) == ("directory.talent", str(talent.pk))
    assert record.target_repr == "郑明轩"
    assert {"name", "id_number", "phone", "employer", "tier"} <= set(record.changes)
    assert "created_at" not in record.changes
    assert "id" not in record.changes


def test_updating_a_talent_writes_one_record_naming_only_the_changed_fields(make_user):
    office = make_user("office_admin")
    talent = services.talent_create(actor=office, data=talent_data(EnterpriseFactory()))

    services.talent_update(actor=office, talent=talent, data={"phone": NEW_PHONE, "major": "化学"})

    record = AuditRecord.objects.order_by("-seq").first()
    assert record.action == AuditAction.UPDATE
    assert sorted(record.changes) == ["major", "phone"]
    assert AuditRecord.objects.count() == 2


def test_the_audit_rows_never_hold_an_id_number_or_a_phone_number(make_user):
    office = make_user("office_admin")
    talent = services.talent_create(actor=office, data=talent_data(EnterpriseFactory()))
    services.talent_update(
        actor=office, talent=talent, data={"id_number": NEW_ID_NUMBER, "phone": NEW_PHONE}
    )

    rows = raw_audit_rows()
    assert AuditRecord.objects.count() == 2
    for number in (ID_NUMBER, PHONE, NEW_ID_NUMBER, NEW_PHONE):
        assert number not in rows
    assert "id_number" in rows  # the name of the field is recorded, its value is not


def test_a_save_that_changes_nothing_writes_no_record(make_user):
    office = make_user("office_admin")
    department = DepartmentFactory(name="人社局")
    services.record_update(actor=office, instance=department, data={"name": "人社局"})
    assert not AuditRecord.objects.exists()


def test_a_service_call_refused_by_validation_writes_no_audit_record(make_user):
    office = make_user("office_admin")
    with pytest.raises(ValidationError):
        services.talent_create(
            actor=office, data=talent_data(EnterpriseFactory(), id_number="350981199004021234")
        )
    assert not AuditRecord.objects.exists()


def test_a_change_that_fails_after_its_record_was_written_takes_the_record_with_it(make_user):
    office = make_user("office_admin")
    founders = [founder("黄晓雯", lead=True), founder("吴俊杰", year=1900)]
    # The venture and its CREATE record are written, then a founder fails validation.
    with pytest.raises(ValidationError):
        services.venture_save(actor=office, data=venture_data(), founders=founders)
    assert not Venture.objects.exists()
    assert not AuditRecord.objects.exists()


def test_a_refused_change_writes_no_audit_record(make_user):
    with pytest.raises(PermissionDenied):
        services.record_create(
            actor=make_user("leader"), model=Department, data={"name": "人社局", "code": "RS"}
        )
    assert not AuditRecord.objects.exists()


def test_a_new_venture_is_one_create_record_and_a_new_founder_list_is_an_update(make_user):
    office = make_user("office_admin")
    venture = services.venture_save(
        actor=office, data=venture_data(), founders=[founder("黄晓雯", lead=True)]
    )
    assert list(AuditRecord.objects.values_list("action", flat=True)) == [AuditAction.CREATE]

    services.venture_save(
        actor=office,
        venture=Venture.objects.get(pk=venture.pk),
        data=venture_data(),
        founders=[founder("黄晓雯", lead=True), founder("吴俊杰")],
    )
    update = AuditRecord.objects.order_by("-seq").first()
    assert (update.action, update.changes) == (AuditAction.UPDATE, ["founders"])


def test_deleting_a_record_through_the_service_writes_who_deleted_what(make_user):
    office = make_user("office_admin")
    venture = VentureFactory(name="青创储能科技工作室")
    pk = venture.pk

    services.record_delete(actor=office, instance=venture)

    assert not Venture.objects.filter(pk=pk).exists()
    record = AuditRecord.objects.get()
    assert (record.action, record.actor) == (AuditAction.DELETE, office)
    assert (record.target_type, record.target_id) == ("directory.venture", str(pk))
    assert record.target_repr == "青创储能科技工作室"


def test_a_role_without_the_delete_permission_deletes_nothing_and_leaves_no_record(make_user):
    acme = EnterpriseFactory()
    with pytest.raises(PermissionDenied):
        services.record_delete(actor=make_user("enterprise_hr", enterprise=acme), instance=acme)
    assert Enterprise.objects.filter(pk=acme.pk).exists()
    assert not AuditRecord.objects.exists()


def test_deleting_in_the_admin_goes_through_the_service_and_is_recorded(admin_client):
    department = DepartmentFactory(name="人社局")
    url = reverse("admin:directory_department_delete", args=[department.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Department.objects.filter(pk=department.pk).exists()
    assert AuditRecord.objects.get().action == AuditAction.DELETE


def test_deleting_several_in_the_admin_writes_one_record_each(admin_client):
    departments = DepartmentFactory.create_batch(2)
    response = admin_client.post(
        reverse("admin:directory_department_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [d.pk for d in departments],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Department.objects.exists()
    assert sorted(AuditRecord.objects.values_list("target_id", flat=True)) == sorted(
        str(d.pk) for d in departments
    )


def test_a_failed_sign_in_is_recorded_with_the_name_tried_but_never_the_password(client):
    response = client.post(
        reverse("login"), {"username": "zhang.wei", "password": "secret-guess-42"}
    )
    assert response.status_code == 200  # the form again, with its error

    record = AuditRecord.objects.get()
    assert record.action == AuditAction.LOGIN_FAILED
    assert record.actor is None
    assert record.detail == {"username": "zhang.wei"}
    assert record.ip == "127.0.0.1"
    assert "secret-guess-42" not in raw_audit_rows()


def test_a_successful_sign_in_writes_no_record(client, make_user):
    user = make_user("talent")
    response = client.post(
        reverse("login"), {"username": user.username, "password": "demo-pass-123"}
    )
    assert response.status_code == 302
    assert not AuditRecord.objects.exists()
