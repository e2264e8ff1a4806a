"""In a real browser: an expert scores their nominees from the keyboard (the first criterion has
the focus; type, Tab, type, Enter saves and opens the next nominee); the other experts' scores
come through the services; the talent office opens the ranking, publishes it (the round goes on
public notice), and the notice names the winners."""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from talentzone.awards import services
from talentzone.awards.choices import EntryStatus, NominationStatus, RoundStatus
from talentzone.awards.models import Assignment, RankingEntry, Score
from talentzone.awards.tests.factories import (
    ExpertFactory,
    NominationFactory,
    RoundFactory,
    with_criteria,
)
from talentzone.core.tests.test_browser import (  # the browser set-up shared by browser tests
    CHROMIUM,
    browser_context_args,  # noqa: F401
    browser_type_launch_args,  # noqa: F401
)
from talentzone.directory.tests.factories import TalentFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`"),
]

PASSWORD = "demo-pass-123"  # UserFactory's


def sign_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("button.btn-primary[type=submit]").click()
    expect(page.get_by_test_id("home-title")).to_be_visible()


def test_an_expert_scores_from_the_keyboard_and_the_office_publishes_the_ranking(
    reference_data, live_server, page, tmp_path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    office = UserFactory(roles=["office_admin"])
    round_ = RoundFactory(status=RoundStatus.SCREENING, quota=2, title="2026年度优秀人才评选")
    criteria = with_criteria(
        round_
    )  # 创新成果 50% of 50, 经济社会效益 30% of 30, 团队与培养 20% of 10
    names = ("林晓峰", "陈雨桐", "黄志明")
    nominations = [
        NominationFactory(
            round=round_, status=NominationStatus.ADMITTED, talent=TalentFactory(name=name)
        )
        for name in names
    ]
    experts = [ExpertFactory(name=name) for name in ("王教授", "李研究员", "张高工")]
    services.panel_set(actor=office, round=round_, experts=experts)
    services.round_start_scoring(actor=office, round=round_)
    me, others = experts[0], experts[1:]

    # The expert scores the three nominees one at a time, from the keyboard only.
    sign_in(page, live_server, me.user)
    page.goto(f"{live_server.url}/awards/scoring/")
    page.get_by_test_id("start-scoring").click()
    mine = {(40, 25, 9), (35, 20, 8), (30, 15, 5)}
    typed = [(40, 25, 9), (35, 20, 8), (30, 15, 5)]
    for number, points in enumerate(typed, start=1):
        expect(page.get_by_test_id("position")).to_have_attribute("data-position", str(number))
        expect(page.get_by_test_id("score-input").first).to_be_focused()
        for index, value in enumerate(points):
            page.keyboard.type(str(value))
            if index < len(points) - 1:
                page.keyboard.press("Tab")
        if number == 1:
            expect(page.get_by_test_id("live-total")).to_have_text("83.00")  # 40 + 25 + 2 × 9
            page.screenshot(path=tmp_path / "scoring.png", full_page=True)
        page.keyboard.press("Enter")
    expect(page.get_by_test_id("page-title")).to_be_visible()
    expect(page.locator('[data-testid="assignment"][data-state="done"]')).to_have_count(3)
    given = {
        tuple(
            int(s.points)
            for s in Score.objects.filter(assignment=a).order_by("criterion__position")
        )
        for a in Assignment.objects.filter(expert=me)
    }
    assert given == mine

    # The other experts score through the services.
    for expert in others:
        for nomination, points in zip(nominations, typed, strict=True):
            services.score_submit(
                actor=expert.user,
                assignment=Assignment.objects.get(expert=expert, nomination=nomination),
                points={c.pk: Decimal(p) for c, p in zip(criteria, points, strict=True)},
            )

    # The office opens the ranking, sees every scoresheet in, and publishes it.
    sign_in(page, live_server, office)
    page.goto(f"{live_server.url}/awards/{round_.pk}/ranking/")
    expect(page.get_by_test_id("publish-blocked")).to_have_count(0)
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("entry")).to_have_count(3)
    expect(page.locator('[data-testid="entry"][data-rank="1"]')).to_contain_text(names[0])
    page.screenshot(path=tmp_path / "ranking.png", full_page=True)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.NOTICE
    assert list(
        RankingEntry.objects.filter(round=round_).order_by("rank").values_list("status", flat=True)
    ) == [EntryStatus.NOTICE, EntryStatus.NOTICE, EntryStatus.RANKED]

    # The public notice names the two within the quota.
    page.get_by_test_id("notice-link").click()
    expect(page.get_by_test_id("winner-name")).to_have_text([names[0], names[1]])
    page.screenshot(path=tmp_path / "notice.png", full_page=True)
