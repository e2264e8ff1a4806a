"""In a real browser, a referral from the match list to the interview, each actor signed in as
themselves: an agency opens a demand's candidates, reads one candidate's explanation (the score
part by part, the requirements missed) and refers them with a note; the enterprise's HR finds the
referral on the pipeline board, shortlists the candidate and schedules the interview. The talent
then finds the position among the jobs for them, on a phone."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
    replay_data_migrations,
)
from talentzone.directory.choices import Education
from talentzone.directory.tests.factories import (
    AgencyFactory,
    EnterpriseFactory,
    MembershipFactory,
    TalentFactory,
    UserFactory,
)
from talentzone.recruiting import search
from talentzone.recruiting.models import Interview, Referral
from talentzone.recruiting.tests.factories import (
    CandidateProfileFactory,
    DemandFactory,
    DemandSkillFactory,
    SkillFactory,
    open_candidate,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]

PASSWORD = "demo-pass-123"  # UserFactory's
PHONE = {"width": 390, "height": 844}


def chinese(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=chinese("Sign in")).click()
    expect(page.get_by_test_id("home-title")).to_be_visible()


@pytest.fixture
def hiring(live_server):
    """An enterprise with its HR, an agency with its staff, a demand for a cell process engineer
    (a bachelor's degree required, 化成分容 required, 涂布 preferred), a registry talent with an
    account whose profile is open, and another open candidate who fits less well."""
    replay_data_migrations()
    SkillFactory(name="化成分容", synonyms="化成、分容")
    SkillFactory(name="涂布", synonyms="极片涂布")
    enterprise = EnterpriseFactory(name="宁德锂电甲公司")
    hr = UserFactory(username="hr-browser", roles=["enterprise_hr"])
    MembershipFactory(user=hr, enterprise=enterprise)
    agency = AgencyFactory(name="闽东甲人力")
    staff = UserFactory(username="agency-browser", roles=["agency_staff"])
    MembershipFactory(user=staff, agency=agency)
    talent_user = UserFactory(username="talent-browser", roles=["talent"])
    talent = TalentFactory(
        name="林晓峰", user=talent_user, education=Education.MASTER, skills="化成分容、电芯设计"
    )
    CandidateProfileFactory(talent=talent, locations="宁德")
    open_candidate(name="陈立", education=Education.BACHELOR, skills="化成分容")
    demand = DemandFactory(
        enterprise=enterprise,
        posted_by=hr,
        title="电芯化成工艺工程师",
        min_education=Education.BACHELOR,
        education_required=True,
        min_years=5,
    )
    DemandSkillFactory(demand=demand, text="化成分容", required=True)
    DemandSkillFactory(demand=demand, text="涂布", required=False)
    search.rebuild_index()
    return {"demand": demand, "talent": talent}


def test_an_agency_refers_a_matched_candidate_and_the_enterprise_schedules_the_interview(
    hiring, live_server, page, tmp_path
):
    demand, talent = hiring["demand"], hiring["talent"]

    # The agency opens the demand's candidates: each with a score bar by part and a legend.
    sign_in(page, live_server, "agency-browser")
    page.goto(f"{live_server.url}/recruiting/demands/{demand.pk}/")
    page.get_by_test_id("matches-button").click()
    expect(page.get_by_test_id("legend")).to_be_visible()
    row = page.get_by_test_id("match-row").filter(has_text=talent.name)
    expect(row.get_by_test_id("score-bar")).to_be_visible()
    expect(row.get_by_test_id("score-bar").locator("[data-part=skills]")).to_have_count(1)
    row.get_by_test_id("why-details").locator("summary").click()
    expect(row.get_by_test_id("lost-row").first).to_be_visible()
    page.screenshot(path=tmp_path / "matches.png", full_page=True)

    # It reads the candidate's explanation: every part, and what the candidate misses.
    row.get_by_test_id("candidate-link").click()
    expect(page.get_by_test_id("fits")).to_be_visible()
    expect(page.get_by_test_id("part-row")).to_have_count(9)
    total = page.get_by_test_id("parts-total").inner_text()
    expect(page.get_by_test_id("miss").first).to_be_visible()
    page.screenshot(path=tmp_path / "explanation.png", full_page=True)

    # And refers them with a note.
    page.get_by_label(chinese("Why this candidate")).fill(
        "八年化成分容工艺经验，主导过良率提升项目。"
    )
    page.get_by_test_id("refer-button").click()
    expect(page.get_by_test_id("referral-status").first).to_have_attribute(
        "data-status", "referred"
    )
    referral = Referral.objects.get(demand=demand, talent=talent)
    assert total == f"{referral.score} / 100"  # the referral keeps the score it was made with

    # The enterprise's HR finds it on the pipeline board, shortlists, schedules the interview.
    sign_in(page, live_server, "hr-browser")
    page.goto(f"{live_server.url}/recruiting/pipeline/")
    column = page.locator("[data-testid=column][data-status=referred]")
    page.screenshot(path=tmp_path / "pipeline.png", full_page=True)
    column.get_by_test_id("referral-card").filter(has_text=talent.name).click()
    expect(page.get_by_test_id("explanation")).to_be_visible()
    page.get_by_test_id("shortlist-button").click()
    expect(page.get_by_test_id("referral-status").first).to_have_attribute(
        "data-status", "shortlisted"
    )
    starts = timezone.localtime() + datetime.timedelta(days=3)
    form = page.get_by_test_id("interview-form")
    form.locator("input[name=starts_at]").fill(starts.strftime("%Y-%m-%dT10:00"))
    form.locator("input[name=place]").fill("人力资源服务产业园共享面试室2")
    form.locator("input[name=interviewers]").fill("王经理、李工")
    page.get_by_test_id("schedule-button").click()
    expect(page.get_by_test_id("referral-status").first).to_have_attribute(
        "data-status", "interview"
    )
    expect(page.get_by_test_id("interview")).to_contain_text("共享面试室2")
    statuses = page.get_by_test_id("event").evaluate_all("els => els.map(e => e.dataset.status)")
    assert statuses == ["referred", "shortlisted", "interview"]
    interview = Interview.objects.get(referral=referral)
    assert timezone.localtime(interview.starts_at).strftime("%Y-%m-%d %H:%M") == starts.strftime(
        "%Y-%m-%d 10:00"
    )
    page.screenshot(path=tmp_path / "referral-interview.png", full_page=True)

    # On a phone, the talent sees the position among the jobs for them, and the referral.
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "talent-browser")
    page.goto(f"{live_server.url}/recruiting/jobs/")
    match = page.get_by_test_id("demand-match").filter(has_text=demand.title)
    expect(match.get_by_test_id("score-bar")).to_be_visible()
    expect(match.get_by_test_id("referral-status")).to_have_attribute("data-status", "interview")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px wide)"
    page.screenshot(path=tmp_path / "talent-jobs-phone.png", full_page=True)
    page.get_by_test_id("profile-link").click()
    expect(page.get_by_test_id("profile-state")).to_have_attribute("data-open", "true")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the profile scrolls sideways on a phone ({width}px wide)"
    page.screenshot(path=tmp_path / "talent-profile-phone.png", full_page=True)
