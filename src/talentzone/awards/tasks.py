"""Scheduled tasks of the yearly evaluations (CELERY_BEAT_SCHEDULE in settings runs them).

Safe to run again or twice at once: each round is handled with its row locked and its status
read again.
"""

import datetime

from celery import shared_task

from . import services


def _day(day: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(day) if day else None


@shared_task(name="awards.close_nominations")
def close_nominations(day: str | None = None) -> int:
    """Close the nominations of the rounds whose closing day has passed (they go to screening);
    answers how many. `day` (YYYY-MM-DD) is taken as today when given."""
    return services.close_due_rounds(today=_day(day))
