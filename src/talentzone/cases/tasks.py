"""Scheduled tasks of the case desk (CELERY_BEAT_SCHEDULE in settings runs them).

Both are safe to run again or twice at once: each case is handled with its row locked and its
state read again, and an escalation from a level is unique in the database.
"""

import datetime

from celery import shared_task

from . import services


def _day(day: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(day) if day else None


@shared_task(name="cases.escalate_overdue")
def escalate_overdue(day: str | None = None) -> int:
    """Move up the open cases whose level's deadline passed (and report those overdue at level
    3); answers how many were escalated. `day` (YYYY-MM-DD) is taken as today when given."""
    return services.escalate_overdue(today=_day(day))


@shared_task(name="cases.close_unanswered")
def close_unanswered(day: str | None = None) -> int:
    """Close the resolved cases their requester did not answer in time; answers how many."""
    return services.close_unanswered(today=_day(day))
