"""/api/v1/directory/imports/: the Excel import over the API.

`POST` a multipart upload (kind, file, update_existing) → 202 Accepted with the job, which runs
in the background; `GET …/imports/<id>/` → its status, progress and report (every bad cell:
row, column, message); `GET …/imports/<id>/report/` → the annotated workbook of a rejection.
A hostile or malformed file is refused at once with 400 and the reason on `file`; a role that
may not add that kind of record gets 403. Each caller sees their own jobs (404 otherwise).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from talentzone.core.services import perm_name
from talentzone.core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_response
from talentzone.core.uploads import WORKBOOK, FileContentValidator

from .choices import ImportKind
from .imports import jobs
from .imports.columns import kind_named
from .imports.workbook import RefusedWorkbook
from .models import ImportJob


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text=_("The row as Excel numbers it; null: the whole file.")
    )
    column = serializers.CharField(help_text=_("The column's header; empty: the whole row."))
    message = serializers.CharField()


class ImportProgressSerializer(serializers.Serializer):
    phase = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    errors = ImportErrorSerializer(many=True, read_only=True)
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "file_name",
            "update_existing",
            "status",
            "progress",
            "total_rows",
            "processed_rows",
            "created_count",
            "updated_count",
            "unchanged_count",
            "errors",
            "report_url",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ImportProgressSerializer)
    def get_progress(self, job: ImportJob) -> dict:
        progress = jobs.progress_of(job)
        return {
            "phase": progress.phase,
            "done": progress.done,
            "total": progress.total,
            "percent": progress.percent,
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_report_url(self, job: ImportJob) -> str | None:
        if not job.report_file:
            return None
        url = reverse("directory-api:importjob-report", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    file = serializers.FileField(
        help_text=_("An .xlsx workbook made from the template."),
        # The size has its own message in the import's checks (TALENTZONE_IMPORT_MAX_BYTES).
        validators=[FileContentValidator(WORKBOOK, limit_setting=None)],
    )
    update_existing = serializers.BooleanField(
        default=False,
        help_text=_("Update records already registered with the same ID number or credit code."),
    )


class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ImportJobSerializer
    parser_classes = [MultiPartParser, FormParser]
    queryset = ImportJob.objects.none()  # the schema's model; requests use get_queryset()
    filter_backends = []  # jobs have no FilterSet: a caller lists their own, newest first

    def get_queryset(self):
        return jobs.visible_jobs(self.request.user).order_by("-created_at", "-pk")

    @extend_schema(request=ImportUploadSerializer, responses={202: ImportJobSerializer})
    def create(self, request):
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        if not request.user.has_perm(perm_name(kind_named(data["kind"]).model, "add")):
            raise PermissionDenied
        try:
            job = jobs.start_import(
                actor=request.user,
                kind=data["kind"],
                upload=data["file"],
                update_existing=data["update_existing"],
                language=get_language(),
            )
        except RefusedWorkbook as refused:
            raise serializers.ValidationError({"file": [refused.message]}) from refused
        job.refresh_from_db()  # a task run in process has already moved it on
        body = ImportJobSerializer(job, context=self.get_serializer_context()).data
        location = reverse("directory-api:importjob-detail", args=[job.pk])
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        job = self.get_object()
        if not job.report_file:
            raise Http404
        return xlsx_response(
            job.report_file.open("rb"),
            filename=jobs.report_name(job),
            ascii_filename=f"import-{job.pk}-errors.xlsx",
        )
