"""What each user may read at the case desk, the figures of the grid overview and the case
desk's figures on the dashboards (figures.py)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import has_role
from talentzone.directory.models import Enterprise, GridTeam

from .choices import CaseEventKind, CaseSource, CaseStatus, Level
from .models import RATINGS, Case, CaseEvent, Category, Escalation, Liaison, Visit, VisitPlan
from .rules import departments_of, enterprises_of, grids_of
from .services import due_date


def case_scope(user) -> Q | None:
    """Which cases `user` sees: the office and leaders every case; a grid officer their grid
    team's; a department's members the cases at or through their department (level 2, invited to
    a consultation, owning a task); enterprise HR their enterprise's; a talent those about them or
    raised by them. None when they see none."""
    if not user.is_authenticated:
        return None
    if has_role(user, Role.OFFICE_ADMIN, Role.LEADER):
        return Q()
    parts = []
    if grids := grids_of(user):
        parts.append(Q(team__grid_id__in=grids))
    if departments := departments_of(user):
        parts.append(
            Q(department_id__in=departments)
            | Q(consultations__departments__in=departments)
            | Q(consultations__tasks__department__in=departments)
        )
    if enterprises := enterprises_of(user):
        parts.append(Q(enterprise_id__in=enterprises))
    if has_role(user, Role.TALENT):
        parts.append(Q(talent__user=user) | Q(raised_by=user))
    if not parts:
        return None
    scope = Q()
    for part in parts:
        scope |= part
    return scope


def visible_cases(user) -> QuerySet[Case]:
    cases = Case.objects.select_related(
        "category", "team", "team__grid", "department", "enterprise", "talent", "raised_by"
    )
    scope = case_scope(user)
    if scope is None:
        return cases.none()
    # The consultation joins can repeat a case; an id subquery keeps the queryset plain.
    return cases.filter(pk__in=Case.objects.filter(scope).values("pk"))


# Queues ---------------------------------------------------------------------------------------


def requester_scope(user) -> Q | None:
    """The cases `user` answers for (as rules.is_requester has it); None when none."""
    if not user.is_authenticated:
        return None
    parts = [
        Q(source__in=(CaseSource.ENTERPRISE, CaseSource.TALENT), raised_by=user),
        Q(talent__user=user),
    ]
    if enterprises := enterprises_of(user):
        parts.append(Q(enterprise_id__in=enterprises))
    scope = Q()
    for part in parts:
        scope |= part
    return scope


def _to_act_on(user) -> Q | None:
    """What waits for `user`: open cases at the level they work (their grid team's at level 1,
    their department's at level 2, level 3 for the office) and resolved cases they answer."""
    open_case = Q(status=CaseStatus.OPEN)
    parts = []
    if grids := grids_of(user):
        parts.append(open_case & Q(level=Level.GRID, team__grid_id__in=grids))
    if departments := departments_of(user):
        parts.append(open_case & Q(level=Level.DEPARTMENT, department_id__in=departments))
    if has_role(user, Role.OFFICE_ADMIN):
        parts.append(open_case & Q(level=Level.CONSULTATION))
    if has_role(user, Role.ENTERPRISE_HR, Role.TALENT):
        parts.append(Q(status=CaseStatus.RESOLVED) & requester_scope(user))
    if not parts:
        return None
    scope = Q()
    for part in parts:
        scope |= part
    return scope


def queue(
    user,
    *,
    scope: str = "mine",
    level: int | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    team=None,
    department=None,
    category=None,
    today: datetime.date | None = None,
) -> QuerySet[Case]:
    """The cases a user works through: "mine" what waits for them, "all" what they see;
    narrowed by the filters given (a filter left None does not narrow)."""
    cases = visible_cases(user)
    if scope == "mine":
        mine = _to_act_on(user)
        cases = cases.none() if mine is None else cases.filter(mine)
    if level is not None:
        cases = cases.filter(level=level)
    if status:
        cases = cases.filter(status=status)
    if overdue is not None:
        late = Q(status=CaseStatus.OPEN, due_on__lt=today or timezone.localdate())
        cases = cases.filter(late) if overdue else cases.exclude(late)
    if team is not None:
        cases = cases.filter(team=team)
    if department is not None:
        cases = cases.filter(department=department)
    if category is not None:
        cases = cases.filter(category=category)
    return cases.order_by("due_on", "id")


def my_cases(user) -> QuerySet[Case]:
    """The cases a requester (enterprise HR, talent) raised or answers for, newest first."""
    scope = requester_scope(user) if has_role(user, Role.ENTERPRISE_HR, Role.TALENT) else None
    cases = visible_cases(user)
    return cases.none() if scope is None else cases.filter(scope)


def timeline(case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")


# The grid overview ------------------------------------------------------------------------------


def grid_teams() -> QuerySet[GridTeam]:
    """The grid teams in the order of their grids' codes (the overview's rows)."""
    return GridTeam.objects.select_related("grid").order_by("grid__code")


def grid_overview(*, year: int, today: datetime.date | None = None) -> list[dict]:
    """One row per grid team: its enterprises, open and overdue cases, cases solved in `year`
    (resolved then, whether confirmed since or not) and the mean calendar days from opening to
    resolution (one decimal; None when none were solved)."""
    today = today or timezone.localdate()
    teams = list(grid_teams())
    enterprises = dict(
        Enterprise.objects.values("grid_id").annotate(n=Count("id")).values_list("grid_id", "n")
    )
    open_cases = Case.objects.filter(status=CaseStatus.OPEN).values("team_id")
    open_counts = dict(open_cases.annotate(n=Count("id")).values_list("team_id", "n"))
    overdue_counts = dict(
        open_cases.filter(due_on__lt=today).annotate(n=Count("id")).values_list("team_id", "n")
    )
    spans = defaultdict(list)
    solved = Case.objects.filter(
        status__in=(CaseStatus.RESOLVED, CaseStatus.CLOSED), resolved_at__year=year
    ).values_list("team_id", "opened_on", "resolved_at")
    for team_id, opened_on, resolved_at in solved:
        spans[team_id].append(days_to_solve(opened_on, resolved_at))
    return [
        {
            "team": team,
            "grid": team.grid,
            "enterprises": enterprises.get(team.grid_id, 0),
            "open": open_counts.get(team.pk, 0),
            "overdue": overdue_counts.get(team.pk, 0),
            "solved_this_year": len(spans[team.pk]),
            "average_days_to_solve": mean_days(spans[team.pk]),
        }
        for team in teams
    ]


def days_to_solve(opened_on: datetime.date, resolved_at: datetime.datetime) -> int:
    """Calendar days from a case's opening to its resolution, on the park's clock."""
    return (timezone.localtime(resolved_at).date() - opened_on).days


def mean_days(spans: list[int]) -> float | None:
    """The mean of the spans, one decimal; None when there are none."""
    return round(sum(spans) / len(spans), 1) if spans else None


# Visits -----------------------------------------------------------------------------------------


def visit_plan_of(team: GridTeam) -> VisitPlan:
    """The team's plan, or an unsaved one with the defaults (every 90 days, listed 14 ahead)."""
    return VisitPlan.objects.filter(team=team).first() or VisitPlan(team=team)


def visits_due(*, team=None, teams=None, today: datetime.date | None = None) -> list[dict]:
    """The enterprises a team should visit soon: due (last visit + the plan's interval; today
    when never visited) within the plan's `due_soon_days`. Overdue first, then by date."""
    today = today or timezone.localdate()
    if team is not None:
        teams = [team]
    elif teams is None:
        teams = GridTeam.objects.select_related("grid")
    rows = []
    for each in teams:
        plan = visit_plan_of(each)
        horizon = today + datetime.timedelta(days=plan.due_soon_days)
        enterprises = Enterprise.objects.filter(grid_id=each.grid_id).annotate(
            last_visit=Max("visits__visited_on")
        )
        for enterprise in enterprises:
            last = enterprise.last_visit
            due_on = last + datetime.timedelta(days=plan.interval_days) if last else today
            if due_on <= horizon:
                rows.append(
                    {
                        "enterprise": enterprise,
                        "team": each,
                        "last_visit": last,
                        "due_on": due_on,
                        "overdue": due_on < today,
                    }
                )
    rows.sort(key=lambda row: (not row["overdue"], row["due_on"], row["enterprise"].name))
    return rows


# Leaders' visits --------------------------------------------------------------------------------


def liaison_schedule(leader=None, today: datetime.date | None = None) -> list[dict]:
    """The active pairings (of one leader, when given) with their last visit and the next one
    due (last visit, or the pairing's start, + its interval), soonest first."""
    today = today or timezone.localdate()
    liaisons = (
        Liaison.objects.filter(active=True)
        .select_related("leader", "expert", "expert__employer")
        .annotate(last_visit=Max("visits__visited_on"))
    )
    if leader is not None:
        liaisons = liaisons.filter(leader=leader)
    rows = []
    for liaison in liaisons:
        start = liaison.last_visit or liaison.since
        next_due = start + datetime.timedelta(days=liaison.interval_days)
        rows.append(
            {
                "liaison": liaison,
                "last_visit": liaison.last_visit,
                "next_due": next_due,
                "overdue": next_due < today,
            }
        )
    rows.sort(key=lambda row: (row["next_due"], row["liaison"].pk))
    return rows


# Figures (see figures.py) -------------------------------------------------------------------------
#
# Zone-wide, no user scope. "Opened" counts by `opened_on`; "solved" by the RESOLVED lines of the
# timeline (a resolution stays there when the case is reopened later, so a past period keeps its
# count); "open" and "overdue" on a day are rebuilt from the dates the desk keeps (see `open_on`).

STATUS_KINDS = (
    CaseEventKind.RAISED,
    CaseEventKind.ESCALATED,
    CaseEventKind.AUTO_ESCALATED,
    CaseEventKind.REOPENED,
    CaseEventKind.RESOLVED,
)


@dataclass(frozen=True)
class OpenCase:
    """A case open on a day, as it stood then."""

    team_id: int
    category_id: int
    level: int
    overdue: bool


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def open_on(day: datetime.date) -> Counter[OpenCase]:
    """How many cases were open at the end of `day`, per team, category, level then and whether
    past their deadline then (`due_on < day`, as `Case.is_overdue` has it today).

    A case whose level started on or before `day` (`level_since`: raising, escalation or
    reopening) has kept its deadline and level since; it was open on `day` unless resolved by
    then — counted in the database. A case escalated or reopened after `day` had another level
    and deadline then: they are rebuilt from its timeline up to `day` (the last raising,
    escalation or reopening starts the level; its deadline is the category's working days for the
    level from that day, as the desk counts it), and it was open unless its last line up to
    `day` is a resolution."""
    counts: Counter[OpenCase] = Counter()
    kept = (
        Case.objects.filter(opened_on__lte=day, level_since__lte=day)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__date__gt=day))
        .order_by()
        .values("team_id", "category_id", "level")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_on__lt=day)))
    )
    for row in kept:
        key = (row["team_id"], row["category_id"], row["level"])
        if row["late"]:
            counts[OpenCase(*key, overdue=True)] += row["late"]
        if row["n"] - row["late"]:
            counts[OpenCase(*key, overdue=False)] += row["n"] - row["late"]
    moved = Case.objects.filter(opened_on__lte=day, level_since__gt=day)
    lines = (
        CaseEvent.objects.filter(
            case_id__in=moved.values("pk"), kind__in=STATUS_KINDS, at__date__lte=day
        )
        .order_by("case_id", "at", "id")
        .values_list("case_id", "case__team_id", "case__category_id", "kind", "level", "at")
    )
    state: dict[int, tuple[int, int, int, datetime.date] | None] = {}
    for case_id, team_id, category_id, kind, level, at in lines:
        resolved = kind == CaseEventKind.RESOLVED
        state[case_id] = None if resolved else (team_id, category_id, level, _local_date(at))
    if not state:
        return counts
    categories = {category.pk: category for category in Category.objects.all()}
    deadlines: dict[tuple[int, int, datetime.date], datetime.date] = {}
    for standing in state.values():
        if standing is None:
            continue
        team_id, category_id, level, since = standing
        if (category_id, level, since) not in deadlines:
            deadlines[category_id, level, since] = due_date(categories[category_id], level, since)
        due = deadlines[category_id, level, since]
        counts[OpenCase(team_id, category_id, level, overdue=due < day)] += 1
    return counts


def _sum_open(counts: Counter[OpenCase], field: str, *, overdue_only: bool) -> Counter:
    totals: Counter = Counter()
    for case, n in counts.items():
        if case.overdue or not overdue_only:
            totals[getattr(case, field)] += n
    return totals


def _opened(period: Period, field: str) -> dict:
    """Cases opened in the period, per value of `field`."""
    rows = (
        Case.objects.filter(opened_on__range=(period.start, period.end))
        .order_by()
        .values_list(field)
        .annotate(n=Count("pk"))
    )
    return dict(rows)


@dataclass(frozen=True)
class Solved:
    team_id: int
    category_id: int
    level: int  # the level that resolved it
    days: int  # calendar days from the opening to the resolution


def solved_in(period: Period) -> list[Solved]:
    """The cases resolved in the period (the resolution's day on the park's clock), each once:
    a case resolved, reopened and resolved again in the period counts with its last resolution.
    Confirmed or not, reopened later or not: the timeline keeps the resolution."""
    lines = (
        CaseEvent.objects.filter(
            kind=CaseEventKind.RESOLVED, at__date__range=(period.start, period.end)
        )
        .order_by("case_id", "at", "id")
        .values_list(
            "case_id", "case__team_id", "case__category_id", "level", "case__opened_on", "at"
        )
    )
    last = {}
    for case_id, team_id, category_id, level, opened_on, at in lines:
        last[case_id] = Solved(team_id, category_id, level, days_to_solve(opened_on, at))
    return list(last.values())


def _categories() -> list[Category]:
    return list(Category.objects.order_by("position", "code"))


def by_grid(period: Period) -> FigureData:
    """Per grid (its team's cases): cases opened in the period (`opened_on`), cases solved in it
    (`solved_in`) and cases open and past their deadline at the end of its last day
    (`open_on(period.end)`)."""
    teams = list(grid_teams())
    opened = _opened(period, "team_id")
    solved = Counter(case.team_id for case in solved_in(period))
    overdue = _sum_open(open_on(period.end), "team_id", overdue_only=True)
    return FigureData(
        categories=[str(team.grid) for team in teams],
        keys=[str(team.pk) for team in teams],
        series=[
            Series("opened", _("Opened"), [opened.get(team.pk, 0) for team in teams]),
            Series("solved", _("Solved"), [solved[team.pk] for team in teams]),
            Series("overdue", _("Overdue at the end"), [overdue[team.pk] for team in teams]),
        ],
    )


def by_level(period: Period) -> FigureData:
    """Per level: the cases that reached it in the period (level 1: opened; levels 2 and 3:
    escalated to it, by hand or by the scheduled task), those resolved at it in the period
    (`solved_in`), and those at it at the end of the last day, open and, of them, past the
    level's deadline (`open_on(period.end)`)."""
    levels = list(Level)
    reached = dict(
        Escalation.objects.filter(at__date__range=(period.start, period.end))
        .order_by()
        .values_list("to_level")
        .annotate(n=Count("pk"))
    )
    reached[Level.GRID] = Case.objects.filter(opened_on__range=(period.start, period.end)).count()
    solved = Counter(case.level for case in solved_in(period))
    standing = open_on(period.end)
    still_open = _sum_open(standing, "level", overdue_only=False)
    overdue = _sum_open(standing, "level", overdue_only=True)
    return FigureData(
        categories=[level.label for level in levels],
        keys=[str(level.value) for level in levels],
        series=[
            Series("reached", _("Reached the level"), [reached.get(lv, 0) for lv in levels]),
            Series("solved", _("Solved at the level"), [solved[lv] for lv in levels]),
            Series("open", _("Open at the end"), [still_open[lv] for lv in levels]),
            Series("overdue", _("Overdue at the end"), [overdue[lv] for lv in levels]),
        ],
    )


def by_category(period: Period) -> FigureData:
    """Per category: cases opened in the period (`opened_on`), solved in it (`solved_in`) and
    open and past their deadline at the end of its last day (`open_on(period.end)`)."""
    categories = _categories()
    opened = _opened(period, "category_id")
    solved = Counter(case.category_id for case in solved_in(period))
    overdue = _sum_open(open_on(period.end), "category_id", overdue_only=True)
    return FigureData(
        categories=[str(category) for category in categories],
        keys=[str(category.pk) for category in categories],
        series=[
            Series("opened", _("Opened"), [opened.get(c.pk, 0) for c in categories]),
            Series("solved", _("Solved"), [solved[c.pk] for c in categories]),
            Series("overdue", _("Overdue at the end"), [overdue[c.pk] for c in categories]),
        ],
    )


def days_to_solve_by_category(period: Period) -> FigureData:
    """Per category: the mean calendar days from opening to resolution of the cases solved in
    the period (`solved_in`; one decimal; None when none was solved), as the grid overview
    counts them."""
    categories = _categories()
    spans = defaultdict(list)
    for case in solved_in(period):
        spans[case.category_id].append(case.days)
    return FigureData(
        categories=[str(category) for category in categories],
        keys=[str(category.pk) for category in categories],
        series=[
            Series(
                "days",
                _("Average days to solve"),
                [mean_days(spans[category.pk]) for category in categories],
            )
        ],
    )


def satisfaction(period: Period) -> FigureData:
    """The cases closed in the period (`closed_at`, the park's day) by the rating the requester
    gave on confirming (5 down to 1), and those closed by the scheduled task because nobody
    answered (no rating)."""
    counts = dict(
        Case.objects.filter(
            status=CaseStatus.CLOSED, closed_at__date__range=(period.start, period.end)
        )
        .order_by()
        .values_list("rating")
        .annotate(n=Count("pk"))
    )
    ratings = sorted(RATINGS, reverse=True)
    return FigureData(
        categories=[format_lazy(_("Rated {rating} of 5"), rating=r) for r in ratings]
        + [_("Closed without an answer")],
        keys=[str(rating) for rating in ratings] + [""],
        series=[
            Series(
                "cases",
                _("Cases closed"),
                [counts.get(rating, 0) for rating in ratings] + [counts.get(None, 0)],
            )
        ],
    )


def rating_by_category(period: Period) -> FigureData:
    """Per category: the mean rating (1 to 5, one decimal; None when none) of the cases closed
    with a rating in the period (`closed_at`, the park's day)."""
    categories = _categories()
    means = dict(
        Case.objects.filter(
            status=CaseStatus.CLOSED,
            rating__isnull=False,
            closed_at__date__range=(period.start, period.end),
        )
        .order_by()
        .values_list("category_id")
        .annotate(mean=Avg("rating"))
    )
    return FigureData(
        categories=[str(category) for category in categories],
        keys=[str(category.pk) for category in categories],
        series=[
            Series(
                "rating",
                _("Average rating"),
                [
                    round(means[c.pk], 1) if means.get(c.pk) is not None else None
                    for c in categories
                ],
            )
        ],
    )


def visits(period: Period) -> FigureData:
    """Per grid: the visits its team recorded in the period (`visited_on`), the enterprises they
    went to (each once), and the visits its plan calls for: each enterprise of the grid every
    `interval_days` days (90 without a plan), that is enterprises × days of the period ÷ the
    interval, rounded to a whole visit. The plan and the grid's enterprises are today's (neither
    keeps a history)."""
    teams = list(grid_teams())
    done = dict(
        Visit.objects.filter(visited_on__range=(period.start, period.end))
        .order_by()
        .values_list("team_id")
        .annotate(n=Count("pk"))
    )
    visited = dict(
        Visit.objects.filter(visited_on__range=(period.start, period.end))
        .order_by()
        .values_list("team_id")
        .annotate(n=Count("enterprise_id", distinct=True))
    )
    enterprises = dict(Enterprise.objects.order_by().values_list("grid_id").annotate(n=Count("pk")))
    intervals = dict(VisitPlan.objects.values_list("team_id", "interval_days"))
    days = (period.end - period.start).days + 1
    planned = [
        _whole(
            Decimal(enterprises.get(team.grid_id, 0) * days)
            / intervals.get(team.pk, VisitPlan().interval_days)
        )
        for team in teams
    ]
    return FigureData(
        categories=[str(team.grid) for team in teams],
        keys=[str(team.pk) for team in teams],
        series=[
            Series("planned", _("Visits planned"), planned),
            Series("done", _("Visits made"), [done.get(team.pk, 0) for team in teams]),
            Series(
                "enterprises",
                _("Enterprises visited"),
                [visited.get(team.pk, 0) for team in teams],
            ),
        ],
        note=_("Planned from today's visit plans and today's enterprises of each grid."),
    )


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
