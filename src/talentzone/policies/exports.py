"""The payments list for the finance office, as an .xlsx file.

One row per approved (or paid) application: who is paid (a talent by name; an enterprise,
agency or venture by name, with its unified social credit code where it has one), how much in
yuan, from which budget line, when approved and when paid. No bank details and no personal
numbers: the finance office holds those. Every export is recorded in the audit trail with its
filter, its row count and its total, as the registry's exports are.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit
from talentzone.core.spreadsheets import Column, WorkbookBuilder
from talentzone.directory.exports import Export, ExportTooLarge, export_filter, max_rows

from .choices import Benefit
from .models import Application
from .money import FEN_PER_YUAN

CHUNK_SIZE = 2_000


def yuan(fen: int | None) -> Decimal | None:
    """Fen as a Decimal number of yuan for a cell (12345600 → 123456.00), exactly."""
    if fen is None:
        return None
    return Decimal(fen) / FEN_PER_YUAN


def payee_name(application: Application) -> str:
    return str(application.applicant)


def payee_credit_code(application: Application) -> str | None:
    """An organisation's unified social credit code; a person or a venture has none here."""
    return getattr(application.applicant, "credit_code", None) or None


def columns() -> list[Column]:
    return [
        Column(_("Application number"), 16),
        Column(_("Policy"), 30),
        Column(_("Budget line"), 30),
        Column(_("Payee"), 30),
        Column(_("Payee's credit code"), 22),
        Column(_("Amount (yuan)"), 16),
        Column(_("Approved at"), 18),
        Column(_("Paid at"), 18),
    ]


def row(application: Application) -> list[Any]:
    return [
        application.number,
        application.policy.title,
        str(application.policy.budget_line),
        payee_name(application),
        payee_credit_code(application),
        yuan(application.amount_fen),
        application.decided_at,
        application.paid_at,
    ]


def payment_export(
    *,
    actor,
    rows: QuerySet[Application],
    query: Mapping[str, Any] | None = None,
    ip: str | None = None,
) -> Export:
    """Write `rows` (filtered and ordered as the payments list) to a workbook and record the
    export. Raises ExportTooLarge, writing nothing, when they are more than an export may hold."""
    limit = max_rows()
    rows = rows.filter(policy__benefit=Benefit.MONEY)  # in kind: nothing is paid
    count = rows.count()
    if count > limit:
        raise ExportTooLarge(count, limit)
    builder = WorkbookBuilder()
    sheet = builder.add_sheet(_("Payments"), columns())
    total = 0
    rows = rows.select_related("policy__budget_line", "talent", "enterprise", "agency", "venture")
    for application in rows[:limit].iterator(chunk_size=CHUNK_SIZE):
        sheet.append(row(application))
        total += application.amount_fen or 0
    file = builder.save()
    try:
        with transaction.atomic():
            audit(
                actor=actor,
                action=AuditAction.EXPORT,
                target=None,
                detail={
                    "model": Application._meta.label_lower,
                    "export": "payments",
                    "filter": export_filter(query or {}),
                    "rows": sheet.rows,
                    "total_fen": total,
                },
                ip=ip,
            )
    except BaseException:
        file.close()  # no record, no file
        raise
    today = timezone.localdate().isoformat()
    return Export(file, f"{_('Payments')}-{today}.xlsx", f"payments-{today}.xlsx", sheet.rows)
