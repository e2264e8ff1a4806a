"""Scheduled tasks of the application engine (CELERY_BEAT_SCHEDULE in settings runs them).

Without Redis they run in process, at once; the demo runs the same work as commands
(`talentzone scan_offers`, `talentzone close_notices`).
"""

import datetime

from celery import shared_task

from . import services


def _day(day: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(day) if day else None


@shared_task(name="policies.scan_offers")
def scan_offers(day: str | None = None) -> dict[str, int]:
    """Offer every open policy to everyone newly eligible (免申即享): {policy code: offers made}.
    `day` (YYYY-MM-DD) is the day the rules are read on; today when omitted."""
    return services.scan_offers(_day(day))


@shared_task(name="policies.close_notices")
def close_notices(day: str | None = None) -> int:
    """Approve the applications whose public notice has ended without an open objection;
    answers how many."""
    return services.close_due_notices(_day(day))
