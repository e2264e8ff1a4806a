"""The zone's figures as JSON for its other systems (and the wall screen's refreshes):

    GET /api/v1/insights/figures/                 every registered figure (no numbers)
    GET /api/v1/insights/figures/<key>/?year=2026 one figure's numbers over a period

Readers: leaders, the talent office and reviewers (`insights.view_figures`); others get 403.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, viewsets
from rest_framework.response import Response

from talentzone.core import figures as registry
from talentzone.core.figures import Section

from .cache import compute
from .forms import PeriodForm
from .serializers import FigureDataSerializer, FigureSummarySerializer, figure_json, figure_summary

PERIOD_PARAMETERS = [
    OpenApiParameter(
        "start",
        OpenApiTypes.DATE,
        description="First day (YYYY-MM-DD), with `end`; wins over `month` and `year`.",
    ),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Last day, included (YYYY-MM-DD)."),
    OpenApiParameter(
        "month",
        OpenApiTypes.STR,
        description="A month, YYYY-MM; the current month ends today. Wins over `year`.",
    ),
    OpenApiParameter(
        "year",
        OpenApiTypes.INT,
        description="A calendar year; the current year ends today. Without any period "
        "parameter: the year to date.",
    ),
]


class ReadsFigures(permissions.IsAuthenticated):
    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.has_perm(
            "insights.view_figures"
        )


class FigureViewSet(viewsets.ViewSet):
    """The zone's figures. Each is computed from the records for a period and kept in a cache
    until a record it reads changes (`as_of` says when it was computed)."""

    permission_classes = [ReadsFigures]
    lookup_field = "key"
    lookup_value_regex = r"[a-z][a-z0-9_]*\.[a-z0-9_]+"
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "section", OpenApiTypes.STR, enum=Section.values, description="Only this section."
            )
        ],
        responses=FigureSummarySerializer(many=True),
    )
    def list(self, request):
        section = request.query_params.get("section") or None
        if section is not None and section not in Section.values:
            raise exceptions.ValidationError({"section": ["Not a section."]})
        return Response([figure_summary(f) for f in registry.all_figures(section)])

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "key", OpenApiTypes.STR, OpenApiParameter.PATH, description="`<app>.<name>`"
            ),
            *PERIOD_PARAMETERS,
        ],
        responses=FigureDataSerializer,
    )
    def retrieve(self, request, key=None):
        try:
            figure = registry.get(key)
        except KeyError:
            raise exceptions.NotFound() from None
        form = PeriodForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {field: list(errors) for field, errors in form.errors.items()}
            )
        return Response(figure_json(compute(figure, form.cleaned_data["period"])))
