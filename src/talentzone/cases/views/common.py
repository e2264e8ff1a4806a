"""What several of the case desk's pages share."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils import timezone

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

from .. import queries
from ..models import Case

PAGE_SIZE = 25
DESK_ROLES = (Role.OFFICE_ADMIN, Role.LEADER, Role.GRID_OFFICER, Role.REVIEWER)
REQUESTER_ROLES = (Role.ENTERPRISE_HR, Role.TALENT)


def visible_case(request, pk) -> Case:
    return get_object_or_404(queries.visible_cases(request.user), pk=pk)


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(f"{perm} refused")


def paginate(request, rows, size: int = PAGE_SIZE) -> dict[str, Any]:
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


def mark_overdue(cases, today=None) -> None:
    """Give each case `days_over`: calendar days past its deadline (0 when not overdue)."""
    today = today or timezone.localdate()
    for case in cases:
        late = case.status == "open" and case.due_on < today
        case.days_over = (today - case.due_on).days if late else 0


def is_desk(user) -> bool:
    return has_role(user, *DESK_ROLES)


def is_office(user) -> bool:
    return has_role(user, Role.OFFICE_ADMIN)
