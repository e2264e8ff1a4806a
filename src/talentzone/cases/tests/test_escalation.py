"""Escalation: by hand with a reason, or by the scheduled task when a level's deadline passed.
A case leaves each level at most once, whoever tries and however often the task runs — the
row lock with a re-check, and in the end the database's unique (case, from_level)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from talentzone.cases import services, tasks
from talentzone.cases.choices import CaseEventKind, CaseStatus, Level
from talentzone.cases.models import Case, CaseEvent, Escalation
from talentzone.cases.tests.conftest import DUE_AT_LEVEL_1, MONDAY, NOW, at, codes, day
from talentzone.core.models import AuditRecord, Notification
from talentzone.core.testing import run_at_once

pytestmark = pytest.mark.django_db


def escalate(desk, case, actor=None, **fields):
    values = {"reason": "房源需住建局统筹", "today": MONDAY, "now": NOW, **fields}
    return services.case_escalate(actor=actor or desk.officer, case=case, **values)


def events(case, kind) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case, kind=kind))


# By hand --------------------------------------------------------------------------------------


def test_level_1_goes_to_the_category_s_department_with_the_reason(desk):
    case = escalate(desk, desk.raise_case())
    assert (case.level, case.department) == (Level.DEPARTMENT, desk.housing)
    escalation = Escalation.objects.get(case=case)
    assert (escalation.from_level, escalation.to_level, escalation.automatic) == (1, 2, False)
    assert (escalation.by, escalation.reason) == (desk.officer, "房源需住建局统筹")
    [event] = events(case, CaseEventKind.ESCALATED)
    assert (event.actor, event.note, event.level) == (desk.officer, "房源需住建局统筹", 2)
    assert Notification.objects.filter(recipient=desk.housing_staff).exists()
    assert not Notification.objects.filter(recipient=desk.policy_staff).exists()


def test_the_officer_may_name_another_department(desk):
    case = escalate(desk, desk.raise_case(), department=desk.policy)
    assert case.department == desk.policy


def test_level_2_goes_to_the_consultation_and_keeps_its_department(desk):
    case = escalate(desk, desk.at_level(2), actor=desk.housing_staff, department=desk.policy)
    assert (case.level, case.department) == (Level.CONSULTATION, desk.housing)
    assert Notification.objects.filter(recipient=desk.office, title__contains=case.number).exists()


def test_a_reason_is_required(desk):
    case = desk.raise_case()
    with pytest.raises(ValidationError) as refused:
        escalate(desk, case, reason=" ")
    assert codes(refused.value) == {"reason": ["required"]}
    assert not Escalation.objects.exists()


@pytest.mark.parametrize("who", ["other_officer", "housing_staff", "hr", "leader"])
def test_only_those_working_the_level_escalate(desk, who):
    case = desk.raise_case()
    with pytest.raises(PermissionDenied):
        escalate(desk, case, actor=getattr(desk, who))


def test_the_grid_officer_no_longer_works_the_case_at_level_2(desk):
    case = desk.at_level(2)
    with pytest.raises(PermissionDenied):
        escalate(desk, case)
    escalate(desk, case, actor=desk.office)  # the office works every level


def test_level_3_is_the_top(desk):
    case = desk.at_level(3)
    with pytest.raises(PermissionDenied):
        escalate(desk, case, actor=desk.office)


def test_the_database_refuses_a_second_escalation_from_a_level(desk):
    case = escalate(desk, desk.raise_case())
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(
            case=case, from_level=1, to_level=2, reason="again", automatic=True
        )


def test_the_database_refuses_skipping_a_level_or_an_anonymous_hand(desk):
    case = desk.raise_case()
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(case=case, from_level=1, to_level=3, reason="x", by=desk.office)
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(case=case, from_level=1, to_level=2, reason="x", automatic=False)


# By the scheduled task ------------------------------------------------------------------------


def test_nothing_moves_on_the_due_day(desk):
    case = desk.raise_case()
    assert services.escalate_overdue(today=DUE_AT_LEVEL_1, now=at(DUE_AT_LEVEL_1, 23)) == 0
    case.refresh_from_db()
    assert case.level == Level.GRID


def test_the_day_after_the_deadline_the_case_moves_up(desk):
    case = desk.raise_case()
    assert services.escalate_overdue(today=day(9), now=at(day(9))) == 1
    case.refresh_from_db()
    assert (case.level, case.department, case.level_since) == (2, desk.housing, day(9))
    assert case.due_on == day(23)
    escalation = Escalation.objects.get(case=case)
    assert escalation.automatic and escalation.by is None
    assert "2026-06-08" in escalation.reason
    [event] = events(case, CaseEventKind.AUTO_ESCALATED)
    assert event.actor is None and "2026-06-08" in event.note
    assert AuditRecord.objects.filter(target_id=str(case.pk), actor=None).exists()
    assert Notification.objects.filter(recipient=desk.housing_staff).exists()


def test_running_twice_escalates_once(desk):
    case = desk.raise_case()
    assert services.escalate_overdue(today=day(9), now=at(day(9))) == 1
    assert services.escalate_overdue(today=day(9), now=at(day(9), 10)) == 0
    assert Escalation.objects.filter(case=case).count() == 1
    assert len(events(case, CaseEventKind.AUTO_ESCALATED)) == 1


def test_each_level_is_left_once_over_weeks_of_runs(desk):
    """Run every day for two months: level 1 → 2 → 3, one escalation each, then the office is
    told once that level 3's deadline passed."""
    case = desk.raise_case()
    date = MONDAY
    while date < datetime.date(2026, 8, 1):
        services.escalate_overdue(today=date, now=at(date))
        date += datetime.timedelta(days=1)
    case.refresh_from_db()
    assert case.level == Level.CONSULTATION
    assert list(Escalation.objects.filter(case=case).values_list("from_level", flat=True)) == [1, 2]
    assert len(events(case, CaseEventKind.OVERDUE)) == 1
    assert case.overdue_flagged_on == case.due_on + datetime.timedelta(days=1)


def test_cases_no_longer_open_are_left_alone(desk):
    resolved = desk.resolved()
    assert services.escalate_overdue(today=day(30), now=at(day(30))) == 0
    resolved.refresh_from_db()
    assert (resolved.level, resolved.status) == (Level.GRID, CaseStatus.RESOLVED)


def test_a_case_escalated_by_hand_meanwhile_is_not_escalated_again(desk):
    case = escalate(desk, desk.raise_case(), today=day(8), now=at(day(8)))
    assert services.escalate_overdue(today=day(9), now=at(day(9))) == 0
    assert Escalation.objects.filter(case=case).count() == 1


def test_the_unique_constraint_has_the_last_word(desk):
    """Should an escalation from the level exist although the case still shows the level (a
    writer the re-check did not see), the task skips the case instead of failing the run."""
    stuck = desk.raise_case()
    Escalation.objects.create(case=stuck, from_level=1, to_level=2, reason="x", automatic=True)
    other = desk.raise_case()
    assert services.escalate_overdue(today=day(9), now=at(day(9))) == 1
    stuck.refresh_from_db()
    other.refresh_from_db()
    assert (stuck.level, other.level) == (Level.GRID, Level.DEPARTMENT)
    assert Escalation.objects.filter(case=stuck).count() == 1
    assert not events(stuck, CaseEventKind.AUTO_ESCALATED)


def test_level_3_overdue_is_reported_once_per_deadline(desk):
    case = desk.at_level(3)  # due 22 June
    assert services.escalate_overdue(today=day(22), now=at(day(22))) == 0
    assert not events(case, CaseEventKind.OVERDUE)
    services.escalate_overdue(today=day(23), now=at(day(23)))
    services.escalate_overdue(today=day(24), now=at(day(24)))
    case.refresh_from_db()
    assert case.overdue_flagged_on == day(23)
    assert len(events(case, CaseEventKind.OVERDUE)) == 1
    assert Notification.objects.filter(recipient=desk.office, title__contains=case.number).exists()


def test_a_new_deadline_at_level_3_is_reported_again_when_it_passes(desk):
    case = desk.at_level(3)
    services.escalate_overdue(today=day(23), now=at(day(23)))
    desk.consulted(case)
    services.case_resolve(actor=desk.office, case=case, resolution="已调配", now=at(day(23), 15))
    case = services.case_reopen(
        actor=desk.hr, case=case, reason="公寓未交付", today=day(24), now=at(day(24))
    )
    assert case.due_on == datetime.date(2026, 7, 15)
    services.escalate_overdue(today=datetime.date(2026, 7, 15), now=at(datetime.date(2026, 7, 15)))
    assert len(events(case, CaseEventKind.OVERDUE)) == 1
    services.escalate_overdue(today=datetime.date(2026, 7, 16), now=at(datetime.date(2026, 7, 16)))
    services.escalate_overdue(today=datetime.date(2026, 7, 17), now=at(datetime.date(2026, 7, 17)))
    assert len(events(case, CaseEventKind.OVERDUE)) == 2


def test_the_celery_task_runs_the_service(desk):
    case = desk.raise_case()
    assert tasks.escalate_overdue.run("2026-06-09") == 1
    case.refresh_from_db()
    assert case.level == Level.DEPARTMENT


# Two runs at once (PostgreSQL) ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
)
def test_runs_at_the_same_moment_escalate_each_case_once(desk):
    cases = [desk.raise_case() for _ in range(5)]

    def run() -> str:
        return str(services.escalate_overdue(today=day(9), now=at(day(9))))

    outcomes = run_at_once([run] * 6)
    assert sum(int(count) * times for count, times in outcomes.items()) == 5, outcomes
    for case in cases:
        assert Escalation.objects.filter(case=case).count() == 1
        assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.AUTO_ESCALATED).count() == 1
        assert Case.objects.get(pk=case.pk).level == Level.DEPARTMENT
