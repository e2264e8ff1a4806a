"""Background tasks of the registry. Without Redis they run in process, at once (settings)."""

from celery import shared_task

from .imports import jobs


@shared_task(name="directory.run_import")
def run_import(job_id: int) -> str:
    """Run a queued Excel import job to its end; answers the job's final status."""
    return jobs.run_job(job_id).status
