"""The registry's services are its only writers: they check the actor and write all or nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.core.identifiers import make_id_number
from talentzone.directory import services
from talentzone.directory.models import Talent, Venture

from .factories import EnterpriseFactory, TalentFactory, tier

pytestmark = pytest.mark.django_db


def talent_data(employer, **changes):
    born = datetime.date(1990, 4, 2)
    data = {
        "name": "郑明轩",
        "gender": "male",
        "birth_date": born,
        "id_number": make_id_number("350981", born, 12, True),
        "phone": "13905937788",
        "education": "doctorate",
        "industry": "lithium_battery",
        "tier": tier("provincial_high"),
        "employer": employer,
    }
    return {**data, **changes}


def test_enterprise_hr_adds_a_talent_to_its_own_enterprise(make_user):
    acme = EnterpriseFactory()
    hr = make_user("enterprise_hr", enterprise=acme)
    talent = services.talent_create(actor=hr, data=talent_data(acme))
    assert talent.employer == acme


def test_enterprise_hr_cannot_add_a_talent_to_another_enterprise(make_user):
    hr = make_user("enterprise_hr", enterprise=EnterpriseFactory())
    with pytest.raises(PermissionDenied):
        services.talent_create(actor=hr, data=talent_data(EnterpriseFactory()))
    assert not Talent.objects.exists()


def test_enterprise_hr_cannot_move_its_talent_to_another_enterprise(make_user):
    acme = EnterpriseFactory()
    talent = TalentFactory(employer=acme)
    hr = make_user("enterprise_hr", enterprise=acme)
    with pytest.raises(PermissionDenied):
        services.talent_update(actor=hr, talent=talent, data={"employer": EnterpriseFactory()})
    talent.refresh_from_db()
    assert talent.employer == acme


@pytest.mark.parametrize("role", ["leader", "reviewer", "grid_officer", "station_staff", "talent"])
def test_roles_without_registry_write_rights_cannot_add_a_talent(make_user, role):
    with pytest.raises(PermissionDenied):
        services.talent_create(actor=make_user(role), data=talent_data(EnterpriseFactory()))


def test_a_birth_date_that_contradicts_the_id_number_is_refused_on_that_field(make_user):
    office = make_user("office_admin")
    data = talent_data(EnterpriseFactory(), birth_date=datetime.date(1990, 4, 3))
    with pytest.raises(ValidationError) as caught:
        services.talent_create(actor=office, data=data)
    assert "1990-04-02" in caught.value.message_dict["birth_date"][0]
    assert not Talent.objects.exists()


def test_a_gender_that_contradicts_the_id_number_is_refused_on_that_field(make_user):
    data = talent_data(EnterpriseFactory(), gender="female")
    with pytest.raises(ValidationError) as caught:
        services.talent_create(actor=make_user("office_admin"), data=data)
    assert set(caught.value.message_dict) == {"gender"}


def test_an_id_number_is_stored_compact_and_upper_case(make_user):
    born = datetime.date(1949, 12, 31)
    data = talent_data(EnterpriseFactory(), birth_date=born, gender="female")
    data["id_number"] = "110105 19491231 002x"
    talent = services.talent_create(actor=make_user("office_admin"), data=data)
    assert talent.id_number == "11010519491231002X"


def test_the_same_id_number_cannot_be_registered_twice(make_user):
    office = make_user("office_admin")
    existing = TalentFactory()
    data = talent_data(
        EnterpriseFactory(), id_number=existing.id_number, birth_date=existing.birth_date
    )
    with pytest.raises(ValidationError) as caught:
        services.talent_create(actor=office, data=data)
    assert "id_number" in caught.value.message_dict


def venture_data():
    return {
        "name": "闪充储能科技工作室",
        "field": "energy_storage",
        "joined_on": datetime.date(2025, 3, 1),
    }


def founder(name, lead=False):
    return {"name": name, "university": "宁德师范学院", "graduation_year": 2024, "is_lead": lead}


def test_a_venture_is_saved_with_its_founders_and_one_lead(make_user):
    office = make_user("office_admin")
    founders = [founder("黄晓雯", lead=True), founder("吴俊杰")]
    venture = services.venture_save(actor=office, data=venture_data(), founders=founders)
    assert list(venture.founders.values_list("name", "is_lead")) == [
        ("黄晓雯", True),
        ("吴俊杰", False),
    ]


@pytest.mark.parametrize(
    "founders",
    [[], [founder("黄晓雯")], [founder("黄晓雯", lead=True), founder("吴俊杰", lead=True)]],
    ids=["no founder", "no lead", "two leads"],
)
def test_a_venture_needs_exactly_one_lead_founder(make_user, founders):
    with pytest.raises(ValidationError) as caught:
        services.venture_save(
            actor=make_user("office_admin"), data=venture_data(), founders=founders
        )
    assert "founders" in caught.value.message_dict
    assert not Venture.objects.exists()
