"""Background tasks of the core app."""

from celery import shared_task
from django.db import connection
from django.utils import timezone


@shared_task(name="core.heartbeat")
def heartbeat() -> dict:
    """Prove that a worker runs and reaches the database: operators call it after a deploy."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (database_answer,) = cursor.fetchone()
    return {"database": database_answer == 1, "at": timezone.now().isoformat()}
