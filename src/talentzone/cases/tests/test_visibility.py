"""Who sees which cases (queries.visible_cases, the `view_case` permission), what waits for whom
(queries.queue "mine"), a requester's own cases, the timeline and the grid overview's figures."""

import datetime

import pytest

from talentzone.cases import queries, services
from talentzone.cases.choices import CaseEventKind, CaseStatus, Level
from talentzone.cases.tests.conftest import MONDAY, NOW, at, day
from talentzone.directory.tests.factories import TalentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(desk):
    """One case of each party: ours (the enterprise's, at level 1), the talent's own, the other
    grid's enterprise's, and one of ours at level 2 with the housing department."""
    return {
        "ours": desk.raise_case(),
        "talent": desk.raise_case(actor=desk.talent_user),
        "theirs": desk.raise_case(actor=desk.other_hr),
        "level_2": desk.at_level(2),
    }


def seen(user, cases) -> set[str]:
    visible = set(queries.visible_cases(user).values_list("pk", flat=True))
    names = {name for name, case in cases.items() if case.pk in visible}
    for name, case in cases.items():  # the permission agrees with the query
        assert user.has_perm("cases.view_case", case) == (name in names), (user, name)
    return names


def test_an_enterprise_sees_only_its_own_cases(desk, cases):
    assert seen(desk.hr, cases) == {"ours", "level_2"}
    assert seen(desk.other_hr, cases) == {"theirs"}


def test_a_grid_team_sees_its_grid_s_cases_at_every_level(desk, cases):
    assert seen(desk.officer, cases) == {"ours", "talent", "level_2"}
    assert seen(desk.other_officer, cases) == {"theirs"}


def test_a_department_sees_the_cases_that_reached_it(desk, cases):
    assert seen(desk.housing_staff, cases) == {"level_2"}
    assert seen(desk.policy_staff, cases) == set()


def test_a_department_invited_to_a_consultation_sees_that_case(desk, cases):
    case = desk.at_level(3)
    cases["level_3"] = case
    assert seen(desk.policy_staff, cases) == set()
    services.consultation_schedule(
        actor=desk.office,
        case=case,
        scheduled_at=at(day(5)),
        place="会议室",
        departments=[desk.policy],
        now=NOW,
    )
    assert seen(desk.policy_staff, cases) == {"level_3"}


def test_a_talent_sees_only_the_cases_about_them(desk, cases):
    about_them = desk.raise_case(actor=desk.officer, talent=desk.talent)
    cases["about_them"] = about_them
    colleague = TalentFactory(employer=desk.enterprise)
    cases["colleague"] = desk.raise_case(actor=desk.officer, talent=colleague)
    assert seen(desk.talent_user, cases) == {"talent", "about_them"}


def test_the_office_and_leaders_see_everything(desk, cases):
    assert seen(desk.office, cases) == set(cases)
    assert seen(desk.leader, cases) == set(cases)


def test_nobody_signed_out_sees_anything(desk, cases):
    from django.contrib.auth.models import AnonymousUser

    assert not queries.visible_cases(AnonymousUser()).exists()


# Queues ---------------------------------------------------------------------------------------


def mine(user, **filters) -> set[int]:
    return set(queries.queue(user, scope="mine", **filters).values_list("pk", flat=True))


def test_each_level_s_queue_holds_what_waits_there(desk, cases):
    ours, talent, level_2 = cases["ours"], cases["talent"], cases["level_2"]
    assert mine(desk.officer) == {ours.pk, talent.pk}
    assert mine(desk.housing_staff) == {level_2.pk}
    assert mine(desk.other_officer) == {cases["theirs"].pk}
    assert mine(desk.office) == set()  # nothing at level 3 yet
    level_3 = desk.at_level(3)
    assert mine(desk.office) == {level_3.pk}
    assert level_3.pk not in mine(desk.housing_staff)


def test_a_resolved_case_waits_for_its_requester(desk, cases):
    assert mine(desk.hr) == set()
    services.case_resolve(actor=desk.officer, case=cases["ours"], resolution="已处理", now=NOW)
    assert mine(desk.hr) == {cases["ours"].pk}
    assert cases["ours"].pk not in mine(desk.officer)


def test_all_and_the_filters(desk, cases):
    everything = set(queries.queue(desk.officer, scope="all").values_list("pk", flat=True))
    assert everything == {cases[name].pk for name in ("ours", "talent", "level_2")}
    at_2 = queries.queue(desk.office, scope="all", level=Level.DEPARTMENT)
    assert list(at_2) == [cases["level_2"]]
    late = queries.queue(desk.office, scope="all", overdue=True, today=day(9))
    assert {case.pk for case in late} == {cases[n].pk for n in ("ours", "talent", "theirs")}
    in_time = queries.queue(desk.office, scope="all", overdue=False, today=day(9))
    assert list(in_time) == [cases["level_2"]]
    assert queries.queue(desk.office, scope="all", team=desk.other_team).get() == cases["theirs"]
    by_department = queries.queue(desk.office, scope="all", department=desk.housing)
    assert list(by_department) == [cases["level_2"]]
    assert not queries.queue(desk.office, scope="all", status=CaseStatus.CLOSED).exists()


def test_my_cases_are_those_a_requester_answers_for(desk, cases):
    assert set(queries.my_cases(desk.hr)) == {cases["ours"], cases["level_2"]}
    assert set(queries.my_cases(desk.talent_user)) == {cases["talent"]}
    assert not queries.my_cases(desk.officer).exists()


def test_the_timeline_in_order(desk, cases):
    case = cases["level_2"]
    services.case_comment(actor=desk.hr, case=case, note="请尽快", now=at(day(2)))
    kinds = [event.kind for event in queries.timeline(case)]
    assert kinds == [
        CaseEventKind.RAISED,
        CaseEventKind.ROUTED,
        CaseEventKind.ESCALATED,
        CaseEventKind.COMMENT,
    ]


# The grid overview ----------------------------------------------------------------------------


def test_the_grid_overview(desk, cases):
    # Ours solved in 9 calendar days, the talent's in 3, both in 2026.
    services.case_resolve(
        actor=desk.officer, case=cases["ours"], resolution="已处理", now=at(day(10))
    )
    resolved = services.case_resolve(
        actor=desk.officer, case=cases["talent"], resolution="已处理", now=at(day(4))
    )
    services.case_confirm(actor=desk.talent_user, case=resolved, rating=5, now=at(day(5)))
    rows = {row["team"]: row for row in queries.grid_overview(year=2026, today=day(9))}
    south, north = rows[desk.team], rows[desk.other_team]
    assert (south["grid"], south["enterprises"]) == (desk.grid, 1)
    assert (south["open"], south["overdue"]) == (1, 0)  # level_2 is due 15 June
    assert (south["solved_this_year"], south["average_days_to_solve"]) == (2, 6.0)
    assert (north["open"], north["overdue"], north["solved_this_year"]) == (1, 1, 0)
    assert north["average_days_to_solve"] is None
    last_year = {row["team"]: row for row in queries.grid_overview(year=2025, today=day(9))}
    assert last_year[desk.team]["solved_this_year"] == 0


def test_a_case_resolved_late_in_the_evening_counts_on_the_park_s_day(desk):
    """Resolved at 01:00 on 1 January 2027 in the park is 2027's (UTC still says 2026)."""
    case = desk.raise_case()
    new_year = at(datetime.date(2027, 1, 1), 1)
    services.case_resolve(actor=desk.officer, case=case, resolution="已处理", now=new_year)
    by_year = {
        year: {row["team"]: row for row in queries.grid_overview(year=year)}[desk.team]
        for year in (2026, 2027)
    }
    assert by_year[2026]["solved_this_year"] == 0
    assert by_year[2027]["solved_this_year"] == 1
    assert by_year[2027]["average_days_to_solve"] == (datetime.date(2027, 1, 1) - MONDAY).days
