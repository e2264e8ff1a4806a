"""Sign-in lock-out (django-axes): what a locked-out person is told, and by which address.

After AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is locked
for AXES_COOLOFF_TIME; a success before that clears the count, and the office can lift a lock at
once with `talentzone axes_reset_username <name>` (or `axes_reset` for everyone). Another
username, or the same one from another address, is not affected: a guesser cannot lock a
colleague out of the zone's offices.

The sign-in page answers with a page (429) saying until when and whom to ask; the API's token
endpoint with `429 {"detail": …}` and a Retry-After header.
"""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

LOCKED_OUT_STATUS = 429


def client_ip(request: HttpRequest) -> str | None:
    """The address a sign-in came from. Behind TALENTZONE_PROXY_COUNT reverse proxies (each
    appending to X-Forwarded-For) it is the entry the outermost of ours appended; with none, the
    connection's address. Entries further left are the client's say-so and could name anyone."""
    proxies = settings.TALENTZONE_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _cool_off_seconds(request) -> int:
    cool_off = get_cool_off(request)
    return math.ceil(cool_off.total_seconds()) if cool_off else 0


def _message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return _(
        "Too many wrong passwords for this account from this address: signing in is locked for "
        "%(minutes)d minutes. Try again later, or ask the zone's talent office to unlock the "
        "account."
    ) % {"minutes": minutes}


def is_api_request(request) -> bool:
    return request.path.startswith("/api/")


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the answer to a sign-in refused because of the lock."""
    seconds = _cool_off_seconds(request)
    if is_api_request(request):
        response = JsonResponse(
            {"detail": _message(seconds), "retry_after": seconds},
            status=LOCKED_OUT_STATUS,
        )
    else:
        context = {
            "until": timezone.localtime() + get_cool_off(request) if seconds else None,
            "minutes": max(1, math.ceil(seconds / 60)),
            "support_contact": settings.TALENTZONE_SUPPORT_CONTACT,
        }
        response = render(request, "core/locked_out.html", context, status=LOCKED_OUT_STATUS)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response


class TokenView(ObtainAuthToken):
    """Exchange a username and password for the user's API token. After too many wrong
    passwords for one username from one address, that pair is locked for a while: the answer is
    then 429 with a `detail` and a Retry-After header, even for the right password."""

    # DRF's own view would answer a locked pair 400 like a wrong password: axes flags the DRF
    # request it was given, not the Django request its middleware looks at. Hence this view.

    @extend_schema(
        responses={
            200: inline_serializer("AuthToken", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Wrong username or password."),
            429: OpenApiResponse(description="Too many wrong passwords: locked for a while."),
        }
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        valid = serializer.is_valid()
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request)
        if not valid:
            raise ValidationError(serializer.errors)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
