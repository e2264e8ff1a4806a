"""The registry's pages: lists, detail pages, forms, and the home page of every role.

Pages read through the visibility querysets (out of scope answers 404) and write through the
services (not permitted answers 403). Text assertions ask for English explicitly, so that they
hold whatever the Chinese catalogue says.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from talentzone.core.choices import Role
from talentzone.core.home import HOME_PAGES
from talentzone.core.identifiers import make_id_number
from talentzone.directory.forms import TalentForm
from talentzone.directory.models import Founder, Talent, TalentTier, Venture
from talentzone.directory.views import attach_errors

from .factories import (
    AgencyFactory,
    CredentialFactory,
    DepartmentFactory,
    EnterpriseFactory,
    FounderFactory,
    GridFactory,
    GridTeamFactory,
    PlatformFactory,
    StationFactory,
    TalentFactory,
    VentureFactory,
    tier,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def make_tier(name: str, **fields) -> TalentTier:
    rank = 100 + TalentTier.objects.count()
    defaults = {"code": f"tier-{rank}", "rank": rank, "level": "district", "name_en": ""}
    return TalentTier.objects.create(name=name, **{**defaults, **fields})


@dataclass(frozen=True)
class ListCase:
    """One registry list: how to make a record named `name`, and one filter it offers."""

    entity: str
    make: Callable[..., object]
    # () → (query parameters, fields of a record the filter keeps, fields of one it drops)
    filter: Callable[[], tuple[dict, dict, dict]] | None = None
    extra: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.entity


def _department_filter():
    department = DepartmentFactory()
    return {"department": department.pk}, {"department": department}, {}


LIST_CASES = [
    ListCase(
        "talent",
        TalentFactory,
        lambda: ({"status": "left"}, {"status": "left"}, {"status": "in_zone"}),
    ),
    ListCase(
        "enterprise",
        EnterpriseFactory,
        lambda: ({"high_tech": "true"}, {"high_tech": True}, {"high_tech": False}),
    ),
    ListCase(
        "credential",
        CredentialFactory,
        lambda: ({"kind": "award"}, {"kind": "award"}, {"kind": "patent"}),
    ),
    ListCase(
        "platform",
        PlatformFactory,
        lambda: ({"kind": "academician"}, {"kind": "academician"}, {"kind": "postdoctoral"}),
    ),
    ListCase(
        "venture",
        VentureFactory,
        lambda: ({"stage": "growing"}, {"stage": "growing"}, {"stage": "incubating"}),
    ),
    ListCase("agency", AgencyFactory),
    ListCase(
        "station",
        StationFactory,
        lambda: ({"level": "municipal"}, {"level": "municipal"}, {"level": "district"}),
    ),
    ListCase("grid", GridFactory),
    ListCase("gridteam", GridTeamFactory, _department_filter),
    ListCase("department", DepartmentFactory),
    ListCase(
        "talenttier",
        make_tier,
        lambda: ({"level": "national"}, {"level": "national"}, {"level": "district"}),
    ),
]


def make(case: ListCase, name: str, **fields):
    if case.make is make_tier:
        return make_tier(name, **fields)
    return case.make(name=name, **fields)


def list_url(entity: str, **params) -> str:
    url = reverse(f"directory:{entity}-list")
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in params.items())}" if params else url


@pytest.fixture
def office_client(client, make_user):
    client.force_login(make_user(Role.OFFICE_ADMIN))
    return client


def listed(response) -> list[str]:
    return [str(row) for row in response.context["page"].object_list]


@pytest.mark.parametrize("case", LIST_CASES, ids=str)
def test_office_admin_sees_the_rows_of_every_registry_list(office_client, case):
    make(case, "闽东储能研究院")
    response = office_client.get(list_url(case.entity))
    assert response.status_code == 200
    assert "闽东储能研究院" in response.content.decode()


@pytest.mark.parametrize("case", LIST_CASES, ids=str)
def test_a_chinese_keyword_narrows_every_registry_list(office_client, case):
    make(case, "闽东储能研究院")
    make(case, "蕉城铜材加工厂")
    response = office_client.get(list_url(case.entity, q="储能"))
    assert "闽东储能研究院" in listed(response)
    assert "蕉城铜材加工厂" not in listed(response)


@pytest.mark.parametrize("case", [c for c in LIST_CASES if c.filter], ids=str)
def test_a_filter_of_the_bar_narrows_every_registry_list(office_client, case):
    params, kept_fields, dropped_fields = case.filter()
    make(case, "留下的记录", **kept_fields)
    make(case, "滤掉的记录", **dropped_fields)
    response = office_client.get(list_url(case.entity, **params))
    assert "留下的记录" in listed(response)
    assert "滤掉的记录" not in listed(response)


@pytest.mark.parametrize("case", LIST_CASES, ids=str)
def test_every_registry_list_sorts_by_name_both_ways(office_client, case):
    make(case, "A 甲记录")
    make(case, "B 乙记录")
    ascending = listed(office_client.get(list_url(case.entity, o="name")))
    descending = listed(office_client.get(list_url(case.entity, o="-name")))
    assert ascending.index("A 甲记录") < ascending.index("B 乙记录")
    assert descending.index("B 乙记录") < descending.index("A 甲记录")


@pytest.mark.parametrize("case", LIST_CASES, ids=str)
def test_every_registry_list_shows_25_rows_a_page_and_links_the_next_keeping_the_search(
    office_client, case
):
    for number in range(26):
        make(case, f"分页记录{number:02d}")
    response = office_client.get(list_url(case.entity, q="分页"))
    page = response.context["page"]
    assert page.paginator.count == 26
    assert len(page.object_list) == 25
    assert "q=%E5%88%86%E9%A1%B5&amp;page=2" in response.content.decode()
    second = office_client.get(list_url(case.entity, q="分页", page=2))
    assert len(second.context["page"].object_list) == 1


def test_sorting_on_a_field_outside_the_whitelist_keeps_the_default_order(office_client):
    TalentFactory.create_batch(2)
    response = office_client.get(list_url("talent", o="id_number"))
    assert response.status_code == 200
    assert response.context["order"] == ""


def test_an_htmx_request_for_the_results_gets_only_the_results(office_client):
    TalentFactory(name="林晓雯")
    response = office_client.get(
        list_url("talent", q="晓雯"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    body = response.content.decode()
    assert "林晓雯" in body
    assert "<html" not in body
    assert 'id="results"' in body


def test_a_list_without_htmx_is_a_whole_page(office_client):
    response = office_client.get(list_url("talent"))
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_the_credential_list_filtered_to_one_talent_names_that_talent(office_client):
    talent = TalentFactory(name="郑明轩")
    CredentialFactory(talent=talent, name="福建省高层次人才认定")
    CredentialFactory(name="别人的专利")
    response = office_client.get(list_url("credential", talent=talent.pk))
    assert listed(response) == ["福建省高层次人才认定"]
    assert response.context["unlisted_filters"][0]["shown"] == talent


def test_a_filter_on_a_talent_outside_the_scope_lists_nothing(client, make_user):
    acme = EnterpriseFactory()
    CredentialFactory(talent=TalentFactory(employer=acme))
    stranger = TalentFactory()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    response = client.get(list_url("credential", talent=stranger.pk))
    assert response.status_code == 200
    assert listed(response) == []
    assert stranger.name not in response.content.decode()


def test_the_list_filters_offer_only_what_the_user_can_see(client, make_user):
    acme, other = EnterpriseFactory(), EnterpriseFactory()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    response = client.get(list_url("talent"))
    employers = response.context["filterset"].form.fields["employer"].queryset
    assert list(employers) == [acme]
    assert other.name not in response.content.decode()


def test_enterprise_hr_lists_only_its_own_talents(client, make_user):
    acme = EnterpriseFactory()
    TalentFactory(employer=acme, name="本企业人才")
    TalentFactory(name="别家人才")
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    assert listed(client.get(list_url("talent"))) == ["本企业人才"]


@pytest.mark.parametrize(
    "make_record",
    [
        lambda: ("talent", TalentFactory()),
        lambda: ("enterprise", EnterpriseFactory()),
        lambda: ("credential", CredentialFactory()),
        lambda: ("platform", PlatformFactory()),
    ],
    ids=["talent", "enterprise", "credential", "platform"],
)
def test_a_record_outside_an_hr_users_scope_answers_404(client, make_user, make_record):
    entity, record = make_record()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=EnterpriseFactory()))
    assert client.get(reverse(f"directory:{entity}-detail", args=[record.pk])).status_code == 404
    assert client.get(reverse(f"directory:{entity}-edit", args=[record.pk])).status_code == 404


@pytest.mark.parametrize("case", LIST_CASES, ids=str)
def test_a_leader_gets_403_on_every_create_page(client, make_user, case):
    client.force_login(make_user(Role.LEADER))
    assert client.get(reverse(f"directory:{case.entity}-create")).status_code == 403


def test_a_leader_reads_a_talent_but_gets_403_on_its_edit_page_and_no_edit_button(
    client, make_user
):
    talent = TalentFactory()
    client.force_login(make_user(Role.LEADER))
    detail = client.get(reverse("directory:talent-detail", args=[talent.pk]))
    assert detail.status_code == 200
    assert 'data-testid="edit-button"' not in detail.content.decode()
    assert client.get(reverse("directory:talent-edit", args=[talent.pk])).status_code == 403
    posted = client.post(reverse("directory:talent-edit", args=[talent.pk]), {"name": "改名"})
    assert posted.status_code == 403


def test_a_leader_sees_no_new_button_and_an_office_admin_does(client, make_user):
    client.force_login(make_user(Role.LEADER))
    assert 'data-testid="create-button"' not in client.get(list_url("talent")).content.decode()
    client.force_login(make_user(Role.OFFICE_ADMIN))
    assert 'data-testid="create-button"' in client.get(list_url("talent")).content.decode()


def test_every_page_asks_a_visitor_to_sign_in(client):
    talent = TalentFactory()
    for url in (
        list_url("talent"),
        reverse("directory:talent-detail", args=[talent.pk]),
        reverse("directory:talent-create"),
        reverse("directory:talent-edit", args=[talent.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_talent_page_shows_its_credentials_and_hr_gets_the_edit_button(client, make_user):
    acme = EnterpriseFactory()
    talent = TalentFactory(employer=acme, arrival_date=datetime.date(2026, 11, 24))
    CredentialFactory(talent=talent, name="宁德市高层次人才认定")
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    body = client.get(reverse("directory:talent-detail", args=[talent.pk])).content.decode()
    assert "宁德市高层次人才认定" in body
    assert "2026-11-24" in body
    assert 'data-testid="edit-button"' in body
    assert talent.id_number not in body  # masked even for those who may edit (DESIGN §7)


def test_readers_who_cannot_change_a_talent_see_its_id_number_masked(client, make_user):
    talent = TalentFactory()
    client.force_login(make_user(Role.LEADER))
    body = client.get(reverse("directory:talent-detail", args=[talent.pk])).content.decode()
    assert talent.id_number not in body
    assert f"{talent.id_number[:4]}**********{talent.id_number[-4:]}" in body


def test_a_stations_service_phone_is_not_masked(client, make_user):
    station = StationFactory(phone="13905930002")
    client.force_login(make_user(Role.LEADER))
    body = client.get(reverse("directory:station-detail", args=[station.pk])).content.decode()
    assert "13905930002" in body


def test_the_enterprise_page_lists_its_talents_and_platforms(office_client):
    acme = EnterpriseFactory()
    TalentFactory(employer=acme, name="郑明轩")
    PlatformFactory(enterprise=acme, name="院士专家工作站")
    body = office_client.get(reverse("directory:enterprise-detail", args=[acme.pk])).content
    assert "郑明轩" in body.decode()
    assert "院士专家工作站" in body.decode()


def test_the_grid_page_lists_its_enterprises_and_team(office_client):
    team = GridTeamFactory(name="漳湾网格服务队")
    EnterpriseFactory(grid=team.grid, name="漳湾电机有限公司")
    body = office_client.get(reverse("directory:grid-detail", args=[team.grid.pk])).content
    assert "漳湾网格服务队" in body.decode()
    assert "漳湾电机有限公司" in body.decode()


def test_the_agency_page_lists_its_candidates_and_the_venture_page_its_founders(office_client):
    agency = AgencyFactory()
    TalentFactory(agency=agency, name="候选人王雨萱")
    founder = FounderFactory(name="黄晓雯")
    agency_page = office_client.get(reverse("directory:agency-detail", args=[agency.pk]))
    venture_page = office_client.get(reverse("directory:venture-detail", args=[founder.venture.pk]))
    assert "候选人王雨萱" in agency_page.content.decode()
    assert "黄晓雯" in venture_page.content.decode()


def talent_form(employer, **changes) -> dict:
    born = datetime.date(1990, 4, 2)
    data = {
        "name": "郑明轩",
        "gender": "male",
        "birth_date": "1990-04-02",
        "id_number": make_id_number("350981", born, 12, True),
        "phone": "13905937788",
        "education": "doctorate",
        "title": "none",
        "industry": "lithium_battery",
        "tier": tier("provincial_high").pk,
        "employer": employer.pk,
        "status": "in_zone",
    }
    return {**data, **changes}


def test_enterprise_hr_adds_a_talent_to_its_own_enterprise_through_the_form(client, make_user):
    acme = EnterpriseFactory()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    response = client.post(reverse("directory:talent-create"), talent_form(acme), follow=True)
    talent = Talent.objects.get()
    assert talent.employer == acme
    assert response.redirect_chain[-1][0] == reverse("directory:talent-detail", args=[talent.pk])
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_a_bad_id_number_shows_the_form_again_with_the_error_beside_it(client, make_user):
    acme = EnterpriseFactory()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    good = make_id_number("350981", datetime.date(1990, 4, 2), 12, True)
    mistyped = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(
        reverse("directory:talent-create"), talent_form(acme, id_number=mistyped), **ENGLISH
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    assert 'class="form-control is-invalid"' in body
    assert "The check digit of the ID number is wrong" in body
    assert f'value="{mistyped}"' in body
    assert 'value="郑明轩"' in body
    assert not Talent.objects.exists()


def test_an_empty_id_number_is_asked_for_rather_than_failing(client, make_user):
    acme = EnterpriseFactory()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    response = client.post(reverse("directory:talent-create"), talent_form(acme, id_number=""))
    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    assert not Talent.objects.exists()


def test_a_grid_officer_reads_a_talent_of_the_grid_but_may_not_edit_it(client, make_user):
    talent = TalentFactory()
    client.force_login(make_user(Role.GRID_OFFICER, grid=talent.employer.grid))
    assert client.get(reverse("directory:talent-detail", args=[talent.pk])).status_code == 200
    assert client.get(reverse("directory:talent-edit", args=[talent.pk])).status_code == 403


def test_enterprise_hr_may_only_choose_its_own_enterprise_as_employer(client, make_user):
    acme = EnterpriseFactory()
    EnterpriseFactory()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    form = client.get(reverse("directory:talent-create")).context["form"]
    assert list(form.fields["employer"].queryset) == [acme]
    other = EnterpriseFactory()
    response = client.post(reverse("directory:talent-create"), talent_form(other))
    assert "employer" in response.context["form"].errors
    assert not Talent.objects.exists()


def test_agency_staff_add_candidates_to_their_own_agency_only(client, make_user):
    agency = AgencyFactory()
    AgencyFactory()
    client.force_login(make_user(Role.AGENCY_STAFF, agency=agency))
    form = client.get(reverse("directory:talent-create")).context["form"]
    assert list(form.fields["agency"].queryset) == [agency]


def test_a_new_record_can_start_from_a_link_of_its_related_page(client, make_user):
    acme = EnterpriseFactory()
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    response = client.get(f"{reverse('directory:platform-create')}?enterprise={acme.pk}")
    assert response.context["form"]["enterprise"].value() == str(acme.pk)


def test_enterprise_hr_edits_its_talent_and_the_change_is_saved(client, make_user):
    acme = EnterpriseFactory()
    talent = TalentFactory(employer=acme)
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    data = {
        **talent_form(acme),
        "name": "陈思远",
        "birth_date": talent.birth_date.isoformat(),
        "id_number": talent.id_number,
        "tier": talent.tier.pk,
        "major": "电化学",
    }
    response = client.post(reverse("directory:talent-edit", args=[talent.pk]), data)
    assert response.status_code == 302
    talent.refresh_from_db()
    assert talent.major == "电化学"


def test_an_id_number_already_registered_is_refused_beside_the_field(client, make_user):
    acme = EnterpriseFactory()
    taken = TalentFactory(employer=acme)
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    data = talent_form(acme, birth_date=taken.birth_date.isoformat(), id_number=taken.id_number)
    response = client.post(reverse("directory:talent-create"), data)
    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    assert Talent.objects.count() == 1


def test_errors_a_service_raises_land_beside_their_fields_or_above_the_form(make_user):
    form = TalentForm(data={}, user=make_user(Role.OFFICE_ADMIN))
    form.is_valid()
    attach_errors(form, ValidationError({"phone": "号码已停用", "founders": "缺少创始人"}))
    assert "号码已停用" in form.errors["phone"]
    assert "缺少创始人" in form.non_field_errors()
    assert "is-invalid" in form.fields["phone"].widget.attrs["class"]


def venture_form(**changes) -> dict:
    data = {
        "name": "青创储能科技工作室",
        "field": "energy_storage",
        "stage": "incubating",
        "joined_on": "2025-09-01",
        "founders-TOTAL_FORMS": "2",
        "founders-INITIAL_FORMS": "0",
        "founders-MIN_NUM_FORMS": "0",
        "founders-MAX_NUM_FORMS": "1000",
        "founders-0-name": "黄晓雯",
        "founders-0-university": "宁德师范学院",
        "founders-0-graduation_year": "2023",
        "founders-0-is_lead": "on",
        "founders-1-name": "林志远",
        "founders-1-university": "闽江学院",
        "founders-1-graduation_year": "2024",
    }
    return {**data, **changes}


def test_the_office_creates_a_venture_with_its_founders(office_client):
    response = office_client.post(reverse("directory:venture-create"), venture_form())
    venture = Venture.objects.get()
    assert response.status_code == 302
    assert sorted(venture.founders.values_list("name", flat=True)) == ["林志远", "黄晓雯"]


def test_a_venture_without_a_lead_founder_is_shown_again_and_not_written(office_client):
    data = venture_form()
    del data["founders-0-is_lead"]
    response = office_client.post(reverse("directory:venture-create"), data, **ENGLISH)
    assert response.status_code == 200
    assert "Exactly one founder is the lead founder." in response.content.decode()
    assert not Venture.objects.exists()
    assert not Founder.objects.exists()


def test_editing_a_venture_replaces_its_founders(office_client):
    founder = FounderFactory(name="黄晓雯")
    venture = founder.venture
    data = venture_form(
        **{
            "name": venture.name,
            "founders-INITIAL_FORMS": "1",
            "founders-0-id": str(founder.pk),
            "founders-0-venture": str(venture.pk),
            "founders-0-DELETE": "on",
            "founders-1-is_lead": "on",
        }
    )
    response = office_client.post(reverse("directory:venture-edit", args=[venture.pk]), data)
    assert response.status_code == 302
    assert list(venture.founders.values_list("name", flat=True)) == ["林志远"]


def _membership(role: str) -> dict:
    return {
        Role.ENTERPRISE_HR: lambda: {"enterprise": EnterpriseFactory()},
        Role.AGENCY_STAFF: lambda: {"agency": AgencyFactory()},
        Role.GRID_OFFICER: lambda: {"grid": GridFactory()},
        Role.STATION_STAFF: lambda: {"station": StationFactory()},
    }.get(role, dict)()


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_the_home_page_of_every_role_answers_with_its_heading(client, make_user, role):
    user = make_user(role, **_membership(role))
    if role == Role.TALENT:
        TalentFactory(user=user)
    client.force_login(user)
    response = client.get(reverse("home"), **ENGLISH)
    assert response.status_code == 200
    heading, _intro = HOME_PAGES[role]
    with translation.override("en"):
        assert escape(str(heading)) in response.content.decode()


def test_a_list_page_speaks_english_when_the_browser_asks_for_it(office_client):
    response = office_client.get(list_url("talent"), **ENGLISH)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert ">Talents</h1>" in response.content.decode()


def test_a_list_page_speaks_english_after_choosing_it_with_the_language_cookie(office_client):
    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = office_client.get(list_url("enterprise")).content.decode()
    assert ">Enterprises</h1>" in body
