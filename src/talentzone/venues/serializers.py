"""The venues API's serializers: thin, and separate for what comes in and what goes out.

Writes never happen here: an API view validates the input with one of these, calls one service,
and serialises what the service returns. Times are ISO 8601 with their offset (the park's clock,
Asia/Shanghai, unless the client says otherwise); closed weekdays are day numbers, 0 is Monday.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .choices import BookingPurpose, VenueKind
from .models import Booking, Venue

ORGANISATION_KINDS = ("agency", "enterprise", "station")


class WeekdaysField(serializers.ListField):
    """The model keeps "5,6"; the API reads and writes [5, 6]."""

    child = serializers.IntegerField(min_value=0, max_value=6)

    def to_representation(self, data):
        if isinstance(data, str):
            data = [int(day) for day in data.split(",") if day.strip()]
        return sorted(data)

    def to_internal_value(self, data):
        days = super().to_internal_value(data)
        return ",".join(str(day) for day in sorted(set(days)))


class VenueSerializer(serializers.ModelSerializer):
    """A venue with its booking rules. `may_book`: whether the caller may book it; `feed_url`:
    its iCal feed (no sign-in needed)."""

    closed_weekdays = WeekdaysField(required=False, allow_empty=True)
    may_book = serializers.SerializerMethodField()
    feed_url = serializers.SerializerMethodField()

    class Meta:
        model = Venue
        fields = [
            "id",
            "name",
            "kind",
            "place",
            "capacity",
            "area",
            "equipment",
            "opens_at",
            "closes_at",
            "closed_weekdays",
            "bookers",
            "needs_approval",
            "buffer_minutes",
            "max_minutes",
            "weekly_quota_hours",
            "cancel_cutoff_hours",
            "days_ahead",
            "active",
            "may_book",
            "feed_url",
        ]
        # The venue's own constraints are checked by the service (model validation).
        validators = []
        extra_kwargs = {"name": {"validators": []}}

    def get_may_book(self, venue: Venue) -> bool:
        request = self.context.get("request")
        return bool(request and venue.active and request.user.has_perm("venues.book", venue))

    def get_feed_url(self, venue: Venue) -> str:
        path = reverse("venues:venue-feed", args=[venue.pk, venue.feed_token])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SlotQuerySerializer(serializers.Serializer):
    day = serializers.DateField(help_text=_("The day, YYYY-MM-DD"))


class SlotSerializer(serializers.Serializer):
    """A 30-minute slot of a venue's day: free to book, or held by a booking (shown with its
    title and organisation to those who may see it, as "booked" to everyone else)."""

    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    free = serializers.BooleanField()
    booking = serializers.IntegerField(allow_null=True, help_text=_("The holding booking's id"))
    label = serializers.CharField()


class BookingSerializer(serializers.ModelSerializer):
    venue_name = serializers.CharField(source="venue.name", read_only=True)
    organisation_kind = serializers.SerializerMethodField()
    organisation_name = serializers.SerializerMethodField()
    booked_by = serializers.CharField(source="booked_by.username", read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "venue",
            "venue_name",
            "purpose",
            "title",
            "starts_at",
            "ends_at",
            "blocked_until",
            "attendees",
            "status",
            "organisation_kind",
            "organisation_name",
            "agency",
            "enterprise",
            "station",
            "booked_by",
            "demand",
            "note",
            "decided_at",
            "decision_note",
            "cancelled_at",
            "cancel_reason",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(choices=[*ORGANISATION_KINDS, "office"], allow_null=False)
    )
    def get_organisation_kind(self, booking: Booking) -> str:
        for kind in ORGANISATION_KINDS:
            if getattr(booking, f"{kind}_id"):
                return kind
        return "office"

    def get_organisation_name(self, booking: Booking) -> str:
        organisation = booking.organisation
        return str(organisation) if organisation else str(_("Talent office"))


class BookingCreateSerializer(serializers.Serializer):
    """A booking to make: the service checks every rule and answers 400 on the field at fault
    (`starts_at` "taken" names the clashing slot)."""

    venue = serializers.PrimaryKeyRelatedField(queryset=Venue.objects.none())
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    purpose = serializers.ChoiceField(choices=BookingPurpose.choices)
    title = serializers.CharField(max_length=100)
    attendees = serializers.IntegerField(min_value=1, max_value=32767, default=1)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    demand = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("The demand whose interviews these are")
    )

    def __init__(self, *args, venues=None, **kwargs):
        super().__init__(*args, **kwargs)
        if venues is not None:
            self.fields["venue"].queryset = venues


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text=_("true approves, false rejects"))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class FindFreeQuerySerializer(serializers.Serializer):
    """ "A free interview room for 2 hours on Thursday afternoon"."""

    kind = serializers.ChoiceField(choices=VenueKind.choices, required=False)
    day = serializers.DateField()
    earliest = serializers.TimeField(required=False, help_text=_("From (default: opening)"))
    latest = serializers.TimeField(required=False, help_text=_("To (default: closing)"))
    minutes = serializers.IntegerField(min_value=15, max_value=24 * 60)
    attendees = serializers.IntegerField(min_value=1, max_value=32767, default=1)

    def validate(self, data):
        earliest, latest = data.get("earliest"), data.get("latest")
        if earliest and latest and latest <= earliest:
            raise serializers.ValidationError({"latest": [_("The window ends after it starts.")]})
        return data


class FreeRoomSerializer(serializers.Serializer):
    venue = serializers.IntegerField(source="venue.pk")
    venue_name = serializers.CharField(source="venue.name")
    kind = serializers.ChoiceField(source="venue.kind", choices=VenueKind.choices)
    place = serializers.CharField(source="venue.place")
    capacity = serializers.IntegerField(source="venue.capacity")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
