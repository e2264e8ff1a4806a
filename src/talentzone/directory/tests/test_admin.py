"""The registry in Django's admin: every model is there, and saves go through the services."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from talentzone.core.identifiers import make_id_number
from talentzone.core.models import User
from talentzone.directory import models, queries

from .factories import (
    AgencyFactory,
    CredentialFactory,
    EnterpriseFactory,
    FounderFactory,
    GridTeamFactory,
    MembershipFactory,
    PlatformFactory,
    StationFactory,
    TalentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REGISTRY_MODELS = [
    models.Department,
    models.Grid,
    models.GridTeam,
    models.Station,
    models.Agency,
    models.Enterprise,
    models.TalentTier,
    models.Talent,
    models.Credential,
    models.Platform,
    models.Venture,
    models.Founder,
    models.Membership,
]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def admin_url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def test_every_registry_model_and_the_user_are_in_the_admin():
    for model in [*REGISTRY_MODELS, User]:
        assert admin.site.is_registered(model), model


@pytest.mark.parametrize("model", [*REGISTRY_MODELS, User], ids=lambda m: m._meta.model_name)
def test_every_admin_list_answers_with_a_chinese_search(admin_client, model):
    GridTeamFactory()
    StationFactory()
    CredentialFactory()
    PlatformFactory()
    FounderFactory()
    MembershipFactory(agency=AgencyFactory())
    response = admin_client.get(admin_url(model, "changelist"), {"q": "宁德"})
    assert response.status_code == 200


def test_the_admin_adds_a_department_through_the_service(admin_client):
    response = admin_client.post(
        admin_url(models.Department, "add"), {"name": "人才工作办公室", "code": "talent-office"}
    )
    assert response.status_code == 302
    assert models.Department.objects.get().name == "人才工作办公室"


def test_the_admin_stores_an_id_number_as_the_service_normalises_it(admin_client):
    talent = TalentFactory.build(employer=EnterpriseFactory())
    number = next(
        n
        for n in (make_id_number("350902", talent.birth_date, s, True) for s in range(500))
        if n.endswith("X")
    )
    data = {
        "name": talent.name,
        "gender": talent.gender,
        "birth_date": talent.birth_date.isoformat(),
        "id_number": number.lower(),
        "phone": talent.phone,
        "education": talent.education,
        "title": talent.title,
        "employer": talent.employer.pk,
        "industry": talent.industry,
        "tier": talent.tier.pk,
        "status": talent.status,
    }
    response = admin_client.post(admin_url(models.Talent, "add"), data)
    assert response.status_code == 302
    assert queries.talents_with_id_numbers([number]).get().id_number == number


def test_the_admin_shows_a_talents_numbers_masked_and_offers_no_clear_input(admin_client):
    talent = TalentFactory()
    page = admin_client.get(admin_url(models.Talent, "change", talent.pk)).content.decode()
    assert talent.id_number not in page
    assert talent.phone not in page
    assert talent.id_number[:4] + "*" * 10 + talent.id_number[-4:] in page


def test_the_admin_finds_a_talent_by_exact_id_number(admin_client):
    talent = TalentFactory()
    page = admin_client.get(admin_url(models.Talent, "changelist"), {"q": talent.id_number})
    assert talent.name in page.content.decode()


def test_the_admin_changes_an_enterprise_and_keeps_its_creation_time(admin_client):
    enterprise = EnterpriseFactory()
    data = {
        "name": "蕉城锂电材料有限公司",
        "credit_code": enterprise.credit_code,
        "industry": "battery_materials",
        "grid": enterprise.grid.pk,
        "employees": "320",
        "founded_on": datetime.date(2015, 3, 1).isoformat(),
    }
    response = admin_client.post(admin_url(models.Enterprise, "change", enterprise.pk), data)
    assert response.status_code == 302
    changed = models.Enterprise.objects.get(pk=enterprise.pk)
    assert (changed.name, changed.employees) == ("蕉城锂电材料有限公司", 320)
    assert changed.created_at == enterprise.created_at


def test_founders_are_read_only_in_the_admin_and_ventures_start_on_their_page(admin_client):
    founder = FounderFactory()
    assert admin_client.get(admin_url(models.Venture, "add")).status_code == 403
    assert admin_client.get(admin_url(models.Founder, "add")).status_code == 403
    change = admin_client.get(admin_url(models.Founder, "change", founder.pk))
    assert change.status_code == 200
    assert b'name="name"' not in change.content
