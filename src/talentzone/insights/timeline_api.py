"""The 360° timelines as JSON: /api/v1/insights/talents/<pk>/timeline/ and
/api/v1/insights/enterprises/<pk>/timeline/ — the same entries as the pages, newest first, in
one list (no pagination: a record's history is read whole). Permission
`insights.view_timeline` (403), the record inside the reader's scope (404)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from talentzone.core import timeline

from .views.timeline import enterprise_for, entries_of, is_moment, talent_for


class TimelineEntrySerializer(serializers.Serializer):
    when = serializers.SerializerMethodField(
        help_text="When it happened as recorded: a day (YYYY-MM-DD) or a moment (ISO 8601)."
    )
    moment = serializers.DateTimeField(
        help_text="`when` as a moment, a day counting from midnight: the order of the list."
    )
    all_day = serializers.SerializerMethodField(help_text="True when `when` is a day.")
    source = serializers.CharField(help_text="The app that recorded it (its label).")
    kind = serializers.CharField(help_text="What sort of thing it is, in words.")
    title = serializers.CharField(help_text="What happened, one line.")
    status = serializers.CharField(help_text="Where it stands now, in words; may be empty.")
    detail = serializers.CharField(help_text="An amount, a place, a reason; may be empty.")
    url = serializers.CharField(
        help_text="The path of its own page when the reader may open one; else empty."
    )

    @extend_schema_field(OpenApiTypes.STR)
    def get_when(self, entry: timeline.Entry) -> str:
        return entry.when.isoformat()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_all_day(self, entry: timeline.Entry) -> bool:
        return not is_moment(entry)


SOURCE_PARAMETER = OpenApiParameter(
    "source",
    str,
    description="Only the entries of one source (an app label: policies, recruiting, …).",
    required=False,
)


class TimelineView(APIView):
    permission_classes = [IsAuthenticated]
    kind = ""

    def fetch(self, user, pk: int):
        raise NotImplementedError

    def get(self, request, pk: int):
        record = self.fetch(request.user, pk)
        entries = entries_of(self.kind, record, request.user)
        source = request.query_params.get("source")
        if source:
            entries = [entry for entry in entries if entry.source == source]
        return Response(TimelineEntrySerializer(entries, many=True).data)


class TalentTimelineView(TimelineView):
    kind = "talent"

    @extend_schema(
        operation_id="insights_talent_timeline",
        summary="A talent's 360° timeline",
        parameters=[SOURCE_PARAMETER],
        responses=TimelineEntrySerializer(many=True),
        tags=["insights"],
    )
    def get(self, request, pk: int):
        return super().get(request, pk)

    def fetch(self, user, pk: int):
        return talent_for(user, pk)


class EnterpriseTimelineView(TimelineView):
    kind = "enterprise"

    @extend_schema(
        operation_id="insights_enterprise_timeline",
        summary="An enterprise's 360° timeline",
        parameters=[SOURCE_PARAMETER],
        responses=TimelineEntrySerializer(many=True),
        tags=["insights"],
    )
    def get(self, request, pk: int):
        return super().get(request, pk)

    def fetch(self, user, pk: int):
        return enterprise_for(user, pk)
