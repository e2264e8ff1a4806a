"""Grid visits: which enterprises are due a visit (the team's plan, 90 days by default, listed
14 days ahead), recording a visit, and the problems heard there becoming cases — all of them or,
on any refusal, none and no visit either."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.cases import queries, services
from talentzone.cases.choices import CaseSource
from talentzone.cases.models import Case, Visit, VisitPlan
from talentzone.cases.tests.conftest import MONDAY, NOW, codes
from talentzone.cases.tests.factories import CategoryFactory
from talentzone.directory.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def ago(days: int) -> datetime.date:
    return MONDAY - datetime.timedelta(days=days)


def visit(desk, actor=None, enterprise=None, findings=(), **fields):
    values = {
        "team": desk.team,
        "enterprise": enterprise or desk.enterprise,
        "visited_on": MONDAY,
        "visitors": "林志远、黄晓雯",
        "met": "人事总监",
        "notes": "企业反映人才公寓紧张，子女入学咨询多。",
        "findings": list(findings),
        "today": MONDAY,
        "now": NOW,
        **fields,
    }
    return services.visit_record(actor=actor or desk.officer, **values)


def finding(desk, title="人才公寓紧张", **fields):
    return {"category": desk.category, "title": title, "description": "需要十套公寓", **fields}


# Due lists ------------------------------------------------------------------------------------


def due(desk, **fields):
    rows = queries.visits_due(team=desk.team, today=MONDAY, **fields)
    return [(row["enterprise"].name, row["due_on"], row["overdue"]) for row in rows]


def test_an_enterprise_never_visited_is_due_today(desk):
    assert due(desk) == [(desk.enterprise.name, MONDAY, False)]


def test_due_within_the_next_14_days_is_listed_overdue_first(desk):
    soon = EnterpriseFactory(grid=desk.grid, name="A 即将到期")
    late = EnterpriseFactory(grid=desk.grid, name="B 已逾期")
    fresh = EnterpriseFactory(grid=desk.grid, name="C 刚走访")
    beyond = EnterpriseFactory(grid=desk.grid, name="D 十五天后")
    for enterprise, days in ((soon, 80), (late, 100), (fresh, 10), (beyond, 75)):
        visit(desk, enterprise=enterprise, visited_on=ago(days))
    visit(desk, visited_on=ago(90))  # due exactly today
    assert due(desk) == [
        (late.name, ago(10), True),
        (desk.enterprise.name, MONDAY, False),
        (soon.name, MONDAY + datetime.timedelta(days=10), False),
    ]


def test_the_last_visit_counts(desk):
    visit(desk, visited_on=ago(200))
    visit(desk, visited_on=ago(20))
    assert due(desk) == []


def test_the_office_sets_the_team_s_plan(desk):
    visit(desk, visited_on=ago(40))
    assert due(desk) == []
    plan = services.visit_plan_set(actor=desk.office, team=desk.team, interval_days=30)
    assert (plan.interval_days, plan.due_soon_days) == (30, 14)
    assert due(desk) == [(desk.enterprise.name, ago(10), True)]
    services.visit_plan_set(actor=desk.office, team=desk.team, interval_days=60, due_soon_days=30)
    assert due(desk) == [(desk.enterprise.name, MONDAY + datetime.timedelta(days=20), False)]
    assert VisitPlan.objects.count() == 1


def test_plan_refusals(desk):
    with pytest.raises(PermissionDenied):
        services.visit_plan_set(actor=desk.officer, team=desk.team, interval_days=30)
    with pytest.raises(ValidationError) as refused:
        services.visit_plan_set(actor=desk.office, team=desk.team, interval_days=0)
    assert codes(refused.value) == {"interval_days": ["invalid"]}


def test_each_team_lists_its_own_grid(desk):
    assert {row["team"] for row in queries.visits_due(today=MONDAY)} == {
        desk.team,
        desk.other_team,
    }
    other = queries.visits_due(teams=[desk.other_team], today=MONDAY)
    assert [row["enterprise"] for row in other] == [desk.other_enterprise]


# Recording ------------------------------------------------------------------------------------


def test_a_visit_s_findings_become_cases_of_the_enterprise(desk):
    schooling = CategoryFactory(name="子女入学", department=desk.policy)
    recorded = visit(
        desk,
        findings=[finding(desk), finding(desk, title="子女入学咨询", category=schooling)],
    )
    cases = list(Case.objects.filter(visit=recorded).order_by("id"))
    assert [case.title for case in cases] == ["人才公寓紧张", "子女入学咨询"]
    for case in cases:
        assert (case.source, case.enterprise, case.team) == (
            CaseSource.VISIT,
            desk.enterprise,
            desk.team,
        )
        assert case.raised_by == desk.officer
    assert recorded.recorded_by == desk.officer


def test_a_visit_without_findings(desk):
    recorded = visit(desk)
    assert recorded.cases.count() == 0


def test_one_bad_finding_writes_nothing(desk):
    with pytest.raises(ValidationError) as refused:
        visit(desk, findings=[finding(desk), finding(desk, title="")])
    assert codes(refused.value) == {"findings": ["required"]}
    assert "2" in refused.value.message_dict["findings"][0]
    assert not Visit.objects.exists() and not Case.objects.exists()


def test_an_inactive_category_in_a_finding_is_refused_by_number(desk):
    retired = CategoryFactory(active=False)
    with pytest.raises(ValidationError) as refused:
        visit(desk, findings=[finding(desk, category=retired)])
    assert codes(refused.value) == {"findings": ["inactive_category"]}
    assert "1" in refused.value.message_dict["findings"][0]
    assert not Visit.objects.exists()


def test_an_enterprise_outside_the_grid_is_refused(desk):
    with pytest.raises(ValidationError) as refused:
        visit(desk, enterprise=desk.other_enterprise, actor=desk.office)
    assert codes(refused.value) == {"enterprise": ["not_in_grid"]}


def test_a_visit_is_not_in_the_future(desk):
    with pytest.raises(ValidationError) as refused:
        visit(desk, visited_on=MONDAY + datetime.timedelta(days=1))
    assert codes(refused.value) == {"visited_on": ["future"]}


@pytest.mark.parametrize("who", ["other_officer", "hr", "leader", "housing_staff"])
def test_only_the_team_s_officers_and_the_office_record_visits(desk, who):
    with pytest.raises(PermissionDenied):
        visit(desk, actor=getattr(desk, who))
    visit(desk, actor=desk.office)
