"""Deadlines in working days (限时办结): each level has the category's number of working days,
counted from the day the case reached the level, skipping weekends and holidays and counting
the weekend days made up for them."""

import pytest
from django.db import IntegrityError, transaction

from talentzone.cases import services
from talentzone.cases.choices import Level
from talentzone.cases.models import Case
from talentzone.cases.tests.conftest import MONDAY, NOW, at, day
from talentzone.core.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_each_level_has_its_category_s_working_days(desk):
    category = desk.category  # 5, 10, 15 working days
    assert services.due_date(category, Level.GRID, MONDAY) == day(8)
    assert services.due_date(category, Level.DEPARTMENT, MONDAY) == day(15)
    assert services.due_date(category, Level.CONSULTATION, MONDAY) == day(22)


def test_a_case_raised_on_friday_with_one_day_is_due_on_monday(desk):
    desk.category.grid_days = 1
    desk.category.save()
    case = desk.raise_case(today=day(5), now=at(day(5)))
    assert case.due_on == day(8)


def test_a_case_raised_on_a_sunday_counts_from_monday(desk):
    case = desk.raise_case(today=day(7), now=at(day(7)))
    assert (case.level_since, case.due_on) == (day(7), day(12))


def test_holidays_are_skipped_and_made_up_days_counted(desk):
    CalendarDay.objects.create(date=day(19), working=False, name="端午节")
    plain = desk.raise_case(today=day(15), now=at(day(15)))
    assert plain.due_on == day(23)  # Friday 19 off
    CalendarDay.objects.create(date=day(20), working=True, name="调休")
    made_up = desk.raise_case(today=day(15), now=at(day(15)))
    assert made_up.due_on == day(22)  # Saturday 20 worked instead


def test_an_escalated_case_starts_the_next_level_s_clock_on_the_day_it_arrives(desk):
    case = desk.raise_case()
    case = services.case_escalate(
        actor=desk.officer, case=case, reason="需住建局协调", today=day(3), now=at(day(3))
    )
    assert (case.level, case.level_since, case.due_on) == (Level.DEPARTMENT, day(3), day(17))


def test_changing_the_department_keeps_the_deadline(desk):
    case = desk.at_level(2)
    before = (case.level_since, case.due_on)
    case = services.case_change_department(
        actor=desk.housing_staff, case=case, department=desk.policy, reason="属人社局职责"
    )
    assert case.department == desk.policy
    assert (case.level_since, case.due_on) == before


def test_a_reopened_case_gets_a_new_deadline_at_the_same_level(desk):
    case = desk.resolved()
    case = services.case_reopen(
        actor=desk.hr, case=case, reason="公寓仍未交付", today=day(10), now=at(day(10))
    )
    assert (case.level, case.level_since, case.due_on) == (Level.GRID, day(10), day(17))


def test_the_database_refuses_a_deadline_before_the_level_started(desk):
    case = desk.raise_case()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(due_on=day(1), level_since=day(2))


def test_category_days_are_at_least_one(desk):
    desk.category.department_days = 0
    with pytest.raises(IntegrityError), transaction.atomic():
        desk.category.save()


def test_the_clock_defaults_to_now(desk):
    """Without a clock the service takes the park's day of `now`."""
    case = desk.raise_case(today=None, now=NOW)
    assert case.opened_on == MONDAY
