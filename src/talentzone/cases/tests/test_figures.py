"""The case desk's figures on a small hand-made desk, the expected numbers counted by hand.

Two grids: 城南 (the desk's `team`) and 城北 (`other_team`); two categories: 人才住房 (5 working
days at level 1, 10 at level 2, 15 at level 3) and 人才政策 (3 at level 1). No holidays in the
calendar: working days are Monday to Friday. 1 June 2026 is a Monday, 30 June a Tuesday.

    case  grid  category  opened  what happened                                    on 30 June
    A     南    housing   29 May  –  (due 5 June)                                   open L1, late
    B     南    housing   1 Jun   resolved 10 Jun (9 days), confirmed 11 Jun: 5     closed
    C     南    policy    1 Jun   escalated 3 Jun (L2, due 17 Jun)                  open L2, late
    D     北    housing   30 Jun  –  (due 7 July)                                   open L1
    E     北    housing   1 Jul   –                                                 –
    F     北    policy    15 Jun  resolved 16 Jun (1 day)                           resolved
    G     南    housing   4 May   resolved 6 May, confirmed 7 May: 2                closed
    H     北    housing   22 Jun  (due 29 Jun) escalated 2 July                     open L1, late
    I     南    housing   2 Jun   resolved 5 Jun (3 days), reopened 3 July          resolved
    J     北    policy    24 Jun  (due 29 Jun) resolved 1 July                      open L1, late
    K     南    housing   1 Jun   escalated twice 1 Jun (L3, due 22 Jun)            open L3, late
    L     北    housing   25 May  resolved 29 May, confirmed 1 Jun: 3               closed
    M     北    housing   11 May  resolved 12 May, closed unanswered 2 Jun          closed
    N     南    policy    25 Jun  –  (due 30 Jun: not yet late)                     open L1
    O     北    housing   1 Jun   resolved 3 Jun, reopened 8 Jun, resolved 18 Jun    resolved
    P     北    housing   1 Jun   escalated 2 Jun (L2), resolved 12 Jun (11 days)   resolved

H and I changed after 30 June (escalated, reopened): their state on 30 June comes from their
timeline; C, O and I changed during June, which matters for days before 30 June.
"""

import datetime

import pytest

from talentzone.cases import figures, queries, services
from talentzone.cases.models import VisitPlan
from talentzone.cases.tests.conftest import at
from talentzone.cases.tests.factories import CategoryFactory
from talentzone.core import figures as registry
from talentzone.core.figures import Chart, Period
from talentzone.directory.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

JUNE = Period.month(2026, 6)
MAY = Period.month(2026, 5)


def d(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


class Scene:
    """The cases of the table above, raised and moved through the desk's services."""

    def __init__(self, desk):
        self.desk = desk
        self.housing = desk.category
        self.policy = CategoryFactory(
            department=desk.policy, name="人才政策", grid_days=3, position=1
        )
        c = self.cases = {}
        c["A"] = self.raise_("南", d(5, 29))
        c["B"] = self.raise_("南", d(6, 1))
        self.resolve(c["B"], d(6, 10))
        self.confirm(c["B"], d(6, 11), 5)
        c["C"] = self.raise_("南", d(6, 1), self.policy)
        self.escalate(c["C"], d(6, 3))
        c["D"] = self.raise_("北", d(6, 30))
        c["E"] = self.raise_("北", d(7, 1))
        c["F"] = self.raise_("北", d(6, 15), self.policy)
        self.resolve(c["F"], d(6, 16))
        c["G"] = self.raise_("南", d(5, 4))
        self.resolve(c["G"], d(5, 6))
        self.confirm(c["G"], d(5, 7), 2)
        c["H"] = self.raise_("北", d(6, 22))
        self.escalate(c["H"], d(7, 2))
        c["I"] = self.raise_("南", d(6, 2))
        self.resolve(c["I"], d(6, 5))
        self.reopen(c["I"], d(7, 3))
        c["J"] = self.raise_("北", d(6, 24), self.policy)
        self.resolve(c["J"], d(7, 1))
        c["K"] = self.raise_("南", d(6, 1))
        self.escalate(c["K"], d(6, 1))
        self.escalate(c["K"], d(6, 1))
        c["L"] = self.raise_("北", d(5, 25))
        self.resolve(c["L"], d(5, 29))
        self.confirm(c["L"], d(6, 1), 3)
        c["M"] = self.raise_("北", d(5, 11))
        self.resolve(c["M"], d(5, 12))
        assert services.close_unanswered(today=d(6, 2), now=at(d(6, 2))) == 1
        c["N"] = self.raise_("南", d(6, 25), self.policy)
        c["O"] = self.raise_("北", d(6, 1))
        self.resolve(c["O"], d(6, 3))
        self.reopen(c["O"], d(6, 8))
        self.resolve(c["O"], d(6, 18))
        c["P"] = self.raise_("北", d(6, 1))
        self.escalate(c["P"], d(6, 2))
        self.resolve(c["P"], d(6, 12))

    def raise_(self, grid: str, day: datetime.date, category=None):
        hr = self.desk.hr if grid == "南" else self.desk.other_hr
        return self.desk.raise_case(
            actor=hr, category=category or self.housing, today=day, now=at(day)
        )

    def escalate(self, case, day):
        case.refresh_from_db()
        return services.case_escalate(
            actor=self.desk.office, case=case, reason="需上一级协调", today=day, now=at(day, 10)
        )

    def resolve(self, case, day):
        case.refresh_from_db()
        return services.case_resolve(
            actor=self.desk.office, case=case, resolution="已处理", now=at(day, 16)
        )

    def confirm(self, case, day, rating):
        case.refresh_from_db()
        hr = self.desk.hr if case.team_id == self.desk.team.pk else self.desk.other_hr
        return services.case_confirm(actor=hr, case=case, rating=rating, now=at(day, 11))

    def reopen(self, case, day):
        case.refresh_from_db()
        hr = self.desk.hr if case.team_id == self.desk.team.pk else self.desk.other_hr
        return services.case_reopen(
            actor=hr, case=case, reason="问题仍未解决", today=day, now=at(day, 11)
        )


@pytest.fixture
def scene(desk) -> Scene:
    return Scene(desk)


def by_key(data) -> dict[str, dict[str, object]]:
    """{category key: {series key: value}}."""
    return {
        key: {series.key: series.values[index] for series in data.series}
        for index, key in enumerate(data.keys)
    }


def test_the_scene_is_as_the_table_says(scene):
    """The deadlines the table counts on (a check of the scene, not of the figures)."""
    c = {name: case for name, case in scene.cases.items()}
    for case in c.values():
        case.refresh_from_db()
    assert c["C"].due_on == d(6, 17) and c["C"].level == 2
    assert c["K"].due_on == d(6, 22) and c["K"].level == 3
    assert c["N"].due_on == d(6, 30)
    assert c["H"].level == 2 and c["H"].level_since == d(7, 2)
    assert c["I"].status == "open" and c["I"].resolved_at is None


# cases.by_grid ---------------------------------------------------------------------------------


def test_cases_by_grid_in_june(scene):
    desk = scene.desk
    data = queries.by_grid(JUNE)
    assert sorted(data.categories) == sorted(["城南网格", "城北网格"])
    rows = by_key(data)
    # 南: opened B C I K N; solved B I; late on 30 June A C K.
    assert rows[str(desk.team.pk)] == {"opened": 5, "solved": 2, "overdue": 3}
    # 北: opened D F H J O P; solved F O P; late on 30 June H (rebuilt) and J (resolved later).
    assert rows[str(desk.other_team.pk)] == {"opened": 6, "solved": 3, "overdue": 2}


def test_cases_by_grid_in_may(scene):
    desk = scene.desk
    rows = by_key(queries.by_grid(MAY))
    # Opened A G | L M; solved G | L M; on 31 May only A is open, due 5 June.
    assert rows[str(desk.team.pk)] == {"opened": 2, "solved": 1, "overdue": 0}
    assert rows[str(desk.other_team.pk)] == {"opened": 2, "solved": 2, "overdue": 0}


def test_overdue_on_a_day_within_june(scene):
    """On 9 June: A (due 5 June) and B (due 8 June, resolved on the 10th) are late; C at level 2
    is due the 17th, O reopened on the 8th is due the 15th, P at level 2 the 16th."""
    desk = scene.desk
    rows = by_key(queries.by_grid(Period(d(6, 1), d(6, 9))))
    assert rows[str(desk.team.pk)]["overdue"] == 2
    assert rows[str(desk.other_team.pk)]["overdue"] == 0


def test_an_empty_period(scene):
    data = queries.by_grid(Period(d(1, 1), d(1, 31)))
    assert data.total("opened") == data.total("solved") == data.total("overdue") == 0


# cases.by_level --------------------------------------------------------------------------------


def test_cases_by_level_in_june(scene):
    rows = by_key(queries.by_level(JUNE))
    # Reached: 11 opened; level 2: K, C, P (H's escalation is in July); level 3: K.
    # Solved: B I F O at level 1, P at level 2. At the end: A D H J N open at level 1 (A H J
    # late), C at level 2 (late), K at level 3 (late).
    assert rows["1"] == {"reached": 11, "solved": 4, "open": 5, "overdue": 3}
    assert rows["2"] == {"reached": 3, "solved": 1, "open": 1, "overdue": 1}
    assert rows["3"] == {"reached": 1, "solved": 0, "open": 1, "overdue": 1}


def test_the_levels_on_a_past_day_come_from_the_timeline(scene):
    """On 2 June: C (escalated on the 3rd), O (resolved on the 3rd, its deadline since reset)
    and I (reopened in July) stood at level 1; P was escalated that day; K at level 3. None
    was late yet (A is due on 5 June)."""
    rows = by_key(queries.by_level(Period(d(6, 1), d(6, 2))))
    assert [rows[level]["open"] for level in ("1", "2", "3")] == [5, 1, 1]  # A B C I O | P | K
    assert [rows[level]["overdue"] for level in ("1", "2", "3")] == [0, 0, 0]
    # Opened B C I K O P; escalated K to 2 and 3 on the 1st, P to 2 on the 2nd.
    assert [rows[level]["reached"] for level in ("1", "2", "3")] == [6, 2, 1]


# cases.by_category and cases.days_to_solve ------------------------------------------------------


def test_cases_by_category_in_june(scene):
    rows = by_key(queries.by_category(JUNE))
    housing, policy = str(scene.housing.pk), str(scene.policy.pk)
    assert list(rows) == [housing, policy]
    # Housing: opened B D H I K O P; solved B I O P; late A H K. Policy: opened C F J N;
    # solved F; late C J.
    assert rows[housing] == {"opened": 7, "solved": 4, "overdue": 3}
    assert rows[policy] == {"opened": 4, "solved": 1, "overdue": 2}


def test_days_to_solve_by_category_in_june(scene):
    data = queries.days_to_solve_by_category(JUNE)
    # Housing: B 9, I 3, O 17 (its last resolution), P 11 → 40 / 4. Policy: F 1.
    assert data.value(str(scene.housing.pk)) == 10.0
    assert data.value(str(scene.policy.pk)) == 1.0
    # May: G 2 days (housing), L 4, M 1 → 7 / 3 = 2.33…; no policy case solved.
    may = queries.days_to_solve_by_category(MAY)
    assert may.value(str(scene.housing.pk)) == 2.3
    assert may.value(str(scene.policy.pk)) is None


# cases.satisfaction and cases.rating_by_category ------------------------------------------------


def test_satisfaction_in_june_and_may(scene):
    data = queries.satisfaction(JUNE)
    assert data.keys == ["5", "4", "3", "2", "1", ""]
    # B rated 5 on 11 June, L rated 3 on 1 June, M closed unanswered on 2 June.
    assert data.series[0].values == [1, 0, 1, 0, 0, 1]
    assert queries.satisfaction(MAY).series[0].values == [0, 0, 0, 1, 0, 0]  # G rated 2


def test_rating_by_category(scene):
    june = queries.rating_by_category(JUNE)
    assert june.value(str(scene.housing.pk)) == 4.0  # (5 + 3) / 2; M has no rating
    assert june.value(str(scene.policy.pk)) is None


# cases.visits ----------------------------------------------------------------------------------


def test_visits_planned_and_made(desk):
    south_second = EnterpriseFactory(grid=desk.grid)
    EnterpriseFactory(grid=desk.grid)
    for _ in range(5):
        EnterpriseFactory(grid=desk.other_grid)
    VisitPlan.objects.create(team=desk.team, interval_days=30)  # 城北 keeps the default 90
    visits = [
        (desk.officer, desk.team, desk.enterprise, d(5, 31)),
        (desk.officer, desk.team, desk.enterprise, d(6, 1)),
        (desk.officer, desk.team, south_second, d(6, 15)),
        (desk.officer, desk.team, desk.enterprise, d(6, 30)),
        (desk.officer, desk.team, desk.enterprise, d(7, 1)),
        (desk.other_officer, desk.other_team, desk.other_enterprise, d(6, 10)),
    ]
    for officer, team, enterprise, day in visits:
        services.visit_record(
            actor=officer,
            team=team,
            enterprise=enterprise,
            visited_on=day,
            visitors="林志远",
            met="人事经理",
            notes="企业运行正常",
            today=day,
            now=at(day),
        )
    rows = by_key(queries.visits(JUNE))
    # 城南: 3 enterprises every 30 days over 30 days → 3; 城北: 6 every 90 days → 2.
    assert rows[str(desk.team.pk)] == {"planned": 3, "done": 3, "enterprises": 2}
    assert rows[str(desk.other_team.pk)] == {"planned": 2, "done": 1, "enterprises": 1}
    # One day: 3 × 1 / 30 = 0.1 → 0; the visit of 1 June counts.
    day = by_key(queries.visits(Period(d(6, 1), d(6, 1))))
    assert day[str(desk.team.pk)] == {"planned": 0, "done": 1, "enterprises": 1}
    # 2026 (365 days): 3 × 365 / 30 = 36.5 → 37; 6 × 365 / 90 = 24.3 → 24.
    year = by_key(queries.visits(Period.year(2026)))
    assert year[str(desk.team.pk)] == {"planned": 37, "done": 5, "enterprises": 2}
    assert year[str(desk.other_team.pk)]["planned"] == 24


# The declarations ------------------------------------------------------------------------------


def test_the_figures_are_registered_with_their_drill_downs(desk):
    keys = [figure.key for figure in registry.all_figures("cases")]
    assert keys == [
        "cases.by_grid",
        "cases.by_level",
        "cases.by_category",
        "cases.days_to_solve",
        "cases.satisfaction",
        "cases.rating_by_category",
        "cases.visits",
    ]
    assert registry.get("cases.by_grid").chart == Chart.STACKED
    team = str(desk.team.pk)
    assert figures.cases_of_team(team, JUNE) == f"/cases/?scope=all&team={team}"
    assert figures.cases_at_level("2", JUNE) == "/cases/?scope=all&level=2"
    assert figures.visits_of_team(team, JUNE) == f"/cases/visits/?team={team}"
    assert registry.get("cases.satisfaction").drill is None


def test_the_figures_read_in_a_few_queries(scene, django_assert_max_num_queries):
    """Grouped in the database; the cases moved after the day add their timeline's query and
    one calendar read per distinct deadline (H and I on 30 June: one, H's)."""
    with django_assert_max_num_queries(8):
        queries.by_grid(JUNE)
    with django_assert_max_num_queries(8):
        queries.by_level(JUNE)
    with django_assert_max_num_queries(5):
        queries.visits(JUNE)


def test_every_figure_computes_on_an_empty_desk(desk):
    for figure in registry.all_figures("cases"):
        data = figure.compute(JUNE)
        assert all(value in (0, None) for series in data.series for value in series.values)


def test_a_drill_down_shows_the_team_s_cases(client, scene):
    desk = scene.desk
    client.force_login(desk.office)
    response = client.get(figures.cases_of_team(str(desk.team.pk), JUNE))
    assert response.status_code == 200
    shown = {case.pk for case in response.context["page"].object_list}
    south = {scene.cases[name].pk for name in "ABCGIKN"}
    assert shown == south
