"""The Excel import's pages: the template download, the upload form, the job's page (a progress
bar polled by htmx while the import runs, then the report) and the annotated workbook.

Thin: the form refuses a hostile file at once (`jobs.check_upload`), `jobs.start_import` stores
it and queues the task, and every job is read through `jobs.visible_jobs` (someone else's job
answers 404).
"""

from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from talentzone.core.services import perm_name
from talentzone.core.spreadsheets import xlsx_response
from talentzone.core.uploads import WORKBOOK, FileContentValidator

from .choices import ImportKind
from .forms import StyledFormMixin
from .imports import jobs
from .imports.columns import Kind, kind_named
from .imports.template import template_workbook
from .imports.workbook import RefusedWorkbook
from .models import ImportJob

ERRORS_PER_PAGE = 100
LIST_PAGES = {
    ImportKind.TALENTS: "directory:talent-list",
    ImportKind.ENTERPRISES: "directory:enterprise-list",
}


def importable_kinds(user) -> list[str]:
    """The kinds of record the user may add, hence import."""
    return [
        name
        for name in ImportKind.values
        if user.has_perm(perm_name(kind_named(name).model, "add"))
    ]


def kind_or_404(name: str | None) -> Kind:
    if name not in ImportKind.values:
        raise Http404(_("No such kind of import."))
    return kind_named(name)


class ImportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Records"))
    file = forms.FileField(
        label=gettext_lazy("Workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        # The size has its own message in the import's checks (TALENTZONE_IMPORT_MAX_BYTES).
        validators=[FileContentValidator(WORKBOOK, limit_setting=None)],
    )
    update_existing = forms.BooleanField(
        label=gettext_lazy("Update records already registered"),
        help_text=gettext_lazy(
            "A row with the ID number (or credit code) of a registered record updates it. "
            "Otherwise such a row is reported as an error."
        ),
        required=False,
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, ImportKind(k).label) for k in kinds]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload and kind:
            try:
                jobs.check_upload(upload, kind)
            except RefusedWorkbook as refused:
                self.add_error("file", refused.message)
        return cleaned


class ImportPage(LoginRequiredMixin, View):
    def kinds(self) -> list[str]:
        kinds = importable_kinds(self.request.user)
        if not kinds:
            raise PermissionDenied
        return kinds


class TemplateDownloadView(ImportPage):
    """GET ?kind=talents|enterprises: the template workbook, for those who may import it."""

    def get(self, request):
        kind = kind_or_404(request.GET.get("kind"))
        if kind.name not in self.kinds():
            raise PermissionDenied
        name = _("%(kind)s import template") % {"kind": kind.label}
        return xlsx_response(
            template_workbook(kind),
            filename=f"{name}.xlsx",
            ascii_filename=f"{kind.name}-import-template.xlsx",
        )


class ImportNewView(ImportPage):
    """The upload form; a valid upload becomes a job, and the browser goes to its page."""

    def get(self, request):
        kinds = self.kinds()
        initial = {
            "kind": request.GET.get("kind") if request.GET.get("kind") in kinds else kinds[0]
        }
        return self.render_form(ImportForm(kinds=kinds, initial=initial))

    def post(self, request):
        form = ImportForm(request.POST, request.FILES, kinds=self.kinds())
        if not form.is_valid():
            return self.render_form(form)
        job = jobs.start_import(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            update_existing=form.cleaned_data["update_existing"],
            language=get_language(),
        )
        return redirect("directory:import-detail", pk=job.pk)

    def render_form(self, form: ImportForm):
        kinds = [kind for kind, _label in form.fields["kind"].choices]
        download = reverse("directory:import-template")
        templates = [(ImportKind(kind).label, f"{download}?kind={kind}") for kind in kinds]
        context = {"form": form, "templates": templates}
        return render(self.request, "directory/imports/new.html", context)


class ImportDetailView(LoginRequiredMixin, View):
    """The job: status and progress bar while it runs (polled), then the counts or the report.
    An htmx poll gets only the job's card; the card stops polling once the job has ended."""

    def get(self, request, pk):
        job = get_object_or_404(jobs.visible_jobs(request.user), pk=pk)
        context = job_context(request, job)
        template = (
            "directory/imports/_job.html" if request.htmx else "directory/imports/detail.html"
        )
        return render(request, template, context)


def job_context(request, job: ImportJob) -> dict[str, Any]:
    errors = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "job": job,
        "kind_label": ImportKind(job.kind).label,
        "list_url": reverse(LIST_PAGES[job.kind]),
        "progress": jobs.progress_of(job),
        "running": jobs.is_running(job),
        "errors": errors,
        "page_range": errors.paginator.get_elided_page_range(errors.number, on_ends=1),
        "bad_rows": len({e["row"] for e in job.errors if e["row"] is not None}),
        "job_url": reverse("directory:import-detail", args=[job.pk]),
        "report_url": reverse("directory:import-report", args=[job.pk]) if job.report_file else "",
        "again_url": f"{reverse('directory:import-new')}?kind={job.kind}",
    }


class ImportReportView(LoginRequiredMixin, View):
    """The annotated workbook of a rejected import, for whoever may see the job."""

    def get(self, request, pk):
        job = get_object_or_404(jobs.visible_jobs(request.user), pk=pk)
        if not job.report_file:
            raise Http404(_("This import has no annotated workbook."))
        return xlsx_response(
            job.report_file.open("rb"),
            filename=jobs.report_name(job),
            ascii_filename=f"import-{job.pk}-errors.xlsx",
        )
