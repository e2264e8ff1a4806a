"""API conventions shared by every app: pagination, errors and the permission class."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework import exceptions, pagination, permissions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .services import perm_name


class Pagination(pagination.PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


def _field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """Django names errors of the whole object `__all__`; DRF calls them `non_field_errors`."""
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    errors = dict(error.message_dict)
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return errors


def is_nul_refused(exc: Exception) -> bool:
    """PostgreSQL's driver refuses a string holding NUL (0x00) before it reaches the database.
    Serializer fields reject NUL themselves; this catches a query parameter a view reads by
    hand (a search word, a month), which would otherwise be a 500."""
    return isinstance(exc, ValueError | DataError) and "NUL" in str(exc)


def exception_handler(exc, context):
    """DRF's handler, plus the model validation a service raises: 400 with field errors."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_field_errors(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif is_nul_refused(exc):
        exc = exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: [_("Text may not contain NUL characters.")]}
        )
    return drf_exception_handler(exc, context)


def not_found(request, exception=None):
    """Django's 404 for a URL that no route matches (`handler404`): under /api/ it answers as
    the API does, `{"detail": …}` in JSON, not with an HTML page (an id that is not a number,
    a path with a typo)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


class RulesPermission(permissions.IsAuthenticated):
    """Reads are filtered by the view's queryset (out of scope means 404); writes ask `rules`.

    Answering 403 here, before the serializer runs, means a role that may not write learns that
    first instead of being told about field errors. The service checks again: it is the one
    that must hold even when called from elsewhere.
    """

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method == "POST" and getattr(view, "action", None) == "create":
            return request.user.has_perm(perm_name(view.queryset.model, "add"))
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        action = "delete" if request.method == "DELETE" else "change"
        # An action that is not a change names its own permission (e.g. reveal → reveal_talent).
        action = getattr(view, "object_permission_actions", {}).get(view.action, action)
        return request.user.has_perm(perm_name(type(obj), action), obj)
