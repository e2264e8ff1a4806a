"""The demo zone's calendar. Dates are drawn relative to a fixed day, never the clock, so the
same scale gives the same zone whenever it is seeded."""

import datetime
from random import Random

# The demo zone is the zone as it stood on this day.
REFERENCE_DATE = datetime.date(2026, 6, 30)
# Nobody arrived, and no platform was approved, before the zone opened.
ZONE_OPENED = datetime.date(2010, 1, 1)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def random_day(
    rng: Random, first: datetime.date, last: datetime.date, recent: bool = False
) -> datetime.date:
    """A day between `first` and `last` inclusive; `recent` leans towards `last` (the zone grew
    fast in its later years). When `first` is after `last`, `last`."""
    if first >= last:
        return last
    span = last.toordinal() - first.toordinal()
    offset = rng.randint(0, span)
    if recent:
        offset = max(offset, rng.randint(0, span))
    return datetime.date.fromordinal(first.toordinal() + offset)


def birth_date_for_age(rng: Random, age: int) -> datetime.date:
    """A birth date of someone exactly `age` years old on the reference date."""
    latest = add_years(REFERENCE_DATE, -age)
    earliest = add_years(REFERENCE_DATE, -age - 1) + datetime.timedelta(days=1)
    return random_day(rng, earliest, latest)


def age_on_reference_date(birth: datetime.date) -> int:
    before_birthday = (REFERENCE_DATE.month, REFERENCE_DATE.day) < (birth.month, birth.day)
    return REFERENCE_DATE.year - birth.year - before_birthday
