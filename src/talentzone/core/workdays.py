"""Working days: Monday to Friday, less the public holidays and plus the weekend days made up
for them, as the talent office keeps them in `CalendarDay`. Deadlines "in N working days" (限时办结)
are counted here so that every app counts them the same way."""

import datetime

from .models import CalendarDay

ONE_DAY = datetime.timedelta(days=1)


def exceptions_between(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    """The calendar's exceptions from `start` to `end` (inclusive): date → is it a working day."""
    rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "working")
    return dict(rows)


def is_working_day(day: datetime.date, exceptions: dict[datetime.date, bool] | None = None) -> bool:
    if exceptions is None:
        exceptions = exceptions_between(day, day)
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (`start` itself not counted, so a case opened
    on Friday with one working day is due on Monday). `days == 0` gives `start`."""
    if days < 0:
        raise ValueError("days must not be negative")
    # Holidays stretch a span by at most a couple of weeks per month; read generously once.
    horizon = start + datetime.timedelta(days=days * 2 + 31)
    exceptions = exceptions_between(start, horizon)
    day, left = start, days
    while left:
        day += ONE_DAY
        if day > horizon:
            horizon = day + datetime.timedelta(days=days * 2 + 31)
            exceptions |= exceptions_between(day, horizon)
        if is_working_day(day, exceptions):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after `start` up to and including `end` (0 when `end <= start`)."""
    if end <= start:
        return 0
    exceptions = exceptions_between(start, end)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += is_working_day(day, exceptions)
    return count
