"""The statistics' only writes: asking for a report, and the task's steps while it writes one.

`request_report` checks the permission and the period, records the request (audited) and
queues the task once the request is committed. The task (`report_tasks.write_report`) calls
`report_run`, which moves the report queued → running → done, or failed with the reason.
"""

import datetime
import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit
from talentzone.core.figures import Period
from talentzone.core.queue import enqueue
from talentzone.core.services import require_perm

from . import reports
from .choices import ReportKind, ReportStatus
from .models import Report

logger = logging.getLogger(__name__)

MAX_STEP = Report._meta.get_field("step").max_length
FIRST_YEAR = 2000


def _today() -> datetime.date:
    return timezone.localtime(timezone.now()).date()


def report_period(*, kind: str, year, month=None, today: datetime.date | None = None) -> Period:
    """The period a report of that kind covers; ValidationError on the field at fault (codes:
    `invalid_choice`, `required`, `invalid`, `out_of_range`, `not_begun`)."""
    today = today or _today()
    if kind not in ReportKind.values:
        raise ValidationError(
            {"kind": ValidationError(_("Choose a monthly or a yearly report."), "invalid_choice")}
        )
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError(
            {"year": ValidationError(_("Give the year as a number."), "invalid")}
        ) from None
    if not FIRST_YEAR <= year <= today.year:
        if year > today.year:
            raise ValidationError(
                {"year": ValidationError(_("This year has not begun yet."), "not_begun")}
            )
        raise ValidationError(
            {
                "year": ValidationError(
                    _("Choose a year from %(first)s on.") % {"first": FIRST_YEAR}, "out_of_range"
                )
            }
        )
    if kind == ReportKind.YEARLY:
        return Period.year(year)
    if month in (None, ""):
        raise ValidationError(
            {"month": ValidationError(_("A monthly report needs its month."), "required")}
        )
    try:
        month = int(month)
    except (TypeError, ValueError):
        raise ValidationError(
            {"month": ValidationError(_("Give the month as a number."), "invalid")}
        ) from None
    if not 1 <= month <= 12:
        raise ValidationError(
            {"month": ValidationError(_("A month is numbered 1 to 12."), "out_of_range")}
        )
    period = Period.month(year, month)
    if period.start > today:
        raise ValidationError(
            {"month": ValidationError(_("This month has not begun yet."), "not_begun")}
        )
    return period


@transaction.atomic
def request_report(*, actor, kind: str, year, month=None, language: str | None = None) -> Report:
    """Ask for the report of a month or a year that has begun; it is written in the background
    in `language` (the asker's current language by default)."""
    require_perm(actor, "insights.request_report")
    period = report_period(kind=kind, year=year, month=month)
    report = Report(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        requested_by=actor,
        language=language or translation.get_language() or "zh-hans",
    )
    report.full_clean()
    report.save()
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=report,
        changes=["kind", "period_start", "period_end"],
        detail={"kind": kind, "start": period.start, "end": period.end},
    )
    from .report_tasks import write_report  # the task module imports this one

    enqueue(write_report, report.pk)
    return report


# The task's steps ----------------------------------------------------------------------------


def _set_progress(report_id: int, percent: int, step: str) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=max(0, min(int(percent), 99)), step=str(step)[:MAX_STEP]
    )


def report_run(report_id: int) -> Report:
    """Write a queued report to its end. A report no longer queued (a task delivered twice) is
    left alone. Progress is saved to the report's row as each figure is computed; the files are
    stored only once both are written, so a failure leaves neither."""
    claimed = Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, progress=0, step=""
    )
    report = Report.objects.select_related("requested_by").get(pk=report_id)
    if not claimed:
        return report
    with translation.override(report.language):
        try:
            _write(report)
        except Exception as error:  # the reason is kept on the report, and logged in full
            logger.exception("Report %s failed", report_id)
            _fail(report, error)
    report.refresh_from_db()
    return report


def _write(report: Report) -> None:
    period = Period(report.period_start, report.period_end)
    _set_progress(report.pk, 0, _("Starting"))
    requested_by = str(report.requested_by)  # the name people know them by
    content, workbook, pdf = reports.write_report(
        kind=report.kind,
        period=period,
        requested_by=requested_by,
        progress=lambda percent, step: _set_progress(report.pk, percent, step),
    )
    stem = f"{report.kind}-{period.start:%Y%m%d}-{period.end:%Y%m%d}-{uuid.uuid4().hex[:12]}"
    stored: list = []
    try:
        with transaction.atomic():
            report.refresh_from_db()
            report.workbook.save(f"{stem}.xlsx", ContentFile(workbook), save=False)
            stored.append(report.workbook)
            report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            stored.append(report.pdf)
            report.status = ReportStatus.DONE
            report.progress = 100
            report.step = _("Ready")
            report.error = ""
            report.finished_at = timezone.now()
            report.save()
    except Exception:
        for file in stored:  # no half-stored report: the files go with the failed save
            file.delete(save=False)
        raise


def _fail(report: Report, error: Exception) -> None:
    message = str(error).strip() or error.__class__.__name__
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.FAILED,
        error=_("The report could not be written: %(reason)s") % {"reason": message},
        workbook="",
        pdf="",
        finished_at=timezone.now(),
    )
