"""What each user may read at the case desk, and the figures of the grid overview."""

import datetime
from collections import defaultdict

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.models import Enterprise, GridTeam

from .choices import CaseSource, CaseStatus, Level
from .models import Case, CaseEvent, Liaison, VisitPlan
from .rules import departments_of, enterprises_of, grids_of


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


def grid_overview(*, year: int, today: datetime.date | None = None) -> list[dict]:
    """One row per grid team: its enterprises, open and overdue cases, cases solved in `year`
    (resolved then, whether confirmed since or not) and the mean calendar days from opening to
    resolution (one decimal; None when none were solved)."""
    today = today or timezone.localdate()
    teams = list(GridTeam.objects.select_related("grid").order_by("grid__code"))
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
        spans[team_id].append((timezone.localtime(resolved_at).date() - opened_on).days)
    return [
        {
            "team": team,
            "grid": team.grid,
            "enterprises": enterprises.get(team.grid_id, 0),
            "open": open_counts.get(team.pk, 0),
            "overdue": overdue_counts.get(team.pk, 0),
            "solved_this_year": len(spans[team.pk]),
            "average_days_to_solve": (
                round(sum(spans[team.pk]) / len(spans[team.pk]), 1) if spans[team.pk] else None
            ),
        }
        for team in teams
    ]


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
