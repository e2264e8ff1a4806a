"""An import as a background job: the upload is stored, a Celery task runs the import (in
process, at once, when there is no Redis), and the job's page and API read how far it got.

Where the progress lives, and why: the rows are written in one transaction, on the task's
only database connection. A progress update saved to the job's row from inside it would stay
invisible until the end (and on SQLite any other writer waits for the whole import). So the
job's row records only each change of status, in its own short transaction before the import's
opens, and the row counts within a phase go to the cache: Redis in production (shared by the
worker and the web servers), the process's own memory when the task runs in process.
"""

import fcntl
import hashlib
import logging
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentzone.core.choices import Role
from talentzone.core.queue import enqueue
from talentzone.core.roles import has_role
from talentzone.core.services import perm_name, require_perm

from ..choices import ImportStatus
from ..models import ImportJob
from .columns import kind_named
from .report import annotated_report
from .service import ImportReport, import_workbook
from .validate import RowError
from .workbook import open_sheet, read_layout

logger = logging.getLogger(__name__)

PROGRESS_TTL = 24 * 60 * 60
PROGRESS_INTERVAL = 0.5  # seconds between two progress writes to the cache
RUNNING = (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.IMPORTING)
MAX_RUNS = 3  # runs of one job that may die (its worker killed) before it is failed
LOCK_SPACE = 0x1A0B  # the first key of the imports' advisory locks (the second is the job's)


def visible_jobs(user) -> QuerySet[ImportJob]:
    """Each person sees their own imports; the talent office sees everyone's."""
    jobs = ImportJob.objects.select_related("owner")
    return jobs if has_role(user, Role.OFFICE_ADMIN) else jobs.filter(owner=user)


def check_upload(upload: UploadedFile, kind: str) -> None:
    """Refuse at once what can be refused without reading the rows: too big, not an xlsx, a zip
    bomb, a sheet without the template's headers. Raises RefusedWorkbook."""
    with open_sheet(upload) as sheet:
        read_layout(sheet, kind_named(kind))
    upload.seek(0)


def start_import(
    *, actor, kind: str, upload: UploadedFile, update_existing: bool, language: str
) -> ImportJob:
    """Store the upload as a queued job and hand it to the task once the job is committed."""
    require_perm(actor, perm_name(kind_named(kind).model, "add"))
    check_upload(upload, kind)
    job = ImportJob(
        kind=kind,
        file_name=upload.name[:255],
        owner=actor,
        update_existing=update_existing,
        language=language,
    )
    # A stored name of our own: the clerk's file name may say whose data it holds.
    job.file.save(f"{uuid.uuid4().hex}.xlsx", upload, save=False)
    job.save()
    from ..tasks import run_import  # the task module imports this one

    enqueue(run_import, job.pk)
    return job


# Running -----------------------------------------------------------------------------------


def progress_key(job_id: int) -> str:
    return f"talentzone:import:{job_id}:progress"


class JobProgress:
    """The import's progress callback: status changes to the job's row, counts to the cache."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.phase = None
        self.written_at = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.phase = phase
            ImportJob.objects.filter(pk=self.job.pk).update(
                status=phase, total_rows=total, processed_rows=done, updated_at=timezone.now()
            )
        now = time.monotonic()
        if done >= total or now - self.written_at >= PROGRESS_INTERVAL:
            self.written_at = now
            data = {"phase": phase, "done": done, "total": total}
            cache.set(progress_key(self.job.pk), data, PROGRESS_TTL)


def run_job(job_id: int) -> ImportJob:
    """Run a job to its end; safe to run again, however the last run ended.

    A task may be delivered twice: again after its worker was killed (acks_late), or while it
    still runs (its message outlived the broker's visibility timeout). So one run at a time
    holds the job's lock, and a run that gets it reads what the last one left:
    - queued: the job starts;
    - validating or importing: the run that set it died (it would still hold the lock), and
      its rows died with its transaction; the job starts again from the first row;
    - ended (done, rejected, failed): the outcome stands; only a leftover upload is deleted.
    The rows and the job's "done" commit in one transaction, so no run can find the rows
    written and the job unfinished.
    """
    with job_lock(job_id):
        job = ImportJob.objects.select_related("owner").get(pk=job_id)
        if job.status not in RUNNING:
            discard_upload(job)
            return job
        if not claim(job):
            return job
        with translation.override(job.language):
            finish(job, run_import_of(job))
    return job


def claim(job: ImportJob) -> bool:
    """Mark the job started (again); False when it has failed too many runs to try another."""
    if job.status != ImportStatus.QUEUED:
        logger.warning(
            "Import job %s was left %s by a run that died; restarting it", job.pk, job.status
        )
    runs = count_run(job.pk)
    if runs > MAX_RUNS:
        logger.error("Import job %s died in %d runs; giving up", job.pk, runs - 1)
        finish(job, failed_report(job))
        return False
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING,
        started_at=timezone.now(),
        processed_rows=0,
        total_rows=0,
        updated_at=timezone.now(),
    )
    return True


def count_run(job_id: int) -> int:
    """How many runs this job has started, this one included. Kept in the cache: a workbook that
    kills its worker every time is given up after MAX_RUNS rather than retried for ever; with
    the cache away the count starts again, which only delays that."""
    key = runs_key(job_id)
    cache.add(key, 0, PROGRESS_TTL)
    return cache.incr(key) if cache.get(key) is not None else 1


def runs_key(job_id: int) -> str:
    return f"talentzone:import:{job_id}:runs"


def run_import_of(job: ImportJob) -> ImportReport:
    try:
        with job.file.open("rb") as source:
            return import_workbook(
                actor=job.owner,
                kind=job.kind,
                path_or_file=source,
                update_existing=job.update_existing,
                progress=JobProgress(job),
                file_name=job.file_name,
                before_commit=lambda report: record_outcome(job, report),
            )
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        return failed_report(job)


def failed_report(job: ImportJob) -> ImportReport:
    return ImportReport(
        job.kind,
        job.file_name,
        ImportStatus.FAILED,
        errors=[RowError(None, "", _("The import failed; nothing was imported."))],
    )


def record_outcome(job: ImportJob, report: ImportReport) -> None:
    """The job's outcome, saved in the rows' own transaction (see run_job)."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=report.status,
        total_rows=report.total_rows,
        processed_rows=report.total_rows,
        created_count=report.created,
        updated_count=report.updated,
        unchanged_count=report.unchanged,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


@contextmanager
def job_lock(job_id: int) -> Iterator[None]:
    """Held by the one run of a job; waits for another run of it to end. The lock dies with
    the process that holds it, however it dies: on PostgreSQL it is the session's advisory
    lock (freed when the connection drops, on any machine); elsewhere (SQLite, one machine)
    a file lock, freed by the operating system."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_SPACE, job_id])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, job_id])
        return
    database = hashlib.sha256(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"talentzone-import-{database}-{job_id}.lock"
    with path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def discard_upload(job: ImportJob) -> None:
    """An ended job keeps no upload (a run that died after the outcome committed left it)."""
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def finish(job: ImportJob, report: ImportReport) -> None:
    """Record the outcome; keep an annotated report of a rejected file, then delete the upload
    (personal data is kept no longer than the import needs it)."""
    job.refresh_from_db()
    job.status = report.status
    job.total_rows = report.total_rows
    job.processed_rows = report.total_rows  # a rejected file's rows were all checked too
    job.created_count = report.created
    job.updated_count = report.updated
    job.unchanged_count = report.unchanged
    job.errors = [error.as_dict() for error in report.errors]
    job.finished_at = timezone.now()
    if report.bad_rows:
        try:
            save_annotated_report(job, report)
        except Exception:  # the errors are in the job all the same; only the workbook is missing
            logger.exception("The annotated report of import job %s could not be written", job.pk)
    if job.file:
        job.file.delete(save=False)
    job.save()
    cache.delete_many([progress_key(job.pk), runs_key(job.pk)])


def save_annotated_report(job: ImportJob, report: ImportReport) -> None:
    with job.file.open("rb") as source:
        annotated = annotated_report(source, kind_named(job.kind), report.errors)
    with annotated:
        job.report_file.save(f"{uuid.uuid4().hex}-report.xlsx", File(annotated), save=False)


# Reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    phase: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        if self.phase in (ImportStatus.DONE,):
            return 100
        return round(100 * self.done / self.total) if self.total else 0


def progress_of(job: ImportJob) -> Progress:
    """How far a job got: the cache's counts while it runs, the job's own when it has ended."""
    if job.status in RUNNING:
        cached = cache.get(progress_key(job.pk))
        if cached and cached["phase"] == job.status:
            return Progress(job.status, cached["done"], cached["total"])
    return Progress(job.status, job.processed_rows, job.total_rows)


def is_running(job: ImportJob) -> bool:
    return job.status in RUNNING


def report_name(job: ImportJob) -> str:
    stem = job.file_name.rsplit(".", 1)[0] or "import"
    return f"{stem}-{_('errors')}.xlsx"
