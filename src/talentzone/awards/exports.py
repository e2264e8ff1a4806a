"""A round's ranking as an .xlsx workbook for the evaluation committee.

A title row names the round and states the aggregation and tie rules; then one row per ranked
nominee: rank, nominee, enterprise, score, the mean of all experts' totals, how many experts
were counted, each expert's weighted total (a total dropped by the trimming is struck through
and carries a note), the mean points per criterion, and the entry's status. The export is
recorded in the audit trail, as every export is.
"""

import tempfile
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from talentzone.core.audit import AuditAction, audit
from talentzone.core.spreadsheets import (
    HEADER_FILL,
    HEADER_FONT,
    NOTE_AUTHOR,
    safe_text,
    sheet_title,
)
from talentzone.directory.exports import Export

from . import queries
from .choices import EntryStatus
from .models import Round

SHOWN_ON_NOTICE = (EntryStatus.NOTICE, EntryStatus.NAMED)


def lead_criterion(criteria):
    """The criterion with the largest weight (the lower position among equal weights)."""
    return min(criteria, key=lambda c: (-c.weight, c.position)) if criteria else None


def breakdown_table(round_, entries) -> dict:
    """The ranking as rows for the page and the workbook: one column per expert who scored
    (in the order they first appear), one per criterion; each entry's cells lined up."""
    experts: dict = {}
    criteria: dict = {}
    for entry in entries:
        for item in entry.breakdown.get("experts", []):
            experts.setdefault(item["expert"], item["name"])
        for item in entry.breakdown.get("criteria", []):
            criteria.setdefault(item["id"], item)
    if not criteria:
        criteria = {
            c.pk: {"id": c.pk, "name": c.name, "weight": c.weight, "max_points": c.max_points}
            for c in round_.criteria.all()
        }
    rows = []
    for entry in entries:
        mine = {item["expert"]: item for item in entry.breakdown.get("experts", [])}
        means = {item["id"]: item.get("mean") for item in entry.breakdown.get("criteria", [])}
        rows.append(
            {
                "entry": entry,
                "experts": [mine.get(pk) for pk in experts],
                "criteria": [means.get(pk) for pk in criteria],
                "trimmed": entry.breakdown.get("trimmed", False),
                "in_quota": entry.status in SHOWN_ON_NOTICE,
                "quota_line": entry.rank == round_.quota,
            }
        )
    return {
        "experts": [{"id": pk, "name": name} for pk, name in experts.items()],
        "criteria": list(criteria.values()),
        "rows": rows,
    }


def aggregation_rule() -> str:
    return _(
        "Each expert's total is the weighted sum of their points (points ÷ maximum × weight, out "
        "of 100). With 5 or more experts the highest and the lowest total are dropped; the score "
        "is the mean of the totals counted, to 0.01. Ties: the higher mean of all experts' "
        "totals, then the higher mean points on the criterion of the largest weight, then the "
        "nomination submitted first."
    )


def number(value) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))


def text(value) -> str:
    return safe_text(str(value))


def ranking_workbook(round_: Round):
    """The workbook (in memory: a ranking is a few dozen rows) and the number of rows written."""
    entries = list(queries.ranking(round_))
    table = breakdown_table(round_, entries)
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Ranking"))
    headers = [
        _("Rank"),
        _("Nominee"),
        _("Enterprise"),
        pgettext("evaluation", "Score"),
        _("Mean of all experts"),
        _("Experts counted"),
        *[expert["name"] for expert in table["experts"]],
        *[
            _("%(criterion)s (mean of %(max)s)")
            % {"criterion": c["name"], "max": c.get("max_points", "")}
            for c in table["criteria"]
        ],
        _("Status"),
    ]
    width = len(headers)
    sheet.append([text(f"{round_.title} · {_('Ranking')}")])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    sheet.append([text(aggregation_rule())])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width, 1))
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 48
    sheet.append([text(header) for header in headers])
    for column in range(1, width + 1):
        cell = sheet.cell(row=3, column=column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for index, row in enumerate(table["rows"]):
        entry = row["entry"]
        nomination = entry.nomination
        values = [
            entry.rank,
            text(nomination.talent.name),
            text(nomination.enterprise.name),
            number(entry.score),
            number(entry.mean_all),
            entry.experts_counted,
            *[number(cell["total"]) if cell else None for cell in row["experts"]],
            *[number(mean) for mean in row["criteria"]],
            text(entry.get_status_display()),
        ]
        sheet.append(values)
        line = 4 + index
        for offset, cell in enumerate(row["experts"]):
            if cell and not cell.get("counted", True):
                target = sheet.cell(row=line, column=7 + offset)
                target.font = Font(strike=True, color="808080")
                target.comment = Comment(_("Dropped by the trimming: not counted."), NOTE_AUTHOR)
        if entry.status in SHOWN_ON_NOTICE:
            sheet.cell(row=line, column=2).font = Font(bold=True)
    sheet.freeze_panes = "D4"
    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = (
            30 if column in (2, 3) else (8 if column == 1 else 14)
        )
    return book, len(table["rows"])


def ranking_export(*, actor, round: Round, ip: str | None = None) -> Export:
    book, rows = ranking_workbook(round)
    file = tempfile.TemporaryFile()  # noqa: SIM115 (streamed, then closed by the response)
    book.save(file)
    file.seek(0)
    try:
        with transaction.atomic():
            audit(
                actor=actor,
                action=AuditAction.EXPORT,
                target=round,
                detail={"export": "award_ranking", "round": round.pk, "rows": rows},
                ip=ip,
            )
    except BaseException:
        file.close()
        raise
    day = timezone.localtime(timezone.now()).date().isoformat()
    return Export(
        file,
        f"{round.title}-{_('Ranking')}-{day}.xlsx",
        f"ranking-{round.pk}-{day}.xlsx",
        rows,
    )
