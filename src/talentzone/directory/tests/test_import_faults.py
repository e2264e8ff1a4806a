"""An Excel import survives its Celery worker being killed mid-way: the rows are written in one
transaction, so a killed run leaves none of them, and the task (acks_late) is delivered again
and runs the job from the start: done once, with every row once.

Real processes throughout: a Redis server of the test's own, `celery worker` (prefork) on the
test database, and SIGKILL. PostgreSQL only: the worker must share the test's database.

The kill lands mid-import on cue, not by timing: the test holds, uncommitted in a transaction of
its own, a talent with the ID number of a row in the import's third batch. PostgreSQL makes the
import's insert of that row wait for the test's transaction, so the worker is caught with two
batches written in its open transaction, however fast or slow the machine.
"""

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction

from talentzone.core.audit import AuditAction
from talentzone.core.choices import Role
from talentzone.core.models import AuditRecord
from talentzone.core.tests.redis_server import redis_server_available
from talentzone.core.tests.test_browser import replay_data_migrations
from talentzone.directory.choices import ImportStatus
from talentzone.directory.imports import jobs
from talentzone.directory.imports.samples import talent_row, write_workbook
from talentzone.directory.imports.service import WRITE_BATCH
from talentzone.directory.models import ImportJob, Talent
from talentzone.directory.tests.factories import TalentFactory


def with_worker(test):
    """A test with a real worker: PostgreSQL (the worker shares the test's database, committed
    rows), and a Redis server of its own."""
    marks = [
        pytest.mark.skipif(
            connection.vendor != "postgresql", reason="the worker must share the test database"
        ),
        pytest.mark.skipif(not redis_server_available(), reason="no redis-server to start"),
        pytest.mark.django_db(transaction=True),
        pytest.mark.usefixtures("reference_data"),
    ]
    for mark in marks:
        test = mark(test)
    return test


@pytest.fixture
def reference_data():
    """The roles the data migrations made: a transactional test that ran before this one
    emptied the database after itself, and its users need their groups."""
    replay_data_migrations()


ROWS = 3 * WRITE_BATCH
HELD_ROW = 2 * WRITE_BATCH  # the first row of the third batch: the import waits there
# Upper bounds only: on a busy machine a worker takes a minute to start and to import.
WAIT = 180
CELERY = Path(sys.executable).with_name("celery")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def shared_cache(settings, redis_server):
    """The test reads the job's progress where the worker writes it."""
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_server.url}
    }


@pytest.fixture
def publisher(settings, redis_server):
    """The project's Celery settings on the test's Redis (the project's own app runs tasks in
    process here: no REDIS_URL in the tests)."""
    app = Celery("talentzone-import-faults", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=redis_server.url, result_backend=None, task_always_eager=False)
    yield app
    app.close()


class Worker:
    """`celery -A talentzone worker`, one prefork pool process, on the test database."""

    def __init__(self, tmp_path: Path, redis_url: str, media: Path, visibility_timeout: int):
        database = connection.settings_dict
        url = (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}"
            f":{database['PORT'] or 5432}/{database['NAME']}"
        )
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "REDIS_URL": redis_url,
            "TALENTZONE_MEDIA_DIR": str(media),
            # the test's own: the same keys encrypt and find the personal numbers
            "TALENTZONE_VAR_DIR": str(settings.VAR_DIR),
            "TALENTZONE_MATCH_INDEX_DIR": str(tmp_path / "index"),
            "TALENTZONE_CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
        }
        self.log = tmp_path / f"worker-{time.monotonic_ns()}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        command = [str(CELERY), "-A", "talentzone", "worker", "--pool=prefork"]
        command += ["--concurrency=1", "--without-gossip", "--without-mingle"]
        command += ["--without-heartbeat", "--loglevel=INFO"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def wait_ready(self) -> "Worker":
        """Until it consumes (Django and Celery take seconds to start, more on a busy machine)."""
        wait_for(lambda: " ready." in self.log.read_text(errors="replace"), WAIT, "ready", self)
        return self

    def pool_process(self) -> int:
        """The pool's child process, which runs the task."""
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) == 1, self.output()
        return int(children[0])

    def kill_pool_process(self) -> None:
        os.kill(self.pool_process(), signal.SIGKILL)

    def kill(self) -> None:
        """Kill the whole worker at once: its main process and its pool process."""
        child = self.pool_process()
        self.process.kill()
        os.kill(child, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            for pid in self.children():
                os.kill(pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait(10)

    def children(self) -> list[int]:
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        )
        return [int(pid) for pid in found.stdout.split()]

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture
def workers(tmp_path, redis_server, media):
    started = []

    def start(visibility_timeout: int = 3600) -> Worker:
        worker = Worker(tmp_path, redis_server.url, media, visibility_timeout).start()
        started.append(worker)
        return worker.wait_ready()

    yield start
    for worker in started:
        worker.stop()


def queued_import(make_user, rows: int) -> ImportJob:
    buffer = io.BytesIO()
    write_workbook(buffer, (talent_row(number) for number in range(rows)))
    job = ImportJob(kind="talents", file_name="roster.xlsx", owner=make_user(Role.OFFICE_ADMIN))
    job.file.save("roster-upload.xlsx", ContentFile(buffer.getvalue()), save=False)
    job.save()
    return job


def wait_for(condition, timeout: float, what: str, worker: Worker | None = None):
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        if time.monotonic() > deadline:
            detail = worker.output() if worker else ""
            raise AssertionError(f"waited {timeout}s for {what}\n{detail}")
        time.sleep(0.05)
    return found


@contextmanager
def row_held(number: int) -> Iterator[None]:
    """The talent of row `number`, inserted in a transaction that stays open (on a connection of
    its own, in a thread) until the block ends, and then rolls back. An insert of the same ID
    number elsewhere waits for it."""
    inserted, release = threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                TalentFactory(id_number=talent_row(number)["身份证号码"])
                inserted.set()
                release.wait(WAIT)
                transaction.set_rollback(True)
        except BaseException as error:  # reported by the test's thread
            failure.append(error)
            inserted.set()
        finally:
            connection.close()

    holder = threading.Thread(target=hold, name="row-held")
    holder.start()
    inserted.wait(WAIT)
    assert not failure, failure
    try:
        yield
    finally:
        release.set()
        holder.join(WAIT)


def waiting_at_held_row(job: ImportJob) -> bool:
    """The import is writing (two batches in its open transaction) and waits for the held row."""
    job.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND wait_event = 'transactionid'"
        )
        (waiting,) = cursor.fetchone()
    return job.status == ImportStatus.IMPORTING and waiting == 1


def kill_mid_import(
    job: ImportJob, publisher: Celery, worker: Worker, kill: Callable[[], None]
) -> None:
    """Send the job's task, and `kill` the worker while the import waits for the held row (two
    batches written in its open transaction); then let the row go."""
    with row_held(HELD_ROW):
        publisher.send_task("directory.run_import", args=[job.pk])
        wait_for(lambda: waiting_at_held_row(job), WAIT, "the import to reach the held row", worker)
        kill()


def ended(job: ImportJob) -> bool:
    """The task has finished the job: its outcome recorded (with the rows) and then the upload
    deleted."""
    job.refresh_from_db()
    return job.status not in jobs.RUNNING and not job.file


def imported_once(job: ImportJob, rows: int) -> None:
    job.refresh_from_db()
    assert (job.status, job.created_count, job.processed_rows) == (ImportStatus.DONE, rows, rows)
    assert Talent.objects.count() == rows
    assert Talent.objects.values("id_number").distinct().count() == rows
    assert AuditRecord.objects.filter(action=AuditAction.IMPORT).count() == 1


@with_worker
def test_a_killed_pool_process_hands_the_import_back_and_it_completes_once(
    make_user, redis_server, shared_cache, publisher, workers
):
    job = queued_import(make_user, ROWS)
    worker = workers()

    kill_mid_import(job, publisher, worker, worker.kill_pool_process)

    wait_for(lambda: ended(job), WAIT, "the import to end after redelivery", worker)
    imported_once(job, ROWS)
    assert "restarting it" in worker.output()  # it was redelivered, and started again


@with_worker
def test_a_killed_worker_leaves_no_rows_and_the_next_worker_completes_the_import(
    make_user, redis_server, shared_cache, publisher, workers
):
    job = queued_import(make_user, ROWS)
    first = workers()

    kill_mid_import(job, publisher, first, first.kill)

    # The dead run's session ends once its insert no longer waits (it finds its client gone),
    # and its job lock with it: its transaction rolled back.
    wait_for(lambda: job_lock_free(job), 10, "the dead run's session to end")
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING  # as the dead run left it
    assert Talent.objects.count() == 0
    assert AuditRecord.objects.filter(action=AuditAction.IMPORT).count() == 0
    assert redis_server.client().hlen("unacked") == 1  # the message waits in Redis, unacked

    # No worker for a while; then one comes back, with a visibility timeout short enough for
    # the test, and takes the message again.
    second = workers(visibility_timeout=1)
    wait_for(lambda: ended(job), WAIT, "the next worker to complete the import", second)
    imported_once(job, ROWS)


def job_lock_free(job: ImportJob) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [jobs.LOCK_SPACE, job.pk])
        (free,) = cursor.fetchone()
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [jobs.LOCK_SPACE, job.pk])
    return free


# The same rules, in process (both databases) --------------------------------------------------


@pytest.fixture
def media_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_a_job_left_importing_by_a_dead_run_is_run_again_from_the_first_row(make_user, media_only):
    job = queued_import(make_user, 3)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)

    jobs.run_job(job.pk)

    imported_once(job, 3)
    assert not job.file  # the upload is deleted once the job has ended


@pytest.mark.django_db
def test_a_job_whose_runs_keep_dying_is_failed_not_retried_for_ever(make_user, media_only):
    job = queued_import(make_user, 3)
    for _run in range(jobs.MAX_RUNS):
        jobs.count_run(job.pk)  # as the runs that died counted themselves
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATING)

    jobs.run_job(job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert Talent.objects.count() == 0
    assert not job.file
