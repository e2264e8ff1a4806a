"""Working days: Monday to Friday, less the holidays and plus the weekend days made up for them
(CalendarDay). A deadline "in N working days" does not count its first day.

June 2026: Monday 1, Friday 5, Saturday 6, Sunday 7, Monday 8, Friday 19 (端午节).
"""

import datetime

import pytest

from talentzone.core.models import CalendarDay
from talentzone.core.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def june(n: int) -> datetime.date:
    return datetime.date(2026, 6, n)


def holiday(date: datetime.date, name: str = "端午节") -> CalendarDay:
    return CalendarDay.objects.create(date=date, working=False, name=name)


def made_up(date: datetime.date) -> CalendarDay:
    return CalendarDay.objects.create(date=date, working=True, name="调休")


def test_the_first_day_is_not_counted():
    assert add_working_days(june(1), 1) == june(2)
    assert add_working_days(june(1), 0) == june(1)


def test_weekends_are_skipped():
    assert add_working_days(june(5), 1) == june(8)  # Friday + 1 → Monday
    assert add_working_days(june(1), 5) == june(8)
    assert add_working_days(june(1), 10) == june(15)


def test_a_deadline_from_a_weekend_day_starts_on_monday():
    assert add_working_days(june(6), 1) == june(8)


def test_a_holiday_pushes_the_deadline_back():
    assert add_working_days(june(15), 5) == june(22)
    holiday(june(19))
    assert add_working_days(june(15), 5) == june(23)  # Friday 19 off: Tuesday instead


def test_a_weekend_day_made_up_counts():
    holiday(june(19))
    made_up(june(20))
    assert add_working_days(june(15), 5) == june(22)  # Saturday 20 worked in its place
    assert add_working_days(june(19), 1) == june(20)


def test_a_long_holiday_beyond_the_first_horizon():
    """The Spring Festival's week off, far into a long span, is still read."""
    start = datetime.date(2027, 1, 4)
    plain = add_working_days(start, 30)
    for offset in range(7):
        holiday(datetime.date(2027, 2, 8) + datetime.timedelta(days=offset), "春节")
    assert add_working_days(start, 30) == plain + datetime.timedelta(days=7)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(june(1), -1)


def test_is_working_day():
    holiday(june(19))
    made_up(june(20))
    assert is_working_day(june(1))
    assert not is_working_day(june(6))
    assert not is_working_day(june(19))
    assert is_working_day(june(20))


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert working_days_between(june(1), june(8)) == 5
    assert working_days_between(june(8), june(1)) == 0
    assert working_days_between(june(1), june(1)) == 0
    holiday(june(19))
    made_up(june(20))
    assert working_days_between(june(15), june(22)) == 5


def test_the_two_agree():
    holiday(june(19))
    for days in range(0, 25):
        assert working_days_between(june(1), add_working_days(june(1), days)) == days
