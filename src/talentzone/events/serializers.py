"""The events API's serializers: thin, and separate for what comes in and what goes out.

Writes never happen here: an API view validates the input with one of these, calls one service,
and serialises what the service returns. An event carries its quotas (one row per group) and,
for trainings, its sessions; a write that sends `quotas` or `sessions` replaces them.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from talentzone.directory.choices import Gender
from talentzone.directory.models import Station
from talentzone.recruiting.choices import DemandStatus
from talentzone.recruiting.models import Demand
from talentzone.venues.models import Venue

from . import queries
from .models import (
    Certificate,
    Event,
    EventQuota,
    LiveStreamInterest,
    Registration,
    StationFollow,
    TrainingSession,
)
from .qr import qr_svg

# Events --------------------------------------------------------------------------------------


class QuotaSerializer(serializers.ModelSerializer):
    group = serializers.ChoiceField(choices=Gender.choices, help_text=_("A gender."))

    class Meta:
        model = EventQuota
        fields = ["group", "places", "confirmed"]
        read_only_fields = ["confirmed"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingSession
        fields = ["id", "number", "title", "starts_at", "ends_at"]
        read_only_fields = ["id"]
        extra_kwargs = {"number": {"required": False}}
        validators = []


@extend_schema_serializer(component_name="ZoneEvent")  # policies has an "Event" (a timeline's)
class EventSerializer(serializers.ModelSerializer):
    """An event with its quotas, sessions (trainings) and presented demands (live streams).
    `book_venue` (write only, default true) books the park venue for the event's time."""

    station = serializers.PrimaryKeyRelatedField(
        queryset=Station.objects.all(), required=False, allow_null=True
    )
    venue = serializers.PrimaryKeyRelatedField(
        queryset=Venue.objects.filter(active=True), required=False, allow_null=True
    )
    demands = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Demand.objects.filter(status=DemandStatus.OPEN),
        required=False,
        help_text=_("Live streams: the open demands presented."),
    )
    quotas = QuotaSerializer(many=True, required=False)
    sessions = SessionSerializer(many=True, required=False)
    station_name = serializers.CharField(
        source="station.name", read_only=True, default=None, allow_null=True
    )
    venue_name = serializers.CharField(
        source="venue.name", read_only=True, default=None, allow_null=True
    )
    places_left = serializers.IntegerField(read_only=True)
    book_venue = serializers.BooleanField(write_only=True, required=False, default=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "station",
            "station_name",
            "venue",
            "venue_name",
            "booking",
            "place",
            "starts_at",
            "ends_at",
            "capacity",
            "confirmed",
            "places_left",
            "quota_by",
            "quotas",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "max_age",
            "status",
            "sessions_required",
            "sessions",
            "demands",
            "organiser",
            "cancel_reason",
            "book_venue",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "booking",
            "confirmed",
            "status",
            "organiser",
            "cancel_reason",
            "created_at",
            "updated_at",
        ]
        # The event's constraints are the service's to check (model validation, 400 by field).
        validators = []


class AttendanceSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField(help_text=_("People who held a place."))
    attended = serializers.IntegerField()
    no_shows = serializers.IntegerField(help_text=_("Held a place and did not come (once over)."))
    waitlisted = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text=_("Attended / confirmed, 0 to 1."))


class StationAttendanceSerializer(serializers.Serializer):
    station = serializers.IntegerField(source="station.pk")
    station_name = serializers.CharField()
    events = serializers.IntegerField()
    confirmed = serializers.IntegerField()
    attended = serializers.IntegerField()
    no_shows = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)


class PeriodQuerySerializer(serializers.Serializer):
    start = serializers.DateField(required=False, help_text=_("Events starting on or after."))
    end = serializers.DateField(required=False, help_text=_("Events starting before."))


class CancelReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300, help_text=_("Why: everyone registered reads it.")
    )


# Registrations -------------------------------------------------------------------------------


class InterestSerializer(serializers.ModelSerializer):
    demand_title = serializers.CharField(source="demand.title", read_only=True)

    class Meta:
        model = LiveStreamInterest
        fields = ["demand", "demand_title", "referral", "outcome"]


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration: its status, the place on the waiting list, the check-in code (and, for
    one's own live registration, its QR code as inline SVG)."""

    event_title = serializers.CharField(source="event.title", read_only=True)
    name = serializers.SerializerMethodField()
    position = serializers.SerializerMethodField(
        help_text=_("Place on the waiting list (1: next in line); null unless waitlisted.")
    )
    interests = InterestSerializer(many=True, read_only=True)
    sessions_attended = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "event_title",
            "user",
            "name",
            "group",
            "status",
            "position",
            "code",
            "checked_in_at",
            "promoted_at",
            "cancelled_at",
            "sessions_attended",
            "interests",
            "created_at",
        ]
        read_only_fields = fields

    def get_name(self, registration: Registration) -> str:
        if registration.talent_id:
            return registration.talent.name
        return str(registration.user)

    def get_position(self, registration: Registration) -> int | None:
        return queries.waitlist_position(registration)

    def get_sessions_attended(self, registration: Registration) -> int:
        return registration.session_attendances.count()


class OwnRegistrationSerializer(RegistrationSerializer):
    qr_svg = serializers.SerializerMethodField(
        help_text=_("The check-in code as an inline SVG QR code (live registrations).")
    )

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "qr_svg"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_qr_svg(self, registration: Registration) -> str | None:
        if registration.status not in ("confirmed", "waitlisted"):
            return None
        return qr_svg(registration)


class RegisterSerializer(serializers.Serializer):
    event = serializers.IntegerField(help_text=_("The event to register for."))
    demands = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text=_("Live streams: the presented demands one is interested in (none: all)."),
    )


class CheckInSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    code = serializers.CharField(max_length=40, help_text=_("As scanned or typed."))
    session = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Trainings: the session checked in to.")
    )


class CheckInResultSerializer(serializers.Serializer):
    registration = RegistrationSerializer()
    session = serializers.IntegerField(allow_null=True)


# Certificates and stations -------------------------------------------------------------------


class CertificateSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="registration.event_id", read_only=True)
    event_title = serializers.CharField(source="registration.event.title", read_only=True)

    class Meta:
        model = Certificate
        fields = ["id", "number", "event", "event_title", "issued_at", "sessions_attended"]
        read_only_fields = fields


class StationFollowSerializer(serializers.ModelSerializer):
    station_name = serializers.CharField(source="station.name", read_only=True)

    class Meta:
        model = StationFollow
        fields = ["station", "station_name", "created_at"]
        read_only_fields = ["station_name", "created_at"]
        validators = []
