"""The events REST API (/api/v1/events/): viewsets over `queries` (reads) and `services`
(writes), with the serializers in `serializers.py`.

The platform's conventions hold: an event outside the caller's scope answers 404 (the viewset's
queryset is the visible one), a visible event the caller may not organise answers 403 (checked
before the input is read, and again by the service), and a service's ValidationError answers
400 with the message on the field at fault. An id in the body that the caller cannot see is a
400 on that field ("no such event"), never a hint that it exists.
"""

from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from talentzone.core.viewsets import ActionViewSet, require_object_perm, valid
from talentzone.directory.choices import Gender

from . import certificates, queries, services
from .choices import TRAINING_KINDS, RegistrationStatus
from .filters import EventFilter, RegistrationFilter
from .models import Certificate as CertificateModel
from .models import Event, Registration, StationFollow, TrainingSession
from .serializers import (
    AttendanceSerializer,
    CancelReasonSerializer,
    CertificateSerializer,
    CheckInResultSerializer,
    CheckInSerializer,
    EventSerializer,
    OwnRegistrationSerializer,
    PeriodQuerySerializer,
    RegisterSerializer,
    RegistrationSerializer,
    StationAttendanceSerializer,
    StationFollowSerializer,
)
from .views.common import reads_figures
from .views.organisers import organised_events


def organises_events(user) -> bool:
    return user.has_perm("events.organise")


class EventsViewSet(ActionViewSet):
    """The events endpoints' base: one permission per action (core.viewsets.ActionViewSet)."""


REGISTRATION_FILTER_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description=gettext_lazy("Name, account or code.")),
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        many=True,
        explode=True,
        enum=RegistrationStatus.values,
        description=gettext_lazy("One or several statuses."),
    ),
    OpenApiParameter("group", OpenApiTypes.STR, enum=Gender.values),
    OpenApiParameter("checked_in", OpenApiTypes.BOOL),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
]


def event_or_400(user, event_id: int, field: str = "event") -> Event:
    event = queries.visible_events(user).filter(pk=event_id).first()
    if event is None:
        raise serializers.ValidationError({field: [_("No such event.")]})
    return event


# Events --------------------------------------------------------------------------------------


class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    EventsViewSet,
):
    """Events the caller sees (the published ones; organisers also their drafts). The office
    organises any event, station staff their station's, agency staff their live streams in a
    park venue. Events are cancelled, never deleted."""

    queryset = Event.objects.none()
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["id", "starts_at", "created_at", "capacity"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_checks = {"create": organises_events}

    def get_queryset(self):
        return queries.visible_events(self.request.user).prefetch_related(
            "quotas", "sessions", "demands"
        )

    def shown(self, event: Event, code: int = status.HTTP_200_OK) -> Response:
        event = self.get_queryset().get(pk=event.pk)
        return Response(EventSerializer(event).data, status=code)

    def organised(self) -> Event:
        event = self.get_object()
        require_object_perm(self.request.user, "events.organise", event)
        return event

    @staticmethod
    def save_arguments(data: dict, kind: str | None) -> dict:
        quotas = data.pop("quotas", None)
        sessions = data.pop("sessions", None)
        arguments = {
            "quotas": {row["group"]: row["places"] for row in quotas}
            if quotas is not None
            else None,
            "demands": data.pop("demands", None),
            "sessions": session_rows(sessions) if sessions is not None else None,
            "book_venue": data.pop("book_venue", True),
        }
        if arguments["sessions"] and kind not in TRAINING_KINDS:
            raise serializers.ValidationError({"sessions": [_("Only trainings have sessions.")]})
        return {**arguments, **data}

    def create(self, request):
        form = EventSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        event = services.event_save(
            actor=request.user, event=None, **self.save_arguments(data, data.get("kind"))
        )
        return self.shown(event, status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        event = self.organised()
        form = EventSerializer(event, data=request.data, partial=partial)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        kind = data.get("kind", event.kind)
        event = services.event_save(
            actor=request.user, event=event, **self.save_arguments(data, kind)
        )
        return self.shown(event)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a draft: people in its audience may register once the window opens."""
        event = self.organised()
        services.event_publish(actor=request.user, event=event)
        return self.shown(event)

    @extend_schema(request=CancelReasonSerializer, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the event, saying why: its venue booking is released and everyone registered
        is told."""
        event = self.organised()
        reason = valid(CancelReasonSerializer, request.data)["reason"]
        services.event_cancel(actor=request.user, event=event, reason=reason)
        return self.shown(event)

    @extend_schema(
        responses=RegistrationSerializer(many=True),
        filters=False,
        parameters=REGISTRATION_FILTER_PARAMETERS,
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def registrations(self, request, pk=None):
        """The event's registrations in arrival order (the waiting list's order), filtered by
        status, group, check-in or a keyword (name, code). Organisers only."""
        event = self.organised()
        rows = queries.registrations_of(event).prefetch_related(
            "interests__demand", "session_attendances"
        )
        rows = RegistrationFilter(request.query_params, queryset=rows, request=request)
        if not rows.is_valid():
            raise serializers.ValidationError(rows.errors)
        page = self.paginate_queryset(rows.qs)
        return self.get_paginated_response(RegistrationSerializer(page, many=True).data)

    @extend_schema(responses=AttendanceSerializer, filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def attendance(self, request, pk=None):
        """The event's figures: confirmed, attended, no-shows, waitlisted, cancelled, rate."""
        event = self.get_object()
        if not (request.user.has_perm("events.organise", event) or reads_figures(request.user)):
            raise exceptions.PermissionDenied()
        return Response(AttendanceSerializer(queries.attendance(event)).data)

    @extend_schema(request=None, responses={201: CertificateSerializer(many=True)}, filters=False)
    @action(detail=True, methods=["post"], url_path="issue-certificates", filter_backends=[])
    def issue_certificates(self, request, pk=None):
        """After a training: a certificate for everyone who attended enough sessions."""
        event = self.organised()
        issued = services.issue_certificates(actor=request.user, event=event)
        return Response(
            CertificateSerializer(issued, many=True).data, status=status.HTTP_201_CREATED
        )


def session_rows(rows) -> list[dict]:
    return [
        {
            "number": row.get("number") or index,
            "title": row["title"],
            "starts_at": row["starts_at"],
            "ends_at": row["ends_at"],
        }
        for index, row in enumerate(rows, start=1)
    ]


class StationAttendanceViewSet(EventsViewSet):
    """Per station, over the events that ended in a period: events, people confirmed, attended,
    no-shows and the attendance rate. Organisers and leaders."""

    serializer_class = StationAttendanceSerializer
    pagination_class = None
    filter_backends = []
    action_checks = {"list": reads_figures}

    @extend_schema(
        parameters=[PeriodQuerySerializer], responses=StationAttendanceSerializer(many=True)
    )
    def list(self, request):
        period = valid(PeriodQuerySerializer, request.query_params)
        rows = queries.station_attendance(start=period.get("start"), end=period.get("end"))
        return Response(StationAttendanceSerializer(rows, many=True).data)


# Registrations -------------------------------------------------------------------------------


class RegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, EventsViewSet):
    """The caller's own registrations (with the QR code of the live ones). POST registers for
    an event (confirmed while places are left, else on the waiting list); `cancel` gives the
    place up (the first in line moves up). Organisers read an event's registrations at
    /events/<id>/registrations/ and may cancel them here."""

    queryset = Registration.objects.none()
    serializer_class = OwnRegistrationSerializer
    filterset_fields = ["status", "event"]
    ordering_fields = ["id", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        rows = Registration.objects.select_related("event", "talent", "user").prefetch_related(
            "interests__demand", "session_attendances"
        )
        if self.action in ("list", "create"):
            return rows.filter(user=self.request.user).order_by("-created_at", "-id")
        organised = organised_events(self.request.user).values("pk")
        return rows.filter(Q(user=self.request.user) | Q(event__in=organised))

    @extend_schema(request=RegisterSerializer, responses={201: OwnRegistrationSerializer})
    def create(self, request):
        """Register for an event. Refused on the field at fault: not in the audience, window
        closed, already registered, no registry record where places are divided by gender."""
        data = valid(RegisterSerializer, request.data)
        event = event_or_400(request.user, data["event"])
        demands = None
        if data.get("demands"):
            presented = {demand.pk: demand for demand in event.demands.all()}
            missing = [pk for pk in data["demands"] if pk not in presented]
            if missing:
                raise serializers.ValidationError(
                    {
                        "demands": [
                            _("This event does not present demand %(id)s.") % {"id": missing[0]}
                        ]
                    }
                )
            demands = [presented[pk] for pk in data["demands"]]
        registration = services.register(actor=request.user, event=event, demands=demands)
        registration = self.get_queryset().get(pk=registration.pk)
        return Response(
            OwnRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=OwnRegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Give the place up (or leave the waiting list)."""
        registration = self.get_object()
        services.cancel_registration(actor=request.user, registration=registration)
        registration = self.get_queryset().get(pk=registration.pk)
        return Response(OwnRegistrationSerializer(registration).data)


# Check-in ------------------------------------------------------------------------------------


class CheckInViewSet(EventsViewSet):
    """The door: an event, the code as scanned or typed, and for trainings the session. A wrong
    or reused code, a waitlisted person or the wrong time is a 400 on `code`."""

    serializer_class = CheckInSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(request=CheckInSerializer, responses=CheckInResultSerializer)
    def create(self, request):
        data = valid(CheckInSerializer, request.data)
        event = event_or_400(request.user, data["event"])
        if not request.user.has_perm("events.check_in", event):
            raise exceptions.PermissionDenied()
        session = None
        if data.get("session") is not None:
            session = TrainingSession.objects.filter(event=event, pk=data["session"]).first()
            if session is None:
                raise serializers.ValidationError({"session": [_("No such session.")]})
        registration = services.check_in(
            actor=request.user, event=event, code=data["code"], session=session
        )
        registration = (
            Registration.objects.select_related("event", "talent", "user")
            .prefetch_related("interests__demand", "session_attendances")
            .get(pk=registration.pk)
        )
        return Response(
            CheckInResultSerializer(
                {"registration": registration, "session": session.pk if session else None}
            ).data
        )


# Certificates and followed stations ----------------------------------------------------------


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, EventsViewSet):
    """The caller's certificates; `pdf` downloads one (A4, Chinese and English)."""

    queryset = CertificateModel.objects.none()
    serializer_class = CertificateSerializer
    filter_backends = []

    def get_queryset(self):
        return queries.certificates_of(self.request.user).order_by("-issued_at", "-id")

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        filters=False,
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        certificate = self.get_object()
        response = HttpResponse(
            certificates.render_pdf(certificate), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{certificate.number}.pdf"'
        )
        return response


class FollowedStationViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, EventsViewSet
):
    """The stations whose events the caller sees first: POST follows one, DELETE
    /followed-stations/<station id>/ unfollows it."""

    queryset = StationFollow.objects.none()
    serializer_class = StationFollowSerializer
    filter_backends = []
    lookup_field = "station"
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        return (
            StationFollow.objects.filter(user=self.request.user)
            .select_related("station")
            .order_by("station__name")
        )

    def create(self, request):
        form = StationFollowSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        station = form.validated_data["station"]
        services.follow_station(actor=request.user, station=station)
        follow = self.get_queryset().get(station=station)
        return Response(StationFollowSerializer(follow).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, station=None):
        follow = self.get_object()
        services.unfollow_station(actor=request.user, station=follow.station)
        return Response(status=status.HTTP_204_NO_CONTENT)
