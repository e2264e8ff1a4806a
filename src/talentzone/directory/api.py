"""The registry's REST API: thin serializers and viewsets over `queries` (reads) and `services`
(writes). Visibility is the queryset, so a record outside the caller's scope answers 404; a
visible record the caller may not change answers 403 (core.api.RulesPermission, then the
service again). Records are never deleted through the API.
"""

from collections.abc import Mapping
from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from talentzone.core.api import RulesPermission
from talentzone.core.masking import mask
from talentzone.core.spreadsheets import XLSX_CONTENT_TYPE
from talentzone.core.validators import compact_id_number
from talentzone.core.viewsets import StableOrderingFilter

from . import exports, queries, services
from .filters import (
    AgencyFilter,
    CredentialFilter,
    DepartmentFilter,
    EnterpriseFilter,
    GridFilter,
    GridTeamFilter,
    PlatformFilter,
    StationFilter,
    TalentFilter,
    TalentTierFilter,
    VentureFilter,
)
from .models import (
    Agency,
    Credential,
    Department,
    Enterprise,
    Founder,
    Grid,
    GridTeam,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)

STAMPS = ("created_at", "updated_at")
PERSONAL_NUMBERS = ("id_number", "phone")
FOUNDER_COPIED_FIELDS = ("name", "university", "graduation_year", "is_lead", "talent_id")


# Serializers ------------------------------------------------------------------------------


class TalentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Talent
        fields = [
            "id",
            "name",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "education",
            "major",
            "title",
            "employer",
            "industry",
            "tier",
            "skills",
            "arrival_date",
            "status",
            "agency",
            "user",
            *STAMPS,
        ]
        # Linking an account decides who signs in as this person: not for a registry clerk.
        read_only_fields = ["user", *STAMPS]

    def to_internal_value(self, data):
        """Compact the ID number first, so that its length and uniqueness checks see what will
        be stored: clerks type it with spaces and a lower-case x."""
        if isinstance(data, Mapping) and isinstance(data.get("id_number"), str):
            data = data.copy()
            data["id_number"] = compact_id_number(data["id_number"])
        return super().to_internal_value(data)

    def to_representation(self, instance):
        """A person's numbers are always masked; the clear ones come only from the logged
        `reveal` action (the office, or the person themselves)."""
        data = super().to_representation(instance)
        for name in PERSONAL_NUMBERS:
            if data.get(name):
                data[name] = mask(data[name])
        return data


class RevealedNumbersSerializer(serializers.Serializer):
    id_number = serializers.CharField()
    phone = serializers.CharField()


class EnterpriseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "industry",
            "above_scale",
            "high_tech",
            "rd_institution",
            "grid",
            "address",
            "employees",
            "founded_on",
            *STAMPS,
        ]


class CredentialSerializer(serializers.ModelSerializer):
    class Meta:
        model = Credential
        fields = [
            "id",
            "talent",
            "kind",
            "level",
            "name",
            "issuer",
            "number",
            "awarded_on",
            *STAMPS,
        ]


class PlatformSerializer(serializers.ModelSerializer):
    class Meta:
        model = Platform
        fields = ["id", "enterprise", "kind", "level", "name", "approved_on", *STAMPS]


class FounderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Founder
        fields = ["name", "university", "graduation_year", "is_lead", "talent"]


class VentureSerializer(serializers.ModelSerializer):
    """A venture with its whole list of founders: a write replaces the list (venture_save)."""

    founders = FounderSerializer(many=True)

    class Meta:
        model = Venture
        fields = [
            "id",
            "name",
            "field",
            "stage",
            "joined_on",
            "park_unit",
            "summary",
            "founders",
            *STAMPS,
        ]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "credit_code",
            "services",
            "park_unit",
            "contact_name",
            "contact_phone",
            "moved_in_on",
            *STAMPS,
        ]


class StationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Station
        fields = ["id", "name", "level", "address", "phone", "beds"]


class GridSerializer(serializers.ModelSerializer):
    class Meta:
        model = Grid
        fields = ["id", "name", "code", "area"]


class GridTeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = GridTeam
        fields = ["id", "grid", "name", "department", "leader_name", "phone"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "code"]


class TalentTierSerializer(serializers.ModelSerializer):
    class Meta:
        model = TalentTier
        fields = ["id", "code", "name", "name_en", "rank", "level"]


# Viewsets ---------------------------------------------------------------------------------


class ExportRefused(exceptions.APIException):
    """400 with `{"detail": why}`: the filter selects more rows than an export may hold."""

    status_code = 400
    default_code = "export_too_large"


class RegistryViewSet(viewsets.ModelViewSet):
    """Lists, reads, creates and updates one kind of registry record; subclasses name the model
    (in `queryset`, which only tells the model: rows always come from `queries.visible`)."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    permission_classes = [RulesPermission]
    # JSON only: the browsable API's forms list every talent and enterprise in their choice
    # boxes, whatever the reader's scope. People use the pages; /api/docs/ documents the API.
    renderer_classes = [JSONRenderer]
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]

    def get_queryset(self):
        return queries.visible(self.queryset.model, self.request.user)

    def create_record(self, data: Mapping[str, Any]):
        return services.record_create(actor=self.request.user, model=self.queryset.model, data=data)

    def update_record(self, instance, data: Mapping[str, Any]):
        return services.record_update(actor=self.request.user, instance=instance, data=data)

    def perform_create(self, serializer):
        serializer.instance = self.create_record(serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self.update_record(serializer.instance, serializer.validated_data)

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY}, filters=True)
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        """The list for the same filters and ordering as an .xlsx file (the page's columns plus
        the id, personal numbers masked), at most TALENTZONE_EXPORT_MAX_ROWS rows: more answers
        400. Every export is recorded in the audit trail."""
        try:
            export = exports.registry_export(
                actor=request.user,
                entity=exports.entity_of(self.queryset.model),
                rows=self.filter_queryset(self.get_queryset()),
                query=request.query_params,
                ip=request.META.get("REMOTE_ADDR"),
            )
        except exports.ExportTooLarge as error:
            raise ExportRefused(str(error)) from error
        return export.response()


class TalentViewSet(RegistryViewSet):
    queryset = Talent.objects.none()
    serializer_class = TalentSerializer
    filterset_class = TalentFilter
    ordering_fields = ["id", "name", "birth_date", "arrival_date", "tier__rank", *STAMPS]
    ordering = ["-id"]
    object_permission_actions = {"reveal": "reveal"}

    def create_record(self, data):
        return services.talent_create(actor=self.request.user, data=data)

    def update_record(self, instance, data):
        return services.talent_update(actor=self.request.user, talent=instance, data=data)

    @extend_schema(request=None, responses=RevealedNumbersSerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        """The clear ID and mobile numbers: for the office and the person; logged."""
        numbers = services.talent_reveal(actor=request.user, talent=self.get_object())
        return Response(RevealedNumbersSerializer(numbers).data)


class EnterpriseViewSet(RegistryViewSet):
    queryset = Enterprise.objects.none()
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    ordering_fields = ["id", "name", "employees", "founded_on", *STAMPS]
    ordering = ["name"]


class CredentialViewSet(RegistryViewSet):
    queryset = Credential.objects.none()
    serializer_class = CredentialSerializer
    filterset_class = CredentialFilter
    ordering_fields = ["id", "awarded_on", "name", "kind", "level", *STAMPS]
    ordering = ["-awarded_on", "-id"]


class PlatformViewSet(RegistryViewSet):
    queryset = Platform.objects.none()
    serializer_class = PlatformSerializer
    filterset_class = PlatformFilter
    ordering_fields = ["id", "approved_on", "name", "kind", "level", *STAMPS]
    ordering = ["-approved_on", "-id"]


class VentureViewSet(RegistryViewSet):
    queryset = Venture.objects.none()
    serializer_class = VentureSerializer
    filterset_class = VentureFilter
    ordering_fields = ["id", "joined_on", "name", "stage", *STAMPS]
    ordering = ["-joined_on", "name"]

    def create_record(self, data):
        data = dict(data)
        founders = data.pop("founders")
        return services.venture_save(actor=self.request.user, data=data, founders=founders)

    def update_record(self, instance, data):
        """A PATCH without `founders` keeps the ones the venture has."""
        data = dict(data)
        founders = data.pop("founders", None)
        if founders is None:
            founders = list(instance.founders.values(*FOUNDER_COPIED_FIELDS))
        return services.venture_save(
            actor=self.request.user, data=data, founders=founders, venture=instance
        )


class AgencyViewSet(RegistryViewSet):
    queryset = Agency.objects.none()
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    ordering_fields = ["id", "name", "moved_in_on", *STAMPS]
    ordering = ["name"]


class StationViewSet(RegistryViewSet):
    queryset = Station.objects.none()
    serializer_class = StationSerializer
    filterset_class = StationFilter
    ordering_fields = ["id", "name", "level", "beds"]
    ordering = ["level", "name"]


class GridViewSet(RegistryViewSet):
    queryset = Grid.objects.none()
    serializer_class = GridSerializer
    filterset_class = GridFilter
    ordering_fields = ["id", "code", "name"]
    ordering = ["code"]


class GridTeamViewSet(RegistryViewSet):
    queryset = GridTeam.objects.none()
    serializer_class = GridTeamSerializer
    filterset_class = GridTeamFilter
    ordering_fields = ["id", "name", "grid__code"]
    ordering = ["grid__code"]


class DepartmentViewSet(RegistryViewSet):
    queryset = Department.objects.none()
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter
    ordering_fields = ["id", "name", "code"]
    ordering = ["name"]


class TalentTierViewSet(RegistryViewSet):
    queryset = TalentTier.objects.none()
    serializer_class = TalentTierSerializer
    filterset_class = TalentTierFilter
    ordering_fields = ["id", "rank", "name", "code"]
    ordering = ["rank"]
