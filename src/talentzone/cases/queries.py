"""What each user may read at the case desk, and the figures of the grid overview."""

from django.db.models import Q, QuerySet

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .models import Case
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
