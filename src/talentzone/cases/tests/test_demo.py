"""The demo's case desk: every state a case can be in, the invariants the services keep checked on
every case of the seeded year, and what the demo accounts find in their queues.

The demo is seeded once for the module at a small scale (`seed` with the policies left out),
inside a transaction rolled back after the module.
"""

import datetime
from collections import Counter
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from talentzone.cases import queries
from talentzone.cases.choices import (
    CaseEventKind,
    CaseSource,
    CaseStatus,
    ConsultationStatus,
    Level,
)
from talentzone.cases.demo import case_counts, seed_cases
from talentzone.cases.demo.stories import CATEGORIES
from talentzone.cases.models import (
    Case,
    Category,
    Consultation,
    ConsultationTask,
    Escalation,
    Liaison,
    LiaisonVisit,
    Visit,
    VisitPlan,
)
from talentzone.cases.services import CONFIRM_WITHIN_DAYS, answer_due_on, route
from talentzone.core.choices import Role
from talentzone.core.models import CalendarDay, Notification, User
from talentzone.core.roles import has_role
from talentzone.core.workdays import add_working_days, is_working_day
from talentzone.directory.models import GridTeam

pytestmark = pytest.mark.django_db

SCALE = "0.05"
SEED_COMMAND = "talentzone.directory.management.commands.seed"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Yields what `seed` printed."""
    index = tmp_path_factory.mktemp("demo-index")
    with (
        django_db_blocker.unblock(),
        override_settings(TALENTZONE_MATCH_INDEX_DIR=index),
        translation.override("en"),
        transaction.atomic(),
    ):
        out = StringIO()
        with mock.patch(f"{SEED_COMMAND}.seed_policies", return_value=False):
            call_command("seed", "--scale", SCALE, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def today() -> datetime.date:
    return timezone.localdate()


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_the_seed_command_adds_the_desk_and_counts_it(demo):
    with translation.override("en"):
        counts = case_counts()
    for label, count in counts:
        assert f"  {label}: {count}" in demo
    assert dict(counts)["cases"] > 40


def test_seeding_again_adds_nothing(demo):
    before = Case.objects.count(), Visit.objects.count()
    assert seed_cases(float(SCALE)) is False
    assert (Case.objects.count(), Visit.objects.count()) == before


def test_the_working_calendar_has_the_holidays_and_the_days_made_up(demo):
    days = dict(CalendarDay.objects.values_list("date", "working"))
    assert days[datetime.date(2026, 2, 16)] is False  # 春节
    assert days[datetime.date(2026, 2, 14)] is True  # a Saturday worked
    assert days[datetime.date(2025, 10, 8)] is False
    assert {day.year for day in days} == {2025, 2026, 2027}
    assert not is_working_day(datetime.date(2026, 10, 5))
    assert is_working_day(datetime.date(2026, 9, 20))  # a Sunday worked
    assert all(day.weekday() >= 5 for day, working in days.items() if working)
    assert all(day.weekday() < 5 for day, working in days.items() if not working)


def test_the_categories_name_their_department_and_deadlines(demo):
    categories = Category.objects.select_related("department")
    assert {c.code: c.department.code for c in categories} == {
        spec.code: spec.department for spec in CATEGORIES
    }
    for category in categories:
        assert category.name_en and category.active
        assert 1 <= category.grid_days < category.department_days <= category.consultation_days


def test_every_state_and_level_is_there(demo):
    cases = Case.objects.all()
    pairs = set(cases.values_list("status", "level"))
    for level in Level.values:
        assert (CaseStatus.OPEN, level) in pairs
        assert cases.filter(status=CaseStatus.OPEN, level=level, due_on__lt=today()).exists()
        assert (CaseStatus.CLOSED, level) in pairs
    assert cases.filter(status=CaseStatus.RESOLVED).exists()
    assert set(cases.values_list("source", flat=True)) == set(CaseSource.values)
    kinds = set(Case.objects.values_list("events__kind", flat=True))
    assert set(CaseEventKind.values) - {CaseEventKind.ATTACHED} <= kinds
    assert Escalation.objects.filter(automatic=True).exists()
    assert Escalation.objects.filter(automatic=False).exists()
    reopened = cases.filter(reopen_count__gt=0)
    assert reopened.filter(status=CaseStatus.OPEN).exists()
    assert reopened.filter(status=CaseStatus.CLOSED).exists()
    auto_closed = cases.filter(events__kind=CaseEventKind.AUTO_CLOSED)
    assert auto_closed.exists() and not auto_closed.filter(rating__isnull=False).exists()


def test_consultations_scheduled_and_held_with_tasks_done_and_open(demo):
    now = timezone.now()
    scheduled = Consultation.objects.filter(status=ConsultationStatus.SCHEDULED)
    assert scheduled.exists()
    assert not scheduled.filter(scheduled_at__lt=now).exists()
    held = Consultation.objects.filter(status=ConsultationStatus.HELD)
    assert held.exists() and not held.filter(held_at__gt=now).exists()
    tasks = ConsultationTask.objects.filter(consultation__in=held)
    assert tasks.filter(done_at__isnull=False).exists()
    assert tasks.filter(done_at__isnull=True).exists()
    assert not ConsultationTask.objects.filter(consultation__in=scheduled).exists()
    for consultation in held.prefetch_related("departments", "tasks"):
        invited = {d.pk for d in consultation.departments.all()}
        assert {task.department_id for task in consultation.tasks.all()} <= invited


def test_ratings_are_mostly_good(demo):
    ratings = Counter(Case.objects.filter(rating__isnull=False).values_list("rating", flat=True))
    total = sum(ratings.values())
    assert total > 20
    assert (ratings[4] + ratings[5]) / total > 0.6
    assert not Case.objects.filter(status=CaseStatus.CLOSED, closed_at__isnull=True).exists()


def test_every_case_keeps_the_services_invariants(demo):
    now = timezone.now()
    cases = Case.objects.select_related("category", "enterprise", "talent__employer")
    for case in cases.prefetch_related("escalations", "events", "consultations__tasks"):
        assert case.number == f"GC{case.opened_on.year}{case.pk:06d}"
        assert case.team == route(enterprise=case.enterprise, talent=case.talent)
        escalations = sorted(case.escalations.all(), key=lambda e: e.from_level)
        assert [e.from_level for e in escalations] == list(range(1, case.level))
        assert (case.department_id is None) == (case.level == Level.GRID)
        assert case.due_on == add_working_days(
            case.level_since, case.category.days_at(case.level)
        ), case
        events = sorted(case.events.all(), key=lambda e: e.pk)
        assert [e.kind for e in events[:2]] == [CaseEventKind.RAISED, CaseEventKind.ROUTED]
        assert [e.at for e in events] == sorted(e.at for e in events), case
        assert events[-1].at <= now
        assert sum(e.kind == CaseEventKind.REOPENED for e in events) == case.reopen_count
        if case.status == CaseStatus.RESOLVED:
            assert case.resolution and case.resolved_at <= now
            assert answer_due_on(case) >= today() - datetime.timedelta(days=1)
        if case.level == Level.CONSULTATION and case.status != CaseStatus.OPEN:
            held = [c for c in case.consultations.all() if c.status == ConsultationStatus.HELD]
            assert held and all(t.done_at for c in held for t in c.tasks.all())
        if case.source == CaseSource.VISIT:
            assert case.visit.enterprise_id == case.enterprise_id
        if case.source == CaseSource.LIAISON:
            assert case.talent_id == case.liaison_visit.liaison.expert_id
    assert CONFIRM_WITHIN_DAYS == 10


def test_a_year_of_work_solved_through_the_three_levels(demo):
    year_ago = timezone.now() - datetime.timedelta(days=365)
    solved = Case.objects.filter(resolved_at__gte=year_ago)
    levels = Counter(solved.values_list("level", flat=True))
    assert levels[Level.GRID] > levels[Level.DEPARTMENT] > levels[Level.CONSULTATION] > 0
    assert Case.objects.filter(opened_on__lt=today() - datetime.timedelta(days=300)).exists()


def test_the_grid_teams_visit_their_enterprises(demo):
    teams = GridTeam.objects.all()
    assert VisitPlan.objects.count() == teams.count() == 7
    assert set(VisitPlan.objects.values_list("interval_days", flat=True)) <= set(range(60, 121))
    for team in teams:
        visits = Visit.objects.filter(team=team)
        assert visits.exists()
        assert not visits.exclude(enterprise__grid_id=team.grid_id).exists()
        assert not visits.filter(visited_on__gt=today()).exists()
    grid = user("grid")
    team = GridTeam.objects.get(grid__in=grid.memberships.values("grid"))
    due = queries.visits_due(team=team)
    assert any(row["overdue"] for row in due)
    assert Visit.objects.filter(cases__isnull=False).exists()


def test_leaders_look_after_experts(demo):
    leaders = [u for u in User.objects.filter(liaisons__isnull=False).distinct()]
    assert len(leaders) >= 4
    assert all(has_role(leader, Role.LEADER) for leader in leaders)
    stand_ins = [leader for leader in leaders if leader.username != "leader"]
    assert stand_ins and not any(leader.has_usable_password() for leader in stand_ins)
    mine = queries.liaison_schedule(user("leader"))
    assert len(mine) >= 2
    assert any(row["overdue"] for row in mine)
    assert not Liaison.objects.filter(expert__tier__code="municipal").exists()
    assert LiaisonVisit.objects.filter(liaison__leader__username="leader").exists()
    by_leader = Case.objects.filter(source=CaseSource.LIAISON, raised_by__username="leader")
    assert by_leader.filter(status=CaseStatus.OPEN).exists()
    assert Case.objects.filter(source=CaseSource.LIAISON, status=CaseStatus.CLOSED).exists()


def test_the_grid_officer_and_the_reviewer_have_work_waiting(demo):
    grid = queries.queue(user("grid"))
    assert grid.filter(level=Level.GRID).count() >= 2
    assert grid.filter(due_on__lt=today()).exists()
    reviewer = queries.queue(user("reviewer"))
    assert reviewer.filter(level=Level.DEPARTMENT, department__code="hrss").count() >= 2
    assert reviewer.filter(due_on__lt=today()).exists()
    assert ConsultationTask.objects.filter(department__code="hrss", done_at__isnull=True).exists()
    office = queries.queue(user("office"))
    assert office.filter(level=Level.CONSULTATION).count() >= 2


def test_the_hr_account_and_the_talent_account_have_cases_to_answer(demo):
    hr = user("hr")
    mine = queries.my_cases(hr)
    assert {CaseStatus.OPEN, CaseStatus.RESOLVED, CaseStatus.CLOSED} <= set(
        mine.values_list("status", flat=True)
    )
    assert mine.filter(status=CaseStatus.OPEN, reopen_count__gt=0).exists()
    assert mine.filter(status=CaseStatus.OPEN, level=Level.DEPARTMENT).exists()
    assert queries.queue(hr).filter(status=CaseStatus.RESOLVED).exists()
    talent = user("talent")
    assert queries.queue(talent).filter(status=CaseStatus.RESOLVED).exists()
    assert queries.my_cases(talent).filter(status=CaseStatus.CLOSED).exists()


def test_what_happened_weeks_ago_is_not_news(demo):
    for username in ("grid", "office"):
        notifications = Notification.objects.filter(recipient__username=username)
        unread = notifications.filter(read_at__isnull=True).count()
        assert 0 < unread < notifications.filter(read_at__isnull=False).count()
