"""The office's working view of the zone's figures (every registered figure by section, for a
month, a year or any range), one figure large with its table, and each figure's data as CSV
and Excel. Leaders, the office and reviewers read them (`insights.view_figures`)."""

import csv
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from talentzone.core import figures as registry
from talentzone.core.figures import Figure, Period, Section
from talentzone.core.spreadsheets import (
    Column,
    WorkbookBuilder,
    content_disposition,
    safe_text,
    xlsx_response,
)

from ..cache import Computed, compute
from ..forms import PeriodForm, PeriodKind, period_query
from ..serializers import figure_json

log = logging.getLogger(__name__)


def require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(f"{perm} refused")


@dataclass
class Shown:
    """A figure as a page shows it: the computed numbers and their JSON for the chart, or
    `failed` when it could not be computed (the rest of the page still shows)."""

    figure: Figure
    computed: Computed | None = None
    json: dict = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.computed is None

    @property
    def rows(self) -> list[list]:
        return list(self.computed.data.rows())[1:] if self.computed else []

    @property
    def header(self) -> list[str]:
        return [str(series.name) for series in self.computed.data.series] if self.computed else []

    @property
    def drillable(self) -> bool:
        return any(self.json.get("drill") or [])

    @property
    def table(self) -> list[tuple[list, str | None]]:
        """Each row with its drill-down link."""
        return list(zip(self.rows, self.json.get("drill") or [], strict=False))


def show(figure: Figure, period: Period) -> Shown:
    try:
        computed = compute(figure, period)
        return Shown(figure, computed, figure_json(computed))
    except Exception:  # one broken figure must not take the whole page down
        log.exception("The figure %s failed over %s.", figure.key, period)
        return Shown(figure)


def charts_json(shown: list[Shown]) -> dict:
    return {item.figure.key: item.json for item in shown if not item.failed}


def api_query(form: PeriodForm) -> str:
    """How the API is asked for the form's period: a year or a month by name (so the year to
    date keeps moving with the day on a page left open), any other range by its days."""
    if form.is_valid():
        kind, data = form.cleaned_data["kind"], form.cleaned_data
        if kind == PeriodKind.YEAR:
            return urlencode({"year": data["period"].start.year})
        if kind == PeriodKind.MONTH:
            return urlencode({"month": data["period"].start.strftime("%Y-%m")})
    return period_query(form.period)


def get_figure(key: str) -> Figure:
    try:
        return registry.get(key)
    except KeyError:
        raise Http404(key) from None


@login_required
def figures(request):
    require(request.user, "insights.view_figures")
    form = PeriodForm(request.GET or None)
    period = form.period
    sections = []
    for section in Section:
        shown = [show(figure, period) for figure in registry.all_figures(section)]
        if shown:
            sections.append((section, shown))
    every = [item for _section, items in sections for item in items]
    context = {
        "form": form,
        "period": period,
        "period_query": period_query(period),
        "sections": sections,
        "charts": charts_json(every),
    }
    return render(request, "insights/figures.html", context)


@login_required
def figure(request, key):
    require(request.user, "insights.view_figures")
    chosen = get_figure(key)
    form = PeriodForm(request.GET or None)
    period = form.period
    item = show(chosen, period)
    context = {
        "form": form,
        "period": period,
        "period_query": period_query(period),
        "item": item,
        "section_label": Section(chosen.section).label,
        "charts": charts_json([item]),
    }
    return render(request, "insights/figure.html", context)


def table_rows(computed: Computed) -> list[list]:
    rows = list(computed.data.rows())
    rows[0][0] = _("Category")
    return rows


def _filename(figure: Figure, period: Period, extension: str) -> tuple[str, str]:
    stem = f"{period.start:%Y%m%d}-{period.end:%Y%m%d}.{extension}"
    return f"{figure.title}-{stem}", f"{figure.key}-{stem}"


@login_required
def figure_data(request, key, extension):
    """The figure's table over the period of the query string, as CSV (UTF-8 with a byte-order
    mark, so Excel reads the Chinese) or as an Excel workbook with the period and as-of time."""
    require(request.user, "insights.view_figures")
    chosen = get_figure(key)
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    computed = compute(chosen, form.period)
    rows = table_rows(computed)
    filename, ascii_filename = _filename(chosen, computed.period, extension)
    if extension == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition(filename, ascii_filename)
        response.write("\ufeff")
        writer = csv.writer(response)
        for row in rows:
            writer.writerow(
                [safe_text(value) if isinstance(value, str) else value for value in row]
            )
        return response
    builder = WorkbookBuilder()
    sheet = builder.add_sheet(
        str(chosen.title), [Column(rows[0][0], 28)] + [Column(name, 16) for name in rows[0][1:]]
    )
    for row in rows[1:]:
        sheet.append(row)
    sheet.append([])
    sheet.append([pgettext("report", "Period"), computed.period.start, computed.period.end])
    sheet.append([_("As of"), computed.as_of])
    if chosen.unit:
        sheet.append([_("Unit"), str(chosen.unit)])
    if computed.data.note:
        sheet.append([_("Note"), str(computed.data.note)])
    return xlsx_response(builder.save(), filename=filename, ascii_filename=ascii_filename)
