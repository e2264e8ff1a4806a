"""The registry API answers bad input with 400 on the field at fault (never 500), accepts token
authentication, pages with a ceiling, filters with the pages' FilterSets and orders on request."""

import datetime
import json

import pytest
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from talentzone.core.audit import AuditAction
from talentzone.core.identifiers import make_id_number, make_uscc
from talentzone.core.models import AuditRecord
from talentzone.directory import api
from talentzone.directory.models import Department, Talent, Venture

from .factories import (
    CredentialFactory,
    EnterpriseFactory,
    FounderFactory,
    GridFactory,
    PlatformFactory,
    TalentFactory,
    VentureFactory,
)

pytestmark = pytest.mark.django_db

TALENTS = "/api/v1/directory/talents/"
ENTERPRISES = "/api/v1/directory/enterprises/"
VENTURES = "/api/v1/directory/ventures/"
BORN = datetime.date(1992, 11, 5)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def office(make_user) -> APIClient:
    client = APIClient()
    client.force_login(make_user("office_admin"))
    return client


def talent_payload(employer, **changes) -> dict:
    return {
        "name": "郑明轩",
        "gender": "male",
        "birth_date": BORN.isoformat(),
        "id_number": make_id_number("350981", BORN, 12, male=True),
        "phone": "13905937788",
        "education": "doctorate",
        "industry": "lithium_battery",
        "employer": employer.pk,
        **changes,
    }


def enterprise_payload(**changes) -> dict:
    return {
        "name": "福鼎新材料有限公司",
        "credit_code": make_uscc("350982", 55501234),
        "industry": "battery_materials",
        "grid": GridFactory().pk,
        **changes,
    }


def field_errors(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content)
    return response.json()


def with_wrong_check_digit(id_number: str) -> str:
    wrong = "0" if id_number[-1] != "0" else "1"
    return id_number[:-1] + wrong


# Bad input: 400 on the field -------------------------------------------------------------


def test_an_id_number_with_a_wrong_check_digit_is_refused_on_that_field(office):
    good = make_id_number("350981", BORN, 12, male=True)
    payload = talent_payload(EnterpriseFactory(), id_number=with_wrong_check_digit(good))
    errors = field_errors(office.post(TALENTS, payload, format="json"))
    assert set(errors) == {"id_number"}
    assert not Talent.objects.exists()


def test_a_birth_date_that_contradicts_the_id_number_is_refused_on_that_field(office):
    payload = talent_payload(EnterpriseFactory(), birth_date="1992-11-06")
    errors = field_errors(office.post(TALENTS, payload, format="json"))
    assert set(errors) == {"birth_date"}
    assert "1992-11-05" in errors["birth_date"][0]


def test_a_credit_code_with_a_wrong_check_character_is_refused_on_that_field(office):
    code = make_uscc("350982", 55501234)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    response = office.post(ENTERPRISES, enterprise_payload(credit_code=wrong), format="json")
    assert set(field_errors(response)) == {"credit_code"}


def test_a_second_talent_with_the_same_id_number_is_refused_on_that_field(office):
    existing = TalentFactory()
    payload = talent_payload(EnterpriseFactory(), id_number=existing.id_number)
    payload.update(birth_date=existing.birth_date.isoformat(), gender=existing.gender)
    errors = field_errors(office.post(TALENTS, payload, format="json"))
    assert set(errors) == {"id_number"}


def test_a_duplicate_id_number_typed_with_spaces_and_a_small_x_is_still_caught(office):
    born = datetime.date(1985, 1, 1)
    number = next(
        n for seq in range(500) if (n := make_id_number("350902", born, seq, True)).endswith("X")
    )
    TalentFactory(id_number=number, born=born)
    typed = f"{number[:6]} {number[6:14]} {number[14:].lower()}"
    payload = talent_payload(EnterpriseFactory(), id_number=typed, birth_date=born.isoformat())
    assert set(field_errors(office.post(TALENTS, payload, format="json"))) == {"id_number"}


def test_changing_an_id_number_to_one_already_on_file_is_refused_on_that_field(office):
    first, second = TalentFactory(), TalentFactory()
    response = office.patch(f"{TALENTS}{second.pk}/", {"id_number": first.id_number})
    assert set(field_errors(response)) == {"id_number"}


def test_a_second_enterprise_with_the_same_credit_code_is_refused_on_that_field(office):
    existing = EnterpriseFactory()
    payload = enterprise_payload(credit_code=existing.credit_code)
    assert set(field_errors(office.post(ENTERPRISES, payload, format="json"))) == {"credit_code"}


def test_a_mobile_number_that_is_not_one_is_refused_on_that_field(office):
    payload = talent_payload(EnterpriseFactory(), phone="0593-2881234")
    assert set(field_errors(office.post(TALENTS, payload, format="json"))) == {"phone"}


def test_an_unknown_choice_is_refused_on_that_field(office):
    payload = talent_payload(EnterpriseFactory(), education="phd")
    assert set(field_errors(office.post(TALENTS, payload, format="json"))) == {"education"}


def test_a_venture_without_a_lead_founder_is_refused_on_its_founders(office):
    founder = {"name": "周子涵", "university": "闽江学院", "graduation_year": 2024}
    payload = {"name": "启航工作室", "field": "equipment", "joined_on": "2025-03-01"}
    response = office.post(VENTURES, {**payload, "founders": [founder]}, format="json")
    assert set(field_errors(response)) == {"founders"}
    assert not Venture.objects.exists()


def test_a_credential_recorded_twice_is_refused_rather_than_failing(office):
    existing = CredentialFactory()
    payload = {
        "talent": existing.talent.pk,
        "kind": existing.kind,
        "level": existing.level,
        "name": existing.name,
        "awarded_on": existing.awarded_on.isoformat(),
    }
    errors = field_errors(office.post("/api/v1/directory/credentials/", payload, format="json"))
    assert "non_field_errors" in errors


def test_a_second_platform_of_the_same_kind_and_level_is_refused_rather_than_failing(office):
    existing = PlatformFactory()
    payload = {
        "enterprise": existing.enterprise.pk,
        "kind": existing.kind,
        "level": existing.level,
        "name": "另一个工作站",
        "approved_on": "2023-01-01",
    }
    errors = field_errors(office.post("/api/v1/directory/platforms/", payload, format="json"))
    assert "non_field_errors" in errors


# Writes that succeed ------------------------------------------------------------------------


def test_an_id_number_typed_with_spaces_and_a_small_x_is_stored_compact(office):
    born = datetime.date(1979, 8, 20)
    number = next(
        n for seq in range(500) if (n := make_id_number("350902", born, seq, True)).endswith("X")
    )
    typed = f"{number[:6]} {number[6:14]} {number[14:].lower()}"
    payload = talent_payload(EnterpriseFactory(), id_number=typed, birth_date=born.isoformat())
    response = office.post(TALENTS, payload, format="json")
    assert response.status_code == 201, response.content
    assert Talent.objects.get(pk=response.json()["id"]).id_number == number
    assert Talent.objects.get().id_number == number


def test_the_account_of_a_talent_cannot_be_set_through_the_api(office, make_user):
    someone = make_user("talent")
    payload = talent_payload(EnterpriseFactory(), user=someone.pk)
    response = office.post(TALENTS, payload, format="json")
    assert response.status_code == 201
    assert Talent.objects.get().user is None


def test_a_venture_is_written_with_its_founders_and_a_put_replaces_them(office):
    lead = {"name": "周子涵", "university": "闽江学院", "graduation_year": 2024, "is_lead": True}
    venture = {"name": "启航工作室", "field": "equipment", "joined_on": "2025-03-01"}
    created = office.post(VENTURES, {**venture, "founders": [lead]}, format="json")
    assert created.status_code == 201, created.content
    new_lead = {**lead, "name": "陈一鸣"}
    partner = {**lead, "name": "王可欣", "is_lead": False}
    url = f"{VENTURES}{created.json()['id']}/"
    replaced = office.put(url, {**venture, "founders": [new_lead, partner]}, format="json")
    assert replaced.status_code == 200, replaced.content
    assert [f["name"] for f in replaced.json()["founders"]] == ["陈一鸣", "王可欣"]


def test_a_patch_without_founders_keeps_the_founders(office):
    venture = FounderFactory(name="黄晓雯").venture
    response = office.patch(f"{VENTURES}{venture.pk}/", {"stage": "growing"}, format="json")
    assert response.status_code == 200, response.content
    assert [f["name"] for f in response.json()["founders"]] == ["黄晓雯"]


# Authentication, pagination, filters, ordering --------------------------------------------


def test_a_token_obtained_with_a_password_authenticates_api_calls(make_user):
    user = make_user("office_admin")
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": "demo-pass-123"}
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(TALENTS).status_code == 200


def test_a_wrong_password_obtains_no_token(make_user):
    user = make_user("office_admin")
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": user.username, "password": "wrong-password"}
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_a_made_up_token_is_refused():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    # 403, not 401: session authentication is listed first and sends no challenge header.
    assert client.get(TALENTS).status_code == 403


def test_a_page_holds_25_rows_unless_asked_and_never_more_than_200(office):
    Department.objects.bulk_create(
        Department(name=f"部门{n}", code=f"dept-{n}") for n in range(230)
    )
    url = "/api/v1/directory/departments/"
    default = office.get(url).json()
    assert len(default["results"]) == 25
    assert default["count"] == 230
    assert len(office.get(url, {"page_size": 1000}).json()["results"]) == 200


def test_pages_do_not_overlap_when_the_ordering_has_ties(office):
    VentureFactory.create_batch(7, joined_on=datetime.date(2024, 9, 1))
    pages = [
        office.get(VENTURES, {"ordering": "joined_on", "page_size": 3, "page": page}).json()
        for page in (1, 2, 3)
    ]
    ids = [row["id"] for page in pages for row in page["results"]]
    assert sorted(ids) == sorted(Venture.objects.values_list("pk", flat=True))


def test_an_ordering_asked_for_ends_with_the_primary_key_to_break_ties():
    request = Request(APIRequestFactory().get(VENTURES, {"ordering": "-joined_on"}))
    ordering = api.StableOrderingFilter().get_ordering(
        request, Venture.objects.all(), api.VentureViewSet()
    )
    assert list(ordering) == ["-joined_on", "pk"]


def test_a_chinese_keyword_narrows_the_list(office):
    TalentFactory(name="林书瑶", major="电化学")
    TalentFactory(name="陈思远", major="机械设计")
    rows = office.get(TALENTS, {"q": "电化"}).json()["results"]
    assert [row["name"] for row in rows] == ["林书瑶"]


def test_a_filter_narrows_the_list(office):
    acme, globex = EnterpriseFactory(), EnterpriseFactory()
    TalentFactory(employer=acme, education="doctorate")
    TalentFactory(employer=acme, education="bachelor")
    TalentFactory(employer=globex, education="doctorate")
    rows = office.get(TALENTS, {"employer": acme.pk, "education": "doctorate"}).json()["results"]
    assert len(rows) == 1
    assert rows[0]["employer"] == acme.pk


def test_a_list_is_ordered_as_asked(office):
    for employees in (50, 5, 500):
        EnterpriseFactory(employees=employees)
    ascending = office.get(ENTERPRISES, {"ordering": "employees"}).json()["results"]
    descending = office.get(ENTERPRISES, {"ordering": "-employees"}).json()["results"]
    assert [row["employees"] for row in ascending] == [5, 50, 500]
    assert [row["employees"] for row in descending] == [500, 50, 5]


def test_ordering_by_a_field_not_offered_falls_back_to_the_default(office):
    for employees in (5, 50, 500):
        EnterpriseFactory(employees=employees)
    by_secret = office.get(ENTERPRISES, {"ordering": "credit_code"}).json()["results"]
    by_default = office.get(ENTERPRISES).json()["results"]
    assert [row["id"] for row in by_secret] == [row["id"] for row in by_default]


def test_a_talents_numbers_are_masked_in_the_api_even_for_those_who_may_change_it(make_user):
    talent = TalentFactory()
    for user in (make_user("enterprise_hr", enterprise=talent.employer), make_user("leader")):
        client = APIClient()
        client.force_authenticate(user)
        shown = client.get(f"{TALENTS}{talent.pk}/").json()
        assert shown["id_number"] == talent.id_number[:4] + "*" * 10 + talent.id_number[-4:]
        assert shown["phone"] == talent.phone[:3] + "****" + talent.phone[-4:]


@pytest.mark.parametrize("who", ["office_admin", "the talent"])
def test_the_office_and_the_person_can_reveal_the_numbers_and_it_is_logged(make_user, who):
    talent = TalentFactory()
    user = make_user("office_admin") if who == "office_admin" else make_user("talent")
    if who == "the talent":
        talent.user = user
        talent.save()
    client = APIClient()
    client.force_authenticate(user)
    response = client.post(f"{TALENTS}{talent.pk}/reveal/")
    assert response.status_code == 200
    assert response.json() == {"id_number": talent.id_number, "phone": talent.phone}
    logged = AuditRecord.objects.get(action=AuditAction.UNMASK)
    assert (logged.actor, logged.target_id) == (user, str(talent.pk))
    assert talent.id_number not in json.dumps([logged.changes, logged.detail, logged.target_repr])


@pytest.mark.parametrize("role", ["enterprise_hr", "leader", "reviewer"])
def test_other_roles_cannot_reveal_a_talents_numbers(make_user, role):
    talent = TalentFactory()
    user = make_user(role, **({"enterprise": talent.employer} if role == "enterprise_hr" else {}))
    client = APIClient()
    client.force_authenticate(user)
    assert client.post(f"{TALENTS}{talent.pk}/reveal/").status_code == 403
    assert not AuditRecord.objects.filter(action=AuditAction.UNMASK).exists()
