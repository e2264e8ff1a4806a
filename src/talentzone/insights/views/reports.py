"""The reports' pages: the list (status and a progress bar that htmx refreshes every 2 s while a
report is queued or being written), the office's request form, a report's page and the
downloads of its workbook and PDF.

The office (insights.request_report) asks for reports; the office and leaders
(insights.view_reports) read the list and download; leaders see no request button.
"""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from talentzone.core.spreadsheets import XLSX_CONTENT_TYPE, content_disposition
from talentzone.directory.forms import StyledFormMixin

from .. import services
from ..choices import ReportKind, ReportStatus
from ..models import Report

PAGE_SIZE = 25
RUNNING = (ReportStatus.QUEUED, ReportStatus.RUNNING)
POLL_SECONDS = 2


def require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(f"{perm} refused")


def _today() -> datetime.date:
    return timezone.localtime(timezone.now()).date()


def last_month(today: datetime.date) -> str:
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return f"{first:%Y-%m}"


class ReportForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Report"), choices=ReportKind.choices)
    month = forms.CharField(
        label=gettext_lazy("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "pattern": r"\d{4}-\d{2}"}),
        help_text=gettext_lazy("For a monthly report."),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        help_text=gettext_lazy("For a yearly report."),
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ReportKind.MONTHLY:
            text = (cleaned.get("month") or "").strip()
            if not text:
                self.add_error("month", _("A monthly report needs its month."))
                return cleaned
            try:
                day = datetime.datetime.strptime(text, "%Y-%m").date()
            except ValueError:
                self.add_error("month", _("Give the month as YYYY-MM."))
                return cleaned
            cleaned["year_number"], cleaned["month_number"] = day.year, day.month
        elif kind == ReportKind.YEARLY:
            if cleaned.get("year") is None:
                self.add_error("year", _("A yearly report needs its year."))
                return cleaned
            cleaned["year_number"], cleaned["month_number"] = cleaned["year"], None
        return cleaned


def visible_reports():
    return Report.objects.select_related("requested_by")


def status_context(report: Report) -> dict:
    running = report.status in RUNNING
    return {
        "report": report,
        "running": running,
        "poll_seconds": POLL_SECONDS,
        "progress_url": reverse("insights:report-progress", args=[report.pk]),
        "workbook_url": reverse("insights:report-workbook", args=[report.pk])
        if report.status == ReportStatus.DONE
        else "",
        "pdf_url": reverse("insights:report-pdf", args=[report.pk])
        if report.status == ReportStatus.DONE
        else "",
    }


@login_required
def report_list(request):
    require(request.user, "insights.view_reports")
    page = Paginator(visible_reports(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "rows": [status_context(report) for report in page],
        "may_request": request.user.has_perm("insights.request_report"),
    }
    return render(request, "insights/reports/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request):
    require(request.user, "insights.request_report")
    if request.method == "GET":
        today = _today()
        form = ReportForm(
            initial={"kind": ReportKind.MONTHLY, "month": last_month(today), "year": today.year}
        )
        return render(request, "insights/reports/new.html", {"form": form})
    form = ReportForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = services.request_report(
                actor=request.user,
                kind=data["kind"],
                year=data["year_number"],
                month=data["month_number"],
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = field
                if field == "year" and data["kind"] == ReportKind.MONTHLY:
                    target = "month"  # the month picker holds the year too
                form.add_error(target if target in form.fields else None, messages)
        else:
            return redirect("insights:report", pk=report.pk)
    return render(request, "insights/reports/new.html", {"form": form}, status=400)


@login_required
def report_detail(request, pk):
    require(request.user, "insights.view_reports")
    report = get_object_or_404(visible_reports(), pk=pk)
    return render(request, "insights/reports/detail.html", status_context(report))


@login_required
def report_progress(request, pk):
    """The report's status block alone (what htmx swaps in every 2 s while it runs)."""
    require(request.user, "insights.view_reports")
    report = get_object_or_404(visible_reports(), pk=pk)
    return render(request, "insights/reports/_status.html", status_context(report))


def download_name(report: Report, extension: str) -> tuple[str, str]:
    if report.kind == ReportKind.MONTHLY:
        label = _("Monthly report %(month)s") % {"month": f"{report.period_start:%Y-%m}"}
        ascii_name = f"report-{report.period_start:%Y-%m}"
    else:
        label = _("Yearly report %(year)s") % {"year": f"{report.period_start:%Y}"}
        ascii_name = f"report-{report.period_start:%Y}"
    return f"{label}.{extension}", f"{ascii_name}.{extension}"


def report_file_response(report: Report, which: str) -> FileResponse:
    """A done report's workbook or PDF as a download (404 while it is not done)."""
    field = report.workbook if which == "workbook" else report.pdf
    if report.status != ReportStatus.DONE or not field:
        raise Http404(_("This report has no file yet."))
    extension, content_type = (
        ("xlsx", XLSX_CONTENT_TYPE) if which == "workbook" else ("pdf", "application/pdf")
    )
    name, ascii_name = download_name(report, extension)
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, ascii_name)
    return response


@login_required
def report_workbook(request, pk):
    require(request.user, "insights.view_reports")
    return report_file_response(get_object_or_404(visible_reports(), pk=pk), "workbook")


@login_required
def report_pdf(request, pk):
    require(request.user, "insights.view_reports")
    return report_file_response(get_object_or_404(visible_reports(), pk=pk), "pdf")
