"""The task that writes a report (insights.tasks imports it, so Celery finds it). Without Redis
it runs in process, at once, when the request that queued it commits (settings)."""

from celery import shared_task

from . import services


@shared_task(name="insights.write_report")
def write_report(report_id: int) -> str:
    """Write a queued report to its end (in the language it was asked in); answers its status."""
    return services.report_run(report_id).status
