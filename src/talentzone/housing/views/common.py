"""What several of the talent apartments' pages share."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from talentzone.core.choices import Role
from talentzone.core.roles import has_role

PAGE_SIZE = 25
READERS = (Role.OFFICE_ADMIN, Role.LEADER)


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(f"{perm} refused")


def require_reader(user) -> None:
    """The office's pages are read by the office and leaders."""
    if not has_role(user, *READERS):
        raise PermissionDenied("The talent apartments' office pages.")


def paginate(request, rows, size: int = PAGE_SIZE) -> dict[str, Any]:
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


def chosen(request, name: str, values) -> str:
    """A filter's value from the query string, when it is one of `values` ("" otherwise)."""
    value = request.GET.get(name, "")
    return value if value in values else ""
