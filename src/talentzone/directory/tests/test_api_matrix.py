"""Who may do what through the registry API: every role against every endpoint.

The tables below are the specification. For each endpoint and role they say what a create
(POST) answers, what a change (PATCH) of a row in the role's scope answers, which row that is
(reading it answers 200), a row outside the scope (read and PATCH answer 404, as if it did not
exist) and which rows of a small world the role lists.
"""

import datetime
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from talentzone.core.choices import Role
from talentzone.core.identifiers import make_id_number, make_uscc
from talentzone.directory.models import (
    Agency,
    Credential,
    Department,
    Enterprise,
    Grid,
    GridTeam,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)

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
    tier,
)

pytestmark = pytest.mark.django_db

ALL = "every row"  # the role lists every row of the table, whoever made it


@dataclass(frozen=True)
class Expect:
    create: int  # status of a POST
    update: int | None  # status of a PATCH on `own`
    own: str | None  # a row in the role's scope, read (200) and patched
    foreign: str | None  # a row outside the role's scope: 404 on read and on PATCH
    listed: frozenset[str] | str  # names of the world's rows the role lists, or ALL


def table(**rows: tuple) -> dict[str, Expect]:
    expectations = {}
    for role, (create, update, own, foreign, listed) in rows.items():
        names = listed if listed == ALL else frozenset(listed)
        expectations[Role(role)] = Expect(create, update, own, foreign, names)
    assert set(expectations) == set(Role), "every table names every role"
    return expectations


# fmt: off
MATRIX = {
    "talents": table(
        #               POST PATCH own row             foreign row      listed
        office_admin=  (201, 200,  "engineer",         None,            ALL),
        reviewer=      (403, 403,  "engineer",         None,            ALL),
        leader=        (403, 403,  "engineer",         None,            ALL),
        grid_officer=  (403, 403,  "engineer",         "globex_hand",   {"engineer", "me"}),
        enterprise_hr= (201, 200,  "engineer",         "globex_hand",   {"engineer", "me"}),
        agency_staff=  (201, 200,  "candidate",        "rival_pick",    {"candidate"}),
        station_staff= (403, None, None,               "engineer",      set()),
        talent=        (403, 403,  "me",               "engineer",      {"me"}),
        expert=        (403, None, None,               "engineer",      set()),
    ),
    "credentials": table(
        office_admin=  (201, 200,  "patent",           None,            ALL),
        reviewer=      (403, 403,  "patent",           None,            ALL),
        leader=        (403, 403,  "patent",           None,            ALL),
        grid_officer=  (403, 403,  "patent",           "globex_patent", {"patent", "my_patent"}),
        enterprise_hr= (201, 200,  "patent",           "globex_patent", {"patent", "my_patent"}),
        agency_staff=  (201, 200,  "candidate_patent", "patent",        {"candidate_patent"}),
        station_staff= (403, None, None,               "patent",        set()),
        talent=        (403, 403,  "my_patent",        "patent",        {"my_patent"}),
        expert=        (403, None, None,               "patent",        set()),
    ),
    "enterprises": table(
        office_admin=  (201, 200,  "acme",             None,            ALL),
        reviewer=      (403, 403,  "acme",             None,            ALL),
        leader=        (403, 403,  "acme",             None,            ALL),
        grid_officer=  (403, 403,  "acme",             "globex",        {"acme"}),
        enterprise_hr= (403, 200,  "acme",             "globex",        {"acme"}),
        agency_staff=  (403, 403,  "acme",             None,            ALL),
        station_staff= (403, 403,  "acme",             None,            ALL),
        talent=        (403, 403,  "acme",             "globex",        {"acme"}),
        expert=        (403, None, None,               "acme",          set()),
    ),
    "platforms": table(
        office_admin=  (201, 200,  "acme_lab",         None,            ALL),
        reviewer=      (403, 403,  "acme_lab",         None,            ALL),
        leader=        (403, 403,  "acme_lab",         None,            ALL),
        grid_officer=  (403, 403,  "acme_lab",         "globex_lab",    {"acme_lab"}),
        enterprise_hr= (201, 200,  "acme_lab",         "globex_lab",    {"acme_lab"}),
        agency_staff=  (403, 403,  "acme_lab",         None,            ALL),
        station_staff= (403, 403,  "acme_lab",         None,            ALL),
        talent=        (403, 403,  "acme_lab",         "globex_lab",    {"acme_lab"}),
        expert=        (403, None, None,               "acme_lab",      set()),
    ),
    "ventures": table(
        office_admin=  (201, 200,  "my_venture",       None,            ALL),
        reviewer=      (403, 403,  "my_venture",       None,            ALL),
        leader=        (403, 403,  "my_venture",       None,            ALL),
        grid_officer=  (403, None, None,               "other_venture", set()),
        enterprise_hr= (403, None, None,               "other_venture", set()),
        agency_staff=  (403, None, None,               "other_venture", set()),
        station_staff= (403, None, None,               "other_venture", set()),
        talent=        (403, 403,  "my_venture",       "other_venture", {"my_venture"}),
        expert=        (403, None, None,               "other_venture", set()),
    ),
    "agencies": table(
        office_admin=  (201, 200,  "agency",           None,            ALL),
        reviewer=      (403, 403,  "agency",           None,            ALL),
        leader=        (403, 403,  "agency",           None,            ALL),
        grid_officer=  (403, 403,  "agency",           None,            ALL),
        enterprise_hr= (403, 403,  "agency",           None,            ALL),
        agency_staff=  (403, 200,  "agency",           None,            ALL),
        station_staff= (403, 403,  "agency",           None,            ALL),
        talent=        (403, 403,  "agency",           None,            ALL),
        expert=        (403, 403,  "agency",           None,            ALL),
    ),
    "stations": table(
        office_admin=  (201, 200,  "station",          None,            ALL),
        reviewer=      (403, 403,  "station",          None,            ALL),
        leader=        (403, 403,  "station",          None,            ALL),
        grid_officer=  (403, 403,  "station",          None,            ALL),
        enterprise_hr= (403, 403,  "station",          None,            ALL),
        agency_staff=  (403, 403,  "station",          None,            ALL),
        station_staff= (403, 200,  "station",          None,            ALL),
        talent=        (403, 403,  "station",          None,            ALL),
        expert=        (403, 403,  "station",          None,            ALL),
    ),
}
# fmt: on


def office_only(own: str) -> dict[str, Expect]:
    """Reference data that every role reads and only the talent office writes."""
    rows = {role.value: (403, 403, own, None, ALL) for role in Role}
    rows["office_admin"] = (201, 200, own, None, ALL)
    return table(**rows)


MATRIX["grids"] = office_only("north")
MATRIX["grid-teams"] = office_only("north_team")
MATRIX["departments"] = office_only("talent_office")
MATRIX["tiers"] = office_only("municipal_tier")

MODELS = {
    "talents": Talent,
    "credentials": Credential,
    "enterprises": Enterprise,
    "platforms": Platform,
    "ventures": Venture,
    "agencies": Agency,
    "stations": Station,
    "grids": Grid,
    "grid-teams": GridTeam,
    "departments": Department,
    "tiers": TalentTier,
}

# A harmless change per endpoint, for the PATCH column.
CHANGES = {
    "talents": {"major": "电化学"},
    "credentials": {"issuer": "国家知识产权局"},
    "enterprises": {"address": "宁德市蕉城区漳湾镇新港路2号"},
    "platforms": {"name": "省级博士后创新实践基地"},
    "ventures": {"summary": "固态电池回收技术"},
    "agencies": {"services": "招聘流程外包"},
    "stations": {"address": "宁德市东侨经济技术开发区"},
    "grids": {"area": "漳湾片区"},
    "grid-teams": {"leader_name": "吴建华"},
    "departments": {"name": "人才工作办公室"},
    "tiers": {"name_en": "Municipal talent (renamed)"},
}

MEMBERSHIPS = {
    Role.OFFICE_ADMIN: "talent_office",
    Role.REVIEWER: "talent_office",
    Role.LEADER: "talent_office",
    Role.GRID_OFFICER: "north",
    Role.ENTERPRISE_HR: "acme",
    Role.AGENCY_STAFF: "agency",
    Role.STATION_STAFF: "station",
}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Nine users per test: the production hasher would make the matrix take minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(make_user):
    """Two grids with an enterprise each, two agencies with a candidate each, two stations, a
    talent who signs in, and two ventures of which that talent founded one."""
    w = {"talent_office": DepartmentFactory(name="人才办")}
    w["north"], w["south"] = GridFactory(name="北岸网格"), GridFactory(name="南岸网格")
    w["north_team"] = GridTeamFactory(grid=w["north"], department=w["talent_office"])
    w["south_team"] = GridTeamFactory(grid=w["south"])
    w["acme"] = EnterpriseFactory(name="宁德锂能科技有限公司", grid=w["north"])
    w["globex"] = EnterpriseFactory(name="福安电机有限公司", grid=w["south"])
    w["agency"], w["rival_agency"] = AgencyFactory(), AgencyFactory()
    w["station"], w["other_station"] = StationFactory(), StationFactory()
    w["municipal_tier"] = tier("municipal")
    w["engineer"] = TalentFactory(employer=w["acme"])
    w["globex_hand"] = TalentFactory(employer=w["globex"])
    w["candidate"] = candidate_of(w["agency"])
    w["rival_pick"] = candidate_of(w["rival_agency"])
    users = {role: make_user(role, **organisation_of(role, w)) for role in MEMBERSHIPS}
    users[Role.TALENT] = make_user(Role.TALENT)
    users[Role.EXPERT] = make_user(Role.EXPERT)  # an outside expert: no organisation
    w["me"] = TalentFactory(employer=w["acme"], user=users[Role.TALENT])
    w["patent"] = CredentialFactory(talent=w["engineer"])
    w["globex_patent"] = CredentialFactory(talent=w["globex_hand"])
    w["candidate_patent"] = CredentialFactory(talent=w["candidate"])
    w["my_patent"] = CredentialFactory(talent=w["me"])
    w["acme_lab"] = PlatformFactory(enterprise=w["acme"])
    w["globex_lab"] = PlatformFactory(enterprise=w["globex"])
    w["my_venture"] = FounderFactory(talent=w["me"]).venture
    w["other_venture"] = FounderFactory().venture
    w["users"] = users
    return w


def candidate_of(agency) -> Talent:
    return TalentFactory(employer=None, agency=agency, status="candidate")


def organisation_of(role: Role, w) -> dict:
    organisation = w[MEMBERSHIPS[role]]
    return {type(organisation)._meta.model_name: organisation}


def client_for(world, role: Role) -> APIClient:
    client = APIClient()
    client.force_login(world["users"][role])
    return client


def url(endpoint: str, row=None) -> str:
    return f"/api/v1/directory/{endpoint}/" + (f"{row.pk}/" if row is not None else "")


def cases(column: str | None = None) -> list:
    """(endpoint, role) pairs, only those where the table gives a value in `column`."""
    return [
        pytest.param(endpoint, role, id=f"{endpoint}-{role.value}")
        for endpoint, expectations in MATRIX.items()
        for role, expect in expectations.items()
        if column is None or getattr(expect, column) is not None
    ]


def create_payload(endpoint: str, world, role: Role) -> dict:
    """A valid new row that the role would own: its enterprise's talent, its agency's candidate."""
    born = datetime.date(1991, 3, 8)
    own_talent = world["candidate"] if role == Role.AGENCY_STAFF else world["engineer"]
    payloads = {
        "talents": lambda: {
            "name": "林书瑶",
            "gender": "female",
            "birth_date": born.isoformat(),
            "id_number": make_id_number("350902", born, 41, male=False),
            "phone": "13905936677",
            "education": "master",
            "industry": "battery_materials",
            **(
                {"agency": world["agency"].pk, "employer": None, "status": "candidate"}
                if role == Role.AGENCY_STAFF
                else {"employer": world["acme"].pk}
            ),
        },
        "credentials": lambda: {
            "talent": own_talent.pk,
            "kind": "award",
            "level": "provincial",
            "name": "福建省科学技术进步奖",
            "awarded_on": "2023-12-01",
        },
        "enterprises": lambda: {
            "name": "蕉城储能材料有限公司",
            "credit_code": make_uscc("350902", 77000001),
            "industry": "energy_storage",
            "grid": world["north"].pk,
        },
        "platforms": lambda: {
            "enterprise": world["acme"].pk,
            "kind": "rd_centre",
            "level": "municipal",
            "name": "宁德市锂电材料研发中心",
            "approved_on": "2022-06-30",
        },
        "ventures": lambda: {
            "name": "启航智能装备工作室",
            "field": "equipment",
            "joined_on": "2025-03-01",
            "founders": [
                {
                    "name": "周子涵",
                    "university": "闽江学院",
                    "graduation_year": 2024,
                    "is_lead": True,
                }
            ],
        },
        "agencies": lambda: {
            "name": "海西人才服务有限公司",
            "credit_code": make_uscc("350900", 8801),
        },
        "stations": lambda: {"name": "三都澳人才驿站", "level": "district"},
        "grids": lambda: {"name": "东侨网格", "code": "dongqiao"},
        "grid-teams": lambda: {"grid": GridFactory().pk, "name": "东侨网格服务队"},
        "departments": lambda: {"name": "经济发展局", "code": "economy"},
        "tiers": lambda: {
            "code": "zone_youth",
            "name": "园区青年人才",
            "rank": 90,
            "level": "district",
        },
    }
    return payloads[endpoint]()


def listed_pks(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(("endpoint", "role"), cases())
def test_a_list_holds_exactly_the_rows_in_the_roles_scope(world, endpoint, role):
    expect = MATRIX[endpoint][role]
    response = client_for(world, role).get(url(endpoint), {"page_size": 200})
    if expect.listed == ALL:
        expected = set(MODELS[endpoint].objects.values_list("pk", flat=True))
    else:
        expected = {world[name].pk for name in expect.listed}
    assert listed_pks(response) == expected


@pytest.mark.parametrize(("endpoint", "role"), cases("own"))
def test_a_row_in_scope_can_be_read(world, endpoint, role):
    row = world[MATRIX[endpoint][role].own]
    response = client_for(world, role).get(url(endpoint, row))
    assert response.status_code == 200
    assert response.json()["id"] == row.pk


@pytest.mark.parametrize(("endpoint", "role"), cases("foreign"))
def test_a_row_out_of_scope_answers_404_as_if_it_did_not_exist(world, endpoint, role):
    row = world[MATRIX[endpoint][role].foreign]
    response = client_for(world, role).get(url(endpoint, row))
    assert response.status_code == 404


@pytest.mark.parametrize(("endpoint", "role"), cases("foreign"))
def test_a_change_to_a_row_out_of_scope_answers_404(world, endpoint, role):
    row = world[MATRIX[endpoint][role].foreign]
    response = client_for(world, role).patch(url(endpoint, row), CHANGES[endpoint], format="json")
    assert response.status_code == 404


@pytest.mark.parametrize(("endpoint", "role"), cases())
def test_a_create_answers_as_the_role_allows(world, endpoint, role):
    expected = MATRIX[endpoint][role].create
    model = MODELS[endpoint]
    payload = create_payload(endpoint, world, role)
    rows_before = model.objects.count()
    response = client_for(world, role).post(url(endpoint), payload, format="json")
    assert response.status_code == expected, response.content
    assert model.objects.count() == rows_before + (1 if expected == 201 else 0)


@pytest.mark.parametrize(("endpoint", "role"), cases("update"))
def test_a_change_to_a_row_in_scope_answers_as_the_role_allows(world, endpoint, role):
    expect = MATRIX[endpoint][role]
    row = world[expect.own]
    [(field, value)] = CHANGES[endpoint].items()
    response = client_for(world, role).patch(url(endpoint, row), {field: value}, format="json")
    assert response.status_code == expect.update, response.content
    row.refresh_from_db()
    assert (getattr(row, field) == value) == (expect.update == 200)


@pytest.mark.parametrize("endpoint", MATRIX)
def test_without_signing_in_nothing_is_listed_read_or_written(world, endpoint):
    client, row = APIClient(), MODELS[endpoint].objects.order_by("pk").first()
    # Session authentication comes first in the settings and sends no challenge, hence 403.
    assert client.get(url(endpoint)).status_code == 403
    assert client.get(url(endpoint, row)).status_code == 403
    assert client.post(url(endpoint), {}, format="json").status_code == 403
    assert client.patch(url(endpoint, row), {}, format="json").status_code == 403


def test_enterprise_hr_cannot_add_a_talent_to_another_enterprise(world):
    payload = {**create_payload("talents", world, Role.ENTERPRISE_HR)}
    payload["employer"] = world["globex"].pk
    response = client_for(world, Role.ENTERPRISE_HR).post(url("talents"), payload, format="json")
    assert response.status_code == 403
    assert not Talent.objects.filter(name=payload["name"]).exists()


def test_enterprise_hr_cannot_move_its_talent_to_another_enterprise(world):
    client = client_for(world, Role.ENTERPRISE_HR)
    change = {"employer": world["globex"].pk}
    response = client.patch(url("talents", world["engineer"]), change, format="json")
    assert response.status_code == 403
    world["engineer"].refresh_from_db()
    assert world["engineer"].employer == world["acme"]


def test_agency_staff_cannot_add_a_candidate_to_another_agency(world):
    payload = create_payload("talents", world, Role.AGENCY_STAFF)
    payload["agency"] = world["rival_agency"].pk
    response = client_for(world, Role.AGENCY_STAFF).post(url("talents"), payload, format="json")
    assert response.status_code == 403


def test_station_staff_cannot_change_another_station(world):
    client = client_for(world, Role.STATION_STAFF)
    response = client.patch(url("stations", world["other_station"]), {"beds": 4}, format="json")
    assert response.status_code == 403


def test_nobody_deletes_through_the_api(world):
    client = client_for(world, Role.OFFICE_ADMIN)
    for endpoint in MATRIX:
        row = MODELS[endpoint].objects.order_by("pk").first()
        assert client.delete(url(endpoint, row)).status_code == 405


def test_a_browser_gets_json_that_names_nobody_outside_the_readers_scope(world):
    """The browsable API would fill its form's choice boxes with every talent in the zone."""
    client = client_for(world, Role.ENTERPRISE_HR)
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(url("credentials"), HTTP_ACCEPT=browser_accept)
    assert response["Content-Type"] == "application/json"
    assert world["globex_hand"].name not in response.content.decode()
