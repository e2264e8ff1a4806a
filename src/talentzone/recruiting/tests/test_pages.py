"""recruiting's pages: each renders for every role that may see it and answers 403 (may not act)
or 404 (may not see) to the others; forms show their errors beside the field and write nothing;
the match list shows scores by part, misses and "why not higher" from the pools the reader may
search; the pipeline and a referral's steps work through the pages; both languages read.

Text assertions ask for English explicitly, whatever the Chinese catalogue says.
"""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from talentzone.directory.choices import Education, TalentStatus
from talentzone.directory.models import Talent
from talentzone.recruiting import search, services
from talentzone.recruiting.choices import (
    ConsentMethod,
    DemandStatus,
    InterviewOutcome,
    ReferralStatus,
)
from talentzone.recruiting.models import CandidateProfile, Demand, Interview, Referral, Skill
from talentzone.recruiting.tests.factories import (
    DemandFactory,
    DemandSkillFactory,
    ProjectFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def url(name: str, *args) -> str:
    return reverse(f"recruiting:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


@dataclass
class Scene:
    """The zone of conftest.Zone with a demand of its enterprise (a bachelor's degree required,
    five years preferred, 化成 required and 涂布 preferred), agency A's own candidate, agency B's
    own candidate, a closed demand, a project, the skills list, and the index built."""

    zone: object
    demand: Demand
    closed: Demand
    mine: Talent
    theirs: Talent
    college: Talent
    project: object

    def refer(self, talent=None, actor=None) -> Referral:
        return services.referral_create(
            actor=actor or self.zone.staff,
            demand=self.demand,
            talent=talent or self.zone.talent,
            note="化成工艺经验丰富",
        )


@pytest.fixture
def scene(zone) -> Scene:
    SkillFactory(name="化成分容", synonyms="化成、分容")
    SkillFactory(name="涂布", synonyms="极片涂布")
    demand = zone.demand(
        title="电芯工艺工程师",
        min_education=Education.BACHELOR,
        education_required=True,
        min_years=5,
        years_required=False,
        location="宁德",
    )
    DemandSkillFactory(demand=demand, text="化成分容", required=True)
    DemandSkillFactory(demand=demand, text="涂布", required=False)
    closed = zone.demand(title="已关闭的岗位", status=DemandStatus.CLOSED)
    mine = zone.own_candidate(name="甲候选", skills="化成分容、涂布")
    theirs = zone.own_candidate(zone.other_agency, name="乙候选", skills="化成分容")
    college = zone.candidate(name="专科生", education=Education.COLLEGE, skills="化成分容")
    project = ProjectFactory(enterprise=zone.enterprise, title="固态电池联合攻关")
    search.rebuild_index()
    return Scene(zone, demand, closed, mine, theirs, college, project)


def get(client, user, path, **headers):
    client.force_login(user)
    return client.get(path, **{**ENGLISH, **headers})


def post(client, user, path, data, **headers):
    client.force_login(user)
    return client.post(path, data, **{**ENGLISH, **headers})


# Who sees which page --------------------------------------------------------------------------

EVERYONE = ("office", "leader", "hr", "staff", "talent_user")


def pages(scene):
    """(page, url, users who may see it, {user: status for the others})."""
    s, z = scene, scene.zone
    referral = s.refer()
    return [
        ("demand board", url("demand-list"), EVERYONE, {}),
        ("demand", url("demand-detail", s.demand.pk), EVERYONE, {}),
        (
            "closed demand",
            url("demand-detail", s.closed.pk),
            ("office", "hr", "staff"),
            {
                "other_hr": 404,
                "talent_user": 404,
            },
        ),
        ("new demand", url("demand-create"), ("office", "hr"), {"staff": 403, "talent_user": 403}),
        (
            "edit demand",
            url("demand-edit", s.demand.pk),
            ("office", "hr"),
            {
                "other_hr": 403,
                "staff": 403,
            },
        ),
        (
            "matches",
            url("demand-matches", s.demand.pk),
            ("office", "hr", "staff"),
            {
                "other_hr": 403,
                "talent_user": 403,
                "leader": 403,
            },
        ),
        (
            "explanation",
            url("candidate-explain", s.demand.pk, s.mine.pk),
            ("office", "staff"),
            {
                "other_staff": 404,
                "hr": 404,
            },
        ),
        (
            "registry explanation",
            url("candidate-explain", s.demand.pk, z.talent.pk),
            (
                "office",
                "staff",
                "hr",
                "talent_user",
            ),
            {"other_hr": 404},
        ),
        (
            "reverse view",
            url("candidate-demands", s.mine.pk),
            ("office", "staff"),
            {
                "other_staff": 404,
                "hr": 403,
            },
        ),
        ("jobs for me", url("jobs-for-me"), ("talent_user",), {"hr": 403, "staff": 403}),
        ("pipeline", url("pipeline"), EVERYONE, {}),
        (
            "referral",
            url("referral-detail", referral.pk),
            (
                "office",
                "leader",
                "hr",
                "staff",
                "talent_user",
            ),
            {"other_staff": 404, "other_hr": 404},
        ),
        (
            "agency performance",
            url("agency-performance"),
            ("office", "leader", "staff"),
            {
                "hr": 403,
                "talent_user": 403,
            },
        ),
        ("projects", url("project-list"), ("office", "leader", "hr"), {}),
        (
            "project",
            url("project-detail", s.project.pk),
            ("office", "leader", "hr"),
            {
                "other_hr": 404,
                "staff": 404,
            },
        ),
        ("new project", url("project-create"), ("office",), {"leader": 403, "hr": 403}),
        ("edit project", url("project-edit", s.project.pk), ("office",), {"hr": 403}),
        ("skills", url("skill-list"), EVERYONE, {}),
        ("new skill", url("skill-create"), ("office",), {"staff": 403, "hr": 403}),
        ("my profile", url("my-profile"), ("talent_user",), {"hr": 403, "staff": 403}),
        (
            "candidate profile",
            url("candidate-profile", s.mine.pk),
            ("office", "staff"),
            {
                "other_staff": 404,
            },
        ),
        ("pool", url("pool"), ("office", "staff"), {"hr": 403, "talent_user": 403}),
        (
            "register a candidate",
            url("candidate-register"),
            ("office", "staff"),
            {
                "hr": 403,
                "talent_user": 403,
            },
        ),
    ]


def test_every_page_renders_for_each_role_that_may_see_it_and_refuses_the_others(client, scene):
    for name, path, allowed, refused in pages(scene):
        for who in allowed:
            response = get(client, getattr(scene.zone, who), path)
            assert response.status_code == 200, (name, who, response.status_code)
            assert 'data-testid="page-title"' in text(response), (name, who)
        for who, status in refused.items():
            response = get(client, getattr(scene.zone, who), path)
            assert response.status_code == status, (name, who, response.status_code)


def test_pages_ask_to_sign_in_first(client, scene):
    response = client.get(url("demand-list"))
    assert response.status_code == 302 and "/login/" in response.url


def test_the_menu_offers_each_role_its_recruiting_pages(client, scene):
    talent_menu = text(get(client, scene.zone.talent_user, reverse("home")))
    assert url("jobs-for-me") in talent_menu and url("my-profile") in talent_menu
    assert url("pool") not in talent_menu
    agency_menu = text(get(client, scene.zone.staff, reverse("home")))
    for name in ("demand-list", "pipeline", "pool", "agency-performance"):
        assert url(name) in agency_menu
    office_menu = text(get(client, scene.zone.office, reverse("home")))
    assert url("project-list") in office_menu and url("skill-list") in office_menu


# The demand board and form ----------------------------------------------------------------------


def test_the_board_filters_by_skill_and_shows_cards_or_a_table(client, scene):
    page = text(get(client, scene.zone.staff, url("demand-list") + "?skill=化成"))
    assert "电芯工艺工程师" in page and "已关闭的岗位" not in page
    table = text(get(client, scene.zone.staff, url("demand-list") + "?view=table"))
    assert 'data-testid="demand-row"' in table and "已关闭的岗位" in table


def test_the_board_answers_an_htmx_filter_with_its_results_only(client, scene):
    response = get(
        client,
        scene.zone.hr,
        url("demand-list") + "?q=电芯",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="demand-results",
    )
    body = text(response)
    assert "<html" not in body and "电芯工艺工程师" in body


def test_the_demand_page_shows_each_requirement_required_or_preferred(client, scene):
    page = text(get(client, scene.zone.staff, url("demand-detail", scene.demand.pk)))
    assert page.count('data-testid="requirement"') == 2  # education, experience
    assert "Must have" in page and "Preferred" in page
    assert re.search(r'data-required="true">化成分容', page)
    assert re.search(r'data-required="false">涂布', page)


def demand_data(**overrides) -> dict:
    data = {
        "enterprise": "",
        "title": "叠片工艺工程师",
        "description": "负责叠片工序工艺开发",
        "headcount": "2",
        "location": "宁德",
        "salary_min": "9000",
        "salary_max": "14000",
        "deadline": "",
        "min_education": "bachelor",
        "education_required": "on",
        "majors": "",
        "min_years": "3",
        "min_title": "",
        "min_tier": "",
        "skills-TOTAL_FORMS": "3",
        "skills-INITIAL_FORMS": "0",
        "skills-MIN_NUM_FORMS": "0",
        "skills-MAX_NUM_FORMS": "30",
        "skills-0-text": "叠片",
        "skills-0-required": "on",
        "skills-1-text": "涂布",
        "skills-2-text": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_enterprise_hr_posts_a_demand_with_required_and_preferred_requirements(client, scene):
    zone = scene.zone
    response = post(
        client, zone.hr, url("demand-create"), demand_data(enterprise=str(zone.enterprise.pk))
    )
    demand = Demand.objects.get(title="叠片工艺工程师")
    assert response.status_code == 302 and response.url == url("demand-detail", demand.pk)
    assert demand.education_required and not demand.years_required
    assert {(row.text, row.required) for row in demand.skills.all()} == {
        ("叠片", True),
        ("涂布", False),
    }
    assert demand.posted_by == zone.hr


def test_the_demand_form_shows_each_error_beside_its_field_and_saves_nothing(client, scene):
    zone = scene.zone
    data = demand_data(
        enterprise=str(zone.enterprise.pk),
        min_education="",
        salary_min="20000",
        salary_max="10000",
        **{"skills-1-text": "叠片"},
    )
    response = post(client, zone.hr, url("demand-create"), data)
    assert response.status_code == 400
    page = text(response)
    assert not Demand.objects.filter(title="叠片工艺工程师").exists()
    assert (
        re.search(
            r'id="id_min_education"[^>]*is-invalid|is-invalid[^>]*id="id_min_education"', page
        )
        or 'class="form-select is-invalid" id="id_min_education"' in page
    )
    assert "switch “must have” off" in page
    assert "The salary range must run from low to high." in page
    assert "This skill is listed twice." in page


def test_hr_cannot_post_for_another_enterprise_nor_a_high_level_position(client, scene):
    zone = scene.zone
    data = demand_data(enterprise=str(zone.other_enterprise.pk))
    response = post(client, zone.hr, url("demand-create"), data)
    assert response.status_code == 400
    assert 'id="id_enterprise"' in text(response)
    assert not Demand.objects.filter(title="叠片工艺工程师").exists()
    assert 'name="high_level"' not in text(get(client, zone.hr, url("demand-create")))


def test_the_office_posts_a_high_level_position_under_a_project(client, scene):
    zone = scene.zone
    form = text(get(client, zone.office, url("demand-create") + f"?project={scene.project.pk}"))
    assert 'name="high_level"' in form
    data = demand_data(
        enterprise=str(zone.enterprise.pk), project=str(scene.project.pk), high_level="on"
    )
    response = post(client, zone.office, url("demand-create"), data)
    assert response.status_code == 302
    demand = Demand.objects.get(title="叠片工艺工程师")
    assert demand.high_level and demand.project == scene.project


def test_closing_a_demand_needs_a_reason_beside_the_field(client, scene):
    zone = scene.zone
    refused = post(client, zone.hr, url("demand-close", scene.demand.pk), {"reason": ""})
    assert refused.status_code == 400 and 'id="close_reason"' in text(refused)
    assert "is-invalid" in text(refused)
    done = post(client, zone.hr, url("demand-close", scene.demand.pk), {"reason": "已内部招满"})
    assert done.status_code == 302
    scene.demand.refresh_from_db()
    assert scene.demand.status == DemandStatus.CLOSED
    assert post(client, zone.hr, url("demand-reopen", scene.demand.pk), {}).status_code == 302
    scene.demand.refresh_from_db()
    assert scene.demand.status == DemandStatus.OPEN


def test_another_enterprise_may_not_close_a_demand(client, scene):
    response = post(
        client, scene.zone.other_hr, url("demand-close", scene.demand.pk), {"reason": "x"}
    )
    assert response.status_code == 403


# The match list -----------------------------------------------------------------------------------


def match_names(page: str) -> list[str]:
    return re.findall(r'data-testid="candidate-link">([^<]+)<', page)


def test_an_agency_sees_the_registry_and_its_own_pool_never_another_agencys(client, scene):
    page = text(get(client, scene.zone.staff, url("demand-matches", scene.demand.pk)))
    names = match_names(page)
    assert "甲候选" in names and "林晓峰" in names
    assert "乙候选" not in names
    assert "专科生" not in names  # fails the required bachelor's degree
    assert 'data-testid="legend"' in page and 'data-testid="score-bar"' in page
    assert 'data-part="skills"' in page
    assert 'data-testid="refer-form"' in page


def test_enterprise_hr_sees_registry_talents_only_and_cannot_refer(client, scene):
    page = text(get(client, scene.zone.hr, url("demand-matches", scene.demand.pk)))
    assert match_names(page) == ["林晓峰"]
    assert 'data-testid="refer-form"' not in page


def test_the_office_searches_every_pool_and_may_narrow_to_the_registry(client, scene):
    zone = scene.zone
    everyone = match_names(text(get(client, zone.office, url("demand-matches", scene.demand.pk))))
    assert {"甲候选", "乙候选", "林晓峰"} <= set(everyone)
    registry = match_names(
        text(get(client, zone.office, url("demand-matches", scene.demand.pk) + "?pool=registry"))
    )
    assert registry == ["林晓峰"]


def test_an_agency_may_narrow_the_list_to_its_own_pool(client, scene):
    page = text(get(client, scene.zone.staff, url("demand-matches", scene.demand.pk) + "?pool=own"))
    assert match_names(page) == ["甲候选"]


def test_each_match_shows_its_misses_and_why_it_is_not_higher(client, scene):
    page = text(get(client, scene.zone.staff, url("demand-matches", scene.demand.pk)))
    # 林晓峰 started in 2016 (more than five years) but lacks 涂布, a preferred skill.
    after = page.split(f'data-talent="{scene.zone.talent.pk}"')[1]
    row = after.split('data-testid="match-row"')[0]
    assert "Lacks the skill" in row
    assert 'data-testid="why-not-higher"' in row and 'data-testid="lost-row"' in row


def test_the_match_filters_narrow_the_list(client, scene):
    zone = scene.zone
    page = text(
        get(client, zone.staff, url("demand-matches", scene.demand.pk) + "?education=doctorate")
    )
    assert match_names(page) == []
    assert 'data-testid="no-results"' in page
    results = get(
        client,
        zone.staff,
        url("demand-matches", scene.demand.pk) + "?pool=registry",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="match-results",
    )
    assert "<html" not in text(results) and match_names(text(results)) == ["林晓峰"]


# One candidate explained, and referring -------------------------------------------------------


def test_the_explanation_adds_up_and_names_a_failed_required_requirement(client, scene):
    zone = scene.zone
    page = text(
        get(client, zone.office, url("candidate-explain", scene.demand.pk, scene.college.pk))
    )
    assert 'data-testid="ruled-out"' in page and 'data-testid="required-misses"' in page
    assert "Education" in page
    assert 'data-testid="refer-form"' not in page
    fits = text(get(client, zone.staff, url("candidate-explain", scene.demand.pk, scene.mine.pk)))
    assert 'data-testid="fits"' in fits and 'data-testid="parts-table"' in fits
    assert fits.count('data-testid="part-row"') == 9
    assert 'data-testid="refer-form"' in fits


def test_an_agency_refers_a_candidate_with_a_note(client, scene):
    zone = scene.zone
    response = post(
        client,
        zone.staff,
        url("referral-create", scene.demand.pk),
        {"talent": scene.mine.pk, "note": "八年化成经验"},
    )
    referral = Referral.objects.get(demand=scene.demand, talent=scene.mine)
    assert response.status_code == 302 and response.url == url("referral-detail", referral.pk)
    assert referral.agency == zone.agency and referral.note == "八年化成经验"
    assert referral.explanation["parts"]
    page = text(get(client, zone.staff, url("demand-matches", scene.demand.pk)))
    assert 'data-testid="already-referred"' in page


def test_referring_someone_who_fails_a_required_requirement_says_why_and_writes_nothing(
    client, scene
):
    response = post(
        client,
        scene.zone.office,
        url("referral-create", scene.demand.pk),
        {"talent": scene.college.pk, "note": ""},
    )
    assert response.status_code == 400
    assert "misses required requirements" in text(response)
    assert not Referral.objects.filter(talent=scene.college).exists()


def test_an_agency_cannot_refer_another_agencys_candidate(client, scene):
    response = post(
        client,
        scene.zone.staff,
        url("referral-create", scene.demand.pk),
        {"talent": scene.theirs.pk, "note": ""},
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_enterprise_hr_may_not_refer(client, scene):
    response = post(
        client,
        scene.zone.hr,
        url("referral-create", scene.demand.pk),
        {"talent": scene.zone.talent.pk, "note": ""},
    )
    assert response.status_code == 403


def test_enterprise_hr_reads_the_explanation_of_an_agency_candidate_referred_to_them(client, scene):
    scene.refer(talent=scene.mine)
    page = get(client, scene.zone.hr, url("candidate-explain", scene.demand.pk, scene.mine.pk))
    assert page.status_code == 200 and 'data-testid="already-referred"' in text(page)


# The reverse view --------------------------------------------------------------------------------


def test_an_agency_sees_the_demands_that_fit_its_candidate(client, scene):
    page = text(get(client, scene.zone.staff, url("candidate-demands", scene.mine.pk)))
    assert "电芯工艺工程师" in page and 'data-testid="demand-match"' in page
    assert "已关闭的岗位" not in page


def test_a_talent_sees_jobs_for_them_and_how_they_fit(client, scene):
    zone = scene.zone
    page = text(get(client, zone.talent_user, url("jobs-for-me")))
    assert "电芯工艺工程师" in page
    assert url("candidate-explain", scene.demand.pk, zone.talent.pk) in page
    own = get(client, zone.talent_user, url("candidate-explain", scene.demand.pk, zone.talent.pk))
    assert own.status_code == 200 and 'data-testid="refer-form"' not in text(own)


def test_a_talent_may_not_read_another_persons_explanation(client, scene):
    response = get(
        client, scene.zone.talent_user, url("candidate-explain", scene.demand.pk, scene.mine.pk)
    )
    assert response.status_code == 404


# Profiles and the pool ---------------------------------------------------------------------------


def profile_data(**overrides) -> dict:
    data = {
        "open_to_offers": "on",
        "summary": "十年电池工艺经验",
        "career_started": "2015",
        "expected_salary": "15000",
        "locations": "宁德",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_talent_opens_their_profile_only_by_ticking_the_consent(client, make_user):
    from talentzone.directory.tests.factories import TalentFactory

    user = make_user("talent")
    talent = TalentFactory(user=user)
    page = text(get(client, user, url("my-profile")))
    assert 'data-testid="consent-text"' in page and "never your ID or phone number" in page
    refused = post(client, user, url("my-profile"), profile_data())
    assert refused.status_code == 400
    assert "Tick this box to open your profile." in text(refused)
    assert not CandidateProfile.objects.filter(talent=talent).exists()
    done = post(client, user, url("my-profile"), profile_data(consent="on"))
    assert done.status_code == 302
    profile = CandidateProfile.objects.get(talent=talent)
    assert profile.open_to_offers and profile.consent_method == ConsentMethod.ONLINE
    closed = post(client, user, url("my-profile"), profile_data(open_to_offers=None))
    assert closed.status_code == 302
    profile.refresh_from_db()
    assert not profile.open_to_offers and profile.consent_at is not None


def test_the_profile_form_shows_a_bad_year_beside_its_field(client, scene):
    response = post(
        client,
        scene.zone.talent_user,
        url("my-profile"),
        profile_data(career_started="1800", consent="on"),
    )
    assert response.status_code == 400
    assert re.search(r'id="id_career_started"', text(response)) and "is-invalid" in text(response)


def register_data(agency, **overrides) -> dict:
    data = {
        "agency": agency.pk,
        "name": "郑新人",
        "gender": "male",
        "birth_date": "1990-05-17",
        "id_number": "",
        "phone": "13905930088",
        "education": "bachelor",
        "major": "化学工程",
        "title": "none",
        "industry": "lithium_battery",
        "tier": "",
        "skills": "化成分容、涂布",
        "summary": "五年锂电产线经验",
        "career_started": "2019",
        "expected_salary": "10000",
        "locations": "宁德",
        "consent_method": "signed_form",
    }
    data.update(overrides)
    return data


def test_an_agency_registers_a_candidate_with_consent_into_its_pool(client, scene):
    from talentzone.core.identifiers import make_id_number

    zone = scene.zone
    refused = post(
        client, zone.staff, url("candidate-register"), register_data(zone.agency, consent_method="")
    )
    assert refused.status_code == 400
    assert 'id="id_consent_method"' in text(refused) and "is-invalid" in text(refused)
    assert not Talent.objects.filter(name="郑新人").exists()
    number = make_id_number("350902", datetime.date(1990, 5, 17), 7, True)
    response = post(
        client, zone.staff, url("candidate-register"), register_data(zone.agency, id_number=number)
    )
    talent = Talent.objects.get(name="郑新人")
    assert response.status_code == 302 and response.url == url("candidate-demands", talent.pk)
    assert talent.status == TalentStatus.CANDIDATE and talent.agency == zone.agency
    assert talent.profile.open_to_offers
    assert talent.profile.consent_method == ConsentMethod.SIGNED_FORM
    pool = text(get(client, zone.staff, url("pool")))
    assert "郑新人" in pool and "甲候选" in pool and "乙候选" not in pool


def test_registering_a_bad_id_number_shows_the_error_beside_it(client, scene):
    response = post(
        client,
        scene.zone.staff,
        url("candidate-register"),
        register_data(scene.zone.agency, id_number="123"),
    )
    assert response.status_code == 400
    page = text(response)
    field = page.split('id="id_id_number"')[0].rsplit("<input", 1)[1]
    assert "is-invalid" in field
    assert not Talent.objects.filter(name="郑新人").exists()


def test_an_agency_keeps_its_candidates_profile_with_the_consent_method(client, scene):
    zone = scene.zone
    response = post(
        client,
        zone.staff,
        url("candidate-profile", scene.mine.pk),
        profile_data(open_to_offers=None),
    )
    assert response.status_code == 302
    scene.mine.profile.refresh_from_db()
    assert not scene.mine.profile.open_to_offers


# The pipeline and a referral's steps --------------------------------------------------------------


def test_the_board_has_a_column_per_status_and_narrows_to_one_demand(client, scene):
    zone = scene.zone
    scene.refer()
    other = zone.demand(title="另一岗位")
    services.referral_create(actor=zone.staff, demand=other, talent=scene.mine)
    board = text(get(client, zone.hr, url("pipeline")))
    assert board.count('data-testid="column"') == len(ReferralStatus)
    assert board.count('data-testid="referral-card"') == 2
    one = text(get(client, zone.hr, url("pipeline") + f"?demand={scene.demand.pk}"))
    assert one.count('data-testid="referral-card"') == 1 and "电芯工艺工程师" in one
    assert (
        text(get(client, zone.other_staff, url("pipeline"))).count('data-testid="referral-card"')
        == 0
    )


def test_a_referral_walks_from_shortlist_to_hire_through_its_page(client, scene):
    zone = scene.zone
    referral = scene.refer()
    detail = url("referral-detail", referral.pk)
    page = text(get(client, zone.hr, detail))
    assert 'data-testid="screen-form"' in page and 'data-testid="explanation"' in page
    assert 'data-testid="withdraw-form"' not in page
    assert (
        post(
            client,
            zone.hr,
            url("referral-screen", referral.pk),
            {"decision": "shortlist", "reason": ""},
        ).status_code
        == 302
    )
    starts = timezone.localtime() + datetime.timedelta(days=3)
    data = {
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "place": "共享面试室1",
        "interviewers": "王经理",
    }
    assert post(client, zone.hr, url("interview-schedule", referral.pk), data).status_code == 302
    interview = Interview.objects.get(referral=referral)
    outcome = {"outcome": InterviewOutcome.PASSED, "note": "表现优秀"}
    assert post(client, zone.hr, url("interview-record", interview.pk), outcome).status_code == 302
    assert (
        post(
            client, zone.hr, url("referral-offer", referral.pk), {"note": "月薪一万四"}
        ).status_code
        == 302
    )
    hired_on = timezone.localdate().isoformat()
    assert (
        post(client, zone.hr, url("referral-hire", referral.pk), {"hired_on": hired_on}).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.HIRED
    page = text(get(client, zone.staff, detail))
    statuses = re.findall(r'data-testid="event" data-status="(\w+)"', page)
    assert statuses == ["referred", "shortlisted", "interview", "interview", "offered", "hired"]
    assert 'data-testid="actions"' not in page


def test_scheduling_an_interview_in_the_past_shows_the_error_beside_the_time(client, scene):
    zone = scene.zone
    referral = scene.refer()
    services.referral_screen(actor=zone.hr, referral=referral, accept=True)
    data = {"starts_at": "2020-01-01T09:00", "place": "共享面试室1"}
    response = post(client, zone.hr, url("interview-schedule", referral.pk), data)
    assert response.status_code == 400
    page = text(response)
    field = page.split('id="interview_starts_at"')[0].rsplit("<input", 1)[1]
    assert "is-invalid" in field and "in the future" in page
    assert not Interview.objects.exists()


def test_turning_a_candidate_down_needs_a_reason(client, scene):
    referral = scene.refer()
    response = post(
        client, scene.zone.hr, url("referral-screen", referral.pk), {"decision": "reject"}
    )
    assert response.status_code == 400 and "Say why the candidate is not selected." in text(
        response
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFERRED


def test_the_candidate_declines_from_the_referral_page_and_the_agency_may_not_screen(client, scene):
    zone = scene.zone
    referral = scene.refer()
    page = text(get(client, zone.talent_user, url("referral-detail", referral.pk)))
    assert 'data-testid="decline-form"' in page and 'data-testid="screen-form"' not in page
    denied = post(
        client, zone.staff, url("referral-screen", referral.pk), {"decision": "shortlist"}
    )
    assert denied.status_code == 403
    done = post(
        client, zone.talent_user, url("referral-decline", referral.pk), {"reason": "已接受其他工作"}
    )
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED


def test_the_agency_withdraws_its_referral(client, scene):
    referral = scene.refer()
    response = post(
        client, scene.zone.staff, url("referral-withdraw", referral.pk), {"reason": "候选人失联"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


# The office's pages ----------------------------------------------------------------------------


def test_agency_performance_counts_referrals_and_hires(client, scene):
    zone = scene.zone
    scene.refer()
    page = text(get(client, zone.office, url("agency-performance")))
    assert "闽东甲人力" in page and "闽东乙人力" in page
    own = text(get(client, zone.staff, url("agency-performance")))
    assert "闽东甲人力" in own and "闽东乙人力" not in own
    year = text(get(client, zone.office, url("agency-performance") + "?year=2020"))
    assert 'data-testid="performance-row"' in year


def test_the_office_keeps_the_skills_list_with_errors_beside_the_field(client, scene):
    zone = scene.zone
    response = post(client, zone.office, url("skill-create"), {"name": "叠片", "synonyms": "涂布"})
    assert response.status_code == 400 and "is the name of another skill" in text(response)
    done = post(client, zone.office, url("skill-create"), {"name": "叠片", "synonyms": "叠片工艺"})
    assert done.status_code == 302 and Skill.objects.filter(name="叠片").exists()
    assert "叠片工艺" in text(get(client, zone.staff, url("skill-list") + "?q=叠片"))


def test_the_office_records_a_project_with_its_people_and_funding(client, scene):
    zone = scene.zone
    data = {
        "kind": "talent_project",
        "title": "钠离子电池人才项目",
        "partner": "福州大学",
        "enterprise": zone.enterprise.pk,
        "funding_yuan": "2,000,000",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "status": "active",
        "people_ids": f"{zone.talent.pk}, 999999",
        "description": "",
    }
    refused = post(client, zone.office, url("project-create"), data)
    assert refused.status_code == 400 and "999999" in text(refused)
    data["people_ids"] = str(zone.talent.pk)
    done = post(client, zone.office, url("project-create"), data)
    assert done.status_code == 302
    from talentzone.recruiting.models import Project

    project = Project.objects.get(title="钠离子电池人才项目")
    assert project.funding == 200_000_000 and list(project.people.all()) == [zone.talent]
    page = text(get(client, zone.office, url("project-detail", project.pk)))
    assert "¥2,000,000.00" in page and zone.talent.name in page


# Languages --------------------------------------------------------------------------------------


def test_the_match_list_reads_in_english_and_in_chinese(client, scene):
    client.force_login(scene.zone.staff)
    english = text(client.get(url("demand-matches", scene.demand.pk), **ENGLISH))
    assert 'lang="en"' in english and "Why not higher?" in english and "Skills" in english
    chinese = text(client.get(url("demand-matches", scene.demand.pk), **CHINESE))
    assert 'lang="zh-hans"' in chinese and "电芯工艺工程师" in chinese


def test_every_page_reads_in_chinese(client, scene):
    for name, path, allowed, _refused in pages(scene):
        response = get(client, getattr(scene.zone, allowed[0]), path, **CHINESE)
        assert response.status_code == 200, name
        assert 'lang="zh-hans"' in text(response), name


def test_a_demand_factory_is_enough_for_the_board(client, zone):
    DemandFactory(enterprise=zone.enterprise, title="设备工程师")
    assert "设备工程师" in text(get(client, zone.hr, url("demand-list")))
