"""The OpenAPI schema documents the errors the API really answers, not only its successes.

drf-spectacular documents the status code of a success; a client (and the fuzz test,
`core/tests/test_api_fuzz.py`) also meets the errors every operation can give. They come from
shared code, so they are added here, once, from what the view is made of:

- 400 `{"field": ["message"]}` (`core.api.exception_handler`): any write, and any read that
  takes query parameters (a filter's value that is not one of its choices, a bad date);
- 401 where the first authentication class asks for credentials (DRF answers 403 instead when
  it is the session's, which sends no `WWW-Authenticate`);
- 403 where a permission is checked (signed out, a role that may not, a missing CSRF token);
- 404 on a path that names an object (outside one's scope is as if it did not exist) and on a
  paginated list asked for a page past its last;
- 429 where requests are throttled: the token endpoint, whose failed sign-ins django-axes
  counts and locks out.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions, serializers
from rest_framework.authtoken.views import ObtainAuthToken

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

DETAIL = {
    "type": "object",
    "description": "What went wrong, in the reader's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# Field name (or `non_field_errors`) → its messages; a nested serializer's errors nest the same
# way, and a list of objects gives one such object per item.
FIELD_ERRORS = {
    "type": "object",
    "description": "Each field at fault with its messages; `non_field_errors` for the whole "
    "object.",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": True},
            {"type": "array", "items": {"type": "object", "additionalProperties": True}},
        ]
    },
}
# A refusal of the whole request that is not about one field (raised as a plain message); a
# body that is not JSON at all answers `{"detail": …}` like the other errors.
MESSAGES = {"type": "array", "items": {"type": "string"}}

ERRORS = {
    "400": ("Invalid input: the fields at fault.", "ValidationError"),
    "401": ("No credentials, or credentials that are not valid.", "ErrorDetail"),
    "403": ("Not allowed: signed out, a role that may not, or no CSRF token.", "ErrorDetail"),
    "404": ("Not found, or outside what the user may see.", "ErrorDetail"),
    "429": ("Too many attempts: try again later.", "ErrorDetail"),
}


# A time of day as DRF reads and writes it ("08:30", "08:30:00"). JSON Schema's `format: time`
# is RFC 3339's full-time, which needs a UTC offset that a time of day on the park's clock
# does not have: clients and validators would reject every time the API answers.
TIME_OF_DAY = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"}


class ErrorsAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema with the shared error responses of every operation, and the
    fields it would otherwise describe other than as they are answered."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for code in self._error_codes(operation.get("parameters", [])):
            if code not in responses:  # an operation's own description of it wins
                responses[code] = self._error_response(code)
        return operation

    def _error_codes(self, parameters: list[dict]) -> list[str]:
        located = {parameter["in"] for parameter in parameters}
        codes = []
        if self.method in WRITES or "query" in located:
            codes.append("400")
        if self._asks_for_credentials():
            codes.append("401")
        if not self._is_open():
            codes.append("403")
        if "path" in located or self._is_paginated_list():
            codes.append("404")
        if isinstance(self.view, ObtainAuthToken) or getattr(self.view, "throttle_classes", ()):
            codes.append("429")
        return codes

    def _is_paginated_list(self) -> bool:
        return self.method == "GET" and self._is_list_view() and bool(self._get_paginator())

    def _asks_for_credentials(self) -> bool:
        authenticators = getattr(self.view, "authentication_classes", ())
        return bool(authenticators) and bool(authenticators[0]().authenticate_header(None))

    def _is_open(self) -> bool:
        classes = getattr(self.view, "permission_classes", ())
        return all(issubclass(cls, permissions.AllowAny) for cls in classes)

    def _error_response(self, code: str) -> dict:
        description, name = ERRORS[code]
        schema = (
            {"anyOf": [FIELD_ERRORS, MESSAGES, DETAIL]} if name == "ValidationError" else DETAIL
        )
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return {
            "description": description,
            "content": {media_type: {"schema": component.ref} for media_type in self._json()},
        }

    def _json(self) -> list[str]:
        """The JSON media types the view renders (not the browsable API's HTML)."""
        media_types = [m for m in self.map_renderers("media_type") if "json" in m]
        return media_types or ["application/json"]

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if isinstance(field, serializers.ChoiceField) and blank_in_model(field):
            field.allow_blank = True  # see blank_in_model
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.TimeField) and schema.get("format") == "time":
            del schema["format"]
            schema.update(TIME_OF_DAY)
        return schema


def blank_in_model(field) -> bool:
    """A read-only choice of a model field that may be blank answers "" too; DRF drops
    `allow_blank` from read-only fields, so the schema would list only the choices."""
    if not field.read_only or field.allow_blank:
        return False
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    try:
        return model is not None and model._meta.get_field(field.source).blank
    except (FieldDoesNotExist, TypeError):
        return False
