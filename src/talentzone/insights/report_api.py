"""/api/v1/insights/reports/: the monthly and yearly reports over the API.

`GET` lists the reports (newest first) and reads one (status, progress in percent, the current
step, the error of a failed one and the links to its files once done); `POST` asks for one
(kind, year, month for a monthly report) → 202 with the queued report, written in the
background; `GET …/<id>/workbook/` and `…/<id>/pdf/` download the files of a done report (404
before). Reading needs insights.view_reports (the office, leaders); asking
insights.request_report (the office): others get 403 before their input is read. A bad period
answers 400 with the field at fault (`year` or `month`).
"""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from talentzone.core.spreadsheets import XLSX_CONTENT_TYPE
from talentzone.core.viewsets import ActionViewSet, valid

from . import services
from .choices import ReportKind, ReportStatus
from .models import Report
from .views.reports import report_file_response

VIEW = "insights.view_reports"
REQUEST = "insights.request_report"


class ReportSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.get_username", read_only=True)
    workbook_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "period_start",
            "period_end",
            "status",
            "progress",
            "step",
            "requested_by",
            "requested_at",
            "finished_at",
            "language",
            "error",
            "workbook_url",
            "pdf_url",
        ]
        read_only_fields = fields

    def _url(self, report: Report, name: str) -> str | None:
        if report.status != ReportStatus.DONE:
            return None
        url = reverse(f"insights-api:report-{name}", args=[report.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(OpenApiTypes.URI)
    def get_workbook_url(self, report: Report) -> str | None:
        return self._url(report, "workbook")

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf_url(self, report: Report) -> str | None:
        return self._url(report, "pdf")


class ReportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    year = serializers.IntegerField(help_text=_("The year of the report, or of its month."))
    month = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("1–12: the month of a monthly report.")
    )


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ActionViewSet):
    """The reports: list, read, ask for one, download its workbook or PDF."""

    queryset = Report.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = ReportSerializer
    filter_backends = []
    action_checks = {
        "list": VIEW,
        "retrieve": VIEW,
        "workbook": VIEW,
        "pdf": VIEW,
        "create": REQUEST,
    }

    def get_queryset(self):
        return Report.objects.select_related("requested_by").order_by("-requested_at", "-id")

    @extend_schema(request=ReportRequestSerializer, responses={202: ReportSerializer})
    def create(self, request):
        data = valid(ReportRequestSerializer, request.data)
        report = services.request_report(
            actor=request.user,
            kind=data["kind"],
            year=data["year"],
            month=data.get("month"),
            language=get_language(),
        )
        report.refresh_from_db()  # a task run in process has already moved it on
        body = ReportSerializer(report, context=self.get_serializer_context()).data
        location = reverse("insights-api:report-detail", args=[report.pk])
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})

    @extend_schema(
        responses={(200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY)},
        filters=False,
    )
    @action(detail=True, methods=["get"])
    def workbook(self, request, pk=None):
        return report_file_response(self.get_object(), "workbook")

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        filters=False,
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return report_file_response(self.get_object(), "pdf")
