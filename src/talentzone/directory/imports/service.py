"""`import_workbook()`: every row of a workbook checked, then all of them written, or none.

The write is one transaction: new records in `bulk_create` batches, registered ones (same ID
number or credit code, when the user chose to update them) in `bulk_update` batches, and the
audit trail (one record per row, one for the import) with them. A file with any bad row writes
nothing and answers with a report of every bad row.

Progress goes to a callback `progress(phase, done, total)`, phase "validating" then
"importing". A phase is always announced before the service opens its transaction, so a
callback may record a change of phase in the database; within the "importing" phase it is
called from inside the transaction, where only the cache is a safe place for it (see `jobs`).
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core import figures
from talentzone.core.audit import AuditAction, audit, audit_many
from talentzone.core.services import perm_name, require_perm
from talentzone.core.signals import records_changed

from ..choices import ImportStatus
from .columns import Kind, kind_named
from .validate import Plan, Progress, RowError, Validator, chunks, no_progress
from .workbook import RefusedWorkbook, Source, open_sheet, read_layout, read_rows

WRITE_BATCH = 500


@dataclass
class ImportReport:
    kind: str
    file_name: str
    status: str  # ImportStatus.DONE or ImportStatus.REJECTED
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return self.status != ImportStatus.DONE

    @property
    def bad_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors if error.row is not None})

    @classmethod
    def refused(cls, kind: Kind, file_name: str, message: str, total_rows: int = 0):
        error = RowError(None, "", message)
        return cls(kind.name, file_name, ImportStatus.REJECTED, total_rows, errors=[error])

    def summary(self) -> str:
        if not self.rejected:
            return _(
                "Imported %(total)d rows: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged."
            ) % {
                "total": self.total_rows,
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
            }
        if not self.bad_rows:
            return _("Nothing was imported: %(reason)s") % {"reason": self.errors[0].message}
        return _(
            "Nothing was imported: %(rows)d of %(total)d rows have errors (%(errors)d in all)."
        ) % {"rows": len(self.bad_rows), "total": self.total_rows, "errors": len(self.errors)}


def source_name(source: Source) -> str:
    return Path(source if isinstance(source, str | Path) else getattr(source, "name", "")).name


def import_workbook(
    *,
    actor,
    kind: str,
    path_or_file: Source,
    update_existing: bool,
    progress: Progress = no_progress,
    file_name: str = "",
    before_commit: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import the rows of the workbook's first sheet as talents or enterprises (`kind`).

    Raises PermissionDenied when the actor may not add that kind of record at all; everything
    else (a hostile file, bad rows, rows the actor may not write) is answered in the report.
    `before_commit(report)` is called inside the rows' transaction once they are written, so
    that whatever it records commits with them or not at all (the import job's outcome).
    """
    kind_ = kind_named(kind)
    require_perm(actor, perm_name(kind_.model, "add"))
    file_name = file_name or source_name(path_or_file)
    try:
        plan = prepare_import(
            actor=actor,
            kind=kind_,
            path_or_file=path_or_file,
            update_existing=update_existing,
            progress=progress,
        )
    except RefusedWorkbook as refused:
        return ImportReport.refused(kind_, file_name, refused.message)
    if plan.errors:
        return ImportReport(
            kind_.name, file_name, ImportStatus.REJECTED, plan.total_rows, errors=plan.errors
        )
    return write_import(
        plan, actor=actor, file_name=file_name, progress=progress, before_commit=before_commit
    )


def prepare_import(
    *, actor, kind: Kind, path_or_file: Source, update_existing: bool, progress: Progress
) -> Plan:
    """Read and validate every row; nothing is written. Raises RefusedWorkbook."""
    progress(ImportStatus.VALIDATING, 0, 0)
    with open_sheet(path_or_file) as sheet:
        layout = read_layout(sheet, kind)
        rows = list(read_rows(sheet, layout))
    if not rows:
        raise RefusedWorkbook(_("The sheet has no rows under its header row."))
    validator = Validator(actor=actor, kind=kind, layout=layout, update_existing=update_existing)
    return validator.validate(rows, progress)


def write_import(
    plan: Plan,
    *,
    actor,
    file_name: str,
    progress: Progress = no_progress,
    before_commit: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Write a validated plan in one transaction, with its audit trail."""
    total = len(plan.new) + len(plan.updates)
    progress(ImportStatus.IMPORTING, 0, total)
    report = ImportReport(
        plan.kind.name,
        file_name,
        ImportStatus.DONE,
        plan.total_rows,
        created=len(plan.new),
        updated=len(plan.updates),
        unchanged=plan.unchanged,
    )
    try:
        with transaction.atomic():
            written = create_all(plan, progress, total)
            update_all(plan, progress, total, written)
            audit_import(plan, actor=actor, file_name=file_name)
            announce_bulk_write(plan)
            if before_commit:
                before_commit(report)
        figures.changed(plan.kind.model._meta.label)  # bulk writes send no post_save
    except IntegrityError:
        # Someone registered one of the file's records between the check and the write.
        return ImportReport.refused(
            plan.kind,
            file_name,
            _(
                "Some of these records were registered by someone else while the file was being "
                "checked; nothing was imported. Upload the file again."
            ),
            plan.total_rows,
        )
    return report


def announce_bulk_write(plan: Plan) -> None:
    """Tell derived data (the matching index) which records the bulk write touched."""
    written = [*plan.new, *(instance for instance, _changed in plan.updates)]
    pks = [instance.pk for instance in written if instance.pk is not None]
    records_changed.send(sender=plan.kind.model, pks=pks)


def create_all(plan: Plan, progress: Progress, total: int) -> int:
    written = 0
    for batch in chunks(plan.new, WRITE_BATCH):
        plan.kind.model.objects.bulk_create(batch)
        written += len(batch)
        progress(ImportStatus.IMPORTING, written, total)
    return written


def update_all(plan: Plan, progress: Progress, total: int, written: int) -> None:
    instances = [instance for instance, _changed in plan.updates]
    now = timezone.now()
    for instance in instances:
        instance.updated_at = now  # bulk_update leaves auto_now fields alone
    for batch in chunks(instances, WRITE_BATCH):
        plan.kind.model.objects.bulk_update(batch, [*plan.fields, "updated_at"])
        written += len(batch)
        progress(ImportStatus.IMPORTING, written, total)


def audit_import(plan: Plan, *, actor, file_name: str) -> None:
    """One record per created or updated row (naming the fields that changed), one for the
    import. The trail names fields, never the values of the personal numbers."""
    audit_many(
        actor=actor, action=AuditAction.CREATE, targets=plan.new, changes=written_fields(plan)
    )
    for changed, instances in updates_by_changed_fields(plan.updates):
        audit_many(actor=actor, action=AuditAction.UPDATE, targets=instances, changes=changed)
    audit(
        actor=actor,
        action=AuditAction.IMPORT,
        detail={
            "file": file_name,
            "kind": str(plan.kind.name),
            "rows": plan.total_rows,
            "created": len(plan.new),
            "updated": len(plan.updates),
            "unchanged": plan.unchanged,
        },
    )


def written_fields(plan: Plan) -> list[str]:
    return [plan.kind.key, *plan.fields]


def updates_by_changed_fields(
    updates: Sequence[tuple[models.Model, frozenset[str]]],
) -> list[tuple[list[str], list[models.Model]]]:
    groups: dict[tuple[str, ...], list[models.Model]] = defaultdict(list)
    for instance, changed in updates:
        groups[tuple(sorted(changed))].append(instance)
    return [(list(changed), instances) for changed, instances in sorted(groups.items())]
