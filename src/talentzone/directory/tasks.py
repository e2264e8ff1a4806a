"""Background tasks of the registry. Without Redis they run in process, at once (settings)."""

from celery import shared_task

from .imports import jobs


# acks_late: the message stays in Redis until the import has ended, so a worker killed mid-way
# (its pool process, or the whole worker) does not lose it: Celery hands it back at once when
# only the pool process died (reject_on_worker_lost), Redis after the visibility timeout when
# the worker died with it. run_job is safe to run again (see there).
@shared_task(name="directory.run_import", acks_late=True, reject_on_worker_lost=True)
def run_import(job_id: int) -> str:
    """Run a queued Excel import job to its end; answers the job's final status."""
    return jobs.run_job(job_id).status
