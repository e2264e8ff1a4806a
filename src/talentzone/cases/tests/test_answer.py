"""Resolution and the requester's answer: the requester confirms (and rates the service from 1
to 5) or reopens with a reason; a resolution nobody answers within ten working days is closed
by the scheduled task, without a rating."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from talentzone.cases import services, tasks
from talentzone.cases.choices import CaseEventKind, CaseStatus, Level
from talentzone.cases.models import Case, CaseEvent
from talentzone.cases.tests.conftest import MONDAY, NOW, at, codes, day
from talentzone.core.models import CalendarDay, Notification

pytestmark = pytest.mark.django_db

RESOLUTION = "已协调分配两套人才公寓。"


def confirm(desk, case, rating=5, actor=None, **fields):
    return services.case_confirm(
        actor=actor or desk.hr, case=case, rating=rating, now=at(day(3)), **fields
    )


# Resolving ------------------------------------------------------------------------------------


def test_resolving_says_what_was_done_and_asks_the_requester(desk):
    case = desk.raise_case()
    case = services.case_resolve(actor=desk.officer, case=case, resolution=RESOLUTION, now=NOW)
    assert (case.status, case.resolution) == (CaseStatus.RESOLVED, RESOLUTION)
    assert (case.resolved_at, case.resolved_by) == (NOW, desk.officer)
    assert CaseEvent.objects.get(case=case, kind=CaseEventKind.RESOLVED).note == RESOLUTION
    assert Notification.objects.filter(recipient=desk.hr, title__contains=case.number).exists()


def test_a_resolution_must_be_described(desk):
    case = desk.raise_case()
    with pytest.raises(ValidationError) as refused:
        services.case_resolve(actor=desk.officer, case=case, resolution="", now=NOW)
    assert codes(refused.value) == {"resolution": ["required"]}


@pytest.mark.parametrize("who", ["other_officer", "hr", "housing_staff", "leader"])
def test_only_those_working_the_level_resolve(desk, who):
    case = desk.raise_case()
    with pytest.raises(PermissionDenied):
        services.case_resolve(actor=getattr(desk, who), case=case, resolution="x", now=NOW)


def test_a_resolved_case_is_not_resolved_again(desk):
    case = desk.resolved()
    with pytest.raises(PermissionDenied):
        services.case_resolve(actor=desk.officer, case=case, resolution="again", now=NOW)


def test_the_database_wants_a_resolution_for_a_resolved_case(desk):
    case = desk.raise_case()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.RESOLVED, resolved_at=NOW)


# Confirming -----------------------------------------------------------------------------------


def test_the_requester_confirms_and_rates(desk):
    case = confirm(desk, desk.resolved(), rating=4, comment="响应很快")
    assert (case.status, case.rating, case.rating_comment) == (CaseStatus.CLOSED, 4, "响应很快")
    assert case.closed_at == at(day(3))
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.CONFIRMED).exists()
    told = Notification.objects.filter(recipient=desk.officer).latest("id")
    assert case.number in told.title and "4/5" in told.body


def test_a_talent_confirms_their_own_case(desk):
    case = desk.resolved(actor=desk.talent_user)
    assert confirm(desk, case, actor=desk.talent_user, rating="3").rating == 3


@pytest.mark.parametrize("rating", [0, 6, -1, None, "", "x", "4.5", 4.5, True])
def test_the_rating_is_a_whole_number_from_1_to_5(desk, rating):
    case = desk.resolved()
    with pytest.raises(ValidationError) as refused:
        confirm(desk, case, rating=rating)
    assert codes(refused.value) == {"rating": ["invalid"]}
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED


def test_the_database_refuses_a_rating_beyond_5(desk):
    case = confirm(desk, desk.resolved())
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(rating=6)


def test_the_database_refuses_a_rating_of_a_case_not_closed(desk):
    case = desk.resolved()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(rating=5)


@pytest.mark.parametrize("who", ["other_hr", "officer", "office", "talent_user"])
def test_only_the_requester_answers(desk, who):
    case = desk.resolved()
    with pytest.raises(PermissionDenied):
        confirm(desk, case, actor=getattr(desk, who))


def test_an_open_or_closed_case_is_not_answered(desk):
    with pytest.raises(PermissionDenied):
        confirm(desk, desk.raise_case())
    closed = confirm(desk, desk.resolved())
    with pytest.raises(PermissionDenied):
        confirm(desk, closed)
    with pytest.raises(PermissionDenied):
        services.case_reopen(actor=desk.hr, case=closed, reason="again", today=MONDAY, now=NOW)


# Reopening ------------------------------------------------------------------------------------


def test_reopening_opens_the_case_again_at_its_level(desk):
    case = desk.at_level(2)
    case = services.case_resolve(actor=desk.housing_staff, case=case, resolution=RESOLUTION)
    Notification.objects.all().delete()
    case = services.case_reopen(
        actor=desk.hr, case=case, reason="公寓仍未交付", today=day(3), now=at(day(3))
    )
    assert (case.status, case.level, case.department) == (CaseStatus.OPEN, 2, desk.housing)
    assert (case.resolution, case.resolved_at, case.resolved_by) == ("", None, None)
    assert (case.level_since, case.reopen_count) == (day(3), 1)
    # The resolution stays in the timeline.
    assert CaseEvent.objects.get(case=case, kind=CaseEventKind.RESOLVED).note == RESOLUTION
    assert CaseEvent.objects.get(case=case, kind=CaseEventKind.REOPENED).note == "公寓仍未交付"
    # Those working the level are told, not the grid team it left.
    assert list(Notification.objects.values_list("recipient", flat=True)) == [desk.housing_staff.pk]


def test_a_reason_is_required_to_reopen(desk):
    case = desk.resolved()
    with pytest.raises(ValidationError) as refused:
        services.case_reopen(actor=desk.hr, case=case, reason=" ", today=MONDAY, now=NOW)
    assert codes(refused.value) == {"reason": ["required"]}


def test_a_case_reopened_twice_counts_both(desk):
    case = desk.resolved()
    for _ in range(2):
        case = services.case_reopen(actor=desk.hr, case=case, reason="没解决", today=MONDAY)
        case = services.case_resolve(actor=desk.officer, case=case, resolution=RESOLUTION)
    assert case.reopen_count == 2 and case.level == Level.GRID


# Closing the unanswered ----------------------------------------------------------------------


def test_an_unanswered_resolution_closes_after_ten_working_days(desk):
    case = desk.resolved(on=MONDAY)  # answer by Monday 15 June
    assert services.close_unanswered(today=day(15), now=at(day(15), 23)) == 0
    assert services.close_unanswered(today=day(16), now=at(day(16), 2)) == 1
    case.refresh_from_db()
    assert (case.status, case.rating, case.closed_at) == (CaseStatus.CLOSED, None, at(day(16), 2))
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.AUTO_CLOSED)
    assert event.actor is None
    assert services.close_unanswered(today=day(17), now=at(day(17), 2)) == 0


def test_a_holiday_gives_the_requester_a_day_more(desk):
    CalendarDay.objects.create(date=day(5), working=False, name="假日")
    desk.resolved(on=MONDAY)
    assert services.close_unanswered(today=day(16), now=at(day(16), 2)) == 0
    assert services.close_unanswered(today=day(17), now=at(day(17), 2)) == 1


def test_answered_and_open_cases_are_not_closed(desk):
    confirmed = confirm(desk, desk.resolved())
    reopened = services.case_reopen(
        actor=desk.hr, case=desk.resolved(), reason="没解决", today=MONDAY, now=NOW
    )
    assert services.close_unanswered(today=day(30), now=at(day(30))) == 0
    reopened.refresh_from_db()
    assert reopened.status == CaseStatus.OPEN
    assert Case.objects.get(pk=confirmed.pk).rating == 5


def test_the_celery_task_runs_the_service(desk):
    desk.resolved(on=MONDAY)
    assert tasks.close_unanswered.run("2026-06-16") == 1
