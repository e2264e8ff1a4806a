"""The recruiting API: each endpoint for the roles that may use it and one that may not (403 for
a visible record one may not act on, 404 for one outside one's scope, 400 on the field at fault
for an id one cannot see), agency pool isolation through every door, and one referral from
the match list to the hire driven through the API alone."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.core.identifiers import make_id_number
from talentzone.directory.tests.factories import AgencyFactory, EnterpriseFactory, TalentFactory
from talentzone.recruiting import search
from talentzone.recruiting.choices import DemandStatus, ReferralStatus
from talentzone.recruiting.models import (
    CandidateProfile,
    Demand,
    DemandSkill,
    Project,
    Referral,
    ReferralEvent,
    Skill,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/recruiting"
NOW = timezone.now()
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def client_for(user) -> APIClient:
    """A client that asks for English answers (the messages are asserted in English)."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def errors_of(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content)
    return response.json()


def open_profile(talent, method="online", **data) -> CandidateProfile:
    data = {
        "career_started": 2015,
        "locations": "宁德",
        "summary": "负责极片涂布工艺和电芯设计",
        **data,
    }
    return CandidateProfile.objects.create(
        talent=talent, open_to_offers=True, consent_method=method, consent_at=NOW, **data
    )


class World:
    """Acme (with its HR) posts a coating-engineer demand that requires the coating skill and a
    bachelor's degree. Candidates: a registry talent with an account (open profile), a registry
    talent with a closed profile, agency A's own candidate and agency B's own candidate, all
    with the skill; and a registry talent without it. Beta is another enterprise with HR."""

    def __init__(self, make_user):
        self.coating = Skill.objects.create(name="涂布", synonyms="极片涂布、coating")
        self.acme = EnterpriseFactory(name="宁德锂电甲公司")
        self.beta = EnterpriseFactory(name="宁德材料乙公司")
        self.hr = make_user("enterprise_hr", enterprise=self.acme)
        self.beta_hr = make_user("enterprise_hr", enterprise=self.beta)
        self.agency_a = AgencyFactory(name="甲人力")
        self.agency_b = AgencyFactory(name="乙人力")
        self.staff_a = make_user("agency_staff", agency=self.agency_a)
        self.staff_b = make_user("agency_staff", agency=self.agency_b)
        self.office = make_user("office_admin")
        self.leader = make_user("leader")

        self.talent_user = make_user("talent")
        self.registry = TalentFactory(
            name="林涂布", user=self.talent_user, skills="涂布、电芯设计", education="master"
        )
        open_profile(self.registry)
        self.closed = TalentFactory(name="郑关闭", skills="涂布")
        CandidateProfile.objects.create(talent=self.closed, summary="涂布")
        self.pool_a = TalentFactory(
            name="甲候选", status="candidate", agency=self.agency_a, employer=None, skills="涂布"
        )
        open_profile(self.pool_a, method="signed_form")
        self.pool_b = TalentFactory(
            name="乙候选", status="candidate", agency=self.agency_b, employer=None, skills="涂布"
        )
        open_profile(self.pool_b, method="signed_form")
        self.unskilled_user = make_user("talent")
        self.unskilled = TalentFactory(name="吴无技", user=self.unskilled_user, skills="焊接")
        open_profile(self.unskilled, summary="焊接")

        self.demand = Demand.objects.create(
            enterprise=self.acme,
            title="涂布工艺工程师",
            description="负责极片涂布工艺改进",
            headcount=2,
            location="宁德",
            salary_min=8000,
            salary_max=15000,
            min_education="bachelor",
            education_required=True,
            posted_by=self.hr,
        )
        DemandSkill.objects.create(
            demand=self.demand, skill=self.coating, text="涂布", required=True
        )
        search.rebuild_index()

    def refer(self, talent=None, user=None, demand=None) -> Referral:
        from talentzone.recruiting import services

        return services.referral_create(
            actor=user or self.staff_a,
            demand=demand or self.demand,
            talent=talent or self.registry,
            note="经验丰富",
        )


@pytest.fixture
def world(make_user) -> World:
    return World(make_user)


def ids(rows) -> set[int]:
    return {row["id"] for row in rows}


def results(response) -> list[dict]:
    assert response.status_code == 200, (response.status_code, response.content)
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


# Signing in, skills, projects ----------------------------------------------------------------


def test_signing_in_is_required(world):
    for path in ("skills/", "demands/", "referrals/", f"demands/{world.demand.pk}/matches/"):
        assert client_for(None).get(f"{API}/{path}").status_code == 403


def test_everyone_signed_in_reads_the_skills_list_and_only_the_office_keeps_it(world):
    rows = results(client_for(world.talent_user).get(f"{API}/skills/"))
    assert [(row["name"], row["synonyms"]) for row in rows] == [("涂布", "极片涂布、coating")]
    payload = {"name": "叠片", "synonyms": "stacking"}
    for user in (world.hr, world.staff_a, world.talent_user, world.leader):
        assert client_for(user).post(f"{API}/skills/", payload, format="json").status_code == 403
    response = client_for(world.office).post(f"{API}/skills/", payload, format="json")
    assert response.status_code == 201, response.content
    assert Skill.objects.filter(name="叠片").exists()
    url = f"{API}/skills/{world.coating.pk}/"
    assert client_for(world.hr).patch(url, {"synonyms": "x"}, format="json").status_code == 403
    response = client_for(world.office).patch(url, {"synonyms": "涂覆"}, format="json")
    assert response.json()["synonyms"] == "涂覆"


def project_payload(world, **changes) -> dict:
    return {
        "kind": "cooperation",
        "title": "固态电池校企联合攻关",
        "partner": "厦门大学",
        "enterprise": world.acme.pk,
        "funding": 500_000_000,
        "starts_on": "2026-01-01",
        "ends_on": "2028-12-31",
        "people": [world.registry.pk],
        **changes,
    }


def test_the_office_creates_a_project_with_its_people_and_others_may_not(world):
    for user in (world.hr, world.staff_a, world.talent_user):
        response = client_for(user).post(f"{API}/projects/", project_payload(world), format="json")
        assert response.status_code == 403
    response = client_for(world.office).post(
        f"{API}/projects/", project_payload(world), format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["people"] == [world.registry.pk]
    assert body["enterprise_name"] == "宁德锂电甲公司"
    project = Project.objects.get(pk=body["id"])
    assert list(project.people.all()) == [world.registry]
    rows = results(client_for(world.leader).get(f"{API}/projects/"))
    assert ids(rows) == {project.pk}


def test_a_project_that_ends_before_it_starts_is_refused(world):
    payload = project_payload(world, ends_on="2025-01-01")
    response = client_for(world.office).post(f"{API}/projects/", payload, format="json")
    assert set(errors_of(response)) == {"ends_on"}
    assert not Project.objects.exists()


# Demands -------------------------------------------------------------------------------------


def demand_payload(**changes) -> dict:
    return {
        "title": "叠片设备工程师",
        "description": "负责叠片机调试与维护",
        "headcount": 3,
        "location": "宁德",
        "salary_min": 9000,
        "salary_max": 16000,
        "min_education": "college",
        "education_required": True,
        "min_years": 3,
        "years_required": False,
        "skills": [{"text": "涂布", "required": True}, {"text": "PLC", "required": False}],
        **changes,
    }


def test_enterprise_hr_posts_a_demand_for_their_enterprise_with_its_requirements(world):
    response = client_for(world.hr).post(f"{API}/demands/", demand_payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["enterprise"] == world.acme.pk
    assert body["status"] == DemandStatus.OPEN
    assert [(s["text"], s["required"]) for s in body["skills"]] == [("涂布", True), ("PLC", False)]
    assert body["skills"][0]["skill"] == world.coating.pk  # resolved against the list
    assert body["skills"][1]["skill"] is None  # free text kept
    demand = Demand.objects.get(pk=body["id"])
    assert demand.education_required and not demand.years_required


@pytest.mark.parametrize("role", ["talent", "agency_staff", "leader"])
def test_roles_that_do_not_hire_may_not_post_demands(world, make_user, role):
    response = client_for(make_user(role)).post(f"{API}/demands/", demand_payload(), format="json")
    assert response.status_code == 403


def test_enterprise_hr_may_not_post_for_another_enterprise(world):
    payload = demand_payload(enterprise=world.beta.pk)
    response = client_for(world.hr).post(f"{API}/demands/", payload, format="json")
    assert response.status_code == 403
    assert not Demand.objects.filter(enterprise=world.beta).exists()


def test_the_office_names_the_enterprise_and_a_high_level_position_needs_a_project(world):
    office = client_for(world.office)
    errors = errors_of(office.post(f"{API}/demands/", demand_payload(), format="json"))
    assert errors == {"enterprise": ["Say which enterprise the demand is for."]}
    payload = demand_payload(enterprise=world.acme.pk, high_level=True)
    assert set(errors_of(office.post(f"{API}/demands/", payload, format="json"))) == {"project"}
    project = Project.objects.create(
        kind="talent_project",
        title="固态电池人才项目",
        enterprise=world.acme,
        starts_on=TODAY,
        ends_on=TODAY,
    )
    response = office.post(f"{API}/demands/", {**payload, "project": project.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["project_title"] == "固态电池人才项目"
    # A high-level position is the office's, even for the enterprise's own HR.
    url = f"{API}/demands/{response.json()['id']}/"
    assert client_for(world.hr).patch(url, {"headcount": 1}, format="json").status_code == 403


def test_a_required_flag_without_a_value_is_refused_on_that_field(world):
    payload = demand_payload(min_title="", title_required=True)
    errors = errors_of(client_for(world.hr).post(f"{API}/demands/", payload, format="json"))
    assert set(errors) == {"min_title"}


def test_a_salary_range_running_backwards_is_refused(world):
    payload = demand_payload(salary_min=20000, salary_max=10000)
    errors = errors_of(client_for(world.hr).post(f"{API}/demands/", payload, format="json"))
    assert set(errors) == {"salary_max"}
    assert not Demand.objects.filter(title="叠片设备工程师").exists()


def test_the_demand_board_shows_each_role_its_demands(world):
    closed = Demand.objects.create(
        enterprise=world.beta, title="质量工程师", status=DemandStatus.CLOSED
    )
    assert ids(results(client_for(world.hr).get(f"{API}/demands/"))) == {world.demand.pk}
    assert ids(results(client_for(world.beta_hr).get(f"{API}/demands/"))) == {
        world.demand.pk,
        closed.pk,
    }
    assert ids(results(client_for(world.talent_user).get(f"{API}/demands/"))) == {world.demand.pk}
    assert world.demand.pk in ids(results(client_for(world.staff_a).get(f"{API}/demands/")))
    assert ids(results(client_for(world.office).get(f"{API}/demands/"))) >= {
        world.demand.pk,
        closed.pk,
    }
    assert client_for(world.hr).get(f"{API}/demands/{closed.pk}/").status_code == 404


def test_the_demand_board_filters_by_skill_synonym_status_and_keyword(world):
    other = Demand.objects.create(enterprise=world.acme, title="电芯设计工程师")
    office = client_for(world.office)
    rows = results(office.get(f"{API}/demands/", {"skill": "coating"}))
    assert ids(rows) == {world.demand.pk}
    rows = results(office.get(f"{API}/demands/", {"q": "电芯"}))
    assert ids(rows) == {other.pk}
    rows = results(office.get(f"{API}/demands/", {"status": "closed"}))
    assert rows == []


def test_hr_changes_their_demand_and_a_patch_without_skills_keeps_them(world):
    url = f"{API}/demands/{world.demand.pk}/"
    response = client_for(world.hr).patch(url, {"headcount": 5}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["headcount"] == 5
    assert [s["text"] for s in response.json()["skills"]] == ["涂布"]
    assert client_for(world.beta_hr).patch(url, {"headcount": 1}, format="json").status_code == 403
    assert (
        client_for(world.talent_user).patch(url, {"headcount": 1}, format="json").status_code == 403
    )
    assert client_for(world.staff_a).patch(url, {"headcount": 1}, format="json").status_code == 403


def test_hr_closes_a_demand_with_a_reason_and_reopens_it(world):
    url = f"{API}/demands/{world.demand.pk}"
    assert client_for(world.staff_a).post(f"{url}/close/", {"reason": "x"}).status_code == 403
    assert set(errors_of(client_for(world.hr).post(f"{url}/close/", {"reason": " "}))) == {"reason"}
    response = client_for(world.hr).post(f"{url}/close/", {"reason": "岗位已内部调剂"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == DemandStatus.CLOSED
    assert client_for(world.hr).post(f"{url}/close/", {"reason": "再"}).status_code == 400
    response = client_for(world.hr).post(f"{url}/reopen/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == DemandStatus.OPEN


# Matches -------------------------------------------------------------------------------------


def match_ids(response) -> list[int]:
    assert response.status_code == 200, (response.status_code, response.content)
    return [row["candidate"]["id"] for row in response.json()]


def test_an_agency_matches_the_registry_and_its_own_pool_never_another_agencys(world):
    found = match_ids(client_for(world.staff_a).get(f"{API}/demands/{world.demand.pk}/matches/"))
    assert set(found) == {world.registry.pk, world.pool_a.pk}
    found = match_ids(client_for(world.staff_b).get(f"{API}/demands/{world.demand.pk}/matches/"))
    assert set(found) == {world.registry.pk, world.pool_b.pk}


def test_the_office_matches_every_pool_and_hr_only_the_registry(world):
    url = f"{API}/demands/{world.demand.pk}/matches/"
    assert set(match_ids(client_for(world.office).get(url))) == {
        world.registry.pk,
        world.pool_a.pk,
        world.pool_b.pk,
    }
    assert match_ids(client_for(world.hr).get(url)) == [world.registry.pk]


def test_a_talent_and_another_enterprise_may_not_read_a_demands_matches(world):
    url = f"{API}/demands/{world.demand.pk}/matches/"
    assert client_for(world.talent_user).get(url).status_code == 403
    assert client_for(world.beta_hr).get(url).status_code == 403
    assert client_for(world.leader).get(url).status_code == 403


def test_each_match_carries_its_parts_that_add_up_and_its_misses_in_codes_and_words(world):
    rows = client_for(world.staff_a).get(f"{API}/demands/{world.demand.pk}/matches/").json()
    for row in rows:
        assert set(row["candidate"]) >= {"id", "name", "pool"}
        assert "id_number" not in row["candidate"] and "phone" not in row["candidate"]
        parts = row["parts"]
        assert {p["name"] for p in parts} >= {"skills", "education", "salary"}
        assert all(set(p) == {"name", "label", "points", "max_points", "reason"} for p in parts)
        assert round(sum(p["points"] for p in parts), 1) == pytest.approx(row["total"])
        for miss in row["misses"]:
            assert set(miss) == {"requirement", "label", "wanted", "has", "required", "text"}
            assert miss["required"] is False  # a listed candidate never misses a hard one
    [own] = [row for row in rows if row["candidate"]["id"] == world.pool_a.pk]
    assert own["candidate"]["pool"] == f"agency:{world.agency_a.pk}"
    skills = next(p for p in rows[0]["parts"] if p["name"] == "skills")
    assert skills["label"] == "Skills"


def test_matches_take_k_and_the_filter_bar_and_refuse_what_is_out_of_range(world):
    client = client_for(world.staff_a)
    url = f"{API}/demands/{world.demand.pk}/matches/"
    assert len(client.get(url, {"k": 1}).json()) == 1
    assert set(errors_of(client.get(url, {"k": 0}))) == {"k"}
    assert set(errors_of(client.get(url, {"k": 101}))) == {"k"}
    assert set(errors_of(client.get(url, {"pool": "agency:2"}))) == {"pool"}
    assert match_ids(client.get(url, {"pool": "own"})) == [world.pool_a.pk]
    assert match_ids(client.get(url, {"education": "doctorate"})) == []


# Candidates: explanations and the reverse view -----------------------------------------------


def test_an_agency_reads_why_a_registry_talent_matches_but_never_sees_another_agencys(world):
    client = client_for(world.staff_a)
    demand = world.demand.pk
    response = client.get(f"{API}/candidates/{world.registry.pk}/explain/", {"demand": demand})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["fits"] is True and body["open_to_offers"] is True
    assert body["candidate"]["name"] == "林涂布"
    assert round(sum(p["points"] for p in body["parts"]), 1) == pytest.approx(body["total"])
    url = f"{API}/candidates/{world.pool_b.pk}/explain/"
    assert client.get(url, {"demand": demand}).status_code == 404
    assert client_for(world.staff_b).get(url, {"demand": demand}).status_code == 200


def test_an_explanation_marks_the_hard_requirement_a_candidate_misses(world):
    response = client_for(world.office).get(
        f"{API}/candidates/{world.unskilled.pk}/explain/", {"demand": world.demand.pk}
    )
    body = response.json()
    assert body["fits"] is False
    required = [m for m in body["misses"] if m["required"]]
    assert [m["requirement"] for m in required] == ["skill"]
    assert "涂布" in required[0]["text"]


def test_an_explanation_needs_a_demand_the_caller_sees_and_may_match(world):
    closed = Demand.objects.create(
        enterprise=world.beta, title="质量工程师", status=DemandStatus.CLOSED
    )
    url = f"{API}/candidates/{world.registry.pk}/explain/"
    client = client_for(world.hr)
    assert set(errors_of(client.get(url))) == {"demand"}
    assert set(errors_of(client.get(url, {"demand": closed.pk}))) == {"demand"}
    assert set(errors_of(client.get(url, {"demand": 999_999}))) == {"demand"}
    # Beta's HR sees Acme's open demand on the board, but not who matches it.
    response = client_for(world.beta_hr).get(url, {"demand": world.demand.pk})
    assert response.status_code == 403


def test_a_closed_profile_is_no_candidate_for_anyone_but_the_office(world):
    url = f"{API}/candidates/{world.closed.pk}/explain/"
    assert client_for(world.staff_a).get(url, {"demand": world.demand.pk}).status_code == 404
    body = client_for(world.office).get(url, {"demand": world.demand.pk}).json()
    assert body["open_to_offers"] is False


def test_a_talent_without_a_profile_reads_an_empty_explanation_not_an_error(world, make_user):
    user = make_user("talent")
    talent = TalentFactory(user=user)
    client = client_for(user)
    body = client.get(f"{API}/candidates/{talent.pk}/explain/", {"demand": world.demand.pk}).json()
    assert (body["open_to_offers"], body["fits"], body["parts"]) == (False, False, [])
    assert client.get(f"{API}/candidates/{talent.pk}/demands/").status_code == 200


def test_a_talent_reads_the_demands_that_fit_them_and_nobody_elses(world):
    response = client_for(world.talent_user).get(f"{API}/candidates/{world.registry.pk}/demands/")
    assert response.status_code == 200, response.content
    [row] = response.json()
    assert row["demand"]["id"] == world.demand.pk
    assert row["demand"]["enterprise_name"] == "宁德锂电甲公司"
    assert round(sum(p["points"] for p in row["parts"]), 1) == pytest.approx(row["total"])
    # The unskilled talent misses the required skill: nothing fits them.
    mine = client_for(world.unskilled_user).get(f"{API}/candidates/{world.unskilled.pk}/demands/")
    assert mine.json() == []
    other = f"{API}/candidates/{world.registry.pk}/demands/"
    assert client_for(world.unskilled_user).get(other).status_code == 404


def test_an_agency_reads_the_demands_that_fit_its_own_candidate_not_another_agencys(world):
    rows = client_for(world.staff_a).get(f"{API}/candidates/{world.pool_a.pk}/demands/").json()
    assert [row["demand"]["id"] for row in rows] == [world.demand.pk]
    url = f"{API}/candidates/{world.pool_b.pk}/demands/"
    assert client_for(world.staff_a).get(url).status_code == 404


# Profiles ------------------------------------------------------------------------------------


def test_a_talent_reads_and_opens_their_own_profile_and_consent_is_recorded(world, make_user):
    user = make_user("talent")
    talent = TalentFactory(user=user)
    client = client_for(user)
    url = f"{API}/profiles/{talent.pk}/"
    body = client.get(url).json()
    assert body["open_to_offers"] is False and body["talent"] == talent.pk
    payload = {"open_to_offers": True, "summary": "十年电芯工艺经验", "expected_salary": 20000}
    response = client.put(url, payload, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["open_to_offers"] is True
    assert body["consent_method"] == "online"
    assert body["consent_at"]
    profile = CandidateProfile.objects.get(talent=talent)
    assert profile.consent_recorded_by == user
    assert client_for(world.talent_user).get(url).status_code == 404


def test_an_agency_edits_its_own_candidates_profile_but_not_another_agencys(world):
    url = f"{API}/profiles/{world.pool_a.pk}/"
    response = client_for(world.staff_a).patch(url, {"expected_salary": 12000}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["expected_salary"] == 12000
    other = f"{API}/profiles/{world.pool_b.pk}/"
    assert client_for(world.staff_a).get(other).status_code == 404
    assert (
        client_for(world.staff_a).patch(other, {"summary": "x"}, format="json").status_code == 404
    )


def test_someone_who_sees_a_candidate_but_does_not_hold_them_may_not_edit_their_profile(world):
    url = f"{API}/profiles/{world.registry.pk}/"
    assert client_for(world.staff_a).get(url).status_code == 200
    response = client_for(world.staff_a).patch(url, {"summary": "x"}, format="json")
    assert response.status_code == 403


def test_an_agency_opening_a_profile_says_how_the_person_agreed(world):
    pool = TalentFactory(status="candidate", agency=world.agency_a, employer=None)
    url = f"{API}/profiles/{pool.pk}/"
    response = client_for(world.staff_a).put(url, {"open_to_offers": True}, format="json")
    assert "consent_method" in errors_of(response)
    response = client_for(world.staff_a).put(
        url, {"open_to_offers": True, "consent_method": "recorded_call"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["consent_method"] == "recorded_call"


# The agency's pool ---------------------------------------------------------------------------


def registration(**changes) -> dict:
    born = datetime.date(1992, 3, 8)
    return {
        "talent": {
            "name": "黄新人",
            "gender": "female",
            "birth_date": born.isoformat(),
            "id_number": make_id_number("350902", born, 77, male=False),
            "phone": "13905937777",
            "education": "bachelor",
            "major": "化学工程",
            "industry": "lithium_battery",
            "skills": "涂布、分容",
        },
        "profile": {"summary": "三年涂布经验", "career_started": 2019, "locations": "宁德"},
        "consent_method": "signed_form",
        **changes,
    }


def test_an_agency_registers_a_candidate_into_its_own_pool_with_consent(world):
    response = client_for(world.staff_a).post(f"{API}/pool/", registration(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "candidate"
    assert body["agency"] == world.agency_a.pk
    assert body["pool"] == f"agency:{world.agency_a.pk}"
    profile = CandidateProfile.objects.get(talent_id=body["id"])
    assert profile.open_to_offers and profile.consent_method == "signed_form"
    rows = results(client_for(world.staff_a).get(f"{API}/pool/", {"own": "true"}))
    assert body["id"] in ids(rows)
    assert world.pool_b.pk not in ids(rows)
    assert body["id"] not in ids(results(client_for(world.staff_b).get(f"{API}/pool/")))


def test_the_pool_and_the_match_list_never_show_personal_numbers(world):
    body = client_for(world.staff_a).post(f"{API}/pool/", registration(), format="json").json()
    rows = results(client_for(world.staff_a).get(f"{API}/pool/", {"own": "true"}))
    matches = client_for(world.staff_a).get(f"{API}/demands/{world.demand.pk}/matches/").json()
    for shown in (body, rows, matches):
        assert "13905937777" not in str(shown) and "13805931234" not in str(shown)
        assert "'phone'" not in str(shown) and "'id_number'" not in str(shown)


def test_only_agencies_and_the_office_register_candidates(world):
    for user in (world.hr, world.talent_user, world.leader):
        response = client_for(user).post(f"{API}/pool/", registration(), format="json")
        assert response.status_code == 403


def test_an_agency_may_not_register_into_another_agencys_pool(world):
    response = client_for(world.staff_a).post(
        f"{API}/pool/", registration(agency=world.agency_b.pk), format="json"
    )
    assert set(errors_of(response)) == {"agency"}


def test_a_registration_without_consent_is_refused(world):
    payload = registration()
    del payload["consent_method"]
    response = client_for(world.staff_a).post(f"{API}/pool/", payload, format="json")
    assert set(errors_of(response)) == {"consent_method"}


# Referrals -----------------------------------------------------------------------------------


def test_an_agency_refers_a_registry_talent_and_the_match_is_kept(world):
    response = client_for(world.staff_a).post(
        f"{API}/referrals/",
        {"demand": world.demand.pk, "talent": world.registry.pk, "note": "十年经验"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == ReferralStatus.REFERRED
    assert body["agency"] == world.agency_a.pk
    assert body["score"] > 0
    assert body["explanation"]
    assert Referral.objects.filter(talent=world.registry, demand=world.demand).count() == 1


def test_an_agency_may_not_refer_another_agencys_candidate(world):
    response = client_for(world.staff_a).post(
        f"{API}/referrals/",
        {"demand": world.demand.pk, "talent": world.pool_b.pk},
        format="json",
    )
    assert set(errors_of(response)) == {"talent"}
    assert not Referral.objects.exists()


def test_a_candidate_who_misses_a_hard_requirement_is_refused_on_talent(world):
    response = client_for(world.staff_a).post(
        f"{API}/referrals/",
        {"demand": world.demand.pk, "talent": world.unskilled.pk},
        format="json",
    )
    assert set(errors_of(response)) == {"talent"}


def test_referring_twice_is_refused_and_never_a_server_error(world):
    world.refer()
    response = client_for(world.staff_a).post(
        f"{API}/referrals/",
        {"demand": world.demand.pk, "talent": world.registry.pk},
        format="json",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["enterprise_hr", "talent", "leader"])
def test_roles_that_do_not_propose_candidates_may_not_refer(world, make_user, role):
    response = client_for(make_user(role)).post(
        f"{API}/referrals/",
        {"demand": world.demand.pk, "talent": world.registry.pk},
        format="json",
    )
    assert response.status_code == 403


def test_referrals_are_seen_by_the_agency_the_enterprise_and_the_candidate_only(world):
    referral = world.refer()
    for user in (world.staff_a, world.hr, world.talent_user, world.office, world.leader):
        assert ids(results(client_for(user).get(f"{API}/referrals/"))) == {referral.pk}, user
    for user in (world.staff_b, world.beta_hr, world.unskilled_user):
        assert results(client_for(user).get(f"{API}/referrals/")) == []
        assert client_for(user).get(f"{API}/referrals/{referral.pk}/").status_code == 404


def test_referrals_filter_by_status_and_demand(world):
    referral = world.refer()
    office = client_for(world.office)
    assert ids(results(office.get(f"{API}/referrals/", {"status": "referred"}))) == {referral.pk}
    assert results(office.get(f"{API}/referrals/", {"status": "hired"})) == []
    assert results(office.get(f"{API}/referrals/", {"demand": world.demand.pk + 99})) == []


def test_a_referral_goes_from_referred_to_hired_through_the_api(world):
    referral = world.refer()
    url = f"{API}/referrals/{referral.pk}"
    hr = client_for(world.hr)

    assert client_for(world.staff_a).post(f"{url}/screen/", {"accept": True}).status_code == 403
    response = hr.post(f"{url}/screen/", {"accept": True}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ReferralStatus.SHORTLISTED

    past = {
        "starts_at": (NOW - datetime.timedelta(days=1)).isoformat(),
        "place": "人力资源服务产业园3楼面试室",
    }
    assert "starts_at" in errors_of(hr.post(f"{url}/interviews/", past, format="json"))
    future = {**past, "starts_at": (NOW + datetime.timedelta(days=3)).isoformat()}
    assert (
        client_for(world.staff_a).post(f"{url}/interviews/", future, format="json").status_code
        == 403
    )
    response = hr.post(f"{url}/interviews/", future, format="json")
    assert response.status_code == 201, response.content
    interview = response.json()
    assert interview["outcome"] == "pending"

    record = f"{API}/interviews/{interview['id']}/record/"
    assert client_for(world.staff_a).post(record, {"outcome": "passed"}).status_code == 403
    assert set(errors_of(hr.post(record, {"outcome": "pending"}))) == {"outcome"}
    response = hr.post(record, {"outcome": "passed", "note": "技术扎实"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "passed"

    response = hr.post(f"{url}/offer/", {"note": "月薪一万四"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ReferralStatus.OFFERED

    assert client_for(world.staff_a).post(f"{url}/hire/").status_code == 403
    response = hr.post(f"{url}/hire/", {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ReferralStatus.HIRED
    assert response.json()["hired_on"]
    world.demand.refresh_from_db()
    assert world.demand.hired == 1

    steps = client_for(world.staff_a).get(f"{url}/timeline/").json()
    assert [step["to_status"] for step in steps] == [
        ReferralStatus.REFERRED,
        ReferralStatus.SHORTLISTED,
        ReferralStatus.INTERVIEW,
        ReferralStatus.INTERVIEW,  # the interview's outcome, recorded as a step
        ReferralStatus.OFFERED,
        ReferralStatus.HIRED,
    ]
    assert steps[0]["actor_name"]
    assert steps[0]["from_status"] == ""
    assert ReferralEvent.objects.filter(referral=referral).count() == 6


def test_an_offer_before_an_interview_is_refused(world):
    referral = world.refer()
    response = client_for(world.hr).post(f"{API}/referrals/{referral.pk}/offer/", {}, format="json")
    assert response.status_code == 400


def test_turning_a_candidate_down_needs_a_reason(world):
    referral = world.refer()
    url = f"{API}/referrals/{referral.pk}"
    hr = client_for(world.hr)
    assert set(errors_of(hr.post(f"{url}/screen/", {"accept": False}))) == {"reason"}
    assert set(errors_of(hr.post(f"{url}/reject/", {"reason": ""}))) == {"reason"}
    response = hr.post(f"{url}/screen/", {"accept": False, "reason": "经验不足"}, format="json")
    assert response.json()["status"] == ReferralStatus.REJECTED


def test_the_candidate_declines_and_the_referring_agency_withdraws(world):
    referral = world.refer()
    url = f"{API}/referrals/{referral.pk}"
    assert client_for(world.hr).post(f"{url}/decline/", {"reason": "x"}).status_code == 403
    response = client_for(world.talent_user).post(f"{url}/decline/", {"reason": "已另有打算"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ReferralStatus.DECLINED

    second = world.refer(talent=world.pool_a)
    url = f"{API}/referrals/{second.pk}"
    assert client_for(world.staff_b).post(f"{url}/withdraw/", {"reason": "x"}).status_code == 404
    assert client_for(world.hr).post(f"{url}/withdraw/", {"reason": "x"}).status_code == 403
    response = client_for(world.staff_a).post(f"{url}/withdraw/", {"reason": "候选人联系不上"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ReferralStatus.WITHDRAWN
    response = client_for(world.staff_a).post(f"{url}/withdraw/", {"reason": "再次"})
    assert response.status_code == 400


def test_interviews_are_listed_with_the_referrals_one_sees(world):
    from talentzone.recruiting import services

    referral = world.refer()
    services.referral_screen(actor=world.hr, referral=referral, accept=True)
    interview = services.interview_schedule(
        actor=world.hr,
        referral=referral,
        starts_at=NOW + datetime.timedelta(days=2),
        place="产业园面试室",
    )
    assert ids(results(client_for(world.staff_a).get(f"{API}/interviews/"))) == {interview.pk}
    assert results(client_for(world.staff_b).get(f"{API}/interviews/")) == []
    url = f"{API}/interviews/{interview.pk}/record/"
    assert client_for(world.staff_b).post(url, {"outcome": "passed"}).status_code == 404


# Agency performance --------------------------------------------------------------------------


def test_the_office_reads_every_agencys_performance_and_an_agency_its_own(world):
    world.refer()
    world.refer(talent=world.pool_b, user=world.staff_b)
    rows = client_for(world.office).get(f"{API}/agency-performance/").json()
    by_agency = {row["agency"]: row for row in rows}
    assert by_agency[world.agency_a.pk]["referrals"] == 1
    assert by_agency[world.agency_b.pk]["referrals"] == 1
    rows = client_for(world.staff_a).get(f"{API}/agency-performance/").json()
    assert [row["agency"] for row in rows] == [world.agency_a.pk]
    for user in (world.hr, world.talent_user):
        assert client_for(user).get(f"{API}/agency-performance/").status_code == 403
    assert set(
        errors_of(client_for(world.office).get(f"{API}/agency-performance/", {"year": 1}))
    ) == {"year"}


# The schema ----------------------------------------------------------------------------------


def test_the_openapi_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        file=str(tmp_path / "schema.yaml"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    schema = (tmp_path / "schema.yaml").read_text()
    for path in (
        "/api/v1/recruiting/demands/{id}/matches/",
        "/api/v1/recruiting/candidates/{talent_id}/explain/",
        "/api/v1/recruiting/profiles/{talent_id}/",
        "/api/v1/recruiting/referrals/{id}/interviews/",
        "/api/v1/recruiting/interviews/{id}/record/",
    ):
        assert path in schema
