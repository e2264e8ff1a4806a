"""Scheduled tasks of the talent apartments (CELERY_BEAT_SCHEDULE in settings runs them).

Both are safe to run again or twice at once: each offer or lease is handled with its row locked
and its state read again.
"""

import datetime

from celery import shared_task

from . import leases, services


def _day(day: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(day) if day else None


@shared_task(name="housing.offers_expire")
def offers_expire(day: str | None = None) -> int:
    """Expire the offers not answered in time and pass their flats on; answers how many.
    `day` (YYYY-MM-DD) is taken as today when given."""
    return services.offers_expire(today=_day(day))


@shared_task(name="housing.remind_leases")
def remind_leases(day: str | None = None) -> int:
    """Remind tenants and the office of the leases ending soon; answers how many."""
    return leases.remind_leases(today=_day(day))


@shared_task(name="housing.flag_left_employment")
def flag_left_employment(day: str | None = None) -> int:
    """Flag for the office the tenants who no longer work in the zone; answers how many."""
    return leases.flag_left_employment(today=_day(day))
