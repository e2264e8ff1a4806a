"""The talent apartments API's serializers: thin, and separate for what comes in and what goes
out. Writes never happen here: a view validates the input with one of these, calls one service
and serialises what it returns. Every choice goes out with its value and its label
(`…_display`) in the caller's language."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from talentzone.policies.models import Policy

from .choices import InspectionOutcome, Layout, SchoolLevel
from .models import (
    Apartment,
    Community,
    HousingRequest,
    Lease,
    Offer,
    Round,
    Scheme,
    SchoolingRequest,
)


def display(field: str) -> serializers.CharField:
    return serializers.CharField(source=f"get_{field}_display", read_only=True)


# Communities and flats -----------------------------------------------------------------------


class CommunityBoardSerializer(serializers.Serializer):
    """A community with its flats counted by status and its occupancy (let ÷ all, %)."""

    id = serializers.IntegerField(source="community.pk")
    name = serializers.CharField(source="community.name")
    name_en = serializers.CharField(source="community.name_en")
    address = serializers.CharField(source="community.address")
    total = serializers.IntegerField()
    vacant = serializers.IntegerField()
    reserved = serializers.IntegerField()
    let = serializers.IntegerField()
    repair = serializers.IntegerField()
    occupancy = serializers.IntegerField(help_text=_("Whole percent of the flats let."))


class ApartmentSerializer(serializers.ModelSerializer):
    community_name = serializers.CharField(source="community.name", read_only=True)
    layout_display = display("layout")
    status_display = display("status")

    class Meta:
        model = Apartment
        fields = [
            "id",
            "community",
            "community_name",
            "building",
            "unit",
            "layout",
            "layout_display",
            "area",
            "floor",
            "furnished",
            "rent_fen",
            "status",
            "status_display",
        ]
        read_only_fields = fields


# The queue -----------------------------------------------------------------------------------


class ScorePartSerializer(serializers.Serializer):
    label = serializers.CharField()
    figure = serializers.CharField()
    points = serializers.IntegerField()


class QueueRowSerializer(serializers.Serializer):
    """A household in the queue with its priority score, the formula's parts and (for the
    talent's own) its place per layout."""

    id = serializers.IntegerField(source="entry.pk")
    scheme = serializers.IntegerField(source="entry.scheme_id")
    talent = serializers.IntegerField(source="entry.talent_id")
    talent_name = serializers.CharField(source="entry.talent.name")
    layouts = serializers.ListField(
        child=serializers.ChoiceField(choices=Layout.choices), source="entry.layouts"
    )
    household_size = serializers.IntegerField(source="entry.household_size")
    approved_on = serializers.DateField(source="entry.approved_on")
    status = serializers.CharField(source="entry.status")
    status_display = serializers.CharField(source="entry.get_status_display")
    rank = serializers.IntegerField(allow_null=True, help_text=_("Place in the scheme's queue."))
    score = serializers.IntegerField(source="score.total")
    parts = serializers.SerializerMethodField()
    positions = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Layout → place among those who fit it.")
    )

    @extend_schema_field(ScorePartSerializer(many=True))
    def get_parts(self, row) -> list[dict]:
        return [
            {"label": str(label), "figure": str(figure), "points": points}
            for label, figure, points in row["score"].parts
        ]


# Rounds and offers ---------------------------------------------------------------------------


@extend_schema_serializer(component_name="FlatOffer")  # policies has an "Offer"
class OfferSerializer(serializers.ModelSerializer):
    apartment = ApartmentSerializer(read_only=True)
    talent = serializers.IntegerField(source="entry.talent_id", read_only=True)
    talent_name = serializers.CharField(source="entry.talent.name", read_only=True)
    status_display = display("status")

    class Meta:
        model = Offer
        fields = [
            "id",
            "round",
            "entry",
            "talent",
            "talent_name",
            "apartment",
            "passed_on_from",
            "score",
            "rank",
            "reason",
            "status",
            "status_display",
            "offered_at",
            "expires_on",
            "answered_at",
        ]
        read_only_fields = fields


class RoundSerializer(serializers.ModelSerializer):
    offers = OfferSerializer(many=True, read_only=True)
    run_by_name = serializers.CharField(
        source="run_by", read_only=True, default=None, allow_null=True
    )
    unoffered = serializers.SerializerMethodField(
        help_text=_("Flats considered that went to no one.")
    )

    class Meta:
        model = Round
        fields = [
            "id",
            "scheme",
            "run_at",
            "run_by",
            "run_by_name",
            "flats_considered",
            "households_waiting",
            "unoffered",
            "offers",
        ]
        read_only_fields = fields

    def get_unoffered(self, round) -> int:
        return max(round.flats_considered - len(round.offers.all()), 0)


class RoundRunSerializer(serializers.Serializer):
    scheme = serializers.PrimaryKeyRelatedField(queryset=Scheme.objects.all())


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


# Leases --------------------------------------------------------------------------------------


class LeaseSerializer(serializers.ModelSerializer):
    apartment = ApartmentSerializer(read_only=True)
    talent_name = serializers.CharField(source="talent.name", read_only=True)
    status_display = display("status")

    class Meta:
        model = Lease
        fields = [
            "id",
            "offer",
            "renews",
            "apartment",
            "talent",
            "talent_name",
            "starts_on",
            "ends_on",
            "rent_fen",
            "discount_percent",
            "deposit_fen",
            "status",
            "status_display",
            "ended_on",
            "end_reason",
            "reminded_on",
            "left_employment_on",
        ]
        read_only_fields = fields


class LeaseSignSerializer(serializers.Serializer):
    offer = serializers.PrimaryKeyRelatedField(queryset=Offer.objects.all())
    starts_on = serializers.DateField(required=False, allow_null=True)


class LeaseRenewSerializer(serializers.Serializer):
    months = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=60)


class LeaseTerminateSerializer(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.CharField(max_length=500)


class InspectionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=InspectionOutcome.choices)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000)


# Applications --------------------------------------------------------------------------------


class HousingRequestSerializer(serializers.ModelSerializer):
    application_number = serializers.CharField(source="application.number", read_only=True)
    application_status = serializers.CharField(source="application.status", read_only=True)
    policy = serializers.IntegerField(source="application.policy_id", read_only=True)

    class Meta:
        model = HousingRequest
        fields = [
            "id",
            "application",
            "application_number",
            "application_status",
            "policy",
            "layouts",
            "household_size",
        ]
        read_only_fields = fields


class HousingApplySerializer(serializers.Serializer):
    scheme = serializers.PrimaryKeyRelatedField(queryset=Scheme.objects.all())
    layouts = serializers.ListField(
        child=serializers.ChoiceField(choices=Layout.choices), allow_empty=False
    )
    household_size = serializers.IntegerField(min_value=1, max_value=20)
    statement = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SchoolingRequestSerializer(serializers.ModelSerializer):
    application_number = serializers.CharField(source="application.number", read_only=True)
    application_status = serializers.CharField(source="application.status", read_only=True)
    policy = serializers.IntegerField(source="application.policy_id", read_only=True)
    talent = serializers.IntegerField(source="application.talent_id", read_only=True)
    level_display = display("level")

    class Meta:
        model = SchoolingRequest
        fields = [
            "id",
            "application",
            "application_number",
            "application_status",
            "policy",
            "talent",
            "child_name",
            "child_birth_date",
            "level",
            "level_display",
            "school_wanted",
            "school_assigned",
            "assigned_on",
            "assigned_by",
        ]
        read_only_fields = fields


class SchoolingApplySerializer(serializers.Serializer):
    policy = serializers.PrimaryKeyRelatedField(queryset=Policy.objects.all())
    child_name = serializers.CharField(max_length=30)
    child_birth_date = serializers.DateField()
    level = serializers.ChoiceField(choices=SchoolLevel.choices)
    school_wanted = serializers.CharField(required=False, allow_blank=True, max_length=80)
    statement = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SchoolAssignSerializer(serializers.Serializer):
    school = serializers.CharField(max_length=80)


class CommunitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Community
        fields = ["id", "name", "name_en", "address"]
        read_only_fields = fields
