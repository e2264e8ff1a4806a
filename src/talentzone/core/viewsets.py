"""The base of the apps' action APIs (policies, recruiting, venues, events), apart from
`core/api.py` because DRF's settings import that module (pagination, error handler) while
`rest_framework.viewsets` is still loading."""

from collections.abc import Callable

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, permissions, viewsets
from rest_framework.renderers import JSONRenderer


class StableOrderingFilter(filters.OrderingFilter):
    """Ends every ordering with the primary key: pages of a list ordered by a column with ties
    (dates, levels) would otherwise overlap or skip rows on PostgreSQL."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not {"pk", "-pk", "id", "-id"} & set(ordering):
            ordering = [*ordering, "pk"]
        return ordering


# Who may use an endpoint at all: a permission name, or a test of the user. The object's own
# check (this demand, this booking) is made by the view or the service once it is found.
Check = str | Callable[[object], bool]


class ActionPermission(permissions.IsAuthenticated):
    """Signed in; holding the view's `required_perm` when it names one; and for the actions
    named in the view's `action_checks`, allowed that action (403 before any input is read)."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        required = getattr(view, "required_perm", None)
        if required and not request.user.has_perm(required):
            return False
        check = getattr(view, "action_checks", {}).get(view.action)
        if check is None:
            return True
        if isinstance(check, str):
            return request.user.has_perm(check)
        return check(request.user)


def require_object_perm(user, perm: str, obj) -> None:
    """403 unless the user holds `perm` on this object (asked before reading any input)."""
    if not user.has_perm(perm, obj):
        raise exceptions.PermissionDenied()


def valid(serializer_class, data) -> dict:
    """The input checked by `serializer_class` (400 with the field at fault otherwise)."""
    form = serializer_class(data=data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


class ActionViewSet(viewsets.GenericViewSet):
    """The base of the apps' action APIs (recruiting, venues, events): JSON only — people use
    the pages and /api/docs/ documents the API — filtered and stably ordered lists, and a
    permission per action in `action_checks`."""

    permission_classes = [ActionPermission]
    renderer_classes = [JSONRenderer]
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    action_checks: dict[str, Check] = {}
    required_perm: str | None = None
